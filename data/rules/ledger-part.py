#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write the part of the rule data that reading and splitting a ledger uses,
and the whole rule data without its layout.

Usage: ledger-part.py RULES.json LEDGER.json COMPACT.json

The rule data stays one file (RULES.json); the build derives from it, with
Python's json module, a small JSON object of just the members a ledger needs
(functions, year rules, ledger checks, national shares), so that
`veiviser-cli split` parses a fiftieth of the text at start-up and the
guide's part (facts, nodes, citations, respite table, glossary) is parsed
from the whole only when it is first asked for (src/core/vv-rules.c).
COMPACT.json is the whole rule data as the program carries it: the same
members and values without the indentation and line breaks that make a
quarter of the file's bytes, which the guide's first parse, before the
window's first frame, otherwise reads through.
"""
import json
import sys

# Keep in step with parse_ledger_part() in src/core/vv-rules.c.
LEDGER_MEMBERS = ("format", "version", "start", "years", "functions", "year_rules",
                  "ledger_checks", "national_shares")


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as f:
        rules = json.load(f)
    if not isinstance(rules, dict):
        sys.exit(f"{sys.argv[1]}: the rule data is not a JSON object")
    part = {name: rules[name] for name in LEDGER_MEMBERS if name in rules}
    for path, data in ((sys.argv[2], part), (sys.argv[3], rules)):
        with open(path, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, separators=(",", ":"))
            f.write("\n")


if __name__ == "__main__":
    main()
