//! Categories as CMP reports name them, mapped to ours.
//!
//! - Cookiebot: its five cookie tables (`Necessary`, `Preference`, `Statistics`, `Advertising`,
//!   `Unclassified`); the declaration shows them as Necessary, Preferences, Statistics,
//!   Marketing, Unclassified (translated on non-English sites).
//! - OneTrust: the default group ids `C0001` Strictly Necessary, `C0002` Performance, `C0003`
//!   Functional, `C0004` Targeting, `C0005` Social Media; other groups by their name.
//! - Open Cookie Database: Functional, Personalization, Analytics, Marketing, Security (and
//!   Necessary on a few rows). Security cookies work without consent, so they count as
//!   necessary.
//! - Our declaration CSV (English or Polish labels) and cookie list CSV (category ids).
//! - Any other text: by keywords, in English and Polish (and a few German words, common on
//!   Cookiebot declarations).

use cookie_admin_core::Category;
use serde::Serialize;

use super::entry::visible;

/// A declared category, as written and as mapped to ours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeclaredCategory {
    /// As the report writes it (e.g. `Statistics`, `Targeting Cookies (C0004)`); empty when the
    /// report has no category.
    pub raw: String,
    pub mapped: CategoryMatch,
}

/// What a declared category means in our terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "category", rename_all = "snake_case")]
pub enum CategoryMatch {
    Known(Category),
    /// The CMP says it has not classified the item (Cookiebot's Unclassified).
    Unclassified,
    /// A name this tool does not know (a custom OneTrust group, say).
    Unknown,
    /// The report has no category for it (Didomi's scan, a CSV without a category column).
    NotGiven,
}

impl DeclaredCategory {
    pub fn not_given() -> DeclaredCategory {
        DeclaredCategory {
            raw: String::new(),
            mapped: CategoryMatch::NotGiven,
        }
    }

    /// Any category text, by keywords.
    pub fn from_text(raw: &str) -> DeclaredCategory {
        let raw = visible(raw.trim());
        DeclaredCategory {
            mapped: map_text(&raw),
            raw,
        }
    }

    /// How the category reads in a message: `"Statistics" (our Analytics)`.
    pub fn describe(&self, lang: cookie_admin_core::Language) -> String {
        use cookie_admin_core::Language;
        let (open, close) = match lang {
            Language::En => ("“", "”"),
            Language::Pl => ("„", "”"),
        };
        match self.mapped {
            CategoryMatch::Known(c) if !c.label(Language::En).eq_ignore_ascii_case(&self.raw) => {
                match lang {
                    Language::En => format!("{open}{}{close} (our {})", self.raw, c.label(lang)),
                    Language::Pl => {
                        format!("{open}{}{close} (u nas: {})", self.raw, c.label(lang))
                    }
                }
            }
            _ => format!("{open}{}{close}", self.raw),
        }
    }
}

/// Map category text by keywords. Empty text is [`CategoryMatch::NotGiven`].
pub fn map_text(raw: &str) -> CategoryMatch {
    let text = raw.trim().to_lowercase();
    if text.is_empty() || text == "#n/a" || text == "n/a" {
        return CategoryMatch::NotGiven;
    }
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    if has(&[
        "unclassified",
        "unclassifed",
        "uncategori",
        "not classified",
        "niesklasyfikowan",
        "nie sklasyfikowan",
        "nicht klassifiziert",
    ]) {
        return CategoryMatch::Unclassified;
    }
    let negated_necessary = has(&[
        "non-necess",
        "non necess",
        "non-essen",
        "non essen",
        "unnecess",
        "not necess",
        "nieniezb",
    ]);
    if !negated_necessary
        && has(&[
            "necessary",
            "essential",
            "strictly",
            "required",
            "security",
            "niezbędn",
            "niezbedn",
            "wymagan",
            "podstawow",
            "bezpieczeń",
            "notwendig",
            "erforderlich",
        ])
    {
        return CategoryMatch::Known(Category::Necessary);
    }
    if has(&[
        "marketing",
        "advertis",
        "targeting",
        "social media",
        "reklam",
        "społeczno",
        "werbung",
    ]) {
        return CategoryMatch::Known(Category::Marketing);
    }
    if has(&[
        "statisti",
        "analyti",
        "performance",
        "measurement",
        "statysty",
        "analityczn",
        "wydajno",
        "pomiar",
    ]) {
        return CategoryMatch::Known(Category::Analytics);
    }
    if has(&[
        "functional",
        "functionality",
        "preference",
        "personali",
        "funkcjonaln",
        "preferencj",
        "präferenz",
        "praferenz",
        "funktion",
    ]) {
        return CategoryMatch::Known(Category::Functional);
    }
    CategoryMatch::Unknown
}

