// One <cert-inspector>'s controller: gathers its inputs, hands them to the page's one checker
// (lib/checker.js: Web Workers running the Rust core as WebAssembly) and renders the report
// with render/*.js. No check logic lives here, nothing is stored, and nothing is sent anywhere.
// Everything it touches is inside its shadow root, except the events it dispatches on its host.

import { getChecker } from "./checker.js";
import { h, icon, replace } from "./dom.js";
import { applyTexts, t, tn, withTranslator } from "./i18n.js";
import { bytes } from "./format.js";
import { renderChain } from "../render/chain.js";
import { renderDeploy } from "../render/deploy.js";
import { renderFindings } from "../render/findings.js";
import { renderHostsTable, renderSuggestions } from "../render/hosts.js";
import { renderInputs } from "../render/inputs.js";
import { renderKeyMatch } from "../render/keymatch.js";
import { renderObjects } from "../render/objects.js";
import { renderVerdict } from "../render/verdict.js";

const MAX_INPUT_BYTES = 64 * 1024 * 1024; // the core's limit; one byte more tells it "too large"
const DEBOUNCE_MS = 250;
const BIG_INPUT = 512 * 1024; // show progress from this size on
const PASSWORD_CODES = ["key_encrypted", "wrong_password", "decrypt_failed"];
// A text area holding megabytes takes the browser seconds to lay out (and a native paste of
// it longer still): bigger pastes are kept in memory and only summarised in the page.
const HOLD_CHARS = 256 * 1024;

// Every connected element: once one starts the page's checker, all of them connect to it.
const connected = new Set();

export const FAMILIES = ["format", "order", "chain", "trust", "key_match", "expiry", "domain", "strength", "usage"];
/** Which parts of the UI belong to which check families (data-section in the template). */
const SECTIONS = {
  chain: ["order", "chain", "trust", "expiry", "usage", "strength"],
  hosts: ["domain"],
  key: ["key_match"],
  deploy: ["order", "chain"],
  at: ["expiry", "chain", "trust"],
  trust: ["trust", "chain"],
};

/** "key_match, domain" -> ["key_match", "domain"]; null (all) when empty or nothing known. */
export function parseChecks(value) {
  if (value === null || value === undefined) return null;
  const list = String(value).split(/[\s,;]+/).map((s) => s.trim().toLowerCase()).filter((s) => FAMILIES.includes(s));
  return list.length ? [...new Set(list)] : null;
}

export function parseHosts(value) {
  const seen = new Set();
  return String(value || "").split(/[\s,;]+/).map((s) => s.trim())
    .filter((s) => s && !seen.has(s.toLowerCase()) && seen.add(s.toLowerCase()));
}

/** A checker message (lib/checker.js): the browser's text, or { key } of the catalogue. */
function describe(message) {
  return message && typeof message === "object" && message.key ? t(message.key) : String(message ?? "");
}

function fieldFromDate(date) {
  return date.toISOString().slice(0, 16);
}

/** An RFC 3339 instant (any offset) -> the #at field's "YYYY-MM-DDTHH:MM[:SS]" in UTC; null if unreadable. */
export function fieldFromInstant(value) {
  const ms = Date.parse(String(value || "").trim());
  if (Number.isNaN(ms)) return null;
  const iso = new Date(ms).toISOString();
  return iso.endsWith(":00.000Z") ? iso.slice(0, 16) : iso.slice(0, 19);
}

function isoFromField(value) {
  // datetime-local gives "YYYY-MM-DDTHH:MM" or with ":SS(.mmm)"; read as UTC.
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2})?/.exec(value || "");
  if (!m) return null;
  const iso = `${m[1]}${m[2] || ":00"}Z`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

