// Steps several end-to-end tests share.
import { readFileSync } from "node:fs";
import { join } from "node:path";

const AXE = readFileSync(join(import.meta.dirname, "node_modules", "axe-core", "axe.min.js"), "utf8");

/** axe-core's serious and critical findings on the window as it is now (empty when none). */
export async function axeSerious(app) {
  await app.execute(`if (!window.axe) { ${AXE} }`);
  const result = await app.executeAsync(
    "const done = arguments[arguments.length - 1]; axe.run(document, { resultTypes: ['violations'] }).then((r) => done(r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }))), (e) => done([{ id: 'axe-error', impact: 'critical', help: String(e) }]));",
  );
  return result.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** Create an account through the "New account" dialog and wait until the editor shows it. */
export async function createAccount(app, name) {
  await app.click("#new-account");
  await app.waitFor("return document.querySelector('dialog[open] input') !== null");
  await app.type("dialog[open] input", name);
  await app.click("dialog[open] button[value='ok']");
  await app.waitFor(
    "return document.getElementById('account-name').textContent === arguments[0] && document.querySelector('#verdict')?.textContent.length > 0",
    { args: [name] },
  );
}

/** Answer the open modal dialog with the button of this value. */
export async function answer(app, value) {
  await app.waitFor("return document.querySelector('dialog[open]') !== null");
  await app.click(`dialog[open] button[value='${value}']`);
  await app.waitFor("return !document.querySelector('dialog.modal[open]:not(#import-dialog):not(#export-dialog):not(#settings-dialog)')");
}

/** Choose an option of a <select> the way a user does (the change event fires). */
export async function choose(app, css, value) {
  await app.execute(
    "const s = document.querySelector(arguments[0]); s.value = arguments[1]; s.dispatchEvent(new Event('change', { bubbles: true }));",
    [css, value],
  );
}

/** The paths the next native file dialogs return (the app's test hook, see ui/api.js). */
export async function queuePaths(app, ...paths) {
  await app.execute("window.cookieAdminTestPaths = arguments[0];", [paths]);
}
