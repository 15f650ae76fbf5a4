//! `cmps`: the supported CMP targets with their names, how the snippet works with each, and
//! what each one's automatic blocking needs. Everything comes from the adapters' facts
//! (`cookie_admin_core::cmp::CmpFacts`), so a new target shows up here by itself.

use std::process::ExitCode;

use clap::Args;
use cookie_admin_core::cmp::{supported, AutoBlockingKind, CmpFacts};
use cookie_admin_core::BlockingMode;

use crate::error::CliError;
use crate::output::{print, print_json, table};

#[derive(Debug, Args)]
#[command(
    about = "List the supported CMP targets (ids for --cmp) with their names",
    after_help = "Examples:\n  cookie-admin-cli cmps\n  cookie-admin-cli cmps --json"
)]
pub struct CmpsArgs {
    /// Print JSON (an array of {id, name, docs, mechanism, loads_asynchronously, placement,
    /// auto_blocking}) instead of a table
    #[arg(long)]
    pub json: bool,
}

/// The automatic-blocking column: none, always (listed scripts), or the vendor's default mode.
fn auto_blocking(facts: &CmpFacts) -> String {
    let blocking = &facts.auto_blocking;
    match blocking.kind {
        AutoBlockingKind::None => "none".to_string(),
        AutoBlockingKind::Listed => "listed scripts".to_string(),
        AutoBlockingKind::Mode => match blocking.default_mode {
            Some(BlockingMode::Auto) => "mode (default on)".to_string(),
            Some(BlockingMode::Manual) => "mode (default off)".to_string(),
            None => "mode".to_string(),
        },
    }
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
                    c.id.id().to_string(),
                    c.name.to_string(),
                    auto_blocking(c),
                    c.mechanism.to_string(),
                ]
            })
            .collect();
        print(
            &(table(
                &[
                    "Id",
                    "Name",
                    "Automatic blocking",
                    "How the snippet follows consent",
                ],
                &rows,
            ) + "\n"),
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
