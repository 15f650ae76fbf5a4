// Small DOM helpers shared by the views: element building (text only, never HTML strings),
// the status line, toasts, errors people understand and modal questions on <dialog>.
import { hasText, list, t } from "./i18n.js";

/** Build an element: h("button", { class: "x", onclick: f }, "text", child, ...). */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      node.addEventListener(key.slice(2), value);
    } else if (key === "class") {
      node.className = value;
    } else if (key === "dataset") {
      Object.assign(node.dataset, value);
    } else if (key in node && typeof value !== "string") {
      node[key] = value;
    } else {
      node.setAttribute(key, value === true ? "" : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

/** Say something to screen readers and in the status line. */
export function announce(text) {
  const status = $("#status");
  status.textContent = "";
  // A fresh text node so that the same message is read again.
  requestAnimationFrame(() => {
    status.textContent = text;
  });
}

/** A short confirmation, with an optional action button (e.g. Undo). */
export function toast(text, action) {
  const box = $("#toasts");
  const item = h("div", { class: "toast", role: "status" }, h("span", {}, text));
  if (action) {
    item.append(
      h("button", { type: "button", class: "link", onclick: () => { item.remove(); action.run(); } }, action.label),
    );
  }
  box.append(item);
  setTimeout(() => item.remove(), action ? 12000 : 4000);
}

/**
 * An error from the shell (`{ kind, message, params }`) in words: a sentence saying what
 * happened and one saying what to do next, in the window's language, and the technical text
 * (kind and message, in English, for support) to show behind "Details".
 */
export function explain(error) {
  const kind = typeof error?.kind === "string" ? error.kind : "unknown";
  const params = Object.fromEntries(
    Object.entries(error?.params && typeof error.params === "object" ? error.params : {})
      .map(([key, value]) => [key, Array.isArray(value) ? list(value) : value]),
  );
  const known = hasText(`error.${kind}`);
  return {
    sentence: t(known ? `error.${kind}` : "error.unknown", params),
    next: t(known ? `error.${kind}.next` : "error.unknown.next", params),
    technical: `${kind}: ${error?.message ?? error}`,
  };
}

/** The error as nodes: the two sentences, then the technical text in a closed <details>. */
export function errorNodes(error) {
  const { sentence, next, technical } = explain(error);
  return [
    h("p", { class: "error-sentence" }, h("strong", {}, sentence)),
    h("p", { class: "error-next" }, next),
    h("details", { class: "error-details" }, h("summary", {}, t("error.details")), h("pre", { class: "error-text" }, technical)),
  ];
}

let shownError = null; // the error in the alert area, to say again in another language

/** Show an error in the alert area: what happened, what to do, details on demand. */
export function showError(error) {
  shownError = error;
  const { sentence, next, technical } = explain(error);
  $("#error-text").textContent = sentence;
  $("#error-next").textContent = next;
  $("#error-tech").textContent = technical;
  $("#error-details").open = false;
  $("#error").hidden = false;
  $("#error-close").focus();
}

export function clearError() {
  shownError = null;
  $("#error").hidden = true;
}

/** Say the shown error again (after the language changed). */
export function retranslateError() {
  if (shownError && !$("#error").hidden) {
    const open = $("#error-details").open;
    const { sentence, next } = explain(shownError);
    $("#error-text").textContent = sentence;
    $("#error-next").textContent = next;
    $("#error-details").open = open;
  }
}

/**
 * A modal question on a <dialog>. `body` is a node (or text); `buttons` are
 * [{ label, value, primary?, danger? }]. Resolves to the chosen value, or null on Escape.
 * `onOpen(dialog)` may focus a field; `collect(dialog)` turns a chosen value into a result.
 */
export function ask({ title, body, buttons, collect, onOpen }) {
  return new Promise((resolve) => {
    const titleId = `dialog-title-${Math.random().toString(36).slice(2)}`;
    const form = h("form", { method: "dialog" });
    const dialog = h(
      "dialog",
      { class: "modal", "aria-labelledby": titleId },
      form,
    );
    form.append(
      h("h2", { id: titleId }, title),
      typeof body === "string" ? h("p", {}, body) : body,
      h(
        "div",
        { class: "dialog-buttons" },
        buttons.map((b) =>
          h(
            "button",
            {
              type: "submit",
              value: b.value,
              class: b.primary ? "primary" : b.danger ? "danger" : "",
              dataset: { value: b.value },
            },
            b.label,
          ),
        ),
      ),
    );
    dialog.addEventListener("close", () => {
      const value = dialog.returnValue || null;
      dialog.remove();
      if (value === null || value === "cancel") resolve(value === "cancel" ? null : null);
      else resolve(collect ? collect(dialog, value) : value);
    });
    document.body.append(dialog);
    dialog.showModal();
    if (onOpen) onOpen(dialog);
    else $("button.primary", dialog)?.focus();
  });
}

/** Ask for one line of text. Resolves to the text, or null when cancelled. */
export async function promptText({ title, label, value = "", okLabel, hint }) {
  const inputId = `prompt-${Math.random().toString(36).slice(2)}`;
  const body = h(
    "div",
    { class: "field" },
    h("label", { for: inputId }, label),
    h("input", { id: inputId, type: "text", value, autocomplete: "off" }),
    hint ? h("p", { class: "hint" }, hint) : null,
  );
  return ask({
    title,
    body,
    buttons: [
      { label: t("dialog.cancel"), value: "cancel" },
      { label: okLabel ?? t("dialog.ok"), value: "ok", primary: true },
    ],
    onOpen: (dialog) => {
      const input = $("input", dialog);
      // Enter in the field means OK (the form's first button is Cancel).
      input.addEventListener("keydown", (event) => {
        if (event.key === "Enter") {
          event.preventDefault();
          dialog.close("ok");
        }
      });
      input.focus();
      input.select();
    },
    collect: (dialog) => $("input", dialog).value,
  });
}

/** Copy text and say so where the user looks. `what` names it ("The snippet for OneTrust"). */
export async function copyWithConfirmation(copy, text, what, button) {
  await copy(text);
  announce(t("copy.done", { what }));
  toast(t("copy.done", { what }));
  if (button) {
    const old = button.textContent;
    button.textContent = t("copy.copied");
    button.classList.add("copied");
    setTimeout(() => {
      button.textContent = old;
      button.classList.remove("copied");
    }, 2000);
  }
}
