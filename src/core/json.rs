//! The JSON values the widget reads: the stored record and the page's configuration.
//!
//! What ships is [`decode`]: the browser's `JSON.parse` reads the text and the guard's
//! JavaScript writes the value as a stream, so no build carries a JSON parser. The tests read
//! texts the same way, through a host copy of the guard's `stream` (`tests/parsers.rs`).
//!
//! Numbers keep only what the callers use: a whole number the guard hands over as one. Every
//! other number is [`Value::Number`]`(None)`, which no caller accepts.
//!
//! [`parse`], a strict parser (RFC 8259) that accepts what `serde_json` accepts, ships in no
//! build either: it is left for the host-only text entry points of `core::guard`
//! (`Guard::start`, `Guard::stored_elsewhere`), through [`Record::parse`] and
//! [`Config::for_guard`]. It reads numbers as written, not as `JSON.parse`'s doubles: `1.0` is
//! no whole number to it, and `1e309` no JSON.
//!
//! [`Record::parse`]: super::record::Record::parse
//! [`Config::for_guard`]: super::config::Config::for_guard
//!
//! ```
//! use bzconsent::core::json::{parse, Value};
//! let value = parse(r#"{"revision": 3, "b": [true, null], "revision": 4}"#).unwrap();
//! let object = value.as_object().unwrap();
//! assert_eq!(object.get("revision").and_then(Value::as_u64), Some(4));
//! assert_eq!(object.len(), 2);
//! ```

use core::cmp::Ordering;

/// Most arrays and objects that may be open at once: serde_json's limit (it counts 128 and fails
/// on reaching it). The parser recurses once per level and the release module runs on a 128 KiB
/// stack, so the depth must stay bounded: in the release build a level takes 256 bytes of it,
/// so the deepest text takes about 32 KB, plus at most 8 KB for sorting the innermost object.
pub const MAX_DEPTH: usize = 127;

/// A parsed JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number: `Some` when written as a whole number from 0 to `u64::MAX` (digits only),
    /// `None` for any other valid number (negative, fraction, exponent, larger).
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
/// the guard writes them; [`parse`] by bytes. The callers show it: configuration errors are
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
    /// The number, if it is a whole number from 0 to `u64::MAX` written as digits only.
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

/// Why a text is not JSON, and where.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Error {
    /// What was wrong.
    pub kind: ErrorKind,
    /// Byte offset in the text where it was found.
    pub at: usize,
}

/// What was wrong with a JSON text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The text ended inside a value (or was empty).
    Eof,
    /// A character that cannot come here (e.g. a trailing comma, a missing colon).
    Unexpected,
    /// A malformed number: a leading zero, no digit after `.`, `e` or `-`.
    Number,
    /// A number too large for an `f64`, such as `1e309`.
    NumberOutOfRange,
    /// A control character (U+0000 to U+001F) not escaped inside a string.
    ControlCharacter,
    /// An escape other than `\" \\ \/ \b \f \n \r \t \uXXXX`.
    Escape,
    /// A `\u` escape of a UTF-16 surrogate that is not a high one followed by a low one.
    LoneSurrogate,
    /// More than [`MAX_DEPTH`] arrays and objects inside each other.
    TooDeep,
    /// Something other than whitespace after the value.
    Trailing,
}

