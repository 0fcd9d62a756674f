/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-bench.h: hooks for the GUI benchmarks in bench/. With
 * VEIVISER_BENCH_FIRST_FRAME=1 the app prints the time from process start
 * to the main window's first painted frame and quits (bench/cold-start.sh).
 * With VEIVISER_BENCH_IMPORT=LEDGER it imports LEDGER on the ledger page,
 * opens the finding with the most lines and scrolls through them, printing
 * how long the main loop was ever blocked (bench/import-responsiveness.sh).
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VV_BENCH_FIRST_FRAME_ENV "VEIVISER_BENCH_FIRST_FRAME"
#define VV_BENCH_IMPORT_ENV      "VEIVISER_BENCH_IMPORT"
#define VV_BENCH_UNITS_ENV       "VEIVISER_BENCH_UNITS"

void     vv_bench_mark_main          (void);
gboolean vv_bench_first_frame_wanted (void);
void     vv_bench_watch_first_frame  (GtkWindow *window);
gboolean vv_bench_import_wanted      (void);
void     vv_bench_run_import         (GtkWindow *window);

G_END_DECLS
