// The measured tasks and the timing loop, the same code in Node (bench/bench.mjs) and in
// Chromium (bench/web/page.mjs).
//
// A task is one operation of one library on one input. A sample runs it `iters` times in a
// row (iters calibrated so a sample lasts about SAMPLE_MS) and gives the time per operation.
// A round takes one sample of every (task, library) pair, libraries in an order that rotates
// from round to round, so that the machine's slow moments fall on every library alike.

/** The tasks, in the order they are shown. `kind` says which adapter method runs. */
export const TASKS = [
  { id: 'parse:bundle2000', kind: 'parse', input: 'bundle2000', title: 'Parse 2,000 certificates (x509-limbo)' },
  { id: 'parse:roots', kind: 'parse', input: 'roots', title: 'Parse the Mozilla root bundle' },
  { id: 'parse:deploy-rsa', kind: 'parse', input: 'deployRsaCerts', title: 'Parse a deploy chain (RSA leaf + 2 intermediates)' },
  { id: 'parse:deploy-ecdsa', kind: 'parse', input: 'deployEcdsaCerts', title: 'Parse a deploy chain (ECDSA P-256 leaf + 2 intermediates)' },
  { id: 'verify:rsa2048', kind: 'verify', input: 'rsa2048', title: 'Verify one RSA-2048 link (parse both, check the signature)' },
  { id: 'verify:p256', kind: 'verify', input: 'p256', title: 'Verify one ECDSA P-256 link (parse both, check the signature)' },
  // Context for the inspection: the deploy chain's other two links, which it verifies too.
  { id: 'verify:p384', kind: 'verify', input: 'p384', context: true, title: 'Verify the deploy chain\'s ECDSA P-384 link (int2 ← int1)' },
  { id: 'verify:rsa3072', kind: 'verify', input: 'rsa3072', context: true, title: 'Verify the deploy chain\'s RSA-3072 link (int1 ← root)' },
  { id: 'inspect:deploy-rsa', kind: 'inspect', input: 'deployRsa', title: 'Full certlens inspection: RSA deploy bundle (3 certs + key)' },
  { id: 'inspect:deploy-ecdsa', kind: 'inspect', input: 'deployEcdsa', title: 'Full certlens inspection: ECDSA deploy bundle (3 certs + key)' },
];

const now = () => performance.now();

/** The operation for (task, adapter), or null when the adapter has no such method. */
export function operation(task, adapter, inputs) {
  if (task.kind === 'parse') {
    const text = inputs.texts[task.input];
    return () => adapter.parse(text);
  }
  if (task.kind === 'verify') {
    const { child, issuer } = inputs.links[task.input];
    return () => adapter.verify(child, issuer);
  }
  if (task.kind === 'inspect' && adapter.inspect) {
    const text = inputs.texts[task.input];
    return () => adapter.inspect(text, inputs.inspectOptions);
  }
  return null;
}

/** Runs `op` `iters` times; ms per operation and the last result. */
export async function sample(op, iters) {
  let result;
  const start = now();
  for (let i = 0; i < iters; i++) {
    result = op();
    if (result && typeof result.then === 'function') result = await result;
  }
  return { ms: (now() - start) / iters, result };
}

/**
 * What one run gives, in a form that survives postMessage / page.evaluate: for parse, the
 * number of blocks, how many were read and up to 3 error messages (and, when `full`, every
 * entry); for verify, the boolean; for inspect, the verdict and chain facts.
 */
export function summarize(task, result, full = false) {
  if (task.kind === 'parse') {
    const errors = result.filter((r) => r.error);
    return {
      blocks: result.length,
      read: result.length - errors.length,
      errors: [...new Set(errors.map((e) => e.error))].slice(0, 3),
      entries: full ? result : undefined,
    };
  }
  if (task.kind === 'verify') return { verified: result === true };
  return {
    verdict: result.verdict,
    summary: result.summary,
    chain: result.chain.order.length,
    complete: result.chain.complete,
    trusted: result.chain.trusted,
    keyMatch: result.key_matches.some((m) => m.matches),
    hostsCovered: result.hosts.every((h) => h.covered),
  };
}

/** Whether a run did the task completely (every block read, link verified, report whole). */
export function complete(task, summary) {
  if (task.kind === 'parse') return summary.read === summary.blocks && summary.blocks > 0;
  if (task.kind === 'verify') return summary.verified;
  return summary.complete && summary.trusted && summary.keyMatch;
}

/**
 * First pass: runs every (task, adapter) once to check it, then warms it up for `warmMs`
 * and calibrates how many operations make a sample of about `sampleMs`. An operation that
 * throws is recorded as unsupported (e.g. node-forge and ECDSA) and not timed.
 */
export async function prepare(adapters, inputs, { warmMs, sampleMs, full = false }) {
  const plan = [];
  const checks = {};
  for (const task of TASKS) {
    for (const adapter of adapters) {
      const op = operation(task, adapter, inputs);
      if (!op) continue;
      const key = `${task.id}|${adapter.id}`;
      let first;
      try {
        first = await sample(op, 1);
      } catch (e) {
        checks[key] = { unsupported: String((e && e.message) || e).slice(0, 200) };
        continue;
      }
      const summary = summarize(task, first.result, full);
      checks[key] = { ...summary, complete: complete(task, summary), firstMs: first.ms };
      // Warm up (the JITs and tier-up) for warmMs, at least one more run; the mean warm
      // time sets how many operations make a sample.
      let spent = 0;
      let runs = 0;
      while (spent < warmMs || runs < 1) {
        spent += (await sample(op, 1)).ms;
        runs++;
      }
      const iters = Math.max(1, Math.min(100000, Math.round(sampleMs / Math.max(spent / runs, 0.0005))));
      plan.push({ task: task.id, lib: adapter.id, iters });
    }
  }
  return { plan, checks };
}

/** One round: a sample of each planned pair, libraries rotated by `round`. */
export async function round(adapters, inputs, plan, roundIndex) {
  const out = [];
  const byTask = new Map();
  for (const p of plan) {
    if (!byTask.has(p.task)) byTask.set(p.task, []);
    byTask.get(p.task).push(p);
  }
  for (const [taskId, pairs] of byTask) {
    const task = TASKS.find((t) => t.id === taskId);
    const k = roundIndex % pairs.length;
    const order = [...pairs.slice(k), ...pairs.slice(0, k)];
    if (roundIndex % 2) order.reverse();
    for (const p of order) {
      const adapter = adapters.find((a) => a.id === p.lib);
      const { ms, result } = await sample(operation(task, adapter, inputs), p.iters);
      const ok = complete(task, summarize(task, result));
      out.push({ task: p.task, lib: p.lib, ms, ok });
    }
  }
  return out;
}
