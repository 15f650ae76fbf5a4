//! Data safety of the store on real temporary SQLite files (issue 12): outputs that are the
//! database, imports refused before the target is opened, foreign and hostile databases, hot
//! journals, values of the wrong type, CSV formulas, account creation and undo.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use common::{config, snapshot};
use cookie_admin_core::Catalog;
use cookie_admin_store::{
    import_into, AccountDefaults, ExportFormat, OnDuplicate, Store, SCHEMA_VERSION,
};

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn seeded(path: &Path) -> Store {
    let mut store = Store::open(path).unwrap();
    store
        .save("Alpha", &config(1, "Alpha"), "alice", "first")
        .unwrap();
    store
        .save("Alpha", &config(7, "Alpha"), "bob", "all on")
        .unwrap();
    store.save("Beta", &config(2, "Beta"), "carol", "").unwrap();
    store
}

#[test]
fn exports_refuse_the_database_and_its_side_files_in_every_format() {
    let dir = tmp();
    let db = dir.path().join("db.sqlite");
    let store = seeded(&db);
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(&db, &link).unwrap();
    let outs = [
        db.clone(),
        link,
        sub.join("../db.sqlite"),
        dir.path().join("db.sqlite-wal"),
        dir.path().join("db.sqlite-shm"),
        sub.join("../db.sqlite-journal"),
    ];
    for out in &outs {
        for format in [
            ExportFormat::Sqlite,
            ExportFormat::Json,
            ExportFormat::CsvCookies,
            ExportFormat::CsvMappings,
        ] {
            let err = store
                .export(format, out, None, Catalog::embedded())
                .unwrap_err();
            assert_eq!(err.kind(), "output_is_database", "{out:?} {format:?}");
        }
    }
    drop(store);
    // The same from a review store, and the files stay byte for byte as they were.
    let before = snapshot(&db);
    let review = Store::open_review(&db).unwrap();
    for out in &outs {
        let err = review
            .export(ExportFormat::Json, out, None, Catalog::embedded())
            .unwrap_err();
        assert_eq!(err.kind(), "output_is_database", "{out:?}");
    }
    drop(review);
    assert!(snapshot(&db) == before, "the database changed");
    assert_eq!(Store::open(&db).unwrap().account_names().unwrap().len(), 2);
    // A review store refuses its own file too.
    let bundle = dir.path().join("b.json");
    Store::open(&db)
        .unwrap()
        .export_bundle(&bundle, None)
        .unwrap();
    let review = Store::open_review(&bundle).unwrap();
    assert_eq!(
        review
            .export(ExportFormat::CsvCookies, &bundle, None, Catalog::embedded())
            .unwrap_err()
            .kind(),
        "output_is_database"
    );
    review
        .export(
            ExportFormat::CsvCookies,
            &dir.path().join("ok.csv"),
            None,
            Catalog::embedded(),
        )
        .unwrap();
}

#[test]
fn import_into_validates_before_the_target_is_opened() {
    let dir = tmp();
    let source = dir.path().join("source.sqlite");
    let good = dir.path().join("good.json");
    seeded(&source).export_bundle(&good, None).unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        "{\"format\": \"callpage-cookie-admin/bundle\", \"version\": 1, ",
    )
    .unwrap();

    // A rollback-journal target (an export) and an older-schema one.
    let rollback = dir.path().join("rollback.sqlite");
    Store::open(&source)
        .unwrap()
        .export_sqlite(&rollback, None)
        .unwrap();
    let older = dir.path().join("older.sqlite");
    {
        let conn = rusqlite::Connection::open(&older).unwrap();
        conn.execute_batch(&format!(
            "{} PRAGMA user_version = 1;",
            include_str!("fixtures/schema-v1.sql")
        ))
        .unwrap();
    }
    for target in [&rollback, &older] {
        let before = snapshot(target);
        let err = import_into(target, &bad, OnDuplicate::Skip).unwrap_err();
        assert_eq!(err.kind(), "bad_input");
        assert!(snapshot(target) == before, "{target:?}");
    }
    // Duplicates refused before the target is opened for writing.
    let before = snapshot(&rollback);
    let err = import_into(&rollback, &good, OnDuplicate::Refuse).unwrap_err();
    assert_eq!(err.kind(), "duplicate_accounts");
    assert!(snapshot(&rollback) == before);
    // A missing target stays missing.
    let absent = dir.path().join("absent.sqlite");
    assert!(import_into(&absent, &bad, OnDuplicate::Refuse).is_err());
    assert!(!absent.exists());
    // And the good import goes through, migrating the older database.
    let report = import_into(&older, &good, OnDuplicate::Refuse).unwrap();
    assert_eq!(report.created, ["Alpha", "Beta"]);
    let store = Store::open(&older).unwrap();
    assert_eq!(store.history("Alpha").unwrap().len(), 2);
    drop(store);
    let conn = rusqlite::Connection::open(&older).unwrap();
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, SCHEMA_VERSION);
}

