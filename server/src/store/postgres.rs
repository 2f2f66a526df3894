//! PostgreSQL (tokio-postgres), for sites that outgrow one machine: a batch is one `INSERT …
//! SELECT FROM UNNEST(…)` statement, one commit. A lost connection is opened again on next use.

use std::time::Duration;

use tokio::sync::{Mutex, MutexGuard};
use tokio_postgres::{Client, Config, NoTls, Row};

use super::{row_to_choice, Result, StoreError, StoredChoice};
use crate::beacon::Choice;

/// The schema, one step per migration; step `n` brings the schema to version `n + 1`.
const MIGRATIONS: &[&str] = &["CREATE TABLE consent_choices (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id TEXT NOT NULL,
        time_ms BIGINT NOT NULL,
        received_ms BIGINT NOT NULL,
        categories TEXT NOT NULL,
        revision BIGINT NOT NULL,
        method TEXT NOT NULL,
        language TEXT NOT NULL,
        url TEXT NOT NULL,
        client_ip TEXT,
        user_agent TEXT
    );
    CREATE INDEX consent_choices_by_id ON consent_choices (id, seq);
    CREATE INDEX consent_choices_by_received ON consent_choices (received_ms);"];

/// Any number: the key of the advisory lock two servers starting at once take in turn.
const MIGRATION_LOCK: i64 = 0x627a_636f_6e73;

use super::COLUMNS;

/// A PostgreSQL database: one connection writes, another reads.
pub struct PostgresStore {
    config: Config,
    writer: Mutex<Option<Client>>,
    reader: Mutex<Option<Client>>,
}

fn unavailable(e: impl std::fmt::Display) -> StoreError {
    StoreError::Unavailable(e.to_string())
}

/// The server's own message when there is one ("db error" alone says nothing).
fn pg_unavailable(e: tokio_postgres::Error) -> StoreError {
    match e.as_db_error() {
        Some(db) => StoreError::Unavailable(format!("{}: {}", db.code().code(), db.message())),
        None => unavailable(e),
    }
}

async fn connect(config: &Config) -> Result<Client> {
    let (client, connection) = config.connect(NoTls).await.map_err(pg_unavailable)?;
    tokio::spawn(async move {
        if let Err(e) = connection.await {
            eprintln!(
                "bzconsent-log: postgres connection closed: {}",
                pg_unavailable(e)
            );
        }
    });
    Ok(client)
}

/// The open client in `slot`, connecting first when there is none or it was closed.
async fn client<'a>(
    config: &Config,
    slot: &'a Mutex<Option<Client>>,
) -> Result<MutexGuard<'a, Option<Client>>> {
    let mut guard = slot.lock().await;
    if guard.as_ref().is_none_or(Client::is_closed) {
        *guard = Some(connect(config).await?);
    }
    Ok(guard)
}

/// The result, with the connection dropped on error: whatever went wrong (server restarted,
/// connection killed, database gone), the next use starts from a new connection.
fn forget_on_error<T>(
    slot: &mut Option<Client>,
    result: std::result::Result<T, tokio_postgres::Error>,
) -> Result<T> {
    result.map_err(|e| {
        *slot = None;
        pg_unavailable(e)
    })
}

fn read_row(r: &Row) -> Result<StoredChoice> {
    let get = |e: tokio_postgres::Error| StoreError::Corrupt(e.to_string());
    let categories: String = r.try_get(4).map_err(get)?;
    let method: String = r.try_get(6).map_err(get)?;
    row_to_choice(
        r.try_get(0).map_err(get)?,
        r.try_get(1).map_err(get)?,
        r.try_get(2).map_err(get)?,
        r.try_get(3).map_err(get)?,
        &categories,
        r.try_get(5).map_err(get)?,
        &method,
        r.try_get(7).map_err(get)?,
        r.try_get(8).map_err(get)?,
        r.try_get(9).map_err(get)?,
        r.try_get(10).map_err(get)?,
    )
}

