//! The consent-records service: stores the receipts the banner POSTs (proof of consent) and
//! re-issues its consent and banner cookies with `Set-Cookie`, which Safari does not cap at
//! seven days as it does cookies written by `document.cookie`.
//!
//! Modules: [`settings`] (command line and config), [`receipt`] (validation of a receipt),
//! [`store`] (SQLite or PostgreSQL), [`http`] (the axum router), [`serve`] (the server loop and
//! its timeouts); the owner's side: [`owner`] (token and session), [`export`], [`stats`],
//! [`dashboard`], [`retention`].
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod dashboard;
pub mod export;
pub mod form;
pub mod http;
pub mod owner;
pub mod receipt;
pub mod retention;
pub mod serve;
pub mod settings;
pub mod stats;
pub mod store;
pub mod time;
