// <cert-inspector> as a third-party page uses it: one script tag and the element, served from
// a sub-path (/docs/tools/), the page itself elsewhere (/docs/...). Two instances, the check
// subset, prefilled hosts, compact mode, the `report` event, languages, theming; the wasm is
// fetched once per page and only on first use. Then the demo article (www/demo.html).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, startServer } from './lib/server.mjs';
import { AT, fixtureText } from './lib/fixtures.mjs';
import { useSuite, openPage, settle, checkCount, waitReady, assertNoPageErrors } from './lib/page.mjs';

const TOOLS = '/docs/tools/';
/** A catalogue as the element reads it (i18n/<lang>.json, copied to www/i18n/ by build-web.sh). */
const catalogue = (lang) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'i18n', `${lang}.json`), 'utf8'));
/** Only the element's own strings (ui.*) of a catalogue. */
const uiKeys = (texts) => Object.fromEntries(Object.entries(texts).filter(([k]) => k.startsWith('ui.')));
const EN = catalogue('en');
const JA = catalogue('ja');

const doc = (body, { title = 'Docs' } = {}) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><link rel="icon" href="data:,">` +
  `<script type="module" src="tools/cert-inspector.js"></script></head><body>${body}</body></html>`;

const PAGES = {
  '/docs/one.html': doc('<h1>Guide</h1><cert-inspector id="a"></cert-inspector>'),
  '/docs/two.html': doc('<cert-inspector id="a"></cert-inspector><p>between</p><cert-inspector id="b" lang="ja"></cert-inspector>'),
  '/docs/keys.html': doc('<cert-inspector id="a" checks="key_match" at="2026-06-01T00:00:00Z"></cert-inspector>'),
  '/docs/hosts.html': doc('<cert-inspector id="a" hosts="www.example.com, example.org"></cert-inspector>'),
  '/docs/compact.html': doc('<cert-inspector id="a" compact at="2026-06-01T00:00:00Z"></cert-inspector>'),
  '/docs/ja.html': doc('<cert-inspector id="a" lang="ja"></cert-inspector>'),
};

const s = useSuite({ server: { base: TOOLS, files: PAGES } });
const url = (p) => `${s.server.origin}${p}`;
const wasmRequests = () => s.server.requests.filter((r) => r.path.endsWith('.wasm'));

/** Fills an element's #at and #paste (Playwright selectors pierce its shadow root) and waits. */
async function inspectIn(page, host, { paste, hosts }) {
  const before = await checkCount(page, host);
  if (await page.isVisible(`${host} >> #at`)) await page.fill(`${host} >> #at`, AT);
  if (hosts !== undefined) await page.fill(`${host} >> #hosts`, hosts);
  await page.fill(`${host} >> #paste`, paste);
  await settle(page, before, { host });
}

const findingsIn = (page, host) =>
  page.locator(`${host} >> #findings li.finding`).evaluateAll((els) =>
    els.map((e) => ({ code: e.dataset.code, check: e.dataset.check, severity: e.dataset.severity })));
const verdictOf = (page, host) => page.getAttribute(`${host} >> #verdict`, 'data-verdict');

