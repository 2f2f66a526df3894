//! The UI (`pkg/bzconsent-ui.js`): banner, preferences dialog and placeholders, loaded by the
//! guard only when something must be shown.
//!
//! It records each choice — the stored record (serde, serde_json, gloo-storage), the consent
//! log's beacon, the mirror cookie — and hands the record to the guard, which reads it through
//! the one path it reads every stored choice and puts it in force. It keeps no consent of its
//! own: it reads what the guard last read through the guard's link (`window.__bzconsentLink`,
//! defined by `src/guard/page/`) and redraws when the guard says the consent changed. It
//! prints the configuration's errors (the guard, which has no message text, loads it for that).

mod banner;
mod dom;
mod placeholder;

#[cfg(test)]
mod tests;

use crate::core::config::Config;
use crate::core::decision;
use crate::core::i18n::{self, Lang, Text};
use crate::core::json;
use crate::core::record::{Method, Record, STORAGE_KEY};
use crate::core::recording;
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

/// A JSON text as the guard hands it to Rust: the browser's `JSON.parse` and the guard's
/// stream (the UI carries no JSON parser either), then [`json::decode`].
fn read_json(text: &str) -> Option<json::Value> {
    let stream = ask("stream", &[&JsValue::from_str(text)])
        .ok()?
        .as_string()?;
    json::decode(&stream)
}

/// `navigator.globalPrivacyControl`.
fn gpc() -> bool {
    dom::window().is_ok_and(|w| {
        dom::get(&dom::get(&w, "navigator"), "globalPrivacyControl") == JsValue::TRUE
    })
}

/// The visitor's language: the configuration's, else the page's `<html lang>`, else the
/// browser's first supported one.
fn choose_lang(config: &Config) -> Lang {
    let html = dom::document()
        .ok()
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"));
    let langs = dom::window()
        .map(|w| dom::get(&dom::get(&w, "navigator"), "languages"))
        .ok()
        .filter(js_sys::Array::is_array)
        .map(|l| {
            js_sys::Array::from(&l)
                .iter()
                .filter_map(|v| v.as_string())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    let browser: Vec<&str> = langs.iter().map(String::as_str).collect();
    i18n::choose(config.language.map(Lang::code), html.as_deref(), &browser)
}

/// Reads what the guard last read (the stored record, valid or not) into the UI's state; on
/// the first call also the configuration (printing its errors), language and nonce.
fn refresh_state() {
    let stored = ask("read", &[]).ok().and_then(|s| s.as_string());
    let started = with(|app| {
        let record = stored
            .as_deref()
            .and_then(read_json)
            .and_then(|v| Record::from_value(&v).ok());
        let start = decision::start_with(record, &app.config, js_sys::Date::now());
        app.record = start.consent.record;
        app.previous = start.previous;
        app.prompt = start.prompt;
        app.gpc = gpc();
    })
    .is_some();
    if started {
        return;
    }
    let config_text = dom::get(&link(), "config").as_string();
    let config = match config_text {
        Some(text) => {
            let (config, errors) = Config::with_overrides_value(read_json(&text));
            for e in &errors {
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
                lang: choose_lang(&config),
                config,
                record: None,
                previous: None,
                prompt: true,
                gpc: false,
                persistent,
                nonce,
            });
        }
    });
    refresh_state();
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
    let record = Closure::<dyn Fn(JsValue)>::new(record_asked);
    dom::set(&entry, "record", &record.into_js_value());
    entry0(&entry, "forget", forget);
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

/// Records a choice: the record stored (gloo-storage, where storage works), the proof sent
/// (the consent log's beacon), the mirror cookie set; then the guard is handed the record and
/// puts it in force. Where storage is unavailable the guard holds it for the page's life.
pub fn choose(categories: [bool; 4], services: &[(String, bool)], method: Method) {
    let Some(json) = with(|app| record(app, categories, services, method)) else {
        return;
    };
    if let Err(e) = ask("stored", &[&JsValue::from_str(&json)]) {
        dom::log_js_error("could not put the choice in force", &e);
    }
}

/// [`choose`]'s recording; the stored record's JSON.
fn record(app: &App, categories: [bool; 4], services: &[(String, bool)], method: Method) -> String {
    let mut random = [0u8; 16];
    let crypto = dom::window().and_then(|w| w.crypto());
    if let Err(e) = crypto.and_then(|c| c.get_random_values_with_u8_array(&mut random)) {
        dom::log_js_error("no random numbers for the choice's id", &e);
    }
    let now = js_sys::Date::now();
    let timestamp = String::from(js_sys::Date::new(&JsValue::from_f64(now)).to_iso_string());
    let record = decision::record(
        &app.config,
        categories,
        services,
        method,
        recording::uuid(random),
        now,
        app.gpc,
    );
    let stored = recording::stored(&record, &timestamp);
    // gloo-storage's `raw()` throws into the page where storage is blocked: asked first.
    let storage = dom::window()
        .ok()
        .and_then(|w| w.local_storage().ok().flatten());
    if storage.is_some() {
        use gloo_storage::Storage;
        // Storage full: the choice holds for the page's life, as the contract says.
        let _ = gloo_storage::LocalStorage::set(STORAGE_KEY, &stored);
    }
    let location = dom::window().map(|w| w.location());
    if let Some(endpoint) = &app.config.consent_log {
        let page = location
            .as_ref()
            .ok()
            .map(|l| l.origin().unwrap_or_default() + &l.pathname().unwrap_or_default())
            .unwrap_or_default();
        let body = recording::log_body(&record, &timestamp, app.lang, &page);
        let sent = dom::window()
            .map(|w| w.navigator())
            .and_then(|n| n.send_beacon_with_opt_str(endpoint, Some(&body)));
        if sent != Ok(true) {
            dom::log_error("bzconsent: the consent log could not be sent");
        }
    }
    if app.config.cookie_mirror {
        let secure = location.is_ok_and(|l| l.protocol().is_ok_and(|p| p == "https:"));
        set_cookie(&recording::mirror_cookie(
            Some(&record),
            app.config.expiry_days,
            secure,
        ));
    }
    serde_json::to_string(&stored).unwrap_or_default()
}

/// The guard asks for a choice made through the API to be recorded: `[categories, services,
/// method]`, the categories as the guard decided them.
fn record_asked(args: JsValue) {
    let list = js_sys::Array::from(&args);
    let flags = js_sys::Array::from(&list.get(0));
    let categories = [0, 1, 2, 3].map(|i| flags.get(i).is_truthy());
    let services: Vec<(String, bool)> = js_sys::Array::from(&list.get(1))
        .iter()
        .filter_map(|s| {
            let pair = js_sys::Array::from(&s);
            Some((pair.get(0).as_string()?, pair.get(1).is_truthy()))
        })
        .collect();
    let method = match list.get(2).as_string().as_deref() {
        Some("accept-all") => Method::AcceptAll,
        Some("reject-all") => Method::RejectAll,
        _ => Method::Custom,
    };
    choose(categories, &services, method);
}

/// After a reset: the mirror cookie goes too.
fn forget() {
    let mirror = with(|app| app.config.cookie_mirror.then_some(app.config.expiry_days));
    if let Some(Some(days)) = mirror {
        set_cookie(&recording::mirror_cookie(None, days, false));
    }
}

fn set_cookie(cookie: &str) {
    let doc = dom::document()
        .ok()
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok());
    if let Some(doc) = doc {
        let _ = doc.set_cookie(cookie);
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

/// The visitor switched the language: the consent log says so too.
pub fn set_lang(lang: Lang) {
    with(|app| app.lang = lang);
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
