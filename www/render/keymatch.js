// Does the private key belong to the certificate? With the OpenSSL-compatible digests and
// the commands that print them on a server.
import { h, icon, replace } from "../lib/dom.js";
import { t } from "../lib/i18n.js";
import { objectName, place } from "../lib/format.js";
import { keyMatchView } from "../lib/report-model.js";

const CERT_CMD = "openssl x509 -noout -pubkey -in cert.pem | openssl md5";
const KEY_CMD = "openssl pkey -pubout -in key.pem | openssl md5";

export function renderKeyMatch(el, report) {
  if (!report) {
    replace(el, h("p", { class: "empty-note" }, t("ui.key.empty")));
    return;
  }
  const views = keyMatchView(report);
  const leaf = report.chain.leaf !== null && report.chain.leaf !== undefined ? report.objects[report.chain.leaf] : null;
  if (!views.length) {
    replace(el,
      h("p", { class: "empty-note" }, t("ui.key.no_key")),
      leaf && leaf.pubkey_md5 ? digestTable([[t("ui.key.row.certificate"), leaf.name, leaf.pubkey_md5]], null) : null,
      leaf ? commands(false) : null);
    return;
  }
  replace(el, views.map((v) => keyResult(v)), commands(true));
}

const rowLabel = (c) => (c.kind === "csr" ? t("ui.key.row.csr") : t("ui.key.row.certificate"));
const quoted = (c) => t("ui.quoted", { text: objectName(c) });

function keyResult(v) {
  const kind = v.key.kind === "private_key" ? "private" : "public";
  const keyPlace = place(v.key.source);
  if (v.locked) {
    return h("div", { class: "key-result key-locked" },
      h("p", { class: "key-headline" }, icon("lock", "sev-warning"), t(`ui.key.${kind}.locked`, { place: keyPlace })),
      h("p", { class: "hint" }, t("ui.key.locked_hint")));
  }
  if (v.matches.length) {
    const rows = v.matches.map((c) => [rowLabel(c), objectName(c), c.pubkey_md5]);
    rows.push([t(`ui.key.row.${kind}_key`), keyPlace, v.key.pubkey_md5]);
    return h("div", { class: "key-result key-ok", dataset: { keyMatch: "matches", keyId: v.key.id } },
      h("p", { class: "key-headline" }, icon("ok", "sev-ok"),
        h("span", null, h("strong", null, t("ui.key.match")), " ",
          t(`ui.key.${kind}.belongs`, { place: keyPlace, names: v.matches.map(quoted).join(t("ui.list.and")) }))),
      digestTable(rows, true));
  }
  const c = v.against;
  return h("div", { class: "key-result key-bad", dataset: { keyMatch: "mismatch", keyId: v.key.id } },
    h("p", { class: "key-headline" }, icon("error", "sev-error"),
      h("span", null, h("strong", null, t("ui.key.mismatch")), " ",
        c ? t(`ui.key.${kind}.not_belongs`, { place: keyPlace, name: quoted(c) }) : t(`ui.key.${kind}.belongs_none`, { place: keyPlace }))),
    c ? digestTable([[rowLabel(c), objectName(c), c.pubkey_md5], [t(`ui.key.row.${kind}_key`), keyPlace, v.key.pubkey_md5]], false) : null);
}

function digestTable(rows, same) {
  return h("table", { class: "table digest-table" },
    h("caption", { class: "visually-hidden" }, t("ui.key.digests_caption")),
    h("thead", null, h("tr", null, h("th", { scope: "col" }, t("ui.key.col.of")), h("th", { scope: "col" }, "MD5"))),
    h("tbody", null, rows.map(([what, name, md5]) => h("tr", null,
      h("th", { scope: "row" }, h("span", { class: "block" }, what), h("span", { class: "muted block" }, name)),
      h("td", null, h("code", { class: `digest ${same === true ? "digest-same" : same === false ? "digest-differ" : ""}` }, md5 || t("ui.key.md5_unknown")))))));
}

function commands(withKey) {
  return h("div", { class: "commands" },
    h("p", { class: "hint" }, withKey ? t("ui.key.commands_both") : t("ui.key.commands_cert")),
    h("pre", { class: "code" }, `${CERT_CMD}\n${KEY_CMD}`));
}
