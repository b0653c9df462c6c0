// The checker: runs certlens (Rust compiled to WebAssembly) off the UI thread.
//
// Protocol (page <-> worker):
//   page -> {type: "init", module?: WebAssembly.Module, data: Uint8Array[]}   once, first;
//            a module compiled by an earlier worker lets a restarted worker start without any
//            request; data: certlens's data files the page has (lib/data.js), loaded before
//            the worker says it is ready
//   worker -> {type: "ready", version, module?, data: [{kind, date, count} | {error}]} | {type: "fatal", error}
//   page -> {type: "data", data: Uint8Array}   a data file that arrived later (the public
//            intermediates); every request after it is checked with it
//   worker -> {type: "data", kind, date, count} | {type: "data", error}
//   page -> {id, inputs: [{name, data}], options, snippetHosts?, pasteName?}
//   worker -> {id, report, snippets, ms} | {id, error} | {id, errorKey} | {id, crashed: true}
// errorKey: a catalogue key (ui.*) the page shows in the element's language.
// A trap inside the wasm instance (RuntimeError) leaves it unusable: the worker answers
// {crashed: true} and closes; the page replaces it with a fresh one.

import { handle, load, loadData, version } from "./lib/engine.js";

let ready = null;

self.onmessage = async (event) => {
  const msg = event.data || {};
  if (msg.type === "init") {
    ready = load(msg.module).then(
      (module) => {
        const data = (msg.data || []).map((bytes) => loadData(bytes));
        // Hand the compiled module to the page (only if it did not give us one).
        try {
          self.postMessage({ type: "ready", version: version(), data, module: msg.module ? undefined : module || undefined });
        } catch {
          self.postMessage({ type: "ready", version: version(), data });
        }
      },
      (err) => {
        self.postMessage({ type: "fatal", error: String((err && err.message) || err) });
        throw err;
      },
    );
    ready.catch(() => {}); // requests that wait for it say the checker is not loaded
    return;
  }
  if (msg.type === "data") {
    // After the requests already queued (they were sent before the data), before any later one.
    ready = (ready || Promise.reject(new Error("not initialised"))).then(() => {
      self.postMessage({ type: "data", ...loadData(msg.data) });
    });
    ready.catch(() => {});
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