test('one script tag + <cert-inspector> from a sub-path: lazy wasm, paste fullchain + key → verdict', async (t) => {
  const start = s.server.requests.length;
  const { page, errors } = await openPage(s, t, { url: url('/docs/one.html'), waitReady: false });
  await page.waitForFunction(() => customElements.get('cert-inspector') !== undefined);
  await page.waitForTimeout(300);
  assert.equal(s.server.requests.slice(start).filter((r) => r.path.endsWith('.wasm')).length, 0, 'no wasm before first use');
  assert.equal(await page.getAttribute('#a', 'data-ready'), null);
  // Every asset came from the element's own folder.
  for (const r of s.server.requests.slice(start)) {
    if (r.path === '/favicon.ico') continue; // the browser's own request for the docs page
    assert.ok(r.path === '/docs/one.html' || r.path.startsWith(TOOLS), `request outside ${TOOLS}: ${r.path}`);
  }

  await page.focus('#a >> #paste'); // first use: the checker starts loading
  await waitReady(page, '#a');
  await inspectIn(page, '#a', { paste: fixtureText('fullchain.pem') + fixtureText('leaf-rsa2048.key') });
  assert.match(await verdictOf(page, '#a'), /^(ok|problems)$/);
  const nodes = await page.locator('#a >> #chain .chain-node').allInnerTexts();
  assert.match(nodes[0], /www\.example\.com/);
  const keys = await page.locator('#a >> #key-match [data-key-match]').evaluateAll((els) => els.map((e) => e.dataset.keyMatch));
  assert.deepEqual(keys, ['matches']);
  assert.equal(s.server.requests.slice(start).filter((r) => r.path.endsWith('.wasm')).length, 1, 'the wasm once');
  const failed = s.server.requests.slice(start).filter((r) => r.status !== 200 && r.path !== '/favicon.ico');
  assert.deepEqual(failed, [], 'every asset found');
  // No globals besides the element, no document-level styles.
  const leaks = await page.evaluate(() => ({
    sheets: document.styleSheets.length + document.adoptedStyleSheets.length,
    styleElements: document.querySelectorAll('style, link[rel=stylesheet]').length,
  }));
  assert.deepEqual(leaks, { sheets: 0, styleElements: 0 });
  assertNoPageErrors(errors);
});

test('two instances are independent, and the wasm is fetched once', async (t) => {
  const start = s.server.requests.length;
  const { page, errors } = await openPage(s, t, { url: url('/docs/two.html'), waitReady: false });
  await page.focus('#a >> #paste');
  await waitReady(page, '#a');
  await waitReady(page, '#b'); // the page's checker serves every element once one started it
  await inspectIn(page, '#a', { paste: fixtureText('misordered.pem') });
  await inspectIn(page, '#b', { paste: fixtureText('mismatched-key.pem') });
  const a = (await findingsIn(page, '#a')).map((f) => f.code);
  const b = (await findingsIn(page, '#b')).map((f) => f.code);
  assert.ok(a.includes('leaf_not_first') && !a.includes('key_mismatch'), `a: ${a}`);
  assert.ok(b.includes('key_mismatch') && !b.includes('leaf_not_first'), `b: ${b}`);
  assert.equal(await page.inputValue('#b >> #hosts'), '');
  // Clearing one leaves the other as it was.
  const before = await checkCount(page, '#a');
  await page.fill('#a >> #paste', '');
  await settle(page, before, { host: '#a' });
  assert.equal(await verdictOf(page, '#a'), 'empty');
  assert.equal(await verdictOf(page, '#b'), 'problems');
  // Different languages side by side (b has lang="ja"; the page is English).
  assert.equal((await page.textContent('#b >> label[for="paste"]')).trim(), JA['ui.paste.label']);
  assert.equal((await page.textContent('#a >> label[for="paste"]')).trim(), EN['ui.paste.label']);
  assert.equal((await page.textContent('#b >> #findings-heading')).trim(), JA['ui.findings.heading']);
  assert.equal(s.server.requests.slice(start).filter((r) => r.path.endsWith('.wasm')).length, 1, 'one wasm download for two elements');
  const workers = s.server.requests.slice(start).filter((r) => r.path.endsWith('/worker.js')).length;
  assert.ok(workers >= 1 && workers <= 2, `one worker pool for the page: ${workers} worker scripts`);
  assertNoPageErrors(errors);
});

test('checks="key_match" shows only key-match findings and the key section', async (t) => {
  const { page, errors } = await openPage(s, t, { url: url('/docs/keys.html'), waitReady: false });
  await page.focus('#a >> #paste');
  await waitReady(page, '#a');
  await inspectIn(page, '#a', { paste: fixtureText('misordered.pem') + fixtureText('mismatched-key.pem') });
  const list = await findingsIn(page, '#a');
  assert.ok(list.length > 0, 'some findings');
  assert.deepEqual([...new Set(list.map((f) => f.check))], ['key_match'], JSON.stringify(list));
  assert.ok(list.some((f) => f.code === 'key_mismatch'));
  assert.equal(await page.isVisible('#a >> #key-match'), true);
  for (const id of ['#chain', '#hosts-table', '#hosts', '#download-fullchain']) {
    assert.equal(await page.isVisible(`#a >> ${id}`), false, `${id} hidden for checks="key_match"`);
  }
  assertNoPageErrors(errors);
});

