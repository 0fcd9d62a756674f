/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-prefs"

#include "config.h"

#include <adwaita.h>

#include "vv-i18n.h"
#include "vv-preferences-window.h"

/* helpers */

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
widget_is_shown (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (!gtk_widget_get_visible (w) || !gtk_widget_get_child_visible (w))
      return FALSE;
  return TRUE;
}

static GtkWidget *
find_shown (GtkWidget  *root,
            GType       type,
            const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && widget_is_shown (root) &&
      (title == NULL ||
       (ADW_IS_PREFERENCES_ROW (root) &&
        g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_shown (child, type, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GSettings *
fresh_settings (void)
{
  GSettings *settings = g_settings_new (VV_APP_ID);

  g_settings_reset (settings, "language");
  g_settings_reset (settings, "privacy-names");
  g_settings_reset (settings, "font-scale");
  return settings;
}

static GtkWidget *
show_preferences (GSettings *settings)
{
  GtkWidget *window = vv_preferences_window_new (settings);

  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  return window;
}

/* tests */

static void
test_language (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  GtkWidget *window = show_preferences (settings);
  AdwComboRow *row = ADW_COMBO_ROW (find_shown (window, ADW_TYPE_COMBO_ROW, NULL));
  g_autofree char *language = NULL;

  g_assert_nonnull (row);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (row)), ==, 3);

  adw_combo_row_set_selected (row, 2);
  language = g_settings_get_string (settings, "language");
  g_assert_cmpstr (language, ==, "nn");
  /* It is only stored: the running app keeps its language until restarted. */
  g_assert_cmpstr (vv_i18n_get_language (), ==, "en");

  g_settings_set_string (settings, "language", "nb");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_privacy_names (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  GtkWidget *window = show_preferences (settings);
  AdwEntryRow *entry = ADW_ENTRY_ROW (find_shown (window, ADW_TYPE_ENTRY_ROW, NULL));
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) after_remove = NULL;
  g_auto(GStrv) after_duplicate = NULL;

  g_assert_nonnull (entry);
  g_assert_null (find_shown (window, ADW_TYPE_ACTION_ROW, "Kari Nordmann"));

  /* Typing a name and pressing the apply button adds it, trimmed. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "  Kari Nordmann ");
  g_signal_emit_by_name (entry, "apply");
  iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_true (gtk_widget_activate_action (window, "prefs.add-name", "s", "Ola Nordmann"));
  names = g_settings_get_strv (settings, "privacy-names");
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (names[0], ==, "Kari Nordmann");
  g_assert_cmpstr (names[1], ==, "Ola Nordmann");
  g_assert_nonnull (find_shown (window, ADW_TYPE_ACTION_ROW, "Kari Nordmann"));
  g_assert_nonnull (find_shown (window, ADW_TYPE_ACTION_ROW, "Ola Nordmann"));

  /* No duplicates. */
  g_assert_true (gtk_widget_activate_action (window, "prefs.add-name", "s", "Ola Nordmann"));
  after_duplicate = g_settings_get_strv (settings, "privacy-names");
  g_assert_cmpuint (g_strv_length (after_duplicate), ==, 2);

  g_assert_true (gtk_widget_activate_action (window, "prefs.remove-name", "s", "Kari Nordmann"));
  after_remove = g_settings_get_strv (settings, "privacy-names");
  g_assert_cmpuint (g_strv_length (after_remove), ==, 1);
  g_assert_cmpstr (after_remove[0], ==, "Ola Nordmann");
  g_assert_null (find_shown (window, ADW_TYPE_ACTION_ROW, "Kari Nordmann"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_font_scale (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  GtkWidget *window = show_preferences (settings);
  GtkSpinButton *spin = GTK_SPIN_BUTTON (find_shown (window, GTK_TYPE_SPIN_BUTTON, NULL));

  g_assert_nonnull (spin);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (spin), 1.0, 1e-9);
  g_settings_set_double (settings, "font-scale", 1.5);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (spin), 1.5, 1e-9);
  gtk_spin_button_set_value (spin, 2.0);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "font-scale"), 2.0, 1e-9);
  /* The schema's range is kept by the adjustment. */
  gtk_spin_button_set_value (spin, 10.0);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "font-scale"), 3.0, 1e-9);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_without_settings (void)
{
  GtkWidget *window = show_preferences (NULL);
  GtkWidget *row = find_shown (window, ADW_TYPE_COMBO_ROW, NULL);

  g_assert_null (vv_preferences_window_get_settings (VV_PREFERENCES_WINDOW (window)));
  g_assert_nonnull (row);
  g_assert_false (gtk_widget_get_sensitive (row));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_DISABLED, TRUE);

  gtk_window_destroy (GTK_WINDOW (window));
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
  /* GTK's in-process test backend: no AT-SPI bus to reach (or to find gone). */
  g_setenv ("GTK_A11Y", "test", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();
  vv_i18n_init ("en");
  if (!gtk_init_check ())
    {
      g_printerr ("test-ui-prefs: cannot open a display, skipping\n");
      return 77;
    }
  adw_init ();

  g_test_add_func ("/prefs/language", test_language);
  g_test_add_func ("/prefs/privacy-names", test_privacy_names);
  g_test_add_func ("/prefs/font-scale", test_font_scale);
  g_test_add_func ("/prefs/without-settings", test_without_settings);

  return g_test_run ();
}
