//! Text in the languages the app speaks (English and Polish): choosing the text of one
//! language, joining names ("A, B and C" / "A, B i C"), quoting a name the language's way, and
//! Polish plural forms. (Shortening a long value for a message is [`crate::text`]'s job.)
//!
//! Every message the core writes goes through [`pick`] (or a `match` on [`Language`]), so a
//! message cannot exist in one language only: leaving out a language does not compile.

use serde::Serialize;

use crate::config::Language;

/// A fixed text written out in every language, for data declared as constants (an adapter's
/// dashboard step, a picker's label). Serialized as `{"en": …, "pl": …}`, so the window can
/// switch language without asking again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Text {
    pub en: &'static str,
    pub pl: &'static str,
}

impl Text {
    /// The text in `lang`.
    pub const fn get(self, lang: Language) -> &'static str {
        match lang {
            Language::En => self.en,
            Language::Pl => self.pl,
        }
    }
}

/// The text for `lang`, given in every language. Both are written out at the call site, so
/// the compiler refuses a message with a language missing.
pub fn pick<T>(lang: Language, en: T, pl: T) -> T {
    match lang {
        Language::En => en,
        Language::Pl => pl,
    }
}

/// "A", "A and B", "A, B and C" (Polish: "i", no comma before it).
pub fn join_and(items: &[String], lang: Language) -> String {
    let and = pick(lang, " and ", " i ");
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{}{and}{last}", rest.join(", ")),
    }
}

/// A name in the language's quotation marks, shortened like every quoted value
/// ([`crate::text::shorten`]): "name" in English, „name” in Polish.
pub fn quoted(text: &str, lang: Language) -> String {
    let text = crate::text::shorten(text);
    match lang {
        Language::En => format!("\"{text}\""),
        Language::Pl => format!("\u{201e}{text}\u{201d}"),
    }
}

/// The Polish plural form for `n`: `one` for 1, `few` for 2-4, 22-24, ... (not 12-14),
/// `many` for the rest (0, 5-21, 25-31, ...), as CLDR's rules for Polish integers say.
pub fn plural_pl<'a>(n: usize, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else if (2..=4).contains(&(n % 10)) && !(12..=14).contains(&(n % 100)) {
        few
    } else {
        many
    }
}

/// `n` and the noun in the right form: "1 item"/"3 items", "1 element"/"3 elementy"/"5 elementów".
pub fn count(lang: Language, n: usize, en: (&str, &str), pl: (&str, &str, &str)) -> String {
    match lang {
        Language::En => format!("{n} {}", if n == 1 { en.0 } else { en.1 }),
        Language::Pl => format!("{n} {}", plural_pl(n, pl.0, pl.1, pl.2)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polish_plurals_follow_the_cldr_rules() {
        let forms = |n| plural_pl(n, "konto", "konta", "kont");
        let expected = [
            (0, "kont"),
            (1, "konto"),
            (2, "konta"),
            (4, "konta"),
            (5, "kont"),
            (11, "kont"),
            (12, "kont"),
            (14, "kont"),
            (21, "kont"),
            (22, "konta"),
            (101, "kont"),
            (112, "kont"),
            (122, "konta"),
        ];
        for (n, form) in expected {
            assert_eq!(forms(n), form, "{n}");
        }
        assert_eq!(
            count(
                Language::Pl,
                3,
                ("item", "items"),
                ("element", "elementy", "elementów")
            ),
            "3 elementy"
        );
        assert_eq!(
            count(
                Language::En,
                1,
                ("item", "items"),
                ("element", "elementy", "elementów")
            ),
            "1 item"
        );
    }

    #[test]
    fn lists_join_with_the_languages_and() {
        let items: Vec<String> = ["A", "B", "C"].map(String::from).to_vec();
        assert_eq!(join_and(&items, Language::En), "A, B and C");
        assert_eq!(join_and(&items, Language::Pl), "A, B i C");
        assert_eq!(join_and(&items[..1], Language::Pl), "A");
        assert_eq!(quoted("x", Language::Pl), "„x”");
    }
}