export class Inspector {
  /**
   * @param {HTMLElement} host  the <cert-inspector> element (gets data-ready, data-checks, events)
   * @param {ShadowRoot} root   holds the template's markup
   */
  constructor(host, root) {
    this.host = host;
    this.root = root;
    this.translator = null;
    this.session = null;
    this.checks = null; // families to run; null: all
    this.compact = false;
    const $ = (id) => root.getElementById(id);
    this.el = {
      frame: root.querySelector(".ci"),
      paste: $("paste"), pasteHeld: $("paste-held"), pasteHeldText: $("paste-held-text"), pasteHeldClear: $("paste-held-clear"),
      files: $("files"), dropzone: $("dropzone"), inputsList: $("inputs-list"),
      inputsEmpty: $("inputs-empty"), clearAll: $("clear-all"), hosts: $("hosts"), suggestions: $("host-suggestions"),
      at: $("at"), atNow: $("at-now"), passwordRow: $("password-row"), password: $("password"),
      status: $("status"), progress: $("status-progress"), results: $("results"), resultsLink: $("results-link"), verdict: $("verdict"),
      findings: $("findings"), chain: $("chain"), chainSummary: $("chain-summary"), otherChains: $("other-chains"),
      hostsTable: $("hosts-table"), hostsNote: $("hosts-note"), keyMatch: $("key-match"), objects: $("objects"),
      download: $("download-fullchain"), copyFullchain: $("copy-fullchain"), fullchainNote: $("fullchain-note"),
      snippetServer: $("snippet-server"), snippet: $("snippet"), copySnippet: $("copy-snippet"), snippetNote: $("snippet-note"),
      trustBox: $("trust-box"), trustFiles: $("trust-files"), trustChoose: $("trust-choose"), trustList: $("trust-list"),
    };
    this.state = {
      files: [], // { name, size, data: Uint8Array, reading: boolean }
      held: null, // a paste too large to show in the text area
      trust: [], // roots the user trusts instead of the Mozilla roots: { name, data }
      report: null,
      snippets: null,
      checked: new Set(), // input names the shown report covers
      reportPaste: null, // the name the pasted text had in the shown report (its language's)
      checks: 0,
      crashes: 0,
      atTouched: false,
      timer: 0,
      busyTimer: 0,
      status: ["ui.status.idle", null], // [key, params] of the status line, re-rendered on a language change
      fatal: null,
    };
    this.el.at.value = fieldFromDate(new Date());
    this.wire();
  }

  /* ---------- language ---------- */

  /** Runs fn with this element's translator (t() and the format helpers use it). */
  tr(fn) {
    return this.translator ? withTranslator(this.translator, fn) : fn();
  }

  setTranslator(translator) {
    this.translator = translator;
    if (this.ready) this.markReady();
    this.tr(() => {
      applyTexts(this.root, translator);
      if (this.state.held !== null) this.hold(this.state.held);
      this.renderTrustList();
      this.render();
      this.showStatus();
    });
  }

  /* ---------- the checker (started on first use) ---------- */

  get started() {
    return this.session !== null;
  }

  connect() {
    connected.add(this);
    if ([...connected].some((i) => i.started)) this.start();
  }

  /** Connects to the page's checker, starting it if it is the first element to ask. */
  start() {
    if (this.session) return;
    queueMicrotask(() => { for (const other of connected) if (!other.started) other.start(); });
    this.session = getChecker().session({
      onReady: (version) => this.tr(() => this.onReady(version)),
      onFatal: (message) => this.tr(() => this.onFatal(message)),
      onStart: (request) => this.tr(() => this.onStart(request)),
      onResult: (request, reply) => this.tr(() => this.onResult(request, reply)),
      onCrash: (request, message) => this.tr(() => this.onCrash(request, message)),
      onData: (info) => this.onData(info),
    });
    if (!this.session.ready) this.setStatus("ui.status.loading");
  }

  stop() {
    connected.delete(this);
    if (!this.session) return;
    this.session.close();
    this.session = null;
    clearTimeout(this.state.timer);
    clearTimeout(this.state.busyTimer);
  }

  get ready() {
    return Boolean(this.session && this.session.ready);
  }

