#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes a PNG of every page of the app to OUTPUT-DIR, running it under a
# virtual X server.
#
#   tests/screenshots.sh [BUILD-DIR] OUTPUT-DIR [--width=PIXELS] [--dark]
#   tests/screenshots.sh [BUILD-DIR] OUTPUT-DIR --all
#
# The language is the environment's ($LANGUAGE). --all writes OUTPUT-DIR/
# nb-1400, nb-360, nn-1400, nn-360, dark-1400 and dark-360 (dark in bokmål),
# and, when ImageMagick's montage is installed, one contact sheet per set
# (OUTPUT-DIR/sheet-nb-1400.png …). With pngquant installed the pictures are
# quantised to 256 colours. docs/screenshots/README.md lists the set.
# Also: ADW_DEBUG_COLOR_SCHEME=prefer-dark, VEIVISER_SHOT_WIDTH=360 (and _HEIGHT).
set -eu

if [ $# -ge 2 ] && [ -d "$1" ] && [ -x "$1/tests/screenshot-tool" ]; then
  build=$1
  shift
else
  build=build
fi
if [ $# -lt 1 ]; then
  echo "Usage: $0 [BUILD-DIR] OUTPUT-DIR [--width=PIXELS] [--dark] | --all" >&2
  exit 2
fi
out=$1
shift

tool="$build/tests/screenshot-tool"
if [ ! -x "$tool" ]; then
  echo "$tool not found: build with -Dgui=true first" >&2
  exit 1
fi

if [ "${1:-}" = "--all" ]; then
  for run in nb:1400: nb:360: nn:1400: nn:360: nb:1400:--dark nb:360:--dark; do
    lang=${run%%:*}
    rest=${run#*:}
    width=${rest%%:*}
    dark=${rest#*:}
    name="$lang-$width"
    [ -n "$dark" ] && name="dark-$width"
    LANGUAGE=$lang "$0" "$build" "$out/$name" "--width=$width" $dark || echo "$name: some pictures failed" >&2
    if command -v montage >/dev/null; then
      # The pages in the order a person meets them, then the dialogs.
      set --
      for page in guide guide-question guide-result guide-chart guide-zoomed respite cases \
                  cases-saved ledger ledger-finding ledger-unit ledger-import training quiz \
                  quiz-answered presentation presentation-guide preferences help about shortcuts print; do
        [ -f "$out/$name/$page.png" ] && set -- "$@" "$out/$name/$page.png"
      done
      tile=5x
      [ "$width" -lt 600 ] && tile=7x
      montage -label '%t' -pointsize 14 "$@" -tile $tile -geometry '+6+6' -background '#888' \
        "$out/sheet-$name.png"
      command -v pngquant >/dev/null && pngquant --force --skip-if-larger --ext .png 64 \
        "$out/sheet-$name.png" || true
    fi
  done
  exit 0
fi
mkdir -p "$out"

# Settings and cases go to a throw-away place, never the user's.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config"
export GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR="$build/data"
export VEIVISER_LOCALEDIR="$build/po"
export GSK_RENDERER=cairo GDK_BACKEND=x11 NO_AT_BRIDGE=1 GTK_A11Y=none

dbus-run-session -- xvfb-run -a -s "-screen 0 1400x900x24" "$tool" "$out" "$@"
if command -v pngquant >/dev/null; then
  pngquant --force --skip-if-larger --ext .png 256 "$out"/*.png || true
fi
