//! Lifetimes as CMP reports write them, turned into seconds and compared with the catalog.
//!
//! Reports write lifetimes as free text ("1 year", "13 months", "Session", Cookiebot's
//! "Persistent" for HTML storage, Polish "2 lata", "Sesyjne"), as whole seconds (Didomi, our
//! cookie list CSV) or as whole days (OneTrust's `Length`, with `IsSession` for session cookies).
//! Text that cannot be read is kept and reported as a finding, never as an error.

use cookie_admin_core::i18n::{count, pick};
use cookie_admin_core::Language;
use cookie_admin_core::StorageType;
use serde::Serialize;

const MINUTE: u64 = 60;
const HOUR: u64 = 3_600;
const DAY: u64 = 86_400;
const WEEK: u64 = 7 * DAY;
/// A month is counted as 30 days and a year as 365, as cookie declarations do.
const MONTH: u64 = 30 * DAY;
const YEAR: u64 = 365 * DAY;

/// A lifetime read from a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Lifetime {
    /// Ends with the browser session.
    Session,
    /// Never expires (Cookiebot's "Persistent" for local storage, "forever", "no expiration").
    Persistent,
    /// A duration: the longest one the text names, and the size of the unit it was written in
    /// (a lifetime written in days cannot be compared to the second).
    Duration { seconds: u64, unit_seconds: u64 },
    /// Text that names no duration this tool reads.
    Unreadable,
}

/// What a bare number means in a given report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BareNumber {
    Seconds,
    Days,
}

impl Lifetime {
    /// A duration in whole `unit`s.
    pub fn of(count: u64, unit_seconds: u64) -> Lifetime {
        Lifetime::Duration {
            seconds: count.saturating_mul(unit_seconds),
            unit_seconds,
        }
    }

    /// Read a lifetime text. `None` when the report gives none (empty, `-`, `n/a`, `#N/A`).
    pub fn parse(text: &str, bare: BareNumber) -> Option<Lifetime> {
        let text = text.trim().to_lowercase();
        if matches!(
            text.as_str(),
            "" | "-" | "n/a" | "na" | "#n/a" | "none" | "null" | "undefined"
        ) {
            return None;
        }
        let durations = durations(&text);
        if let Some(longest) = durations.iter().max_by_key(|(seconds, _)| *seconds) {
            // "Session to 30 days" or "1 week to 1 year": a declaration states the longest.
            return Some(Lifetime::Duration {
                seconds: longest.0,
                unit_seconds: longest.1,
            });
        }
        if let Ok(number) = text.parse::<u64>() {
            return Some(match bare {
                BareNumber::Seconds => Lifetime::of(number, 1),
                BareNumber::Days => Lifetime::of(number, DAY),
            });
        }
        const SESSION: &[&str] = &["session", "sesj", "sesyj", "sitzung", "browser close"];
        const PERSISTENT: &[&str] = &[
            "persistent",
            "forever",
            "permanent",
            "no expiration",
            "never expire",
            "unlimited",
            "stałe",
            "trwałe",
            "bezterminow",
            "dauerhaft",
        ];
        if SESSION.iter().any(|w| text.contains(w)) {
            Some(Lifetime::Session)
        } else if PERSISTENT.iter().any(|w| text.contains(w)) {
            Some(Lifetime::Persistent)
        } else {
            Some(Lifetime::Unreadable)
        }
    }

    /// Whether this declared lifetime agrees with the catalog's (`0` = session) for an item of
    /// `storage` type. `None` when it cannot be told (unreadable text).
    ///
    /// Tolerance: a tenth of the catalog's duration, half the unit the report wrote it in (a
    /// lifetime in whole days cannot say 30 minutes), and at least a minute.
    pub fn agrees_with(self, expected_seconds: u64, storage: StorageType) -> Option<bool> {
        match self {
            Lifetime::Unreadable => None,
            Lifetime::Session => Some(expected_seconds == 0),
            // Cookiebot writes "Persistent" for every local storage key: it cannot see an expiry
            // there. For a cookie it means "never expires", which no catalog item does.
            Lifetime::Persistent => {
                Some(expected_seconds > 0 && storage == StorageType::LocalStorage)
            }
            Lifetime::Duration {
                seconds,
                unit_seconds,
            } => {
                if expected_seconds == 0 {
                    return Some(seconds == 0);
                }
                let tolerance = (expected_seconds / 10).max(unit_seconds / 2).max(MINUTE);
                Some(seconds.abs_diff(expected_seconds) <= tolerance)
            }
        }
    }

