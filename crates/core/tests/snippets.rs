//! Golden (snapshot) tests of every CMP snippet, the hostile-configuration fixtures the Node
//! parser test reads, and the per-CMP fact table.
//!
//! Goldens live in `tests/golden/`; regenerate them with `UPDATE_GOLDEN=1 cargo test -p
//! cookie-admin-core --test snippets` and review the diff by eye.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use cookie_admin_core::cmp::{self, escape};
use cookie_admin_core::{AccountConfig, Catalog, Category, CmpId, Feature};

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// Compare `actual` with the golden file, or write it when `UPDATE_GOLDEN` is set.
fn check_golden(relative: &str, actual: &str) -> Result<(), String> {
    let path = golden_dir().join(relative);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return Ok(());
    }
    let expected = std::fs::read_to_string(&path)
        .map_err(|e| format!("{}: {e} (run with UPDATE_GOLDEN=1)", path.display()))?;
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .map(|i| i + 1)
            .unwrap_or(0);
        return Err(format!(
            "{} differs from the generated text (first differing line {line}); run with UPDATE_GOLDEN=1 and review the diff",
            path.display()
        ));
    }
    Ok(())
}

fn all_features(mut config: AccountConfig) -> AccountConfig {
    config.features = Feature::ALL.into_iter().collect();
    config
}

fn vendor_default() -> AccountConfig {
    all_features(AccountConfig::vendor_default(
        Catalog::embedded(),
        "acme-widget-id",
        "ACME Ltd",
    ))
}

/// Configurations whose every string field holds hostile text (fixed set, also read by the
/// Node test in tests/snippets/).
pub fn hostile_configs() -> Vec<(&'static str, AccountConfig)> {
    let values: [(&str, String); 5] = [
        (
            "script",
            "x</script><script>alert(1)</script><!--".to_string(),
        ),
        ("quotes", "a\"b'c`d\\e${f}\u{2028}g\u{2029}h\n".to_string()),
        (
            "comment",
            "--><!-- */ // <![CDATA[ ]]> &amp; <!-->".to_string(),
        ),
        ("nonlatin", "Łódź Zażółć 東京 القاهرة Москва 🍪".to_string()),
        ("long", "A</ScRiPt>".repeat(2000)),
    ];
    let mut out = Vec::new();
    for (name, value) in values {
        let mut config = vendor_default();
        config.account.id = value.clone();
        config.account.name = value.clone();
        config.domains = vec![value.clone()];
        config.notes = value.clone();
        config.consent_mode.regions = vec![value.clone()];
        config.cmp_settings.service_name = Some(value.clone());
        config.cmp_settings.vendor_id = Some(value.clone());
        config.cmp_settings.embed_url = Some(value.clone());
        out.push((name, config));
    }
    // Features in two categories: one service per category for per-service CMPs.
    let mut split = vendor_default();
    split
        .categories
        .insert(Feature::DataMemorization, Category::Functional);
    out.push(("split", split));
    out
}

#[test]
fn golden_snippets_for_every_target() {
    let catalog = Catalog::embedded();
    let config = vendor_default();
    let mut failures = Vec::new();
    for cmp in CmpId::ALL {
        let snippet = cmp::snippet(catalog, &config, cmp);
        if let Err(e) = check_golden(&format!("{}.html", cmp.id()), &snippet.html) {
            failures.push(e);
        }
    }
    // No optional feature: the embed and a comment only.
    let none = AccountConfig::vendor_default(catalog, "acme-widget-id", "ACME Ltd");
    let snippet = cmp::snippet(catalog, &none, CmpId::Cookiebot);
    assert!(snippet.nothing_to_do);
    if let Err(e) = check_golden("no-features.html", &snippet.html) {
        failures.push(e);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn hostile_fixtures_are_current() {
    let catalog = Catalog::embedded();
    let mut failures = Vec::new();
    // The hostile value of each fixture, for the Node test to look for in parsed literals.
    let manifest: serde_json::Map<String, serde_json::Value> = hostile_configs()
        .into_iter()
        .map(|(name, config)| (name.to_string(), config.account.id.clone().into()))
        .collect();
    let manifest = serde_json::to_string_pretty(&manifest).unwrap() + "\n";
    if let Err(e) = check_golden("hostile/manifest.json", &manifest) {
        failures.push(e);
    }
    for (name, config) in hostile_configs() {
        for cmp in CmpId::ALL {
            let html = cmp::snippet(catalog, &config, cmp).html;
            if let Err(e) = check_golden(&format!("hostile/{name}/{}.html", cmp.id()), &html) {
                failures.push(e);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn escape_module_is_public_for_callers() {
    assert_eq!(escape::js_str("</script>"), "\"\\u003c/script\\u003e\"");
}
