//! `cookie-admin-cli audit` on the built binary, with the report files of the diagnostics
//! crate's tests (crates/diagnose/tests/fixtures/audit).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test file: failing loudly is the point

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_cookie-admin-cli");

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../diagnose/tests/fixtures/audit")
        .join(name)
        .to_str()
        .unwrap()
        .to_string()
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// Exit status 2, one line on standard error, nothing on standard output.
fn assert_one_line_error(out: &Output, needle: &str) {
    assert_eq!(out.status.code(), Some(2), "{}", stderr(out));
    let err = stderr(out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("error: ") && err.contains(needle), "{err}");
    assert!(out.stdout.is_empty(), "{}", stdout(out));
}

#[test]
fn a_report_with_errors_exits_1_and_says_what_to_fix() {
    let out = run(&[
        "audit",
        "--report",
        &fixture("cookiebot-problems-cc.js"),
        "--config",
        &fixture("account.json"),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Cookiebot dialog script (cc.js)"), "{text}");
    assert!(
        text.contains("callpage_trace_route") && text.contains("MISSING"),
        "{text}"
    );
    for id in [
        "audit.item_missing",
        "audit.optional_declared_necessary",
        "audit.category_mismatch",
        "audit.stale_item",
        "audit.unknown_callpage_item",
    ] {
        assert!(text.contains(&format!("[{id}]")), "{id}: {text}");
    }
    assert!(
        text.contains("at: line 3, column 3: cookieTableNecessary: cp_tr_#"),
        "{text}"
    );
    assert!(
        text.trim_end().ends_with("2 errors, 5 warnings, 2 notes"),
        "{text}"
    );
}

#[test]
fn a_stored_account_and_a_clean_report_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("accounts.sqlite");
    let db = db.to_str().unwrap();
    let saved = run(&[
        "save",
        "--db",
        db,
        "--account",
        "ACME Ltd",
        "--config",
        &fixture("account.json"),
    ]);
    assert!(saved.status.success(), "{}", stderr(&saved));
    for report in [
        "onetrust-clean.json",
        "cookiebot-clean-declaration.html",
        "ocd-columns-clean.csv",
    ] {
        let out = run(&[
            "audit",
            "--report",
            &fixture(report),
            "--db",
            db,
            "--account",
            "ACME Ltd",
        ]);
        assert_eq!(out.status.code(), Some(0), "{report}: {}", stderr(&out));
        assert!(
            stdout(&out).contains("No problems found"),
            "{report}: {}",
            stdout(&out)
        );
    }
    // The same report against a configuration where Scoring Rules is off: its items are stale
    // (a warning), which does not fail the run.
    let out = run(&[
        "audit",
        "--report",
        &fixture("onetrust-clean.json"),
        "--features",
        "trace_route",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("[audit.stale_item]"));
}

#[test]
fn json_output_has_rows_findings_and_counts() {
    let out = run(&[
        "audit",
        "--report",
        &fixture("onetrust-problems.json"),
        "--config",
        &fixture("account.json"),
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["format"], "onetrust_json");
    assert_eq!(value["counts"]["errors"], 1);
    let rows = value["rows"].as_array().unwrap();
    let count = rows.iter().find(|r| r["name"] == "cp_visit_count").unwrap();
    assert_eq!(count["status"], "declared");
    assert_eq!(
        count["declared"][0]["category"]["raw"],
        "Targeting Cookies (C0004)"
    );
    assert_eq!(
        count["declared"][0]["category"]["mapped"]["category"],
        "marketing"
    );
    assert_eq!(count["findings"][0]["id"], "audit.category_mismatch");
    assert!(count["findings"][0]["evidence"]["line"].as_u64().unwrap() > 1);
}

#[test]
fn an_unknown_csv_asks_for_a_mapping_and_map_reads_it() {
    let out = run(&[
        "audit",
        "--report",
        &fixture("mapped-tab.tsv"),
        "--features",
        "all",
    ]);
    assert_one_line_error(
        &out,
        "--map 'name=Cookie,category=Group,domain=Host,lifetime=Expires'",
    );
    let out = run(&[
        "audit",
        "--report",
        &fixture("mapped-tab.tsv"),
        "--features",
        "trace_route,scoring_rules",
        "--map",
        "name=Cookie,category=Group,domain=Host,lifetime=Expires",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("CSV read through a column mapping"), "{text}");
    assert!(text.contains("[audit.category_mismatch]"), "{text}");
    // A mapping naming a column the file lacks.
    let out = run(&[
        "audit",
        "--report",
        &fixture("mapped-tab.tsv"),
        "--map",
        "name=Cookie name",
    ]);
    assert_one_line_error(&out, "no column 'Cookie name'");
    let out = run(&[
        "audit",
        "--report",
        &fixture("mapped-tab.tsv"),
        "--map",
        "category=Group",
    ]);
    assert_one_line_error(&out, "name=COLUMN");
}

#[test]
fn csv_and_markdown_for_the_customer() {
    let args = |flag: &'static str| {
        vec![
            "audit".to_string(),
            "--report".into(),
            fixture("didomi-problems.csv"),
            "--features".into(),
            "scoring_rules".into(),
            flag.into(),
        ]
    };
    let out = Command::new(BIN).args(args("--csv")).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "warnings only: {}",
        stderr(&out)
    );
    let mut reader = csv::Reader::from_reader(&out.stdout[..]);
    assert_eq!(&reader.headers().unwrap()[0], "Status");
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert!(records
        .iter()
        .any(|r| &r[0] == "stale (feature off)" && &r[2] == "cp_tr_*"));
    assert!(records
        .iter()
        .any(|r| &r[0] == "missing" && &r[2] == "cp_visit_count"));

    let out = Command::new(BIN).args(args("--md")).output().unwrap();
    let md = stdout(&out);
    assert!(
        md.starts_with("# CallPage widget: cookie declaration audit for Example account"),
        "{md}"
    );
    assert!(
        md.contains("| cp_visitor_id | Scoring Rules | declared |"),
        "{md}"
    );
    assert!(md.contains("## What to fix"));
}

#[test]
fn files_that_are_no_report_exit_2_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("photo.csv");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    assert_one_line_error(
        &run(&["audit", "--report", binary.to_str().unwrap()]),
        "binary",
    );
    let xlsx = dir.path().join("report.xlsx");
    std::fs::write(&xlsx, b"PK\x03\x04\x14\0\x06\0").unwrap();
    assert_one_line_error(
        &run(&["audit", "--report", xlsx.to_str().unwrap()]),
        "save the sheet",
    );
    assert_one_line_error(
        &run(&[
            "audit",
            "--report",
            &fixture("didomi-clean.csv"),
            "--format",
            "onetrust",
        ]),
        "looks like CSV",
    );
    assert_one_line_error(
        &run(&[
            "audit",
            "--report",
            dir.path().join("missing.csv").to_str().unwrap(),
        ]),
        "cannot read",
    );
    assert_one_line_error(
        &run(&["audit", "--report", dir.path().to_str().unwrap()]),
        "not a regular file",
    );
    let out = run(&[
        "audit",
        "--report",
        &fixture("didomi-clean.csv"),
        "--format",
        "excel",
    ]);
    assert_eq!(out.status.code(), Some(2), "clap refuses an unknown format");
}

#[test]
fn a_fifo_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let fifo: PathBuf = dir.path().join("report.csv");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let mut child = Command::new(BIN)
        .args(["audit", "--report", fifo.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Opening a FIFO for reading would block until a writer comes: the command must not.
    for _ in 0..100 {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let Some(_) = child.try_wait().unwrap() else {
        child.kill().unwrap();
        panic!("audit blocked on a FIFO");
    };
    let out = child.wait_with_output().unwrap();
    assert_one_line_error(&out, "not a regular file");
}

#[test]
fn report_text_cannot_drive_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("scan.csv");
    std::fs::write(
        &report,
        "Cookie Name,Cookie Domain,Lifetime\ncp_\u{1b}]0;owned\u{7}\u{1b}[2J,callpage.io,60\n",
    )
    .unwrap();
    let out = run(&[
        "audit",
        "--report",
        report.to_str().unwrap(),
        "--features",
        "all",
    ]);
    let text = stdout(&out);
    assert!(text.contains("[audit.unknown_callpage_item]"), "{text}");
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
}

#[test]
fn rules_are_listed() {
    let out = run(&["audit", "--rules", "--json"]);
    assert!(out.status.success());
    let rules: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = rules
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"audit.optional_declared_necessary"));
    assert_eq!(rules[0]["severity"], "error");
    let out = run(&["audit", "--help"]);
    assert!(stdout(&out).contains("--map"));
}

