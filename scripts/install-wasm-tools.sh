#!/usr/bin/env bash
# Installs what the browser build needs, skipping what is there: the wasm32 target and
# wasm-bindgen-cli at exactly the wasm-bindgen version of Cargo.lock (the CLI and the library
# must match, or the generated glue refuses to load the module).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

command -v cargo >/dev/null || { echo "cargo (Rust toolchain) is required: https://rustup.rs" >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

version=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$version" ] || { echo "no wasm-bindgen in Cargo.lock" >&2; exit 1; }
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $version" ] ||
   [ "$(wasm-bindgen-test-runner --version 2>/dev/null)" != "wasm-bindgen-test-runner $version" ]; then
  echo "== installing wasm-bindgen-cli $version (a few minutes, once)"
  # The version is exact; its dependencies resolve afresh (no --locked).
  cargo install wasm-bindgen-cli --version "=$version"
fi
