//! `check`: run the rules over a configuration; exit status 1 when an error-level finding fires.

use std::process::ExitCode;

use clap::Args;
use cookie_admin_core::checks::{check, count, has_errors, CheckId, Finding, Severity};
use cookie_admin_core::Language;

use crate::config_input::ConfigInput;
use crate::error::CliError;
use crate::output::{print_json, print_text, table};

/// Exit status when an error-level finding fires (or a warning, with --deny-warnings).
pub const EXIT_FINDINGS: u8 = 1;

#[derive(Debug, Args)]
#[command(
    about = "Check a configuration for compliance and setup problems",
    long_about = "Check a configuration for problems that would break compliance or the widget's \
                  features. Each finding has a severity (error, warning, info), a stable id, the \
                  configuration field it concerns, and a suggested fix. Messages and fixes are in \
                  the configuration's language, or --lang (en or pl). Exit status: 0 when no \
                  error-level finding fires, 1 when one does, 2 when the configuration cannot be \
                  read.",
    after_help = "Examples:\n  cookie-admin-cli check --config acme.json\n  cookie-admin-cli check --features data_memorization --cmp gcm --json\n  cookie-admin-cli check --features all --lang pl\n  cookie-admin-cli check --rules"
)]
pub struct CheckArgs {
    /// Print the findings as JSON (an array) instead of text
    #[arg(long)]
    pub json: bool,

    /// Exit with status 1 on warnings too, not only on errors
    #[arg(long)]
    pub deny_warnings: bool,

    /// List every rule (id, severity, what it looks for) and exit
    #[arg(long)]
    pub rules: bool,

    #[command(flatten)]
    pub input: ConfigInput,
}

pub fn run(args: &CheckArgs) -> Result<ExitCode, CliError> {
    if args.rules {
        let lang = match &args.input.lang {
            Some(lang) => Language::parse(lang)?,
            None => Language::En,
        };
        return print_rules(args.json, lang);
    }
    let loaded = args.input.load()?;
    let findings = check(&loaded.catalog, &loaded.config, loaded.config.language);
    if args.json {
        print_json(&findings)?;
    } else {
        print_text(&render(&findings))?;
    }
    let fail =
        has_errors(&findings) || (args.deny_warnings && count(&findings, Severity::Warning) > 0);
    Ok(if fail {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    })
}

fn render(findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        out.push_str(&format!(
            "{:<7} [{}] {}: {}\n        fix: {}\n",
            f.severity.id(),
            f.id.id(),
            f.field,
            f.message,
            f.fix
        ));
    }
    let (e, w, i) = (
        count(findings, Severity::Error),
        count(findings, Severity::Warning),
        count(findings, Severity::Info),
    );
    if findings.is_empty() {
        out.push_str("No problems found.\n");
    } else {
        out.push_str(&format!(
            "{e} error{}, {w} warning{}, {i} note{}\n",
            plural(e),
            plural(w),
            plural(i)
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

fn print_rules(json: bool, lang: Language) -> Result<ExitCode, CliError> {
    if json {
        let rules: Vec<serde_json::Value> = CheckId::ALL
            .iter()
            .map(|id| {
                serde_json::json!({
                    "id": id.id(),
                    "severity": id.severity(),
                    "description": id.describe(lang),
                })
            })
            .collect();
        print_json(&rules)?;
    } else {
        let rows: Vec<Vec<String>> = CheckId::ALL
            .iter()
            .map(|id| {
                vec![
                    id.id().to_string(),
                    id.severity().id().to_string(),
                    id.describe(lang).to_string(),
                ]
            })
            .collect();
        print_text(&table(&["Rule", "Severity", "Looks for"], &rows))?;
    }
    Ok(ExitCode::SUCCESS)
}
