// certlens: the JS API of the npm package, for Node and browsers. A thin async layer over the
// wasm-bindgen glue (./pkg/certlens.js): it loads the WebAssembly module once, on first use,
// from next to this file, the text catalogue of each language once, on first use
// (./i18n/<lang>.json), and before the first inspection certlens's data files (./data/: the root
// programs, which every trust verdict needs, and the public intermediates chains are completed
// from; gzip, decompressed here), then calls the Rust core. Nothing is sent anywhere: in Node
// the files are read from disk; in a browser they are fetched from where this file was served
// (the same files for everyone, whatever is inspected).
//
//   import { inspect } from "certlens";
//   const report = await inspect([{ name: "fullchain.pem", data }], { hosts: ["www.example.com"] });

import init, * as core from "./pkg/certlens.js";

/** The languages of the findings' texts. */
export const languages = Object.freeze(["en", "zh", "ja"]);

let loading = null; // Promise<void>: the wasm, instantiated once
let dataLoading = null; // Promise<DataInfo[]>: the package's data files, given to the core once
let intermediatesState = "loading"; // "loaded" | "unavailable" once dataLoading settled
const given = new Set(); // kinds of data file the caller gave with loadData(): not replaced by ours

/** The package's data files, by the order they are loaded in. */
const DATA_FILES = ["root-programs", "public-intermediates"];
const catalogues = new Map(); // lang -> Promise<Record<string, string>>

// In Node (and Deno, Bun) the package sits on disk and fetch() cannot read file: URLs; in a
// browser it was served over http(s) and fetch() is the only way. The fs import is dynamic,
// and hidden from bundlers, so that browsers never load it.
async function readBytes(url) {
  if (url.protocol === "file:") {
    const { readFile } = await import(/* webpackIgnore: true */ /* @vite-ignore */ "node:fs/promises");
    return readFile(url);
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`certlens: ${url} answered ${response.status} ${response.statusText}`);
  return new Uint8Array(await response.arrayBuffer());
}

function load() {
  if (!loading) {
    const url = new URL("./pkg/certlens_bg.wasm", import.meta.url);
    loading = (async () => {
      // In a browser the glue fetches and compiles the module while it downloads.
      const source = url.protocol === "file:" ? await readBytes(url) : url;
      await init({ module_or_path: source });
    })();
    loading.catch(() => {
      loading = null; // a failed load (offline, 404) may be retried by the next call
    });
  }
  return loading;
}

/** The bytes of a gzip file (ours are gzip -9 -n). A server that sent one with
 * Content-Encoding: gzip had the browser decompress it already. */
