//! The pure-Rust core: everything that decides (and the markup the visitor sees), with no
//! browser in sight.
//! It builds and is tested on the host with plain `cargo test`.

pub mod bytes;
pub mod catalogue;
pub mod category;
pub mod config;
pub mod decision;
pub mod guard;
pub mod i18n;
pub mod json;
pub mod markup;
pub mod record;
pub mod view;
