//! The README's "Your own site in ten minutes" holds: its config is valid and passes the lint,
//! and every gate of its recipes names a category and service of that config (the same checks
//! as `check --html`). The browser half is tests/e2e/ten-minutes.spec.js.

use consent_banner::core::config::Config;
use consent_banner::core::gates::{problems, scan};
use consent_banner::core::lint::{lint, Level};

fn blocks() -> Vec<(String, String)> {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let mut out = Vec::new();
    for part in readme.split("<!-- ten-minutes:").skip(1) {
        let (name, rest) = part.split_once(" -->\n```").unwrap();
        let body = rest.split_once('\n').unwrap().1.split_once("\n```").unwrap().0;
        out.push((name.to_string(), body.to_string()));
    }
    out
}

#[test]
fn the_ten_minute_config_is_valid_and_lawful() {
    let blocks = blocks();
    let names: Vec<&str> = blocks.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["config", "check", "typescript", "head", "footer", "ga4", "gtm", "meta", "hotjar", "youtube", "maps", "form"]
    );
    let config = Config::from_json(&blocks[0].1).unwrap_or_else(|e| panic!("{e}"));
    let errors: Vec<_> = lint(&config).into_iter().filter(|f| f.level != Level::Ok).collect();
    assert_eq!(errors, [], "the README's config draws lint findings");
    assert_eq!(config.languages, ["en", "nl"]);
    let ids: Vec<&str> = config.categories.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["necessary", "analytics", "marketing"]);
}

#[test]
fn every_recipe_gates_what_the_config_has() {
    let blocks = blocks();
    let config = Config::from_json(&blocks[0].1).unwrap();
    let mut gated = 0;
    // `check` and `typescript` are run by tests/e2e/npm-check.spec.js.
    for (name, html) in blocks[1..].iter().filter(|(n, _)| n != "check" && n != "typescript") {
        let s = scan(html);
        gated += s.gates.len();
        assert_eq!(problems(&config, &s), [], "recipe {name}");
    }
    // Nine gated tags and the form's container.
    assert_eq!(gated, 10);
}

/// Every image a README shows (`![alt](path)` or `<img src="path">`, relative to the README)
/// is a file in the repository: a renamed or never-generated screenshot fails here, not on the
/// rendered page.
#[test]
fn every_image_the_readmes_show_exists() {
    let mut shown = 0;
    for doc in ["README.md", "npm/README.md"] {
        let full = std::fs::read_to_string(doc).unwrap();
        // Outside fenced blocks: the HTML snippets' <img data-src> are examples, not pictures shown.
        let mut fenced = false;
        let text: String = full
            .lines()
            .filter(|line| {
                if line.starts_with("```") {
                    fenced = !fenced;
                    return false;
                }
                !fenced
            })
            .map(|line| format!("{line}\n"))
            .collect();
        let dir = std::path::Path::new(doc).parent().unwrap();
        let mut targets = Vec::new();
        // `![alt](target)` with the alt on one line and no `]` in it (`vec![…]` in code is not one).
        for part in text.split("![").skip(1) {
            let Some((alt, rest)) = part.split_once(']') else { continue };
            if alt.contains('\n') || !rest.starts_with('(') {
                continue;
            }
            targets.push(rest[1..].split([')', ' ']).next().unwrap().to_string());
        }
        for part in text.split("<img ").skip(1) {
            let tag = part.split('>').next().unwrap();
            if let Some((_, rest)) = tag.split_once(" src=\"").or_else(|| tag.strip_prefix("src=\"").map(|r| ("", r))) {
                targets.push(rest.split('"').next().unwrap().to_string());
            }
        }
        for target in targets.iter().filter(|t| !t.contains("://") && !t.starts_with("data:")) {
            let path = dir.join(target.split(['#', '?']).next().unwrap());
            assert!(path.is_file(), "{doc} shows {target}, which is not a file ({})", path.display());
            shown += 1;
        }
    }
    assert!(shown >= 6, "only {shown} images found in the READMEs: is the pattern still right?");
}
