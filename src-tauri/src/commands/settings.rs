//! Settings commands: the UI reads and patches the typed settings; only Rust touches the store.

use tauri::{AppHandle, Runtime};

use crate::error::ShellResult;
use crate::settings::{self, Settings, SettingsPatch};

#[tauri::command(async)]
pub fn get_settings<R: Runtime>(app: AppHandle<R>) -> ShellResult<Settings> {
    settings::load(&app)
}

#[tauri::command(async)]
pub fn update_settings<R: Runtime>(
    app: AppHandle<R>,
    patch: SettingsPatch,
) -> ShellResult<Settings> {
    settings::update(&app, patch)
}
