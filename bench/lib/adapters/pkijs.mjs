// PKI.js (asn1js underneath; WebCrypto for hashes and signatures).
import * as pkijs from 'pkijs';
import { splitPem, pemToDer, toHex, curveName, ipText, bitLength, failed } from './common.mjs';

const DN_NAMES = {
  '2.5.4.3': 'CN', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST', '2.5.4.10': 'O',
  '2.5.4.11': 'OU', '2.5.4.5': 'serialNumber', '2.5.4.9': 'street', '2.5.4.17': 'postalCode',
  '1.2.840.113549.1.9.1': 'E', '0.9.2342.19200300.100.1.25': 'DC', '2.5.4.97': 'organizationIdentifier',
};

export function pkijsAdapter(webcrypto) {
  pkijs.setEngine('bench', new pkijs.CryptoEngine({ name: 'bench', crypto: webcrypto }));
  const dn = (name) =>
    name.typesAndValues
      .map((tv) => `${DN_NAMES[tv.type] || tv.type}=${tv.value.valueBlock.value}`)
      .join(', ');
  const keyText = (spki) => {
    const oid = spki.algorithm.algorithmId;
    if (oid === '1.2.840.113549.1.1.1' || oid === '1.2.840.113549.1.1.10') {
      const k = spki.parsedKey;
      return k ? `rsa:${bitLength(k.modulus.valueBlock.valueHexView)}` : 'other:rsa?';
    }
    if (oid === '1.2.840.10045.2.1') {
      const p = spki.algorithm.algorithmParams;
      return `ec:${curveName(p && p.valueBlock ? p.valueBlock.toString() : '?')}`;
    }
    if (oid === '1.3.101.112') return 'ed25519';
    return `other:${oid}`;
  };
  const one = async (block) => {
    try {
      const der = pemToDer(block);
      const c = pkijs.Certificate.fromBER(der);
      const dns = [];
      const ips = [];
      const ext = c.extensions && c.extensions.find((e) => e.extnID === '2.5.29.17');
      if (ext && ext.parsedValue) {
        for (const n of ext.parsedValue.altNames) {
          if (n.type === 2) dns.push(n.value);
          else if (n.type === 7) ips.push(ipText(n.value.valueBlock.valueHexView));
        }
      }
      let key;
      try {
        key = keyText(c.subjectPublicKeyInfo);
      } catch (e) {
        key = `other:${e.message}`;
      }
      const digest = await webcrypto.subtle.digest('SHA-256', der);
      return {
        subject: dn(c.subject),
        issuer: dn(c.issuer),
        notBefore: c.notBefore.value.getTime(),
        notAfter: c.notAfter.value.getTime(),
        dns,
        ips,
        key,
        sha256: toHex(digest),
      };
    } catch (e) {
      return failed(e);
    }
  };
  return {
    id: 'pkijs',
    label: 'PKI.js',
    parse: (text) => Promise.all(splitPem(text).map(one)),
    verify(child, issuer) {
      return pkijs.Certificate.fromBER(child).verify(pkijs.Certificate.fromBER(issuer));
    },
  };
}
