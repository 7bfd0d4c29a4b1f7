//! Retention: receipts older than the configured number of days are deleted at start and then
//! every hour. It is the only delete the service does.
//!
//! The default is the consent cookie's lifetime plus 365 days (730 days for the usual 365-day
//! cookie): a receipt proves a consent for as long as the site relies on it, which is at most
//! the cookie's lifetime (a later choice makes a new receipt), and it is kept one year more to
//! answer a complaint or an audit about what was done under that consent.
//!
//! The same hourly task compacts the statistics' rollups of closed days (see [`compact`]).

use std::time::Duration;

use consent_banner::core::config::Config;
use tokio::task::JoinHandle;

use crate::store::Store;
use crate::time::{self, DAY_MS};

/// How often retention runs after the start.
pub const EVERY: Duration = Duration::from_secs(3600);
/// Days kept after the consent cookie's lifetime by default.
pub const GRACE_DAYS: u32 = 365;
/// The largest retention accepted (100 years).
pub const MAX_DAYS: u32 = 36_500;

/// The default retention for a config: its consent cookie's lifetime plus [`GRACE_DAYS`].
pub fn default_days(config: &Config) -> u32 {
    config.cookie_settings.consent.days.saturating_add(GRACE_DAYS).min(MAX_DAYS)
}

/// Sums the rollup shards of the days before yesterday (UTC) on PostgreSQL, so that the
/// statistics of a range read one row per count and day (see [`Store::compact_rollups`]); the
/// days compacted.
pub async fn compact(store: &Store) -> Result<u64, sqlx::Error> {
    store.compact_rollups(time::now_ms().div_euclid(DAY_MS) - 1).await
}

/// Deletes the receipts older than `days` now and then every `every`, and compacts the
/// rollups of closed days, until the runtime ends.
pub fn spawn(store: Store, days: u32, every: Duration) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(every);
        // After a pause (a suspended machine), run once, not once per missed hour.
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            interval.tick().await;
            let cutoff = time::now_ms() - i64::from(days) * DAY_MS;
            match store.delete_older_than(cutoff).await {
                Ok(0) => {}
                Ok(n) => eprintln!(
                    "consent-records: retention: deleted {n} receipts received before {}",
                    time::iso_ms(cutoff)
                ),
                Err(e) => eprintln!("consent-records: retention: cannot delete old receipts (will retry): {e}"),
            }
            if let Err(e) = compact(&store).await {
                eprintln!("consent-records: cannot compact the statistics' rollups (will retry): {e}");
            }
        }
    })
}
