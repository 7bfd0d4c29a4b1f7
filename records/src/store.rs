//! Storage: one append-only table, on SQLite (a file, the default) or PostgreSQL, through
//! sqlx's `Any` driver so that one schema and one set of queries serve both. Receipts are only
//! ever inserted, and deleted by retention when they are older than it.

use std::borrow::Cow;
use std::future::Future;
use std::pin::Pin;

use std::time::Duration;

use sqlx::any::{AnyArguments, AnyPoolOptions, AnyRow};
use sqlx::error::BoxDynError;
use sqlx::migrate::{Migration, MigrationSource, MigrationType, Migrator};
use sqlx::{Any, AnyPool, Executor, Row};

use crate::receipt::Receipt;

/// Which database a URL names: the migrations and the pools differ a little between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// A file, one writer: the embedded default.
    Sqlite,
    /// A server, for several instances behind a load balancer.
    Postgres,
}

impl Engine {
    /// The engine of a database URL, or an error naming the schemes understood.
    pub fn of(url: &str) -> Result<Engine, String> {
        if url.starts_with("sqlite:") {
            Ok(Engine::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Engine::Postgres)
        } else {
            Err("the database URL must start with sqlite: or postgres:".to_string())
        }
    }
}

/// The migrations, compiled into the binary: portable SQL, except where an engine needs its own
/// (an integer id assigned by the database is declared differently on each).
fn migrations(engine: Engine) -> Vec<(i64, &'static str, &'static str)> {
    vec![
        (1, "receipts", include_str!("../migrations/0001_receipts.sql")),
        match engine {
            Engine::Sqlite => (2, "receipt ids", include_str!("../migrations/0002_receipt_ids.sqlite.sql")),
            Engine::Postgres => (2, "receipt ids", include_str!("../migrations/0002_receipt_ids.postgres.sql")),
        },
    ]
}

#[derive(Debug)]
struct Embedded(Engine);

impl MigrationSource<'static> for Embedded {
    fn resolve(self) -> Pin<Box<dyn Future<Output = Result<Vec<Migration>, BoxDynError>> + Send>> {
        Box::pin(async move {
            Ok(migrations(self.0)
                .into_iter()
                .map(|(version, name, sql)| {
                    Migration::new(version, Cow::Borrowed(name), MigrationType::Simple, Cow::Borrowed(sql), false)
                })
                .collect())
        })
    }
}

/// A stored receipt, as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The server's time of receipt, in milliseconds since the Unix epoch.
    pub received_ms: i64,
    /// The receipt itself.
    pub receipt: Receipt,
}

/// A stored receipt with its id, as the export reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// Assigned by the database, never reused: with `received_ms`, the export's order.
    pub id: i64,
    /// The record.
    pub record: Record,
}

/// How many receipts of one day (UTC) and version made one choice the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    /// Days since 1970-01-01 (UTC) of the server's time of receipt.
    pub day: i64,
    /// The banner version.
    pub version: String,
    /// Accepted category ids.
    pub accepted: Vec<String>,
    /// Refused category ids.
    pub rejected: Vec<String>,
    /// How the choice was given.
    pub method: String,
    /// How many receipts.
    pub count: i64,
}

/// Receipts whose server time is in `from_ms..to_ms` (the end excluded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// The first millisecond included.
    pub from_ms: i64,
    /// The first millisecond excluded.
    pub to_ms: i64,
}

impl Span {
    /// Every receipt.
    pub const ALL: Span = Span { from_ms: 0, to_ms: i64::MAX };
}

/// Where a page of the export starts: after this (received_ms, id).
pub type Cursor = (i64, i64);

/// Rows deleted by one statement of [`Store::delete_older_than`]: short write transactions, so
/// that receipts are not held up while a large backlog is deleted.
const DELETE_BATCH: i64 = 5000;

const COLUMNS: &str =
    "received_ms, consent_id, version, area, language, accepted, rejected, method, gpc, config_hash, client_time";

/// The database.
#[derive(Clone, Debug)]
pub struct Store {
    /// Inserts and deletes. On SQLite a single connection: SQLite has one writer at a time.
    write: AnyPool,
    /// Reads. On SQLite its own read-only connections (WAL lets them read while the writer
    /// writes), so that an export or statistics never delay a receipt; on PostgreSQL the same pool.
    read: AnyPool,
    engine: Engine,
}

