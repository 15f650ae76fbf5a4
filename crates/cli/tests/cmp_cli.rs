//! The CMP subcommands (`cmps`, `snippet`, `declaration`, `mapping`) run as a user would.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_cookie-admin-cli");

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn cmps_lists_every_target() {
    let out = run(&["cmps", "--json"]);
    assert!(out.status.success());
    let list: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 18);
    assert_eq!(list[2]["id"], "cookiebot");
    // Each entry is the adapter's facts, automatic blocking included.
    assert_eq!(list[2]["auto_blocking"]["kind"], "mode");
    assert_eq!(list[2]["auto_blocking"]["default_mode"], "manual");
    assert_eq!(list[11]["id"], "termly");
    assert_eq!(list[11]["auto_blocking"]["default_mode"], "auto");
    assert_eq!(list[11]["placement"], "before_cmp");
    assert!(list[2]["docs"][0].as_str().unwrap().starts_with("https://"));
    let table = stdout(&run(&["cmps"]));
    assert!(table.contains("tarteaucitron.js") && table.contains("Usercentrics"));
    assert!(table.contains("mode (default on)"), "{table}");
}

#[test]
fn value_lists_in_the_help_come_from_the_enums() {
    let help = stdout(&run(&["snippet", "--help"]));
    let flat = help.split_whitespace().collect::<Vec<_>>().join(" ");
    for id in cookie_admin_core::CmpId::ALL.map(cookie_admin_core::CmpId::id) {
        assert!(flat.contains(id), "{id} missing from --cmp help");
    }
    assert!(
        flat.contains("trace_route, scoring_rules, data_memorization"),
        "{flat}"
    );
    assert!(flat.contains("auto, manual"), "{flat}");
    assert!(flat.contains("en, pl"), "{flat}");
}

#[test]
fn blocking_mode_flag_changes_the_steps_and_the_checks() {
    let auto = stdout(&run(&[
        "snippet",
        "--features",
        "all",
        "--cmp",
        "osano",
        "--blocking-mode",
        "auto",
    ]));
    assert!(auto.contains("cdn-widget.callpage.io as Essential"));
    let manual = stdout(&run(&[
        "snippet",
        "--features",
        "all",
        "--cmp",
        "osano",
        "--blocking-mode",
        "manual",
    ]));
    assert!(!manual.contains("cdn-widget.callpage.io as Essential"));
    let check = stdout(&run(&[
        "check",
        "--features",
        "all",
        "--cmp",
        "osano",
        "--domain",
        "acme.pl",
        "--json",
    ]));
    assert!(check.contains("blocking_mode_unknown"), "{check}");
    let out = run(&["check", "--cmp", "osano", "--blocking-mode", "sometimes"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("auto, manual"));
}

#[test]
fn a_hostile_service_name_is_refused_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.json");
    std::fs::write(
        &path,
        r#"{"schema_version":1,"account":{"id":"acme","name":"ACME"},"features":["trace_route"],
           "cmp_settings":{"service_name":"x\"><img src=x onerror=alert(1)>"}}"#,
    )
    .unwrap();
    let out = run(&[
        "snippet",
        "--config",
        path.to_str().unwrap(),
        "--cmp",
        "tarteaucitron",
    ]);
    assert_ne!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cmp_settings.service_name"), "{err}");
    assert!(!err.contains("onerror"), "the value is not echoed: {err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn the_snippet_carries_its_marker() {
    let out = run(&[
        "snippet",
        "--features",
        "all",
        "--cmp",
        "cookiebot",
        "--json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["marker"]["target"], "cookiebot");
    assert_eq!(json["marker"]["account"], "example");
    let html = json["html"].as_str().unwrap();
    let found = cookie_admin_core::cmp::marker::find_markers(html);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].intact, Some(true));
}

