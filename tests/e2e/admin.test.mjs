// The admin UI end to end, in the real window (WebKitWebDriver under Xvfb): features change
// the cookie list and the snippet; copy puts the snippet on the system clipboard; saving adds a
// version to the real SQLite file; a bundle exported and imported into a fresh database holds
// the same accounts; review mode writes nothing; axe-core finds no serious or critical issue;
// screenshots of the main views in both themes at 1024x700 and 1920x1080 go to target/e2e/.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { appBinary, freshHome, launchApp } from "./webdriver.mjs";
import { answer, axeSerious, choose, createAccount, queuePaths } from "./helpers.mjs";

const APP_ID = "io.callpage.cookie-admin";

let app;
const home = freshHome();
const dataDir = join(home, "data", APP_ID);
const defaultDb = join(dataDir, "cookie-admin.sqlite");
const files = join(home, "files");

function sql(db, query) {
  return execFileSync("sqlite3", ["-readonly", "-json", db, query], { encoding: "utf8" }).trim();
}

function rows(db, query) {
  const out = sql(db, query);
  return out ? JSON.parse(out) : [];
}

const sha = (path) => createHash("sha256").update(readFileSync(path)).digest("hex");
const snippetText = () => app.execute("return document.getElementById('snippet-code').textContent");

before(async () => {
  execFileSync("mkdir", ["-p", files]);
  app = await launchApp({ home, env: { COOKIE_ADMIN_E2E: "1" } });
  await app.waitFor("return document.body.dataset.ready === 'true'");
});

after(async () => {
  await app?.close();
});

test("toggling a feature changes the cookie list and the snippet", async () => {
  await createAccount(app, "ACME Ltd");
  await app.click("#tab-snippet");
  await choose(app, "#snippet-cmp", "cookiebot");
  await app.waitFor("return document.getElementById('snippet-code').dataset.cmp === 'cookiebot'");
  const before = await snippetText();
  assert.match(before, /CallPage/);
  assert.equal(await app.text("#cookie-count"), "0");

  await app.click("#tab-features");
  await app.click("label[for='feature-trace_route']");
  await app.waitFor("return document.getElementById('cookie-count').textContent !== '0'");
  // The snippet tab, hidden during the switch, catches up when it is shown.
  await app.click("#tab-snippet");
  await app.waitFor("return document.getElementById('snippet-code').textContent !== arguments[0]", { args: [before] });
  const after = await snippetText();
  assert.notEqual(after, before);
  assert.match(after, /type="text\/plain"|data-cookieconsent/i, "the feature code is held back until consent");
  await app.click("#tab-cookies");
  const cookieNames = await app.execute(
    "return [...document.querySelectorAll('#cookies tbody tr:not(.group) th code')].map(c => c.textContent)",
  );
  assert.ok(cookieNames.length > 0);
  assert.equal(await app.execute("return document.getElementById('dirty').hidden"), false, "unsaved changes are shown");
});

test("copy puts the snippet on the system clipboard and says so", async () => {
  await app.click("#tab-snippet");
  await app.click("#copy-snippet");
  await app.waitFor("return document.getElementById('toasts').textContent.includes('copied')");
  const expected = await snippetText();
  const clipboard = execFileSync("xclip", ["-o", "-selection", "clipboard"], { encoding: "utf8", timeout: 5000 });
  assert.equal(clipboard, expected);
});

test("checks show a badge and link to the control that fixes them", async () => {
  // Trace Route is on and no domain is listed: the checks say so.
  const count = Number(await app.text("#checks-badge"));
  assert.ok(count >= 1, "at least one finding");
  await app.click("#tab-checks");
  await app.click("#checks-list li[data-check='no_domain'] button");
  assert.equal(await app.execute("return document.activeElement.id"), "setup-domains");
});

