// Accounts: the list with search (name or domain) and filters (CMP, enabled feature); create,
// rename, duplicate, delete (with undo); choosing an account opens it in the editor.
import * as api from "../api.js";
import { $, h, promptText, ask, showError, toast, announce } from "../dom.js";
import { loc, t } from "../i18n.js";

let app;
let searchTimer = null;

export function init(context) {
  app = context;
  $("#filter-cmp").append(...app.lists.cmps.map((c) => h("option", { value: c.id }, c.name)));
  featureOptions();
  $("#account-search").addEventListener("input", () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => app.reloadAccounts(), 150);
  });
  $("#filter-cmp").addEventListener("change", () => app.reloadAccounts());
  $("#filter-feature").addEventListener("change", () => app.reloadAccounts());
  $("#new-account").addEventListener("click", create);
  $("#rename-account").addEventListener("click", rename);
  $("#duplicate-account").addEventListener("click", duplicate);
  $("#delete-account").addEventListener("click", remove);
  $("#account-list").addEventListener("click", (event) => {
    const button = event.target.closest("button[data-account]");
    if (button) app.openAccount(button.dataset.account);
  });
  $("#account-list").addEventListener("keydown", (event) => {
    // Up and down move between accounts, like a list box.
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const buttons = [...document.querySelectorAll("#account-list button.account")];
    const index = buttons.indexOf(document.activeElement);
    if (index < 0) return;
    event.preventDefault();
    buttons[Math.max(0, Math.min(buttons.length - 1, index + (event.key === "ArrowDown" ? 1 : -1)))].focus();
  });
}

/** The feature filter's options, in the window's language (the choice is kept). */
function featureOptions() {
  const select = $("#filter-feature");
  const chosen = select.value;
  select.replaceChildren(
    h("option", { value: "" }, t("accounts.anyFeature")),
    ...app.info.features.map((f) => h("option", { value: f.id }, loc(f.name))),
  );
  select.value = chosen;
}

/** The language changed: the list and the filter say it in the new one. */
export function retranslate() {
  featureOptions();
  render();
}

/**
 * The list's filter. The search box takes a name or a domain, and also a CMP or a feature by
 * its name or id ("OneTrust", "trace route"), which then filters by that instead.
 */
export function filter() {
  const text = $("#account-search").value.trim();
  const key = text.toLowerCase().replace(/[\s_-]+/g, " ");
  const cmp = app.lists.cmps.find((c) => c.name.toLowerCase() === key || c.id === key);
  const feature = app.info.features.find(
    (f) => Object.values(f.name).some((name) => name.toLowerCase() === key) || f.id.replace(/_/g, " ") === key,
  );
  return {
    search: cmp || feature ? null : text || null,
    cmp: $("#filter-cmp").value || cmp?.id || null,
    feature: $("#filter-feature").value || feature?.id || null,
  };
}

const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

const dirtyDot = () => `<span class="dirty-dot" title="${escapeHtml(t("editor.unsaved"))}"> •</span>`;

/** The list item of one account, as HTML (every piece of user data escaped). */
function itemHtml(a, cmpName, featureName) {
  const selected = app.current?.name === a.name;
  const meta = [a.domains[0] ?? t("accounts.noDomain"), a.cmp ? cmpName[a.cmp] ?? a.cmp : t("accounts.noCmp")].join(" · ");
  const features = a.features.length === 0
    ? `<span class="pill ok">${escapeHtml(t("accounts.coreOnly"))}</span>`
    : a.features.map((f) => `<span class="pill" title="${escapeHtml(featureName[f] ?? f)}">${escapeHtml(featureName[f] ?? f)}</span>`).join("");
  return `<li><button type="button" class="account${selected ? " selected" : ""}"${selected ? ' aria-current="true"' : ""} data-account="${escapeHtml(a.name)}">`
    + `<span class="account-name">${escapeHtml(a.name)}${selected && app.isDirty() ? dirtyDot() : ""}</span>`
    + `<span class="account-meta">${escapeHtml(meta)}</span>`
    + `<span class="account-features">${features}</span></button></li>`;
}

