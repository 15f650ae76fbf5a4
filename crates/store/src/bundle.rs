//! The JSON bundle: a documented, versioned export of accounts and all their versions.
//! Its JSON Schema is `schemas/bundle.schema.json` at the repository root.
//!
//! ```json
//! {
//!   "format": "callpage-cookie-admin/bundle",
//!   "version": 1,
//!   "exported_at": "2026-01-31T12:00:00.000Z",
//!   "accounts": [
//!     { "account": { "name": "ACME", "created_at": "2026-01-02T09:00:00.000Z" },
//!       "versions": [
//!         { "version": 1, "author": "alice", "created_at": "2026-01-02T09:00:00.000Z",
//!           "note": "first", "config": { "schema_version": 1, "account": { ... } } } ] } ]
//! }
//! ```

use std::borrow::Cow;
use std::path::Path;

use cookie_admin_core::AccountConfig;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::accounts::{check_name, VersionInfo};
use crate::error::{Error, Result};

/// The value of the bundle's `format` field.
pub const BUNDLE_FORMAT: &str = "callpage-cookie-admin/bundle";
/// The bundle version this build writes and the newest it reads.
pub const BUNDLE_VERSION: u32 = 1;

/// A whole bundle file. The JSON Schema at `schemas/bundle.schema.json` is generated from this
/// type and the ones below (`schemars`); `tests/schema.rs` checks that the committed file is
/// current.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "CallPage Cookie Admin bundle",
    description = "Accounts and every version of their cookie configuration, as exported by CallPage Cookie Admin (`cookie-admin-cli export --format json`). Version 1. Importers refuse unknown fields.",
    extend("$id" = "https://callpage.example/schemas/cookie-admin/bundle.schema.json")
)]
pub struct Bundle {
    #[schemars(extend("const" = BUNDLE_FORMAT))]
    pub format: String,
    /// Bundle format version; a newer one is refused by older apps.
    #[schemars(extend("const" = BUNDLE_VERSION))]
    pub version: u32,
    /// UTC timestamp, e.g. 2026-01-31T12:00:00.000Z
    #[schemars(pattern(TIMESTAMP_PATTERN))]
    pub exported_at: String,
    pub accounts: Vec<BundleAccount>,
}

/// The shape of a timestamp in the schema (the importer parses it).
const TIMESTAMP_PATTERN: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}";

/// One account and all its versions, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BundleAccount {
    pub account: BundleAccountInfo,
    /// Oldest first; version numbers strictly increasing.
    #[schemars(length(min = 1))]
    pub versions: Vec<BundleVersion>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BundleAccountInfo {
    /// Unique (case-insensitive) within a bundle and a database.
    #[schemars(length(min = 1, max = 200))]
    pub name: String,
    /// UTC timestamp, e.g. 2026-01-31T12:00:00.000Z
    #[schemars(pattern(TIMESTAMP_PATTERN))]
    pub created_at: String,
}

/// One version: who saved it, when, why, and the configuration (see the core's format).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BundleVersion {
    #[schemars(range(min = 1))]
    pub version: i64,
    #[schemars(length(min = 1))]
    pub author: String,
    /// UTC timestamp, e.g. 2026-01-31T12:00:00.000Z
    #[schemars(pattern(TIMESTAMP_PATTERN))]
    pub created_at: String,
    pub note: String,
    #[schemars(with = "AccountConfig")]
    pub config: serde_json::Value,
}

/// An account checked and ready to be written: every config parsed, every rule met. Each
/// version keeps the configuration's JSON text as read, which is what gets stored.
#[derive(Debug, Clone)]
pub(crate) struct ImportAccount {
    pub name: String,
    pub created_at: String,
    pub versions: Vec<(VersionInfo, AccountConfig, String)>,
}

/// A bundle as read for import: like [`Bundle`], but each configuration is kept as the JSON
/// text it was given (syntax checked, borrowed from the file's text, not yet parsed) so it is
/// parsed exactly once, by [`validate`], and stored as it is.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawBundle<'a> {
    pub format: String,
    pub version: u32,
    #[allow(dead_code)]
    pub exported_at: String,
    #[serde(borrow)]
    pub accounts: Vec<RawAccount<'a>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAccount<'a> {
    pub account: BundleAccountInfo,
    #[serde(borrow)]
    pub versions: Vec<RawVersion<'a>>,
}

