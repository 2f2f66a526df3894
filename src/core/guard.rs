//! The guard's state: the one owner of the consent in force on a page, and every verdict the
//! page's hooks ask for.
//!
//! The browser-facing code (the guard's JavaScript hooks, the UI) keeps no copy of the consent:
//! it asks [`Guard`] whether a URL, cookie, storage key or marked element may go ahead. The
//! guard only reads and enforces: a choice is recorded by the UI (`core::recording`), and the
//! guard reads the stored record through the one path it uses at start and for other tabs
//! ([`Guard::read`]). A choice made through the API before the UI has loaded is put in force at
//! once ([`Guard::apply_choice`]) and read back once stored. Everything here is pure and tested
//! on the host.

use super::bytes;
use super::category::Category;
use super::config::{Config, ConfigError};
use super::decision::{self, Consent};
use super::json::Value;
use super::record::{push_json_str, push_u64, Method, Record};

/// Most entries kept in the lists of held-back things and unknown cookies.
const MAX_NOTED: usize = 500;

/// What kind of thing was held back (`bzconsent.blocked()`'s `kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A cookie write.
    Cookie,
    /// A script (marked, or from a tracker's host).
    Script,
    /// A localStorage/sessionStorage write.
    Storage,
    /// A request: beacon, `fetch`, XHR, pixel.
    Request,
    /// A frame or embed.
    Frame,
}

impl Kind {
    /// The name the API reports.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Cookie => "cookie",
            Kind::Script => "script",
            Kind::Storage => "storage",
            Kind::Request => "request",
            Kind::Frame => "frame",
        }
    }
}

/// A choice put in force: what changed.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    /// The categories as decided (`Accept all` and `Reject all` mean what the core says).
    pub categories: [bool; 4],
    /// The categories whose acceptance changed.
    pub changed: Vec<Category>,
    /// Whether the page should reload (a category was withdrawn and the site asks for it).
    pub reload: bool,
}

/// The guard's state on one page.
#[derive(Clone, Debug)]
pub struct Guard {
    /// The configuration in force.
    pub config: Config,
    /// The consent in force.
    pub consent: Consent,
    /// Whether a banner is due (no valid choice yet).
    pub prompt: bool,
    /// Whether the browser sends Global Privacy Control.
    pub gpc: bool,
    blocked: Vec<(Kind, String, String)>,
    unknown: Vec<(String, f64)>,
}

impl Guard {
    /// Starts from the page's configuration and the stored record, as the browser read them
    /// (`JSON.parse` and the guard's stream, decoded by [`crate::core::json::decode`]; the outer
    /// `None`: no configuration, the inner: not JSON); returns the configuration's errors too.
    pub fn start(
        config: Option<Option<Value>>,
        stored: Option<Value>,
        now_ms: f64,
        gpc: bool,
    ) -> (Guard, Vec<ConfigError>) {
        let (config, errors) = config
            .map(Config::for_guard_value)
            .unwrap_or_else(|| (Config::builtin(), Vec::new()));
        let record = stored.and_then(|v| Record::from_value(&v).ok());
        let start = decision::start_with(record, &config, now_ms);
        let guard = Guard {
            config,
            consent: start.consent,
            prompt: start.prompt,
            gpc,
            blocked: Vec::new(),
            unknown: Vec::new(),
        };
        (guard, errors)
    }

    /// Whether something of `category` (and `service`, if named) may run now.
    pub fn allows(&self, category: Option<Category>, service: Option<&str>) -> bool {
        self.consent.allows(category, service)
    }

    /// `bzconsent.acceptedService(id)`.
    pub fn accepts_service(&self, id: &str) -> bool {
        let category = decision::service_category(&self.config, id);
        self.consent.allows(category, Some(id))
    }

    /// Notes something held back, for `bzconsent.blocked()` (bounded, duplicates skipped).
    pub fn note_blocked(&mut self, kind: Kind, what: &str, service: &str) {
        if self.blocked.len() < MAX_NOTED
            && !self.blocked.iter().any(|(k, w, _)| *k == kind && w == what)
        {
            self.blocked
                .push((kind, what.to_owned(), service.to_owned()));
        }
    }

    /// Whether a URL's host and path (as the browser's `URL` parsed them) may be reached now:
    /// `None` when it may (first-party, unknown, accepted), else the category and service it is
    /// held under. `what` is noted as held back, as `kind`.
    pub fn url(
        &mut self,
        host: &str,
        path: &str,
        kind: Kind,
        what: &str,
    ) -> Option<(Category, String)> {
        let owner = decision::host_owner(&self.config, host, path)?;
        if self.allows(Some(owner.category), Some(owner.service)) {
            return None;
        }
        let found = (owner.category, owner.service.to_owned());
        self.note_blocked(kind, what, &found.1);
        Some(found)
    }

    /// Whether a `document.cookie` assignment may be written now. Deletions always may; a name
    /// no service claims is noted as unknown.
    pub fn cookie(&mut self, assignment: &str, now_ms: f64) -> bool {
        let name = cookie_name(assignment);
        self.cookie_named(name, is_deletion(assignment, now_ms), now_ms)
    }

