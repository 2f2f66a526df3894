//! The Open Cookie Database (<https://github.com/jkwakman/Open-Cookie-Database>, Apache-2.0):
//! cookie and storage-key names with their platform and category, consulted for names that
//! neither bzconsent's catalogue nor the page's configuration knows. The CSV file is compiled in
//! from `cli/data/` (see its README for updating it).
//!
//! A row whose `Wildcard match` is `1` names a prefix (`_ga_` covers `_ga_ABC123`); otherwise
//! the name is exact. Its categories map onto bzconsent's: `Functional`, `Necessary` and
//! `Security` are necessary, `Personalization` is preferences, `Analytics` and `Marketing` keep
//! their names. A row of any other category is skipped.

use std::collections::HashMap;
use std::fmt;

use bzconsent::core::category::Category;

/// The database file, as committed in `cli/data/`.
pub const EMBEDDED_CSV: &str = include_str!("../data/open-cookie-database.csv");

/// The columns read, in the order of the upstream header.
const COLUMNS: [&str; 10] = [
    "ID",
    "Platform",
    "Category",
    "Cookie / Data Key name",
    "Domain",
    "Description",
    "Retention period",
    "Data Controller",
    "User Privacy & GDPR Rights Portals",
    "Wildcard match",
];

/// One row of the database.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The product that sets it (`Google Analytics`).
    pub platform: String,
    /// Its category, mapped onto bzconsent's.
    pub category: Category,
    /// The cookie or storage-key name (a prefix when `wildcard`).
    pub name: String,
    /// The domain it lives on when it is a third party's (`adform.net`), else empty.
    pub domain: String,
    /// What it is for.
    pub description: String,
    /// How long it lives, as written upstream (`2 years`, `session`).
    pub retention: String,
    /// The company responsible.
    pub controller: String,
    /// Whether `name` is a prefix rather than the whole name.
    pub wildcard: bool,
}

/// Why the database could not be read.
#[derive(Debug)]
pub enum OcdError {
    /// The CSV text itself is malformed.
    Csv(csv::Error),
    /// The header is not the expected one (upstream renamed or moved a column).
    Header {
        /// The header found.
        found: Vec<String>,
    },
}

impl fmt::Display for OcdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OcdError::Csv(e) => write!(f, "Open Cookie Database: malformed CSV: {e}"),
            OcdError::Header { found } => write!(
                f,
                "Open Cookie Database: expected the columns {COLUMNS:?}, found {found:?}"
            ),
        }
    }
}

impl std::error::Error for OcdError {}

impl From<csv::Error> for OcdError {
    fn from(e: csv::Error) -> Self {
        OcdError::Csv(e)
    }
}

/// The database, indexed for look-ups by name and by domain.
#[derive(Debug)]
pub struct Database {
    entries: Vec<Entry>,
    /// Exact names → rows.
    exact: HashMap<String, Vec<usize>>,
    /// Wildcard rows, longest prefix first.
    prefixes: Vec<usize>,
    /// Third-party domains → the one category all their rows agree on (`None` when they differ).
    domains: HashMap<String, Option<Category>>,
}

/// bzconsent's category for an upstream category name.
pub fn category_of(name: &str) -> Option<Category> {
    match name.trim() {
        "Functional" | "Necessary" | "Security" => Some(Category::Necessary),
        "Personalization" | "Preferences" => Some(Category::Preferences),
        "Analytics" => Some(Category::Analytics),
        "Marketing" => Some(Category::Marketing),
        _ => None,
    }
}

/// The bare domain of an upstream `Domain` cell (`adform.net (3rd party)` → `adform.net`).
fn clean_domain(cell: &str) -> String {
    let cell = cell.split('(').next().unwrap_or("").trim();
    let cell = cell.trim_start_matches('.');
    // A cell that is not a single host name (a sentence, a list) is ignored.
    if cell.is_empty()
        || !cell.contains('.')
        || cell
            .bytes()
            .any(|b| !(b.is_ascii_alphanumeric() || b == b'.' || b == b'-'))
    {
        return String::new();
    }
    cell.to_ascii_lowercase()
}

/// Whether `host` is `domain` or one of its subdomains.
pub fn within(host: &str, domain: &str) -> bool {
    let host = host.trim_start_matches('.');
    host.eq_ignore_ascii_case(domain)
        || (host.len() > domain.len()
            && host.as_bytes()[host.len() - domain.len() - 1] == b'.'
            && host[host.len() - domain.len()..].eq_ignore_ascii_case(domain))
}

impl Database {
    /// The database compiled into this binary.
    pub fn embedded() -> Result<Database, OcdError> {
        Database::parse(EMBEDDED_CSV)
    }

