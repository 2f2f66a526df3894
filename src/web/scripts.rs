//! The script gate: scripts and embeds marked with `data-category` (and scripts from known
//! tracker hosts that nobody marked) wait until their category is accepted, then run once, in
//! document order, one at a time.

use super::cookies::note_blocked;
use super::dom::{self, Js};
use super::{allows, with};
use crate::core::category::Category;
use crate::core::decision;
use js_sys::Array;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlScriptElement, MutationObserver, MutationObserverInit, Node};

/// The type a held-back script carries.
const HELD: &str = "text/plain";
/// Where an automatically held-back script keeps its original `type`.
const ORIGINAL_TYPE: &str = "data-bz-type";
/// Set on a held-back script once it is queued, so it is queued once.
const QUEUED: &str = "data-bz-queued";
/// How long an external script may take before the next one runs anyway (Firefox fires neither
/// `load` nor `error` for a script its CSP refuses).
const LOAD_TIMEOUT_MS: i32 = 10_000;

thread_local! {
    static QUEUE: RefCell<VecDeque<Element>> = const { RefCell::new(VecDeque::new()) };
    /// The token of the external script being waited for; 0 when none.
    static WAITING: Cell<u32> = const { Cell::new(0) };
    static TOKENS: Cell<u32> = const { Cell::new(0) };
}

/// Watches the document for scripts and embeds, and handles those already there.
pub fn install(doc: &Document) {
    // Called for every node the parser adds: each step below is a call into the browser, so
    // the loop makes as few as it can (typed record access, text nodes skipped by their type).
    let callback = Closure::<dyn Fn(Array)>::new(|records: Array| {
        for i in 0..records.length() {
            let record: web_sys::MutationRecord = records.get(i).unchecked_into();
            let list = record.added_nodes();
            for j in 0..list.length() {
                if let Some(node) = list.item(j).filter(|n| n.node_type() == Node::ELEMENT_NODE) {
                    inspect_tree(node.unchecked_ref());
                }
            }
        }
        pump();
    });
    match MutationObserver::new(callback.as_ref().unchecked_ref()) {
        Ok(observer) => {
            let init = MutationObserverInit::new();
            init.set_child_list(true);
            init.set_subtree(true);
            if let Err(e) = observer.observe_with_options(doc, &init) {
                dom::log_js_error("could not watch the page", &e);
            }
        }
        Err(e) => dom::log_js_error("could not watch the page", &e),
    }
    callback.forget();
    if let Some(root) = doc.document_element() {
        inspect_tree(&root);
    }
    pump();
}

/// What the gate looks at: scripts, frames and embeds waiting for consent.
const WATCHED: &str = "script,iframe,[data-src]";

#[wasm_bindgen]
extern "C" {
    /// An element seen through `matches` and `querySelectorAll` taking the selector as a
    /// JavaScript string, made once, instead of a Rust `&str` copied out on every call.
    type Selectable;
    #[wasm_bindgen(method, catch)]
    fn matches(this: &Selectable, selectors: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(method, catch, js_name = querySelectorAll)]
    fn query_selector_all(
        this: &Selectable,
        selectors: &JsValue,
    ) -> Result<web_sys::NodeList, JsValue>;
}

thread_local! {
    static WATCHED_JS: JsValue = JsValue::from_str(WATCHED);
}

fn inspect_tree(el: &Element) {
    let watched = WATCHED_JS.with(Clone::clone);
    let selectable: &Selectable = el.unchecked_ref();
    if selectable.matches(&watched).unwrap_or(true) {
        inspect(el);
    }
    if el.first_element_child().is_none() {
        return;
    }
    if let Ok(list) = selectable.query_selector_all(&watched) {
        for i in 0..list.length() {
            if let Some(inner) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                inspect(&inner);
            }
        }
    }
}

/// The category and service an element is marked with.
fn marking(el: &Element) -> (Option<Category>, Option<String>) {
    let category = el
        .get_attribute("data-category")
        .and_then(|c| Category::from_name(&c));
    (category, el.get_attribute("data-service"))
}