    /// Whether a cookie of this name may be written (`cookieStore.set`, `document.cookie`).
    pub fn cookie_named(&mut self, name: &str, deletion: bool, now_ms: f64) -> bool {
        let Some(owner) = decision::cookie_owner(&self.config, name) else {
            self.note_unknown(name, now_ms);
            return true;
        };
        if deletion || self.allows(Some(owner.category), Some(owner.service)) {
            return true;
        }
        let service = owner.service.to_owned();
        self.note_blocked(Kind::Cookie, name, &service);
        false
    }

    /// Whether no service owns the cookie an assignment writes: a fact of the name's text alone
    /// (the configuration is fixed for the page), whatever the consent and the attributes, so
    /// the page's hooks need not ask again for that name.
    pub fn owns_no_cookie(&self, assignment: &str) -> bool {
        decision::cookie_owner(&self.config, cookie_name(assignment)).is_none()
    }

    /// Whether no service owns a storage key (as [`Guard::owns_no_cookie`]).
    pub fn owns_no_key(&self, key: &str) -> bool {
        decision::storage_owner(&self.config, key).is_none()
    }

    /// Whether a storage key may be written now.
    pub fn storage(&mut self, key: &str) -> bool {
        let Some(owner) = decision::storage_owner(&self.config, key) else {
            return true;
        };
        if self.allows(Some(owner.category), Some(owner.service)) {
            return true;
        }
        let service = owner.service.to_owned();
        self.note_blocked(Kind::Storage, key, &service);
        false
    }

    /// Whether an element marked `data-category`/`data-service` may run or load now; when not,
    /// `what` (its URL, or "inline script") is noted as held back.
    pub fn marked(&mut self, category: &str, service: &str, kind: Kind, what: &str) -> bool {
        let service = (!service.is_empty()).then_some(service);
        if self.allows(Category::from_name(category), service) {
            return true;
        }
        self.note_blocked(kind, what, service.unwrap_or(""));
        false
    }

    /// The cookie names in `cookies` (as `document.cookie` reads) whose service is refused
    /// now, each as the assignments that delete it on every path and domain `host` and `path`
    /// can reach.
    pub fn cookie_deletions(&self, cookies: &str, host: &str, path: &str) -> Vec<String> {
        let mut out = Vec::new();
        for pair in bytes::split(cookies, b';') {
            let name = bytes::before(pair, b'=').trim_ascii();
            if name.is_empty() {
                continue;
            }
            let refused = decision::cookie_owner(&self.config, name)
                .is_some_and(|o| !self.allows(Some(o.category), Some(o.service)));
            if refused && !out.iter().any(|a: &String| cookie_name(a) == name) {
                out.extend(deletions(name, host, path));
            }
        }
        out
    }

    /// The storage keys (one per line) whose service is refused now.
    pub fn storage_deletions<'k>(&self, keys: &'k str) -> Vec<&'k str> {
        bytes::lines(keys)
            .filter(|key| {
                decision::storage_owner(&self.config, key)
                    .is_some_and(|o| !self.allows(Some(o.category), Some(o.service)))
            })
            .collect()
    }

    /// Puts a choice made through the API in force at once, before the UI records it: the
    /// categories as decided ("Accept all" keeps marketing off under Global Privacy Control),
    /// what changed, and whether to reload. The record stays unsaved (no id) until the UI
    /// stores one and the guard reads it ([`Guard::read`]).
    pub fn apply_choice(
        &mut self,
        categories: [bool; 4],
        services: &[(String, bool)],
        method: Method,
        now_ms: f64,
    ) -> Applied {
        let categories = match method {
            Method::AcceptAll => decision::accept_all(self.gpc),
            Method::RejectAll => decision::reject_all(),
            Method::Custom => categories,
        };
        let record = decision::record(
            &self.config,
            categories,
            services,
            method,
            String::new(),
            now_ms,
            self.gpc,
        );
        let (changed, reload) = self.apply(Some(record));
        Applied {
            categories,
            changed,
            reload,
        }
    }

    /// Reads a stored record (the UI's, another tab's, or none after a reset), as the browser
    /// read it (`None`: none, or not JSON): the categories that changed, or `None` when the
    /// consent in force stays as it is; and whether to reload.
    pub fn read(&mut self, stored: Option<Value>, now_ms: f64) -> Option<(Vec<Category>, bool)> {
        let record = stored.and_then(|v| Record::from_value(&v).ok());
        let start = decision::start_with(record, &self.config, now_ms);
        if start.consent.record == self.consent.record {
            return None;
        }
        Some(self.apply(start.consent.record))
    }

    /// Whether the consent in force allows what `record` allowed (the same categories and
    /// service choices; not when only its id and time differ). The services of a stored record
    /// come back in the browser's key order, so their order is not compared (and nothing is
    /// sorted: no sort in the guard's module).
    pub fn allows_as(&self, record: Option<&Record>) -> bool {
        match (self.consent.record.as_ref(), record) {
            (None, None) => true,
            (Some(a), Some(b)) => {
                a.categories == b.categories
                    && a.services.len() == b.services.len()
                    && a.services.iter().all(|s| b.services.contains(s))
            }
            _ => false,
        }
    }

    fn apply(&mut self, record: Option<Record>) -> (Vec<Category>, bool) {
        let prompt = record.is_none();
        let next = Consent { record };
        let changed = self.consent.changed(&next);
        let withdrawn = changed.iter().any(|c| !next.category(*c));
        self.consent = next;
        self.prompt = prompt;
        (
            changed,
            withdrawn && self.config.reload_on_withdraw && !prompt,
        )
    }

    /// Google Consent Mode's parameters for the consent in force (or, with `default`, for
    /// nothing but `necessary`), as a JSON object.
    pub fn consent_mode(&self, default: bool) -> String {
        let flags = if default {
            [true, false, false, false]
        } else {
            self.consent.flags()
        };
        let mut out = String::from("{");
        for category in Category::ALL {
            let value = if flags[category.index()] {
                "granted"
            } else {
                "denied"
            };
            for signal in consent_mode_signals(category) {
                if out.len() > 1 {
                    out.push(',');
                }
                push_json_str(&mut out, signal);
                out.push(':');
                push_json_str(&mut out, value);
            }
        }
        if default && self.config.wait_for_update > 0 {
            out.push_str(",\"wait_for_update\":");
            push_u64(&mut out, u64::from(self.config.wait_for_update));
        }
        out.push('}');
        out
    }

    /// `bzconsent.blocked()` as a JSON array of `{kind, name, service}`.
    pub fn blocked_json(&self) -> String {
        let mut out = String::from("[");
        for (i, (kind, what, service)) in self.blocked.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str("{\"kind\":\"");
            out.push_str(kind.name());
            out.push_str("\",\"name\":");
            push_json_str(&mut out, what);
            out.push_str(",\"service\":");
            push_json_str(&mut out, service);
            out.push('}');
        }
        out.push(']');
        out
    }

    /// `bzconsent.unknownCookies()` as a JSON array of `{name, firstSeen}`, the time in
    /// milliseconds (the page's `Date` writes it as ISO 8601).
    pub fn unknown_json(&self) -> String {
        let mut out = String::from("[");
        for (i, (name, time)) in self.unknown.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str("{\"name\":");
            push_json_str(&mut out, name);
            out.push_str(",\"firstSeen\":");
            push_u64(&mut out, *time as u64);
            out.push('}');
        }
        out.push(']');
        out
    }

    fn note_unknown(&mut self, name: &str, now_ms: f64) {
        if name.is_empty()
            || name == crate::core::record::STORAGE_KEY
            || self.unknown.len() >= MAX_NOTED
            || self.unknown.iter().any(|(n, _)| n == name)
        {
            return;
        }
        self.unknown.push((name.to_owned(), now_ms));
    }
}

