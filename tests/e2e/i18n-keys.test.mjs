// The window's dictionaries (ui/locales/en.js and pl.js) against each other and against the
// code that uses them, without a window: both have the same keys, plural forms and
// placeholders; every key the UI asks for exists; every key is used; every error kind the
// Rust crates can send has a sentence; a Polish text is not just the English one.
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { repoRoot } from "./webdriver.mjs";

const ui = join(repoRoot, "ui");
const read = (...parts) => readFileSync(join(...parts), "utf8");

/** A locale file is a plain module (`export default {...}`, no imports): load it as one. */
async function dictionary(lang) {
  const text = read(ui, "locales", `${lang}.js`);
  assert.doesNotMatch(text, /^\s*import\b/m, `${lang}.js imports nothing`);
  return (await import(`data:text/javascript;charset=utf-8,${encodeURIComponent(text)}`)).default;
}

const en = await dictionary("en");
const pl = await dictionary("pl");
const DICTIONARIES = { en, pl };

// The UI's sources: index.html (without comments) and every script.
const html = read(ui, "index.html").replace(/<!--[\s\S]*?-->/g, "");
const scripts = ["main.js", "dom.js", "api.js", "i18n.js", ...readdirSync(join(ui, "views")).map((f) => join("views", f))]
  .map((file) => ({ file, text: read(ui, file) }));
const code = scripts.map((s) => s.text).join("\n");

