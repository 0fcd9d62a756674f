/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-split"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "vv-i18n.h"
#include "vv-rules.h"
#include "vv-split.h"
#include "vv-units.h"

static guint64 next_line;

static VvLedgerLine
mk (int year, const char *ansvar, guint function, guint art, gint64 ore)
{
  VvLedgerLine l = { 0 };

  l.line_no = ++next_line;
  l.year = year;
  l.account_class = 1;
  l.function = function;
  l.art = art;
  l.amount_ore = ore;
  l.ansvar = ansvar;
  l.tjeneste = "";
  l.text = "";
  l.raw = "";
  return l;
}

static void
add (VvSplit *split, int year, const char *ansvar, guint function, guint art, gint64 ore)
{
  VvLedgerLine l = mk (year, ansvar, function, art, ore);

  vv_split_add_line (split, &l);
}

static VvUnits *
sample_units (void)
{
  g_autoptr(GError) error = NULL;
  VvUnits *units = vv_units_new_from_data (NULL,
                                           "Ansvar;Navn;Fordeling\n"
                                           "4101;Solbakken bofellesskap;257:80 258:20\n"
                                           "4200;Hjemmesykepleien sone nord;258:100\n"
                                           "4300;Omsorgsboliger vest;257:100\n"
                                           "4310;Dagsenteret;234:100\n",
                                           -1, "units.csv", &error);
  g_assert_no_error (error);
  return units;
}

static const VvSplitFinding *
find (VvSplit *split, const char *code, const char *ansvar)
{
  GPtrArray *findings = vv_split_get_findings (split);

  for (guint i = 0; i < findings->len; i++)
    {
      const VvSplitFinding *f = g_ptr_array_index (findings, i);

      if (g_str_equal (f->code, code) && (ansvar == NULL || g_str_equal (f->ansvar, ansvar)))
        return f;
    }
  return NULL;
}

static guint
count_code (VvSplit *split, const char *code)
{
  GPtrArray *findings = vv_split_get_findings (split);
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    n += g_str_equal (((VvSplitFinding *) g_ptr_array_index (findings, i))->code, code);
  return n;
}

