// The server configuration audit (#server, www/tools/server.js): a pasted nginx server block
// and an Apache VirtualHost, the files they name given through each row's file input or a
// drop, and the audit by the tools module. Screenshots target/screenshots/server-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fixturePath, fixtureBytes, AT } from './lib/fixtures.mjs';
import { REPO_ROOT } from './lib/server.mjs';
import { useSuite, openPage, dropFiles, assertNoPageErrors, QUIET_MS, CHECK_TIMEOUT } from './lib/page.mjs';

const s = useSuite();
const OUT = path.join(REPO_ROOT, 'target', 'screenshots');

const NGINX = `server {
    listen 443 ssl;
    server_name shop.example.org www.example.com;
    ssl_protocols TLSv1 TLSv1.2;
    ssl_certificate     /etc/letsencrypt/live/example.com/fullchain.pem;
    ssl_certificate_key /etc/letsencrypt/live/example.com/privkey.pem;
}
`;

const APACHE = `<VirtualHost *:443>
    ServerName www.example.com
    ServerAlias example.com
    SSLEngine on
    SSLProtocol all -SSLv3
    SSLCipherSuite RC4-SHA:HIGH:!aNULL
    SSLCertificateFile /etc/apache2/ssl/leaf-rsa2048.pem
    SSLCertificateKeyFile /etc/apache2/ssl/leaf-rsa2048.key
    SSLCertificateChainFile /etc/apache2/ssl/intermediates.pem
</VirtualHost>
`;

const audits = (page) => page.evaluate(() => Number(document.getElementById('server-result')?.dataset.audits || 0));

/** Runs `action`, then waits for the audit(s) it causes to land and settle (they are debounced). */
async function afterAudit(page, action) {
  const before = await audits(page);
  await action();
  await page.waitForFunction((n) => Number(document.getElementById('server-result')?.dataset.audits || 0) > n, before, { timeout: CHECK_TIMEOUT });
  let last = await audits(page);
  for (;;) {
    await page.waitForTimeout(QUIET_MS);
    const now = await audits(page);
    if (now === last) return;
    last = now;
  }
}

const fileRows = (page) =>
  page.$$eval('#server-files li.server-file', (els) => els.map((el) => ({
    path: el.dataset.path, name: el.dataset.name, state: el.dataset.state,
    text: el.innerText, button: el.querySelector('button')?.textContent, label: el.querySelector('button')?.getAttribute('aria-label'),
  })));

const serverFindings = (page, within = '#server-result') =>
  page.$$eval(`${within} li.server-finding`, (els) => els.map((el) => ({
    code: el.dataset.code, severity: el.dataset.severity, text: el.innerText,
    code_blocks: [...el.querySelectorAll('.server-fix code, .server-message code')].map((c) => c.textContent),
  })));

async function openServer(t, options = {}) {
  const opened = await openPage(s, t, { url: `${s.url}#server`, ...options });
  await opened.page.waitForSelector('#server-config', { state: 'visible' });
  await opened.page.fill('#server-at', AT);
  return opened;
}

test('the tools module is downloaded only when #server is opened and used', async (t) => {
  const before = s.server.requests.length;
  const { page, errors } = await openPage(s, t);
  const tools = () => s.server.requests.slice(before).map((r) => r.path).filter((p) => /tools/.test(p));
  assert.deepEqual(tools().filter((p) => !p.endsWith('tools.css')), [], 'no tool script or wasm before #server');
  await page.click('#nav-server');
  await page.waitForSelector('#server-config', { state: 'visible' });
  assert.ok(tools().some((p) => p.endsWith('/tools/server.js')), 'server.js once opened');
  await afterAudit(page, () => page.fill('#server-config', NGINX));
  assert.ok(tools().some((p) => p.endsWith('certlens_tools_bg.wasm')), 'the tools wasm on first use');
  assert.ok(!tools().some((p) => p.endsWith('tools/convert.js')), 'the other tool is not loaded');
  assertNoPageErrors(errors);
});

