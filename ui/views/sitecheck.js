// Check a page: a customer's saved page (native file dialog) or pasted page source, and an
// optional HAR recording, checked in Rust against the open account (or without one). Findings
// are grouped by severity, each with its line, the excerpt and the fix; "Copy report" puts the
// Markdown report on the clipboard. A HAR is read with progress and can be cancelled.
import * as api from "../api.js";
import { $, h, announce, copyWithConfirmation, showError } from "../dom.js";

let app;
let pagePath = null;
let harPath = null;
let result = null;
let running = false;

const PAGE_FILTERS = [
  { name: "Web page", extensions: ["html", "htm", "xhtml", "shtml", "txt"] },
  { name: "All files", extensions: ["*"] },
];
const HAR_FILTERS = [
  { name: "HAR recording", extensions: ["har", "json"] },
  { name: "All files", extensions: ["*"] },
];
const GROUPS = [
  { severity: "error", title: "Errors" },
  { severity: "warning", title: "Warnings" },
  { severity: "info", title: "Notes" },
];

function size(bytes) {
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} bytes`;
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function build() {
  const dialog = h(
    "dialog",
    { id: "sitecheck-dialog", class: "modal wide", "aria-labelledby": "sitecheck-title", "aria-describedby": "sitecheck-intro" },
    h("h2", { id: "sitecheck-title" }, "Check a page"),
    h("p", { id: "sitecheck-intro", class: "hint" },
      "A customer's page as the browser saved it (“Save page as”, HTML only) or its source, and optionally a HAR recording (DevTools, “Save all as HAR”). The page's code is read, never run."),
    h("p", { id: "sitecheck-against", class: "notice" }),
    h("fieldset", { class: "field" },
      h("legend", {}, "Page"),
      h("div", { class: "button-row" },
        h("button", { type: "button", id: "sitecheck-open-page" }, "Open page file…"),
        h("span", { id: "sitecheck-page-path", class: "path" }, "No file chosen")),
      h("label", { for: "sitecheck-source" }, "…or paste the page source"),
      h("textarea", { id: "sitecheck-source", rows: 6, spellcheck: "false", autocomplete: "off", placeholder: "<!DOCTYPE html>…" })),
    h("fieldset", { class: "field" },
      h("legend", {}, "HAR recording (optional)"),
      h("div", { class: "button-row" },
        h("button", { type: "button", id: "sitecheck-open-har" }, "Open HAR file…"),
        h("span", { id: "sitecheck-har-path", class: "path" }, "None"),
        h("button", { type: "button", id: "sitecheck-clear-har", class: "link", hidden: true }, "Remove"))),
    h("div", { id: "sitecheck-progress-box" },
      h("progress", { id: "sitecheck-progress", "aria-label": "Site check progress", hidden: true }),
      h("p", { id: "sitecheck-status", class: "hint", "aria-live": "polite" })),
    h("div", { id: "sitecheck-result" }),
    h("div", { class: "dialog-buttons" },
      h("button", { type: "button", id: "sitecheck-copy", disabled: true }, "Copy report"),
      h("button", { type: "button", id: "sitecheck-cancel", hidden: true }, "Cancel"),
      h("button", { type: "button", id: "sitecheck-close" }, "Close"),
      h("button", { type: "button", id: "sitecheck-run", class: "primary" }, "Check")),
  );
  document.body.append(dialog);
}

export function init(context) {
  app = context;
  build();
  $("#sitecheck-open-page").addEventListener("click", choosePage);
  $("#sitecheck-open-har").addEventListener("click", chooseHar);
  $("#sitecheck-clear-har").addEventListener("click", () => setHar(null));
  $("#sitecheck-source").addEventListener("input", () => {
    if ($("#sitecheck-source").value && pagePath) setPage(null);
    updateRun();
  });
  $("#sitecheck-run").addEventListener("click", run);
  $("#sitecheck-cancel").addEventListener("click", () => api.cancelSiteCheck().catch(showError));
  $("#sitecheck-close").addEventListener("click", () => $("#sitecheck-dialog").close());
  $("#sitecheck-copy").addEventListener("click", (e) => {
    if (result) copyWithConfirmation(api.copyText, result.markdown, "Site check report", e.currentTarget).catch(showError);
  });
  // Closing (Escape too) while a HAR is read stops the reading.
  $("#sitecheck-dialog").addEventListener("close", () => {
    if (running) api.cancelSiteCheck().catch(() => {});
  });
}

/** The account the check runs against: the open one, with its unsaved changes if any. */
function account() {
  if (!app.current) return null;
  return {
    name: app.current.name,
    config: app.current.config,
    version: app.isDirty() ? null : app.current.version,
  };
}

function describeAccount() {
  const box = $("#sitecheck-against");
  if (!app.current) {
    box.textContent = "No account is open: the page is checked without a configuration (the account and version rules are skipped). Open an account first to check its snippet.";
    return;
  }
  const where = app.readOnly() ? " from the file under review" : "";
  const version = app.isDirty() ? "its unsaved changes" : `version ${app.current.version}`;
  box.textContent = `Checked against ${app.current.name} (${version})${where}, with every stored version to trace an older snippet.`;
}

export function open() {
  describeAccount();
  $("#sitecheck-dialog").showModal();
  $("#sitecheck-open-page").focus();
  updateRun();
}

function setPage(path) {
  pagePath = path;
  $("#sitecheck-page-path").textContent = path ?? "No file chosen";
  if (path) $("#sitecheck-source").value = "";
  updateRun();
}

function setHar(path) {
  harPath = path;
  $("#sitecheck-har-path").textContent = path ?? "None";
  $("#sitecheck-clear-har").hidden = !path;
}

function updateRun() {
  $("#sitecheck-run").disabled = running || (!pagePath && !$("#sitecheck-source").value.trim());
}

async function choosePage() {
  try {
    const path = await api.pickOpen("Open a saved page", PAGE_FILTERS);
    if (!path) return;
    setPage(path);
    $("#sitecheck-run").focus();
  } catch (error) {
    showError(error);
  }
}

async function chooseHar() {
  try {
    const path = await api.pickOpen("Open a HAR recording", HAR_FILTERS);
    if (path) setHar(path);
  } catch (error) {
    showError(error);
  }
}

function onProgress(event) {
  const bar = $("#sitecheck-progress");
  const status = $("#sitecheck-status");
  if (event.stage === "reading_page") {
    status.textContent = "Reading the page…";
  } else if (event.stage === "reading_har") {
    $("#sitecheck-cancel").hidden = false;
    if (event.total > 0) {
      bar.max = event.total;
      bar.value = Math.min(event.read, event.total);
      status.textContent = `Reading the HAR recording: ${size(event.read)} of ${size(event.total)}…`;
    } else {
      bar.removeAttribute("value");
      status.textContent = `Reading the HAR recording: ${size(event.read)}…`;
    }
  } else if (event.stage === "checking") {
    $("#sitecheck-cancel").hidden = true;
    bar.removeAttribute("value");
    status.textContent = "Checking…";
  }
}

async function run() {
  const text = $("#sitecheck-source").value;
  if (!pagePath && !text.trim()) return;
  const page = pagePath ? { from: "file", path: pagePath } : { from: "text", text };
  running = true;
  result = null;
  updateRun();
  $("#sitecheck-copy").disabled = true;
  const bar = $("#sitecheck-progress");
  bar.hidden = false;
  bar.removeAttribute("value");
  $("#sitecheck-result").replaceChildren();
  $("#sitecheck-dialog").setAttribute("aria-busy", "true");
  try {
    result = await api.siteCheck(page, harPath, account(), onProgress);
    render(result);
    const { errors, warnings, infos } = result.report;
    $("#sitecheck-status").textContent = "";
    announce(`Site check done: ${plural(errors, "error")}, ${plural(warnings, "warning")}, ${plural(infos, "note")}`);
    $("#sitecheck-copy").disabled = false;
  } catch (error) {
    $("#sitecheck-status").textContent = "";
    const cancelled = error?.kind === "cancelled";
    $("#sitecheck-result").replaceChildren(
      h("div", { class: `notice ${cancelled ? "" : "error"}`, role: "alert" },
        h("p", {}, h("strong", {}, cancelled ? "The check was cancelled." : "The check could not run.")),
        cancelled ? null : h("pre", { class: "error-text" }, `${error.kind}: ${error.message}`)),
    );
  } finally {
    running = false;
    bar.hidden = true;
    $("#sitecheck-cancel").hidden = true;
    $("#sitecheck-dialog").removeAttribute("aria-busy");
    updateRun();
  }
}

function findingItem(f) {
  const e = f.evidence;
  const where = e && e.line > 0 ? `Line ${e.line}, column ${e.column}` : e ? "In the HAR recording" : "Not at one place";
  return h("li", { class: `finding ${f.severity}`, dataset: { rule: f.id } },
    h("span", { class: `pill ${f.severity}` }, f.severity),
    h("div", { class: "finding-text" },
      h("p", { class: "message" }, f.message),
      h("p", { class: "where" }, `${where} · `, h("code", {}, f.id)),
      e && e.excerpt ? h("pre", { class: "excerpt", tabindex: "0", "aria-label": `Excerpt at ${where.toLowerCase()}` }, h("code", {}, e.excerpt)) : null,
      h("p", { class: "fix" }, h("strong", {}, "Fix: "), f.fix)));
}

function render({ report, title }) {
  const box = $("#sitecheck-result");
  const s = report.summary;
  const parts = [
    h("p", { class: `notice ${report.errors ? "error" : report.findings.length ? "" : "ok"}`, role: "status", id: "sitecheck-counts" },
      h("strong", {}, `${plural(report.errors, "error")}, ${plural(report.warnings, "warning")}, ${plural(report.infos, "note")}`),
      ` · ${title}: ${size(s.bytes)}, ${plural(s.lines, "line")}, ${plural(s.scripts, "script")}, read as ${s.encoding}`,
      s.har ? ` · HAR: ${plural(s.har.entries, "request")}` : ""),
  ];
  if (report.findings.length === 0) {
    parts.push(h("p", { class: "finding ok" }, "No problems found on this page."));
  }
  for (const group of GROUPS) {
    const findings = report.findings.filter((f) => f.severity === group.severity);
    if (findings.length === 0) continue;
    const id = `sitecheck-group-${group.severity}`;
    parts.push(h("section", { class: "sitecheck-group", "aria-labelledby": id },
      h("h3", { id }, `${group.title} (${findings.length})`),
      h("ul", { class: "findings" }, findings.map(findingItem))));
  }
  if (s.seen.length > 0) {
    parts.push(h("details", { class: "sitecheck-seen" },
      h("summary", {}, "What the check found on the page"),
      h("div", { class: "table-wrap" },
        h("table", { class: "data" },
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Line"), h("th", { scope: "col" }, "What"), h("th", { scope: "col" }, "Details"))),
          h("tbody", {}, s.seen.map((item) => h("tr", {}, h("td", {}, String(item.line)), h("td", {}, item.what), h("td", {}, item.note))))))));
  }
  box.replaceChildren(...parts);
  box.querySelector("h3, .finding")?.scrollIntoView?.({ block: "nearest" });
}
