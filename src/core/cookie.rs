//! Reading `document.cookie` and writing the strings assigned to it.

use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;

use super::cat;

use super::policy::{split_on, split_once_on};

#[cfg(any(feature = "full", feature = "first"))]
/// The `SameSite` attribute of the cookies consent-banner writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SameSite {
    /// `SameSite=Lax`, the default.
    Lax,
    /// `SameSite=Strict`.
    Strict,
    /// `SameSite=None`, which browsers accept only with `Secure`.
    None,
}

#[cfg(any(feature = "full", feature = "first"))]
impl SameSite {
    /// The attribute value as written in a cookie.
    pub fn as_str(self) -> &'static str {
        match self {
            SameSite::Lax => "Lax",
            SameSite::Strict => "Strict",
            SameSite::None => "None",
        }
    }
}

#[cfg(any(feature = "full", feature = "first"))]
/// Name and lifetime of one cookie that consent-banner writes itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnCookie {
    /// Cookie name.
    pub name: String,
    /// Lifetime in days, written as `Max-Age`.
    pub days: u32,
}

#[cfg(any(feature = "full", feature = "first"))]
impl OwnCookie {
    /// The lifetime in seconds, as written in `Max-Age`.
    pub fn max_age(&self) -> u64 {
        u64::from(self.days) * 86_400
    }
}

#[cfg(any(feature = "full", feature = "first"))]
/// The cookies consent-banner writes itself, and their shared attributes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CookieSettings {
    /// The consent cookie: which categories were accepted, for which version, when.
    pub consent: OwnCookie,
    /// The banner cookie: the banner version last shown and answered.
    pub banner: OwnCookie,
    /// The language cookie: the language the visitor picked.
    pub language: OwnCookie,
    /// `Domain` attribute; `None` writes host-only cookies.
    pub domain: Option<String>,
    /// `SameSite` attribute.
    pub same_site: SameSite,
}

#[cfg(any(feature = "full", feature = "first"))]
impl Default for CookieSettings {
    fn default() -> Self {
        CookieSettings {
            consent: OwnCookie { name: super::contract::CONSENT_COOKIE.into(), days: 365 },
            banner: OwnCookie { name: super::contract::BANNER_COOKIE.into(), days: 7 },
            language: OwnCookie { name: super::contract::LANGUAGE_COOKIE.into(), days: 365 },
            domain: None,
            same_site: SameSite::Lax,
        }
    }
}

/// Every value stored under `name` in a `document.cookie` string. A name can appear more than
/// once when cookies of the same name exist on several paths or domains.
pub fn values<'a>(cookie_header: &'a str, name: &str) -> Vec<&'a str> {
    split_on(cookie_header, b';')
        .filter_map(|pair| {
            let (k, v) = split_once_on(pair, b'=')?;
            (k.trim_ascii() == name).then(|| v.trim_ascii())
        })
        .collect()
}

/// Every cookie name in a `document.cookie` string.
pub fn names(cookie_header: &str) -> Vec<&str> {
    split_on(cookie_header, b';')
        .filter_map(|pair| split_once_on(pair, b'=').map(|(k, _)| k.trim_ascii()))
        .filter(|k| !k.is_empty())
        .collect()
}

/// The string to assign to `document.cookie` to write one of consent-banner's own cookies.
#[cfg(any(feature = "full", feature = "first"))]
pub fn write(own: &OwnCookie, value: &str, settings: &CookieSettings, secure: bool) -> String {
    let mut s = cat(&[&own.name, "=", value, "; Max-Age="]);
    super::json_decimal(&mut s, own.max_age());
    s.push_str("; Path=/; SameSite=");
    s.push_str(settings.same_site.as_str());
    if let Some(domain) = &settings.domain {
        s.push_str("; Domain=");
        s.push_str(domain);
    }
    if secure || settings.same_site == SameSite::None {
        s.push_str("; Secure");
    }
    s
}

/// The strings that delete `name` on `Path=/` for the host, `.host` and each parent domain.
pub fn delete(name: &str, host: &str) -> Vec<String> {
    let mut out = vec![cat(&[name, "=; Max-Age=0; Path=/"])];
    let mut domain = host;
    loop {
        out.push(cat(&[name, "=; Max-Age=0; Path=/; Domain=", domain]));
        out.push(cat(&[name, "=; Max-Age=0; Path=/; Domain=.", domain]));
        let parent = domain.bytes().position(|b| b == b'.').and_then(|i| domain.get(i + 1..));
        match parent {
            // Stop before a bare top-level domain: browsers refuse cookies there anyway.
            Some(parent) if parent.bytes().any(|b| b == b'.') => domain = parent,
            _ => break,
        }
    }
    out
}

/// The strings that delete `name` on every path leading to `pathname` (`/`, `/shop`,
/// `/shop/`, …) for the host and its domain variants: a stray copy of a cookie on a deeper
/// path would otherwise shadow the one consent-banner writes on `Path=/`.
pub fn delete_on_paths(name: &str, host: &str, pathname: &str) -> Vec<String> {
    let mut paths = vec!["/".to_string()];
    let mut prefix = String::new();
    for segment in split_on(pathname, b'/').filter(|s| !s.is_empty()) {
        prefix.push('/');
        prefix.push_str(segment);
        paths.push(prefix.clone());
        paths.push(cat(&[&prefix, "/"]));
    }
    paths
        .iter()
        .flat_map(|path| {
            delete(name, host).into_iter().map(move |s| super::replace(&s, "; Path=/", &cat(&["; Path=", path])))
        })
        .collect()
}

/// True when a cookie name matches a declared name or pattern (`*` is any run of characters).
pub fn matches(pattern: &str, name: &str) -> bool {
    let mut parts = split_on(pattern, b'*');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = name.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty();
    };
    for part in middle {
        match super::find(rest, part).and_then(|i| rest.get(i + part.len()..)) {
            Some(after) => rest = after,
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}