/// A Cookiebot cookie table (`cookieTableStatistics` → `Statistics`), with its displayed name.
pub fn cookiebot_table(table: &str) -> Option<DeclaredCategory> {
    let (raw, mapped) = match table {
        "Necessary" => ("Necessary", CategoryMatch::Known(Category::Necessary)),
        "Preference" => ("Preferences", CategoryMatch::Known(Category::Functional)),
        "Statistics" => ("Statistics", CategoryMatch::Known(Category::Analytics)),
        "Advertising" => ("Marketing", CategoryMatch::Known(Category::Marketing)),
        "Unclassified" => ("Unclassified", CategoryMatch::Unclassified),
        _ => return None,
    };
    Some(DeclaredCategory {
        raw: raw.to_string(),
        mapped,
    })
}

/// A OneTrust group: its default id first (`C0002`), else its name.
pub fn onetrust_group(id: &str, name: &str) -> DeclaredCategory {
    let id = visible(id.trim());
    let name = visible(name.trim());
    let (id, name) = (id.as_str(), name.as_str());
    let raw = match (name.is_empty(), id.is_empty()) {
        (false, false) => format!("{name} ({id})"),
        (false, true) => name.to_string(),
        (true, false) => id.to_string(),
        (true, true) => String::new(),
    };
    let by_id = match id.to_ascii_uppercase().as_str() {
        "C0001" => Some(Category::Necessary),
        "C0002" => Some(Category::Analytics),
        "C0003" => Some(Category::Functional),
        "C0004" | "C0005" => Some(Category::Marketing),
        _ => None,
    };
    let mapped = match by_id {
        Some(category) => CategoryMatch::Known(category),
        None if raw.is_empty() => CategoryMatch::Unknown,
        None => match map_text(name) {
            CategoryMatch::NotGiven => CategoryMatch::Unknown,
            other => other,
        },
    };
    DeclaredCategory { raw, mapped }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(raw: &str) -> Option<Category> {
        match map_text(raw) {
            CategoryMatch::Known(c) => Some(c),
            _ => None,
        }
    }

    #[test]
    fn open_cookie_database_and_our_labels() {
        assert_eq!(known("Functional"), Some(Category::Functional));
        assert_eq!(known("Personalization"), Some(Category::Functional));
        assert_eq!(known("Analytics"), Some(Category::Analytics));
        assert_eq!(known("Marketing"), Some(Category::Marketing));
        assert_eq!(known("Security"), Some(Category::Necessary));
        assert_eq!(known("Strictly necessary"), Some(Category::Necessary));
        assert_eq!(known("Niezbędne"), Some(Category::Necessary));
        assert_eq!(known("Analityczne"), Some(Category::Analytics));
        assert_eq!(known("Marketingowe"), Some(Category::Marketing));
        assert_eq!(known("Funkcjonalne"), Some(Category::Functional));
        assert_eq!(known("analytics"), Some(Category::Analytics));
        assert_eq!(
            known("Personalized Advertisements"),
            Some(Category::Marketing)
        );
        assert_eq!(known("Non-necessary"), None);
        assert_eq!(map_text("Unclassified"), CategoryMatch::Unclassified);
        assert_eq!(map_text("Website improvement"), CategoryMatch::Unknown);
        assert_eq!(map_text(""), CategoryMatch::NotGiven);
    }

    #[test]
    fn onetrust_ids_win_over_names() {
        let g = onetrust_group("C0002", "Performance Cookies");
        assert_eq!(g.mapped, CategoryMatch::Known(Category::Analytics));
        assert_eq!(g.raw, "Performance Cookies (C0002)");
        assert_eq!(
            onetrust_group("C0005", "Social Media Cookies").mapped,
            CategoryMatch::Known(Category::Marketing)
        );
        assert_eq!(
            onetrust_group("C0011", "Statistics").mapped,
            CategoryMatch::Known(Category::Analytics)
        );
        assert_eq!(
            onetrust_group("C0012", "Website improvement").mapped,
            CategoryMatch::Unknown
        );
    }

    #[test]
    fn cookiebot_tables() {
        let t = cookiebot_table("Advertising").unwrap();
        assert_eq!(t.raw, "Marketing");
        assert_eq!(t.mapped, CategoryMatch::Known(Category::Marketing));
        assert!(cookiebot_table("Other").is_none());
    }
}
