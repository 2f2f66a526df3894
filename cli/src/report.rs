//! A scan's findings: classified per page and phase, then written as a terminal table, as JSON
//! (field names after website-evidence-collector's `inspection.json`, plus `phase`, `category`,
//! `source` and `violation`) and as one self-contained HTML page.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::time::{SystemTime, UNIX_EPOCH};

use bzconsent::core::catalogue;
use bzconsent::core::category::Category;
use bzconsent::core::config::Config;
use bzconsent::core::decision;
use bzconsent::core::view::push_escaped;
use serde::Serialize;

use crate::browser::{Failure, Observed, Phase};
use crate::classify::{site_of, Class, Classifier, Source};
use crate::ocd::Database;

/// The whole scan.
#[derive(Debug, Serialize)]
pub struct Report {
    /// What made it.
    pub title: &'static str,
    /// This program and its version.
    pub script: Script,
    /// The browser that visited.
    pub browser: BrowserInfo,
    /// The URLs asked for.
    pub uri_refs: Vec<String>,
    /// When the scan started (RFC 3339, UTC).
    pub start_time: String,
    /// When it ended.
    pub end_time: String,
    /// Totals.
    pub summary: Summary,
    /// One per page and phase visited.
    pub inspections: Vec<Inspection>,
    /// Visits that failed: which URL, which phase, why.
    pub failures: Vec<FailureRecord>,
    /// A configuration declaring what nothing could name, if anything.
    pub unknown_snippet: Option<String>,
}

/// This program.
#[derive(Debug, Serialize)]
pub struct Script {
    /// `bzconsent`.
    pub name: &'static str,
    /// Its version.
    pub version: &'static str,
}

/// The browser.
#[derive(Debug, Serialize)]
pub struct BrowserInfo {
    /// `Chromium`.
    pub name: &'static str,
    /// As it reports itself (`Chrome/…`).
    pub version: String,
    /// Its user agent.
    pub user_agent: String,
    /// Cookies set before loading in the preset phase.
    pub preset_cookies: BTreeMap<String, String>,
}

/// Totals of a scan.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    /// Pages visited (each in one or more phases).
    pub pages: usize,
    /// Page-and-phase visits that completed.
    pub inspections: usize,
    /// Cookies, keys and requests of a category not accepted in their phase.
    pub violations: usize,
    /// Cookies, keys and requests nothing could name.
    pub unknown: usize,
    /// Visits that failed.
    pub failures: usize,
}

/// One page in one phase.
#[derive(Debug, Serialize)]
pub struct Inspection {
    /// The URL visited.
    pub uri_ins: String,
    /// Where it ended up.
    pub uri_dest: String,
    /// Its host.
    pub host: String,
    /// `before`, `reject`, `accept` or `preset`.
    pub phase: &'static str,
    /// The phase in words.
    pub phase_label: &'static str,
    /// The categories accepted in this phase.
    pub accepted: Vec<&'static str>,
    /// Whether the page has the widget (`window.bzconsent`).
    pub widget: bool,
    /// The widget's messages for the page's configuration, if any is wrong.
    pub configuration_errors: Vec<String>,
    /// Top documents loaded, in order.
    pub browsing_history: Vec<String>,
    /// The whole cookie jar at the end.
    pub cookies: Vec<CookieRecord>,
    /// localStorage per origin, per key.
    #[serde(rename = "localStorage")]
    pub local_storage: BTreeMap<String, BTreeMap<String, StorageRecord>>,
    /// sessionStorage per origin, per key.
    #[serde(rename = "sessionStorage")]
    pub session_storage: BTreeMap<String, BTreeMap<String, StorageRecord>>,
    /// Every request (in the choice phases: from the choice on, the next page view included).
    pub requests: Vec<RequestRecord>,
    /// Hosts seen, first and third party.
    pub hosts: Hosts,
    /// Links on the page.
    pub links: Parties<Link>,
    /// How many violations.
    pub violations: usize,
    /// How many unknown.
    pub unknown: usize,
}

/// First- and third-party lists.
#[derive(Debug, Serialize)]
pub struct Parties<T> {
    /// The page's own site.
    #[serde(rename = "firstParty")]
    pub first_party: Vec<T>,
    /// Others.
    #[serde(rename = "thirdParty")]
    pub third_party: Vec<T>,
}

impl<T> Default for Parties<T> {
    fn default() -> Self {
        Parties {
            first_party: Vec::new(),
            third_party: Vec::new(),
        }
    }
}

/// Hosts by what reached them.
#[derive(Debug, Default, Serialize)]
pub struct Hosts {
    /// Hosts requested.
    pub requests: Parties<String>,
    /// Domains of cookies.
    pub cookies: Parties<String>,
    /// Hosts of origins with localStorage.
    #[serde(rename = "localStorage")]
    pub local_storage: Parties<String>,
}

/// A link.
#[derive(Debug, Serialize)]
pub struct Link {
    /// Its absolute URL.
    pub href: String,
}

/// What a finding is and whether it breaks consent.
#[derive(Debug, Serialize)]
pub struct Verdict {
    /// Its category, `null` when unknown.
    pub category: Option<&'static str>,
    /// The service or platform, when known.
    pub service: Option<String>,
    /// Where the classification came from.
    pub source: Source,
    /// Whether its category is not accepted in this phase.
    pub violation: bool,
}

