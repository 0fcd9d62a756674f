#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs a command once and appends "wall-seconds cpu-seconds ok" to OUT.

cpu is the user + system time of the command and its children from wait4(),
in microseconds (GNU time rounds to 10 ms, too coarse for a 0.1 s program);
ok is 1 for exit status 0. stdout goes to /dev/null, stderr to OUT.err.

  run-timed.py OUT CMD [ARG...]
"""
import os
import sys
import time

out, argv = sys.argv[1], sys.argv[2:]
with open(os.devnull, "wb") as null, open(out + ".err", "wb") as err:
    t0 = time.monotonic()
    pid = os.posix_spawnp(argv[0], argv, os.environ,
                          file_actions=[(os.POSIX_SPAWN_DUP2, null.fileno(), 1),
                                        (os.POSIX_SPAWN_DUP2, err.fileno(), 2)])
    _, status, ru = os.wait4(pid, 0)
    wall = time.monotonic() - t0
ok = os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
with open(out, "a") as f:
    f.write(f"{wall:.4f} {ru.ru_utime + ru.ru_stime:.4f} {int(ok)}\n")
sys.exit(0 if ok else 1)
