//! The browser layer of the full module: carries out the core's decisions with web-sys. Tag
//! activation is `tags.js`, shared with the loader's returning-visitor runtime.

pub mod api;
pub mod controller;
pub mod dom;
pub mod page;
pub mod placeholder;
pub mod storage;
pub mod tags;
pub mod texts;
