/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sheet"

#include "config.h"

#include <glib/gstdio.h>
#include <gsf/gsf-outfile-zip.h>
#include <gsf/gsf-outfile.h>
#include <gsf/gsf-output-stdio.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "vv-i18n.h"
#include "vv-ledger-reader.h"
#include "vv-sheet-private.h"
#include "vv-split.h"
#include "vv-units.h"

/* Fixtures are generated here from tests/ledger/sample-2024.csv (our own
 * sample): the same ledger as CSV, .xlsx (libxlsxwriter, with shared and with
 * inline strings) and .ods (hand-written XML zipped with libgsf), each with a
 * blank row after row BLANK_AFTER and an empty sheet before the ledger. */
#define BLANK_AFTER 10

typedef struct
{
  GPtrArray *rows;     /* GStrv: the sample's fields */
  char      *dir;
} Fixture;

static GStrv
split_csv_line (const char *line)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  GString *f = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = line; ; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if ((*p == ';' && !quoted) || *p == '\0')
        {
          g_ptr_array_add (fields, g_string_free (f, FALSE));
          if (*p == '\0')
            break;
          f = g_string_new (NULL);
        }
      else
        g_string_append_c (f, *p);
    }
  g_ptr_array_add (fields, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&fields), FALSE);
}

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

static void
fixture_load (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "ledger", "sample-2024.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  lines = g_strsplit (text, "\n", -1);
  fx->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_ptr_array_add (fx->rows, split_csv_line (lines[i]));
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
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fx->dir, "ledger.csv", NULL);
  GString *s = g_string_new (NULL);

  for (guint r = 0; r < fx->rows->len; r++)
    {
      GStrv f = g_ptr_array_index (fx->rows, r);

      for (guint c = 0; f[c]; c++)
        {
          if (c)
            g_string_append_c (s, ';');
          if (strchr (f[c], ';'))
            g_string_append_printf (s, "\"%s\"", f[c]);
          else
            g_string_append (s, f[c]);
        }
      g_string_append_c (s, '\n');
      if (r + 1 == BLANK_AFTER)
        g_string_append_c (s, '\n');
    }
  g_assert_true (g_file_set_contents (path, s->str, s->len, &error));
  g_string_free (s, TRUE);
  return path;
}

static char *
write_xlsx (Fixture    *fx,
            const char *file,
            gboolean    inline_strings,
            const char *second_sheet)
{
  char *path = g_build_filename (fx->dir, file, NULL);
  g_autofree char *tmpdir = g_strdup (fx->dir);
  lxw_workbook_options options = { .constant_memory = inline_strings, .tmpdir = tmpdir };
  lxw_workbook *wb = workbook_new_opt (path, &options);
  lxw_worksheet *ws;

  workbook_add_worksheet (wb, "Forside");            /* empty */
  ws = workbook_add_worksheet (wb, "Hovedbok 2024");
  for (guint r = 0; r < fx->rows->len; r++)
    {
      GStrv f = g_ptr_array_index (fx->rows, r);
      lxw_row_t row = r + (r >= BLANK_AFTER ? 1 : 0);

      for (guint c = 0; f[c]; c++)
        {
          if (f[c][0] == '\0')
            continue;
          if (r > 0 && (c == 0 || c == 1 || c == 3))        /* År, Periode, Funksjon */
            worksheet_write_number (ws, row, c, atoi (f[c]), NULL);
          else if (r > 0 && c == 7)                         /* Regnskap */
            {
              g_autofree char *d = amount_decimal (f[c]);

              worksheet_write_number (ws, row, c, g_ascii_strtod (d, NULL), NULL);
            }
          else
            worksheet_write_string (ws, row, c, f[c], NULL);
        }
    }
  if (second_sheet != NULL)
    {
      lxw_worksheet *other = workbook_add_worksheet (wb, second_sheet);

      /* a second ledger (a budget), which is a question; notes would not be */
      worksheet_write_string (other, 0, 0, "Ansvar", NULL);
      worksheet_write_string (other, 0, 1, "Funksjon", NULL);
      worksheet_write_string (other, 0, 2, "Beløp", NULL);
      worksheet_write_number (other, 1, 0, 4101, NULL);
      worksheet_write_number (other, 1, 1, 254, NULL);
      worksheet_write_number (other, 1, 2, 1000, NULL);
    }
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
  return path;
}

