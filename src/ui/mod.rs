//! The UI (`pkg/bzconsent-ui.js`): banner, preferences dialog and placeholders, loaded by the
//! guard only when something must be shown or stored.
//!
//! Rust decides and writes; the browser work is done by `shell.js` beside this file, which puts
//! the markup written here ([`crate::core::view`]) into the page in one insertion and hands each
//! action back through these exports. This module records each choice — the stored record
//! (serde, serde_json, gloo-storage), the consent log's beacon body, the mirror cookie — and
//! the shell hands the record to the guard, which reads it through the one path it reads every
//! stored choice and puts it in force. It keeps no consent of its own: it reads what the guard
//! last read and redraws when the guard says the consent changed. It prints the
//! configuration's errors (the guard, which has no message text, loads it for that).

#[cfg(test)]
mod tests;

use crate::core::category::Category;
use crate::core::config::Config;
use crate::core::decision;
use crate::core::device;
use crate::core::i18n::{self, Lang, Text, Texts};
use crate::core::json;
use crate::core::record::{Method, Record, STORAGE_KEY};
use crate::core::recording;
use crate::core::view::{self, Screen};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

/// What the UI shows, as the guard last said.
struct App {
    config: Config,
    /// The consent in force, as the guard read it.
    record: Option<Record>,
    /// A choice that no longer counts (old revision or expired), pre-selected in the dialog.
    previous: Option<Record>,
    /// Whether a banner is due (no valid choice yet), or was asked for before the root existed.
    prompt: bool,
    lang: Lang,
    /// The built-in wording of that language, from its file (empty until it has arrived).
    texts: Texts,
    gpc: bool,
    /// Whether choices survive the page (localStorage works).
    persistent: bool,
}

impl App {
    fn screen(&self) -> Screen<'_> {
        Screen {
            config: &self.config,
            lang: self.lang,
            texts: &self.texts,
            asks_again: self.previous.is_some(),
            persistent: self.persistent,
            gpc: self.gpc,
        }
    }

    /// The accepted flags of the categories (only `necessary` without a choice).
    fn flags(&self) -> [bool; 4] {
        self.record
            .as_ref()
            .map_or([true, false, false, false], |r| r.categories)
    }
}

thread_local! {
    static APP: RefCell<Option<App>> = const { RefCell::new(None) };
}

/// Runs `f` on the state; `None` before start or when the state is in use.
fn with<R>(f: impl FnOnce(&mut App) -> R) -> Option<R> {
    APP.with(|cell| cell.try_borrow_mut().ok()?.as_mut().map(f))
}

fn log_error(message: &str) {
    web_sys::console::error_1(&JsValue::from_str(message));
}

/// Starts the UI's state: the configuration as the guard's stream hands it over (`None`: not
/// JSON; `absent`: the page has none), printing its errors. The visitor's language comes with
/// its file ([`set_lang`]).
#[wasm_bindgen]
pub fn start(config: Option<String>, absent: bool, persistent: bool) {
    let config = if absent {
        Config::builtin()
    } else {
        let (config, errors) =
            Config::with_overrides_value(config.as_deref().and_then(json::decode));
        for e in &errors {
            log_error(&e.message());
        }
        config
    };
    APP.with(|cell| {
        if let Ok(mut slot) = cell.try_borrow_mut() {
            *slot = Some(App {
                config,
                record: None,
                previous: None,
                prompt: true,
                lang: Lang::Az,
                texts: Texts::EMPTY,
                gpc: false,
                persistent,
            });
        }
    });
}

/// Reads what the guard last read (its stream of the stored text; `None`: none, or not JSON).
#[wasm_bindgen]
pub fn refresh(stored: Option<String>, gpc: bool) {
    with(|app| {
        let record = stored
            .as_deref()
            .and_then(json::decode)
            .and_then(|v| Record::from_value(&v).ok());
        let start = decision::start_with(record, &app.config, js_sys::Date::now());
        app.record = start.consent.record;
        app.previous = start.previous;
        app.prompt = start.prompt;
        app.gpc = gpc;
    });
}

