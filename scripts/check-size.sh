#!/usr/bin/env bash
# Builds the browser build (release profile, as scripts/serve.sh serves it) into
# target/size-check and fails when wasm + JS glue, gzip -9, exceeds the budget in
# bench/budgets.toml.
set -euo pipefail
cd "$(dirname "$0")/.."

out=target/size-check
OUT_DIR=$out ./scripts/build-web.sh 2>&1 | tail -4
total=$(( $(gzip -9 -c $out/certlens_bg.wasm | wc -c) + $(gzip -9 -c $out/certlens.js | wc -c) ))
read -r max aim < <(python3 -c '
import tomllib
browser = tomllib.load(open("bench/budgets.toml", "rb"))["browser"]
print(browser["wasm_and_glue_gzip_max"], browser["wasm_and_glue_gzip_aim"])')
echo "wasm + glue, gzip -9: $total bytes (budget $max, aim $aim)"
if [ "$total" -gt "$max" ]; then
  echo "FAIL: the browser build grew past its budget in bench/budgets.toml by $((total - max)) bytes" >&2
  echo "(twiggy top target/wasm32-unknown-unknown/wasm-release/certlens.wasm shows what is big)" >&2
  exit 1
fi
