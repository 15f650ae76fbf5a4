//! Where a command's configuration comes from: a JSON file, standard input, a stored account
//! (`--db PATH --account NAME`, its latest version, read-only), or inline flags over the vendor
//! defaults. Flatten [`ConfigInput`] into a subcommand's `Args` with
//! `#[command(flatten)] input: ConfigInput` and call [`ConfigInput::load`].

use std::io::Read;
use std::path::{Path, PathBuf};

use clap::Args;
use cookie_admin_core::{AccountConfig, BlockingMode, Catalog, CmpId, Feature, Language};

use crate::error::CliError;

/// The account id and name inline configurations get when no file is given.
pub const INLINE_ACCOUNT_ID: &str = "example";
pub const INLINE_ACCOUNT_NAME: &str = "Example account";

#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Configuration")]
pub struct ConfigInput {
    /// Read the account configuration (JSON) from FILE; `-` reads standard input. Without it,
    /// the vendor defaults are used
    #[arg(long, short = 'c', value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Use the latest stored version of account NAME from the database given with --db
    #[arg(long, value_name = "NAME", requires = "db", conflicts_with = "config")]
    pub account: Option<String>,

    /// The database (or bundle, or exported file) --account reads from; opened read-only
    #[arg(long, value_name = "PATH", requires = "account")]
    pub db: Option<PathBuf>,

    // The value lists in the help below come from the core's enums (`help = ...`), so a new
    // feature, CMP or language appears by itself. Values are parsed by the core (one-line
    // errors listing the valid ids), not by clap.
    #[arg(long, value_name = "LIST", help = features_help())]
    pub features: Option<String>,

    #[arg(long, value_name = "ID", help = cmp_help())]
    pub cmp: Option<String>,

    #[arg(long, value_name = "MODE", help = blocking_mode_help())]
    pub blocking_mode: Option<String>,

    /// A site domain (repeat for several). Replaces the file's list
    #[arg(long = "domain", value_name = "HOST")]
    pub domains: Vec<String>,

    #[arg(long, value_name = "LANG", help = lang_help())]
    pub lang: Option<String>,

    /// Load the widget catalog from FILE (a newer vendor declaration) instead of the built-in one
    #[arg(long, value_name = "FILE")]
    pub catalog: Option<PathBuf>,
}

fn features_help() -> String {
    format!(
        "Optional features to switch on, comma-separated: {}; `none` for no optional feature, \
         `all` for all of them. Replaces the file's list",
        Feature::ids().join(", ")
    )
}

fn cmp_help() -> String {
    format!(
        "The consent management platform: {}; `none` for no CMP (`all` for every target, \
         `mapping` only). Replaces the file's choice. `cookie-admin-cli cmps` lists them with \
         their names",
        CmpId::ALL.map(CmpId::id).join(", ")
    )
}

fn blocking_mode_help() -> String {
    format!(
        "Whether the site's CMP blocks scripts by itself: {}; `unknown` when not known. Replaces \
         the file's cmp_settings.blocking_mode",
        BlockingMode::ALL.map(BlockingMode::id).join(", ")
    )
}

fn lang_help() -> String {
    format!(
        "Language: {}. Replaces the file's declaration language, and is the language of the \
         verdict, the checks' messages, the consent matrix and the snippet's instructions the command \
         prints",
        Language::ALL.map(Language::id).join(", ")
    )
}

/// A catalog and a configuration ready for the core's derivations.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub catalog: Catalog,
    pub config: AccountConfig,
}

impl ConfigInput {
    /// The catalog and the configuration the flags describe.
    pub fn load(&self) -> Result<Loaded, CliError> {
        let catalog = self.catalog()?;
        let config = self.config(&catalog)?;
        Ok(Loaded { catalog, config })
    }

    /// The catalog from `--catalog`, or the built-in one.
    pub fn catalog(&self) -> Result<Catalog, CliError> {
        match &self.catalog {
            Some(path) => {
                Catalog::from_json(&read_text(path)?).map_err(|source| CliError::InFile {
                    path: path.clone(),
                    source,
                })
            }
            None => Ok(Catalog::embedded().clone()),
        }
    }

