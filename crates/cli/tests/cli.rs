//! Runs the built `cookie-admin-cli` binary as a user would.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] functions

use std::io::Write;
use std::process::{Command, Output, Stdio};

use cookie_admin_core::catalog::DEFAULT_CATALOG_JSON;
use cookie_admin_core::{AccountConfig, Catalog, CmpId, Feature};

const BIN: &str = env!("CARGO_BIN_EXE_cookie-admin-cli");

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn run_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// The error contract: exit status 2, exactly one line on standard error, nothing on stdout.
fn assert_one_line_error(out: &Output, needle: &str) {
    assert_eq!(out.status.code(), Some(2), "{}", stderr(out));
    let err = stderr(out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains(needle), "{err}");
    assert!(out.stdout.is_empty());
}

fn write_temp(text: &str) -> tempfile::NamedTempFile {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(text.as_bytes()).unwrap();
    file
}

#[test]
fn every_subcommand_has_help() {
    for sub in ["init", "cookies", "matrix", "check", "summary"] {
        let out = run(&[sub, "--help"]);
        assert!(out.status.success(), "{sub}");
        let help = stdout(&out);
        for flag in ["--config", "--features", "--cmp", "--catalog"] {
            assert!(help.contains(flag), "{sub} --help lacks {flag}:\n{help}");
        }
    }
    let out = run(&["--help"]);
    assert!(out.status.success());
    for sub in ["init", "cookies", "matrix", "check", "summary"] {
        assert!(stdout(&out).contains(sub));
    }
    assert!(run(&["--version"]).status.success());
}

