//! `cookie-admin-cli site-check` on the built binary: real files, a real database, real pipes.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] functions

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_cookie-admin-cli");

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Exit status 2, one line on standard error, nothing on standard output.
fn assert_one_line_error(out: &Output, needle: &str) {
    assert_eq!(out.status.code(), Some(2), "{}", stderr(out));
    let err = stderr(out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("error: ") && err.contains(needle), "{err}");
    assert!(out.stdout.is_empty(), "{}", stdout(out));
}

/// A page with Cookiebot (manual blocking mode) and `snippet` after it.
fn cookiebot_page(snippet: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>ACME</title>\n\
         <script id=\"Cookiebot\" src=\"https://consent.cookiebot.com/uc.js\" data-cbid=\"00000000-0000-0000-0000-000000000000\" type=\"text/javascript\"></script>\n\
         {snippet}</head>\n<body><p>Call us</p></body>\n</html>\n"
    )
}

struct Setup {
    _dir: tempfile::TempDir,
    dir: PathBuf,
    db: PathBuf,
    v1: PathBuf,
    v2: PathBuf,
}

/// ACME: version 1 Trace Route on Cookiebot, version 2 with Data Memorization switched on.
fn setup() -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    let db = dir.join("cookie-admin.sqlite");
    let v1 = dir.join("v1.json");
    let v2 = dir.join("v2.json");
    std::fs::write(
        &v1,
        ok(&["init", "--features", "trace_route", "--cmp", "cookiebot"]),
    )
    .unwrap();
    std::fs::write(
        &v2,
        ok(&[
            "init",
            "--features",
            "trace_route,data_memorization",
            "--cmp",
            "cookiebot",
        ]),
    )
    .unwrap();
    for (file, note) in [(&v1, "start"), (&v2, "memorise")] {
        ok(&[
            "save",
            "--db",
            s(&db),
            "--account",
            "ACME",
            "--config",
            s(file),
            "--note",
            note,
        ]);
    }
    Setup {
        _dir: tmp,
        dir,
        db,
        v1,
        v2,
    }
}

fn snippet_of(config: &Path) -> String {
    ok(&["snippet", "--config", s(config), "--cmp", "cookiebot"])
}

