#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the libFuzzer targets with clang (ASan + UBSan + libFuzzer) in
# build-fuzz and runs each for SECONDS seconds, starting from its seed corpus.
# New interesting inputs go to build-fuzz/corpus-NAME (not the source tree);
# crashes are written to build-fuzz/crashes-NAME/ — copy a minimised crash to
# tests/fuzz/crashes-NAME/ once fixed so the replay test keeps covering it.
#
#   bash tests/fuzz/run.sh                 # every target, 60 s each
#   SECONDS_PER=600 bash tests/fuzz/run.sh case-json
#   KEEP_GOING=1 ...                       # fork mode: log crashes and continue
set -uo pipefail
cd "$(dirname "$0")/../.."

BUILD=${BUILD:-build-fuzz}
SECONDS_PER=${SECONDS_PER:-60}
SRC=$(pwd)

if [ ! -f "$BUILD/build.ninja" ]; then
  CC=clang meson setup "$BUILD" --buildtype=debugoptimized -Dgui=false -Dfuzzing=true \
    -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args="-fsanitize=fuzzer-no-link -fno-sanitize-recover=undefined -fno-omit-frame-pointer" \
    || exit 1
fi
if [ $# -gt 0 ]; then
  targets="$*"
else
  targets=$(sed -n "/^fuzz_targets = \[/,/^\]/s/^ *'\([^']*\)'.*/\1/p" tests/fuzz/meson.build)
fi
# Only the fuzz binaries (and the core library): the rest of the tree may be mid-change.
# Regenerate first, so that targets added to tests/fuzz/meson.build are known.
ninja -C "$BUILD" build.ninja >/dev/null || exit 1
# (and the spreadsheet module the readers load)
meson compile -C "$BUILD" src/core/veiviser-sheet \
  $(for t in $targets; do echo "tests/fuzz/fuzz-$t"; done) || exit 1
[ "${NO_RUN:-0}" = 1 ] && exit 0

export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export LSAN_OPTIONS="suppressions=$SRC/tests/lsan.supp"
export G_SLICE=always-malloc G_DEBUG=fatal-warnings GSETTINGS_BACKEND=memory

failed=0
# One line per target in meson's testlog format, so that .ci/summarize.py
# counts the fuzzers in the final "N passed, N failed" line.
testlog=$BUILD/fuzz-testlog.json
: > "$testlog"
for t in $targets; do
  bin=$BUILD/tests/fuzz/fuzz-$t
  work=$BUILD/corpus-$t
  crashes=$BUILD/crashes-$t
  mkdir -p "$work" "$crashes"
  dict=()
  [ -f tests/fuzz/$t.dict ] && dict=(-dict=tests/fuzz/$t.dict)
  echo "== fuzz-$t for ${SECONDS_PER}s"
  mode=()
  # KEEP_GOING=1: fork mode, record every crash and carry on (for known open bugs).
  [ "${KEEP_GOING:-0}" = 1 ] && mode=(-fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1)
  "$bin" "$work" "tests/fuzz/corpus-$t" "${dict[@]}" "${mode[@]}" \
    -max_total_time="$SECONDS_PER" -max_len=262144 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$crashes/" -print_final_stats=1 \
    > "$BUILD/fuzz-$t.log" 2>&1
  rc=$?
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+ +DONE|^INFO: fuzzed for" "$BUILD/fuzz-$t.log" | tail -n 3
  n_crashes=$(find "$crashes" -type f | wc -l)
  echo "fuzz-$t: $n_crashes crash/leak/timeout inputs in $crashes/"
  [ "$n_crashes" -gt 0 ] && rc=1
  if [ $rc -ne 0 ]; then
    echo "fuzz-$t: FAILED (exit $rc), see $BUILD/fuzz-$t.log and $crashes/"
    grep -E "ERROR|SUMMARY|ERROR:|assertion" "$BUILD/fuzz-$t.log" | head -5
    failed=$((failed + 1))
    result=FAIL
  else
    result=OK
  fi
  printf '{"name": "fuzz-%s", "result": "%s"}\n' "$t" "$result" >> "$testlog"
done
echo "fuzzers: $failed failed"
[ $failed -eq 0 ]
