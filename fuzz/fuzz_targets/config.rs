//! The configuration: `Config::with_overrides` on any page text never panics, and whatever it
//! returns keeps the invariants the widget relies on (blocking stays on, links are safe).
#![no_main]

use bzconsent::core::category::Category;
use bzconsent::core::config::{is_safe_link, Config};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (config, errors) = Config::with_overrides(&text);
    assert!(config.revision >= 1);
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
});
