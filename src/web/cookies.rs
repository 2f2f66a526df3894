//! The cookie guard: writes of known tracker cookies are dropped until their category is
//! accepted, whether through `document.cookie` or `cookieStore.set`; on withdrawal they are
//! deleted on every path and domain the page can reach.

use super::dom::{self, Js};
use super::{allows, with};
use crate::core::decision;
use js_sys::{Array, Function, Promise};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

/// The browser's own `document.cookie` accessors, kept for the widget's reads and deletes.
struct Native {
    get: Function,
    set: Function,
}

thread_local! {
    static NATIVE: RefCell<Option<Native>> = const { RefCell::new(None) };
    /// Cookies the catalogue does not know: name and when first seen (ms since epoch).
    static UNKNOWN: RefCell<Vec<(String, f64)>> = const { RefCell::new(Vec::new()) };
    /// What was held back: (kind, name or URL, service).
    static BLOCKED: RefCell<Vec<(&'static str, String, String)>> = const { RefCell::new(Vec::new()) };
}

/// Notes something held back, for `bzconsent.blocked()` (bounded, duplicates skipped).
pub fn note_blocked(kind: &'static str, what: &str, service: &str) {
    BLOCKED.with(|b| {
        if let Ok(mut list) = b.try_borrow_mut() {
            if list.len() < 500 && !list.iter().any(|(k, w, _)| *k == kind && w == what) {
                list.push((kind, what.to_owned(), service.to_owned()));
            }
        }
    });
}

/// Everything held back so far, as `[{kind, name, service}]`.
pub fn blocked() -> Array {
    let out = Array::new();
    BLOCKED.with(|b| {
        if let Ok(list) = b.try_borrow() {
            for (kind, what, service) in list.iter() {
                out.push(&dom::object(&[
                    ("kind", &JsValue::from_str(kind)),
                    ("name", &JsValue::from_str(what)),
                    ("service", &JsValue::from_str(service)),
                ]));
            }
        }
    });
    out
}

/// Cookies seen that no service claims, as `[{name, firstSeen}]` (ISO time).
pub fn unknown() -> Array {
    let out = Array::new();
    UNKNOWN.with(|u| {
        if let Ok(list) = u.try_borrow() {
            for (name, time) in list.iter() {
                out.push(&dom::object(&[
                    ("name", &JsValue::from_str(name)),
                    (
                        "firstSeen",
                        &JsValue::from_str(&crate::core::record::format_iso(*time)),
                    ),
                ]));
            }
        }
    });
    out
}

fn note_unknown(name: &str) {
    if name.is_empty() || name == crate::core::record::STORAGE_KEY {
        return;
    }
    UNKNOWN.with(|u| {
        if let Ok(mut list) = u.try_borrow_mut() {
            if list.len() < 500 && !list.iter().any(|(n, _)| n == name) {
                list.push((name.to_owned(), dom::now_ms()));
            }
        }
    });
}

/// The name of the cookie a `document.cookie` assignment writes.
fn cookie_name(assignment: &str) -> &str {
    let pair = assignment.split(';').next().unwrap_or("");
    match pair.find('=') {
        Some(i) => pair[..i].trim(),
        None => "",
    }
}

/// Whether an assignment only deletes (expired or zero max-age): always let those through.
fn is_deletion(assignment: &str) -> bool {
    let mut attrs = assignment.split(';');
    // The first part is the name=value pair.
    attrs.next();
    attrs.any(|attr| {
        let attr = attr.trim().to_ascii_lowercase();
        attr.strip_prefix("max-age=").is_some_and(|v| {
            v.trim().starts_with('-') || v.trim().trim_start_matches('0').is_empty()
        }) || attr.starts_with("expires=") && attr.as_bytes().windows(4).any(|w| w == b"1970")
    })
}

/// Whether a cookie of this name may be written now; notes unknown and blocked names.
pub fn may_write(name: &str, deletion: bool) -> bool {
    let owner = with(|app| {
        decision::cookie_owner(&app.config, name).map(|o| (o.category, o.service.to_owned()))
    });
    match owner {
        // State busy or not started: fail closed for everything but deletions.
        None => deletion,
        Some(None) => {
            note_unknown(name);
            true
        }
        Some(Some((category, service))) => {
            let ok = deletion || allows(Some(category), Some(&service));
            if !ok {
                note_blocked("cookie", name, &service);
            }
            ok
        }
    }
}

/// Installs the guard on `document.cookie` and `cookieStore.set`.
pub fn install() {
    if let Err(e) = install_document_cookie() {
        dom::log_js_error("could not guard document.cookie", &e);
    }
    install_cookie_store();
}

fn cookie_trap(target: &Function, this: &JsValue, args: &Array) -> Js<JsValue> {
    let Some(value) = args.get(0).as_string() else {
        return Ok(JsValue::UNDEFINED);
    };
    if may_write(cookie_name(&value), is_deletion(&value)) {
        target.call1(this, &JsValue::from_str(&value))?;
    }
    Ok(JsValue::UNDEFINED)
}

fn cookie_store_trap(target: &Function, this: &JsValue, args: &Array) -> Js<JsValue> {
    let first = args.get(0);
    let name = first
        .as_string()
        .or_else(|| dom::get(&first, "name").as_string())
        .unwrap_or_default();
    let expires = dom::get(&first, "expires");
    let deletion = expires.as_f64().is_some_and(|t| t < dom::now_ms());
    if may_write(&name, deletion) {
        return dom::pass(target, this, args);
    }
    Ok(Promise::resolve(&JsValue::UNDEFINED).into())
}

fn install_document_cookie() -> Js<()> {
    let proto = dom::proto("Document").ok_or_else(|| JsValue::from_str("no Document"))?;
    let (Some(get), Some(set)) = (
        dom::accessor(&proto, "cookie", "get"),
        dom::accessor(&proto, "cookie", "set"),
    ) else {
        return Err(JsValue::from_str("no cookie accessor"));
    };
    // On the prototype, so that calling its setter directly is guarded too.
    dom::hook_setter(&proto, "cookie", cookie_trap);
    // The page's own accessor on `document`, defined before the widget (a cookie logger,
    // another tool) and built on the unguarded original: guarded too.
    let doc = dom::document()?;
    let own = js_sys::Object::get_own_property_descriptor(&doc, &JsValue::from_str("cookie"));
    if dom::get(&own, "set").is_function() {
        if dom::get(&own, "configurable").is_truthy() {
            dom::hook_setter(&doc, "cookie", cookie_trap);
        } else {
            dom::log_error("bzconsent: the page's own document.cookie cannot be guarded (it is not configurable); cookies written through it are not blocked");
        }
    }
    NATIVE.with(|n| {
        if let Ok(mut slot) = n.try_borrow_mut() {
            *slot = Some(Native { get, set });
        }
    });
    Ok(())
}

fn install_cookie_store() {
    if let Some(proto) = dom::proto("CookieStore") {
        dom::hook_method(&proto, "set", cookie_store_trap);
    }
}

/// The page's cookies as the browser reports them (the guard's reads bypass nothing).
fn cookie_names() -> Vec<String> {
    let text = NATIVE.with(|n| {
        let n = n.try_borrow().ok()?;
        let native = n.as_ref()?;
        let doc = dom::document().ok()?;
        native.get.call0(&doc).ok()?.as_string()
    });
    text.unwrap_or_default()
        .split(';')
        .map(|pair| pair.split('=').next().unwrap_or("").trim().to_owned())
        .filter(|name| !name.is_empty())
        .collect()
}

/// Deletes every known cookie whose category is not accepted now.
pub fn clean_up() {
    for name in cookie_names() {
        let owner = with(|app| {
            decision::cookie_owner(&app.config, &name)
                .map(|o| app.consent.allows(Some(o.category), Some(o.service)))
        })
        .flatten();
        if owner == Some(false) {
            delete(&name);
        }
    }
}

/// Writes a cookie through the browser's own setter (the widget's own cookies).
pub fn write_native(assignment: &str) {
    NATIVE.with(|n| {
        if let (Ok(n), Ok(doc)) = (n.try_borrow(), dom::document()) {
            if let Some(native) = n.as_ref() {
                let _ = native.set.call1(&doc, &JsValue::from_str(assignment));
            }
        }
    });
}

/// Deletes a cookie on every path and domain variant the page can reach.
fn delete(name: &str) {
    let Ok(window) = dom::window() else { return };
    let location = window.location();
    let host = location.hostname().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    let mut paths = vec![String::from("/")];
    let mut prefix = String::new();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        prefix.push('/');
        prefix.push_str(segment);
        paths.push(prefix.clone());
        let mut slash = prefix.clone();
        slash.push('/');
        paths.push(slash);
    }
    let mut domains = vec![String::new()];
    if !host.is_empty() && host.parse::<std::net::Ipv4Addr>().is_err() && !host.contains(':') {
        let mut rest = host.as_str();
        loop {
            domains.push(rest.to_owned());
            let mut dotted = String::from(".");
            dotted.push_str(rest);
            domains.push(dotted);
            match rest.find('.') {
                Some(i) => rest = &rest[i + 1..],
                None => break,
            }
        }
    }
    NATIVE.with(|n| {
        let Ok(n) = n.try_borrow() else { return };
        let (Some(native), Ok(doc)) = (n.as_ref(), dom::document()) else {
            return;
        };
        for domain in &domains {
            for path in &paths {
                let mut s = String::from(name);
                s.push_str("=; expires=Thu, 01 Jan 1970 00:00:00 GMT; max-age=0; path=");
                s.push_str(path);
                if !domain.is_empty() {
                    s.push_str("; domain=");
                    s.push_str(domain);
                }
                let _ = native.set.call1(&doc, &JsValue::from_str(&s));
            }
        }
    });
}