#[test]
fn an_old_snippet_is_traced_to_its_version_and_exits_1() {
    let t = setup();
    let page = t.dir.join("shop.html");
    std::fs::write(&page, cookiebot_page(&snippet_of(&t.v1))).unwrap();
    let out = run(&[
        "site-check",
        "--page",
        s(&page),
        "--db",
        s(&t.db),
        "--account",
        "ACME",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("error   [site.snippet_outdated] line 7:1"),
        "{text}"
    );
    assert!(
        text.contains("snippet for Cookiebot from version 1; the current version is 2 (Data Memorization was switched on since)"),
        "{text}"
    );
    assert!(text.contains("| <!-- callpage-snippet {"), "{text}");
    assert!(text.contains("1 error, 0 warnings, 0 notes"), "{text}");
    assert!(
        text.contains("Cookiebot script"),
        "the page summary lists what was found: {text}"
    );

    // The same as JSON.
    let out = run(&[
        "site-check",
        "--page",
        s(&page),
        "--db",
        s(&t.db),
        "--account",
        "ACME",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["errors"], 1);
    let finding = &json["findings"][0];
    assert_eq!(finding["id"], "site.snippet_outdated");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["evidence"]["line"], 7);
    assert_eq!(json["summary"]["account"], "ACME (version 2)");
}

#[test]
fn the_current_snippet_passes_and_reads_from_standard_input() {
    let t = setup();
    let page = cookiebot_page(&snippet_of(&t.v2));
    let out = run_stdin(
        &[
            "site-check",
            "--page",
            "-",
            "--db",
            s(&t.db),
            "--account",
            "ACME",
        ],
        page.as_bytes(),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}\n{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(
        stdout(&out).ends_with("No problems found.\n"),
        "{}",
        stdout(&out)
    );
    // Against a configuration file of another account the same page is someone else's.
    let other = t.dir.join("other.json");
    let text = std::fs::read_to_string(&t.v2)
        .unwrap()
        .replace("\"my-account\"", "\"other-widget\"");
    std::fs::write(&other, text).unwrap();
    let out = run_stdin(
        &["site-check", "--page", "-", "--config", s(&other)],
        page.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("[site.snippet_other_account]"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn markdown_report_and_rules() {
    let t = setup();
    let page = t.dir.join("shop.html");
    std::fs::write(&page, cookiebot_page("")).unwrap();
    let out = run(&["site-check", "--page", s(&page), "--markdown"]);
    assert_eq!(out.status.code(), Some(1));
    let md = stdout(&out);
    assert!(md.starts_with("# CallPage site check: shop.html\n"), "{md}");
    assert!(
        md.contains("## Errors") && md.contains("`site.embed_missing`"),
        "{md}"
    );
    let rules = ok(&["site-check", "--rules"]);
    for id in [
        "site.embed_missing",
        "site.gcm_default_late",
        "site.har_widget_failed",
    ] {
        assert!(rules.contains(id), "{rules}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["site-check", "--rules", "--json"])).unwrap();
    assert!(json
        .as_array()
        .unwrap()
        .iter()
        .all(|r| !r["sources"].as_array().unwrap().is_empty()));
    assert!(ok(&["site-check", "--help"]).contains("--har <FILE>"));
}

#[test]
fn a_har_recording_is_read_and_judged() {
    let t = setup();
    let page = t.dir.join("shop.html");
    std::fs::write(&page, cookiebot_page(&snippet_of(&t.v2))).unwrap();
    let har = t.dir.join("shop.har");
    let entries = serde_json::json!({"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"}, "entries": [
        {"startedDateTime": "2026-03-01T10:00:00.000Z", "request": {"method": "GET", "url": "https://acme.example/", "headers": [], "cookies": []}, "response": {"status": 200, "content": {"text": "<html></html>"}}},
        {"startedDateTime": "2026-03-01T10:00:01.000Z", "request": {"method": "GET", "url": "https://consent.cookiebot.com/uc.js", "headers": [], "cookies": []}, "response": {"status": 200}},
        {"startedDateTime": "2026-03-01T10:00:02.000Z", "request": {"method": "GET", "url": "https://cdn-widget.callpage.io/build/js/callpage.js?v=1", "headers": [], "cookies": []}, "response": {"status": 0, "_error": "net::ERR_BLOCKED_BY_CLIENT"}}
    ]}});
    std::fs::write(&har, entries.to_string()).unwrap();
    let out = run(&[
        "site-check",
        "--page",
        s(&page),
        "--har",
        s(&har),
        "--db",
        s(&t.db),
        "--account",
        "ACME",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("[site.har_widget_failed]") && text.contains("net::ERR_BLOCKED_BY_CLIENT"),
        "{text}"
    );
    assert!(
        text.contains("| #3 GET https://cdn-widget.callpage.io/build/js/callpage.js?v=1"),
        "{text}"
    );
    // A HAR with a wrong type is refused, naming the path, exit 2.
    std::fs::write(
        &har,
        r#"{"log": {"entries": [{"response": {"status": "200"}}]}}"#,
    )
    .unwrap();
    let out = run(&["site-check", "--page", s(&page), "--har", s(&har)]);
    assert_one_line_error(&out, "log.entries[0].response.status");
}

#[test]
fn bad_inputs_exit_2_with_one_line() {
    let t = setup();
    let binary = t.dir.join("page.bin");
    std::fs::write(&binary, (0u8..=255).cycle().take(8192).collect::<Vec<u8>>()).unwrap();
    assert_one_line_error(&run(&["site-check", "--page", s(&binary)]), "binary");
    let gz = t.dir.join("page.html.gz");
    std::fs::write(&gz, b"\x1f\x8b\x08\x00\x00\x00\x00\x00").unwrap();
    assert_one_line_error(&run(&["site-check", "--page", s(&gz)]), "gzip");
    assert_one_line_error(
        &run(&["site-check", "--page", s(&t.dir.join("missing.html"))]),
        "missing.html",
    );
    assert_one_line_error(
        &run(&["site-check", "--page", s(&t.dir)]),
        "not a regular file",
    );
    let fifo = t.dir.join("page.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    assert_one_line_error(
        &run(&["site-check", "--page", s(&fifo)]),
        "not a regular file",
    );
    let page = t.dir.join("shop.html");
    std::fs::write(&page, cookiebot_page("")).unwrap();
    assert_one_line_error(
        &run(&["site-check", "--page", s(&page), "--har", s(&fifo)]),
        "not a regular file",
    );
    assert_one_line_error(
        &run(&[
            "site-check",
            "--page",
            s(&page),
            "--db",
            s(&t.db),
            "--account",
            "Nobody",
        ]),
        "Nobody",
    );
    assert_one_line_error(
        &run(&["site-check", "--page", "-", "--har", "-"]),
        "standard input",
    );
    let out = run(&["site-check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--page"), "{}", stderr(&out));
}

#[test]
fn page_text_cannot_drive_the_terminal() {
    let t = setup();
    let page = t.dir.join("evil.html");
    let evil = "<head><script id=\"Cookiebot\" src=\"https://consent.cookiebot.com/uc.js\" data-blockingmode=\"auto\"></script>\
                <script type=\"text/plain\" data-cookieconsent=\"\u{1b}]0;pwned\u{7}\u{1b}[2J\">x()</script></head>";
    std::fs::write(&page, evil).unwrap();
    let out = run(&["site-check", "--page", s(&page)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert!(text.contains("␛]0;pwned␇"), "{text}");
}

#[test]
fn lang_pl_writes_the_findings_the_summary_and_the_report_in_polish() {
    let t = setup();
    let page = t.dir.join("shop.html");
    std::fs::write(&page, cookiebot_page(&snippet_of(&t.v1))).unwrap();
    let args = [
        "site-check",
        "--page",
        s(&page),
        "--db",
        s(&t.db),
        "--account",
        "ACME",
        "--lang",
        "pl",
    ];
    let out = run(&args);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    // Ids and severities stay; the words are Polish, with the counts' Polish forms.
    assert!(
        text.contains("error   [site.snippet_outdated] wiersz 7:1"),
        "{text}"
    );
    assert!(
        text.contains("Na tej stronie jest kod konta ACME dla Cookiebot z wersji 1; bieżąca wersja to 2 (od tamtej pory: włączono "),
        "{text}"
    );
    assert!(text.contains("jak naprawić: Skopiuj bieżący kod"), "{text}");
    assert!(text.contains("Skrypt Cookiebot"), "{text}");
    assert!(text.contains("1 błąd, 0 ostrzeżeń, 0 uwag"), "{text}");
    assert!(!text.contains("the current version"), "{text}");

    let mut markdown = args.to_vec();
    markdown.push("--markdown");
    let md = stdout(&run(&markdown));
    assert!(
        md.starts_with("# Sprawdzenie strony CallPage: shop.html\n"),
        "{md}"
    );
    assert!(md.contains("## Błędy"), "{md}");
    assert!(md.contains("   - Reguła: `site.snippet_outdated`"), "{md}");

    let mut json = args.to_vec();
    json.push("--json");
    let json: serde_json::Value = serde_json::from_slice(&run(&json).stdout).unwrap();
    assert_eq!(json["findings"][0]["id"], "site.snippet_outdated");
    assert_eq!(json["summary"]["account"], "ACME (wersja 2)");

    // English is the default, and `--lang en` is the same.
    let mut en = args.to_vec();
    *en.last_mut().unwrap() = "en";
    assert_eq!(stdout(&run(&en)), stdout(&run(&args[..args.len() - 2])));

    // An unknown language is refused before anything is read.
    let mut bad = args.to_vec();
    *bad.last_mut().unwrap() = "xx";
    let out = run(&bad);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}
