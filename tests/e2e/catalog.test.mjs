// Catalog updates in the real window (WebKitWebDriver under Xvfb, temporary XDG homes):
// Settings > "Load a catalog…" validates the file (the CLI's message with the field's path),
// shows what changes before anything is applied, Cancel leaves everything as it was, Apply
// keeps the file in the app data directory and the cookie list follows; a saved version
// records the catalog version and History shows it; "Back to the built-in catalog" asks with
// the same diff and removes the kept file; a kept file that became invalid is said at start.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { freshHome, launchApp, repoRoot } from "./webdriver.mjs";
import { answer, choose, createAccount, queuePaths } from "./helpers.mjs";

const APP_ID = "io.callpage.cookie-admin";
const BUILTIN = JSON.parse(readFileSync(join(repoRoot, "crates", "core", "data", "catalog.json"), "utf8"));
const NEWER = "2027.1.0";

let app;
const home = freshHome();
const dataDir = join(home, "data", APP_ID);
const kept = join(dataDir, "catalog.json");
const defaultDb = join(dataDir, "cookie-admin.sqlite");
const files = join(home, "files");

/** The built-in catalog with another version, Scoring Rules' second cookie renamed and a
 *  new purpose for Trace Route's first item. */
function newerCatalog() {
  const c = structuredClone(BUILTIN);
  c.catalog_version = NEWER;
  const scoring = c.features.find((f) => f.id === "scoring_rules");
  scoring.storage[1].name = "cp_visits";
  c.features.find((f) => f.id === "trace_route").storage[0].purpose.en = "Orders the pages of the current visit.";
  return JSON.stringify(c, null, 2);
}

function rows(db, query) {
  const out = execFileSync("sqlite3", ["-readonly", "-json", db, query], { encoding: "utf8" }).trim();
  return out ? JSON.parse(out) : [];
}

// The cookie list is drawn while its tab is shown: show it (also behind an open dialog) and read it.
const cookieNames = () =>
  app.execute("document.getElementById('tab-cookies').click(); return [...document.querySelectorAll('#cookies tbody tr:not(.group) th code')].map(c => c.textContent)");

async function openSettings() {
  await app.click("#open-settings");
  await app.waitFor("return document.getElementById('settings-dialog').open");
}

async function loadCatalog(path) {
  await queuePaths(app, path);
  await app.click("#catalog-load");
}

before(async () => {
  execFileSync("mkdir", ["-p", files]);
  writeFileSync(join(files, "newer.json"), newerCatalog());
  const bad = structuredClone(BUILTIN);
  bad.features[0].storage[0].duration_seconds = "30m";
  writeFileSync(join(files, "bad.json"), JSON.stringify(bad, null, 2));
  app = await launchApp({ home, env: { COOKIE_ADMIN_E2E: "1" } });
  await app.waitFor("return document.body.dataset.ready === 'true'");
});

after(async () => {
  await app?.close();
});

test("an invalid catalog is refused with the CLI's message and the field's path", async () => {
  await createAccount(app, "ACME");
  await app.click("label[for='feature-scoring_rules']");
  await app.click("label[for='feature-trace_route']");
  await app.waitFor("return document.getElementById('cookie-count').textContent !== '0'");
  await openSettings();
  assert.match(await app.text("#catalog-current"), new RegExp(`built-in catalog, version ${BUILTIN.catalog_version.replaceAll(".", "\\.")}`));
  await loadCatalog(join(files, "bad.json"));
  await app.waitFor("return !document.getElementById('error').hidden");
  // The sentence names the field's path; the technical text behind Details is the same
  // message as the CLI's --catalog (which prints "error: " before it).
  assert.equal(await app.text("#error-text"), "The catalog file cannot be read (at features[0].storage[0].duration_seconds).");
  const message = await app.execute("return document.getElementById('error-tech').textContent");
  const cli = spawnSync(join(repoRoot, "target", "debug", "cookie-admin-cli"), ["cookies", "--catalog", join(files, "bad.json")], {
    encoding: "utf8",
  });
  assert.equal(cli.status, 2);
  assert.equal(message, `catalog_format: ${cli.stderr.trim().replace(/^error: /, "")}`);
  assert.match(message, /bad\.json: catalog: features\[0\]\.storage\[0\]\.duration_seconds: invalid type/);
  assert.equal(existsSync(kept), false);
});

