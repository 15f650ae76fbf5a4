// Features and setup: the core (always on) and the three optional features as switches with
// the vendor's explanation, then the account's setup (domains, CMP and its blocking mode,
// categories, Consent Mode, TCF, language, notes). Every control carries data-field, the
// configuration path the checks name, so a finding can link to the control that fixes it.
// The value lists (CMPs, categories, languages, consent types, blocking modes) come from the
// app (app_lists), never from this file.
import { $, $$, h } from "../dom.js";
import { loc, t } from "../i18n.js";

const list = (text) => text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);

// Text fields apply while typing (after a short pause), so the checks follow at once.
const pending = new Map(); // field id -> { timer, run }
function typed(id, apply) {
  return (event) => {
    const value = event.target.value;
    clearTimeout(pending.get(id)?.timer);
    const run = () => {
      pending.delete(id);
      apply(value);
    };
    pending.set(id, { timer: setTimeout(run, event.type === "change" ? 0 : 250), run });
  };
}

/** Apply what is still waiting for the typing pause (before the form is drawn again). */
export function flush() {
  for (const { timer, run } of [...pending.values()]) {
    clearTimeout(timer);
    run();
  }
}

let app;

export function init(context) {
  app = context;
}

function switchItem(feature, config) {
  const id = `feature-${feature.id}`;
  const on = config.features.includes(feature.id);
  const input = h("input", {
    type: "checkbox",
    role: "switch",
    id,
    checked: on,
    "aria-checked": String(on),
    "aria-describedby": `${id}-summary ${id}-without`,
    dataset: { feature: feature.id, field: `features.${feature.id}` },
    onchange: (event) => {
      const checked = event.target.checked;
      event.target.setAttribute("aria-checked", String(checked));
      app.edit((c) => {
        const set = new Set(c.features);
        if (checked) set.add(feature.id);
        else set.delete(feature.id);
        c.features = [...set];
      });
    },
  });
  const category = h(
    "select",
    {
      id: `${id}-category`,
      dataset: { field: `categories.${feature.id}` },
      onchange: (event) => app.edit((c) => {
        c.categories = { ...(c.categories ?? {}), [feature.id]: event.target.value };
      }),
    },
    app.lists.categories.map((cat) => h("option", { value: cat.id }, loc(cat.label))),
  );
  category.value = config.categories?.[feature.id] ?? feature.default_category;
  return h(
    "li",
    { class: "feature" },
    h(
      "div",
      { class: "feature-head" },
      h("label", { class: "switch", for: id }, input, h("span", { class: "switch-track", "aria-hidden": "true" }), h("strong", {}, loc(feature.name))),
      h(
        "span",
        { class: "feature-category" },
        h("label", { for: `${id}-category` }, t("features.category")),
        category,
      ),
    ),
    h("p", { id: `${id}-summary` }, loc(feature.summary)),
    h("p", { id: `${id}-without`, class: "without" }, h("strong", {}, t("features.without")), " ", loc(feature.without_consent)),
  );
}

function field(label, control, hint) {
  const id = control.id;
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, label),
    control,
    hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null,
  );
}

function textInput(id, fieldPath, value, onInput, extra = {}) {
  return h("input", {
    id,
    type: "text",
    value,
    autocomplete: "off",
    spellcheck: "false",
    dataset: { field: fieldPath },
    oninput: typed(id, onInput),
    onchange: typed(id, onInput),
    ...extra,
  });
}