  onReady(version) {
    this.version = version;
    this.onData({ intermediates: this.session.intermediates });
    if (this.translator) this.markReady();
    if (this.hasInput()) this.schedule(0);
    else this.setStatus("ui.status.ready");
  }

  /**
   * The state of certlens's public intermediates (lib/checker.js), on the host as
   * data-intermediates: "loading" (fetched at idle after ready), "loaded" or "unavailable".
   * A report made while they were loading is checked again by the checker when they arrive.
   */
  onData(info) {
    if (info && info.intermediates) this.host.dataset.intermediates = info.intermediates;
  }

  /**
   * Ready once the checker (with the root programs) and the language are both loaded; the one
   * request after that is the public intermediates, at idle, whatever the input.
   */
  markReady() {
    if (this.host.dataset.ready === "true") return;
    this.host.dataset.ready = "true";
    this.host.dispatchEvent(new CustomEvent("ready", { bubbles: true, composed: true, detail: { version: this.version } }));
  }

  onFatal(message) {
    this.state.fatal = message;
    this.setStatus("ui.status.fatal", { message: () => describe(message) });
  }

  onStart(request) {
    const size = request.payload.inputs.reduce((n, i) => n + (typeof i.data === "string" ? i.data.length : i.data.byteLength), 0);
    request.size = size;
    clearTimeout(this.state.busyTimer);
    if (size >= BIG_INPUT) {
      this.showProgress(true);
      this.setStatus("ui.status.checking_big", { size: bytes(size) }, true);
    } else {
      this.el.results.setAttribute("aria-busy", "true");
      // Only announce slow checks.
      this.state.busyTimer = setTimeout(() => this.tr(() => { this.showProgress(true); this.setStatus("ui.status.checking", null, true); }), 400);
    }
  }

