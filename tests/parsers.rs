//! The readers of untrusted input, tested from outside the crate along the path that ships: a
//! text is read as the guard reads it (the browser's `JSON.parse`, then the guard's `stream`,
//! mirrored on the host by [`guard_stream::stream`]), decoded by [`json::decode`] and checked by
//! [`Record::from_value`] (the stored consent record) or [`Config::with_overrides_value`] (the
//! site's configuration, as the UI reads it; the guard's reading, [`Config::for_guard_value`], is
//! checked to be the same minus the UI's fields).
//!
//! - `JSON.parse` is not serde_json: numbers are doubles (`1.0` is 1, `1e309` is `Infinity`,
//!   `9007199254740993` is no safe integer), lone surrogates pass until they are written, keys
//!   sort by UTF-16 code units. `tests/support/guard_stream.rs` says how each is bridged; `mod
//!   json_parse` pins each point down as a test.
//! - `decode` reads back every stream the guard writes, losing nothing ([`encode`] writes it
//!   again), on arbitrary text, arbitrary JSON, serialised `serde_json::Value`s, numbers at the
//!   edge of `f64`, deep nesting and the corpus.
//! - Property tests feed the readers arbitrary text, arbitrary JSON (huge numbers, `-0`,
//!   `1e309`, lone surrogates, deep nesting), mutations of valid records and hostile
//!   configurations. Each property runs `PROPTEST_CASES` cases (256 unless set).
//! - `tests/corpus/` holds hostile stored values and configurations, one file each; the tables
//!   [`RECORDS`] and [`CONFIGS`] say what each must produce. The fuzz targets in `fuzz/` start
//!   from the same files and read through the same `stream` (`make fuzz`).
//! - `mod findings` keeps the deviations these tests found, fixed, as plain tests.

// proptest is a host-only dev-dependency: these tests run with `cargo test` on the host.
#![cfg(not(target_arch = "wasm32"))]

use bzconsent::core::category::Category;
use bzconsent::core::config::{is_safe_link, Config, ConfigError};
use bzconsent::core::i18n::{Lang, Text};
use bzconsent::core::json;
use bzconsent::core::record::{format_iso, parse_iso, Method, Record, RecordError};
use guard_stream::stream;
use proptest::collection::{btree_map, btree_set, vec};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config as ProptestConfig, TestCaseError};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[path = "support/guard_stream.rs"]
mod guard_stream;

/// 9999-12-31T23:59:59.999Z, the last instant a four-digit year can write.
const LAST_MS: i64 = 253_402_300_799_999;
/// 2^53 − 1: the largest number the guard hands over as a whole number.
const MAX_SAFE: u64 = (1 << 53) - 1;
/// Longest id or service name a record may hold, in bytes.
const MAX_ID: usize = 128;
/// Most services a record may hold.
const MAX_SERVICES: usize = 256;

/// Proptest settings: the default case count (or `PROPTEST_CASES`), and no regression files
/// written into the source tree (a failure prints its minimal input instead).
fn proptest_config() -> ProptestConfig {
    ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Checks shared by properties, corpus and known findings
// ---------------------------------------------------------------------------------------------

/// A JSON text as the guard hands it to Rust: `JSON.parse`, the stream, `decode`.
fn read(text: &str) -> Option<json::Value> {
    stream(text).and_then(|s| json::decode(&s))
}

/// A stored value as the guard and the UI read it (not JSON: `NotJson`).
fn record(text: &str) -> Result<Record, RecordError> {
    Record::from_value(&read(text).ok_or(RecordError::NotJson)?)
}

/// A page's configuration as the UI reads it: the built-in one with the overrides applied.
fn config(text: &str) -> (Config, Vec<ConfigError>) {
    Config::with_overrides_value(read(text))
}

/// Reads a stored value and checks what any accepted record must satisfy.
fn check_record(text: &str) -> Result<Record, RecordError> {
    let result = record(text);
    if let Ok(r) = &result {
        assert!(r.categories[Category::Necessary.index()], "necessary off");
        assert!(!r.id.is_empty() && r.id.len() <= MAX_ID, "id {:?}", r.id);
        assert!(
            r.time_ms.is_finite() && r.time_ms.fract() == 0.0,
            "{}",
            r.time_ms
        );
        assert!(r.services.len() <= MAX_SERVICES);
        for (i, (name, _)) in r.services.iter().enumerate() {
            assert!(!name.is_empty() && name.len() <= MAX_ID, "service {name:?}");
            assert!(
                r.services[..i].iter().all(|(other, _)| other != name),
                "duplicate service {name:?}"
            );
        }
        assert!(
            (1..=MAX_SAFE).contains(&r.revision),
            "revision {}",
            r.revision
        );
        assert!(r.time_ms >= 0.0, "{}", r.time_ms);
        assert_eq!(record(&r.to_json()).as_ref(), Ok(r), "round trip");
    }
    result
}

/// Applies a configuration and checks the invariants any result must keep, and that the guard
/// reads it the same, leaving out what only the UI shows and reports.
fn check_config(text: &str) -> (Config, Vec<ConfigError>) {
    let (config, errors) = config(text);
    let (guard, guard_errors) = Config::for_guard_value(read(text));
    let ui_only: Vec<&ConfigError> = errors
        .iter()
        .filter(|e| !(e.path.starts_with("texts") || e.path == "policyUrl"))
        .collect();
    assert_eq!(guard_errors.iter().collect::<Vec<_>>(), ui_only, "{text:?}");
    let builtin = Config::builtin();
    assert_eq!(
        Config {
            texts: builtin.texts.clone(),
            policy_url: builtin.policy_url.clone(),
            ..config.clone()
        },
        guard,
        "{text:?}"
    );
    assert!(
        (1..=MAX_SAFE).contains(&config.revision),
        "revision {}",
        config.revision
    );
    assert!(
        (1..=3650).contains(&config.expiry_days),
        "expiry {}",
        config.expiry_days
    );
    assert!(
        is_safe_link(&config.policy_url),
        "policy {:?}",
        config.policy_url
    );
    if let Some(log) = &config.consent_log {
        assert!(is_safe_link(log), "consent log {log:?}");
    }
    assert!(config.wait_for_update <= 60_000);
    for (i, s) in config.services.iter().enumerate() {
        assert_ne!(s.category, Category::Necessary, "service {:?}", s.id);
        assert!(
            !s.id.is_empty() && s.id.len() <= 64,
            "service id {:?}",
            s.id
        );
        assert!(
            !s.display_name().trim().is_empty(),
            "service name {:?}",
            s.name
        );
        assert!(
            config.services[..i].iter().all(|o| o.id != s.id),
            "duplicate service {:?}",
            s.id
        );
        for p in s.hosts.iter().chain(&s.cookies).chain(&s.storage) {
            assert!(!p.is_empty() && p != "*", "pattern {p:?}");
        }
    }
    for (i, (lang, key, t)) in config.texts.iter().enumerate() {
        assert!(!t.trim().is_empty() && t.len() <= 2000, "text {t:?}");
        assert!(
            config.texts[..i]
                .iter()
                .all(|(l, k, _)| (l, k) != (lang, key)),
            "duplicate text"
        );
    }
    for e in &errors {
        assert!(!e.path.is_empty(), "empty path in {e:?} for {text:?}");
        assert!(!e.expected.is_empty());
    }
    if errors.iter().any(|e| e.path == "(root)") {
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(config, Config::builtin());
    }
    (config, errors)
}

/// Checks that each rejected top-level scalar field kept its built-in value.
fn check_builtins_kept(config: &Config, errors: &[ConfigError]) {
    let builtin = Config::builtin();
    let rejected = |key: &str| errors.iter().any(|e| e.path == key);
    if rejected("revision") {
        assert_eq!(config.revision, builtin.revision);
    }
    if rejected("expiryDays") {
        assert_eq!(config.expiry_days, builtin.expiry_days);
    }
    if rejected("language") {
        assert_eq!(config.language, builtin.language);
    }
    if rejected("policyUrl") {
        assert_eq!(config.policy_url, builtin.policy_url);
    }
    if rejected("consentLog") {
        assert_eq!(config.consent_log, builtin.consent_log);
    }
    if rejected("reloadOnWithdraw") {
        assert_eq!(config.reload_on_withdraw, builtin.reload_on_withdraw);
    }
    if rejected("cookieMirror") {
        assert_eq!(config.cookie_mirror, builtin.cookie_mirror);
    }
    if rejected("consentMode.waitForUpdate") {
        assert_eq!(config.wait_for_update, builtin.wait_for_update);
    }
}

/// `s` as a JSON string literal.
fn quote(s: &str) -> String {
    Value::String(s.to_owned()).to_string()
}

/// A JSON object from already-serialised keys and values (duplicates kept as given).
fn object(entries: &[(String, String)]) -> String {
    let mut out = String::from("{");
    for (i, (k, v)) in entries.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(k);
        out.push(':');
        out.push_str(v);
    }
    out.push('}');
    out
}

