/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-window"

#include "config.h"

#include <adwaita.h>

#include "vv-application.h"
#include "vv-flowchart-view.h"
#include "vv-guide-page.h"
#include "vv-i18n.h"
#include "vv-window.h"

static const char *page_names[] = { "guide", "respite", "cases", "ledger", "training" };

static void
spin (void)
{
  for (int i = 0; i < 20; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static GtkWidget *
find_by_type (GtkWidget *root,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_by_type (c, type);

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

static VvWindow *
window_new (void)
{
  VvWindow *window = vv_window_new (NULL);

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
  g_assert_cmpstr (vv_window_get_visible_page (window), ==, "guide");
  g_assert_true (vv_guide_page_get_presentation (guide));

  /* Setting the same value does not notify again. */
  vv_window_set_presentation (window, TRUE);
  g_assert_cmpuint (notified, ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  spin ();
  g_assert_false (vv_window_get_presentation (window));
  g_assert_cmpuint (notified, ==, 2);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (window), "presentation"));
  g_assert_false (vv_guide_page_get_presentation (guide));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_toast_and_a11y (void)
{
  VvWindow *window = window_new ();
  GtkWidget *chart = find_by_type (GTK_WIDGET (window), VV_TYPE_FLOWCHART_VIEW);

  g_assert_nonnull (chart);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_ROLE_IMG);
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (chart),
                                                   GTK_ACCESSIBLE_PROPERTY_LABEL));
  vv_window_add_toast (window, adw_toast_new ("hello"));
  spin ();
  gtk_window_destroy (GTK_WINDOW (window));
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
  settings = vv_application_get_settings (app);
  if (settings == NULL)
    {
      g_test_skip ("the GSettings schema is not compiled into GSETTINGS_SCHEMA_DIR");
      return;
    }

  window = vv_window_new (app);
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
  window = vv_window_new (app);
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
  /* Never touch the user's own database or settings: a fresh data home per run. */
  {
    g_autofree char *home = g_dir_make_tmp ("veiviser-ui-XXXXXX", NULL);

    g_assert_nonnull (home);
    g_setenv ("XDG_DATA_HOME", home, TRUE);
    g_setenv ("XDG_CONFIG_HOME", home, TRUE);
    g_unsetenv ("VEIVISER_DB");
  }
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GDK_BACKEND", "x11", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", FALSE);
  /* GTK 4 talks to the AT-SPI bus unless told not to; tests do not need it. */
  g_setenv ("GTK_A11Y", "test", FALSE);

  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();
  vv_i18n_init ("en");
  if (!gtk_init_check ())
    {
      g_printerr ("test-ui-window: cannot open a display, skipping\n");
      return 77;
    }
  adw_init ();

  g_test_add_func ("/window/pages", test_window_pages);
  g_test_add_func ("/window/presentation", test_window_presentation);
  g_test_add_func ("/window/toast-and-a11y", test_window_toast_and_a11y);
  g_test_add_func ("/window/remembers-size", test_window_remembers_size);

  return g_test_run ();
}
