/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-db"

#include "config.h"

#include <string.h>

#include "test-store-util.h"
#include "vv-db.h"
#include "vv-i18n.h"

/* The schema of version 1 as released, to build an "old" file. */
static const char *v1_schema =
  "CREATE TABLE cases (id INTEGER PRIMARY KEY, title TEXT NOT NULL DEFAULT '', year INTEGER NOT NULL,"
  " facts TEXT NOT NULL DEFAULT '{}', note TEXT NOT NULL DEFAULT '', expected TEXT, result TEXT,"
  " rules_version TEXT, outcome TEXT, functions TEXT NOT NULL DEFAULT '', created INTEGER NOT NULL,"
  " modified INTEGER NOT NULL, deleted INTEGER);"
  "CREATE INDEX cases_year ON cases (year);";

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *msg = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
  sqlite3_close (db);
}

static gint64
query_int (VvDb       *db,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = vv_db_prepare (db, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static GBytes *
file_bytes (const char *path)
{
  char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_bytes_new_take (contents, len);
}

static void
test_create_mode (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *sub = g_build_filename (dir, "data", "veiviser", NULL);
  g_autofree char *path = g_build_filename (sub, "veiviser.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VvDb) db = NULL;
  GStatBuf st;
  mode_t old_umask = umask (0);   /* the modes must not depend on the umask */

  db = vv_db_open (path, &error);
  umask (old_umask);
  g_assert_no_error (error);
  g_assert_nonnull (db);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (sub, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  g_assert_cmpint (query_int (db, "PRAGMA application_id"), ==, VV_DB_APPLICATION_ID);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, vv_db_get_latest_version ());
  g_assert_cmpint (vv_db_get_version (db), ==, vv_db_get_latest_version ());
  g_assert_cmpint (query_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (db, "PRAGMA synchronous"), ==, 2);   /* FULL */
  g_assert_cmpint (query_int (db, "PRAGMA page_size"), ==, 16384);

  /* the write-ahead log is as private as the database */
  g_assert_true (vv_db_exec (db, "INSERT INTO cases (year, created, modified) VALUES (2024, 1, 1)", &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* open again: nothing to migrate, data still there */
  g_clear_object (&db);
  db = vv_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM cases"), ==, 1);
  g_assert_true (vv_db_integrity_check (db, &error));
  g_assert_no_error (error);
  g_clear_object (&db);
  test_rm_rf (dir);
}

static void
test_default_path (void)
{
  g_autofree char *from_env = NULL;
  g_autofree char *standard = NULL;

  g_setenv (VV_DB_ENV, "/tmp/somewhere/else.db", TRUE);
  from_env = vv_db_get_default_path ();
  g_assert_cmpstr (from_env, ==, "/tmp/somewhere/else.db");
  g_unsetenv (VV_DB_ENV);
  standard = vv_db_get_default_path ();
  g_assert_true (g_str_has_prefix (standard, g_get_user_data_dir ()));
  g_assert_true (g_str_has_suffix (standard, "/veiviser/veiviser.db"));
}

static void
test_migrate_old (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VvDb) db = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  sql = g_strdup_printf ("%s PRAGMA application_id = %d; PRAGMA user_version = 1;"
                         "INSERT INTO cases (title, year, created, modified) VALUES ('Gammel sak', 2023, 5, 6);",
                         v1_schema, VV_DB_APPLICATION_ID);
  raw_exec (path, sql);

  db = vv_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (vv_db_get_version (db), ==, vv_db_get_latest_version ());
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, vv_db_get_latest_version ());
  /* the old data survived, the new tables are there */
  stmt = vv_db_prepare (db, "SELECT title, year, created FROM cases", &error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "Gammel sak");
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 2023);
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 5);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_master WHERE name IN "
                                  "('imports', 'ledger_lines', 'units', 'layout_mappings')"), ==, 4);
  g_assert_true (vv_db_integrity_check (db, &error));
  g_assert_no_error (error);
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_clear_object (&db);
  test_rm_rf (dir);
}

