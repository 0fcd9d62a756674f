#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the flatpak manifest: runtime, sandbox permissions and the pinned libcsv module."""

import fnmatch
import json
import re
import sys

ALLOWED_FINISH_ARGS = {'--share=ipc', '--socket=wayland', '--socket=fallback-x11',
                       '--device=dri'}


def fail(path, msg):
    print(f'{path}: {msg}', file=sys.stderr)
    sys.exit(1)


def main():
    path, app_id = sys.argv[1], sys.argv[2]
    with open(path, encoding='utf-8') as f:
        text = f.read()
    # flatpak-builder (json-glib) accepts C comments; Python's json does not.
    text = re.sub(r'/\*.*?\*/', '', text, flags=re.S)
    try:
        m = json.loads(text)
    except json.JSONDecodeError as e:
        fail(path, f'line {e.lineno}: {e.msg}')

    if m.get('id', m.get('app-id')) != app_id:
        fail(path, f'field "id": expected {app_id}')
    if m.get('runtime') != 'org.gnome.Platform' or m.get('sdk') != 'org.gnome.Sdk':
        fail(path, 'field "runtime"/"sdk": expected org.gnome.Platform / org.gnome.Sdk')
    if int(str(m.get('runtime-version', '0')).split('.')[0]) < 47:
        fail(path, 'field "runtime-version": GNOME 47 or newer expected')
    if m.get('command') != 'veiviser':
        fail(path, 'field "command": expected veiviser')
    extra = set(m.get('finish-args', [])) - ALLOWED_FINISH_ARGS
    if extra:
        fail(path, 'field "finish-args": not allowed: ' + ', '.join(sorted(extra)))

    modules = {mod['name']: mod for mod in m.get('modules', []) if isinstance(mod, dict)}
    csv = modules.get('libcsv')
    if csv is None:
        fail(path, 'field "modules": no libcsv module')
    if csv.get('buildsystem', 'autotools') != 'autotools':
        fail(path, 'libcsv: field "buildsystem": expected autotools')
    for src in csv.get('sources', []):
        if src.get('type') == 'archive':
            if not re.fullmatch(r'[0-9a-f]{64}', src.get('sha256', '')):
                fail(path, 'libcsv: field "sha256": not a sha256 sum')
            if 'libcsv-3.0.3' not in src.get('url', ''):
                fail(path, 'libcsv: field "url": expected the libcsv 3.0.3 tarball')
            break
    else:
        fail(path, 'libcsv: no pinned archive source')
    if list(modules)[-1] != 'veiviser':
        fail(path, 'field "modules": the last module must be veiviser')
    # The spreadsheet module (/app/lib/veiviser/libveiviser-sheet.so) and the
    # libraries it loads must survive "cleanup".
    for mod in [m] + list(modules.values()):
        for pattern in mod.get('cleanup', []):
            for kept in ('/lib/veiviser/libveiviser-sheet.so', '/lib/libgsf-1.so.114',
                         '/lib/libxlsxwriter.so'):
                if fnmatch.fnmatch(kept, pattern if pattern.startswith('/') else '*/' + pattern) \
                        or kept.startswith(pattern.rstrip('/') + '/'):
                    fail(path, f'field "cleanup": {pattern} removes {kept}')
    for lib in ('libgsf', 'libxlsxwriter'):
        if lib not in modules:
            fail(path, f'field "modules": no {lib} module (the spreadsheet module needs it)')
    print(f'{path}: ok')
    return 0


if __name__ == '__main__':
    sys.exit(main())
