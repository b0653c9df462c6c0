#!/usr/bin/env bash
# Checks every JavaScript file certlens keeps: each must parse (`node --check`), and ESLint's
# recommended rules must pass (eslint.config.js: undefined and unused names, unreachable
# code, …). Installs the npm packages (package-lock.json) when they are missing or stale.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "Node.js >= 20 and npm are required: https://nodejs.org/ (or your distribution's nodejs and npm)" >&2
  exit 1
fi

if [ ! -x node_modules/.bin/eslint ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

files=$(git ls-files '*.js' '*.mjs')
failed=0
for file in $files; do
  node --check "$file" || failed=$((failed + 1))
done
echo "node --check: $(echo "$files" | wc -l) files, $failed failed"
[ "$failed" = 0 ]
node_modules/.bin/eslint --max-warnings 0 .
echo "eslint: no problems"
