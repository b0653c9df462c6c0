// Formatting for people: dates, sizes, counts, names. No checks happen here.

export function plural(n, one, many = one + "s") {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

export function bytes(n) {
  if (n < 1024) return plural(n, "byte");
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10240 ? 1 : 0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** "2026-08-01T00:00:00Z" -> "2026-08-01 00:00 UTC" (seconds only when not zero). */
export function utc(iso) {
  if (!iso) return "";
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::(\d{2}))?/.exec(iso);
  if (!m) return iso;
  return `${m[1]} ${m[2]}${m[3] && m[3] !== "00" ? ":" + m[3] : ""} UTC`;
}

export function day(iso) {
  return iso ? iso.slice(0, 10) : "";
}

const DAY = 86400000;

/** Whole days from `from` to `to` (ISO strings), rounded towards zero. */
export function daysBetween(from, to) {
  return Math.trunc((Date.parse(to) - Date.parse(from)) / DAY);
}

/** "in 3 days" / "5 days ago" / "today", relative to `at`. */
export function relative(iso, at) {
  const ms = Date.parse(iso) - Date.parse(at);
  const days = Math.round(Math.abs(ms) / DAY);
  if (days === 0) {
    const hours = Math.round(Math.abs(ms) / 3600000);
    if (hours === 0) return "now";
    return ms > 0 ? `in ${plural(hours, "hour")}` : `${plural(hours, "hour")} ago`;
  }
  const span = days >= 730 ? plural(Math.round(days / 365), "year") : plural(days, "day");
  return ms > 0 ? `in ${span}` : `${span} ago`;
}

/** A duration in days as people say it: "92 days", "6 years". */
export function span(fromIso, toIso) {
  const days = Math.round((Date.parse(toIso) - Date.parse(fromIso)) / DAY);
  return days >= 730 ? plural(Math.round(days / 365), "year") : plural(days, "day");
}

/** The CN of a one-line DN ("C=US, O=x, CN=name" -> "name"), else the whole DN. */
export function commonName(dn) {
  if (!dn) return "";
  const m = /(?:^|,\s*)CN=(.+?)(?=,\s*[A-Za-z][A-Za-z0-9.]*=|$)/.exec(dn);
  return m ? m[1] : dn;
}

/** "misordered.pem · block 2 · line 20" from a source or location (blocks counted from 1). */
export function place(loc) {
  if (!loc) return "";
  const parts = [loc.input];
  if (loc.block !== undefined && loc.block !== null) parts.push(`block ${loc.block + 1}`);
  if (loc.member !== undefined && loc.member !== null) parts.push(`item ${loc.member + 1}`);
  if (loc.line !== undefined && loc.line !== null && loc.line > 1) parts.push(`line ${loc.line}`);
  return parts.join(" · ");
}

export const KIND_LABEL = {
  certificate: ["certificate", "certificates"],
  private_key: ["private key", "private keys"],
  public_key: ["public key", "public keys"],
  csr: ["CSR", "CSRs"],
  unknown: ["block not usable", "blocks not usable"],
};

export function kindCount(kind, n) {
  const [one, many] = KIND_LABEL[kind] || [kind, kind + "s"];
  return plural(n, one, many);
}

export function keyLabel(key) {
  if (!key) return "unknown key";
  const alg = { rsa: "RSA", ec: "EC", ed25519: "Ed25519", ed448: "Ed448", sm2: "SM2", dsa: "DSA", unknown: "Unknown" }[key.algorithm] || key.algorithm;
  if (key.algorithm === "ec" && key.curve) return `EC ${key.curve}`;
  if (key.algorithm === "ed25519" || key.algorithm === "ed448" || key.algorithm === "sm2") return alg;
  return key.bits ? `${alg} ${key.bits}-bit` : alg;
}

/** An object's name for people. */
export function objectName(obj) {
  if (!obj) return "";
  if (obj.kind === "certificate") return obj.name || obj.subject || "certificate";
  if (obj.kind === "csr") return `CSR ${commonName(obj.subject) || ""}`.trim();
  if (obj.kind === "private_key") return `${keyLabel(obj.key)} private key`.replace("unknown key ", "");
  if (obj.kind === "public_key") return `${keyLabel(obj.key)} public key`;
  return obj.description ? `Unusable: ${obj.description}` : "Unusable block";
}
