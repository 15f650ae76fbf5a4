//! Usercentrics (cmp-facts.md §2.5), Browser UI v2 and Web CMP v3: consent is per Data
//! Processing Service, so the widget is one service (per category). Held-back
//! `type="text/plain" data-usercentrics="<service name>"` scripts; v3
//! `__ucCmp.getConsentDetails()` and the `UC_CONSENT` event; v2 `UC_UI.getServicesBaseInfo()`,
//! `UC_UI_INITIALIZED` and the admin-named window event (`ucEvent`).

use super::{AutoBlocking, AutoBlockingKind, bridge::grant_call_attrs, CmpAdapter, CmpFacts, Context, fill, Placement, Target};
use crate::i18n::pick;
use crate::i18n::Text;
use crate::config::{BlockingMode, Category, CmpId};

pub(super) struct Usercentrics;

/// Loads asynchronously: yes: its loader is fetched from the vendor's CDN (`loader.js` is async).
const FACTS: CmpFacts = CmpFacts {
    id: CmpId::Usercentrics,
    name: "Usercentrics",
    docs: &["https://usercentrics.com/docs/web/implementation/ui/", "https://support.usercentrics.com/hc/en-us/articles/18656524460700-Manually-blocking-services-prior-consent"],
    mechanism: "data-usercentrics held-back script + v3 __ucCmp / v2 UC_UI consent and events",
    loads_asynchronously: true,
    placement: Placement::AfterCmp,
    auto_blocking: AutoBlocking {
        kind: AutoBlockingKind::Mode,
        default_mode: Some(BlockingMode::Manual),
        how: "Two opt-in blockers: Smart Data Protector (uc-block.bundle.js) blocks only a fixed list of known technologies, which does not include CallPage; the v3 auto-blocker (autoblocker.js) blocks what the DPS Scanner found and the admin mapped to a service.",
        inline_attributes: &[],
        element_attributes: &[],
        host_rule: None,
        step: Some(Text {
            en: "If you use Usercentrics automatic blocking: Smart Data Protector (uc-block.bundle.js) does not block CallPage. With the v3 auto-blocker (autoblocker.js), open Service Settings > DPS Scanner and set the cdn-widget.callpage.io finding to Ignore; do not map it to the CallPage service, or the auto-blocker holds the whole widget back until consent. The CallPage service itself stays, for the optional features.",
            pl: "Jeśli używasz automatycznego blokowania Usercentrics: Smart Data Protector (uc-block.bundle.js) nie blokuje CallPage. Przy auto-blockerze v3 (autoblocker.js) otwórz Service Settings > DPS Scanner i ustaw wynik dla cdn-widget.callpage.io na Ignore; nie przypisuj go do usługi CallPage, bo auto-blocker wstrzyma cały widżet do czasu zgody. Sama usługa CallPage zostaje, dla funkcji opcjonalnych.",
        }),
        step_required: true,
        docs: &["https://support.usercentrics.com/hc/en-us/articles/17337159049244-Auto-blocking-in-detail", "https://support.usercentrics.com/hc/en-us/articles/18202425972252-Mapping-unknown-services-to-a-Data-Processing-Service", "https://docs.usercentrics.com/#/smart-data-protector"],
    },
};

const DEFAULT_SERVICE: &str = "CallPage";

/// The window event name the steps ask the admin to configure (v2 and v3 "Window Event").
pub(crate) const WINDOW_EVENT: &str = "ucEvent";

/// [`category_name`] with its explanation in Polish (the category names are the dashboard's).
fn category_name_pl(c: Category) -> &'static str {
    match c {
        Category::Analytics => "Analytics (kategoria własna albo, jeśli wolisz, Functional)",
        other => category_name(other),
    }
}

fn category_name(c: Category) -> &'static str {
    match c {
        Category::Necessary => "Essential",
        Category::Functional => "Functional",
        Category::Analytics => "Analytics (a custom category, or Functional if you prefer)",
        Category::Marketing => "Marketing",
    }
}

