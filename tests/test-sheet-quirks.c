/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sheet-quirks"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "test-sheet-util.h"

#include "vv-i18n.h"

/* The quirk fixtures (the CSV files in tests/ledger/quirks/) as the spreadsheets an
 * accountant gets from the ERP: each CSV is turned here into an .xlsx with
 * shared strings, an .xlsx with inline strings (libxlsxwriter) and an .ods
 * (the XML LibreOffice writes, zipped with libgsf; see test-sheet-util.h).
 * Codes with a leading zero stay text, other numbers become numeric cells
 * (test_cell_guess()); each workbook has a blank row inside the data and
 * more than one sheet. The CLI must give the byte-identical split, or the
 * same refusal, for all of them. */

#define BLANK_AFTER 2      /* a blank row after this many rows (header included) */

static GPtrArray *
load_rows (const char *file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "ledger", "quirks", file, NULL);

  return test_load_csv_rows (path);
}

static char *
write_csv (const char *dir,
           const char *name,
           GPtrArray  *rows)
{
  char *path = g_build_filename (dir, name, NULL);

  test_write_csv (path, rows, BLANK_AFTER);
  return path;
}

/* Sheets: "Forside" (empty) before "Hovedbok", or @second after it. */
static char *
write_xlsx (const char *dir,
            const char *name,
            GPtrArray  *rows,
            gboolean    inline_strings,
            const char *second,
            GPtrArray  *second_rows)
{
  char *path = g_build_filename (dir, name, NULL);
  TestSheet with_cover[] = { { "Forside", NULL, NULL }, { "Hovedbok", rows, NULL } };
  TestSheet with_second[] = { { "Hovedbok", rows, NULL }, { second, second_rows, NULL } };

  test_write_xlsx (path, second ? with_second : with_cover, 2, inline_strings, BLANK_AFTER);
  return path;
}

/* Sheets: "Hovedbok" then "Ark2" (empty), or @second after "Hovedbok". */
static char *
write_ods (const char *dir,
           const char *name,
           GPtrArray  *rows,
           const char *second,
           GPtrArray  *second_rows)
{
  char *path = g_build_filename (dir, name, NULL);
  TestSheet sheets[] = { { "Hovedbok", rows, NULL }, { second ? second : "Ark2", second_rows, NULL } };

  test_write_ods (path, sheets, G_N_ELEMENTS (sheets), BLANK_AFTER);
  return path;
}

/* ------------------------------------------------------------------ the CLI */

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliRun;

static void
cli_run_clear (CliRun *run)
{
  g_free (run->out);
  g_free (run->err);
}

static void
run_cli (const char         *path,
         const char * const *options,
         CliRun             *run)
{
  g_autofree char *units = g_test_build_filename (G_TEST_DIST, "ledger", "sample-units.csv",
                                                  NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *err = NULL;
  int wait_status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("VEIVISER_CLI"));
  g_ptr_array_add (argv, (char *) "split");
  g_ptr_array_add (argv, (char *) path);
  g_ptr_array_add (argv, (char *) "--units");
  g_ptr_array_add (argv, units);
  g_ptr_array_add (argv, (char *) "--json");
  for (guint k = 0; options != NULL && options[k] != NULL; k++)
    g_ptr_array_add (argv, (char *) options[k]);
  g_ptr_array_add (argv, NULL);
  envp = g_environ_unsetenv (envp, "LANGUAGE");
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
  /* the messages name the file: the same message for each variant */
  {
    g_auto(GStrv) parts = g_strsplit (err, path, -1);

    run->err = g_strjoinv ("FILE", parts);
  }
}

static char *
compact (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (*p != ' ' && *p != '\n')
      g_string_append_c (s, *p);
  return g_string_free (s, FALSE);
}

typedef struct
{
  const char *file;
  const char *options[4];
  int         status;
  const char *text;       /* in stderr when status != 0, else in the JSON (without blanks) */
} QuirkCase;

/* The quirks of test-ledger-quirks' CLI cases that a spreadsheet can hold
 * (the KOSTRA .dat and UTF-16 files are text by nature), with the same
 * figures. */
