// Models of the SERVER-SIDE script blockers of the WordPress CMPs: PHP output buffers that
// rewrite the page's HTML before it is sent. They cannot run here (no WordPress), so the page
// harness applies these string rewrites to the page it serves, labelled as models. Pure
// functions: the browser proof (Node) and the app's preview can both use them.

// Complianz 7.2.0 class-cookie-blocker.php replace_tags(), script part (read at
// Really-Simple-Plugins/complianz-gdpr 87e4362, GPL-2.0; docs/auto-blocking.md §2.9):
//  - every <script ...>...</script> is looked at; a tag whose opening contains the literal
//    data-category="functional" is skipped, so is application/ld+json and any tag containing a
//    whitelisted string;
//  - inline content containing a blocked string (known services + Script Center entries) gets
//    data-category, data-service and type="text/plain" (unless the category is functional);
//  - a src containing a blocked string gets the same, and src= becomes data-cmplz-src=;
//  - set_javascript_to_plain leaves a tag that already contains "text/plain" as it is, else
//    replaces type="text/javascript" or adds type="text/plain" after "<script".
// blocked: [{match, name, category}]; whitelist: [strings].
export function complianzBlocker(html, { blocked = [], whitelist = [] } = {}) {
  const find = (text) => blocked.find((b) => text.includes(b.match));
  const service = (name) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const addData = (tag, id, value) => (new RegExp(`data-${id}=['"]${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]`).test(tag.split('>')[0])
    ? tag : tag.replace('<script', `<script data-${id}="${value}"`));
  const toPlain = (tag) => {
    if (tag.includes('text/plain')) return tag;
    if (/type=['"]text\/javascript['"]/i.test(tag.split('>')[0])) return tag.replace(/type=['"]text\/javascript['"]/i, 'type="text/plain"');
    return tag.replace('<script', '<script type="text/plain"');
  };
  return html.replace(/(<script.*?>)([\s\S]*?)<\/script>/gi, (total, open, content) => {
    if (open.includes('data-category="functional"')) return total;
    if (open.includes('application/ld+json')) return total;
    if (whitelist.some((w) => total.includes(w))) return total;
    let out = total;
    if (content) {
      const b = find(content);
      if (b && b.category !== 'functional') {
        out = toPlain(addData(addData(out, 'category', b.category), 'service', service(b.name)));
      }
    }
    const src = open.match(/src=['"]([^'"]*)['"]/i);
    if (src) {
      const b = find(src[1]);
      if (b) {
        out = addData(addData(out, 'category', b.category), 'service', service(b.name));
        if (!out.includes('data-category="functional"')) out = toPlain(out).replace('src=', 'data-cmplz-src=');
      }
    }
    return out;
  });
}

// Borlabs Cookie 3 Script Blocker (server side; copies of ScriptBlockerManager, proprietary,
// docs/auto-blocking.md §2.13): admin-defined phrases matched as substrings of a <script> tag
// (content or src); a tag containing data-borlabs-cookie-script-blocker-ignore is skipped; a
// blocked tag gets type="text/template", data-borlabs-cookie-script-blocker-id, its src moved to
// data-borlabs-cookie-script-blocker-src, async/defer removed.
// blockers: [{id, phrases: [...]}].
export function borlabsBlocker(html, { blockers = [] } = {}) {
  return html.replace(/(<script.*?>)([\s\S]*?)<\/script>/gi, (total, open, content) => {
    if (open.includes('data-borlabs-cookie-script-blocker-ignore')) return total;
    const b = blockers.find((x) => x.phrases.some((p) => total.includes(p)));
    if (!b) return total;
    let tag = open.replace(/\s(async|defer)(?=[\s>])/g, '').replace(/\stype=['"][^'"]*['"]/i, '');
    tag = tag.replace(/\ssrc=(['"])/i, ' data-borlabs-cookie-script-blocker-src=$1');
    tag = tag.replace('<script', `<script type="text/template" data-borlabs-cookie-script-blocker-id="${b.id}"`);
    return `${tag}${content}</script>`;
  });
}
