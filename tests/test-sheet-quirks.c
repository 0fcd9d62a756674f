/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sheet-quirks"

#include "config.h"

#include <glib/gstdio.h>
#include <gsf/gsf-outfile-zip.h>
#include <gsf/gsf-outfile.h>
#include <gsf/gsf-output-stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <xlsxwriter.h>

#include "vv-i18n.h"

/* The quirk fixtures (the CSV files in tests/ledger/quirks/) as the spreadsheets an
 * accountant gets from the ERP: each CSV is turned here into an .xlsx with
 * shared strings, an .xlsx with inline strings (libxlsxwriter) and an .ods
 * (the XML LibreOffice writes, zipped with libgsf). Codes with a leading
 * zero stay text, other numbers become numeric cells; each workbook has a
 * blank row inside the data and more than one sheet. The CLI must give the
 * byte-identical split, or the same refusal, for all of them. */

#define BLANK_AFTER 2      /* a blank row after this many rows (header included) */

typedef struct
{
  char      *dir;
  GPtrArray *rows;         /* GStrv */
} Ledger;

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

static GPtrArray *
load_rows (const char *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "ledger", "quirks", file, NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize n = strlen (lines[i]);

      if (n > 0 && lines[i][n - 1] == '\r')
        lines[i][n - 1] = '\0';
      if (lines[i][0] != '\0')
        g_ptr_array_add (rows, split_csv_line (lines[i]));
    }
  return rows;
}

/* The decimal text a spreadsheet stores for a cell an ERP exports as a
 * number ("-1 362 250" → "-1362250", "412 345,67" → "412345.67"), or NULL for
 * text: words, empty cells, "-" for zero, and codes with a leading zero
 * ("010"), which a number would lose. */
static char *
number_value (const char *field)
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

/* The row of the sheet a ledger row goes to: one blank row inside the data. */
static guint
sheet_row (guint r)
{
  return r + (r >= BLANK_AFTER ? 1 : 0);
}

static char *
write_csv (const char *dir,
           const char *name,
           GPtrArray  *rows)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  GString *s = g_string_new (NULL);

  for (guint r = 0; r < rows->len; r++)
    {
      GStrv f = g_ptr_array_index (rows, r);

      if (r == BLANK_AFTER)
        g_string_append_c (s, '\n');
      for (guint c = 0; f[c]; c++)
        g_string_append_printf (s, c ? ";%s" : "%s", f[c]);
      g_string_append_c (s, '\n');
    }
  g_assert_true (g_file_set_contents (path, s->str, s->len, &error));
  g_string_free (s, TRUE);
  return path;
}

static void
xlsx_sheet (lxw_worksheet *ws,
            GPtrArray     *rows)
{
  for (guint r = 0; r < rows->len; r++)
    {
      GStrv f = g_ptr_array_index (rows, r);

      for (guint c = 0; f[c]; c++)
        {
          g_autofree char *num = r > 0 ? number_value (f[c]) : NULL;

          if (num != NULL)
            worksheet_write_number (ws, sheet_row (r), c, g_ascii_strtod (num, NULL), NULL);
          else if (f[c][0] != '\0')
            worksheet_write_string (ws, sheet_row (r), c, f[c], NULL);
        }
    }
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
  g_autofree char *tmpdir = g_strdup (dir);
  lxw_workbook_options options = { .constant_memory = inline_strings, .tmpdir = tmpdir };
  lxw_workbook *wb = workbook_new_opt (path, &options);

  if (second == NULL)
    workbook_add_worksheet (wb, "Forside");
  xlsx_sheet (workbook_add_worksheet (wb, "Hovedbok"), rows);
  if (second != NULL)
    xlsx_sheet (workbook_add_worksheet (wb, second), second_rows);
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
  return path;
}