    /// The configuration from `--config` (or the vendor defaults), with the inline flags applied.
    pub fn config(&self, catalog: &Catalog) -> Result<AccountConfig, CliError> {
        let mut config = match &self.config {
            Some(path) => {
                AccountConfig::from_json(&read_text(path)?).map_err(|source| CliError::InFile {
                    path: display_name(path),
                    source,
                })?
            }
            None => match (&self.db, &self.account) {
                (Some(db), Some(account)) => {
                    cookie_admin_store::Store::open_review(db)?
                        .latest(account)?
                        .config
                }
                (None, Some(_)) => return Err(CliError::Usage("--account needs --db PATH".into())),
                _ => AccountConfig::vendor_default(catalog, INLINE_ACCOUNT_ID, INLINE_ACCOUNT_NAME),
            },
        };
        if let Some(list) = &self.features {
            config.features = parse_features(list)?.into_iter().collect();
        }
        if let Some(cmp) = &self.cmp {
            config.cmp = match cmp.trim() {
                "none" => None,
                id => Some(CmpId::parse(id)?),
            };
        }
        if let Some(mode) = &self.blocking_mode {
            config.cmp_settings.blocking_mode = match mode.trim() {
                "unknown" => None,
                id => Some(BlockingMode::parse(id)?),
            };
        }
        if !self.domains.is_empty() {
            config.domains = self.domains.clone();
        }
        if let Some(lang) = &self.lang {
            config.language = Language::parse(lang)?;
        }
        Ok(config)
    }
}

/// Parse `--features`: `none`, or a comma-separated list of feature ids.
pub fn parse_features(list: &str) -> Result<Vec<Feature>, CliError> {
    let items: Vec<&str> = list.split(',').map(str::trim).collect();
    if items.len() == 1 && items[0] == "none" {
        return Ok(Vec::new());
    }
    if items.len() == 1 && items[0] == "all" {
        return Ok(Feature::ALL.to_vec());
    }
    if items.contains(&"none") {
        return Err(CliError::Usage(
            "--features: 'none' cannot be combined with features".into(),
        ));
    }
    if items.iter().any(|i| i.is_empty()) {
        return Err(CliError::Usage(format!(
            "--features: empty item in {}; give feature ids separated by commas ({}), or none",
            cookie_admin_core::quote(list),
            Feature::ids().join(", ")
        )));
    }
    items
        .into_iter()
        .map(|id| Feature::parse(id).map_err(CliError::from))
        .collect()
}

fn read_text(path: &Path) -> Result<String, CliError> {
    let read_error = |source| CliError::Read {
        path: path.to_path_buf(),
        source,
    };
    if path == Path::new("-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|source| CliError::Read {
                path: PathBuf::from("standard input"),
                source,
            })?;
        Ok(text)
    } else {
        // A FIFO would block the read forever, a device is no configuration: refuse both.
        match std::fs::metadata(path) {
            Ok(meta) if !meta.is_file() => Err(read_error(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "not a regular file",
            ))),
            _ => std::fs::read_to_string(path).map_err(read_error),
        }
    }
}

/// How a `--config` path is named in messages (`-` is standard input).
fn display_name(path: &Path) -> PathBuf {
    if path == Path::new("-") {
        PathBuf::from("standard input")
    } else {
        path.to_path_buf()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_list_parses_none_and_ids() {
        assert!(parse_features("none").unwrap().is_empty());
        assert_eq!(parse_features("all").unwrap(), Feature::ALL.to_vec());
        assert_eq!(
            parse_features("trace_route, data_memorization").unwrap(),
            vec![Feature::TraceRoute, Feature::DataMemorization]
        );
        assert!(parse_features("none,trace_route").is_err());
        assert!(parse_features("trace_route,").is_err());
        let err = parse_features("tracking").unwrap_err().to_string();
        assert!(
            err.contains("tracking") && err.contains("trace_route"),
            "{err}"
        );
    }

    #[test]
    fn inline_flags_override_defaults() {
        let input = ConfigInput {
            features: Some("scoring_rules".into()),
            cmp: Some("didomi".into()),
            domains: vec!["acme.pl".into()],
            lang: Some("pl".into()),
            ..ConfigInput::default()
        };
        let loaded = input.load().unwrap();
        assert!(loaded.config.is_enabled(Feature::ScoringRules));
        assert_eq!(loaded.config.cmp, Some(CmpId::Didomi));
        assert_eq!(loaded.config.language, Language::Pl);
        assert_eq!(loaded.config.domains, vec!["acme.pl".to_string()]);
    }
}
