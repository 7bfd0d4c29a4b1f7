//! `consent-audit`: audits a site that deploys consent-banner against its config.
//!
//! ```sh
//! cargo run --release -p consent-audit -- --config site.json [--json report.json] \
//!   [--html report.html] [--max-pages 20] [--sitemap URL] [--write-config] URL...
//! ```
//! Exit status: 0 when no finding is an error, 1 when one is, 2 when the audit could not run
//! (bad arguments, a config that does not validate, no browser, no page that loads).

#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{HashSet, VecDeque};
use std::io::IsTerminal as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use clap::Parser;
use consent_audit::browser::{Auditor, Options};
use consent_audit::findings::{analyze, is_own, Finding, Severity};
use consent_audit::model::PageRecord;
use consent_audit::ocd::Ocd;
use consent_audit::{crawl, html, suggest};
use consent_banner::core::config::Config;
use url::Url;

/// Audit a site against its consent-banner config in a real browser: every cookie, storage
/// key and request before a choice, after Reject all, after Accept all and after a withdrawal,
/// and every gate that names nothing.
#[derive(Parser, Debug)]
#[command(name = "consent-audit", version)]
struct Cli {
    /// The site's consent-banner config (JSON), validated as the banner validates it.
    #[arg(long, value_name = "FILE")]
    config: PathBuf,
    /// Write the full report as JSON (pages, passes, cookies, storage, requests, findings).
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Write a self-contained HTML report (summary, findings, screenshots, cookie tables).
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
    /// Audit at most this many pages, following same-origin links from the URLs given.
    #[arg(long, default_value_t = 20, value_name = "N")]
    max_pages: usize,
    /// Also audit the pages a sitemap.xml lists (a sitemap index is followed too).
    #[arg(long, value_name = "URL")]
    sitemap: Option<String>,
    /// Print the config `cookies` entries that would declare every undeclared cookie (JSON,
    /// on standard output; the summary then goes to standard error).
    #[arg(long)]
    write_config: bool,
    /// The chromium binary.
    #[arg(long, default_value = "/usr/bin/chromium", value_name = "PATH")]
    chromium: PathBuf,
    /// An extra chromium argument (repeatable), such as --browser-arg=--proxy-server=….
    #[arg(long = "browser-arg", value_name = "ARG", allow_hyphen_values = true)]
    browser_args: Vec<String>,
    /// Milliseconds the page's tags get to run after it loads and after each click.
    #[arg(long, default_value_t = 1500, value_name = "MS")]
    settle_ms: u64,
    /// Seconds a page may take to load.
    #[arg(long, default_value_t = 30, value_name = "S")]
    timeout: u64,
    /// The pages to start from (http or https).
    #[arg(value_name = "URL")]
    urls: Vec<String>,
}

/// A reason the audit could not run: printed, then exit status 2.
struct Fatal(String);

