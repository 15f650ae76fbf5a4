//! Data safety with hostile and mistaken input, through the built `cookie-admin-cli` binary on
//! real files: outputs that are the database, refused imports, foreign databases, terminal
//! escapes, huge values, endless views, FIFOs and devices, parse errors, file modes, CSV
//! formulas. Each test failed before the fix it covers (issue 12).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] functions

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_cookie-admin-cli");

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("USER", "tester")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// Run with a deadline: a hang is a failure, not a stuck test run.
fn run_bounded(args: &[&str], limit: Duration) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("{args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
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

/// Exit status 2, one line on standard error containing every needle; returns the line.
fn fails(args: &[&str], needles: &[&str]) -> String {
    check_failure(&run(args), args, needles)
}

fn check_failure(out: &Output, args: &[&str], needles: &[&str]) -> String {
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("error: "), "{err}");
    for needle in needles {
        assert!(err.contains(needle), "'{needle}' not in: {err}");
    }
    err
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Every byte of a database file and its side files (or their absence).
fn snapshot(path: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    ["", "-wal", "-shm", "-journal"]
        .iter()
        .map(|suffix| {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            (suffix.to_string(), std::fs::read(PathBuf::from(p)).ok())
        })
        .collect()
}

/// A database with account ACME (two versions, trace route and Cookiebot in the second).
fn seeded(dir: &Path) -> PathBuf {
    let db = dir.join("cookies.sqlite");
    let v1 = dir.join("v1.json");
    std::fs::write(&v1, ok(&["init"])).unwrap();
    let v2 = dir.join("v2.json");
    std::fs::write(
        &v2,
        ok(&["init", "--features", "trace_route", "--cmp", "cookiebot"]),
    )
    .unwrap();
    for (file, note) in [(&v1, "start"), (&v2, "trace")] {
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
    db
}

fn bundle_of(db: &Path) -> serde_json::Value {
    serde_json::from_str(&ok(&["export", "--db", s(db), "--format", "json"])).unwrap()
}

// ---- 1. An export never overwrites the database it reads. ----

#[test]
fn export_refuses_an_output_that_is_the_database_or_a_side_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let before = snapshot(&db);
    let link = dir.path().join("link.sqlite");
    std::os::unix::fs::symlink(&db, &link).unwrap();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let dotted = format!("{}/../cookies.sqlite", s(&sub));
    let wal = format!("{}-wal", s(&db));
    let journal = format!("{}-journal", s(&db));
    for out in [
        s(&db),
        s(&link),
        dotted.as_str(),
        wal.as_str(),
        journal.as_str(),
    ] {
        for format in ["csv-cookies", "json", "sqlite", "csv-mappings"] {
            fails(
                &["export", "--db", s(&db), "--format", format, "--out", out],
                &["is the database", "cookies.sqlite"],
            );
        }
    }
    assert!(snapshot(&db) == before, "the database changed");
    // Reading through the link is the same file too.
    fails(
        &[
            "export",
            "--db",
            s(&link),
            "--format",
            "json",
            "--out",
            s(&db),
        ],
        &["is the database"],
    );
    // A bundle under review is not overwritten by its own export either.
    let bundle = dir.path().join("b.json");
    ok(&[
        "export",
        "--db",
        s(&db),
        "--format",
        "json",
        "--out",
        s(&bundle),
    ]);
    fails(
        &[
            "export",
            "--db",
            s(&bundle),
            "--format",
            "csv-cookies",
            "--out",
            s(&bundle),
        ],
        &["is the database"],
    );
}

// ---- 2. A refused import leaves the target byte for byte as it was, or absent. ----

#[test]
fn a_refused_import_leaves_the_target_as_it_was_or_absent() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let malformed = dir.path().join("malformed.json");
    std::fs::write(
        &malformed,
        "{\"format\": \"callpage-cookie-admin/bundle\", ",
    )
    .unwrap();
    let good = dir.path().join("good.json");
    ok(&[
        "export",
        "--db",
        s(&db),
        "--format",
        "json",
        "--out",
        s(&good),
    ]);

    // A target in rollback-journal mode (an exported file).
    let rollback = dir.path().join("rollback.sqlite");
    ok(&[
        "export",
        "--db",
        s(&db),
        "--format",
        "sqlite",
        "--out",
        s(&rollback),
    ]);
    // A target of an older schema (version 1).
    let older = dir.path().join("older.sqlite");
    {
        let conn = rusqlite::Connection::open(&older).unwrap();
        conn.execute_batch(
            "CREATE TABLE accounts (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) > 0),
                created_at TEXT NOT NULL
            );
            CREATE TABLE config_versions (
                id INTEGER PRIMARY KEY,
                account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                version INTEGER NOT NULL CHECK (version >= 1),
                author TEXT NOT NULL,
                created_at TEXT NOT NULL,
                note TEXT NOT NULL DEFAULT '',
                config TEXT NOT NULL CHECK (json_valid(config)),
                UNIQUE (account_id, version)
            );
            PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    for target in [&rollback, &older] {
        let before = snapshot(target);
        fails(
            &["import", "--db", s(target), s(&malformed)],
            &["malformed.json"],
        );
        assert!(
            snapshot(target) == before,
            "{target:?} changed by a malformed file"
        );
        // Refused for duplicates: also untouched.
        if target == &rollback {
            fails(&["import", "--db", s(target), s(&good)], &["ACME"]);
            assert!(
                snapshot(target) == before,
                "{target:?} changed by a refusal"
            );
        }
    }
    // A target that does not exist stays absent.
    let absent = dir.path().join("absent.sqlite");
    fails(
        &["import", "--db", s(&absent), s(&malformed)],
        &["malformed.json"],
    );
    assert!(!absent.exists(), "a refused import created the target");
    fails(
        &["import", "--db", s(&absent), "/no/such/bundle.json"],
        &["/no/such/bundle.json"],
    );
    assert!(!absent.exists());
    // And a good import does create it.
    ok(&["import", "--db", s(&absent), s(&good)]);
    assert!(ok(&["accounts", "--db", s(&absent)]).contains("ACME"));
}

// ---- 3. save and import never take over a foreign SQLite database. ----

#[test]
fn save_and_import_refuse_a_foreign_sqlite_database_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let good = dir.path().join("good.json");
    ok(&[
        "export",
        "--db",
        s(&db),
        "--format",
        "json",
        "--out",
        s(&good),
    ]);
    let config = dir.path().join("c.json");
    std::fs::write(&config, ok(&["init"])).unwrap();

    let foreign = dir.path().join("foreign.sqlite");
    let clash = dir.path().join("clash.sqlite");
    {
        let conn = rusqlite::Connection::open(&foreign).unwrap();
        conn.execute_batch(
            "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL);
             INSERT INTO invoices VALUES (1, 9.5);",
        )
        .unwrap();
        let conn = rusqlite::Connection::open(&clash).unwrap();
        conn.execute_batch(
            "CREATE TABLE accounts (id INTEGER PRIMARY KEY, login TEXT, password TEXT);
             INSERT INTO accounts VALUES (1, 'root', 'x');",
        )
        .unwrap();
    }
    for target in [&foreign, &clash] {
        let before = snapshot(target);
        fails(
            &[
                "save",
                "--db",
                s(target),
                "--account",
                "A",
                "--config",
                s(&config),
            ],
            &["not a Cookie Admin database", "was not changed"],
        );
        fails(
            &["import", "--db", s(target), s(&good)],
            &["not a Cookie Admin database"],
        );
        assert!(snapshot(target) == before, "{target:?} was changed");
    }
    // An empty SQLite file (no tables) is fine to start a database in.
    let empty = dir.path().join("empty.sqlite");
    rusqlite::Connection::open(&empty)
        .unwrap()
        .execute_batch("PRAGMA user_version = 0; VACUUM;")
        .unwrap();
    ok(&[
        "save",
        "--db",
        s(&empty),
        "--account",
        "A",
        "--config",
        s(&config),
    ]);
}

