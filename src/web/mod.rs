//! The browser layer: translates DOM, storage and events into core calls, and core answers
//! into DOM. Each file has one job; the only state is one [`App`] value.

mod api;
mod cookies;
mod dom;
mod gcm;
mod proof;
mod requests;
mod scripts;
mod storage;
mod ui;

#[cfg(test)]
mod tests;

use crate::core::category::Category;
use crate::core::config::Config;
use crate::core::decision::{self, Consent};
use crate::core::i18n::{self, Lang, Text};
use crate::core::record::{Method, Record, STORAGE_KEY};
use dom::Js;
use std::cell::RefCell;
use storage::Store;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Everything the widget knows on this page.
pub struct App {
    /// The configuration in force.
    pub config: Config,
    /// The consent in force.
    pub consent: Consent,
    /// A choice that no longer counts (old revision or expired), pre-selected in the dialog.
    pub previous: Option<Record>,
    /// Whether a banner is due (no valid choice yet).
    pub prompt: bool,
    /// The visitor's language.
    pub lang: Lang,
    /// Whether the browser sends Global Privacy Control.
    pub gpc: bool,
    /// Where the choice is kept.
    pub store: Store,
    /// The CSP nonce of bzconsent's own script tag, given to the scripts it activates.
    pub nonce: String,
}

impl App {
    /// What the banner and dialog show, in the visitor's language.
    pub fn screen(&self) -> crate::core::view::Screen<'_> {
        crate::core::view::Screen {
            config: &self.config,
            lang: self.lang,
            asks_again: self.previous.is_some(),
            persistent: self.store.persistent(),
            gpc: self.gpc,
        }
    }

    /// A text in the visitor's language, the site's override first.
    pub fn text(&self, t: Text) -> &str {
        self.config
            .text(self.lang, t)
            .unwrap_or_else(|| i18n::text(self.lang, t))
    }
}

thread_local! {
    static APP: RefCell<Option<App>> = const { RefCell::new(None) };
}

/// Runs `f` on the state. `None` when the widget has not started or the state is busy (a
/// re-entrant call): callers then fail closed.
pub fn with<R>(f: impl FnOnce(&mut App) -> R) -> Option<R> {
    APP.with(|cell| cell.try_borrow_mut().ok()?.as_mut().map(f))
}

/// Whether something of this category/service may run now. Fails closed.
pub fn allows(category: Option<Category>, service: Option<&str>) -> bool {
    with(|app| app.consent.allows(category, service)).unwrap_or(false)
}

const STARTED: &str = "__bzconsentStarted";

/// Starts the widget: configuration, stored choice, guards, API, and the banner if due.
pub fn boot() {
    if let Err(e) = try_boot() {
        dom::log_js_error(
            "could not start; everything that needs consent stays blocked",
            &e,
        );
    }
}

fn try_boot() -> Js<()> {
    let window = dom::window()?;
    let doc = dom::document()?;
    if dom::get(&window, STARTED).is_truthy() {
        dom::log_error("bzconsent: loaded twice on this page; the second copy does nothing");
        return Ok(());
    }
    let _ = js_sys::Object::define_property(
        &window,
        &JsValue::from_str(STARTED),
        &dom::object(&[("value", &JsValue::TRUE)]),
    );

    let config = read_config(&doc);
    let store = Store::open();
    let stored = store.last();
    let start = decision::start(stored.as_deref(), &config, dom::now_ms());
    let navigator = window.navigator();
    let gpc = dom::get(&navigator, "globalPrivacyControl") == JsValue::TRUE;
    let browser: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|l| l.as_string())
        .collect();
    let browser: Vec<&str> = browser.iter().map(String::as_str).collect();
    let html_lang = doc.document_element().and_then(|e| e.get_attribute("lang"));
    let configured = config.language.map(Lang::code);
    let lang = i18n::choose(configured, html_lang.as_deref(), &browser);
    let nonce = doc
        .current_script()
        .map(|s| s.unchecked_into::<web_sys::HtmlElement>().nonce())
        .unwrap_or_default();

    gcm::start(
        start.consent.flags(),
        start.consent.record.is_some(),
        config.wait_for_update,
        config.ads_data_redaction,
    );
    APP.with(|cell| {
        if let Ok(mut slot) = cell.try_borrow_mut() {
            *slot = Some(App {
                config,
                consent: start.consent,
                previous: start.previous,
                prompt: start.prompt,
                lang,
                gpc,
                store,
                nonce,
            });
        }
    });

    cookies::install();
    storage::install_guard();
    requests::install();
    scripts::install_hooks();
    scripts::install(&doc);
    // Deleting what the consent in force refuses first reads the page's cookies, a synchronous
    // round trip to the browser's cookie store: done in a task of its own, so that the parser
    // (held up by this script) and the banner do not wait for it. Nothing refused can run in
    // between: the guards above are in place.
    let clean_up = Closure::once_into_js(|| {
        cookies::clean_up();
        storage::clean_up();
    });
    if window
        .set_timeout_with_callback_and_timeout_and_arguments_0(clean_up.unchecked_ref(), 0)
        .is_err()
    {
        cookies::clean_up();
        storage::clean_up();
    }
    api::install(&window);
    listen_to_other_tabs(&window);
    ui::install(&doc);
    let ready = Closure::once_into_js(|| api::dispatch("bzconsent:ready", &api::record_object()));
    api::when_parsed(ready.unchecked_into());
    Ok(())
}

