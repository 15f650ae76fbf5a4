// The live consent preview (issue 17): the account's current snippet (unsaved edits included)
// on a test site in a sandboxed frame, with its CMP (real code or documented model), driven by
// the visitor's five consent choices; beside it, what the widget reports, every storage write
// and removal in time order, and a verdict per step against the consent matrix.
//
// The frame runs on its own origin (http://v<visitor>-<run>.preview.test, served by the
// preview host the window uses as its proxy): it can reach no app command (no capability
// names it, its CSP allows no connection but its own site, and its origin is not the
// window's) and nothing outside the machine. It talks to this view by postMessage only, and
// everything it says is shown as text.
import * as api from "../api.js";
import { $, h, showError } from "../dom.js";
import { loc, t } from "../i18n.js";

let app;

/** The five consent states, in the consent matrix's order; "no decision" is a new visitor. */
const STEPS = ["no decision", "reject all", "accept mapped", "withdraw", "accept all"];
const BUTTONS = { "reject all": "#preview-reject", "accept mapped": "#preview-mapped", withdraw: "#preview-withdraw", "accept all": "#preview-all" };
const LOG_LIMIT = 400;

const state = {
  visitor: 1,
  account: null, // the account the visitor belongs to: another account is another site
  origin: null, // the frame's origin for the current scene
  sceneKey: null, // what the frame shows (config, CMP, mode) as JSON
  steps: [{ state: "no decision", at: Date.now(), verdict: null }], // {state, at, verdict}
  log: [],
  startedAt: Date.now(),
  snapshot: null,
  target: null,
  seq: 0,
};

export function init(context) {
  app = context;
  const picker = $("#preview-cmp");
  picker.append(...app.lists.cmps.map((c) => h("option", { value: c.id }, c.name)));
  picker.addEventListener("change", () => load());
  $("#preview-mode").addEventListener("change", () => load());
  for (const [step, css] of Object.entries(BUTTONS)) $(css).addEventListener("click", () => choose(step));
  $("#preview-reload").addEventListener("click", () => send({ cmd: "reload" }));
  $("#preview-restart").addEventListener("click", () => newVisitor());
  window.addEventListener("message", onMessage);
}

export function retranslate() {
  renderAll();
}

/** The configuration changed: show it if the tab is visible, else when it is shown. */
export function update() {
  if (!$("#panel-preview").hidden) load();
}

export function show() {
  load();
}

function frame() {
  return $("#preview-frame");
}

/** Shows the current configuration's snippet; a new scene keeps the visitor (their stored
 * consent stays, as on a real site after a change), another account starts a new visitor. */
async function load({ force = false } = {}) {
  if (!app.current) return;
  const picker = $("#preview-cmp");
  if (state.account !== app.current.name) {
    state.account = app.current.name;
    picker.value = app.current.config.cmp ?? picker.value ?? "";
    if (!picker.value) picker.value = app.lists.cmps[0]?.id ?? "";
    resetVisitor();
  }
  const cmp = picker.value;
  const mode = $("#preview-mode").value || null;
  const key = JSON.stringify([app.current.config, cmp, mode, state.visitor]);
  if (key === state.sceneKey && !force) return;
  state.sceneKey = key;
  const seq = ++state.seq;
  try {
    const shown = await api.consentPreview(app.current.config, cmp, mode, state.visitor);
    if (seq !== state.seq) return;
    state.origin = shown.origin;
    state.target = null;
    // Another snippet or CMP: the step's verdict is the new page's to give.
    current().verdict = null;
    state.snapshot = null;
    renderTarget();
    renderSteps();
    renderSnapshot();
    frame().src = shown.url;
  } catch (error) {
    if (seq !== state.seq) return;
    state.sceneKey = null;
    showError(error);
  }
}

function resetVisitor() {
  state.steps = [{ state: "no decision", at: Date.now(), verdict: null }];
  state.log = [];
  state.snapshot = null;
  state.startedAt = Date.now();
  renderAll();
}

function newVisitor() {
  state.visitor += 1;
  resetVisitor();
  load({ force: true });
}

function current() {
  return state.steps[state.steps.length - 1];
}

function choose(step) {
  state.steps.push({ state: step, at: Date.now(), verdict: null });
  renderSteps();
  send({ cmd: "choose", state: step, since: current().at });
}

function send(message) {
  const win = frame().contentWindow;
  if (win && state.origin) win.postMessage({ source: "callpage-admin", ...message }, state.origin);
}

/** Messages from the frame: only from the frame's window and origin, only known shapes. */
function onMessage(event) {
  if (event.source !== frame().contentWindow || event.origin !== state.origin) return;
  const data = event.data;
  if (!data || typeof data !== "object" || data.source !== "callpage-preview") return;
  if (data.type === "hello") {
    // A page (re)loaded: it continues the current step.
    send({ cmd: "step", state: current().state, since: current().at });
  } else if (data.type === "target") {
    state.target = data.target && typeof data.target === "object" ? data.target : null;
    renderTarget();
  } else if (data.type === "record" && data.event && typeof data.event === "object") {
    state.log.push(data.event);
    if (state.log.length > LOG_LIMIT) state.log.splice(0, state.log.length - LOG_LIMIT);
    queueRow(data.event);
  } else if (data.type === "snapshot") {
    state.snapshot = data;
    if (data.verdict && data.state === current().state) current().verdict = data.verdict;
    renderSnapshot();
    renderSteps();
  } else if (data.type === "error") {
    $("#preview-verdict").textContent = t("preview.buildError", { message: String(data.message) });
  }
}

