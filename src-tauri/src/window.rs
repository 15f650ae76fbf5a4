//! The main window: its size and position are remembered in the settings and restored on
//! start; closing it with unsaved changes asks the user first (the UI shows the question).

use tauri::{Emitter, Manager, PhysicalPosition, PhysicalSize, Runtime, Window, WindowEvent};

use crate::settings::{self, WindowGeometry};
use crate::state::Ui;

/// The event the window receives when the user tries to close it with unsaved changes.
pub const CLOSE_REQUESTED: &str = "close-requested";

/// Smaller than this and the views no longer fit (tauri.conf.json has the same minimum).
const MIN_WIDTH: u32 = 1024;
const MIN_HEIGHT: u32 = 700;

/// Creates the main window from its entry in tauri.conf.json (which has `create: false`), with
/// the consent preview's host as its webview's proxy: the Preview tab's frame then reaches the
/// test site by name, and nothing else. `None` when the configuration has no main window (the
/// mock contexts of the command tests).
pub fn open_main<R: Runtime, M: Manager<R>>(
    manager: &M,
    proxy: Option<&str>,
) -> tauri::Result<Option<tauri::WebviewWindow<R>>> {
    let Some(config) = manager
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == "main")
        .cloned()
    else {
        return Ok(None);
    };
    let mut builder = tauri::WebviewWindowBuilder::from_config(manager, &config)?;
    if let Some(url) = proxy.and_then(|p| tauri::Url::parse(p).ok()) {
        builder = builder.proxy_url(url);
    }
    let window = builder.build()?;
    accept_preview_cookies(&window)?;
    Ok(Some(window))
}

/// The Preview tab's frame shows the test site on its own origin, a third party to the window
/// (`tauri://localhost`), and WebKitGTK refuses third-party cookies by default: the site's CMP
/// and the widget could not store a cookie. The window itself loads nothing from anywhere
/// else (its CSP allows frames from the preview's hosts only, and the proxy answers nothing
/// but the preview), so accepting them lets the preview behave as the customer's site does.
#[cfg(target_os = "linux")]
fn accept_preview_cookies<R: Runtime>(window: &tauri::WebviewWindow<R>) -> tauri::Result<()> {
    window.with_webview(|webview| {
        use webkit2gtk::{CookieAcceptPolicy, CookieManagerExt, WebViewExt, WebsiteDataManagerExt};
        if let Some(cookies) = webview
            .inner()
            .website_data_manager()
            .and_then(|data| data.cookie_manager())
        {
            cookies.set_accept_policy(CookieAcceptPolicy::Always);
        }
    })
}

#[cfg(not(target_os = "linux"))]
fn accept_preview_cookies<R: Runtime>(_window: &tauri::WebviewWindow<R>) -> tauri::Result<()> {
    Ok(())
}

/// Put the window where it was last time, if that place is still on a monitor.
pub fn restore<R: Runtime>(window: &tauri::WebviewWindow<R>, geometry: WindowGeometry) {
    if geometry.maximized {
        let _ = window.maximize();
        return;
    }
    let scale = window.scale_factor().unwrap_or(1.0);
    let min_w = (f64::from(MIN_WIDTH) * scale).round() as u32;
    let min_h = (f64::from(MIN_HEIGHT) * scale).round() as u32;
    let _ = window.set_size(PhysicalSize::new(
        geometry.width.max(min_w),
        geometry.height.max(min_h),
    ));
    let on_screen = window.available_monitors().is_ok_and(|monitors| {
        monitors.iter().any(|m| {
            let (p, s) = (m.position(), m.size());
            let right = i64::from(p.x) + i64::from(s.width);
            let bottom = i64::from(p.y) + i64::from(s.height);
            i64::from(geometry.x) >= i64::from(p.x)
                && i64::from(geometry.y) >= i64::from(p.y)
                && i64::from(geometry.x) < right
                && i64::from(geometry.y) < bottom
        })
    });
    if on_screen {
        let _ = window.set_position(PhysicalPosition::new(geometry.x, geometry.y));
    }
}

fn remember<R: Runtime>(window: &Window<R>) {
    let (Ok(position), Ok(size)) = (window.outer_position(), window.inner_size()) else {
        return;
    };
    let maximized = window.is_maximized().unwrap_or(false);
    if size.width == 0 || size.height == 0 || window.is_minimized().unwrap_or(false) {
        return;
    }
    let geometry = WindowGeometry {
        x: position.x,
        y: position.y,
        width: size.width,
        height: size.height,
        maximized,
    };
    if let Err(error) = settings::set_window(window, geometry) {
        eprintln!("cookie-admin: could not remember the window's place: {error}");
    }
}

/// Window events of the main window.
pub fn on_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    match event {
        WindowEvent::Moved(_) | WindowEvent::Resized(_) => remember(window),
        WindowEvent::CloseRequested { api, .. } => {
            let dirty = window.try_state::<Ui>().is_some_and(|ui| ui.is_dirty());
            if dirty {
                api.prevent_close();
                if let Err(error) = window.emit(CLOSE_REQUESTED, ()) {
                    eprintln!(
                        "cookie-admin: could not ask the window about unsaved changes: {error}"
                    );
                }
            }
        }
        _ => {}
    }
}