#[test]
fn a_foreign_database_is_refused_untouched_and_an_empty_one_is_used() {
    let dir = tmp();
    for (name, sql) in [
        (
            "plain.sqlite",
            "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL);",
        ),
        (
            "clash.sqlite",
            "CREATE TABLE accounts (id INTEGER PRIMARY KEY, login TEXT);",
        ),
        (
            "wal.sqlite",
            "PRAGMA journal_mode = WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1);",
        ),
    ] {
        let path = dir.path().join(name);
        rusqlite::Connection::open(&path)
            .unwrap()
            .execute_batch(sql)
            .unwrap();
        let before = snapshot(&path);
        let err = Store::open(&path).unwrap_err();
        assert_eq!(err.kind(), "foreign_database", "{name}: {err}");
        assert!(err.to_string().contains("was not changed"), "{err}");
        assert_eq!(
            Store::open_review(&path).unwrap_err().kind(),
            "foreign_database"
        );
        assert!(snapshot(&path) == before, "{name} changed");
    }
    let empty = dir.path().join("empty.sqlite");
    rusqlite::Connection::open(&empty)
        .unwrap()
        .execute_batch("PRAGMA user_version = 0; VACUUM;")
        .unwrap();
    let mut store = Store::open(&empty).unwrap();
    store.save("A", &config(1, "A"), "me", "").unwrap();
}

#[test]
fn an_endless_view_where_a_table_belongs_is_refused_before_reading() {
    let dir = tmp();
    let path = dir.path().join("endless.sqlite");
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(
            "CREATE TABLE config_versions (id INTEGER PRIMARY KEY, account_id INTEGER,
                version INTEGER, author TEXT, created_at TEXT, note TEXT, config TEXT);
             CREATE VIEW accounts AS
                WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r)
                SELECT n AS id, 'a' || n AS name, '2026-01-01T00:00:00Z' AS created_at FROM r;
             PRAGMA user_version = 1;",
        )
        .unwrap();
    let target = dir.path().join("target.sqlite");
    let err = import_into(&target, &path, OnDuplicate::Rename).unwrap_err();
    assert_eq!(err.kind(), "foreign_database", "{err}");
    assert!(err.to_string().contains("view 'accounts'"), "{err}");
    assert!(!target.exists());
}

#[test]
fn a_blob_where_a_configuration_belongs_names_the_account_and_version() {
    let dir = tmp();
    let source = dir.path().join("source.sqlite");
    let export = dir.path().join("export.sqlite");
    seeded(&source).export_sqlite(&export, None).unwrap();
    rusqlite::Connection::open(&export)
        .unwrap()
        .execute_batch(
            "PRAGMA ignore_check_constraints = ON;
             UPDATE config_versions SET config = x'00ff' WHERE version = 2;",
        )
        .unwrap();
    let mut target = Store::open(&dir.path().join("t.sqlite")).unwrap();
    let err = target
        .import_file(&export, OnDuplicate::Refuse)
        .unwrap_err();
    let message = err.to_string();
    assert_eq!(err.kind(), "bad_input");
    for needle in ["export.sqlite", "'Alpha'", "version 2", "config", "BLOB"] {
        assert!(message.contains(needle), "'{needle}' not in {message}");
    }
}

