/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "veiviser-bench"

#include "config.h"

#include <gtk/gtk.h>

#include "vv-application.h"
#include "vv-bench.h"

/* The app as `veiviser` starts it, with the benchmark hooks of vv-bench.c
 * attached from outside: the shipped app carries none of them. Built only
 * for bench/cold-start.sh and bench/import-responsiveness.sh. */

static gboolean
run_import_cb (gpointer user_data)
{
  vv_bench_run_import (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
on_window_added_cb (GtkApplication *app,
                    GtkWindow      *window,
                    gpointer        user_data)
{
  /* Only the main window, once. */
  g_signal_handlers_disconnect_by_func (app, on_window_added_cb, user_data);
  if (vv_bench_first_frame_wanted ())
    vv_bench_watch_first_frame (window);
  /* Once activate has presented it. */
  if (vv_bench_import_wanted ())
    g_idle_add_full (G_PRIORITY_HIGH, run_import_cb, g_object_ref (window), g_object_unref);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(VvApplication) app = NULL;

  vv_bench_mark_main ();
  app = vv_application_new ();
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
