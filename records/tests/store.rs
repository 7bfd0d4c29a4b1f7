//! The store's queries: export pages in (received_ms, id) order, tallies, retention deletes,
//! and the upgrade of a database made by the first migration alone.

mod common;

use std::borrow::Cow;
use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;

use common::{fresh_store, fresh_url, parsed};
use consent_records::store::{Engine, Span, Store};
use sqlx::error::BoxDynError;
use sqlx::migrate::{Migration, MigrationSource, MigrationType, Migrator};

fn id(n: usize) -> String {
    format!("{n:016x}")
}

#[tokio::test]
async fn pages_return_each_receipt_of_the_span_once_in_order() {
    let store = fresh_store().await;
    // 25 receipts over 5 milliseconds: pages of 4 cut through equal times.
    let rows: Vec<_> = (0..25).map(|n| (parsed(&id(n), &[]), 1_000 + (n as i64 % 5))).collect();
    store.insert_many(&rows).await.unwrap();
    let mut seen = Vec::new();
    let mut cursor = None;
    loop {
        let page = store.page(Span::ALL, cursor, 4).await.unwrap();
        assert!(page.len() <= 4);
        let Some(last) = page.last() else { break };
        cursor = Some((last.record.received_ms, last.id));
        seen.extend(page);
    }
    assert_eq!(seen.len(), 25);
    let ids: HashSet<&str> = seen.iter().map(|s| s.record.receipt.consent_id.as_str()).collect();
    assert_eq!(ids.len(), 25, "each receipt once");
    let keys: Vec<(i64, i64)> = seen.iter().map(|s| (s.record.received_ms, s.id)).collect();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    assert_eq!(keys, sorted);

    // The span: from included, to excluded.
    let span = Span { from_ms: 1_001, to_ms: 1_003 };
    let page = store.page(span, None, 100).await.unwrap();
    assert_eq!(page.len(), 10);
    assert!(page.iter().all(|s| (1_001..1_003).contains(&s.record.received_ms)));
}

#[tokio::test]
async fn tallies_count_by_day_version_choice_and_method() {
    let store = fresh_store().await;
    let day = 86_400_000;
    let rows = vec![
        (parsed(&id(1), &["analytics"]), 20_000 * day + 5),
        (parsed(&id(2), &["analytics"]), 20_000 * day + 6),
        (parsed(&id(3), &[]), 20_000 * day + 7),
        (parsed(&id(4), &["analytics"]), 20_001 * day),
    ];
    store.insert_many(&rows).await.unwrap();
    let tallies = store.tallies(Span::ALL).await.unwrap();
    let summary: Vec<(i64, Vec<String>, i64)> = tallies.iter().map(|t| (t.day, t.accepted.clone(), t.count)).collect();
    assert_eq!(summary.len(), 3, "{summary:?}");
    assert!(summary.contains(&(20_000, vec!["analytics".to_string()], 2)));
    assert!(summary.contains(&(20_000, vec![], 1)));
    assert!(summary.contains(&(20_001, vec!["analytics".to_string()], 1)));
    assert!(tallies.iter().all(|t| t.version == "2026-11-1" && t.method == "banner"));
    let one_day = store.tallies(Span { from_ms: 20_001 * day, to_ms: 20_002 * day }).await.unwrap();
    assert_eq!(one_day.len(), 1);
    assert_eq!(one_day[0].count, 1);
}

#[tokio::test]
async fn retention_deletes_only_older_receipts_in_batches() {
    let store = fresh_store().await;
    // More than one delete batch (5000) is old.
    let rows: Vec<_> = (0..12_000).map(|n| (parsed(&id(n), &[]), if n < 11_000 { n as i64 } else { 50_000 })).collect();
    store.insert_many(&rows).await.unwrap();
    assert_eq!(store.delete_older_than(50_000).await.unwrap(), 11_000);
    assert_eq!(store.count().await.unwrap(), 1_000);
    assert_eq!(store.delete_older_than(50_000).await.unwrap(), 0);
    assert_eq!(store.delete_older_than(50_001).await.unwrap(), 1_000);
    assert_eq!(store.count().await.unwrap(), 0);
}

#[derive(Debug)]
struct FirstMigrationOnly;

impl MigrationSource<'static> for FirstMigrationOnly {
    fn resolve(self) -> Pin<Box<dyn Future<Output = Result<Vec<Migration>, BoxDynError>> + Send>> {
        Box::pin(async {
            let sql = include_str!("../migrations/0001_receipts.sql");
            Ok(vec![Migration::new(1, Cow::Borrowed("receipts"), MigrationType::Simple, Cow::Borrowed(sql), false)])
        })
    }
}

#[tokio::test]
async fn a_database_of_the_first_migration_is_upgraded_with_its_receipts() {
    let url = fresh_url().await;
    let url = if url.starts_with("sqlite:") { format!("{url}?mode=rwc") } else { url };
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&url).await.unwrap();
    Migrator::new(FirstMigrationOnly).await.unwrap().run(&pool).await.unwrap();
    for (n, ms) in [(1, 300), (2, 100), (3, 200)] {
        sqlx::query(
            "INSERT INTO receipts (received_ms, consent_id, version, area, language, accepted, rejected, method, \
             gpc, config_hash, client_time) VALUES ($1, $2, '2026-11-1', NULL, 'en', '[]', '[\"analytics\"]', \
             'banner', 0, 'fnv1a64:0', 't')",
        )
        .bind(ms)
        .bind(id(n))
        .execute(&pool)
        .await
        .unwrap();
    }
    pool.close().await;

    let store = Store::open(&url).await.unwrap();
    let page = store.page(Span::ALL, None, 10).await.unwrap();
    let order: Vec<(i64, String)> =
        page.iter().map(|s| (s.record.received_ms, s.record.receipt.consent_id.clone())).collect();
    assert_eq!(order, [(100, id(2)), (200, id(3)), (300, id(1))]);
    assert_eq!(page.iter().map(|s| s.id).collect::<HashSet<_>>().len(), 3, "distinct ids");
    assert_eq!(page[0].record.receipt.rejected, ["analytics"]);
    // New receipts get ids after the copied ones.
    store.insert(&parsed(&id(4), &[]), 400).await.unwrap();
    let all = store.page(Span::ALL, None, 10).await.unwrap();
    assert!(all[3].id > all.iter().take(3).map(|s| s.id).max().unwrap());
}

#[tokio::test]
async fn sqlite_writes_through_a_synced_wal() {
    let store = fresh_store().await;
    match store.engine() {
        Engine::Sqlite => assert_eq!(store.sqlite_durability().await.unwrap(), Some(("wal".to_string(), 2))),
        Engine::Postgres => assert_eq!(store.sqlite_durability().await.unwrap(), None),
    }
}
