// Start-up and the editor: loads app info, settings and the accounts, opens an account in
// the editor, keeps the preview (computed in Rust) in step with every change, and wires the
// tabs, keyboard shortcuts, unsaved-changes questions, review mode, the first-start welcome
// and the window's language (switched in place, unsaved edits kept). Views live in views/.
import * as api from "./api.js";
import { $, $$, h, ask, promptText, showError, clearError, errorNodes, retranslateError, toast, announce } from "./dom.js";
import { dateTime, language, setLanguage, t } from "./i18n.js";
import * as accounts from "./views/accounts.js";
import * as features from "./views/features.js";
import * as cookies from "./views/cookies.js";
import * as snippet from "./views/snippet.js";
import * as previewView from "./views/preview.js";
import * as matrix from "./views/matrix.js";
import * as checks from "./views/checks.js";
import * as historyView from "./views/history.js";
import * as transfer from "./views/transfer.js";
import * as auditView from "./views/audit.js";
import * as settingsView from "./views/settings.js";
import * as sitecheck from "./views/sitecheck.js";
import * as catalogView from "./views/catalog.js";

const TABS = ["features", "cookies", "snippet", "matrix", "checks", "history", "exports", "preview"];

const app = {
  info: null,
  /** The app's value lists (app_lists): cmps, categories, languages, consent_types, blocking_modes. */
  lists: null,
  settings: null,
  db: null,
  /** The open account: { name, version, config, saved (JSON of the stored config) }. */
  current: null,
  preview: null,
  tab: "features",
  previewSeq: 0,

  readOnly: () => Boolean(app.db?.read_only),
  /** The language the window speaks ("en" or "pl"): the setting, or the system's. */
  uiLanguage: () => {
    const chosen = app.settings?.ui_language ?? "system";
    return chosen === "system" ? app.info?.system_language ?? "en" : chosen;
  },
  isDirty: () => Boolean(app.current) && JSON.stringify(app.current.config) !== app.current.saved,

  /** Change the open configuration, then recompute everything in Rust. */
  async edit(mutate) {
    if (!app.current || app.readOnly()) return;
    mutate(app.current.config);
    markDirty();
    await refreshPreview();
  },

  /** Query the accounts list again (its first page and the count; the rest as it scrolls). */
  async reloadAccounts() {
    try {
      await accounts.reload();
    } catch (error) {
      accounts.clear();
      showError(error);
    }
    renderEmpty();
  },

  /** Another widget catalog is in use: names, the cookie list, the snippet and the history follow. */
  async catalogChanged() {
    app.info = await api.appInfo();
    if (!app.current) return;
    await refreshPreview();
    features.render();
    historyView.load();
  },

  async reloadAll() {
    app.db = await api.databaseInfo();
    renderMode();
    await app.reloadAccounts();
  },

  /** Ask before unsaved changes are lost. Resolves true when it is fine to go on. */
  async confirmLeave() {
    if (!app.isDirty()) return true;
    const choice = await ask({
      title: t("leave.title", { name: app.current.name }),
      body: t("leave.body"),
      buttons: [
        { label: t("dialog.cancel"), value: "cancel" },
        { label: t("leave.discard"), value: "discard", danger: true },
        { label: t("editor.save"), value: "save", primary: true },
      ],
    });
    if (choice === "discard") return true;
    if (choice === "save") return save();
    return false;
  },

  async openAccount(name, { force = false, tab } = {}) {
    if (!force && app.current?.name === name) return;
    if (!force && !(await app.confirmLeave())) return;
    try {
      const stored = await api.loadAccount(name);
      app.current = {
        name: stored.account,
        version: stored.version,
        info: stored,
        config: structuredClone(stored.config),
        saved: JSON.stringify(stored.config),
      };
      $("#editor").hidden = false;
      renderEmpty();
      $("#account-name").textContent = stored.account;
      renderVersionLine();
      await refreshPreview();
      features.render();
      markDirty();
      historyView.load();
      selectTab(tab ?? app.tab, { focus: false });
      accounts.select(stored.account);
    } catch (error) {
      showError(error);
    }
  },

  closeEditor() {
    app.current = null;
    app.preview = null;
    // Clear the heading so nothing (a screen reader, a test) reads a closed account's name.
    $("#account-name").textContent = "";
    $("#account-version").textContent = "";
    $("#editor").hidden = true;
    renderEmpty();
    markDirty();
  },

  /** Show the control a finding names (`domains[0]`, `categories.trace_route`, ...). */
  goToField(field) {
    if (field === "account.name") {
      // The name is the account's own: it changes with Rename.
      $("#rename-account").focus();
      return;
    }
    const find = (p) => document.querySelector(`#panel-features [data-field="${CSS.escape(p)}"]`);
    const parent = (p) => {
      const up = p.replace(/(\[\d+\]|\.[^.[\]]*)$/, "");
      return up === p ? "" : up;
    };
    let path = field;
    let control = null;
    while (path && !(control = find(path))) path = parent(path);
    control ??= $("#panel-features [data-field]");
    selectTab("features", { focus: false });
    const details = control.closest("details");
    if (details) details.open = true;
    control.focus();
    control.scrollIntoView({ block: "center" });
    control.classList.add("flash");
    setTimeout(() => control.classList.remove("flash"), 1600);
  },
};

