// Helpers shared by the adapters (bench/lib/adapters.mjs says what an adapter does).

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** The CERTIFICATE blocks of a PEM text (for libraries that read one block at a time). */
export const splitPem = (text) => text.match(PEM_CERT) || [];

/** Base64 body of one PEM block → bytes. */
export function pemToDer(block) {
  const b64 = block.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
export function toHex(bytes) {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let s = '';
  for (let i = 0; i < b.length; i++) s += HEX[b[i]];
  return s;
}

export const CURVES = {
  '1.2.840.10045.3.1.7': 'P-256', '1.3.132.0.34': 'P-384', '1.3.132.0.35': 'P-521',
  secp256r1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521', 'prime256v1': 'P-256',
  'P-256': 'P-256', 'P-384': 'P-384', 'P-521': 'P-521', '1.3.132.0.10': 'secp256k1',
  secp256k1: 'secp256k1',
};
export const curveName = (c) => CURVES[c] || String(c);

/** IPv4 or IPv6 address bytes as text (IPv6 in full lowercase groups, like Node's parser). */
export function ipText(bytes) {
  if (bytes.length === 4) return Array.from(bytes).join('.');
  if (bytes.length === 16) {
    const groups = [];
    for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
    return groups.join(':');
  }
  return `?${toHex(bytes)}`;
}

export const bitLength = (bytes) => {
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  if (i === bytes.length) return 0;
  return (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i]));
};

export const failed = (e) => ({ error: String((e && e.message) || e).slice(0, 200) });
