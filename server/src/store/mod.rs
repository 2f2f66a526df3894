//! Where choices are kept: SQLite (embedded, the default) or PostgreSQL, chosen by the
//! database URL. Both have the same schema and answer the same questions; migrations run when
//! a store is opened.

mod postgres;
mod sqlite;

/// The columns of a stored choice, in the order both databases read them back.
const COLUMNS: &str =
    "seq, id, time_ms, received_ms, categories, revision, method, language, url, client_ip, user_agent";

use std::fmt;

use serde::Serialize;

use crate::beacon::{Category, Choice, Method};

pub use postgres::PostgresStore;
pub use sqlite::SqliteStore;

/// A stored choice: the row number and the choice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredChoice {
    /// Row number, increasing with insertion.
    pub seq: i64,
    /// The choice.
    pub choice: Choice,
}

/// Counts shown on the admin page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Every stored choice.
    pub total: u64,
    /// Choices per method, in [`Method::ALL`] order.
    pub methods: Vec<(&'static str, u64)>,
    /// Choices that accepted each category, in [`Category::ALL`] order.
    pub categories: Vec<(&'static str, u64)>,
}

impl Counts {
    /// Adds `n` choices made with `method` accepting `categories`.
    fn add(&mut self, method: &str, categories: &str, n: u64) {
        if self.methods.is_empty() {
            self.methods = Method::ALL.iter().map(|m| (m.name(), 0)).collect();
            self.categories = Category::ALL.iter().map(|c| (c.name(), 0)).collect();
        }
        self.total += n;
        for (name, count) in &mut self.methods {
            if *name == method {
                *count += n;
            }
        }
        let accepted = crate::beacon::split_categories(categories);
        for (name, count) in &mut self.categories {
            if accepted.iter().any(|c| c.name() == *name) {
                *count += n;
            }
        }
    }
}

/// What went wrong with the database. Cloned to every request of a failed batch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The URL names no database this server can use.
    Url(String),
    /// The database cannot be reached or refused the work (down, full, read-only, locked…).
    Unavailable(String),
    /// A row in the database does not read back as a choice.
    Corrupt(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Url(m) => write!(f, "database URL: {m}"),
            StoreError::Unavailable(m) => write!(f, "database unavailable: {m}"),
            StoreError::Corrupt(m) => write!(f, "unreadable row: {m}"),
        }
    }
}

impl std::error::Error for StoreError {}

/// A `Result` whose error is a [`StoreError`].
pub type Result<T> = std::result::Result<T, StoreError>;

/// The database, SQLite or PostgreSQL.
pub enum Store {
    /// An SQLite file.
    Sqlite(SqliteStore),
    /// A PostgreSQL server.
    Postgres(Box<PostgresStore>),
}

impl Store {
    /// Opens the database named by `url` and brings its schema up to date:
    /// `sqlite:PATH` (or `sqlite://PATH`) or `postgres://…` / `postgresql://…`.
    pub async fn open(url: &str) -> Result<Store> {
        if let Some(path) = url.strip_prefix("sqlite:") {
            let path = path.strip_prefix("//").unwrap_or(path);
            if path.is_empty() {
                return Err(StoreError::Url("sqlite: needs a file path".into()));
            }
            Ok(Store::Sqlite(SqliteStore::open(path).await?))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Store::Postgres(Box::new(PostgresStore::open(url).await?)))
        } else {
            Err(StoreError::Url(
                "expected sqlite:PATH or postgres://user@host/db".into(),
            ))
        }
    }

    /// Which database this is: `sqlite` or `postgres`.
    pub fn kind(&self) -> &'static str {
        match self {
            Store::Sqlite(_) => "sqlite",
            Store::Postgres(_) => "postgres",
        }
    }

    /// Stores `choices` in one transaction: all of them, or none and an error.
    pub async fn insert(&self, choices: Vec<Choice>) -> Result<()> {
        match self {
            Store::Sqlite(s) => s.insert(choices).await,
            Store::Postgres(s) => s.insert(choices).await,
        }
    }

    /// Every choice stored for the record `id`, oldest first.
    pub async fn history(&self, id: &str) -> Result<Vec<StoredChoice>> {
        match self {
            Store::Sqlite(s) => s.history(id.to_owned()).await,
            Store::Postgres(s) => s.history(id).await,
        }
    }

    /// Up to `limit` choices received at or after `since_ms` with a row number above
    /// `after_seq`, in row order (for exports, page by page).
    pub async fn page(
        &self,
        since_ms: i64,
        after_seq: i64,
        limit: u32,
    ) -> Result<Vec<StoredChoice>> {
        match self {
            Store::Sqlite(s) => s.page(since_ms, after_seq, limit).await,
            Store::Postgres(s) => s.page(since_ms, after_seq, limit).await,
        }
    }

    /// The `limit` most recently stored choices, newest first.
    pub async fn recent(&self, limit: u32) -> Result<Vec<StoredChoice>> {
        match self {
            Store::Sqlite(s) => s.recent(limit).await,
            Store::Postgres(s) => s.recent(limit).await,
        }
    }

    /// How many choices are stored, per method and per accepted category.
    pub async fn counts(&self) -> Result<Counts> {
        let groups = match self {
            Store::Sqlite(s) => s.groups().await?,
            Store::Postgres(s) => s.groups().await?,
        };
        let mut counts = Counts::default();
        counts.add("", "", 0);
        for (method, categories, n) in groups {
            counts.add(&method, &categories, n);
        }
        Ok(counts)
    }

    /// Deletes the choices received before `cutoff_ms`; returns how many.
    pub async fn delete_before(&self, cutoff_ms: i64) -> Result<u64> {
        match self {
            Store::Sqlite(s) => s.delete_before(cutoff_ms).await,
            Store::Postgres(s) => s.delete_before(cutoff_ms).await,
        }
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> Result<()> {
        match self {
            Store::Sqlite(s) => s.ping().await,
            Store::Postgres(s) => s.ping().await,
        }
    }
}

/// A choice from its stored columns.
#[allow(clippy::too_many_arguments)]
fn row_to_choice(
    seq: i64,
    id: String,
    time_ms: i64,
    received_ms: i64,
    categories: &str,
    revision: i64,
    method: &str,
    language: String,
    url: String,
    client_ip: Option<String>,
    user_agent: Option<String>,
) -> Result<StoredChoice> {
    let method = Method::from_name(method)
        .ok_or_else(|| StoreError::Corrupt(format!("row {seq}: method {method:?}")))?;
    let revision = u32::try_from(revision)
        .map_err(|_| StoreError::Corrupt(format!("row {seq}: revision {revision}")))?;
    Ok(StoredChoice {
        seq,
        choice: Choice {
            id,
            time_ms,
            received_ms,
            categories: crate::beacon::split_categories(categories),
            revision,
            method,
            language,
            url,
            client_ip,
            user_agent,
        },
    })
}
