#!/usr/bin/env bash
# Installs what the project needs on a fresh machine, once: Debian's Chromium and the npm packages.
# Sourced by the test, demo and bench scripts.
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's Chromium…"
  if [ "$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q chromium; else sudo apt-get update -q && sudo apt-get install -y -q chromium; fi
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
