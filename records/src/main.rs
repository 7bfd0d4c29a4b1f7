//! `consent-records --config site.json --listen 127.0.0.1:8090 --database sqlite://records.db`
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

use std::process::ExitCode;

use consent_records::app::{App, Options};
use consent_records::{retention, routes, serve, settings, stats, store};

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("consent-records: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let settings = settings::parse(&args, |name| std::env::var(name).ok())?;
    let config = settings::load_config(&settings.config)?;
    let store = store::Store::open(&settings.database).await?;
    let added = store
        .backfill_rollups(|receipt| stats::counts(&config, receipt))
        .await
        .map_err(|e| format!("cannot add the stored receipts to the statistics: {e}"))?;
    if added > 0 {
        eprintln!("consent-records: {added} receipts stored before the statistics' rollups were added to them");
    }
    // Before listening, so that a database seeded or upgraded with many sharded days is read
    // fast from the first request on. Not fatal: the statistics are right uncompacted, only slower.
    match retention::compact(&store).await {
        Ok(0) => {}
        Ok(days) => eprintln!("consent-records: the rollups of {days} closed days compacted (their shards summed)"),
        Err(e) => eprintln!("consent-records: cannot compact the statistics' rollups (will retry): {e}"),
    }
    if let Ok(Some((journal, synchronous))) = store.sqlite_durability().await {
        eprintln!("consent-records: SQLite journal {journal}, synchronous {synchronous} (2 = FULL)");
    }
    let cookie_days = config.cookie_settings.consent.days;
    let days = settings.retention_days.unwrap_or_else(|| retention::default_days(&config));
    eprintln!("consent-records: receipts are kept {days} days (deleted at start and every hour)");
    if days < cookie_days {
        eprintln!(
            "consent-records: warning: the retention ({days} days) is shorter than the consent cookie's \
             lifetime ({cookie_days} days): receipts of consents still relied on will be deleted"
        );
    }
    retention::spawn(store.clone(), days, retention::EVERY);
    match &settings.owner {
        Some(_) => {
            eprintln!("consent-records: the owner's routes are enabled (/owner/, token from CONSENT_RECORDS_TOKEN)")
        }
        None => eprintln!("consent-records: the owner's routes are disabled (404): CONSENT_RECORDS_TOKEN is not set"),
    }
    let options = Options {
        secure: settings.secure,
        owner: settings.owner,
        receipts_per_day: settings.receipts_per_day,
        rate: settings.rate,
        trust_proxy: settings.trust_proxy,
        ..Options::default()
    };
    let (limits, fds) = settings.limits.fitted();
    let rate =
        options.rate.map_or("off".to_string(), |r| format!("{}/s per client, bursts of {}", r.per_second, r.burst));
    let per_day = options.receipts_per_day.map_or("no cap".to_string(), |n| format!("{n} per consent id a day"));
    let per_client = match limits.per_client {
        0 => "no cap per client".to_string(),
        n => format!("{n} per client"),
    };
    let fds = fds.map_or("no descriptor limit".to_string(), |n| format!("descriptor limit {n}"));
    eprintln!(
        "consent-records: rate limit {rate}; receipts {per_day}; connections at most {} ({fds}), {per_client}{}",
        limits.max_connections,
        if options.trust_proxy { "; clients by X-Forwarded-For (--trust-proxy)" } else { "" }
    );
    let app = routes::router(App::with_options(config, store, options));
    let listener =
        serve::bind(&settings.listen).await.map_err(|e| format!("cannot listen on {}: {e}", settings.listen))?;
    eprintln!("consent-records: listening on http://{}", settings.listen);
    serve::serve(listener, app, serve::HEADER_TIMEOUT, limits, shutdown()).await;
    Ok(())
}

/// Ctrl-C, or SIGTERM on Unix (what service managers send): answered requests finish first.
async fn shutdown() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
