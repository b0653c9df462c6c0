// Summaries of the samples (bench/bench.mjs) and the goals, computed from the numbers.

/** Quantile `p` (0..1) of numbers, linear between neighbours. */
export function quantile(xs, p) {
  const a = xs.filter((x) => Number.isFinite(x)).sort((x, y) => x - y);
  if (!a.length) return null;
  const i = (a.length - 1) * p;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return a[lo] + (a[hi] - a[lo]) * (i - lo);
}

const round4 = (x) => (x == null ? null : Number(x.toPrecision(4)));

export function spread(xs) {
  return {
    n: xs.length,
    median: round4(quantile(xs, 0.5)),
    p10: round4(quantile(xs, 0.1)),
    p90: round4(quantile(xs, 0.9)),
    min: round4(quantile(xs, 0)),
    max: round4(quantile(xs, 1)),
  };
}

/**
 * Per environment, task and library: the time per operation (ms) over the rounds, and two
 * ratios computed round by round, then summarised: `vs_fastest_js`, this library's time over
 * the fastest JavaScript library's that round (only libraries that did the whole task
 * count), and `vs_native`, its time over Node's crypto.X509Certificate (OpenSSL) that round.
 */
export function summarizeSamples(samples, jsLibs) {
  const out = {};
  const native = new Map(); // task|round -> ms of node's OpenSSL
  for (const s of samples.node) if (s.lib === 'node' && s.ok) native.set(`${s.task}|${s.round}`, s.ms);
  for (const [env, list] of Object.entries(samples)) {
    const fastest = new Map(); // task|round -> { ms, lib }
    for (const s of list) {
      if (!jsLibs.includes(s.lib) || !s.ok) continue;
      const k = `${s.task}|${s.round}`;
      if (!fastest.has(k) || s.ms < fastest.get(k).ms) fastest.set(k, { ms: s.ms, lib: s.lib });
    }
    const groups = new Map();
    for (const s of list) {
      const k = `${s.task}|${s.lib}`;
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k).push(s);
    }
    out[env] = {};
    for (const [k, xs] of groups) {
      const [task, lib] = k.split('|');
      const vsFastest = [];
      const vsNative = [];
      const fastestLibs = {};
      for (const s of xs) {
        const f = fastest.get(`${task}|${s.round}`);
        if (f) {
          vsFastest.push(s.ms / f.ms);
          fastestLibs[f.lib] = (fastestLibs[f.lib] || 0) + 1;
        }
        const n = native.get(`${task}|${s.round}`);
        if (n) vsNative.push(s.ms / n);
      }
      out[env][task] ??= {};
      out[env][task][lib] = {
        ms: spread(xs.map((s) => s.ms)),
        complete: xs.every((s) => s.ok),
        vs_fastest_js: vsFastest.length ? spread(vsFastest) : null,
        fastest_js: Object.entries(fastestLibs).sort((a, b) => b[1] - a[1])[0]?.[0] ?? null,
        vs_native: vsNative.length ? spread(vsNative) : null,
      };
    }
  }
  return out;
}

export const GOALS = {
  parseVsJs: 2, // certlens parses at least 2x faster than the fastest JS library (Chromium)
  parseVsNative: 2, // within 2x of native OpenSSL
  inspectMs: 5, // full inspection of a deploy bundle in Chromium, after load
  sizeGzip: 250_000, // wasm + glue, gzip -9, bytes
};

/** The goals, each with its figures and met / not met, from the results. */
export function evaluateGoals(results) {
  const c = results.stats.chromium;
  const parseTasks = results.tasks.filter((t) => t.kind === 'parse').map((t) => t.id);
  const speedups = parseTasks.map((task) => {
    const r = c[task]?.certlens?.vs_fastest_js;
    return { task, value: r ? round4(1 / r.median) : null, fastest_js: c[task]?.certlens?.fastest_js };
  });
  const natives = parseTasks.map((task) => {
    const r = c[task]?.certlens?.vs_native;
    return { task, value: r ? r.median : null };
  });
  const inspects = ['inspect:deploy-rsa', 'inspect:deploy-ecdsa'].map((task) => ({
    task,
    value: c[task]?.certlens?.ms.median ?? null,
  }));
  const size = results.sizes.certlens.total_gzip;
  const all = (xs, ok) => xs.length > 0 && xs.every((x) => x.value != null && ok(x.value));
  return [
    {
      id: 'parse_vs_js',
      goal: `Parsing at least ${GOALS.parseVsJs}x faster than the fastest JavaScript library, in Chromium`,
      measure: 'fastest JS library time / certlens time, median of per-round ratios',
      figures: speedups,
      met: all(speedups, (v) => v >= GOALS.parseVsJs),
    },
    {
      id: 'parse_vs_native',
      goal: `Parsing within ${GOALS.parseVsNative}x of native OpenSSL (certlens in Chromium vs Node's crypto.X509Certificate)`,
      measure: 'certlens time / OpenSSL time, median of per-round ratios',
      figures: natives,
      met: all(natives, (v) => v <= GOALS.parseVsNative),
    },
    {
      id: 'inspect_ms',
      goal: `Full inspection of a deploy bundle under ${GOALS.inspectMs} ms in Chromium after load`,
      measure: 'median ms per inspection',
      figures: inspects,
      met: all(inspects, (v) => v < GOALS.inspectMs),
    },
    {
      id: 'size',
      goal: `wasm + glue under ${GOALS.sizeGzip / 1000} KB gzip -9`,
      measure: 'bytes, gzip -9',
      figures: [{ task: 'wasm + glue', value: size }],
      met: size < GOALS.sizeGzip,
    },
  ];
}
