// "Trust by client": each client's verdict on a chain (chain.clients, judged by the core from the
// root programs as they stood at the instant checked), and the line saying which data that rests
// on (report.data). The messages are the core's whole sentences in the report's language: shown
// as they are, never rebuilt here.
import { h, icon } from "../lib/dom.js";
import { currentTranslator, t } from "../lib/i18n.js";

/**
 * A <table> of the chain's client verdicts, or null when the core judged none (a private root,
 * a chain that reaches no root, no root program data).
 * main: the main chain (the table carries id="clients", the DOM contract); else `name` (the
 * chain's server certificate) goes in the caption.
 */
export function clientsTable(chain, { main = true, name = "" } = {}) {
  const clients = Array.isArray(chain.clients) ? chain.clients : [];
  if (!clients.length) return null;
  return h("table", { class: "table clients-table", id: main ? "clients" : null, dataset: { leaf: chain.leaf } },
    h("caption", { class: "clients-caption" }, main ? t("ui.clients.caption") : t("ui.clients.caption_other", { name })),
    h("thead", null, h("tr", null,
      h("th", { scope: "col" }, t("ui.clients.col.client")),
      h("th", { scope: "col" }, t("ui.clients.col.verdict")),
      h("th", { scope: "col" }, t("ui.clients.col.why")))),
    h("tbody", null, clients.map((c) => {
      const verdict = VERDICTS[c.trusted ? "trusted" : c.status === "unknown" ? "unknown" : "refused"];
      return h("tr", {
        class: verdict.row,
        dataset: { client: c.client, trusted: String(Boolean(c.trusted)), status: c.status, inferred: c.inferred ? "true" : null },
      },
      h("th", { scope: "row", class: "client-name" }, t(`client.${c.client}`)),
      h("td", { class: "client-verdict" },
        h("span", { class: "status-cell client-status" }, icon(verdict.icon, verdict.tone), t(verdict.word))),
      h("td", { class: "client-message" }, c.message));
    })));
}

/** How each kind of verdict is shown: an icon and a word, never colour alone. An unknown
 *  verdict (before a program's data starts) is neither trusted nor refused. */
const VERDICTS = {
  trusted: { row: "client-trusted", icon: "ok", tone: "sev-ok", word: "ui.clients.trusted" },
  refused: { row: "client-refused", icon: "error", tone: "sev-error", word: "ui.clients.not_trusted" },
  unknown: { row: "client-unknown", icon: "info", tone: "sev-info", word: "ui.clients.unknown" },
};

/** The numbers of the data line in the element's language. */
function number(n) {
  const lang = currentTranslator()?.lang;
  try {
    return new Intl.NumberFormat(lang).format(n);
  } catch {
    return String(n);
  }
}

/**
 * "Root program data of 2026-12-07 · public intermediates of 2026-08-21 (2,325)", from
 * report.data; with the version of each program in a disclosure. Null without report.data.
 */
export function dataLine(report) {
  const data = report && report.data;
  if (!data) return null;
  let line;
  if (data.root_programs !== "loaded") line = t("ui.data.no_roots");
  else if (data.public_intermediates === "loaded") {
    line = t("ui.data.line", { roots_date: data.root_programs_date, intermediates_date: data.public_intermediates_date, count: number(data.public_intermediates_count) });
  } else if (data.public_intermediates === "loading") line = t("ui.data.line_loading", { roots_date: data.root_programs_date });
  else line = t("ui.data.line_unavailable", { roots_date: data.root_programs_date });
  const programs = Array.isArray(data.programs) ? data.programs : [];
  return h("div", { class: "data-line", id: "data-line", dataset: { roots: data.root_programs, intermediates: data.public_intermediates } },
    h("p", { class: "hint" }, line),
    programs.length
      ? h("details", { class: "data-versions" },
        h("summary", null, t("ui.data.versions")),
        h("ul", null, programs.map((p) => h("li", { dataset: { program: p.id } },
          t("ui.data.program", { program: t(`program.${p.id}.version`, { version: p.version }), date: p.date })))))
      : null);
}