static void
test_largest_remainder (void)
{
  static const struct
  {
    gint64 total;
    int    n;
    int    percents[3];
    gint64 expect[3];
  } cases[] = {
    { 100, 3, { 33, 33, 34 }, { 33, 33, 34 } },
    { 1, 2, { 50, 50 }, { 1, 0 } },
    { -1, 2, { 50, 50 }, { -1, 0 } },
    { 10, 2, { 80, 20 }, { 8, 2 } },
    { 7, 3, { 33, 33, 34 }, { 2, 2, 3 } },
    { 1001, 2, { 80, 20 }, { 801, 200 } },
    { -1001, 2, { 80, 20 }, { -801, -200 } },
    { 0, 2, { 80, 20 }, { 0, 0 } },
    { 99, 1, { 100 }, { 99 } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 out[3] = { 0 };

      vv_split_largest_remainder (cases[i].total, cases[i].percents, cases[i].n, out);
      for (int j = 0; j < cases[i].n; j++)
        g_assert_cmpint (out[j], ==, cases[i].expect[j]);
    }
}

/* Weights of any size and of either sign: the parts sum to the amount,
 * even where amount × weight passes the range of 64 bits. */
static void
test_by_weights (void)
{
  static const struct
  {
    gint64 x;
    int    n;
    gint64 weights[3];
    gint64 expect[3];
  } cases[] = {
    { 10, 2, { 3, 1 }, { 8, 2 } },                          /* 7.5 / 2.5: first wins the tie */
    { -10, 2, { 3, 1 }, { -8, -2 } },
    { 10, 2, { -3, -1 }, { 8, 2 } },                        /* a credit-only weighting */
    { 5, 3, { 1, 1, 1 }, { 2, 2, 1 } },
    { G_MAXINT64, 2, { G_MAXINT64, G_MAXINT64 },
      { G_MAXINT64 / 2 + 1, G_MAXINT64 / 2 } },
    { -G_MAXINT64, 3, { 1000000000000, 1, 1 }, { -G_MAXINT64 + 18446744, -9223372, -9223372 } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 out[3] = { 0 };
      gint64 sum = 0;

      vv_split_by_weights (cases[i].x, cases[i].weights, cases[i].n, out);
      for (int j = 0; j < cases[i].n; j++)
        {
          g_assert_cmpint (out[j], ==, cases[i].expect[j]);
          sum += out[j];
        }
      g_assert_cmpint (sum, ==, cases[i].x);
    }
}

static void
test_format (void)
{
  static const struct { gint64 ore; const char *text; } cases[] = {
    { 0, "0,00" }, { 5, "0,05" }, { 123456789, "1 234 567,89" }, { -123456, "-1 234,56" },
    { 24108900000000, "241 089 000 000,00" }, { 100000, "1 000,00" }, { -1, "-0,01" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = vv_format_kroner (cases[i].ore);

      g_assert_cmpstr (s, ==, cases[i].text);
    }
}

/* The split reconciles to the øre for any ledger and any register, and each
 * unit's share is within one øre of its exact share. */
static void
test_reconcile (void)
{
  static const guint functions[] = { 254, 257, 258, 253, 234, 265, 120 };

  for (int round = 0; round < 200; round++)
    {
      g_autoptr(VvUnits) units = vv_units_new (NULL);
      g_autoptr(VvSplit) split = NULL;
      g_autoptr(GHashTable) home = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      int n_ansvar = g_test_rand_int_range (1, 30);
      int n_lines = g_test_rand_int_range (0, 400);
      int year = g_test_rand_bit () ? 2023 : 2024;
      gint64 booked_home = 0;
      gint64 exact257 = 0;      /* in 1/100 øre */
      gint64 exact258 = 0;
      guint n_units = 0;

      for (int a = 0; a < n_ansvar; a++)
        {
          g_autofree char *ansvar = g_strdup_printf ("%d", 4000 + a);

          g_ptr_array_add (names, g_strdup (ansvar));
          if (g_test_rand_int_range (0, 4) != 0)
            {
              int p = g_test_rand_int_range (1, 100);
              g_autofree char *alloc = NULL;

              switch (g_test_rand_int_range (0, 4))
                {
                case 0:
                  alloc = g_strdup ("257:100");
                  break;
                case 1:
                  alloc = g_strdup ("258:100");
                  break;
                case 2:
                  alloc = g_strdup_printf ("257:%d 258:%d", p, 100 - p);
                  break;
                default:
                  alloc = g_strdup_printf ("258:%d 234:%d", p, 100 - p);
                  break;
                }
              g_assert_true (vv_units_add (units, ansvar, "unit", alloc, NULL));
              n_units++;
            }
        }
      split = vv_split_new (NULL, units);
      for (int i = 0; i < n_lines; i++)
        {
          const char *ansvar = g_ptr_array_index (names, g_test_rand_int_range (0, n_ansvar));
          guint function = functions[g_test_rand_int_range (0, G_N_ELEMENTS (functions))];
          gint64 ore = (gint64) g_test_rand_int_range (-2000000, 50000000) *
                       (g_test_rand_bit () ? 1 : 997);
          VvLedgerLine l = mk (year, ansvar, function, 10, ore);

          vv_split_add_line (split, &l);
          if (function == 254 || function == 257 || function == 258)
            {
              gint64 *sum = g_hash_table_lookup (home, ansvar);

              if (sum == NULL)
                {
                  sum = g_new0 (gint64, 1);
                  g_hash_table_insert (home, g_strdup (ansvar), sum);
                }
              *sum += ore;
              booked_home += ore;
            }
        }
      vv_split_finish (split);

      g_assert_cmpint (vv_split_get_home_total (split), ==, booked_home);
      g_assert_cmpint (vv_split_get_booked (split, 254) + vv_split_get_booked (split, 257) +
                       vv_split_get_booked (split, 258), ==, booked_home);
      g_assert_cmpint (vv_split_get_home_257 (split) + vv_split_get_home_258 (split) +
                       vv_split_get_home_unassigned (split), ==, booked_home);
      {
        GPtrArray *ansvars = vv_split_get_ansvars (split);
        gint64 sum_home = 0, sum_257 = 0;

        for (guint a = 0; a < ansvars->len; a++)
          {
            const VvSplitAnsvar *sa = g_ptr_array_index (ansvars, a);

            if (sa->unit_name != NULL)
              g_assert_cmpint (sa->ore_257 + sa->ore_258 + sa->ore_other, ==, sa->home_ore);
            g_assert_cmpint (*(gint64 *) g_hash_table_lookup (home, sa->ansvar), ==, sa->home_ore);
            sum_home += sa->home_ore;
            sum_257 += sa->ore_257;
          }
        g_assert_cmpuint (ansvars->len, ==, g_hash_table_size (home));
        g_assert_cmpint (sum_home, ==, booked_home);
        g_assert_cmpint (sum_257, ==, vv_split_get_home_257 (split));
      }

      for (guint u = 0; u < vv_units_get_n_units (units); u++)
        {
          const VvUnit *unit = vv_units_get_unit (units, u);
          gint64 *sum = g_hash_table_lookup (home, unit->ansvar);

          for (guint j = 0; sum && j < unit->allocations->len; j++)
            {
              const VvAllocation *al = &g_array_index (unit->allocations, VvAllocation, j);

              if (g_str_equal (al->function, "257"))
                exact257 += *sum * al->percent;
              else if (g_str_equal (al->function, "258"))
                exact258 += *sum * al->percent;
            }
        }
      g_assert_cmpint (ABS (vv_split_get_home_257 (split) * 100 - exact257), <,
                       100 * (n_units + 1));
      g_assert_cmpint (ABS (vv_split_get_home_258 (split) * 100 - exact258), <,
                       100 * (n_units + 1));
    }
}

static void
test_split_2023 (void)
{
  g_autoptr(VvUnits) units = sample_units ();
  g_autoptr(VvSplit) split = vv_split_new (NULL, units);

  next_line = 0;
  add (split, 2023, "4101", 254, 10, 100000001);    /* 1 000 000,01 kr: 80/20 */
  add (split, 2023, "4200", 254, 10, 50000000);
  add (split, 2023, "4300", 254, 10, 25000000);
  add (split, 2023, "9999", 254, 10, 1000);          /* no unit */
  add (split, 2023, "4101", 253, 10, 7);
  vv_split_finish (split);

  g_assert_cmpint (vv_split_get_year (split), ==, 2023);
  g_assert_cmpint (vv_split_get_booked (split, 254), ==, 175001001);
  g_assert_cmpint (vv_split_get_booked (split, 253), ==, 7);
  g_assert_cmpint (vv_split_get_home_257 (split), ==, 80000001 + 25000000);
  g_assert_cmpint (vv_split_get_home_258 (split), ==, 20000000 + 50000000);
  g_assert_cmpint (vv_split_get_home_unassigned (split), ==, 1000);
  /* 254 is valid in 2023 and matches the units' 257/258 (mapped to 254) */
  g_assert_null (find (split, "expired-function", NULL));
  g_assert_null (find (split, "unit-disagreement", NULL));
  g_assert_nonnull (find (split, "unassigned-ansvar", "9999"));
  g_assert_cmpuint (vv_split_get_findings (split)->len, ==, 1);

  /* per ansvar, sorted; 4101's 253 line is not home-service money */
  {
    GPtrArray *ansvars = vv_split_get_ansvars (split);
    const VvSplitAnsvar *a;

    g_assert_cmpuint (ansvars->len, ==, 4);
    a = g_ptr_array_index (ansvars, 0);
    g_assert_cmpstr (a->ansvar, ==, "4101");
    g_assert_cmpstr (a->unit_name, ==, "Solbakken bofellesskap");
    g_assert_cmpuint (a->home_lines, ==, 1);
    g_assert_cmpint (a->home_ore, ==, 100000001);
    g_assert_cmpint (a->ore_257, ==, 80000001);
    g_assert_cmpint (a->ore_258, ==, 20000000);
    g_assert_cmpint (a->ore_other, ==, 0);
    g_assert_cmpstr (((VvSplitAnsvar *) g_ptr_array_index (ansvars, 1))->ansvar, ==, "4200");
    a = g_ptr_array_index (ansvars, 3);
    g_assert_cmpstr (a->ansvar, ==, "9999");
    g_assert_null (a->unit_name);
    g_assert_cmpint (a->home_ore, ==, 1000);
    g_assert_cmpint (a->ore_257 + a->ore_258 + a->ore_other, ==, 0);
  }
}

static void
test_expired (void)
{
  g_autoptr(VvUnits) units = sample_units ();
  g_autoptr(VvSplit) split = vv_split_new (NULL, units);
  const VvSplitFinding *f;

  next_line = 0;
  add (split, 2024, "4101", 257, 10, 100);
  add (split, 2024, "4101", 254, 10, 500);
  add (split, 2024, "4101", 254, 10, 500);
  vv_split_finish (split);

  f = find (split, "expired-function", "4101");
  g_assert_nonnull (f);
  g_assert_cmpint (f->severity, ==, VV_SPLIT_SEVERITY_ERROR);
  g_assert_cmpuint (f->line, ==, 2);
  g_assert_cmpuint (f->count, ==, 2);
  g_assert_cmpint (f->amount_ore, ==, 1000);
  g_assert_cmpuint (f->function, ==, 254);
  g_assert_cmpstr (f->suggested, ==, "257:80 258:20");
  g_assert_nonnull (strstr (f->message, "254"));
  /* money on the expired function is still home-service money and is split */
  g_assert_cmpint (vv_split_get_home_total (split), ==, 1100);
  g_assert_cmpint (vv_split_get_home_257 (split), ==, 880);
  g_assert_cmpint (vv_split_get_home_258 (split), ==, 220);
  g_assert_null (find (split, "unit-disagreement", NULL));
}

static void
test_not_yet_valid (void)
{
  g_autoptr(VvUnits) units = sample_units ();
  g_autoptr(VvSplit) split = vv_split_new (NULL, units);
  const VvSplitFinding *f;

  next_line = 0;
  add (split, 2023, "4200", 254, 10, 100);
  add (split, 2023, "4200", 258, 10, 300);
  add (split, 2023, "4300", 257, 10, 300);
  vv_split_finish (split);

  g_assert_cmpuint (count_code (split, "not-yet-valid"), ==, 2);
  f = find (split, "not-yet-valid", "4200");
  g_assert_nonnull (f);
  g_assert_cmpint (f->severity, ==, VV_SPLIT_SEVERITY_ERROR);
  g_assert_cmpuint (f->line, ==, 2);
  g_assert_cmpuint (f->function, ==, 258);
  g_assert_cmpstr (f->suggested, ==, "254:100");
  g_assert_cmpint (vv_split_get_home_258 (split), ==, 400);
  g_assert_cmpint (vv_split_get_home_257 (split), ==, 300);
}

static void
test_unit_disagreement (void)
{
  g_autoptr(VvUnits) units = sample_units ();
  g_autoptr(VvSplit) split = vv_split_new (NULL, units);
  const VvSplitFinding *f;

  next_line = 0;
  add (split, 2024, "4200", 258, 10, 100);   /* fine */
  add (split, 2024, "4200", 257, 10, 200);   /* unit is 258:100 */
  add (split, 2024, "4101", 257, 10, 100);   /* split unit: both are fine */
  add (split, 2024, "4101", 258, 10, 100);
  add (split, 2024, "4310", 257, 10, 900);   /* day centre: 234 */
  vv_split_finish (split);

  g_assert_cmpuint (count_code (split, "unit-disagreement"), ==, 2);
  f = find (split, "unit-disagreement", "4200");
  g_assert_nonnull (f);
  g_assert_cmpuint (f->line, ==, 2);
  g_assert_cmpuint (f->function, ==, 257);
  g_assert_cmpstr (f->suggested, ==, "258:100");
  g_assert_cmpstr (f->unit_name, ==, "Hjemmesykepleien sone nord");
  f = find (split, "unit-disagreement", "4310");
  g_assert_nonnull (f);
  g_assert_cmpstr (f->suggested, ==, "234:100");
  /* the day centre's money is not 257/258: unassigned, of which "other" */
  g_assert_cmpint (vv_split_get_home_other (split), ==, 900);
  g_assert_cmpint (vv_split_get_home_unassigned (split), ==, 900);
  g_assert_cmpint (vv_split_get_home_258 (split), ==, 300 + 40);
  g_assert_cmpint (vv_split_get_home_257 (split), ==, 160);

  /* in 2023 the same unit expects 254 (the year rule maps 258 to 254) */
  {
    g_autoptr(VvSplit) s2 = vv_split_new (NULL, units);

    add (s2, 2023, "4200", 254, 10, 100);
    add (s2, 2023, "4310", 254, 10, 100);
    vv_split_finish (s2);
    g_assert_null (find (s2, "unit-disagreement", "4200"));
    g_assert_nonnull (find (s2, "unit-disagreement", "4310"));
  }
}

static void
test_art_findings (void)
{
  g_autoptr(VvUnits) units = sample_units ();
  g_autoptr(VvSplit) split = vv_split_new (NULL, units);
  const VvSplitFinding *f;

  next_line = 0;
  add (split, 2024, "4300", 257, 630, -120000);   /* husleie */
  add (split, 2024, "4300", 257, 230, 50000);     /* vedlikehold */
  add (split, 2024, "4300", 257, 250, 1000);      /* materialer til vedlikehold */
  add (split, 2024, "4200", 258, 810, -900000);   /* statstilskudd (HVPU?) */
  add (split, 2024, "4200", 258, 10, 900000);
  add (split, 2024, "5000", 265, 630, -77);       /* already on 265: fine */
  add (split, 2024, "5000", 840, 810, -88);       /* already on 840: fine */
  vv_split_finish (split);

  f = find (split, "rent-income", NULL);
  g_assert_nonnull (f);
  g_assert_cmpuint (f->line, ==, 1);
  g_assert_cmpuint (f->art, ==, 630);
  g_assert_cmpint (f->amount_ore, ==, -120000);
  g_assert_cmpstr (f->suggested, ==, "265");
  f = find (split, "building-maintenance", NULL);
  g_assert_nonnull (f);
  g_assert_cmpuint (f->count, ==, 2);
  g_assert_cmpint (f->amount_ore, ==, 51000);
  g_assert_cmpstr (f->suggested, ==, "265");
  f = find (split, "hvpu-grant", NULL);
  g_assert_nonnull (f);
  g_assert_cmpuint (f->line, ==, 4);
  g_assert_cmpstr (f->suggested, ==, "840");
  g_assert_cmpuint (count_code (split, "rent-income"), ==, 1);
  g_assert_cmpuint (count_code (split, "hvpu-grant"), ==, 1);
  /* income on 257/258 reduces the money split */
  g_assert_cmpint (vv_split_get_home_total (split), ==, -120000 + 51000);
}

static void
test_unassigned (void)
{
  g_autoptr(VvUnits) units = sample_units ();
  g_autoptr(VvSplit) split = vv_split_new (NULL, units);
  const VvSplitFinding *f;

  next_line = 0;
  for (int i = 0; i < 1000; i++)
    add (split, 2024, i % 2 ? "7001" : "7002", 258, 10, 100);
  add (split, 2024, "", 257, 10, 5);
  add (split, 2024, "7003", 253, 10, 5);          /* not home services: no finding */
  vv_split_finish (split);

  g_assert_cmpuint (count_code (split, "unassigned-ansvar"), ==, 3);
  f = find (split, "unassigned-ansvar", "7001");
  g_assert_cmpuint (f->count, ==, 500);
  g_assert_cmpint (f->amount_ore, ==, 50000);
  g_assert_cmpuint (f->lines->len, ==, VV_SPLIT_MAX_FINDING_LINES);
  g_assert_cmpuint (g_array_index (f->lines, guint64, 0), ==, 2);
  g_assert_cmpuint (g_array_index (f->lines, guint64, 1), ==, 4);
  f = find (split, "unassigned-ansvar", "");
  g_assert_cmpuint (f->count, ==, 1);
  g_assert_null (find (split, "unassigned-ansvar", "7003"));
  g_assert_cmpint (vv_split_get_home_unassigned (split), ==, 100005);
}

/* Without a register everything is unassigned, and KOSTRA files have no ansvar. */
static void
test_no_units (void)
{
  g_autoptr(VvSplit) split = vv_split_new (NULL, NULL);

  add (split, 2019, "", 254, 10, 1000);
  add (split, 2019, "", 254, 20, 2000);
  vv_split_finish (split);
  g_assert_cmpint (vv_split_get_home_unassigned (split), ==, 3000);
  g_assert_cmpint (vv_split_get_home_257 (split) + vv_split_get_home_258 (split), ==, 0);
  g_assert_cmpuint (vv_split_get_findings (split)->len, ==, 1);
  g_assert_cmpuint (find (split, "unassigned-ansvar", "")->count, ==, 2);
}

static void
test_unknown_function (void)
{
  g_autoptr(VvSplit) split = vv_split_new (NULL, NULL);
  const VvSplitFinding *f;

  next_line = 0;
  add (split, 2024, "4101", 0, 10, 10);
  add (split, 2024, "4101", 999, 10, 20);
  add (split, 2024, "4101", 42, 10, 30);
  add (split, 2024, "4102", 120, 10, 30);
  vv_split_finish (split);

  f = find (split, "unknown-function", "4101");
  g_assert_nonnull (f);
  g_assert_cmpuint (f->count, ==, 3);
  g_assert_cmpuint (f->line, ==, 1);
  g_assert_cmpint (f->amount_ore, ==, 60);
  g_assert_cmpuint (count_code (split, "unknown-function"), ==, 1);
}

static void
test_years (void)
{
  /* the year most lines have wins */
  {
    g_autoptr(VvSplit) split = vv_split_new (NULL, NULL);
    const VvSplitFinding *f;

    next_line = 0;
    add (split, 2024, "1", 120, 10, 1);
    add (split, 2023, "1", 120, 10, 2);
    add (split, 2024, "1", 120, 10, 3);
    vv_split_finish (split);
    g_assert_cmpint (vv_split_get_year (split), ==, 2024);
    f = find (split, "mixed-years", NULL);
    g_assert_nonnull (f);
    g_assert_cmpint (f->year, ==, 2023);
    g_assert_cmpuint (f->count, ==, 1);
    g_assert_cmpuint (f->line, ==, 2);
    g_assert_cmpint (f->amount_ore, ==, 2);
  }
  /* --year wins; lines without a year take it */
  {
    g_autoptr(VvSplit) split = vv_split_new (NULL, NULL);

    vv_split_set_year (split, 2023);
    add (split, 0, "1", 257, 10, 1);
    add (split, 0, "1", 254, 10, 1);
    vv_split_finish (split);
    g_assert_cmpint (vv_split_get_year (split), ==, 2023);
    g_assert_null (find (split, "mixed-years", NULL));
    g_assert_nonnull (find (split, "not-yet-valid", NULL));
    g_assert_null (find (split, "expired-function", NULL));
  }
  {
    g_autoptr(VvSplit) split = vv_split_new (NULL, NULL);

    vv_split_set_year (split, 2024);
    add (split, 2023, "1", 254, 10, 1);
    vv_split_finish (split);
    g_assert_cmpint (vv_split_get_year (split), ==, 2024);
    g_assert_nonnull (find (split, "mixed-years", NULL));
    /* each line is judged by its own year */
    g_assert_null (find (split, "expired-function", NULL));
  }
}

static void
test_investment_excluded (void)
{
  g_autoptr(VvSplit) split = vv_split_new (NULL, NULL);
  VvLedgerLine l = mk (2019, "", 254, 200, 8000000);

  l.account_class = 0;
  vv_split_add_line (split, &l);
  l = mk (2019, "", 254, 10, 100);
  l.account_class = -1;       /* unknown class: a CSV line without class is counted */
  vv_split_add_line (split, &l);
  l = mk (2019, "", 254, 900, 900000);
  l.account_class = 2;        /* balance accounts never count as operating costs */
  vv_split_add_line (split, &l);
  vv_split_finish (split);
  g_assert_cmpuint (vv_split_get_lines_read (split), ==, 3);
  g_assert_cmpuint (vv_split_get_lines_excluded (split), ==, 2);
  g_assert_cmpint (vv_split_get_booked (split, 254), ==, 100);
}

static void
test_rejects (void)
{
  g_autoptr(VvSplit) split = vv_split_new (NULL, NULL);
  const VvSplitFinding *f;

  for (int i = 0; i < 50; i++)
    vv_split_add_reject (split, 10 + i, "Beløp", "not an amount");
  vv_split_finish (split);
  g_assert_cmpuint (vv_split_get_lines_rejected (split), ==, 50);
  f = find (split, "rejected-line", NULL);
  g_assert_nonnull (f);
  g_assert_cmpuint (f->count, ==, 50);
  g_assert_cmpuint (f->line, ==, 10);
  g_assert_nonnull (strstr (f->message, "Beløp"));
  g_assert_cmpuint (f->lines->len, ==, VV_SPLIT_MAX_FINDING_LINES);
}

static void
test_json_shape (void)
{
  g_autoptr(VvUnits) units = sample_units ();
  g_autoptr(VvSplit) split = vv_split_new (NULL, units);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root, *booked, *home, *f;
  JsonArray *findings;
  gint64 sum;

  next_line = 0;
  add (split, 2024, "4101", 257, 10, 1000);
  add (split, 2024, "4101", 254, 10, 501);
  add (split, 2024, "8888", 258, 10, 3);
  add (split, 2024, "8888", 253, 10, 3);
  vv_split_add_reject (split, 99, NULL, "bad");
  vv_split_finish (split);
  node = vv_split_to_json (split);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  root = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "veiviser-split/1");
  g_assert_cmpint (json_object_get_int_member (root, "year"), ==, 2024);
  g_assert_cmpint (json_object_get_int_member (root, "lines_read"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (root, "lines_rejected"), ==, 1);
  booked = json_object_get_object_member (root, "booked");
  g_assert_cmpint (json_object_get_int_member (booked, "257"), ==, 1000);
  g_assert_cmpint (json_object_get_int_member (booked, "254"), ==, 501);
  g_assert_cmpint (json_object_get_int_member (booked, "253"), ==, 3);
  /* functions the register uses are listed even without lines */
  g_assert_true (json_object_has_member (booked, "234"));
  g_assert_cmpint (json_object_get_int_member (booked, "234"), ==, 0);
  home = json_object_get_object_member (root, "home_services");
  g_assert_cmpuint (json_object_get_size (home), ==, 3);
  sum = json_object_get_int_member (home, "257") + json_object_get_int_member (home, "258") +
        json_object_get_int_member (home, "unassigned");
  g_assert_cmpint (sum, ==, 1504);
  g_assert_cmpint (json_object_get_int_member (home, "unassigned"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (home, "257"), ==, 1201);   /* 1501 × 80 % */
  g_assert_cmpint (json_object_get_int_member (root, "home_services_total"), ==, 1504);

  {
    JsonArray *by = json_object_get_array_member (root, "by_ansvar");
    JsonObject *a0;

    g_assert_cmpuint (json_array_get_length (by), ==, 2);
    a0 = json_array_get_object_element (by, 0);
    g_assert_cmpstr (json_object_get_string_member (a0, "ansvar"), ==, "4101");
    g_assert_cmpint (json_object_get_int_member (a0, "amount"), ==, 1501);
    g_assert_cmpint (json_object_get_int_member (a0, "257"), ==, 1201);
    g_assert_cmpint (json_object_get_int_member (a0, "258"), ==, 300);
    g_assert_true (json_object_get_null_member (json_array_get_object_element (by, 1), "unit"));
  }

  findings = json_object_get_array_member (root, "findings");
  g_assert_cmpuint (json_array_get_length (findings), ==, 3);
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      const char *sev;

      f = json_array_get_object_element (findings, i);
      sev = json_object_get_string_member (f, "severity");
      g_assert_true (g_str_equal (sev, "error") || g_str_equal (sev, "warning") ||
                     g_str_equal (sev, "info"));
      g_assert_nonnull (json_object_get_string_member (f, "code"));
      g_assert_cmpint (json_object_get_int_member (f, "line"), >, 0);
      g_assert_cmpstr (json_object_get_string_member (f, "message"), !=, "");
      g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (f, "lines")));
      g_assert_true (json_object_has_member (f, "count"));
      g_assert_true (json_object_has_member (f, "amount"));
    }
  /* errors first */
  f = json_array_get_object_element (findings, 0);
  g_assert_cmpstr (json_object_get_string_member (f, "severity"), ==, "error");
  f = json_array_get_object_element (findings, 2);
  g_assert_cmpstr (json_object_get_string_member (f, "code"), ==, "unassigned-ansvar");
  g_assert_cmpstr (json_object_get_string_member (f, "ansvar"), ==, "8888");
  g_assert_cmpint (json_object_get_int_member (f, "count"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (f, "amount"), ==, 3);
}

static void
test_text (void)
{
  g_autoptr(VvUnits) units = sample_units ();
  g_autoptr(VvSplit) split = vv_split_new (NULL, units);
  g_autofree char *text = NULL;

  add (split, 2023, "4101", 254, 10, 123456789);
  add (split, 2023, "4200", 254, 10, 100000000);
  vv_split_finish (split);
  text = vv_split_to_text (split);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "2023"));
  g_assert_nonnull (strstr (text, "2 234 567,89"));              /* booked 254 */
  g_assert_nonnull (strstr (text, "987 654,31"));                /* 257: 80 % of 4101 */
  g_assert_nonnull (strstr (text, "1 246 913,58"));              /* 258: 20 % + 4200 */
  g_assert_nonnull (strstr (text, "44,2 %"));                    /* 257 share */
  g_assert_nonnull (strstr (text, "53,4 %"));                    /* national 257, 2024 */
  g_assert_nonnull (strstr (text, "46,6 %"));
}

