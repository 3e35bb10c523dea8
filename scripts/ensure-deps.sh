#!/usr/bin/env bash
# Installs what the project needs on a fresh machine, once: Debian's Chromium and Firefox ESR, and the npm
# packages. Sourced by the test, demo and bench scripts.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian's ${missing[*]}…"
  if [ "$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q "${missing[@]}"; else sudo apt-get update -q && sudo apt-get install -y -q "${missing[@]}"; fi
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
