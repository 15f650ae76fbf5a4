// The window's words in English and Polish. `t(key, params)` looks a key up in the current
// language's dictionary (ui/locales/<lang>.js) and fills `{name}` placeholders; a value may be
// an object of plural forms ({ one, few, many, other }) chosen by `params.count` through
// Intl.PluralRules. Static markup carries `data-i18n="key"` (its text) and
// `data-i18n-aria-label`, `data-i18n-title`, `data-i18n-placeholder` (attributes);
// `translatePage()` fills them. Dates, numbers, sizes and lists go through Intl.
// How to add a string: docs/ui.md, "Languages".
import en from "./locales/en.js";
import pl from "./locales/pl.js";

export const DICTIONARIES = { en, pl };
export const LANGUAGES = Object.keys(DICTIONARIES);

let current = "en";

/** The window's language: "en" or "pl". */
export const language = () => current;

/** Switch the language and translate the static markup (views re-render themselves). */
export function setLanguage(lang) {
  current = lang in DICTIONARIES ? lang : "en";
  document.documentElement.lang = current;
  translatePage();
}

const ATTRIBUTES = [
  ["i18nAriaLabel", "aria-label"],
  ["i18nTitle", "title"],
  ["i18nPlaceholder", "placeholder"],
];

/** Fill every data-i18n text and attribute under `root`. */
export function translatePage(root = document) {
  for (const node of root.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const [data, attribute] of ATTRIBUTES) {
    const selector = `[data-${data.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}]`;
    for (const node of root.querySelectorAll(selector)) node.setAttribute(attribute, t(node.dataset[data]));
  }
}

/** The text of `key` in the current language, with `{name}` filled from `params`. */
export function t(key, params = {}) {
  let entry = DICTIONARIES[current][key];
  if (entry === undefined) {
    // The key test (tests/e2e/i18n-keys.test.mjs) keeps this from happening; say so if it does.
    console.error(`no ${current} text for "${key}"`);
    entry = en[key] ?? key;
  }
  if (typeof entry === "object") entry = entry[pluralRules().select(Number(params.count ?? 0))] ?? entry.other;
  return entry.replace(/\{(\w+)\}/g, (whole, name) => {
    if (!(name in params)) return whole;
    const value = params[name];
    return typeof value === "number" ? number(value) : String(value);
  });
}

/** Whether `key` has a text (for keys built from data, such as `error.<kind>`). */
export const hasText = (key) => key in DICTIONARIES[current];

/** A text that comes in both languages from Rust (`{ en, pl }`), in the current one. */
export const loc = (text) => (text && typeof text === "object" ? text[current] ?? text.en : text ?? "");

const cache = new Map();
function cached(kind, options, make) {
  const key = `${current}|${kind}|${JSON.stringify(options)}`;
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key);
}

const pluralRules = () => cached("plural", {}, () => new Intl.PluralRules(current));

/** 1234.5 -> "1,234.5" / "1234,5". */
export const number = (value, options = {}) =>
  cached("number", options, () => new Intl.NumberFormat(current, options)).format(value);

/** A date and time in the user's language ("Mar 4, 2026, 10:15 AM" / "4 mar 2026, 10:15"). */
export function dateTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return cached("date", {}, () => new Intl.DateTimeFormat(current, { dateStyle: "medium", timeStyle: "short" })).format(date);
}

/** A file size: "12 bytes", "3.4 kB", "1.2 MB". */
export function bytes(count) {
  const [value, unit] = count >= 1e6 ? [count / 1e6, "megabyte"] : count >= 1e3 ? [count / 1e3, "kilobyte"] : [count, "byte"];
  return number(value, { style: "unit", unit, unitDisplay: unit === "byte" ? "long" : "short", maximumFractionDigits: 1 });
}

/** ["A", "B", "C"] -> "A, B and C" / "A, B i C". */
export const list = (items) =>
  cached("list", {}, () => new Intl.ListFormat(current, { type: "conjunction" })).format(items.map(String));
