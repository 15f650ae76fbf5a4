// Small DOM helpers shared by the views: element building (text only, never HTML strings),
// the status line, toasts and modal questions on <dialog>.

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

/** Show an error in full (kind and message) in the alert area. */
export function showError(error) {
  const box = $("#error");
  $("#error-text").textContent = `${error?.kind ?? "error"}: ${error?.message ?? error}`;
  box.hidden = false;
  $("#error-close").focus();
}

export function clearError() {
  $("#error").hidden = true;
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
export async function promptText({ title, label, value = "", okLabel = "OK", hint }) {
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
      { label: "Cancel", value: "cancel" },
      { label: okLabel, value: "ok", primary: true },
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

/** Copy text and say so where the user looks. */
export async function copyWithConfirmation(copy, text, what, button) {
  await copy(text);
  announce(`${what} copied to the clipboard`);
  toast(`${what} copied to the clipboard`);
  if (button) {
    const old = button.textContent;
    button.textContent = "Copied ✓";
    button.classList.add("copied");
    setTimeout(() => {
      button.textContent = old;
      button.classList.remove("copied");
    }, 2000);
  }
}
