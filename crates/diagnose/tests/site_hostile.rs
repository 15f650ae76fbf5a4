//! Bad input to the site check: non-HTML, binary, truncated and hostile files give a clear
//! error or a finding, never a panic or a hang (no timing here: `make bench` measures speed).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] functions

mod common;

use std::ops::ControlFlow;

use common::*;
use cookie_admin_diagnose::site::{self, read_har, Input, PageSource};
use proptest::prelude::*;

fn check_bytes(bytes: &[u8]) -> Result<site::Report, cookie_admin_diagnose::Error> {
    site::check(Input {
        page: PageSource::Bytes(bytes),
        har: None,
        catalog: catalog(),
        account: None,
        language: cookie_admin_core::Language::En,
    })
}

#[test]
fn a_hundred_thousand_nested_elements() {
    let depth = 100_000;
    let page = format!(
        "<!doctype html><html><head><title>x</title></head><body>{}<p>deep</p>{}{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth),
        page("rules/official-embed-only.html")
            .split("<head>")
            .nth(1)
            .unwrap()
            .split("</head>")
            .next()
            .unwrap()
    );
    let report = check(&page, None);
    // The embed after the nesting is still found (in <body>), with its line.
    assert!(
        report
            .summary
            .seen
            .iter()
            .any(|s| s.what == "Official CallPage embed code"),
        "{:?}",
        report.summary.seen
    );
    // Unclosed nesting too (no end tags at all), and nesting inside <head>.
    let page = format!(
        "<head>{}<script>var a = 1;</script>",
        "<span>".repeat(depth)
    );
    check(&page, None);
    let page = format!("{}<script>", "<table><tr><td>".repeat(depth / 3));
    let report = check(&page, None);
    assert!(ids(&report).contains(&"site.page_truncated"));
}

#[test]
fn a_fifty_megabyte_attribute() {
    let huge = "x".repeat(50 << 20);
    let page = format!(
        "<head><script id=\"Cookiebot\" data-cbid=\"{huge}\" src=\"https://consent.cookiebot.com/uc.js\"></script><meta name=\"k\" content=\"{huge}\"></head><body><div title=\"{huge}\">x</div></body>"
    );
    let report = check(&page, None);
    let cmp = report
        .summary
        .seen
        .iter()
        .find(|s| s.what == "Cookiebot script");
    assert!(cmp.is_some(), "{:?}", report.summary.seen);
    // Nothing in the report carries the attribute whole.
    let json = serde_json::to_string(&report).unwrap();
    assert!(json.len() < 1 << 20, "{} bytes", json.len());
    // An unterminated 50 MB attribute: the tag never ends.
    let page = format!("<head><script src=\"{huge}");
    let report = check(&page, None);
    assert!(
        ids(&report).contains(&"site.page_truncated"),
        "{}",
        show(&report)
    );
}

#[test]
fn broken_and_odd_encodings() {
    // Declared UTF-8, invalid bytes everywhere, including inside a script and an attribute.
    let mut bytes =
        b"<meta charset=utf-8><head><script data-x=\"\xff\xfe\">var a = '\xc3';</script>".to_vec();
    bytes.extend_from_slice(&[0xF0, 0x9F, 0x98]); // a cut four-byte sequence at the very end
    let report = check_bytes(&bytes).unwrap();
    assert!(
        ids(&report).contains(&"site.page_encoding"),
        "{}",
        show(&report)
    );
    // A UTF-16 byte order mark with an odd number of bytes after it.
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "<p>x</p>".encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    bytes.push(0x3C);
    let report = check_bytes(&bytes).unwrap();
    assert!(
        ids(&report).contains(&"site.page_encoding"),
        "{}",
        show(&report)
    );
    // Shift_JIS declared, bytes that are not Shift_JIS.
    let report = check_bytes(b"<meta charset=\"shift_jis\"><p>\x81\x20\xff</p>").unwrap();
    assert!(
        ids(&report).contains(&"site.page_encoding"),
        "{}",
        show(&report)
    );
    // An encoding label full of control characters is shown with them visible.
    let report = check_bytes(b"<meta charset=\"\x1b[31mred\"><p>x</p>").unwrap();
    let message = &report
        .findings
        .iter()
        .find(|f| f.id == "site.page_encoding")
        .unwrap()
        .message;
    assert!(
        message.contains("␛[31mred") && !message.contains('\u{1b}'),
        "{message}"
    );
}

