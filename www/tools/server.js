// The server configuration audit (#server): a pasted nginx server block or Apache VirtualHost,
// the certificate, key and chain files it names (given by the user, one row per path), and the
// audit of both by the core (tools module: configReferences, auditConfig), re-run on every
// change. Files stay in this page's memory; they are sent only to the tools worker.
import { h, icon, replace } from "../lib/dom.js";
import { applyTexts, withTranslator, t, tn } from "../lib/i18n.js";
import { place } from "../lib/format.js";
import { richText } from "../render/text.js";
import { callTool, dataOptions, intermediatesSettled } from "../lib/tools.js";

const DEBOUNCE_MS = 300;
const SEVERITIES = ["error", "warning", "info"];
// An example, not a text: configuration syntax reads the same in every language.
const PLACEHOLDER = "server {\n    listen 443 ssl;\n    server_name www.example.com;\n    ssl_certificate     /etc/ssl/fullchain.pem;\n    ssl_certificate_key /etc/ssl/privkey.pem;\n}";

const baseName = (path) => String(path).split(/[/\\]/).pop();

export function mount(section, { tr }) {
  const state = {
    tr,
    configName: null, // the chosen file's name; null for a paste (named in the page's language)
    outline: null, // configReferences' result for the current text
    report: null,
    files: new Map(), // path as written -> { name, size, data }
    trust: [], // roots the user trusts instead of the Mozilla roots: { name, data }
    unmatched: [],
    run: 0, // the newest audit; older answers are dropped
    timer: 0,
  };

  const el = {
    config: h("textarea", { id: "server-config", class: "server-textarea", spellcheck: "false", autocomplete: "off", placeholder: PLACEHOLDER, rows: 10 }),
    configFile: h("input", { id: "server-config-file", type: "file", hidden: true, "data-i18n-attr": "aria-label: ui.server.config.file_label" }),
    dialect: h("p", { id: "server-dialect", class: "server-dialect", "aria-live": "polite" }),
    files: h("ul", { id: "server-files", class: "server-files" }),
    filesNote: h("p", { class: "server-note", id: "server-files-note" }),
    at: h("input", { id: "server-at", type: "datetime-local", step: 1 }),
    trustFiles: h("input", { id: "server-trust-files", type: "file", multiple: true, hidden: true, "data-i18n-attr": "aria-label: ui.trust.files_label" }),
    trustList: h("ul", { id: "server-trust-list", class: "server-trust-list", "data-i18n-attr": "aria-label: ui.trust.list_label" }),
    status: h("p", { id: "server-status", class: "server-status", role: "status", "aria-live": "polite" }),
    result: h("div", { id: "server-result", class: "server-result" }),
  };
  const auditButton = h("button", { type: "button", id: "server-audit", class: "button server-primary", "data-i18n": "ui.server.audit", onclick: () => audit() });
  const filesCard = h("section", { class: "server-card server-files-card", id: "server-files-card", "aria-labelledby": "server-files-title" },
    h("h3", { id: "server-files-title", class: "server-heading", "data-i18n": "ui.server.files.title" }),
    h("p", { class: "server-note", "data-i18n": "ui.server.files.hint" }),
    el.files, el.filesNote);

  replace(section, h("div", { class: "server-tool" },
    h("header", { class: "server-intro" },
      h("h2", { class: "server-title", "data-i18n": "ui.server.title" }),
      h("p", { "data-i18n": "ui.server.intro" })),
    h("p", { id: "server-privacy", class: "server-privacy" }, icon("lock"), h("span", { "data-i18n": "ui.server.privacy" })),
    h("section", { class: "server-card", "aria-labelledby": "server-config-label" },
      h("label", { for: "server-config", id: "server-config-label", class: "server-heading", "data-i18n": "ui.server.config.label" }),
      el.config,
      h("div", { class: "server-row" },
        h("button", { type: "button", class: "button", id: "server-config-open", "data-i18n": "ui.server.config.open", onclick: () => el.configFile.click() }),
        el.configFile,
        el.dialect)),
    filesCard,
    // As in the inspector: an internal CA's root, so that its chains count as trusted.
    h("details", { class: "server-card server-trust", id: "server-trust" },
      h("summary", { class: "server-heading", "data-i18n": "ui.trust.summary" }),
      h("p", { class: "server-note", "data-i18n": "ui.trust.hint" }),
      h("div", { class: "server-row" },
        h("button", { type: "button", class: "button", id: "server-trust-choose", "data-i18n": "ui.trust.choose", onclick: () => el.trustFiles.click() }),
        el.trustFiles),
      el.trustList),
    h("div", { class: "server-row server-controls" },
      h("label", { for: "server-at", class: "server-at-label", "data-i18n": "ui.server.at.label" }), el.at,
      auditButton, el.status),
    el.result));

  /* ---------- input ---------- */

  const schedule = () => {
    clearTimeout(state.timer);
    state.timer = setTimeout(audit, DEBOUNCE_MS);
  };
  el.config.addEventListener("input", () => { state.configName = null; schedule(); });
  el.at.addEventListener("change", schedule);
  el.trustFiles.addEventListener("change", async () => {
    const chosen = [...el.trustFiles.files];
    el.trustFiles.value = "";
    for (const file of chosen) state.trust.push({ name: file.name, data: new Uint8Array(await file.arrayBuffer()) });
    renderTrust();
    schedule();
  });
  el.configFile.addEventListener("change", async () => {
    const file = el.configFile.files[0];
    el.configFile.value = "";
    if (file) await loadConfig(file);
  });

  async function loadConfig(file) {
    el.config.value = await file.text();
    state.configName = file.name;
    schedule();
  }

  async function give(path, file) {
    state.files.set(path, { name: file.name, size: file.size, data: new Uint8Array(await file.arrayBuffer()) });
    schedule();
  }

  // Dropped files go to the row of the same base name; a file no row names is said so, or,
  // when nothing is pasted yet, read as the configuration. The page sends no drop here to the
  // checker of the other tab.
  section.addEventListener("dragover", (e) => {
    if (![...(e.dataTransfer?.types || [])].includes("Files")) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
  });
  section.addEventListener("drop", async (e) => {
    // The list is emptied when the event ends: take the files before the first await.
    const dropped = [...(e.dataTransfer?.files || [])];
    if (!dropped.length) return;
    e.preventDefault();
    const row = e.target.closest && e.target.closest(".server-file");
    state.unmatched = [];
    for (const file of dropped) {
      const refs = state.outline?.files || [];
      const path = row && dropped.length === 1 ? row.dataset.path
        : (refs.find((r) => r.path === file.name) || refs.find((r) => r.name === file.name))?.path;
      if (path) await give(path, file);
      else if (!el.config.value.trim()) await loadConfig(file);
      else state.unmatched.push(file.name);
    }
    renderFiles();
  });

  /* ---------- the audit ---------- */

  function configInput() {
    return [{ name: state.configName || state.tr.t("ui.server.paste_name"), data: el.config.value }];
  }

  async function audit() {
    clearTimeout(state.timer);
    const run = ++state.run;
    if (!el.config.value.trim()) {
      state.outline = null;
      state.report = null;
      render();
      return;
    }
    el.status.textContent = state.tr.t("ui.server.status.working");
    const texts = state.tr.coreTexts();
    const configs = configInput();
    try {
      const outline = await callTool("configReferences", configs, { texts });
      if (run !== state.run) return;
      state.outline = outline;
      // A path edited in the text keeps the file given for it (same base name); files of
      // paths no longer named stay here, unused, in case the edit is undone.
      const paths = new Set(outline.files.map((f) => f.path));
      for (const ref of outline.files) {
        const old = state.files.has(ref.path) ? null : [...state.files.keys()].find((p) => !paths.has(p) && baseName(p) === ref.name);
        if (old) {
          state.files.set(ref.path, state.files.get(old));
          state.files.delete(old);
        }
      }
      renderFiles();
      renderDialect();
      // Each file under the path of its row: what the rows show is what is audited.
      const files = [...state.files].filter(([path]) => paths.has(path)).map(([path, f]) => ({ name: path, data: f.data }));
      const options = { texts, ...dataOptions() };
      if (state.trust.length) options.trust = state.trust;
      if (el.at.value) options.at = `${el.at.value.length === 16 ? `${el.at.value}:00` : el.at.value}Z`;
      const report = await callTool("auditConfig", configs, files, options);
      if (run !== state.run) return;
      // Audited while certlens's public intermediates were still coming: again once they are in.
      const settled = intermediatesSettled();
      if (settled) settled.then(() => { if (run === state.run) audit(); });
      state.report = report;
      el.status.textContent = state.tr.t("ui.server.status.done");
      // Completed audits, for tests (like the inspector's data-checks).
      el.result.dataset.audits = String(Number(el.result.dataset.audits || 0) + 1);
      renderResult();
    } catch (err) {
      if (run !== state.run) return;
      replace(el.status, state.tr.t("ui.server.status.failed", { message: err.message }));
    }
  }

  /* ---------- rendering ---------- */

  function render() {
    withTranslator(state.tr, () => {
      applyTexts(section, state.tr);
      renderDialect();
      renderFiles();
      renderTrust();
      renderResult();
    });
  }

  function renderTrust() {
    withTranslator(state.tr, () => {
      el.trustList.hidden = !state.trust.length;
      replace(el.trustList, state.trust.map((root, i) => h("li", null,
        icon("ok"), h("code", null, root.name), " ",
        h("button", { type: "button", class: "button server-quiet", onclick: () => { state.trust.splice(i, 1); renderTrust(); schedule(); } },
          t("ui.trust.remove", { name: root.name })))));
    });
  }

  function renderDialect() {
    const o = state.outline;
    const dialect = !el.config.value.trim() || !o ? "none" : o.dialect || "unknown";
    el.dialect.dataset.dialect = dialect;
    const tls = o ? o.servers.filter((s) => s.tls).length : 0;
    // Two sentences side by side (CSS gap): no space between them in Chinese or Japanese.
    replace(el.dialect, h("span", null, state.tr.t(`ui.server.dialect.${dialect}`)),
      o && o.dialect ? h("span", null, state.tr.tn("ui.server.servers", tls)) : null);
  }

  function renderFiles() {
    withTranslator(state.tr, () => {
      const refs = state.outline?.files || [];
      // Rows are rebuilt on every audit: keep the keyboard focus on the same button of its row.
      const active = el.files.contains(document.activeElement) ? document.activeElement : null;
      const path = active?.closest(".server-file")?.dataset.path;
      const action = active?.dataset.action;
      replace(el.files, refs.map((ref, i) => fileRow(ref, i)));
      if (active) {
        const row = [...el.files.children].find((li) => li.dataset.path === path);
        (row?.querySelector(`button[data-action="${action}"]`) || row?.querySelector("button"))?.focus();
      }
      el.filesNote.hidden = refs.length > 0 && !state.unmatched.length;
      replace(el.filesNote, state.unmatched.length
        ? state.unmatched.map((name) => t("ui.server.files.unmatched", { name })).join(" ")
        : t(state.outline?.dialect ? "ui.server.files.none" : "ui.server.files.empty"));
    });
  }

  function fileRow(ref, i) {
    const given = state.files.get(ref.path);
    const input = h("input", { type: "file", hidden: true, id: `server-file-${i}`, "aria-label": t("ui.server.file.input_label", { path: ref.path }) });
    input.addEventListener("change", () => {
      const file = input.files[0];
      if (file) give(ref.path, file);
    });
    const roles = ref.roles.map((r) => t(`ui.server.role.${r}`)).join(" + ");
    return h("li", { class: "server-file", dataset: { path: ref.path, name: ref.name, state: given ? "given" : "missing" } },
      h("div", { class: "server-file-what" },
        h("code", { class: "server-file-path" }, ref.path),
        h("span", { class: "server-file-meta" }, roles, " · ", place({ input: ref.file, line: ref.line }))),
      h("p", { class: "server-file-state" }, icon(given ? "ok" : "missing"),
        h("span", null, given ? t("ui.server.file.given", { name: given.name, size: size(given.size) }) : t("ui.server.file.not_given"))),
      h("div", { class: "server-file-actions" },
        h("button", { type: "button", class: "button", dataset: { action: "choose" }, "aria-label": t("ui.server.file.choose_label", { path: ref.path }), onclick: () => input.click() },
          t("ui.server.file.choose", { name: ref.name })),
        given ? h("button", { type: "button", class: "button server-quiet", dataset: { action: "remove" }, "aria-label": t("ui.server.file.remove_label", { path: ref.path }),
          onclick: () => { state.files.delete(ref.path); renderFiles(); schedule(); } }, t("ui.server.file.remove")) : null,
        input));
  }

  function size(bytes) {
    return new Intl.NumberFormat(state.tr.lang, { style: "unit", unit: bytes < 1024 ? "byte" : "kilobyte", maximumFractionDigits: 1 })
      .format(bytes < 1024 ? bytes : bytes / 1024);
  }

  function counts(summary) {
    return t("ui.verdict.counts", { errors: tn("ui.count.error", summary.errors), warnings: tn("ui.count.warning", summary.warnings), notes: tn("ui.count.note", summary.infos) });
  }

  function renderResult() {
    withTranslator(state.tr, () => {
      const r = state.report;
      if (!r || !el.config.value.trim()) {
        replace(el.result);
        el.status.textContent = "";
        return;
      }
      const ok = r.verdict === "ok";
      replace(el.result,
        h("p", { id: "server-verdict", class: "server-verdict", dataset: { verdict: r.verdict } },
          icon(ok ? "ok" : "error"), h("span", null, t(ok ? "ui.server.verdict.ok" : "ui.server.verdict.problems")),
          h("span", { class: "server-counts" }, counts(r.summary))),
        h("section", { class: "server-card", id: "server-config-findings", "aria-labelledby": "server-config-findings-title" },
          h("h3", { class: "server-heading", id: "server-config-findings-title" }, t("ui.server.config_findings")),
          r.findings.length ? findingList(r.findings) : h("p", { class: "server-note" }, t("ui.server.config_findings.none"))),
        r.servers.map(serverCard));
    });
  }

  function serverCard(server, i) {
    const names = server.names.length ? server.names.join(" ") : t("ui.server.server.no_names");
    const field = (label, value) => [h("dt", null, t(label)), h("dd", null, value)];
    const headingId = `server-audit-${i}-title`;
    return h("section", { class: "server-card server-audit", dataset: { names: server.names.join(" ") }, "aria-labelledby": headingId },
      h("h3", { class: "server-heading", id: headingId }, t("ui.server.server.heading", { names })),
      h("dl", { class: "server-fields" },
        field("ui.server.field.place", place({ input: server.file, line: server.line })),
        field("ui.server.field.listen", server.listen.length ? server.listen.join(", ") : t("ui.server.field.none")),
        field("ui.server.field.hosts", server.hosts.length ? server.hosts.join(", ") : t("ui.server.field.none")),
        field("ui.server.field.protocols", server.protocols ? server.protocols.join(" ") : t("ui.server.field.default")),
        field("ui.server.field.ciphers", server.ciphers === null ? t("ui.server.field.default") : h("code", null, server.ciphers))),
      server.certificates.map(certificateBlock));
  }

  function certificateBlock(cert) {
    const files = [["certificate", cert.certificate], ["key", cert.key], ["chain", cert.chain]]
      .filter(([, f]) => f).map(([role, f]) => [h("dt", null, t(`ui.server.role.${role}`)), h("dd", null, h("code", null, f.path))]);
    const report = cert.report;
    const verdict = !report ? h("p", { class: "server-cert-verdict", dataset: { verdict: "unchecked" } }, icon("missing"), h("span", null, t("ui.server.cert.not_checked")))
      : h("p", { class: "server-cert-verdict", dataset: { verdict: report.verdict } }, icon(report.verdict === "ok" ? "ok" : "error"),
        h("span", null, t(`ui.server.cert.verdict.${report.verdict}`, { counts: counts(report.summary) })));
    return h("div", { class: "server-cert" },
      h("dl", { class: "server-fields" }, files),
      verdict,
      report ? (report.findings.length ? findingList(report.findings) : h("p", { class: "server-note" }, t("ui.server.cert.no_findings"))) : null);
  }

  function findingList(findings) {
    return h("ul", { class: "server-findings" }, SEVERITIES.flatMap((severity) => findings.filter((f) => f.severity === severity).map((f) =>
      h("li", { class: `server-finding server-${severity}`, dataset: { code: f.code, severity } },
        icon(severity, "server-finding-icon"),
        h("div", { class: "server-finding-body" },
          h("p", { class: "server-finding-head" },
            h("span", { class: "server-sev" }, t(`ui.severity.${severity}.label`)), " ",
            h("code", { class: "server-code" }, f.code),
            f.location ? h("span", { class: "server-where" }, place(f.location)) : null),
          h("p", { class: "server-message" }, richText(f.message)),
          f.fix ? h("p", { class: "server-fix" }, h("strong", null, t("ui.findings.fix")), " ", richText(f.fix)) : null)))));
  }

  render();
  return {
    retranslate(next) {
      state.tr = next;
      render();
      // The findings are written by the core in the language of the texts it was given.
      if (el.config.value.trim()) audit();
    },
  };
}
