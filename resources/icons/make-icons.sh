#!/bin/sh
# Renders icon.html to the PNG icons electron-builder uses. electron-builder
# derives the Windows .ico and the macOS .icns from icon.png (at least 512x512;
# this one is 1024x1024), so neither is kept in the repository.
# Needs Chromium (Debian's `chromium` package): sh resources/icons/make-icons.sh
set -eu
cd "$(dirname "$0")"
CHROMIUM="${CHROMIUM:-chromium}"
render() { # size, output file
  "$CHROMIUM" --headless --disable-gpu --no-sandbox --hide-scrollbars \
    --default-background-color=00000000 --window-size="$1,$1" \
    --screenshot="$PWD/$2" "file://$PWD/icon.html" 2>/dev/null
}
render 1024 icon.png
for size in 512 256 128 64 32 16; do render "$size" "${size}x${size}.png"; done
