/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-min-window"

/*
 * The baseline for bench/cold-start.sh: the smallest libadwaita application
 * with a window like Veiviser's (an AdwApplicationWindow of the same size
 * with a header bar and a line of text). It is started the same way as the
 * app, and with BENCH_FIRST_FRAME=1 prints "first-frame-ms: N (cpu: M)" at
 * its window's first painted frame, measured the way Veiviser's benchmark
 * hook does (from the process's start time in /proc/self/stat), then quits.
 */

#include <adwaita.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vv-process-times.h"

static gulong after_paint_id;

static void
on_after_paint_cb (GdkFrameClock *clock,
                   GtkWindow     *window)
{
  char frame[G_ASCII_DTOSTR_BUF_SIZE], cpu_ms[G_ASCII_DTOSTR_BUF_SIZE];
  double since_start, cpu;

  vv_process_times (&since_start, &cpu);
  g_clear_signal_handler (&after_paint_id, clock);
  g_print ("first-frame-ms: %s (cpu: %s)\n",
           g_ascii_formatd (frame, sizeof frame, "%.1f", since_start),
           g_ascii_formatd (cpu_ms, sizeof cpu_ms, "%.0f", cpu));
  g_application_quit (G_APPLICATION (gtk_window_get_application (window)));
}

static void
on_realize_cb (GtkWidget *window)
{
  after_paint_id = g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                                     G_CALLBACK (on_after_paint_cb), window);
}

static void
on_activate_cb (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new ("Veiviser 257/258");

  gtk_window_set_title (GTK_WINDOW (window), "Bench minimal window");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_widget_set_vexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  if (g_strcmp0 (g_getenv ("BENCH_FIRST_FRAME"), "1") == 0)
    g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.veiviser.BenchMinimal",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
