// The test fixtures (tests/fixtures, made by openssl; see its README) and values derived
// from them with the openssl CLI at test time.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from './server.mjs';

export const FIXTURES = path.join(REPO_ROOT, 'tests', 'fixtures');
// The fixtures' reference instant, as the page's #at (datetime-local, read as UTC) takes it.
export const AT = '2026-06-01T00:00';

export const fixturePath = (name) => path.join(FIXTURES, name);
export const fixtureText = (name) => fs.readFileSync(fixturePath(name), 'utf8');
export const fixtureBytes = (name) => fs.readFileSync(fixturePath(name));

/** `openssl x509 -noout -pubkey -in <cert> | openssl md5`, as lower-case hex. */
export function opensslPubkeyMd5(certName) {
  const pub = execFileSync('openssl', ['x509', '-noout', '-pubkey', '-in', fixturePath(certName)]);
  const out = execFileSync('openssl', ['md5'], { input: pub }).toString();
  const m = /([0-9a-f]{32})\s*$/i.exec(out.trim());
  if (!m) throw new Error(`unexpected openssl md5 output: ${out}`);
  return m[1].toLowerCase();
}