impl Verdict {
    fn new(class: Class, accepted: &[bool; 4]) -> Verdict {
        Verdict {
            violation: class.violates(accepted),
            category: class.category.map(Category::name),
            service: class.service,
            source: class.source,
        }
    }
}

/// A cookie (the protocol's fields, as website-evidence-collector names them).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CookieRecord {
    /// Name.
    pub name: String,
    /// Value.
    pub value: String,
    /// Domain.
    pub domain: String,
    /// Path.
    pub path: String,
    /// Expiry, seconds since the epoch (-1: session).
    pub expires: f64,
    /// Expiry as a date, unless a session cookie.
    #[serde(rename = "expiresUTC")]
    pub expires_utc: Option<String>,
    /// Days from now until it expires, unless a session cookie.
    pub expires_days: Option<f64>,
    /// Bytes.
    pub size: i64,
    /// Out of scripts' reach.
    pub http_only: bool,
    /// Sent over https only.
    pub secure: bool,
    /// Until the browser closes.
    pub session: bool,
    /// SameSite, when set.
    pub same_site: Option<String>,
    /// The top-level site of a partitioned cookie.
    pub partition_key: Option<String>,
    /// Stored under the page's own site.
    pub first_party_storage: bool,
    /// Classification.
    #[serde(flatten)]
    pub verdict: Verdict,
}

/// A storage key.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StorageRecord {
    /// Its value (first 200 characters).
    pub value: String,
    /// Stored under the page's own site.
    pub first_party_storage: bool,
    /// Classification.
    #[serde(flatten)]
    pub verdict: Verdict,
}

/// A request.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestRecord {
    /// URL.
    pub url: String,
    /// Host.
    pub host: String,
    /// Method.
    pub method: String,
    /// What Chromium says it is for (`Script`, `Image`, `XHR`, `Ping`…).
    #[serde(rename = "type")]
    pub resource_type: String,
    /// To the page's own site.
    pub first_party: bool,
    /// What started it.
    pub initiator: Initiator,
    /// Classification.
    #[serde(flatten)]
    pub verdict: Verdict,
}

/// What started a request.
#[derive(Debug, Serialize)]
pub struct Initiator {
    /// `parser`, `script`, `preload`, `other`…
    #[serde(rename = "type")]
    pub kind: String,
    /// The document or script, when known.
    pub url: Option<String>,
}

/// A failed visit.
#[derive(Debug, Serialize)]
pub struct FailureRecord {
    /// The URL.
    pub uri_ins: String,
    /// The phase, or `browser` when the browser itself failed.
    pub phase: &'static str,
    /// `dns`, `tls`, `timeout`, `connection`, `http`, `browser` or `choice`.
    pub kind: &'static str,
    /// The detail.
    pub message: String,
}

impl FailureRecord {
    /// A failure of `url` in `phase` (`None`: not tied to one phase).
    pub fn new(url: &str, phase: Option<Phase>, failure: &Failure) -> FailureRecord {
        FailureRecord {
            uri_ins: url.to_owned(),
            phase: phase.map_or("browser", Phase::name),
            kind: failure.kind.name(),
            message: failure.message.clone(),
        }
    }

    /// One line: which URL and why.
    pub fn line(&self) -> String {
        format!(
            "{} ({}): {} — {}",
            self.uri_ins, self.phase, self.kind, self.message
        )
    }
}

/// The categories accepted in a phase: none but necessary before a choice, the widget's own
/// Reject all and Accept all (no GPC in the scanning browser), and the owner's for presets.
pub fn accepted_in(phase: Phase, preset: [bool; 4]) -> [bool; 4] {
    match phase {
        Phase::Before => decision::reject_all(),
        Phase::Reject => decision::reject_all(),
        Phase::Accept => decision::accept_all(false),
        Phase::Preset => preset,
    }
}

fn names(accepted: &[bool; 4]) -> Vec<&'static str> {
    Category::ALL
        .into_iter()
        .filter(|c| accepted[c.index()])
        .map(Category::name)
        .collect()
}

/// The host of a URL, lower-cased (empty when it has none).
pub fn host_of(url: &str) -> String {
    catalogue::host_and_path(url)
        .map(|(h, _)| h)
        .unwrap_or_default()
}

fn push_unique(list: &mut Vec<String>, item: &str) {
    if !item.is_empty() && !list.iter().any(|i| i == item) {
        list.push(item.to_owned());
    }
}

