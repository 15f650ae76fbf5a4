// Settings: theme, default CMP for new accounts, declaration language, the database in use.
// The window's size and position are remembered by the shell on their own.
import * as api from "../api.js";
import { $, h, showError, toast } from "../dom.js";

let app;

const DB_FILTERS = [{ name: "SQLite database", extensions: ["sqlite", "db"] }];

export function init(context) {
  app = context;
  $("#settings-cmp").append(...app.lists.cmps.map((c) => h("option", { value: c.id }, c.name)));
  $("#settings-language").append(...app.lists.languages.map((l) => h("option", { value: l.id }, l.label)));
  $("#theme").addEventListener("change", (e) => save({ theme: e.target.value }));
  $("#settings-cmp").addEventListener("change", (e) => save({ default_cmp: e.target.value || null }));
  $("#settings-language").addEventListener("change", (e) => save({ language: e.target.value }));
  $("#db-open").addEventListener("click", () => switchDatabase("open"));
  $("#db-new").addEventListener("click", () => switchDatabase("new"));
  $("#settings-close").addEventListener("click", () => $("#settings-dialog").close());
}

export function applyTheme(theme) {
  document.documentElement.dataset.theme = theme;
  $("#theme").value = theme;
}

async function save(patch) {
  try {
    app.settings = await api.updateSettings(patch);
    applyTheme(app.settings.theme);
  } catch (error) {
    showError(error);
  }
}

export function open() {
  render();
  $("#settings-dialog").showModal();
  $("#theme").focus();
}

export function render() {
  const s = app.settings;
  applyTheme(s.theme);
  $("#settings-cmp").value = s.default_cmp ?? "";
  $("#settings-language").value = s.language ?? "en";
  $("#db-path").textContent = app.db?.path ?? "";
  $("#db-error").textContent = app.db?.error ? `Could not open it: ${app.db.error}` : "";
  $("#db-error").hidden = !app.db?.error;
}

async function switchDatabase(mode) {
  if (!(await app.confirmLeave())) return;
  try {
    const path = mode === "open"
      ? await api.pickOpen("Open a database", DB_FILTERS)
      : await api.pickSave("Create a new database", "cookie-admin.sqlite", DB_FILTERS);
    if (!path) return;
    app.db = await api.openDatabase(path);
    app.settings = await api.getSettings();
    app.closeEditor();
    await app.reloadAll();
    render();
    toast(`Using the database ${path}`);
  } catch (error) {
    showError(error);
  }
}
