/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-prefs"

#include "config.h"

#include <adwaita.h>

#include "test-store-util.h"
#include "test-ui-util.h"
#include "vv-db.h"
#include "vv-i18n.h"
#include "vv-preferences-window.h"

/* helpers */

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
  vv_test_spin ();
  return window;
}

/* tests */

static void
test_language (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  GtkWidget *window = show_preferences (settings);
  AdwComboRow *row = ADW_COMBO_ROW (vv_test_find_shown_by_type (window, ADW_TYPE_COMBO_ROW));
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
  AdwEntryRow *entry = ADW_ENTRY_ROW (vv_test_find_shown_by_type (window, ADW_TYPE_ENTRY_ROW));
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) after_remove = NULL;
  g_auto(GStrv) after_duplicate = NULL;

  g_assert_nonnull (entry);
  g_assert_null (vv_test_find_by_label (window, ADW_TYPE_ACTION_ROW, "Kari Nordmann"));

  /* Typing a name and pressing the apply button adds it, trimmed. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "  Kari Nordmann ");
  g_signal_emit_by_name (entry, "apply");
  vv_test_spin ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_true (gtk_widget_activate_action (window, "prefs.add-name", "s", "Ola Nordmann"));
  names = g_settings_get_strv (settings, "privacy-names");
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (names[0], ==, "Kari Nordmann");
  g_assert_cmpstr (names[1], ==, "Ola Nordmann");
  g_assert_nonnull (vv_test_find_by_label (window, ADW_TYPE_ACTION_ROW, "Kari Nordmann"));
  g_assert_nonnull (vv_test_find_by_label (window, ADW_TYPE_ACTION_ROW, "Ola Nordmann"));

  /* No duplicates. */
  g_assert_true (gtk_widget_activate_action (window, "prefs.add-name", "s", "Ola Nordmann"));
  after_duplicate = g_settings_get_strv (settings, "privacy-names");
  g_assert_cmpuint (g_strv_length (after_duplicate), ==, 2);

  g_assert_true (gtk_widget_activate_action (window, "prefs.remove-name", "s", "Kari Nordmann"));
  after_remove = g_settings_get_strv (settings, "privacy-names");
  g_assert_cmpuint (g_strv_length (after_remove), ==, 1);
  g_assert_cmpstr (after_remove[0], ==, "Ola Nordmann");
  g_assert_null (vv_test_find_by_label (window, ADW_TYPE_ACTION_ROW, "Kari Nordmann"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_font_scale (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  GtkWidget *window = show_preferences (settings);
  GtkSpinButton *spin = GTK_SPIN_BUTTON (vv_test_find_shown_by_type (window, GTK_TYPE_SPIN_BUTTON));

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
  GtkWidget *row = vv_test_find_shown_by_type (window, ADW_TYPE_COMBO_ROW);

  g_assert_null (vv_preferences_window_get_settings (VV_PREFERENCES_WINDOW (window)));
  g_assert_nonnull (row);
  g_assert_false (gtk_widget_get_sensitive (row));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_DISABLED, TRUE);

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  AdwActionRow *row;
  const char   *subtitle;
} SubtitleWait;

static gboolean
subtitle_is (gpointer data)
{
  SubtitleWait *w = data;

  return g_strcmp0 (adw_action_row_get_subtitle (w->row), w->subtitle) == 0;
}

static gboolean
damage_dialog_shown (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_strcmp0 (vv_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)),
                     "The Database Is Damaged") == 0)
        {
          g_assert_nonnull (strstr (vv_message_dialog_get_body (ADW_MESSAGE_DIALOG (window)),
                                    "copy.db"));
          gtk_window_destroy (window);
          return TRUE;
        }
    }
  return FALSE;
}

/* Issue 15: the full integrity check is offered in the app, runs in the
 * background and reports: sound, stopped, or damaged (with the recovery
 * dialog's heading and advice) */
static void
test_check_db (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "veiviser.db", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VvDb) db = vv_db_open (path, &error);
  GtkWidget *window = show_preferences (NULL);
  SubtitleWait w = { NULL, NULL };
  GtkProgressBar *progress;
  gsize len;

  g_assert_no_error (error);
  g_assert_true (vv_db_exec (db,
                             "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 8000) "
                             "INSERT INTO cases (title, year, created, modified) "
                             "SELECT printf ('sak %05d', i), 2024, i, i FROM n", &error));
  g_clear_object (&db);

  /* without a database there is nothing to check */
  g_assert_null (vv_test_find_by_label (window, ADW_TYPE_ACTION_ROW, "_Check the Database"));
  vv_preferences_window_set_db_path (VV_PREFERENCES_WINDOW (window), path);
  vv_test_spin ();
  w.row = ADW_ACTION_ROW (vv_test_find_by_label (window, ADW_TYPE_ACTION_ROW, "_Check the Database"));
  g_assert_nonnull (w.row);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (w.row)));

  /* the row shows how far the check has come, and 100 % when it is done */
  progress = GTK_PROGRESS_BAR (vv_test_find_by_type (GTK_WIDGET (w.row), GTK_TYPE_PROGRESS_BAR));
  g_assert_nonnull (progress);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (progress)));
  g_assert_true (gtk_widget_activate_action (window, "prefs.check-db", NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (progress)));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (progress), ==, 0.0);
  w.subtitle = "No damage found";
  g_assert_true (vv_test_wait_for (subtitle_is, &w, 30000));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (progress), ==, 1.0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (progress)));

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (copy, contents, len, NULL));
  test_damage_middle_page (copy);
  vv_preferences_window_set_db_path (VV_PREFERENCES_WINDOW (window), copy);
  g_assert_true (gtk_widget_activate_action (window, "prefs.check-db", NULL));
  g_assert_true (vv_test_wait_for (damage_dialog_shown, NULL, 30000));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (w.row), "damaged"));

  gtk_window_destroy (GTK_WINDOW (window));
  vv_test_spin ();
  test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (!vv_test_ui_init (&argc, &argv, "en"))
    return 77;

  g_test_add_func ("/prefs/language", test_language);
  g_test_add_func ("/prefs/privacy-names", test_privacy_names);
  g_test_add_func ("/prefs/font-scale", test_font_scale);
  g_test_add_func ("/prefs/without-settings", test_without_settings);
  g_test_add_func ("/prefs/check-db", test_check_db);

  return vv_test_ui_finish (g_test_run ());
}
