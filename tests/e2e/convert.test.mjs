// The Convert tool (#convert, www/tools/convert.js): PKCS#7 → PEM bundle in chain order, a key
// given a password, a wrong password's localised error; the tools module loaded only when the
// tool is opened, no request to anywhere else; keyboard and names; screenshots.
// Expectations come from the openssl CLI at test time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { fixturePath } from './lib/fixtures.mjs';
import { REPO_ROOT } from './lib/server.mjs';
import { useSuite, openPage, assertNoPageErrors } from './lib/page.mjs';

const s = useSuite();
const OUT = path.join(REPO_ROOT, 'target', 'screenshots');
const TOOLS_WASM = 'certlens_tools_bg.wasm';
const catalogue = (lang) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'i18n', `${lang}.json`), 'utf8'));
const en = catalogue('en');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'certlens-convert-'));
const openssl = (args, input) => execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'] });

/** SHA-256 fingerprints of the PEM certificates in `text`, in file order. */
function fingerprints(text) {
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/g) || [];
  return blocks.map((pem) => openssl(['x509', '-noout', '-fingerprint', '-sha256'], pem).toString().trim().split('=')[1]);
}

/** The certificates of a PKCS#7 file as openssl reads them, in chain order: leaf first, then
 * each one's issuer (by name), as `openssl x509 -subject -issuer` says. */
function chainOrder(p7bPath) {
  const text = openssl(['pkcs7', '-in', p7bPath, '-print_certs']).toString();
  const certs = (text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/g) || []).map((pem) => {
    const [subject, issuer] = openssl(['x509', '-noout', '-subject', '-issuer', '-nameopt', 'RFC2253'], pem).toString().trim().split('\n')
      .map((l) => l.replace(/^(subject|issuer)=\s*/, ''));
    return { pem, subject, issuer };
  });
  const issuers = new Set(certs.filter((c) => c.subject !== c.issuer).map((c) => c.issuer));
  const order = [certs.find((c) => !issuers.has(c.subject))];
  for (;;) {
    const last = order[order.length - 1];
    const next = certs.find((c) => c.subject === last.issuer && !order.includes(c));
    if (!next || last.subject === last.issuer) break;
    order.push(next);
  }
  assert.equal(order.length, certs.length, 'the fixture is one chain');
  return fingerprints(order.map((c) => c.pem).join(''));
}

async function openConvert(t, { lang, contextOptions } = {}) {
  const opened = await openPage(s, t, { url: `${s.url}${lang ? `?lang=${lang}` : ''}#convert`, contextOptions });
  await opened.page.waitForSelector('#convert-run', { state: 'visible', timeout: 30_000 });
  return opened;
}

async function convertTo(page, to, { files = [], password, newPassword } = {}) {
  if (files.length) await page.setInputFiles('#convert-files', files);
  await page.selectOption('#convert-to', to);
  if (password !== undefined) await page.fill('#convert-password', password);
  if (newPassword !== undefined) {
    await page.fill('#convert-new-password', newPassword);
    await page.fill('#convert-new-password-confirm', newPassword);
  }
  await page.click('#convert-run');
  await page.waitForSelector('#convert-results li.convert-output, #convert-error:not([hidden])', { timeout: 60_000 });
}

async function download(page, name) {
  const [d] = await Promise.all([
    page.waitForEvent('download', { timeout: 10_000 }),
    page.click(`#convert-results li[data-name="${name}"] a.convert-download`),
  ]);
  assert.equal(d.suggestedFilename(), name);
  assert.equal(await d.failure(), null);
  return fs.readFileSync(await d.path());
}

