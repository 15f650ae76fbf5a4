//! The site check in Polish: the pages and recordings that fire every rule (the same as in
//! site_pages.rs and site_har.rs) checked in both languages. Each finding is the same rule at the
//! same place in both; its Polish message and fix are written out (not empty, not the English
//! text); the English report is what the check gives without asking for a language.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] functions

mod common;

use std::collections::BTreeSet;
use std::ops::ControlFlow;

use common::*;
use cookie_admin_core::{CmpId, Feature, Language};
use cookie_admin_diagnose::site::{self, read_har, report, Account, Har, Input, PageSource, Rule};
use serde_json::{json, Value};

const PAGE: &str = "https://acme.example/";
const WIDGET: &str = "https://cdn-widget.callpage.io/build/js/callpage.js?v=20260301";
const UC: &str = "https://consent.cookiebot.com/uc.js";

/// One HAR entry: a GET of `url` sending `cookies`, answered with `status` (and `_error`).
fn entry(
    second: u32,
    url: &str,
    cookies: &[(&str, &str)],
    status: i64,
    error: Option<&str>,
) -> Value {
    let mut response = json!({
        "status": status, "statusText": "", "httpVersion": "http/2.0", "headers": [], "cookies": [],
        "content": {"size": 0, "mimeType": "text/html"}, "redirectURL": "", "headersSize": -1, "bodySize": 0
    });
    if let Some(e) = error {
        response["_error"] = json!(e);
    }
    let header = cookies
        .iter()
        .map(|(n, v)| format!("{n}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let headers = if cookies.is_empty() {
        json!([])
    } else {
        json!([{"name": "Cookie", "value": header}])
    };
    json!({
        "startedDateTime": format!("2026-03-01T10:00:{second:02}.000Z"), "time": 1,
        "request": {"method": "GET", "url": url, "httpVersion": "http/2.0", "headers": headers,
            "queryString": [], "cookies": cookies.iter().map(|(n, v)| json!({"name": n, "value": v})).collect::<Vec<_>>(),
            "headersSize": -1, "bodySize": 0},
        "response": response, "cache": {}, "timings": {"send": 0, "wait": 1, "receive": 0}
    })
}

fn har(entries: Vec<Value>) -> Har {
    let json =
        json!({"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"},
        "pages": [], "entries": entries}})
        .to_string();
    read_har(json.as_bytes(), catalog(), |_| ControlFlow::Continue(())).unwrap()
}

/// One case: a page (text or bytes), an account, a recording.
struct Case {
    name: &'static str,
    page: Vec<u8>,
    text: bool,
    account: Option<Account>,
    har: Option<Har>,
}

fn text(name: &'static str, page: String, account: Option<Account>) -> Case {
    Case {
        name,
        page: page.into_bytes(),
        text: true,
        account,
        har: None,
    }
}

fn run(case: &Case, language: Language) -> site::Report {
    let page = if case.text {
        PageSource::Text(std::str::from_utf8(&case.page).unwrap())
    } else {
        PageSource::Bytes(&case.page)
    };
    site::check(Input {
        page,
        har: case.har.as_ref(),
        catalog: catalog(),
        account: case.account.as_ref(),
        language,
    })
    .unwrap()
}

/// A clean Cookiebot page with the snippet (the old embed taken out), as site_har.rs builds it.
fn clean_page(features: &[Feature]) -> (String, Account) {
    let config = config(CmpId::Cookiebot, features);
    let template = page("rules/old-embed-beside-snippet.html");
    let start = template
        .find("<script type=\"text/javascript\">\n/* The official")
        .unwrap();
    let end = template[start..].find("</script>\n").unwrap() + start + "</script>\n".len();
    let template = format!("{}{}", &template[..start], &template[end..]);
    (
        fill(&template, &snippet(&config, CmpId::Cookiebot)),
        account(&config, &[]),
    )
}

fn rule_page(name: &str) -> String {
    page(&format!("rules/{name}.html"))
}

