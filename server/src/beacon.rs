//! The beacon the widget sends for each choice, read strictly: every field present with its
//! type, nothing else, known categories and methods, a UUID id, a sane timestamp and the URL of
//! a page on one of the configured sites.

use std::collections::BTreeSet;
use std::fmt;

use serde::Deserialize;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// The largest beacon accepted, in bytes (the widget's are about 250).
pub const MAX_BODY: usize = 4096;
/// The longest page URL accepted, in bytes.
pub const MAX_URL: usize = 2048;
/// How far in the future a choice's timestamp may be (visitors' clocks run fast too).
pub const MAX_AHEAD_MS: i64 = 24 * 3_600_000;
/// How old a choice's timestamp may be when it arrives.
pub const MAX_AGE_MS: i64 = 366 * 24 * 3_600_000;

/// The widget's categories and methods: the same types the widget's core reads and writes.
pub use bzconsent::core::category::Category;
pub use bzconsent::core::record::Method;

/// The category with exactly this name (the widget's own reading also takes other cases; a
/// beacon is held to what the widget sends).
pub fn category(name: &str) -> Option<Category> {
    Category::ALL.into_iter().find(|c| c.name() == name)
}

/// One visitor's choice, validated, as it is stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// The record id (a UUID, lower case): the same for every choice kept in one browser.
    pub id: String,
    /// When the visitor chose, by the browser's clock (ms since the Unix epoch).
    pub time_ms: i64,
    /// When this server received it (ms since the Unix epoch).
    pub received_ms: i64,
    /// The accepted categories, in the widget's order, `necessary` first.
    pub categories: Vec<Category>,
    /// The configuration revision the visitor answered.
    pub revision: u32,
    /// How the visitor chose.
    pub method: Method,
    /// The language the banner was shown in.
    pub language: String,
    /// The page, without query.
    pub url: String,
    /// The visitor's address, truncated, only when the operator asked for it.
    pub client_ip: Option<String>,
    /// The visitor's browser, only when the operator asked for it.
    pub user_agent: Option<String>,
}

impl Choice {
    /// The accepted categories joined by `,` (how they are stored).
    pub fn categories_text(&self) -> String {
        join_categories(&self.categories)
    }
}

/// Categories joined by `,`.
pub fn join_categories(categories: &[Category]) -> String {
    let names: Vec<&str> = categories.iter().map(|c| c.name()).collect();
    names.join(",")
}

/// Categories from their stored form (unknown names are skipped).
pub fn split_categories(text: &str) -> Vec<Category> {
    text.split(',').filter_map(category).collect()
}

/// Why a beacon was refused. `Display` is the one-line reason sent back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BeaconError {
    /// The body is larger than [`MAX_BODY`].
    TooLarge,
    /// The body is not UTF-8.
    NotUtf8,
    /// Not JSON, or not the beacon's shape (serde_json's message, shortened).
    Shape(String),
    /// `id` is not a UUID.
    Id,
    /// `timestamp` is not an RFC 3339 time.
    Timestamp,
    /// `timestamp` is too far from the server's clock.
    TimestampRange,
    /// A category that does not exist.
    UnknownCategory,
    /// A category named twice.
    DuplicateCategory,
    /// `necessary` is missing.
    NoNecessary,
    /// A method that does not exist.
    UnknownMethod,
    /// `language` is not a language tag.
    Language,
    /// `url` is not an absolute http(s) URL without credentials, query or fragment.
    Url,
    /// `url` is on a site this server does not log for.
    Site,
    /// The `Origin` header names another origin than `url`.
    Origin,
}

impl BeaconError {
    /// The HTTP status for this refusal.
    pub fn status(&self) -> u16 {
        match self {
            BeaconError::TooLarge => 413,
            BeaconError::Site | BeaconError::Origin => 403,
            _ => 400,
        }
    }
}

impl fmt::Display for BeaconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BeaconError::TooLarge => write!(f, "body larger than {MAX_BODY} bytes"),
            BeaconError::NotUtf8 => f.write_str("body is not UTF-8"),
            BeaconError::Shape(msg) => write!(f, "not a consent beacon: {msg}"),
            BeaconError::Id => f.write_str("id: expected a UUID"),
            BeaconError::Timestamp => f.write_str("timestamp: expected an RFC 3339 time"),
            BeaconError::TimestampRange => {
                f.write_str("timestamp: more than a day ahead or a year behind the server's clock")
            }
            BeaconError::UnknownCategory => f.write_str(
                "categories: expected names among necessary, preferences, analytics, marketing",
            ),
            BeaconError::DuplicateCategory => f.write_str("categories: a name is repeated"),
            BeaconError::NoNecessary => f.write_str("categories: necessary is missing"),
            BeaconError::UnknownMethod => {
                f.write_str("method: expected accept-all, reject-all or custom")
            }
            BeaconError::Language => f.write_str("language: expected a language tag"),
            BeaconError::Url => f.write_str(
                "url: expected an absolute http(s) URL without credentials, query or fragment",
            ),
            BeaconError::Site => f.write_str("url: not a page of a site this log accepts"),
            BeaconError::Origin => f.write_str("Origin header does not match url"),
        }
    }
}

