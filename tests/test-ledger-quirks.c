/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ledger-quirks"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "vv-i18n.h"
#include "vv-ledger-reader-private.h"
#include "vv-ledger-reader.h"
#include "vv-split.h"
#include "vv-units.h"

/* Real exports as they come (issue 13), each fixture written here in the
 * shape of a municipal ERP or KOSTRA export, asserting totals to the øre or
 * the exact refusal. */

typedef struct
{
  VvSplit *split;
  gint64   total;
  guint    n;
  guint    last_art;
  int      last_year;
} Run;

static gboolean
on_line (const VvLedgerLine *line,
         gpointer            user_data)
{
  Run *run = user_data;

  vv_split_add_line (run->split, line);
  run->total += line->amount_ore;
  run->n++;
  run->last_art = line->art;
  run->last_year = line->year;
  return TRUE;
}

static VvUnits *
units (void)
{
  g_autoptr(GError) error = NULL;
  VvUnits *u = vv_units_new_from_data (NULL, "Ansvar;Navn;Fordeling\n"
                                       "4101;Solbakken;257:80 258:20\n"
                                       "4200;Sone nord;258:100\n", -1, "u.csv", &error);

  g_assert_no_error (error);
  return u;
}

/* Reads @data; returns the split (finished), or NULL with @error. */
static VvSplit *
run_read (VvLedgerReader *reader,
          const char     *data,
          gssize          len,
          Run            *run,
          GError        **error)
{
  g_autoptr(VvUnits) u = units ();

  memset (run, 0, sizeof *run);
  run->split = vv_split_new (NULL, u);
  if (!vv_ledger_reader_read_bytes (reader, data, len < 0 ? strlen (data) : (gsize) len,
                                    "quirk.csv", on_line, NULL, NULL, run, NULL, error))
    {
      g_clear_object (&run->split);
      return NULL;
    }
  g_assert_cmpuint (vv_ledger_reader_get_lines_rejected (reader), ==, 0);
  vv_split_finish (run->split);
  return run->split;
}

static gboolean
has_finding (VvSplit    *split,
             const char *code)
{
  GPtrArray *f = vv_split_get_findings (split);

  for (guint i = 0; i < f->len; i++)
    if (g_str_equal (((VvSplitFinding *) g_ptr_array_index (f, i))->code, code))
      return TRUE;
  return FALSE;
}

