#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# GUI cold start, measured against a baseline: Veiviser (A) and the smallest
# libadwaita window (B, bench/min-window.c) are started the same way, one
# after the other (A B A B …), under one Xvfb, each run with its own empty
# XDG data, config and cache folders. Reports medians per program and the
# ratio A/B; the goal is A/B <= 1.3.
#
#   bash bench/cold-start.sh                     # build-bench-gui, 10 pairs, cairo
#   RUNS=20 BUILD=build-rel bash bench/cold-start.sh
#   RENDERERS="cairo default" bash bench/cold-start.sh   # also GTK's default renderer
#   BENCH_LANG=nn_NO.UTF-8 BENCH_LANGUAGE=nn bash bench/cold-start.sh
#   BIN2=build-main/bench/veiviser-bench bash bench/cold-start.sh  # before/after
#
# BIN2, if set, is a second build of the app (say, main before a change),
# started in the same rotation (A B A2, A B A2, …) and reported as A2 with
# its own ratio to B, so that a before/after comparison shares the load.
#
# Per run:
#  - map: ms from exec until the window is viewable (polled with xwininfo
#    every 2 ms; the polling costs both programs the same);
#  - frame: ms from the process's start (its start time in /proc/self/stat)
#    to the window's first painted frame, which each program prints and then
#    quits (Veiviser with VEIVISER_BENCH_FIRST_FRAME=1, the baseline with
#    BENCH_FIRST_FRAME=1);
#  - cpu: the CPU time the process used until that frame.
# A run fails when the window is not viewable within 10 s, no frame time is
# printed, or the program exits with an error; failed runs are counted and
# reported, and left out of the medians. No real-time priority: the figures
# are what a user's session gets. Needs xvfb-run and xwininfo (x11-utils).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-10}
BUILD=${BUILD:-build-bench-gui}
BIN=${BIN:-$BUILD/bench/veiviser-bench}   # the app with the benchmark hook
BASE=${BASE:-$BUILD/bench/bench-min-window}
BIN2=${BIN2:-}

if [ -z "${VEIVISER_COLD_START_INNER:-}" ]; then
  if [ ! -x "$BIN" ] || [ ! -x "$BASE" ]; then
    [ -d "$BUILD" ] || meson setup "$BUILD" --buildtype=release >/dev/null
    meson compile -C "$BUILD" >/dev/null
  fi
  command -v xwininfo >/dev/null || { echo "xwininfo missing (apt-get install x11-utils)"; exit 1; }
  export VEIVISER_COLD_START_INNER=1 BIN BASE BIN2 RUNS RENDERERS=${RENDERERS:-cairo}
  exec dbus-run-session -- xvfb-run -a -s "-screen 0 1400x900x24" bash "$0" "$@"
fi

