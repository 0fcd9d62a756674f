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
#   JOBS=2 ...                             # libFuzzer -jobs/-workers
set -uo pipefail
cd "$(dirname "$0")/../.."

BUILD=${BUILD:-build-fuzz}
SECONDS_PER=${SECONDS_PER:-60}
JOBS=${JOBS:-1}
SRC=$(pwd)

if [ ! -f "$BUILD/build.ninja" ]; then
  CC=clang meson setup "$BUILD" --buildtype=debugoptimized -Dgui=false -Dfuzzing=true \
    -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args="-fsanitize=fuzzer-no-link -fno-sanitize-recover=undefined -fno-omit-frame-pointer" \
    || exit 1
fi
meson compile -C "$BUILD" || exit 1

if [ $# -gt 0 ]; then
  targets="$*"
else
  targets=$(sed -n "/^fuzz_targets = \[/,/^\]/s/^ *'\([^']*\)'.*/\1/p" tests/fuzz/meson.build)
fi

export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export LSAN_OPTIONS="suppressions=$SRC/tests/lsan.supp"
export G_SLICE=always-malloc G_DEBUG=fatal-warnings GSETTINGS_BACKEND=memory

failed=0
for t in $targets; do
  bin=$BUILD/tests/fuzz/fuzz-$t
  work=$BUILD/corpus-$t
  crashes=$BUILD/crashes-$t
  mkdir -p "$work" "$crashes"
  dict=()
  [ -f tests/fuzz/$t.dict ] && dict=(-dict=tests/fuzz/$t.dict)
  echo "== fuzz-$t for ${SECONDS_PER}s"
  "$bin" "$work" "tests/fuzz/corpus-$t" "${dict[@]}" \
    -max_total_time="$SECONDS_PER" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$crashes/" -print_final_stats=1 \
    ${JOBS:+$( [ "$JOBS" -gt 1 ] && echo "-jobs=$JOBS -workers=$JOBS" )} \
    > "$BUILD/fuzz-$t.log" 2>&1
  rc=$?
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+ +DONE" "$BUILD/fuzz-$t.log" | tail -3
  if [ $rc -ne 0 ]; then
    echo "fuzz-$t: FAILED (exit $rc), see $BUILD/fuzz-$t.log and $crashes/"
    grep -E "ERROR|SUMMARY|ERROR:|assertion" "$BUILD/fuzz-$t.log" | head -5
    failed=$((failed + 1))
  fi
done
echo "fuzzers: $failed failed"
[ $failed -eq 0 ]
