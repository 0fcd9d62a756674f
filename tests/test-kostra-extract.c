/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-kostra-extract"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "vv-i18n.h"
#include "vv-kostra-extract.h"
#include "vv-ledger-reader.h"
#include "vv-rules.h"
#include "vv-split.h"
#include "vv-units.h"

#define SAMPLE_UNITS \
  "Ansvar;Navn;Fordeling\n" \
  "4101;Solbakken bofellesskap;257:80 258:20\n" \
  "4102;Granly omsorgsboliger;257:100\n" \
  "4200;Hjemmesykepleien sone nord;258:100\n" \
  "4201;Hjemmesykepleien sone sør;258:100\n" \
  "4210;Praktisk bistand og miljøarbeid;258:100\n" \
  "4310;Dagsenteret;234:100\n" \
  "4400;Fjellheim sykehjem;253:100\n" \
  "4500;Omsorgsboliger utleie;265:100\n" \
  "4990;Felles hjemmetjenester;257:33 258:33 234:34\n"

typedef struct
{
  VvKostraExtract *extract;
  VvSplit         *split;
  gint64           class_total[2];
  gboolean         records;
} Run;

static gboolean
on_line (const VvLedgerLine *line,
         gpointer            user_data)
{
  Run *run = user_data;

  if (run->records)
    {
      vv_kostra_extract_add_record (run->extract, line);
      return TRUE;
    }
  vv_kostra_extract_add_line (run->extract, line);
  if (run->split != NULL)
    vv_split_add_line (run->split, line);
  if (line->account_class == 0 || line->account_class == 1 || line->account_class == -1)
    run->class_total[line->account_class == 0 ? 0 : 1] += line->amount_ore;
  return TRUE;
}

static VvUnits *
sample_units (void)
{
  g_autoptr(GError) error = NULL;
  VvUnits *units = vv_units_new_from_data (NULL, SAMPLE_UNITS, -1, "u.csv", &error);

  g_assert_no_error (error);
  return units;
}

/* Re-reads @data with the product's own reader: no rejected line, no 254;
 * returns the split of it. */
static VvSplit *
reread (const char *data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VvLedgerReader) reader = vv_ledger_reader_new ();
  VvSplit *split = vv_split_new (NULL, NULL);
  Run run = { NULL, split, { 0, 0 }, FALSE };
  g_autoptr(VvUnits) units = sample_units ();

  run.extract = vv_kostra_extract_new (NULL, units, 2024);
  g_assert_true (vv_ledger_reader_read_bytes (reader, data, strlen (data), "x.dat", on_line, NULL,
                                              NULL, &run, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (vv_ledger_reader_get_format (reader), ==, VV_LEDGER_FORMAT_KOSTRA);
  g_assert_cmpuint (vv_ledger_reader_get_lines_rejected (reader), ==, 0);
  vv_split_finish (split);
  g_assert_cmpint (vv_split_get_booked (split, 254), ==, 0);
  g_clear_object (&run.extract);
  return split;
}

static void
assert_clean (const char *data)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  guint warnings = 99;
  guint errors = vv_kostra_check (NULL, data, strlen (data), problems, &warnings);

  if (errors > 0 || warnings > 0)
    g_error ("%u errors, %u warnings, first: %s", errors, warnings,
             (char *) g_ptr_array_index (problems, 0));
  for (const char *p = data; *p; p += VV_KOSTRA_RECORD_LEN + 1)
    g_assert_cmpint (p[VV_KOSTRA_RECORD_LEN], ==, '\n');
}

static gint64
thousands_diff (gint64 thousands,
                gint64 ore)
{
  return ABS (thousands - vv_round_ore_to_thousands (ore));
}

