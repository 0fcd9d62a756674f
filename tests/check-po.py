#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that the translations are complete (meson test 'po-complete', suite 'data').

(a) Every file under src/ and ui/ (and data/rules/veiviser-rules-strings.c) that marks
    strings for translation, and every desktop file, metainfo file and GSettings schema under
    data/, is listed in po/POTFILES.in, and every listed file exists. po/LINGUAS is nb and nn.
(b) A fresh template is extracted with xgettext (meson's glib preset keywords) from the files
    in POTFILES.in; each language in po/LINGUAS is merged against it in a temporary directory
    and every msgid that is untranslated or fuzzy is reported.
    xgettext must not warn that a msgid is not a valid C format string (a format macro such
    as G_GINT64_FORMAT inside _() makes the message untranslatable at run time).
(c) msgfmt --check passes on every po/<lang>.po.

Usage: check-po.py [SOURCE_ROOT]   (default: the parent of this script's directory)
Nothing in the source tree is written. Exit status 0 = complete, 1 = problems, 77 = skipped
because the gettext tools are not installed.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

# The same arguments as meson's i18n.gettext (preset: 'glib'), see mesonbuild/modules/i18n.py.
XGETTEXT_ARGS = [
    '--from-code=UTF-8',
    '--add-comments',
    '-k_',
    '--keyword=_',
    '--keyword=N_',
    '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2',
    '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format',
    '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format',
    '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format',
    '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format',
    '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format',
    '--flag=g_sprintf:2:c-format',
    '--flag=g_snprintf:3:c-format',
]

EXPECTED_LINGUAS = {'nb', 'nn'}
SCANNED_DIRS = ['src', 'ui']
EXTRA_FILES = ['data/rules/veiviser-rules-strings.c']
# Desktop files, metainfo and schemas under data/ are translatable as a whole.
DATA_SUFFIXES = ('.desktop.in', '.desktop.in.in', '.metainfo.xml.in', '.metainfo.xml.in.in',
                 '.gschema.xml', '.gschema.xml.in')

# _( N_( C_( NC_( (also with GNU-style space before the parenthesis), ngettext, g_dngettext,
# and translatable="yes" in GtkBuilder files.
MARKER_RE = re.compile(r'(?<![A-Za-z0-9_])(?:N|C|NC)?_\s*\(|(?<![A-Za-z0-9_])(?:g_d)?ngettext\s*\('
                       r'|translatable\s*=\s*"yes"')
# _("… %" G_GUINT64_FORMAT " …"): a string literal (or several) followed by a format macro.
FORMAT_MACRO_RE = re.compile(r'(?<![A-Za-z0-9_])(?:N|C|NC)?_\s*\(\s*(?:"(?:[^"\\\n]|\\.)*"\s*)+'
                             r'G_[A-Z0-9_]*FORMAT')
TEXT_SUFFIXES = ('.c', '.h', '.ui', '.in', '.xml', '.blp', '.py', '.js', '.vala')


def read_potfiles(root):
    listed = []
    path = os.path.join(root, 'po', 'POTFILES.in')
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                listed.append(line)
    return listed


def files_with_markers(root):
    found = []
    candidates = []
    for d in SCANNED_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, d)):
            dirnames[:] = sorted(n for n in dirnames if not n.startswith('.'))
            for name in sorted(filenames):
                if name.endswith(TEXT_SUFFIXES):
                    candidates.append(os.path.relpath(os.path.join(dirpath, name), root))
    candidates += [f for f in EXTRA_FILES if os.path.exists(os.path.join(root, f))]
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, 'data')):
        dirnames[:] = sorted(n for n in dirnames if not n.startswith('.'))
        for name in sorted(filenames):
            if name.endswith(DATA_SUFFIXES):
                found.append(os.path.relpath(os.path.join(dirpath, name), root))
    for rel in candidates:
        with open(os.path.join(root, rel), encoding='utf-8', errors='replace') as f:
            if MARKER_RE.search(f.read()):
                found.append(rel)
    return found


