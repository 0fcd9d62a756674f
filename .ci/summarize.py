#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Prints "[LABEL: ]N passed, N failed, N skipped" for meson testlog.json files.

Usage: summarize.py TESTLOG.json [LABEL] [EXTRA_FAILED] [NAME=TESTLOG.json ...]
The NAME=TESTLOG pairs add the results of another run (such as the Debian 13
build, .ci/debian13.sh), their tests named NAME:test; a missing file counts
as one failure (that run did not get as far as its tests).
SUMMARY_NOTE, when set, is added to the line (a run that could not be made).
Exits 1 when anything failed (including EXTRA_FAILED), else 0.
"""
import json
import os
import sys

path = sys.argv[1]
label = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] else ""
extra = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[3] else 0
others = [arg.split("=", 1) for arg in sys.argv[4:]]
passed = failed = skipped = 0
names = []


def count(log, prefix=""):
    global passed, failed, skipped
    for line in open(log, encoding="utf-8"):
        line = line.strip()
        if not line:
            continue
        r = json.loads(line)
        res = r.get("result")
        if res in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif res == "SKIP":
            skipped += 1
        else:
            failed += 1
            names.append(prefix + str(r.get("name")))


count(path)
for name, log in others:
    if os.path.exists(log):
        count(log, name + ":")
    else:
        failed += 1
        names.append(f"{name} (no test log)")
failed += extra
print((f"{label}: " if label else "") + f"{passed} passed, {failed} failed, {skipped} skipped"
      + (f" ({', '.join(names)})" if names else "")
      + (f"; {os.environ['SUMMARY_NOTE']}" if os.environ.get("SUMMARY_NOTE") else ""))
sys.exit(1 if failed else 0)