fn inspect(el: &Element) {
    let tag = el.tag_name();
    if tag.eq_ignore_ascii_case("script") {
        inspect_script(el);
    } else if tag.eq_ignore_ascii_case("iframe") && !el.has_attribute("data-src") {
        if let Some(src) = el.get_attribute("src") {
            hold_frame(el, &src);
        }
    } else if el.has_attribute("data-src") && el.has_attribute("data-category") {
        let (category, service) = marking(el);
        if allows(category, service.as_deref()) {
            load_embed(el);
        } else {
            let what = el.get_attribute("data-src").unwrap_or_default();
            note_blocked("frame", &what, service.as_deref().unwrap_or(""));
            super::ui::placeholder::add(el);
        }
    }
}

/// Unloads embeds whose consent was withdrawn (a frame can be unloaded; a script cannot).
pub fn unload_refused() {
    let Ok(doc) = dom::document() else { return };
    let Ok(list) = doc.query_selector_all(
        "iframe[src][data-category],video[src][data-category],embed[src][data-category]",
    ) else {
        return;
    };
    for i in 0..list.length() {
        let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let (category, service) = marking(&el);
        if !allows(category, service.as_deref()) {
            if let Some(src) = el.get_attribute("src") {
                let _ = el.set_attribute("data-src", &src);
                let _ = el.remove_attribute("src");
                super::ui::placeholder::add(&el);
            }
        }
    }
}

/// Whether a `type` attribute value makes a script run.
fn runs_as_script(ty: Option<&str>) -> bool {
    match ty.map(|t| t.trim().to_ascii_lowercase()) {
        None => true,
        Some(t) => {
            t.is_empty()
                || t == "module"
                || t == "text/javascript"
                || t == "application/javascript"
                || t == "text/ecmascript"
                || t == "application/ecmascript"
                || t == "text/jscript"
                || t == "text/livescript"
        }
    }
}

fn inspect_script(el: &Element) {
    let ty = el.get_attribute("type");
    if ty.as_deref() == Some(HELD) && el.has_attribute("data-category") {
        let (category, service) = marking(el);
        if allows(category, service.as_deref()) {
            enqueue(el);
        } else {
            let what = el.get_attribute("src");
            let what = what.as_deref().unwrap_or("inline script");
            note_blocked("script", what, service.as_deref().unwrap_or(""));
        }
        return;
    }
    if !runs_as_script(ty.as_deref()) {
        return;
    }
    let Some(src) = el.get_attribute("src") else {
        return;
    };
    if let Some((category, service)) = refused(&src) {
        hold(el, ty.as_deref().unwrap_or(""), category, &service);
        note_blocked("script", &src, &service);
    }
}

/// Turns a script the site did not mark into a held-back one.
pub fn hold(el: &Element, original_type: &str, category: Category, service: &str) {
    let _ = el.set_attribute(ORIGINAL_TYPE, original_type);
    let _ = el.set_attribute("type", HELD);
    let _ = el.set_attribute("data-category", category.name());
    if !service.is_empty() && !el.has_attribute("data-service") {
        let _ = el.set_attribute("data-service", service);
    }
}

fn load_embed(el: &Element) {
    super::ui::placeholder::remove(el);
    if let Some(src) = el.get_attribute("data-src") {
        let _ = el.remove_attribute("data-src");
        let _ = el.set_attribute("src", &src);
    }
}

fn enqueue(el: &Element) {
    if el.has_attribute(QUEUED) {
        return;
    }
    let _ = el.set_attribute(QUEUED, "");
    QUEUE.with(|q| {
        if let Ok(mut q) = q.try_borrow_mut() {
            q.push_back(el.clone());
        }
    });
}

/// Activates everything on the page that the consent now allows, in document order.
pub fn activate_allowed() {
    let Ok(doc) = dom::document() else { return };
    if let Ok(list) = doc
        .query_selector_all("script[type=\"text/plain\"][data-category],[data-src][data-category]")
    {
        for i in 0..list.length() {
            if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                inspect(&el);
            }
        }
    }
    pump();
}