static const QuirkCase quirk_cases[] = {
  { "visma-local-codes.csv", { NULL }, 0, "\"257\":36434567,\"258\":17697593" },
  { "visma-local-codes.csv", { "--function-code", "prefix", NULL }, 0,
    "\"257\":36434567,\"258\":17697593" },
  { "visma-local-codes.csv", { "--function-code", "exact", NULL }, 2,
    "FILE:2: field “Tjeneste”: “25710” is not a function (3 digits)" },
  { "agresso-kontoklasse.csv", { NULL }, 0, "\"258\":100250025" },
  { "kostra-1000kr.csv", { NULL }, 2, "choose whether they are kroner or thousand kroner" },
  { "kostra-1000kr.csv", { "--unit", "1000kr", NULL }, 0, "\"257\":1421100000,\"258\":1287700000" },
  { "kostra-1000kr.csv", { "--unit", "kr", NULL }, 0, "\"257\":1421100,\"258\":1287700" },
  { "multi-year.csv", { NULL }, 2, "FILE: the file holds several years (2023, 2024); "
    "choose one (--year YYYY)" },
  { "multi-year.csv", { "--year", "2024", NULL }, 0, "\"257\":12000000,\"258\":8000001" },
  { "multi-region.csv", { "--year", "2024", NULL }, 2,
    "FILE: the file holds several regions (4601, 4602); choose one (--region CODE)" },
  { "multi-region.csv", { "--region", "4602", NULL }, 0, "\"257\":50,\"258\":20000000" },
  { "nynorsk.csv", { NULL }, 0, "\"254\":99999999" },
  { "nynorsk.csv", { "--amount-column", "revidert budsjett", NULL }, 0, "\"254\":95000000" },
  { "wide-per-year.csv", { NULL }, 2, "several columns hold amounts (“2013”, “2014”, “2015”)" },
  { "wide-per-year.csv", { "--year", "2013", NULL }, 0, "\"254\":63775000" },
  { "wide-per-year.csv", { "--year", "2015", NULL }, 0, "\"254\":100700" },
};

static void
check_text (const CliRun    *run,
            const QuirkCase *c,
            const char      *variant)
{
  g_autofree char *out = compact (run->out);

  if (run->status != c->status)
    g_error ("%s (%s): exit %d, expected %d: %s", c->file, variant, run->status, c->status,
             run->err);
  if (strstr (c->status ? run->err : out, c->text) == NULL)
    g_error ("%s (%s): “%s” not in: %s", c->file, variant, c->text, c->status ? run->err : out);
}

static void
test_quirks (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vv-sheet-quirks-XXXXXX", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (quirk_cases); i++)
    {
      const QuirkCase *c = &quirk_cases[i];
      g_autoptr(GPtrArray) rows = load_rows (c->file);
      g_autofree char *base = g_strndup (c->file, strlen (c->file) - 4);
      g_autofree char *csv_name = g_strconcat (base, ".csv", NULL);
      g_autofree char *xlsx_name = g_strconcat (base, ".xlsx", NULL);
      g_autofree char *inline_name = g_strconcat (base, "-inline.xlsx", NULL);
      g_autofree char *ods_name = g_strconcat (base, ".ods", NULL);
      char *paths[4] = {
        write_csv (dir, csv_name, rows),
        write_xlsx (dir, xlsx_name, rows, FALSE, NULL, NULL),
        write_xlsx (dir, inline_name, rows, TRUE, NULL, NULL),
        write_ods (dir, ods_name, rows, NULL, NULL),
      };
      CliRun runs[4] = { { 0 } };

      for (guint v = 0; v < 4; v++)
        {
          run_cli (paths[v], c->options, &runs[v]);
          check_text (&runs[v], c, paths[v]);
        }
      for (guint v = 1; v < 4; v++)
        {
          /* the same split to the byte, or the same refusal */
          g_assert_cmpstr (runs[v].out, ==, runs[0].out);
          g_assert_cmpstr (runs[v].err, ==, runs[0].err);
        }
      for (guint v = 0; v < 4; v++)
        {
          g_unlink (paths[v]);
          g_free (paths[v]);
          cli_run_clear (&runs[v]);
        }
    }
  g_rmdir (dir);
}

