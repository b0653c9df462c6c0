// certlens's minimal page: the wasm-bindgen glue, the wasm (fetched, compiled and
// instantiated by load()), and the first report: the full inspection of the deploy bundle,
// its certificates shown like the other 'parse and show' pages show theirs.
import init, { inspect } from '../../../target/bench/pkg/certlens.js';
import { facts } from '../../lib/adapters/certlens.mjs';
import { render } from './render.mjs';

export async function load() {
  await init({ module_or_path: new URL('./pkg/certlens_bg.wasm', location.href) });
}

export async function show(inputs, el) {
  const report = inspect([{ name: 'bundle.pem', data: inputs.text }], inputs.options);
  const certs = report.objects.filter((o) => o.kind === 'certificate').map(facts);
  render(el, certs);
  return `full inspection: verdict ${report.verdict}, chain of ${report.chain.order.length}, trusted ${report.chain.trusted}`;
}
