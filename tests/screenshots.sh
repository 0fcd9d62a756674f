#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes a PNG of every page of the app to OUTPUT-DIR, running it under a
# virtual X server. Usage: tests/screenshots.sh [BUILD-DIR] OUTPUT-DIR
# LANGUAGE=nn, ADW_DEBUG_COLOR_SCHEME=prefer-dark and VEIVISER_SHOT_WIDTH=360
# (and _HEIGHT) choose the language, dark style and window size.
set -eu

if [ $# -eq 2 ]; then
  build=$1
  out=$2
elif [ $# -eq 1 ]; then
  build=build
  out=$1
else
  echo "Usage: $0 [BUILD-DIR] OUTPUT-DIR" >&2
  exit 2
fi

tool="$build/tests/screenshot-tool"
if [ ! -x "$tool" ]; then
  echo "$tool not found: build with -Dgui=true first" >&2
  exit 1
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

exec dbus-run-session -- xvfb-run -a -s "-screen 0 1400x900x24" "$tool" "$out"
