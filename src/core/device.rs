//! What is on this device now: for each category, the cookies and storage keys its services
//! declare and whether each is present, and the present names nobody declares.
//!
//! The web layer hands over the cookie names a script can see (split from `document.cookie`
//! with [`cookie_names`]) and the keys of localStorage and sessionStorage; [`read`] decides
//! every row from them, matching names as the guard does ([`catalogue::name_matches`]), and
//! [`push_tables`], [`push_count`], [`push_unclassified`] and [`push_server_note`] write the
//! markup the dialog shows.
//!
//! A page cannot list every cookie it has: `HttpOnly` cookies and other sites' are out of a
//! script's sight. So a row is "not found", never "absent", and the dialog says so in one line.
//!
//! Names come from the page and may be hostile (markup, control characters, megabytes long):
//! here they are only data, compared and sorted; what is shown is shortened, its control
//! characters replaced, and escaped with [`push_escaped`].

use super::catalogue::{self, Purpose, Tracker};
use super::category::Category;
use super::config::{Config, Service};
use super::i18n::{self, Text};
use super::record::push_u64;
use super::view::{push_escaped, Screen};

/// At most this many cookie names, and as many storage keys, are considered (the first ones
/// given, empty names left out); any beyond are ignored, so that a page stuffed with names
/// cannot make the dialog slow.
pub const MAX_NAMES: usize = 200;

/// A name longer than this many bytes is never matched against patterns (no cookie or key the
/// site or the catalogue declares is near it, and a long name would make matching slow): when
/// present it is listed as not classified.
pub const MAX_NAME_BYTES: usize = 1024;

/// The widget's own record, in localStorage, and its optional mirror cookie.
const OWN_NAME: &str = "bzconsent";

/// The provider shown for the widget's own record (as the dialog has always shown it).
const OWN_PROVIDER: &str = "bzpak.com";

/// At most this many characters of a name are shown; longer ones end with `…`.
const SHOWN_CHARS: usize = 80;

/// Whether a row is a cookie or a storage key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A cookie (`document.cookie`).
    Cookie,
    /// A localStorage or sessionStorage key.
    StorageKey,
}

/// One cookie or storage key a category's table shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row<'a> {
    /// The name or name pattern as declared (`_ga_*`).
    pub name: &'a str,
    /// Cookie or storage key.
    pub kind: Kind,
    /// The company behind it (the catalogue's provider, else the service's name or id).
    pub provider: &'a str,
    /// What it is for, when the catalogue says.
    pub purpose: Option<Purpose>,
    /// How long it lives, in days (0: until the browser closes), when the catalogue says.
    pub days: Option<u16>,
    /// Some visible cookie name or storage key matches it now.
    pub present: bool,
}

/// Present names that no row claims and the catalogue does not know, each list deduplicated
/// and sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Unclassified<'a> {
    /// Cookie names.
    pub cookies: Vec<&'a str>,
    /// localStorage and sessionStorage keys.
    pub keys: Vec<&'a str>,
}

impl Unclassified<'_> {
    /// Whether there is nothing to list.
    pub fn is_empty(&self) -> bool {
        self.cookies.is_empty() && self.keys.is_empty()
    }
}

/// What the dialog shows of this device.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Device<'a> {
    /// Each category's rows, indexed by [`Category::index`].
    pub rows: [Vec<Row<'a>>; 4],
    /// The present names no category claims.
    pub unclassified: Unclassified<'a>,
}

impl<'a> Device<'a> {
    /// The rows of `category`.
    pub fn rows(&self, category: Category) -> &[Row<'a>] {
        &self.rows[category.index()]
    }

    /// How many rows of `category` are present.
    pub fn present(&self, category: Category) -> usize {
        present(self.rows(category))
    }
}

/// How many of `rows` are present.
pub fn present(rows: &[Row]) -> usize {
    rows.iter().filter(|r| r.present).count()
}

/// The cookie names of a `document.cookie` string, in order, as the guard reads them (a pair
/// without `=` is its name; empty names are left out).
pub fn cookie_names(cookies: &str) -> Vec<&str> {
    cookies
        .split(';')
        .map(|pair| pair.split('=').next().unwrap_or("").trim_ascii())
        .filter(|name| !name.is_empty())
        .collect()
}

