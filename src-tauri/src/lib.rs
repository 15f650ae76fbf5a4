//! The desktop shell of CallPage Cookie Admin: thin Tauri v2 glue over `cookie-admin-core`
//! and `cookie-admin-store`. The builder is generic over the runtime so the commands can be
//! tested with `tauri::test::mock_builder()`.

pub mod catalog;
pub mod commands;
pub mod error;
pub mod locale;
pub mod settings;
pub mod state;
pub mod window;

use std::path::PathBuf;
use std::time::Instant;

use tauri::{App, Builder, Manager, Runtime};

use crate::catalog::Catalogs;
use crate::commands::consent_preview::LivePreview;
use crate::state::{Databases, Db, Ui};

/// Every command the window may call, in one list (build.rs and the capability file name the
/// same commands).
#[macro_export]
macro_rules! app_commands {
    () => {
        tauri::generate_handler![
            $crate::commands::app::app_info,
            $crate::commands::app::app_lists,
            $crate::commands::app::preview,
            $crate::commands::app::set_dirty,
            $crate::commands::app::close_window,
            $crate::commands::app::app_ready,
            $crate::commands::settings::get_settings,
            $crate::commands::settings::update_settings,
            $crate::commands::database::database_info,
            $crate::commands::database::open_database,
            $crate::commands::database::open_review,
            $crate::commands::database::close_review,
            $crate::commands::accounts::list_accounts,
            $crate::commands::accounts::list_accounts_page,
            $crate::commands::accounts::create_account,
            $crate::commands::accounts::create_example,
            $crate::commands::accounts::rename_account,
            $crate::commands::accounts::duplicate_account,
            $crate::commands::accounts::delete_account,
            $crate::commands::accounts::undo_delete,
            $crate::commands::accounts::load_account,
            $crate::commands::versions::save_config,
            $crate::commands::versions::history,
            $crate::commands::versions::get_version,
            $crate::commands::versions::diff_versions,
            $crate::commands::versions::restore_version,
            $crate::commands::transfer::import_file,
            $crate::commands::transfer::export_file,
            $crate::commands::transfer::declaration,
            $crate::commands::transfer::mapping,
            $crate::commands::transfer::save_declaration,
            $crate::commands::transfer::save_mapping,
            $crate::commands::audit::audit_report,
            $crate::commands::audit::save_audit,
            $crate::commands::site_check::site_check,
            $crate::commands::site_check::cancel_site_check,
            $crate::commands::site_check::site_check_rules,
            $crate::commands::catalog::catalog_info,
            $crate::commands::catalog::preview_catalog,
            $crate::commands::catalog::cancel_catalog,
            $crate::commands::catalog::apply_catalog,
            $crate::commands::catalog::preview_builtin_catalog,
            $crate::commands::catalog::use_builtin_catalog,
            $crate::commands::consent_preview::consent_preview,
        ]
    };
}

/// Plugins, state and commands, on any runtime (the real one or the test mock).
///
/// State already managed on the builder wins: tests pass a `Db` on a temporary file; the
/// app opens the database from the settings (or the default one) in `setup`.
pub fn build_app<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder
        .plugin(tauri_plugin_store::Builder::new().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .manage(commands::site_check::SiteCheckCancel::default())
        .invoke_handler(app_commands!())
        .on_window_event(window::on_event)
        .setup(|app| {
            setup(app)?;
            Ok(())
        })
}

fn setup<R: Runtime>(app: &mut App<R>) -> Result<(), Box<dyn std::error::Error>> {
    if app.try_state::<Ui>().is_none() {
        app.manage(Ui::new(Instant::now()));
    }
    let settings = settings::load(app.handle()).unwrap_or_default();
    if app.try_state::<Catalogs>().is_none() {
        // The catalog kept in the data directory, else the built-in one (never fails).
        app.manage(Catalogs::load(&app.path().app_data_dir()?));
    }
    if app.try_state::<Db>().is_none() {
        let path = database_path(app, settings.last_database.as_ref())?;
        app.manage(Db::new(Databases::open(&path)));
    }
    // Versions saved from the window record the catalog in use.
    let version = app.state::<Catalogs>().current().catalog_version.clone();
    app.state::<Db>().lock().set_catalog_version(&version);
    // The consent preview's local site host; the main window's webview uses it as its proxy,
    // so the window is created here (tauri.conf.json has it with `create: false`).
    if app.try_state::<LivePreview>().is_none() {
        app.manage(LivePreview::start());
    }
    let proxy = app.state::<LivePreview>().proxy_url();
    if let Some(window) = window::open_main(app, proxy.as_deref())? {
        if let Some(geometry) = settings.window {
            window::restore(&window, geometry);
        }
    }
    Ok(())
}

/// The database last used if it still exists and opens, else the default one in the app's
/// data directory.
fn database_path<R: Runtime>(
    app: &App<R>,
    last: Option<&PathBuf>,
) -> Result<PathBuf, Box<dyn std::error::Error>> {
    if let Some(last) = last {
        if last.is_file() && cookie_admin_store::Store::open(last).is_ok() {
            return Ok(last.clone());
        }
    }
    let data_dir = app.path().app_data_dir()?;
    std::fs::create_dir_all(&data_dir)?;
    Ok(cookie_admin_store::Store::default_path(&data_dir))
}

/// Says in one line why the window cannot open, instead of a GTK backtrace.
fn display_missing() -> Option<&'static str> {
    if cfg!(target_os = "linux")
        && std::env::var_os("DISPLAY").is_none_or(|v| v.is_empty())
        && std::env::var_os("WAYLAND_DISPLAY").is_none_or(|v| v.is_empty())
    {
        Some("cookie-admin: no display (neither DISPLAY nor WAYLAND_DISPLAY is set); run it in a desktop session or under xvfb-run")
    } else {
        None
    }
}

pub fn run() {
    let started = Instant::now();
    if let Some(message) = display_missing() {
        eprintln!("{message}");
        std::process::exit(2);
    }
    let builder = tauri::Builder::default().manage(Ui::new(started));
    let result = build_app(builder).run(tauri::generate_context!());
    if let Err(error) = result {
        eprintln!("cookie-admin: {error}");
        std::process::exit(1);
    }
}
