/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-corrections"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "vv-corrections.h"
#include "vv-i18n.h"
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

/* What the test keeps of each line: home money by ansvar and function. */
typedef struct
{
  VvSplit       *split;
  VvCorrections *corrections;
  GHashTable    *money;        /* "ansvar/function" -> gint64* */
} Run;

static void
money_add (GHashTable *money,
           const char *ansvar,
           guint       function,
           gint64      ore)
{
  char *key = g_strdup_printf ("%s/%u", ansvar, function);
  gint64 *v = g_hash_table_lookup (money, key);

  if (v == NULL)
    {
      v = g_new0 (gint64, 1);
      g_hash_table_insert (money, key, v);
    }
  else
    g_free (key);
  *v += ore;
}

static gint64
money_get (GHashTable *money,
           const char *ansvar,
           guint       function)
{
  g_autofree char *key = g_strdup_printf ("%s/%u", ansvar, function);
  gint64 *v = g_hash_table_lookup (money, key);

  return v ? *v : 0;
}

static gboolean
on_line (const VvLedgerLine *line,
         gpointer            user_data)
{
  Run *run = user_data;

  vv_split_add_line (run->split, line);
  vv_corrections_add_line (run->corrections, line);
  if (line->function == 254 || line->function == 257 || line->function == 258 ||
      line->function == 234)
    money_add (run->money, line->ansvar, line->function, line->amount_ore);
  return TRUE;
}

/* Checks the three promises: each ansvar × art nets to zero; applied, the
 * postings leave each unit's home money exactly on the split's shares; and
 * (from 2024) nothing on 254 for an ansvar with a unit. */
static void
check_postings (Run      *run,
                VvUnits  *units,
                int       year)
{
  g_autoptr(GHashTable) net = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GPtrArray *ansvars = vv_split_get_ansvars (run->split);
  guint n = vv_corrections_get_n_postings (run->corrections);

  for (guint i = 0; i < n; i++)
    {
      const VvPosting *p = vv_corrections_get_posting (run->corrections, i);
      g_autofree char *key = g_strdup_printf ("%s/%s", p->ansvar, p->art);
      gint64 *v = g_hash_table_lookup (net, key);

      g_assert_cmpint (p->amount_ore, !=, 0);
      if (v == NULL)
        {
          v = g_new0 (gint64, 1);
          g_hash_table_insert (net, g_steal_pointer (&key), v);
        }
      *v += p->amount_ore;
      money_add (run->money, p->ansvar, p->function, p->amount_ore);
    }
  {
    GHashTableIter it;
    gpointer k, v;

    g_hash_table_iter_init (&it, net);
    while (g_hash_table_iter_next (&it, &k, &v))
      {
        if (*(gint64 *) v != 0)
          g_error ("%s does not net to zero: %" G_GINT64_FORMAT, (char *) k, *(gint64 *) v);
      }
  }

  for (guint i = 0; i < ansvars->len; i++)
    {
      const VvSplitAnsvar *a = g_ptr_array_index (ansvars, i);
      const VvUnit *unit = vv_units_lookup (units, a->ansvar);

      if (unit == NULL)
        continue;
      if (year >= 2024)
        {
          g_assert_cmpint (money_get (run->money, a->ansvar, 257), ==, a->ore_257);
          g_assert_cmpint (money_get (run->money, a->ansvar, 258), ==, a->ore_258);
          g_assert_cmpint (money_get (run->money, a->ansvar, 254), ==, 0);
        }
      else
        {
          g_assert_cmpint (money_get (run->money, a->ansvar, 257), ==, 0);
          g_assert_cmpint (money_get (run->money, a->ansvar, 258), ==, 0);
          g_assert_cmpint (money_get (run->money, a->ansvar, 254), ==,
                           a->home_ore - a->ore_other);
        }
    }
}

static void
run_init (Run     *run,
          VvUnits *units,
          int      year)
{
  run->split = vv_split_new (NULL, units);
  vv_split_set_year (run->split, year);
  run->corrections = vv_corrections_new (NULL, units, year);
  run->money = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
run_clear (Run *run)
{
  g_clear_object (&run->split);
  g_clear_object (&run->corrections);
  g_clear_pointer (&run->money, g_hash_table_unref);
}

static void
run_finish (Run *run)
{
  vv_split_finish (run->split);
  vv_corrections_finish (run->corrections);
}

static void
test_sample_2024 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VvUnits) units = vv_units_new_from_data (NULL, SAMPLE_UNITS, -1, "u.csv", &error);
  g_autoptr(VvLedgerReader) reader = vv_ledger_reader_new ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "ledger", "sample-2024.csv", NULL);
  g_autofree char *csv = NULL;
  Run run = { 0 };

  g_assert_no_error (error);
  run_init (&run, units, 2024);
  g_assert_true (vv_ledger_reader_read (reader, path, on_line, NULL, NULL, &run, NULL, &error));
  g_assert_no_error (error);
  run_finish (&run);

  g_assert_cmpuint (vv_corrections_get_n_unassigned (run.corrections), ==, 0);
  g_assert_cmpuint (vv_corrections_get_n_postings (run.corrections), >, 10);
  check_postings (&run, units, 2024);

  csv = vv_corrections_to_csv (run.corrections);
  g_assert_true (g_str_has_prefix (csv, "Ansvar;Art;Funksjon;Beløp;Tekst\n"));
  /* 4200's January salaries booked on the expired 254 move to 258, to the øre. */
  g_assert_nonnull (strstr (csv, "\n4200;1010;254;-1720000,00;"));
  g_assert_nonnull (strstr (csv, "\n4200;1010;258;1720000,00;"));
  run_clear (&run);
}

