// The benchmark driver (run by bench/run.sh, which installs and builds what it needs first).
//
// One run, on the same inputs: certlens (wasm) and the JavaScript libraries in Node (this
// process) and in headless Chromium (bench/web/page.mjs, driven with playwright-core), with
// Node's crypto.X509Certificate (OpenSSL) as the native reference; rounds alternate between
// the two so both see the same machine. Then certlens's cold start in Chromium (and each
// library's, for context), the bundle sizes, and the agreement of every library's output
// with OpenSSL's. Writes the results as JSON (docs/benchmarks.json by default).
//
// node bench/bench.mjs [--rounds N] [--sample-ms MS] [--warm-ms MS] [--cold-runs N] [--out FILE]
// (also BENCH_ROUNDS, BENCH_SAMPLE_MS, BENCH_WARM_MS, BENCH_COLD_RUNS, BENCH_OUT)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, execFileSync } from 'node:child_process';
import { X509Certificate, createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import * as esbuild from 'esbuild';
import { makeAdapters, splitPem } from './lib/adapters.mjs';
import { TASKS, prepare, round } from './lib/harness.mjs';
import { agreement } from './lib/agreement.mjs';
import { summarizeSamples, evaluateGoals } from './lib/stats.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BENCH = path.join(ROOT, 'target', 'bench');
const WEB = path.join(BENCH, 'web');
const PKG = path.join(BENCH, 'pkg');
const FIXTURES = path.join(ROOT, 'tests', 'fixtures');

function option(name, env, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i > 0 && process.argv[i + 1]) return process.argv[i + 1];
  return process.env[env] || fallback;
}
const DEFAULT_ROUNDS = 10;
const CONFIG = {
  rounds: Number(option('rounds', 'BENCH_ROUNDS', DEFAULT_ROUNDS)),
  sampleMs: Number(option('sample-ms', 'BENCH_SAMPLE_MS', 40)),
  warmMs: Number(option('warm-ms', 'BENCH_WARM_MS', 400)),
  coldRuns: Number(option('cold-runs', 'BENCH_COLD_RUNS', 7)),
};
const OUT = path.resolve(ROOT, option('out', 'BENCH_OUT', 'docs/benchmarks.json'));
const CERTIFI = process.env.BENCH_CERTIFI_VERSION || 'unknown';
const CHROMIUM = process.env.CERTLENS_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic',
];
const AT = '2026-06-01T00:00:00Z';
const JS_LIBS = ['peculiar', 'pkijs', 'forge', 'jsrsasign'];

const log = (...a) => console.log('[bench]', ...a);
const read = (p) => fs.readFileSync(p, 'utf8');
const fixture = (name) => read(path.join(FIXTURES, name));

// ---- inputs ---------------------------------------------------------------------------------

const ECDSA_SHA256_OID = Buffer.from('06082a8648ce3d040302', 'hex');

function findP256Link(bundleText) {
  // The first certificate in the 2,000 bundle signed with ecdsa-with-SHA256 by another
  // certificate of the bundle with a P-256 key, as OpenSSL verifies it.
  const certs = splitPem(bundleText).map((pem) => {
    try {
      return new X509Certificate(pem);
    } catch {
      return null;
    }
  });
  const bySubject = new Map();
  for (const c of certs) {
    if (!c) continue;
    if (!bySubject.has(c.subject)) bySubject.set(c.subject, []);
    bySubject.get(c.subject).push(c);
  }
  for (const child of certs) {
    if (!child || child.subject === child.issuer) continue;
    for (const issuer of bySubject.get(child.issuer) || []) {
      if (issuer === child || issuer.publicKey.asymmetricKeyDetails.namedCurve !== 'prime256v1') continue;
      // ecdsa-with-SHA256 (OID 1.2.840.10045.4.3.2) as the signature algorithm.
      if (!child.raw.includes(ECDSA_SHA256_OID)) continue;
      if (child.verify(issuer.publicKey)) return { child: new Uint8Array(child.raw), issuer: new Uint8Array(issuer.raw), childSubject: child.subject, issuerSubject: issuer.subject };
    }
  }
  throw new Error('no P-256 link found in the 2,000-certificate bundle');
}

