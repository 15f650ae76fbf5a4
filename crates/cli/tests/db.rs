//! Runs the built `cookie-admin-cli` binary against real database files: save, import,
//! export, accounts, history, diff, restore, and `--db --account` as a configuration source.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] functions

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_cookie-admin-cli");

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("USER", "tester")
        .output()
        .unwrap()
}

fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The error contract: exit status 2, exactly one line on standard error, nothing on stdout.
fn fails(args: &[&str], needles: &[&str]) {
    let out = run(args);
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("error: "), "{err}");
    for needle in needles {
        assert!(err.contains(needle), "'{needle}' not in: {err}");
    }
    assert!(out.stdout.is_empty());
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A database with account ACME at versions 1 (nothing on) and 2 (trace route, Cookiebot).
fn seeded(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("cookies.sqlite");
    let v1 = dir.join("v1.json");
    std::fs::write(&v1, ok(&["init"])).unwrap();
    let v2 = dir.join("v2.json");
    std::fs::write(
        &v2,
        ok(&[
            "init",
            "--features",
            "trace_route",
            "--cmp",
            "cookiebot",
            "--domain",
            "acme.example",
        ]),
    )
    .unwrap();
    ok(&[
        "save",
        "--db",
        s(&db),
        "--account",
        "ACME",
        "--config",
        s(&v1),
        "--note",
        "start",
    ]);
    ok(&[
        "save",
        "--db",
        s(&db),
        "--account",
        "ACME",
        "--config",
        s(&v2),
        "--note",
        "trace",
        "--author",
        "alice",
    ]);
    db
}

#[test]
fn new_subcommands_have_help() {
    for sub in [
        "save", "import", "export", "accounts", "history", "diff", "restore", "account",
    ] {
        let out = ok(&[sub, "--help"]);
        assert!(out.contains("--db"), "{sub}: {out}");
        assert!(out.contains("Example"), "{sub}: {out}");
    }
    assert!(ok(&["cookies", "--help"]).contains("--account"));
}

#[test]
fn save_history_accounts_diff_restore() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());

    let history = ok(&["history", "--db", s(&db), "--account", "acme"]);
    // Without --author: the OS account's full name (GECOS), else its login name.
    let os_name = cookie_admin_store::default_author();
    assert!(
        history.contains(&os_name) && history.contains("alice"),
        "{history}"
    );
    assert!(
        history.contains("start") && history.contains("trace"),
        "{history}"
    );

    let list = ok(&["accounts", "--db", s(&db)]);
    assert!(
        list.contains("ACME") && list.contains("cookiebot"),
        "{list}"
    );
    let json: serde_json::Value = serde_json::from_str(&ok(&[
        "accounts",
        "--db",
        s(&db),
        "--json",
        "--feature",
        "trace_route",
    ]))
    .unwrap();
    assert_eq!(json[0]["name"], "ACME");
    assert_eq!(json[0]["latest"]["version"], 2);
    let none = ok(&["accounts", "--db", s(&db), "--cmp", "onetrust"]);
    assert!(none.contains("0 account(s)"), "{none}");
    let by_domain = ok(&[
        "accounts",
        "--db",
        s(&db),
        "--domain",
        "example",
        "--search",
        "ac",
    ]);
    assert!(by_domain.contains("1 account(s)"), "{by_domain}");

    let diff = ok(&[
        "diff",
        "--db",
        s(&db),
        "--account",
        "ACME",
        "--from",
        "1",
        "--to",
        "2",
    ]);
    assert!(diff.contains("features: added [\"trace_route\"]"), "{diff}");
    assert!(diff.contains("cmp: null -> \"cookiebot\""), "{diff}");
    assert!(diff.contains("+ cp_tr_*"), "{diff}");
    assert!(diff.contains("CMP no CMP -> cookiebot"), "{diff}");
    let json: serde_json::Value = serde_json::from_str(&ok(&[
        "diff",
        "--db",
        s(&db),
        "--account",
        "ACME",
        "--from",
        "1",
        "--json",
    ]))
    .unwrap();
    assert_eq!(json["to"]["version"], 2);
    assert!(json["snippet"]["changed"].as_bool().unwrap());

    let restored = ok(&[
        "restore",
        "--db",
        s(&db),
        "--account",
        "ACME",
        "--to-version",
        "1",
    ]);
    assert!(restored.contains("as version 3"), "{restored}");
    let diff = ok(&[
        "diff",
        "--db",
        s(&db),
        "--account",
        "ACME",
        "--from",
        "1",
        "--to",
        "3",
    ]);
    assert!(diff.matches("no change").count() == 3, "{diff}");

    fails(
        &["history", "--db", s(&db), "--account", "Nobody"],
        &["Nobody"],
    );
    fails(
        &[
            "diff",
            "--db",
            s(&db),
            "--account",
            "ACME",
            "--from",
            "1",
            "--to",
            "9",
        ],
        &["version 9"],
    );
    fails(
        &["history", "--db", "/no/such.sqlite", "--account", "A"],
        &["/no/such.sqlite"],
    );
    fails(
        &["accounts", "--db", s(&db), "--feature", "tracking"],
        &["trace_route"],
    );
}

