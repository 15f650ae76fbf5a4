// The app's consent preview, step 1: builds the test site's two pages for the scene the app
// set (the account's snippet, the CMP, its blocking mode) with the same page template and
// target set-ups the browser proof uses, hands them to the preview host, and opens the first.
//
// What differs from the browser proof, and why:
// - the driver and the recorder are the first scripts of <head> (the proof injects the
//   recorder through the browser's init script instead): the app has no such hook;
// - the widget's URL is loaded over http:// (same host, same path): the preview host answers
//   it as the webview's proxy and cannot present a certificate for the real host.
import { page, WIDGET_URL } from '/preview/page.mjs';
import { TARGETS } from '/preview/targets.mjs';

const HEAD = '<script src="/preview/app/driver.js"></script>\n<script src="/preview/recorder.js"></script>';
const WIDGET_ORIGIN = new URL(WIDGET_URL).origin;

const status = document.getElementById('status');
const tell = (message) => parent.postMessage({ source: 'callpage-preview', ...message }, '*');

async function build() {
  const generation = new URLSearchParams(location.search).get('g');
  const scene = await (await fetch('/__preview/scene.json')).json();
  // The app has moved on to a newer scene: the frame is about to load that one.
  if (String(scene.generation) !== generation) return;
  const target = TARGETS[scene.target];
  if (!target) throw new Error(`the test site has no set-up for the CMP "${scene.target}"`);
  const mode = target.timings[scene.mode] ? scene.mode : target.defaultMode;
  const composed = target.compose({ mode, timing: target.timings[mode][0] });
  const pageOf = (title, nav) => page({ title, ...composed, before: `${HEAD}\n${composed.before || ''}`, snippet: scene.snippet, nav })
    .split(WIDGET_ORIGIN).join(WIDGET_ORIGIN.replace(/^https:/, 'http:'));
  const pages = { page1: pageOf('Test site: Home', 'Welcome to the test site.'), page2: pageOf('Test site: Pricing', 'Our prices.') };
  const response = await fetch(`/__preview/pages?g=${generation}`, { method: 'PUT', body: JSON.stringify(pages) });
  if (response.status === 409) return;
  if (!response.ok) throw new Error(await response.text());
  location.replace('/page1.html');
}

build().catch((error) => {
  status.textContent = `The preview could not be built: ${error.message}`;
  tell({ type: 'error', message: String(error.message) });
});
