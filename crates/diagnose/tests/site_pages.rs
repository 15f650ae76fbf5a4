//! The site check over the page corpus (tests/pages): every generated snippet pasted into its
//! CMP's documented embed page passes; each page of tests/pages/rules fires the rule it is
//! written for, at the right line.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] functions

mod common;

use common::*;
use cookie_admin_core::{Category, CmpId, Feature, Severity};

/// The file of the documented embed page of a target.
fn embed_page(cmp: CmpId) -> String {
    page(&format!("embeds/{}.html", cmp.id()))
}

#[test]
fn every_generated_snippet_in_its_cmps_documented_embed_page_has_no_error() {
    let mut failures = Vec::new();
    for cmp in CmpId::ALL {
        for (name, features, mixed) in feature_sets() {
            let mut config = config(cmp, &features);
            if mixed {
                config
                    .categories
                    .insert(Feature::DataMemorization, Category::Functional);
            }
            let html = fill(&embed_page(cmp), &snippet(&config, cmp));
            let report = check(&html, Some(&account(&config, &[])));
            let errors: Vec<_> = report
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .collect();
            if !errors.is_empty() {
                failures.push(format!("{} / {name}:\n{}", cmp.id(), show(&report)));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn one_clean_page_per_target_where_nothing_fires() {
    let mut failures = Vec::new();
    for cmp in CmpId::ALL {
        let config = config(cmp, &Feature::ALL);
        let html = fill(&embed_page(cmp), &snippet(&config, cmp));
        let report = check(&html, Some(&account(&config, &[])));
        // A warning that only a dashboard setting can clear (the page cannot show it) is the
        // one thing a correct page may still get: none of these embed pages has one.
        if !report.findings.is_empty() {
            failures.push(format!("{}:\n{}", cmp.id(), show(&report)));
        }
        // The summary saw the snippet for its target.
        assert!(
            report
                .summary
                .seen
                .iter()
                .any(|s| s.what == "Cookie Admin snippet" && s.note.contains(cmp.name())),
            "{}: {:?}",
            cmp.id(),
            report.summary.seen
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// A rule page's findings with one id, checking the line of the first.
fn fires(report: &cookie_admin_diagnose::site::Report, id: &str, line: Option<usize>) {
    let hit = report.findings.iter().find(|f| f.id == id);
    let Some(hit) = hit else {
        panic!("{id} did not fire:\n{}", show(report));
    };
    if let Some(line) = line {
        let evidence = hit
            .evidence
            .as_ref()
            .unwrap_or_else(|| panic!("{id} has no place"));
        assert_eq!(
            evidence.line,
            line,
            "{id} points at the wrong line:\n{}",
            show(report)
        );
        assert!(evidence.column >= 1);
        assert!(!evidence.excerpt.is_empty());
    }
}

fn rule_page(name: &str) -> String {
    page(&format!("rules/{name}.html"))
}

#[test]
fn official_embed_alone_without_an_account_is_clean() {
    let report = check(&rule_page("official-embed-only"), None);
    assert!(report.findings.is_empty(), "{}", show(&report));
    assert!(report
        .summary
        .seen
        .iter()
        .any(|s| s.what == "Official CallPage embed code" && s.note.contains(ACCOUNT_ID)));
}

#[test]
fn embed_rules() {
    fires(
        &check(&rule_page("no-embed"), None),
        "site.embed_missing",
        None,
    );
    fires(
        &check(&rule_page("official-embed-twice"), None),
        "site.embed_duplicate",
        Some(50),
    );
    let config = config(CmpId::Cookiebot, &[Feature::TraceRoute]);
    let html = fill(
        &rule_page("old-embed-beside-snippet"),
        &snippet(&config, CmpId::Cookiebot),
    );
    let report = check(&html, Some(&account(&config, &[])));
    fires(&report, "site.old_embed_beside_snippet", Some(7));
    assert_eq!(
        report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count(),
        1,
        "{}",
        show(&report)
    );
    let report = check(&rule_page("embed-held-back"), None);
    fires(&report, "site.held_back_markup", Some(7));
    assert!(
        report.findings[0].message.contains("embed"),
        "{}",
        show(&report)
    );
}

#[test]
fn snippet_of_another_account_cmp_or_version() {
    let current = config(
        CmpId::Cookiebot,
        &[Feature::TraceRoute, Feature::DataMemorization],
    );
    // Another account's snippet.
    let mut other = current.clone();
    other.account.id = "SomebodyElse42".into();
    other.account.name = "Other GmbH".into();
    let html = fill(
        &page("embeds/cookiebot.html"),
        &snippet(&other, CmpId::Cookiebot),
    );
    let report = check(&html, Some(&account(&current, &[])));
    fires(&report, "site.snippet_other_account", Some(8));
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.message.contains("Other GmbH")),
        "{}",
        show(&report)
    );
    // The OneTrust snippet on a Cookiebot page.
    let html = fill(
        &page("embeds/cookiebot.html"),
        &snippet(&current, CmpId::Onetrust),
    );
    fires(
        &check(&html, Some(&account(&current, &[]))),
        "site.snippet_other_cmp",
        Some(8),
    );
    // Version 1 (Trace Route only) on the page; version 2 switched Data Memorization on.
    let v1 = config(CmpId::Cookiebot, &[Feature::TraceRoute]);
    let html = fill(
        &page("embeds/cookiebot.html"),
        &snippet(&v1, CmpId::Cookiebot),
    );
    let report = check(&html, Some(&account(&current, std::slice::from_ref(&v1))));
    fires(&report, "site.snippet_outdated", Some(8));
    let message = &report
        .findings
        .iter()
        .find(|f| f.id == "site.snippet_outdated")
        .unwrap()
        .message;
    assert!(
        message.contains("ACME Ltd's snippet for Cookiebot from version 1; the current version is 2 (Data Memorization was switched on since)"),
        "{message}"
    );
    // Edited by hand.
    let edited = snippet(&current, CmpId::Cookiebot).replace("\"statistics\"", "\"marketing\"");
    let html = fill(&page("embeds/cookiebot.html"), &edited);
    fires(
        &check(&html, Some(&account(&current, &[]))),
        "site.snippet_edited",
        Some(8),
    );
}

#[test]
fn snippet_placement() {
    let cookiebot = config(CmpId::Cookiebot, &[Feature::ScoringRules]);
    let html = fill(
        &rule_page("snippet-before-cmp"),
        &snippet(&cookiebot, CmpId::Cookiebot),
    );
    fires(
        &check(&html, Some(&account(&cookiebot, &[]))),
        "site.snippet_misplaced",
        Some(6),
    );
    let iubenda = config(CmpId::Iubenda, &[Feature::ScoringRules]);
    let html = fill(
        &rule_page("iubenda-snippet-after-cs"),
        &snippet(&iubenda, CmpId::Iubenda),
    );
    let report = check(&html, Some(&account(&iubenda, &[])));
    fires(&report, "site.snippet_misplaced", Some(11));
    assert!(show(&report).contains("cs.js"), "{}", show(&report));
    let html = fill(
        &rule_page("iubenda-snippet-before-config"),
        &snippet(&iubenda, CmpId::Iubenda),
    );
    let report = check(&html, Some(&account(&iubenda, &[])));
    fires(&report, "site.snippet_misplaced", Some(6));
    assert!(
        show(&report).contains("_iub.csConfiguration"),
        "{}",
        show(&report)
    );
}

#[test]
fn cmp_rules() {
    let config = config(CmpId::Cookiebot, &[Feature::ScoringRules]);
    let html = fill(&rule_page("no-cmp"), &snippet(&config, CmpId::Cookiebot));
    fires(
        &check(&html, Some(&account(&config, &[]))),
        "site.cmp_not_found",
        None,
    );
    fires(
        &check(&rule_page("cmp-not-first"), None),
        "site.cmp_not_first",
        Some(6),
    );
    fires(
        &check(&rule_page("cookiebot-async"), None),
        "site.cookiebot_async",
        Some(6),
    );
    fires(
        &check(&rule_page("cmp-twice"), None),
        "site.cmp_duplicate",
        Some(50),
    );
}

#[test]
fn automatic_blocking_rules() {
    fires(
        &check(&rule_page("autoblock-cookiebot-official"), None),
        "site.autoblock_no_exemption",
        Some(7),
    );
    fires(
        &check(&rule_page("autoblock-onetrust-official"), None),
        "site.autoblock_no_exemption",
        Some(11),
    );
    fires(
        &check(&rule_page("autoblock-termly-official"), None),
        "site.autoblock_exemption_unseen",
        Some(7),
    );
    fires(
        &check(&rule_page("autoblock-cookieyes-official"), None),
        "site.autoblock_dashboard_step",
        None,
    );
}

#[test]
fn held_back_markup_rules() {
    let report = check(&rule_page("held-back-foreign"), None);
    fires(&report, "site.held_back_markup", Some(53));
    assert!(
        show(&report).contains("but the page runs OneTrust"),
        "{}",
        show(&report)
    );
    let report = check(&rule_page("held-back-runs"), None);
    fires(&report, "site.held_back_markup", Some(53));
    assert!(
        show(&report).contains("does not wait for consent"),
        "{}",
        show(&report)
    );
    let report = check(&rule_page("held-back-unknown-category"), None);
    fires(&report, "site.held_back_markup", Some(50));
    assert!(show(&report).contains("\"analytics\""), "{}", show(&report));
}

#[test]
fn consent_mode_rules() {
    let gcm = config(CmpId::Gcm, &[Feature::TraceRoute]);
    fires(
        &check(&rule_page("gcm-default-missing"), Some(&account(&gcm, &[]))),
        "site.gcm_default_missing",
        Some(49),
    );
    // Without an account whose target is Consent Mode, a page without a default is not wrong.
    assert!(
        !ids(&check(&rule_page("gcm-default-missing"), None)).contains(&"site.gcm_default_missing")
    );
    fires(
        &check(&rule_page("gcm-default-late"), None),
        "site.gcm_default_late",
        Some(16),
    );
    fires(
        &check(&rule_page("gcm-v2-keys"), None),
        "site.gcm_v2_keys_missing",
        Some(9),
    );
    fires(
        &check(&rule_page("gcm-no-wait"), None),
        "site.gcm_no_wait_for_update",
        Some(9),
    );
}

#[test]
fn tcf_stub_rule() {
    let tcf = config(CmpId::Tcf, &[Feature::TraceRoute]);
    let html = fill(&rule_page("tcf-no-stub"), &snippet(&tcf, CmpId::Tcf));
    fires(
        &check(&html, Some(&account(&tcf, &[]))),
        "site.tcf_stub_missing",
        Some(6),
    );
}

#[test]
fn page_input_rules() {
    let report = check(&rule_page("truncated"), None);
    fires(&report, "site.page_truncated", Some(50));
    let bytes = page_bytes("rules/broken-utf8.html");
    let report = cookie_admin_diagnose::site::check(cookie_admin_diagnose::site::Input {
        page: cookie_admin_diagnose::site::PageSource::Bytes(&bytes),
        har: None,
        catalog: catalog(),
        account: None,
        language: cookie_admin_core::Language::En,
    })
    .unwrap();
    fires(&report, "site.page_encoding", Some(51));
    let bytes = page_bytes("rules/windows-1250.html");
    let report = cookie_admin_diagnose::site::check(cookie_admin_diagnose::site::Input {
        page: cookie_admin_diagnose::site::PageSource::Bytes(&bytes),
        har: None,
        catalog: catalog(),
        account: None,
        language: cookie_admin_core::Language::En,
    })
    .unwrap();
    assert!(report.findings.is_empty(), "{}", show(&report));
    assert_eq!(report.summary.encoding, "windows-1250");
}

/// The snippet with its begin marker rewritten by `change` and its content fingerprint made
/// right again (what a snippet generated by another Cookie Admin would look like).
fn remarked(
    html: &str,
    content: &str,
    change: impl Fn(&mut cookie_admin_core::cmp::SnippetMarker),
) -> String {
    use cookie_admin_core::cmp::marker;
    let found = &marker::find_markers(html)[0];
    let mut m = found.marker.clone().unwrap();
    change(&mut m);
    m.content = marker::content_fingerprint(content);
    format!(
        "{}\n{content}{}\n",
        m.begin_comment().trim_end(),
        marker::END_COMMENT
    )
}

#[test]
fn snippet_markers_tell_edits_versions_and_generators_apart() {
    use cookie_admin_core::cmp::marker;
    let current = config(CmpId::Cookiebot, &[Feature::TraceRoute]);
    let account = account(&current, &[]);
    let page_with = |html: &str| fill(&page("embeds/cookiebot.html"), html);
    let html = snippet(&current, CmpId::Cookiebot);
    let found = &marker::find_markers(&html)[0];
    let content = html[found.content.clone()].to_string();

    // Re-indented and with CRLF line ends it is still intact.
    let reindented = html.replace('\n', "\r\n    ");
    let report = check(&page_with(&reindented), Some(&account));
    assert!(report.findings.is_empty(), "{}", show(&report));

    // One attribute changed: edited, said with the fingerprint.
    let edited = html.replace(
        "data-cookieconsent=\"statistics\"",
        "data-cookieconsent=\"marketing\"",
    );
    let report = check(&page_with(&edited), Some(&account));
    fires(&report, "site.snippet_edited", Some(8));
    assert!(show(&report).contains("fingerprint"), "{}", show(&report));

    // The end marker cut off.
    let cut = html.replace(marker::END_COMMENT, "");
    let report = check(&page_with(&cut), Some(&account));
    assert!(show(&report).contains("no end marker"), "{}", show(&report));

    // An unreadable marker.
    let broken = html.replacen("{\"v\":1", "{\"v\":1,,", 1);
    let report = check(&page_with(&broken), Some(&account));
    assert!(
        show(&report).contains("cannot be read"),
        "{}",
        show(&report)
    );

    // The same configuration, code from another generator: a note, not an error.
    let older = remarked(
        &html,
        &content.replace(
            "calls and meetings need no consent",
            "calls need no consent",
        ),
        |m| {
            m.generator = "0.0.9".into();
        },
    );
    let report = check(&page_with(&older), Some(&account));
    assert_eq!(
        ids(&report),
        ["site.snippet_generator_newer"],
        "{}",
        show(&report)
    );
    assert!(
        report.findings[0].message.contains("Cookie Admin 0.0.9"),
        "{}",
        show(&report)
    );

    // A configuration that is none of the stored versions.
    let mut unknown = current.clone();
    unknown.features.insert(Feature::ScoringRules);
    let report = check(
        &page_with(&snippet(&unknown, CmpId::Cookiebot)),
        Some(&account),
    );
    fires(&report, "site.snippet_outdated", Some(8));
    assert!(
        show(&report).contains("none of its stored versions"),
        "{}",
        show(&report)
    );

    // Only the notes changed since: the snippet is the same, nothing to say.
    let mut noted = current.clone();
    noted.notes = "called the customer".into();
    let report = check(
        &page_with(&html),
        Some(&self::account(&noted, std::slice::from_ref(&current))),
    );
    assert!(report.findings.is_empty(), "{}", show(&report));
}

#[test]
fn snippets_from_before_markers_are_still_traced() {
    let strip = |html: &str| -> String {
        html.lines()
            .filter(|l| {
                !l.starts_with("<!-- callpage-snippet ") && !l.starts_with("<!-- /callpage-snippet")
            })
            .map(|l| format!("{l}\n"))
            .collect()
    };
    let v1 = config(CmpId::Cookiebot, &[Feature::TraceRoute]);
    let v2 = config(
        CmpId::Cookiebot,
        &[Feature::TraceRoute, Feature::DataMemorization],
    );
    let page_with = |html: &str| fill(&page("embeds/cookiebot.html"), html);
    let report = check(
        &page_with(&strip(&snippet(&v2, CmpId::Cookiebot))),
        Some(&account(&v2, std::slice::from_ref(&v1))),
    );
    assert!(report.findings.is_empty(), "{}", show(&report));
    let report = check(
        &page_with(&strip(&snippet(&v1, CmpId::Cookiebot))),
        Some(&account(&v2, std::slice::from_ref(&v1))),
    );
    fires(&report, "site.snippet_outdated", Some(8));
    let edited = strip(&snippet(&v2, CmpId::Cookiebot)).replace("\"statistics\"", "\"marketing\"");
    let report = check(&page_with(&edited), Some(&account(&v2, &[])));
    fires(&report, "site.snippet_edited", Some(8));
}

#[test]
fn a_page_saved_complete_is_read_by_file_names_and_vendor_attributes() {
    // "Save page as, complete" rewrites src to local copies and keeps the DOM the scripts built:
    // the widget script the embed inserted sits first.
    let page = r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title>x</title>
<script type="text/javascript" async="" src="./ACME_files/callpage.js"></script>
<script id="Cookiebot" src="./ACME_files/uc.js" data-cbid="00000000-0000-0000-0000-000000000000" data-blockingmode="auto" type="text/javascript"></script>
<script src="./ACME_files/uc.js" data-cbid="00000000-0000-0000-0000-000000000000"></script>
</head><body></body></html>"#;
    let report = check(page, None);
    assert!(
        report
            .summary
            .seen
            .iter()
            .any(|s| s.what == "Cookiebot script" && s.note.contains("automatic blocking")),
        "{:?}",
        report.summary.seen
    );
    // Two copies of the loader, no embed code; the inserted widget script is not "before the CMP".
    let found = ids(&report);
    assert!(
        found.contains(&"site.cmp_duplicate") && found.contains(&"site.embed_missing"),
        "{}",
        show(&report)
    );
    assert!(!found.contains(&"site.cmp_not_first"), "{}", show(&report));
}

/// Every rule has a test that makes it fire: its id appears in one of the test files, next to
/// the page or recording that fires it.
#[test]
fn every_rule_is_exercised_by_a_test() {
    let sources = [
        include_str!("site_pages.rs"),
        include_str!("site_har.rs"),
        include_str!("site_hostile.rs"),
    ]
    .concat();
    let missing: Vec<&str> = cookie_admin_diagnose::site::Rule::ALL
        .iter()
        .map(|r| r.id())
        .filter(|id| !sources.contains(&format!("\"{id}\"")))
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a test that fires them: {missing:?}"
    );
}

#[test]
fn a_snippet_with_polish_instructions_is_the_current_one_too() {
    // The window copies the snippet with its steps in the window's language: the code is the
    // same, the content fingerprint is not. Both count as what the account generates now.
    let mut failures = Vec::new();
    for cmp in CmpId::ALL {
        let config = config(cmp, &Feature::ALL);
        let polish = cookie_admin_core::cmp::snippet(
            catalog(),
            &config,
            cmp,
            cookie_admin_core::Language::Pl,
        )
        .html;
        let report = check(
            &fill(&embed_page(cmp), &polish),
            Some(&account(&config, &[])),
        );
        if !report.findings.is_empty() {
            failures.push(format!("{}:\n{}", cmp.id(), show(&report)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
