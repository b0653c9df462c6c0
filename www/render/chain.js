// The chain diagram: server certificate, then each issuer, then the root; what is missing,
// out of order or forged; a validity timeline per certificate.
import { h, hexParts, s, icon, replace } from "../lib/dom.js";
import { commonName, day, keyLabel, place, relative, span, utc, plural } from "../lib/format.js";
import { chainView, validity } from "../lib/report-model.js";

const ROLE_LABEL = {
  leaf: "Server certificate",
  intermediate: "Intermediate CA",
  root: "Root CA, in your files",
};

/**
 * @param {HTMLElement} el       #chain
 * @param {HTMLElement} summary  #chain-summary
 * @param {HTMLElement} others   #other-chains
 */
export function renderChain(el, summary, others, report, copyText, context = {}) {
  if (!report || report.chain.leaf === null || report.chain.leaf === undefined) {
    replace(summary);
    replace(others);
    const csr = report && report.objects.some((o) => o.kind === "csr");
    replace(el, h("p", { class: "empty-note" }, csr
      ? "No certificate here, only a certificate signing request (CSR): send the CSR to your CA, and check the certificate it returns."
      : "The chain appears here: server certificate, then each intermediate, then the root."));
    return;
  }
  const chain = report.chain;
  replace(summary, chainChips(report, chain, context));
  replace(el, diagram(report, chain, true, copyText, context));

  const rest = report.chains.filter((c) => c.leaf !== chain.leaf);
  if (!rest.length) {
    replace(others);
    return;
  }
  replace(others,
    h("details", { class: "other-chains-details" },
      h("summary", null, `${plural(rest.length, "more server certificate")} in your files, with ${rest.length === 1 ? "its chain" : "their chains"}`),
      rest.map((c) => h("div", { class: "other-chain" },
        h("p", { class: "chips" }, chainChips(report, c, context)),
        diagram(report, c, false, copyText, context)))));
}

function chainChips(report, chain, context) {
  const n = chain.order.length;
  return [
    h("span", { class: `chip ${chain.complete ? "chip-ok" : "chip-error"}` }, icon(chain.complete ? "ok" : "error"), chain.complete ? "Complete" : "Incomplete"),
    h("span", { class: `chip ${chain.trusted ? "chip-ok" : "chip-warning"}` }, icon(chain.trusted ? "ok" : "warning"),
      chain.trusted ? `Trusted: ${chain.anchor}` : context.ownRoots ? "Does not reach your roots" : "Not trusted by browsers"),
    h("span", { class: "chip" }, `${plural(n, "certificate")} from your files`),
  ];
}

function diagram(report, chain, main, copyText, context) {
  const view = chainView(report, chain);
  const list = h("ol", { class: "chain-list", "aria-label": main ? "Certificate chain, server certificate first" : "Chain" });
  view.nodes.forEach((node, i) => {
    list.append(h("li", { class: "chain-step" },
      i > 0 ? connector(node) : null,
      nodeCard(report, node, main, copyText, context)));
  });
  return list;
}

function connector(node) {
  if (node.link === "forged") {
    return h("div", { class: "chain-link link-forged" }, icon("broken"),
      h("span", null, "names this issuer, but the issuer's key did not sign it"));
  }
  if (node.link === "missing") {
    return h("div", { class: "chain-link link-missing" }, icon("arrow"),
      h("span", null, node.afterForged ? `the real issuer of "${node.child.name}" (not in your files)` : "issued by (not in your files)"));
  }
  return h("div", { class: "chain-link" }, icon("arrow"), h("span", null, "issued by"));
}

function nodeCard(report, node, main, copyText, context = {}) {
  if (node.type === "missing") return missingCard(node, main, copyText);
  if (node.type === "trusted-root") {
    return h("div", nodeAttrs(main, "node-trusted-root", { state: "trusted-root" }),
      h("div", { class: "node-head" },
        h("span", { class: "node-icon" }, icon("root")),
        h("div", { class: "node-title" },
          h("p", { class: "node-role" }, "Trusted root"),
          h("p", { class: "node-name" }, node.anchor))),
      h("p", { class: "node-note" }, icon("ok", "sev-ok"), context.ownRoots
        ? "One of the roots you trust (above). Every client must have it installed; it stays out of the file you install."
        : "Clients already have this root, so it stays out of the file you install."));
  }

  const { obj, role, state } = node;
  const valid = validity(report, obj);
  const badges = [];
  if (state === "misordered" && node.misplaced) {
    const m = node.misplaced;
    badges.push(h("span", { class: "badge badge-warning" }, icon("swap"),
      `Out of order: #${m.at} in ${m.input}, belongs at #${m.should}`));
  }
  if (state === "forged") {
    badges.push(h("span", { class: "badge badge-error" }, icon("forged"), "Forged link: same name, but it did not sign the certificate above"));
  }
  if (node.selfSigned && role === "leaf") badges.push(h("span", { class: "badge badge-warning" }, icon("warning"), "Self-signed"));
  if (role === "root" && report.chain && chainTrustedAt(report, obj)) badges.push(h("span", { class: "badge badge-ok" }, icon("ok"), "Trusted root"));
  else if (role === "root") badges.push(h("span", { class: "badge badge-warning" }, icon("warning"), "Private root: clients must have it installed"));

  return h("div", nodeAttrs(main, `node-${state}`, { objectId: obj.id, state, role, validity: valid }),
    h("div", { class: "node-head" },
      h("span", { class: "node-icon" }, icon(state === "forged" ? "forged" : role === "leaf" ? "leaf" : role)),
      h("div", { class: "node-title" },
        h("p", { class: "node-role" }, state === "forged" ? "Not the issuer" : ROLE_LABEL[role]),
        h("p", { class: "node-name" }, obj.name)),
      h("div", { class: "node-actions" },
        obj.pem ? h("button", { type: "button", class: "button button-quiet button-tiny copy-pem", dataset: { objectId: obj.id }, "aria-label": `Copy the PEM of ${obj.name}`, onclick: (e) => copyText(obj.pem, e.currentTarget, `PEM of ${obj.name}`) }, icon("copy"), "Copy PEM") : null,
        h("a", { class: "node-details-link", href: `#object-${obj.id}`, "aria-label": `Details of ${obj.name}` }, "Details"))),
    badges.length ? h("p", { class: "badges" }, badges) : null,
    h("p", { class: "node-meta" }, [keyLabel(obj.key), obj.signature_algorithm, place(obj.source)].filter(Boolean).join(" · ")),
    timeline(report, obj, valid));
}