/// Classifies one visit.
pub fn inspect(
    url: &str,
    phase: Phase,
    observed: &Observed,
    preset: [bool; 4],
    ocd: &Database,
    now: f64,
) -> Inspection {
    let accepted = accepted_in(phase, preset);
    let (config, errors) = match &observed.config {
        Some(text) => crate::config_from_text(text),
        None => (Config::builtin(), Vec::new()),
    };
    let host = host_of(&observed.final_url);
    let classifier = Classifier::new(&config, ocd, &host);
    let mut hosts = Hosts::default();

    let mut cookies: Vec<CookieRecord> = observed
        .cookies
        .iter()
        .map(|c| {
            let first = classifier.is_first_party(&c.domain);
            let domain = c.domain.trim_start_matches('.');
            let list = if first {
                &mut hosts.cookies.first_party
            } else {
                &mut hosts.cookies.third_party
            };
            push_unique(list, domain);
            let expiring = !c.session && c.expires > 0.0;
            CookieRecord {
                name: c.name.clone(),
                value: c.value.clone(),
                domain: c.domain.clone(),
                path: c.path.clone(),
                expires: c.expires,
                expires_utc: expiring.then(|| rfc3339(c.expires)),
                expires_days: expiring
                    .then(|| ((c.expires - now) / 86_400.0 * 10.0).round() / 10.0),
                size: c.size,
                http_only: c.http_only,
                secure: c.secure,
                session: c.session,
                same_site: c.same_site.clone(),
                partition_key: c.partition_key.clone(),
                first_party_storage: first,
                verdict: Verdict::new(classifier.cookie(&c.name, &c.domain), &accepted),
            }
        })
        .collect();
    // As website-evidence-collector: the longest-lived first, session cookies last.
    cookies.sort_by(|a, b| {
        b.expires
            .total_cmp(&a.expires)
            .then_with(|| a.name.cmp(&b.name))
    });

    let mut local_storage = BTreeMap::new();
    let mut session_storage = BTreeMap::new();
    for storage in &observed.storage {
        let origin_host = host_of(&storage.origin);
        let first = classifier.is_first_party(&origin_host);
        for (map, keys) in [
            (&mut local_storage, &storage.local),
            (&mut session_storage, &storage.session),
        ] {
            if keys.is_empty() {
                continue;
            }
            let entries: &mut BTreeMap<String, StorageRecord> =
                map.entry(storage.origin.clone()).or_default();
            for (key, value) in keys {
                entries.insert(
                    key.clone(),
                    StorageRecord {
                        value: value.clone(),
                        first_party_storage: first,
                        verdict: Verdict::new(classifier.storage_key(key, &origin_host), &accepted),
                    },
                );
            }
        }
        if !storage.local.is_empty() {
            let list = if first {
                &mut hosts.local_storage.first_party
            } else {
                &mut hosts.local_storage.third_party
            };
            push_unique(list, &origin_host);
        }
    }

    let requests: Vec<RequestRecord> = observed
        .requests
        .iter()
        .map(|r| {
            let request_host = host_of(&r.url);
            let first = classifier.is_first_party(&request_host);
            let list = if first {
                &mut hosts.requests.first_party
            } else {
                &mut hosts.requests.third_party
            };
            push_unique(list, &request_host);
            RequestRecord {
                url: r.url.clone(),
                host: request_host,
                method: r.method.clone(),
                resource_type: r.resource_type.clone(),
                first_party: first,
                initiator: Initiator {
                    kind: r.initiator_type.clone(),
                    url: r.initiator_url.clone(),
                },
                verdict: Verdict::new(classifier.request(&r.url), &accepted),
            }
        })
        .collect();

    let mut links = Parties::default();
    let mut seen = BTreeSet::new();
    for href in &observed.links {
        if !(href.starts_with("http:") || href.starts_with("https:")) || !seen.insert(href) {
            continue;
        }
        let link = Link { href: href.clone() };
        if classifier.is_first_party(&host_of(href)) {
            links.first_party.push(link);
        } else {
            links.third_party.push(link);
        }
    }

    let verdicts = cookies
        .iter()
        .map(|c| &c.verdict)
        .chain(
            local_storage
                .values()
                .flat_map(|m| m.values().map(|s| &s.verdict)),
        )
        .chain(
            session_storage
                .values()
                .flat_map(|m| m.values().map(|s| &s.verdict)),
        )
        .chain(requests.iter().map(|r| &r.verdict));
    let (mut violations, mut unknown) = (0, 0);
    for v in verdicts {
        violations += usize::from(v.violation);
        unknown += usize::from(v.source == Source::Unknown);
    }

    Inspection {
        uri_ins: url.to_owned(),
        uri_dest: observed.final_url.clone(),
        host,
        phase: phase.name(),
        phase_label: phase.label(),
        accepted: names(&accepted),
        widget: observed.widget,
        configuration_errors: errors.iter().map(|e| e.message()).collect(),
        browsing_history: observed.history.clone(),
        cookies,
        local_storage,
        session_storage,
        requests,
        hosts,
        links,
        violations,
        unknown,
    }
}

/// The totals of a set of inspections and failures.
pub fn summarise(inspections: &[Inspection], failures: &[FailureRecord]) -> Summary {
    let pages: BTreeSet<&str> = inspections
        .iter()
        .map(|i| i.uri_ins.as_str())
        .chain(failures.iter().map(|f| f.uri_ins.as_str()))
        .collect();
    Summary {
        pages: pages.len(),
        inspections: inspections.len(),
        violations: inspections.iter().map(|i| i.violations).sum(),
        unknown: inspections.iter().map(|i| i.unknown).sum(),
        failures: failures.len(),
    }
}

/// A service id made from a domain (`cdn.example.net` → `example-net`).
fn id_for(domain: &str) -> String {
    let mut id: String = domain
        .bytes()
        .map(|b| match b.to_ascii_lowercase() {
            c @ (b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_') => c as char,
            _ => '-',
        })
        .collect();
    id.truncate(64);
    let id = id.trim_matches('-').to_owned();
    if id.is_empty() {
        "unknown".to_owned()
    } else {
        id
    }
}

/// A cookie name or key as a configuration pattern: characters a pattern cannot hold become `*`.
fn as_pattern(name: &str) -> Option<String> {
    let p: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_control() || c == ' ' || c == ';' || c == '=' {
                '*'
            } else {
                c
            }
        })
        .collect();
    (!p.is_empty() && p != "*" && p.len() <= 512).then_some(p)
}

