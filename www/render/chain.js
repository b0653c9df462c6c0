// The chain diagram: server certificate, then each issuer, then the root; what is missing,
// out of order, forged or added by certlens (from its public intermediates); a validity
// timeline per certificate; then each client's verdict (render/clients.js) and the data line.
import { h, hexParts, s, icon, replace, tNodes } from "../lib/dom.js";
import { t, tn } from "../lib/i18n.js";
import { commonName, day, durationDays, keyLabel, place, relative, span, utc } from "../lib/format.js";
import { chainView, validity } from "../lib/report-model.js";
import { clientsTable, dataLine } from "./clients.js";

const ROLE_LABEL = { leaf: "ui.role.leaf", intermediate: "ui.role.intermediate", root: "ui.role.root_in_files" };

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
      ? t("ui.chain.only_csr")
      : t("ui.chain.empty")));
    return;
  }
  const chain = report.chain;
  replace(summary, chainChips(report, chain, context));
  replace(el, diagram(report, chain, true, copyText, context),
    h("div", { class: "clients" }, clientsTable(chain, { main: true }), dataLine(report)));

  const rest = report.chains.filter((c) => c.leaf !== chain.leaf);
  if (!rest.length) {
    replace(others);
    return;
  }
  replace(others,
    h("details", { class: "other-chains-details" },
      h("summary", null, tn("ui.chain.other_chains", rest.length)),
      rest.map((c) => h("div", { class: "other-chain" },
        h("p", { class: "chips" }, chainChips(report, c, context)),
        diagram(report, c, false, copyText, context),
        h("div", { class: "clients" }, clientsTable(c, { main: false, name: report.objects[c.leaf]?.name ?? "" }))))));
}

function chainChips(report, chain, context) {
  const added = Array.isArray(chain.added) ? chain.added.length : 0;
  const n = chain.order.length - added;
  return [
    h("span", { class: `chip ${chain.complete ? "chip-ok" : "chip-error"}` }, icon(chain.complete ? "ok" : "error"), chain.complete ? t("ui.chain.complete") : t("ui.chain.incomplete")),
    h("span", { class: `chip ${chain.trusted ? "chip-ok" : "chip-warning"}` }, icon(chain.trusted ? "ok" : "warning"),
      chain.trusted ? t("ui.chain.trusted_by", { anchor: chain.anchor }) : context.ownRoots ? t("ui.chain.not_your_roots") : t("ui.chain.not_trusted")),
    h("span", { class: "chip" }, tn("ui.chain.from_files", n)),
    added ? h("span", { class: "chip chip-added" }, icon("added"), tn("ui.chain.added_count", added)) : null,
  ];
}

function diagram(report, chain, main, copyText, context) {
  const view = chainView(report, chain);
  const list = h("ol", { class: "chain-list", "aria-label": main ? t("ui.chain.list_label") : t("ui.chain.list_label_other") });
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
      h("span", null, t("ui.chain.link_forged")));
  }
  if (node.link === "missing") {
    return h("div", { class: "chain-link link-missing" }, icon("arrow"),
      h("span", null, node.afterForged ? t("ui.chain.link_real_issuer", { name: node.child.name }) : t("ui.chain.link_missing")));
  }
  if (node.added) {
    return h("div", { class: "chain-link link-added" }, icon("arrow"), h("span", null, t("ui.chain.link_added")));
  }
  return h("div", { class: "chain-link" }, icon("arrow"), h("span", null, t("ui.chain.link_issued")));
}