/// The Consent Mode signals a category controls.
pub fn consent_mode_signals(category: Category) -> &'static [&'static str] {
    match category {
        Category::Necessary => &["security_storage"],
        Category::Preferences => &["functionality_storage", "personalization_storage"],
        Category::Analytics => &["analytics_storage"],
        Category::Marketing => &["ad_storage", "ad_user_data", "ad_personalization"],
    }
}

/// The name of the cookie a `document.cookie` assignment writes (`""` when it has no `=`).
pub fn cookie_name(assignment: &str) -> &str {
    let pair = bytes::before(assignment, b';');
    match bytes::find(pair, b'=') {
        Some(i) => pair[..i].trim_ascii(),
        None => "",
    }
}

/// Whether an assignment only deletes its cookie, as every browser reads it (RFC 6265, 5.2):
/// those go through. Read strictly, so that no reading of the attributes can write a cookie we
/// took for a deletion: with any `max-age`, every `max-age` must be an integer of zero or less
/// (browsers differ on which of several wins; one they ignore, such as `max-age=` or
/// `max-age=-x`, leaves a session cookie); without, there must be an `expires` and every one
/// must be a date (RFC 6265's cookie-date) before `now_ms`.
pub fn is_deletion(assignment: &str, now_ms: f64) -> bool {
    let mut attrs = bytes::split(assignment, b';');
    // The first part is the name=value pair.
    attrs.next();
    let (mut max_age, mut max_age_deletes) = (false, true);
    let (mut expires, mut expires_deletes) = (false, true);
    for attr in attrs {
        let name = bytes::before(attr, b'=');
        let value = attr.get(name.len() + 1..).unwrap_or("").trim_ascii();
        let name = name.trim_ascii();
        if name.eq_ignore_ascii_case("max-age") {
            max_age = true;
            let digits = value.strip_prefix('-').unwrap_or(value);
            max_age_deletes &= !digits.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit())
                && (value.starts_with('-') || digits.bytes().all(|b| b == b'0'));
        } else if name.eq_ignore_ascii_case("expires") {
            expires = true;
            expires_deletes &= cookie_date(value).is_some_and(|t| t < now_ms);
        }
    }
    if max_age {
        max_age_deletes
    } else {
        expires && expires_deletes
    }
}

/// Whether `cookieStore.set` with this `expires` (milliseconds; NaN when none was given as a
/// number) only deletes its cookie: a time already past.
pub fn store_deletion(expires_ms: f64, now_ms: f64) -> bool {
    expires_ms < now_ms
}