static void
test_foreign (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "places.sqlite", NULL);
  g_autofree char *other = g_build_filename (dir, "other-app.db", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VvDb) db = NULL;

  /* another program's database: tables, no application id */
  raw_exec (path, "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);"
                  "INSERT INTO moz_places (url) VALUES ('https://example.org');");
  before = file_bytes (path);
  db = vv_db_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, VV_DB_ERROR, VV_DB_ERROR_FOREIGN);
  g_assert_nonnull (strstr (error->message, "places.sqlite"));
  g_clear_error (&error);
  after = file_bytes (path);
  g_assert_true (g_bytes_equal (before, after));   /* untouched */
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);

    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }

  /* another program's empty database with its own application id */
  raw_exec (other, "PRAGMA application_id = 1234567;");
  db = vv_db_open (other, &error);
  g_assert_null (db);
  g_assert_error (error, VV_DB_ERROR, VV_DB_ERROR_FOREIGN);
  test_rm_rf (dir);
}

static void
test_garbage (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "veiviser.db", NULL);
  g_autoptr(GString) junk = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VvDb) db = NULL;

  for (int i = 0; i < 200; i++)
    g_string_append (junk, "Ansvar;Funksjon;Art;Beløp\n");
  g_assert_true (g_file_set_contents (path, junk->str, junk->len, NULL));
  db = vv_db_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, VV_DB_ERROR, VV_DB_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "veiviser.db"));
  test_rm_rf (dir);
}

/* An upgrade is one transaction: when a later step fails, the file is left
 * as it was, not half-way at an intermediate version. */
static void
test_migrate_failed_keeps_file (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "stuck.db", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VvDb) db = NULL;
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;

  /* version 1 with a table in the way of version 3's "units" */
  sql = g_strdup_printf ("%s PRAGMA application_id = %d; PRAGMA user_version = 1;"
                         "CREATE TABLE units (x);"
                         "INSERT INTO cases (title, year, created, modified) VALUES ('Gammel sak', 2023, 5, 6);",
                         v1_schema, VV_DB_APPLICATION_ID);
  raw_exec (path, sql);

  db = vv_db_open (path, &error);
  g_assert_null (db);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "3"));

  g_assert_cmpint (sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);
  /* version 2's table was not left behind either */
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT count(*) FROM sqlite_master WHERE name = 'imports'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (raw);
  test_rm_rf (dir);
}

static void
test_too_new (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "future.db", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VvDb) db = NULL;

  sql = g_strdup_printf ("%s PRAGMA application_id = %d; PRAGMA user_version = %d;", v1_schema,
                         VV_DB_APPLICATION_ID, vv_db_get_latest_version () + 1);
  raw_exec (path, sql);
  db = vv_db_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, VV_DB_ERROR, VV_DB_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "future.db"));
  test_rm_rf (dir);
}

static void
test_read_only_dir (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "new.db", NULL);
  g_autofree char *existing = g_build_filename (dir, "existing.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VvDb) db = NULL;

  db = vv_db_open (existing, &error);
  g_assert_no_error (error);
  g_clear_object (&db);

  if (!test_set_dir_writable (dir, FALSE))
    {
      test_rm_rf (dir);
      g_test_skip ("cannot make a directory read-only here");
      return;
    }
  db = vv_db_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, VV_DB_ERROR, VV_DB_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "new.db"));
  g_clear_error (&error);

  /* an existing database whose folder cannot take the journal files */
  db = vv_db_open (existing, &error);
  g_assert_null (db);
  g_assert_error (error, VV_DB_ERROR, VV_DB_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "existing.db"));
  g_clear_error (&error);

  test_set_dir_writable (dir, TRUE);
  test_rm_rf (dir);
}

