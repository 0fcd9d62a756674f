/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-present-guide"

/*
 * The guide in presentation mode (issue 14 items 9 and 3), in one language
 * (--language=nb or nn): on a 1400 px screen the current step is in the
 * middle of the chart both ways once the window has gone fullscreen, and
 * the chart takes the width the card leaves; at 360 px the chart is one
 * button away, as it is outside presentation mode.
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "test-ui-util.h"
#include "vv-application.h"
#include "vv-flowchart-view.h"
#include "vv-guide-page.h"
#include "vv-window.h"

static VvApplication *app;
static VvWindow *window;

/* helpers */

/* A new case on the guide, answered a few steps in (or to its result). */
static GtkWidget *
answer_case (gboolean to_result)
{
  return vv_test_answer_guide_case (window, to_result ? G_N_ELEMENTS (vv_test_guide_answers) : 5);
}

/* The current node's box as the chart's layout has it, drawn at the view's
 * scale and scrolled by its adjustments: where it is in the view. */
static void
current_node_centre (VvFlowchartView *view,
                     double          *x,
                     double          *y)
{
  const char * const *path = vv_flowchart_view_get_path (view);
  guint len = path != NULL ? g_strv_length ((char **) path) : 0;
  const VvFlowchartBox *box;
  graphene_rect_t rect;
  double scale = vv_flowchart_view_get_scale (view);

  g_assert_cmpuint (len, >, 0);
  box = vv_flowchart_lookup_box (vv_flowchart_view_get_flowchart (view), path[len - 1]);
  g_assert_nonnull (box);
  g_assert_true (vv_flowchart_view_get_node_rect (view, path[len - 1], &rect));
  /* The view's rectangle is the layout's box, scaled. */
  g_assert_cmpfloat (fabs (rect.size.width - box->width * scale), <, 0.5);
  g_assert_cmpfloat (fabs (rect.size.height - box->height * scale), <, 0.5);
  *x = rect.origin.x + rect.size.width / 2;
  *y = rect.origin.y + rect.size.height / 2;
}

/* tests */

static void
assert_centred_at_1400 (gboolean to_result)
{
  VvFlowchartView *view;
  GtkScrollable *scrollable;
  GtkAdjustment *hadj, *vadj;
  double x, y;
  int width, height;

  vv_test_resize (GTK_WINDOW (window), 1400, 900);
  view = VV_FLOWCHART_VIEW (vv_test_find_by_type (vv_window_get_page (window, "guide"),
                                                  VV_TYPE_FLOWCHART_VIEW));
  answer_case (to_result);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  /* Fullscreen, the large type and the new allocation take a few frames. */
  vv_test_settle (1200);
  g_assert_true (vv_window_get_presentation (window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));

  scrollable = GTK_SCROLLABLE (view);
  hadj = gtk_scrollable_get_hadjustment (scrollable);
  vadj = gtk_scrollable_get_vadjustment (scrollable);
  width = gtk_widget_get_width (GTK_WIDGET (view));
  height = gtk_widget_get_height (GTK_WIDGET (view));
  current_node_centre (view, &x, &y);
  g_test_message ("%s: view %d × %d, node centre %.0f, %.0f; h %.0f of %.0f (page %.0f), "
                  "v %.0f of %.0f (page %.0f)",
                  to_result ? "result" : "question", width, height, x, y,
                  gtk_adjustment_get_value (hadj), gtk_adjustment_get_upper (hadj),
                  gtk_adjustment_get_page_size (hadj), gtk_adjustment_get_value (vadj),
                  gtk_adjustment_get_upper (vadj), gtk_adjustment_get_page_size (vadj));
  vv_test_save_screenshot (GTK_WIDGET (window),
                           to_result ? "presentation-guide-result-1400"
                                     : "presentation-guide-1400");
  /* The chart is larger than the view both ways at presentation's zoom,
   * so it is scrolled, and far enough that even a node at its edge (the
   * results are) is in the middle. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (hadj), >, gtk_adjustment_get_page_size (hadj));
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadj), >, gtk_adjustment_get_page_size (vadj));
  g_assert_cmpfloat (fabs (x - width / 2.0), <=, 3);
  g_assert_cmpfloat (fabs (y - height / 2.0), <=, 3);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  vv_test_settle (300);
  g_assert_false (vv_window_get_presentation (window));
}

/* Item 9: after going fullscreen at 1400 px the current question's node,
 * and the result's, is in the middle of the chart horizontally as well as
 * vertically (the result, at the chart's left edge, stayed at the side:
 * the chart could not be scrolled past its edge). */
static void
test_centred (void)
{
  assert_centred_at_1400 (FALSE);
  assert_centred_at_1400 (TRUE);
}

/* Item 9 in item 3's spirit, a trainer shows the chart to a room: at
 * 1400 px the card keeps its own width and the chart takes the rest, at a
 * question and at the result. Both expanding, the chart had half the
 * window, less its margins (578 of 1390 px). */
static void
assert_chart_width_at_1400 (gboolean to_result)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  GtkWidget *view;
  int width;

  vv_test_resize (GTK_WINDOW (window), 1400, 900);
  view = vv_test_find_by_type (answer_case (to_result), VV_TYPE_FLOWCHART_VIEW);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  vv_test_settle (1200);
  g_assert_true (gtk_widget_get_mapped (view));
  width = gtk_widget_get_width (content);
  g_test_message ("%s: chart %d of %d px", to_result ? "result" : "question",
                  gtk_widget_get_width (view), width);
  g_assert_cmpint (gtk_widget_get_width (view), >=, width * 3 / 5);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  vv_test_settle (300);
  g_assert_false (vv_window_get_presentation (window));
}

