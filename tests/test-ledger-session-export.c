/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ledger-session-export"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "test-ledger-session-util.h"
#include "vv-corrections.h"
#include "vv-db.h"
#include "vv-i18n.h"
#include "vv-kostra-extract.h"
#include "vv-ledger-session.h"

/* Writing the ledger shown back: correction postings, a KOSTRA extract and
 * a corrected extract from vv_ledger_session_export_async(), what
 * vv_ledger_session_can_export() refuses and why, the cancel and error
 * paths (nothing written), and the provenance of the figures. */

/* helpers */

static void
import_ok (Fixture    *f,
           const char *name,
           const char *units)
{
  g_autofree char *ledger = sample_path (name);
  g_autofree char *units_path = units != NULL ? sample_path (units) : NULL;
  g_autoptr(GError) error = NULL;

  vv_ledger_session_import_async (f->session, ledger, NULL, units_path, NULL, store_result_cb, f);
  g_assert_true (vv_ledger_session_import_finish (f->session, wait_result (f), NULL, &error));
  g_assert_no_error (error);
  clear_result (f);
}

static void
set_unit (Fixture    *f,
          const char *ansvar,
          const char *allocation)
{
  g_autoptr(GError) error = NULL;

  vv_ledger_session_set_unit_async (f->session, ansvar, "Test", allocation, NULL,
                                    store_result_cb, f);
  g_assert_true (vv_ledger_session_set_unit_finish (f->session, wait_result (f), NULL, &error));
  g_assert_no_error (error);
  clear_result (f);
}

/* Runs an export; returns whether it wrote, with the error in @error. */
static gboolean
export (Fixture             *f,
        VvLedgerExportKind   kind,
        const char          *path,
        const char          *region,
        const char          *extract,
        GCancellable        *cancellable,
        guint               *n_written,
        GError             **error)
{
  gboolean ok;

  vv_ledger_session_export_async (f->session, kind, path, 0, region, NULL, extract, cancellable,
                                  store_result_cb, f);
  /* Exports run beside the other steps: the session is not busy. */
  g_assert_false (vv_ledger_session_get_busy (f->session));
  ok = vv_ledger_session_export_finish (f->session, wait_result (f), n_written, NULL, error);
  clear_result (f);
  return ok;
}

/* tests */

/* Without a units register nothing can be written back, and the reason
 * says so; a KOSTRA extract is refused while money has no unit. */
