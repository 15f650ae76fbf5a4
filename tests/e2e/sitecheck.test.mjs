// The site check in the real window (WebKitWebDriver under Xvfb): open a saved page with the
// native-dialog hook, see a finding with its line and excerpt, copy the report to the system
// clipboard (read back with xclip); paste page source; add a HAR recording; in the dark theme
// axe-core finds no serious or critical issue in the dialog; a screenshot goes to target/e2e/.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { freshHome, launchApp } from "./webdriver.mjs";
import { choose, createAccount, queuePaths } from "./helpers.mjs";

const AXE = readFileSync(join(import.meta.dirname, "node_modules", "axe-core", "axe.min.js"), "utf8");

let app;
const home = freshHome();
const files = join(home, "files");

// A page as a browser saves it: Cookiebot in automatic blocking mode and the official CallPage
// embed code without the exemption Cookiebot needs (line 7).
const PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>ACME Shop</title>
<script id="Cookiebot" src="https://consent.cookiebot.com/uc.js" data-cbid="00000000-0000-0000-0000-000000000000" data-blockingmode="auto" type="text/javascript"></script>
<script type="text/javascript">
var loadWidget = function (window, document) {
  var __cp = {"id":"AcmeWidget0123456789","version":"1.1"};
  var cp = document.createElement('script');
  cp.async = true;
  cp.src = "++cdn-widget.callpage.io+build+js+callpage.js".replace(/[+]/g, '/') + '?v=1';
  var s = document.getElementsByTagName('script')[0];
  s.parentNode.insertBefore(cp, s);
  window.callpage = function () {};
  window.callpage.__cp = __cp;
  window.callpage('api.button.autoshow');
};
loadWidget(window, document);
</script>
</head>
<body><p>Call us back</p></body>
</html>
`;

const HAR = JSON.stringify({
  log: {
    version: "1.2",
    creator: { name: "WebInspector", version: "537.36" },
    entries: [
      { startedDateTime: "2026-03-01T10:00:00.000Z", request: { method: "GET", url: "https://acme.example/", headers: [], cookies: [] }, response: { status: 200, content: { text: "<html></html>" } } },
      { startedDateTime: "2026-03-01T10:00:01.000Z", request: { method: "GET", url: "https://consent.cookiebot.com/uc.js", headers: [], cookies: [] }, response: { status: 200 } },
      { startedDateTime: "2026-03-01T10:00:02.000Z", request: { method: "GET", url: "https://cdn-widget.callpage.io/build/js/callpage.js?v=1", headers: [], cookies: [] }, response: { status: 0, _error: "net::ERR_BLOCKED_BY_CLIENT" } },
    ],
  },
});

const clipboard = () => execFileSync("xclip", ["-o", "-selection", "clipboard"], { encoding: "utf8", timeout: 5000 });
const rules = () => app.execute("return [...document.querySelectorAll('#sitecheck-result li[data-rule]')].map(li => li.dataset.rule)");

before(async () => {
  mkdirSync(files, { recursive: true });
  writeFileSync(join(files, "shop.html"), PAGE);
  writeFileSync(join(files, "shop.har"), HAR);
  app = await launchApp({ home, env: { COOKIE_ADMIN_E2E: "1" } });
  await app.waitFor("return document.body.dataset.ready === 'true'");
  await createAccount(app, "ACME Ltd");
});

after(async () => {
  await app?.close();
});

test("open a saved page, see the finding with its line and excerpt, copy the report", async () => {
  await app.click("#open-sitecheck");
  await app.waitFor("return document.getElementById('sitecheck-dialog').open");
  assert.match(await app.text("#sitecheck-against"), /Checked against ACME Ltd \(version 1\)/);
  assert.equal(await app.execute("return document.activeElement.id"), "sitecheck-open-page");
  await queuePaths(app, join(files, "shop.html"));
  await app.click("#sitecheck-open-page");
  await app.waitFor("return document.getElementById('sitecheck-page-path').textContent.endsWith('shop.html')");
  await app.click("#sitecheck-run");
  await app.waitFor("return document.querySelector(\"#sitecheck-result li[data-rule='site.autoblock_no_exemption']\") !== null");
  const finding = "#sitecheck-result li[data-rule='site.autoblock_no_exemption']";
  assert.match(await app.text(`${finding} .where`), /Line 7, column 1/);
  assert.match(await app.text(`${finding} .excerpt`), /<script type="text\/javascript">/);
  assert.match(await app.text(`${finding} .fix`), /data-cookieconsent="ignore"/);
  // The embed is another widget's than the open account's, which the check says too.
  assert.match(await app.text("#sitecheck-counts"), /^2 errors, 0 warnings, 0 notes/);
  assert.match(await app.text("#sitecheck-result li[data-rule='site.snippet_other_account'] .message"), /not for ACME Ltd/);
  // Grouped by severity: the errors heading comes first.
  assert.match(await app.text("#sitecheck-result section h3"), /^Errors \(2\)/);

  await app.click("#sitecheck-copy");
  await app.waitFor("return document.getElementById('toasts').textContent.includes('copied')");
  const report = clipboard();
  assert.match(report, /^# CallPage site check: shop\.html\n/);
  assert.match(report, /## Errors/);
  assert.match(report, /`site\.autoblock_no_exemption`/);
  assert.match(report, /line 7, column 1/);
});

test("pasted source is checked too", async () => {
  await app.execute(
    "const t = document.getElementById('sitecheck-source'); t.value = arguments[0]; t.dispatchEvent(new Event('input', { bubbles: true }));",
    ["<!doctype html><html><head><title>x</title></head><body><p>No widget here</p></body></html>"],
  );
  // Typing source replaces the chosen file.
  assert.equal(await app.text("#sitecheck-page-path"), "No file chosen");
  await app.click("#sitecheck-run");
  await app.waitFor("return document.querySelector(\"#sitecheck-result li[data-rule='site.embed_missing']\") !== null");
  assert.match(await app.text("#sitecheck-counts"), /pasted source/);
});

test("a HAR recording adds what the browser did", async () => {
  await queuePaths(app, join(files, "shop.html"), join(files, "shop.har"));
  await app.click("#sitecheck-open-page");
  await app.waitFor("return document.getElementById('sitecheck-page-path').textContent.endsWith('shop.html')");
  await app.click("#sitecheck-open-har");
  await app.waitFor("return document.getElementById('sitecheck-har-path').textContent.endsWith('shop.har')");
  await app.click("#sitecheck-run");
  await app.waitFor("return document.querySelector(\"#sitecheck-result li[data-rule='site.har_widget_failed']\") !== null");
  const found = await rules();
  assert.ok(found.includes("site.autoblock_no_exemption") && found.includes("site.har_cmp_endpoints"), JSON.stringify(found));
  assert.match(await app.text("#sitecheck-result li[data-rule='site.har_widget_failed'] .message"), /ERR_BLOCKED_BY_CLIENT/);
  assert.match(await app.text("#sitecheck-counts"), /HAR: 3 requests/);
});

test("the dialog passes axe-core in the dark theme and closes with Escape", async () => {
  await app.click("#sitecheck-close");
  await app.click("#open-settings");
  await choose(app, "#theme", "dark");
  await app.waitFor("return document.documentElement.dataset.theme === 'dark'");
  await app.click("#settings-close");
  await app.click("#open-sitecheck");
  await app.waitFor("return document.getElementById('sitecheck-dialog').open");
  await app.click("#sitecheck-run");
  await app.waitFor("return document.querySelector('#sitecheck-result li[data-rule]') !== null");
  await app.execute(`if (!window.axe) { ${AXE} }`);
  const violations = await app.executeAsync(
    "const done = arguments[arguments.length - 1]; axe.run(document.getElementById('sitecheck-dialog'), { resultTypes: ['violations'] }).then((r) => done(r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }))), (e) => done([{ id: 'axe-error', impact: 'critical', help: String(e) }]));",
  );
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(serious, [], JSON.stringify(serious, null, 1));
  await app.screenshot("site-check-dark.png");
  await app.keys("\uE00C");
  await app.waitFor("return !document.getElementById('sitecheck-dialog').open");
});