test('PKCS#7 → PEM bundle: every certificate, in chain order, as openssl reads them', async (t) => {
  // chain.p7b, and the same certificates misordered in a PKCS#7 made now by openssl.
  const misordered = path.join(tmp, 'misordered.p7b');
  openssl(['crl2pkcs7', '-nocrl', '-certfile', fixturePath('int1.pem'), '-certfile', fixturePath('leaf-rsa2048.pem'),
    '-certfile', fixturePath('int2.pem'), '-out', misordered]);
  for (const [file, name] of [[fixturePath('chain.p7b'), 'chain.pem'], [misordered, 'misordered.pem']]) {
    const { page, errors } = await openConvert(t);
    await convertTo(page, 'pem', { files: [file] });
    assert.equal(await page.isHidden('#convert-error'), true, await page.textContent('#convert-error'));
    const outputs = await page.$$eval('#convert-results li.convert-output', (els) => els.map((e) => e.dataset.name));
    assert.deepEqual(outputs, [name]);
    const pem = (await download(page, name)).toString();
    const expected = chainOrder(file);
    assert.equal(expected.length, 3);
    assert.deepEqual(fingerprints(pem), expected, `${path.basename(file)}: leaf first, then each issuer`);
    // openssl turns the bundle back into a PKCS#7 holding the same certificates.
    const back = path.join(tmp, `${name}.p7b`);
    fs.writeFileSync(path.join(tmp, name), pem);
    openssl(['crl2pkcs7', '-nocrl', '-certfile', path.join(tmp, name), '-out', back]);
    assert.deepEqual(chainOrder(back), expected);
    assert.equal(await page.getAttribute(`#convert-results li[data-name="${name}"]`, 'data-unprotected'), 'false');
    assertNoPageErrors(errors);
  }
});

test('a key given a password: openssl opens it with that password only, same modulus', async (t) => {
  const { page, errors } = await openConvert(t);
  const secret = 'tr0ub4dor & 3 "quoted"';
  await convertTo(page, 'encrypted', { files: [fixturePath('leaf-rsa2048.key')], newPassword: secret });
  assert.equal(await page.isHidden('#convert-error'), true, await page.textContent('#convert-error'));
  const item = '#convert-results li[data-name="key.pem"]';
  assert.equal(await page.getAttribute(item, 'data-secret'), 'true');
  assert.equal(await page.getAttribute(item, 'data-unprotected'), 'false');
  assert.equal(await page.locator(`${item} .convert-warning`).count(), 0);
  const bytes = await download(page, 'key.pem');
  assert.match(bytes.toString(), /^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
  const out = path.join(tmp, 'encrypted.key');
  fs.writeFileSync(out, bytes);
  openssl(['pkcs8', '-in', out, '-passin', `pass:${secret}`, '-out', path.join(tmp, 'opened.key')]);
  const modulus = (args) => openssl(['rsa', '-noout', '-modulus', ...args]).toString().trim();
  assert.equal(modulus(['-in', out, '-passin', `pass:${secret}`]), modulus(['-in', fixturePath('leaf-rsa2048.key')]));
  assert.throws(() => openssl(['pkcs8', '-in', out, '-passin', 'pass:not it']), 'another password does not open it');
  // The passwords stay in their fields: not in the markup, not stored.
  const html = await page.content();
  assert.ok(!html.includes(secret) && !html.includes('tr0ub4dor'), 'the new password is in the DOM');
  assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0);

  // Removing the password again: the output warns, in words and with an icon.
  await page.fill('#convert-new-password', '');
  await page.click('#convert-file-list li button');
  await convertTo(page, 'plain', { files: [out], password: secret });
  const plainItem = '#convert-results li[data-name="key.pem"]';
  assert.equal(await page.getAttribute(plainItem, 'data-unprotected'), 'true');
  assert.match(await page.textContent(`${plainItem} .convert-warning`), new RegExp(en['ui.convert.output.unprotected'].slice(0, 30)));
  assert.equal(await page.locator(`${plainItem} .convert-warning svg`).count(), 1);
  assertNoPageErrors(errors);
});

