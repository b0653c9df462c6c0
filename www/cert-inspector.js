// <cert-inspector>: checks TLS certificates, chains, private keys and CSRs in the browser,
// with the certlens core compiled to WebAssembly. One script tag and one element:
//
//   <script type="module" src="https://example.org/certlens/cert-inspector.js"></script>
//   <cert-inspector hosts="www.example.com" checks="key_match" compact lang="ja"></cert-inspector>
//
// Attributes (all optional, all observed):
//   hosts    host names to check, comma or space separated (prefills the host field)
//   checks   check families to run and show: format order chain trust key_match expiry
//            domain strength usage (default: all)
//   compact  a small paste box that expands into the results once something is given
//   lang     en | zh | ja (default: the nearest ancestor's lang, else the browser's, else en)
//   at       an RFC 3339 instant to judge validity at (default: now)
//   loading  "lazy" (default): the wasm loads on the first focus, pointer, drag or input in
//            any element; "eager": when the element is connected (the full page does this)
// Events (bubbling, composed): `report` after every inspection (detail: the Report object),
// `ready` once the checker is loaded (detail: { version }).
// Host attributes it sets: data-ready="true" once loaded, data-checks = completed inspections.
// Styling: CSS custom properties --cert-inspector-* (see README.md) and ::part(frame).
//
// Everything is relative to this file: the modules, pkg/certlens_bg.wasm, worker.js and
// i18n/<lang>.json; the wasm is fetched and compiled once per page, however many elements.
// No globals besides the custom element's name, no document-level styles or listeners, no
// storage, no requests except for those assets.

import { Inspector, parseChecks } from "./lib/inspector.js";
import { languageOf, translator } from "./lib/i18n.js";
import { STYLES } from "./component/styles.js";
import { TEMPLATE } from "./component/template.js";

let sheet = null;
function styleSheet() {
  // A constructed stylesheet: shared by every instance, and allowed by a CSP without
  // 'unsafe-inline' (it is neither a <style> element nor a style attribute).
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLES);
  }
  return sheet;
}

let template = null;
function markup() {
  if (!template) {
    template = document.createElement("template");
    template.innerHTML = TEMPLATE; // static markup of this module: no text, no user data
  }
  return template.content.cloneNode(true);
}

// What counts as "about to be used": the checker starts on the first of these.
const INTENT_EVENTS = ["focusin", "pointerenter", "pointerdown", "dragenter", "keydown"];

export class CertInspector extends HTMLElement {
  static get observedAttributes() {
    return ["hosts", "checks", "compact", "lang", "at", "loading"];
  }

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open", delegatesFocus: false });
    root.adoptedStyleSheets = [styleSheet()];
    root.append(markup());
    this.inspector = new Inspector(this, root);
    this.langRequest = 0;
    this.onIntent = () => this.inspector.start();
    this.langObserver = null;
  }

  connectedCallback() {
    for (const type of INTENT_EVENTS) this.addEventListener(type, this.onIntent, { once: true, passive: true });
    this.syncAll();
    this.updateLanguage();
    // Follow an ancestor's lang when the element has none of its own.
    if (!this.langObserver && typeof MutationObserver === "function") {
      this.langObserver = new MutationObserver(() => { if (!this.hasAttribute("lang")) this.updateLanguage(); });
    }
    const owner = this.closest("[lang]") || document.documentElement;
    this.langObserver?.observe(owner, { attributes: true, attributeFilter: ["lang"] });
    this.inspector.connect();
    if (this.getAttribute("loading") === "eager") this.inspector.start();
  }

  disconnectedCallback() {
    for (const type of INTENT_EVENTS) this.removeEventListener(type, this.onIntent);
    this.langObserver?.disconnect();
    this.inspector.stop();
  }

  attributeChangedCallback(name, before, after) {
    if (before === after || !this.isConnected) return;
    if (name === "lang") this.updateLanguage();
    else if (name === "loading" && after === "eager") this.inspector.start();
    else this.sync(name);
  }

  syncAll() {
    for (const name of ["checks", "compact", "hosts", "at"]) this.sync(name);
  }

  sync(name) {
    const i = this.inspector;
    i.tr(() => {
      if (name === "checks") i.setChecks(parseChecks(this.getAttribute("checks")));
      else if (name === "compact") i.setCompact(this.hasAttribute("compact"));
      else if (name === "hosts") i.setHosts(this.getAttribute("hosts") || "");
      else if (name === "at") i.setAt(this.getAttribute("at"));
    });
  }

  async updateLanguage() {
    const lang = languageOf(this);
    const request = ++this.langRequest;
    const tr = await translator(lang);
    if (request !== this.langRequest) return; // a newer change won
    this.inspector.setTranslator(tr);
    this.dataset.lang = tr.lang;
    if (this.inspector.hasInput()) this.inspector.schedule(0); // findings in the new language
  }

  /** Adds files (File objects) as if dropped on the element. */
  addFiles(files) {
    return this.inspector.addFiles([...files]);
  }

  /** The latest Report shown, or null. */
  get report() {
    return this.inspector.state.report;
  }

  /** Starts loading the checker now (the same as loading="eager"). */
  preload() {
    this.inspector.start();
  }
}

if (!customElements.get("cert-inspector")) customElements.define("cert-inspector", CertInspector);
