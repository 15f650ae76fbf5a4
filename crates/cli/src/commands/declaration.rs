//! `declaration`: the cookie declaration for the site's cookie policy (HTML, Markdown or CSV,
//! English or Polish), grouped by category.

use std::process::ExitCode;

use clap::Args;
use cookie_admin_core::declaration::{declaration, DeclarationFormat};

use crate::config_input::ConfigInput;
use crate::error::CliError;
use crate::output::print;

#[derive(Debug, Args)]
#[command(
    about = "Print the cookie declaration for the site's cookie policy",
    long_about = "Print the cookie declaration for the site's cookie policy: the widget core's \
                  strictly necessary storage and the enabled features' storage, grouped by \
                  category, with name, provider, purpose, duration, type, party and personal data. \
                  The language is the configuration's, or --lang.",
    after_help = "Examples:\n  cookie-admin-cli declaration --features all --lang pl --format md\n  cookie-admin-cli declaration --config acme.json --format csv > declaration.csv"
)]
pub struct DeclarationArgs {
    /// Output format: html, md or csv
    #[arg(long, value_name = "FORMAT", default_value = "html")]
    pub format: String,

    #[command(flatten)]
    pub input: ConfigInput,
}

pub fn run(args: &DeclarationArgs) -> Result<ExitCode, CliError> {
    let format = DeclarationFormat::parse(&args.format)?;
    let loaded = args.input.load()?;
    print(&declaration(
        &loaded.catalog,
        &loaded.config,
        loaded.config.language,
        format,
    ))?;
    Ok(ExitCode::SUCCESS)
}
