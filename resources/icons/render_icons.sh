#!/usr/bin/env bash
# Renders the application icon from alpes-partners.svg into the files the packages install:
# PNGs for the hicolor theme (Linux), an .ico (Windows installer and executable) and an .icns
# (macOS bundle). The results are committed, so that building on Windows and macOS needs none of
# these tools; run this again after changing the SVG.
# Needs: librsvg2-bin (rsvg-convert), icoutils (icotool), icnsutils (png2icns).
set -euo pipefail
cd "$(dirname "$0")"

sizes=(16 32 48 64 128 256)
mkdir -p png
for size in "${sizes[@]}"; do
  rsvg-convert --width "$size" --height "$size" alpes-partners.svg --output "png/alpes-partners-$size.png"
done
# The 256-pixel image goes in as PNG (--raw), as Windows expects; it keeps the file small.
icotool --create --output alpes-partners.ico png/alpes-partners-{16,32,48}.png --raw=png/alpes-partners-256.png
# png2icns knows 16, 32, 48, 128, 256 (and larger) pixel icons, not 64.
png2icns alpes-partners.icns png/alpes-partners-{16,32,48,128,256}.png >/dev/null