// ---------------------------------------------------------------------------------------------
// Strategies: arbitrary JSON text
// ---------------------------------------------------------------------------------------------

/// Number literals, including ones `f64`/`u64` cannot hold and ones JSON forbids.
fn json_number() -> BoxedStrategy<String> {
    prop_oneof![
        select(vec![
            "0",
            "-0",
            "1",
            "-1",
            "1.5",
            "1.0",
            "-0.0",
            "1e2",
            "1E-2",
            "1e309",
            "-1e309",
            "1e-400",
            "4.9e-324",
            "1.7976931348623157e308",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "123456789012345678901234567890",
            "9007199254740993",
            "3650",
            "3651",
            "60000",
            "60001",
            "01",
            "+1",
            ".5",
            "1.",
            "NaN",
            "Infinity",
        ])
        .prop_map(str::to_owned),
        any::<u64>().prop_map(|n| n.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| format!("{f:e}")),
        "-?[0-9]{1,400}(\\.[0-9]{1,40})?([eE][+-]?[0-9]{1,4})?",
    ]
    .boxed()
}

/// String literals: any Rust string correctly escaped, and raw escape sequences including lone
/// surrogates (`\ud800`), surrogate pairs, NUL and invalid escapes.
fn json_string() -> BoxedStrategy<String> {
    let piece = prop_oneof![
        "[a-zA-Z0-9 :.-]{0,6}",
        select(vec![
            "\\ud800",
            "\\udfff",
            "\\ud83d\\ude00",
            "\\ud800\\u0041",
            "\\u0000",
            "\\u2028",
            "\\uFEFF",
            "\\\"",
            "\\\\",
            "\\/",
            "\\n",
            "\\x41",
            "\\u12",
            "\u{1F600}",
            "\u{FEFF}",
            "\u{7F}",
        ])
        .prop_map(str::to_owned),
    ];
    prop_oneof![
        3 => any::<String>().prop_map(|s| quote(&s)),
        2 => vec(piece, 0..6).prop_map(|p| ["\"", &p.concat(), "\""].concat()),
        2 => interesting_string().prop_map(|s| quote(&s)),
    ]
    .boxed()
}

/// Values the parsers look for, so arbitrary documents reach past the first check.
fn interesting_string() -> BoxedStrategy<String> {
    select(vec![
        "",
        " ",
        "necessary",
        "preferences",
        "analytics",
        "marketing",
        "Analytics",
        "accept-all",
        "reject-all",
        "custom",
        "2026-11-24T10:00:00.000Z",
        "2026-11-24T10:00:00Z",
        "1969-12-31T23:59:59.999Z",
        "0b6f1c5e-2a43-4c55-9d3e-6a1f0e2b7c11",
        "en",
        "ru-RU",
        "zh_Hant",
        "de",
        "https://bzpak.com/privacy",
        "/privacy",
        "//evil.example",
        "javascript:alert(1)",
        "<script>alert(1)</script>",
        "google-analytics",
        "hotjar",
        "youtube",
        "__proto__",
    ])
    .prop_map(str::to_owned)
    .boxed()
}

/// Object keys: the ones the parsers know, or any non-empty string.
fn json_key(known: &'static [&'static str]) -> BoxedStrategy<String> {
    prop_oneof![
        3 => select(known).prop_map(quote),
        1 => any::<String>()
            .prop_filter("non-empty", |s| !s.is_empty())
            .prop_map(|s| quote(&s)),
    ]
    .boxed()
}

/// Any JSON value (and a few near-JSON ones), nested up to eight levels.
fn json_value(known: &'static [&'static str]) -> BoxedStrategy<String> {
    let leaf = prop_oneof![
        select(vec!["null", "true", "false"]).prop_map(str::to_owned),
        json_number(),
        json_string(),
    ];
    leaf.prop_recursive(8, 96, 8, move |inner| {
        prop_oneof![
            vec(inner.clone(), 0..8).prop_map(|items| ["[", &items.join(","), "]"].concat()),
            vec((json_key(known), inner), 0..8).prop_map(|entries| object(&entries)),
        ]
    })
    .boxed()
}

/// A JSON document: usually an object, sometimes anything, sometimes nested past any limit.
fn json_document(known: &'static [&'static str]) -> BoxedStrategy<String> {
    prop_oneof![
        6 => vec((json_key(known), json_value(known)), 0..10).prop_map(|e| object(&e)),
        2 => json_value(known),
        1 => (1usize..400, json_value(known)).prop_map(|(depth, v)| {
            ["[".repeat(depth), v, "]".repeat(depth)].concat()
        }),
        1 => (1usize..400, json_value(known)).prop_map(|(depth, v)| {
            ["{\"a\":".repeat(depth), v, "}".repeat(depth)].concat()
        }),
    ]
    .boxed()
}

/// Any text, mostly made of JSON's own characters so it gets past the first byte.
fn soup() -> BoxedStrategy<String> {
    prop_oneof![
        any::<String>(),
        "[{}\\[\\]\":,0-9eE.+\\-tfnrul \\\\/\u{0}\u{FEFF}\u{D7FF}\u{10FFFF}a-z]{0,200}",
    ]
    .boxed()
}

// ---------------------------------------------------------------------------------------------
// Strategies: records
// ---------------------------------------------------------------------------------------------

const RECORD_KEYS: &[&str] = &[
    "schema",
    "revision",
    "id",
    "timestamp",
    "categories",
    "services",
    "method",
    "gpc",
    "necessary",
    "preferences",
    "analytics",
    "marketing",
    "__proto__",
    "",
];

/// A non-empty string of at most `max` bytes of arbitrary Unicode.
fn bounded_string(max: usize) -> BoxedStrategy<String> {
    let arbitrary = vec(any::<char>(), 1..=max).prop_map(move |chars| {
        let mut s = String::new();
        for c in chars {
            if s.len() + c.len_utf8() > max {
                break;
            }
            s.push(c);
        }
        s
    });
    prop_oneof![
        3 => arbitrary,
        1 => "[a-z0-9-]{1,128}".prop_map(move |s| s.chars().take(max).collect()),
        1 => Just("x".repeat(max)),
        1 => Just("\u{1F600}".repeat(max / 4)),
    ]
    .boxed()
}

fn method() -> impl Strategy<Value = Method> {
    select(vec![Method::AcceptAll, Method::RejectAll, Method::Custom])
}

/// A record's services in the order they are read back (by name, in UTF-16 code units, as the
/// guard sorts keys): a few with any names, or a list at the size limit.
///
/// The long list makes its names distinct by construction (a three-digit suffix) instead of
/// drawing a `btree_map` with a minimum size: `bounded_string` repeats values often, so such a map
/// nearly always came out short, and proptest silently redrew it up to 65,536 times per case.
fn services() -> BoxedStrategy<Vec<(String, bool)>> {
    let few = btree_map(bounded_string(MAX_ID), any::<bool>(), 0..24)
        .prop_map(|m| m.into_iter().collect());
    let many = vec(
        (bounded_string(MAX_ID - 3), any::<bool>()),
        MAX_SERVICES - 8..=MAX_SERVICES,
    )
    .prop_map(|items| {
        let named: BTreeMap<String, bool> = items
            .into_iter()
            .enumerate()
            .map(|(i, (mut name, on))| {
                name.push_str(&format!("{i:03}"));
                (name, on)
            })
            .collect();
        named.into_iter().collect()
    });
    prop_oneof![9 => few, 1 => many]
        .prop_map(|mut services: Vec<(String, bool)>| {
            services.sort_by(|(a, _), (b, _)| a.encode_utf16().cmp(b.encode_utf16()));
            services
        })
        .boxed()
}