const KIND = { real: () => t("preview.kindReal"), model: () => t("preview.kindModel"), page: () => t("preview.kindPage") };
const WHERE = { http_cookie: () => t("preview.cookie"), local_storage: () => t("preview.localStorage"), session_storage: () => t("preview.sessionStorage") };
const stateName = (step) => t(`preview.state.${step.replace(/ /g, "_")}`);
const text = (v) => (v === undefined || v === null ? "" : String(v));

function renderAll() {
  renderTarget();
  renderSteps();
  renderSnapshot();
  $("#preview-log-body").replaceChildren();
  for (const event of state.log) appendLogRow(event);
}

function renderTarget() {
  const target = state.target;
  const code = $("#preview-code");
  if (!target) {
    code.textContent = t("preview.loading");
    return;
  }
  const kind = (KIND[target.kind] ?? KIND.model)();
  const blockingOn = target.mode === "on";
  code.replaceChildren(h("strong", {}, kind), " ", text(target.code), target.mode ? ` · ${t("preview.blocking")}: ${t(blockingOn ? "preview.on" : "preview.off")}` : "");
  const modes = Array.isArray(target.modes) ? target.modes : [];
  for (const option of $("#preview-mode").options) option.disabled = option.value !== "" && !modes.includes(option.value);
  $("#preview-mapped").textContent = t("preview.acceptMapped", { ids: Array.isArray(target.mappedIds) ? target.mappedIds.join(", ") : "" });
}

function verdictText(verdict) {
  if (!verdict) return t("preview.settling");
  if (verdict.matches) return t("preview.matches");
  if (verdict.pendingReload) return t("preview.pendingReload");
  return t("preview.differs", { count: verdict.differences?.length ?? 0 });
}

function renderSteps() {
  const list = $("#preview-steps");
  list.replaceChildren(...state.steps.map((step) => {
    const verdict = step.verdict;
    const cls = !verdict ? "pending" : verdict.matches ? "ok" : verdict.pendingReload ? "warning" : "error";
    return h("li", { class: `preview-step ${cls}`, "data-state": step.state, "data-verdict": verdict ? (verdict.matches ? "matches" : verdict.pendingReload ? "pending" : "differs") : "settling" },
      h("span", { class: "step-name" }, stateName(step.state)), " — ",
      h("span", { class: "step-verdict" }, verdictText(verdict)),
      verdict && !verdict.matches && Array.isArray(verdict.differences)
        ? h("ul", { class: "differences" }, ...verdict.differences.map((d) => h("li", {}, text(d))))
        : "");
  }));
  const verdict = current().verdict;
  const box = $("#preview-verdict");
  box.textContent = `${stateName(current().state)}: ${verdictText(verdict)}`;
  box.dataset.verdict = !verdict ? "settling" : verdict.matches ? "matches" : verdict.pendingReload ? "pending" : "differs";
  for (const step of STEPS) {
    const css = BUTTONS[step];
    if (css) $(css).setAttribute("aria-pressed", String(current().state === step));
  }
}

function renderSnapshot() {
  const snap = state.snapshot;
  const features = $("#preview-features");
  const consent = $("#preview-consent");
  if (!snap) {
    features.replaceChildren(h("li", {}, t("preview.loading")));
    consent.textContent = "";
    return;
  }
  const names = Object.fromEntries(app.info.features.map((f) => [f.id, loc(f.name) || f.id]));
  features.replaceChildren(...app.info.features.map((f) => {
    const on = Boolean(snap.features && snap.features[f.id]);
    return h("li", { "data-feature": f.id, "data-on": String(on) }, h("span", { class: `pill ${on ? "ok" : ""}` }, on ? t("preview.on") : t("preview.off")), " ", names[f.id] ?? f.id);
  }));
  const bridge = snap.bridge && typeof snap.bridge === "object" ? snap.bridge : null;
  consent.textContent = bridge
    ? Object.entries(bridge).map(([id, granted]) => `${names[id] ?? id}: ${granted ? t("preview.granted") : t("preview.notGranted")}`).join(" · ")
    : t("preview.noAnswer");
}

// Rows arrive in bursts (a consent click writes several items at once): they are added together
// in the next animation frame, with one scroll, so the log is painted in the frame after the
// page's writes instead of after one layout per row.
let pendingRows = [];
function queueRow(event) {
  pendingRows.push(event);
  if (pendingRows.length > 1) return;
  requestAnimationFrame(() => {
    const rows = pendingRows;
    pendingRows = [];
    for (const e of rows) appendLogRow(e, { scroll: false });
    const wrap = $("#preview-log-wrap");
    wrap.scrollTop = wrap.scrollHeight;
  });
}

function appendLogRow(event, { scroll = true } = {}) {
  const body = $("#preview-log-body");
  const seconds = ((Number(event.at) - state.startedAt) / 1000).toFixed(2);
  const where = WHERE[event.type];
  const owner = event.owner === "core" ? t("preview.ownerCore") : event.owner === "cmp" ? t("preview.ownerCmp") : event.owner ? event.owner : t("preview.ownerUnknown");
  const row = h("tr", { class: event.allowed === false ? "bad" : "", "data-op": text(event.op), "data-name": text(event.name), "data-owner": text(event.owner) },
    h("td", {}, seconds),
    h("td", {}, event.kind === "grant" ? t("preview.released") : event.op === "remove" ? t("preview.removed") : t("preview.written")),
    h("td", {}, where ? where() : text(event.type)),
    h("td", { class: "mono" }, text(event.name ?? event.category)),
    h("td", {}, event.op === "remove" || event.kind === "grant" ? "" : text(event.size)),
    h("td", {}, owner),
    h("td", {}, text(event.path)));
  body.append(row);
  while (body.childElementCount > LOG_LIMIT) body.firstElementChild.remove();
  if (scroll) {
    const wrap = $("#preview-log-wrap");
    wrap.scrollTop = wrap.scrollHeight;
  }
}
