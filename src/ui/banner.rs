//! What the visitor sees: the banner and the preferences dialog, in an open Shadow DOM on
//! `<div id="bzconsent-root">`, the first child of `<body>`.
//!
//! The DOM hooks tests and site owners rely on: `[data-bz="banner"]`, `dialog[data-bz="dialog"]`,
//! buttons `[data-bz="accept-all" | "reject-all" | "customize" | "save" | "close"]`, and one
//! `input[data-bz-category]` switch per category.
//!
//! Each is written as escaped HTML text by [`crate::core::view`] and parsed in one step (through
//! a Trusted Types policy named `bzconsent` where the browser has them); events are heard once,
//! on the shadow root.

use super::dom::{self, el, Js};
use super::with;
use crate::core::category::Category;
use crate::core::i18n::Lang;
use crate::core::record::Method;
use crate::core::view;
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Document, DocumentFragment, Element, HtmlDialogElement, HtmlInputElement, ShadowRoot,
};

const STYLES: &str = include_str!("styles.css");

thread_local! {
    static SHADOW: RefCell<Option<ShadowRoot>> = const { RefCell::new(None) };
}

fn shadow() -> Option<ShadowRoot> {
    SHADOW.with(|s| s.try_borrow().ok()?.clone())
}

/// Mounts the UI as soon as `<body>` exists (the guard hears `[data-bzconsent-open]` clicks).
pub fn install(doc: &Document) {
    if doc.body().is_some() {
        mount();
    }
    // Mounts the moment the parser adds <body> (before its content paints), and puts the root
    // back when the page replaces or empties its body (single-page navigations do).
    let watcher = Closure::<dyn Fn(js_sys::Array, web_sys::MutationObserver)>::new(
        |_: js_sys::Array, observer: web_sys::MutationObserver| keep_mounted(&observer),
    );
    if let (Ok(observer), Some(root)) = (
        web_sys::MutationObserver::new(watcher.as_ref().unchecked_ref()),
        doc.document_element(),
    ) {
        let _ = observer.observe_with_options(&root, &children_only());
        if let Some(body) = doc.body() {
            let _ = observer.observe_with_options(&body, &children_only());
        }
    }
    watcher.forget();
    let fallback = Closure::once_into_js(mount);
    super::when_parsed(fallback.unchecked_into());
}

fn children_only() -> web_sys::MutationObserverInit {
    let init = web_sys::MutationObserverInit::new();
    init.set_child_list(true);
    init
}

/// How often the root is put back into a new body; a page that keeps removing it wins.
const MAX_REATTACH: u32 = 20;

thread_local! {
    static MOUNT_TRIED: Cell<bool> = const { Cell::new(false) };
    static REATTACHED: Cell<u32> = const { Cell::new(0) };
}

/// Mounts once `<body>` exists; afterwards keeps the root the first child of the current body.
fn keep_mounted(observer: &web_sys::MutationObserver) {
    let Some(body) = dom::document().ok().and_then(|d| d.body()) else {
        return;
    };
    let _ = observer.observe_with_options(&body, &children_only());
    let Some(shadow) = shadow() else {
        return mount();
    };
    let host = shadow.host();
    if host.is_connected() || REATTACHED.with(|n| n.replace(n.get() + 1)) >= MAX_REATTACH {
        return;
    }
    if let Err(e) = body.insert_before(&host, body.first_child().as_ref()) {
        dom::log_js_error("could not put the consent banner back", &e);
    }
}

/// Creates the root and its shadow tree (once), then shows the banner if a choice is due.
fn mount() {
    if MOUNT_TRIED.with(|t| t.replace(true)) {
        return;
    }
    if let Err(e) = try_mount() {
        dom::log_js_error("could not show the consent banner", &e);
    }
    if with(|app| app.prompt).unwrap_or(false) {
        show_banner();
    }
}

