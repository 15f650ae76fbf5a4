// The widget's real host, on this machine: an HTTPS server on 127.0.0.1 that answers the
// widget's URL (https://cdn-widget.callpage.io/build/js/callpage.js, the URL the snippets carry)
// with the emulator. Chromium is pointed at it with --host-resolver-rules and the contexts
// accept its throwaway certificate, so the page loads the widget from its third-party host
// while nothing leaves the machine.
//
// Why not Playwright's request routing (context.route): every request of a routed context then
// passes through the driver, and pages with large ES-module graphs (the IAB TCF libraries)
// timed out on a busy machine. Resolving the host costs nothing per request.
import https from 'node:https';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A self-signed certificate for the widget's host, made with Debian's openssl, valid 2 days.
function certificate(host) {
  const dir = mkdtempSync(join(tmpdir(), 'widget-host-tls-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert,
      '-days', '2', '-subj', `/CN=${host}`, '-addext', `subjectAltName=DNS:${host}`], { stdio: 'ignore' });
    return { key: readFileSync(key), cert: readFileSync(cert) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// url: the widget's URL; file: the emulator that answers it (also with a query string).
export async function startWidgetHost({ url, file }) {
  const { hostname, pathname } = new URL(url);
  const body = readFileSync(file);
  const server = https.createServer(certificate(hostname), (req, res) => {
    const path = new URL(req.url, url).pathname;
    if (path !== pathname) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      return res.end('not the widget');
    }
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
    return res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    // For Chromium's --host-resolver-rules: the widget's host on port 443 goes to this server.
    hostResolverRule: `MAP ${hostname}:443 127.0.0.1:${port}`,
    close() { server.closeAllConnections?.(); return new Promise((resolve) => server.close(resolve)); },
  };
}
