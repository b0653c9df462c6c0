// Names that hold characters acting on the display: a certificate whose CN holds a
// right-to-left override (U+202E) and ESC sequences, and an IDN homograph, pasted into the
// page; a server configuration with such a server name and cipher string in #server. Every
// such character is shown as a visible marker (`span.hidden-char`, `<U+202E>`, `\x1b`),
// never as itself (in the text or in a title or label), and the core's findings say so.
// Screenshot target/screenshots/hidden-chars.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from './lib/server.mjs';
import { useSuite, openPage, inspect, findings, hostRows, assertNoPageErrors, QUIET_MS, CHECK_TIMEOUT } from './lib/page.mjs';

const s = useSuite();

const CN = 'www.example.com\u202emoc.lived\u001b[2J';
// eslint-disable-next-line no-control-regex -- the characters src/terminal.rs escapes
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060\u2066-\u2069\ufeff]/;

/** A self-signed certificate made by openssl now, as PEM. */
function certificate(t, subject, san) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'certlens-e2e-hidden-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const key = path.join(dir, 'k.pem');
  const cert = path.join(dir, 'c.pem');
  execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key]);
  execFileSync('openssl', ['req', '-x509', '-key', key, '-out', cert, '-days', '30', '-utf8', '-subj', subject, '-addext', `subjectAltName=${san}`]);
  return fs.readFileSync(cert, 'utf8');
}

// The certificates are made now: judge them a minute later (#at is to the minute, UTC).
const soon = () => new Date(Date.now() + 60_000).toISOString().slice(0, 16);

/** What the shadow root shows (text) and says (titles, labels) holding a hidden character. */
const rawHidden = (page, root) =>
  page.evaluate(([sel, source]) => {
    const hidden = new RegExp(source);
    const scope = sel ? document.querySelector(sel) : document.querySelector('cert-inspector').shadowRoot;
    const out = [];
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      // Preformatted text keeps its own line breaks; the paste box is the user's own text.
      const parent = n.parentElement;
      // Nor is the markup's own indentation between elements.
      if (parent?.closest('textarea, style, script') || /^[\n ]*$/.test(n.data)) continue;
      const text = parent?.closest('pre') ? n.data.replace(/[\n\t]/g, '') : n.data;
      if (hidden.test(text)) out.push(`text: ${JSON.stringify(n.data)}`);
    }
    for (const el of scope.querySelectorAll('[title], [aria-label]')) {
      for (const name of ['title', 'aria-label']) {
        const value = el.getAttribute(name);
        if (value && hidden.test(value)) out.push(`${name}: ${JSON.stringify(value)}`);
      }
    }
    return out;
  }, [root, HIDDEN.source]);

test('hidden characters in certificate names show as markers, with findings that say so', async (t) => {
  const hostile = certificate(t, `/CN=${CN}/O=Example\u001b]0;title\u0007 Ltd`, 'DNS:www.example.com,DNS:evil\u001b[1;32m.example.com');
  const homograph = certificate(t, '/CN=xn--pple-43d.com', 'DNS:xn--pple-43d.com');
  const { page, errors } = await openPage(s, t);
  await inspect(page, { at: soon(), hosts: 'www.example.com, rtl\u202emoc.example', paste: hostile + homograph });

  const found = await findings(page);
  const hidden = found.filter((f) => f.code === 'name_hidden_characters');
  assert.deepEqual(hidden.map((f) => f.severity), ['warning', 'warning', 'warning'], JSON.stringify(found.map((f) => f.code)));
  const cn = hidden[0].text;
  // The core's text shows the value made visible; the certificate's own name, as given in the
  // report, is marked by the page.
  assert.ok(cn.includes('reads "www.example.com<U+202E>moc.lived\\x1b[2J"'), cn);
  assert.ok(cn.includes('"www.example.com<U+202E>moc.lived\\x1b[2J" (pasted text'), cn);
  assert.ok(cn.includes('U+202E RIGHT-TO-LEFT OVERRIDE') && cn.includes('CVE-2021-42574'), cn);
  assert.ok(hidden.some((f) => f.text.includes('reads "evil\\x1b[1;32m.example.com"')), 'the SAN entry');

  const imitation = found.find((f) => f.code === 'name_homograph');
  assert.ok(imitation, 'name_homograph');
  assert.equal(imitation.severity, 'warning');
  assert.ok(imitation.text.includes('"\u0430pple.com"') && imitation.text.includes('reads as "apple.com"'), imitation.text);

  // The markers are elements of their own, titled with the character's name.
  const markers = await page.$$eval('#findings li.finding[data-code="name_hidden_characters"] .hidden-char',
    (els) => els.map((e) => [e.textContent, e.title]));
  assert.ok(markers.some(([text, title]) => text === '<U+202E>' && title === 'A hidden character in the original: U+202E RIGHT-TO-LEFT OVERRIDE'), JSON.stringify(markers));
  assert.ok(markers.some(([text, title]) => text === '\\x1b' && title.endsWith('U+001B ESCAPE')), JSON.stringify(markers));

  // Object details, the chain and the hosts table mark them too.
  const subject = await page.$eval('#objects details.object[data-object-id="0"]', (e) => {
    e.open = true;
    return e.innerText;
  });
  assert.ok(subject.includes('O=Example\\x1b]0;title\\x07 Ltd'), subject);
  assert.ok(subject.includes('DNS:evil\\x1b[1;32m.example.com'), subject);
  const hosts = await hostRows(page);
  assert.ok(hosts.some((h) => h.text.includes('rtl<U+202E>moc.example')), JSON.stringify(hosts));

  assert.deepEqual(await rawHidden(page, null), [], 'hidden characters shown as themselves');
  fs.mkdirSync(path.join(REPO_ROOT, 'target', 'screenshots'), { recursive: true });
  await page.locator('#findings li.finding[data-code="name_hidden_characters"]').first().screenshot({
    path: path.join(REPO_ROOT, 'target', 'screenshots', 'hidden-chars.png'),
  });
  assertNoPageErrors(errors);
});

test('the server tool shows hidden characters of a configuration as markers', async (t) => {
  const { page, errors } = await openPage(s, t, { url: `${s.url}#server` });
  await page.waitForSelector('#server-config', { state: 'visible' });
  const audits = () => page.evaluate(() => Number(document.getElementById('server-result')?.dataset.audits || 0));
  const before = await audits();
  await page.fill('#server-config', [
    'server {',
    '    listen 443 ssl;',
    '    server_name "rtl\u202emoc.example" "evil\u001b]0;title\u0007.example";',
    '    ssl_ciphers "HIGH:\u001b[2J:RC4";',
    '    ssl_certificate "/etc/ssl/cert\u202egpj.pem";',
    '    ssl_certificate_key /etc/ssl/key.pem;',
    '}',
    '',
  ].join('\n'));
  await page.waitForFunction((n) => Number(document.getElementById('server-result')?.dataset.audits || 0) > n, before, { timeout: CHECK_TIMEOUT });
  await page.waitForTimeout(QUIET_MS);

  const heading = await page.textContent('#server-result .server-audit .server-heading');
  assert.ok(heading.includes('rtl<U+202E>moc.example') && heading.includes('evil\\x1b]0;title\\x07.example'), heading);
  const result = await page.innerText('#server-result');
  assert.ok(result.includes('HIGH:\\x1b[2J:RC4'), result);
  const files = await page.innerText('#server-files');
  assert.ok(files.includes('/etc/ssl/cert<U+202E>gpj.pem'), files);
  assert.deepEqual(await rawHidden(page, '#server'), [], 'hidden characters shown as themselves');
  assertNoPageErrors(errors);
});
