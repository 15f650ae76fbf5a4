//! `audit`: a CMP's cookie report (CSV, OneTrust domain data, Cookiebot script or declaration,
//! Didomi's cookie sheet) against the catalog and the account's configuration; exit status 1
//! when an error-level finding fires.

use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use cookie_admin_core::{Language, Severity};
use cookie_admin_diagnose::audit::{
    audit, rules, to_csv, to_markdown, AuditOptions, AuditResult, ColumnMapping, FormatChoice,
    Lifetime, RowStatus,
};
use cookie_admin_diagnose::Finding;

use crate::commands::check::EXIT_FINDINGS;
use crate::config_input::ConfigInput;
use crate::error::CliError;
use crate::output::{print, print_json, table};

#[derive(Debug, Args)]
#[command(
    about = "Audit a CMP's cookie report against the catalog and the account (exit status 1 on an error)",
    long_about = "Compare a CMP's cookie report with the widget catalog and the account's \
                  configuration: every storage item of the enabled features declared or missing, \
                  its declared category mapped to ours, its lifetime, items of features that are \
                  off, and CallPage-looking items the catalog does not know. Reads, recognised by \
                  content: CSV cookie lists (the Open Cookie Database's columns, this app's \
                  declaration and cookie list CSV, Didomi's compliance report cookie sheet, or any \
                  CSV through --map), OneTrust domain data JSON, Cookiebot's cc.js dialog script \
                  or its cookie declaration saved as HTML. Exit status: 0 when no error-level \
                  finding fires, 1 when one does, 2 when the report or the configuration cannot \
                  be read.",
    after_help = "Examples:\n  cookie-admin-cli audit --report cc.js --db accounts.sqlite --account 'ACME Ltd'\n  cookie-admin-cli audit --report en.json --config acme.json --json\n  cookie-admin-cli audit --report scan.csv --features trace_route --map 'name=Cookie,category=Group,lifetime=Expiry'\n  cookie-admin-cli audit --report cookies.csv --config acme.json --md > audit.md\n  cookie-admin-cli audit --rules"
)]
pub struct AuditArgs {
    /// The CMP report to audit (a regular file)
    #[arg(long, value_name = "FILE", required_unless_present = "rules")]
    pub report: Option<PathBuf>,

    /// The report's format; auto recognises it by its content
    #[arg(long, value_name = "FORMAT", default_value = "auto",
          value_parser = ["auto", "csv", "onetrust", "cookiebot", "didomi"])]
    pub format: String,

    /// For a CSV whose columns are not recognised: which column holds the cookie name (required),
    /// the category, the domain and the lifetime, e.g. name=Cookie,category=Group,lifetime=Expiry
    #[arg(long, value_name = "MAPPING")]
    pub map: Option<String>,

    /// Print the result as JSON instead of a table
    #[arg(long, conflicts_with_all = ["csv", "md"])]
    pub json: bool,

    /// Print the result as CSV for the customer (spreadsheet-safe)
    #[arg(long, conflicts_with = "md")]
    pub csv: bool,

    /// Print the result as Markdown for the customer
    #[arg(long)]
    pub md: bool,

    /// List every audit rule (id, severity, what it looks for) and exit
    #[arg(long)]
    pub rules: bool,

    #[command(flatten)]
    pub input: ConfigInput,
}

pub fn run(args: &AuditArgs) -> Result<ExitCode, CliError> {
    if args.rules {
        return print_rules(args.json);
    }
    let Some(path) = &args.report else {
        return Err(CliError::Usage("--report FILE is required".into()));
    };
    let options = AuditOptions {
        format: FormatChoice::parse(&args.format)?,
        mapping: args.map.as_deref().map(ColumnMapping::parse).transpose()?,
        // The findings' language: --lang, else English (not the account's declaration
        // language: the audit is read by support and sent to the customer as it is).
        language: match &args.input.lang {
            Some(lang) => Language::parse(lang)?,
            None => Language::En,
        },
    };
    let loaded = args.input.load()?;
    let file = open_report(path)?;
    let result = audit(
        BufReader::new(file),
        &options,
        &loaded.catalog,
        &loaded.config,
    )?;
    if args.json {
        print_json(&result)?;
    } else if args.csv {
        print(&to_csv(&result))?;
    } else if args.md {
        print(&to_markdown(&result, &loaded.config.account.name))?;
    } else {
        print(&render(&result, path))?;
    }
    Ok(if result.has_errors() {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    })
}

