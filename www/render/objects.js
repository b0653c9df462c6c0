// Every object found, as `openssl x509 -text` would describe it, in collapsible <details>.
import { h, hexParts, icon, replace, tNodes } from "../lib/dom.js";
import { t } from "../lib/i18n.js";
import { commonName, keyLabel, objectName, place, relative, span, utc } from "../lib/format.js";
import { validity } from "../lib/report-model.js";

const BATCH = 60;
const KINDS = ["certificate", "private_key", "public_key", "csr", "unknown"];
const KIND_ICON = { certificate: "leaf", private_key: "key", public_key: "key", csr: "csr", unknown: "unknown" };
const VALIDITY_ICON = { valid: "ok", expiring: "warning", expired: "error", "not-yet-valid": "hourglass" };

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
    replace(el, h("p", { class: "empty-note" }, report ? t("ui.objects.nothing_usable") : t("ui.objects.nothing_yet")));
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
    }, t("ui.objects.show_more", { shown: Math.min(BATCH, objs.length - to), rest: objs.length - to }));
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
      if (i === 0) roles.set(id, t("ui.role.leaf"));
      else if (i === chain.order.length - 1 && obj.self_signed) roles.set(id, t("ui.role.root_ca"));
      else roles.set(id, t("ui.role.intermediate"));
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
        h("span", { class: "object-sub" }, [roles.get(obj.id) || t(`ui.kind.${KINDS.includes(obj.kind) ? obj.kind : "unknown"}`), place(obj.source)].join(" · "))),
      valid ? h("span", { class: `badge badge-${VALIDITY_ICON[valid]}` }, icon(VALIDITY_ICON[valid]), t(`ui.validity.${valid}`)) : null),
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
    default: return h("dl", { class: "facts" }, fact(t("ui.field.what"), obj.description || t("ui.objects.unrecognised")),
      fact(t("ui.field.found_in"), place(obj.source)), fact(t("ui.field.why_unusable"), t("ui.objects.see_findings")));
  }
}

function certificateBody(report, c, copyText) {
  const at = report.checked_at;
  const san = [...c.dns_names.map((n) => `DNS:${n}`), ...c.ip_addresses.map((ip) => `IP Address:${ip}`)];
  const basic = c.is_ca ? `CA:TRUE${c.path_len !== undefined ? `, pathlen:${c.path_len}` : ""}` : "CA:FALSE";
  return [
    h("dl", { class: "facts" },
      fact(t("ui.field.version"), `${c.version} (0x${(c.version - 1).toString(16)})`),
      fact(t("ui.field.serial"), mono(c.serial)),
      fact(t("ui.field.signature_algorithm"), c.signature_algorithm),
      fact(t("ui.field.issuer"), c.issuer),
      fact(t("ui.field.validity"), h("span", { class: "validity-lines" },
        h("span", null, t("ui.field.not_before", { date: utc(c.not_before), relative: relative(c.not_before, at) })),
        h("span", null, t("ui.field.not_after", { date: utc(c.not_after), relative: relative(c.not_after, at) })),
        h("span", { class: "muted" }, t("ui.field.span", { span: span(c.not_before, c.not_after) })))),
      fact(t("ui.field.subject"), c.subject || h("span", { class: "muted" }, t("ui.field.empty"))),
      fact(t("ui.field.public_key"), keyLabel(c.key)),
      fact(t("ui.field.san"), san.length ? h("span", { class: "name-list" }, san.map((n) => h("code", null, n))) : h("span", { class: "muted" }, isServerCertificate(report, c) ? t("ui.field.san_none_leaf") : t("ui.field.none"))),
      fact(t("ui.field.basic_constraints"), basic),
      c.key_usage ? fact(t("ui.field.key_usage"), c.key_usage.join(", ")) : null,
      c.extended_key_usage ? fact(t("ui.field.extended_key_usage"), c.extended_key_usage.join(", ")) : null,
      c.subject_key_id ? fact(t("ui.field.ski"), mono(c.subject_key_id)) : null,
      c.authority_key_id ? fact(t("ui.field.aki"), mono(c.authority_key_id)) : null,
      c.ca_issuers ? fact(t("ui.field.aia"), h("span", { class: "name-list" }, c.ca_issuers.map((u) => h("code", { class: "url" }, u)))) : null,
      fact(t("ui.field.sha256"), mono(c.sha256_fingerprint)),
      c.pubkey_md5 ? md5Fact(c.pubkey_md5, "openssl x509 -noout -pubkey -in cert.pem | openssl md5") : null,
      c.self_signed ? fact(t("ui.field.self_signed"), t("ui.field.self_signed_yes")) : null),
    pemBlock(c, t("ui.copy.what.certificate", { name: c.name }), copyText),
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
    h("p", { class: "object-note" }, icon("info", "sev-info"), t("ui.objects.csr_note")),
    h("dl", { class: "facts" },
      fact(t("ui.field.subject"), c.subject || h("span", { class: "muted" }, t("ui.field.empty"))),
      fact(t("ui.field.requested_names"), san.length ? h("span", { class: "name-list" }, san.map((n) => h("code", null, n))) : h("span", { class: "muted" }, t("ui.field.requested_none", { cn: commonName(c.subject) }))),
      fact(t("ui.field.public_key"), keyLabel(c.key)),
      fact(t("ui.field.signature_algorithm"), c.signature_algorithm),
      c.pubkey_md5 ? md5Fact(c.pubkey_md5, "openssl req -noout -pubkey -in csr.pem | openssl md5") : null),
    pemBlock(c, t("ui.copy.what.csr"), copyText),
  ];
}

