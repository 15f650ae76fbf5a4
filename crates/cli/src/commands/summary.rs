//! `summary`: everything derived from a configuration, as one JSON document.

use std::process::ExitCode;

use clap::Args;
use cookie_admin_core::summary::Summary;

use crate::config_input::ConfigInput;
use crate::error::CliError;
use crate::output::print_json;

#[derive(Debug, Args)]
#[command(
    about = "Print everything derived from a configuration as one JSON document",
    long_about = "Print everything derived from a configuration as one JSON document: the \
                  catalog version, the \"nothing to do\" verdict, the cookie list, the core's \
                  strictly necessary items, the consent matrix, the findings and their counts. \
                  This is what the app's window shows for the configuration. Every text is in \
                  the configuration's language, or --lang (en or pl).",
    after_help = "Example: cookie-admin-cli summary --config acme.json | jq .verdict.message"
)]
pub struct SummaryArgs {
    #[command(flatten)]
    pub input: ConfigInput,
}

pub fn run(args: &SummaryArgs) -> Result<ExitCode, CliError> {
    let loaded = args.input.load()?;
    print_json(&Summary::new(
        &loaded.catalog,
        &loaded.config,
        loaded.config.language,
    ))?;
    Ok(ExitCode::SUCCESS)
}
