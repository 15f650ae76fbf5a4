//! CallPage Cookie Admin's domain: the widget catalog, the account configuration, and
//! everything derived from the two (cookie list, consent matrix, checks, CMP snippets).
//!
//! This crate does no I/O and knows nothing of Tauri or SQLite: callers pass text in and get
//! values or text back, so the app, the CLI and the tests share one implementation.

pub mod catalog;
pub mod config;
pub mod error;

pub use catalog::{Catalog, FeatureEntry, Party, StorageItem, StorageType};
pub use config::{AccountConfig, Category, CmpId, CmpSettings, ConsentType, Feature, Language};
pub use error::{Error, Result};

/// The version of the app and its crates, shown in the window and by the CLI.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