function loadInputs() {
  const roots = read(path.join(BENCH, 'inputs', 'mozilla-roots.pem'));
  const bundle2000 = read(path.join(BENCH, 'bundle-2000.pem'));
  const deployRsaCerts = fixture('fullchain.pem');
  const deployEcdsaCerts = fixture('leaf-p256.pem') + fixture('int2.pem') + fixture('int1.pem');
  const texts = {
    roots,
    bundle2000,
    deployRsaCerts,
    deployEcdsaCerts,
    deployRsa: deployRsaCerts + fixture('leaf-rsa2048.key'),
    deployEcdsa: deployEcdsaCerts + fixture('leaf-p256.key'),
  };
  const der = (name) => new Uint8Array(new X509Certificate(fixture(name)).raw);
  const p256 = findP256Link(bundle2000);
  const links = {
    rsa2048: { child: der('leaf-rsa2048.pem'), issuer: der('int2.pem'), childSubject: 'CN=www.example.com', issuerSubject: 'certlens Test Intermediate 2' },
    p256,
    p384: { child: der('int2.pem'), issuer: der('int1.pem') },
    rsa3072: { child: der('int1.pem'), issuer: der('root.pem') },
  };
  const inspectOptions = { hosts: ['www.example.com'], at: AT, trust: [{ name: 'root.pem', data: fixture('root.pem') }] };
  return { texts, links, inspectOptions };
}

function inputsJson(inputs) {
  const b64 = (u8) => Buffer.from(u8).toString('base64');
  const links = Object.fromEntries(
    Object.entries(inputs.links).map(([k, v]) => [k, { child: b64(v.child), issuer: b64(v.issuer) }]),
  );
  return JSON.stringify({ texts: inputs.texts, links, inspectOptions: inputs.inspectOptions });
}

function describeInputs(inputs) {
  const count = (t) => splitPem(t).length;
  const sha = (t) => createHash('sha256').update(t).digest('hex').slice(0, 16);
  return {
    bundle2000: { file: 'target/bench/bundle-2000.pem (bench/extract-certs.py 2000, from tests/x509-limbo)', certificates: count(inputs.texts.bundle2000), bytes: Buffer.byteLength(inputs.texts.bundle2000), sha256_16: sha(inputs.texts.bundle2000) },
    roots: { file: `certifi ${CERTIFI} cacert.pem (Mozilla's root store, from PyPI)`, certificates: count(inputs.texts.roots), bytes: Buffer.byteLength(inputs.texts.roots), sha256_16: sha(inputs.texts.roots) },
    deployRsa: { file: 'tests/fixtures/fullchain.pem + leaf-rsa2048.key', certificates: 3, bytes: Buffer.byteLength(inputs.texts.deployRsa) },
    deployEcdsa: { file: 'tests/fixtures/leaf-p256.pem + int2.pem + int1.pem + leaf-p256.key', certificates: 3, bytes: Buffer.byteLength(inputs.texts.deployEcdsa) },
    links: {
      rsa2048: 'tests/fixtures leaf-rsa2048.pem signed by int2.pem (RSA-2048, sha256WithRSAEncryption)',
      p384: 'tests/fixtures int2.pem signed by int1.pem (P-384, ecdsa-with-SHA384): a link of both deploy chains',
      rsa3072: 'tests/fixtures int1.pem signed by root.pem (RSA-3072, sha384WithRSAEncryption): a link of both deploy chains',
      p256: `x509-limbo "${inputs.links.p256.childSubject.replace(/\n/g, ', ')}" signed by "${inputs.links.p256.issuerSubject.replace(/\n/g, ', ')}" (P-256, ecdsa-with-SHA256)`,
    },
    inspectOptions: { hosts: inputs.inspectOptions.hosts, at: AT, trust: 'tests/fixtures/root.pem' },
  };
}

// ---- the web side ----------------------------------------------------------------------------

const SHOW_LIBS = ['certlens', 'peculiar', 'pkijs', 'forge', 'jsrsasign'];

