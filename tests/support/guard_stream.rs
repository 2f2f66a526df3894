//! The guard's `stream` (src/guard/page/10-module.js) on the host, so that the tests and the fuzz targets
//! feed `core::json::decode` and the validators exactly what a browser hands them.
//!
//! In the browser, `JSON.parse` reads the text and `walk` writes the value as a stream: `n`, `t`,
//! `f`, `u<n>;` for a whole number from 0 to 2^53 − 1 (not −0), `x` for any other number,
//! `s<UTF-8 bytes>;<text>`, `a<count>;` then the items, `o<count>;` then each key (as a string)
//! and its value, keys sorted as `Array.prototype.sort` sorts them (by UTF-16 code units). A
//! lone surrogate in a string or key that is written, or a value deeper than 127 levels below
//! the root, makes the whole text refused (`null`; `None` here).
//!
//! Here serde_json reads the text. Where it answers differently from `JSON.parse`, the text is
//! bridged before serde_json sees it or the value after:
//!
//! - **Numbers.** `JSON.parse` makes every number an IEEE double, rounded to nearest: `1.0`,
//!   `1e0` and `10e-1` are the integer 1, `1e-400` is 0, `-1e-400` is −0, `9007199254740993` is
//!   2^53 (not safe), and `1e309` is `Infinity` (accepted, written `x`). serde_json keeps
//!   integers exact, has its own float rounding, and refuses `1e309`. So each number literal is
//!   read as `f64` by Rust's `str::parse` (correctly rounded, overflow to infinity, as V8,
//!   SpiderMonkey and JavaScriptCore do) and replaced, before serde_json parses, by what the
//!   stream says of it: its digits when the double is a safe non-negative integer and not −0,
//!   else `-1` (written `x`). Literals that break JSON's number grammar (`01`, `1.`, `+1`,
//!   `.5`) are left as they are, for serde_json to refuse as `JSON.parse` does.
//! - **Lone surrogates.** `JSON.parse` accepts `"\ud800"` and makes a string with a lone
//!   surrogate; `walk` refuses it only if it writes that string. A value that a later duplicate
//!   key replaced is never written, so `{"a":"\ud800","a":1}` is accepted. serde_json refuses
//!   any lone surrogate. So each lone surrogate escape is replaced by the escape of a sentinel
//!   character that occurs nowhere else in the text, and a written string or key holding the
//!   sentinel refuses the text. (A text would need every code point from U+E000 up, over 3 MB,
//!   to leave no sentinel; such a text is refused.) Raw lone surrogates cannot reach a Rust
//!   `&str`: the callers read files and fuzz input lossily, as U+FFFD.
//! - **Depth.** `JSON.parse` has no depth limit of its own (past the engine's stack it throws:
//!   refused); `walk` refuses a value deeper than 127 levels, so 128 nested arrays or objects
//!   are written when the innermost are empty. serde_json stops at 127 levels. So the text's
//!   nesting is counted first: past 128 levels it is refused (whatever else is wrong with it,
//!   the answer is the same), and up to 128 serde_json parses without its limit
//!   (`unbounded_depth`) and the walk applies the guard's own.
//! - **Duplicate keys.** Both keep the last value of a key (serde_json's map without
//!   `preserve_order` replaces the earlier one).
//! - **Key order.** serde_json's map is sorted by bytes (code points); the walk sorts the keys
//!   again by UTF-16 code units, as the guard's `Object.keys(v).sort()` does: a key from
//!   U+E000 to U+FFFF comes after one above U+FFFF.
//! - **The rest agrees**: JSON's whitespace only (no byte order mark), no raw control characters
//!   in strings, no trailing commas, comments, single quotes, `NaN` or `Infinity`, nothing but
//!   whitespace after the value; `__proto__` is an ordinary key in both.

use std::collections::BTreeSet;

/// 2^53 − 1, JavaScript's `Number.MAX_SAFE_INTEGER`.
const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
/// The deepest level `walk` writes a value at (the root is at 0).
const MAX_DEPTH: usize = 127;

/// What the guard's `stream(text)` returns: the stream `core::json::decode` reads, or `None`
/// where the guard returns `null` (not JSON, a lone surrogate written, too deep).
pub fn stream(text: &str) -> Option<String> {
    let (text, sentinel) = bridge(text)?;
    let mut reader = serde_json::Deserializer::from_str(&text);
    reader.disable_recursion_limit();
    let mut values = reader.into_iter::<serde_json::Value>();
    let value = values.next()?.ok()?;
    // Anything but whitespace after the value.
    if values.next().is_some() {
        return None;
    }
    let mut out = String::new();
    walk(&value, 0, sentinel, &mut out)?;
    Some(out)
}

