//! The stored record: `Record::parse` on any stored value never panics, and whatever it accepts
//! is a well-formed record that `to_json` writes back to the same record.
#![no_main]

use bzconsent::core::category::Category;
use bzconsent::core::record::{format_iso, parse_iso, Record};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // localStorage hands over UTF-16; lone surrogates reach Rust as U+FFFD.
    let text = String::from_utf8_lossy(data);
    if let Ok(record) = Record::parse(&text) {
        assert!(record.accepted(Category::Necessary));
        assert!(record.revision >= 1);
        assert!(!record.id.is_empty() && record.id.len() <= 128);
        assert!(record.time_ms >= 0.0 && record.time_ms.fract() == 0.0);
        assert!(record.services.len() <= 256);
        assert_eq!(Record::parse(&record.to_json()), Ok(record));
    }
    // The date format on its own: every accepted date is written back as the same instant.
    if let Some(ms) = parse_iso(&text) {
        assert_eq!(parse_iso(&format_iso(ms)), Some(ms));
    }
});