    /// The lifetime in words, for messages.
    pub fn describe(self, lang: Language) -> String {
        match self {
            Lifetime::Session => pick(lang, "the browser session", "sesja przeglądarki").into(),
            Lifetime::Persistent => pick(lang, "no expiry", "bez wygaśnięcia").into(),
            Lifetime::Unreadable => pick(
                lang,
                "an unreadable lifetime",
                "nieczytelny czas przechowywania",
            )
            .into(),
            Lifetime::Duration { seconds, .. } => describe_seconds_in(seconds, lang),
        }
    }
}

/// Seconds in the largest unit that divides them (or roughly, in days), e.g. "1 year",
/// "30 minutes", "90 days".
/// In Polish: "1 rok", "30 minut", "3 miesiące".
pub fn describe_seconds_in(seconds: u64, lang: Language) -> String {
    if lang == Language::Pl {
        return describe_seconds_pl(seconds);
    }
    if seconds == 0 {
        return "the browser session".into();
    }
    for (unit, name) in [
        (YEAR, "year"),
        (MONTH, "month"),
        (WEEK, "week"),
        (DAY, "day"),
        (HOUR, "hour"),
        (MINUTE, "minute"),
    ] {
        if seconds % unit == 0 {
            let n = seconds / unit;
            return format!("{n} {name}{}", if n == 1 { "" } else { "s" });
        }
    }
    if seconds > DAY {
        format!("about {} days", seconds / DAY)
    } else {
        format!("{seconds} seconds")
    }
}

fn describe_seconds_pl(seconds: u64) -> String {
    if seconds == 0 {
        return "sesja przeglądarki".into();
    }
    let units: [(u64, (&str, &str, &str)); 6] = [
        (YEAR, ("rok", "lata", "lat")),
        (MONTH, ("miesiąc", "miesiące", "miesięcy")),
        (WEEK, ("tydzień", "tygodnie", "tygodni")),
        (DAY, ("dzień", "dni", "dni")),
        (HOUR, ("godzina", "godziny", "godzin")),
        (MINUTE, ("minuta", "minuty", "minut")),
    ];
    let in_words = |n: u64, forms: (&str, &str, &str)| {
        let n = usize::try_from(n).unwrap_or(usize::MAX);
        count(Language::Pl, n, ("", ""), forms)
    };
    for (unit, forms) in units {
        if seconds % unit == 0 {
            return in_words(seconds / unit, forms);
        }
    }
    if seconds > DAY {
        format!("około {}", in_words(seconds / DAY, ("dzień", "dni", "dni")))
    } else {
        in_words(seconds, ("sekunda", "sekundy", "sekund"))
    }
}

/// Every "<number> <unit>" in the text, as (seconds, unit size). Numbers may be written
/// `1.5` or `1,5`; the unit may follow a space or stand right after the number (`3w`).
fn durations(text: &str) -> Vec<(u64, u64)> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_alphanumeric()) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.' || chars[i] == ',') {
            i += 1;
        }
        let number: String = chars[start..i]
            .iter()
            .map(|c| if *c == ',' { '.' } else { *c })
            .collect();
        let number = number.trim_end_matches('.');
        let mut j = i;
        while j < chars.len() && chars[j] == ' ' {
            j += 1;
        }
        let word_start = j;
        while j < chars.len() && chars[j].is_alphabetic() {
            j += 1;
        }
        let word: String = chars[word_start..j].iter().collect();
        if let (Some(unit), Ok(value)) = (unit_seconds(&word), number.parse::<f64>()) {
            if value.is_finite() && value >= 0.0 {
                // Lifetimes above u64 seconds (centuries) saturate; f64 holds them well enough.
                let seconds = (value * unit as f64).round();
                let seconds = if seconds >= u64::MAX as f64 {
                    u64::MAX
                } else {
                    seconds as u64
                };
                found.push((seconds, unit));
            }
        }
        i = j.max(i);
    }
    found
}