static void
test_rounding (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VvUnits) units = vv_units_new_from_data (NULL, SAMPLE_UNITS, -1, "u.csv", &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (257258);
  const char *ansvars[] = { "4101", "4990", "4200", "9999" };
  const guint functions[] = { 254, 257, 258 };
  Run run = { 0 };

  g_assert_no_error (error);
  run_init (&run, units, 2024);
  for (guint i = 0; i < 5000; i++)
    {
      VvLedgerLine l = { 0 };
      char art[8];

      g_snprintf (art, sizeof art, "1%03d", g_rand_int_range (rand, 10, 40) * 10 + 1);
      l.line_no = i + 2;
      l.year = 2024;
      l.account_class = 1;
      l.ansvar = ansvars[g_rand_int_range (rand, 0, G_N_ELEMENTS (ansvars))];
      l.function = functions[g_rand_int_range (rand, 0, G_N_ELEMENTS (functions))];
      l.art_code = art;
      l.art = (guint) atoi (art + 1);
      l.amount_ore = g_rand_int_range (rand, -500000, 9999999);
      l.tjeneste = l.text = l.raw = "";
      on_line (&l, &run);
    }
  run_finish (&run);
  check_postings (&run, units, 2024);
  g_assert_cmpuint (vv_corrections_get_n_unassigned (run.corrections), ==, 1);
  run_clear (&run);
}

static void
test_year_2023 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VvUnits) units = vv_units_new_from_data (NULL, SAMPLE_UNITS, -1, "u.csv", &error);
  const struct { const char *ansvar; guint function; const char *art; gint64 ore; int year; } lines[] = {
    { "4101", 254, "1010", 100000001, 2023 },
    { "4200", 254, "1010", 50000000, 2023 },
    { "4200", 258, "1010", 333, 2023 },      /* not yet valid: back to 254 */
    { "4200", 258, "1010", 777, 2024 },      /* another year: left alone */
    { "4990", 254, "1020", 1000001, 0 },     /* 34 % to 234, the rest stays on 254 */
  };
  Run run = { 0 };

  g_assert_no_error (error);
  run_init (&run, units, 2023);
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      VvLedgerLine l = { 0 };

      l.line_no = i + 2;
      l.year = lines[i].year;
      l.account_class = 1;
      l.ansvar = lines[i].ansvar;
      l.function = lines[i].function;
      l.art_code = lines[i].art;
      l.amount_ore = lines[i].ore;
      l.tjeneste = l.text = l.raw = "";
      if (l.year == 2024)
        vv_corrections_add_line (run.corrections, &l);
      else
        on_line (&l, &run);
    }
  /* the 2024 line went to the corrections only: */
  g_assert_cmpuint (vv_corrections_get_lines_other_year (run.corrections), ==, 1);
  run_finish (&run);
  check_postings (&run, units, 2023);
  g_assert_cmpuint (vv_corrections_get_n_postings (run.corrections), ==, 4);
  {
    const VvPosting *p = vv_corrections_get_posting (run.corrections, 0);

    g_assert_cmpstr (p->ansvar, ==, "4200");
    g_assert_cmpuint (p->function, ==, 254);
    g_assert_cmpint (p->amount_ore, ==, 333);
    p = vv_corrections_get_posting (run.corrections, 2);
    g_assert_cmpstr (p->ansvar, ==, "4990");
    g_assert_cmpuint (p->function, ==, 234);
    g_assert_cmpint (p->amount_ore, ==, 340001);   /* 34 % of 1 000 001 øre, the largest remainder */
  }
  run_clear (&run);
}

/* Investment lines and lines off the home-service functions are not moved. */
static void
test_ignored (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VvUnits) units = vv_units_new_from_data (NULL, SAMPLE_UNITS, -1, "u.csv", &error);
  g_autoptr(VvCorrections) c = vv_corrections_new (NULL, units, 2024);
  VvLedgerLine l = { 0 };

  l.year = 2024;
  l.ansvar = "4200";
  l.function = 254;
  l.art_code = "0010";
  l.account_class = 0;
  l.amount_ore = 100;
  vv_corrections_add_line (c, &l);
  l.account_class = 1;
  l.function = 253;
  vv_corrections_add_line (c, &l);
  vv_corrections_finish (c);
  g_assert_cmpuint (vv_corrections_get_n_postings (c), ==, 0);
}

/* The command line: CSV on stdout, --output .csv and .xlsx, and the CSV
 * appended to the ledger as lines leaves 254 empty and 257/258 as split. */
