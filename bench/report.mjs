// Renders the benchmark results (bench/bench.mjs's JSON) as docs: a Markdown page and an SVG
// chart next to the JSON (docs/benchmarks.json → docs/benchmarks.md, docs/benchmarks.svg).
// Every figure and every met / not met comes from the JSON; nothing here is hand-written
// about the numbers.
//
//   node bench/report.mjs [docs/benchmarks.json]
import fs from 'node:fs';
import path from 'node:path';

const file = path.resolve(process.argv[2] || 'docs/benchmarks.json');
const R = JSON.parse(fs.readFileSync(file, 'utf8'));
const base = file.replace(/\.json$/, '');
const svgName = `${path.basename(base)}.svg`;

const JS = ['peculiar', 'pkijs', 'forge', 'jsrsasign'];
const LIBS = ['certlens', ...JS, 'node'];
const SHORT = {
  certlens: 'certlens (wasm)',
  peculiar: '@peculiar/x509',
  pkijs: 'PKI.js',
  forge: 'node-forge',
  jsrsasign: 'jsrsasign',
  node: 'OpenSSL (Node, native)',
};
const task = (id) => R.tasks.find((t) => t.id === id);

// ---- formatting ----------------------------------------------------------------------------

const group = (n) => n.toLocaleString('en-US');
function ms(x) {
  if (x == null) return '–';
  if (x < 1) return `${x.toPrecision(2)} ms`;
  if (x < 10) return `${x.toFixed(2)} ms`;
  if (x < 100) return `${x.toFixed(1)} ms`;
  return `${group(Math.round(x))} ms`;
}
function ratio(x) {
  if (x == null) return '–';
  if (x < 10) return `${x.toFixed(2)}×`;
  if (x < 100) return `${x.toFixed(1)}×`;
  return `${group(Math.round(x))}×`;
}
const kb = (b) => `${(b / 1000).toFixed(1)} KB`;
const spreadMs = (s) => `${ms(s.median)} (${ms(s.p10).replace(' ms', '')}–${ms(s.p90)})`;
const spreadRatio = (s) => (s ? `${ratio(s.median)} (${ratio(s.p10)}–${ratio(s.p90)})` : '–');
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const met = (m) => (m ? '**met**' : '**not met**');

function readCell(env, t, lib) {
  const c = R.checks[env][`${t.id}|${lib}`];
  if (!c) return '–';
  if (c.unsupported) return `not supported: ${c.unsupported}`;
  if (t.kind === 'parse') {
    const note = c.read < c.blocks ? ` (${c.errors.join('; ')})` : '';
    return `${group(c.read)} of ${group(c.blocks)}${note}`;
  }
  if (t.kind === 'verify') return c.verified ? 'verified' : 'NOT verified';
  return `${c.verdict}, chain ${c.chain} ${c.trusted ? 'trusted' : 'untrusted'}, key ${c.keyMatch ? 'matches' : 'does not match'}`;
}

// ---- Markdown ----------------------------------------------------------------------------------

function goalsTable() {
  const rows = R.goals.map((g) => {
    const figures = g.figures
      .map((f) => {
        const t = task(f.task);
        const name = t ? t.title.replace(/^Parse /, '').replace(/^Full certlens inspection: /, '') : f.task;
        if (g.id === 'size') return `${kb(f.value)} (wasm ${kb(R.sizes.certlens.wasm_gzip)} + glue ${kb(R.sizes.certlens.glue_gzip)})`;
        if (g.id === 'inspect_ms') return `${name}: ${ms(f.value)}`;
        if (g.id === 'parse_vs_js') return `${name}: ${ratio(f.value)} faster than ${SHORT[f.fastest_js] || '?'}`;
        return `${name}: ${ratio(f.value)} OpenSSL's time`;
      })
      .join('<br>');
    return `| ${g.goal} | ${figures} | ${met(g.met)} |`;
  });
  return ['| goal | measured (median) | |', '|---|---|---|', ...rows].join('\n');
}

