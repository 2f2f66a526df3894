//! `json::decode`: never panics on any stream, and reads back every stream the guard writes
//! (`JSON.parse`, then its `stream`) losing nothing; the one it refuses is 128 nested arrays
//! or objects, which the guard writes when the innermost are empty (not JSON either way).
#![no_main]

use bzconsent::core::json::{self, Value};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/guard_stream.rs"]
mod guard_stream;

/// A decoded value written as the guard's stream again.
fn encode(value: &Value, out: &mut String) {
    let string = |s: &str, out: &mut String| out.push_str(&format!("s{};{s}", s.len()));
    match value {
        Value::Null => out.push('n'),
        Value::Bool(b) => out.push(if *b { 't' } else { 'f' }),
        Value::Number(Some(n)) => out.push_str(&format!("u{n};")),
        Value::Number(None) => out.push('x'),
        Value::String(s) => string(s, out),
        Value::Array(items) => {
            out.push_str(&format!("a{};", items.len()));
            items.iter().for_each(|v| encode(v, out));
        }
        Value::Object(members) => {
            out.push_str(&format!("o{};", members.len()));
            for (k, v) in members.iter() {
                string(k, out);
                encode(v, out);
            }
        }
    }
}

/// How many arrays and objects are open at the deepest point of a well-formed stream.
fn depth(s: &[u8], at: &mut usize) -> usize {
    let tag = s[*at];
    *at += 1;
    let mut count = || {
        let end = *at + s[*at..].iter().position(|&b| b == b';').unwrap_or(0);
        let n: usize = std::str::from_utf8(&s[*at..end])
            .ok()
            .and_then(|d| d.parse().ok())
            .unwrap_or(0);
        *at = end + 1;
        n
    };
    match tag {
        b'u' => {
            count();
            0
        }
        b's' => {
            *at += count();
            0
        }
        b'a' => (0..count()).map(|_| depth(s, at)).max().unwrap_or(0) + 1,
        b'o' => {
            let mut deepest = 0;
            for _ in 0..count() {
                depth(s, at);
                deepest = deepest.max(depth(s, at));
            }
            deepest + 1
        }
        _ => 0,
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = json::decode(&text);
    let Some(stream) = guard_stream::stream(&text) else {
        return;
    };
    match json::decode(&stream) {
        Some(value) => {
            let mut again = String::new();
            encode(&value, &mut again);
            assert_eq!(again, stream, "{text:?}");
        }
        None => assert_eq!(
            depth(stream.as_bytes(), &mut 0),
            128,
            "{text:?}: {stream:?}"
        ),
    }
});
