#!/usr/bin/env bash
# The one test command: install, typecheck, lint, unit tests, build, end-to-end tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's Chromium for the end-to-end tests…"
  if [ "$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q chromium; else sudo apt-get update -q && sudo apt-get install -y -q chromium; fi
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

echo "== typecheck"; npx wxt prepare >/dev/null && npx tsc --noEmit
echo "== lint"; npx eslint .
echo "== unit tests"; npx vitest run
echo "== build"; npx wxt build
echo "== end-to-end tests"; npx playwright test
