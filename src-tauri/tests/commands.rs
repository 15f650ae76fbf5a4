//! The commands through the IPC layer on Tauri's mock runtime (no display): arguments are
//! parsed as the window sends them, results and `{kind, message}` errors come back as JSON,
//! and the capability file (with `generate_context!()`) lets through only what it grants.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test file: failing loudly is the point

mod common;

use std::path::Path;

use common::*;
use cookie_admin_lib::build_app;
use cookie_admin_lib::commands::consent_preview::LivePreview;
use cookie_admin_lib::state::{Db, Ui};
use serde_json::{json, Value};
use tauri::test::mock_builder;
use tauri::{Manager, WebviewWindowBuilder};

fn config(name: &str, features: &[&str], cmp: Option<&str>) -> Value {
    json!({
        "schema_version": 1,
        "account": { "id": name.to_lowercase(), "name": name },
        "domains": ["www.acme.example"],
        "features": features,
        "cmp": cmp,
    })
}

fn names(t: &TestApp, filter: Value) -> Vec<String> {
    t.ok("list_accounts", json!({ "filter": filter }))
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn preview_returns_the_summary_and_the_snippet_for_the_chosen_cmp() {
    let t = TestApp::new();
    let none = t.ok("preview", json!({ "config": config("ACME", &[], None) }));
    assert_eq!(none["verdict"]["nothing_to_do"], true);
    assert_eq!(none["cookies"].as_array().unwrap().len(), 0);
    assert!(none["snippet"].is_null(), "no CMP, no snippet");

    let on = t.ok(
        "preview",
        json!({ "config": config("ACME", &["trace_route"], Some("cookiebot")) }),
    );
    assert!(!on["cookies"].as_array().unwrap().is_empty());
    assert_eq!(on["snippet"]["cmp"], "cookiebot");
    assert!(on["matrix"]["states"].as_array().unwrap().len() >= 4);
    // Another CMP than the configuration's, for the picker.
    let other = t.ok(
        "preview",
        json!({ "config": config("ACME", &["trace_route"], Some("cookiebot")), "cmp": "onetrust" }),
    );
    assert_eq!(other["snippet"]["cmp"], "onetrust");

    // A broken configuration names the field.
    let error = t
        .call("preview", json!({ "config": { "schema_version": 1, "account": { "id": "a", "name": "A" }, "features": ["tracking"] } }))
        .unwrap_err();
    assert_eq!(error["kind"], "config_format");
    assert!(error["message"].as_str().unwrap().contains("features"));
}

#[test]
fn the_preview_speaks_the_windows_language_and_app_info_carries_both() {
    let t = TestApp::new();
    let cfg = config("ACME", &["trace_route"], None);
    let en = t.ok("preview", json!({ "config": cfg, "language": "en" }));
    let pl = t.ok("preview", json!({ "config": cfg, "language": "pl" }));
    assert!(en["verdict"]["message"]
        .as_str()
        .unwrap()
        .starts_with("Action needed"));
    assert!(pl["verdict"]["message"]
        .as_str()
        .unwrap()
        .starts_with("Wymagane działanie"));
    assert_eq!(pl["findings"][0]["id"], "no_cmp");
    assert!(pl["findings"][0]["fix"]
        .as_str()
        .unwrap()
        .starts_with("Wybierz platformę CMP"));
    assert_eq!(pl["matrix"]["states"][0]["label"], "Brak decyzji");
    assert_eq!(pl["cookies"][0]["category_label"], "Analityczne");
    // The configuration's own (declaration) language does not decide it.
    assert_eq!(en["verdict"]["language"], "en");
    // No language: English.
    let default = t.ok("preview", json!({ "config": cfg }));
    assert_eq!(default["verdict"]["message"], en["verdict"]["message"]);

    let info = t.ok("app_info", json!({}));
    assert_eq!(info["features"][0]["name"]["en"], "Trace Route");
    assert_eq!(
        info["features"][0]["name"]["pl"],
        "Ścieżka odwiedzin (Trace Route)"
    );
    assert!(info["core"]["summary"]["pl"]
        .as_str()
        .unwrap()
        .contains("widżet"));
    assert!(["en", "pl"].contains(&info["system_language"].as_str().unwrap()));
}

#[test]
fn errors_carry_params_for_the_windows_sentence() {
    let t = TestApp::new();
    t.ok("create_account", json!({ "name": "ACME Ltd" }));
    let error = t
        .call("create_account", json!({ "name": "ACME Ltd" }))
        .unwrap_err();
    assert_eq!(error["kind"], "account_exists");
    assert_eq!(error["params"]["name"], "ACME Ltd");
    assert!(error["message"]
        .as_str()
        .unwrap()
        .contains("already exists"));
    let error = t
        .call("load_account", json!({ "name": "Nobody" }))
        .unwrap_err();
    assert_eq!(error["params"], json!({ "name": "Nobody" }));
    let error = t.call("undo_delete", json!({})).unwrap_err();
    assert_eq!(error["params"], json!({}));
}

#[test]
fn the_example_account_is_saved_in_the_language_asked_for() {
    let t = TestApp::new();
    assert_eq!(
        t.ok("create_example", json!({ "language": "pl" })),
        "Przykładowy sklep"
    );
    let example = t.ok("load_account", json!({ "name": "Przykładowy sklep" }));
    let config = &example["config"];
    assert_eq!(
        config["features"],
        json!(["trace_route", "scoring_rules", "data_memorization"])
    );
    assert_eq!(config["cmp"], "cookiebot");
    assert_eq!(config["language"], "pl");
    assert_eq!(example["note"], "konto przykładowe");
    // A second one gets a number; in English it is "Example shop".
    assert_eq!(
        t.ok("create_example", json!({ "language": "pl" })),
        "Przykładowy sklep 2"
    );
    assert_eq!(
        t.ok("create_example", json!({ "language": "en" })),
        "Example shop"
    );
    let preview = t.ok("preview", json!({ "config": config, "language": "en" }));
    assert_eq!(preview["errors"], 0);
    assert_eq!(preview["warnings"], 0);
    assert_eq!(preview["snippet"]["cmp"], "cookiebot");
    assert_eq!(preview["cookies"].as_array().unwrap().len(), 5);
}

#[test]
fn app_lists_gives_the_window_its_value_lists_from_the_core() {
    let t = TestApp::new();
    let lists = t.ok("app_lists", json!({}));
    let ids = |key: &str| -> Vec<String> {
        lists[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["id"].as_str().or(v.as_str()).unwrap().to_string())
            .collect()
    };
    assert_eq!(
        ids("cmps"),
        cookie_admin_core::CmpId::ALL.map(|c| c.id().to_string())
    );
    assert_eq!(
        ids("categories"),
        ["necessary", "functional", "analytics", "marketing"]
    );
    assert_eq!(ids("languages"), ["en", "pl"]);
    assert_eq!(ids("blocking_modes"), ["auto", "manual"]);
    assert!(ids("consent_types").contains(&"analytics_storage".to_string()));
    // Each CMP comes with its facts, automatic blocking included.
    let termly = &lists["cmps"][11];
    assert_eq!(termly["name"], "Termly");
    assert_eq!(termly["auto_blocking"]["default_mode"], "auto");
    // Labels in both window languages, so a language switch needs no new call.
    assert_eq!(lists["languages"][1]["label"]["en"], "Polish");
    assert_eq!(lists["languages"][1]["label"]["pl"], "polski");
    assert_eq!(lists["categories"][2]["label"]["pl"], "Analityczne");
    assert_eq!(
        lists["blocking_modes"][0]["label"]["pl"],
        "Blokowanie automatyczne jest włączone"
    );
}

#[test]
fn a_hostile_service_name_is_refused_with_its_field() {
    let t = TestApp::new();
    let mut config = config("ACME", &["trace_route"], Some("tarteaucitron"));
    config["cmp_settings"] = json!({ "service_name": "x\"><img src=x onerror=alert(1)>" });
    let error = t.call("preview", json!({ "config": config })).unwrap_err();
    assert_eq!(error["kind"], "config_invalid");
    let message = error["message"].as_str().unwrap();
    assert!(message.contains("cmp_settings.service_name"), "{message}");
}

#[test]
fn accounts_create_search_rename_duplicate_delete_and_undo() {
    let t = TestApp::new();
    t.ok("create_account", json!({ "name": "ACME Ltd" }));
    assert_eq!(
        t.err_kind("create_account", json!({ "name": "acme ltd" })),
        "account_exists"
    );
    t.ok(
        "save_config",
        json!({ "account": "ACME Ltd", "config": config("ACME Ltd", &["trace_route"], Some("onetrust")), "note": "on" }),
    );
    t.ok("create_account", json!({ "name": "Beta" }));
    assert_eq!(names(&t, json!({})), ["ACME Ltd", "Beta"]);
    assert_eq!(names(&t, json!({ "search": "acme.example" })), ["ACME Ltd"]);
    assert_eq!(names(&t, json!({ "cmp": "onetrust" })), ["ACME Ltd"]);
    assert_eq!(names(&t, json!({ "feature": "trace_route" })), ["ACME Ltd"]);
    assert_eq!(
        names(&t, json!({ "feature": "data_memorization" })),
        Vec::<String>::new()
    );
    // The window's list asks for a page and the count.
    let page = t.ok(
        "list_accounts_page",
        json!({ "filter": {}, "offset": 1, "limit": 10 }),
    );
    assert_eq!(page["total"], 2);
    assert_eq!(page["offset"], 1);
    assert_eq!(page["accounts"][0]["name"], "Beta");
    assert_eq!(page["accounts"].as_array().unwrap().len(), 1);
    let page = t.ok(
        "list_accounts_page",
        json!({ "filter": { "feature": "trace_route" }, "offset": 0, "limit": 0 }),
    );
    assert_eq!(
        (
            page["total"].clone(),
            page["accounts"].as_array().unwrap().len()
        ),
        (json!(1), 0)
    );

    t.ok(
        "rename_account",
        json!({ "name": "Beta", "newName": "Gamma" }),
    );
    t.ok(
        "duplicate_account",
        json!({ "name": "ACME Ltd", "newName": "ACME staging" }),
    );
    assert_eq!(names(&t, json!({})), ["ACME Ltd", "ACME staging", "Gamma"]);
    let copy = t.ok("load_account", json!({ "name": "ACME staging" }));
    assert_eq!(copy["config"]["features"], json!(["trace_route"]));

    t.ok("delete_account", json!({ "name": "ACME Ltd" }));
    assert_eq!(names(&t, json!({})), ["ACME staging", "Gamma"]);
    assert_eq!(t.ok("database_info", json!({}))["undo_delete"], "ACME Ltd");
    assert_eq!(t.ok("undo_delete", json!({})), "ACME Ltd");
    let history = t.ok("history", json!({ "account": "ACME Ltd" }));
    assert_eq!(
        history.as_array().unwrap().len(),
        2,
        "undo brings the history back"
    );
    assert_eq!(t.err_kind("undo_delete", json!({})), "nothing_to_undo");
    assert_eq!(
        t.err_kind("load_account", json!({ "name": "Nobody" })),
        "account_not_found"
    );
}

#[test]
fn save_history_diff_restore() {
    let t = TestApp::new();
    let v1 = t.ok(
        "save_config",
        json!({ "account": "ACME", "config": config("ACME", &[], Some("cookiebot")), "note": "first" }),
    );
    assert_eq!(v1["version"], 1);
    t.ok(
        "save_config",
        json!({ "account": "ACME", "config": config("ACME", &["data_memorization"], Some("cookiebot")), "note": "memo on" }),
    );
    let history = t.ok("history", json!({ "account": "ACME" }));
    let notes: Vec<_> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["note"].clone())
        .collect();
    assert_eq!(notes, [json!("first"), json!("memo on")]);
    let diff = t.ok(
        "diff_versions",
        json!({ "account": "ACME", "from": 1, "to": 2 }),
    );
    assert_eq!(diff["fields"][0]["path"], "features");
    assert!(!diff["cookies"].as_array().unwrap().is_empty());
    assert_eq!(diff["snippet"]["changed"], true);
    let restored = t.ok(
        "restore_version",
        json!({ "account": "ACME", "version": 1, "note": "" }),
    );
    assert_eq!(restored["version"], 3);
    assert_eq!(restored["note"], "restored version 1");
    let latest = t.ok("load_account", json!({ "name": "ACME" }));
    assert_eq!(latest["config"]["features"], json!([]));
    let v2 = t.ok("get_version", json!({ "account": "ACME", "version": 2 }));
    assert_eq!(v2["config"]["features"], json!(["data_memorization"]));
}

