#!/usr/bin/env bash
# CLI wall time on a large real-world bundle: 2,000 distinct certificates from the
# x509-limbo suite in one PEM file, checked with `certlens check --format json`, and the
# fixtures' fullchain.pem + key for comparison. Goal: the 2,000-certificate bundle in
# well under a second. Wall time depends on what else the machine runs; CPU time (user +
# system) is printed too.
#
# Usage:  bash bench/cli-bundle.sh [RUNS]      (default 10 runs each; any cwd)
#
# Requires cargo, python3 (lzma + json, for bench/extract-certs.py) and
# tests/x509-limbo/limbo.json.xz. Prints min / median / max wall time in ms.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS=${1:-10}
N=2000
cd "$ROOT"

cargo build --release --quiet
BIN="$ROOT/target/release/certlens"
BUNDLE="$ROOT/target/bench/bundle-$N.pem"
if [[ ! -s "$BUNDLE" ]]; then
    python3 bench/extract-certs.py "$N" "$BUNDLE"
fi

# time_runs LABEL COMMAND...: runs COMMAND (stdout discarded) RUNS times, prints stats.
# certlens exits non-zero when it finds problems; only a crash (>= 2) is an error.
time_runs() {
    local label=$1
    shift
    python3 - "$RUNS" "$label" "$@" <<'PY'
import resource, statistics, subprocess, sys, time
runs, label, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
times, cpu = [], []
for _ in range(runs):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    times.append((time.perf_counter() - start) * 1000)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    if proc.returncode not in (0, 1):
        sys.exit(f"{label}: exit status {proc.returncode}: {proc.stderr.decode(errors='replace')}")
print(f"{label:<36} runs {runs:>3}  wall min {min(times):7.1f} / median {statistics.median(times):7.1f}"
      f" / max {max(times):7.1f} ms   CPU median {statistics.median(cpu):7.1f} ms")
PY
}

echo "certlens $("$BIN" --version 2>/dev/null || echo '(version unknown)'); $(nproc) CPUs; $(date -u +%FT%TZ)"
time_runs "bundle-$N.pem ($(grep -c 'BEGIN CERTIFICATE' "$BUNDLE") certs)" \
    "$BIN" check "$BUNDLE" --format json
time_runs "fullchain.pem + leaf-rsa2048.key" \
    "$BIN" check tests/fixtures/fullchain.pem tests/fixtures/leaf-rsa2048.key --format json
