//! The live consent preview (issue 17): the account's current snippet (unsaved edits
//! included) on the test site, in the editor's Preview tab. The site itself is served by the
//! preview host (`cookie-admin-preview-host`), which the window's webview uses as its proxy;
//! this command only says what to show.

use cookie_admin_core::{cmp, AccountConfig, CmpId, Feature, Language};
use cookie_admin_preview_host::{PreviewHost, Scene, Shown};
use tauri::State;

use crate::catalog::Catalogs;
use crate::error::{ShellError, ShellResult};

/// Managed state: the running preview host, or why it could not start (the rest of the app
/// works without it; the Preview tab then says why).
pub struct LivePreview(pub Result<PreviewHost, String>);

impl LivePreview {
    pub fn start() -> Self {
        LivePreview(PreviewHost::start().map_err(|e| e.to_string()))
    }

    /// The proxy the main window's webview must use, when the host runs.
    pub fn proxy_url(&self) -> Option<String> {
        self.0.as_ref().ok().map(PreviewHost::proxy_url)
    }
}

/// Shows `config`'s snippet for `cmp` with the CMP's blocking `mode` (`off`/`on`, default the
/// CMP's own) to visitor number `visitor`, and returns the address the Preview frame opens.
#[tauri::command(async)]
pub fn consent_preview(
    preview: State<'_, LivePreview>,
    catalogs: State<'_, Catalogs>,
    config: serde_json::Value,
    cmp: CmpId,
    mode: Option<String>,
    visitor: u32,
) -> ShellResult<Shown> {
    let host = preview
        .0
        .as_ref()
        .map_err(|reason| ShellError::Preview(reason.clone()))?;
    let config = AccountConfig::from_value(config)?;
    let catalog = catalogs.current();
    let catalog = catalog.as_ref();
    // The test site is in English; the snippet's comments are too.
    let snippet = cmp::snippet(catalog, &config, cmp, Language::En);
    let scene = Scene {
        target: json_id(&cmp),
        mode: mode.filter(|m| m == "on" || m == "off"),
        snippet: e2e_mutation(snippet.html),
        enabled: config.features.iter().map(|f| f.id().to_owned()).collect(),
        categories: Feature::ALL
            .iter()
            .map(|&f| (f.id().to_owned(), json_id(&config.category_of(f, catalog))))
            .collect(),
        catalog_json: serde_json::to_string(catalog)
            .map_err(|e| ShellError::Preview(e.to_string()))?,
    };
    host.show(&scene, visitor)
        .map_err(|e| ShellError::Preview(e.to_string()))
}

/// The end-to-end tests' hook (only in a build with the `e2e` feature, and then only with
/// `COOKIE_ADMIN_E2E=1`): `COOKIE_ADMIN_E2E_PREVIEW_MUTATE={"from": …, "to": …}` breaks the
/// previewed snippet on purpose, as the browser proof's self-checks do, so a test can see
/// the preview report the mismatch. The shipped app has no such hook.
#[cfg(feature = "e2e")]
fn e2e_mutation(snippet: String) -> String {
    #[derive(serde::Deserialize)]
    struct Mutation {
        from: String,
        to: String,
    }
    let enabled = std::env::var("COOKIE_ADMIN_E2E").is_ok_and(|v| v == "1");
    let mutation = std::env::var("COOKIE_ADMIN_E2E_PREVIEW_MUTATE")
        .ok()
        .and_then(|text| serde_json::from_str::<Mutation>(&text).ok());
    match mutation {
        Some(m) if enabled && !m.from.is_empty() => snippet.replace(&m.from, &m.to),
        _ => snippet,
    }
}

#[cfg(not(feature = "e2e"))]
fn e2e_mutation(snippet: String) -> String {
    snippet
}

/// The id a value serialises to (`"cookiebot"`, `"trace_route"`, `"analytics"`).
fn json_id<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}
