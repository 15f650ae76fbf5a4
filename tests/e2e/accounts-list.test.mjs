// The accounts list with many accounts, in the real window: it draws a screenful (not every
// account), the count is the whole list's, and scrolling or the arrow keys reach the last
// account, which opens like any other. The database is filled through the CLI's import.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { freshHome, launchApp, repoRoot } from "./webdriver.mjs";

const ACCOUNTS = 1500;
const home = freshHome();
let app;

const name = (i) => `Shop ${String(i).padStart(4, "0")}`;

before(async () => {
  const accounts = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    accounts.push({
      account: { name: name(i), created_at: "2026-01-02T09:00:00.000Z" },
      versions: [{
        version: 1,
        author: "e2e",
        created_at: "2026-01-02T09:00:00.000Z",
        note: "",
        config: {
          schema_version: 1,
          account: { id: `shop-${i}`, name: name(i) },
          domains: [`shop${i}.example`],
          features: i % 3 === 0 ? ["trace_route"] : [],
          cmp: "cookiebot",
        },
      }],
    });
  }
  const bundle = join(home, "bundle.json");
  writeFileSync(bundle, JSON.stringify({ format: "callpage-cookie-admin/bundle", version: 1, exported_at: "2026-01-02T09:00:00.000Z", accounts }));
  const dataDir = join(home, "data", "io.callpage.cookie-admin");
  mkdirSync(dataDir, { recursive: true });
  const cli = process.env.COOKIE_ADMIN_CLI ?? join(repoRoot, "target", "debug", "cookie-admin-cli");
  execFileSync(cli, ["import", "--db", join(dataDir, "cookie-admin.sqlite"), bundle], { stdio: "ignore" });
  app = await launchApp({ home });
  await app.waitFor("return document.body.dataset.ready === 'true'");
});

after(async () => {
  await app?.close();
});

const drawnNames = () => app.execute("return [...document.querySelectorAll('#account-list button[data-account]')].map((b) => b.dataset.account)");

test("the list draws a screenful of many accounts and scrolls to the last one", async () => {
  assert.equal(await app.text("#account-count"), `${ACCOUNTS.toLocaleString("en-US")} accounts`);
  assert.equal(await app.text("#account-name"), name(0));
  const first = await drawnNames();
  assert.equal(first[0], name(0));
  assert.ok(first.length > 3 && first.length < 100, `rows drawn: ${first.length}`);
  // The scroll bar covers the whole list.
  const heights = await app.execute("const l = document.getElementById('account-list'); return [l.scrollHeight, l.clientHeight]");
  assert.ok(heights[0] > heights[1] * 20, `scroll height ${heights}`);

  // Scrolled to the end: the last accounts are drawn (their page is fetched as they come).
  await app.execute("const l = document.getElementById('account-list'); l.scrollTop = l.scrollHeight;");
  await app.waitFor("return Boolean(document.querySelector(`#account-list button[data-account='${arguments[0]}']`))", { args: [name(ACCOUNTS - 1)] });
  const last = await drawnNames();
  assert.ok(last.length < 100, `rows drawn: ${last.length}`);
  await app.click(`#account-list button[data-account='${name(ACCOUNTS - 1)}']`);
  await app.waitFor("return document.getElementById('account-name').textContent === arguments[0]", { args: [name(ACCOUNTS - 1)] });
  // The list marks it once it has drawn again with the open account.
  await app.waitFor("return document.querySelector('#account-list button.selected')?.dataset.account === arguments[0]", { args: [name(ACCOUNTS - 1)] });

  // Back to the top, then the arrow keys move on past the rows drawn at first.
  await app.execute("document.getElementById('account-list').scrollTop = 0;");
  await app.waitFor("return Boolean(document.querySelector(`#account-list button[data-account='${arguments[0]}']`))", { args: [name(0)] });
  await app.execute("document.querySelector(`#account-list button[data-account='${arguments[0]}']`).focus()", [name(0)]);
  const rows = first.length;
  for (let i = 0; i < rows + 5; i++) await app.keys("\uE015"); // ArrowDown
  await app.waitFor("return document.activeElement?.dataset.account === arguments[0]", { args: [name(rows + 5)] });

  // A filter counts and pages its own matches.
  await app.execute("const s = document.getElementById('filter-feature'); s.value = 'trace_route'; s.dispatchEvent(new Event('change'));");
  await app.waitFor("return document.getElementById('account-count').textContent === arguments[0]", { args: [`${ACCOUNTS / 3} accounts`] });
  assert.equal((await drawnNames())[1], name(3));
});