fn try_mount() -> Js<()> {
    let doc = dom::document()?;
    let body = doc.body().ok_or_else(|| JsValue::from_str("no body"))?;
    let host: web_sys::HtmlElement = doc.create_element("div")?.unchecked_into();
    host.set_id("bzconsent-root");
    // Through the CSSOM (allowed under any CSP): the host takes no room whatever site CSS says.
    let style = host.style();
    let _ = style.set_property_with_priority("display", "contents", "important");
    let init = web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open);
    let shadow = host.attach_shadow(&init)?;
    add_styles(&doc, &shadow, STYLES)?;
    let on_click = Closure::<dyn Fn(web_sys::Event)>::new(on_click);
    shadow.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())?;
    on_click.forget();
    let on_change = Closure::<dyn Fn(web_sys::Event)>::new(on_change);
    shadow.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref())?;
    on_change.forget();
    // `close` does not bubble: heard on the way down. Escape (the native `cancel`) and close()
    // both end in it.
    let on_close = Closure::<dyn Fn(web_sys::Event)>::new(on_close);
    shadow.add_event_listener_with_callback_and_bool(
        "close",
        on_close.as_ref().unchecked_ref(),
        true,
    )?;
    on_close.forget();
    let on_key = Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(trap_tab);
    shadow.add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref())?;
    on_key.forget();
    body.insert_before(&host, body.first_child().as_ref())?;
    SHADOW.with(|s| {
        if let Ok(mut slot) = s.try_borrow_mut() {
            *slot = Some(shadow);
        }
    });
    Ok(())
}

/// Constructable stylesheet where supported (no CSP `style-src` needed), else a `<style>`.
pub fn add_styles(doc: &Document, shadow: &ShadowRoot, css: &str) -> Js<()> {
    if let Ok(sheet) = web_sys::CssStyleSheet::new() {
        if sheet.replace_sync(css).is_ok() {
            let sheets = js_sys::Array::of1(&sheet);
            if js_sys::Reflect::set(shadow, &"adoptedStyleSheets".into(), &sheets).is_ok() {
                return Ok(());
            }
        }
    }
    let style = el(doc, "style", &[], css)?;
    let nonce = with(|app| app.nonce.clone()).unwrap_or_default();
    if !nonce.is_empty() {
        style.set_attribute("nonce", &nonce)?;
    }
    shadow.append_child(&style)?;
    Ok(())
}

/// Parses markup from [`view`] (escaped by construction) in one step. A `<template>` parses
/// it inert: nothing in it loads or runs. `None` when the site's Trusted Types policy refused
/// the widget's (the guard reported it): nothing is shown, and everything stays blocked.
pub fn fragment(html: &str) -> Js<Option<DocumentFragment>> {
    let policy = super::policy();
    let markup = if policy.is_object() {
        let create = dom::get(&policy, "createHTML").dyn_into::<js_sys::Function>()?;
        create.call1(&policy, &JsValue::from_str(html))?
    } else if policy.is_null() {
        return Ok(None);
    } else {
        JsValue::from_str(html)
    };
    let template = dom::document()?.create_element("template")?;
    js_sys::Reflect::set(&template, &"innerHTML".into(), &markup)?;
    Ok(Some(dom::get(&template, "content").dyn_into()?))
}

fn find(selector: &str) -> Option<Element> {
    shadow()?.query_selector(selector).ok().flatten()
}

/// Shows the banner (API `show()`), building it if needed.
pub fn show_banner() {
    if find("[data-bz=\"banner\"]").is_some() {
        return;
    }
    let Some(shadow) = shadow() else {
        // Not mounted yet: mount() shows it once the body exists.
        with(|app| app.prompt = true);
        return;
    };
    let Some(html) = with(|app| view::banner(&app.screen())) else {
        return;
    };
    match fragment(&html) {
        Ok(Some(banner)) => {
            let _ = shadow.append_child(&banner);
            // After the document is parsed and has been painted once: measuring the page then
            // costs nothing (its layout is clean), where before the first frame it would force
            // a layout of its own on the widget's start.
            let spacer = Closure::once_into_js(|| after_next_paint(add_spacer));
            super::when_parsed(spacer.unchecked_into());
        }
        Ok(None) => {}
        Err(e) => dom::log_js_error("could not build the banner", &e),
    }
}

/// Runs `f` once the next frame has been painted: a `requestAnimationFrame` callback runs just
/// before the paint, and a timer set from it runs just after.
fn after_next_paint(f: fn()) {
    let Ok(window) = dom::window() else { return };
    let after = Closure::once_into_js(move || {
        let later = Closure::once_into_js(f);
        if let Ok(window) = dom::window() {
            let _ = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(later.unchecked_ref(), 0);
        }
    });
    if window
        .request_animation_frame(after.unchecked_ref())
        .is_err()
    {
        f();
    }
}

