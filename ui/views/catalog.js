// The widget catalog (in Settings): which catalog is in use, "Load a catalog…" (validated in
// Rust with the CLI's messages, then what would change is shown before anything is applied)
// and "Back to the built-in catalog" (the same confirm step). A catalog kept from an earlier
// session that can no longer be used is said at start.
//
// Every string is an i18n key (`catalog.…`); `retranslate` draws the section, an open
// confirm dialog and the start-up warning again in the new language.
import * as api from "../api.js";
import { $, h, ask, showError, toast } from "../dom.js";
import { hasText, list, loc, number, t } from "../i18n.js";

let app;
let info = null;

export async function init(context) {
  app = context;
  drawSection();
  try {
    info = await api.catalogInfo();
    render();
    // A catalog kept from an earlier session that can no longer be used: say so at start.
    if (info.warning) showError(unusable());
  } catch (error) {
    showError(error);
  }
}

/** The kept catalog that could not be used, as an error the alert area words. */
const unusable = () => ({
  kind: "catalog_unusable",
  message: info.warning,
  params: { path: info.file, version: info.builtin_version },
});

function drawSection() {
  $("#catalog-section").replaceChildren(
    h("h3", { id: "catalog-title" }, t("catalog.title")),
    h("p", { id: "catalog-current" }),
    h("p", { id: "catalog-file", class: "path", hidden: true }),
    h("div", { id: "catalog-warning", class: "notice error", role: "alert", hidden: true }),
    h("div", { class: "button-row" },
      h("button", { type: "button", id: "catalog-load", onclick: load }, t("catalog.load")),
      h("button", { type: "button", id: "catalog-builtin", onclick: backToBuiltin }, t("catalog.builtin"))),
    h("p", { class: "hint" }, t("catalog.hint")),
  );
}

let openDialog = null; // the confirm dialog on screen: { dialog, preview, titleText, applyText }

/** The language changed: the section, an open confirm dialog (the start warning is the alert's). */
export function retranslate() {
  if (!app) return;
  drawSection();
  render();
  if (openDialog) {
    const { dialog, preview, titleText, applyText } = openDialog;
    const heading = dialog.querySelector("h2");
    if (heading) heading.textContent = titleText();
    dialog.querySelector("#catalog-diff")?.replaceWith(renderDiff(preview.diff));
    const buttons = dialog.querySelectorAll(".dialog-buttons button");
    if (buttons[0]) buttons[0].textContent = t("dialog.cancel");
    if (buttons[1]) buttons[1].textContent = applyText();
  }
}

export function render() {
  if (!info) return;
  $("#catalog-current").textContent = info.loaded
    ? t("catalog.inUseLoaded", { version: info.version, builtin: info.builtin_version })
    : t("catalog.inUseBuiltin", { version: info.version });
  $("#catalog-file").hidden = !info.loaded;
  $("#catalog-file").textContent = info.loaded ? t("catalog.keptIn", { path: info.file }) : "";
  const warning = $("#catalog-warning");
  warning.hidden = !info.warning;
  warning.replaceChildren(...(info.warning
    ? [
      h("p", {}, t("catalog.warning", { path: info.file, version: info.builtin_version })),
      h("details", { class: "error-details" }, h("summary", {}, t("error.details")), h("pre", { class: "error-text" }, info.warning)),
    ]
    : []));
  $("#catalog-builtin").disabled = !info.loaded && !info.warning;
}

/** The name the window shows for a feature id (the core's too). */
function featureName(id) {
  if (id === app.info.core?.id) return loc(app.info.core.name) || id;
  return loc(app.info.features.find((f) => f.id === id)?.name) || id;
}

/** A field of the catalog diff in words; an unknown one (a newer core) as its id. */
const fieldName = (field) => (hasText(`catalog.field.${field}`) ? t(`catalog.field.${field}`) : field);

/** A changed value in the user's language where it is one of ours (seconds, yes/no, ids). */
function value(field, text) {
  if (text === "") return t("catalog.none");
  if (field === "duration_seconds" && /^\d+$/.test(text)) {
    return number(Number(text), { style: "unit", unit: "second", unitDisplay: "long" });
  }
  if (field === "is_pattern" || field === "personal_data") {
    if (text === "true") return t("catalog.yes");
    if (text === "false") return t("catalog.no");
  }
  if (field === "party" && hasText(`catalog.party.${text}`)) return t(`catalog.party.${text}`);
  if (field === "evidence" && hasText(`cookies.evidence.${text}`)) return t(`cookies.evidence.${text}`);
  if (field === "default_category" && hasText(`category.${text}`)) return t(`category.${text}`);
  return text;
}

function fieldList(fields) {
  return h("ul", { class: "diff-fields" }, fields.map((f) =>
    h("li", { dataset: { field: f.field } }, h("span", { class: "field-name" }, fieldName(f.field)), ": ",
      h("del", {}, value(f.field, f.before)), " → ", h("ins", {}, value(f.field, f.after)))));
}

