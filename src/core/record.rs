//! The stored consent record: parse, validate, expire and serialise.
//!
//! The record lives in localStorage under [`STORAGE_KEY`] as JSON:
//!
//! ```json
//! {"schema":1,"revision":1,"id":"…","timestamp":"2026-11-24T10:00:00.000Z",
//!  "categories":{"necessary":true,"preferences":false,"analytics":true,"marketing":false},
//!  "services":{"google-analytics":true},"method":"accept-all"}
//! ```
//!
//! Anything that is not such a record is an error here, and "no choice" to the caller: the
//! parser never panics, whatever the input.

use super::category::Category;
use super::json::Value;

/// The localStorage key (and cookie name of the optional server mirror).
pub const STORAGE_KEY: &str = "bzconsent";
/// The record format this version reads and writes.
pub const SCHEMA: u64 = 1;
/// Longest id, service name or service list accepted from storage.
const MAX_ID: usize = 128;
const MAX_SERVICES: usize = 256;
/// Milliseconds in a day.
pub const DAY_MS: f64 = 86_400_000.0;

/// How the visitor made the choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    /// "Accept all" (button or API).
    AcceptAll,
    /// "Reject all" (button or API).
    RejectAll,
    /// A selection made in the dialog, or `accept([...])`.
    Custom,
}

impl Method {
    /// Every method.
    pub const ALL: [Method; 3] = [Method::AcceptAll, Method::RejectAll, Method::Custom];

    /// The name stored in the record.
    pub fn name(self) -> &'static str {
        match self {
            Method::AcceptAll => "accept-all",
            Method::RejectAll => "reject-all",
            Method::Custom => "custom",
        }
    }

    /// Parses a stored method name.
    pub fn from_name(name: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.name() == name)
    }
}

/// A visitor's choice, as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// The configuration revision the choice was made under.
    pub revision: u64,
    /// A random id (UUID v4) identifying this choice in consent logs.
    pub id: String,
    /// When the choice was made, in milliseconds since the Unix epoch.
    pub time_ms: f64,
    /// Accepted or not, indexed by [`Category::index`]; `necessary` is always true.
    pub categories: [bool; 4],
    /// Per-service choices that differ from or refine their category.
    pub services: Vec<(String, bool)>,
    /// How the choice was made.
    pub method: Method,
    /// Whether the browser sent Global Privacy Control when the choice was made.
    pub gpc: bool,
}

/// Why a stored value is not a usable record.
#[derive(Clone, Debug, PartialEq)]
pub enum RecordError {
    /// Not JSON, or not a JSON object.
    NotJson,
    /// A `schema` other than [`SCHEMA`].
    OtherSchema,
    /// A required field is missing or has the wrong type or value; names the field.
    BadField(&'static str),
}

/// Whether a parsed record still counts as the visitor's choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Freshness {
    /// Current revision and not expired.
    Valid,
    /// Made under an older revision of the configuration: ask again.
    OldRevision,
    /// Older than the configured expiry (or dated in the future): ask again.
    Expired,
}

impl Record {
    /// Whether a category was accepted (`necessary` always is).
    pub fn accepted(&self, category: Category) -> bool {
        category == Category::Necessary || self.categories[category.index()]
    }

    /// The explicit choice for a service, if the record has one.
    pub fn service(&self, id: &str) -> Option<bool> {
        self.services
            .iter()
            .find(|(name, _)| name == id)
            .map(|(_, on)| *on)
    }