#[test]
fn config_taking_commands_read_a_stored_account() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let before = std::fs::read(&db).unwrap();
    let cookies = ok(&["cookies", "--db", s(&db), "--account", "acme", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&cookies).unwrap();
    assert!(rows
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["feature"] == "trace_route"));
    assert!(!rows.as_array().unwrap().is_empty());
    // Inline flags still apply on top.
    let more = ok(&[
        "cookies",
        "--db",
        s(&db),
        "--account",
        "ACME",
        "--features",
        "trace_route,scoring_rules",
        "--json",
    ]);
    assert!(more.contains("scoring_rules"));
    let snippet = ok(&[
        "snippet",
        "--db",
        s(&db),
        "--account",
        "ACME",
        "--cmp",
        "cookiebot",
    ]);
    assert!(snippet.contains("Cookiebot"), "{snippet}");
    ok(&["check", "--db", s(&db), "--account", "ACME"]);
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "reading must not change the database"
    );

    fails(
        &["cookies", "--db", s(&db), "--account", "Nobody"],
        &["Nobody"],
    );
    let out = run(&["cookies", "--account", "ACME"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&[
        "cookies",
        "--db",
        s(&db),
        "--account",
        "ACME",
        "--config",
        "x.json",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn export_import_round_trip_and_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let bundle = dir.path().join("bundle.json");
    let export = dir.path().join("export.sqlite");
    ok(&[
        "export",
        "--db",
        s(&db),
        "--format",
        "json",
        "--out",
        s(&bundle),
    ]);
    ok(&[
        "export",
        "--db",
        s(&db),
        "--format",
        "sqlite",
        "--out",
        s(&export),
    ]);
    let stdout_bundle = ok(&[
        "export",
        "--db",
        s(&db),
        "--format",
        "json",
        "--accounts",
        "acme",
    ]);
    let parsed: serde_json::Value = serde_json::from_str(&stdout_bundle).unwrap();
    assert_eq!(parsed["format"], "callpage-cookie-admin/bundle");
    assert_eq!(
        parsed["accounts"][0]["versions"].as_array().unwrap().len(),
        2
    );
    let csv = ok(&["export", "--db", s(&db), "--format", "csv-cookies"]);
    assert!(csv.starts_with("account,version,feature,"), "{csv}");
    assert!(csv.contains("ACME,2,trace_route"), "{csv}");
    let csv = ok(&["export", "--db", s(&db), "--format", "csv-mappings"]);
    assert!(csv.contains("ACME,2,cookiebot,"), "{csv}");
    fails(
        &["export", "--db", s(&db), "--format", "sqlite"],
        &["--out"],
    );
    fails(
        &[
            "export",
            "--db",
            s(&db),
            "--format",
            "json",
            "--accounts",
            "Nope",
        ],
        &["Nope"],
    );

    let target = dir.path().join("target.sqlite");
    let out = ok(&["import", "--db", s(&target), s(&bundle)]);
    assert!(
        out.contains("imported 2 version(s)") && out.contains("created: ACME"),
        "{out}"
    );
    fails(
        &["import", "--db", s(&target), s(&export)],
        &["ACME", "skip, replace or rename"],
    );
    let out = ok(&[
        "import",
        "--db",
        s(&target),
        s(&export),
        "--on-duplicate",
        "skip",
    ]);
    assert!(out.contains("skipped"), "{out}");
    let out = ok(&[
        "import",
        "--db",
        s(&target),
        s(&export),
        "--on-duplicate",
        "rename",
    ]);
    assert!(out.contains("ACME -> ACME (imported)"), "{out}");
    let out = ok(&[
        "import",
        "--db",
        s(&target),
        s(&bundle),
        "--on-duplicate",
        "replace",
    ]);
    assert!(out.contains("new versions for: ACME"), "{out}");
    let history = ok(&["history", "--db", s(&target), "--account", "ACME", "--json"]);
    let history: serde_json::Value = serde_json::from_str(&history).unwrap();
    assert_eq!(history.as_array().unwrap().len(), 4);

    // Reading a bundle directly (review mode) works like a database.
    let list = ok(&["accounts", "--db", s(&bundle)]);
    assert!(list.contains("ACME"), "{list}");
}

#[test]
fn bad_imports_exit_2_naming_the_file_and_leave_the_database_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let good = ok(&["export", "--db", s(&db), "--format", "json"]);
    let before = std::fs::read(&db).unwrap();
    let cases: Vec<(&str, String, Vec<&str>)> = vec![
        ("malformed.json", good[..good.len() / 2].to_string(), vec![]),
        (
            "unknown.json",
            good.replacen("\"note\": \"start\"", "\"note\": \"start\", \"mood\": 1", 1),
            vec!["accounts[0].versions[0]", "mood"],
        ),
        (
            "wrong-type.json",
            good.replacen("\"version\": 1,", "\"version\": \"1\",", 1),
            vec!["version"],
        ),
        (
            "bad-cmp.json",
            good.replacen("\"cmp\": \"cookiebot\"", "\"cmp\": \"cookiebott\"", 1),
            vec!["'ACME'", "version 2", "config.cmp"],
        ),
        (
            "garbage.sqlite",
            "SQLite format 2 but not really".into(),
            vec![],
        ),
    ];
    for (name, text, needles) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let mut all = vec![name];
        all.extend(needles);
        fails(
            &[
                "import",
                "--db",
                s(&db),
                s(&path),
                "--on-duplicate",
                "rename",
            ],
            &all,
        );
        assert_eq!(
            std::fs::read(&db).unwrap(),
            before,
            "{name} changed the database"
        );
    }
    // A truncated export.
    let export = dir.path().join("full.sqlite");
    ok(&[
        "export",
        "--db",
        s(&db),
        "--format",
        "sqlite",
        "--out",
        s(&export),
    ]);
    let bytes = std::fs::read(&export).unwrap();
    let truncated = dir.path().join("truncated.sqlite");
    std::fs::write(&truncated, &bytes[..bytes.len() / 3]).unwrap();
    fails(
        &[
            "import",
            "--db",
            s(&db),
            s(&truncated),
            "--on-duplicate",
            "rename",
        ],
        &["truncated.sqlite"],
    );
    fails(
        &["import", "--db", s(&db), "/no/such/file.json"],
        &["/no/such/file.json"],
    );
    // clap's own usage error (its multi-line message), status 2.
    let out = run(&[
        "import",
        "--db",
        s(&db),
        s(&export),
        "--on-duplicate",
        "merge",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("merge"));
    assert_eq!(std::fs::read(&db).unwrap(), before);

    // A database from a newer build: refused as a target, untouched.
    let newer = dir.path().join("newer.sqlite");
    std::fs::copy(&export, &newer).unwrap();
    set_user_version(&newer, 77);
    let newer_before = std::fs::read(&newer).unwrap();
    fails(
        &["import", "--db", s(&newer), s(&export)],
        &["schema version 77"],
    );
    fails(&["accounts", "--db", s(&newer)], &["schema version 77"]);
    assert_eq!(std::fs::read(&newer).unwrap(), newer_before);
}

/// Set `user_version` by editing the header bytes (offset 60, big-endian), without a
/// database library in this crate's tests.
fn set_user_version(path: &Path, version: u32) {
    let mut bytes = std::fs::read(path).unwrap();
    bytes[60..64].copy_from_slice(&version.to_be_bytes());
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn reading_commands_never_change_a_customer_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let export = dir.path().join("customer.sqlite");
    ok(&[
        "export",
        "--db",
        s(&db),
        "--format",
        "sqlite",
        "--out",
        s(&export),
    ]);
    let before = std::fs::read(&export).unwrap();
    ok(&["accounts", "--db", s(&export)]);
    ok(&["history", "--db", s(&export), "--account", "ACME"]);
    ok(&[
        "diff",
        "--db",
        s(&export),
        "--account",
        "ACME",
        "--from",
        "1",
    ]);
    ok(&["cookies", "--db", s(&export), "--account", "ACME"]);
    ok(&["export", "--db", s(&export), "--format", "json"]);
    assert_eq!(std::fs::read(&export).unwrap(), before);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("customer"))
        .collect();
    assert_eq!(
        names,
        ["customer.sqlite"],
        "no -wal/-shm left beside the file"
    );
}

#[test]
fn account_rename_duplicate_delete() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let out = ok(&[
        "account",
        "--db",
        s(&db),
        "--account",
        "acme",
        "--rename",
        "ACME Ltd",
    ]);
    assert!(out.contains("version 3"), "{out}");
    ok(&[
        "account",
        "--db",
        s(&db),
        "--account",
        "ACME Ltd",
        "--duplicate",
        "Copy",
    ]);
    fails(
        &[
            "account",
            "--db",
            s(&db),
            "--account",
            "Copy",
            "--rename",
            "acme ltd",
        ],
        &["already exists"],
    );
    ok(&[
        "account",
        "--db",
        s(&db),
        "--account",
        "ACME Ltd",
        "--delete",
    ]);
    let list = ok(&["accounts", "--db", s(&db)]);
    assert!(list.contains("Copy") && !list.contains("ACME"), "{list}");
    let out = run(&["account", "--db", s(&db), "--account", "Copy"]);
    assert_eq!(out.status.code(), Some(2), "an action is required");
}