/** "Storage items: 2 added, 1 renamed." with each count in the right plural form. */
function counts(c) {
  const parts = ["added", "removed", "renamed", "moved", "changed"]
    .filter((kind) => c[kind])
    .map((kind) => t(`catalog.count.${kind}`, { count: c[kind] }));
  return parts.length ? t("catalog.counts", { parts: list(parts) }) : t("catalog.noStorageChanges");
}

const kindName = (kind) => (hasText(`catalog.kind.${kind}`) ? t(`catalog.kind.${kind}`) : kind);

/** The diff as the confirm dialog shows it (pure rendering of the core's CatalogDiff). */
export function renderDiff(diff) {
  const parts = [];
  if (diff.from_version === diff.to_version) parts.push(h("p", { class: "muted" }, t("catalog.sameVersion")));
  if (diff.storage.length === 0 && diff.features.length === 0 && diff.catalog.length === 0) {
    parts.push(h("p", { id: "catalog-diff-empty" }, t("catalog.nothingChanges")));
  } else {
    parts.push(h("p", { id: "catalog-diff-counts" }, counts(diff.counts)));
  }
  if (diff.storage.length) {
    parts.push(h("section", { class: "diff-section" }, h("h3", {}, t("catalog.storageHeading")),
      h("ul", { class: "diff-cookies", id: "catalog-diff-storage" }, diff.storage.map((c) =>
        h("li", { class: c.kind, dataset: { kind: c.kind, name: c.name } },
          h("span", { class: `pill ${c.kind}` }, kindName(c.kind)), " ",
          h("code", {}, c.name), c.is_pattern ? ` ${t("catalog.pattern")}` : "",
          ` (${featureName(c.feature)}) `,
          c.old_name ? h("span", { class: "old-name" }, t("catalog.wasNamed"), " ", h("code", {}, c.old_name)) : null,
          c.old_feature ? t("catalog.movedFrom", { feature: featureName(c.old_feature) }) : null,
          c.fields.length ? fieldList(c.fields) : null)))));
  }
  if (diff.features.length) {
    parts.push(h("section", { class: "diff-section" }, h("h3", {}, t("catalog.featuresHeading")),
      h("ul", { class: "diff-cookies" }, diff.features.map((f) =>
        h("li", {}, h("strong", {}, featureName(f.feature)), fieldList(f.fields))))));
  }
  if (diff.catalog.length) {
    parts.push(h("section", { class: "diff-section" }, h("h3", {}, t("catalog.catalogHeading")), fieldList(diff.catalog)));
  }
  return h("div", { class: "catalog-diff", id: "catalog-diff", tabindex: 0 }, parts);
}

/**
 * Ask with the diff; `titleText` and `applyText` give the words in the current language, so
 * a language switch while the dialog is open words it again.
 */
async function confirm(preview, titleText, applyText) {
  const choice = ask({
    title: titleText(),
    body: renderDiff(preview.diff),
    buttons: [
      { label: t("dialog.cancel"), value: "cancel" },
      { label: applyText(), value: "apply", primary: true },
    ],
  });
  const dialog = document.getElementById("catalog-diff")?.closest("dialog");
  openDialog = dialog ? { dialog, preview, titleText, applyText } : null;
  try {
    return await choice;
  } finally {
    openDialog = null;
  }
}

async function changed(message) {
  render();
  await app.catalogChanged();
  toast(message);
}

async function load() {
  try {
    const path = await api.pickOpen(t("catalog.pickTitle"), [
      { name: t("catalog.fileFilter"), extensions: ["json"] },
      { name: t("files.all"), extensions: ["*"] },
    ]);
    if (!path) return;
    const preview = await api.previewCatalog(path);
    const d = preview.diff;
    const choice = await confirm(
      preview,
      () => t("catalog.previewTitle", { from: d.from_version, to: d.to_version }),
      () => t("catalog.apply", { version: d.to_version }),
    );
    if (choice !== "apply") {
      await api.cancelCatalog();
      toast(t("catalog.cancelled"));
      return;
    }
    info = await api.applyCatalog();
    await changed(t("catalog.applied", { version: info.version }));
  } catch (error) {
    showError(error);
  }
}

async function backToBuiltin() {
  try {
    const preview = await api.previewBuiltinCatalog();
    const d = preview.diff;
    const choice = await confirm(
      preview,
      () => t("catalog.backTitle", { from: d.from_version, to: d.to_version }),
      () => t("catalog.applyBuiltin"),
    );
    if (choice !== "apply") {
      toast(t("catalog.cancelled"));
      return;
    }
    info = await api.useBuiltinCatalog();
    await changed(t("catalog.appliedBuiltin", { version: info.version }));
  } catch (error) {
    showError(error);
  }
}
