//! What the app is: version, catalog, supported CMPs; and the live preview of a configuration.

use cookie_admin_core::{AccountConfig, Catalog, CmpId, Feature, Language, StorageItem};
use serde::Serialize;

use crate::error::ShellResult;

#[derive(Serialize)]
pub struct FeatureInfo {
    id: String,
    name: String,
    summary: String,
    without_consent: String,
    default_category: cookie_admin_core::Category,
    storage_count: usize,
}

#[derive(Serialize)]
pub struct CmpInfo {
    id: &'static str,
    name: &'static str,
}

#[derive(Serialize)]
pub struct AppInfo {
    version: &'static str,
    catalog_version: String,
    catalog_notice: String,
    core: FeatureInfo,
    features: Vec<FeatureInfo>,
    cmps: Vec<CmpInfo>,
}

fn feature_info(entry: &cookie_admin_core::FeatureEntry, lang: Language) -> FeatureInfo {
    FeatureInfo {
        id: entry.id.clone(),
        name: entry.name.get(lang).to_string(),
        summary: entry.summary.get(lang).to_string(),
        without_consent: entry.without_consent.get(lang).to_string(),
        default_category: entry.default_category,
        storage_count: entry.storage.len(),
    }
}

#[tauri::command]
pub fn app_info() -> AppInfo {
    let catalog = Catalog::embedded();
    let lang = Language::En;
    AppInfo {
        version: cookie_admin_core::VERSION,
        catalog_version: catalog.catalog_version.clone(),
        catalog_notice: catalog.notice.get(lang).to_string(),
        core: feature_info(&catalog.core, lang),
        features: catalog
            .features
            .iter()
            .map(|f| feature_info(f, lang))
            .collect(),
        cmps: CmpId::ALL
            .iter()
            .map(|c| CmpInfo {
                id: c.id(),
                name: c.name(),
            })
            .collect(),
    }
}

#[derive(Serialize)]
pub struct PreviewRow {
    feature: Feature,
    #[serde(flatten)]
    item: StorageItem,
}

#[derive(Serialize)]
pub struct Preview {
    cookies: Vec<PreviewRow>,
}

/// Everything the window shows for one (possibly unsaved) configuration.
#[tauri::command(async)]
pub fn preview(config: serde_json::Value) -> ShellResult<Preview> {
    let config = AccountConfig::from_value(config)?;
    let catalog = Catalog::embedded();
    let cookies = Feature::ALL
        .into_iter()
        .filter(|f| config.is_enabled(*f))
        .flat_map(|feature| {
            catalog
                .feature(feature)
                .storage
                .iter()
                .map(move |item| PreviewRow {
                    feature,
                    item: item.clone(),
                })
        })
        .collect();
    Ok(Preview { cookies })
}
