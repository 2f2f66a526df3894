//! What recording a choice leaves behind, written by the UI file (`pkg/bzconsent-ui.js`) and
//! never by the render-blocking guard: the stored record (localStorage `bzconsent`, the
//! contract's format), the consent log's body and the first-party mirror cookie. JSON is
//! written with serde and serde_json; the guard reads the stored record back through the
//! browser's `JSON.parse` and [`crate::core::record::Record::from_value`].

use super::category::Category;
use super::i18n::Lang;
use super::record::{push_u64, Record, STORAGE_KEY};
use serde::ser::{Serialize, SerializeMap, Serializer};

/// The record as stored, field for field in the contract's order (see [`stored`]).
#[derive(serde::Serialize)]
pub struct Stored<'a> {
    schema: u32,
    revision: u64,
    id: &'a str,
    timestamp: &'a str,
    categories: Flags,
    services: Services<'a>,
    method: &'static str,
    #[serde(skip_serializing_if = "is_false")]
    gpc: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The four categories as an object, `necessary` first.
struct Flags([bool; 4]);

impl Serialize for Flags {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(4))?;
        for c in Category::ALL {
            map.serialize_entry(c.name(), &self.0[c.index()])?;
        }
        map.end()
    }
}

/// Per-service choices as an object, in the record's order.
struct Services<'a>(&'a [(String, bool)]);

impl Serialize for Services<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (id, on) in self.0 {
            map.serialize_entry(id, on)?;
        }
        map.end()
    }
}

/// The consent log's body: id, time, the accepted categories, revision, method, language and
/// the page's URL without its query.
#[derive(serde::Serialize)]
struct LogBody<'a> {
    id: &'a str,
    timestamp: &'a str,
    categories: Vec<&'static str>,
    revision: u64,
    method: &'static str,
    language: &'static str,
    url: &'a str,
}

/// The record as stored, its time (`timestamp`) written by the browser's
/// `Date.prototype.toISOString`: a value for gloo-storage to serialise.
pub fn stored<'a>(record: &'a Record, timestamp: &'a str) -> Stored<'a> {
    Stored {
        schema: crate::core::record::SCHEMA as u32,
        revision: record.revision,
        id: &record.id,
        timestamp,
        categories: Flags(record.categories),
        services: Services(&record.services),
        method: record.method.name(),
        gpc: record.gpc,
    }
}

/// [`stored`] as JSON text. Empty where serialising fails (it does not for these types).
pub fn stored_json(record: &Record, timestamp: &str) -> String {
    serde_json::to_string(&stored(record, timestamp)).unwrap_or_default()
}

/// The consent log's body for a record (`page`: origin and path).
pub fn log_body(record: &Record, timestamp: &str, lang: Lang, page: &str) -> String {
    serde_json::to_string(&LogBody {
        id: &record.id,
        timestamp,
        categories: Category::ALL
            .into_iter()
            .filter(|c| record.accepted(*c))
            .map(Category::name)
            .collect(),
        revision: record.revision,
        method: record.method.name(),
        language: lang.code(),
        url: page,
    })
    .unwrap_or_default()
}

/// The first-party `bzconsent` cookie mirroring `record` for the site's server, kept as long as
/// the choice (`expiry_days`), or the assignment that deletes it (`None`).
pub fn mirror_cookie(record: Option<&Record>, expiry_days: u32, secure: bool) -> String {
    let mut cookie = String::from(STORAGE_KEY);
    cookie.push('=');
    match record {
        Some(r) => {
            let mut first = true;
            for c in Category::ALL.into_iter().filter(|c| r.accepted(*c)) {
                if !first {
                    cookie.push('.');
                }
                first = false;
                cookie.push_str(c.name());
            }
            cookie.push_str("; max-age=");
            push_u64(&mut cookie, u64::from(expiry_days) * 86_400);
        }
        None => cookie.push_str("; max-age=0"),
    }
    cookie.push_str("; path=/; SameSite=Lax");
    if secure {
        cookie.push_str("; Secure");
    }
    cookie
}

/// A random UUID v4 from 16 random bytes.
pub fn uuid(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(36);
    for (i, b) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    out
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::*;
    use crate::core::config::Config;
    use crate::core::decision;
    use crate::core::record::Method;

    fn record(method: Method, categories: [bool; 4], gpc: bool) -> Record {
        decision::record(
            &Config::builtin(),
            categories,
            &[("youtube".into(), true)],
            method,
            "x\"y".into(),
            0.0,
            gpc,
        )
    }

    #[test]
    fn the_stored_record_follows_the_contract_and_reads_back() {
        let r = record(Method::Custom, [true, false, true, false], false);
        let json = stored_json(&r, "1970-01-01T00:00:00.000Z");
        assert!(json.starts_with(
            "{\"schema\":1,\"revision\":1,\"id\":\"x\\\"y\",\"timestamp\":\"1970-01-01T00:00:00.000Z\",\"categories\":{\"necessary\":true,\"preferences\":false,\"analytics\":true,\"marketing\":false},\"services\":{"
        ), "{json}");
        assert!(json.ends_with("},\"method\":\"custom\"}"), "{json}");
        let mut back = crate::core::read_json(&json).and_then(|v| Record::from_value(&v).ok());
        // The browser's JSON.parse and the guard's stream give the keys sorted.
        let mut r = r;
        r.services.sort();
        if let Some(b) = back.as_mut() {
            b.services.sort();
        }
        assert_eq!(back, Some(r));
        let gpc = stored_json(
            &record(Method::AcceptAll, [true; 4], true),
            "1970-01-01T00:00:00.000Z",
        );
        assert!(
            gpc.ends_with(",\"method\":\"accept-all\",\"gpc\":true}"),
            "{gpc}"
        );
    }

    #[test]
    fn log_body_and_mirror_follow_the_contract() {
        let r = record(Method::Custom, [true, false, true, false], false);
        let body = log_body(
            &r,
            "1970-01-01T00:00:00.000Z",
            Lang::Az,
            "https://www.bzpak.com/a",
        );
        assert!(body.starts_with("{\"id\":\"x\\\"y\",\"timestamp\":\"1970-01-01T00:00:00.000Z\""));
        assert!(body.contains("\"categories\":[\"necessary\",\"analytics\"]"));
        assert!(body.ends_with("\"language\":\"az\",\"url\":\"https://www.bzpak.com/a\"}"));
        assert_eq!(
            mirror_cookie(Some(&r), 182, true),
            "bzconsent=necessary.analytics; max-age=15724800; path=/; SameSite=Lax; Secure"
        );
        assert_eq!(
            mirror_cookie(None, 182, false),
            "bzconsent=; max-age=0; path=/; SameSite=Lax"
        );
    }

    #[test]
    fn uuids_are_version_4() {
        let id = uuid([0xff; 16]);
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
        assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"));
    }
}