test('PFX for IIS: openssl reads the chain (leaf first) and the key; legacy 3DES when asked', async (t) => {
  const { page, errors } = await openConvert(t);
  const secret = 'pfx pass';
  await page.setInputFiles('#convert-files', [fixturePath('fullchain.pem'), fixturePath('leaf-rsa2048.key')]);
  assert.equal(await page.isVisible('#convert-legacy-pfx'), false);
  await page.selectOption('#convert-to', 'pfx');
  assert.equal(await page.isVisible('#convert-legacy-pfx'), true);
  const opensslPfx = (file, args) => openssl(['pkcs12', '-in', file, '-passin', `pass:${secret}`, ...args]).toString();
  const modulus = (args, input) => openssl(['rsa', '-noout', '-modulus', ...args], input).toString().trim();
  for (const legacy of [false, true]) {
    await page.setChecked('#convert-legacy-pfx', legacy);
    await convertTo(page, 'pfx', { newPassword: secret });
    assert.equal(await page.isHidden('#convert-error'), true, await page.textContent('#convert-error'));
    const name = await page.getAttribute('#convert-results li.convert-output', 'data-name');
    assert.match(name, /\.pfx$/);
    const file = path.join(tmp, `${legacy ? 'legacy' : 'modern'}.pfx`);
    fs.writeFileSync(file, await download(page, name));
    assert.deepEqual(fingerprints(opensslPfx(file, ['-nokeys'])), fingerprints(fs.readFileSync(fixturePath('fullchain.pem'), 'utf8')));
    const key = opensslPfx(file, ['-nocerts', '-nodes']);
    assert.equal(modulus([], key), modulus(['-in', fixturePath('leaf-rsa2048.key')]));
    // `-info` writes the algorithms to standard error.
    const run = spawnSync('openssl', ['pkcs12', '-info', '-noout', '-in', file, '-passin', `pass:${secret}`], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const info = run.stdout + run.stderr;
    if (legacy) assert.match(info, /3-?KeyTripleDES|des-ede3/i);
    else assert.doesNotMatch(info, /TripleDES/i);
    assert.throws(() => openssl(['pkcs12', '-in', file, '-passin', 'pass:other', '-nokeys']));
  }
  fs.mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: path.join(OUT, 'convert-pfx-desktop.png'), fullPage: true });

  // And back: the PFX opened with its password, to a PEM bundle with the chain and the key.
  while (await page.locator('#convert-file-list li').count()) await page.click('#convert-file-list li button');
  await convertTo(page, 'pem', { files: [path.join(tmp, 'modern.pfx')], password: secret });
  assert.equal(await page.isHidden('#convert-error'), true, await page.textContent('#convert-error'));
  const name = await page.getAttribute('#convert-results li.convert-output', 'data-name');
  const pem = (await download(page, name)).toString();
  assert.deepEqual(fingerprints(pem), fingerprints(fs.readFileSync(fixturePath('fullchain.pem'), 'utf8')));
  assert.equal(modulus([], pem.slice(pem.indexOf('-----BEGIN PRIVATE KEY'))), modulus(['-in', fixturePath('leaf-rsa2048.key')]));
  assert.equal(await page.getAttribute('#convert-results li.convert-output', 'data-unprotected'), 'true');
  assertNoPageErrors(errors);
});