#[test]
fn export_import_declaration_mapping_and_review_mode() {
    let t = TestApp::new();
    t.ok(
        "save_config",
        json!({ "account": "ACME", "config": config("ACME", &["trace_route"], Some("cookiebot")), "note": "" }),
    );
    let bundle = t.path("bundle.json");
    t.ok(
        "export_file",
        json!({ "path": bundle, "format": "json", "accounts": null }),
    );
    let sqlite = t.path("export.sqlite");
    t.ok(
        "export_file",
        json!({ "path": sqlite, "format": "sqlite", "accounts": ["ACME"] }),
    );
    assert_eq!(
        t.err_kind(
            "export_file",
            json!({ "path": t.path("x"), "format": "xml" })
        ),
        "invalid_argument"
    );

    let decl = t.ok(
        "declaration",
        json!({ "config": config("ACME", &["trace_route"], None), "language": "pl", "format": "md" }),
    );
    assert!(decl.as_str().unwrap().contains("Analityczne") || decl.as_str().unwrap().contains("|"));
    let out = t.path("decl.html");
    t.ok(
        "save_declaration",
        json!({ "path": out, "config": config("ACME", &["trace_route"], None), "language": "en", "format": "html" }),
    );
    assert!(std::fs::read_to_string(&out).unwrap().contains("<table>"));
    let map = t.ok(
        "mapping",
        json!({ "config": config("ACME", &["trace_route"], None), "cmp": "onetrust", "format": "csv" }),
    );
    assert!(map.as_str().unwrap().contains("C0002"));
    let map_out = t.path("map.json");
    t.ok(
        "save_mapping",
        json!({ "path": map_out, "config": config("ACME", &["trace_route"], None), "cmp": null, "format": "tcf" }),
    );
    assert!(std::fs::read_to_string(&map_out)
        .unwrap()
        .contains("disclosures"));

    // Review mode: read the bundle, refuse every write, leave the file as it was.
    let before = std::fs::read(&bundle).unwrap();
    let info = t.ok("open_review", json!({ "path": bundle }));
    assert_eq!(info["read_only"], true);
    assert_eq!(names(&t, json!({})), ["ACME"]);
    assert_eq!(
        t.err_kind("create_account", json!({ "name": "New" })),
        "read_only"
    );
    assert_eq!(
        t.err_kind(
            "save_config",
            json!({ "account": "ACME", "config": config("ACME", &[], None), "note": "" })
        ),
        "read_only"
    );
    assert_eq!(
        t.err_kind("delete_account", json!({ "name": "ACME" })),
        "read_only"
    );
    assert_eq!(std::fs::read(&bundle).unwrap(), before);
    let info = t.ok("close_review", json!({}));
    assert_eq!(info["read_only"], false);

    // Import into a fresh database opened in its place.
    let fresh = t.path("fresh.sqlite");
    t.ok("open_database", json!({ "path": fresh }));
    assert!(names(&t, json!({})).is_empty());
    assert_eq!(t.ok("database_info", json!({}))["path"], json!(fresh));
    assert_eq!(
        t.err_kind("open_database", json!({ "path": t.path("decl.html") })),
        "not_a_database"
    );
    assert_eq!(
        t.ok("database_info", json!({}))["path"],
        json!(fresh),
        "a bad file changes nothing"
    );
    let settings = t.ok("get_settings", json!({}));
    assert_eq!(settings["last_database"], json!(fresh));
}