static void
test_backup_and_reset (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "veiviser.db", NULL);
  g_autofree char *backup = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VvDb) db = NULL;
  const char *junk = "this is not a database, but the user may want it back";

  g_assert_true (g_file_set_contents (path, junk, -1, NULL));
  db = vv_db_open (path, &error);
  g_assert_error (error, VV_DB_ERROR, VV_DB_ERROR_CORRUPT);
  g_clear_error (&error);

  g_assert_true (vv_db_backup_and_reset (path, &backup, &error));
  g_assert_no_error (error);
  g_assert_nonnull (backup);
  g_assert_true (g_str_has_prefix (backup, path));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  kept = file_bytes (backup);
  g_assert_cmpmem (g_bytes_get_data (kept, NULL), g_bytes_get_size (kept), junk, strlen (junk));

  db = vv_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM cases"), ==, 0);
  g_clear_object (&db);

  /* a second reset the same second gets its own name */
  {
    g_autofree char *second = NULL;

    g_assert_true (vv_db_backup_and_reset (path, &second, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (second, !=, backup);
    g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (second, G_FILE_TEST_EXISTS));
  }
  test_rm_rf (dir);
}

static void
test_transactions (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "t.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VvDb) db = vv_db_open (path, &error);
  const char *insert = "INSERT INTO cases (year, created, modified) VALUES (2024, 1, 1)";

  g_assert_no_error (error);
  g_assert_true (vv_db_begin (db, &error));
  g_assert_true (vv_db_exec (db, insert, &error));
  g_assert_true (vv_db_begin (db, &error));          /* nested: a savepoint */
  g_assert_true (vv_db_exec (db, insert, &error));
  vv_db_rollback (db);                               /* undoes the inner insert only */
  g_assert_true (vv_db_in_transaction (db));
  g_assert_true (vv_db_commit (db, &error));
  g_assert_no_error (error);
  g_assert_false (vv_db_in_transaction (db));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM cases"), ==, 1);

  g_assert_true (vv_db_begin (db, &error));
  g_assert_true (vv_db_exec (db, insert, &error));
  vv_db_rollback (db);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM cases"), ==, 1);

  /* a failing statement names the file */
  g_assert_false (vv_db_exec (db, "INSERT INTO no_such_table VALUES (1)", &error));
  g_assert_error (error, VV_DB_ERROR, VV_DB_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "t.db"));
  g_clear_object (&db);
  test_rm_rf (dir);
}

static void
test_integrity (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "damaged.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VvDb) db = vv_db_open (path, &error);
  g_autofree char *contents = NULL;
  gsize len;
  gsize page;

  g_assert_no_error (error);
  g_assert_true (vv_db_exec (db,
                             "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 8000) "
                             "INSERT INTO cases (title, year, created, modified) "
                             "SELECT printf ('sak %d %s', i, hex (randomblob (20))), 2024, i, i FROM n",
                             &error));
  g_assert_no_error (error);
  g_assert_true (vv_db_integrity_check (db, &error));
  g_assert_no_error (error);
  page = query_int (db, "PRAGMA page_size");
  g_clear_object (&db);   /* checkpoints the WAL into the file */

  /* scribble over the middle of the file, leaving the header alone */
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 8 * page);
  memset (contents + 4 * page + 100, 0x5a, 3000);
  memset (contents + 6 * page, 0xa5, page);
  g_assert_true (g_file_set_contents (path, contents, len, NULL));

  db = vv_db_open (path, &error);
  if (db != NULL)
    g_assert_false (vv_db_integrity_check (db, &error));
  g_assert_error (error, VV_DB_ERROR, VV_DB_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "damaged.db"));
  g_clear_object (&db);
  test_rm_rf (dir);
}

/* issue 15: one overwritten page is found before anything is written */
static void
test_quick_check (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "page.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VvDb) db = vv_db_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (vv_db_exec (db,
                             "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 8000) "
                             "INSERT INTO cases (title, year, created, modified) "
                             "SELECT printf ('sak %d %s', i, hex (randomblob (20))), 2024, i, i FROM n",
                             &error));
  g_assert_true (vv_db_quick_check (db, &error));
  g_assert_no_error (error);
  g_clear_object (&db);

  test_damage_middle_page (path);
  db = vv_db_open (path, &error);
  g_assert_no_error (error);   /* the header and schema are fine ... */
  g_assert_false (vv_db_quick_check (db, &error));   /* ... the page is not */
  g_assert_error (error, VV_DB_ERROR, VV_DB_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "page.db"));
  g_clear_object (&db);
  test_rm_rf (dir);
}

