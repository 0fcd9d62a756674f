/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-process-times.h: how long this process has run and how much CPU it has
 * used, read from /proc/self/stat. The app's benchmark hook (vv-bench.c) and
 * the baseline window (min-window.c) both measure this way, so that
 * bench/cold-start.sh compares like with like.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void vv_process_times (double *since_start,
                       double *cpu);

G_END_DECLS
