//! The store's queries: export pages in (received_ms, id) order, tallies, retention deletes,
//! and the upgrade of a database made by the first migration alone.

mod common;

use std::borrow::Cow;
use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;

use common::{fresh_store, fresh_url, parsed};
use consent_records::store::{Engine, Rollup, Span, Store};
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
    common::insert_many(&store, &rows).await;
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
async fn rollups_count_by_day_version_area_and_dimension() {
    let store = fresh_store().await;
    let day = 86_400_000;
    let rows = vec![
        (parsed(&id(1), &["analytics"]), 20_000 * day + 5),
        (parsed(&id(2), &["analytics"]), 20_000 * day + 6),
        (parsed(&id(3), &[]), 20_000 * day + 7),
        (parsed(&id(4), &["analytics"]), 20_001 * day),
    ];
    common::insert_many(&store, &rows).await;
    let rollups = store.rollups(0, i64::MAX).await.unwrap();
    let n = |day: i64, dimension: &str, name: &str, outcome: &str| -> i64 {
        rollups
            .iter()
            .filter(|r| r.day == day && r.dimension == dimension && r.name == name && r.outcome == outcome)
            .map(|r| r.n)
            .sum()
    };
    assert_eq!(n(20_000, "receipts", "", ""), 3, "{rollups:?}");
    assert_eq!(n(20_001, "receipts", "", ""), 1);
    assert_eq!(n(20_000, "category", "analytics", "accepted"), 2);
    assert_eq!(n(20_000, "category", "analytics", "refused"), 1);
    assert_eq!(n(20_000, "category", "marketing", "refused"), 3);
    assert_eq!(n(20_000, "method", "banner", ""), 3);
    assert!(rollups.iter().all(|r| r.version == "2026-11-1" && r.area == "business"));
    // Shards are summed: one row per key.
    let mut keys: Vec<_> = rollups.iter().map(|r| (r.day, &r.dimension, &r.name, &r.outcome)).collect();
    let total = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), total);
    let one_day = store.rollups(20_001, 20_002).await.unwrap();
    assert!(one_day.iter().all(|r| r.day == 20_001));
    assert_eq!(one_day.iter().filter(|r| r.dimension == "receipts").map(|r| r.n).sum::<i64>(), 1);
}

#[tokio::test]
async fn compacting_closed_days_sums_their_shards_and_keeps_every_count() {
    let url = fresh_url().await;
    let store = Store::open(&url).await.unwrap();
    let day = 86_400_000;
    // 200 consent ids (every shard) on each of three days.
    let rows: Vec<_> = (0..600)
        .map(|n| (parsed(&id(n), if n % 3 == 0 { &["analytics"] } else { &[] }), (20_000 + (n as i64 % 3)) * day + 1))
        .collect();
    common::insert_many(&store, &rows).await;
    let sorted = |mut rollups: Vec<Rollup>| {
        rollups.sort_by(|a, b| {
            (a.day, &a.version, &a.area, &a.dimension, &a.name, &a.outcome).cmp(&(
                b.day,
                &b.version,
                &b.area,
                &b.dimension,
                &b.name,
                &b.outcome,
            ))
        });
        rollups
    };
    let before = sorted(store.rollups(0, i64::MAX).await.unwrap());
    // Days 20,000 and 20,001 are closed; 20,002 is not.
    let compacted = store.compact_rollups(20_002).await.unwrap();
    // A receipt still written to a compacted day (a backfill) is counted too.
    common::insert(&store, &parsed(&id(1000), &[]), 20_000 * day + 2).await;
    let after = sorted(store.rollups(0, i64::MAX).await.unwrap());
    let receipts = |rollups: &[Rollup], d: i64| -> i64 {
        rollups.iter().filter(|r| r.day == d && r.dimension == "receipts").map(|r| r.n).sum()
    };
    assert_eq!((receipts(&after, 20_000), receipts(&after, 20_001), receipts(&after, 20_002)), (201, 200, 200));
    let unchanged = |r: &&Rollup| r.day != 20_000;
    assert_eq!(before.iter().filter(unchanged).collect::<Vec<_>>(), after.iter().filter(unchanged).collect::<Vec<_>>());

    let pool = sqlx::AnyPool::connect(&url).await.unwrap();
    let rows_of = |d: i64| {
        let pool = pool.clone();
        async move {
            let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM rollups WHERE day = $1")
                .bind(d)
                .fetch_one(&pool)
                .await
                .unwrap();
            n
        }
    };
    let keys = |d: i64| after.iter().filter(|r| r.day == d).count() as i64;
    match store.engine() {
        Engine::Postgres => {
            assert_eq!(compacted, 2);
            // One row per count of the compacted day, the later receipt's shard aside.
            assert_eq!(rows_of(20_001).await, keys(20_001));
            assert!(rows_of(20_002).await > keys(20_002), "the open day keeps its shards");
            assert_eq!(store.compact_rollups(20_002).await.unwrap(), 1, "the later receipt's shard");
            assert_eq!(rows_of(20_000).await, keys(20_000));
            assert_eq!(store.compact_rollups(20_002).await.unwrap(), 0);
        }
        Engine::Sqlite => {
            assert_eq!(compacted, 0, "one shard: nothing to compact");
            assert_eq!(rows_of(20_001).await, keys(20_001));
        }
    }
    assert_eq!(sorted(store.rollups(0, i64::MAX).await.unwrap()), after);
}