test('nginx: files by base name, not given, outdated protocols, names checked as hosts', async (t) => {
  const { page, errors } = await openServer(t);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await afterAudit(page, () => page.fill('#server-config', NGINX));

  assert.match(await page.textContent('#server-dialect'), /nginx/);
  assert.match(await page.textContent('#server-privacy'), /Nothing is uploaded/);
  let rows = await fileRows(page);
  assert.deepEqual(rows.map((r) => [r.name, r.state]), [['fullchain.pem', 'missing'], ['privkey.pem', 'missing']]);
  assert.equal(rows[0].button, 'Choose fullchain.pem');
  assert.equal(rows[0].label, 'Choose the file for /etc/letsencrypt/live/example.com/fullchain.pem');
  assert.match(rows[0].text, /certificate/);
  assert.match(rows[1].text, /private key/);
  assert.match(rows[1].text, /Not given/);

  // The certificate through its row's file input; the key left out.
  await afterAudit(page, () => page.setInputFiles('#server-file-0', fixturePath('fullchain.pem')));
  rows = await fileRows(page);
  assert.deepEqual(rows.map((r) => r.state), ['given', 'missing']);
  assert.match(rows[0].text, /Given: fullchain\.pem/);
  let f = await serverFindings(page);
  const notGiven = f.find((x) => x.code === 'config_file_unreadable');
  assert.ok(notGiven, `config_file_unreadable among ${f.map((x) => x.code)}`);
  assert.match(notGiven.text, /privkey\.pem, which certlens was not given/);
  assert.match(notGiven.text, /pasted configuration · line 6/);

  // The outdated protocol: file and line, the corrected directive as code.
  const outdated = f.find((x) => x.code === 'tls_protocol_outdated');
  assert.ok(outdated, 'tls_protocol_outdated');
  assert.equal(outdated.severity, 'error');
  assert.match(outdated.text, /pasted configuration · line 4/);
  assert.ok(outdated.code_blocks.includes('ssl_protocols TLSv1.2 TLSv1.3;'), JSON.stringify(outdated.code_blocks));

  // The key too: the certificate checks ran with the server names as hosts.
  await afterAudit(page, () => page.setInputFiles('#server-file-1', fixturePath('leaf-rsa2048.key')));
  f = await serverFindings(page);
  assert.ok(!f.some((x) => x.code === 'config_file_unreadable'), 'every file given');
  const card = await page.$$eval('#server-result .server-audit', (els) => els.map((el) => ({ names: el.dataset.names, text: el.innerText })));
  assert.equal(card.length, 1);
  assert.equal(card[0].names, 'shop.example.org www.example.com');
  assert.match(card[0].text, /Certificate checks: \d+ errors?/);
  const inServer = await serverFindings(page, '#server-result .server-audit');
  const mismatch = inServer.find((x) => x.code === 'host_not_covered');
  assert.ok(mismatch, `host_not_covered among ${inServer.map((x) => x.code)}`);
  assert.match(mismatch.text, /shop\.example\.org/);
  assert.ok(!inServer.some((x) => x.code === 'key_mismatch'), 'the key matches');
  assert.equal(await page.getAttribute('#server-verdict', 'data-verdict'), 'problems');
  // The test CA is not a public root: the chain ends at an unknown issuer until it is trusted.
  assert.ok(inServer.some((x) => x.code === 'missing_intermediate'), inServer.map((x) => x.code).join());
  await page.click('#server-trust summary');
  await afterAudit(page, () => page.setInputFiles('#server-trust-files', fixturePath('root.pem')));
  assert.match(await page.innerText('#server-trust-list'), /root\.pem/);
  const trusted = await serverFindings(page, '#server-result .server-audit');
  assert.ok(!trusted.some((x) => x.code === 'missing_intermediate'), trusted.map((x) => x.code).join());
  assert.ok(trusted.some((x) => x.code === 'host_not_covered'), 'the other checks still run');

  // Editing a path in the text keeps the file given for it.
  await afterAudit(page, () => page.fill('#server-config', NGINX.replace('/etc/letsencrypt/live/example.com/fullchain.pem', '/etc/ssl/fullchain.pem')));
  rows = await fileRows(page);
  assert.deepEqual(rows.map((r) => [r.path, r.state]), [['/etc/ssl/fullchain.pem', 'given'], ['/etc/letsencrypt/live/example.com/privkey.pem', 'given']]);
  assert.ok(!(await serverFindings(page)).some((x) => x.code === 'config_file_unreadable'), 'still every file given');

  // Removing a file makes it not given again.
  await afterAudit(page, () => page.click('#server-files li[data-name="privkey.pem"] button:has-text("Remove")'));
  assert.deepEqual((await fileRows(page)).map((r) => r.state), ['given', 'missing']);

  fs.mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: path.join(OUT, 'server-desktop.png'), fullPage: true });
  const origin = new URL(s.url).origin;
  assert.deepEqual(requests.filter((u) => new URL(u).origin !== origin), [], 'requests to other origins');
  assert.ok(s.server.requests.every((r) => r.method === 'GET'), 'nothing is sent to the server');
  assertNoPageErrors(errors);
});

