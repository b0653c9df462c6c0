// The page's side of the tools worker (../tools-worker.js): made on the first call, shared by
// every tool, replaced after a crash. Each call is a promise of the export's result; the
// export's errors (bad arguments, a trap) reject it with an Error.

const WORKER_URL = new URL("../tools-worker.js", import.meta.url);

let worker = null;
let nextId = 1;
const pending = new Map();

function failAll(message) {
  for (const { reject } of pending.values()) reject(new Error(message));
  pending.clear();
}

function start() {
  worker = new Worker(WORKER_URL, { type: "module" });
  worker.onmessage = (event) => {
    const { id, result, error, crashed } = event.data || {};
    const call = pending.get(id);
    if (crashed) worker = null;
    if (!call) return;
    pending.delete(id);
    if (error !== undefined) call.reject(new Error(error));
    else call.resolve(result);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    worker = null;
    failAll(event.message || "the tools module could not be loaded");
  };
}

/** Calls one export of the tools module, e.g. `callTool("convert", inputs, request)`. */
export function callTool(call, ...args) {
  if (!worker) start();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, call, args });
  });
}