static void
test_from_ledger (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VvUnits) units = sample_units ();
  g_autoptr(VvLedgerReader) reader = vv_ledger_reader_new ();
  g_autoptr(VvSplit) split = vv_split_new (NULL, units);
  g_autoptr(VvSplit) back = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "ledger", "sample-2024.csv", NULL);
  g_autofree char *data = NULL;
  Run run = { NULL, split, { 0, 0 }, FALSE };

  run.extract = vv_kostra_extract_new (NULL, units, 2024);
  g_assert_true (vv_kostra_extract_set_identity (run.extract, NULL, "460100", "964965137", 0,
                                                 &error));
  g_assert_true (vv_ledger_reader_read (reader, path, on_line, NULL, NULL, &run, NULL, &error));
  vv_split_finish (split);
  g_assert_true (vv_kostra_extract_finish (run.extract, &error));
  g_assert_no_error (error);
  data = vv_kostra_extract_to_data (run.extract);
  assert_clean (data);
  g_assert_true (g_str_has_prefix (data, "0A2024 460100964965137         1234 010     4796\n"));

  /* The file's total is the ledger's, rounded; 257 and 258 follow the split. */
  g_assert_cmpint (vv_kostra_extract_get_total (run.extract, 1, 0), ==,
                   vv_round_ore_to_thousands (run.class_total[1]));
  g_assert_cmpint (thousands_diff (vv_kostra_extract_get_total (run.extract, 1, 257),
                                   vv_split_get_home_257 (split)), <=, 1);
  g_assert_cmpint (thousands_diff (vv_kostra_extract_get_total (run.extract, 1, 258),
                                   vv_split_get_home_258 (split)), <=, 1);
  g_assert_cmpint (vv_kostra_extract_get_total (run.extract, 1, 254), ==, 0);

  back = reread (data);
  g_assert_cmpint (vv_split_get_booked (back, 257) + vv_split_get_booked (back, 258), ==,
                   (vv_kostra_extract_get_total (run.extract, 1, 257) +
                    vv_kostra_extract_get_total (run.extract, 1, 258)) * 100000);
  g_assert_cmpint (ABS (vv_split_get_booked (back, 253) - vv_split_get_booked (split, 253)), <=,
                   50000 * 2);
  g_clear_object (&run.extract);
}

/* Many small amounts: every record rounds to 0 or 1, the total still agrees. */
static void
test_rounding (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VvUnits) units = sample_units ();
  g_autoptr(VvKostraExtract) x = vv_kostra_extract_new (NULL, units, 2024);
  g_autoptr(GRand) rand = g_rand_new_with_seed (48);
  g_autofree char *data = NULL;
  gint64 total[2] = { 0, 0 };

  g_assert_true (vv_kostra_extract_set_identity (x, "0A", "301200", NULL, 0, &error));
  for (guint i = 0; i < 3000; i++)
    {
      VvLedgerLine l = { 0 };

      l.line_no = i + 2;
      l.year = 2024;
      l.account_class = g_rand_int_range (rand, 0, 4) == 0 ? 0 : 1;
      l.function = 200 + (guint) g_rand_int_range (rand, 0, 50);
      l.art = 10 + (guint) g_rand_int_range (rand, 0, 40) * 10;
      l.amount_ore = g_rand_int_range (rand, -30000, 90000);
      l.ansvar = "1";
      l.tjeneste = l.text = l.raw = "";
      vv_kostra_extract_add_line (x, &l);
      total[l.account_class] += l.amount_ore;
    }
  g_assert_true (vv_kostra_extract_finish (x, &error));
  data = vv_kostra_extract_to_data (x);
  assert_clean (data);
  /* investment lines are never summed with operating lines */
  g_assert_cmpint (vv_kostra_extract_get_total (x, 1, 0), ==, vv_round_ore_to_thousands (total[1]));
  g_assert_cmpint (vv_kostra_extract_get_total (x, 0, 0), ==, vv_round_ore_to_thousands (total[0]));
  g_assert_nonnull (strstr (data, "0A2024 301200                  0"));
}

