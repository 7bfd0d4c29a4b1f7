//! `check`: validates consent-banner config files and lints them against the EDPB
//! cookie-banner taskforce and Belgian DPA rules.
//!
//! ```sh
//! cargo run --bin check -- www/config/itsme.json
//! ```
//! Exit status: 0 when every file is valid and breaks no rule (warnings allowed), 1 when any
//! file has errors, 2 on usage or read errors.

use std::process::ExitCode;

use consent_banner::core::config::Config;
use consent_banner::core::lint::{lint, Level};

fn main() -> ExitCode {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() || paths.iter().any(|p| p == "-h" || p == "--help") {
        eprintln!("usage: check CONFIG.json [CONFIG.json …]");
        return ExitCode::from(2);
    }
    let mut worst = 0u8;
    for path in &paths {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("{path}: cannot read: {e}");
                worst = worst.max(2);
                continue;
            }
        };
        let config = match Config::from_json(&text) {
            Ok(config) => config,
            Err(errors) => {
                for e in &errors.0 {
                    println!(
                        "{path}: error: {}: {}",
                        if e.path().is_empty() { "(file)" } else { e.path() },
                        e.message()
                    );
                }
                println!("{path}: invalid ({} errors)", errors.0.len());
                worst = worst.max(1);
                continue;
            }
        };
        let findings = lint(&config);
        let (mut errors, mut warnings) = (0, 0);
        for f in &findings {
            let level = match f.level {
                Level::Error => {
                    errors += 1;
                    "error"
                }
                Level::Warning => {
                    warnings += 1;
                    "warning"
                }
                Level::Ok => "ok",
            };
            let at = if f.path.is_empty() { String::new() } else { format!("{}: ", f.path) };
            println!("{path}: {level}: {at}{}", f.message);
        }
        println!("{path}: {} ({errors} errors, {warnings} warnings)", if errors == 0 { "passes" } else { "fails" });
        if errors > 0 {
            worst = worst.max(1);
        }
    }
    ExitCode::from(worst)
}
