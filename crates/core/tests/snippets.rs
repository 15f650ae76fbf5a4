//! Golden (snapshot) tests of every CMP snippet, the hostile-configuration fixtures the Node
//! parser test reads, and the per-CMP fact table.
//!
//! Goldens live in `tests/golden/`; regenerate them with `UPDATE_GOLDEN=1 cargo test -p
//! cookie-admin-core --test snippets` and review the diff by eye.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use cookie_admin_core::cmp::{self, escape};
use cookie_admin_core::{AccountConfig, BlockingMode, Catalog, Category, CmpId, Feature, Language};

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
        let snippet = cmp::snippet(catalog, &config, cmp, Language::En);
        if let Err(e) = check_golden(&format!("{}.html", cmp.id()), &snippet.html) {
            failures.push(e);
        }
    }
    // No optional feature: the embed and a comment only.
    let none = AccountConfig::vendor_default(catalog, "acme-widget-id", "ACME Ltd");
    let snippet = cmp::snippet(catalog, &none, CmpId::Cookiebot, Language::En);
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
            let html = cmp::snippet(catalog, &config, cmp, Language::En).html;
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

/// The part of `html` from the widget embed's `<script` tag to its `</script>`.
fn embed_script(html: &str) -> &str {
    let body = html
        .find("/* CallPage widget (always loads")
        .expect("the embed");
    let start = html[..body].rfind("<script").expect("the embed's tag");
    let end = body + html[body..].find("</script>").expect("the embed's end");
    &html[start..end]
}

#[test]
fn every_snippet_is_marked_and_its_marker_checks_out() {
    let catalog = Catalog::embedded();
    for config in [
        vendor_default(),
        AccountConfig::vendor_default(catalog, "acme-widget-id", "ACME Ltd"),
    ] {
        let fingerprint = cmp::marker::config_fingerprint(&config);
        for target in CmpId::ALL {
            let snippet = cmp::snippet(catalog, &config, target, Language::En);
            let html = &snippet.html;
            assert!(html.starts_with("<!-- callpage-snippet {"), "{target:?}");
            assert!(html.ends_with("<!-- /callpage-snippet -->\n"), "{target:?}");
            let found = cmp::marker::find_markers(html);
            assert_eq!(found.len(), 1, "{target:?}");
            let marker = found[0].marker.as_ref().unwrap();
            assert_eq!(marker, &snippet.marker);
            assert_eq!(marker.account, "acme-widget-id");
            assert_eq!(marker.cmp(), Some(target));
            assert_eq!(marker.config, fingerprint);
            assert_eq!(marker.generator, cookie_admin_core::VERSION);
            assert_eq!(marker.catalog, catalog.catalog_version);
            assert_eq!(found[0].intact, Some(true), "{target:?}");
            // Re-indented by a CMS: still intact. A character changed: edited.
            let reindented = html.replace('\n', "\r\n    ");
            assert_eq!(cmp::marker::find_markers(&reindented)[0].intact, Some(true));
            let edited = html.replacen("w[Q](\"api.button.autoshow\")", "w[Q](\"x\")", 1);
            assert_ne!(&edited, html);
            assert_eq!(cmp::marker::find_markers(&edited)[0].intact, Some(false));
        }
    }
    // Another configuration gives another configuration fingerprint.
    let mut other = vendor_default();
    other.features.remove(&Feature::DataMemorization);
    let a = cmp::snippet(catalog, &vendor_default(), CmpId::Cookiebot, Language::En).marker;
    let b = cmp::snippet(catalog, &other, CmpId::Cookiebot, Language::En).marker;
    assert_ne!(a.config, b.config);
    assert_ne!(a.content, b.content);
}