/* 5-digit local arts and tjeneste codes, rows with extra fields. */
static void
test_local_codes (void)
{
  const char *data =
    "År;Ansvar;Ansvar(T);Tjeneste;Art;Tekst;Beløp\n"
    "2024;4101;Solbakken;25710;11150;Lønn;1 000 000,50\n"
    "2024;4101;Solbakken;25710;16300;Husleie;-50 000,25;;ekstra;\n"   /* rent → 265 */
    "2024;4200;Sone nord;25810;18100;Tilskudd HVPU;-10 000,00;x\n"      /* HVPU → 840 */
    "2024;4200;Sone nord;25810;12300;Vedlikehold;2 000,00\n";           /* upkeep → 265 */
  g_autoptr(VvLedgerReader) reader = vv_ledger_reader_new ();
  g_autoptr(GError) error = NULL;
  Run run;
  VvSplit *split = run_read (reader, data, -1, &run, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (run.n, ==, 4);
  g_assert_cmpint (vv_split_get_booked (split, 257), ==, 100000050 - 5000025);
  g_assert_cmpint (vv_split_get_booked (split, 258), ==, -1000000 + 200000);
  g_assert_true (has_finding (split, "rent-income"));
  g_assert_true (has_finding (split, "hvpu-grant"));
  g_assert_true (has_finding (split, "building-maintenance"));
  g_object_unref (split);
}

/* A kontoklasse column, and the class digit in the art: investment lines
 * are never summed with operating lines. */
static void
test_kontoklasse (void)
{
  const char *data =
    "År;Ansvar;Funksjon;Art;Kontoklasse;Beløp\n"
    "2024;4200;258;010;D;1 000,00\n"
    "2024;4200;258;010;I;9 999,00\n"
    "2024;4200;258;010;1;1,00\n"
    "2024;4200;258;010;0;7,00\n";
  const char *digit =
    "År;Ansvar;Funksjon;Art;Beløp\n"
    "2024;4200;258;1010;1 000,00\n"
    "2024;4200;258;01010;9 999,00\n"      /* investment by its class digit */
    "2024;4200;258;30100;5,00\n";
  g_autoptr(VvLedgerReader) reader = vv_ledger_reader_new ();
  g_autoptr(GError) error = NULL;
  Run run;
  VvSplit *split = run_read (reader, data, -1, &run, &error);

  g_assert_no_error (error);
  g_assert_cmpint (vv_ledger_reader_get_column (reader, VV_LEDGER_COLUMN_CLASS), ==, 4);
  g_assert_cmpint (vv_split_get_booked (split, 258), ==, 100100);
  g_assert_cmpuint (vv_split_get_lines_excluded (split), ==, 2);
  g_object_unref (split);

  split = run_read (reader, digit, -1, &run, &error);
  g_assert_no_error (error);
  g_assert_cmpint (vv_split_get_booked (split, 258), ==, 100000);
  g_assert_cmpuint (vv_split_get_lines_excluded (split), ==, 2);
  g_object_unref (split);
}

/* Amounts in whole 1000 kr: said in the header, or asked about. */
static void
test_thousands (void)
{
  const char *said = "År;Ansvar;Funksjon;Art;Beløp (1000 kr)\n2024;4200;258;010;1 234\n";
  const char *kostra_csv = "Region;Kontoklasse;Funksjon;Art;Beløp\n"
                           "460100;1;258;010;1234\n460100;1;258;020;-5\n";
  g_autoptr(VvLedgerReader) reader = vv_ledger_reader_new ();
  g_autoptr(GError) error = NULL;
  Run run;
  VvSplit *split = run_read (reader, said, -1, &run, &error);

  g_assert_no_error (error);
  g_assert_cmpint (vv_ledger_reader_get_unit (reader), ==, VV_LEDGER_UNIT_THOUSANDS);
  g_assert_cmpint (run.total, ==, 123400000);
  g_object_unref (split);

  g_object_unref (reader);
  reader = vv_ledger_reader_new ();
  vv_ledger_reader_set_year (reader, 2024);
  g_assert_null (run_read (reader, kostra_csv, -1, &run, &error));
  g_assert_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_UNIT);
  g_assert_nonnull (strstr (error->message, "--unit kr or --unit 1000kr"));
  g_clear_error (&error);

  vv_ledger_reader_set_unit (reader, VV_LEDGER_UNIT_THOUSANDS);
  split = run_read (reader, kostra_csv, -1, &run, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run.total, ==, 122900000);
  g_object_unref (split);
  vv_ledger_reader_set_unit (reader, VV_LEDGER_UNIT_KR);
  split = run_read (reader, kostra_csv, -1, &run, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run.total, ==, 122900);
  g_object_unref (split);
}

/* Several years or regions: refused naming them, unless one is chosen. */
static void
test_several (void)
{
  const char *years = "År;Ansvar;Funksjon;Art;Beløp\n"
                      "2023;4200;254;010;100,00\n2024;4200;258;010;200,00\n"
                      "2024;4200;258;010;0,01\n";
  const char *regions = "Kommunenr;År;Ansvar;Funksjon;Art;Beløp\n"
                        "4601;2024;4200;258;010;100,00\n4602;2024;4200;258;010;200,00\n";
  g_autoptr(VvLedgerReader) reader = vv_ledger_reader_new ();
  g_autoptr(GError) error = NULL;
  Run run;
  VvSplit *split;

  g_assert_null (run_read (reader, years, -1, &run, &error));
  g_assert_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_SEVERAL);
  g_assert_nonnull (strstr (error->message, "several years (2023, 2024)"));
  g_clear_error (&error);
  vv_ledger_reader_set_year (reader, 2024);
  split = run_read (reader, years, -1, &run, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run.total, ==, 20001);
  g_assert_cmpuint (vv_ledger_reader_get_lines_other (reader), ==, 1);
  g_object_unref (split);

  g_assert_null (run_read (reader, regions, -1, &run, &error));
  g_assert_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_SEVERAL);
  g_assert_nonnull (strstr (error->message, "several regions (4601, 4602)"));
  g_clear_error (&error);
  vv_ledger_reader_set_region (reader, "460200");
  split = run_read (reader, regions, -1, &run, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run.total, ==, 20000);
  g_assert_cmpstr (vv_ledger_reader_get_region (reader), ==, "460200");
  g_object_unref (split);
}

