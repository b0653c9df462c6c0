// certlens page: the UI thread. It gathers the inputs, hands them to the checker (a Web
// Worker running the Rust core as WebAssembly) and renders the report it gets back. No check
// logic lives here, nothing is stored, and nothing is sent anywhere.

import { checker } from "./lib/boot.js";
import { h, icon } from "./lib/dom.js";
import { bytes, plural } from "./lib/format.js";
import { PASTE_NAME } from "./lib/report-model.js";
import { renderChain } from "./render/chain.js";
import { renderDeploy } from "./render/deploy.js";
import { renderFindings } from "./render/findings.js";
import { renderHostsTable, renderSuggestions } from "./render/hosts.js";
import { renderInputs } from "./render/inputs.js";
import { renderKeyMatch } from "./render/keymatch.js";
import { renderObjects } from "./render/objects.js";
import { renderVerdict } from "./render/verdict.js";

const MAX_INPUT_BYTES = 64 * 1024 * 1024; // the core's limit; one byte more tells it "too large"
const DEBOUNCE_MS = 250;
const BIG_INPUT = 512 * 1024; // show progress from this size on
const PASSWORD_CODES = ["key_encrypted", "wrong_password", "decrypt_failed"];
// A text area holding megabytes takes the browser seconds to lay out (and a native paste of
// it longer still): bigger pastes are kept in memory and only summarised in the page.
const HOLD_CHARS = 256 * 1024;
const PASTE_PLACEHOLDER = document.getElementById("paste").placeholder;

const $ = (id) => document.getElementById(id);
const el = {
  paste: $("paste"), pasteHeld: $("paste-held"), pasteHeldText: $("paste-held-text"), files: $("files"), dropzone: $("dropzone"), inputsList: $("inputs-list"),
  inputsEmpty: $("inputs-empty"), clearAll: $("clear-all"), hosts: $("hosts"), suggestions: $("host-suggestions"),
  at: $("at"), atNow: $("at-now"), passwordRow: $("password-row"), password: $("password"),
  status: $("status"), progress: $("status-progress"), results: $("results"), verdict: $("verdict"),
  findings: $("findings"), chain: $("chain"), chainSummary: $("chain-summary"), otherChains: $("other-chains"),
  hostsTable: $("hosts-table"), hostsNote: $("hosts-note"), keyMatch: $("key-match"), objects: $("objects"),
  download: $("download-fullchain"), copyFullchain: $("copy-fullchain"), fullchainNote: $("fullchain-note"),
  snippetServer: $("snippet-server"), snippet: $("snippet"), copySnippet: $("copy-snippet"), snippetNote: $("snippet-note"),
  themeToggle: $("theme-toggle"), version: $("version"),
  trustBox: $("trust-box"), trustFiles: $("trust-files"), trustChoose: $("trust-choose"), trustList: $("trust-list"),
};

const state = {
  files: [], // { name, size, data: Uint8Array, reading: boolean }
  held: null, // a paste too large to show in the text area
  trust: [], // roots the user trusts instead of the Mozilla roots: { name, data }
  report: null,
  snippets: null,
  checked: new Set(), // input names the shown report covers
  checks: 0,
  crashes: 0,
  atTouched: false,
  timer: 0,
  busyTimer: 0,
};

/* ---------- theme: follows the system until toggled; remembered only in this page ---------- */

const darkQuery = matchMedia("(prefers-color-scheme: dark)");
function effectiveTheme() {
  return document.documentElement.dataset.theme || (darkQuery.matches ? "dark" : "light");
}
function syncThemeButton() {
  const dark = effectiveTheme() === "dark";
  el.themeToggle.setAttribute("aria-pressed", String(dark));
  el.themeToggle.querySelector(".theme-toggle-label").textContent = dark ? "Light theme" : "Dark theme";
  el.themeToggle.setAttribute("aria-label", dark ? "Switch to the light theme" : "Switch to the dark theme");
}
el.themeToggle.addEventListener("click", () => {
  document.documentElement.dataset.theme = effectiveTheme() === "dark" ? "light" : "dark";
  syncThemeButton();
});
darkQuery.addEventListener("change", syncThemeButton);
syncThemeButton();