/// Pages and recordings that, together, fire every rule.
fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    for name in [
        "truncated",
        "no-embed",
        "official-embed-twice",
        "embed-held-back",
        "cmp-not-first",
        "cookiebot-async",
        "cmp-twice",
        "autoblock-cookiebot-official",
        "autoblock-onetrust-official",
        "autoblock-termly-official",
        "autoblock-cookieyes-official",
        "held-back-foreign",
        "held-back-runs",
        "held-back-unknown-category",
        "gcm-default-late",
        "gcm-v2-keys",
        "gcm-no-wait",
    ] {
        out.push(text(name, rule_page(name), None));
    }
    out.push(Case {
        name: "broken-utf8",
        page: page_bytes("rules/broken-utf8.html"),
        text: false,
        account: None,
        har: None,
    });
    let gcm = config(CmpId::Gcm, &[Feature::TraceRoute]);
    out.push(text(
        "gcm-default-missing",
        rule_page("gcm-default-missing"),
        Some(account(&gcm, &[])),
    ));
    let tcf = config(CmpId::Tcf, &[Feature::TraceRoute]);
    out.push(text(
        "tcf-no-stub",
        fill(&rule_page("tcf-no-stub"), &snippet(&tcf, CmpId::Tcf)),
        Some(account(&tcf, &[])),
    ));
    let cookiebot = config(CmpId::Cookiebot, &[Feature::TraceRoute]);
    out.push(text(
        "old-embed-beside-snippet",
        fill(
            &rule_page("old-embed-beside-snippet"),
            &snippet(&cookiebot, CmpId::Cookiebot),
        ),
        Some(account(&cookiebot, &[])),
    ));
    out.push(text(
        "no-cmp",
        fill(&rule_page("no-cmp"), &snippet(&cookiebot, CmpId::Cookiebot)),
        Some(account(&cookiebot, &[])),
    ));
    out.push(text(
        "snippet-before-cmp",
        fill(
            &rule_page("snippet-before-cmp"),
            &snippet(&cookiebot, CmpId::Cookiebot),
        ),
        Some(account(&cookiebot, &[])),
    ));
    let iubenda = config(CmpId::Iubenda, &[Feature::ScoringRules]);
    for name in ["iubenda-snippet-after-cs", "iubenda-snippet-before-config"] {
        out.push(text(
            name,
            fill(&rule_page(name), &snippet(&iubenda, CmpId::Iubenda)),
            Some(account(&iubenda, &[])),
        ));
    }
    // Another account's snippet; another CMP's; an old version; edited; another generator.
    let current = config(
        CmpId::Cookiebot,
        &[Feature::TraceRoute, Feature::DataMemorization],
    );
    let cookiebot_page = |html: &str| fill(&page("embeds/cookiebot.html"), html);
    let mut other = current.clone();
    other.account.id = "SomebodyElse42".into();
    other.account.name = "Other GmbH".into();
    out.push(text(
        "other-account",
        cookiebot_page(&snippet(&other, CmpId::Cookiebot)),
        Some(account(&current, &[])),
    ));
    out.push(text(
        "other-cmp",
        cookiebot_page(&snippet(&current, CmpId::Onetrust)),
        Some(account(&current, &[])),
    ));
    let v1 = config(CmpId::Cookiebot, &[Feature::TraceRoute]);
    out.push(text(
        "outdated",
        cookiebot_page(&snippet(&v1, CmpId::Cookiebot)),
        Some(account(&current, std::slice::from_ref(&v1))),
    ));
    let edited = snippet(&current, CmpId::Cookiebot).replace("\"statistics\"", "\"marketing\"");
    out.push(text(
        "edited",
        cookiebot_page(&edited),
        Some(account(&current, &[])),
    ));
    out.push(text(
        "generator",
        cookiebot_page(&generator_changed(&snippet(&current, CmpId::Cookiebot))),
        Some(account(&current, &[])),
    ));
    // Recordings.
    let (clean, acme) = clean_page(&[Feature::TraceRoute, Feature::ScoringRules]);
    let recording = |name, entries, account: Option<Account>| Case {
        name,
        page: clean.clone().into_bytes(),
        text: true,
        account: Some(account.unwrap_or_else(|| acme.clone())),
        har: Some(har(entries)),
    };
    out.push(recording(
        "har-blocked",
        vec![
            entry(0, PAGE, &[], 200, None),
            entry(1, UC, &[], 200, None),
            entry(2, WIDGET, &[], 0, Some("net::ERR_BLOCKED_BY_CLIENT")),
        ],
        None,
    ));
    out.push(recording(
        "har-404",
        vec![
            entry(0, PAGE, &[], 200, None),
            entry(1, WIDGET, &[], 404, None),
        ],
        None,
    ));
    out.push(recording(
        "har-never",
        vec![entry(0, PAGE, &[], 200, None), entry(1, UC, &[], 200, None)],
        None,
    ));
    out.push(recording(
        "har-after-consent",
        vec![
            entry(0, PAGE, &[], 200, None),
            entry(1, UC, &[], 200, None),
            entry(
                2,
                "https://consentcdn.cookiebot.com/logconsent.ashx?action=accept",
                &[],
                200,
                None,
            ),
            entry(3, WIDGET, &[("CookieConsent", "x")], 200, None),
        ],
        None,
    ));
    out.push(recording(
        "har-cookies-before-consent",
        vec![
            entry(0, PAGE, &[], 200, None),
            entry(1, UC, &[], 200, None),
            entry(2, WIDGET, &[], 200, None),
            entry(
                3,
                "https://acme.example/api/cart",
                &[("cp_visitor_id", "abc"), ("cp_tr_12", "/a")],
                200,
                None,
            ),
            entry(
                8,
                "https://acme.example/next",
                &[("CookieConsent", "x"), ("cp_visitor_id", "abc")],
                200,
                None,
            ),
        ],
        None,
    ));
    out.push(recording(
        "har-silent",
        vec![
            entry(0, PAGE, &[], 200, None),
            entry(1, UC, &[], 200, None),
            entry(2, WIDGET, &[], 200, None),
        ],
        Some(account(&config(CmpId::Onetrust, &[]), &[])),
    ));
    out
}

