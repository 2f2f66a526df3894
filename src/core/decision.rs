//! What is allowed, given the configuration, the stored record and the browser's signals.

use super::catalogue;
use super::category::Category;
use super::config::Config;
use super::record::{Freshness, Method, Record};

/// The consent in force on the page. Without a valid record only `necessary` is allowed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Consent {
    /// The visitor's current, valid choice.
    pub record: Option<Record>,
}

impl Consent {
    /// Whether a category is accepted.
    pub fn category(&self, category: Category) -> bool {
        category == Category::Necessary
            || self.record.as_ref().is_some_and(|r| r.accepted(category))
    }

    /// Whether something of `category` (and, if named, `service`) may run: an explicit choice
    /// for the service wins; otherwise its category decides. Unknown category and no service
    /// choice: blocked (fail closed).
    pub fn allows(&self, category: Option<Category>, service: Option<&str>) -> bool {
        if let (Some(record), Some(id)) = (&self.record, service) {
            if let Some(on) = record.service(id) {
                return on;
            }
        }
        category.is_some_and(|c| self.category(c))
    }

    /// The accepted flags of all categories, indexed by [`Category::index`].
    pub fn flags(&self) -> [bool; 4] {
        Category::ALL.map(|c| self.category(c))
    }

    /// The categories whose acceptance differs between `self` and `other`.
    pub fn changed(&self, other: &Consent) -> Vec<Category> {
        Category::ALL
            .into_iter()
            .filter(|c| self.category(*c) != other.category(*c))
            .collect()
    }
}

/// What the widget knows at start.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Start {
    /// The consent in force.
    pub consent: Consent,
    /// Whether the banner must be shown.
    pub prompt: bool,
    /// A previous choice that no longer counts (old revision or expired): pre-selected in the
    /// dialog, and the banner says the site asks again.
    pub previous: Option<Record>,
}

/// Decides the start state from the stored record, already read (`None`: none, or unreadable).
pub fn start_with(record: Option<Record>, config: &Config, now_ms: f64) -> Start {
    let Some(record) = record else {
        return Start {
            prompt: true,
            ..Start::default()
        };
    };
    match record.freshness(now_ms, config.revision, config.expiry_days) {
        Freshness::Valid => Start {
            consent: Consent {
                record: Some(record),
            },
            prompt: false,
            previous: None,
        },
        Freshness::OldRevision | Freshness::Expired => Start {
            consent: Consent::default(),
            prompt: true,
            previous: Some(record),
        },
    }
}

/// The categories "Accept all" turns on. With Global Privacy Control, marketing stays off.
pub fn accept_all(gpc: bool) -> [bool; 4] {
    [true, true, true, !gpc]
}

/// The categories "Reject all" leaves on.
pub fn reject_all() -> [bool; 4] {
    [true, false, false, false]
}

/// The category of a service: the site's declaration first, then the built-in catalogue.
pub fn service_category(config: &Config, id: &str) -> Option<Category> {
    config
        .service(id)
        .map(|s| s.category)
        .or_else(|| catalogue::tracker(id).map(|t| t.category))
}

/// The service something belongs to: its id and category.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Owner<'a> {
    /// The service id (site-declared or catalogue).
    pub service: &'a str,
    /// Its category.
    pub category: Category,
}

/// The owner of a cookie name: the site's services first, then the catalogue.
pub fn cookie_owner<'a>(config: &'a Config, name: &str) -> Option<Owner<'a>> {
    let site = config
        .services
        .iter()
        .find(|s| s.cookies.iter().any(|p| catalogue::name_matches(p, name)));
    site.map(|s| Owner {
        service: &s.id,
        category: s.category,
    })
    .or_else(|| catalogue::tracker_for_cookie(name).map(tracker_owner))
}