#[test]
fn import_reports_progress_and_errors_in_full() {
    let t = TestApp::new();
    t.ok(
        "save_config",
        json!({ "account": "ACME", "config": config("ACME", &[], None), "note": "" }),
    );
    let bundle = t.path("bundle.json");
    t.ok("export_file", json!({ "path": bundle, "format": "json" }));
    // The channel id is what the window's `new Channel()` sends.
    let import = |on_duplicate: &str| {
        t.call(
            "import_file",
            json!({ "path": bundle, "onDuplicate": on_duplicate, "progress": "__CHANNEL__:7" }),
        )
    };
    let refused = import("refuse").unwrap_err();
    assert_eq!(refused["kind"], "duplicate_accounts");
    assert!(refused["message"].as_str().unwrap().contains("ACME"));
    let report = import("rename").unwrap();
    assert_eq!(report["renamed"], json!([["ACME", "ACME (imported)"]]));
    assert_eq!(report["versions_written"], 1);

    std::fs::write(t.path("bad.json"), "{ \"format\": 1 }").unwrap();
    let error = t
        .call(
            "import_file",
            json!({ "path": t.path("bad.json"), "progress": "__CHANNEL__:8" }),
        )
        .unwrap_err();
    assert_eq!(error["kind"], "bad_input");
    assert!(error["message"].as_str().unwrap().contains("bad.json"));
}

