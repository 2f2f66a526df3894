//! # bzconsent
//!
//! A cookie-consent widget in one `<script>` tag. It shows a consent banner, stores the
//! visitor's choice in localStorage, and holds back analytics and marketing cookies, storage
//! and scripts *before* any are set, enabling them only when the visitor agrees.
//!
//! The crate has two halves:
//! - [`core`]: pure Rust with no browser in sight (configuration, stored record, the JSON parser
//!   both use, decisions, tracker catalogue, translations), tested on the host with `cargo test`;
//! - `web` (wasm32 only): the thin layer that translates DOM, storage and events into core calls
//!   and core answers into DOM. Its entry point runs synchronously when the script loads.
//!
//! The public contract (markup, stored record, JavaScript API) is described in the README.
#![deny(missing_docs)]

pub mod core;

#[cfg(target_arch = "wasm32")]
mod alloc;

/// The module's allocator: small, for a widget that allocates little (see `alloc`).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: alloc::Allocator = alloc::Allocator::new();

#[cfg(target_arch = "wasm32")]
mod web;

/// Starts the widget. Runs once, synchronously, when `bzconsent.js` is executed.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    web::boot();
}
