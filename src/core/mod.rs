//! Pure consent logic: no web dependency, tested on the host with `cargo test`.

pub mod config;
pub mod consent;
pub mod contract;
pub mod cookie;
pub mod history;
pub mod i18n;
pub mod lint;
pub mod signals;
