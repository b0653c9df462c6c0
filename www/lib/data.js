// certlens's data files, as the page fetches them: data/root-programs.der.gz (the root programs
// and their history: every trust verdict needs them) and data/public-intermediates.der.gz (the
// CCADB-disclosed intermediates certlens completes chains from). scripts/build-web.sh writes
// them from the repository's data/*.der (gzip -9 -n, so the transfer is compressed whatever the
// server does); the wasm carries neither.
//
// Privacy: these are the same two URLs and the same bytes for every user, fetched at moments the
// page fixes (the root programs when the checker starts, with the wasm; the intermediates at idle
// once the checker is ready), never because of what the user gave. So no request says anything
// about the user's files. Each file is fetched and decompressed once per page, whoever asks.

export const ROOT_PROGRAMS_URL = new URL("../data/root-programs.der.gz", import.meta.url);
export const INTERMEDIATES_URL = new URL("../data/public-intermediates.der.gz", import.meta.url);

const GZIP_MAGIC = [0x1f, 0x8b];

/** The bytes, decompressed when they are gzip (a server that sent the file with
 * Content-Encoding: gzip had the browser decompress it already). */
export async function gunzip(bytes) {
  if (bytes[0] !== GZIP_MAGIC[0] || bytes[1] !== GZIP_MAGIC[1]) return bytes;
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Resolves to { bytes } or { error } (never rejects). */
async function fetchData(url) {
  try {
    const response = await fetch(url);
    if (!response.ok) return { error: `${response.status} ${response.statusText}`.trim() };
    return { bytes: await gunzip(new Uint8Array(await response.arrayBuffer())) };
  } catch (err) {
    return { error: String((err && err.message) || err) };
  }
}

const started = new Map(); // url -> Promise<{ bytes } | { error }>

function once(url) {
  if (!started.has(url.href)) started.set(url.href, fetchData(url));
  return started.get(url.href);
}

/** The root programs file: fetched on the first call, then the same promise. */
export function rootPrograms() {
  return once(ROOT_PROGRAMS_URL);
}

/** The public intermediates file: fetched on the first call, then the same promise. */
export function publicIntermediates() {
  return once(INTERMEDIATES_URL);
}

/** The intermediates' promise when someone has started fetching them, else null (never starts it). */
export function publicIntermediatesStarted() {
  return started.get(INTERMEDIATES_URL.href) ?? null;
}
