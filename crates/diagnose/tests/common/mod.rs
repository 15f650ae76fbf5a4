//! Shared helpers of the site check's tests: the page corpus in tests/pages, configurations,
//! and running the check.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use cookie_admin_core::{AccountConfig, Catalog, CmpId, Feature, Language};
use cookie_admin_diagnose::site::{self, Account, Har, Input, KnownVersion, PageSource, Report};

/// The widget id of the test account (what its snippets put in `__cp`).
pub const ACCOUNT_ID: &str = "AcmeWidget0123456789";

pub fn pages_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("pages")
}

/// A page of the corpus as bytes.
pub fn page_bytes(name: &str) -> Vec<u8> {
    let path = pages_dir().join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn page(name: &str) -> String {
    String::from_utf8(page_bytes(name)).expect("corpus page is UTF-8")
}

/// A template with our snippet pasted where its `<!-- SNIPPET -->` placeholder is.
pub fn fill(template: &str, snippet: &str) -> String {
    assert!(
        template.contains("<!-- SNIPPET -->\n"),
        "template has no placeholder"
    );
    template.replace("<!-- SNIPPET -->\n", snippet)
}

pub fn catalog() -> &'static Catalog {
    Catalog::embedded()
}

/// The test account's configuration for a CMP and features.
pub fn config(cmp: CmpId, features: &[Feature]) -> AccountConfig {
    let mut config = AccountConfig::vendor_default(catalog(), ACCOUNT_ID, "ACME Ltd");
    config.cmp = Some(cmp);
    config.features = features.iter().copied().collect();
    config
}

/// The generated snippet's HTML.
pub fn snippet(config: &AccountConfig, cmp: CmpId) -> String {
    cookie_admin_core::cmp::snippet(catalog(), config, cmp, Language::En).html
}

/// An account whose latest stored version is `config` (version `history.len() + 1`).
pub fn account(config: &AccountConfig, history: &[AccountConfig]) -> Account {
    let mut versions: Vec<KnownVersion> = history
        .iter()
        .enumerate()
        .map(|(i, c)| KnownVersion {
            version: i as i64 + 1,
            config: c.clone(),
        })
        .collect();
    let current = versions.len() as i64 + 1;
    versions.push(KnownVersion {
        version: current,
        config: config.clone(),
    });
    Account {
        name: "ACME Ltd".into(),
        config: config.clone(),
        version: Some(current),
        history: versions,
    }
}

pub fn check(page: &str, account: Option<&Account>) -> Report {
    check_with(page, account, None)
}

pub fn check_with(page: &str, account: Option<&Account>, har: Option<&Har>) -> Report {
    site::check(Input {
        page: PageSource::Text(page),
        har,
        catalog: catalog(),
        account,
        language: cookie_admin_core::Language::En,
    })
    .unwrap_or_else(|e| panic!("the check refused the page: {e}"))
}

pub fn ids(report: &Report) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.id).collect()
}

/// Every finding, one per line, for assertion messages.
pub fn show(report: &Report) -> String {
    report
        .findings
        .iter()
        .map(|f| {
            format!(
                "{:?} {} {} | {}",
                f.severity,
                f.id,
                f.evidence
                    .as_ref()
                    .map(|e| format!("@{}:{} {}", e.line, e.column, e.excerpt))
                    .unwrap_or_default(),
                f.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The feature sets the snippet tests go through: none, each alone, all, and features in two
/// categories (one service per category where the CMP consents per service).
pub fn feature_sets() -> Vec<(String, Vec<Feature>, bool)> {
    let mut sets = vec![("none".to_string(), vec![], false)];
    for f in Feature::ALL {
        sets.push((f.id().to_string(), vec![f], false));
    }
    sets.push(("all".to_string(), Feature::ALL.to_vec(), false));
    sets.push(("mixed categories".to_string(), Feature::ALL.to_vec(), true));
    sets
}
