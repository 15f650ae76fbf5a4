//! `cookies`: the cookie list of a configuration as a table, JSON or CSV.

use std::process::ExitCode;

use clap::Args;
use cookie_admin_core::catalog::Evidence;
use cookie_admin_core::cookies::{cookie_list, necessary_items, CookieRow};
use cookie_admin_core::verdict::verdict;

use crate::config_input::ConfigInput;
use crate::error::CliError;
use crate::output::{print_csv, print_json, print_text, table};

#[derive(Debug, Args)]
#[command(
    about = "List the cookies and web storage the enabled features set",
    long_about = "List the cookies and web storage the enabled optional features set: what to \
                  declare in the CMP, with the category the configuration assigns. With no \
                  optional feature on, there is nothing to declare. The names are the vendor's \
                  declaration from the catalog, not observed on live sites (except those marked \
                  observed).",
    after_help = "Examples:\n  cookie-admin-cli cookies --features trace_route,scoring_rules --cmp cookiebot\n  cookie-admin-cli cookies --config acme.json --csv > cookies.csv"
)]
pub struct CookiesArgs {
    /// Print JSON (an array of rows) instead of a table
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,

    /// Print CSV (one header row, one row per item) instead of a table
    #[arg(long)]
    pub csv: bool,

    /// Also list the widget core's strictly necessary storage (needs no consent), first
    #[arg(long)]
    pub include_core: bool,

    #[command(flatten)]
    pub input: ConfigInput,
}

pub fn run(args: &CookiesArgs) -> Result<ExitCode, CliError> {
    let loaded = args.input.load()?;
    let (catalog, config) = (&loaded.catalog, &loaded.config);
    let mut rows = Vec::new();
    if args.include_core {
        rows.extend(necessary_items(catalog, config));
    }
    rows.extend(cookie_list(catalog, config));

    if args.json {
        print_json(&rows)?;
    } else if args.csv {
        print_csv(&rows)?;
    } else {
        let mut text = String::new();
        text.push_str(&verdict(catalog, config, config.language).message);
        text.push_str("\n\n");
        if !rows.is_empty() {
            text.push_str(&render_table(&rows));
            text.push('\n');
        }
        text.push_str(&format!(
            "Catalog {}: names are the vendor's declaration, not observed on live sites, \
             except those marked observed.\n",
            catalog.catalog_version
        ));
        print_text(&text)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn render_table(rows: &[CookieRow]) -> String {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.display_name(),
                r.storage_type_label.clone(),
                r.feature_name.clone(),
                r.category_label.clone(),
                r.duration_text.clone(),
                if r.personal_data { "yes" } else { "no" }.to_string(),
                match r.evidence {
                    Evidence::Observed => "observed",
                    Evidence::Declared => "declared",
                }
                .to_string(),
                r.purpose.clone(),
            ]
        })
        .collect();
    table(
        &[
            "Name",
            "Type",
            "Feature",
            "Category",
            "Duration",
            "Personal data",
            "Source",
            "Purpose",
        ],
        &cells,
    )
}
