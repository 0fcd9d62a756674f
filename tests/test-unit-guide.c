/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-unit-guide"

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "vv-i18n.h"
#include "vv-rules.h"
#include "vv-unit-guide.h"

static VvUnitResult *
guide_text (const char *json, VvUnitFile **unit_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VvUnitFile) unit = vv_unit_file_new_from_data (json, -1, "unit.json", &error);
  VvUnitResult *r;

  g_assert_no_error (error);
  r = vv_unit_guide (vv_rules_get_default (), unit, &error);
  g_assert_no_error (error);
  if (unit_out != NULL)
    *unit_out = g_steal_pointer (&unit);
  return r;
}

static int
percent_of (VvUnitResult *r, const char *function)
{
  for (guint i = 0; i < r->result->allocations->len; i++)
    if (g_str_equal (g_array_index (r->result->allocations, VvAllocation, i).function, function))
      return g_array_index (r->result->allocations, VvAllocation, i).percent;
  return 0;
}

static gboolean
cites (VvUnitResult *r, const char *rule)
{
  for (guint i = 0; i < r->result->rules->len; i++)
    if (g_str_equal (g_ptr_array_index (r->result->rules, i), rule))
      return TRUE;
  return FALSE;
}

/* The text's own example (lines 2273-2277): 20 % in 257, 80 % in 258 is
 * split 20-80. */
static void
test_text_example (void)
{
  g_autoptr(VvUnitResult) r = guide_text (
    "{\"format\":\"veiviser-unit/1\",\"ansvar\":\"4101\",\"year\":2024,"
    "\"staff\":[{\"hours_dwellings\":7.5,\"hours_outside\":30}]}", NULL);

  g_assert_cmpstr (r->result->outcome, ==, "split");
  g_assert_cmpint (percent_of (r, "257"), ==, 20);
  g_assert_cmpint (percent_of (r, "258"), ==, 80);
  g_assert_true (cites (r, "rule-20-percent-example"));
  g_assert_true (cites (r, "257-pres-9"));
  g_assert_cmpuint (r->groups->len, ==, 1);
  g_assert_cmpstr (((VvUnitGroup *) g_ptr_array_index (r->groups, 0))->kind, ==, "split");
}

/* Just under the line goes wholly to the larger part; exactly 20 % splits. */
static void
test_twenty_percent_line (void)
{
  g_autoptr(VvUnitResult) under = guide_text (
    "{\"format\":\"veiviser-unit/1\",\"year\":2024,"
    "\"staff\":[{\"hours_dwellings\":80.1,\"hours_outside\":19.9}]}", NULL);
  g_autoptr(VvUnitResult) exact = guide_text (
    "{\"format\":\"veiviser-unit/1\",\"year\":2024,"
    "\"staff\":[{\"hours_dwellings\":80,\"hours_outside\":20}]}", NULL);
  g_autoptr(VvUnitResult) under_outside = guide_text (
    "{\"format\":\"veiviser-unit/1\",\"year\":2024,"
    "\"staff\":[{\"hours_dwellings\":3,\"hours_outside\":34.5}]}", NULL);

  g_assert_cmpstr (under->result->outcome, ==, "function");
  g_assert_cmpint (percent_of (under, "257"), ==, 100);
  g_assert_cmpstr (((VvUnitGroup *) g_ptr_array_index (under->groups, 0))->kind, ==, "dwellings");
  g_assert_cmpint (percent_of (exact, "257"), ==, 80);
  g_assert_cmpint (percent_of (exact, "258"), ==, 20);
  g_assert_cmpint (percent_of (under_outside, "258"), ==, 100);
}

/* Employees under and over the line in one unit, weighted by hours, and by
 * salary when every employee has one. */
