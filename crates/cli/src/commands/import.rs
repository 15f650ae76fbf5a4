//! `import`: bring a bundle or an exported database into a database, all or nothing.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use cookie_admin_store::OnDuplicate;

use crate::error::CliError;
use crate::output::{print_json, print_text};

/// What to do with an account that already exists.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Duplicate {
    /// Refuse the whole import and name the accounts (the default)
    Refuse,
    /// Leave the existing account alone
    Skip,
    /// Append the imported versions to the existing account as new versions
    Replace,
    /// Import as a new account "NAME (imported)"
    Rename,
}

#[derive(Debug, Args)]
#[command(
    about = "Import a JSON bundle or an exported database file",
    long_about = "Import a JSON bundle or an exported SQLite database into a database. All or \
                  nothing: the whole file is checked before anything is written, and any problem \
                  (malformed JSON, a wrong type, an unknown field, a truncated or foreign file, a \
                  file from a newer version) is reported with the file, the record and the field, \
                  leaving the database exactly as it was.",
    after_help = "Examples:\n  cookie-admin-cli import --db cookies.sqlite customer-bundle.json\n  cookie-admin-cli import --db cookies.sqlite export.sqlite --on-duplicate rename"
)]
pub struct ImportArgs {
    /// The database to import into (SQLite); created if missing
    #[arg(long, value_name = "PATH")]
    pub db: PathBuf,

    /// The bundle (.json) or exported database (.sqlite) to import
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// What to do with accounts that already exist
    #[arg(long, value_enum, default_value = "refuse")]
    pub on_duplicate: Duplicate,

    /// Print the report as JSON
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &ImportArgs) -> Result<ExitCode, CliError> {
    let mode = match args.on_duplicate {
        Duplicate::Refuse => OnDuplicate::Refuse,
        Duplicate::Skip => OnDuplicate::Skip,
        Duplicate::Replace => OnDuplicate::Replace,
        Duplicate::Rename => OnDuplicate::Rename,
    };
    // The file is read and checked in full before the database is opened for writing: a
    // refused import leaves the database exactly as it was, or not created.
    let report = cookie_admin_store::import_into(&args.db, &args.file, mode)?;
    if args.json {
        print_json(&report)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut text = format!(
        "imported {} version(s) from {}\n",
        report.versions_written,
        args.file.display()
    );
    let list = |names: &[String]| names.join(", ");
    if !report.created.is_empty() {
        text.push_str(&format!("created: {}\n", list(&report.created)));
    }
    if !report.replaced.is_empty() {
        text.push_str(&format!("new versions for: {}\n", list(&report.replaced)));
    }
    if !report.skipped.is_empty() {
        text.push_str(&format!(
            "skipped (already there): {}\n",
            list(&report.skipped)
        ));
    }
    for (from, to) in &report.renamed {
        text.push_str(&format!("renamed: {from} -> {to}\n"));
    }
    print_text(&text)?;
    Ok(ExitCode::SUCCESS)
}