test("loading a catalog shows what changes; Cancel leaves everything as it was", async () => {
  const before = await cookieNames();
  assert.ok(before.includes("cp_visit_count"), JSON.stringify(before));
  await loadCatalog(join(files, "newer.json"));
  await app.waitFor("return document.getElementById('catalog-diff') !== null");
  const items = await app.execute(
    "return [...document.querySelectorAll('#catalog-diff-storage li[data-kind]')].map(li => [li.dataset.kind, li.dataset.name, li.textContent])",
  );
  assert.deepEqual(items.map(([kind, name]) => [kind, name]), [["changed", "cp_tr_"], ["renamed", "cp_visits"]]);
  assert.match(items[1][2], /was cp_visit_count/);
  assert.match(items[0][2], /purpose \(English\)/);
  assert.match(await app.text("dialog.modal[open]:not(#settings-dialog) h2"), new RegExp(`Use catalog ${NEWER.replaceAll(".", "\\.")}`));
  await answer(app, "cancel");
  assert.equal(existsSync(kept), false, "nothing kept");
  assert.match(await app.text("#catalog-current"), /built-in catalog/);
  assert.deepEqual(await cookieNames(), before);
});

test("applying keeps the file, the cookie list follows and a saved version records it", async () => {
  await loadCatalog(join(files, "newer.json"));
  await app.waitFor("return document.getElementById('catalog-diff') !== null");
  await answer(app, "apply");
  await app.waitFor("return document.getElementById('catalog-current').textContent.includes(arguments[0])", { args: [NEWER] });
  assert.equal(readFileSync(kept, "utf8"), readFileSync(join(files, "newer.json"), "utf8"));
  await app.click("#settings-close");
  await app.click("#tab-cookies");
  await app.waitFor("return [...document.querySelectorAll('#cookies tbody th code')].some(c => c.textContent === 'cp_visits')");
  assert.ok(!(await cookieNames()).includes("cp_visit_count"));

  // Save (Ctrl+S asks for a note): the version records the catalog.
  await app.type("#account-search", "\uE009s\uE000");
  await app.waitFor("return document.querySelector('dialog[open] input') !== null");
  await app.type("dialog[open] input", "with the new catalog");
  await answer(app, "ok");
  await app.waitFor("return document.getElementById('dirty').hidden === true");
  const saved = rows(defaultDb, "SELECT version, catalog_version FROM config_versions ORDER BY version");
  assert.deepEqual(saved, [
    { version: 1, catalog_version: BUILTIN.catalog_version },
    { version: 2, catalog_version: NEWER },
  ]);
  await app.click("#tab-history");
  await app.waitFor("return document.querySelectorAll('#history-list tr').length === 2");
  const cells = await app.execute("return [...document.querySelectorAll('#history-list td.catalog-version')].map(td => td.textContent)");
  assert.deepEqual(cells, [NEWER, BUILTIN.catalog_version]);
});

test("the kept catalog is used again after a restart", async () => {
  await app.close();
  app = await launchApp({ home, env: { COOKIE_ADMIN_E2E: "1" } });
  await app.waitFor("return document.body.dataset.ready === 'true'");
  assert.equal(await app.execute("return document.getElementById('error').hidden"), true, "no warning");
  await openSettings();
  assert.match(await app.text("#catalog-current"), new RegExp(`version ${NEWER.replaceAll(".", "\\.")}, loaded`));
  await app.click("#settings-close");
});