/// Parses a whole JSON text: one value, optionally surrounded by whitespace.
pub fn parse(text: &str) -> Result<Value, Error> {
    let mut parser = Parser {
        text,
        pos: 0,
        depth: 0,
    };
    let value = parser.value()?;
    parser.skip_whitespace();
    if parser.pos < text.len() {
        return Err(parser.error(ErrorKind::Trailing));
    }
    Ok(value)
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

/// `10^289` to `10^308`: the powers by which serde_json scales a significand into overflow.
const POW10_FROM_289: [f64; 20] = [
    1e289, 1e290, 1e291, 1e292, 1e293, 1e294, 1e295, 1e296, 1e297, 1e298, 1e299, 1e300, 1e301,
    1e302, 1e303, 1e304, 1e305, 1e306, 1e307, 1e308,
];

struct Parser<'a> {
    text: &'a str,
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    fn error(&self, kind: ErrorKind) -> Error {
        Error { kind, at: self.pos }
    }

    /// The error for a byte that cannot come here: the end of the text, or anything else.
    fn unexpected(&self) -> Error {
        self.error(if self.peek().is_some() {
            ErrorKind::Unexpected
        } else {
            ErrorKind::Eof
        })
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        if found {
            self.pos += 1;
        }
        found
    }

    fn digit(&mut self) -> Option<u8> {
        let d = self.peek()?.wrapping_sub(b'0');
        if d < 10 {
            self.pos += 1;
            return Some(d);
        }
        None
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn value(&mut self) -> Result<Value, Error> {
        self.skip_whitespace();
        match self.peek() {
            Some(b'n') => self.literal("null", Value::Null),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'"') => {
                self.pos += 1;
                self.string().map(Value::String)
            }
            Some(b'[' | b'{') => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(self.error(ErrorKind::TooDeep));
                }
                let value = if self.eat(b'[') {
                    self.array()
                } else {
                    self.pos += 1;
                    self.object()
                };
                self.depth -= 1;
                value
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.unexpected()),
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, Error> {
        for &b in word.as_bytes() {
            if !self.eat(b) {
                return Err(self.unexpected());
            }
        }
        Ok(value)
    }

    /// After `[`.
    fn array(&mut self) -> Result<Value, Error> {
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.eat(b']') {
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value()?);
            self.skip_whitespace();
            if self.eat(b']') {
                return Ok(Value::Array(items));
            }
            if !self.eat(b',') {
                return Err(self.unexpected());
            }
        }
    }

    /// After `{`.
    fn object(&mut self) -> Result<Value, Error> {
        let mut members = Vec::new();
        self.skip_whitespace();
        if !self.eat(b'}') {
            loop {
                self.skip_whitespace();
                if !self.eat(b'"') {
                    return Err(self.unexpected());
                }
                let key = self.string()?;
                self.skip_whitespace();
                if !self.eat(b':') {
                    return Err(self.unexpected());
                }
                members.push((key, self.value()?));
                self.skip_whitespace();
                if self.eat(b'}') {
                    break;
                }
                if !self.eat(b',') {
                    return Err(self.unexpected());
                }
            }
        }
        Ok(Value::Object(Object(sort_members(members))))
    }

    /// After the opening `"`; consumes the closing one.
    fn string(&mut self) -> Result<String, Error> {
        let mut out = String::new();
        let mut start = self.pos;
        loop {
            match self.peek() {
                None => return Err(self.unexpected()),
                Some(b @ (b'"' | b'\\')) => {
                    // Both are ASCII, so the run before them is whole UTF-8.
                    out.push_str(self.text.get(start..self.pos).unwrap_or_default());
                    self.pos += 1;
                    if b == b'"' {
                        return Ok(out);
                    }
                    out.push(self.escape()?);
                    start = self.pos;
                }
                Some(0..=0x1f) => return Err(self.error(ErrorKind::ControlCharacter)),
                Some(_) => self.pos += 1,
            }
        }
    }

    /// After a `\` in a string.
    fn escape(&mut self) -> Result<char, Error> {
        let Some(b) = self.peek() else {
            return Err(self.unexpected());
        };
        self.pos += 1;
        Ok(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let mut code = self.hex4()?;
                if (0xd800..0xdc00).contains(&code) {
                    if !(self.eat(b'\\') && self.eat(b'u')) {
                        return Err(self.error(ErrorKind::LoneSurrogate));
                    }
                    let low = self.hex4()?;
                    if !(0xdc00..0xe000).contains(&low) {
                        return Err(self.error(ErrorKind::LoneSurrogate));
                    }
                    code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
                }
                // A low surrogate on its own is the one code point left that is no `char`.
                return char::from_u32(code).ok_or(self.error(ErrorKind::LoneSurrogate));
            }
            _ => {
                self.pos -= 1;
                return Err(self.error(ErrorKind::Escape));
            }
        })
    }

    /// The four hex digits of a `\u` escape.
    fn hex4(&mut self) -> Result<u32, Error> {
        let mut code = 0;
        for _ in 0..4 {
            let Some(d) = self.peek().and_then(|b| char::from(b).to_digit(16)) else {
                return Err(self.error(ErrorKind::Escape));
            };
            self.pos += 1;
            code = code * 16 + d;
        }
        Ok(code)
    }

    /// A number. Its range check follows serde_json's (without `float_roundtrip`) step by
    /// step, so both reject the same numbers: the significand keeps the digits that fit a
    /// `u64`, the exponent counts the rest, and the number is out of range when
    /// `significand as f64 * 10^exponent` is infinite.
    fn number(&mut self) -> Result<Value, Error> {
        let negative = self.eat(b'-');
        let mut significand: u64 = 0;
        let mut exponent: i32 = 0;
        let mut whole = true;
        match self.digit() {
            Some(0) => {
                if self.peek().is_some_and(|b| b.is_ascii_digit()) {
                    return Err(self.error(ErrorKind::Number));
                }
            }
            Some(d) => {
                significand = u64::from(d);
                while let Some(d) = self.digit() {
                    match push_digit(significand, d) {
                        Some(n) if whole => significand = n,
                        // Past u64: like serde_json, count the digits, keep the value.
                        _ => {
                            whole = false;
                            exponent = exponent.saturating_add(1);
                        }
                    }
                }
            }
            None => return Err(self.error(ErrorKind::Number)),
        }
        if self.eat(b'.') {
            whole = false;
            let mut any = false;
            let mut full = false;
            while let Some(d) = self.digit() {
                any = true;
                match push_digit(significand, d) {
                    Some(n) if !full => {
                        significand = n;
                        exponent = exponent.saturating_sub(1);
                    }
                    // Digits past u64 are ignored.
                    _ => full = true,
                }
            }
            if !any {
                return Err(self.unexpected_digit());
            }
        }
        if self.eat(b'e') || self.eat(b'E') {
            whole = false;
            let positive = !self.eat(b'-');
            if positive {
                self.eat(b'+');
            }
            let Some(d) = self.digit() else {
                return Err(self.unexpected_digit());
            };
            let mut exp = i32::from(d);
            let mut overflow = false;
            while let Some(d) = self.digit() {
                match exp
                    .checked_mul(10)
                    .and_then(|e| e.checked_add(i32::from(d)))
                {
                    Some(e) if !overflow => exp = e,
                    _ => overflow = true,
                }
            }
            if overflow {
                // An exponent past i32: infinite unless the number is zero or the exponent
                // negative (then it is zero).
                if significand != 0 && positive {
                    return Err(self.error(ErrorKind::NumberOutOfRange));
                }
                return Ok(Value::Number(None));
            }
            exponent = if positive {
                exponent.saturating_add(exp)
            } else {
                exponent.saturating_sub(exp)
            };
        }
        if whole {
            return Ok(Value::Number(if negative {
                None
            } else {
                Some(significand)
            }));
        }
        // Below 10^289 even u64::MAX stays finite; above 10^308 only zero does.
        if exponent >= 289 && significand != 0 {
            let finite = usize::try_from(exponent - 289)
                .ok()
                .and_then(|i| POW10_FROM_289.get(i))
                .is_some_and(|pow| (significand as f64 * pow).is_finite());
            if !finite {
                return Err(self.error(ErrorKind::NumberOutOfRange));
            }
        }
        Ok(Value::Number(None))
    }

    /// The error when a digit must come next.
    fn unexpected_digit(&self) -> Error {
        match self.peek() {
            None => self.error(ErrorKind::Eof),
            Some(_) => self.error(ErrorKind::Number),
        }
    }
}

