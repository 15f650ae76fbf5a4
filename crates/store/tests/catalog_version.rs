//! Each version records the widget catalog version it was saved with (schema 4), on real
//! temporary SQLite files: saves, history, the accounts list, delete and undo, exports and
//! imports (bundle and SQLite), and files from before the column existed.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test file: failing loudly is the point

mod common;

use std::path::Path;

use common::config;
use cookie_admin_core::Catalog;
use cookie_admin_store::{import_into, AccountFilter, OnDuplicate, Store, BUNDLE_VERSION};

fn builtin() -> String {
    Catalog::embedded().catalog_version.clone()
}

fn catalogs(store: &Store, account: &str) -> Vec<String> {
    store
        .history(account)
        .unwrap()
        .into_iter()
        .map(|v| v.catalog_version)
        .collect()
}

/// Alpha: v1 with the built-in catalog, v2 with a loaded one, v3 (restore) with it too.
fn seeded(path: &Path) -> Store {
    let mut store = Store::open(path).unwrap();
    assert_eq!(store.catalog_version(), builtin());
    store
        .save("Alpha", &config(1, "Alpha"), "alice", "first")
        .unwrap();
    store.set_catalog_version(" 2027.1.0 ");
    let v2 = store
        .save("Alpha", &config(3, "Alpha"), "bob", "new catalog")
        .unwrap();
    assert_eq!(v2.catalog_version, "2027.1.0");
    store.restore("Alpha", 1, "carol", "").unwrap();
    store
}

#[test]
fn saves_record_the_catalog_in_use_and_history_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite");
    let mut store = seeded(&path);
    assert_eq!(
        catalogs(&store, "Alpha"),
        [builtin(), "2027.1.0".into(), "2027.1.0".into()]
    );
    let v1 = store.get_version("Alpha", Some(1)).unwrap();
    assert_eq!(v1.info.catalog_version, builtin());
    let list = store.list_accounts(&AccountFilter::default()).unwrap();
    assert_eq!(list[0].latest.catalog_version, "2027.1.0");
    // Create, rename and duplicate are versions too.
    store.set_catalog_version("2027.2.0");
    store
        .create_account("Beta", &Default::default(), "dan")
        .unwrap();
    store.rename("Beta", "Gamma", "dan").unwrap();
    store.duplicate("Gamma", "Delta", "dan").unwrap();
    assert_eq!(catalogs(&store, "Gamma"), ["2027.2.0", "2027.2.0"]);
    assert_eq!(catalogs(&store, "Delta"), ["2027.2.0"]);
    // Delete and undo bring every version back with its catalog version.
    let deleted = store.delete_with_undo("Alpha").unwrap();
    store.restore_deleted(&deleted).unwrap();
    assert_eq!(
        catalogs(&store, "Alpha"),
        [builtin(), "2027.1.0".into(), "2027.1.0".into()]
    );
    // Reopened: it was written to the file, and a new store saves with the built-in again.
    drop(store);
    let mut store = Store::open(&path).unwrap();
    store
        .save("Alpha", &config(1, "Alpha"), "alice", "")
        .unwrap();
    assert_eq!(catalogs(&store, "Alpha")[3], builtin());
}

#[test]
fn bundles_and_sqlite_exports_carry_it_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    let store = seeded(&dir.path().join("db.sqlite"));
    let expected = catalogs(&store, "Alpha");

    let bundle_path = dir.path().join("out.json");
    store.export_bundle(&bundle_path, None).unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&bundle_path).unwrap()).unwrap();
    assert_eq!(json["version"], BUNDLE_VERSION);
    assert_eq!(
        json["accounts"][0]["versions"][1]["catalog_version"],
        "2027.1.0"
    );

    let sqlite_path = dir.path().join("out.sqlite");
    store.export_sqlite(&sqlite_path, None).unwrap();

    for input in [&bundle_path, &sqlite_path] {
        let target = dir.path().join(format!(
            "imported-{}.sqlite",
            input.extension().unwrap().to_str().unwrap()
        ));
        import_into(&target, input, OnDuplicate::Refuse).unwrap();
        let imported = Store::open(&target).unwrap();
        assert_eq!(catalogs(&imported, "Alpha"), expected, "{input:?}");
        // Review mode reads it too.
        let review = Store::open_review(input).unwrap();
        assert_eq!(catalogs(&review, "Alpha"), expected, "{input:?}");
    }
}

#[test]
fn files_from_before_it_existed_import_with_no_catalog_version() {
    let dir = tempfile::tempdir().unwrap();
    // A version 1 bundle: no catalog_version field.
    let old_bundle = dir.path().join("v1.json");
    std::fs::write(
        &old_bundle,
        r#"{"format":"callpage-cookie-admin/bundle","version":1,
            "exported_at":"2026-01-31T12:00:00.000Z",
            "accounts":[{"account":{"name":"Old","created_at":"2026-01-02T09:00:00.000Z"},
              "versions":[{"version":1,"author":"alice","created_at":"2026-01-02T09:00:00.000Z",
                "note":"first","config":{"schema_version":1,"account":{"id":"old","name":"Old"}}}]}]}"#,
    )
    .unwrap();
    // A database of schema 1 (before the column).
    let old_db = dir.path().join("v1.sqlite");
    {
        let conn = rusqlite::Connection::open(&old_db).unwrap();
        conn.execute_batch(&format!(
            "{} PRAGMA user_version = 1;
             INSERT INTO accounts (name, created_at) VALUES ('Older', '2026-01-01T00:00:00.000Z');
             INSERT INTO config_versions (account_id, version, author, created_at, note, config)
             VALUES (1, 1, 't', '2026-01-01T00:00:00.000Z', '',
                     '{{\"schema_version\":1,\"account\":{{\"id\":\"o\",\"name\":\"Older\"}}}}');",
            include_str!("fixtures/schema-v1.sql")
        ))
        .unwrap();
    }
    let target = dir.path().join("target.sqlite");
    import_into(&target, &old_bundle, OnDuplicate::Refuse).unwrap();
    import_into(&target, &old_db, OnDuplicate::Refuse).unwrap();
    let store = Store::open(&target).unwrap();
    assert_eq!(catalogs(&store, "Old"), [""]);
    assert_eq!(catalogs(&store, "Older"), [""]);
    // Opened for writing, the old database is migrated; its version still says "not recorded".
    let mut migrated = Store::open(&old_db).unwrap();
    assert_eq!(catalogs(&migrated, "Older"), [""]);
    migrated
        .save("Older", &config(2, "Older"), "t", "")
        .unwrap();
    assert_eq!(catalogs(&migrated, "Older"), ["".to_string(), builtin()]);
}

#[test]
fn a_bundle_newer_than_this_build_is_refused_by_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.json");
    std::fs::write(
        &path,
        format!(
            r#"{{"format":"callpage-cookie-admin/bundle","version":{},"exported_at":"2026-01-31T12:00:00.000Z","accounts":[],"mood":1}}"#,
            BUNDLE_VERSION + 1
        ),
    )
    .unwrap();
    let err = import_into(&dir.path().join("t.sqlite"), &path, OnDuplicate::Refuse).unwrap_err();
    assert!(err.to_string().contains("newer"), "{err}");
}