static void
test_unassigned (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VvUnits) units = sample_units ();
  g_autoptr(VvKostraExtract) x = vv_kostra_extract_new (NULL, units, 2024);
  VvLedgerLine l = { 0 };

  g_assert_true (vv_kostra_extract_set_identity (x, NULL, "460100", NULL, 0, &error));
  l.year = 2024;
  l.account_class = 1;
  l.function = 254;
  l.art = 10;
  l.amount_ore = 12345600;
  l.ansvar = "7777";
  vv_kostra_extract_add_line (x, &l);
  g_assert_false (vv_kostra_extract_finish (x, &error));
  g_assert_error (error, VV_KOSTRA_ERROR, VV_KOSTRA_ERROR_UNASSIGNED);
}

static void
test_identity (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VvUnits) units = sample_units ();
  g_autoptr(VvKostraExtract) x = vv_kostra_extract_new (NULL, units, 2024);

  g_assert_false (vv_kostra_extract_set_identity (x, NULL, "4601", NULL, 0, &error));
  g_assert_error (error, VV_KOSTRA_ERROR, VV_KOSTRA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (vv_kostra_extract_set_identity (x, NULL, "460100", "12345", 0, &error));
  g_assert_error (error, VV_KOSTRA_ERROR, VV_KOSTRA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (vv_kostra_extract_set_identity (x, "0B", "460100", NULL, 0, &error));
  g_assert_error (error, VV_KOSTRA_ERROR, VV_KOSTRA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (vv_kostra_extract_set_identity (x, NULL, "460100", NULL, 5, &error));
  g_assert_error (error, VV_KOSTRA_ERROR, VV_KOSTRA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (vv_kostra_extract_set_identity (x, "0C", "460100", NULL, 3, &error));
}

/* SSB's own test file, stamped 2024 as an ERP that still books 254 writes
 * it: each 254 record split by the 2023 ledger's shares per art. */
static char *
ssb_file_as_2024 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("VEIVISER_SHARED_DIR"), "data",
                                            "0A_V2019_K4_R040200_OK.dat", NULL);
  g_autofree char *text = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &text, &len, &error));
  for (gsize i = 0; i + 6 <= len; i++)
    if ((i == 0 || text[i - 1] == '\n') && memcmp (text + i, "0A2019", 6) == 0)
      memcpy (text + i + 2, "2024", 4);
  return g_steal_pointer (&text);
}

