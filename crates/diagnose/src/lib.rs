//! Support diagnostics: what support staff check when a customer says the widget or its
//! consent does not work.
//!
//! - [`site`]: the site check. A customer's page (saved HTML or pasted source) and optionally a
//!   HAR recording, against the account's configuration: where the CallPage embed, our snippet,
//!   the CMP loaders, Google tags and the TCF stub sit, and what is wrong with that.
//! - [`audit`]: the declaration audit. A CMP's cookie report (CSV, OneTrust domain data,
//!   Cookiebot dialog script or declaration, Didomi report) against the catalog and the
//!   account's enabled features.
//!
//! Both are derivations like the core's checks: text (or a byte stream the caller opens) in,
//! [`Finding`]s out. Nothing here touches the file system, Tauri or SQLite; the CLI and the
//! shell read the files and call these functions.

pub mod audit;
pub mod error;
pub mod finding;
pub mod site;

pub use error::{Error, Result};
pub use finding::{Evidence, Finding};