/// The owner of a localStorage/sessionStorage key.
pub fn storage_owner<'a>(config: &'a Config, key: &str) -> Option<Owner<'a>> {
    let site = config
        .services
        .iter()
        .find(|s| s.storage.iter().any(|p| catalogue::name_matches(p, key)));
    site.map(|s| Owner {
        service: &s.id,
        category: s.category,
    })
    .or_else(|| catalogue::tracker_for_storage_key(key).map(tracker_owner))
}

/// The owner of a URL (script, frame, image or request).
pub fn url_owner<'a>(config: &'a Config, url: &str) -> Option<Owner<'a>> {
    let (host, path) = catalogue::host_and_path(url)?;
    host_owner(config, &host, &path)
}

/// The owner of a URL already split into lower-case host and path (by the browser's `URL`).
pub fn host_owner<'a>(config: &'a Config, host: &str, path: &str) -> Option<Owner<'a>> {
    let site = config.services.iter().find(|s| {
        s.hosts
            .iter()
            .any(|p| catalogue::host_matches(p, host, path))
    });
    site.map(|s| Owner {
        service: &s.id,
        category: s.category,
    })
    .or_else(|| catalogue::tracker_for_host(host, path).map(tracker_owner))
}

fn tracker_owner(t: &'static catalogue::Tracker) -> Owner<'static> {
    Owner {
        service: t.id,
        category: t.category,
    }
}

/// A new record for a choice made now: every service the site lists, with the choice for it
/// (its category's, unless the visitor chose otherwise for that service), then any other
/// service chosen explicitly. `necessary` is forced on.
pub fn record(
    config: &Config,
    mut categories: [bool; 4],
    services: &[(String, bool)],
    method: Method,
    id: String,
    now_ms: f64,
    gpc: bool,
) -> Record {
    categories[Category::Necessary.index()] = true;
    let explicit = |id: &str| {
        services
            .iter()
            .find(|(name, _)| name == id)
            .map(|(_, on)| *on)
    };
    let mut all: Vec<(String, bool)> = config
        .services
        .iter()
        .map(|s| {
            let on = explicit(&s.id).unwrap_or(categories[s.category.index()]);
            (s.id.clone(), on)
        })
        .collect();
    for (name, on) in services {
        if config.service(name).is_none() && !all.iter().any(|(n, _)| n == name) {
            all.push((name.clone(), *on));
        }
    }
    Record {
        revision: config.revision,
        id,
        time_ms: now_ms,
        categories,
        services: all,
        method,
        gpc,
    }
}

// Host only: they read stored values as the guard hands them over, through the host copy of its
// `stream`.
#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::*;
    use crate::core::record::DAY_MS;

    const NOW: f64 = 1_795_514_400_000.0;

    /// The start state from a stored value, read as the guard reads it.
    fn start(stored: Option<&str>, config: &Config, now_ms: f64) -> Start {
        let record = stored
            .and_then(crate::core::read_json)
            .and_then(|v| Record::from_value(&v).ok());
        start_with(record, config, now_ms)
    }

    fn stored(categories: [bool; 4], revision: u64, age_days: f64) -> String {
        let r = Record {
            revision,
            id: "id-1".into(),
            time_ms: NOW - age_days * DAY_MS,
            categories,
            services: vec![("youtube".into(), true)],
            method: Method::Custom,
            gpc: false,
        };
        crate::core::recording::stored_json(&r, &crate::core::record::format_iso(r.time_ms))
    }

    #[test]
    fn first_visit_prompts_and_allows_only_necessary() {
        let s = start(None, &Config::builtin(), NOW);
        assert!(s.prompt);
        assert_eq!(s.consent.flags(), [true, false, false, false]);
        assert!(!s
            .consent
            .allows(Some(Category::Analytics), Some("google-analytics")));
        assert!(s.consent.allows(Some(Category::Necessary), None));
    }

    #[test]
    fn valid_record_is_honoured_without_prompt() {
        let json = stored([true, false, true, false], 1, 3.0);
        let s = start(Some(&json), &Config::builtin(), NOW);
        assert!(!s.prompt);
        assert!(s.consent.category(Category::Analytics));
        assert!(!s.consent.category(Category::Marketing));
        assert!(s.consent.allows(Some(Category::Marketing), Some("youtube")));
        assert!(!s
            .consent
            .allows(Some(Category::Marketing), Some("meta-pixel")));
    }

    #[test]
    fn corrupt_old_or_expired_records_prompt_and_block() {
        let config = Config {
            revision: 2,
            ..Config::builtin()
        };
        let old = stored([true, true, true, true], 1, 3.0);
        let s = start(Some(&old), &config, NOW);
        assert!(s.prompt);
        assert_eq!(s.consent.flags(), [true, false, false, false]);
        assert_eq!(s.previous.map(|r| r.categories), Some([true; 4]));

        let expired = stored([true, true, true, true], 2, 200.0);
        let s = start(Some(&expired), &config, NOW);
        assert!(s.prompt && s.previous.is_some());
        assert!(!s.consent.category(Category::Analytics));

        for bad in ["{not json", "{\"schema\":99}", ""] {
            let s = start(Some(bad), &config, NOW);
            assert!(s.prompt && s.previous.is_none());
            assert!(!s.consent.category(Category::Marketing));
        }
    }

    #[test]
    fn unknown_category_fails_closed() {
        let json = stored([true; 4], 1, 0.0);
        let s = start(Some(&json), &Config::builtin(), NOW);
        assert!(!s.consent.allows(None, None));
        assert!(!s.consent.allows(None, Some("unknown-service")));
    }

    #[test]
    fn gpc_keeps_marketing_off_on_accept_all() {
        assert_eq!(accept_all(false), [true; 4]);
        assert_eq!(accept_all(true), [true, true, true, false]);
        assert_eq!(reject_all(), [true, false, false, false]);
    }

    #[test]
    fn records_force_necessary_and_list_every_site_service() {
        let r = record(
            &Config::builtin(),
            [false, false, true, false],
            &[
                ("google-analytics".into(), true),
                ("youtube".into(), true),
                ("site-thing".into(), false),
            ],
            Method::Custom,
            "id".into(),
            NOW,
            false,
        );
        assert!(r.categories[0]);
        assert_eq!(
            r.services,
            vec![
                ("google-analytics".into(), true),
                ("baidu-tongji".into(), true),
                ("yandex-metrica".into(), true),
                ("youtube".into(), true),
                ("site-thing".into(), false)
            ]
        );
    }

    #[test]
    fn site_services_are_found_before_the_catalogue() {
        let (config, errors) = Config::with_overrides_value(crate::core::read_json(
            r#"{"services":[{"id":"matomo","category":"analytics","hosts":["stats.bzpak.com"],
                "cookies":["_pk_id.*"],"storage":["matomo_*"]}]}"#,
        ));
        assert!(errors.is_empty());
        let owner = cookie_owner(&config, "_pk_id.1.abcd").unwrap();
        assert_eq!(
            (owner.service, owner.category),
            ("matomo", Category::Analytics)
        );
        assert_eq!(
            storage_owner(&config, "matomo_x").unwrap().service,
            "matomo"
        );
        assert_eq!(
            url_owner(&config, "https://stats.bzpak.com/matomo.js")
                .unwrap()
                .service,
            "matomo"
        );
        assert_eq!(
            cookie_owner(&config, "_ga").unwrap().category,
            Category::Analytics
        );
        assert_eq!(cookie_owner(&config, "session_id"), None);
        assert_eq!(url_owner(&config, "/js/site.js"), None);
    }

    #[test]
    fn changed_lists_categories_that_flipped() {
        let before = Consent::default();
        let after = start(
            Some(&stored([true, false, true, true], 1, 0.0)),
            &Config::builtin(),
            NOW,
        )
        .consent;
        assert_eq!(
            before.changed(&after),
            vec![Category::Analytics, Category::Marketing]
        );
    }
}