/// Runs queued scripts one at a time; an external one holds the queue until it loads or fails.
fn pump() {
    loop {
        if WAITING.with(Cell::get) != 0 {
            return;
        }
        let next = QUEUE.with(|q| q.try_borrow_mut().ok()?.pop_front());
        let Some(old) = next else { return };
        match run(&old) {
            Ok(Some(script)) => wait_for(&script, &old),
            Ok(None) => {}
            Err(e) => dom::log_js_error("could not run a script", &e),
        }
    }
}

/// Replaces a held-back script with a live copy. Returns the copy if it is external.
fn run(old: &Element) -> Js<Option<Element>> {
    if !old.is_connected() {
        return Ok(None);
    }
    let (category, service) = marking(old);
    if !allows(category, service.as_deref()) {
        let _ = old.remove_attribute(QUEUED);
        return Ok(None);
    }
    let doc = dom::document()?;
    let script: HtmlScriptElement = doc.create_element("script")?.unchecked_into();
    let attrs = old.get_attribute_names();
    let mut ty = String::new();
    for name in attrs.iter().filter_map(|n| n.as_string()) {
        let value = old.get_attribute(&name).unwrap_or_default();
        match name.as_str() {
            "type" | "src" | "nonce" | QUEUED => {}
            ORIGINAL_TYPE | "data-type" => ty = value,
            _ => script.set_attribute(&name, &value)?,
        }
    }
    if !ty.is_empty() {
        script.set_type(&ty);
    }
    let old_script: &HtmlScriptElement = old.unchecked_ref();
    let mut nonce = old_script.nonce();
    if nonce.is_empty() {
        nonce = with(|app| app.nonce.clone()).unwrap_or_default();
    }
    if !nonce.is_empty() {
        script.set_nonce(&nonce);
    }
    let external = old.get_attribute("src");
    match &external {
        Some(src) => script.set_attribute("src", src)?,
        None => script.set_text(&old_script.text()?)?,
    }
    let Some(parent) = old.parent_node() else {
        return Ok(None);
    };
    parent.replace_child(&script, old)?;
    Ok(external.map(|_| script.into()))
}

/// Holds the queue until the live copy of `original` loads or fails, and passes its `load` or
/// `error` on to the original: loaders that set `onload` on the script they inserted (Amplitude,
/// many tag snippets) hear about it as if their own element had loaded.
fn wait_for(script: &Element, original: &Element) {
    let original = original.clone();
    let forward = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
        if let Ok(copy) = web_sys::Event::new(&event.type_()) {
            let _ = original.dispatch_event(&copy);
        }
    });
    let _ = script.add_event_listener_with_callback("load", forward.as_ref().unchecked_ref());
    let _ = script.add_event_listener_with_callback("error", forward.as_ref().unchecked_ref());
    forward.forget();
    let token = TOKENS.with(|t| {
        let next = t.get().wrapping_add(1).max(1);
        t.set(next);
        next
    });
    WAITING.with(|w| w.set(token));
    let done = Closure::<dyn Fn()>::new(move || {
        if WAITING.with(Cell::get) == token {
            WAITING.with(|w| w.set(0));
            pump();
        }
    });
    let f = done.as_ref().unchecked_ref();
    let _ = script.add_event_listener_with_callback("load", f);
    let _ = script.add_event_listener_with_callback("error", f);
    if let Ok(w) = dom::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(f, LOAD_TIMEOUT_MS);
    }
    done.forget();
}

/// Whose a URL is, and whether it may load now: `None` when it may (first-party, unknown, or
/// accepted), else the category and service to hold it under. Busy state: held (fail closed).
pub fn refused(url: &str) -> Option<(Category, String)> {
    let owner = with(|app| {
        decision::url_owner(&app.config, url).map(|o| (o.category, o.service.to_owned()))
    });
    let (category, service) = match owner {
        Some(Some(found)) => found,
        Some(None) => return None,
        None => (Category::Marketing, String::new()),
    };
    if allows(Some(category), Some(&service)) {
        None
    } else {
        Some((category, service))
    }
}

