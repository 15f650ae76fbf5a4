//! The declaration audit commands through the IPC layer on Tauri's mock runtime (no display):
//! a report is audited against an unsaved configuration, a CSV the audit does not recognise
//! asks for its columns and the choice is remembered per header, the result is saved for the
//! customer, and what is no regular file is refused.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test file: failing loudly is the point

mod common;

use std::path::{Path, PathBuf};

use common::*;
use serde_json::{json, Value};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../crates/diagnose/tests/fixtures/audit")
        .join(name)
}

fn config(features: &[&str]) -> Value {
    json!({
        "schema_version": 1,
        "account": { "id": "acme", "name": "ACME Ltd" },
        "features": features,
        "cmp": "cookiebot",
    })
}

#[test]
fn a_report_is_audited_against_the_unsaved_configuration() {
    let t = TestApp::new();
    let response = t.ok(
        "audit_report",
        json!({ "path": fixture("cookiebot-problems-cc.js"), "config": config(&["trace_route", "scoring_rules"]) }),
    );
    assert_eq!(response["status"], "done");
    let result = &response["result"];
    assert_eq!(result["format"], "cookiebot_script");
    assert_eq!(result["counts"]["errors"], 2);
    let missing = result["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "callpage_trace_route")
        .unwrap();
    assert_eq!(missing["status"], "missing");
    assert_eq!(missing["findings"][0]["id"], "audit.item_missing");

    // Another configuration (nothing on): the same report's optional items are all stale.
    let response = t.ok(
        "audit_report",
        json!({ "path": fixture("cookiebot-problems-cc.js"), "config": config(&[]), "format": "cookiebot" }),
    );
    let rows = response["result"]["rows"].as_array().unwrap();
    assert!(rows
        .iter()
        .filter(|r| r["feature"] != "core")
        .all(|r| r["status"] == "stale"));
}

#[test]
fn an_unknown_csv_asks_for_columns_once_per_header() {
    let t = TestApp::new();
    let report = fixture("mapped-tab.tsv");
    let first = t.ok(
        "audit_report",
        json!({ "path": report, "config": config(&["trace_route", "scoring_rules"]) }),
    );
    assert_eq!(first["status"], "needs_mapping", "{first}");
    assert_eq!(
        first["headers"],
        json!(["Cookie", "Group", "Expires", "Host"])
    );
    assert_eq!(first["suggestion"]["name"], "Cookie");
    let mapping = json!({ "name": "Cookie", "category": "Group", "lifetime": "Expires" });
    let mapped = t.ok(
        "audit_report",
        json!({ "path": report, "config": config(&["trace_route", "scoring_rules"]), "mapping": mapping }),
    );
    assert_eq!(mapped["status"], "done");
    assert_eq!(mapped["remembered"], false);
    assert_eq!(mapped["result"]["format"], "mapped_csv");
    // The settings hold it under the header; the next file with the same columns uses it.
    let settings = t.ok("get_settings", json!({}));
    assert_eq!(
        settings["audit_mappings"]["cookie|group|expires|host"],
        mapping
    );
    let copy = t.path("another-export.tsv");
    std::fs::copy(&report, &copy).unwrap();
    let again = t.ok(
        "audit_report",
        json!({ "path": copy, "config": config(&["trace_route", "scoring_rules"]) }),
    );
    assert_eq!(again["status"], "done", "{again}");
    assert_eq!(again["remembered"], true);
    assert_eq!(again["mapping"], mapping);
}

#[test]
fn the_result_is_saved_for_the_customer() {
    let t = TestApp::new();
    let config = config(&["trace_route", "scoring_rules"]);
    for (export, name) in [("csv", "audit.csv"), ("md", "audit.md")] {
        let target = t.path(name);
        t.ok(
            "save_audit",
            json!({ "path": fixture("onetrust-problems.json"), "config": config, "export": export, "target": target }),
        );
        let text = std::fs::read_to_string(&target).unwrap();
        assert!(text.contains("audit.category_unknown"), "{export}: {text}");
    }
    let md = std::fs::read_to_string(t.path("audit.md")).unwrap();
    assert!(md.starts_with("# CallPage widget: cookie declaration audit for ACME Ltd"));
    let error = t
        .call(
            "save_audit",
            json!({ "path": fixture("onetrust-problems.json"), "config": config, "export": "pdf", "target": t.path("x.pdf") }),
        )
        .unwrap_err();
    assert_eq!(error["kind"], "diagnose_format");
    assert!(!t.path("x.pdf").exists());
}

#[test]
fn unreadable_reports_and_non_regular_files_are_refused_with_kind_and_message() {
    let t = TestApp::new();
    let config = config(&["trace_route"]);
    let error = t
        .call(
            "audit_report",
            json!({ "path": t.dir.path(), "config": config }),
        )
        .unwrap_err();
    assert_eq!(error["kind"], "io");
    assert!(error["message"]
        .as_str()
        .unwrap()
        .contains("not a regular file"));

    let binary = t.path("report.csv");
    std::fs::write(&binary, b"\0\x01\x02binary").unwrap();
    let error = t
        .call("audit_report", json!({ "path": binary, "config": config }))
        .unwrap_err();
    assert_eq!(error["kind"], "diagnose_format");
    assert!(error["message"].as_str().unwrap().contains("binary"));

    let error = t
        .call(
            "audit_report",
            json!({ "path": fixture("didomi-clean.csv"), "config": config, "format": "onetrust" }),
        )
        .unwrap_err();
    assert_eq!(error["kind"], "diagnose_format");
    let error = t
        .call(
            "audit_report",
            json!({ "path": fixture("didomi-clean.csv"), "config": { "schema_version": 1 } }),
        )
        .unwrap_err();
    assert_eq!(error["kind"], "config_format");
}