impl<T: std::fmt::Display> From<T> for Fatal {
    fn from(e: T) -> Fatal {
        Fatal(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("consent-audit: cannot start: {e}");
            return ExitCode::from(2);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(Fatal(message)) => {
            eprintln!("consent-audit: {message}");
            ExitCode::from(2)
        }
    }
}

fn load_config(path: &PathBuf) -> Result<Config, Fatal> {
    let text =
        std::fs::read_to_string(path).map_err(|e| Fatal(format!("cannot read the config {}: {e}", path.display())))?;
    let mut config = Config::from_json(&text).map_err(|errors| {
        let list: Vec<String> = errors
            .0
            .iter()
            .map(|e| format!("  {}: {}", if e.path().is_empty() { "(file)" } else { e.path() }, e.message()))
            .collect();
        Fatal(format!("the config {} is invalid ({} errors):\n{}", path.display(), list.len(), list.join("\n")))
    })?;
    config.add_bundled_texts();
    Ok(config)
}

fn parse_url(text: &str) -> Result<Url, Fatal> {
    let url = Url::parse(text).map_err(|e| Fatal(format!("{text:?} is not a URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(Fatal(format!("{text:?} is not an http or https URL")));
    }
    Ok(url)
}

async fn run(cli: Cli) -> Result<ExitCode, Fatal> {
    let config = load_config(&cli.config)?;
    let ocd = Ocd::shipped()?;
    let mut queue: VecDeque<Url> = VecDeque::new();
    for u in &cli.urls {
        queue.push_back(parse_url(u)?);
    }
    let sitemap = cli.sitemap.as_deref().map(parse_url).transpose()?;
    if queue.is_empty() && sitemap.is_none() {
        return Err(Fatal("no URL to audit: give one or more URLs, or --sitemap URL (see --help)".into()));
    }
    if cli.max_pages == 0 {
        return Err(Fatal("--max-pages must be at least 1".into()));
    }
    let started_secs = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or_default();
    let started = consent_banner::core::iso_time(started_secs);
    let auditor = Auditor::launch(Options {
        chromium: cli.chromium.clone(),
        args: cli.browser_args.clone(),
        load_timeout: Duration::from_secs(cli.timeout.max(1)),
        banner_timeout: Duration::from_secs(10),
        settle: Duration::from_millis(cli.settle_ms),
    })
    .await?;
    let result = crawl_and_audit(&auditor, &cli, queue, sitemap).await;
    auditor.close().await;
    let pages = result?;
    if pages.iter().all(|p| p.error.is_some()) {
        let reasons: Vec<String> = pages.iter().filter_map(|p| p.error.clone()).collect();
        return Err(Fatal(format!("no page could be loaded:\n  {}", reasons.join("\n  "))));
    }
    let findings = analyze(&config, &pages, &ocd);
    let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
    let config_name = cli.config.display().to_string();
    if let Some(path) = &cli.json {
        let report = serde_json::json!({
            "tool": "consent-audit",
            "version": env!("CARGO_PKG_VERSION"),
            "config": config_name,
            "started": started,
            "passed": errors == 0,
            "pages": pages,
            "findings": findings,
        });
        let text = serde_json::to_string_pretty(&report)?;
        std::fs::write(path, text + "\n").map_err(|e| Fatal(format!("cannot write {}: {e}", path.display())))?;
    }
    if let Some(path) = &cli.html {
        std::fs::write(path, html::report(&config_name, &started, &pages, &findings, &|name| is_own(&config, name)))
            .map_err(|e| Fatal(format!("cannot write {}: {e}", path.display())))?;
    }
    let summary = summary(&pages, &findings);
    if cli.write_config {
        eprint!("{summary}");
        let suggestions = suggest::suggestions(&config, &pages, &findings, &ocd);
        println!("{}", serde_json::to_string_pretty(&suggestions)?);
    } else {
        print!("{summary}");
    }
    Ok(ExitCode::from(u8::from(errors > 0)))
}

async fn crawl_and_audit(
    auditor: &Auditor,
    cli: &Cli,
    mut queue: VecDeque<Url>,
    sitemap: Option<Url>,
) -> Result<Vec<PageRecord>, Fatal> {
    if let Some(map) = sitemap {
        let mut maps = VecDeque::from([map]);
        let mut read = 0;
        while let Some(map) = maps.pop_front() {
            read += 1;
            if read > 20 {
                break;
            }
            let text =
                auditor.fetch_text(&map).await.map_err(|e| Fatal(format!("cannot read the sitemap {map}: {e}")))?;
            for loc in crawl::sitemap_locs(&text) {
                // Absolute, as the protocol asks; a relative one is taken from the sitemap's URL.
                match map.join(&loc) {
                    Ok(u) if crawl::is_sitemap_index(&text) => maps.push_back(u),
                    Ok(u) => queue.push_back(u),
                    Err(_) => eprintln!("consent-audit: the sitemap {map} lists {loc:?}, which is not a URL: skipped"),
                }
            }
        }
    }
    let starts: Vec<Url> = queue.iter().cloned().collect();
    let mut seen: HashSet<String> = HashSet::new();
    let mut pages = Vec::new();
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new(queue.len().min(cli.max_pages) as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {wide_msg}") {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.enable_steady_tick(Duration::from_millis(200));
        bar
    });
    while let Some(url) = queue.pop_front() {
        if pages.len() >= cli.max_pages {
            break;
        }
        let mut key = url.clone();
        key.set_fragment(None);
        if !seen.insert(key.to_string()) {
            continue;
        }
        match &bar {
            Some(bar) => bar.set_message(url.to_string()),
            None => eprintln!(
                "consent-audit: page {} of at most {}: {url} ({} more found so far)",
                pages.len() + 1,
                cli.max_pages,
                queue.len()
            ),
        }
        let mut links = Vec::new();
        let record = auditor.audit_page(&url, &mut links).await;
        if let Some(e) = &record.error {
            let line = format!("consent-audit: {url}: {e}");
            match &bar {
                Some(bar) => bar.println(line),
                None => eprintln!("{line}"),
            }
        }
        for link in links {
            let from_start = starts.iter().any(|s| s.origin() == link.origin());
            if let Some(link) = crawl::follow(&url, &link).filter(|_| from_start) {
                if !seen.contains(link.as_str()) && !queue.contains(&link) {
                    queue.push_back(link);
                }
            }
        }
        pages.push(record);
        if let Some(bar) = &bar {
            bar.set_length((pages.len() + queue.len()).min(cli.max_pages) as u64);
            bar.set_position(pages.len() as u64);
        }
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(pages)
}

fn summary(pages: &[PageRecord], findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings.iter().filter(|f| f.severity != Severity::Info) {
        out.push_str(&format!(
            "{}: {}: {} [{}] {}: {}\n",
            f.severity.as_str(),
            f.kind.as_str(),
            f.page,
            f.pass.as_str(),
            f.name,
            f.detail
        ));
    }
    // Notes, one line per kind and page (the reports have each in full).
    let mut notes: Vec<(&str, &str, Vec<&str>)> = Vec::new();
    for f in findings.iter().filter(|f| f.severity == Severity::Info) {
        match notes.iter_mut().find(|(k, p, _)| *k == f.kind.as_str() && *p == f.page) {
            Some((_, _, names)) => names.push(&f.name),
            None => notes.push((f.kind.as_str(), &f.page, vec![&f.name])),
        }
    }
    for (kind, page, names) in notes {
        out.push_str(&format!("info: {kind}: {page}: {}\n", names.join(", ")));
    }
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let cookies: usize = pages.iter().flat_map(|p| &p.passes).map(|p| p.cookies.len()).sum();
    out.push_str(&format!(
        "consent-audit: {} pages, {} cookie sightings; {} errors, {} warnings, {} notes: {}\n",
        pages.len(),
        cookies,
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
        if count(Severity::Error) == 0 { "passed" } else { "failed" }
    ));
    out
}
