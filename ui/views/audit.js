// The declaration audit: a customer's CMP cookie report against the catalog and the open
// account (unsaved changes included; works the same in review mode). The report is read in
// Rust; this view shows the catalog items against it with each problem explained, asks which
// column holds what when a CSV is not recognised (the shell remembers the choice per header),
// and saves the result as CSV or Markdown for the customer.
import * as api from "../api.js";
import { $, $$, h, announce, errorNodes, toast } from "../dom.js";
import { language, t } from "../i18n.js";

let app;
/** The report being audited: { path, format, mapping }, and the last response. */
let report = null;
let lastResult = null;

const reportFilters = () => [
  { name: t("audit.fileType"), extensions: ["csv", "tsv", "txt", "json", "js", "html", "htm"] },
  { name: t("files.all"), extensions: ["*"] },
];

export function init(context) {
  app = context;
  $("#audit-open").addEventListener("click", open);
  $("#audit-choose").addEventListener("click", choose);
  $("#audit-format").addEventListener("change", () => {
    if (report) run({ ...report, format: $("#audit-format").value, mapping: null });
  });
  $("#audit-mapping").addEventListener("submit", (event) => {
    event.preventDefault();
    applyMapping();
  });
  $("#audit-change-map").addEventListener("click", () => {
    if (lastResult?.result?.headers?.length) showMapping(lastResult.result.headers, lastResult.mapping);
  });
  $("#audit-save-csv").addEventListener("click", () => save("csv"));
  $("#audit-save-md").addEventListener("click", () => save("md"));
  $("#audit-close").addEventListener("click", () => $("#audit-dialog").close());
}

export function open() {
  if (!app.current) return;
  // Each opening starts afresh: a result shown for another account would mislead.
  report = null;
  lastResult = null;
  $("#audit-path").textContent = t("audit.noReport");
  $("#audit-mapping").hidden = true;
  $("#audit-change-map").hidden = true;
  $("#audit-error").hidden = true;
  $("#audit-status").textContent = "";
  $("#audit-result").replaceChildren();
  for (const id of ["#audit-save-csv", "#audit-save-md"]) $(id).disabled = true;
  $("#audit-account").textContent = app.current.name;
  $("#audit-dialog").showModal();
  $("#audit-choose").focus();
}

async function choose() {
  try {
    const path = await api.pickOpen(t("audit.pick"), reportFilters());
    if (!path) return;
    await run({ path, format: $("#audit-format").value, mapping: null });
  } catch (error) {
    problem(error);
  }
}

/** An error shown inside the dialog (the app's error bar sits behind a modal dialog). */
function problem(error) {
  const box = $("#audit-error");
  box.replaceChildren(...errorNodes(error));
  box.hidden = false;
}

function setBusy(busy, text = "") {
  $("#audit-error").hidden = true;
  $("#audit-status").textContent = text;
  $("#audit-dialog").setAttribute("aria-busy", String(busy));
  for (const id of ["#audit-choose", "#audit-format", "#audit-map-apply"]) $(id).disabled = busy;
}

async function run(next) {
  report = next;
  lastResult = null;
  $("#audit-path").textContent = next.path;
  $("#audit-mapping").hidden = true;
  $("#audit-change-map").hidden = true;
  for (const id of ["#audit-save-csv", "#audit-save-md"]) $(id).disabled = true;
  $("#audit-result").replaceChildren();
  setBusy(true, t("audit.reading"));
  try {
    const response = await api.auditReport(next.path, app.current.config, next.format, next.mapping, language());
    if (response.status === "needs_mapping") {
      setBusy(false, "");
      showMapping(response.headers, response.suggestion);
      return;
    }
    lastResult = response;
    report = { ...next, mapping: response.mapping ?? null };
    setBusy(false, response.remembered ? t("audit.remembered") : "");
    renderResult(response.result);
    $("#audit-change-map").hidden = !(response.result.headers?.length && response.mapping);
    for (const id of ["#audit-save-csv", "#audit-save-md"]) $(id).disabled = false;
  } catch (error) {
    setBusy(false, "");
    $("#audit-result").replaceChildren(
      h("div", { class: "notice error", role: "alert" },
        h("p", {}, h("strong", {}, t("audit.unreadable"))),
        ...errorNodes(error)),
    );
  }
}

function showMapping(headers, suggestion) {
  $("#audit-headers").textContent = headers.join(", ");
  for (const select of $$("#audit-mapping select")) {
    const key = select.dataset.key;
    const none = key === "name" ? [] : [h("option", { value: "" }, t("audit.mapNone"))];
    select.replaceChildren(...none, ...headers.map((header) => h("option", { value: header }, header)));
    select.value = suggestion?.[key] ?? (key === "name" ? headers[0] : "");
  }
  $("#audit-mapping").hidden = false;
  $("#audit-map-name").focus();
  announce(t("audit.mapAnnounce"));
}

function applyMapping() {
  const mapping = {};
  for (const select of $$("#audit-mapping select")) {
    if (select.value) mapping[select.dataset.key] = select.value;
  }
  if (!mapping.name) {
    $("#audit-map-name").focus();
    return;
  }
  run({ ...report, mapping });
}

const COLUMNS = ["item", "feature", "status", "category", "lifetime", "problems"];

/** "2 errors, 5 warnings, 2 notes" in the window's language. */
function counts(errors, warnings, infos) {
  return [t("count.errors", { count: errors }), t("count.warnings", { count: warnings }), t("count.notes", { count: infos })].join(", ");
}

