#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs the 'core' test suite under valgrind memcheck: invalid reads/writes,
# uninitialised values and definite leaks fail the test. Children spawned by the
# tests (veiviser-cli) are traced too.
#
#   bash .ci/valgrind.sh                  # build _build-vg, run suite core
#   BUILD=build-vg TESTS="case" bash .ci/valgrind.sh
set -uo pipefail
cd "$(dirname "$0")/.."

BUILD=${BUILD:-_build-vg}
SUITE=${SUITE:-core}
SRC=$(pwd)
command -v valgrind >/dev/null || { echo "valgrind not installed"; exit 1; }

if [ ! -f "$BUILD/build.ninja" ]; then
  meson setup "$BUILD" --werror --buildtype=debug -Dgui=false || exit 1
fi
meson compile -C "$BUILD" || exit 1

# GLib's slice allocator and its gc-unfriendly caches hide leaks from memcheck.
export G_SLICE=always-malloc
export G_DEBUG=gc-friendly

WRAP="valgrind --tool=memcheck --leak-check=full --errors-for-leak-kinds=definite \
--show-leak-kinds=definite --error-exitcode=1 --track-origins=yes --num-callers=30 \
--trace-children=yes --trace-children-skip=*/sh,*/bash,*/python3* \
--suppressions=$SRC/tests/valgrind.supp --gen-suppressions=all -q"

# valgrind is ~20-50x slower: give the tests time. meson names the log
# <logbase>-<wrapper name>.json: _build-vg/meson-logs/valgrind-valgrind.json.
# shellcheck disable=SC2086
meson test -C "$BUILD" --suite "$SUITE" --print-errorlogs --num-processes 2 \
  --timeout-multiplier 10 --logbase valgrind --wrapper "$WRAP" ${TESTS:-}
status=$?

python3 .ci/summarize.py "$BUILD/meson-logs/valgrind-valgrind.json" valgrind
summary=$?
[ $status -eq 0 ] && [ $summary -eq 0 ]
