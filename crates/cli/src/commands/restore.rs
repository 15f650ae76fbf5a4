//! `restore`: save an earlier version again as the newest one.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::commands::db::{author, open_for_write};
use crate::error::CliError;
use crate::output::{print_json, print_text};

#[derive(Debug, Args)]
#[command(
    about = "Restore an earlier version of an account (saved as a new version)",
    long_about = "Restore an earlier version of an account: its configuration is saved again as a \
                  new version, noted \"restored version N\". Nothing is deleted; the history \
                  keeps every version.",
    after_help = "Example:\n  cookie-admin-cli restore --db cookies.sqlite --account ACME --to-version 2 --note \"undo the CMP switch\""
)]
pub struct RestoreArgs {
    /// The database (SQLite)
    #[arg(long, value_name = "PATH")]
    pub db: PathBuf,

    /// The account
    #[arg(long, value_name = "NAME")]
    pub account: String,

    /// The version to restore
    #[arg(long, value_name = "N")]
    pub to_version: i64,

    /// Why (added to the note)
    #[arg(long, default_value = "")]
    pub note: String,

    /// Who restores (default: your OS account's full name, else your login name)
    #[arg(long, value_name = "NAME")]
    pub author: Option<String>,

    /// Print the new version as JSON
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &RestoreArgs) -> Result<ExitCode, CliError> {
    if !args.db.exists() {
        return Err(CliError::Read {
            path: args.db.clone(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "file not found"),
        });
    }
    let mut store = open_for_write(&args.db)?;
    let info = store.restore(
        &args.account,
        args.to_version,
        &author(args.author.as_deref()),
        &args.note,
    )?;
    if args.json {
        print_json(&info)?;
    } else {
        print_text(&format!(
            "restored {} version {} as version {}\n",
            args.account.trim(),
            args.to_version,
            info.version
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}
