// The Chromium side of the benchmarks (bundled by bench/bench.mjs with esbuild into
// target/bench/web/page.js): the same adapters and harness as in Node, certlens loaded from
// its wasm-bindgen glue as a page loads it. bench/bench.mjs calls window.bench.setup() once,
// then window.bench.round(i) per round.
import { makeAdapters } from '../lib/adapters.mjs';
import { prepare, round } from '../lib/harness.mjs';

let state = null;

function bytes(b64) {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

window.bench = {
  async setup(options) {
    const certlens = await import('./pkg/certlens.js');
    await certlens.default({ module_or_path: new URL('./pkg/certlens_bg.wasm', location.href) });
    const raw = await (await fetch('inputs.json')).json();
    const inputs = {
      texts: raw.texts,
      links: Object.fromEntries(
        Object.entries(raw.links).map(([k, v]) => [k, { child: bytes(v.child), issuer: bytes(v.issuer) }]),
      ),
      inspectOptions: raw.inspectOptions,
    };
    const adapters = makeAdapters({ certlens, webcrypto: crypto });
    const { plan, checks } = await prepare(adapters, inputs, options);
    state = { adapters, inputs, plan };
    return { plan, checks, userAgent: navigator.userAgent };
  },
  round: (i) => round(state.adapters, state.inputs, state.plan, i),
};