/// The snippet's marker says another Cookie Admin made it; its code differs a little (as
/// site_pages.rs' `remarked` builds it).
fn generator_changed(html: &str) -> String {
    use cookie_admin_core::cmp::marker;
    let found = &marker::find_markers(html)[0];
    let content = html[found.content.clone()].replace(
        "calls and meetings need no consent",
        "calls need no consent",
    );
    let mut m = found.marker.clone().unwrap();
    m.generator = "0.0.9".into();
    m.content = marker::content_fingerprint(&content);
    format!(
        "{}\n{content}{}\n",
        m.begin_comment().trim_end(),
        marker::END_COMMENT
    )
}

/// Letters only Polish has: a Polish sentence of any length has one of them.
fn has_polish_letters(text: &str) -> bool {
    text.chars().any(|c| "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ„”".contains(c))
}

#[test]
fn every_rule_speaks_polish_and_english_stays_the_default() {
    let mut fired = BTreeSet::new();
    let mut failures = Vec::new();
    for case in cases() {
        let en = run(&case, Language::En);
        let pl = run(&case, Language::Pl);
        let key = |r: &site::Report| {
            r.findings
                .iter()
                .map(|f| (f.id, f.severity, f.evidence.clone()))
                .collect::<Vec<_>>()
        };
        if key(&en) != key(&pl) {
            failures.push(format!(
                "{}: other findings in Polish:\n{}\n---\n{}",
                case.name,
                show(&en),
                show(&pl)
            ));
            continue;
        }
        for (e, p) in en.findings.iter().zip(&pl.findings) {
            fired.insert(e.id);
            for (what, en_text, pl_text) in
                [("message", &e.message, &p.message), ("fix", &e.fix, &p.fix)]
            {
                if pl_text.trim().is_empty() || pl_text == en_text || !has_polish_letters(pl_text) {
                    failures.push(format!(
                        "{} {} {what}: not in Polish:\n  en: {en_text}\n  pl: {pl_text}",
                        case.name, e.id
                    ));
                }
            }
        }
        assert_eq!(
            en.summary.seen.len(),
            pl.summary.seen.len(),
            "{}",
            case.name
        );
    }
    let missing: Vec<&str> = Rule::ALL
        .iter()
        .map(|r| r.id())
        .filter(|id| !fired.contains(id))
        .collect();
    assert!(missing.is_empty(), "rules no case fired: {missing:?}");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_polish_report_has_polish_headings_plurals_and_the_same_code() {
    let case = text("cmp-twice", rule_page("cmp-twice"), None);
    let en = run(&case, Language::En);
    let pl = run(&case, Language::Pl);
    let en_md = report::markdown(&en, "index.html");
    assert_eq!(en_md, report::markdown_in(&en, "index.html", Language::En));
    let md = report::markdown_in(&pl, "index.html", Language::Pl);
    assert!(
        md.starts_with("# Sprawdzenie strony CallPage: index.html\n"),
        "{md}"
    );
    assert!(md.contains("## Co sprawdzenie znalazło na stronie"), "{md}");
    assert!(md.contains("   - Reguła: `site.cmp_duplicate`"), "{md}");
    assert!(md.contains("   - Gdzie: wiersz 50, kolumna"), "{md}");
    assert!(md.contains("   - Jak naprawić: "), "{md}");
    // "1 błąd, 0 ostrzeżeń, 0 uwag" and friends: the counts with their Polish forms.
    let counts = format!(
        "**{} {}, ",
        pl.errors,
        cookie_admin_core::i18n::plural_pl(pl.errors, "błąd", "błędy", "błędów")
    );
    assert!(md.contains(&counts), "{md}");
    // The excerpt (page code) is the same in both.
    let fence = |m: &str| m.lines().filter(|l| l.contains("<script")).count();
    assert_eq!(fence(&md), fence(&en_md));
    for word in ["Errors", "Warnings", "Rule:", "Fix:", "Where:", " lines,"] {
        assert!(!md.contains(word), "{word} in the Polish report:\n{md}");
    }
}

#[test]
fn polish_plural_forms_follow_the_count() {
    // Two copies of the loader: "2 razy"; the recording's requests: "3 żądania", "5 żądań".
    let case = text("cmp-twice", rule_page("cmp-twice"), None);
    let pl = run(&case, Language::Pl);
    let dup = pl
        .findings
        .iter()
        .find(|f| f.id == "site.cmp_duplicate")
        .unwrap();
    assert!(dup.message.contains("wczytywany 2 razy"), "{}", dup.message);
    let (clean, acme) = clean_page(&[]);
    let silent = |n: u32| {
        let mut entries = vec![
            entry(0, PAGE, &[], 200, None),
            entry(1, WIDGET, &[], 200, None),
        ];
        for i in 2..n {
            entries.push(entry(i, "https://acme.example/a.css", &[], 200, None));
        }
        let case = Case {
            name: "silent",
            page: clean.clone().into_bytes(),
            text: true,
            account: Some(acme.clone()),
            har: Some(har(entries)),
        };
        let report = run(&case, Language::Pl);
        report
            .findings
            .iter()
            .find(|f| f.id == "site.har_cmp_silent")
            .unwrap_or_else(|| panic!("{}", show(&report)))
            .message
            .clone()
    };
    assert!(silent(3).contains("(3 żądania)"), "{}", silent(3));
    assert!(silent(5).contains("(5 żądań)"), "{}", silent(5));
    assert!(silent(22).contains("(22 żądania)"), "{}", silent(22));
}
