//! `window.bzconsent`, the site's JavaScript API, and the events the widget dispatches.
//! Every entry point returns normally: nothing the widget does throws into the page.

use super::dom;
use super::{cookies, ui, with};
use crate::core::category::Category;
use crate::core::record::Method;
use js_sys::{Array, Function, Object};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CustomEvent, CustomEventInit, Window};

/// Defines `window.bzconsent`.
pub fn install(window: &Window) {
    let api = Object::new();
    method1(&api, "acceptedCategory", |name| {
        let ok = name
            .as_string()
            .and_then(|n| Category::from_name(&n))
            .is_some_and(|c| super::allows(Some(c), None));
        JsValue::from_bool(ok)
    });
    method1(&api, "acceptedService", |name| {
        let Some(id) = name.as_string() else {
            return JsValue::FALSE;
        };
        let ok = with(|app| {
            let category = crate::core::decision::service_category(&app.config, &id);
            app.consent.allows(category, Some(&id))
        });
        JsValue::from_bool(ok.unwrap_or(false))
    });
    method0(&api, "acceptAll", super::accept_all);
    method0(&api, "rejectAll", super::reject_all);
    method1(&api, "accept", |list| {
        let mut categories = [true, false, false, false];
        if let Ok(list) = list.dyn_into::<Array>() {
            for name in list.iter().filter_map(|n| n.as_string()) {
                match Category::from_name(&name) {
                    Some(c) => categories[c.index()] = true,
                    None => {
                        let mut msg = String::from("bzconsent.accept: unknown category `");
                        msg.push_str(&name);
                        msg.push('`');
                        dom::log_error(&msg);
                    }
                }
            }
        }
        super::choose(categories, &[], Method::Custom);
        JsValue::UNDEFINED
    });
    method0(&api, "show", ui::show_banner);
    method0(&api, "showPreferences", ui::show_dialog);
    method0(&api, "hide", ui::hide);
    method0(&api, "reset", super::reset);
    method1(&api, "getRecord", |_| record_object());
    method1(&api, "unknownCookies", |_| cookies::unknown().into());
    method1(&api, "blocked", |_| cookies::blocked().into());
    publish(window, &api);
}

/// Puts the API at `window.bzconsent`. A value the page put there first is replaced (the name
/// is the widget's); when it cannot be, the page works without the API. Either way one error
/// says so, and the banner and blocking are unaffected.
fn publish(window: &Window, api: &Object) {
    let key = JsValue::from_str("bzconsent");
    let taken = Object::get_own_property_descriptor(window, &key).is_object();
    let _ = js_sys::Reflect::set(window, &key, api);
    if dom::get(window, "bzconsent") != JsValue::from(api) {
        dom::log_error(
            "bzconsent: window.bzconsent is taken by the page and cannot be replaced; the JavaScript API is unavailable (the banner and blocking still work)",
        );
    } else if taken {
        dom::log_error(
            "bzconsent: window.bzconsent was already defined by the page; it now holds the widget's API",
        );
    }
}

fn method0(api: &Object, name: &str, f: fn()) {
    let closure = Closure::<dyn Fn() -> JsValue>::new(move || {
        f();
        JsValue::UNDEFINED
    });
    dom::set(api, name, &closure.into_js_value());
}

fn method1(api: &Object, name: &str, f: fn(JsValue) -> JsValue) {
    let closure = Closure::<dyn Fn(JsValue) -> JsValue>::new(f);
    dom::set(api, name, &closure.into_js_value());
}

/// A fresh copy of the record as a plain object, or `null`.
pub fn record_object() -> JsValue {
    let json = with(|app| app.consent.record.as_ref().map(|r| r.to_json())).flatten();
    json.and_then(|j| js_sys::JSON::parse(&j).ok())
        .unwrap_or(JsValue::NULL)
}

/// Dispatches `bzconsent:change` with `{record, changed}`.
pub fn dispatch_change(changed: &[Category]) {
    let names: Array = changed
        .iter()
        .map(|c| JsValue::from_str(c.name()))
        .collect();
    let detail = dom::object(&[("record", &record_object()), ("changed", &names)]);
    dispatch("bzconsent:change", &detail);
}

/// Dispatches an event on `window`; listeners' exceptions stay theirs (reported, not thrown).
pub fn dispatch(name: &str, detail: &JsValue) {
    let Ok(window) = dom::window() else { return };
    let init = CustomEventInit::new();
    init.set_detail(detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = window.dispatch_event(&event);
    }
}

/// Calls `f` once the document is parsed (now, if it already is).
pub fn when_parsed(f: Function) {
    let Ok(doc) = dom::document() else { return };
    if doc.ready_state() == "loading" {
        let _ = doc.add_event_listener_with_callback("DOMContentLoaded", &f);
    } else {
        let _ = f.call0(&JsValue::UNDEFINED);
    }
}
