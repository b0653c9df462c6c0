// 2. Files: several at once through the file picker (#files), and a real drag and drop onto
// #dropzone; every input is listed with what was found in it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AT, fixturePath, fixtureBytes } from './lib/fixtures.mjs';
import {
  useSuite, openPage, afterAction, fillInputs, verdict, findings, chainNodes, keyMatches,
  inputsList, dropFiles, assertNoPageErrors,
} from './lib/page.mjs';

const s = useSuite();

const byName = (list) => Object.fromEntries(list.map((i) => [i.name, i.text]));

test('the file picker takes several files at once (PEM, key, DER)', async (t) => {
  const { page, errors } = await openPage(s, t);
  await fillInputs(page, { at: AT });
  await afterAction(page, () =>
    page.setInputFiles('#files', [
      fixturePath('fullchain.pem'),
      fixturePath('leaf-rsa2048.key'),
      fixturePath('mismatched-key.pem'),
      fixturePath('int2.der'),
    ]),
  );
  const inputs = byName(await inputsList(page));
  assert.deepEqual(
    Object.keys(inputs).sort(),
    ['fullchain.pem', 'int2.der', 'leaf-rsa2048.key', 'mismatched-key.pem'],
  );
  // What was found in each: fullchain.pem 3 certificates; the key file a private key;
  // mismatched-key.pem 3 certificates and a key; int2.der one (binary) certificate.
  assert.match(inputs['fullchain.pem'], /3\s+certificates?/i, inputs['fullchain.pem']);
  assert.doesNotMatch(inputs['fullchain.pem'], /private key/i);
  assert.match(inputs['leaf-rsa2048.key'], /private key/i, inputs['leaf-rsa2048.key']);
  assert.doesNotMatch(inputs['leaf-rsa2048.key'], /certificate/i);
  assert.match(inputs['mismatched-key.pem'], /3\s+certificates?/i, inputs['mismatched-key.pem']);
  assert.match(inputs['mismatched-key.pem'], /private key/i);
  assert.match(inputs['int2.der'], /1\s+certificate|certificate/i, inputs['int2.der']);

  // Two keys: leaf-rsa2048.key matches the leaf, leaf-p256.key (in mismatched-key.pem) does not.
  const km = await keyMatches(page);
  assert.ok(km.some((k) => k.state === 'matches'), JSON.stringify(km));
  assert.ok(km.some((k) => k.state === 'mismatch'), JSON.stringify(km));
  assert.equal(await verdict(page), 'problems');
  const codes = (await findings(page)).map((f) => f.code);
  assert.ok(codes.includes('duplicate'), `the same certificates in two files: ${codes}`);
  assert.match((await chainNodes(page))[0].text, /www\.example\.com/);
  assertNoPageErrors(errors);
});

test('a real drag and drop onto the drop zone adds the files', async (t) => {
  const { page, errors } = await openPage(s, t);
  await fillInputs(page, { at: AT });
  await afterAction(page, () =>
    dropFiles(page, '#dropzone', [
      { name: 'misordered.pem', bytes: fixtureBytes('misordered.pem'), type: 'application/x-pem-file' },
      { name: 'server.key', bytes: fixtureBytes('leaf-rsa2048.key') },
      { name: 'leaf.der', bytes: fixtureBytes('leaf-rsa2048.der'), type: 'application/x-x509-ca-cert' },
    ]),
  );
  const inputs = byName(await inputsList(page));
  assert.deepEqual(Object.keys(inputs).sort(), ['leaf.der', 'misordered.pem', 'server.key']);
  assert.match(inputs['misordered.pem'], /3\s+certificates?/i, inputs['misordered.pem']);
  assert.match(inputs['server.key'], /private key/i, inputs['server.key']);
  assert.match(inputs['leaf.der'], /certificate/i, inputs['leaf.der']);
  const codes = (await findings(page)).map((f) => f.code);
  assert.ok(codes.includes('leaf_not_first'), codes.join());
  assert.ok((await keyMatches(page)).some((k) => k.state === 'matches'));

  // A second drop adds to the inputs (a user dropping the key after the chain).
  await afterAction(page, () =>
    dropFiles(page, '#dropzone', [{ name: 'other.pem', bytes: fixtureBytes('leaf-p256.pem') }]),
  );
  const names = (await inputsList(page)).map((i) => i.name).sort();
  assert.ok(names.includes('other.pem'), `after a second drop: ${names}`);
  assertNoPageErrors(errors);
});

test('files and the paste area are inspected together', async (t) => {
  const { page, errors } = await openPage(s, t);
  await fillInputs(page, { at: AT, paste: fixtureBytes('leaf-rsa2048.key').toString('utf8') });
  await afterAction(page, () => page.setInputFiles('#files', [fixturePath('fullchain.pem')]));
  const inputs = await inputsList(page);
  assert.equal(inputs.length, 2, JSON.stringify(inputs));
  assert.ok(inputs.some((i) => i.name === 'fullchain.pem'));
  assert.ok((await keyMatches(page)).some((k) => k.state === 'matches'));
  assertNoPageErrors(errors);
});