async function gunzip(bytes, url) {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  if (url.protocol === "file:") {
    const zlib = await import(/* webpackIgnore: true */ /* @vite-ignore */ "node:zlib");
    const { promisify } = await import(/* webpackIgnore: true */ /* @vite-ignore */ "node:util");
    return new Uint8Array(await promisify(zlib.gunzip)(bytes));
  }
  if (typeof DecompressionStream !== "function") {
    throw new Error(`certlens: ${url} is gzip, and this browser has no DecompressionStream`);
  }
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Gives the core the package's data files (./data/*.der.gz), once. The root programs are
 * required (a missing or damaged file rejects, naming it, and the next call tries again); without
 * the public intermediates, reports say they are unavailable and chains are not completed.
 */
function loadPackageData() {
  if (!dataLoading) {
    dataLoading = (async () => {
      await load();
      const infos = [];
      for (const name of DATA_FILES) {
        if (given.has(name)) continue;
        const url = new URL(`./data/${name}.der.gz`, import.meta.url);
        try {
          infos.push(core.loadData(await gunzip(await readBytes(url), url)));
        } catch (err) {
          if (name === "root-programs") throw new Error(`certlens: cannot load its data file ${url}: ${err.message || err}`, { cause: err });
          intermediatesState = "unavailable";
          continue;
        }
        if (name === "public-intermediates") intermediatesState = "loaded";
      }
      return infos;
    })();
    dataLoading.catch(() => {
      dataLoading = null;
    });
  }
  return dataLoading;
}

function language(lang) {
  const code = String(lang).trim().toLowerCase().split(/[-_]/)[0];
  if (!languages.includes(code)) {
    throw new TypeError(`options.lang must be one of ${languages.map((l) => `"${l}"`).join(", ")}; got ${JSON.stringify(lang)}`);
  }
  return code;
}

function readCatalogue(lang) {
  const url = new URL(`./i18n/${lang}.json`, import.meta.url);
  return readBytes(url).then((bytes) => {
    const value = JSON.parse(new TextDecoder().decode(bytes));
    if (!value || typeof value !== "object" || Array.isArray(value)) {
      throw new Error(`certlens: ${url} is not a text catalogue (a JSON object of strings)`);
    }
    return value;
  });
}

/**
 * The texts the core writes in (the wasm carries none): the language's catalogue over
 * English, without the component's own ui.* strings. Loaded once per language.
 */
function catalogue(lang) {
  if (!catalogues.has(lang)) {
    const texts = Promise.all([readCatalogue("en"), lang === "en" ? {} : readCatalogue(lang)])
      .then(([english, own]) => {
        const core = {};
        for (const source of [english, own]) {
          for (const [key, text] of Object.entries(source)) if (!key.startsWith("ui.")) core[key] = text;
        }
        return core;
      });
    catalogues.set(lang, texts);
    texts.catch(() => catalogues.delete(lang));
  }
  return catalogues.get(lang);
}

/** `options` with its `lang` (default English) turned into the core's `texts`. */
async function withTexts(options, what) {
  if (options === undefined || options === null) options = {};
  if (typeof options !== "object") throw new TypeError(`${what} must be an object`);
  const { lang, ...rest } = options;
  if (rest.texts === undefined) rest.texts = await catalogue(language(lang ?? "en"));
  return rest;
}

/**
 * Checks the inputs (certificates, chains, keys, CSRs, any mix) and resolves to the report:
 * the same object as the CLI's `--format json`. Rejects with an Error naming the argument
 * when an argument is malformed; problems in the inputs themselves are findings.
 */
export async function inspect(inputs, options) {
  try {
    await loadPackageData();
  } catch (err) {
    if (!given.has("root-programs")) throw err;
  }
  const rest = await withTexts(options, "options");
  if (rest.intermediates === undefined && intermediatesState !== "loaded") rest.intermediates = "unavailable";
  return core.inspect(inputs, rest);
}

/**
 * The data files the package gave the core (loaded on first use, like `inspect` does):
 * [{ kind, date, count }], root programs first.
 */
export async function data() {
  return (await loadPackageData()).slice();
}

/**
 * Gives the core another data file (`root-programs.der` or `public-intermediates.der` in
 * certlens's format, uncompressed), in place of the package's own of that kind, for every
 * later `inspect`. Rejects with an Error naming the damaged field.
 */
export async function loadData(bytes) {
  await loadPackageData().catch(() => load());
  const info = core.loadData(bytes);
  given.add(info.kind);
  if (info.kind === "public-intermediates") intermediatesState = "loaded";
  return info;
}

/** The objects of the inputs (the report's `objects`, same ids and fields), without any check. */
export async function parse(inputs, options) {
  await load();
  return core.parse(inputs, await withTexts(options, "options"));
}

/** Does the issuer certificate's key verify the child certificate's signature? */
export async function verifyLink(child, issuer, options) {
  await load();
  return core.verifyLink(child, issuer, await withTexts(options, "options"));
}

/** nginx, Apache and HAProxy configuration snippets for the given file names and hosts. */
export async function snippets(request) {
  await load();
  return core.snippets(await withTexts(request, "request"));
}

/** The version of the certlens core (the report's `version`). */
export async function version() {
  await load();
  return core.version();
}