/** "version 3 · alice · 4 Mar 2026, 10:15" under the account's name. */
function renderVersionLine() {
  const info = app.current?.info;
  $("#account-version").textContent = info
    ? t("editor.versionLine", { version: info.version, author: info.author, when: dateTime(info.created_at) })
    : "";
}

/**
 * What the main area shows without an open account: the welcome (on an empty database,
 * with nothing filtered, outside review mode) or the "choose an account" hint.
 */
function renderEmpty() {
  const open = Boolean(app.current);
  const filtered = Object.values(accounts.filter()).some(Boolean);
  const welcome = !open && accounts.count() === 0 && !filtered && !app.readOnly() && !app.db?.error;
  $("#welcome").hidden = !welcome;
  $("#editor-empty").hidden = open || welcome;
}

let shellDirty = false;
function markDirty() {
  const dirty = app.isDirty();
  $("#dirty").hidden = !dirty;
  document.body.classList.toggle("dirty", dirty);
  if (dirty !== shellDirty) {
    shellDirty = dirty;
    api.setDirty(dirty).catch(() => {});
  }
  // Only the open account's dot in the list changes: the list itself is not rebuilt.
  accounts.markDirty(app.current?.name, dirty);
}

async function refreshPreview() {
  const seq = ++app.previewSeq;
  try {
    const preview = await api.preview(app.current.config, null, language());
    if (seq !== app.previewSeq) return; // a newer change is on its way
    app.preview = preview;
    $("#config-error").hidden = true;
  } catch (error) {
    if (seq !== app.previewSeq) return;
    $("#config-error").replaceChildren(h("p", {}, t("editor.configError")), ...errorNodes(error));
    $("#config-error").hidden = false;
    return;
  }
  // What is on screen follows at once (the verdict, the switches, the tab badges); the tabs'
  // contents are drawn only while their tab is visible, and catch up when it is shown, so an
  // edit never waits for hidden tables and code.
  features.update();
  cookies.update();
  snippet.update();
  matrix.update();
  checks.update();
  transfer.update();
  previewView.update();
  features.syncCmp();
}

/** Views drawn only while their tab is visible: `show()` draws what changed while hidden. */
const LAZY = { cookies, snippet, matrix, checks, preview: previewView };

/** Save with an optional note. Resolves true when saved. */
async function save() {
  if (!app.current || app.readOnly()) return false;
  const note = await promptText({
    title: t("save.title", { name: app.current.name }),
    label: t("save.note"),
    okLabel: t("save.ok"),
  });
  if (note === null) return false;
  try {
    const info = await api.saveConfig(app.current.name, app.current.config, note);
    toast(t("save.done", { version: info.version }));
    announce(t("save.done", { version: info.version }));
    await app.openAccount(app.current.name, { force: true });
    await app.reloadAccounts();
    return true;
  } catch (error) {
    showError(error);
    return false;
  }
}

function selectTab(name, { focus = true } = {}) {
  // Another view starts at its top, not where the last one was scrolled to.
  if (name !== app.tab) $("#editor-main").scrollTop = 0;
  app.tab = name;
  for (const tab of $$("#tabs [role=tab]")) {
    const selected = tab.dataset.tab === name;
    tab.setAttribute("aria-selected", String(selected));
    tab.tabIndex = selected ? 0 : -1;
    $(`#${tab.getAttribute("aria-controls")}`).hidden = !selected;
    if (selected && focus) tab.focus();
  }
  LAZY[name]?.show();
}

function renderMode() {
  const readOnly = app.readOnly();
  document.body.classList.toggle("read-only", readOnly);
  $("#review-banner").hidden = !readOnly;
  $("#review-path").textContent = app.db?.review ?? "";
  for (const control of $$(".write, #new-account, #open-import")) control.disabled = readOnly;
  if (app.db?.error) showError({ kind: "no_database", message: `${app.db.path}: ${app.db.error}` });
}

async function openReview() {
  if (!(await app.confirmLeave())) return;
  try {
    const path = await api.pickOpen(t("review.pick"), [
      { name: t("files.bundleOrDb"), extensions: ["json", "sqlite", "db"] },
    ]);
    if (!path) return;
    app.db = await api.openReview(path);
    app.closeEditor();
    renderMode();
    await app.reloadAccounts();
    announce(t("review.opened"));
    if (accounts.first() !== null) await app.openAccount(accounts.first(), { force: true });
  } catch (error) {
    showError(error);
  }
}

async function closeReview() {
  app.db = await api.closeReview();
  app.closeEditor();
  renderMode();
  await app.reloadAccounts();
  announce(t("review.closed"));
}

