// The widget catalog (in Settings): which catalog is in use, "Load a catalog…" (validated in
// Rust with the CLI's messages, then what would change is shown before anything is applied)
// and "Back to the built-in catalog" (the same confirm step). A catalog kept from an earlier
// session that can no longer be used is said at start.
//
// Every string this view shows is in STRINGS below, so they can move to the i18n keys.
import * as api from "../api.js";
import { $, h, ask, showError, toast } from "../dom.js";

const STRINGS = {
  title: "Widget catalog",
  inUseBuiltin: (v) => `In use: the built-in catalog, version ${v}.`,
  inUseLoaded: (v, builtin) => `In use: catalog version ${v}, loaded from a file (the built-in one is ${builtin}).`,
  keptIn: "Kept in",
  load: "Load a catalog…",
  builtin: "Back to the built-in catalog",
  hint: "A catalog is the vendor's declaration of the storage the widget sets. A newer one can be loaded without a new release of the app; every version you save records the catalog version it was made with.",
  pickTitle: "Load a widget catalog",
  fileFilter: "Widget catalog (JSON)",
  allFiles: "All files",
  previewTitle: (from, to) => `Use catalog ${to} instead of ${from}?`,
  backTitle: (from, to) => `Go back to the built-in catalog ${to} (from ${from})?`,
  sameVersion: "Both files have the same version number.",
  nothingChanges: "The storage, the features and the catalog's texts are the same in both.",
  counts: (c) => {
    const parts = [];
    if (c.added) parts.push(`${c.added} added`);
    if (c.removed) parts.push(`${c.removed} removed`);
    if (c.renamed) parts.push(`${c.renamed} renamed`);
    if (c.moved) parts.push(`${c.moved} moved to another feature`);
    if (c.changed) parts.push(`${c.changed} with another purpose, duration or detail`);
    return parts.length ? `Storage items: ${parts.join(", ")}.` : "No storage item changes.";
  },
  storageHeading: "Storage items",
  featuresHeading: "Features",
  catalogHeading: "Catalog",
  kind: { added: "added", removed: "removed", renamed: "renamed", moved: "moved", changed: "changed" },
  renamedFrom: (old) => ["was ", h("code", {}, old)],
  movedFrom: (feature) => `from ${feature}`,
  pattern: "(prefix)",
  field: {
    "purpose.en": "purpose (English)",
    "purpose.pl": "purpose (Polish)",
    duration: "duration",
    "duration_text.pl": "duration (Polish)",
    is_pattern: "is a prefix",
    party: "party",
    domain: "domain",
    provider: "provider",
    personal_data: "personal data",
    evidence: "evidence",
    default_category: "default category",
  },
  none: "(none)",
  cancel: "Cancel",
  apply: (v) => `Use catalog ${v}`,
  applyBuiltin: "Go back to the built-in catalog",
  applied: (v) => `Catalog ${v} is in use; new versions record it.`,
  appliedBuiltin: (v) => `The built-in catalog ${v} is in use again.`,
  cancelled: "Nothing changed: the catalog in use stays as it was.",
  startWarningKind: "catalog",
};

let app;
let info = null;

export async function init(context) {
  app = context;
  const section = $("#catalog-section");
  section.replaceChildren(
    h("h3", { id: "catalog-title" }, STRINGS.title),
    h("p", { id: "catalog-current" }),
    h("p", { id: "catalog-file", class: "path", hidden: true }),
    h("p", { id: "catalog-warning", class: "notice error", role: "alert", hidden: true }),
    h("div", { class: "button-row" },
      h("button", { type: "button", id: "catalog-load", onclick: load }, STRINGS.load),
      h("button", { type: "button", id: "catalog-builtin", onclick: backToBuiltin }, STRINGS.builtin)),
    h("p", { class: "hint" }, STRINGS.hint),
  );
  try {
    info = await api.catalogInfo();
    render();
    // A catalog kept from an earlier session that can no longer be used: say so at start.
    if (info.warning) showError({ kind: STRINGS.startWarningKind, message: info.warning });
  } catch (error) {
    showError(error);
  }
}

export function render() {
  if (!info) return;
  $("#catalog-current").textContent = info.loaded
    ? STRINGS.inUseLoaded(info.version, info.builtin_version)
    : STRINGS.inUseBuiltin(info.version);
  $("#catalog-file").hidden = !info.loaded;
  $("#catalog-file").textContent = info.loaded ? `${STRINGS.keptIn} ${info.file}` : "";
  $("#catalog-warning").hidden = !info.warning;
  $("#catalog-warning").textContent = info.warning ?? "";
  $("#catalog-builtin").disabled = !info.loaded && !info.warning;
}

