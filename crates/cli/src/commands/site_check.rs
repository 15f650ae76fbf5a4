//! `site-check`: check a customer's page (saved HTML or `-` for standard input) and optionally
//! a HAR recording against an account (`--db PATH --account NAME`, or `--config FILE`); exit
//! status 1 when an error-level finding fires.

use std::fs::File;
use std::io::{self, IsTerminal, Read, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use cookie_admin_core::i18n::pick;
use cookie_admin_core::{AccountConfig, Catalog, Language};
use cookie_admin_diagnose::site::{self, Account, Input, KnownVersion, PageSource, Report};

use crate::commands::check::EXIT_FINDINGS;
use crate::error::CliError;
use crate::output::{print, print_json, table};

/// A saved page larger than this is refused (a 5 MB page is large; this is 100 times that).
const PAGE_LIMIT: u64 = 512 * 1024 * 1024;

#[derive(Debug, Args)]
#[command(
    about = "Check a customer's page (and HAR recording) for CallPage embed, snippet and CMP problems",
    long_about = "Check a customer's saved page (\"Save page as\", HTML only) or page source, and \
                  optionally a HAR recording of it (DevTools, \"Save all as HAR\"), against an \
                  account: where the CallPage embed, the Cookie Admin snippet, the CMP, Google's \
                  tags and the TCF stub are, and what is wrong with that. Each finding has a stable \
                  id, a severity, the line and column with an excerpt, and a fix. The page's code is \
                  read, never run. Exit status: 0 when no error-level finding fires, 1 when one \
                  does, 2 when an input cannot be read.",
    after_help = "Examples:\n  cookie-admin-cli site-check --page shop.html --db cookie-admin.sqlite --account \"ACME Ltd\"\n  curl -s https://shop.example/ | cookie-admin-cli site-check --page - --config acme.json --json\n  cookie-admin-cli site-check --page shop.html --har shop.har --markdown > report.md\n  cookie-admin-cli site-check --page shop.html --config acme.json --lang pl --markdown\n  cookie-admin-cli site-check --rules"
)]
pub struct SiteCheckArgs {
    /// The page: a saved .html file, or `-` for standard input (its encoding is read from the
    /// page as a browser does)
    #[arg(long, value_name = "FILE", required_unless_present = "rules")]
    pub page: Option<PathBuf>,

    /// A HAR recording of the page (read as a stream; hundreds of megabytes are fine)
    #[arg(long, value_name = "FILE")]
    pub har: Option<PathBuf>,

    /// Check against the latest version of account NAME in the database --db (read-only)
    #[arg(long, value_name = "NAME", requires = "db", conflicts_with = "config")]
    pub account: Option<String>,

    /// The database (or bundle, or exported file) --account reads from
    #[arg(long, value_name = "PATH", requires = "account")]
    pub db: Option<PathBuf>,

    /// Check against this account configuration (JSON) instead of a stored account
    #[arg(long, short = 'c', value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Print the report as JSON (findings, counts, what was recognised)
    #[arg(long, conflicts_with = "markdown")]
    pub json: bool,

    /// Print the report as Markdown (to send to the customer)
    #[arg(long)]
    pub markdown: bool,

    /// Exit with status 1 on warnings too, not only on errors
    #[arg(long)]
    pub deny_warnings: bool,

    /// The language of the findings and the report: en or pl (default en; rule ids, page code
    /// and JSON keys stay as they are)
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,

    /// List every rule (id, severity, what it looks for, sources) and exit
    #[arg(long)]
    pub rules: bool,
}

pub fn run(args: &SiteCheckArgs) -> Result<ExitCode, CliError> {
    if args.rules {
        return print_rules(args.json);
    }
    let page_path = args.page.as_deref().ok_or_else(|| {
        CliError::Usage("--page FILE is required (or - for standard input)".into())
    })?;
    if args.har.as_deref() == Some(Path::new("-")) && page_path == Path::new("-") {
        return Err(CliError::Usage(
            "--page and --har cannot both read standard input".into(),
        ));
    }
    let lang = match &args.lang {
        Some(lang) => Language::parse(lang)?,
        None => Language::En,
    };
    let catalog = Catalog::embedded();
    let account = load_account(args)?;
    let page = read_page(page_path)?;
    let har = match &args.har {
        Some(path) => Some(read_har(path, catalog)?),
        None => None,
    };
    let report = site::check(Input {
        page: PageSource::Bytes(&page),
        har: har.as_ref(),
        catalog,
        account: account.as_ref(),
        language: lang,
    })
    .map_err(|e| diagnose_error(page_path, e))?;
    if args.json {
        print_json(&report)?;
    } else if args.markdown {
        let title = if page_path == Path::new("-") {
            pick(lang, "standard input", "standardowe wejście").to_string()
        } else {
            display_name(page_path)
        };
        print(&site::report::markdown_in(&report, &title, lang))?;
    } else {
        print(&render(&report, lang))?;
    }
    let fail = report.has_errors() || (args.deny_warnings && report.warnings > 0);
    Ok(if fail {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    })
}

fn display_name(path: &Path) -> String {
    if path == Path::new("-") {
        "standard input".into()
    } else {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string())
    }
}

fn diagnose_error(path: &Path, error: cookie_admin_diagnose::Error) -> CliError {
    CliError::Input {
        path: PathBuf::from(display_name(path)),
        message: error.to_string(),
    }
}

