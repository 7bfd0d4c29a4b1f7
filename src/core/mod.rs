//! Pure consent logic: no web dependency, tested on the host with `cargo test`.
//!
//! Without the `full` feature only what the returning-visitor runtime needs is built: the
//! policy, the consent codec and decisions, and cookie parsing.

#[cfg(any(feature = "full", feature = "first"))]
pub mod config;
pub mod consent;
pub mod contract;
pub mod cookie;
#[cfg(any(feature = "full", feature = "first"))]
pub mod first;
#[cfg(feature = "full")]
pub mod gates;
pub mod hash;
#[cfg(any(feature = "full", feature = "first"))]
pub mod history;
#[cfg(any(feature = "full", feature = "first"))]
pub mod i18n;
#[cfg(any(feature = "full", feature = "first"))]
pub mod json;
#[cfg(feature = "full")]
pub mod lint;
pub mod markup;
#[cfg(any(feature = "full", feature = "first"))]
pub mod plan;
pub mod policy;
pub mod returning;
#[cfg(any(feature = "full", feature = "first"))]
pub mod signals;
pub mod surfaces;
#[cfg(any(feature = "full", feature = "first"))]
pub mod view;
#[cfg(any(feature = "full", feature = "first"))]
pub mod wording;

use alloc::string::String;

/// The (year, month, day) of a number of days since 1970-01-01, for dates from 1970 on (Howard
/// Hinnant's `civil_from_days`): the first-visit module's ISO times and the records service's
/// dates. Inlined: in the first-visit wasm it has one caller.
#[inline]
pub fn civil_date(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + u64::from(month <= 2), month, day)
}

/// The parts one after the other: what `format!` does for the messages, without `core::fmt`,
/// whose machinery weighs more in the wasm modules than the messages themselves.
#[inline(never)]
pub(crate) fn cat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        out.push_str(part);
    }
    out
}

/// The items with `sep` between them, as `join` on a slice of strings does, without its
/// panic paths (one copy for every kind of item, where `join` has one for each call's).
pub(crate) fn join_all<S: AsRef<str>>(items: &[S], sep: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(item.as_ref());
    }
    out
}

/// Where `needle` first occurs in `hay` (a byte offset), as `str::find` says, without core's
/// string searcher: its panic paths bring string formatting and Unicode tables into the wasm.
pub(crate) fn find(hay: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    (0..=hay.len().checked_sub(needle.len())?).find(|&i| hay.get(i..i + needle.len()) == Some(needle))
}

/// `s` with every `from` replaced by `to`, as `str::replace` does (see [`find`] for why).
pub(crate) fn replace(s: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = find(rest, from).filter(|_| !from.is_empty()) {
        // `from` is text: where it starts and ends are character boundaries.
        out.push_str(rest.get(..i).unwrap_or_default());
        out.push_str(to);
        rest = rest.get(i + from.len()..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// A number in decimal, for messages.
#[cfg(any(feature = "full", feature = "first"))]
pub(crate) fn decimal(n: usize) -> String {
    let mut out = String::new();
    json_decimal(&mut out, n as u64);
    out
}

// ---- JSON text, written without `core::json` (which the runtime's wasm does not build) ----

pub(crate) fn json_list<'a>(out: &mut String, items: impl Iterator<Item = &'a str>) {
    out.push('[');
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push(',');
        }
        json_string(out, item);
    }
    out.push(']');
}

/// A JSON string literal (`core::json::write_string`): here because the runtime's wasm does not
/// build `core::json`, which would cost it bytes for nothing.
pub(crate) fn json_string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A decimal number (without indexing: no panic path, so no formatting code in the runtime).
pub(crate) fn json_decimal(out: &mut String, n: u64) {
    if n >= 10 {
        json_decimal(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// `2026-11-22T23:48:31.000Z`, as JavaScript's `Date.prototype.toISOString` writes it.
#[cfg(any(feature = "full", feature = "first"))]
pub fn iso_time(secs: u64) -> String {
    let rest = secs % 86_400;
    let (year, month, day) = civil_date(secs / 86_400);
    let mut out = String::new();
    let two = |out: &mut String, n: u64| {
        if n < 10 {
            out.push('0');
        }
        json_decimal(out, n);
    };
    json_decimal(&mut out, year);
    out.push('-');
    two(&mut out, month);
    out.push('-');
    two(&mut out, day);
    out.push('T');
    two(&mut out, rest / 3600);
    out.push(':');
    two(&mut out, rest / 60 % 60);
    out.push(':');
    two(&mut out, rest % 60);
    out.push_str(".000Z");
    out
}