/// Any valid record, its services in the order they are read back. Its revision is a safe
/// integer: `JSON.parse` reads a larger one as a double that is not.
fn valid_record() -> impl Strategy<Value = Record> {
    (
        1..=MAX_SAFE,
        bounded_string(MAX_ID),
        0..=LAST_MS,
        any::<[bool; 3]>(),
        services(),
        method(),
        any::<bool>(),
    )
        .prop_map(
            |(revision, id, ms, [p, a, m], services, method, gpc)| Record {
                revision,
                id,
                time_ms: ms as f64,
                categories: [true, p, a, m],
                services,
                method,
                gpc,
            },
        )
}

/// A top-level field of the stored record, and the JSON type it has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Null,
    Bool,
    Number,
    Text,
    Array,
    Object,
}

fn kind(v: &Value) -> Kind {
    match v {
        Value::Null => Kind::Null,
        Value::Bool(_) => Kind::Bool,
        Value::Number(_) => Kind::Number,
        Value::String(_) => Kind::Text,
        Value::Array(_) => Kind::Array,
        Value::Object(_) => Kind::Object,
    }
}

const FIELDS: [(&str, Kind); 8] = [
    ("schema", Kind::Number),
    ("revision", Kind::Number),
    ("id", Kind::Text),
    ("timestamp", Kind::Text),
    ("categories", Kind::Object),
    ("services", Kind::Object),
    ("method", Kind::Text),
    ("gpc", Kind::Bool),
];

/// A JSON value of any type (representable by `serde_json::Value`).
fn any_value() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        any::<String>().prop_map(Value::String),
        interesting_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(Value::Array),
            btree_map(select(RECORD_KEYS).prop_map(str::to_owned), inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
    .boxed()
}

/// One change to a valid record's JSON.
#[derive(Clone, Debug)]
enum Mutation {
    /// Drop a top-level field.
    Remove(usize),
    /// Drop one category.
    RemoveCategory(Category),
    /// Replace a top-level field with a value of another JSON type.
    Retype(usize, Value),
    /// Replace one category's value with a non-boolean.
    RetypeCategory(Category, Value),
    /// Replace the first service's value with a non-boolean.
    RetypeService(Value),
    /// Exchange the values of two top-level fields.
    Swap(usize, usize),
    /// Exchange the values of two categories.
    SwapCategories(Category, Category),
    /// Add a key the record does not define.
    Add(String, Value),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let field = 0..FIELDS.len();
    let category = select(Category::ALL.to_vec());
    prop_oneof![
        field.clone().prop_map(Mutation::Remove),
        category.clone().prop_map(Mutation::RemoveCategory),
        (field.clone(), any_value())
            .prop_filter("another type", |(f, v)| kind(v) != FIELDS[*f].1)
            .prop_map(|(f, v)| Mutation::Retype(f, v)),
        (category.clone(), any_value())
            .prop_filter("not a boolean", |(_, v)| !v.is_boolean())
            .prop_map(|(c, v)| Mutation::RetypeCategory(c, v)),
        any_value()
            .prop_filter("not a boolean", |v| !v.is_boolean())
            .prop_map(Mutation::RetypeService),
        (field.clone(), field).prop_map(|(a, b)| Mutation::Swap(a, b)),
        (category.clone(), category).prop_map(|(a, b)| Mutation::SwapCategories(a, b)),
        (any::<String>(), any_value())
            .prop_filter("unknown key", |(k, _)| FIELDS.iter().all(|(f, _)| f != k))
            .prop_map(|(k, v)| Mutation::Add(k, v)),
    ]
}

fn object_mut<'a>(
    map: &'a mut Map<String, Value>,
    key: &str,
) -> Option<&'a mut Map<String, Value>> {
    map.get_mut(key).and_then(Value::as_object_mut)
}

/// Applies `m` to a record's JSON object.
fn apply(map: &mut Map<String, Value>, m: &Mutation) {
    match m {
        Mutation::Remove(f) => {
            map.remove(FIELDS[*f].0);
        }
        Mutation::RemoveCategory(c) => {
            if let Some(cats) = object_mut(map, "categories") {
                cats.remove(c.name());
            }
        }
        Mutation::Retype(f, v) => {
            map.insert(FIELDS[*f].0.to_owned(), v.clone());
        }
        Mutation::RetypeCategory(c, v) => {
            if let Some(cats) = object_mut(map, "categories") {
                cats.insert(c.name().to_owned(), v.clone());
            }
        }
        Mutation::RetypeService(v) => {
            if let Some(first) = object_mut(map, "services").and_then(|s| s.values_mut().next()) {
                *first = v.clone();
            }
        }
        Mutation::Swap(a, b) => {
            let (a, b) = (FIELDS[*a].0, FIELDS[*b].0);
            let (va, vb) = (map.remove(a), map.remove(b));
            if let Some(v) = vb {
                map.insert(a.to_owned(), v);
            }
            if let Some(v) = va {
                map.insert(b.to_owned(), v);
            }
        }
        Mutation::SwapCategories(a, b) => {
            if let Some(cats) = object_mut(map, "categories") {
                let (va, vb) = (cats.remove(a.name()), cats.remove(b.name()));
                if let Some(v) = vb {
                    cats.insert(a.name().to_owned(), v);
                }
                if let Some(v) = va {
                    cats.insert(b.name().to_owned(), v);
                }
            }
        }
        Mutation::Add(k, v) => {
            map.insert(k.clone(), v.clone());
        }
    }
}

fn record_map(r: &Record) -> Map<String, Value> {
    match serde_json::from_str(&r.to_json()) {
        Ok(Value::Object(map)) => map,
        other => panic!("to_json wrote something other than an object: {other:?}"),
    }
}

