//! `matrix`: what works under each consent state.

use std::process::ExitCode;

use clap::Args;
use cookie_admin_core::matrix::{consent_matrix, ConsentMatrix};

use crate::config_input::ConfigInput;
use crate::error::CliError;
use crate::output::{print_json, print_text, table};

#[derive(Debug, Args)]
#[command(
    about = "Show which features work and which storage may exist under each consent state",
    long_about = "Show, for each consent state (no decision yet, rejected all, accepted only the \
                  chosen category, accepted all, withdrawn after accepting), which of the \
                  widget's features work and which storage items may exist. Calls and meetings \
                  work in every state. Labels and reasons are in the configuration's language, \
                  or --lang (en or pl).",
    after_help = "Example: cookie-admin-cli matrix --features trace_route,data_memorization --cmp onetrust"
)]
pub struct MatrixArgs {
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,

    #[command(flatten)]
    pub input: ConfigInput,
}

pub fn run(args: &MatrixArgs) -> Result<ExitCode, CliError> {
    let loaded = args.input.load()?;
    let matrix = consent_matrix(&loaded.catalog, &loaded.config, loaded.config.language);
    if args.json {
        print_json(&matrix)?;
    } else {
        print_text(&render(&matrix))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn render(matrix: &ConsentMatrix) -> String {
    let Some(first) = matrix.states.first() else {
        return String::new();
    };
    let mut headers: Vec<&str> = vec![""];
    headers.extend(matrix.states.iter().map(|s| s.label.as_str()));

    let mut rows = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    for (i, feature) in first.features.iter().enumerate() {
        let mut row = vec![feature.feature_name.clone()];
        for state in &matrix.states {
            let cell = state.features.get(i);
            row.push(
                match cell {
                    Some(c) if !c.enabled => "off",
                    Some(c) if c.works => "works",
                    _ => "stops",
                }
                .to_string(),
            );
        }
        rows.push(row);
    }
    for (i, item) in first.storage.iter().enumerate() {
        let name = if item.is_pattern {
            format!("{}*", item.name)
        } else {
            item.name.clone()
        };
        let mut row = vec![format!("  {name}")];
        for state in &matrix.states {
            let cell = state.storage.get(i);
            let mut text = match cell {
                Some(c) if c.may_exist => "may exist".to_string(),
                _ => "none".to_string(),
            };
            if let Some(note) = cell.and_then(|c| c.note.as_ref()) {
                if !notes.contains(note) {
                    notes.push(note.clone());
                }
                let index = notes.iter().position(|n| n == note).unwrap_or(0) + 1;
                text.push_str(&format!(" [{index}]"));
            }
            row.push(text);
        }
        rows.push(row);
    }
    let mut out = table(&headers, &rows);
    for (i, note) in notes.iter().enumerate() {
        out.push_str(&format!("[{}] {note}\n", i + 1));
    }
    out
}
