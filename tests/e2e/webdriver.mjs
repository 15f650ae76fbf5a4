// A small W3C WebDriver client over fetch, and a harness that starts the real app window
// through WebKitWebDriver (Debian's webkit2gtk-driver) with fresh, temporary data and
// config directories, so tests never touch a user's database or settings.
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export const repoRoot = resolve(import.meta.dirname, "..", "..");
export const appBinary =
  process.env.COOKIE_ADMIN_BIN ?? join(repoRoot, "target", "debug", "cookie-admin");
export const outputDir = join(repoRoot, "target", "e2e");
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

async function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.unref();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

/** Make a fresh home for one app run: XDG data and config directories under a temp dir. */
const homes = new Set();
// Every temporary home goes when the test process ends, however it ends.
process.on("exit", () => {
  for (const home of homes) rmSync(home, { recursive: true, force: true });
});

export function freshHome() {
  const home = mkdtempSync(join(tmpdir(), "cookie-admin-e2e-"));
  homes.add(home);
  for (const dir of ["data", "config", "cache"]) mkdirSync(join(home, dir));
  return home;
}

export class Session {
  constructor(base, id, driver) {
    this.base = base;
    this.id = id;
    this.driver = driver;
  }

  async cmd(method, path, body) {
    const response = await fetch(`${this.base}/session/${this.id}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json();
    if (!response.ok) {
      throw new Error(`WebDriver ${method} ${path}: ${json.value?.error}: ${json.value?.message}`);
    }
    return json.value;
  }

  async execute(script, args = []) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  async executeAsync(script, args = []) {
    return this.cmd("POST", "/execute/async", { script, args });
  }

  async find(css) {
    const value = await this.cmd("POST", "/element", { using: "css selector", value: css });
    return value[ELEMENT];
  }

  async click(css) {
    // A list the app re-renders may replace the element between finding and clicking it: find
    // it again then. Something may also lie over it for a moment (a modal dialog that has just
    // closed, a view being redrawn after a language switch): try again for up to 2 s; an
    // element that stays covered still fails the test.
    for (let attempt = 1; ; attempt++) {
      const element = await this.find(css);
      try {
        return await this.cmd("POST", `/element/${element}/click`, {});
      } catch (error) {
        const message = String(error.message);
        const stale = message.includes("stale element");
        const covered = message.includes("element click intercepted");
        if (!(stale && attempt < 5) && !(covered && attempt < 20)) throw error;
        await sleep(100);
      }
    }
  }

  /** Run the next commands inside the frame `css` selects (W3C "switch to frame"). */
  async switchToFrame(css) {
    const element = await this.find(css);
    return this.cmd("POST", "/frame", { id: { [ELEMENT]: element } });
  }

  /** Back to the window's own document. */
  async switchToParent() {
    return this.cmd("POST", "/frame/parent", {});
  }

  /** Type into a field (W3C "element send keys"); "\uE009" holds Control, "\uE000" releases. */
  async type(css, text) {
    const element = await this.find(css);
    return this.cmd("POST", `/element/${element}/value`, { text });
  }

  /**
   * Press keys on whatever has the focus, as a keyboard does (W3C actions). Each argument is a
   * key ("a", "\uE004" Tab, "\uE007" Enter, "\uE014" ArrowRight) or a chord array such as
   * ["\uE009", "k"] (Control+K): modifiers first, held while the last key is pressed.
   */
  async keys(...presses) {
    const actions = [];
    for (const press of presses) {
      const chord = Array.isArray(press) ? press : [...press];
      if (Array.isArray(press)) {
        for (const key of chord) actions.push({ type: "keyDown", value: key });
        for (const key of [...chord].reverse()) actions.push({ type: "keyUp", value: key });
      } else {
        for (const key of chord) actions.push({ type: "keyDown", value: key }, { type: "keyUp", value: key });
      }
    }
    await this.cmd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions }] });
    await this.cmd("DELETE", "/actions");
  }

  /** Resize (and move) the window, e.g. to check the layout at 1024x700 and at full HD. */
  async setRect(rect) {
    return this.cmd("POST", "/window/rect", rect);
  }

  async getRect() {
    return this.cmd("GET", "/window/rect");
  }

  async text(css) {
    const element = await this.find(css);
    return this.cmd("GET", `/element/${element}/text`);
  }

  /** Poll a script until it returns a truthy value; fail with the last value after `ms`. */
  async waitFor(script, { ms = 15000, args = [] } = {}) {
    const deadline = Date.now() + ms;
    let last;
    while (Date.now() < deadline) {
      last = await this.execute(script, args);
      if (last) return last;
      await sleep(50);
    }
    throw new Error(`timed out waiting for: ${script} (last: ${JSON.stringify(last)})`);
  }

  /** Save a PNG screenshot into target/e2e/ (the build output). */
  async screenshot(name) {
    // Screenshots lag the DOM a little under Xvfb: let two frames pass first.
    await this.executeAsync(
      "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
    );
    await sleep(300);
    const png = await this.cmd("GET", "/screenshot");
    mkdirSync(outputDir, { recursive: true });
    const path = join(outputDir, name);
    writeFileSync(path, Buffer.from(png, "base64"));
    return path;
  }

  /** End the session, then stop the driver and the app it started (one process group). */
  async close() {
    try {
      await fetch(`${this.base}/session/${this.id}`, {
        method: "DELETE",
        signal: AbortSignal.timeout(5000),
      });
    } catch {
      // the group is stopped below either way
    }
    stopGroup(this.driver);
  }
}

function stopGroup(child) {
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // already gone
  }
}

/**
 * Start WebKitWebDriver and open the app in a real window.
 * `home` holds the XDG directories; pass the same one again to restart on the same data.
 * The app runs in the C locale (English) unless `env` sets LANG or LC_ALL.
 */
export async function launchApp({ home = freshHome(), env = {} } = {}) {
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    throw new Error("no display: run the end-to-end tests under xvfb-run (make test does)");
  }
  const port = await freePort();
  const driver = spawn("WebKitWebDriver", [`--port=${port}`], {
    env: {
      ...process.env,
      TAURI_WEBVIEW_AUTOMATION: "true",
      XDG_DATA_HOME: join(home, "data"),
      XDG_CONFIG_HOME: join(home, "config"),
      XDG_CACHE_HOME: join(home, "cache"),
      // The window follows the system's language: English unless a test asks otherwise
      // (env: { LANG: "pl_PL.UTF-8" }), whatever the machine running the tests uses.
      LANG: "C.UTF-8",
      LC_ALL: "",
      LC_MESSAGES: "",
      LANGUAGE: "",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
    // Its own process group, so that stopping it also stops the app window it started.
    detached: true,
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10000;
  for (;;) {
    try {
      const status = await fetch(`${base}/status`);
      if (status.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      stopGroup(driver);
      throw new Error("WebKitWebDriver did not start");
    }
    await sleep(50);
  }
  const response = await fetch(`${base}/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      capabilities: {
        alwaysMatch: { "webkitgtk:browserOptions": { binary: appBinary, args: [] } },
      },
    }),
  });
  const json = await response.json();
  if (!response.ok) {
    stopGroup(driver);
    throw new Error(`could not start the app: ${json.value?.message}`);
  }
  const session = new Session(base, json.value.sessionId, driver);
  session.home = home;
  return session;
}