/// Hooks every way code can put a script or frame into the page, and the properties that
/// give one a source, so that a tracker's is held back before the browser fetches it.
pub fn install_hooks() {
    if let Some(proto) = dom::proto("Node") {
        for name in ["appendChild", "insertBefore", "replaceChild"] {
            dom::hook_method(&proto, name, insertion_trap);
        }
    }
    for ctor in ["Element", "CharacterData", "DocumentFragment", "Document"] {
        let Some(proto) = dom::proto(ctor) else {
            continue;
        };
        for name in [
            "append",
            "prepend",
            "before",
            "after",
            "replaceWith",
            "replaceChildren",
            "insertAdjacentElement",
        ] {
            if js_sys::Object::get_own_property_descriptor(&proto, &name.into()).is_object() {
                dom::hook_method(&proto, name, insertion_trap);
            }
        }
    }
    if let Some(proto) = dom::proto("Range") {
        dom::hook_method(&proto, "insertNode", insertion_trap);
    }
    if let Some(proto) = dom::proto("Element") {
        dom::hook_method(&proto, "setAttribute", set_attribute_trap);
    }
    if let Some(proto) = dom::proto("HTMLScriptElement") {
        dom::hook_setter(&proto, "src", script_src_trap);
        dom::hook_setter(&proto, "type", script_type_trap);
    }
    if let Some(proto) = dom::proto("HTMLIFrameElement") {
        dom::hook_setter(&proto, "src", frame_src_trap);
    }
    // Firefox and older engines define `write` on HTMLDocument; hook whichever owns it.
    for ctor in ["Document", "HTMLDocument"] {
        let Some(proto) = dom::proto(ctor) else {
            continue;
        };
        for name in ["write", "writeln"] {
            if js_sys::Object::get_own_property_descriptor(&proto, &name.into()).is_object() {
                dom::hook_method(&proto, name, write_trap);
            }
        }
    }
}

/// `document.write`: a script written while the page is parsed runs before any observer sees
/// it, so a tracker's tag is held back in the text itself.
fn write_trap(target: &js_sys::Function, this: &JsValue, args: &Array) -> Js<JsValue> {
    let mut changed = false;
    let held: Array = args
        .iter()
        .map(
            |arg| match arg.as_string().and_then(|html| hold_written(&html)) {
                Some(html) => {
                    changed = true;
                    JsValue::from_str(&html)
                }
                None => arg,
            },
        )
        .collect();
    dom::pass(target, this, if changed { &held } else { args })
}

/// `html` with each refused tracker's script tag turned into a held-back one; `None` if none.
fn hold_written(html: &str) -> Option<String> {
    let mut out = String::new();
    let mut last = 0;
    for tag in crate::core::markup::script_tags(html) {
        let Some(src) = tag.src else {
            continue;
        };
        if !runs_as_script(tag.ty) {
            continue;
        }
        let Some((category, service)) = refused(src) else {
            continue;
        };
        note_blocked("script", src, &service);
        out.push_str(&html[last..tag.at]);
        // Inserted first, so they win over the tag's own `type` (the parser keeps the first).
        for (name, value) in [
            ("type", HELD),
            (ORIGINAL_TYPE, tag.ty.unwrap_or("")),
            ("data-category", category.name()),
            ("data-service", service.as_str()),
        ] {
            out.push(' ');
            out.push_str(name);
            out.push_str("=\"");
            for c in value.chars() {
                match c {
                    '"' => out.push_str("&quot;"),
                    '&' => out.push_str("&amp;"),
                    c => out.push(c),
                }
            }
            out.push('"');
        }
        last = tag.at;
    }
    if last == 0 {
        return None;
    }
    out.push_str(&html[last..]);
    Some(out)
}

fn insertion_trap(target: &js_sys::Function, this: &JsValue, args: &Array) -> Js<JsValue> {
    for arg in args.iter() {
        // Nodes already in the document were inspected when they came in; this also skips
        // reference nodes such as `insertBefore`'s second argument.
        if let Some(el) = arg.dyn_ref::<Element>().filter(|e| !e.is_connected()) {
            inspect_tree(el);
        } else if let Some(fragment) = arg.dyn_ref::<web_sys::DocumentFragment>() {
            if let Ok(list) = fragment.query_selector_all(WATCHED) {
                for i in 0..list.length() {
                    if let Some(inner) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                        inspect(&inner);
                    }
                }
            }
        }
    }
    dom::pass(target, this, args)
}

