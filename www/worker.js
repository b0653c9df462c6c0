// The checker: runs certlens (Rust compiled to WebAssembly) off the UI thread.
//
// Protocol (page <-> worker):
//   page -> {type: "init", module?: WebAssembly.Module}   once, first; a module compiled
//            by an earlier worker lets a restarted worker start without any request
//   worker -> {type: "ready", version, module?} | {type: "fatal", error}
//   page -> {id, inputs: [{name, data}], options, snippetHosts?, pasteName?}
//   worker -> {id, report, snippets, ms} | {id, error} | {id, errorKey} | {id, crashed: true}
// errorKey: a catalogue key (ui.*) the page shows in the element's language.
// A trap inside the wasm instance (RuntimeError) leaves it unusable: the worker answers
// {crashed: true} and closes; the page replaces it with a fresh one.

import { handle, load, version } from "./lib/engine.js";

let ready = null;

self.onmessage = async (event) => {
  const msg = event.data || {};
  if (msg.type === "init") {
    ready = load(msg.module).then(
      (module) => {
        // Hand the compiled module to the page (only if it did not give us one).
        try {
          self.postMessage({ type: "ready", version: version(), module: msg.module ? undefined : module || undefined });
        } catch {
          self.postMessage({ type: "ready", version: version() });
        }
      },
      (err) => {
        self.postMessage({ type: "fatal", error: String((err && err.message) || err) });
        throw err;
      },
    );
    return;
  }
  try {
    await ready;
  } catch {
    self.postMessage({ id: msg.id, errorKey: "ui.status.not_loaded" });
    return;
  }
  const reply = handle(msg);
  self.postMessage(reply);
  if (reply.crashed) self.close();
};