#[test]
fn dirty_flag_and_settings() {
    let t = TestApp::new();
    t.ok("set_dirty", json!({ "dirty": true }));
    assert!(t.window.state::<Ui>().is_dirty());
    t.ok("set_dirty", json!({ "dirty": false }));
    assert!(!t.window.state::<Ui>().is_dirty());
    let settings = t.ok(
        "update_settings",
        json!({ "patch": { "default_cmp": "didomi", "language": "pl" } }),
    );
    assert_eq!(settings["default_cmp"], "didomi");
    // New accounts start with the default CMP and language.
    t.ok("create_account", json!({ "name": "Zeta" }));
    let zeta = t.ok("load_account", json!({ "name": "Zeta" }));
    assert_eq!(zeta["config"]["cmp"], "didomi");
    assert_eq!(zeta["config"]["language"], "pl");
    assert_eq!(zeta["config"]["account"]["id"], "zeta");
    t.ok("create_account", json!({ "name": "Łódź & co" }));
    let lodz = t.ok("load_account", json!({ "name": "Łódź & co" }));
    assert_eq!(lodz["config"]["account"]["id"], "lodz-co");
    // Arguments the command cannot parse are refused by Tauri before the command runs.
    let error = t
        .call("update_settings", json!({ "patch": { "colour": "red" } }))
        .unwrap_err();
    assert!(error.to_string().contains("unknown field"), "{error}");
    // "No default CMP" from the window is `null`: it clears the setting, as the window sends it.
    let settings = t.ok(
        "update_settings",
        json!({ "patch": { "default_cmp": null } }),
    );
    assert!(settings["default_cmp"].is_null(), "{settings}");
    assert!(t.ok("get_settings", json!({}))["default_cmp"].is_null());
    t.ok("create_account", json!({ "name": "Eta" }));
    let eta = t.ok("load_account", json!({ "name": "Eta" }));
    assert!(eta["config"]["cmp"].is_null());
    // A language patch leaves the cleared CMP alone.
    let settings = t.ok("update_settings", json!({ "patch": { "language": "en" } }));
    assert!(settings["default_cmp"].is_null());
}

