// Tiny DOM helpers. Everything from a report is set as text, never parsed as HTML, and every
// character of it that would act on the display or hide is shown as a visible marker.
import { currentTranslator, t, withTranslator } from "./i18n.js";

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * h("li", { class: "x", dataset: { code: "y" }, onclick: fn, hidden: true }, "text", child, [more])
 * Attribute values of false/null/undefined are left out; `true` sets an empty attribute.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** Same as h() for SVG elements. */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function setAttrs(el, attrs) {
  if (!attrs) return;
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (key === "dataset") {
      for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) el.dataset[k] = String(v);
    } else if (key.startsWith("on") && typeof value === "function") {
      // The handler runs in the language of the render that made it (see i18n.js).
      const translator = currentTranslator();
      el.addEventListener(key.slice(2), translator ? (e) => withTranslator(translator, () => value(e)) : value);
    } else if (key === "style") {
      throw new Error("inline style attributes are forbidden by the page's CSP; use a class");
    } else if (key === "title" || key === "aria-label") {
      el.setAttribute(key, visibleText(String(value)));
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
}

function append(el, children) {
  // Line breaks and tabs are the layout of preformatted text (PEM, commands); anywhere else
  // they come from a name, where a line break would fake a line.
  const lines = el.localName === "pre";
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    if (child instanceof Node) el.append(child);
    else el.append(...visibleNodes(String(child), lines));
  }
}

// What a certificate name, file name or configuration value can hold that acts on the display
// or hides (as src/terminal.rs): C0 and C1 controls, DEL, bidirectional controls (U+202E
// reverses the text after it: CVE-2021-42574), zero-width and line-separator characters.
// eslint-disable-next-line no-control-regex -- matching them is the point
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060\u2066-\u2069\ufeff]/g;
const HIDDEN_NAMES = {
  0x00: "NULL", 0x07: "BELL", 0x08: "BACKSPACE", 0x09: "CHARACTER TABULATION", 0x0a: "LINE FEED",
  0x0b: "LINE TABULATION", 0x0c: "FORM FEED", 0x0d: "CARRIAGE RETURN", 0x1b: "ESCAPE", 0x7f: "DELETE",
  0x85: "NEXT LINE", 0x9b: "CONTROL SEQUENCE INTRODUCER", 0x9c: "STRING TERMINATOR", 0x9d: "OPERATING SYSTEM COMMAND",
  0x061c: "ARABIC LETTER MARK", 0x200b: "ZERO WIDTH SPACE", 0x200c: "ZERO WIDTH NON-JOINER", 0x200d: "ZERO WIDTH JOINER",
  0x200e: "LEFT-TO-RIGHT MARK", 0x200f: "RIGHT-TO-LEFT MARK", 0x2028: "LINE SEPARATOR", 0x2029: "PARAGRAPH SEPARATOR",
  0x202a: "LEFT-TO-RIGHT EMBEDDING", 0x202b: "RIGHT-TO-LEFT EMBEDDING", 0x202c: "POP DIRECTIONAL FORMATTING",
  0x202d: "LEFT-TO-RIGHT OVERRIDE", 0x202e: "RIGHT-TO-LEFT OVERRIDE", 0x2060: "WORD JOINER",
  0x2066: "LEFT-TO-RIGHT ISOLATE", 0x2067: "RIGHT-TO-LEFT ISOLATE", 0x2068: "FIRST STRONG ISOLATE",
  0x2069: "POP DIRECTIONAL ISOLATE", 0xfeff: "ZERO WIDTH NO-BREAK SPACE",
};

