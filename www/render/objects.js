// Every object found, as `openssl x509 -text` would describe it, in collapsible <details>.
import { h, hexParts, icon, replace } from "../lib/dom.js";
import { commonName, keyLabel, objectName, place, relative, span, utc, plural } from "../lib/format.js";
import { validity } from "../lib/report-model.js";

const BATCH = 60;
const KIND_TEXT = {
  certificate: "Certificate",
  private_key: "Private key",
  public_key: "Public key",
  csr: "Certificate signing request (CSR)",
  unknown: "Not usable",
};
const KIND_ICON = { certificate: "leaf", private_key: "key", public_key: "key", csr: "csr", unknown: "unknown" };
const VALIDITY_TEXT = {
  valid: ["ok", "Valid"],
  expiring: ["warning", "Expires soon"],
  expired: ["error", "Expired"],
  "not-yet-valid": ["hourglass", "Not yet valid"],
};

/** Open state of <details> survives re-rendering while the user types. */
const openKeys = new Set();
function objectKey(obj) {
  return `${obj.kind}:${obj.sha256_fingerprint || obj.pubkey_md5 || ""}:${obj.source.input}:${obj.source.block}:${obj.source.member ?? ""}`;
}

/**
 * @param {HTMLElement} el  #objects
 * @param {object|null} report
 * @param {(text: string, button: HTMLElement, what: string) => void} copyText
 */
export function renderObjects(el, report, copyText) {
  if (!report || !report.objects.length) {
    replace(el, h("p", { class: "empty-note" }, report ? "Nothing usable was found in the inputs." : "Nothing yet."));
    return;
  }
  const roles = chainRoles(report);
  const list = h("div", { class: "object-list" });
  replace(el, list);
  appendBatch(list, report, roles, 0, copyText);
}

function appendBatch(list, report, roles, from, copyText) {
  const objs = report.objects;
  const to = Math.min(objs.length, from + BATCH);
  for (let i = from; i < to; i++) list.append(objectDetails(report, objs[i], roles, copyText));
  if (to < objs.length) {
    const more = h("button", {
      type: "button", class: "button button-quiet more-objects",
      onclick: () => { more.remove(); appendBatch(list, report, roles, to, copyText); },
    }, `Show ${Math.min(BATCH, objs.length - to)} more (${plural(objs.length - to, "object")} not shown)`);
    list.append(more);
  }
}

/** id -> "Server certificate" etc. for the certificates of any chain. */
function chainRoles(report) {
  const roles = new Map();
  for (const chain of report.chains) {
    chain.order.forEach((id, i) => {
      const obj = report.objects[id];
      if (!obj || roles.has(id)) return;
      if (i === 0) roles.set(id, "Server certificate");
      else if (i === chain.order.length - 1 && obj.self_signed) roles.set(id, "Root CA");
      else roles.set(id, "Intermediate CA");
    });
  }
  return roles;
}

function objectDetails(report, obj, roles, copyText) {
  const key = objectKey(obj);
  const valid = validity(report, obj);
  const details = h("details", { class: `object object-${obj.kind}`, id: `object-${obj.id}`, dataset: { objectId: obj.id, kind: obj.kind }, open: openKeys.has(key) },
    h("summary", null,
      h("span", { class: "object-icon" }, icon(KIND_ICON[obj.kind] || "file")),
      h("span", { class: "object-title" },
        h("span", { class: "object-name" }, objectName(obj)),
        h("span", { class: "object-sub" }, [roles.get(obj.id) || KIND_TEXT[obj.kind], place(obj.source)].join(" · "))),
      valid ? h("span", { class: `badge badge-${VALIDITY_TEXT[valid][0]}` }, icon(VALIDITY_TEXT[valid][0]), VALIDITY_TEXT[valid][1]) : null),
    h("div", { class: "object-body" }, body(report, obj, copyText)));
  details.addEventListener("toggle", () => (details.open ? openKeys.add(key) : openKeys.delete(key)));
  return details;
}

function body(report, obj, copyText) {
  switch (obj.kind) {
    case "certificate": return certificateBody(report, obj, copyText);
    case "csr": return csrBody(obj, copyText);
    case "private_key": return privateKeyBody(obj);
    case "public_key": return publicKeyBody(obj, copyText);
    default: return h("dl", { class: "facts" }, fact("What it is", obj.description || "an unrecognised structure"),
      fact("Found in", place(obj.source)), fact("Why it is unusable", "See the findings above for this input."));
  }
}

