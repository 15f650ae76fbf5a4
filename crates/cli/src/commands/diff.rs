//! `diff`: what changed between two versions of an account.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use cookie_admin_store::VersionDiff;

use crate::commands::db::open_for_read;
use crate::error::CliError;
use crate::output::{print_json, print_text, visible};

#[derive(Debug, Args)]
#[command(
    about = "Show what changed between two versions of an account",
    long_about = "Show what changed between two versions of an account: the configuration field \
                  by field, the resulting change in the cookie list (items added, removed or \
                  recategorised), and the change in the CMP snippet, line by line.",
    after_help = "Examples:\n  cookie-admin-cli diff --db cookies.sqlite --account ACME --from 1 --to 3\n  cookie-admin-cli diff --db customer.json --account ACME --from 2 --to 3 --json"
)]
pub struct DiffArgs {
    /// The database (or a bundle or exported file) to read
    #[arg(long, value_name = "PATH")]
    pub db: PathBuf,

    /// The account
    #[arg(long, value_name = "NAME")]
    pub account: String,

    /// The older version
    #[arg(long, value_name = "N")]
    pub from: i64,

    /// The newer version (default: the latest)
    #[arg(long, value_name = "M")]
    pub to: Option<i64>,

    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &DiffArgs) -> Result<ExitCode, CliError> {
    let store = open_for_read(&args.db)?;
    let to = match args.to {
        Some(v) => v,
        None => store.latest(&args.account)?.info.version,
    };
    let diff = store.diff(&args.account, args.from, to)?;
    if args.json {
        print_json(&diff)?;
    } else {
        print_text(&render(&diff))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn render(d: &VersionDiff) -> String {
    let mut out = format!(
        "{}: version {} ({}, {}) -> version {} ({}, {})\n",
        visible(&d.account),
        d.from.version,
        visible(&d.from.author),
        d.from.created_at,
        d.to.version,
        visible(&d.to.author),
        d.to.created_at
    );
    out.push_str("\nConfiguration:\n");
    if d.fields.is_empty() {
        out.push_str("  no change\n");
    }
    for change in &d.fields {
        out.push_str(&format!("  {change}\n"));
    }
    out.push_str("\nCookie list:\n");
    if d.cookies.is_empty() {
        out.push_str("  no change\n");
    }
    for change in &d.cookies {
        out.push_str(&format!("  {change}\n"));
    }
    out.push_str("\nSnippet:\n");
    let cmp = |c: Option<cookie_admin_core::CmpId>| c.map_or("no CMP", |c| c.id());
    if !d.snippet.changed {
        out.push_str("  no change\n");
    } else {
        if d.snippet.cmp_before != d.snippet.cmp_after {
            out.push_str(&format!(
                "  CMP {} -> {}\n",
                cmp(d.snippet.cmp_before),
                cmp(d.snippet.cmp_after)
            ));
        }
        for line in &d.snippet.lines {
            if line.op == '@' {
                out.push_str(&format!("  {}\n", line.text));
            } else {
                out.push_str(&format!("  {}{:>4} {}\n", line.op, line.line, line.text));
            }
        }
    }
    out
}
