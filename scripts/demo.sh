#!/usr/bin/env bash
# The main job in one command: install what is missing, build, start the sandbox and open the extension.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh
npx wxt build
npx tsx scripts/demo.ts
