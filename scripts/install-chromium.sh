#!/usr/bin/env bash
# Installs Debian's chromium and chromium-driver (the same version, as the driver requires)
# when either is missing: the browser of the wasm-in-browser and end-to-end tests. Also the
# Noto CJK fonts (fonts-noto-cjk): without them headless Chromium draws Chinese and Japanese as
# empty boxes in the screenshots (the tests' assertions do not depend on fonts).
set -euo pipefail

packages=()
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  packages+=(chromium chromium-driver)
fi
# Installed when dpkg knows the package as installed (elsewhere: when fontconfig has a Noto CJK face).
if command -v dpkg-query >/dev/null; then
  [ "$(dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null || true)" = "install ok installed" ] || packages+=(fonts-noto-cjk)
elif command -v fc-list >/dev/null && ! fc-list | grep -q "Noto Sans CJK"; then
  packages+=(fonts-noto-cjk)
fi
if [ ${#packages[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "please install: ${packages[*]} (chromium and its chromedriver of the same version; Noto CJK fonts)" >&2
  exit 1
fi
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
echo "== installing ${packages[*]} (Debian packages)"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${packages[@]}" >/dev/null
