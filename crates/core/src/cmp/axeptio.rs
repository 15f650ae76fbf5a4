//! Axeptio (cmp-facts.md §2.15): no attribute blocker; consent is per vendor key, read from the
//! SDK's `cookies:complete` event through `window._axcb`.

use super::{fill, CmpAdapter, Context, Target};
use crate::config::{Category, CmpId};

pub(super) struct Axeptio;

const DEFAULT_VENDOR: &str = "callpage";

fn step_name(c: Category) -> &'static str {
    match c {
        Category::Necessary => "Essential",
        Category::Functional => "Functional",
        Category::Analytics => "Audience measurement (Analytics)",
        Category::Marketing => "Marketing",
    }
}

impl CmpAdapter for Axeptio {
    fn id(&self) -> CmpId {
        CmpId::Axeptio
    }
    fn mechanism(&self) -> &'static str {
        "_axcb cookies:complete choices per vendor key"
    }
    fn target(&self, ctx: &Context, c: Category) -> Target {
        Target::new(
            ctx.service_key(DEFAULT_VENDOR, c),
            format!("vendor in the {} step", step_name(c)),
        )
    }
    fn steps(&self, ctx: &Context) -> Vec<String> {
        let mut steps = vec![
            "Paste this into the <head> of every page, after the Axeptio SDK snippet, replacing the old CallPage widget code.".to_string(),
        ];
        for c in ctx.categories() {
            steps.push(format!(
                "In the Axeptio back office, add a custom vendor with the key \"{}\" (name CallPage) to the {} step of your cookie widget and publish; {} when the visitor accepts it.",
                ctx.service_key(DEFAULT_VENDOR, c),
                step_name(c),
                ctx.switch_on(c),
            ));
        }
        steps
    }
    fn connector(&self, ctx: &Context) -> String {
        let template = r#"var C = __C__;
w._axcb = w._axcb || [];
w._axcb.push(function (sdk) {
  sdk.on("cookies:complete", function (choices) {
    B.set(states(C, function (key) { return !!(choices && choices[key] === true); }));
  });
});"#;
        fill!(
            template,
            [(
                "__C__",
                &ctx.category_map(|c| ctx.service_key(DEFAULT_VENDOR, c)),
            )],
        )
    }
}
