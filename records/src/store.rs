//! Storage: one append-only table, on SQLite (a file, the default) or PostgreSQL, through
//! sqlx's `Any` driver so that one schema and one set of queries serve both.

use std::borrow::Cow;
use std::future::Future;
use std::pin::Pin;

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::error::BoxDynError;
use sqlx::migrate::{Migration, MigrationSource, MigrationType, Migrator};
use sqlx::{AnyPool, Row};

use crate::receipt::Receipt;

/// The migrations, compiled into the binary (portable SQL only).
const MIGRATIONS: &[(i64, &str, &str)] = &[(1, "receipts", include_str!("../migrations/0001_receipts.sql"))];

#[derive(Debug)]
struct Embedded;

impl MigrationSource<'static> for Embedded {
    fn resolve(self) -> Pin<Box<dyn Future<Output = Result<Vec<Migration>, BoxDynError>> + Send>> {
        Box::pin(async {
            Ok(MIGRATIONS
                .iter()
                .map(|(version, name, sql)| {
                    Migration::new(*version, Cow::Borrowed(*name), MigrationType::Simple, Cow::Borrowed(*sql), false)
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

/// The database.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
}

impl Store {
    /// Connects to `sqlite://path` (creating the file) or `postgres://…` and runs the migrations.
    pub async fn open(url: &str) -> Result<Store, String> {
        sqlx::any::install_default_drivers();
        let url = if url.starts_with("sqlite:") && !url.contains('?') { format!("{url}?mode=rwc") } else { url.into() };
        let pool = AnyPoolOptions::new()
            .max_connections(if url.starts_with("sqlite:") { 1 } else { 8 })
            .connect(&url)
            .await
            .map_err(|e| format!("cannot open the database: {e}"))?;
        let migrator = Migrator::new(Embedded).await.map_err(|e| format!("migrations: {e}"))?;
        migrator.run(&pool).await.map_err(|e| format!("migrations: {e}"))?;
        Ok(Store { pool })
    }

    /// Appends a receipt with the server's time; nothing is ever updated or deleted here.
    pub async fn insert(&self, receipt: &Receipt, received_ms: i64) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO receipts (received_ms, consent_id, version, area, language, accepted, rejected, \
             method, gpc, config_hash, client_time) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(received_ms)
        .bind(&receipt.consent_id)
        .bind(&receipt.version)
        .bind(receipt.area.clone())
        .bind(&receipt.language)
        .bind(json_array(&receipt.accepted))
        .bind(json_array(&receipt.rejected))
        .bind(&receipt.method)
        .bind(i64::from(receipt.gpc))
        .bind(&receipt.config_hash)
        .bind(&receipt.time)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The records of one consent id, newest first.
    pub async fn records(&self, consent_id: &str) -> Result<Vec<Record>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT received_ms, consent_id, version, area, language, accepted, rejected, method, gpc, \
             config_hash, client_time FROM receipts WHERE consent_id = $1 ORDER BY received_ms DESC",
        )
        .bind(consent_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(record).collect()
    }

    /// How many receipts are stored (for tests and checks).
    pub async fn count(&self) -> Result<i64, sqlx::Error> {
        sqlx::query("SELECT COUNT(*) AS n FROM receipts").fetch_one(&self.pool).await?.try_get("n")
    }
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
