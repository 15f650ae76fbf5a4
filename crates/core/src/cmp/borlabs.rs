//! Borlabs Cookie 3 (cmp-facts.md §2.17, [obs]): consent is per service;
//! `BorlabsCookie.Consents.hasConsent('<service id>')` and the window events
//! `borlabs-cookie-consent-saved` / `borlabs-cookie-after-init` (the latter since 3.0.6, per
//! consentchecker.eu [obs]). Supported: Borlabs Cookie 3.0.6 and later 3.x; 2.x has another API
//! (`BorlabsCookie.checkCookieConsent`) and is not supported. Borlabs' code is not public, so
//! this is proven against a model of the documented surface only. The Script Blocker attribute is
//! plugin-generated, so the snippet has no held-back script; the service's opt-in code can call
//! the bridge instead.

use super::{AutoBlocking, AutoBlockingKind, bridge::grant_call, CmpAdapter, CmpFacts, Context, fill, Placement, Target};
use crate::i18n::pick;
use crate::i18n::Text;
use crate::config::{Category, CmpId};

pub(super) struct Borlabs;

/// Loads asynchronously: no: a WordPress plugin that ships with the site.
const FACTS: CmpFacts = CmpFacts {
    id: CmpId::Borlabs,
    name: "Borlabs Cookie",
    docs: &["https://borlabs.io/borlabs-cookie/", "https://consentchecker.eu/en/kb/borlabs"],
    mechanism: "BorlabsCookie.Consents.hasConsent(service) and borlabs-cookie events",
    loads_asynchronously: false,
    placement: Placement::Anywhere,
    auto_blocking: AutoBlocking {
        kind: AutoBlockingKind::Listed,
        default_mode: None,
        how: "Its Script Blocker rewrites, on the server, only the scripts the admin's Script Blocker entries match; a script tag with data-borlabs-cookie-script-blocker-ignore is skipped.",
        inline_attributes: &[("data-borlabs-cookie-script-blocker-ignore", "")],
        element_attributes: &[],
        host_rule: None,
        step: Some(Text {
            en: "Do not create a Script Blocker for CallPage in Borlabs Cookie; this code's scripts carry data-borlabs-cookie-script-blocker-ignore, which the Script Blocker skips.",
            pl: "Nie twórz w Borlabs Cookie Script Blockera dla CallPage; skrypty tego kodu mają atrybut data-borlabs-cookie-script-blocker-ignore, który Script Blocker pomija.",
        }),
        step_required: false,
        docs: &["https://borlabs.io/kb/script-blocker/"],
    },
};

const DEFAULT_SERVICE: &str = "callpage";

fn group(c: Category) -> (&'static str, &'static str) {
    match c {
        Category::Necessary => ("essential", "Essential"),
        Category::Functional => ("statistics", "Statistics (Borlabs has no functional group)"),
        Category::Analytics => ("statistics", "Statistics"),
        Category::Marketing => ("marketing", "Marketing"),
    }
}

impl CmpAdapter for Borlabs {
    fn facts(&self) -> &'static CmpFacts {
        &FACTS
    }
    fn target(&self, ctx: &Context, c: Category) -> Target {
        let (id, name) = group(c);
        Target::new(
            ctx.service_key(DEFAULT_SERVICE, c),
            format!("service in service group {id} ({name})"),
        )
    }
    fn steps(&self, ctx: &Context) -> Vec<String> {
        let lang = ctx.lang;
        let mut steps = vec![pick(
            lang,
            "Paste this into every page's <head> (e.g. with a header-scripts plugin or your theme), replacing the old CallPage widget code; do not add it to the Script Blocker. Supported: Borlabs Cookie 3.0.6 or a later 3.x release (Borlabs Cookie 2 has another API and is not supported).",
            "Wklej ten kod do sekcji <head> każdej strony (np. wtyczką do skryptów w nagłówku albo w motywie), w miejsce dotychczasowego kodu widżetu CallPage; nie dodawaj go do Script Blockera. Obsługiwane: Borlabs Cookie 3.0.6 lub nowsze wydanie 3.x (Borlabs Cookie 2 ma inne API i nie jest obsługiwany).",
        )
        .to_string()];
        for c in ctx.categories() {
            let (id, _) = group(c);
            let key = ctx.service_key(DEFAULT_SERVICE, c);
            let grant = grant_call(c.id());
            let on = ctx.switch_on(c);
            steps.push(pick(
                lang,
                format!("In Borlabs Cookie > Consent Management > Services, add a service \"CallPage\" with the ID \"{key}\" in the service group \"{id}\", listing the widget's cookies; optionally put `{grant}` in its Opt-in Code. {on} when the visitor accepts it."),
                format!("W Borlabs Cookie > Consent Management > Services dodaj usługę „CallPage” o identyfikatorze „{key}” w grupie usług „{id}”, z listą plików cookie widżetu; opcjonalnie wpisz `{grant}` w jej Opt-in Code. {on}, gdy odwiedzający ją zaakceptuje."),
            ));
        }
        steps
    }
    fn connector(&self, ctx: &Context) -> String {
        let template = r#"var C = __C__;
function read() {
  var consents = w.BorlabsCookie && w.BorlabsCookie.Consents;
  if (!consents || typeof consents.hasConsent !== "function") { return; }
  B.set(states(C, function (id) { return consents.hasConsent(id) === true; }));
}
on(w, ["borlabs-cookie-consent-saved", "borlabs-cookie-after-init"], function () { read(); });
when(function () { return w.BorlabsCookie && w.BorlabsCookie.Consents; }, read);"#;
        fill!(
            template,
            [(
                "__C__",
                &ctx.category_map(|c| ctx.service_key(DEFAULT_SERVICE, c)),
            )],
        )
    }
}
