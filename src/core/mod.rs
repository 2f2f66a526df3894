//! The pure-Rust core: everything that decides (and the markup the visitor sees), with no
//! browser in sight.
//! It builds and is tested on the host with plain `cargo test`.

pub mod bytes;
pub mod catalogue;
pub mod category;
pub mod config;
pub mod decision;
pub mod device;
pub mod guard;
pub mod i18n;
pub mod json;
pub mod markup;
pub mod record;
#[cfg(feature = "ui")]
pub mod recording;
pub mod view;

/// The guard's `stream` on the host (`tests/support/guard_stream.rs`): the unit tests read JSON
/// through it, as the shipped code receives it.
#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
#[path = "../../tests/support/guard_stream.rs"]
mod guard_stream;

/// A JSON text as the guard hands it to Rust: the browser's `JSON.parse`, the guard's stream,
/// [`json::decode`] (`None`: the guard refuses the text).
#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn read_json(text: &str) -> Option<json::Value> {
    guard_stream::stream(text).and_then(|s| json::decode(&s))
}
