#!/usr/bin/env bash
# The benchmarks, in one command: certlens (wasm, in Node and in headless Chromium) against
# @peculiar/x509, PKI.js, node-forge and jsrsasign, with Node's crypto.X509Certificate
# (OpenSSL) as the native reference, in one run on the same inputs; then the cold start, the
# bundle sizes, and docs/benchmarks.{json,md,svg}.
#
#   ./bench/run.sh [--rounds N] [--sample-ms MS] [--warm-ms MS] [--cold-runs N] [--out FILE]
#
# Defaults: 10 rounds, 40 ms samples, 7 cold starts per library (about 6 minutes on a shared
# 2-core machine, builds included); --rounds 3 is a quicker, noisier look. Installs what it
# needs, idempotently: the npm devDependencies of package-lock.json, the certifi wheel (PyPI)
# for Mozilla's roots, Debian's chromium, the wasm32 tools. Everything generated goes under
# target/bench/. The 2,000-certificate bundle comes from tests/x509-limbo.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
start=$(date +%s)

CERTIFI_VERSION=2026.10.18
BENCH=target/bench
mkdir -p "$BENCH/inputs" "$BENCH/dl"

need() { command -v "$1" >/dev/null 2>&1 || { echo "bench: $1 is required" >&2; exit 1; }; }
need node; need npm; need python3; need gzip; need cargo

echo "== npm devDependencies (package-lock.json)"
if ! node -e '
  const lock = require("./package-lock.json").packages;
  for (const [p, v] of Object.entries(lock)) {
    if (!p || v.optional) continue; // optional: other platforms esbuild binaries
    if (require("./" + p + "/package.json").version !== v.version) process.exit(1);
  }' 2>/dev/null || ! node_modules/.bin/esbuild --version >/dev/null 2>&1; then
  npm ci --no-audit --no-fund
fi

echo "== Mozilla's root bundle (certifi $CERTIFI_VERSION from PyPI)"
roots=$BENCH/inputs/mozilla-roots.pem
if [ "$(cat "$roots.version" 2>/dev/null)" != "$CERTIFI_VERSION" ]; then
  python3 -m pip download --quiet --no-deps --only-binary=:all: --dest "$BENCH/dl" "certifi==$CERTIFI_VERSION"
  python3 - "$BENCH/dl" "$CERTIFI_VERSION" "$roots" <<'PY'
import glob, sys, zipfile
dl, version, out = sys.argv[1:]
wheel = glob.glob(f"{dl}/certifi-{version}-*.whl")[0]
with zipfile.ZipFile(wheel) as z, open(out, "wb") as f:
    f.write(z.read("certifi/cacert.pem"))
PY
  echo "$CERTIFI_VERSION" >"$roots.version"
fi

echo "== 2,000-certificate bundle (x509-limbo)"
[ -s "$BENCH/bundle-2000.pem" ] || python3 bench/extract-certs.py 2000 "$BENCH/bundle-2000.pem"

./scripts/install-chromium.sh

echo "== certlens wasm (own copy in $BENCH/pkg)"
# Others may be editing the sources: a failed build is retried after a pause.
for attempt in 1 2 3 4; do
  if OUT_DIR=$BENCH/pkg ./scripts/build-web.sh; then break; fi
  [ "$attempt" = 4 ] && { echo "bench: the wasm build failed 4 times" >&2; exit 1; }
  echo "bench: wasm build failed; retrying in 60 s" >&2
  sleep 60
done

echo "== measuring"
BENCH_CERTIFI_VERSION=$CERTIFI_VERSION node bench/bench.mjs "$@"

out=${BENCH_OUT:-docs/benchmarks.json}
for ((i = 1; i < $#; i++)); do
  if [ "${!i}" = "--out" ]; then j=$((i + 1)); out=${!j}; fi
done
echo "== docs"
node bench/report.mjs "$out"
echo "bench: done in $(($(date +%s) - start)) s"
