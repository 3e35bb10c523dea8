#!/usr/bin/env bash
# npm run bench: build the extension, then measure it in Debian's Chromium against the local sandbox
# (scripts/bench/main.ts). Installs only what `npm test` would: Debian's Chromium and `npm ci`.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/ensure-deps.sh

echo "== build"
if ! build_log=$(npx wxt build 2>&1); then
  echo "$build_log"
  exit 1
fi
echo "built .output/chrome-mv3"
echo "== benchmark"
npx tsx scripts/bench/main.ts
