//! The JSON parser: `json::parse` on any text never panics, and accepts exactly the texts
//! serde_json accepts, reading the same values (as `tests/parsers.rs` checks with proptest).
#![no_main]

use bzconsent::core::json::{self, Value};
use libfuzzer_sys::fuzz_target;

/// The same type, strings and key order; of numbers, the `u64` ours keeps.
fn same(ours: &Value, theirs: &serde_json::Value) -> bool {
    use serde_json::Value as V;
    match (ours, theirs) {
        (Value::Null, V::Null) => true,
        (Value::Bool(a), V::Bool(b)) => a == b,
        (Value::Number(a), V::Number(b)) => *a == b.as_u64(),
        (Value::String(a), V::String(b)) => a == b,
        (Value::Array(a), V::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same(a, b))
        }
        (Value::Object(a), V::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .zip(b)
                    .all(|((ka, va), (kb, vb))| ka == kb && same(va, vb))
        }
        _ => false,
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let ours = json::parse(&text);
    let theirs = serde_json::from_str::<serde_json::Value>(&text);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => assert!(same(a, b), "{text:?}: ours {a:?}, serde_json {b:?}"),
        (Err(_), Err(_)) => {}
        _ => panic!("{text:?}: ours {ours:?}, serde_json {theirs:?}"),
    }
});
