//! Osano (cmp-facts.md §2.14): `Osano.cm.getConsent()` (`{ANALYTICS: "ACCEPT"|"DENY"}`) and
//! `Osano.cm.addEventListener('osano-cm-initialized' | 'osano-cm-consent-saved' |
//! 'osano-cm-consent-changed')`. Osano blocks by classification; the `data-osano` held-back
//! script is observed in public code only [obs], so the API is the main path.

use super::{bridge::grant_call_attrs, fill, CmpAdapter, Context, Target};
use crate::config::{Category, CmpId};

pub(super) struct Osano;

fn category(c: Category) -> (&'static str, &'static str) {
    match c {
        Category::Necessary => ("ESSENTIAL", "Essential"),
        Category::Functional => ("PERSONALIZATION", "Personalization"),
        Category::Analytics => ("ANALYTICS", "Analytics"),
        Category::Marketing => ("MARKETING", "Marketing"),
    }
}

impl CmpAdapter for Osano {
    fn id(&self) -> CmpId {
        CmpId::Osano
    }
    fn mechanism(&self) -> &'static str {
        "Osano.cm.getConsent and osano-cm events (+ data-osano held-back script)"
    }
    fn target(&self, _ctx: &Context, c: Category) -> Target {
        let (id, name) = category(c);
        Target::new(id, name)
    }
    fn blocking(&self, _ctx: &Context, c: Category) -> Option<Vec<(&'static str, String)>> {
        Some(grant_call_attrs(&[("data-osano", category(c).0)]))
    }
    fn steps(&self, ctx: &Context) -> Vec<String> {
        let mut steps = vec![
            "Paste this into the <head> of every page, after osano.js (which must stay the first script), replacing the old CallPage widget code.".to_string(),
            "In Osano > Scripts, classify cdn-widget.callpage.io as Essential: the widget's core needs no consent; its optional features wait for consent through this code.".to_string(),
        ];
        for c in ctx.categories() {
            let (id, name) = category(c);
            steps.push(format!(
                "{} when the visitor accepts {name} ({id}). In Osano > Cookies, classify the widget's cookies as {name}.",
                ctx.switch_on(c)
            ));
        }
        steps
    }
    fn connector(&self, ctx: &Context) -> String {
        let template = r#"var C = __C__;
function read() {
  var cm = w.Osano && w.Osano.cm;
  if (!cm || typeof cm.getConsent !== "function") { return; }
  var consent = cm.getConsent() || {};
  B.set(states(C, function (id) { return consent[id] === "ACCEPT"; }));
}
when(function () { return w.Osano && w.Osano.cm && typeof w.Osano.cm.addEventListener === "function"; }, function () {
  var cm = w.Osano.cm;
  cm.addEventListener("osano-cm-initialized", read);
  cm.addEventListener("osano-cm-consent-saved", read);
  cm.addEventListener("osano-cm-consent-changed", read);
  read();
});"#;
        fill!(template, [("__C__", &ctx.category_map(|c| category(c).0))])
    }
}