/* Nynorsk headers, several amount columns, one amount column per year. */
static void
test_amount_columns (void)
{
  const char *nn = "ansvar;teneste;konto;rekneskap_2011\n4200;25410;1010;1 000,00\n";
  const char *two = "Ansvar;Funksjon;Art;Regnskap 2023;Regnskap 2024;Budsjett 2024\n"
                    "4200;258;010;1,00;2,00;3,00\n";
  const char *budget = "År;Ansvar;Funksjon;Art;Regnskap;Budsjett;Revidert budsjett\n"
                       "2024;4200;258;010;1,00;2,00;3,00\n";
  const char *wide = "Ansvar;Tjeneste;Art;2013;2014\n4200;25410;1010;-1 362 250;-   \n";
  g_autoptr(VvLedgerReader) reader = vv_ledger_reader_new ();
  g_autoptr(GError) error = NULL;
  Run run;
  VvSplit *split = run_read (reader, nn, -1, &run, &error);

  g_assert_no_error (error);
  g_assert_cmpint (run.total, ==, 100000);
  g_assert_cmpint (run.last_year, ==, 2011);
  g_assert_cmpuint (run.last_art, ==, 10);
  g_assert_cmpint (vv_split_get_booked (split, 254), ==, 100000);
  g_object_unref (split);

  g_object_unref (reader);
  reader = vv_ledger_reader_new ();
  g_assert_null (run_read (reader, two, -1, &run, &error));
  g_assert_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_DUPLICATE_COLUMN);
  g_assert_nonnull (strstr (error->message, "“Regnskap 2023”, “Regnskap 2024”"));
  /* asked, not half-answered: no column is the amount's (the import dialog
   * would take it) */
  g_assert_cmpint (vv_ledger_reader_get_column (reader, VV_LEDGER_COLUMN_AMOUNT), ==, -1);
  g_clear_error (&error);
  vv_ledger_reader_set_year (reader, 2024);
  split = run_read (reader, two, -1, &run, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run.total, ==, 200);
  g_assert_cmpstr (vv_ledger_reader_get_amount_column_name (reader), ==, "Regnskap 2024");
  g_object_unref (split);
  vv_ledger_reader_set_year (reader, 0);
  vv_ledger_reader_set_default_year (reader, 2023);
  vv_ledger_reader_set_column_name (reader, VV_LEDGER_COLUMN_AMOUNT, "Budsjett 2024");
  split = run_read (reader, two, -1, &run, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run.total, ==, 300);
  g_object_unref (split);
  vv_ledger_reader_set_column_name (reader, VV_LEDGER_COLUMN_AMOUNT, "Prognose");
  g_assert_null (run_read (reader, two, -1, &run, &error));
  g_assert_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_MISSING_COLUMN);
  g_clear_error (&error);

  g_object_unref (reader);
  reader = vv_ledger_reader_new ();
  split = run_read (reader, budget, -1, &run, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run.total, ==, 100);
  g_object_unref (split);

  g_object_unref (reader);
  reader = vv_ledger_reader_new ();
  g_assert_null (run_read (reader, wide, -1, &run, &error));
  g_assert_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_DUPLICATE_COLUMN);
  g_clear_error (&error);
  vv_ledger_reader_set_year (reader, 2013);
  split = run_read (reader, wide, -1, &run, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run.total, ==, -136225000);
  g_assert_cmpint (run.last_year, ==, 2013);
  g_object_unref (split);
}

/* Two columns read as ansvar: asked, neither taken; a column chosen for
 * another role is no candidate, so the other one is the ansvar. */