/// A cookie's `expires` date as milliseconds since 1970, read by RFC 6265's cookie-date
/// algorithm (5.1.1); `None` where browsers ignore the attribute.
pub fn cookie_date(value: &str) -> Option<f64> {
    const MONTHS: [&[u8; 3]; 12] = [
        b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov",
        b"dec",
    ];
    let delimiter = |b: u8| {
        b == 9
            || (0x20..=0x2f).contains(&b)
            || (0x3b..=0x40).contains(&b)
            || (0x5b..=0x60).contains(&b)
            || (0x7b..=0x7e).contains(&b)
    };
    /// The leading digits of a token (at most `max`) when at least `min`, and what follows.
    fn digits(t: &[u8], min: usize, max: usize) -> Option<(i64, &[u8])> {
        let n = t.iter().take_while(|b| b.is_ascii_digit()).count();
        let v = t[..n.min(max)]
            .iter()
            .fold(0i64, |v, b| v * 10 + i64::from(b - b'0'));
        (n >= min && n <= max).then_some((v, &t[n..]))
    }
    let (mut time, mut day, mut month, mut year) = (None, None, None, None);
    for token in value
        .as_bytes()
        .split(|&b| delimiter(b))
        .filter(|t| !t.is_empty())
    {
        if time.is_none() {
            // hms-time: 1*2DIGIT ":" 1*2DIGIT ":" 1*2DIGIT ( non-digit *OCTET )
            let hms = digits(token, 1, 2).and_then(|(h, r)| {
                let (m, r) = digits(r.strip_prefix(b":")?, 1, 2)?;
                let (s, r) = digits(r.strip_prefix(b":")?, 1, 2)?;
                (r.first().is_none_or(|b| !b.is_ascii_digit())).then_some((h, m, s))
            });
            if hms.is_some() {
                time = hms;
                continue;
            }
        }
        let number = |min, max| {
            digits(token, min, max)
                .filter(|(_, r)| r.first().is_none_or(|b| !b.is_ascii_digit()))
                .map(|(v, _)| v)
        };
        if day.is_none() {
            if let Some(d) = number(1, 2) {
                day = Some(d);
                continue;
            }
        }
        if month.is_none() {
            let prefix = token.get(..3).map(<[u8]>::to_ascii_lowercase);
            if let Some(m) = prefix.and_then(|p| MONTHS.iter().position(|m| m[..] == p[..])) {
                month = Some(m as i64 + 1);
                continue;
            }
        }
        if year.is_none() {
            if let Some(y) = number(2, 4) {
                year = Some(y);
            }
        }
    }
    let (h, mi, s) = time?;
    let (d, mo, mut y) = (day?, month?, year?);
    if (70..=99).contains(&y) {
        y += 1900;
    } else if (0..=69).contains(&y) {
        y += 2000;
    }
    if !(1..=31).contains(&d) || y < 1601 || h > 23 || mi > 59 || s > 59 {
        return None;
    }
    let days = crate::core::record::days_from_civil(y, mo, d);
    // 31 February is no date: browsers ignore it.
    if crate::core::record::civil_from_days(days) != (y, mo, d) {
        return None;
    }
    Some(((days * 86_400 + h * 3600 + mi * 60 + s) * 1000) as f64)
}

/// The assignments that delete cookie `name` on every path and domain a page at `host` and
/// `path` can reach: the path `/` and every prefix of `path` (with and without its trailing
/// `/`), times no domain and each domain from `host` up to its registrable domain (see
/// [`registrable_domain`]): browsers refuse a cookie for a public suffix such as `com` or
/// `co.uk`, and Firefox logs each refusal. A leading dot changes nothing for a browser, so
/// each domain is tried once. Ordered by path, `/` first: the clean-up stops as soon as the
/// cookie is gone, and most cookies live on `/`. IP addresses and single-label hosts get no
/// domain variants.
pub fn deletions(name: &str, host: &str, path: &str) -> Vec<String> {
    let mut paths = vec![String::from("/")];
    let mut prefix = String::new();
    for segment in bytes::split(path, b'/').filter(|s| !s.is_empty()) {
        prefix.push('/');
        prefix.push_str(segment);
        paths.push(prefix.clone());
        let mut slash = prefix.clone();
        slash.push('/');
        paths.push(slash);
    }
    let mut domains = vec![""];
    let is_ip =
        bytes::contains(host, b':') || host.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    if !host.is_empty() && !is_ip {
        let last = registrable_domain(host);
        let mut rest = host;
        while rest.len() >= last.len() && bytes::contains(rest, b'.') {
            domains.push(rest);
            match bytes::find(rest, b'.') {
                Some(i) => rest = &rest[i + 1..],
                None => break,
            }
        }
    }
    let mut out = Vec::new();
    for path in &paths {
        for domain in &domains {
            let mut s = String::from(name);
            s.push_str("=; expires=Thu, 01 Jan 1970 00:00:00 GMT; max-age=0; path=");
            s.push_str(path);
            if !domain.is_empty() {
                s.push_str("; domain=");
                s.push_str(domain);
            }
            out.push(s);
        }
    }
    out
}

/// Second-level labels under which a two-letter country domain registers names (`co.uk`,
/// `com.tr`, `com.az`, `or.jp`): the registrable domain is then one label longer.
const SECOND_LEVEL: &[&str] = &[
    "ac", "co", "com", "edu", "gen", "go", "gov", "info", "ltd", "mil", "ne", "net", "nom", "or",
    "org", "plc", "sch", "web",
];

