// Accounts: the list with search (name or domain) and filters (CMP, enabled feature); create,
// rename, duplicate, delete (with undo); choosing an account opens it in the editor.
//
// The list is virtual: it holds the rows on screen (and a few more), all of the same height,
// between two spacers that give the scroll bar the whole list's height; rows come from the
// store a page at a time (list_accounts_page), as they scroll into view. So 100,000 accounts
// cost what a screenful does.
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
  const list = $("#account-list");
  list.addEventListener("keydown", (event) => {
    // Up and down move between accounts, like a list box (also onto rows not drawn yet).
    const moves = { ArrowDown: 1, ArrowUp: -1, PageDown: pageRows(), PageUp: -pageRows(), Home: -Infinity, End: Infinity };
    if (!(event.key in moves)) return;
    const index = Number(document.activeElement?.closest("li[data-index]")?.dataset.index ?? NaN);
    if (Number.isNaN(index)) return;
    event.preventDefault();
    focusRow(Math.max(0, Math.min(total - 1, index + moves[event.key])));
  });
  list.addEventListener("scroll", () => {
    if (drawPending) return;
    drawPending = true;
    requestAnimationFrame(() => { drawPending = false; draw(); });
  }, { passive: true });
  // A scroll made by a script (scrollTop) does not always fire "scroll" in WebKitGTK under a
  // WebDriver session: a cheap look at the position catches it (draw() does nothing while the
  // rows in view are drawn).
  setInterval(() => { if (total > 0 && list.scrollTop !== drawn.scrollTop) draw(); }, 250);
  new ResizeObserver(() => draw()).observe(list);
}

/** Rows per query page. */
const PAGE_ROWS = 100;
/** Rows drawn above and below the visible ones. */
const OVERSCAN = 10;

let total = 0;
/** Page index -> its rows, or the promise of them while the query runs. */
let pages = new Map();
/** The filter the pages belong to; a new filter starts a new generation. */
let pagesFilter = {};
let generation = 0;
/** The height of one row in pixels, measured from the first one drawn. */
let rowHeight = 0;
let drawPending = false;
/** The first and last index drawn, and the total then: a scroll within them draws nothing. */
let drawn = { first: -1, last: -1, total: -1, key: "" };

const pageRows = () => Math.max(1, Math.floor($("#account-list").clientHeight / (rowHeight || 60)) - 1);

/** How many accounts match the filter. */
export const count = () => total;

/** The first account of the list, if any. */
export const first = () => rowAt(0)?.name ?? null;

function rowAt(index) {
  const page = pages.get(Math.floor(index / PAGE_ROWS));
  return Array.isArray(page) ? page[index % PAGE_ROWS] ?? null : null;
}

/** Query the list again (filter changed, or the data): its first page and the count. */
export async function reload() {
  const gen = ++generation;
  const wanted = filter();
  const page = await api.listAccountsPage(wanted, 0, PAGE_ROWS);
  if (gen !== generation) return;
  // A new filter starts at the top; the same one (after a save, a rename) keeps the place.
  if (JSON.stringify(wanted) !== JSON.stringify(pagesFilter)) $("#account-list").scrollTop = 0;
  pagesFilter = wanted;
  pages = new Map([[0, page.accounts]]);
  total = page.total;
  drawn = { first: -1, last: -1, total: -1, key: "" };
  render();
}

/** Forget the list (e.g. after an error). */
export function clear() {
  generation += 1;
  pages = new Map();
  total = 0;
  render();
}

function loadPage(index) {
  if (pages.has(index)) return;
  const gen = generation;
  pages.set(
    index,
    api.listAccountsPage(pagesFilter, index * PAGE_ROWS, PAGE_ROWS).then(
      (page) => {
        if (gen !== generation) return;
        pages.set(index, page.accounts);
        total = page.total;
        drawn.key = "";
        draw();
      },
      (error) => {
        if (gen === generation) pages.delete(index);
        showError(error);
      },
    ),
  );
}

/** Draw the rows at `index` into view and focus it. */
function focusRow(index) {
  const list = $("#account-list");
  const height = rowHeight || 60;
  const top = index * height;
  if (top < list.scrollTop) list.scrollTop = top;
  else if (top + height > list.scrollTop + list.clientHeight) list.scrollTop = top + height - list.clientHeight;
  pendingFocus = index; // focused once drawn (its page may still be on its way)
  draw();
  focusPending();
}