// ---- 4. A customer's file cannot write escape sequences to the terminal. ----

#[test]
fn terminal_output_shows_control_characters_visibly_and_json_stays_exact() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    // A customer's database with control characters in a name, an author and a note (written
    // straight with SQL, as a hostile file would be).
    let hostile = dir.path().join("hostile.sqlite");
    ok(&[
        "export",
        "--db",
        s(&db),
        "--format",
        "sqlite",
        "--out",
        s(&hostile),
    ]);
    {
        let conn = rusqlite::Connection::open(&hostile).unwrap();
        conn.execute_batch(
            "UPDATE accounts SET name = 'AC' || char(27) || '[2J' || char(7) || 'ME' || char(8238);
             UPDATE config_versions SET author = 'eve' || char(27) || ']0;pwned' || char(7),
                                        note = 'line1' || char(10) || 'line2' || char(155) || 'x';",
        )
        .unwrap();
    }
    let raw_name = "AC\u{1b}[2J\u{7}ME\u{202e}";
    for args in [
        vec!["accounts", "--db", s(&hostile)],
        vec!["history", "--db", s(&hostile), "--account", raw_name],
        vec![
            "diff",
            "--db",
            s(&hostile),
            "--account",
            raw_name,
            "--from",
            "1",
        ],
    ] {
        let out = ok(&args);
        assert!(
            !out.contains(['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}']),
            "{args:?}: raw control characters in {out:?}"
        );
        assert!(out.contains("\\x1b"), "{args:?}: not shown visibly: {out}");
    }
    let history = ok(&["history", "--db", s(&hostile), "--account", raw_name]);
    assert!(
        history.contains("AC") || history.contains("line1\\nline2"),
        "{history}"
    );
    assert!(
        history.contains("\\u{202e}") || !history.contains("ME"),
        "{history}"
    );
    // Errors quoting the value too.
    let err = fails(
        &["history", "--db", s(&db), "--account", "no\u{1b}[31mbody"],
        &["no\\x1b[31mbody"],
    );
    assert!(!err.contains('\u{1b}'));
    // JSON stays exact.
    let json: serde_json::Value = serde_json::from_str(&ok(&[
        "history",
        "--db",
        s(&hostile),
        "--account",
        raw_name,
        "--json",
    ]))
    .unwrap();
    assert_eq!(json[0]["author"], "eve\u{1b}]0;pwned\u{7}");
    // Such names are refused where names are given.
    let config = dir.path().join("c.json");
    std::fs::write(&config, ok(&["init"])).unwrap();
    for name in ["bad\u{1b}name", "bad\u{202e}name", "tab\tname"] {
        fails(
            &[
                "save",
                "--db",
                s(&db),
                "--account",
                name,
                "--config",
                s(&config),
            ],
            &["control character"],
        );
        fails(
            &[
                "account",
                "--db",
                s(&db),
                "--account",
                "ACME",
                "--rename",
                name,
            ],
            &["control character"],
        );
    }
}

