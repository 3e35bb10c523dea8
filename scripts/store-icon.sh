#!/usr/bin/env bash
# The 128 px icon as the stores want it: 96×96 artwork centred in 128×128 with transparent padding.
# Run once after changing the artwork (public/icon/128.png is committed); needs ImageMagick's convert.
set -euo pipefail
cd "$(dirname "$0")/.."
src="${1:-public/icon/128.png}"
convert "$src" -trim +repage -resize 96x96 -background none -gravity center -extent 128x128 PNG32:public/icon/128.png
