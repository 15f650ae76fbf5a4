//! The difference between two stored versions of an account: who saved each and when, and
//! what changed (fields, cookie list, snippet), derived by the core ([`cookie_admin_core::diff`]).

use cookie_admin_core::diff::{diff, CookieChange, FieldChange, SnippetDiff};
use cookie_admin_core::Catalog;
use serde::Serialize;

use crate::accounts::{StoredVersion, VersionInfo};

/// The difference between two versions of one account.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VersionDiff {
    pub account: String,
    pub from: VersionInfo,
    pub to: VersionInfo,
    /// Changed configuration fields, in path order. Empty when the two are identical.
    pub fields: Vec<FieldChange>,
    /// Storage items that appear, disappear or change (category, duration, ...).
    pub cookies: Vec<CookieChange>,
    /// The change in the snippet for each version's own CMP, with context lines.
    pub snippet: SnippetDiff,
}

pub(crate) fn version_diff(catalog: &Catalog, a: &StoredVersion, b: &StoredVersion) -> VersionDiff {
    let changes = diff(catalog, &a.config, &b.config);
    VersionDiff {
        account: b.account.clone(),
        from: a.info.clone(),
        to: b.info.clone(),
        fields: changes.fields,
        cookies: changes.cookies,
        snippet: changes.snippet,
    }
}
