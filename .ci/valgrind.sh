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

# Bulk-volume cases (hundreds of thousands of ledger lines, a million-line
# read, 20 pairs of concurrent imports, a killed 1 M-line import in
# test-crash) take hours under memcheck; they run the same code as the small
# cases around them and run under ASan/UBSan (.ci/sanitize.sh) in full.
# VEIVISER_VG_ALL=1 runs everything.
SKIP_PATHS="/cli/every-example /cli/import/concurrent /cli/import/open-while-running
/ledger-reader/million-lines /ledger-session/progress /ledger-session/cancel
/ledger-session/finding-lines /ledger-store/cancel-rollback /ledger-store/async
/ledger-store/journal-mode /case/many-unknown-facts"
SKIP_TESTS="crash"
if [ "${VEIVISER_VG_ALL:-0}" = 1 ]; then
  SKIP_PATHS=
  SKIP_TESTS=
fi
skip_args=()
for p in $SKIP_PATHS; do skip_args+=(-s "$p"); done

# The fuzz replays take file names, not GLib test options: a run of their own.
all_tests=$(meson test -C "$BUILD" --suite "$SUITE" --list 2>/dev/null | sed -n 's|^.* / ||p')
glib_tests=
replay_tests=
for t in ${TESTS:-$all_tests}; do
  case " $SKIP_TESTS " in *" $t "*) continue ;; esac
  case $t in
    fuzz-*) replay_tests="$replay_tests $t" ;;
    *) glib_tests="$glib_tests $t" ;;
  esac
done

# valgrind is ~20-50x slower: give the tests time. meson names the log
# <logbase>-<wrapper name>.json: _build-vg/meson-logs/valgrind-valgrind.json.
status=0
primary=
others=()
if [ -n "$glib_tests" ]; then
  # shellcheck disable=SC2086
  meson test -C "$BUILD" --print-errorlogs --num-processes 2 --timeout-multiplier 10 \
    --logbase valgrind --wrapper "$WRAP" --test-args "${skip_args[*]}" $glib_tests || status=1
  primary=$BUILD/meson-logs/valgrind-valgrind.json
fi
if [ -n "$replay_tests" ]; then
  # shellcheck disable=SC2086
  meson test -C "$BUILD" --print-errorlogs --num-processes 2 --timeout-multiplier 10 \
    --logbase valgrind-fuzz --wrapper "$WRAP" $replay_tests || status=1
  if [ -z "$primary" ]; then
    primary=$BUILD/meson-logs/valgrind-fuzz-valgrind.json
  else
    others+=("replay=$BUILD/meson-logs/valgrind-fuzz-valgrind.json")
  fi
fi
[ -n "$primary" ] || { echo "valgrind: no tests selected"; exit 1; }

python3 .ci/summarize.py "$primary" valgrind "" "${others[@]}"
summary=$?
[ $status -eq 0 ] && [ $summary -eq 0 ]