function taskTable(env, t) {
  const stats = R.stats[env][t.id] || {};
  const rows = LIBS.filter((l) => stats[l] || R.checks[env][`${t.id}|${l}`]).map((lib) => {
    const s = stats[lib];
    const name = lib === 'certlens' ? `**${SHORT[lib]}**` : SHORT[lib];
    if (!s) return `| ${name} | – | – | – | ${readCell(env, t, lib)} |`;
    const vsJs = JS.includes(lib) || lib === 'certlens' || lib === 'node' ? spreadRatio(s.vs_fastest_js) : '–';
    return `| ${name} | ${spreadMs(s.ms)} | ${vsJs} | ${spreadRatio(s.vs_native)} | ${readCell(env, t, lib)} |`;
  });
  return [
    '| library | time per operation, median (p10–p90) | × fastest JS library | × native OpenSSL | result |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

function inspectSection() {
  const lines = [];
  for (const env of ['chromium', 'node']) {
    lines.push(`**${env === 'chromium' ? 'Chromium' : 'Node'}**`, '');
    lines.push("| bundle | time per inspection, median (p10–p90) | the chain's three signature checks timed alone (sum of medians) | result |", '|---|---|---|---|');
    const link = (l) => R.stats[env][`verify:${l}`]?.certlens?.ms.median;
    const parts = [['RSA-2048', link('rsa2048')], ['P-384', link('p384')], ['RSA-3072', link('rsa3072')]];
    const sum = parts.reduce((a, [, v]) => a + (v || 0), 0);
    const sigs = `${ms(sum)} (${parts.map(([n, v]) => `${n} ${ms(v)}`).join(' + ')})`;
    for (const id of ['inspect:deploy-rsa', 'inspect:deploy-ecdsa']) {
      const s = R.stats[env][id]?.certlens;
      if (!s) continue;
      lines.push(`| ${task(id).title.replace('Full certlens inspection: ', '')} | ${spreadMs(s.ms)} | ${sigs} | ${readCell(env, task(id), 'certlens')} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

function coldTable() {
  const rows = ['certlens', ...JS].map((lib) => {
    const c = R.cold_start[lib];
    const size = R.sizes[lib];
    const dl = lib === 'certlens' ? `${kb(size.page_total_gzip)} (wasm + page bundle)` : kb(size.total_gzip);
    return `| ${lib === 'certlens' ? `**${SHORT[lib]}**` : SHORT[lib]} | ${dl} | ${ms(c.load_ms)} | ${ms(c.first_call_ms)} | ${ms(c.first_result)} (${ms(c.first_result_min).replace(' ms', '')}–${ms(c.first_result_max)}) | ${c.what} |`;
  });
  return [
    '| library | download, gzip -9 | import + ready (certlens: fetch, compile, instantiate the wasm) | first call | navigation start → first result on the page, median (min–max) | first result |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

function sizeTable() {
  const c = R.sizes.certlens;
  const rows = [
    `| **certlens**: wasm + glue (the goal's measure) | ${group(c.wasm + c.glue)} B (wasm ${group(c.wasm)} + glue ${group(c.glue)}, glue not minified) | **${group(c.total_gzip)} B = ${kb(c.total_gzip)}** (wasm ${group(c.wasm_gzip)} + glue ${group(c.glue_gzip)}) |`,
    `| certlens: wasm + the page's minified bundle (glue + show code) | ${group(c.wasm + c.bundle_min)} B | ${group(c.page_total_gzip)} B = ${kb(c.page_total_gzip)} |`,
    ...JS.map((lib) => `| ${SHORT[lib]} ${R.versions[{ peculiar: '@peculiar/x509', pkijs: 'pkijs', forge: 'node-forge', jsrsasign: 'jsrsasign' }[lib]]} | ${group(R.sizes[lib].bundle_min)} B | ${group(R.sizes[lib].total_gzip)} B = ${kb(R.sizes[lib].total_gzip)} |`),
  ];
  return ['| what the page downloads | minified | gzip -9 |', '|---|---|---|', ...rows].join('\n');
}

function agreementTable() {
  const fields = ['sha256', 'validity', 'dns_names', 'ip_addresses', 'key', 'subject', 'issuer'];
  const lines = [];
  for (const [tid, libs] of Object.entries(R.agreement)) {
    const rows = [];
    const notes = [];
    for (const lib of ['certlens', ...JS, 'node']) {
      const a = libs[lib];
      if (!a) continue;
      if (a.unsupported) {
        rows.push(`| ${SHORT[lib]} | not supported | | | |`);
        continue;
      }
      const disagreeing = lib === 'node' ? [] : fields.filter((f) => a.fields[f].disagree);
      const both = a.fields.sha256.agree + a.fields.sha256.disagree;
      const agreeCount =
        lib === 'node'
          ? '(reference)'
          : both === 0
            ? '– (none read)'
            : disagreeing.length
              ? `${disagreeing.map((f) => `${f}: ${a.fields[f].disagree} of ${group(both)} differ`).join(', ')}; the other fields agree`
              : `all 7 fields agree on ${group(both)} certificate${both === 1 ? '' : 's'}`;
      for (const f of disagreeing) {
        const e = a.fields[f].examples[0];
        notes.push(`- ${SHORT[lib]}, ${f}, block ${e.block}: \`${e.library.replace(/\n/g, ' / ').replace(/`/g, "'")}\` where OpenSSL has \`${e.openssl.replace(/\n/g, ' / ').replace(/`/g, "'")}\``);
      }
      const chromium = a.chromium && a.chromium.unsupported ? '–' : a.chromium?.same_as_node ? 'same' : `**differs** (${a.chromium?.read} read)`;
      const failed = a.failed_where_openssl_read ? `${group(a.failed_where_openssl_read)} unread that OpenSSL reads (${a.errors.join('; ')})` : 'none';
      rows.push(`| ${SHORT[lib]} | ${group(a.read)} of ${group(a.blocks)} | ${failed} | ${agreeCount} | ${chromium} |`);
    }
    lines.push(`**${task(tid).title}**`, '', '| library | certificates read | unread | fields vs OpenSSL (on certificates both read) | Chromium count vs Node |', '|---|---|---|---|---|', ...rows, '');
    if (notes.length) lines.push(...notes, '');
  }
  return lines.join('\n');
}

function markdown() {
  const m = R.machine;
  const v = R.versions;
  const date = R.date.slice(0, 16).replace('T', ' ') + ' UTC';
  const git = R.git ? `commit ${R.git.commit}${R.git.src_modified ? ', with uncommitted changes to the sources' : ''}` : 'commit unknown';
  const parseTasks = R.tasks.filter((t) => t.kind === 'parse');
  const verifyTasks = R.tasks.filter((t) => t.kind === 'verify');
  const out = [];
  out.push(
    '# Benchmarks',
    '',
    '<!-- Generated by bench/report.mjs from benchmarks.json: do not edit; rerun ./bench/run.sh. -->',
    '',
    `certlens (Rust compiled to WebAssembly) against the JavaScript libraries that pages embed to read certificates — @peculiar/x509 ${v['@peculiar/x509']}, PKI.js ${v.pkijs} (asn1js ${v.asn1js}), node-forge ${v['node-forge']}, jsrsasign ${v.jsrsasign} — in Node and in headless Chromium, with Node's \`crypto.X509Certificate\` (OpenSSL ${v.openssl}, native code) as the reference for what native code does. Every figure on this page comes from one run of`,
    '',
    '```sh',
    R.command + (R.config.rounds !== R.config.default_rounds ? ` --rounds ${R.config.rounds}` : ''),
    '```',
    '',
    `on ${date} (certlens ${v.certlens}, ${git}; Node ${m.node}, Chromium ${m.chromium}; ${m.cores} cores of an ${m.cpu}, shared with other work: load average ${m.loadavg_end[0]} at the end; ${R.config.rounds} rounds, ${Math.round(R.duration_s / 60)} minutes). The machine is shared and noisy, so absolute times move from run to run; the ratios, taken round by round between measurements a few seconds apart, hold much better. Raw figures: [benchmarks.json](benchmarks.json).`,
    '',
    '## Goals',
    '',
    goalsTable(),
    '',
    `![Time per operation in headless Chromium relative to native OpenSSL, and download sizes](${svgName})`,
    '',
    '## Parse and extract',
    '',
    'Every certificate of a PEM bundle parsed, and its subject, issuer, validity, SANs (DNS names and IP addresses), key type and size and SHA-256 fingerprint extracted (certlens: the new `parse()` export, which returns the fields `inspect()` reports for each object, without any check). "× fastest JS library" and "× native OpenSSL" are time ratios computed in each round and then summarised (below 1 is faster); a library that could not read every certificate does not count as the fastest.',
    '',
  );
  for (const t of parseTasks) {
    out.push(`### ${t.title}`, '', `Input: ${describe(t.input)}.`, '', '**Chromium**', '', taskTable('chromium', t), '', '**Node**', '', taskTable('node', t), '');
  }
  out.push('## Verify one link', '', 'Both certificates given as DER; each library parses both and checks the child\'s signature with the issuer\'s key (@peculiar/x509 and PKI.js through WebCrypto, i.e. the browser\'s or Node\'s native code; certlens: the new `verifyLink()` export). The last two links are context for the inspection below: they are the other links of the deploy chains.', '');
  for (const t of verifyTasks) {
    out.push(`### ${t.title}`, '', `Input: ${R.inputs.links[t.input]}.`, '', '**Chromium**', '', taskTable('chromium', t), '', '**Node**', '', taskTable('node', t), '');
  }
  out.push(
    '## Full inspection of a deploy bundle (certlens)',
    '',
    `\`inspect()\` on the leaf, its two intermediates and its private key, with hosts ${JSON.stringify(R.inputs.inspectOptions.hosts)}, at ${R.inputs.inspectOptions.at}, trusting the fixtures' root: decoding, parsing, chain building with every link's signature verified (leaf ← int2 ← int1 ← root: an RSA-2048, a P-384 and an RSA-3072 signature, the same links for both bundles), key match, expiry, host coverage and every other check, and the report as JavaScript objects. Warm (after the warm-up), on the page's main thread. No JavaScript library does this work, so there is no ratio.`,
    '',
    inspectSection(),
    '## Cold start in Chromium',
    '',
    `A fresh browser context per run (empty cache; the server sends \`Cache-Control: no-store\`), ${R.config.coldRuns} runs per library, interleaved. The page (bench/web/cold.html) carries the deploy bundle inline, imports the library's minimal page bundle, makes it ready and shows the first result: for certlens the full inspection of the RSA deploy bundle (its wasm fetched with \`instantiateStreaming\`), for the JavaScript libraries its three certificates parsed and shown. The server is local and does not compress, so the download is nearly free here; on a network the gzip sizes below count.`,
    '',
    coldTable(),
    '',
    '## Bundle sizes',
    '',
    `A minimal "parse a PEM certificate and show its fields" page per library (bench/web/show/*.mjs: the benchmark's parsing code and a few lines that print the fields), bundled by esbuild ${v.esbuild} with \`--bundle --minify --format=esm\`, then \`gzip -9\`. certlens's wasm holds every check, not only parsing.`,
    '',
    sizeTable(),
    '',
    '## Do the libraries agree?',
    '',
    'Each library\'s output for every certificate, against OpenSSL\'s (Node): SHA-256 fingerprints, validity (to the second), DNS names and IP addresses (in order), key type and size exactly; subject and issuer by their attribute values (each library renders names its own way: every value OpenSSL shows must appear in the library\'s rendering). Counts are compared between Chromium and Node too. Certificates a library cannot read are counted here and in the tables above, never skipped.',
    '',
    agreementTable(),
    '## Method',
    '',
    `- One process drives everything (bench/bench.mjs): Node measurements run in it, Chromium measurements in a page it drives with playwright-core (Debian's chromium, headless), served from 127.0.0.1 by scripts/serve.py. Both run the same code: bench/lib/adapters/*.mjs (what each library does) and bench/lib/harness.mjs (timing).`,
    `- Per library and task: one checked run, a warm-up of at least ${R.config.warmMs} ms, then the number of operations that makes a sample last about ${R.config.sampleMs} ms (at least one). ${R.config.rounds} rounds; each takes one sample of every library and task, libraries in an order that rotates (and reverses) from round to round; Node and Chromium alternate within each round. Ratios are computed within a round (the OpenSSL reference is the Node sample of the same round) and summarised by median and p10–p90.`,
    `- Input as a page has it: PEM text for parsing (each library splits it: node-forge with its own PEM decoder, the others block by block with the same regular expression; certlens reads the whole text), DER bytes for links. Asynchronous APIs are awaited, a bundle's hashes concurrently (\`Promise.all\`). certlens in Node runs the same web-target glue, initialised with \`initSync({ module })\`.`,
    `- Timers: \`performance.now()\`; Chromium coarsens it to 0.1 ms, far below a sample's length.`,
    `- node-forge reads RSA keys only: certificates with EC keys throw, so its times on the mixed and ECDSA inputs are for less work (shown, never counted as fastest), and it has no ECDSA verification.`,
    `- @peculiar/x509 and PKI.js hash and verify with WebCrypto, which is asynchronous: their times include those round trips (native code underneath). certlens's \`parse()\` returns every field the report has for an object (serial, signature algorithm, key usages, key identifiers, AIA URLs, the public key's MD5 too), more than the other libraries are asked to extract.`,
    `- The native reference is OpenSSL through Node's API: \`new X509Certificate()\` and one call into C++ per field (names and SANs printed by OpenSSL, the key as a KeyObject, the fingerprint as hex). That binding work is part of what native code costs a JavaScript program, and part of why certlens can be faster than this reference.`,
    '',
    '## Rerun',
    '',
    '```sh',
    './bench/run.sh                  # installs what it needs, builds its own wasm copy, measures, rewrites docs/benchmarks.{json,md,svg}',
    './bench/run.sh --rounds 3       # a quicker, noisier look (also --sample-ms, --warm-ms, --cold-runs, --out)',
    'node bench/report.mjs docs/benchmarks.json   # only re-render the docs from the JSON',
    '```',
    '',
  );
  return out.join('\n');
}

function describe(input) {
  const i = R.inputs;
  if (input === 'bundle2000') return `${group(i.bundle2000.certificates)} distinct certificates from the x509-limbo suite (${group(i.bundle2000.bytes)} bytes, \`bench/extract-certs.py\`; every one has a P-256 key)`;
  if (input === 'roots') return `${i.roots.file}: ${group(i.roots.certificates)} certificates, ${group(i.roots.bytes)} bytes`;
  if (input === 'deployRsaCerts') return 'tests/fixtures/fullchain.pem: RSA-2048 leaf, RSA-2048 intermediate, P-384 intermediate';
  if (input === 'deployEcdsaCerts') return 'tests/fixtures leaf-p256.pem + int2.pem + int1.pem: P-256 leaf, RSA-2048 intermediate, P-384 intermediate';
  return input;
}

// ---- SVG -----------------------------------------------------------------------------------------

function svg() {
  const W = 980;
  const labelX = 16;
  const x0 = 270; // plot start
  const x1 = 760; // plot end
  const barH = 14;
  const rowH = 19;
  const chartTasks = R.tasks.filter((t) => t.kind !== 'inspect' && !t.context);
  const stats = R.stats.chromium;
  // Log axis over every ratio shown.
  const vals = [];
  for (const t of chartTasks) for (const lib of ['certlens', ...JS]) {
    const r = stats[t.id]?.[lib]?.vs_native;
    if (r) vals.push(r.p10, r.p90, r.median);
  }
  const lo = Math.pow(10, Math.floor(Math.log10(Math.min(...vals, 0.9))));
  const hi = Math.pow(10, Math.ceil(Math.log10(Math.max(...vals, 1.1))));
  const X = (v) => x0 + ((Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * (x1 - x0);
  const parts = [];
  let y = 20;
  const text = (x, yy, s, attrs = '') => parts.push(`<text x="${x.toFixed(1)}" y="${yy.toFixed(1)}"${attrs}>${esc(s)}</text>`);
  text(labelX, y, 'Time per operation in headless Chromium, relative to native OpenSSL (Node\'s crypto.X509Certificate) in the same round', ' class="h"');
  y += 17;
  text(labelX, y, 'Log scale. Left of the 1× line: faster than native. Bar: median of per-round ratios; whisker: p10–p90. Hatched: the library could not read every certificate.', ' class="s"');
  y += 24;
  const axisTop = y;
  // Ticks.
  const ticks = [];
  for (let v = lo; v <= hi * 1.0001; v *= 10) ticks.push(v);
  const tickLabel = (v) => (v >= 1 ? `${group(v)}×` : `${v}×`);
  const groupsStart = y + 16;
  y = groupsStart;
  const rows = [];
  for (const t of chartTasks) {
    rows.push({ title: t.title, y });
    y += rowH;
    for (const lib of ['certlens', ...JS]) {
      const s = stats[t.id]?.[lib];
      const c = R.checks.chromium[`${t.id}|${lib}`];
      rows.push({ lib, s, c, t, y });
      y += rowH;
    }
    y += 6;
  }
  const axisBottom = y;
  for (const v of ticks) {
    const x = X(v);
    parts.push(`<line x1="${x.toFixed(1)}" y1="${axisTop + 10}" x2="${x.toFixed(1)}" y2="${axisBottom}" class="${Math.abs(v - 1) < 1e-9 ? 'one' : 'grid'}"/>`);
    text(x, axisTop + 4, tickLabel(v), ' class="t" text-anchor="middle"');
  }
  text(X(1) + 4, axisBottom + 12, '1× = native OpenSSL', ' class="s"');
  for (const r of rows) {
    if (r.title) {
      text(labelX, r.y + 12, r.title, ' class="g"');
      continue;
    }
    const { lib, s, c } = r;
    text(labelX + 10, r.y + 11, SHORT[lib], lib === 'certlens' ? ' class="lc"' : ' class="l"');
    if (!s || !s.vs_native) {
      text(X(1) + 6, r.y + 11, c?.unsupported ? `not supported (${c.unsupported.slice(0, 60)})` : 'not measured', ' class="s"');
      continue;
    }
    const m = s.vs_native.median;
    const xa = Math.min(X(1), X(m));
    const xb = Math.max(X(1), X(m));
    const incomplete = !s.complete;
    const fill = incomplete ? 'url(#hatch)' : lib === 'certlens' ? '#1058a8' : '#8c939d';
    parts.push(`<rect x="${xa.toFixed(1)}" y="${r.y + 2}" width="${Math.max(1, xb - xa).toFixed(1)}" height="${barH}" fill="${fill}" stroke="${incomplete ? '#555' : 'none'}" stroke-width="0.6"/>`);
    const w1 = X(s.vs_native.p10);
    const w2 = X(s.vs_native.p90);
    parts.push(`<line x1="${w1.toFixed(1)}" y1="${r.y + 9}" x2="${w2.toFixed(1)}" y2="${r.y + 9}" class="w"/>`);
    parts.push(`<line x1="${w1.toFixed(1)}" y1="${r.y + 5}" x2="${w1.toFixed(1)}" y2="${r.y + 13}" class="w"/><line x1="${w2.toFixed(1)}" y1="${r.y + 5}" x2="${w2.toFixed(1)}" y2="${r.y + 13}" class="w"/>`);
    let label = `${ratio(m)} · ${ms(s.ms.median)}`;
    if (incomplete && c && r.t.kind === 'parse') label += ` · read ${group(c.read)} of ${group(c.blocks)}`;
    text(Math.max(xb, w2, X(1)) + 6, r.y + 12, label, lib === 'certlens' ? ' class="vc"' : ' class="v"');
  }
  y = axisBottom + 40;

  // Sizes.
  text(labelX, y, 'Download for a "parse and show" page, gzip -9 (certlens: wasm + glue)', ' class="h"');
  y += 10;
  const sizeRows = [['certlens', R.sizes.certlens.total_gzip], ...JS.map((l) => [l, R.sizes[l].total_gzip])];
  const maxKb = Math.max(260, ...sizeRows.map(([, b]) => b / 1000)) * 1.05;
  const SX = (k) => x0 + (k / maxKb) * (x1 - x0);
  const sizeTop = y;
  for (const [lib, b] of sizeRows) {
    y += rowH;
    text(labelX + 10, y - 4, SHORT[lib], lib === 'certlens' ? ' class="lc"' : ' class="l"');
    parts.push(`<rect x="${x0}" y="${y - 15}" width="${(SX(b / 1000) - x0).toFixed(1)}" height="${barH}" fill="${lib === 'certlens' ? '#1058a8' : '#8c939d'}"/>`);
    text(SX(b / 1000) + 6, y - 4, kb(b), lib === 'certlens' ? ' class="vc"' : ' class="v"');
  }
  const gx = SX(250);
  parts.push(`<line x1="${gx.toFixed(1)}" y1="${sizeTop + 2}" x2="${gx.toFixed(1)}" y2="${y + 4}" class="goal"/>`);
  text(gx + 4, y + 16, 'goal: 250 KB', ' class="s"');
  y += 44;

  // certlens in Chromium: the inspection and the cold start.
  text(labelX, y, 'certlens in Chromium: full inspection of a deploy bundle after load, median (goal: under 5 ms)', ' class="h"');
  y += 10;
  const inspectRows = ['inspect:deploy-rsa', 'inspect:deploy-ecdsa'].map((id) => [id, stats[id]?.certlens?.ms]);
  const maxMs = Math.max(6, ...inspectRows.map(([, s]) => (s ? s.p90 : 0))) * 1.1;
  const MX = (v) => x0 + (v / maxMs) * (x1 - x0);
  const inspTop = y;
  for (const [id, s] of inspectRows) {
    y += rowH;
    text(labelX + 10, y - 4, id.endsWith('rsa') ? 'RSA deploy bundle' : 'ECDSA deploy bundle', ' class="l"');
    if (!s) continue;
    parts.push(`<rect x="${x0}" y="${y - 15}" width="${(MX(s.median) - x0).toFixed(1)}" height="${barH}" fill="#1058a8"/>`);
    parts.push(`<line x1="${MX(s.p10).toFixed(1)}" y1="${y - 8}" x2="${MX(s.p90).toFixed(1)}" y2="${y - 8}" class="w"/>`);
    text(Math.max(MX(s.median), MX(s.p90)) + 6, y - 4, ms(s.median), ' class="vc"');
  }
  const g5 = MX(5);
  parts.push(`<line x1="${g5.toFixed(1)}" y1="${inspTop + 2}" x2="${g5.toFixed(1)}" y2="${y + 4}" class="goal"/>`);
  text(g5 + 4, y + 16, 'goal: 5 ms', ' class="s"');
  y += 38;
  const cold = R.cold_start.certlens;
  text(labelX, y, `Cold start (fresh context, local server): navigation start → first report ${ms(cold.first_result)} median, of which fetch + compile + instantiate ${ms(cold.load_ms)} and the first inspection ${ms(cold.first_call_ms)}.`, ' class="s"');
  y += 16;
  text(labelX, y, `./bench/run.sh, ${R.date.slice(0, 10)}: ${R.config.rounds} rounds, Node ${R.machine.node}, Chromium ${R.machine.chromium}, ${R.machine.cores} shared cores.`, ' class="s"');
  y += 14;
  const H = y;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="title">
<title id="title">certlens benchmarks: time relative to native OpenSSL in Chromium, download sizes, inspection time</title>
<defs>
<pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#e4e6ea"/><line x1="0" y1="0" x2="0" y2="6" stroke="#777" stroke-width="2"/></pattern>
<style>
text { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; fill: #1f2328; }
.h { font-size: 14px; font-weight: 600; }
.g { font-size: 12.5px; font-weight: 600; }
.l { font-size: 12px; }
.lc { font-size: 12px; font-weight: 700; }
.v { font-size: 11.5px; }
.vc { font-size: 11.5px; font-weight: 700; }
.s { font-size: 11.5px; fill: #57606a; }
.t { font-size: 11px; fill: #57606a; }
.grid { stroke: #d0d7de; stroke-width: 1; }
.one { stroke: #1f2328; stroke-width: 1.5; }
.w { stroke: #1f2328; stroke-width: 1.2; }
.goal { stroke: #b3261e; stroke-width: 1.5; stroke-dasharray: 5 3; }
</style>
</defs>
<rect width="100%" height="100%" fill="#ffffff"/>
${parts.join('\n')}
</svg>
`;
}

fs.writeFileSync(`${base}.md`, markdown());
fs.writeFileSync(`${base}.svg`, svg());
console.log(`wrote ${path.relative(process.cwd(), base)}.md and .svg`);
