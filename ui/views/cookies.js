// The cookie list: what the enabled features store in the visitor's browser, every catalog
// field, grouped by category, personal data marked; the core's necessary item listed apart.
// Shown in the window's language; copied as CSV or Markdown (the core's declaration formats)
// in the account's declaration language, since that is what goes on the site.
import * as api from "../api.js";
import { $, h, copyWithConfirmation, showError } from "../dom.js";
import { t } from "../i18n.js";

let app;

export function init(context) {
  app = context;
  $("#copy-cookies-csv").addEventListener("click", (e) => copy("csv", t("cookies.copiedCsv"), e.currentTarget));
  $("#copy-cookies-md").addEventListener("click", (e) => copy("md", t("cookies.copiedMarkdown"), e.currentTarget));
}

async function copy(format, what, button) {
  try {
    const text = await api.declaration(app.current.config, app.current.config.language ?? "en", format);
    await copyWithConfirmation(api.copyText, text, what, button);
  } catch (error) {
    showError(error);
  }
}

const COLUMNS = ["name", "feature", "type", "party", "provider", "purpose", "duration", "personal", "evidence"];

function row(item) {
  return h(
    "tr",
    { class: item.personal_data ? "personal" : "" },
    h("th", { scope: "row" }, h("code", {}, item.name + (item.is_pattern ? "*" : ""))),
    h("td", {}, item.feature_name),
    h("td", {}, item.storage_type_label),
    h("td", {}, item.party === "first_party" ? t("cookies.firstParty") : item.domain ? t("cookies.thirdPartyAt", { domain: item.domain }) : t("cookies.thirdParty")),
    h("td", {}, item.provider),
    h("td", { class: "purpose" }, item.purpose),
    h("td", {}, item.duration_text),
    h("td", {}, item.personal_data ? h("span", { class: "pill warn" }, t("cookies.col.personal")) : t("cookies.no")),
    h("td", {}, t(`cookies.evidence.${item.evidence}`)),
  );
}

function table(id, caption, rows) {
  const groups = new Map();
  for (const item of rows) {
    if (!groups.has(item.category_label)) groups.set(item.category_label, []);
    groups.get(item.category_label).push(item);
  }
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { id, class: "data cookies" },
      h("caption", {}, caption),
      h("thead", {}, h("tr", {}, COLUMNS.map((c) => h("th", { scope: "col" }, t(`cookies.col.${c}`))))),
      [...groups].map(([label, items]) =>
        h(
          "tbody",
          { dataset: { category: items[0].category } },
          h("tr", { class: "group" }, h("th", { colspan: COLUMNS.length, scope: "rowgroup" }, `${label} (${items.length})`)),
          items.map(row),
        ),
      ),
    ),
  );
}

let drawn = null; // what the tables show, as JSON: an edit that leaves them alone redraws nothing
let drawnPreview = null; // the preview last drawn (or found unchanged)

/** The preview changed: the tab's badge now; the tables now if the tab is visible, else when
 * it is shown. */
export function update() {
  const preview = app.preview;
  if (!preview) return;
  $("#cookie-count").textContent = String(preview.cookies.length);
  if (!$("#panel-cookies").hidden) show();
}

export function show() {
  const preview = app.preview;
  if (!preview || drawnPreview === preview) return;
  drawnPreview = preview;
  const cookies = preview.cookies;
  $("#cookie-count").textContent = String(cookies.length);
  const key = JSON.stringify([cookies, preview.necessary, cookies.length === 0 && preview.verdict.message, document.documentElement.lang]);
  if (key === drawn) return;
  drawn = key;
  const body = $("#cookies-body");
  body.replaceChildren(
    cookies.length === 0
      ? h("p", { id: "nothing-to-do", class: "notice ok" }, preview.verdict.message)
      : table("cookies", t("cookies.toDeclare"), cookies),
    table("necessary", t("cookies.necessary"), preview.necessary),
  );
}
