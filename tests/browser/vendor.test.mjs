// The real CMP code vendored from npm in preview/vendor/npm (what the browser proof and the app's
// preview load at /node_modules/<package>/...): the folder holds exactly the files files.txt
// lists, in the pinned versions, each with its licence; README.md names what is there; every
// /node_modules/ URL a page carries and every module the TCF libraries import is one of them.
// No network, no browser: the browser proof shows that the pages run on these files.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, dirname, resolve, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TARGETS, NPM_LIBRARIES } from '../../preview/targets.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const vendor = resolve(here, '../../preview/vendor/npm');
const read = (p) => readFileSync(join(vendor, p), 'utf8');

const listed = read('files.txt').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
const packageOf = (f) => f.split('/').slice(0, f.startsWith('@') ? 2 : 1).join('/');
const packages = [...new Set(Object.values(NPM_LIBRARIES).flat())].sort();
const pinned = JSON.parse(read('package.json')).dependencies;
const lock = JSON.parse(read('package-lock.json')).packages;
// The npm package @iabtechlabtcf/stub ships no licence file (README.md points to core's).
const NO_LICENCE_FILE = ['@iabtechlabtcf/stub'];

function walk(dir, prefix = '') {
  return readdirSync(join(dir, prefix)).flatMap((name) => {
    const rel = prefix ? `${prefix}/${name}` : name;
    return statSync(join(dir, rel)).isDirectory() ? walk(dir, rel) : [rel];
  });
}

describe('preview/vendor/npm: the real CMP code from npm', () => {
  it('holds the packages NPM_LIBRARIES names, pinned, and exactly the listed files', () => {
    assert.deepEqual([...new Set(listed.map(packageOf))].sort(), packages, 'files.txt covers the packages the targets load');
    assert.deepEqual(Object.keys(pinned).sort(), packages, 'package.json pins exactly those packages');
    const present = packages.flatMap((p) => walk(vendor, p)).sort();
    assert.deepEqual(present, [...listed].sort(), 'the packages\' folders hold exactly the files files.txt lists');
    for (const p of packages) {
      const own = JSON.parse(read(`${p}/package.json`));
      assert.equal(own.name, p);
      assert.equal(own.version, pinned[p], `${p}: the vendored package.json is the pinned version`);
      assert.equal(lock[`node_modules/${p}`].version, pinned[p], `${p}: the lock has the pinned version`);
      if (!NO_LICENCE_FILE.includes(p)) assert.ok(existsSync(join(vendor, p, 'LICENSE')), `${p}: its licence is beside its files`);
    }
  });

  it('README.md names each package\'s version, licence, integrity and files', () => {
    const readme = read('README.md');
    for (const p of packages) {
      const start = readme.indexOf(`### \`${p}\` ${pinned[p]}\n`);
      assert.ok(start >= 0, `README.md has a section for ${p} ${pinned[p]}`);
      const next = readme.indexOf('\n#', start + 1);
      const section = readme.slice(start, next < 0 ? undefined : next);
      const { license } = JSON.parse(read(`${p}/package.json`));
      assert.ok(section.includes(`licence: ${license}`), `${p}: licence ${license}`);
      assert.ok(section.includes(`\`${lock[`node_modules/${p}`].integrity}\``), `${p}: the lock's integrity`);
      for (const f of listed.filter((x) => packageOf(x) === p)) {
        const rel = f.slice(p.length + 1);
        const line = section.split('\n').find((l) => l.includes(`\`${posix.basename(rel)}\``) &&
          l.includes(`\`${posix.dirname(rel) === '.' ? '.' : posix.dirname(rel)}/\``));
        assert.ok(line, `README.md lists ${f}`);
      }
    }
  });

  it('every /node_modules/ URL a target\'s page carries is a vendored file', () => {
    let urls = 0;
    for (const t of Object.values(TARGETS)) {
      for (const [mode, timings] of Object.entries(t.timings)) {
        for (const timing of timings) {
          const { before = '', after = '', body = '' } = t.compose({ mode, timing });
          for (const m of `${before}\n${after}\n${body}`.matchAll(/\/node_modules\/([^"'\s?#]+)/g)) {
            urls += 1;
            assert.ok(listed.includes(m[1]), `${t.id} (${mode}, ${timing}) loads /node_modules/${m[1]}, which is not vendored`);
          }
        }
      }
    }
    assert.ok(urls > 0, 'the targets load npm code');
  });

  it('the vendored ES modules import only vendored files', () => {
    const modules = listed.filter((f) => f.includes('/lib/mjs/'));
    let imports = 0;
    for (const f of modules) {
      const code = read(f);
      for (const m of code.matchAll(/(?:^|[;\s])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[;\s])import\s*['"]([^'"]+)['"]/g)) {
        const spec = m[1] || m[2];
        imports += 1;
        // A bare specifier is the other TCF package, mapped by the page's import map.
        const target = spec.startsWith('.') ? posix.join(posix.dirname(f), spec) : NPM_ENTRY[spec];
        assert.ok(target, `${f} imports ${spec}, which the page's import map does not map`);
        assert.ok(listed.includes(target), `${f} imports ${spec} (${target}), which is not vendored`);
      }
    }
    assert.ok(imports > modules.length, `the modules' imports were read (${imports})`);
  });
});

// The import map of the TCF pages (preview/targets.mjs): bare specifier -> vendored file.
const NPM_ENTRY = (() => {
  const { after } = TARGETS.tcf.compose({ mode: 'off', timing: 'fixed' });
  const { imports } = JSON.parse(after.match(/<script type="importmap">([\s\S]*?)<\/script>/)[1]);
  return Object.fromEntries(Object.entries(imports).map(([name, url]) => [name, url.replace(/^\/node_modules\//, '')]));
})();