/** Build the whole form for the open account (called when an account is opened). */
export function render() {
  const panel = $("#panel-features");
  const config = app.current.config;
  const info = app.info;
  const cmpSelect = h(
    "select",
    {
      id: "setup-cmp",
      dataset: { field: "cmp" },
      onchange: (event) => app.edit((c) => { c.cmp = event.target.value || null; }),
    },
    h("option", { value: "" }, t("features.noCmp")),
    app.lists.cmps.map((cmp) => h("option", { value: cmp.id }, cmp.name)),
  );
  cmpSelect.value = config.cmp ?? "";
  const blockingMode = h(
    "select",
    {
      id: "setup-blocking-mode",
      dataset: { field: "cmp_settings.blocking_mode" },
      "aria-describedby": "setup-blocking-mode-hint",
      onchange: (event) => app.edit((c) => {
        const settings = { ...(c.cmp_settings ?? {}) };
        if (event.target.value) settings.blocking_mode = event.target.value;
        else delete settings.blocking_mode;
        c.cmp_settings = settings;
      }),
    },
    h("option", { value: "" }, t("features.blockingUnknown")),
    app.lists.blocking_modes.map((m) => h("option", { value: m.id }, loc(m.label))),
  );
  blockingMode.value = config.cmp_settings?.blocking_mode ?? "";
  const language = h(
    "select",
    { id: "setup-language", dataset: { field: "language" }, onchange: (e) => app.edit((c) => { c.language = e.target.value; }) },
    app.lists.languages.map((l) => h("option", { value: l.id }, loc(l.label))),
  );
  language.value = config.language ?? "en";
  const cm = config.consent_mode ?? {};
  const tcf = config.tcf ?? {};
  // Drawn again on a language switch: the advanced section stays as open as it was.
  const advancedOpen = $("#advanced")?.open ?? false;

  panel.replaceChildren(
    h("div", { id: "verdict", class: "notice", role: "status" }),
    h(
      "section",
      { "aria-labelledby": "features-title", class: "card" },
      h("h3", { id: "features-title" }, t("tab.features")),
      h(
        "ul",
        { id: "features", class: "features" },
        h(
          "li",
          { class: "feature core" },
          h(
            "div",
            { class: "feature-head" },
            h("label", { class: "switch", for: "feature-core" },
              h("input", { type: "checkbox", role: "switch", id: "feature-core", checked: true, disabled: true, "aria-checked": "true", "aria-describedby": "feature-core-summary" }),
              h("span", { class: "switch-track", "aria-hidden": "true" }),
              h("strong", {}, loc(info.core.name))),
            h("span", { class: "pill ok" }, t("features.alwaysOn")),
          ),
          h("p", { id: "feature-core-summary" }, loc(info.core.summary)),
        ),
        info.features.map((f) => switchItem(f, config)),
      ),
    ),
    h(
      "section",
      { "aria-labelledby": "setup-title", class: "card" },
      h("h3", { id: "setup-title" }, t("features.setup")),
      h(
        "div",
        { class: "grid-2" },
        field(t("features.domains"), h("textarea", {
          id: "setup-domains", rows: 3, spellcheck: "false", dataset: { field: "domains" },
          oninput: typed("setup-domains", (v) => app.edit((c) => { c.domains = list(v); })),
          onchange: typed("setup-domains", (v) => app.edit((c) => { c.domains = list(v); })),
        }, (config.domains ?? []).join("\n")), t("features.domainsHint")),
        h("div", {},
          field(t("features.cmp"), cmpSelect),
          field(t("features.blockingMode"), blockingMode, " "),
          field(t("features.declLanguage"), language)),
      ),
      field(t("features.accountId"), textInput("setup-account-id", "account.id", config.account.id, (v) => app.edit((c) => { c.account.id = v.trim(); }))),
      field(t("features.notes"), h("textarea", {
        id: "setup-notes", rows: 2, dataset: { field: "notes" },
        oninput: typed("setup-notes", (v) => app.edit((c) => { c.notes = v; })),
        onchange: typed("setup-notes", (v) => app.edit((c) => { c.notes = v; })),
      }, config.notes ?? "")),
    ),
    h(
      "details",
      { class: "card", id: "advanced" },
      h("summary", {}, h("h3", {}, t("features.advanced"))),
      h(
        "div",
        { class: "grid-2" },
        field(t("features.wait"), h("input", {
          id: "setup-wait", type: "number", min: 0, step: 100, value: cm.wait_for_update_ms ?? "",
          dataset: { field: "consent_mode.wait_for_update_ms" },
          onchange: (e) => app.edit((c) => {
            c.consent_mode = { ...(c.consent_mode ?? {}), wait_for_update_ms: e.target.value === "" ? null : Number(e.target.value) };
          }),
        }), t("features.waitHint")),
        field(t("features.regions"), textInput("setup-regions", "consent_mode.regions", (cm.regions ?? []).join(", "),
          (v) => app.edit((c) => { c.consent_mode = { ...(c.consent_mode ?? {}), regions: list(v) }; })), t("features.regionsHint")),
      ),
      h("h4", {}, t("features.consentTypes")),
      h("p", { class: "hint" }, t("features.consentTypesHint", { types: app.lists.consent_types.join(", ") })),
      h("div", { class: "grid-2" }, app.lists.categories.map(({ id: cat, label }) =>
        field(loc(label), textInput(`setup-ct-${cat}`, `consent_mode.consent_types.${cat}`, (cm.consent_types?.[cat] ?? []).join(", "),
          (v) => app.edit((c) => {
            const types = { ...(c.consent_mode?.consent_types ?? {}) };
            const values = list(v);
            if (values.length) types[cat] = values; else delete types[cat];
            c.consent_mode = { ...(c.consent_mode ?? {}), consent_types: types };
          }))))),
      h("h4", {}, "IAB TCF v2.2"),
      h("div", { class: "grid-2" },
        field(t("features.gvl"), h("input", {
          id: "setup-gvl", type: "number", min: 1, value: tcf.gvl_vendor_id ?? "", dataset: { field: "tcf.gvl_vendor_id" },
          onchange: (e) => app.edit((c) => { c.tcf = { ...(c.tcf ?? {}), gvl_vendor_id: e.target.value === "" ? null : Number(e.target.value) }; }),
        }), t("features.gvlHint")),
        app.lists.categories.filter((c) => c.id !== "necessary").map(({ id: cat, label }) =>
          field(t("features.purposes", { category: loc(label) }), textInput(`setup-tcf-${cat}`, `tcf.purposes.${cat}`, (tcf.purposes?.[cat] ?? []).join(", "),
            (v) => app.edit((c) => {
              const purposes = { ...(c.tcf?.purposes ?? {}) };
              const values = list(v).map(Number);
              if (values.length) purposes[cat] = values; else delete purposes[cat];
              c.tcf = { ...(c.tcf ?? {}), purposes };
            }))))),
    ),
  );
  $("#advanced").open = advancedOpen;
  update();
}