static void
test_correct (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VvUnits) units = sample_units ();
  g_autoptr(VvLedgerReader) reader = vv_ledger_reader_new ();
  g_autoptr(VvLedgerReader) old_reader = vv_ledger_reader_new ();
  g_autoptr(VvSplit) before = NULL;
  g_autoptr(VvSplit) after = NULL;
  g_autofree char *ledger = g_test_build_filename (G_TEST_DIST, "ledger", "sample-2023.csv", NULL);
  g_autofree char *old = ssb_file_as_2024 ();
  g_autofree char *data = NULL;
  g_auto(GStrv) old_lines = NULL;
  g_auto(GStrv) new_lines = NULL;
  Run run = { NULL, NULL, { 0, 0 }, FALSE };
  guint kept = 0;

  run.extract = vv_kostra_extract_new (NULL, units, 2023);
  g_assert_true (vv_ledger_reader_read (reader, ledger, on_line, NULL, NULL, &run, NULL, &error));
  run.records = TRUE;
  vv_ledger_reader_set_format (old_reader, VV_LEDGER_FORMAT_KOSTRA);
  g_assert_true (vv_ledger_reader_read_bytes (old_reader, old, strlen (old), "old.dat", on_line,
                                              NULL, NULL, &run, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (vv_kostra_extract_finish (run.extract, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (vv_kostra_extract_get_n_split (run.extract), ==, 52 - 1);  /* one is "-0" */
  data = vv_kostra_extract_to_data (run.extract);
  assert_clean (data);

  /* 254 is gone, 257 + 258 is what 254 was, and nothing else moved. */
  before = vv_split_new (NULL, NULL);
  {
    g_autoptr(VvLedgerReader) r = vv_ledger_reader_new ();
    Run b = { NULL, before, { 0, 0 }, FALSE };

    b.extract = vv_kostra_extract_new (NULL, units, 2024);
    g_assert_true (vv_ledger_reader_read_bytes (r, old, strlen (old), "old.dat", on_line, NULL,
                                                NULL, &b, NULL, &error));
    vv_split_finish (before);
    g_clear_object (&b.extract);
  }
  after = reread (data);
  g_assert_cmpint (vv_split_get_booked (before, 254), ==, 24108900000);
  /* (4990's Fordeling sends 34 % of its home-service money to 234) */
  g_assert_cmpint (vv_split_get_booked (after, 257) + vv_split_get_booked (after, 258) +
                   vv_split_get_booked (after, 234) - vv_split_get_booked (before, 234), ==,
                   vv_split_get_booked (before, 254) + vv_split_get_booked (before, 257) +
                   vv_split_get_booked (before, 258));
  g_assert_cmpint (vv_split_get_booked (after, 234), >, vv_split_get_booked (before, 234));
  g_assert_cmpint (vv_split_get_booked (after, 253), ==, vv_split_get_booked (before, 253));
  g_assert_cmpint (vv_split_get_booked (after, 257), >, 0);
  g_assert_cmpint (vv_split_get_booked (after, 258), >, 0);

  /* Every other record is kept byte for byte, but for the 234 records that
   * 4990's share of 254 was added to. */
  old_lines = g_strsplit (old, "\n", -1);
  new_lines = g_strsplit (data, "\n", -1);
  for (guint i = 0; old_lines[i] != NULL; i++)
    if (strstr (old_lines[i], "254 ") == NULL && old_lines[i][0] != '\0')
      {
        if (g_strv_contains ((const char * const *) new_lines, old_lines[i]))
          kept++;
        else
          g_assert_nonnull (strstr (old_lines[i], "                  1234 "));
      }
  g_assert_cmpuint (kept, >, 1644 - 52 - 20);
  g_clear_object (&run.extract);
}

static void
test_correct_2019 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VvUnits) units = sample_units ();
  g_autoptr(VvKostraExtract) x = vv_kostra_extract_new (NULL, units, 2023);
  g_autoptr(VvLedgerReader) reader = vv_ledger_reader_new ();
  g_autofree char *path = g_build_filename (g_getenv ("VEIVISER_SHARED_DIR"), "data",
                                            "0A_V2019_K4_R040200_OK.dat", NULL);
  Run run = { x, NULL, { 0, 0 }, TRUE };

  g_assert_true (vv_ledger_reader_read (reader, path, on_line, NULL, NULL, &run, NULL, &error));
  g_assert_false (vv_kostra_extract_finish (x, &error));
  g_assert_error (error, VV_KOSTRA_ERROR, VV_KOSTRA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2019"));
}

static void
test_check (void)
{
  const struct { const char *data; guint errors; guint warnings; } cases[] = {
    { "0A2024 460100                  1257 010     1450\n", 0, 0 },
    { "0A2024 460100                  1254 010     1450\n", 1, 0 },     /* annual */
    { "0A20241460100                  1254 010     1450\n", 0, 1 },     /* Q1: a warning */
    { "0A20234460100                  1257 010     1450\n", 1, 0 },
    { "0A2024 460100                  1257 010    1450 \n", 1, 0 },     /* rule 014 */
    { "0A2024 460100                  1257 010     14.5\n", 1, 0 },     /* length */
    { "0A2024 460100                  1257 010\t    1450\n", 1, 0 },
    { "0A2024 460100                  2257 010     1450\n", 1, 0 },     /* 0A has no 2 */
    { "0A2024 460100                  125  010     1450\n", 1, 0 },
    { "0A2024 460100                  1257 10      1450\n", 1, 0 },     /* art: 3 digits */
    { "0A2024 460100                  1257 010     1450\n"
      "0A2024 460100                  1257 010       -3\n", 0, 1 },     /* rule 015 */
    { "0A2024 460100                  1257 010     1450\n"
      "0A2024 460200                  1258 010     1450\n", 1, 0 },     /* another region */
    { "0A2024 46010012345             1257 010     1450\n", 1, 0 },     /* orgnr */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
      guint warnings = 0;
      guint errors = vv_kostra_check (NULL, cases[i].data, strlen (cases[i].data), problems,
                                      &warnings);

      g_test_message ("case %u: %u/%u", i, errors, warnings);
      g_assert_cmpuint (errors, ==, cases[i].errors);
      g_assert_cmpuint (warnings, ==, cases[i].warnings);
      g_assert_cmpuint (problems->len, ==, errors + warnings);
    }
}

static int
run_cli (const char * const *args,
         char              **out)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_ptr_array_add (argv, (char *) g_getenv ("VEIVISER_CLI"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, out, NULL, &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_cli (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vv-kostra-XXXXXX", &error);
  g_autofree char *ledger = g_test_build_filename (G_TEST_DIST, "ledger", "sample-2024.csv", NULL);
  g_autofree char *ledger23 = g_test_build_filename (G_TEST_DIST, "ledger", "sample-2023.csv",
                                                     NULL);
  g_autofree char *units = g_build_filename (dir, "units.csv", NULL);
  g_autofree char *out = g_build_filename (dir, "out.dat", NULL);
  g_autofree char *old = g_build_filename (dir, "old.dat", NULL);
  g_autofree char *fixed = g_build_filename (dir, "fixed.dat", NULL);
  g_autofree char *old_text = ssb_file_as_2024 ();
  g_autofree char *std_out = NULL;
  g_autofree char *written = NULL;

  g_assert_true (g_file_set_contents (units, SAMPLE_UNITS, -1, &error));
  g_assert_true (g_file_set_contents (old, old_text, -1, &error));
  {
    const char *args[] = { "kostra", ledger, "--units", units, "--year", "2024", "--region",
                           "460100", "--output", out, NULL };

    g_assert_cmpint (run_cli (args, NULL), ==, 0);
    g_assert_true (g_file_get_contents (out, &written, NULL, &error));
    assert_clean (written);
  }
  {
    const char *args[] = { "kostra", ledger, "--units", units, "--year", "2024", "--region",
                           "460100", NULL };

    g_assert_cmpint (run_cli (args, &std_out), ==, 0);
    g_assert_cmpstr (std_out, ==, written);
  }
  {
    const char *args[] = { "kostra", ledger, "--units", units, "--year", "2024", NULL };

    g_assert_cmpint (run_cli (args, NULL), ==, 2);
  }
  {
    const char *args[] = { "kostra", ledger, "--units", units, "--year", "2024", "--region",
                           "46", NULL };

    g_assert_cmpint (run_cli (args, NULL), ==, 2);
  }
  {
    const char *args[] = { "kostra", ledger23, "--units", units, "--year", "2023", "--correct",
                           old, "--output", fixed, NULL };
    g_autofree char *text = NULL;

    g_assert_cmpint (run_cli (args, NULL), ==, 0);
    g_assert_true (g_file_get_contents (fixed, &text, NULL, &error));
    assert_clean (text);
    g_assert_null (strstr (text, " 1254 "));
  }
  g_unlink (units);
  g_unlink (out);
  g_unlink (old);
  g_unlink (fixed);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  vv_i18n_init (NULL);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kostra-extract/from-ledger", test_from_ledger);
  g_test_add_func ("/kostra-extract/rounding", test_rounding);
  g_test_add_func ("/kostra-extract/unassigned", test_unassigned);
  g_test_add_func ("/kostra-extract/identity", test_identity);
  g_test_add_func ("/kostra-extract/correct", test_correct);
  g_test_add_func ("/kostra-extract/correct-2019", test_correct_2019);
  g_test_add_func ("/kostra-extract/check", test_check);
  g_test_add_func ("/kostra-extract/cli", test_cli);
  return g_test_run ();
}
