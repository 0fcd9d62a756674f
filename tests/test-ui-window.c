/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-window"

#include "config.h"

#include <adwaita.h>

#include "test-ui-util.h"
#include "vv-application.h"
#include "vv-case-store.h"
#include "vv-cases-page.h"
#include "vv-flowchart-view.h"
#include "vv-guide-page.h"
#include "vv-window.h"

static const char *page_names[] = { "guide", "respite", "cases", "ledger", "training" };

static void
spin (void)
{
  vv_test_spin ();
  vv_test_spin ();
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static VvWindow *
window_new (void)
{
  g_autoptr(VvContext) context = vv_test_context_new ("window.db");
  VvWindow *window = vv_window_new (NULL, context);

  /* The context's settings may remember another page from a test before. */
  vv_window_set_visible_page (window, "guide");
  gtk_window_present (GTK_WINDOW (window));
  spin ();
  return window;
}

static void
test_window_pages (void)
{
  VvWindow *window = window_new ();
  AdwViewStack *stack = vv_window_get_view_stack (window);
  guint notified = 0;

  g_assert_true (ADW_IS_VIEW_STACK (stack));
  g_signal_connect (window, "notify::visible-page", G_CALLBACK (count_notify_cb), &notified);

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      GtkWidget *page = vv_window_get_page (window, page_names[i]);
      GtkWidget *child;
      AdwViewStackPage *stack_page;

      g_assert_nonnull (page);
      /* The page sits in the stack's placeholder for that name, built once. */
      child = adw_view_stack_get_child_by_name (stack, page_names[i]);
      g_assert_true (gtk_widget_get_parent (page) == child);
      g_assert_true (vv_window_get_page (window, page_names[i]) == page);
      stack_page = adw_view_stack_get_page (stack, child);
      /* Every page has a translated title and an icon for the switcher. */
      g_assert_nonnull (adw_view_stack_page_get_title (stack_page));
      g_assert_nonnull (adw_view_stack_page_get_icon_name (stack_page));

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s",
                                                 page_names[i]));
      spin ();
      g_assert_cmpstr (vv_window_get_visible_page (window), ==, page_names[i]);
      g_assert_true (adw_view_stack_get_visible_child (stack) == child);
      g_assert_true (gtk_widget_get_mapped (page));
    }
  /* guide is visible at start: switching to it first does not notify */
  g_assert_cmpuint (notified, ==, G_N_ELEMENTS (page_names) - 1);

  /* An unknown page is ignored. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "nonsense");
  spin ();
  g_assert_cmpstr (vv_window_get_visible_page (window), ==, "training");
  g_assert_cmpuint (notified, ==, G_N_ELEMENTS (page_names) - 1);

  g_assert_true (VV_IS_GUIDE_PAGE (vv_window_get_page (window, "guide")));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_presentation (void)
{
  VvWindow *window = window_new ();
  VvGuidePage *guide = VV_GUIDE_PAGE (vv_window_get_page (window, "guide"));
  guint notified = 0;

  g_signal_connect (window, "notify::presentation", G_CALLBACK (count_notify_cb), &notified);
  vv_window_set_visible_page (window, "cases");
  spin ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  spin ();
  g_assert_true (vv_window_get_presentation (window));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window), "presentation"));
  /* It shows the page one is on. */
  g_assert_cmpstr (vv_window_get_visible_page (window), ==, "cases");
  g_assert_false (vv_guide_page_get_presentation (guide));

  /* Setting the same value does not notify again. */
  vv_window_set_presentation (window, TRUE);
  g_assert_cmpuint (notified, ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  spin ();
  g_assert_false (vv_window_get_presentation (window));
  g_assert_cmpuint (notified, ==, 2);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (window), "presentation"));
  g_assert_false (vv_guide_page_get_presentation (guide));

  /* From the guide, the guide presents its question. */
  vv_window_set_visible_page (window, "guide");
  vv_window_set_presentation (window, TRUE);
  spin ();
  g_assert_true (vv_guide_page_get_presentation (guide));
  vv_window_set_presentation (window, FALSE);
  spin ();
  g_assert_cmpuint (notified, ==, 4);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_toast_and_a11y (void)
{
  VvWindow *window = window_new ();
  GtkWidget *chart = vv_test_find_by_type (GTK_WIDGET (window), VV_TYPE_FLOWCHART_VIEW);

  g_assert_nonnull (chart);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_ROLE_IMG);
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (chart),
                                                   GTK_ACCESSIBLE_PROPERTY_LABEL));
  /* Toast titles are markup in libadwaita 1.2: the window escapes the text
   * once, so an error message with "&" or "<" is shown as it is. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-toast", "s",
                                             "Fish & chips <b>x</b>"));
  spin ();
  g_assert_nonnull (vv_test_find_label (GTK_WIDGET (window), "Fish & chips <b>x</b>", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-error", "s",
                                             "Cannot read “a&b.csv”"));
  spin ();
  g_assert_nonnull (vv_test_find_label (GTK_WIDGET (window), "Cannot read “a&b.csv”", NULL));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The window's context reaches every page (bound, as GNOME Calendar does). */
