//! The site check's rules: a stable id, a fixed severity, what each looks for and the vendor
//! documentation it follows. Ids are never renamed; new rules are added.

use cookie_admin_core::Severity;
use serde::Serialize;

use crate::finding::{Evidence, Finding};

/// One rule of the site check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Rule {
    PageEncoding,
    PageTruncated,
    EmbedMissing,
    EmbedDuplicate,
    OldEmbedBesideSnippet,
    SnippetOtherAccount,
    SnippetOtherCmp,
    SnippetOutdated,
    SnippetGeneratorNewer,
    SnippetEdited,
    SnippetMisplaced,
    CmpNotFound,
    CmpNotFirst,
    CookiebotAsync,
    CmpDuplicate,
    AutoblockNoExemption,
    AutoblockExemptionUnseen,
    AutoblockDashboardStep,
    HeldBackMarkup,
    GcmDefaultMissing,
    GcmDefaultLate,
    GcmV2KeysMissing,
    GcmNoWaitForUpdate,
    TcfStubMissing,
    HarWidgetNotRequested,
    HarWidgetAfterConsent,
    HarWidgetFailed,
    HarCmpEndpoints,
    HarCmpSilent,
    HarOptionalStorageBeforeConsent,
}

/// A rule as `cookie-admin-cli site-check --rules` and the docs list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleInfo {
    pub id: &'static str,
    pub severity: Severity,
    pub description: &'static str,
    /// The vendor documentation the rule follows.
    pub sources: &'static [&'static str],
}

const COOKIEBOT_AUTO: &str = "https://support.cookiebot.com/hc/en-us/articles/11438730619804";
const COOKIEBOT_ONCE: &str = "https://support.cookiebot.com/hc/en-us/articles/360009079400";
const COOKIEBOT_MARKUP: &str = "https://support.cookiebot.com/hc/en-us/articles/4405978132242";
const ONETRUST_AUTO: &str =
    "https://my.onetrust.com/articles/en_US/Knowledge/UUID-c5122557-2070-65cb-2612-f2752c0cc4aa";
const ONETRUST_REWRITE: &str =
    "https://my.onetrust.com/articles/en_US/Knowledge/UUID-518074a1-a6da-81c3-be52-bae7685d9c94";
const GCM_SETUP: &str = "https://developers.google.com/tag-platform/security/guides/consent";
const GCM_DEBUG: &str =
    "https://developers.google.com/tag-platform/security/guides/consent-debugging";
const GCM_V2: &str = "https://support.google.com/tagmanager/answer/13695607";
const TCF_API: &str = "https://github.com/InteractiveAdvertisingBureau/GDPR-Transparency-and-Consent-Framework/blob/master/TCFv2/IAB%20Tech%20Lab%20-%20CMP%20API%20v2.md";
const CALLPAGE_COOKIES: &str = "https://knowledge.callpage.io/en/articles/8171341-the-impact-of-cookies-on-callpage-performance";
const HAR_SPEC: &str = "http://www.softwareishard.com/blog/har-12-spec/";
const HTML_ENCODING: &str =
    "https://html.spec.whatwg.org/multipage/parsing.html#determining-the-character-encoding";
const OUR_SNIPPETS: &str = "docs/cmp-snippets.md";
const AUTO_BLOCKING: &str = "docs/auto-blocking.md";

