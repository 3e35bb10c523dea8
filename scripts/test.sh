#!/usr/bin/env bash
# The one test command: install, typecheck, lint, unit tests, build, end-to-end tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh

echo "== typecheck"; npx wxt prepare >/dev/null && npx tsc --noEmit
echo "== lint"; npx eslint .
echo "== unit tests"; npx vitest run
echo "== build"; npx wxt build
echo "== end-to-end tests"; npx playwright test
