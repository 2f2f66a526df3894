//! What each cookie, storage key and request found by a scan is for: the widget's own names,
//! then the page's configuration and bzconsent's catalogue (the same functions the guard decides
//! with), then the Open Cookie Database, else unknown. And whether it breaks the consent in force.

use std::net::IpAddr;

use bzconsent::core::catalogue;
use bzconsent::core::category::Category;
use bzconsent::core::config::Config;
use bzconsent::core::decision;
use bzconsent::core::guard::registrable_domain;
use bzconsent::core::record::STORAGE_KEY;
use serde::Serialize;

use crate::ocd::Database;

/// Where a classification came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// bzconsent's own record and mirror cookie.
    Widget,
    /// A service the page's configuration declares.
    Configuration,
    /// bzconsent's built-in tracker catalogue.
    Catalogue,
    /// The Open Cookie Database.
    OpenCookieDatabase,
    /// A request to the page's own site that nothing above claims.
    FirstParty,
    /// Nothing knows it.
    Unknown,
}

impl Source {
    /// How reports name it.
    pub fn label(self) -> &'static str {
        match self {
            Source::Widget => "widget",
            Source::Configuration => "configuration",
            Source::Catalogue => "catalogue",
            Source::OpenCookieDatabase => "open-cookie-database",
            Source::FirstParty => "first-party",
            Source::Unknown => "unknown",
        }
    }
}

/// What something found is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Class {
    /// Its category; `None` when unknown.
    pub category: Option<Category>,
    /// The service or platform it belongs to, when known.
    pub service: Option<String>,
    /// Where that came from.
    pub source: Source,
}

impl Class {
    fn unknown() -> Class {
        Class {
            category: None,
            service: None,
            source: Source::Unknown,
        }
    }

    fn of(category: Category, service: &str, source: Source) -> Class {
        Class {
            category: Some(category),
            service: Some(service.to_owned()),
            source,
        }
    }

    /// Whether it breaks the consent in force: its category is known and not accepted.
    pub fn violates(&self, accepted: &[bool; 4]) -> bool {
        self.category.is_some_and(|c| !accepted[c.index()])
    }
}

/// The site of a host: its registrable domain (as the guard computes it); an IP address or a
/// single-label name (`localhost`) is its own site.
pub fn site_of(host: &str) -> String {
    let host = host.trim_start_matches('.').trim_end_matches('.');
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    if bare.parse::<IpAddr>().is_ok() || !host.contains('.') {
        return host.to_ascii_lowercase();
    }
    registrable_domain(&host.to_ascii_lowercase()).to_owned()
}

/// Classifies what one page did, with that page's configuration.
pub struct Classifier<'a> {
    config: &'a Config,
    ocd: &'a Database,
    site: String,
}

