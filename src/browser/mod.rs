//! The browser layer: carries out the core's decisions with web-sys.

pub mod boot;
pub mod controller;
pub mod dom;
pub mod placeholder;
pub mod storage;
pub mod tags;