/* ---------- the checker ---------- */

function setStatus(text, busy = false) {
  el.status.textContent = text;
  el.results.setAttribute("aria-busy", String(busy));
}

checker.connect({
  onReady(version) {
    el.version.textContent = version || "?";
    document.documentElement.dataset.ready = "true";
    if (!hasInput()) setStatus("Ready. Paste or drop your files; they never leave this page.");
  },
  onFatal(message) {
    setStatus(`The checker could not be loaded (${message}). Reload the page; if this persists, the WebAssembly build (www/pkg/) is missing.`);
  },
  onStart(request) {
    const size = request.payload.inputs.reduce((n, i) => n + (typeof i.data === "string" ? i.data.length : i.data.byteLength), 0);
    request.size = size;
    clearTimeout(state.busyTimer);
    if (size >= BIG_INPUT) {
      showProgress(true);
      setStatus(`Checking ${bytes(size)} in the background… the page stays usable.`, true);
    } else {
      el.results.setAttribute("aria-busy", "true");
      // Only announce slow checks.
      state.busyTimer = setTimeout(() => { showProgress(true); setStatus("Checking…", true); }, 400);
    }
  },
  onResult(request, reply) {
    endBusy();
    if (reply.error) {
      setStatus(`The checker refused the input: ${reply.error}`);
      finishRender();
      return;
    }
    state.report = reply.report;
    state.snippets = reply.snippets;
    state.checked = new Set(request.payload.inputs.map((i) => i.name));
    render();
    const r = reply.report;
    const verdict = r.verdict === "ok" ? "ready to deploy" : "problems found";
    const time = reply.ms >= 1000 ? `${(reply.ms / 1000).toFixed(1)} s` : `${Math.max(1, Math.round(reply.ms))} ms`;
    setStatus(`Checked ${plural(r.objects.length, "object")} in ${time}: ${verdict} (${plural(r.summary.errors, "error")}, ${plural(r.summary.warnings, "warning")}).`);
    finishRender();
  },
  onCrash(request, message) {
    state.crashes += 1;
    document.body.dataset.crashes = String(state.crashes);
    if (!request) return; // it was checking input already replaced: nothing shown changes
    endBusy();
    // What is shown belongs to earlier input: do not leave it up as if it were this one's.
    state.report = null;
    state.snippets = null;
    state.checked = new Set();
    render();
    setStatus(`The checker stopped on this input${message ? ` (${message})` : ""} and was restarted. Change the input to check again, and please report the input that caused this.`);
  },
});

function showProgress(on) {
  el.progress.hidden = !on;
}

function endBusy() {
  clearTimeout(state.busyTimer);
  showProgress(false);
  el.results.setAttribute("aria-busy", "false");
}

function finishRender() {
  $("results-link").hidden = !state.report;
  state.checks += 1;
  document.body.dataset.checks = String(state.checks);
}

/* ---------- inputs ---------- */

function pasteText() {
  return state.held ?? el.paste.value;
}

function hasPaste() {
  return state.held !== null || /\S/.test(el.paste.value);
}

function hasInput() {
  return hasPaste() || state.files.length > 0;
}

/** Keeps a large paste out of the text area (see HOLD_CHARS). */
function hold(text) {
  state.held = text;
  el.paste.value = "";
  el.paste.placeholder = "Type or paste here to replace it.";
  el.pasteHeld.hidden = false;
  el.pasteHeldText.textContent = `${bytes(text.length)} of pasted text, checked in full but too large to show here.`;
}

function unhold() {
  if (state.held === null) return;
  state.held = null;
  el.paste.placeholder = PASTE_PLACEHOLDER;
  el.pasteHeld.hidden = true;
}

function hostList() {
  const seen = new Set();
  return el.hosts.value.split(/[\s,;]+/).map((s) => s.trim()).filter((s) => s && !seen.has(s.toLowerCase()) && seen.add(s.toLowerCase()));
}

