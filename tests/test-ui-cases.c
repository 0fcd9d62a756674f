/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-cases"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "test-ui-util.h"
#include "vv-case-item.h"
#include "vv-case-store.h"
#include "vv-cases-page.h"
#include "vv-db.h"
#include "vv-i18n.h"
#include "vv-privacy.h"

#define N_EXAMPLES 5

/* helpers */

static guint
count_rows (GtkWidget *root)
{
  guint n = ADW_IS_ACTION_ROW (root) && vv_test_is_shown (root) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_rows (child);
  return n;
}

static guint
n_cases (VvCasesPage *page)
{
  return g_list_model_get_n_items (vv_cases_page_get_model (page));
}

static gint64
find_case (VvCasesPage *page,
           const char  *title)
{
  GListModel *model = vv_cases_page_get_model (page);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(VvCaseItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (vv_case_item_get_title (item), title) == 0)
        return vv_case_item_get_id (item);
    }
  return 0;
}

/* A fresh database and page, shown in a window so that the page opens the
 * database (VEIVISER_DB) as it does in the app. */
static VvCasesPage *
new_page (GtkWindow **out_window)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = vv_cases_page_new ();
  g_autoptr(GSettings) settings = g_settings_new (VV_APP_ID);
  /* The database named by VEIVISER_DB (fresh_database()). */
  g_autoptr(VvContext) context = vv_context_new (settings, NULL, NULL);

  vv_cases_page_set_context (VV_CASES_PAGE (page), context);

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_present (GTK_WINDOW (window));
  vv_test_spin ();
  *out_window = GTK_WINDOW (window);
  return VV_CASES_PAGE (page);
}

static void
fresh_database (const char *name)
{
  g_autofree char *path = g_build_filename (vv_test_data_home (), name, NULL);
  g_autoptr(GSettings) settings = g_settings_new (VV_APP_ID);

  g_setenv (VV_DB_ENV, path, TRUE);
  g_settings_reset (settings, "examples-added");
  g_settings_reset (settings, "privacy-names");
}

static VvCase *
load_test_case (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "cases", name, NULL);
  g_autoptr(GError) error = NULL;
  VvCase *kase = vv_case_load_file (path, &error);

  g_assert_no_error (error);
  return kase;
}

static void
count_cb (VvCasesPage *page,
          gint64       id,
          gint64      *out)
{
  *out = id;
}

/* tests */

static void
test_first_run (void)
{
  GtkWindow *window, *window2;
  VvCasesPage *page, *page2;
  g_autoptr(GSettings) settings = g_settings_new (VV_APP_ID);

  fresh_database ("first-run.db");
  page = new_page (&window);
  g_assert_cmpuint (n_cases (page), ==, N_EXAMPLES);
  g_assert_cmpuint (count_rows (GTK_WIDGET (page)), ==, N_EXAMPLES);
  g_assert_true (g_settings_get_boolean (settings, "examples-added"));
  /* The examples are sorted by file name, the first on top. */
  g_assert_cmpint (find_case (page, "Bofellesskap med egen personellbase"), !=, 0);
  g_assert_nonnull (vv_test_find_by_label (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW,
                                "Bofellesskap med egen personellbase"));

  /* Each row's menu button has a name for screen readers. */
  {
    GtkWidget *menu_button = vv_test_find_shown_by_type (GTK_WIDGET (page), GTK_TYPE_MENU_BUTTON);

    g_assert_nonnull (menu_button);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (menu_button),
                                         GTK_ACCESSIBLE_PROPERTY_LABEL, "Case Actions");
  }

  /* A second start does not add them again. */
  page2 = new_page (&window2);
  g_assert_cmpuint (n_cases (page2), ==, N_EXAMPLES);

  gtk_window_destroy (window2);
  gtk_window_destroy (window);
}

