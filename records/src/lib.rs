//! The consent-records service: stores the receipts the banner POSTs (proof of consent) and
//! re-issues its consent and banner cookies with `Set-Cookie`, which Safari does not cap at
//! seven days as it does cookies written by `document.cookie`.
//!
//! Modules: [`settings`] (command line and config), [`app`] (the state every request shares),
//! [`routes`] (the router and its rate limit), [`serve`] (the server loop: timeouts and the
//! connection caps), [`receipt`] (validation of a receipt), [`store`] (SQLite or PostgreSQL);
//! the handlers: [`receipts`] (the visitor's side), [`export`], [`stats`], [`dashboard`]; what
//! they share: [`error`] (one error type), [`request`] (bodies, clients, origins), [`auth`]
//! (the owner's extractors over [`owner`]'s token and session); [`retention`].
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod app;
pub mod auth;
pub mod dashboard;
pub mod error;
pub mod export;
pub mod form;
pub mod owner;
pub mod receipt;
pub mod receipts;
pub mod request;
pub mod retention;
pub mod routes;
pub mod serve;
pub mod settings;
pub mod stats;
pub mod store;
pub mod time;
