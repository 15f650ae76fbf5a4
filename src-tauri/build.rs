// The app's own commands are listed here so that Tauri generates `allow-<command>`
// permissions for them; the capability file then grants them to the main window only.
// Without an app manifest every command would be callable from any window.
const COMMANDS: &[&str] = &["app_info", "preview", "get_settings", "update_settings"];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        println!("cargo:warning=tauri build step failed: {error:#}");
        std::process::exit(1);
    }
}