/// One version as read for import; `config` is the configuration's JSON text.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawVersion<'a> {
    pub version: i64,
    pub author: String,
    pub created_at: String,
    pub note: String,
    #[serde(borrow, deserialize_with = "raw_text")]
    pub config: Cow<'a, str>,
}

/// The JSON text of a value, borrowed from the input: checked for syntax, not parsed.
fn raw_text<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Cow<'de, str>, D::Error> {
    let raw: &'de RawValue = Deserialize::deserialize(d)?;
    Ok(Cow::Borrowed(raw.get()))
}

fn bad(path: &Path, record: String, field: String, message: impl Into<String>) -> Error {
    Error::BadInput {
        path: path.display().to_string(),
        record,
        field,
        message: message.into(),
    }
}

/// The record part of a serde path such as `accounts[3].versions[0].config.features[1]`.
fn record_of(field: &str) -> String {
    let mut record = String::new();
    for part in field.split('.') {
        if part.starts_with("accounts[") || part.starts_with("versions[") {
            if !record.is_empty() {
                record.push('.');
            }
            record.push_str(part);
        } else {
            break;
        }
    }
    if record.is_empty() {
        "bundle".into()
    } else {
        record
    }
}

/// Parse bundle text, naming the field of the first problem. Configurations are only
/// syntax-checked here; [`validate`] parses each one.
pub(crate) fn parse<'a>(path: &Path, text: &'a str) -> Result<RawBundle<'a>> {
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed: std::result::Result<RawBundle<'a>, _> = serde_path_to_error::deserialize(&mut de);
    let bundle = match parsed {
        Ok(bundle) => bundle,
        Err(e) => {
            // A newer or foreign bundle gets the right message rather than "unknown field".
            check_head(path, text)?;
            let field = e.path().to_string();
            let field = if field == "." {
                "(top level)".into()
            } else {
                cookie_admin_core::text::shorten(&field).into_owned()
            };
            let message = e.into_inner().to_string();
            return Err(bad(
                path,
                record_of(&field),
                field,
                cookie_admin_core::text::shorten_quoted_parts(&message),
            ));
        }
    };
    de.end()
        .map_err(|e| bad(path, "bundle".into(), "(top level)".into(), e.to_string()))?;
    check_format_version(path, Some(&bundle.format), Some(u64::from(bundle.version)))?;
    if bundle.version == 0 {
        return Err(bad(
            path,
            "bundle".into(),
            "version".into(),
            "must be at least 1",
        ));
    }
    Ok(bundle)
}

/// Only on a parse error: read just the top-level `format` and `version`, if the text is
/// JSON at all, so a newer or foreign bundle is named as such.
fn check_head(path: &Path, text: &str) -> Result<()> {
    #[derive(Deserialize)]
    struct Head {
        format: Option<serde_json::Value>,
        version: Option<serde_json::Value>,
    }
    if let Ok(head) = serde_json::from_str::<Head>(text) {
        let format = head.format.as_ref().and_then(|f| f.as_str());
        let version = head.version.as_ref().and_then(serde_json::Value::as_u64);
        check_format_version(path, format, version)?;
    }
    Ok(())
}

fn check_format_version(path: &Path, format: Option<&str>, version: Option<u64>) -> Result<()> {
    if let Some(format) = format {
        if format != BUNDLE_FORMAT {
            return Err(bad(
                path,
                "bundle".into(),
                "format".into(),
                format!(
                    "expected \"{BUNDLE_FORMAT}\", found {}",
                    cookie_admin_core::quote(format)
                ),
            ));
        }
    }
    if let Some(version) = version {
        if version > u64::from(BUNDLE_VERSION) {
            return Err(bad(
                path,
                "bundle".into(),
                "version".into(),
                format!("bundle version {version} is newer than this build reads ({BUNDLE_VERSION}); update the app"),
            ));
        }
    }
    Ok(())
}

