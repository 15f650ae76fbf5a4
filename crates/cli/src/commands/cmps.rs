//! `cmps`: the supported CMP targets with their names and how the snippet works with each.

use std::process::ExitCode;

use clap::Args;
use cookie_admin_core::cmp::supported;

use crate::error::CliError;
use crate::output::{print, print_json, table};

#[derive(Debug, Args)]
#[command(
    about = "List the supported CMP targets (ids for --cmp) with their names",
    after_help = "Examples:\n  cookie-admin-cli cmps\n  cookie-admin-cli cmps --json"
)]
pub struct CmpsArgs {
    /// Print JSON (an array of {id, name, mechanism}) instead of a table
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &CmpsArgs) -> Result<ExitCode, CliError> {
    let list = supported();
    if args.json {
        print_json(&list)?;
    } else {
        let rows: Vec<Vec<String>> = list
            .iter()
            .map(|c| {
                vec![
                    c.id.to_string(),
                    c.name.to_string(),
                    c.mechanism.to_string(),
                ]
            })
            .collect();
        print(&(table(&["Id", "Name", "How the snippet follows consent"], &rows) + "\n"))?;
    }
    Ok(ExitCode::SUCCESS)
}