#[test]
fn snippet_for_a_cmp_and_errors() {
    let out = run(&["snippet", "--features", "all", "--cmp", "onetrust"]);
    assert!(out.status.success());
    let html = stdout(&out);
    assert!(html.contains("class=\"optanon-category-C0002\""));
    assert!(html.contains("cdn-widget.callpage.io/build/js/callpage.js"));

    let none = stdout(&run(&[
        "snippet",
        "--features",
        "none",
        "--cmp",
        "onetrust",
    ]));
    assert!(none.contains("needs no consent setting"));
    assert!(!none.contains("consent bridge"));

    let out = run(&["snippet", "--features", "all"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cmp"));

    let out = run(&["snippet", "--cmp", "nope"]);
    assert_eq!(out.status.code(), Some(2));

    let json: serde_json::Value = serde_json::from_str(&stdout(&run(&[
        "snippet",
        "--features",
        "all",
        "--cmp",
        "gcm",
        "--json",
    ])))
    .unwrap();
    assert_eq!(json["cmp"], "gcm");
    assert_eq!(json["nothing_to_do"], false);
    assert!(json["steps"].as_array().unwrap().len() >= 3);
}

#[test]
fn snippet_all_writes_one_file_per_target() {
    let dir = std::env::temp_dir().join(format!("cookie-admin-snippets-{}", std::process::id()));
    let out = run(&[
        "snippet",
        "--features",
        "all",
        "--all",
        "--out-dir",
        dir.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let count = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(count, 18);
    assert!(std::fs::read_to_string(dir.join("klaro.html"))
        .unwrap()
        .contains("data-name=\"callpage\""));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn declaration_formats_and_languages() {
    let html = stdout(&run(&["declaration", "--features", "all"]));
    assert!(html.starts_with("<section class=\"callpage-cookie-declaration\" lang=\"en\">"));
    let md = stdout(&run(&[
        "declaration",
        "--features",
        "all",
        "--lang",
        "pl",
        "--format",
        "md",
    ]));
    assert!(md.contains("### Analityczne"));
    let csv = stdout(&run(&[
        "declaration",
        "--features",
        "trace_route",
        "--format",
        "csv",
    ]));
    assert_eq!(csv.lines().count(), 1 + 1 + 2, "{csv}");
    let out = run(&["declaration", "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn mapping_for_one_all_and_tcf() {
    let one = stdout(&run(&[
        "mapping",
        "--features",
        "all",
        "--cmp",
        "cookiebot",
        "--format",
        "csv",
    ]));
    assert_eq!(one.lines().count(), 1 + 6, "{one}");
    assert!(one.contains(
        "cp_visitor_id,http_cookie,scoring_rules,analytics,cookiebot,statistics,Statistics"
    ));
    let all = stdout(&run(&[
        "mapping",
        "--features",
        "all",
        "--cmp",
        "all",
        "--format",
        "json",
    ]));
    let rows: serde_json::Value = serde_json::from_str(&all).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 6 * 18);
    let tcf: serde_json::Value = serde_json::from_str(&stdout(&run(&[
        "mapping",
        "--features",
        "all",
        "--format",
        "tcf",
    ])))
    .unwrap();
    assert_eq!(tcf["disclosures"].as_array().unwrap().len(), 6);
    let out = run(&["mapping", "--features", "all", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(2), "no CMP chosen");
}

#[test]
fn snippet_steps_follow_lang_and_the_code_does_not() {
    let args = |lang: &str| {
        run(&[
            "snippet",
            "--features",
            "all",
            "--cmp",
            "osano",
            "--lang",
            lang,
            "--json",
        ])
    };
    let parse = |out: Output| -> serde_json::Value {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let en = parse(args("en"));
    let pl = parse(args("pl"));
    let first = |v: &serde_json::Value| v["steps"][0].as_str().unwrap().to_string();
    assert!(
        first(&en).starts_with("Paste this into the <head>"),
        "{}",
        first(&en)
    );
    assert!(
        first(&pl).starts_with("Wklej ten kod do sekcji <head>"),
        "{}",
        first(&pl)
    );
    // The code after the leading comment is the same in both languages.
    let code = |v: &serde_json::Value| {
        let html = v["html"].as_str().unwrap().to_string();
        html.splitn(3, "-->\n").nth(2).unwrap().to_string()
    };
    assert_eq!(code(&en), code(&pl));
}