let pendingFocus = null;

function focusPending() {
  const button = pendingFocus === null ? null : $("#account-list").querySelector(`li[data-index="${pendingFocus}"] button`);
  if (!button) return;
  pendingFocus = null;
  button.focus();
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
  drawn.key = ""; // the rows drawn are in the old language
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
function itemHtml(index, a, cmpName, featureName) {
  const position = `data-index="${index}" aria-posinset="${index + 1}" aria-setsize="${total}"`;
  if (!a) return `<li class="row loading" ${position}><span class="account muted">…</span></li>`;
  const selected = app.current?.name === a.name;
  const meta = [a.domains[0] ?? t("accounts.noDomain"), a.cmp ? cmpName[a.cmp] ?? a.cmp : t("accounts.noCmp")].join(" · ");
  const features = a.features.length === 0
    ? `<span class="pill ok">${escapeHtml(t("accounts.coreOnly"))}</span>`
    : a.features.map((f) => `<span class="pill" title="${escapeHtml(featureName[f] ?? f)}">${escapeHtml(featureName[f] ?? f)}</span>`).join("");
  return `<li class="row" ${position}><button type="button" class="account${selected ? " selected" : ""}"${selected ? ' aria-current="true"' : ""} data-account="${escapeHtml(a.name)}">`
    + `<span class="account-name">${escapeHtml(a.name)}${selected && app.isDirty() ? dirtyDot() : ""}</span>`
    + `<span class="account-meta">${escapeHtml(meta)}</span>`
    + `<span class="account-features">${features}</span></button></li>`;
}

/** The list changed (new query): show the count and draw the rows in view. */
export function render() {
  const list = $("#account-list");
  $("#account-count").textContent = t("accounts.count", { count: total });
  if (total === 0) {
    const filtered = Object.values(filter()).some(Boolean);
    // (a CMP or feature typed in the search box counts as a filter too)
    list.replaceChildren(h("li", { class: "empty muted" }, t(filtered ? "accounts.noMatch" : app.readOnly() ? "accounts.noneInFile" : "accounts.none")));
    drawn = { first: -1, last: -1, total: 0, key: "" };
    return;
  }
  draw();
}

/** Draw the rows in view (plus OVERSCAN either side) between two spacers; ask for the pages
 * they need. Does nothing when the rows in view are already drawn. */
function draw() {
  if (total === 0) return;
  const list = $("#account-list");
  const height = rowHeight || 60;
  const first = Math.max(0, Math.floor(list.scrollTop / height) - OVERSCAN);
  const last = Math.min(total, Math.ceil((list.scrollTop + list.clientHeight) / height) + OVERSCAN);
  const key = `${app.current?.name ?? ""}`;
  if (first === drawn.first && last === drawn.last && total === drawn.total && key === drawn.key) {
    drawn.scrollTop = list.scrollTop;
    return;
  }
  for (let page = Math.floor(first / PAGE_ROWS); page <= Math.floor((last - 1) / PAGE_ROWS); page++) loadPage(page);
  const cmpName = Object.fromEntries(app.lists.cmps.map((c) => [c.id, c.name]));
  const featureName = Object.fromEntries(app.info.features.map((f) => [f.id, loc(f.name)]));
  const focused = document.activeElement?.closest("#account-list li[data-index]")?.dataset.index;
  const rows = [];
  for (let i = first; i < last; i++) rows.push(itemHtml(i, rowAt(i), cmpName, featureName));
  list.innerHTML = '<li class="spacer" aria-hidden="true"></li>' + rows.join("") + '<li class="spacer" aria-hidden="true"></li>';
  // Through the CSSOM: the content security policy refuses style attributes in markup.
  list.firstElementChild.style.height = `${first * height}px`;
  list.lastElementChild.style.height = `${(total - last) * height}px`;
  drawn = { first, last, total, key, scrollTop: list.scrollTop };
  if (focused !== undefined) list.querySelector(`li[data-index="${focused}"] button`)?.focus();
  focusPending();
  if (!rowHeight) {
    // Every row has the same height (one line each for name, details and features): measure it
    // once and draw again with it.
    const row = list.querySelector("li.row");
    if (row && row.offsetHeight > 0) {
      rowHeight = row.offsetHeight;
      drawn.key = "";
      draw();
    }
  }
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
