//! consentmanager.net (cmp-facts.md §2.16): consent per vendor; held-back `type="text/plain"
//! class="cmplazyload" data-cmp-vendor="<id>"` scripts, `__cmp('getCMPData').vendorConsents`
//! and `__cmp('addEventListener', ['consent', fn, false], null)`.
//!
//! consentmanager's automatic blocking (opt-in; a loader with `data-cmp-ab="1"`) disables
//! external scripts it does not know. The snippet starts with the documented host exemption,
//! `<script data-cmp-ab="1">` adding callpage.io (and a configured `embed_url` host) to
//! `window.cmp_block_ignoredomains`, which must come right before the consentmanager code, so
//! the whole snippet goes there; its own scripts and the widget script carry `data-cmp-ab="1"`
//! (help.consentmanager.net, "Automatic blocking of codes and cookies"). The connector polls for
//! `__cmp`, so it does not matter that the CMP loads after it.

use super::{exempt_hosts, AutoBlocking, AutoBlockingKind, bridge::grant_call_attrs, CmpAdapter, CmpFacts, Context, fill, Placement, Target};
use crate::i18n::pick;
use crate::i18n::Text;
use crate::config::{BlockingMode, Category, CmpId};

pub(super) struct Consentmanager;

/// Loads asynchronously: yes: its code is fetched from the vendor's CDN.
const FACTS: CmpFacts = CmpFacts {
    id: CmpId::Consentmanager,
    name: "consentmanager",
    docs: &["https://help.consentmanager.net/books/cmp/page/javascript-api", "https://help.consentmanager.net/books/cmp/page/how-to-block-third-party-codes-cookies-if-no-consent-is-given"],
    mechanism: "cmplazyload data-cmp-vendor held-back script + __cmp getCMPData and consent event",
    loads_asynchronously: true,
    placement: Placement::BeforeCmp,
    auto_blocking: AutoBlocking {
        kind: AutoBlockingKind::Mode,
        default_mode: Some(BlockingMode::Manual),
        how: "Automatic blocking (a loader with data-cmp-ab=\"1\", first in <head>; the vendor recommends manual blocking) disables external scripts and iframes it does not know, and inline scripts that set cookies; elements with data-cmp-ab=\"1\" and hosts in cmp_block_ignoredomains are left alone.",
        inline_attributes: &[("data-cmp-ab", "1")],
        element_attributes: &[("data-cmp-ab", "1")],
        host_rule: Some(Text {
            en: "window.cmp_block_ignoredomains gains callpage.io in a <script data-cmp-ab=\"1\">, right before the consentmanager code",
            pl: "callpage.io dopisane do window.cmp_block_ignoredomains w <script data-cmp-ab=\"1\">, tuż przed kodem consentmanager",
        }),
        step: Some(Text {
            en: "consentmanager's automatic blocking (a loader with data-cmp-ab=\"1\") blocks external scripts it does not know. The first script of this code adds callpage.io to cmp_block_ignoredomains, which consentmanager reads only before its own code (which is why this code goes above it), and the widget's scripts carry data-cmp-ab=\"1\". Instead of the first script you can set block_ignoredomains to callpage.io under Additional configuration variables in the CMP's settings.",
            pl: "Automatyczne blokowanie consentmanager (loader z atrybutem data-cmp-ab=\"1\") blokuje nieznane sobie skrypty zewnętrzne. Pierwszy skrypt tego kodu dodaje callpage.io do cmp_block_ignoredomains, które consentmanager odczytuje tylko przed własnym kodem (dlatego ten kod idzie nad nim), a skrypty widżetu mają atrybut data-cmp-ab=\"1\". Zamiast pierwszego skryptu możesz w ustawieniach CMP, w Additional configuration variables, ustawić block_ignoredomains na callpage.io.",
        }),
        step_required: false,
        docs: &["https://help.consentmanager.net/books/cmp/page/automatic-blocking-of-codes-and-cookies"],
    },
};