/// Open the report, refusing what is not a regular file (a FIFO or a device could block or
/// never end).
fn open_report(path: &Path) -> Result<File, CliError> {
    let read_error = |source| CliError::Read {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(read_error)?;
    if !meta.is_file() {
        return Err(CliError::Usage(format!(
            "{}: not a regular file (a directory, a FIFO or a device); give the report file itself",
            path.display()
        )));
    }
    File::open(path).map_err(read_error)
}

fn status(row: &cookie_admin_diagnose::audit::AuditRow) -> &'static str {
    match row.status {
        RowStatus::Declared if row.findings.iter().any(|f| f.severity != Severity::Info) => {
            "declared, with problems"
        }
        RowStatus::Declared => "declared",
        RowStatus::Missing => "MISSING",
        RowStatus::Stale => "stale (feature off)",
        RowStatus::NotInScan => "not in a cookie scan",
    }
}

fn lifetime(l: Option<Lifetime>, text: Option<&str>, lang: Language) -> String {
    match (text, l) {
        (Some(t), _) => t.to_string(),
        (None, Some(l)) => l.describe(lang),
        (None, None) => String::new(),
    }
}

fn render(result: &AuditResult, path: &Path) -> String {
    let mut out = format!(
        "Report: {} ({}), {} entr{} read; catalog {}\n\n",
        path.display(),
        result.format_name,
        result.entries,
        if result.entries == 1 { "y" } else { "ies" },
        result.catalog_version
    );
    let rows: Vec<Vec<String>> = result
        .rows
        .iter()
        .map(|r| {
            let first = r.declared.first();
            vec![
                r.display_name.clone(),
                r.feature_name.clone(),
                status(r).to_string(),
                first.map(|e| e.name.clone()).unwrap_or_default(),
                match first {
                    Some(e) if !e.category.raw.is_empty() => {
                        format!("{} (want {})", e.category.raw, r.expected_category_label)
                    }
                    _ => format!("(want {})", r.expected_category_label),
                },
                match first {
                    Some(e) => format!(
                        "{} (want {})",
                        lifetime(e.lifetime, e.lifetime_text.as_deref(), result.language),
                        r.expected_duration_text
                    ),
                    None => format!("(want {})", r.expected_duration_text),
                },
            ]
        })
        .collect();
    out.push_str(&table(
        &[
            "Item",
            "Feature",
            "Status",
            "Declared as",
            "Category",
            "Lifetime",
        ],
        &rows,
    ));
    if result.observed {
        out.push_str("\nThis report is a scan of what the site set, not a declaration: it has no categories, and a missing item means it was not seen.\n");
    }
    out.push('\n');
    let findings: Vec<&Finding> = result.all_findings().collect();
    for f in &findings {
        out.push_str(&format!(
            "{:<7} [{}] {}\n        fix: {}\n",
            f.severity.id(),
            f.id,
            f.message,
            f.fix
        ));
        if let Some(e) = f
            .evidence
            .as_ref()
            .filter(|e| e.line > 0 || !e.excerpt.is_empty())
        {
            let at = match (e.line, e.column) {
                (0, _) => String::new(),
                (line, 0) => format!("line {line}: "),
                (line, column) => format!("line {line}, column {column}: "),
            };
            out.push_str(&format!("        at: {at}{}\n", e.excerpt));
        }
    }
    let c = result.counts;
    if findings.is_empty() {
        out.push_str("No problems found: the report declares what the account uses.\n");
    } else {
        out.push_str(&format!(
            "{} error{}, {} warning{}, {} note{}\n",
            c.errors,
            plural(c.errors),
            c.warnings,
            plural(c.warnings),
            c.infos,
            plural(c.infos)
        ));
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn print_rules(json: bool) -> Result<ExitCode, CliError> {
    if json {
        print_json(&rules::RULES)?;
    } else {
        let rows: Vec<Vec<String>> = rules::RULES
            .iter()
            .map(|r| {
                vec![
                    r.id.to_string(),
                    r.severity.id().to_string(),
                    r.description.to_string(),
                ]
            })
            .collect();
        print(&table(&["Rule", "Severity", "Looks for"], &rows))?;
    }
    Ok(ExitCode::SUCCESS)
}
