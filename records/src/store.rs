//! Storage, on SQLite (a file, the default) or PostgreSQL, through sqlx's `Any` driver so that
//! one schema and one set of queries serve both. Receipts are appended, and deleted by
//! retention when they are older than it. Each receipt's transaction also takes one of its
//! consent id's receipts of the day (the daily cap) and adds it to the statistics' rollups.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;

use std::time::Duration;

use sqlx::any::{AnyArguments, AnyPoolOptions, AnyRow};
use sqlx::error::BoxDynError;
use sqlx::migrate::{Migration, MigrationSource, MigrationType, Migrator};
use sqlx::{Any, AnyPool, Executor, Row};

use crate::receipt::Receipt;
use crate::time::DAY_MS;

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
        (3, "limits and rollups", include_str!("../migrations/0003_limits_and_rollups.sql")),
        (4, "rollup compaction", include_str!("../migrations/0004_rollup_compaction.sql")),
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

/// One count a receipt adds to the statistics (made by `crate::stats::counts`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Count {
    /// `receipts`, `choice`, `method`, `category` or `service`.
    pub dimension: &'static str,
    /// The choice, method, category id or `category:service` entry; empty for `receipts`.
    pub name: String,
    /// `accepted` or `refused` for categories and services, else empty.
    pub outcome: &'static str,
}

/// The rollups' count of one day, version, area and [`Count`] (shards summed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rollup {
    /// Days since 1970-01-01 (UTC) of the server's time of receipt.
    pub day: i64,
    /// The banner version.
    pub version: String,
    /// The site area, empty for a config without areas.
    pub area: String,
    /// What is counted (see [`Count`]).
    pub dimension: String,
    /// See [`Count::name`].
    pub name: String,
    /// See [`Count::outcome`].
    pub outcome: String,
    /// How many receipts.
    pub n: i64,
}

/// Why a receipt was not stored.
#[derive(Debug)]
pub enum InsertError {
    /// Its consent id already has the day's most receipts.
    OverQuota,
    /// The database failed.
    Database(sqlx::Error),
}

impl From<sqlx::Error> for InsertError {
    fn from(e: sqlx::Error) -> InsertError {
        InsertError::Database(e)
    }
}

impl std::fmt::Display for InsertError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InsertError::OverQuota => f.write_str("the consent id has stored the day's most receipts"),
            InsertError::Database(e) => write!(f, "{e}"),
        }
    }
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

/// Where a page of the export starts: after this (received_ms, id). A visitor's record pages
/// the other way: before it.
pub type Cursor = (i64, i64);