static void
test_two_ansvar_columns (void)
{
  const char *text = "År;Ansvar;Avdeling;Funksjon;Art;Beløp\n"
                     "2024;4101;41;254;010;120 000,01\n"
                     "2024;4200;42;254;010;80 000,00\n";
  g_autoptr(VvLedgerReader) reader = vv_ledger_reader_new ();
  g_autoptr(GError) error = NULL;
  Run run;
  VvSplit *split;

  g_assert_null (run_read (reader, text, -1, &run, &error));
  g_assert_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_DUPLICATE_COLUMN);
  g_assert_nonnull (strstr (error->message, "“Ansvar”"));
  g_assert_nonnull (strstr (error->message, "“Avdeling”"));
  g_assert_cmpint (vv_ledger_reader_get_column (reader, VV_LEDGER_COLUMN_ANSVAR), ==, -1);
  g_clear_error (&error);

  /* "Avdeling" chosen as the art (by index, as the dialog does; by header,
   * as --column does): "Ansvar" is the ansvar */
  for (guint by_name = 0; by_name < 2; by_name++)
    {
      g_object_unref (reader);
      reader = vv_ledger_reader_new ();
      if (by_name)
        vv_ledger_reader_set_column_name (reader, VV_LEDGER_COLUMN_ART, "Avdeling");
      else
        vv_ledger_reader_set_column (reader, VV_LEDGER_COLUMN_ART, 2);
      split = run_read (reader, text, -1, &run, &error);
      g_assert_no_error (error);
      g_assert_cmpint (run.total, ==, 20000001);
      g_assert_cmpint (vv_ledger_reader_get_column (reader, VV_LEDGER_COLUMN_ANSVAR), ==, 1);
      g_assert_cmpuint (run.last_art, ==, 42);
      g_object_unref (split);
    }
}

/* Local service codes (tjeneste 25710 → function 257): read by their first
 * three digits and said so, or refused when the column is to hold
 * functions only. */
static void
count_reject (guint64     line_no,
              const char *field,
              const char *message,
              gpointer    user_data)
{
  GString *s = user_data;

  g_string_append_printf (s, "%" G_GUINT64_FORMAT ": %s\n", line_no, message);
}

static void
test_service_codes (void)
{
  const char *local = "År;Ansvar;Tjeneste;Art;Beløp\n"
                      "2024;4101;25710;010;1 000,01\n"
                      "2024;4200;2581;010;-0,02\n"          /* 4 digits, not led by 0 */
                      "2024;4200;258;010;3,00\n";
  const char *functions = "År;Ansvar;Funksjon;Art;Beløp\n"
                          "2024;4101;257;010;1,00\n2024;4200;0258;010;2,00\n";
  g_autoptr(VvLedgerReader) reader = vv_ledger_reader_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) rejects = g_string_new (NULL);
  Run run;
  VvSplit *split;

  /* the preview already says what the column holds */
  g_assert_true (vv_ledger_reader_detect_bytes (reader, local, strlen (local), "l.csv", &error));
  g_assert_no_error (error);
  g_assert_cmpint (vv_ledger_reader_get_function_code (reader), ==,
                   VV_LEDGER_FUNCTION_CODE_PREFIX);
  g_assert_cmpstr (vv_ledger_reader_get_function_code_example (reader), ==, "25710");

  split = run_read (reader, local, -1, &run, &error);
  g_assert_no_error (error);
  g_assert_cmpint (vv_ledger_reader_get_function_code (reader), ==,
                   VV_LEDGER_FUNCTION_CODE_PREFIX);
  g_assert_cmpuint (vv_ledger_reader_get_lines_service_code (reader), ==, 2);
  g_assert_cmpint (vv_split_get_booked (split, 257), ==, 100001);
  g_assert_cmpint (vv_split_get_booked (split, 258), ==, 298);
  g_object_unref (split);

  vv_ledger_reader_set_function_code (reader, VV_LEDGER_FUNCTION_CODE_PREFIX);
  split = run_read (reader, local, -1, &run, &error);
  g_assert_no_error (error);
  g_assert_cmpint (vv_split_get_booked (split, 257), ==, 100001);
  g_object_unref (split);

  /* functions only: the service codes are lines that cannot be read */
  vv_ledger_reader_set_function_code (reader, VV_LEDGER_FUNCTION_CODE_EXACT);
  g_assert_true (vv_ledger_reader_read_bytes (reader, local, strlen (local), "l.csv", NULL,
                                              count_reject, NULL, rejects, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (vv_ledger_reader_get_lines_read (reader), ==, 1);
  g_assert_cmpuint (vv_ledger_reader_get_lines_rejected (reader), ==, 2);
  g_assert_cmpstr (rejects->str, ==,
                   "2: “25710” is not a function (3 digits); if it is a service code whose "
                   "first three digits are the function, say so (--function-code prefix)\n"
                   "3: “2581” is not a function (3 digits); if it is a service code whose "
                   "first three digits are the function, say so (--function-code prefix)\n");

  /* functions: nothing to say; 0258 is a function */
  g_object_unref (reader);
  reader = vv_ledger_reader_new ();
  split = run_read (reader, functions, -1, &run, &error);
  g_assert_no_error (error);
  g_assert_cmpint (vv_ledger_reader_get_function_code (reader), ==,
                   VV_LEDGER_FUNCTION_CODE_EXACT);
  g_assert_null (vv_ledger_reader_get_function_code_example (reader));
  g_assert_cmpuint (vv_ledger_reader_get_lines_service_code (reader), ==, 0);
  g_assert_cmpint (vv_split_get_booked (split, 258), ==, 200);
  g_object_unref (split);
}

/* Quarterly KOSTRA files: 254 is a warning in Q1-Q3; several quarters refused. */
static void
test_quarters (void)
{
  const char *q2 = "0A20242460100                  1254 010     1450\n"
                   "0A20242460100                  1258 010      100\n";
  const char *both = "0A20241460100                  1258 010     1450\n"
                     "0A20242460100                  1258 010     2000\n";
  g_autoptr(VvLedgerReader) reader = vv_ledger_reader_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *findings;
  Run run;
  VvSplit *split = run_read (reader, q2, -1, &run, &error);
  gboolean seen = FALSE;

  g_assert_no_error (error);
  g_assert_cmpint (vv_ledger_reader_get_quarter (reader), ==, 2);
  findings = vv_split_get_findings (split);
  for (guint i = 0; i < findings->len; i++)
    {
      const VvSplitFinding *f = g_ptr_array_index (findings, i);

      if (g_str_equal (f->code, "expired-function"))
        {
          g_assert_cmpint (f->severity, ==, VV_SPLIT_SEVERITY_WARNING);
          seen = TRUE;
        }
    }
  g_assert_true (seen);
  g_object_unref (split);

  g_assert_null (run_read (reader, both, -1, &run, &error));
  g_assert_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_SEVERAL);
  g_assert_nonnull (strstr (error->message, "several quarters (1, 2)"));
}