    /// Reads a record from a JSON value already parsed. Never panics; any deviation is an error.
    pub fn from_value(value: &Value) -> Result<Record, RecordError> {
        let obj = value.as_object().ok_or(RecordError::NotJson)?;
        if obj.get("schema").and_then(Value::as_u64) != Some(SCHEMA) {
            return Err(RecordError::OtherSchema);
        }
        // Revisions start at 1: a 0 was never written by the widget.
        let revision = obj
            .get("revision")
            .and_then(Value::as_u64)
            .filter(|&n| n >= 1)
            .ok_or(RecordError::BadField("revision"))?;
        let id = obj
            .get("id")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty() && s.len() <= MAX_ID)
            .ok_or(RecordError::BadField("id"))?;
        let time_ms = obj
            .get("timestamp")
            .and_then(Value::as_str)
            .and_then(parse_iso)
            .ok_or(RecordError::BadField("timestamp"))?;
        let cats = obj
            .get("categories")
            .and_then(Value::as_object)
            .ok_or(RecordError::BadField("categories"))?;
        let mut categories = [false; 4];
        for c in Category::ALL {
            categories[c.index()] = cats
                .get(c.name())
                .and_then(Value::as_bool)
                .ok_or(RecordError::BadField("categories"))?;
        }
        // Each of the four was found above, so more keys means one the widget does not know.
        if !categories[Category::Necessary.index()] || cats.len() != Category::ALL.len() {
            return Err(RecordError::BadField("categories"));
        }
        let mut services = Vec::new();
        match obj.get("services") {
            None | Some(Value::Null) => {}
            Some(Value::Object(map)) if map.len() <= MAX_SERVICES => {
                for (name, on) in map.iter() {
                    let on = on.as_bool().ok_or(RecordError::BadField("services"))?;
                    if name.is_empty() || name.len() > MAX_ID {
                        return Err(RecordError::BadField("services"));
                    }
                    services.push((name.clone(), on));
                }
            }
            Some(_) => return Err(RecordError::BadField("services")),
        }
        let method = obj
            .get("method")
            .and_then(Value::as_str)
            .and_then(Method::from_name)
            .ok_or(RecordError::BadField("method"))?;
        // Absent in records made without Global Privacy Control; anything but a boolean is corrupt.
        let gpc = match obj.get("gpc") {
            None => false,
            Some(Value::Bool(on)) => *on,
            Some(_) => return Err(RecordError::BadField("gpc")),
        };
        Ok(Record {
            revision,
            id: id.to_owned(),
            time_ms,
            categories,
            services,
            method,
            gpc,
        })
    }

    /// Whether this record still counts at `now_ms` under `revision` and `expiry_days`.
    pub fn freshness(&self, now_ms: f64, revision: u64, expiry_days: u32) -> Freshness {
        if self.revision < revision {
            return Freshness::OldRevision;
        }
        let age = now_ms - self.time_ms;
        // A record from the future (beyond a day of clock skew) never expires: treat it as expired.
        if age > f64::from(expiry_days) * DAY_MS || age < -DAY_MS {
            return Freshness::Expired;
        }
        Freshness::Valid
    }
}

/// Appends a decimal number without `core::fmt`.
pub fn push_u64(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &b in &buf[i..] {
        out.push(char::from(b));
    }
}