#[test]
fn init_prints_the_vendor_default_as_valid_json() {
    let out = run(&["init", "--account-id", "acme", "--account-name", "ACME Ltd"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let config = AccountConfig::from_json(&stdout(&out)).unwrap();
    let mut expected = AccountConfig::vendor_default(Catalog::embedded(), "acme", "ACME Ltd");
    assert_eq!(config, expected);
    let out = run(&[
        "init",
        "--features",
        "trace_route",
        "--cmp",
        "cookiebot",
        "--domain",
        "acme.pl",
    ]);
    let config = AccountConfig::from_json(&stdout(&out)).unwrap();
    expected.features = [Feature::TraceRoute].into_iter().collect();
    assert!(config.is_enabled(Feature::TraceRoute));
    assert_eq!(config.cmp, Some(CmpId::Cookiebot));
    assert_eq!(config.domains, vec!["acme.pl".to_string()]);
}

#[test]
fn init_output_passes_check() {
    let init = run(&["init"]);
    let out = run_stdin(&["check", "--config", "-"], &stdout(&init));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("No problems found"));
}

#[test]
fn cookies_with_nothing_on_says_nothing_to_do() {
    let out = run(&["cookies"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("needs no change"), "{text}");
    assert!(text.contains("vendor's declaration"), "{text}");
    let out = run(&["cookies", "--features", "none", "--json"]);
    assert_eq!(stdout(&out).trim(), "[]");
}

#[test]
fn cookies_table_json_and_csv_list_the_enabled_features() {
    let args = ["cookies", "--features", "trace_route,data_memorization"];
    let table = stdout(&run(&args));
    assert!(table.contains("cp_tr_*"), "{table}");
    assert!(table.contains("callpage_form_data"), "{table}");
    assert!(!table.contains("cp_visitor_id"), "{table}");
    assert!(!table.contains("callpage-widget-version"), "{table}");

    let json: serde_json::Value =
        serde_json::from_str(&stdout(&run(&[&args[..], &["--json"]].concat()))).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert!(rows
        .iter()
        .all(|r| r["feature"] != "scoring_rules" && r["category"] == "analytics"));

    let csv_text = stdout(&run(&[&args[..], &["--csv", "--include-core"]].concat()));
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "feature");
    assert!(headers.iter().any(|h| h == "personal_data"));
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(records.len(), 4);
    assert_eq!(&records[0][0], "core");
    let out = run(&["cookies", "--json", "--csv"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn matrix_shows_every_state() {
    let out = run(&["matrix", "--features", "scoring_rules"]);
    assert!(out.status.success());
    let text = stdout(&out);
    for label in [
        "No decision yet",
        "Rejected all",
        "Accepted Analytics only",
        "Accepted all",
        "Withdrawn after accepting",
    ] {
        assert!(text.contains(label), "{text}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&run(&["matrix", "--json", "--features", "all"]))).unwrap();
    assert_eq!(json["states"].as_array().unwrap().len(), 5);
    assert_eq!(json["states"][0]["state"], "no_decision");
}

#[test]
fn check_exit_status_follows_errors() {
    let ok = run(&[
        "check",
        "--features",
        "scoring_rules",
        "--cmp",
        "cookiebot",
        "--domain",
        "acme.pl",
    ]);
    assert_eq!(ok.status.code(), Some(0), "{}", stdout(&ok));
    let bad = run(&["check", "--features", "trace_route"]);
    assert_eq!(bad.status.code(), Some(1));
    let text = stdout(&bad);
    assert!(text.contains("[no_cmp]") && text.contains("fix:"), "{text}");
    let json = run(&["check", "--features", "trace_route", "--json"]);
    assert_eq!(json.status.code(), Some(1));
    let findings: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert!(findings
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["id"] == "no_cmp" && f["severity"] == "error" && f["field"] == "cmp"));
}

#[test]
fn check_deny_warnings_and_rules() {
    let mut config = AccountConfig::vendor_default(Catalog::embedded(), "acme", "ACME");
    config.features = [Feature::ScoringRules].into_iter().collect();
    config.cmp = Some(CmpId::Didomi);
    config.domains = vec!["acme.pl".into()];
    config.consent_mode.wait_for_update_ms = Some(100);
    let file = write_temp(&config.to_json_pretty());
    let path = file.path().to_str().unwrap();
    let out = run(&["check", "--config", path]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("wait_for_update_too_short"));
    let out = run(&["check", "--config", path, "--deny-warnings"]);
    assert_eq!(out.status.code(), Some(1));
    let rules = run(&["check", "--rules"]);
    assert!(rules.status.success());
    assert!(stdout(&rules).contains("feature_categorised_necessary"));
}

#[test]
fn lang_pl_prints_the_checks_the_verdict_and_the_matrix_in_polish() {
    let out = run(&["check", "--features", "trace_route", "--lang", "pl"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    // Ids and fields stay as they are; the words are Polish.
    assert!(
        text.contains("[no_cmp] cmp: Funkcje opcjonalne są włączone"),
        "{text}"
    );
    assert!(text.contains("Wybierz platformę CMP"), "{text}");
    let out = run(&["check", "--features", "trace_route"]);
    assert!(stdout(&out).contains("Optional features are on"));

    let text = stdout(&run(&[
        "cookies",
        "--features",
        "trace_route",
        "--lang",
        "pl",
    ]));
    assert!(
        text.starts_with("Wymagane działanie: włączona jest funkcja"),
        "{text}"
    );
    let text = stdout(&run(&[
        "matrix",
        "--features",
        "scoring_rules",
        "--lang",
        "pl",
    ]));
    assert!(
        text.contains("Brak decyzji") && text.contains("Zaakceptowano wszystkie"),
        "{text}"
    );
    let summary: serde_json::Value = serde_json::from_str(&stdout(&run(&[
        "summary",
        "--features",
        "all",
        "--lang",
        "pl",
    ])))
    .unwrap();
    assert_eq!(summary["verdict"]["language"], "pl");
    assert!(summary["findings"][0]["message"]
        .as_str()
        .unwrap()
        .starts_with("Funkcje opcjonalne"));
    let rules = stdout(&run(&["check", "--rules", "--lang", "pl"]));
    assert!(rules.contains("Nazwa konta jest pusta."), "{rules}");
}

#[test]
fn flags_override_a_config_file() {
    let mut config = AccountConfig::vendor_default(Catalog::embedded(), "acme", "ACME");
    config.features = Feature::ALL.into_iter().collect();
    let file = write_temp(&config.to_json_pretty());
    let path = file.path().to_str().unwrap();
    let out = run(&["cookies", "--config", path, "--features", "none", "--json"]);
    assert_eq!(stdout(&out).trim(), "[]");
    let out = run(&["cookies", "--config", path, "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 5);
}

#[test]
fn bad_input_is_one_line_on_stderr_with_status_2() {
    let out = run_stdin(
        &["check", "--config", "-"],
        r#"{"schema_version":1,"account":{"id":"a","name":"A"},"cmp":"cookiebott"}"#,
    );
    assert_one_line_error(&out, "cmp");
    let out = run_stdin(
        &["cookies", "-c", "-"],
        "{\"schema_version\":1,\n\"account\":{\"id\":\"a\",\"name\":\"A\"},\n\"colour\":1}",
    );
    assert_one_line_error(&out, "colour");
    assert_one_line_error(
        &run_stdin(&["matrix", "--config", "-"], "not json"),
        "configuration",
    );
    assert_one_line_error(
        &run(&["check", "--config", "/no/such/file.json"]),
        "/no/such/file.json",
    );
    assert_one_line_error(&run(&["cookies", "--cmp", "nope"]), "unknown CMP 'nope'");
    assert_one_line_error(&run(&["cookies", "--features", "tracking"]), "trace_route");
    assert_one_line_error(&run(&["cookies", "--lang", "de"]), "language");
    assert_one_line_error(&run(&["cookies", "--features", "none,trace_route"]), "none");
}

#[test]
fn a_newer_catalog_can_be_loaded_and_a_bad_one_is_refused() {
    let newer = DEFAULT_CATALOG_JSON
        .replace("cp_visitor_id", "cp_visitor_v2")
        .replace("2026.11.0", "2027.01.0");
    let file = write_temp(&newer);
    let path = file.path().to_str().unwrap();
    let out = run(&["cookies", "--catalog", path, "--features", "scoring_rules"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("cp_visitor_v2") && text.contains("2027.01.0"),
        "{text}"
    );

    let broken =
        DEFAULT_CATALOG_JSON.replacen("\"schema_version\": 1", "\"schema_version\": 99", 1);
    let file = write_temp(&broken);
    let out = run(&["cookies", "--catalog", file.path().to_str().unwrap()]);
    assert_one_line_error(&out, "schema_version");
}
