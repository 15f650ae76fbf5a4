//! The site check with HAR recordings built here (the shape Chromium's DevTools writes with
//! "Save all as HAR": HAR 1.2 plus `_error` on failed requests).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] functions

mod common;

use std::ops::ControlFlow;

use common::*;
use cookie_admin_core::{CmpId, Feature};
use cookie_admin_diagnose::site::{read_har, Har};
use serde_json::{json, Value};

/// One entry: a GET of `url` with `cookies` sent, answered with `status` (and `_error`).
fn entry(
    second: u32,
    url: &str,
    cookies: &[(&str, &str)],
    status: i64,
    error: Option<&str>,
) -> Value {
    let mut response = json!({
        "status": status, "statusText": "", "httpVersion": "http/2.0", "headers": [], "cookies": [],
        "content": {"size": 12, "mimeType": "text/html", "text": "<p>body</p>"},
        "redirectURL": "", "headersSize": -1, "bodySize": 12
    });
    if let Some(e) = error {
        response["_error"] = json!(e);
    }
    let cookie_header = cookies
        .iter()
        .map(|(n, v)| format!("{n}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let mut headers = vec![json!({"name": "User-Agent", "value": "Mozilla/5.0"})];
    if !cookies.is_empty() {
        headers.push(json!({"name": "Cookie", "value": cookie_header}));
    }
    json!({
        "startedDateTime": format!("2026-03-01T10:00:{second:02}.000Z"),
        "time": 12.5,
        "request": {
            "method": "GET", "url": url, "httpVersion": "http/2.0", "headers": headers,
            "queryString": [], "cookies": cookies.iter().map(|(n, v)| json!({"name": n, "value": v})).collect::<Vec<_>>(),
            "headersSize": -1, "bodySize": 0
        },
        "response": response,
        "cache": {}, "timings": {"send": 0, "wait": 10, "receive": 2.5},
        "_initiator": {"type": "parser"}, "_priority": "High"
    })
}

fn har_json(entries: Vec<Value>) -> String {
    json!({"log": {
        "version": "1.2",
        "creator": {"name": "WebInspector", "version": "537.36"},
        "pages": [{"startedDateTime": "2026-03-01T10:00:00.000Z", "id": "page_1", "title": "https://acme.example/", "pageTimings": {}}],
        "entries": entries
    }})
    .to_string()
}

fn read(json: &str) -> Har {
    read_har(json.as_bytes(), catalog(), |_| ControlFlow::Continue(())).unwrap()
}

const PAGE: &str = "https://acme.example/";
const WIDGET: &str = "https://cdn-widget.callpage.io/build/js/callpage.js?v=20260301";
const UC: &str = "https://consent.cookiebot.com/uc.js";

/// A clean Cookiebot page with the snippet, to check HAR rules next to a page that passes.
fn clean_page(features: &[Feature]) -> (String, cookie_admin_diagnose::site::Account) {
    let config = config(CmpId::Cookiebot, features);
    let template = page("rules/old-embed-beside-snippet.html");
    // The Cookiebot manual-mode page without the old embed: the snippet alone.
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

#[test]
fn a_healthy_recording_only_lists_the_cmp() {
    let (page, account) = clean_page(&[Feature::TraceRoute]);
    let har = read(&har_json(vec![
        entry(0, PAGE, &[], 200, None),
        entry(1, UC, &[], 200, None),
        entry(2, WIDGET, &[], 200, None),
        entry(
            9,
            "https://acme.example/next",
            &[("CookieConsent", "{stamp:'x'}"), ("cp_visitor_id", "v1")],
            200,
            None,
        ),
    ]));
    let report = check_with(&page, Some(&account), Some(&har));
    assert_eq!(
        ids(&report),
        ["site.har_cmp_endpoints"],
        "{}",
        show(&report)
    );
    let note = &report.findings[0].message;
    assert!(
        note.contains("Cookiebot (consent.cookiebot.com): 1 request, all answered"),
        "{note}"
    );
    assert!(note.contains("Consent was given at request #4"), "{note}");
    assert_eq!(report.summary.har.as_ref().unwrap().entries, 4);
}

#[test]
fn widget_blocked_by_an_extension() {
    let (page, account) = clean_page(&[]);
    let har = read(&har_json(vec![
        entry(0, PAGE, &[], 200, None),
        entry(1, UC, &[], 200, None),
        entry(2, WIDGET, &[], 0, Some("net::ERR_BLOCKED_BY_CLIENT")),
    ]));
    let report = check_with(&page, Some(&account), Some(&har));
    let f = report
        .findings
        .iter()
        .find(|f| f.id == "site.har_widget_failed")
        .unwrap_or_else(|| panic!("{}", show(&report)));
    assert!(
        f.message.contains("net::ERR_BLOCKED_BY_CLIENT"),
        "{}",
        f.message
    );
    assert!(f.fix.contains("blocker"), "{}", f.fix);
    assert!(f
        .evidence
        .as_ref()
        .unwrap()
        .excerpt
        .starts_with("#3 GET https://cdn-widget.callpage.io/"));
}

#[test]
fn widget_failing_with_a_status() {
    let (page, account) = clean_page(&[]);
    let har = read(&har_json(vec![
        entry(0, PAGE, &[], 200, None),
        entry(1, UC, &[], 200, None),
        entry(2, WIDGET, &[], 404, None),
    ]));
    let report = check_with(&page, Some(&account), Some(&har));
    let f = report
        .findings
        .iter()
        .find(|f| f.id == "site.har_widget_failed")
        .unwrap_or_else(|| panic!("{}", show(&report)));
    assert!(f.message.contains("HTTP status 404"), "{}", f.message);
}

#[test]
fn widget_never_requested() {
    let (page, account) = clean_page(&[]);
    let har = read(&har_json(vec![
        entry(0, PAGE, &[], 200, None),
        entry(1, UC, &[], 200, None),
    ]));
    let report = check_with(&page, Some(&account), Some(&har));
    assert!(
        ids(&report).contains(&"site.har_widget_not_requested"),
        "{}",
        show(&report)
    );
}

#[test]
fn widget_only_after_consent() {
    let (page, account) = clean_page(&[]);
    let har = read(&har_json(vec![
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
    ]));
    let report = check_with(&page, Some(&account), Some(&har));
    let f = report
        .findings
        .iter()
        .find(|f| f.id == "site.har_widget_after_consent")
        .unwrap_or_else(|| panic!("{}", show(&report)));
    assert!(
        f.message.contains("#4") && f.message.contains("#3"),
        "{}",
        f.message
    );
}

#[test]
fn optional_cookies_before_consent() {
    let (page, account) = clean_page(&[Feature::TraceRoute, Feature::ScoringRules]);
    let har = read(&har_json(vec![
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
    ]));
    let report = check_with(&page, Some(&account), Some(&har));
    let f = report
        .findings
        .iter()
        .find(|f| f.id == "site.har_optional_storage_before_consent")
        .unwrap_or_else(|| panic!("{}", show(&report)));
    assert!(
        f.message
            .contains("before the consent answer at request #5"),
        "{}",
        f.message
    );
    assert!(
        f.message.contains("cp_visitor_id (Scoring Rules)")
            && f.message.contains("cp_tr_12 (Trace Route)"),
        "{}",
        f.message
    );
    assert!(f
        .evidence
        .as_ref()
        .unwrap()
        .excerpt
        .starts_with("#4 GET https://acme.example/api/cart"));
}

#[test]
fn a_recording_that_starts_consented_is_said_so_and_not_judged() {
    let (page, account) = clean_page(&[Feature::ScoringRules]);
    let har = read(&har_json(vec![
        entry(
            0,
            PAGE,
            &[("CookieConsent", "x"), ("cp_visitor_id", "abc")],
            200,
            None,
        ),
        entry(1, UC, &[("CookieConsent", "x")], 200, None),
        entry(2, WIDGET, &[], 200, None),
    ]));
    let report = check_with(&page, Some(&account), Some(&har));
    assert_eq!(
        ids(&report),
        ["site.har_cmp_endpoints"],
        "{}",
        show(&report)
    );
    assert!(report.findings[0]
        .message
        .contains("starts with consent already given"));
}

#[test]
fn the_accounts_cmp_never_requested() {
    let (page, _) = clean_page(&[]);
    let onetrust = config(CmpId::Onetrust, &[]);
    let har = read(&har_json(vec![
        entry(0, PAGE, &[], 200, None),
        entry(1, UC, &[], 200, None),
        entry(2, WIDGET, &[], 200, None),
    ]));
    let report = check_with(&page, Some(&account(&onetrust, &[])), Some(&har));
    let f = report
        .findings
        .iter()
        .find(|f| f.id == "site.har_cmp_silent")
        .unwrap_or_else(|| panic!("{}", show(&report)));
    assert!(
        f.message.starts_with("OneTrust is never requested"),
        "{}",
        f.message
    );
}

#[test]
fn bodies_of_any_size_are_skipped_not_kept() {
    // A 40 MB response body streamed from a generator: the summary does not grow with it.
    struct Generated {
        parts: Vec<Vec<u8>>,
        body_left: usize,
        index: usize,
    }
    impl std::io::Read for Generated {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.index == 1 {
                if self.body_left == 0 {
                    self.index = 2;
                } else {
                    let n = buf.len().min(self.body_left);
                    buf[..n].fill(b'a');
                    self.body_left -= n;
                    return Ok(n);
                }
            }
            let Some(part) = self.parts.get_mut(self.index) else {
                return Ok(0);
            };
            let n = buf.len().min(part.len());
            buf[..n].copy_from_slice(&part[..n]);
            part.drain(..n);
            if part.is_empty() {
                self.index += 1;
            }
            Ok(n)
        }
    }
    let head = r#"{"log": {"entries": [{"request": {"url": "https://cdn-widget.callpage.io/build/js/callpage.js"}, "response": {"status": 200, "content": {"text": ""#;
    let tail = r#""}}}]}}"#;
    let reader = Generated {
        parts: vec![
            head.as_bytes().to_vec(),
            Vec::new(),
            tail.as_bytes().to_vec(),
        ],
        body_left: 40 << 20,
        index: 0,
    };
    let mut steps = 0;
    let har = read_har(reader, catalog(), |_| {
        steps += 1;
        ControlFlow::Continue(())
    })
    .unwrap();
    assert_eq!(har.entries, 1);
    assert_eq!(har.widget.len(), 1);
    assert!(har.bytes > 40 << 20);
    assert!(steps >= 40, "progress every megabyte: {steps}");
}

#[test]
fn wrong_types_give_an_error_with_the_path() {
    for (json, path) in [
        (r#"{"log": {"entries": "none"}}"#, "log.entries"),
        (r#"{"log": {"entries": [1]}}"#, "log.entries[0]"),
        (
            r#"{"log": {"entries": [{"request": "GET /"}]}}"#,
            "log.entries[0].request",
        ),
        (
            r#"{"log": {"entries": [{"request": {"url": 5}}]}}"#,
            "log.entries[0].request.url",
        ),
        (
            r#"{"log": {"entries": [{"request": {"cookies": [{"name": null}]}}]}}"#,
            "log.entries[0].request.cookies[0].name",
        ),
        (r#"{"log": []}"#, "log"),
    ] {
        let err = read_har(json.as_bytes(), catalog(), |_| ControlFlow::Continue(()))
            .unwrap_err()
            .to_string();
        assert!(err.contains(path), "{json}: {err}");
    }
}
