/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Spreadsheets written at test time from CSV rows (test-sheet,
 * test-sheet-quirks): an .xlsx with shared or inline strings (libxlsxwriter)
 * and an .ods as LibreOffice writes it (content.xml zipped with libgsf: runs
 * of empty cells as one repeated cell, each row padded to the sheet's 1024
 * columns, the unused rows as one repeated row). Each sheet may have a blank
 * row inside its data. */
#pragma once

#include <glib.h>
#include <gsf/gsf-outfile-zip.h>
#include <gsf/gsf-outfile.h>
#include <gsf/gsf-output-stdio.h>
#include <string.h>
#include <xlsxwriter.h>

typedef enum
{
  TEST_CELL_EMPTY,
  TEST_CELL_TEXT,
  TEST_CELL_NUMBER,
  TEST_CELL_CURRENCY,      /* a number shown as "kr 1 234,50" (.ods) */
} TestCellKind;

/* What the cell for @field (row @row, column @col of the CSV, header = row 0)
 * holds; for a number, @value gets its decimal text ("1471207.70"). */
typedef TestCellKind (*TestCellFunc) (guint       row,
                                      guint       col,
                                      const char *field,
                                      char      **value);

typedef struct
{
  const char   *name;
  GPtrArray    *rows;      /* GStrv each, or NULL for an empty sheet */
  TestCellFunc  cell;      /* NULL: test_cell_guess() */
} TestSheet;

#define TEST_SHEET_COLUMNS 1024
#define TEST_SHEET_ROWS 1048576

/* One line of a semicolon CSV; quotes only group (they are dropped). */
static inline GStrv
test_split_csv_line (const char *line)
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

/* The non-empty lines of the CSV at @path as rows of fields. */
static inline GPtrArray *
test_load_csv_rows (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize n = strlen (lines[i]);

      if (n > 0 && lines[i][n - 1] == '\r')
        lines[i][n - 1] = '\0';
      if (lines[i][0] != '\0')
        g_ptr_array_add (rows, test_split_csv_line (lines[i]));
    }
  return rows;
}

/* The decimal text a spreadsheet stores for a cell an ERP exports as a
 * number ("-1 362 250" → "-1362250", "412 345,67" → "412345.67"), or NULL for
 * text: words, empty cells, "-" for zero, and codes with a leading zero
 * ("010"), which a number would lose. */
static inline char *
test_number_value (const char *field)
{
  g_autofree char *t = g_strstrip (g_strdup (field));
  GString *s = g_string_new (NULL);
  const char *p = t;
  gboolean digits = FALSE, comma = FALSE;

  if (*p == '-')
    g_string_append_c (s, *p++);
  if (p[0] == '0' && g_ascii_isdigit (p[1]))
    goto text;
  for (; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (s, *p);
          digits = TRUE;
        }
      else if (*p == ' ' && digits && !comma && g_ascii_isdigit (p[1]))
        continue;
      else if (*p == ',' && digits && !comma)
        {
          g_string_append_c (s, '.');
          comma = TRUE;
        }
      else
        goto text;
    }
  if (digits)
    return g_string_free (s, FALSE);
text:
  g_string_free (s, TRUE);
  return NULL;
}

/* The header is text; below it, whatever looks like a number is one. */
static inline TestCellKind
test_cell_guess (guint       row,
                 guint       col,
                 const char *field,
                 char      **value)
{
  if (field[0] == '\0')
    return TEST_CELL_EMPTY;
  if (row > 0 && (*value = test_number_value (field)) != NULL)
    return TEST_CELL_NUMBER;
  return TEST_CELL_TEXT;
}

/* The row of the sheet CSV row @r goes to, with a blank row before CSV row
 * @blank_before (0: none). */
static inline guint
test_sheet_row (guint r,
                guint blank_before)
{
  return r + (blank_before > 0 && r >= blank_before ? 1 : 0);
}

/* The CSV of @rows (fields holding ';' quoted), with an empty line where
 * the sheets have their blank row. */
static inline void
test_write_csv (const char *path,
                GPtrArray  *rows,
                guint       blank_before)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint r = 0; r < rows->len; r++)
    {
      GStrv f = g_ptr_array_index (rows, r);

      if (blank_before > 0 && r == blank_before)
        g_string_append_c (s, '\n');
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
    }
  g_assert_true (g_file_set_contents (path, s->str, (gssize) s->len, &error));
  g_assert_no_error (error);
}

static inline void
test_write_xlsx (const char      *path,
                 const TestSheet *sheets,
                 guint            n_sheets,
                 gboolean         inline_strings,
                 guint            blank_before)
{
  g_autofree char *tmpdir = g_path_get_dirname (path);
  lxw_workbook_options options = { .constant_memory = inline_strings, .tmpdir = tmpdir };
  lxw_workbook *wb = workbook_new_opt (path, &options);

  g_assert_nonnull (wb);
  for (guint i = 0; i < n_sheets; i++)
    {
      lxw_worksheet *ws = workbook_add_worksheet (wb, sheets[i].name);
      TestCellFunc cell = sheets[i].cell ? sheets[i].cell : test_cell_guess;

      for (guint r = 0; sheets[i].rows != NULL && r < sheets[i].rows->len; r++)
        {
          GStrv f = g_ptr_array_index (sheets[i].rows, r);
          lxw_row_t row = test_sheet_row (r, blank_before);

          for (guint c = 0; f[c]; c++)
            {
              g_autofree char *value = NULL;

              switch (cell (r, c, f[c], &value))
                {
                case TEST_CELL_EMPTY:
                  break;
                case TEST_CELL_TEXT:
                  worksheet_write_string (ws, row, c, f[c], NULL);
                  break;
                case TEST_CELL_NUMBER:
                case TEST_CELL_CURRENCY:
                  worksheet_write_number (ws, row, c, g_ascii_strtod (value, NULL), NULL);
                  break;
                }
            }
        }
    }
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
}

