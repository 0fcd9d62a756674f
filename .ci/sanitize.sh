#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the core library, the CLI and the core tests with AddressSanitizer +
# UndefinedBehaviorSanitizer (+ LeakSanitizer) in their own build directory and
# runs the 'core' suite. Any ASan/UBSan/LSan report fails the test that hit it.
#
#   bash .ci/sanitize.sh                 # build _build-asan, run suite core
#   BUILD=build-asan bash .ci/sanitize.sh
#   SUITE=core bash .ci/sanitize.sh      # another suite, or TESTS="case cli"
#
# tests/lsan.supp only silences one-time allocations inside GLib/fontconfig
# (type system, quarks, caches that live until exit), never our own code.
set -uo pipefail
cd "$(dirname "$0")/.."

BUILD=${BUILD:-_build-asan}
SUITE=${SUITE:-core}
SRC=$(pwd)

if [ ! -f "$BUILD/build.ninja" ]; then
  meson setup "$BUILD" --werror --buildtype=debug \
    -Db_sanitize=address,undefined -Db_lundef=false -Dgui=false || exit 1
fi
meson compile -C "$BUILD" || exit 1

export ASAN_OPTIONS="detect_leaks=1:fast_unwind_on_malloc=0:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$SRC/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
# GLib's slice allocator hides leaks and use-after-free from ASan.
export G_SLICE=always-malloc
# ASan replaces malloc; glibc's MALLOC_CHECK_ (set by the test env) is harmless but useless.

# shellcheck disable=SC2086
meson test -C "$BUILD" --suite "$SUITE" --print-errorlogs --num-processes 2 \
  --timeout-multiplier 4 ${TESTS:-}
status=$?

python3 .ci/summarize.py "$BUILD/meson-logs/testlog.json" sanitizers
summary=$?
[ $status -eq 0 ] && [ $summary -eq 0 ]
