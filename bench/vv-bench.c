/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-bench"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vv-bench.h"
#include "vv-ledger-page.h"
#include "vv-process-times.h"
#include "vv-window.h"

#define TICK_MS       5     /* the main-loop probe's period */
#define SETTLE_MS     1000  /* watched after the import, before the drill-down */
#define SCROLL_FRAMES 120   /* half smooth scrolling, half jumps */

typedef enum
{
  PHASE_IMPORT,
  PHASE_SETTLE,
  PHASE_LINES,
  PHASE_SCROLL,
  N_PHASES
} Phase;

static const char *const phase_names[N_PHASES] = { "import", "settle", "lines", "scroll" };

typedef struct
{
  /* Borrowed */
  GtkWindow     *window;
  VvLedgerPage  *page;
  GtkWidget     *lines_view;

  Phase          phase;
  gint64         phase_start;
  gint64         last_tick;
  gint64         max_stall[N_PHASES];
  gint64         import_us;
  gint64         lines_us;
  guint64        lines_read;
  guint          n_rows;
  guint          tick_id;
  guint          frame;
  gint64         last_frame_time;
  GArray        *frame_gaps;  /* gint64 µs between scroll frames */
} ImportBench;

static gint64 main_time;   /* g_get_monotonic_time() at main(), or 0 */
static gulong after_paint_id;

/* helpers */

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

  vv_process_times (&since_start, &cpu);
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

static GtkWidget *
find_column_view (GtkWidget *widget)
{
  if (GTK_IS_COLUMN_VIEW (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_column_view (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static char *
ms (gint64 us)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.1f", us / 1000.0));
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
import_bench_report (ImportBench *bench)
{
  g_autofree char *import_ms = ms (bench->import_us);
  g_autofree char *lines_ms = ms (bench->lines_us);
  g_autofree char *median = NULL;
  g_autofree char *worst = NULL;
  guint n = bench->frame_gaps->len;

  g_array_sort (bench->frame_gaps, compare_gint64);
  median = ms (n ? g_array_index (bench->frame_gaps, gint64, n / 2) : 0);
  worst = ms (n ? g_array_index (bench->frame_gaps, gint64, n - 1) : 0);
  g_print ("import-ms: %s (%" G_GUINT64_FORMAT " lines)\n", import_ms, bench->lines_read);
  g_print ("lines-shown-ms: %s (%u rows)\n", lines_ms, bench->n_rows);
  for (guint i = 0; i < N_PHASES; i++)
    {
      g_autofree char *stall = ms (bench->max_stall[i]);

      g_print ("max-stall-ms %s: %s\n", phase_names[i], stall);
    }
  g_print ("scroll-frames: %u, frame gap median %s ms, max %s ms\n", n, median, worst);
}

static void
import_bench_done (ImportBench *bench,
                   int          status)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (bench->window));

  g_clear_handle_id (&bench->tick_id, g_source_remove);
  if (status == 0)
    import_bench_report (bench);
  g_array_unref (bench->frame_gaps);
  g_free (bench);
  if (status != 0)
    exit (status);
  g_application_quit (app);
}

static void
set_phase (ImportBench *bench,
           Phase        phase)
{
  bench->phase = phase;
  bench->phase_start = g_get_monotonic_time ();
}

/* Each frame of the scroll phase moves the lines view: first a page at a
 * time, then to far-apart places, which make the model fetch new rows. */
static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  ImportBench *bench = user_data;
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (widget));
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double range = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj);
  double value;

  if (bench->last_frame_time != 0)
    {
      gint64 gap = now - bench->last_frame_time;

      g_array_append_val (bench->frame_gaps, gap);
    }
  bench->last_frame_time = now;
  if (bench->frame >= SCROLL_FRAMES)
    {
      import_bench_done (bench, 0);
      return G_SOURCE_REMOVE;
    }
  if (bench->frame < SCROLL_FRAMES / 2)
    value = bench->frame * gtk_adjustment_get_page_size (adj);
  else
    value = range * ((bench->frame * 7919) % 1000) / 1000.0;   /* a fixed scatter */
  gtk_adjustment_set_value (adj, MIN (value, range));
  bench->frame++;
  return G_SOURCE_CONTINUE;
}

