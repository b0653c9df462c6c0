// Where the time of an inspection goes: runs certlens's full inspection of the deploy bundle
// (tests/fixtures fullchain.pem + leaf-rsa2048.key, trusting the fixtures' root) many times in
// Node under the V8 sampling profiler, on a build that keeps its function names, and prints
// the functions with the most samples.
//
//   node bench/profile-inspect.mjs DIR [RUNS]     DIR: a wasm-bindgen --target web output
//                                                 built without --remove-name-section
// bench/profile-inspect.sh builds DIR and runs this.
import fs from 'node:fs';
import path from 'node:path';
import { Session } from 'node:inspector/promises';

const [dir, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 300);
const pkg = await import(path.resolve(dir, 'certlens.js'));
pkg.initSync({ module: new WebAssembly.Module(fs.readFileSync(path.join(dir, 'certlens_bg.wasm'))) });

const fixture = (name) => fs.readFileSync(new URL(`../tests/fixtures/${name}`, import.meta.url), 'utf8');
const inputs = [{ name: 'bundle.pem', data: fixture('fullchain.pem') + fixture('leaf-rsa2048.key') }];
const options = { at: '2026-06-01T00:00:00Z', hosts: ['www.example.com'], trust: [{ name: 'root.pem', data: fixture('root.pem') }] };
const findings = pkg.inspect(inputs, options).findings.length; // warm-up, and a sanity check

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
const started = performance.now();
for (let i = 0; i < runs; i++) pkg.inspect(inputs, options);
const elapsed = performance.now() - started;
const { profile } = await session.post('Profiler.stop');

const samples = new Map();
for (const id of profile.samples) samples.set(id, (samples.get(id) || 0) + 1);
const byFunction = new Map();
for (const node of profile.nodes) {
  const count = samples.get(node.id) || 0;
  const name = node.callFrame.functionName.replace(/::h[0-9a-f]{16}$/, '') || '(anonymous)';
  byFunction.set(name, (byFunction.get(name) || 0) + count);
}
const total = profile.samples.length;
console.log(`${runs} inspections (${findings} findings each), ${(elapsed / runs).toFixed(2)} ms each on average`);
console.log('share of samples  function');
for (const [name, count] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
  console.log(`${((100 * count) / total).toFixed(1).padStart(6)}%  ${name.slice(0, 110)}`);
}
