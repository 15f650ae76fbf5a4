//! The language of the operating system, for a window whose language setting is "system".
//!
//! Read from the environment the way gettext does: the locale is the first non-empty of
//! `LC_ALL`, `LC_MESSAGES` and `LANG`; unless that locale is `C` or `POSIX`, a non-empty
//! `LANGUAGE` (a list such as `pl:en`) comes first. Polish when the chosen entry starts with
//! `pl` (`pl_PL.UTF-8`, `pl`), English otherwise.

use cookie_admin_core::Language;

/// The system's language, from this process's environment.
pub fn system_language() -> Language {
    language_from(|key| std::env::var(key).ok())
}

/// The language the environment variables `get` returns ask for (see the module docs).
pub fn language_from(get: impl Fn(&str) -> Option<String>) -> Language {
    let value = |key: &str| get(key).filter(|v| !v.trim().is_empty());
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .find_map(value);
    let Some(locale) = locale else {
        return Language::En;
    };
    let plain = locale.split(['.', '@']).next().unwrap_or_default();
    if plain == "C" || plain == "POSIX" {
        return Language::En;
    }
    let first = value("LANGUAGE")
        .and_then(|list| list.split(':').find(|l| !l.is_empty()).map(String::from))
        .unwrap_or(locale);
    if first.to_ascii_lowercase().starts_with("pl") {
        Language::Pl
    } else {
        Language::En
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(vars: &[(&str, &str)]) -> Language {
        language_from(|key| {
            vars.iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn the_locale_variables_decide_in_gettexts_order() {
        assert_eq!(lang(&[]), Language::En);
        assert_eq!(lang(&[("LANG", "pl_PL.UTF-8")]), Language::Pl);
        assert_eq!(lang(&[("LANG", "pl")]), Language::Pl);
        assert_eq!(lang(&[("LANG", "en_GB.UTF-8")]), Language::En);
        assert_eq!(lang(&[("LANG", "de_DE.UTF-8")]), Language::En);
        // LC_ALL, then LC_MESSAGES, then LANG.
        assert_eq!(
            lang(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "pl_PL.UTF-8")]),
            Language::En
        );
        assert_eq!(
            lang(&[("LC_MESSAGES", "pl_PL.UTF-8"), ("LANG", "en_US.UTF-8")]),
            Language::Pl
        );
        assert_eq!(
            lang(&[("LC_ALL", ""), ("LANG", "pl_PL.UTF-8")]),
            Language::Pl
        );
        // LANGUAGE comes first, except under the C locale.
        assert_eq!(
            lang(&[("LANGUAGE", "pl:en"), ("LANG", "en_US.UTF-8")]),
            Language::Pl
        );
        assert_eq!(
            lang(&[("LANGUAGE", "pl"), ("LANG", "C.UTF-8")]),
            Language::En
        );
        assert_eq!(lang(&[("LANGUAGE", "pl")]), Language::En);
    }
}