impl std::error::Error for BeaconError {}

/// The origins whose choices are accepted (`--site`), as `scheme://host[:port]`.
#[derive(Clone, Debug, Default)]
pub struct Sites {
    origins: BTreeSet<String>,
}

impl Sites {
    /// Reads `--site` values: each an http(s) origin (a trailing `/` is allowed).
    pub fn parse<I: IntoIterator<Item = S>, S: AsRef<str>>(sites: I) -> Result<Sites, String> {
        let mut origins = BTreeSet::new();
        for site in sites {
            let site = site.as_ref();
            let url = url::Url::parse(site).map_err(|e| format!("--site {site}: {e}"))?;
            let plain = matches!(url.scheme(), "http" | "https")
                && url.username().is_empty()
                && url.password().is_none()
                && url.path() == "/"
                && url.query().is_none()
                && url.fragment().is_none()
                && url.host().is_some();
            if !plain {
                return Err(format!(
                    "--site {site}: expected an origin such as https://www.example.com"
                ));
            }
            origins.insert(url.origin().ascii_serialization());
        }
        if origins.is_empty() {
            return Err("at least one --site is needed".into());
        }
        Ok(Sites { origins })
    }

    /// Whether `origin` (`scheme://host[:port]`) is one of the sites.
    pub fn contains(&self, origin: &str) -> bool {
        self.origins.contains(origin)
    }

    /// The sites' origins.
    pub fn origins(&self) -> impl Iterator<Item = &str> {
        self.origins.iter().map(String::as_str)
    }
}

/// The beacon's JSON, exactly: the widget sends these seven fields and nothing else.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Wire {
    id: String,
    timestamp: String,
    categories: Vec<String>,
    revision: u32,
    method: String,
    language: String,
    url: String,
}

/// Reads and validates a beacon body. `origin` is the request's `Origin` header, if any;
/// `now_ms` the server's clock, which becomes the receive time.
pub fn parse(
    body: &[u8],
    origin: Option<&str>,
    sites: &Sites,
    now_ms: i64,
) -> Result<Choice, BeaconError> {
    if body.len() > MAX_BODY {
        return Err(BeaconError::TooLarge);
    }
    let text = std::str::from_utf8(body).map_err(|_| BeaconError::NotUtf8)?;
    // serde would also read a struct from a JSON array of its fields: only an object will do.
    if !text
        .trim_start_matches([' ', '\t', '\n', '\r'])
        .starts_with('{')
    {
        return Err(BeaconError::Shape("expected a JSON object".into()));
    }
    let wire: Wire = serde_json::from_str(text).map_err(|e| BeaconError::Shape(one_line(&e)))?;

    let id = parse_uuid(&wire.id).ok_or(BeaconError::Id)?;
    let time =
        OffsetDateTime::parse(&wire.timestamp, &Rfc3339).map_err(|_| BeaconError::Timestamp)?;
    let time_ms = i64::try_from(time.unix_timestamp_nanos() / 1_000_000)
        .map_err(|_| BeaconError::Timestamp)?;
    if time_ms > now_ms.saturating_add(MAX_AHEAD_MS) || time_ms < now_ms.saturating_sub(MAX_AGE_MS)
    {
        return Err(BeaconError::TimestampRange);
    }

    let mut categories = Vec::with_capacity(wire.categories.len());
    for name in &wire.categories {
        let c = category(name).ok_or(BeaconError::UnknownCategory)?;
        if categories.contains(&c) {
            return Err(BeaconError::DuplicateCategory);
        }
        categories.push(c);
    }
    if !categories.contains(&Category::Necessary) {
        return Err(BeaconError::NoNecessary);
    }
    categories.sort();

    let method = Method::from_name(&wire.method).ok_or(BeaconError::UnknownMethod)?;
    if !is_language_tag(&wire.language) {
        return Err(BeaconError::Language);
    }

    if wire.url.len() > MAX_URL {
        return Err(BeaconError::Url);
    }
    let url = url::Url::parse(&wire.url).map_err(|_| BeaconError::Url)?;
    let plain = matches!(url.scheme(), "http" | "https")
        && url.username().is_empty()
        && url.password().is_none()
        && url.query().is_none()
        && url.fragment().is_none();
    if !plain {
        return Err(BeaconError::Url);
    }
    let page_origin = url.origin().ascii_serialization();
    if !sites.contains(&page_origin) {
        return Err(BeaconError::Site);
    }
    // Browsers send `Origin` with every POST; "null" (opaque origins, no-referrer pages) and
    // its absence say nothing, anything else must be the page's own origin.
    if let Some(origin) = origin.map(str::trim).filter(|o| *o != "null") {
        if origin != page_origin {
            return Err(BeaconError::Origin);
        }
    }

    Ok(Choice {
        id,
        time_ms,
        received_ms: now_ms,
        categories,
        revision: wire.revision,
        method,
        language: wire.language,
        url: url.into(),
        client_ip: None,
        user_agent: None,
    })
}