static void
put (GsfOutput  *out,
     const char *text)
{
  g_assert_true (gsf_output_puts (out, text));
}

static void
ods_text_cell (GString    *s,
               const char *text)
{
  g_autofree char *esc = g_markup_escape_text (text, -1);

  g_string_append_printf (s, "<table:table-cell office:value-type=\"string\"><text:p>%s</text:p>"
                          "</table:table-cell>", esc);
}

static char *
write_ods (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fx->dir, "ledger.ods", NULL);
  GsfOutput *sink = gsf_output_stdio_new (path, &error);
  GsfOutfile *zip;
  GsfOutput *child;
  GString *s = g_string_new (NULL);

  g_assert_no_error (error);
  zip = gsf_outfile_zip_new (sink, &error);
  g_assert_no_error (error);

  child = gsf_outfile_new_child (zip, "mimetype", FALSE);
  put (child, "application/vnd.oasis.opendocument.spreadsheet");
  gsf_output_close (child);
  g_object_unref (child);

  g_string_append (s,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<office:document-content "
                   "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                   "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
                   "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
                   "office:version=\"1.2\">\n<office:body>\n<office:spreadsheet>\n"
                   "<table:table table:name=\"Forside\"><table:table-column/>"
                   "<table:table-row><table:table-cell/></table:table-row></table:table>\n"
                   "<table:table table:name=\"Hovedbok 2024\">\n"
                   "<table:table-column table:number-columns-repeated=\"8\"/>\n");
  for (guint r = 0; r < fx->rows->len; r++)
    {
      GStrv f = g_ptr_array_index (fx->rows, r);

      g_string_append (s, "<table:table-row>");
      for (guint c = 0; f[c]; c++)
        {
          if (f[c][0] == '\0')
            g_string_append (s, "<table:table-cell/>");
          else if (r > 0 && (c == 0 || c == 1 || c == 3))
            g_string_append_printf (s, "<table:table-cell office:value-type=\"float\" "
                                    "office:value=\"%s\"><text:p>%s</text:p>"
                                    "</table:table-cell>", f[c], f[c]);
          else if (r > 0 && c == 7)
            {
              g_autofree char *d = amount_decimal (f[c]);

              /* what LibreOffice writes: the value, and the text as shown */
              g_string_append_printf (s, "<table:table-cell office:value-type=\"currency\" "
                                      "office:currency=\"NOK\" office:value=\"%s\">"
                                      "<text:p>kr %s</text:p></table:table-cell>", d, f[c]);
            }
          else
            ods_text_cell (s, f[c]);
        }
      /* LibreOffice pads a row to the sheet's width with one repeated cell */
      g_string_append (s, "<table:table-cell table:number-columns-repeated=\"1016\"/>"
                          "</table:table-row>\n");
      if (r + 1 == BLANK_AFTER)
        g_string_append (s, "<table:table-row><table:table-cell "
                            "table:number-columns-repeated=\"1024\"/></table:table-row>\n");
    }
  g_string_append (s, "<table:table-row table:number-rows-repeated=\"1048000\">"
                      "<table:table-cell table:number-columns-repeated=\"1024\"/>"
                      "</table:table-row>\n</table:table>\n"
                      "</office:spreadsheet>\n</office:body>\n</office:document-content>\n");
  child = gsf_outfile_new_child (zip, "content.xml", FALSE);
  g_assert_true (gsf_output_write (child, s->len, (const guint8 *) s->str));
  gsf_output_close (child);
  g_object_unref (child);
  gsf_output_close (GSF_OUTPUT (zip));
  g_object_unref (zip);
  gsf_output_close (sink);
  g_object_unref (sink);
  g_string_free (s, TRUE);
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