impl<'a> Classifier<'a> {
    /// A classifier for a page on `page_host`, configured by `config`.
    pub fn new(config: &'a Config, ocd: &'a Database, page_host: &str) -> Classifier<'a> {
        Classifier {
            config,
            ocd,
            site: site_of(page_host),
        }
    }

    /// Whether `host` (or a cookie domain) belongs to the page's own site.
    pub fn is_first_party(&self, host: &str) -> bool {
        site_of(host) == self.site
    }

    /// A cookie, by name and the domain it is stored under.
    pub fn cookie(&self, name: &str, domain: &str) -> Class {
        let first_party = self.is_first_party(domain);
        if first_party && name == STORAGE_KEY {
            return Class::of(Category::Necessary, "bzconsent", Source::Widget);
        }
        // A third party's cookie: by the host it lives on first (its name is that vendor's own).
        if !first_party {
            let host = domain.trim_start_matches('.');
            if let Some(class) = self.host_owner(host, "/") {
                return class;
            }
        }
        if let Some(owner) = decision::cookie_owner(self.config, name) {
            let declared = self
                .config
                .services
                .iter()
                .any(|s| s.cookies.iter().any(|p| catalogue::name_matches(p, name)));
            let source = if declared {
                Source::Configuration
            } else {
                Source::Catalogue
            };
            return Class::of(owner.category, owner.service, source);
        }
        let on = (!first_party).then_some(domain);
        self.ocd
            .lookup(name, on)
            .map(|e| Class::of(e.category, &e.platform, Source::OpenCookieDatabase))
            .unwrap_or_else(Class::unknown)
    }

    /// A localStorage or sessionStorage key of a frame on `origin_host`.
    pub fn storage_key(&self, key: &str, origin_host: &str) -> Class {
        if key == STORAGE_KEY && self.is_first_party(origin_host) {
            return Class::of(Category::Necessary, "bzconsent", Source::Widget);
        }
        if let Some(owner) = decision::storage_owner(self.config, key) {
            let declared = self
                .config
                .services
                .iter()
                .any(|s| s.storage.iter().any(|p| catalogue::name_matches(p, key)));
            let source = if declared {
                Source::Configuration
            } else {
                Source::Catalogue
            };
            return Class::of(owner.category, owner.service, source);
        }
        self.ocd
            .lookup(key, None)
            .map(|e| Class::of(e.category, &e.platform, Source::OpenCookieDatabase))
            .unwrap_or_else(Class::unknown)
    }

    /// A request to a URL.
    pub fn request(&self, url: &str) -> Class {
        let Some((host, path)) = catalogue::host_and_path(url) else {
            return Class::unknown();
        };
        if self.is_widget(&host, &path) {
            return Class::of(Category::Necessary, "bzconsent", Source::Widget);
        }
        if let Some(class) = self.host_owner(&host, &path) {
            return class;
        }
        if self.is_first_party(&host) {
            return Class {
                category: Some(Category::Necessary),
                service: None,
                source: Source::FirstParty,
            };
        }
        self.ocd
            .host_category(&host)
            .map(|(domain, c)| Class::of(c, domain, Source::OpenCookieDatabase))
            .unwrap_or_else(Class::unknown)
    }

    /// The widget's own files (wherever the site hosts them) and the configured consent log.
    fn is_widget(&self, host: &str, path: &str) -> bool {
        let file = path.rsplit('/').next().unwrap_or("");
        let lang_file = file
            .strip_prefix("bzconsent-lang-")
            .and_then(|f| f.strip_suffix(".js"))
            .is_some_and(|code| {
                bzconsent::core::i18n::Lang::ALL
                    .iter()
                    .any(|l| l.code() == code)
            });
        if matches!(file, "bzconsent.js" | "bzconsent-ui.js" | "bzconsent-sw.js") || lang_file {
            return true;
        }
        let Some(log) = self.config.consent_log.as_deref() else {
            return false;
        };
        match catalogue::host_and_path(log) {
            // An absolute URL: the same host and path.
            Some((log_host, log_path)) => log_host == host && log_path == path,
            // A path on the page's own site.
            None => self.is_first_party(host) && log == path,
        }
    }

    /// The configuration's or the catalogue's owner of a host and path.
    fn host_owner(&self, host: &str, path: &str) -> Option<Class> {
        let owner = decision::host_owner(self.config, host, path)?;
        let declared = self.config.services.iter().any(|s| {
            s.hosts
                .iter()
                .any(|p| catalogue::host_matches(p, host, path))
        });
        let source = if declared {
            Source::Configuration
        } else {
            Source::Catalogue
        };
        Some(Class::of(owner.category, owner.service, source))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> Database {
        Database::embedded().expect("parses")
    }

    #[test]
    fn sites() {
        assert_eq!(site_of("www.bzpak.com"), "bzpak.com");
        assert_eq!(site_of(".bzpak.com"), "bzpak.com");
        assert_eq!(site_of("shop.bzpak.co.uk"), "bzpak.co.uk");
        assert_eq!(site_of("127.0.0.1"), "127.0.0.1");
        assert_eq!(site_of("localhost"), "localhost");
        assert_eq!(site_of("[::1]"), "[::1]");
    }

    #[test]
    fn catalogue_then_configuration_then_database() {
        let db = db();
        let (config, errors) = crate::config_from_text(
            r#"{"services":[{"id":"own-stats","name":"Own stats","category":"analytics",
                "hosts":["stats.bzpak.com"],"cookies":["os_id"],"storage":["os_*"]}]}"#,
        );
        assert!(errors.is_empty(), "{errors:?}");
        let c = Classifier::new(&config, &db, "www.bzpak.com");

        let ga = c.cookie("_ga", ".bzpak.com");
        assert_eq!(ga.category, Some(Category::Analytics));
        assert_eq!(ga.source, Source::Catalogue);
        assert_eq!(ga.service.as_deref(), Some("google-analytics"));

        let own = c.cookie("os_id", "www.bzpak.com");
        assert_eq!(own.source, Source::Configuration);
        assert_eq!(own.service.as_deref(), Some("own-stats"));
        assert_eq!(
            c.storage_key("os_queue", "www.bzpak.com").source,
            Source::Configuration
        );
        assert_eq!(
            c.request("https://stats.bzpak.com/hit?x=1").source,
            Source::Configuration
        );

        let session = c.cookie("PHPSESSID", "www.bzpak.com");
        assert_eq!(session.category, Some(Category::Necessary));
        assert_eq!(session.source, Source::OpenCookieDatabase);

        let widget = c.storage_key("bzconsent", "www.bzpak.com");
        assert_eq!(widget.source, Source::Widget);
        assert_eq!(widget.category, Some(Category::Necessary));

        assert_eq!(
            c.cookie("zz_unheard_of", "www.bzpak.com").source,
            Source::Unknown
        );
        assert_eq!(
            c.request("https://cdn.example.net/bzconsent/bzconsent-ui.js")
                .source,
            Source::Widget
        );
        assert_eq!(
            c.request("https://cdn.example.net/bzconsent/bzconsent-lang-ru.js")
                .source,
            Source::Widget
        );
        assert_ne!(
            c.request("https://cdn.example.net/bzconsent/bzconsent-lang-xx.js")
                .source,
            Source::Widget
        );
        assert_eq!(
            c.request("https://www.bzpak.com/css/site.css").source,
            Source::FirstParty
        );
        let gtag = c.request("https://www.googletagmanager.com/gtag/js?id=G-X");
        assert_eq!(gtag.category, Some(Category::Analytics));
        assert_eq!(
            c.request("https://cdn.unheard-of.example/x.js").source,
            Source::Unknown
        );
    }

    #[test]
    fn the_consent_log_is_the_widgets() {
        let db = db();
        for (log, url) in [
            ("/consent-log", "https://www.bzpak.com/consent-log"),
            (
                "https://log.example.net/consent",
                "https://log.example.net/consent",
            ),
        ] {
            let (config, errors) = crate::config_from_text(&format!(r#"{{"consentLog":"{log}"}}"#));
            assert!(errors.is_empty(), "{errors:?}");
            let c = Classifier::new(&config, &db, "www.bzpak.com");
            assert_eq!(c.request(url).source, Source::Widget, "{log}");
            assert_eq!(c.request(url).category, Some(Category::Necessary));
        }
        let config = Config::builtin();
        let c = Classifier::new(&config, &db, "www.bzpak.com");
        assert_eq!(
            c.request("https://log.example.net/consent").source,
            Source::Unknown
        );
    }

    #[test]
    fn a_third_party_cookie_is_known_by_its_host() {
        let db = db();
        let config = Config::builtin();
        let c = Classifier::new(&config, &db, "www.bzpak.com");
        let ide = c.cookie("IDE", ".doubleclick.net");
        assert_eq!(ide.category, Some(Category::Marketing), "{ide:?}");
    }

    #[test]
    fn violations_follow_the_consent_in_force() {
        let db = db();
        let config = Config::builtin();
        let c = Classifier::new(&config, &db, "www.bzpak.com");
        let before = [true, false, false, false];
        assert!(c.cookie("_ga", "bzpak.com").violates(&before));
        assert!(!c.cookie("_ga", "bzpak.com").violates(&[true; 4]));
        assert!(!c.cookie("zz_unheard_of", "bzpak.com").violates(&before));
        assert!(!c
            .storage_key("bzconsent", "www.bzpak.com")
            .violates(&before));
    }
}
