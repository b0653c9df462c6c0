#!/usr/bin/env bash
# Builds the wasm (scripts/build-web.sh, installing what it needs) and serves the page on
# http://127.0.0.1:$PORT/ (default 8080), printing the URL.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v python3 >/dev/null || {
  echo "python3 is required (Debian: apt-get install python3)" >&2; exit 1; }
./scripts/build-web.sh
exec python3 scripts/serve.py "$@"
