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
