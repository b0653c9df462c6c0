// The verdict line: ready to deploy, or problems found, with counts and the key facts.
import { h, icon, replace } from "../lib/dom.js";
import { plural, utc } from "../lib/format.js";
import { keyMatchView } from "../lib/report-model.js";

export function renderVerdict(el, report) {
  if (!report) {
    el.dataset.verdict = "empty";
    replace(el,
      h("p", { class: "verdict-line" }, "Paste or drop a certificate to start"),
      h("p", { class: "verdict-sub" }, "certlens checks the format, the chain order and completeness, the private key, expiry, host names and strength."));
    return;
  }
  const { errors, warnings, infos } = report.summary;
  const ok = report.verdict === "ok";
  el.dataset.verdict = ok ? "ok" : "problems";
  const counts = `${plural(errors, "error")}, ${plural(warnings, "warning")}, ${plural(infos, "note")}`;
  replace(el,
    h("p", { class: "verdict-line" }, icon(ok ? "ok" : "error", "verdict-icon"),
      h("span", null, ok ? "Ready to deploy" : "Problems found", h("span", { class: "verdict-counts" }, counts))),
    h("p", { class: "verdict-sub" }, ok
      ? (warnings ? "No errors. Read the warnings below before you install." : "No errors and no warnings.")
      : `Fix the ${errors === 1 ? "error" : "errors"} below, then check again.`),
    h("ul", { class: "verdict-facts" }, facts(report)));
}

function facts(report) {
  const out = [];
  const leaf = report.chain.leaf !== null && report.chain.leaf !== undefined ? report.objects[report.chain.leaf] : null;
  if (leaf) {
    out.push(fact("Server certificate", leaf.name));
    out.push(fact("Chain", `${report.chain.complete ? "complete" : "incomplete"}, ${report.chain.trusted ? "trusted" : "not trusted"}`, report.chain.complete && report.chain.trusted ? "ok" : "error"));
  }
  const keys = keyMatchView(report).filter((k) => k.key.kind === "private_key");
  if (keys.length) {
    const good = keys.some((k) => k.matches.some((c) => c.id === report.chain.leaf));
    const locked = keys.every((k) => k.locked);
    out.push(fact("Private key", good ? "matches" : locked ? "encrypted" : "does not match", good ? "ok" : locked ? "warning" : "error"));
  }
  if (report.hosts.length) {
    const covered = report.hosts.filter((x) => x.covered).length;
    out.push(fact("Host names", `${covered} of ${report.hosts.length} covered`, covered === report.hosts.length ? "ok" : "error"));
  }
  out.push(fact("Checked as of", utc(report.checked_at)));
  return out;
}

function fact(term, value, tone) {
  return h("li", { class: tone ? `fact-${tone}` : null },
    h("span", { class: "fact-term" }, term), " ",
    h("span", { class: "fact-value" }, tone ? icon(tone, `sev-${tone}`) : null, value));
}
