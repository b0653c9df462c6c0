// 4. Privacy: the page's requests are its own assets and certlens's two data files, the same
// URLs in the same order whatever the user pastes; once the public intermediates are in,
// inspecting a private key makes no network request at all; nothing is stored; the CSP refuses
// connections to any other origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { WWW_DIR } from './lib/server.mjs';
import { fixturePath, fixtureText } from './lib/fixtures.mjs';
import {
  useSuite, openPage, inspect, afterAction, keyMatches, assertNoPageErrors, waitReady, waitIntermediates, settle, checkCount, HOST,
} from './lib/page.mjs';

const s = useSuite();

// Every way a request can be observed: Playwright's page and context events (which include
// dedicated and service workers), a route on the context (sees everything Chromium would
// send), the CDP Network domain of the page, the page's and worker's resource timing
// entries, and the server's own log.
// data: and blob: URLs never leave the machine (Chromium's own date picker icon is a data:
// URL); they are kept apart.
async function recordRequests(context, page) {
  const all = [];
  const seen = {
    push: (line) => all.push(line),
    get network() {
      return all.filter((l) => !/ (data|blob):/.test(l));
    },
    get local() {
      return all.filter((l) => / (data|blob):/.test(l)).map((l) => l.slice(0, 100));
    },
  };
  page.on('request', (r) => seen.push(`page request: ${r.method()} ${r.url()}`));
  context.on('request', (r) => seen.push(`context request: ${r.method()} ${r.url()}`));
  page.on('websocket', (w) => seen.push(`websocket: ${w.url()}`));
  await context.route('**/*', (route) => {
    seen.push(`route: ${route.request().method()} ${route.request().url()}`);
    return route.continue();
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  cdp.on('Network.requestWillBeSent', (e) => seen.push(`cdp: ${e.request.method} ${e.request.url}`));
  cdp.on('Network.webSocketCreated', (e) => seen.push(`cdp websocket: ${e.url}`));
  return { seen, cdp };
}

const resourceCount = (target) => target.evaluate(() => performance.getEntriesByType('resource').length);

const DATA_FILES = ['/data/root-programs.der.gz', '/data/public-intermediates.der.gz'];

/** The requests split at the data files: [stretch before, data file, stretch, data file, stretch],
 * each stretch sorted (its requests run in parallel). */
function phases(paths) {
  const out = [[]];
  for (const p of paths) {
    if (DATA_FILES.includes(p)) out.push(p, []);
    else out.at(-1).push(p);
  }
  return out.map((x) => (Array.isArray(x) ? [...x].sort() : x));
}

/**
 * Loads the page in a fresh context and, as soon as it is ready (the public intermediates may
 * still be coming), pastes `text` the way a user would; waits for the intermediates and the
 * checks; then does what `more` does. Returns every request the browser made (page and
 * workers), in order, and how many there were when the intermediates had arrived.
 */
async function browse(t, text, more = async () => {}) {
  const requests = [];
  const { page, errors } = await openPage(s, t, { waitReady: false, beforeGoto: ({ context }) => {
    context.on('request', (r) => requests.push(r.url()));
  } });
  await waitReady(page, HOST, { data: false });
  const before = await checkCount(page);
  await page.fill('#paste', text);
  await waitIntermediates(page);
  await settle(page, before);
  const atIntermediates = requests.length;
  await more(page);
  await page.waitForTimeout(1500); // late requests (beacons, lazy assets) would show by now
  assertNoPageErrors(errors);
  return { requests, atIntermediates };
}

test("the page fetches its own assets and certlens's two data files: the same URLs, in the same order, whatever you paste", async (t) => {
  // A bundle with its private key, then a public chain.
  const withKey = await browse(t, fixtureText('bundle-with-key.pem'), async (page) => {
    // Once the intermediates are in: more private input, and no request at all.
    await afterAction(page, () => page.setInputFiles('#files', [fixturePath('leaf-rsa2048.enc-pbkdf2.key')]));
    await page.waitForSelector('#password-row:not([hidden])', { timeout: 10_000 });
    await afterAction(page, () => page.fill('#password', 'correct horse'));
  });
  const publicChain = await browse(t, fixtureText('public/badssl-revoked-rapidssl-chain-2021.pem'));

  const paths = (list) => list.map((u) => {
    const url = new URL(u);
    assert.equal(url.origin, new URL(s.url).origin, `a request to another origin: ${u}`);
    return url.pathname + url.search;
  });
  const a = paths(withKey.requests);
  const b = paths(publicChain.requests);
  t.diagnostic(`requests: ${a.join(' ')}`);
  // The same requests, in the same order relative to the data files. (Within a stretch between
  // two of them the browser loads in parallel: the two workers' modules and the favicon arrive
  // in either order from one load of the page to the next, whatever was pasted.)
  assert.deepEqual(phases(a), phases(b), 'the same requests in the same order for a private key and for a public chain');
  assert.equal(a.length, b.length);
  // Only the page's own files...
  for (const p of a) {
    if (DATA_FILES.includes(p)) continue;
    const file = path.join(WWW_DIR, decodeURIComponent(p === '/' ? '/index.html' : p));
    assert.ok(fs.existsSync(file) && fs.statSync(file).isFile(), `not one of the page's files: ${p}`);
  }
  // ...and exactly the two data files, once each, the root programs first.
  assert.deepEqual(a.filter((p) => p.startsWith('/data/')), DATA_FILES);
  // The intermediates come last; after them, nothing, whatever was pasted, dropped or typed.
  assert.equal(a.at(-1), DATA_FILES[1]);
  assert.deepEqual(withKey.requests.slice(withKey.atIntermediates), [], 'requests after the intermediates arrived');
  assert.deepEqual(publicChain.requests.slice(publicChain.atIntermediates), []);
});

test('after ready, inspecting a certificate and private keys makes zero network requests', async (t) => {
  const { context, page, errors } = await openPage(s, t);
  if (!page.workers().length) await page.waitForEvent('worker', { timeout: 5000 }).catch(() => {});
  assert.ok(page.workers().length >= 1, 'the checks run in a Web Worker');
  const worker = page.workers()[0];
  const serverBefore = s.server.requests.length;
  const pageResBefore = await resourceCount(page);
  const workerResBefore = await resourceCount(worker);
  const { seen } = await recordRequests(context, page);

  // A bundle with its private key, pasted; then an encrypted key as a file, and its password.
  await inspect(page, { hosts: 'www.example.com', paste: fixtureText('bundle-with-key.pem') });
  assert.ok((await keyMatches(page)).some((k) => k.state === 'matches'));
  await afterAction(page, () => page.setInputFiles('#files', [fixturePath('leaf-rsa2048.enc-pbkdf2.key')]));
  await page.waitForSelector('#password-row:not([hidden])', { timeout: 10_000 });
  await afterAction(page, () => page.fill('#password', 'correct horse'));
  // Other controls a user touches; then give late requests (beacons, lazy assets) a chance.
  await page.click('#theme-toggle');
  await page.selectOption('#snippet-server', 'apache');
  await page.waitForTimeout(1500);

  if (seen.local.length) t.diagnostic(`local (data:/blob:) loads, not network: ${seen.local.join('; ')}`);
  assert.deepEqual(seen.network, [], 'network requests after the page was ready');
  assert.deepEqual(s.server.requests.slice(serverBefore), [], 'requests that reached the server');
  assert.equal(await resourceCount(page), pageResBefore, 'new resource timing entries in the page');
  assert.equal(await resourceCount(worker), workerResBefore, 'new resource timing entries in the worker');

  // Control: the recorders are not blind. A same-origin fetch from the page and one from the
  // worker (both allowed by connect-src 'self') are seen by each of them.
  await page.evaluate(() => fetch('favicon.svg?from=page').then((r) => r.text()));
  await worker.evaluate(() => fetch('/favicon.svg?from=worker').then((r) => r.text()));
  await page.waitForTimeout(300);
  for (const from of ['page', 'worker']) {
    const hits = seen.network.filter((l) => l.includes(`from=${from}`)).map((l) => l.split(':')[0]);
    for (const source of ['context request', 'route', 'cdp']) {
      if (from === 'worker' && source === 'cdp') continue; // the page's CDP session sees the page only
      assert.ok(hits.includes(source), `${source} saw the control fetch from the ${from}: ${hits}`);
    }
    assert.ok(s.server.requests.some((r) => r.path.includes(`from=${from}`)), `the server saw the control fetch from the ${from}`);
  }
  assertNoPageErrors(errors);
});

test('nothing is stored: no cookies, localStorage, sessionStorage, IndexedDB or caches', async (t) => {
  const { context, page, errors } = await openPage(s, t);
  await inspect(page, { hosts: 'www.example.com', paste: fixtureText('bundle-with-key.pem') });
  await page.click('#theme-toggle'); // a remembered theme would be stored too
  await page.waitForTimeout(300);
  const stored = await page.evaluate(async () => ({
    localStorage: Object.keys(localStorage),
    sessionStorage: Object.keys(sessionStorage),
    cookie: document.cookie,
    indexedDB: (await indexedDB.databases()).map((d) => d.name),
    caches: 'caches' in self ? await caches.keys() : [],
    serviceWorkers: navigator.serviceWorker ? (await navigator.serviceWorker.getRegistrations()).length : 0,
  }));
  assert.deepEqual(stored, {
    localStorage: [],
    sessionStorage: [],
    cookie: '',
    indexedDB: [],
    caches: [],
    serviceWorkers: 0,
  });
  assert.deepEqual(await context.cookies(), []);
  const state = await context.storageState({ indexedDB: true });
  assert.deepEqual(state.origins, [], 'origins with stored data');
  // Nor is any input reflected into the URL (history, referrers).
  assert.equal(new URL(page.url()).search + new URL(page.url()).hash, '');
  assertNoPageErrors(errors);
});

test('the CSP refuses a fetch to another origin, from the page and from the worker', async (t) => {
  const { page } = await openPage(s, t);
  const inPage = await page.evaluate(async () => {
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, disposition: e.disposition }),
    );
    let error = null;
    try {
      await fetch('http://127.0.0.1:1/');
    } catch (e) {
      error = `${e.name}: ${e.message}`;
    }
    const img = new Image();
    img.src = 'http://127.0.0.1:1/pixel.png';
    await new Promise((r) => setTimeout(r, 300));
    return { error, violations };
  });
  assert.ok(inPage.error, 'the fetch was refused');
  const connect = inPage.violations.filter((v) => v.directive === 'connect-src');
  assert.ok(connect.length >= 1, JSON.stringify(inPage.violations)); // one per policy: meta and header
  assert.match(connect[0].blocked, /^http:\/\/127\.0\.0\.1:1\/?/);
  assert.equal(connect[0].disposition, 'enforce');
  assert.ok(inPage.violations.some((v) => v.directive === 'img-src'), 'img-src blocks other origins');

  // The worker has its own policy (from the header of its script).
  const worker = page.workers()[0];
  assert.ok(worker, 'a worker is running');
  const inWorker = await worker.evaluate(async () => {
    const violations = [];
    self.addEventListener('securitypolicyviolation', (e) =>
      violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI }),
    );
    let error = null;
    try {
      await fetch('http://127.0.0.1:1/');
    } catch (e) {
      error = `${e.name}: ${e.message}`;
    }
    await new Promise((r) => setTimeout(r, 300));
    return { error, violations };
  });
  assert.ok(inWorker.error, 'the fetch from the worker was refused');
  assert.ok(
    inWorker.violations.some((v) => v.directive === 'connect-src'),
    `connect-src violation in the worker: ${JSON.stringify(inWorker)}`,
  );
});

test('the page refuses to be framed (frame-ancestors none)', async (t) => {
  const context = await s.browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  let framedRequests = 0;
  page.on('requestfinished', (r) => {
    if (r.url() === s.url) framedRequests++;
  });
  await page.setContent(`<iframe id="f" src="${s.url}"></iframe>`);
  await page.waitForTimeout(1500);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  const hasPage = frame ? await frame.$('#paste').then((h) => !!h).catch(() => false) : false;
  assert.equal(hasPage, false, 'the page rendered inside a frame');
  assert.ok(framedRequests <= 1);
});

test('a typed password never appears in the DOM or the URL', async (t) => {
  const { page, errors } = await openPage(s, t);
  await inspect(page, {
    paste: fixtureText('leaf-rsa2048.pem') + fixtureText('leaf-rsa2048.enc-pbkdf2.key'),
  });
  await afterAction(page, () => page.fill('#password', 'correct horse'));
  assert.equal(await page.getAttribute('#password', 'type'), 'password');
  const html = await page.evaluate(() => document.documentElement.outerHTML);
  assert.ok(!html.includes('correct horse'), 'the password is written into the DOM');
  assert.ok(!page.url().includes('correct'), 'the password is in the URL');
  assertNoPageErrors(errors);
});