/// Room at the very end of the page, as tall as the banner, so the page's own last lines (its
/// "Cookie settings" link) can be scrolled above the banner. Added once the document is
/// parsed, after all content: nothing moves (no layout shift).
fn add_spacer() {
    let Ok(doc) = dom::document() else { return };
    let (Some(banner), Some(body)) = (find("[data-bz=\"banner\"]"), doc.body()) else {
        return;
    };
    if doc
        .query_selector("[data-bz-spacer]")
        .ok()
        .flatten()
        .is_some()
    {
        return;
    }
    // A page that does not scroll yet would gain a scrollbar, and its content would reflow.
    let scrolls = doc
        .document_element()
        .is_some_and(|root| root.scroll_height() > root.client_height());
    if !scrolls {
        return;
    }
    let height = banner.get_bounding_client_rect().height();
    let Ok(spacer) = doc.create_element("div") else {
        return;
    };
    let _ = spacer.set_attribute("data-bz-spacer", "");
    let _ = spacer.set_attribute("aria-hidden", "true");
    let spacer: web_sys::HtmlElement = spacer.unchecked_into();
    let mut css = String::new();
    crate::core::record::push_u64(&mut css, height.max(0.0).ceil() as u64);
    css.push_str("px");
    let _ = spacer.style().set_property("height", &css);
    let _ = body.append_child(&spacer);
}

fn remove_spacer() {
    if let Some(spacer) = dom::document()
        .ok()
        .and_then(|d| d.query_selector("[data-bz-spacer]").ok().flatten())
    {
        spacer.remove();
    }
}

/// Opens the preferences dialog (API `showPreferences()`, footer links), showing the current
/// choice, or the previous one when the site asks again.
pub fn show_dialog() {
    open_dialog(None);
}

/// Opens (or renders anew) the dialog with its switches as `shown`, by default the choice.
fn open_dialog(shown: Option<[bool; 4]>) {
    if shadow().is_none() {
        mount();
    }
    let Some(shadow) = shadow() else { return };
    match find("dialog[data-bz=\"dialog\"]") {
        Some(old) => old.remove(),
        None => remember_focus(&shadow),
    }
    // The banner waits behind the modal dialog: hidden, so nothing obscured stays focusable.
    if let Some(banner) = find("[data-bz=\"banner\"]") {
        let _ = banner.set_attribute("hidden", "");
    }
    let html = with(|app| {
        let shown = shown.unwrap_or_else(|| {
            app.record
                .as_ref()
                .or(app.previous.as_ref())
                .map_or([true, false, false, false], |r| r.categories)
        });
        view::dialog(&app.screen(), shown)
    });
    let Some(html) = html else { return };
    let dialog = match fragment(&html) {
        Ok(Some(d)) => d,
        Ok(None) => return,
        Err(e) => return dom::log_js_error("could not build the dialog", &e),
    };
    let element = dialog.first_element_child();
    if let (Some(element), Ok(_)) = (element, shadow.append_child(&dialog)) {
        let dialog: HtmlDialogElement = element.unchecked_into();
        if dialog.show_modal().is_err() {
            dialog.set_open(true);
        }
    }
}

/// The dialog closed (its close button, Escape, or `close()`): tidy up and give focus back.
fn on_close(event: web_sys::Event) {
    if let Some(d) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) {
        d.remove();
    }
    restore_focus();
}

/// Keeps Tab and Shift+Tab cycling inside the open dialog (a native modal dialog lets focus
/// wander to the browser's own controls after its last element).
fn trap_tab(event: web_sys::KeyboardEvent) {
    if event.key() != "Tab" {
        return;
    }
    let (Some(shadow), Some(dialog)) = (shadow(), find("dialog[data-bz=\"dialog\"]")) else {
        return;
    };
    let Ok(list) = dialog.query_selector_all("button,select,input:not([disabled]),a[href],summary")
    else {
        return;
    };
    let (Some(first), Some(last)) = (list.item(0), list.item(list.length().saturating_sub(1)))
    else {
        return;
    };
    let active: Option<web_sys::Node> = shadow.active_element().map(Into::into);
    let (from, to) = if event.shift_key() {
        (first, last)
    } else {
        (last, first)
    };
    if active.as_ref() == Some(&from) || active.is_none() {
        event.prevent_default();
        let _ = to.unchecked_ref::<web_sys::HtmlElement>().focus();
    }
}

