#!/usr/bin/env bash
# End-to-end tests of the web page: playwright-core drives Debian's chromium (headless) against
# www/ served on 127.0.0.1 by tests/e2e/lib/server.mjs. Installs what it needs, idempotently:
# the npm packages (package-lock.json), chromium, and the wasm build (www/pkg/, www/data/) when
# it is missing or older than the Rust sources or the data files. Artifacts: target/screenshots/*.png,
# target/e2e-timings.json, target/e2e-large-paste.json.
#
#   scripts/test-e2e.sh                         # every test in tests/e2e/
#   scripts/test-e2e.sh tests/e2e/paste.test.mjs  # some of them
# CERTLENS_CHROMIUM=/path/to/chromium overrides the browser.
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null 2>&1; }
apt_install() {
  if need apt-get && [ "$(id -u)" = 0 ]; then
    [ -n "${APT_UPDATED:-}" ] || { apt-get update -qq && APT_UPDATED=1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "please install: $*" >&2
    exit 1
  fi
}

# Node.js 20 or newer (node:test, playwright-core).
if ! need node || ! need npm; then
  echo "Node.js >= 20 and npm are required: https://nodejs.org/ (or your distribution's nodejs and npm)" >&2
  exit 1
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "Node.js >= 20 is required (found $(node --version))" >&2
  exit 1
fi

# npm packages, exactly as locked; skipped when node_modules already matches the lockfile.
if [ -f package-lock.json ]; then
  if ! node -e '
    const lock = require("./package-lock.json").packages;
    for (const [p, v] of Object.entries(lock)) {
      if (!p || v.optional) continue; // optional: esbuild binaries for other platforms
      const got = require("./" + p + "/package.json").version;
      if (got !== v.version) process.exit(1);
    }' 2>/dev/null; then
    npm ci --no-audit --no-fund
  fi
else
  npm install --no-audit --no-fund
fi

# The browser: Debian's chromium (Playwright cannot download its own here).
CHROMIUM="${CERTLENS_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ -n "${CERTLENS_CHROMIUM:-}" ]; then
    echo "CERTLENS_CHROMIUM=$CHROMIUM is not an executable" >&2
    exit 1
  fi
  if [ -x scripts/install-chromium.sh ]; then
    ./scripts/install-chromium.sh
  else
    apt_install chromium chromium-driver
  fi
fi
need openssl || apt_install openssl # the tests derive expected digests with the openssl CLI

# The wasm build, when missing or older than what it is built from.
glue=www/pkg/certlens.js
if [ ! -f "$glue" ] || [ ! -f www/pkg/certlens_bg.wasm ] || [ ! -f www/pkg/certlens_tools_bg.wasm ] ||
  [ ! -f www/data/root-programs.der.gz ] || [ ! -f www/data/public-intermediates.der.gz ] ||
  [ -n "$(find src data i18n Cargo.toml Cargo.lock .cargo -newer "$glue" -print -quit 2>/dev/null)" ]; then
  echo "== building the wasm (scripts/build-web.sh)"
  ./scripts/build-web.sh
fi

echo "== end-to-end tests ($("$CHROMIUM" --version 2>/dev/null | head -n1))"
if [ "$#" -gt 0 ]; then
  exec node --test --test-concurrency=1 "$@"
fi
exec node --test --test-concurrency=1 tests/e2e/
