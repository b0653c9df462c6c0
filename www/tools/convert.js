// The Convert tool (#convert): files and/or a paste → `convert` of the tools module (in its
// worker, lib/tools.js) → one download per output. The conversions are the core's
// (src/convert.rs, as `certlens convert`); this module only collects inputs and passwords and
// offers the results. Passwords are read from their fields when Convert is pressed and passed
// to the worker; they are never written into the DOM, logged or stored.
//   mount(section, { tr }) -> { retranslate(tr) }
import { applyTexts } from "../lib/i18n.js";
import { h, icon, replace } from "../lib/dom.js";
import { callTool } from "../lib/tools.js";

// The targets offered, in this order, by `certlens convert --to` name; each has
// `ui.convert.target.<name>.label` and `.description`. NEEDS_NEW_PASSWORD: the targets that
// encrypt what they write.
const TARGETS = ["pem", "pfx", "der", "split", "pkcs8", "pkcs1", "sec1", "plain", "encrypted"];
const NEEDS_NEW_PASSWORD = new Set(["encrypted", "pfx"]);

// Errors the core words for the CLI ("--password-file"): the page says it its own way.
const PAGE_ERRORS = new Set(["password_needed", "new_password_needed"]);

const ICON_UPLOAD = () => icon("arrow", "convert-dropzone-icon");