test("the blocking-mode picker follows the CMP, links from its check and changes the snippet's steps", async () => {
  // Cookiebot (chosen above) can block automatically and the mode is not known: a warning that
  // links to the picker, which shows Cookiebot's default.
  await app.click("#tab-checks");
  await app.waitFor("return document.querySelector(\"#checks-list li[data-check='blocking_mode_unknown']\") !== null");
  await app.click("#checks-list li[data-check='blocking_mode_unknown'] button");
  assert.equal(await app.execute("return document.activeElement.id"), "setup-blocking-mode");
  assert.match(
    await app.execute("return document.querySelector(\"#setup-blocking-mode option[value='']\").textContent"),
    /Cookiebot's default: off/,
  );
  await choose(app, "#setup-blocking-mode", "manual");
  await app.click("#tab-checks");
  await app.waitFor("return document.querySelector(\"#checks-list li[data-check='blocking_mode_unknown']\") === null");
  await app.click("#tab-snippet");
  await app.waitFor("return !document.getElementById('snippet-code').textContent.includes('Cookiebot automatic cookie blocking')");
  await app.click("#tab-features");
  await choose(app, "#setup-blocking-mode", "auto");
  await app.click("#tab-snippet");
  await app.waitFor("return document.getElementById('snippet-code').textContent.includes('Cookiebot automatic cookie blocking')");
  // A CMP without an automatic mode: the picker is off.
  await app.click("#tab-features");
  await choose(app, "#setup-cmp", "klaro");
  await app.waitFor("return document.getElementById('setup-blocking-mode').disabled === true");
  assert.match(await app.execute("return document.getElementById('setup-blocking-mode-hint').textContent"), /does not block scripts by itself/);
  await choose(app, "#setup-cmp", "cookiebot");
  await app.waitFor("return document.getElementById('setup-blocking-mode').disabled === false");
});

test("saving with a note adds a version to the real SQLite file", async () => {
  await app.type("#account-search", "\uE009s\uE000");
  await app.waitFor("return document.querySelector('dialog[open] input') !== null");
  await app.type("dialog[open] input", "trace route on for the autumn campaign");
  await answer(app, "ok");
  await app.waitFor("return document.getElementById('dirty').hidden === true");
  const versions = rows(
    defaultDb,
    "SELECT v.version, v.note FROM config_versions v JOIN accounts a ON a.id = v.account_id WHERE a.name = 'ACME Ltd' ORDER BY v.version",
  );
  assert.deepEqual(versions.map((v) => v.version), [1, 2]);
  assert.equal(versions[1].note, "trace route on for the autumn campaign");
  const config = JSON.parse(
    rows(defaultDb, "SELECT config FROM config_versions WHERE version = 2")[0].config,
  );
  assert.deepEqual(config.features, ["trace_route"]);
  assert.equal(config.cmp, "cookiebot");
  // And the history view lists it.
  await app.click("#tab-history");
  await app.waitFor("return document.querySelectorAll('#history-list tr').length === 2");
  assert.match(await app.text("#history-list tr:first-child"), /autumn campaign/);
  await app.click("#diff-run");
  await app.waitFor("return document.getElementById('diff-result').textContent.includes('features')");
});

test("switching accounts with unsaved changes asks first", async () => {
  await createAccount(app, "Beta");
  await app.click("#tab-features");
  await app.click("label[for='feature-scoring_rules']");
  await app.waitFor("return document.getElementById('dirty').hidden === false");
  await app.click("#account-list button[data-account='ACME Ltd']");
  await answer(app, "cancel");
  assert.equal(await app.text("#account-name"), "Beta");
  await app.click("#account-list button[data-account='ACME Ltd']");
  await answer(app, "discard");
  await app.waitFor("return document.getElementById('account-name').textContent === 'ACME Ltd'");
  assert.equal(rows(defaultDb, "SELECT count(*) AS n FROM config_versions v JOIN accounts a ON a.id = v.account_id WHERE a.name = 'Beta'")[0].n, 1);
});

test("a bundle exported and imported into a fresh database holds the same accounts", async () => {
  const bundle = join(files, "all.json");
  await queuePaths(app, bundle);
  await app.click("#open-export");
  await choose(app, "#export-format", "json");
  await app.click("#export-run");
  await app.waitFor("return document.getElementById('export-result').textContent.includes('Exported')");
  await app.click("#export-close");
  assert.ok(existsSync(bundle));
  const before = await app.execute("return [...document.querySelectorAll('#account-list [data-account]')].map(b => b.dataset.account)");
  assert.deepEqual(before, ["ACME Ltd", "Beta"]);

  // A new, empty database (Settings > Create a new database).
  const fresh = join(files, "fresh.sqlite");
  await queuePaths(app, fresh);
  await app.click("#open-settings");
  await app.click("#db-new");
  await app.waitFor("return document.getElementById('db-path').textContent === arguments[0]", { args: [fresh] });
  await app.click("#settings-close");
  await app.waitFor("return document.querySelectorAll('#account-list [data-account]').length === 0");

  await queuePaths(app, bundle);
  await app.click("#open-import");
  await app.click("#import-choose");
  await app.waitFor("return !document.getElementById('import-run').disabled");
  await app.click("#import-run");
  await app.waitFor("return document.getElementById('import-result').textContent.includes('versions written')");
  assert.match(await app.text("#import-status"), /Written: 3 versions/);
  await app.click("#import-close");
  await app.waitFor("return document.querySelectorAll('#account-list [data-account]').length === 2");
  const afterImport = await app.execute("return [...document.querySelectorAll('#account-list [data-account]')].map(b => b.dataset.account)");
  assert.deepEqual(afterImport, before);
  assert.deepEqual(
    rows(fresh, "SELECT a.name, max(v.version) AS latest FROM accounts a JOIN config_versions v ON v.account_id = a.id GROUP BY a.name ORDER BY a.name"),
    [{ name: "ACME Ltd", latest: 2 }, { name: "Beta", latest: 1 }],
  );

  // Importing the same file again is refused in full and changes nothing.
  await queuePaths(app, bundle);
  await app.click("#open-import");
  await app.click("#import-choose");
  await app.click("#import-run");
  await app.waitFor("return document.getElementById('import-result').textContent.includes('Nothing was imported')");
  // In words first, with what to do; the technical message behind "Details".
  assert.match(await app.text("#import-result"), /These accounts are already in the database: ACME Ltd and Beta\./);
  assert.match(await app.text("#import-result"), /Choose what to do with accounts that already exist/);
  assert.equal(await app.execute("return document.querySelector('#import-result details').open"), false, "the details start closed");
  await app.click("#import-result details summary");
  assert.equal(await app.execute("return document.querySelector('#import-result details').open"), true);
  assert.match(await app.text("#import-result details pre"), /duplicate_accounts: already in the database/);
  await app.click("#import-close");
});

