// The static server and the page as loaded: headers, MIME types, the CSP meta tag of the DOM
// contract, readiness, the privacy statement and the version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { PAGE_CSP, HEADER_CSP, REPO_ROOT } from './lib/server.mjs';
import { useSuite, openPage, verdict, checkCount, assertNoPageErrors } from './lib/page.mjs';

const s = useSuite();

test('the server sends the CSP, MIME types and no-store, and refuses paths outside www/', async () => {
  const res = await fetch(s.url);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(res.headers.get('content-security-policy'), HEADER_CSP);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const wasm = await fetch(new URL('pkg/certlens_bg.wasm', s.url));
  assert.equal(wasm.status, 200, 'www/pkg/certlens_bg.wasm is served (is the wasm built?)');
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  const glue = await fetch(new URL('pkg/certlens.js', s.url));
  assert.equal(glue.status, 200);
  assert.match(glue.headers.get('content-type'), /^text\/javascript/);
  assert.equal((await fetch(new URL('no-such-file', s.url))).status, 404);
  // Raw paths (fetch would normalise them): nothing outside www/ is served.
  for (const raw of ['/../Cargo.toml', '/..%2fCargo.toml', '/%2e%2e/%2e%2e/Cargo.toml', '/pkg/..%2f..%2fCargo.toml']) {
    const status = await new Promise((resolve, reject) => {
      http.get({ host: '127.0.0.1', port: s.server.port, path: raw }, (r) => {
        r.resume();
        resolve(r.statusCode);
      }).on('error', reject);
    });
    assert.equal(status, 404, raw);
  }
  assert.equal((await fetch(s.url, { method: 'POST' })).status, 405);
});

test('index.html carries the contract CSP in a meta tag', async (t) => {
  const { page } = await openPage(s, t, { waitReady: false });
  const metas = await page.$$eval('meta', (els) =>
    els
      .filter((e) => (e.httpEquiv || '').toLowerCase() === 'content-security-policy')
      .map((e) => e.content),
  );
  assert.equal(metas.length, 1, 'exactly one <meta http-equiv="Content-Security-Policy">');
  const norm = (p) =>
    p.split(';').map((d) => d.trim().replace(/\s+/g, ' ')).filter(Boolean).sort();
  assert.deepEqual(norm(metas[0]), norm(PAGE_CSP));
});

test('the page loads the wasm in its worker and shows an empty state, without errors', async (t) => {
  const { page, errors } = await openPage(s, t);
  assert.equal(await verdict(page), 'empty');
  assert.equal(await checkCount(page), 0, 'no inspection before any input');
  const privacy = (await page.textContent('#privacy')).trim();
  assert.match(privacy, /upload|leave|never sent|stays/i, `privacy statement: ${privacy}`);
  assert.ok(await page.isVisible('#privacy'), '#privacy is visible');
  const version = (await page.textContent('#version')).trim();
  const cargo = fs.readFileSync(path.join(REPO_ROOT, 'Cargo.toml'), 'utf8');
  const cargoVersion = /^version\s*=\s*"([^"]+)"/m.exec(cargo)[1];
  assert.ok(version.includes(cargoVersion), `#version "${version}" names ${cargoVersion}`);
  assert.equal(await page.isHidden('#password-row'), true, '#password-row is hidden until needed');
  assert.equal(await page.getAttribute('#status', 'aria-live') !== null, true, '#status is aria-live');
  assert.equal(await page.getAttribute('#at', 'type'), 'datetime-local');
  assert.equal(await page.getAttribute('#files', 'type'), 'file');
  assert.equal(await page.evaluate(() => document.querySelector('cert-inspector').shadowRoot.querySelector('#files').multiple), true);
  assertNoPageErrors(errors);
});
