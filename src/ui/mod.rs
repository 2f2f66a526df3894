//! The UI (`pkg/bzconsent-ui.js`): banner, preferences dialog and placeholders, loaded by the
//! guard only when something must be shown.
//!
//! It keeps no consent of its own: it reads the guard's state through the guard's link
//! (`window.__bzconsentLink`, defined by `src/guard/guard.js`), asks the guard to record each
//! choice, and redraws when the guard says the consent changed.

mod banner;
mod dom;
mod placeholder;

#[cfg(test)]
mod tests;

use crate::core::config::Config;
use crate::core::decision;
use crate::core::i18n::{self, Lang, Text};
use crate::core::json::{self, Value};
use crate::core::record::{Method, Record};
use dom::Js;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What the UI shows, as the guard last said.
pub struct App {
    /// The configuration in force (texts, services, policy link).
    pub config: Config,
    /// The consent in force, as recorded by the guard.
    pub record: Option<Record>,
    /// A choice that no longer counts (old revision or expired), pre-selected in the dialog.
    pub previous: Option<Record>,
    /// Whether a banner is due (no valid choice yet).
    pub prompt: bool,
    /// The visitor's language.
    pub lang: Lang,
    /// Whether the browser sends Global Privacy Control.
    pub gpc: bool,
    /// Whether choices survive the page (localStorage works).
    pub persistent: bool,
    /// The CSP nonce of the guard's script tag.
    pub nonce: String,
}

impl App {
    /// What the banner and dialog show, in the visitor's language.
    pub fn screen(&self) -> crate::core::view::Screen<'_> {
        crate::core::view::Screen {
            config: &self.config,
            lang: self.lang,
            asks_again: self.previous.is_some(),
            persistent: self.persistent,
            gpc: self.gpc,
        }
    }

    /// A text in the visitor's language, the site's override first.
    pub fn text(&self, t: Text) -> &str {
        self.config
            .text(self.lang, t)
            .unwrap_or_else(|| i18n::text(self.lang, t))
    }

    /// The accepted flags of the categories (only `necessary` without a choice).
    pub fn flags(&self) -> [bool; 4] {
        self.record
            .as_ref()
            .map_or([true, false, false, false], |r| r.categories)
    }
}

thread_local! {
    static APP: RefCell<Option<App>> = const { RefCell::new(None) };
    static LINK: RefCell<JsValue> = const { RefCell::new(JsValue::UNDEFINED) };
}

/// Runs `f` on the state; `None` before start or when the state is in use.
pub fn with<R>(f: impl FnOnce(&mut App) -> R) -> Option<R> {
    APP.with(|cell| cell.try_borrow_mut().ok()?.as_mut().map(f))
}

/// The guard's link.
fn link() -> JsValue {
    LINK.with(|l| l.borrow().clone())
}

/// Calls a method of the guard's link.
fn ask(name: &str, args: &[&JsValue]) -> Js<JsValue> {
    let link = link();
    let f: js_sys::Function = dom::get(&link, name).dyn_into()?;
    let list: js_sys::Array = args.iter().copied().collect();
    js_sys::Reflect::apply(&f, &link, &list)
}

/// Reads the guard's state into the UI's (not the language: the UI's own once it has one).
fn refresh_state() {
    // The guard hands JSON over as read by the browser's `JSON.parse` (see json::decode): the
    // UI carries no JSON parser either.
    let Some(text) = ask("state", &[]).ok().and_then(|s| s.as_string()) else {
        return;
    };
    let Some(Value::Object(state)) = json::decode(&text) else {
        return;
    };
    let record = |key: &str| Record::from_value(state.get(key)?).ok();
    let (record, previous) = (record("record"), record("previous"));
    let prompt = state.get("prompt").and_then(Value::as_bool).unwrap_or(true);
    let gpc = state.get("gpc").and_then(Value::as_bool).unwrap_or(false);
    let lang = state
        .get("lang")
        .and_then(Value::as_str)
        .and_then(Lang::from_tag);
    let started = with(|app| {
        app.record = record.clone();
        app.previous = previous.clone();
        app.prompt = prompt;
        app.gpc = gpc;
    })
    .is_some();
    if started {
        return;
    }
    let config_text = dom::get(&link(), "config").as_string();
    let config = match config_text {
        Some(text) => {
            let stream = ask("stream", &[&JsValue::from_str(&text)]).ok();
            let value = stream
                .and_then(|s| s.as_string())
                .and_then(|s| json::decode(&s));
            let (config, errors) = Config::with_overrides_value(value);
            for e in errors.iter().filter(|e| Config::is_ui_error(e)) {
                dom::log_error(&e.message());
            }
            config
        }
        None => Config::builtin(),
    };
    let persistent = ask("persistent", &[]).is_ok_and(|p| p.is_truthy());
    let nonce = dom::get(&link(), "nonce").as_string().unwrap_or_default();
    APP.with(|cell| {
        if let Ok(mut slot) = cell.try_borrow_mut() {
            *slot = Some(App {
                lang: lang.unwrap_or_else(|| config.language.unwrap_or(Lang::Az)),
                config,
                record,
                previous,
                prompt,
                gpc,
                persistent,
                nonce,
            });
        }
    });
}