/* --sheet: a workbook with two ledgers is refused naming them; --sheet picks
 * one; a name not there is refused naming the sheets there are. */
static void
test_sheet_option (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vv-sheet-quirks-XXXXXX", &error);
  g_autoptr(GPtrArray) visma = load_rows ("visma-local-codes.csv");
  g_autoptr(GPtrArray) agresso = load_rows ("agresso-kontoklasse.csv");
  g_autofree char *csv_visma = write_csv (dir, "visma.csv", visma);
  g_autofree char *csv_agresso = write_csv (dir, "agresso.csv", agresso);
  char *books[2] = {
    write_xlsx (dir, "two.xlsx", visma, FALSE, "Investering", agresso),
    write_ods (dir, "two.ods", visma, "Investering", agresso),
  };
  const char *first[] = { "--sheet", "Hovedbok", NULL };
  const char *second[] = { "--sheet", "Investering", NULL };
  const char *unknown[] = { "--sheet", "Ark1", NULL };
  CliRun want_visma = { 0 }, want_agresso = { 0 };

  run_cli (csv_visma, NULL, &want_visma);
  run_cli (csv_agresso, NULL, &want_agresso);
  g_assert_cmpint (want_visma.status, ==, 0);
  g_assert_cmpint (want_agresso.status, ==, 0);
  for (guint b = 0; b < 2; b++)
    {
      CliRun run = { 0 };

      run_cli (books[b], NULL, &run);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_nonnull (strstr (run.err, "FILE: several sheets hold data («Hovedbok», "
                                "«Investering»); choose one (--sheet NAME)"));
      cli_run_clear (&run);

      run_cli (books[b], first, &run);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.out, ==, want_visma.out);
      cli_run_clear (&run);

      run_cli (books[b], second, &run);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.out, ==, want_agresso.out);
      cli_run_clear (&run);

      run_cli (books[b], unknown, &run);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_nonnull (strstr (run.err, "FILE: there is no sheet “Ark1”; the sheets are "
                                "«Hovedbok», «Investering»"));
      cli_run_clear (&run);
      g_unlink (books[b]);
      g_free (books[b]);
    }
  cli_run_clear (&want_visma);
  cli_run_clear (&want_agresso);
  g_unlink (csv_visma);
  g_unlink (csv_agresso);
  g_rmdir (dir);
}

/* A cover page and notes beside the one ledger are no question: the ledger
 * is read without --sheet; a second ledger is (test_sheet_option). */
static void
test_cover_sheet (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vv-sheet-quirks-XXXXXX", &error);
  g_autoptr(GPtrArray) visma = load_rows ("visma-local-codes.csv");
  g_autoptr(GPtrArray) cover = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *csv = write_csv (dir, "visma.csv", visma);
  char *books[2];
  CliRun want = { 0 };

  g_ptr_array_add (cover, g_strsplit ("Hovedbokutskrift;Visma Enterprise", ";", -1));
  g_ptr_array_add (cover, g_strsplit ("Utskrevet;12.03.2025", ";", -1));
  g_ptr_array_add (cover, g_strsplit ("Utvalg;Periode 202401-202412", ";", -1));
  books[0] = write_xlsx (dir, "cover.xlsx", visma, FALSE, "Utvalg", cover);
  books[1] = write_ods (dir, "cover.ods", visma, "Utvalg", cover);
  run_cli (csv, NULL, &want);
  g_assert_cmpint (want.status, ==, 0);
  for (guint b = 0; b < 2; b++)
    {
      CliRun run = { 0 };

      run_cli (books[b], NULL, &run);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.out, ==, want.out);
      cli_run_clear (&run);
      g_unlink (books[b]);
      g_free (books[b]);
    }
  cli_run_clear (&want);
  g_unlink (csv);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  vv_i18n_init (NULL);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sheet-quirks/same-split", test_quirks);
  g_test_add_func ("/sheet-quirks/sheet-option", test_sheet_option);
  g_test_add_func ("/sheet-quirks/cover-sheet", test_cover_sheet);
  return g_test_run ();
}
