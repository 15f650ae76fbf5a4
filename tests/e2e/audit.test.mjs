// The declaration audit in the real window (WebKitWebDriver under Xvfb): a customer's CMP
// report (the report files of crates/diagnose/tests/fixtures/audit) against the open account,
// the problems shown per catalog item, the result saved as CSV and Markdown, a CSV whose
// columns are not recognised mapped once and remembered, the same in review mode, from the
// keyboard, and axe-core finding no serious issue in the dialog in either theme.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { freshHome, launchApp, repoRoot } from "./webdriver.mjs";
import { choose, createAccount, queuePaths } from "./helpers.mjs";

const APP_ID = "io.callpage.cookie-admin";
const AXE = readFileSync(join(import.meta.dirname, "node_modules", "axe-core", "axe.min.js"), "utf8");
const FIXTURES = join(repoRoot, "crates", "diagnose", "tests", "fixtures", "audit");
const fixture = (name) => join(FIXTURES, name);

let app;
const home = freshHome();
const files = join(home, "files");

before(async () => {
  execFileSync("mkdir", ["-p", files]);
  app = await launchApp({ home, env: { COOKIE_ADMIN_E2E: "1" } });
  await app.waitFor("return document.body.dataset.ready === 'true'");
  await createAccount(app, "ACME Ltd");
  await app.click("#tab-features");
  for (const feature of ["trace_route", "scoring_rules"]) {
    await app.click(`label[for='feature-${feature}']`);
  }
  await app.waitFor("return document.getElementById('cookie-count').textContent === '4'");
});

after(async () => {
  await app?.close();
});

/** Open the audit dialog and audit `path` (the native file dialog returns it). */
async function auditFile(path) {
  if (!(await app.execute("return document.getElementById('audit-dialog').open"))) {
    await app.click("#audit-open");
    await app.waitFor("return document.getElementById('audit-dialog').open");
  }
  await app.execute("document.getElementById('audit-result').replaceChildren()");
  await queuePaths(app, path);
  await app.click("#audit-choose");
  await app.waitFor(
    "return document.getElementById('audit-table') !== null || !document.getElementById('audit-mapping').hidden || document.querySelector('#audit-result .notice.error') !== null",
  );
}

const rowText = (item) =>
  app.execute("const r = document.querySelector(`#audit-table tr[data-item='${arguments[0]}']`); return r ? r.dataset.status + ' | ' + r.textContent : null;", [item]);

async function axe(context) {
  await app.execute(`if (!window.axe) { ${AXE} }`);
  const result = await app.executeAsync(
    "const done = arguments[arguments.length - 1]; axe.run(document.getElementById('audit-dialog'), { resultTypes: ['violations'] }).then((r) => done(r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }))), (e) => done([{ id: 'axe-error', impact: 'critical', help: String(e) }]));",
  );
  const serious = result.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(serious, [], `${context}: ${JSON.stringify(serious, null, 1)}`);
}