async function buildWeb(inputs) {
  fs.rmSync(WEB, { recursive: true, force: true });
  fs.mkdirSync(path.join(WEB, 'pkg'), { recursive: true });
  for (const f of ['certlens.js', 'certlens_bg.wasm']) fs.copyFileSync(path.join(PKG, f), path.join(WEB, 'pkg', f));
  fs.writeFileSync(path.join(WEB, 'inputs.json'), inputsJson(inputs));
  for (const f of ['bench.html', 'cold.js']) fs.copyFileSync(path.join(ROOT, 'bench', 'web', f), path.join(WEB, f));
  // The cold-start page carries its input inline, so that loading it is one request.
  const coldInputs = JSON.stringify({ text: inputs.texts.deployRsa, certs: inputs.texts.deployRsaCerts, options: inputs.inspectOptions });
  fs.writeFileSync(
    path.join(WEB, 'cold.html'),
    read(path.join(ROOT, 'bench', 'web', 'cold.html')).replace('{{INPUTS}}', coldInputs.replace(/</g, '\\u003c')),
  );
  // The bench page: every adapter and the harness in one bundle; certlens's glue as is.
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'bench', 'web', 'page.mjs')],
    bundle: true, format: 'esm', minify: true, outfile: path.join(WEB, 'page.js'),
    external: ['./pkg/certlens.js'], logLevel: 'warning', platform: 'browser',
  });
  // The 'parse and show' pages, one per library: their sizes and cold starts.
  const sizes = {};
  const gz = (file) => execFileSync('gzip', ['-9', '-c', file]).length;
  for (const lib of SHOW_LIBS) {
    const outfile = path.join(WEB, `show-${lib}.js`);
    await esbuild.build({
      entryPoints: [path.join(ROOT, 'bench', 'web', 'show', `${lib}.mjs`)],
      bundle: true, format: 'esm', minify: true, outfile, logLevel: 'warning', platform: 'browser',
    });
    sizes[lib] = { bundle_min: fs.statSync(outfile).size, bundle_min_gzip: gz(outfile) };
  }
  const wasm = path.join(PKG, 'certlens_bg.wasm');
  const glue = path.join(PKG, 'certlens.js');
  Object.assign(sizes.certlens, {
    wasm: fs.statSync(wasm).size,
    wasm_gzip: gz(wasm),
    glue: fs.statSync(glue).size,
    glue_gzip: gz(glue),
  });
  sizes.certlens.total_gzip = sizes.certlens.wasm_gzip + sizes.certlens.glue_gzip;
  sizes.certlens.page_total_gzip = sizes.certlens.wasm_gzip + sizes.certlens.bundle_min_gzip;
  for (const lib of SHOW_LIBS) if (lib !== 'certlens') sizes[lib].total_gzip = sizes[lib].bundle_min_gzip;
  return sizes;
}

/** scripts/serve.py on a free port of 127.0.0.1, serving target/bench/web; stopped by PID. */
async function startServer() {
  const child = spawn('python3', [path.join(ROOT, 'scripts', 'serve.py'), '--port', '0', '--dir', WEB], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr.resume(); // the request log
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve.py did not start: ${out}`)), 15000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`serve.py exited (${code}): ${out}`)));
  });
  return { url, pid: child.pid, stop: () => { try { process.kill(child.pid, 'SIGTERM'); } catch { /* already gone */ } } };
}

async function coldStarts(browser, url, runs) {
  const out = Object.fromEntries(SHOW_LIBS.map((l) => [l, []]));
  for (let r = 0; r < runs; r++) {
    const order = r % 2 ? [...SHOW_LIBS].reverse() : SHOW_LIBS;
    for (const lib of order) {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        const errors = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(`${url}cold.html?lib=${lib}`);
        await page.waitForFunction(() => window.__cold, null, { timeout: 60000 });
        const m = await page.evaluate(() => window.__cold);
        if (m.error || errors.length) throw new Error(`cold start of ${lib}: ${m.error || errors.join('; ')}`);
        out[lib].push(m);
      } finally {
        await context.close();
      }
    }
  }
  return out;
}

// ---- main -------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  log(`config ${JSON.stringify(CONFIG)}`);
  const inputs = loadInputs();
  const sizes = await buildWeb(inputs);
  log(`sizes (gzip -9): ${Object.entries(sizes).map(([k, v]) => `${k} ${v.total_gzip}`).join(', ')}`);

  // Node: certlens through the web glue, initialised synchronously from the bytes.
  const certlens = await import(path.join(PKG, 'certlens.js'));
  certlens.initSync({ module: fs.readFileSync(path.join(PKG, 'certlens_bg.wasm')) });
  const nodeAdapters = makeAdapters({ certlens, webcrypto: globalThis.crypto, X509Certificate });

  const server = await startServer();
  const cleanup = () => server.stop();
  process.on('exit', cleanup);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const context = await browser.newContext();
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
    await page.goto(`${server.url}bench.html`);
    await page.waitForFunction(() => window.bench, null, { timeout: 60000 });

    const opts = { warmMs: CONFIG.warmMs, sampleMs: CONFIG.sampleMs };
    log('preparing Node (check, warm up, calibrate)');
    const node = await prepare(nodeAdapters, inputs, { ...opts, full: true });
    log('preparing Chromium (check, warm up, calibrate)');
    const web = await page.evaluate((o) => window.bench.setup(o), opts);
    if (pageErrors.length) throw new Error(`bench page errors: ${pageErrors.join('; ')}`);

    const samples = { node: [], chromium: [] };
    for (let r = 0; r < CONFIG.rounds; r++) {
      const t0 = Date.now();
      const runNode = async () => { for (const s of await round(nodeAdapters, inputs, node.plan, r)) samples.node.push({ ...s, round: r }); };
      const runWeb = async () => { for (const s of await page.evaluate((i) => window.bench.round(i), r)) samples.chromium.push({ ...s, round: r }); };
      if (r % 2) { await runWeb(); await runNode(); } else { await runNode(); await runWeb(); }
      log(`round ${r + 1}/${CONFIG.rounds} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    }
    const browserVersion = browser.version();
    await context.close();

    log(`cold starts (${CONFIG.coldRuns} runs per library, fresh context each)`);
    const cold = await coldStarts(browser, server.url, CONFIG.coldRuns);

    // Agreement: every library's fields against OpenSSL's, certificate by certificate (Node);
    // and the browser's counts against Node's.
    const agree = agreement(TASKS, node.checks, web.checks, nodeAdapters.map((a) => a.id));
    for (const c of Object.values(node.checks)) delete c.entries;

    const stats = summarizeSamples(samples, JS_LIBS);
    const results = {
      schema: 'certlens.benchmarks/1',
      command: './bench/run.sh',
      config: { ...CONFIG, default_rounds: DEFAULT_ROUNDS },
      date: new Date().toISOString(),
      duration_s: Math.round((Date.now() - started) / 1000),
      machine: {
        cpu: (read('/proc/cpuinfo').match(/model name\s*:\s*(.*)/) || [])[1] || os.cpus()[0]?.model,
        cores: os.cpus().length,
        loadavg_end: os.loadavg().map((x) => Math.round(x * 100) / 100),
        node: process.version,
        chromium: browserVersion,
        chromium_user_agent: web.userAgent,
      },
      git: gitInfo(),
      versions: libraryVersions(),
      inputs: describeInputs(inputs),
      tasks: TASKS,
      libraries: Object.fromEntries(nodeAdapters.map((a) => [a.id, a.label])),
      checks: { node: node.checks, chromium: web.checks },
      plan: { node: node.plan, chromium: web.plan },
      stats,
      agreement: agree,
      sizes,
      cold_start: summarizeCold(cold),
    };
    results.goals = evaluateGoals(results);
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    fs.writeFileSync(OUT, JSON.stringify(results, null, 1) + '\n');
    fs.writeFileSync(path.join(BENCH, 'samples.json'), JSON.stringify({ samples, cold }, null, 1));
    log(`wrote ${path.relative(ROOT, OUT)} (raw samples: target/bench/samples.json)`);
  } finally {
    await browser?.close().catch(() => {});
    cleanup();
  }
}