test("review mode opens a bundle read-only and writes nothing", async () => {
  const bundle = join(files, "all.json");
  const sqliteExport = join(files, "review.sqlite");
  await queuePaths(app, sqliteExport);
  await app.click("#open-export");
  await choose(app, "#export-format", "sqlite");
  await app.click("#export-run");
  await app.waitFor("return document.getElementById('export-result').textContent.includes('Exported')");
  await app.click("#export-close");

  for (const file of [bundle, sqliteExport]) {
    const listing = readdirSync(files).sort();
    const hash = sha(file);
    const mtime = statSync(file).mtimeMs;
    await queuePaths(app, file);
    await app.click("#open-review");
    await app.waitFor("return document.body.classList.contains('read-only') && !document.getElementById('review-banner').hidden");
    await app.waitFor("return document.getElementById('account-name').textContent === 'ACME Ltd'");
    assert.match(await app.text("#review-banner"), /read-only/i);
    assert.equal(await app.execute("return getComputedStyle(document.getElementById('save')).display"), "none");
    assert.equal(await app.execute("return document.getElementById('feature-trace_route').disabled"), true);
    // The same views work: cookie list, snippet, history.
    await app.click("#tab-history");
    await app.waitFor("return document.querySelectorAll('#history-list tr').length === 2");
    if (file === bundle) await app.screenshot("review-mode.png");
    // Even a save sent straight to the shell is refused.
    const refused = await app.executeAsync(
      "const done = arguments[arguments.length - 1]; window.__TAURI__.core.invoke('save_config', { account: 'ACME Ltd', config: { schema_version: 1, account: { id: 'x', name: 'ACME Ltd' } }, note: 'no' }).then(() => done('saved'), (e) => done(e.kind));",
    );
    assert.equal(refused, "read_only");
    await app.click("#close-review");
    await app.waitFor("return !document.body.classList.contains('read-only')");
    assert.equal(sha(file), hash, `${file} unchanged`);
    assert.equal(statSync(file).mtimeMs, mtime);
    assert.deepEqual(readdirSync(files).sort(), listing, "no sidecar files");
  }
});

test("the Exports tab keeps the language and CMP the user picked while the preview refreshes", async () => {
  await app.click("#account-list button[data-account='ACME Ltd']");
  await app.waitFor("return document.getElementById('account-name').textContent === 'ACME Ltd'");
  await app.click("#tab-exports");
  assert.equal(await app.execute("return document.getElementById('decl-lang').value"), "en");
  await choose(app, "#decl-lang", "pl");
  await choose(app, "#map-cmp", "onetrust");
  // A change in the editor refreshes the preview (and every view with it).
  await app.click("#tab-features");
  await app.click("label[for='feature-scoring_rules']");
  await app.waitFor("return document.getElementById('dirty').hidden === false");
  await app.click("#tab-exports");
  assert.equal(await app.execute("return document.getElementById('decl-lang').value"), "pl");
  assert.equal(await app.execute("return document.getElementById('map-cmp').value"), "onetrust");
  // Undo the edit without saving: back to the saved version.
  await app.click("#tab-features");
  await app.click("label[for='feature-scoring_rules']");
});

