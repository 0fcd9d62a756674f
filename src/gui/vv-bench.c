/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-bench"

#include "config.h"

#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vv-bench.h"

static gint64 main_time;   /* g_get_monotonic_time() at main(), or 0 */
static gulong after_paint_id;

/* helpers */

/* From /proc/self/stat: milliseconds since the process started (its start
 * time in clock ticks since boot against CLOCK_BOOTTIME) and the CPU time
 * it has used (user + system). Both -1 if unknown. */
static void
process_times (double *since_start,
               double *cpu)
{
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  struct timespec now;
  const char *after_name;
  long ticks = sysconf (_SC_CLK_TCK);

  *since_start = *cpu = -1;
  if (ticks <= 0 || !g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL))
    return;
  /* The command name may contain spaces; the fields after it do not. */
  after_name = strrchr (stat, ')');
  if (after_name == NULL || clock_gettime (CLOCK_BOOTTIME, &now) != 0)
    return;
  fields = g_strsplit (after_name + 2, " ", 0);
  /* Fields 14, 15 and 22 of stat (utime, stime, starttime) are the 12th,
   * 13th and 20th after the name. */
  if (g_strv_length (fields) < 20)
    return;
  *cpu = (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) * 1000.0 / ticks;
  *since_start = (now.tv_sec + now.tv_nsec / 1e9 -
                  g_ascii_strtod (fields[19], NULL) / ticks) * 1000.0;
}

/* callbacks */

static void
on_frame_clock_after_paint_cb (GdkFrameClock *clock,
                               GtkWindow     *window)
{
  double since_main = main_time > 0 ? (g_get_monotonic_time () - main_time) / 1000.0 : -1;
  GtkApplication *app = gtk_window_get_application (window);
  double since_start, cpu;
  char frame[G_ASCII_DTOSTR_BUF_SIZE], main_ms[G_ASCII_DTOSTR_BUF_SIZE];
  char cpu_ms[G_ASCII_DTOSTR_BUF_SIZE];

  process_times (&since_start, &cpu);
  g_clear_signal_handler (&after_paint_id, clock);
  /* The script reads the first number: from exec, or from main() when
   * /proc is not available. The CPU time shows how much of it was work
   * rather than waiting (for the X server, or for a busy machine). */
  /* Always with a decimal point, whatever the locale: a script parses it. */
  g_print ("first-frame-ms: %s (from main(): %s, cpu: %s)\n",
           g_ascii_formatd (frame, sizeof frame, "%.1f",
                            since_start >= 0 ? since_start : since_main),
           g_ascii_formatd (main_ms, sizeof main_ms, "%.1f", since_main),
           g_ascii_formatd (cpu_ms, sizeof cpu_ms, "%.0f", cpu));
  if (app != NULL)
    g_application_quit (G_APPLICATION (app));
}

static void
on_window_realize_cb (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_return_if_fail (clock != NULL);
  if (after_paint_id == 0)
    after_paint_id = g_signal_connect (clock, "after-paint",
                                       G_CALLBACK (on_frame_clock_after_paint_cb), widget);
}

/* public API */

/**
 * vv_bench_mark_main:
 *
 * Notes the time main() started; call it first thing.
 */
void
vv_bench_mark_main (void)
{
  main_time = g_get_monotonic_time ();
}

/**
 * vv_bench_first_frame_wanted:
 *
 * Returns: whether `VEIVISER_BENCH_FIRST_FRAME=1` is set
 */
gboolean
vv_bench_first_frame_wanted (void)
{
  return g_strcmp0 (g_getenv (VV_BENCH_FIRST_FRAME_ENV), "1") == 0;
}

/**
 * vv_bench_watch_first_frame:
 * @window: the main window, before it is presented
 *
 * At @window's first painted frame, prints `first-frame-ms: N` (milliseconds
 * since the process started) to stdout and quits the application.
 */
void
vv_bench_watch_first_frame (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    on_window_realize_cb (GTK_WIDGET (window));
  else
    g_signal_connect (window, "realize", G_CALLBACK (on_window_realize_cb), NULL);
}
