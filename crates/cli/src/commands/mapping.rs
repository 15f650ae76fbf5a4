//! `mapping`: the category mapping export for the CMP team (CSV or JSON rows for one CMP or
//! all), or the IAB TCF device storage disclosure JSON.

use std::process::ExitCode;

use clap::Args;
use cookie_admin_core::mapping::{mapping_export, MappingFormat};

use crate::config_input::ConfigInput;
use crate::error::CliError;
use crate::output::print;

#[derive(Debug, Args)]
#[command(
    about = "Export the category mapping of the widget's storage for a CMP (or all), or the TCF disclosure",
    long_about = "Export which category, purpose, consent type, service or vendor of the CMP each \
                  storage item of the widget belongs to: CSV or JSON rows (storage item, feature, \
                  internal category, CMP id, CMP category id and name) for --cmp ID or --cmp all; \
                  or, with --format tcf, the IAB TCF device storage disclosure JSON.",
    after_help = "Examples:\n  cookie-admin-cli mapping --features all --cmp all --format csv\n  cookie-admin-cli mapping --config acme.json --cmp onetrust --format json\n  cookie-admin-cli mapping --config acme.json --format tcf > device-storage.json"
)]
pub struct MappingArgs {
    /// Output format: csv, json or tcf
    #[arg(long, value_name = "FORMAT", default_value = "csv")]
    pub format: String,

    #[command(flatten)]
    pub input: ConfigInput,
}

pub fn run(args: &MappingArgs) -> Result<ExitCode, CliError> {
    let format = MappingFormat::parse(&args.format)?;
    // `--cmp all` means every target; any other value is the configuration's CMP.
    let all = args.input.cmp.as_deref().map(str::trim) == Some("all");
    let mut input = args.input.clone();
    if all {
        input.cmp = None;
    }
    let loaded = input.load()?;
    let target = if all { None } else { loaded.config.cmp };
    if target.is_none() && !all && format != MappingFormat::Tcf {
        return Err(CliError::Usage(
            "choose the CMP with --cmp ID (or --cmp all), or set cmp in the configuration".into(),
        ));
    }
    print(&mapping_export(
        &loaded.catalog,
        &loaded.config,
        target,
        format,
    ))?;
    Ok(ExitCode::SUCCESS)
}
