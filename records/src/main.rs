//! `consent-records --config site.json --listen 127.0.0.1:8090 --database sqlite://records.db`
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

use std::process::ExitCode;

use consent_records::{http, retention, serve, settings, store};

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
    let options = http::Options { secure: settings.secure, owner: settings.owner, ..http::Options::default() };
    let app = http::router(http::App::with_options(config, store, options));
    let listener = tokio::net::TcpListener::bind(&settings.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", settings.listen))?;
    eprintln!("consent-records: listening on http://{}", settings.listen);
    serve::serve(listener, app, serve::HEADER_TIMEOUT, shutdown()).await;
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