impl Rule {
    pub const ALL: [Rule; 30] = [
        Rule::PageEncoding,
        Rule::PageTruncated,
        Rule::EmbedMissing,
        Rule::EmbedDuplicate,
        Rule::OldEmbedBesideSnippet,
        Rule::SnippetOtherAccount,
        Rule::SnippetOtherCmp,
        Rule::SnippetOutdated,
        Rule::SnippetGeneratorNewer,
        Rule::SnippetEdited,
        Rule::SnippetMisplaced,
        Rule::CmpNotFound,
        Rule::CmpNotFirst,
        Rule::CookiebotAsync,
        Rule::CmpDuplicate,
        Rule::AutoblockNoExemption,
        Rule::AutoblockExemptionUnseen,
        Rule::AutoblockDashboardStep,
        Rule::HeldBackMarkup,
        Rule::GcmDefaultMissing,
        Rule::GcmDefaultLate,
        Rule::GcmV2KeysMissing,
        Rule::GcmNoWaitForUpdate,
        Rule::TcfStubMissing,
        Rule::HarWidgetNotRequested,
        Rule::HarWidgetAfterConsent,
        Rule::HarWidgetFailed,
        Rule::HarCmpEndpoints,
        Rule::HarCmpSilent,
        Rule::HarOptionalStorageBeforeConsent,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Rule::PageEncoding => "site.page_encoding",
            Rule::PageTruncated => "site.page_truncated",
            Rule::EmbedMissing => "site.embed_missing",
            Rule::EmbedDuplicate => "site.embed_duplicate",
            Rule::OldEmbedBesideSnippet => "site.old_embed_beside_snippet",
            Rule::SnippetOtherAccount => "site.snippet_other_account",
            Rule::SnippetOtherCmp => "site.snippet_other_cmp",
            Rule::SnippetOutdated => "site.snippet_outdated",
            Rule::SnippetGeneratorNewer => "site.snippet_generator_newer",
            Rule::SnippetEdited => "site.snippet_edited",
            Rule::SnippetMisplaced => "site.snippet_misplaced",
            Rule::CmpNotFound => "site.cmp_not_found",
            Rule::CmpNotFirst => "site.cmp_not_first",
            Rule::CookiebotAsync => "site.cookiebot_async",
            Rule::CmpDuplicate => "site.cmp_duplicate",
            Rule::AutoblockNoExemption => "site.autoblock_no_exemption",
            Rule::AutoblockExemptionUnseen => "site.autoblock_exemption_unseen",
            Rule::AutoblockDashboardStep => "site.autoblock_dashboard_step",
            Rule::HeldBackMarkup => "site.held_back_markup",
            Rule::GcmDefaultMissing => "site.gcm_default_missing",
            Rule::GcmDefaultLate => "site.gcm_default_late",
            Rule::GcmV2KeysMissing => "site.gcm_v2_keys_missing",
            Rule::GcmNoWaitForUpdate => "site.gcm_no_wait_for_update",
            Rule::TcfStubMissing => "site.tcf_stub_missing",
            Rule::HarWidgetNotRequested => "site.har_widget_not_requested",
            Rule::HarWidgetAfterConsent => "site.har_widget_after_consent",
            Rule::HarWidgetFailed => "site.har_widget_failed",
            Rule::HarCmpEndpoints => "site.har_cmp_endpoints",
            Rule::HarCmpSilent => "site.har_cmp_silent",
            Rule::HarOptionalStorageBeforeConsent => "site.har_optional_storage_before_consent",
        }
    }

    pub fn severity(self) -> Severity {
        use Severity::{Error, Info, Warning};
        match self {
            Rule::PageEncoding | Rule::PageTruncated => Warning,
            Rule::EmbedMissing | Rule::EmbedDuplicate | Rule::OldEmbedBesideSnippet => Error,
            Rule::SnippetOtherAccount | Rule::SnippetOtherCmp | Rule::SnippetOutdated => Error,
            Rule::SnippetGeneratorNewer => Info,
            Rule::SnippetEdited => Warning,
            Rule::SnippetMisplaced => Error,
            Rule::CmpNotFound => Warning,
            Rule::CmpNotFirst | Rule::CookiebotAsync | Rule::CmpDuplicate => Error,
            Rule::AutoblockNoExemption => Error,
            Rule::AutoblockExemptionUnseen => Warning,
            Rule::AutoblockDashboardStep => Info,
            Rule::HeldBackMarkup => Error,
            Rule::GcmDefaultMissing | Rule::GcmDefaultLate => Error,
            Rule::GcmV2KeysMissing | Rule::GcmNoWaitForUpdate => Warning,
            Rule::TcfStubMissing => Error,
            Rule::HarWidgetNotRequested | Rule::HarWidgetAfterConsent | Rule::HarWidgetFailed => {
                Error
            }
            Rule::HarCmpEndpoints => Info,
            Rule::HarCmpSilent => Warning,
            Rule::HarOptionalStorageBeforeConsent => Error,
        }
    }

    /// What the rule looks for, in one sentence.
    pub fn describe(self) -> &'static str {
        match self {
            Rule::PageEncoding => "The page's bytes do not decode in the encoding it declares (or it declares an unknown one); broken characters were replaced.",
            Rule::PageTruncated => "The page ends inside a script, comment or tag: the file may be cut short.",
            Rule::EmbedMissing => "No CallPage embed: neither the official embed code nor a Cookie Admin snippet.",
            Rule::EmbedDuplicate => "The CallPage embed is on the page more than once.",
            Rule::OldEmbedBesideSnippet => "The official embed code is still on the page next to the Cookie Admin snippet that replaces it.",
            Rule::SnippetOtherAccount => "The snippet (or embed) belongs to another account than the one checked.",
            Rule::SnippetOtherCmp => "The snippet was generated for another CMP than the one the page runs (or the account uses).",
            Rule::SnippetOutdated => "The snippet comes from an older configuration version and does something else than the current one.",
            Rule::SnippetGeneratorNewer => "The configuration is current, but a newer Cookie Admin generates different code for it.",
            Rule::SnippetEdited => "The snippet was edited by hand since it was generated (its content no longer matches its marker), or its end marker is missing.",
            Rule::SnippetMisplaced => "The snippet is not where its CMP needs it (for example after the CMP loader, or between iubenda's configuration and cs.js).",
            Rule::CmpNotFound => "No loader of the CMP the snippet or the account is for was found on the page.",
            Rule::CmpNotFirst => "The CMP loader is not the first script in <head> where the vendor requires it (OneTrust, Osano; Cookiebot, consentmanager and Usercentrics in automatic blocking mode).",
            Rule::CookiebotAsync => "The Cookiebot script has async or defer in automatic blocking mode.",
            Rule::CmpDuplicate => "The same CMP is loaded twice.",
            Rule::AutoblockNoExemption => "A CMP in automatic blocking mode and the widget's embed without the exemption that vendor needs.",
            Rule::AutoblockExemptionUnseen => "A CMP in automatic blocking mode, no on-page exemption for the widget, and only a dashboard setting (not visible here) could exempt it.",
            Rule::AutoblockDashboardStep => "A CMP that blocks by its dashboard classification: the widget's loader must not be classified as needing consent there.",
            Rule::HeldBackMarkup => "A held-back script with the wrong type or category attribute for the page's CMP: it never runs, or runs without consent.",
            Rule::GcmDefaultMissing => "No gtag('consent', 'default', ...) on a page whose target is Google Consent Mode.",
            Rule::GcmDefaultLate => "gtag('consent', 'default', ...) comes after the Google tag, the GTM loader or a gtag('config'/'event') call.",
            Rule::GcmV2KeysMissing => "The Consent Mode default lacks the v2 keys ad_user_data and ad_personalization.",
            Rule::GcmNoWaitForUpdate => "The Consent Mode default has no wait_for_update while the CMP loads asynchronously.",
            Rule::TcfStubMissing => "A TCF setup with no __tcfapi stub before the tags that read it.",
            Rule::HarWidgetNotRequested => "The recording has no request for the widget script (blocked before it was requested).",
            Rule::HarWidgetAfterConsent => "The widget script was requested only after the visitor's consent answer.",
            Rule::HarWidgetFailed => "The widget script request failed (an error status, or blocked by the browser or an extension).",
            Rule::HarCmpEndpoints => "Which CMP endpoints were requested and how they answered.",
            Rule::HarCmpSilent => "The CMP the page or the account uses was never requested in the recording.",
            Rule::HarOptionalStorageBeforeConsent => "Requests carry the widget's optional cookies before any consent answer.",
        }
    }

    /// The documentation the rule follows (vendor pages; `docs/...` are this project's own
    /// pages that cite the vendors).
    pub fn sources(self) -> &'static [&'static str] {
        match self {
            Rule::PageEncoding => &[HTML_ENCODING],
            Rule::PageTruncated => &["https://html.spec.whatwg.org/multipage/parsing.html#tokenization"],
            Rule::EmbedMissing | Rule::EmbedDuplicate => &[CALLPAGE_COOKIES, "crates/core/src/cmp/embed.rs"],
            Rule::OldEmbedBesideSnippet => &[OUR_SNIPPETS],
            Rule::SnippetOtherAccount | Rule::SnippetOtherCmp | Rule::SnippetOutdated => &[OUR_SNIPPETS],
            Rule::SnippetGeneratorNewer | Rule::SnippetEdited => &[OUR_SNIPPETS],
            Rule::SnippetMisplaced => &[
                OUR_SNIPPETS,
                "https://www.iubenda.com/en/help/1205-cookie-solution-configuration",
                "https://klaro.org/docs/getting-started",
                GCM_SETUP,
            ],
            Rule::CmpNotFound => &[OUR_SNIPPETS],
            Rule::CmpNotFirst => &[
                COOKIEBOT_AUTO,
                "https://my.onetrust.com/articles/en_US/Knowledge/UUID-7478d3b4-18eb-3ac0-a6fd-fb7ebff9f8dc",
                ONETRUST_AUTO,
                "https://docs.osano.com/article/19-developer-documentation",
                "https://help.consentmanager.net/books/cmp/page/automatic-blocking-of-codes-and-cookies",
                "https://support.usercentrics.com/hc/en-us/articles/19446626144540-Direct-implementation-and-markup-guide",
            ],
            Rule::CookiebotAsync => &[COOKIEBOT_AUTO],
            Rule::CmpDuplicate => &[COOKIEBOT_ONCE],
            Rule::AutoblockNoExemption | Rule::AutoblockExemptionUnseen => &[
                AUTO_BLOCKING,
                COOKIEBOT_MARKUP,
                ONETRUST_AUTO,
                "https://help.termly.io/support/solutions/articles/69000308104-how-can-i-define-a-custom-blocking-map-",
                "https://help.consentmanager.net/books/cmp/page/automatic-blocking-of-codes-and-cookies",
                "https://www.iubenda.com/en/help/133036-prior-blocking-of-cookies-automatic-blocking-auto-blocking",
            ],
            Rule::AutoblockDashboardStep => &[
                AUTO_BLOCKING,
                "https://support.usercentrics.com/hc/en-us/articles/18202425972252-Mapping-unknown-services-to-a-Data-Processing-Service",
                "https://www.cookieyes.com/documentation/implement-prior-consent-using-cookieyes/",
                "https://docs.osano.com/hc/en-us/articles/22472145627540-Classification-Rules",
            ],
            Rule::HeldBackMarkup => &[
                "https://support.cookiebot.com/hc/en-us/articles/360021304979-Blocking-cookies",
                ONETRUST_REWRITE,
                "https://www.iubenda.com/en/help/1229-manual-tagging-blocking-cookies",
                "https://help.consentmanager.net/books/cmp/page/how-to-block-third-party-codes-cookies-if-no-consent-is-given",
                "https://developers.didomi.io/cmp/web-sdk/third-parties/custom-integrations/no-tag-manager",
                "https://www.cookieyes.com/documentation/implement-prior-consent-using-cookieyes/",
                "https://help.termly.io/support/solutions/articles/69000308104-how-can-i-define-a-custom-blocking-map-",
            ],
            Rule::GcmDefaultMissing | Rule::GcmDefaultLate => &[GCM_SETUP, GCM_DEBUG],
            Rule::GcmV2KeysMissing => &[GCM_V2, GCM_SETUP],
            Rule::GcmNoWaitForUpdate => &[GCM_SETUP],
            Rule::TcfStubMissing => &[TCF_API, "https://github.com/InteractiveAdvertisingBureau/iabtcf-es/tree/master/modules/stub"],
            Rule::HarWidgetNotRequested
            | Rule::HarWidgetAfterConsent
            | Rule::HarWidgetFailed => &[CALLPAGE_COOKIES, HAR_SPEC],
            Rule::HarCmpEndpoints | Rule::HarCmpSilent => &[HAR_SPEC],
            Rule::HarOptionalStorageBeforeConsent => &[CALLPAGE_COOKIES, HAR_SPEC],
        }
    }

    pub fn info(self) -> RuleInfo {
        RuleInfo {
            id: self.id(),
            severity: self.severity(),
            description: self.describe(),
            sources: self.sources(),
        }
    }

    /// A finding of this rule.
    pub fn finding(
        self,
        message: impl Into<String>,
        fix: impl Into<String>,
        evidence: Option<Evidence>,
    ) -> Finding {
        Finding {
            id: self.id(),
            severity: self.severity(),
            message: super::text::visible(&message.into()),
            fix: super::text::visible(&fix.into()),
            evidence,
        }
    }
}

/// Every rule, for listings.
pub fn rules() -> Vec<RuleInfo> {
    Rule::ALL.iter().map(|r| r.info()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn ids_are_unique_namespaced_and_documented() {
        let ids: BTreeSet<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
        assert_eq!(ids.len(), Rule::ALL.len());
        for rule in Rule::ALL {
            assert!(rule.id().starts_with("site."), "{}", rule.id());
            assert!(!rule.sources().is_empty(), "{} cites nothing", rule.id());
            assert!(rule.describe().ends_with('.'), "{}", rule.id());
        }
    }
}
