//! Termly (cmp-facts.md §2.12): held-back `type="text/plain" data-categories="<category>"`
//! scripts, `Termly.getConsentState()` and `Termly.on('consent' | 'initialized', cb)`.

use super::{bridge::grant_call_attrs, fill, CmpAdapter, Context, Target};
use crate::config::{Category, CmpId};

pub(super) struct Termly;

fn category(c: Category) -> (&'static str, &'static str) {
    match c {
        Category::Necessary => ("essential", "Essential"),
        Category::Functional => ("performance", "Performance and functionality"),
        Category::Analytics => ("analytics", "Analytics and customization"),
        Category::Marketing => ("advertising", "Advertising"),
    }
}

impl CmpAdapter for Termly {
    fn id(&self) -> CmpId {
        CmpId::Termly
    }
    fn mechanism(&self) -> &'static str {
        "data-categories held-back script + Termly.getConsentState and Termly.on"
    }
    fn target(&self, _ctx: &Context, c: Category) -> Target {
        let (id, name) = category(c);
        Target::new(id, name)
    }
    fn blocking(&self, _ctx: &Context, c: Category) -> Option<Vec<(&'static str, String)>> {
        Some(grant_call_attrs(&[("data-categories", category(c).0)]))
    }
    fn steps(&self, ctx: &Context) -> Vec<String> {
        let mut steps = vec![
            "Paste this into the <head> of every page, after the Termly embed script, replacing the old CallPage widget code.".to_string(),
        ];
        for c in ctx.categories() {
            let (id, name) = category(c);
            steps.push(format!(
                "{} when the visitor accepts \"{name}\" ({id}). In Termly > Cookie Report, categorise the widget's cookies as {name}.",
                ctx.switch_on(c)
            ));
        }
        steps
    }
    fn connector(&self, ctx: &Context) -> String {
        let template = r#"var C = __C__;
function read() {
  var state = null;
  try { state = w.Termly.getConsentState(); } catch (e) { state = null; }
  if (!state) { return; }
  B.set(states(C, function (id) { return state[id] === true; }));
}
when(function () { return w.Termly && typeof w.Termly.getConsentState === "function"; }, function () {
  if (typeof w.Termly.on === "function") {
    w.Termly.on("consent", function () { read(); });
    w.Termly.on("initialized", function () { read(); });
  }
  read();
});"#;
        fill!(template, [("__C__", &ctx.category_map(|c| category(c).0))])
    }
}
