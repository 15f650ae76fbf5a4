//! `history`: every version of an account.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::commands::db::open_for_read;
use crate::error::CliError;
use crate::output::{print_json, print_text, table};

#[derive(Debug, Args)]
#[command(
    about = "Show every version of an account: who saved it, when and why",
    after_help = "Examples:\n  cookie-admin-cli history --db cookies.sqlite --account ACME\n  cookie-admin-cli history --db customer.json --account ACME --json"
)]
pub struct HistoryArgs {
    /// The database (or a bundle or exported file) to read
    #[arg(long, value_name = "PATH")]
    pub db: PathBuf,

    /// The account
    #[arg(long, value_name = "NAME")]
    pub account: String,

    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &HistoryArgs) -> Result<ExitCode, CliError> {
    let store = open_for_read(&args.db)?;
    let history = store.history(&args.account)?;
    if args.json {
        print_json(&history)?;
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<Vec<String>> = history
        .iter()
        .map(|v| {
            vec![
                v.version.to_string(),
                v.created_at.clone(),
                v.author.clone(),
                v.note.clone(),
            ]
        })
        .collect();
    print_text(&table(&["Version", "Saved (UTC)", "By", "Note"], &rows))?;
    Ok(ExitCode::SUCCESS)
}