/** Rebuild the list from app.accounts (in one pass: one HTML string, one click handler on the list). */
export function render() {
  const list = $("#account-list");
  $("#account-count").textContent = t("accounts.count", { count: app.accounts.length });
  if (app.accounts.length === 0) {
    const filtered = Object.values(filter()).some(Boolean);
    // (a CMP or feature typed in the search box counts as a filter too)
    list.replaceChildren(h("li", { class: "empty muted" }, t(filtered ? "accounts.noMatch" : app.readOnly() ? "accounts.noneInFile" : "accounts.none")));
    return;
  }
  const cmpName = Object.fromEntries(app.lists.cmps.map((c) => [c.id, c.name]));
  const featureName = Object.fromEntries(app.info.features.map((f) => [f.id, loc(f.name)]));
  list.innerHTML = app.accounts.map((a) => itemHtml(a, cmpName, featureName)).join("");
}

const buttonOf = (name) => $(`#account-list button[data-account="${CSS.escape(name)}"]`);

/** Mark the open account as selected in the list (without rebuilding it). */
export function select(name) {
  for (const button of document.querySelectorAll("#account-list button.account.selected")) {
    if (button.dataset.account === name) continue;
    button.classList.remove("selected");
    button.removeAttribute("aria-current");
    button.querySelector(".dirty-dot")?.remove();
  }
  const button = name == null ? null : buttonOf(name);
  if (button) {
    button.classList.add("selected");
    button.setAttribute("aria-current", "true");
  }
}

/** Show or hide the unsaved-changes dot of the open account only. */
export function markDirty(name, dirty) {
  const item = name == null ? null : buttonOf(name)?.querySelector(".account-name");
  for (const dot of document.querySelectorAll("#account-list .dirty-dot")) {
    if (!dirty || dot.parentElement !== item) dot.remove();
  }
  if (item && dirty && !item.querySelector(".dirty-dot")) {
    item.append(h("span", { class: "dirty-dot", title: t("editor.unsaved") }, " •"));
  }
}

async function create() {
  if (app.readOnly()) return;
  if (!(await app.confirmLeave())) return;
  const name = await promptText({ title: t("accounts.new"), label: t("accounts.name"), okLabel: t("accounts.create"), hint: t("accounts.newHint") });
  if (name === null || !name.trim()) return;
  try {
    await api.createAccount(name.trim());
    announce(t("accounts.created", { name: name.trim() }));
    await app.reloadAccounts();
    await app.openAccount(name.trim(), { force: true });
  } catch (error) {
    showError(error);
  }
}

async function rename() {
  if (!app.current || app.readOnly()) return;
  if (!(await app.confirmLeave())) return;
  const name = await promptText({ title: t("accounts.renameTitle"), label: t("accounts.newName"), value: app.current.name, okLabel: t("accounts.rename") });
  if (name === null || !name.trim() || name.trim() === app.current.name) return;
  try {
    await api.renameAccount(app.current.name, name.trim());
    toast(t("accounts.renamed", { name: name.trim() }));
    await app.reloadAccounts();
    await app.openAccount(name.trim(), { force: true });
  } catch (error) {
    showError(error);
  }
}

async function duplicate() {
  if (!app.current || app.readOnly()) return;
  if (!(await app.confirmLeave())) return;
  const name = await promptText({
    title: t("accounts.duplicateTitle"),
    label: t("accounts.copyLabel"),
    value: t("accounts.copyName", { name: app.current.name }),
    okLabel: t("accounts.duplicate"),
  });
  if (name === null || !name.trim()) return;
  try {
    await api.duplicateAccount(app.current.name, name.trim());
    toast(t("accounts.duplicated", { name: name.trim() }));
    await app.reloadAccounts();
    await app.openAccount(name.trim(), { force: true });
  } catch (error) {
    showError(error);
  }
}

async function remove() {
  if (!app.current || app.readOnly()) return;
  const name = app.current.name;
  const choice = await ask({
    title: t("accounts.deleteTitle", { name }),
    body: t("accounts.deleteBody"),
    buttons: [{ label: t("dialog.cancel"), value: "cancel", primary: true }, { label: t("accounts.delete"), value: "delete", danger: true }],
  });
  if (choice !== "delete") return;
  try {
    await api.deleteAccount(name);
    app.closeEditor();
    app.db = await api.databaseInfo();
    await app.reloadAccounts();
    toast(t("accounts.deleted", { name }), { label: t("accounts.undo"), run: undo });
    announce(t("accounts.deletedUndo", { name }));
  } catch (error) {
    showError(error);
  }
}

export async function undo() {
  if (app.readOnly() || !(await app.confirmLeave())) return;
  try {
    const name = await api.undoDelete();
    app.db = await api.databaseInfo();
    toast(t("accounts.restored", { name }));
    await app.reloadAccounts();
    await app.openAccount(name, { force: true });
  } catch (error) {
    showError(error);
  }
}
