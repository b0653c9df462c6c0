// 3. Actions: download the corrected fullchain.pem, copy a PEM, the server config snippets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { AT, fixturePath, fixtureText, fixtureBytes } from './lib/fixtures.mjs';
import { useSuite, openPage, inspect, afterAction, fillInputs, assertNoPageErrors } from './lib/page.mjs';

const s = useSuite();

async function downloadFullchain(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 10_000 }),
    page.click('#download-fullchain'),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: fs.readFileSync(path), failure: await download.failure() };
}

test('download fullchain.pem: the misordered paste comes back leaf first, byte for byte', async (t) => {
  const { page, errors } = await openPage(s, t);
  await inspect(page, { paste: fixtureText('misordered.pem') + fixtureText('leaf-rsa2048.key') });
  assert.ok(await page.isEnabled('#download-fullchain'));
  const d = await downloadFullchain(page);
  assert.equal(d.failure, null);
  assert.equal(d.name, 'fullchain.pem');
  assert.equal(d.bytes.toString('utf8'), fixtureText('fullchain.pem'), 'leaf, int2, int1 in that order');
  assert.ok(d.bytes.equals(fixtureBytes('fullchain.pem')));
  assert.doesNotMatch(d.bytes.toString('utf8'), /PRIVATE KEY/, 'the key never goes into the fullchain');
  assertNoPageErrors(errors);
});

test('download fullchain.pem from dropped files with CRLF and text around the blocks', async (t) => {
  const { page, errors } = await openPage(s, t);
  await fillInputs(page, { at: AT });
  await afterAction(page, () =>
    page.setInputFiles('#files', [fixturePath('messy-text-between.pem'), fixturePath('leaf-rsa2048.key')]),
  );
  const d = await downloadFullchain(page);
  assert.equal(d.name, 'fullchain.pem');
  assert.ok(d.bytes.equals(fixtureBytes('fullchain.pem')), d.bytes.toString('utf8').slice(0, 200));
  assertNoPageErrors(errors);
});

test('with nothing to download the button is disabled or absent', async (t) => {
  const { page, errors } = await openPage(s, t);
  const btn = await page.$('#download-fullchain');
  if (btn) {
    const usable = (await btn.isVisible()) && (await btn.isEnabled());
    assert.equal(usable, false, '#download-fullchain is usable on an empty page');
  }
  assertNoPageErrors(errors);
});

test('copy a PEM and the server snippets (nginx, Apache, HAProxy) with the user file names', async (t) => {
  const { context, page, errors } = await openPage(s, t);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.url.replace(/\/$/, '') });
  await fillInputs(page, { at: AT });
  await afterAction(page, () =>
    page.setInputFiles('#files', [fixturePath('fullchain.pem'), fixturePath('leaf-rsa2048.key')]),
  );
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());

  // .copy-pem: the first one copies a complete PEM block.
  const copyButtons = await page.$$('.copy-pem');
  assert.ok(copyButtons.length >= 3, `a copy button per certificate, found ${copyButtons.length}`);
  await copyButtons[0].click();
  await page.waitForTimeout(200);
  const pem = await clipboard();
  assert.match(pem, /^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n?$/);
  assert.ok(fixtureText('fullchain.pem').includes(pem.trimEnd()), 'one of the certificates, verbatim');

  const options = await page.$$eval('#snippet-server option', (els) => els.map((e) => e.value));
  assert.deepEqual([...options].sort(), ['apache', 'haproxy', 'nginx']);
  const expectations = {
    nginx: [/ssl_certificate\s+\S*fullchain\.pem/, /ssl_certificate_key\s+\S*leaf-rsa2048\.key/],
    apache: [/SSLCertificateFile\s+\S*fullchain\.pem/, /SSLCertificateKeyFile\s+\S*leaf-rsa2048\.key/],
    haproxy: [/\bcrt\s+\S+/],
  };
  for (const [server, patterns] of Object.entries(expectations)) {
    await page.selectOption('#snippet-server', server);
    const text = await page.innerText('#snippet');
    for (const re of patterns) assert.match(text, re, `${server} snippet:\n${text}`);
    await page.click('#copy-snippet');
    await page.waitForTimeout(200);
    assert.equal((await clipboard()).trim(), text.trim(), `#copy-snippet copies the ${server} snippet`);
  }
  assertNoPageErrors(errors);
});