/// Reads `<script type="application/json" id="bzconsent-config">`, logging each bad field.
fn read_config(doc: &web_sys::Document) -> Config {
    let Some(text) = doc
        .get_element_by_id("bzconsent-config")
        .and_then(|e| e.text_content())
    else {
        return Config::builtin();
    };
    let (config, errors) = Config::with_overrides(&text);
    for e in &errors {
        dom::log_error(&e.message());
    }
    config
}

/// Records a choice made now (UI or API) and applies it everywhere.
pub fn choose(categories: [bool; 4], services: &[(String, bool)], method: Method) {
    let sent = with(|app| {
        let record = decision::record(
            &app.config,
            categories,
            services,
            method,
            dom::uuid(),
            dom::now_ms(),
            app.gpc,
        );
        app.store.write(&record.to_json());
        let log = app.config.consent_log.clone();
        let mirror = app.config.cookie_mirror.then_some(app.config.expiry_days);
        (record, log, mirror, app.lang.code())
    });
    let Some((record, log, mirror, lang)) = sent else {
        return;
    };
    if let Some(endpoint) = log {
        proof::log(&endpoint, &record, lang);
    }
    if let Some(days) = mirror {
        proof::mirror(Some(&record), days);
    }
    apply(Some(record));
}

/// "Accept all" as the UI and API mean it (GPC keeps marketing off).
pub fn accept_all() {
    let gpc = with(|app| app.gpc).unwrap_or(false);
    choose(decision::accept_all(gpc), &[], Method::AcceptAll);
}

/// "Reject all".
pub fn reject_all() {
    choose(decision::reject_all(), &[], Method::RejectAll);
}

/// Forgets the choice: the banner comes back and nothing non-necessary runs.
pub fn reset() {
    let mirror = with(|app| {
        app.store.remove();
        app.previous = None;
        app.config.cookie_mirror
    });
    if mirror == Some(true) {
        proof::mirror(None, 0);
    }
    apply(None);
}

/// Puts a new consent in force: clean up what is withdrawn, activate what is allowed, update
/// the UI and tell the page. Nothing here holds the state while page code can run.
fn apply(record: Option<Record>) {
    let prompt = record.is_none();
    let Some((changed, reload, flags)) = with(|app| {
        let next = Consent { record };
        let changed = app.consent.changed(&next);
        let withdrawn = changed.iter().any(|c| !next.category(*c));
        app.consent = next;
        app.prompt = prompt;
        let reload = withdrawn && app.config.reload_on_withdraw && !prompt;
        (changed, reload, app.consent.flags())
    }) else {
        return;
    };
    gcm::update(flags);
    cookies::clean_up();
    storage::clean_up();
    scripts::unload_refused();
    ui::refresh();
    scripts::activate_allowed();
    api::dispatch_change(&changed);
    if reload {
        if let Ok(w) = dom::window() {
            let _ = w.location().reload();
        }
    }
}

/// Follows choices made in other tabs of the site (the `storage` event).
fn listen_to_other_tabs(window: &web_sys::Window) {
    let handler = Closure::<dyn Fn(web_sys::StorageEvent)>::new(|event: web_sys::StorageEvent| {
        match event.key() {
            // `localStorage.clear()` in another tab: the visitor withdrew nothing, so the
            // choice in force is stored again.
            None => {
                with(|app| {
                    if let Some(json) = app.consent.record.as_ref().map(Record::to_json) {
                        app.store.write(&json);
                    }
                });
            }
            Some(key) if key == STORAGE_KEY => {
                let record = with(|app| {
                    let stored = app.store.read();
                    let next = decision::start(stored.as_deref(), &app.config, dom::now_ms())
                        .consent
                        .record;
                    (next != app.consent.record).then_some(next)
                });
                if let Some(Some(record)) = record {
                    apply(record);
                }
            }
            Some(_) => {}
        }
    });
    let _ = window.add_event_listener_with_callback("storage", handler.as_ref().unchecked_ref());
    handler.forget();
}