#[test]
fn widget_loader_carries_each_cmps_exemption_before_its_src() {
    let catalog = Catalog::embedded();
    for features in [true, false] {
        let mut config = vendor_default();
        if !features {
            config.features.clear();
        }
        for target in CmpId::ALL {
            let facts = target.facts();
            let blocking = &facts.auto_blocking;
            let html = cmp::snippet(catalog, &config, target, Language::En).html;
            let embed = embed_script(&html);
            let tag = &embed[..embed.find('>').unwrap()];
            for (name, value) in blocking.inline_attributes {
                let attribute = if value.is_empty() {
                    format!(" {name}")
                } else {
                    format!(" {name}=\"{value}\"")
                };
                assert!(tag.contains(&attribute), "{target:?}: {tag}");
            }
            let src = embed.find("s.src = ").unwrap();
            for (name, value) in blocking.element_attributes {
                let call = format!(
                    "s.setAttribute({}, {});",
                    escape::js_str(name),
                    escape::js_str(value)
                );
                let at = embed
                    .find(&call)
                    .unwrap_or_else(|| panic!("{target:?}: {call}"));
                assert!(at < src, "{target:?}: {call} after src");
                assert!(at < embed.find("s.type = ").unwrap(), "{target:?}");
            }
            if blocking.element_attributes.is_empty() {
                assert!(!embed.contains("setAttribute"), "{target:?}");
            }
            // The bridge (with features on) carries the inline exemption too; the held-back
            // scripts keep only their CMP's category attributes.
            if features {
                let bridge = html.find("/* CallPage consent bridge").unwrap();
                let tag_start = html[..bridge].rfind("<script").unwrap();
                let bridge_tag = &html[tag_start..bridge];
                for (name, _) in blocking.inline_attributes {
                    assert!(bridge_tag.contains(name), "{target:?}");
                }
                for (name, value) in blocking.inline_attributes {
                    if let Some(held) = cmp::adapter(target)
                        .blocking(&cmp::Context::new(catalog, &config), Category::Analytics)
                    {
                        assert!(
                            !held.iter().any(|(n, v)| n == name && v == value),
                            "{target:?}: the held-back script must stay blocked"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn termly_and_consentmanager_start_with_their_host_exemption() {
    let catalog = Catalog::embedded();
    let mut config = vendor_default();
    config.cmp_settings.embed_url = Some("http://127.0.0.1:4173/callpage.js".into());
    let termly = cmp::snippet(catalog, &config, CmpId::Termly, Language::En).html;
    let first = termly.find("<script").unwrap();
    assert!(termly[first..].starts_with(
        "<script data-termly-config>\nwindow.TERMLY_CUSTOM_BLOCKING_MAP = {\"127.0.0.1\":\"essential\",\"callpage.io\":\"essential\"};\n</script>"
    ), "{}", &termly[first..first + 200]);
    let cm = cmp::snippet(catalog, &config, CmpId::Consentmanager, Language::En).html;
    let first = cm.find("<script").unwrap();
    assert!(cm[first..].starts_with(
        "<script data-cmp-ab=\"1\">\nwindow.cmp_block_ignoredomains = (window.cmp_block_ignoredomains || []).concat([\"callpage.io\",\"127.0.0.1\"]);\n</script>"
    ), "{}", &cm[first..first + 200]);
    // With no feature on too: Termly's Auto Blocker would block the widget anyway.
    config.features.clear();
    let none = cmp::snippet(catalog, &config, CmpId::Termly, Language::En);
    assert!(none.nothing_to_do);
    assert!(none.html.contains("TERMLY_CUSTOM_BLOCKING_MAP"));
    assert!(
        none.steps[0].contains("above the Termly script"),
        "{:?}",
        none.steps
    );
}

#[test]
fn steps_name_the_dashboard_step_unless_the_site_blocks_manually() {
    let catalog = Catalog::embedded();
    let mut config = vendor_default();
    for target in CmpId::ALL {
        let blocking = target.facts().auto_blocking;
        let Some(step) = blocking.step.map(|s| s.en) else {
            continue;
        };
        for mode in [None, Some(BlockingMode::Auto), Some(BlockingMode::Manual)] {
            config.cmp_settings.blocking_mode = mode;
            let snippet = cmp::snippet(catalog, &config, target, Language::En);
            let shown = snippet.steps.iter().any(|s| s == step);
            assert_eq!(shown, blocking.step_applies(mode), "{target:?} {mode:?}");
            // The same steps are in the snippet's leading comment (< and > as entities).
            let in_comment = snippet
                .html
                .contains(&step.replace('<', "&lt;").replace('>', "&gt;"));
            assert_eq!(in_comment, shown, "{target:?} {mode:?}");
        }
    }
    // Cookiebot no longer asks to keep manual mode.
    config.cmp_settings.blocking_mode = None;
    let steps = cmp::snippet(catalog, &config, CmpId::Cookiebot, Language::En)
        .steps
        .join("\n");
    assert!(
        !steps.contains("manual blocking mode for this code"),
        "{steps}"
    );
    assert!(steps.contains("data-cookieconsent=\"ignore\""), "{steps}");
}

#[test]
fn instructions_state_versions_and_limits() {
    let catalog = Catalog::embedded();
    let config = vendor_default();
    let steps = |cmp| {
        cmp::snippet(catalog, &config, cmp, Language::En)
            .steps
            .join("\n")
    };
    assert!(steps(CmpId::Borlabs).contains("Borlabs Cookie 3.0.6 or a later 3.x"));
    assert!(steps(CmpId::Gcm).contains("Google Tag Manager consent template"));
    assert!(steps(CmpId::Iubenda).contains("single embed script"));
}

#[test]
fn a_hostile_service_name_is_refused_when_loading_with_its_field_path() {
    let mut config = vendor_default();
    config.cmp_settings.service_name = Some("x\"><img src=x onerror=alert(1)>".into());
    let error = AccountConfig::from_json(&config.to_json_pretty())
        .unwrap_err()
        .to_string();
    assert!(error.contains("cmp_settings.service_name"), "{error}");
    assert!(
        !error.contains("onerror"),
        "the value is not echoed: {error}"
    );
    let mut config = vendor_default();
    config.cmp_settings.embed_url = Some("javascript:alert(1)".into());
    let error = AccountConfig::from_value(serde_json::to_value(&config).unwrap())
        .unwrap_err()
        .to_string();
    assert!(error.contains("cmp_settings.embed_url"), "{error}");
    let mut config = vendor_default();
    config.cmp_settings.vendor_id = Some("c:x' onload='".into());
    let error = AccountConfig::from_json(&config.to_json_pretty())
        .unwrap_err()
        .to_string();
    assert!(error.contains("cmp_settings.vendor_id"), "{error}");
    // The loopback emulator of the browser proof is allowed over http.
    let mut config = vendor_default();
    config.cmp_settings.embed_url = Some("http://127.0.0.1:4173/callpage.js".into());
    config.cmp_settings.blocking_mode = Some(BlockingMode::Auto);
    let back = AccountConfig::from_json(&config.to_json_pretty()).unwrap();
    assert_eq!(back, config);
}

#[test]
fn polish_golden_snippets_for_every_target() {
    // The same configuration as the English goldens, with the instructions in Polish
    // (golden/pl/; the English files above must not change).
    let catalog = Catalog::embedded();
    let config = vendor_default();
    let mut failures = Vec::new();
    for cmp in CmpId::ALL {
        let snippet = cmp::snippet(catalog, &config, cmp, Language::Pl);
        if let Err(e) = check_golden(&format!("pl/{}.html", cmp.id()), &snippet.html) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The part of a snippet after its marker and its leading comment: the code.
fn code(html: &str) -> &str {
    html.splitn(3, "-->\n").nth(2).unwrap_or_default()
}

#[test]
fn polish_instructions_for_every_target_with_the_same_code() {
    let catalog = Catalog::embedded();
    let mut configs = Vec::new();
    for features in [false, true] {
        for mode in [None, Some(BlockingMode::Auto), Some(BlockingMode::Manual)] {
            let mut config = vendor_default();
            if !features {
                config.features.clear();
            }
            config.cmp_settings.blocking_mode = mode;
            config.consent_mode.regions = vec!["PL".into()];
            configs.push(config);
        }
    }
    for config in &configs {
        for target in CmpId::ALL {
            let en = cmp::snippet(catalog, config, target, Language::En);
            let pl = cmp::snippet(catalog, config, target, Language::Pl);
            assert_eq!(en.steps.len(), pl.steps.len(), "{target:?}");
            for (e, p) in en.steps.iter().zip(&pl.steps) {
                assert_ne!(e, p, "{target:?}: a step is not translated");
                for english in [
                    "Paste this",
                    " when the visitor",
                    " switches on",
                    " switch on",
                ] {
                    assert!(!p.contains(english), "{target:?}: {english:?} in {p}");
                }
            }
            assert!(
                pl.steps[0].starts_with("Wklej ten kod"),
                "{target:?}: {}",
                pl.steps[0]
            );
            // The steps are in the leading comment, as in English.
            for step in &pl.steps {
                let escaped = step.replace('<', "&lt;").replace('>', "&gt;");
                assert!(pl.html.contains(&escaped), "{target:?}: {step}");
            }
            // The code is the same; so is the comment's first line (the site check reads it)
            // and the configuration fingerprint. Only the content fingerprint differs.
            assert_eq!(code(&en.html), code(&pl.html), "{target:?}");
            assert_eq!(en.html.lines().nth(1), pl.html.lines().nth(1), "{target:?}");
            assert_eq!(en.marker.config, pl.marker.config);
            assert_ne!(en.marker.content, pl.marker.content);
        }
    }
}

#[test]
fn polish_steps_name_features_in_polish_with_the_right_verb() {
    let catalog = Catalog::embedded();
    let mut config = vendor_default();
    let steps = |config: &AccountConfig| {
        cmp::snippet(catalog, config, CmpId::Cookiebot, Language::Pl)
            .steps
            .join("\n")
    };
    let all = steps(&config);
    assert!(all.contains("i Zapamiętywanie danych (Data Memorization) włączają się, gdy odwiedzający zaakceptuje kategorię „Statistics” (statistics)."), "{all}");
    config.features = [Feature::TraceRoute].into_iter().collect();
    let one = steps(&config);
    assert!(
        one.contains("Ścieżka odwiedzin (Trace Route) włącza się, gdy"),
        "{one}"
    );
}
