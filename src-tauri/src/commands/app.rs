//! What the app is (version, catalog), the value lists the window's pickers show (CMPs,
//! categories, languages, ...), the live preview of a configuration, and the window's
//! lifecycle (unsaved-changes flag, close, ready).

use cookie_admin_core::catalog::LocalizedText;
use cookie_admin_core::cmp::{self, CmpFacts, Snippet};
use cookie_admin_core::i18n::Text;
use cookie_admin_core::{
    AccountConfig, BlockingMode, Category, CmpId, ConsentType, Language, Summary,
};
use serde::Serialize;
use tauri::{AppHandle, Runtime, State, WebviewWindow};

use crate::catalog::Catalogs;
use crate::error::ShellResult;
use crate::state::Ui;

/// A feature as the window shows it; texts in both languages (`{"en": …, "pl": …}`), so the
/// window can switch language without asking again.
#[derive(Serialize)]
pub struct FeatureInfo {
    id: String,
    name: LocalizedText,
    summary: LocalizedText,
    without_consent: LocalizedText,
    default_category: cookie_admin_core::Category,
    storage_count: usize,
}

#[derive(Serialize)]
pub struct AppInfo {
    version: &'static str,
    catalog_version: String,
    catalog_notice: LocalizedText,
    /// The operating system's language (see `locale`), for the "system" language setting.
    system_language: Language,
    core: FeatureInfo,
    features: Vec<FeatureInfo>,
    /// Who versions are saved as when "Your name" is empty: the OS account's full name, else
    /// its login name (shown in Settings as the field's placeholder).
    default_author: String,
    /// The end-to-end tests drive the window: file dialogs take queued paths instead. Only in
    /// a build with the `e2e` feature (`make e2e`), and then only with `COOKIE_ADMIN_E2E=1`.
    test_hooks: bool,
}

fn feature_info(entry: &cookie_admin_core::FeatureEntry) -> FeatureInfo {
    FeatureInfo {
        id: entry.id.clone(),
        name: entry.name.clone(),
        summary: entry.summary.clone(),
        without_consent: entry.without_consent.clone(),
        default_category: entry.default_category,
        storage_count: entry.storage.len(),
    }
}

#[tauri::command]
pub fn app_info(catalogs: State<'_, Catalogs>) -> AppInfo {
    let catalog = catalogs.current();
    AppInfo {
        version: cookie_admin_core::VERSION,
        catalog_version: catalog.catalog_version.clone(),
        catalog_notice: catalog.notice.clone(),
        system_language: crate::locale::system_language(),
        core: feature_info(&catalog.core),
        features: catalog.features.iter().map(feature_info).collect(),
        default_author: cookie_admin_store::default_author(),
        test_hooks: cfg!(feature = "e2e")
            && std::env::var("COOKIE_ADMIN_E2E").is_ok_and(|v| v == "1"),
    }
}

/// One entry of a picker: the id the configuration stores and the label shown, in every
/// language (`{"en": …, "pl": …}`), so a language switch needs no new call.
#[derive(Serialize)]
pub struct Choice {
    id: &'static str,
    label: Text,
}

/// Every value list the window shows, from the core's enums and the adapters' facts, so that
/// a new CMP, category or language needs no change in the window's code.
#[derive(Serialize)]
pub struct AppLists {
    /// The supported CMP targets with their facts (name, automatic blocking, ...). CMP names
    /// are brands and stay as their vendors write them.
    cmps: Vec<&'static CmpFacts>,
    categories: Vec<Choice>,
    /// The declaration languages, named in each window language ("Polish" / "polski").
    languages: Vec<Choice>,
    /// Google Consent Mode consent types (ids only: the ids are what admins type, in every
    /// language).
    consent_types: Vec<&'static str>,
    blocking_modes: Vec<Choice>,
}

#[tauri::command]
pub fn app_lists() -> AppLists {
    AppLists {
        cmps: cmp::supported(),
        categories: Category::ALL
            .map(|c| Choice {
                id: c.id(),
                label: Text {
                    en: c.label(Language::En),
                    pl: c.label(Language::Pl),
                },
            })
            .into(),
        languages: Language::ALL
            .map(|l| Choice {
                id: l.id(),
                label: Text {
                    en: l.label(Language::En),
                    pl: l.label(Language::Pl),
                },
            })
            .into(),
        consent_types: ConsentType::ALL.map(ConsentType::id).into(),
        blocking_modes: BlockingMode::ALL
            .map(|m| Choice {
                id: m.id(),
                label: m.label(),
            })
            .into(),
    }
}

#[derive(Serialize)]
pub struct Preview {
    #[serde(flatten)]
    summary: Summary,
    /// The snippet for the chosen CMP (`None` when no CMP is chosen).
    snippet: Option<Snippet>,
}

/// Everything the editor shows for one (possibly unsaved) configuration: the core's summary
/// (verdict, cookie list, necessary items, consent matrix, findings) in the window's
/// `language` (default English) and the snippet for `cmp` (default: the configuration's own
/// CMP), its instructions in that language too.
#[tauri::command(async)]
pub fn preview(
    catalogs: State<'_, Catalogs>,
    config: serde_json::Value,
    cmp: Option<CmpId>,
    language: Option<Language>,
) -> ShellResult<Preview> {
    let config = AccountConfig::from_value(config)?;
    let catalog = catalogs.current();
    let catalog = catalog.as_ref();
    let language = language.unwrap_or_default();
    Ok(Preview {
        summary: Summary::new(catalog, &config, language),
        snippet: cmp
            .or(config.cmp)
            .map(|c| cmp::snippet(catalog, &config, c, language)),
    })
}

/// The editor tells the shell whether it holds unsaved changes, so closing the window asks.
#[tauri::command]
pub fn set_dirty(ui: State<'_, Ui>, dirty: bool) {
    ui.set_dirty(dirty);
}

/// Close the window for good (after the user chose to discard or saved).
#[tauri::command]
pub fn close_window<R: Runtime>(window: WebviewWindow<R>, ui: State<'_, Ui>) -> ShellResult<()> {
    ui.set_dirty(false);
    window.destroy()?;
    Ok(())
}

/// The first complete render is done. With `COOKIE_ADMIN_EXIT_WHEN_READY=1` (the start-up
/// benchmark) print `ready <ms since process start>` and exit.
#[tauri::command]
pub fn app_ready<R: Runtime>(app: AppHandle<R>, ui: State<'_, Ui>) {
    if std::env::var("COOKIE_ADMIN_EXIT_WHEN_READY").is_ok_and(|v| v == "1") {
        println!("ready {}", ui.started.elapsed().as_millis());
        app.exit(0);
    }
}
