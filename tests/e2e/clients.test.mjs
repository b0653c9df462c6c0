// Root programs and public intermediates in the page: the "Trust by client" table of a real
// public chain as each program stood at the element's `at` instant, the data line, a chain
// completed from certlens's public intermediates (marked as added, in the downloaded
// fullchain.pem), the automatic re-check when the intermediates arrive after a report, a page
// whose root programs could not be loaded, and screenshots of the table (desktop, phone, dark,
// Japanese) in target/screenshots/clients-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './lib/server.mjs';
import { fixtureText } from './lib/fixtures.mjs';
import {
  useSuite, openPage, settle, checkCount, afterAction, chainNodes, findings, waitIntermediates, assertNoPageErrors, HOST,
} from './lib/page.mjs';

const s = useSuite();
const OUT = path.join(REPO_ROOT, 'target', 'screenshots');
const catalogue = (lang) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'i18n', `${lang}.json`), 'utf8'));
const en = catalogue('en');

const BADSSL = 'public/badssl-revoked-rapidssl-chain-2021.pem'; // leaf → RapidSSL → DigiCert Global Root CA
const E8_LEAF = 'public/letsencrypt-e8-leaf-2026.pem'; // letsencrypt.org without its intermediate E8
const CLIENTS = ['chrome', 'firefox', 'apple', 'windows', 'android', 'java'];

/** Sets the element's `at` attribute; with input already given, waits for the check it causes. */
async function setAt(page, at) {
  const set = () => page.evaluate(([sel, value]) => document.querySelector(sel).setAttribute('at', value), [HOST, at]);
  const hasInput = await page.evaluate(() => document.querySelector('cert-inspector').shadowRoot.getElementById('paste').value !== '');
  if (hasInput) await afterAction(page, set);
  else await set();
}

async function paste(page, text) {
  await afterAction(page, () => page.fill('#paste', text));
}

const clientRows = (page) =>
  page.$$eval('#clients tbody tr[data-client]', (rows) =>
    rows.map((r) => ({
      client: r.dataset.client,
      trusted: r.dataset.trusted,
      name: r.querySelector('th[scope=row]')?.innerText.trim(),
      verdict: r.querySelector('.client-verdict')?.innerText.trim(),
      icon: Boolean(r.querySelector('.client-verdict svg.icon')),
      message: r.querySelector('.client-message')?.innerText.trim(),
    })),
  );

const shownReport = (page) => page.evaluate((sel) => document.querySelector(sel).report, HOST);

test('Trust by client: a DigiCert Global Root CA chain, trusted everywhere in 2021, refused by Chrome and Firefox in 2026', async (t) => {
  const { page, errors } = await openPage(s, t);
  await setAt(page, '2021-12-01T00:00:00Z');
  await paste(page, fixtureText(BADSSL));

  // The table: a caption, column headers, one row per client with a header cell.
  assert.equal((await page.textContent('#clients caption')).trim(), en['ui.clients.caption']);
  const heads = await page.$$eval('#clients thead th', (ths) => ths.map((th) => [th.getAttribute('scope'), th.innerText.trim()]));
  assert.deepEqual(heads.map((h) => h[0]), ['col', 'col', 'col']);
  let rows = await clientRows(page);
  assert.deepEqual(rows.map((r) => r.client), CLIENTS);
  assert.deepEqual(rows.map((r) => r.name), CLIENTS.map((c) => en[`client.${c}`]));
  const then = await shownReport(page);
  assert.equal(then.checked_at, '2021-12-01T00:00:00Z');
  for (const [i, row] of rows.entries()) {
    assert.equal(row.trusted, 'true', JSON.stringify(row));
    assert.equal(row.verdict, en['ui.clients.trusted'], 'a word, not only a colour');
    assert.ok(row.icon, 'and an icon');
    assert.equal(row.message, then.chain.clients[i].message, "the core's sentence, as it is");
  }
  assert.ok(!(await findings(page)).some((f) => f.code === 'missing_intermediate'), 'a root is not a missing intermediate');

  // The same chain today: Chrome Root Store v31 removed the root, NSS 3.123 turned its websites trust off.
  await setAt(page, '2026-12-07T00:00:00Z');
  rows = await clientRows(page);
  const byClient = Object.fromEntries(rows.map((r) => [r.client, r]));
  for (const refused of ['chrome', 'firefox']) {
    assert.equal(byClient[refused].trusted, 'false');
    assert.match(byClient[refused].verdict, /not trusted/i);
  }
  assert.match(byClient.chrome.message, /v31/);
  assert.match(byClient.firefox.message, /NSS 3\.123/);
  for (const still of ['apple', 'windows', 'android', 'java']) assert.equal(byClient[still].trusted, 'true', still);
  const codes = (await findings(page)).map((f) => f.code);
  assert.ok(codes.includes('root_not_trusted'), codes.join(', '));
  // The diagram ends at the root, shown as one not every client trusts.
  const nodes = await chainNodes(page);
  assert.equal(nodes.at(-1).state, 'refused-root');
  assert.match(nodes.at(-1).text, /DigiCert Global Root CA/);

  // The data line: the dates and the count from report.data.
  const report = await shownReport(page);
  const line = en['ui.data.line']
    .replace('{roots_date}', report.data.root_programs_date)
    .replace('{intermediates_date}', report.data.public_intermediates_date)
    .replace('{count}', new Intl.NumberFormat('en').format(report.data.public_intermediates_count));
  assert.equal((await page.textContent('#data-line > p')).trim(), line);
  assert.match(line, /^Root program data of \d{4}-\d\d-\d\d · public intermediates of \d{4}-\d\d-\d\d \([\d,]+\)$/);

  // Keyboard: Tab reaches the data's versions (a <details>), Enter opens it.
  await page.focus('#paste');
  let reached = false;
  for (let i = 0; i < 200 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate((sel) => Boolean(document.querySelector(sel).shadowRoot.activeElement?.matches('.data-versions > summary')), HOST);
  }
  assert.ok(reached, 'Tab reaches the versions of the data');
  await page.keyboard.press('Enter');
  assert.equal(await page.$eval('.data-versions', (d) => d.open), true);
  const programs = await page.$$eval('.data-versions li[data-program]', (items) => items.map((li) => li.dataset.program));
  assert.deepEqual(programs.sort(), report.data.programs.map((p) => p.id).sort());
  assertNoPageErrors(errors);
});


