// The styles of <cert-inspector> (its shadow root). Kept as a string in a module so that the
// element needs no extra request and no CSP exception: cert-inspector.js adopts it as a
// constructed stylesheet, shared by every instance on the page.
export const STYLES = String.raw`
/* <cert-inspector>'s styles, inside its shadow root (a constructed stylesheet: see
   cert-inspector.js). Themable from the page with these custom properties on the element
   (or any ancestor); the defaults follow the page's color-scheme (light or dark):
     --cert-inspector-accent         links, primary button, focus ring
     --cert-inspector-accent-text    text on the accent colour
     --cert-inspector-background     the element's own background (its frame)
     --cert-inspector-surface        cards and fields
     --cert-inspector-foreground     text
     --cert-inspector-muted          secondary text
     --cert-inspector-border         borders
     --cert-inspector-ok / -error / -warning / -info   severity colours (always with a word and an icon too)
     --cert-inspector-font           text font
     --cert-inspector-mono           code font
     --cert-inspector-radius         corner radius of cards (smaller parts derive from it)
   and ::part(frame) for the frame itself (border, padding, background). */

:host {
  display: block;
  --bg: var(--cert-inspector-background, light-dark(#f3f5f8, #0d1117));
  --surface: var(--cert-inspector-surface, light-dark(#ffffff, #151b23));
  --text: var(--cert-inspector-foreground, light-dark(#16202b, #e6edf3));
  --muted: var(--cert-inspector-muted, light-dark(#56616e, #9ba7b4));
  --border: var(--cert-inspector-border, light-dark(#dbe0e6, #2b3440));
  --accent: var(--cert-inspector-accent, light-dark(#2250c4, #7aa7ff));
  --accent-text: var(--cert-inspector-accent-text, light-dark(#ffffff, #0b1320));
  --ok: var(--cert-inspector-ok, light-dark(#13774a, #4ac26b));
  --error: var(--cert-inspector-error, light-dark(#c0262d, #ff7b72));
  --warning: var(--cert-inspector-warning, light-dark(#8f5300, #e6b450));
  --warning-icon: var(--cert-inspector-warning, light-dark(#d48806, #e6b450));
  --info: var(--cert-inspector-info, light-dark(#1d60b5, #79b8ff));
  --font: var(--cert-inspector-font, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif);
  --mono: var(--cert-inspector-mono, ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace);
  --radius: var(--cert-inspector-radius, 14px);
  --radius-small: calc(var(--radius) * 0.65);

  --surface-2: color-mix(in srgb, var(--text) 3%, var(--surface));
  --surface-3: color-mix(in srgb, var(--text) 7%, var(--surface));
  --border-strong: color-mix(in srgb, var(--text) 25%, var(--border));
  --accent-hover: color-mix(in srgb, var(--accent) 85%, var(--text));
  --accent-soft: color-mix(in srgb, var(--accent) 10%, var(--surface));
  --ok-soft: color-mix(in srgb, var(--ok) 11%, var(--surface));
  --error-soft: color-mix(in srgb, var(--error) 9%, var(--surface));
  --warning-soft: color-mix(in srgb, var(--warning-icon) 14%, var(--surface));
  --info-soft: color-mix(in srgb, var(--info) 10%, var(--surface));
  --track: color-mix(in srgb, var(--text) 10%, var(--surface));
  --focus: var(--accent);
  --shadow: 0 1px 2px rgb(16 24 40 / 5%), 0 2px 8px rgb(16 24 40 / 5%);

  color: var(--text);
  font: 16px/1.5 var(--font);
  text-align: start;
  -webkit-font-smoothing: antialiased;
}
:host([hidden]) { display: none; }

.ci {
  container: ci / inline-size;
  background: var(--bg);
  border: 1px solid var(--border);
  border-radius: calc(var(--radius) + 4px);
  padding: 16px;
}
.clipboard-helper { position: fixed; top: 0; left: -9999px; opacity: 0; }

/* ---------- what the attributes change ---------- */

/* checks="...": parts of no requested family are left out. */
.section-off { display: none !important; }
/* compact: a paste box first; the results, once something was given. */
:host([compact]) .full-only,
:host([compact]) .inputs-block,
:host([compact]) [data-section="at"],
:host([compact]) [data-section="trust"],
:host([compact]) [data-section="deploy"],
:host([compact]) .results-link,
:host([compact]) .field-paste + .field-files .dropzone-hint { display: none; }
:host([compact]) .ci[data-expanded="false"] .results,
:host([compact]) .ci[data-expanded="false"] [data-section="hosts"]:not(:focus-within),
:host([compact]) .ci[data-expanded="false"] .status-box { display: none; }
:host([compact]) .layout { grid-template-columns: minmax(0, 1fr) !important; gap: 14px; }
:host([compact]) .panel { padding: 14px; }
:host([compact]) #paste { min-height: 4.8em; height: 4.8em; resize: vertical; }
:host([compact]) .ci[data-expanded="true"] #paste { height: 8em; }
:host([compact]) .field { margin-bottom: 10px; }
:host([compact]) .dropzone { flex-direction: row; padding: 8px 12px; min-height: 0; gap: 8px; }
:host([compact]) .dropzone-icon { width: 20px; height: 20px; }
:host([compact]) .privacy { margin-bottom: 10px; padding: 8px 12px; font-size: 0.86rem; }
:host([compact]) .status-box { margin-top: 4px; }

/* ---------- base ---------- */

*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }



h1, h2, h3 { line-height: 1.25; margin: 0; }
h2 { font-size: 1.125rem; font-weight: 650; letter-spacing: -0.01em; }
h3 { font-size: 0.95rem; font-weight: 650; }
p { margin: 0; }
code, pre, kbd { font-family: var(--mono); font-size: 0.875em; }
code { overflow-wrap: anywhere; }
/* A character of a name that acts on the display or hides (a bidi override, ESC, a line
   break), shown as its code instead (lib/dom.js visibleNodes). */
.hidden-char {
  font-family: var(--mono); font-size: 0.85em;
  padding: 0 0.2em; border-radius: 4px;
  outline: 1px dashed currentColor; outline-offset: -1px;
  background: var(--warning-soft); color: var(--warning);
  unicode-bidi: isolate;
}
a { color: var(--accent); text-underline-offset: 2px; }
a:hover { color: var(--accent-hover); }

:focus-visible {
  outline: 3px solid var(--focus);
  outline-offset: 2px;
  border-radius: 4px;
}

.visually-hidden {
  position: absolute !important;
  width: 1px; height: 1px;
  margin: -1px; padding: 0; border: 0;
  overflow: hidden;
  clip: rect(0 0 0 0);
  clip-path: inset(50%);
  white-space: nowrap;
}



.muted { color: var(--muted); }
.nowrap { white-space: nowrap; }
.block { display: block; }
.hint { color: var(--muted); font-size: 0.85rem; margin-top: 6px; }
.empty-note { color: var(--muted); font-size: 0.95rem; }

/* ---------- icons ---------- */

.icon {
  width: 1.15em; height: 1.15em;
  flex: none;
  vertical-align: -0.2em;
}
.icon .fill, .icon .fill-current { fill: currentColor; }
.icon .stroke { fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; stroke-linejoin: round; }
.icon .stroke.dashed { stroke-dasharray: 3 3; }
.icon .stroke-inverse { fill: none; stroke: var(--surface); stroke-width: 2.4; stroke-linecap: round; stroke-linejoin: round; }
.icon .fill-inverse { fill: var(--surface); }
.icon-warning .fill { stroke: currentColor; stroke-width: 1.5; }

.sev-error { color: var(--error); }
.sev-warning { color: var(--warning-icon); }
.sev-info { color: var(--info); }
.sev-ok { color: var(--ok); }
.sev-hourglass { color: var(--warning); }

/* ---------- header ---------- */



.privacy {
  display: flex;
  gap: 10px;
  align-items: flex-start;
  margin: 0 0 16px;
  padding: 12px 16px;
  border: 1px solid color-mix(in srgb, var(--ok) 30%, transparent);
  border-radius: var(--radius);
  background: var(--ok-soft);
  font-size: 0.92rem;
}
.privacy .icon { color: var(--ok); width: 1.3em; height: 1.3em; margin-top: 1px; }

/* ---------- layout ---------- */

.layout {
  display: grid;
  grid-template-columns: minmax(0, 1fr);
  gap: 20px;
  align-items: start;
}
@container ci (min-width: 980px) {
  .layout { grid-template-columns: minmax(340px, 410px) minmax(0, 1fr); gap: 24px; }
}

.panel, .card, .verdict {
  background: var(--surface);
  border: 1px solid var(--border);
  border-radius: var(--radius);
  box-shadow: var(--shadow);
  min-width: 0;
}
.panel { padding: 20px; }
.card { padding: 20px 22px; }
.card > h2, .card-head { margin-bottom: 14px; }
.card-head { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 8px 16px; }
.card-head h2 { margin: 0; }

.results { display: flex; flex-direction: column; gap: 20px; min-width: 0; }
.results:focus { outline: none; }
.grid-2 { display: grid; grid-template-columns: minmax(0, 1fr); gap: 20px; }

/* ---------- form ---------- */

.input-panel h2 { margin-bottom: 14px; }
.field { margin-bottom: 18px; }
.field > label, .inline-field > label { display: block; font-weight: 600; font-size: 0.92rem; margin-bottom: 6px; }
.inline-field > label { margin: 0; }

textarea, input[type="text"], input[type="password"], input[type="datetime-local"], select {
  width: 100%;
  font: inherit;
  color: var(--text);
  background: var(--surface);
  border: 1px solid var(--border-strong);
  border-radius: var(--radius-small);
  padding: 9px 12px;
  min-height: 42px;
}
select { width: auto; padding-right: 28px; }
textarea {
  display: block;
  font-family: var(--mono);
  font-size: 0.8rem;
  line-height: 1.45;
  resize: vertical;
  min-height: 170px;
  white-space: pre;
  overflow-wrap: normal;
}
.held-note {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 8px 12px;
  margin-top: 8px;
  padding: 10px 12px;
  border-radius: var(--radius-small);
  background: var(--info-soft);
  color: var(--text);
  font-size: 0.88rem;
}
.held-note span { flex: 1 1 200px; }
textarea::placeholder, input::placeholder { color: color-mix(in srgb, var(--muted) 75%, transparent); }
textarea:focus-visible, input:focus-visible, select:focus-visible {
  outline: 3px solid color-mix(in srgb, var(--focus) 45%, transparent);
  outline-offset: 0;
  border-color: var(--focus);
}
.inline-field { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
.inline-field input { flex: 1 1 180px; width: auto; min-width: 0; }

.dropzone {
  display: flex;
  flex-direction: column;
  align-items: center;
  gap: 4px;
  width: 100%;
  padding: 18px 16px;
  border: 2px dashed var(--border-strong);
  border-radius: var(--radius);
  background: var(--surface-2);
  color: var(--text);
  font: inherit;
  text-align: center;
  cursor: pointer;
  transition: border-color 0.15s, background-color 0.15s;
}
.dropzone:hover, .dropzone.dragging { border-color: var(--accent); background: var(--accent-soft); }
.dropzone.dragging { border-style: solid; }
.dropzone-icon { width: 28px; height: 28px; color: var(--accent); }
.dropzone-title { font-weight: 600; }
.dropzone-title u { color: var(--accent); text-underline-offset: 3px; }
.dropzone-hint { color: var(--muted); font-size: 0.8rem; }

.inputs-block { margin-bottom: 18px; }
.inputs-head { display: flex; align-items: center; justify-content: space-between; margin-bottom: 8px; min-height: 30px; }
.inputs-list { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 6px; }
.inputs-block .hint { margin-top: 0; }
.input-item {
  display: flex;
  align-items: center;
  gap: 10px;
  padding: 8px 6px 8px 10px;
  border: 1px solid var(--border);
  border-radius: var(--radius-small);
  background: var(--surface-2);
}
.input-icon { color: var(--muted); display: flex; }
.input-text { display: flex; flex-direction: column; min-width: 0; flex: 1; }
.input-name { font-weight: 600; font-size: 0.92rem; overflow-wrap: anywhere; }
.input-found { font-size: 0.82rem; color: var(--text); }
.input-size { color: var(--muted); }
.input-problems { display: flex; gap: 6px; flex-wrap: wrap; margin-top: 4px; }

.host-suggestions { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 8px; margin-top: 10px; }
.host-suggestions > .hint { margin: 0; }
.suggestion-list { display: contents; list-style: none; }
.suggestion-list li { display: inline-flex; }
.host-suggestion {
  font: 0.82rem var(--mono);
  color: var(--accent);
  background: var(--accent-soft);
  border: 1px solid color-mix(in srgb, var(--accent) 30%, transparent);
  border-radius: 999px;
  padding: 3px 10px;
  cursor: pointer;
  overflow-wrap: anywhere;
  text-align: left;
}
.host-suggestion:hover { border-color: var(--accent); }

.trust-box > summary { cursor: pointer; font-weight: 600; font-size: 0.92rem; color: var(--accent); }
.trust-box[open] > summary { margin-bottom: 6px; }
.trust-box .button { margin-top: 8px; }
.trust-list { margin-top: 8px; }
.finding-action { margin-top: 8px; }
.finding-action .button { white-space: normal; text-align: left; max-width: 100%; }

.status-box {
  border-top: 1px solid var(--border);
  padding-top: 14px;
  display: flex;
  flex-direction: column;
  gap: 8px;
}
#status { font-size: 0.88rem; color: var(--muted); min-height: 1.5em; }
.results-link { font-weight: 600; font-size: 0.92rem; }
@container ci (min-width: 980px) { .results-link { display: none; } }
progress {
  width: 100%;
  height: 6px;
  appearance: none;
  border: 0;
  border-radius: 999px;
  background: var(--track);
  overflow: hidden;
  accent-color: var(--accent);
}
progress::-webkit-progress-bar { background: var(--track); }
progress::-webkit-progress-value { background: var(--accent); }
progress::-moz-progress-bar { background: var(--accent); }

/* ---------- buttons ---------- */

.button {
  display: inline-flex;
  align-items: center;
  justify-content: center;
  gap: 7px;
  min-height: 40px;
  padding: 8px 15px;
  border: 1px solid var(--border-strong);
  border-radius: var(--radius-small);
  background: var(--surface);
  color: var(--text);
  font: 600 0.9rem/1.2 var(--font);
  cursor: pointer;
  text-decoration: none;
  white-space: nowrap;
}
.button:hover:not(:disabled) { background: var(--surface-3); }
.button:disabled { opacity: 0.5; cursor: not-allowed; }
.button-primary { background: var(--accent); border-color: var(--accent); color: var(--accent-text); }
.button-primary:hover:not(:disabled) { background: var(--accent-hover); border-color: var(--accent-hover); }
.button-quiet { background: transparent; border-color: transparent; color: var(--accent); }
.button-quiet:hover:not(:disabled) { background: var(--accent-soft); }
.button-small { min-height: 32px; padding: 5px 11px; font-size: 0.84rem; }
.button-tiny { min-height: 26px; padding: 2px 8px; font-size: 0.78rem; }
.button.copied { border-color: var(--ok); color: var(--ok); }
.button-row { display: flex; gap: 8px; flex-wrap: wrap; margin-top: 10px; }

.icon-button {
  display: inline-flex; align-items: center; justify-content: center;
  width: 34px; height: 34px;
  flex: none;
  border: 0; border-radius: 8px;
  background: transparent; color: var(--muted);
  cursor: pointer;
}
.icon-button:hover { background: var(--surface-3); color: var(--text); }

.link-button {
  border: 0; background: none; padding: 0;
  color: var(--accent); font: inherit; text-decoration: underline; text-underline-offset: 2px;
  cursor: pointer;
}


/* ---------- chips and badges ---------- */

.chips { display: flex; flex-wrap: wrap; gap: 6px; }
.chip, .badge {
  display: inline-flex;
  align-items: center;
  gap: 5px;
  border-radius: 12px;
  font-size: 0.8rem;
  font-weight: 600;
  padding: 3px 10px;
  background: var(--surface-3);
  color: var(--text);
  line-height: 1.35;
}
.badge { padding: 2px 9px; font-size: 0.78rem; }
.chip .icon, .badge .icon { width: 1.05em; height: 1.05em; }
.chip-ok, .badge-ok { background: var(--ok-soft); color: var(--ok); }
.chip-error, .badge-error { background: var(--error-soft); color: var(--error); }
.chip-warning, .badge-warning { background: var(--warning-soft); color: var(--warning); }
.badge-hourglass { background: var(--warning-soft); color: var(--warning); }
.badge-info { background: var(--info-soft); color: var(--info); }
.badge-warning .icon { color: var(--warning-icon); }
/* Added by certlens (from its public intermediates): a dashed outline and the plus icon, beside the words. */
.badge-added, .chip-added { background: var(--accent-soft); color: var(--accent); box-shadow: inset 0 0 0 1px color-mix(in srgb, var(--accent) 35%, transparent); }

/* ---------- verdict ---------- */

.verdict {
  padding: 22px 24px;
  border-left-width: 6px;
}
.verdict[data-verdict="empty"] { border-style: dashed; border-left-width: 1px; box-shadow: none; background: transparent; }
.verdict[data-verdict="ok"] { border-color: color-mix(in srgb, var(--ok) 40%, var(--border)); border-left-color: var(--ok); }
.verdict[data-verdict="problems"] { border-color: color-mix(in srgb, var(--error) 35%, var(--border)); border-left-color: var(--error); }
.verdict-line {
  display: flex;
  align-items: flex-start;
  gap: 12px;
  font-size: 1.55rem;
  font-weight: 750;
  letter-spacing: -0.015em;
  line-height: 1.2;
}
.verdict[data-verdict="empty"] .verdict-line { font-size: 1.2rem; font-weight: 650; }
.verdict-icon { width: 1.25em; height: 1.25em; margin-top: -0.04em; }
.verdict[data-verdict="ok"] .verdict-icon { color: var(--ok); }
.verdict[data-verdict="problems"] .verdict-icon { color: var(--error); }
.verdict-counts { display: block; font-size: 0.95rem; font-weight: 600; color: var(--muted); letter-spacing: 0; margin-top: 4px; }
.verdict-sub { color: var(--muted); margin-top: 8px; }
.verdict-line + .verdict-sub { margin-left: calc(1.25 * 1.55rem + 12px); }
.verdict[data-verdict="empty"] .verdict-sub { margin-left: 0; }
.verdict-facts {
  list-style: none;
  margin: 16px 0 0;
  padding: 14px 0 0;
  border-top: 1px solid var(--border);
  display: flex;
  flex-wrap: wrap;
  gap: 10px 28px;
}
.verdict-facts li { display: flex; flex-direction: column; min-width: 0; }
.fact-term { font-size: 0.74rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); font-weight: 650; }
.fact-value { display: inline-flex; align-items: center; gap: 6px; font-weight: 600; overflow-wrap: anywhere; }
.fact-warning .icon { color: var(--warning-icon); }

/* ---------- findings ---------- */

.severity-group + .severity-group { margin-top: 20px; }
.severity-heading {
  display: flex;
  align-items: center;
  flex-wrap: wrap;
  gap: 8px;
  font-size: 1rem;
  margin-bottom: 10px;
}
.severity-heading .icon { width: 1.2em; height: 1.2em; }
.count {
  font-size: 0.78rem;
  border-radius: 999px;
  padding: 1px 8px;
  background: var(--surface-3);
  color: var(--text);
}
.severity-hint { color: var(--muted); font-size: 0.85rem; font-weight: 400; margin-left: auto; }
.finding-list { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 10px; }
.finding {
  display: grid;
  grid-template-columns: 26px minmax(0, 1fr);
  gap: 12px;
  padding: 14px 16px;
  border: 1px solid var(--border);
  border-left: 4px solid var(--border-strong);
  border-radius: var(--radius-small);
  background: var(--surface);
}
.finding.severity-error { border-left-color: var(--error); background: color-mix(in srgb, var(--error-soft) 55%, var(--surface)); }
.finding.severity-warning { border-left-color: var(--warning-icon); background: color-mix(in srgb, var(--warning-soft) 55%, var(--surface)); }
.finding.severity-info { border-left-color: var(--info); padding: 10px 14px; font-size: 0.93rem; }
.finding.severity-info .finding-icon .icon { width: 20px; height: 20px; }
.finding-icon .icon { width: 24px; height: 24px; }
.finding-head { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 10px; font-size: 0.8rem; margin-bottom: 4px; }
.sev-label { font-weight: 750; text-transform: uppercase; letter-spacing: 0.06em; }
.severity-error .sev-label { color: var(--error); }
.severity-warning .sev-label { color: var(--warning); }
.severity-info .sev-label { color: var(--info); }
.finding-family { color: var(--muted); font-weight: 600; }
.finding-code { color: var(--muted); background: var(--surface-3); border-radius: 5px; padding: 0 6px; font-size: 0.95em; }
.finding-message { overflow-wrap: anywhere; }
.finding-fix {
  margin-top: 10px;
  padding: 9px 12px;
  border-radius: 8px;
  background: var(--surface);
  border: 1px solid var(--border);
  font-size: 0.95rem;
  overflow-wrap: anywhere;
}
.finding-fix strong { color: var(--text); }
.finding-where { margin-top: 8px; font-size: 0.82rem; color: var(--muted); overflow-wrap: anywhere; }
.where-label { font-weight: 600; }
.object-ref { font-weight: 600; }
.ref-place { font-weight: 400; color: var(--muted); }
.finding-list .more { list-style: none; }

/* ---------- chain ---------- */

.chain-list { list-style: none; margin: 0; padding: 0; }
.chain-step { display: flex; flex-direction: column; }
.chain-link {
  position: relative;
  display: flex;
  align-items: center;
  gap: 6px;
  margin-left: 31px;
  padding: 12px 0 12px 20px;
  min-height: 46px;
  border-left: 2px solid var(--border-strong);
  color: var(--muted);
  font-size: 0.82rem;
}
.chain-link::after {
  content: "";
  position: absolute;
  left: -7px;
  bottom: -1px;
  border: 6px solid transparent;
  border-top: 7px solid var(--border-strong);
  border-bottom: 0;
}
.chain-link .icon { display: none; }
.chain-link.link-forged { border-left: 2px dashed var(--error); color: var(--error); font-weight: 600; }
.chain-link.link-forged::after { border-top-color: var(--error); }
.chain-link.link-forged .icon { display: inline-block; }
.chain-link.link-missing { border-left-style: dashed; }

.node {
  position: relative;
  border: 1px solid var(--border);
  border-radius: var(--radius);
  padding: 14px 16px;
  background: var(--surface);
  min-width: 0;
}
.node-leaf { border-top: 3px solid var(--accent); }
.node-intermediate { border-top: 3px solid var(--border-strong); }
.node-root { border-top: 3px solid var(--ok); }
.node-trusted-root { border: 1px solid color-mix(in srgb, var(--ok) 45%, var(--border)); background: var(--ok-soft); }
.node-refused-root { border: 2px solid var(--warning-icon); background: var(--warning-soft); }
.node.node-added { border-style: dashed; border-top-style: solid; }
.node-misordered { border: 2px solid var(--warning-icon); }
.node-forged {
  border: 2px solid var(--error);
  background:
    repeating-linear-gradient(135deg, transparent 0 10px, color-mix(in srgb, var(--error) 7%, transparent) 10px 20px),
    var(--surface);
}
.node-missing {
  border: 2px dashed color-mix(in srgb, var(--error) 70%, var(--border));
  background: transparent;
}
.node-head { display: flex; align-items: center; gap: 12px; }
.node-icon {
  display: inline-flex; align-items: center; justify-content: center;
  width: 32px; height: 32px; flex: none;
  border-radius: 9px;
  background: var(--surface-3);
  color: var(--text);
}
.node-leaf .node-icon { background: var(--accent-soft); color: var(--accent); }
.node-root .node-icon, .node-trusted-root .node-icon { background: var(--ok-soft); color: var(--ok); }
.node-refused-root .node-icon { background: var(--surface); color: var(--warning-icon); }
.node-refused-root .node-role { color: var(--warning); }
.node-trusted-root .node-icon { background: var(--surface); }
.node-forged .node-icon, .node-missing .node-icon { background: var(--error-soft); color: var(--error); }
.node-misordered .node-icon { background: var(--warning-soft); color: var(--warning); }
.node-icon .icon { width: 20px; height: 20px; }
.node-title { min-width: 0; flex: 1; }
.node-role { font-size: 0.72rem; text-transform: uppercase; letter-spacing: 0.07em; color: var(--muted); font-weight: 700; }
.node-missing .node-role, .node-forged .node-role { color: var(--error); }
.node-name { font-weight: 650; font-size: 1.05rem; overflow-wrap: anywhere; text-wrap: balance; }
.node-actions { display: flex; align-items: center; gap: 4px 10px; flex: none; align-self: flex-start; flex-wrap: wrap; justify-content: flex-end; }
.node-details-link { font-size: 0.85rem; }
.badges { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 10px; }
.node-meta { color: var(--muted); font-size: 0.84rem; margin-top: 8px; overflow-wrap: anywhere; }
.node-note { display: flex; align-items: flex-start; gap: 8px; margin-top: 10px; font-size: 0.9rem; }
.node-note .icon { margin-top: 0.15em; }

.timeline { margin-top: 12px; }
.tl-ends {
  display: flex;
  justify-content: space-between;
  gap: 8px;
  font-size: 0.78rem;
  color: var(--muted);
  font-variant-numeric: tabular-nums;
}
.tl-span { color: var(--muted); opacity: 0.85; }
.tl-graphic { position: relative; padding-bottom: 18px; margin-top: 2px; }
.timeline-bar { display: block; width: 100%; height: 14px; overflow: visible; }
.tl-track { fill: var(--track); }
.tl-elapsed { fill: color-mix(in srgb, var(--ok) 55%, var(--track)); }
.validity-expiring .tl-elapsed { fill: var(--warning-icon); }
.validity-expired .tl-elapsed { fill: var(--error); }
.validity-not-yet-valid .tl-elapsed { fill: transparent; }
.tl-marker { stroke: var(--text); stroke-width: 2.5; }
.tl-now {
  position: absolute;
  top: 15px;
  left: var(--pos, 50%);
  transform: translateX(-50%);
  font-size: 0.72rem;
  color: var(--text);
  font-weight: 600;
  white-space: nowrap;
  line-height: 1.2;
}
.tl-now::before { content: "▲ "; font-size: 0.6rem; }
/* Checked before or after the validity: the label sits at that end, inside the bar's width. */
.tl-now.tl-before { left: 0; transform: none; }
.tl-now.tl-after { left: auto; right: 0; transform: none; }
.tl-status { display: flex; align-items: center; gap: 7px; margin-top: 2px; font-size: 0.88rem; font-weight: 600; }
.status-valid { color: var(--ok); }
.status-expiring { color: var(--warning); }
.status-expired { color: var(--error); }
.status-not-yet-valid { color: var(--warning); }

.url-line { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; }
.url { overflow-wrap: anywhere; }

.chain-link.link-added { border-left-style: dashed; }

/* ---------- trust by client ---------- */

.clients { margin-top: 20px; padding-top: 14px; border-top: 1px solid var(--border); }
.clients:empty { display: none; }
.clients-table { margin-top: 4px; }
.clients-caption { caption-side: top; text-align: start; font-weight: 650; font-size: 1.02rem; padding: 0 0 8px; }
.clients-table th:first-child, .clients-table td:first-child { padding-left: 0; }
.clients-table .client-name { white-space: nowrap; }
.clients-table .client-verdict { width: 1%; }
.client-trusted .client-status { color: var(--ok); }
.client-refused .client-status { color: var(--error); }
.client-unknown .client-status { color: var(--info); }
.clients-table .client-message { overflow-wrap: anywhere; }
.data-line { margin-top: 10px; }
.data-line > .hint { margin-top: 0; }
.data-versions { margin-top: 4px; font-size: 0.85rem; color: var(--muted); }
.data-versions > summary { cursor: pointer; width: fit-content; }
.data-versions ul { margin: 6px 0 0; padding-left: 1.2em; }
.note-added { display: flex; align-items: flex-start; gap: 6px; margin-top: 6px; color: var(--text); }
.note-added .icon { color: var(--accent); flex: none; margin-top: 0.2em; }

.other-chains:empty { display: none; }
.other-chains { margin-top: 18px; }
.other-chains-details > summary { cursor: pointer; font-weight: 600; color: var(--accent); }
.other-chain { margin-top: 14px; padding-top: 14px; border-top: 1px solid var(--border); }
.other-chain > .chips { margin-bottom: 10px; }

/* ---------- facts (dl) ---------- */

.facts {
  display: grid;
  grid-template-columns: minmax(150px, 210px) minmax(0, 1fr);
  gap: 7px 18px;
  margin: 0;
  font-size: 0.9rem;
}
.fact { display: contents; }
.facts dt { color: var(--muted); font-weight: 600; }
.facts dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
.facts-compact { margin-top: 12px; grid-template-columns: minmax(110px, 140px) minmax(0, 1fr); }
.hex { font-size: 0.84em; }
.name-list { display: flex; flex-wrap: wrap; gap: 4px 12px; }
.validity-lines { display: flex; flex-direction: column; }

/* ---------- tables ---------- */

.table { width: 100%; border-collapse: collapse; font-size: 0.92rem; }
.table th, .table td { text-align: left; padding: 9px 10px; border-bottom: 1px solid var(--border); vertical-align: top; }
.table thead th { font-size: 0.76rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); font-weight: 700; padding-top: 0; }
.table tbody th { font-weight: 600; }
.table tbody tr:last-child > * { border-bottom: 0; }
.table code { overflow-wrap: break-word; word-break: normal; }
.status-cell { display: inline-flex; align-items: center; gap: 6px; font-weight: 650; white-space: nowrap; }
.status-ok { color: var(--ok); }
.status-error { color: var(--error); }
#hosts-note { margin-top: 10px; font-size: 0.85rem; }

/* ---------- key match ---------- */

.key-match { display: flex; flex-direction: column; gap: 12px; }
.key-result { border: 1px solid var(--border); border-left: 4px solid var(--border-strong); border-radius: var(--radius-small); padding: 12px 14px; }
.key-ok { border-left-color: var(--ok); }
.key-bad { border-left-color: var(--error); background: color-mix(in srgb, var(--error-soft) 55%, var(--surface)); }
.key-locked { border-left-color: var(--warning-icon); }
.key-headline { display: flex; align-items: flex-start; gap: 8px; }
.key-headline .icon { margin-top: 0.15em; width: 1.25em; height: 1.25em; }
.digest-table { margin-top: 8px; font-size: 0.86rem; }
.digest-table th { width: 42%; }
.digest { font-size: 0.92em; }
.digest-table code.digest { overflow-wrap: anywhere; }
.digest-same { color: var(--ok); }
.digest-differ { color: var(--error); }
.commands .hint { margin-top: 0; margin-bottom: 6px; }

/* ---------- code blocks ---------- */

pre.code {
  margin: 0;
  padding: 12px 14px;
  background: var(--surface-2);
  border: 1px solid var(--border);
  border-radius: var(--radius-small);
  font-size: 0.8rem;
  line-height: 1.5;
  white-space: pre-wrap;
  overflow-wrap: anywhere;
  overflow: auto;
  max-width: 100%;
}

/* ---------- install ---------- */

.deploy { display: grid; grid-template-columns: minmax(0, 1fr); gap: 22px; }
.deploy-step h3 { margin-bottom: 4px; }
.deploy-step .inline-field { margin: 10px 0; }
.note-warning { display: flex; gap: 6px; align-items: flex-start; color: var(--warning); font-weight: 600; margin-top: 6px; }
.note-warning .icon { margin-top: 0.2em; }
#snippet, .commands pre.code { white-space: pre; overflow-wrap: normal; overflow-x: auto; }
#snippet { min-height: 7.5em; }

/* ---------- objects ---------- */

.objects .hint { margin: 0 0 10px; }
.object-list { display: flex; flex-direction: column; border: 1px solid var(--border); border-radius: var(--radius-small); overflow: hidden; }
.object + .object { border-top: 1px solid var(--border); }
.object > summary {
  display: flex;
  align-items: center;
  gap: 12px;
  padding: 11px 14px;
  cursor: pointer;
  list-style: none;
}
.object > summary::-webkit-details-marker { display: none; }
.object > summary::after {
  content: "";
  flex: none;
  width: 8px; height: 8px;
  margin-left: 4px;
  border-right: 2px solid var(--muted);
  border-bottom: 2px solid var(--muted);
  transform: rotate(-45deg);
  transition: transform 0.15s;
}
.object[open] > summary::after { transform: rotate(45deg); }
.object > summary:hover { background: var(--surface-2); }
.object > summary:focus-visible { outline-offset: -3px; }
.object-icon { color: var(--muted); display: flex; }
.object-private_key .object-icon { color: var(--ok); }
.object-unknown .object-icon { color: var(--error); }
.object-title { display: flex; flex-direction: column; min-width: 0; flex: 1; }
.object-name { font-weight: 600; overflow-wrap: anywhere; text-wrap: balance; }
.object-sub { font-size: 0.82rem; color: var(--muted); overflow-wrap: anywhere; }
.object-body { padding: 6px 16px 18px 50px; display: flex; flex-direction: column; gap: 14px; }
.object-note { display: flex; gap: 8px; align-items: flex-start; font-size: 0.9rem; }
.object-note .icon { margin-top: 0.2em; }
.pem-head { display: flex; align-items: center; justify-content: space-between; margin-bottom: 6px; }
.pem-label { font-size: 0.76rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); font-weight: 700; }
pre.pem { max-height: 220px; font-size: 0.74rem; }
.more-objects { margin: 8px; align-self: center; }
.objects > .hint { margin-bottom: 10px; }
#objects-heading + .hint { margin: -8px 0 12px; }

/* ---------- footer ---------- */


/* ---------- small screens ---------- */

@container ci (max-width: 640px) {
  .privacy { padding: 10px 12px; font-size: 0.86rem; }
  .panel { padding: 16px 14px; }
  .card { padding: 16px 14px; }
  .verdict { padding: 16px 16px; }
  .verdict-line { font-size: 1.3rem; }
  .verdict-line + .verdict-sub { margin-left: 0; }
  .severity-hint { display: none; }
  .finding { grid-template-columns: minmax(0, 1fr); gap: 4px; padding: 12px; }
  .finding-icon { display: none; }
  .facts, .facts-compact { grid-template-columns: minmax(0, 1fr); gap: 2px; }
  .facts dd { margin-bottom: 8px; }
  .object-body { padding: 4px 12px 16px; }
  .chain-link { margin-left: 27px; }
  .node { padding: 12px; }
  .node-details-link { display: none; }
  /* The title gets the whole width; Copy PEM goes on its own row below it. */
  .node-head { flex-wrap: wrap; row-gap: 6px; }
  .node-title { flex: 1 1 calc(100% - 44px); }
  .node-actions { flex: 1 0 100%; order: 3; justify-content: flex-start; padding-left: 44px; }
  .node-actions .copy-pem { padding: 2px 4px; margin-left: -4px; }
  /* Code blocks wrap inside their box instead of running off the right edge. */
  #snippet, .commands pre.code { white-space: pre-wrap; overflow-wrap: anywhere; }
  .table th, .table td { padding: 8px 6px; }
  .digest-table thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  .digest-table tr { display: block; padding: 6px 0; border-bottom: 1px solid var(--border); }
  .digest-table tbody tr:last-child { border-bottom: 0; }
  .digest-table th, .digest-table td { display: block; width: auto; padding: 0; border: 0; }
  .digest-table tbody th .block { display: inline; }
  .digest-table tbody th .muted { margin-left: 6px; }
  /* Host rows stacked: the name on its own line, then the result and the entry. */
  #hosts-table thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  #hosts-table tr { display: flex; flex-wrap: wrap; align-items: baseline; gap: 2px 12px; padding: 8px 0; border-bottom: 1px solid var(--border); }
  #hosts-table tbody tr:last-child { border-bottom: 0; }
  #hosts-table th, #hosts-table td { display: block; padding: 0; border: 0; }
  #hosts-table tbody th { flex: 1 0 100%; }
  #hosts-table td.no-entry { display: none; }
  #hosts-table td:last-child:not(.no-entry)::before { content: attr(data-label) " "; color: var(--muted); font-size: 0.85rem; }
  /* Client rows stacked: the client and its verdict on one line, the reason under them. */
  .clients-table thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  .clients-table tr { display: flex; flex-wrap: wrap; align-items: baseline; gap: 2px 12px; padding: 8px 0; border-bottom: 1px solid var(--border); }
  .clients-table tbody tr:last-child { border-bottom: 0; }
  .clients-table th, .clients-table td { display: block; padding: 0; border: 0; }
  .clients-table .client-verdict { width: auto; }
  .clients-table .client-message { flex: 1 0 100%; font-size: 0.88rem; }
  .button-row .button { flex: 1 1 auto; }
  .object > summary { display: grid; grid-template-columns: auto minmax(0, 1fr) auto; align-items: center; column-gap: 10px; row-gap: 4px; }
  .object > summary > .badge { grid-column: 2; grid-row: 2; justify-self: start; }
  .object > summary::after { grid-column: 3; grid-row: 1; }
  .object-icon { align-self: start; margin-top: 3px; }
}

@media (prefers-reduced-motion: reduce) {
  * { transition: none !important; scroll-behavior: auto !important; }
}

@media (forced-colors: active) {
  .finding, .node, .key-result, .verdict { border-left-width: 4px; }
  .icon .stroke-inverse { stroke: Canvas; }
  .icon .fill-inverse { fill: Canvas; }
}
`;