  onResult(request, reply) {
    this.endBusy();
    if (reply.errorKey) {
      this.setStatus(reply.errorKey);
      this.finishRender();
      return;
    }
    if (reply.error) {
      this.setStatus("ui.status.refused", { error: reply.error });
      this.finishRender();
      return;
    }
    const report = reply.report;
    this.state.report = report;
    this.state.snippets = reply.snippets;
    this.state.checked = new Set(request.payload.inputs.map((i) => i.name));
    this.state.reportPaste = request.payload.pasteName;
    this.render();
    const ms = reply.ms;
    const time = ms >= 1000 ? t("ui.time.seconds", { s: new Intl.NumberFormat(this.translator?.lang, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(ms / 1000) }) : t("ui.time.ms", { ms: Math.max(1, Math.round(ms)) });
    this.setStatus(report.verdict === "ok" ? "ui.status.checked_ok" : "ui.status.checked_problems", {
      objects: () => tn("ui.count.object", report.objects.length), time,
      errors: () => tn("ui.count.error", report.summary.errors), warnings: () => tn("ui.count.warning", report.summary.warnings),
    });
    this.finishRender();
    this.host.dispatchEvent(new CustomEvent("report", { bubbles: true, composed: true, detail: report }));
  }

  onCrash(request, message) {
    this.state.crashes += 1;
    this.host.dataset.crashes = String(this.state.crashes);
    if (!request) return; // it was checking input already replaced: nothing shown changes
    this.endBusy();
    // What is shown belongs to earlier input: do not leave it up as if it were this one's.
    this.state.report = null;
    this.state.snippets = null;
    this.state.checked = new Set();
    this.state.reportPaste = null;
    this.render();
    this.setStatus(message ? "ui.status.crashed_message" : "ui.status.crashed", { message: () => describe(message) });
  }

  /* ---------- status line ---------- */

  setStatus(key, params = null, busy = false) {
    this.state.status = [key, params];
    this.showStatus();
    this.el.results.setAttribute("aria-busy", String(busy));
  }

  showStatus() {
    const [key, params] = this.state.status;
    const values = {};
    for (const [k, v] of Object.entries(params || {})) values[k] = typeof v === "function" ? v() : v;
    replace(this.el.status, t(key, values));
  }

  showProgress(on) {
    this.el.progress.hidden = !on;
  }

  endBusy() {
    clearTimeout(this.state.busyTimer);
    this.showProgress(false);
    this.el.results.setAttribute("aria-busy", "false");
  }

  finishRender() {
    this.el.resultsLink.hidden = !this.state.report;
    this.state.checks += 1;
    this.host.dataset.checks = String(this.state.checks);
  }

  /* ---------- inputs ---------- */

  /**
   * The input name of the pasted text: "pasted text" in the element's language. The core
   * writes input names into finding messages, so it follows the language (a change of
   * language checks again); what matches inputs by name uses the name of the request.
   */
  pasteName() {
    return this.translator ? this.translator.t("ui.paste.name") : t("ui.paste.name");
  }

  pasteText() {
    return this.state.held ?? this.el.paste.value;
  }

  hasPaste() {
    return this.state.held !== null || /\S/.test(this.el.paste.value);
  }

  hasInput() {
    return this.hasPaste() || this.state.files.length > 0;
  }

  /** Keeps a large paste out of the text area (see HOLD_CHARS). */
  hold(text) {
    this.state.held = text;
    this.el.paste.value = "";
    this.el.paste.placeholder = t("ui.paste.placeholder_held");
    this.el.pasteHeld.hidden = false;
    this.el.pasteHeldText.textContent = t("ui.paste.held", { size: bytes(text.length) });
  }

  unhold() {
    if (this.state.held === null) return;
    this.state.held = null;
    this.el.paste.placeholder = t("ui.paste.placeholder");
    this.el.pasteHeld.hidden = true;
  }

  hostList() {
    return parseHosts(this.el.hosts.value);
  }

  setHosts(value) {
    this.el.hosts.value = parseHosts(value).join(", ");
    this.refresh();
  }

  /** The `at` attribute: an RFC 3339 instant, or null for "now". */
  setAt(value) {
    const field = value ? fieldFromInstant(value) : null;
    this.state.atTouched = Boolean(field);
    this.el.at.value = field || fieldFromDate(new Date());
    this.refresh();
  }

  setChecks(list) {
    this.checks = list;
    for (const part of this.root.querySelectorAll("[data-section]")) {
      const families = SECTIONS[part.dataset.section] || [];
      part.classList.toggle("section-off", Boolean(list) && !families.some((f) => list.includes(f)));
    }
    this.refresh();
  }

  setCompact(on) {
    this.compact = on;
    this.syncExpanded();
  }

  syncExpanded() {
    this.el.frame.dataset.expanded = String(!this.compact || this.hasInput());
  }

  payload() {
    const inputs = [];
    const pasteName = this.hasPaste() ? this.pasteName() : null;
    if (pasteName !== null) inputs.push({ name: pasteName, data: this.pasteText() });
    for (const f of this.state.files) if (!f.reading) inputs.push({ name: f.name, data: f.data });
    const hosts = this.hostList();
    const options = {};
    if (hosts.length) options.hosts = hosts;
    if (this.state.atTouched) {
      const at = isoFromField(this.el.at.value);
      if (at) options.at = at;
    } else {
      this.el.at.value = fieldFromDate(new Date());
    }
    if (this.el.password.value !== "") options.password = this.el.password.value;
    if (this.state.trust.length) options.trust = this.state.trust.map(({ name, data }) => ({ name, data }));
    if (this.checks) options.checks = [...this.checks];
    if (this.translator) options.texts = this.translator.coreTexts();
    return { inputs, options, snippetHosts: hosts, pasteName };
  }

  /** Checks again when there is something to check (after a setting changed). */
  refresh() {
    if (this.hasInput()) this.schedule(0);
  }

  schedule(delay = DEBOUNCE_MS) {
    clearTimeout(this.state.timer);
    this.state.timer = setTimeout(() => this.tr(() => this.run()), delay);
  }

  run() {
    clearTimeout(this.state.timer);
    this.renderInputList();
    this.syncExpanded();
    if (!this.hasInput()) {
      this.session?.cancel();
      this.state.report = null;
      this.state.snippets = null;
      this.state.checked = new Set();
      this.state.reportPaste = null;
      this.endBusy();
      this.render();
      this.finishRender(); // the empty state counts as a completed check too
      this.setStatus(this.state.fatal ? "ui.status.fatal" : this.ready ? "ui.status.ready" : this.started ? "ui.status.loading" : "ui.status.idle", { message: () => describe(this.state.fatal) });
      return;
    }
    this.start();
    // The language (and so the paste's name and the texts of the findings) is still loading:
    // updateLanguage() checks again once it is there.
    if (!this.translator) return;
    const request = this.payload();
    if (!request.inputs.length) return; // files still being read: run() again when they are
    this.session.check(request);
  }

  wire() {
    const { el, state } = this;
    const on = (target, type, fn) => target.addEventListener(type, (e) => this.tr(() => fn(e)));

    on(el.paste, "paste", (e) => {
      const text = e.clipboardData && e.clipboardData.getData("text/plain");
      if (!text) return;
      const held = state.held !== null;
      const value = el.paste.value;
      // A paste while a large one is held replaces it; otherwise it goes where the caret is.
      const next = held ? text : value.slice(0, el.paste.selectionStart) + text + value.slice(el.paste.selectionEnd);
      if (next.length < HOLD_CHARS && !held) return; // the browser pastes it as usual
      e.preventDefault();
      if (next.length < HOLD_CHARS) {
        this.unhold();
        el.paste.value = next;
      } else {
        this.hold(next);
        this.setStatus("ui.status.checking_paste", { size: bytes(next.length) }, true);
      }
      this.renderInputList();
      this.schedule(0);
    });

    on(el.pasteHeldClear, "click", () => {
      this.unhold();
      this.run();
      el.paste.focus();
    });

    on(el.paste, "keydown", (e) => {
      if (state.held !== null && (e.key === "Backspace" || e.key === "Delete")) {
        e.preventDefault();
        this.unhold();
        this.run();
      }
    });

    on(el.paste, "input", (e) => {
      const size = el.paste.value.length;
      if (size >= HOLD_CHARS) this.hold(el.paste.value); // set by a script or an extension: same rule
      else if (state.held !== null) this.unhold(); // typing replaces what was held
      if (size >= BIG_INPUT) this.setStatus("ui.status.checking_paste", { size: bytes(size) }, true);
      this.renderInputList();
      this.syncExpanded();
      // A paste or a drop is complete: check it now. Typing is checked once it pauses.
      const whole = e.inputType === "insertFromPaste" || e.inputType === "insertFromDrop";
      this.schedule(whole ? 0 : DEBOUNCE_MS);
    });

    on(el.hosts, "input", () => this.schedule());
    on(el.at, "input", () => { state.atTouched = true; this.schedule(); });
    on(el.atNow, "click", () => { state.atTouched = false; this.schedule(0); });
    on(el.password, "input", () => this.schedule(400));

    on(el.dropzone, "click", () => el.files.click());
    on(el.files, "change", () => {
      this.addFiles([...el.files.files]);
      el.files.value = ""; // choosing the same file again fires change again
    });

    // Drops anywhere on the element land in its inputs; a stray drop never navigates away.
    let dragDepth = 0;
    const hasFiles = (e) => e.dataTransfer && [...e.dataTransfer.types].includes("Files");
    on(this.host, "dragenter", (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      this.start(); // the user is about to give input: load the checker meanwhile
      dragDepth += 1;
      el.dropzone.classList.add("dragging");
    });
    on(this.host, "dragover", (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
    });
    on(this.host, "dragleave", (e) => {
      if (!hasFiles(e)) return;
      dragDepth = Math.max(0, dragDepth - 1);
      if (!dragDepth) el.dropzone.classList.remove("dragging");
    });
    on(this.host, "drop", (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      dragDepth = 0;
      el.dropzone.classList.remove("dragging");
      this.addFiles([...e.dataTransfer.files]);
    });

    on(el.clearAll, "click", () => {
      this.unhold();
      el.paste.value = "";
      state.files = [];
      el.hosts.value = "";
      el.password.value = "";
      state.trust = [];
      this.renderTrustList();
      this.run();
      el.paste.focus();
    });

    on(el.trustChoose, "click", () => el.trustFiles.click());
    on(el.trustFiles, "change", async () => {
      const files = [...el.trustFiles.files];
      el.trustFiles.value = "";
      const roots = await Promise.all(files.map(async (f) => ({ name: f.name, data: new Uint8Array(await f.slice(0, MAX_INPUT_BYTES).arrayBuffer()) })));
      if (roots.length) this.tr(() => this.addTrust(roots));
    });

    on(el.download, "click", () => {
      const pem = state.report && state.report.fullchain_pem;
      if (!pem) return;
      const url = URL.createObjectURL(new Blob([pem], { type: "application/x-pem-file" }));
      const a = h("a", { href: url, download: "fullchain.pem", class: "visually-hidden" });
      this.el.frame.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      this.setStatus("ui.status.saved_fullchain");
    });

    on(el.copyFullchain, "click", (e) => {
      const pem = state.report && state.report.fullchain_pem;
      if (pem) this.copyText(pem, e.currentTarget, t("ui.copy.what.fullchain"));
    });

    on(el.snippetServer, "change", () => this.renderDeployNow());
    on(el.copySnippet, "click", (e) => {
      const text = state.snippets && state.snippets[el.snippetServer.value];
      if (text) this.copyText(text, e.currentTarget, t("ui.copy.what.snippet", { server: el.snippetServer.selectedOptions[0].textContent }));
    });

    // In-element links (#object-3, #results): a fragment cannot reach into a shadow root.
    on(this.root, "click", (e) => {
      const a = e.target.closest && e.target.closest('a[href^="#"]');
      if (!a || !this.root.contains(a)) return;
      const target = this.root.getElementById(a.getAttribute("href").slice(1));
      if (!target) return;
      e.preventDefault();
      if (target.tagName === "DETAILS") target.open = true;
      if (!target.hasAttribute("tabindex") && !target.matches("details, a, button, input, textarea, select")) target.setAttribute("tabindex", "-1");
      target.scrollIntoView({ block: "start", behavior: "smooth" });
      (target.tagName === "DETAILS" ? target.querySelector("summary") : target).focus({ preventScroll: true });
    });
  }

  async addFiles(list) {
    if (!list.length) return;
    this.start();
    const { state } = this;
    // Same name as an earlier file: the new one replaces it (a corrected file dropped again).
    // Same name twice in one batch: number them.
    const batch = new Map();
    const entries = list.map((file) => {
      let name = file.name || "file";
      if (batch.has(name)) {
        let n = 2;
        while (batch.has(`${name} (${n})`)) n += 1;
        name = `${name} (${n})`;
      }
      batch.set(name, true);
      state.files = state.files.filter((f) => f.name !== name);
      const entry = { name, size: file.size, data: null, reading: true };
      state.files.push(entry);
      return [entry, file];
    });
    const total = list.reduce((n, f) => n + f.size, 0);
    this.tr(() => {
      this.setStatus("ui.status.reading", { files: () => tn("ui.count.file", list.length), size: () => bytes(total) }, true);
      if (total >= BIG_INPUT) this.showProgress(true);
      this.renderInputList();
      this.syncExpanded();
    });
    await Promise.all(entries.map(async ([entry, file]) => {
      try {
        const blob = file.size > MAX_INPUT_BYTES ? file.slice(0, MAX_INPUT_BYTES + 1) : file;
        entry.data = new Uint8Array(await blob.arrayBuffer());
      } catch (err) {
        entry.data = new Uint8Array(0);
        this.tr(() => this.setStatus("ui.status.read_failed", { name: entry.name, error: err.message }));
      }
      entry.reading = false;
    }));
    this.tr(() => this.run());
  }

  /** Removes one entry of the inputs list ({ name, paste }). */
  removeInput(input) {
    if (input.paste) {
      this.unhold();
      this.el.paste.value = "";
      this.el.paste.focus();
    } else {
      this.state.files = this.state.files.filter((f) => f.name !== input.name);
      this.el.dropzone.focus();
    }
    this.run();
  }

  renderInputList() {
    const inputs = [];
    // The paste is listed under its name in the current language; the shown report may know
    // it by the name of an earlier language (reportName) until the check in the new one lands.
    if (this.hasPaste()) inputs.push({ name: this.pasteName(), size: this.pasteText().length, paste: true, reportName: this.state.reportPaste ?? undefined });
    for (const f of this.state.files) inputs.push({ name: f.name, size: f.size, reading: f.reading });
    renderInputs(this.el.inputsList, this.el.inputsEmpty, this.el.clearAll, inputs, this.state.report, this.state.checked, (input) => this.removeInput(input));
  }

  /* ---------- rendering ---------- */

  render() {
    const { el, state } = this;
    const report = state.report;
    renderVerdict(el.verdict, report, this.checks);
    renderFindings(el.findings, report, {
      pasteName: state.reportPaste,
      showLine: (input, line) => this.showLine(input, line),
      act: (what) => this.act(what),
      canAct: (what) => !(this.compact && (what === "trust" || what === "trust-root")) && !(what === "download" && this.isOff("deploy")),
    });
    renderChain(el.chain, el.chainSummary, el.otherChains, report, (...a) => this.copyText(...a), { ownRoots: state.trust.length > 0 });
    renderHostsTable(el.hostsTable, el.hostsNote, report);
    renderSuggestions(el.suggestions, report, this.hostList(), (name) => this.addHost(name));
    renderKeyMatch(el.keyMatch, report);
    this.renderDeployNow();
    renderObjects(el.objects, report, (...a) => this.copyText(...a));
    this.renderInputList();
    this.syncPasswordRow();
    this.syncExpanded();
  }

  isOff(section) {
    const part = this.root.querySelector(`[data-section="${section}"]`);
    return Boolean(part && part.classList.contains("section-off"));
  }

  renderDeployNow() {
    const { el } = this;
    renderDeploy({
      download: el.download, copyFullchain: el.copyFullchain, fullchainNote: el.fullchainNote,
      select: el.snippetServer, snippet: el.snippet, copySnippet: el.copySnippet, snippetNote: el.snippetNote,
    }, this.state.report, this.state.snippets);
  }

  syncPasswordRow() {
    const { el } = this;
    const report = this.state.report;
    const needed = report && report.findings.some((f) => PASSWORD_CODES.includes(f.code));
    const encrypted = report && report.objects.some((o) => o.kind === "private_key" && o.encryption);
    const show = Boolean(needed || encrypted || el.password.value !== "" || el.passwordRow.contains(this.root.activeElement));
    const appearing = show && el.passwordRow.hidden;
    el.passwordRow.hidden = !show;
    if (appearing) this.setStatus("ui.status.password_needed");
  }

  addHost(name) {
    const { el } = this;
    const hosts = this.hostList();
    if (!hosts.some((x) => x.toLowerCase() === name.toLowerCase())) hosts.push(name);
    el.hosts.value = hosts.join(", ");
    renderSuggestions(el.suggestions, this.state.report, hosts, (n) => this.addHost(n));
    // Keep keyboard users in the suggestions: focus the next one, else the field.
    const next = el.suggestions.querySelector("button.host-suggestion");
    (next || el.hosts).focus();
    this.schedule(0);
  }

  /** Selects a line of the pasted text (a finding's location). */
  showLine(input, line) {
    const { el } = this;
    if (input === null || input !== this.state.reportPaste) return;
    if (this.state.held !== null) {
      this.setStatus("ui.status.line_too_large", { line });
      return;
    }
    const text = el.paste.value;
    let start = 0;
    for (let i = 1; i < line && start !== -1; i++) {
      start = text.indexOf("\n", start);
      if (start !== -1) start += 1;
    }
    if (start === -1) return;
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    el.paste.focus();
    el.paste.setSelectionRange(start, end);
    const lineHeight = parseFloat(getComputedStyle(el.paste).lineHeight) || 20;
    el.paste.scrollTop = Math.max(0, (line - 3) * lineHeight);
    el.paste.scrollIntoView({ block: "center", behavior: "smooth" });
  }

  /* ---------- actions ---------- */

  /** What a finding's action button asks for (render/findings.js). */
  act(what) {
    const { el } = this;
    if (what === "download") el.download.click();
    else if (what === "password") {
      el.passwordRow.hidden = false;
      el.password.focus();
    } else if (what === "trust") {
      el.trustBox.open = true;
      el.trustChoose.focus();
      el.trustBox.scrollIntoView({ block: "nearest", behavior: "smooth" });
    } else if (what === "trust-root") {
      // The root is among the inputs: trust that very certificate.
      const report = this.state.report;
      const chain = report && report.chain;
      const root = chain && chain.order.length ? report.objects[chain.order[chain.order.length - 1]] : null;
      if (!root || !root.pem) return;
      this.addTrust([{ name: t("ui.trust.from_input", { name: root.name, input: root.source.input }), data: root.pem }]);
    }
  }

  addTrust(roots) {
    for (const root of roots) {
      this.state.trust = this.state.trust.filter((r) => r.name !== root.name);
      this.state.trust.push(root);
    }
    this.el.trustBox.open = true;
    this.renderTrustList();
    this.setStatus("ui.status.trusting", { roots: () => tn("ui.count.root", this.state.trust.length) });
    this.schedule(0);
  }

  renderTrustList() {
    this.el.trustList.replaceChildren(...this.state.trust.map((root) =>
      h("li", { class: "input-item" },
        h("span", { class: "input-icon" }, icon("root")),
        h("span", { class: "input-text" }, h("span", { class: "input-name" }, root.name)),
        h("button", {
          type: "button", class: "icon-button", "aria-label": t("ui.trust.remove", { name: root.name }),
          onclick: () => {
            this.state.trust = this.state.trust.filter((r) => r !== root);
            this.renderTrustList();
            this.el.trustChoose.focus();
            this.schedule(0);
          },
        }, icon("close")))));
  }

  async copyText(text, button, what = t("ui.copy.what.text")) {
    const translator = this.translator;
    let ok = false;
    try {
      await navigator.clipboard.writeText(text);
      ok = true;
    } catch {
      ok = this.legacyCopy(text);
    }
    this.tr(() => {
      this.setStatus(ok ? "ui.status.copied" : "ui.status.copy_failed", { what });
      if (button && ok) {
        button.classList.add("copied");
        // The label is the button's last text (a text node, or a <span> of its own).
        const label = [...button.childNodes].reverse().find((n) => n.nodeType === Node.TEXT_NODE ? n.textContent.trim() : n.nodeName === "SPAN");
        const before = label ? label.textContent : null;
        if (label) label.textContent = translator ? translator.t("ui.copy.copied") : t("ui.copy.copied");
        setTimeout(() => {
          button.classList.remove("copied");
          if (label) label.textContent = before;
        }, 1600);
      }
    });
  }

  legacyCopy(text) {
    const area = h("textarea", { readonly: true, class: "clipboard-helper" });
    area.value = text;
    this.el.frame.append(area);
    const focused = this.root.activeElement;
    area.select();
    let ok;
    try {
      ok = document.execCommand("copy");
    } catch {
      ok = false;
    }
    area.remove();
    focused?.focus?.();
    return ok;
  }
}
