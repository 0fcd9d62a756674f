/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sheet"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "test-sheet-util.h"

#include "vv-i18n.h"
#include "vv-ledger-reader.h"
#include "vv-sheet-private.h"
#include "vv-split.h"
#include "vv-units.h"

/* Fixtures are generated here from tests/ledger/sample-2024.csv (our own
 * sample): the same ledger as CSV, .xlsx (libxlsxwriter, with shared and with
 * inline strings) and .ods (LibreOffice's XML zipped with libgsf; see
 * test-sheet-util.h), each with a blank row after row BLANK_AFTER and an empty
 * sheet before the ledger. */
#define BLANK_AFTER 10

typedef struct
{
  GPtrArray *rows;     /* GStrv: the sample's fields */
  char      *dir;
} Fixture;

/* "1 471 207,70" → "1471207.70" (the decimal text a spreadsheet stores) */
static char *
amount_decimal (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (*p == ',')
      g_string_append_c (s, '.');
    else if (*p != ' ')
      g_string_append_c (s, *p);
  return g_string_free (s, FALSE);
}

/* År, Periode and Funksjon as numbers, Regnskap as a currency (what
 * LibreOffice writes: the value, and the text as shown), the rest text. */
static TestCellKind
sample_cell (guint       row,
             guint       col,
             const char *field,
             char      **value)
{
  if (field[0] == '\0')
    return TEST_CELL_EMPTY;
  if (row > 0 && (col == 0 || col == 1 || col == 3))
    {
      *value = g_strdup_printf ("%d", atoi (field));
      return TEST_CELL_NUMBER;
    }
  if (row > 0 && col == 7)
    {
      *value = amount_decimal (field);
      return TEST_CELL_CURRENCY;
    }
  return TEST_CELL_TEXT;
}