/// Starts the UI: state from the guard, the banner if due, and the entry points the guard
/// calls (show, dialog, hide, refresh, place, unplace).
pub fn boot() {
    let link = dom::window()
        .map(|w| dom::get(&w, "__bzconsentLink"))
        .unwrap_or(JsValue::UNDEFINED);
    if !link.is_object() {
        dom::log_error("bzconsent: bzconsent-ui.js is loaded by bzconsent.js; load that instead");
        return;
    }
    LINK.with(|l| *l.borrow_mut() = link);
    refresh_state();
    if let Ok(doc) = dom::document() {
        banner::install(&doc);
    }
    let entry = js_sys::Object::new();
    entry0(&entry, "show", banner::show_banner);
    entry0(&entry, "dialog", banner::show_dialog);
    entry0(&entry, "hide", banner::hide);
    entry0(&entry, "refresh", || {
        refresh_state();
        banner::refresh();
    });
    entry1(&entry, "place", placeholder::add);
    entry1(&entry, "unplace", placeholder::remove);
    if let Err(e) = ask("ready", &[&entry]) {
        dom::log_js_error("could not start the consent banner", &e);
    }
}

fn entry0(entry: &js_sys::Object, name: &str, f: fn()) {
    let closure = Closure::<dyn Fn()>::new(f);
    dom::set(entry, name, &closure.into_js_value());
}

fn entry1(entry: &js_sys::Object, name: &str, f: fn(&web_sys::Element)) {
    let closure = Closure::<dyn Fn(JsValue)>::new(move |el: JsValue| {
        if let Some(el) = el.dyn_ref::<web_sys::Element>() {
            f(el);
        }
    });
    dom::set(entry, name, &closure.into_js_value());
}

/// Asks the guard to record a choice made in the UI.
pub fn choose(categories: [bool; 4], services: &[(String, bool)], method: Method) {
    let cats: js_sys::Array = categories.iter().map(|&c| JsValue::from_bool(c)).collect();
    let list: js_sys::Array = services
        .iter()
        .map(|(id, on)| {
            JsValue::from(js_sys::Array::of2(
                &JsValue::from_str(id),
                &JsValue::from_bool(*on),
            ))
        })
        .collect();
    if let Err(e) = ask("choose", &[&cats, &list, &JsValue::from_str(method.name())]) {
        dom::log_js_error("could not record the choice", &e);
    }
}

/// "Accept all" (Global Privacy Control keeps marketing off).
pub fn accept_all() {
    let gpc = with(|app| app.gpc).unwrap_or(false);
    choose(decision::accept_all(gpc), &[], Method::AcceptAll);
}

/// "Reject all".
pub fn reject_all() {
    choose(decision::reject_all(), &[], Method::RejectAll);
}

/// The visitor switched the language: the guard's consent log says so too.
pub fn set_lang(lang: Lang) {
    with(|app| app.lang = lang);
    let _ = ask("lang", &[&JsValue::from_str(lang.code())]);
}

/// The guard's Trusted Types policy: `false` when the browser has none (or there is no guard
/// to ask), `null` when the page refused it.
pub fn policy() -> JsValue {
    ask("policy", &[]).unwrap_or(JsValue::FALSE)
}

/// Calls `f` once the document is parsed (now, if it already is).
pub fn when_parsed(f: js_sys::Function) {
    let Ok(doc) = dom::document() else { return };
    if doc.ready_state() == "loading" {
        let _ = doc.add_event_listener_with_callback("DOMContentLoaded", &f);
    } else {
        let _ = f.call0(&JsValue::UNDEFINED);
    }
}