#[test]
fn versions_saved_from_the_window_carry_your_name_or_the_os_account() {
    let t = TestApp::new();
    let info = t.ok("app_info", json!({}));
    let os_name = cookie_admin_store::default_author();
    assert_eq!(info["default_author"], json!(os_name));
    // Without the e2e feature the shipped app has no test hook, whatever the environment.
    if !cfg!(feature = "e2e") {
        std::env::set_var("COOKIE_ADMIN_E2E", "1");
        assert_eq!(t.ok("app_info", json!({}))["test_hooks"], false);
    }
    t.ok(
        "update_settings",
        json!({ "patch": { "author_name": null } }),
    );
    let v1 = t.ok("create_account", json!({ "name": "Theta" }));
    assert_eq!(v1["author"], json!(os_name));
    t.ok(
        "update_settings",
        json!({ "patch": { "author_name": "  Ala Kowalska " } }),
    );
    assert_eq!(
        t.ok("get_settings", json!({}))["author_name"],
        "Ala Kowalska"
    );
    let v2 = t.ok(
        "save_config",
        json!({ "account": "Theta", "config": config("Theta", &[], None), "note": "" }),
    );
    assert_eq!(v2["author"], "Ala Kowalska");
    let v3 = t.ok(
        "restore_version",
        json!({ "account": "Theta", "version": 1, "note": "" }),
    );
    assert_eq!(v3["author"], "Ala Kowalska");
    t.ok(
        "rename_account",
        json!({ "name": "Theta", "newName": "Iota" }),
    );
    let history = t.ok("history", json!({ "account": "Iota" }));
    assert_eq!(history[3]["author"], "Ala Kowalska");
    // Emptied: back to the OS account's name.
    t.ok("update_settings", json!({ "patch": { "author_name": "" } }));
    let v5 = t.ok(
        "save_config",
        json!({ "account": "Iota", "config": config("Iota", &[], None), "note": "" }),
    );
    assert_eq!(v5["author"], json!(os_name));
}