test('hosts="…" prefills the names to check; the report event carries the Report', async (t) => {
  const { page, errors } = await openPage(s, t, {
    url: url('/docs/hosts.html'),
    waitReady: false,
    beforeGoto: ({ page: p }) => p.addInitScript(() => {
      window.__reports = [];
      document.addEventListener('report', (e) => window.__reports.push({ target: e.target.id, composed: e.composed, bubbles: e.bubbles, report: e.detail }));
    }),
  });
  assert.equal(await page.inputValue('#a >> #hosts'), 'www.example.com, example.org');
  await page.focus('#a >> #paste');
  await waitReady(page, '#a');
  const before = await checkCount(page, '#a');
  await page.fill('#a >> #at', AT);
  await page.fill('#a >> #paste', fixtureText('fullchain.pem'));
  await settle(page, before, { host: '#a' });
  const rows = await page.locator('#a >> #hosts-table tbody tr[data-host]').evaluateAll((els) => els.map((e) => [e.dataset.host, e.dataset.covered]));
  assert.deepEqual(rows, [['www.example.com', 'true'], ['example.org', 'false']]);
  const reports = await page.evaluate(() => window.__reports);
  assert.ok(reports.length >= 1, 'a report event');
  const last = reports[reports.length - 1];
  assert.equal(last.target, 'a');
  assert.ok(last.bubbles && last.composed);
  assert.equal(last.report.schema, 'certlens.report/1');
  assert.deepEqual(last.report.hosts.map((h) => h.name), ['www.example.com', 'example.org']);
  // Attribute changes are observed.
  const n = await checkCount(page, '#a');
  await page.evaluate(() => document.querySelector('#a').setAttribute('hosts', 'example.com'));
  await settle(page, n, { host: '#a' });
  const after = await page.locator('#a >> #hosts-table tbody tr[data-host]').evaluateAll((els) => els.map((e) => e.dataset.host));
  assert.deepEqual(after, ['example.com']);
  assertNoPageErrors(errors);
});

test('compact starts as a small paste box and expands into the results', async (t) => {
  const { page, errors } = await openPage(s, t, { url: url('/docs/compact.html'), waitReady: false });
  const small = (await page.locator('#a').boundingBox()).height;
  assert.ok(small < 320, `compact height ${small}`);
  assert.equal(await page.isVisible('#a >> #verdict'), false);
  assert.equal(await page.isVisible('#a >> #paste'), true);
  assert.equal(await page.isVisible('#a >> #privacy'), true, 'the privacy line shows in compact mode too');
  await page.focus('#a >> #paste');
  await waitReady(page, '#a');
  await inspectIn(page, '#a', { paste: fixtureText('misordered.pem') });
  assert.equal(await page.isVisible('#a >> #verdict'), true);
  const big = (await page.locator('#a').boundingBox()).height;
  assert.ok(big > small * 2, `expanded from ${small} to ${big}`);
  assertNoPageErrors(errors);
});

