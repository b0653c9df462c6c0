#!/usr/bin/env bash
# Tests the npm package as a user gets it. Builds it (scripts/build-npm.sh), makes a fresh
# project in a temporary folder (npm init -y; npm install of the packed tarball, which has no
# dependencies, so no registry is needed for it), then:
#   1. Node: tests/npm/node.test.mjs imports "certlens" and inspects the test fixtures;
#   2. types: tsc --noEmit --strict on tests/npm/types/*.mts (typescript pinned below, from
#      the npm registry): node.mts and dom.mts must compile, and *-bad.mts must fail on
#      exactly the lines marked ERROR;
#   3. the component in a page: tests/npm/page.test.mjs serves the project under a sub-path on
#      127.0.0.1 and drives Debian's chromium (playwright-core, the repository's
#      devDependency) against an index.html that loads cert-inspector.js with one script tag.
# Prints "N passed, M failed" and exits non-zero on any failure. KEEP=1 keeps the project;
# NO_BUILD=1 tests dist/ as it is, without scripts/build-npm.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
TYPESCRIPT_VERSION=5.9.3

[ -n "${NO_BUILD:-}" ] || ./scripts/build-npm.sh
version=$(node -p 'require("./dist/npm/package.json").version')
tarball=$repo/dist/certlens-$version.tgz

# playwright-core, as scripts/test-e2e.sh installs it.
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund

tmp=$(mktemp -d "${TMPDIR:-/tmp}/certlens-npm.XXXXXX")
if [ -n "${KEEP:-}" ]; then
  echo "(KEEP=1: the test project stays in $tmp)"
else
  trap 'rm -rf "$tmp"' EXIT
fi
site=$tmp/site
subpath=shop/certs/
project=$site/$subpath
mkdir -p "$project"

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok - $*"; }
fail() { failed=$((failed + 1)); echo "not ok - $*"; }
# Runs a helper that prints ok/not ok/skip lines and adds its lines to the counts.
tally() {
  local out status=0
  out=$("$@" 2>&1) || status=$?
  echo "$out"
  passed=$((passed + $(grep -c '^ok - ' <<<"$out" || true)))
  failed=$((failed + $(grep -c '^not ok - ' <<<"$out" || true)))
  if [ "$status" -ne 0 ] && ! grep -q '^not ok - ' <<<"$out"; then
    fail "$* exited with status $status"
  fi
}

echo "== a fresh project: npm install $(basename "$tarball")"
cd "$project"
npm init -y >/dev/null
npm install --no-audit --no-fund "$tarball" >/dev/null
if [ -f node_modules/certlens/package.json ] && [ ! -L node_modules/certlens ]; then
  pass "npm install of the tarball into a fresh project"
else
  fail "npm install of the tarball into a fresh project"
fi
cp -r "$repo/tests/npm/lib" "$repo/tests/npm/node.test.mjs" "$repo/tests/npm/page.test.mjs" .

echo "== 1. Node: import { inspect } from \"certlens\""
tally env CERTLENS_REPO="$repo" node node.test.mjs

echo "== 2. TypeScript $TYPESCRIPT_VERSION: the types compile, and bite"
if npm install --no-audit --no-fund --save-dev --save-exact "typescript@$TYPESCRIPT_VERSION" >/dev/null 2>tsc-install.log; then
  cp "$repo"/tests/npm/types/*.mts .
  tsc() { ./node_modules/.bin/tsc --noEmit --strict --target es2022 --module nodenext "$@"; }
  for good in node.mts dom.mts; do
    if out=$(tsc "$good" 2>&1); then
      pass "types: $good compiles"
    else
      fail "types: $good compiles"; echo "$out" | sed 's/^/    /' | head -20
    fi
  done
  for bad in node-bad.mts dom-bad.mts; do
    want=$(grep -n '// ERROR' "$bad" | cut -d: -f1 | sort -n | tr '\n' ' ')
    out=$(tsc "$bad" 2>&1) && status=0 || status=$?
    got=$(sed -n "s/^$bad(\([0-9]*\),[0-9]*): error .*/\1/p" <<<"$out" | sort -nu | tr '\n' ' ')
    if [ "$status" -ne 0 ] && [ "$got" = "$want" ]; then
      pass "types: $bad fails on exactly its ERROR lines ($want)"
    else
      fail "types: $bad must fail on lines $want; tsc (status $status) failed on lines ${got:-none}"
      echo "$out" | sed 's/^/    /' | head -20
    fi
  done
else
  fail "types: npm install typescript@$TYPESCRIPT_VERSION (see below)"; sed 's/^/    /' tsc-install.log | tail -5
fi

echo "== 3. the component in a page, served under /$subpath"
if [ -f node_modules/certlens/cert-inspector.js ]; then
  cat >index.html <<'HTML'
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>certlens package test</title>
<link rel="icon" href="data:,">
<script type="module" src="./node_modules/certlens/cert-inspector.js"></script>
</head>
<body>
<h1>A page that embeds certlens</h1>
<cert-inspector id="main" hosts="www.example.com" at="2026-06-01T00:00:00Z"></cert-inspector>
<cert-inspector id="ja" checks="order" compact lang="ja" at="2026-06-01T00:00:00Z"></cert-inspector>
</body>
</html>
HTML
  tally env CERTLENS_REPO="$repo" CERTLENS_SITE="$site" CERTLENS_SUBPATH="$subpath" node page.test.mjs
else
  fail "the component: the package has no cert-inspector.js (www/cert-inspector.js missing when it was built)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