export function mount(section, { tr: initial }) {
  let tr = initial;
  const t = (key, params) => tr.t(key, params);
  let files = []; // File objects, in the order chosen
  let urls = []; // object URLs of the offered downloads, revoked when replaced
  let shown = null; // what the result area shows (setResult), kept to retranslate
  let busy = false;

  const fileInput = h("input", { type: "file", id: "convert-files", multiple: true, class: "visually-hidden", tabindex: "-1", "data-i18n-attr": "aria-label: ui.convert.files.label" });
  const dropzone = h("button", { type: "button", id: "convert-dropzone", class: "convert-dropzone", "aria-labelledby": "convert-dropzone-title", "aria-describedby": "convert-dropzone-hint" },
    ICON_UPLOAD(),
    h("span", { id: "convert-dropzone-title", class: "convert-dropzone-title", "data-i18n": "ui.convert.files.choose" }),
    h("span", { id: "convert-dropzone-hint", class: "convert-hint", "data-i18n": "ui.convert.files.hint" }));
  const fileList = h("ul", { id: "convert-file-list", class: "convert-file-list", "data-i18n-attr": "aria-label: ui.convert.files.list" });
  const paste = h("textarea", { id: "convert-paste", rows: "6", spellcheck: "false", autocomplete: "off", autocapitalize: "off", "aria-describedby": "convert-paste-hint", "data-i18n-attr": "placeholder: ui.paste.placeholder" });
  const target = h("select", { id: "convert-to", "aria-describedby": "convert-to-description" },
    TARGETS.map((name) => h("option", { value: name, "data-i18n": `ui.convert.target.${name}.label` })));
  const targetDescription = h("p", { id: "convert-to-description", class: "convert-hint convert-target-description", "aria-live": "polite" });
  const password = h("input", { type: "password", id: "convert-password", autocomplete: "off", "aria-describedby": "convert-password-hint" });
  const newPassword = h("input", { type: "password", id: "convert-new-password", autocomplete: "new-password", "aria-describedby": "convert-new-password-hint" });
  const confirmPassword = h("input", { type: "password", id: "convert-new-password-confirm", autocomplete: "new-password" });
  const newPasswordRow = h("div", { id: "convert-new-password-row", class: "convert-field-group", hidden: true },
    h("div", { class: "convert-field" },
      h("label", { for: "convert-new-password", "data-i18n": "ui.convert.new_password.label" }),
      newPassword,
      h("p", { id: "convert-new-password-hint", class: "convert-hint", "data-i18n": "ui.convert.new_password.hint" })),
    h("div", { class: "convert-field" },
      h("label", { for: "convert-new-password-confirm", "data-i18n": "ui.convert.new_password.confirm" }),
      confirmPassword));
  const legacy = h("input", { type: "checkbox", id: "convert-legacy-pfx", "aria-describedby": "convert-legacy-pfx-hint" });
  const legacyRow = h("div", { id: "convert-legacy-pfx-row", class: "convert-field convert-check", hidden: true },
    h("div", { class: "convert-check-line" }, legacy, h("label", { for: "convert-legacy-pfx", "data-i18n": "ui.convert.legacy.label" })),
    h("p", { id: "convert-legacy-pfx-hint", class: "convert-hint", "data-i18n": "ui.convert.legacy.hint" }));
  const run = h("button", { type: "submit", id: "convert-run", class: "button convert-run" }, h("span", { "data-i18n": "ui.convert.run" }));
  const status = h("p", { id: "convert-status", class: "convert-status", role: "status", "aria-live": "polite" });
  const error = h("div", { id: "convert-error", class: "convert-error", role: "alert", hidden: true });
  const results = h("ul", { id: "convert-results", class: "convert-results", "aria-labelledby": "convert-results-title" });
  const resultsBlock = h("div", { class: "convert-results-block", hidden: true },
    h("h3", { id: "convert-results-title", "data-i18n": "ui.convert.results.title" }), results);

  const form = h("form", { id: "convert-form", class: "convert-form", novalidate: true },
    h("fieldset", { class: "convert-step" },
      h("legend", { "data-i18n": "ui.convert.step.input" }),
      fileInput, dropzone, fileList,
      h("div", { class: "convert-field" },
        h("label", { for: "convert-paste", "data-i18n": "ui.convert.paste.label" }),
        paste,
        h("p", { id: "convert-paste-hint", class: "convert-hint", "data-i18n": "ui.convert.paste.hint" }))),
    h("fieldset", { class: "convert-step" },
      h("legend", { "data-i18n": "ui.convert.step.target" }),
      h("div", { class: "convert-field" },
        h("label", { for: "convert-to", "data-i18n": "ui.convert.target.label" }),
        target, targetDescription)),
    h("fieldset", { class: "convert-step" },
      h("legend", { "data-i18n": "ui.convert.step.passwords" }),
      h("div", { class: "convert-field" },
        h("label", { for: "convert-password", "data-i18n": "ui.convert.password.label" }),
        password,
        h("p", { id: "convert-password-hint", class: "convert-hint", "data-i18n": "ui.convert.password.hint" })),
      newPasswordRow, legacyRow),
    h("div", { class: "convert-actions" }, run, status));

  replace(section,
    h("div", { class: "convert-tool" },
      h("h2", { class: "convert-title", "data-i18n": "ui.convert.title" }),
      h("p", { class: "convert-intro", "data-i18n": "ui.convert.intro" }),
      h("p", { id: "convert-privacy", class: "convert-privacy" }, icon("lock"), h("span", { "data-i18n": "ui.convert.privacy" })),
      form, error, resultsBlock));

  /* ---------- inputs ---------- */

  function addFiles(list) {
    files = files.concat([...list]);
    renderFiles();
  }

  function renderFiles() {
    replace(fileList, files.map((file, index) => h("li", { class: "convert-file", dataset: { name: file.name } },
      icon("file"),
      h("span", { class: "convert-file-name" }, file.name),
      h("span", { class: "convert-file-size" }, formatSize(file.size)),
      h("button", { type: "button", class: "button convert-small", "aria-label": t("ui.convert.files.remove_named", { name: file.name }),
        onclick: () => { files.splice(index, 1); renderFiles(); dropzone.focus(); } }, t("ui.convert.files.remove")))));
    fileList.hidden = files.length === 0;
  }

  function formatSize(bytes) {
    if (bytes < 1024) return t("ui.convert.size.bytes", { n: bytes });
    return t("ui.convert.size.kib", { n: Math.round((bytes / 1024) * 10) / 10 });
  }

  dropzone.addEventListener("click", () => fileInput.click());
  fileInput.addEventListener("change", () => {
    addFiles(fileInput.files);
    fileInput.value = ""; // the same file may be chosen again
  });
  // Files dropped anywhere on the tool are its inputs (not the hidden checker's: the page
  // hands on only drops nobody handled).
  for (const type of ["dragenter", "dragover"]) {
    section.addEventListener(type, (e) => {
      if (!e.dataTransfer || ![...e.dataTransfer.types].includes("Files")) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
      dropzone.classList.add("convert-dragging");
    });
  }
  section.addEventListener("dragleave", (e) => {
    if (!section.contains(e.relatedTarget)) dropzone.classList.remove("convert-dragging");
  });
  section.addEventListener("drop", (e) => {
    dropzone.classList.remove("convert-dragging");
    if (!e.dataTransfer || !e.dataTransfer.files.length) return;
    e.preventDefault();
    addFiles(e.dataTransfer.files);
  });

  /* ---------- target ---------- */

  function syncTarget() {
    targetDescription.textContent = t(`ui.convert.target.${target.value}.description`);
    newPasswordRow.hidden = !NEEDS_NEW_PASSWORD.has(target.value);
    legacyRow.hidden = target.value !== "pfx";
  }
  target.addEventListener("change", syncTarget);

  /* ---------- converting ---------- */

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (busy) return;
    setResult(null);
    for (const field of [password, newPassword, confirmPassword]) field.removeAttribute("aria-invalid");
    const to = target.value;
    const request = { to, texts: tr.coreTexts() };
    if (password.value) request.password = password.value;
    if (NEEDS_NEW_PASSWORD.has(to)) {
      if (!newPassword.value) return fail({ code: "new_password_needed" }, newPassword);
      if (newPassword.value !== confirmPassword.value) return fail({ code: "mismatch" }, confirmPassword);
      request.newPassword = newPassword.value;
    }
    if (to === "pfx") request.legacyPfx = legacy.checked;
    busy = true;
    run.setAttribute("aria-disabled", "true");
    section.setAttribute("aria-busy", "true");
    status.textContent = t(NEEDS_NEW_PASSWORD.has(to) || password.value ? "ui.convert.status.slow" : "ui.convert.status.working");
    try {
      const inputs = await readInputs();
      if (!inputs.length) return fail({ code: "no_input" }, dropzone);
      const result = await callTool("convert", inputs, request);
      if (result.error) {
        const field = ["password_needed", "wrong_password", "decrypt_failed"].includes(result.error.code) ? password : null;
        return fail(result.error, field);
      }
      setResult({ outputs: result.outputs });
    } catch (err) {
      // The tools module could not load or stopped: the browser's own message.
      fail({ code: "failed", reason: String((err && err.message) || err) });
    } finally {
      busy = false;
      run.removeAttribute("aria-disabled");
      section.removeAttribute("aria-busy");
    }
  });

  async function readInputs() {
    const inputs = await Promise.all(files.map(async (file) => ({ name: file.name, data: new Uint8Array(await file.arrayBuffer()) })));
    if (paste.value.trim()) inputs.push({ name: t("ui.paste.name"), data: paste.value });
    return inputs;
  }

  function fail(problem, field) {
    setResult({ error: problem });
    if (field) {
      if (field.type === "password") field.setAttribute("aria-invalid", "true");
      field.focus();
    }
  }

  /** Replaces what the result area shows: { outputs } | { error } | null. */
  function setResult(value) {
    for (const url of urls) URL.revokeObjectURL(url);
    urls = (value && value.outputs ? value.outputs : []).map((o) =>
      URL.createObjectURL(new Blob([o.data], { type: o.content === "pkcs12" ? "application/x-pkcs12" : o.der ? "application/octet-stream" : "application/x-pem-file" })));
    shown = value;
    render();
  }

  /** Renders `shown`; again on a language change (the downloads stay the same). */
  function render() {
    status.textContent = shown && shown.outputs ? tr.tn("ui.convert.status.done", shown.outputs.length) : "";
    error.hidden = !(shown && shown.error);
    replace(error, shown && shown.error ? [icon("error", "convert-error-icon"), h("p", null, errorText(shown.error))] : []);
    resultsBlock.hidden = !(shown && shown.outputs);
    replace(results, (shown && shown.outputs ? shown.outputs : []).map((output, i) => h("li", { class: "convert-output", dataset: { name: output.name, secret: output.secret, unprotected: output.unprotected } },
      icon(output.secret ? "key" : "file", "convert-output-icon"),
      h("div", { class: "convert-output-text" },
        h("span", { class: "convert-output-name" }, output.name),
        h("span", { class: "convert-hint" }, describe(output)),
        output.unprotected
          ? h("p", { class: "convert-warning" }, icon("warning"), h("span", null, t("ui.convert.output.unprotected")))
          : null),
      h("a", { class: "button convert-download", href: urls[i], download: output.name, "aria-label": t("ui.convert.download_named", { name: output.name }) },
        t("ui.convert.download")))));
  }

  function errorText(problem) {
    if (problem.code === "failed") return t("ui.convert.error.failed", { reason: problem.reason });
    if (problem.message === undefined || PAGE_ERRORS.has(problem.code)) return t(`ui.convert.error.${problem.code}`);
    return problem.message;
  }

  function describe(output) {
    if (output.content === null) return tr.tn("ui.convert.output.bundle", output.count);
    const what = t(`content.${output.content}`);
    if (output.content === "pkcs12") return t("ui.convert.output.pfx", { what });
    return t(output.der ? "ui.convert.output.der" : "ui.convert.output.pem", { what });
  }

  function retranslate(next) {
    tr = next;
    applyTexts(section, tr);
    syncTarget();
    renderFiles();
    render();
  }

  retranslate(tr);
  return { retranslate };
}
