//! `Set-Cookie` header lines (RFC 6265) as the audit records them: name, domain, path and
//! lifetime. A line that deletes a cookie (`Max-Age=0`, an `Expires` in the past) is no cookie.

use crate::model::{CookieSource, Party, SeenCookie};

/// The cookie a `Set-Cookie` line sets, for a response from `host` at `now` (seconds since
/// the epoch). The party is left `First`: the caller knows the page.
pub fn parse(line: &str, host: &str, now: f64) -> Option<SeenCookie> {
    let mut parts = line.split(';');
    let (name, _) = parts.next()?.split_once('=')?;
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    let (mut domain, mut path, mut max_age, mut expires, mut http_only) = (None, None, None, None, false);
    for attr in parts {
        let (key, value) = attr.split_once('=').unwrap_or((attr, ""));
        let value = value.trim();
        match key.trim().to_ascii_lowercase().as_str() {
            "domain" if !value.is_empty() => {
                domain = Some(format!(".{}", value.trim_start_matches('.').to_ascii_lowercase()))
            }
            "path" if value.starts_with('/') => path = Some(value.to_string()),
            "max-age" => max_age = value.parse::<i64>().ok(),
            "expires" => expires = http_date(value),
            "httponly" => http_only = true,
            _ => {}
        }
    }
    // Max-Age wins over Expires (RFC 6265 5.3 step 3).
    let lifetime = match (max_age, expires) {
        (Some(age), _) => Some(age),
        (None, Some(at)) => Some((at as f64 - now).round() as i64),
        (None, None) => None,
    };
    if lifetime.is_some_and(|l| l <= 0) {
        return None;
    }
    Some(SeenCookie {
        name: name.to_string(),
        domain: domain.unwrap_or_else(|| host.to_ascii_lowercase()),
        path: path.unwrap_or_else(|| "/".into()),
        lifetime,
        party: Party::First,
        source: CookieSource::SetCookie,
        http_only,
    })
}

/// Seconds since the epoch of an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`, also with dashes
/// `21-Oct-2015` as cookies often write it).
pub fn http_date(text: &str) -> Option<i64> {
    let text = text.trim();
    let rest = text.split_once(',').map_or(text, |(_, r)| r).trim();
    let words: Vec<&str> = rest.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    let [day, month, year, time, ..] = words.as_slice() else { return None };
    let day: i64 = day.parse().ok()?;
    let month = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        .iter()
        .position(|m| month.to_ascii_lowercase().starts_with(m))? as i64
        + 1;
    let mut year: i64 = year.parse().ok()?;
    if year < 100 {
        year += if year < 70 { 2000 } else { 1900 };
    }
    let mut hms = time.split(':').map(|p| p.parse::<i64>().ok());
    let (h, m, s) = (hms.next()??, hms.next()??, hms.next().flatten().unwrap_or(0));
    Some(days_from_civil(year, month, day) * 86_400 + h * 3600 + m * 60 + s)
}

/// Days since 1970-01-01 of a date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}
