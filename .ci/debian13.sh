#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Proof on current GNOME: builds Veiviser and runs its tests on Debian 13
# (trixie: GTK 4.18, libadwaita 1.7) in a root made with debootstrap from
# Debian's package archive, with GLib criticals fatal. The API stays pinned
# at GTK 4.8 / libadwaita 1.2 (STYLE.md rule 14), so deprecations are not
# errors, but anything newer GTK warns about at run time fails a test.
#
#   bash .ci/debian13.sh              # as root; prints the trixie build's summary
#   KEEP_ROOT=/tmp/trixie bash .ci/debian13.sh   # keep (and reuse) the root
#
# Nothing is cached between runs: the root is made afresh each time and
# removed afterwards. A fresh root on 2 cores shared with other builds
# (load average 13-18, 2026-12-07) took 22 minutes: debootstrap 3 min,
# build dependencies 7, build 5.5 (plain), tests 6.
# Writes the meson test log to ${D13_TESTLOG:-_build-trixie-log/testlog.json}
# for .ci/summarize.py.
#
# Exit status: 0 all tests passed; 1 the build or a test failed; 75 Debian's
# package archive could not be reached (debootstrap or apt could not
# download), said plainly on stderr: nothing was tested, and that is not a
# test failure.
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=$(pwd)
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
TESTLOG=${D13_TESTLOG:-$SRC/_build-trixie-log/testlog.json}
mkdir -p "$(dirname "$TESTLOG")"
rm -f "$TESTLOG"

if [ "$(id -u)" -ne 0 ]; then
  exec sudo -E bash "$0" "$@"
fi
command -v debootstrap >/dev/null || apt-get install -y -qq --no-install-recommends debootstrap >/dev/null

if [ -n "${KEEP_ROOT:-}" ]; then
  ROOT=$KEEP_ROOT
else
  ROOT=$(mktemp -d /tmp/veiviser-trixie.XXXXXX)
  trap 'rm -rf --one-file-system "$ROOT"' EXIT
fi

# What apt and debootstrap print when the archive cannot be reached.
NETWORK_ERRORS='Temporary failure resolving|Could not resolve|Could not connect|Failed to fetch|Connection timed out|Connection refused|Network is unreachable|Failed getting release file|Couldn.t download|Unable to connect'
unreachable() {
  echo "Debian 13 step NOT RUN: Debian's package archive ($MIRROR) could not be reached:" >&2
  grep -E "$NETWORK_ERRORS" "$1" | head -5 >&2
  exit 75
}

t0=$(date +%s)
if [ ! -x "$ROOT/usr/bin/apt-get" ]; then
  echo "== debootstrap trixie ($MIRROR)"
  if ! debootstrap --variant=minbase trixie "$ROOT" "$MIRROR" > "$ROOT.debootstrap.log" 2>&1; then
    grep -qE "$NETWORK_ERRORS" "$ROOT.debootstrap.log" && unreachable "$ROOT.debootstrap.log"
    tail -30 "$ROOT.debootstrap.log"
    exit 1
  fi
fi
t1=$(date +%s)
echo "debootstrap: $((t1 - t0)) s"

# The source tree, without build directories, copied in (the root is thrown away).
rm -rf "$ROOT/src"
mkdir -p "$ROOT/src"
tar -C "$SRC" --exclude=./.git --exclude='./build*' --exclude='./_build*' -cf - . | tar -C "$ROOT/src" -xf -

# The packages .ci/install-deps installs on Debian 12, less the sanitizer
# and valgrind ones (.ci/sanitize.sh runs on Debian 12 only), plus the
# AT-SPI bindings for the accessibility journey.
PACKAGES=$(sed -n '/apt-get install/,/veiviser-apt.log/p' .ci/install-deps | tr -s ' \\\t' '\n' \
  | grep -E '^[a-z0-9][a-z0-9.+-]+$' \
  | grep -vxE 'apt-get|install|tail|exit|valgrind|clang|libclang-rt-[0-9]+-dev' | tr '\n' ' ')
# Trixie's xlsxwriter.pc requires zlib and minizip, which its -dev package
# does not pull in.
echo "$PACKAGES python3-pyatspi zlib1g-dev libminizip-dev" > "$ROOT/src/.ci-trixie-packages"

echo "$NETWORK_ERRORS" > "$ROOT/src/.ci-network-errors"
cat > "$ROOT/src/.ci-trixie-inner.sh" <<'INNER'
set -euo pipefail
# No LC_ALL: the tests choose their language (LANGUAGE), which LC_ALL=C.UTF-8
# would override.
export DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8
cd /src
t0=$(date +%s)
# A download failure is exit 75 (the archive is unreachable), anything else 1.
apt_failed() {
  if grep -qE "$(cat /src/.ci-network-errors)" /tmp/apt.log; then
    grep -E "$(cat /src/.ci-network-errors)" /tmp/apt.log | head -5 >&2
    exit 75
  fi
  tail -40 /tmp/apt.log
  exit 1
}
apt-get update -qq > /tmp/apt.log 2>&1 || apt_failed
# apt-get update only warns when it cannot fetch an index
grep -qE "$(cat /src/.ci-network-errors)" /tmp/apt.log && apt_failed
# shellcheck disable=SC2046
apt-get install -y -qq --no-install-recommends $(cat /src/.ci-trixie-packages) \
  >> /tmp/apt.log 2>&1 || apt_failed
t1=$(date +%s)
echo "build dependencies: $((t1 - t0)) s"
echo "GTK $(pkg-config --modversion gtk4), libadwaita $(pkg-config --modversion libadwaita-1), GLib $(pkg-config --modversion glib-2.0)"
# Unoptimised and without debug information: the build is the step's
# largest cost on a 2-core runner and the tests gain nothing from -O2 -g
# (the Debian 12 build keeps debugoptimized; ccache is not available here).
meson setup _build-trixie --werror --buildtype=plain > /tmp/setup.log 2>&1 \
  || { tail -40 /tmp/setup.log; exit 1; }
meson compile -C _build-trixie > /tmp/compile.log 2>&1 || { grep -E "error|warning" /tmp/compile.log | head -40; exit 1; }
t2=$(date +%s)
echo "build: $((t2 - t1)) s"
# Criticals are fatal in every test (the test environment adds
# fatal-warnings to G_DEBUG); the AT-SPI journey runs the app itself.
export GSK_RENDERER=cairo GDK_BACKEND=x11 G_DEBUG=fatal-criticals
status=0
dbus-run-session -- xvfb-run -a -s "-screen 0 1400x900x24" \
  meson test -C _build-trixie --print-errorlogs --num-processes 2 ${D13_SUITES:-} || status=$?
echo "tests: $(( $(date +%s) - t2 )) s"
exit $status
INNER

status=0
# A private mount namespace: /proc and /dev/shm vanish with it.
unshare --mount --propagation private bash -c '
  mount -t proc proc "$1/proc"
  mount -t tmpfs tmpfs "$1/dev/shm"
  chroot "$1" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root D13_SUITES="$2" bash /src/.ci-trixie-inner.sh
' _ "$ROOT" "${D13_SUITES:-}" || status=$?
cp "$ROOT/src/_build-trixie/meson-logs/testlog.json" "$TESTLOG" 2>/dev/null || true
if [ $status -eq 75 ]; then
  echo "Debian 13 step NOT RUN: Debian's package archive ($MIRROR) could not be reached (apt, above)" >&2
fi
echo "Debian 13 step: $(( $(date +%s) - t0 )) s in all, exit $status"
exit $status