function isoFromField(value) {
  // datetime-local gives "YYYY-MM-DDTHH:MM" or with ":SS(.mmm)"; the page reads it as UTC.
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2})?/.exec(value || "");
  if (!m) return null;
  const iso = `${m[1]}${m[2] || ":00"}Z`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

function fieldFromDate(date) {
  return date.toISOString().slice(0, 16);
}

function payload() {
  const inputs = [];
  if (hasPaste()) inputs.push({ name: PASTE_NAME, data: pasteText() });
  for (const f of state.files) if (!f.reading) inputs.push({ name: f.name, data: f.data });
  const hosts = hostList();
  const options = {};
  if (hosts.length) options.hosts = hosts;
  if (state.atTouched) {
    const at = isoFromField(el.at.value);
    if (at) options.at = at;
  } else {
    el.at.value = fieldFromDate(new Date());
  }
  if (el.password.value !== "") options.password = el.password.value;
  if (state.trust.length) options.trust = state.trust.map(({ name, data }) => ({ name, data }));
  return { inputs, options, snippetHosts: hosts };
}

function schedule(delay = DEBOUNCE_MS) {
  clearTimeout(state.timer);
  state.timer = setTimeout(run, delay);
}

function run() {
  clearTimeout(state.timer);
  renderInputList();
  if (!hasInput()) {
    checker.cancel();
    state.report = null;
    state.snippets = null;
    state.checked = new Set();
    endBusy();
    render();
    finishRender(); // the empty state counts as a completed check too
    setStatus(checker.ready ? "Ready. Paste or drop your files; they never leave this page." : "Loading the checker…");
    return;
  }
  const request = payload();
  if (!request.inputs.length) return; // files still being read: run() again when they are
  checker.check(request);
}

el.paste.addEventListener("paste", (e) => {
  const text = e.clipboardData && e.clipboardData.getData("text/plain");
  if (!text) return;
  const held = state.held !== null;
  const value = el.paste.value;
  // A paste while a large one is held replaces it; otherwise it goes where the caret is.
  const next = held ? text : value.slice(0, el.paste.selectionStart) + text + value.slice(el.paste.selectionEnd);
  if (next.length < HOLD_CHARS && !held) return; // the browser pastes it as usual
  e.preventDefault();
  if (next.length < HOLD_CHARS) {
    unhold();
    el.paste.value = next;
  } else {
    hold(next);
    setStatus(`Checking ${bytes(next.length)} of pasted text…`, true);
  }
  renderInputList();
  schedule(0);
});

$("paste-held-clear").addEventListener("click", () => {
  unhold();
  run();
  el.paste.focus();
});

el.paste.addEventListener("keydown", (e) => {
  if (state.held !== null && (e.key === "Backspace" || e.key === "Delete")) {
    e.preventDefault();
    unhold();
    run();
  }
});

el.paste.addEventListener("input", (e) => {
  const size = el.paste.value.length;
  if (size >= HOLD_CHARS) hold(el.paste.value); // set by a script or an extension: same rule
  else if (state.held !== null) unhold(); // typing replaces what was held
  if (size >= BIG_INPUT) setStatus(`Checking ${bytes(size)} of pasted text…`, true);
  renderInputList();
  // A paste or a drop is complete: check it now. Typing is checked once it pauses.
  const whole = e.inputType === "insertFromPaste" || e.inputType === "insertFromDrop";
  schedule(whole ? 0 : DEBOUNCE_MS);
});

el.hosts.addEventListener("input", () => schedule());
el.at.addEventListener("input", () => { state.atTouched = true; schedule(); });
el.atNow.addEventListener("click", () => { state.atTouched = false; schedule(0); });
el.password.addEventListener("input", () => schedule(400));

el.dropzone.addEventListener("click", () => el.files.click());
el.files.addEventListener("change", () => {
  addFiles([...el.files.files]);
  el.files.value = ""; // choosing the same file again fires change again
});

