//! The desktop shell of CallPage Cookie Admin: thin Tauri v2 glue over `cookie-admin-core`
//! and `cookie-admin-store`. The builder is generic over the runtime so the commands can be
//! tested with `tauri::test::mock_builder()`.

pub mod commands;
pub mod error;
pub mod settings;

use tauri::{Builder, Runtime};

/// Plugins, state and commands, on any runtime (the real one or the test mock).
pub fn build_app<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder
        .plugin(tauri_plugin_store::Builder::new().build())
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::app::preview,
            commands::settings::get_settings,
            commands::settings::update_settings,
        ])
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
    if let Some(message) = display_missing() {
        eprintln!("{message}");
        std::process::exit(2);
    }
    let result = build_app(tauri::Builder::default()).run(tauri::generate_context!());
    if let Err(error) = result {
        eprintln!("cookie-admin: {error}");
        std::process::exit(1);
    }
}
