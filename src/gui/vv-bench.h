/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-bench.h: the cold-start hook used by bench/cold-start.sh. With
 * VEIVISER_BENCH_FIRST_FRAME=1 the app prints the time from process start
 * to the main window's first painted frame and quits.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VV_BENCH_FIRST_FRAME_ENV "VEIVISER_BENCH_FIRST_FRAME"

void     vv_bench_mark_main          (void);
gboolean vv_bench_first_frame_wanted (void);
void     vv_bench_watch_first_frame  (GtkWindow *window);

G_END_DECLS
