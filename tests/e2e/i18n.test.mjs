// The window in English and in Polish, for real (WebKitWebDriver under Xvfb): the first start
// offers a first account or an example; the main flow (create an account, switch a feature,
// read the verdict and the checks, copy the snippet, save) runs in both languages; the
// language switches in Settings without a restart and keeps unsaved edits; a Polish system
// locale (LANG=pl_PL.UTF-8) starts the window in Polish; errors read as sentences with the
// technical text behind "Details". Screenshots of both languages go to target/e2e/.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { after, test } from "node:test";

import { freshHome, launchApp } from "./webdriver.mjs";
import { answer, axeSerious, choose } from "./helpers.mjs";

const APP_ID = "io.callpage.cookie-admin";

let app;
after(async () => {
  await app?.close();
});

async function start(options) {
  await app?.close();
  app = await launchApp({ ...options, env: { COOKIE_ADMIN_E2E: "1", ...options.env } });
  await app.waitFor("return document.body.dataset.ready === 'true'");
  await app.setRect({ x: 0, y: 0, width: 1280, height: 800 });
}

function rows(home, query) {
  const db = join(home, "data", APP_ID, "cookie-admin.sqlite");
  const out = execFileSync("sqlite3", ["-readonly", "-json", db, query], { encoding: "utf8" }).trim();
  return out ? JSON.parse(out) : [];
}

const clipboard = () => execFileSync("xclip", ["-o", "-selection", "clipboard"], { encoding: "utf8", timeout: 5000 });
const text = (css) => app.execute("return document.querySelector(arguments[0])?.textContent ?? null", [css]);
const visible = (css) => app.execute("const e = document.querySelector(arguments[0]); return Boolean(e) && !e.closest('[hidden]') && e.getClientRects().length > 0", [css]);

/** Type a name into the open one-line dialog and press its OK button. */
async function typeAndConfirm(value) {
  await app.waitFor("return document.querySelector('dialog[open] input') !== null");
  await app.type("dialog[open] input", value);
  await answer(app, "ok");
}

async function openSettingsAndChoose(language) {
  await app.click("#open-settings");
  await choose(app, "#ui-language", language);
  await app.waitFor("return document.documentElement.lang === arguments[0]", { args: [language === "system" ? "en" : language] });
  await app.click("#settings-close");
  await app.waitFor("return !document.getElementById('settings-dialog').open && !document.querySelector('dialog[open]')");
}

test("first start in English: the welcome offers an example account, saved for real, with every feature on", async () => {
  const home = freshHome();
  await start({ home });
  assert.equal(await app.execute("return document.documentElement.lang"), "en");
  assert.ok(await visible("#welcome"), "the welcome shows on an empty database");
  assert.equal(await visible("#editor-empty"), false);
  assert.equal(await text("#welcome-title"), "Welcome to CallPage Cookie Admin");
  assert.match(await text("#welcome"), /Switch on the optional features the site uses/);
  await app.screenshot("welcome-en.png");

  await app.click("#welcome-example");
  await app.waitFor("return document.getElementById('account-name').textContent === 'Example shop'");
  assert.equal(await visible("#welcome"), false);
  // Everything is there at once: all three features, a CMP, the cookie list, the checks.
  const on = await app.execute("return [...document.querySelectorAll('input[data-feature]')].filter(i => i.checked).map(i => i.dataset.feature)");
  assert.deepEqual(on, ["trace_route", "scoring_rules", "data_memorization"]);
  assert.equal(await app.execute("return document.getElementById('setup-cmp').value"), "cookiebot");
  assert.equal(await text("#cookie-count"), "5");
  assert.match(await text("#verdict"), /^Action needed: Trace Route, Scoring Rules and Data Memorization are on/);
  assert.match(await text("#toasts"), /Example shop is open/);
  await app.click("#tab-snippet");
  await app.waitFor("return document.getElementById('snippet-code').dataset.cmp === 'cookiebot'");
  await app.click("#tab-checks");
  await app.waitFor("return document.querySelectorAll('#checks-list li[data-check]').length > 0");
  assert.equal(await text("#checks-list li[data-check='personal_data_stored'] .pill"), "Note");
  assert.equal(
    await text("#checks-list li[data-check='personal_data_stored'] button"),
    "Go to Data Memorization",
  );
  // A real account in the real database, marked as the example in its note.
  assert.deepEqual(
    rows(home, "SELECT a.name, v.version, v.note FROM accounts a JOIN config_versions v ON v.account_id = a.id"),
    [{ name: "Example shop", version: 1, note: "example account" }],
  );
  assert.equal(await app.execute("return document.getElementById('dirty').hidden"), true, "nothing unsaved");
  await app.click("#tab-features");
  await app.screenshot("example-en.png");
});

