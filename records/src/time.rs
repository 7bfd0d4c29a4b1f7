//! Dates and times in UTC: days since 1970-01-01, `YYYY-MM-DD` and ISO 8601 timestamps.

use std::time::{SystemTime, UNIX_EPOCH};

/// Milliseconds in a day.
pub const DAY_MS: i64 = 86_400_000;
/// The first day of year 10000: dates and times must come before it.
const END_MS: i64 = 253_402_300_800_000;

/// The server's time, in milliseconds since 1970-01-01 (UTC).
pub fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// Days since 1970-01-01 of a date of the proleptic Gregorian calendar (Howard Hinnant's
/// `days_from_civil`).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year - era * 400;
    let month = i64::from(month);
    let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The (year, month, day) of a number of days since 1970-01-01 (every date here is from 1970 on).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let (year, month, day) = consent_banner::core::civil_date(u64::try_from(days).unwrap_or(0));
    // In range by construction (years to 9999, 1..=12, 1..=31).
    (i64::try_from(year).unwrap_or(i64::MAX), u32::try_from(month).unwrap_or(1), u32::try_from(day).unwrap_or(1))
}

/// Days since 1970-01-01 of `YYYY-MM-DD` (from 1970 to 9999), if it is such a date.
pub fn parse_date(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = text.get(range)?;
        if part.bytes().all(|b| b.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    if year < 1970 || !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    Some(days_from_civil(i64::from(year), month, day))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Milliseconds since 1970 written as digits, from 0 to the end of year 9999.
pub fn parse_ms(text: &str) -> Option<i64> {
    if text.is_empty() || text.len() > 15 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok().filter(|ms| *ms <= END_MS)
}

/// Milliseconds since 1970 of an RFC 3339 timestamp in UTC: `2026-11-30T10:00:00Z`, with an
/// optional fraction of a second (digits past the millisecond are dropped) and `Z` or a zero
/// offset (`+00:00`, `-00:00`). Years 1970 to 9999; no leap second.
pub fn parse_rfc3339_utc(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() < 20 || !matches!(b[10], b'T' | b't') || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let day = parse_date(text.get(..10)?)?;
    let digits = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = text.get(range)?;
        part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
    };
    let (h, m, s) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
    if h > 23 || m > 59 || s > 59 {
        return None;
    }
    let mut rest = text.get(19..)?;
    let mut millis = 0;
    if let Some(fraction) = rest.strip_prefix('.') {
        let n = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 || n > 9 {
            return None;
        }
        let padded = format!("{:0<3}", &fraction[..n.min(3)]);
        millis = padded.parse().ok()?;
        rest = &fraction[n..];
    }
    if !matches!(rest, "Z" | "z" | "+00:00" | "-00:00") {
        return None;
    }
    Some(day * DAY_MS + ((h * 60 + m) * 60 + s) * 1000 + millis)
}

/// `2026-11-30` for a number of days since 1970-01-01.
pub fn format_day(days: i64) -> String {
    let (year, month, day) = civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02}")
}

/// `2026-11-30T10:00:00.000Z` for milliseconds since 1970 (as JavaScript's `toISOString`).
pub fn iso_ms(ms: i64) -> String {
    let days = ms.div_euclid(DAY_MS);
    let rest = ms.rem_euclid(DAY_MS);
    let (h, m, s, milli) = (rest / 3_600_000, rest / 60_000 % 60, rest / 1000 % 60, rest % 1000);
    format!("{}T{h:02}:{m:02}:{s:02}.{milli:03}Z", format_day(days))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_and_known_dates() {
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(parse_date("2026-11-30"), Some(20_787));
        assert_eq!(parse_date("2024-02-29"), Some(19_782));
        for days in (0..2_932_896).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
            assert_eq!(parse_date(&format_day(days)), Some(days));
        }
        assert_eq!(iso_ms(1_764_496_800_123), "2025-11-30T10:00:00.123Z");
        for (text, ms) in [
            ("2025-11-30T10:00:00.123Z", 1_764_496_800_123),
            ("2025-11-30T10:00:00Z", 1_764_496_800_000),
            ("2025-11-30t10:00:00.1z", 1_764_496_800_100),
            ("2025-11-30T10:00:00.123456789+00:00", 1_764_496_800_123),
            ("2025-11-30T10:00:00-00:00", 1_764_496_800_000),
        ] {
            assert_eq!(parse_rfc3339_utc(text), Some(ms), "{text}");
        }
    }

    #[test]
    fn bad_dates_are_refused() {
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-11-31",
            "1969-12-31",
            "2026-1-01",
            "26-11-30",
            "2026/11/30",
            "2026-11-30T00:00",
            "+026-11-30",
            "２026-11-30",
            "",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert_eq!(parse_ms("1764496800000"), Some(1_764_496_800_000));
        for bad in [
            "~",
            "2026-11-30",
            "2026-11-30T10:00:00",
            "2026-11-30T10:00:00+01:00",
            "2026-11-30T24:00:00Z",
            "2026-11-30T10:60:00Z",
            "2026-11-30T10:00:60Z",
            "2026-11-30T10:00:00.Z",
            "2026-11-30T10:00:00.1234567890Z",
            "2026-11-30 10:00:00Z",
            "2026-11-30T10:00:00Z ",
            "2026-02-30T10:00:00Z",
        ] {
            assert_eq!(parse_rfc3339_utc(bad), None, "{bad}");
        }
        for bad in ["-1", "1e3", "", "99999999999999999999", "253402300800001", " 1"] {
            assert_eq!(parse_ms(bad), None, "{bad}");
        }
    }
}
