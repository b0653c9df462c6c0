// The verdict line: ready to deploy, or problems found, with counts and the key facts.
import { h, icon, replace } from "../lib/dom.js";
import { t, tn } from "../lib/i18n.js";
import { utc } from "../lib/format.js";
import { keyMatchView } from "../lib/report-model.js";

/** families: the check families shown (null: all); the facts of other families are left out. */
export function renderVerdict(el, report, families = null) {
  if (!report) {
    el.dataset.verdict = "empty";
    replace(el,
      h("p", { class: "verdict-line" }, t("ui.verdict.empty")),
      h("p", { class: "verdict-sub" }, t("ui.verdict.empty_sub")));
    return;
  }
  const { errors, warnings, infos } = report.summary;
  const ok = report.verdict === "ok";
  el.dataset.verdict = ok ? "ok" : "problems";
  const counts = t("ui.verdict.counts", { errors: tn("ui.count.error", errors), warnings: tn("ui.count.warning", warnings), notes: tn("ui.count.note", infos) });
  replace(el,
    h("p", { class: "verdict-line" }, icon(ok ? "ok" : "error", "verdict-icon"),
      h("span", null, ok ? t("ui.verdict.ok") : t("ui.verdict.problems"), h("span", { class: "verdict-counts" }, counts))),
    h("p", { class: "verdict-sub" }, ok
      ? (warnings ? t("ui.verdict.ok_warnings") : t("ui.verdict.ok_clean"))
      : tn("ui.verdict.fix_errors", errors)),
    h("ul", { class: "verdict-facts" }, facts(report, (...f) => !families || f.some((x) => families.includes(x)))));
}

function facts(report, shows) {
  const out = [];
  const leaf = report.chain.leaf !== null && report.chain.leaf !== undefined ? report.objects[report.chain.leaf] : null;
  if (leaf) out.push(fact(t("ui.fact.server_certificate"), leaf.name));
  if (leaf && shows("order", "chain", "trust")) {
    const chainText = t(`ui.fact.chain.${report.chain.complete ? "complete" : "incomplete"}_${report.chain.trusted ? "trusted" : "untrusted"}`);
    out.push(fact(t("ui.fact.chain"), chainText, report.chain.complete && report.chain.trusted ? "ok" : "error"));
  }
  const keys = keyMatchView(report).filter((k) => k.key.kind === "private_key");
  if (keys.length && shows("key_match")) {
    const good = keys.some((k) => k.matches.some((c) => c.id === report.chain.leaf));
    const locked = keys.every((k) => k.locked);
    out.push(fact(t("ui.fact.private_key"), good ? t("ui.fact.key.matches") : locked ? t("ui.fact.key.encrypted") : t("ui.fact.key.mismatch"), good ? "ok" : locked ? "warning" : "error"));
  }
  if (report.hosts.length && shows("domain")) {
    const covered = report.hosts.filter((x) => x.covered).length;
    out.push(fact(t("ui.fact.hosts"), t("ui.fact.hosts.covered", { covered, total: report.hosts.length }), covered === report.hosts.length ? "ok" : "error"));
  }
  out.push(fact(t("ui.fact.checked_at"), utc(report.checked_at)));
  return out;
}

function fact(term, value, tone) {
  return h("li", { class: tone ? `fact-${tone}` : null },
    h("span", { class: "fact-term" }, term), " ",
    h("span", { class: "fact-value" }, tone ? icon(tone, `sev-${tone}`) : null, value));
}