function nodeCard(report, node, main, copyText, context = {}) {
  if (node.type === "missing") return missingCard(report, node, main, copyText);
  if (node.type === "trusted-root" || node.type === "refused-root") {
    // The root the chain ends at, not in the files (clients have their own copy). A public root
    // that some browser refuses is shown as such; who refuses it is the client table's.
    const trusted = node.type === "trusted-root";
    const owner = node.root && node.root.owner;
    return h("div", nodeAttrs(main, trusted ? "node-trusted-root" : "node-refused-root", { state: node.type }),
      h("div", { class: "node-head" },
        h("span", { class: "node-icon" }, icon(trusted ? "root" : "warning")),
        h("div", { class: "node-title" },
          h("p", { class: "node-role" }, trusted ? t("ui.chain.trusted_root") : t("ui.chain.refused_root")),
          h("p", { class: "node-name" }, node.anchor))),
      owner ? h("p", { class: "node-meta" }, t("ui.chain.root_owner", { owner })) : null,
      h("p", { class: "node-note" }, trusted ? icon("ok", "sev-ok") : icon("warning", "sev-warning"),
        !trusted ? t("ui.chain.refused_root_note") : context.ownRoots ? t("ui.chain.own_root_note") : t("ui.chain.trusted_root_note")));
  }

  const { obj, role, state } = node;
  const valid = validity(report, obj);
  const badges = [];
  if (state === "misordered" && node.misplaced) {
    const m = node.misplaced;
    badges.push(h("span", { class: "badge badge-warning" }, icon("swap"),
      t("ui.chain.out_of_order", { at: m.at, input: m.input, should: m.should })));
  }
  if (state === "forged") {
    badges.push(h("span", { class: "badge badge-error" }, icon("forged"), t("ui.chain.forged_badge")));
  }
  if (node.added) badges.push(h("span", { class: "badge badge-added" }, icon("added"), t("ui.chain.added_badge")));
  if (node.selfSigned && role === "leaf") badges.push(h("span", { class: "badge badge-warning" }, icon("warning"), t("ui.chain.self_signed")));
  if (role === "root" && report.chain && chainTrustedAt(report, obj)) badges.push(h("span", { class: "badge badge-ok" }, icon("ok"), t("ui.chain.trusted_root")));
  else if (role === "root" && publicRootAt(report, obj)) badges.push(h("span", { class: "badge badge-warning" }, icon("warning"), t("ui.chain.refused_root_badge")));
  else if (role === "root") badges.push(h("span", { class: "badge badge-warning" }, icon("warning"), t("ui.chain.private_root")));

  return h("div", nodeAttrs(main, `node-${state}${node.added ? " node-added" : ""}`, { objectId: obj.id, state, role, validity: valid, added: node.added ? "true" : null }),
    h("div", { class: "node-head" },
      h("span", { class: "node-icon" }, icon(state === "forged" ? "forged" : role === "leaf" ? "leaf" : role)),
      h("div", { class: "node-title" },
        h("p", { class: "node-role" }, state === "forged" ? t("ui.chain.not_the_issuer") : t(ROLE_LABEL[role])),
        h("p", { class: "node-name" }, obj.name)),
      h("div", { class: "node-actions" },
        obj.pem ? h("button", { type: "button", class: "button button-quiet button-tiny copy-pem", dataset: { objectId: obj.id }, "aria-label": t("ui.chain.copy_pem_label", { name: obj.name }), onclick: (e) => copyText(obj.pem, e.currentTarget, t("ui.objects.pem_of", { what: obj.name })) }, icon("copy"), t("ui.copy.pem")) : null,
        h("a", { class: "node-details-link", href: `#object-${obj.id}`, "aria-label": t("ui.chain.details_label", { name: obj.name }) }, t("ui.chain.details")))),
    badges.length ? h("p", { class: "badges" }, badges) : null,
    // An added certificate is in no input (its badge says where it is from).
    h("p", { class: "node-meta" }, [keyLabel(obj.key), obj.signature_algorithm, node.added ? null : place(obj.source)].filter(Boolean).join(" · ")),
    timeline(report, obj, valid));
}

function chainTrustedAt(report, root) {
  return report.chains.some((c) => c.trusted && c.order[c.order.length - 1] === root.id);
}

/** A root in the files that is a root program's root (chain.root), which not every browser trusts. */
function publicRootAt(report, root) {
  return report.chains.some((c) => c.root && c.root.in_input && c.order[c.order.length - 1] === root.id);
}

