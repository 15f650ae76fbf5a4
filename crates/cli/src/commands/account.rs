//! `account`: rename, duplicate or delete one account.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgGroup, Args};

use crate::commands::db::{author, open_for_write};
use crate::error::CliError;
use crate::output::print_text;

#[derive(Debug, Args)]
#[command(
    about = "Rename, duplicate or delete an account",
    long_about = "Rename an account (recorded as a new version), duplicate its latest \
                  configuration into a new account, or delete it with its whole history.",
    after_help = "Examples:\n  cookie-admin-cli account --db cookies.sqlite --account ACME --rename \"ACME Ltd\"\n  cookie-admin-cli account --db cookies.sqlite --account ACME --duplicate \"ACME staging\"\n  cookie-admin-cli account --db cookies.sqlite --account \"ACME staging\" --delete",
    group(ArgGroup::new("action").required(true).multiple(false).args(["rename", "duplicate", "delete"]))
)]
pub struct AccountArgs {
    /// The database (SQLite)
    #[arg(long, value_name = "PATH")]
    pub db: PathBuf,

    /// The account
    #[arg(long, value_name = "NAME")]
    pub account: String,

    /// Give the account a new name
    #[arg(long, value_name = "NEW")]
    pub rename: Option<String>,

    /// Copy the account's latest configuration into a new account
    #[arg(long, value_name = "NEW")]
    pub duplicate: Option<String>,

    /// Delete the account and all its versions
    #[arg(long)]
    pub delete: bool,

    /// Who makes the change (default: your OS account's full name, else your login name)
    #[arg(long, value_name = "NAME")]
    pub author: Option<String>,
}

pub fn run(args: &AccountArgs) -> Result<ExitCode, CliError> {
    if !args.db.exists() {
        return Err(CliError::Read {
            path: args.db.clone(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "file not found"),
        });
    }
    let mut store = open_for_write(&args.db)?;
    let who = author(args.author.as_deref());
    let name = args.account.trim();
    let text = if let Some(new) = &args.rename {
        let v = store.rename(name, new, &who)?;
        format!("renamed {name} to {} (version {})\n", new.trim(), v.version)
    } else if let Some(new) = &args.duplicate {
        store.duplicate(name, new, &who)?;
        format!("duplicated {name} as {}\n", new.trim())
    } else {
        store.delete(name)?;
        format!("deleted {name}\n")
    };
    print_text(&text)?;
    Ok(ExitCode::SUCCESS)
}
