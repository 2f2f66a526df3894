//! # bzconsent
//!
//! A cookie-consent widget in one `<script>` tag. It shows a consent banner, stores the
//! visitor's choice in localStorage, and holds back analytics and marketing cookies, storage
//! and scripts *before* any are set, enabling them only when the visitor agrees.
//!
//! The crate has three parts:
//! - [`core`]: pure Rust with no browser in sight (configuration, stored record, the JSON
//!   decoder both use, decisions, the guard's state, tracker catalogue, translations, the markup
//!   of the banner and dialog, what is on the device), tested on the host with `cargo test`;
//! - the guard's module (wasm32, feature `guard`): [`core::guard::Guard`] behind plain exports,
//!   inlined into `pkg/bzconsent.js` beside the JavaScript hooks of `src/guard/page/`;
//! - the UI (wasm32, feature `ui`): the state, markup and actions of banner, dialog and
//!   placeholders and the recording of each choice, as wasm-bindgen exports that a small
//!   JavaScript shell (`src/ui/shell.js`) calls to do the browser work; shipped as
//!   `pkg/bzconsent-ui.js` with one language file beside it, and loaded by the guard only when
//!   something must be shown or stored.
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

#[cfg(all(target_arch = "wasm32", feature = "guard"))]
mod guard;

#[cfg(all(target_arch = "wasm32", feature = "ui"))]
mod ui;
