// Import and export. The database: bundles and SQLite files in and out, CSV exports, with the
// native file dialogs, progress for long imports and errors shown in full. The open account:
// the cookie declaration and the CMP category mapping, to copy or to save.
import * as api from "../api.js";
import { $, h, announce, copyWithConfirmation, errorNodes, showError, toast } from "../dom.js";
import { bytes, list, loc, t } from "../i18n.js";

let app;
let importPath = null;

const bundleFilters = () => [
  { name: t("files.bundleOrDb"), extensions: ["json", "sqlite", "db"] },
  { name: t("files.all"), extensions: ["*"] },
];
const EXPORT_EXTENSIONS = { json: "json", sqlite: "sqlite", "csv-cookies": "csv", "csv-mappings": "csv" };

export function init(context) {
  app = context;
  $("#import-choose").addEventListener("click", chooseImport);
  $("#import-run").addEventListener("click", runImport);
  $("#export-run").addEventListener("click", runExport);
  for (const id of ["#import-close", "#export-close"]) {
    $(id).addEventListener("click", (e) => e.currentTarget.closest("dialog").close());
  }
  $("#decl-copy").addEventListener("click", (e) => declaration("copy", e.currentTarget));
  $("#decl-save").addEventListener("click", () => declaration("save"));
  $("#map-copy").addEventListener("click", (e) => mapping("copy", e.currentTarget));
  $("#map-save").addEventListener("click", () => mapping("save"));
  const mapCmp = $("#map-cmp");
  mapCmp.append(...app.lists.cmps.map((c) => h("option", { value: c.id }, c.name)));
  languageOptions();
  // A picker the user changed keeps their choice while the preview refreshes; opening another
  // account starts again from that account's own language and CMP (see update()).
  for (const picker of [$("#decl-lang"), mapCmp]) {
    picker.addEventListener("change", (e) => { e.currentTarget.dataset.touched = "true"; });
  }
}

/** The declaration languages, named in the window's language; the choice is kept. */
function languageOptions() {
  const picker = $("#decl-lang");
  const chosen = picker.value;
  picker.replaceChildren(...app.lists.languages.map((l) => h("option", { value: l.id }, loc(l.label))));
  if (chosen) picker.value = chosen;
}

/** The language changed: the texts set from here (the rest is static markup). */
export function retranslate() {
  languageOptions();
  if (!importPath) $("#import-path").textContent = t("import.noFile");
  $("#export-one-name").textContent = app.current ? app.current.name : t("export.noAccount");
}

export function openImport() {
  if (app.readOnly()) return;
  importPath = null;
  $("#import-path").textContent = t("import.noFile");
  $("#import-run").disabled = true;
  $("#import-progress").hidden = true;
  $("#import-result").replaceChildren();
  $("#import-dialog").showModal();
  $("#import-choose").focus();
}

async function chooseImport() {
  try {
    const path = await api.pickOpen(t("import.pick"), bundleFilters());
    if (!path) return;
    importPath = path;
    $("#import-path").textContent = path;
    $("#import-run").disabled = false;
    $("#import-run").focus();
  } catch (error) {
    showError(error);
  }
}

async function runImport() {
  if (!importPath) return;
  const progress = $("#import-progress");
  const status = $("#import-status");
  const result = $("#import-result");
  progress.hidden = false;
  progress.removeAttribute("value");
  status.textContent = t("import.starting");
  result.replaceChildren();
  $("#import-run").disabled = true;
  try {
    const report = await api.importFile(importPath, $("#import-duplicates").value, (event) => {
      if (event.stage === "checking") status.textContent = t("import.checking", { size: bytes(event.bytes) });
      if (event.stage === "done") {
        progress.value = 1;
        progress.max = 1;
        status.textContent = t("import.written", { count: event.versions_written });
      }
    });
    progress.value = 1;
    progress.max = 1;
    const lines = [
      report.created.length ? t("import.created", { names: list(report.created) }) : null,
      report.replaced.length ? t("import.replaced", { names: list(report.replaced) }) : null,
      report.skipped.length ? t("import.skipped", { names: list(report.skipped) }) : null,
      report.renamed.length ? t("import.renamed", { names: list(report.renamed.map(([a, b]) => `${a} → ${b}`)) }) : null,
      t("import.versions", { count: report.versions_written }),
    ].filter(Boolean);
    result.replaceChildren(h("div", { class: "notice ok", role: "status" }, lines.map((l) => h("p", {}, l))));
    announce(t("import.finished"));
    await app.reloadAccounts();
  } catch (error) {
    progress.hidden = true;
    status.textContent = "";
    result.replaceChildren(
      h("div", { class: "notice error", role: "alert" },
        h("p", {}, h("strong", {}, t("import.nothing"))),
        ...errorNodes(error)),
    );
  } finally {
    $("#import-run").disabled = false;
  }
}

