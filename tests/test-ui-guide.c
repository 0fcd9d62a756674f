/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-guide"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "test-ui-util.h"
#include "vv-case-item.h"
#include "vv-case-store.h"
#include "vv-flowchart-view.h"
#include "vv-guide-page.h"
#include "vv-i18n.h"
#include "vv-result-view.h"
#include "vv-rules.h"

typedef struct
{
  GtkWidget   *window;
  VvGuidePage *page;
} Fixture;

/* helpers */

static gboolean
match_row_with_action (GtkWidget  *widget,
                       const void *action)
{
  return GTK_IS_LIST_BOX_ROW (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

static guint
count_shown_rows_with_action (GtkWidget  *root,
                              const char *action)
{
  return vv_test_count (root, match_row_with_action, action, TRUE);
}

static GtkWidget *
find_button_with_action (GtkWidget  *root,
                         const char *action)
{
  if (GTK_IS_BUTTON (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button_with_action (c, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
answer (Fixture    *f,
        const char *text)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.answer", "s", text));
  vv_test_spin ();
}

static void
assert_current (Fixture    *f,
                const char *node_id)
{
  const VvNode *node = vv_rules_lookup_node (vv_rules_get_default (), node_id);
  const VvFact *fact = vv_rules_lookup_fact (vv_rules_get_default (), node->fact);

  g_assert_cmpstr (vv_guide_page_get_current_node (f->page), ==, node_id);
  g_assert_false (vv_guide_page_get_finished (f->page));
  /* The question text from the rule data is what the user sees. */
  g_assert_nonnull (vv_test_find_label (f->window, vv_rules_tr (fact->question), "question-title"));
}

/* Asserts the result card shows @function as the (only) result function and
 * the explanation of outcome node @outcome. */
static void
assert_result (Fixture    *f,
               const char *function,
               const char *outcome)
{
  const VvResult *result = vv_guide_page_get_result (f->page);
  g_auto(GStrv) path = NULL;

  g_assert_true (vv_guide_page_get_finished (f->page));
  g_assert_null (vv_guide_page_get_current_node (f->page));
  g_assert_nonnull (result);
  g_assert_cmpstr (result->outcome_node, ==, outcome);
  g_assert_nonnull (vv_test_find_label (f->window, function, "result-function"));
  g_assert_nonnull (result->explanation);
  g_assert_cmpuint (strlen (result->explanation), >, 20);
  g_assert_nonnull (vv_test_find_label (f->window, result->explanation, "result-explanation"));
  /* no question is shown any more */
  g_assert_cmpuint (count_shown_rows_with_action (f->window, "guide.answer"), ==, 0);

  /* the flowchart highlights the path down to the outcome */
  path = vv_guide_page_dup_path (f->page);
  g_assert_cmpstr (path[0], ==, "q-item");
  g_assert_cmpstr (path[g_strv_length (path) - 1], ==, outcome);
}

static void
answer_257_case (Fixture *f)
{
  assert_current (f, "q-item");
  answer (f, "item=care_service");
  assert_current (f, "q-municipal");
  answer (f, "municipal_responsibility=true");
  assert_current (f, "q-residence");
  answer (f, "residence=shared_housing");
  assert_current (f, "q-age");
  answer (f, "user_age=52");
  assert_current (f, "q-provider");
  answer (f, "provider=attached_base");
  assert_current (f, "q-single-user");
  answer (f, "single_user_base=false");
  assert_current (f, "q-shared-rota");
  answer (f, "shared_rota=false");
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *overlay = adw_toast_overlay_new ();

  f->page = VV_GUIDE_PAGE (g_object_ref_sink (vv_guide_page_new ()));
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->page));
  f->window = vv_test_window_new (overlay, 1200, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  vv_guide_page_set_year (f->page, 2024);
  vv_test_spin ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  /* Hiding first drops pending tooltip queries for the window's surface. */
  vv_test_destroy_window (f->window);
  g_assert_finalize_object (f->page);
}

/* tests */

static void
test_guide_start (Fixture       *f,
                  gconstpointer  data)
{
  VvRules *rules = vv_rules_get_default ();
  const VvFact *item = vv_rules_lookup_fact (rules, "item");

  assert_current (f, "q-item");
  /* one answer row per value the start question branches on */
  g_assert_cmpuint (count_shown_rows_with_action (f->window, "guide.answer"), ==, item->values->len);
  g_assert_null (vv_guide_page_dup_summary (f->page));
  g_assert_nonnull (vv_test_find_label (f->window, "Why do we ask?", NULL));
}

static void
test_guide_shared_housing_257 (Fixture       *f,
                               gconstpointer  data)
{
  const VvResult *result;

  answer_257_case (f);
  assert_result (f, "257", "o-257");
  result = vv_guide_page_get_result (f->page);
  g_assert_cmpuint (result->allocations->len, ==, 1);
  g_assert_cmpint (g_array_index (result->allocations, VvAllocation, 0).percent, ==, 100);
  /* quoted rules are listed */
  g_assert_cmpuint (result->rules->len, >, 0);
  g_assert_nonnull (vv_test_find_label (f->window,
                                        vv_rules_lookup_citation (vv_rules_get_default (),
                                                                  g_ptr_array_index (result->rules, 0))->source,
                                        NULL));
  /* seven answers are listed, each one a button to change it */
  g_assert_cmpuint (count_shown_rows_with_action (f->window, "guide.edit"), ==, 7);
}

static void
test_guide_private_home_258 (Fixture       *f,
                             gconstpointer  data)
{
  answer (f, "item=care_service");
  answer (f, "municipal_responsibility=true");
  answer (f, "residence=private_home");
  answer (f, "user_age=40");
  assert_result (f, "258", "o-258-ambulant");
  g_assert_null (vv_test_find_label (f->window, "257", "result-function"));
}

static void
test_guide_year_2023 (Fixture       *f,
                      gconstpointer  data)
{
  guint notified = 0;

  answer_257_case (f);
  assert_result (f, "257", "o-257");

  g_signal_connect (f->page, "notify::year", G_CALLBACK (count_notify_cb), &notified);
  vv_guide_page_set_year (f->page, 2023);
  vv_test_spin ();
  g_assert_cmpint (vv_guide_page_get_year (f->page), ==, 2023);
  g_assert_cmpuint (notified, ==, 1);
  vv_guide_page_set_year (f->page, 2023);
  g_assert_cmpuint (notified, ==, 1);
  /* Before 2024 the same case is booked on 254. */
  assert_result (f, "254", "o-257");
  g_assert_null (vv_test_find_label (f->window, "257", "result-function"));

  /* The year is also chosen in the drop-down. */
  {
    GtkDropDown *dropdown = GTK_DROP_DOWN (vv_test_find_by_type (f->window, GTK_TYPE_DROP_DOWN));

    gtk_drop_down_set_selected (dropdown, 2024 - vv_rules_get_min_year (vv_rules_get_default ()));
    vv_test_spin ();
    g_assert_cmpint (vv_guide_page_get_year (f->page), ==, 2024);
    assert_result (f, "257", "o-257");
  }
}

static void
test_guide_change_earlier_answer (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(JsonObject) facts = NULL;

  answer_257_case (f);
  assert_result (f, "257", "o-257");

  /* Reopen "Where does the user live?" from the answer list. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.edit", "s", "q-residence"));
  vv_test_spin ();
  assert_current (f, "q-residence");
  /* the later answers are still listed */
  g_assert_cmpuint (count_shown_rows_with_action (f->window, "guide.edit"), ==, 7);

  answer (f, "residence=private_home");
  assert_result (f, "258", "o-258-ambulant");
  facts = vv_guide_page_dup_facts (f->page);
  /* only answers on the new path count */
  g_assert_false (json_object_has_member (facts, "provider"));
  g_clear_pointer (&facts, json_object_unref);

  /* Back to shared housing: the answers given before are used again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.edit", "s", "q-residence"));
  vv_test_spin ();
  answer (f, "residence=shared_housing");
  assert_result (f, "257", "o-257");
  facts = vv_guide_page_dup_facts (f->page);
  g_assert_cmpint (json_object_get_int_member (facts, "user_age"), ==, 52);

  /* Another unit gives the service: 258, the later answers no longer count. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.edit", "s", "q-provider"));
  vv_test_spin ();
  answer (f, "provider=other_unit");
  assert_result (f, "258", "o-258-other-unit");
}

static void
test_guide_flowchart_click (Fixture       *f,
                            gconstpointer  data)
{
  VvFlowchartView *view = VV_FLOWCHART_VIEW (vv_test_find_by_type (f->window, VV_TYPE_FLOWCHART_VIEW));

  g_assert_nonnull (view);
  answer (f, "item=care_service");
  answer (f, "municipal_responsibility=true");
  assert_current (f, "q-residence");

  /* a question off the path is not opened */
  vv_flowchart_view_activate_node (view, "q-respite-kpr");
  vv_test_spin ();
  assert_current (f, "q-residence");

  /* an answered one is */
  vv_flowchart_view_activate_node (view, "q-item");
  vv_test_spin ();
  assert_current (f, "q-item");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.back", NULL));
  vv_test_spin ();
  assert_current (f, "q-residence");
}

static void
test_guide_back_and_reset (Fixture       *f,
                           gconstpointer  data)
{
  GtkEditable *number_entry;

  answer (f, "item=care_service");
  answer (f, "municipal_responsibility=true");
  answer (f, "residence=shared_housing");
  assert_current (f, "q-age");

  /* Invalid answers are refused and change nothing. */
  answer (f, "user_age=old");
  assert_current (f, "q-age");
  answer (f, "user_age=400");
  assert_current (f, "q-age");
  answer (f, "residence=on_the_moon");
  assert_current (f, "q-age");

  /* The number is typed in the number field. */
  number_entry = GTK_EDITABLE (vv_test_find_by_type (f->window, GTK_TYPE_ENTRY));
  g_assert_true (vv_test_is_shown (GTK_WIDGET (number_entry)));
  gtk_editable_set_text (number_entry, "12");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.submit-number", NULL));
  vv_test_spin ();
  assert_current (f, "q-child-24h");
  answer (f, "offer_24h=true");
  assert_result (f, "253", "o-253-child");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.back", NULL));
  vv_test_spin ();
  assert_current (f, "q-child-24h");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.back", NULL));
  vv_test_spin ();
  assert_current (f, "q-age");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.reset", NULL));
  vv_test_spin ();
  assert_current (f, "q-item");
  g_assert_cmpuint (count_shown_rows_with_action (f->window, "guide.edit"), ==, 0);
}

static void
clipboard_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static void
test_guide_copy_summary (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *summary = NULL;

  answer (f, "item=care_service");
  answer (f, "municipal_responsibility=true");
  answer (f, "residence=private_home");
  answer (f, "user_age=40");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.copy-summary", NULL));
  vv_test_spin ();
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (f->page)), NULL,
                                 clipboard_read_cb, &text);
  while (text == NULL)
    g_main_context_iteration (NULL, TRUE);
  summary = vv_guide_page_dup_summary (f->page);
  g_assert_cmpstr (text, ==, summary);
  g_assert_nonnull (strstr (text, "258"));
  g_assert_nonnull (strstr (text, "2024"));
  g_assert_nonnull (strstr (text, vv_rules_tr (vv_rules_lookup_fact (vv_rules_get_default (),
                                                                     "residence")->question)));
}

static void
report_written_cb (VvGuidePage *page,
                   const char  *path,
                   const char  *message,
                   char       **out)
{
  *out = g_strdup (path != NULL ? path : "");
}

static void
test_guide_export_pdf (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-ui-guide-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *written = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_no_error (error);
  g_signal_connect (f->page, "report-written", G_CALLBACK (report_written_cb), &written);

  /* Nothing happens before there is a result (the action is disabled). */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.export-pdf-to", "s", path);
  vv_test_spin ();
  g_assert_null (written);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  answer_257_case (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.export-pdf-to", "s", path));
  while (written == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (written, ==, path);
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpuint (len, >, 5000);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_guide_print (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-ui-guide-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "printed.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_no_error (error);
  /* Unfinished cases have nothing to print. */
  g_assert_false (vv_guide_page_print (f->page, path, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  answer (f, "item=care_service");
  answer (f, "municipal_responsibility=true");
  answer (f, "residence=private_home");
  answer (f, "user_age=40");
  g_assert_true (vv_guide_page_print (f->page, path, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpuint (len, >, 5000);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_guide_presentation_steps (Fixture       *f,
                               gconstpointer  data)
{
  answer_257_case (f);
  vv_guide_page_set_presentation (f->page, TRUE);
  vv_test_spin ();
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (f->page), "presentation"));

  /* Stepping back walks the answers from the last one, keeping them. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.step-previous", NULL));
  vv_test_spin ();
  assert_current (f, "q-shared-rota");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.step-previous", NULL));
  vv_test_spin ();
  assert_current (f, "q-single-user");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.step-next", NULL));
  vv_test_spin ();
  assert_current (f, "q-shared-rota");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.step-next", NULL));
  vv_test_spin ();
  assert_result (f, "257", "o-257");

  vv_guide_page_set_presentation (f->page, FALSE);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (f->page), "presentation"));
}

/* Lets the frame clock lay out the widgets (up to 2 s). */
static void
wait_for_scale (VvFlowchartView *view,
                double           scale)
{
  gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  while (fabs (vv_flowchart_view_get_scale (view) - scale) >= 0.02 &&
         g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (5000);
}

static gboolean
node_in_view (VvFlowchartView *view,
              const char      *node_id)
{
  graphene_rect_t rect;
  int width = gtk_widget_get_width (GTK_WIDGET (view));
  int height = gtk_widget_get_height (GTK_WIDGET (view));

  return width > 0 && vv_flowchart_view_get_node_rect (view, node_id, &rect) &&
         rect.origin.x >= 0 && rect.origin.y >= 0 &&
         rect.origin.x + rect.size.width <= width && rect.origin.y + rect.size.height <= height;
}

/* Waits (up to 2 s) for the frame clock to lay out and scroll the chart,
 * then asserts that @node_id is drawn entirely inside the view. */
static void
assert_node_in_view (VvFlowchartView *view,
                     const char      *node_id)
{
  gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  while (!node_in_view (view, node_id) && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (5000);
  if (!node_in_view (view, node_id))
    g_error ("%s is not in view", node_id);
}

static void
test_guide_zoom (Fixture       *f,
                 gconstpointer  data)
{
  VvFlowchartView *view = VV_FLOWCHART_VIEW (vv_test_find_by_type (f->window, VV_TYPE_FLOWCHART_VIEW));
  double min_scale = vv_flowchart_get_min_scale (vv_flowchart_view_get_flowchart (view));
  double fit_scale, zoom;

  /* The first view draws the chart at its readable size (the rest is
   * scrolled to), not shrunk to fit. */
  assert_node_in_view (view, "q-item");
  g_assert_cmpfloat (vv_flowchart_view_get_zoom (view), ==, 1.0);
  g_assert_cmpfloat (vv_flowchart_view_get_scale (view), ==, 1.0);

  /* "Fit" shows as much as fits, but never shrinks text below 9 pt: the
   * whole chart does not fit a 1200×800 window at that size. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.zoom-fit", NULL));
  vv_test_spin ();
  g_assert_cmpfloat (vv_flowchart_view_get_zoom (view), ==, 0);
  wait_for_scale (view, min_scale);
  fit_scale = vv_flowchart_view_get_scale (view);
  g_assert_cmpfloat (fit_scale, >=, min_scale - 1e-9);
  g_assert_cmpfloat (fit_scale, <, 1.0);
  assert_node_in_view (view, "q-item");
  {
    /* issue 14: so the button must not promise the whole chart */
    GtkWidget *button = find_button_with_action (f->window, "guide.zoom-fit");
    double w, h;

    vv_flowchart_get_size (vv_flowchart_view_get_flowchart (view), &w, &h);
    g_assert_cmpfloat (w * fit_scale, >, gtk_widget_get_width (GTK_WIDGET (view)));
    g_assert_nonnull (button);
    g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Show as Much of the Chart as Fits");
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.zoom-in", NULL));
  vv_test_spin ();
  zoom = vv_flowchart_view_get_zoom (view);
  g_assert_cmpfloat (zoom, >, fit_scale);
  wait_for_scale (view, zoom);
  g_assert_cmpfloat (fabs (vv_flowchart_view_get_scale (view) - zoom), <, 0.02);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.zoom-in", NULL));
  vv_test_spin ();
  g_assert_cmpfloat (vv_flowchart_view_get_zoom (view), >, zoom);
  assert_node_in_view (view, "q-item");

  /* zooming out stops at the readable size, which is the fit */
  for (int i = 0; i < 6; i++)
    gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.zoom-out", NULL);
  vv_test_spin ();
  g_assert_cmpfloat (vv_flowchart_view_get_zoom (view), ==, 0);
  g_assert_cmpfloat (vv_flowchart_view_get_scale (view), >=, min_scale - 1e-9);

  gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.zoom-in", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.zoom-fit", NULL);
  vv_test_spin ();
  g_assert_cmpfloat (vv_flowchart_view_get_zoom (view), ==, 0);
  wait_for_scale (view, fit_scale);
  g_assert_cmpfloat (fabs (vv_flowchart_view_get_scale (view) - fit_scale), <, 0.02);
}

/* The pixels the view draws something on, as last drawn: the view is
 * rendered to a texture by the window's renderer. */
static guint
count_drawn_pixels (GtkWidget *widget)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *data = NULL;
  guint drawn = 0;

  g_assert_cmpint (width, >, 0);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return 0;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  data = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, data, width * 4);
  for (gsize i = 0; i < (gsize) width * height; i++)
    if (data[i * 4 + 3] > 0)
      drawn++;
  return drawn;
}

/* The pixels the view draws in the next frames (up to 2 s), once they are
 * more than @least: a frame may come between a change and its drawing. */
static guint
wait_for_drawn_pixels (GtkWidget *view,
                       guint      least)
{
  gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  guint drawn;

  while ((drawn = count_drawn_pixels (view)) <= least && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (5000);
  return drawn;
}

/* Issue 14 item 4: zooming in twice on a result left the view empty.
 * After each zoom the view shows part of the chart, the outcome among it. */
static void
test_guide_zoom_in_twice (Fixture       *f,
                          gconstpointer  data)
{
  VvFlowchartView *view = VV_FLOWCHART_VIEW (vv_test_find_by_type (f->window, VV_TYPE_FLOWCHART_VIEW));
  const char * const *path;
  const char *outcome;
  guint area, drawn;

  answer_257_case (f);
  path = vv_flowchart_view_get_path (view);
  outcome = path[g_strv_length ((char **) path) - 1];
  assert_node_in_view (view, outcome);
  area = gtk_widget_get_width (GTK_WIDGET (view)) * gtk_widget_get_height (GTK_WIDGET (view));
  g_assert_cmpuint (wait_for_drawn_pixels (GTK_WIDGET (view), area / 50), >, area / 50);

  /* two clicks in a row, before the view has been laid out again */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.zoom-in", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.zoom-in", NULL));
  vv_test_spin ();
  g_assert_cmpfloat (vv_flowchart_view_get_zoom (view), >, 1.9);
  wait_for_scale (view, vv_flowchart_view_get_zoom (view));
  assert_node_in_view (view, outcome);
  /* what the next frames show */
  drawn = wait_for_drawn_pixels (GTK_WIDGET (view), area / 50);
  g_test_message ("zoom %.2f: %u of %u pixels drawn", vv_flowchart_view_get_zoom (view), drawn, area);
  g_assert_cmpuint (drawn, >, area / 50);
}

/* Whether any box or branch label drawn in the view lies (partly) under
 * the zoom buttons, in view coordinates. */
static gboolean
chart_under_zoom_buttons (Fixture         *f,
                          VvFlowchartView *view)
{
  VvFlowchart *chart = vv_flowchart_view_get_flowchart (view);
  GtkWidget *buttons = gtk_widget_get_parent (find_button_with_action (f->window, "guide.zoom-in"));
  const VvFlowchartBox *first = vv_flowchart_get_box (chart, 0);
  graphene_rect_t bar, rect, shown;
  double scale = vv_flowchart_view_get_scale (view), ox, oy;

  g_assert_true (gtk_widget_compute_bounds (buttons, GTK_WIDGET (view), &bar));
  graphene_rect_init (&shown, 0, 0, gtk_widget_get_width (GTK_WIDGET (view)),
                      gtk_widget_get_height (GTK_WIDGET (view)));
  g_assert_true (vv_flowchart_view_get_node_rect (view, first->node_id, &rect));
  ox = rect.origin.x - first->x * scale;
  oy = rect.origin.y - first->y * scale;
  for (guint i = 0; i < vv_flowchart_get_n_boxes (chart); i++)
    {
      const VvFlowchartBox *box = vv_flowchart_get_box (chart, i);

      graphene_rect_init (&rect, ox + box->x * scale, oy + box->y * scale,
                          box->width * scale, box->height * scale);
      if (graphene_rect_intersection (&rect, &shown, &rect) &&
          graphene_rect_intersection (&rect, &bar, NULL))
        {
          g_test_message ("%s is under the zoom buttons", box->node_id);
          return TRUE;
        }
    }
  for (guint i = 0; i < vv_flowchart_get_n_edges (chart); i++)
    {
      const VvFlowchartEdge *edge = vv_flowchart_get_edge (chart, i);

      graphene_rect_init (&rect, ox + edge->label_x * scale, oy + edge->label_y * scale,
                          edge->label_width * scale, edge->label_height * scale);
      if (edge->label != NULL &&
          graphene_rect_intersection (&rect, &shown, &rect) &&
          graphene_rect_intersection (&rect, &bar, NULL))
        {
          g_test_message ("“%s” is under the zoom buttons", edge->label);
          return TRUE;
        }
    }
  return FALSE;
}

/* Issue 14 item 4: the zoom buttons covered boxes and labels. Neither the
 * first view nor any step of a case puts part of the chart under them. */
static void
test_guide_zoom_buttons_clear (Fixture       *f,
                               gconstpointer  data)
{
  VvFlowchartView *view = VV_FLOWCHART_VIEW (vv_test_find_by_type (f->window, VV_TYPE_FLOWCHART_VIEW));
  const char *answers[] = {
    "item=care_service", "municipal_responsibility=true", "residence=shared_housing",
    "user_age=52", "provider=attached_base", "single_user_base=false", "shared_rota=false",
  };

  assert_node_in_view (view, "q-item");
  g_assert_false (chart_under_zoom_buttons (f, view));
  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      const char * const *path;

      answer (f, answers[i]);
      path = vv_flowchart_view_get_path (view);
      assert_node_in_view (view, path[g_strv_length ((char **) path) - 1]);
      g_assert_false (chart_under_zoom_buttons (f, view));
    }
  /* and zoomed to fit */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.zoom-fit", NULL));
  vv_test_spin ();
  wait_for_scale (view, vv_flowchart_get_min_scale (vv_flowchart_view_get_flowchart (view)));
  g_assert_false (chart_under_zoom_buttons (f, view));
}

/* Each step of a case deep in the chart scrolls the chart so that the
 * current question (the last node of the drawn path) is in view; when the
 * result appears the chart keeps its scale and shows the outcome. */
static void
test_guide_chart_follows (Fixture       *f,
                          gconstpointer  data)
{
  VvFlowchartView *view = VV_FLOWCHART_VIEW (vv_test_find_by_type (f->window, VV_TYPE_FLOWCHART_VIEW));
  const char *answers[] = {
    "item=care_service", "municipal_responsibility=true", "residence=shared_housing",
    "user_age=52", "provider=attached_base", "single_user_base=false", "shared_rota=false",
  };
  double scale;

  assert_node_in_view (view, "q-item");
  scale = vv_flowchart_view_get_scale (view);
  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      const char * const *path;

      answer (f, answers[i]);
      path = vv_flowchart_view_get_path (view);
      g_assert_nonnull (path);
      assert_node_in_view (view, path[g_strv_length ((char **) path) - 1]);
    }
  assert_result (f, "257", "o-257");
  g_assert_cmpfloat (vv_flowchart_view_get_scale (view), ==, scale);
}

/* How far off the centre of the view @d px is along an axis, counting 0
 * when the chart is scrolled as far as it goes in that direction. */
static double
axis_off (GtkAdjustment *adjustment,
          double         d)
{
  double value = gtk_adjustment_get_value (adjustment);

  if ((d < 0 && value <= gtk_adjustment_get_lower (adjustment) + 0.5) ||
      (d > 0 && value >= gtk_adjustment_get_upper (adjustment)
                         - gtk_adjustment_get_page_size (adjustment) - 0.5))
    return 0;
  return fabs (d);
}

/* How far the centre of @node_id is from the centre of the view (px), as
 * far as the chart can be scrolled. */
static double
off_centre (VvFlowchartView *view,
            const char      *node_id)
{
  GtkScrollable *scrollable = GTK_SCROLLABLE (view);
  double x, y;

  if (!vv_flowchart_view_get_node_center (view, node_id, &x, &y))
    return G_MAXDOUBLE;
  return MAX (axis_off (gtk_scrollable_get_hadjustment (scrollable),
                        x - gtk_widget_get_width (GTK_WIDGET (view)) / 2.0),
              axis_off (gtk_scrollable_get_vadjustment (scrollable),
                        y - gtk_widget_get_height (GTK_WIDGET (view)) / 2.0));
}

/* Waits (up to 2 s) for the frame clock to lay out and scroll the chart. */
static double
wait_centred (VvFlowchartView *view,
              const char      *node_id)
{
  gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  while (off_centre (view, node_id) > 2 && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (5000);
  return off_centre (view, node_id);
}

/* Issue 14 item 9: presentation keeps the current node centred, also once
 * the window has grown (going fullscreen), not merely somewhere in view. */
static void
test_guide_presentation_recentres (Fixture       *f,
                                   gconstpointer  data)
{
  VvFlowchartView *view = VV_FLOWCHART_VIEW (vv_test_find_by_type (f->window, VV_TYPE_FLOWCHART_VIEW));
  const char *answers[] = {
    "item=care_service", "municipal_responsibility=true", "residence=shared_housing",
    "user_age=52",
  };
  const char * const *path;
  const char *current;
  int width;
  gint64 end;

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    answer (f, answers[i]);
  path = vv_flowchart_view_get_path (view);
  current = path[g_strv_length ((char **) path) - 1];
  vv_guide_page_set_presentation (f->page, TRUE);
  vv_test_spin ();
  g_assert_cmpfloat (wait_centred (view, current), <=, 2);

  /* what going fullscreen does to the view: it grows */
  width = gtk_widget_get_width (GTK_WIDGET (view));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 900);
  end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (gtk_widget_get_width (GTK_WIDGET (view)) <= width + 100 && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (5000);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (view)), >, width + 100);
  g_assert_cmpfloat (wait_centred (view, current), <=, 2);

  /* and back */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
  end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (gtk_widget_get_width (GTK_WIDGET (view)) > width && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (5000);
  g_assert_cmpfloat (wait_centred (view, current), <=, 2);
  vv_guide_page_set_presentation (f->page, FALSE);
}

static void
test_guide_glossary (Fixture       *f,
                     gconstpointer  data)
{
  GPtrArray *glossary = vv_rules_get_glossary (vv_rules_get_default ());
  GtkMenuButton *button = GTK_MENU_BUTTON (vv_test_find_by_type (f->window, GTK_TYPE_MENU_BUTTON));
  const VvGlossaryEntry *first = g_ptr_array_index (glossary, 0);
  GtkWidget *popover;

  g_assert_nonnull (button);
  gtk_menu_button_popup (button);
  vv_test_spin ();
  popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  g_assert_true (gtk_widget_get_visible (popover));
  g_assert_nonnull (vv_test_find_label (popover, first->term, NULL));
  g_assert_nonnull (vv_test_find_label (popover, vv_rules_tr (first->definition), NULL));
  gtk_menu_button_popdown (button);
}

/* Presses @keyval on @widget the way its own key bindings see it: finds the
 * shortcut in the widget's controllers and activates it. */
static gboolean
press_key (GtkWidget       *widget,
           guint            keyval,
           GdkModifierType  modifiers)
{
  GListModel *controllers = gtk_widget_observe_controllers (widget);
  gboolean done = FALSE;

  for (guint i = 0; !done && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; !done && j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            done = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  g_object_unref (controllers);
  vv_test_spin ();
  return done;
}

static GtkWidget *
focus_widget (Fixture *f)
{
  return gtk_window_get_focus (GTK_WINDOW (f->window));
}

static void
answer_to_age (Fixture *f)
{
  answer (f, "item=care_service");
  answer (f, "municipal_responsibility=true");
  answer (f, "residence=shared_housing");
  assert_current (f, "q-age");
}

/* Issue 14 item 2: a number question starts empty (0 is an answer), the
 * focus is in the field, Enter submits and an empty field is refused. */
static void
test_guide_number_field (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *entry;
  GtkWidget *focus;

  answer_to_age (f);
  entry = vv_test_find_by_type (f->window, GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  g_assert_true (vv_test_is_shown (entry));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  focus = focus_widget (f);
  g_assert_nonnull (focus);
  g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));

  /* Continue with nothing typed gives no answer. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.submit-number", NULL));
  vv_test_spin ();
  assert_current (f, "q-age");

  /* Enter submits what is typed. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "52");
  g_signal_emit_by_name (entry, "activate");
  vv_test_spin ();
  assert_current (f, "q-provider");

  /* Reopened, the field shows the answer given. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.edit", "s", "q-age"));
  vv_test_spin ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "52");
}

/* Issue 14 item 7: the answers take the focus, and the arrow keys move
 * between them. */
static void
test_guide_option_keys (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *focus;
  GtkWidget *list;
  GtkWidget *next;

  answer (f, "item=care_service");
  assert_current (f, "q-municipal");
  focus = focus_widget (f);
  g_assert_nonnull (focus);
  g_assert_true (GTK_IS_LIST_BOX_ROW (focus));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (focus)), ==, "guide.answer");
  list = gtk_widget_get_parent (focus);
  next = gtk_widget_get_next_sibling (focus);
  g_assert_nonnull (next);
  g_assert_true (press_key (list, GDK_KEY_Down, 0));
  g_assert_true (focus_widget (f) == next);
  g_assert_true (press_key (list, GDK_KEY_Up, 0));
  g_assert_true (focus_widget (f) == focus);
}

/* Issue 14 item 7: Esc leaves a reopened answer as it was. */
static void
test_guide_escape_cancels_edit (Fixture       *f,
                                gconstpointer  data)
{
  answer_257_case (f);
  assert_result (f, "257", "o-257");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.edit", "s", "q-residence"));
  vv_test_spin ();
  assert_current (f, "q-residence");
  g_assert_true (vv_interview_get_editing (vv_guide_page_get_interview (f->page)));
  g_assert_nonnull (vv_test_find_label (f->window, "Esc keeps the answer as it was.", NULL));

  g_assert_true (press_key (GTK_WIDGET (f->page), GDK_KEY_Escape, 0));
  g_assert_false (vv_interview_get_editing (vv_guide_page_get_interview (f->page)));
  assert_result (f, "257", "o-257");
}

/* Issue 14 item 7: Start Over can be undone. */
static void
test_guide_reset_undo (Fixture       *f,
                       gconstpointer  data)
{
  answer_to_age (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.reset", NULL));
  vv_test_spin ();
  assert_current (f, "q-item");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.undo-reset", NULL));
  vv_test_spin ();
  assert_current (f, "q-age");
  g_assert_cmpuint (count_shown_rows_with_action (f->window, "guide.edit"), ==, 3);
}

static VvCase *
example_case (const char *name)
{
  g_autofree char *path = g_build_filename (TEST_SRCDIR, "cases", name, NULL);
  g_autoptr(GError) error = NULL;
  VvCase *kase = vv_case_load_file (path, &error);

  g_assert_no_error (error);
  return kase;
}

/* Issue 14 item 2: an example case lacks a fact that has a usual answer;
 * it opens at its result, not at question 2. */
static void
test_guide_example_opens_at_result (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(VvCase) kase = example_case ("01-bofellesskap-egen-base.json");
  g_autoptr(GError) error = NULL;

  g_assert_true (vv_guide_page_load_case (f->page, kase, &error));
  g_assert_no_error (error);
  vv_test_spin ();
  assert_result (f, "257", "o-257");
}

static gboolean
saved_label_shown (gpointer data)
{
  Fixture *f = data;

  return vv_test_find_label (f->window, "Saved among the cases", NULL) != NULL;
}

static gboolean
release_write_lock_cb (gpointer data)
{
  g_assert_cmpint (sqlite3_exec (data, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  return G_SOURCE_REMOVE;
}

/* Issue 14 item 6: the title can be edited, the result says it is saved,
 * and saving again updates the case instead of adding another. */
static void
test_guide_save_once (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(VvContext) context = vv_test_context_new ("guide-save.db");
  g_autoptr(GListModel) cases = NULL;
  g_autoptr(VvCase) stored = NULL;
  VvCaseStore *store;
  VvCaseItem *item;
  GtkWidget *title_row;

  store = vv_context_get_case_store (context, NULL);
  g_assert_nonnull (store);
  vv_guide_page_set_context (f->page, context);
  answer_257_case (f);
  g_assert_null (vv_test_find_label (f->window, "Saved among the cases", NULL));

  /* Issue 15: another program holds the write lock (an import); the save
   * waits in a worker thread, the window keeps running (the lock is only
   * released from the main loop), and it cannot be started twice meanwhile */
  {
    sqlite3 *holder = NULL;

    g_assert_cmpint (sqlite3_open (vv_context_get_db_path (context), &holder), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (holder, "BEGIN IMMEDIATE; DELETE FROM cases WHERE 0", NULL, NULL,
                                   NULL), ==, SQLITE_OK);
    g_timeout_add (1500, release_write_lock_cb, holder);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.save-case", NULL));
    vv_test_spin ();
    g_assert_false (saved_label_shown (f));   /* still waiting for the lock */
    gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.save-case", NULL);
    g_assert_true (vv_test_wait_for (saved_label_shown, f, 20000));
    sqlite3_close (holder);
  }
  gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.save-case", NULL);
  vv_test_spin ();
  cases = vv_case_store_list (store, NULL, 0, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 1);
  g_clear_object (&cases);

  /* A title typed in the result card is saved on the same case. */
  title_row = vv_test_find_by_type (f->window, ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (title_row);
  g_assert_true (vv_test_is_shown (title_row));
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Solbakken, Kari");
  vv_test_spin ();
  g_assert_null (vv_test_find_label (f->window, "Saved among the cases", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.save-case", NULL));
  g_assert_true (vv_test_wait_for (saved_label_shown, f, 20000));
  cases = vv_case_store_list (store, NULL, 0, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 1);
  item = g_list_model_get_item (cases, 0);
  g_assert_cmpstr (vv_case_item_get_title (item), ==, "Solbakken, Kari");
  stored = vv_case_store_get (store, vv_case_item_get_id (item), NULL);
  g_object_unref (item);
  g_assert_cmpstr (stored->title, ==, "Solbakken, Kari");

  /* Start Over begins a new case. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.reset", NULL));
  vv_test_spin ();
  answer_257_case (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.save-case", NULL));
  g_assert_true (vv_test_wait_for (saved_label_shown, f, 20000));
  g_clear_object (&cases);
  cases = vv_case_store_list (store, NULL, 0, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 2);
  vv_guide_page_set_context (f->page, NULL);
}

/* Issue 12 item 4: a saved case says which rules decided it, and whether
 * the current rules answer differently, and why. */
static void
test_guide_rules_version (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(VvCase) kase = example_case ("01-bofellesskap-egen-base.json");
  const char *version = vv_rules_get_version (vv_rules_get_default ());
  GtkWidget *note;

  kase->id = 3;
  kase->rules_version = g_strdup ("2023.1");
  kase->result_json = g_strdup ("{\"format\":\"veiviser-result/1\",\"outcome\":\"function\","
                                "\"allocations\":[{\"function\":\"258\",\"percent\":100}],"
                                "\"path\":[\"q-item\",\"q-municipal\",\"q-service\",\"q-residence\","
                                "\"o-258-ambulant\"]}");
  g_assert_true (vv_guide_page_load_case (f->page, kase, NULL));
  vv_test_spin ();
  assert_result (f, "257", "o-257");
  note = vv_test_find_by_label_part (f->window, GTK_TYPE_LABEL, "2023.1");
  g_assert_nonnull (note);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (note)), version));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (note)), "258"));
  g_assert_true (gtk_widget_has_css_class (note, "warning"));
}

/* Issue 14 item 3: at 360 px the questions come first and the chart is a
 * button away; nothing in the page asks for more width. */
static void
test_guide_narrow (Fixture       *f,
                   gconstpointer  data)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (vv_test_find_by_type (f->window, ADW_TYPE_LEAFLET));
  int minimum = 0;

  g_assert_nonnull (leaflet);
  g_assert_false (adw_leaflet_get_folded (leaflet));
  answer_257_case (f);
  gtk_widget_measure (GTK_WIDGET (f->page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);

  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 700);
  for (int i = 0; i < 50 && gtk_widget_get_width (f->window) > 360; i++)
    {
      g_usleep (20000);
      vv_test_spin ();
    }
  g_assert_cmpint (gtk_widget_get_width (f->window), <=, 360);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "questions");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.show-chart", NULL));
  vv_test_spin ();
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "chart");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "guide.show-questions", NULL));
  vv_test_spin ();
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "questions");
}