/* The report follows the current language. g_dgettext() decides once per process whether
 * to translate, so each language runs in a child process. */
static void
test_text_languages (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(VvSplit) split = NULL;
      g_autofree char *text = NULL;

      /* before anything calls g_dgettext() */
      vv_i18n_init ("nn");
      split = vv_split_new (NULL, NULL);
      add (split, 2024, "1", 254, 10, 123456);
      vv_split_finish (split);
      text = vv_split_to_text (split);
      g_print ("%s", text);
      g_assert_null (strstr (text, "Accounting year"));
      g_assert_null (strstr (text, "Findings"));
      g_assert_null (strstr (text, "is not in use"));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*2024*1 234,56*53,4 %*expired-function*");
}

/* 1 M lines, a third of them misbooked: the findings stay small. */
static void
test_performance (void)
{
  g_autoptr(VvUnits) units = sample_units ();
  g_autoptr(VvSplit) split = vv_split_new (NULL, units);
  static const char *ansvar[] = { "4101", "4200", "4300", "4310", "9001", "9002" };
  g_autoptr(GTimer) timer = g_timer_new ();
  const VvSplitFinding *f;
  double seconds;
  gint64 total = 0;

  next_line = 0;
  g_timer_start (timer);
  for (guint i = 0; i < 1000000; i++)
    {
      VvLedgerLine l = mk (2024, ansvar[(i / 7) % G_N_ELEMENTS (ansvar)], i % 3 ? 257 : 254,
                           i % 5 ? 10 : 630, (gint64) (i % 1000) * 101);

      vv_split_add_line (split, &l);
      total += l.amount_ore;
    }
  vv_split_finish (split);
  seconds = g_timer_elapsed (timer, NULL);
  g_test_message ("1 M lines in %.3f s", seconds);

  g_assert_cmpint (vv_split_get_home_total (split), ==, total);
  g_assert_cmpint (vv_split_get_home_257 (split) + vv_split_get_home_258 (split) +
                   vv_split_get_home_unassigned (split), ==, total);
  g_assert_cmpuint (vv_split_get_findings (split)->len, <, 40);
  f = find (split, "expired-function", "4101");
  g_assert_nonnull (f);
  g_assert_cmpuint (f->lines->len, ==, VV_SPLIT_MAX_FINDING_LINES);
  /* No timing assertion: performance is measured by bench/run-split.sh. */
}