/* issue 15: the full check is offered (app and command line) on a
 * connection of its own that never writes; one overwritten page in a copy
 * is found by both checks, a row missing from an index only by the full one */
static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GError **error = user_data;

  g_assert_null (source);
  g_assert_false (vv_db_check_file_finish (result, error));
  g_assert_nonnull (*error);
}

static void
assert_check_fails_async (const char   *path,
                          VvDbCheck     check,
                          GCancellable *cancellable,
                          GQuark        domain,
                          int           code)
{
  g_autoptr(GError) error = NULL;

  vv_db_check_file_async (path, check, NULL, NULL, cancellable, check_done_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, domain, code);
}

static void
test_check_file (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "sound.db", NULL);
  g_autofree char *page = g_build_filename (dir, "page.db", NULL);
  g_autofree char *index = g_build_filename (dir, "index.db", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VvDb) db = vv_db_open (path, &error);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autofree char *contents = NULL;
  const char needle[] = "sak 04321\x07\xe8";   /* title, then year 2024 as two bytes */
  char *at;
  gsize len;

  g_assert_no_error (error);
  g_assert_true (vv_db_exec (db,
                             "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 8000) "
                             "INSERT INTO cases (title, year, created, modified) "
                             "SELECT printf ('sak %05d', i), 2024, i, i FROM n", &error));
  g_assert_no_error (error);
  g_clear_object (&db);   /* folds the WAL into the file */

  g_assert_true (vv_db_check_file (path, VV_DB_CHECK_QUICK, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (vv_db_check_file (path, VV_DB_CHECK_FULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* a copy with one page overwritten: both checks, sync and async, and
   * the file is not touched by them */
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (page, contents, len, NULL));
  test_damage_middle_page (page);
  before = file_bytes (page);
  for (VvDbCheck check = VV_DB_CHECK_QUICK; check <= VV_DB_CHECK_FULL; check++)
    {
      g_assert_false (vv_db_check_file (page, check, NULL, NULL, NULL, &error));
      g_assert_error (error, VV_DB_ERROR, VV_DB_ERROR_CORRUPT);
      g_assert_nonnull (strstr (error->message, "page.db"));
      g_clear_error (&error);
      assert_check_fails_async (page, check, NULL, VV_DB_ERROR, VV_DB_ERROR_CORRUPT);
    }
  after = file_bytes (page);
  g_assert_true (g_bytes_equal (before, after));
  {
    g_autofree char *wal = g_strconcat (page, "-wal", NULL);

    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }

  /* a copy whose row says 2023 where the index says 2024: the pages are
   * sound (quick check), the full check finds the row missing from the index */
  at = NULL;
  for (gsize i = 0; at == NULL && i + sizeof needle - 1 <= len; i++)
    if (memcmp (contents + i, needle, sizeof needle - 1) == 0)
      at = contents + i;
  g_assert_nonnull (at);
  at[sizeof needle - 2] = '\xe7';
  g_assert_true (g_file_set_contents (index, contents, len, NULL));
  g_assert_true (vv_db_check_file (index, VV_DB_CHECK_QUICK, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (vv_db_check_file (index, VV_DB_CHECK_FULL, NULL, NULL, NULL, &error));
  g_assert_error (error, VV_DB_ERROR, VV_DB_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "cases_year"));
  g_clear_error (&error);
  assert_check_fails_async (index, VV_DB_CHECK_FULL, NULL, VV_DB_ERROR, VV_DB_ERROR_CORRUPT);

  /* cancelled, missing, not ours */
  g_cancellable_cancel (cancelled);
  assert_check_fails_async (path, VV_DB_CHECK_FULL, cancelled, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (vv_db_check_file (missing, VV_DB_CHECK_QUICK, NULL, NULL, NULL, &error));
  g_assert_error (error, VV_DB_ERROR, VV_DB_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "missing.db"));
  g_clear_error (&error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));   /* a check never creates */
  raw_exec (missing, "CREATE TABLE other (x)");
  g_assert_false (vv_db_check_file (missing, VV_DB_CHECK_FULL, NULL, NULL, NULL, &error));
  g_assert_error (error, VV_DB_ERROR, VV_DB_ERROR_FOREIGN);
  g_clear_error (&error);
  test_rm_rf (dir);
}

/* The full check says how far it has come and can be stopped on the way:
 * from 0 to 1 without going back, often enough for a progress bar; in the
 * caller's main context when run asynchronously, never after its callback;
 * stopped half-way through, it ends with G_IO_ERROR_CANCELLED at once. */
typedef struct
{
  GArray       *fractions;
  GThread      *thread;
  GCancellable *cancel_at_half;
  gboolean      finished;
  GError       *error;
} CheckProgressSeen;

static void
check_progress_seen_cb (double   fraction,
                        gpointer user_data)
{
  CheckProgressSeen *seen = user_data;

  g_assert_true (g_thread_self () == seen->thread);
  g_assert_false (seen->finished);
  g_assert_cmpfloat (fraction, >=, 0.0);
  g_assert_cmpfloat (fraction, <=, 1.0);
  if (seen->fractions->len > 0)
    g_assert_cmpfloat (fraction, >, g_array_index (seen->fractions, double, seen->fractions->len - 1));
  g_array_append_val (seen->fractions, fraction);
  if (seen->cancel_at_half != NULL && fraction >= 0.5)
    g_cancellable_cancel (seen->cancel_at_half);
}

static void
check_progress_done_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  CheckProgressSeen *seen = user_data;

  vv_db_check_file_finish (result, &seen->error);
  seen->finished = TRUE;
}

static void
assert_progress_seen (GArray   *fractions,
                      gboolean  to_the_end)
{
  guint below_half = 0;

  g_assert_cmpuint (fractions->len, >=, 10);
  g_assert_cmpfloat (g_array_index (fractions, double, 0), ==, 0.0);
  for (guint i = 0; i < fractions->len; i++)
    if (g_array_index (fractions, double, i) < 0.5)
      below_half++;
  g_assert_cmpuint (below_half, >=, 3);   /* not one jump from 0 to the end */
  if (to_the_end)
    g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
  else
    g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), <, 1.0);
}

