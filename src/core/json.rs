//! The JSON values the widget reads: the stored record and the page's configuration.
//!
//! What ships is [`decode`]: the browser's `JSON.parse` reads the text and the guard's
//! JavaScript writes the value as a stream, so no build carries a JSON parser. The tests read
//! texts the same way, through a host copy of the guard's `stream` (`tests/parsers.rs`).
//!
//! Numbers keep only what the callers use: a whole number the guard hands over as one. Every
//! other number is [`Value::Number`]`(None)`, which no caller accepts.
//!
//! ```
//! use bzconsent::core::json::{decode, Value};
//! let value = decode("o2;s1;bu4;s8;revisionu3;").unwrap();
//! let object = value.as_object().unwrap();
//! assert_eq!(object.get("revision").and_then(Value::as_u64), Some(3));
//! assert_eq!(object.len(), 2);
//! ```

/// Most arrays and objects that may be open at once (the guard refuses deeper texts). `decode`
/// recurses once per level and the release module runs on a 128 KiB stack, so the depth must
/// stay bounded.
pub const MAX_DEPTH: usize = 127;

/// A parsed JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number: `Some` for a whole number the guard hands over as one (from 0 to 2^53 − 1),
    /// `None` for any other.
    Number(Option<u64>),
    /// A string, escapes decoded.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object.
    Object(Object),
}

/// A JSON object: its members sorted by key, one per key (the last one written wins).
///
/// [`decode`] keeps them in the order of JavaScript's default sort (by UTF-16 code units), as
/// the guard writes them. The callers show it: configuration errors are
/// reported in key order, a record's services are read in key order, and duplicates count once.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Object(Vec<(String, Value)>);

impl Object {
    /// The value of `key`, if present.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The members, sorted by key.
    pub fn iter(&self) -> core::slice::Iter<'_, (String, Value)> {
        self.0.iter()
    }

    /// How many distinct keys the object has.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the object has no members.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Value {
    /// The number, if it is a whole number (see [`Value::Number`]).
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(n) => *n,
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The items, if this is an array.
    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The object, if this is one.
    pub fn as_object(&self) -> Option<&Object> {
        match self {
            Value::Object(object) => Some(object),
            _ => None,
        }
    }
}

/// Decodes a value the guard's JavaScript read with the browser's own `JSON.parse` and wrote
/// as a stream, so that the render-blocking module carries no JSON parser: `n` null, `t`/`f`,
/// `u<digits>;` a whole number from 0 to 2^53 − 1, `x` any other number, `s<bytes>;<text>` a
/// string of that many UTF-8 bytes, `a<count>;` an array followed by its items, `o<count>;` an
/// object followed by its members (key string, then value) in the order of JavaScript's
/// default sort (by UTF-16 code units: U+E000 to U+FFFF after the rest). `None` when the
/// stream is malformed or nests deeper than [`MAX_DEPTH`]. What the stream cannot say, the
/// guard refuses before writing it (lone surrogates, deeper nesting).
///
/// ```
/// use bzconsent::core::json::{decode, Value};
/// let v = decode("o2;s1;au7;s1;bs2;hi").unwrap();
/// assert_eq!(v.as_object().unwrap().get("a"), Some(&Value::Number(Some(7))));
/// assert_eq!(decode("s5;hi"), None);
/// ```
pub fn decode(stream: &str) -> Option<Value> {
    let mut at = 0;
    let value = decode_value(stream, &mut at, 0)?;
    (at == stream.len()).then_some(value)
}

fn decode_value(s: &str, at: &mut usize, depth: usize) -> Option<Value> {
    let tag = *s.as_bytes().get(*at)?;
    *at += 1;
    // The number after a tag, up to its `;`.
    let count = |at: &mut usize| -> Option<usize> {
        let rest = s.get(*at..)?;
        let end = rest.bytes().position(|b| b == b';')?;
        let digits = &rest[..end];
        *at += end + 1;
        if digits.is_empty() || digits.len() > 16 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok()
    };
    let string = |at: &mut usize| -> Option<String> {
        let len = count(at)?;
        let text = s.get(*at..at.checked_add(len)?)?;
        *at += len;
        Some(text.to_owned())
    };
    Some(match tag {
        b'n' => Value::Null,
        b't' => Value::Bool(true),
        b'f' => Value::Bool(false),
        b'u' => Value::Number(Some(count(at)? as u64)),
        b'x' => Value::Number(None),
        b's' => Value::String(string(at)?),
        b'a' | b'o' if depth >= MAX_DEPTH => return None,
        b'a' => {
            let n = count(at)?;
            let mut items = Vec::new();
            for _ in 0..n {
                items.push(decode_value(s, at, depth + 1)?);
            }
            Value::Array(items)
        }
        b'o' => {
            let n = count(at)?;
            let mut members: Vec<(String, Value)> = Vec::new();
            for _ in 0..n {
                if s.as_bytes().get(*at) != Some(&b's') {
                    return None;
                }
                *at += 1;
                let key = string(at)?;
                let value = decode_value(s, at, depth + 1)?;
                if members.last().is_some_and(|(k, _)| !utf16_less(k, &key)) {
                    return None;
                }
                members.push((key, value));
            }
            Value::Object(Object(members))
        }
        _ => return None,
    })
}

