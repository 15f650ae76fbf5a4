//! CallPage Cookie Admin's domain: the widget catalog, the account configuration, and
//! everything derived from the two (cookie list, consent matrix, checks, CMP snippets).
//!
//! This crate does no I/O and knows nothing of Tauri or SQLite: callers pass text in and get
//! values or text back, so the app, the CLI and the tests share one implementation.

pub mod catalog;
pub mod catalog_diff;
pub mod checks;
pub mod cmp;
pub mod config;
pub mod cookies;
pub mod csv_safe;
pub mod declaration;
pub mod diff;
pub mod error;
pub mod i18n;
pub mod identifiers;
pub mod mapping;
pub mod matrix;
pub mod summary;
pub mod text;
pub mod verdict;

pub use catalog::{Catalog, FeatureEntry, Party, StorageItem, StorageType};
pub use catalog_diff::{diff_catalogs, CatalogDiff};
pub use checks::{check, CheckId, Finding, Severity};
pub use config::{
    AccountConfig, BlockingMode, Category, CmpId, CmpSettings, ConsentType, Feature, Language,
};
pub use cookies::{cookie_list, necessary_items, CookieRow};
pub use error::{Error, Result};
pub use matrix::{consent_matrix, ConsentMatrix, ConsentState};
pub use summary::{summarize, Summary};
pub use text::quote;
pub use verdict::{verdict, Verdict};

/// The version of the app and its crates, shown in the window and by the CLI.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