    /// Reads a database in the upstream CSV format.
    pub fn parse(text: &str) -> Result<Database, OcdError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(text.as_bytes());
        let header: Vec<String> = reader.headers()?.iter().map(str::to_owned).collect();
        if header.len() != COLUMNS.len() || header.iter().zip(COLUMNS).any(|(h, c)| h.trim() != c) {
            return Err(OcdError::Header { found: header });
        }
        let mut entries = Vec::new();
        for row in reader.records() {
            let row = row?;
            let cell = |i: usize| row.get(i).unwrap_or("").trim().to_owned();
            let Some(category) = category_of(&cell(2)) else {
                continue;
            };
            let name = cell(3);
            if name.is_empty() {
                continue;
            }
            entries.push(Entry {
                platform: cell(1),
                category,
                name,
                domain: clean_domain(&cell(4)),
                description: cell(5),
                retention: cell(6),
                controller: cell(7),
                wildcard: cell(9) == "1",
            });
        }
        Ok(Database::index(entries))
    }

    fn index(entries: Vec<Entry>) -> Database {
        let mut exact: HashMap<String, Vec<usize>> = HashMap::new();
        let mut prefixes = Vec::new();
        let mut domains: HashMap<String, Option<Category>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            if e.wildcard {
                prefixes.push(i);
            } else {
                exact.entry(e.name.clone()).or_default().push(i);
            }
            if !e.domain.is_empty() {
                domains
                    .entry(e.domain.clone())
                    .and_modify(|c| {
                        if *c != Some(e.category) {
                            *c = None;
                        }
                    })
                    .or_insert(Some(e.category));
            }
        }
        prefixes.sort_by_key(|&i| std::cmp::Reverse(entries[i].name.len()));
        Database {
            entries,
            exact,
            prefixes,
            domains,
        }
    }

    /// How many rows were read.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries.len()
    }

    /// The row for a cookie or storage-key name: an exact name first (among several, the one
    /// whose domain holds `domain`, if given), else the longest wildcard prefix.
    pub fn lookup(&self, name: &str, domain: Option<&str>) -> Option<&Entry> {
        if let Some(rows) = self.exact.get(name) {
            let on_domain = domain.and_then(|d| {
                rows.iter()
                    .map(|&i| &self.entries[i])
                    .find(|e| !e.domain.is_empty() && within(d, &e.domain))
            });
            return on_domain.or_else(|| rows.first().map(|&i| &self.entries[i]));
        }
        self.prefixes
            .iter()
            .map(|&i| &self.entries[i])
            .find(|e| e.name.len() >= 2 && name.starts_with(e.name.as_str()))
    }

    /// The category of a third-party host when every row of the database on its domain agrees
    /// on one (the most specific domain listed wins).
    pub fn host_category(&self, host: &str) -> Option<(&str, Category)> {
        let mut best: Option<(&str, Option<Category>)> = None;
        for (domain, category) in &self.domains {
            if within(host, domain) && best.is_none_or(|(b, _)| domain.len() > b.len()) {
                best = Some((domain.as_str(), *category));
            }
        }
        best.and_then(|(d, c)| c.map(|c| (d, c)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> Database {
        Database::embedded().expect("the committed database parses")
    }

    #[test]
    fn the_committed_file_parses_whole() {
        let db = db();
        assert!(db.len() > 2000, "{} rows", db.len());
    }

    #[test]
    fn well_known_names_keep_their_category() {
        let db = db();
        for (name, category) in [
            ("_ga", Category::Analytics),
            ("_ga_ABC123", Category::Analytics),
            ("_fbp", Category::Marketing),
            ("PHPSESSID", Category::Necessary),
            ("CookieConsent", Category::Necessary),
        ] {
            let e = db.lookup(name, None);
            assert_eq!(e.map(|e| e.category), Some(category), "{name}: {e:?}");
        }
        assert_eq!(db.lookup("certainly-not-a-known-cookie-name", None), None);
    }

    #[test]
    fn a_prefix_needs_the_whole_prefix() {
        let db = Database::parse(
            "ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match\n\
             1,Example,Marketing,ex_,example.net (3rd party),An id,1 year,Example,https://example.net/,1\n\
             2,Example,Analytics,ex_long_,,A longer one,1 day,Example,https://example.net/,1\n\
             3,Example,Functional,sid,,Session,session,Example,https://example.net/,0\n\
             4,Other,Marketing,sid,other.example (3rd party),Its own sid,session,Other,https://other.example/,0\n\
             5,Odd,Unheard-of,odd,,Skipped,session,Odd,,0\n",
        )
        .expect("parses");
        assert_eq!(db.len(), 4);
        assert_eq!(
            db.lookup("ex_1", None).map(|e| e.category),
            Some(Category::Marketing)
        );
        assert_eq!(
            db.lookup("ex_long_1", None).map(|e| e.category),
            Some(Category::Analytics)
        );
        assert_eq!(db.lookup("ex", None), None);
        assert_eq!(
            db.lookup("sid", None).map(|e| e.category),
            Some(Category::Necessary)
        );
        assert_eq!(
            db.lookup("sid", Some(".cdn.other.example"))
                .map(|e| e.category),
            Some(Category::Marketing)
        );
        assert_eq!(db.lookup("odd", None), None);
        assert_eq!(
            db.host_category("pixel.example.net"),
            Some(("example.net", Category::Marketing))
        );
        assert_eq!(db.host_category("notexample.net"), None);
    }

    #[test]
    fn a_renamed_column_is_refused() {
        let e = Database::parse("ID,Platform,Kind\n1,x,y\n");
        assert!(matches!(e, Err(OcdError::Header { .. })), "{e:?}");
    }

    #[test]
    fn domain_cells_are_cleaned() {
        assert_eq!(clean_domain("adform.net (3rd party)"), "adform.net");
        assert_eq!(clean_domain(".Example.COM"), "example.com");
        assert_eq!(clean_domain("several, domains"), "");
        assert_eq!(clean_domain(""), "");
        assert!(within("a.b.example.com", "example.com"));
        assert!(within(".example.com", "example.com"));
        assert!(!within("badexample.com", "example.com"));
    }
}