/* The checks by art are rule data: the same lines give other findings when
 * the data says rent is art 640-649 and the HVPU grant belongs on 265. */
static void
test_art_findings_from_data (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("VEIVISER_SOURCE_DIR"), "data", "rules",
                                            "veiviser-rules.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(VvRules) rules = NULL;
  g_autoptr(VvUnits) units = sample_units ();
  g_autoptr(VvSplit) split = NULL;
  JsonArray *checks;
  const VvSplitFinding *f;
  gsize len;
  char *text;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  checks = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                         "ledger_checks");
  for (guint i = 0; i < json_array_get_length (checks); i++)
    {
      JsonObject *c = json_array_get_object_element (checks, i);
      const char *finding = json_object_get_string_member (c, "finding");

      if (g_str_equal (finding, "rent-income"))
        {
          JsonArray *arts = json_array_new ();
          JsonArray *range = json_array_new ();

          json_array_add_int_element (range, 640);
          json_array_add_int_element (range, 649);
          json_array_add_array_element (arts, range);
          json_object_set_array_member (c, "arts", arts);
        }
      else if (g_str_equal (finding, "hvpu-grant"))
        json_object_set_string_member (c, "function", "265");
    }
  json_generator_set_root (gen, json_parser_get_root (parser));
  text = json_generator_to_data (gen, &len);
  bytes = g_bytes_new_take (text, len);
  rules = vv_rules_new_from_bytes (bytes, &error);
  g_assert_no_error (error);

  split = vv_split_new (rules, units);
  next_line = 0;
  add (split, 2024, "4300", 257, 630, -120000);   /* no longer rent */
  add (split, 2024, "4300", 257, 645, -1000);     /* rent now */
  add (split, 2024, "4200", 258, 810, -900000);
  vv_split_finish (split);

  f = find (split, "rent-income", NULL);
  g_assert_nonnull (f);
  g_assert_cmpuint (f->count, ==, 1);
  g_assert_cmpuint (f->art, ==, 645);
  f = find (split, "hvpu-grant", NULL);
  g_assert_nonnull (f);
  g_assert_cmpstr (f->suggested, ==, "265");
  g_assert_nonnull (strstr (f->message, "265"));
}