static void
test_cli (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vv-corrections-XXXXXX", &error);
  g_autofree char *ledger = g_test_build_filename (G_TEST_DIST, "ledger", "sample-2024.csv", NULL);
  g_autofree char *units_path = g_build_filename (dir, "units.csv", NULL);
  g_autofree char *out_csv = g_build_filename (dir, "o.csv", NULL);
  g_autofree char *out_xlsx = g_build_filename (dir, "o.xlsx", NULL);
  g_autofree char *applied = g_build_filename (dir, "applied.csv", NULL);
  g_autofree char *std_out = NULL;
  g_autofree char *std_err = NULL;
  g_autofree char *file_csv = NULL;
  g_autofree char *ledger_text = NULL;
  g_autofree char *xlsx = NULL;
  g_autoptr(GString) combined = NULL;
  g_autoptr(VvUnits) units = NULL;
  g_autoptr(VvSplit) before = NULL;
  g_autoptr(VvSplit) after = NULL;
  g_auto(GStrv) rows = NULL;
  gsize xlsx_len = 0;
  int status = -1;
  const char *cli = g_getenv ("VEIVISER_CLI");

  g_assert_no_error (error);
  g_assert_nonnull (cli);
  g_assert_true (g_file_set_contents (units_path, SAMPLE_UNITS, -1, &error));
  {
    const char *argv[] = { cli, "corrections", ledger, "--units", units_path, "--year", "2024",
                           NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &std_out, &std_err, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  {
    const char *argv[] = { cli, "corrections", ledger, "--units", units_path, "--year", "2024",
                           "--output", out_csv, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 NULL, NULL, &status, &error));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_true (g_file_get_contents (out_csv, &file_csv, NULL, &error));
    g_assert_cmpstr (file_csv, ==, std_out);
  }
  {
    const char *argv[] = { cli, "corrections", ledger, "--units", units_path, "--year", "2024",
                           "--output", out_xlsx, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 NULL, NULL, &status, &error));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_true (g_file_get_contents (out_xlsx, &xlsx, &xlsx_len, &error));
    g_assert_cmpuint (xlsx_len, >, 1000);
    g_assert_true (memcmp (xlsx, "PK\003\004", 4) == 0);
  }
  {
    const char *argv[] = { cli, "corrections", ledger, "--units", units_path, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL |
                                 G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status,
                                 &error));
    g_assert_cmpint (WEXITSTATUS (status), ==, 2);
  }

  /* Apply: each posting becomes a ledger line of the same file layout. */
  g_assert_true (g_file_get_contents (ledger, &ledger_text, NULL, &error));
  combined = g_string_new (ledger_text);
  rows = g_strsplit (std_out, "\n", -1);
  g_assert_cmpstr (rows[0], ==, "Ansvar;Art;Funksjon;Beløp;Tekst");
  for (guint i = 1; rows[i] != NULL && rows[i][0] != '\0'; i++)
    {
      g_auto(GStrv) f = g_strsplit (rows[i], ";", 5);

      g_assert_cmpuint (g_strv_length (f), ==, 5);
      g_string_append_printf (combined, "2024;12;%s;%s;%s;;Ompostering;%s\n", f[0], f[2], f[1],
                              f[3]);
    }
  g_assert_true (g_file_set_contents (applied, combined->str, -1, &error));

  units = vv_units_new_from_data (NULL, SAMPLE_UNITS, -1, "u.csv", &error);
  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(VvLedgerReader) reader = vv_ledger_reader_new ();
      g_autoptr(VvSplit) split = vv_split_new (NULL, units);
      Run run = { split, NULL, NULL };

      run.corrections = vv_corrections_new (NULL, units, 2024);
      run.money = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_assert_true (vv_ledger_reader_read (reader, pass ? applied : ledger, on_line, NULL, NULL,
                                            &run, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (vv_ledger_reader_get_lines_rejected (reader), ==, 0);
      vv_split_finish (split);
      if (pass == 0)
        before = g_object_ref (split);
      else
        after = g_object_ref (split);
      g_clear_object (&run.corrections);
      g_clear_pointer (&run.money, g_hash_table_unref);
    }
  g_assert_cmpint (vv_split_get_booked (after, 254), ==, 0);
  g_assert_cmpint (vv_split_get_booked (after, 257), ==, vv_split_get_home_257 (before));
  g_assert_cmpint (vv_split_get_booked (after, 258), ==, vv_split_get_home_258 (before));
  g_assert_cmpint (vv_split_get_booked (after, 234), ==,
                   vv_split_get_booked (before, 234) + vv_split_get_home_other (before));
  g_unlink (units_path);
  g_unlink (out_csv);
  g_unlink (out_xlsx);
  g_unlink (applied);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  vv_i18n_init (NULL);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/corrections/sample-2024", test_sample_2024);
  g_test_add_func ("/corrections/rounding", test_rounding);
  g_test_add_func ("/corrections/year-2023", test_year_2023);
  g_test_add_func ("/corrections/ignored", test_ignored);
  g_test_add_func ("/corrections/cli", test_cli);
  return g_test_run ();
}