/// Refuse what is not a regular file (a FIFO or a device would block or never end), except
/// `-`, which reads standard input.
fn open_regular(path: &Path) -> Result<File, CliError> {
    let read_error = |source| CliError::Read {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(read_error)?;
    if !meta.is_file() {
        return Err(CliError::Read {
            path: path.to_path_buf(),
            source: io::Error::other(
                "not a regular file (a directory, FIFO or device); save it to a file first",
            ),
        });
    }
    File::open(path).map_err(read_error)
}

fn read_page(path: &Path) -> Result<Vec<u8>, CliError> {
    let mut bytes = Vec::new();
    let result = if path == Path::new("-") {
        io::stdin()
            .lock()
            .take(PAGE_LIMIT + 1)
            .read_to_end(&mut bytes)
    } else {
        open_regular(path)?
            .take(PAGE_LIMIT + 1)
            .read_to_end(&mut bytes)
    };
    result.map_err(|source| CliError::Read {
        path: PathBuf::from(display_name(path)),
        source,
    })?;
    if bytes.len() as u64 > PAGE_LIMIT {
        return Err(CliError::Input {
            path: PathBuf::from(display_name(path)),
            message: format!(
                "page: larger than {} MB; this is not a single web page",
                PAGE_LIMIT >> 20
            ),
        });
    }
    Ok(bytes)
}

fn read_har(path: &Path, catalog: &Catalog) -> Result<site::Har, CliError> {
    // Progress on standard error when it is a terminal (large recordings take seconds).
    let tty = io::stderr().is_terminal();
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let progress = |read: u64| {
        if tty {
            let percent = (read * 100).checked_div(size).unwrap_or(0);
            let _ = write!(
                io::stderr(),
                "\rreading the HAR: {} MB ({percent}%)",
                read >> 20
            );
        }
        ControlFlow::Continue(())
    };
    let result = if path == Path::new("-") {
        site::read_har(io::stdin().lock(), catalog, progress)
    } else {
        site::read_har(open_regular(path)?, catalog, progress)
    };
    if tty {
        let _ = write!(io::stderr(), "\r\x1b[K");
    }
    result.map_err(|e| diagnose_error(path, e))
}

/// The account from `--db/--account` (with every stored version) or `--config`.
fn load_account(args: &SiteCheckArgs) -> Result<Option<Account>, CliError> {
    if let Some(path) = &args.config {
        let text = if path == Path::new("-") {
            let mut text = String::new();
            io::stdin()
                .read_to_string(&mut text)
                .map_err(|source| CliError::Read {
                    path: PathBuf::from("standard input"),
                    source,
                })?;
            text
        } else {
            let mut text = String::new();
            open_regular(path)?
                .read_to_string(&mut text)
                .map_err(|source| CliError::Read {
                    path: path.clone(),
                    source,
                })?;
            text
        };
        return Ok(Some(Account::from_config(AccountConfig::from_json(&text)?)));
    }
    let (Some(db), Some(name)) = (&args.db, &args.account) else {
        return Ok(None);
    };
    let store = cookie_admin_store::Store::open_review(db)?;
    let latest = store.latest(name)?;
    let mut history = Vec::new();
    for info in store.history(name)? {
        let stored = store.get_version(name, Some(info.version))?;
        history.push(KnownVersion {
            version: info.version,
            config: stored.config,
        });
    }
    Ok(Some(Account {
        name: latest.account,
        config: latest.config,
        version: Some(latest.info.version),
        history,
    }))
}

fn render(report: &Report, l: Language) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let place = match &f.evidence {
            Some(e) if e.line > 0 => {
                format!(" {} {}:{}", pick(l, "line", "wiersz"), e.line, e.column)
            }
            _ => String::new(),
        };
        out.push_str(&format!("{:<7} [{}]{place}\n", f.severity.id(), f.id));
        out.push_str(&format!("        {}\n", f.message));
        if let Some(e) = &f.evidence {
            if !e.excerpt.is_empty() {
                out.push_str(&format!("        | {}\n", e.excerpt));
            }
        }
        out.push_str(&format!(
            "        {}: {}\n",
            pick(l, "fix", "jak naprawić"),
            f.fix
        ));
    }
    let s = &report.summary;
    if !s.seen.is_empty() {
        out.push_str(pick(l, "\nOn the page:\n", "\nNa stronie:\n"));
        let rows: Vec<Vec<String>> = s
            .seen
            .iter()
            .map(|i| vec![i.line.to_string(), i.what.clone(), i.note.clone()])
            .collect();
        let header = pick(
            l,
            ["Line", "What", "Details"],
            ["Wiersz", "Co", "Szczegóły"],
        );
        out.push_str(&table(&header, &rows));
    }
    out.push('\n');
    if report.findings.is_empty() {
        out.push_str(pick(
            l,
            "No problems found.\n",
            "Nie znaleziono problemów.\n",
        ));
    } else {
        out.push_str(&site::report::counts(report, l));
        out.push('\n');
    }
    out
}

fn print_rules(json: bool) -> Result<ExitCode, CliError> {
    let rules = site::rules();
    if json {
        print_json(&rules)?;
    } else {
        let rows: Vec<Vec<String>> = rules
            .iter()
            .map(|r| {
                vec![
                    r.id.to_string(),
                    r.severity.id().to_string(),
                    r.description.to_string(),
                ]
            })
            .collect();
        print(&table(&["Rule", "Severity", "Looks for"], &rows))?;
    }
    Ok(ExitCode::SUCCESS)
}
