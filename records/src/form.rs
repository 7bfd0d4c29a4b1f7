//! Query strings and `application/x-www-form-urlencoded` bodies (no serde in the workspace),
//! and the date range the owner's routes take from them.

use crate::store::Span;
use crate::time::{self, DAY_MS};

/// The pairs of a query string or form body, percent-decoded; each name must be one of
/// `allowed` and appear once, so that a typo (`form=`) is an error rather than ignored.
pub fn decode(input: &str, allowed: &[&str]) -> Result<Vec<(String, String)>, String> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for part in input.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = part.split_once('=').unwrap_or((part, ""));
        let name = unescape(name)?;
        let value = unescape(value)?;
        if !allowed.contains(&name.as_str()) {
            let name: String = name.chars().take(32).collect();
            return Err(if allowed.is_empty() {
                format!("unknown parameter {name:?}: this route takes none")
            } else {
                format!("unknown parameter {name:?}: expected {}", allowed.join(", "))
            });
        }
        if pairs.iter().any(|(n, _)| *n == name) {
            return Err(format!("{name}: given twice"));
        }
        pairs.push((name, value));
    }
    Ok(pairs)
}

/// The value of `name` among decoded pairs, if given and not empty.
pub fn get<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str()).filter(|v| !v.is_empty())
}

fn unescape(text: &str) -> Result<String, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
                let byte = hex.filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
                let byte = byte.and_then(|h| u8::from_str_radix(h, 16).ok());
                out.push(byte.ok_or("malformed percent-encoding in the query")?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| "the query is not UTF-8".to_string())
}

/// The range of `from` and `to`, each a UTC date `YYYY-MM-DD` or milliseconds since 1970.
/// `from` is included (a date: from its first millisecond); `to` is excluded when it is a
/// number, and a date includes that whole day. Either may be left out (no bound).
pub fn span(pairs: &[(String, String)]) -> Result<Span, String> {
    let bound = |name: &str, date_offset: i64| -> Result<Option<i64>, String> {
        let Some(value) = get(pairs, name) else { return Ok(None) };
        if let Some(days) = time::parse_date(value) {
            return Ok(Some((days + date_offset) * DAY_MS));
        }
        time::parse_ms(value).map(Some).ok_or_else(|| {
            format!(
                "{name}: expected a date (YYYY-MM-DD, UTC) or milliseconds since 1970-01-01, not {:?}",
                short(value)
            )
        })
    };
    let from_ms = bound("from", 0)?.unwrap_or(0);
    let to_ms = bound("to", 1)?.unwrap_or(i64::MAX);
    if from_ms >= to_ms {
        return Err("from must be before to".to_string());
    }
    Ok(Span { from_ms, to_ms })
}

fn short(value: &str) -> String {
    value.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_decoded_and_checked() {
        let pairs = decode("from=2026-11-01&to=1764496800000&token=a%2Bb+c", &["from", "to", "token"]).unwrap();
        assert_eq!(get(&pairs, "token"), Some("a+b c"));
        assert_eq!(get(&pairs, "to"), Some("1764496800000"));
        assert!(decode("form=2026-11-01", &["from", "to"]).unwrap_err().contains("unknown parameter \"form\""));
        assert!(decode("from=1&from=2", &["from"]).unwrap_err().contains("twice"));
        assert!(decode("from=%zz", &["from"]).unwrap_err().contains("percent"));
        assert!(decode("from=%ff", &["from"]).unwrap_err().contains("UTF-8"));
        assert!(decode("x", &[]).unwrap_err().contains("takes none"));
    }

    #[test]
    fn spans_of_dates_and_milliseconds() {
        let span_of = |q: &str| span(&decode(q, &["from", "to"]).unwrap());
        assert_eq!(span_of("").unwrap(), Span::ALL);
        let day = span_of("from=2026-11-30&to=2026-11-30").unwrap();
        assert_eq!(day.to_ms - day.from_ms, DAY_MS);
        assert_eq!(day.from_ms, 20_787 * DAY_MS);
        assert_eq!(span_of("from=5&to=6").unwrap(), Span { from_ms: 5, to_ms: 6 });
        assert!(span_of("from=6&to=6").unwrap_err().contains("before"));
        assert!(span_of("from=2026-12-01&to=2026-11-30").unwrap_err().contains("before"));
        assert!(span_of("from=yesterday").unwrap_err().starts_with("from: expected a date"));
        assert!(span_of("to=2026-02-30").unwrap_err().starts_with("to: expected a date"));
    }
}