static void
test_mixed_staff (void)
{
  g_autoptr(VvUnitResult) hours = guide_text (
    "{\"format\":\"veiviser-unit/1\",\"year\":2024,\"staff\":["
    "{\"hours_dwellings\":30,\"hours_outside\":7.5},"
    "{\"hours_dwellings\":34,\"hours_outside\":3.5},"
    "{\"hours_dwellings\":5,\"hours_outside\":32.5},"
    "{\"hours_dwellings\":37.5,\"hours_outside\":0}]}", NULL);
  g_autoptr(VvUnitResult) salary = guide_text (
    "{\"format\":\"veiviser-unit/1\",\"year\":2024,\"staff\":["
    "{\"hours_dwellings\":30,\"hours_outside\":7.5,\"salary\":612000},"
    "{\"hours_dwellings\":0,\"hours_outside\":37.5,\"salary\":540000},"
    "{\"hours_dwellings\":37.5,\"hours_outside\":0,\"salary\":498000}]}", NULL);

  /* 257: 30 + 37.5 + 37.5 = 105, 258: 7.5 + 37.5 = 45 of 150 */
  g_assert_cmpint (percent_of (hours, "257"), ==, 70);
  g_assert_cmpint (percent_of (hours, "258"), ==, 30);
  g_assert_false (hours->by_salary);
  g_assert_cmpuint (hours->groups->len, ==, 3);
  /* 257: 489 600 + 498 000 = 987 600 of 1 650 000 = 59.85 % */
  g_assert_true (salary->by_salary);
  g_assert_cmpint (percent_of (salary, "257"), ==, 60);
  g_assert_cmpint (percent_of (salary, "258"), ==, 40);
}

static void
test_largest_remainder (void)
{
  g_autoptr(VvUnitResult) r = guide_text (
    "{\"format\":\"veiviser-unit/1\",\"year\":2024,\"staff\":["
    "{\"hours_dwellings\":10,\"hours_outside\":0},"
    "{\"hours_dwellings\":10,\"hours_outside\":0},"
    "{\"hours_dwellings\":0,\"hours_outside\":10}]}", NULL);

  g_assert_cmpint (percent_of (r, "257"), ==, 67);
  g_assert_cmpint (percent_of (r, "258"), ==, 33);
}

static void
test_base_facts (void)
{
  g_autoptr(VvUnitResult) rota = guide_text (
    "{\"format\":\"veiviser-unit/1\",\"year\":2024,\"facts\":{\"shared_rota\":true},"
    "\"staff\":[{\"hours_dwellings\":30,\"hours_outside\":7.5}]}", NULL);
  g_autoptr(VvUnitResult) single = guide_text (
    "{\"format\":\"veiviser-unit/1\",\"year\":2024,\"facts\":{\"single_user_base\":true},"
    "\"staff\":[{\"hours_dwellings\":37.5,\"hours_outside\":0}]}", NULL);
  g_autoptr(VvUnitResult) ambulant = guide_text (
    "{\"format\":\"veiviser-unit/1\",\"year\":2024,\"facts\":{\"attached_dwellings\":false},"
    "\"staff\":[{\"hours_dwellings\":37.5,\"hours_outside\":0}]}", NULL);
  g_autoptr(VvUnitResult) children = guide_text (
    "{\"format\":\"veiviser-unit/1\",\"year\":2024,\"facts\":{\"children\":true,\"single_user_base\":true},"
    "\"staff\":[{\"hours_dwellings\":30,\"hours_outside\":7.5}]}", NULL);
  g_autoptr(VvUnitResult) old = guide_text (
    "{\"format\":\"veiviser-unit/1\",\"year\":2023,"
    "\"staff\":[{\"hours_dwellings\":30,\"hours_outside\":7.5}]}", NULL);

  g_assert_cmpint (percent_of (rota, "258"), ==, 100);
  g_assert_true (cites (rota, "shared-rota"));
  g_assert_cmpint (percent_of (single, "258"), ==, 100);
  g_assert_true (cites (single, "257-pres-5"));
  g_assert_cmpint (percent_of (ambulant, "258"), ==, 100);
  /* a children's base: 253 for the residents, even when set up for one child */
  g_assert_cmpint (percent_of (children, "253"), ==, 80);
  g_assert_cmpint (percent_of (children, "258"), ==, 20);
  g_assert_true (cites (children, "257-pres-6"));
  g_assert_cmpstr (old->result->outcome, ==, "function");
  g_assert_cmpint (percent_of (old, "254"), ==, 100);
  g_assert_true (cites (old, "254-until-2023"));
}