/* An answer row's width must not depend on a height it is given. GTK 4.8
 * asks a horizontal box's children for their width at the box's height on
 * every allocation, and a wrapping label answers that with a search over
 * widths, one Pango layout per step: the rows of AdwActionRow did, and were
 * a fifth of the cold start (vv-answer-row.c). */
static void
test_guide_answer_rows_width_for_height (Fixture       *f,
                                         gconstpointer  data)
{
  GtkWidget *first = vv_test_find (f->window, match_row_with_action, "guide.answer", TRUE);
  guint n = 0;

  g_assert_nonnull (first);
  for (GtkWidget *row = first; row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      int min = 0, nat = 0, height = 0, min_for_height = 0, nat_for_height = 0;

      gtk_widget_measure (row, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
      gtk_widget_measure (row, GTK_ORIENTATION_VERTICAL, -1, &height, NULL, NULL, NULL);
      gtk_widget_measure (row, GTK_ORIENTATION_HORIZONTAL, height,
                          &min_for_height, &nat_for_height, NULL, NULL);
      g_assert_cmpint (min_for_height, ==, min);
      g_assert_cmpint (nat_for_height, ==, nat);
      n++;
    }
  /* The first question's answers, subtitles among them. */
  g_assert_cmpuint (n, >=, 5);
}

/* The result card is not built for the first frame (issue 14's cold start):
 * it appears with the first result, once, and takes the page's presentation
 * mode whether that was set before or after. */
static void
test_guide_result_built_on_demand (Fixture       *f,
                                   gconstpointer  data)
{
  GType type = VV_TYPE_RESULT_VIEW;
  GtkWidget *view;

  g_assert_null (vv_test_find_by_type (f->window, type));
  vv_guide_page_set_presentation (f->page, TRUE);
  answer_257_case (f);
  assert_result (f, "257", "o-257");
  g_assert_cmpuint (vv_test_count (f->window, vv_test_match_type, &type, FALSE), ==, 1);
  view = vv_test_find_by_type (f->window, type);
  g_assert_true (vv_test_is_shown (view));
  g_assert_true (vv_result_view_get_presentation (VV_RESULT_VIEW (view)));
  vv_guide_page_set_presentation (f->page, FALSE);
  g_assert_false (vv_result_view_get_presentation (VV_RESULT_VIEW (view)));

  /* Back to a question and on to a result again: the same card. */
  vv_guide_page_back (f->page);
  vv_test_spin ();
  g_assert_false (vv_test_is_shown (view));
  answer (f, "shared_rota=false");
  g_assert_true (vv_test_find_by_type (f->window, type) == view);
  g_assert_true (vv_test_is_shown (view));
}

int
main (int   argc,
      char *argv[])
{
  if (!vv_test_ui_init (&argc, &argv, "en"))
    return 77;

#define ADD(path, func) \
  g_test_add ("/guide/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("start", test_guide_start);
  ADD ("shared-housing-257", test_guide_shared_housing_257);
  ADD ("private-home-258", test_guide_private_home_258);
  ADD ("year-2023", test_guide_year_2023);
  ADD ("change-earlier-answer", test_guide_change_earlier_answer);
  ADD ("flowchart-click", test_guide_flowchart_click);
  ADD ("back-and-reset", test_guide_back_and_reset);
  ADD ("copy-summary", test_guide_copy_summary);
  ADD ("export-pdf", test_guide_export_pdf);
  ADD ("print", test_guide_print);
  ADD ("presentation-steps", test_guide_presentation_steps);
  ADD ("presentation-recentres", test_guide_presentation_recentres);
  ADD ("zoom", test_guide_zoom);
  ADD ("zoom-in-twice", test_guide_zoom_in_twice);
  ADD ("zoom-buttons-clear", test_guide_zoom_buttons_clear);
  ADD ("chart-follows", test_guide_chart_follows);
  ADD ("glossary", test_guide_glossary);
  ADD ("number-field", test_guide_number_field);
  ADD ("option-keys", test_guide_option_keys);
  ADD ("escape-cancels-edit", test_guide_escape_cancels_edit);
  ADD ("reset-undo", test_guide_reset_undo);
  ADD ("example-opens-at-result", test_guide_example_opens_at_result);
  ADD ("save-once", test_guide_save_once);
  ADD ("rules-version", test_guide_rules_version);
  ADD ("narrow", test_guide_narrow);
  ADD ("answer-rows-width-for-height", test_guide_answer_rows_width_for_height);
  ADD ("result-built-on-demand", test_guide_result_built_on_demand);
#undef ADD

  return vv_test_ui_finish (g_test_run ());
}
