/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-narrow"

/*
 * The whole application at 360 px, in one language (--language=nb or nn):
 * for every page and every state a person reaches (the guide with a result,
 * the ledger with the sample split and a finding open, the quiz, presentation
 * mode) and for every dialog, the window's minimum width is at most 360 px,
 * so nothing holds the window wider than a phone.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "test-ui-util.h"
#include "vv-application.h"
#include "vv-flowchart-view.h"
#include "vv-guide-page.h"
#include "vv-ledger-page.h"
#include "vv-split.h"
#include "vv-window.h"

#define NARROW 360

static VvApplication *app;
static VvWindow *window;

/* helpers */

/* The minimum width of @toplevel's content: a CSD window adds only its
 * shadow, which is drawn outside the 360 px a person sees. */
static int
minimum_width (GtkWidget *widget)
{
  int min;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  return min;
}

static void
assert_fits (GtkWidget  *root,
             const char *what)
{
  int min;

  vv_test_spin ();
  min = minimum_width (root);
  g_test_message ("%s: minimum width %d px", what, min);
  if (min > NARROW)
    {
      vv_test_report_wide (root, NARROW);
      g_error ("%s needs %d px, more than %d", what, min, NARROW);
    }
}

/* The window's own width-request (360) hides a wider content: measure both. */
static void
assert_window_fits (const char *what)
{
  assert_fits (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)), what);
  assert_fits (GTK_WIDGET (window), what);
}

static gboolean
ledger_idle_cb (gpointer data)
{
  return !vv_ledger_page_get_busy (VV_LEDGER_PAGE (data)) &&
         vv_ledger_page_get_split (VV_LEDGER_PAGE (data)) != NULL;
}

static gboolean
lines_shown_cb (gpointer data)
{
  return vv_ledger_page_get_lines_model (VV_LEDGER_PAGE (data)) != NULL;
}

typedef struct
{
  GList     *before;
  GtkWindow *found;
} NewToplevel;

static gboolean
new_toplevel_cb (gpointer data)
{
  NewToplevel *n = data;
  g_autoptr(GList) now = gtk_window_list_toplevels ();

  for (GList *l = now; l != NULL; l = l->next)
    if (g_list_find (n->before, l->data) == NULL && gtk_widget_get_visible (l->data) &&
        l->data != (gpointer) window)
      {
        n->found = l->data;
        return TRUE;
      }
  return FALSE;
}

/* The window that @activate opens (an action on @widget, or on the app
 * when @widget is %NULL), measured and closed again. */
static void
assert_dialog_fits (GtkWidget  *widget,
                    const char *action,
                    GVariant   *parameter,
                    const char *what)
{
  NewToplevel n = { gtk_window_list_toplevels (), NULL };

  if (widget != NULL)
    g_assert_true (gtk_widget_activate_action_variant (widget, action, parameter));
  else
    g_action_group_activate_action (G_ACTION_GROUP (app), action, parameter);
  g_assert_true (vv_test_wait_for (new_toplevel_cb, &n, 10000));
  g_test_message ("%s is a %s", what, G_OBJECT_TYPE_NAME (n.found));
  if (ADW_IS_MESSAGE_DIALOG (n.found))
    g_test_message ("  %s", vv_message_dialog_get_heading (ADW_MESSAGE_DIALOG (n.found)));
  gtk_window_set_default_size (n.found, NARROW, 640);
  /* The content of a libadwaita window, or the window's own child. */
  if (ADW_IS_WINDOW (n.found))
    assert_fits (adw_window_get_content (ADW_WINDOW (n.found)), what);
  else
    assert_fits (GTK_WIDGET (n.found), what);
  gtk_window_destroy (n.found);
  vv_test_spin ();
  g_list_free (n.before);
}

/* The chart's view is a GtkScrollable: it measures as large as the chart it
 * scrolls, so that GtkScrolledWindow's guess at the scrollbars (made from
 * that measure before it allocates the view) matches the adjustments the
 * view then sets. When they disagreed, the scrolled window queued a resize
 * in the middle of the layout, and now and then the window's page stack was
 * drawn without an allocation ("Trying to snapshot AdwViewStack without a
 * current allocation", fatal here). */
