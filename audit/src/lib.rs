//! # consent-audit
//!
//! Audits a site that deploys consent-banner against its config, in a real browser (Debian's
//! chromium over the DevTools protocol). Each page is loaded three times, each in a fresh
//! browser profile: with no choice, after Reject all and after Accept all (clicking the real
//! banner through its public contract), then once more after a withdrawal. Every cookie (the
//! jar and every `Set-Cookie` header), storage key and request to another origin is recorded,
//! and compared with what the config declares for the page's area.
//!
//! ```sh
//! cargo run --release -p consent-audit -- --config www/config/itsme.json \
//!   --json report.json --html report.html http://127.0.0.1:8080/www/business.html
//! ```
//!
//! The analysis is pure ([`findings::analyze`]): the browser only records ([`browser`]).
//!
//! ```
//! use consent_audit::findings::{analyze, Kind};
//! use consent_audit::model::{PageRecord, Pass, PassRecord, Party, SeenCookie, CookieSource};
//! use consent_audit::ocd::Ocd;
//! use consent_banner::core::config::Config;
//!
//! let config = Config::from_json(r#"{ "version": "1", "policyLink": "/cookies",
//!   "categories": [
//!     { "id": "essential", "required": true, "label": { "en": "Essential" }, "description": { "en": "Needed." } },
//!     { "id": "analytics", "label": { "en": "Analytics" }, "description": { "en": "Statistics." } } ] }"#).unwrap();
//! let mut pass = PassRecord::new(Pass::Accept);
//! pass.cookies.push(SeenCookie { name: "_ga".into(), domain: "example.com".into(), path: "/".into(),
//!   lifetime: Some(400 * 86_400), party: Party::First, source: CookieSource::Jar, http_only: false });
//! let page = PageRecord { url: "https://example.com/".into(), area: None, has_loader: true,
//!   passes: vec![pass], tags: vec![], error: None };
//! let findings = analyze(&config, &[page], &Ocd::shipped().unwrap());
//! assert_eq!(findings[0].kind, Kind::UndeclaredCookie);
//! assert_eq!(findings[0].ocd.as_ref().unwrap().platform, "Google Analytics");
//! ```

// Bad input (a site, a config, a protocol message) must never panic: it ends in a finding or a
// message and exit status 2.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]
#![warn(missing_docs)]

pub mod browser;
pub mod crawl;
pub mod findings;
pub mod html;
pub mod model;
pub mod ocd;
pub mod setcookie;
pub mod site;
pub mod suggest;
