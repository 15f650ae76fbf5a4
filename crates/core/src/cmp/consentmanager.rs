//! consentmanager.net (cmp-facts.md §2.16): consent per vendor; held-back `type="text/plain"
//! class="cmplazyload" data-cmp-vendor="<id>"` scripts, `__cmp('getCMPData').vendorConsents`
//! and `__cmp('addEventListener', ['consent', fn, false], null)`.

use super::{bridge::grant_call_attrs, fill, CmpAdapter, Context, Target};
use crate::config::{Category, CmpId};

pub(super) struct Consentmanager;

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
    fn id(&self) -> CmpId {
        CmpId::Consentmanager
    }
    fn mechanism(&self) -> &'static str {
        "cmplazyload data-cmp-vendor held-back script + __cmp getCMPData and consent event"
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
        let mut steps = vec![
            "Paste this into the <head> of every page, after the consentmanager code, replacing the old CallPage widget code.".to_string(),
        ];
        for c in ctx.categories() {
            steps.push(format!(
                "In consentmanager > Vendors, create a custom vendor \"CallPage\" with the purpose {}; enter the id the dashboard gives it (for example c12345) in Cookie Admin > CMP settings > vendor id and generate this code again (it now uses \"{}\"); {} when the visitor consents to that vendor.",
                purpose_name(c),
                vendor(ctx, c),
                ctx.switch_on(c),
            ));
        }
        steps
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
