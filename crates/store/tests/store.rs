//! The store on real temporary SQLite files: versions, search, import/export round trips,
//! bad input, crash safety, concurrency and review mode.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{config, integrity_ok, snapshot};
use cookie_admin_core::{Catalog, CmpId, Feature};
use cookie_admin_store::{AccountFilter, Bundle, OnDuplicate, Store, BUNDLE_VERSION};

const HELPER_ENV: &str = "COOKIE_ADMIN_STORE_TEST_HELPER";

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// A database with three accounts, the first with three versions.
fn seeded(path: &Path) -> Store {
    let mut store = Store::open(path).unwrap();
    store
        .save("Alpha", &config(1, "Alpha"), "alice", "first")
        .unwrap();
    store
        .save("Alpha", &config(3, "Alpha"), "bob", "trace + scoring")
        .unwrap();
    store
        .save("Alpha", &config(7, "Alpha"), "alice", "everything")
        .unwrap();
    store.save("Beta", &config(2, "Beta"), "carol", "").unwrap();
    store
        .save("Gamma", &config(0, "Gamma"), "dave", "none")
        .unwrap();
    store
}

#[test]
fn saving_appends_versions_and_history_diff_restore_work() {
    let dir = tmp();
    let mut store = seeded(&dir.path().join("db.sqlite"));
    let history = store.history("alpha").unwrap();
    assert_eq!(
        history.iter().map(|v| v.version).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert_eq!(history[1].author, "bob");
    assert!(history[0].created_at.ends_with('Z'));

    let diff = store.diff("Alpha", 1, 3).unwrap();
    let paths: Vec<&str> = diff.fields.iter().map(|c| c.path.as_str()).collect();
    assert!(paths.contains(&"features"), "{paths:?}");
    assert!(paths.contains(&"cmp"), "{paths:?}");

    let restored = store.restore("Alpha", 1, "erin", "back to basics").unwrap();
    assert_eq!(restored.version, 4);
    assert_eq!(restored.note, "restored version 1: back to basics");
    assert_eq!(store.latest("Alpha").unwrap().config, config(1, "Alpha"));
    assert!(store.diff("Alpha", 1, 4).unwrap().fields.is_empty());
    assert_eq!(store.history("Alpha").unwrap().len(), 4);

    assert_eq!(
        store.get_version("Alpha", Some(9)).unwrap_err().kind(),
        "version_not_found"
    );
    assert_eq!(
        store.history("Nobody").unwrap_err().kind(),
        "account_not_found"
    );
    assert_eq!(
        store
            .save("  ", &config(0, ""), "x", "")
            .unwrap_err()
            .kind(),
        "invalid_argument"
    );
}

#[test]
fn list_and_search_by_name_domain_cmp_and_feature() {
    let dir = tmp();
    let store = seeded(&dir.path().join("db.sqlite"));
    let names = |f: AccountFilter| -> Vec<String> {
        store
            .list_accounts(&f)
            .unwrap()
            .into_iter()
            .map(|a| a.name)
            .collect()
    };
    assert_eq!(names(AccountFilter::default()), ["Alpha", "Beta", "Gamma"]);
    let all = store.list_accounts(&AccountFilter::default()).unwrap();
    assert_eq!(all[0].latest.version, 3);
    assert_eq!(all[0].features.len(), 3);
    assert_eq!(all[0].domains, ["shop.site7.example", "site7.example"]);

    let search = |s: &str| AccountFilter {
        search: Some(s.into()),
        ..Default::default()
    };
    assert_eq!(names(search("ET")), ["Beta"]);
    assert_eq!(names(search("site2")), ["Beta"]);
    assert_eq!(names(search("%")), Vec::<String>::new());
    let domain = |d: &str| AccountFilter {
        domain: Some(d.into()),
        ..Default::default()
    };
    assert_eq!(names(domain("SITE7.example")), ["Alpha"]);
    assert_eq!(names(domain("shop.site0.example")), ["Gamma"]);
    assert_eq!(names(domain("example")), ["Alpha", "Beta", "Gamma"]);
    assert_eq!(names(domain("te7.example")), Vec::<String>::new());
    assert_eq!(names(domain("site_.example")), Vec::<String>::new());
    assert_eq!(names(domain("shop.site7.example.")), Vec::<String>::new());
    let cmp = |c: CmpId| AccountFilter {
        cmp: Some(c),
        ..Default::default()
    };
    assert_eq!(names(cmp(CmpId::ALL[7])), ["Alpha"]);
    let feature = |f: Feature| AccountFilter {
        feature: Some(f),
        ..Default::default()
    };
    assert_eq!(names(feature(Feature::ScoringRules)), ["Alpha", "Beta"]);
    assert_eq!(names(feature(Feature::DataMemorization)), ["Alpha"]);
    let both = AccountFilter {
        feature: Some(Feature::ScoringRules),
        search: Some("b".into()),
        ..Default::default()
    };
    assert_eq!(names(both), ["Beta"]);
    let every_filter = AccountFilter {
        search: Some("alp".into()),
        domain: Some("example".into()),
        cmp: Some(CmpId::ALL[7]),
        feature: Some(Feature::DataMemorization),
    };
    assert_eq!(names(every_filter), ["Alpha"]);
}

#[test]
fn pages_of_the_list_add_up_to_the_whole_list_with_its_count() {
    let dir = tmp();
    let mut store = Store::open(&dir.path().join("db.sqlite")).unwrap();
    // 25 accounts, every third with Data Memorization, saved out of name order and some
    // twice (the page shows the latest version).
    for i in (0..25).rev() {
        let mut c = config(i, &format!("Shop {i:02}"));
        if i % 3 == 0 {
            c.features.insert(Feature::DataMemorization);
        } else {
            c.features.remove(&Feature::DataMemorization);
        }
        store.save(&format!("Shop {i:02}"), &c, "t", "").unwrap();
        if i % 5 == 0 {
            store
                .save(&format!("Shop {i:02}"), &c, "t2", "again")
                .unwrap();
        }
    }
    for filter in [
        AccountFilter::default(),
        AccountFilter {
            feature: Some(Feature::DataMemorization),
            ..Default::default()
        },
        AccountFilter {
            search: Some("shop 1".into()),
            ..Default::default()
        },
    ] {
        let whole = store.list_accounts(&filter).unwrap();
        let mut paged = Vec::new();
        let mut offset = 0;
        loop {
            let page = store.list_accounts_page(&filter, offset, 4).unwrap();
            assert_eq!(page.total, whole.len() as u64, "{filter:?}");
            assert_eq!(page.offset, offset);
            if page.accounts.is_empty() {
                break;
            }
            assert!(page.accounts.len() <= 4);
            offset += page.accounts.len() as u64;
            paged.extend(page.accounts);
        }
        assert_eq!(paged, whole, "{filter:?}");
    }
    let dm = store
        .list_accounts_page(
            &AccountFilter {
                feature: Some(Feature::DataMemorization),
                ..Default::default()
            },
            0,
            2,
        )
        .unwrap();
    assert_eq!(dm.total, 9);
    let first: Vec<_> = dm.accounts.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(first, ["Shop 00", "Shop 03"]);
    assert_eq!(
        (
            dm.accounts[0].latest.version,
            dm.accounts[0].latest.author.as_str()
        ),
        (2, "t2")
    );
    // Past the end: the count, no rows; a zero limit: the count only.
    let past = store
        .list_accounts_page(&AccountFilter::default(), 99, 10)
        .unwrap();
    assert_eq!((past.total, past.accounts.len()), (25, 0));
    let count = store
        .list_accounts_page(&AccountFilter::default(), 0, 0)
        .unwrap();
    assert_eq!((count.total, count.accounts.len()), (25, 0));
}

#[test]
fn rename_duplicate_delete() {
    let dir = tmp();
    let mut store = seeded(&dir.path().join("db.sqlite"));
    let v = store.rename("Beta", "Beta Shop", "alice").unwrap();
    assert_eq!(v.version, 2);
    assert_eq!(v.note, "renamed from 'Beta'");
    assert_eq!(
        store.latest("beta shop").unwrap().config.account.name,
        "Beta Shop"
    );
    assert_eq!(
        store.history("Beta").unwrap_err().kind(),
        "account_not_found"
    );
    assert_eq!(
        store.rename("Beta Shop", "alpha", "x").unwrap_err().kind(),
        "account_exists"
    );

    let v = store.duplicate("Alpha", "Alpha Copy", "bob").unwrap();
    assert_eq!(v.version, 1);
    let copy = store.latest("Alpha Copy").unwrap();
    assert_eq!(copy.config.features, config(7, "x").features);
    assert_eq!(copy.config.account.name, "Alpha Copy");
    assert_eq!(store.history("Alpha").unwrap().len(), 3);
    assert_eq!(
        store.duplicate("Alpha", "GAMMA", "bob").unwrap_err().kind(),
        "account_exists"
    );

    store.delete("Alpha").unwrap();
    assert_eq!(
        store.history("Alpha").unwrap_err().kind(),
        "account_not_found"
    );
    assert_eq!(
        store.account_names().unwrap(),
        ["Alpha Copy", "Beta Shop", "Gamma"]
    );
    // Nothing left behind by the cascade.
    let feature_only = AccountFilter {
        feature: Some(Feature::DataMemorization),
        ..Default::default()
    };
    let names: Vec<_> = store
        .list_accounts(&feature_only)
        .unwrap()
        .into_iter()
        .map(|a| a.name)
        .collect();
    assert_eq!(names, ["Alpha Copy"]);
}

fn same_content(a: &Store, b: &Store) {
    let mut x = a.bundle(None).unwrap();
    let mut y = b.bundle(None).unwrap();
    x.exported_at.clear();
    y.exported_at.clear();
    assert_eq!(x, y);
}

#[test]
fn round_trip_bundle_db_sqlite_export_import() {
    let dir = tmp();
    let source = seeded(&dir.path().join("source.sqlite"));
    let bundle_path = dir.path().join("out/bundle.json");
    std::fs::create_dir_all(dir.path().join("out")).unwrap();
    source.export_bundle(&bundle_path, None).unwrap();

    // bundle -> DB
    let mut db1 = Store::open(&dir.path().join("db1.sqlite")).unwrap();
    let report = db1.import_file(&bundle_path, OnDuplicate::Skip).unwrap();
    assert_eq!(report.created, ["Alpha", "Beta", "Gamma"]);
    assert_eq!(report.versions_written, 5);
    same_content(&source, &db1);

    // DB -> SQLite export -> import into a fresh DB
    let export = dir.path().join("out/export.sqlite");
    db1.export_sqlite(&export, None).unwrap();
    assert!(integrity_ok(&export));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(leftovers.len(), 2, "no temporary files left: {leftovers:?}");
    let mut db2 = Store::open(&dir.path().join("db2.sqlite")).unwrap();
    db2.import_file(&export, OnDuplicate::Skip).unwrap();
    same_content(&source, &db2);

    // The export itself is a database of the same schema, openable as a store.
    let reopened = Store::open_review(&export).unwrap();
    same_content(&source, &reopened);
    for name in ["Alpha", "Beta", "Gamma"] {
        assert_eq!(db2.history(name).unwrap(), source.history(name).unwrap());
        assert_eq!(db2.latest(name).unwrap(), source.latest(name).unwrap());
    }

    // Chosen accounts only.
    let some = dir.path().join("out/some.sqlite");
    source
        .export_sqlite(&some, Some(&["beta".to_string(), "Gamma".to_string()]))
        .unwrap();
    let some = Store::open_review(&some).unwrap();
    assert_eq!(some.account_names().unwrap(), ["Beta", "Gamma"]);
    let some_bundle = source.bundle(Some(&["alpha".to_string()])).unwrap();
    assert_eq!(some_bundle.accounts.len(), 1);
    assert_eq!(some_bundle.accounts[0].versions.len(), 3);
    assert_eq!(
        source
            .export_bundle(&dir.path().join("x.json"), Some(&["nope".to_string()]))
            .unwrap_err()
            .kind(),
        "account_not_found"
    );
}

#[test]
fn duplicates_skip_replace_rename() {
    let dir = tmp();
    let source = seeded(&dir.path().join("source.sqlite"));
    let bundle = dir.path().join("bundle.json");
    source
        .export_bundle(&bundle, Some(&["Alpha".to_string()]))
        .unwrap();

    let mut target = Store::open(&dir.path().join("target.sqlite")).unwrap();
    target
        .save("alpha", &config(0, "alpha"), "zed", "local")
        .unwrap();

    let before = snapshot(target.path());
    let err = target
        .import_file(&bundle, OnDuplicate::Refuse)
        .unwrap_err();
    assert_eq!(err.kind(), "duplicate_accounts");
    assert!(err.to_string().contains("'alpha'"), "{err}");
    // The store is still open, so compare the database and its WAL (the -shm index is shared
    // memory and changes with any read).
    assert!(snapshot(target.path())[..2] == before[..2]);

    let r = target.import_file(&bundle, OnDuplicate::Skip).unwrap();
    assert_eq!(r.skipped, ["alpha"]);
    assert_eq!(target.history("Alpha").unwrap().len(), 1);

    let r = target.import_file(&bundle, OnDuplicate::Replace).unwrap();
    assert_eq!(r.replaced, ["alpha"]);
    let h = target.history("Alpha").unwrap();
    assert_eq!(
        h.iter().map(|v| v.version).collect::<Vec<_>>(),
        [1, 2, 3, 4]
    );
    assert_eq!(h[1].author, "alice");
    assert_eq!(target.latest("alpha").unwrap().config, config(7, "Alpha"));

    let r = target.import_file(&bundle, OnDuplicate::Rename).unwrap();
    assert_eq!(
        r.renamed,
        [("Alpha".to_string(), "Alpha (imported)".to_string())]
    );
    let r = target.import_file(&bundle, OnDuplicate::Rename).unwrap();
    assert_eq!(r.renamed[0].1, "Alpha (imported 2)");
    assert_eq!(target.history("Alpha (imported 2)").unwrap().len(), 3);
}

/// Build a bundle text from a valid one with a change to its JSON.
fn edited(bundle: &Bundle, edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut value = serde_json::to_value(bundle).unwrap();
    edit(&mut value);
    serde_json::to_string_pretty(&value).unwrap()
}

#[test]
fn bad_input_is_refused_naming_file_record_and_field_and_leaves_the_target_unchanged() {
    let dir = tmp();
    let source = seeded(&dir.path().join("source.sqlite"));
    let good = source.bundle(None).unwrap();
    let target_path = dir.path().join("target.sqlite");
    {
        let mut target = Store::open(&target_path).unwrap();
        target
            .save("Local", &config(5, "Local"), "me", "mine")
            .unwrap();
    }
    let good_export = dir.path().join("good.sqlite");
    source.export_sqlite(&good_export, None).unwrap();
    let good_bytes = std::fs::read(&good_export).unwrap();

    let mut cases: Vec<(&str, Vec<u8>, Vec<&str>)> = vec![
        (
            "malformed.json",
            b"{\"format\": \"callpage-cookie-admin/bundle\", \"version\": 1, ".to_vec(),
            vec!["malformed.json"],
        ),
        ("empty.json", Vec::new(), vec!["empty"]),
        (
            "garbage.bin",
            vec![0xff, 0xfe, 0x00, 0x13, 0x37],
            vec!["garbage.bin"],
        ),
        (
            "truncated.sqlite",
            good_bytes[..good_bytes.len() / 2].to_vec(),
            vec!["truncated.sqlite"],
        ),
        (
            "header-only.sqlite",
            good_bytes[..100].to_vec(),
            vec!["header-only.sqlite"],
        ),
    ];
    let json_cases: Vec<(&str, String, Vec<&str>)> = vec![
        (
            "wrong-type.json",
            edited(&good, |v| {
                v["accounts"][1]["versions"][0]["version"] = "one".into()
            }),
            vec!["accounts[1].versions[0].version"],
        ),
        (
            "unknown-field.json",
            edited(&good, |v| {
                v["accounts"][0]["versions"][2]["mood"] = "happy".into()
            }),
            vec!["accounts[0].versions[2]", "mood"],
        ),
        (
            "bad-config-type.json",
            edited(&good, |v| {
                v["accounts"][1]["versions"][0]["config"]["features"][0] = 3.into()
            }),
            vec!["accounts[1]", "'Beta'", "version 1", "config.features[0]"],
        ),
        (
            "bad-config-unknown.json",
            edited(&good, |v| {
                v["accounts"][0]["versions"][1]["config"]["colour"] = "red".into()
            }),
            vec!["accounts[0] ('Alpha') version 2", "colour"],
        ),
        (
            "bad-cmp.json",
            edited(&good, |v| {
                v["accounts"][1]["versions"][0]["config"]["cmp"] = "nope".into()
            }),
            vec!["accounts[1]", "config.cmp"],
        ),
        (
            "versions-out-of-order.json",
            edited(&good, |v| {
                v["accounts"][0]["versions"][2]["version"] = 1.into()
            }),
            vec!["accounts[0].versions[2].version"],
        ),
        (
            "duplicate-names.json",
            edited(&good, |v| {
                v["accounts"][1]["account"]["name"] = "ALPHA".into()
            }),
            vec!["accounts[1].account.name", "twice"],
        ),
        (
            "newer-bundle.json",
            edited(&good, |v| v["version"] = (BUNDLE_VERSION + 1).into()),
            vec!["newer"],
        ),
        (
            "config-not-an-object.json",
            edited(&good, |v| {
                v["accounts"][0]["versions"][1]["config"] = "nope".into()
            }),
            vec!["accounts[0] ('Alpha') version 2: field accounts[0].versions[1].config:"],
        ),
        (
            "bad-time.json",
            edited(&good, |v| {
                v["accounts"][0]["versions"][0]["created_at"] = "soon".into()
            }),
            vec!["accounts[0].versions[0].created_at"],
        ),
    ];
    for (name, text, needles) in json_cases {
        cases.push((name, text.into_bytes(), needles));
    }
    // A database from a newer build.
    {
        let newer = dir.path().join("newer.sqlite");
        std::fs::write(&newer, &good_bytes).unwrap();
        let conn = rusqlite::Connection::open(&newer).unwrap();
        conn.execute_batch("PRAGMA user_version = 42").unwrap();
    }
    // A database with a bad configuration inside.
    {
        let bad = dir.path().join("bad-row.sqlite");
        std::fs::write(&bad, &good_bytes).unwrap();
        let conn = rusqlite::Connection::open(&bad).unwrap();
        conn.execute(
            "UPDATE config_versions SET config = json_set(config, '$.language', 'xx')
             WHERE version = 2",
            [],
        )
        .unwrap();
    }

    let before = snapshot(&target_path);
    let check = |file: &Path, needles: &[&str]| {
        let mut target = Store::open(&target_path).unwrap();
        for mode in [
            OnDuplicate::Refuse,
            OnDuplicate::Skip,
            OnDuplicate::Replace,
            OnDuplicate::Rename,
        ] {
            let err = target.import_file(file, mode).unwrap_err();
            let message = err.to_string();
            assert!(
                message.contains(&file.display().to_string()),
                "{file:?}: {message}"
            );
            for needle in needles {
                assert!(
                    message.contains(needle),
                    "{file:?}: '{needle}' not in: {message}"
                );
            }
        }
        drop(target);
        assert!(
            snapshot(&target_path) == before,
            "{file:?} changed the target"
        );
    };
    for (name, bytes, needles) in &cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        check(&path, needles);
    }
    check(&dir.path().join("newer.sqlite"), &["schema version 42"]);
    check(
        &dir.path().join("bad-row.sqlite"),
        &["'Alpha'", "version 2", "language"],
    );
    check(&dir.path().join("missing.json"), &[]);

    // A target that is itself from a newer build is refused before anything is read.
    let newer_target = dir.path().join("newer.sqlite");
    let newer_before = snapshot(&newer_target);
    assert_eq!(
        Store::open(&newer_target).unwrap_err().kind(),
        "newer_schema"
    );
    assert!(snapshot(&newer_target) == newer_before);
    let not_db = dir.path().join("garbage.bin");
    assert_eq!(Store::open(&not_db).unwrap_err().kind(), "not_a_database");
    let nowhere = dir.path().join("no/such/dir/db.sqlite");
    let err = Store::open(&nowhere).unwrap_err();
    assert_eq!(err.kind(), "io");
    assert!(err.to_string().contains("no/such/dir"), "{err}");
}

