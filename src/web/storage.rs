//! Where the choice is kept: localStorage through gloo-storage when the browser allows it,
//! otherwise memory for the life of the page.
//!
//! gloo-storage's `LocalStorage::raw()` throws into the page when storage is blocked, so
//! storage is probed first with `window.localStorage` (a `Result<Option<_>>`) and every call
//! after that is fallible.

use crate::core::record::STORAGE_KEY;
use gloo_storage::{LocalStorage, Storage};

/// `window.localStorage`, when it answers right now (its getter throws when storage is blocked).
fn local_storage() -> Option<web_sys::Storage> {
    super::dom::window().ok()?.local_storage().ok().flatten()
}

/// Whether `window.localStorage` answers right now; checked before every gloo call, since
/// `LocalStorage::raw()` throws when it does not.
fn reachable() -> bool {
    local_storage().is_some()
}

/// The stored choice's home.
#[derive(Debug)]
pub struct Store {
    /// Whether localStorage answered the probe; when false, `memory` is all there is.
    local: bool,
    /// The value for this page's life (always kept, so a failing write loses nothing).
    memory: Option<String>,
}

impl Store {
    /// Probes localStorage by reading the stored value (one read: each is a call into the
    /// browser, the first a round trip to its storage).
    pub fn open() -> Store {
        match local_storage().map(|s| s.get_item(STORAGE_KEY)) {
            Some(Ok(memory)) => Store {
                local: true,
                memory,
            },
            _ => Store {
                local: false,
                memory: None,
            },
        }
    }

    /// The value as last read or written, without reading again.
    pub fn last(&self) -> Option<String> {
        self.memory.clone()
    }

    /// Whether choices survive the page (localStorage works).
    pub fn persistent(&self) -> bool {
        self.local
    }

    fn read_local(&self) -> Option<String> {
        if !self.local {
            return None;
        }
        local_storage()?.get_item(STORAGE_KEY).ok().flatten()
    }

    /// The stored value: localStorage's if readable, else this page's memory.
    pub fn read(&mut self) -> Option<String> {
        if self.local {
            self.memory = self.read_local();
        }
        self.memory.clone()
    }

    /// Stores a value; returns false when it lives in memory only (blocked or full storage).
    pub fn write(&mut self, value: &str) -> bool {
        self.memory = Some(value.to_owned());
        self.local && reachable() && LocalStorage::raw().set_item(STORAGE_KEY, value).is_ok()
    }

    /// Forgets the value.
    pub fn remove(&mut self) {
        self.memory = None;
        if self.local && reachable() {
            let _ = LocalStorage::raw().remove_item(STORAGE_KEY);
        }
    }
}

/// Installs the guard on `Storage.prototype.setItem`: keys of trackers whose category is not
/// accepted are not written (the page sees no error).
pub fn install_guard() {
    if let Some(proto) = super::dom::proto("Storage") {
        super::dom::hook_method(&proto, "setItem", set_item_trap);
    }
}

fn set_item_trap(
    target: &js_sys::Function,
    this: &wasm_bindgen::JsValue,
    args: &js_sys::Array,
) -> super::dom::Js<wasm_bindgen::JsValue> {
    let key = args.get(0).as_string().unwrap_or_default();
    let owner = super::with(|app| {
        crate::core::decision::storage_owner(&app.config, &key).map(|o| {
            (
                app.consent.allows(Some(o.category), Some(o.service)),
                o.service.to_owned(),
            )
        })
    });
    match owner {
        Some(None) | Some(Some((true, _))) => super::dom::pass(target, this, args),
        Some(Some((false, service))) => {
            super::cookies::note_blocked("storage", &key, &service);
            Ok(wasm_bindgen::JsValue::UNDEFINED)
        }
        // Busy or not started: only the widget's own key passes.
        None if key == STORAGE_KEY => super::dom::pass(target, this, args),
        None => Ok(wasm_bindgen::JsValue::UNDEFINED),
    }
}

/// Removes known tracker keys whose category is not accepted from localStorage and
/// sessionStorage.
pub fn clean_up() {
    let Ok(window) = super::dom::window() else {
        return;
    };
    for storage in [window.local_storage(), window.session_storage()] {
        let Ok(Some(storage)) = storage else { continue };
        let len = storage.length().unwrap_or(0);
        let keys: Vec<String> = (0..len)
            .filter_map(|i| storage.key(i).ok().flatten())
            .collect();
        for key in keys {
            let refused = super::with(|app| {
                crate::core::decision::storage_owner(&app.config, &key)
                    .is_some_and(|o| !app.consent.allows(Some(o.category), Some(o.service)))
            });
            if refused == Some(true) {
                let _ = storage.remove_item(&key);
            }
        }
    }
}
