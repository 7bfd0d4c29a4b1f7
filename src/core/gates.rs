//! The gates of an HTML file, read statically (`check --html`): every element carrying
//! `data-consent-category` (with its `data-consent-service`) or, a widget's container,
//! `data-consent-placeholder`, and the loader's `data-area`, with
//! the line each is on, so that a misspelt gate is found before a visitor's browser warns about it.
//!
//! Not an HTML parser: it reads start tags and their attributes, skipping comments, which is
//! what the gating contract uses. Text inside `<script>` and `<style>` is skipped too (a gate
//! written by a script is the browser's to warn about).

use super::config::Config;
use super::contract::{AREA_ATTR, CONFIG_URL_ATTR, PLACEHOLDER_ATTR};

const CATEGORY: &str = "data-consent-category";
const SERVICE: &str = "data-consent-service";

/// One gated element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gate {
    /// 1-based line of its start tag.
    pub line: usize,
    /// Its `data-consent-category`.
    pub category: String,
    /// Its `data-consent-service`, if any.
    pub service: Option<String>,
}

/// What a file holds: its gates and the `data-area` of its loader, if any.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scan {
    /// Every gated element, in document order.
    pub gates: Vec<Gate>,
    /// The `data-area` of the script tag that has one (the loader's).
    pub area: Option<String>,
    /// The `data-config` of the script tag that has one (the loader's): the config's URL.
    pub config: Option<String>,
}

impl Scan {
    /// The file name of the config the page's loader names (`/www/config/embeds.json` →
    /// `embeds.json`), if it names one.
    pub fn config_file(&self) -> Option<&str> {
        let url = self.config.as_deref()?;
        let path = url.split(['?', '#']).next().unwrap_or(url);
        path.rsplit('/').next().filter(|n| !n.is_empty())
    }
}

/// Reads the start tags of `html`.
pub fn scan(html: &str) -> Scan {
    let mut out = Scan::default();
    let mut rest = html;
    let mut line = 1;
    while let Some(at) = rest.find('<') {
        line += rest[..at].matches('\n').count();
        rest = &rest[at..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            let end = comment.find("-->").map_or(comment.len(), |e| e + 3);
            line += comment[..end].matches('\n').count();
            rest = &comment[end..];
            continue;
        }
        let (name, attrs, len) = start_tag(rest);
        let tag = &rest[..len];
        if let Some(category) = attr(&attrs, CATEGORY) {
            out.gates.push(Gate { line, category, service: attr(&attrs, SERVICE) });
        } else if let Some(entry) = attr(&attrs, PLACEHOLDER_ATTR) {
            // A widget's container names what it waits for as one entry, `category:service`.
            let (category, service) = super::policy::entry_parts(&entry);
            out.gates.push(Gate { line, category: category.into(), service: service.map(Into::into) });
        }
        if name == "script" && out.area.is_none() {
            out.area = attr(&attrs, AREA_ATTR);
        }
        if name == "script" && out.config.is_none() {
            out.config = attr(&attrs, CONFIG_URL_ATTR);
        }
        line += tag.matches('\n').count();
        rest = &rest[len.max(1)..];
        // Raw text: a "<" in a script or style is not a tag.
        if name == "script" || name == "style" {
            let close = ["</", &name].concat();
            let end = find_ascii_ci(rest, &close).unwrap_or(rest.len());
            line += rest[..end].matches('\n').count();
            rest = &rest[end..];
        }
    }
    out
}

/// A start tag at the start of `s`: its lowercase name, its attributes (lowercase name, value)
/// and its length in bytes (up to and including `>`).
fn start_tag(s: &str) -> (String, Vec<(String, String)>, usize) {
    let bytes = s.as_bytes();
    let mut i = 1;
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
        i += 1;
    }
    let name = s[1..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    if name.is_empty() {
        return (name, attrs, 1);
    }
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'>' {
            return (name, attrs, (i + 1).min(bytes.len()));
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let key = s[start..i].to_ascii_lowercase();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let quote = bytes[i];
                let from = i + 1;
                i = from;
                while i < bytes.len() && bytes[i] != quote {
                    i += 1;
                }
                value = s[from..i].to_string();
                i = (i + 1).min(bytes.len());
            } else {
                let from = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                    i += 1;
                }
                value = s[from..i].to_string();
            }
        }
        if key.is_empty() {
            i += 1;
        } else {
            attrs.push((key, decode_entities(&value)));
        }
    }
}

fn attr(attrs: &[(String, String)], name: &str) -> Option<String> {
    attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
}

/// The few entities an attribute value of an id may hold.
fn decode_entities(s: &str) -> String {
    s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let h = haystack.as_bytes();
    let n = needle.as_bytes();
    (0..h.len().saturating_sub(n.len() - 1)).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// What is wrong with one gate of a file: the message `check --html` prints after `file:line:`.
/// The categories known are those of the file's area (its loader's `data-area`), or of every
/// area when the file names none.
pub fn problems(config: &Config, scan: &Scan) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let areas: Vec<(&str, &[super::config::Category])> = if config.areas.is_empty() {
        vec![("", &config.categories[..])]
    } else {
        match &scan.area {
            Some(id) => match config.areas.iter().find(|a| &a.id == id) {
                Some(a) => vec![(a.id.as_str(), &a.categories[..])],
                None => {
                    let ids: Vec<&str> = config.areas.iter().map(|a| a.id.as_str()).collect();
                    out.push((
                        0,
                        format!("the loader's data-area \"{id}\" is not an area of the config ({})", ids.join(", ")),
                    ));
                    return out;
                }
            },
            None => config.areas.iter().map(|a| (a.id.as_str(), &a.categories[..])).collect(),
        }
    };
    let categories: Vec<&super::config::Category> = areas.iter().flat_map(|(_, cs)| cs.iter()).collect();
    let mut ids: Vec<&str> = Vec::new();
    for c in &categories {
        if !ids.contains(&c.id.as_str()) {
            ids.push(&c.id);
        }
    }
    let scope = match &scan.area {
        Some(a) if !config.areas.is_empty() => format!("area \"{a}\""),
        _ if !config.areas.is_empty() => "any area".to_string(),
        _ => "the config".to_string(),
    };
    for g in &scan.gates {
        let matching: Vec<&&super::config::Category> = categories.iter().filter(|c| c.id == g.category).collect();
        if matching.is_empty() {
            out.push((
                g.line,
                format!(
                    "{CATEGORY}=\"{}\" names no category of {scope} ({}): the tag never runs",
                    g.category,
                    ids.join(", ")
                ),
            ));
            continue;
        }
        if let Some(service) = &g.service {
            if !matching.iter().any(|c| c.services.iter().any(|s| &s.id == service)) {
                let mut services: Vec<&str> = Vec::new();
                for c in &matching {
                    services.extend(c.services.iter().map(|s| s.id.as_str()));
                }
                out.push((
                    g.line,
                    format!(
                        "{SERVICE}=\"{service}\" is not a service of category \"{}\" ({}): the tag never runs",
                        g.category,
                        if services.is_empty() { "it has none".to_string() } else { services.join(", ") }
                    ),
                ));
            }
        }
    }
    out
}
