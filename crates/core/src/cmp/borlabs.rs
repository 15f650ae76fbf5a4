//! Borlabs Cookie 3 (cmp-facts.md §2.17, [obs]): consent is per service;
//! `BorlabsCookie.Consents.hasConsent('<service id>')` and the window events
//! `borlabs-cookie-consent-saved` / `borlabs-cookie-after-init`. The Script Blocker attribute is
//! plugin-generated, so the snippet has no held-back script; the service's opt-in code can call
//! the bridge instead.

use super::{bridge::grant_call, fill, CmpAdapter, Context, Target};
use crate::config::{Category, CmpId};

pub(super) struct Borlabs;

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
    fn id(&self) -> CmpId {
        CmpId::Borlabs
    }
    fn mechanism(&self) -> &'static str {
        "BorlabsCookie.Consents.hasConsent(service) and borlabs-cookie events"
    }
    fn target(&self, ctx: &Context, c: Category) -> Target {
        let (id, name) = group(c);
        Target::new(
            ctx.service_key(DEFAULT_SERVICE, c),
            format!("service in service group {id} ({name})"),
        )
    }
    fn steps(&self, ctx: &Context) -> Vec<String> {
        let mut steps = vec![
            "Paste this into every page's <head> (e.g. with a header-scripts plugin or your theme), replacing the old CallPage widget code; do not add it to the Script Blocker.".to_string(),
        ];
        for c in ctx.categories() {
            let (id, _) = group(c);
            steps.push(format!(
                "In Borlabs Cookie > Consent Management > Services, add a service \"CallPage\" with the ID \"{}\" in the service group \"{id}\", listing the widget's cookies; optionally put `{}` in its Opt-in Code. {} when the visitor accepts it.",
                ctx.service_key(DEFAULT_SERVICE, c),
                grant_call(c.id()),
                ctx.switch_on(c),
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
