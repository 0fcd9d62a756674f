#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Find each citation's quoted text in its seed document and fill in "lines".

Usage: locate-citations.py RULES.json SEEDS_DIR [--write]

The seeds are plain-text extractions of PDFs: a sentence may run over several
physical lines with blank lines between them. The quote is matched against the
document with all whitespace collapsed, then mapped back to the physical line
numbers of its first and last character. Exit 1 if a quote is not found.
"""
import json
import re
import sys


def load_doc(path):
    text = open(path, encoding="utf-8").read()
    lines = text.split("\n")
    flat, owner = [], []
    for n, line in enumerate(lines, start=1):
        words = line.split()
        if not words:
            continue
        chunk = normalise(" ".join(words))
        if flat and not flat[-1].endswith(("-", "/")):
            flat.append(" ")
            owner.append(n)
        flat.append(chunk)
        owner.extend([n] * len(chunk))
    return "".join(flat), owner


def normalise(s):
    # Collapse whitespace, and drop it after a hyphen: the PDF extraction breaks
    # "KOSTRA-funksjon" into "KOSTRA-" / "funksjon" on two lines.
    return re.sub(r"([-/]) +", r"\1", " ".join(s.split()))


def main():
    rules_path, seeds = sys.argv[1], sys.argv[2]
    write = "--write" in sys.argv
    rules = json.load(open(rules_path, encoding="utf-8"))
    docs, found, failed = {}, {}, 0
    for c in rules["citations"]:
        doc = c["document"]
        if doc not in docs:
            docs[doc] = load_doc(f"{seeds}/{doc}")
        flat, owner = docs[doc]
        q = normalise(c["text"])
        start_at = 0
        if "after" in c:
            start_at = next((i for i, n in enumerate(owner) if n >= c["after"]), 0)
        pos = flat.find(q, start_at)
        if pos < 0:
            print(f"NOT FOUND: {c['id']}: {q[:80]}…", file=sys.stderr)
            failed += 1
            continue
        lines = f"{owner[pos]}-{owner[pos + len(q) - 1]}"
        found[c["id"]] = lines
        print(f"{c['id']}: {lines}")
    if write:
        src = open(rules_path, encoding="utf-8").read()
        for cid, lines in found.items():
            pat = re.compile(r'("id": "' + re.escape(cid) + r'",[^{}]*?"lines": ")[^"]*(")', re.S)
            src, n = pat.subn(lambda m: m.group(1) + lines + m.group(2), src, count=1)
            if n != 1:
                print(f"could not rewrite {cid}", file=sys.stderr)
                failed += 1
        open(rules_path, "w", encoding="utf-8").write(src)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
