#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Prints "[LABEL: ]N passed, N failed, N skipped" for a meson testlog.json.

Usage: summarize.py TESTLOG.json [LABEL] [EXTRA_FAILED]
Exits 1 when anything failed (including EXTRA_FAILED), else 0.
"""
import json
import sys

path = sys.argv[1]
label = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] else ""
extra = int(sys.argv[3]) if len(sys.argv) > 3 else 0
passed = failed = skipped = 0
names = []
for line in open(path, encoding="utf-8"):
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
        names.append(r.get("name"))
failed += extra
print((f"{label}: " if label else "") + f"{passed} passed, {failed} failed, {skipped} skipped"
      + (f" ({', '.join(names)})" if names else ""))
sys.exit(1 if failed else 0)
