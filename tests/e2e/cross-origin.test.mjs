// <cert-inspector> served from ANOTHER ORIGIN than the page (a CDN): the docs page on server A,
// www/ under /tools/ on server B (another port, so another origin) with
// `Access-Control-Allow-Origin: *`. Workers must be same-origin, so `new Worker()` throws and
// the element runs the same engine on the main thread (www/README.md, "No Worker"). Without
// CORS the module script is refused: the tag stays undefined and the page is otherwise fine.
// Also the other documented trigger: a same-origin page whose CSP refuses workers.
//
// How "the checker ran on the main thread" is observed (nothing new exposed by the element):
// - an init script wraps `window.Worker` and records every construction: one attempt, for B's
//   worker.js, that threw SecurityError (the trigger the README names);
// - no worker ever ran: Playwright saw no `worker` event, and no server was asked for worker.js
//   (the browser refuses before fetching it);
// - the checker's own flag: a dynamic import of B's lib/checker.js from the page resolves to the
//   very module instance the element imported (the module map is keyed by URL), so
//   `checkerStarted()` and `getChecker().inline` are the element's checker, read, not made.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from './lib/server.mjs';
import { fixtureText } from './lib/fixtures.mjs';
import { useSuite, openPage, settle, checkCount, waitReady, assertNoPageErrors } from './lib/page.mjs';

const TOOLS = '/tools/';
// Server B, the "CDN": www/ under /tools/, CORS on; the shared browser.
const s = useSuite({ server: { base: TOOLS, cors: true } });

const servers = {};
let emptyDir;

/** A docs page that loads the element from `src` (an absolute URL of cert-inspector.js). The
 * element holds fallback content: shown only while the element is undefined (its shadow root
 * has no slot). */