/// The registrable domain of a host name (the shortest domain a cookie may be set on): its
/// last two labels, or three under a country's second level (`bzpak.co.uk`, `bzpak.com.tr`).
/// A host that is no longer than that is its own.
pub fn registrable_domain(host: &str) -> &str {
    // Labels from the last one, split byte-wise: no reverse character searcher in the module.
    let mut labels: Vec<&[u8]> = host.as_bytes().split(|&b| b == b'.').collect();
    labels.reverse();
    let keep = match labels.as_slice() {
        [tld, second, ..]
            if tld.len() == 2 && SECOND_LEVEL.iter().any(|l| l.as_bytes() == *second) =>
        {
            3
        }
        _ => 2,
    };
    if labels.len() <= keep {
        return host;
    }
    let cut: usize = labels[..keep].iter().map(|l| l.len() + 1).sum::<usize>() - 1;
    &host[host.len() - cut..]
}

/// Whether a script's `type` attribute (absent: `None`) makes the browser run it.
pub fn runs_as_script(ty: Option<&str>) -> bool {
    match ty.map(|t| t.trim_ascii().to_ascii_lowercase()) {
        None => true,
        Some(t) => matches!(
            t.as_str(),
            "" | "module"
                | "text/javascript"
                | "application/javascript"
                | "text/ecmascript"
                | "application/ecmascript"
                | "text/jscript"
                | "text/livescript"
        ),
    }
}

/// The attributes that hold back a script tag written as text: inserted right after
/// `<script`, they win over the tag's own (the HTML parser keeps the first of duplicates).
pub fn held_attributes(original_type: &str, category: Category, service: &str) -> String {
    let mut out = String::new();
    for (name, value) in [
        ("type", "text/plain"),
        ("data-bz-type", original_type),
        ("data-category", category.name()),
        ("data-service", service),
    ] {
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        for c in value.chars() {
            match c {
                '"' => out.push_str("&quot;"),
                '&' => out.push_str("&amp;"),
                c => out.push(c),
            }
        }
        out.push('"');
    }
    out
}

/// The `src` of each script tag in `html` (written with `document.write`) that would run, in
/// order: the URLs [`hold_written`] will ask about.
pub fn written_scripts(html: &str) -> Vec<&str> {
    super::markup::script_tags(html)
        .into_iter()
        .filter(|t| runs_as_script(t.ty))
        .filter_map(|t| t.src)
        .collect()
}

/// `html` with each script tag whose `src` is `refused` (the category and service to hold it
/// under) turned into a held-back one; `None` when nothing in it is refused. `refused` is asked
/// about the URLs of [`written_scripts`], in that order.
pub fn hold_written(
    html: &str,
    mut refused: impl FnMut(&str) -> Option<(Category, String)>,
) -> Option<String> {
    let mut out = String::new();
    let mut last = 0;
    for tag in super::markup::script_tags(html) {
        let Some(src) = tag.src.filter(|_| runs_as_script(tag.ty)) else {
            continue;
        };
        let Some((category, service)) = refused(src) else {
            continue;
        };
        out.push_str(&html[last..tag.at]);
        out.push_str(&held_attributes(tag.ty.unwrap_or(""), category, &service));
        last = tag.at;
    }
    if last == 0 {
        return None;
    }
    out.push_str(&html[last..]);
    Some(out)
}

/// Whether the embed with this tag name gets a placeholder while it is held back.
pub fn has_placeholder(tag: &str) -> bool {
    ["iframe", "video", "embed", "object"]
        .iter()
        .any(|t| t.eq_ignore_ascii_case(tag))
}

/// The box a placeholder takes in the page, as CSS for its host: reserved by the guard the
/// moment an embed is held, so that drawing the placeholder later moves nothing. `width` and
/// `height` are the embed's attributes (a number means pixels); a value that is not a plain
/// length is ignored, so nothing but a size can reach the style. `None` for elements that get
/// no placeholder.
pub fn placeholder_box(tag: &str, width: &str, height: &str) -> Option<String> {
    if !has_placeholder(tag) {
        return None;
    }
    let mut css =
        String::from("display:block;box-sizing:border-box;max-width:100%;min-height:120px");
    for (name, value) in [
        ("width", width.trim_ascii()),
        ("height", height.trim_ascii()),
    ] {
        let plain = !value.is_empty()
            && value.len() <= 16
            && value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'%');
        if !plain || !value.as_bytes()[0].is_ascii_digit() {
            continue;
        }
        css.push(';');
        css.push_str(name);
        css.push(':');
        css.push_str(value);
        if value.bytes().all(|b| b.is_ascii_digit()) {
            css.push_str("px");
        }
    }
    Some(css)
}