/// Whether `a` sorts before `b` by UTF-16 code units, as JavaScript's default sort puts them
/// (the guard sorts keys so). That is UTF-8's byte order but for U+E000 to U+FFFF (lead bytes
/// EE and EF), which come after every character above U+FFFF (a surrogate pair, D800 to DBFF
/// first). Bytes are compared at the first that differs: two lead bytes there, as the strings
/// agree before it.
fn utf16_less(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut i = 0;
    while i < a.len() && i < b.len() && a[i] == b[i] {
        i += 1;
    }
    // EE and EF (and no other UTF-8 byte) become FE and FF; the end of a text, `None`, is least.
    let rank = |s: &[u8]| {
        s.get(i)
            .map(|&x| if x & 0xfe == 0xee { x | 0x10 } else { x })
    };
    rank(a) < rank(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::cmp::Ordering;

    // Host only: the text is read through the host copy of the guard's `stream`.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_guard_stream_decodes_to_the_values_of_the_text() {
        let text = r#"{"b":[1,null,true,"x\u00e9"],"a":{"c":false,"d":1.5}}"#;
        let stream = "o2;s1;ao2;s1;cfs1;dxs1;ba4;u1;nts3;x\u{e9}";
        assert_eq!(decode(stream), crate::core::read_json(text));
        let object = |members: Vec<(&str, Value)>| {
            Value::Object(Object(
                members.into_iter().map(|(k, v)| (k.into(), v)).collect(),
            ))
        };
        let b = vec![
            Value::Number(Some(1)),
            Value::Null,
            Value::Bool(true),
            Value::String("x\u{e9}".into()),
        ];
        let a = object(vec![("c", Value::Bool(false)), ("d", Value::Number(None))]);
        assert_eq!(
            decode(stream),
            Some(object(vec![("a", a), ("b", Value::Array(b))]))
        );
    }

    #[test]
    fn keys_come_in_utf16_order_as_javascript_sorts_them() {
        // JavaScript sorts "\u{10000}" (D800 DC00) before "\u{ffff}"; by bytes it is after.
        let v = decode("o3;s1;ans4;\u{10000}ns3;\u{ffff}t").unwrap();
        let keys: Vec<&str> = v
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, _)| k.as_str())
            .collect();
        assert_eq!(keys, ["a", "\u{10000}", "\u{ffff}"]);
        assert_eq!(decode("o2;s3;\u{ffff}ns4;\u{10000}n"), None);
        assert_eq!(decode("o2;s1;ans1;an"), None);
    }

    #[test]
    fn utf16_order_is_javascripts() {
        let texts = [
            "",
            "a",
            "ab",
            "b",
            "\u{7f}",
            "\u{80}",
            "\u{7ff}",
            "\u{800}",
            "\u{d7ff}",
            "\u{e000}",
            "\u{efff}",
            "\u{f000}",
            "\u{ffff}",
            "\u{10000}",
            "\u{3ffff}",
            "\u{10ffff}",
            "a\u{ffff}",
            "a\u{10000}",
            "\u{ffff}a",
            "\u{10000}a",
        ];
        for a in texts {
            for b in texts {
                let js = a.encode_utf16().cmp(b.encode_utf16()) == Ordering::Less;
                assert_eq!(utf16_less(a, b), js, "{a:?} < {b:?}");
            }
        }
    }

    #[test]
    fn malformed_streams_are_refused() {
        for bad in [
            "",
            "q",
            "u;",
            "u12",
            "s3;ab",
            "a2;n",
            "o1;u1;n",
            "o2;s1;bns1;an",
            "nn",
            "u99999999999999999;",
        ] {
            assert_eq!(decode(bad), None, "{bad:?}");
        }
        let deep = "a1;".repeat(MAX_DEPTH + 1) + "n";
        assert_eq!(decode(&deep), None);
        let ok = "a1;".repeat(MAX_DEPTH) + "n";
        assert!(decode(&ok).is_some());
    }
}