/// Appends `s` as a JSON string literal.
pub fn push_json_str(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                let n = c as u32;
                out.push_str("\\u");
                for shift in [12, 8, 4, 0] {
                    out.push(char::from(HEX[((n >> shift) & 0xf) as usize]));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub(crate) fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Parses `YYYY-MM-DDTHH:MM:SS[.sss]Z` (what `Date.prototype.toISOString` writes) to epoch ms.
///
/// Only real dates from 1970 on: no choice predates the widget, and [`format_iso`] writes
/// nothing earlier, so every accepted date is written back as it was read.
pub fn parse_iso(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' {
        return None;
    }
    if b[16] != b':' || *b.last()? != b'Z' {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<i64> {
        let part = s.get(from..to)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (y, mo, d) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    let (h, mi, sec) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
    let ms = match &s[19..s.len() - 1] {
        "" => 0,
        frac if frac.len() == 4 && frac.starts_with('.') => num(20, 23)?,
        _ => return None,
    };
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let february = if leap { 29 } else { 28 };
    let month_days = [31, february, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if y < 1970 || !(1..=12).contains(&mo) || d < 1 || d > month_days[(mo - 1) as usize] {
        return None;
    }
    if h > 23 || mi > 59 || sec > 59 {
        return None;
    }
    let days = days_from_civil(y, mo, d);
    Some((((days * 24 + h) * 60 + mi) * 60 + sec) as f64 * 1000.0 + ms as f64)
}

/// Formats epoch ms as `YYYY-MM-DDTHH:MM:SS.sssZ` (for the `bzconsent` command; the widget lets the
/// browser's `Date` write its times).
pub fn format_iso(ms: f64) -> String {
    let ms = if ms.is_finite() {
        ms.max(0.0) as i64
    } else {
        0
    };
    let (days, rem) = (ms.div_euclid(DAY_MS as i64), ms.rem_euclid(DAY_MS as i64));
    let (y, m, d) = civil_from_days(days);
    let mut out = String::with_capacity(24);
    let two = |n: i64, width: usize, sep: char, out: &mut String| {
        let mut digits = String::new();
        push_u64(&mut digits, n.unsigned_abs());
        for _ in digits.len()..width {
            out.push('0');
        }
        out.push_str(&digits);
        out.push(sep);
    };
    two(y, 4, '-', &mut out);
    two(m, 2, '-', &mut out);
    two(d, 2, 'T', &mut out);
    two(rem / 3_600_000, 2, ':', &mut out);
    two(rem / 60_000 % 60, 2, ':', &mut out);
    two(rem / 1000 % 60, 2, '.', &mut out);
    two(rem % 1000, 3, 'Z', &mut out);
    out
}

// Host only: they read stored values as the guard hands them over, through the host copy of its
// `stream`.
#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::*;

    /// A record as the UI stores it.
    fn json(r: &Record) -> String {
        crate::core::recording::stored_json(r, &format_iso(r.time_ms))
    }

    /// A stored value as the guard and the UI read it.
    fn read(text: &str) -> Result<Record, RecordError> {
        Record::from_value(&crate::core::read_json(text).ok_or(RecordError::NotJson)?)
    }

    fn sample() -> Record {
        Record {
            revision: 1,
            id: "0b6f1c5e-2a43-4c55-9d3e-6a1f0e2b7c11".into(),
            time_ms: parse_iso("2026-11-24T10:00:00.000Z").unwrap(),
            categories: [true, false, true, false],
            services: vec![("google-analytics".into(), true)],
            method: Method::Custom,
            gpc: false,
        }
    }

    #[test]
    fn serialises_in_the_contract_format() {
        assert_eq!(
            json(&sample()),
            "{\"schema\":1,\"revision\":1,\"id\":\"0b6f1c5e-2a43-4c55-9d3e-6a1f0e2b7c11\",\
             \"timestamp\":\"2026-11-24T10:00:00.000Z\",\"categories\":{\"necessary\":true,\
             \"preferences\":false,\"analytics\":true,\"marketing\":false},\
             \"services\":{\"google-analytics\":true},\"method\":\"custom\"}"
        );
    }

    #[test]
    fn valid_record_round_trips() {
        let r = sample();
        assert_eq!(read(&json(&r)), Ok(r.clone()));
        let with_gpc = Record { gpc: true, ..r };
        assert_eq!(read(&json(&with_gpc)), Ok(with_gpc));
    }

    #[test]
    fn corrupt_values_are_errors_not_panics() {
        for bad in [
            "",
            "{not json",
            "null",
            "[]",
            "42",
            "\"bzconsent\"",
            "{}",
            "{\"schema\":1}",
            "{\"schema\":1,\"revision\":-1}",
            "\u{0}\u{ffff}",
        ] {
            assert!(read(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn other_schema_is_reported_as_such() {
        let json = json(&sample()).replace("\"schema\":1", "\"schema\":2");
        assert_eq!(read(&json), Err(RecordError::OtherSchema));
    }

    #[test]
    fn wrong_field_types_name_the_field() {
        let base = json(&sample());
        let cases = [
            ("\"method\":\"custom\"", "\"method\":\"maybe\"", "method"),
            ("\"revision\":1", "\"revision\":\"1\"", "revision"),
            ("\"revision\":1", "\"revision\":0", "revision"),
            (
                "\"marketing\":false",
                "\"marketing\":false,\"ads\":true",
                "categories",
            ),
            (
                "\"method\":\"custom\"",
                "\"method\":\"custom\",\"gpc\":\"true\"",
                "gpc",
            ),
            ("\"necessary\":true", "\"necessary\":false", "categories"),
            ("\"analytics\":true", "\"analytics\":1", "categories"),
            ("2026-11-24T10", "2026-13-24T10", "timestamp"),
            (
                "\"google-analytics\":true",
                "\"google-analytics\":\"yes\"",
                "services",
            ),
        ];
        for (from, to, field) in cases {
            let json = base.replace(from, to);
            assert_eq!(read(&json), Err(RecordError::BadField(field)), "{json}");
        }
    }

    #[test]
    fn missing_category_is_an_error() {
        let json = json(&sample()).replace(",\"marketing\":false", "");
        assert_eq!(read(&json), Err(RecordError::BadField("categories")));
    }

    #[test]
    fn older_revision_and_expired_records_need_a_new_choice() {
        let r = sample();
        let now = r.time_ms + 10.0 * DAY_MS;
        assert_eq!(r.freshness(now, 1, 182), Freshness::Valid);
        assert_eq!(r.freshness(now, 2, 182), Freshness::OldRevision);
        assert_eq!(
            r.freshness(r.time_ms + 183.0 * DAY_MS, 1, 182),
            Freshness::Expired
        );
        assert_eq!(
            r.freshness(r.time_ms - 30.0 * DAY_MS, 1, 182),
            Freshness::Expired
        );
    }

    #[test]
    fn iso_dates_round_trip() {
        for s in [
            "1970-01-01T00:00:00.000Z",
            "2000-02-29T23:59:59.999Z",
            "2026-11-24T10:00:00.000Z",
            "2099-12-31T01:02:03.004Z",
        ] {
            let ms = parse_iso(s).unwrap();
            assert_eq!(format_iso(ms), s);
        }
        assert_eq!(parse_iso("1970-01-01T00:00:01Z"), Some(1000.0));
        assert_eq!(
            parse_iso("2026-11-24T10:00:00.000Z"),
            Some(1_795_514_400_000.0)
        );
    }

    #[test]
    fn malformed_dates_are_rejected() {
        for s in [
            "2026-11-24",
            "2026-11-24T25:00:00.000Z",
            "2026-02-30T10:00:00.000Z",
            "2026-11-24T10:00:00.000+01:00",
            "2026-11-24T10:00:00.0Z",
            "20x6-11-24T10:00:00.000Z",
            "2026-11-24T10:00:00.000ZZ",
            "２026-11-24T10:00:00.000Z",
            "2026-02-29T10:00:00.000Z",
            "2100-02-29T10:00:00.000Z",
            "1969-12-31T23:59:59.999Z",
            "0000-01-01T00:00:00.000Z",
        ] {
            assert_eq!(parse_iso(s), None, "{s}");
        }
    }

    #[test]
    fn json_strings_are_escaped() {
        let mut out = String::new();
        push_json_str(&mut out, "a\"b\\c\n\u{1}\u{2028}");
        assert_eq!(out, "\"a\\\"b\\\\c\\n\\u0001\\u2028\"");
        let parsed = crate::core::read_json(&out).unwrap();
        assert_eq!(parsed.as_str(), Some("a\"b\\c\n\u{1}\u{2028}"));
    }
}