static void
test_can_export (Fixture       *f,
                 gconstpointer  user_data)
{
  g_autofree char *reason = NULL;
  g_autofree char *path = g_build_filename (f->dir, "c.csv", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (vv_ledger_session_can_export (f->session, VV_LEDGER_EXPORT_CORRECTIONS,
                                                &reason));
  g_assert_nonnull (strstr (reason, "Import a ledger"));
  g_clear_pointer (&reason, g_free);

  import_ok (f, "sample-2024.csv", NULL);
  g_assert_false (vv_ledger_session_can_export (f->session, VV_LEDGER_EXPORT_CORRECTIONS,
                                                &reason));
  g_assert_nonnull (strstr (reason, "units register"));
  g_clear_pointer (&reason, g_free);
  g_assert_false (export (f, VV_LEDGER_EXPORT_CORRECTIONS, path, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* With the register, 4990 still has 64 290 kr and no unit. */
  set_unit (f, "4101", "257:80 258:20");
  g_assert_true (vv_ledger_session_can_export (f->session, VV_LEDGER_EXPORT_CORRECTIONS, NULL));
  g_assert_false (vv_ledger_session_can_export (f->session, VV_LEDGER_EXPORT_KOSTRA, &reason));
  g_assert_nonnull (strstr (reason, "without a unit"));
  g_clear_pointer (&reason, g_free);
}

/* 2023 has no 257/258 to report: a KOSTRA extract is refused with the
 * reason, correction postings are not (they keep the money on 254). */
static void
test_year_2023 (Fixture       *f,
                gconstpointer  user_data)
{
  g_autofree char *reason = NULL;

  import_ok (f, "sample-2023.csv", "sample-units.csv");
  g_assert_true (vv_ledger_session_can_export (f->session, VV_LEDGER_EXPORT_CORRECTIONS, NULL));
  g_assert_false (vv_ledger_session_can_export (f->session, VV_LEDGER_EXPORT_KOSTRA, &reason));
  g_assert_nonnull (strstr (reason, "2023"));
  g_clear_pointer (&reason, g_free);
  g_assert_false (vv_ledger_session_can_export (f->session, VV_LEDGER_EXPORT_KOSTRA_CORRECTED,
                                                &reason));
  g_assert_nonnull (strstr (reason, "2024"));
}

/* The postings written from the stored ledger are those of the core from
 * the same lines; .xlsx too; a wrong suffix writes nothing. */
static void
test_corrections (Fixture       *f,
                  gconstpointer  user_data)
{
  g_autofree char *csv = g_build_filename (f->dir, "omposteringer.csv", NULL);
  g_autofree char *xlsx = g_build_filename (f->dir, "omposteringer.xlsx", NULL);
  g_autofree char *txt = g_build_filename (f->dir, "omposteringer.txt", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  import_ok (f, "sample-2024.csv", "sample-units.csv");
  g_assert_true (export (f, VV_LEDGER_EXPORT_CORRECTIONS, csv, NULL, NULL, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, >, 10);
  g_assert_true (g_file_get_contents (csv, &text, NULL, &error));
  g_assert_true (g_str_has_prefix (text, VV_CORRECTIONS_HEADER "\n"));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines) - 2, ==, n);

  g_assert_true (export (f, VV_LEDGER_EXPORT_CORRECTIONS, xlsx, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (xlsx, G_FILE_TEST_IS_REGULAR));

  g_assert_false (export (f, VV_LEDGER_EXPORT_CORRECTIONS, txt, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, VV_CORRECTIONS_ERROR, VV_CORRECTIONS_ERROR_FORMAT);
  g_assert_false (g_file_test (txt, G_FILE_TEST_EXISTS));
}

/* An ERP books on its own accounts (class digit, KOSTRA art, a local
 * digit: "11150"); the postings carry them so that the accountant can post
 * them back, as `veiviser-cli corrections` does from the file, and every
 * ansvar × account still nets to zero. */
static void
test_local_art_codes (Fixture       *f,
                      gconstpointer  user_data)
{
  g_autofree char *csv = g_build_filename (f->dir, "omposteringer.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) net = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) lines = NULL;
  GHashTableIter iter;
  gpointer value;
  guint n = 0, n_local = 0;

  import_ok (f, "import/local-art-codes.csv", "import/local-art-units.csv");
  g_assert_true (export (f, VV_LEDGER_EXPORT_CORRECTIONS, csv, NULL, NULL, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv, &text, NULL, &error));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (n, ==, 8);
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ";", -1);
      g_autofree char *key = NULL;
      gint64 *sum;
      gint64 ore;

      g_assert_cmpuint (g_strv_length (fields), >=, 4);
      /* the account as booked, never the KOSTRA art alone */
      g_assert_true (g_strv_contains ((const char * const[]) { "11150", "11990", "16300", NULL },
                                      fields[1]));
      n_local++;
      g_assert_true (vv_amount_parse (fields[3], strlen (fields[3]), ',', &ore, NULL));
      key = g_strdup_printf ("%s × %s", fields[0], fields[1]);
      sum = g_hash_table_lookup (net, key);
      if (sum == NULL)
        {
          sum = g_new0 (gint64, 1);
          g_hash_table_insert (net, g_steal_pointer (&key), sum);
        }
      *sum += ore;
    }
  g_assert_cmpuint (n_local, ==, n);
  g_assert_cmpuint (g_hash_table_size (net), ==, 4);
  g_hash_table_iter_init (&iter, net);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_assert_cmpint (*(gint64 *) value, ==, 0);
}

/* Cancelled, nothing is written and an existing file is left alone; a
 * folder that does not exist is an error, not a crash. */
static void
test_cancel_and_error (Fixture       *f,
                       gconstpointer  user_data)
{
  g_autofree char *csv = g_build_filename (f->dir, "omposteringer.csv", NULL);
  g_autofree char *dat = g_build_filename (f->dir, "kostra.dat", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no", "such", "folder.csv", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  import_ok (f, "sample-2024.csv", "sample-units.csv");
  g_file_set_contents (csv, "old", -1, &error);
  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  g_assert_false (export (f, VV_LEDGER_EXPORT_CORRECTIONS, csv, NULL, NULL, cancellable, NULL,
                          &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (csv, &text, NULL, &error));
  g_assert_cmpstr (text, ==, "old");

  set_unit (f, "4990", "258:100");
  g_assert_false (export (f, VV_LEDGER_EXPORT_KOSTRA, dat, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, VV_KOSTRA_ERROR, VV_KOSTRA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (export (f, VV_LEDGER_EXPORT_KOSTRA, dat, "4601", NULL, NULL, NULL, &error));
  g_assert_error (error, VV_KOSTRA_ERROR, VV_KOSTRA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (export (f, VV_LEDGER_EXPORT_KOSTRA, dat, "460100", NULL, cancellable, NULL,
                          &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (g_file_test (dat, G_FILE_TEST_EXISTS));

  g_assert_false (export (f, VV_LEDGER_EXPORT_CORRECTIONS, missing, NULL, NULL, NULL, NULL,
                          &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* The region, orgnr and year the dialog checks as they are typed. */
  g_assert_true (vv_ledger_session_check_kostra (f->session, "460100", "", 2024, NULL));
  g_assert_true (vv_ledger_session_check_kostra (f->session, "460100", "964338531", 2024, NULL));
  g_assert_false (vv_ledger_session_check_kostra (f->session, "46010x", NULL, 2024, &error));
  g_assert_error (error, VV_KOSTRA_ERROR, VV_KOSTRA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (vv_ledger_session_check_kostra (f->session, "460100", "12345", 2024, &error));
  g_assert_error (error, VV_KOSTRA_ERROR, VV_KOSTRA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (vv_ledger_session_check_kostra (f->session, "460100", NULL, 2023, &error));
  g_assert_error (error, VV_KOSTRA_ERROR, VV_KOSTRA_ERROR_INVALID);
}

/* The extract written from the stored ledger, and an existing one
 * corrected; one of another year, or with an unreadable line, is refused. */
static void
test_kostra (Fixture       *f,
             gconstpointer  user_data)
{
  g_autofree char *dat = g_build_filename (f->dir, "kostra.dat", NULL);
  g_autofree char *old = g_build_filename (f->dir, "old.dat", NULL);
  g_autofree char *fixed = g_build_filename (f->dir, "fixed.dat", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  import_ok (f, "sample-2024.csv", "sample-units.csv");
  set_unit (f, "4990", "258:100");
  g_assert_true (export (f, VV_LEDGER_EXPORT_KOSTRA, dat, "460100", NULL, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (dat, &text, NULL, &error));
  g_assert_cmpuint (strlen (text), ==, n * (VV_KOSTRA_RECORD_LEN + 1));
  g_assert_null (strstr (text, "1254 "));
  g_assert_cmpuint (vv_kostra_check (NULL, text, strlen (text), NULL, NULL), ==, 0);

  g_file_set_contents (old, "0A2024 460100                  1254 010     1720\n"
                            "0A2024 460100                  1253 010    37800\n", -1, &error);
  g_assert_no_error (error);
  g_assert_true (export (f, VV_LEDGER_EXPORT_KOSTRA_CORRECTED, fixed, NULL, old, NULL, &n,
                         &error));
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (fixed, &text, NULL, &error));
  g_assert_null (strstr (text, "1254 "));
  g_assert_nonnull (strstr (text, "1253 010    37800"));

  g_file_set_contents (old, "0A2025 460100                  1254 010     1720\n", -1, &error);
  g_assert_false (export (f, VV_LEDGER_EXPORT_KOSTRA_CORRECTED, fixed, NULL, old, NULL, NULL,
                          &error));
  g_assert_error (error, VV_KOSTRA_ERROR, VV_KOSTRA_ERROR_MIXED);
  g_clear_error (&error);
  g_file_set_contents (old, "0A2024 460100                  1254 010     1720\nnonsense\n", -1,
                       &error);
  g_assert_false (export (f, VV_LEDGER_EXPORT_KOSTRA_CORRECTED, fixed, NULL, old, NULL, NULL,
                          &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  /* The file from the good run is still there, whole. */
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (fixed, &text, NULL, &error));
  g_assert_null (strstr (text, "1254 "));
}

/* Where the figures come from: a CSV names no region and is in kroner; a
 * KOSTRA extract names its region and orgnr and is in 1000 kr; an export
 * booked on local service codes says so. */
static void
test_provenance (Fixture       *f,
                 gconstpointer  user_data)
{
  g_autoptr(VvLedgerProvenance) csv = NULL;
  g_autoptr(VvLedgerProvenance) dat = NULL;
  g_autoptr(VvLedgerProvenance) codes = NULL;

  g_assert_null (vv_ledger_session_dup_provenance (f->session));
  import_ok (f, "sample-2024.csv", "sample-units.csv");
  csv = vv_ledger_session_dup_provenance (f->session);
  g_assert_cmpstr (csv->file_name, ==, "sample-2024.csv");
  g_assert_cmpstr (csv->format, ==, "csv");
  g_assert_cmpint (csv->year, ==, 2024);
  g_assert_null (csv->region);
  g_assert_false (csv->thousands);
  g_assert_cmpuint (csv->n_units, ==, 8);
  g_assert_null (csv->service_code);

  import_ok (f, "kostra-2024-small.dat", NULL);
  dat = vv_ledger_session_dup_provenance (f->session);
  g_assert_cmpstr (dat->file_name, ==, "kostra-2024-small.dat");
  g_assert_cmpstr (dat->format, ==, "kostra");
  g_assert_cmpint (dat->year, ==, 2024);
  g_assert_cmpstr (dat->region, ==, "460100");
  g_assert_null (dat->orgnr);
  g_assert_true (dat->thousands);
  g_assert_null (dat->service_code);

  /* functions read from local service codes (tjeneste 25710 → 257) */
  import_ok (f, "quirks/visma-local-codes.csv", NULL);
  codes = vv_ledger_session_dup_provenance (f->session);
  g_assert_cmpstr (codes->file_name, ==, "visma-local-codes.csv");
  g_assert_cmpstr (codes->service_code, ==, "25710");
  g_assert_cmpuint (codes->lines_service_code, ==, 5);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  vv_i18n_init ("en");

#define ADD(path, func) \
  g_test_add ("/ledger-session-export/" path, Fixture, NULL, fixture_setup, func, \
              fixture_teardown)
  ADD ("can-export", test_can_export);
  ADD ("year-2023", test_year_2023);
  ADD ("corrections", test_corrections);
  ADD ("local-art-codes", test_local_art_codes);
  ADD ("cancel-and-error", test_cancel_and_error);
  ADD ("kostra", test_kostra);
  ADD ("provenance", test_provenance);
#undef ADD

  return g_test_run ();
}