static void
assert_chart_scrollbars_agree (GtkWidget  *guide,
                               const char *what)
{
  GtkWidget *view = vv_test_find_shown_by_type (guide, VV_TYPE_FLOWCHART_VIEW);

  g_assert_nonnull (view);
  vv_test_settle (300);
  for (int i = 0; i < 2; i++)
    {
      GtkOrientation orientation = i == 0 ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL;
      GtkAdjustment *adjustment = i == 0 ? gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view))
                                         : gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
      int size = i == 0 ? gtk_widget_get_width (view) : gtk_widget_get_height (view);
      gboolean scrolls = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_lower (adjustment)
                         > gtk_adjustment_get_page_size (adjustment);
      int min;

      gtk_widget_measure (view, orientation, -1, &min, NULL, NULL, NULL);
      g_test_message ("%s, %s: view %d px, measures %d px, scrolls: %s", what,
                      i == 0 ? "across" : "down", size, min, scrolls ? "yes" : "no");
      g_assert_cmpint (size, >, 0);
      g_assert_cmpint (min > size, ==, scrolls);
    }
}

/* tests */

static void
test_guide (void)
{
  GtkWidget *guide = vv_window_get_page (window, "guide");

  vv_window_set_visible_page (window, "guide");
  assert_window_fits ("the guide");
  vv_test_answer_guide_case (window, G_N_ELEMENTS (vv_test_guide_answers));
  assert_window_fits ("the guide's result");
  gtk_widget_activate_action (guide, "guide.show-chart", NULL);
  assert_window_fits ("the guide's chart");
  assert_chart_scrollbars_agree (guide, "the chart");
  g_assert_true (gtk_widget_activate_action (guide, "guide.zoom-fit", NULL));
  assert_chart_scrollbars_agree (guide, "the chart fitted");
  g_assert_true (gtk_widget_activate_action (guide, "guide.zoom-in", NULL));
  assert_chart_scrollbars_agree (guide, "the chart zoomed in");
  gtk_widget_activate_action (guide, "guide.show-questions", NULL);
  /* Saved: the cases page then lists it (and the window says so in a toast). */
  g_assert_true (gtk_widget_activate_action (guide, "guide.save-case", NULL));
  assert_window_fits ("the guide's result, saved");
}

static void
test_pages (void)
{
  vv_window_set_visible_page (window, "respite");
  assert_window_fits ("the respite page");
  vv_window_set_visible_page (window, "cases");
  assert_window_fits ("the cases page with a saved case");
}

static void
test_ledger (void)
{
  GtkWidget *ledger = vv_window_get_page (window, "ledger");
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "ledger", "sample-2023.csv",
                                                   NULL);
  g_autofree char *other = g_test_build_filename (G_TEST_DIST, "ledger", "report-cp1252.csv",
                                                  NULL);

  g_autofree char *units = g_test_build_filename (G_TEST_DIST, "ledger", "sample-units.csv",
                                                  NULL);

  vv_window_set_visible_page (window, "ledger");
  g_assert_true (vv_test_wait_for (ledger_idle_cb, ledger, 60000));
  assert_window_fits ("the ledger with the sample split");

  /* One's own ledger imported, with its units register and findings. */
  vv_ledger_page_import (VV_LEDGER_PAGE (ledger), sample, units, NULL);
  g_assert_true (vv_ledger_page_get_busy (VV_LEDGER_PAGE (ledger)));
  assert_window_fits ("the ledger while it imports");
  g_assert_true (vv_test_wait_for (ledger_idle_cb, ledger, 60000));
  g_assert_cmpuint (vv_split_get_findings (vv_ledger_page_get_split (VV_LEDGER_PAGE (ledger)))->len,
                    >, 0);
  assert_window_fits ("the ledger with an imported split");

  /* A finding's lines. */
  g_assert_true (gtk_widget_activate_action (ledger, "ledger.show-finding", "u", 0));
  g_assert_true (vv_test_wait_for (lines_shown_cb, ledger, 60000));
  assert_window_fits ("a finding's lines");
  gtk_widget_activate_action (ledger, "ledger.back", NULL);
  vv_test_spin ();

  /* The unit dialog and the import dialog. */
  assert_dialog_fits (ledger, "ledger.edit-unit", g_variant_new_string ("4101"),
                      "the unit dialog");
  assert_dialog_fits (GTK_WIDGET (window), "win.import-file", g_variant_new_string (other),
                      "the import dialog");
}