/// The size of a unit word (English or Polish, singular, plural or abbreviated).
fn unit_seconds(word: &str) -> Option<u64> {
    let unit = match word {
        "s" | "sec" | "secs" | "second" | "seconds" | "sekunda" | "sekundy" | "sekund" => 1,
        "m" | "min" | "mins" | "minute" | "minutes" | "minuta" | "minuty" | "minut" => MINUTE,
        "h" | "hr" | "hrs" | "hour" | "hours" | "godzina" | "godziny" | "godzin" | "godz" => HOUR,
        "d" | "day" | "days" | "dzień" | "dzien" | "dni" | "dnia" => DAY,
        "w" | "wk" | "week" | "weeks" | "tydzień" | "tydzien" | "tygodnie" | "tygodni" => WEEK,
        "mo" | "mon" | "month" | "months" | "miesiąc" | "miesiac" | "miesiące" | "miesiace"
        | "miesięcy" | "miesiecy" => MONTH,
        "y" | "yr" | "yrs" | "year" | "years" | "rok" | "roku" | "lata" | "lat" => YEAR,
        _ => return None,
    };
    Some(unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Option<Lifetime> {
        Lifetime::parse(text, BareNumber::Seconds)
    }

    #[test]
    fn texts_of_the_open_cookie_database_cookiebot_and_polish_declarations() {
        assert_eq!(parse("1 year"), Some(Lifetime::of(1, YEAR)));
        assert_eq!(parse("1 Year "), Some(Lifetime::of(1, YEAR)));
        assert_eq!(parse("13 months"), Some(Lifetime::of(13, MONTH)));
        assert_eq!(parse("30 mins"), Some(Lifetime::of(30, MINUTE)));
        assert_eq!(parse("90 sec"), Some(Lifetime::of(90, 1)));
        assert_eq!(parse("2 lata"), Some(Lifetime::of(2, YEAR)));
        assert_eq!(parse("3 miesięcy"), Some(Lifetime::of(3, MONTH)));
        assert_eq!(parse("1 dzień"), Some(Lifetime::of(1, DAY)));
        assert_eq!(parse("3w"), Some(Lifetime::of(3, WEEK)));
        assert_eq!(parse("Session"), Some(Lifetime::Session));
        assert_eq!(parse("End of session (browser)"), Some(Lifetime::Session));
        assert_eq!(parse("Sesyjne"), Some(Lifetime::Session));
        assert_eq!(parse("Persistent"), Some(Lifetime::Persistent));
        assert_eq!(parse("Stałe"), Some(Lifetime::Persistent));
        assert_eq!(parse("Session to 30 days"), Some(Lifetime::of(30, DAY)));
        assert_eq!(
            parse("1 week to 1 year"),
            Some(Lifetime::of(1, YEAR)),
            "the longest"
        );
        assert_eq!(
            parse("13 months by default, modifiable"),
            Some(Lifetime::of(13, MONTH))
        );
        assert_eq!(parse("3600"), Some(Lifetime::of(3600, 1)));
        assert_eq!(
            Lifetime::parse("365", BareNumber::Days),
            Some(Lifetime::of(365, DAY))
        );
        assert_eq!(parse("Varies"), Some(Lifetime::Unreadable));
        assert_eq!(parse("10 Nov 2030"), Some(Lifetime::Unreadable));
        assert_eq!(parse("#N/A"), None);
        assert_eq!(parse("  "), None);
        assert_eq!(
            parse("1.5 hours"),
            Some(Lifetime::Duration {
                seconds: 5400,
                unit_seconds: HOUR
            })
        );
    }

    #[test]
    fn comparison_tolerates_rounding_but_not_a_different_lifetime() {
        let cookie = StorageType::HttpCookie;
        let year = 31_536_000;
        assert_eq!(Lifetime::of(365, DAY).agrees_with(year, cookie), Some(true));
        assert_eq!(
            Lifetime::of(12, MONTH).agrees_with(year, cookie),
            Some(true)
        );
        assert_eq!(Lifetime::of(2, YEAR).agrees_with(year, cookie), Some(false));
        assert_eq!(Lifetime::Session.agrees_with(0, cookie), Some(true));
        assert_eq!(Lifetime::Session.agrees_with(year, cookie), Some(false));
        // OneTrust writes a 30-minute cookie as 0 days; a day is too long.
        assert_eq!(Lifetime::of(0, DAY).agrees_with(1800, cookie), Some(true));
        assert_eq!(Lifetime::of(1, DAY).agrees_with(1800, cookie), Some(false));
        assert_eq!(
            Lifetime::Persistent.agrees_with(7_776_000, StorageType::LocalStorage),
            Some(true)
        );
        assert_eq!(Lifetime::Persistent.agrees_with(year, cookie), Some(false));
        assert_eq!(Lifetime::Unreadable.agrees_with(year, cookie), None);
    }

    #[test]
    fn descriptions() {
        assert_eq!(describe_seconds_in(31_536_000, Language::En), "1 year");
        assert_eq!(describe_seconds_in(1800, Language::En), "30 minutes");
        assert_eq!(describe_seconds_in(7_776_000, Language::En), "3 months");
        assert_eq!(describe_seconds_in(0, Language::En), "the browser session");
        let pl = |s| describe_seconds_in(s, Language::Pl);
        assert_eq!(pl(31_536_000), "1 rok");
        assert_eq!(pl(2 * 31_536_000), "2 lata");
        assert_eq!(pl(1800), "30 minut");
        assert_eq!(pl(7_776_000), "3 miesiące");
        assert_eq!(pl(0), "sesja przeglądarki");
    }
}
