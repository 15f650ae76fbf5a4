// Check a page: a customer's saved page (native file dialog) or pasted page source, and an
// optional HAR recording, checked in Rust against the open account (or without one). Findings
// are grouped by severity, each with its line, the excerpt and the fix; "Copy report" puts the
// Markdown report on the clipboard. A HAR is read with progress and can be cancelled.
import * as api from "../api.js";
import { $, h, announce, copyWithConfirmation, errorNodes, showError } from "../dom.js";
import { bytes, language, t } from "../i18n.js";

let app;
let pagePath = null;
let harPath = null;
let result = null;
let running = false;
let checkAgainOnOpen = false;

const pageFilters = () => [
  { name: t("sitecheck.pageFiles"), extensions: ["html", "htm", "xhtml", "shtml", "txt"] },
  { name: t("files.all"), extensions: ["*"] },
];
const harFilters = () => [
  { name: t("sitecheck.harFiles"), extensions: ["har", "json"] },
  { name: t("files.all"), extensions: ["*"] },
];
const GROUPS = ["error", "warning", "info"];

/** "2 errors, 0 warnings, 1 note" in the window's language. */
function counts(errors, warnings, infos) {
  return [t("count.errors", { count: errors }), t("count.warnings", { count: warnings }), t("count.notes", { count: infos })].join(", ");
}

/** A text of the static markup: marked so that a language switch translates it again. */
const say = (key) => ({ dataset: { i18n: key } });

function build() {
  const dialog = h(
    "dialog",
    { id: "sitecheck-dialog", class: "modal wide", "aria-labelledby": "sitecheck-title", "aria-describedby": "sitecheck-intro" },
    h("h2", { id: "sitecheck-title", ...say("sitecheck.title") }, t("sitecheck.title")),
    h("p", { id: "sitecheck-intro", class: "hint", ...say("sitecheck.intro") }, t("sitecheck.intro")),
    h("p", { id: "sitecheck-against", class: "notice" }),
    h("fieldset", { class: "field" },
      h("legend", say("sitecheck.page"), t("sitecheck.page")),
      h("div", { class: "button-row" },
        h("button", { type: "button", id: "sitecheck-open-page", ...say("sitecheck.openPage") }, t("sitecheck.openPage")),
        h("span", { id: "sitecheck-page-path", class: "path" }, t("sitecheck.noFile"))),
      h("label", { for: "sitecheck-source", ...say("sitecheck.paste") }, t("sitecheck.paste")),
      h("textarea", { id: "sitecheck-source", rows: 6, spellcheck: "false", autocomplete: "off", placeholder: "<!DOCTYPE html>…" })),
    h("fieldset", { class: "field" },
      h("legend", say("sitecheck.har"), t("sitecheck.har")),
      h("div", { class: "button-row" },
        h("button", { type: "button", id: "sitecheck-open-har", ...say("sitecheck.openHar") }, t("sitecheck.openHar")),
        h("span", { id: "sitecheck-har-path", class: "path" }, t("sitecheck.noHar")),
        h("button", { type: "button", id: "sitecheck-clear-har", class: "link", hidden: true, ...say("sitecheck.removeHar") }, t("sitecheck.removeHar")))),
    h("div", { id: "sitecheck-progress-box" },
      h("progress", { id: "sitecheck-progress", "aria-label": t("sitecheck.progress"), "data-i18n-aria-label": "sitecheck.progress", hidden: true }),
      h("p", { id: "sitecheck-status", class: "hint", "aria-live": "polite" })),
    h("div", { id: "sitecheck-result" }),
    h("div", { class: "dialog-buttons" },
      h("button", { type: "button", id: "sitecheck-copy", disabled: true, ...say("sitecheck.copy") }, t("sitecheck.copy")),
      h("button", { type: "button", id: "sitecheck-cancel", hidden: true, ...say("dialog.cancel") }, t("dialog.cancel")),
      h("button", { type: "button", id: "sitecheck-close", ...say("dialog.close") }, t("dialog.close")),
      h("button", { type: "button", id: "sitecheck-run", class: "primary", ...say("sitecheck.run") }, t("sitecheck.run"))),
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
    if (result) copyWithConfirmation(api.copyText, result.markdown, t("sitecheck.reportName"), e.currentTarget).catch(showError);
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
    box.textContent = t("sitecheck.noAccount");
    return;
  }
  const params = { name: app.current.name, version: app.current.version };
  const review = app.readOnly();
  box.textContent = app.isDirty()
    ? t(review ? "sitecheck.againstUnsavedReview" : "sitecheck.againstUnsaved", params)
    : t(review ? "sitecheck.againstVersionReview" : "sitecheck.againstVersion", params);
}

/** After a language switch: the texts this view sets itself (the markup follows data-i18n).
 * A report on screen came from Rust in the old language: it is checked again in the new one
 * (now if the dialog is open, else when it opens). */
export function retranslate() {
  setPage(pagePath);
  setHar(harPath);
  if (result && !running) {
    if ($("#sitecheck-dialog").open) run();
    else checkAgainOnOpen = true;
  }
}

export function open() {
  describeAccount();
  $("#sitecheck-dialog").showModal();
  $("#sitecheck-open-page").focus();
  updateRun();
  if (checkAgainOnOpen && result && !running) run();
  checkAgainOnOpen = false;
}

