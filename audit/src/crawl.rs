//! Which pages to audit: the URLs given, the same-origin links found on them (breadth first),
//! and the `<loc>` entries of a sitemap.

use url::Url;

/// File types that are no page.
const NOT_PAGES: &[&str] = &[
    ".pdf", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".ico", ".zip", ".gz", ".mp4", ".webm", ".mp3", ".css",
    ".js", ".mjs", ".json", ".xml", ".txt", ".wasm", ".woff", ".woff2", ".csv", ".doc", ".docx", ".xls", ".xlsx",
];

/// A link worth following from `from`: an http(s) page on the same origin, without its fragment.
pub fn follow(from: &Url, link: &Url) -> Option<Url> {
    if !matches!(link.scheme(), "http" | "https") || link.origin() != from.origin() {
        return None;
    }
    let path = link.path().to_ascii_lowercase();
    if NOT_PAGES.iter().any(|ext| path.ends_with(ext)) {
        return None;
    }
    let mut link = link.clone();
    link.set_fragment(None);
    Some(link)
}

/// The page URLs of a sitemap (`<loc>` entries, `&amp;` and the other XML escapes undone). A
/// sitemap index's entries are sitemaps: the caller reads them in turn.
pub fn sitemap_locs(xml: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find("<loc>") {
        rest = &rest[start + 5..];
        let Some(end) = rest.find("</loc>") else { break };
        let loc = rest[..end].trim().trim_start_matches("<![CDATA[").trim_end_matches("]]>").trim();
        let loc = loc
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&");
        if !loc.is_empty() {
            out.push(loc);
        }
        rest = &rest[end + 6..];
    }
    out
}

/// True when a sitemap's text is a sitemap index (its `<loc>`s are sitemaps, not pages).
pub fn is_sitemap_index(xml: &str) -> bool {
    xml.contains("<sitemapindex")
}