#[test]
fn what_is_not_a_page_is_refused_clearly() {
    for (bytes, says) in [
        (b"".to_vec(), "empty"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00".to_vec(), "gzip"),
        (b"PK\x03\x04\x14\x00".to_vec(), "ZIP"),
        (br#"{"log": {"entries": []}}"#.to_vec(), "HAR"),
        (
            (0u8..=255).cycle().take(4096).collect::<Vec<u8>>(),
            "binary",
        ),
        (
            b"Hello, this is just a note without markup.".to_vec(),
            "no HTML element",
        ),
    ] {
        let err = check_bytes(&bytes).unwrap_err().to_string();
        assert!(err.contains(says), "{says}: {err}");
        assert!(err.starts_with("page: "), "{err}");
    }
}

#[test]
fn hostile_script_text_is_read_not_run() {
    let page = r#"<head><script>
      gtag('consent', 'default', {'ad_storage': 'denied'}); /* unterminated comment
    </script><script>gtag("consent", `default`, {a: '\u{10FFFF}\x', ...spread, [computed]: 1, "k": function(){ return {"id":"x","version":"1"} }});
    </script><script>var s = "unterminated
    </script><script>/[/]/.test(x); gtag('config', 'G-1')</script>"#;
    let report = check(page, None);
    // The first default's object has no v2 keys; the lexer survived the rest.
    assert!(
        ids(&report).contains(&"site.gcm_v2_keys_missing"),
        "{}",
        show(&report)
    );
}

#[test]
fn har_edge_cases_never_panic() {
    for json in [
        "",
        "{",
        "[]",
        "null",
        "{\"log\": null}",
        "{\"log\": {\"entries\": null}}",
        "{\"log\": {\"entries\": [{}]}}",
        "{\"log\": {\"entries\": [{\"request\": {\"url\": \"\\ud800\"}}]}}",
        "{\"log\": {\"entries\": [{\"response\": {\"status\": 1e400}}]}}",
        "{\"log\": {\"entries\": [{\"response\": {\"status\": -99999999999999999999}}]}}",
        "{\"log\": {\"entries\": [], \"entries\": []}}",
        "{\"log\": {\"entries\": []}} trailing",
    ] {
        let _ = read_har(json.as_bytes(), catalog(), |_| ControlFlow::Continue(()));
    }
    // An empty recording reads.
    let har = read_har(&b"{\"log\": {\"entries\": [{}]}}"[..], catalog(), |_| {
        ControlFlow::Continue(())
    })
    .unwrap();
    assert_eq!(har.entries, 1);
    assert!(read_har(
        &b"{\"log\": {\"entries\": []}} trailing"[..],
        catalog(),
        |_| ControlFlow::Continue(())
    )
    .is_err());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_give_a_report_or_an_error(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = check_bytes(&bytes);
        let _ = read_har(&bytes[..], catalog(), |_| ControlFlow::Continue(()));
    }

    #[test]
    fn random_markup_gives_a_report_or_an_error(parts in proptest::collection::vec(prop_oneof![
        Just("<script>".to_string()), Just("</script>".to_string()), Just("<head>".to_string()),
        Just("</head>".to_string()), Just("<body>".to_string()), Just("<!--".to_string()), Just("-->".to_string()),
        Just("<template>".to_string()), Just("</template>".to_string()), Just("<noscript>".to_string()),
        Just("<script src=\"https://consent.cookiebot.com/uc.js\" data-blockingmode=\"auto\" async>".to_string()),
        Just("<script type=\"text/plain\" data-cookieconsent=\"statistics\" class=\"optanon-category-C0002\">".to_string()),
        Just("gtag('consent', 'default', {".to_string()), Just("callpageConsentBridge.grant(".to_string()),
        Just("<!-- CallPage widget for Cookiebot - generated by CallPage Cookie Admin 0.1.0 (catalog x) for account ".to_string()),
        Just("var __cp = {\"id\":\"x\",\"version\":\"1.1\"}; cdn-widget.callpage.io".to_string()),
        Just("/* CallPage widget (always loads".to_string()), Just("__tcfapiLocator __tcfapi".to_string()),
        "[\\PC]{0,12}".prop_map(|s| s),
        Just("'\"`/\\".to_string()), Just("\u{2028}\u{feff}".to_string()),
    ], 0..40)) {
        let page = parts.concat();
        let _ = check_bytes(page.as_bytes());
        if let Ok(report) = check_bytes(page.as_bytes()) {
            for f in &report.findings {
                if let Some(e) = &f.evidence {
                    prop_assert!(!e.excerpt.chars().any(|c| c.is_control()), "{:?}", e.excerpt);
                }
            }
        }
    }
}