function privateKeyBody(k) {
  return [
    h("p", { class: "object-note" }, icon("lock", "sev-ok"), t("ui.objects.private_key_note")),
    h("dl", { class: "facts" },
      fact(t("ui.field.format"), { pkcs8: "PKCS#8 (BEGIN PRIVATE KEY)", pkcs1: "PKCS#1 (BEGIN RSA PRIVATE KEY)", sec1: "SEC1 (BEGIN EC PRIVATE KEY)" }[k.key_format] || k.key_format),
      fact(t("ui.field.encrypted"), k.encryption ? k.encryption : t("ui.field.no")),
      fact(t("ui.field.key"), k.key ? keyLabel(k.key) : h("span", { class: "muted" }, t("ui.field.key_locked"))),
      k.pubkey_md5 ? md5Fact(k.pubkey_md5, "openssl pkey -pubout -in key.pem | openssl md5") : null),
  ];
}

function publicKeyBody(k, copyText) {
  return [
    h("dl", { class: "facts" },
      fact(t("ui.field.key"), keyLabel(k.key)),
      fact(t("ui.field.md5"), mono(k.pubkey_md5))),
    pemBlock(k, t("ui.copy.what.public_key"), copyText),
  ];
}

function pemBlock(obj, what, copyText) {
  if (!obj.pem) return null;
  return h("div", { class: "pem-block" },
    h("div", { class: "pem-head" },
      h("span", { class: "pem-label" }, t("ui.objects.clean_pem")),
      h("button", { type: "button", class: "button button-small copy-pem", dataset: { objectId: obj.id }, onclick: (e) => copyText(obj.pem, e.currentTarget, what) },
        icon("copy"), t("ui.copy.pem"))),
    h("pre", { class: "code pem", tabindex: "0", "aria-label": t("ui.objects.pem_of", { what }) }, obj.pem));
}

/** The OpenSSL-compatible public key digest, with the command that prints it. */
function md5Fact(md5, command) {
  return fact(t("ui.field.md5"), mono(md5), h("span", { class: "muted block" }, tNodes("ui.field.md5_printed_by", {}, { command: h("code", null, command) })));
}

function fact(term, ...value) {
  return h("div", { class: "fact" }, h("dt", null, term), h("dd", null, value));
}

function mono(text) {
  return h("code", { class: "hex" }, hexParts(text));
}
