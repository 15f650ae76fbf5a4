// The consent matrix: the widget's features down, consent states across; whether each works.
// State labels and reasons come from Rust in the window's language.
import { $, h } from "../dom.js";
import { t } from "../i18n.js";

let app;

export function init(context) {
  app = context;
}

function cell(feature) {
  if (!feature.enabled) return h("td", { class: "off", title: feature.reason }, h("span", { "aria-hidden": "true" }, "–"), h("span", { class: "sr-only" }, t("matrix.off")));
  return h(
    "td",
    { class: feature.works ? "works" : "stops", title: feature.reason },
    h("span", { "aria-hidden": "true" }, feature.works ? "✓" : "✕"),
    h("span", { class: "cell-text" }, t(feature.works ? "matrix.works" : "matrix.stops")),
  );
}

let drawn = null; // the preview the table shows

/** The preview changed: redraw now if the tab is visible, else when it is shown. */
export function update() {
  if (!$("#panel-matrix").hidden) show();
}

/** The language changed: draw again (the preview brings the new labels). */
export function retranslate() {
  drawn = null;
}

export function show() {
  const preview = app.preview;
  if (!preview || drawn === preview) return;
  drawn = preview;
  const states = preview.matrix.states;
  const features = states[0]?.features ?? [];
  const storage = states[0]?.storage ?? [];
  $("#matrix-body").replaceChildren(
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { id: "matrix", class: "data matrix" },
        h("caption", {}, t("matrix.features")),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("matrix.feature")), states.map((s) => h("th", { scope: "col" }, s.label)))),
        h("tbody", {}, features.map((f, i) =>
          h("tr", {}, h("th", { scope: "row" }, f.feature_name, h("span", { class: "muted small" }, ` · ${t(`category.${f.category}`)}`)), states.map((s) => cell(s.features[i]))))),
      ),
    ),
    storage.length === 0 ? null : h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { class: "data matrix" },
        h("caption", {}, t("matrix.storage")),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("matrix.item")), states.map((s) => h("th", { scope: "col" }, s.label)))),
        h("tbody", {}, storage.map((item, i) =>
          h("tr", {}, h("th", { scope: "row" }, h("code", {}, item.name + (item.is_pattern ? "*" : ""))),
            states.map((s) => {
              const c = s.storage[i];
              return h("td", { class: c.may_exist ? "works" : "off", title: c.note ?? "" },
                h("span", { "aria-hidden": "true" }, c.may_exist ? "●" : "○"),
                h("span", { class: "cell-text" }, t(c.may_exist ? "matrix.mayExist" : "matrix.none")));
            })))),
      ),
    ),
    h("p", { class: "hint" }, t("matrix.hint")),
  );
}