static void
test_errors (void)
{
  struct { const char *json; const char *expect; } cases[] = {
    { "[1]", "veiviser-unit/1" },
    { "{\"format\":\"veiviser-case/1\",\"year\":2024,\"staff\":[]}", "format" },
    { "{\"format\":\"veiviser-unit/1\",\"staff\":[{\"hours_dwellings\":1,\"hours_outside\":1}]}", "year" },
    { "{\"format\":\"veiviser-unit/1\",\"year\":2024,\"staff\":[]}", "staff" },
    { "{\"format\":\"veiviser-unit/1\",\"year\":2024,\n\"staff\":[{\"hours_dwellings\":\"ten\",\"hours_outside\":1}]}", "unit.json:2: field “staff[0].hours_dwellings”" },
    { "{\"format\":\"veiviser-unit/1\",\"year\":2024,\"staff\":[{\"hours_dwellings\":-1,\"hours_outside\":1}]}", "hours_dwellings" },
    { "{\"format\":\"veiviser-unit/1\",\"year\":2024,\"staff\":[{\"hours_dwellings\":0,\"hours_outside\":0}]}", "staff[0]" },
    { "{\"format\":\"veiviser-unit/1\",\"year\":2024,\"staff\":[{\"hours_outside\":1}]}", "hours_dwellings" },
    { "{\"format\":\"veiviser-unit/1\",\"year\":2024,\"facts\":{\"shared_rota\":\"yes\"},\"staff\":[{\"hours_dwellings\":1,\"hours_outside\":1}]}", "facts.shared_rota" },
    { "{\"format\":\"veiviser-unit/1\",\"year\":2024,\"staff\":[{\"hours_dwellings\":1,\"hours_outside\":1,\"salary\":5},{\"hours_dwellings\":1,\"hours_outside\":1}]}", "salary" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VvUnitFile) unit = vv_unit_file_new_from_data (cases[i].json, -1, "unit.json", &error);

      g_assert_null (unit);
      g_assert_nonnull (error);
      if (strstr (error->message, cases[i].expect) == NULL)
        g_error ("case %u: “%s” not in “%s”", i, cases[i].expect, error->message);
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(VvUnitFile) unit = vv_unit_file_new_from_data (
      "{\"format\":\"veiviser-unit/1\",\"year\":1990,\"staff\":[{\"hours_dwellings\":1,\"hours_outside\":1}]}",
      -1, "unit.json", NULL);
    g_autoptr(VvUnitResult) r = vv_unit_guide (vv_rules_get_default (), unit, &error);

    g_assert_null (r);
    g_assert_error (error, VV_UNIT_ERROR, VV_UNIT_ERROR_FIELD);
  }
}

static void
test_warnings_and_json (void)
{
  VvUnitFile *unit = NULL;
  g_autoptr(VvUnitResult) r = guide_text (
    "{\"format\":\"veiviser-unit/1\",\"ansvar\":\"4101\",\"name\":\"Solbakken\",\"year\":2024,"
    "\"colour\":\"blue\",\"facts\":{\"pets\":true},"
    "\"staff\":[{\"hours_dwellings\":30,\"hours_outside\":7.5,\"shoe_size\":44}]}", &unit);
  g_autoptr(VvUnitFile) owned = unit;
  g_autoptr(JsonNode) node = vv_unit_result_to_json (vv_rules_get_default (), unit, r);
  JsonObject *o = json_node_get_object (node);
  JsonArray *groups = json_object_get_array_member (o, "groups");
  JsonObject *g = json_array_get_object_element (groups, 0);
  g_autofree char *text = vv_unit_result_to_text (vv_rules_get_default (), unit, r);

  g_assert_cmpuint (unit->warnings->len, ==, 3);
  g_assert_cmpstr (json_object_get_string_member (o, "format"), ==, "veiviser-result/1");
  g_assert_cmpstr (json_object_get_string_member (o, "ansvar"), ==, "4101");
  g_assert_cmpstr (json_object_get_string_member (o, "weighted_by"), ==, "hours");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "citations")), >, 0);
  g_assert_cmpstr (json_object_get_string_member (g, "kind"), ==, "split");
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (g, "employees"), 0), ==, 1);
  g_assert_nonnull (strstr (json_object_get_string_member (g, "explanation"), "20 %"));
  g_assert_nonnull (strstr (text, "4101"));
  g_assert_nonnull (strstr (text, "line"));
}

