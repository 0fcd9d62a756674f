/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-export"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "test-store-util.h"
#include "vv-atomic-file.h"
#include "vv-export.h"
#include "vv-i18n.h"

static void
test_formula_table (void)
{
  static const struct { const char *cell; char sep; const char *out; } table[] = {
    { "=SUM(A1:A9)", ';', "\"'=SUM(A1:A9)\"" },
    { "+47 99 99 99 99", ';', "\"'+47 99 99 99 99\"" },
    { "-2+3", ';', "\"'-2+3\"" },
    { "-1234,50", ';', "\"'-1234,50\"" },   /* text that looks like a number stays text */
    { "@SUM(1)", ';', "\"'@SUM(1)\"" },
    { "\t=1", ';', "\"'\t=1\"" },
    { "\r=1", ';', "\"'\r=1\"" },
    { "=HYPERLINK(\"http://x\")", ',', "\"'=HYPERLINK(\"\"http://x\"\")\"" },
    { "Solbakken bofellesskap", ';', "Solbakken bofellesskap" },
    { "a;b", ';', "\"a;b\"" },
    { "a;b", ',', "a;b" },
    { "a,b", ',', "\"a,b\"" },
    { "Sone \"Nord\"", ';', "\"Sone \"\"Nord\"\"\"" },
    { "linje 1\nlinje 2", ';', "\"linje 1\nlinje 2\"" },
    { "1+1", ';', "1+1" },
    { "", ';', "" },
    /* issue 15: behind a line feed or blanks, and full-width forms */
    { "\n=1+1", ';', "\"'\n=1+1\"" },
    { "  =SUM(A1)", ';', "\"'  =SUM(A1)\"" },
    { "\u00a0\n @x", ';', "\"'\u00a0\n @x\"" },
    { "\uff1dSUM(A1)", ';', "\"'\uff1dSUM(A1)\"" },
    { "\uff0b1", ';', "\"'\uff0b1\"" },
    { "\uff0d1", ';', "\"'\uff0d1\"" },
    { "\uff20A", ';', "\"'\uff20A\"" },
    { "\u200b=1", ';', "\"'\u200b=1\"" },
    { " Solbakken", ';', " Solbakken" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      vv_csv_cell_escape (out, table[i].cell, table[i].sep);
      g_assert_cmpstr (out->str, ==, table[i].out);
    }
}

static void
test_amounts (void)
{
  static const struct { gint64 ore; char mark; char sep; const char *out; } table[] = {
    { -123456, ',', ';', "-1234,56" },
    { 123456, '.', ',', "1234.56" },
    { 5, ',', ';', "0,05" },
    { -5, ',', ';', "-0,05" },
    { 0, ',', ';', "0,00" },
    { -100, ',', ',', "\"-1,00\"" },
    { G_MAXINT64, '.', ';', "92233720368547758.07" },
    { G_MININT64, '.', ';', "-92233720368547758.08" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr(GString) out = g_string_new ("x;");

      vv_csv_append_amount (out, table[i].ore, table[i].mark, table[i].sep);
      g_assert_cmpstr (out->str + 2, ==, table[i].out);
    }
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_atomic_write (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "split.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gboolean ok;

  g_assert_true (vv_export_write_atomic (path, "old;1\n", 6, &error));
  g_assert_no_error (error);

  if (!test_set_dir_writable (dir, FALSE))
    {
      test_rm_rf (dir);
      g_test_skip ("cannot make a directory read-only here");
      return;
    }
  ok = vv_export_write_atomic (path, "new;2\nnew;3\n", 12, &error);
  test_set_dir_writable (dir, TRUE);

  g_assert_false (ok);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "split.csv"));
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old;1\n");
  g_assert_cmpuint (count_entries (dir), ==, 1);   /* no temporary file left behind */
  g_clear_pointer (&contents, g_free);

  g_assert_true (vv_export_write_atomic (path, "new;2\nnew;3\n", 12, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "new;2\nnew;3\n");
  g_assert_cmpuint (count_entries (dir), ==, 1);
  test_rm_rf (dir);
}

static void
test_atomic_file_write (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "cases.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "x.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;
  GStatBuf st;
  mode_t mask;

  /* a new file gets the usual mode (0666 less the umask), like fopen() */
  g_assert_true (vv_atomic_file_write (path, "one", 3, &error));
  g_assert_no_error (error);
  mask = umask (022);
  umask (mask);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0666 & ~mask);

  /* replacing, and an empty file */
  g_assert_true (vv_atomic_file_write (path, "two\0bytes", 9, &error));
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpmem (contents, len, "two\0bytes", 9);
  g_clear_pointer (&contents, g_free);
  g_assert_true (vv_atomic_file_write (path, NULL, 0, &error));
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, ==, 0);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  /* a folder that is not there: a G_FILE_ERROR, nothing written */
  g_assert_false (vv_atomic_file_write (missing, "x", 1, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_cmpuint (count_entries (dir), ==, 1);
  test_rm_rf (dir);
}

static void
test_atomic_file_commit (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *temp = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "old", 3, NULL));

  /* a writer that opens the file itself writes to the temporary file */
  temp = vv_atomic_file_new_temp (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (temp);
  g_assert_true (g_str_has_prefix (temp, path));
  g_assert_true (g_file_test (temp, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_set_contents (temp, "new", 3, NULL));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");   /* untouched until the commit */
  g_clear_pointer (&contents, g_free);
  g_assert_true (vv_atomic_file_commit (temp, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "new");
  g_assert_false (g_file_test (temp, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (dir), ==, 1);

  /* a temporary file that has gone away */
  g_assert_false (vv_atomic_file_commit (temp, path, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);
  g_clear_pointer (&temp, g_free);

  /* no folder to put it in */
  g_clear_pointer (&path, g_free);
  path = g_build_filename (dir, "gone", "report.pdf", NULL);
  g_assert_null (vv_atomic_file_new_temp (path, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  vv_i18n_init ("en");

  g_test_add_func ("/export/formula-table", test_formula_table);
  g_test_add_func ("/export/amounts", test_amounts);
  g_test_add_func ("/export/atomic-write", test_atomic_write);
  g_test_add_func ("/export/atomic-file-write", test_atomic_file_write);
  g_test_add_func ("/export/atomic-file-commit", test_atomic_file_commit);
  return g_test_run ();
}
