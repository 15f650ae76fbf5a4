// The only module that touches window.__TAURI__. Every command is one function here, and
// errors come back as { kind, message, params } so views can switch on kind (dom.js turns
// them into sentences in the user's language). Messages made here are technical English:
// they show only under "Details".
const tauri = window.__TAURI__;

async function call(command, args = {}) {
  if (!tauri?.core?.invoke) {
    throw { kind: "no_backend", message: "The app backend is not available." };
  }
  try {
    return await tauri.core.invoke(command, args);
  } catch (error) {
    if (error && typeof error === "object" && "kind" in error) throw error;
    throw { kind: "ipc", message: String(error) };
  }
}

// App, preview and window lifecycle
let testHooks = false;
export async function appInfo() {
  const info = await call("app_info");
  testHooks = Boolean(info.test_hooks);
  return info;
}
/** The value lists the pickers show (CMPs with their facts, categories, languages, ...); labels
 * in both languages ({en, pl}). */
export const appLists = () => call("app_lists");
/** Everything the editor shows for a configuration, its texts in `language` ("en" or "pl"). */
export const preview = (config, cmp = null, language = null) => call("preview", { config, cmp, language });
/** The live consent preview: shows `config`'s snippet for `cmp` (blocking `mode` "off"/"on" or
 * null for the CMP's default) to visitor number `visitor`; returns {url, origin, generation}. */
export const consentPreview = (config, cmp, mode, visitor) => call("consent_preview", { config, cmp, mode, visitor });
export const setDirty = (dirty) => call("set_dirty", { dirty });
export const closeWindow = () => call("close_window");
export const appReady = () => call("app_ready");

// Settings
export const getSettings = () => call("get_settings");
export const updateSettings = (patch) => call("update_settings", { patch });

// The widget catalog: the one in use, load another (preview, then apply or cancel), built-in
export const catalogInfo = () => call("catalog_info");
export const previewCatalog = (path) => call("preview_catalog", { path });
export const cancelCatalog = () => call("cancel_catalog");
export const applyCatalog = () => call("apply_catalog");
export const previewBuiltinCatalog = () => call("preview_builtin_catalog");
export const useBuiltinCatalog = () => call("use_builtin_catalog");

// Databases and review mode
export const databaseInfo = () => call("database_info");
export const openDatabase = (path) => call("open_database", { path });
export const openReview = (path) => call("open_review", { path });
export const closeReview = () => call("close_review");

// Accounts
export const listAccounts = (filter = {}) => call("list_accounts", { filter });
/** `limit` accounts from `offset` (sorted by name) and the total: `{ total, offset, accounts }`. */
export const listAccountsPage = (filter, offset, limit) => call("list_accounts_page", { filter, offset, limit });
export const createAccount = (name) => call("create_account", { name });
/** Save the first-start example account (named in `language`); resolves to its name. */
export const createExample = (language) => call("create_example", { language });
export const renameAccount = (name, newName) => call("rename_account", { name, newName });
export const duplicateAccount = (name, newName) => call("duplicate_account", { name, newName });
export const deleteAccount = (name) => call("delete_account", { name });
export const undoDelete = () => call("undo_delete");
export const loadAccount = (name) => call("load_account", { name });

// Versions
export const saveConfig = (account, config, note) => call("save_config", { account, config, note });
export const history = (account) => call("history", { account });
export const getVersion = (account, version) => call("get_version", { account, version });
export const diffVersions = (account, from, to) => call("diff_versions", { account, from, to });
export const restoreVersion = (account, version, note) =>
  call("restore_version", { account, version, note });

// Import and export
export function importFile(path, onDuplicate, onProgress) {
  const progress = new tauri.core.Channel();
  progress.onmessage = (event) => onProgress?.(event);
  return call("import_file", { path, onDuplicate, progress });
}
export const exportFile = (path, format, accounts = null) =>
  call("export_file", { path, format, accounts });
export const declaration = (config, language, format) =>
  call("declaration", { config, language, format });
export const mapping = (config, cmp, format) => call("mapping", { config, cmp, format });
export const saveDeclaration = (path, config, language, format) =>
  call("save_declaration", { path, config, language, format });
export const saveMapping = (path, config, cmp, format) =>
  call("save_mapping", { path, config, cmp, format });

// Declaration audit
export const auditReport = (path, config, format, mapping = null, language = "en") =>
  call("audit_report", { path, config, format, mapping, language });
export const saveAudit = (path, config, format, mapping, exportFormat, target, language = "en") =>
  call("save_audit", { path, config, format, mapping, export: exportFormat, target, language });
// Site check: a page (file or pasted text) and an optional HAR, with progress; cancellable.
export function siteCheck(page, har, account, onProgress, language = "en") {
  const progress = new tauri.core.Channel();
  progress.onmessage = (event) => onProgress?.(event);
  return call("site_check", { page, har, account, progress, language });
}
export const cancelSiteCheck = () => call("cancel_site_check");

// Native file dialogs. Under the end-to-end tests (test_hooks) the paths come from a queue
// the test fills, because a WebDriver cannot drive a GTK file chooser.
function queuedPath() {
  if (!testHooks) return undefined;
  const queue = window.cookieAdminTestPaths;
  return Array.isArray(queue) && queue.length > 0 ? queue.shift() : undefined;
}

async function dialog(kind, options) {
  const queued = queuedPath();
  if (queued !== undefined) return queued;
  try {
    return await tauri.dialog[kind](options);
  } catch (error) {
    throw { kind: "dialog", message: String(error?.message ?? error) };
  }
}

/** Ask for a file to open; resolves to a path, or null when cancelled. */
export const pickOpen = (title, filters) => dialog("open", { title, filters, multiple: false, directory: false });
/** Ask where to save; resolves to a path, or null when cancelled. */
export const pickSave = (title, defaultPath, filters) => dialog("save", { title, defaultPath, filters });

// Clipboard (write only)
export async function copyText(text) {
  try {
    await tauri.clipboardManager.writeText(text);
  } catch (error) {
    throw { kind: "clipboard", message: String(error?.message ?? error) };
  }
}

// Events from the shell
export function onCloseRequested(handler) {
  return tauri.event.listen("close-requested", () => handler());
}
