// Findings, grouped by severity: errors, warnings, notes. Each with its fix and location.
// message and fix are rendered by the core in the report's language.
import { h, icon, replace } from "../lib/dom.js";
import { t, tn } from "../lib/i18n.js";
import { place, objectName } from "../lib/format.js";
import { richText } from "./text.js";

const SEVERITIES = ["error", "warning", "info"];
const FIRST_BATCH = 100;
const FAMILIES = ["format", "order", "chain", "trust", "key_match", "expiry", "domain", "strength", "usage"];

// What the page itself can do about a finding, offered next to its fix: [action, label key].
// "code.variant" first, then "code".
const ACTIONS = {
  "missing_intermediate.added": ["download", "ui.action.download_completed"],
  "missing_intermediate.replaced": ["download", "ui.action.download_completed"],
  not_publicly_trusted: ["trust", "ui.action.trust_own_root"],
  leaf_not_first: ["download", "ui.action.download_fullchain"],
  intermediates_out_of_order: ["download", "ui.action.download_fullchain"],
  duplicate: ["download", "ui.action.download_fullchain"],
  root_included: ["download", "ui.action.download_without_root"],
  key_encrypted: ["password", "ui.action.enter_password"],
  wrong_password: ["password", "ui.action.another_password"],
  decrypt_failed: ["password", "ui.action.another_password"],
  missing_intermediate: ["trust", "ui.action.trust_missing_root"],
  not_trusted: ["trust", "ui.action.trust_own_root"],
  private_root: ["trust-root", "ui.action.trust_this_root"],
  untrusted_root: ["trust-root", "ui.action.trust_this_root"],
};

/**
 * @param {HTMLElement} el  #findings
 * @param {object|null} report
 * @param {{pasteName?: string|null, showLine: (input: string, line: number) => void, act: (what: string) => void, canAct?: (what: string) => boolean}} actions
 *   pasteName: the name the pasted text has in this report (its lines can be shown)
 */
export function renderFindings(el, report, actions) {
  if (!report) {
    replace(el, h("p", { class: "empty-note" }, t("ui.findings.none_yet")));
    return;
  }
  if (!report.findings.length) {
    replace(el, h("p", { class: "empty-note" }, t("ui.findings.nothing")));
    return;
  }
  const groups = SEVERITIES.map((severity) => {
    const items = report.findings.filter((f) => f.severity === severity);
    if (!items.length) return null;
    const list = h("ul", { class: "finding-list" });
    const title = t(`ui.severity.${severity}.title`);
    const section = h("section", { class: `severity-group severity-${severity}`, dataset: { severity }, "aria-label": t("ui.findings.group_label", { title, count: items.length }) },
      h("h3", { class: "severity-heading" }, icon(severity, `sev-${severity}`), h("span", null, title), h("span", { class: "count" }, String(items.length)),
        h("span", { class: "severity-hint" }, t(`ui.severity.${severity}.hint`))),
      list);
    appendBatch(list, items, 0, severity, report, actions);
    return section;
  });
  replace(el, groups);
}

function appendBatch(list, items, from, severity, report, actions) {
  const to = Math.min(items.length, from + FIRST_BATCH);
  for (let i = from; i < to; i++) list.append(findingItem(items[i], severity, report, actions));
  if (to < items.length) {
    const more = h("li", { class: "more" },
      h("button", {
        type: "button", class: "button button-quiet button-small",
        onclick: () => { more.remove(); appendBatch(list, items, to, severity, report, actions); },
      }, t(`ui.findings.show_more.${severity}`, { shown: Math.min(FIRST_BATCH, items.length - to), rest: items.length - to })));
    list.append(more);
  }
}

function findingItem(f, severity, report, actions) {
  const where = [];
  if (f.location) {
    where.push(h("span", { class: "where-place" }, place(f.location)));
    if (actions.pasteName && f.location.input === actions.pasteName && f.location.line) {
      where.push(h("button", { type: "button", class: "link-button", onclick: () => actions.showLine(f.location.input, f.location.line) }, t("ui.findings.show_in_paste")));
    }
  }
  const objects = f.objects.map((id) => report.objects[id]).filter(Boolean);
  for (const obj of objects.slice(0, 4)) {
    where.push(h("a", { href: `#object-${obj.id}`, class: "object-ref" }, objectName(obj), h("span", { class: "ref-place" }, ` (${place(obj.source)})`)));
  }
  if (objects.length > 4) where.push(h("span", { class: "where-place" }, tn("ui.findings.and_more", objects.length - 4)));

  return h("li", { class: `finding severity-${severity}`, dataset: { code: f.code, severity, check: f.check } },
    h("div", { class: "finding-icon" }, icon(severity, `sev-${severity}`)),
    h("div", { class: "finding-body" },
      h("p", { class: "finding-head" },
        h("span", { class: "sev-label" }, t(`ui.severity.${severity}.label`)),
        h("span", { class: "finding-family" }, FAMILIES.includes(f.check) ? t(`ui.family.${f.check}`) : f.check),
        h("code", { class: "finding-code" }, f.code)),
      h("p", { class: "finding-message" }, richText(f.message)),
      f.fix ? h("p", { class: "finding-fix" }, h("strong", null, t("ui.findings.fix")), " ", richText(f.fix)) : null,
      actionButton(f, report, actions),
      where.length ? h("p", { class: "finding-where" }, h("span", { class: "where-label" }, t("ui.findings.where")), " ", joinWith(where, " · ")) : null));
}

function actionButton(f, report, actions) {
  let action = (f.variant && ACTIONS[`${f.code}.${f.variant}`]) || ACTIONS[f.code];
  if (!action || !actions.act) return null;
  // A public name on a private root that is in the files: trust that very root.
  if (f.code === "not_publicly_trusted" && topIsSelfSigned(report)) action = ["trust-root", "ui.action.trust_this_root"];
  const [what, label] = action;
  if (actions.canAct && !actions.canAct(what)) return null;
  if (what === "download" && !report.fullchain_pem) return null;
  // Trusting only makes sense for a missing root: the issuer of the last certificate of a chain.
  if (what === "trust" && f.code === "missing_intermediate" && !report.objects[f.objects[0]]?.is_ca) return null;
  // Nor while certlens's public intermediates may still supply it (the check runs again then).
  if (what === "trust" && f.code === "missing_intermediate" && report.data && report.data.public_intermediates === "loading") return null;
  return h("p", { class: "finding-action" },
    h("button", { type: "button", class: "button button-small", onclick: () => actions.act(what) }, t(label)));
}

/** The main chain ends at a self-signed certificate of the files (a private root, or the leaf). */
function topIsSelfSigned(report) {
  const order = (report.chain && report.chain.order) || [];
  const top = order.length ? report.objects[order[order.length - 1]] : null;
  return Boolean(top && top.self_signed && !top.added);
}

function joinWith(nodes, sep) {
  const out = [];
  nodes.forEach((n, i) => { if (i) out.push(sep); out.push(n); });
  return out;
}
