//! SQLite, embedded (rusqlite with its bundled SQLite): one file, write-ahead log, every commit
//! synced to disk before it is acknowledged.

use std::sync::{Arc, Mutex};

use rusqlite::{params, Connection, OptionalExtension};

use super::{row_to_choice, Result, StoreError, StoredChoice};
use crate::beacon::Choice;

/// The schema, one step per migration; step `n` brings the schema to version `n + 1`.
const MIGRATIONS: &[&str] = &["CREATE TABLE consent_choices (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL,
        time_ms INTEGER NOT NULL,
        received_ms INTEGER NOT NULL,
        categories TEXT NOT NULL,
        revision INTEGER NOT NULL,
        method TEXT NOT NULL,
        language TEXT NOT NULL,
        url TEXT NOT NULL,
        client_ip TEXT,
        user_agent TEXT
    );
    CREATE INDEX consent_choices_by_id ON consent_choices (id, seq);
    CREATE INDEX consent_choices_by_received ON consent_choices (received_ms);"];

use super::COLUMNS;

/// An SQLite database: one connection writes, another reads (WAL lets them run side by side).
pub struct SqliteStore {
    writer: Arc<Mutex<Connection>>,
    reader: Arc<Mutex<Connection>>,
}

fn unavailable(e: impl std::fmt::Display) -> StoreError {
    StoreError::Unavailable(e.to_string())
}

fn connect(path: &str) -> Result<Connection> {
    let conn = Connection::open(path).map_err(unavailable)?;
    // WAL: readers do not block the writer. synchronous=FULL: a commit is on disk (fsync of the
    // log) before it returns, so a 204 survives a power cut, not only a crash. Group commits
    // keep that to one sync per batch.
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;
         PRAGMA busy_timeout = 5000;",
    )
    .map_err(unavailable)?;
    Ok(conn)
}

fn migrate(conn: &mut Connection) -> Result<()> {
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(unavailable)?;
    tx.execute_batch(
        "CREATE TABLE IF NOT EXISTS bzconsent_log_schema (version INTEGER NOT NULL, applied_ms INTEGER NOT NULL)",
    )
    .map_err(unavailable)?;
    let version: i64 = tx
        .query_row(
            "SELECT COALESCE(MAX(version), 0) FROM bzconsent_log_schema",
            [],
            |r| r.get(0),
        )
        .map_err(unavailable)?;
    for (i, step) in MIGRATIONS.iter().enumerate() {
        let target = i as i64 + 1;
        if target <= version {
            continue;
        }
        tx.execute_batch(step).map_err(unavailable)?;
        tx.execute(
            "INSERT INTO bzconsent_log_schema (version, applied_ms) VALUES (?1, ?2)",
            params![target, crate::now_ms()],
        )
        .map_err(unavailable)?;
    }
    tx.commit().map_err(unavailable)
}

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<StoredChoice>> {
    let categories: String = r.get(4)?;
    let method: String = r.get(6)?;
    Ok(row_to_choice(
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        &categories,
        r.get(5)?,
        &method,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
        r.get(10)?,
    ))
}

fn collect(
    rows: impl Iterator<Item = rusqlite::Result<Result<StoredChoice>>>,
) -> Result<Vec<StoredChoice>> {
    let mut out = Vec::new();
    for row in rows {
        out.push(row.map_err(unavailable)??);
    }
    Ok(out)
}

impl SqliteStore {
    /// Opens (creating if needed) the database file at `path` and migrates it.
    pub async fn open(path: &str) -> Result<SqliteStore> {
        let path = path.to_owned();
        run(move || {
            let mut writer = connect(&path)?;
            migrate(&mut writer)?;
            let reader = connect(&path)?;
            Ok(SqliteStore {
                writer: Arc::new(Mutex::new(writer)),
                reader: Arc::new(Mutex::new(reader)),
            })
        })
        .await
    }

