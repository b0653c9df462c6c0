// Host name coverage table, and the names in the certificate offered as suggestions.
import { h, icon, replace } from "../lib/dom.js";
import { t } from "../lib/i18n.js";

const MAX_SUGGESTIONS = 12;

export function renderHostsTable(table, note, report) {
  const tbody = table.tBodies[0];
  if (!report || !report.hosts.length) {
    replace(tbody);
    table.hidden = true;
    note.hidden = false;
    note.textContent = report && report.chain.leaf !== null
      ? t("ui.hosts.note_pick")
      : t("ui.hosts.note_type");
    return;
  }
  table.hidden = false;
  const leaf = report.objects[report.chain.leaf];
  note.hidden = !leaf;
  if (leaf) replace(note, t("ui.hosts.judged", { name: leaf.name }));
  replace(tbody, report.hosts.map((host) => {
    const state = host.invalid ? ["error", t("ui.hosts.invalid")] : host.covered ? ["ok", t("ui.hosts.covered")] : ["error", t("ui.hosts.not_covered")];
    return h("tr", { dataset: { host: host.name, covered: String(host.covered) }, class: host.covered ? "row-ok" : "row-error" },
      h("th", { scope: "row" }, h("code", null, host.name)),
      h("td", null, h("span", { class: `status-cell status-${state[0]}` }, icon(state[0], `sev-${state[0]}`), state[1]),
        host.invalid ? h("span", { class: "muted block" }, host.invalid) : null),
      host.matched_by ? h("td", { "data-label": t("ui.hosts.by") }, h("code", null, host.matched_by)) : h("td", { class: "no-entry" }, h("span", { class: "muted", "aria-label": t("ui.hosts.no_entry") }, "—")));
  }));
}

/**
 * @param {HTMLElement} box  #host-suggestions
 * @param {string[]} current names already in #hosts
 * @param {(name: string) => void} add
 */
export function renderSuggestions(box, report, current, add) {
  const list = box.querySelector("ul");
  const leaf = report && report.chain.leaf !== null && report.chain.leaf !== undefined ? report.objects[report.chain.leaf] : null;
  const have = new Set(current.map((n) => n.toLowerCase().replace(/\.$/, "")));
  const names = leaf ? [...leaf.dns_names, ...leaf.ip_addresses].filter((n) => !have.has(n.toLowerCase())) : [];
  if (!names.length) {
    replace(list);
    box.hidden = true;
    return;
  }
  box.hidden = false;
  const item = (name) => h("li", null, h("button", {
    type: "button", class: "host-suggestion", dataset: { host: name }, "aria-label": t("ui.hosts.suggest_label", { name }),
    onclick: () => add(name),
  }, h("span", { "aria-hidden": "true" }, "+ "), name));
  const shown = names.slice(0, MAX_SUGGESTIONS).map(item);
  if (names.length > MAX_SUGGESTIONS) {
    const more = h("li", null, h("button", {
      type: "button", class: "link-button",
      onclick: () => { more.replaceWith(...names.slice(MAX_SUGGESTIONS).map(item)); },
    }, t("ui.hosts.more", { count: names.length - MAX_SUGGESTIONS })));
    shown.push(more);
  }
  replace(list, shown);
}
