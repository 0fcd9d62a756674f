/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ledger-survey"

#include "config.h"

#include <glib/gstdio.h>

#include "vv-i18n.h"
#include "vv-ledger-survey.h"

/* A survey read for all years answers a year chosen next without reading
 * the file again (vv_ledger_survey_for_year()): exactly what a survey read
 * for that year gives, to the øre, or nothing when it cannot be sure. */

static char *tmpdir;

/* helpers */

static char *
write_ledger (const char *name,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmpdir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
  return path;
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* A survey of @path read for @year (0: all) and @region. */
static VvLedgerSurvey *
survey_unit (const char   *path,
             int           year,
             const char   *region,
             VvLedgerUnit  unit)
{
  g_autoptr(VvLedgerReader) reader = vv_ledger_reader_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  VvLedgerSurvey *s;

  vv_ledger_reader_set_year (reader, year);
  vv_ledger_reader_set_region (reader, region);
  vv_ledger_reader_set_unit (reader, unit);
  vv_ledger_survey_async (reader, path, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  s = vv_ledger_survey_finish (result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (s);
  return s;
}

static VvLedgerSurvey *
survey (const char *path,
        int         year,
        const char *region)
{
  return survey_unit (path, year, region, VV_LEDGER_UNIT_AUTO);
}

static void
assert_same (const VvLedgerSurvey *derived,
             const VvLedgerSurvey *read)
{
  g_assert_nonnull (derived);
  g_assert_cmpuint (derived->lines_read, ==, read->lines_read);
  g_assert_cmpuint (derived->lines_other, ==, read->lines_other);
  g_assert_cmpuint (derived->lines_rejected, ==, read->lines_rejected);
  g_assert_cmpint (derived->total_ore, ==, read->total_ore);
  g_assert_cmpuint (derived->years->len, ==, read->years->len);
  g_assert_cmpuint (derived->regions->len, ==, read->regions->len);
  g_assert_cmpint (derived->year_read, ==, read->year_read);
  if (read->refusal == NULL)
    g_assert_null (derived->refusal);
  else
    g_assert_error (derived->refusal, read->refusal->domain, read->refusal->code);
}

/* tests */

static void
test_years (void)
{
  g_autofree char *path = write_ledger ("years.csv",
    "År;Ansvar;Funksjon;Art;Beløp\n"
    "2023;4101;254;010;100 000,00\n"
    "2024;4101;257;010;120 000,01\n"
    "2022;4101;254;010;-0,01\n"
    "2023;4200;254;010;70 000,00\n"
    "Sum;;;;289 999,99\n"
    "2024;4200;258;010;80 000,00\n"
    "2024;4200;258;190;-1 234,56\n");
  g_autoptr(VvLedgerSurvey) all = survey (path, 0, NULL);
  static const int years[] = { 2022, 2023, 2024 };

  g_assert_error (all->refusal, VV_LEDGER_ERROR, VV_LEDGER_ERROR_SEVERAL);
  g_assert_cmpuint (all->years->len, ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      g_autoptr(VvLedgerSurvey) read = survey (path, years[i], NULL);
      g_autoptr(VvLedgerSurvey) derived = vv_ledger_survey_for_year (all, years[i]);

      g_test_message ("%d", years[i]);
      assert_same (derived, read);
    }
  {
    g_autoptr(VvLedgerSurvey) read = survey (path, 2024, NULL);
    g_autoptr(VvLedgerSurvey) again = vv_ledger_survey_for_year (all, 0);

    g_assert_cmpint (read->total_ore, ==, 19876545);     /* 198 765,45 kr */
    g_assert_cmpuint (read->lines_other, ==, 3);
    /* not chosen again: the survey for all years, refusal and all */
    assert_same (again, all);
    /* read for one year: no other year is known from it */
    g_assert_null (vv_ledger_survey_for_year (read, 2023));
  }
  /* not one of the file's years */
  g_assert_null (vv_ledger_survey_for_year (all, 2021));
  g_unlink (path);
}

/* A region chosen: the year filters its lines; none chosen in a file of
 * several, a year alone would be refused for the regions: read again. */
static void
test_regions (void)
{
  g_autofree char *path = write_ledger ("regions.csv",
    "Kommunenr;År;Ansvar;Funksjon;Art;Beløp\n"
    "4601;2023;4200;254;010;100 000,00\n"
    "4602;2023;4200;254;010;200 000,00\n"
    "4602;2024;4101;257;010;0,50\n"
    "4601;2024;4101;257;010;7,00\n");
  g_autoptr(VvLedgerSurvey) all = survey (path, 0, NULL);
  g_autoptr(VvLedgerSurvey) region = survey (path, 0, "4602");
  g_autoptr(VvLedgerSurvey) read = survey (path, 2024, "4602");
  g_autoptr(VvLedgerSurvey) derived = vv_ledger_survey_for_year (region, 2024);

  g_assert_null (vv_ledger_survey_for_year (all, 2024));
  assert_same (derived, read);
  g_assert_cmpint (derived->total_ore, ==, 50);
  g_assert_cmpuint (derived->lines_other, ==, 3);
  g_unlink (path);
}

/* A rejected line of another year is left out by a read for one year, not
 * rejected: the counts would differ, so the file is read again. */
static void
test_rejects (void)
{
  g_autofree char *path = write_ledger ("rejects.csv",
    "År;Ansvar;Funksjon;Art;Beløp\n"
    "2023;4101;254;010;abc\n"
    "2024;4101;257;010;1,00\n");
  g_autoptr(VvLedgerSurvey) all = survey (path, 0, NULL);

  g_assert_cmpuint (all->lines_rejected, ==, 1);
  g_assert_null (vv_ledger_survey_for_year (all, 2024));
  g_unlink (path);
}

/* Kroner or 1000 kr only scales the lines read: either way round, and a
 * year chosen on top, as a read in that unit gives; not when a line in
 * 1000 kr would pass what øre hold. */
static void
test_unit (void)
{
  g_autofree char *path = write_ledger ("thousands.csv",
    "region;kontoklasse;funksjon;art;år;beløp\n"
    "460100;1;257;010;2023;14523\n"
    "460100;1;258;010;2024;12877,5\n"
    "460100;1;257;690;2024;-312\n");
  g_autofree char *huge = write_ledger ("huge.csv",
    "region;kontoklasse;funksjon;art;år;beløp\n"
    "460100;1;257;010;2024;92233720368548\n");
  g_autoptr(VvLedgerSurvey) kr = survey_unit (path, 0, NULL, VV_LEDGER_UNIT_KR);
  g_autoptr(VvLedgerSurvey) thousands = survey_unit (path, 0, NULL, VV_LEDGER_UNIT_THOUSANDS);
  g_autoptr(VvLedgerSurvey) up = vv_ledger_survey_for_unit (kr, VV_LEDGER_UNIT_THOUSANDS);
  g_autoptr(VvLedgerSurvey) down = vv_ledger_survey_for_unit (thousands, VV_LEDGER_UNIT_KR);
  g_autoptr(VvLedgerSurvey) read_2024 = survey_unit (path, 2024, NULL, VV_LEDGER_UNIT_THOUSANDS);
  g_autoptr(VvLedgerSurvey) up_2024 = vv_ledger_survey_for_year (up, 2024);
  g_autoptr(VvLedgerSurvey) huge_kr = survey_unit (huge, 0, NULL, VV_LEDGER_UNIT_KR);

  g_assert_cmpint (thousands->total_ore, ==, G_GINT64_CONSTANT (2708850000));
  assert_same (up, thousands);
  assert_same (down, kr);
  assert_same (up_2024, read_2024);
  g_assert_cmpint (up_2024->total_ore, ==, G_GINT64_CONSTANT (1256550000));
  g_assert_null (vv_ledger_survey_for_unit (kr, VV_LEDGER_UNIT_KR));
  /* 92 233 720 368 548 kr fit in øre; as 1000 kr they do not */
  g_assert_cmpuint (huge_kr->lines_read, ==, 1);
  /* read for all years, though its one year is known once read */
  g_assert_cmpint (huge_kr->year_read, ==, 0);
  g_assert_null (huge_kr->region_read);
  g_assert_null (vv_ledger_survey_for_unit (huge_kr, VV_LEDGER_UNIT_THOUSANDS));
  g_unlink (path);
  g_unlink (huge);
}

/* A survey read for no region answers a region chosen next, and a year on
 * top, exactly as a read for them gives (4602 and 460200 are one region; a
 * line without a region is kept whatever the region); a file of several
 * years is still refused for them until one is chosen. */
static void
test_region_choice (void)
{
  g_autofree char *path = write_ledger ("region-choice.csv",
    "Kommunenr;År;Ansvar;Funksjon;Art;Beløp\n"
    "4601;2023;4200;254;010;100 000,00\n"
    "4602;2023;4200;254;010;200 000,00\n"
    "460200;2024;4101;257;010;0,50\n"
    " 4601 ;2024;4101;257;010;7,00\n"
    ";2024;4101;258;010;-1,25\n");
  g_autofree char *one_year = write_ledger ("region-one-year.csv",
    "Kommunenr;År;Ansvar;Funksjon;Art;Beløp\n"
    "4601;2024;4200;254;010;100 000,00\n"
    "460100;2024;4200;254;010;0,01\n"
    "4602;2024;4101;257;010;0,50\n");
  g_autoptr(VvLedgerSurvey) all = survey (path, 0, NULL);
  g_autoptr(VvLedgerSurvey) all_one = survey (one_year, 0, NULL);
  static const char *const regions[] = { "4601", "4602" };
  static const int years[] = { 0, 2023, 2024 };

  g_assert_cmpuint (all->regions->len, ==, 2);
  for (guint r = 0; r < G_N_ELEMENTS (regions); r++)
    {
      g_autoptr(VvLedgerSurvey) in_region = vv_ledger_survey_for_region (all, regions[r]);

      g_assert_nonnull (in_region);
      g_assert_cmpstr (in_region->region_read, ==, regions[r]);
      for (guint y = 0; y < G_N_ELEMENTS (years); y++)
        {
          g_autoptr(VvLedgerSurvey) read = survey (path, years[y], regions[r]);
          g_autoptr(VvLedgerSurvey) derived = vv_ledger_survey_for_year (in_region, years[y]);

          g_test_message ("%s %d", regions[r], years[y]);
          assert_same (derived, read);
        }
    }
  {
    g_autoptr(VvLedgerSurvey) derived = vv_ledger_survey_for_region (all, "4602");
    g_autoptr(VvLedgerSurvey) in_2024 = vv_ledger_survey_for_year (derived, 2024);

    /* still several years: refused for them, as a read would be */
    g_assert_error (derived->refusal, VV_LEDGER_ERROR, VV_LEDGER_ERROR_SEVERAL);
    g_assert_cmpint (derived->total_ore, ==, 19999925);    /* 200 000,50 − 1,25 kr */
    g_assert_no_error (in_2024->refusal);
    g_assert_cmpint (in_2024->total_ore, ==, -75);
    g_assert_cmpuint (in_2024->lines_other, ==, 3);
  }
  for (guint r = 0; r < G_N_ELEMENTS (regions); r++)
    {
      g_autoptr(VvLedgerSurvey) read = survey (one_year, 0, regions[r]);
      g_autoptr(VvLedgerSurvey) derived = vv_ledger_survey_for_region (all_one, regions[r]);

      assert_same (derived, read);
      g_assert_no_error (derived->refusal);
    }
  {
    g_autoptr(VvLedgerSurvey) read = survey (path, 0, "4602");

    /* read for a region: no other region is known from it */
    g_assert_null (vv_ledger_survey_for_region (read, "4601"));
  }
  /* not one of the file's regions */
  g_assert_null (vv_ledger_survey_for_region (all, "4603"));
  g_unlink (path);
  g_unlink (one_year);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int ret;

  vv_i18n_init (NULL);
  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("vv-ledger-survey-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/ledger-survey/years", test_years);
  g_test_add_func ("/ledger-survey/regions", test_regions);
  g_test_add_func ("/ledger-survey/region-choice", test_region_choice);
  g_test_add_func ("/ledger-survey/rejects", test_rejects);
  g_test_add_func ("/ledger-survey/unit", test_unit);
  ret = g_test_run ();
  g_rmdir (tmpdir);
  g_free (tmpdir);
  return ret;
}
