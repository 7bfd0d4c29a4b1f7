//! `--html`: the report a DPO reads. One self-contained file (inline CSS, the banner's
//! screenshots as `data:` PNGs, no script, nothing fetched), in the privacy centre's style: its
//! colours, font, radius and borders (www/consent-banner.css), light and dark.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::findings::{human_lifetime, Finding, Kind, Severity};
use crate::model::{PageRecord, Pass};

/// Text made safe for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = r#"
:root { --bg: #ffffff; --fg: #1c1c1e; --muted: #4a4a52; --border: #8a8a94; --accent: #0b57d0; --soft: #f4f4f6;
  --error: #b3261e; --error-bg: #fce8e6; --warning: #7a4f01; --warning-bg: #fef3d7; --info: #0b57d0; --info-bg: #e8f0fe;
  --pass: #146c2e; --pass-bg: #e6f4ea; --radius: 10px; --font: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color-scheme: light dark; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #1f1f23; --fg: #f2f2f4; --muted: #c4c4cc; --accent: #8ab4f8; --soft: #2a2a30;
    --error: #f2b8b5; --error-bg: #4a1c1a; --warning: #f6d58a; --warning-bg: #3d3012; --info: #8ab4f8; --info-bg: #1b2a45;
    --pass: #a8dab5; --pass-bg: #17351f; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--soft); color: var(--fg); font: 1rem/1.5 var(--font); }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
.card { background: var(--bg); border: 1px solid var(--border); border-radius: var(--radius); padding: 1.25rem 1.5rem; margin: 0 0 1.25rem; overflow-wrap: break-word; }\ntd a, td code, li code, li a { overflow-wrap: anywhere; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 0 0 .75rem; }
h3 { font-size: 1rem; margin: 1rem 0 .5rem; }
p { margin: .25rem 0; }
.muted { color: var(--muted); }
a { color: var(--accent); }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .875em; overflow-wrap: anywhere; }
.head { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; justify-content: space-between; }
.badge { display: inline-block; font-weight: 700; border-radius: 999px; padding: .35rem 1rem; font-size: 1.125rem; border: 2px solid currentColor; }
.badge.pass { color: var(--pass); background: var(--pass-bg); }
.badge.fail { color: var(--error); background: var(--error-bg); }
.counts { display: flex; flex-wrap: wrap; gap: .5rem; margin-top: .75rem; }
.chip { display: inline-block; border-radius: 6px; padding: .1rem .5rem; font-size: .875rem; font-weight: 600; white-space: nowrap; }
.chip.error { color: var(--error); background: var(--error-bg); }
.chip.warning { color: var(--warning); background: var(--warning-bg); }
.chip.info { color: var(--info); background: var(--info-bg); }
.chip.ok { color: var(--pass); background: var(--pass-bg); }
.wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .9375rem; }
th, td { text-align: start; vertical-align: top; padding: .4rem .6rem; border-bottom: 1px solid var(--border); }
th { font-weight: 600; background: var(--soft); white-space: nowrap; }
.passes { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: .75rem; margin: .5rem 0 1rem; }
.pass { border: 1px solid var(--border); border-radius: calc(var(--radius) - 4px); padding: .75rem; }
.pass h4 { margin: 0 0 .25rem; font-size: 1rem; }
.shot { display: block; max-width: 100%; height: auto; border: 1px solid var(--border); border-radius: calc(var(--radius) - 4px); margin: .5rem 0; }
details { margin-top: .5rem; }
summary { cursor: pointer; color: var(--accent); }
ul.findings { list-style: none; padding: 0; margin: 0; }
ul.findings li { border-inline-start: 4px solid var(--border); padding: .4rem .75rem; margin: .5rem 0; background: var(--soft); border-radius: 0 6px 6px 0; }
ul.findings li.error { border-color: var(--error); }
ul.findings li.warning { border-color: var(--warning); }
ul.findings li.info { border-color: var(--info); }
footer { color: var(--muted); font-size: .875rem; }
"#;

fn chip(severity: Severity, count: usize) -> String {
    let label = match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    };
    format!("<span class=\"chip {}\">{count} {label}{}</span>", severity.as_str(), if count == 1 { "" } else { "s" })
}

