// The snippet: pick the CMP, read where to paste it, see it highlighted, copy it in one click.
import * as api from "../api.js";
import { $, h, copyWithConfirmation, showError } from "../dom.js";
import { t } from "../i18n.js";

let app;

export function init(context) {
  app = context;
  const picker = $("#snippet-cmp");
  picker.append(...app.lists.cmps.map((c) => h("option", { value: c.id }, c.name)));
  picker.addEventListener("change", () => {
    app.edit((c) => { c.cmp = picker.value || null; });
  });
  $("#copy-snippet").addEventListener("click", () => copySnippet());
}

export async function copySnippet() {
  const snippet = app.preview?.snippet;
  if (!snippet) {
    showError({ kind: "no_cmp", message: "no CMP chosen for the snippet" });
    return;
  }
  try {
    await copyWithConfirmation(api.copyText, snippet.html, t("snippet.copied", { cmp: snippet.cmp_name }), $("#copy-snippet"));
  } catch (error) {
    showError(error);
  }
}

// One pass over the text: HTML comments, JS comments, tags, strings, keywords, numbers.
const TOKENS = /(<!--[\s\S]*?-->)|(\/\*[\s\S]*?\*\/|\/\/[^\n]*)|(<\/?[a-zA-Z][\w-]*|\/?>)|("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|\b(var|let|const|function|return|if|else|for|while|new|typeof|try|catch|throw|in|of|true|false|null|undefined|this|void)\b|\b(\d+(?:\.\d+)?)\b/g;
const CLASSES = [null, "tok-comment", "tok-comment", "tok-tag", "tok-string", "tok-keyword", "tok-number"];

/** Syntax-highlighted code as DOM nodes (text nodes and spans; never parsed as HTML). */
export function highlight(text) {
  const out = [];
  let last = 0;
  for (const match of text.matchAll(TOKENS)) {
    if (match.index > last) out.push(document.createTextNode(text.slice(last, match.index)));
    const group = match.findIndex((m, i) => i > 0 && m !== undefined);
    out.push(h("span", { class: CLASSES[group] }, match[0]));
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push(document.createTextNode(text.slice(last)));
  return out;
}

let drawn = null; // the snippet shown, as JSON
let drawnPreview = null; // the preview last drawn (or found unchanged)

/** The language changed: the next preview (in the new language) is drawn again. */
export function retranslate() {
  drawn = null;
  drawnPreview = null;
}

/** The preview changed: draw now if the tab is visible, else when it is shown. */
export function update() {
  if (!$("#panel-snippet").hidden) show();
}

export function show() {
  const preview = app.preview;
  if (!preview || drawnPreview === preview) return;
  drawnPreview = preview;
  const picker = $("#snippet-cmp");
  picker.value = app.current.config.cmp ?? "";
  const snippet = preview.snippet;
  $("#copy-snippet").disabled = !snippet;
  const steps = $("#snippet-steps");
  const code = $("#snippet-code");
  // An edit that leaves the snippet as it is (a note, a domain) redraws nothing.
  const key = snippet ? JSON.stringify([snippet.cmp, snippet.steps, snippet.html, snippet.nothing_to_do]) : "";
  if (key === drawn) return;
  drawn = key;
  if (!snippet) {
    steps.replaceChildren(h("li", {}, t("snippet.chooseFirst")));
    code.replaceChildren();
    code.dataset.cmp = "";
    return;
  }
  steps.replaceChildren(...snippet.steps.map((s) => h("li", {}, s)));
  code.replaceChildren(...highlight(snippet.html));
  code.dataset.cmp = snippet.cmp;
  $("#snippet-nothing").hidden = !snippet.nothing_to_do;
}
