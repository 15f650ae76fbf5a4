//! `accounts`: list and search the accounts of a database.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use cookie_admin_core::{CmpId, Feature};
use cookie_admin_store::AccountFilter;

use crate::commands::db::open_for_read;
use crate::error::CliError;
use crate::output::{print_json, print_text, table};

#[derive(Debug, Args)]
#[command(
    about = "List and search the accounts in a database",
    long_about = "List the accounts in a database (or in a bundle or exported file, read-only) \
                  with their latest version. Filters combine: every one given must match.",
    after_help = "Examples:\n  cookie-admin-cli accounts --db cookies.sqlite\n  cookie-admin-cli accounts --db cookies.sqlite --feature data_memorization --cmp cookiebot\n  cookie-admin-cli accounts --db customer.json --search acme --json"
)]
pub struct AccountsArgs {
    /// The database (or a bundle or exported file) to read
    #[arg(long, value_name = "PATH")]
    pub db: PathBuf,

    /// Text in the account name or one of its domains (case-insensitive)
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,

    /// A site domain, or a parent domain of one (example.com finds shop.example.com)
    #[arg(long, value_name = "HOST")]
    pub domain: Option<String>,

    /// Accounts whose latest version uses this CMP
    #[arg(long, value_name = "ID")]
    pub cmp: Option<String>,

    /// Accounts whose latest version has this optional feature on
    #[arg(long, value_name = "FEATURE")]
    pub feature: Option<String>,

    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &AccountsArgs) -> Result<ExitCode, CliError> {
    let filter = AccountFilter {
        search: args.search.clone(),
        domain: args.domain.clone(),
        cmp: args.cmp.as_deref().map(CmpId::parse).transpose()?,
        feature: args.feature.as_deref().map(Feature::parse).transpose()?,
    };
    let store = open_for_read(&args.db)?;
    let accounts = store.list_accounts(&filter)?;
    if args.json {
        print_json(&accounts)?;
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<Vec<String>> = accounts
        .iter()
        .map(|a| {
            vec![
                a.name.clone(),
                a.latest.version.to_string(),
                a.latest.created_at.clone(),
                a.latest.author.clone(),
                a.cmp.clone().unwrap_or_else(|| "-".into()),
                if a.features.is_empty() {
                    "-".into()
                } else {
                    a.features.join(",")
                },
                a.domains.join(","),
            ]
        })
        .collect();
    let mut text = table(
        &[
            "Account",
            "Version",
            "Saved (UTC)",
            "By",
            "CMP",
            "Features",
            "Domains",
        ],
        &rows,
    );
    text.push_str(&format!("{} account(s)\n", accounts.len()));
    print_text(&text)?;
    Ok(ExitCode::SUCCESS)
}