static inline void
test_ods_table (GString         *s,
                const TestSheet *sheet,
                guint            blank_before)
{
  g_autofree char *esc_name = g_markup_escape_text (sheet->name, -1);
  TestCellFunc cell = sheet->cell ? sheet->cell : test_cell_guess;
  guint width = 1;

  for (guint r = 0; sheet->rows != NULL && r < sheet->rows->len; r++)
    width = MAX (width, g_strv_length (g_ptr_array_index (sheet->rows, r)));
  g_string_append_printf (s, "<table:table table:name=\"%s\">\n"
                          "<table:table-column table:number-columns-repeated=\"%u\"/>\n",
                          esc_name, width);
  for (guint r = 0; sheet->rows != NULL && r < sheet->rows->len; r++)
    {
      GStrv f = g_ptr_array_index (sheet->rows, r);
      guint empty = 0, written = 0;

      if (blank_before > 0 && r == blank_before)
        g_string_append_printf (s, "<table:table-row><table:table-cell "
                                "table:number-columns-repeated=\"%u\"/></table:table-row>\n",
                                TEST_SHEET_COLUMNS);
      g_string_append (s, "<table:table-row>");
      for (guint c = 0; f[c]; c++)
        {
          g_autofree char *value = NULL;
          g_autofree char *trimmed = g_strstrip (g_strdup (f[c]));
          g_autofree char *shown = g_markup_escape_text (trimmed, -1);
          TestCellKind kind = cell (r, c, f[c], &value);

          if (kind == TEST_CELL_EMPTY)
            {
              empty++;
              continue;
            }
          if (empty > 1)
            g_string_append_printf (s, "<table:table-cell "
                                    "table:number-columns-repeated=\"%u\"/>", empty);
          else if (empty == 1)
            g_string_append (s, "<table:table-cell/>");
          written += empty + 1;
          empty = 0;
          if (kind == TEST_CELL_NUMBER)
            g_string_append_printf (s, "<table:table-cell office:value-type=\"float\" "
                                    "office:value=\"%s\" calcext:value-type=\"float\">"
                                    "<text:p>%s</text:p></table:table-cell>", value, shown);
          else if (kind == TEST_CELL_CURRENCY)
            g_string_append_printf (s, "<table:table-cell office:value-type=\"currency\" "
                                    "office:currency=\"NOK\" office:value=\"%s\" "
                                    "calcext:value-type=\"currency\"><text:p>kr %s</text:p>"
                                    "</table:table-cell>", value, shown);
          else
            {
              g_autofree char *esc = g_markup_escape_text (f[c], -1);

              g_string_append_printf (s, "<table:table-cell office:value-type=\"string\" "
                                      "calcext:value-type=\"string\"><text:p>%s</text:p>"
                                      "</table:table-cell>", esc);
            }
        }
      g_string_append_printf (s, "<table:table-cell table:number-columns-repeated=\"%u\"/>"
                              "</table:table-row>\n", TEST_SHEET_COLUMNS - written);
    }
  g_string_append_printf (s, "<table:table-row table:number-rows-repeated=\"%u\">"
                          "<table:table-cell table:number-columns-repeated=\"%u\"/>"
                          "</table:table-row>\n</table:table>\n",
                          TEST_SHEET_ROWS - (sheet->rows ? sheet->rows->len + 1 : 0),
                          TEST_SHEET_COLUMNS);
}

static inline void
test_zip_member (GsfOutfile *zip,
                 const char *name,
                 const char *text,
                 gsize       len)
{
  GsfOutput *child = gsf_outfile_new_child (zip, name, FALSE);

  g_assert_true (gsf_output_write (child, len, (const guint8 *) text));
  g_assert_true (gsf_output_close (child));
  g_object_unref (child);
}

static inline void
test_write_ods (const char      *path,
                const TestSheet *sheets,
                guint            n_sheets,
                guint            blank_before)
{
  static const char mimetype[] = "application/vnd.oasis.opendocument.spreadsheet";
  static const char manifest[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" "
    "manifest:version=\"1.2\">\n"
    " <manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.2\" "
    "manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\n"
    " <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\n"
    "</manifest:manifest>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) s = g_string_new (NULL);
  GsfOutput *sink = gsf_output_stdio_new (path, &error);
  GsfOutfile *zip;

  g_assert_no_error (error);
  zip = gsf_outfile_zip_new (sink, &error);
  g_assert_no_error (error);
  test_zip_member (zip, "mimetype", mimetype, strlen (mimetype));
  test_zip_member (zip, "META-INF/manifest.xml", manifest, strlen (manifest));
  g_string_append (s,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<office:document-content "
                   "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                   "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
                   "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
                   "xmlns:calcext=\"urn:org:documentfoundation:names:experimental:calc:"
                   "xmlns:calcext:1.0\" office:version=\"1.2\">\n"
                   "<office:body>\n<office:spreadsheet>\n");
  for (guint i = 0; i < n_sheets; i++)
    test_ods_table (s, &sheets[i], blank_before);
  g_string_append (s, "</office:spreadsheet>\n</office:body>\n</office:document-content>\n");
  test_zip_member (zip, "content.xml", s->str, s->len);
  g_assert_true (gsf_output_close (GSF_OUTPUT (zip)));
  g_object_unref (zip);
  gsf_output_close (sink);
  g_object_unref (sink);
}
