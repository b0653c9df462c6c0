#!/usr/bin/env bash
# Builds the npm package `certlens` into dist/npm/ (not committed) and packs it into
# dist/certlens-<version>.tgz, printing its size. Idempotent; builds the wasm first
# (scripts/build-web.sh) when www/pkg/ is missing or older than what it is built from.
#
# The package (see npm/README.md) holds:
#   index.js, index.d.ts, cert-inspector.d.ts, README.md   from npm/
#   package.json                     npm/package.json with the version of Cargo.toml and `files`
#   pkg/certlens.js, pkg/certlens_bg.wasm, pkg/certlens.d.ts   the wasm-bindgen output
#   i18n/*.json                      the text catalogues (www/i18n/, made by build-web.sh)
#   data/*.der.gz                    certlens's data files (www/data/, put there by build-web.sh
#                                    from data/): index.js (Node: fs + zlib; browsers: fetch) and
#                                    the component (lib/data.js) load them relative to themselves
#   cert-inspector.js, worker.js and the modules and assets they load, copied from www/ with
#   the same layout: everything in www/ except the HTML pages, the favicon, the pages' own
#   scripts (page.js, app.js) and the files only the pages reach (their scripts and
#   stylesheets, followed through imports, minus whatever the component reaches). Every
#   relative import or `new URL(..., import.meta.url)` reachable from the component must
#   resolve inside the package, or the build fails.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v node >/dev/null && command -v npm >/dev/null || {
  echo "Node.js >= 20 and npm are required to build the npm package: https://nodejs.org/" >&2
  exit 1
}

# The wasm build, when missing or older than what it is built from.
glue=www/pkg/certlens.js
if [ ! -f "$glue" ] || [ ! -f www/pkg/certlens_bg.wasm ] || [ ! -f www/pkg/certlens.d.ts ] ||
  [ ! -f www/i18n/en.json ] ||
  [ ! -f www/data/root-programs.der.gz ] || [ ! -f www/data/public-intermediates.der.gz ] ||
  [ -n "$(find src i18n data build.rs Cargo.toml Cargo.lock .cargo -newer "$glue" -print -quit 2>/dev/null)" ]; then
  echo "== building the wasm (scripts/build-web.sh)"
  ./scripts/build-web.sh
fi

version=$(awk -F'"' '/^\[/ { section = $0 } section == "[package]" && /^version *=/ { print $2; exit }' Cargo.toml)
[ -n "$version" ] || { echo "no [package] version in Cargo.toml" >&2; exit 1; }

echo "== assembling dist/npm (certlens $version)"
mkdir -p dist
stage=$(mktemp -d dist/.npm.XXXXXX)
trap 'rm -rf "$stage"' EXIT

mkdir -p "$stage/pkg" "$stage/i18n"
cp npm/index.js npm/index.d.ts npm/cert-inspector.d.ts npm/README.md "$stage/"
cp www/pkg/certlens.js www/pkg/certlens_bg.wasm www/pkg/certlens.d.ts "$stage/pkg/"
# The catalogues as build-web.sh lays them out for the component (with an empty {} for a
# catalogue a language lacks so far), else as they are in i18n/.
if [ -f www/i18n/en.json ]; then cp www/i18n/*.json "$stage/i18n/"; else cp i18n/*.json "$stage/i18n/"; fi

# The component's files, then package.json; both in Node (module graphs, JSON).
node --input-type=module - "$stage" "$version" <<'JS'
import fs from "node:fs";
import path from "node:path";

const [stage, version] = process.argv.slice(2);
const www = path.resolve("www");
const ENTRY = "cert-inspector.js";
const PAGE_SCRIPTS = new Set(["page.js", "app.js"]); // the full page's own code, not the component's
const rel = (file) => path.relative(www, file).split(path.sep).join("/");

// A module's code without its comments (strings and regular expressions kept), so that
// examples in comments ("render/*.js", import lines) are not taken for references.
function stripComments(src) {
  let out = "";
  let last = ""; // the last significant character of code: does a "/" start a regex?
  for (let i = 0; i < src.length;) {
    const c = src[i];
    const d = src[i + 1];
    if (c === "/" && d === "/") {
      const j = src.indexOf("\n", i);
      i = j < 0 ? src.length : j;
    } else if (c === "/" && d === "*") {
      const j = src.indexOf("*/", i + 2);
      i = j < 0 ? src.length : j + 2;
      out += " ";
    } else if (c === '"' || c === "'" || c === "`") {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += src[j] === "\\" ? 2 : 1;
      out += src.slice(i, j + 1);
      i = j + 1;
      last = c;
    } else if (c === "/" && (last === "" || /[(,=:[!&|?{};+\-*%<>~^]/.test(last) ||
        /\b(return|typeof|case|in|of|void|delete|throw)\s*$/.test(out.slice(-12)))) {
      let j = i + 1;
      let inClass = false;
      while (j < src.length && src[j] !== "\n") {
        if (src[j] === "\\") { j += 2; continue; }
        if (src[j] === "[") inClass = true;
        else if (src[j] === "]") inClass = false;
        else if (src[j] === "/" && !inClass) break;
        j++;
      }
      out += src.slice(i, j + 1);
      i = j + 1;
      last = "/";
    } else {
      out += c;
      if (!/\s/.test(c)) last = c;
      i++;
    }
  }
  return out;
}

