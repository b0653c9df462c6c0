#!/usr/bin/env bash
# Installs Debian's chromium and chromium-driver (the same version, as the driver requires)
# when either is missing: the browser of the wasm-in-browser and end-to-end tests.
set -euo pipefail

if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "please install chromium and its chromedriver (same version)" >&2
  exit 1
fi
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
echo "== installing chromium and chromium-driver (Debian packages)"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
  chromium chromium-driver >/dev/null
