// Does the private key belong to the certificate? With the OpenSSL-compatible digests and
// the commands that print them on a server.
import { h, icon, replace } from "../lib/dom.js";
import { objectName, place } from "../lib/format.js";
import { keyMatchView } from "../lib/report-model.js";

const CERT_CMD = "openssl x509 -noout -pubkey -in cert.pem | openssl md5";
const KEY_CMD = "openssl pkey -pubout -in key.pem | openssl md5";

export function renderKeyMatch(el, report) {
  if (!report) {
    replace(el, h("p", { class: "empty-note" }, "Add the private key to check that it belongs to the certificate."));
    return;
  }
  const views = keyMatchView(report);
  const leaf = report.chain.leaf !== null && report.chain.leaf !== undefined ? report.objects[report.chain.leaf] : null;
  if (!views.length) {
    replace(el,
      h("p", { class: "empty-note" }, "No private key among your inputs. Add it (it stays in this page) to check that it belongs to the certificate."),
      leaf && leaf.pubkey_md5 ? digestTable([["Certificate", leaf.name, leaf.pubkey_md5]], null) : null,
      leaf ? commands(false) : null);
    return;
  }
  replace(el, views.map((v) => keyResult(v)), commands(true));
}

function keyResult(v) {
  const keyWhat = v.key.kind === "private_key" ? "private key" : "public key";
  const keyPlace = place(v.key.source);
  if (v.locked) {
    return h("div", { class: "key-result key-locked" },
      h("p", { class: "key-headline" }, icon("lock", "sev-warning"), `The ${keyWhat} in ${keyPlace} is encrypted.`),
      h("p", { class: "hint" }, "Enter its password above to compare it with the certificate."));
  }
  if (v.matches.length) {
    const rows = v.matches.map((c) => [c.kind === "csr" ? "CSR" : "Certificate", objectName(c), c.pubkey_md5]);
    rows.push([cap(keyWhat), keyPlace, v.key.pubkey_md5]);
    return h("div", { class: "key-result key-ok", dataset: { keyMatch: "matches", keyId: v.key.id } },
      h("p", { class: "key-headline" }, icon("ok", "sev-ok"),
        h("span", null, h("strong", null, "Match. "), `The ${keyWhat} (${keyPlace}) belongs to ${v.matches.map((c) => `"${objectName(c)}"`).join(" and ")}.`)),
      digestTable(rows, true));
  }
  const c = v.against;
  return h("div", { class: "key-result key-bad", dataset: { keyMatch: "mismatch", keyId: v.key.id } },
    h("p", { class: "key-headline" }, icon("error", "sev-error"),
      h("span", null, h("strong", null, "Mismatch. "), `The ${keyWhat} (${keyPlace}) does not belong to ${c ? `"${objectName(c)}"` : "any certificate here"}.`)),
    c ? digestTable([[c.kind === "csr" ? "CSR" : "Certificate", objectName(c), c.pubkey_md5], [cap(keyWhat), keyPlace, v.key.pubkey_md5]], false) : null);
}

function cap(s) {
  return s[0].toUpperCase() + s.slice(1);
}

function digestTable(rows, same) {
  return h("table", { class: "table digest-table" },
    h("caption", { class: "visually-hidden" }, "Public key MD5 digests"),
    h("thead", null, h("tr", null, h("th", { scope: "col" }, "Public key of"), h("th", { scope: "col" }, "MD5"))),
    h("tbody", null, rows.map(([what, name, md5]) => h("tr", null,
      h("th", { scope: "row" }, h("span", { class: "block" }, what), h("span", { class: "muted block" }, name)),
      h("td", null, h("code", { class: `digest ${same === true ? "digest-same" : same === false ? "digest-differ" : ""}` }, md5 || "unknown"))))));
}

function commands(withKey) {
  return h("div", { class: "commands" },
    h("p", { class: "hint" }, withKey
      ? "On your server, these print the same digests (OpenSSL shows MD5(stdin)= and the digest); the key belongs to the certificate when they are equal:"
      : "On your server, this prints the certificate's digest; run the second command on the key file and compare:"),
    h("pre", { class: "code" }, `${CERT_CMD}\n${KEY_CMD}`));
}
