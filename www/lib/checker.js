// The page's side of the checker: ONE per page (getChecker()), however many <cert-inspector>
// elements there are, made on first use. A small pool of Web Workers, each running the wasm
// core; each element talks to it through its own session.
//
// - The newest input of a session wins: it goes to an idle worker at once, even while another
//   worker is still busy with input the user has already replaced (a 10 MB paste, say);
//   answers to replaced input are dropped. A worker that finishes becomes idle again, so
//   nothing needs to be reloaded: the page keeps working offline.
// - The page fetches and compiles the wasm once, while the workers load their scripts, and
//   gives every worker the compiled module: no worker downloads anything else.
// - certlens's data files (lib/data.js): the root programs are fetched in parallel with the
//   wasm and decompressed once; every worker loads them before it says it is ready, and the
//   checker is ready once every worker is. Then, at idle, the public intermediates are fetched
//   once and given to every worker (and to any worker started later). Until they are in,
//   inspections tell the core they are "loading" (it says the check runs again); if they cannot
//   be had, "unavailable". When they arrive, each session's latest check that was made without
//   them runs again, so a missing intermediate is completed without the user doing anything.
//   These two requests are the same for everyone, at moments fixed by the page, whatever the
//   user gave; after the intermediates, the checker makes no request at all.
// - A worker whose wasm instance trapped is terminated and, when the network allows, replaced;
//   the other one carries on meanwhile.
// - No Worker at all (the script comes from another origin, so `new Worker` throws, or the
//   page's CSP refuses workers): the same engine runs on the main thread, one request at a
//   time. The page then freezes while a large input is checked, but it works.

import { publicIntermediates, rootPrograms } from "./data.js";

const POOL_SIZE = 2;

const WASM_URL = new URL("../pkg/certlens_bg.wasm", import.meta.url);
const WORKER_URL = new URL("../worker.js", import.meta.url);

/** Fetches and compiles the wasm (off the main thread when streaming); null if that fails. */
async function compileWasm() {
  try {
    const response = await fetch(WASM_URL);
    if (!response.ok) return null;
    const streaming = typeof WebAssembly.compileStreaming === "function" &&
      (response.headers.get("content-type") || "").startsWith("application/wasm");
    return await (streaming ? WebAssembly.compileStreaming(response) : WebAssembly.compile(await response.arrayBuffer()));
  } catch {
    return null; // another layout of pkg/: each worker lets the glue find its wasm
  }
}

/** Stands in for a Worker on the main thread: the same messages, answered by lib/engine.js. */
class InlineWorker {
  constructor() {
    this.onmessage = null;
    this.onerror = null;
    this.closed = false;
    this.engine = import("./engine.js");
    this.queue = Promise.resolve();
  }

  postMessage(msg) {
    this.queue = this.queue.then(async () => {
      const engine = await this.engine;
      if (this.closed) return;
      if (msg.type === "init") {
        try {
          await engine.load(msg.module);
        } catch (err) {
          this.reply({ type: "fatal", error: String((err && err.message) || err) });
          return;
        }
        const data = (msg.data || []).map((bytes) => engine.loadData(bytes));
        this.reply({ type: "ready", version: engine.version(), data });
        return;
      }
      if (msg.type === "data") {
        this.reply({ type: "data", ...engine.loadData(msg.data) });
        return;
      }
      // Let the page paint "checking…" first: this blocks the main thread.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const reply = engine.handle(msg);
      this.reply(reply);
    });
  }

  reply(data) {
    if (!this.closed && this.onmessage) this.onmessage({ data });
  }

  terminate() {
    this.closed = true;
  }
}

const NO_HANDLERS = { onReady() {}, onFatal() {}, onStart() {}, onResult() {}, onCrash() {}, onData() {} };

/** One element's connection: its newest input, and the handlers its answers go to. */
class Session {
  constructor(checker, handlers) {
    this.checker = checker;
    this.handlers = { ...NO_HANDLERS, ...handlers };
    this.pending = null; // the newest payload not sent yet
    this.latest = null; // the newest payload asked for: only its answer is shown
    this.shownIntermediates = null; // data.public_intermediates of the report last shown
  }

  get ready() {
    return this.checker.ready;
  }

  get version() {
    return this.checker.version;
  }

  /** "loading" | "loaded" | "unavailable": the public intermediates (see the checker). */
  get intermediates() {
    return this.checker.intermediates;
  }

  /** Queues a check; replaces any queued one of this session. */
  check(payload) {
    this.pending = payload;
    this.latest = payload;
    this.checker.pump();
  }

  /** Forgets queued work and any answer still to come. */
  cancel() {
    this.pending = null;
    this.latest = null;
  }

