//! Small DOM helpers shared by the web layer.

use js_sys::Reflect;
use wasm_bindgen::JsValue;
use web_sys::{Document, Element, Window};

/// The result type of fallible DOM work: the error is the JavaScript exception.
pub type Js<T> = Result<T, JsValue>;

thread_local! {
    // Looked up once: each lookup is a call into the browser (`instanceof Window`), and the
    // widget asks for them hundreds of times. A window's document never changes.
    static WINDOW: Option<Window> = web_sys::window();
    static DOCUMENT: Option<Document> = WINDOW.with(|w| w.as_ref().and_then(Window::document));
}

/// The window, or an error when there is none (workers, detached contexts).
pub fn window() -> Js<Window> {
    WINDOW
        .with(Clone::clone)
        .ok_or_else(|| JsValue::from_str("no window"))
}

/// The document.
pub fn document() -> Js<Document> {
    DOCUMENT
        .with(Clone::clone)
        .ok_or_else(|| JsValue::from_str("no document"))
}

/// Logs an error on the console, prefixed with the widget's name.
pub fn log_error(message: &str) {
    web_sys::console::error_1(&JsValue::from_str(message));
}

/// Logs an error that came back from the DOM.
pub fn log_js_error(context: &str, error: &JsValue) {
    let mut text = String::from("bzconsent: ");
    text.push_str(context);
    web_sys::console::error_2(&JsValue::from_str(&text), error);
}

/// Creates an element with attributes and (plain) text.
pub fn el(doc: &Document, tag: &str, attrs: &[(&str, &str)], text: &str) -> Js<Element> {
    let e = doc.create_element(tag)?;
    for (name, value) in attrs {
        e.set_attribute(name, value)?;
    }
    if !text.is_empty() {
        e.set_text_content(Some(text));
    }
    Ok(e)
}

/// Reads a property of a JavaScript object; `undefined` for `undefined` and `null`.
///
/// Reading from those would throw, and a thrown exception is expensive here: the engine builds
/// its stack trace, for which V8 re-parses the whole release file (about 10 ms at start-up).
pub fn get(target: &JsValue, key: &str) -> JsValue {
    if target.is_null_or_undefined() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Sets a property of a JavaScript object, ignoring failure (frozen objects).
pub fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}