/** An item a cookie scan cannot see (web storage). */
const storageOnly = (row) => row.status === "not_in_scan";

function declaredCell(row) {
  const names = row.declared.map((d) => d.name);
  const unique = [...new Set(names)];
  return unique.length > 1 || row.declared.length === 1 ? unique.join(", ") : `${unique[0]} (×${row.declared.length})`;
}

function categoryCell(row) {
  const raws = [...new Set(row.declared.map((d) => d.category.raw).filter(Boolean))];
  const mark = row.category_ok === true ? "✓ " : row.category_ok === false ? "✗ " : "";
  return h("span", {},
    raws.length ? `${mark}${raws.join(", ")}` : "—",
    h("span", { class: "muted small" }, ` ${t("audit.expected", { category: row.expected_category_label })}`));
}

function lifetimeCell(row) {
  const texts = [...new Set(row.declared.map((d) => d.lifetime_text).filter(Boolean))];
  const mark = row.lifetime_ok === true ? "✓ " : row.lifetime_ok === false ? "✗ " : "";
  return h("span", {},
    texts.length ? `${mark}${texts.join(", ")}` : "—",
    h("span", { class: "muted small" }, ` ${t("audit.catalogDuration", { duration: row.expected_duration_text })}`));
}

function where(finding) {
  const e = finding.evidence;
  if (!e || (!e.line && !e.excerpt)) return null;
  const at = e.line ? (e.column ? t("audit.lineColumn", { line: e.line, column: e.column }) : t("audit.line", { line: e.line })) : "";
  return h("p", { class: "where muted small" }, [at, e.excerpt].filter(Boolean).join(": "));
}

function findingItem(finding) {
  return h("li", { class: `finding ${finding.severity}`, dataset: { finding: finding.id } },
    h("span", { class: `pill ${finding.severity}` }, t(`severity.${finding.severity}`)),
    h("div", { class: "finding-text" },
      h("p", { class: "message" }, finding.message),
      h("p", { class: "fix" }, h("strong", {}, `${t("checks.fix")} `), finding.fix),
      where(finding)),
    h("code", { class: "muted small" }, finding.id));
}

function renderResult(result) {
  const c = result.counts;
  const level = c.errors ? "error" : c.warnings ? "warn" : "ok";
  const summary = h("div", { class: `notice ${level}`, id: "audit-summary", tabindex: "-1" },
    h("p", {}, h("strong", {}, result.format_name), `: ${t("audit.read", { count: result.entries, version: result.catalog_version })}`),
    h("p", {}, c.errors + c.warnings + c.infos === 0 ? t("audit.clean") : `${counts(c.errors, c.warnings, c.infos)}.`),
    result.observed ? h("p", {}, t("audit.observed")) : null);

  const body = result.rows.map((row) =>
    h("tr", { dataset: { item: row.name, status: row.status } },
      h("th", { scope: "row" }, h("code", {}, row.display_name),
        row.declared.length ? h("span", { class: "declared-as muted small" }, t("audit.declaredAs", { names: declaredCell(row) })) : null),
      h("td", {}, row.feature_name, row.enabled ? null : h("span", { class: "pill" }, t("audit.off"))),
      h("td", {}, h("span", { class: `pill ${row.status === "declared" ? (row.findings.some((f) => f.severity !== "info") ? "warn" : "ok") : row.status === "missing" ? "error" : "warn"}` }, t(`audit.status.${row.status}`))),
      h("td", { class: "category" }, categoryCell(row)),
      h("td", { class: "lifetime" }, lifetimeCell(row)),
      h("td", { class: "problems" },
        row.findings.length
          ? h("ul", { class: "findings compact" }, row.findings.map(findingItem))
          : h("span", { class: "muted" }, t(storageOnly(row) ? "audit.storageNotScanned" : "audit.nothingToFix")))));

  // Focusable so that a table wider than the dialog can be scrolled from the keyboard.
  const table = h("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": t("audit.tableLabel") },
    h("table", { class: "data audit", id: "audit-table" },
      h("caption", {}, t("audit.caption")),
      h("thead", {}, h("tr", {},
        ...COLUMNS.map((column) => h("th", { scope: "col" }, t(`audit.col.${column}`))))),
      h("tbody", {}, body)));

  const about = result.findings.length
    ? h("section", { "aria-labelledby": "audit-about-title" },
      h("h3", { id: "audit-about-title" }, t("audit.about")),
      h("ul", { class: "findings", id: "audit-report-findings" }, result.findings.map(findingItem)))
    : null;

  $("#audit-result").replaceChildren(summary, table, about ?? "");
  summary.focus();
  announce(t("audit.done", { counts: counts(c.errors, c.warnings, c.infos) }));
}

function fileStem(name) {
  return (name || "account").replace(/[^\w.-]+/g, "-").replace(/^-+|-+$/g, "") || "account";
}

async function save(exportFormat) {
  if (!report || !lastResult) return;
  const ext = exportFormat === "md" ? "md" : "csv";
  try {
    const target = await api.pickSave(
      t("audit.saveTitle"),
      `${fileStem(app.current.name)}-cookie-audit.${ext}`,
      [{ name: exportFormat === "md" ? "Markdown" : "CSV", extensions: [ext] }],
    );
    if (!target) return;
    await api.saveAudit(report.path, app.current.config, report.format, report.mapping, exportFormat, target, language());
    toast(t("audit.saved", { path: target }));
    announce(t("audit.saved", { path: target }));
    $("#audit-status").textContent = t("audit.savedTo", { path: target });
  } catch (error) {
    problem(error);
  }
}