/// The whole report as one HTML document; `own` tells the names consent-banner writes itself.
pub fn report(
    config_path: &str,
    started: &str,
    pages: &[PageRecord],
    findings: &[Finding],
    own: &dyn Fn(&str) -> bool,
) -> String {
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let passed = count(Severity::Error) == 0;
    let mut h = String::new();
    let _ = write!(
        h,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\
<title>Consent audit: {}</title><style>{CSS}</style></head><body><main>",
        if passed { "passed" } else { "failed" }
    );
    // Summary.
    let _ = write!(
        h,
        "<section class=\"card\"><div class=\"head\"><div><h1>Consent audit</h1>\
<p class=\"muted\">{} page{} against <code>{}</code>, {}</p></div>\
<span class=\"badge {}\">{}</span></div><div class=\"counts\">{}{}{}</div>",
        pages.len(),
        if pages.len() == 1 { "" } else { "s" },
        escape(config_path),
        escape(started),
        if passed { "pass" } else { "fail" },
        if passed { "✓ Passed" } else { "✗ Failed" },
        chip(Severity::Error, count(Severity::Error)),
        chip(Severity::Warning, count(Severity::Warning)),
        chip(Severity::Info, count(Severity::Info)),
    );
    h.push_str(
        "<h3>Pages</h3><div class=\"wrap\"><table><thead><tr><th scope=\"col\">Page</th><th scope=\"col\">Area</th>",
    );
    for pass in [Pass::NoChoice, Pass::Reject, Pass::Accept, Pass::Withdrawn] {
        let _ = write!(h, "<th scope=\"col\">{}</th>", pass.label());
    }
    h.push_str("</tr></thead><tbody>");
    for page in pages {
        let _ = write!(
            h,
            "<tr><td><a href=\"#{}\">{}</a></td><td>{}</td>",
            anchor(&page.url),
            escape(&page.url),
            escape(page.area.as_deref().unwrap_or("—"))
        );
        for pass in [Pass::NoChoice, Pass::Reject, Pass::Accept, Pass::Withdrawn] {
            let of: Vec<&Finding> = findings.iter().filter(|f| f.page == page.url && f.pass == pass).collect();
            let e = of.iter().filter(|f| f.severity == Severity::Error).count();
            let w = of.iter().filter(|f| f.severity == Severity::Warning).count();
            let cell = if page.error.is_some() {
                "<span class=\"chip error\">not loaded</span>".to_string()
            } else if e > 0 {
                chip(Severity::Error, e)
            } else if w > 0 {
                chip(Severity::Warning, w)
            } else {
                "<span class=\"chip ok\">ok</span>".to_string()
            };
            let _ = write!(h, "<td>{cell}</td>");
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table></div></section>");

    // Findings by kind.
    let mut by_kind: BTreeMap<Kind, Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        by_kind.entry(f.kind).or_default().push(f);
    }
    h.push_str("<section class=\"card\"><h2>Findings</h2>");
    if findings.is_empty() {
        h.push_str("<p>None: every cookie, storage key and request matched the config.</p>");
    }
    for (kind, list) in &by_kind {
        let _ = write!(h, "<h3><code>{}</code> ({})</h3><ul class=\"findings\">", kind.as_str(), list.len());
        for f in list {
            let _ = write!(
                h,
                "<li class=\"{}\"><strong>{}</strong> · <code>{}</code> · {} · <a href=\"#{}\">{}</a><br>{}</li>",
                f.severity.as_str(),
                f.severity.as_str(),
                escape(&f.name),
                f.pass.label(),
                anchor(&f.page),
                escape(&f.page),
                escape(&f.detail)
            );
        }
        h.push_str("</ul>");
    }
    h.push_str("</section>");

    // Each page: its passes, the banner, the cookie table.
    for page in pages {
        let _ = write!(
            h,
            "<section class=\"card\" id=\"{}\"><h2>{}</h2><p class=\"muted\">Area: {}</p>",
            anchor(&page.url),
            escape(&page.url),
            escape(page.area.as_deref().unwrap_or("none"))
        );
        if let Some(e) = &page.error {
            let _ = write!(h, "<p><span class=\"chip error\">not audited</span> {}</p></section>", escape(e));
            continue;
        }
        if let Some(shot) = page.pass(Pass::NoChoice).and_then(|p| p.screenshot.as_ref()) {
            let _ = write!(h, "<img class=\"shot\" alt=\"The banner as a first visitor sees it\" src=\"data:image/png;base64,{shot}\">");
        }
        h.push_str("<div class=\"passes\">");
        for pass in &page.passes {
            let first = pass.cookies.iter().filter(|c| c.party == crate::model::Party::First).count();
            let _ = write!(
                h,
                "<div class=\"pass\"><h4>{}</h4><p>{} cookie{} ({} first party, {} third party)</p><p>{} storage key{}</p><p>{} request{} to other origins</p>",
                pass.pass.label(),
                pass.cookies.len(),
                if pass.cookies.len() == 1 { "" } else { "s" },
                first,
                pass.cookies.len() - first,
                pass.storage.len(),
                if pass.storage.len() == 1 { "" } else { "s" },
                pass.requests.len(),
                if pass.requests.len() == 1 { "" } else { "s" },
            );
            if let Some(e) = &pass.error {
                let _ = write!(h, "<p><span class=\"chip warning\">incomplete</span> {}</p>", escape(e));
            }
            h.push_str("</div>");
        }
        h.push_str("</div>");
        if let Some(b) = page.pass(Pass::NoChoice).and_then(|p| p.banner.as_ref()) {
            let _ = write!(
                h,
                "<details><summary>What the banner said ({}, {})</summary><p>{}</p></details>",
                escape(&b.mode),
                escape(&b.lang),
                escape(&b.text.split_whitespace().collect::<Vec<_>>().join(" "))
            );
        }
        h.push_str("<h3>Cookies and storage</h3><div class=\"wrap\"><table><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Domain</th><th scope=\"col\">Path</th><th scope=\"col\">Lifetime</th><th scope=\"col\">Party</th><th scope=\"col\">Seen in</th><th scope=\"col\">Finding</th></tr></thead><tbody>");
        // One row per cookie, with the passes it was seen in.
        let mut rows: BTreeMap<(String, String, String), Row> = BTreeMap::new();
        for pass in &page.passes {
            for c in &pass.cookies {
                let row = rows.entry((c.name.clone(), c.domain.clone(), c.path.clone())).or_insert_with(|| {
                    (c.lifetime.map_or("session".into(), human_lifetime), c.party.as_str().into(), Vec::new())
                });
                row.2.push(pass.pass.label());
            }
            for s in &pass.storage {
                let row = rows
                    .entry((s.key.clone(), s.kind.as_str().into(), String::new()))
                    .or_insert_with(|| ("—".into(), "first".into(), Vec::new()));
                row.2.push(pass.pass.label());
            }
        }
        for ((name, domain, path), (lifetime, party, seen)) in &rows {
            let about: Vec<&Finding> = findings.iter().filter(|f| f.page == page.url && f.name == *name).collect();
            let marks: String = about
                .iter()
                .map(|f| format!("<span class=\"chip {}\">{}</span> ", f.severity.as_str(), f.kind.as_str()))
                .collect();
            let _ = write!(
                h,
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(name),
                escape(domain),
                escape(path),
                escape(lifetime),
                escape(party),
                escape(&seen.join(", ")),
                match (marks.is_empty(), own(name)) {
                    (false, _) => marks,
                    (true, true) => "<span class=\"chip ok\">consent-banner's own</span>".to_string(),
                    (true, false) => "<span class=\"chip ok\">declared</span>".to_string(),
                }
            );
        }
        h.push_str("</tbody></table></div>");
        let requests: Vec<(&str, &crate::model::Request)> =
            page.passes.iter().flat_map(|p| p.requests.iter().map(move |r| (p.pass.label(), r))).collect();
        if !requests.is_empty() {
            h.push_str("<h3>Requests to other origins</h3><div class=\"wrap\"><table><thead><tr><th scope=\"col\">Pass</th><th scope=\"col\">Type</th><th scope=\"col\">URL</th><th scope=\"col\">Party</th></tr></thead><tbody>");
            for (pass, r) in requests {
                let _ = write!(
                    h,
                    "<tr><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td></tr>",
                    pass,
                    escape(&r.kind),
                    escape(&r.url),
                    r.party.as_str()
                );
            }
            h.push_str("</tbody></table></div>");
        }
        h.push_str("</section>");
    }
    h.push_str("<footer><p>Made by consent-audit. Each pass ran in a fresh browser profile, clicking the banner's own buttons. \
Cookie descriptions from the Open Cookie Database (Apache-2.0).</p></footer></main></body></html>\n");
    h
}

/// A cookie table's row: lifetime, party and the passes it was seen in.
type Row = (String, String, Vec<&'static str>);

fn anchor(url: &str) -> String {
    let mut out = String::from("page-");
    out.extend(url.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }));
    out
}