export GDK_BACKEND=x11 NO_AT_BRIDGE=1 GSETTINGS_BACKEND=memory
unset GSK_RENDERER
# the build folder holding $BIN (bench/veiviser-bench or src/gui/veiviser)
BUILDDIR=$(d=$(dirname "$BIN"); while [ "$d" != / ] && [ ! -d "$d/meson-info" ]; do d=$(dirname "$d"); done; echo "$d")
export GSETTINGS_SCHEMA_DIR=$BUILDDIR/data
export LANG=${BENCH_LANG:-C.UTF-8} LANGUAGE=${BENCH_LANGUAGE:-C}
tmp=$(mktemp -d /tmp/veiviser-cold.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
now_ms() { date +%s%3N; }

median() { printf '%s\n' "$@" | grep -E '^[0-9.]+$' | sort -n | awk '{a[NR]=$1} END {if (NR) printf "%.0f", (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2); else printf "NA"}'; }
spread() { printf '%s\n' "$@" | grep -E '^[0-9.]+$' | sort -n | awk '{a[NR]=$1} END {if (NR) printf "best %.0f, max %.0f", a[1], a[NR]; else printf "-"}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "NA" || b == "NA" || b == 0) print "NA"; else printf "%.2f", a / b }'; }

# run PROGRAM TITLE FRAME_ENV: one cold start; sets map, frame, cpu, ok.
run() {
  local program=$1 title=$2 frame_env=$3 dir start pid status=0
  dir=$(mktemp -d "$tmp/run.XXXXXX")
  mkdir -p "$dir/data" "$dir/config" "$dir/cache"
  map=NA; frame=NA; cpu=NA; ok=1
  start=$(now_ms)
  env XDG_DATA_HOME="$dir/data" XDG_CONFIG_HOME="$dir/config" XDG_CACHE_HOME="$dir/cache" \
    ${renderer_env:+GSK_RENDERER=$renderer_env} "$frame_env=1" \
    "$program" > "$dir/out" 2> "$dir/err" &
  pid=$!
  for _ in $(seq 5000); do
    if xwininfo -name "$title" 2>/dev/null | grep -q IsViewable; then
      map=$(( $(now_ms) - start )); break
    fi
    kill -0 "$pid" 2>/dev/null || break
    [ $(( $(now_ms) - start )) -lt 10000 ] || break
    sleep 0.002
  done
  # The program quits at its first frame; give it 30 s, then stop it.
  for _ in $(seq 3000); do kill -0 "$pid" 2>/dev/null || break; sleep 0.01; done
  if kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null || true; status=124; fi
  wait "$pid" 2>/dev/null || status=$?
  frame=$(sed -n 's/^first-frame-ms: *\([0-9.]*\).*/\1/p' "$dir/out" | head -n 1)
  cpu=$(sed -n 's/^first-frame-ms:.*cpu: *\([0-9.]*\).*/\1/p' "$dir/out" | head -n 1)
  frame=${frame:-NA}; cpu=${cpu:-NA}
  if [ "$map" = NA ] || [ "$frame" = NA ] || [ "$status" -ne 0 ]; then
    ok=0
    echo "  failed (exit $status): $(head -c 300 "$dir/err" | tr '\n' ' ')"
  fi
  rm -rf "$dir"
}

for renderer in $RENDERERS; do
  renderer_env=$renderer; [ "$renderer" = default ] && renderer_env=""
  a_map=(); a_frame=(); a_cpu=(); b_map=(); b_frame=(); b_cpu=(); a_failed=0; b_failed=0
  c_map=(); c_frame=(); c_cpu=(); c_failed=0
  echo "== GSK_RENDERER=$renderer, $RUNS pairs, A = $BIN, B = $BASE${BIN2:+, A2 = $BIN2}"
  for i in $(seq "$RUNS"); do
    run "$BIN" "Veiviser 257/258" VEIVISER_BENCH_FIRST_FRAME
    if [ $ok = 1 ]; then a_map+=("$map"); a_frame+=("$frame"); a_cpu+=("$cpu"); else a_failed=$((a_failed + 1)); fi
    printf 'run %2d A: map %5s ms  frame %7s ms  cpu %5s ms\n' "$i" "$map" "$frame" "$cpu"
    run "$BASE" "Bench minimal window" BENCH_FIRST_FRAME
    if [ $ok = 1 ]; then b_map+=("$map"); b_frame+=("$frame"); b_cpu+=("$cpu"); else b_failed=$((b_failed + 1)); fi
    printf 'run %2d B: map %5s ms  frame %7s ms  cpu %5s ms\n' "$i" "$map" "$frame" "$cpu"
    [ -n "$BIN2" ] || continue
    run "$BIN2" "Veiviser 257/258" VEIVISER_BENCH_FIRST_FRAME
    if [ $ok = 1 ]; then c_map+=("$map"); c_frame+=("$frame"); c_cpu+=("$cpu"); else c_failed=$((c_failed + 1)); fi
    printf 'run %2d A2: map %5s ms  frame %7s ms  cpu %5s ms\n' "$i" "$map" "$frame" "$cpu"
  done
  am=$(median "${a_map[@]}"); bm=$(median "${b_map[@]}")
  af=$(median "${a_frame[@]}"); bf=$(median "${b_frame[@]}")
  ac=$(median "${a_cpu[@]}"); bc=$(median "${b_cpu[@]}")
  echo "A Veiviser:       frame median $af ms ($(spread "${a_frame[@]}")), map median $am ms, cpu median $ac ms; failed $a_failed of $RUNS"
  echo "B minimal window: frame median $bf ms ($(spread "${b_frame[@]}")), map median $bm ms, cpu median $bc ms; failed $b_failed of $RUNS"
  echo "ratio A/B ($renderer): first frame $(ratio "$af" "$bf"), map $(ratio "$am" "$bm"), cpu $(ratio "$ac" "$bc") (goal <= 1.3)"
  if [ -n "$BIN2" ]; then
    cm=$(median "${c_map[@]}"); cf=$(median "${c_frame[@]}"); cc=$(median "${c_cpu[@]}")
    echo "A2 $BIN2: frame median $cf ms ($(spread "${c_frame[@]}")), map median $cm ms, cpu median $cc ms; failed $c_failed of $RUNS"
    echo "ratio A2/B ($renderer): first frame $(ratio "$cf" "$bf"), map $(ratio "$cm" "$bm"), cpu $(ratio "$cc" "$bc")"
  fi
done
