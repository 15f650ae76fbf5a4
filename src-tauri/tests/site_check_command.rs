//! The site check command through the IPC layer on Tauri's mock runtime: a page file or
//! pasted source, a HAR, the open account with its stored versions, errors as `{kind, message}`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test file: failing loudly is the point

mod common;

use common::*;
use serde_json::{json, Value};

fn config(features: &[&str]) -> Value {
    json!({
        "schema_version": 1,
        "account": { "id": "acme", "name": "ACME" },
        "features": features,
        "cmp": "cookiebot",
    })
}

/// A Cookiebot page (manual mode) with `snippet` after the CMP.
fn page(snippet: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>ACME</title>\n<script id=\"Cookiebot\" src=\"https://consent.cookiebot.com/uc.js\" data-cbid=\"x\"></script>\n{snippet}</head>\n<body></body>\n</html>\n"
    )
}

#[test]
fn a_page_file_is_checked_against_the_open_account_and_its_versions() {
    let t = TestApp::new();
    t.call(
        "save_config",
        json!({ "account": "ACME", "config": config(&["trace_route"]), "note": "v1" }),
    )
    .unwrap();
    let v1 = t
        .call("preview", json!({ "config": config(&["trace_route"]) }))
        .unwrap();
    t.call("save_config", json!({ "account": "ACME", "config": config(&["trace_route", "data_memorization"]), "note": "v2" })).unwrap();
    let file = t.dir.path().join("shop.html");
    std::fs::write(&file, page(v1["snippet"]["html"].as_str().unwrap())).unwrap();
    let result = t
        .call(
            "site_check",
            json!({
                "page": { "from": "file", "path": file },
                "account": { "name": "ACME", "config": config(&["trace_route", "data_memorization"]), "version": 2 },
                "progress": "__CHANNEL__:3",
            }),
        )
        .unwrap();
    assert_eq!(result["title"], "shop.html");
    let findings = result["report"]["findings"].as_array().unwrap();
    let outdated = findings
        .iter()
        .find(|f| f["id"] == "site.snippet_outdated")
        .unwrap_or_else(|| panic!("{findings:?}"));
    assert!(outdated["message"].as_str().unwrap().contains(
        "from version 1; the current version is 2 (Data Memorization was switched on since)"
    ));
    assert_eq!(outdated["evidence"]["line"], 7);
    assert!(result["markdown"]
        .as_str()
        .unwrap()
        .starts_with("# CallPage site check: shop.html\n"));

    // Pasted source, no account.
    let result = t
        .call(
            "site_check",
            json!({ "page": { "from": "text", "text": "<head><title>x</title></head><body>no widget</body>" }, "progress": "__CHANNEL__:4" }),
        )
        .unwrap();
    assert_eq!(result["report"]["findings"][0]["id"], "site.embed_missing");
    assert!(result["title"]
        .as_str()
        .unwrap()
        .starts_with("pasted source"));
}

#[test]
fn bad_inputs_come_back_as_kind_and_message() {
    let t = TestApp::new();
    let dir = t.dir.path();
    let check = |page: Value, har: Option<std::path::PathBuf>| {
        t.call(
            "site_check",
            json!({ "page": page, "har": har, "progress": "__CHANNEL__:5" }),
        )
        .unwrap_err()
    };
    std::fs::write(dir.join("page.gz"), b"\x1f\x8b\x08\x00rest").unwrap();
    let error = check(json!({ "from": "file", "path": dir.join("page.gz") }), None);
    assert_eq!(error["kind"], "diagnose_format");
    assert!(
        error["message"].as_str().unwrap().contains("gzip"),
        "{error}"
    );
    let error = check(json!({ "from": "file", "path": dir }), None);
    assert_eq!(error["kind"], "io");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("not a regular file"),
        "{error}"
    );
    std::fs::write(dir.join("page.html"), page("")).unwrap();
    std::fs::write(
        dir.join("bad.har"),
        r#"{"log": {"entries": [{"response": {"status": "200"}}]}}"#,
    )
    .unwrap();
    let error = check(
        json!({ "from": "file", "path": dir.join("page.html") }),
        Some(dir.join("bad.har")),
    );
    assert_eq!(error["kind"], "diagnose_format");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("bad.har: HAR log.entries[0].response.status"),
        "{error}"
    );
    // The rules list for the window.
    let rules = t.call("site_check_rules", json!({})).unwrap();
    assert!(rules
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["id"] == "site.embed_missing"));
    // Cancel with nothing running is harmless.
    t.call("cancel_site_check", json!({})).unwrap();
}

#[test]
fn the_window_language_gives_a_polish_report() {
    let t = TestApp::new();
    let text = "<head><title>x</title></head><body>no widget</body>";
    let check = |language: Value| {
        t.call(
            "site_check",
            json!({ "page": { "from": "text", "text": text }, "progress": "__CHANNEL__:6", "language": language }),
        )
        .unwrap()
    };
    let pl = check(json!("pl"));
    let finding = &pl["report"]["findings"][0];
    assert_eq!(finding["id"], "site.embed_missing");
    assert!(
        finding["message"]
            .as_str()
            .unwrap()
            .starts_with("Na stronie nie znaleziono kodu widżetu CallPage"),
        "{finding}"
    );
    assert_eq!(pl["title"], "wklejone źródło (51 znaków)");
    assert!(
        pl["markdown"]
            .as_str()
            .unwrap()
            .starts_with("# Sprawdzenie strony CallPage: wklejone źródło (51 znaków)\n"),
        "{}",
        pl["markdown"]
    );
    // Without a language (or with "en"): English, as before.
    let en = check(Value::Null);
    assert_eq!(en, check(json!("en")));
    assert!(en["report"]["findings"][0]["message"]
        .as_str()
        .unwrap()
        .starts_with("No CallPage widget code"));
    assert!(t
        .call(
            "site_check",
            json!({ "page": { "from": "text", "text": text }, "progress": "__CHANNEL__:7", "language": "xx" }),
        )
        .is_err());
}
