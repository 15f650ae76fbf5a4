//! `generate` (hidden): the man pages and shell completions, made from the same clap
//! definitions that parse the command line, so they can never describe another version of it.
//! The package build (`packaging/stage-cli-docs.sh`) calls it; users never need it, which is
//! why it stays out of `--help`, the man pages and the completions.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, CommandFactory, Subcommand, ValueEnum};
use clap_complete::Shell;

use crate::error::CliError;
use crate::output::print;

/// The name users type; the completions register themselves for it.
const BIN_NAME: &str = "cookie-admin-cli";

#[derive(Debug, Args)]
pub struct GenerateArgs {
    #[command(subcommand)]
    pub what: What,
}

#[derive(Debug, Subcommand)]
pub enum What {
    /// Write one man page per command (cookie-admin-cli.1, cookie-admin-cli-<sub>.1) into DIR
    Man {
        /// Where to write the pages (created when missing)
        #[arg(long, value_name = "DIR")]
        out_dir: PathBuf,
    },
    /// Print the completion script for a shell on standard output
    Completions {
        /// bash, zsh or fish
        #[arg(long, value_enum)]
        shell: CompletionShell,
    },
}

/// The shells whose completion directories Debian packages install into.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CompletionShell {
    Bash,
    Zsh,
    Fish,
}

impl From<CompletionShell> for Shell {
    fn from(shell: CompletionShell) -> Self {
        match shell {
            CompletionShell::Bash => Shell::Bash,
            CompletionShell::Zsh => Shell::Zsh,
            CompletionShell::Fish => Shell::Fish,
        }
    }
}

pub fn run(args: &GenerateArgs) -> Result<ExitCode, CliError> {
    match &args.what {
        What::Man { out_dir } => {
            let pages = write_man_pages(out_dir)?;
            let list: String = pages.iter().map(|p| format!("{}\n", p.display())).collect();
            print(&list)?;
        }
        What::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(
                Shell::from(*shell),
                &mut public_command(),
                BIN_NAME,
                &mut script,
            );
            let mut script = String::from_utf8_lossy(&script).into_owned();
            if matches!(shell, CompletionShell::Bash) {
                script = fix_bash_subcommand_labels(&script);
            }
            print(&script)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// clap_complete's bash script names each subcommand's state two ways when the binary name has
/// a hyphen (`cookie__admin__cli__subcmd__snippet` where the command line is read, but
/// `cookie__subcmd__admin__subcmd__cli__subcmd__snippet` where its options are offered), so no
/// subcommand option would ever complete (clap-rs/clap#6421, open). Spell the labels the way
/// the reading loop does. Once clap fixes it, the wrong spelling is gone and this does nothing.
fn fix_bash_subcommand_labels(script: &str) -> String {
    const SEP: &str = "__subcmd__";
    let wrong = format!("{}{SEP}", BIN_NAME.replace('-', SEP));
    let right = format!("{}{SEP}", BIN_NAME.replace('-', "__"));
    script.replace(&wrong, &right)
}

/// The command line as users see it: the same definitions, without the hidden subcommands.
/// clap_complete (unlike clap_mangen) would offer hidden subcommands, so they are left out here.
fn public_command() -> clap::Command {
    let full = crate::Cli::command();
    let public = clap::Command::new(BIN_NAME)
        .version(env!("CARGO_PKG_VERSION"))
        .subcommand_required(full.is_subcommand_required_set())
        .args(full.get_arguments().cloned())
        .subcommands(full.get_subcommands().filter(|s| !s.is_hide_set()).cloned());
    match full.get_about() {
        Some(about) => public.about(about.clone()),
        None => public,
    }
}

/// One page per command, the way `clap_mangen::generate_to` walks them (hidden subcommands
/// such as this one and `help` left out), returning the files written.
fn write_man_pages(dir: &Path) -> Result<Vec<PathBuf>, CliError> {
    let write_error = |e: std::io::Error| {
        CliError::Usage(format!("cannot write man pages to {}: {e}", dir.display()))
    };
    std::fs::create_dir_all(dir).map_err(write_error)?;
    let mut cli = crate::Cli::command().disable_help_subcommand(true);
    cli.build();
    let mut pages = Vec::new();
    write_page_tree(cli, dir, &mut pages).map_err(write_error)?;
    Ok(pages)
}

fn write_page_tree(
    cmd: clap::Command,
    dir: &Path,
    pages: &mut Vec<PathBuf>,
) -> Result<(), std::io::Error> {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned() {
        write_page_tree(sub, dir, pages)?;
    }
    pages.push(clap_mangen::Man::new(cmd).generate_to(dir)?);
    Ok(())
}
