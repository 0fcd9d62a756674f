/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-db-recovery"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "test-ui-util.h"
#include "vv-application.h"
#include "vv-case-store.h"
#include "vv-db-recovery.h"
#include "vv-db.h"
#include "vv-window.h"

#define GARBAGE "This is a text file, not a database.\n"

typedef struct
{
  char          *dir;
  char          *path;
  VvApplication *app;
} Fixture;

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  /* The dialog keeps a hidden second row of buttons for narrow widths. */
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Clicks the response button, as a user would: it responds and closes. */
static void
click_response (AdwMessageDialog *dialog,
                const char       *response)
{
  GtkWidget *button = find_button (GTK_WIDGET (dialog),
                                   adw_message_dialog_get_response_label (dialog, response));

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button) && gtk_widget_get_mapped (button));
  g_signal_emit_by_name (button, "clicked");
  vv_test_spin ();
}

static guint
count_shown_main_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (VV_IS_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        n++;
    }
  return n;
}

/* The single NAME.broken-* file next to the database, or NULL. */
static char *
find_backup (Fixture *fixture)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  g_autofree char *base = g_path_get_basename (fixture->path);
  g_autofree char *broken = g_strconcat (base, ".broken-", NULL);
  char *found = NULL;
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      /* The copy itself, not its -wal journal. */
      if (g_str_has_prefix (name, broken) && !g_str_has_suffix (name, "-wal"))
        {
          g_assert_null (found);
          found = g_build_filename (fixture->dir, name, NULL);
        }
    }
  return found;
}

static void
destroy_all_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  vv_test_spin ();
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("veiviser-recovery-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "veiviser.db", NULL);
  g_setenv (VV_DB_ENV, fixture->path, TRUE);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  destroy_all_windows ();
  g_clear_object (&fixture->app);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_unsetenv (VV_DB_ENV);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
start_app (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  static guint n_apps;
  g_autofree char *id = g_strdup_printf ("%s.Test%u", VV_APP_ID, ++n_apps);

  fixture->app = vv_application_new ();
  /* Each test starts the app anew; a unique bus name keeps the instances apart. */
  g_application_set_application_id (G_APPLICATION (fixture->app), id);
  g_application_set_flags (G_APPLICATION (fixture->app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (fixture->app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (fixture->app));
  vv_test_spin ();
}

static void
write_foreign_db (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA application_id = 1234;"
                                 "CREATE TABLE songs (title TEXT);"
                                 "INSERT INTO songs VALUES ('Mitt hjerte alltid vanker');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static int
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static guint
count_cases (VvCaseStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) cases = vv_case_store_list (store, NULL, 0, NULL, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (cases);
}

/* Shared by the garbage and foreign cases: the dialog names the file and the
 * problem; "reset" keeps the old file byte for byte and starts empty. */
static void
assert_reset_starts_fresh (Fixture    *fixture,
                           const char *heading,
                           const char *problem)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *backup = NULL;
  gsize before_len, after_len;
  AdwMessageDialog *dialog;
  AdwMessageDialog *info;
  VvCaseStore *store;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (fixture->path, &before, &before_len, NULL));
  start_app (fixture);

  dialog = vv_test_find_message_dialog (heading);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (vv_message_dialog_get_body (dialog), fixture->path));
  g_assert_nonnull (strstr (vv_message_dialog_get_body (dialog), problem));
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "reset"), ==,
                   "_Start Fresh");
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "quit"), ==, "_Quit");
  /* No page has met the bad file: the main window waits for the answer. */
  g_assert_cmpuint (count_shown_main_windows (), ==, 0);
  g_assert_null (find_backup (fixture));

  click_response (dialog, "reset");

  backup = find_backup (fixture);
  g_assert_nonnull (backup);
  g_assert_true (g_file_get_contents (backup, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);

  info = vv_test_find_message_dialog ("Started Fresh");
  g_assert_nonnull (info);
  g_assert_nonnull (strstr (vv_message_dialog_get_body (info), backup));
  g_assert_null (vv_test_find_message_dialog (heading));

  /* The app carries on with a new, empty database of its own. */
  g_assert_cmpuint (count_shown_main_windows (), ==, 1);
  store = vv_context_get_case_store (vv_application_get_context (fixture->app), &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpuint (count_cases (store), ==, 0);
  g_assert_cmpint ((guint32) query_int (fixture->path, "PRAGMA application_id"), ==,
                   VV_DB_APPLICATION_ID);
  g_assert_cmpint (query_int (fixture->path, "PRAGMA user_version"), ==,
                   vv_db_get_latest_version ());
}

static void
test_garbage_reset (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GString) garbage = g_string_new (NULL);

  for (int i = 0; i < 200; i++)
    g_string_append (garbage, GARBAGE);
  g_assert_true (g_file_set_contents (fixture->path, garbage->str, garbage->len, NULL));
  assert_reset_starts_fresh (fixture, "The Database Is Damaged", "is not a Veiviser database");
}