test("the window's CSV exports list the storage of the loaded catalog", async () => {
  for (const [format, column] of [["csv-cookies", "name"], ["csv-mappings", "storage_item"]]) {
    const out = join(files, `${format}.csv`);
    await queuePaths(app, out);
    await app.click("#open-export");
    await choose(app, "#export-format", format);
    await app.click("#export-run");
    await app.waitFor("return document.getElementById('export-result').textContent.includes('Exported')");
    await app.click("#export-close");
    const [header, ...lines] = readFileSync(out, "utf8").trim().split(/\r?\n/);
    const index = header.split(",").indexOf(column);
    const names = lines.map((line) => line.split(",")[index]);
    assert.ok(names.includes("cp_visits"), `${format}: ${names}`);
    assert.ok(!names.includes("cp_visit_count"), `${format}: ${names}`);
  }
});

test("in Polish: the section, the diff dialog with plural forms, and back to English", async () => {
  await openSettings();
  await choose(app, "#ui-language", "pl");
  await app.waitFor("return document.documentElement.lang === 'pl'");
  assert.equal(await app.text("#catalog-title"), "Katalog widżetu");
  assert.match(await app.text("#catalog-current"), new RegExp(`W użyciu: katalog w wersji ${NEWER.replaceAll(".", "\\.")}, wczytany z pliku`));
  assert.equal(await app.text("#catalog-builtin"), "Wróć do wbudowanego katalogu");
  await app.click("#catalog-builtin");
  await app.waitFor("return document.getElementById('catalog-diff') !== null");
  assert.match(await app.text("dialog.modal[open]:not(#settings-dialog) h2"), /^Wrócić do wbudowanego katalogu /);
  const counts = await app.text("#catalog-diff-counts");
  assert.equal(counts, "Elementy danych: 1 ze zmienioną nazwą i 1 z innym celem, okresem przechowywania lub szczegółem.");
  const diff = await app.text("#catalog-diff");
  assert.match(diff, /nowa nazwa/);
  assert.match(diff, /dawniej cp_visits/);
  assert.match(diff, /cel \(po angielsku\)/);
  assert.doesNotMatch(diff, /renamed|purpose/);
  await answer(app, "cancel");
  assert.ok(existsSync(kept), "Cancel keeps it");
  await choose(app, "#ui-language", "en");
  await app.waitFor("return document.documentElement.lang === 'en'");
  assert.match(await app.text("#catalog-current"), /In use: catalog version/);
  await app.click("#settings-close");
});

test("back to the built-in catalog asks with the diff, then removes the kept file", async () => {
  await openSettings();
  await app.click("#catalog-builtin");
  await app.waitFor("return document.getElementById('catalog-diff') !== null");
  assert.match(await app.text("#catalog-diff"), /renamed/);
  await answer(app, "cancel");
  assert.ok(existsSync(kept), "Cancel keeps it");
  await app.click("#catalog-builtin");
  await app.waitFor("return document.getElementById('catalog-diff') !== null");
  await answer(app, "apply");
  await app.waitFor("return document.getElementById('catalog-current').textContent.includes('built-in')");
  assert.equal(existsSync(kept), false);
  await app.click("#settings-close");
  await app.click("#tab-cookies");
  await app.waitFor("return [...document.querySelectorAll('#cookies tbody th code')].some(c => c.textContent === 'cp_visit_count')");
});

test("a kept catalog that became invalid: the built-in one is used and the window says so", async () => {
  await app.close();
  writeFileSync(kept, "{ \"schema_version\": 1, ");
  app = await launchApp({ home, env: { COOKIE_ADMIN_E2E: "1" } });
  await app.waitFor("return document.body.dataset.ready === 'true'");
  await app.waitFor("return !document.getElementById('error').hidden");
  const message = await app.text("#error-text");
  assert.match(message, /cannot be used, so the built-in catalog .* is in use/);
  assert.match(message, /catalog\.json/);
  await app.click("#error-close");
  await openSettings();
  assert.match(await app.text("#catalog-current"), /built-in catalog/);
  assert.equal(await app.execute("return document.getElementById('catalog-warning').hidden"), false);
  await app.click("#settings-close");
});
