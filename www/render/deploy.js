// Install: the corrected fullchain.pem, and a server snippet with the user's file names.
import { h, icon, replace, tNodes } from "../lib/dom.js";
import { t, tn } from "../lib/i18n.js";

export function renderDeploy(els, report, snippets) {
  const { download, copyFullchain, fullchainNote, select, snippet, copySnippet, snippetNote } = els;
  const pem = report && report.fullchain_pem;
  download.disabled = !pem;
  copyFullchain.disabled = !pem;
  if (!pem) {
    replace(fullchainNote, report ? t("ui.deploy.no_chain") : t("ui.deploy.fullchain_hint"));
  } else {
    const count = (pem.match(/-----BEGIN CERTIFICATE-----/g) || []).length;
    const missing = !report.chain.complete;
    replace(fullchainNote,
      tn("ui.deploy.fullchain_count", count),
      missing ? h("span", { class: "note-warning block" }, icon("warning", "sev-warning"), missingIssuerText(report)) : null);
  }

  const text = snippets && snippets[select.value];
  copySnippet.disabled = !text;
  snippet.textContent = text || (report && report.chain.leaf !== null ? t("ui.deploy.snippets_unavailable") : t("ui.deploy.snippet_empty"));
  if (text && snippets.files) {
    const { certificate, key, own = {} } = snippets.files;
    // One whole sentence per case; the file names are shown as code.
    replace(snippetNote, tNodes(`ui.deploy.uses.${own.certificate ? "own" : "download"}_${own.key ? "own" : "save"}`, {},
      { certificate: h("code", null, certificate), key: h("code", null, key) }));
  } else {
    replace(snippetNote);
  }
}

/**
 * What the Install section says about an incomplete chain. The missing issuer of a CA
 * certificate may be an intermediate or the root of a private CA: the wording claims neither.
 */
function missingIssuerText(report) {
  const chain = report.chain;
  const order = chain.order || [];
  const last = order.length ? report.objects[order[order.length - 1]] : null;
  const finding = report.findings.find((f) => f.code === "missing_intermediate" && (!last || f.objects[0] === last.id))
    || report.findings.find((f) => f.code === "missing_intermediate");
  const child = finding ? report.objects[finding.objects[0]] : last;
  const maybeRoot = Boolean((child && child.is_ca) || (finding && finding.params && finding.params.maybe_root) ||
    (finding && /root of your own private CA/i.test(finding.fix || "")));
  return maybeRoot ? t("ui.deploy.incomplete_maybe_root") : t("ui.deploy.incomplete");
}
