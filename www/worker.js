// The checker: runs certlens (Rust compiled to WebAssembly) off the UI thread.
//
// Protocol (page <-> worker):
//   page -> {type: "init", module?: WebAssembly.Module}   once, first; a module compiled
//            by an earlier worker lets a restarted worker start without any request
//   worker -> {type: "ready", version, module?} | {type: "fatal", error}
//   page -> {id, inputs: [{name, data}], options, snippetHosts?}
//   worker -> {id, report, snippets, ms} | {id, error} | {id, crashed: true}
// A trap inside the wasm instance (RuntimeError) leaves it unusable: the worker answers
// {crashed: true} and the page replaces it with a fresh one.

import { snippetArgs } from "./lib/report-model.js";

let certlens = null;
let ready = null;

async function load(module) {
  const pkg = await import("./pkg/certlens.js");
  let compiled = module || null;
  if (!compiled && typeof WebAssembly.compileStreaming === "function") {
    // Compile it ourselves so the page can keep the module for a restart while offline.
    try {
      const url = new URL("./pkg/certlens_bg.wasm", import.meta.url);
      compiled = await WebAssembly.compileStreaming(fetch(url));
    } catch {
      compiled = null; // another file layout: let the glue find its wasm
    }
  }
  if (compiled) await pkg.default({ module_or_path: compiled });
  else await pkg.default();
  certlens = pkg;
  return compiled;
}

function isTrap(err) {
  return err instanceof WebAssembly.RuntimeError || (err && err.name === "RuntimeError");
}

function handle(msg) {
  const { id, inputs, options } = msg;
  const started = performance.now();
  let report;
  try {
    report = certlens.inspect(inputs, options || {});
  } catch (err) {
    if (isTrap(err)) {
      self.postMessage({ id, crashed: true, error: String(err && err.message || err) });
      self.close();
      return;
    }
    self.postMessage({ id, error: String(err && err.message || err) });
    return;
  }
  const ms = performance.now() - started;
  let snippets = null;
  try {
    const names = snippetArgs(report, msg.snippetHosts || []);
    if (names && typeof certlens.snippets === "function") snippets = { ...certlens.snippets(names.args), files: { ...names.args, own: names.own } };
  } catch (err) {
    if (isTrap(err)) {
      self.postMessage({ id, crashed: true, error: String(err && err.message || err) });
      self.close();
      return;
    }
    snippets = null; // the report is what matters; the page says the snippet is unavailable
  }
  self.postMessage({ id, report, snippets, ms });
}

self.onmessage = async (event) => {
  const msg = event.data || {};
  if (msg.type === "init") {
    ready = load(msg.module).then(
      (module) => {
        let version = "";
        try { version = certlens.version(); } catch { version = ""; }
        // Hand the compiled module to the page (only if it did not give us one).
        try {
          self.postMessage({ type: "ready", version, module: msg.module ? undefined : module || undefined });
        } catch {
          self.postMessage({ type: "ready", version });
        }
      },
      (err) => {
        self.postMessage({ type: "fatal", error: String(err && err.message || err) });
        throw err;
      },
    );
    return;
  }
  try {
    await ready;
  } catch {
    self.postMessage({ id: msg.id, error: "The checker could not be loaded." });
    return;
  }
  handle(msg);
};
