#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Times `veiviser-cli split` and `veiviser-cli import` against pandas and the
# sqlite3 tool doing the same aggregation, side by side in one run.
#
#   bash bench/run-split.sh            # 100 k and 1 M lines
#   LINES="1000000" RUNS=5 bash bench/run-split.sh
#
# Needs: a release build (made here in build-bench), python3-pandas and sqlite3
# (apt-get install python3-pandas sqlite3); columns whose tool is missing are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

LINES=${LINES:-"100000 1000000"}
RUNS=${RUNS:-3}
BUILD=${BUILD:-build-bench}
OUT=$(mktemp -d /tmp/veiviser-bench.XXXXXX)
trap 'rm -rf "$OUT"' EXIT

if [ ! -d "$BUILD" ]; then
  meson setup "$BUILD" --buildtype=release -Dgui=false >/dev/null
fi
meson compile -C "$BUILD" veiviser-cli >/dev/null
CLI=$BUILD/src/cli/veiviser-cli
PY=/usr/bin/python3
have_pandas=1; $PY -c 'import pandas' 2>/dev/null || have_pandas=0
have_sqlite=1; command -v sqlite3 >/dev/null || have_sqlite=0

# best_of CMD...: prints "seconds peak_kB" of the fastest of $RUNS runs
best_of() {
  local best="" mem=0 t m
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M" -o "$OUT/time" "$@" >/dev/null 2>"$OUT/err" || { cat "$OUT/err" >&2; return 1; }
    read -r t m < "$OUT/time"
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; mem=$m; fi
  done
  echo "$best $mem"
}

echo "Veiviser split benchmark — $(date -u +%Y-%m-%d) — $(nproc) cores, $(uname -m)"
printf '%-22s %10s %10s %10s %10s %10s %9s %9s\n' file split-s import-s pandas-s sqlite3-s "RSS-MB" "pandas/×" "sqlite/×"
for n in $LINES; do
  for enc in utf-8 cp1252; do
    f=$OUT/ledger-$n-$enc.csv
    python3 bench/gen-ledger.py --lines "$n" --year 2023 --encoding "$enc" --out "$f" --units "$OUT/units.csv"
    read -r ts ms < <(best_of "$CLI" split "$f" --units "$OUT/units.csv" --json)
    rm -f "$OUT/db.sqlite"*
    /usr/bin/time -f "%e %M" -o "$OUT/time" "$CLI" import "$f" --db "$OUT/db.sqlite" >/dev/null 2>"$OUT/err" \
      && read -r ti mi < "$OUT/time" || { ti=NA; mi=0; }
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
    printf '%-22s %10s %10s %10s %10s %10s %9s %9s\n' "$n-$enc" "$ts" "$ti" "$tp" "$tq" \
      "$(awk "BEGIN{printf \"%.1f\", ${ms:-0}/1024}")/$(awk "BEGIN{printf \"%.1f\", ${mi:-0}/1024}")" "$rp" "$rq"
  done
done
echo "split-s: veiviser-cli split --json (best of $RUNS); import-s: veiviser-cli import into SQLite with raw lines;"
echo "RSS-MB: peak resident memory split/import; pandas/× and sqlite/×: how many times slower than veiviser split."
