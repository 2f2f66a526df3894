//! The site's configuration: the built-in bzpak.com defaults and a page's JSON overrides.
//!
//! Overrides come from `<script type="application/json" id="bzconsent-config">`. Each field is
//! checked on its own: a bad field yields one [`ConfigError`] naming its path and what was
//! expected, and the built-in value stays in force for it. Nothing here can switch blocking off.

use super::category::Category;
use super::i18n::{Lang, Text};
use super::json::{Object, Value};

/// Longest text accepted from configuration, in bytes.
#[cfg(not(feature = "guard"))]
const MAX_TEXT: usize = 2000;
/// Longest URL, id or pattern accepted from configuration, in bytes.
const MAX_SHORT: usize = 512;
/// Most services or patterns accepted in one list.
const MAX_LIST: usize = 200;

/// The configuration in force on a page.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Raising it re-asks every visitor.
    pub revision: u64,
    /// A choice older than this many days is asked again.
    pub expiry_days: u32,
    /// A language forced by the site (otherwise chosen from the page and browser).
    pub language: Option<Lang>,
    /// The privacy policy the banner links to (http(s) or a site path).
    pub policy_url: String,
    /// Reload the page when a category is withdrawn (code that already ran cannot be unloaded).
    pub reload_on_withdraw: bool,
    /// Services the site declares in addition to the built-in catalogue.
    pub services: Vec<Service>,
    /// Site texts replacing built-in ones, per language.
    pub texts: Vec<(Lang, Text, String)>,
    /// Where each choice is sent as proof of consent (off when `None`).
    pub consent_log: Option<String>,
    /// Google Consent Mode: milliseconds tags wait for an update.
    pub wait_for_update: u32,
    /// Google Consent Mode: redact ad data while `ad_storage` is denied.
    pub ads_data_redaction: bool,
    /// Mirror the accepted categories into a first-party `bzconsent` cookie for the server.
    pub cookie_mirror: bool,
    /// The network shield's script, a path on the site (`/bzconsent-sw.js`): registered as a
    /// service worker by the guard. `None`: no shield, and one registered earlier removes itself.
    pub service_worker: Option<String>,
}

/// A service declared by the site's configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Service {
    /// Identifier used in `data-service` and the stored record.
    pub id: String,
    /// Display name as configured (empty: see [`Service::display_name`]).
    pub name: String,
    /// The category it belongs to (never `necessary`).
    pub category: Category,
    /// Host patterns of its scripts and requests (as in the catalogue).
    pub hosts: Vec<String>,
    /// Cookie name patterns.
    pub cookies: Vec<String>,
    /// localStorage/sessionStorage key patterns.
    pub storage: Vec<String>,
}

/// One invalid field of a configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// Where the field is, e.g. `services[2].category`.
    pub path: String,
    /// What was expected there.
    pub expected: &'static str,
}

impl ConfigError {
    /// The message logged with `console.error`.
    pub fn message(&self) -> String {
        let mut out = String::from("bzconsent: invalid configuration at `");
        out.push_str(&self.path);
        out.push_str("`: expected ");
        out.push_str(self.expected);
        out.push_str("; the built-in value is used");
        out
    }
}

impl Default for Config {
    fn default() -> Self {
        Config::builtin()
    }
}

impl Config {
    /// The built-in bzpak.com configuration.
    pub fn builtin() -> Config {
        Config {
            revision: 1,
            expiry_days: 182,
            language: None,
            policy_url: String::from("https://www.bzpak.com/privacy-policy/"),
            reload_on_withdraw: false,
            services: vec![
                listed("google-analytics", "Google Analytics", Category::Analytics),
                listed("baidu-tongji", "Baidu Tongji", Category::Analytics),
                listed("yandex-metrica", "Yandex Metrica", Category::Analytics),
                listed("youtube", "YouTube", Category::Marketing),
            ],
            texts: Vec::new(),
            consent_log: None,
            wait_for_update: 500,
            ads_data_redaction: true,
            cookie_mirror: false,
            service_worker: None,
        }
    }

