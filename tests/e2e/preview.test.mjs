// The live consent preview (issue 17) in the real window: the account's snippet on the test
// site in the Preview tab's frame, driven through the five consent choices, for a CMP whose
// real code runs (Klaro) and a documented model (Cookiebot); a snippet broken on purpose shows
// a mismatch; the frame cannot reach an app command.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { launchApp } from "./webdriver.mjs";
import { choose, createAccount } from "./helpers.mjs";

const FEATURES = ["trace_route", "scoring_rules", "data_memorization"];

async function openPreview(app, name, cmp) {
  await createAccount(app, name);
  for (const id of FEATURES) {
    if (!(await app.execute("return document.getElementById(arguments[0]).checked", [`feature-${id}`]))) {
      await app.click(`label[for='feature-${id}']`);
    }
  }
  await app.click("#tab-preview");
  await choose(app, "#preview-cmp", cmp);
  await app.waitFor("return document.getElementById('preview-code').textContent.includes(arguments[0])", { args: [cmp === "klaro" ? "klaro" : "Cookiebot"], ms: 30000 });
}

/** Waits until the current step has a final verdict; returns it ("matches", "differs", "pending"). */
async function verdictOf(app, state) {
  return app.waitFor(
    `const box = document.getElementById('preview-verdict');
     const steps = [...document.querySelectorAll('#preview-steps li.preview-step')];
     const last = steps[steps.length - 1];
     if (!last || last.dataset.state !== arguments[0]) return null;
     return ['matches', 'differs', 'pending'].includes(box.dataset.verdict) ? box.dataset.verdict : null;`,
    { args: [state], ms: 30000 },
  );
}

/** The storage log's rows: {op, name, owner}. */
async function log(app) {
  return app.execute("return [...document.querySelectorAll('#preview-log-body tr')].map((r) => ({ op: r.dataset.op, name: r.dataset.name, owner: r.dataset.owner }))");
}

const featureRows = (rows, op) => rows.filter((r) => FEATURES.includes(r.owner) && r.op === op);

async function differences(app) {
  return app.execute("const s = [...document.querySelectorAll('#preview-steps li.preview-step')]; return [...s[s.length - 1].querySelectorAll('.differences li')].map((li) => li.textContent)");
}

async function consentMatrix(app, cmp) {
  await openPreview(app, `Preview ${cmp}`, cmp);
  assert.equal(await verdictOf(app, "no decision"), "matches", "a new visitor: only the core");

  await app.click("#preview-reject");
  assert.equal(await verdictOf(app, "reject all"), "matches", `reject all: ${JSON.stringify(await differences(app))}`);
  assert.deepEqual(featureRows(await log(app), "set"), [], "after reject all, no feature stored anything");
  const features = await app.execute("return [...document.querySelectorAll('#preview-features li')].map((li) => li.dataset.on)");
  assert.deepEqual(features, ["false", "false", "false"], "the widget reports every feature off");

  await app.click("#preview-all");
  assert.equal(await verdictOf(app, "accept all"), "matches", `accept all: ${JSON.stringify(await differences(app))}`);
  const written = new Set(featureRows(await log(app), "set").map((r) => r.owner));
  assert.deepEqual([...written].sort(), [...FEATURES].sort(), "after accept all, every feature's storage appears in the log");
  assert.equal(await app.execute("return [...document.querySelectorAll('#preview-features li')].every((li) => li.dataset.on === 'true')"), true);

  await app.click("#preview-withdraw");
  let verdict = await verdictOf(app, "withdraw");
  if (verdict === "pending") {
    // The CMP announces the withdrawal at the next page load (allowed): reload.
    await app.click("#preview-reload");
    await app.waitFor("return document.getElementById('preview-verdict').dataset.verdict === 'settling'", { ms: 10000 }).catch(() => {});
    verdict = await verdictOf(app, "withdraw");
  }
  assert.equal(verdict, "matches", `withdraw: ${JSON.stringify(await differences(app))}`);
  const removed = new Set(featureRows(await log(app), "remove").map((r) => r.owner));
  assert.ok(removed.size > 0, "the withdrawal shows the features' storage being removed");
}