/* Excel's "Unicode text": UTF-16LE with a BOM, tab-separated; converted. */
static void
test_utf16 (void)
{
  const char *text = "År\tAnsvar\tFunksjon\tArt\tTekst\tBeløp\r\n"
                     "2024\t4101\t257\t1010\tLønn Solbakken\t1 234,56\r\n"
                     "2024\t4200\t258\t1010\tLønn\t-0,56\r\n";
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  g_autofree char *utf16 = g_convert (text, -1, "UTF-16LE", "UTF-8", NULL, &len, &error);
  g_autofree char *with_bom = g_malloc (len + 2);
  g_autofree char *be = g_convert (text, -1, "UTF-16BE", "UTF-8", NULL, NULL, NULL);
  g_autoptr(VvLedgerReader) reader = vv_ledger_reader_new ();
  Run run;
  VvSplit *split;

  g_assert_no_error (error);
  memcpy (with_bom, "\xff\xfe", 2);
  memcpy (with_bom + 2, utf16, len);
  split = run_read (reader, with_bom, len + 2, &run, &error);
  g_assert_no_error (error);
  g_assert_cmpint (vv_ledger_reader_get_separator (reader), ==, '\t');
  g_assert_cmpint (run.total, ==, 123400);
  g_assert_cmpint (vv_split_get_booked (split, 257), ==, 123456);
  g_object_unref (split);

  /* without a BOM: every other byte zero */
  split = run_read (reader, utf16, len, &run, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run.total, ==, 123400);
  g_object_unref (split);
  split = run_read (reader, be, len, &run, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run.total, ==, 123400);
  g_object_unref (split);
}

/* A UTF-16 export of several chunks (1 MiB each), with a character pair
 * (U+1F600, a surrogate pair in UTF-16) cut by the first chunk boundary and
 * a 3-byte character at the second: converted chunk by chunk, to the øre. */
typedef struct
{
  Run      run;
  guint    texts_ok;
} Utf16Run;

