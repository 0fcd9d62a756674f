#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Paired, alternating benchmarks of veiviser-cli against programs doing the
# same work on the same file (docs/performance.md):
#
#   onepass  veiviser-cli split LEDGER --units U --json   vs  bench/onepass-split.c
#            (the issue-13 goal: CPU ≤ 1.5× a one-pass C reader summing by ansvar × function)
#   pandas   veiviser-cli split LEDGER --units U --json   vs  bench/pandas-split.py
#            (read_csv + groupby function and ansvar × function)
#   sqlite   veiviser-cli import LEDGER --db NEW.sqlite    vs  sqlite3 NEW.db .import LEDGER
#   xlsx     veiviser-cli split LEDGER.xlsx …             vs  the same ledger as CSV
#   before   veiviser-cli split …                         vs  $BEFORE split … (another build)
#
# Each pair runs A then B, PAIRS times (A B A B …), at normal priority, with
# the file in the page cache (one warm-up run each, not counted). Reported: median
# wall and CPU (user + system) time of each side, the ratio of the medians,
# the median and range of the per-pair CPU ratios, and failed runs (non-zero
# exit), which are left out of the medians.
#
#   bash bench/paired.sh                                   # 1 M and 10 M lines, 11 pairs
#   PAIRS=21 SIZES=1000000 CASES="onepass" bash bench/paired.sh
#
# Environment: BUILD (a release build, default build-rel; made if missing),
# DATA (generated files, kept for the next run; default /tmp/vv-bench),
# SIZES, PAIRS, CASES (default "onepass pandas sqlite xlsx"; xlsx is 1 M lines only).
# Needs python3-pandas and sqlite3 for those cases; missing tools are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=${BUILD:-build-rel}
DATA=${DATA:-/tmp/vv-bench}
SIZES=${SIZES:-"1000000 10000000"}
PAIRS=${PAIRS:-11}
CASES=${CASES:-"onepass pandas sqlite xlsx"}
TMP=$(mktemp -d /tmp/vv-paired.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

if [ ! -f "$BUILD/build.ninja" ]; then
  meson setup "$BUILD" --buildtype=release -Dgui=false >/dev/null
fi
meson compile -C "$BUILD" veiviser-cli bench-onepass-split bench-csv-to-xlsx >/dev/null
CLI=$BUILD/src/cli/veiviser-cli
ONEPASS=$BUILD/bench/bench-onepass-split
have() { command -v "$1" >/dev/null; }
PY=${PY:-/usr/bin/python3}   # Debian's python3-pandas
have_pandas=0; $PY -c 'import pandas' 2>/dev/null && have_pandas=1

mkdir -p "$DATA"
ledger() {   # ledger N: the generated file of N lines (made once)
  local f=$DATA/ledger-$1.csv
  [ -s "$f" ] || python3 bench/gen-ledger.py --lines "$1" --year 2023 --out "$f" --units "$DATA/units.csv"
  echo "$f"
}

# run_one OUTFILE CMD...: one timed run; appends "wall cpu ok" to OUTFILE
# (bench/run-timed.py: CPU time from wait4(), to the microsecond)
run_one() {
  local out=$1; shift
  [ -n "${PRE:-}" ] && eval "$PRE"
  if ! python3 bench/run-timed.py "$TMP/one" "$@"; then
    echo "failed: $*" >&2
    sed -n '1,3p' "$TMP/one.err" >&2
  fi
  tail -n 1 "$TMP/one" >> "$out"
}

# pair NAME -- CMD_A... -- CMD_B...
pair() {
  local name=$1; shift; shift
  local a=() b=()
  while [ "$1" != "--" ]; do a+=("$1"); shift; done; shift
  b=("$@")
  : > "$TMP/a"; : > "$TMP/b"
  PRE=${PRE_A:-} run_one /dev/null "${a[@]}"; PRE=${PRE_B:-} run_one /dev/null "${b[@]}"   # warm-up
  for _ in $(seq "$PAIRS"); do
    PRE=${PRE_A:-} run_one "$TMP/a" "${a[@]}"
    PRE=${PRE_B:-} run_one "$TMP/b" "${b[@]}"
  done
  python3 - "$name" "$TMP/a" "$TMP/b" <<'PY'
import statistics as st, sys
name, fa, fb = sys.argv[1:]
A = [l.split() for l in open(fa)]; B = [l.split() for l in open(fb)]
okA = [(float(w), float(c)) for w, c, ok in A if ok == "1"]
okB = [(float(w), float(c)) for w, c, ok in B if ok == "1"]
pairs = [(float(a[1]) / float(b[1])) for a, b in zip(A, B) if a[2] == b[2] == "1" and float(b[1]) > 0]
med = lambda xs: st.median(xs) if xs else float("nan")
wa, ca = med([w for w, _ in okA]), med([c for _, c in okA])
wb, cb = med([w for w, _ in okB]), med([c for _, c in okB])
print(f"{name:<34} {wa:7.3f} {ca:7.3f} {wb:7.3f} {cb:7.3f} {ca / cb:6.2f} {wa / wb:6.2f} "
      f"{med(pairs):6.2f} {min(pairs, default=float('nan')):5.2f}-{max(pairs, default=float('nan')):<5.2f} "
      f"{len(A) - len(okA)}/{len(A)} {len(B) - len(okB)}/{len(B)}")
PY
}

echo "Veiviser paired benchmark — $(date -u '+%Y-%m-%d %H:%M UTC') — $(nproc) × $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)"
echo "$(uname -sr), $(. /etc/os-release; echo "$PRETTY_NAME"), $(gcc --version | head -n 1), build $BUILD ($(git rev-parse --short HEAD))"
echo "PAIRS=$PAIRS, load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-34s %7s %7s %7s %7s %6s %6s %6s %11s %s %s\n' "A vs B" "A-wall" "A-cpu" "B-wall" "B-cpu" \
  "cpu×" "wall×" "pair×" "pair-range" "A-fail" "B-fail"

for n in $SIZES; do
  f=$(ledger "$n")
  u=$DATA/units.csv
  for c in $CASES; do
    case $c in
      onepass)
        # same totals per function, or the comparison means nothing
        "$CLI" split "$f" --units "$u" --json | python3 -c '