impl PostgresStore {
    /// Connects to `url` and migrates the schema.
    pub async fn open(url: &str) -> Result<PostgresStore> {
        let mut config: Config = url.parse().map_err(|e| StoreError::Url(format!("{e}")))?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(5));
        }
        config.application_name("bzconsent-log");
        let store = PostgresStore {
            config,
            writer: Mutex::new(None),
            reader: Mutex::new(None),
        };
        store.migrate().await?;
        Ok(store)
    }

    async fn migrate(&self) -> Result<()> {
        let mut guard = client(&self.config, &self.writer).await?;
        let Some(client) = guard.as_mut() else {
            return Err(unavailable("no connection"));
        };
        let tx = client.transaction().await.map_err(unavailable)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
            .await
            .map_err(unavailable)?;
        tx.batch_execute(
            "CREATE TABLE IF NOT EXISTS bzconsent_log_schema (version INTEGER NOT NULL, applied_ms BIGINT NOT NULL)",
        )
        .await
        .map_err(unavailable)?;
        let version: i32 = tx
            .query_one(
                "SELECT COALESCE(MAX(version), 0) FROM bzconsent_log_schema",
                &[],
            )
            .await
            .map_err(unavailable)?
            .try_get(0)
            .map_err(unavailable)?;
        for (i, step) in MIGRATIONS.iter().enumerate() {
            let target = i as i32 + 1;
            if target <= version {
                continue;
            }
            tx.batch_execute(step).await.map_err(unavailable)?;
            tx.execute(
                "INSERT INTO bzconsent_log_schema (version, applied_ms) VALUES ($1, $2)",
                &[&target, &crate::now_ms()],
            )
            .await
            .map_err(unavailable)?;
        }
        tx.commit().await.map_err(unavailable)
    }

    /// Stores `choices` with one statement (one transaction, one commit).
    pub async fn insert(&self, choices: Vec<Choice>) -> Result<()> {
        let ids: Vec<&str> = choices.iter().map(|c| c.id.as_str()).collect();
        let times: Vec<i64> = choices.iter().map(|c| c.time_ms).collect();
        let received: Vec<i64> = choices.iter().map(|c| c.received_ms).collect();
        let categories: Vec<String> = choices.iter().map(Choice::categories_text).collect();
        let revisions: Vec<i64> = choices.iter().map(|c| i64::from(c.revision)).collect();
        let methods: Vec<&str> = choices.iter().map(|c| c.method.name()).collect();
        let languages: Vec<&str> = choices.iter().map(|c| c.language.as_str()).collect();
        let urls: Vec<&str> = choices.iter().map(|c| c.url.as_str()).collect();
        let ips: Vec<Option<&str>> = choices.iter().map(|c| c.client_ip.as_deref()).collect();
        let agents: Vec<Option<&str>> = choices.iter().map(|c| c.user_agent.as_deref()).collect();
        let mut guard = client(&self.config, &self.writer).await?;
        let Some(client) = guard.as_ref() else {
            return Err(unavailable("no connection"));
        };
        let result = client
            .execute(
                "INSERT INTO consent_choices (id, time_ms, received_ms, categories, revision, method,
                 language, url, client_ip, user_agent)
                 SELECT * FROM UNNEST($1::text[], $2::int8[], $3::int8[], $4::text[], $5::int8[],
                 $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])",
                &[
                    &ids, &times, &received, &categories, &revisions, &methods, &languages, &urls,
                    &ips, &agents,
                ],
            )
            .await;
        forget_on_error(&mut guard, result).map(|_| ())
    }

    async fn select(
        &self,
        sql: &str,
        params: &[&(dyn tokio_postgres::types::ToSql + Sync)],
    ) -> Result<Vec<StoredChoice>> {
        let mut guard = client(&self.config, &self.reader).await?;
        let Some(client) = guard.as_ref() else {
            return Err(unavailable("no connection"));
        };
        let result = client.query(sql, params).await;
        let rows = forget_on_error(&mut guard, result)?;
        rows.iter().map(read_row).collect()
    }

    /// Every choice of the record `id`, oldest first.
    pub async fn history(&self, id: &str) -> Result<Vec<StoredChoice>> {
        let sql = format!("SELECT {COLUMNS} FROM consent_choices WHERE id = $1 ORDER BY seq");
        self.select(&sql, &[&id]).await
    }

    /// A page of choices received since `since_ms`, after row `after_seq`.
    pub async fn page(
        &self,
        since_ms: i64,
        after_seq: i64,
        limit: u32,
    ) -> Result<Vec<StoredChoice>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM consent_choices WHERE received_ms >= $1 AND seq > $2
             ORDER BY seq LIMIT $3"
        );
        self.select(&sql, &[&since_ms, &after_seq, &i64::from(limit)])
            .await
    }

    /// The most recent choices, newest first.
    pub async fn recent(&self, limit: u32) -> Result<Vec<StoredChoice>> {
        let sql = format!("SELECT {COLUMNS} FROM consent_choices ORDER BY seq DESC LIMIT $1");
        self.select(&sql, &[&i64::from(limit)]).await
    }

    /// (method, categories, count) groups.
    pub async fn groups(&self) -> Result<Vec<(String, String, u64)>> {
        let mut guard = client(&self.config, &self.reader).await?;
        let Some(client) = guard.as_ref() else {
            return Err(unavailable("no connection"));
        };
        let result = client
            .query(
                "SELECT method, categories, COUNT(*) FROM consent_choices GROUP BY method, categories",
                &[],
            )
            .await;
        let rows = forget_on_error(&mut guard, result)?;
        rows.iter()
            .map(|r| {
                let n: i64 = r.try_get(2).map_err(unavailable)?;
                Ok((
                    r.try_get(0).map_err(unavailable)?,
                    r.try_get(1).map_err(unavailable)?,
                    n as u64,
                ))
            })
            .collect()
    }

    /// Deletes choices received before `cutoff_ms`.
    pub async fn delete_before(&self, cutoff_ms: i64) -> Result<u64> {
        let mut guard = client(&self.config, &self.writer).await?;
        let Some(client) = guard.as_ref() else {
            return Err(unavailable("no connection"));
        };
        let result = client
            .execute(
                "DELETE FROM consent_choices WHERE received_ms < $1",
                &[&cutoff_ms],
            )
            .await;
        forget_on_error(&mut guard, result)
    }

    /// Whether the server answers.
    pub async fn ping(&self) -> Result<()> {
        let mut guard = client(&self.config, &self.reader).await?;
        let Some(client) = guard.as_ref() else {
            return Err(unavailable("no connection"));
        };
        let result = client.simple_query("SELECT 1").await;
        forget_on_error(&mut guard, result).map(|_| ())
    }
}
