// A minimal 'parse a PEM certificate and show its fields' page with jsrsasign: its bundle size
// and cold start (bench/web/cold.js). The parsing is the benchmark's adapter, the same code
// that is timed.
import { jsrsasignAdapter } from '../../lib/adapters/jsrsasign.mjs';
import { render } from './render.mjs';

const adapter = jsrsasignAdapter();

export async function load() {}

export async function show(inputs, el) {
  const certs = await adapter.parse(inputs.certs);
  render(el, certs);
  return `${certs.filter((c) => !c.error).length} of ${certs.length} certificates parsed and shown`;
}
