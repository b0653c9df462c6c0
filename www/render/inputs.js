// The inputs list: each file (and the paste) with what was found in it.
import { h, icon, replace } from "../lib/dom.js";
import { t, tn } from "../lib/i18n.js";
import { bytes, kindCount } from "../lib/format.js";
import { findingsByInput, kindsByInput } from "../lib/report-model.js";

const KIND_ORDER = ["certificate", "private_key", "public_key", "csr", "unknown"];

/**
 * @param {{name: string, size: number, reading?: boolean, paste?: boolean, reportName?: string}[]} inputs
 *   paste: the pasted text (its name is the catalogue's, in the element's language);
 *   reportName: the name the report knows the input by, when not `name`
 * @param {object|null} report  the latest report (may predate some inputs)
 * @param {Set<string>} checked  names of the inputs that report covers
 * @param {(input: object) => void} remove
 */
export function renderInputs(list, empty, clearAll, inputs, report, checked, remove) {
  empty.hidden = inputs.length > 0;
  clearAll.hidden = inputs.length === 0;
  const kinds = report ? kindsByInput(report) : new Map();
  const problems = report ? findingsByInput(report) : new Map();
  replace(list, inputs.map((input) => {
    const known = input.reportName ?? input.name;
    const counts = kinds.get(known);
    let found;
    if (input.reading || !report || !checked.has(known)) {
      found = h("span", { class: "muted" }, input.reading ? t("ui.inputs.reading") : t("ui.inputs.checking"));
    } else if (counts) {
      found = KIND_ORDER.filter((k) => counts[k]).map((k) => kindCount(k, counts[k])).join(t("ui.list.separator"));
    } else {
      found = h("span", { class: "muted" }, t("ui.inputs.nothing_usable"));
    }
    const p = problems.get(known);
    const paste = Boolean(input.paste);
    return h("li", { dataset: { input: input.name }, class: "input-item" },
      h("span", { class: "input-icon" }, icon(paste ? "csr" : "file")),
      h("span", { class: "input-text" },
        h("span", { class: "input-name" }, input.name),
        h("span", { class: "input-found" }, h("span", { class: "input-size" }, bytes(input.size)), " · ", found),
        p && (p.error || p.warning) ? h("span", { class: "input-problems" },
          p.error ? h("span", { class: "badge badge-error" }, icon("error"), tn("ui.count.error", p.error)) : null,
          p.warning ? h("span", { class: "badge badge-warning" }, icon("warning"), tn("ui.count.warning", p.warning)) : null) : null),
      h("button", { type: "button", class: "icon-button", "aria-label": paste ? t("ui.inputs.clear_paste") : t("ui.inputs.remove", { name: input.name }), onclick: () => remove(input) },
        icon("close")));
  }));
}