test('Apache VirtualHost: dropped files matched by name, chain file, weak ciphers', async (t) => {
  const { page, errors } = await openServer(t);
  await afterAudit(page, () => page.fill('#server-config', APACHE));
  assert.match(await page.textContent('#server-dialect'), /Apache/);
  let rows = await fileRows(page);
  assert.deepEqual(rows.map((r) => r.name), ['leaf-rsa2048.pem', 'leaf-rsa2048.key', 'intermediates.pem']);
  assert.match(rows[2].text, /chain file/);

  await afterAudit(page, () => dropFiles(page, '#server-files-card', [
    { name: 'leaf-rsa2048.pem', bytes: fixtureBytes('leaf-rsa2048.pem') },
    { name: 'leaf-rsa2048.key', bytes: fixtureBytes('leaf-rsa2048.key') },
    { name: 'intermediates.pem', bytes: fixtureBytes('config/intermediates.pem') },
    { name: 'unrelated.pem', bytes: fixtureBytes('root.pem') },
  ]));
  rows = await fileRows(page);
  assert.deepEqual(rows.map((r) => r.state), ['given', 'given', 'given']);
  assert.match(await page.textContent('#server-files-note'), /unrelated\.pem is not a file this configuration names/);

  const f = await serverFindings(page);
  const outdated = f.find((x) => x.code === 'tls_protocol_outdated');
  assert.ok(outdated, `tls_protocol_outdated among ${f.map((x) => x.code)}`);
  assert.match(outdated.text, /line 5/);
  assert.ok(outdated.code_blocks.includes('SSLProtocol -all +TLSv1.2 +TLSv1.3'), JSON.stringify(outdated.code_blocks));
  const weak = f.find((x) => x.code === 'weak_cipher');
  assert.ok(weak && weak.severity === 'error', 'RC4 is a weak cipher');
  assert.match(weak.text, /RC4/);
  const card = await page.textContent('#server-result .server-audit');
  assert.match(card, /www\.example\.com, example\.com/);
  assert.ok(!f.some((x) => x.code === 'chain_file_leaf_only'), 'the chain file holds the intermediates');
  assertNoPageErrors(errors);
});

test('phone and dark theme: no sideways scrolling, screenshots', async (t) => {
  const { page, errors } = await openServer(t, {
    contextOptions: { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, colorScheme: 'dark' },
  });
  await afterAudit(page, () => page.fill('#server-config', NGINX));
  await afterAudit(page, () => page.setInputFiles('#server-file-0', fixturePath('fullchain.pem')));
  const o = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  assert.ok(o.scrollWidth <= o.clientWidth, `the page scrolls sideways on a phone: ${JSON.stringify(o)}`);
  const bg = await page.evaluate(() => getComputedStyle(document.querySelector('.server-card')).backgroundColor);
  assert.notEqual(bg, 'rgb(255, 255, 255)', 'dark cards');
  fs.mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: path.join(OUT, 'server-phone.png'), fullPage: true });
  assertNoPageErrors(errors);
});

test('keyboard: every control has a name and the file chooser opens with Enter', async (t) => {
  let chooser = null;
  const { page, errors } = await openServer(t, {
    beforeGoto: ({ page: p }) => p.on('filechooser', (c) => { chooser = c; }),
  });
  await afterAudit(page, () => page.fill('#server-config', NGINX));
  const unnamed = await page.$$eval('#server button, #server input, #server textarea', (els) => els
    .filter((el) => !(el.labels?.length && el.labels[0].textContent.trim()) && !el.getAttribute('aria-label') && !el.textContent.trim())
    .map((el) => el.outerHTML));
  assert.deepEqual(unnamed, [], 'controls without a name');
  await page.focus('#server-files li.server-file button');
  await page.keyboard.press('Enter');
  for (let i = 0; i < 20 && !chooser; i++) await page.waitForTimeout(100);
  assert.ok(chooser, 'Enter on "Choose fullchain.pem" opens the file chooser');
  await afterAudit(page, () => chooser.setFiles(fixturePath('fullchain.pem')));
  assert.deepEqual((await fileRows(page)).map((r) => r.state), ['given', 'missing']);
  // The rows were rebuilt; the focus is still on that row's button.
  assert.equal(await page.evaluate(() => document.activeElement?.closest('.server-file')?.dataset.name), 'fullchain.pem');
  assertNoPageErrors(errors);
});

test('every catalogue key tools/server.js names is in i18n/en.json, zh.json and ja.json', () => {
  const source = fs.readFileSync(path.join(REPO_ROOT, 'www', 'tools', 'server.js'), 'utf8');
  const literal = [...source.matchAll(/["'`](ui\.[a-z0-9_.-]+[a-z0-9_])["'`]/g)].map((m) => m[1]);
  // Keys made from a value: the dialect, roles, severities, verdicts.
  const dynamic = [
    ...['none', 'nginx', 'apache', 'unknown'].map((d) => `ui.server.dialect.${d}`),
    ...['certificate', 'key', 'chain'].map((r) => `ui.server.role.${r}`),
    ...['error', 'warning', 'info'].map((v) => `ui.severity.${v}.label`),
    ...['ok', 'problems'].map((v) => `ui.server.cert.verdict.${v}`),
  ];
  assert.ok(literal.length > 30, `${literal.length} literal keys`);
  for (const lang of ['en', 'zh', 'ja']) {
    const texts = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'i18n', `${lang}.json`), 'utf8'));
    const missing = [...literal, ...dynamic].filter((k) => !(k in texts) && !(`${k}.other` in texts));
    assert.deepEqual(missing, [], `${lang}.json`);
    const server = Object.keys(texts).filter((k) => k.startsWith('ui.server.'));
    assert.equal(server.length, Object.keys(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'i18n', 'en.json'), 'utf8'))).filter((k) => k.startsWith('ui.server.')).length, `${lang}: every ui.server key`);
  }
});
