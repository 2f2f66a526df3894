//! The request guard: beacons, `fetch`, XHR and tracking pixels to a known tracker's hosts are
//! dropped until its category is accepted. A dropped `fetch` fails like a blocked network
//! request; a dropped beacon reports success; a dropped XHR is never sent and ends like one an
//! ad blocker stopped (`readyState` 4, `status` 0, then `readystatechange`, `error`, `loadend`),
//! so SDKs that wait for it (Mixpanel's batch sender) carry on and retry later.

use super::cookies::note_blocked;
use super::dom::{self, Js};
use super::scripts::refused;
use js_sys::{Array, Function, Promise, Reflect, WeakSet};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// XHRs opened to a refused URL: their `send` fails without a request.
    static REFUSED_XHR: RefCell<Option<WeakSet>> = const { RefCell::new(None) };
}

/// Installs the hooks.
pub fn install() {
    if let Some(proto) = dom::proto("Navigator") {
        dom::hook_method(&proto, "sendBeacon", beacon_trap);
    }
    if let Ok(window) = dom::window() {
        dom::hook_method(&window, "fetch", fetch_trap);
    }
    if let Some(proto) = dom::proto("XMLHttpRequest") {
        REFUSED_XHR.with(|s| {
            if let Ok(mut slot) = s.try_borrow_mut() {
                *slot = Some(WeakSet::new());
            }
        });
        dom::hook_method(&proto, "open", xhr_open_trap);
        dom::hook_method(&proto, "send", xhr_send_trap);
    }
    if let Some(proto) = dom::proto("HTMLImageElement") {
        dom::hook_setter(&proto, "src", pixel_trap);
        dom::hook_setter(&proto, "srcset", pixel_trap);
    }
}

/// The URL a `fetch`/`sendBeacon` argument names: a string, a `URL` or a `Request`.
fn url_of(value: &JsValue) -> Option<String> {
    value
        .as_string()
        .or_else(|| dom::get(value, "href").as_string())
        .or_else(|| dom::get(value, "url").as_string())
}

/// Whether a request to `url` is refused now (and notes it).
fn refuse(url: &str) -> bool {
    match refused(url) {
        Some((_, service)) => {
            note_blocked("request", url, &service);
            true
        }
        None => false,
    }
}

fn beacon_trap(target: &Function, this: &JsValue, args: &Array) -> Js<JsValue> {
    if url_of(&args.get(0)).is_some_and(|u| refuse(&u)) {
        return Ok(JsValue::TRUE);
    }
    dom::pass(target, this, args)
}

fn fetch_trap(target: &Function, this: &JsValue, args: &Array) -> Js<JsValue> {
    if url_of(&args.get(0)).is_some_and(|u| refuse(&u)) {
        let error =
            js_sys::TypeError::new("Failed to fetch (held back by bzconsent until consent)");
        return Ok(Promise::reject(&error).into());
    }
    dom::pass(target, this, args)
}

fn xhr_open_trap(target: &Function, this: &JsValue, args: &Array) -> Js<JsValue> {
    let refused = url_of(&args.get(1)).is_some_and(|u| refuse(&u));
    REFUSED_XHR.with(|s| {
        if let Ok(slot) = s.try_borrow() {
            if let (Some(set), Some(xhr)) = (slot.as_ref(), this.dyn_ref::<js_sys::Object>()) {
                if refused {
                    set.add(xhr);
                } else {
                    set.delete(xhr);
                }
                // Reused after a refused request: it shows its real state again.
                let _ = Reflect::delete_property(xhr, &JsValue::from_str("readyState"));
            }
        }
    });
    dom::pass(target, this, args)
}

fn xhr_send_trap(target: &Function, this: &JsValue, args: &Array) -> Js<JsValue> {
    let refused = REFUSED_XHR.with(|s| {
        s.try_borrow()
            .ok()
            .and_then(|slot| {
                let xhr = this.dyn_ref::<js_sys::Object>()?;
                Some(slot.as_ref()?.has(xhr))
            })
            .unwrap_or(false)
    });
    if refused {
        fail_xhr(this);
        return Ok(JsValue::UNDEFINED);
    }
    dom::pass(target, this, args)
}

/// Ends a refused XHR the way a network error (an ad blocker) ends one, after `send` has
/// returned: `readyState` 4 with `status` 0, then `readystatechange`, `error` and `loadend`, in
/// that order (timers of equal delay run in the order they were set).
fn fail_xhr(xhr: &JsValue) {
    let Ok(window) = dom::window() else { return };
    let define = dom::get(&dom::get(&window, "Reflect"), "defineProperty");
    let dispatch = dom::proto("EventTarget").map(|p| dom::get(&p, "dispatchEvent"));
    let (Ok(define), Some(Ok(dispatch))) = (
        define.dyn_into::<Function>(),
        dispatch.map(|d| d.dyn_into::<Function>()),
    ) else {
        return;
    };
    let done = dom::object(&[
        ("value", &JsValue::from_f64(4.0)),
        ("configurable", &JsValue::TRUE),
    ]);
    let readystate = define.bind3(&JsValue::NULL, xhr, &"readyState".into(), &done);
    let mut steps: Vec<JsValue> = vec![readystate.into()];
    for name in ["readystatechange", "error", "loadend"] {
        if let Ok(event) = web_sys::Event::new(name) {
            steps.push(dispatch.bind1(xhr, &event).into());
        }
    }
    for step in &steps {
        let _ =
            window.set_timeout_with_callback_and_timeout_and_arguments_0(step.unchecked_ref(), 0);
    }
}

fn pixel_trap(target: &Function, this: &JsValue, args: &Array) -> Js<JsValue> {
    let value = args.get(0).as_string().unwrap_or_default();
    // A srcset lists several URLs: refuse if any of them is refused.
    let refused = value
        .split(',')
        .filter_map(|candidate| candidate.split_whitespace().next())
        .any(refuse);
    if refused {
        return Ok(JsValue::UNDEFINED);
    }
    dom::pass(target, this, args)
}
