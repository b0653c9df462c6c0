// SM2 / ShangMi (国密) in the page: an SM2 double certificate (signing + encryption) with both
// keys, under its own SM2 root: every link verified with SM2-with-SM3, both keys matched, the
// pair recognised and named, the SM2 keys shown as such.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixturePath, fixtureText } from './lib/fixtures.mjs';
import {
  useSuite, openPage, inspect, afterAction, verdict, findings, keyMatches, chainNodes, assertNoPageErrors,
} from './lib/page.mjs';

const s = useSuite();

test('SM2 double certificate + both keys, SM2 root trusted: verified, matched, the pair named', async (t) => {
  const { page, errors } = await openPage(s, t);
  await page.click('#trust-box > summary');
  await afterAction(page, () => page.setInputFiles('#trust-files', [fixturePath('sm2-ca.pem')]));
  await inspect(page, {
    hosts: 'sm2.example.com',
    paste: fixtureText('sm2-double.pem') + fixtureText('sm2-sign.key') + fixtureText('sm2-enc.key'),
  });
  const f = await findings(page);
  const codes = f.map((x) => `${x.code}/${x.severity}`);
  assert.ok(!f.some((x) => x.severity === 'error'), codes.join());
  assert.ok(!f.some((x) => ['signature_mismatch', 'signature_unchecked'].includes(x.code)), codes.join());
  const pair = f.find((x) => x.code === 'sm2_double_certificate');
  assert.ok(pair, codes.join());
  assert.match(pair.text, /signing certificate/);
  assert.match(pair.text, /encryption certificate/);
  assert.equal(await verdict(page), 'ok');
  const nodes = await chainNodes(page);
  // sm2-double.pem carries the CA too: the chain ends at that root, which is the trusted one.
  assert.deepEqual(nodes.map((n) => n.state), ['leaf', 'root'], JSON.stringify(nodes.map((n) => n.state)));
  assert.match(nodes[1].text, /SM2 Test CA/);
  const km = await keyMatches(page);
  assert.equal(km.filter((k) => k.state === 'matches').length, 2, JSON.stringify(km));
  // The md5s of the public keys, as openssl prints them (tests/fixtures/expected/sm2-pubkey-md5.tsv).
  const expected = Object.fromEntries(fixtureText('expected/sm2-pubkey-md5.tsv').trim().split('\n').map((l) => l.split('\t')));
  const keyText = (await page.innerText('#key-match')).toLowerCase();
  for (const cert of ['sm2-sign.pem', 'sm2-enc.pem']) assert.ok(keyText.includes(expected[cert]), `${cert} md5 ${expected[cert]}`);
  assert.match(await page.innerText('#objects'), /SM2/);
  assertNoPageErrors(errors);
});

test('an SM2 certificate whose signature was forged is refused', async (t) => {
  const { page, errors } = await openPage(s, t);
  await inspect(page, { paste: fixtureText('sm2-leaf-forged.pem') + fixtureText('sm2-ca.pem') });
  const codes = (await findings(page)).map((x) => x.code);
  assert.ok(codes.includes('signature_mismatch'), codes.join());
  assert.equal(await verdict(page), 'problems');
  assertNoPageErrors(errors);
});