/** The name the window shows for a feature id (the core's too). */
function featureName(id) {
  if (id === app.info.core?.id) return app.info.core.name;
  return app.info.features.find((f) => f.id === id)?.name ?? id;
}

function fieldList(fields) {
  return h("ul", { class: "diff-fields" }, fields.map((f) =>
    h("li", {}, h("span", { class: "field-name" }, STRINGS.field[f.field] ?? f.field), ": ",
      h("del", {}, f.before || STRINGS.none), " → ", h("ins", {}, f.after || STRINGS.none))));
}

/** The diff as the confirm dialog shows it (pure rendering of the core's CatalogDiff). */
export function renderDiff(diff) {
  const parts = [];
  if (diff.from_version === diff.to_version) parts.push(h("p", { class: "muted" }, STRINGS.sameVersion));
  if (diff.storage.length === 0 && diff.features.length === 0 && diff.catalog.length === 0) {
    parts.push(h("p", { id: "catalog-diff-empty" }, STRINGS.nothingChanges));
  } else {
    parts.push(h("p", { id: "catalog-diff-counts" }, STRINGS.counts(diff.counts)));
  }
  if (diff.storage.length) {
    parts.push(h("section", { class: "diff-section" }, h("h3", {}, STRINGS.storageHeading),
      h("ul", { class: "diff-cookies", id: "catalog-diff-storage" }, diff.storage.map((c) =>
        h("li", { class: c.kind, dataset: { kind: c.kind, name: c.name } },
          h("span", { class: `pill ${c.kind}` }, STRINGS.kind[c.kind] ?? c.kind), " ",
          h("code", {}, c.name), c.is_pattern ? ` ${STRINGS.pattern}` : "",
          ` (${featureName(c.feature)}) `,
          c.old_name ? STRINGS.renamedFrom(c.old_name) : null,
          c.old_feature ? STRINGS.movedFrom(featureName(c.old_feature)) : null,
          c.fields.length ? fieldList(c.fields) : null)))));
  }
  if (diff.features.length) {
    parts.push(h("section", { class: "diff-section" }, h("h3", {}, STRINGS.featuresHeading),
      h("ul", { class: "diff-cookies" }, diff.features.map((f) =>
        h("li", {}, h("strong", {}, featureName(f.feature)), fieldList(f.fields))))));
  }
  if (diff.catalog.length) {
    parts.push(h("section", { class: "diff-section" }, h("h3", {}, STRINGS.catalogHeading), fieldList(diff.catalog)));
  }
  return h("div", { class: "catalog-diff", id: "catalog-diff", tabindex: 0 }, parts);
}

async function confirm(preview, title, applyLabel) {
  return ask({
    title,
    body: renderDiff(preview.diff),
    buttons: [
      { label: STRINGS.cancel, value: "cancel" },
      { label: applyLabel, value: "apply", primary: true },
    ],
  });
}

async function changed(message) {
  render();
  await app.catalogChanged();
  toast(message);
}

async function load() {
  try {
    const path = await api.pickOpen(STRINGS.pickTitle, [
      { name: STRINGS.fileFilter, extensions: ["json"] },
      { name: STRINGS.allFiles, extensions: ["*"] },
    ]);
    if (!path) return;
    const preview = await api.previewCatalog(path);
    const d = preview.diff;
    const choice = await confirm(preview, STRINGS.previewTitle(d.from_version, d.to_version), STRINGS.apply(d.to_version));
    if (choice !== "apply") {
      await api.cancelCatalog();
      toast(STRINGS.cancelled);
      return;
    }
    info = await api.applyCatalog();
    await changed(STRINGS.applied(info.version));
  } catch (error) {
    showError(error);
  }
}

async function backToBuiltin() {
  try {
    const preview = await api.previewBuiltinCatalog();
    const d = preview.diff;
    const choice = await confirm(preview, STRINGS.backTitle(d.from_version, d.to_version), STRINGS.applyBuiltin);
    if (choice !== "apply") {
      toast(STRINGS.cancelled);
      return;
    }
    info = await api.useBuiltinCatalog();
    await changed(STRINGS.appliedBuiltin(info.version));
  } catch (error) {
    showError(error);
  }
}
