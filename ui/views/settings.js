// Settings: the window's language (applied at once, without a restart), theme, default CMP
// and declaration language for new accounts, your name (the author of saved versions), the
// database in use. The window's size and position are remembered by the shell on their own.
import * as api from "../api.js";
import { $, h, showError, toast } from "../dom.js";
import { loc, t } from "../i18n.js";

let app;

const dbFilters = () => [{ name: t("files.database"), extensions: ["sqlite", "db"] }];

export function init(context) {
  app = context;
  $("#settings-cmp").append(...app.lists.cmps.map((c) => h("option", { value: c.id }, c.name)));
  $("#ui-language").addEventListener("change", async (e) => {
    await save({ ui_language: e.target.value });
    await app.applyLanguage(app.uiLanguage());
  });
  languageOptions();
  $("#theme").addEventListener("change", (e) => save({ theme: e.target.value }));
  $("#settings-cmp").addEventListener("change", (e) => save({ default_cmp: e.target.value || null }));
  $("#settings-language").addEventListener("change", (e) => save({ language: e.target.value }));
  // Empty (null) means the system account's name, shown as the placeholder.
  $("#settings-author").addEventListener("change", (e) => save({ author_name: e.target.value.trim() || null }));
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
  $("#ui-language").focus();
}

/** The declaration languages, named in the window's language ("Polish" / "polski"). */
function languageOptions() {
  $("#settings-language").replaceChildren(...app.lists.languages.map((l) => h("option", { value: l.id }, loc(l.label))));
}

/** The language changed: the parts of the dialog that are not static markup. */
export function retranslate() {
  languageOptions();
  render();
}

export function render() {
  const s = app.settings;
  applyTheme(s.theme);
  // "System (Polski)": which language "system" means on this computer, in that language's name.
  const system = app.info.system_language === "pl" ? "Polski" : "English";
  $("#ui-language-system").textContent = t("settings.uiLanguageSystem", { language: system });
  $("#ui-language").value = s.ui_language ?? "system";
  $("#settings-cmp").value = s.default_cmp ?? "";
  $("#settings-language").value = s.language ?? "en";
  $("#settings-author").value = s.author_name ?? "";
  $("#settings-author").placeholder = app.info.default_author ?? "";
  $("#db-path").textContent = app.db?.path ?? "";
  $("#db-error").textContent = app.db?.error ? t("settings.dbError", { error: app.db.error }) : "";
  $("#db-error").hidden = !app.db?.error;
}

async function switchDatabase(mode) {
  if (!(await app.confirmLeave())) return;
  try {
    const path = mode === "open"
      ? await api.pickOpen(t("settings.dbOpenTitle"), dbFilters())
      : await api.pickSave(t("settings.dbNewTitle"), "cookie-admin.sqlite", dbFilters());
    if (!path) return;
    app.db = await api.openDatabase(path);
    app.settings = await api.getSettings();
    app.closeEditor();
    await app.reloadAll();
    render();
    toast(t("settings.dbUsing", { path }));
  } catch (error) {
    showError(error);
  }
}