/// The `services` a page's configuration would need to name what the scan could not: one per
/// third-party site (its hosts and cookies), and one for unknown names on the site itself.
/// Their category is `marketing`, the strictest, for the owner to correct. `None` when nothing
/// is unknown.
pub fn unknown_snippet(inspections: &[Inspection]) -> Option<String> {
    // site → (hosts, cookies, storage keys); "" is the page's own site.
    let mut by_site: BTreeMap<String, [BTreeSet<String>; 3]> = BTreeMap::new();
    for i in inspections {
        for c in &i.cookies {
            if c.verdict.source != Source::Unknown {
                continue;
            }
            let site = if c.first_party_storage {
                String::new()
            } else {
                site_of(&c.domain)
            };
            let lists = by_site.entry(site.clone()).or_default();
            if !site.is_empty() {
                lists[0].insert(site);
            }
            lists[1].extend(as_pattern(&c.name));
        }
        for map in [&i.local_storage, &i.session_storage] {
            for (origin, keys) in map {
                for (key, s) in keys {
                    if s.verdict.source != Source::Unknown {
                        continue;
                    }
                    let site = if s.first_party_storage {
                        String::new()
                    } else {
                        site_of(&host_of(origin))
                    };
                    let lists = by_site.entry(site.clone()).or_default();
                    if !site.is_empty() {
                        lists[0].insert(site);
                    }
                    lists[2].extend(as_pattern(key));
                }
            }
        }
        for r in &i.requests {
            if r.verdict.source == Source::Unknown && !r.first_party && !r.host.is_empty() {
                let site = site_of(&r.host);
                by_site.entry(site.clone()).or_default()[0].insert(site);
            }
        }
    }
    if by_site.is_empty() {
        return None;
    }
    let mut services = Vec::new();
    for (site, [hosts, cookies, storage]) in by_site {
        let (id, name) = if site.is_empty() {
            (
                "site-unknown".to_owned(),
                "Unknown names on this site".to_owned(),
            )
        } else {
            (id_for(&site), site.clone())
        };
        let mut service = serde_json::Map::new();
        service.insert("id".into(), id.into());
        service.insert("name".into(), name.into());
        service.insert("category".into(), "marketing".into());
        for (key, list) in [("hosts", hosts), ("cookies", cookies), ("storage", storage)] {
            if !list.is_empty() {
                service.insert(key.into(), list.into_iter().collect::<Vec<_>>().into());
            }
        }
        services.push(serde_json::Value::Object(service));
    }
    let mut root = serde_json::Map::new();
    root.insert("services".into(), services.into());
    serde_json::to_string_pretty(&serde_json::Value::Object(root)).ok()
}

/// Seconds since the epoch as RFC 3339 UTC, to the millisecond (the widget's own formatter).
pub fn rfc3339(seconds: f64) -> String {
    bzconsent::core::record::format_iso((seconds * 1000.0).round())
}

/// Now, in seconds since the epoch.
pub fn now_seconds() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

// --- Terminal ------------------------------------------------------------------------------

/// Cuts a text to `max` characters, marking the cut.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// One row of a terminal table.
struct Row {
    cells: [String; 6],
}

fn verdict_cells(v: &Verdict) -> (String, String, String) {
    (
        v.category.unwrap_or("?").to_owned(),
        match &v.service {
            Some(s) => format!("{} ({})", v.source.label(), s),
            None => v.source.label().to_owned(),
        },
        if v.violation {
            "VIOLATION".to_owned()
        } else if v.source == Source::Unknown {
            "unknown".to_owned()
        } else {
            String::new()
        },
    )
}

fn party(first: bool) -> String {
    if first { "1st" } else { "3rd" }.to_owned()
}