/** One app per describe: each starts on a fresh home (an account left with unsaved changes
 * would make the next "New account" ask about them first). */
function withApp(env = {}) {
  const holder = {};
  before(async () => {
    holder.app = await launchApp({ env: { COOKIE_ADMIN_E2E: "1", ...env } });
    await holder.app.waitFor("return document.body.dataset.ready === 'true'");
  });
  after(async () => {
    await holder.app?.close();
  });
  return holder;
}

describe("live consent preview: Klaro, its real code", () => {
  const ctx = withApp();
  it("reject shows no feature storage, accept all shows it and matches, withdraw shows it removed", async () => {
    await consentMatrix(ctx.app, "klaro");
    await ctx.app.screenshot("preview-klaro.png");
  });

  it("the preview page cannot call an app command", async () => {
    const { app } = ctx;
    const before = await app.execute("return window.__TAURI__.core.invoke('list_accounts', {}).then((l) => l.length)");
    await app.switchToFrame("#preview-frame");
    const attempts = await app.executeAsync(`
      const done = arguments[arguments.length - 1];
      const out = {};
      const attempt = async (name, fn) => {
        try { out[name] = 'allowed: ' + JSON.stringify(await fn()); } catch (e) { out[name] = 'refused: ' + (e && (e.message || e)); }
      };
      (async () => {
        out.origin = location.origin;
        out.internals = typeof window.__TAURI_INTERNALS__;
        await attempt('invoke', () => {
          if (!window.__TAURI_INTERNALS__) throw new Error('no IPC in this frame');
          return window.__TAURI_INTERNALS__.invoke('create_account', { name: 'From the preview' });
        });
        await attempt('ipc-scheme', () => fetch('ipc://localhost/create_account', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Tauri-Callback': '1', 'Tauri-Error': '2' }, body: JSON.stringify({ name: 'From the preview' }) }).then((r) => r.status));
        await attempt('ipc-http', () => fetch('http://ipc.localhost/create_account', { method: 'POST', body: '{}' }).then((r) => r.status));
        await attempt('parent', () => window.parent.__TAURI__.core.invoke('create_account', { name: 'From the preview' }));
        await attempt('internet', () => fetch('https://example.com/').then((r) => r.status));
        done(out);
      })();
    `);
    await app.switchToParent();
    for (const name of ["invoke", "ipc-scheme", "ipc-http", "parent", "internet"]) {
      assert.match(attempts[name], /^refused/, `${name}: ${attempts[name]} (${JSON.stringify(attempts)})`);
    }
    assert.match(attempts.origin, /^http:\/\/v\d+-[a-z0-9]+\.preview\.test$/, "the frame runs on its own origin");
    const after = await app.execute("return window.__TAURI__.core.invoke('list_accounts', {}).then((l) => l.length)");
    assert.equal(after, before, "no account was created from the frame");
  });
});

describe("live consent preview: Cookiebot, a documented model", () => {
  const ctx = withApp();
  it("reject, accept all and withdraw match the consent matrix", async () => {
    await consentMatrix(ctx.app, "cookiebot");
  });
});

describe("live consent preview: a snippet broken on purpose", () => {
  // The Cookiebot snippet asking for the wrong category (the proof's self-check): accepting
  // Statistics alone must leave the features off, and the preview must say so.
  const ctx = withApp({ COOKIE_ADMIN_E2E_PREVIEW_MUTATE: JSON.stringify({ from: "statistics", to: "preferences" }) });
  it("shows a mismatch with the consent matrix", async () => {
    const { app } = ctx;
    await openPreview(app, "Broken snippet", "cookiebot");
    assert.equal(await verdictOf(app, "no decision"), "matches");
    await app.click("#preview-mapped");
    assert.equal(await verdictOf(app, "accept mapped"), "differs");
    const list = await differences(app);
    assert.ok(list.some((d) => /trace_route is off, expected on/.test(d)), JSON.stringify(list));
  });
});
