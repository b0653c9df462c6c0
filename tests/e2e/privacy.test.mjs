// 4. Privacy: once the page is ready, inspecting a private key makes no network request at all;
// nothing is stored; the CSP refuses connections to any other origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixturePath, fixtureText } from './lib/fixtures.mjs';
import { useSuite, openPage, inspect, afterAction, keyMatches, assertNoPageErrors } from './lib/page.mjs';

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