static void
ods_table (GString    *s,
           const char *name,
           GPtrArray  *rows)
{
  g_autofree char *esc_name = g_markup_escape_text (name, -1);

  g_string_append_printf (s, "<table:table table:name=\"%s\">\n"
                          "<table:table-column table:number-columns-repeated=\"12\"/>\n",
                          esc_name);
  for (guint r = 0; rows != NULL && r < rows->len; r++)
    {
      GStrv f = g_ptr_array_index (rows, r);
      guint empty = 0;

      if (r == BLANK_AFTER)
        g_string_append (s, "<table:table-row><table:table-cell "
                            "table:number-columns-repeated=\"1024\"/></table:table-row>\n");
      g_string_append (s, "<table:table-row>");
      for (guint c = 0; f[c]; c++)
        {
          g_autofree char *num = r > 0 ? number_value (f[c]) : NULL;

          if (f[c][0] == '\0')
            {
              empty++;
              continue;
            }
          /* LibreOffice writes a run of empty cells as one, repeated */
          if (empty > 1)
            g_string_append_printf (s, "<table:table-cell "
                                    "table:number-columns-repeated=\"%u\"/>", empty);
          else if (empty == 1)
            g_string_append (s, "<table:table-cell/>");
          empty = 0;
          if (num != NULL)
            {
              g_autofree char *trimmed = g_strstrip (g_strdup (f[c]));
              g_autofree char *shown = g_markup_escape_text (trimmed, -1);

              g_string_append_printf (s, "<table:table-cell office:value-type=\"float\" "
                                      "office:value=\"%s\" calcext:value-type=\"float\">"
                                      "<text:p>%s</text:p></table:table-cell>", num, shown);
            }
          else
            {
              g_autofree char *esc = g_markup_escape_text (f[c], -1);

              g_string_append_printf (s, "<table:table-cell office:value-type=\"string\" "
                                      "calcext:value-type=\"string\"><text:p>%s</text:p>"
                                      "</table:table-cell>", esc);
            }
        }
      g_string_append (s, "<table:table-cell table:number-columns-repeated=\"1012\"/>"
                          "</table:table-row>\n");
    }
  g_string_append (s, "<table:table-row table:number-rows-repeated=\"1048000\">"
                      "<table:table-cell table:number-columns-repeated=\"1024\"/>"
                      "</table:table-row>\n</table:table>\n");
}

static void
zip_member (GsfOutfile *zip,
            const char *name,
            const char *text)
{
  GsfOutput *child = gsf_outfile_new_child (zip, name, FALSE);

  g_assert_true (gsf_output_write (child, strlen (text), (const guint8 *) text));
  gsf_output_close (child);
  g_object_unref (child);
}

/* Sheets: "Hovedbok" then "Ark2" (empty), or @second after "Hovedbok". */
static char *
write_ods (const char *dir,
           const char *name,
           GPtrArray  *rows,
           const char *second,
           GPtrArray  *second_rows)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  GsfOutput *sink = gsf_output_stdio_new (path, &error);
  GsfOutfile *zip;
  GString *s = g_string_new (NULL);

  g_assert_no_error (error);
  zip = gsf_outfile_zip_new (sink, &error);
  g_assert_no_error (error);
  zip_member (zip, "mimetype", "application/vnd.oasis.opendocument.spreadsheet");
  zip_member (zip, "META-INF/manifest.xml",
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              "<manifest:manifest "
              "xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" "
              "manifest:version=\"1.2\">\n"
              " <manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.2\" "
              "manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\n"
              " <manifest:file-entry manifest:full-path=\"content.xml\" "
              "manifest:media-type=\"text/xml\"/>\n</manifest:manifest>\n");
  g_string_append (s,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<office:document-content "
                   "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                   "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
                   "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
                   "xmlns:calcext=\"urn:org:documentfoundation:names:experimental:calc:"
                   "xmlns:calcext:1.0\" office:version=\"1.2\">\n"
                   "<office:body>\n<office:spreadsheet>\n");
  ods_table (s, "Hovedbok", rows);
  ods_table (s, second ? second : "Ark2", second_rows);
  g_string_append (s, "</office:spreadsheet>\n</office:body>\n</office:document-content>\n");
  zip_member (zip, "content.xml", s->str);
  gsf_output_close (GSF_OUTPUT (zip));
  g_object_unref (zip);
  gsf_output_close (sink);
  g_object_unref (sink);
  g_string_free (s, TRUE);
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
