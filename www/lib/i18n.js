// Strings for people, by key, from one flat JSON catalogue per language (i18n/<lang>.json next
// to pkg/). Every visible string of the page and of <cert-inspector> goes through t(key, params)
// with named {placeholders}; counts go through tn(), which picks `<key>.<plural category>`
// (Intl.PluralRules: "one", "other", ...) and falls back to `<key>.other`. Numbers, dates and
// spans of time are formatted with Intl in the chosen language. A key missing from a language
// falls back to English, then to the key itself (so a missing string is visible, not blank).
//
// Several elements on one page may use different languages: the translator in use is set
// around each render (withTranslator), and handlers made with dom.js h() run under the
// translator that was current when they were made.

export const LANGS = ["en", "zh", "ja"];
const BASE = new URL("../i18n/", import.meta.url);
const files = new Map(); // file name -> Promise<object>, fetched once per page
const translators = new Map(); // lang -> Promise<Translator>

function fetchJson(name) {
  if (!files.has(name)) {
    files.set(name, fetch(new URL(name, BASE))
      .then((r) => (r.ok ? r.json() : {}))
      .then((v) => (v && typeof v === "object" && !Array.isArray(v) ? v : {}))
      .catch(() => ({})));
  }
  return files.get(name);
}

/** The catalogue of one language (no fallback), fetched once per page. */
export function catalogue(lang) {
  return fetchJson(`${lang}.json`);
}

/** A Translator for `lang` (one of LANGS), with English as the fallback. */
export function translator(lang) {
  const code = LANGS.includes(lang) ? lang : "en";
  if (!translators.has(code)) {
    translators.set(code, Promise.all([catalogue(code), code === "en" ? null : catalogue("en")])
      .then(([texts, english]) => new Translator(code, texts, english || texts)));
  }
  return translators.get(code);
}

/** "zh-Hans-CN" -> "zh"; null when none of LANGS. */
export function supported(tag) {
  const base = String(tag || "").trim().toLowerCase().split(/[-_]/)[0];
  return LANGS.includes(base) ? base : null;
}

/**
 * The language of an element: its own lang attribute, else the nearest ancestor's (across
 * shadow roots), else the browser's preferred languages, else English.
 */
export function languageOf(el) {
  let node = el;
  while (node) {
    if (node.nodeType === 1 && node.hasAttribute("lang") && node.getAttribute("lang")) {
      const lang = supported(node.getAttribute("lang"));
      if (lang) return lang;
      break; // a language we do not have: ask the browser
    }
    node = node.parentNode || node.host || null;
  }
  for (const tag of (typeof navigator !== "undefined" && navigator.languages) || []) {
    const lang = supported(tag);
    if (lang) return lang;
  }
  return "en";
}

export class Translator {
  constructor(lang, texts, english) {
    this.lang = lang;
    this.texts = texts;
    this.english = english;
    this.plurals = new Intl.PluralRules(lang);
    this.numbers = new Intl.NumberFormat(lang);
    this.relative = new Intl.RelativeTimeFormat(lang, { numeric: "always" });
  }

  /**
   * The catalogue the core renders findings, host problems and snippet comments from: this
   * language over English (the wasm carries no texts of its own), without the page's ui.* keys.
   */
  coreTexts() {
    if (!this.core) {
      this.core = {};
      for (const texts of [this.english, this.texts]) {
        for (const [key, text] of Object.entries(texts)) if (!key.startsWith("ui.")) this.core[key] = text;
      }
    }
    return this.core;
  }

  has(key) {
    return typeof this.texts[key] === "string" || typeof this.english[key] === "string";
  }

  t(key, params) {
    let text = this.texts[key];
    if (typeof text !== "string") text = this.english[key];
    if (typeof text !== "string") return key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name) => {
      if (!(name in params)) return whole;
      const v = params[name];
      return typeof v === "number" ? this.num(v) : String(v ?? "");
    });
  }

  /** `key.one` / `key.other` / ... by the language's plural rules; {count} is n. */
  tn(key, n, params = {}) {
    const exact = `${key}.${this.plurals.select(n)}`;
    return this.t(this.has(exact) ? exact : `${key}.other`, { count: n, ...params });
  }

  num(n) {
    return this.numbers.format(n);
  }

  /** A span of time as people say it: "92 days", "6 years" (Intl unit formatting). */
  duration(value, unit) {
    return new Intl.NumberFormat(this.lang, { style: "unit", unit, unitDisplay: "long" }).format(value);
  }

  /** "in 3 days" / "5 days ago". */
  ago(value, unit) {
    return this.relative.format(value, unit);
  }
}

const ENGLISH_EMPTY = new Translator("en", {}, {});
let current = null;

/** Runs fn with `tr` as the translator of t()/tn() and the format helpers. */
export function withTranslator(tr, fn) {
  const before = current;
  current = tr;
  try {
    return fn();
  } finally {
    current = before;
  }
}

export function currentTranslator() {
  return current;
}

export const tr = () => current || ENGLISH_EMPTY;
export const t = (key, params) => tr().t(key, params);
export const tn = (key, n, params) => tr().tn(key, n, params);

/**
 * Fills the texts of a tree from its data-i18n attributes:
 *   data-i18n="key"                       textContent
 *   data-i18n-attr="placeholder:key;aria-label:key2"   attributes
 */
export function applyTexts(root, translator) {
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = translator.t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-attr]")) {
    for (const pair of el.dataset.i18nAttr.split(";")) {
      const [attr, key] = pair.split(":").map((s) => s.trim());
      if (attr && key) el.setAttribute(attr, translator.t(key));
    }
  }
}