const codePoint = (code) => `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;

/** The marker a hidden character is shown as, the CLI's: `\x1b` for ASCII, `<U+202E>` otherwise. */
function hiddenMarker(c) {
  const code = c.codePointAt(0);
  return code < 0x80 ? `\\x${code.toString(16).padStart(2, "0")}` : `<${codePoint(code)}>`;
}

/** `text` with every hidden character as its marker: for attributes and plain strings. */
export function visibleText(text) {
  return String(text).replace(HIDDEN, hiddenMarker);
}

/**
 * `text` as nodes: each hidden character a `span.hidden-char` showing its marker, titled
 * with its code point and name; text nodes between. `lines`: line breaks and tabs stay.
 */
export function visibleNodes(text, lines = false) {
  const out = [];
  let last = 0;
  for (const match of text.matchAll(HIDDEN)) {
    const c = match[0];
    if (lines && (c === "\n" || c === "\t")) continue;
    if (match.index > last) out.push(text.slice(last, match.index));
    const code = c.codePointAt(0);
    const character = [codePoint(code), HIDDEN_NAMES[code]].filter(Boolean).join(" ");
    const span = document.createElement("span");
    span.className = "hidden-char";
    span.title = t("ui.hidden_char", { character });
    span.textContent = hiddenMarker(c);
    out.push(span);
    last = match.index + c.length;
  }
  if (last < text.length || !out.length) out.push(text.slice(last));
  return out;
}

/** Replaces every child of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

const ICONS = {
  // 24x24 line icons, drawn here so the page needs no image requests.
  error: [["circle", { cx: 12, cy: 12, r: 10, class: "fill" }], ["path", { d: "M8.5 8.5l7 7M15.5 8.5l-7 7", class: "stroke-inverse" }]],
  warning: [["path", { d: "M12 2.8 22.2 20.5H1.8z", class: "fill", "stroke-linejoin": "round" }], ["path", { d: "M12 9.5v5", class: "stroke-inverse" }], ["circle", { cx: 12, cy: 17.4, r: 1.2, class: "fill-inverse" }]],
  info: [["circle", { cx: 12, cy: 12, r: 10, class: "fill" }], ["path", { d: "M12 11v6", class: "stroke-inverse" }], ["circle", { cx: 12, cy: 7.5, r: 1.3, class: "fill-inverse" }]],
  ok: [["circle", { cx: 12, cy: 12, r: 10, class: "fill" }], ["path", { d: "M7.5 12.5l3 3 6-6.5", class: "stroke-inverse" }]],
  clock: [["circle", { cx: 12, cy: 12, r: 9, class: "stroke" }], ["path", { d: "M12 7v5l3 2", class: "stroke" }]],
  hourglass: [["path", { d: "M7 3h10M7 21h10M8 3c0 5 8 5 8 9s-8 4-8 9M16 3c0 5-8 5-8 9s8 4 8 9", class: "stroke" }]],
  missing: [["circle", { cx: 12, cy: 12, r: 9, class: "stroke dashed" }], ["path", { d: "M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.4-1 .9-1 1.7", class: "stroke" }], ["circle", { cx: 12, cy: 16.8, r: 1.1, class: "fill-current" }]],
  forged: [["path", { d: "M12 2.5 20 6v6c0 5-3.5 8.2-8 9.5C7.5 20.2 4 17 4 12V6z", class: "stroke" }], ["path", { d: "M9 9l6 6M15 9l-6 6", class: "stroke" }]],
  swap: [["path", { d: "M7 4v15M3.5 15.5 7 19l3.5-3.5M17 20V5M13.5 8.5 17 5l3.5 3.5", class: "stroke" }]],
  leaf: [["rect", { x: 3, y: 5, width: 18, height: 14, rx: 2, class: "stroke" }], ["path", { d: "M7 10h6M7 14h4", class: "stroke" }], ["circle", { cx: 16.5, cy: 13.5, r: 2, class: "stroke" }]],
  intermediate: [["rect", { x: 3, y: 5, width: 18, height: 14, rx: 2, class: "stroke" }], ["path", { d: "M7 10h10M7 14h10", class: "stroke" }]],
  root: [["path", { d: "M12 2.5 20 6v6c0 5-3.5 8.2-8 9.5C7.5 20.2 4 17 4 12V6z", class: "stroke" }], ["path", { d: "M8.5 12l2.5 2.5 4.5-5", class: "stroke" }]],
  key: [["circle", { cx: 8, cy: 15, r: 4.5, class: "stroke" }], ["path", { d: "M11.3 11.7 20 3M16.5 6.5l2.5 2.5M14 9l2 2", class: "stroke" }]],
  csr: [["path", { d: "M6 3h8l4 4v14H6z", class: "stroke" }], ["path", { d: "M9 12h6M9 16h6M14 3v4h4", class: "stroke" }]],
  file: [["path", { d: "M6 3h8l4 4v14H6z", class: "stroke" }], ["path", { d: "M14 3v4h4", class: "stroke" }]],
  unknown: [["path", { d: "M6 3h8l4 4v14H6z", class: "stroke" }], ["path", { d: "M10 11a2 2 0 1 1 2.8 1.8c-.5.3-.8.7-.8 1.3", class: "stroke" }], ["circle", { cx: 12, cy: 17, r: 1, class: "fill-current" }]],
  copy: [["rect", { x: 8, y: 8, width: 12, height: 12, rx: 2, class: "stroke" }], ["path", { d: "M16 8V5.5A1.5 1.5 0 0 0 14.5 4h-9A1.5 1.5 0 0 0 4 5.5v9A1.5 1.5 0 0 0 5.5 16H8", class: "stroke" }]],
  close: [["path", { d: "M6 6l12 12M18 6 6 18", class: "stroke" }]],
  arrow: [["path", { d: "M12 4v15M6.5 13.5 12 19l5.5-5.5", class: "stroke" }]],
  broken: [["path", { d: "M12 3v6M12 15v6", class: "stroke" }], ["path", { d: "M8.5 10.5l7 3M8.5 13.5l7-3", class: "stroke" }]],
  lock: [["path", { d: "M7 10V7a5 5 0 0 1 10 0v3", class: "stroke" }], ["rect", { x: 4.5, y: 10, width: 15, height: 11, rx: 2.5, class: "fill-current" }]],
  // A certificate certlens added to the chain (from its public intermediates): a plus in a box.
  added: [["rect", { x: 3.5, y: 3.5, width: 17, height: 17, rx: 3, class: "stroke dashed" }], ["path", { d: "M12 8v8M8 12h8", class: "stroke" }]],
};

/** An inline SVG icon; decorative (aria-hidden): pair it with text. */
export function icon(name, extraClass = "") {
  const parts = ICONS[name] || ICONS.info;
  return s("svg", { class: `icon icon-${name} ${extraClass}`.trim(), viewBox: "0 0 24 24", "aria-hidden": "true", focusable: "false" },
    parts.map(([tag, attrs]) => s(tag, attrs)));
}

/**
 * Colon-separated hex (fingerprints, key ids, serials) as text nodes with a <wbr> after each
 * colon, so a long value wraps between bytes, never inside one. Built as DOM nodes: the text
 * is never parsed as HTML.
 */
export function hexParts(text) {
  const parts = String(text ?? "").split(":");
  const out = [];
  parts.forEach((part, i) => {
    if (i < parts.length - 1) out.push(document.createTextNode(`${part}:`), document.createElement("wbr"));
    else if (part) out.push(document.createTextNode(part));
  });
  return out;
}

/**
 * A translated sentence with elements in it: tNodes("ui.x", { n: 2 }, { file: h("code", null, name) })
 * for a string like "Uses {file} ({n} certificates)". The sentence stays whole for translators.
 */
export function tNodes(key, params = {}, nodes = {}) {
  const marks = {};
  for (const name of Object.keys(nodes)) marks[name] = `\u0000${name}\u0000`;
  return t(key, { ...params, ...marks }).split("\u0000").map((part, i) => (i % 2 ? nodes[part] : part)).filter((p) => p !== "");
}
