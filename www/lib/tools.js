// The page's side of the tools worker (../tools-worker.js): made on the first call, shared by
// every tool, replaced after a crash. Each call is a promise of the export's result; the
// export's errors (bad arguments, a trap) reject it with an Error.
//
// The tools module's core needs certlens's data files too (the server audit judges trust and
// completes chains): a new worker is given the ones the page has (lib/data.js: fetched once per
// page, by the checker, at moments that do not depend on any input) before its first call.

import { publicIntermediatesStarted, rootPrograms } from "./data.js";

const WORKER_URL = new URL("../tools-worker.js", import.meta.url);

let worker = null;
let nextId = 1;
const pending = new Map();
let prepared = null; // the current worker's root programs, given before any call
let intermediates = null; // the current worker's public intermediates: null | "loading" | "loaded" | "unavailable"
let intermediatesArrived = null; // resolves when they are given (or given up)

function failAll(message) {
  for (const { reject } of pending.values()) reject(new Error(message));
  pending.clear();
}

function post(call, args) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, call, args });
  });
}

function start() {
  const current = new Worker(WORKER_URL, { type: "module" });
  worker = current;
  current.onmessage = (event) => {
    const { id, result, error, crashed } = event.data || {};
    const call = pending.get(id);
    if (crashed && worker === current) worker = null;
    if (!call) return;
    pending.delete(id);
    if (error !== undefined) call.reject(new Error(error));
    else call.resolve(result);
  };
  current.onerror = (event) => {
    event.preventDefault();
    if (worker === current) worker = null;
    failAll(event.message || "the tools module could not be loaded");
  };
  // A damaged file is the core's error: the reports then say the data is unavailable.
  prepared = rootPrograms().then((r) => (r.bytes && worker === current ? post("loadData", [r.bytes]).catch(() => null) : null));
  intermediates = null;
  intermediatesArrived = null;
}

/** Gives the current worker the public intermediates once the page has started fetching them. */
function feedIntermediates() {
  if (intermediates !== null) return;
  const fetching = publicIntermediatesStarted();
  if (!fetching) return;
  const current = worker;
  intermediates = "loading";
  intermediatesArrived = fetching.then(async (r) => {
    if (worker !== current) return;
    const loaded = r.bytes ? await post("loadData", [r.bytes]).then(() => true, () => false) : false;
    if (worker === current) intermediates = loaded ? "loaded" : "unavailable";
  });
}

/**
 * The `intermediates` option for the core while the tools worker does not have them (see
 * CertlensOptions): "loading" while the page is fetching them, else "unavailable".
 */
export function dataOptions() {
  return { intermediates: intermediates === "loading" || intermediates === null ? "loading" : "unavailable" };
}

/** A promise that resolves when the public intermediates the tools worker is waiting for are in
 * (or cannot be had); null when it is waiting for none. */
export function intermediatesSettled() {
  return intermediates === "loading" ? intermediatesArrived : null;
}

/** Calls one export of the tools module, e.g. `callTool("convert", inputs, request)`. */
export async function callTool(call, ...args) {
  if (!worker) start();
  feedIntermediates();
  await prepared;
  if (!worker) { // it crashed meanwhile: a fresh one, with the data
    start();
    feedIntermediates();
    await prepared;
  }
  return post(call, args);
}
