//! The limits of a config and the checks of single values.

use super::super::policy::split_on;

/// Longest banner version accepted; keeps the consent cookie small.
pub const MAX_VERSION_LEN: usize = 64;
/// Most categories a config may declare; keeps the consent cookie small.
pub const MAX_CATEGORIES: usize = 24;
/// Most services one category may list.
pub const MAX_SERVICES: usize = 16;
/// Browsers cap cookie lifetimes at 400 days (Chromium since 104), so more would be a lie.
pub const MAX_COOKIE_DAYS: u32 = 400;

/// True for links that may be rendered: `http:`, `https:` or relative, never `javascript:` or `data:`.
pub fn is_safe_link(href: &str) -> bool {
    let href = href.trim();
    if href.is_empty() || href.chars().any(|c| c.is_control()) {
        return false;
    }
    let lower = href.to_ascii_lowercase();
    match lower.bytes().position(|b| b == b':') {
        // A colon before any '/', '?' or '#' starts a scheme.
        Some(colon) if !lower.bytes().take(colon).any(|b| matches!(b, b'/' | b'?' | b'#')) => {
            lower.starts_with("http:") || lower.starts_with("https:")
        }
        _ => true,
    }
}

pub(super) fn is_valid_cookie_name(name: &str, allow_pattern: bool) -> bool {
    !name.is_empty()
        && name.len() <= 128
        && name
            .bytes()
            .all(|b| b.is_ascii_graphic() && !b"()<>@,;:\\\"/[]?={}".contains(&b) && (allow_pattern || b != b'*'))
}

pub(super) fn is_valid_language(code: &str) -> bool {
    let mut parts = split_on(code, b'-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}
