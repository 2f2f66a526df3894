//! Google Consent Mode v2: the default state is pushed to `dataLayer` synchronously at start,
//! before any tag can run, and an update after every choice (and at start for a returning
//! visitor).

use super::dom;
use crate::core::category::Category;
use js_sys::{Array, Function, Object};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// `function(){return arguments}`, defined beside the boot lines: gtag.js only reads
    /// commands pushed as an `arguments` object, which no Rust or built-in code can make.
    #[wasm_bindgen(catch, js_name = __bzArgs)]
    fn arguments(a: &JsValue, b: &JsValue, c: &JsValue) -> Result<JsValue, JsValue>;
}

/// The Consent Mode signals a category controls.
fn signals(category: Category) -> &'static [&'static str] {
    match category {
        Category::Necessary => &["security_storage"],
        Category::Preferences => &["functionality_storage", "personalization_storage"],
        Category::Analytics => &["analytics_storage"],
        Category::Marketing => &["ad_storage", "ad_user_data", "ad_personalization"],
    }
}

fn push(command: &str, action: &str, params: &JsValue) {
    let Ok(window) = dom::window() else { return };
    let mut layer = dom::get(&window, "dataLayer");
    if !Array::is_array(&layer) {
        layer = Array::new().into();
        dom::set(&window, "dataLayer", &layer);
    }
    let (a, b) = (JsValue::from_str(command), JsValue::from_str(action));
    let entry = arguments(&a, &b, params).unwrap_or_else(|_| Array::of3(&a, &b, params).into());
    if let Ok(push) = dom::get(&layer, "push").dyn_into::<Function>() {
        let _ = push.call1(&layer, &entry);
    }
}

fn state(flags: [bool; 4]) -> Object {
    let params = Object::new();
    for category in Category::ALL {
        let value = if flags[category.index()] {
            "granted"
        } else {
            "denied"
        };
        for signal in signals(category) {
            dom::set(&params, signal, &JsValue::from_str(value));
        }
    }
    params
}

/// At start: everything denied but `security_storage`, then the visitor's choice if any.
pub fn start(flags: [bool; 4], has_choice: bool, wait_for_update: u32, redact: bool) {
    let params = state([true, false, false, false]);
    if wait_for_update > 0 {
        dom::set(&params, "wait_for_update", &JsValue::from(wait_for_update));
    }
    push("consent", "default", &params);
    push("set", "ads_data_redaction", &JsValue::from_bool(redact));
    if has_choice {
        update(flags);
    }
}

/// After a choice.
pub fn update(flags: [bool; 4]) {
    push("consent", "update", &state(flags));
}