impl Store {
    /// Connects to `sqlite://path` (creating the file) or `postgres://…` and runs the migrations.
    ///
    /// SQLite runs in WAL mode with `synchronous=FULL`: a receipt is answered once its
    /// transaction is in the WAL file and synced, so that neither a killed process nor a power
    /// loss loses an acknowledged receipt.
    pub async fn open(url: &str) -> Result<Store, String> {
        sqlx::any::install_default_drivers();
        let engine = Engine::of(url)?;
        let connect_error = |e: sqlx::Error| format!("cannot open the database: {e}");
        let (write, read) = match engine {
            Engine::Sqlite => {
                let url = if url.contains('?') { url.to_string() } else { format!("{url}?mode=rwc") };
                let write = pool(1)
                    .after_connect(|conn, _| {
                        Box::pin(async move {
                            conn.execute("PRAGMA journal_mode = WAL").await?;
                            conn.execute("PRAGMA synchronous = FULL").await?;
                            Ok(())
                        })
                    })
                    .connect(&url)
                    .await
                    .map_err(connect_error)?;
                let memory = url.contains(":memory:") || url.contains("mode=memory");
                let read = if memory {
                    write.clone()
                } else {
                    pool(2)
                        .after_connect(|conn, _| {
                            Box::pin(async move {
                                conn.execute("PRAGMA query_only = ON").await?;
                                Ok(())
                            })
                        })
                        .connect(&url)
                        .await
                        .map_err(connect_error)?
                };
                (write, read)
            }
            Engine::Postgres => {
                let pool = pool(8).connect(url).await.map_err(connect_error)?;
                (pool.clone(), pool)
            }
        };
        let migrator = Migrator::new(Embedded(engine)).await.map_err(|e| format!("migrations: {e}"))?;
        migrator.run(&write).await.map_err(|e| format!("migrations: {e}"))?;
        Ok(Store { write, read, engine })
    }

    /// SQLite or PostgreSQL.
    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// On SQLite, the writer's journal mode and `synchronous` level (2 is FULL), as SQLite
    /// reports them; `None` on PostgreSQL.
    pub async fn sqlite_durability(&self) -> Result<Option<(String, i64)>, sqlx::Error> {
        if self.engine != Engine::Sqlite {
            return Ok(None);
        }
        let mut conn = self.write.acquire().await?;
        let mode: String = sqlx::query("PRAGMA journal_mode").fetch_one(&mut *conn).await?.try_get(0)?;
        let level: i64 = sqlx::query("PRAGMA synchronous").fetch_one(&mut *conn).await?.try_get(0)?;
        Ok(Some((mode, level)))
    }

    /// Appends a receipt with the server's time; nothing is ever updated here.
    pub async fn insert(&self, receipt: &Receipt, received_ms: i64) -> Result<(), sqlx::Error> {
        bind(
            sqlx::query(&format!("INSERT INTO receipts ({COLUMNS}) VALUES {}", placeholders(1))),
            receipt,
            received_ms,
        )
        .execute(&self.write)
        .await?;
        Ok(())
    }

    /// Appends many receipts in one transaction (to fill a database for measurements).
    pub async fn insert_many(&self, rows: &[(Receipt, i64)]) -> Result<(), sqlx::Error> {
        let mut tx = self.write.begin().await?;
        for chunk in rows.chunks(200) {
            let sql = format!("INSERT INTO receipts ({COLUMNS}) VALUES {}", placeholders(chunk.len()));
            let mut query = sqlx::query(&sql);
            for (receipt, received_ms) in chunk {
                query = bind(query, receipt, *received_ms);
            }
            query.execute(&mut *tx).await?;
        }
        tx.commit().await
    }

