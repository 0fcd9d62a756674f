/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The built-in rules' chart, laid out ahead of need: the application starts
 * it on a worker thread as soon as the interface's language is set, and the
 * guide page takes it when it is built, so that the chart's text measuring
 * runs beside the main thread's work of building the window instead of
 * before the window's first frame.
 */
#include "config.h"

#include "vv-flowchart-private.h"
#include "vv-flowchart.h"
#include "vv-i18n.h"

static GMutex prepare_lock;
static GThread *prepare_thread;   /* laying out the default rules' chart */
static VvFlowchart *prepared;     /* what it laid out, once joined */
static char *prepare_language;    /* what its texts are translated for */

/* The chart's texts are translated when it is laid out, so a chart made
 * for another language than vv_i18n_init()'s now is not used. */
static char *
current_language (void)
{
  return g_strdup (vv_i18n_get_language ());
}

static gpointer
prepare_thread_func (gpointer data)
{
  /* A Pango font map of this thread's own (PangoCairo's default is one per
   * thread); the chart's context keeps it after the thread ends. */
  return vv_flowchart_new (vv_rules_get_default ());
}

/**
 * vv_flowchart_prepare_default:
 *
 * Starts laying out the chart of the built-in rules (vv_rules_get_default())
 * on a worker thread, in the language gettext translates into now, for
 * vv_flowchart_new_default() to take. Call it after the language is set,
 * and do not change the language until the chart has been taken. Does
 * nothing if a chart is being prepared already.
 */
void
vv_flowchart_prepare_default (void)
{
  g_mutex_lock (&prepare_lock);
  if (prepare_thread == NULL && prepared == NULL)
    {
      g_autoptr(GError) error = NULL;

      prepare_language = current_language ();
      prepare_thread = g_thread_try_new ("vv-flowchart", prepare_thread_func, NULL, &error);
      if (prepare_thread == NULL)
        {
          g_debug ("the chart is laid out when needed: %s", error->message);
          g_clear_pointer (&prepare_language, g_free);
        }
    }
  g_mutex_unlock (&prepare_lock);
}

/* With the lock held: waits for the worker, keeping its chart. */
static void
join_prepared (void)
{
  if (prepare_thread != NULL)
    prepared = g_thread_join (g_steal_pointer (&prepare_thread));
}

/* For tests: waits until a chart being prepared is laid out. */
void
_vv_flowchart_wait_default (void)
{
  g_mutex_lock (&prepare_lock);
  join_prepared ();
  g_mutex_unlock (&prepare_lock);
}

/**
 * vv_flowchart_new_default:
 *
 * The chart of the built-in rules: the one vv_flowchart_prepare_default()
 * started, waiting for it if need be, when it was made in the current
 * language; else one laid out now.
 *
 * Returns: (transfer full): the layout
 */
VvFlowchart *
vv_flowchart_new_default (void)
{
  g_autoptr(VvFlowchart) chart = NULL;
  g_autofree char *language = NULL;

  g_mutex_lock (&prepare_lock);
  join_prepared ();
  chart = g_steal_pointer (&prepared);
  language = g_steal_pointer (&prepare_language);
  g_mutex_unlock (&prepare_lock);

  if (chart != NULL)
    {
      g_autofree char *now = current_language ();

      if (g_str_equal (language, now))
        return g_steal_pointer (&chart);
    }
  return vv_flowchart_new (vv_rules_get_default ());
}
