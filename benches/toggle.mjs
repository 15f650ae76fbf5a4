// Feature switch and tab switch, in the real window (WebKitWebDriver, the e2e harness).
//
//   COOKIE_ADMIN_BIN=target/release/cookie-admin node benches/toggle.mjs --home DIR [--n 200]
//
// DIR holds the XDG directories (data/io.callpage.cookie-admin/cookie-admin.sqlite may be
// seeded). Prints one JSON object on stdout. Needs a display (make bench starts Xvfb).
//
// One round, timed inside the page with performance.now():
// 1. on the Features tab, click the Trace Route switch (its change handler edits the
//    configuration, asks Rust for the preview over IPC, then updates what is on screen):
//    `dom_ms` is click -> every visible change in the DOM (the verdict written and the cookie
//    count badge changed; a MutationObserver sees both), `paint_ms` is click -> after the next
//    painted frame (a message posted from the next requestAnimationFrame);
// 2. click the Cookie list tab (or, every other two rounds, the Snippet tab), built before and
//    now behind the switch: `tab_ms` is click -> after the next painted frame, and the tab's content must have
//    been redrawn by then (a MutationObserver on it);
// 3. back to the Features tab (not timed).
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
const [n, gapMs, offset, done] = arguments;
const $ = (id) => document.getElementById(id);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const afterNextPaint = () => new Promise((resolve) => requestAnimationFrame(() => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => resolve(performance.now());
  channel.port2.postMessage(0);
}));
/** Resolves with the time when every listed element has seen a mutation (and test() holds). */
function changed(ids, test = () => true) {
  return new Promise((resolve, reject) => {
    const seen = new Set();
    const observer = new MutationObserver((records) => {
      for (const r of records) for (const id of ids) if ($(id) === r.target || $(id).contains(r.target)) seen.add(id);
      if (seen.size === ids.length && test()) { observer.disconnect(); clearTimeout(timer); resolve(performance.now()); }
    });
    for (const id of ids) observer.observe($(id), { childList: true, subtree: true, characterData: true });
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error("no update of " + ids + " within 5 s (seen: " + [...seen] + ")")); }, 5000);
  });
}
(async () => {
  const samples = [];
  const counts = new Set();
  try {
    for (let i = 0; i < n; i++) {
      await sleep(gapMs);
      await afterNextPaint();
      // 1. the switch, on the Features tab
      const before = $("cookie-count").textContent;
      const visible = changed(["verdict", "cookie-count"], () => $("cookie-count").textContent !== before);
      const t0 = performance.now();
      $("feature-trace_route").click();
      const tDom = await visible;
      const tPaint = await afterNextPaint();
      counts.add($("cookie-count").textContent);
      // 2. a built tab that is behind the switch
      await sleep(gapMs);
      await afterNextPaint();
      // Each tab is shown every other round or every fourth: always after an odd number of
      // switches since it was last shown, so its content has changed.
      const [tab, body] = (offset + i) % 4 < 2 ? ["tab-cookies", "cookies-body"] : ["tab-snippet", "snippet-code"];
      let redrawn = false;
      const observer = new MutationObserver(() => { redrawn = true; });
      observer.observe($(body), { childList: true, subtree: true, characterData: true });
      const t1 = performance.now();
      $(tab).click();
      const tTab = await afterNextPaint();
      observer.disconnect();
      if (!redrawn || $(tab).getAttribute("aria-selected") !== "true") throw new Error("round " + i + ": " + tab + " did not show the changed content");
      // 3. back (not timed)
      $("tab-features").click();
      samples.push([tDom - t0, tPaint - t0, tTab - t1]);
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
  // "A built tab": each tab is drawn once before the timed rounds (and in the warm-up).
  await app.click("#tab-snippet");
  await app.waitFor("return document.getElementById('snippet-code').dataset.cmp === arguments[0]", { args: [cmp] });
  await app.click("#tab-cookies");
  await app.click("#tab-features");
  const account = await app.text("#account-name");
  const accounts = await app.text("#account-count");
  const warm = await app.executeAsync(IN_PAGE, [warmup, gapMs, 0]);
  if (!warm.ok) throw new Error(`warm-up: ${warm.error}`);
  const run = await app.executeAsync(IN_PAGE, [n, gapMs, warmup]);
  if (!run.ok) throw new Error(run.error);
  const sorted = (k) => run.samples.map((s) => s[k]).sort((a, b) => a - b);
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
      dom_ms: summary(sorted(0)),
      paint_ms: summary(sorted(1)),
      tab_ms: summary(sorted(2)),
      samples: run.samples,
    }),
  );
} finally {
  await app.close();
}