#[tokio::test]
async fn retention_deletes_only_older_receipts_in_batches() {
    let store = fresh_store().await;
    // More than one delete batch (5000) is old.
    let rows: Vec<_> = (0..12_000).map(|n| (parsed(&id(n), &[]), if n < 11_000 { n as i64 } else { 50_000 })).collect();
    common::insert_many(&store, &rows).await;
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
    common::insert(&store, &parsed(&id(4), &[]), 400).await;
    let all = store.page(Span::ALL, None, 10).await.unwrap();
    assert!(all[3].id > all.iter().take(3).map(|s| s.id).max().unwrap());

    // The receipts from before the rollups are added to them once (a second start adds none),
    // and the new receipt, counted when stored, is not counted twice.
    let config = common::demo_config();
    assert_eq!(store.backfill_rollups(|r| consent_records::stats::counts(&config, r)).await.unwrap(), 3);
    assert_eq!(store.backfill_rollups(|r| consent_records::stats::counts(&config, r)).await.unwrap(), 0);
    let rollups = store.rollups(0, i64::MAX).await.unwrap();
    let n = |dimension: &str, name: &str, outcome: &str| -> i64 {
        rollups.iter().filter(|r| r.dimension == dimension && r.name == name && r.outcome == outcome).map(|r| r.n).sum()
    };
    assert_eq!(n("receipts", "", ""), 4);
    assert_eq!(n("category", "analytics", "refused"), 4);
    assert_eq!(n("choice", "rejectAll", ""), 4);
}

#[tokio::test]
async fn statistics_from_rollups_equal_a_count_of_the_receipts_whatever_the_lists() {
    use consent_records::receipt::parse;
    let store = fresh_store().await;
    let config = common::demo_config();
    let now = consent_records::time::now_ms();
    let day = 86_400_000;
    // Every list a client may send, in three areas and over five days, some out of order.
    let lists: [(&[&str], &[&str]); 6] = [
        (&["analytics", "marketing"], &[]),
        (&[], &["analytics", "marketing"]),
        (&["analytics"], &["marketing"]),
        (&["marketing"], &["analytics"]),
        (&["analytics:at-internet"], &["marketing"]),
        (&[], &[]),
    ];
    let mut rows = Vec::new();
    let mut expected = std::collections::BTreeMap::<(i64, &str), i64>::new();
    for n in 0..300usize {
        let (accepted, rejected) = lists[n * 7 % lists.len()];
        let area = ["business", "private", "support"][n % 3];
        let body = common::receipt(&id(n), &[])
            .replace(r#""accepted":[]"#, &format!("\"accepted\":{}", json_list(accepted)))
            .replace(r#""rejected":["analytics","marketing"]"#, &format!("\"rejected\":{}", json_list(rejected)))
            .replace("\"business\"", &format!("\"{area}\""));
        let Ok(receipt) = parse(body.as_bytes(), &config, now) else { continue };
        let received = (20_000 + (n % 5) as i64) * day + n as i64;
        *expected.entry((received / day, "all")).or_default() += 1;
        if receipt.accepted.iter().any(|a| a == "analytics") {
            *expected.entry((received / day, "analytics")).or_default() += 1;
        }
        rows.push((receipt, received));
    }
    assert_eq!(rows.len(), 300, "{} receipts parsed", rows.len());
    // Half in bulk, half one by one, as the service stores them.
    let (bulk, single) = rows.split_at(rows.len() / 2);
    common::insert_many(&store, bulk).await;
    for (receipt, ms) in single {
        common::insert(&store, receipt, *ms).await;
    }
    let stats = consent_records::stats::compute(&config, &store.rollups(20_000, 20_005).await.unwrap());
    for (day_index, day_stats) in &stats.days {
        assert_eq!(day_stats.receipts as i64, expected[&(*day_index, "all")], "day {day_index}");
        let at = stats.categories.iter().position(|c| c == "analytics").unwrap();
        let analytics = day_stats.categories[at].0 as i64;
        assert_eq!(analytics, expected.get(&(*day_index, "analytics")).copied().unwrap_or(0), "day {day_index}");
    }
    assert_eq!(stats.days.len(), 5);
    assert_eq!(stats.total.receipts as usize, rows.len());
}

fn json_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("\"{i}\"")).collect();
    format!("[{}]", quoted.join(","))
}

#[tokio::test]
async fn sqlite_writes_through_a_synced_wal() {
    let store = fresh_store().await;
    match store.engine() {
        Engine::Sqlite => assert_eq!(store.sqlite_durability().await.unwrap(), Some(("wal".to_string(), 2))),
        Engine::Postgres => assert_eq!(store.sqlite_durability().await.unwrap(), None),
    }
}
