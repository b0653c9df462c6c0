// 5. Encrypted private key: the password row appears when needed; the right password makes
// the key match; a wrong one says so (wrong_password). The same for a PKCS#12 (.pfx) file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AT, fixturePath, fixtureText, opensslPubkeyMd5 } from './lib/fixtures.mjs';
import {
  useSuite, openPage, inspect, afterAction, fillInputs, findings, keyMatches, chainNodes, assertNoPageErrors,
} from './lib/page.mjs';

const s = useSuite();

test('cert + encrypted key: the password row appears; "correct horse" makes the key match', async (t) => {
  const { page, errors } = await openPage(s, t);
  assert.ok(await page.isHidden('#password-row'), 'hidden before any encrypted key');
  await inspect(page, {
    hosts: 'www.example.com',
    paste: fixtureText('leaf-rsa2048.pem') + fixtureText('leaf-rsa2048.enc-pbkdf2.key'),
  });
  assert.ok(await page.isVisible('#password-row'), '#password-row is shown for an encrypted key');
  assert.ok(await page.isVisible('#password'));
  assert.equal(await page.getAttribute('#password', 'type'), 'password');
  assert.ok(!(await keyMatches(page)).some((k) => k.state === 'matches'), 'no match before the password');
  assert.ok(
    (await findings(page)).some((f) => f.code === 'key_encrypted'),
    `key_encrypted finding: ${(await findings(page)).map((f) => f.code)}`,
  );

  // A wrong password first.
  await afterAction(page, () => page.fill('#password', 'battery staple'));
  const wrong = (await findings(page)).find((f) => f.code === 'wrong_password');
  assert.ok(wrong, `wrong_password after a wrong password: ${(await findings(page)).map((f) => f.code)}`);
  assert.equal(wrong.severity, 'error');
  assert.ok(!(await keyMatches(page)).some((k) => k.state === 'matches'));
  assert.ok(await page.isVisible('#password-row'), 'still asking for the password');

  // Then the right one, typed key by key like a user.
  await afterAction(page, async () => {
    await page.fill('#password', '');
    await page.type('#password', 'correct horse', { delay: 20 });
  });
  const km = await keyMatches(page);
  assert.ok(km.some((k) => k.state === 'matches'), JSON.stringify(km));
  const md5 = opensslPubkeyMd5('leaf-rsa2048.pem');
  assert.ok((await page.innerText('#key-match')).toLowerCase().includes(md5), `md5 ${md5} shown`);
  const codes = (await findings(page)).map((f) => f.code);
  assert.ok(!codes.includes('wrong_password') && !codes.includes('decrypt_failed'), codes.join());
  assertNoPageErrors(errors);
});

test('the password row is not shown for an unencrypted key', async (t) => {
  const { page, errors } = await openPage(s, t);
  await inspect(page, { paste: fixtureText('leaf-rsa2048.pem') + fixtureText('leaf-rsa2048.key') });
  assert.ok(await page.isHidden('#password-row'));
  assertNoPageErrors(errors);
});

test('a .pfx file: locked without its password, then every certificate and the key checked', async (t) => {
  const { page, errors } = await openPage(s, t);
  await fillInputs(page, { at: AT, hosts: 'www.example.com' });
  await afterAction(page, () => page.setInputFiles('#files', [fixturePath('pkcs12-modern.p12')]));
  assert.ok(await page.isVisible('#password-row'), '#password-row is shown for a PFX with a password');
  const locked = (await findings(page)).find((f) => f.code === 'key_encrypted');
  assert.ok(locked, `key_encrypted: ${(await findings(page)).map((f) => f.code)}`);
  assert.match(locked.text, /PFX/);

  await afterAction(page, () => page.fill('#password', 'battery staple'));
  assert.ok((await findings(page)).some((f) => f.code === 'wrong_password'));

  await afterAction(page, () => page.fill('#password', fixtureText('password.txt').trim()));
  const codes = (await findings(page)).map((f) => f.code);
  assert.ok(codes.includes('pkcs12_contents'), codes.join());
  assert.ok(!codes.includes('wrong_password') && !codes.includes('key_encrypted'), codes.join());
  const km = await keyMatches(page);
  assert.ok(km.some((k) => k.state === 'matches'), JSON.stringify(km));
  const md5 = opensslPubkeyMd5('leaf-rsa2048.pem');
  assert.ok((await page.innerText('#key-match')).toLowerCase().includes(md5), `md5 ${md5} shown`);
  assert.ok((await chainNodes(page)).length >= 3, 'leaf and both intermediates from the PFX in the chain');
  assertNoPageErrors(errors);
});

test('a .pfx file with the empty password opens without one', async (t) => {
  const { page, errors } = await openPage(s, t);
  await fillInputs(page, { at: AT });
  await afterAction(page, () => page.setInputFiles('#files', [fixturePath('pkcs12-empty-password.p12')]));
  const codes = (await findings(page)).map((f) => f.code);
  assert.ok(codes.includes('pkcs12_contents') && !codes.includes('key_encrypted'), codes.join());
  assert.ok((await keyMatches(page)).some((k) => k.state === 'matches'));
  assertNoPageErrors(errors);
});