function wire() {
  $("#error-close").addEventListener("click", clearError);
  $("#save").addEventListener("click", save);
  $("#open-import").addEventListener("click", () => transfer.openImport());
  $("#open-export").addEventListener("click", () => transfer.openExport());
  $("#open-review").addEventListener("click", openReview);
  $("#open-sitecheck").addEventListener("click", () => sitecheck.open());
  $("#close-review").addEventListener("click", closeReview);
  $("#open-settings").addEventListener("click", () => settingsView.open());
  $("#header-checks-button").addEventListener("click", () => selectTab("checks"));
  $("#welcome-create").addEventListener("click", () => $("#new-account").click());
  $("#welcome-example").addEventListener("click", openExample);
  for (const tab of $$("#tabs [role=tab]")) tab.addEventListener("click", () => selectTab(tab.dataset.tab));
  $("#tabs").addEventListener("keydown", (event) => {
    const index = TABS.indexOf(app.tab);
    const moves = { ArrowRight: 1, ArrowLeft: -1, Home: -index, End: TABS.length - 1 - index };
    if (!(event.key in moves)) return;
    event.preventDefault();
    selectTab(TABS[(index + moves[event.key] + TABS.length) % TABS.length]);
  });
  document.addEventListener("keydown", (event) => {
    const ctrl = event.ctrlKey || event.metaKey;
    if ($("dialog[open]")) return; // dialogs have their own keys (Esc, Enter)
    const key = event.key.toLowerCase();
    if (ctrl && key === "s") { event.preventDefault(); save(); }
    else if (ctrl && (key === "k" || key === "f")) { event.preventDefault(); $("#account-search").focus(); $("#account-search").select(); }
    else if (ctrl && event.shiftKey && key === "c") { event.preventDefault(); if (app.current) snippet.copySnippet(); }
    else if (ctrl && key === "n") { event.preventDefault(); $("#new-account").click(); }
    else if (ctrl && key === "o") { event.preventDefault(); transfer.openImport(); }
    else if (ctrl && key === "e") { event.preventDefault(); transfer.openExport(); }
    else if (ctrl && key === ",") { event.preventDefault(); settingsView.open(); }
    else if (ctrl && key === "z" && !event.target.matches("input, textarea, select") && app.db?.undo_delete) { event.preventDefault(); accounts.undo(); }
    else if (event.altKey && /^[1-8]$/.test(event.key) && app.current) { event.preventDefault(); selectTab(TABS[Number(event.key) - 1]); }
  });
  api.onCloseRequested(async () => {
    if (await app.confirmLeave()) await api.closeWindow();
  }).catch(showError);
}

/** The example account of the first start: saved for real, then opened. */
async function openExample() {
  try {
    const name = await api.createExample(language());
    await app.reloadAccounts();
    await app.openAccount(name, { force: true, tab: "features" });
    toast(t("welcome.exampleOpened", { name }));
    announce(t("welcome.exampleOpened", { name }));
  } catch (error) {
    showError(error);
  }
}

const VIEWS = [accounts, features, cookies, snippet, matrix, checks, historyView, transfer, auditView, settingsView, sitecheck, previewView];

/**
 * Speak `lang` from now on, without a restart: the static markup, every view, the open
 * account's form (its unsaved edits live in app.current.config, so they stay) and the preview
 * computed in Rust in the new language.
 */
app.applyLanguage = async function applyLanguage(lang) {
  if (lang === language() && document.documentElement.dataset.lang === lang) return;
  features.flush();
  setLanguage(lang);
  document.documentElement.dataset.lang = lang;
  for (const view of VIEWS) view.retranslate?.();
  catalogView.retranslate();
  renderVersionLine();
  retranslateError();
  if (app.current) {
    const focused = document.activeElement?.id;
    features.render();
    await refreshPreview();
    if (focused) document.getElementById(focused)?.focus();
  }
};

async function start() {
  try {
    const [info, lists, settings, db] = await Promise.all([api.appInfo(), api.appLists(), api.getSettings(), api.databaseInfo()]);
    Object.assign(app, { info, lists, settings, db });
    setLanguage(app.uiLanguage());
    document.documentElement.dataset.lang = language();
    $("#app-version").textContent = `v${info.version}`;
    settingsView.applyTheme(settings.theme);
    for (const view of VIEWS) view.init(app);
    await catalogView.init(app);
    wire();
    renderMode();
    await app.reloadAccounts();
    if (accounts.first() !== null) await app.openAccount(accounts.first(), { force: true });
  } catch (error) {
    showError(error);
  } finally {
    $("#app").setAttribute("aria-busy", "false");
    document.body.dataset.ready = "true";
    // The first complete render with the account list is on screen: tell the shell (the
    // start-up benchmark exits here when asked to).
    requestAnimationFrame(() => api.appReady().catch(() => {}));
  }
}

start();
