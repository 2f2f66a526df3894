//! The configuration, read as the UI and the guard read it (`JSON.parse`, the stream,
//! `json::decode`, `Config::with_overrides_value` / `for_guard_value`): never panics, whatever
//! it returns keeps the invariants the widget relies on (blocking stays on, links are safe),
//! and the guard's reading is the UI's without the fields only the UI shows.
#![no_main]

use bzconsent::core::category::Category;
use bzconsent::core::config::{is_safe_link, Config};
use bzconsent::core::json;
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/guard_stream.rs"]
mod guard_stream;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let value = guard_stream::stream(&text).and_then(|s| json::decode(&s));
    let (config, errors) = Config::with_overrides_value(value.clone());
    assert!((1..1 << 53).contains(&config.revision));
    assert!((1..=3650).contains(&config.expiry_days));
    assert!(config.wait_for_update <= 60_000);
    assert!(is_safe_link(&config.policy_url));
    assert!(config.consent_log.as_deref().is_none_or(is_safe_link));
    for (i, service) in config.services.iter().enumerate() {
        assert_ne!(service.category, Category::Necessary);
        assert!(!service.id.is_empty() && service.id.len() <= 64);
        assert!(!service.display_name().trim().is_empty());
        assert!(config.services[..i].iter().all(|s| s.id != service.id));
        let mut patterns = service
            .hosts
            .iter()
            .chain(&service.cookies)
            .chain(&service.storage);
        assert!(patterns.all(|p| !p.is_empty() && p != "*"));
    }
    for (i, (lang, key, t)) in config.texts.iter().enumerate() {
        assert!(!t.trim().is_empty() && t.len() <= 2000);
        assert!(config.texts[..i]
            .iter()
            .all(|(l, k, _)| (l, k) != (lang, key)));
    }
    assert!(errors
        .iter()
        .all(|e| !e.path.is_empty() && !e.expected.is_empty()));
    if errors.iter().any(|e| e.path == "(root)") {
        assert_eq!(errors.len(), 1);
        assert_eq!(config, Config::builtin());
    }
    let (guard, guard_errors) = Config::for_guard_value(value);
    let ui_only = errors
        .iter()
        .filter(|e| !(e.path.starts_with("texts") || e.path == "policyUrl"));
    assert!(guard_errors.iter().eq(ui_only));
    let builtin = Config::builtin();
    let without_ui = Config {
        texts: builtin.texts,
        policy_url: builtin.policy_url,
        ..config
    };
    assert_eq!(guard, without_ui);
});
