//! The site check: a customer's page (a file picked in the native dialog, or source pasted into
//! the window) and optionally a HAR recording, checked against the open account (with its stored
//! versions, from the database in use or the file under review). The files are read here; the
//! check itself is `cookie_admin_diagnose::site`. A HAR is read off the main thread as a stream,
//! with progress over a channel, and can be cancelled.

use std::fs::File;
use std::io::Read;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use cookie_admin_core::i18n::pick;
use cookie_admin_core::{AccountConfig, Language};
use cookie_admin_diagnose::site::{self, Account, Input, KnownVersion, PageSource, Report};
use serde::{Deserialize, Serialize};
use tauri::ipc::Channel;
use tauri::State;

use crate::catalog::Catalogs;
use crate::error::{ShellError, ShellResult};
use crate::state::Db;

/// A saved page larger than this is refused (a 5 MB page is large).
const PAGE_LIMIT: u64 = 512 * 1024 * 1024;

/// Set by [`cancel_site_check`]; the running check's HAR reader stops at its next step.
#[derive(Default)]
pub struct SiteCheckCancel(AtomicBool);

/// The page to check: a file, or source pasted into the window.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "snake_case", tag = "from")]
pub enum PageInput {
    File { path: PathBuf },
    Text { text: String },
}

/// What the check is against: the open account (its name in the store the window reads), and
/// the configuration the editor shows (which may hold unsaved changes).
#[derive(Debug, Clone, Deserialize)]
pub struct AccountInput {
    pub name: String,
    pub config: serde_json::Value,
    /// The stored version the editor shows, when it has no unsaved changes.
    pub version: Option<i64>,
}

/// Progress of a check, sent over a channel while it runs.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum SiteCheckProgress {
    ReadingPage,
    /// Reading the HAR recording: bytes read of `total` (0 when unknown).
    ReadingHar {
        read: u64,
        total: u64,
    },
    Checking,
    Done {
        errors: usize,
        warnings: usize,
        infos: usize,
    },
}

/// The report and its Markdown form (for "Copy report").
#[derive(Debug, Clone, Serialize)]
pub struct SiteCheckResult {
    pub report: Report,
    pub markdown: String,
    /// The page's name as the report shows it.
    pub title: String,
}

/// Run the site check. Findings, the page summary and the Markdown report in the window's
/// `language` (default English). Errors: `diagnose_format` (not a page, not a HAR, with what it
/// is and where), `io` (a file that cannot be read), `cancelled`.
#[tauri::command(async)]
#[allow(clippy::too_many_arguments)] // each argument is one field the window sends, or a state
pub fn site_check(
    db: State<'_, Db>,
    catalogs: State<'_, Catalogs>,
    cancel: State<'_, SiteCheckCancel>,
    page: PageInput,
    har: Option<PathBuf>,
    account: Option<AccountInput>,
    progress: Channel<SiteCheckProgress>,
    language: Option<Language>,
) -> ShellResult<SiteCheckResult> {
    let language = language.unwrap_or_default();
    cancel.0.store(false, Ordering::SeqCst);
    // The window may have gone; the check goes on regardless.
    let send = |event: SiteCheckProgress| {
        let _ = progress.send(event);
    };
    let catalog = catalogs.current();
    let catalog = catalog.as_ref();
    let account = match account {
        Some(a) => Some(load_account(&db, a)?),
        None => None,
    };
    send(SiteCheckProgress::ReadingPage);
    let (bytes, title) = match &page {
        PageInput::File { path } => (read_page(path)?, file_name(path)),
        PageInput::Text { text } => (Vec::new(), pasted_title(text, language)),
    };
    let source = match &page {
        PageInput::File { .. } => PageSource::Bytes(&bytes),
        PageInput::Text { text } => PageSource::Text(text),
    };
    let har = match har {
        Some(path) => {
            let total = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            send(SiteCheckProgress::ReadingHar { read: 0, total });
            let file = open_regular(&path)?;
            let read = site::read_har(file, catalog, |read| {
                send(SiteCheckProgress::ReadingHar { read, total });
                if cancel.0.load(Ordering::SeqCst) {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            })
            .map_err(|e| diagnose_error(&path, e))?;
            Some(read)
        }
        None => None,
    };
    send(SiteCheckProgress::Checking);
    let report = site::check(Input {
        page: source,
        har: har.as_ref(),
        catalog,
        account: account.as_ref(),
        language,
    })
    .map_err(|e| ShellError::SiteCheck(e.kind(), format!("{title}: {e}")))?;
    send(SiteCheckProgress::Done {
        errors: report.errors,
        warnings: report.warnings,
        infos: report.infos,
    });
    let markdown = site::report::markdown_in(&report, &title, language);
    Ok(SiteCheckResult {
        report,
        markdown,
        title,
    })
}

/// The report's title for pasted source: "pasted source (1,234 characters)" in `language`.
fn pasted_title(text: &str, language: Language) -> String {
    let n = text.chars().count();
    pick(
        language,
        format!("pasted source ({n} characters)"),
        format!(
            "wklejone źródło ({n} {})",
            cookie_admin_core::i18n::plural_pl(n, "znak", "znaki", "znaków")
        ),
    )
}

/// Stop the running check's HAR reading.
#[tauri::command]
pub fn cancel_site_check(cancel: State<'_, SiteCheckCancel>) {
    cancel.0.store(true, Ordering::SeqCst);
}

/// Every rule of the site check (id, severity, what it looks for, sources).
#[tauri::command]
pub fn site_check_rules() -> Vec<site::RuleInfo> {
    site::rules()
}

fn diagnose_error(path: &Path, error: cookie_admin_diagnose::Error) -> ShellError {
    ShellError::SiteCheck(error.kind(), format!("{}: {error}", file_name(path)))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Only regular files: a FIFO or a device would block the check or never end.
fn open_regular(path: &Path) -> ShellResult<File> {
    let meta = std::fs::metadata(path).map_err(|e| ShellError::io(path, e))?;
    if !meta.is_file() {
        return Err(ShellError::io(
            path,
            "not a regular file (a directory, FIFO or device)",
        ));
    }
    File::open(path).map_err(|e| ShellError::io(path, e))
}

fn read_page(path: &Path) -> ShellResult<Vec<u8>> {
    let mut bytes = Vec::new();
    open_regular(path)?
        .take(PAGE_LIMIT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ShellError::io(path, e))?;
    if bytes.len() as u64 > PAGE_LIMIT {
        return Err(ShellError::io(
            path,
            format!("larger than {} MB: not a single web page", PAGE_LIMIT >> 20),
        ));
    }
    Ok(bytes)
}

/// The account with every stored version (from the store the window reads: the database in
/// use, or the file under review), and the editor's configuration as the current one.
fn load_account(db: &Db, input: AccountInput) -> ShellResult<Account> {
    let config = AccountConfig::from_value(input.config)?;
    let databases = db.lock();
    let store = databases.current()?;
    let mut history = Vec::new();
    // An account not (yet) in the store is checked without history.
    if let Ok(versions) = store.history(&input.name) {
        for info in versions {
            let stored = store.get_version(&input.name, Some(info.version))?;
            history.push(KnownVersion {
                version: info.version,
                config: stored.config,
            });
        }
    }
    Ok(Account {
        name: input.name,
        config,
        version: input.version,
        history,
    })
}
