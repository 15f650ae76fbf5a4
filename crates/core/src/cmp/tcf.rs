//! IAB TCF v2.2 (cmp-facts.md §2.2): `__tcfapi('addEventListener', 2, cb)`; a category is
//! granted when Purpose 1 and its configured purposes are consented: as publisher purposes
//! (`publisher.consents`) when the widget has no GVL vendor id, as purposes plus vendor consent
//! (`purpose.consents`, `vendor.consents[id]`) when it has one. No CMP answering means no consent.

use super::{AutoBlocking, CmpAdapter, CmpFacts, Context, fill, Placement, Target};
use crate::config::{Category, CmpId, Language};
use crate::i18n::pick;

pub(super) struct Tcf;

/// Loads asynchronously: no: the `__tcfapi` stub is synchronous and queues calls; the widget listens for the TC data instead of waiting a fixed time.
const FACTS: CmpFacts = CmpFacts {
    id: CmpId::Tcf,
    name: "IAB TCF v2.2",
    docs: &["https://github.com/InteractiveAdvertisingBureau/GDPR-Transparency-and-Consent-Framework/blob/master/TCFv2/IAB%20Tech%20Lab%20-%20CMP%20API%20v2.md"],
    mechanism: "__tcfapi addEventListener (publisher purposes, or purposes + vendor consent)",
    loads_asynchronously: false,
    placement: Placement::AfterCmp,
    auto_blocking: AutoBlocking::NONE,
};

/// TCF v2.2 purpose names (ids 1-11).
pub(crate) fn purpose_name(id: u8) -> &'static str {
    match id {
        1 => "Store and/or access information on a device",
        2 => "Use limited data to select advertising",
        3 => "Create profiles for personalised advertising",
        4 => "Use profiles to select personalised advertising",
        5 => "Create profiles to personalise content",
        6 => "Use profiles to select personalised content",
        7 => "Measure advertising performance",
        8 => "Measure content performance",
        9 => {
            "Understand audiences through statistics or combinations of data from different sources"
        }
        10 => "Develop and improve services",
        11 => "Use limited data to select content",
        _ => "unknown purpose",
    }
}

/// The purpose's name in `lang` (the Polish names follow IAB Europe's Polish translation of
/// the TCF policy's purposes).
pub(crate) fn purpose_name_in(id: u8, lang: Language) -> &'static str {
    if lang == Language::En {
        return purpose_name(id);
    }
    match id {
        1 => "Przechowywanie informacji na urządzeniu lub dostęp do nich",
        2 => "Wykorzystanie ograniczonych danych do wyboru reklam",
        3 => "Tworzenie profili na potrzeby spersonalizowanych reklam",
        4 => "Wykorzystanie profili do wyboru spersonalizowanych reklam",
        5 => "Tworzenie profili w celu personalizacji treści",
        6 => "Wykorzystanie profili do wyboru spersonalizowanych treści",
        7 => "Pomiar efektywności reklam",
        8 => "Pomiar efektywności treści",
        9 => "Poznawanie odbiorców dzięki statystykom lub połączeniu danych z różnych źródeł",
        10 => "Rozwój i ulepszanie usług",
        11 => "Wykorzystanie ograniczonych danych do wyboru treści",
        _ => "nieznany cel",
    }
}

/// Purpose 1 plus the purposes configured for `category`, sorted, without duplicates.
pub(crate) fn purposes(ctx: &Context, category: Category) -> Vec<u8> {
    let mut list = vec![1u8];
    if let Some(configured) = ctx.config.tcf.purposes.get(&category) {
        list.extend(configured.iter().copied());
    }
    list.sort_unstable();
    list.dedup();
    list
}

