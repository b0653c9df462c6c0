// certlens: the JS API of the npm package, for Node and browsers. A thin async layer over the
// wasm-bindgen glue (./pkg/certlens.js): it loads the WebAssembly module once, on first use,
// from next to this file, and the text catalogue of each language once, on first use
// (./i18n/<lang>.json), then calls the Rust core. Nothing is sent anywhere: in Node the files
// are read from disk; in a browser they are fetched from where this file was served.
//
//   import { inspect } from "certlens";
//   const report = await inspect([{ name: "fullchain.pem", data }], { hosts: ["www.example.com"] });

import init, * as core from "./pkg/certlens.js";

/** The languages of the findings' texts. */
export const languages = Object.freeze(["en", "zh", "ja"]);

let loading = null; // Promise<void>: the wasm, instantiated once
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
  await load();
  return core.inspect(inputs, await withTexts(options, "options"));
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