static void
test_window_context (void)
{
  g_autoptr(VvContext) context = vv_test_context_new ("context.db");
  VvWindow *window = vv_window_new (NULL, context);

  g_assert_true (vv_window_get_context (window) == context);
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      GtkWidget *page = vv_window_get_page (window, page_names[i]);
      g_autoptr(VvContext) page_context = NULL;

      g_object_get (page, "context", &page_context, NULL);
      g_assert_true (page_context == context);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

/* Opening a saved case: the cases page signals, the window loads it into
 * the guide and shows the guide; the pages never look for each other. */
static void
test_window_open_case (void)
{
  VvWindow *window = window_new ();
  VvContext *context = vv_window_get_context (window);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "cases",
                                                 "01-bofellesskap-egen-base.json", NULL);
  g_autoptr(VvCase) kase = vv_case_load_file (path, &error);
  VvCaseStore *store = vv_context_get_case_store (context, &error);
  VvGuidePage *guide;

  g_assert_no_error (error);
  g_assert_true (vv_case_store_add (store, kase, &error));
  g_assert_no_error (error);
  vv_window_set_visible_page (window, "cases");
  spin ();
  g_assert_true (gtk_widget_activate_action (vv_window_get_page (window, "cases"), "cases.open",
                                             "x", kase->id));
  spin ();
  g_assert_cmpstr (vv_window_get_visible_page (window), ==, "guide");
  guide = VV_GUIDE_PAGE (vv_window_get_page (window, "guide"));
  {
    g_autoptr(JsonObject) facts = vv_guide_page_dup_facts (guide);

    /* The case's answers are the guide's now. */
    g_assert_cmpstr (json_object_get_string_member (facts, "residence"), ==,
                     json_object_get_string_member (kase->facts, "residence"));
  }

  /* A case that is gone says so in a toast. */
  g_assert_true (gtk_widget_activate_action (vv_window_get_page (window, "cases"), "cases.open",
                                             "x", (gint64) 999999));
  spin ();
  g_assert_cmpstr (vv_window_get_visible_page (window), ==, "guide");
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

static void
test_window_remembers_size (void)
{
  g_autoptr(VvApplication) app = vv_application_new ();
  g_autoptr(GError) error = NULL;
  GSettings *settings;
  VvWindow *window;
  int width, height;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  settings = vv_context_get_settings (vv_application_get_context (app));
  if (settings == NULL)
    {
      g_test_skip ("the GSettings schema is not compiled into GSETTINGS_SCHEMA_DIR");
      return;
    }

  window = vv_window_new (GTK_APPLICATION (app), vv_application_get_context (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  gtk_window_present (GTK_WINDOW (window));
  vv_window_set_visible_page (window, "respite");
  spin ();
  gtk_window_close (GTK_WINDOW (window));
  spin ();
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  g_assert_cmpstr (g_settings_get_string (settings, "last-page"), ==, "respite");

  /* A new window starts with the remembered size and page. */
  g_settings_set_int (settings, "window-width", 1000);
  window = vv_window_new (GTK_APPLICATION (app), vv_application_get_context (app));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1000);
  g_assert_cmpint (height, ==, 640);
  g_assert_cmpstr (vv_window_get_visible_page (window), ==, "respite");
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

int
main (int   argc,
      char *argv[])
{
  if (!vv_test_ui_init (&argc, &argv, "en"))
    return 77;

  g_test_add_func ("/window/pages", test_window_pages);
  g_test_add_func ("/window/presentation", test_window_presentation);
  g_test_add_func ("/window/toast-and-a11y", test_window_toast_and_a11y);
  g_test_add_func ("/window/context", test_window_context);
  g_test_add_func ("/window/open-case", test_window_open_case);
  g_test_add_func ("/window/remembers-size", test_window_remembers_size);

  return vv_test_ui_finish (g_test_run ());
}
