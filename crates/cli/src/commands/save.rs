//! `save`: store a configuration as a new version of an account.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::commands::db::{author, open_for_write};
use crate::config_input::ConfigInput;
use crate::error::CliError;
use crate::output::{print_json, print_text};

#[derive(Debug, Args)]
#[command(
    about = "Store a configuration as a new version of an account",
    long_about = "Store a configuration as a new version of an account in the database. Saving \
                  never overwrites: the account's history keeps every version with who saved it, \
                  when (UTC) and the note. The account is created on its first save; the database \
                  file is created if missing.",
    after_help = "Examples:\n  cookie-admin-cli save --db cookies.sqlite --account \"ACME Ltd\" --config acme.json --note \"turn on trace route\"\n  cookie-admin-cli init | cookie-admin-cli save --db cookies.sqlite --account ACME --config -"
)]
pub struct SaveArgs {
    /// The database file (SQLite); created if missing
    #[arg(long, value_name = "PATH")]
    pub db: PathBuf,

    /// The account to save to (matched without regard to case)
    #[arg(long, value_name = "NAME")]
    pub account: String,

    /// The configuration (JSON) to save; `-` reads standard input
    #[arg(long, short = 'c', value_name = "FILE")]
    pub config: PathBuf,

    /// A short note saying what changed and why
    #[arg(long, default_value = "")]
    pub note: String,

    /// Who saves the version (default: your OS account's full name, else your login name)
    #[arg(long, value_name = "NAME")]
    pub author: Option<String>,

    /// Print the new version as JSON
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &SaveArgs) -> Result<ExitCode, CliError> {
    let input = ConfigInput {
        config: Some(args.config.clone()),
        ..ConfigInput::default()
    };
    let loaded = input.load()?;
    let mut store = open_for_write(&args.db)?;
    let info = store.save(
        &args.account,
        &loaded.config,
        &author(args.author.as_deref()),
        &args.note,
    )?;
    if args.json {
        print_json(&info)?;
    } else {
        print_text(&format!(
            "saved {} version {} ({}, {})\n",
            args.account.trim(),
            info.version,
            info.author,
            info.created_at
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}