static void
test_chart_width (void)
{
  assert_chart_width_at_1400 (FALSE);
  assert_chart_width_at_1400 (TRUE);
}

/* Items 9 and 3: at 360 px presentation mode shows the card first and the
 * chart is one button away, as in the normal narrow layout (the button
 * went with the hidden toolbar, and the chart could not be reached). */
static void
test_chart_at_360 (void)
{
  GtkWidget *guide, *button, *back;
  VvFlowchartView *view;

  vv_test_resize (GTK_WINDOW (window), 360, 760);
  guide = answer_case (FALSE);
  view = VV_FLOWCHART_VIEW (vv_test_find_by_type (guide, VV_TYPE_FLOWCHART_VIEW));
  button = vv_test_find_by_name (guide, "show_chart_button");
  back = vv_test_find_by_name (guide, "show_questions_button");
  g_assert_nonnull (button);
  g_assert_nonnull (back);
  g_assert_true (vv_test_is_shown (button));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  vv_test_settle (800);
  g_assert_true (vv_guide_page_get_presentation (VV_GUIDE_PAGE (guide)));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (view)));
  g_assert_true (vv_test_is_shown (button));
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  vv_test_save_screenshot (GTK_WIDGET (window), "presentation-guide-360");

  g_assert_true (gtk_widget_activate (button));
  vv_test_settle (800);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (view)), >, 200);
  g_assert_true (vv_test_is_shown (back));
  vv_test_save_screenshot (GTK_WIDGET (window), "presentation-guide-chart-360");

  /* and back to the card */
  g_assert_true (gtk_widget_activate (back));
  vv_test_settle (800);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (view)));
  g_assert_true (gtk_widget_get_mapped (button));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  vv_test_settle (300);
  g_assert_true (vv_test_is_shown (button));
  vv_test_resize (GTK_WINDOW (window), 1200, 800);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* Bokmål unless --language says otherwise. */
  g_setenv ("LANGUAGE", "nb", TRUE);
  if (!vv_test_ui_init (&argc, &argv, NULL))
    return 77;

  window = vv_test_app_window_new (&app, 1200, 800);

  g_test_add_func ("/present-guide/centred", test_centred);
  g_test_add_func ("/present-guide/chart-width", test_chart_width);
  g_test_add_func ("/present-guide/chart-at-360", test_chart_at_360);
  ret = g_test_run ();

  vv_test_app_window_destroy (window, &app);
  return vv_test_ui_finish (ret);
}
