// The app's own commands are listed here so that Tauri generates `allow-<command>`
// permissions for them; the capability file then grants them to the main window only.
// Without an app manifest every command would be callable from any window.
const COMMANDS: &[&str] = &[
    "app_info",
    "app_lists",
    "preview",
    "set_dirty",
    "close_window",
    "app_ready",
    "get_settings",
    "update_settings",
    "database_info",
    "open_database",
    "open_review",
    "close_review",
    "list_accounts",
    "list_accounts_page",
    "create_account",
    "create_example",
    "rename_account",
    "duplicate_account",
    "delete_account",
    "undo_delete",
    "load_account",
    "save_config",
    "history",
    "get_version",
    "diff_versions",
    "restore_version",
    "import_file",
    "export_file",
    "declaration",
    "mapping",
    "save_declaration",
    "save_mapping",
    "audit_report",
    "save_audit",
    "site_check",
    "cancel_site_check",
    "site_check_rules",
    "catalog_info",
    "preview_catalog",
    "cancel_catalog",
    "apply_catalog",
    "preview_builtin_catalog",
    "use_builtin_catalog",
    "consent_preview",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        println!("cargo:warning=tauri build step failed: {error:#}");
        std::process::exit(1);
    }
}