/** Refresh what follows from the preview (the verdict) and the read-only state. */
export function update() {
  const verdict = $("#verdict");
  if (!verdict || !app.preview) return;
  verdict.textContent = app.preview.verdict.message;
  verdict.classList.toggle("ok", app.preview.verdict.nothing_to_do);
  for (const control of $$("#panel-features [data-field]")) {
    if (control.id !== "feature-core") control.disabled = app.readOnly();
  }
  updateBlockingMode();
}

/** The blocking-mode picker follows the chosen CMP: its default, and whether it has a mode. */
function updateBlockingMode() {
  const select = $("#setup-blocking-mode");
  const hint = $("#setup-blocking-mode-hint");
  if (!select || !hint) return;
  const facts = app.lists.cmps.find((c) => c.id === app.current.config.cmp);
  const blocking = facts?.auto_blocking;
  const hasMode = blocking?.kind === "mode";
  select.disabled = app.readOnly() || !hasMode;
  const unknown = select.querySelector('option[value=""]');
  const cmp = facts?.name;
  if (hasMode) {
    const onByDefault = blocking.default_mode === "auto";
    unknown.textContent = t(onByDefault ? "features.blockingUnknownDefaultOn" : "features.blockingUnknownDefaultOff", { cmp });
    hint.textContent = t("features.blockingHintMode", { cmp });
  } else {
    unknown.textContent = t("features.blockingUnknown");
    hint.textContent = !facts ? t("features.blockingHintNoCmp")
      : blocking?.kind === "listed" ? t("features.blockingHintListed", { cmp })
      : t("features.blockingHintNone", { cmp });
  }
}

/** Keep the CMP select in step when the snippet view changes the CMP. */
export function syncCmp() {
  const select = $("#setup-cmp");
  if (select) select.value = app.current.config.cmp ?? "";
}