#[test]
fn the_window_never_writes_over_the_database_it_uses() {
    let t = TestApp::new();
    t.ok(
        "save_config",
        json!({ "account": "ACME", "config": config("ACME", &["trace_route"], None), "note": "" }),
    );
    let db = t.path("test.sqlite");
    let wal = t.path("test.sqlite-wal");
    for path in [&db, &wal] {
        for format in ["csv-cookies", "json", "sqlite"] {
            assert_eq!(
                t.err_kind(
                    "export_file",
                    json!({ "path": path, "format": format, "accounts": null })
                ),
                "output_is_database"
            );
        }
        assert_eq!(
            t.err_kind(
                "save_declaration",
                json!({ "path": path, "config": config("ACME", &[], None), "language": "en", "format": "csv" })
            ),
            "output_is_database"
        );
        assert_eq!(
            t.err_kind(
                "save_mapping",
                json!({ "path": path, "config": config("ACME", &[], None), "cmp": null, "format": "csv" })
            ),
            "output_is_database"
        );
    }
    // From review mode: neither the reviewed file nor the database in use.
    let bundle = t.path("b.json");
    t.ok("export_file", json!({ "path": bundle, "format": "json" }));
    t.ok("open_review", json!({ "path": bundle }));
    for path in [&bundle, &db] {
        assert_eq!(
            t.err_kind("export_file", json!({ "path": path, "format": "json" })),
            "output_is_database"
        );
    }
    t.ok("close_review", json!({}));
    assert_eq!(names(&t, json!({})), ["ACME"], "the database still works");
    // A name with a control character is refused by the store behind the window.
    assert_eq!(
        t.err_kind("create_account", json!({ "name": "bad\u{1b}[2Jname" })),
        "invalid_argument"
    );
    // A foreign SQLite file is not opened as the database.
    let foreign = t.path("foreign.sqlite");
    std::fs::write(&foreign, std::fs::read(t.path("b.json")).unwrap()).unwrap();
    assert_eq!(
        t.err_kind("open_database", json!({ "path": foreign })),
        "not_a_database"
    );
}

/// With the real context (tauri.conf.json and capabilities/main.json), the ACL lets the main
/// window call what it is granted and nothing else.
#[test]
fn the_capability_file_grants_only_what_the_window_needs() {
    temp_home();
    let mut app = build_app(mock_builder())
        .build(tauri::generate_context!())
        .unwrap();
    // One iteration runs the setup hook and creates the configured window.
    #[allow(deprecated)]
    app.run_iteration(|_, _| {});
    let window = app
        .get_webview_window("main")
        .expect("the main window from tauri.conf.json");
    let info = invoke(&window, "app_info", json!({})).unwrap();
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));
    // Commands that exist (their plugins are registered and work) but are not granted:
    // reading the clipboard, the store plugin's own API, message boxes. Each is denied by the
    // ACL, not for being unknown: the granted neighbour of each gets past the ACL.
    for (denied, granted) in [
        (
            "plugin:clipboard-manager|read_text",
            "plugin:clipboard-manager|write_text",
        ),
        ("plugin:store|load", "get_settings"),
        ("plugin:dialog|message", "plugin:dialog|open"),
    ] {
        let error = invoke(&window, denied, json!({})).unwrap_err();
        let text = error.to_string();
        assert!(text.contains("not allowed"), "{denied}: {text}");
        let past_acl = invoke(&window, granted, json!({}));
        assert!(
            !format!("{past_acl:?}").contains("not allowed"),
            "{granted} is granted: {past_acl:?}"
        );
    }
    // A window the capability does not name may call nothing.
    let other = WebviewWindowBuilder::new(&app, "other", Default::default())
        .build()
        .unwrap();
    let error = invoke(&other, "app_info", json!({})).unwrap_err();
    assert!(error.to_string().contains("not allowed"), "{error}");
    // The default database was opened in the (temporary) app data directory.
    let path = window.state::<Db>().lock().info().path;
    assert!(
        path.ends_with(Path::new("io.callpage.cookie-admin/cookie-admin.sqlite")),
        "{path:?}"
    );
}

