//! The web layer in a real browser (wasm-bindgen-test, headless Chromium): real cookies, real
//! localStorage, real scripts. The widget has booted on the test page before these run.

use super::storage::Store;
use super::{accept_all, allows, choose, dom, reject_all, reset};
use crate::core::category::Category;
use crate::core::record::{Method, STORAGE_KEY};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Boots the widget on the test page once (the test harness does not run the start function).
fn booted() {
    if super::with(|_| ()).is_none() {
        super::boot();
    }
}

fn cookies() -> String {
    dom::document()
        .ok()
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        .and_then(|d| d.cookie().ok())
        .unwrap_or_default()
}

fn set_cookie(value: &str) {
    let doc = dom::document().unwrap();
    // Through the page's `document.cookie` (the guarded property), as a site script would.
    js_sys::Reflect::set(&doc, &"cookie".into(), &value.into()).unwrap();
}

fn global(name: &str) -> wasm_bindgen::JsValue {
    dom::get(&dom::window().unwrap(), name)
}

async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        dom::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
fn choice_is_stored_in_local_storage_in_the_contract_format() {
    booted();
    reset();
    accept_all();
    let stored = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item(STORAGE_KEY)
        .unwrap()
        .unwrap();
    assert!(stored.starts_with("{\"schema\":1,\"revision\":1,\"id\":\""));
    assert!(stored.ends_with("\"method\":\"accept-all\"}"));
    let mut store = Store::open();
    assert!(store.persistent());
    assert_eq!(store.read().as_deref(), Some(stored.as_str()));
    booted();
    reset();
    assert_eq!(Store::open().read(), None);
}

#[wasm_bindgen_test]
fn tracker_cookies_are_dropped_until_accepted_and_deleted_on_withdrawal() {
    booted();
    reset();
    set_cookie("_ga=GA1.1.123.456; path=/");
    set_cookie("_gid=GA1.1.9; path=/");
    assert!(!cookies().contains("_ga="), "{}", cookies());
    assert!(!cookies().contains("_gid="));
    accept_all();
    set_cookie("_ga=GA1.1.123.456; path=/");
    assert!(cookies().contains("_ga=GA1.1.123.456"));
    reject_all();
    assert!(!cookies().contains("_ga="), "{}", cookies());
    set_cookie("_ga=again; path=/");
    assert!(!cookies().contains("_ga="));
    booted();
    reset();
}

#[wasm_bindgen_test]
fn unknown_cookies_pass_and_are_listed() {
    booted();
    reset();
    set_cookie("bz_site_cart=3; path=/");
    assert!(cookies().contains("bz_site_cart=3"));
    let listed = super::cookies::unknown();
    let names: Vec<String> = listed
        .iter()
        .map(|o| dom::get(&o, "name").as_string().unwrap_or_default())
        .collect();
    assert!(names.contains(&"bz_site_cart".to_owned()), "{names:?}");
    set_cookie("bz_site_cart=; max-age=0; path=/");
}

#[wasm_bindgen_test]
async fn held_back_script_runs_once_after_its_category_is_accepted() {
    booted();
    reset();
    let doc = dom::document().unwrap();
    let script = dom::el(
        &doc,
        "script",
        &[("type", "text/plain"), ("data-category", "analytics")],
        "window.__heldRuns = (window.__heldRuns || 0) + 1;",
    )
    .unwrap();
    doc.body().unwrap().append_child(&script).unwrap();
    tick().await;
    assert!(global("__heldRuns").is_undefined());
    reject_all();
    tick().await;
    assert!(global("__heldRuns").is_undefined());
    choose([true, false, true, false], &[], Method::Custom);
    // The queue may still wait on an external script another test activated: poll.
    for _ in 0..100 {
        if global("__heldRuns").as_f64().is_some() {
            break;
        }
        tick().await;
    }
    assert_eq!(global("__heldRuns").as_f64(), Some(1.0));
    accept_all();
    tick().await;
    assert_eq!(global("__heldRuns").as_f64(), Some(1.0));
    booted();
    reset();
}

#[wasm_bindgen_test]
async fn unmarked_tracker_script_added_by_code_is_held_back() {
    booted();
    reset();
    let doc = dom::document().unwrap();
    let script = dom::el(
        &doc,
        "script",
        &[("src", "https://www.googletagmanager.com/gtag/js?id=G-TEST")],
        "",
    )
    .unwrap();
    doc.body().unwrap().append_child(&script).unwrap();
    tick().await;
    let held = doc
        .query_selector("script[data-bz-type][data-category=\"analytics\"]")
        .unwrap();
    assert!(held.is_some(), "the script was not held back");
    booted();
    reset();
}