/// The guard's `walk`.
fn walk(
    value: &serde_json::Value,
    depth: usize,
    sentinel: Option<char>,
    out: &mut String,
) -> Option<()> {
    use serde_json::Value;
    if depth > MAX_DEPTH {
        return None;
    }
    match value {
        Value::Null => out.push('n'),
        Value::Bool(b) => out.push(if *b { 't' } else { 'f' }),
        // `bridge` left only safe non-negative integers and -1.
        Value::Number(n) => match n.as_u64().filter(|&n| n as f64 <= MAX_SAFE) {
            Some(n) => {
                out.push('u');
                out.push_str(&n.to_string());
                out.push(';');
            }
            None => out.push('x'),
        },
        Value::String(s) => string(s, sentinel, out)?,
        Value::Array(items) => {
            out.push('a');
            out.push_str(&items.len().to_string());
            out.push(';');
            for item in items {
                walk(item, depth + 1, sentinel, out)?;
            }
        }
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
            out.push('o');
            out.push_str(&keys.len().to_string());
            out.push(';');
            for key in keys {
                string(key, sentinel, out)?;
                walk(&map[key.as_str()], depth + 1, sentinel, out)?;
            }
        }
    }
    Some(())
}

/// The guard's `str`: `None` for a string that held a lone surrogate.
fn string(s: &str, sentinel: Option<char>, out: &mut String) -> Option<()> {
    if sentinel.is_some_and(|c| s.contains(c)) {
        return None;
    }
    out.push('s');
    out.push_str(&s.len().to_string());
    out.push(';');
    out.push_str(s);
    Some(())
}

/// A change to the text before serde_json reads it.
enum Patch {
    /// A number literal, replaced by one serde_json reads as what the stream says of it.
    Number(String),
    /// A lone surrogate escape (six bytes), replaced by the sentinel's escape.
    Lone,
}

/// The text as serde_json must read it to answer as `JSON.parse` (see the module's notes), and
/// the sentinel that stands for lone surrogates (if any); `None` past 128 levels of nesting.
fn bridge(text: &str) -> Option<(String, Option<char>)> {
    let b = text.as_bytes();
    let hex4 = |at: usize| -> Option<u32> {
        let digits = text.get(at..at + 4)?;
        if !digits.bytes().all(|d| d.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(digits, 16).ok()
    };
    // Code points the text already holds, literally or escaped: none may be the sentinel.
    let mut used: BTreeSet<u32> = text.chars().map(u32::from).collect();
    let mut patches: Vec<(usize, usize, Patch)> = Vec::new();
    let (mut depth, mut deepest) = (0i64, 0i64);
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] != b'\\' {
                        i += 1;
                        continue;
                    }
                    let Some(unit) = (b.get(i + 1) == Some(&b'u')).then(|| hex4(i + 2)).flatten()
                    else {
                        // Another escape (or a malformed one, for serde_json to refuse).
                        i += 2;
                        continue;
                    };
                    let low = (b.get(i + 6..i + 8) == Some(&b"\\u"[..]))
                        .then(|| hex4(i + 8))
                        .flatten()
                        .filter(|low| (0xdc00..0xe000).contains(low));
                    match (unit, low) {
                        (0xd800..=0xdbff, Some(low)) => {
                            used.insert(0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00));
                            i += 12;
                        }
                        (0xd800..=0xdfff, _) => {
                            patches.push((i, i + 6, Patch::Lone));
                            i += 6;
                        }
                        _ => {
                            used.insert(unit);
                            i += 6;
                        }
                    }
                }
                i += 1;
            }
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
                i += 1;
            }
            b']' | b'}' => {
                depth -= 1;
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                let end = b[i..]
                    .iter()
                    .position(|c| !matches!(c, b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-'))
                    .map_or(b.len(), |n| i + n);
                let literal = &text[i..end];
                if is_number(literal) {
                    let patch = match literal.parse::<f64>() {
                        Ok(v) if v.is_sign_positive() && v.fract() == 0.0 && v <= MAX_SAFE => {
                            Patch::Number((v as u64).to_string())
                        }
                        _ => Patch::Number("-1".to_owned()),
                    };
                    patches.push((i, end, patch));
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    // 128 levels: containers at level 127, written when empty; deeper: refused.
    if deepest > MAX_DEPTH as i64 + 1 {
        return None;
    }
    let sentinel = if patches.iter().any(|(_, _, p)| matches!(p, Patch::Lone)) {
        Some(
            (0xe000..=0x10ffff)
                .filter(|c| !used.contains(c))
                .find_map(char::from_u32)?,
        )
    } else {
        None
    };
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (from, to, patch) in &patches {
        out.push_str(&text[last..*from]);
        match patch {
            Patch::Number(literal) => out.push_str(literal),
            Patch::Lone => {
                for unit in sentinel
                    .iter()
                    .flat_map(|c| c.encode_utf16(&mut [0; 2]).to_vec())
                {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
        last = *to;
    }
    out.push_str(&text[last..]);
    Some((out, sentinel))
}

/// Whether `s` is one JSON number literal: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
fn is_number(s: &str) -> bool {
    let b = s.strip_prefix('-').unwrap_or(s).as_bytes();
    let digits = |from: usize| from + b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut i = match b.first() {
        Some(b'0') => 1,
        Some(b'1'..=b'9') => digits(1),
        _ => return false,
    };
    if b.get(i) == Some(&b'.') {
        let end = digits(i + 1);
        if end == i + 1 {
            return false;
        }
        i = end;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let end = digits(i);
        if end == i {
            return false;
        }
        i = end;
    }
    i == b.len()
}
