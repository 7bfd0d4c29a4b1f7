//! `check`: validates consent-banner config files and lints them against the EDPB
//! cookie-banner taskforce and Belgian DPA rules; with `--html`, also reads a site's pages and
//! reports every gate that names a category or service the config lacks, with file and line.
//!
//! ```sh
//! cargo run --bin check -- www/config/itsme.json
//! cargo run --bin check -- www/config/itsme.json --html 'www/**/*.html'
//! ```
//! Exit status: 0 when every file is valid and breaks no rule (warnings allowed) and every gate
//! names something, 1 when any file has errors, 2 on usage or read errors.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use consent_banner::core::config::Config;
use consent_banner::core::gates;
use consent_banner::core::lint::{lint, Level};

const USAGE: &str = "usage: check CONFIG.json [CONFIG.json …] [--html 'PAGES/**/*.html' …]";

fn main() -> ExitCode {
    // Under Node's WASI (`npx consent-banner-check`, npm/check.js) the program starts in "/", with
    // the machine's root preopened: the wrapper passes the shell's working directory, so that
    // relative paths mean what they mean in the shell.
    #[cfg(target_os = "wasi")]
    if let Some(dir) = std::env::var_os("PWD") {
        if let Err(e) = std::env::set_current_dir(&dir) {
            eprintln!("{}: cannot change to it: {}", dir.to_string_lossy(), reason(&e));
            return ExitCode::from(2);
        }
    }
    let mut configs = Vec::new();
    let mut pages = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
            "--html" => match args.next() {
                Some(pattern) => pages.push(pattern),
                None => {
                    eprintln!("--html needs a file or a pattern such as 'site/**/*.html'\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            _ => configs.push(arg),
        }
    }
    if configs.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let mut worst = 0u8;
    let mut valid = Vec::new();
    for path in &configs {
        let (status, config) = check_config(path);
        worst = worst.max(status);
        valid.extend(config.map(|c| (path, c)));
    }
    if !pages.is_empty() {
        let mut files = Vec::new();
        for pattern in &pages {
            match expand(pattern) {
                Ok(found) if found.is_empty() => {
                    eprintln!("--html {pattern}: no file matches");
                    worst = worst.max(2);
                }
                Ok(found) => files.extend(found),
                Err(why) => {
                    eprintln!("--html {pattern}: {why}");
                    worst = worst.max(2);
                }
            }
        }
        let names: Vec<Option<&str>> =
            valid.iter().map(|(path, _)| Path::new(path).file_name().and_then(|n| n.to_str())).collect();
        for (i, (config_path, config)) in valid.iter().enumerate() {
            worst = worst.max(check_pages(config_path, config, &files, names[i], &names));
        }
    }
    ExitCode::from(worst)
}

/// An I/O error's description without the OS's error number, which differs between Linux and
/// WASI (2 and 44 for a missing file): both builds print the same words.
fn reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.rfind(" (os error ") {
        Some(at) if text.ends_with(')') => text[..at].to_string(),
        _ => text,
    }
}

/// Validates and lints one config: its exit status, and the config when it is valid.
fn check_config(path: &str) -> (u8, Option<Config>) {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{path}: cannot read: {}", reason(&e));
            return (2, None);
        }
    };
    let config = match Config::from_json(&text) {
        Ok(config) => config,
        Err(errors) => {
            for e in &errors.0 {
                println!("{path}: error: {}: {}", if e.path().is_empty() { "(file)" } else { e.path() }, e.message());
            }
            println!("{path}: invalid ({} errors)", errors.0.len());
            return (1, None);
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
    (u8::from(errors > 0), Some(config))
}

/// The gates of every page against one config (whose file name is `name`, of `names` given): its
/// exit status. A page whose loader's `data-config` ends with the file name of one of the configs
/// given is checked against that one only; any other page against each (a site may deploy its
/// config under another name).
fn check_pages(
    config_path: &str,
    config: &Config,
    files: &[PathBuf],
    name: Option<&str>,
    names: &[Option<&str>],
) -> u8 {
    let mut worst = 0;
    let (mut pages, mut gates_seen, mut bad) = (0, 0, 0);
    for file in files {
        let html = match std::fs::read(file) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => {
                eprintln!("{}: cannot read: {}", file.display(), reason(&e));
                worst = 2;
                continue;
            }
        };
        let scan = gates::scan(&html);
        // A page whose loader names another of the configs given is that one's.
        if scan.config_file().is_some_and(|own| names.contains(&Some(own)) && name != Some(own)) {
            continue;
        }
        pages += 1;
        gates_seen += scan.gates.len();
        for (line, message) in gates::problems(config, &scan) {
            bad += 1;
            println!("{}:{line}: error: {message} (config {config_path})", file.display());
        }
    }
    println!("{config_path}: {pages} page(s), {gates_seen} gate(s), {bad} naming nothing the config has");
    if bad > 0 {
        worst = worst.max(1);
    }
    worst
}

/// The files a pattern names: a path, or a pattern whose components may hold `*`, `?` and `**`
/// (any number of directories), as a shell's globstar would expand it, quoted or not.
fn expand(pattern: &str) -> Result<Vec<PathBuf>, String> {
    let parts: Vec<&str> = pattern.split('/').collect();
    let first_wild = parts.iter().position(|p| p.contains(['*', '?']));
    let Some(first_wild) = first_wild else {
        let path = PathBuf::from(pattern);
        return if path.is_file() { Ok(vec![path]) } else { Err("no such file".to_string()) };
    };
    let base: PathBuf = if first_wild == 0 {
        PathBuf::from(".")
    } else {
        let b = parts[..first_wild].join("/");
        PathBuf::from(if b.is_empty() { "/".to_string() } else { b })
    };
    let mut found = Vec::new();
    walk(&base, &mut Vec::new(), &parts[first_wild..], &mut found)
        .map_err(|e| format!("{}: {}", base.display(), reason(&e)))?;
    found.sort();
    Ok(found
        .into_iter()
        .map(|rel: Vec<String>| {
            let mut p = if first_wild == 0 { PathBuf::new() } else { base.clone() };
            p.extend(rel);
            p
        })
        .collect())
}

fn walk(dir: &Path, rel: &mut Vec<String>, pattern: &[&str], found: &mut Vec<Vec<String>>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        rel.push(name);
        if path.is_dir() {
            walk(&path, rel, pattern, found)?;
        } else if matches_path(pattern, rel) {
            found.push(rel.clone());
        }
        rel.pop();
    }
    Ok(())
}

/// True when the path's components match the pattern's (`**`: zero or more components).
fn matches_path(pattern: &[&str], path: &[String]) -> bool {
    match pattern.split_first() {
        None => path.is_empty(),
        Some((&"**", rest)) => (0..=path.len()).any(|skip| matches_path(rest, &path[skip..])),
        Some((p, rest)) => {
            path.split_first().is_some_and(|(first, tail)| matches_name(p, first) && matches_path(rest, tail))
        }
    }
}

/// `*` any run of characters, `?` one character.
fn matches_name(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    fn go(p: &[char], n: &[char]) -> bool {
        match p.split_first() {
            None => n.is_empty(),
            Some(('*', rest)) => (0..=n.len()).any(|i| go(rest, &n[i..])),
            Some(('?', rest)) => !n.is_empty() && go(rest, &n[1..]),
            Some((c, rest)) => n.first() == Some(c) && go(rest, &n[1..]),
        }
    }
    go(&p, &n)
}