#[test]
fn lang_pl_writes_the_findings_and_the_export_in_polish() {
    let (report, config) = (fixture("cookiebot-problems-cc.js"), fixture("account.json"));
    let args = |extra: &[&str]| {
        let mut args = vec!["audit", "--report", &report, "--config", &config];
        args.extend_from_slice(extra);
        run(&args)
    };
    // English by default, even for an account whose declaration is Polish.
    let mut polish_account: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&config).unwrap()).unwrap();
    polish_account["language"] = "pl".into();
    let polish_config = std::env::temp_dir().join(format!("audit-pl-{}.json", std::process::id()));
    std::fs::write(&polish_config, polish_account.to_string()).unwrap();
    let en = stdout(&run(&[
        "audit",
        "--report",
        &report,
        "--config",
        polish_config.to_str().unwrap(),
        "--md",
    ]));
    std::fs::remove_file(&polish_config).unwrap();
    assert!(
        en.starts_with("# CallPage widget: cookie declaration audit"),
        "{en}"
    );
    let out = args(&["--md", "--lang", "pl"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let md = stdout(&out);
    assert!(
        md.starts_with("# Widżet CallPage: sprawdzenie deklaracji cookies"),
        "{md}"
    );
    assert!(
        md.contains("## Co poprawić") && md.contains("`audit.item_missing`"),
        "{md}"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&args(&["--json", "--lang", "pl"]).stdout).unwrap();
    assert_eq!(json["language"], "pl");
    assert_eq!(json["format_name"], "Skrypt okna Cookiebot (cc.js)");
}
