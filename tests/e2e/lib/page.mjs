// Helpers shared by the end-to-end tests: one server and one browser per test file, a fresh
// browser context per test, and readers for the page's DOM contract (see tests/e2e/README.md).
// The checker's UI lives in the open shadow root of <cert-inspector>: Playwright's selectors
// (page.fill('#paste'), $$eval, locators) pierce it; document.querySelector in page.evaluate
// does not, so in-page code goes through the host's shadowRoot.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launchBrowser } from './browser.mjs';
import { AT } from './fixtures.mjs';

// The machine is small and shared: be generous with anything that waits for the page.
export const READY_TIMEOUT = 30_000;
export const CHECK_TIMEOUT = 30_000;
// Checks are debounced (~250 ms) and run in a worker; a result is final once no further
// check completed for this long.
export const QUIET_MS = 700;

/** Registers file-level before/after hooks: a server on 127.0.0.1 and a browser.
 * `server`: options of startServer (base sub-path, extra files). */
export function useSuite({ server = {} } = {}) {
  const s = { server: null, browser: null, url: null };
  before(async () => {
    s.server = await startServer(server);
    s.url = s.server.url;
    s.browser = await launchBrowser();
  });
  after(async () => {
    await s.browser?.close().catch(() => {});
    await s.server?.close();
  });
  return s;
}

/**
 * A new context and page, navigated to the page and waited until the worker loaded the wasm
 * and the root programs, and (unless `waitData` is false) until the public intermediates the
 * checker fetches at idle after that are in: a report made before them is checked again when
 * they arrive, which would change the page under a test.
 * Registers the context's closing on the test `t`. `errors` collects uncaught page errors,
 * console errors and crashes.
 */
export async function openPage(s, t, { contextOptions = {}, waitReady = true, waitData = true, beforeGoto, url } = {}) {
  const context = await s.browser.newContext({ acceptDownloads: true, ...contextOptions });
  t.after(() => context.close().catch(() => {}));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('crash', () => errors.push('crash: the page crashed'));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  page.on('worker', (w) => {
    w.on('console', (m) => {
      if (m.type() === 'error') errors.push(`worker console.error: ${m.text()}`);
    });
  });
  if (beforeGoto) await beforeGoto({ context, page });
  await page.goto(url ?? s.url);
  if (waitReady) await waitReady_(page, HOST, { data: waitData });
  return { context, page, errors };
}

/** The first <cert-inspector> of the page (the full page has one): in-page code reaches its
 * shadow root with `document.querySelector(HOST).shadowRoot`. */
export const HOST = 'cert-inspector';

/**
 * Waits for the element's data-ready (the checker with its root programs, and the language),
 * then, unless `data` is false, for its data-intermediates to leave "loading" (the public
 * intermediates, fetched once per page at idle after ready).
 */
async function waitReady_(page, host = HOST, { data = true } = {}) {
  await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.ready === 'true', host, {
    timeout: READY_TIMEOUT,
  });
  if (data) await waitIntermediates(page, host);
}

/** Waits until the element's public intermediates are in (or could not be had). */
export async function waitIntermediates(page, host = HOST) {
  await page.waitForFunction(
    (sel) => ['loaded', 'unavailable'].includes(document.querySelector(sel)?.dataset.intermediates),
    host,
    { timeout: READY_TIMEOUT },
  );
}
export { waitReady_ as waitReady };

/** Number of completed inspections (the host's data-checks). */
export async function checkCount(page, host = HOST) {
  return page.evaluate((sel) => Number(document.querySelector(sel)?.dataset.checks || 0), host);
}

/**
 * Waits until more than `before` inspections completed, then until none completed for
 * QUIET_MS (so that debounced follow-up checks have landed). Returns the final count.
 */
export async function settle(page, before, { timeout = CHECK_TIMEOUT, quietMs = QUIET_MS, host = HOST } = {}) {
  await page.waitForFunction(([sel, n]) => Number(document.querySelector(sel)?.dataset.checks || 0) > n, [host, before], {
    timeout,
  });
  let last = await checkCount(page, host);
  const deadline = Date.now() + timeout;
  for (;;) {
    await page.waitForTimeout(quietMs);
    const now = await checkCount(page, host);
    if (now === last) return now;
    assert.ok(Date.now() < deadline, 'inspections never settled');
    last = now;
  }
}

/** Sets #at, #hosts and #paste (those given, in that order) the way a user would. */
export async function fillInputs(page, { at, hosts, paste } = {}) {
  if (at !== undefined) await page.fill('#at', at);
  if (hosts !== undefined) await page.fill('#hosts', hosts);
  if (paste !== undefined) await page.fill('#paste', paste);
}

/** fillInputs, then waits for the resulting inspection(s) to complete. */
export async function inspect(page, inputs) {
  const before = await checkCount(page);
  await fillInputs(page, { at: AT, ...inputs });
  return settle(page, before);
}

/** Runs `action` and waits for the inspection(s) it causes. */
export async function afterAction(page, action) {
  const before = await checkCount(page);
  await action();
  return settle(page, before);
}

export const verdict = (page) => page.getAttribute('#verdict', 'data-verdict');

export const findings = (page) =>
  page.$$eval('#findings li.finding', (els) =>
    els.map((e) => ({
      code: e.dataset.code,
      severity: e.dataset.severity,
      text: e.innerText.trim(),
    })),
  );

export const chainNodes = (page) =>
  page.$$eval('#chain .chain-node', (els) =>
    els.map((e) => ({
      id: e.dataset.objectId,
      state: e.dataset.state,
      validity: e.dataset.validity,
      timeline: !!e.querySelector('.timeline'),
      text: e.innerText.trim(),
    })),
  );

export const hostRows = (page) =>
  page.$$eval('#hosts-table tbody tr[data-host]', (els) =>
    els.map((e) => ({ host: e.dataset.host, covered: e.dataset.covered, text: e.innerText.trim() })),
  );

export const keyMatches = (page) =>
  page.$$eval('#key-match [data-key-match]', (els) =>
    els.map((e) => ({ state: e.dataset.keyMatch, text: e.innerText.trim() })),
  );

export const inputsList = (page) =>
  page.$$eval('#inputs-list li[data-input]', (els) =>
    els.map((e) => ({ name: e.dataset.input, text: e.innerText.trim() })),
  );

export const objectIds = (page) =>
  page.$$eval('#objects details.object[data-object-id]', (els) => els.map((e) => e.dataset.objectId));

/**
 * A real drag and drop onto `selector`: File objects and a DataTransfer made in the page,
 * then dragenter, dragover and drop dispatched on the target.
 * files: [{ name, bytes: Buffer, type? }]
 */
export async function dropFiles(page, selector, files) {
  const payload = files.map((f) => ({
    name: f.name,
    type: f.type ?? '',
    b64: Buffer.from(f.bytes).toString('base64'),
  }));
  const dataTransfer = await page.evaluateHandle((items) => {
    const dt = new DataTransfer();
    for (const it of items) {
      const bin = atob(it.b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], it.name, { type: it.type }));
    }
    return dt;
  }, payload);
  for (const type of ['dragenter', 'dragover', 'drop']) {
    await page.dispatchEvent(selector, type, { dataTransfer });
  }
  await dataTransfer.dispose();
}

/** Asserts that nothing went wrong in the page (uncaught errors, console errors, crash). */
export function assertNoPageErrors(errors, allowed = []) {
  const unexpected = errors.filter((e) => !allowed.some((re) => re.test(e)));
  assert.deepEqual(unexpected, [], 'errors in the page');
}
