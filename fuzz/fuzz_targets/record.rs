//! The stored record, read as the guard reads it (`JSON.parse`, the stream, `json::decode`,
//! `Record::from_value`): never panics, and whatever it accepts is a well-formed record that
//! `to_json` writes back to the same record.
#![no_main]

use bzconsent::core::category::Category;
use bzconsent::core::json;
use bzconsent::core::record::{format_iso, parse_iso, Record, RecordError};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/guard_stream.rs"]
mod guard_stream;

fn read(text: &str) -> Result<Record, RecordError> {
    let value = guard_stream::stream(text).and_then(|s| json::decode(&s));
    Record::from_value(&value.ok_or(RecordError::NotJson)?)
}

fuzz_target!(|data: &[u8]| {
    // localStorage hands over UTF-16; lone surrogates reach Rust as U+FFFD.
    let text = String::from_utf8_lossy(data);
    if let Ok(record) = read(&text) {
        assert!(record.accepted(Category::Necessary));
        assert!((1..1 << 53).contains(&record.revision));
        assert!(!record.id.is_empty() && record.id.len() <= 128);
        assert!(record.time_ms >= 0.0 && record.time_ms.fract() == 0.0);
        assert!(record.services.len() <= 256);
        assert_eq!(
            read(&bzconsent::core::recording::stored_json(
                &record,
                &bzconsent::core::record::format_iso(record.time_ms)
            )),
            Ok(record)
        );
    }
    // The date format on its own: every accepted date is written back as the same instant.
    if let Some(ms) = parse_iso(&text) {
        assert_eq!(parse_iso(&format_iso(ms)), Some(ms));
    }
});