fn set_attribute_trap(target: &js_sys::Function, this: &JsValue, args: &Array) -> Js<JsValue> {
    let (Some(el), Some(name), Some(value)) = (
        this.dyn_ref::<Element>(),
        args.get(0).as_string(),
        args.get(1).as_string(),
    ) else {
        return dom::pass(target, this, args);
    };
    let tag = el.tag_name();
    let name = name.to_ascii_lowercase();
    if tag.eq_ignore_ascii_case("script") {
        if name == "src" {
            hold_script_for(el, &value);
        } else if name == "type" && is_held_back(el) {
            return el
                .set_attribute(ORIGINAL_TYPE, &value)
                .map(|_| JsValue::UNDEFINED);
        }
    } else if tag.eq_ignore_ascii_case("iframe") && name == "src" && hold_frame(el, &value) {
        return Ok(JsValue::UNDEFINED);
    } else if tag.eq_ignore_ascii_case("img") && (name == "src" || name == "srcset") {
        // An image starts loading on this very call, even outside the document: a pixel.
        let first = value.split(',').filter_map(|c| c.split_whitespace().next());
        for url in first {
            if let Some((_, service)) = refused(url) {
                note_blocked("request", url, &service);
                return Ok(JsValue::UNDEFINED);
            }
        }
    }
    dom::pass(target, this, args)
}

fn script_src_trap(target: &js_sys::Function, this: &JsValue, args: &Array) -> Js<JsValue> {
    if let (Some(el), Some(url)) = (this.dyn_ref::<Element>(), args.get(0).as_string()) {
        hold_script_for(el, &url);
    }
    dom::pass(target, this, args)
}

fn script_type_trap(target: &js_sys::Function, this: &JsValue, args: &Array) -> Js<JsValue> {
    if let (Some(el), Some(ty)) = (this.dyn_ref::<Element>(), args.get(0).as_string()) {
        if is_held_back(el) {
            return el
                .set_attribute(ORIGINAL_TYPE, &ty)
                .map(|_| JsValue::UNDEFINED);
        }
    }
    dom::pass(target, this, args)
}

fn frame_src_trap(target: &js_sys::Function, this: &JsValue, args: &Array) -> Js<JsValue> {
    if let (Some(el), Some(url)) = (this.dyn_ref::<Element>(), args.get(0).as_string()) {
        if hold_frame(el, &url) {
            return Ok(JsValue::UNDEFINED);
        }
    }
    dom::pass(target, this, args)
}

/// Whether a script is held back by the widget and not yet allowed.
fn is_held_back(el: &Element) -> bool {
    el.has_attribute(ORIGINAL_TYPE) && el.get_attribute("type").as_deref() == Some(HELD)
}

/// Holds a script back before it is given a tracker's `src`.
fn hold_script_for(el: &Element, url: &str) {
    if el.get_attribute("type").as_deref() == Some(HELD) {
        return;
    }
    if let Some((category, service)) = refused(url) {
        let ty = el.get_attribute("type").unwrap_or_default();
        if runs_as_script(Some(&ty)) {
            hold(el, &ty, category, &service);
            note_blocked("script", url, &service);
        }
    }
}

/// Holds a frame back instead of loading a tracker's `src`; true when held.
fn hold_frame(el: &Element, url: &str) -> bool {
    let Some((category, service)) = refused(url) else {
        return false;
    };
    let _ = el.set_attribute("data-src", url);
    let _ = el.remove_attribute("src");
    let _ = el.set_attribute("data-category", category.name());
    if !service.is_empty() && !el.has_attribute("data-service") {
        let _ = el.set_attribute("data-service", &service);
    }
    note_blocked("frame", url, &service);
    super::ui::placeholder::add(el);
    true
}
