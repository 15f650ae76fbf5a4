//! The shell's command tests share one harness: the app on Tauri's mock runtime (no display)
//! with its database, catalog and preview host in a fresh temporary directory, and a "main"
//! window to call commands from through the real IPC layer.

#![allow(dead_code)] // each test file uses the part it needs

use std::path::PathBuf;
use std::sync::Once;

use cookie_admin_lib::build_app;
use cookie_admin_lib::catalog::Catalogs;
use cookie_admin_lib::commands::consent_preview::LivePreview;
use cookie_admin_lib::state::{Databases, Db, Ui};
use serde_json::Value;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY,
};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

/// The settings file and the app data directory go under a temporary home, never the user's.
pub fn temp_home() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let home =
            std::env::temp_dir().join(format!("cookie-admin-shell-tests-{}", std::process::id()));
        std::fs::create_dir_all(&home).unwrap();
        for (var, dir) in [
            ("XDG_CONFIG_HOME", "config"),
            ("XDG_DATA_HOME", "data"),
            ("XDG_CACHE_HOME", "cache"),
        ] {
            std::env::set_var(var, home.join(dir));
        }
    });
}

pub struct TestApp {
    pub app: App<MockRuntime>,
    pub window: WebviewWindow<MockRuntime>,
    pub dir: tempfile::TempDir,
}

impl TestApp {
    /// The app on the mock runtime, with its database in a fresh temporary directory.
    pub fn new() -> TestApp {
        temp_home();
        let dir = tempfile::tempdir().unwrap();
        let app = build_app(mock_builder())
            .manage(Db::new(Databases::open(&dir.path().join("test.sqlite"))))
            // Each test keeps its catalog file in its own directory.
            .manage(Catalogs::load(&dir.path().join("app-data")))
            .manage(Ui::new(std::time::Instant::now()))
            .manage(LivePreview::start())
            .build(mock_context(noop_assets()))
            .unwrap();
        let window = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
        TestApp { app, window, dir }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        invoke(&self.window, cmd, args)
    }

    pub fn ok(&self, cmd: &str, args: Value) -> Value {
        self.call(cmd, args)
            .unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }

    pub fn err_kind(&self, cmd: &str, args: Value) -> String {
        let error = self.call(cmd, args).expect_err(cmd);
        error["kind"].as_str().unwrap_or_default().to_string()
    }
}

/// One command through the IPC layer, as the window's `invoke` sends it.
pub fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().unwrap())
}
