//! The rules over a HAR recording's summary: did the widget script load, when, and did the
//! optional features' cookies travel before the visitor answered the banner.

use cookie_admin_core::CmpId;

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

/// Run the HAR rules. `expected` are the CMPs the page or the account uses.
pub fn check(har: &Har, expected: &[CmpId]) -> Vec<Finding> {
    let mut out = Vec::new();
    let consent = har.consent.as_ref();
    // The recording starts with an answer already given: "before consent" cannot be judged.
    let starts_consented = consent.is_some_and(|c| c.entry == 0);
    let ok = har.widget.iter().find(|r| !r.failed());
    match (har.widget.first(), ok) {
        (None, _) => out.push(Rule::HarWidgetNotRequested.finding(
            format!(
                "The recording ({} requests{}) never requests the widget script (cdn-widget.callpage.io/…/callpage.js): something stopped it before the browser asked for it (the embed is missing, held back by the CMP, or the recording was stopped too early).",
                har.entries,
                har.first_url.as_deref().map(|u| format!(" from {u}")).unwrap_or_default()
            ),
            "Check the page (site check without a HAR) for a missing or held-back embed; record again with the page fully loaded, without answering the banner first.",
            None,
        )),
        (Some(first_failed), None) => out.push(Rule::HarWidgetFailed.finding(
            format!(
                "The widget script request failed{}: {}.",
                if har.widget.len() > 1 { format!(" all {} times", har.widget.len()) } else { String::new() },
                failure(first_failed)
            ),
            if first_failed.error.as_deref().is_some_and(|e| e.contains("BLOCKED_BY_CLIENT")) {
                "An ad or tracker blocker in the browser blocked it: record again with extensions off (a private window) to see what visitors without one get."
            } else {
                "Check that the page loads the widget from https://cdn-widget.callpage.io/build/js/callpage.js and that nothing (a proxy, a content security policy, the CMP) blocks it."
            },
            evidence(first_failed),
        )),
        (Some(_), Some(_)) => {}
    }
    if let (Some(c), Some(w)) = (consent, har.widget.first()) {
        if !starts_consented && w.entry > c.entry {
            out.push(Rule::HarWidgetAfterConsent.finding(
                format!(
                    "The widget script was first requested at request #{}, only after the visitor's consent answer at request #{} ({}): the widget waits for consent, so visitors who refuse cookies cannot call or book a meeting.",
                    w.entry + 1,
                    c.entry + 1,
                    c.how
                ),
                "The widget's loader must not wait for consent (only its optional features do): remove any blocking markup from the embed, and exempt it from the CMP's automatic blocking as the snippet's steps say.",
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
                format!(
                    "{} ({}): {} request{}{}",
                    h.cmp.name(),
                    h.host,
                    h.requests,
                    if h.requests == 1 { "" } else { "s" },
                    if h.failed > 0 {
                        format!(", {} failed", h.failed)
                    } else {
                        ", all answered".to_string()
                    }
                )
            })
            .collect();
        let consent_note = match consent {
            Some(c) if starts_consented => format!(" The recording starts with consent already given ({}), so what happens before consent cannot be seen: record in a private window.", c.how),
            Some(c) => format!(" Consent was given at request #{} ({}).", c.entry + 1, c.how),
            None => " No consent answer is seen in the recording.".to_string(),
        };
        out.push(Rule::HarCmpEndpoints.finding(
            format!("CMP requests in the recording: {}.{consent_note}", lines.join("; ")),
            "Nothing to fix if these are the CMP the site uses; a failed request means the banner or its settings did not load.",
            evidence(&har.cmp_hosts[0].first),
        ));
    }
    for cmp in expected {
        if matches!(cmp, CmpId::Gcm | CmpId::Tcf) || har.cmp_hosts.iter().any(|h| h.cmp == *cmp) {
            continue;
        }
        out.push(Rule::HarCmpSilent.finding(
            format!("{} is never requested in the recording ({} requests): the banner did not load (blocked by an extension, not on this page, or served from another host).", cmp.name(), har.entries),
            format!("Record again without extensions and check that the page loads {}.", cmp.name()),
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
                .map(|s| format!("{} ({})", s.name, s.feature))
                .collect();
            out.push(Rule::HarOptionalStorageBeforeConsent.finding(
                format!(
                    "Requests carry the widget's optional cookies {}: {}. First at request #{}.",
                    match consent {
                        Some(c) => format!("before the consent answer at request #{}", c.entry + 1),
                        None => "with no consent answer in the recording".to_string(),
                    },
                    names.join(", "),
                    first.first.entry + 1
                ),
                "Those features must switch on only after consent: use the Cookie Admin snippet for the site's CMP, and check that no old embed code or script enables them unconditionally. If the cookies are left from an earlier visit, record again in a private window.",
                evidence(&first.first),
            ));
        }
    }
    out
}

fn failure(r: &Request) -> String {
    match (&r.error, r.status) {
        (Some(e), _) => format!("request #{} ended with {e}", r.entry + 1),
        (None, 0) => format!(
            "request #{} got no response (status 0: blocked or cancelled)",
            r.entry + 1
        ),
        (None, s) => format!("request #{} got HTTP status {s}", r.entry + 1),
    }
}
