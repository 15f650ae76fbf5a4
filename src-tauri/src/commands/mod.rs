//! The commands the window may call. Each is a few lines: parse, call the core or the store,
//! map the error. They are listed in build.rs and granted in capabilities/main.json.

pub mod accounts;
pub mod app;
pub mod audit;
pub mod catalog;
pub mod consent_preview;
pub mod database;
pub mod settings;
pub mod site_check;
pub mod transfer;
pub mod versions;
