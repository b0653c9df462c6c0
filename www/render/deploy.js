// Install: the corrected fullchain.pem, and a server snippet with the user's file names.
import { h, icon, replace, tNodes, visibleText } from "../lib/dom.js";
import { currentTranslator, t, tn } from "../lib/i18n.js";

export function renderDeploy(els, report, snippets) {
  const { download, copyFullchain, fullchainNote, select, snippet, copySnippet, snippetNote } = els;
  const pem = report && report.fullchain_pem;
  download.disabled = !pem;
  copyFullchain.disabled = !pem;
  // Certificates certlens added from its public intermediates are in the file: say so on the
  // button (its label, and its title) and in the note.
  const added = pem ? addedNames(report) : [];
  const label = download.querySelector("[data-i18n]");
  const labelKey = added.length ? "ui.deploy.download_completed" : "ui.deploy.download";
  if (label) {
    label.dataset.i18n = labelKey;
    label.textContent = t(labelKey);
  }
  const completed = added.length ? t("ui.deploy.completed", { names: list(added) }) : null;
  if (completed) download.title = visibleText(completed);
  else download.removeAttribute("title");
  download.dataset.completed = String(added.length > 0);
  if (!pem) {
    replace(fullchainNote, report ? t("ui.deploy.no_chain") : t("ui.deploy.fullchain_hint"));
  } else {
    const count = (pem.match(/-----BEGIN CERTIFICATE-----/g) || []).length;
    const missing = !report.chain.complete;
    replace(fullchainNote,
      tn("ui.deploy.fullchain_count", count),
      completed ? h("span", { class: "note-added block" }, icon("added"), completed) : null,
      missing ? h("span", { class: "note-warning block" }, icon("warning", "sev-warning"), missingIssuerText(report)) : null);
  }

  const text = snippets && snippets[select.value];
  copySnippet.disabled = !text;
  replace(snippet, text || (report && report.chain.leaf !== null ? t("ui.deploy.snippets_unavailable") : t("ui.deploy.snippet_empty")));
  if (text && snippets.files) {
    const { certificate, key, own = {} } = snippets.files;
    // One whole sentence per case; the file names are shown as code.
    replace(snippetNote, tNodes(`ui.deploy.uses.${own.certificate ? "own" : "download"}_${own.key ? "own" : "save"}`, {},
      { certificate: h("code", null, certificate), key: h("code", null, key) }));
  } else {
    replace(snippetNote);
  }
}

/** The names of the certificates certlens added to the main chain (they are in fullchain_pem). */
function addedNames(report) {
  const ids = Array.isArray(report.chain.added) ? report.chain.added : [];
  return ids.map((id) => report.objects[id]).filter(Boolean).map((o) => o.name);
}

/** Names joined as the language joins a list. */
function list(names) {
  try {
    return new Intl.ListFormat(currentTranslator()?.lang, { type: "conjunction" }).format(names);
  } catch {
    return names.join(", ");
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