// Relative references of a module: static and dynamic imports with a literal specifier,
// re-exports, and new URL("...", import.meta.url) (workers, the wasm, stylesheets, data).
function references(file) {
  const src = stripComments(fs.readFileSync(file, "utf8"));
  const patterns = [
    /\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+)["']/g,
    /\bexport\s*[\w$*{}\s,]*?\s*from\s*["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
    /\bnew\s+URL\s*\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url\s*\)/g,
  ];
  const found = new Set();
  for (const re of patterns) {
    for (const m of src.matchAll(re)) {
      if (/^\.\.?\//.test(m[1])) found.add(path.resolve(path.dirname(file), m[1].split(/[?#]/)[0]));
    }
  }
  return [...found];
}

// Everything reachable from `starts` through references (modules are followed, other files
// and directories are leaves).
function closure(starts) {
  const seen = new Set();
  const todo = [...starts];
  while (todo.length) {
    const file = todo.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    if (/\.m?js$/.test(file) && fs.existsSync(file) && fs.statSync(file).isFile()) todo.push(...references(file));
  }
  return seen;
}

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    if (d.name.startsWith(".")) return [];
    const p = path.join(dir, d.name);
    return d.isDirectory() ? walk(p) : [p];
  });
}

const entry = path.join(www, ENTRY);
const files = walk(www);
const pages = files.filter((f) => /\.html?$/.test(f));
let copy = [];
if (!fs.existsSync(entry)) {
  console.error(`warning: www/${ENTRY} does not exist yet: the package is built without the <cert-inspector> component`);
} else {
  const component = closure([entry, path.join(www, "worker.js")]);
  // What the pages load themselves: src= and href= of scripts, stylesheets, module preloads.
  const pageRefs = pages.flatMap((page) =>
    [...fs.readFileSync(page, "utf8").matchAll(/\b(?:src|href)\s*=\s*["']([^"'#?]+)["']/g)]
      .map((m) => m[1])
      .filter((u) => !/^[a-z][a-z0-9+.-]*:/i.test(u) && !u.startsWith("/") && !u.startsWith("//"))
      .map((u) => path.resolve(path.dirname(page), u)));
  const pageOnly = [...closure(pageRefs)].filter((f) => !component.has(f));
  const skip = new Set([...pages, ...pageOnly]);
  copy = files.filter((f) => {
    const r = rel(f);
    return !skip.has(f) && !PAGE_SCRIPTS.has(r) && !r.startsWith("pkg/") && !r.startsWith("i18n/") &&
      !/^favicon\./.test(r);
  });
  for (const f of copy) {
    const dest = path.join(stage, rel(f));
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(f, dest);
  }
  const left = [...new Set([...pageOnly.filter((f) => fs.existsSync(f)).map(rel),
    ...files.map(rel).filter((r) => PAGE_SCRIPTS.has(r))])].sort();
  if (left.length) console.log(`   page-only, left out: ${left.join(", ")}`);
}

// Every relative reference reachable from the package's entries must resolve inside it.
const entries = ["index.js", ENTRY, "worker.js"].map((f) => path.join(stage, f)).filter((f) => fs.existsSync(f));
const missing = [];
for (const file of [...closure(entries)].filter((f) => /\.m?js$/.test(f) && fs.existsSync(f))) {
  for (const ref of references(file)) {
    if (!fs.existsSync(ref)) missing.push(`${path.relative(stage, file)} -> ${path.relative(stage, ref)}`);
  }
}
if (missing.length) {
  console.error(`the package would miss files its modules load:\n  ${missing.join("\n  ")}`);
  process.exit(1);
}

const pkg = JSON.parse(fs.readFileSync("npm/package.json", "utf8"));
pkg.version = version;
const hasComponent = fs.existsSync(path.join(stage, ENTRY));
if (!hasComponent) {
  delete pkg.exports["./cert-inspector.js"];
  pkg.sideEffects = false;
}
pkg.files = fs.readdirSync(stage)
  .filter((name) => !["package.json", "README.md"].includes(name) && !name.startsWith("."))
  .filter((name) => hasComponent || name !== "cert-inspector.d.ts")
  .map((name) => (fs.statSync(path.join(stage, name)).isDirectory() ? `${name}/` : name))
  .sort();
fs.writeFileSync(path.join(stage, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
JS

rm -rf dist/npm
mv "$stage" dist/npm
chmod 755 dist/npm

echo "== npm pack → dist/"
rm -f dist/certlens-*.tgz
npm pack --silent --pack-destination dist ./dist/npm >/dev/null
tarball=dist/certlens-$version.tgz
[ -f "$tarball" ] || { echo "npm pack did not write $tarball" >&2; exit 1; }
files=$(tar -tzf "$tarball" | wc -l | tr -d ' ')
unpacked=$(du -sb dist/npm | cut -f1)
printf '%s: %d bytes (%d files, %d bytes unpacked)\n' "$tarball" "$(wc -c <"$tarball")" "$files" "$unpacked"