static void
start_drill_down (ImportBench *bench)
{
  VvSplit *split = vv_ledger_page_get_split (bench->page);
  GPtrArray *findings = split != NULL ? vv_split_get_findings (split) : NULL;
  g_autoptr(GError) error = NULL;
  guint best = G_MAXUINT;

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const VvSplitFinding *f = g_ptr_array_index (findings, i);

      if (f->kind == VV_SPLIT_FINDING_REJECTED_LINE)
        continue;
      if (best == G_MAXUINT ||
          f->count > ((const VvSplitFinding *) g_ptr_array_index (findings, best))->count)
        best = i;
    }
  if (best == G_MAXUINT)
    {
      g_printerr ("bench: the ledger has no finding to drill down to\n");
      import_bench_done (bench, 1);
      return;
    }
  set_phase (bench, PHASE_LINES);
  if (!vv_ledger_page_show_finding (bench->page, best, &error))
    {
      g_printerr ("bench: %s\n", error->message);
      import_bench_done (bench, 1);
    }
}

/* The probe: a timeout that should run every TICK_MS; any more than that
 * is time the main loop was kept from running. */
static gboolean
probe_tick_cb (gpointer user_data)
{
  ImportBench *bench = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 stall = now - bench->last_tick - TICK_MS * 1000;
  GListModel *model;

  bench->max_stall[bench->phase] = MAX (bench->max_stall[bench->phase], stall);
  bench->last_tick = now;

  switch (bench->phase)
    {
    case PHASE_SETTLE:
      if (now - bench->phase_start >= SETTLE_MS * 1000)
        start_drill_down (bench);
      break;
    case PHASE_LINES:
      model = vv_ledger_page_get_lines_model (bench->page);
      if (model != NULL && g_list_model_get_n_items (model) > 0)
        {
          bench->lines_us = now - bench->phase_start;
          bench->n_rows = g_list_model_get_n_items (model);
          bench->lines_view = find_column_view (GTK_WIDGET (bench->page));
          if (bench->lines_view == NULL)
            {
              g_printerr ("bench: no lines view\n");
              import_bench_done (bench, 1);
              return G_SOURCE_REMOVE;
            }
          set_phase (bench, PHASE_SCROLL);
          gtk_widget_add_tick_callback (bench->lines_view, scroll_tick_cb, bench, NULL);
        }
      break;
    case PHASE_IMPORT:
    case PHASE_SCROLL:
    case N_PHASES:
    default:
      break;
    }
  return G_SOURCE_CONTINUE;
}

static void
on_import_finished_cb (VvLedgerPage *page,
                       gboolean      success,
                       const char   *message,
                       ImportBench  *bench)
{
  VvSplit *split = vv_ledger_page_get_split (page);

  g_signal_handlers_disconnect_by_func (page, on_import_finished_cb, bench);
  if (!success)
    {
      g_printerr ("bench: the import failed: %s\n", message ? message : "");
      import_bench_done (bench, 1);
      return;
    }
  bench->import_us = g_get_monotonic_time () - bench->phase_start;
  bench->lines_read = split != NULL ? vv_split_get_lines_read (split) : 0;
  set_phase (bench, PHASE_SETTLE);
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

/**
 * vv_bench_import_wanted:
 *
 * Returns: whether `VEIVISER_BENCH_IMPORT` names a ledger to import
 */
gboolean
vv_bench_import_wanted (void)
{
  const char *path = g_getenv (VV_BENCH_IMPORT_ENV);

  return path != NULL && *path != '\0';
}

/**
 * vv_bench_run_import:
 * @window: the main window, presented
 *
 * Imports the ledger `VEIVISER_BENCH_IMPORT` (units register
 * `VEIVISER_BENCH_UNITS`, if set) on the ledger page, waits a second, opens
 * the finding with the most lines and scrolls its lines, then prints the
 * import time, the longest main-loop stall of each phase and the scroll
 * frame gaps, and quits.
 */
void
vv_bench_run_import (GtkWindow *window)
{
  ImportBench *bench;

  g_return_if_fail (VV_IS_WINDOW (window));

  bench = g_new0 (ImportBench, 1);
  bench->window = window;
  bench->frame_gaps = g_array_new (FALSE, FALSE, sizeof (gint64));
  bench->page = VV_LEDGER_PAGE (vv_window_get_page (VV_WINDOW (window), "ledger"));
  g_signal_connect (bench->page, "import-finished", G_CALLBACK (on_import_finished_cb), bench);
  set_phase (bench, PHASE_IMPORT);
  bench->last_tick = bench->phase_start;
  bench->tick_id = g_timeout_add (TICK_MS, probe_tick_cb, bench);
  /* Started before the page is shown, so it does not import the sample. */
  vv_ledger_page_import (bench->page, g_getenv (VV_BENCH_IMPORT_ENV),
                         g_getenv (VV_BENCH_UNITS_ENV), NULL);
  vv_window_set_visible_page (VV_WINDOW (window), "ledger");
}
