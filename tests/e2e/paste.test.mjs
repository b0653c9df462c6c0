// 1. Paste a bundle with a misordered chain, its private key and host names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixturePath, fixtureText, opensslPubkeyMd5 } from './lib/fixtures.mjs';
import {
  useSuite, openPage, inspect, afterAction, verdict, findings, chainNodes, hostRows, keyMatches,
  inputsList, objectIds, assertNoPageErrors,
} from './lib/page.mjs';

const s = useSuite();

const MISORDERED_WITH_KEY = fixtureText('misordered.pem') + fixtureText('leaf-rsa2048.key');

test('misordered chain + key + hosts: verdict, findings, chain diagram, coverage, key match', async (t) => {
  const { page, errors } = await openPage(s, t);
  await inspect(page, { hosts: 'www.example.com example.org', paste: MISORDERED_WITH_KEY });

  // Verdict.
  assert.equal(await verdict(page), 'problems');
  assert.ok(await page.isVisible('#verdict'));

  // Findings: the order problem is an error, with its text.
  const f = await findings(page);
  const notFirst = f.filter((x) => x.code === 'leaf_not_first');
  assert.equal(notFirst.length, 1, `one leaf_not_first finding among ${JSON.stringify(f.map((x) => x.code))}`);
  assert.equal(notFirst[0].severity, 'error');
  assert.match(notFirst[0].text, /first/i);
  // The other host is not covered; the key match and www.example.com are reported too.
  assert.ok(f.some((x) => x.code === 'host_not_covered' && x.severity === 'error'), 'host_not_covered error');
  for (const x of f) {
    assert.match(x.severity, /^(error|warning|info)$/, `severity of ${x.code}`);
    assert.ok(x.text.length > 0, `finding ${x.code} has text`);
  }

  // The chain diagram: leaf first, then int2, int1, in issuing order; the misordering flagged.
  const nodes = await chainNodes(page);
  const certNodes = nodes.filter((n) => n.state !== 'missing' && n.state !== 'trusted-root');
  assert.ok(certNodes.length >= 3, `3 certificate nodes: ${JSON.stringify(nodes)}`);
  assert.match(certNodes[0].text, /www\.example\.com/, 'the leaf is the first node');
  assert.match(certNodes[1].text, /Intermediate 2/);
  assert.match(certNodes[2].text, /Intermediate 1/);
  assert.ok(
    nodes.some((n) => n.state === 'misordered'),
    `a node is flagged misordered: ${JSON.stringify(nodes.map((n) => n.state))}`,
  );
  for (const n of nodes) {
    assert.match(
      n.state,
      /^(leaf|intermediate|root|missing|forged|misordered|trusted-root)$/,
      `data-state of ${n.id}`,
    );
  }
  for (const n of certNodes.slice(0, 3)) {
    assert.equal(n.validity, 'valid', `validity of "${n.text.split('\n')[0]}" at 2026-06-01`);
    assert.ok(n.timeline, 'each certificate has a validity timeline');
  }
  // The root is neither in the bundle nor trusted: the diagram shows it as missing.
  assert.ok(nodes.some((n) => n.state === 'missing'), 'the missing root is shown');
  // Every certificate node refers to an object listed in #objects.
  const ids = await objectIds(page);
  for (const n of certNodes) assert.ok(ids.includes(n.id), `chain node ${n.id} is in #objects ${ids}`);
  assert.equal(ids.length, 4, '3 certificates and 1 key in #objects');

  // Host coverage table.
  const rows = await hostRows(page);
  assert.deepEqual(
    rows.map((r) => [r.host, r.covered]),
    [['www.example.com', 'true'], ['example.org', 'false']],
  );

  // Key match, with the digest openssl prints on a server.
  const md5 = opensslPubkeyMd5('leaf-rsa2048.pem');
  const km = await keyMatches(page);
  assert.ok(km.some((k) => k.state === 'matches'), `key match: ${JSON.stringify(km)}`);
  assert.ok(!km.some((k) => k.state === 'mismatch'), 'no mismatch shown for the leaf');
  const keyText = await page.innerText('#key-match');
  assert.ok(keyText.toLowerCase().includes(md5), `#key-match shows md5 ${md5}: ${keyText}`);
  assert.match(keyText, /openssl/, 'the commands that print the digest on a server');

  // The paste is listed as an input.
  const inputs = await inputsList(page);
  assert.equal(inputs.length, 1, JSON.stringify(inputs));
  assert.match(inputs[0].text, /certificate/i);
  assert.match(inputs[0].text, /key/i);

  assertNoPageErrors(errors);
});

test('host suggestions come from the leaf SANs and add the host when chosen', async (t) => {
  const { page, errors } = await openPage(s, t);
  await inspect(page, { hosts: 'example.org', paste: MISORDERED_WITH_KEY });
  const suggested = await page.$$eval('button.host-suggestion[data-host]', (els) =>
    els.map((e) => e.dataset.host),
  );
  assert.ok(suggested.includes('www.example.com'), `suggestions: ${suggested}`);
  assert.ok(suggested.includes('example.com'), `suggestions: ${suggested}`);
  await afterAction(page, () => page.click('button.host-suggestion[data-host="example.com"]'));
  const hosts = (await page.inputValue('#hosts')).split(/[\s,]+/).filter(Boolean);
  assert.deepEqual(hosts.sort(), ['example.com', 'example.org']);
  const rows = Object.fromEntries((await hostRows(page)).map((r) => [r.host, r.covered]));
  assert.deepEqual(rows, { 'example.org': 'false', 'example.com': 'true' });
  assertNoPageErrors(errors);
});

