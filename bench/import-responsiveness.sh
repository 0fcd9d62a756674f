#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Does the window stay responsive while a large ledger is imported, and do
# its lines scroll smoothly? Runs the app under Xvfb with
# VEIVISER_BENCH_IMPORT: it imports LEDGER on the ledger page (a worker
# thread), waits a second, opens the finding with the most lines and scrolls
# through them (60 frames a page at a time, 60 frames jumping far), then
# prints the import time, the longest time the main loop was blocked in each
# phase (a 5 ms timeout that runs late by that much), and the gaps between
# scroll frames (16.7 ms is every frame at 60 Hz).
#
#   bash bench/import-responsiveness.sh                  # 1 M generated lines
#   LINES=200000 RUNS=5 bash bench/import-responsiveness.sh
#   LEDGER=../shared/data/0A_V2019_K4_R040200_OK.dat bash bench/import-responsiveness.sh
#   BIN=build-rel/bench/veiviser-bench bash bench/import-responsiveness.sh
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
LINES=${LINES:-1000000}
BUILD=${BUILD:-build-bench-gui}
BIN=${BIN:-$BUILD/bench/veiviser-bench}

if [ -z "${VEIVISER_IMPORT_BENCH_INNER:-}" ]; then
  if [ ! -x "$BIN" ]; then
    [ -d "$BUILD" ] || meson setup "$BUILD" --buildtype=release >/dev/null
    meson compile -C "$BUILD" >/dev/null
  fi
  work=$(mktemp -d /tmp/veiviser-import-bench.XXXXXX)
  trap 'rm -rf "$work"' EXIT
  if [ -z "${LEDGER:-}" ]; then
    LEDGER=$work/ledger.csv
    python3 bench/gen-ledger.py --lines "$LINES" --year 2024 --out "$LEDGER" >/dev/null
  fi
  export VEIVISER_IMPORT_BENCH_INNER=1 BIN RUNS LEDGER WORK=$work
  dbus-run-session -- xvfb-run -a -s "-screen 0 1400x900x24" bash "$0" "$@"
  exit
fi

export GDK_BACKEND=x11 GSETTINGS_BACKEND=memory GSK_RENDERER=${GSK_RENDERER:-cairo}
# the build folder holding $BIN (bench/veiviser-bench or src/gui/veiviser)
BUILDDIR=$(d=$(dirname "$BIN"); while [ "$d" != / ] && [ ! -d "$d/meson-info" ]; do d=$(dirname "$d"); done; echo "$d")
export GSETTINGS_SCHEMA_DIR=$BUILDDIR/data
export XDG_DATA_HOME=$WORK/data XDG_CONFIG_HOME=$WORK/config XDG_CACHE_HOME=$WORK/cache
echo "== $(basename "$LEDGER"), $(wc -l < "$LEDGER") lines, $(du -h "$LEDGER" | cut -f1), GSK_RENDERER=$GSK_RENDERER"
for i in $(seq "$RUNS"); do
  rm -rf "$WORK/data" "$WORK/config"
  echo "-- run $i"
  VEIVISER_BENCH_IMPORT=$LEDGER "$BIN" 2>/dev/null | sed 's/^/   /'
done
