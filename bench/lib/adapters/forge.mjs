// node-forge (pure JavaScript; RSA keys only).
import forge from 'node-forge';
import { failed } from './common.mjs';

export function forgeAdapter() {
  const dn = (name) => name.attributes.map((a) => `${a.shortName || a.name || a.type}=${a.value}`).join(', ');
  const fromDer = (der) => forge.pki.certificateFromAsn1(forge.asn1.fromDer(der));
  const raw = (bytes) => forge.util.binary.raw.encode(bytes);
  return {
    id: 'forge',
    label: 'node-forge',
    parse(text) {
      const out = [];
      for (const msg of forge.pem.decode(text)) {
        if (msg.type !== 'CERTIFICATE') continue;
        try {
          const c = fromDer(msg.body);
          const dns = [];
          const ips = [];
          const san = c.getExtension('subjectAltName');
          if (san) {
            for (const n of san.altNames) {
              if (n.type === 2) dns.push(n.value);
              else if (n.type === 7) ips.push(n.ip);
            }
          }
          out.push({
            subject: dn(c.subject),
            issuer: dn(c.issuer),
            notBefore: c.validity.notBefore.getTime(),
            notAfter: c.validity.notAfter.getTime(),
            dns,
            ips,
            key: c.publicKey && c.publicKey.n ? `rsa:${c.publicKey.n.bitLength()}` : 'other:?',
            sha256: forge.md.sha256.create().update(msg.body).digest().toHex(),
          });
        } catch (e) {
          out.push(failed(e));
        }
      }
      return out;
    },
    verify(child, issuer) {
      return fromDer(raw(issuer)).verify(fromDer(raw(child)));
    },
  };
}
