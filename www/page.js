// The full page around <cert-inspector>: theme toggle, language switch, version chip, and
// drops anywhere on the page. All checking and rendering happens in the element.
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

// Files dropped anywhere on the page go to the checker; a stray drop never navigates away.
// (Drops on the element itself are handled by it, and arrive here already handled.)
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
  customElements.whenDefined("cert-inspector").then(() => checker.addFiles(e.dataTransfer.files));
});

setLanguage(supported(new URLSearchParams(location.search).get("lang")) || supported(root.lang) || "en");
