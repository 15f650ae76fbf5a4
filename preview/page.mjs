// The test site's page: one HTML template for every target, the pasted snippet in <head>
// between what the site has before and after it. Where the CMP has a server-side part (a
// WordPress plugin's output buffer, modelled in models/server-blockers.mjs), it rewrites the
// pasted snippet as it would rewrite the page (the rest of the page is the site's CMP set-up and
// the test's own scripts, which the rewrite rules do not match).
// Loaded by the browser proof (tests/browser/lib/server.js) and meant for the app's preview.
import { complianzBlocker, borlabsBlocker } from './models/server-blockers.mjs';

export const WIDGET_URL = 'https://cdn-widget.callpage.io/build/js/callpage.js';

export function page({ title, before = '', snippet, after = '', body = '', nav = '', rewrite = null }) {
  if (rewrite && rewrite.complianz) snippet = complianzBlocker(snippet, rewrite.complianz);
  if (rewrite && rewrite.borlabs) snippet = borlabsBlocker(snippet, rewrite.borlabs);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
${before}
${snippet}
${after}
</head>
<body>
<nav><a id="nav-page1" href="page1.html">Home</a> | <a id="nav-page2" href="page2.html">Pricing</a></nav>
<main><h1>${title}</h1><p>${nav}</p></main>
${body}
</body>
</html>
`;
}
