/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Crash safety of the database: `veiviser-cli import` of a 1 M-line ledger
 * is killed with SIGKILL part-way, and the database must open, pass
 * `PRAGMA integrity_check`, and hold exactly what it held before.
 */
#define G_LOG_DOMAIN "test-crash"

#include "config.h"

#include <gio/gio.h>
#include <signal.h>
#include <string.h>

#include "test-store-util.h"
#include "vv-db.h"
#include "vv-i18n.h"

#define N_LINES 1000000

static char *
generate_ledger (const char *dir,
                 const char *name,
                 guint       n_lines,
                 guint       seed)
{
  g_autoptr(GString) s = g_string_sized_new ((gsize) n_lines * 56);
  char *path = g_build_filename (dir, name, NULL);

  g_string_append (s, "Periode;Ansvar;Tjeneste;Art;Tekst;Beløp\n");
  for (guint i = 0; i < n_lines; i++)
    g_string_append_printf (s, "2023%02u;%u;254%02u;1%03u;Postering %u/%u;%s%u,%02u\n", i % 12 + 1,
                            4100 + i % 53, i % 20, i % 290, i, seed, i % 7 == 0 ? "-" : "",
                            (i * 7919u) % 1000000u, i % 100);
  g_assert_true (g_file_set_contents (path, s->str, s->len, NULL));
  return path;
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

typedef struct
{
  gint64 imports;
  gint64 lines;
  gint64 sum;
  gint64 raw_bytes;
  gint64 rejects;
} State;

/* Opens the database as the app would, checks it and reads its state. */
static State
check_database (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VvDb) db = vv_db_open (path, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  State st;

  g_assert_no_error (error);
  g_assert_nonnull (db);
  stmt = vv_db_prepare (db, "PRAGMA integrity_check", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_true (vv_db_integrity_check (db, &error));
  g_assert_no_error (error);

  st.imports = query_int (db, "SELECT count(*) FROM imports");
  st.lines = query_int (db, "SELECT count(*) FROM ledger_lines");
  st.sum = query_int (db, "SELECT coalesce (sum (amount_ore), 0) FROM ledger_lines");
  st.raw_bytes = query_int (db, "SELECT coalesce (sum (length (raw)), 0) FROM ledger_lines");
  st.rejects = query_int (db, "SELECT count(*) FROM import_rejects");
  /* every import's counts match its stored lines */
  g_assert_cmpint (query_int (db, "SELECT coalesce (sum (lines), 0) FROM imports"), ==, st.lines);
  return st;
}

static void
assert_same_state (const State *a,
                   const State *b)
{
  g_assert_cmpint (a->imports, ==, b->imports);
  g_assert_cmpint (a->lines, ==, b->lines);
  g_assert_cmpint (a->sum, ==, b->sum);
  g_assert_cmpint (a->raw_bytes, ==, b->raw_bytes);
  g_assert_cmpint (a->rejects, ==, b->rejects);
}

static GSubprocess *
spawn_import (const char     *db_path,
              const char     *ledger,
              GSubprocessFlags flags,
              gboolean        progress)
{
  g_autoptr(GError) error = NULL;
  GSubprocess *proc;

  proc = g_subprocess_new (flags, &error, g_getenv ("VEIVISER_CLI"), "import", ledger, "--db", db_path,
                           progress ? "--progress" : NULL, NULL);
  g_assert_no_error (error);
  return proc;
}

static int
run_import (const char *db_path,
            const char *ledger)
{
  g_autoptr(GSubprocess) proc = spawn_import (db_path, ledger, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, FALSE);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_subprocess_wait (proc, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  return g_subprocess_get_exit_status (proc);
}

static void
test_kill_midway (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *db_path = g_build_filename (dir, "veiviser.db", NULL);
  g_autofree char *small = generate_ledger (dir, "small.csv", 1000, 1);
  g_autofree char *big = generate_ledger (dir, "big.csv", N_LINES, 2);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GDataInputStream) err = NULL;
  g_autoptr(GError) error = NULL;
  State before, after;
  guint64 done = 0, total = 0;

  g_assert_cmpint (run_import (db_path, small), ==, 0);
  before = check_database (db_path);
  g_assert_cmpint (before.imports, ==, 1);
  g_assert_cmpint (before.lines, ==, 1000);

  /* 1. killed while reading and inserting: wait until a quarter is read */
  proc = spawn_import (db_path, big, G_SUBPROCESS_FLAGS_STDERR_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE,
                       TRUE);
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (proc));
  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line (err, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);   /* the import must not end before we kill it */
      if (sscanf (line, "progress %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT, &done, &total) == 2 &&
          done * 4 >= total)
        break;
    }
  g_subprocess_force_exit (proc);
  g_assert_true (g_subprocess_wait (proc, NULL, &error));
  g_assert_true (g_subprocess_get_if_signaled (proc));
  g_assert_cmpint (g_subprocess_get_term_sig (proc), ==, SIGKILL);
  g_test_message ("killed after %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " bytes", done, total);
  g_assert_cmpuint (done, <, total);

  after = check_database (db_path);
  assert_same_state (&before, &after);
  g_clear_object (&err);
  g_clear_object (&proc);

  /* 2. killed once 8 MiB of new pages are written, to the write-ahead log
   * or (when the import has the file to itself and uses a rollback journal)
   * to the database file itself: the import is all or nothing */
  {
    g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
    gint64 deadline = g_get_monotonic_time () + 240 * G_USEC_PER_SEC;
    gboolean killed = FALSE;
    GStatBuf db_st;
    gint64 db_size;

    g_assert_cmpint (g_stat (db_path, &db_st), ==, 0);
    db_size = db_st.st_size;
    proc = spawn_import (db_path, big, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, FALSE);
    while (g_get_monotonic_time () < deadline)
      {
        GStatBuf st;

        if ((g_stat (wal, &st) == 0 && st.st_size > 8 * 1024 * 1024) ||
            (g_stat (db_path, &st) == 0 && st.st_size > db_size + 8 * 1024 * 1024))
          {
            g_subprocess_force_exit (proc);
            killed = TRUE;
            break;
          }
        if (g_subprocess_get_identifier (proc) == NULL)
          break;   /* already finished */
        g_usleep (500);
      }
    g_assert_true (g_subprocess_wait (proc, NULL, &error));
    after = check_database (db_path);
    if (after.imports == before.imports)
      assert_same_state (&before, &after);
    else
      {
        g_assert_cmpint (after.imports, ==, before.imports + 1);
        g_assert_cmpint (after.lines, ==, before.lines + N_LINES);
      }
    g_test_message ("second kill %s; the import %s", killed ? "sent" : "not needed",
                    after.imports == before.imports ? "was rolled back" : "had committed");
    g_clear_object (&proc);

    /* 3. the file was never recorded as imported, so it imports now */
    if (after.imports == before.imports)
      {
        g_assert_cmpint (run_import (db_path, big), ==, 0);
        after = check_database (db_path);
      }
    g_assert_cmpint (after.imports, ==, 2);
    g_assert_cmpint (after.lines, ==, 1000 + N_LINES);
    g_assert_cmpint (run_import (db_path, big), ==, 1);   /* and now it is a duplicate */
  }
  test_rm_rf (dir);
}

static int
run_cli (const char * const *args,
         char              **out,
         char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (char *) g_getenv ("VEIVISER_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, out, err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  return g_subprocess_get_exit_status (proc);
}

static void
test_cli_exit_codes (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *db_path = g_build_filename (dir, "cli.db", NULL);
  g_autofree char *bad_db = g_build_filename (dir, "not-a-db.db", NULL);
  g_autofree char *ledger = generate_ledger (dir, "ledger.csv", 10, 3);
  g_autofree char *empty = g_build_filename (dir, "empty.csv", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_true (g_file_set_contents (bad_db, "plain text, not SQLite", -1, NULL));

  {
    const char *args[] = { "import", ledger, "--db", db_path, NULL };

    g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "Import 1: 10 lines stored, 0 rejected (ledger.csv)"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (args, &out, &err), ==, 1);     /* duplicate */
    g_assert_nonnull (strstr (err, "import 1"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "import", empty, "--db", db_path, NULL };

    g_assert_cmpint (run_cli (args, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "empty.csv"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "import", missing, "--db", db_path, NULL };

    g_assert_cmpint (run_cli (args, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "missing.csv"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "import", ledger, "--db", bad_db, NULL };

    /* not a database, or a damaged one: invalid input, nothing added */
    g_assert_cmpint (run_cli (args, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "not-a-db.db"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "import", ledger, "--db", db_path, "--format", "xlsx", NULL };

    g_assert_cmpint (run_cli (args, &out, &err), ==, 2);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "import", NULL };

    g_assert_cmpint (run_cli (args, &out, &err), ==, 2);
  }
  test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  vv_i18n_init ("en");

  g_test_add_func ("/crash/cli-exit-codes", test_cli_exit_codes);
  g_test_add_func ("/crash/kill-midway", test_kill_midway);
  return g_test_run ();
}