test("the main flow in English, then in Polish after switching in Settings, unsaved edits kept", async () => {
  const home = freshHome();
  await start({ home });
  // The other first-start choice: create a first account.
  await app.click("#welcome-create");
  await app.waitFor("return document.querySelector('dialog[open] h2')?.textContent === 'New account'");
  await typeAndConfirm("ACME Ltd");
  await app.waitFor("return document.getElementById('account-name').textContent === 'ACME Ltd'");
  assert.equal(await visible("#welcome"), false);
  assert.equal(await text("#account-count"), "1 account");
  assert.match(await text("#account-version"), /^version 1 · /);
  assert.match(await text("#verdict"), /^Nothing to do/);

  // Switch a feature: the verdict and the checks follow, in English.
  await app.click("label[for='feature-trace_route']");
  await app.waitFor("return document.getElementById('verdict').textContent.startsWith('Action needed')");
  await app.click("#tab-checks");
  await app.waitFor("return document.querySelector('#checks-list li[data-check=\"no_cmp\"]') !== null");
  assert.match(await text("#checks-list li[data-check='no_cmp'] .message"), /^Optional features are on but no consent tool/);
  assert.equal(await text("#checks-list li[data-check='no_cmp'] button"), "Go to the consent platform");
  assert.equal(await text("#checks-list li[data-check='no_cmp'] .pill"), "Error");
  // No link names a configuration path.
  const links = await app.execute("return [...document.querySelectorAll('#checks-list button')].map(b => b.textContent)");
  for (const link of links) assert.doesNotMatch(link, /[._[]/, link);
  await app.click("#checks-list li[data-check='no_cmp'] button");
  assert.equal(await app.execute("return document.activeElement.id"), "setup-cmp");
  await choose(app, "#setup-cmp", "cookiebot");
  // (the list is drawn when its tab shows; the badge follows at once)
  await app.waitFor("return !document.getElementById('checks-badge').classList.contains('error')");

  // Copy the snippet: the clipboard holds it, the toast says so in English.
  await app.click("#tab-snippet");
  await app.waitFor("return document.getElementById('snippet-code').dataset.cmp === 'cookiebot'");
  await app.click("#copy-snippet");
  await app.waitFor("return document.getElementById('toasts').textContent.includes('The snippet for Cookiebot copied to the clipboard')");
  assert.equal(clipboard(), await text("#snippet-code"));

  // Unsaved: switch to Polish in Settings. No restart; the edit stays.
  assert.equal(await app.execute("return document.getElementById('dirty').hidden"), false);
  await openSettingsAndChoose("pl");
  assert.equal(await text("#tab-features"), "Funkcje");
  assert.equal(await text("#tab-cookies [data-i18n]"), "Pliki cookie");
  assert.equal(await text("#open-settings"), "Ustawienia");
  assert.equal(await text("#dirty"), "Niezapisane zmiany");
  assert.equal(await app.execute("return document.getElementById('dirty').hidden"), false, "still unsaved");
  assert.equal(await app.execute("return document.getElementById('feature-trace_route').checked"), true, "the edit is kept");
  assert.equal(await app.execute("return document.getElementById('setup-cmp').value"), "cookiebot");
  assert.equal(await text("#account-count"), "1 konto");
  assert.match(await text("#account-version"), /^wersja 1 · /);
  await app.click("#tab-features");
  assert.match(await text("#verdict"), /^Wymagane działanie: włączona jest funkcja „Ścieżka odwiedzin \(Trace Route\)”/);
  assert.equal(await text("label[for='feature-data_memorization'] strong"), "Zapamiętywanie danych (Data Memorization)");
  await app.screenshot("features-pl.png");
  // The longer Polish words still fit the smallest window: nothing spills out sideways.
  await app.setRect({ x: 0, y: 0, width: 1024, height: 700 });
  await app.waitFor("return window.innerWidth === 1024");
  for (const tab of ["features", "cookies", "snippet", "matrix", "checks", "history", "exports", "preview"]) {
    await app.click(`#tab-${tab}`);
    assert.equal(await app.execute("return document.documentElement.scrollWidth <= window.innerWidth"), true, tab);
  }
  await app.screenshot("features-pl-1024x700.png");
  await app.setRect({ x: 0, y: 0, width: 1280, height: 800 });
  await app.click("#tab-features");
  await app.click("#tab-cookies");
  assert.equal(await text("#cookies thead th"), "Nazwa");
  assert.match(await text("#cookies caption"), /^Do zadeklarowania w CMP/);
  assert.equal(await text("#cookies tbody[data-category='analytics'] .group th").then((t) => t.replace(/ \(\d+\)$/, "")), "Analityczne");
  await app.click("#tab-matrix");
  await app.waitFor("return document.querySelector('#matrix thead th:nth-child(2)')?.textContent === 'Brak decyzji'");
  await app.screenshot("matrix-pl.png");
  assert.deepEqual(await axeSerious(app), [], "axe-core on the Polish matrix");
  await app.click("#tab-checks");
  await app.waitFor("return document.querySelector('#checks-list li[data-check=\"no_domain\"] .pill')?.textContent === 'Informacja'");
  // Cookiebot can block scripts by itself and the mode is not recorded: a warning, its link
  // named in words.
  assert.equal(await text("#checks-list li[data-check='blocking_mode_unknown'] .pill"), "Ostrzeżenie");
  assert.match(await text("#checks-list li[data-check='blocking_mode_unknown'] .message"), /^Cookiebot potrafi blokować skrypty automatycznie/);
  assert.equal(await text("#checks-list li[data-check='blocking_mode_unknown'] button"), "Przejdź do automatycznego blokowania w CMP");
  assert.match(await text("#checks-list li[data-check='no_domain'] .message"), /^Nie podano domeny strony/);
  assert.equal(await text("#checks-list li[data-check='no_domain'] button"), "Przejdź do domen strony");
  await app.screenshot("checks-pl.png");
  assert.deepEqual(await axeSerious(app), [], "axe-core on the Polish checks");

  // Copy and save in Polish.
  await app.click("#tab-snippet");
  await app.click("#copy-snippet");
  await app.waitFor("return document.getElementById('toasts').textContent.includes('Skopiowano do schowka: Kod dla Cookiebot')");
  await app.click("#save");
  await app.waitFor("return document.querySelector('dialog[open] h2')?.textContent === 'Zapisz „ACME Ltd”'");
  assert.match(await text("dialog[open] label"), /^Notatka \(opcjonalna\)/);
  assert.equal(await text("dialog[open] button[value='cancel']"), "Anuluj");
  await app.type("dialog[open] input", "śledzenie ścieżki włączone");
  await answer(app, "ok");
  await app.waitFor("return document.getElementById('dirty').hidden === true");
  assert.match(await text("#toasts"), /Zapisano jako wersję 2/);
  assert.deepEqual(
    rows(home, "SELECT v.version, v.note FROM config_versions v ORDER BY v.version"),
    [{ version: 1, note: "created" }, { version: 2, note: "śledzenie ścieżki włączone" }],
  );
  // The history's dates are Polish (Intl), and so are its words.
  await app.click("#tab-history");
  await app.waitFor("return document.querySelectorAll('#history-list tr').length === 2");
  assert.equal(await text("#history-list tr:first-child .pill"), "bieżąca");
  const polishDate = await app.execute("return new Intl.DateTimeFormat('pl', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(document.querySelector('#history-list time').getAttribute('datetime')))");
  assert.equal(await text("#history-list time"), polishDate);

  // The choice is kept: the next start is Polish too.
  await new Promise((ok) => setTimeout(ok, 800));
  await start({ home });
  assert.equal(await app.execute("return document.documentElement.lang"), "pl");
  assert.equal(await text("#new-account"), "Nowe konto");
  // And back to English, without a restart: the differences on screen are said again.
  await app.waitFor("return document.getElementById('account-name').textContent === 'ACME Ltd'");
  await app.click("#tab-history");
  await app.click("#diff-run");
  await app.waitFor("return document.getElementById('diff-result').textContent.includes('Pola (v1 → v2)')");
  await openSettingsAndChoose("en");
  assert.equal(await text("#new-account"), "New account");
  assert.match(await text("#diff-result"), /Fields \(v1 → v2\)/);
  assert.match(await text("#diff-result"), /Snippet \(no CMP → Cookiebot\)/);
});

test("a Polish system locale starts the window in Polish; errors read as sentences with details", async () => {
  const home = freshHome();
  await start({ home, env: { LANG: "pl_PL.UTF-8" } });
  assert.equal(await app.execute("return document.documentElement.lang"), "pl");
  assert.equal(await text("#welcome-title"), "Witamy w CallPage Cookie Admin");
  assert.equal(await text("#welcome-create"), "Utwórz pierwsze konto");
  assert.equal(await text("#welcome-example"), "Otwórz konto przykładowe");
  await app.screenshot("welcome-pl.png");
  assert.deepEqual(await axeSerious(app), [], "axe-core on the Polish welcome");
  await app.click("#open-settings");
  assert.equal(await app.execute("return document.getElementById('ui-language').value"), "system");
  assert.equal(await text("#ui-language-system"), "Jak w systemie (Polski)");
  await app.click("#settings-close");

  // The example, named in Polish.
  await app.click("#welcome-example");
  await app.waitFor("return document.getElementById('account-name').textContent === 'Przykładowy sklep'");
  assert.match(await text("#verdict"), /^Wymagane działanie: włączone są funkcje /);
  assert.match(await text("#verdict"), /Zadeklaruj na platformie CMP 5 elementów danych w kategorii „Analityczne”/);
  assert.equal(rows(home, "SELECT note FROM config_versions")[0].note, "konto przykładowe");

  // A name that is taken: the error says so in Polish, what to do, and keeps the details.
  await app.click("#new-account");
  await app.waitFor("return document.querySelector('dialog[open] h2')?.textContent === 'Nowe konto'");
  await typeAndConfirm("Przykładowy sklep");
  await app.waitFor("return !document.getElementById('error').hidden");
  assert.equal(await text("#error-text"), "Konto o nazwie „Przykładowy sklep” już istnieje.");
  assert.equal(await text("#error-next"), "Wybierz inną nazwę.");
  assert.equal(await text("#error-details summary"), "Szczegóły");
  assert.equal(await app.execute("return document.getElementById('error-details').open"), false);
  assert.match(await text("#error-tech"), /^account_exists: an account named 'Przykładowy sklep' already exists$/);
  await app.screenshot("error-pl.png");
  assert.deepEqual(await axeSerious(app), [], "axe-core on a Polish view with an error");
  // Switched to English while it shows: the error is said again in English.
  await openSettingsAndChoose("en");
  assert.equal(await text("#error-text"), "An account named “Przykładowy sklep” already exists.");
  await app.click("#error-close");

  // A Polish main flow from the first account on: create, switch, check, copy, save.
  await openSettingsAndChoose("pl");
  await app.click("#new-account");
  await typeAndConfirm("Sklep Zażółć");
  await app.waitFor("return document.getElementById('account-name').textContent === 'Sklep Zażółć'");
  assert.equal(await text("#account-count"), "2 konta");
  assert.match(await text("#verdict"), /^Nic do zrobienia/);
  await app.click("label[for='feature-data_memorization']");
  await app.waitFor("return document.getElementById('verdict').textContent.startsWith('Wymagane działanie')");
  await app.click("#tab-checks");
  await app.waitFor("return document.querySelector('#checks-list li[data-check=\"personal_data_stored\"]') !== null");
  assert.equal(
    await text("#checks-list li[data-check='personal_data_stored'] button"),
    "Przejdź do funkcji „Zapamiętywanie danych (Data Memorization)”",
  );
  assert.equal(await text("#checks-list li[data-check='no_cmp'] .pill"), "Błąd");
  assert.match(await text("#checks-list li[data-check='no_cmp'] .fix"), /^Jak poprawić: Wybierz platformę CMP/);
  await app.click("#tab-snippet");
  assert.equal(await text("#snippet-steps li"), "Wybierz platformę CMP używaną na stronie, aby zobaczyć kod i miejsce, w którym trzeba go wkleić.");
  assert.equal(await app.execute("return document.getElementById('copy-snippet').disabled"), true, "no CMP, nothing to copy");
  await choose(app, "#snippet-cmp", "onetrust");
  await app.waitFor("return document.getElementById('snippet-code').dataset.cmp === 'onetrust'");
  await app.click("#copy-snippet");
  await app.waitFor("return document.getElementById('toasts').textContent.includes('Skopiowano do schowka: Kod dla OneTrust')");
  assert.match(clipboard(), /OneTrust/);
  // The where-to-paste steps are Polish, in the list and in the snippet's leading comment.
  assert.match(await text("#snippet-steps li"), /^Wklej ten kod do sekcji <head> każdej strony, za skryptem OneTrust/);
  assert.match(clipboard(), /\n {2}1\. Wklej ten kod do sekcji &lt;head&gt; każdej strony/);
  // The blocking-mode picker and its help.
  await app.click("#tab-features");
  assert.equal(await text("#setup-blocking-mode option[value='']"), "Nie wiadomo (domyślnie w OneTrust: wyłączone)");
  assert.match(await text("#setup-blocking-mode-hint"), /^OneTrust potrafi sam blokować skrypty/);
  assert.equal(await text("#setup-blocking-mode option[value='auto']"), "Blokowanie automatyczne jest włączone");
  // The dialogs: the site check and the audit of a CMP report.
  await app.click("#open-sitecheck");
  await app.waitFor("return document.getElementById('sitecheck-dialog').open");
  assert.equal(await text("#sitecheck-title"), "Sprawdzenie strony");
  assert.equal(await text("#sitecheck-run"), "Sprawdź");
  assert.equal(await text("#sitecheck-page-path"), "Nie wybrano pliku");
  assert.match(await text("#sitecheck-against"), /^Sprawdzane względem konta Sklep Zażółć \(z niezapisanymi zmianami\)/);
  assert.deepEqual(await axeSerious(app), [], "axe-core on the Polish site check");
  await app.click("#sitecheck-close");
  await app.click("#audit-open");
  await app.waitFor("return document.getElementById('audit-dialog').open");
  assert.equal(await text("#audit-title"), "Sprawdzenie raportu CMP");
  assert.equal(await text("#audit-choose"), "Wybierz raport…");
  assert.equal(await text("#audit-path"), "Nie wybrano raportu");
  assert.equal(await text("#audit-format option[value='auto']"), "Rozpoznaj po zawartości");
  await app.click("#audit-close");
  await app.click("#save");
  await app.waitFor("return document.querySelector('dialog[open] h2')?.textContent === 'Zapisz „Sklep Zażółć”'");
  await answer(app, "ok");
  await app.waitFor("return document.getElementById('dirty').hidden === true");
  assert.match(await text("#account-version"), /^wersja 2 · /);
  assert.equal(rows(home, "SELECT count(*) AS n FROM config_versions")[0].n, 3);
});