const docPage = (src, { title = 'Docs' } = {}) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><link rel="icon" href="data:,">` +
  `<script type="module" src="${src}"></script></head><body><h1>Guide</h1>` +
  '<cert-inspector id="a"><p id="fallback">The certificate checker needs JavaScript.</p></cert-inspector>' +
  '<p id="after">The rest of the article.</p></body></html>';

before(async () => {
  emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'certlens-e2e-docs-'));
  // B without CORS: the same files, no Access-Control-Allow-Origin.
  servers.noCors = await startServer({ base: TOOLS });
  // A: only the docs pages (an empty directory otherwise), a plain page without a CSP.
  servers.plain = await startServer({
    root: emptyDir,
    csp: null,
    files: {
      '/docs/page.html': docPage(`${s.server.url}cert-inspector.js`),
      '/docs/no-cors.html': docPage(`${servers.noCors.url}cert-inspector.js`),
    },
  });
  // A with the CSP www/README.md asks of a page for the element's origin: script-src (plus
  // 'wasm-unsafe-eval') and connect-src; worker-src cannot help across origins.
  servers.csp = await startServer({
    root: emptyDir,
    csp: `default-src 'none'; script-src ${s.server.origin} 'wasm-unsafe-eval'; connect-src ${s.server.origin}; img-src data:`,
    files: { '/docs/page.html': docPage(`${s.server.url}cert-inspector.js`) },
  });
  // The same origin, but a CSP that refuses workers: each worker fails to load.
  servers.noWorkers = await startServer({
    base: TOOLS,
    csp: "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; worker-src 'none'; img-src data:",
    files: { '/docs/page.html': docPage(`${TOOLS}cert-inspector.js`) },
  });
});
after(async () => {
  for (const srv of Object.values(servers)) await srv.close();
  if (emptyDir) fs.rmSync(emptyDir, { recursive: true, force: true });
});

/** Before the page's scripts: records every `new Worker` (URL, and the error it threw) and every
 * `report` event. */
function instrument({ page }) {
  return page.addInitScript(() => {
    window.__workers = [];
    window.__reports = [];
    const Native = window.Worker;
    window.Worker = new Proxy(Native, {
      construct(target, args, newTarget) {
        const entry = { url: String(args[0]) };
        window.__workers.push(entry);
        try {
          const worker = Reflect.construct(target, args, newTarget);
          entry.created = true;
          worker.addEventListener('error', () => { entry.failed = true; });
          return worker;
        } catch (err) {
          entry.threw = err.name;
          throw err;
        }
      },
    });
    document.addEventListener('report', (e) => window.__reports.push({ target: e.target.id, report: e.detail }));
  });
}

/** Opens `url` with the instrumentation and a log of every request of the context (page and
 * any worker), returns { page, errors, requests, workerEvents }. */
async function openDoc(t, url) {
  const requests = [];
  const workerEvents = [];
  const { page, errors } = await openPage(s, t, {
    url,
    waitReady: false,
    beforeGoto: async ({ context, page: p }) => {
      context.on('request', (r) => requests.push(r.url()));
      p.on('worker', (w) => workerEvents.push(w.url()));
      await instrument({ page: p });
    },
  });
  return { page, errors, requests, workerEvents };
}

/** The element's checker, read through the same module URL (null if it was never started). */
const checkerState = (page, toolsUrl) =>
  page.evaluate(async (u) => {
    const m = await import(u);
    return m.checkerStarted() ? { inline: m.getChecker().inline, ready: m.getChecker().ready } : null;
  }, `${toolsUrl}lib/checker.js`);

/** Ready, then misordered.pem pasted: the `report` event carries leaf_not_first. */
async function pasteMisordered(page) {
  await page.focus('#a >> #paste'); // first use: the checker starts
  await waitReady(page, '#a');
  const before = await checkCount(page, '#a');
  await page.fill('#a >> #paste', fixtureText('misordered.pem'));
  await settle(page, before, { host: '#a' });
  const reports = await page.evaluate(() => window.__reports);
  assert.ok(reports.length >= 1, 'a report event');
  const last = reports.at(-1);
  assert.equal(last.target, 'a');
  assert.equal(last.report.schema, 'certlens.report/1');
  const codes = last.report.findings.map((f) => f.code);
  assert.ok(codes.includes('leaf_not_first'), `leaf_not_first in the report: ${codes}`);
  const shown = await page.locator('#a >> #findings li.finding').evaluateAll((els) => els.map((e) => e.dataset.code));
  assert.ok(shown.includes('leaf_not_first'), `shown: ${shown}`);
  assert.equal(await page.getAttribute('#a >> #verdict', 'data-verdict'), 'problems');
}

const pageCases = [
  ['a plain page (no CSP)', () => servers.plain],
  ['a page whose CSP allows the element\'s origin (script-src + wasm-unsafe-eval, connect-src)', () => servers.csp],
];

for (const [name, pageServer] of pageCases) {
  test(`served from another origin with CORS, on ${name}: new Worker throws, the engine runs on the main thread`, async (t) => {
    const A = pageServer();
    const B = s.server;
    const startA = A.requests.length;
    const startB = B.requests.length;
    const { page, errors, requests, workerEvents } = await openDoc(t, `${A.origin}/docs/page.html`);
    await page.waitForFunction(() => customElements.get('cert-inspector') !== undefined);
    assert.equal(await page.isVisible('#fallback'), false, 'the fallback content is hidden once the element is defined');
    await pasteMisordered(page);

    // The main thread ran the checker.
    const attempts = await page.evaluate(() => window.__workers);
    assert.deepEqual(attempts, [{ url: `${B.url}worker.js`, threw: 'SecurityError' }], 'one new Worker, refused synchronously');
    assert.deepEqual(workerEvents, [], 'no worker started');
    assert.deepEqual(page.workers(), []);
    assert.deepEqual(await checkerState(page, B.url), { inline: true, ready: true }, 'the element\'s checker is inline');
    const bLog = B.requests.slice(startB);
    assert.ok(!bLog.some((r) => r.path.endsWith('/worker.js')), 'worker.js never fetched');
    assert.ok(bLog.some((r) => r.path === `${TOOLS}lib/engine.js`), 'the page imported the engine itself');
    assert.equal(bLog.filter((r) => r.path.endsWith('.wasm')).length, 1, 'the wasm fetched once');
    assert.deepEqual(bLog.filter((r) => r.status !== 200), [], 'every asset found on B');

    // Every request went to A (the page) or B (the element's assets), on 127.0.0.1.
    const origins = new Set(requests.map((u) => new URL(u).origin));
    assert.deepEqual([...origins].sort(), [A.origin, B.origin].sort(), `requests: ${requests.join(' ')}`);
    for (const u of requests) assert.equal(new URL(u).hostname, '127.0.0.1');
    assert.deepEqual(A.requests.slice(startA).map((r) => r.path), ['/docs/page.html'], 'A served only the page');
    for (const u of requests.filter((x) => x.startsWith(B.origin))) assert.ok(new URL(u).pathname.startsWith(TOOLS), u);
    assertNoPageErrors(errors);
  });
}

test('served from another origin WITHOUT CORS: the module is refused, the tag stays undefined, the page carries on', async (t) => {
  const A = servers.plain;
  const B = servers.noCors;
  const startB = B.requests.length;
  const { page, errors, requests } = await openDoc(t, `${A.origin}/docs/no-cors.html`);
  await page.waitForLoadState('load');
  // Nothing will define it: give the refused script time to have failed.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/cert-inspector.js')));
  await page.waitForTimeout(500);
  const state = await page.evaluate(() => {
    const el = document.querySelector('#a');
    return {
      defined: customElements.get('cert-inspector') !== undefined,
      undefinedTag: el.matches(':not(:defined)'),
      shadow: el.shadowRoot !== null,
      ready: el.dataset.ready ?? null,
    };
  });
  assert.deepEqual(state, { defined: false, undefinedTag: true, shadow: false, ready: null });
  // The element's fallback content and the rest of the article are shown.
  assert.equal(await page.isVisible('#fallback'), true);
  assert.equal(await page.isVisible('#after'), true);
  // Only the script was asked for (the server sent it; the browser refused it): nothing else.
  assert.deepEqual(B.requests.slice(startB).map((r) => r.path), [`${TOOLS}cert-inspector.js`]);
  assert.ok(requests.every((u) => u.startsWith(A.origin) || u.startsWith(B.origin)), requests.join(' '));
  assert.deepEqual(await page.evaluate(() => window.__workers), []);
  // No uncaught error and no crash: only the browser's report of the refused script.
  assertNoPageErrors(errors, [
    /^console\.error: Access to script at '.*\/tools\/cert-inspector\.js' from origin '.*' has been blocked by CORS policy/,
    /^console\.error: Failed to load resource: net::ERR_FAILED/,
  ]);
  assert.ok(errors.some((e) => /blocked by CORS policy/.test(e)), `the browser says why: ${errors}`);
});

test('the same origin with a CSP that refuses workers: every worker fails to load, the engine runs on the main thread', async (t) => {
  const C = servers.noWorkers;
  const start = C.requests.length;
  const { page, errors, workerEvents } = await openDoc(t, `${C.origin}/docs/page.html`);
  await pasteMisordered(page);
  const attempts = await page.evaluate(() => window.__workers);
  assert.ok(attempts.length >= 1 && attempts.every((a) => a.created && a.failed), `every worker made, then failed: ${JSON.stringify(attempts)}`);
  assert.deepEqual(workerEvents, [], 'no worker started');
  assert.deepEqual(await checkerState(page, C.url), { inline: true, ready: true });
  const log = C.requests.slice(start);
  assert.ok(!log.some((r) => r.path.endsWith('/worker.js')), 'worker.js never fetched');
  assert.equal(log.filter((r) => r.path.endsWith('.wasm')).length, 1, 'the wasm fetched once');
  assertNoPageErrors(errors, [/^console\.error: Creating a worker from '.*\/tools\/worker\.js' violates the following Content Security Policy directive: "worker-src 'none'"/]);
});
