// A loopback static server for the browser proof: 127.0.0.1, a random port, everything UTF-8.
//
// Routes:
//   /case/<key>/page1.html, /case/<key>/page2.html  the test site (preview/page.mjs) with one case's CMP + snippet
//   /catalog.json                                   the catalog the widget emulator reads
//   /preview/<file>                                 the page harness shared with the app's preview:
//                                                   widget emulator, CMP models, real-CMP set-ups,
//                                                   vendored CMP code (<repo>/preview)
//   /node_modules/<allowed package>/...             the real CMP code from npm, vendored in
//                                                   <repo>/preview/vendor/npm (the npm layout, so
//                                                   the URLs are those of an npm install)
// The widget itself (https://cdn-widget.callpage.io/build/js/callpage.js, the URL the snippets
// carry) is answered by lib/widget-host.js with preview/widget-emulator.js, so the page loads it
// from its real, third-party host.
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize, extname, sep } from 'node:path';
import { page } from '../../../preview/page.mjs';
import { NPM_LIBRARIES } from '../../../preview/targets.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

// Only the real CMP packages the targets name (and what they load) are reachable from the pages.
const PACKAGES = [...new Set(Object.values(NPM_LIBRARIES).flat())];

export async function startServer({ previewRoot, catalogPath }) {
  const vendored = join(previewRoot, 'vendor', 'npm');
  const cases = new Map();
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      const path = decodeURIComponent(url.pathname);
      let m;
      if ((m = path.match(/^\/case\/([^/]+)\/(page[12])\.html$/))) {
        const c = cases.get(m[1]);
        if (!c) return send(res, 404, 'no such case');
        const n = m[2] === 'page1' ? 'Home' : 'Pricing';
        const html = page({
          title: `Test site: ${n}`,
          ...c,
          nav: m[2] === 'page1' ? 'Welcome to the test site.' : 'Our prices.',
        });
        return send(res, 200, html, TYPES['.html']);
      }
      if (path === '/catalog.json') return sendFile(res, catalogPath);
      if (path === '/favicon.ico') return send(res, 204, '');
      if (path.startsWith('/node_modules/')) {
        const rest = path.slice('/node_modules/'.length);
        const pkg = PACKAGES.find((p) => rest.startsWith(p + '/'));
        if (!pkg) return send(res, 403, 'not served');
        // Joined inside the package's own folder: `..` cannot reach another package or the pin files.
        return sendFile(res, safeJoin(join(vendored, pkg), rest.slice(pkg.length + 1)));
      }
      if (path.startsWith('/preview/')) {
        return sendFile(res, safeJoin(previewRoot, path.slice('/preview/'.length)));
      }
      return send(res, 404, 'not found');
    } catch (e) {
      return send(res, 500, String(e && e.stack));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    setCase(key, value) { cases.set(key, value); },
    close() { return new Promise((resolve) => server.close(resolve)); },
  };
}

function safeJoin(base, rest) {
  const full = normalize(join(base, rest));
  if (!full.startsWith(base + sep)) throw new Error('path outside the served folder');
  return full;
}

// Nothing is cached (a cached ES module graph of the TCF libraries left its pages without a load
// event under Playwright's request routing).
async function sendFile(res, file) {
  let body;
  try {
    body = await readFile(file);
  } catch {
    return send(res, 404, 'not found');
  }
  send(res, 200, body, TYPES[extname(file)] || 'application/octet-stream');
}

function send(res, status, body, type = 'text/plain; charset=utf-8') {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}
