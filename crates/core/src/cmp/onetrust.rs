//! OneTrust (cmp-facts.md §2.4): held-back `type="text/plain" class="optanon-category-<id>"`
//! scripts, `window.OnetrustActiveGroups`, `OneTrust.OnConsentChanged` and the
//! `OneTrustGroupsUpdated` / `OTConsentApplied` window events.

use super::{bridge::grant_call_attrs, fill, CmpAdapter, Context, Target};
use crate::config::{Category, CmpId};

pub(super) struct OneTrust;

fn category(c: Category) -> (&'static str, &'static str) {
    match c {
        Category::Necessary => ("C0001", "Strictly Necessary Cookies"),
        Category::Functional => ("C0003", "Functional Cookies"),
        Category::Analytics => ("C0002", "Performance Cookies"),
        Category::Marketing => ("C0004", "Targeting Cookies"),
    }
}

impl CmpAdapter for OneTrust {
    fn id(&self) -> CmpId {
        CmpId::Onetrust
    }
    fn mechanism(&self) -> &'static str {
        "optanon-category class held-back script + OnetrustActiveGroups and events"
    }
    fn target(&self, _ctx: &Context, c: Category) -> Target {
        let (id, name) = category(c);
        Target::new(id, name)
    }
    fn blocking(&self, _ctx: &Context, c: Category) -> Option<Vec<(&'static str, String)>> {
        Some(grant_call_attrs(&[(
            "class",
            &format!("optanon-category-{}", category(c).0),
        )]))
    }
    fn steps(&self, ctx: &Context) -> Vec<String> {
        let mut steps = vec![
            "Paste this into the <head> of every page, after the OneTrust script (otSDKStub.js), replacing the old CallPage widget code.".to_string(),
        ];
        for c in ctx.categories() {
            let (id, name) = category(c);
            steps.push(format!(
                "{} when the visitor allows the category {id} (\"{name}\" in the default OneTrust template). If your template uses another id for it, change {id} in this code.",
                ctx.switch_on(c)
            ));
        }
        steps.push("In OneTrust > Cookie Consent > Cookies, assign the widget's cookies (see the category mapping export) to the same category.".to_string());
        steps
    }
    fn connector(&self, ctx: &Context) -> String {
        let template = r#"var C = __C__;
function read(active) {
  var groups = active && active.join ? active.join(",") : w.OnetrustActiveGroups;
  if (typeof groups !== "string") { return; }
  groups = "," + groups + ",";
  B.set(states(C, function (id) { return groups.indexOf("," + id + ",") >= 0; }));
}
on(w, ["OneTrustGroupsUpdated"], function (e) { read(e && e.detail); });
on(w, ["OTConsentApplied"], function () { read(null); });
when(function () { return w.OneTrust && typeof w.OneTrust.OnConsentChanged === "function"; }, function () {
  w.OneTrust.OnConsentChanged(function () { read(null); });
  read(null);
});"#;
        fill!(template, [("__C__", &ctx.category_map(|c| category(c).0))])
    }
}