/** The first argument of every t(...) call in the scripts, as source text. */
function firstArguments() {
  const args = [];
  for (const m of code.matchAll(/(?<![\w.$])t\(/g)) {
    let depth = 0;
    let quote = null;
    let i = m.index + 2;
    for (; i < code.length; i++) {
      const c = code[i];
      if (quote) {
        if (c === "\\") i++;
        else if (c === quote) quote = null;
      } else if (c === '"' || c === "'" || c === "`") quote = c;
      else if (c === "(") depth++;
      else if (c === ")" || c === ",") {
        if (depth === 0) break;
        if (c === ")") depth--;
      }
    }
    args.push(code.slice(m.index + 2, i));
  }
  return args;
}

/** Keys asked for literally: t("key"), t(x ? "a" : "b"), data-i18n*="key". */
function literalKeys() {
  const keys = new Set();
  for (const arg of firstArguments()) {
    for (const s of arg.matchAll(/"([a-zA-Z][\w.-]*)"/g)) keys.add(s[1]);
  }
  for (const m of html.matchAll(/data-i18n(?:-[a-z-]+)?="([^"]+)"/g)) keys.add(m[1]);
  return keys;
}

/** Keys built from data: t(`prefix.${...}`) (also inside a condition) gives the prefix. */
function dynamicPrefixes() {
  return firstArguments().flatMap((arg) => [...arg.matchAll(/`([\w.-]+)\$\{/g)].map((m) => m[1]));
}

const placeholders = (value) =>
  [...new Set((typeof value === "object" ? Object.values(value).join(" ") : value).match(/\{\w+\}/g) ?? [])].sort();

test("English and Polish have the same keys, plural forms and placeholders", () => {
  assert.deepEqual(Object.keys(pl).sort(), Object.keys(en).sort());
  for (const [lang, dict] of Object.entries(DICTIONARIES)) {
    const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories.sort();
    for (const [key, value] of Object.entries(dict)) {
      if (typeof value === "object") {
        assert.deepEqual(Object.keys(value).sort(), categories, `${lang} ${key}: every plural form of ${lang}`);
        for (const form of Object.values(value)) assert.match(form, /\{count\}/, `${lang} ${key}: shows the count`);
      } else {
        assert.equal(typeof value, "string", `${lang} ${key}`);
        assert.ok(value.trim().length > 0, `${lang} ${key} is empty`);
      }
    }
  }
  for (const key of Object.keys(en)) {
    assert.equal(typeof pl[key], typeof en[key], `${key}: plural in one language only`);
    assert.deepEqual(placeholders(pl[key]), placeholders(en[key]), `${key}: placeholders differ`);
  }
});

test("every key the window asks for exists, and every key is asked for", () => {
  const literal = literalKeys();
  assert.ok(literal.size > 200, `found the keys in use (${literal.size})`);
  const missing = [...literal].filter((key) => !(key in en));
  assert.deepEqual(missing, [], "keys used in ui/ but not in the dictionaries");

  const prefixes = dynamicPrefixes();
  for (const prefix of prefixes) {
    assert.ok(Object.keys(en).some((k) => k.startsWith(prefix)), `nothing for ${prefix}…`);
  }
  const unused = Object.keys(en).filter((key) => !literal.has(key) && !prefixes.some((p) => key.startsWith(p)));
  assert.deepEqual(unused, [], "keys in the dictionaries that nothing uses");
});

test("keys built from data cover every value the data can have", () => {
  const expect = (prefix, values) => {
    for (const value of values) assert.ok(`${prefix}${value}` in en, `${prefix}${value}`);
  };
  // Enumerations of the core (serde snake_case ids), mirrored here on purpose.
  expect("category.", ["necessary", "functional", "analytics", "marketing"]);
  expect("severity.", ["error", "warning", "info"]);
  expect("cookies.evidence.", ["declared", "observed"]);
  expect("history.change.", ["added", "removed", "changed"]);
  expect("audit.status.", ["declared", "missing", "stale", "not_in_scan"]);
  expect("sitecheck.group.", ["error", "warning", "info"]);
  // The catalog diff (crates/core/src/catalog_diff.rs): change kinds and the fields it lists.
  expect("catalog.kind.", ["added", "removed", "renamed", "moved", "changed"]);
  expect("catalog.count.", ["added", "removed", "renamed", "moved", "changed"]);
  expect("catalog.party.", ["first_party", "third_party"]);
  const diffSource = read(repoRoot, "crates", "core", "src", "catalog_diff.rs").split("#[cfg(test)]")[0];
  const fields = [];
  for (const m of diffSource.matchAll(/push\(\s*&mut out,\s*"([\w.]+)"/g)) fields.push(m[1]);
  for (const m of diffSource.matchAll(/push_text\(\s*&mut out,\s*"([\w.]+)"/g)) fields.push(`${m[1]}.en`, `${m[1]}.pl`);
  assert.ok(fields.includes("duration_seconds") && fields.includes("purpose.pl"), fields.join());
  expect("catalog.field.", fields);
  // Values in the window's own code and markup.
  const columns = JSON.parse(read(ui, "views", "cookies.js").match(/const COLUMNS = (\[[^\]]*\])/)[1]);
  expect("cookies.col.", columns);
  const exportSelect = html.match(/<select id="export-format">([\s\S]*?)<\/select>/)[1];
  expect("export.fileType.", [...exportSelect.matchAll(/value="([^"]+)"/g)].map((m) => m[1]));
});

test("every error kind the shell can send has a sentence and a next step in both languages", () => {
  const sources = [
    join(repoRoot, "src-tauri", "src", "error.rs"),
    ...readdirSync(join(repoRoot, "crates")).map((crate) => join(repoRoot, "crates", crate, "src", "error.rs")),
  ];
  const kinds = new Set();
  for (const file of sources) {
    let text;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    const body = text.match(/fn kind\(&self\)[\s\S]*?\n {4}\}/)?.[0] ?? "";
    for (const m of body.matchAll(/=> "([a-z_]+)"/g)) kinds.add(m[1]);
  }
  // And the kinds the window makes itself (ui/api.js, views).
  for (const m of code.matchAll(/kind: "([a-z_]+)"/g)) kinds.add(m[1]);
  assert.ok(kinds.has("database_busy") && kinds.has("account_exists") && kinds.has("no_database"), [...kinds].join());
  for (const kind of kinds) {
    for (const [lang, dict] of Object.entries(DICTIONARIES)) {
      assert.ok(`error.${kind}` in dict, `${lang}: error.${kind}`);
      assert.ok(`error.${kind}.next` in dict, `${lang}: error.${kind}.next`);
    }
  }
});

test("a Polish text is Polish: not the English one, with Polish letters where words need them", () => {
  // Texts that are the same in both languages on purpose.
  // The live preview's seconds column and the browser's storage API names.
  const SAME = new Set(["dialog.ok", "exports.format", "preview.time", "preview.localStorage", "preview.sessionStorage"]);
  const same = Object.keys(en).filter((key) => !SAME.has(key) && JSON.stringify(en[key]) === JSON.stringify(pl[key]));
  assert.deepEqual(same, [], "untranslated (add to SAME only if the words really are the same)");
  const all = Object.values(pl).flatMap((v) => (typeof v === "object" ? Object.values(v) : [v])).join(" ");
  for (const letter of "ąćęłńóśźż") assert.ok(all.includes(letter), `the Polish texts use ${letter}`);
  // Polish typography: „…” quotes, never English ones.
  const texts = (v) => (typeof v === "object" ? Object.values(v) : [v]);
  const english = Object.entries(pl).filter(([, v]) => texts(v).some((text) => /[“"]/.test(text)));
  assert.deepEqual(english.map(([k]) => k), [], "Polish texts with English quotation marks");
});
