#!/usr/bin/env bash
# Builds the browser build into www/pkg/ (certlens.js, certlens_bg.wasm, certlens.d.ts, and the
# tools module certlens_tools.js, certlens_tools_bg.wasm), or
# into $OUT_DIR when set (the benchmarks build their own copy), installing the wasm32 target and the pinned wasm-bindgen-cli first if they are missing,
# and prints the download size. Then copies the language catalogues i18n/*.json to www/i18n/
# (next to www/pkg/; <cert-inspector> loads i18n/<lang>.json relative to its script), and
# puts certlens's data files into www/data/*.der.gz (gzip -9 -n, or as committed: the same
# bytes on every build; the page decompresses them itself, so the transfer is compressed
# whatever the server does), or into $DATA_OUT_DIR when set.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

./scripts/install-wasm-tools.sh

out=${OUT_DIR:-www/pkg}
size() { wc -c <"$1" | tr -d ' '; }
gz() { gzip -9 -c "$1" | wc -c | tr -d ' '; }

# Two builds of the library, each one wasm + glue: `certlens` (the inspector) and
# `certlens_tools` (the same API plus conversions and the configuration audit, feature
# `tools`), which the page loads only when a tool is opened.
# No default features: `cli` pulls clap; the library alone is the browser build.
for module in certlens certlens_tools; do
  features=()
  [ "$module" = certlens_tools ] && features=(--features tools)
  echo "== cargo build $module (wasm32, profile wasm-release)"
  cargo build --locked --lib --target wasm32-unknown-unknown --no-default-features \
    "${features[@]}" --profile wasm-release
  echo "== wasm-bindgen → $out/$module"
  wasm-bindgen --target web --remove-name-section --out-dir "$out" --out-name "$module" \
    target/wasm32-unknown-unknown/wasm-release/certlens.wasm
  wasm=$out/${module}_bg.wasm js=$out/$module.js
  printf '%-30s %9s %9s\n' "" "raw" "gzip -9"
  printf '%-30s %9d %9d\n' "$wasm" "$(size $wasm)" "$(gz $wasm)"
  printf '%-30s %9d %9d\n' "$js" "$(size $js)" "$(gz $js)"
  printf '%-30s %9d %9d\n' "total" "$(($(size $wasm) + $(size $js)))" "$(($(gz $wasm) + $(gz $js)))"
done

echo "== i18n → www/i18n"
i18n_out=www/i18n
mkdir -p "$i18n_out"
find "$i18n_out" -maxdepth 1 -name '*.json' -delete
cp i18n/*.json "$i18n_out/"
ls "$i18n_out"

# The data files the page fetches (lib/data.js): the root programs (any trust verdict needs
# them) and the public intermediates (chain completion). Not part of the wasm: each has its
# own measured size (scripts/check-size.sh reports them).
data_out=${DATA_OUT_DIR:-www/data}
echo "== data → $data_out"
mkdir -p "$data_out"
find "$data_out" -maxdepth 1 -name '*.der.gz' -delete
printf '%-36s %9s %9s\n' "" "raw" "gzip -9"
# The root programs are committed as DER and gzipped here; the public intermediates are
# committed gzipped already (3 MB raw) and served as they are.
gzip -9 -n -c data/root-programs.der >"$data_out/root-programs.der.gz"
cp data/public-intermediates.der.gz "$data_out/"
for name in root-programs public-intermediates; do
  printf '%-36s %9d %9d\n' "$data_out/$name.der.gz" "$(gzip -dc "$data_out/$name.der.gz" | wc -c)" "$(size "$data_out/$name.der.gz")"
done