function certificateBody(report, c, copyText) {
  const at = report.checked_at;
  const san = [...c.dns_names.map((n) => `DNS:${n}`), ...c.ip_addresses.map((ip) => `IP Address:${ip}`)];
  const basic = c.is_ca ? `CA:TRUE${c.path_len !== undefined ? `, pathlen:${c.path_len}` : ""}` : "CA:FALSE";
  return [
    h("dl", { class: "facts" },
      fact("Version", `${c.version} (0x${(c.version - 1).toString(16)})`),
      fact("Serial Number", mono(c.serial)),
      fact("Signature Algorithm", c.signature_algorithm),
      fact("Issuer", c.issuer),
      fact("Validity", h("span", { class: "validity-lines" },
        h("span", null, `Not Before: ${utc(c.not_before)} (${relative(c.not_before, at)})`),
        h("span", null, `Not After: ${utc(c.not_after)} (${relative(c.not_after, at)})`),
        h("span", { class: "muted" }, `${span(c.not_before, c.not_after)} in all`))),
      fact("Subject", c.subject || h("span", { class: "muted" }, "(empty)")),
      fact("Public Key", keyLabel(c.key)),
      fact("Subject Alternative Name", san.length ? h("span", { class: "name-list" }, san.map((n) => h("code", null, n))) : h("span", { class: "muted" }, isServerCertificate(report, c) ? "none (browsers need it; the Common Name is ignored)" : "none")),
      fact("Basic Constraints", basic),
      c.key_usage ? fact("Key Usage", c.key_usage.join(", ")) : null,
      c.extended_key_usage ? fact("Extended Key Usage", c.extended_key_usage.join(", ")) : null,
      c.subject_key_id ? fact("Subject Key Identifier", mono(c.subject_key_id)) : null,
      c.authority_key_id ? fact("Authority Key Identifier", mono(c.authority_key_id)) : null,
      c.ca_issuers ? fact("CA Issuers (AIA)", h("span", { class: "name-list" }, c.ca_issuers.map((u) => h("code", { class: "url" }, u)))) : null,
      fact("SHA-256 Fingerprint", mono(c.sha256_fingerprint)),
      c.pubkey_md5 ? fact("Public key MD5", mono(c.pubkey_md5), h("span", { class: "muted block" }, "as printed by ", h("code", null, "openssl x509 -noout -pubkey -in cert.pem | openssl md5"))) : null,
      c.self_signed ? fact("Self-signed", "yes: the root of its chain") : null),
    pemBlock(c, `certificate ${c.name}`, copyText),
  ];
}

/** The SAN hint is for server certificates only: CA certificates need no host names. */
function isServerCertificate(report, c) {
  if (c.is_ca) return false;
  return !report.chains.some((chain) => chain.order.indexOf(c.id) > 0);
}

function csrBody(c, copyText) {
  const san = [...c.dns_names.map((n) => `DNS:${n}`), ...c.ip_addresses.map((ip) => `IP Address:${ip}`)];
  return [
    h("p", { class: "object-note" }, icon("info", "sev-info"), "A CSR is what you send to the certificate authority; it is not a certificate and cannot be installed on a server."),
    h("dl", { class: "facts" },
      fact("Subject", c.subject || h("span", { class: "muted" }, "(empty)")),
      fact("Requested names", san.length ? h("span", { class: "name-list" }, san.map((n) => h("code", null, n))) : h("span", { class: "muted" }, `none (CN ${commonName(c.subject)})`)),
      fact("Public Key", keyLabel(c.key)),
      fact("Signature Algorithm", c.signature_algorithm),
      c.pubkey_md5 ? fact("Public key MD5", mono(c.pubkey_md5), h("span", { class: "muted block" }, "as printed by ", h("code", null, "openssl req -noout -pubkey -in csr.pem | openssl md5"))) : null),
    pemBlock(c, "CSR", copyText),
  ];
}

function privateKeyBody(k) {
  return [
    h("p", { class: "object-note" }, icon("lock", "sev-ok"), "The private key stays in this page and is never displayed. Only its public half is described."),
    h("dl", { class: "facts" },
      fact("Format", { pkcs8: "PKCS#8 (BEGIN PRIVATE KEY)", pkcs1: "PKCS#1 (BEGIN RSA PRIVATE KEY)", sec1: "SEC1 (BEGIN EC PRIVATE KEY)" }[k.key_format] || k.key_format),
      k.encryption ? fact("Encrypted", k.encryption) : fact("Encrypted", "no"),
      fact("Key", k.key ? keyLabel(k.key) : h("span", { class: "muted" }, "unknown until the password is given")),
      k.pubkey_md5 ? fact("Public key MD5", mono(k.pubkey_md5), h("span", { class: "muted block" }, "as printed by ", h("code", null, "openssl pkey -pubout -in key.pem | openssl md5"))) : null),
  ];
}

function publicKeyBody(k, copyText) {
  return [
    h("dl", { class: "facts" },
      fact("Key", keyLabel(k.key)),
      fact("Public key MD5", mono(k.pubkey_md5))),
    pemBlock(k, "public key", copyText),
  ];
}

function pemBlock(obj, what, copyText) {
  if (!obj.pem) return null;
  return h("div", { class: "pem-block" },
    h("div", { class: "pem-head" },
      h("span", { class: "pem-label" }, "Clean PEM"),
      h("button", { type: "button", class: "button button-small copy-pem", dataset: { objectId: obj.id }, onclick: (e) => copyText(obj.pem, e.currentTarget, what) },
        icon("copy"), "Copy PEM")),
    h("pre", { class: "code pem", tabindex: "0", "aria-label": `PEM of ${what}` }, obj.pem));
}

function fact(term, ...value) {
  return h("div", { class: "fact" }, h("dt", null, term), h("dd", null, value));
}

function mono(text) {
  return h("code", { class: "hex" }, hexParts(text));
}
