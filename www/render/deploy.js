// Install: the corrected fullchain.pem, and a server snippet with the user's file names.
import { h, icon, replace } from "../lib/dom.js";

export function renderDeploy(els, report, snippets) {
  const { download, copyFullchain, fullchainNote, select, snippet, copySnippet, snippetNote } = els;
  const pem = report && report.fullchain_pem;
  download.disabled = !pem;
  copyFullchain.disabled = !pem;
  if (!pem) {
    replace(fullchainNote, report ? "No certificate to put in a chain yet." : "Server certificate first, then each intermediate, root left out.");
  } else {
    const count = (pem.match(/-----BEGIN CERTIFICATE-----/g) || []).length;
    const missing = !report.chain.complete;
    replace(fullchainNote,
      `${count} certificate${count === 1 ? "" : "s"}: the server certificate first, then each intermediate, the root left out.`,
      missing ? h("span", { class: "note-warning block" }, icon("warning", "sev-warning"), missingIssuerText(report)) : null);
  }

  const text = snippets && snippets[select.value];
  copySnippet.disabled = !text;
  snippet.textContent = text || (report && report.chain.leaf !== null
    ? "Snippets are not available from this version of the checker."
    : "Add a certificate to get a snippet with your file names.");
  if (text && snippets.files) {
    const { certificate, key, own = {} } = snippets.files;
    replace(snippetNote, "Uses ", h("code", null, certificate),
      own.certificate ? " (your file: already in the right order)" : " (download it above)",
      " and ", h("code", null, key), own.key ? " (your key file)." : " (save your private key under that name, or change the name).");
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
  const maybeRoot = Boolean((child && child.is_ca) || (finding && /root of your own private CA/i.test(finding.fix || "")));
  return maybeRoot
    ? "Still incomplete: an issuer certificate is missing (an intermediate, or the root of your own private CA; see the chain). Add it to your files, or trust your private root, then download again."
    : "Still incomplete: an issuer certificate is missing from your files (see the chain). Add it, then download again.";
}