/// Every command build.rs lists is granted to the main window, and nothing else of the app's.
#[test]
fn build_rs_and_the_capability_file_agree() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let build = std::fs::read_to_string(root.join("build.rs")).unwrap();
    let list = &build[build.find("const COMMANDS").unwrap()..build.find("];").unwrap()];
    let commands: Vec<String> = list
        .split('"')
        .skip(1)
        .step_by(2)
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    let capability: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("capabilities/main.json")).unwrap(),
    )
    .unwrap();
    let granted: Vec<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .filter(|p| p.starts_with("allow-"))
        .map(String::from)
        .collect();
    assert_eq!(granted, commands);
    let plugins: Vec<&str> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .filter(|p| p.contains(':'))
        .collect();
    assert_eq!(
        plugins,
        [
            "core:event:default",
            "dialog:allow-open",
            "dialog:allow-save",
            "clipboard-manager:allow-write-text"
        ]
    );
}

/// Closing the window with unsaved changes is held back (the window is asked, see
/// `window::on_event`); once the changes are saved or discarded it closes.
#[test]
fn closing_with_unsaved_changes_is_held_back() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;

    let TestApp {
        app,
        window,
        dir: _dir,
    } = TestApp::new();
    invoke(&window, "set_dirty", json!({ "dirty": true })).unwrap();
    let held_back = Arc::new(AtomicBool::new(false));
    let seen = held_back.clone();
    // Once the loop runs: the user closes the window with unsaved changes; a moment later
    // they have answered "discard", the flag drops and they close it again.
    std::thread::spawn(move || {
        let pause = std::time::Duration::from_millis(300);
        std::thread::sleep(pause);
        window.close().unwrap();
        std::thread::sleep(pause);
        let open = window.app_handle().get_webview_window("main").is_some();
        seen.store(open, Ordering::SeqCst);
        window.state::<Ui>().set_dirty(false);
        window.close().unwrap();
    });
    // The mock runtime's loop runs until the last window is gone.
    app.run_return(|_, _| {});
    assert!(
        held_back.load(Ordering::SeqCst),
        "the first close was held back"
    );
}

