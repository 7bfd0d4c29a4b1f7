//! The command line, the environment, and the config check at start.

use consent_records::settings::{load_config, parse};

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn flags_win_over_the_environment_and_sqlite_is_the_default() {
    let env = |name: &str| match name {
        "CONSENT_RECORDS_CONFIG" => Some("env.json".to_string()),
        "CONSENT_RECORDS_LISTEN" => Some("0.0.0.0:9000".to_string()),
        _ => None,
    };
    let s = parse(&args(&["--config", "site.json", "--secure"]), env).unwrap();
    assert_eq!(s.config, "site.json");
    assert_eq!(s.listen, "0.0.0.0:9000");
    assert_eq!(s.database, "sqlite://records.db");
    assert!(s.secure);
    let s = parse(&args(&["--database=postgres://db/records"]), env).unwrap();
    assert_eq!((s.config.as_str(), s.database.as_str()), ("env.json", "postgres://db/records"));
}

#[test]
fn missing_or_unknown_arguments_are_errors() {
    assert!(parse(&[], |_| None).unwrap_err().contains("no config"));
    assert!(parse(&args(&["--config"]), |_| None).unwrap_err().contains("--config needs a value"));
    assert!(parse(&args(&["--port", "1"]), |_| None).unwrap_err().contains("unknown argument"));
}

#[test]
fn a_bad_config_is_reported_with_its_errors() {
    let dir = std::env::temp_dir().join(format!("records_settings_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.json");
    std::fs::write(&path, r#"{"version": "", "categories": []}"#).unwrap();
    let error = load_config(path.to_str().unwrap()).unwrap_err();
    assert!(error.contains("config version"), "{error}");
    assert!(load_config("/nonexistent/site.json").unwrap_err().contains("/nonexistent/site.json"));
    let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/../www/config/itsme.json");
    assert_eq!(load_config(demo).unwrap().version, "2026-11-1");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_binary_exits_non_zero_on_a_bad_config() {
    let dir = std::env::temp_dir().join(format!("records_bin_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.json");
    std::fs::write(&path, "{ not json").unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_consent-records"))
        .args(["--config", path.to_str().unwrap(), "--database", "sqlite://unused.db"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("not valid JSON"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_owner_token_comes_from_the_environment_and_must_be_long() {
    let with = |token: &'static str| {
        move |name: &str| match name {
            "CONSENT_RECORDS_TOKEN" => Some(token.to_string()),
            _ => None,
        }
    };
    let s = parse(&args(&["--config", "site.json"]), |_| None).unwrap();
    assert!(s.owner.is_none());
    let s = parse(&args(&["--config", "site.json"]), with("0123456789abcdef0123456789abcdef")).unwrap();
    assert!(s.owner.unwrap().is_token("0123456789abcdef0123456789abcdef"));
    assert!(parse(&args(&["--config", "site.json"]), with("short")).unwrap_err().contains("at least 32"));
    assert!(parse(&args(&["--config", "site.json"]), with("")).unwrap_err().contains("at least 32"));
    // It is never printed.
    let s = parse(&args(&["--config", "site.json"]), with("0123456789abcdef0123456789abcdef")).unwrap();
    assert!(!format!("{s:?}").contains("0123456789abcdef"));
}

#[test]
fn retention_days_come_from_the_flag_or_the_environment() {
    let env = |name: &str| (name == "CONSENT_RECORDS_RETENTION_DAYS").then(|| "400".to_string());
    assert_eq!(parse(&args(&["--config", "c.json"]), |_| None).unwrap().retention_days, None);
    assert_eq!(parse(&args(&["--config", "c.json"]), env).unwrap().retention_days, Some(400));
    let s = parse(&args(&["--config", "c.json", "--retention-days", "30"]), env).unwrap();
    assert_eq!(s.retention_days, Some(30));
    for bad in ["0", "-1", "ten", "36501", ""] {
        let error = parse(&args(&["--config", "c.json", &format!("--retention-days={bad}")]), |_| None).unwrap_err();
        assert!(error.contains("--retention-days: expected a number of days"), "{bad}: {error}");
    }
}

#[test]
fn the_default_retention_is_the_consent_cookie_lifetime_plus_a_year() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../www/config/itsme.json");
    let config = load_config(path).unwrap();
    assert_eq!(config.cookie_settings.consent.days, 365);
    assert_eq!(consent_records::retention::default_days(&config), 730);
}

#[test]
fn the_limits_have_safe_defaults_and_can_be_set_or_turned_off() {
    use consent_records::app::Rate;
    use consent_records::serve::Limits;
    let s = parse(&args(&["--config", "site.json"]), |_| None).unwrap();
    assert_eq!(s.rate, Some(Rate { per_second: 10, burst: 60 }));
    assert_eq!(s.receipts_per_day, Some(50));
    assert_eq!(s.limits, Limits { max_connections: 4096, per_client: 32 });
    assert!(!s.trust_proxy);
    let s = parse(
        &args(&[
            "--config",
            "site.json",
            "--rate-limit",
            "5",
            "--rate-burst=20",
            "--receipts-per-day",
            "off",
            "--max-connections",
            "100",
            "--max-connections-per-client",
            "8",
            "--trust-proxy",
        ]),
        |_| None,
    )
    .unwrap();
    assert_eq!(s.rate, Some(Rate { per_second: 5, burst: 20 }));
    assert_eq!(s.receipts_per_day, None);
    assert_eq!(s.limits, Limits { max_connections: 100, per_client: 8 });
    assert!(s.trust_proxy);
    // Behind a proxy every connection is the proxy's: no cap per address unless asked.
    let s = parse(&args(&["--config", "c.json", "--trust-proxy", "--rate-limit", "off"]), |_| None).unwrap();
    assert_eq!((s.rate, s.limits.per_client), (None, 0));
    let env = |name: &str| match name {
        "CONSENT_RECORDS_RATE_LIMIT" => Some("off".to_string()),
        "CONSENT_RECORDS_RECEIPTS_PER_DAY" => Some("7".to_string()),
        "CONSENT_RECORDS_TRUST_PROXY" => Some("1".to_string()),
        _ => None,
    };
    let s = parse(&args(&["--config", "c.json"]), env).unwrap();
    assert_eq!((s.rate, s.receipts_per_day, s.trust_proxy), (None, Some(7), true));
    for (flag, value) in [
        ("--rate-limit", "fast"),
        ("--rate-burst", "0"),
        ("--receipts-per-day", "-1"),
        ("--max-connections", "off"),
        ("--max-connections", "0"),
        ("--max-connections-per-client", "2000000"),
    ] {
        let error = parse(&args(&["--config", "c.json", flag, value]), |_| None).unwrap_err();
        assert!(error.starts_with(flag), "{flag} {value}: {error}");
    }
}

#[test]
fn the_connection_cap_is_fitted_to_the_descriptor_limit() {
    use consent_records::serve::Limits;
    let (fitted, fds) = Limits { max_connections: 1_000_000, per_client: 32 }.fitted();
    if let Some(fds) = fds {
        assert!(fitted.max_connections as u64 <= fds.saturating_sub(64).max(1), "{fitted:?} for {fds} descriptors");
    }
    assert_eq!(Limits { max_connections: 10, per_client: 32 }.fitted().0.max_connections, 10);
}