function chainTrustedAt(report, root) {
  return report.chains.some((c) => c.trusted && c.order[c.order.length - 1] === root.id);
}

/** Only the main chain's nodes carry the `chain-node` class and object ids (the DOM contract). */
function nodeAttrs(main, cls, dataset) {
  return main ? { class: `chain-node node ${cls}`, dataset } : { class: `node ${cls}` };
}

function missingCard(node, main, copyText) {
  const name = commonName(node.issuer) || "its issuer";
  return h("div", nodeAttrs(main, "node-missing", { state: "missing" }),
    h("div", { class: "node-head" },
      h("span", { class: "node-icon" }, icon("missing")),
      h("div", { class: "node-title" },
        h("p", { class: "node-role" }, "Missing issuer"),
        h("p", { class: "node-name" }, `missing: ${name}`))),
    h("dl", { class: "facts facts-compact" },
      fact("Issuer of", node.child.name),
      fact("Subject", node.issuer),
      node.keyId ? fact("Key identifier", h("code", { class: "hex" }, hexParts(node.keyId))) : null,
      node.urls.length
        ? fact("Download from", node.urls.map((url) => h("span", { class: "url-line" },
          h("code", { class: "url" }, url),
          h("button", { type: "button", class: "button button-quiet button-tiny copy-text", onclick: (e) => copyText(url, e.currentTarget, "URL") }, "Copy URL"))))
        : null),
    h("p", { class: "node-note" }, icon("info", "sev-info"),
      node.urls.length
        ? "certlens never fetches it: download it yourself (or get it from your CA), add it to your files, and check again."
        : "Get it from your certificate authority's download page, add it to your files, and check again."));
}

function fact(term, ...value) {
  return h("div", { class: "fact" }, h("dt", null, term), h("dd", null, value));
}

/** A bar from not_before to not_after, with a marker at the instant checked. */
function timeline(report, obj, valid) {
  const at = report.checked_at;
  const from = Date.parse(obj.not_before);
  const to = Date.parse(obj.not_after);
  const now = Date.parse(at);
  const fraction = to > from ? (now - from) / (to - from) : 1;
  const clamped = Math.min(1, Math.max(0, fraction));
  const pct = (clamped * 100).toFixed(2);

  const bar = s("svg", { class: "timeline-bar", viewBox: "0 0 100 12", preserveAspectRatio: "none", "aria-hidden": "true", focusable: "false" },
    s("rect", { class: "tl-track", x: 0, y: 3, width: 100, height: 6, rx: 3 }),
    s("rect", { class: "tl-elapsed", x: 0, y: 3, width: pct, height: 6, rx: 3 }),
    s("line", { class: "tl-marker", x1: pct, x2: pct, y1: 0, y2: 12, "vector-effect": "non-scaling-stroke" }));

  const date = (iso) => h("span", { class: "nowrap" }, iso);
  const status = {
    valid: ["ok", `Valid: ${relative(obj.not_after, at).replace(/^in /, "")} left, until `, date(day(obj.not_after))],
    expiring: ["warning", `Expires soon: ${relative(obj.not_after, at)}, on `, date(utc(obj.not_after))],
    expired: ["error", `Expired ${relative(obj.not_after, at)}, on `, date(utc(obj.not_after))],
    "not-yet-valid": ["hourglass", `Not valid yet: starts ${relative(obj.not_before, at)}, on `, date(utc(obj.not_before))],
  }[valid];

  const marker = h("span", { class: `tl-now ${fraction < 0 ? "tl-before" : fraction > 1 ? "tl-after" : ""}` }, `checked ${day(at)}`);
  marker.style.setProperty("--pos", `${Math.min(88, Math.max(12, clamped * 100)).toFixed(2)}%`);

  return h("div", { class: `timeline validity-${valid}`, role: "group", "aria-label": `Validity of ${obj.name}` },
    h("div", { class: "tl-graphic" }, bar, marker),
    h("div", { class: "tl-ends" },
      h("span", null, h("span", { class: "visually-hidden" }, "Valid from "), day(obj.not_before)),
      h("span", { class: "tl-span" }, span(obj.not_before, obj.not_after)),
      h("span", null, h("span", { class: "visually-hidden" }, "until "), day(obj.not_after))),
    h("p", { class: `tl-status status-${valid}` }, icon(status[0], `sev-${status[0]}`), h("span", null, status[1], status[2])));
}
