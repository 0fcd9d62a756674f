#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# GUI cold start: time from exec to the main window being on screen, under Xvfb.
#
#   bash bench/cold-start.sh                 # build-bench-gui, 10 runs per renderer
#   RUNS=20 BIN=build-gui/bench/veiviser-bench bash bench/cold-start.sh
#   RT=1 bash bench/cold-start.sh            # busy shared machine (root): SCHED_FIFO
#   RENDERERS="cairo" bash bench/cold-start.sh  # only GSK_RENDERER=cairo
#   BENCH_LANG=nn_NO.UTF-8 BENCH_LANGUAGE=nn bash bench/cold-start.sh  # in nynorsk
#   WARM=1 PAGE=ledger LEDGER=/tmp/p1m.csv bash bench/cold-start.sh
#       # a later start: the database exists and holds LEDGER (imported once
#       # with veiviser-cli before the runs), the app opens on PAGE
#
# Two measurements per run:
#  - map: the window "Veiviser 257/258" is viewable (polled with xwininfo
#    every 2 ms; includes the polling round trips, so a slight overestimate);
#  - frame: if the application honours VEIVISER_BENCH_FIRST_FRAME=1, it prints
#    "first-frame-ms: N" (milliseconds since process start) at the first
#    GdkFrameClock::after-paint of its window and quits. Otherwise "-".
#  - cpu: the CPU time (user + system) the app used until that frame, which
#    a busy machine inflates far less than the wall-clock figures.
# Runs once with GSK_RENDERER=cairo and once with GTK's default renderer
# ("default": GSK_RENDERER unset; under Xvfb that is GL through llvmpipe when
# available). Reports median, best and worst. Needs xvfb-run, xwininfo (x11-utils).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-10}
BUILD=${BUILD:-build-bench-gui}
BIN=${BIN:-$BUILD/bench/veiviser-bench}

if [ -z "${VEIVISER_COLD_START_INNER:-}" ]; then
  if [ ! -x "$BIN" ]; then
    [ -d "$BUILD" ] || meson setup "$BUILD" --buildtype=release >/dev/null
    meson compile -C "$BUILD" >/dev/null
  fi
  command -v xwininfo >/dev/null || { echo "xwininfo missing (apt-get install x11-utils)"; exit 1; }
  export VEIVISER_COLD_START_INNER=1 BIN RUNS RENDERERS=${RENDERERS:-cairo default}
  # RT=1: the whole session (Xvfb, D-Bus, the app) as SCHED_FIFO on a busy shared machine.
  RTCMD=(); [ "${RT:-0}" = 1 ] && RTCMD=(chrt -f 10)
  exec "${RTCMD[@]}" dbus-run-session -- xvfb-run -a -s "-screen 0 1400x900x24" bash "$0" "$@"
fi

export GDK_BACKEND=x11 NO_AT_BRIDGE=1 GSETTINGS_BACKEND=memory
unset GSK_RENDERER
# the build folder holding $BIN (bench/veiviser-bench or src/gui/veiviser)
BUILDDIR=$(d=$(dirname "$BIN"); while [ "$d" != / ] && [ ! -d "$d/meson-info" ]; do d=$(dirname "$d"); done; echo "$d")
export GSETTINGS_SCHEMA_DIR=$BUILDDIR/data
# A fresh data dir: no database yet, as on first start (unless WARM=1).
tmp=$(mktemp -d /tmp/veiviser-cold.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config XDG_CACHE_HOME=$tmp/cache
if [ -n "${PAGE:-}" ]; then
  # Settings in a key file, so that the remembered page is read at start.
  export GSETTINGS_BACKEND=keyfile
  app_path=$(sed -n 's/.*path="\/\(.*\)\/".*/\1/p' "$BUILDDIR/data/"*.gschema.xml | head -n 1)
fi
prepare_data() {
  if [ -n "${PAGE:-}" ]; then
    mkdir -p "$tmp/config/glib-2.0/settings"
    printf '[%s]\nlast-page=%s\nexamples-added=true\n' "$app_path" "'$PAGE'" \
      > "$tmp/config/glib-2.0/settings/keyfile"
  fi
  if [ -n "${LEDGER:-}" ]; then
    mkdir -p "$tmp/data/veiviser"
    "$BUILDDIR/src/cli/veiviser-cli" import "$LEDGER" --db "$tmp/data/veiviser/veiviser.db" >/dev/null
  fi
}
[ "${WARM:-0}" = 1 ] && prepare_data

TITLE=${TITLE:-Veiviser 257/258}
export LANG=${BENCH_LANG:-C.UTF-8} LANGUAGE=${BENCH_LANGUAGE:-C}
now_ms() { date +%s%3N; }

stats() { printf '%s\n' "$@" | grep -E '^[0-9.]+$' | sort -n | awk '{a[NR]=$1} END {if (NR) printf "median %.0f ms, best %.0f ms, max %.0f ms (%d runs)", a[int((NR+1)/2)], a[1], a[NR], NR; else printf "n/a"}'; }

for renderer in $RENDERERS; do
  maps=(); frames=(); cpus=()
  echo "== GSK_RENDERER=$renderer"
  for i in $(seq "$RUNS"); do
    if [ "${WARM:-0}" != 1 ]; then rm -rf "$tmp/data" "$tmp/config"; prepare_data; fi
    start=$(now_ms)
    if [ "$renderer" = default ]; then
      VEIVISER_BENCH_FIRST_FRAME=1 "$BIN" > "$tmp/out" 2>"$tmp/err" &
    else
      GSK_RENDERER=$renderer VEIVISER_BENCH_FIRST_FRAME=1 "$BIN" > "$tmp/out" 2>"$tmp/err" &
    fi
    pid=$!
    mapped=""
    for _ in $(seq 5000); do
      if xwininfo -name "$TITLE" 2>/dev/null | grep -q IsViewable; then
        mapped=$(( $(now_ms) - start )); break
      fi
      kill -0 $pid 2>/dev/null || break
      sleep 0.002
    done
    # With the hook the app quits by itself; otherwise close it.
    for _ in $(seq 3000); do kill -0 $pid 2>/dev/null || break; sleep 0.01; done
    kill $pid 2>/dev/null || true
    wait $pid 2>/dev/null || true
    frame=$(sed -n 's/^first-frame-ms: *\([0-9.]*\).*/\1/p' "$tmp/out" | head -n 1)
    cpu=$(sed -n 's/^first-frame-ms:.*cpu: *\([0-9.]*\).*/\1/p' "$tmp/out" | head -n 1)
    maps+=("${mapped:-NA}"); frames+=("${frame:--}"); cpus+=("${cpu:--}")
    printf 'run %2d: map %6s ms   first frame %6s ms   cpu %5s ms\n' "$i" "${mapped:-NA}" "${frame:--}" "${cpu:--}"
  done
  echo "map ($renderer):         $(stats "${maps[@]}")"
  echo "first frame ($renderer): $(stats "${frames[@]}")"
  echo "cpu to frame ($renderer): $(stats "${cpus[@]}")"
done