    /// Stores `choices` in one transaction.
    pub async fn insert(&self, choices: Vec<Choice>) -> Result<()> {
        let writer = Arc::clone(&self.writer);
        run(move || {
            let mut conn = writer.lock().map_err(|_| unavailable("writer lock poisoned"))?;
            let tx = conn.transaction().map_err(unavailable)?;
            {
                let mut insert = tx
                    .prepare_cached(
                        "INSERT INTO consent_choices (id, time_ms, received_ms, categories, revision,
                         method, language, url, client_ip, user_agent)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    )
                    .map_err(unavailable)?;
                for c in &choices {
                    insert
                        .execute(params![
                            c.id,
                            c.time_ms,
                            c.received_ms,
                            c.categories_text(),
                            i64::from(c.revision),
                            c.method.name(),
                            c.language,
                            c.url,
                            c.client_ip,
                            c.user_agent,
                        ])
                        .map_err(unavailable)?;
                }
            }
            tx.commit().map_err(unavailable)
        })
        .await
    }

    /// Every choice of the record `id`, oldest first.
    pub async fn history(&self, id: String) -> Result<Vec<StoredChoice>> {
        self.read(move |conn| {
            let mut q = conn
                .prepare_cached(&format!(
                    "SELECT {COLUMNS} FROM consent_choices WHERE id = ?1 ORDER BY seq"
                ))
                .map_err(unavailable)?;
            let rows = q.query_map([id], read_row).map_err(unavailable)?;
            collect(rows)
        })
        .await
    }

    /// A page of choices received since `since_ms`, after row `after_seq`.
    pub async fn page(
        &self,
        since_ms: i64,
        after_seq: i64,
        limit: u32,
    ) -> Result<Vec<StoredChoice>> {
        self.read(move |conn| {
            let mut q = conn
                .prepare_cached(&format!(
                    "SELECT {COLUMNS} FROM consent_choices WHERE received_ms >= ?1 AND seq > ?2
                     ORDER BY seq LIMIT ?3"
                ))
                .map_err(unavailable)?;
            let rows = q
                .query_map(params![since_ms, after_seq, limit], read_row)
                .map_err(unavailable)?;
            collect(rows)
        })
        .await
    }

    /// The most recent choices, newest first.
    pub async fn recent(&self, limit: u32) -> Result<Vec<StoredChoice>> {
        self.read(move |conn| {
            let mut q = conn
                .prepare_cached(&format!(
                    "SELECT {COLUMNS} FROM consent_choices ORDER BY seq DESC LIMIT ?1"
                ))
                .map_err(unavailable)?;
            let rows = q.query_map([limit], read_row).map_err(unavailable)?;
            collect(rows)
        })
        .await
    }

    /// (method, categories, count) groups.
    pub async fn groups(&self) -> Result<Vec<(String, String, u64)>> {
        self.read(|conn| {
            let mut q = conn
                .prepare_cached(
                    "SELECT method, categories, COUNT(*) FROM consent_choices GROUP BY method, categories",
                )
                .map_err(unavailable)?;
            let rows = q
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as u64)))
                .map_err(unavailable)?;
            rows.collect::<rusqlite::Result<Vec<_>>>().map_err(unavailable)
        })
        .await
    }

    /// Deletes choices received before `cutoff_ms`.
    pub async fn delete_before(&self, cutoff_ms: i64) -> Result<u64> {
        let writer = Arc::clone(&self.writer);
        run(move || {
            let conn = writer
                .lock()
                .map_err(|_| unavailable("writer lock poisoned"))?;
            let n = conn
                .execute(
                    "DELETE FROM consent_choices WHERE received_ms < ?1",
                    [cutoff_ms],
                )
                .map_err(unavailable)?;
            Ok(n as u64)
        })
        .await
    }

    /// Whether the file can be read.
    pub async fn ping(&self) -> Result<()> {
        self.read(|conn| {
            conn.query_row("SELECT 1", [], |_| Ok(()))
                .optional()
                .map_err(unavailable)
                .map(|_| ())
        })
        .await
    }

    async fn read<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let reader = Arc::clone(&self.reader);
        run(move || {
            let conn = reader
                .lock()
                .map_err(|_| unavailable("reader lock poisoned"))?;
            f(&conn)
        })
        .await
    }
}

/// Runs blocking database work off the async threads.
async fn run<T: Send + 'static>(f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| unavailable(format!("database task failed: {e}")))?
}
