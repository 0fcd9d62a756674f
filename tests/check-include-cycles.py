#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when modules include each other in a circle.

A module is a vv-foo.c/.h pair (with its -private.h and -actions.c parts);
module A depends on B when a file of A includes B's header. Pages never
include each other or the window (they talk through the window's actions
and signals), so no circle among src/gui/ can form.

Usage: check-include-cycles.py SRCDIR [SRCDIR…]
"""
import os
import re
import sys

INCLUDE = re.compile(r'^#include "(vv-[a-z0-9-]+)\.h"', re.M)


def module_of(name):
    name = re.sub(r'\.(c|h)$', '', name)
    return re.sub(r'-(private|actions)$', '', name)


def graph(directory):
    edges = {}
    for name in os.listdir(directory):
        if not re.match(r'vv-.*\.[ch]$', name):
            continue
        with open(os.path.join(directory, name), encoding='utf-8') as f:
            text = f.read()
        mod = module_of(name)
        for header in INCLUDE.findall(text):
            dep = module_of(header)
            if dep != mod and os.path.exists(os.path.join(directory, header + '.h')):
                edges.setdefault(mod, set()).add(dep)
    return edges


def find_cycle(edges):
    state = {}
    stack = []

    def visit(node):
        state[node] = 1
        stack.append(node)
        for dep in sorted(edges.get(node, ())):
            if state.get(dep) == 1:
                return stack[stack.index(dep):] + [dep]
            if dep not in state:
                found = visit(dep)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def main():
    status = 0
    for directory in sys.argv[1:]:
        cycle = find_cycle(graph(directory))
        if cycle:
            print('%s: include circle: %s' % (directory, ' → '.join(cycle)))
            status = 1
        else:
            print('%s: no include circle' % directory)
    return status


if __name__ == '__main__':
    sys.exit(main())