  close() {
    this.cancel();
    this.handlers = NO_HANDLERS;
    this.checker.sessions.delete(this);
  }
}

export class Checker {
  constructor() {
    this.sessions = new Set();
    this.module = null; // the compiled wasm, shared with every worker
    this.version = "";
    this.slots = []; // { worker, ready, request, initSent }
    this.ready = false;
    this.inline = false; // running on the main thread
    this.nextId = 1;
    this.fatal = false;
    this.fatalMessage = null;
    this.compiled = false; // compileWasm() and the root programs have finished (either way)
    this.rootPrograms = null; // the decompressed root programs file, or null
    this.intermediatesBytes = null; // the decompressed public intermediates, once fetched
    // "loading" until the public intermediates are given to the workers (or cannot be had:
    // "unavailable"), then "loaded".
    this.intermediates = "loading";
    this.intermediatesAsked = false;

    // The workers load their scripts while the page compiles the wasm for them and fetches
    // the root programs (in parallel: both are needed before anything can be checked).
    for (let i = 0; i < POOL_SIZE && !this.inline; i++) this.spawn(false);
    Promise.all([compileWasm(), rootPrograms()]).then(([module, roots]) => {
      this.module = module;
      this.rootPrograms = roots.bytes || null;
      this.compiled = true;
      for (const s of this.slots) if (!s.initSent) this.init(s);
    });
    // Module-level and once per page: replaces a crashed worker when the network is back.
    addEventListener("online", () => this.refill());
  }

  /**
   * A session for one element. handlers: onReady(version), onFatal(message), onStart(request),
   * onResult(request, reply), onCrash(request, message). A message is the browser's text, or
   * { key } (a ui.* catalogue key) that each element shows in its own language.
   */
  session(handlers) {
    const session = new Session(this, handlers);
    this.sessions.add(session);
    queueMicrotask(() => {
      if (!this.sessions.has(session)) return;
      if (this.fatalMessage) session.handlers.onFatal(this.fatalMessage);
      else if (this.ready) session.handlers.onReady(this.version);
    });
    return session;
  }

  broadcast(name, ...args) {
    for (const s of [...this.sessions]) s.handlers[name](...args);
  }

  spawn(init) {
    let worker;
    if (!this.inline) {
      try {
        worker = new Worker(WORKER_URL, { type: "module", name: "certlens" });
      } catch {
        // A cross-origin script URL (the element's script on a CDN) or a CSP without
        // worker-src for it: run on the main thread instead.
        this.goInline();
        return null;
      }
    } else {
      worker = new InlineWorker();
    }
    const slot = { worker, ready: false, request: null, initSent: false };
    this.slots.push(slot);
    worker.onmessage = (e) => this.onMessage(slot, e.data);
    worker.onerror = (e) => {
      e.preventDefault?.();
      if (!slot.ready) this.lostBeforeReady(slot, e.message || { key: "ui.error.worker_start" });
      else this.crashed(slot, e.message || { key: "ui.error.stopped" });
    };
    if (init) this.init(slot);
    return slot;
  }

  /** No workers: one main-thread engine. */
  goInline() {
    if (this.inline) return;
    this.inline = true;
    for (const s of this.slots) s.worker.terminate();
    this.slots = [];
    this.spawn(this.compiled);
  }

  init(slot) {
    slot.initSent = true;
    // Copies (structured clone): each worker's wasm keeps its own.
    const data = [this.rootPrograms, this.intermediatesBytes].filter(Boolean);
    slot.worker.postMessage({ type: "init", module: this.module || undefined, data });
  }

  /**
   * Once the checker is ready: at idle, the public intermediates, once per page, whatever the
   * sessions hold. (Same URL and bytes for everyone: see lib/data.js.)
   */
  fetchIntermediatesAtIdle() {
    if (this.intermediatesAsked) return;
    this.intermediatesAsked = true;
    const idle = typeof requestIdleCallback === "function"
      ? (fn) => requestIdleCallback(fn, { timeout: 2000 })
      : (fn) => setTimeout(fn, 50);
    idle(() => publicIntermediates().then((result) => this.gotIntermediates(result)));
  }

  gotIntermediates(result) {
    if (!result.bytes) {
      this.setIntermediates("unavailable");
      return;
    }
    this.intermediatesBytes = result.bytes;
    // Every request sent to a worker after this message is checked with them; workers not
    // initialised yet get them with their init.
    for (const s of this.slots) if (s.initSent) s.worker.postMessage({ type: "data", data: result.bytes });
    this.setIntermediates("loaded");
  }

  setIntermediates(state) {
    if (this.intermediates === state) return;
    this.intermediates = state;
    this.broadcast("onData", { intermediates: state });
    for (const session of this.sessions) this.rerunIfStale(session);
    this.pump();
  }