fn table(out: &mut String, rows: &[Row]) {
    const HEAD: [&str; 6] = ["KIND", "NAME", "PARTY", "CATEGORY", "SOURCE", ""];
    let mut widths = HEAD.map(|h| h.chars().count());
    for row in rows {
        for (w, c) in widths.iter_mut().zip(&row.cells) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |out: &mut String, cells: [&str; 6]| {
        out.push_str("    ");
        for (i, (c, w)) in cells.iter().zip(widths).enumerate() {
            out.push_str(c);
            if i + 1 < cells.len() {
                let pad = w - c.chars().count() + 2;
                out.extend(std::iter::repeat_n(' ', pad));
            }
        }
        while out.ends_with(' ') {
            out.pop();
        }
        out.push('\n');
    };
    line(out, HEAD);
    for row in rows {
        line(out, row.cells.each_ref().map(String::as_str));
    }
}

/// The terminal report: a table per page and phase, then failures and the snippet for unknowns.
pub fn terminal(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "bzconsent scan — {}, {} page(s), {} inspection(s)",
        report.browser.version, report.summary.pages, report.summary.inspections
    );
    let mut page = "";
    for i in &report.inspections {
        if i.uri_ins != page {
            page = &i.uri_ins;
            let _ = writeln!(
                out,
                "\n{}{}",
                i.uri_ins,
                if i.widget {
                    ""
                } else {
                    "  (no bzconsent on this page)"
                }
            );
        }
        let _ = writeln!(
            out,
            "  {} — accepted: {} — {} violation(s), {} unknown",
            i.phase_label,
            i.accepted.join(", "),
            i.violations,
            i.unknown
        );
        for e in &i.configuration_errors {
            let _ = writeln!(out, "    {e}");
        }
        let mut rows = Vec::new();
        for c in &i.cookies {
            let (category, source, mark) = verdict_cells(&c.verdict);
            let mut flags = Vec::new();
            if c.http_only {
                flags.push("HttpOnly");
            }
            if c.secure {
                flags.push("Secure");
            }
            let kind = if flags.is_empty() {
                "cookie".to_owned()
            } else {
                format!("cookie {}", flags.join(","))
            };
            rows.push(Row {
                cells: [
                    kind,
                    cut(&format!("{} @ {}{}", c.name, c.domain, c.path), 60),
                    party(c.first_party_storage),
                    category,
                    source,
                    mark,
                ],
            });
        }
        for (kind, map) in [
            ("localStorage", &i.local_storage),
            ("sessionStorage", &i.session_storage),
        ] {
            for (origin, keys) in map {
                for (key, s) in keys {
                    let (category, source, mark) = verdict_cells(&s.verdict);
                    rows.push(Row {
                        cells: [
                            kind.to_owned(),
                            cut(&format!("{key} @ {origin}"), 60),
                            party(s.first_party_storage),
                            category,
                            source,
                            mark,
                        ],
                    });
                }
            }
        }
        let mut plain = 0;
        for r in &i.requests {
            // The site's own unremarkable requests are counted, not listed.
            if r.first_party && r.verdict.source == Source::FirstParty {
                plain += 1;
                continue;
            }
            let (category, source, mark) = verdict_cells(&r.verdict);
            rows.push(Row {
                cells: [
                    format!("request {}", r.resource_type),
                    cut(&r.url, 60),
                    party(r.first_party),
                    category,
                    source,
                    mark,
                ],
            });
        }
        if rows.is_empty() {
            out.push_str("    no cookies, no storage, no third-party requests\n");
        } else {
            table(&mut out, &rows);
        }
        if plain > 0 {
            let _ = writeln!(out, "    + {plain} request(s) to the site itself");
        }
    }
    if !report.failures.is_empty() {
        out.push_str("\nFailed:\n");
        for f in &report.failures {
            let _ = writeln!(out, "  {}", f.line());
        }
    }
    if let Some(snippet) = &report.unknown_snippet {
        out.push_str(
            "\nNot known to bzconsent's catalogue, the page's configuration or the Open Cookie \
             Database. If these belong to a tracker, declare them in the page's \
             <script type=\"application/json\" id=\"bzconsent-config\"> (choose each service's \
             category; marketing is the strictest):\n",
        );
        out.push_str(snippet);
        out.push('\n');
    }
    let s = &report.summary;
    let _ = writeln!(
        out,
        "\n{} violation(s), {} unknown, {} failed visit(s) — {}",
        s.violations,
        s.unknown,
        s.failures,
        verdict_line(s)
    );
    out
}

fn verdict_line(s: &Summary) -> &'static str {
    if s.failures > 0 {
        "the scan is incomplete"
    } else if s.violations > 0 {
        "something is set or sent before the visitor allowed it"
    } else {
        "nothing found that the visitor did not allow"
    }
}

// --- HTML ----------------------------------------------------------------------------------

const STYLE: &str = "body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1b1b}\
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:2px solid #ddd;padding-bottom:.2rem;word-break:break-all}\
h3{font-size:1.05rem;margin:1.4rem 0 .4rem}table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem;font-size:13px}\
th,td{border:1px solid #ccc;padding:.25rem .4rem;text-align:left;vertical-align:top;word-break:break-all}th{background:#f2f2f2}\
tr.violation td{background:#fde2e1}tr.unknown td{background:#fff5d6}.ok{color:#0a6b2d}.bad{color:#a4161a;font-weight:600}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}pre{background:#f6f6f6;padding:.8rem;overflow:auto}\
.muted{color:#555}@media print{body{margin:0}h2{break-before:page}}";

/// `1 page`, `2 pages`.
fn counted(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn esc(out: &mut String, text: &str) {
    push_escaped(out, text);
}

fn html_verdict(out: &mut String, v: &Verdict) {
    out.push_str("<td>");
    esc(out, v.category.unwrap_or("unknown"));
    out.push_str("</td><td>");
    esc(out, v.source.label());
    if let Some(s) = &v.service {
        out.push_str(" (");
        esc(out, s);
        out.push(')');
    }
    out.push_str("</td><td>");
    if v.violation {
        out.push_str("<span class=\"bad\">violation</span>");
    } else if v.source == Source::Unknown {
        out.push_str("unknown");
    }
    out.push_str("</td></tr>\n");
}

fn row_class(v: &Verdict) -> &'static str {
    if v.violation {
        "<tr class=\"violation\">"
    } else if v.source == Source::Unknown {
        "<tr class=\"unknown\">"
    } else {
        "<tr>"
    }
}