static void
test_foreign_reset (Fixture       *fixture,
                    gconstpointer  data)
{
  write_foreign_db (fixture->path);
  assert_reset_starts_fresh (fixture, "The Database Belongs to Another Program",
                             "belongs to another program");
  /* The copy is still the other program's database, untouched. */
  {
    g_autofree char *backup = find_backup (fixture);

    g_assert_cmpint (query_int (backup, "PRAGMA application_id"), ==, 1234);
    g_assert_cmpint (query_int (backup, "SELECT count(*) FROM songs"), ==, 1);
  }
}

static void
test_too_new_quit (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = 999;"
                                          "CREATE TABLE later (x);", VV_DB_APPLICATION_ID);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  AdwMessageDialog *dialog;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (fixture->path, &before, &before_len, NULL));

  start_app (fixture);
  dialog = vv_test_find_message_dialog ("The Database Is From a Newer Veiviser");
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (vv_message_dialog_get_body (dialog), fixture->path));
  g_assert_nonnull (strstr (vv_message_dialog_get_body (dialog), "database version 999"));
  /* Updating Veiviser is the safer choice, so Enter quits. */
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "quit");
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "quit");

  click_response (dialog, "quit");
  g_assert_null (vv_test_find_message_dialog ("The Database Is From a Newer Veiviser"));
  g_assert_null (find_backup (fixture));
  g_assert_cmpuint (count_shown_main_windows (), ==, 0);
  g_assert_true (g_file_get_contents (fixture->path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
}

/* A full disk while importing: the error says so, and no case of the
 * failed import is half-saved. SQLite's max_page_count stands in for a
 * full disk. */
static void
test_full_disk_import (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GBytes) example = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) first = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *pragma = NULL;
  VvCaseStore *store;
  AdwMessageDialog *dialog;
  GtkWindow *window;
  guint before = 0;
  int page_count;

  start_app (fixture);
  window = gtk_application_get_active_window (GTK_APPLICATION (fixture->app));
  g_assert_true (VV_IS_WINDOW (window));
  store = vv_context_get_case_store (vv_application_get_context (fixture->app), &error);
  g_assert_no_error (error);

  example = g_resources_lookup_data (VV_RESOURCE_PATH "/examples/01-bofellesskap-egen-base.json",
                                     0, &error);
  g_assert_no_error (error);
  first = vv_case_store_import_data (store, g_bytes_get_data (example, NULL),
                                     g_bytes_get_size (example), "01.json", &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  exported = vv_case_store_export (store, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (exported);

  page_count = query_int (fixture->path, "PRAGMA page_count");
  pragma = g_strdup_printf ("PRAGMA max_page_count = %d", page_count + 2);
  g_assert_true (vv_db_exec (vv_case_store_get_db (store), pragma, &error));
  g_assert_no_error (error);

  for (int i = 0; i < 500 && error == NULL; i++)
    {
      g_autoptr(GArray) ids = NULL;

      before = count_cases (store);
      ids = vv_case_store_import_data (store, exported, -1, "big.json", &error);
    }
  g_assert_error (error, VV_DB_ERROR, VV_DB_ERROR_FULL);
  g_assert_cmpuint (count_cases (store), ==, before);

  dialog = vv_db_recovery_show_error (window, error);
  g_assert_true (vv_test_find_message_dialog ("The Disk Is Full") == dialog);
  g_assert_nonnull (strstr (vv_message_dialog_get_body (dialog), fixture->path));
  g_assert_nonnull (strstr (vv_message_dialog_get_body (dialog), "Nothing was saved"));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == window);
}

