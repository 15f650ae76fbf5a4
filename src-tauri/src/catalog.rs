//! The widget catalog the window uses: the built-in one, or a newer vendor declaration the
//! user loaded, kept as `catalog.json` in the app's data directory and loaded again at start.
//!
//! Loading is two steps so nothing changes before the user has seen what would: `preview`
//! validates the file (the core's `Catalog::from_json`, the same check and messages as the
//! CLI's `--catalog`) and keeps it as *pending* next to the catalog in use; `apply` writes it
//! (atomically) and puts it in use; `cancel` forgets it. A stored file that became invalid is
//! not used: the built-in catalog is, with a warning the window shows.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use cookie_admin_core::{diff_catalogs, Catalog, CatalogDiff};
use serde::Serialize;

use crate::error::{ShellError, ShellResult};

/// The file the accepted catalog is kept in, inside the app's data directory.
pub const CATALOG_FILE: &str = "catalog.json";

/// The largest catalog file read (the built-in one is about 10 kB).
const MAX_CATALOG_BYTES: u64 = 4 * 1024 * 1024;

/// A validated catalog waiting for the user's confirmation.
struct Pending {
    text: String,
    catalog: Arc<Catalog>,
}

struct Inner {
    active: Arc<Catalog>,
    /// True when the catalog in use was loaded from a file (not the built-in one).
    loaded: bool,
    /// Why the stored catalog is not in use, when it could not be read at start.
    warning: Option<String>,
    pending: Option<Pending>,
    /// Where the accepted catalog is kept (`<app data dir>/catalog.json`).
    file: PathBuf,
}

/// Managed state: the catalog in use and a pending one.
pub struct Catalogs(Mutex<Inner>);

/// What the window shows about the catalog in use.
#[derive(Debug, Clone, Serialize)]
pub struct CatalogInfo {
    pub version: String,
    pub builtin_version: String,
    /// True when a loaded catalog is in use, false for the built-in one.
    pub loaded: bool,
    /// Where a loaded catalog is kept.
    pub file: PathBuf,
    /// Why the stored catalog at `file` could not be used at start (the technical reason, as
    /// the error says it: the built-in catalog is used instead; the window words the rest).
    pub warning: Option<String>,
}

/// What would change: the diff from the catalog in use to the candidate.
#[derive(Debug, Clone, Serialize)]
pub struct CatalogPreview {
    pub diff: CatalogDiff,
    /// The candidate's notice (in English), shown with the diff.
    pub notice: String,
}

/// Read a catalog file as text: a regular file, not too large, UTF-8.
fn read_catalog_file(path: &Path) -> ShellResult<String> {
    let meta = std::fs::metadata(path).map_err(|e| ShellError::io(path, e))?;
    if !meta.is_file() {
        return Err(ShellError::io(
            path,
            "not a regular file (a directory, a FIFO or a device); choose the catalog file itself",
        ));
    }
    if meta.len() > MAX_CATALOG_BYTES {
        return Err(ShellError::io(
            path,
            format!(
                "the file is {} bytes; a catalog is a few kilobytes (at most {MAX_CATALOG_BYTES})",
                meta.len()
            ),
        ));
    }
    std::fs::read_to_string(path).map_err(|e| ShellError::io(path, e))
}

/// Validate catalog text read from `path`; an error names the file, then the core's message
/// with the field's path (as the CLI prints it).
fn parse(path: &Path, text: &str) -> ShellResult<Catalog> {
    Catalog::from_json(text).map_err(|source| ShellError::InFile {
        path: path.display().to_string(),
        source,
    })
}

