// Toggle to render, in the real window (WebKitWebDriver, the e2e harness): click the Trace
// Route switch N times and time, inside the page, from the click to the frame that shows the
// updated cookie list and snippet (the Rust preview over IPC included).
//
//   COOKIE_ADMIN_BIN=target/release/cookie-admin node benches/toggle.mjs --home DIR [--n 200]
//
// DIR holds the XDG directories (data/io.callpage.cookie-admin/cookie-admin.sqlite may be
// seeded). Prints one JSON object on stdout. Needs a display (make bench starts Xvfb).
//
// One sample: performance.now() before `input.click()` (the switch's change handler edits the
// configuration, asks Rust for the preview, then rebuilds the cookie list and the snippet);
// a MutationObserver sees both #cookies-body and #snippet-code replaced; then the next
// animation frame, and a message posted from it (runs after that frame is painted). `dom_ms`
// is click -> both replaced, `paint_ms` is click -> after the next paint.
import { launchApp } from "../tests/e2e/webdriver.mjs";

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const home = arg("--home");
const n = Number(arg("--n", "200"));
const warmup = Number(arg("--warmup", "10"));
const gapMs = Number(arg("--gap", "40"));
if (!home) {
  console.error("usage: node benches/toggle.mjs --home DIR [--n 200] [--warmup 10] [--gap 40]");
  process.exit(2);
}

const IN_PAGE = `
const [n, gapMs, done] = arguments;
const $ = (id) => document.getElementById(id);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const afterNextPaint = () => new Promise((resolve) => requestAnimationFrame(() => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => resolve(performance.now());
  channel.port2.postMessage(0);
}));
function replaced() {
  return new Promise((resolve, reject) => {
    const seen = new Set();
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        if ($("cookies-body").contains(r.target) || r.target === $("cookies-body")) seen.add("cookies");
        if ($("snippet-code").contains(r.target) || r.target === $("snippet-code")) seen.add("snippet");
      }
      if (seen.size === 2) { observer.disconnect(); clearTimeout(timer); resolve(performance.now()); }
    });
    observer.observe($("cookies-body"), { childList: true, subtree: true, characterData: true });
    observer.observe($("snippet-code"), { childList: true, subtree: true, characterData: true });
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error("no update within 5 s (seen: " + [...seen] + ")")); }, 5000);
  });
}
(async () => {
  const samples = [];
  const counts = new Set();
  try {
    for (let i = 0; i < n; i++) {
      await sleep(gapMs);
      await afterNextPaint();
      const before = [$("cookie-count").textContent, $("snippet-code").textContent.length];
      const seen = replaced();
      const t0 = performance.now();
      $("feature-trace_route").click();
      const tDom = await seen;
      const tPaint = await afterNextPaint();
      const after = [$("cookie-count").textContent, $("snippet-code").textContent.length];
      if (after[0] === before[0] || after[1] === before[1]) throw new Error("toggle " + i + " did not change the cookie count and the snippet: " + before + " -> " + after);
      counts.add(after[0]);
      samples.push([tDom - t0, tPaint - t0]);
    }
    done({ ok: true, samples, counts: [...counts] });
  } catch (error) {
    done({ ok: false, error: String(error), samples });
  }
})();
`;

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

const app = await launchApp({ home });
try {
  await app.waitFor("return document.body.dataset.ready === 'true'", { ms: 30000 });
  await app.cmd("POST", "/timeouts", { script: 600000 });
  await app.waitFor("return Boolean(document.getElementById('feature-trace_route'))");
  await app.click("#tab-features");
  // The snippet depends on the CMP: make sure the open account has one.
  const cmp = await app.execute(`
    const select = document.getElementById("setup-cmp");
    if (!select.value) { select.value = "cookiebot"; select.dispatchEvent(new Event("change")); }
    return select.value;`);
  await app.waitFor("return document.getElementById('snippet-code').dataset.cmp === arguments[0]", { args: [cmp] });
  const account = await app.text("#account-name");
  const accounts = await app.execute("return document.querySelectorAll('#account-list button[data-account]').length");
  const warm = await app.executeAsync(IN_PAGE, [warmup, gapMs]);
  if (!warm.ok) throw new Error(`warm-up: ${warm.error}`);
  const run = await app.executeAsync(IN_PAGE, [n, gapMs]);
  if (!run.ok) throw new Error(run.error);
  const dom = run.samples.map((s) => s[0]).sort((a, b) => a - b);
  const paint = run.samples.map((s) => s[1]).sort((a, b) => a - b);
  const summary = (xs) => ({
    p50: percentile(xs, 50),
    p95: percentile(xs, 95),
    max: xs[xs.length - 1],
    min: xs[0],
  });
  console.log(
    JSON.stringify({
      toggles: run.samples.length,
      warmup,
      gap_ms: gapMs,
      account,
      accounts_listed: accounts,
      cmp,
      cookie_counts: run.counts,
      dom_ms: summary(dom),
      paint_ms: summary(paint),
      samples: run.samples,
    }),
  );
} finally {
  await app.close();
}