function setPage(path) {
  pagePath = path;
  $("#sitecheck-page-path").textContent = path ?? t("sitecheck.noFile");
  if (path) $("#sitecheck-source").value = "";
  updateRun();
}

function setHar(path) {
  harPath = path;
  $("#sitecheck-har-path").textContent = path ?? t("sitecheck.noHar");
  $("#sitecheck-clear-har").hidden = !path;
}

function updateRun() {
  $("#sitecheck-run").disabled = running || (!pagePath && !$("#sitecheck-source").value.trim());
}

async function choosePage() {
  try {
    const path = await api.pickOpen(t("sitecheck.pickPage"), pageFilters());
    if (!path) return;
    setPage(path);
    $("#sitecheck-run").focus();
  } catch (error) {
    showError(error);
  }
}

async function chooseHar() {
  try {
    const path = await api.pickOpen(t("sitecheck.pickHar"), harFilters());
    if (path) setHar(path);
  } catch (error) {
    showError(error);
  }
}

function onProgress(event) {
  const bar = $("#sitecheck-progress");
  const status = $("#sitecheck-status");
  if (event.stage === "reading_page") {
    status.textContent = t("sitecheck.readingPage");
  } else if (event.stage === "reading_har") {
    $("#sitecheck-cancel").hidden = false;
    if (event.total > 0) {
      bar.max = event.total;
      bar.value = Math.min(event.read, event.total);
      status.textContent = t("sitecheck.readingHarOf", { read: bytes(event.read), total: bytes(event.total) });
    } else {
      bar.removeAttribute("value");
      status.textContent = t("sitecheck.readingHar", { read: bytes(event.read) });
    }
  } else if (event.stage === "checking") {
    $("#sitecheck-cancel").hidden = true;
    bar.removeAttribute("value");
    status.textContent = t("sitecheck.checking");
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
    result = await api.siteCheck(page, harPath, account(), onProgress, language());
    render(result);
    const { errors, warnings, infos } = result.report;
    $("#sitecheck-status").textContent = "";
    announce(t("sitecheck.done", { counts: counts(errors, warnings, infos) }));
    $("#sitecheck-copy").disabled = false;
  } catch (error) {
    $("#sitecheck-status").textContent = "";
    const cancelled = error?.kind === "cancelled";
    $("#sitecheck-result").replaceChildren(
      h("div", { class: `notice ${cancelled ? "" : "error"}`, role: "alert" },
        h("p", {}, h("strong", {}, t(cancelled ? "sitecheck.cancelled" : "sitecheck.failed"))),
        ...(cancelled ? [] : errorNodes(error))),
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
  const where = e && e.line > 0 ? t("sitecheck.lineColumn", { line: e.line, column: e.column }) : t(e ? "sitecheck.inHar" : "sitecheck.nowhere");
  return h("li", { class: `finding ${f.severity}`, dataset: { rule: f.id } },
    h("span", { class: `pill ${f.severity}` }, t(`severity.${f.severity}`)),
    h("div", { class: "finding-text" },
      h("p", { class: "message" }, f.message),
      h("p", { class: "where" }, `${where} · `, h("code", {}, f.id)),
      e && e.excerpt ? h("pre", { class: "excerpt", tabindex: "0", "aria-label": t("sitecheck.excerpt", { where }) }, h("code", {}, e.excerpt)) : null,
      h("p", { class: "fix" }, h("strong", {}, `${t("checks.fix")} `), f.fix)));
}

function render({ report, title }) {
  const box = $("#sitecheck-result");
  const s = report.summary;
  const parts = [
    h("p", { class: `notice ${report.errors ? "error" : report.findings.length ? "" : "ok"}`, role: "status", id: "sitecheck-counts" },
      h("strong", {}, counts(report.errors, report.warnings, report.infos)),
      ` · ${title}: ${t("sitecheck.pageSummary", { size: bytes(s.bytes), lines: t("count.lines", { count: s.lines }), scripts: t("count.scripts", { count: s.scripts }), encoding: s.encoding })}`,
      s.har ? ` · ${t("sitecheck.harSummary", { requests: t("count.requests", { count: s.har.entries }) })}` : ""),
  ];
  if (report.findings.length === 0) {
    parts.push(h("p", { class: "finding ok" }, t("sitecheck.clean")));
  }
  for (const severity of GROUPS) {
    const findings = report.findings.filter((f) => f.severity === severity);
    if (findings.length === 0) continue;
    const id = `sitecheck-group-${severity}`;
    parts.push(h("section", { class: "sitecheck-group", "aria-labelledby": id },
      h("h3", { id }, t(`sitecheck.group.${severity}`, { count: findings.length })),
      h("ul", { class: "findings" }, findings.map(findingItem))));
  }
  if (s.seen.length > 0) {
    parts.push(h("details", { class: "sitecheck-seen" },
      h("summary", {}, t("sitecheck.seen")),
      h("div", { class: "table-wrap" },
        h("table", { class: "data" },
          h("thead", {}, h("tr", {}, ["line", "what", "details"].map((column) => h("th", { scope: "col" }, t(`sitecheck.col.${column}`))))),
          h("tbody", {}, s.seen.map((item) => h("tr", {}, h("td", {}, String(item.line)), h("td", {}, item.what), h("td", {}, item.note))))))));
  }
  box.replaceChildren(...parts);
  box.querySelector("h3, .finding")?.scrollIntoView?.({ block: "nearest" });
}