test('the corrected order clears leaf_not_first; emptying the paste returns to the empty state', async (t) => {
  const { page, errors } = await openPage(s, t);
  await inspect(page, { hosts: 'www.example.com', paste: MISORDERED_WITH_KEY });
  assert.ok((await findings(page)).some((x) => x.code === 'leaf_not_first'));

  await inspect(page, { paste: fixtureText('fullchain.pem') + fixtureText('leaf-rsa2048.key') });
  const f = await findings(page);
  assert.ok(!f.some((x) => x.code === 'leaf_not_first'), JSON.stringify(f.map((x) => x.code)));
  assert.ok(!(await chainNodes(page)).some((n) => n.state === 'misordered'));
  assert.deepEqual((await hostRows(page)).map((r) => [r.host, r.covered]), [['www.example.com', 'true']]);

  await inspect(page, { hosts: '', paste: '' });
  assert.equal(await verdict(page), 'empty');
  assert.deepEqual(await findings(page), []);
  assert.deepEqual(await chainNodes(page), []);
  assertNoPageErrors(errors);
});

test('expired leaf, missing intermediate and forged issuer are shown on the diagram', async (t) => {
  const { page, errors } = await openPage(s, t);
  await inspect(page, { paste: fixtureText('leaf-expired.pem') + fixtureText('int2.pem') + fixtureText('int1.pem') });
  let nodes = await chainNodes(page);
  assert.match(nodes[0].text, /old\.example\.com/);
  assert.equal(nodes[0].validity, 'expired');
  assert.ok((await findings(page)).some((x) => x.code === 'expired' && x.severity === 'error'));

  await inspect(page, { paste: fixtureText('missing-intermediate.pem') });
  nodes = await chainNodes(page);
  assert.match(nodes[0].text, /www\.example\.com/);
  assert.equal(nodes[1].state, 'missing', `int2 is missing after the leaf: ${JSON.stringify(nodes.map((n) => n.state))}`);
  assert.ok((await findings(page)).some((x) => x.code === 'missing_intermediate'));

  // forged-chain.pem: int2's name and key id, but int2's key did not sign the leaf.
  await inspect(page, { paste: fixtureText('forged-chain.pem') });
  nodes = await chainNodes(page);
  assert.match(nodes[0].text, /forged\.example\.com/);
  assert.ok(nodes.some((n) => n.state === 'forged'), `a forged node: ${JSON.stringify(nodes.map((n) => n.state))}`);
  assert.ok((await findings(page)).some((x) => x.code === 'signature_mismatch' && x.severity === 'error'));
  assertNoPageErrors(errors);
});

test('a complete chain with its private root and the key, for public names: browsers reject it; trusting that root makes it ok', async (t) => {
  const { page, errors } = await openPage(s, t);
  await inspect(page, {
    hosts: 'www.example.com',
    paste: fixtureText('with-root.pem') + fixtureText('leaf-rsa2048.key'),
  });
  // www.example.com is a public name and no root program has this root.
  assert.equal(await verdict(page), 'problems');
  let f = await findings(page);
  assert.deepEqual(f.filter((x) => x.severity === 'error').map((x) => x.code), ['not_publicly_trusted']);
  const nodes = await chainNodes(page);
  assert.deepEqual(nodes.map((n) => n.state), ['leaf', 'intermediate', 'intermediate', 'root']);
  assert.match(nodes[3].text, /Root CA/);
  assert.ok((await keyMatches(page)).some((k) => k.state === 'matches'));
  // Its action: trust this very root (a private CA on purpose).
  await afterAction(page, () => page.click('#findings li.finding[data-code="not_publicly_trusted"] .finding-action button'));
  assert.equal(await verdict(page), 'ok');
  f = await findings(page);
  assert.ok(!f.some((x) => x.severity === 'error'), JSON.stringify(f.map((x) => `${x.code}/${x.severity}`)));
  assertNoPageErrors(errors);
});

test('a private root given as trusted (#trust-files): verdict ok, the trusted root anchors the chain', async (t) => {
  const { page, errors } = await openPage(s, t);
  // The trust box is a <details>; its file input is chosen through a button (tabindex -1).
  await page.click('#trust-box > summary');
  await afterAction(page, () => page.setInputFiles('#trust-files', [fixturePath('root.pem')]));
  await inspect(page, { hosts: 'www.example.com', paste: fixtureText('fullchain.pem') + fixtureText('leaf-rsa2048.key') });
  assert.equal(await verdict(page), 'ok');
  const f = await findings(page);
  assert.ok(!f.some((x) => x.severity === 'error'), JSON.stringify(f.map((x) => `${x.code}/${x.severity}`)));
  const nodes = await chainNodes(page);
  assert.deepEqual(nodes.map((n) => n.state), ['leaf', 'intermediate', 'intermediate', 'trusted-root'], JSON.stringify(nodes.map((n) => n.state)));
  assert.match(nodes[3].text, /Root CA/);
  // The trusted root is not an input: the inputs list has only the paste.
  assert.equal((await inputsList(page)).length, 1);
  assertNoPageErrors(errors);
});
