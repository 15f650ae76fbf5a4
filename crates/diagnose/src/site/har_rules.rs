//! The rules over a HAR recording's summary: did the widget script load, when, and did the
//! optional features' cookies travel before the visitor answered the banner.

use cookie_admin_core::i18n::{count, pick, plural_pl};
use cookie_admin_core::{CmpId, Language};

use super::har::{Har, Request};
use super::rule::Rule;
use crate::finding::{Evidence, Finding};

/// Evidence for a request: no line (a HAR is not read by lines), the entry as the excerpt.
fn evidence(request: &Request) -> Option<Evidence> {
    Some(Evidence {
        line: 0,
        column: 0,
        excerpt: super::text::shorten(&request.describe(), super::text::EXCERPT_CHARS),
    })
}

/// Run the HAR rules, findings in English. `expected` are the CMPs the page or the account uses.
pub fn check(har: &Har, expected: &[CmpId]) -> Vec<Finding> {
    check_in(har, expected, Language::En)
}

/// "N requests" / "N żądań".
fn requests(l: Language, n: usize) -> String {
    count(
        l,
        n,
        ("request", "requests"),
        ("żądanie", "żądania", "żądań"),
    )
}

/// Run the HAR rules, findings in `l`.
pub fn check_in(har: &Har, expected: &[CmpId], l: Language) -> Vec<Finding> {
    let mut out = Vec::new();
    let consent = har.consent.as_ref();
    // The recording starts with an answer already given: "before consent" cannot be judged.
    let starts_consented = consent.is_some_and(|c| c.entry == 0);
    let ok = har.widget.iter().find(|r| !r.failed());
    match (har.widget.first(), ok) {
        (None, _) => out.push(Rule::HarWidgetNotRequested.finding(
            pick(
                l,
                format!(
                    "The recording ({} requests{}) never requests the widget script (cdn-widget.callpage.io/…/callpage.js): something stopped it before the browser asked for it (the embed is missing, held back by the CMP, or the recording was stopped too early).",
                    har.entries,
                    har.first_url.as_deref().map(|u| format!(" from {u}")).unwrap_or_default()
                ),
                format!(
                    "W nagraniu ({}{}) nie ma żądania skryptu widżetu (cdn-widget.callpage.io/…/callpage.js): coś go zatrzymało, zanim przeglądarka o niego poprosiła (brakuje kodu osadzenia, CMP go wstrzymuje albo nagrywanie zatrzymano za wcześnie).",
                    requests(l, har.entries),
                    har.first_url.as_deref().map(|u| format!(" z {u}")).unwrap_or_default()
                ),
            ),
            pick(
                l,
                "Check the page (site check without a HAR) for a missing or held-back embed; record again with the page fully loaded, without answering the banner first.",
                "Sprawdź stronę (sprawdzenie strony bez pliku HAR), czy nie brakuje kodu osadzenia lub czy nie jest wstrzymany; nagraj ponownie po pełnym wczytaniu strony, nie odpowiadając wcześniej na baner.",
            ),
            None,
        )),
        (Some(first_failed), None) => out.push(Rule::HarWidgetFailed.finding(
            pick(
                l,
                format!(
                    "The widget script request failed{}: {}.",
                    if har.widget.len() > 1 { format!(" all {} times", har.widget.len()) } else { String::new() },
                    failure(first_failed, l)
                ),
                format!(
                    "Żądanie skryptu widżetu nie powiodło się{}: {}.",
                    if har.widget.len() > 1 { format!(" (wszystkie {} {})", har.widget.len(), plural_pl(har.widget.len(), "próba", "próby", "prób")) } else { String::new() },
                    failure(first_failed, l)
                ),
            ),
            if first_failed.error.as_deref().is_some_and(|e| e.contains("BLOCKED_BY_CLIENT")) {
                pick(
                    l,
                    "An ad or tracker blocker in the browser blocked it: record again with extensions off (a private window) to see what visitors without one get.",
                    "Zablokowało go rozszerzenie blokujące reklamy lub skrypty śledzące w przeglądarce: nagraj ponownie z wyłączonymi rozszerzeniami (w oknie prywatnym), aby zobaczyć, co dostają odwiedzający bez takiego rozszerzenia.",
                )
            } else {
                pick(
                    l,
                    "Check that the page loads the widget from https://cdn-widget.callpage.io/build/js/callpage.js and that nothing (a proxy, a content security policy, the CMP) blocks it.",
                    "Sprawdź, czy strona wczytuje widżet z https://cdn-widget.callpage.io/build/js/callpage.js i czy nic (serwer pośredniczący, polityka bezpieczeństwa treści, CMP) go nie blokuje.",
                )
            },
            evidence(first_failed),
        )),
        (Some(_), Some(_)) => {}
    }
    if let (Some(c), Some(w)) = (consent, har.widget.first()) {
        if !starts_consented && w.entry > c.entry {
            out.push(Rule::HarWidgetAfterConsent.finding(
                pick(
                    l,
                    format!(
                        "The widget script was first requested at request #{}, only after the visitor's consent answer at request #{} ({}): the widget waits for consent, so visitors who refuse cookies cannot call or book a meeting.",
                        w.entry + 1,
                        c.entry + 1,
                        c.how
                    ),
                    format!(
                        "Skrypt widżetu pobrano po raz pierwszy w żądaniu #{}, dopiero po odpowiedzi odwiedzającego na baner zgody w żądaniu #{} ({}): widżet czeka na zgodę, więc odwiedzający, którzy odmówią plików cookie, nie mogą zadzwonić ani umówić spotkania.",
                        w.entry + 1,
                        c.entry + 1,
                        c.how_pl
                    ),
                ),
                pick(
                    l,
                    "The widget's loader must not wait for consent (only its optional features do): remove any blocking markup from the embed, and exempt it from the CMP's automatic blocking as the snippet's steps say.",
                    "Skrypt ładujący widżet nie może czekać na zgodę (czekają tylko jego funkcje opcjonalne): usuń z kodu osadzenia wszelkie oznaczenia blokujące i wyłącz go z automatycznego blokowania CMP, jak podaje instrukcja do kodu.",
                ),
                evidence(w),
            ));
        }
    }
    // The CMPs' hosts that answered.
    if !har.cmp_hosts.is_empty() {
        let lines: Vec<String> = har
            .cmp_hosts
            .iter()
            .map(|h| {
                let outcome = match (l, h.failed) {
                    (Language::En, 0) => ", all answered".to_string(),
                    (Language::En, n) => format!(", {n} failed"),
                    (Language::Pl, 0) => ", wszystkie z odpowiedzią".to_string(),
                    (Language::Pl, n) => format!(", nieudane: {n}"),
                };
                format!(
                    "{} ({}): {}{outcome}",
                    h.cmp.name(),
                    h.host,
                    requests(l, h.requests),
                )
            })
            .collect();
        let consent_note = match consent {
            Some(c) if starts_consented => pick(
                l,
                format!(" The recording starts with consent already given ({}), so what happens before consent cannot be seen: record in a private window.", c.how),
                format!(" Nagranie zaczyna się od już udzielonej zgody ({}), więc nie widać, co dzieje się przed zgodą: nagraj w oknie prywatnym.", c.how_pl),
            ),
            Some(c) => pick(
                l,
                format!(" Consent was given at request #{} ({}).", c.entry + 1, c.how),
                format!(" Zgodę wyrażono w żądaniu #{} ({}).", c.entry + 1, c.how_pl),
            ),
            None => pick(
                l,
                " No consent answer is seen in the recording.",
                " W nagraniu nie widać odpowiedzi na baner zgody.",
            )
            .to_string(),
        };
        out.push(Rule::HarCmpEndpoints.finding(
            pick(
                l,
                format!("CMP requests in the recording: {}.{consent_note}", lines.join("; ")),
                format!("Żądania do CMP w nagraniu: {}.{consent_note}", lines.join("; ")),
            ),
            pick(
                l,
                "Nothing to fix if these are the CMP the site uses; a failed request means the banner or its settings did not load.",
                "Nie trzeba nic poprawiać, jeśli to CMP używany na stronie; nieudane żądanie oznacza, że baner lub jego ustawienia się nie wczytały.",
            ),
            evidence(&har.cmp_hosts[0].first),
        ));
    }
    for cmp in expected {
        if matches!(cmp, CmpId::Gcm | CmpId::Tcf) || har.cmp_hosts.iter().any(|h| h.cmp == *cmp) {
            continue;
        }
        out.push(Rule::HarCmpSilent.finding(
            pick(
                l,
                format!("{} is never requested in the recording ({} requests): the banner did not load (blocked by an extension, not on this page, or served from another host).", cmp.name(), har.entries),
                format!("W nagraniu ({}) nie ma żadnego żądania do {}: baner się nie wczytał (zablokowało go rozszerzenie, nie ma go na tej stronie albo jest serwowany z innego hosta).", requests(l, har.entries), cmp.name()),
            ),
            pick(
                l,
                format!("Record again without extensions and check that the page loads {}.", cmp.name()),
                format!("Nagraj ponownie bez rozszerzeń i sprawdź, czy strona wczytuje {}.", cmp.name()),
            ),
            None,
        ));
    }
    if !starts_consented {
        let before: Vec<_> = har
            .optional_cookies
            .iter()
            .filter(|s| consent.is_none_or(|c| s.first.entry < c.entry))
            .collect();
        if let Some(first) = before.first() {
            let names: Vec<String> = before
                .iter()
                .map(|s| {
                    let feature = pick(l, &s.feature, &s.feature_pl);
                    format!("{} ({feature})", s.name)
                })
                .collect();
            out.push(Rule::HarOptionalStorageBeforeConsent.finding(
                pick(
                    l,
                    format!(
                        "Requests carry the widget's optional cookies {}: {}. First at request #{}.",
                        match consent {
                            Some(c) => format!("before the consent answer at request #{}", c.entry + 1),
                            None => "with no consent answer in the recording".to_string(),
                        },
                        names.join(", "),
                        first.first.entry + 1
                    ),
                    format!(
                        "Żądania niosą opcjonalne pliki cookie widżetu {}: {}. Pierwszy raz w żądaniu #{}.",
                        match consent {
                            Some(c) => format!("przed odpowiedzią na baner zgody w żądaniu #{}", c.entry + 1),
                            None => "bez żadnej odpowiedzi na baner zgody w nagraniu".to_string(),
                        },
                        names.join(", "),
                        first.first.entry + 1
                    ),
                ),
                pick(
                    l,
                    "Those features must switch on only after consent: use the Cookie Admin snippet for the site's CMP, and check that no old embed code or script enables them unconditionally. If the cookies are left from an earlier visit, record again in a private window.",
                    "Te funkcje mogą się włączać dopiero po zgodzie: użyj kodu Cookie Admin dla CMP strony i sprawdź, czy żaden stary kod osadzenia ani skrypt nie włącza ich bezwarunkowo. Jeśli pliki cookie zostały z wcześniejszej wizyty, nagraj ponownie w oknie prywatnym.",
                ),
                evidence(&first.first),
            ));
        }
    }
    out
}

fn failure(r: &Request, l: Language) -> String {
    let n = r.entry + 1;
    match (&r.error, r.status) {
        (Some(e), _) => pick(
            l,
            format!("request #{n} ended with {e}"),
            format!("żądanie #{n} zakończyło się błędem {e}"),
        ),
        (None, 0) => pick(
            l,
            format!("request #{n} got no response (status 0: blocked or cancelled)"),
            format!("żądanie #{n} nie dostało odpowiedzi (status 0: zablokowane lub anulowane)"),
        ),
        (None, s) => pick(
            l,
            format!("request #{n} got HTTP status {s}"),
            format!("żądanie #{n} dostało status HTTP {s}"),
        ),
    }
}