  /** Checks a session's latest input again when its report was made while the intermediates
   * were still loading and they are not any more (loaded, or given up). */
  rerunIfStale(session) {
    if (this.intermediates === "loading" || session.shownIntermediates !== "loading") return;
    if (!session.latest || session.pending) return;
    if (this.slots.some((s) => s.request && s.request.session === session && s.request.payload === session.latest)) return;
    session.shownIntermediates = null;
    session.pending = session.latest;
  }

  /** Starts workers until the pool is full (only with a compiled module, i.e. no download). */
  refill() {
    if (this.inline || !this.module || (typeof navigator !== "undefined" && navigator.onLine === false)) return;
    while (this.slots.length < POOL_SIZE) if (!this.spawn(true)) break;
  }

  drop(slot) {
    slot.worker.terminate();
    this.slots = this.slots.filter((s) => s !== slot);
  }

  /** A worker that could not load: carry on with the others, or fall back to the main thread. */
  lostBeforeReady(slot, message) {
    this.drop(slot);
    if (!this.slots.length) {
      if (!this.inline && !this.ready) {
        this.goInline();
        return;
      }
      this.fail(message);
      return;
    }
    this.maybeReady();
  }

  maybeReady() {
    if (!this.ready && this.slots.length && this.slots.every((s) => s.ready)) {
      this.ready = true;
      this.broadcast("onReady", this.version);
      this.fetchIntermediatesAtIdle();
    }
    this.pump();
  }

  fail(message) {
    if (this.fatal) return;
    this.fatal = true;
    this.fatalMessage = message;
    this.broadcast("onFatal", message);
  }

  onMessage(slot, msg) {
    if (!this.slots.includes(slot)) return; // already dropped
    if (msg.type === "data") {
      // A worker could not use the intermediates (a damaged file): none of them can.
      if (msg.error) {
        this.intermediatesBytes = null;
        this.setIntermediates("unavailable");
      }
      return;
    }
    if (msg.type === "ready") {
      slot.ready = true;
      // msg.data: what each data file gave ({ kind, date, count } or { error }); a root programs
      // file that could not be read shows in every report (root_data_unavailable).
      if (msg.module && !this.module) this.module = msg.module;
      if (msg.version) this.version = msg.version;
      // Ready once every worker is, with the root programs; the one request after that is the
      // public intermediates, at idle.
      this.maybeReady();
      return;
    }
    if (msg.type === "fatal") {
      this.lostBeforeReady(slot, msg.error);
      return;
    }
    const request = slot.request;
    if (!request || msg.id !== request.id) return;
    slot.request = null;
    if (msg.crashed) {
      this.crashed(slot, msg.error, request);
      return;
    }
    const session = request.session;
    if (this.sessions.has(session) && request.payload === session.latest) {
      session.shownIntermediates = msg.report && msg.report.data ? msg.report.data.public_intermediates : null;
      session.handlers.onResult(request, msg);
      this.rerunIfStale(session); // the intermediates arrived while it was being checked
    }
    this.pump();
  }

  crashed(slot, message, request = slot.request) {
    this.drop(slot);
    this.refill();
    const session = request && request.session;
    const shown = Boolean(session && request.payload === session.latest);
    if (shown) session.latest = null; // do not run it again by itself: it would trap again
    // Every element counts the crash; only the one whose input it was shows it.
    for (const s of [...this.sessions]) s.handlers.onCrash(s === session && shown ? request : null, message);
    if (!this.slots.length) this.fail({ key: "ui.error.stopped_offline" });
    this.pump();
  }

  pump() {
    if (!this.ready) return;
    for (const session of this.sessions) {
      if (!session.pending) continue;
      const slot = this.slots.find((s) => s.ready && !s.request);
      if (!slot) return; // every worker busy: the newest payloads go to the first ones free
      const payload = session.pending;
      session.pending = null;
      const request = { id: this.nextId++, payload, session, started: performance.now() };
      slot.request = request;
      session.handlers.onStart(request);
      // Without the intermediates in the worker yet: whether they are still coming. (Once a
      // worker has them, the core ignores this.)
      const options = { ...payload.options, intermediates: this.intermediates === "loading" ? "loading" : "unavailable" };
      slot.worker.postMessage({ id: request.id, ...payload, options });
    }
  }
}

let shared = null;

/** The page's one checker, started on the first call (lazily: not when the element is defined). */
export function getChecker() {
  if (!shared) shared = new Checker();
  return shared;
}

/** Whether the checker was started already (for tests and diagnostics). */
export function checkerStarted() {
  return shared !== null;
}
