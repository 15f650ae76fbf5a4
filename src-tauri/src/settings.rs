//! User settings, typed on the Rust side and persisted through tauri-plugin-store
//! (`settings.json` in the app's config directory). Missing or malformed keys fall back to
//! the defaults here, so an old or hand-edited file never stops the app from starting.
//!
//! Two languages, on purpose: `ui_language` is the window's own language (default: the
//! system's), `language` the declaration language new accounts start with. A Polish admin may
//! well publish an English declaration. Files written before `ui_language` existed simply lack
//! the key and get the default; `language` keeps its meaning.

use std::collections::BTreeMap;
use std::path::PathBuf;

use cookie_admin_core::{CmpId, Language};
use cookie_admin_diagnose::audit::ColumnMapping;
use serde::{Deserialize, Serialize};
use tauri::{Manager, Runtime};
use tauri_plugin_store::StoreExt;

use crate::error::{ShellError, ShellResult};

pub const SETTINGS_FILE: &str = "settings.json";

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

/// The window's language: the operating system's (see [`crate::locale`]) or a chosen one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UiLanguage {
    #[default]
    System,
    En,
    Pl,
}

impl UiLanguage {
    /// The language the window speaks with this setting.
    pub fn resolve(self) -> Language {
        match self {
            UiLanguage::System => crate::locale::system_language(),
            UiLanguage::En => Language::En,
            UiLanguage::Pl => Language::Pl,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub theme: Theme,
    /// The database last opened; `None` means the default one in the app data directory.
    pub last_database: Option<PathBuf>,
    pub default_cmp: Option<CmpId>,
    /// The declaration language new accounts start with.
    pub language: Language,
    /// The language of the window itself.
    pub ui_language: UiLanguage,
    /// "Your name": the author of every version saved from the window. `None` (or empty)
    /// means the OS account's full name, else its login name.
    pub author_name: Option<String>,
    /// The window's size and position when it was last moved or resized, restored on start.
    pub window: Option<WindowGeometry>,
    /// The column mapping chosen for a CSV report the audit did not recognise, per header row
    /// (`cookie_admin_diagnose::audit::header_key`).
    pub audit_mappings: BTreeMap<String, ColumnMapping>,
}

/// Where the main window was, in physical pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WindowGeometry {
    pub x: i32,
    pub y: i32,
    pub width: u32,
    pub height: u32,
    pub maximized: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            theme: Theme::System,
            last_database: None,
            default_cmp: None,
            language: Language::En,
            ui_language: UiLanguage::System,
            author_name: None,
            window: None,
            audit_mappings: BTreeMap::new(),
        }
    }
}

/// A partial update from the UI: only the keys present change. For the keys that can be
/// cleared, a key given as `null` clears the setting (`Some(None)`), which plain serde would
/// read as "absent" (`None`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsPatch {
    pub theme: Option<Theme>,
    #[serde(default, deserialize_with = "present")]
    pub last_database: Option<Option<PathBuf>>,
    #[serde(default, deserialize_with = "present")]
    pub default_cmp: Option<Option<CmpId>>,
    pub language: Option<Language>,
    pub ui_language: Option<UiLanguage>,
    #[serde(default, deserialize_with = "present")]
    pub author_name: Option<Option<String>>,
}

/// A key that is present: its value, `null` included, wrapped in `Some`. An absent key is
/// never passed here and stays `None` through `#[serde(default)]`.
fn present<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

impl Settings {
    fn apply(&mut self, patch: SettingsPatch) {
        if let Some(theme) = patch.theme {
            self.theme = theme;
        }
        if let Some(path) = patch.last_database {
            self.last_database = path;
        }
        if let Some(cmp) = patch.default_cmp {
            self.default_cmp = cmp;
        }
        if let Some(language) = patch.language {
            self.language = language;
        }
        if let Some(ui_language) = patch.ui_language {
            self.ui_language = ui_language;
        }
        if let Some(name) = patch.author_name {
            // An empty name means "the default" (the OS account's name).
            self.author_name = name.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
        }
    }
}

fn store_error(e: tauri_plugin_store::Error) -> ShellError {
    ShellError::Settings(e.to_string())
}

/// Read every setting, each key falling back to its default on its own.
pub fn load<R: Runtime, M: Manager<R>>(app: &M) -> ShellResult<Settings> {
    let store = app.store(SETTINGS_FILE).map_err(store_error)?;
    from_stored(|key| store.get(key))
}

