/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz-units.c: libFuzzer target for the units register reader and the
 * allocation parser ("257:80 258:20").
 *
 * A register that loads has unique ansvar, allocations summing to 100, finds
 * every unit by its ansvar, and survives writing out and reading back
 * unchanged. The same holds for an allocation text that parses.
 */
#define G_LOG_DOMAIN "fuzz-units"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "vv-i18n.h"
#include "vv-rules.h"
#include "vv-units.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static VvRules *
get_rules (void)
{
  static VvRules *rules;

  if (rules == NULL)
    {
      vv_i18n_init ("C");
      rules = vv_rules_get_default ();
      g_assert (rules != NULL);
    }
  return rules;
}

static void
check_allocations (GArray *allocs)
{
  int sum = 0;

  g_assert (allocs != NULL);
  g_assert_cmpuint (allocs->len, >, 0);
  for (guint i = 0; i < allocs->len; i++)
    {
      const VvAllocation *a = &g_array_index (allocs, VvAllocation, i);

      g_assert_cmpint (a->percent, >=, 1);
      g_assert_cmpint (a->percent, <=, 100);
      sum += a->percent;
    }
  g_assert_cmpint (sum, ==, 100);
}

static void
fuzz_allocation (VvRules    *rules,
                 const char *data,
                 size_t      size)
{
  g_autofree char *text = g_strndup (data, MIN (size, 256));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) allocs = NULL;
  g_autoptr(GArray) again = NULL;
  g_autofree char *written = NULL;
  g_autofree char *written2 = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    return;
  allocs = vv_allocation_parse (rules, text, &error);
  if (allocs == NULL)
    {
      g_assert (error != NULL);
      return;
    }
  check_allocations (allocs);
  written = vv_allocation_to_string (allocs);
  again = vv_allocation_parse (rules, written, &error);
  g_assert_no_error (error);
  written2 = vv_allocation_to_string (again);
  g_assert_cmpstr (written, ==, written2);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VvUnits) units = NULL;
  g_autoptr(VvUnits) again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;
  VvRules *rules = get_rules ();
  guint n;

  if (size > 1 << 20)
    return 0;

  fuzz_allocation (rules, (const char *) data, size);

  units = vv_units_new_from_data (rules, (const char *) data, (gssize) size, "fuzz.csv", &error);
  if (units == NULL)
    {
      g_assert (error != NULL);
      g_assert (error->domain == VV_UNITS_ERROR);
      g_assert (strstr (error->message, "fuzz.csv") != NULL);
      return 0;
    }
  g_assert_no_error (error);

  n = vv_units_get_n_units (units);
  for (guint i = 0; i < n; i++)
    {
      const VvUnit *u = vv_units_get_unit (units, i);

      g_assert (u != NULL);
      g_assert (vv_units_lookup (units, u->ansvar) == u);
      check_allocations (u->allocations);
    }

  /* Writing out and reading back is lossless. */
  text = vv_units_to_data (units);
  again = vv_units_new_from_data (rules, text, -1, "round-trip.csv", &error);
  g_assert_no_error (error);
  g_assert (again != NULL);
  g_assert_cmpuint (vv_units_get_n_units (again), ==, n);
  text2 = vv_units_to_data (again);
  g_assert_cmpstr (text, ==, text2);
  return 0;
}
