//! Everything the UI (or `cookie-admin-cli summary`) shows for one configuration, in one call.

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::checks::{check, count, Finding, Severity};
use crate::config::{AccountConfig, Language};
use crate::cookies::{cookie_list_in, necessary_items_in, CookieRow};
use crate::matrix::{consent_matrix, ConsentMatrix};
use crate::verdict::{verdict, Verdict};

/// Serialized as `{"catalog_version":"2026.11.0","verdict":{…},"cookies":[CookieRow…],
/// "necessary":[CookieRow…],"matrix":{…},"findings":[Finding…],"errors":0,"warnings":0,
/// "infos":0}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// The catalog the derivations used.
    pub catalog_version: String,
    pub verdict: Verdict,
    /// The enabled optional features' storage: what to declare in the CMP.
    pub cookies: Vec<CookieRow>,
    /// The core's strictly necessary storage (needs no consent).
    pub necessary: Vec<CookieRow>,
    pub matrix: ConsentMatrix,
    /// Most serious first.
    pub findings: Vec<Finding>,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    /// Derive everything for one configuration, every text in `lang` (the window passes its
    /// own language; the CLI the configuration's, or `--lang`).
    pub fn new(catalog: &Catalog, config: &AccountConfig, lang: Language) -> Summary {
        let findings = check(catalog, config, lang);
        Summary {
            catalog_version: catalog.catalog_version.clone(),
            verdict: verdict(catalog, config, lang),
            cookies: cookie_list_in(catalog, config, lang),
            necessary: necessary_items_in(catalog, lang),
            matrix: consent_matrix(catalog, config, lang),
            errors: count(&findings, Severity::Error),
            warnings: count(&findings, Severity::Warning),
            infos: count(&findings, Severity::Info),
            findings,
        }
    }
}

/// Shorthand for [`Summary::new`].
pub fn summarize(catalog: &Catalog, config: &AccountConfig, lang: Language) -> Summary {
    Summary::new(catalog, config, lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{CmpId, Feature};

    #[test]
    fn summary_agrees_with_the_parts_and_round_trips() {
        let catalog = Catalog::embedded();
        let mut config = AccountConfig::vendor_default(catalog, "acme", "ACME");
        config.features = [Feature::DataMemorization].into_iter().collect();
        let summary = summarize(catalog, &config, Language::En);
        assert_eq!(summary.errors, 1, "{:?}", summary.findings); // no CMP
        assert_eq!(summary.cookies.len(), summary.verdict.cookies_to_declare);
        config.cmp = Some(CmpId::Onetrust);
        config.domains = vec!["acme.example".into()];
        let summary = summarize(catalog, &config, Language::En);
        // OneTrust can block automatically and the site's mode is not known yet.
        assert_eq!((summary.errors, summary.warnings), (0, 1));
        config.cmp_settings.blocking_mode = Some(crate::config::BlockingMode::Manual);
        let summary = summarize(catalog, &config, Language::En);
        assert_eq!((summary.errors, summary.warnings), (0, 0));
        let text = serde_json::to_string(&summary).unwrap();
        assert_eq!(serde_json::from_str::<Summary>(&text).unwrap(), summary);
    }
}
