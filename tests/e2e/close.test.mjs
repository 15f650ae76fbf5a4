// Closing the window with unsaved changes asks first. The shell holds the close back and
// sends "close-requested" (tested on the mock runtime in src-tauri/tests); here the window's
// half runs for real: the event arrives, the question is asked, Cancel keeps the window and
// its changes, "Discard changes" closes it.
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, test } from "node:test";

import { launchApp } from "./webdriver.mjs";
import { answer, createAccount } from "./helpers.mjs";

let app;

before(async () => {
  app = await launchApp({ env: { COOKIE_ADMIN_E2E: "1" } });
  await app.waitFor("return document.body.dataset.ready === 'true'");
});

after(async () => {
  await app?.close();
});

const requestClose = () =>
  app.execute("window.__TAURI__.event.emit('close-requested'); return true;");

test("closing with unsaved changes asks; Cancel keeps them, Discard closes the window", async () => {
  await createAccount(app, "ACME");
  await app.click("label[for='feature-trace_route']");
  await app.waitFor("return !document.getElementById('dirty').hidden");

  await requestClose();
  await app.waitFor("return document.querySelector('dialog[open] h2')?.textContent.startsWith('Save changes')");
  await answer(app, "cancel");
  assert.equal(await app.execute("return document.getElementById('feature-trace_route').checked"), true);
  assert.equal(await app.execute("return document.getElementById('dirty').hidden"), false);

  await requestClose();
  await app.waitFor("return document.querySelector('dialog[open] h2')?.textContent.startsWith('Save changes')");
  // Pressed a moment after this command returns: the window goes away under the click, and
  // WebDriver would report that as an error of the click itself.
  await app.execute(
    "setTimeout(() => document.querySelector(\"dialog[open] button[value='discard']\").click(), 100); return true;",
  );
  // The window is destroyed: the WebDriver session loses it.
  let gone = false;
  for (let i = 0; i < 100 && !gone; i++) {
    try {
      await app.execute("return 1");
      await sleep(100);
    } catch {
      gone = true;
    }
  }
  assert.ok(gone, "the window closed");
});