/// The settings from stored values (`get` returns a key's stored JSON, if any): a key that is
/// missing or holds a value of the wrong type gets its default, the others are kept.
pub fn from_stored(get: impl Fn(&str) -> Option<serde_json::Value>) -> ShellResult<Settings> {
    let defaults = serde_json::to_value(Settings::default()).unwrap_or_default();
    let mut merged = serde_json::Map::new();
    if let serde_json::Value::Object(defaults) = defaults {
        for (key, default) in defaults {
            let candidate = get(&key).unwrap_or(default.clone());
            // Keep a stored value only if it has the right type for its key.
            let mut probe = serde_json::Map::new();
            probe.insert(key.clone(), candidate.clone());
            let ok = serde_json::from_value::<Settings>(serde_json::Value::Object(probe)).is_ok();
            merged.insert(key, if ok { candidate } else { default });
        }
    }
    serde_json::from_value(serde_json::Value::Object(merged))
        .map_err(|e| ShellError::Settings(e.to_string()))
}

/// Apply a patch and save to disk at once.
pub fn update<R: Runtime, M: Manager<R>>(app: &M, patch: SettingsPatch) -> ShellResult<Settings> {
    let mut settings = load(app)?;
    settings.apply(patch);
    let store = app.store(SETTINGS_FILE).map_err(store_error)?;
    if let serde_json::Value::Object(map) =
        serde_json::to_value(&settings).map_err(|e| ShellError::Settings(e.to_string()))?
    {
        for (key, value) in map {
            store.set(key, value);
        }
    }
    store.save().map_err(store_error)?;
    Ok(settings)
}

/// Remember the window's geometry. Only this key changes; the store plugin writes the file
/// shortly after (its auto-save), so a burst of resize events costs one write.
pub fn set_window<R: Runtime, M: Manager<R>>(app: &M, geometry: WindowGeometry) -> ShellResult<()> {
    let store = app.store(SETTINGS_FILE).map_err(store_error)?;
    let value = serde_json::to_value(geometry).map_err(|e| ShellError::Settings(e.to_string()))?;
    store.set("window", value);
    Ok(())
}

/// Remember the column mapping chosen for a CSV report header, saved at once.
pub fn remember_audit_mapping<R: Runtime, M: Manager<R>>(
    app: &M,
    header_key: &str,
    mapping: &ColumnMapping,
) -> ShellResult<()> {
    let mut mappings = load(app)?.audit_mappings;
    mappings.insert(header_key.to_string(), mapping.clone());
    let store = app.store(SETTINGS_FILE).map_err(store_error)?;
    let value = serde_json::to_value(mappings).map_err(|e| ShellError::Settings(e.to_string()))?;
    store.set("audit_mappings", value);
    store.save().map_err(store_error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn stored(values: serde_json::Value) -> Settings {
        from_stored(|key| values.get(key).cloned()).unwrap()
    }

    #[test]
    fn a_file_from_before_the_window_language_keeps_its_declaration_language() {
        // What an earlier build wrote: no `ui_language`.
        let old = stored(json!({ "theme": "dark", "language": "pl", "default_cmp": "didomi" }));
        assert_eq!(old.language, Language::Pl, "still the declaration language");
        assert_eq!(old.ui_language, UiLanguage::System);
        assert_eq!(old.theme, Theme::Dark);
        assert_eq!(old.default_cmp, Some(CmpId::Didomi));
    }

    #[test]
    fn each_key_falls_back_alone() {
        let s = stored(json!({ "ui_language": "klingon", "language": "pl", "theme": 3 }));
        assert_eq!(s.ui_language, UiLanguage::System);
        assert_eq!(s.language, Language::Pl);
        assert_eq!(s.theme, Theme::System);
        assert_eq!(
            stored(json!({ "ui_language": "pl" })).ui_language,
            UiLanguage::Pl
        );
    }

    #[test]
    fn a_patch_changes_only_its_keys() {
        let mut s = Settings::default();
        s.apply(serde_json::from_value(json!({ "ui_language": "pl" })).unwrap());
        assert_eq!(s.ui_language, UiLanguage::Pl);
        assert_eq!(s.language, Language::En);
        assert_eq!(UiLanguage::Pl.resolve(), Language::Pl);
        assert_eq!(UiLanguage::En.resolve(), Language::En);
    }

    #[test]
    fn null_clears_and_absent_keeps() {
        let mut s = Settings {
            default_cmp: Some(CmpId::Didomi),
            author_name: Some("Ala".into()),
            ..Settings::default()
        };
        let keep: SettingsPatch = serde_json::from_str(r#"{"theme": "dark"}"#).unwrap();
        s.apply(keep);
        assert_eq!(s.default_cmp, Some(CmpId::Didomi));
        assert_eq!(s.author_name.as_deref(), Some("Ala"));
        let clear: SettingsPatch =
            serde_json::from_str(r#"{"default_cmp": null, "author_name": null}"#).unwrap();
        s.apply(clear);
        assert_eq!(s.default_cmp, None);
        assert_eq!(s.author_name, None);
        let set: SettingsPatch =
            serde_json::from_str(r#"{"author_name": "  Ola Nowak "}"#).unwrap();
        s.apply(set);
        assert_eq!(s.author_name.as_deref(), Some("Ola Nowak"));
    }
}