#[test]
fn review_mode_never_changes_the_file() {
    let dir = tmp();
    // A database in WAL mode, closed cleanly (no sidecars), as a customer would send it.
    let db = dir.path().join("customer.sqlite");
    drop(seeded(&db));
    let export = dir.path().join("customer-export.sqlite");
    let bundle = dir.path().join("customer.json");
    {
        let s = Store::open(&db).unwrap();
        s.export_sqlite(&export, None).unwrap();
        s.export_bundle(&bundle, None).unwrap();
    }
    // A WAL database copied while its writer was still open: data lives in the -wal file.
    let live = dir.path().join("live");
    std::fs::create_dir(&live).unwrap();
    let copied = live.join("copied.sqlite");
    {
        let mut writer = Store::open(&dir.path().join("writer.sqlite")).unwrap();
        writer
            .save("Walled", &config(6, "Walled"), "w", "in the wal")
            .unwrap();
        for suffix in ["", "-wal"] {
            let mut from = dir.path().join("writer.sqlite").into_os_string();
            from.push(suffix);
            let mut to = copied.clone().into_os_string();
            to.push(suffix);
            std::fs::copy(&from, &to).unwrap();
        }
    }

    for (path, expect) in [
        (&db, "Alpha"),
        (&export, "Alpha"),
        (&bundle, "Alpha"),
        (&copied, "Walled"),
    ] {
        let before = snapshot(path);
        {
            let mut review = Store::open_review(path).unwrap();
            assert!(review.is_read_only());
            let names = review.account_names().unwrap();
            assert!(names.iter().any(|n| n == expect), "{path:?}: {names:?}");
            review.list_accounts(&AccountFilter::default()).unwrap();
            review.history(expect).unwrap();
            review.latest(expect).unwrap();
            if expect == "Alpha" {
                review.diff("Alpha", 1, 3).unwrap();
            }
            // Exports work from review mode (the file is only read).
            let out = dir.path().join("from-review.sqlite");
            review.export_sqlite(&out, None).unwrap();
            assert!(integrity_ok(&out));
            let copy = Store::open_review(&out).unwrap();
            assert_eq!(
                copy.account_names().unwrap(),
                review.account_names().unwrap()
            );
            review
                .export_bundle(&dir.path().join("from-review.json"), None)
                .unwrap();
            let err = review.save("New", &config(1, "New"), "x", "").unwrap_err();
            assert_eq!(err.kind(), "read_only");
            assert_eq!(review.delete(expect).unwrap_err().kind(), "read_only");
            assert_eq!(
                review
                    .import_file(&bundle, OnDuplicate::Skip)
                    .unwrap_err()
                    .kind(),
                "read_only"
            );
        }
        let after = snapshot(path);
        assert!(
            before == after,
            "{path:?} or a file beside it changed in review mode: {:?} -> {:?}",
            before
                .iter()
                .map(|(s, b)| (s.clone(), b.as_ref().map(Vec::len)))
                .collect::<Vec<_>>(),
            after
                .iter()
                .map(|(s, b)| (s.clone(), b.as_ref().map(Vec::len)))
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn bundle_schema_is_published_and_matches_an_export() {
    let schema_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas/bundle.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&schema_path).unwrap()).unwrap();
    let dir = tmp();
    let store = seeded(&dir.path().join("db.sqlite"));
    let bundle = serde_json::to_value(store.bundle(None).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&bundle)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    // The schema rejects what the importer rejects.
    let mut bad = bundle.clone();
    bad["accounts"][0]["versions"][0]["mood"] = "x".into();
    assert!(!validator.is_valid(&bad));
    let mut bad = bundle.clone();
    bad["accounts"][0]["versions"][0]["config"]["features"][0] = 3.into();
    assert!(!validator.is_valid(&bad));
    let mut bad = bundle;
    bad["format"] = "other".into();
    assert!(!validator.is_valid(&bad));
}

// ---- Tests across processes: this test binary re-runs itself as a helper. ----

/// Runs only when spawned by another test with the helper variable set.
#[test]
fn helper_process() {
    let Ok(role) = std::env::var(HELPER_ENV) else {
        return;
    };
    let args: Vec<String> = role.split('|').map(String::from).collect();
    match args[0].as_str() {
        "import" => {
            let mut store = Store::open(Path::new(&args[1])).unwrap();
            println!("importing");
            store
                .import_file(Path::new(&args[2]), OnDuplicate::Skip)
                .unwrap();
            println!("imported");
        }
        "save" => {
            let mut store = Store::open(Path::new(&args[1])).unwrap();
            let tag = &args[2];
            let n: usize = args[3].parse().unwrap();
            for i in 0..n {
                store
                    .save("Shared", &config(i, "Shared"), tag, &format!("{tag}-{i}"))
                    .unwrap();
                store
                    .save(
                        &format!("Own {tag}"),
                        &config(i, "Own"),
                        tag,
                        &format!("{i}"),
                    )
                    .unwrap();
            }
        }
        "save-each" => {
            // Like separate CLI runs: open, save, close, so the side files come and go.
            let tag = &args[2];
            let n: usize = args[3].parse().unwrap();
            for i in 0..n {
                let mut store = Store::open(Path::new(&args[1])).unwrap();
                store
                    .save("Shared", &config(i, "Shared"), tag, &format!("{tag}-{i}"))
                    .unwrap();
            }
        }
        other => panic!("unknown helper role {other}"),
    }
}

fn helper(role: &str) -> Command {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args([
        "--exact",
        "helper_process",
        "--nocapture",
        "--test-threads",
        "1",
    ])
    .env(HELPER_ENV, role)
    .stdin(Stdio::null());
    cmd
}

fn wal_len(db: &Path) -> u64 {
    let mut p = db.as_os_str().to_owned();
    p.push("-wal");
    std::fs::metadata(PathBuf::from(p))
        .map(|m| m.len())
        .unwrap_or(0)
}

#[test]
fn sigkill_during_a_large_import_leaves_all_or_nothing() {
    let dir = tmp();
    let db = dir.path().join("target.sqlite");
    drop(seeded(&db));
    // A large bundle: 4,000 accounts x 3 versions.
    let big = dir.path().join("big.json");
    {
        let mut scratch = Store::open_in_memory().unwrap();
        for i in 0..4000 {
            let name = format!("Big {i:05}");
            for k in 0..3 {
                scratch
                    .save(&name, &config(i + k, &name), "gen", "bulk")
                    .unwrap();
            }
        }
        scratch.export_bundle(&big, None).unwrap();
    }
    let mut killed_mid_write = 0;
    for attempt in 0..3 {
        let mut child = helper(&format!("import|{}|{}", db.display(), big.display()))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let start = Instant::now();
        // Kill once the import's transaction has spilled pages into the WAL.
        let threshold = 256 * 1024 * (attempt + 1);
        loop {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            if wal_len(&db) > threshold {
                child.kill().unwrap(); // SIGKILL on Unix
                killed_mid_write += 1;
                break;
            }
            assert!(start.elapsed() < Duration::from_secs(120), "helper hung");
            std::thread::sleep(Duration::from_millis(2));
        }
        let status = child.wait().unwrap();
        assert!(integrity_ok(&db), "integrity after attempt {attempt}");
        let store = Store::open(&db).unwrap();
        let count = store.account_names().unwrap().len();
        if status.success() {
            assert_eq!(count, 3 + 4000);
            break;
        }
        assert_eq!(count, 3, "a killed import must leave nothing behind");
        assert_eq!(store.history("Alpha").unwrap().len(), 3);
    }
    assert!(
        killed_mid_write > 0,
        "the import was never killed mid-write"
    );
}

#[test]
fn two_processes_saving_concurrently_lose_no_version() {
    let dir = tmp();
    let db = dir.path().join("shared.sqlite");
    drop(Store::open(&db).unwrap());
    let n = 40;
    let children: Vec<_> = ["p1", "p2"]
        .iter()
        .map(|tag| {
            helper(&format!("save|{}|{tag}|{n}", db.display()))
                .stdout(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let store = Store::open(&db).unwrap();
    let history = store.history("Shared").unwrap();
    assert_eq!(
        history.iter().map(|v| v.version).collect::<Vec<_>>(),
        (1..=2 * n as i64).collect::<Vec<_>>()
    );
    assert!(
        history
            .windows(2)
            .all(|w| w[0].created_at <= w[1].created_at),
        "times follow version order"
    );
    let mut notes: Vec<&str> = history.iter().map(|v| v.note.as_str()).collect();
    notes.sort();
    notes.dedup();
    assert_eq!(notes.len(), 2 * n);
    assert_eq!(store.history("Own p1").unwrap().len(), n);
    assert_eq!(store.history("Own p2").unwrap().len(), n);
    assert!(integrity_ok(&db));
}

/// Another connection holds the write lock (`BEGIN IMMEDIATE`) for `hold`, then commits.
fn hold_write_lock(path: &Path, hold: Duration) -> std::thread::JoinHandle<()> {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    std::thread::spawn(move || {
        std::thread::sleep(hold);
        conn.execute_batch("COMMIT").unwrap();
    })
}

#[test]
fn a_busy_database_is_retried_past_the_busy_timeout_before_it_is_reported() {
    let dir = tmp();
    let path = dir.path().join("db.sqlite");
    let mut store = seeded(&path);
    // A short busy timeout, so the retries (200, 500, 1000 ms) are what waits for the lock.
    store.set_busy_timeout(Duration::from_millis(50)).unwrap();

    // Held for 600 ms, far past the 50 ms timeout: the save still goes through, after it.
    let started = Instant::now();
    let holder = hold_write_lock(&path, Duration::from_millis(600));
    let info = store
        .save("Alpha", &config(0, "Alpha"), "alice", "while locked")
        .unwrap();
    assert_eq!(info.version, 4);
    assert!(
        started.elapsed() >= Duration::from_millis(550),
        "it waited for the lock"
    );
    holder.join().unwrap();
    // Imports, renames and deletes take the same path.
    let holder = hold_write_lock(&path, Duration::from_millis(300));
    store.rename("Beta", "Beta 2", "alice").unwrap();
    holder.join().unwrap();

    // Held for longer than every retry: reported as `database_busy`, nothing written.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = Instant::now();
    let error = store
        .save("Alpha", &config(1, "Alpha"), "alice", "never")
        .unwrap_err();
    assert_eq!(error.kind(), "database_busy", "{error}");
    assert!(
        started.elapsed() >= Duration::from_millis(1700),
        "all three retries ran"
    );
    conn.execute_batch("ROLLBACK").unwrap();
    assert_eq!(store.history("Alpha").unwrap().len(), 4);
}

#[test]
fn csv_exports_of_cookie_lists_and_mappings() {
    let dir = tmp();
    let store = seeded(&dir.path().join("db.sqlite"));
    let cookies = dir.path().join("cookies.csv");
    store
        .export(
            cookie_admin_store::ExportFormat::CsvCookies,
            &cookies,
            Some(&["Alpha".to_string(), "Gamma".to_string()]),
            Catalog::embedded(),
        )
        .unwrap();
    let mut reader = csv::Reader::from_path(&cookies).unwrap();
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "account");
    assert_eq!(&headers[5], "name");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let alpha: Vec<_> = rows.iter().filter(|r| &r[0] == "Alpha").collect();
    let gamma: Vec<_> = rows.iter().filter(|r| &r[0] == "Gamma").collect();
    assert!(alpha.len() > gamma.len(), "all features on vs none");
    assert!(gamma
        .iter()
        .all(|r| &r[2] == "core" && &r[4] == "necessary"));
    assert!(alpha.iter().any(|r| &r[2] == "data_memorization"));
    assert!(alpha.iter().all(|r| &r[1] == "3"));

    let mappings = dir.path().join("mappings.csv");
    store
        .export(
            cookie_admin_store::ExportFormat::CsvMappings,
            &mappings,
            None,
            Catalog::embedded(),
        )
        .unwrap();
    let mut reader = csv::Reader::from_path(&mappings).unwrap();
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "account",
            "version",
            "cmp",
            "storage_item",
            "storage_type",
            "feature",
            "internal_category",
            "cmp_category_id",
            "cmp_category_name"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let alpha_cmp = CmpId::ALL[7].id();
    assert!(rows
        .iter()
        .filter(|r| &r[0] == "Alpha")
        .all(|r| &r[2] == alpha_cmp && !r[7].is_empty()));
}

/// The names in column `column` of the CSV text's rows for `account`.
fn csv_column(text: &str, account: &str, column: usize) -> Vec<String> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader
        .records()
        .map(Result::unwrap)
        .filter(|r| &r[0] == account)
        .map(|r| r[column].to_string())
        .collect()
}

#[test]
fn csv_exports_list_the_storage_of_the_catalog_they_are_given() {
    // A newer vendor catalog that renames one Scoring Rules cookie (as the window may load).
    let newer = Catalog::from_json(&cookie_admin_core::catalog::DEFAULT_CATALOG_JSON.replacen(
        "\"cp_visit_count\"",
        "\"cp_visits\"",
        1,
    ))
    .unwrap();
    let dir = tmp();
    let store = seeded(&dir.path().join("db.sqlite"));
    let alpha = Some(&["Alpha".to_string()][..]);

    let builtin = store.cookies_csv(alpha, Catalog::embedded()).unwrap();
    let loaded = store.cookies_csv(alpha, &newer).unwrap();
    assert!(csv_column(&builtin, "Alpha", 5).contains(&"cp_visit_count".to_string()));
    let names = csv_column(&loaded, "Alpha", 5);
    assert!(names.contains(&"cp_visits".to_string()), "{names:?}");
    assert!(!names.contains(&"cp_visit_count".to_string()), "{names:?}");

    let mappings = store.mappings_csv(alpha, &newer).unwrap();
    let items = csv_column(&mappings, "Alpha", 3);
    assert!(items.contains(&"cp_visits".to_string()), "{items:?}");
    assert!(!items.contains(&"cp_visit_count".to_string()), "{items:?}");

    // The same through the file export the window calls.
    for (format, column) in [
        (cookie_admin_store::ExportFormat::CsvCookies, 5),
        (cookie_admin_store::ExportFormat::CsvMappings, 3),
    ] {
        let out = dir.path().join(format!("{format:?}.csv"));
        store.export(format, &out, alpha, &newer).unwrap();
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(csv_column(&text, "Alpha", column).contains(&"cp_visits".to_string()));
    }
}

#[test]
fn diff_shows_cookie_list_and_snippet_changes() {
    let dir = tmp();
    let store = seeded(&dir.path().join("db.sqlite"));
    // Alpha: version 1 has trace_route, version 3 all three features, different CMP.
    let d = store.diff("Alpha", 1, 3).unwrap();
    assert!(d.cookies.iter().any(
        |c| c.feature == "data_memorization" && c.kind == cookie_admin_store::ChangeKind::Added
    ));
    assert!(d.snippet.changed);
    assert_ne!(d.snippet.cmp_before, d.snippet.cmp_after);
    let same = store.diff("Alpha", 2, 2).unwrap();
    assert!(same.fields.is_empty() && same.cookies.is_empty() && !same.snippet.changed);
}

/// Issue 12 item 7: exports (SQLite, bundle, CSV) of a database that two other processes
/// are saving to, over and over: every one succeeds and is complete and valid. Bounded: the
/// writers save a fixed number of versions; the reader stops when they are done.
#[test]
fn exports_while_two_processes_save_are_always_whole() {
    let dir = tmp();
    let db = dir.path().join("busy.sqlite");
    drop(seeded(&db));
    let n = 200;
    // One writer keeps the database open, the other opens it for each save.
    let mut writers: Vec<_> = [("save", "w1"), ("save-each", "w2")]
        .iter()
        .map(|(role, tag)| {
            helper(&format!("{role}|{}|{tag}|{n}", db.display()))
                .stdout(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    let out_db = dir.path().join("snapshot.sqlite");
    let mut exports = 0;
    // Exports started while a writer was still running. How many depends on the machine's
    // load (no timing in a pass/fail test), so only "at least one" is required.
    let mut overlapped = 0;
    let start = Instant::now();
    loop {
        let running = writers.iter_mut().any(|w| w.try_wait().unwrap().is_none());
        if running {
            overlapped += 1;
        }
        // Open anew each time, as the CLI does: the side files come and go with the writers.
        let review = Store::open_review(&db).unwrap_or_else(|e| panic!("open {exports}: {e}"));
        let bundle = review
            .bundle(None)
            .unwrap_or_else(|e| panic!("bundle {exports}: {e}"));
        assert!(bundle.accounts.iter().all(|a| !a.versions.is_empty()));
        review
            .cookies_csv(None, Catalog::embedded())
            .unwrap_or_else(|e| panic!("csv {exports}: {e}"));
        if exports % 10 == 0 {
            review
                .export_sqlite(&out_db, None)
                .unwrap_or_else(|e| panic!("sqlite export {exports}: {e}"));
            assert!(integrity_ok(&out_db));
            let mut check = Store::open_in_memory().unwrap();
            check.import_file(&out_db, OnDuplicate::Refuse).unwrap();
        }
        exports += 1;
        if !running {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(120), "writers hung");
    }
    for mut w in writers {
        assert!(w.wait().unwrap().success());
    }
    assert!(overlapped >= 1, "no export overlapped the writers");
    let store = Store::open(&db).unwrap();
    assert_eq!(store.history("Shared").unwrap().len(), 2 * n);
    eprintln!("{overlapped} of {exports} exports while the writers saved");
}
