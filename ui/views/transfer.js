// Import and export. The database: bundles and SQLite files in and out, CSV exports, with the
// native file dialogs, progress for long imports and errors shown in full. The open account:
// the cookie declaration and the CMP category mapping, to copy or to save.
import * as api from "../api.js";
import { $, h, announce, copyWithConfirmation, showError, toast } from "../dom.js";

let app;
let importPath = null;

const BUNDLE_FILTERS = [
  { name: "Cookie Admin bundle or database", extensions: ["json", "sqlite", "db"] },
  { name: "All files", extensions: ["*"] },
];
const EXPORT_FORMATS = {
  json: { ext: "json", name: "JSON bundle" },
  sqlite: { ext: "sqlite", name: "SQLite database" },
  "csv-cookies": { ext: "csv", name: "CSV (cookie lists)" },
  "csv-mappings": { ext: "csv", name: "CSV (CMP category mappings)" },
};

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
  $("#decl-lang").append(...app.lists.languages.map((l) => h("option", { value: l.id }, l.label)));
}

export function openImport() {
  if (app.readOnly()) return;
  importPath = null;
  $("#import-path").textContent = "No file chosen";
  $("#import-run").disabled = true;
  $("#import-progress").hidden = true;
  $("#import-result").replaceChildren();
  $("#import-dialog").showModal();
  $("#import-choose").focus();
}

async function chooseImport() {
  try {
    const path = await api.pickOpen("Import a bundle or database", BUNDLE_FILTERS);
    if (!path) return;
    importPath = path;
    $("#import-path").textContent = path;
    $("#import-run").disabled = false;
    $("#import-run").focus();
  } catch (error) {
    showError(error);
  }
}

function size(bytes) {
  if (bytes > 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes > 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} bytes`;
}

async function runImport() {
  if (!importPath) return;
  const progress = $("#import-progress");
  const status = $("#import-status");
  const result = $("#import-result");
  progress.hidden = false;
  progress.removeAttribute("value");
  status.textContent = "Starting…";
  result.replaceChildren();
  $("#import-run").disabled = true;
  try {
    const report = await api.importFile(importPath, $("#import-duplicates").value, (event) => {
      if (event.stage === "checking") status.textContent = `Checking every record of ${size(event.bytes)}, nothing is written yet…`;
      if (event.stage === "done") {
        progress.value = 1;
        progress.max = 1;
        status.textContent = `Written: ${event.versions_written} versions.`;
      }
    });
    progress.value = 1;
    progress.max = 1;
    const lines = [
      report.created.length ? `Created: ${report.created.join(", ")}` : null,
      report.replaced.length ? `New versions for: ${report.replaced.join(", ")}` : null,
      report.skipped.length ? `Skipped (already there): ${report.skipped.join(", ")}` : null,
      report.renamed.length ? `Imported under new names: ${report.renamed.map(([a, b]) => `${a} → ${b}`).join(", ")}` : null,
      `${report.versions_written} versions written.`,
    ].filter(Boolean);
    result.replaceChildren(h("div", { class: "notice ok", role: "status" }, lines.map((l) => h("p", {}, l))));
    announce("Import finished");
    await app.reloadAccounts();
  } catch (error) {
    progress.hidden = true;
    status.textContent = "";
    result.replaceChildren(
      h("div", { class: "notice error", role: "alert" },
        h("p", {}, h("strong", {}, "Nothing was imported.")),
        h("pre", { class: "error-text" }, `${error.kind}: ${error.message}`)),
    );
  } finally {
    $("#import-run").disabled = false;
  }
}

export function openExport() {
  $("#export-scope-one").disabled = !app.current;
  if (!app.current) $("#export-scope-all").checked = true;
  $("#export-one-name").textContent = app.current ? app.current.name : "no account open";
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
  const meta = EXPORT_FORMATS[format];
  try {
    const path = await api.pickSave(`Export ${meta.name}`, `${fileStem(one ? app.current.name : "cookie-admin")}.${meta.ext}`, [
      { name: meta.name, extensions: [meta.ext] },
    ]);
    if (!path) return;
    await api.exportFile(path, format, one ? [app.current.name] : null);
    $("#export-result").replaceChildren(h("p", { class: "notice ok", role: "status" }, `Exported to ${path}`));
    toast(`Exported to ${path}`);
  } catch (error) {
    $("#export-result").replaceChildren(h("pre", { class: "notice error error-text", role: "alert" }, `${error.kind}: ${error.message}`));
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
      await copyWithConfirmation(api.copyText, text, "Cookie declaration", button);
    } else {
      const path = await api.pickSave("Save the cookie declaration", `${fileStem(app.current.name)}-cookies.${DECL_EXT[format]}`, [
        { name: format.toUpperCase(), extensions: [DECL_EXT[format]] },
      ]);
      if (!path) return;
      await api.saveDeclaration(path, app.current.config, lang, format);
      toast(`Declaration saved to ${path}`);
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
      await copyWithConfirmation(api.copyText, text, "Category mapping", button);
    } else {
      const path = await api.pickSave("Save the category mapping", `${fileStem(app.current.name)}-mapping-${cmp ?? "all"}.${MAP_EXT[format]}`, [
        { name: format.toUpperCase(), extensions: [MAP_EXT[format]] },
      ]);
      if (!path) return;
      await api.saveMapping(path, app.current.config, cmp, format);
      toast(`Mapping saved to ${path}`);
    }
  } catch (error) {
    showError(error);
  }
}

export function update() {
  if (!app.current) return;
  const lang = $("#decl-lang");
  if (!lang.dataset.touched) lang.value = app.current.config.language ?? app.settings.language ?? "en";
  const mapCmp = $("#map-cmp");
  if (!mapCmp.dataset.touched) mapCmp.value = app.current.config.cmp ?? "";
}
