// The page's side of the checker: a small pool of Web Workers, each running the wasm core.
//
// - The newest input wins: it goes to an idle worker at once, even while another worker is
//   still busy with input the user has already replaced (a 10 MB paste, say); answers to
//   replaced input are dropped. A worker that finishes becomes idle again, so nothing needs
//   to be reloaded: the page keeps working offline.
// - The page fetches and compiles the wasm once, while the workers load their scripts, and
//   gives every worker the compiled module: no worker downloads anything else, and all of
//   them are ready before the page says it is, so no request is made after that.
// - A worker whose wasm instance trapped is terminated and, when the network allows, replaced;
//   the other one carries on meanwhile.

const POOL_SIZE = 2;

const WASM_URL = new URL("../pkg/certlens_bg.wasm", import.meta.url);

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

const NO_HANDLERS = { onReady() {}, onFatal() {}, onStart() {}, onResult() {}, onCrash() {} };

export class Checker {
  /** Starts at once (the page's boot module); the page connects its handlers later. */
  constructor() {
    this.handlers = NO_HANDLERS;
    this.module = null; // the compiled wasm, shared with every worker
    this.version = "";
    this.slots = []; // { worker, ready, request, initSent }
    this.ready = false;
    this.nextId = 1;
    this.pending = null; // the newest payload not sent yet
    this.latest = null; // the newest payload asked for: only its answer is shown
    this.fatal = false;

    // The workers load their scripts while the page compiles the wasm for them.
    for (let i = 0; i < POOL_SIZE; i++) this.spawn(false);
    compileWasm().then((module) => {
      this.module = module;
      for (const s of this.slots) if (!s.initSent) this.init(s);
    });
    addEventListener("online", () => this.refill());
  }

  /**
   * @param {object} handlers
   *   onReady(version), onFatal(message), onStart(request), onResult(request, reply),
   *   onCrash(request, message)
   */
  connect(handlers) {
    this.handlers = { ...NO_HANDLERS, ...handlers };
    if (this.fatalMessage) this.handlers.onFatal(this.fatalMessage);
    else if (this.ready) this.handlers.onReady(this.version);
  }

  spawn(init) {
    const worker = new Worker(new URL("../worker.js", import.meta.url), { type: "module", name: "certlens" });
    const slot = { worker, ready: false, request: null, initSent: false };
    this.slots.push(slot);
    worker.onmessage = (e) => this.onMessage(slot, e.data);
    worker.onerror = (e) => {
      e.preventDefault?.();
      if (!slot.ready) {
        this.lostBeforeReady(slot, e.message || "the worker could not be started");
      } else {
        this.crashed(slot, e.message || "the checker stopped");
      }
    };
    if (init) this.init(slot);
    return slot;
  }

  init(slot) {
    slot.initSent = true;
    slot.worker.postMessage({ type: "init", module: this.module || undefined });
  }

  /** Starts workers until the pool is full (only with a compiled module, i.e. no download). */
  refill() {
    if (!this.module || (typeof navigator !== "undefined" && navigator.onLine === false)) return;
    while (this.slots.length < POOL_SIZE) this.spawn(true);
  }

  drop(slot) {
    slot.worker.terminate();
    this.slots = this.slots.filter((s) => s !== slot);
  }

  /** A worker that could not load: carry on with the others, or give up. */
  lostBeforeReady(slot, message) {
    this.drop(slot);
    if (!this.slots.length) {
      this.fail(message);
      return;
    }
    if (!this.ready && this.slots.every((s) => s.ready)) {
      this.ready = true;
      this.handlers.onReady(this.version);
      this.pump();
    }
  }

  fail(message) {
    if (this.fatal) return;
    this.fatal = true;
    this.fatalMessage = message;
    this.handlers.onFatal(message);
  }

  onMessage(slot, msg) {
    if (!this.slots.includes(slot)) return; // already dropped
    if (msg.type === "ready") {
      slot.ready = true;
      if (msg.module && !this.module) this.module = msg.module;
      if (msg.version) this.version = msg.version;
      // Ready once every worker is: no request is made after that.
      if (!this.ready && this.slots.every((s) => s.ready)) {
        this.ready = true;
        this.handlers.onReady(this.version);
      }
      this.pump();
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
    if (request.payload === this.latest) this.handlers.onResult(request, msg);
    this.pump();
  }

  crashed(slot, message, request = slot.request) {
    this.drop(slot);
    this.refill();
    const shown = request && request.payload === this.latest;
    if (shown) this.latest = null; // do not run it again by itself: it would trap again
    this.handlers.onCrash(shown ? request : null, message);
    if (!this.slots.length) this.fail("the checker stopped and cannot be restarted offline");
    this.pump();
  }

  /** Queues a check; replaces any queued one. */
  check(payload) {
    this.pending = payload;
    this.latest = payload;
    this.pump();
  }

  /** Forgets queued work and any answer still to come. */
  cancel() {
    this.pending = null;
    this.latest = null;
  }

  pump() {
    if (!this.ready || !this.pending) return;
    const slot = this.slots.find((s) => s.ready && !s.request);
    if (!slot) return; // every worker busy: the newest payload goes to the first one free
    const payload = this.pending;
    this.pending = null;
    const request = { id: this.nextId++, payload, started: performance.now() };
    slot.request = request;
    this.handlers.onStart(request);
    slot.worker.postMessage({ id: request.id, ...payload });
  }
}