    /// The built-in configuration with a page's JSON overrides applied, and every error found;
    /// the overrides as the guard read them ([`decode`](super::json::decode); `None`: the text
    /// was not JSON).
    pub fn with_overrides_value(value: Option<Value>) -> (Config, Vec<ConfigError>) {
        Config::from_value(value, true)
    }

    /// As [`Config::with_overrides_value`], for the guard: `texts` and `policyUrl`, which only
    /// the UI shows, are left as built in and unchecked (the UI checks and reports them), so
    /// their validation does not weigh on the render-blocking file.
    pub fn for_guard_value(value: Option<Value>) -> (Config, Vec<ConfigError>) {
        Config::from_value(value, false)
    }

    fn from_value(value: Option<Value>, ui: bool) -> (Config, Vec<ConfigError>) {
        let mut config = Config::builtin();
        let mut errors = Vec::new();
        match value {
            Some(Value::Object(map)) => config.apply(&map, &mut errors, ui),
            _ => errors.push(err("(root)", "a JSON object")),
        }
        (config, errors)
    }

    /// A site text override for `lang`, if any.
    pub fn text(&self, lang: Lang, text: Text) -> Option<&str> {
        self.texts
            .iter()
            .find(|(l, t, _)| *l == lang && *t == text)
            .map(|(_, _, s)| s.as_str())
    }

    /// The site-declared service with this id.
    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.id == id)
    }

    fn apply(&mut self, map: &Object, errors: &mut Vec<ConfigError>, ui: bool) {
        #[cfg(feature = "guard")]
        let _ = ui;
        for (key, value) in map.iter() {
            let k = key.as_str();
            match k {
                "revision" => match value.as_u64() {
                    Some(n) if n >= 1 => self.revision = n,
                    _ => errors.push(err(k, "a whole number of at least 1")),
                },
                "expiryDays" => match value.as_u64() {
                    Some(n @ 1..=3650) => self.expiry_days = n as u32,
                    _ => errors.push(err(k, "a whole number of days from 1 to 3650")),
                },
                "language" => match value.as_str().and_then(Lang::from_tag) {
                    Some(lang) => self.language = Some(lang),
                    None => errors.push(err(k, "one of \"az\", \"en\", \"ru\", \"tr\", \"zh\"")),
                },
                // Only the UI shows these: the guard's own build leaves them out entirely.
                #[cfg(feature = "guard")]
                "policyUrl" | "texts" => {}
                #[cfg(not(feature = "guard"))]
                "policyUrl" | "texts" if !ui => {}
                #[cfg(not(feature = "guard"))]
                "policyUrl" => match value.as_str().filter(|u| is_safe_link(u)) {
                    Some(url) => self.policy_url = url.to_owned(),
                    None => errors.push(err(k, "an http(s) URL or a path starting with /")),
                },
                "reloadOnWithdraw" => bool_field(value, k, &mut self.reload_on_withdraw, errors),
                "cookieMirror" => bool_field(value, k, &mut self.cookie_mirror, errors),
                "consentLog" => match value {
                    Value::Null => self.consent_log = None,
                    Value::String(url) if is_safe_link(url) => self.consent_log = Some(url.clone()),
                    _ => errors.push(err(k, "an http(s) URL, a path starting with /, or null")),
                },
                "serviceWorker" => match value {
                    Value::Null => self.service_worker = None,
                    Value::String(p) if is_site_path(p) => self.service_worker = Some(p.clone()),
                    _ => errors.push(err(k, "a path on this site starting with /, or null")),
                },
                "consentMode" => self.apply_consent_mode(value, errors),
                "services" => self.apply_services(value, errors),
                #[cfg(not(feature = "guard"))]
                "texts" => self.apply_texts(value, errors),
                _ => {
                    let mut path = String::new();
                    push_key(&mut path, k);
                    errors.push(err(&path, "a known key (this one is not)"));
                }
            }
        }
    }

    fn apply_consent_mode(&mut self, value: &Value, errors: &mut Vec<ConfigError>) {
        let Some(map) = value.as_object() else {
            return errors.push(err("consentMode", "an object"));
        };
        for (key, value) in map.iter() {
            let mut path = String::from("consentMode.");
            push_key(&mut path, key);
            match key.as_str() {
                "waitForUpdate" => match value.as_u64() {
                    Some(n @ 0..=60_000) => self.wait_for_update = n as u32,
                    _ => errors.push(err(&path, "milliseconds from 0 to 60000")),
                },
                "adsDataRedaction" => {
                    bool_field(value, &path, &mut self.ads_data_redaction, errors)
                }
                _ => errors.push(err(&path, "a known key (this one is not)")),
            }
        }
    }

    fn apply_services(&mut self, value: &Value, errors: &mut Vec<ConfigError>) {
        let Some(list) = value.as_array().filter(|l| l.len() <= MAX_LIST) else {
            return errors.push(err("services", "an array of at most 200 services"));
        };
        for (i, item) in list.iter().enumerate() {
            let mut path = String::from("services[");
            super::record::push_u64(&mut path, i as u64);
            path.push(']');
            if let Some(service) = parse_service(item, &path, errors) {
                self.services.retain(|s| s.id != service.id);
                self.services.push(service);
            }
        }
    }

    #[cfg(not(feature = "guard"))]
    fn apply_texts(&mut self, value: &Value, errors: &mut Vec<ConfigError>) {
        let Some(langs) = value.as_object() else {
            return errors.push(err("texts", "an object of languages"));
        };
        for (tag, texts) in langs.iter() {
            let mut path = String::from("texts.");
            push_key(&mut path, tag);
            let (Some(lang), Some(texts)) = (Lang::from_tag(tag), texts.as_object()) else {
                errors.push(err(&path, "a supported language with an object of texts"));
                continue;
            };
            for (key, text) in texts.iter() {
                let mut path = path.clone();
                path.push('.');
                push_key(&mut path, key);
                match (Text::from_key(key), text.as_str()) {
                    (Some(t), Some(s))
                        if s.chars().any(|c| !c.is_whitespace()) && s.len() <= MAX_TEXT =>
                    {
                        self.texts.retain(|(l, k, _)| !(*l == lang && *k == t));
                        self.texts.push((lang, t, s.to_owned()));
                    }
                    (None, _) => errors.push(err(&path, "a known text key")),
                    _ => errors.push(err(&path, "a non-empty string of at most 2000 bytes")),
                }
            }
        }
    }
}

