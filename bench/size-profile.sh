#!/usr/bin/env bash
# Where the browser build's bytes go: the release wasm after wasm-bindgen, its code by crate
# (twiggy, sizes before compression) and its data segment, as a Markdown table on stdout.
# docs/profiles.md quotes it.
#
#   ./bench/size-profile.sh
#
# Installs twiggy (crates.io) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
command -v twiggy >/dev/null || cargo install --quiet twiggy --version 0.8.0

out=target/size-profile
OUT_DIR=$out ./scripts/build-web.sh >/dev/null 2>&1
# The same module with its function names, which the shipped one leaves out.
wasm-bindgen --target web --out-dir $out/named --out-name certlens \
  target/wasm32-unknown-unknown/wasm-release/certlens.wasm
twiggy top -n 1000000 -f csv $out/named/certlens_bg.wasm >$out/top.csv
python3 - $out/top.csv $out/certlens_bg.wasm $out/certlens.js <<'PY'
import collections, csv, gzip, re, sys

top, wasm, glue = sys.argv[1:]
by_crate = collections.Counter()
for row in csv.DictReader(open(top)):
    name, size = row["Name"], int(row["ShallowSize"])
    if name.startswith('"function names"') or name.startswith("custom section"):
        continue
    if name.startswith('data segment'):
        by_crate["(data: strings, tables, Mozilla roots, public suffixes)"] += size
        continue
    # `<T as der::Decode>::...`: a generic's code belongs to the trait's crate.
    crate = re.match(r"^<*(?:[A-Z]\w{0,1} as )?&?(?:mut )?([a-z_0-9]+)", name)
    by_crate[crate.group(1) if crate else "(other)"] += size

shipped = open(wasm, "rb").read()
gz = len(gzip.compress(shipped, 9)) + len(gzip.compress(open(glue, "rb").read(), 9))
total = sum(by_crate.values())
print(f"Shipped: wasm {len(shipped):,} bytes raw; wasm + glue {gz:,} bytes gzip -9.\n")
print("| part | bytes (raw) | share |")
print("|---|---:|---:|")
for crate, size in by_crate.most_common(25):
    print(f"| {crate} | {size:,} | {100 * size / total:.1f}% |")
rest = total - sum(size for _, size in by_crate.most_common(25))
print(f"| everything else | {rest:,} | {100 * rest / total:.1f}% |")
PY
