// The same work done by each library, in Node and in the browser (bench/web/page.mjs bundles
// this file with esbuild):
//
//   parse(pemText)  every CERTIFICATE block of a PEM bundle → one entry per block, in order:
//                   { subject, issuer, notBefore, notAfter (ms since 1970), dns: [], ips: [],
//                     key: "rsa:2048" | "ec:P-256" | "ed25519" | "other:…", sha256 }
//                   or { error } for a block the library cannot read. Subject and issuer are
//                   the library's own one-line rendering; sha256 its own hex rendering
//                   (bench/lib/agreement.mjs normalises both before comparing libraries).
//   verify(childDer, issuerDer)   both certificates as DER bytes → does the issuer's key
//                   verify the child's signature? (each library parses both, then verifies)
//   inspect(text, options)   certlens only: the full inspection.
//
// Each library is used the way its documentation shows, from what a page has: PEM text for
// parsing (split by the library itself where it can, else by splitPem in
// adapters/common.mjs, the same code for all), DER bytes for the link. One module per library
// (adapters/*.mjs), so that bench/web/show/*.mjs can bundle one library alone. Libraries whose API is asynchronous (WebCrypto for
// hashes and signatures) are awaited; a bundle's hashes run concurrently (Promise.all), the
// fastest way to use them.
import { certlensAdapter } from './adapters/certlens.mjs';
import { peculiarAdapter } from './adapters/peculiar.mjs';
import { pkijsAdapter } from './adapters/pkijs.mjs';
import { forgeAdapter } from './adapters/forge.mjs';
import { jsrsasignAdapter } from './adapters/jsrsasign.mjs';
import { nodeAdapter } from './adapters/node.mjs';

export { splitPem, pemToDer, toHex } from './adapters/common.mjs';

/**
 * The adapters, certlens first. `certlens`: the initialised wasm-bindgen module;
 * `webcrypto`: globalThis.crypto; `X509Certificate`: Node's, or undefined in a browser.
 */
export function makeAdapters({ certlens, webcrypto, X509Certificate }) {
  const list = [certlensAdapter(certlens), peculiarAdapter(webcrypto), pkijsAdapter(webcrypto), forgeAdapter(), jsrsasignAdapter()];
  if (X509Certificate) list.push(nodeAdapter(X509Certificate));
  return list;
}
