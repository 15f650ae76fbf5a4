// The live consent preview's speed, in the real window (WebKitWebDriver, the e2e harness).
//
//   COOKIE_ADMIN_BIN=target/release/cookie-admin node benches/preview.mjs --home DIR [--n 30]
//
// DIR holds fresh XDG directories. Prints one JSON object on stdout. Needs a display.
//
// Goals (issue 17): switching the CMP shows the new preview in under 500 ms; a consent click
// shows its storage changes within one frame of the page doing them.
// 1. `switch_ms`: the Consent platform picker changed (alternately Klaro, its real code, and
//    Cookiebot, a model) -> the new test site's first page loaded and said hello to the window
//    (its CMP named in the pane: the page's driver has loaded what it needs), timed in the window with performance.now();
// 2. `row_ms`: for every storage write of a consent click (accept all, then start over), the
//    page's write (the recorder's time in the frame, on the shared clock performance.timeOrigin
//    + now()) -> its row in the window's log painted (after the next animation frame).
import { launchApp } from "../tests/e2e/webdriver.mjs";
import { createAccount, choose } from "../tests/e2e/helpers.mjs";

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const home = arg("--home");
const n = Number(arg("--n", "30"));
if (!home) {
  console.error("usage: node benches/preview.mjs --home DIR [--n 30]");
  process.exit(2);
}

const SWITCH = `
const [cmp, done] = arguments;
const picker = document.getElementById('preview-cmp');
const t0 = performance.now();
const onMessage = (event) => {
  if (event.data && event.data.source === 'callpage-preview' && event.data.type === 'target' && event.data.target && event.data.target.id === cmp) {
    removeEventListener('message', onMessage);
    done(performance.now() - t0);
  }
};
addEventListener('message', onMessage);
picker.value = cmp;
picker.dispatchEvent(new Event('change', { bubbles: true }));
setTimeout(() => { removeEventListener('message', onMessage); done(null); }, 10000);
`;

const ROWS = `
const [button, done] = arguments;
const latencies = [];
const onMessage = (event) => {
  const d = event.data;
  if (!d || d.source !== 'callpage-preview' || d.type !== 'record' || !d.event || typeof d.event.at !== 'number') return;
  const at = d.event.at;
  // The view (whose listener was registered first) adds the rows in the next animation frame;
  // this callback, registered after the view's, runs in the same frame, after it.
  requestAnimationFrame(() => {
    if (!document.querySelector('#preview-log-body tr:last-child')) return;
    latencies.push(performance.timeOrigin + performance.now() - at);
  });
};
addEventListener('message', onMessage);
document.querySelector(button).click();
setTimeout(() => { removeEventListener('message', onMessage); done(latencies); }, 2500);
`;

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : null;
};

const app = await launchApp({ home });
try {
  await app.waitFor("return document.body.dataset.ready === 'true'", { ms: 30000 });
  await createAccount(app, "Preview bench");
  for (const id of ["trace_route", "scoring_rules", "data_memorization"]) await app.click(`label[for='feature-${id}']`);
  await app.click("#tab-preview");
  await choose(app, "#preview-cmp", "klaro");
  await app.waitFor("return document.getElementById('preview-verdict').dataset.verdict === 'matches'", { ms: 30000 });
  const switches = [];
  for (let i = 0; i < n; i++) {
    const ms = await app.executeAsync(SWITCH, [i % 2 === 0 ? "cookiebot" : "klaro"]);
    if (ms === null) throw new Error("a switch did not show the new preview within 10 s");
    switches.push(ms);
  }
  const rows = [];
  for (let i = 0; i < Math.max(3, Math.floor(n / 5)); i++) {
    await app.waitFor("return document.getElementById('preview-verdict').dataset.verdict === 'matches'", { ms: 30000 });
    rows.push(...(await app.executeAsync(ROWS, ["#preview-all"])));
    await app.click("#preview-restart");
  }
  console.log(JSON.stringify({
    switches: switches.length,
    switch_ms: { p50: pct(switches, 50), p95: pct(switches, 95), max: Math.max(...switches), samples: switches },
    rows: rows.length,
    row_ms: { p50: pct(rows, 50), p95: pct(rows, 95), max: Math.max(...rows), samples: rows },
  }));
} finally {
  await app.close();
}