#[test]
fn a_hot_journal_is_rolled_back_in_a_private_copy_for_review() {
    let dir = tmp();
    let source = dir.path().join("source.sqlite");
    let export = dir.path().join("export.sqlite");
    seeded(&source).export_sqlite(&export, None).unwrap();
    // A writer in the middle of a large transaction (cache spilled to the file), copied
    // with its journal: the copy has a hot journal and nobody holds its lock.
    let hot = dir.path().join("hot.sqlite");
    {
        let conn = rusqlite::Connection::open(&export).unwrap();
        conn.execute_batch(
            "PRAGMA cache_size = 1; BEGIN;
             UPDATE config_versions SET note = printf('%.5000c', 'x');
             UPDATE accounts SET name = name || ' changed';",
        )
        .unwrap();
        std::fs::copy(&export, &hot).unwrap();
        std::fs::copy(
            dir.path().join("export.sqlite-journal"),
            dir.path().join("hot.sqlite-journal"),
        )
        .unwrap();
        conn.execute_batch("ROLLBACK").unwrap();
    }
    let before = snapshot(&hot);
    assert!(before[3].1.is_some(), "a journal beside the copy");
    let review = Store::open_review(&hot).unwrap();
    // The committed state: the unfinished rename is not seen.
    assert_eq!(review.account_names().unwrap(), ["Alpha", "Beta"]);
    drop(review);
    assert!(
        snapshot(&hot) == before,
        "review wrote the file or its journal"
    );
}

#[test]
fn account_creation_and_delete_with_undo_live_in_the_store() {
    let dir = tmp();
    let mut store = Store::open(&dir.path().join("db.sqlite")).unwrap();
    let defaults = AccountDefaults {
        cmp: Some(cookie_admin_core::CmpId::Didomi),
        language: cookie_admin_core::Language::Pl,
    };
    let v = store.create_account("Łódź & co", &defaults, "Ala").unwrap();
    assert_eq!((v.version, v.note.as_str()), (1, "created"));
    let latest = store.latest("Łódź & CO").unwrap();
    assert_eq!(latest.config.account.id, "lodz-co");
    assert_eq!(latest.config.cmp, Some(cookie_admin_core::CmpId::Didomi));
    assert_eq!(
        store
            .create_account("Łódź & CO", &defaults, "Ala")
            .unwrap_err()
            .kind(),
        "account_exists"
    );
    assert_eq!(
        store
            .create_account("bad\u{1b}name", &defaults, "Ala")
            .unwrap_err()
            .kind(),
        "invalid_argument"
    );
    store
        .save("Łódź & co", &config(3, "Łódź & co"), "Ola", "more")
        .unwrap();
    let before = store.bundle(Some(&["Łódź & co".to_string()])).unwrap();
    let deleted = store.delete_with_undo("Łódź & CO").unwrap();
    assert!(store.account_names().unwrap().is_empty());
    assert_eq!(store.restore_deleted(&deleted).unwrap(), "Łódź & co");
    let after = store.bundle(Some(&["Łódź & co".to_string()])).unwrap();
    assert_eq!(
        before.accounts, after.accounts,
        "every version back as it was"
    );
    assert_eq!(
        store.restore_deleted(&deleted).unwrap_err().kind(),
        "account_exists"
    );
    // Search rows come back too.
    let found = store
        .list_accounts(&cookie_admin_store::AccountFilter {
            cmp: Some(cookie_admin_core::CmpId::ALL[3]),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.len(), 1);
}

#[test]
fn store_csv_exports_defuse_formulas() {
    let dir = tmp();
    let mut store = Store::open(&dir.path().join("db.sqlite")).unwrap();
    for name in ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)"] {
        store.save(name, &config(7, name), "x", "").unwrap();
    }
    for text in [
        store.cookies_csv(None, Catalog::embedded()).unwrap(),
        store.mappings_csv(None, Catalog::embedded()).unwrap(),
    ] {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let names: Vec<String> = reader
            .records()
            .map(|r| r.unwrap()[0].to_string())
            .collect();
        assert!(!names.is_empty());
        for name in &names {
            assert!(name.starts_with('\''), "{name}");
        }
        assert!(names.contains(&"'=HYPERLINK(\"http://x\")".to_string()));
    }
}
