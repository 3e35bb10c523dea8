#!/usr/bin/env bash
# The one test command: install, typecheck, lint, unit tests, build, end-to-end tests in Chromium, the demo, then the
# Firefox build: Mozilla's linter and an end-to-end smoke test in Firefox.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh

echo "== typecheck"; npx wxt prepare >/dev/null && npx tsc --noEmit
echo "== lint"; npx eslint .
echo "== unit tests"; npx vitest run
echo "== build"; npx wxt build
echo "== end-to-end tests"; npx playwright test
# The README's other command, headless: the demo must keep working too (it writes demo-screenshots/).
echo "== demo"; CI=true SANDBOX_PORT=0 npx tsx scripts/demo.ts
echo "== Firefox build"; npx wxt build -b firefox
# Errors fail the run; the one warning left (Preact's innerHTML path) is explained in the README.
echo "== Firefox lint"; npx web-ext lint --source-dir .output/firefox-mv3
echo "== Firefox end-to-end smoke test"; npx tsx --test tests/firefox/smoke.test.ts