def unquote(s):
    s = s.strip()
    if not (s.startswith('"') and s.endswith('"')):
        raise ValueError('bad PO string: ' + s)
    s = s[1:-1]
    out = []
    i = 0
    while i < len(s):
        c = s[i]
        if c == '\\' and i + 1 < len(s):
            n = s[i + 1]
            out.append({'n': '\n', 't': '\t', '"': '"', '\\': '\\', 'r': '\r'}.get(n, '\\' + n))
            i += 2
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def parse_po(path):
    """Returns a list of dicts: ctxt, id, plural, strs, fuzzy, refs (obsolete entries skipped)."""
    entries = []
    cur = None
    key = None

    def new():
        return {'ctxt': None, 'id': None, 'plural': None, 'strs': {}, 'fuzzy': False, 'refs': []}

    def flush():
        nonlocal cur
        if cur is not None and cur['id'] is not None:
            entries.append(cur)
        cur = new()

    cur = new()
    with open(path, encoding='utf-8') as f:
        for raw in f:
            line = raw.rstrip('\n')
            if not line.strip() or line.startswith('#~'):
                if not line.strip():
                    flush()
                    key = None
                continue
            if line.startswith('#'):
                if cur['id'] is not None:
                    flush()
                if line.startswith('#,') and 'fuzzy' in [x.strip() for x in line[2:].split(',')]:
                    cur['fuzzy'] = True
                elif line.startswith('#:'):
                    cur['refs'] += line[2:].split()
                continue
            if line.startswith('msgctxt '):
                if cur['id'] is not None:
                    flush()
                cur['ctxt'] = unquote(line[8:])
                key = 'ctxt'
            elif line.startswith('msgid_plural '):
                cur['plural'] = unquote(line[13:])
                key = 'plural'
            elif line.startswith('msgid '):
                if cur['id'] is not None:
                    flush()
                cur['id'] = unquote(line[6:])
                key = 'id'
            elif line.startswith('msgstr['):
                m = re.match(r'msgstr\[(\d+)\]\s+(.*)', line)
                key = int(m.group(1))
                cur['strs'][key] = unquote(m.group(2))
            elif line.startswith('msgstr '):
                key = 0
                cur['strs'][0] = unquote(line[7:])
            elif line.startswith('"'):
                if isinstance(key, int):
                    cur['strs'][key] += unquote(line)
                elif key is not None:
                    cur[key] += unquote(line)
    flush()
    return entries