test('Trust by client: before a program\'s data starts, a root it does not list is unknown, not refused', async (t) => {
  const { page, errors } = await openPage(s, t);
  // www.cryptography.io → RapidSSL SHA256 CA - G3 → GeoTrust Global CA, in 2016: Chrome's data
  // starts in 2026 (v29) and Java's with JDK 25.0.2, neither of which lists the root.
  await setAt(page, '2016-10-30T00:00:00Z');
  await paste(page, fixtureText('public/rapidssl-g3-cryptography-io-chain-2014.pem'));
  const byClient = Object.fromEntries((await clientRows(page)).map((r) => [r.client, r]));
  for (const unknown of ['chrome', 'java']) {
    assert.equal(byClient[unknown].verdict, en['ui.clients.unknown'], unknown);
    assert.ok(byClient[unknown].icon, 'an icon and a word');
    assert.match(byClient[unknown].message, /unknown/);
  }
  for (const known of ['firefox', 'apple', 'android']) assert.equal(byClient[known].verdict, en['ui.clients.trusted'], known);
  const codes = (await findings(page)).map((f) => f.code);
  assert.ok(!codes.includes('root_not_trusted'), 'unknown is no refusal: ' + codes.join(', '));
  assertNoPageErrors(errors);
});
test('chain completion: the E8 intermediate is added, marked as added, and in the downloaded fullchain.pem', async (t) => {
  const { page, errors } = await openPage(s, t);
  assert.equal(await page.getAttribute(HOST, 'data-intermediates'), 'loaded');
  await setAt(page, '2026-05-01T00:00:00Z');
  await paste(page, fixtureText(E8_LEAF));

  const report = await shownReport(page);
  assert.deepEqual(report.chain.added, [1]);
  const nodes = await chainNodes(page);
  assert.equal(nodes.length >= 2, true, JSON.stringify(nodes));
  assert.match(nodes[1].text, /\bE8\b/);
  const added = await page.$$eval('#chain .chain-node', (els) => els.map((e) => e.dataset.added === 'true'));
  assert.deepEqual(added.slice(0, 2), [false, true]);
  assert.match(nodes[1].text, new RegExp(en['ui.chain.added_badge'].replace(/[()]/g, '\\$&')), 'said in words');
  assert.ok(await page.$('#chain .chain-node[data-added="true"] .badge-added svg.icon-added'), 'with an icon');
  assert.equal(nodes.at(-1).state, 'trusted-root');
  const finding = (await findings(page)).find((f) => f.code === 'missing_intermediate');
  assert.ok(finding, 'the finding says what was added');
  assert.match(finding.text, /certlens has it/);

  // The download says the chain was completed, and holds leaf + E8.
  assert.equal((await page.textContent('#download-fullchain')).trim(), en['ui.deploy.download_completed']);
  assert.match(await page.getAttribute('#download-fullchain', 'title'), /E8/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-fullchain')]);
  const file = fs.readFileSync(await download.path(), 'utf8');
  assert.equal(download.suggestedFilename(), 'fullchain.pem');
  assert.equal((file.match(/-----BEGIN CERTIFICATE-----/g) || []).length, 2);
  assert.ok(file.startsWith(report.objects[0].pem), 'the leaf first');
  assert.ok(file.includes(report.objects[1].pem), 'then E8');

  fs.mkdirSync(OUT, { recursive: true });
  await page.locator('#chain').screenshot({ path: path.join(OUT, 'clients-completed-desktop.png') });
  assertNoPageErrors(errors);
});

test('a report made while the intermediates were loading is checked again when they arrive', async (t) => {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  const { page, errors } = await openPage(s, t, {
    waitData: false,
    beforeGoto: ({ context }) => context.route('**/data/public-intermediates.der.gz', async (route) => {
      await held;
      await route.continue();
    }),
  });
  assert.equal(await page.getAttribute(HOST, 'data-intermediates'), 'loading');
  await setAt(page, '2026-05-01T00:00:00Z');
  await paste(page, fixtureText(E8_LEAF));
  let report = await shownReport(page);
  assert.equal(report.data.public_intermediates, 'loading');
  assert.match(report.findings.find((f) => f.code === 'missing_intermediate').message, /still loading/);
  assert.match((await chainNodes(page)).at(-1).text, new RegExp(en['ui.chain.missing_note_loading'].slice(0, 40)));
  assert.match(await page.textContent('#data-line > p'), /public intermediates loading/);

  // They arrive: the checker checks the same input again by itself.
  const before = await checkCount(page);
  release();
  await waitIntermediates(page);
  await settle(page, before);
  report = await shownReport(page);
  assert.equal(report.data.public_intermediates, 'loaded');
  assert.deepEqual(report.chain.added, [1]);
  assert.equal(await page.getAttribute('#chain .chain-node[data-added="true"]', 'data-object-id'), '1');
  assertNoPageErrors(errors);
});

test('without the root programs the page still works and says so', async (t) => {
  const { page, errors } = await openPage(s, t, {
    beforeGoto: ({ context }) => context.route('**/data/root-programs.der.gz', (route) => route.fulfill({ status: 404, body: 'gone' })),
  });
  await setAt(page, '2021-12-01T00:00:00Z');
  await paste(page, fixtureText(BADSSL));
  const report = await shownReport(page);
  assert.equal(report.data.root_programs, 'unavailable');
  const codes = (await findings(page)).map((f) => f.code);
  assert.ok(codes.includes('root_data_unavailable'), codes.join(', '));
  assert.equal(await page.$('#clients'), null, 'no verdicts without the data');
  assert.equal((await page.textContent('#data-line > p')).trim(), en['ui.data.no_roots']);
  // The rest of the checks still run.
  assert.ok((await chainNodes(page)).length >= 2);
  assertNoPageErrors(errors, [/404/]);
});

test('a damaged public intermediates file: unavailable, and the page says so', async (t) => {
  const { page, errors } = await openPage(s, t, {
    beforeGoto: ({ context }) => context.route('**/data/public-intermediates.der.gz', (route) =>
      route.fulfill({ status: 200, contentType: 'application/gzip', body: Buffer.from('certlens-intermediates/1 but not really') })),
  });
  assert.equal(await page.getAttribute(HOST, 'data-intermediates'), 'unavailable');
  await setAt(page, '2026-05-01T00:00:00Z');
  await paste(page, fixtureText(E8_LEAF));
  const report = await shownReport(page);
  assert.equal(report.data.public_intermediates, 'unavailable');
  assert.match(report.findings.find((f) => f.code === 'missing_intermediate').message, /could not be loaded/);
  assert.deepEqual(report.chain.added, []);
  assertNoPageErrors(errors);
});

// Screenshots of the chain card with the table: look at them.
const DESKTOP = { viewport: { width: 1280, height: 900 } };
const PHONE = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const SHOTS = [
  { name: 'clients-desktop', options: { ...DESKTOP, colorScheme: 'light' } },
  { name: 'clients-phone', options: { ...PHONE, colorScheme: 'light' } },
  { name: 'clients-dark', options: { ...DESKTOP, colorScheme: 'dark' } },
  { name: 'clients-phone-dark', options: { ...PHONE, colorScheme: 'dark' } },
  { name: 'clients-ja', options: { ...DESKTOP, colorScheme: 'light' }, lang: 'ja' },
  { name: 'clients-zh-phone', options: { ...PHONE, colorScheme: 'light' }, lang: 'zh' },
];

for (const shot of SHOTS) {
  test(`screenshot ${shot.name}: the chain with its Trust by client table`, async (t) => {
    const url = shot.lang ? `${s.url}?lang=${shot.lang}` : undefined;
    const { page, errors } = await openPage(s, t, { contextOptions: shot.options, url });
    if (shot.lang) await page.waitForFunction(([sel, lang]) => document.querySelector(sel)?.dataset.lang === lang, [HOST, shot.lang]);
    await setAt(page, '2026-12-07T00:00:00Z');
    await paste(page, fixtureText(BADSSL));
    const texts = catalogue(shot.lang || 'en');
    assert.equal((await page.textContent('#clients caption')).trim(), texts['ui.clients.caption']);
    const rows = await clientRows(page);
    assert.equal(rows.length, 6);
    assert.equal(rows[0].verdict, texts['ui.clients.not_trusted']);
    // Nothing wider than the screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `sideways scrolling by ${overflow}px`);
    fs.mkdirSync(OUT, { recursive: true });
    await page.locator('#chain').scrollIntoViewIfNeeded();
    await page.locator('#chain').screenshot({ path: path.join(OUT, `${shot.name}.png`) });
    assertNoPageErrors(errors);
  });
}
