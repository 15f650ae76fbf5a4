//! Didomi (cmp-facts.md §2.6): consent is per vendor; the widget is a custom vendor (default id
//! `c:callpage`). Held-back `type="didomi/javascript" data-vendor="<id>"` scripts,
//! `Didomi.getCurrentUserStatus()` (older APIs as fallbacks) inside `didomiOnReady`, and the
//! `consent.changed` event via `didomiEventListeners`.

use super::{AutoBlocking, bridge::grant_call_attrs, CmpAdapter, CmpFacts, Context, fill, Placement, Target};
use crate::i18n::pick;
use crate::config::{Category, CmpId};

pub(super) struct Didomi;

/// Loads asynchronously: yes: its SDK is fetched from the vendor's CDN.
const FACTS: CmpFacts = CmpFacts {
    id: CmpId::Didomi,
    name: "Didomi",
    docs: &["https://developers.didomi.io/cmp/web-sdk/third-parties/custom-integrations/no-tag-manager", "https://developers.didomi.io/cmp/web-sdk/reference/api"],
    mechanism: "didomi/javascript held-back script + Didomi user status and consent.changed",
    loads_asynchronously: true,
    placement: Placement::AfterCmp,
    auto_blocking: AutoBlocking::NONE,
};

const DEFAULT_VENDOR: &str = "c:callpage";

fn purpose(c: Category) -> (&'static str, &'static str) {
    match c {
        Category::Necessary => ("cookies", "Store and/or access information on a device"),
        Category::Functional => ("cookies", "Store and/or access information on a device"),
        Category::Analytics => ("measure_content_performance", "Measure content performance"),
        Category::Marketing => (
            "select_personalized_ads",
            "Use profiles to select personalised advertising",
        ),
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

impl CmpAdapter for Didomi {
    fn facts(&self) -> &'static CmpFacts {
        &FACTS
    }
    fn target(&self, ctx: &Context, c: Category) -> Target {
        let (id, name) = purpose(c);
        Target::new(
            vendor(ctx, c),
            format!("custom vendor with purposes cookies and {id} ({name})"),
        )
    }
    fn blocking(&self, ctx: &Context, c: Category) -> Option<Vec<(&'static str, String)>> {
        Some(grant_call_attrs(&[
            ("type", "didomi/javascript"),
            ("data-vendor", &vendor(ctx, c)),
        ]))
    }
    fn steps(&self, ctx: &Context) -> Vec<String> {
        let lang = ctx.lang;
        let mut steps = vec![pick(
            lang,
            "Paste this into the <head> of every page, after the Didomi SDK snippet, replacing the old CallPage widget code.",
            "Wklej ten kod do sekcji <head> każdej strony, za kodem Didomi SDK, w miejsce dotychczasowego kodu widżetu CallPage.",
        )
        .to_string()];
        for c in ctx.categories() {
            let (id, _) = purpose(c);
            let vendor = vendor(ctx, c);
            let on = ctx.switch_on(c);
            steps.push(pick(
                lang,
                format!("In the Didomi Console, create a custom vendor \"CallPage\" with the purposes cookies and {id}, add it to your notice, and make sure its id is {vendor} (or enter the id the Console gave it in Cookie Admin > CMP settings > vendor id and generate this code again); {on} when the visitor consents to it."),
                format!("W Didomi Console utwórz własnego dostawcę (custom vendor) „CallPage” z celami cookies i {id}, dodaj go do swojej informacji o zgodach (notice) i upewnij się, że ma identyfikator {vendor} (albo wpisz identyfikator nadany mu przez Console w Cookie Admin > ustawienia CMP > identyfikator dostawcy i wygeneruj ten kod ponownie); {on}, gdy odwiedzający wyrazi na niego zgodę."),
            ));
        }
        steps
    }
    fn connector(&self, ctx: &Context) -> String {
        let template = r#"var C = __C__;
function vendorOk(D, id) {
  try {
    if (typeof D.getCurrentUserStatus === "function") {
      var status = D.getCurrentUserStatus();
      var v = status && status.vendors && status.vendors[id];
      if (v) { return v.enabled === true; }
    }
    if (typeof D.getUserStatus === "function") {
      var user = D.getUserStatus();
      var list = user && user.vendors && user.vendors.consent && user.vendors.consent.enabled;
      if (list && list.indexOf) { return list.indexOf(id) >= 0; }
    }
    if (typeof D.getUserConsentStatusForVendor === "function") {
      return D.getUserConsentStatusForVendor(id) === true;
    }
  } catch (e) { /* unknown status: no consent */ }
  return false;
}
function read(D) {
  if (!D) { return; }
  B.set(states(C, function (id) { return vendorOk(D, id); }));
}
w.didomiOnReady = w.didomiOnReady || [];
w.didomiOnReady.push(function (D) { read(D); });
w.didomiEventListeners = w.didomiEventListeners || [];
w.didomiEventListeners.push({ event: "consent.changed", listener: function () { read(w.Didomi); } });"#;
        fill!(template, [("__C__", &ctx.category_map(|c| vendor(ctx, c)))],)
    }
}