static void
test_add_and_search (void)
{
  GtkWindow *window;
  VvCasesPage *page;
  g_autoptr(VvCase) kase = load_test_case ("41-avlastning-dogn-18-ar.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  fresh_database ("search.db");
  page = new_page (&window);
  g_assert_cmpuint (n_cases (page), ==, N_EXAMPLES);

  title = g_strdup (kase->title);
  g_assert_true (vv_case_store_add (vv_cases_page_get_store (page), kase, &error));
  g_assert_no_error (error);
  vv_test_spin ();
  g_assert_cmpuint (n_cases (page), ==, N_EXAMPLES + 1);
  g_assert_cmpuint (count_rows (GTK_WIDGET (page)), ==, N_EXAMPLES + 1);
  g_assert_nonnull (vv_test_find_by_label (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, title));

  /* Words search title and note, case-insensitively. */
  vv_cases_page_set_search_text (page, "DØGNAVLASTNING");
  g_assert_cmpuint (n_cases (page), ==, 2);
  g_assert_cmpint (find_case (page, title), !=, 0);
  g_assert_cmpuint (count_rows (GTK_WIDGET (page)), ==, 2);

  /* A year filters on the accounting year, a code on the function. */
  vv_cases_page_set_search_text (page, "2023");
  g_assert_cmpuint (n_cases (page), ==, 1);
  g_assert_cmpint (find_case (page, "Bofellesskap med egen base i regnskapsåret 2023"), !=, 0);
  vv_cases_page_set_search_text (page, "258");
  g_assert_cmpuint (n_cases (page), ==, 1);
  g_assert_cmpint (find_case (page, "Hjemmesykepleie i egen bolig fra ambulerende base"), !=, 0);

  vv_cases_page_set_search_text (page, "finnes ikke");
  g_assert_cmpuint (n_cases (page), ==, 0);
  g_assert_nonnull (vv_test_find_shown_by_type (GTK_WIDGET (page), ADW_TYPE_STATUS_PAGE));
  g_assert_cmpuint (count_rows (GTK_WIDGET (page)), ==, 0);

  vv_cases_page_set_search_text (page, "");
  g_assert_cmpuint (n_cases (page), ==, N_EXAMPLES + 1);

  /* The user's own case comes before the examples, which say what they are. */
  {
    g_autoptr(VvCase) own = load_test_case ("01-bofellesskap-egen-base.json");
    GtkWidget *first;

    g_clear_pointer (&own->expected, json_object_unref);
    g_free (own->title);
    own->title = g_strdup ("Min egen sak");
    g_assert_true (vv_case_store_add (vv_cases_page_get_store (page), own, &error));
    vv_test_spin ();
    first = vv_test_find_shown_by_type (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW);
    g_assert_nonnull (first);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), ==, "Min egen sak");
    g_assert_null (vv_test_find_by_label (first, GTK_TYPE_LABEL, "Example"));
    g_assert_nonnull (vv_test_find_by_label (GTK_WIDGET (page), GTK_TYPE_LABEL, "Example"));
  }

  gtk_window_destroy (window);
}