/// A UUID in its hyphenated form (any case, any version, RFC 4122 variant), lower-cased.
pub fn parse_uuid(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    if bytes.len() != 36 {
        return None;
    }
    for (i, b) in bytes.iter().enumerate() {
        let ok = if matches!(i, 8 | 13 | 18 | 23) {
            *b == b'-'
        } else {
            b.is_ascii_hexdigit()
        };
        if !ok {
            return None;
        }
    }
    // The variant nibble: 8, 9, a or b.
    if !matches!(bytes[19].to_ascii_lowercase(), b'8' | b'9' | b'a' | b'b') {
        return None;
    }
    Some(text.to_ascii_lowercase())
}

/// A BCP 47-shaped tag: a 2–3 letter language, then `-` subtags of 1–8 letters or digits.
fn is_language_tag(tag: &str) -> bool {
    if tag.len() > 35 {
        return false;
    }
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or_default();
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// serde_json's message on one line, without control characters, at most 160 characters.
fn one_line(err: &serde_json::Error) -> String {
    let text: String = err
        .to_string()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(160)
        .collect();
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_000_000_000; // 2026-11-18

    fn sites() -> Sites {
        Sites::parse(["https://www.bzpak.com", "http://127.0.0.1:8000/"]).unwrap()
    }

    fn body(id: &str, extra: &str) -> String {
        format!(
            r#"{{"id":"{id}","timestamp":"2026-11-18T08:00:00.000Z","categories":["necessary","analytics"],"revision":1,"method":"custom","language":"az","url":"https://www.bzpak.com/products"{extra}}}"#
        )
    }

    const ID: &str = "0b6f1c5e-2a43-4c55-9d3e-6a1f0e2b7c11";

    #[test]
    fn the_widgets_beacon_is_accepted() {
        let c = parse(
            body(ID, "").as_bytes(),
            Some("https://www.bzpak.com"),
            &sites(),
            NOW,
        )
        .unwrap();
        assert_eq!(c.id, ID);
        assert_eq!(c.categories, vec![Category::Necessary, Category::Analytics]);
        assert_eq!(c.method, Method::Custom);
        assert_eq!(c.url, "https://www.bzpak.com/products");
        assert_eq!(c.received_ms, NOW);
        assert_eq!(c.categories_text(), "necessary,analytics");
    }

    #[test]
    fn unknown_fields_and_wrong_types_are_refused() {
        let extra = parse(
            body(ID, r#","ip":"1.2.3.4""#).as_bytes(),
            None,
            &sites(),
            NOW,
        );
        assert!(matches!(extra, Err(BeaconError::Shape(_))), "{extra:?}");
        let wrong = body(ID, "").replace(r#""revision":1"#, r#""revision":"1""#);
        assert!(matches!(
            parse(wrong.as_bytes(), None, &sites(), NOW),
            Err(BeaconError::Shape(_))
        ));
        let dup = body(ID, r#","id":"x""#);
        assert!(matches!(
            parse(dup.as_bytes(), None, &sites(), NOW),
            Err(BeaconError::Shape(_))
        ));
    }

    #[test]
    fn the_fields_as_an_array_are_refused() {
        let array = format!(
            r#"["{ID}","2026-11-18T08:00:00.000Z",["necessary"],1,"custom","az","https://www.bzpak.com/"]"#
        );
        let err = parse(array.as_bytes(), None, &sites(), NOW);
        assert_eq!(
            err,
            Err(BeaconError::Shape("expected a JSON object".into()))
        );
    }

    #[test]
    fn ids_must_be_uuids() {
        for id in [
            "x",
            "0b6f1c5e2a434c559d3e6a1f0e2b7c11",
            "0b6f1c5e-2a43-4c55-1d3e-6a1f0e2b7c11",
        ] {
            assert_eq!(
                parse(body(id, "").as_bytes(), None, &sites(), NOW),
                Err(BeaconError::Id)
            );
        }
        let upper = parse(body(&ID.to_uppercase(), "").as_bytes(), None, &sites(), NOW).unwrap();
        assert_eq!(upper.id, ID);
    }

    #[test]
    fn timestamps_far_from_now_are_refused() {
        let b = body(ID, "");
        let future = b.replace("2026-11-18T08", "2026-11-20T08");
        let past = b.replace("2026-11-18T08", "2024-11-18T08");
        for b in [future, past] {
            assert_eq!(
                parse(b.as_bytes(), None, &sites(), NOW),
                Err(BeaconError::TimestampRange)
            );
        }
        let garbage = b.replace("2026-11-18T08:00:00.000Z", "yesterday");
        assert_eq!(
            parse(garbage.as_bytes(), None, &sites(), NOW),
            Err(BeaconError::Timestamp)
        );
    }

    #[test]
    fn categories_and_methods_must_be_known() {
        let b = body(ID, "");
        let cases = [
            (
                b.replace("\"analytics\"", "\"tracking\""),
                BeaconError::UnknownCategory,
            ),
            (
                b.replace("\"analytics\"", "\"necessary\""),
                BeaconError::DuplicateCategory,
            ),
            (b.replace("\"necessary\",", ""), BeaconError::NoNecessary),
            (
                b.replace("\"custom\"", "\"all\""),
                BeaconError::UnknownMethod,
            ),
            (
                b.replace("\"az\"", "\"a'; DROP TABLE x; --\""),
                BeaconError::Language,
            ),
        ];
        for (b, want) in cases {
            assert_eq!(parse(b.as_bytes(), None, &sites(), NOW), Err(want), "{b}");
        }
    }

    #[test]
    fn urls_must_be_pages_of_a_configured_site() {
        let b = body(ID, "");
        let cases = [
            ("https://www.bzpak.com/p?utm=1", BeaconError::Url),
            ("https://www.bzpak.com/p#x", BeaconError::Url),
            ("https://u:p@www.bzpak.com/p", BeaconError::Url),
            ("javascript:alert(1)", BeaconError::Url),
            ("/products", BeaconError::Url),
            ("https://evil.example/products", BeaconError::Site),
            ("http://www.bzpak.com/products", BeaconError::Site),
        ];
        for (url, want) in cases {
            let b = b.replace("https://www.bzpak.com/products", url);
            assert_eq!(parse(b.as_bytes(), None, &sites(), NOW), Err(want), "{url}");
        }
        let other = parse(b.as_bytes(), Some("https://evil.example"), &sites(), NOW);
        assert_eq!(other, Err(BeaconError::Origin));
        assert!(parse(b.as_bytes(), Some("null"), &sites(), NOW).is_ok());
    }

    #[test]
    fn bodies_that_are_not_utf8_or_too_large_are_refused() {
        let mut b = body(ID, "").into_bytes();
        b[20] = 0xff;
        assert_eq!(parse(&b, None, &sites(), NOW), Err(BeaconError::NotUtf8));
        let big = vec![b' '; MAX_BODY + 1];
        assert_eq!(parse(&big, None, &sites(), NOW), Err(BeaconError::TooLarge));
    }

    #[test]
    fn deep_json_is_refused_without_trouble() {
        let deep = format!("{}{}", "[".repeat(2000), "]".repeat(2000));
        assert!(matches!(
            parse(deep.as_bytes(), None, &sites(), NOW),
            Err(BeaconError::Shape(_))
        ));
        let inside = format!(r#"{{"id":{}{}}}"#, "[".repeat(1500), "]".repeat(1500));
        assert!(matches!(
            parse(inside.as_bytes(), None, &sites(), NOW),
            Err(BeaconError::Shape(_))
        ));
    }

    #[test]
    fn sites_must_be_origins() {
        assert!(Sites::parse(["https://www.bzpak.com/path"]).is_err());
        assert!(Sites::parse(["ftp://www.bzpak.com"]).is_err());
        assert!(Sites::parse(Vec::<String>::new()).is_err());
        assert!(sites().contains("http://127.0.0.1:8000"));
    }
}