/// The category something is held under when its owner is not known (the guard's state is
/// not ready): marketing, the strictest.
pub const UNKNOWN_OWNER: Category = Category::Marketing;

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::*;

    const NOW: f64 = 1_800_000_000_000.0;

    fn guard(stored: Option<&str>) -> Guard {
        Guard::start(None, stored.and_then(crate::core::read_json), NOW, false).0
    }

    /// A stored record as the UI writes it.
    fn stored(method: &str, analytics: bool) -> String {
        let mut s = String::from("{\"schema\":1,\"revision\":1,\"id\":\"i\",\"timestamp\":\"2027-01-15T08:00:00.000Z\",\"categories\":{\"necessary\":true,\"preferences\":true,\"analytics\":");
        s.push_str(if analytics { "true" } else { "false" });
        s.push_str(",\"marketing\":true},\"services\":{},\"method\":\"");
        s.push_str(method);
        s.push_str("\"}");
        s
    }

    #[test]
    fn a_tracker_url_is_held_until_its_category_is_accepted() {
        let mut g = guard(None);
        let held = g.url("www.google-analytics.com", "/g/collect", Kind::Request, "u");
        assert_eq!(held.map(|h| h.0), Some(Category::Analytics));
        assert!(g.blocked_json().contains("\"kind\":\"request\""));
        g.apply_choice([true, false, true, false], &[], Method::Custom, 1.0);
        assert!(g
            .url("www.google-analytics.com", "/g/collect", Kind::Request, "u")
            .is_none());
    }

    #[test]
    fn first_party_urls_pass() {
        let mut g = guard(None);
        assert!(g
            .url("www.bzpak.com", "/app.js", Kind::Script, "x")
            .is_none());
    }

    #[test]
    fn cookie_name_and_deletion_are_read_from_the_assignment() {
        assert_eq!(cookie_name(" _ga = GA1.1; path=/"), "_ga");
        assert_eq!(cookie_name("novalue"), "");
        // 2026-12-06T00:00:00Z.
        let now = 1_796_515_200_000.0;
        for deletion in [
            "_ga=; Max-Age=0",
            "_ga=; max-age=-1",
            "_ga=; max-age = 000",
            "_ga=; expires=Thu, 01 Jan 1970 00:00:00 GMT",
            "_ga=; expires=Thu, 01-Jan-70 00:00:01 GMT; path=/",
            "_ga=; expires=Sat, 05 Dec 2026 10:00:00 GMT",
            "_ga=; expires=Thu, 01 Jan 2099 00:00:00 GMT; max-age=0",
        ] {
            assert!(is_deletion(deletion, now), "{deletion}");
        }
        for write in [
            "_ga=1; max-age=100",
            "_ga=1970; path=/",
            "_ga=1; path=/1970",
            // Ignored by browsers: a session cookie is written.
            "_ga=1; max-age=",
            "_ga=1; max-age=-x",
            "_ga=1; max-age=0x",
            "_ga=1; max-age=+0",
            // Several: whichever wins, one of them writes.
            "_ga=1; max-age=0; max-age=9999",
            "_ga=1; max-age=9999; max-age=0",
            "_ga=1; expires=Thu, 01 Jan 1970 00:00:00 GMT; expires=Thu, 01 Jan 2099 00:00:00 GMT",
            // max-age wins over expires.
            "_ga=1; expires=Thu, 01 Jan 1970 00:00:00 GMT; max-age=60",
            // Not a 1970 date, whatever it holds.
            "_ga=1; expires=Mon, 01 Jan 2100 00:00:00 GMT1970",
            "_ga=1; expires=1970",
            "_ga=1; expires=",
            "_ga=1; expires=Sun, 06 Dec 2026 10:00:00 GMT",
            "_ga=1",
        ] {
            assert!(!is_deletion(write, now), "{write}");
        }
    }

    #[test]
    fn cookie_dates_are_read_as_browsers_read_them() {
        let day = 86_400_000.0;
        assert_eq!(cookie_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0.0));
        assert_eq!(cookie_date("Thu, 02-Jan-70 00:00:00 GMT"), Some(day));
        assert_eq!(
            cookie_date("Wed Jan 01 2020 00:00:01 GMT+0000"),
            Some(1_577_836_801_000.0)
        );
        assert_eq!(
            cookie_date("01 january 2020 00:00:00"),
            Some(1_577_836_800_000.0)
        );
        assert_eq!(cookie_date("1 Feb 30 1:2:3"), Some(1_896_138_123_000.0));
        for bad in [
            "",
            "Thu, 01 Jan 1970",
            "31 Feb 1970 00:00:00",
            "32 Jan 2020 00:00:00",
            "01 Jan 2020 24:00:00",
            "01 Foo 2020 00:00:00",
            "01 Jan 1600 00:00:00",
        ] {
            assert_eq!(cookie_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_cookie_store_write_deletes_only_with_an_expiry_already_past() {
        assert!(store_deletion(0.0, 1000.0));
        assert!(!store_deletion(1000.0, 1000.0));
        assert!(!store_deletion(f64::NAN, 1000.0));
        assert!(!store_deletion(f64::INFINITY, 1000.0));
    }

    #[test]
    fn tracker_cookies_are_refused_but_deletions_pass_and_unknown_ones_are_noted() {
        let mut g = guard(None);
        assert!(!g.cookie("_ga=GA1.1.1; path=/", 0.0));
        assert!(g.cookie("_ga=; max-age=0", 0.0));
        assert!(g.cookie("site_pref=dark", 0.0));
        assert!(g.unknown_json().contains("site_pref"));
        assert!(!g.unknown_json().contains("bzconsent"));
    }

    #[test]
    fn deletion_variants_stop_at_the_registrable_domain() {
        for (host, registrable) in [
            ("www.bzpak.co.uk", "bzpak.co.uk"),
            ("shop.bzpak.com.tr", "bzpak.com.tr"),
            ("bzpak.com.az", "bzpak.com.az"),
            ("a.b.bzpak.com", "bzpak.com"),
            ("bzpak.az", "bzpak.az"),
            ("co.uk", "co.uk"),
        ] {
            assert_eq!(registrable_domain(host), registrable, "{host}");
        }
        let all = deletions("_ga", "www.bzpak.co.uk", "/");
        assert_eq!(
            all,
            [
                "_ga=; expires=Thu, 01 Jan 1970 00:00:00 GMT; max-age=0; path=/",
                "_ga=; expires=Thu, 01 Jan 1970 00:00:00 GMT; max-age=0; path=/; domain=www.bzpak.co.uk",
                "_ga=; expires=Thu, 01 Jan 1970 00:00:00 GMT; max-age=0; path=/; domain=bzpak.co.uk",
            ]
        );
        assert!(!deletions("_ga", "x.bzpak.com.tr", "/a")
            .iter()
            .any(|d| d.ends_with("domain=com.tr") || d.contains("domain=.")));
        // Path `/` first, for every domain.
        let all = deletions("_ga", "www.bzpak.com", "/a/b");
        assert!(all[..3]
            .iter()
            .all(|d| d.contains("path=/;") || d.ends_with("path=/")));
    }

    #[test]
    fn deletion_variants_stop_below_the_top_level_domain() {
        let all = deletions("_ga", "www.bzpak.com", "/a/b");
        assert!(all
            .iter()
            .any(|d| d.ends_with("path=/a/b/; domain=bzpak.com")));
        assert!(all
            .iter()
            .any(|d| d.ends_with("path=/; domain=www.bzpak.com")));
        assert!(!all
            .iter()
            .any(|d| d.ends_with("domain=com") || d.ends_with("domain=.com")));
        // No domain for IP addresses and single-label hosts.
        assert_eq!(deletions("_ga", "127.0.0.1", "/").len(), 1);
        assert_eq!(deletions("_ga", "localhost", "/").len(), 1);
    }

    #[test]
    fn clean_up_deletes_only_refused_known_cookies() {
        let g = guard(None);
        let list = g.cookie_deletions("_ga=1; theme=dark; _fbp=2", "bzpak.com", "/");
        assert!(list
            .iter()
            .all(|a| a.starts_with("_ga=") || a.starts_with("_fbp=")));
        assert!(list.iter().any(|a| a.starts_with("_fbp=")));
        assert_eq!(g.storage_deletions("theme\n_hjid\ncart"), vec!["_hjid"]);
    }

    #[test]
    fn storage_keys_of_refused_trackers_are_not_written() {
        let mut g = guard(None);
        assert!(!g.storage("_hjid"));
        assert!(g.storage("bzconsent"));
        assert!(g.storage("cart"));
    }

    #[test]
    fn marked_elements_follow_category_and_service() {
        let mut g = guard(None);
        assert!(!g.marked("analytics", "", Kind::Script, "inline script"));
        assert!(g.marked("necessary", "", Kind::Script, "x"));
        assert!(!g.marked("nonsense", "", Kind::Script, "x"));
        g.apply_choice(
            [true, false, false, false],
            &[("youtube".into(), true)],
            Method::Custom,
            1.0,
        );
        assert!(g.marked("marketing", "youtube", Kind::Frame, "x"));
        assert!(g.accepts_service("youtube"));
        assert!(!g.accepts_service("google-analytics"));
    }

    #[test]
    fn a_choice_through_the_api_is_in_force_at_once_and_a_reset_forgets_it() {
        let mut g = guard(None);
        assert!(g.prompt);
        let r = g.apply_choice([true, true, true, true], &[], Method::AcceptAll, 5.0);
        assert_eq!(r.changed.len(), 3);
        assert_eq!(r.categories, [true; 4]);
        assert!(!g.prompt && g.allows(Some(Category::Marketing), None));
        // Read back once the UI stored it: nothing changes.
        let json = stored("accept-all", true);
        assert_eq!(
            g.read(crate::core::read_json(&json), NOW)
                .map(|c| c.0.len()),
            Some(0)
        );
        assert_eq!(g.read(None, NOW).map(|c| c.0.len()), Some(3));
        assert!(g.prompt);
    }

    #[test]
    fn accept_all_keeps_marketing_off_under_gpc() {
        let mut g = Guard::start(None, None, NOW, true).0;
        let r = g.apply_choice([true; 4], &[], Method::AcceptAll, NOW);
        assert_eq!(r.categories, [true, true, true, false]);
        let r = g.apply_choice([true; 4], &[], Method::RejectAll, NOW);
        assert_eq!(r.categories, [true, false, false, false]);
    }

    #[test]
    fn a_stored_record_that_only_adds_its_id_and_time_allows_the_same() {
        let mut g = guard(None);
        g.apply_choice([true, false, true, false], &[], Method::Custom, NOW);
        let before = g.consent.record.clone();
        // As the UI stores it: the configured services follow their categories.
        let json = "{\"schema\":1,\"revision\":1,\"id\":\"u\",\"timestamp\":\"2027-01-15T08:00:00.000Z\",\"categories\":{\"necessary\":true,\"preferences\":false,\"analytics\":true,\"marketing\":false},\"services\":{\"google-analytics\":true,\"baidu-tongji\":true,\"yandex-metrica\":true,\"youtube\":false},\"method\":\"custom\"}";
        g.read(crate::core::read_json(json), NOW);
        assert!(g.allows_as(before.as_ref()), "only the id and time changed");
        g.read(crate::core::read_json(&stored("accept-all", true)), NOW);
        assert!(!g.allows_as(before.as_ref()));
        assert!(!g.allows_as(None));
    }

    #[test]
    fn names_no_service_owns_are_told_apart() {
        let g = guard(None);
        assert!(g.owns_no_cookie("cart=1; path=/"));
        assert!(!g.owns_no_cookie(" _ga=; max-age=0"));
        assert!(g.owns_no_key("recent:1"));
        assert!(!g.owns_no_key("_hjid"));
    }

    #[test]
    fn another_tabs_choice_is_followed_once() {
        let mut g = guard(None);
        let other = crate::core::read_json(&stored("accept-all", true));
        assert_eq!(g.read(other.clone(), NOW).map(|c| c.0.len()), Some(3));
        assert_eq!(g.read(other, NOW), None);
        assert_eq!(
            g.read(crate::core::read_json("{corrupt"), NOW)
                .map(|c| c.0.len()),
            Some(3)
        );
    }

    #[test]
    fn a_withdrawal_reloads_only_where_the_site_asks() {
        let config = crate::core::read_json("{\"reloadOnWithdraw\":true}");
        let mut g = Guard::start(Some(config), None, NOW, false).0;
        g.read(crate::core::read_json(&stored("custom", true)), NOW);
        let withdrawn = g.read(crate::core::read_json(&stored("custom", false)), NOW);
        assert_eq!(withdrawn, Some((vec![Category::Analytics], true)));
    }

    #[test]
    fn consent_mode_default_denies_all_but_security() {
        let g = guard(None);
        let d = g.consent_mode(true);
        assert!(d.contains("\"security_storage\":\"granted\""));
        assert!(d.contains("\"ad_storage\":\"denied\""));
        assert!(d.contains("\"wait_for_update\":500"));
        assert!(!g.consent_mode(false).contains("wait_for_update"));
    }

    #[test]
    fn written_script_tags_are_held_with_escaped_attributes() {
        let a = held_attributes("a\"&b", Category::Analytics, "ga");
        assert_eq!(
            a,
            " type=\"text/plain\" data-bz-type=\"a&quot;&amp;b\" data-category=\"analytics\" data-service=\"ga\""
        );
    }

    #[test]
    fn document_write_holds_refused_tracker_scripts_only() {
        let g = guard(None);
        let html = "<script src=\"/app.js\"></script><script type=text/plain src=/x.js></script><SCRIPT async src='https://www.googletagmanager.com/gtag/js?id=G-1'></SCRIPT>";
        assert_eq!(written_scripts(html).len(), 2);
        let refused = |src: &str| {
            let o = decision::url_owner(&g.config, src)?;
            Some((o.category, o.service.to_owned()))
        };
        let held = hold_written(html, refused).unwrap_or_default();
        assert!(held.starts_with("<script src=\"/app.js\"></script><script type=text/plain"));
        assert!(held
            .contains("<SCRIPT type=\"text/plain\" data-bz-type=\"\" data-category=\"analytics\""));
        assert!(held.contains("data-service=\"google-analytics\" async src="));
        assert_eq!(hold_written("<p>hi</p><script>x()</script>", refused), None);
    }

    #[test]
    fn placeholder_boxes_take_the_embeds_size_and_nothing_else() {
        assert_eq!(
            placeholder_box("IFRAME", "560", " 50% ").as_deref(),
            Some("display:block;box-sizing:border-box;max-width:100%;min-height:120px;width:560px;height:50%")
        );
        let hostile = placeholder_box("iframe", "1px;background:url(//t.example/p)", "x1")
            .unwrap_or_default();
        assert!(
            !hostile.contains("background")
                && !hostile.contains(";width")
                && !hostile.contains(";height")
        );
        assert_eq!(placeholder_box("img", "1", "1"), None);
    }

    #[test]
    fn what_runs_as_a_script() {
        assert!(runs_as_script(None));
        assert!(runs_as_script(Some(" Text/JavaScript ")));
        assert!(runs_as_script(Some("module")));
        assert!(!runs_as_script(Some("text/plain")));
        assert!(!runs_as_script(Some("application/json")));
        assert!(has_placeholder("IFRAME") && !has_placeholder("img"));
    }

    #[test]
    fn config_errors_are_returned_and_blocking_stays() {
        let config = crate::core::read_json("{\"revision\":\"x\"}");
        let (mut g, errors) = Guard::start(Some(config), None, NOW, false);
        assert_eq!(errors.len(), 1);
        assert!(!g.cookie("_ga=1", 0.0));
    }
}