/// What `parse` must answer after the single mutation `m` of the valid record `r`.
fn expected_after(r: &Record, m: &Mutation) -> Option<Result<Record, RecordError>> {
    let bad = |f: &'static str| {
        Some(Err(if f == "schema" {
            RecordError::OtherSchema
        } else {
            RecordError::BadField(f)
        }))
    };
    match m {
        Mutation::Remove(f) => match FIELDS[*f].0 {
            "services" => Some(Ok(Record {
                services: Vec::new(),
                ..r.clone()
            })),
            "gpc" => Some(Ok(Record {
                gpc: false,
                ..r.clone()
            })),
            name => bad(name),
        },
        Mutation::RemoveCategory(_) | Mutation::RetypeCategory(..) => bad("categories"),
        Mutation::Retype(f, v) => match FIELDS[*f].0 {
            "services" if v.is_null() => Some(Ok(Record {
                services: Vec::new(),
                ..r.clone()
            })),
            name => bad(name),
        },
        Mutation::RetypeService(_) if r.services.is_empty() => Some(Ok(r.clone())),
        Mutation::RetypeService(_) => bad("services"),
        Mutation::SwapCategories(a, b) => {
            let mut categories = r.categories;
            categories.swap(a.index(), b.index());
            Some(if categories[Category::Necessary.index()] {
                Ok(Record {
                    categories,
                    ..r.clone()
                })
            } else {
                Err(RecordError::BadField("categories"))
            })
        }
        Mutation::Swap(..) | Mutation::Add(..) => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Strategies: configurations
// ---------------------------------------------------------------------------------------------

const CONFIG_KEYS: &[&str] = &[
    "revision",
    "expiryDays",
    "language",
    "policyUrl",
    "reloadOnWithdraw",
    "cookieMirror",
    "consentLog",
    "consentMode",
    "services",
    "texts",
    "waitForUpdate",
    "adsDataRedaction",
    "id",
    "name",
    "category",
    "hosts",
    "cookies",
    "storage",
    "en",
    "banner_title",
    "__proto__",
];

/// Links a site could put in `policyUrl` or `consentLog`, many of them hostile.
fn link() -> BoxedStrategy<String> {
    prop_oneof![
        select(vec![
            "https://bzpak.com/privacy",
            "HTTP://x.example",
            "/privacy",
            "/",
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "\tjavascript:alert(1)",
            "\u{A0}javascript:alert(1)",
            "\u{FEFF}https://x.example",
            "java\nscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "\\\\evil.example",
            "https:evil.example",
            "https:/\\evil.example",
            "privacy.html",
            "",
        ])
        .prop_map(str::to_owned),
        "(https?://|/|//|javascript:)[^\u{0}]{0,40}",
        (0usize..700).prop_map(|n| ["/", &"a".repeat(n)].concat()),
    ]
    .boxed()
}

fn text_value() -> BoxedStrategy<String> {
    prop_oneof![
        select(vec![
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "",
            " ",
            "\u{3000}",
            "Cookies",
        ])
        .prop_map(quote),
        (1990usize..2010).prop_map(|n| quote(&"t".repeat(n))),
        any::<String>().prop_map(|s| quote(&s)),
    ]
    .boxed()
}

fn pattern() -> BoxedStrategy<String> {
    select(vec![
        "*",
        "**",
        "",
        " ",
        "a b",
        "x;y",
        "k=v",
        "_ga",
        "_pk_id.*",
        "stats.example",
        "*.example",
        "\n",
        "\u{0}",
    ])
    .prop_map(quote)
    .boxed()
}

fn service_item() -> BoxedStrategy<String> {
    let id = prop_oneof![
        select(vec![
            "matomo",
            "hotjar",
            "google-analytics",
            "youtube",
            "not-known",
            "Bad Id",
            "",
            "__proto__",
            "a_b-1",
        ])
        .prop_map(quote),
        (60usize..70).prop_map(|n| quote(&"i".repeat(n))),
        json_value(CONFIG_KEYS),
    ];
    let category = prop_oneof![
        select(vec![
            "preferences",
            "analytics",
            "marketing",
            "necessary",
            " Necessary ",
            "NECESSARY",
            "Analytics",
            "ads",
            "",
        ])
        .prop_map(quote),
        json_value(CONFIG_KEYS),
    ];
    let list = prop_oneof![
        vec(pattern(), 0..4).prop_map(|p| ["[", &p.join(","), "]"].concat()),
        json_value(CONFIG_KEYS),
    ];
    let entries = (
        proptest::option::of(id),
        proptest::option::of(category),
        proptest::option::of(text_value()),
        proptest::option::of(list.clone()),
        proptest::option::of(list.clone()),
        proptest::option::of(list),
        proptest::option::of((json_key(CONFIG_KEYS), json_value(CONFIG_KEYS))),
    )
        .prop_map(|(id, category, name, hosts, cookies, storage, extra)| {
            let mut e = Vec::new();
            let fields = [
                ("id", id),
                ("category", category),
                ("name", name),
                ("hosts", hosts),
                ("cookies", cookies),
                ("storage", storage),
            ];
            for (k, v) in fields {
                if let Some(v) = v {
                    e.push((quote(k), v));
                }
            }
            e.extend(extra);
            object(&e)
        });
    prop_oneof![4 => entries, 1 => json_value(CONFIG_KEYS)].boxed()
}

fn texts_value() -> BoxedStrategy<String> {
    let lang = prop_oneof![
        select(vec![
            "az", "en", "ru", "tr", "zh", "EN", "en-US", "zh_Hant", "de", "", "xx"
        ])
        .prop_map(quote),
        json_key(CONFIG_KEYS),
    ];
    let key = prop_oneof![
        select(Text::ALL.map(Text::key).to_vec()).prop_map(quote),
        select(vec!["nope", "", "BANNER_TITLE", "__proto__"]).prop_map(quote),
    ];
    let texts = prop_oneof![
        4 => vec((key, text_value()), 0..6).prop_map(|e| object(&e)),
        1 => json_value(CONFIG_KEYS),
    ];
    vec((lang, texts), 0..4).prop_map(|e| object(&e)).boxed()
}

/// A value for each known top-level key: the right type with hostile content, or anything.
fn config_value(key: &'static str) -> BoxedStrategy<String> {
    let specific = match key {
        "revision" | "expiryDays" => json_number(),
        "language" => prop_oneof![
            select(vec!["en", "EN-us", " ru ", "zh_Hant", "de", "", "<script>"]).prop_map(quote),
            json_string(),
        ]
        .boxed(),
        "policyUrl" => link().prop_map(|l| quote(&l)).boxed(),
        "consentLog" => {
            prop_oneof![link().prop_map(|l| quote(&l)), Just("null".to_owned())].boxed()
        }
        "consentMode" => (
            proptest::option::of(json_number()),
            proptest::option::of(json_value(CONFIG_KEYS)),
            proptest::option::of((json_key(CONFIG_KEYS), json_value(CONFIG_KEYS))),
        )
            .prop_map(|(wait, redact, extra)| {
                let mut e = Vec::new();
                e.extend(wait.map(|w| (quote("waitForUpdate"), w)));
                e.extend(redact.map(|r| (quote("adsDataRedaction"), r)));
                e.extend(extra);
                object(&e)
            })
            .boxed(),
        "services" => prop_oneof![
            9 => vec(service_item(), 0..6).prop_map(|items| ["[", &items.join(","), "]"].concat()),
            1 => (195usize..210).prop_map(|n| {
                let item = "{\"id\":\"s\",\"category\":\"analytics\"}";
                ["[", &vec![item; n].join(","), "]"].concat()
            }),
        ]
        .boxed(),
        "texts" => texts_value(),
        _ => any::<bool>().prop_map(|b| b.to_string()).boxed(),
    };
    prop_oneof![2 => specific, 1 => json_value(CONFIG_KEYS)].boxed()
}

const TOP_LEVEL: [&str; 10] = [
    "revision",
    "expiryDays",
    "language",
    "policyUrl",
    "reloadOnWithdraw",
    "cookieMirror",
    "consentLog",
    "consentMode",
    "services",
    "texts",
];

/// A configuration object: each known key present or not, plus a few unknown (non-empty) keys.
/// Keys are unique, so the last-one-wins rule for duplicates plays no part.
fn config_object() -> impl Strategy<Value = (Vec<&'static str>, String)> {
    let known: Vec<_> = TOP_LEVEL
        .iter()
        .map(|&k| proptest::option::weighted(0.4, config_value(k)).prop_map(move |v| (k, v)))
        .collect();
    let unknown = btree_set("[a-zA-Z_]{1,12}", 0..3);
    (known, unknown).prop_map(|(known, unknown)| {
        let mut present = Vec::new();
        let mut entries = Vec::new();
        for (k, v) in known {
            if let Some(v) = v {
                present.push(k);
                entries.push((quote(k), v));
            }
        }
        for k in unknown {
            if !TOP_LEVEL.contains(&k.as_str()) {
                entries.push((quote(&k), "1".to_owned()));
            }
        }
        (present, object(&entries))
    })
}

/// A record-shaped object: each field present or not, valid-looking or anything.
fn record_object() -> impl Strategy<Value = String> {
    let value = |valid: BoxedStrategy<String>| {
        proptest::option::weighted(0.85, prop_oneof![3 => valid, 1 => json_value(RECORD_KEYS)])
    };
    let category = || {
        prop_oneof![
            4 => any::<bool>().prop_map(|b| b.to_string()),
            1 => json_value(RECORD_KEYS),
        ]
    };
    let categories = (category(), category(), category(), category())
        .prop_map(|(n, p, a, m)| {
            let e: Vec<_> = [
                ("necessary", n),
                ("preferences", p),
                ("analytics", a),
                ("marketing", m),
            ]
            .into_iter()
            .map(|(k, v)| (quote(k), v))
            .collect();
            object(&e)
        })
        .boxed();
    let services = vec((json_key(RECORD_KEYS), category()), 0..6)
        .prop_map(|e| object(&e))
        .boxed();
    let timestamp = prop_oneof![
        (i64::MIN / 2..i64::MAX / 2).prop_map(|ms| quote(&format_iso(ms as f64))),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,4})?Z?"
            .prop_map(|s| quote(&s)),
    ]
    .boxed();
    (
        value(Just("1".to_owned()).boxed()),
        value(json_number()),
        value(json_string()),
        value(timestamp),
        value(categories),
        value(services),
        value(
            select(vec!["accept-all", "reject-all", "custom"])
                .prop_map(quote)
                .boxed(),
        ),
        value(any::<bool>().prop_map(|b| b.to_string()).boxed()),
    )
        .prop_map(|(s, r, i, t, c, sv, m, g)| {
            let fields = [s, r, i, t, c, sv, m, g];
            let e: Vec<_> = FIELDS
                .iter()
                .zip(fields)
                .filter_map(|((k, _), v)| v.map(|v| (quote(k), v)))
                .collect();
            object(&e)
        })
}

