//! `init`: print the vendor-default configuration as JSON.

use std::process::ExitCode;

use clap::Args;

use crate::config_input::ConfigInput;
use crate::error::CliError;
use crate::output::print;

#[derive(Debug, Args)]
#[command(
    about = "Print the vendor-default account configuration as JSON",
    long_about = "Print the vendor-default account configuration as JSON: no optional feature, \
                  every feature categorised as Analytics (the vendor's recommendation), Google \
                  Consent Mode defaults. Save it to a file, edit it, and pass it to the other \
                  commands with --config. The inline flags (--features, --cmp, --domain, --lang) \
                  are applied; with --config the file is read, checked for format and printed \
                  in its normal form.",
    after_help = "Example: cookie-admin-cli init --account-id acme --account-name 'ACME Ltd' --domain acme.pl > acme.json"
)]
pub struct InitArgs {
    /// The account id to put in the configuration
    #[arg(long, value_name = "ID", default_value = "my-account")]
    pub account_id: String,

    /// The account name to put in the configuration
    #[arg(long, value_name = "NAME", default_value = "My account")]
    pub account_name: String,

    #[command(flatten)]
    pub input: ConfigInput,
}

pub fn run(args: &InitArgs) -> Result<ExitCode, CliError> {
    let catalog = args.input.catalog()?;
    let mut config = args.input.config(&catalog)?;
    if args.input.config.is_none() {
        config.account.id = args.account_id.clone();
        config.account.name = args.account_name.clone();
    }
    print(&format!("{}\n", config.to_json_pretty()))?;
    Ok(ExitCode::SUCCESS)
}
