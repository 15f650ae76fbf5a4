//! The shape every diagnostic finding has, the same as the core's checks: a stable rule id, a
//! severity, a message, a fix, and where (evidence in the customer's input).

use cookie_admin_core::Severity;
use serde::Serialize;

/// Where in the customer's input a finding was seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// 1-based line in the input (a page, a report file); 0 when not line-based.
    pub line: usize,
    /// 1-based column (in characters) on that line; 0 when unknown.
    pub column: usize,
    /// A short excerpt of the input at that place (shortened, control characters made visible).
    pub excerpt: String,
}

/// One problem (or note) found in a customer's page, HAR or CMP report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule's stable id (`site.embed_missing`, `audit.item_missing`, ...); never renamed.
    pub id: &'static str,
    pub severity: Severity,
    /// What is wrong, in words support can forward to a customer.
    pub message: String,
    /// What to do about it.
    pub fix: String,
    /// Where it was seen, when it was seen somewhere.
    pub evidence: Option<Evidence>,
}
