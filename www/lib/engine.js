// The checker's engine: loads the wasm core and its data files, and answers one request. Runs
// inside worker.js, or on the page's main thread when no Worker can be made (see checker.js).
//   request: {id, inputs: [{name, data}], options, snippetHosts?, pasteName?}
//   reply:   {id, report, snippets, ms} | {id, error} | {id, crashed: true, error}
import { snippetArgs } from "./report-model.js";

const WASM_URL = new URL("../pkg/certlens_bg.wasm", import.meta.url);
let certlens = null;

/** Loads the core; `module` is a compiled WebAssembly.Module to reuse, if any. Returns the module used. */
export async function load(module) {
  const pkg = await import("../pkg/certlens.js");
  let compiled = module || null;
  if (!compiled && typeof WebAssembly.compileStreaming === "function") {
    // Compile it here so the page can keep the module for a restart while offline.
    try {
      compiled = await WebAssembly.compileStreaming(fetch(WASM_URL));
    } catch {
      compiled = null; // another file layout: let the glue find its wasm
    }
  }
  if (compiled) await pkg.default({ module_or_path: compiled });
  else await pkg.default({ module_or_path: WASM_URL });
  certlens = pkg;
  return compiled;
}

/**
 * Gives the core one of certlens's data files (root programs or public intermediates, see
 * lib/data.js), kept for every later inspection of this instance.
 * Returns { kind, date, count } or { error } (a damaged file: the core names the field).
 */
export function loadData(bytes) {
  try {
    const info = certlens.loadData(bytes);
    return { kind: info.kind, date: info.date, count: info.count };
  } catch (err) {
    return { error: String((err && err.message) || err), crashed: isTrap(err) };
  }
}

export function version() {
  try {
    return certlens.version();
  } catch {
    return "";
  }
}

export function isTrap(err) {
  return err instanceof WebAssembly.RuntimeError || (err && err.name === "RuntimeError");
}

export function handle(msg) {
  const { id, inputs, options } = msg;
  const started = performance.now();
  let report;
  try {
    report = certlens.inspect(inputs, options || {});
  } catch (err) {
    if (isTrap(err)) return { id, crashed: true, error: String((err && err.message) || err) };
    return { id, error: String((err && err.message) || err) };
  }
  const ms = performance.now() - started;
  let snippets = null;
  try {
    const names = snippetArgs(report, msg.snippetHosts || [], msg.pasteName ?? null);
    if (names && typeof certlens.snippets === "function") {
      const request = { ...names.args, texts: options && options.texts };
      snippets = { ...certlens.snippets(request), files: { ...names.args, own: names.own } };
    }
  } catch (err) {
    if (isTrap(err)) return { id, crashed: true, error: String((err && err.message) || err) };
    snippets = null; // the report is what matters; the page says the snippet is unavailable
  }
  return { id, report, snippets, ms };
}