def short(msgid, limit=100):
    s = msgid.replace('\n', '\\n')
    return s if len(s) <= limit else s[:limit - 1] + '…'


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, **kw)


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1
                           else os.path.join(os.path.dirname(__file__), '..'))
    for tool in ('xgettext', 'msgmerge', 'msgfmt'):
        if shutil.which(tool) is None:
            print('SKIP: %s is not installed' % tool)
            return 77

    problems = 0

    # (a) POTFILES.in against the sources.
    listed = read_potfiles(root)
    for rel in sorted(set(r for r in listed if listed.count(r) > 1)):
        print('po/POTFILES.in lists %s more than once' % rel)
        problems += 1
    for rel in listed:
        if not os.path.isfile(os.path.join(root, rel)):
            print('po/POTFILES.in lists %s, which does not exist' % rel)
            problems += 1
    for rel in files_with_markers(root):
        if rel not in listed:
            print('%s has translatable strings but is not listed in po/POTFILES.in' % rel)
            problems += 1

    linguas = []
    with open(os.path.join(root, 'po', 'LINGUAS'), encoding='utf-8') as f:
        for line in f:
            line = line.split('#', 1)[0]
            linguas += line.split()
    if set(linguas) != EXPECTED_LINGUAS:
        print('po/LINGUAS is %s; expected exactly %s' % (' '.join(linguas),
                                                          ' '.join(sorted(EXPECTED_LINGUAS))))
        problems += 1

    with tempfile.TemporaryDirectory(prefix='check-po-') as tmp:
        # (b) A fresh template from the listed files that exist.
        listfile = os.path.join(tmp, 'POTFILES')
        with open(listfile, 'w', encoding='utf-8') as f:
            for rel in listed:
                if os.path.isfile(os.path.join(root, rel)):
                    f.write(rel + '\n')
        pot = os.path.join(tmp, 'veiviser.pot')
        r = run(['xgettext', '--package-name=veiviser', '-f', listfile, '-D', root, '-o', pot]
                + XGETTEXT_ARGS)
        if r.returncode != 0:
            print('xgettext failed:\n' + r.stderr)
            return 1
        # A msgid cut short by a macro such as G_GINT64_FORMAT never matches the string looked up
        # at run time, so it stays English whatever the catalogue says. Use %lld/%llu with a cast
        # (or PRId64/PRIu64, which xgettext understands) instead.
        # xgettext names only the first use of a msgid, so the sources are searched as well.
        cut = set()
        for line in r.stderr.splitlines():
            if 'not a valid C format string' in line:
                cut.add(line.split(': warning:')[0])
        for rel in listed:
            if rel.endswith(('.c', '.h')) and os.path.isfile(os.path.join(root, rel)):
                with open(os.path.join(root, rel), encoding='utf-8', errors='replace') as f:
                    text = f.read()
                for m in FORMAT_MACRO_RE.finditer(text):
                    cut.add('%s:%d' % (rel, text.count('\n', 0, m.start()) + 1))
        for where in sorted(cut):
            print('untranslatable msgid at %s: a format macro such as G_GUINT64_FORMAT inside _() '
                  'splits the string; use %%llu with an (unsigned long long) cast' % where)
            problems += 1
        template = [e for e in parse_po(pot) if e['id'] != '']
        print('template: %d messages from %d files' % (len(template), len(listed)))

        for lang in linguas:
            po = os.path.join(root, 'po', lang + '.po')
            if not os.path.isfile(po):
                print('po/%s.po does not exist' % lang)
                problems += 1
                continue

            # (c) msgfmt --check on the committed file.
            r = run(['msgfmt', '--check', '-o', os.devnull, po])
            if r.returncode != 0:
                print('msgfmt --check po/%s.po failed:\n%s' % (lang, r.stderr))
                problems += 1

            merged = os.path.join(tmp, lang + '.po')
            r = run(['msgmerge', '--quiet', '-o', merged, po, pot])
            if r.returncode != 0:
                print('msgmerge po/%s.po failed:\n%s' % (lang, r.stderr))
                problems += 1
                continue
            r = run(['msgfmt', '--check', '-o', os.devnull, merged])
            if r.returncode != 0:
                print('msgfmt --check on po/%s.po merged with the template failed:\n%s'
                      % (lang, r.stderr))
                problems += 1

            untranslated = []
            fuzzy = []
            for e in parse_po(merged):
                if e['id'] == '':
                    continue
                where = e['refs'][0] if e['refs'] else '?'
                label = '%s: "%s"' % (where, short(e['id']))
                if e['ctxt'] is not None:
                    label += ' (context “%s”)' % e['ctxt']
                if e['fuzzy']:
                    fuzzy.append(label)
                elif not e['strs'] or any(v == '' for v in e['strs'].values()):
                    untranslated.append(label)
            done = len(template) - len(untranslated) - len(fuzzy)
            print('%s: %d translated, %d fuzzy, %d untranslated'
                  % (lang, done, len(fuzzy), len(untranslated)))
            for label in fuzzy:
                print('  %s fuzzy: %s' % (lang, label))
            for label in untranslated:
                print('  %s untranslated: %s' % (lang, label))
            problems += len(untranslated) + len(fuzzy)

    if problems:
        print('FAIL: %d problem(s)' % problems)
        return 1
    print('OK: POTFILES.in is complete and every language translates every message')
    return 0


if __name__ == '__main__':
    sys.exit(main())