test("a Cookiebot script is audited: each problem is shown on its catalog item", async () => {
  await auditFile(fixture("cookiebot-problems-cc.js"));
  assert.match(await app.text("#audit-summary"), /Cookiebot dialog script \(cc\.js\): 8 entries read/);
  assert.match(await app.text("#audit-summary"), /2 errors, 5 warnings, 2 notes/);
  const missing = await rowText("callpage_trace_route");
  assert.match(missing, /^missing \|/);
  assert.match(missing, /audit\.item_missing/);
  assert.match(missing, /Add “callpage_trace_route” to the CMP's cookie list in the Analytics category/);
  const trace = await rowText("cp_tr_");
  assert.match(trace, /audit\.optional_declared_necessary/);
  assert.match(trace, /line 3, column 3/, "where in the report");
  const visitor = await rowText("cp_visitor_id");
  assert.match(visitor, /✗ Marketing/);
  assert.match(visitor, /✗ 2 years/);
  assert.match(visitor, /recommends Analytics/);
  assert.match(await rowText("callpage_form_data"), /^stale \|.*off/);
  assert.match(await app.text("#audit-report-findings"), /cp_chat_session.*catalog/s);
});

test("the result is saved for the customer as CSV and as Markdown", async () => {
  const csvPath = join(files, "acme-audit.csv");
  await queuePaths(app, csvPath);
  await app.click("#audit-save-csv");
  await app.waitFor("return document.getElementById('audit-status').textContent.startsWith('Saved to')");
  const csv = readFileSync(csvPath, "utf8");
  const lines = csv.trim().split("\n");
  assert.match(lines[0], /^Status,Feature,Item,Storage,Expected category/);
  assert.ok(lines.some((l) => l.startsWith("missing,Trace Route,callpage_trace_route,")), csv);
  assert.match(csv, /audit\.optional_declared_necessary/);

  const mdPath = join(files, "acme-audit.md");
  await queuePaths(app, mdPath);
  await app.click("#audit-save-md");
  await app.waitFor("return document.getElementById('audit-status').textContent.includes('acme-audit.md')");
  const md = readFileSync(mdPath, "utf8");
  assert.match(md, /^# CallPage widget: cookie declaration audit for ACME Ltd/);
  assert.match(md, /\| callpage_trace_route \| Trace Route \| missing \|/);
  assert.match(md, /## What to fix/);
});

test("the dialog has no serious accessibility issue, in the light and the dark theme", async () => {
  await axe("light");
  await choose(app, "#theme", "dark");
  await app.waitFor("return document.documentElement.dataset.theme === 'dark'");
  await axe("dark");
  await choose(app, "#theme", "light");
  await app.waitFor("return document.documentElement.dataset.theme === 'light'");
});

test("an unknown CSV asks which column holds what, once per kind of file", async () => {
  await auditFile(fixture("mapped-tab.tsv"));
  assert.equal(await app.execute("return document.getElementById('audit-mapping').hidden"), false);
  assert.match(await app.text("#audit-headers"), /Cookie, Group, Expires, Host/);
  // The suggestion is pre-selected; the user changes nothing but the domain.
  assert.equal(await app.execute("return document.getElementById('audit-map-name').value"), "Cookie");
  assert.equal(await app.execute("return document.getElementById('audit-map-category').value"), "Group");
  await choose(app, "#audit-map-domain", "");
  await app.click("#audit-map-apply");
  await app.waitFor("return document.getElementById('audit-table') !== null");
  assert.match(await app.text("#audit-summary"), /CSV read through a column mapping/);
  assert.match(await rowText("cp_visitor_id"), /audit\.category_mismatch/);
  const settings = JSON.parse(readFileSync(join(home, "data", APP_ID, "settings.json"), "utf8"));
  assert.deepEqual(settings.audit_mappings["cookie|group|expires|host"], {
    name: "Cookie",
    category: "Group",
    lifetime: "Expires",
  });

  // The same columns again: no question, the remembered choice is used.
  await auditFile(fixture("mapped-tab.tsv"));
  assert.equal(await app.execute("return document.getElementById('audit-mapping').hidden"), true);
  assert.match(await app.text("#audit-status"), /columns chosen before/);
  assert.equal(await app.execute("return document.getElementById('audit-change-map').hidden"), false);
});

test("a file that is no report says why, inside the dialog", async () => {
  // The Apache licence is text but no CSV with a cookie column: it asks for columns; a binary
  // file is refused outright.
  await auditFile(fixture("open-cookie-database/LICENSE"));
  assert.equal(await app.execute("return document.getElementById('audit-mapping').hidden"), false);
  const png = join(files, "screenshot.png");
  execFileSync("cp", [join(repoRoot, "icons", "32x32.png"), png]);
  await auditFile(png);
  // The sentence in words, the technical message behind "Details".
  assert.match(await app.text("#audit-result"), /could not be read.*not in a format/s);
  await app.click("#audit-result details summary");
  assert.match(await app.text("#audit-result .error-text"), /binary/);
  await app.click("#audit-close");
  await app.waitFor("return !document.getElementById('audit-dialog').open");
});

test("from the keyboard: open, choose, read the summary, close with Escape", async () => {
  await app.execute("document.getElementById('audit-open').focus()");
  await app.keys("\uE007");
  await app.waitFor("return document.getElementById('audit-dialog').open");
  assert.equal(await app.execute("return document.activeElement.id"), "audit-choose");
  await queuePaths(app, fixture("onetrust-clean.json"));
  await app.keys("\uE007");
  await app.waitFor("return document.activeElement && document.activeElement.id === 'audit-summary'");
  assert.match(await app.text("#audit-summary"), /No problems found/);
  await app.keys("\uE00C");
  await app.waitFor("return !document.getElementById('audit-dialog').open");
});

test("in review mode a customer's account is audited the same way", async () => {
  // Save, export the database as a bundle, and open that bundle for review.
  await app.type("#account-search", "\uE009s\uE000");
  await app.waitFor("return document.querySelector('dialog[open] input') !== null");
  await app.click("dialog[open] button[value='ok']");
  await app.waitFor("return document.getElementById('dirty').hidden === true");
  const bundle = join(files, "customer.json");
  await queuePaths(app, bundle);
  await app.click("#open-export");
  await choose(app, "#export-format", "json");
  await app.click("#export-run");
  await app.waitFor("return document.getElementById('export-result').textContent.includes('Exported')");
  await app.click("#export-close");
  assert.ok(existsSync(bundle));
  await queuePaths(app, bundle);
  await app.click("#open-review");
  await app.waitFor("return document.body.classList.contains('read-only') && document.getElementById('account-name').textContent === 'ACME Ltd'");
  assert.equal(await app.execute("return getComputedStyle(document.getElementById('audit-open')).display !== 'none' && !document.getElementById('audit-open').disabled"), true);
  await auditFile(fixture("cookiebot-clean-declaration.html"));
  assert.match(await app.text("#audit-summary"), /Cookiebot cookie declaration \(saved HTML\)/);
  assert.match(await app.text("#audit-summary"), /No problems found/);
  await app.click("#audit-close");
  await app.click("#close-review");
  await app.waitFor("return !document.body.classList.contains('read-only')");
});