/// What is on this device: per category, every cookie and storage key its services declare
/// (and, under necessary, the widget's own record), each marked present when one of `cookies`
/// or `keys` matches it; a present name that no row claims but the catalogue knows gets a row
/// in its tracker's category; the rest are [`Unclassified`]. Only the first [`MAX_NAMES`]
/// non-empty names of each list are considered.
///
/// ```
/// use bzconsent::core::{category::Category, config::Config, device};
///
/// let config = Config::default();
/// let cookies = device::cookie_names("_ga=GA1.1.1; _ga_X1=GS1; theme=dark");
/// let device = device::read(&config, &cookies, &["bzconsent"]);
/// assert_eq!(device.present(Category::Analytics), 2); // `_ga` and `_ga_*`
/// assert_eq!(device.present(Category::Necessary), 1); // the widget's own record
/// assert_eq!(device.unclassified.cookies, ["theme"]);
/// ```
pub fn read<'a>(config: &'a Config, cookies: &[&'a str], keys: &[&'a str]) -> Device<'a> {
    let cookies = bounded(cookies);
    let keys = bounded(keys);
    let mut rows: [Vec<Row<'a>>; 4] = Default::default();
    // The mirror cookie is the widget's own even when the mirror was turned off since.
    let mirror = config.cookie_mirror || cookies.contains(&OWN_NAME);
    push_own(&mut rows[Category::Necessary.index()], config, mirror);
    for service in &config.services {
        push_declared(&mut rows[service.category.index()], service);
    }
    let mut unclassified = Unclassified::default();
    for (kind, names) in [(Kind::Cookie, cookies), (Kind::StorageKey, keys)] {
        for name in names {
            if !claim(&mut rows, kind, name) {
                let list = match kind {
                    Kind::Cookie => &mut unclassified.cookies,
                    Kind::StorageKey => &mut unclassified.keys,
                };
                // Kept sorted and unique as they come (a sort would cost the UI 2 kB of code).
                if let Err(at) = list.binary_search(&name) {
                    list.insert(at, name);
                }
            }
        }
    }
    Device { rows, unclassified }
}

/// The first [`MAX_NAMES`] non-empty names.
fn bounded<'a>(names: &[&'a str]) -> Vec<&'a str> {
    names
        .iter()
        .copied()
        .filter(|n| !n.is_empty())
        .take(MAX_NAMES)
        .collect()
}

/// The widget's own record: the localStorage key, and the mirror cookie when `mirror`.
fn push_own<'a>(rows: &mut Vec<Row<'a>>, config: &Config, mirror: bool) {
    let days = u16::try_from(config.expiry_days).unwrap_or(u16::MAX);
    let own = |kind| Row {
        name: OWN_NAME,
        kind,
        provider: OWN_PROVIDER,
        purpose: Some(Purpose::Consent),
        days: Some(days),
        present: false,
    };
    if mirror {
        rows.push(own(Kind::Cookie));
    }
    rows.push(own(Kind::StorageKey));
}

/// A service's rows: its catalogue patterns (with purpose and duration) when it is a catalogue
/// service, then the patterns the configuration adds.
fn push_declared<'a>(rows: &mut Vec<Row<'a>>, service: &'a Service) {
    let known = catalogue::tracker(&service.id);
    let provider = known
        .and_then(Tracker::about)
        .map_or(service.display_name(), |a| a.provider);
    if let Some(t) = known {
        push_catalogue(rows, t, provider);
    }
    let listed = |kind, pattern: &str| {
        known.is_some_and(|t| catalogue::patterns(list(t, kind)).any(|p| p == pattern))
    };
    for (kind, patterns) in [
        (Kind::Cookie, &service.cookies),
        (Kind::StorageKey, &service.storage),
    ] {
        for pattern in patterns.iter().filter(|p| !listed(kind, p)) {
            rows.push(Row {
                name: pattern,
                kind,
                provider,
                purpose: None,
                days: None,
                present: false,
            });
        }
    }
}

/// Every cookie and storage-key pattern of a catalogue tracker.
fn push_catalogue<'a>(rows: &mut Vec<Row<'a>>, t: &'static Tracker, provider: &'a str) {
    for (i, name) in catalogue::patterns(t.cookies).enumerate() {
        rows.push(catalogue_row(t, provider, Kind::Cookie, name, i));
    }
    for name in catalogue::patterns(t.storage) {
        rows.push(catalogue_row(t, provider, Kind::StorageKey, name, 0));
    }
}

/// The row of the `index`th pattern of a tracker's list of `kind`.
fn catalogue_row<'a>(
    t: &'static Tracker,
    provider: &'a str,
    kind: Kind,
    name: &'static str,
    index: usize,
) -> Row<'a> {
    // The catalogue says what cookies are for and how long they live; not storage keys.
    let about = match kind {
        Kind::Cookie => t.about().and_then(|a| a.cookies.get(index)),
        Kind::StorageKey => None,
    };
    Row {
        name,
        kind,
        provider,
        purpose: about.map(|(p, _)| *p),
        days: about.map(|(_, d)| *d),
        present: false,
    }
}

/// The pattern list of a tracker for `kind`.
fn list(t: &Tracker, kind: Kind) -> &'static str {
    match kind {
        Kind::Cookie => t.cookies,
        Kind::StorageKey => t.storage,
    }
}