thread_local! {
    /// Where focus was before the dialog opened, to go back there when it closes.
    static RETURN_FOCUS: RefCell<Option<web_sys::HtmlElement>> = const { RefCell::new(None) };
}

fn remember_focus(shadow: &ShadowRoot) {
    let Ok(doc) = dom::document() else { return };
    let mut active = doc.active_element();
    if active.as_ref().is_some_and(|a| a.id() == "bzconsent-root") {
        active = shadow.active_element();
    }
    let active = active.and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok());
    RETURN_FOCUS.with(|r| {
        if let Ok(mut slot) = r.try_borrow_mut() {
            *slot = active;
        }
    });
}

/// Gives focus back to where it was before the dialog, or to the banner when that element is
/// gone (a banner button replaced by a re-render), or leaves it on the page.
fn restore_focus() {
    if let Some(banner) = find("[data-bz=\"banner\"]") {
        let _ = banner.remove_attribute("hidden");
    }
    let target = RETURN_FOCUS.with(|r| r.try_borrow_mut().ok().and_then(|mut s| s.take()));
    match target.filter(|t| t.is_connected()) {
        Some(t) => {
            let _ = t.focus();
        }
        None => {
            if let Some(b) = find("[data-bz=\"banner\"] button[data-bz=\"customize\"]") {
                let _ = b.unchecked_ref::<web_sys::HtmlElement>().focus();
            }
        }
    }
}

/// Closes the banner and the dialog (API `hide()`); the banner returns on the next page while
/// no choice is made.
pub fn hide() {
    let dialog = find("dialog[data-bz=\"dialog\"]");
    if let Some(banner) = find("[data-bz=\"banner\"]") {
        banner.remove();
        remove_spacer();
    }
    if let Some(d) = dialog {
        d.remove();
        restore_focus();
    }
}

/// Brings the UI in line with the state after a choice: banner only while a choice is due.
pub fn refresh() {
    hide();
    if with(|app| app.prompt).unwrap_or(false) {
        show_banner();
    }
}

fn on_click(event: web_sys::Event) {
    let Some(target) = event
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|e| e.closest("[data-bz]").ok().flatten())
    else {
        return;
    };
    match target.get_attribute("data-bz").as_deref() {
        Some("accept-all") => super::accept_all(),
        Some("reject-all") => super::reject_all(),
        Some("customize") => show_dialog(),
        Some("save") => save(),
        Some("close") => {
            if let Some(d) = find("dialog[data-bz=\"dialog\"]") {
                d.unchecked_ref::<HtmlDialogElement>().close();
            }
        }
        _ => {}
    }
}

/// Keeps the visible On/Off text of a switch in step with it; switches the language.
fn on_change(event: web_sys::Event) {
    let Some(target) = event.target() else { return };
    if let Some(select) = target.dyn_ref::<web_sys::HtmlSelectElement>() {
        return switch_language(&select.value());
    }
    let Some(input) = target.dyn_ref::<HtmlInputElement>() else {
        return;
    };
    let text = with(|app| app.text(view::state_text(input.checked())).to_owned());
    if let (Some(text), Some(state)) = (text, input.next_element_sibling()) {
        state.set_text_content(Some(&text));
    }
}

/// Re-renders banner and dialog in another language, keeping the switches as they are.
fn switch_language(code: &str) {
    let Some(lang) = Lang::from_tag(code) else {
        return;
    };
    let shown = switches();
    super::set_lang(lang);
    if let Some(banner) = find("[data-bz=\"banner\"]") {
        banner.remove();
        show_banner();
    }
    open_dialog(Some(shown));
    if let Some(select) = find("select[data-bz=\"language\"]") {
        let _ = select.unchecked_ref::<web_sys::HtmlElement>().focus();
    }
}

/// The dialog's switches as they are (necessary always on).
fn switches() -> [bool; 4] {
    let mut categories = [true, false, false, false];
    if let Some(shadow) = shadow() {
        if let Ok(list) = shadow.query_selector_all("input[data-bz-category]") {
            for i in 0..list.length() {
                let Some(input) = list
                    .item(i)
                    .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
                else {
                    continue;
                };
                let category = input
                    .get_attribute("data-bz-category")
                    .and_then(|n| Category::from_name(&n));
                if let Some(c) = category {
                    categories[c.index()] |= input.checked();
                }
            }
        }
    }
    categories
}

fn save() {
    super::choose(switches(), &[], Method::Custom);
}