export function openExport() {
  $("#export-scope-one").disabled = !app.current;
  if (!app.current) $("#export-scope-all").checked = true;
  $("#export-one-name").textContent = app.current ? app.current.name : t("export.noAccount");
  $("#export-result").replaceChildren();
  $("#export-dialog").showModal();
  $("#export-format").focus();
}

function fileStem(name) {
  return (name || "accounts").replace(/[^\w.-]+/g, "-").replace(/^-+|-+$/g, "") || "accounts";
}

async function runExport() {
  const format = $("#export-format").value;
  const one = $("#export-scope-one").checked && app.current;
  const ext = EXPORT_EXTENSIONS[format];
  const name = t(`export.fileType.${format}`);
  try {
    const path = await api.pickSave(t("export.pick", { what: name }), `${fileStem(one ? app.current.name : "cookie-admin")}.${ext}`, [
      { name, extensions: [ext] },
    ]);
    if (!path) return;
    await api.exportFile(path, format, one ? [app.current.name] : null);
    $("#export-result").replaceChildren(h("p", { class: "notice ok", role: "status" }, t("export.done", { path })));
    toast(t("export.done", { path }));
  } catch (error) {
    $("#export-result").replaceChildren(h("div", { class: "notice error", role: "alert" }, ...errorNodes(error)));
  }
}

const DECL_EXT = { html: "html", md: "md", csv: "csv" };
const MAP_EXT = { csv: "csv", json: "json", tcf: "json" };

async function declaration(action, button) {
  const lang = $("#decl-lang").value;
  const format = $("#decl-format").value;
  try {
    if (action === "copy") {
      const text = await api.declaration(app.current.config, lang, format);
      await copyWithConfirmation(api.copyText, text, t("exports.declCopied"), button);
    } else {
      const path = await api.pickSave(t("exports.declPick"), `${fileStem(app.current.name)}-cookies.${DECL_EXT[format]}`, [
        { name: format.toUpperCase(), extensions: [DECL_EXT[format]] },
      ]);
      if (!path) return;
      await api.saveDeclaration(path, app.current.config, lang, format);
      toast(t("exports.declSaved", { path }));
    }
  } catch (error) {
    showError(error);
  }
}

async function mapping(action, button) {
  const cmp = $("#map-cmp").value || null;
  const format = $("#map-format").value;
  try {
    if (action === "copy") {
      const text = await api.mapping(app.current.config, cmp, format);
      await copyWithConfirmation(api.copyText, text, t("exports.mapCopied"), button);
    } else {
      const path = await api.pickSave(t("exports.mapPick"), `${fileStem(app.current.name)}-mapping-${cmp ?? "all"}.${MAP_EXT[format]}`, [
        { name: format.toUpperCase(), extensions: [MAP_EXT[format]] },
      ]);
      if (!path) return;
      await api.saveMapping(path, app.current.config, cmp, format);
      toast(t("exports.mapSaved", { path }));
    }
  } catch (error) {
    showError(error);
  }
}

let shownAccount = null;

export function update() {
  if (!app.current) return;
  if (app.current.name !== shownAccount) {
    shownAccount = app.current.name;
    for (const id of ["#decl-lang", "#map-cmp"]) delete $(id).dataset.touched;
  }
  const lang = $("#decl-lang");
  if (!lang.dataset.touched) lang.value = app.current.config.language ?? app.settings.language ?? "en";
  const mapCmp = $("#map-cmp");
  if (!mapCmp.dataset.touched) mapCmp.value = app.current.config.cmp ?? "";
}