/* The public unit examples: each gives the text's answer and cites a
 * paragraph inside the lines its note gives. */
static void
test_examples (void)
{
  VvRules *rules = vv_rules_get_default ();
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "units", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GRegex) list = g_regex_new ("linje ((?:\\d+(?:[-–]\\d+)?(?:, | og )?)+)", 0, 0, NULL);
  g_autoptr(GRegex) range = g_regex_new ("(\\d+)(?:[-–](\\d+))?", 0, 0, NULL);
  const char *name;
  guint checked = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(VvUnitFile) unit = vv_unit_file_load (path, &error);
      g_autoptr(VvUnitResult) r = NULL;
      g_autoptr(GMatchInfo) m = NULL;
      g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (guint));
      JsonArray *allocs;
      gboolean inside = FALSE;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      g_assert_no_error (error);
      g_assert_cmpuint (unit->warnings->len, ==, 0);
      g_assert_nonnull (unit->expected);
      r = vv_unit_guide (rules, unit, &error);
      g_assert_no_error (error);
      if (!g_str_equal (r->result->outcome, json_object_get_string_member (unit->expected, "outcome")))
        g_error ("%s: outcome %s", name, r->result->outcome);
      allocs = json_object_get_array_member (unit->expected, "allocations");
      g_assert_cmpuint (json_array_get_length (allocs), ==, r->result->allocations->len);
      for (guint i = 0; i < json_array_get_length (allocs); i++)
        {
          JsonObject *a = json_array_get_object_element (allocs, i);

          if (percent_of (r, json_object_get_string_member (a, "function")) != json_object_get_int_member (a, "percent"))
            g_error ("%s: %s is not %" G_GINT64_FORMAT " %%", name,
                     json_object_get_string_member (a, "function"), json_object_get_int_member (a, "percent"));
        }
      if (json_object_has_member (unit->expected, "rules"))
        {
          JsonArray *want = json_object_get_array_member (unit->expected, "rules");

          for (guint i = 0; i < json_array_get_length (want); i++)
            if (!cites (r, json_array_get_string_element (want, i)))
              g_error ("%s: %s not cited", name, json_array_get_string_element (want, i));
        }
      g_assert_nonnull (unit->note);
      g_regex_match (list, unit->note, 0, &m);
      while (g_match_info_matches (m))
        {
          g_autofree char *items = g_match_info_fetch (m, 1);
          g_autoptr(GMatchInfo) mr = NULL;

          g_regex_match (range, items, 0, &mr);
          while (g_match_info_matches (mr))
            {
              g_autofree char *from = g_match_info_fetch (mr, 1);
              g_autofree char *to = g_match_info_fetch (mr, 2);
              guint a = (guint) atoi (from), b = (to != NULL && *to) ? (guint) atoi (to) : a;

              g_array_append_val (ranges, a);
              g_array_append_val (ranges, b);
              g_match_info_next (mr, NULL);
            }
          g_match_info_next (m, NULL);
        }
      for (guint i = 0; i < r->result->rules->len && !inside; i++)
        {
          const VvCitation *c = vv_rules_lookup_citation (rules, g_ptr_array_index (r->result->rules, i));

          for (guint j = 0; c != NULL && j + 1 < ranges->len; j += 2)
            if (c->line_from >= g_array_index (ranges, guint, j) && c->line_to <= g_array_index (ranges, guint, j + 1))
              inside = TRUE;
        }
      if (!inside)
        g_error ("%s: no cited paragraph inside the lines of its note", name);
      checked++;
    }
  g_assert_cmpuint (checked, >=, 8);
}