static void
test_check_progress (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "big.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VvDb) db = vv_db_open (path, &error);
  CheckProgressSeen seen = { 0 };

  g_assert_no_error (error);
  /* rows behind an index (cases) and a foreign key (import_rejects): enough
   * for many reports, few enough for valgrind (.ci/valgrind.sh) */
  g_assert_true (vv_db_exec (db,
                             "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
                             "INSERT INTO cases (title, year, created, modified) "
                             "SELECT printf ('sak %05d', i), 2000 + i % 30, i, i FROM n;"
                             "INSERT INTO imports (id, file_name, sha256, size, format, created) "
                             "VALUES (1, 'a.csv', 'x', 1, 'csv', 0);"
                             "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
                             "INSERT INTO import_rejects (import_id, line_no, message) "
                             "SELECT 1, i, 'not a number' FROM n", &error));
  g_assert_no_error (error);
  g_clear_object (&db);

  /* in this thread, to the end */
  seen.thread = g_thread_self ();
  seen.fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_assert_true (vv_db_check_file (path, VV_DB_CHECK_FULL, check_progress_seen_cb, &seen, NULL, &error));
  g_assert_no_error (error);
  assert_progress_seen (seen.fractions, TRUE);

  /* in a worker thread: reported in this one, all before the callback */
  g_array_set_size (seen.fractions, 0);
  vv_db_check_file_async (path, VV_DB_CHECK_FULL, check_progress_seen_cb, &seen, NULL,
                          check_progress_done_cb, &seen);
  while (!seen.finished)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (seen.error);
  assert_progress_seen (seen.fractions, TRUE);

  /* stopped half-way, from the progress callback, sync and async */
  g_array_set_size (seen.fractions, 0);
  seen.finished = FALSE;
  seen.cancel_at_half = g_cancellable_new ();
  g_assert_false (vv_db_check_file (path, VV_DB_CHECK_FULL, check_progress_seen_cb, &seen,
                                    seen.cancel_at_half, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  assert_progress_seen (seen.fractions, FALSE);

  g_array_set_size (seen.fractions, 0);
  g_cancellable_reset (seen.cancel_at_half);
  vv_db_check_file_async (path, VV_DB_CHECK_FULL, check_progress_seen_cb, &seen,
                          seen.cancel_at_half, check_progress_done_cb, &seen);
  while (!seen.finished)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (seen.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&seen.error);
  /* reports already on their way when it stopped may still arrive; none is 1 */
  assert_progress_seen (seen.fractions, FALSE);

  g_clear_object (&seen.cancel_at_half);
  g_array_unref (seen.fractions);
  test_rm_rf (dir);
}

/* issue 15: a second writer waits for the first instead of failing at once */
static gpointer
hold_write_lock (gpointer data)
{
  VvDb *db = data;

  g_usleep (VV_DB_BUSY_TIMEOUT_MS * 1000 + 500 * 1000);   /* longer than SQLite's own wait */
  g_assert_true (vv_db_commit (db, NULL));
  return NULL;
}

static void
test_writer_waits (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "two.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VvDb) first = vv_db_open (path, &error);
  g_autoptr(VvDb) second = vv_db_open (path, &error);
  g_autoptr(VvDb) reader = NULL;
  GThread *thread;

  g_assert_no_error (error);
  g_assert_true (vv_db_begin (first, &error));
  g_assert_true (vv_db_exec (first, "INSERT INTO cases (title, year, created, modified) "
                                    "VALUES ('a', 2024, 1, 1)", &error));
  thread = g_thread_new ("holder", hold_write_lock, first);
  /* a third connection opens (and reads) while the write lock is held */
  reader = vv_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (vv_db_begin (second, &error));
  g_assert_no_error (error);
  g_assert_true (vv_db_exec (second, "INSERT INTO cases (title, year, created, modified) "
                                     "VALUES ('b', 2024, 1, 1)", &error));
  g_assert_true (vv_db_commit (second, &error));
  g_thread_join (thread);
  {
    g_autoptr(sqlite3_stmt) stmt = vv_db_prepare (reader, "SELECT count(*) FROM cases", &error);

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2);
  }
  g_clear_object (&first);
  g_clear_object (&second);
  g_clear_object (&reader);
  test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  vv_i18n_init ("en");

  g_test_add_func ("/db/create-mode", test_create_mode);
  g_test_add_func ("/db/default-path", test_default_path);
  g_test_add_func ("/db/migrate-old", test_migrate_old);
  g_test_add_func ("/db/migrate-failed-keeps-file", test_migrate_failed_keeps_file);
  g_test_add_func ("/db/foreign", test_foreign);
  g_test_add_func ("/db/garbage", test_garbage);
  g_test_add_func ("/db/too-new", test_too_new);
  g_test_add_func ("/db/read-only-dir", test_read_only_dir);
  g_test_add_func ("/db/backup-and-reset", test_backup_and_reset);
  g_test_add_func ("/db/transactions", test_transactions);
  g_test_add_func ("/db/integrity", test_integrity);
  g_test_add_func ("/db/quick-check", test_quick_check);
  g_test_add_func ("/db/writer-waits", test_writer_waits);
  g_test_add_func ("/db/check-file", test_check_file);
  g_test_add_func ("/db/check-progress", test_check_progress);
  return g_test_run ();
}
