#!/usr/bin/env bash
# Fuzzes every cargo-fuzz target in fuzz/ for SECONDS_PER_TARGET (default 60), starting from
# the seed corpora that fuzz/seed-corpus.sh makes from the test fixtures. A crash, a hang
# (one input over TIMEOUT s) or a memory blowup (over RSS_MB) fails the target; its input is
# saved under fuzz/artifacts/<target>/. Installs cargo-fuzz if missing. Exits non-zero if
# any target failed.
#
#   ./scripts/fuzz.sh            # CI: one minute per target
#   ./scripts/fuzz.sh 3600       # a longer run; the corpora grow across runs
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

SECONDS_PER_TARGET=${1:-60}
TIMEOUT=${TIMEOUT:-30}
RSS_MB=${RSS_MB:-2048}
CARGO_FUZZ_VERSION=0.13.2
TARGETS=(inspect pem_text der host_match config pkcs12 data)

if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION"
fi
# cargo-fuzz needs nightly flags (-Zsanitizer); stable accepts them with RUSTC_BOOTSTRAP=1.
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  fuzz() { cargo +nightly fuzz "$@"; }
else
  fuzz() { RUSTC_BOOTSTRAP=1 cargo fuzz "$@"; }
fi

fuzz/seed-corpus.sh
fuzz build

logs=fuzz/target/fuzz-logs
mkdir -p "$logs"
passed=0
failed=0
for target in "${TARGETS[@]}"; do
  log="$logs/$target.log"
  args=(-max_total_time="$SECONDS_PER_TARGET" -timeout="$TIMEOUT" -rss_limit_mb="$RSS_MB"
    -print_final_stats=1)
  case $target in
    inspect | pem_text) args+=(-dict="$PWD/fuzz/dict/pem.dict") ;;
    host_match) args+=(-dict="$PWD/fuzz/dict/host.dict") ;;
    config) args+=(-dict="$PWD/fuzz/dict/config.dict") ;;
  esac
  echo "-- $target: ${SECONDS_PER_TARGET} s"
  if fuzz run "$target" -- "${args[@]}" >"$log" 2>&1; then
    passed=$((passed + 1))
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    echo "   ok: $runs runs, $speed per second"
  else
    failed=$((failed + 1))
    grep -E '^(==[0-9]+==ERROR|SUMMARY|thread .* panicked)' "$log" | head -5 || true
    artifact=$(sed -n 's/.*Test unit written to //p' "$log" | tail -1)
    echo "   FAILED: input saved as ${artifact:-(none; see $log)}; log: $log"
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
