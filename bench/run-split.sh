#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Times `veiviser-cli split` and `veiviser-cli import` against pandas and the
# sqlite3 tool doing the same aggregation, side by side in one run.
#
#   bash bench/run-split.sh            # 100 k and 1 M lines
#   LINES="1000000" RUNS=5 bash bench/run-split.sh
#   RT=1 bash bench/run-split.sh       # on a busy shared machine (root): SCHED_FIFO
#
# Needs: a release build (made here in build-bench), python3-pandas and sqlite3
# (apt-get install python3-pandas sqlite3); columns whose tool is missing are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

LINES=${LINES:-"100000 1000000"}
RUNS=${RUNS:-3}
BUILD=${BUILD:-build-bench}
OUT=$(mktemp -d /tmp/veiviser-bench.XXXXXX)
# RT=1: run every timed command (ours and the others alike) as SCHED_FIFO, so that
# other work on a shared machine does not preempt it (needs root; sched autogroups
# make `nice` useless across sessions).
RT=$([ "${RT:-0}" = 1 ] && echo "chrt -f 10" || true)
trap 'rm -rf "$OUT"' EXIT

if [ ! -d "$BUILD" ]; then
  meson setup "$BUILD" --buildtype=release -Dgui=false >/dev/null
fi
meson compile -C "$BUILD" veiviser-cli >/dev/null
CLI=$BUILD/src/cli/veiviser-cli
PY=/usr/bin/python3
have_pandas=1; $PY -c 'import pandas' 2>/dev/null || have_pandas=0
have_sqlite=1; command -v sqlite3 >/dev/null || have_sqlite=0

# best_of CMD...: prints "seconds peak_kB cpu_seconds" of the fastest of $RUNS runs
# (wall clock; cpu = user + system of that run, which other load on the machine
# disturbs less). $PRE, if set, is run before each timed run (not timed).
best_of() {
  local best="" mem=0 cpu=0 t m u s
  for _ in $(seq "$RUNS"); do
    [ -n "${PRE:-}" ] && eval "$PRE"
    $RT /usr/bin/time -f "%e %M %U %S" -o "$OUT/time" "$@" >/dev/null 2>"$OUT/err" || { cat "$OUT/err" >&2; return 1; }
    read -r t m u s < "$OUT/time"
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then
      best=$t; mem=$m; cpu=$(awk "BEGIN{printf \"%.2f\", $u + $s}")
    fi
  done
  echo "$best $mem $cpu"
}

echo "Veiviser split benchmark — $(date -u +%Y-%m-%d) — $(nproc) × $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1), $(uname -m)${RT:+, SCHED_FIFO}"
printf '%-18s %8s %8s %9s %9s %9s %9s %11s %8s %8s\n' file split-s cpu-s import-s cpu-s pandas-s sqlite3-s "RSS-MB" "pandas/×" "sqlite/×"
for n in $LINES; do
  for enc in utf-8 cp1252; do
    f=$OUT/ledger-$n-$enc.csv
    python3 bench/gen-ledger.py --lines "$n" --year 2023 --encoding "$enc" --out "$f" --units "$OUT/units.csv"
    read -r ts ms cs < <(best_of "$CLI" split "$f" --units "$OUT/units.csv" --json)
    if read -r ti mi ci < <(PRE='rm -f "$OUT/db.sqlite"*' best_of "$CLI" import "$f" --db "$OUT/db.sqlite"); then
      :
    else
      ti=NA; mi=0; ci=NA
    fi
    tp=NA; tq=NA; rp=NA; rq=NA
    if [ $have_pandas = 1 ]; then
      read -r tp _ < <(best_of $PY bench/pandas-split.py "$f" "$enc")
      rp=$(awk "BEGIN{printf \"%.1f\", $tp/$ts}")
      # totals must agree to the øre
      $PY bench/pandas-split.py "$f" "$enc" > "$OUT/pandas.json"
      "$CLI" split "$f" --units "$OUT/units.csv" --json > "$OUT/vv.json"
      $PY - "$OUT/pandas.json" "$OUT/vv.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))["booked"]; v = json.load(open(sys.argv[2]))["booked"]
v = {k: x for k, x in v.items() if x}
assert p == v, f"totals differ: pandas {p} veiviser {v}"
PY
    fi
    if [ $have_sqlite = 1 ] && [ $enc = utf-8 ]; then
      read -r tq _ < <(best_of bash bench/sqlite-split.sh "$f")
      rq=$(awk "BEGIN{printf \"%.1f\", $tq/$ts}")
    fi
    printf '%-18s %8s %8s %9s %9s %9s %9s %11s %8s %8s\n' "$n-$enc" "$ts" "$cs" "$ti" "$ci" "$tp" "$tq" \
      "$(awk "BEGIN{printf \"%.1f\", ${ms:-0}/1024}")/$(awk "BEGIN{printf \"%.1f\", ${mi:-0}/1024}")" "$rp" "$rq"
  done
done
echo "split-s: veiviser-cli split --json (best of $RUNS, wall); import-s: veiviser-cli import into a new SQLite file"
echo "with raw lines (best of $RUNS); cpu-s: user+system CPU of that run; load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "RSS-MB: peak resident memory split/import; pandas/× and sqlite/×: how many times slower than veiviser split."