/// Every violation of the scan in one table, first thing after the summary.
fn violations_table(out: &mut String, report: &Report) {
    let mut rows: Vec<[String; 5]> = Vec::new();
    for i in &report.inspections {
        let mut push = |what: &str, name: &str, v: &Verdict| {
            if v.violation {
                let by = match &v.service {
                    Some(s) => format!("{} ({s})", v.source.label()),
                    None => v.source.label().to_owned(),
                };
                rows.push([
                    format!("{} — {}", i.uri_ins, i.phase_label),
                    what.to_owned(),
                    name.to_owned(),
                    v.category.unwrap_or("").to_owned(),
                    by,
                ]);
            }
        };
        for c in &i.cookies {
            push(
                "cookie",
                &format!("{} ({}{})", c.name, c.domain, c.path),
                &c.verdict,
            );
        }
        for (what, map) in [
            ("localStorage", &i.local_storage),
            ("sessionStorage", &i.session_storage),
        ] {
            for (origin, keys) in map {
                for (key, s) in keys {
                    push(what, &format!("{key} ({origin})"), &s.verdict);
                }
            }
        }
        for r in &i.requests {
            push(
                &format!("request ({})", r.resource_type),
                &r.url,
                &r.verdict,
            );
        }
    }
    if rows.is_empty() {
        return;
    }
    out.push_str("<h2>Violations</h2>\n<p>Set or sent while the visitor had not accepted its category:</p>\n<table><tr><th>Page and phase</th><th>What</th><th>Name</th><th>Category</th><th>Classified by</th></tr>\n");
    for row in rows {
        out.push_str("<tr class=\"violation\">");
        for cell in row {
            out.push_str("<td>");
            esc(out, &cell);
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
}

/// The report as one self-contained HTML page (no scripts, no external resources).
pub fn html(report: &Report) -> String {
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Cookie and tracker scan: ");
    esc(&mut out, &report.uri_refs.join(", "));
    out.push_str("</title>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<style>");
    out.push_str(STYLE);
    out.push_str("</style></head><body>\n<h1>Cookie and tracker scan</h1>\n<dl>");
    let s = &report.summary;
    let items: [(&str, String); 8] = [
        ("Site pages", report.uri_refs.join(", ")),
        ("Started", report.start_time.clone()),
        ("Finished", report.end_time.clone()),
        (
            "Browser",
            format!("{} ({})", report.browser.version, report.browser.user_agent),
        ),
        (
            "Made by",
            format!("{} {}", report.script.name, report.script.version),
        ),
        (
            "Pages and visits",
            format!(
                "{}, {}",
                counted(s.pages, "page"),
                counted(s.inspections, "visit")
            ),
        ),
        (
            "Findings",
            format!(
                "{}, {} unknown, {}",
                counted(s.violations, "violation"),
                s.unknown,
                counted(s.failures, "failed visit")
            ),
        ),
        ("Verdict", verdict_line(s).to_owned()),
    ];
    for (k, v) in items {
        out.push_str("<dt>");
        esc(&mut out, k);
        out.push_str("</dt><dd");
        if k == "Verdict" {
            out.push_str(if s.violations > 0 || s.failures > 0 {
                " class=\"bad\""
            } else {
                " class=\"ok\""
            });
        }
        out.push('>');
        esc(&mut out, &v);
        out.push_str("</dd>");
    }
    out.push_str("</dl>\n");
    violations_table(&mut out, report);
    out.push_str(
        "<h2>How this scan was made</h2>\n<p>Each page was opened in a real \
        Chromium browser (headless, driven over the DevTools protocol, which sees every request \
        the page makes and every cookie the browser stores, including <code>HttpOnly</code> and \
        third-party cookies), each time in a fresh profile with no cookies or storage: \
        <b>before any choice</b> (a first visit), <b>after Reject all</b> and <b>after Accept \
        all</b> (chosen through the consent widget's own API, then the page loaded again as a \
        returning visitor), and, when the scan was given preset cookies, <b>with the preset \
        cookies</b>. Requests listed for the last two are those made from the choice on.</p>\n\
        <p>Each cookie, storage key and request is classified by the consent widget's own tracker \
        catalogue and the page's own consent configuration, then by the Open Cookie Database \
        (an open catalogue of cookie names, Apache-2.0). Requests to the site itself that nothing \
        claims count as necessary. A <b>violation</b> is something of a category (preferences, \
        analytics, marketing) that the visitor had not accepted in that phase. <b>Unknown</b> \
        items could not be classified and need a person's judgement.</p>\n",
    );
    if !report.failures.is_empty() {
        out.push_str("<h2>Visits that failed</h2>\n<ul>");
        for f in &report.failures {
            out.push_str("<li>");
            esc(&mut out, &f.line());
            out.push_str("</li>");
        }
        out.push_str("</ul>\n");
    }
    let mut page = "";
    for i in &report.inspections {
        if i.uri_ins != page {
            page = &i.uri_ins;
            out.push_str("<h2>");
            esc(&mut out, &i.uri_ins);
            out.push_str("</h2>\n");
            if !i.widget {
                out.push_str(
                    "<p class=\"muted\">This page does not have the consent widget.</p>\n",
                );
            }
        }
        out.push_str("<h3>");
        esc(&mut out, i.phase_label);
        let _ = write!(out, " — accepted: {} — ", i.accepted.join(", "));
        if i.violations > 0 {
            let _ = write!(
                out,
                "<span class=\"bad\">{} violations</span>",
                i.violations
            );
        } else {
            out.push_str("<span class=\"ok\">no violation</span>");
        }
        out.push_str("</h3>\n");
        for e in &i.configuration_errors {
            out.push_str("<p class=\"bad\">");
            esc(&mut out, e);
            out.push_str("</p>\n");
        }
        out.push_str("<table><tr><th>Cookie</th><th>Domain and path</th><th>Expires</th><th>Flags</th><th>Category</th><th>Classified by</th><th></th></tr>\n");
        for c in &i.cookies {
            out.push_str(row_class(&c.verdict));
            out.push_str("<td>");
            esc(&mut out, &c.name);
            out.push_str("</td><td>");
            esc(&mut out, &c.domain);
            esc(&mut out, &c.path);
            if !c.first_party_storage {
                out.push_str(" (third party)");
            }
            out.push_str("</td><td>");
            esc(
                &mut out,
                c.expires_utc.as_deref().unwrap_or("end of session"),
            );
            out.push_str("</td><td>");
            let mut flags = Vec::new();
            if c.http_only {
                flags.push("HttpOnly".to_owned());
            }
            if c.secure {
                flags.push("Secure".to_owned());
            }
            if let Some(s) = &c.same_site {
                flags.push(format!("SameSite={s}"));
            }
            esc(&mut out, &flags.join(" "));
            out.push_str("</td>");
            html_verdict(&mut out, &c.verdict);
        }
        if i.cookies.is_empty() {
            out.push_str("<tr><td colspan=\"7\">No cookies.</td></tr>\n");
        }
        out.push_str("</table>\n<table><tr><th>Storage</th><th>Key</th><th>Origin</th><th>Category</th><th>Classified by</th><th></th></tr>\n");
        let mut any = false;
        for (kind, map) in [
            ("localStorage", &i.local_storage),
            ("sessionStorage", &i.session_storage),
        ] {
            for (origin, keys) in map {
                for (key, s) in keys {
                    any = true;
                    out.push_str(row_class(&s.verdict));
                    out.push_str("<td>");
                    esc(&mut out, kind);
                    out.push_str("</td><td>");
                    esc(&mut out, key);
                    out.push_str("</td><td>");
                    esc(&mut out, origin);
                    out.push_str("</td>");
                    html_verdict(&mut out, &s.verdict);
                }
            }
        }
        if !any {
            out.push_str(
                "<tr><td colspan=\"6\">No localStorage or sessionStorage keys.</td></tr>\n",
            );
        }
        out.push_str("</table>\n<table><tr><th>Request</th><th>Type</th><th>Party</th><th>Started by</th><th>Category</th><th>Classified by</th><th></th></tr>\n");
        for r in &i.requests {
            out.push_str(row_class(&r.verdict));
            out.push_str("<td>");
            esc(&mut out, &r.url);
            out.push_str("</td><td>");
            esc(&mut out, &r.resource_type);
            out.push_str("</td><td>");
            out.push_str(if r.first_party { "first" } else { "third" });
            out.push_str("</td><td>");
            esc(&mut out, &r.initiator.kind);
            if let Some(u) = &r.initiator.url {
                out.push(' ');
                esc(&mut out, u);
            }
            out.push_str("</td>");
            html_verdict(&mut out, &r.verdict);
        }
        if i.requests.is_empty() {
            out.push_str("<tr><td colspan=\"7\">No requests.</td></tr>\n");
        }
        out.push_str("</table>\n");
    }
    if let Some(snippet) = &report.unknown_snippet {
        out.push_str(
            "<h2>Unknown items</h2>\n<p>Neither the widget's catalogue, the page's \
            configuration nor the Open Cookie Database knows these. If they belong to a tracker, \
            the site declares them in its consent configuration, for example (the category to be \
            chosen by the site):</p>\n<pre>",
        );
        esc(&mut out, snippet);
        out.push_str("</pre>\n");
    }
    out.push_str(
        "<p class=\"muted\">Cookie descriptions: Open Cookie Database, \
        https://github.com/jkwakman/Open-Cookie-Database (Apache-2.0).</p>\n</body></html>\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::browser::{Cookie, Request, Storage};

    fn observed() -> Observed {
        Observed {
            final_url: "https://www.bzpak.com/".into(),
            widget: true,
            config: Some(r#"{"revision":2}"#.into()),
            links: vec![
                "https://www.bzpak.com/privacy.html".into(),
                "https://example.org/".into(),
                "tel:+1".into(),
            ],
            history: vec!["https://www.bzpak.com/".into()],
            requests: vec![
                Request {
                    url: "https://www.bzpak.com/site.css".into(),
                    method: "GET".into(),
                    resource_type: "Stylesheet".into(),
                    initiator_type: "parser".into(),
                    initiator_url: None,
                },
                Request {
                    url: "https://www.googletagmanager.com/gtag/js?id=G-X".into(),
                    method: "GET".into(),
                    resource_type: "Script".into(),
                    initiator_type: "parser".into(),
                    initiator_url: Some("https://www.bzpak.com/".into()),
                },
                Request {
                    url: "https://cdn.unheard-of.example/x.js".into(),
                    method: "GET".into(),
                    resource_type: "Script".into(),
                    initiator_type: "parser".into(),
                    initiator_url: None,
                },
            ],
            cookies: vec![
                Cookie {
                    name: "_ga".into(),
                    value: "GA1.1.1".into(),
                    domain: ".bzpak.com".into(),
                    path: "/".into(),
                    expires: 1_900_000_000.0,
                    size: 10,
                    http_only: false,
                    secure: false,
                    session: false,
                    same_site: None,
                    partition_key: None,
                },
                Cookie {
                    name: "sid".into(),
                    value: "1".into(),
                    domain: "www.bzpak.com".into(),
                    path: "/".into(),
                    expires: -1.0,
                    size: 4,
                    http_only: true,
                    secure: true,
                    session: true,
                    same_site: Some("Lax".into()),
                    partition_key: None,
                },
                Cookie {
                    name: "zz uid".into(),
                    value: "1".into(),
                    domain: "tracker.unheard-of.example".into(),
                    path: "/".into(),
                    expires: -1.0,
                    size: 4,
                    http_only: false,
                    secure: true,
                    session: true,
                    same_site: Some("None".into()),
                    partition_key: None,
                },
            ],
            storage: vec![Storage {
                origin: "https://www.bzpak.com".into(),
                local: vec![
                    ("bzconsent".into(), "{}".into()),
                    ("zz_local".into(), "1".into()),
                ],
                session: vec![],
            }],
        }
    }

    #[test]
    fn before_a_choice_the_tracker_is_a_violation() {
        let db = Database::embedded().expect("parses");
        let i = inspect(
            "https://www.bzpak.com/",
            Phase::Before,
            &observed(),
            [true, false, false, false],
            &db,
            1_800_000_000.0,
        );
        assert_eq!(i.accepted, vec!["necessary"]);
        assert_eq!(i.violations, 2, "_ga and gtag.js");
        assert_eq!(
            i.unknown, 4,
            "sid, the third-party cookie, its host, the local key"
        );
        assert_eq!(i.cookies[0].name, "_ga", "longest-lived first");
        assert_eq!(
            i.cookies[0].expires_utc.as_deref(),
            Some("2030-03-17T17:46:40.000Z")
        );
        assert!(i.cookies.iter().any(|c| c.http_only && c.name == "sid"));
        assert_eq!(i.hosts.requests.third_party.len(), 2);
        assert_eq!(i.links.first_party.len(), 1);
        assert_eq!(i.links.third_party.len(), 1);
        let json = serde_json::to_value(&i).expect("serialises");
        assert_eq!(json["cookies"][0]["category"], "analytics");
        assert_eq!(json["cookies"][0]["source"], "catalogue");
        assert_eq!(json["cookies"][0]["violation"], true);
        assert_eq!(json["cookies"][0]["httpOnly"], false);
        assert_eq!(
            json["localStorage"]["https://www.bzpak.com"]["bzconsent"]["source"],
            "widget"
        );
        assert_eq!(json["requests"][1]["type"], "Script");
        assert_eq!(json["phase"], "before");

        let accepted = inspect(
            "https://www.bzpak.com/",
            Phase::Accept,
            &observed(),
            [true; 4],
            &db,
            0.0,
        );
        assert_eq!(accepted.violations, 0);
    }

    #[test]
    fn the_snippet_for_unknowns_is_a_valid_configuration() {
        let db = Database::embedded().expect("parses");
        let i = inspect(
            "https://www.bzpak.com/",
            Phase::Before,
            &observed(),
            [true, false, false, false],
            &db,
            0.0,
        );
        let snippet = unknown_snippet(std::slice::from_ref(&i)).expect("something is unknown");
        let (config, errors) = crate::config_from_text(&snippet);
        assert!(errors.is_empty(), "{errors:?}\n{snippet}");
        let third = config
            .service("unheard-of-example")
            .expect("one per third-party site");
        assert_eq!(third.hosts, vec!["unheard-of.example"]);
        assert_eq!(third.cookies, vec!["zz*uid"]);
        let own = config
            .service("site-unknown")
            .expect("one for the site's own names");
        assert_eq!(own.cookies, vec!["sid"]);
        assert_eq!(own.storage, vec!["zz_local"]);
    }

    #[test]
    fn html_is_escaped_and_self_contained() {
        let db = Database::embedded().expect("parses");
        let mut o = observed();
        o.cookies[1].name = "<script>alert(1)</script>".into();
        let i = inspect(
            "https://www.bzpak.com/",
            Phase::Before,
            &o,
            [true, false, false, false],
            &db,
            0.0,
        );
        let report = Report {
            title: "t",
            script: Script {
                name: "bzconsent",
                version: "0",
            },
            browser: BrowserInfo {
                name: "Chromium",
                version: "Chrome/1".into(),
                user_agent: "UA".into(),
                preset_cookies: BTreeMap::new(),
            },
            uri_refs: vec!["https://www.bzpak.com/".into()],
            start_time: rfc3339(0.0),
            end_time: rfc3339(1.5),
            summary: summarise(std::slice::from_ref(&i), &[]),
            unknown_snippet: unknown_snippet(std::slice::from_ref(&i)),
            inspections: vec![i],
            failures: vec![],
        };
        let page = html(&report);
        assert!(
            !page.contains("<script"),
            "no script, and the cookie name is escaped"
        );
        assert!(page.contains("&lt;script&gt;"));
        assert!(!page.contains(" src="), "no external resource");
        assert!(page.contains("<h2>Violations</h2>"));
        assert!(page.contains("<td>_ga (.bzpak.com/)</td>"), "{page}");
        let text = terminal(&report);
        assert!(text.contains("VIOLATION"), "{text}");
        assert!(text.contains("+ 1 request(s) to the site itself"), "{text}");
        assert!(text.contains("\"services\""), "{text}");
    }

    #[test]
    fn dates() {
        assert_eq!(rfc3339(0.0), "1970-01-01T00:00:00.000Z");
        assert_eq!(rfc3339(951_782_400.25), "2000-02-29T00:00:00.250Z");
        assert_eq!(rfc3339(1_798_761_599.0), "2026-12-31T23:59:59.000Z");
    }
}
