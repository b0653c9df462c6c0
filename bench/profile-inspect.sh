#!/usr/bin/env bash
# Profiles the full inspection of a deploy bundle in the browser build (see
# bench/profile-inspect.mjs): builds the release wasm, keeps its function names, and prints
# where the time goes.
#
#   ./bench/profile-inspect.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

out=target/profile-inspect
OUT_DIR=$out ./scripts/build-web.sh >/dev/null 2>&1
wasm-bindgen --target web --out-dir $out/named --out-name certlens \
  target/wasm32-unknown-unknown/wasm-release/certlens.wasm
node bench/profile-inspect.mjs $out/named "${1:-300}"
