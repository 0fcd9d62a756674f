#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Install the build into a temporary DESTDIR and check that each file is in place."""

import argparse
import os
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser()
    for opt in ('builddir', 'prefix', 'bindir', 'libdir', 'datadir', 'localedir', 'app-id',
                'gettext-package', 'gui'):
        ap.add_argument('--' + opt, required=True)
    a = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix='veiviser-install-') as destdir:
        env = dict(os.environ)
        env.pop('DESTDIR', None)
        proc = subprocess.run(['meson', 'install', '-C', a.builddir, '--no-rebuild',
                               '--quiet', '--destdir', destdir],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
        if proc.returncode != 0:
            print(proc.stdout)
            print(f'meson install failed with status {proc.returncode}', file=sys.stderr)
            return 1

        root = destdir + a.prefix

        def under(d):
            return d if os.path.isabs(d) else os.path.join(root, d)

        bindir, datadir, localedir = under(a.bindir), under(a.datadir), under(a.localedir)
        libdir = under(a.libdir)
        if os.path.isabs(a.localedir):
            localedir = destdir + a.localedir

        expected = [
            os.path.join(bindir, 'veiviser-cli'),
            # The spreadsheet module, where the installed programs look for it.
            os.path.join(libdir, 'veiviser', 'libveiviser-sheet.so'),
            os.path.join(datadir, 'applications', a.app_id + '.desktop'),
            os.path.join(datadir, 'metainfo', a.app_id + '.metainfo.xml'),
            os.path.join(datadir, 'icons/hicolor/scalable/apps', a.app_id + '.svg'),
            os.path.join(datadir, 'icons/hicolor/symbolic/apps', a.app_id + '-symbolic.svg'),
            os.path.join(datadir, 'glib-2.0/schemas', a.app_id + '.gschema.xml'),
        ]
        if a.gui == 'true':
            expected.append(os.path.join(bindir, 'veiviser'))
        for lang in ('nb', 'nn'):
            expected.append(os.path.join(localedir, lang, 'LC_MESSAGES',
                                         a.gettext_package + '.mo'))

        missing = [p for p in expected if not os.path.isfile(p)]
        for p in expected:
            print(('missing ' if p in missing else 'ok      ') + os.path.relpath(p, destdir))
        if missing:
            return 1

        for exe in expected[:1] + ([expected[-3]] if a.gui == 'true' else []):
            if not os.access(exe, os.X_OK):
                print(f'{exe} is not executable', file=sys.stderr)
                return 1

        # The installed desktop file must carry the translated names from po/.
        desktop_file = os.path.join(datadir, 'applications', a.app_id + '.desktop')
        with open(desktop_file, encoding='utf-8') as f:
            desktop = f.read()
        for key in ('Name=', 'Name[nb]=', 'Name[nn]=', 'Exec=veiviser', 'Icon=' + a.app_id):
            if key not in desktop:
                print(f'{desktop_file}: no "{key}" line', file=sys.stderr)
                return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
