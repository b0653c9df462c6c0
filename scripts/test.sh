#!/usr/bin/env bash
# Runs every test suite: formatting, lints, unit and integration tests (fixtures, CLI,
# x509-limbo conformance, limits), doc tests, a bounded fuzz run, the JS API in headless
# Chromium (wasm32) and the page end to end. Installs what it needs, idempotently.
set -euo pipefail
cd "$(dirname "$0")/.."
# cargo install puts wasm-bindgen(-test-runner) here; a fresh rustup shell may lack it.
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

need() { command -v "$1" >/dev/null 2>&1; }
apt_install() {
  if need apt-get; then
    [ -n "${APT_UPDATED:-}" ] || { apt-get update -qq && APT_UPDATED=1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "please install: $*" >&2; exit 1
  fi
}

need cargo || { echo "cargo (Rust toolchain) is required: https://rustup.rs" >&2; exit 1; }
# The crypto and limits tests make keys and certificates with the openssl CLI.
need openssl || apt_install openssl
need xz || apt_install xz-utils
rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy

if [ ! -f ../shared/x509-limbo/limbo.json.xz ]; then
  echo "note: ../shared/x509-limbo/limbo.json.xz is missing; the conformance test will fail" >&2
fi

echo "== rustfmt"
cargo fmt --all -- --check
cargo fmt --manifest-path fuzz/Cargo.toml -- --check
echo "== clippy"
cargo clippy --all-targets --locked -- -D warnings
cargo clippy --manifest-path fuzz/Cargo.toml --all-targets --locked -- -D warnings
echo "== tests"
cargo test --locked --all-targets
echo "== doc tests"
cargo test --locked --doc
# About 6 minutes on 2 cores: cargo-fuzz (installed once), the instrumented build, 4 x 60 s.
echo "== fuzz (bounded, 60 s per target)"
./scripts/fuzz.sh 60

# The browser build: wasm32 target, wasm-bindgen-cli pinned to Cargo.lock, Debian's chromium.
./scripts/install-wasm-tools.sh
./scripts/install-chromium.sh
echo "== clippy (wasm32)"
cargo clippy --locked --target wasm32-unknown-unknown --no-default-features --features tools \
  --lib --test wasm -- -D warnings
echo "== size budget of the browser build (bench/budgets.toml)"
./scripts/check-size.sh
echo "== wasm tests in headless chromium"
CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}" \
  cargo test --locked --target wasm32-unknown-unknown --no-default-features --features tools \
    --test wasm

echo "== end-to-end tests (playwright-core + chromium)"
./scripts/test-e2e.sh
echo "== npm package: packed, installed in a fresh project, used from Node, TypeScript and a page"
./tests/npm/run.sh