    /// The records of one consent id, newest first.
    pub async fn records(&self, consent_id: &str) -> Result<Vec<Record>, sqlx::Error> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM receipts WHERE consent_id = $1 ORDER BY received_ms DESC, id DESC"
        ))
        .bind(consent_id)
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(record).collect()
    }

    /// True when a receipt of this consent id made later (by the visitor's clock) than
    /// `client_time` is stored: a newer choice, whose cookie an older one must not overwrite.
    pub async fn has_newer(&self, consent_id: &str, client_time: &str) -> Result<bool, sqlx::Error> {
        let n: i64 = sqlx::query("SELECT COUNT(*) AS n FROM receipts WHERE consent_id = $1 AND client_time > $2")
            .bind(consent_id)
            .bind(client_time)
            .fetch_one(&self.read)
            .await?
            .try_get("n")?;
        Ok(n > 0)
    }

    /// At most `limit` receipts of the span in (received_ms, id) order, after `cursor`: one page
    /// of the export. Each page is its own short query, so that an export holds no connection
    /// (nor, on SQLite, a read transaction that stops the WAL from being checkpointed) between
    /// pages, however slowly its client reads.
    pub async fn page(&self, span: Span, cursor: Option<Cursor>, limit: i64) -> Result<Vec<Stored>, sqlx::Error> {
        let (after_ms, after_id) = cursor.unwrap_or((i64::MIN, i64::MIN));
        let from_ms = span.from_ms.max(after_ms);
        let rows = sqlx::query(&format!(
            "SELECT id, {COLUMNS} FROM receipts WHERE received_ms >= $1 AND received_ms < $2 \
             AND (received_ms > $3 OR id > $4) ORDER BY received_ms, id LIMIT $5"
        ))
        .bind(from_ms)
        .bind(span.to_ms)
        .bind(after_ms)
        .bind(after_id)
        .bind(limit)
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(|row| Ok(Stored { id: row.try_get("id")?, record: record(row)? })).collect()
    }

    /// The receipts of the span counted by day (UTC), version, choice and method.
    pub async fn tallies(&self, span: Span) -> Result<Vec<Tally>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT received_ms / 86400000 AS day, version, accepted, rejected, method, COUNT(*) AS n \
             FROM receipts WHERE received_ms >= $1 AND received_ms < $2 GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2",
        )
        .bind(span.from_ms)
        .bind(span.to_ms)
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(Tally {
                    day: row.try_get("day")?,
                    version: row.try_get("version")?,
                    accepted: parse_array(&row.try_get::<String, _>("accepted")?),
                    rejected: parse_array(&row.try_get::<String, _>("rejected")?),
                    method: row.try_get("method")?,
                    count: row.try_get("n")?,
                })
            })
            .collect()
    }

    /// Deletes the receipts received before `cutoff_ms` (retention), in batches; how many.
    /// The only delete the service does.
    pub async fn delete_older_than(&self, cutoff_ms: i64) -> Result<u64, sqlx::Error> {
        let mut deleted = 0;
        loop {
            let done = sqlx::query(
                "DELETE FROM receipts WHERE id IN \
                 (SELECT id FROM receipts WHERE received_ms < $1 ORDER BY received_ms LIMIT $2)",
            )
            .bind(cutoff_ms)
            .bind(DELETE_BATCH)
            .execute(&self.write)
            .await?
            .rows_affected();
            deleted += done;
            if done < DELETE_BATCH.unsigned_abs() {
                return Ok(deleted);
            }
        }
    }

    /// How many receipts are stored (for tests and checks).
    pub async fn count(&self) -> Result<i64, sqlx::Error> {
        sqlx::query("SELECT COUNT(*) AS n FROM receipts").fetch_one(&self.read).await?.try_get("n")
    }
}

fn pool(connections: u32) -> AnyPoolOptions {
    // A request waits at most 5 s for a connection, then gets 503: better than a hung client.
    AnyPoolOptions::new().max_connections(connections).acquire_timeout(Duration::from_secs(5))
}

/// `($1, …, $11), ($12, …)`: the placeholders of `rows` receipts.
fn placeholders(rows: usize) -> String {
    let per_row = COLUMNS.split(',').count();
    let rows: Vec<String> = (0..rows)
        .map(|r| {
            let cells: Vec<String> = (1..=per_row).map(|c| format!("${}", r * per_row + c)).collect();
            format!("({})", cells.join(", "))
        })
        .collect();
    rows.join(", ")
}

fn bind<'q>(
    query: sqlx::query::Query<'q, Any, AnyArguments<'q>>,
    receipt: &Receipt,
    received_ms: i64,
) -> sqlx::query::Query<'q, Any, AnyArguments<'q>> {
    query
        .bind(received_ms)
        .bind(receipt.consent_id.clone())
        .bind(receipt.version.clone())
        .bind(receipt.area.clone())
        .bind(receipt.language.clone())
        .bind(json_array(&receipt.accepted))
        .bind(json_array(&receipt.rejected))
        .bind(receipt.method.clone())
        .bind(i64::from(receipt.gpc))
        .bind(receipt.config_hash.clone())
        .bind(receipt.time.clone())
}

fn record(row: &AnyRow) -> Result<Record, sqlx::Error> {
    let list = |column: &str| -> Result<Vec<String>, sqlx::Error> {
        let text: String = row.try_get(column)?;
        Ok(parse_array(&text))
    };
    Ok(Record {
        received_ms: row.try_get("received_ms")?,
        receipt: Receipt {
            consent_id: row.try_get("consent_id")?,
            time: row.try_get("client_time")?,
            version: row.try_get("version")?,
            config_hash: row.try_get("config_hash")?,
            area: row.try_get("area")?,
            language: row.try_get("language")?,
            accepted: list("accepted")?,
            rejected: list("rejected")?,
            method: row.try_get("method")?,
            gpc: row.try_get::<i64, _>("gpc")? != 0,
        },
    })
}

/// A list of category ids as JSON text, as stored.
fn json_array(items: &[String]) -> String {
    consent_banner::core::json::to_json(&items.iter().map(String::as_str).collect())
}

fn parse_array(text: &str) -> Vec<String> {
    match consent_banner::core::json::parse(text) {
        Ok(value) => value
            .as_array()
            .map(|items| items.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
            .unwrap_or_default(),
        Err(_) => Vec::new(),
    }
}