const DEFAULT_VENDOR: &str = "callpage";

fn purpose_name(c: Category) -> &'static str {
    match c {
        Category::Necessary => "Necessary",
        Category::Functional => "Functionality",
        Category::Analytics => "Measurement / Analytics",
        Category::Marketing => "Marketing",
    }
}

fn vendor(ctx: &Context, c: Category) -> String {
    let base = ctx.vendor_id(DEFAULT_VENDOR);
    if ctx.categories().len() > 1 {
        format!("{base}-{}", c.id())
    } else {
        base
    }
}

impl CmpAdapter for Consentmanager {
    fn facts(&self) -> &'static CmpFacts {
        &FACTS
    }
    fn target(&self, ctx: &Context, c: Category) -> Target {
        Target::new(
            vendor(ctx, c),
            format!("custom vendor with purpose {}", purpose_name(c)),
        )
    }
    fn blocking(&self, ctx: &Context, c: Category) -> Option<Vec<(&'static str, String)>> {
        Some(grant_call_attrs(&[
            ("class", "cmplazyload"),
            ("data-cmp-vendor", &vendor(ctx, c)),
        ]))
    }
    fn steps(&self, ctx: &Context) -> Vec<String> {
        let lang = ctx.lang;
        let mut steps = vec![pick(
            lang,
            "Paste this into the <head> of every page, right above the consentmanager code (its first script configures consentmanager's automatic blocking, which reads it only before its code), replacing the old CallPage widget code.",
            "Wklej ten kod do sekcji <head> każdej strony, tuż nad kodem consentmanager (jego pierwszy skrypt konfiguruje automatyczne blokowanie consentmanager, które odczytuje go tylko przed swoim kodem), w miejsce dotychczasowego kodu widżetu CallPage.",
        )
        .to_string()];
        for c in ctx.categories() {
            let purpose = purpose_name(c);
            let vendor = vendor(ctx, c);
            let on = ctx.switch_on(c);
            steps.push(pick(
                lang,
                format!("In consentmanager > Vendors, create a custom vendor \"CallPage\" with the purpose {purpose}; enter the id the dashboard gives it (for example c12345) in Cookie Admin > CMP settings > vendor id and generate this code again (it now uses \"{vendor}\"); {on} when the visitor consents to that vendor."),
                format!("W consentmanager > Vendors utwórz własnego dostawcę „CallPage” z celem {purpose}; wpisz identyfikator nadany mu w panelu (na przykład c12345) w Cookie Admin > ustawienia CMP > identyfikator dostawcy i wygeneruj ten kod ponownie (teraz używa „{vendor}”); {on}, gdy odwiedzający wyrazi zgodę na tego dostawcę."),
            ));
        }
        steps
    }
    fn exemption_scripts(&self, ctx: &Context) -> Vec<(Vec<(&'static str, String)>, String)> {
        vec![(
            vec![("data-cmp-ab", "1".to_string())],
            fill!(
                "window.cmp_block_ignoredomains = (window.cmp_block_ignoredomains || []).concat(__HOSTS__);",
                [("__HOSTS__", &super::escape::js_value(&exempt_hosts(ctx)))],
            ),
        )]
    }
    fn connector(&self, ctx: &Context) -> String {
        let template = r#"var C = __C__;
function data() {
  try { return typeof w.__cmp === "function" ? w.__cmp("getCMPData") : null; } catch (e) { return null; }
}
function read() {
  var cmp = data();
  var consents = cmp && cmp.vendorConsents;
  if (!consents) { return; }
  B.set(states(C, function (id) { return consents[id] === true; }));
}
when(function () { var cmp = data(); return cmp && cmp.vendorConsents; }, function () {
  try { w.__cmp("addEventListener", ["consent", function () { read(); }, false], null); } catch (e) { /* older CMP code */ }
  read();
});"#;
        fill!(template, [("__C__", &ctx.category_map(|c| vendor(ctx, c)))],)
    }
}
