/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sheet-loader"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "vv-corrections.h"
#include "vv-i18n.h"
#include "vv-ledger-reader.h"
#include "vv-units.h"

/* The spreadsheet libraries are in a module loaded only when a spreadsheet
 * is read or written (vv-sheet-module-private.h): programs that read CSV do
 * not load them at start-up, and a missing module is an error naming the
 * file, not a crash. */

static const char *const sheet_libraries[] = { "libgsf-1", "libxml2", "libxlsxwriter" };

/* Bytes that take the spreadsheet path (a ZIP's signature) */
static const char zip_junk[] = "PK\003\004 this is not really a zip file at all";

static gboolean
process_has_loaded (const char *library)
{
  g_autofree char *maps = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  return strstr (maps, library) != NULL;
}

static void
test_not_at_start (void)
{
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "ledger", "sample-2023.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VvLedgerReader) reader = vv_ledger_reader_new ();

  for (guint i = 0; i < G_N_ELEMENTS (sheet_libraries); i++)
    g_assert_false (process_has_loaded (sheet_libraries[i]));

  /* Reading CSV loads nothing more. */
  g_assert_true (vv_ledger_reader_read (reader, csv, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (process_has_loaded ("libgsf-1"));

  /* A spreadsheet does: the module reads it (and finds it damaged). */
  g_assert_false (vv_ledger_reader_read_bytes (reader, zip_junk, sizeof zip_junk - 1, "junk.xlsx",
                                               NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_NOT_TEXT);
  g_assert_true (process_has_loaded ("libveiviser-sheet"));
  g_assert_true (process_has_loaded ("libgsf-1"));
}

/* veiviser-cli itself, as the dynamic linker would load it (what `ldd`
 * prints). */
static void
test_cli_not_linked (void)
{
  const char *cli = g_getenv ("VEIVISER_CLI");
  const char *argv[] = { cli, NULL };
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "LD_TRACE_LOADED_OBJECTS", "1", TRUE);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_nonnull (cli);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  if (strstr (out, "libglib-2.0") == NULL)
    {
      /* Under valgrind the dynamic linker is not the one that traces. */
      g_test_skip ("the dynamic linker did not list veiviser-cli's libraries");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (sheet_libraries); i++)
    if (strstr (out, sheet_libraries[i]) != NULL)
      g_error ("veiviser-cli loads %s at start-up:\n%s", sheet_libraries[i], out);
}

static void
test_missing_module (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VvLedgerReader) reader = vv_ledger_reader_new ();
      g_autoptr(VvUnits) units = NULL;
      g_autoptr(VvCorrections) corrections = NULL;
      g_autofree char *dir = g_dir_make_tmp ("veiviser-sheet-loader-XXXXXX", NULL);
      g_autofree char *out = g_build_filename (dir, "omposteringer.xlsx", NULL);

      g_setenv ("VEIVISER_MODULE_DIR", "/nonexistent/veiviser", TRUE);
      vv_i18n_init ("nb");

      g_assert_false (vv_ledger_reader_read_bytes (reader, zip_junk, sizeof zip_junk - 1,
                                                   "Regnskap 2024.xlsx", NULL, NULL, NULL, NULL,
                                                   NULL, &error));
      g_assert_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_READ);
      g_assert_nonnull (strstr (error->message, "Regnskap 2024.xlsx"));
      g_assert_nonnull (strstr (error->message, "/nonexistent/veiviser/libveiviser-sheet.so"));
      g_assert_nonnull (strstr (error->message, "regneark"));
      g_clear_error (&error);

      units = vv_units_new_from_data (NULL, "Ansvar;Navn;Fordeling\n4101;Bolig;257:100\n", -1,
                                      "u.csv", &error);
      g_assert_no_error (error);
      corrections = vv_corrections_new (NULL, units, 2024);
      vv_corrections_finish (corrections);
      g_assert_false (vv_corrections_write (corrections, out, &error));
      g_assert_error (error, VV_CORRECTIONS_ERROR, VV_CORRECTIONS_ERROR_WRITE);
      g_assert_nonnull (strstr (error->message, "omposteringer.xlsx"));
      g_assert_nonnull (strstr (error->message, "libveiviser-sheet.so"));
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
      g_rmdir (dir);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int    argc,
      char **argv)
{
  vv_i18n_init ("en");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sheet-loader/not-at-start", test_not_at_start);
  g_test_add_func ("/sheet-loader/cli-not-linked", test_cli_not_linked);
  g_test_add_func ("/sheet-loader/missing-module", test_missing_module);
  return g_test_run ();
}