impl CmpAdapter for Tcf {
    fn facts(&self) -> &'static CmpFacts {
        &FACTS
    }

    fn target(&self, ctx: &Context, category: Category) -> Target {
        let list = purposes(ctx, category);
        let ids = list
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join(",");
        let names = list
            .iter()
            .map(|p| format!("{p} {}", purpose_name(*p)))
            .collect::<Vec<_>>()
            .join("; ");
        match ctx.config.tcf.gvl_vendor_id {
            Some(vendor) => Target::new(
                format!("{ids} + vendor {vendor}"),
                format!("Purposes {names}, and vendor {vendor}"),
            ),
            None => Target::new(ids, format!("Publisher purposes {names}")),
        }
    }

    fn steps(&self, ctx: &Context) -> Vec<String> {
        let lang = ctx.lang;
        let mut steps = vec![
            pick(lang, "Paste this into the <head> of every page, after your TCF CMP's stub or loader, replacing the old CallPage widget code.", "Wklej ten kod do sekcji <head> każdej strony, za stubem lub loaderem Twojej platformy CMP zgodnej z TCF, w miejsce dotychczasowego kodu widżetu CallPage.").to_string(),
        ];
        match ctx.config.tcf.gvl_vendor_id {
            Some(vendor) => steps.push(pick(
                lang,
                format!("In your CMP, make sure vendor {vendor} (the widget's vendor) is in your vendor list."),
                format!("W platformie CMP upewnij się, że dostawca {vendor} (dostawca widżetu) jest na Twojej liście dostawców."),
            )),
            None => steps.push(
                pick(lang, "The widget is not configured as a Global Vendor List vendor, so it follows publisher consent: in your CMP, turn on publisher purposes (publisher consent) for the purposes below.", "Widżet nie jest skonfigurowany jako dostawca z Global Vendor List, więc kieruje się zgodą dla wydawcy: w platformie CMP włącz cele wydawcy (publisher consent) dla poniższych celów.")
                    .to_string(),
            ),
        }
        for category in ctx.categories() {
            let list = purposes(ctx, category)
                .iter()
                .map(|p| format!("{p} ({})", purpose_name_in(*p, lang)))
                .collect::<Vec<_>>()
                .join(", ");
            let on = ctx.switch_on(category);
            steps.push(pick(
                lang,
                format!("{on} with consent to purposes {list}."),
                format!("{on} po zgodzie na cele {list}."),
            ));
        }
        steps.push(pick(lang, "When no CMP answers __tcfapi, the features stay off. Where the CMP says GDPR does not apply (gdprApplies false), they switch on.", "Gdy żadna platforma CMP nie odpowiada na __tcfapi, funkcje pozostają wyłączone. Tam, gdzie CMP stwierdza, że RODO nie ma zastosowania (gdprApplies false), włączają się.").to_string());
        steps
    }

    fn connector(&self, ctx: &Context) -> String {
        let template = r#"var C = __C__;
var V = __V__;
function granted(tc, list) {
  var source = V === null ? (tc.publisher && tc.publisher.consents) : (tc.purpose && tc.purpose.consents);
  if (!source) { return false; }
  for (var i = 0; i < list.length; i++) { if (source[list[i]] !== true) { return false; } }
  if (V !== null) { return !!(tc.vendor && tc.vendor.consents && tc.vendor.consents[V] === true); }
  return true;
}
function listen() {
  w.__tcfapi("addEventListener", 2, function (tc, success) {
    if (!success || !tc) { B.set(states(C, function () { return false; })); return; }
    if (tc.gdprApplies === false) { B.set(states(C, function () { return true; })); return; }
    if (tc.eventStatus !== "tcloaded" && tc.eventStatus !== "useractioncomplete") { return; }
    B.set(states(C, function (list) { return granted(tc, list); }));
  });
}
/* No CMP answering means no consent: the features simply stay off. */
when(function () { return typeof w.__tcfapi === "function"; }, listen);"#;
        fill!(
            template,
            [
                ("__C__", &ctx.category_map(|c| purposes(ctx, c))),
                (
                    "__V__",
                    &super::escape::js_value(&ctx.config.tcf.gvl_vendor_id),
                ),
            ],
        )
    }
}