static void
fixture_load (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "ledger", "sample-2024.csv", NULL);

  fx->rows = test_load_csv_rows (path);
  fx->dir = g_dir_make_tmp ("vv-sheet-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_clear (Fixture *fx)
{
  g_autoptr(GDir) d = g_dir_open (fx->dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (fx->dir, name, NULL);

      g_unlink (p);
    }
  g_rmdir (fx->dir);
  g_free (fx->dir);
  g_ptr_array_unref (fx->rows);
}

/* The CSV, with the same blank line as the sheets' blank row. */
static char *
write_csv (Fixture *fx)
{
  char *path = g_build_filename (fx->dir, "ledger.csv", NULL);

  test_write_csv (path, fx->rows, BLANK_AFTER);
  return path;
}

/* An empty "Forside", the ledger, and @second_sheet holding a second
 * ledger (a budget), which is a question; notes would not be. */
static char *
write_xlsx (Fixture    *fx,
            const char *file,
            gboolean    inline_strings,
            const char *second_sheet)
{
  char *path = g_build_filename (fx->dir, file, NULL);
  g_autoptr(GPtrArray) budget = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  TestSheet sheets[] = {
    { "Forside", NULL, NULL },
    { "Hovedbok 2024", fx->rows, sample_cell },
    { second_sheet, budget, NULL },
  };

  g_ptr_array_add (budget, g_strsplit ("Ansvar;Funksjon;Beløp", ";", -1));
  g_ptr_array_add (budget, g_strsplit ("4101;254;1000", ";", -1));
  test_write_xlsx (path, sheets, second_sheet ? 3 : 2, inline_strings, BLANK_AFTER);
  return path;
}

static char *
write_ods (Fixture *fx)
{
  char *path = g_build_filename (fx->dir, "ledger.ods", NULL);
  TestSheet sheets[] = {
    { "Forside", NULL, NULL },
    { "Hovedbok 2024", fx->rows, sample_cell },
  };

  test_write_ods (path, sheets, G_N_ELEMENTS (sheets), BLANK_AFTER);
  return path;
}

static gboolean
on_line (const VvLedgerLine *line,
         gpointer            user_data)
{
  vv_split_add_line (user_data, line);
  return TRUE;
}

static char *
split_json (const char  *path,
            const char  *sheet,
            GError     **error)
{
  g_autoptr(GError) units_error = NULL;
  g_autofree char *units_path = g_test_build_filename (G_TEST_DIST, "ledger", "sample-units.csv",
                                                       NULL);
  g_autoptr(VvUnits) units = vv_units_new_from_file (NULL, units_path, &units_error);
  g_autoptr(VvLedgerReader) reader = vv_ledger_reader_new ();
  g_autoptr(VvSplit) split = vv_split_new (NULL, units);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  g_assert_no_error (units_error);
  vv_ledger_reader_set_sheet (reader, sheet);
  if (!vv_ledger_reader_read (reader, path, on_line, NULL, NULL, split, NULL, error))
    return NULL;
  g_assert_cmpuint (vv_ledger_reader_get_lines_rejected (reader), ==, 0);
  vv_split_finish (split);
  node = vv_split_to_json (split);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

static void
test_same_split (void)
{
  g_autoptr(GError) error = NULL;
  Fixture fx = { 0 };
  g_autofree char *csv = NULL, *xlsx = NULL, *xlsx_inline = NULL, *ods = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;

  fixture_load (&fx);
  csv = write_csv (&fx);
  xlsx = write_xlsx (&fx, "ledger.xlsx", FALSE, NULL);
  xlsx_inline = write_xlsx (&fx, "ledger-inline.xlsx", TRUE, NULL);
  ods = write_ods (&fx);

  a = split_json (csv, NULL, &error);
  g_assert_no_error (error);
  b = split_json (xlsx, NULL, &error);
  g_assert_no_error (error);
  c = split_json (xlsx_inline, NULL, &error);
  g_assert_no_error (error);
  d = split_json (ods, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (a, "\"lines_read\" : 196"));
  g_assert_cmpstr (b, ==, a);
  g_assert_cmpstr (c, ==, a);
  g_assert_cmpstr (d, ==, a);
  fixture_clear (&fx);
}

static void
test_sheets (void)
{
  g_autoptr(GError) error = NULL;
  Fixture fx = { 0 };
  g_autofree char *xlsx = NULL, *csv = NULL, *a = NULL, *b = NULL, *none = NULL;
  g_autoptr(VvLedgerReader) reader = vv_ledger_reader_new ();
  GPtrArray *names;

  fixture_load (&fx);
  csv = write_csv (&fx);
  xlsx = write_xlsx (&fx, "two.xlsx", FALSE, "Budsjett");

  /* Two sheets hold data: refused, naming them. */
  none = split_json (xlsx, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_SHEET);
  g_assert_nonnull (strstr (error->message, "«Hovedbok 2024», «Budsjett»"));
  g_clear_error (&error);

  /* --sheet chooses; a wrong name lists them all. */
  a = split_json (csv, NULL, &error);
  b = split_json (xlsx, "Hovedbok 2024", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a, ==, b);
  g_assert_null (split_json (xlsx, "Ark1", &error));
  g_assert_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_SHEET);
  g_assert_nonnull (strstr (error->message, "«Forside», «Hovedbok 2024», «Budsjett»"));
  g_clear_error (&error);

  /* The preview says what it read. */
  vv_ledger_reader_set_sheet (reader, "Hovedbok 2024");
  g_assert_true (vv_ledger_reader_detect (reader, xlsx, &error));
  g_assert_no_error (error);
  names = vv_ledger_reader_get_sheet_names (reader);
  g_assert_cmpuint (names->len, ==, 3);
  g_assert_cmpstr (vv_ledger_reader_get_sheet (reader), ==, "Hovedbok 2024");
  g_assert_cmpint (vv_ledger_reader_get_column (reader, VV_LEDGER_COLUMN_AMOUNT), ==, 7);
  g_assert_cmpuint (vv_ledger_reader_get_header_line (reader), ==, 1);
  fixture_clear (&fx);
}

static void
test_number_text (void)
{
  const struct { const char *in; const char *out; } cases[] = {
    { "1471207.7", "1471207,7" },
    { "1.4712077E6", "1471207,7" },
    { "-3E-2", "-0,03" },
    { "0.30000000000000004", "0,3" },
    { "254", "254" },
    { "2024", "2024" },
    { "12.345", "12,35" },
    { "-12.345", "-12,35" },
    { "0.005", "0,01" },
    { "-0.004", "0" },
    { "9.995", "10" },
    { "99.999", "100" },
    { ".5", "0,5" },
    { "1e3", "1000" },
    { "-261495", "-261495" },
    { "00042", "42" },
    { "123456789012345.67", "123456789012345,67" },
  };
  const char *bad[] = { "", "abc", "1.2.3", "1e", "#N/A", "1,5", "1e99" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) s = g_string_new (NULL);

      g_assert_true (_vv_sheet_number_text (cases[i].in, s));
      g_assert_cmpstr (s->str, ==, cases[i].out);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GString) s = g_string_new (NULL);

      g_assert_false (_vv_sheet_number_text (bad[i], s));
      g_assert_cmpstr (s->str, ==, "");
    }
}

/* A ZIP that is no spreadsheet, and a damaged sheet, fail with a message. */
static void
test_not_a_sheet (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VvLedgerReader) reader = vv_ledger_reader_new ();
  const char junk[] = "PK\003\004 this is not really a zip file at all";

  g_assert_false (vv_ledger_reader_read_bytes (reader, junk, sizeof junk - 1, "junk.xlsx", NULL,
                                               NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_NOT_TEXT);
}

int
main (int    argc,
      char **argv)
{
  vv_i18n_init (NULL);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sheet/same-split", test_same_split);
  g_test_add_func ("/sheet/sheets", test_sheets);
  g_test_add_func ("/sheet/number-text", test_number_text);
  g_test_add_func ("/sheet/not-a-sheet", test_not_a_sheet);
  return g_test_run ();
}
