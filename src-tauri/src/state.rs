//! The state the commands share: the database in use, an optional review store (a customer's
//! file opened read-only), the last deleted account kept for undo, and the window's
//! unsaved-changes flag.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Instant;

use cookie_admin_store::{DeletedAccount, Store};
use serde::Serialize;
use tauri::{Manager, Runtime};

use crate::error::{ShellError, ShellResult};

/// The databases the window works on.
pub struct Databases {
    /// The database in use (read-write), or why it could not be opened.
    pub main: Result<Store, String>,
    pub main_path: PathBuf,
    /// A customer's bundle or database opened read-only; while it is set, every view reads it.
    pub review: Option<Store>,
    /// The last deleted account, kept in memory until the next delete (or until the app
    /// closes) so that the delete can be undone with its whole history.
    pub deleted: Option<DeletedAccount>,
}

impl Databases {
    /// Open (or create) the database at `path`; a failure is kept so the window can say why
    /// and offer to open another file.
    pub fn open(path: &Path) -> Databases {
        Databases {
            main: Store::open(path).map_err(|e| e.to_string()),
            main_path: path.to_path_buf(),
            review: None,
            deleted: None,
        }
    }

    /// The store the views read: the review store while reviewing, else the database in use.
    pub fn current(&self) -> ShellResult<&Store> {
        match &self.review {
            Some(review) => Ok(review),
            None => self.main(),
        }
    }

    /// The store writes go to. In review mode this is the review store, so every write is
    /// refused by the store itself (read-only), never sent to the database in use by mistake.
    pub fn current_mut(&mut self) -> ShellResult<&mut Store> {
        if self.review.is_some() {
            self.review
                .as_mut()
                .ok_or_else(|| ShellError::NoDatabase("review store gone".into()))
        } else {
            self.main_mut()
        }
    }

    pub fn main(&self) -> ShellResult<&Store> {
        self.main
            .as_ref()
            .map_err(|e| ShellError::NoDatabase(e.clone()))
    }

    pub fn main_mut(&mut self) -> ShellResult<&mut Store> {
        self.main
            .as_mut()
            .map_err(|e| ShellError::NoDatabase(e.clone()))
    }

    /// Refuse a file the window wants to write when it is the database in use, the file
    /// under review, or a side file of either (see `Store::check_output`).
    pub fn check_output(&self, path: &Path) -> ShellResult<()> {
        if let Ok(main) = &self.main {
            main.check_output(path)?;
        }
        if let Some(review) = &self.review {
            review.check_output(path)?;
        }
        Ok(())
    }

    pub fn info(&self) -> DatabaseInfo {
        DatabaseInfo {
            path: self.main_path.clone(),
            error: self.main.as_ref().err().cloned(),
            review: self.review.as_ref().map(|s| s.path().to_path_buf()),
            read_only: self.review.is_some(),
            undo_delete: self.deleted.as_ref().map(|d| d.name.clone()),
        }
    }
}

/// What the window shows about the data it works on.
#[derive(Debug, Clone, Serialize)]
pub struct DatabaseInfo {
    /// The database in use.
    pub path: PathBuf,
    /// Why it could not be opened, if it could not.
    pub error: Option<String>,
    /// The reviewed file, in review mode.
    pub review: Option<PathBuf>,
    /// True in review mode: nothing can be written.
    pub read_only: bool,
    /// The account a delete can bring back, if any.
    pub undo_delete: Option<String>,
}

/// Managed state: the databases behind one lock (`Store` is `Send`, not `Sync`).
pub struct Db(Mutex<Databases>);

impl Db {
    pub fn new(databases: Databases) -> Db {
        Db(Mutex::new(databases))
    }

    /// The databases; a lock poisoned by a panicking command is taken over, since every
    /// store write is a transaction that either committed or did not.
    pub fn lock(&self) -> MutexGuard<'_, Databases> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The window's state as far as the shell needs it.
pub struct Ui {
    /// The editor holds changes that are not saved: closing the window asks first.
    pub dirty: AtomicBool,
    /// When the process started (for the `ready <ms>` benchmark line).
    pub started: Instant,
}

impl Ui {
    pub fn new(started: Instant) -> Ui {
        Ui {
            dirty: AtomicBool::new(false),
            started,
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.dirty.load(Ordering::SeqCst)
    }

    pub fn set_dirty(&self, dirty: bool) {
        self.dirty.store(dirty, Ordering::SeqCst);
    }
}

/// Who saves a version from the window: the "Your name" setting, else the OS account's full
/// name, else its login name (the store's default, which the CLI's `--author` uses too).
pub fn author<R: Runtime, M: Manager<R>>(app: &M) -> String {
    let settings = crate::settings::load(app).unwrap_or_default();
    cookie_admin_store::author_or_default(settings.author_name.as_deref())
}