test('lang="ja" with the real catalogue: its strings, the paste named in Japanese', async (t) => {
  const { page, errors } = await openPage(s, t, {
    url: url('/docs/ja.html'),
    waitReady: false,
    beforeGoto: ({ page: p }) => p.addInitScript(() => {
      window.__reports = [];
      document.addEventListener('report', (e) => window.__reports.push(e.detail));
    }),
  });
  await page.waitForFunction(() => document.querySelector('#a')?.dataset.lang === 'ja');
  for (const [selector, key] of [['label[for="paste"]', 'ui.paste.label'], ['#findings-heading', 'ui.findings.heading']]) {
    assert.notEqual(JA[key], EN[key], `${key} is translated`);
    assert.equal((await page.textContent(`#a >> ${selector}`)).trim(), JA[key], key);
  }
  // The paste is an input named in the element's language: in the inputs list, in the
  // report (source.input) and in the finding messages the core renders (places).
  await page.focus('#a >> #paste');
  await waitReady(page, '#a');
  await inspectIn(page, '#a', { paste: fixtureText('misordered.pem') });
  const name = JA['ui.paste.name'];
  const items = await page.locator('#a >> #inputs-list li[data-input]').evaluateAll((els) => els.map((e) => [e.dataset.input, e.innerText]));
  assert.equal(items.length, 1);
  assert.equal(items[0][0], name);
  assert.match(items[0][1], /証明書/, `the list says what the paste holds (the report matched it by name): ${items[0][1]}`);
  const report = (await page.evaluate(() => window.__reports)).at(-1);
  assert.ok(report.objects.every((o) => o.source.input === name), 'source.input is the Japanese name');
  const message = await page.textContent('#a >> #findings li.finding[data-code="leaf_not_first"] .finding-message');
  assert.ok(message.includes(name), `the message names the paste: ${message}`);
  assert.ok(!message.includes(EN['ui.paste.name']), message);
  assertNoPageErrors(errors);
});

test('a partial catalogue falls back to English key by key; lang changes; Intl follows', async (t) => {
  // A server of its own (another origin), so its partial ja.json cannot reach the other tests'
  // pages, which read the real one; the same browser.
  const LABEL = 'テスト: 証明書を貼り付け';
  const partial = await startServer({
    base: '/partial/tools/',
    files: {
      '/partial/ja.html': doc('<cert-inspector id="a" lang="ja"></cert-inspector>'),
      '/partial/tools/i18n/ja.json': { body: JSON.stringify({ 'language.name': '日本語', 'ui.paste.label': LABEL }), type: 'application/json' },
    },
  });
  t.after(() => partial.close());
  const { page, errors } = await openPage(s, t, { url: `${partial.origin}/partial/ja.html`, waitReady: false });
  await page.waitForFunction(() => document.querySelector('#a')?.dataset.lang === 'ja');
  assert.ok(partial.requests.some((r) => r.path === '/partial/tools/i18n/ja.json' && r.status === 200), 'the partial catalogue was read');
  assert.equal((await page.textContent('#a >> label[for="paste"]')).trim(), LABEL);
  assert.equal((await page.textContent('#a >> #findings-heading')).trim(), EN['ui.findings.heading'], 'fallback to English');
  await page.evaluate(() => document.querySelector('#a').setAttribute('lang', 'en'));
  await page.waitForFunction(() => document.querySelector('#a')?.dataset.lang === 'en');
  assert.equal((await page.textContent('#a >> label[for="paste"]')).trim(), EN['ui.paste.label']);
  // Intl formatting follows the language: dates and numbers in the report's relative times.
  await page.evaluate(() => document.querySelector('#a').setAttribute('lang', 'ja'));
  await page.waitForFunction(() => document.querySelector('#a')?.dataset.lang === 'ja');
  await page.focus('#a >> #paste');
  await waitReady(page, '#a');
  await inspectIn(page, '#a', { paste: fixtureText('leaf-rsa2048.pem') });
  const facts = await page.locator('#a >> #objects details.object .validity-lines').first().textContent();
  assert.match(facts, /後|前/, `Japanese relative time (Intl.RelativeTimeFormat): ${facts}`);
  // The paste's name is missing from this catalogue too: English, not the key.
  assert.deepEqual(await page.locator('#a >> #inputs-list li[data-input]').evaluateAll((els) => els.map((e) => e.dataset.input)), [EN['ui.paste.name']]);
  assertNoPageErrors(errors);
});

