// The tools worker: runs the tools module (www/pkg/certlens_tools*, the core built with the
// `tools` feature: conversions and the server configuration audit) off the UI thread. The page
// starts it only when the user opens a tool (lib/tools.js), so the inspector never downloads it.
//
// Protocol (page <-> worker):
//   page -> {id, call, args}   call: one of CALLS, args: its arguments
//   worker -> {id, result} | {id, error} | {id, error, crashed: true}
// A trap (RuntimeError) leaves the instance unusable: the worker says so and closes, and the
// page makes a new one for the next call.

import init, * as certlens from "./pkg/certlens_tools.js";

// The exports a page may call; anything else is refused, not looked up.
// loadData: certlens's data files, given by lib/tools.js before the first call.
const CALLS = new Set(["convert", "auditConfig", "configReferences", "version", "loadData"]);

const ready = init({ module_or_path: new URL("./pkg/certlens_tools_bg.wasm", import.meta.url) });

/** The ArrayBuffers of the Uint8Arrays in a result, moved to the page rather than copied. */
function buffers(value, found = []) {
  if (value instanceof Uint8Array) found.push(value.buffer);
  else if (Array.isArray(value)) value.forEach((item) => buffers(item, found));
  else if (value && typeof value === "object") Object.values(value).forEach((item) => buffers(item, found));
  return found;
}

self.onmessage = async (event) => {
  const { id, call, args } = event.data || {};
  try {
    await ready;
  } catch (err) {
    self.postMessage({ id, error: String((err && err.message) || err), crashed: true });
    self.close();
    return;
  }
  if (!CALLS.has(call) || typeof certlens[call] !== "function") {
    self.postMessage({ id, error: `no such tool call: ${call}` });
    return;
  }
  let result;
  try {
    result = certlens[call](...(Array.isArray(args) ? args : []));
  } catch (err) {
    const crashed = err instanceof WebAssembly.RuntimeError;
    self.postMessage({ id, error: String((err && err.message) || err), crashed });
    if (crashed) self.close();
    return;
  }
  self.postMessage({ id, result }, [...new Set(buffers(result))]);
};