static void
test_delete_undo (void)
{
  GtkWindow *window;
  VvCasesPage *page;
  const char *title = "Hjemmesykepleie i egen bolig fra ambulerende base";
  gint64 id;

  fresh_database ("delete.db");
  page = new_page (&window);
  id = find_case (page, title);
  g_assert_cmpint (id, !=, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "cases.delete", "x", id));
  vv_test_spin ();
  g_assert_cmpuint (n_cases (page), ==, N_EXAMPLES - 1);
  g_assert_cmpint (find_case (page, title), ==, 0);
  g_assert_null (vv_test_find_by_label (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, title));

  /* What the toast's Undo button does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "cases.undo-delete", "x", id));
  vv_test_spin ();
  g_assert_cmpuint (n_cases (page), ==, N_EXAMPLES);
  g_assert_cmpint (find_case (page, title), ==, id);
  g_assert_nonnull (vv_test_find_by_label (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, title));

  gtk_window_destroy (window);
}

static void
test_duplicate_and_open (void)
{
  GtkWindow *window;
  VvCasesPage *page;
  const char *title = "Døgnavlastning for en voksen i bofellesskap";
  gint64 id, opened = 0;
  guint copies = 0;
  GListModel *model;

  fresh_database ("duplicate.db");
  page = new_page (&window);
  id = find_case (page, title);
  g_assert_cmpint (id, !=, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "cases.duplicate", "x", id));
  vv_test_spin ();
  g_assert_cmpuint (n_cases (page), ==, N_EXAMPLES + 1);
  model = vv_cases_page_get_model (page);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(VvCaseItem) item = g_list_model_get_item (model, i);

      if (strstr (vv_case_item_get_title (item), "Døgnavlastning for en voksen") != NULL)
        copies++;
    }
  g_assert_cmpuint (copies, ==, 2);

  g_signal_connect (page, "open-case", G_CALLBACK (count_cb), &opened);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "cases.open", "x", id));
  g_assert_cmpint (opened, ==, id);

  gtk_window_destroy (window);
}

static gboolean
not_editing (gpointer data)
{
  return vv_cases_page_get_editing_id (data) == 0;
}

static void
test_edit_privacy (void)
{
  GtkWindow *window;
  VvCasesPage *page;
  g_autoptr(GSettings) settings = g_settings_new (VV_APP_ID);
  const char *names[] = { "Kari Nordmann", NULL };
  const char *title = "Bofellesskap med egen personellbase";
  AdwEntryRow *title_row;
  char fnr[12] = "010190123";
  g_autofree char *with_fnr = NULL;
  g_autoptr(VvCase) saved = NULL;
  gint64 id;

  /* A made-up but valid fødselsnummer: find the check digits with the core. */
  for (int n = 0; n < 40000 && !vv_privacy_is_fnr (fnr); n++)
    g_snprintf (fnr, sizeof fnr, "010190%03d%02d", 100 + n / 100, n % 100);
  g_assert_true (vv_privacy_is_fnr (fnr));

  fresh_database ("edit.db");
  page = new_page (&window);
  id = find_case (page, title);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "cases.edit", "x", id));
  vv_test_spin ();
  g_assert_cmpint (vv_cases_page_get_editing_id (page), ==, id);
  title_row = ADW_ENTRY_ROW (vv_test_find_shown_by_type (GTK_WIDGET (page), ADW_TYPE_ENTRY_ROW));
  g_assert_nonnull (title_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, title);
  g_assert_null (vv_cases_page_get_privacy_warning (page));

  with_fnr = g_strdup_printf ("Bruker %s i bofellesskap", fnr);
  gtk_editable_set_text (GTK_EDITABLE (title_row), with_fnr);
  g_assert_nonnull (vv_cases_page_get_privacy_warning (page));
  g_assert_nonnull (vv_test_find_by_label (GTK_WIDGET (page), GTK_TYPE_LABEL,
                                vv_cases_page_get_privacy_warning (page)));

  /* A marked name is caught too, as soon as it is added in the preferences. */
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Tilbud til Kari Nordmann");
  g_assert_null (vv_cases_page_get_privacy_warning (page));
  g_settings_set_strv (settings, "privacy-names", names);
  g_assert_nonnull (vv_cases_page_get_privacy_warning (page));

  gtk_editable_set_text (GTK_EDITABLE (title_row), "Bofellesskap, ny tittel");
  g_assert_null (vv_cases_page_get_privacy_warning (page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "cases.save-edit", NULL));
  /* saved in a worker thread (issue 15) */
  g_assert_true (vv_test_wait_for (not_editing, page, 20000));
  vv_test_spin ();
  g_assert_cmpint (find_case (page, "Bofellesskap, ny tittel"), ==, id);
  saved = vv_case_store_get (vv_cases_page_get_store (page), id, NULL);
  g_assert_cmpstr (saved->title, ==, "Bofellesskap, ny tittel");

  gtk_window_destroy (window);
}