static gboolean
on_utf16_line (const VvLedgerLine *line,
               gpointer            user_data)
{
  Utf16Run *u = user_data;

  if (g_str_has_suffix (line->text, "x\xf0\x9f\x98\x80") || g_str_has_suffix (line->text, "x\xe2\x82\xac"))
    u->texts_ok++;
  return on_line (line, &u->run);
}

static void
append_utf16 (GByteArray *out,
              const char *text,
              gboolean    big)
{
  gsize n = 0;
  g_autofree char *u = g_convert (text, -1, big ? "UTF-16BE" : "UTF-16LE", "UTF-8", NULL, &n,
                                  NULL);

  g_assert_nonnull (u);
  g_byte_array_append (out, (const guint8 *) u, n);
}

static GByteArray *
utf16_ledger (gboolean  big,
              gint64   *total)
{
  GByteArray *out = g_byte_array_new ();
  const char *special[] = { "\xf0\x9f\x98\x80", "\xe2\x82\xac" };   /* 😀 (2 units), € */
  guint i = 0;

  *total = 0;
  if (!big)
    g_byte_array_append (out, (const guint8 *) "\xff\xfe", 2);
  append_utf16 (out, "År\tAnsvar\tFunksjon\tArt\tTekst\tBeløp\r\n", big);
  for (guint b = 1; b <= 2; b++)
    {
      gsize boundary = b * CHUNK_SIZE;
      /* the special character's first code unit ends 2 bytes before the boundary
       * (the pair straddles it), or starts right on it */
      gsize at = b == 1 ? boundary - 2 : boundary;
      GString *line = g_string_new (NULL);

      while (out->len + 200 < at)
        {
          g_autofree char *l = g_strdup_printf ("2024\t4101\t257\t1010\tLønn\t%u,%02u\r\n",
                                                i / 100, i % 100);

          append_utf16 (out, l, big);
          *total += i++;
        }
      g_string_append (line, "2024\t4200\t258\t1010\t");
      while (out->len + 2 * line->len < at)
        g_string_append_c (line, 'x');
      g_assert_cmpuint (out->len + 2 * line->len, ==, at);
      g_string_append_printf (line, "%s\t1 000,01\r\n", special[b - 1]);
      *total += 100001;
      append_utf16 (out, line->str, big);
      g_string_free (line, TRUE);
    }
  append_utf16 (out, "2024\t4101\t257\t1010\tSiste\t-0,02\r\n", big);
  *total -= 2;
  g_assert_cmpuint (out->len, >, 2 * CHUNK_SIZE);
  return out;
}

static void
test_utf16_stream (void)
{
  for (int big = 0; big <= 1; big++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VvUnits) u = units ();
      g_autoptr(VvLedgerReader) reader = vv_ledger_reader_new ();
      gint64 total = 0;
      g_autoptr(GByteArray) data = utf16_ledger (big, &total);
      g_autofree char *dir = g_dir_make_tmp ("vv-utf16-XXXXXX", &error);
      g_autofree char *path = g_build_filename (dir, "unicode.txt", NULL);

      g_assert_no_error (error);
      g_assert_true (g_file_set_contents (path, (const char *) data->data, data->len, &error));
      for (int from_file = 0; from_file <= 1; from_file++)
        {
          Utf16Run run = { { 0 } };
          gboolean ok;

          run.run.split = vv_split_new (NULL, u);
          if (from_file)
            ok = vv_ledger_reader_read (reader, path, on_utf16_line, NULL, NULL, &run, NULL,
                                        &error);
          else
            ok = vv_ledger_reader_read_bytes (reader, (const char *) data->data, data->len,
                                              "unicode.txt", on_utf16_line, NULL, NULL, &run,
                                              NULL, &error);
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpuint (vv_ledger_reader_get_lines_rejected (reader), ==, 0);
          g_assert_cmpint (vv_ledger_reader_get_separator (reader), ==, '\t');
          g_assert_cmpuint (run.texts_ok, ==, 2);
          g_assert_cmpint (run.run.total, ==, total);
          vv_split_finish (run.run.split);
          g_assert_cmpint (vv_split_get_booked (run.run.split, 258), ==, 200002);
          g_assert_cmpint (vv_split_get_booked (run.run.split, 257), ==, total - 200002);
          g_object_unref (run.run.split);
        }
      g_unlink (path);
      g_rmdir (dir);
    }
}

