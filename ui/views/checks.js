// Checks: the core's findings (their words come from Rust in the window's language), most
// serious first, each with a link that names the control that fixes it in words ("Go to the
// consent platform") and takes the user there. The tab and the editor header show the count
// as a badge while editing.
import { $, h } from "../dom.js";
import { loc, t } from "../i18n.js";

let app;

export function init(context) {
  app = context;
}

export function update() {
  const preview = app.preview;
  if (!preview) return;
  const { findings, errors, warnings } = preview;
  const serious = errors + warnings;
  for (const badge of [$("#checks-badge"), $("#header-checks")]) {
    badge.textContent = String(findings.length);
    badge.className = `badge ${errors ? "error" : warnings ? "warning" : findings.length ? "info" : "ok"}`;
  }
  $("#header-checks").setAttribute(
    "aria-label",
    [t("checks.errors", { count: errors }), t("checks.warnings", { count: warnings }), t("checks.notes", { count: preview.infos })].join(", "),
  );
  $("#header-checks-button").hidden = false;
  $("#header-checks-button").title = t(serious ? "checks.open" : "checks.none");
  if (!$("#panel-checks").hidden) show();
}

/** The language changed: draw again (the preview brings the findings' new words). */
export function retranslate() {
  drawn = null;
}

/**
 * The link text for a finding's field (a configuration path such as `categories.trace_route`
 * or `consent_mode.regions[1]`): the control it leads to, named in words.
 */
export function goToLabel(field) {
  const feature = (id) => loc(app.info.features.find((f) => f.id === id)?.name) || id;
  const category = (id) => t(`category.${id}`);
  let match;
  if (field === "cmp") return t("goto.cmp");
  if (field === "account.id") return t("goto.accountId");
  if (field === "account.name") return t("goto.accountName");
  if (/^domains(\[\d+\])?$/.test(field)) return t("goto.domains");
  if ((match = /^features\.(\w+)$/.exec(field))) return t("goto.feature", { feature: feature(match[1]) });
  if ((match = /^categories\.(\w+)$/.exec(field))) return t("goto.category", { feature: feature(match[1]) });
  if (field === "cmp_settings.blocking_mode") return t("goto.blockingMode");
  if (field === "consent_mode.wait_for_update_ms") return t("goto.wait");
  if (/^consent_mode\.regions(\[\d+\])?$/.test(field)) return t("goto.regions");
  if ((match = /^consent_mode\.consent_types\.(\w+)$/.exec(field))) return t("goto.consentTypes", { category: category(match[1]) });
  if ((match = /^tcf\.purposes\.(\w+)$/.exec(field))) return t("goto.tcfPurposes", { category: category(match[1]) });
  if (field === "tcf.gvl_vendor_id") return t("goto.tcfVendor");
  if (field === "language") return t("goto.language");
  if (field === "notes") return t("goto.notes");
  return t("goto.setting");
}

let drawn = null; // the preview the list shows

/** Draw the findings (when the tab is visible; see update). */
export function show() {
  const preview = app.preview;
  if (!preview || drawn === preview) return;
  drawn = preview;
  const { findings } = preview;
  const list = $("#checks-list");
  if (findings.length === 0) {
    list.replaceChildren(h("li", { class: "finding ok" }, t("checks.allPass")));
    return;
  }
  list.replaceChildren(
    ...findings.map((f) =>
      h(
        "li",
        { class: `finding ${f.severity}`, dataset: { check: f.id } },
        h("span", { class: `pill ${f.severity}` }, t(`severity.${f.severity}`)),
        h("div", { class: "finding-text" },
          h("p", { class: "message" }, f.message),
          h("p", { class: "fix" }, h("strong", {}, t("checks.fix")), " ", f.fix)),
        h("button", { type: "button", class: "link", dataset: { field: f.field }, onclick: () => app.goToField(f.field) }, goToLabel(f.field)),
      ),
    ),
  );
}
