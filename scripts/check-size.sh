#!/usr/bin/env bash
# Builds the browser build (release profile, as scripts/serve.sh serves it) into
# target/size-check and fails when either module's wasm + JS glue, gzip -9, exceeds its budget
# in bench/budgets.toml. Also reports the size of each data file the page fetches
# (www/data/*.der.gz) against the measurement recorded in bench/budgets.toml [data] (reported,
# never a failure: the data follows the root programs, not our code).
set -euo pipefail
cd "$(dirname "$0")/.."

out=target/size-check
OUT_DIR=$out DATA_OUT_DIR=$out/data ./scripts/build-web.sh >/dev/null
gzipped() { echo $(( $(gzip -9 -c "$out/$1_bg.wasm" | wc -c) + $(gzip -9 -c "$out/$1.js" | wc -c) )); }
read -r max aim tools_max < <(python3 -c '
import tomllib
browser = tomllib.load(open("bench/budgets.toml", "rb"))["browser"]
print(browser["wasm_and_glue_gzip_max"], browser["wasm_and_glue_gzip_aim"], browser["tools_wasm_and_glue_gzip_max"])')
status=0
check() { # module, budget, what
  local total
  total=$(gzipped "$1")
  echo "$3 (wasm + glue, gzip -9): $total bytes (budget $2)"
  if [ "$total" -gt "$2" ]; then
    echo "FAIL: $1 grew past its budget in bench/budgets.toml by $((total - $2)) bytes" >&2
    status=1
  fi
}
check certlens "$max" "the inspector, aim $aim"
check certlens_tools "$tools_max" "the tools module"
while read -r name recorded; do
  file=$out/data/$name.der.gz
  raw=$(gzip -dc "$file" | wc -c | tr -d ' ')
  now=$(wc -c <"$file" | tr -d ' ')
  echo "data file $name.der.gz: $now bytes gzip ($raw raw; recorded $recorded, $(printf '%+d' $((now - recorded))))"
done < <(python3 -c '
import tomllib
data = tomllib.load(open("bench/budgets.toml", "rb"))["data"]
print("root-programs", data["root_programs_gzip_measured"])
print("public-intermediates", data["public_intermediates_gzip_measured"])')
if [ "$status" -ne 0 ]; then
  echo "(twiggy top on target/size-check/*_bg.wasm shows what is big)" >&2
fi
exit "$status"