test("'Your name' in Settings is the author of the next saved version", async () => {
  await app.click("#open-settings");
  const placeholder = await app.execute("return document.getElementById('settings-author').placeholder");
  assert.ok(placeholder.length > 0, "the system account's name is shown as the default");
  await app.execute(
    "const i = document.getElementById('settings-author'); i.value = 'Ala Kowalska'; i.dispatchEvent(new Event('change'));",
  );
  let saved;
  for (let i = 0; i < 50 && saved !== "Ala Kowalska"; i++) {
    saved = await app.executeAsync(
      "const done = arguments[arguments.length - 1]; window.__TAURI__.core.invoke('get_settings').then((s) => done(s.author_name), (e) => done(String(e)));",
    );
  }
  assert.equal(saved, "Ala Kowalska");
  await app.click("#settings-close");
  await createAccount(app, "Gamma by Ala");
  const authors = rows(
    join(files, "fresh.sqlite"),
    "SELECT v.author FROM config_versions v JOIN accounts a ON a.id = v.account_id WHERE a.name = 'Gamma by Ala'",
  );
  assert.deepEqual(authors, [{ author: "Ala Kowalska" }]);
  await app.click("#tab-history");
  await app.waitFor("return document.querySelector('#history-list tr')?.textContent.includes('Ala Kowalska')");
});

async function axe(context) {
  const serious = await axeSerious(app);
  assert.deepEqual(serious, [], `${context}: ${JSON.stringify(serious, null, 1)}`);
}

async function setTheme(theme) {
  await choose(app, "#theme", theme);
  await app.waitFor("return document.documentElement.dataset.theme === arguments[0]", { args: [theme] });
}

test("axe-core finds no serious or critical issue in any view, in both themes", async () => {
  await app.click("#account-list button[data-account='ACME Ltd']");
  for (const theme of ["light", "dark"]) {
    await setTheme(theme);
    for (const tab of ["features", "cookies", "snippet", "matrix", "checks", "history", "exports"]) {
      await app.click(`#tab-${tab}`);
      if (tab === "history") {
        await app.click("#diff-run");
        await app.waitFor("return document.getElementById('diff-result').children.length > 0");
      }
      await axe(`${theme} ${tab}`);
    }
    await app.click("#open-settings");
    await axe(`${theme} settings`);
    await app.click("#settings-close");
  }
});

test("screenshots of the main views, both themes, 1024x700 and 1920x1080", async () => {
  await app.click("#account-list button[data-account='ACME Ltd']");
  for (const [width, height] of [[1024, 700], [1920, 1080]]) {
    await app.setRect({ x: 0, y: 0, width, height });
    await app.waitFor("return window.innerWidth === arguments[0]", { args: [width] });
    for (const theme of ["light", "dark"]) {
      await setTheme(theme);
      for (const tab of ["features", "cookies", "snippet", "matrix", "checks", "history"]) {
        await app.click(`#tab-${tab}`);
        // What a user sees in the shot: the tab's panel laid out with text in it, in the
        // chosen theme's background.
        const [panel, bg] = await app.execute(
          "const p = document.getElementById(document.getElementById(arguments[0]).getAttribute('aria-controls')); const b = p.getBoundingClientRect(); const [r, g, bl] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number); return [!p.hidden && b.width > 0 && b.height > 0 && p.innerText.trim().length > 0, (0.2126 * r + 0.7152 * g + 0.0722 * bl) / 255];",
          [`tab-${tab}`],
        );
        assert.equal(panel, true, `${tab} panel shown at ${width}x${height}`);
        assert.ok(theme === "dark" ? bg < 0.3 : bg > 0.7, `${theme} background: ${bg}`);
        await app.screenshot(`${tab}-${theme}-${width}x${height}.png`);
      }
      // Nothing spills out sideways at this size.
      assert.equal(await app.execute("return document.documentElement.scrollWidth <= window.innerWidth"), true);
    }
  }
  await setTheme("light");
});

test("with COOKIE_ADMIN_EXIT_WHEN_READY=1 the app prints 'ready <ms>' once rendered and exits 0", async () => {
  const child = spawn(appBinary, [], {
    env: {
      ...process.env,
      COOKIE_ADMIN_EXIT_WHEN_READY: "1",
      XDG_DATA_HOME: join(home, "data"),
      XDG_CONFIG_HOME: join(home, "config"),
      XDG_CACHE_HOME: join(home, "cache"),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (d) => { out += d; });
  const code = await new Promise((ok) => {
    const timer = setTimeout(() => { child.kill("SIGTERM"); ok("timeout"); }, 30000);
    child.on("exit", (c) => { clearTimeout(timer); ok(c); });
  });
  assert.equal(code, 0);
  assert.match(out, /^ready \d+\n$/);
});
