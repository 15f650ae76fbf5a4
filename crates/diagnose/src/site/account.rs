//! The account a page is checked against: its current configuration and the stored versions,
//! so that a snippet found on the page can be traced to the version it came from and the
//! changes since can be named.

use cookie_admin_core::i18n::pick;
use cookie_admin_core::{AccountConfig, Catalog, Feature, Language};

/// One stored version of the account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownVersion {
    pub version: i64,
    pub config: AccountConfig,
}

/// The account the page should carry the widget of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// How the account is called where it is stored (the database's account name).
    pub name: String,
    /// The configuration the page is checked against (the latest version, or a file).
    pub config: AccountConfig,
    /// Its version number when it is a stored version.
    pub version: Option<i64>,
    /// Every stored version, any order (may be empty, e.g. for a configuration file).
    pub history: Vec<KnownVersion>,
}

impl Account {
    /// An account known only by a configuration (no stored history).
    pub fn from_config(config: AccountConfig) -> Account {
        Account {
            name: config.account.name.clone(),
            config,
            version: None,
            history: Vec::new(),
        }
    }

    /// The stored versions, newest first.
    pub fn versions_newest_first(&self) -> Vec<&KnownVersion> {
        let mut versions: Vec<&KnownVersion> = self.history.iter().collect();
        versions.sort_by_key(|v| std::cmp::Reverse(v.version));
        versions
    }

    /// "version 5" or "the configuration checked against".
    pub fn current_label(&self) -> String {
        match self.version {
            Some(v) => format!("version {v}"),
            None => "the configuration checked against".to_string(),
        }
    }
}

/// What changed from `old` to `new`, in English words (empty when nothing that changes the
/// snippet's behaviour did).
pub fn describe_changes(
    catalog: &Catalog,
    old: &AccountConfig,
    new: &AccountConfig,
) -> Vec<String> {
    describe_changes_in(catalog, old, new, Language::En)
}

/// What changed from `old` to `new`, in words of `lang`.
pub fn describe_changes_in(
    catalog: &Catalog,
    old: &AccountConfig,
    new: &AccountConfig,
    lang: Language,
) -> Vec<String> {
    let name = |f: Feature| catalog.feature(f).name.get(lang).to_string();
    let mut out = Vec::new();
    for feature in Feature::ALL {
        match (old.is_enabled(feature), new.is_enabled(feature)) {
            (false, true) => out.push(pick(
                lang,
                format!("{} was switched on", name(feature)),
                format!("włączono {}", name(feature)),
            )),
            (true, false) => out.push(pick(
                lang,
                format!("{} was switched off", name(feature)),
                format!("wyłączono {}", name(feature)),
            )),
            (true, true) => {
                let (a, b) = (
                    old.category_of(feature, catalog),
                    new.category_of(feature, catalog),
                );
                if a != b {
                    out.push(pick(
                        lang,
                        format!(
                            "{} moved from {} to {}",
                            name(feature),
                            a.label(lang),
                            b.label(lang)
                        ),
                        format!(
                            "{} przeniesiono z kategorii {} do {}",
                            name(feature),
                            a.label(lang),
                            b.label(lang)
                        ),
                    ));
                }
            }
            (false, false) => {}
        }
    }
    if old.cmp != new.cmp {
        let none = pick(lang, "no CMP", "brak CMP");
        let cmp = |c: Option<cookie_admin_core::CmpId>| c.map_or(none, |c| c.name());
        out.push(pick(
            lang,
            format!("the CMP changed from {} to {}", cmp(old.cmp), cmp(new.cmp)),
            format!("CMP zmieniono z {} na {}", cmp(old.cmp), cmp(new.cmp)),
        ));
    }
    if old.consent_mode != new.consent_mode {
        out.push(
            pick(
                lang,
                "the Google Consent Mode settings changed",
                "zmieniono ustawienia Google Consent Mode",
            )
            .into(),
        );
    }
    if old.tcf != new.tcf {
        out.push(pick(lang, "the TCF settings changed", "zmieniono ustawienia TCF").into());
    }
    if old.cmp_settings != new.cmp_settings {
        out.push(
            pick(
                lang,
                "the CMP settings (service name, vendor id or widget URL) changed",
                "zmieniono ustawienia CMP (nazwę usługi, identyfikator dostawcy lub adres widżetu)",
            )
            .into(),
        );
    }
    if old.account != new.account {
        out.push(
            pick(
                lang,
                "the account id or name changed",
                "zmieniono identyfikator lub nazwę konta",
            )
            .into(),
        );
    }
    out
}

/// "a, b and c".
pub fn join_words(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_named() {
        let catalog = Catalog::embedded();
        let old = AccountConfig::vendor_default(catalog, "acme", "ACME");
        let mut new = old.clone();
        new.features.insert(Feature::DataMemorization);
        new.cmp = Some(cookie_admin_core::CmpId::Cookiebot);
        let changes = describe_changes(catalog, &old, &new);
        assert_eq!(
            changes,
            [
                "Data Memorization was switched on",
                "the CMP changed from no CMP to Cookiebot"
            ]
        );
        assert_eq!(
            join_words(&changes),
            "Data Memorization was switched on and the CMP changed from no CMP to Cookiebot"
        );
        assert!(describe_changes(catalog, &old, &old).is_empty());
    }
}
