// History: every version with who, when and note; the diff of any two (fields, cookie list,
// snippet); restore an old version as a new one.
import * as api from "../api.js";
import { $, h, showError, toast, ask } from "../dom.js";

let app;
let versions = [];

export function init(context) {
  app = context;
  $("#diff-form").addEventListener("submit", (event) => {
    event.preventDefault();
    showDiff();
  });
}

function when(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
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

function render() {
  const latest = versions.at(-1)?.version;
  $("#history-list").replaceChildren(
    ...[...versions].reverse().map((v) =>
      h(
        "tr",
        { dataset: { version: v.version } },
        h("th", { scope: "row" }, `v${v.version}`, v.version === latest ? h("span", { class: "pill ok" }, "current") : null),
        h("td", {}, h("time", { datetime: v.created_at }, when(v.created_at))),
        h("td", {}, v.author),
        h("td", { class: "catalog-version" }, v.catalog_version || h("span", { class: "muted" }, "(not recorded)")),
        h("td", { class: "note" }, v.note || h("span", { class: "muted" }, "(no note)")),
        h("td", {}, v.version === latest || app.readOnly()
          ? null
          : h("button", { type: "button", class: "small", onclick: () => restore(v.version) }, `Restore v${v.version}`)),
      ),
    ),
  );
  for (const [id, pick] of [["#diff-from", versions.length > 1 ? versions.at(-2) : versions.at(-1)], ["#diff-to", versions.at(-1)]]) {
    const select = $(id);
    select.replaceChildren(...versions.map((v) => h("option", { value: v.version }, `v${v.version} — ${v.note || when(v.created_at)}`)));
    if (pick) select.value = String(pick.version);
  }
  $("#diff-result").replaceChildren();
}

async function restore(version) {
  if (app.isDirty()) {
    const choice = await ask({
      title: "Discard unsaved changes?",
      body: "Restoring saves version " + version + " again as a new version. Your unsaved changes in the editor will be lost.",
      buttons: [{ label: "Cancel", value: "cancel" }, { label: "Discard and restore", value: "ok", danger: true }],
    });
    if (choice !== "ok") return;
  }
  try {
    const info = await api.restoreVersion(app.current.name, version, "");
    toast(`Version ${version} restored as version ${info.version}`);
    await app.openAccount(app.current.name, { force: true, tab: "history" });
  } catch (error) {
    showError(error);
  }
}

function section(title, children) {
  return h("section", { class: "diff-section" }, h("h4", {}, title), children);
}

async function showDiff() {
  const from = Number($("#diff-from").value);
  const to = Number($("#diff-to").value);
  try {
    const diff = await api.diffVersions(app.current.name, from, to);
    const show = (v) => (v === null || v === undefined ? "(none)" : JSON.stringify(v));
    $("#diff-result").replaceChildren(
      section(`Fields (v${diff.from.version} → v${diff.to.version})`,
        diff.fields.length === 0 ? h("p", { class: "muted" }, "No field changed.") :
          h("ul", { class: "diff-fields" }, diff.fields.map((f) =>
            h("li", { class: f.kind }, h("code", {}, f.path), ": ",
              f.items_added?.length || f.items_removed?.length
                ? [f.items_added?.length ? h("ins", {}, `added ${show(f.items_added)}`) : null, " ", f.items_removed?.length ? h("del", {}, `removed ${show(f.items_removed)}`) : null]
                : [h("del", {}, show(f.before)), " → ", h("ins", {}, show(f.after))])))),
      section("Cookie list",
        diff.cookies.length === 0 ? h("p", { class: "muted" }, "The cookie list is the same.") :
          h("ul", { class: "diff-cookies" }, diff.cookies.map((c) =>
            h("li", { class: c.kind }, h("span", { class: `pill ${c.kind}` }, c.kind), " ", h("code", {}, c.name), ` (${c.feature}) `,
              c.kind === "changed" ? c.fields.join(", ") : (c.category_after ?? c.category_before ?? ""))))),
      section(`Snippet (${diff.snippet.cmp_before ?? "no CMP"} → ${diff.snippet.cmp_after ?? "no CMP"})`,
        !diff.snippet.changed ? h("p", { class: "muted" }, "The snippet is the same.") :
          h("pre", { class: "code diff-lines", tabindex: 0, "aria-label": "Snippet line changes" }, diff.snippet.lines.map((l) =>
            l.op === "@"
              ? h("span", { class: "line-hunk" }, `${l.text}\n`)
              : h("span", { class: { "+": "line-add", "-": "line-del" }[l.op] ?? "line-ctx" }, `${l.op} ${String(l.line).padStart(4)}  ${l.text}\n`)))),
    );
  } catch (error) {
    showError(error);
  }
}
