//! Small DOM helpers shared by the web layer.

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
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

/// The prototype of a global constructor, e.g. `proto("Document")`.
pub fn proto(constructor: &str) -> Option<Object> {
    let window = window().ok()?;
    let ctor = get(&window, constructor);
    let proto = get(&ctor, "prototype");
    proto.dyn_into::<Object>().ok()
}

/// Wraps `target` in a Proxy whose `apply` trap is `trap(target, this, args)`.
pub fn proxy_apply(target: &Function, trap: &Function) -> Function {
    let handler = Object::new();
    set(&handler, "apply", trap);
    js_sys::Proxy::new(target, &handler).unchecked_into()
}

/// A descriptor property of an own property of `obj`, e.g. the `set` of `Document.prototype.cookie`.
pub fn accessor(obj: &Object, name: &str, part: &str) -> Option<Function> {
    let desc = Object::get_own_property_descriptor(obj, &JsValue::from_str(name));
    get(&desc, part).dyn_into::<Function>().ok()
}

/// Builds a plain `{key: value, …}` object.
pub fn object(entries: &[(&str, &JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in entries {
        set(&o, k, v);
    }
    o
}

/// The current time in milliseconds since the Unix epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// A random UUID v4 (from `crypto.getRandomValues`, which needs no secure context).
pub fn uuid() -> String {
    let mut bytes = [0u8; 16];
    let filled = window()
        .ok()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok())
        .is_some();
    if !filled {
        for b in bytes.iter_mut() {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(36);
    for (i, b) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    out
}

/// A hook's body: `(original, this, arguments)` → the value the page's call returns, or the
/// exception it throws (thrown by wasm-bindgen's glue after Rust has returned).
pub type Trap = fn(&Function, &JsValue, &js_sys::Array) -> Js<JsValue>;

/// A JavaScript function usable as a Proxy `apply` trap that runs `trap`.
pub fn trap_fn(trap: Trap) -> Function {
    let closure = wasm_bindgen::closure::Closure::<
        dyn Fn(Function, JsValue, js_sys::Array) -> Js<JsValue>,
    >::new(
        move |target: Function, this: JsValue, args: js_sys::Array| trap(&target, &this, &args),
    );
    closure.into_js_value().unchecked_into()
}

/// Replaces the method `proto[name]` with a Proxy of it whose calls go through `trap`.
pub fn hook_method(proto: &Object, name: &str, trap: Trap) {
    let Ok(original) = get(proto, name).dyn_into::<Function>() else {
        return;
    };
    set(proto, name, &proxy_apply(&original, &trap_fn(trap)));
}

/// Replaces the setter of the accessor `proto[name]` with a Proxy of it going through `trap`.
pub fn hook_setter(proto: &Object, name: &str, trap: Trap) {
    let key = JsValue::from_str(name);
    let desc = Object::get_own_property_descriptor(proto, &key);
    let Ok(setter) = get(&desc, "set").dyn_into::<Function>() else {
        return;
    };
    set(&desc, "set", &proxy_apply(&setter, &trap_fn(trap)));
    let _ = Reflect::define_property(proto, &key, desc.unchecked_ref());
}

/// Calls the original a hook wraps, with the page's `this` and arguments.
pub fn pass(target: &Function, this: &JsValue, args: &js_sys::Array) -> Js<JsValue> {
    Reflect::apply(target, this, args)
}