/// Rollup shards on PostgreSQL (one on SQLite, whose single writer never waits on a row): a
/// day's receipts write them; once the day is closed they are summed into shard 0
/// ([`Store::compact_rollups`]).
const SHARDS: u64 = 16;
/// Two receipts of one consent id received this close together are ordered by the visitor's
/// clock: two choices in quick succession may reach the service in either order.
pub const REORDER_WINDOW_MS: i64 = 10_000;

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

    /// Appends a receipt with the server's time, in one transaction with its statistics'
    /// `counts` and, with `per_day`, one of its consent id's receipts of the day: when those are
    /// all taken, nothing is stored ([`InsertError::OverQuota`]). The receipt's id.
    pub async fn insert(
        &self,
        receipt: &Receipt,
        received_ms: i64,
        counts: &[Count],
        per_day: Option<u32>,
    ) -> Result<i64, InsertError> {
        let day = received_ms.div_euclid(DAY_MS);
        let mut tx = self.write.begin().await?;
        if let Some(most) = per_day {
            let taken = sqlx::query(
                "INSERT INTO daily_quota (consent_id, day, n) VALUES ($1, $2, 1) ON CONFLICT (consent_id, day) \
                 DO UPDATE SET n = daily_quota.n + 1 WHERE daily_quota.n < $3",
            )
            .bind(receipt.consent_id.clone())
            .bind(day)
            .bind(i64::from(most))
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if taken == 0 {
                tx.rollback().await?;
                return Err(InsertError::OverQuota);
            }
        }
        let id: i64 = bind(
            sqlx::query(&format!("INSERT INTO receipts ({COLUMNS}) VALUES {} RETURNING id", placeholders(1))),
            receipt,
            received_ms,
        )
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        let shard = self.shard(&receipt.consent_id);
        let key = (day, receipt.version.clone(), receipt.area.clone().unwrap_or_default(), shard);
        add_rollups(&mut tx, &[(key, counts.iter().map(|c| (c.clone(), 1)).collect())]).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Appends many receipts in one transaction with their statistics (to fill a database for
    /// measurements and tests); no daily cap.
    pub async fn insert_many(
        &self,
        rows: &[(Receipt, i64)],
        counts: impl Fn(&Receipt) -> Vec<Count>,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.write.begin().await?;
        for chunk in rows.chunks(200) {
            let sql = format!("INSERT INTO receipts ({COLUMNS}) VALUES {}", placeholders(chunk.len()));
            let mut query = sqlx::query(&sql);
            for (receipt, received_ms) in chunk {
                query = bind(query, receipt, *received_ms);
            }
            query.execute(&mut *tx).await?;
        }
        let groups = self.group_counts(rows.iter().map(|(r, ms)| (r, *ms)), &counts);
        add_rollups(&mut tx, &groups).await?;
        tx.commit().await
    }

    /// Adds the receipts stored before the rollups existed (migration 3) to them, in batches,
    /// each in one transaction with its progress: an interrupted start resumes where it was.
    /// How many receipts were added.
    pub async fn backfill_rollups(&self, counts: impl Fn(&Receipt) -> Vec<Count>) -> Result<u64, sqlx::Error> {
        let mut added = 0;
        loop {
            let row = sqlx::query("SELECT upto, done FROM rollup_backfill WHERE id = 1").fetch_one(&self.write).await?;
            let (upto, done): (i64, i64) = (row.try_get("upto")?, row.try_get("done")?);
            if done >= upto {
                return Ok(added);
            }
            let rows = sqlx::query(&format!(
                "SELECT id, {COLUMNS} FROM receipts WHERE id > $1 AND id <= $2 ORDER BY id LIMIT {DELETE_BATCH}"
            ))
            .bind(done)
            .bind(upto)
            .fetch_all(&self.write)
            .await?;
            let stored: Vec<Stored> = rows
                .iter()
                .map(|row| Ok(Stored { id: row.try_get("id")?, record: record(row)? }))
                .collect::<Result<_, sqlx::Error>>()?;
            let next = stored.last().map_or(upto, |s| s.id);
            let groups = self.group_counts(stored.iter().map(|s| (&s.record.receipt, s.record.received_ms)), &counts);
            let mut tx = self.write.begin().await?;
            add_rollups(&mut tx, &groups).await?;
            sqlx::query("UPDATE rollup_backfill SET done = $1 WHERE id = 1").bind(next).execute(&mut *tx).await?;
            tx.commit().await?;
            added += stored.len() as u64;
        }
    }

    /// The counts of many receipts, summed per rollup row, in a fixed order.
    fn group_counts<'a>(
        &self,
        receipts: impl Iterator<Item = (&'a Receipt, i64)>,
        counts: &impl Fn(&Receipt) -> Vec<Count>,
    ) -> Vec<(RollupKey, Vec<(Count, i64)>)> {
        let mut groups: BTreeMap<RollupKey, BTreeMap<Count, i64>> = BTreeMap::new();
        for (receipt, received_ms) in receipts {
            let key = (
                received_ms.div_euclid(DAY_MS),
                receipt.version.clone(),
                receipt.area.clone().unwrap_or_default(),
                self.shard(&receipt.consent_id),
            );
            let group = groups.entry(key).or_default();
            for count in counts(receipt) {
                *group.entry(count).or_default() += 1;
            }
        }
        groups.into_iter().map(|(key, counts)| (key, counts.into_iter().collect())).collect()
    }

    /// Sums the rollup shards of each day before `before_day` into shard 0, one statement a day:
    /// the statistics then read one row per count of such a day instead of one per shard. Only
    /// PostgreSQL has shards. Each statement moves exactly the rows it deletes, so a receipt
    /// still written to such a day (a backfill, another instance) is never lost: it stays in its
    /// shard until the next compaction. The days compacted.
    ///
    /// Call it with a day before yesterday's (UTC), so that it never waits on (or deadlocks
    /// with) the receipts' transactions, which write today's rows.
    pub async fn compact_rollups(&self, before_day: i64) -> Result<u64, sqlx::Error> {
        if self.engine != Engine::Postgres {
            return Ok(0);
        }
        let mut days = 0;
        loop {
            let next: Option<i64> = sqlx::query("SELECT MIN(day) AS day FROM rollups WHERE shard > 0 AND day < $1")
                .bind(before_day)
                .fetch_one(&self.write)
                .await?
                .try_get("day")?;
            let Some(day) = next else { return Ok(days) };
            sqlx::query(
                "WITH moved AS (DELETE FROM rollups WHERE day = $1 AND shard > 0 \
                 RETURNING day, version, area, dimension, name, outcome, n) \
                 INSERT INTO rollups (day, version, area, dimension, name, outcome, shard, n) \
                 SELECT day, version, area, dimension, name, outcome, 0, SUM(n) FROM moved \
                 GROUP BY day, version, area, dimension, name, outcome \
                 ON CONFLICT (day, version, area, dimension, name, outcome, shard) DO UPDATE SET n = rollups.n + excluded.n",
            )
            .bind(day)
            .execute(&self.write)
            .await?;
            days += 1;
        }
    }

    /// The rollup shard of a consent id.
    fn shard(&self, consent_id: &str) -> i64 {
        match self.engine {
            Engine::Sqlite => 0,
            Engine::Postgres => {
                let hash = consent_id
                    .bytes()
                    .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
                i64::try_from(hash % SHARDS).unwrap_or(0)
            }
        }
    }

    /// One page of a consent id's record, newest first: at most `limit` receipts received
    /// before `before` (the last of the previous page), or the newest without it.
    pub async fn records(
        &self,
        consent_id: &str,
        before: Option<Cursor>,
        limit: i64,
    ) -> Result<Vec<Stored>, sqlx::Error> {
        let (before_ms, before_id) = before.unwrap_or((i64::MAX, i64::MAX));
        let rows = sqlx::query(&format!(
            "SELECT id, {COLUMNS} FROM receipts WHERE consent_id = $1 AND received_ms <= $2 \
             AND (received_ms < $2 OR id < $3) ORDER BY received_ms DESC, id DESC LIMIT $4"
        ))
        .bind(consent_id)
        .bind(before_ms)
        .bind(before_id)
        .bind(limit)
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(|row| Ok(Stored { id: row.try_get("id")?, record: record(row)? })).collect()
    }

    /// True when another receipt of this consent id records a later choice than receipt `id`
    /// (received at `received_ms`, made at `client_time` by the visitor's clock): one received
    /// later, or, within [`REORDER_WINDOW_MS`], one made later by the visitor's clock. An older
    /// choice's cookie must not be re-issued over a newer one's.
    pub async fn has_newer(
        &self,
        consent_id: &str,
        id: i64,
        received_ms: i64,
        client_time: &str,
    ) -> Result<bool, sqlx::Error> {
        let n: i64 = sqlx::query(
            "SELECT COUNT(*) AS n FROM receipts WHERE consent_id = $1 AND id <> $2 AND \
             (received_ms > $4 OR (received_ms >= $3 AND (client_time > $5 OR (client_time = $5 AND id > $2))))",
        )
        .bind(consent_id)
        .bind(id)
        .bind(received_ms - REORDER_WINDOW_MS)
        .bind(received_ms + REORDER_WINDOW_MS)
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

    /// The rollups of the days `from_day..to_day` (the end excluded), shards summed.
    pub async fn rollups(&self, from_day: i64, to_day: i64) -> Result<Vec<Rollup>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT day, version, area, dimension, name, outcome, CAST(SUM(n) AS BIGINT) AS n FROM rollups \
             WHERE day >= $1 AND day < $2 GROUP BY day, version, area, dimension, name, outcome",
        )
        .bind(from_day)
        .bind(to_day)
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(Rollup {
                    day: row.try_get("day")?,
                    version: row.try_get("version")?,
                    area: row.try_get("area")?,
                    dimension: row.try_get("dimension")?,
                    name: row.try_get("name")?,
                    outcome: row.try_get("outcome")?,
                    n: row.try_get("n")?,
                })
            })
            .collect()
    }

    /// The owner's session generation (see [`Store::end_sessions`]).
    pub async fn session_generation(&self) -> Result<i64, sqlx::Error> {
        sqlx::query("SELECT generation FROM owner_sessions WHERE id = 1").fetch_one(&self.read).await?.try_get(0)
    }

    /// Ends every owner's session made so far (a logout): raises the generation; the new one.
    pub async fn end_sessions(&self) -> Result<i64, sqlx::Error> {
        sqlx::query("UPDATE owner_sessions SET generation = generation + 1 WHERE id = 1 RETURNING generation")
            .fetch_one(&self.write)
            .await?
            .try_get(0)
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
                break;
            }
        }
        // The statistics keep whole days: the rollups of the days before the cutoff's, and
        // the daily caps of the days before yesterday (UTC), which nothing reads any more.
        let cutoff_day = cutoff_ms.div_euclid(DAY_MS);
        sqlx::query("DELETE FROM rollups WHERE day < $1").bind(cutoff_day).execute(&self.write).await?;
        let yesterday = crate::time::now_ms().div_euclid(DAY_MS) - 1;
        sqlx::query("DELETE FROM daily_quota WHERE day < $1").bind(yesterday).execute(&self.write).await?;
        Ok(deleted)
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