test('a wrong password: the core\'s message in the page\'s language, the field marked', async (t) => {
  const { page, errors } = await openConvert(t, { lang: 'ja' });
  const ja = catalogue('ja');
  await convertTo(page, 'plain', { files: [fixturePath('leaf-rsa2048.enc-pbkdf2.key')], password: 'wrong horse' });
  const alert = page.locator('#convert-error[role="alert"]');
  assert.equal(await alert.isVisible(), true);
  const text = (await alert.textContent()).trim();
  // "{place}: <rest>": the rest as ja.json writes it, the place naming the file.
  const rest = ja['cli.convert.error.wrong_password'].split('{place}').pop();
  assert.ok(rest.length > 3 && text.endsWith(rest), `${text} ends with ${rest}`);
  assert.match(text, /leaf-rsa2048\.enc-pbkdf2\.key/);
  assert.equal(await page.getAttribute('#convert-password', 'aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'convert-password');
  assert.equal(await page.locator('#convert-results li').count(), 0);
  fs.mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: path.join(OUT, 'convert-ja-error.png'), fullPage: true });

  // No password at all: the page's own words (not the CLI's --password-file).
  await page.fill('#convert-password', '');
  await page.click('#convert-run');
  await page.waitForFunction((want) => document.querySelector('#convert-error')?.textContent.includes(want), ja['ui.convert.error.password_needed']);
  assert.ok(!(await alert.textContent()).includes('--password-file'));

  // The right one converts.
  await page.fill('#convert-password', 'correct horse');
  await page.click('#convert-run');
  await page.waitForSelector('#convert-results li[data-name="key.pem"]', { timeout: 30_000 });
  assert.equal(await alert.isHidden(), true);
  assertNoPageErrors(errors);
});

test('new password: missing or mistyped confirmation is said before converting', async (t) => {
  const { page, errors } = await openConvert(t);
  await page.setInputFiles('#convert-files', [fixturePath('leaf-rsa2048.key')]);
  await page.selectOption('#convert-to', 'encrypted');
  assert.equal(await page.isVisible('#convert-new-password'), true);
  await page.click('#convert-run');
  await page.waitForSelector('#convert-error:not([hidden])');
  assert.equal((await page.textContent('#convert-error')).trim(), en['ui.convert.error.new_password_needed']);
  await page.fill('#convert-new-password', 'one');
  await page.fill('#convert-new-password-confirm', 'two');
  await page.click('#convert-run');
  await page.waitForFunction((want) => document.querySelector('#convert-error')?.textContent.trim() === want, en['ui.convert.error.mismatch']);
  assert.equal(await page.getAttribute('#convert-new-password-confirm', 'aria-invalid'), 'true');
  await page.selectOption('#convert-to', 'pem');
  assert.equal(await page.isVisible('#convert-new-password'), false);
  assertNoPageErrors(errors);
});

test('the tools module loads only when #convert opens; every request is to the page\'s origin', async (t) => {
  const urls = [];
  const start = s.server.requests.length; // the server's log holds the earlier tests' requests too
  const { page, errors } = await openPage(s, t, {
    beforeGoto: ({ context }) => context.on('request', (r) => urls.push(r.url())),
  });
  const origin = new URL(s.url).origin;
  const logged = () => s.server.requests.slice(start).map((r) => r.path);
  await page.waitForTimeout(500);
  assert.deepEqual([...logged(), ...urls].filter((u) => u.includes(TOOLS_WASM)), [], 'tools wasm before #convert');
  assert.ok(!urls.some((u) => u.includes('tools/convert.js')), 'convert.js before #convert');

  await page.click('#nav-convert');
  await page.waitForSelector('#convert-run', { state: 'visible' });
  await page.fill('#convert-paste', fs.readFileSync(fixturePath('leaf-rsa2048.pem'), 'utf8'));
  await page.selectOption('#convert-to', 'der');
  await page.click('#convert-run');
  await page.waitForSelector('#convert-results li.convert-output');
  assert.ok(logged().some((p) => p.includes(TOOLS_WASM)), 'the tools wasm was requested');
  const der = await download(page, await page.getAttribute('#convert-results li.convert-output', 'data-name'));
  assert.deepEqual(der, fs.readFileSync(fixturePath('leaf-rsa2048.der')));
  const foreign = urls.filter((u) => new URL(u).origin !== origin);
  assert.deepEqual(foreign, [], 'requests to another origin');
  assertNoPageErrors(errors);
});