/* What the GUI builds by hand: checked like a file, written as
 * veiviser-unit/1 and read back to the same result and citation. */
static void
test_built_unit (void)
{
  g_autoptr(VvUnitFile) unit = vv_unit_file_new ("4101", "Solbakken", 2024);
  g_autoptr(VvUnitFile) again = NULL;
  g_autoptr(VvUnitResult) r = NULL;
  g_autoptr(VvUnitResult) r2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *citation = NULL;
  g_autofree char *where = NULL;

  g_assert_false (vv_unit_file_check (unit, &error));
  g_assert_error (error, VV_UNIT_ERROR, VV_UNIT_ERROR_FIELD);
  g_clear_error (&error);
  vv_unit_file_add_employee (unit, 0, 0, 0);
  g_assert_false (vv_unit_file_check (unit, &error));
  g_clear_error (&error);
  g_array_set_size (unit->staff, 0);
  vv_unit_file_add_employee (unit, 30, 7.5, 0);   /* 20 % outside: split */
  vv_unit_file_add_employee (unit, 34, 3.5, 500000);
  g_assert_false (vv_unit_file_check (unit, &error));   /* salary for one only */
  g_clear_error (&error);
  g_array_index (unit->staff, VvUnitEmployee, 1).salary = 0;
  vv_unit_file_add_employee (unit, 5, 32.5, 0);
  vv_unit_file_add_employee (unit, 37.5, 0, 0);
  g_assert_true (vv_unit_file_check (unit, &error));
  g_assert_no_error (error);

  r = vv_unit_guide (vv_rules_get_default (), unit, &error);
  g_assert_no_error (error);
  g_assert_cmpint (percent_of (r, "257"), ==, 70);
  g_assert_cmpint (percent_of (r, "258"), ==, 30);
  citation = vv_unit_result_get_citation (r);
  g_assert_true (g_str_has_prefix (citation, "257-pres-9 "));
  g_assert_nonnull (strstr (citation, "rule-20-percent"));
  where = vv_unit_citation_describe (vv_rules_get_default (), citation);
  g_assert_cmpstr (where, ==, "Veileder til kontoplanen i KOSTRA 2024, funksjon 257, presisering 9, "
                              "lines 1426–1430");
  g_assert_null (vv_unit_citation_describe (vv_rules_get_default (), "no-such-rule"));

  data = vv_unit_file_to_data (unit);
  again = vv_unit_file_new_from_data (data, -1, "again.json", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->ansvar, ==, "4101");
  g_assert_cmpstr (again->name, ==, "Solbakken");
  g_assert_cmpuint (again->staff->len, ==, 4);
  g_assert_cmpuint (again->warnings->len, ==, 0);
  g_assert_true (again->attached_dwellings);
  r2 = vv_unit_guide (vv_rules_get_default (), again, &error);
  g_assert_no_error (error);
  g_assert_cmpint (percent_of (r2, "257"), ==, 70);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  vv_i18n_init ("en");

  g_test_add_func ("/unit-guide/text-example", test_text_example);
  g_test_add_func ("/unit-guide/twenty-percent-line", test_twenty_percent_line);
  g_test_add_func ("/unit-guide/mixed-staff", test_mixed_staff);
  g_test_add_func ("/unit-guide/largest-remainder", test_largest_remainder);
  g_test_add_func ("/unit-guide/base-facts", test_base_facts);
  g_test_add_func ("/unit-guide/errors", test_errors);
  g_test_add_func ("/unit-guide/warnings-and-json", test_warnings_and_json);
  g_test_add_func ("/unit-guide/examples", test_examples);
  g_test_add_func ("/unit-guide/built-unit", test_built_unit);

  return g_test_run ();
}
