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
#[cfg(any(feature = "full", feature = "first"))]
pub mod history;
#[cfg(any(feature = "full", feature = "first"))]
pub mod i18n;
#[cfg(any(feature = "full", feature = "first"))]
pub mod json;
#[cfg(feature = "full")]
pub mod lint;
pub mod policy;
pub mod returning;
#[cfg(any(feature = "full", feature = "first"))]
pub mod signals;
#[cfg(any(feature = "full", feature = "first"))]
pub mod view;

use alloc::string::String;

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

/// A number in decimal, for messages.
#[cfg(any(feature = "full", feature = "first"))]
pub(crate) fn decimal(n: usize) -> String {
    let mut out = String::new();
    push_decimal(&mut out, n as u64);
    out
}

/// Appends a number in decimal (without indexing, so without a panic path).
#[cfg(any(feature = "full", feature = "first"))]
pub(crate) fn push_decimal(out: &mut String, n: u64) {
    if n >= 10 {
        push_decimal(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}