static gboolean
wait_for_count (VvCasesPage *page,
                 guint        count,
                 int          seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (n_cases (page) != count && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  return n_cases (page) == count;
}

static void
test_import (void)
{
  GtkWindow *window;
  VvCasesPage *page;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "cases",
                                                 "45-avlastning-institusjon-dogn-voksen.json",
                                                 NULL);
  g_autofree char *broken = g_build_filename (vv_test_data_home (), "broken.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) broken_file = g_file_new_for_path (broken);
  g_autoptr(VvCase) expected = load_test_case ("45-avlastning-institusjon-dogn-voksen.json");

  fresh_database ("import.db");
  page = new_page (&window);
  g_assert_cmpuint (n_cases (page), ==, N_EXAMPLES);

  vv_cases_page_import_file (page, file);
  g_assert_true (wait_for_count (page, N_EXAMPLES + 1, 10));
  g_assert_cmpint (find_case (page, expected->title), !=, 0);

  /* A case decided under older rules says so in the list (issue 12 item 4). */
  {
    g_autoptr(VvCase) old = load_test_case ("01-bofellesskap-egen-base.json");
    g_autoptr(GArray) ids = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *data = NULL;
    gsize length = 0;

    g_clear_pointer (&old->expected, json_object_unref);
    g_free (old->title);
    old->title = g_strdup ("Gammel sak");
    old->rules_version = g_strdup ("2024.1");
    old->result_json = g_strdup ("{\"format\":\"veiviser-result/1\",\"outcome\":\"function\","
                                 "\"year\":2024,\"allocations\":[{\"function\":\"258\",\"percent\":100}]}");
    data = vv_case_to_data (old, &length);
    ids = vv_case_store_import_data (vv_cases_page_get_store (page), data, length, "old.json", &error);
    g_assert_no_error (error);
    g_assert_true (wait_for_count (page, N_EXAMPLES + 2, 10));
    g_assert_nonnull (vv_test_find_by_label (GTK_WIDGET (page), GTK_TYPE_LABEL, "Rules 2024.1"));
  }

  /* A file that is not a case adds nothing (all or nothing). */
  g_assert_true (g_file_set_contents (broken, "{ \"format\": \"veiviser-case/1\", ", -1, NULL));
  vv_cases_page_import_file (page, broken_file);
  g_assert_false (wait_for_count (page, N_EXAMPLES + 3, 2));
  g_assert_cmpuint (n_cases (page), ==, N_EXAMPLES + 2);

  gtk_window_destroy (window);
}

/* A nynorsk user gets the examples in nynorsk, titles and notes. Runs last:
 * it switches the language. */
static void
test_examples_nynorsk (void)
{
  GtkWindow *window;
  VvCasesPage *page;
  g_autoptr(VvCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  vv_i18n_init ("nn");
  fresh_database ("nynorsk.db");
  page = new_page (&window);
  g_assert_cmpuint (n_cases (page), ==, N_EXAMPLES);
  g_assert_cmpint (find_case (page, "Bofellesskap med egen personellbase"), ==, 0);
  id = find_case (page, "Bufellesskap med eigen personellbase");
  g_assert_cmpint (id, !=, 0);
  g_assert_cmpint (find_case (page, "Døgnavlasting for ein vaksen i bufellesskap"), !=, 0);
  kase = vv_case_store_get (vv_cases_page_get_store (page), id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (kase->note, "tenester frå personellbasen på same stad"));

  gtk_window_destroy (window);
  vv_i18n_init ("en");
}

int
main (int   argc,
      char *argv[])
{
  if (!vv_test_ui_init (&argc, &argv, "en"))
    return 77;

  g_test_add_func ("/cases/first-run", test_first_run);
  g_test_add_func ("/cases/add-and-search", test_add_and_search);
  g_test_add_func ("/cases/delete-undo", test_delete_undo);
  g_test_add_func ("/cases/duplicate-and-open", test_duplicate_and_open);
  g_test_add_func ("/cases/edit-privacy", test_edit_privacy);
  g_test_add_func ("/cases/import", test_import);
  g_test_add_func ("/cases/examples-nynorsk", test_examples_nynorsk);

  return vv_test_ui_finish (g_test_run ());
}
