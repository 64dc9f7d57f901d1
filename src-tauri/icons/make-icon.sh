#!/usr/bin/env bash
# Regenerates icons/icon.png (committed) with ImageMagick: a serif "A" over a gold rule.
set -euo pipefail
cd "$(dirname "$0")"
convert -size 256x256 xc:none -fill '#1d3557' -draw 'roundrectangle 8,8 248,248 40,40' \
  -fill '#f1faee' -font DejaVu-Serif-Bold -pointsize 150 -gravity center -annotate +0+6 'A' \
  -fill '#e9c46a' -draw 'rectangle 60,196 196,212' PNG32:icon.png