test('keyboard: every control is reached with Tab and has a name', async (t) => {
  const { page, errors } = await openConvert(t);
  await page.selectOption('#convert-to', 'encrypted');
  await page.focus('#nav-convert');
  const seen = [];
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement.id);
    if (seen.includes(id)) break; // round again
    seen.push(id);
  }
  const want = ['convert-dropzone', 'convert-paste', 'convert-to', 'convert-password', 'convert-new-password', 'convert-new-password-confirm', 'convert-run'];
  const reached = want.filter((id) => seen.includes(id));
  assert.deepEqual(reached, want, `Tab order: ${seen.join(' ')}`);
  assert.deepEqual(seen.filter((id) => want.includes(id)), want, 'in reading order');

  // Names as a screen reader gets them, from the catalogue.
  const named = [
    ['button', en['ui.convert.files.choose']],
    ['textbox', en['ui.convert.paste.label']],
    ['combobox', en['ui.convert.target.label']],
    ['textbox', en['ui.convert.password.label']],
    ['textbox', en['ui.convert.new_password.label']],
    ['textbox', en['ui.convert.new_password.confirm']],
    ['button', en['ui.convert.run']],
  ];
  for (const [role, name] of named) {
    assert.equal(await page.getByRole(role, { name, exact: true }).count(), 1, `${role} "${name}"`);
  }

  // Enter on the drop zone opens the file chooser; Enter on Convert converts.
  const chooser = page.waitForEvent('filechooser', { timeout: 5000 });
  await page.focus('#convert-dropzone');
  await page.keyboard.press('Enter');
  await (await chooser).setFiles([fixturePath('leaf-rsa2048.key')]);
  assert.equal(await page.locator('#convert-file-list li').count(), 1);
  await page.selectOption('#convert-to', 'pkcs1');
  await page.focus('#convert-run');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#convert-results li[data-name="key.pem"]');
  // Downloads are links with names of their own.
  assert.equal(await page.getByRole('link', { name: 'Download key.pem' }).count(), 1);
  assertNoPageErrors(errors);
});

test('every ui.convert key the tool uses is in en, zh and ja', () => {
  const source = fs.readFileSync(path.join(REPO_ROOT, 'www', 'tools', 'convert.js'), 'utf8');
  const literal = [...source.matchAll(/["'`](ui\.[a-z0-9_.-]+[a-z0-9_])["'`]/g)].map((m) => m[1]);
  const targets = JSON.parse(/const TARGETS = (\[[^\]]*\])/.exec(source)[1]);
  const dynamic = [
    ...targets.flatMap((name) => [`ui.convert.target.${name}.label`, `ui.convert.target.${name}.description`]),
    ...['no_input', 'mismatch', 'new_password_needed', 'password_needed', 'failed'].map((c) => `ui.convert.error.${c}`),
  ];
  assert.ok(literal.length > 20);
  for (const lang of ['en', 'zh', 'ja']) {
    const texts = catalogue(lang);
    const missing = [...literal, ...dynamic].filter((k) => !(k in texts) && !(`${k}.other` in texts));
    assert.deepEqual(missing, [], `${lang}.json`);
  }
});

for (const v of [
  { name: 'convert-desktop', options: { viewport: { width: 1280, height: 900 }, colorScheme: 'light' } },
  { name: 'convert-desktop-dark', options: { viewport: { width: 1280, height: 900 }, colorScheme: 'dark' } },
  { name: 'convert-phone', options: { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, colorScheme: 'light' } },
]) {
  test(`screenshot ${v.name}`, async (t) => {
    const { page, errors } = await openConvert(t, { contextOptions: v.options });
    await page.setInputFiles('#convert-files', [fixturePath('chain.p7b'), fixturePath('leaf-rsa2048.key')]);
    await convertTo(page, 'split', {});
    fs.mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, `${v.name}.png`), fullPage: true });
    const wide = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    assert.ok(wide.scroll <= wide.client, `sideways scrolling: ${JSON.stringify(wide)}`);
    assertNoPageErrors(errors);
  });
}
