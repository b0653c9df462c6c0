// The full page around <cert-inspector>: theme toggle, language switch, version chip, drops
// anywhere on the page, and the tools (#convert, #server). All checking and rendering happens
// in the element; each tool is a module tools/<name>.js, imported the first time it is opened:
//   mount(section, { tr }) -> { retranslate(tr) }
// `tr` is the page's translator (lib/i18n.js); retranslate is called on a language change.
import { LANGS, applyTexts, catalogue, supported, translator } from "./lib/i18n.js";

const root = document.documentElement;
const checker = document.getElementById("checker");
const toggle = document.getElementById("theme-toggle");
const langSelect = document.getElementById("lang-select");
let tr = null;

/* ---------- language: the <select> sets <html lang>, which the element follows ---------- */

async function setLanguage(lang) {
  const code = supported(lang) || "en";
  root.lang = code;
  langSelect.value = code;
  checker.setAttribute("lang", code);
  const next = await translator(code);
  if (root.lang !== code) return; // changed again meanwhile
  tr = next;
  applyTexts(document, tr);
  for (const tool of mounted.values()) tool.then((t) => t && t.retranslate && t.retranslate(tr));
  document.title = tr.t("ui.page.title");
  const meta = document.querySelector('meta[name="description"]');
  if (meta) meta.content = tr.t("ui.page.description");
  syncThemeButton();
}

langSelect.addEventListener("change", () => setLanguage(langSelect.value));

// Each option in its own language, by its catalogue's `language.name` ("English", "简体中文",
// "日本語"). The catalogues are fetched now, with the page's own: switching later needs no request.
for (const lang of LANGS) {
  catalogue(lang).then((texts) => {
    const option = langSelect.querySelector(`option[value="${lang}"]`);
    if (option && typeof texts["language.name"] === "string" && texts["language.name"]) option.textContent = texts["language.name"];
  });
}

/* ---------- theme: follows the system until toggled; remembered only in this page ---------- */

const darkQuery = matchMedia("(prefers-color-scheme: dark)");
function effectiveTheme() {
  return root.dataset.theme || (darkQuery.matches ? "dark" : "light");
}
function syncThemeButton() {
  const dark = effectiveTheme() === "dark";
  toggle.setAttribute("aria-pressed", String(dark));
  if (!tr) return;
  toggle.querySelector(".theme-toggle-label").textContent = tr.t(dark ? "ui.page.theme.light" : "ui.page.theme.dark");
  toggle.setAttribute("aria-label", tr.t(dark ? "ui.page.theme.to_light" : "ui.page.theme.to_dark"));
}
toggle.addEventListener("click", () => {
  root.dataset.theme = effectiveTheme() === "dark" ? "light" : "dark";
  syncThemeButton();
});
darkQuery.addEventListener("change", syncThemeButton);

/* ---------- the element ---------- */

checker.addEventListener("ready", (e) => {
  document.getElementById("version").textContent = e.detail.version || "?";
});
if (checker.dataset.ready === "true" && checker.inspector) {
  document.getElementById("version").textContent = checker.inspector.version || "?";
}

// Files dropped anywhere on the page go to the checker while it is shown (the tools take drops
// on their own sections); a stray drop never navigates away. (Drops on the element itself are
// handled by it, and arrive here already handled.)
const hasFiles = (e) => e.dataTransfer && [...e.dataTransfer.types].includes("Files");
for (const type of ["dragenter", "dragover"]) {
  document.addEventListener(type, (e) => {
    if (!hasFiles(e) || e.defaultPrevented) return;
    e.preventDefault();
    if (type === "dragover") e.dataTransfer.dropEffect = "copy";
  });
}
document.addEventListener("drop", (e) => {
  if (!hasFiles(e) || e.defaultPrevented) return;
  e.preventDefault();
  if (document.getElementById("inspect").hidden) return;
  customElements.whenDefined("cert-inspector").then(() => checker.addFiles(e.dataTransfer.files));
});

/* ---------- tools: one section per #hash, the inspector when there is none ---------- */

// Literal specifiers, so scripts/build-npm.sh sees the tools as the page's own (and leaves them out).
const TOOLS = { convert: () => import("./tools/convert.js"), server: () => import("./tools/server.js") };
const mounted = new Map();

function showTool() {
  const name = location.hash.slice(1);
  const current = Object.hasOwn(TOOLS, name) ? name : "inspect";
  for (const section of document.querySelectorAll("main > .tool")) section.hidden = section.id !== current;
  for (const link of document.querySelectorAll(".tool-nav a")) {
    if (link.id === `nav-${current}`) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  if (current !== "inspect" && !mounted.has(current)) {
    const section = document.getElementById(current);
    mounted.set(current, translatorReady.then(TOOLS[current]).then((tool) => tool.mount(section, { tr })));
  }
}
window.addEventListener("hashchange", showTool);

const translatorReady = setLanguage(supported(new URLSearchParams(location.search).get("lang")) || supported(root.lang) || "en");
showTool();