// ---------------------------------------------------------------------------------------------
// Properties: the stored record
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(proptest_config())]

    #[test]
    fn record_parse_never_panics_on_arbitrary_text(text in soup()) {
        let _ = check_record(&text);
    }

    #[test]
    fn record_parse_never_panics_on_arbitrary_json(text in json_document(RECORD_KEYS)) {
        let _ = check_record(&text);
    }

    #[test]
    fn record_parse_never_panics_on_record_shaped_json(text in record_object()) {
        let _ = check_record(&text);
    }

    #[test]
    fn valid_records_round_trip(r in valid_record()) {
        prop_assert_eq!(record(&r.to_json()), Ok(r));
    }

    #[test]
    fn revisions_past_the_safe_integers_are_refused(r in valid_record(), n in MAX_SAFE + 1..) {
        // `JSON.parse` reads them as doubles, the stream as "some other number".
        let json = Record { revision: n, ..r }.to_json();
        prop_assert_eq!(record(&json), Err(RecordError::BadField("revision")));
    }

    #[test]
    fn services_round_trip_in_any_order(r in valid_record(), seed in any::<u64>()) {
        // Services are read back by name whatever order they were written in.
        let mut shuffled = r.clone();
        let n = shuffled.services.len();
        for i in 0..n {
            let j = (seed.rotate_left(i as u32) as usize).wrapping_add(i) % n;
            shuffled.services.swap(i, j);
        }
        prop_assert_eq!(record(&shuffled.to_json()), Ok(r));
    }

    #[test]
    fn one_mutation_of_a_valid_record_gives_the_expected_answer(
        r in valid_record(),
        m in mutation(),
    ) {
        let mut map = record_map(&r);
        apply(&mut map, &m);
        let text = Value::Object(map).to_string();
        let got = check_record(&text);
        if let Some(want) = expected_after(&r, &m) {
            prop_assert_eq!(got, want, "{}", text);
        }
    }

    #[test]
    fn several_mutations_of_a_valid_record_never_panic(
        r in valid_record(),
        ms in vec(mutation(), 1..6),
    ) {
        let mut map = record_map(&r);
        for m in &ms {
            apply(&mut map, m);
        }
        let _ = check_record(&Value::Object(map).to_string());
    }

    #[test]
    fn truncated_and_extended_records_never_panic(
        r in valid_record(),
        cut in any::<proptest::sample::Index>(),
        tail in soup(),
    ) {
        // Every proper prefix lacks the closing brace: never a record.
        let json = r.to_json();
        let mut at = cut.index(json.len());
        while !json.is_char_boundary(at) {
            at -= 1;
        }
        prop_assert!(check_record(&json[..at]).is_err());
        let _ = check_record(&[&json[..at], &tail].concat());
        prop_assert!(check_record(&[&json, " x"].concat()).is_err());
    }

    #[test]
    fn timestamps_from_1970_to_9999_round_trip(ms in 0..=LAST_MS) {
        let text = format_iso(ms as f64);
        prop_assert_eq!(text.len(), 24);
        prop_assert_eq!(parse_iso(&text), Some(ms as f64));
    }

    #[test]
    fn timestamp_parser_never_panics(text in prop_oneof![
        soup(),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{0,5})?[Zz]?",
        "[0-9\u{FF10}-\u{FF19}é:.TZ-]{18,26}",
    ]) {
        if let Some(ms) = parse_iso(&text) {
            prop_assert!(ms.is_finite() && ms.fract() == 0.0);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Properties: the configuration
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(proptest_config())]

    #[test]
    fn config_never_panics_on_arbitrary_text(text in soup()) {
        let (config, errors) = check_config(&text);
        check_builtins_kept(&config, &errors);
    }

    #[test]
    fn config_never_panics_on_arbitrary_json(text in json_document(CONFIG_KEYS)) {
        let (config, errors) = check_config(&text);
        check_builtins_kept(&config, &errors);
    }

    #[test]
    fn config_with_known_keys_and_wrong_values_keeps_its_invariants(
        (present, text) in config_object(),
    ) {
        let (config, errors) = check_config(&text);
        check_builtins_kept(&config, &errors);
        let builtin = Config::builtin();
        if errors.iter().any(|e| e.path == "(root)") {
            // Only when the guard itself refuses the text (a lone surrogate, NaN…).
            prop_assert!(stream(&text).is_none(), "{}", text);
            return Ok(());
        }
        for e in &errors {
            let top = e.path.split(['.', '[']).next().unwrap_or_default();
            prop_assert!(
                present.contains(&top) || !TOP_LEVEL.contains(&top),
                "error {:?} for a key not in {}", e, text
            );
        }
        // Keys left out keep their built-in values.
        if !present.contains(&"revision") {
            prop_assert_eq!(config.revision, builtin.revision);
        }
        if !present.contains(&"policyUrl") {
            prop_assert_eq!(&config.policy_url, &builtin.policy_url);
        }
        if !present.contains(&"services") {
            prop_assert_eq!(&config.services, &builtin.services);
        }
        if !present.contains(&"texts") {
            prop_assert!(config.texts.is_empty());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Properties: `decode` reads what the guard writes
// ---------------------------------------------------------------------------------------------

/// A decoded value written as the guard's stream again.
fn encode(value: &json::Value, out: &mut String) {
    let string = |s: &str, out: &mut String| out.push_str(&format!("s{};{s}", s.len()));
    match value {
        json::Value::Null => out.push('n'),
        json::Value::Bool(b) => out.push(if *b { 't' } else { 'f' }),
        json::Value::Number(Some(n)) => out.push_str(&format!("u{n};")),
        json::Value::Number(None) => out.push('x'),
        json::Value::String(s) => string(s, out),
        json::Value::Array(items) => {
            out.push_str(&format!("a{};", items.len()));
            items.iter().for_each(|v| encode(v, out));
        }
        json::Value::Object(members) => {
            out.push_str(&format!("o{};", members.len()));
            for (k, v) in members.iter() {
                string(k, out);
                encode(v, out);
            }
        }
    }
}

/// How many arrays and objects are open at the deepest point of a stream.
fn stream_depth(stream: &str) -> usize {
    let mut at = 0;
    fn value(s: &[u8], at: &mut usize) -> usize {
        let tag = s[*at];
        *at += 1;
        let mut count = || {
            let end = *at + s[*at..].iter().position(|&b| b == b';').unwrap_or(0);
            let n: usize = std::str::from_utf8(&s[*at..end]).unwrap().parse().unwrap();
            *at = end + 1;
            n
        };
        match tag {
            b'u' => {
                count();
                0
            }
            b's' => {
                let n = count();
                *at += n;
                0
            }
            b'a' => (0..count()).map(|_| value(s, at)).max().unwrap_or(0) + 1,
            b'o' => {
                let members = count();
                let mut deepest = 0;
                for _ in 0..members {
                    value(s, at);
                    deepest = deepest.max(value(s, at));
                }
                deepest + 1
            }
            _ => 0,
        }
    }
    value(stream.as_bytes(), &mut at)
}

/// `decode` reads every stream the guard writes for `text` and loses nothing of it; the one
/// stream it refuses is 128 nested arrays or objects (the guard writes them when the innermost
/// are empty; `decode` stops at 127, and the text counts as not JSON either way).
fn check_decode_reads_the_stream(text: &str) -> Result<(), TestCaseError> {
    let Some(s) = stream(text) else {
        return Ok(());
    };
    match json::decode(&s) {
        Some(value) => {
            let mut again = String::new();
            encode(&value, &mut again);
            prop_assert_eq!(&again, &s, "{:?}", text);
        }
        None => prop_assert_eq!(stream_depth(&s), 128, "{:?}: {:?}", text, s),
    }
    Ok(())
}

/// Numbers at the edge of `f64`'s range and of the safe integers.
fn edge_number() -> BoxedStrategy<String> {
    prop_oneof![
        "-?1\\.79769313486231[0-9]{0,8}e308",
        "-?17976931348623[0-9]{0,10}(\\.[0-9]{0,6})?e(29[0-9]|30[0-9])",
        "-?[1-9][0-9]{15,22}(\\.[0-9]{0,25})?[eE]\\+?(2[89][0-9]|30[0-9])",
        "-?0\\.0{0,30}[1-9][0-9]{0,22}e3[0-4][0-9]",
        "-?[0-9]{1,3}e(-)?[0-9]{9,12}",
        "900719925474099[0-9](\\.[0-9]{0,20})?",
        "[0-9]{1,3}(\\.0{0,30}[0-9]?)?(e-?[0-9]{1,2})?",
    ]
    .boxed()
}

proptest! {
    #![proptest_config(proptest_config())]

    #[test]
    fn decode_reads_the_stream_of_arbitrary_text(text in soup()) {
        check_decode_reads_the_stream(&text)?;
    }

    #[test]
    fn decode_reads_the_stream_of_arbitrary_json(
        text in prop_oneof![json_document(RECORD_KEYS), json_document(CONFIG_KEYS)],
    ) {
        check_decode_reads_the_stream(&text)?;
    }

    #[test]
    fn decode_reads_the_stream_of_serialised_values(v in any_value()) {
        check_decode_reads_the_stream(&v.to_string())?;
        check_decode_reads_the_stream(&serde_json::to_string_pretty(&v).unwrap_or_default())?;
    }

    #[test]
    fn decode_reads_the_stream_of_numbers(
        n in prop_oneof![json_number(), edge_number()],
        wrap in 0usize..3,
    ) {
        let text = match wrap {
            0 => n.clone(),
            1 => ["[", &n, "]"].concat(),
            _ => [" {\"n\": ", &n, "} "].concat(),
        };
        check_decode_reads_the_stream(&text)?;
        // A number is whole exactly when its double is a safe integer other than -0.
        if let (Some(s), Ok(v)) = (stream(&n), n.parse::<f64>()) {
            let whole = v.fract() == 0.0 && v.is_sign_positive() && v <= MAX_SAFE as f64;
            let want = if whole { format!("u{};", v as u64) } else { "x".to_owned() };
            prop_assert_eq!(s, want, "{}", n);
        }
    }

    #[test]
    fn decode_reads_the_stream_of_deep_nesting(
        depth in 100usize..160,
        object in any::<bool>(),
        closed in any::<bool>(),
        inner in select(vec!["0", "[]", "{}"]),
    ) {
        let (open, close) = if object { ("{\"a\":", "}") } else { ("[", "]") };
        let tail = if closed { close.repeat(depth) } else { String::new() };
        let text = [open.repeat(depth), inner.into(), tail].concat();
        check_decode_reads_the_stream(&text)?;
        let levels = depth + usize::from(inner != "0");
        prop_assert_eq!(read(&text).is_some(), closed && levels <= json::MAX_DEPTH, "{}", levels);
    }
}

#[test]
fn decode_reads_the_stream_of_the_corpus() {
    for kind in ["records", "configs"] {
        for (name, text) in corpus(kind) {
            if let Err(e) = check_decode_reads_the_stream(&text) {
                panic!("tests/corpus/{kind}/{name}: {e}");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// `JSON.parse`'s answers where serde_json's differ (each checked in Node against the guard's own
// `stream`), and the ones that agree but matter
// ---------------------------------------------------------------------------------------------

mod json_parse {
    use super::*;

    fn s(text: &str) -> Option<String> {
        stream(text)
    }

    #[test]
    fn numbers_are_doubles() {
        for (text, want) in [
            ("1.0", "u1;"),
            ("1e0", "u1;"),
            ("10e-1", "u1;"),
            ("0.1e1", "u1;"),
            ("1E+2", "u100;"),
            ("0.99999999999999999999", "u1;"),
            ("1e-400", "u0;"),
            ("0.0", "u0;"),
            ("9007199254740991", "u9007199254740991;"),
            ("9007199254740991.4", "u9007199254740991;"),
            ("-0", "x"),
            ("-0.0e-0", "x"),
            ("-1e-400", "x"),
            ("0.5", "x"),
            ("-1", "x"),
            ("9007199254740992", "x"),
            ("9007199254740993", "x"),
            ("18446744073709551615", "x"),
            ("1e309", "x"),
            ("-1e309", "x"),
            ("123456789012345678901234567890", "x"),
        ] {
            assert_eq!(s(text).as_deref(), Some(want), "{text}");
        }
        for bad in [
            "01",
            "1.",
            ".5",
            "+1",
            "-",
            "1e",
            "1e+",
            "NaN",
            "Infinity",
            "-Infinity",
        ] {
            assert_eq!(s(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_lone_surrogate_refuses_the_text_only_where_it_is_written() {
        for bad in [
            r#""\ud800""#,
            r#""\udfff""#,
            r#""\ud800\u0041""#,
            r#""\ud800\ud800""#,
            r#"{"\ud800":1}"#,
            r#"{"a":"\ud800","a":"\udc00"}"#,
            r#"[1,"\ude00\ud83d"]"#,
        ] {
            assert_eq!(s(bad), None, "{bad}");
        }
        assert_eq!(s(r#"{"a":"\ud800","a":1}"#).as_deref(), Some("o1;s1;au1;"));
        assert_eq!(
            s(r#"{"a":["\ud800"],"b":0,"a":"\ud83d\ude00"}"#).as_deref(),
            Some("o2;s1;as4;\u{1F600}s1;bu0;")
        );
        // The sentinel standing for the lone surrogate is no character of the text.
        assert_eq!(
            s("{\"a\":\"\\ud800\",\"a\":\"\u{e000}\\ue001\"}").as_deref(),
            Some("o1;s1;as6;\u{e000}\u{e001}")
        );
    }

    #[test]
    fn keys_sort_by_utf16_code_units_and_the_last_duplicate_wins() {
        assert_eq!(
            s("{\"\u{ffff}\":1,\"\u{10000}\":2,\"b\":3,\"a\":4,\"b\":5}").as_deref(),
            Some("o4;s1;au4;s1;bu5;s4;\u{10000}u2;s3;\u{ffff}u1;")
        );
        assert_eq!(
            s(r#"{"10":1,"9":2,"__proto__":3}"#).as_deref(),
            Some("o3;s2;10u1;s1;9u2;s9;__proto__u3;")
        );
    }

    #[test]
    fn the_guard_writes_128_levels_when_the_innermost_are_empty() {
        let nested = |levels: usize, inner: &str| {
            ["[".repeat(levels), inner.into(), "]".repeat(levels)].concat()
        };
        assert!(read(&nested(127, "0")).is_some());
        assert!(s(&nested(127, "[]")).is_some());
        assert_eq!(read(&nested(127, "[]")), None);
        assert_eq!(s(&nested(128, "0")), None);
        assert_eq!(s(&nested(128, "[]")), None);
        assert_eq!(s(&nested(100_000, "")), None);
    }

    #[test]
    fn the_rest_agrees_with_json() {
        for bad in [
            "",
            " ",
            "\u{feff}{}",
            "{} x",
            "1 2",
            "[1,]",
            "{\"a\":1,}",
            "'a'",
            "\"\t\"",
            "\"\u{0}\"",
            r#""\x41""#,
            r#""\u12""#,
            "[1 2]",
            "nul",
            "// c\n{}",
        ] {
            assert_eq!(s(bad), None, "{bad:?}");
        }
        assert_eq!(s(" \t\r\n{ }\n").as_deref(), Some("o0;"));
        assert_eq!(
            s(r#"["a\"b\\c\/d\b\f\n\r\t", "\u00e9\u2028", null, true, false]"#).as_deref(),
            Some("a5;s12;a\"b\\c/d\u{8}\u{c}\n\r\ts5;\u{e9}\u{2028}ntf")
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The corpus
// ---------------------------------------------------------------------------------------------

/// What a stored value in `tests/corpus/records/` must produce.
#[derive(Debug)]
enum RecordCase {
    /// A `valid-*.json` record: it parses and round-trips.
    Valid,
    /// Rejected with this error.
    Rejected(RecordError),
}

use RecordCase::{Rejected, Valid};
const NOT_JSON: RecordCase = Rejected(RecordError::NotJson);
const OTHER_SCHEMA: RecordCase = Rejected(RecordError::OtherSchema);
const fn bad(field: &'static str) -> RecordCase {
    Rejected(RecordError::BadField(field))
}

/// Every file in `tests/corpus/records/` and what it must produce.
const RECORDS: &[(&str, RecordCase)] = &[
    ("valid-contract-example.json", Valid),
    ("valid-custom-gpc.json", Valid),
    ("valid-no-services.json", Valid),
    // `JSON.parse` reads `1.0` as the number 1: nothing after it can tell them apart.
    ("valid-revision-float-one.json", Valid),
    ("empty.json", NOT_JSON),
    ("whitespace.json", NOT_JSON),
    ("truncated.json", NOT_JSON),
    ("truncated-in-string.json", NOT_JSON),
    ("not-object-array.json", NOT_JSON),
    ("not-object-string.json", NOT_JSON),
    ("not-object-null.json", NOT_JSON),
    ("bom-prefixed.json", NOT_JSON),
    ("trailing-garbage.json", NOT_JSON),
    ("two-records.json", NOT_JSON),
    ("deep-nesting-10000.json", NOT_JSON),
    ("deep-nesting-unclosed.json", NOT_JSON),
    ("nul-bytes-raw.json", NOT_JSON),
    ("nul-in-string-raw.json", NOT_JSON),
    ("id-lone-surrogate.json", NOT_JSON),
    ("schema-2.json", OTHER_SCHEMA),
    ("schema-missing.json", OTHER_SCHEMA),
    ("schema-string.json", OTHER_SCHEMA),
    // `__proto__` is an ordinary key here: it supplies no `schema`.
    ("proto-top-level.json", OTHER_SCHEMA),
    // Duplicate keys: the last one wins (as in `JSON.parse`).
    ("duplicate-keys-schema.json", OTHER_SCHEMA),
    ("duplicate-keys-necessary.json", bad("categories")),
    ("revision-negative.json", bad("revision")),
    ("revision-fraction.json", bad("revision")),
    // `JSON.parse` reads 1e309 as `Infinity`, which is no whole number.
    ("revision-1e309.json", bad("revision")),
    ("revision-string.json", bad("revision")),
    ("revision-huge.json", bad("revision")),
    ("revision-missing.json", bad("revision")),
    ("revision-0.json", bad("revision")),
    ("id-empty.json", bad("id")),
    ("id-too-long.json", bad("id")),
    ("id-number.json", bad("id")),
    ("id-null.json", bad("id")),
    ("huge-string-1mb.json", bad("id")),
    ("timestamp-no-z.json", bad("timestamp")),
    ("timestamp-offset.json", bad("timestamp")),
    ("timestamp-leap-second.json", bad("timestamp")),
    ("timestamp-feb-30.json", bad("timestamp")),
    ("timestamp-10-digit-year.json", bad("timestamp")),
    ("timestamp-fraction-1-digit.json", bad("timestamp")),
    ("timestamp-fraction-2-digits.json", bad("timestamp")),
    ("timestamp-fraction-4-digits.json", bad("timestamp")),
    ("timestamp-lower-case.json", bad("timestamp")),
    ("timestamp-space.json", bad("timestamp")),
    ("timestamp-fullwidth-digit.json", bad("timestamp")),
    ("timestamp-epoch-number.json", bad("timestamp")),
    ("timestamp-nul.json", bad("timestamp")),
    ("timestamp-year-0000.json", bad("timestamp")),
    ("timestamp-before-1970.json", bad("timestamp")),
    ("timestamp-feb-29-common-year.json", bad("timestamp")),
    ("categories-missing.json", bad("categories")),
    ("categories-necessary-false.json", bad("categories")),
    ("categories-necessary-missing.json", bad("categories")),
    ("categories-one-missing.json", bad("categories")),
    ("categories-string-bool.json", bad("categories")),
    ("categories-number.json", bad("categories")),
    ("categories-null-value.json", bad("categories")),
    ("categories-array.json", bad("categories")),
    ("categories-proto.json", bad("categories")),
    ("categories-extra.json", bad("categories")),
    ("services-array.json", bad("services")),
    ("services-nested.json", bad("services")),
    ("services-string-bool.json", bad("services")),
    ("services-empty-name.json", bad("services")),
    ("services-name-too-long.json", bad("services")),
    ("services-257.json", bad("services")),
    ("services-huge-list.json", bad("services")),
    ("method-unknown.json", bad("method")),
    ("method-case-changed.json", bad("method")),
    ("method-padded.json", bad("method")),
    ("method-missing.json", bad("method")),
    ("method-number.json", bad("method")),
    ("gpc-string.json", bad("gpc")),
];

/// What a configuration in `tests/corpus/configs/` must produce.
#[derive(Debug)]
enum ConfigCase {
    /// Exactly these error paths (sorted).
    Errors(&'static [&'static str]),
}

use ConfigCase::Errors;
const ROOT: ConfigCase = Errors(&["(root)"]);
const LINKS: ConfigCase = Errors(&["consentLog", "policyUrl"]);

/// Every file in `tests/corpus/configs/` and the errors it must produce.
const CONFIGS: &[(&str, ConfigCase)] = &[
    ("empty.json", ROOT),
    ("truncated.json", ROOT),
    ("not-object-array.json", ROOT),
    ("not-object-null.json", ROOT),
    ("bom-prefixed.json", ROOT),
    ("trailing-comma.json", ROOT),
    ("deep-nesting-10000.json", ROOT),
    ("deep-nesting-arrays.json", ROOT),
    // `JSON.parse` reads 1e309 as `Infinity`: JSON, but no revision.
    ("numbers-1e309.json", Errors(&["revision"])),
    ("lone-surrogate.json", ROOT),
    (
        "wrong-types-every-key.json",
        Errors(&[
            "consentLog",
            "consentMode",
            "cookieMirror",
            "expiryDays",
            "language",
            "policyUrl",
            "reloadOnWithdraw",
            "revision",
            "services",
            "texts",
        ]),
    ),
    // `consentLog: null` is valid (logging off).
    (
        "wrong-types-null.json",
        Errors(&[
            "consentMode",
            "cookieMirror",
            "expiryDays",
            "language",
            "policyUrl",
            "reloadOnWithdraw",
            "revision",
            "services",
            "texts",
        ]),
    ),
    (
        "wrong-types-objects.json",
        Errors(&[
            "consentLog",
            "cookieMirror",
            "expiryDays",
            "language",
            "policyUrl",
            "reloadOnWithdraw",
            "revision",
        ]),
    ),
    (
        "wrong-types-nested.json",
        Errors(&[
            "consentMode.adsDataRedaction",
            "consentMode.waitForUpdate",
            "texts.en",
            "texts.ru",
        ]),
    ),
    (
        "unknown-keys.json",
        Errors(&[
            "Revision",
            "__proto__",
            "colour",
            "consentMode.__proto__",
            "consentMode.x",
            "constructor",
        ]),
    ),
    // An empty key is written `""` in the path, so the message still shows it.
    ("unknown-key-empty.json", Errors(&["\"\""])),
    // Keys that are not plain names are quoted: none can pass for another path.
    (
        "unknown-keys-like-paths.json",
        Errors(&[
            "\"(root)\"",
            "\"a b\"",
            "\"consentMode.x\"",
            "\"services[0]\"",
            "\"texts.en.banner_title\"",
            "\"\u{e9}\"",
        ]),
    ),
    // Found by `make fuzz`: a key named `(root)` was reported as the whole document.
    (
        "fuzz-unknown-key-named-root.json",
        // The other key holds bytes that are not UTF-8, read as U+FFFD.
        Errors(&[
            "\"(root)\"",
            "\"Revi\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{760}]prot\"",
        ]),
    ),
    (
        "unknown-categories.json",
        Errors(&[
            "services[0].category",
            "services[1].category",
            "services[2].category",
            "services[3].category",
            "services[4].category",
            "services[5].category",
        ]),
    ),
    (
        "necessary-service.json",
        Errors(&[
            "services[0].category",
            "services[1].category",
            "services[2].category",
        ]),
    ),
    (
        "services-wrong-items.json",
        Errors(&[
            "services[0]",
            "services[1]",
            "services[2]",
            "services[3]",
            "services[4].id",
            "services[5].id",
            "services[6].id",
            "services[7].id",
        ]),
    ),
    (
        "services-bad-patterns.json",
        Errors(&[
            "services[0].hosts",
            "services[1].cookies",
            "services[2].storage",
            "services[3].cookies",
            "services[3].hosts",
            "services[4].cookies",
            "services[4].storage",
            "services[5].hosts",
        ]),
    ),
    (
        "services-unknown-keys.json",
        Errors(&[
            "services[0].__proto__",
            "services[0].onload",
            "services[0].src",
        ]),
    ),
    ("services-201.json", Errors(&["services"])),
    ("services-10000.json", Errors(&["services"])),
    (
        "huge-strings.json",
        Errors(&[
            "consentLog",
            "policyUrl",
            "services[0].id",
            "services[1].name",
            "services[2].hosts",
            "texts.en.banner_title",
        ]),
    ),
    ("huge-string-1mb.json", Errors(&["texts.en.banner_body"])),
    ("link-javascript.json", LINKS),
    ("link-data.json", LINKS),
    ("link-vbscript.json", LINKS),
    ("link-protocol-relative.json", LINKS),
    ("link-whitespace-prefixed.json", LINKS),
    ("link-unicode-space-prefixed.json", LINKS),
    ("link-tab-inside.json", LINKS),
    ("link-no-slashes.json", LINKS),
    // HTML is kept as text (it reaches the page through `textContent`).
    ("html-in-texts.json", Errors(&[])),
    (
        "texts-unknown-languages.json",
        Errors(&[
            "texts.\"\"",
            "texts.\"<script>\"",
            "texts.de",
            "texts.xx-YY",
        ]),
    ),
    (
        "texts-unknown-keys.json",
        Errors(&[
            "texts.en.\"\"",
            "texts.en.BANNER_TITLE",
            "texts.en.__proto__",
            "texts.en.nope",
        ]),
    ),
    (
        "texts-wrong-values.json",
        Errors(&[
            "texts.en.accept_all",
            "texts.en.banner_body",
            "texts.en.banner_title",
            "texts.en.reject_all",
            "texts.en.save",
        ]),
    ),
    // Duplicate keys: the last one wins, and it is the bad one in both pairs.
    ("duplicate-keys.json", Errors(&["policyUrl", "revision"])),
    (
        "numbers-too-low.json",
        Errors(&["consentMode.waitForUpdate", "expiryDays", "revision"]),
    ),
    (
        "numbers-too-high.json",
        Errors(&["consentMode.waitForUpdate", "expiryDays", "revision"]),
    ),
    // `JSON.parse` reads `1.0` as 1 and `1e2` as 100: only the 0.5 is no whole number.
    (
        "numbers-fractions.json",
        Errors(&["consentMode.waitForUpdate"]),
    ),
    (
        "numbers-negative-zero.json",
        Errors(&["expiryDays", "revision"]),
    ),
    ("language-invalid.json", Errors(&["language"])),
];

fn corpus_dir(kind: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("corpus")
        .join(kind)
}

/// Every file of a corpus directory, by name, as text (lossily, as a browser would hand it over).
fn corpus(kind: &str) -> Vec<(String, String)> {
    let dir = corpus_dir(kind);
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.expect("readable directory entry").path();
            let name = path
                .file_name()
                .expect("file name")
                .to_string_lossy()
                .into_owned();
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, String::from_utf8_lossy(&bytes).into_owned())
        })
        .collect();
    files.sort();
    files
}

/// Checks that the table and the directory list the same files.
fn same_files<T>(kind: &str, files: &[(String, String)], table: &[(&str, T)]) {
    for (name, _) in files {
        assert!(
            table.iter().any(|(n, _)| n == name),
            "tests/corpus/{kind}/{name} has no row in the table: say what it must produce"
        );
    }
    for (name, _) in table {
        assert!(
            files.iter().any(|(n, _)| n == name),
            "the table lists {name}, missing from tests/corpus/{kind}/"
        );
    }
}

#[test]
fn corpus_records_are_rejected_except_valid_ones() {
    let files = corpus("records");
    assert!(files.len() >= 25, "{} records", files.len());
    same_files("records", &files, RECORDS);
    for (name, text) in &files {
        let (_, case) = RECORDS.iter().find(|(n, _)| n == name).expect("row");
        let got = check_record(text);
        match case {
            Valid => {
                assert!(
                    name.starts_with("valid-"),
                    "{name}: only valid-* files may parse"
                );
                let r = got.unwrap_or_else(|e| panic!("{name}: {e:?}"));
                assert_eq!(record(&r.to_json()), Ok(r), "{name}");
            }
            Rejected(want) => {
                assert!(!name.starts_with("valid-"), "{name}");
                assert_eq!(got.as_ref(), Err(want), "{name}");
            }
        }
    }
}

#[test]
fn corpus_configs_produce_the_documented_errors() {
    let files = corpus("configs");
    assert!(files.len() >= 25, "{} configurations", files.len());
    same_files("configs", &files, CONFIGS);
    for (name, text) in &files {
        let (_, Errors(want)) = CONFIGS.iter().find(|(n, _)| n == name).expect("row");
        let (config, errors) = check_config(text);
        check_builtins_kept(&config, &errors);
        let mut got: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
        got.sort_unstable();
        assert_eq!(&got, want, "{name}");
    }
}

#[test]
fn corpus_html_texts_are_kept_verbatim() {
    let (name, text) = corpus("configs")
        .into_iter()
        .find(|(n, _)| n == "html-in-texts.json")
        .expect("html-in-texts.json");
    let (config, errors) = check_config(&text);
    assert!(errors.is_empty(), "{name}: {errors:?}");
    assert_eq!(
        config.text(Lang::En, Text::BannerTitle),
        Some("<script>alert(1)</script>")
    );
    assert_eq!(
        config.service("x").map(|s| s.name.as_str()),
        Some("<svg onload=alert(1)>")
    );
}

#[test]
fn corpus_duplicate_keys_keep_the_builtins() {
    let (_, text) = corpus("configs")
        .into_iter()
        .find(|(n, _)| n == "duplicate-keys.json")
        .expect("duplicate-keys.json");
    let (config, _) = check_config(&text);
    let builtin = Config::builtin();
    assert_eq!(config.revision, builtin.revision);
    assert_eq!(config.policy_url, builtin.policy_url);
}

// ---------------------------------------------------------------------------------------------
// Findings: deviations these tests found in the parsers, kept as tests of their fixes
// ---------------------------------------------------------------------------------------------

mod findings {
    use super::*;

    /// The contract's example record, with one piece of its JSON replaced.
    fn base_with(from: &str, to: &str) -> String {
        let base = Record {
            revision: 1,
            id: "0b6f1c5e-2a43-4c55-9d3e-6a1f0e2b7c11".into(),
            time_ms: 1_795_514_400_000.0,
            categories: [true, false, true, false],
            services: Vec::new(),
            method: Method::AcceptAll,
            gpc: false,
        }
        .to_json();
        assert!(base.contains(from), "{base} lacks {from}");
        base.replacen(from, to, 1)
    }

    #[test]
    fn an_empty_key_is_reported_with_a_visible_path() {
        let (_, errors) = config(r#"{"":1,"consentMode":{"":1}}"#);
        let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, ["\"\"", "consentMode.\"\""]);
        assert!(
            errors[0].message().contains("at `\"\"`"),
            "{}",
            errors[0].message()
        );
    }

    #[test]
    fn revision_zero_is_rejected() {
        let json = base_with("\"revision\":1", "\"revision\":0");
        assert_eq!(record(&json), Err(RecordError::BadField("revision")));
    }

    #[test]
    fn timestamps_before_1970_are_rejected() {
        for ts in [
            "1969-12-31T23:59:59.999Z",
            "1900-01-01T00:00:00.000Z",
            "0000-01-01T00:00:00.000Z",
        ] {
            assert_eq!(parse_iso(ts), None, "{ts}");
            let json = base_with("2026-11-24T10:00:00.000Z", ts);
            assert_eq!(
                record(&json),
                Err(RecordError::BadField("timestamp")),
                "{ts}"
            );
        }
        assert_eq!(parse_iso("1970-01-01T00:00:00.000Z"), Some(0.0));
    }

    #[test]
    fn february_29_is_rejected_in_common_years() {
        for ts in ["2026-02-29T10:00:00.000Z", "2100-02-29T10:00:00.000Z"] {
            assert_eq!(parse_iso(ts), None, "{ts}");
        }
        for ts in ["2028-02-29T10:00:00.000Z", "2000-02-29T10:00:00.000Z"] {
            let ms = parse_iso(ts).unwrap_or_else(|| panic!("{ts}"));
            assert_eq!(format_iso(ms), ts);
        }
    }

    #[test]
    fn a_non_boolean_gpc_is_rejected() {
        for gpc in ["\"true\"", "1", "null", "{}"] {
            let json = base_with(
                "\"method\":\"accept-all\"",
                &["\"method\":\"accept-all\",\"gpc\":", gpc].concat(),
            );
            assert_eq!(record(&json), Err(RecordError::BadField("gpc")), "{gpc}");
        }
    }

    #[test]
    fn an_unknown_category_is_rejected() {
        for extra in ["\"ads\":true", "\"ads\":false", "\"__proto__\":true"] {
            let json = base_with(
                "\"marketing\":false",
                &["\"marketing\":false,", extra].concat(),
            );
            assert_eq!(
                record(&json),
                Err(RecordError::BadField("categories")),
                "{extra}"
            );
        }
    }
}

/// A record as the UI file stores it (`core::recording`, its time as the browser writes it).
trait ToJson {
    fn to_json(&self) -> String;
}

impl ToJson for bzconsent::core::record::Record {
    fn to_json(&self) -> String {
        bzconsent::core::recording::stored_json(
            self,
            &bzconsent::core::record::format_iso(self.time_ms),
        )
    }
}
