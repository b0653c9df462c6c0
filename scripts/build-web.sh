#!/usr/bin/env bash
# Builds the browser build into www/pkg/ (certlens.js, certlens_bg.wasm, certlens.d.ts), or
# into $OUT_DIR when set (the benchmarks build their own copy), installing the wasm32 target and the pinned wasm-bindgen-cli first if they are missing,
# and prints the download size. Then copies the language catalogues i18n/*.json to www/i18n/
# (next to www/pkg/; <cert-inspector> loads i18n/<lang>.json relative to its script).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

./scripts/install-wasm-tools.sh

echo "== cargo build (wasm32, profile wasm-release)"
# No default features: `cli` pulls clap; the library alone is the browser build.
cargo build --locked --lib --target wasm32-unknown-unknown --no-default-features \
  --profile wasm-release

echo "== wasm-bindgen → www/pkg"
out=${OUT_DIR:-www/pkg}
wasm-bindgen --target web --remove-name-section --out-dir "$out" --out-name certlens \
  target/wasm32-unknown-unknown/wasm-release/certlens.wasm

size() { wc -c <"$1" | tr -d ' '; }
gz() { gzip -9 -c "$1" | wc -c | tr -d ' '; }
wasm=$out/certlens_bg.wasm js=$out/certlens.js
printf '%-24s %9s %9s\n' "" "raw" "gzip -9"
printf '%-24s %9d %9d\n' "$wasm" "$(size $wasm)" "$(gz $wasm)"
printf '%-24s %9d %9d\n' "$js" "$(size $js)" "$(gz $js)"
printf '%-24s %9d %9d\n' "total" "$(($(size $wasm) + $(size $js)))" "$(($(gz $wasm) + $(gz $js)))"

echo "== i18n → www/i18n"
i18n_out=www/i18n
mkdir -p "$i18n_out"
find "$i18n_out" -maxdepth 1 -name '*.json' -delete
cp i18n/*.json "$i18n_out/"
ls "$i18n_out"
