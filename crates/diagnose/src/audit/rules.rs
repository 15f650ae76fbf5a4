//! The audit's findings: stable ids (never renamed; new ones are added), severities and what
//! each looks for. `cookie-admin-cli audit --rules` prints this list; docs/declaration-audit.md
//! explains each.

use cookie_admin_core::Severity;
use serde::Serialize;

pub const ITEM_MISSING: &str = "audit.item_missing";
pub const OPTIONAL_DECLARED_NECESSARY: &str = "audit.optional_declared_necessary";
pub const CATEGORY_MISMATCH: &str = "audit.category_mismatch";
pub const CATEGORY_UNCLASSIFIED: &str = "audit.category_unclassified";
pub const CATEGORY_UNKNOWN: &str = "audit.category_unknown";
pub const LIFETIME_MISMATCH: &str = "audit.lifetime_mismatch";
pub const LIFETIME_UNREADABLE: &str = "audit.lifetime_unreadable";
pub const STALE_ITEM: &str = "audit.stale_item";
pub const UNKNOWN_CALLPAGE_ITEM: &str = "audit.unknown_callpage_item";
pub const REPORT_EMPTY: &str = "audit.report_empty";
pub const NO_CATEGORIES: &str = "audit.no_categories";
pub const ROWS_SKIPPED: &str = "audit.rows_skipped";
pub const TEXT_NOT_UTF8: &str = "audit.text_not_utf8";

/// One rule of the audit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule {
    pub id: &'static str,
    /// The usual severity; `item_missing` is an error for a declaration and a warning for a
    /// scan of the site (Didomi), a note for the widget core.
    pub severity: Severity,
    pub description: &'static str,
}

pub const RULES: [Rule; 13] = [
    Rule {
        id: ITEM_MISSING,
        severity: Severity::Error,
        description: "A storage item of an enabled feature is not in the report (a warning for a scan of the site; a note for the widget core's necessary item)",
    },
    Rule {
        id: OPTIONAL_DECLARED_NECESSARY,
        severity: Severity::Error,
        description: "An optional feature's item is declared strictly necessary: the CMP lets it run without consent",
    },
    Rule {
        id: CATEGORY_MISMATCH,
        severity: Severity::Warning,
        description: "An item is declared in another category than the account gives its feature (the vendor recommends Analytics)",
    },
    Rule {
        id: CATEGORY_UNCLASSIFIED,
        severity: Severity::Warning,
        description: "An optional feature's item is declared Unclassified: not tied to any consent category",
    },
    Rule {
        id: CATEGORY_UNKNOWN,
        severity: Severity::Info,
        description: "An item is declared in a category this tool cannot map to ours (a custom group)",
    },
    Rule {
        id: LIFETIME_MISMATCH,
        severity: Severity::Warning,
        description: "The declared lifetime differs from the catalog's (beyond rounding)",
    },
    Rule {
        id: LIFETIME_UNREADABLE,
        severity: Severity::Info,
        description: "The declared lifetime is text this tool cannot read, so it was not compared",
    },
    Rule {
        id: STALE_ITEM,
        severity: Severity::Warning,
        description: "An item of a feature that is off in the account is declared (or seen on the site)",
    },
    Rule {
        id: UNKNOWN_CALLPAGE_ITEM,
        severity: Severity::Info,
        description: "An item that looks like CallPage's (provider, domain or name prefix) is not in the catalog: the catalog may need an update",
    },
    Rule {
        id: REPORT_EMPTY,
        severity: Severity::Warning,
        description: "The report lists no cookies at all",
    },
    Rule {
        id: NO_CATEGORIES,
        severity: Severity::Info,
        description: "The column mapping names no category column: categories were not compared (a scan of the site, such as Didomi's, has none by nature and says so in the result instead)",
    },
    Rule {
        id: ROWS_SKIPPED,
        severity: Severity::Info,
        description: "Rows without a cookie name were skipped",
    },
    Rule {
        id: TEXT_NOT_UTF8,
        severity: Severity::Info,
        description: "Some text is not UTF-8 and was replaced; names with such characters may not match",
    },
];
