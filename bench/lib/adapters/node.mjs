// Node's crypto.X509Certificate: OpenSSL, native code (Node only).
import { splitPem, curveName, failed } from './common.mjs';

export function nodeAdapter(X509Certificate) {
  const sans = (text) => {
    const dns = [];
    const ips = [];
    if (!text) return { dns, ips };
    for (const part of text.split(', ')) {
      const colon = part.indexOf(':');
      const type = part.slice(0, colon);
      let value = part.slice(colon + 1);
      if (value.startsWith('"')) value = JSON.parse(value);
      if (type === 'DNS') dns.push(value);
      else if (type === 'IP Address') ips.push(value);
    }
    return { dns, ips };
  };
  const keyText = (k) => {
    const t = k.asymmetricKeyType;
    if (t === 'rsa' || t === 'rsa-pss') return `rsa:${k.asymmetricKeyDetails.modulusLength}`;
    if (t === 'ec') return `ec:${curveName(k.asymmetricKeyDetails.namedCurve)}`;
    if (t === 'ed25519') return 'ed25519';
    return `other:${t}`;
  };
  return {
    id: 'node',
    label: 'node:crypto X509Certificate (OpenSSL, native)',
    native: true,
    parse(text) {
      return splitPem(text).map((block) => {
        try {
          const c = new X509Certificate(block);
          let key;
          try {
            key = keyText(c.publicKey);
          } catch (e) {
            key = `other:${e.message}`;
          }
          return {
            subject: c.subject,
            issuer: c.issuer,
            notBefore: Date.parse(c.validFrom),
            notAfter: Date.parse(c.validTo),
            ...sans(c.subjectAltName),
            key,
            sha256: c.fingerprint256,
          };
        } catch (e) {
          return failed(e);
        }
      });
    },
    verify(child, issuer) {
      return new X509Certificate(child).verify(new X509Certificate(issuer).publicKey);
    },
  };
}