/* The converter alone, fed a byte at a time and in odd pieces: a code unit
 * or a character pair cut anywhere comes out whole; a lone surrogate is an
 * error naming the byte. */
static void
test_utf16_pieces (void)
{
  const char *text = "Løn;\xf0\x9f\x98\x80;\xe2\x82\xac 1\n";
  gsize n = 0;
  g_autofree char *le = g_convert (text, -1, "UTF-16LE", "UTF-8", NULL, &n, NULL);
  const char lone[] = { 'a', 0, 0x00, (char) 0xDC, 'b', 0 };

  for (gsize step = 1; step <= 5; step++)
    {
      VvLedgerUtf16 *u = _vv_ledger_utf16_new ("\xff\xfe", 2);
      GString *got = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      const char *out;
      gssize k;

      for (gsize off = 0; off < n; off += step)
        {
          k = _vv_ledger_utf16_next (u, le + off, MIN (step, n - off), &out, "t", &error);
          g_assert_no_error (error);
          g_string_append_len (got, out, k);
        }
      k = _vv_ledger_utf16_next (u, NULL, 0, &out, "t", &error);
      g_assert_no_error (error);
      g_assert_cmpint (k, ==, 0);
      g_assert_cmpstr (got->str, ==, text);
      g_string_free (got, TRUE);
      _vv_ledger_utf16_free (u);
    }
  {
    VvLedgerUtf16 *u = _vv_ledger_utf16_new ("\xff\xfe", 2);
    g_autoptr(GError) error = NULL;
    const char *out;

    g_assert_cmpint (_vv_ledger_utf16_next (u, lone, sizeof lone, &out, "t.txt", &error), ==, -1);
    g_assert_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_ENCODING);
    g_assert_nonnull (strstr (error->message, "t.txt: "));
    g_assert_nonnull (strstr (error->message, "before byte 4"));
    _vv_ledger_utf16_free (u);
  }
}

/* The CLI's reader options on the fixtures in tests/ledger/quirks/ (written
 * for these tests in the shapes of Visma, Agresso/Unit4, SSB and Excel
 * exports): exit codes, messages naming what the file holds, totals. */
typedef struct
{
  const char *file;
  const char *options[4];
  int         status;
  const char *text;       /* in stderr when status != 0, else in the JSON */
} CliCase;

static const CliCase cli_cases[] = {
  { "multi-year.csv", { NULL }, 2, "multi-year.csv: the file holds several years (2023, 2024); "
    "choose one (--year YYYY)" },
  { "multi-year.csv", { "--year", "2024", NULL }, 0, "\"257\":12000000,\"258\":8000001" },
  { "multi-year.csv", { "--year", "2025", NULL }, 2, "no lines of 2025; the file holds 2023, 2024" },
  { "multi-region.csv", { "--year", "2024", NULL }, 2,
    "multi-region.csv: the file holds several regions (4601, 4602); choose one (--region CODE)" },
  { "multi-region.csv", { "--region", "4602", NULL }, 0, "\"257\":50,\"258\":20000000" },
  { "kostra-1000kr.csv", { NULL }, 2, "choose whether they are kroner or thousand kroner" },
  { "kostra-1000kr.csv", { "--unit", "1000kr", NULL }, 0, "\"257\":1421100000,\"258\":1287700000" },
  { "kostra-1000kr.csv", { "--unit", "kr", NULL }, 0, "\"257\":1421100,\"258\":1287700" },
  { "kostra-1000kr.csv", { "--unit", "mil", NULL }, 2, "--unit: “mil” is not kr or 1000kr" },
  { "agresso-kontoklasse.csv", { NULL }, 0, "\"258\":100250025" },
  { "visma-local-codes.csv", { "--function-code", "prefix", NULL }, 0,
    "\"257\":36434567,\"258\":17697593" },
  { "visma-local-codes.csv", { "--function-code", "exact", NULL }, 2,
    "visma-local-codes.csv:2: field “Tjeneste”: “25710” is not a function (3 digits); if it is "
    "a service code whose first three digits are the function, say so (--function-code "
    "prefix)" },
  { "visma-local-codes.csv", { "--function-code", "3", NULL }, 2,
    "--function-code: “3” is not prefix or exact" },
  { "visma-local-codes.csv", { NULL }, 0, "\"257\":36434567,\"258\":17697593" },
  { "nynorsk.csv", { NULL }, 0, "\"254\":99999999" },
  { "nynorsk.csv", { "--amount-column", "revidert budsjett", NULL }, 0, "\"254\":95000000" },
  { "nynorsk.csv", { "--column", "amount=Prognose", NULL }, 2,
    "there is no column “Prognose” (the columns are “rekneskapsår”" },
  { "nynorsk.csv", { "--column", "colour=x", NULL }, 2, "--column: “colour=x” is not ROLE=HEADER" },
  { "wide-per-year.csv", { NULL }, 2, "several columns hold amounts (“2013”, “2014”, “2015”)" },
  { "wide-per-year.csv", { "--year", "2013", NULL }, 0, "\"254\":63775000" },
  { "wide-per-year.csv", { "--year", "2015", NULL }, 0, "\"254\":100700" },
  { "quarterly-q2.dat", { NULL }, 0, "\"severity\":\"warning\",\"code\":\"expired-function\"" },
  { "quarters-1-2.dat", { NULL }, 2, "several quarters (1, 2)" },
  { "utf16le.txt", { NULL }, 0, "\"257\":123456,\"258\":-56" },
  { "utf16be.txt", { NULL }, 0, "\"257\":123456,\"258\":-56" },
};