/// Whether the banner is due.
#[wasm_bindgen]
pub fn prompt() -> bool {
    with(|app| app.prompt).unwrap_or(false)
}

/// The banner was asked for before the root existed: shown once it does.
#[wasm_bindgen]
pub fn want_banner() {
    with(|app| app.prompt = true);
}

/// The banner's markup.
#[wasm_bindgen]
pub fn banner() -> String {
    with(|app| view::banner(&app.screen())).unwrap_or_default()
}

/// The dialog's markup, its switches as `shown` (bits by category index), or as the choice
/// (the previous one when the site asks again) when `shown` is negative; what is on this device
/// from the page's cookies (as `document.cookie` reads) and its storage keys (one per line).
#[wasm_bindgen]
pub fn dialog(shown: i32, cookies: &str, keys: &str) -> String {
    with(|app| {
        let shown = if shown < 0 {
            app.record
                .as_ref()
                .or(app.previous.as_ref())
                .map_or([true, false, false, false], |r| r.categories)
        } else {
            [0, 1, 2, 3].map(|i| shown & (1 << i) != 0)
        };
        let cookies = device::cookie_names(cookies);
        let keys: Vec<&str> = keys.split('\n').collect();
        view::dialog(
            &app.screen(),
            shown,
            &device::read(&app.config, &cookies, &keys),
        )
    })
    .unwrap_or_default()
}

/// The visible text of a switch that is on or off.
#[wasm_bindgen]
pub fn state_text(on: bool) -> String {
    with(|app| app.screen().text(view::state_text(on)).to_owned()).unwrap_or_default()
}

/// The bit of a category's switch (0 for no category).
#[wasm_bindgen]
pub fn category_bit(name: &str) -> u32 {
    Category::from_name(name).map_or(0, |c| 1 << c.index())
}

/// A language's file has arrived (at start, or the visitor switched to it): its texts are the
/// ones shown from now on. `false` for a code the widget does not speak or a file not its own.
#[wasm_bindgen]
pub fn set_lang(code: &str, content: &str) -> bool {
    let (Some(lang), Some(texts)) = (Lang::from_tag(code), Texts::parse(content)) else {
        log_error("bzconsent: a language file of another version was loaded");
        return false;
    };
    with(|app| {
        app.lang = lang;
        app.texts = texts;
    })
    .is_some()
}

/// The inside of a blocked embed's placeholder (empty: this element gets none).
#[wasm_bindgen]
pub fn placeholder(tag: &str, category: &str, service: &str, title: &str) -> String {
    if !crate::core::guard::has_placeholder(tag) {
        return String::new();
    }
    with(|app| {
        let s = app.screen();
        let category_title =
            Category::from_name(category).map_or("", |c| s.text(i18n::category_title(c)));
        let name = app
            .config
            .service(service)
            .map(|s| s.display_name())
            .or_else(|| Some(crate::core::catalogue::tracker(service)?.about()?.name))
            .unwrap_or(if title.is_empty() {
                category_title
            } else {
                title
            });
        let text = i18n::fill(s.text(Text::PlaceholderText), "service", name);
        let text = i18n::fill(&text, "category", category_title);
        view::placeholder(app.lang, &text, s.text(Text::PlaceholderAllow))
    })
    .unwrap_or_default()
}

/// "Save": the switches as they are (bits by category index).
#[wasm_bindgen]
pub fn save(bits: u32) -> Option<js_sys::Array> {
    choose(
        [0, 1, 2, 3].map(|i| bits & (1 << i) != 0),
        &[],
        Method::Custom,
    )
}