/** Only the main chain's nodes carry the `chain-node` class and object ids (the DOM contract). */
function nodeAttrs(main, cls, dataset) {
  return main ? { class: `chain-node node ${cls}`, dataset } : { class: `node ${cls}` };
}

function missingCard(report, node, main, copyText) {
  const loading = Boolean(report.data && report.data.public_intermediates === "loading");
  const name = commonName(node.issuer) || t("ui.chain.its_issuer");
  return h("div", nodeAttrs(main, "node-missing", { state: "missing" }),
    h("div", { class: "node-head" },
      h("span", { class: "node-icon" }, icon("missing")),
      h("div", { class: "node-title" },
        h("p", { class: "node-role" }, t("ui.chain.missing_issuer")),
        h("p", { class: "node-name" }, t("ui.chain.missing_name", { name })))),
    h("dl", { class: "facts facts-compact" },
      fact(t("ui.chain.issuer_of"), node.child.name),
      fact(t("ui.field.subject"), node.issuer),
      node.keyId ? fact(t("ui.chain.key_identifier"), h("code", { class: "hex" }, hexParts(node.keyId))) : null,
      node.urls.length
        ? fact(t("ui.chain.download_from"), node.urls.map((url) => h("span", { class: "url-line" },
          h("code", { class: "url" }, url),
          h("button", { type: "button", class: "button button-quiet button-tiny copy-text", onclick: (e) => copyText(url, e.currentTarget, t("ui.copy.what.url")) }, t("ui.chain.copy_url")))))
        : null),
    h("p", { class: "node-note" }, icon(loading ? "hourglass" : "info", "sev-info"),
      loading
        ? t("ui.chain.missing_note_loading")
        : node.urls.length
          ? t("ui.chain.missing_note_url")
          : t("ui.chain.missing_note")));
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
  const left = durationDays(Math.round((Date.parse(obj.not_after) - Date.parse(at)) / 86400000));
  const status = {
    valid: ["ok", tNodes("ui.timeline.valid", { left }, { date: date(day(obj.not_after)) })],
    expiring: ["warning", tNodes("ui.timeline.expiring", { relative: relative(obj.not_after, at) }, { date: date(utc(obj.not_after)) })],
    expired: ["error", tNodes("ui.timeline.expired", { relative: relative(obj.not_after, at) }, { date: date(utc(obj.not_after)) })],
    "not-yet-valid": ["hourglass", tNodes("ui.timeline.not_yet_valid", { relative: relative(obj.not_before, at) }, { date: date(utc(obj.not_before)) })],
  }[valid];

  const marker = h("span", { class: `tl-now ${fraction < 0 ? "tl-before" : fraction > 1 ? "tl-after" : ""}` }, t("ui.timeline.checked", { date: day(at) }));
  marker.style.setProperty("--pos", `${Math.min(88, Math.max(12, clamped * 100)).toFixed(2)}%`);

  return h("div", { class: `timeline validity-${valid}`, role: "group", "aria-label": t("ui.timeline.label", { name: obj.name }) },
    h("div", { class: "tl-graphic" }, bar, marker),
    h("div", { class: "tl-ends" },
      h("span", null, tNodes("ui.timeline.from", {}, { date: h("span", null, day(obj.not_before)) }).map(hiddenText)),
      h("span", { class: "tl-span" }, span(obj.not_before, obj.not_after)),
      h("span", null, tNodes("ui.timeline.until", {}, { date: h("span", null, day(obj.not_after)) }).map(hiddenText))),
    h("p", { class: `tl-status status-${valid}` }, icon(status[0], `sev-${status[0]}`), h("span", null, status[1])));
}

/** Words around a date on the timeline are for screen readers; the date shows. */
function hiddenText(part) {
  return typeof part === "string" ? h("span", { class: "visually-hidden" }, part) : part;
}
