// History: every version with who, when and note; the diff of any two (fields, cookie list,
// snippet); restore an old version as a new one.
import * as api from "../api.js";
import { $, h, showError, toast, ask } from "../dom.js";
import { dateTime, t } from "../i18n.js";

let app;
let versions = [];
let shownDiff = null; // the differences on screen, to draw again in another language

export function init(context) {
  app = context;
  $("#diff-form").addEventListener("submit", (event) => {
    event.preventDefault();
    showDiff();
  });
}

const when = (iso) => dateTime(iso);

/** The language changed: the table, the pickers and the differences in the new one. */
export function retranslate() {
  if (!app.current) return;
  const diff = shownDiff;
  render();
  if (diff) drawDiff(diff);
}

export async function load() {
  if (!app.current) return;
  try {
    versions = await api.history(app.current.name);
  } catch (error) {
    showError(error);
    versions = [];
  }
  render();
}

export function render() {
  const latest = versions.at(-1)?.version;
  $("#history-list").replaceChildren(
    ...[...versions].reverse().map((v) =>
      h(
        "tr",
        { dataset: { version: v.version } },
        h("th", { scope: "row" }, `v${v.version}`, v.version === latest ? h("span", { class: "pill ok" }, t("history.current")) : null),
        h("td", {}, h("time", { datetime: v.created_at }, when(v.created_at))),
        h("td", {}, v.author),
        h("td", { class: "catalog-version" }, v.catalog_version || h("span", { class: "muted" }, t("history.notRecorded"))),
        h("td", { class: "note" }, v.note || h("span", { class: "muted" }, t("history.noNote"))),
        h("td", {}, v.version === latest || app.readOnly()
          ? null
          : h("button", { type: "button", class: "small", onclick: () => restore(v.version) }, t("history.restore", { version: v.version }))),
      ),
    ),
  );
  for (const [id, pick] of [["#diff-from", versions.length > 1 ? versions.at(-2) : versions.at(-1)], ["#diff-to", versions.at(-1)]]) {
    const select = $(id);
    select.replaceChildren(...versions.map((v) => h("option", { value: v.version }, `v${v.version} — ${v.note || when(v.created_at)}`)));
    if (pick) select.value = String(pick.version);
  }
  $("#diff-result").replaceChildren();
  shownDiff = null;
}

async function restore(version) {
  if (app.isDirty()) {
    const choice = await ask({
      title: t("history.discardTitle"),
      body: t("history.discardBody", { version }),
      buttons: [{ label: t("dialog.cancel"), value: "cancel" }, { label: t("history.discardRestore"), value: "ok", danger: true }],
    });
    if (choice !== "ok") return;
  }
  try {
    const info = await api.restoreVersion(app.current.name, version, "");
    toast(t("history.restored", { version, newVersion: info.version }));
    await app.openAccount(app.current.name, { force: true, tab: "history" });
  } catch (error) {
    showError(error);
  }
}

const categoryOf = (category) => (category ? t(`category.${category}`) : "");
const cmpName = (id) => (id ? app.lists.cmps.find((c) => c.id === id)?.name ?? id : t("accounts.noCmp"));

function section(title, children) {
  return h("section", { class: "diff-section" }, h("h4", {}, title), children);
}

async function showDiff() {
  const from = Number($("#diff-from").value);
  const to = Number($("#diff-to").value);
  try {
    drawDiff(await api.diffVersions(app.current.name, from, to));
  } catch (error) {
    showError(error);
  }
}

function drawDiff(diff) {
  shownDiff = diff;
  const show = (v) => (v === null || v === undefined ? t("history.none") : JSON.stringify(v));
  $("#diff-result").replaceChildren(
    section(t("history.fields", { from: diff.from.version, to: diff.to.version }),
        diff.fields.length === 0 ? h("p", { class: "muted" }, t("history.noFieldChanged")) :
          h("ul", { class: "diff-fields" }, diff.fields.map((f) =>
            h("li", { class: f.kind }, h("code", {}, f.path), ": ",
              f.items_added?.length || f.items_removed?.length
                ? [f.items_added?.length ? h("ins", {}, t("history.added", { items: show(f.items_added) })) : null, " ", f.items_removed?.length ? h("del", {}, t("history.removed", { items: show(f.items_removed) })) : null]
                : [h("del", {}, show(f.before)), " → ", h("ins", {}, show(f.after))])))),
      section(t("tab.cookies"),
        diff.cookies.length === 0 ? h("p", { class: "muted" }, t("history.sameCookies")) :
          h("ul", { class: "diff-cookies" }, diff.cookies.map((c) =>
            h("li", { class: c.kind }, h("span", { class: `pill ${c.kind}` }, t(`history.change.${c.kind}`)), " ", h("code", {}, c.name), ` (${c.feature}) `,
              c.kind === "changed" ? c.fields.join(", ") : categoryOf(c.category_after ?? c.category_before))))),
      section(t("history.snippet", { from: cmpName(diff.snippet.cmp_before), to: cmpName(diff.snippet.cmp_after) }),
        !diff.snippet.changed ? h("p", { class: "muted" }, t("history.sameSnippet")) :
          h("pre", { class: "code diff-lines", tabindex: 0, "aria-label": t("history.snippetLines") }, diff.snippet.lines.map((l) =>
            l.op === "@"
              ? h("span", { class: "line-hunk" }, `${l.text}\n`)
              : h("span", { class: { "+": "line-add", "-": "line-del" }[l.op] ?? "line-ctx" }, `${l.op} ${String(l.line).padStart(4)}  ${l.text}\n`)))),
  );
}