/// "Accept all" (Global Privacy Control keeps marketing off) or "Reject all".
#[wasm_bindgen]
pub fn all(accept: bool) -> Option<js_sys::Array> {
    let gpc = with(|app| app.gpc).unwrap_or(false);
    if accept {
        choose(decision::accept_all(gpc), &[], Method::AcceptAll)
    } else {
        choose(decision::reject_all(), &[], Method::RejectAll)
    }
}

/// A placeholder's "Allow and load": accepts this service only (or its category when it names
/// no service), keeping every other choice as it is.
#[wasm_bindgen]
pub fn allow(category: &str, service: &str) -> Option<js_sys::Array> {
    let (mut flags, mut services) = with(|app| {
        let services = app.record.as_ref().map(|r| r.services.clone());
        (app.flags(), services.unwrap_or_default())
    })?;
    if service.is_empty() {
        if let Some(c) = Category::from_name(category) {
            flags[c.index()] = true;
        }
    } else {
        services.retain(|(id, _)| id != service);
        services.push((service.to_owned(), true));
    }
    choose(flags, &services, Method::Custom)
}

/// The guard asks for a choice made through the API to be recorded: the categories as the
/// guard decided them, `[[id, allowed]…]` services and the method.
#[wasm_bindgen]
pub fn asked(flags: js_sys::Array, list: js_sys::Array, method: &str) -> Option<js_sys::Array> {
    let categories = [0, 1, 2, 3].map(|i| flags.get(i).is_truthy());
    let services: Vec<(String, bool)> = list
        .iter()
        .filter_map(|s| {
            let pair = js_sys::Array::from(&s);
            Some((pair.get(0).as_string()?, pair.get(1).is_truthy()))
        })
        .collect();
    let method = match method {
        "accept-all" => Method::AcceptAll,
        "reject-all" => Method::RejectAll,
        _ => Method::Custom,
    };
    choose(categories, &services, method)
}

/// Records a choice: the record stored (gloo-storage, where storage works); for the shell the
/// stored record's JSON (handed to the guard), the consent log's endpoint and beacon body, and
/// the mirror cookie (each empty when off).
fn choose(
    categories: [bool; 4],
    services: &[(String, bool)],
    method: Method,
) -> Option<js_sys::Array> {
    with(|app| {
        let window = web_sys::window()?;
        let mut random = [0u8; 16];
        if let Err(e) = window
            .crypto()
            .and_then(|c| c.get_random_values_with_u8_array(&mut random))
        {
            web_sys::console::error_2(
                &"bzconsent: no random numbers for the choice's id".into(),
                &e,
            );
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
        if window.local_storage().ok().flatten().is_some() {
            use gloo_storage::Storage;
            // Storage full: the choice holds for the page's life, as the contract says.
            let _ = gloo_storage::LocalStorage::set(STORAGE_KEY, &stored);
        }
        let location = window.location();
        let out = js_sys::Array::new();
        out.push(&serde_json::to_string(&stored).unwrap_or_default().into());
        match &app.config.consent_log {
            Some(endpoint) => {
                let page = location.origin().unwrap_or_default()
                    + &location.pathname().unwrap_or_default();
                out.push(&endpoint.into());
                out.push(&recording::log_body(&record, &timestamp, app.lang, &page).into());
            }
            None => {
                out.push(&JsValue::NULL);
                out.push(&JsValue::NULL);
            }
        }
        if app.config.cookie_mirror {
            let secure = location.protocol().is_ok_and(|p| p == "https:");
            let cookie = recording::mirror_cookie(Some(&record), app.config.expiry_days, secure);
            out.push(&cookie.into());
        }
        Some(out)
    })
    .flatten()
}

/// After a reset: the mirror cookie's deletion (empty when there is none).
#[wasm_bindgen]
pub fn forget() -> String {
    with(|app| {
        if app.config.cookie_mirror {
            recording::mirror_cookie(None, app.config.expiry_days, false)
        } else {
            String::new()
        }
    })
    .unwrap_or_default()
}