#[test]
fn a_catalog_is_validated_previewed_cancelled_applied_recorded_and_reverted() {
    let t = TestApp::new();
    let builtin = t.ok("catalog_info", json!({}));
    assert_eq!(builtin["loaded"], false);
    let builtin_version = builtin["version"].as_str().unwrap().to_string();
    let file = t.path("newer.json");
    std::fs::write(
        &file,
        cookie_admin_core::catalog::DEFAULT_CATALOG_JSON
            .replacen(&format!("\"{builtin_version}\""), "\"2027.1.0\"", 1)
            .replacen("\"cp_visit_count\"", "\"cp_visits\"", 1),
    )
    .unwrap();

    // Preview, then cancel: nothing changes, and nothing is left to apply.
    let preview = t.ok("preview_catalog", json!({ "path": file }));
    assert_eq!(preview["diff"]["to_version"], "2027.1.0");
    assert_eq!(preview["diff"]["storage"][0]["kind"], "renamed");
    assert_eq!(preview["diff"]["storage"][0]["old_name"], "cp_visit_count");
    t.ok("cancel_catalog", json!({}));
    assert_eq!(t.err_kind("apply_catalog", json!({})), "nothing_pending");
    assert_eq!(
        t.ok("app_info", json!({}))["catalog_version"],
        json!(builtin_version)
    );
    assert!(!t.path("app-data").join("catalog.json").exists());

    // Preview and apply: in use, kept, and recorded with the next saved version.
    t.ok("preview_catalog", json!({ "path": file }));
    let info = t.ok("apply_catalog", json!({}));
    assert_eq!(
        (info["loaded"].clone(), info["version"].clone()),
        (json!(true), json!("2027.1.0"))
    );
    assert!(t.path("app-data").join("catalog.json").is_file());
    assert_eq!(t.ok("app_info", json!({}))["catalog_version"], "2027.1.0");
    let cookies = t.ok(
        "preview",
        json!({ "config": config("ACME", &["scoring_rules"], None) }),
    )["cookies"]
        .to_string();
    assert!(cookies.contains("cp_visits") && !cookies.contains("cp_visit_count"));
    let saved = t.ok(
        "save_config",
        json!({ "account": "ACME", "config": config("ACME", &[], None), "note": "" }),
    );
    assert_eq!(saved["catalog_version"], "2027.1.0");
    assert_eq!(
        t.ok("history", json!({ "account": "ACME" }))[0]["catalog_version"],
        "2027.1.0"
    );

    // An invalid file: the CLI's message with the file and the field's path; nothing changes.
    let bad = t.path("bad.json");
    std::fs::write(&bad, "{\"schema_version\": 1, \"catalog_version\": 7}").unwrap();
    let error = t
        .call("preview_catalog", json!({ "path": bad }))
        .unwrap_err();
    assert_eq!(error["kind"], "catalog_format");
    let message = error["message"].as_str().unwrap();
    assert!(
        message.starts_with(&format!("{}: catalog: catalog_version", bad.display())),
        "{message}"
    );
    assert_eq!(t.ok("catalog_info", json!({}))["version"], "2027.1.0");

    // Back to the built-in catalog: previewed, then applied; the file is gone.
    let back = t.ok("preview_builtin_catalog", json!({}));
    assert_eq!(back["diff"]["to_version"], json!(builtin_version));
    let info = t.ok("use_builtin_catalog", json!({}));
    assert_eq!(info["loaded"], false);
    assert!(!t.path("app-data").join("catalog.json").exists());
    let saved = t.ok(
        "save_config",
        json!({ "account": "ACME", "config": config("ACME", &[], None), "note": "" }),
    );
    assert_eq!(saved["catalog_version"], json!(builtin_version));
}

/// One GET through the preview host's proxy port, as the window's webview sends it.
fn proxy_get(proxy: &str, url: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(proxy.trim_start_matches("http://")).unwrap();
    write!(stream, "GET {url} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    assert!(reply.starts_with("HTTP/1.1 200"), "{url}: {reply}");
    reply.split_once("\r\n\r\n").unwrap().1.to_owned()
}

/// The live consent preview: the command puts the configuration's snippet (as sent, unsaved)
/// for the chosen CMP on the preview host, which serves it by name through its proxy.
#[test]
fn consent_preview_shows_the_configurations_snippet_on_the_preview_host() {
    let t = TestApp::new();
    let unsaved = config("Acme", &["trace_route"], None);
    let shown = t.ok(
        "consent_preview",
        json!({ "config": unsaved, "cmp": "klaro", "mode": "on", "visitor": 2 }),
    );
    let origin = shown["origin"].as_str().unwrap();
    assert!(origin.starts_with("http://v2-"), "{origin}");
    assert!(origin.ends_with(".preview.test"), "{origin}");
    let proxy = t
        .window
        .state::<LivePreview>()
        .proxy_url()
        .expect("the preview host runs");
    let scene: Value = serde_json::from_str(&proxy_get(
        &proxy,
        &format!("{origin}/__preview/scene.json"),
    ))
    .unwrap();
    let expected = t.ok("preview", json!({ "config": unsaved, "cmp": "klaro" }));
    assert_eq!(scene["snippet"], expected["snippet"]["html"]);
    assert_eq!(scene["target"], "klaro");
    assert_eq!(scene["mode"], "on");
    assert_eq!(scene["enabled"], json!(["trace_route"]));
    assert_eq!(scene["categories"]["trace_route"], "analytics");
    let catalog: Value =
        serde_json::from_str(&proxy_get(&proxy, &format!("{origin}/catalog.json"))).unwrap();
    assert!(catalog["features"].as_array().is_some_and(|f| f.len() == 3));
    // A configuration that does not parse is refused with the core's error, and nothing is shown.
    let kind = t.err_kind(
        "consent_preview",
        json!({ "config": { "schema_version": 1 }, "cmp": "klaro", "mode": null, "visitor": 1 }),
    );
    assert_ne!(kind, "preview");
    assert!(!kind.is_empty());
}