/* issue 15: money sums are checked, never wrapped */
static void
test_overflow (void)
{
  gint64 sum = G_MAXINT64 - 1;

  g_assert_true (vv_ore_add (&sum, 1));
  g_assert_cmpint (sum, ==, G_MAXINT64);
  g_assert_false (vv_ore_add (&sum, 1));
  g_assert_cmpint (sum, ==, G_MAXINT64);   /* left alone */
  sum = -G_MAXINT64;
  g_assert_false (vv_ore_add (&sum, -1));  /* G_MININT64 has no positive twin */
  g_assert_cmpint (vv_ore_permille (G_MAXINT64, G_MAXINT64), ==, 1000);
  g_assert_cmpint (vv_ore_permille (G_MAXINT64 / 2, G_MAXINT64), ==, 500);
  g_assert_cmpint (vv_ore_permille (-G_MAXINT64 / 4, G_MAXINT64), ==, -250);

  /* the booked sum of one function, the home total, a finding's amount */
  for (guint fn = 0; fn < 2; fn++)
    {
      g_autoptr(VvSplit) split = vv_split_new (NULL, NULL);
      g_autoptr(GError) error = NULL;
      VvLedgerLine line = { 0 };

      line.year = 2024;
      line.account_class = 1;
      line.function = fn == 0 ? 254 : 999;
      line.ansvar = "4101";
      line.tjeneste = "254";
      line.text = "";
      line.raw = "";
      for (guint i = 0; i < 3; i++)
        {
          line.line_no = i + 2;
          line.amount_ore = G_MAXINT64 / 2;
          vv_split_add_line (split, &line);
        }
      vv_split_finish (split);
      g_assert_false (vv_split_check_sums (split, "big.csv", &error));
      g_assert_error (error, VV_SPLIT_ERROR, VV_SPLIT_ERROR_OVERFLOW);
      g_assert_true (g_str_has_prefix (error->message, "big.csv:4: "));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  vv_i18n_init ("en");

  g_test_add_func ("/split/largest-remainder", test_largest_remainder);
  g_test_add_func ("/split/by-weights", test_by_weights);
  g_test_add_func ("/split/format-kroner", test_format);
  g_test_add_func ("/split/reconcile", test_reconcile);
  g_test_add_func ("/split/split-2023", test_split_2023);
  g_test_add_func ("/split/finding/expired-function", test_expired);
  g_test_add_func ("/split/finding/not-yet-valid", test_not_yet_valid);
  g_test_add_func ("/split/finding/unit-disagreement", test_unit_disagreement);
  g_test_add_func ("/split/finding/rent-maintenance-hvpu", test_art_findings);
  g_test_add_func ("/split/finding/by-art-from-rule-data", test_art_findings_from_data);
  g_test_add_func ("/split/finding/unassigned-ansvar", test_unassigned);
  g_test_add_func ("/split/finding/unknown-function", test_unknown_function);
  g_test_add_func ("/split/finding/rejected-line", test_rejects);
  g_test_add_func ("/split/no-units", test_no_units);
  g_test_add_func ("/split/years", test_years);
  g_test_add_func ("/split/investment-excluded", test_investment_excluded);
  g_test_add_func ("/split/json-shape", test_json_shape);
  g_test_add_func ("/split/text", test_text);
  g_test_add_func ("/split/text-languages", test_text_languages);
  g_test_add_func ("/split/million-lines", test_performance);
  g_test_add_func ("/split/overflow", test_overflow);
  return g_test_run ();
}