// ---- 5. An error message never repeats a whole hostile value. ----

#[test]
fn errors_quote_huge_values_shortened() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let huge = "N".repeat(3_000_000);
    let mut bundle = bundle_of(&db);
    bundle["accounts"][0]["account"]["name"] = huge.clone().into();
    let file = dir.path().join("huge.json");
    std::fs::write(&file, serde_json::to_string(&bundle).unwrap()).unwrap();
    let err = fails(
        &["import", "--db", s(&db), s(&file)],
        &["huge.json", "more bytes"],
    );
    assert!(err.len() < 2_000, "{} bytes of error", err.len());

    let mut bundle = bundle_of(&db);
    bundle["accounts"][0]["versions"][0]["config"]["cmp"] = huge.clone().into();
    std::fs::write(&file, serde_json::to_string(&bundle).unwrap()).unwrap();
    let err = fails(&["import", "--db", s(&db), s(&file)], &["config.cmp"]);
    assert!(err.len() < 2_000, "{} bytes of error", err.len());

    let name = "M".repeat(100_000);
    let err = fails(
        &["history", "--db", s(&db), "--account", &name],
        &["no account named", "more bytes"],
    );
    assert!(err.len() < 2_000, "{} bytes of error", err.len());
}

// ---- 6. A small hostile database cannot hang an import. ----

#[test]
fn an_accounts_view_over_an_endless_query_is_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let hostile = dir.path().join("endless.sqlite");
    {
        let conn = rusqlite::Connection::open(&hostile).unwrap();
        conn.execute_batch(
            "CREATE TABLE config_versions (
                id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, version INTEGER NOT NULL,
                author TEXT NOT NULL, created_at TEXT NOT NULL, note TEXT NOT NULL DEFAULT '',
                config TEXT NOT NULL);
             CREATE VIEW accounts AS
                WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r)
                SELECT n AS id, 'a' || n AS name, '2026-01-01T00:00:00Z' AS created_at FROM r;
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let before = snapshot(&db);
    for args in [
        vec!["import", "--db", s(&db), s(&hostile)],
        vec!["accounts", "--db", s(&hostile)],
        vec!["export", "--db", s(&hostile), "--format", "json"],
    ] {
        let out = run_bounded(&args, Duration::from_secs(60));
        check_failure(
            &out,
            &args,
            &["endless.sqlite", "not a Cookie Admin database"],
        );
    }
    assert!(snapshot(&db) == before);
}

// ---- 8. Smaller: FIFOs, devices, parse errors, file modes. ----

#[test]
fn a_fifo_or_a_device_is_refused_naming_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let fifo = dir.path().join("input.fifo");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let limit = Duration::from_secs(30);
    for args in [
        vec!["import", "--db", s(&db), s(&fifo)],
        vec!["accounts", "--db", s(&fifo)],
        vec!["check", "--config", s(&fifo)],
        vec!["cookies", "--catalog", s(&fifo)],
    ] {
        let out = run_bounded(&args, limit);
        check_failure(&out, &args, &["input.fifo", "not a regular file"]);
    }
    for args in [
        vec!["accounts", "--db", "/dev/null"],
        vec![
            "save",
            "--db",
            "/dev/null",
            "--account",
            "A",
            "--config",
            "/dev/null",
        ],
        vec!["import", "--db", s(&db), "/dev/null"],
    ] {
        let out = run_bounded(&args, limit);
        check_failure(&out, &args, &["/dev/null", "not a regular file"]);
    }
}

