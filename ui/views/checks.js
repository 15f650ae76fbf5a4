// Checks: the core's findings, most serious first, each linked to the control that fixes it.
// The tab and the editor header show the count as a badge while editing.
import { $, h } from "../dom.js";

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
  $("#header-checks").setAttribute("aria-label", `${errors} errors, ${warnings} warnings, ${preview.infos} notes`);
  $("#header-checks-button").hidden = false;
  $("#header-checks-button").title = serious ? "Open the checks" : "No problems found";
  if (!$("#panel-checks").hidden) show();
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
    list.replaceChildren(h("li", { class: "finding ok" }, "No problems found: this configuration passes every check."));
    return;
  }
  list.replaceChildren(
    ...findings.map((f) =>
      h(
        "li",
        { class: `finding ${f.severity}`, dataset: { check: f.id } },
        h("span", { class: `pill ${f.severity}` }, f.severity),
        h("div", { class: "finding-text" },
          h("p", { class: "message" }, f.message),
          h("p", { class: "fix" }, h("strong", {}, "Fix: "), f.fix)),
        h("button", { type: "button", class: "link", onclick: () => app.goToField(f.field) }, `Go to ${f.field}`),
      ),
    ),
  );
}
