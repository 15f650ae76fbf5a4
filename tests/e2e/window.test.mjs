// The real window: the built app under Xvfb, driven over W3C WebDriver (WebKitWebDriver).
// It fails if the window does not render, if IPC to Rust is broken, or if settings are lost.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { freshHome, launchApp, repoRoot } from "./webdriver.mjs";
import { createAccount } from "./helpers.mjs";

const cargoVersion = readFileSync(join(repoRoot, "Cargo.toml"), "utf8").match(
  /\[workspace\.package\][^[]*?version = "([^"]+)"/,
)[1];

let app;
const home = freshHome();

before(async () => {
  app = await launchApp({ home });
  await app.waitFor("return document.body.dataset.ready === 'true'");
});

after(async () => {
  await app?.close();
});

test("the window renders data that came over IPC from Rust", async () => {
  assert.equal(await app.text("#app-version"), `v${cargoVersion}`);
  await createAccount(app, "Window test");
  const features = await app.execute(
    "return [...document.querySelectorAll('input[data-feature]')].map(i => i.dataset.feature)",
  );
  assert.deepEqual(features, ["trace_route", "scoring_rules", "data_memorization"]);
  assert.equal(await app.execute("return document.getElementById('error').hidden"), true);
});

test("switching a feature on fills the cookie list computed in Rust", async () => {
  assert.equal(await app.text("#cookie-count"), "0");
  await app.click("label[for='feature-data_memorization']");
  await app.waitFor("return document.getElementById('cookie-count').textContent !== '0'");
  // What a user sees on the Cookie list tab (drawn when it is shown): the rows laid out in the
  // window, not hidden or zero-sized.
  await app.click("#tab-cookies");
  const names = await app.execute(
    "return [...document.querySelectorAll('#cookies tbody tr:not(.group) th code')].map(td => td.textContent)",
  );
  assert.ok(names.length >= 1, "at least one storage item listed");
  const shown = await app.execute(
    "const rows = [...document.querySelectorAll('#cookies tbody tr:not(.group)')]; return rows.length > 0 && rows.every(r => { const b = r.getBoundingClientRect(); return b.width > 0 && b.height > 0 && getComputedStyle(r).visibility === 'visible'; });",
  );
  assert.equal(shown, true, "the cookie rows are visible");
  await app.screenshot("window.png");
});

test("a theme chosen in the window is saved and restored on the next start, and so is the window's size", async () => {
  await app.execute(
    "const s = document.getElementById('theme'); s.value = 'dark'; s.dispatchEvent(new Event('change'));",
  );
  await app.waitFor("return document.documentElement.dataset.theme === 'dark'");
  await app.setRect({ width: 1100, height: 760 });
  // Let the store plugin write settings.json (it saves 100 ms after the last change).
  await new Promise((ok) => setTimeout(ok, 800));
  // close() ends the app's whole process group, so the unsaved switch above does not hold it.
  await app.close();
  app = await launchApp({ home });
  await app.waitFor("return document.body.dataset.ready === 'true'");
  assert.equal(await app.execute("return document.documentElement.dataset.theme"), "dark");
  // Dark for real: the page background a user sees is dark and the text light.
  const [bg, fg] = await app.execute(
    "const lum = (c) => { const [r, g, b] = c.match(/\\d+/g).map(Number); return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255; }; const s = getComputedStyle(document.body); return [lum(s.backgroundColor), lum(s.color)];",
  );
  assert.ok(bg < 0.3 && fg > 0.6, `dark theme shown: background ${bg}, text ${fg}`);
  const rect = await app.getRect();
  assert.deepEqual([rect.width, rect.height], [1100, 760]);
  await app.screenshot("window-dark.png");
});