/// A real RFC 3339 time (`2026-01-31T12:00:00.000Z`): parsed, so a month 99 or a
/// 30 February is refused, not only a wrong shape.
fn is_timestamp(text: &str) -> bool {
    chrono::DateTime::parse_from_rfc3339(text).is_ok()
}

const TIMESTAMP_HELP: &str = "expected an RFC 3339 UTC timestamp such as 2026-01-31T12:00:00.000Z";

/// Check every account and version of a bundle, before anything is written.
pub(crate) fn validate(path: &Path, accounts: Vec<RawAccount<'_>>) -> Result<Vec<ImportAccount>> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(accounts.len());
    for (i, account) in accounts.into_iter().enumerate() {
        let record = format!(
            "accounts[{i}] ({})",
            cookie_admin_core::quote(&account.account.name)
        );
        let name = check_name(&account.account.name).map_err(|e| {
            bad(
                path,
                record.clone(),
                format!("accounts[{i}].account.name"),
                e.to_string(),
            )
        })?;
        if !seen.insert(name.to_lowercase()) {
            return Err(bad(
                path,
                record,
                format!("accounts[{i}].account.name"),
                "the same account name appears twice in the file",
            ));
        }
        if !is_timestamp(&account.account.created_at) {
            return Err(bad(
                path,
                record,
                format!("accounts[{i}].account.created_at"),
                TIMESTAMP_HELP,
            ));
        }
        if account.versions.is_empty() {
            return Err(bad(
                path,
                record,
                format!("accounts[{i}].versions"),
                "an account needs at least one version",
            ));
        }
        let mut versions = Vec::with_capacity(account.versions.len());
        let mut previous = 0;
        for (j, v) in account.versions.into_iter().enumerate() {
            let record = format!("{record} version {}", v.version);
            let field = |name: &str| format!("accounts[{i}].versions[{j}].{name}");
            if v.version <= previous {
                return Err(bad(
                    path,
                    record,
                    field("version"),
                    format!(
                        "versions must be positive and increasing; {} follows {previous}",
                        v.version
                    ),
                ));
            }
            previous = v.version;
            if !is_timestamp(&v.created_at) {
                return Err(bad(path, record, field("created_at"), TIMESTAMP_HELP));
            }
            if v.author.trim().is_empty() {
                return Err(bad(path, record, field("author"), "must not be empty"));
            }
            // The one parse of this configuration, naming the offending field.
            let config = AccountConfig::from_json(&v.config).map_err(|e| match e {
                cookie_admin_core::Error::ConfigFormat { path: p, message } => {
                    let sub = if p.starts_with('(') {
                        "config".to_string()
                    } else {
                        format!("config.{p}")
                    };
                    bad(path, record.clone(), field(&sub), message)
                }
                cookie_admin_core::Error::ConfigInvalid { field: f, message } => {
                    bad(path, record.clone(), field(&format!("config.{f}")), message)
                }
                other => bad(path, record.clone(), field("config"), other.to_string()),
            })?;
            versions.push((
                VersionInfo {
                    version: v.version,
                    author: v.author.trim().to_string(),
                    created_at: v.created_at,
                    note: v.note,
                },
                config,
                v.config.into_owned(),
            ));
        }
        out.push(ImportAccount {
            name,
            created_at: account.account.created_at,
            versions,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_is_taken_from_the_path() {
        assert_eq!(
            record_of("accounts[3].versions[0].config.features[1]"),
            "accounts[3].versions[0]"
        );
        assert_eq!(record_of("exported_at"), "bundle");
    }

    #[test]
    fn timestamps_are_parsed_not_only_shaped() {
        assert!(is_timestamp("2026-01-31T12:00:00.000Z"));
        assert!(is_timestamp("2024-02-29T23:59:59Z"));
        assert!(is_timestamp("2026-01-31T12:00:00+01:00"));
        for bad in [
            "yesterday",
            "2026-01-31",
            "2026-99-99T99:99:99.000Z",
            "2026-02-30T12:00:00.000Z",
            "2025-02-29T12:00:00Z",
            "2026-01-31T24:00:00Z",
            "2026-01-31T12:00:00.000Zjunk",
        ] {
            assert!(!is_timestamp(bad), "{bad}");
        }
    }
}