#[wasm_bindgen_test]
fn decisions_follow_the_choice() {
    booted();
    reset();
    assert!(allows(Some(Category::Necessary), None));
    assert!(!allows(Some(Category::Analytics), None));
    choose(
        [true, true, false, false],
        &[("youtube".into(), true)],
        Method::Custom,
    );
    assert!(allows(Some(Category::Preferences), None));
    assert!(!allows(Some(Category::Marketing), None));
    assert!(allows(Some(Category::Marketing), Some("youtube")));
    booted();
    reset();
    assert!(!allows(Some(Category::Preferences), None));
}

#[wasm_bindgen_test]
fn the_api_never_throws_on_odd_arguments() {
    booted();
    let api = global("bzconsent");
    for (name, arg) in [
        ("acceptedCategory", wasm_bindgen::JsValue::from(42)),
        ("acceptedService", wasm_bindgen::JsValue::NULL),
        ("accept", wasm_bindgen::JsValue::from_str("analytics")),
        ("getRecord", wasm_bindgen::JsValue::UNDEFINED),
    ] {
        let f: js_sys::Function = dom::get(&api, name).unchecked_into();
        assert!(f.call1(&api, &arg).is_ok(), "{name}");
    }
    booted();
    reset();
}

#[wasm_bindgen_test]
fn uuids_are_version_4() {
    let id = dom::uuid();
    assert_eq!(id.len(), 36);
    assert_eq!(&id[14..15], "4");
    assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"));
    assert_ne!(id, dom::uuid());
}

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

#[wasm_bindgen_test]
fn tracker_storage_keys_are_held_back_and_removed_on_withdrawal() {
    booted();
    reset();
    let storage = local_storage();
    storage.set_item("_ym_uid", "123").unwrap();
    storage.set_item("site_cart", "3").unwrap();
    assert_eq!(storage.get_item("_ym_uid").unwrap(), None);
    assert_eq!(storage.get_item("site_cart").unwrap().as_deref(), Some("3"));
    accept_all();
    storage.set_item("_ym_uid", "123").unwrap();
    assert_eq!(storage.get_item("_ym_uid").unwrap().as_deref(), Some("123"));
    reject_all();
    assert_eq!(storage.get_item("_ym_uid").unwrap(), None);
    storage.remove_item("site_cart").unwrap();
    reset();
}

#[wasm_bindgen_test]
async fn fetch_to_a_collector_fails_like_a_blocked_request_before_consent() {
    booted();
    reset();
    let window = dom::window().unwrap();
    let promise = window.fetch_with_str("https://region1.google-analytics.com/g/collect?v=2");
    let result = wasm_bindgen_futures::JsFuture::from(promise).await;
    let error = result.expect_err("the request was not held back");
    assert!(error.is_instance_of::<js_sys::TypeError>());
    let blocked = super::cookies::blocked();
    assert!(blocked
        .iter()
        .any(|b| dom::get(&b, "kind").as_string().as_deref() == Some("request")));
}

#[wasm_bindgen_test]
fn consent_mode_default_then_updates_reach_the_data_layer() {
    booted();
    let layer: js_sys::Array = global("dataLayer").unchecked_into();
    let default = layer
        .iter()
        .find(|e| {
            js_sys::Reflect::get(e, &1.into())
                .ok()
                .and_then(|v| v.as_string())
                .as_deref()
                == Some("default")
        })
        .expect("no consent default in dataLayer");
    let params = js_sys::Reflect::get(&default, &2.into()).unwrap();
    assert_eq!(
        dom::get(&params, "analytics_storage")
            .as_string()
            .as_deref(),
        Some("denied")
    );
    assert_eq!(
        dom::get(&params, "security_storage").as_string().as_deref(),
        Some("granted")
    );
    let before = layer.length();
    accept_all();
    assert_eq!(layer.length(), before + 1);
    let update = layer.get(before);
    let params = js_sys::Reflect::get(&update, &2.into()).unwrap();
    assert_eq!(
        dom::get(&params, "ad_storage").as_string().as_deref(),
        Some("granted")
    );
    reset();
}
