//! Retention: the task deletes receipts older than the retention at start and then at each
//! interval, and nothing newer.

mod common;

use std::time::Duration;

use common::{fresh_store, parsed};
use consent_records::retention;
use consent_records::time::{now_ms, DAY_MS};

async fn wait_for_count(store: &consent_records::store::Store, expected: i64) {
    for _ in 0..100 {
        if store.count().await.unwrap() == expected {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the count stayed {} instead of {expected}", store.count().await.unwrap());
}

#[tokio::test]
async fn old_receipts_are_deleted_at_start_and_at_each_interval() {
    let store = fresh_store().await;
    let now = now_ms();
    let rows = vec![
        (parsed("00000000000000a1", &[]), now - 31 * DAY_MS),
        (parsed("00000000000000a2", &[]), now - 30 * DAY_MS - 60_000),
        (parsed("00000000000000b1", &[]), now - 29 * DAY_MS),
        (parsed("00000000000000b2", &[]), now),
    ];
    common::insert_many(&store, &rows).await;
    let task = retention::spawn(store.clone(), 30, Duration::from_millis(200));
    wait_for_count(&store, 2).await;
    assert!(common::record(&store, "00000000000000a1").await.is_empty());
    assert_eq!(common::record(&store, "00000000000000b1").await.len(), 1);
    // A receipt that is already too old when it arrives goes at a next interval (only the task
    // deletes).
    common::insert(&store, &parsed("00000000000000a3", &[]), now - 40 * DAY_MS).await;
    wait_for_count(&store, 2).await;
    assert!(common::record(&store, "00000000000000a3").await.is_empty());
    task.abort();
}