static void
test_cli_options (void)
{
  const char *src = g_getenv ("G_TEST_SRCDIR");
  g_autofree char *units = g_build_filename (src, "ledger", "sample-units.csv", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cli_cases); i++)
    {
      const CliCase *c = &cli_cases[i];
      g_autofree char *path = g_build_filename (src, "ledger", "quirks", c->file, NULL);
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autofree char *out = NULL, *err = NULL, *compact = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) envp = g_get_environ ();
      int wait_status = 0;

      g_ptr_array_add (argv, (char *) g_getenv ("VEIVISER_CLI"));
      g_ptr_array_add (argv, (char *) "split");
      g_ptr_array_add (argv, path);
      g_ptr_array_add (argv, (char *) "--units");
      g_ptr_array_add (argv, units);
      g_ptr_array_add (argv, (char *) "--json");
      for (guint k = 0; c->options[k] != NULL; k++)
        g_ptr_array_add (argv, (char *) c->options[k]);
      g_ptr_array_add (argv, NULL);
      envp = g_environ_unsetenv (envp, "LANGUAGE");
      envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
      g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL,
                                   NULL, &out, &err, &wait_status, &error));
      g_assert_no_error (error);
      g_assert_true (WIFEXITED (wait_status));
      if (WEXITSTATUS (wait_status) != c->status)
        g_error ("case %u (%s): exit %d, expected %d: %s", i, c->file, WEXITSTATUS (wait_status),
                 c->status, err);
      {
        GString *cs = g_string_new (NULL);

        for (const char *p = c->status ? err : out; *p; p++)
          if (c->status || (*p != ' ' && *p != '\n'))
            g_string_append_c (cs, *p);
        compact = g_string_free (cs, FALSE);
      }
      if (strstr (compact, c->text) == NULL)
        g_error ("case %u (%s): “%s” not in: %s", i, c->file, c->text, compact);
    }
}

int
main (int    argc,
      char **argv)
{
  vv_i18n_init (NULL);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ledger-quirks/local-codes", test_local_codes);
  g_test_add_func ("/ledger-quirks/kontoklasse", test_kontoklasse);
  g_test_add_func ("/ledger-quirks/thousands", test_thousands);
  g_test_add_func ("/ledger-quirks/several", test_several);
  g_test_add_func ("/ledger-quirks/amount-columns", test_amount_columns);
  g_test_add_func ("/ledger-quirks/two-ansvar-columns", test_two_ansvar_columns);
  g_test_add_func ("/ledger-quirks/service-codes", test_service_codes);
  g_test_add_func ("/ledger-quirks/quarters", test_quarters);
  g_test_add_func ("/ledger-quirks/utf16", test_utf16);
  g_test_add_func ("/ledger-quirks/utf16-stream", test_utf16_stream);
  g_test_add_func ("/ledger-quirks/utf16-pieces", test_utf16_pieces);
  g_test_add_func ("/ledger-quirks/cli-options", test_cli_options);
  return g_test_run ();
}