/// `n * 10 + d`, if it fits a `u64`.
fn push_digit(n: u64, d: u8) -> Option<u64> {
    n.checked_mul(10)?.checked_add(u64::from(d))
}

/// Sorts members by key, keeping the last of equal keys (a stable merge sort that drops the
/// earlier of two equal keys). O(n log n) whatever the order, so a hostile object with many
/// keys costs no more than a long array.
fn sort_members(mut members: Vec<(String, Value)>) -> Vec<(String, Value)> {
    if members.len() < 2 {
        return members;
    }
    let right = sort_members(members.split_off(members.len() / 2));
    let left = sort_members(members);
    let mut out = Vec::with_capacity(left.len() + right.len());
    let mut left = left.into_iter().peekable();
    let mut right = right.into_iter().peekable();
    loop {
        let from_left = match (left.peek(), right.peek()) {
            (Some(l), Some(r)) => match l.0.cmp(&r.0) {
                Ordering::Less => true,
                Ordering::Greater => false,
                Ordering::Equal => {
                    // Every left key was written before every right one: the right one wins.
                    left.next();
                    false
                }
            },
            (Some(_), None) => true,
            (None, _) => false,
        };
        match if from_left { left.next() } else { right.next() } {
            Some(member) => out.push(member),
            None => return out,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_guard_stream_decodes_to_the_same_values_as_the_text() {
        let text = r#"{"b":[1,null,true,"x\u00e9"],"a":{"c":false,"d":1.5}}"#;
        let stream = "o2;s1;ao2;s1;cfs1;dxs1;ba4;u1;nts3;x\u{e9}";
        assert_eq!(decode(stream), parse(text).ok());
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

    use super::*;

    fn kind(text: &str) -> ErrorKind {
        match parse(text) {
            Ok(v) => panic!("{text:?} parsed as {v:?}"),
            Err(e) => e.kind,
        }
    }

    fn string(text: &str) -> String {
        match parse(text) {
            Ok(Value::String(s)) => s,
            other => panic!("{text:?}: {other:?}"),
        }
    }

    fn number(text: &str) -> Option<u64> {
        match parse(text) {
            Ok(Value::Number(n)) => n,
            other => panic!("{text:?}: {other:?}"),
        }
    }

    fn nested(depth: usize) -> String {
        ["[".repeat(depth), "]".repeat(depth)].concat()
    }

    #[test]
    fn literals_arrays_and_objects_parse() {
        assert_eq!(parse(" null "), Ok(Value::Null));
        assert_eq!(parse("true"), Ok(Value::Bool(true)));
        assert_eq!(parse("\t\r\nfalse"), Ok(Value::Bool(false)));
        assert_eq!(parse("[]"), Ok(Value::Array(Vec::new())));
        assert_eq!(parse("{ }"), Ok(Value::Object(Object::default())));
        assert_eq!(
            parse(r#"[1, "a", [null], {"k": false}]"#),
            Ok(Value::Array(vec![
                Value::Number(Some(1)),
                Value::String("a".into()),
                Value::Array(vec![Value::Null]),
                Value::Object(Object(vec![("k".into(), Value::Bool(false))])),
            ]))
        );
    }

    #[test]
    fn escapes_are_decoded() {
        assert_eq!(
            string(r#""a\"b\\c\/d\be\ff\ng\rh\ti""#),
            "a\"b\\c/d\u{8}e\u{c}f\ng\rh\ti"
        );
        assert_eq!(string(r#""\u00e9\u00E9\u4e2d\u0000""#), "éé中\u{0}");
        assert_eq!(string(r#""plain ünïcödé 中文""#), "plain ünïcödé 中文");
        for bad in [
            r#""\x""#,
            r#""\u12""#,
            r#""\u12g4""#,
            r#""\U0041""#,
            r#""\'""#,
        ] {
            assert_eq!(kind(bad), ErrorKind::Escape, "{bad}");
        }
    }

    #[test]
    fn surrogate_pairs_decode_and_lone_surrogates_are_errors() {
        assert_eq!(string(r#""\ud83d\ude00""#), "😀");
        assert_eq!(string(r#""\uDBFF\uDFFF""#), "\u{10ffff}");
        for bad in [
            r#""\ud83d""#,
            r#""\ud83dx""#,
            r#""\ud83d\n""#,
            r#""\ud83d\u0041""#,
            r#""\ud83d\ud83d""#,
            r#""\ude00""#,
            r#""\ude00\ud83d""#,
        ] {
            assert_eq!(kind(bad), ErrorKind::LoneSurrogate, "{bad}");
        }
    }

    #[test]
    fn control_characters_in_strings_are_errors() {
        for bad in ["\"a\u{0}\"", "\"\n\"", "\"\t\"", "\"\u{1f}\""] {
            assert_eq!(kind(bad), ErrorKind::ControlCharacter, "{bad:?}");
        }
        assert_eq!(string("\"\u{7f}\""), "\u{7f}");
    }

    #[test]
    fn whole_numbers_are_kept_and_other_numbers_are_none() {
        assert_eq!(number("0"), Some(0));
        assert_eq!(number("42"), Some(42));
        assert_eq!(number("18446744073709551615"), Some(u64::MAX));
        for other in [
            "-0",
            "-1",
            "1.0",
            "1e2",
            "1E2",
            "1e+2",
            "1e-2",
            "0.5",
            "-0.0e-0",
            "18446744073709551616",
            "99999999999999999999999999",
        ] {
            assert_eq!(number(other), None, "{other}");
        }
    }

    #[test]
    fn malformed_numbers_are_errors() {
        for bad in [
            "01", "-01", "00", "1.", "1.e5", ".5", "-", "1e", "1e+", "+1", "-a", "1ea",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert_eq!(kind("01"), ErrorKind::Number);
        assert_eq!(kind("1."), ErrorKind::Eof);
        assert_eq!(kind("1.x"), ErrorKind::Number);
        assert_eq!(kind("1.5.3"), ErrorKind::Trailing);
        assert_eq!(kind("Infinity"), ErrorKind::Unexpected);
        assert_eq!(kind("NaN"), ErrorKind::Unexpected);
    }

    #[test]
    fn numbers_beyond_f64_are_out_of_range_and_tiny_ones_are_zero() {
        for big in [
            "1e309",
            "-1e309",
            "2e308",
            "1.8e308",
            "1e99999999999",
            "0.1e310",
            &"9".repeat(400),
        ] {
            assert_eq!(kind(big), ErrorKind::NumberOutOfRange, "{big}");
        }
        for fine in [
            "1e308",
            "1.7976931348623157e308",
            "-1.7976931348623157e308",
            "1e-400",
            "1e-99999999999",
            "0e99999999999",
            "0e400",
            "0.0e309",
            "10e307",
            "0.00001e312",
            &"9".repeat(300),
        ] {
            assert_eq!(number(fine), None, "{fine}");
        }
    }

    #[test]
    fn duplicate_keys_keep_the_last_value_and_keys_are_sorted() {
        let value = parse(r#"{"b":1,"a":2,"b":3,"c":{},"a":4}"#).unwrap();
        let object = value.as_object().unwrap();
        let keys: Vec<&str> = object.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["a", "b", "c"]);
        assert_eq!(object.get("a").and_then(Value::as_u64), Some(4));
        assert_eq!(object.get("b").and_then(Value::as_u64), Some(3));
        assert_eq!(object.len(), 3);
        assert_eq!(object.get("d"), None);
    }

    #[test]
    fn many_keys_in_reverse_order_sort_quickly() {
        let members: Vec<String> = (0..50_000)
            .rev()
            .map(|i| format!("\"k{i:05}\":{i}"))
            .collect();
        let text = ["{", &members.join(","), "}"].concat();
        let value = parse(&text).unwrap();
        let object = value.as_object().unwrap();
        assert_eq!(object.len(), 50_000);
        assert!(object
            .iter()
            .zip(object.iter().skip(1))
            .all(|(a, b)| a.0 < b.0));
        assert_eq!(object.get("k01234").and_then(Value::as_u64), Some(1234));
    }

    #[test]
    fn nesting_is_limited_to_max_depth() {
        assert!(parse(&nested(MAX_DEPTH)).is_ok());
        assert_eq!(kind(&nested(MAX_DEPTH + 1)), ErrorKind::TooDeep);
        assert_eq!(kind(&"[".repeat(100_000)), ErrorKind::TooDeep);
        let objects = [
            r#"{"a":"#.repeat(MAX_DEPTH),
            "1".into(),
            "}".repeat(MAX_DEPTH),
        ]
        .concat();
        assert!(parse(&objects).is_ok());
        let deeper = [
            r#"{"a":"#.repeat(MAX_DEPTH + 1),
            "1".into(),
            "}".repeat(MAX_DEPTH + 1),
        ];
        assert_eq!(kind(&deeper.concat()), ErrorKind::TooDeep);
    }

    #[test]
    fn trailing_garbage_and_truncation_are_errors() {
        assert_eq!(kind("{} x"), ErrorKind::Trailing);
        assert_eq!(kind("1 2"), ErrorKind::Trailing);
        assert_eq!(kind("nulll"), ErrorKind::Trailing);
        assert_eq!(kind("\u{feff}{}"), ErrorKind::Unexpected);
        for eof in [
            "", "  ", "[", "[1", "[1,", "{", "{\"a\"", "{\"a\":", "\"abc", "nul", "tru",
        ] {
            assert_eq!(kind(eof), ErrorKind::Eof, "{eof:?}");
        }
        for bad in [
            "[1,]",
            "{\"a\":1,}",
            "{,}",
            "[,1]",
            "{\"a\" 1}",
            "{1:2}",
            "[1 2]",
            "'a'",
        ] {
            assert_eq!(kind(bad), ErrorKind::Unexpected, "{bad}");
        }
    }

    #[test]
    fn errors_say_where() {
        assert_eq!(
            parse("[1, 2, x]"),
            Err(Error {
                kind: ErrorKind::Unexpected,
                at: 7
            })
        );
    }
}