import json, sys
b = {k: v for k, v in json.load(sys.stdin)["booked"].items() if v}
o = {l.split()[0]: int(l.split()[1]) for l in open(sys.argv[1])}
assert b == o, (b, o)' <("$ONEPASS" "$f" 2>/dev/null)
        pair "split $n vs one-pass C" -- "$CLI" split "$f" --units "$u" --json -- "$ONEPASS" "$f"
        ;;
      pandas)
        [ $have_pandas = 1 ] || { echo "pandas: python3-pandas missing, skipped" >&2; continue; }
        pair "split $n vs pandas" -- "$CLI" split "$f" --units "$u" --json -- $PY bench/pandas-split.py "$f"
        ;;
      sqlite)
        have sqlite3 || { echo "sqlite: sqlite3 missing, skipped" >&2; continue; }
        PRE_A="rm -f '$TMP/v.sqlite'*" PRE_B="rm -f '$TMP/s.db'*" \
          pair "import $n vs sqlite3 .import" -- "$CLI" import "$f" --db "$TMP/v.sqlite" -- \
          sqlite3 "$TMP/s.db" ".mode csv" ".separator ;" ".import '$f' ledger"
        ;;
      before)
        # BEFORE=another build's veiviser-cli: the same split, old against new
        [ -x "${BEFORE:-}" ] || { echo "before: set BEFORE=path/to/old/veiviser-cli" >&2; continue; }
        cmp -s <("$CLI" split "$f" --units "$u" --json) <("$BEFORE" split "$f" --units "$u" --json) ||
          { echo "before: the two builds' splits differ" >&2; exit 1; }
        pair "split $n vs before" -- "$CLI" split "$f" --units "$u" --json -- "$BEFORE" split "$f" --units "$u" --json
        ;;
      xlsx)
        [ "$n" = 1000000 ] || continue
        x=$DATA/ledger-$n.xlsx
        [ -s "$x" ] || "$BUILD/bench/bench-csv-to-xlsx" "$f" "$x"
        cmp -s <("$CLI" split "$x" --units "$u" --json) <("$CLI" split "$f" --units "$u" --json) ||
          { echo "xlsx: the split differs from the CSV's" >&2; exit 1; }
        pair "split $n .xlsx vs same .csv" -- "$CLI" split "$x" --units "$u" --json -- "$CLI" split "$f" --units "$u" --json
        ;;
    esac
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Times in seconds, medians of the runs that succeeded; cpu = user + system; cpu× and wall×: ratio"
echo "of the medians (A/B); pair×: median of the per-pair CPU ratios, pair-range: their min-max."