fn parse_service(item: &Value, path: &str, errors: &mut Vec<ConfigError>) -> Option<Service> {
    let Some(map) = item.as_object() else {
        errors.push(err(path, "an object with id, name and category"));
        return None;
    };
    let field = |name: &str| {
        let mut p = String::from(path);
        p.push('.');
        push_key(&mut p, name);
        p
    };
    let id = map.get("id").and_then(Value::as_str).filter(|s| is_id(s));
    let Some(id) = id else {
        errors.push(err(
            &field("id"),
            "a lower-case id of letters, digits and -",
        ));
        return None;
    };
    // A catalogue service may be listed by id alone: its category comes from the catalogue.
    let category = match map.get("category") {
        None => super::catalogue::tracker(id).map(|t| t.category),
        Some(c) => c.as_str().and_then(Category::from_name),
    }
    .filter(|c| *c != Category::Necessary);
    let Some(category) = category else {
        errors.push(err(
            &field("category"),
            "one of \"preferences\", \"analytics\", \"marketing\"",
        ));
        return None;
    };
    // Without a name, the catalogue's (or the id) is shown: see `Service::display_name`.
    let name = match map.get("name") {
        None => String::new(),
        Some(Value::String(s)) if s.chars().any(|c| !c.is_whitespace()) && s.len() <= MAX_SHORT => {
            s.clone()
        }
        Some(_) => {
            errors.push(err(
                &field("name"),
                "a non-empty string of at most 512 bytes",
            ));
            id.to_owned()
        }
    };
    let mut lists = [Vec::new(), Vec::new(), Vec::new()];
    for (list, key) in lists.iter_mut().zip(["hosts", "cookies", "storage"]) {
        match map.get(key) {
            None => {}
            Some(Value::Array(items))
                if items.len() <= MAX_LIST
                    && items.iter().all(|p| p.as_str().is_some_and(is_pattern)) =>
            {
                list.extend(items.iter().filter_map(Value::as_str).map(str::to_owned));
            }
            Some(_) => errors.push(err(&field(key), "an array of non-empty patterns")),
        }
    }
    for (key, _) in map.iter() {
        if !matches!(
            key.as_str(),
            "id" | "name" | "category" | "hosts" | "cookies" | "storage"
        ) {
            errors.push(err(&field(key), "a known key (this one is not)"));
        }
    }
    let [hosts, cookies, storage] = lists;
    Some(Service {
        id: id.to_owned(),
        name,
        category,
        hosts,
        cookies,
        storage,
    })
}