/// A rollup row's key: day, version, area, shard.
type RollupKey = (i64, String, String, i64);

/// Adds counts to the rollups, one statement per key. Rows are written in one order (the
/// key's, then the count's) so that two transactions never wait on each other's rows in a
/// cycle on PostgreSQL.
async fn add_rollups(
    tx: &mut sqlx::Transaction<'_, Any>,
    groups: &[(RollupKey, Vec<(Count, i64)>)],
) -> Result<(), sqlx::Error> {
    for ((day, version, area, shard), counts) in groups {
        for chunk in counts.chunks(100) {
            let cells: Vec<String> = (0..chunk.len())
                .map(|i| {
                    let p = i * 4;
                    format!("($1, $2, $3, ${}, ${}, ${}, $4, ${})", p + 5, p + 6, p + 7, p + 8)
                })
                .collect();
            let sql = format!(
                "INSERT INTO rollups (day, version, area, dimension, name, outcome, shard, n) VALUES {} \
                 ON CONFLICT (day, version, area, dimension, name, outcome, shard) DO UPDATE SET n = rollups.n + excluded.n",
                cells.join(", ")
            );
            let mut query = sqlx::query(&sql).bind(*day).bind(version.clone()).bind(area.clone()).bind(*shard);
            for (count, n) in chunk {
                query = query.bind(count.dimension).bind(count.name.clone()).bind(count.outcome).bind(*n);
            }
            query.execute(&mut **tx).await?;
        }
    }
    Ok(())
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