#[test]
fn config_and_catalog_errors_name_the_file_and_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("acme.json");
    std::fs::write(
        &config,
        "{\"schema_version\": 1, \"account\": {\"id\": \"a\", \"name\": \"A\"},\n \"features\": [\"trace_route\", 7]}",
    )
    .unwrap();
    fails(
        &["check", "--config", s(&config)],
        &["acme.json", "features[1]"],
    );
    std::fs::write(
        &config,
        "{\"schema_version\": 1, \"account\": {\"id\": \"a\", ",
    )
    .unwrap();
    let err = fails(&["check", "--config", s(&config)], &["acme.json", "line 1"]);
    assert!(!err.contains(": ?:") && !err.contains(" ? "), "{err}");

    let catalog = dir.path().join("catalog.json");
    let text = cookie_admin_core::catalog::DEFAULT_CATALOG_JSON.replacen(
        "\"personal_data\": true",
        "\"personal_data\": \"yes\"",
        1,
    );
    assert_ne!(text, cookie_admin_core::catalog::DEFAULT_CATALOG_JSON);
    std::fs::write(&catalog, text).unwrap();
    fails(
        &["cookies", "--catalog", s(&catalog)],
        &["catalog.json", "personal_data", "features["],
    );
}

#[test]
fn json_and_csv_exports_keep_the_mode_of_the_file_they_replace() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    for (format, name) in [
        ("json", "out.json"),
        ("csv-cookies", "out.csv"),
        ("sqlite", "out.sqlite"),
    ] {
        let out = dir.path().join(name);
        std::fs::write(&out, "old").unwrap();
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o644)).unwrap();
        ok(&[
            "export",
            "--db",
            s(&db),
            "--format",
            format,
            "--out",
            s(&out),
        ]);
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644, "{format}: mode {mode:o}");
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
        ok(&[
            "export",
            "--db",
            s(&db),
            "--format",
            format,
            "--out",
            s(&out),
        ]);
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640, "{format}: mode {mode:o}");
    }
    // A new file gets the umask's mode (the test runs with the usual 022 or stricter).
    let fresh = dir.path().join("fresh.json");
    ok(&[
        "export",
        "--db",
        s(&db),
        "--format",
        "json",
        "--out",
        s(&fresh),
    ]);
    let mode = std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777;
    // What any program creating a file here gets: 0666 less the umask.
    let probe = dir.path().join("probe");
    std::fs::File::create(&probe).unwrap();
    let expected = std::fs::metadata(&probe).unwrap().permissions().mode() & 0o777;
    assert_eq!(
        mode, expected,
        "new file mode {mode:o}, umask gives {expected:o}"
    );
}

// ---- CSV formula injection. ----

#[test]
fn every_csv_output_defuses_a_hostile_name() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("c.json");
    std::fs::write(
        &config,
        ok(&["init", "--features", "all", "--cmp", "onetrust"]),
    )
    .unwrap();
    let db = dir.path().join("db.sqlite");
    for name in ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)"] {
        let account = format!("--account={name}");
        ok(&["save", "--db", s(&db), &account, "--config", s(&config)]);
    }
    // A hostile catalog: a storage item name and a purpose that look like formulas.
    let catalog = dir.path().join("catalog.json");
    let text = cookie_admin_core::catalog::DEFAULT_CATALOG_JSON.replacen(
        "\"cp_visitor_id\"",
        "\"=cmd|' /C calc'!A0\"",
        1,
    );
    assert_ne!(text, cookie_admin_core::catalog::DEFAULT_CATALOG_JSON);
    std::fs::write(&catalog, text).unwrap();

    let outputs = [
        ok(&["export", "--db", s(&db), "--format", "csv-cookies"]),
        ok(&["export", "--db", s(&db), "--format", "csv-mappings"]),
        ok(&[
            "cookies",
            "--config",
            s(&config),
            "--catalog",
            s(&catalog),
            "--csv",
        ]),
        ok(&[
            "declaration",
            "--config",
            s(&config),
            "--catalog",
            s(&catalog),
            "--format",
            "csv",
        ]),
        ok(&[
            "mapping",
            "--config",
            s(&config),
            "--catalog",
            s(&catalog),
            "--format",
            "csv",
        ]),
    ];
    for (i, text) in outputs.iter().enumerate() {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        let mut hostile = 0;
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "output {i}: a formula cell {cell:?}"
                );
                if cell.starts_with("'=") || cell.starts_with("'+") || cell.starts_with("'@") {
                    hostile += 1;
                }
            }
        }
        assert!(
            hostile > 0,
            "output {i} has no hostile cell to check:\n{text}"
        );
    }
}