// Drops anywhere on the page land in the inputs; a stray drop never navigates away.
let dragDepth = 0;
document.addEventListener("dragenter", (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  dragDepth += 1;
  el.dropzone.classList.add("dragging");
});
document.addEventListener("dragover", (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  e.dataTransfer.dropEffect = "copy";
});
document.addEventListener("dragleave", (e) => {
  if (!hasFiles(e)) return;
  dragDepth = Math.max(0, dragDepth - 1);
  if (!dragDepth) el.dropzone.classList.remove("dragging");
});
document.addEventListener("drop", (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  dragDepth = 0;
  el.dropzone.classList.remove("dragging");
  addFiles([...e.dataTransfer.files]);
});
function hasFiles(e) {
  return e.dataTransfer && [...e.dataTransfer.types].includes("Files");
}

async function addFiles(list) {
  if (!list.length) return;
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
  setStatus(`Reading ${plural(list.length, "file")} (${bytes(total)}) in your browser…`, true);
  if (total >= BIG_INPUT) showProgress(true);
  renderInputList();
  await Promise.all(entries.map(async ([entry, file]) => {
    try {
      const blob = file.size > MAX_INPUT_BYTES ? file.slice(0, MAX_INPUT_BYTES + 1) : file;
      entry.data = new Uint8Array(await blob.arrayBuffer());
    } catch (err) {
      entry.data = new Uint8Array(0);
      setStatus(`Could not read ${entry.name}: ${err.message}`);
    }
    entry.reading = false;
  }));
  run();
}

function removeInput(name) {
  if (name === PASTE_NAME) {
    unhold();
    el.paste.value = "";
    el.paste.focus();
  } else {
    state.files = state.files.filter((f) => f.name !== name);
    el.dropzone.focus();
  }
  run();
}

el.clearAll.addEventListener("click", () => {
  unhold();
  el.paste.value = "";
  state.files = [];
  el.hosts.value = "";
  el.password.value = "";
  state.trust = [];
  renderTrustList();
  run();
  el.paste.focus();
});

function renderInputList() {
  const inputs = [];
  if (hasPaste()) inputs.push({ name: PASTE_NAME, size: pasteText().length });
  for (const f of state.files) inputs.push({ name: f.name, size: f.size, reading: f.reading });
  renderInputs(el.inputsList, el.inputsEmpty, el.clearAll, inputs, state.report, state.checked, removeInput);
}

/* ---------- rendering ---------- */

function render() {
  const report = state.report;
  renderVerdict(el.verdict, report);
  renderFindings(el.findings, report, { showLine, act });
  renderChain(el.chain, el.chainSummary, el.otherChains, report, copyText, { ownRoots: state.trust.length > 0 });
  renderHostsTable(el.hostsTable, el.hostsNote, report);
  renderSuggestions(el.suggestions, report, hostList(), addHost);
  renderKeyMatch(el.keyMatch, report);
  renderDeployNow();
  renderObjects(el.objects, report, copyText);
  renderInputList();
  syncPasswordRow();
}

function renderDeployNow() {
  renderDeploy({
    download: el.download, copyFullchain: el.copyFullchain, fullchainNote: el.fullchainNote,
    select: el.snippetServer, snippet: el.snippet, copySnippet: el.copySnippet, snippetNote: el.snippetNote,
  }, state.report, state.snippets);
}

function syncPasswordRow() {
  const report = state.report;
  const needed = report && report.findings.some((f) => PASSWORD_CODES.includes(f.code));
  const encrypted = report && report.objects.some((o) => o.kind === "private_key" && o.encryption);
  const show = Boolean(needed || encrypted || el.password.value !== "" || el.passwordRow.contains(document.activeElement));
  const appearing = show && el.passwordRow.hidden;
  el.passwordRow.hidden = !show;
  if (appearing) setStatus("A private key is encrypted: enter its password to compare it with the certificate.");
}

function addHost(name) {
  const hosts = hostList();
  if (!hosts.some((h) => h.toLowerCase() === name.toLowerCase())) hosts.push(name);
  el.hosts.value = hosts.join(", ");
  renderSuggestions(el.suggestions, state.report, hosts, addHost);
  // Keep keyboard users in the suggestions: focus the next one, else the field.
  const next = el.suggestions.querySelector("button.host-suggestion");
  (next || el.hosts).focus();
  schedule(0);
}