impl Service {
    /// The name the visitor sees: the configured one, else the catalogue's, else the id.
    pub fn display_name(&self) -> &str {
        if !self.name.is_empty() {
            return &self.name;
        }
        super::catalogue::tracker(&self.id)
            .and_then(|t| t.about())
            .map_or(&self.id, |a| a.name)
    }
}

/// A catalogue service the site lists (its patterns come from the catalogue).
fn listed(id: &str, name: &str, category: Category) -> Service {
    Service {
        id: id.to_owned(),
        name: name.to_owned(),
        category,
        hosts: Vec::new(),
        cookies: Vec::new(),
        storage: Vec::new(),
    }
}

fn bool_field(value: &Value, path: &str, slot: &mut bool, errors: &mut Vec<ConfigError>) {
    match value.as_bool() {
        Some(b) => *slot = b,
        None => errors.push(err(path, "true or false")),
    }
}

/// Appends a key to an error path: as it is when it is a plain name, else as a JSON string, so
/// that no key can pass for another path (`""`, `"(root)"`, `"consentMode.x"`).
#[cfg(feature = "guard")]
fn push_key(_: &mut String, _: &str) {}

/// Appends a key to an error path (see above).
#[cfg(not(feature = "guard"))]
fn push_key(path: &mut String, key: &str) {
    let plain = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if plain {
        path.push_str(key);
    } else {
        super::record::push_json_str(path, key);
    }
}

#[cfg(not(feature = "guard"))]
fn err(path: &str, expected: &'static str) -> ConfigError {
    ConfigError {
        path: path.to_owned(),
        expected,
    }
}

