// Findings, grouped by severity: errors, warnings, notes. Each with its fix and location.
import { h, icon, replace } from "../lib/dom.js";
import { place, objectName } from "../lib/format.js";
import { PASTE_NAME } from "../lib/report-model.js";
import { richText } from "./text.js";

const GROUPS = [
  { severity: "error", title: "Errors", label: "Error", hint: "Clients will fail until these are fixed." },
  { severity: "warning", title: "Warnings", label: "Warning", hint: "Works for some clients, or not for long." },
  { severity: "info", title: "Notes", label: "Note", hint: "Worth knowing; nothing to fix." },
];
const FIRST_BATCH = 100;
const FAMILY = {
  format: "Format", order: "Order", chain: "Chain", trust: "Trust", key_match: "Key", expiry: "Expiry",
  domain: "Host names", strength: "Strength", usage: "Usage",
};

// What the page itself can do about a finding, offered next to its fix.
const ACTIONS = {
  leaf_not_first: ["download", "Download the corrected fullchain.pem"],
  intermediates_out_of_order: ["download", "Download the corrected fullchain.pem"],
  duplicate: ["download", "Download the corrected fullchain.pem"],
  root_included: ["download", "Download fullchain.pem without the root"],
  key_encrypted: ["password", "Enter the password"],
  wrong_password: ["password", "Try another password"],
  decrypt_failed: ["password", "Try another password"],
  missing_intermediate: ["trust", "Is it the root of your own CA? Trust it"],
  not_trusted: ["trust", "Trust a root of your own"],
  private_root: ["trust-root", "It is my own CA: trust this root"],
  untrusted_root: ["trust-root", "It is my own CA: trust this root"],
};

/**
 * @param {HTMLElement} el  #findings
 * @param {object|null} report
 * @param {{showLine: (input: string, line: number) => void, act: (what: string) => void}} actions
 */
export function renderFindings(el, report, actions) {
  if (!report) {
    replace(el, h("p", { class: "empty-note" }, "No findings yet."));
    return;
  }
  if (!report.findings.length) {
    replace(el, h("p", { class: "empty-note" }, "Nothing to report."));
    return;
  }
  const groups = GROUPS.map((group) => {
    const items = report.findings.filter((f) => f.severity === group.severity);
    if (!items.length) return null;
    const list = h("ul", { class: "finding-list" });
    const section = h("section", { class: `severity-group severity-${group.severity}`, dataset: { severity: group.severity }, "aria-label": `${group.title}: ${items.length}` },
      h("h3", { class: "severity-heading" }, icon(group.severity, `sev-${group.severity}`), `${group.title} `, h("span", { class: "count" }, String(items.length)),
        h("span", { class: "severity-hint" }, group.hint)),
      list);
    appendBatch(list, items, 0, group, report, actions);
    return section;
  });
  replace(el, groups);
}

function appendBatch(list, items, from, group, report, actions) {
  const to = Math.min(items.length, from + FIRST_BATCH);
  for (let i = from; i < to; i++) list.append(findingItem(items[i], group, report, actions));
  if (to < items.length) {
    const more = h("li", { class: "more" },
      h("button", {
        type: "button", class: "button button-quiet button-small",
        onclick: () => { more.remove(); appendBatch(list, items, to, group, report, actions); },
      }, `Show ${Math.min(FIRST_BATCH, items.length - to)} more of ${items.length - to} ${group.title.toLowerCase()}`));
    list.append(more);
  }
}

function findingItem(f, group, report, actions) {
  const where = [];
  if (f.location) {
    where.push(h("span", { class: "where-place" }, place(f.location)));
    if (f.location.input === PASTE_NAME && f.location.line) {
      where.push(h("button", { type: "button", class: "link-button", onclick: () => actions.showLine(f.location.input, f.location.line) }, "show in the paste"));
    }
  }
  const objects = f.objects.map((id) => report.objects[id]).filter(Boolean);
  for (const obj of objects.slice(0, 4)) {
    where.push(h("a", { href: `#object-${obj.id}`, class: "object-ref" }, objectName(obj), h("span", { class: "ref-place" }, ` (${place(obj.source)})`)));
  }
  if (objects.length > 4) where.push(h("span", { class: "where-place" }, `and ${objects.length - 4} more`));

  return h("li", { class: `finding severity-${f.severity}`, dataset: { code: f.code, severity: f.severity, check: f.check } },
    h("div", { class: "finding-icon" }, icon(f.severity, `sev-${f.severity}`)),
    h("div", { class: "finding-body" },
      h("p", { class: "finding-head" },
        h("span", { class: "sev-label" }, group.label),
        h("span", { class: "finding-family" }, FAMILY[f.check] || f.check),
        h("code", { class: "finding-code" }, f.code)),
      h("p", { class: "finding-message" }, richText(f.message)),
      f.fix ? h("p", { class: "finding-fix" }, h("strong", null, "Fix: "), richText(f.fix)) : null,
      actionButton(f, report, actions),
      where.length ? h("p", { class: "finding-where" }, h("span", { class: "where-label" }, "Where: "), joinWith(where, " · ")) : null));
}

function actionButton(f, report, actions) {
  const action = ACTIONS[f.code];
  if (!action || !actions.act) return null;
  const [what, label] = action;
  if (what === "download" && !report.fullchain_pem) return null;
  // Trusting only makes sense for a missing root: the issuer of the last certificate of a chain.
  if (what === "trust" && f.code === "missing_intermediate" && !report.objects[f.objects[0]]?.is_ca) return null;
  return h("p", { class: "finding-action" },
    h("button", { type: "button", class: "button button-small", onclick: () => actions.act(what) }, label));
}

function joinWith(nodes, sep) {
  const out = [];
  nodes.forEach((n, i) => { if (i) out.push(sep); out.push(n); });
  return out;
}
