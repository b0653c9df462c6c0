// Formatting for people: dates, sizes, counts, names, in the language of the current render
// (lib/i18n.js). No checks happen here.
import { t, tn, tr } from "./i18n.js";

/** A count with its noun, by the language's plural rules: tn("ui.count.error", 2) -> "2 errors". */
export function count(key, n) {
  return tn(key, n);
}

export function bytes(n) {
  if (n < 1024) return tn("ui.size.bytes", n);
  if (n < 1024 * 1024) return t("ui.size.kb", { size: new Intl.NumberFormat(tr().lang, { maximumFractionDigits: n < 10240 ? 1 : 0, minimumFractionDigits: n < 10240 ? 1 : 0 }).format(n / 1024) });
  return t("ui.size.mb", { size: new Intl.NumberFormat(tr().lang, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(n / 1024 / 1024) });
}

/** "2026-08-01T00:00:00Z" -> "2026-08-01 00:00 UTC" (seconds only when not zero). ISO order reads in every language. */
export function utc(iso) {
  if (!iso) return "";
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::(\d{2}))?/.exec(iso);
  if (!m) return iso;
  return t("ui.date.utc", { date: m[1], time: `${m[2]}${m[3] && m[3] !== "00" ? ":" + m[3] : ""}` });
}

export function day(iso) {
  return iso ? iso.slice(0, 10) : "";
}

const DAY = 86400000;

/** Whole days from `from` to `to` (ISO strings), rounded towards zero. */
export function daysBetween(from, to) {
  return Math.trunc((Date.parse(to) - Date.parse(from)) / DAY);
}

/** "in 3 days" / "5 days ago" / "now", relative to `at` (Intl.RelativeTimeFormat). */
export function relative(iso, at) {
  const ms = Date.parse(iso) - Date.parse(at);
  const days = Math.round(Math.abs(ms) / DAY);
  const sign = ms > 0 ? 1 : -1;
  if (days === 0) {
    const hours = Math.round(Math.abs(ms) / 3600000);
    if (hours === 0) return t("ui.time.now");
    return tr().ago(sign * hours, "hour");
  }
  if (days >= 730) return tr().ago(sign * Math.round(days / 365), "year");
  return tr().ago(sign * days, "day");
}

/** A duration as people say it: "92 days", "6 years". */
export function durationDays(days) {
  days = Math.abs(days);
  return days >= 730 ? tr().duration(Math.round(days / 365), "year") : tr().duration(days, "day");
}

/** The span between two instants: "92 days", "6 years". */
export function span(fromIso, toIso) {
  return durationDays(Math.round((Date.parse(toIso) - Date.parse(fromIso)) / DAY));
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
  if (loc.block !== undefined && loc.block !== null) parts.push(t("ui.place.block", { n: loc.block + 1 }));
  if (loc.member !== undefined && loc.member !== null) parts.push(t("ui.place.item", { n: loc.member + 1 }));
  if (loc.line !== undefined && loc.line !== null && loc.line > 1) parts.push(t("ui.place.line", { n: loc.line }));
  return parts.join(" · ");
}

const KIND_COUNT = {
  certificate: "ui.count.certificate",
  private_key: "ui.count.private_key",
  public_key: "ui.count.public_key",
  csr: "ui.count.csr",
  unknown: "ui.count.unusable_block",
};

export function kindCount(kind, n) {
  return KIND_COUNT[kind] ? tn(KIND_COUNT[kind], n) : `${tr().num(n)} ${kind}`;
}

const ALGORITHM = { rsa: "RSA", ec: "EC", ed25519: "Ed25519", ed448: "Ed448", sm2: "SM2", dsa: "DSA" };

export function keyLabel(key) {
  if (!key) return t("ui.key.unknown");
  const alg = ALGORITHM[key.algorithm] || (key.algorithm === "unknown" ? t("ui.key.unknown_algorithm") : key.algorithm);
  if (key.algorithm === "ec" && key.curve) return t("ui.key.ec_curve", { curve: key.curve });
  if (key.algorithm === "ed25519" || key.algorithm === "ed448" || key.algorithm === "sm2") return alg;
  return key.bits ? t("ui.key.bits", { algorithm: alg, bits: String(key.bits) }) : alg;
}

/** An object's name for people. */
export function objectName(obj) {
  if (!obj) return "";
  if (obj.kind === "certificate") return obj.name || obj.subject || t("ui.object.certificate");
  if (obj.kind === "csr") return commonName(obj.subject) ? t("ui.object.csr_named", { name: commonName(obj.subject) }) : t("ui.object.csr");
  if (obj.kind === "private_key") return obj.key ? t("ui.object.private_key_typed", { key: keyLabel(obj.key) }) : t("ui.object.private_key");
  if (obj.kind === "public_key") return t("ui.object.public_key_typed", { key: keyLabel(obj.key) });
  return obj.description ? t("ui.object.unusable_described", { description: obj.description }) : t("ui.object.unusable");
}
