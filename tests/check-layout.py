#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the layout rules of issue 11 ("Done when") and HACKING.md:

- no sqlite3_ call and no SQL text under src/gui/ (the store returns typed rows);
- no .c file in src/gui/ over 900 lines, none in src/core/ over 1 500;
- no include circle among the modules of src/core/ or of src/gui/
  (the same check as tests/check-include-cycles.py, run here too);
- src/core/ never includes GTK or libadwaita, and the core library's
  meson dependencies name neither.

A rule that a file still breaks can be listed in KNOWN_EXCEPTIONS below with
the reason and who is on it; the test then passes, prints the exception, and
says when an entry is no longer needed so that the list only shrinks.

Usage: check-layout.py SOURCE_ROOT
"""
import importlib.util
import os
import re
import sys

GUI_MAX_LINES = 900
CORE_MAX_LINES = 1500

# (rule, path) -> why it is allowed for now. Rules: 'gui-sql', 'gui-lines',
# 'core-lines', 'core-gtk', 'gui-circle', 'core-circle'.
KNOWN_EXCEPTIONS = {
}

SQLITE_CALL = re.compile(r'\bsqlite3_\w+\s*\(')
SQL_TEXT = re.compile(r'"[^"\n]*\b(SELECT\s+\S|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|'
                      r'CREATE\s+(TABLE|INDEX|VIEW|VIRTUAL)|DROP\s+TABLE|PRAGMA\s+\w)',
                      re.IGNORECASE)
GTK_INCLUDE = re.compile(r'^\s*#\s*include\s*[<"](gtk/|gdk/|adwaita\.h|libadwaita)', re.M)
COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)


def sources(directory, suffixes=('.c', '.h')):
    for name in sorted(os.listdir(directory)):
        if name.endswith(suffixes):
            yield name, os.path.join(directory, name)


def read(path):
    with open(path, encoding='utf-8') as f:
        return f.read()


def line_count(text):
    return text.count('\n') + (0 if text.endswith('\n') or not text else 1)


def check_include_cycles(root):
    spec = importlib.util.spec_from_file_location(
        'check_include_cycles', os.path.join(os.path.dirname(__file__), 'check-include-cycles.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    problems = []
    for area in ('core', 'gui'):
        cycle = module.find_cycle(module.graph(os.path.join(root, 'src', area)))
        if cycle:
            problems.append(('%s-circle' % area, 'src/%s' % area,
                             'include circle: %s' % ' → '.join(cycle)))
    return problems


def check(root):
    problems = []
    gui = os.path.join(root, 'src', 'gui')
    core = os.path.join(root, 'src', 'core')

    for name, path in sources(gui):
        rel = 'src/gui/' + name
        text = read(path)
        code = COMMENT.sub('', text)
        for m in SQLITE_CALL.finditer(code):
            problems.append(('gui-sql', rel, 'calls %s' % m.group(0).rstrip('( ')))
            break
        m = SQL_TEXT.search(code)
        if m:
            literal = code[m.start():].split('\n', 1)[0][:60]
            problems.append(('gui-sql', rel, 'SQL text: %s' % literal))
        n = line_count(text)
        if name.endswith('.c') and n > GUI_MAX_LINES:
            problems.append(('gui-lines', rel, '%d lines (at most %d)' % (n, GUI_MAX_LINES)))

    for name, path in sources(core):
        rel = 'src/core/' + name
        text = read(path)
        n = line_count(text)
        if name.endswith('.c') and n > CORE_MAX_LINES:
            problems.append(('core-lines', rel, '%d lines (at most %d)' % (n, CORE_MAX_LINES)))
        m = GTK_INCLUDE.search(COMMENT.sub('', text))
        if m:
            problems.append(('core-gtk', rel, 'includes %s' % m.group(1)))

    meson = read(os.path.join(core, 'meson.build'))
    meson_code = re.sub(r'#[^\n]*', '', meson)
    if re.search(r'gtk|adw', meson_code, re.IGNORECASE):
        problems.append(('core-gtk', 'src/core/meson.build', 'names GTK or libadwaita'))

    problems += check_include_cycles(root)
    return problems


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
    problems = check(root)
    failed = 0
    seen = set()
    for rule, path, what in problems:
        seen.add((rule, path))
        why = KNOWN_EXCEPTIONS.get((rule, path))
        if why is not None:
            print('known exception: %s: %s (%s) — %s' % (path, what, rule, why))
        else:
            print('FAIL: %s: %s (%s)' % (path, what, rule))
            failed += 1
    for key in sorted(set(KNOWN_EXCEPTIONS) - seen):
        print('note: %s: the known exception for %s is no longer needed; remove it' % key[::-1])
    if failed:
        print('%d problem(s); see HACKING.md ("The layers")' % failed)
        return 1
    print('layout: ok')
    return 0


if __name__ == '__main__':
    sys.exit(main())
