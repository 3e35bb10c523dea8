#!/usr/bin/env bash
# npm run bench: build the extension, then measure it in Debian's Chromium against the local sandbox
# (scripts/bench/main.ts). Installs only what `npm test` would: Debian's Chromium and `npm ci`.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's Chromium for the benchmarks…"
  if [ "$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q chromium; else sudo apt-get update -q && sudo apt-get install -y -q chromium; fi
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

echo "== build"
if ! build_log=$(npx wxt build 2>&1); then
  echo "$build_log"
  exit 1
fi
echo "built .output/chrome-mv3"
echo "== benchmark"
npx tsx scripts/bench/main.ts
