// certlens through its wasm-bindgen module (initialised by the caller): `parse` for the
// fields, `verifyLink` for one link, `inspect` for the full inspection.

const keyText = (k) =>
  !k
    ? 'other:none'
    : k.algorithm === 'rsa'
      ? `rsa:${k.bits}`
      : k.algorithm === 'ec'
        ? `ec:${k.curve}`
        : k.algorithm === 'ed25519'
          ? 'ed25519'
          : `other:${k.algorithm}`;

/** The benchmark's fields of one object of `parse()` or of a report's `objects`. */
export const facts = (o) =>
  o.kind === 'certificate'
    ? {
        subject: o.subject,
        issuer: o.issuer,
        notBefore: Date.parse(o.not_before),
        notAfter: Date.parse(o.not_after),
        dns: o.dns_names,
        ips: o.ip_addresses,
        key: keyText(o.key),
        sha256: o.sha256_fingerprint,
      }
    : { error: `unreadable (${o.description || o.kind})` };

export function certlensAdapter(certlens) {
  return {
    id: 'certlens',
    label: 'certlens (wasm)',
    parse(text) {
      // One entry per PEM block, like the other adapters (an unreadable block is an
      // object of kind "unknown" at the same block index).
      const out = [];
      for (const o of certlens.parse([{ name: 'bundle.pem', data: text }])) out[o.source.block] = facts(o);
      for (let i = 0; i < out.length; i++) if (!out[i]) out[i] = { error: 'no object for this block' };
      return out;
    },
    verify(child, issuer) {
      return certlens.verifyLink(child, issuer).verified;
    },
    inspect(text, options) {
      return certlens.inspect([{ name: 'bundle.pem', data: text }], options);
    },
  };
}