impl Catalogs {
    /// The catalog kept in `data_dir` if there is one and it is valid, else the built-in one
    /// (with a warning when a stored file could not be used). Never fails.
    pub fn load(data_dir: &Path) -> Catalogs {
        let file = data_dir.join(CATALOG_FILE);
        let builtin = Arc::new(Catalog::embedded().clone());
        let (active, loaded, warning) = if file.exists() {
            match read_catalog_file(&file).and_then(|text| parse(&file, &text)) {
                Ok(catalog) => (Arc::new(catalog), true, None),
                // The technical reason only: the window says the rest in the user's language
                // (the file is `file`, the catalog used instead the built-in one).
                Err(e) => (builtin, false, Some(e.to_string())),
            }
        } else {
            (builtin, false, None)
        };
        Catalogs(Mutex::new(Inner {
            active,
            loaded,
            warning,
            pending: None,
            file,
        }))
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The catalog in use.
    pub fn current(&self) -> Arc<Catalog> {
        self.lock().active.clone()
    }

    pub fn info(&self) -> CatalogInfo {
        let inner = self.lock();
        CatalogInfo {
            version: inner.active.catalog_version.clone(),
            builtin_version: Catalog::embedded().catalog_version.clone(),
            loaded: inner.loaded,
            file: inner.file.clone(),
            warning: inner.warning.clone(),
        }
    }

    /// Validate the catalog at `path` and keep it pending; what it would change.
    pub fn preview_file(&self, path: &Path) -> ShellResult<CatalogPreview> {
        let text = read_catalog_file(path)?;
        let candidate = Arc::new(parse(path, &text)?);
        let mut inner = self.lock();
        let preview = CatalogPreview {
            diff: diff_catalogs(&inner.active, &candidate),
            notice: candidate.notice.en.clone(),
        };
        inner.pending = Some(Pending {
            text,
            catalog: candidate,
        });
        Ok(preview)
    }

    /// What going back to the built-in catalog would change (nothing is pending).
    pub fn preview_builtin(&self) -> CatalogPreview {
        let mut inner = self.lock();
        inner.pending = None;
        let builtin = Catalog::embedded();
        CatalogPreview {
            diff: diff_catalogs(&inner.active, builtin),
            notice: builtin.notice.en.clone(),
        }
    }

    /// Forget the pending catalog: nothing changes.
    pub fn cancel(&self) {
        self.lock().pending = None;
    }

    /// Keep the pending catalog in the data directory (atomically) and use it from now on.
    /// Returns the catalog now in use.
    pub fn apply(&self) -> ShellResult<Arc<Catalog>> {
        let mut inner = self.lock();
        let pending = inner.pending.take().ok_or_else(|| {
            ShellError::NothingPending("no catalog is waiting to be applied; load it again".into())
        })?;
        if let Some(dir) = inner.file.parent() {
            std::fs::create_dir_all(dir).map_err(|e| ShellError::io(dir, e))?;
        }
        if let Err(e) = cookie_admin_store::write_atomic(&inner.file, pending.text.as_bytes()) {
            // Still pending: the user may try again.
            inner.pending = Some(pending);
            return Err(e.into());
        }
        inner.active = pending.catalog;
        inner.loaded = true;
        inner.warning = None;
        Ok(inner.active.clone())
    }

    /// Remove the kept catalog file and use the built-in catalog. Returns it.
    pub fn use_builtin(&self) -> ShellResult<Arc<Catalog>> {
        let mut inner = self.lock();
        inner.pending = None;
        match std::fs::remove_file(&inner.file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(ShellError::io(&inner.file, e)),
        }
        inner.active = Arc::new(Catalog::embedded().clone());
        inner.loaded = false;
        inner.warning = None;
        Ok(inner.active.clone())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use cookie_admin_core::catalog::DEFAULT_CATALOG_JSON;

    fn newer() -> String {
        DEFAULT_CATALOG_JSON
            .replacen("\"2026.11.0\"", "\"2027.1.0\"", 1)
            .replacen("\"cp_tr_\"", "\"cp_trace_\"", 1)
    }

    #[test]
    fn preview_cancel_apply_and_back_to_builtin() {
        let dir = tempfile::tempdir().unwrap();
        let catalogs = Catalogs::load(dir.path());
        assert!(!catalogs.info().loaded);
        let input = dir.path().join("in.json");
        std::fs::write(&input, newer()).unwrap();

        let preview = catalogs.preview_file(&input).unwrap();
        assert_eq!(preview.diff.counts.renamed, 1);
        catalogs.cancel();
        assert!(catalogs.apply().is_err(), "nothing pending after cancel");
        assert_eq!(catalogs.current().catalog_version, "2026.11.0");
        assert!(!dir.path().join(CATALOG_FILE).exists());

        catalogs.preview_file(&input).unwrap();
        assert_eq!(catalogs.apply().unwrap().catalog_version, "2027.1.0");
        assert_eq!(
            std::fs::read_to_string(dir.path().join(CATALOG_FILE)).unwrap(),
            newer()
        );
        // Loaded again at the next start.
        let again = Catalogs::load(dir.path());
        assert!(again.info().loaded && again.info().warning.is_none());
        assert_eq!(again.current().catalog_version, "2027.1.0");

        let back = again.preview_builtin();
        assert_eq!(back.diff.to_version, "2026.11.0");
        again.use_builtin().unwrap();
        assert!(!dir.path().join(CATALOG_FILE).exists());
        assert!(!Catalogs::load(dir.path()).info().loaded);
    }

    #[test]
    fn an_invalid_file_is_refused_with_the_field_path_and_nothing_changes() {
        let dir = tempfile::tempdir().unwrap();
        let catalogs = Catalogs::load(dir.path());
        let input = dir.path().join("bad.json");
        std::fs::write(
            &input,
            DEFAULT_CATALOG_JSON.replacen(
                "\"duration_seconds\": 1800",
                "\"duration_seconds\": \"x\"",
                1,
            ),
        )
        .unwrap();
        let err = catalogs.preview_file(&input).unwrap_err();
        assert_eq!(err.kind(), "catalog_format");
        let message = err.to_string();
        assert!(
            message.starts_with(&format!("{}: ", input.display()))
                && message.contains("features[0].storage[0].duration_seconds"),
            "{message}"
        );
        // The window's sentence names the field (error.catalog_format's {field}).
        let params = err.params();
        assert_eq!(
            params["field"], "features[0].storage[0].duration_seconds",
            "{params:?}"
        );
        assert_eq!(params["path"], input.display().to_string());
        assert!(catalogs.apply().is_err());
        assert!(!dir.path().join(CATALOG_FILE).exists());
        assert!(catalogs.preview_file(dir.path()).is_err(), "a directory");
    }

    #[test]
    fn a_stored_file_that_became_invalid_falls_back_to_the_builtin_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CATALOG_FILE), "{ not json").unwrap();
        let catalogs = Catalogs::load(dir.path());
        let info = catalogs.info();
        assert!(!info.loaded);
        assert_eq!(info.version, info.builtin_version);
        let warning = info.warning.unwrap();
        // The reason names the file (the window says the rest in the user's language).
        assert!(
            warning.starts_with(&info.file.display().to_string()) && warning.contains(CATALOG_FILE),
            "{warning}"
        );
        // The file is left for the user to replace; going back to the built-in removes it.
        catalogs.use_builtin().unwrap();
        assert!(catalogs.info().warning.is_none());
        assert!(!dir.path().join(CATALOG_FILE).exists());
    }
}
