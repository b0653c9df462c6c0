// jsrsasign (pure JavaScript).
import jsrsasign from 'jsrsasign';
import { splitPem, toHex, curveName, failed } from './common.mjs';

const { X509: JsrsasignX509, KJUR, zulutodate } = jsrsasign;

export function jsrsasignAdapter() {
  const keyText = (k) =>
    k && k.n ? `rsa:${k.n.bitLength()}` : k && k.curveName ? `ec:${curveName(k.curveName)}` : `other:${k && k.type}`;
  return {
    id: 'jsrsasign',
    label: 'jsrsasign',
    parse(text) {
      return splitPem(text).map((block) => {
        try {
          const x = new JsrsasignX509();
          x.readCertPEM(block);
          const dns = [];
          const ips = [];
          const san = x.getExtSubjectAltName();
          if (san) {
            for (const n of san.array) {
              if (n.dns !== undefined) dns.push(n.dns);
              else if (n.ip !== undefined) ips.push(n.ip);
            }
          }
          let key;
          try {
            key = keyText(x.getPublicKey());
          } catch (e) {
            key = `other:${e.message || e}`;
          }
          return {
            subject: x.getSubjectString(),
            issuer: x.getIssuerString(),
            notBefore: zulutodate(x.getNotBefore()).getTime(),
            notAfter: zulutodate(x.getNotAfter()).getTime(),
            dns,
            ips,
            key,
            sha256: KJUR.crypto.Util.hashHex(x.hex, 'sha256'),
          };
        } catch (e) {
          return failed(e);
        }
      });
    },
    verify(child, issuer) {
      const c = new JsrsasignX509(toHex(child));
      const i = new JsrsasignX509(toHex(issuer));
      return c.verifySignature(i.getPublicKey());
    },
  };
}
