//! `cookie-admin-cli`: the core and the store without a window.
//!
//! This file holds only the command enum and the dispatch. Each subcommand lives in its own
//! module under `commands/`; the arguments that choose a configuration (`--config`,
//! `--features`, `--cmp`, `--catalog`, ...) are one `clap::Args` struct in `config_input.rs`,
//! flattened into every subcommand that needs it. To add a subcommand: write
//! `commands/<name>.rs` with an `Args` struct and `run(args) -> Result<ExitCode, CliError>`,
//! add a variant below and one dispatch line.
//!
//! Exit status: 0 success; 1 `check`, `audit` or `site-check` found an error-level problem; 2 the command could not run
//! (bad arguments, unreadable or invalid input). Errors are one line on standard error.

mod commands;
mod config_input;
mod error;
mod output;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "cookie-admin-cli",
    version,
    about = "CallPage Cookie Admin without a window: cookie list, consent matrix and checks for a widget configuration",
    long_about = None,
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the vendor-default account configuration as JSON (a starting point to edit)
    Init(commands::init::InitArgs),
    /// List the cookies and web storage the enabled features set (table, --json or --csv)
    Cookies(commands::cookies::CookiesArgs),
    /// Show which features work and which storage may exist under each consent state
    Matrix(commands::matrix::MatrixArgs),
    /// Check a configuration for compliance and setup problems (exit status 1 on an error)
    Check(commands::check::CheckArgs),
    /// Print everything derived from a configuration (verdict, cookies, matrix, findings) as JSON
    Summary(commands::summary::SummaryArgs),
    /// Store a configuration as a new version of an account (--db PATH --account NAME)
    Save(commands::save::SaveArgs),
    /// Import a JSON bundle or an exported database, all or nothing
    Import(commands::import::ImportArgs),
    /// Export accounts to SQLite, a JSON bundle, or CSV (cookie lists, CMP mappings)
    Export(commands::export::ExportArgs),
    /// List and search the accounts in a database
    Accounts(commands::accounts::AccountsArgs),
    /// Show every version of an account
    History(commands::history::HistoryArgs),
    /// Show what changed between two versions (fields, cookie list, snippet)
    Diff(commands::diff::DiffArgs),
    /// Restore an earlier version of an account as a new version
    Restore(commands::restore::RestoreArgs),
    /// Rename, duplicate or delete an account
    Account(commands::account::AccountArgs),
    /// List the supported CMP targets (ids for --cmp) with their names
    Cmps(commands::cmps::CmpsArgs),
    /// Print the snippet to paste into the site for a CMP (--cmp ID)
    Snippet(commands::snippet::SnippetArgs),
    /// Print the cookie declaration (--lang en|pl, --format html|md|csv)
    Declaration(commands::declaration::DeclarationArgs),
    /// Export the CMP category mapping (--cmp ID|all, --format csv|json|tcf)
    Mapping(commands::mapping::MappingArgs),
    /// Audit a CMP's cookie report against the catalog and the account (exit status 1 on an error)
    Audit(commands::audit::AuditArgs),
    /// Write the man pages or print shell completions (for packagers; hidden from --help)
    #[command(hide = true)]
    Generate(commands::generate::GenerateArgs),
    /// Check a customer's page (and HAR) for embed, snippet and CMP problems (exit 1 on an error)
    SiteCheck(commands::site_check::SiteCheckArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Init(args) => commands::init::run(&args),
        Command::Cookies(args) => commands::cookies::run(&args),
        Command::Matrix(args) => commands::matrix::run(&args),
        Command::Check(args) => commands::check::run(&args),
        Command::Summary(args) => commands::summary::run(&args),
        Command::Save(args) => commands::save::run(&args),
        Command::Import(args) => commands::import::run(&args),
        Command::Export(args) => commands::export::run(&args),
        Command::Accounts(args) => commands::accounts::run(&args),
        Command::History(args) => commands::history::run(&args),
        Command::Diff(args) => commands::diff::run(&args),
        Command::Restore(args) => commands::restore::run(&args),
        Command::Account(args) => commands::account::run(&args),
        Command::Cmps(args) => commands::cmps::run(&args),
        Command::Snippet(args) => commands::snippet::run(&args),
        Command::Declaration(args) => commands::declaration::run(&args),
        Command::Mapping(args) => commands::mapping::run(&args),
        Command::Audit(args) => commands::audit::run(&args),
        Command::Generate(args) => commands::generate::run(&args),
        Command::SiteCheck(args) => commands::site_check::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(err) => err.report(),
    }
}
