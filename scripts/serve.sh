#!/usr/bin/env bash
# Builds the wasm (scripts/build-web.sh, installing what it needs) and the npm package
# (scripts/build-npm.sh: dist/npm/, dist/certlens-<version>.tgz), and serves the page on
# http://127.0.0.1:$PORT/ (default 8080), printing the URL.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v python3 >/dev/null || {
  echo "python3 is required (Debian: apt-get install python3)" >&2; exit 1; }
./scripts/build-web.sh
./scripts/build-npm.sh || echo "warning: the npm package was not built (see above); serving the page anyway" >&2
exec python3 scripts/serve.py "$@"
