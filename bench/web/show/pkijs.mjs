// A minimal 'parse a PEM certificate and show its fields' page with pkijs: its bundle size
// and cold start (bench/web/cold.js). The parsing is the benchmark's adapter, the same code
// that is timed.
import { pkijsAdapter } from '../../lib/adapters/pkijs.mjs';
import { render } from './render.mjs';

const adapter = pkijsAdapter(crypto);

export async function load() {}

export async function show(inputs, el) {
  const certs = await adapter.parse(inputs.certs);
  render(el, certs);
  return `${certs.filter((c) => !c.error).length} of ${certs.length} certificates parsed and shown`;
}