static void
test_training (void)
{
  GtkWidget *training = vv_window_get_page (window, "training");

  vv_window_set_visible_page (window, "training");
  assert_window_fits ("the training page");
  g_assert_true (gtk_widget_activate_action (training, "training.start", "s",
                                             "grunnkurs-257-258"));
  assert_window_fits ("the quiz");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  /* Measured in its large type: the frame clock restyles the window. */
  vv_test_settle (500);
  assert_window_fits ("the quiz in presentation mode");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  gtk_widget_activate_action (training, "training.back", NULL);
  vv_test_spin ();
}

static void
test_dialogs (void)
{
  assert_dialog_fits (NULL, "preferences", NULL, "the preferences");
  assert_dialog_fits (NULL, "help", NULL, "the user guide");
  assert_dialog_fits (NULL, "about", NULL, "the About window");
}

static GtkWidget *
find_toast (void)
{
  GType type = g_type_from_name ("AdwToastWidget");

  g_assert_true (type != G_TYPE_INVALID);
  return vv_test_find (GTK_WIDGET (window), vv_test_match_type, &type, TRUE);
}

typedef struct
{
  GtkWidget      *bar;
  graphene_rect_t toast;
  graphene_rect_t bar_bounds;
} ToastPlace;

/* The toast, once shown, clear of the bar (it slides in from below). */
static gboolean
toast_above_bar_cb (gpointer data)
{
  ToastPlace *place = data;
  GtkWidget *toast = find_toast ();

  if (toast == NULL || !gtk_widget_get_mapped (toast) || gtk_widget_get_height (toast) <= 0 ||
      !gtk_widget_compute_bounds (toast, GTK_WIDGET (window), &place->toast) ||
      !gtk_widget_compute_bounds (place->bar, GTK_WIDGET (window), &place->bar_bounds))
    return FALSE;
  return place->toast.origin.y + place->toast.size.height <= place->bar_bounds.origin.y;
}

/* At 360 px the pages are switched from a bar at the foot of the window; a
 * toast (which libadwaita puts at the foot of its overlay) sits above that
 * bar, not on it. */
static void
test_toast_above_switcher (void)
{
  ToastPlace place = { NULL };
  gboolean above;

  place.bar = vv_test_find_by_type (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR);
  vv_window_set_visible_page (window, "guide");
  vv_test_spin ();
  g_assert_nonnull (place.bar);
  g_assert_true (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (place.bar)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-toast", "s",
                                             "Lagret"));
  above = vv_test_wait_for (toast_above_bar_cb, &place, 10000);
  g_test_message ("toast %g..%g px, switcher bar from %g px (%g px high)", place.toast.origin.y,
                  place.toast.origin.y + place.toast.size.height, place.bar_bounds.origin.y,
                  place.bar_bounds.size.height);
  g_assert_nonnull (find_toast ());
  g_assert_cmpfloat (place.bar_bounds.size.height, >, 0);
  g_assert_cmpfloat (place.toast.origin.y + place.toast.size.height, <=,
                     place.bar_bounds.origin.y);
  g_assert_true (above);
  /* Within the window's width too. */
  g_assert_cmpfloat (place.toast.origin.x, >=, 0);
  g_assert_cmpfloat (place.toast.origin.x + place.toast.size.width, <=, NARROW);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  /* Bokmål unless --language says otherwise. */
  g_setenv ("LANGUAGE", "nb", TRUE);
  if (!vv_test_ui_init (&argc, &argv, NULL))
    return 77;

  app = vv_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  window = vv_window_new (GTK_APPLICATION (app), vv_application_get_context (app));
  gtk_window_set_default_size (GTK_WINDOW (window), NARROW, 760);
  gtk_window_present (GTK_WINDOW (window));
  vv_test_spin ();

  g_test_add_func ("/narrow/toast", test_toast_above_switcher);
  g_test_add_func ("/narrow/guide", test_guide);
  g_test_add_func ("/narrow/pages", test_pages);
  g_test_add_func ("/narrow/ledger", test_ledger);
  g_test_add_func ("/narrow/training", test_training);
  g_test_add_func ("/narrow/dialogs", test_dialogs);
  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  vv_test_spin ();
  g_clear_object (&app);
  return vv_test_ui_finish (ret);
}
