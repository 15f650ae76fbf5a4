//! The declaration audit: a customer's CMP cookie report against the catalog and the open
//! account's configuration (possibly unsaved, or a reviewed customer's), and its export for the
//! customer. The window picks the files with the native dialogs; the column mapping of a CSV
//! the audit does not recognise is remembered per header row in the settings.

use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use cookie_admin_core::{AccountConfig, Catalog, Language};
use cookie_admin_diagnose::audit::{
    audit, header_key, to_csv, to_markdown, AuditOptions, AuditResult, ColumnMapping, ExportFormat,
    FormatChoice, ReportFormat,
};
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};

use crate::catalog::Catalogs;
use crate::error::{ShellError, ShellResult};
use crate::settings;
use crate::state::Db;

/// What auditing a report gave: the result, or the columns of a CSV it did not recognise.
#[derive(Debug, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum AuditResponse {
    Done {
        result: Box<AuditResult>,
        /// The column mapping used (given, or remembered for this header).
        mapping: Option<ColumnMapping>,
        /// Whether the mapping came from the settings rather than from the window.
        remembered: bool,
    },
    /// A CSV whose header is not recognised and has no remembered mapping: the window asks
    /// which column holds what, then calls again with `mapping`.
    NeedsMapping {
        headers: Vec<String>,
        header_key: String,
        suggestion: Option<ColumnMapping>,
    },
}

/// Open a report, refusing what is not a regular file (a FIFO or a device could block).
fn open_report(path: &Path) -> ShellResult<BufReader<File>> {
    let meta = std::fs::metadata(path).map_err(|e| ShellError::io(path, e))?;
    if !meta.is_file() {
        return Err(ShellError::io(
            path,
            "not a regular file (a directory, a FIFO or a device); choose the report file itself",
        ));
    }
    Ok(BufReader::new(
        File::open(path).map_err(|e| ShellError::io(path, e))?,
    ))
}

fn run(
    catalog: &Catalog,
    path: &Path,
    config: &AccountConfig,
    format: FormatChoice,
    mapping: Option<ColumnMapping>,
    language: Language,
) -> Result<AuditResult, ShellError> {
    let options = AuditOptions {
        format,
        mapping,
        language,
    };
    Ok(audit(open_report(path)?, &options, catalog, config)?)
}

fn parse_format(format: Option<String>) -> ShellResult<FormatChoice> {
    Ok(match format {
        Some(f) => FormatChoice::parse(&f)?,
        None => FormatChoice::Auto,
    })
}

/// Audit the report at `path` against `config`. `format`: `auto` (default), `csv`,
/// `onetrust`, `cookiebot`, `didomi`. A `mapping` given for a CSV is remembered for its header;
/// without one, a remembered mapping is used. Findings and labels in the window's `language`
/// (default English).
#[tauri::command(async)]
pub fn audit_report<R: Runtime>(
    app: AppHandle<R>,
    catalogs: State<'_, Catalogs>,
    path: PathBuf,
    config: serde_json::Value,
    format: Option<String>,
    mapping: Option<ColumnMapping>,
    language: Option<Language>,
) -> ShellResult<AuditResponse> {
    let language = language.unwrap_or_default();
    let config = AccountConfig::from_value(config)?;
    let format = parse_format(format)?;
    let given = mapping.is_some();
    let catalog = catalogs.current();
    match run(&catalog, &path, &config, format, mapping.clone(), language) {
        Ok(result) => {
            if given && result.format == ReportFormat::MappedCsv {
                if let Some(mapping) = &mapping {
                    settings::remember_audit_mapping(&app, &header_key(&result.headers), mapping)?;
                }
            }
            Ok(AuditResponse::Done {
                result: Box::new(result),
                mapping,
                remembered: false,
            })
        }
        Err(ShellError::Diagnose(cookie_admin_diagnose::Error::MappingNeeded {
            headers,
            suggestion,
        })) => {
            let key = header_key(&headers);
            let remembered = settings::load(&app)?.audit_mappings.get(&key).cloned();
            match remembered {
                Some(mapping) => match run(
                    &catalog,
                    &path,
                    &config,
                    format,
                    Some(mapping.clone()),
                    language,
                ) {
                    Ok(result) => Ok(AuditResponse::Done {
                        result: Box::new(result),
                        mapping: Some(mapping),
                        remembered: true,
                    }),
                    // A remembered mapping that no longer fits: ask again.
                    Err(ShellError::Diagnose(_)) => Ok(AuditResponse::NeedsMapping {
                        headers,
                        header_key: key,
                        suggestion: Some(mapping),
                    }),
                    Err(other) => Err(other),
                },
                None => Ok(AuditResponse::NeedsMapping {
                    headers,
                    header_key: key,
                    suggestion,
                }),
            }
        }
        Err(other) => Err(other),
    }
}

/// Audit the report again and write the result for the customer to `target`: `csv` or `md`
/// (never over a database in use), in `language` (default English).
#[tauri::command(async)]
#[allow(clippy::too_many_arguments)] // each argument is one field the window sends
pub fn save_audit(
    db: State<'_, Db>,
    catalogs: State<'_, Catalogs>,
    path: PathBuf,
    config: serde_json::Value,
    format: Option<String>,
    mapping: Option<ColumnMapping>,
    export: String,
    target: PathBuf,
    language: Option<Language>,
) -> ShellResult<()> {
    let config = AccountConfig::from_value(config)?;
    let export = ExportFormat::parse(&export)?;
    let result = run(
        &catalogs.current(),
        &path,
        &config,
        parse_format(format)?,
        mapping,
        language.unwrap_or_default(),
    )?;
    let text = match export {
        ExportFormat::Csv => to_csv(&result),
        ExportFormat::Markdown => to_markdown(&result, &config.account.name),
    };
    db.lock().check_output(&target)?;
    Ok(cookie_admin_store::write_atomic(&target, text.as_bytes())?)
}