impl CmpAdapter for Usercentrics {
    fn facts(&self) -> &'static CmpFacts {
        &FACTS
    }
    fn target(&self, ctx: &Context, c: Category) -> Target {
        Target::new(
            ctx.service_title(DEFAULT_SERVICE, c),
            format!("Data Processing Service in category {}", category_name(c)),
        )
    }
    fn blocking(&self, ctx: &Context, c: Category) -> Option<Vec<(&'static str, String)>> {
        Some(grant_call_attrs(&[(
            "data-usercentrics",
            &ctx.service_title(DEFAULT_SERVICE, c),
        )]))
    }
    fn steps(&self, ctx: &Context) -> Vec<String> {
        let lang = ctx.lang;
        let mut steps = vec![pick(
            lang,
            "Paste this into the <head> of every page, after the Usercentrics script (loader.js for v3, or the v2 Browser UI script), replacing the old CallPage widget code.",
            "Wklej ten kod do sekcji <head> każdej strony, za skryptem Usercentrics (loader.js w wersji v3 lub skryptem Browser UI w wersji v2), w miejsce dotychczasowego kodu widżetu CallPage.",
        )
        .to_string()];
        for c in ctx.categories() {
            let title = ctx.service_title(DEFAULT_SERVICE, c);
            let on = ctx.switch_on(c);
            steps.push(pick(
                lang,
                format!("In the Usercentrics Admin Interface > Service Settings, add a custom Data Processing Service named exactly \"{title}\" in the category {}, listing the widget's cookies; {on} when the visitor consents to it.", category_name(c)),
                format!("W Usercentrics Admin Interface > Service Settings dodaj własną usługę przetwarzania danych (Data Processing Service) o nazwie dokładnie „{title}” w kategorii {}, z listą plików cookie widżetu; {on}, gdy odwiedzający wyrazi na nią zgodę.", category_name_pl(c)),
            ));
        }
        steps.push(pick(
            lang,
            format!("For instant switching off on withdrawal with Browser UI v2, add a Window Event named \"{WINDOW_EVENT}\" under Implementation > Data Layer & Events (v3 needs nothing: it sends UC_CONSENT)."),
            format!("Aby w Browser UI v2 funkcje wyłączały się od razu po wycofaniu zgody, dodaj zdarzenie okna (Window Event) o nazwie „{WINDOW_EVENT}” w Implementation > Data Layer & Events (v3 nie wymaga niczego: wysyła UC_CONSENT)."),
        ));
        steps
    }
    fn connector(&self, ctx: &Context) -> String {
        let template = r#"var C = __C__;
function apply(given) { B.set(states(C, function (name) { return given[name] === true; })); }
function read() {
  var given = {};
  if (w.__ucCmp && typeof w.__ucCmp.getConsentDetails === "function") {
    /* Web CMP v3 */
    w.__ucCmp.getConsentDetails().then(function (details) {
      var services = (details && details.services) || {};
      for (var id in services) {
        if (has(services, id) && services[id]) {
          given[services[id].name] = !!(services[id].consent && services[id].consent.given === true);
        }
      }
      apply(given);
    }, function () { /* no answer: features stay as they are */ });
    return;
  }
  if (w.UC_UI && typeof w.UC_UI.getServicesBaseInfo === "function") {
    /* Browser UI v2 */
    var list = w.UC_UI.getServicesBaseInfo() || [];
    for (var i = 0; i < list.length; i++) {
      if (list[i]) { given[list[i].name] = !!(list[i].consent && list[i].consent.status === true); }
    }
    apply(given);
  }
}
on(w, ["UC_CONSENT", "UC_UI_INITIALIZED", "UC_UI_CMP_EVENT"], function () { read(); });
on(w, [__EVENT__], function (e) {
  /* v2 admin-named window event: {"<service name>": true|false, ...} */
  var detail = e && e.detail;
  var known = false;
  for (var c in C) { if (has(C, c) && detail && typeof detail[C[c]] === "boolean") { known = true; } }
  if (known) { apply(detail); } else { read(); }
});
when(function () {
  return (w.__ucCmp && typeof w.__ucCmp.getConsentDetails === "function") ||
    (w.UC_UI && typeof w.UC_UI.isInitialized === "function" && w.UC_UI.isInitialized());
}, read);"#;
        fill!(
            template,
            [
                (
                    "__C__",
                    &ctx.category_map(|c| ctx.service_title(DEFAULT_SERVICE, c)),
                ),
                ("__EVENT__", &super::s(WINDOW_EVENT)),
            ],
        )
    }
}