/// The guard only needs to know that a field fell back (it loads the UI, which says which and
/// why): its build carries neither the paths nor the expectations.
#[cfg(feature = "guard")]
fn err(_: &str, _: &'static str) -> ConfigError {
    ConfigError {
        path: String::new(),
        expected: "",
    }
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

fn is_pattern(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_SHORT
        && s != "*"
        && !s
            .bytes()
            .any(|b| b.is_ascii_control() || b == b' ' || b == b';' || b == b'=')
}

/// Whether `path` is a path on the page's own site: starts with one `/`, no backslash, no
/// control character or space, at most 512 bytes (a service worker's script must be
/// same-origin).
pub fn is_site_path(path: &str) -> bool {
    path.len() <= MAX_SHORT
        && path.starts_with('/')
        && !path.starts_with("//")
        && !path
            .bytes()
            .any(|b| b.is_ascii_control() || b == b' ' || b == b'\\')
}

/// Whether `url` may be used as a link: http(s), or a path on the same site
/// ([`is_site_path`]).
pub fn is_safe_link(url: &str) -> bool {
    if is_site_path(url) {
        return true;
    }
    let lower = url.to_ascii_lowercase();
    url.len() <= MAX_SHORT
        && !url.bytes().any(|b| b.is_ascii_control() || b == b' ')
        && (lower.starts_with("https://") || lower.starts_with("http://"))
}

// Host only: they read JSON as the guard hands it over, through the host copy of its `stream`.
#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::*;

    /// A page's configuration as the UI reads it.
    fn with_overrides(json: &str) -> (Config, Vec<ConfigError>) {
        Config::with_overrides_value(crate::core::read_json(json))
    }

    /// A page's configuration as the guard reads it.
    fn for_guard(json: &str) -> (Config, Vec<ConfigError>) {
        Config::for_guard_value(crate::core::read_json(json))
    }

    fn paths(json: &str) -> Vec<String> {
        with_overrides(json).1.into_iter().map(|e| e.path).collect()
    }

    #[test]
    fn builtin_is_used_without_overrides() {
        let (config, errors) = with_overrides("{}");
        assert!(errors.is_empty());
        assert_eq!(config, Config::builtin());
        assert_eq!(config.expiry_days, 182);
        for id in [
            "google-analytics",
            "baidu-tongji",
            "yandex-metrica",
            "youtube",
        ] {
            let service = config.service(id).unwrap();
            let known = super::super::catalogue::tracker(id).unwrap();
            assert_eq!(service.category, known.category, "{id}");
        }
        assert!(is_safe_link(&config.policy_url));
    }

    #[test]
    fn valid_overrides_apply() {
        let (config, errors) = with_overrides(
            r#"{"revision":3,"expiryDays":30,"language":"ru","policyUrl":"/privacy.html",
               "reloadOnWithdraw":true,"consentLog":"/consent-log",
               "consentMode":{"waitForUpdate":0,"adsDataRedaction":false},
               "services":[{"id":"matomo","name":"Matomo","category":"analytics",
                            "hosts":["stats.bzpak.com"],"cookies":["_pk_id.*"],"storage":[]}],
               "texts":{"en":{"banner_title":"Cookies at VKPAK"}}}"#,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(config.revision, 3);
        assert_eq!(config.expiry_days, 30);
        assert_eq!(config.language, Some(Lang::Ru));
        assert_eq!(config.policy_url, "/privacy.html");
        assert!(config.reload_on_withdraw);
        assert_eq!(config.consent_log.as_deref(), Some("/consent-log"));
        assert_eq!(config.wait_for_update, 0);
        assert!(!config.ads_data_redaction);
        let matomo = config.service("matomo").unwrap();
        assert_eq!(matomo.category, Category::Analytics);
        assert_eq!(matomo.cookies, vec!["_pk_id.*".to_owned()]);
        assert_eq!(
            config.text(Lang::En, Text::BannerTitle),
            Some("Cookies at VKPAK")
        );
        assert_eq!(config.text(Lang::Az, Text::BannerTitle), None);
    }

    #[test]
    fn the_service_worker_is_a_path_on_the_site() {
        let (config, errors) = for_guard(r#"{"serviceWorker":"/bzconsent-sw.js"}"#);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(config.service_worker.as_deref(), Some("/bzconsent-sw.js"));
        let (config, errors) = for_guard(r#"{"serviceWorker":null}"#);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(config.service_worker, None);
        for bad in [
            r#""https://cdn.example/sw.js""#,
            r#""//evil.example/sw.js""#,
            r#""/\\evil.example/sw.js""#,
            r#""sw.js""#,
            r#""/sw.js\n""#,
            r#""/a b.js""#,
            "true",
            "{}",
        ] {
            let (config, errors) = for_guard(&format!(r#"{{"serviceWorker":{bad}}}"#));
            assert_eq!(config.service_worker, None, "{bad}");
            assert_eq!(errors.len(), 1, "{bad}");
            assert_eq!(errors[0].path, "serviceWorker");
        }
        assert_eq!(Config::builtin().service_worker, None);
    }

    #[test]
    fn each_bad_field_is_reported_by_path_and_keeps_the_builtin() {
        let (config, errors) = with_overrides(
            r#"{"revision":"2","expiryDays":0,"language":"de","policyUrl":"javascript:alert(1)",
               "reloadOnWithdraw":"yes","colour":"red","consentLog":"data:text/plain,x",
               "consentMode":{"waitForUpdate":-1,"x":1}}"#,
        );
        let mut got: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
        got.sort_unstable();
        assert_eq!(
            got,
            [
                "colour",
                "consentLog",
                "consentMode.waitForUpdate",
                "consentMode.x",
                "expiryDays",
                "language",
                "policyUrl",
                "reloadOnWithdraw",
                "revision"
            ]
        );
        assert_eq!(config, Config::builtin());
    }

    #[test]
    fn broken_json_is_one_error() {
        for bad in ["", "{", "[]", "null", "\"x\"", "{\"revision\":1,}"] {
            assert_eq!(paths(bad), ["(root)"], "{bad}");
        }
    }

    #[test]
    fn services_with_unknown_or_necessary_categories_are_dropped() {
        let (config, errors) = with_overrides(
            r#"{"services":[{"id":"a","category":"ads"},{"id":"b","category":"necessary"},
                            {"id":"Bad Id","category":"analytics"},42,
                            {"id":"c","category":"marketing","cookies":["*"]},
                            {"id":"d","category":"analytics","cookies":"_d"}]}"#,
        );
        let got: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            got,
            [
                "services[0].category",
                "services[1].category",
                "services[2].id",
                "services[3]",
                "services[4].cookies",
                "services[5].cookies"
            ]
        );
        let ids: Vec<&str> = config.services.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "google-analytics",
                "baidu-tongji",
                "yandex-metrica",
                "youtube",
                "c",
                "d"
            ]
        );
        assert!(config.services.iter().all(|s| s.cookies.is_empty()));
    }

    #[test]
    fn catalogue_services_can_be_listed_by_id() {
        let (config, errors) = with_overrides(r#"{"services":[{"id":"hotjar"}]}"#);
        assert!(errors.is_empty(), "{errors:?}");
        let hotjar = config.service("hotjar").unwrap();
        assert_eq!(hotjar.category, Category::Analytics);
        assert_eq!(hotjar.display_name(), "Hotjar");
        let (_, errors) = with_overrides(r#"{"services":[{"id":"not-known"}]}"#);
        assert_eq!(errors[0].path, "services[0].category");
    }

    #[test]
    fn huge_and_empty_texts_are_refused_and_html_is_kept_as_text() {
        let huge = "x".repeat(MAX_TEXT + 1);
        let json = [
            r#"{"texts":{"en":{"banner_title":""#,
            &huge,
            r#"","banner_body":"<img src=x onerror=alert(1)>","nope":"x","accept_all":" "},"xx":{}}}"#,
        ]
        .concat();
        let (config, errors) = with_overrides(&json);
        let mut got: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
        got.sort_unstable();
        assert_eq!(
            got,
            [
                "texts.en.accept_all",
                "texts.en.banner_title",
                "texts.en.nope",
                "texts.xx"
            ]
        );
        assert_eq!(
            config.text(Lang::En, Text::BannerBody),
            Some("<img src=x onerror=alert(1)>")
        );
    }

    #[test]
    fn only_http_links_and_site_paths_are_safe() {
        for ok in ["https://bzpak.com/p", "HTTP://x.y", "/privacy"] {
            assert!(is_safe_link(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " javascript:alert(1)",
            "JaVaScRiPt:x",
            "data:text/html,x",
            "//evil.example/x",
            "/\\evil.example",
            "vbscript:x",
            "privacy.html",
            "https://x.y/\n",
        ] {
            assert!(!is_safe_link(bad), "{bad}");
        }
    }

    #[test]
    fn empty_keys_are_shown_in_the_path() {
        assert_eq!(
            paths(r#"{"":1,"consentMode":{"":1},"texts":{"en":{"":"x"}}}"#),
            ["\"\"", "consentMode.\"\"", "texts.en.\"\""]
        );
    }

    #[test]
    fn keys_that_look_like_paths_are_quoted() {
        assert_eq!(
            paths(r#"{"(root)":1,"consentMode.x":1,"texts":{"<b>":{}}}"#),
            ["\"(root)\"", "\"consentMode.x\"", "texts.\"<b>\""]
        );
    }

    #[test]
    fn error_messages_name_the_path_and_expectation() {
        let (_, errors) = with_overrides(r#"{"revision":0}"#);
        assert_eq!(
            errors[0].message(),
            "bzconsent: invalid configuration at `revision`: expected a whole number of at least 1; the built-in value is used"
        );
    }
}