/** Selects a line of the pasted text (a finding's location). */
function showLine(input, line) {
  if (input !== PASTE_NAME) return;
  if (state.held !== null) {
    setStatus(`Line ${line} of the pasted text: it is too large to show here.`);
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
function act(what) {
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
    const report = state.report;
    const chain = report && report.chain;
    const root = chain && chain.order.length ? report.objects[chain.order[chain.order.length - 1]] : null;
    if (!root || !root.pem) return;
    addTrust([{ name: `${root.name} (from ${root.source.input})`, data: root.pem }]);
  }
}

function addTrust(roots) {
  for (const root of roots) {
    state.trust = state.trust.filter((r) => r.name !== root.name);
    state.trust.push(root);
  }
  el.trustBox.open = true;
  renderTrustList();
  setStatus(`Trusting ${plural(state.trust.length, "root")} of your own instead of the browsers' roots.`);
  schedule(0);
}

function renderTrustList() {
  el.trustList.replaceChildren(...state.trust.map((root) =>
    h("li", { class: "input-item" },
      h("span", { class: "input-icon" }, icon("root")),
      h("span", { class: "input-text" }, h("span", { class: "input-name" }, root.name)),
      h("button", {
        type: "button", class: "icon-button", "aria-label": `Stop trusting ${root.name}`,
        onclick: () => {
          state.trust = state.trust.filter((r) => r !== root);
          renderTrustList();
          el.trustChoose.focus();
          schedule(0);
        },
      }, icon("close")))));
}

el.trustChoose.addEventListener("click", () => el.trustFiles.click());
el.trustFiles.addEventListener("change", async () => {
  const files = [...el.trustFiles.files];
  el.trustFiles.value = "";
  const roots = await Promise.all(files.map(async (f) => ({ name: f.name, data: new Uint8Array(await f.slice(0, MAX_INPUT_BYTES).arrayBuffer()) })));
  if (roots.length) addTrust(roots);
});

async function copyText(text, button, what = "text") {
  let ok = false;
  try {
    await navigator.clipboard.writeText(text);
    ok = true;
  } catch {
    ok = legacyCopy(text);
  }
  setStatus(ok ? `Copied the ${what} to the clipboard.` : `Could not copy the ${what}: select it and copy it by hand.`);
  if (button && ok) {
    button.classList.add("copied");
    const label = button.lastChild;
    const before = label && label.nodeType === Node.TEXT_NODE ? label.textContent : null;
    if (before !== null) label.textContent = "Copied";
    setTimeout(() => {
      button.classList.remove("copied");
      if (before !== null) label.textContent = before;
    }, 1600);
  }
}

function legacyCopy(text) {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.className = "clipboard-helper";
  document.body.append(area);
  const focused = document.activeElement;
  area.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch {
    ok = false;
  }
  area.remove();
  focused?.focus?.();
  return ok;
}

el.download.addEventListener("click", () => {
  const pem = state.report && state.report.fullchain_pem;
  if (!pem) return;
  const url = URL.createObjectURL(new Blob([pem], { type: "application/x-pem-file" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = "fullchain.pem";
  a.className = "visually-hidden";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  setStatus("Saved fullchain.pem (made in this page; nothing was uploaded).");
});

el.copyFullchain.addEventListener("click", (e) => {
  const pem = state.report && state.report.fullchain_pem;
  if (pem) copyText(pem, e.currentTarget, "fullchain PEM");
});

el.snippetServer.addEventListener("change", renderDeployNow);
el.copySnippet.addEventListener("click", (e) => {
  const text = state.snippets && state.snippets[el.snippetServer.value];
  if (text) copyText(text, e.currentTarget, `${el.snippetServer.selectedOptions[0].textContent} snippet`);
});

/* ---------- start ---------- */

el.at.value = fieldFromDate(new Date());
renderInputList();
// The browser may restore form fields on reload: check what is there.
if (hasInput()) schedule(0);