function summarizeCold(cold) {
  const med = (xs) => {
    const a = [...xs].sort((x, y) => x - y);
    return a.length ? (a.length % 2 ? a[(a.length - 1) / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2) : null;
  };
  const r1 = (x) => (x == null ? null : Math.round(x * 10) / 10);
  const out = {};
  for (const [lib, runs] of Object.entries(cold)) {
    const f = (k) => runs.map((m) => m[k]);
    out[lib] = {
      runs: runs.length,
      // ms since navigation start (performance.now() in the page)
      script_start: r1(med(f('script'))),
      imported: r1(med(f('imported'))),
      ready: r1(med(f('ready'))),
      first_result: r1(med(f('first'))),
      first_result_min: r1(Math.min(...f('first'))),
      first_result_max: r1(Math.max(...f('first'))),
      load_ms: r1(med(runs.map((m) => m.ready - m.script))),
      first_call_ms: r1(med(runs.map((m) => m.first - m.ready))),
      transfer_bytes: med(f('bytes')),
      what: runs[0]?.what,
    };
  }
  return out;
}

function gitInfo() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'Cargo.toml', 'Cargo.lock'], { cwd: ROOT }).toString().trim() !== '';
    return { commit, src_modified: dirty };
  } catch {
    return null;
  }
}

function libraryVersions() {
  const v = (name) => JSON.parse(read(path.join(ROOT, 'node_modules', name, 'package.json'))).version;
  const cargo = read(path.join(ROOT, 'Cargo.toml')).match(/^version = "(.*)"/m)[1];
  return {
    certlens: cargo,
    '@peculiar/x509': v('@peculiar/x509'),
    pkijs: v('pkijs'),
    asn1js: v('asn1js'),
    'node-forge': v('node-forge'),
    jsrsasign: v('jsrsasign'),
    esbuild: v('esbuild'),
    'playwright-core': v('playwright-core'),
    certifi: CERTIFI,
    openssl: process.versions.openssl,
  };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
