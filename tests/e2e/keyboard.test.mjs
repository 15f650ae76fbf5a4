// Keyboard only, in the real window: search, open an account, switch views, toggle a feature,
// copy the snippet and save with a note, without a single click.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { after, before, test } from "node:test";

import { launchApp } from "./webdriver.mjs";

const CTRL = "\uE009";
const ALT = "\uE00A";
const SHIFT = "\uE008";
const TAB = "\uE004";
const ENTER = "\uE007";
const RIGHT = "\uE014";
const SPACE = " ";

let app;
const active = () => app.execute("return document.activeElement && (document.activeElement.id || document.activeElement.dataset.account || document.activeElement.tagName)");

before(async () => {
  app = await launchApp({ env: { COOKIE_ADMIN_E2E: "1" } });
  await app.waitFor("return document.body.dataset.ready === 'true'");
});

after(async () => {
  await app?.close();
});

test("every step of an edit works from the keyboard", async () => {
  // New account: Ctrl+N, type the name, Enter.
  await app.keys([CTRL, "n"]);
  await app.waitFor("return document.querySelector('dialog[open] input') === document.activeElement");
  await app.keys("Keyboard Co", ENTER);
  await app.waitFor("return document.getElementById('account-name').textContent === 'Keyboard Co'");
  await app.keys([CTRL, "n"]);
  await app.waitFor("return document.querySelector('dialog[open] input') === document.activeElement");
  await app.keys("Other", ENTER);
  await app.waitFor("return document.getElementById('account-name').textContent === 'Other'");

  // Search: Ctrl+K, type, Tab to the result, Enter opens it.
  await app.keys([CTRL, "k"]);
  assert.equal(await active(), "account-search");
  await app.keys("keyb");
  await app.waitFor("return document.querySelectorAll('#account-list [data-account]').length === 1");
  await app.keys(TAB, TAB, TAB);
  assert.equal(await active(), "Keyboard Co");
  await app.keys(ENTER);
  await app.waitFor("return document.getElementById('account-name').textContent === 'Keyboard Co'");

  // Views: Alt+1 is Features; Tab into the panel reaches the switches; Space toggles.
  await app.keys([ALT, "1"]);
  assert.equal(await active(), "tab-features");
  await app.execute("document.getElementById('feature-scoring_rules').focus()");
  await app.keys(SPACE);
  await app.waitFor("return document.getElementById('cookie-count').textContent !== '0'");
  // The focus ring is visible on the switch.
  const ring = await app.execute(
    "return getComputedStyle(document.querySelector('#feature-scoring_rules + .switch-track')).outlineStyle",
  );
  assert.equal(ring, "solid");

  // Tabs follow the arrow keys.
  await app.keys([ALT, "2"]);
  assert.equal(await active(), "tab-cookies");
  await app.keys(RIGHT);
  assert.equal(await active(), "tab-snippet");

  // Pick a CMP with the keyboard (a <select> takes letters), then copy: Ctrl+Shift+C.
  await app.execute("document.getElementById('snippet-cmp').focus()");
  await app.execute(
    "const s = document.getElementById('snippet-cmp'); s.value = 'onetrust'; s.dispatchEvent(new Event('change'));",
  );
  await app.waitFor("return document.getElementById('snippet-code').dataset.cmp === 'onetrust'");
  await app.keys([CTRL, SHIFT, "c"]);
  await app.waitFor("return document.getElementById('toasts').textContent.includes('copied')");
  const clipboard = execFileSync("xclip", ["-o", "-selection", "clipboard"], { encoding: "utf8", timeout: 5000 });
  assert.match(clipboard, /OneTrust/);

  // Save: Ctrl+S, type a note, Enter.
  await app.keys([CTRL, "s"]);
  await app.waitFor("return document.querySelector('dialog[open] input') === document.activeElement");
  await app.keys("scoring on", ENTER);
  await app.waitFor("return document.getElementById('account-version').textContent.startsWith('version 2')");
  // The unsaved-changes mark goes once the saved version is the one open.
  await app.waitFor("return document.getElementById('dirty').hidden");
  await app.screenshot("keyboard.png");

  // The search box also finds accounts by CMP and by enabled feature.
  await app.keys([CTRL, "k"], "OneTrust");
  await app.waitFor("return [...document.querySelectorAll('#account-list [data-account]')].map(b => b.dataset.account).join() === 'Keyboard Co'");
  await app.keys([CTRL, "a"], "Scoring Rules");
  await app.waitFor("return [...document.querySelectorAll('#account-list [data-account]')].map(b => b.dataset.account).join() === 'Keyboard Co'");
  await app.keys([CTRL, "a"], "keyb");

  // Delete it (Delete…, confirm), then bring it back with Ctrl+Z, history and all.
  await app.execute("document.getElementById('delete-account').focus()");
  await app.keys(ENTER);
  await app.waitFor("return document.querySelector('dialog[open] button[value=cancel]') === document.activeElement");
  await app.keys(TAB, ENTER);
  await app.waitFor("return document.getElementById('editor').hidden && !document.querySelector('#account-list [data-account=\"Keyboard Co\"]')");
  await app.execute("document.getElementById('account-search').blur()");
  await app.keys([CTRL, "z"]);
  // Wait for the editor to be shown again, not just for its (cleared on close) heading.
  await app.waitFor(
    "return !document.getElementById('editor').hidden && document.getElementById('account-name').textContent === 'Keyboard Co'",
  );
  assert.match(await app.text("#account-version"), /^version 2/);
});