test('theming: a custom property on the element changes a computed style inside its shadow root', async (t) => {
  const { page, errors } = await openPage(s, t, { url: url('/docs/one.html'), waitReady: false });
  await page.waitForFunction(() => document.querySelector('#a')?.shadowRoot?.querySelector('#download-fullchain'));
  const bg = () => page.$eval('#a >> #download-fullchain', (el) => getComputedStyle(el).backgroundColor);
  const radius = () => page.$eval('#a >> .panel', (el) => getComputedStyle(el).borderTopLeftRadius);
  const font = () => page.$eval('#a >> #paste', (el) => getComputedStyle(el).fontFamily);
  const before = await bg();
  await page.evaluate(() => {
    const el = document.querySelector('#a');
    el.style.setProperty('--cert-inspector-accent', 'rgb(200, 0, 100)');
    el.style.setProperty('--cert-inspector-radius', '3px');
    el.style.setProperty('--cert-inspector-font', 'serif');
  });
  assert.notEqual(before, 'rgb(200, 0, 100)');
  assert.equal(await bg(), 'rgb(200, 0, 100)');
  assert.equal(await radius(), '3px');
  assert.match(await page.$eval('#a >> .dropzone-title', (el) => getComputedStyle(el).fontFamily), /serif/);
  assert.ok(await font());
  assertNoPageErrors(errors);
});

test('the demo article: both widgets work (full, and compact key_match)', async (t) => {
  const { page, errors } = await openPage(s, t, { url: `${s.server.url}demo.html`, waitReady: false });
  const widgets = page.locator('cert-inspector');
  assert.equal(await widgets.count(), 2);
  await page.evaluate(() => document.querySelectorAll('cert-inspector').forEach((el, i) => { el.id = `w${i}`; }));
  await page.focus('#w0 >> #paste');
  await waitReady(page, '#w0');
  await inspectIn(page, '#w0', { paste: fixtureText('misordered.pem') });
  assert.ok((await findingsIn(page, '#w0')).some((f) => f.code === 'leaf_not_first'));
  const hosts = await page.locator('#w0 >> #hosts-table tbody tr[data-host]').evaluateAll((els) => els.map((e) => e.dataset.host));
  assert.deepEqual(hosts, ['www.example.com'], 'the hosts attribute of the first widget');
  await inspectIn(page, '#w1', { paste: fixtureText('leaf-rsa2048.pem') + fixtureText('leaf-rsa2048.key') });
  const w1 = await findingsIn(page, '#w1');
  assert.ok(w1.every((f) => f.check === 'key_match'), JSON.stringify(w1));
  const keys = await page.locator('#w1 >> #key-match [data-key-match]').evaluateAll((els) => els.map((e) => e.dataset.keyMatch));
  assert.deepEqual(keys, ['matches']);
  assert.equal(wasmRequests().filter((r) => r.path.startsWith(TOOLS)).length >= 1, true);
  assertNoPageErrors(errors);
});

test('every catalogue key the UI names literally is in i18n/en.json (and zh, ja)', () => {
  const www = path.join(REPO_ROOT, 'www');
  const files = ['cert-inspector.js', 'page.js', 'index.html', 'worker.js', 'component/template.js',
    ...fs.readdirSync(path.join(www, 'lib')).map((f) => `lib/${f}`),
    ...fs.readdirSync(path.join(www, 'render')).map((f) => `render/${f}`)];
  for (const lang of ['en', 'zh', 'ja']) {
    const ui = uiKeys(catalogue(lang));
    const missing = [];
    for (const f of files) {
      const text = fs.readFileSync(path.join(www, f), 'utf8');
      for (const m of text.matchAll(/["'`:](ui\.[a-z0-9_.-]+[a-z0-9_])["'`;]/g)) {
        const key = m[1];
        if (!(key in ui) && !(`${key}.other` in ui)) missing.push(`${f}: ${key}`);
      }
    }
    assert.deepEqual(missing, [], `${lang}.json`);
    assert.ok(Object.keys(ui).length > 100, `${lang}.json has the element's strings`);
    for (const [k, v] of Object.entries(ui)) assert.ok(typeof v === 'string' && v !== '', `${lang}: ${k} is a non-empty string`);
  }
});