/* issue 15: one overwritten page used to go unnoticed (the app and the CLI
 * wrote to the file); the quick check at start finds it and the recovery
 * dialog offers to keep the damaged file and start afresh */
static void
damage_one_page (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  guint page_size;

  {
    g_autoptr(VvDb) db = vv_db_open (fixture->path, &error);

    g_assert_no_error (error);
    g_assert_true (vv_db_exec (db,
                               "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                               "WHERE i < 8000) INSERT INTO cases (title, year, created, modified) "
                               "SELECT printf ('sak %d %s', i, hex (randomblob (20))), 2024, i, i "
                               "FROM n", &error));
    g_assert_no_error (error);
  }   /* closing checkpoints the log into the file */
  g_assert_true (g_file_get_contents (fixture->path, &contents, &len, NULL));
  page_size = ((guchar) contents[16] << 8) | (guchar) contents[17];
  g_assert_cmpuint (len / page_size, >=, 4);
  memset (contents + (len / page_size / 2) * page_size, 0x5a, page_size);
  g_assert_true (g_file_set_contents (fixture->path, contents, len, NULL));
}

static void
test_damaged_page_reset (Fixture       *fixture,
                         gconstpointer  data)
{
  damage_one_page (fixture);
  assert_reset_starts_fresh (fixture, "The Database Is Damaged", "damaged");
}

static gboolean
checked_dialog_shown (gpointer data)
{
  AdwMessageDialog *dialog = vv_test_find_message_dialog ("The Database Is Damaged");

  return dialog != NULL && !adw_message_dialog_has_response (dialog, "check");
}

/* Issue 15: the recovery dialog offers the full check; it runs in the
 * background, changes nothing, and the dialog comes back with what it found
 * and the same choices */
static void
test_damaged_page_full_check (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  AdwMessageDialog *dialog;

  damage_one_page (fixture);
  g_assert_true (g_file_get_contents (fixture->path, &before, &before_len, NULL));
  start_app (fixture);
  dialog = vv_test_find_message_dialog ("The Database Is Damaged");
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "check"), ==, "Check _Fully");

  click_response (dialog, "check");
  g_assert_true (vv_test_wait_for (checked_dialog_shown, NULL, 30000));
  dialog = vv_test_find_message_dialog ("The Database Is Damaged");
  g_assert_nonnull (strstr (vv_message_dialog_get_body (dialog), fixture->path));
  g_assert_nonnull (strstr (vv_message_dialog_get_body (dialog), "damaged"));
  g_assert_true (adw_message_dialog_has_response (dialog, "reset"));
  g_assert_true (adw_message_dialog_has_response (dialog, "quit"));
  g_assert_cmpuint (count_shown_main_windows (), ==, 0);
  g_assert_null (find_backup (fixture));
  g_assert_true (g_file_get_contents (fixture->path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);

  click_response (dialog, "reset");
  g_assert_nonnull (vv_test_find_message_dialog ("Started Fresh"));
  g_assert_cmpuint (count_shown_main_windows (), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  if (!vv_test_ui_init (&argc, &argv, "en"))
    return 77;

  g_test_add ("/db-recovery/garbage-reset", Fixture, NULL,
              fixture_setup, test_garbage_reset, fixture_teardown);
  g_test_add ("/db-recovery/damaged-page-reset", Fixture, NULL,
              fixture_setup, test_damaged_page_reset, fixture_teardown);
  g_test_add ("/db-recovery/damaged-page-full-check", Fixture, NULL,
              fixture_setup, test_damaged_page_full_check, fixture_teardown);
  g_test_add ("/db-recovery/foreign-reset", Fixture, NULL,
              fixture_setup, test_foreign_reset, fixture_teardown);
  g_test_add ("/db-recovery/too-new-quit", Fixture, NULL,
              fixture_setup, test_too_new_quit, fixture_teardown);
  g_test_add ("/db-recovery/full-disk-import", Fixture, NULL,
              fixture_setup, test_full_disk_import, fixture_teardown);

  return vv_test_ui_finish (g_test_run ());
}
