//! `snippet`: the HTML to paste into the site for the configuration's CMP (or `--cmp ID`), with
//! the CMP settings to make in its leading comment. `--all --out-dir DIR` writes one
//! `<cmp>.html` per supported target (the fixtures the Node parser test can read).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use cookie_admin_core::cmp::{snippet, snippet_for_config};
use cookie_admin_core::CmpId;

use crate::config_input::ConfigInput;
use crate::error::CliError;
use crate::output::{print, print_json};

#[derive(Debug, Args)]
#[command(
    about = "Print the snippet to paste into the site for a CMP",
    long_about = "Print the snippet to paste into the site for the chosen CMP: the CallPage widget \
                  embed (always loads), and, when optional features are on, the consent bridge \
                  that switches them on only with consent for their category and off (removing \
                  their storage) when consent is withdrawn. Its leading comment says where to \
                  paste it and what to set in the CMP, in the configuration's language or --lang (en or pl; \
                  the code is the same in both).",
    after_help = "Examples:\n  cookie-admin-cli snippet --cmp cookiebot --features all\n  cookie-admin-cli snippet --config acme.json --json\n  cookie-admin-cli snippet --config acme.json --all --out-dir target/snippet-fixtures"
)]
pub struct SnippetArgs {
    /// Print JSON ({cmp, cmp_name, nothing_to_do, steps, html}) instead of the HTML
    #[arg(long)]
    pub json: bool,

    /// Write the snippet of every supported target as DIR/<cmp>.html (with --out-dir)
    #[arg(long, requires = "out_dir")]
    pub all: bool,

    /// The directory for --all (created if missing)
    #[arg(long, value_name = "DIR", requires = "all")]
    pub out_dir: Option<PathBuf>,

    #[command(flatten)]
    pub input: ConfigInput,
}

pub fn run(args: &SnippetArgs) -> Result<ExitCode, CliError> {
    let loaded = args.input.load()?;
    let (catalog, config) = (&loaded.catalog, &loaded.config);
    if args.all {
        let dir = args
            .out_dir
            .as_ref()
            .ok_or_else(|| CliError::Usage("--all needs --out-dir DIR".into()))?;
        let write_error = |path: &std::path::Path, e: std::io::Error| {
            CliError::Usage(format!("cannot write {}: {e}", path.display()))
        };
        std::fs::create_dir_all(dir).map_err(|e| write_error(dir, e))?;
        for cmp in CmpId::ALL {
            let path = dir.join(format!("{}.html", cmp.id()));
            std::fs::write(&path, snippet(catalog, config, cmp, config.language).html)
                .map_err(|e| write_error(&path, e))?;
        }
        print(&format!(
            "wrote {} snippets to {}\n",
            CmpId::ALL.len(),
            dir.display()
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    let snippet = snippet_for_config(catalog, config, config.language)?;
    if args.json {
        print_json(&snippet)?;
    } else {
        print(&snippet.html)?;
    }
    Ok(ExitCode::SUCCESS)
}