/// Marks every row `name` matches as present, else gives it a row of the catalogue tracker
/// that knows it; `false` when neither.
fn claim(rows: &mut [Vec<Row<'_>>; 4], kind: Kind, name: &str) -> bool {
    if name.len() > MAX_NAME_BYTES {
        return false;
    }
    let mut claimed = false;
    for row in rows.iter_mut().flatten() {
        if row.kind == kind && catalogue::name_matches(row.name, name) {
            row.present = true;
            claimed = true;
        }
    }
    if claimed {
        return true;
    }
    let tracker = match kind {
        Kind::Cookie => catalogue::tracker_for_cookie(name),
        Kind::StorageKey => catalogue::tracker_for_storage_key(name),
    };
    let Some(t) = tracker else {
        return false;
    };
    // The tracker's most specific pattern for the name (the first of equals), as the catalogue
    // chose the tracker.
    let mut best: Option<(usize, usize, &'static str)> = None;
    for (i, pattern) in catalogue::patterns(list(t, kind)).enumerate() {
        let literal = pattern.bytes().filter(|&b| b != b'*').count();
        if catalogue::name_matches(pattern, name) && best.is_none_or(|(l, _, _)| literal > l) {
            best = Some((literal, i, pattern));
        }
    }
    let Some((_, index, pattern)) = best else {
        return false;
    };
    let provider = t.about().map_or(t.id, |a| a.provider);
    let mut row = catalogue_row(t, provider, kind, pattern, index);
    row.present = true;
    // A later name this pattern matches is claimed by this row above: one row per pattern.
    rows[t.category.index()].push(row);
    true
}

/// "2 years", "13 months", "1 day(s)", "Session" in the visitor's language.
pub fn duration(s: &Screen, days: u16) -> String {
    let (template, n) = match days {
        0 => return s.text(Text::DurationSession).to_owned(),
        d if d >= 365 && d % 365 < 30 => (Text::DurationYears, d / 365),
        d if d >= 30 => (Text::DurationMonths, d / 30),
        d => (Text::DurationDays, d),
    };
    let mut digits = String::new();
    push_u64(&mut digits, u64::from(n));
    i18n::fill(s.text(template), "n", &digits)
}

/// "2 of 5 on this device now": how many of a category's rows are present.
pub fn count_text(s: &Screen, rows: &[Row]) -> String {
    let (mut n, mut m) = (String::new(), String::new());
    push_u64(&mut n, present(rows) as u64);
    push_u64(&mut m, rows.len() as u64);
    i18n::fill(&i18n::fill(s.text(Text::PresentCount), "n", &n), "m", &m)
}

/// Appends the id of a category's table (`bz-device-analytics`) and `suffix`.
fn push_id(out: &mut String, category: &str, suffix: &str) {
    out.push_str("bz-device-");
    out.push_str(category);
    out.push_str(suffix);
}

/// The category header's count ([`count_text`]) as
/// `<span class="device-count" id="bz-device-{category}-count">`, for the category's header
/// (its id can describe the switch or the region); nothing when the category has no rows.
pub fn push_count(out: &mut String, s: &Screen, category: Category, rows: &[Row]) {
    if rows.is_empty() {
        return;
    }
    out.push_str("<span class=\"device-count\" id=\"");
    push_id(out, category.name(), "-count");
    out.push_str("\">");
    push_escaped(out, &count_text(s, rows));
    out.push_str("</span>");
}

/// A category's table: a focusable scroll region labelled by the table's caption, one column
/// each for name, provider, purpose, duration and "on this device", the cookies and the
/// storage keys each under a row-group header. Nothing when the category has no rows.
/// Ids are made of the category's name (`bz-device-analytics`), never of a cookie's.
pub fn push_tables(out: &mut String, s: &Screen, category: Category, rows: &[Row]) {
    if rows.is_empty() {
        return;
    }
    let name = category.name();
    out.push_str("<div class=\"device\" role=\"region\" tabindex=\"0\" aria-labelledby=\"");
    push_id(out, name, "");
    out.push_str("\"><table><caption id=\"");
    push_id(out, name, "");
    out.push_str("\">");
    let title = s.text(i18n::category_title(category));
    push_escaped(
        out,
        &i18n::fill(s.text(Text::DeviceCaption), "category", title),
    );
    out.push_str("</caption><thead><tr>");
    for t in [
        Text::CookieName,
        Text::CookieProvider,
        Text::CookiePurpose,
        Text::CookieDuration,
        Text::OnDevice,
    ] {
        out.push_str("<th scope=\"col\">");
        push_escaped(out, s.text(t));
        out.push_str("</th>");
    }
    out.push_str("</tr></thead>");
    for (kind, heading) in [
        (Kind::Cookie, Text::Cookies),
        (Kind::StorageKey, Text::StorageKeys),
    ] {
        let mut group = rows.iter().filter(|r| r.kind == kind).peekable();
        if group.peek().is_none() {
            continue;
        }
        out.push_str("<tbody><tr><th scope=\"rowgroup\" colspan=\"5\">");
        push_escaped(out, s.text(heading));
        out.push_str("</th></tr>");
        for row in group {
            push_row(out, s, row);
        }
        out.push_str("</tbody>");
    }
    out.push_str("</table></div>");
}

/// One row: its name as the row's header (never translated by the browser), then provider,
/// purpose, duration and whether it is present, in words.
fn push_row(out: &mut String, s: &Screen, row: &Row) {
    out.push_str("<tr><th scope=\"row\" translate=\"no\">");
    push_name(out, row.name);
    out.push_str("</th><td>");
    push_escaped(out, row.provider);
    out.push_str("</td><td>");
    if let Some(p) = row.purpose {
        push_escaped(out, s.text(i18n::purpose(p)));
    }
    out.push_str("</td><td>");
    if let Some(days) = row.days {
        push_escaped(out, &duration(s, days));
    }
    let (class, text) = if row.present {
        ("yes", Text::PresentYes)
    } else {
        ("no", Text::PresentNo)
    };
    out.push_str("</td><td class=\"");
    out.push_str(class);
    out.push_str("\">");
    push_escaped(out, s.text(text));
    out.push_str("</td></tr>");
}

/// "Not classified": the present names no service declares, names only, cookies and storage
/// keys in separate lists, in a focusable scroll region (`bz-device-unclassified`). Nothing
/// when there are none.
pub fn push_unclassified(out: &mut String, s: &Screen, names: &Unclassified) {
    if names.is_empty() {
        return;
    }
    out.push_str(
        "<div class=\"device unclassified\" role=\"region\" tabindex=\"0\" aria-labelledby=\"",
    );
    push_id(out, "unclassified", "");
    out.push_str("\"><h3 id=\"");
    push_id(out, "unclassified", "");
    out.push_str("\">");
    push_escaped(out, s.text(Text::NotClassified));
    out.push_str("</h3>");
    for (list, suffix, heading) in [
        (&names.cookies, "-cookies", Text::Cookies),
        (&names.keys, "-keys", Text::StorageKeys),
    ] {
        if list.is_empty() {
            continue;
        }
        out.push_str("<p id=\"");
        push_id(out, "unclassified", suffix);
        out.push_str("\">");
        push_escaped(out, s.text(heading));
        out.push_str("</p><ul aria-labelledby=\"");
        push_id(out, "unclassified", suffix);
        out.push_str("\" translate=\"no\">");
        for name in list.iter() {
            out.push_str("<li>");
            push_name(out, name);
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    out.push_str("</div>");
}

/// The one line saying that the site's server and other sites may set cookies a page cannot
/// list, so that "not found" is never read as "absent".
pub fn push_server_note(out: &mut String, s: &Screen) {
    out.push_str("<p class=\"note device-note\">");
    push_escaped(out, s.text(Text::ServerCookiesNote));
    out.push_str("</p>");
}

/// A name as shown: at most [`SHOWN_CHARS`] characters (then `…`), control and bidirectional
/// formatting characters replaced by `�` (they could hide or reorder the text around), escaped.
fn push_name(out: &mut String, name: &str) {
    let mut shown = String::with_capacity(name.len().min(4 * SHOWN_CHARS));
    for (i, c) in name.chars().enumerate() {
        if i == SHOWN_CHARS {
            shown.push('…');
            break;
        }
        let hidden = c.is_control()
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        shown.push(if hidden { '\u{fffd}' } else { c });
    }
    push_escaped(out, &shown);
}

// Host only: configurations are read through the host copy of the guard's `stream`.
#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::*;
    use crate::core::i18n::Lang;
    use crate::core::view::tests::screen;

    fn configured(json: &str) -> Config {
        let (config, errors) = Config::with_overrides_value(crate::core::read_json(json));
        assert_eq!(errors, vec![], "{json}");
        config
    }

    fn names<'r>(rows: &'r [Row], kind: Kind) -> Vec<&'r str> {
        rows.iter()
            .filter(|r| r.kind == kind)
            .map(|r| r.name)
            .collect()
    }

    fn present_names<'r>(rows: &'r [Row]) -> Vec<&'r str> {
        rows.iter().filter(|r| r.present).map(|r| r.name).collect()
    }

    fn row<'r>(rows: &'r [Row<'r>], kind: Kind, name: &str) -> &'r Row<'r> {
        rows.iter()
            .find(|r| r.kind == kind && r.name == name)
            .unwrap_or_else(|| panic!("no row {name:?} in {rows:?}"))
    }

    /// Every `id="…"` of the markup.
    fn ids(html: &str) -> Vec<&str> {
        html.split(" id=\"")
            .skip(1)
            .map(|t| t.split('"').next().unwrap_or(""))
            .collect()
    }

    /// Every tag name of the markup (each `<` opens one the widget writes itself).
    fn tags(html: &str) -> Vec<&str> {
        html.split('<')
            .skip(1)
            .map(|t| t.split([' ', '>']).next().unwrap_or(""))
            .collect()
    }

    const OWN_TAGS: &[&str] = &[
        "div", "/div", "table", "/table", "caption", "/caption", "thead", "/thead", "tbody",
        "/tbody", "tr", "/tr", "th", "/th", "td", "/td", "h3", "/h3", "p", "/p", "ul", "/ul", "li",
        "/li", "span", "/span",
    ];

    #[test]
    fn the_builtin_configuration_declares_its_services_rows_under_their_categories() {
        let config = Config::default();
        let device = read(&config, &[], &[]);
        let necessary = device.rows(Category::Necessary);
        assert_eq!(
            necessary,
            [Row {
                name: "bzconsent",
                kind: Kind::StorageKey,
                provider: "bzpak.com",
                purpose: Some(Purpose::Consent),
                days: Some(182),
                present: false,
            }]
        );
        assert_eq!(device.rows(Category::Preferences), []);
        let analytics = device.rows(Category::Analytics);
        let cookies = names(analytics, Kind::Cookie);
        assert_eq!(&cookies[..3], ["_ga", "_ga_*", "_gid"]);
        assert!(cookies.contains(&"Hm_lvt_*") && cookies.contains(&"_ym_uid"));
        assert_eq!(
            names(analytics, Kind::StorageKey),
            [
                "Hm_unsent_*",
                "Hm_up_*",
                "_ym_*",
                "_ym*_lastHit",
                "_ym*_reqNum",
                "_ym*_lsid"
            ]
        );
        let ga = row(analytics, Kind::Cookie, "_ga");
        assert_eq!(
            (ga.provider, ga.purpose, ga.days),
            ("Google", Some(Purpose::Identify), Some(730))
        );
        let baidu = row(analytics, Kind::StorageKey, "Hm_unsent_*");
        assert_eq!(
            (baidu.provider, baidu.purpose, baidu.days),
            ("Baidu", None, None)
        );
        // YouTube sets its cookies on its own domain: nothing a page can see.
        assert_eq!(device.rows(Category::Marketing), []);
        for c in Category::ALL {
            assert_eq!(device.present(c), 0, "{c:?}");
        }
        assert!(device.unclassified.is_empty());
    }

    #[test]
    fn a_row_is_present_when_a_visible_name_matches_its_pattern() {
        let config = Config::default();
        let device = read(&config, &["_ga", "_ga_ABC123", "_gallery"], &["_ym_abc"]);
        let analytics = device.rows(Category::Analytics);
        assert_eq!(present_names(analytics), ["_ga", "_ga_*", "_ym_*"]);
        assert_eq!(device.present(Category::Analytics), 3);
        assert!(
            !row(analytics, Kind::Cookie, "_ym_*").present,
            "kinds stay apart"
        );
        assert_eq!(device.unclassified.cookies, ["_gallery"]);
        assert_eq!(device.unclassified.keys, Vec::<&str>::new());
    }

    #[test]
    fn a_name_the_catalogue_knows_but_the_site_does_not_declare_gets_a_row_in_its_category() {
        let config = Config::default();
        let device = read(
            &config,
            &["_fbp", "_fbp", "_hjSessionUser_42"],
            &["_hjTLDTest"],
        );
        let marketing = device.rows(Category::Marketing);
        assert_eq!(
            marketing,
            [Row {
                name: "_fbp",
                kind: Kind::Cookie,
                provider: "Meta",
                purpose: Some(Purpose::Ads),
                days: Some(90),
                present: true,
            }]
        );
        let analytics = device.rows(Category::Analytics);
        let hotjar = row(analytics, Kind::Cookie, "_hjSessionUser_*");
        assert_eq!((hotjar.provider, hotjar.present), ("Hotjar", true));
        assert_eq!(hotjar.purpose, Some(Purpose::Identify));
        assert!(row(analytics, Kind::StorageKey, "_hj*").present);
        // Only the patterns seen are added, not the whole tracker.
        assert!(!analytics.iter().any(|r| r.name == "_hjSession_*"));
        assert_eq!(device.present(Category::Marketing), 1);
        assert!(device.unclassified.is_empty());
    }

    #[test]
    fn names_nobody_declares_are_not_classified_deduplicated_sorted_and_kept_apart() {
        let config = Config::default();
        let device = read(
            &config,
            &["theme", "<b>x</b>", "theme", "PHPSESSID", ""],
            &["cart", "theme", "cart"],
        );
        assert_eq!(
            device.unclassified,
            Unclassified {
                cookies: vec!["<b>x</b>", "PHPSESSID", "theme"],
                keys: vec!["cart", "theme"],
            }
        );
    }

    #[test]
    fn the_widgets_own_record_is_under_necessary_with_its_mirror_cookie() {
        let config = Config::default();
        let device = read(&config, &[], &["bzconsent"]);
        assert_eq!(
            present_names(device.rows(Category::Necessary)),
            ["bzconsent"]
        );
        assert_eq!(device.present(Category::Necessary), 1);

        // A mirror cookie left from a configuration that had it is still the widget's own.
        let device = read(&config, &["bzconsent"], &[]);
        let necessary = device.rows(Category::Necessary);
        assert!(row(necessary, Kind::Cookie, "bzconsent").present);
        assert!(!row(necessary, Kind::StorageKey, "bzconsent").present);
        assert!(device.unclassified.is_empty());

        let mirrored = configured(r#"{"cookieMirror":true,"expiryDays":30}"#);
        let device = read(&mirrored, &[], &[]);
        let cookie = row(device.rows(Category::Necessary), Kind::Cookie, "bzconsent");
        assert_eq!((cookie.present, cookie.days), (false, Some(30)));
    }

    #[test]
    fn site_declared_patterns_are_rows_of_their_service() {
        let config = configured(
            r#"{"services":[
                {"id":"chat","category":"preferences","name":"Chat Co","cookies":["chat_*"],"storage":["chat-state"]},
                {"id":"google-analytics","category":"analytics","cookies":["_ga","my_ga"],"storage":["ga-queue"]}
            ]}"#,
        );
        let device = read(&config, &["chat_1", "my_ga"], &["chat-state", "ga-queue"]);
        let preferences = device.rows(Category::Preferences);
        assert_eq!(names(preferences, Kind::Cookie), ["chat_*"]);
        assert_eq!(names(preferences, Kind::StorageKey), ["chat-state"]);
        let chat = row(preferences, Kind::Cookie, "chat_*");
        assert_eq!(
            (chat.provider, chat.purpose, chat.days),
            ("Chat Co", None, None)
        );
        assert_eq!(device.present(Category::Preferences), 2);
        let analytics = device.rows(Category::Analytics);
        // `_ga` is the catalogue's row (with purpose and duration), not a second one.
        assert_eq!(analytics.iter().filter(|r| r.name == "_ga").count(), 1);
        assert_eq!(row(analytics, Kind::Cookie, "my_ga").provider, "Google");
        assert_eq!(present_names(analytics), ["my_ga", "ga-queue"]);
        assert!(device.unclassified.is_empty());
    }

    #[test]
    fn only_the_first_200_names_of_each_list_are_considered() {
        let config = Config::default();
        let many: Vec<String> = (0..250).map(|i| format!("x{i:03}")).collect();
        let mut cookies: Vec<&str> = many.iter().map(String::as_str).collect();
        cookies.insert(MAX_NAMES, "_ga");
        let keys = cookies.clone();
        let device = read(&config, &cookies, &keys);
        assert_eq!(device.present(Category::Analytics), 0);
        assert_eq!(device.unclassified.cookies.len(), MAX_NAMES);
        assert_eq!(device.unclassified.keys.len(), MAX_NAMES);
        assert_eq!(device.unclassified.cookies.last(), Some(&"x199"));

        // Empty names do not count against the bound.
        let mut cookies = vec![""; 300];
        cookies.push("_ga");
        let device = read(&config, &cookies, &[]);
        assert_eq!(device.present(Category::Analytics), 1);
    }

    #[test]
    fn a_name_too_long_to_match_is_not_classified() {
        let config = Config::default();
        let long = format!("_ga_{}", "A".repeat(MAX_NAME_BYTES));
        let device = read(&config, &[&long], &[&long]);
        assert_eq!(device.present(Category::Analytics), 0);
        assert_eq!(device.unclassified.cookies, [long.as_str()]);
        assert_eq!(device.unclassified.keys, [long.as_str()]);
        let fits = &long[..MAX_NAME_BYTES];
        assert_eq!(read(&config, &[fits], &[]).present(Category::Analytics), 1);
    }

    #[test]
    fn cookie_names_are_read_from_document_cookie_as_the_guard_reads_them() {
        assert_eq!(
            cookie_names("a=1; _ga=GA1.2.3; b ; =c; d=e=f;;  g=  "),
            ["a", "_ga", "b", "d", "g"]
        );
        assert_eq!(cookie_names(""), Vec::<&str>::new());
    }

    #[test]
    fn a_category_table_is_captioned_scoped_and_a_focusable_region() {
        let config = Config::default();
        let s = screen(&config);
        let device = read(&config, &["_ga"], &[]);
        let mut html = String::new();
        push_tables(
            &mut html,
            &s,
            Category::Analytics,
            device.rows(Category::Analytics),
        );
        let en = |t| i18n::text(Lang::En, t);
        let head = [
            "<div class=\"device\" role=\"region\" tabindex=\"0\" aria-labelledby=\"bz-device-analytics\">",
            "<table><caption id=\"bz-device-analytics\">Analytics: cookies and browser storage</caption>",
            "<thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Provider</th><th scope=\"col\">Purpose</th>",
            "<th scope=\"col\">Duration</th><th scope=\"col\">On this device</th></tr></thead>",
            "<tbody><tr><th scope=\"rowgroup\" colspan=\"5\">Cookies</th></tr>",
            "<tr><th scope=\"row\" translate=\"no\">_ga</th><td>Google</td><td>",
            en(Text::PurposeIdentify),
            "</td><td>2 year(s)</td><td class=\"yes\">Yes, now</td></tr>",
            "<tr><th scope=\"row\" translate=\"no\">_ga_*</th><td>Google</td><td>",
        ]
        .concat();
        assert!(html.starts_with(&head), "{html}");
        assert!(html.contains(
            "<tbody><tr><th scope=\"rowgroup\" colspan=\"5\">Browser storage</th></tr><tr><th scope=\"row\" translate=\"no\">Hm_unsent_*</th><td>Baidu</td><td></td><td></td><td class=\"no\">Not found</td></tr>"
        ));
        assert!(html.ends_with("</tbody></table></div>"));
        let rows = device.rows(Category::Analytics).len();
        assert_eq!(html.matches("<th scope=\"row\"").count(), rows);
        assert_eq!(html.matches("<td class=\"yes\">").count(), 1);
        assert_eq!(html.matches("<td class=\"no\">").count(), rows - 1);
        assert_eq!(html.matches("<tbody>").count(), 2);

        // A category with nothing declared or found writes nothing.
        let mut empty = String::new();
        push_tables(&mut empty, &s, Category::Preferences, &[]);
        push_count(&mut empty, &s, Category::Preferences, &[]);
        push_unclassified(&mut empty, &s, &Unclassified::default());
        assert_eq!(empty, "");
    }

    #[test]
    fn the_header_counts_present_rows_of_all_rows() {
        let config = Config::default();
        let s = screen(&config);
        let device = read(&config, &["_ga", "_gid"], &[]);
        let rows = device.rows(Category::Analytics);
        let total = rows.len().to_string();
        assert_eq!(
            count_text(&s, rows),
            format!("2 of {total} on this device now")
        );
        let mut html = String::new();
        push_count(&mut html, &s, Category::Analytics, rows);
        assert_eq!(
            html,
            format!("<span class=\"device-count\" id=\"bz-device-analytics-count\">2 of {total} on this device now</span>")
        );
    }

    #[test]
    fn not_classified_lists_names_only_cookies_and_keys_apart() {
        let config = Config::default();
        let s = screen(&config);
        let device = read(&config, &["theme"], &["cart"]);
        let mut html = String::new();
        push_unclassified(&mut html, &s, &device.unclassified);
        assert_eq!(
            html,
            [
                "<div class=\"device unclassified\" role=\"region\" tabindex=\"0\" aria-labelledby=\"bz-device-unclassified\">",
                "<h3 id=\"bz-device-unclassified\">Not classified</h3>",
                "<p id=\"bz-device-unclassified-cookies\">Cookies</p>",
                "<ul aria-labelledby=\"bz-device-unclassified-cookies\" translate=\"no\"><li>theme</li></ul>",
                "<p id=\"bz-device-unclassified-keys\">Browser storage</p>",
                "<ul aria-labelledby=\"bz-device-unclassified-keys\" translate=\"no\"><li>cart</li></ul></div>",
            ]
            .concat()
        );
        let mut note = String::new();
        push_server_note(&mut note, &s);
        assert!(note.starts_with("<p class=\"note device-note\">The site’s server"));
        assert!(note.contains("HttpOnly") && note.ends_with("</p>"));
    }

    #[test]
    fn hostile_names_and_patterns_stay_text() {
        let config = configured(
            r#"{"services":[{"id":"evil","category":"marketing","name":"<img src=x onerror=alert(1)>","cookies":["<script>*","a\"b'c&*"]}]}"#,
        );
        let s = screen(&config);
        let long = "<".repeat(5000);
        let cookies = [
            "<img src=x onerror=alert(1)>",
            "\"'><svg onload=alert(1)>",
            "ok\u{0}\u{1b}[31m\r\nx",
            "\u{202e}gnp.exe",
            long.as_str(),
            "<script>alert(1)</script>",
            "a\"b'c&d",
        ];
        let device = read(&config, &cookies, &cookies);
        let marketing = device.rows(Category::Marketing);
        assert_eq!(present_names(marketing), ["<script>*", "a\"b'c&*"]);
        let mut html = String::new();
        for c in Category::ALL {
            push_count(&mut html, &s, c, device.rows(c));
            push_tables(&mut html, &s, c, device.rows(c));
        }
        push_unclassified(&mut html, &s, &device.unclassified);
        for tag in tags(&html) {
            assert!(OWN_TAGS.contains(&tag), "foreign tag {tag:?} in {html}");
        }
        assert!(!html.contains('\''), "{html}");
        assert!(
            !html.chars().any(|c| c.is_control() || c == '\u{202e}'),
            "{html}"
        );
        assert!(html.contains("<th scope=\"row\" translate=\"no\">&lt;script&gt;*</th><td>&lt;img src=x onerror=alert(1)&gt;</td>"));
        assert!(html.contains("<li>&lt;img src=x onerror=alert(1)&gt;</li>"));
        assert!(html.contains("<li>ok\u{fffd}\u{fffd}[31m\u{fffd}\u{fffd}x</li>"));
        assert!(html.contains("<li>\u{fffd}gnp.exe</li>"));
        // Long names are shortened: 80 characters, then an ellipsis.
        let shown = ["<li>", &"&lt;".repeat(SHOWN_CHARS), "…</li>"].concat();
        assert!(html.contains(&shown));
        assert!(html.len() < 20_000, "{}", html.len());
    }

    #[test]
    fn ids_are_unique_made_of_category_names_and_every_label_exists() {
        let config = configured(r#"{"cookieMirror":true}"#);
        let s = screen(&config);
        let device = read(
            &config,
            &["_ga", "_fbp", "x\" id=\"bz-device-analytics"],
            &["k"],
        );
        let mut html = String::new();
        for c in Category::ALL {
            push_count(&mut html, &s, c, device.rows(c));
            push_tables(&mut html, &s, c, device.rows(c));
        }
        push_unclassified(&mut html, &s, &device.unclassified);
        let ids = ids(&html);
        assert_eq!(
            ids,
            [
                "bz-device-necessary-count",
                "bz-device-necessary",
                "bz-device-analytics-count",
                "bz-device-analytics",
                "bz-device-marketing-count",
                "bz-device-marketing",
                "bz-device-unclassified",
                "bz-device-unclassified-cookies",
                "bz-device-unclassified-keys",
            ]
        );
        for label in html.split("aria-labelledby=\"").skip(1) {
            let label = label.split('"').next().unwrap_or("");
            assert!(ids.contains(&label), "{label}");
        }
        assert_eq!(
            html.matches("role=\"region\" tabindex=\"0\"").count(),
            html.matches("aria-labelledby=\"").count() - 2
        );
    }

    #[test]
    fn every_language_fills_the_tables_texts() {
        let config = Config::default();
        let device = read(&config, &["_ga", "theme"], &["bzconsent"]);
        for lang in Lang::ALL {
            let texts = i18n::Texts::builtin(lang);
            let s = crate::core::view::Screen {
                lang,
                texts: &texts,
                ..screen(&config)
            };
            let mut html = String::new();
            for c in Category::ALL {
                push_count(&mut html, &s, c, device.rows(c));
                push_tables(&mut html, &s, c, device.rows(c));
            }
            push_unclassified(&mut html, &s, &device.unclassified);
            push_server_note(&mut html, &s);
            assert!(
                !html.contains('{') && !html.contains('}'),
                "{lang:?}: {html}"
            );
            let title = i18n::text(lang, Text::CategoryAnalyticsTitle);
            assert!(html.contains(title), "{lang:?}");
            for t in [
                Text::OnDevice,
                Text::PresentYes,
                Text::PresentNo,
                Text::NotClassified,
            ] {
                assert!(html.contains(i18n::text(lang, t)), "{lang:?} {t:?}");
            }
        }
    }

    #[test]
    fn a_site_text_replaces_the_built_in_one() {
        let config =
            configured(r#"{"texts":{"en":{"present_yes":"Here","on_device":"Stored now?"}}}"#);
        let s = screen(&config);
        let device = read(&config, &["_ga"], &[]);
        let mut html = String::new();
        push_tables(
            &mut html,
            &s,
            Category::Analytics,
            device.rows(Category::Analytics),
        );
        assert!(html.contains("<th scope=\"col\">Stored now?</th>"));
        assert!(html.contains("<td class=\"yes\">Here</td>"));
    }

    #[test]
    fn durations_read_as_years_months_days_or_session() {
        let config = Config::default();
        let s = screen(&config);
        let en = |t| i18n::text(Lang::En, t);
        assert_eq!(duration(&s, 0), en(Text::DurationSession));
        assert_eq!(
            duration(&s, 730),
            i18n::fill(en(Text::DurationYears), "n", "2")
        );
        assert_eq!(
            duration(&s, 400),
            i18n::fill(en(Text::DurationMonths), "n", "13")
        );
        assert_eq!(
            duration(&s, 1),
            i18n::fill(en(Text::DurationDays), "n", "1")
        );
    }
}
