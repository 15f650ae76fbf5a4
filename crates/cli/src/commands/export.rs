//! `export`: write accounts to a new SQLite file, a JSON bundle or CSV.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use cookie_admin_core::Catalog;
use cookie_admin_store::ExportFormat;

use crate::commands::db::{account_list, open_for_read};
use crate::error::CliError;
use crate::output::print;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// A new SQLite database with the same schema (needs --out)
    Sqlite,
    /// The versioned JSON bundle (schemas/bundle.schema.json)
    Json,
    /// CSV of the cookie lists of each account's latest version
    CsvCookies,
    /// CSV of the CMP category mappings of each account's latest version
    CsvMappings,
}

#[derive(Debug, Args)]
#[command(
    about = "Export accounts to SQLite, a JSON bundle, or CSV",
    long_about = "Export the whole database or chosen accounts: to a new SQLite database with the \
                  same schema (a file to hand on), to the versioned JSON bundle with every \
                  version, or to CSV of the cookie lists or the CMP category mappings of each \
                  account's latest version. Files are written to a temporary file and renamed into \
                  place, so a crash never leaves half a file. The database is only read.",
    after_help = "Examples:\n  cookie-admin-cli export --db cookies.sqlite --format json --out bundle.json\n  cookie-admin-cli export --db cookies.sqlite --format sqlite --accounts \"ACME,Beta\" --out acme.sqlite\n  cookie-admin-cli export --db cookies.sqlite --format csv-cookies > cookies.csv"
)]
pub struct ExportArgs {
    /// The database to export from (or a bundle or exported file)
    #[arg(long, value_name = "PATH")]
    pub db: PathBuf,

    /// What to write
    #[arg(long, value_enum)]
    pub format: Format,

    /// Only these accounts, comma-separated (default: all)
    #[arg(long, value_name = "A,B")]
    pub accounts: Option<String>,

    /// Write to FILE instead of standard output (required for sqlite)
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: Option<PathBuf>,
}

pub fn run(args: &ExportArgs) -> Result<ExitCode, CliError> {
    let accounts = account_list(args.accounts.as_deref())?;
    let accounts = accounts.as_deref();
    let format = match args.format {
        Format::Sqlite => ExportFormat::Sqlite,
        Format::Json => ExportFormat::Json,
        Format::CsvCookies => ExportFormat::CsvCookies,
        Format::CsvMappings => ExportFormat::CsvMappings,
    };
    if matches!(format, ExportFormat::Sqlite) && args.out.is_none() {
        return Err(CliError::Usage(
            "--format sqlite needs --out FILE (a database is not written to standard output)"
                .into(),
        ));
    }
    let store = open_for_read(&args.db)?;
    // The CLI's export has no --catalog: its CSV lists the built-in catalog's storage.
    let catalog = Catalog::embedded();
    match &args.out {
        Some(out) => store.export(format, out, accounts, catalog)?,
        None => {
            let text = match format {
                ExportFormat::CsvCookies => store.cookies_csv(accounts, catalog)?,
                ExportFormat::CsvMappings => store.mappings_csv(accounts, catalog)?,
                _ => {
                    let bundle = store.bundle(accounts)?;
                    serde_json::to_string_pretty(&bundle)
                        .map_err(|e| CliError::Write(std::io::Error::other(e)))?
                        + "\n"
                }
            };
            print(&text)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
