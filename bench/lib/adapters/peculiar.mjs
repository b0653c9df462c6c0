// @peculiar/x509 (WebCrypto for hashes and signatures).
import '@abraham/reflection'; // @peculiar/x509 needs a Reflect metadata polyfill
import * as peculiar from '@peculiar/x509';
import { splitPem, toHex, curveName, failed } from './common.mjs';

export function peculiarAdapter(webcrypto) {
  peculiar.cryptoProvider.set(webcrypto);
  const keyText = (alg) =>
    alg.name === 'RSASSA-PKCS1-v1_5' || alg.name === 'RSA-PSS' || alg.name === 'RSA-OAEP'
      ? `rsa:${alg.modulusLength}`
      : alg.name === 'ECDSA' || alg.name === 'ECDH'
        ? `ec:${curveName(alg.namedCurve)}`
        : alg.name === 'Ed25519' || alg.name === 'EdDSA'
          ? 'ed25519'
          : `other:${alg.name}`;
  const one = async (block) => {
    try {
      const c = new peculiar.X509Certificate(block);
      const san = c.getExtension(peculiar.SubjectAlternativeNameExtension);
      const dns = [];
      const ips = [];
      if (san) {
        for (const n of san.names.items) {
          if (n.type === 'dns') dns.push(n.value);
          else if (n.type === 'ip') ips.push(n.value);
        }
      }
      let key;
      try {
        key = keyText(c.publicKey.algorithm);
      } catch (e) {
        key = `other:${e.message}`;
      }
      return {
        subject: c.subject,
        issuer: c.issuer,
        notBefore: c.notBefore.getTime(),
        notAfter: c.notAfter.getTime(),
        dns,
        ips,
        key,
        sha256: toHex(await c.getThumbprint('SHA-256')),
      };
    } catch (e) {
      return failed(e);
    }
  };
  return {
    id: 'peculiar',
    label: '@peculiar/x509',
    parse: (text) => Promise.all(splitPem(text).map(one)),
    verify(child, issuer) {
      const c = new peculiar.X509Certificate(child);
      const i = new peculiar.X509Certificate(issuer);
      return c.verify({ publicKey: i.publicKey, signatureOnly: true });
    },
  };
}
