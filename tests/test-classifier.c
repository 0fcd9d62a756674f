/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-classifier"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "vv-case.h"
#include "vv-classifier.h"
#include "vv-i18n.h"
#include "vv-rules.h"

static VvResult *
classify_json (int year, const char *facts_json, GError **error)
{
  g_autoptr(JsonNode) node = json_from_string (facts_json, NULL);

  g_assert_nonnull (node);
  return vv_classify (vv_rules_get_default (), year, json_node_get_object (node), error);
}

static const char *
function_at (VvResult *r, guint i)
{
  g_assert_cmpuint (i, <, r->allocations->len);
  return g_array_index (r->allocations, VvAllocation, i).function;
}

static int
percent_at (VvResult *r, guint i)
{
  return g_array_index (r->allocations, VvAllocation, i).percent;
}

static gboolean
has_rule (VvResult *r, const char *rule)
{
  for (guint i = 0; i < r->rules->len; i++)
    if (g_str_equal (g_ptr_array_index (r->rules, i), rule))
      return TRUE;
  return FALSE;
}

static void
test_s4_other_unit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VvResult) r = classify_json (2024,
    "{\"item\":\"care_service\",\"service\":\"home_health\",\"residence\":\"shared_housing\","
    "\"provider\":\"other_unit\",\"user_age\":47}", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (r->outcome, ==, "function");
  g_assert_cmpstr (function_at (r, 0), ==, "258");
  g_assert_cmpint (percent_at (r, 0), ==, 100);
  g_assert_true (has_rule (r, "257-pres-4"));
  g_assert_cmpuint (r->why_not->len, ==, 1);
  g_assert_cmpstr (((VvWhyNot *) g_ptr_array_index (r->why_not, 0))->function, ==, "257");
}

/* share_outside_percent describes a staff base, not one user: a case saved
 * with it still loads, the user's service is 257, and the advice points to
 * the unit guide. */
static void
test_share_is_a_unit_fact (void)
{
  g_autoptr(VvResult) r = classify_json (2024,
    "{\"item\":\"care_service\",\"service\":\"practical_assistance\",\"residence\":\"shared_housing\","
    "\"provider\":\"attached_base\",\"user_age\":30,\"single_user_base\":false,\"shared_rota\":false,"
    "\"share_outside_percent\":30}", NULL);

  g_assert_cmpstr (r->outcome, ==, "function");
  g_assert_cmpuint (r->allocations->len, ==, 1);
  g_assert_cmpstr (function_at (r, 0), ==, "257");
  g_assert_cmpuint (r->warnings->len, ==, 0);
  g_assert_true (has_rule (r, "257-pres-9"));
  g_assert_cmpuint (r->advice->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (r->advice, 0), "unit guide"));
}

/* Goal-driven: in 2023 every adult home service is 254, so nothing about the
 * staff base is asked; the young-adult question is not put to a 45-year-old. */
static void
test_goal_driven (void)
{
  g_autoptr(VvResult) y2023 = classify_json (2023,
    "{\"item\":\"care_service\",\"residence\":\"shared_housing\",\"user_age\":30}", NULL);
  g_autoptr(VvResult) y2024 = classify_json (2024,
    "{\"item\":\"care_service\",\"residence\":\"shared_housing\",\"user_age\":30}", NULL);
  g_autoptr(VvResult) adult = classify_json (2024,
    "{\"item\":\"respite\",\"respite_kpr\":\"outside_institution\",\"respite_overnight\":true,"
    "\"respite_place\":\"shared_housing\",\"user_age\":45}", NULL);
  g_autoptr(VvResult) young = classify_json (2024,
    "{\"item\":\"respite\",\"respite_kpr\":\"outside_institution\",\"respite_overnight\":true,"
    "\"respite_place\":\"shared_housing\",\"user_age\":19}", NULL);
  g_autoptr(VvResult) child = classify_json (2023,
    "{\"item\":\"care_service\",\"residence\":\"shared_housing\",\"user_age\":12}", NULL);

  g_assert_cmpstr (y2023->outcome, ==, "function");
  g_assert_cmpstr (function_at (y2023, 0), ==, "254");
  g_assert_null (y2023->outcome_node);
  g_assert_true (has_rule (y2023, "254-until-2023"));
  g_assert_cmpstr (y2024->outcome, ==, "needs_answer");
  g_assert_cmpstr (g_ptr_array_index (y2024->missing, 0), ==, "provider");
  g_assert_cmpstr (g_ptr_array_index (adult->missing, 0), ==, "provider");
  g_assert_cmpstr (g_ptr_array_index (young->missing, 0), ==, "parents_home_base");
  /* a child's 24-hour offer is 253 in 2023 too */
  g_assert_cmpstr (g_ptr_array_index (child->missing, 0), ==, "offer_24h");
}

/* The explanation never claims more than the facts: a line range of one
 * line is "line N". */
static void
test_single_line (void)
{
  VvRules *rules = vv_rules_get_default ();
  g_autofree char *one = vv_citation_format_lines (vv_rules_lookup_citation (rules, "258-pt-2e"));
  g_autofree char *range = vv_citation_format_lines (vv_rules_lookup_citation (rules, "respite-day"));

  g_assert_cmpstr (one, ==, "line 1529");
  g_assert_cmpstr (range, ==, "lines 2015–2017");
}

static void
test_needs_answer (void)
{
  g_autoptr(VvResult) r = classify_json (2024,
    "{\"item\":\"care_service\",\"service\":\"home_health\",\"residence\":\"shared_housing\"}", NULL);

  g_assert_cmpstr (r->outcome, ==, "needs_answer");
  g_assert_cmpuint (r->missing->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (r->missing, 0), ==, "user_age");
  g_assert_cmpuint (r->allocations->len, ==, 0);
  g_assert_null (r->outcome_node);
}

static void
test_empty_facts (void)
{
  g_autoptr(VvResult) r = classify_json (2024, "{}", NULL);

  g_assert_cmpstr (r->outcome, ==, "needs_answer");
  g_assert_cmpstr (g_ptr_array_index (r->missing, 0), ==, "item");
}

static void
test_default_municipal (void)
{
  g_autoptr(VvResult) yes = classify_json (2024,
    "{\"item\":\"care_service\",\"service\":\"home_health\",\"residence\":\"private_home\",\"user_age\":70}", NULL);
  g_autoptr(VvResult) no = classify_json (2024,
    "{\"item\":\"care_service\",\"municipal_responsibility\":false}", NULL);

  g_assert_cmpstr (function_at (yes, 0), ==, "258");
  g_assert_cmpstr (no->outcome, ==, "outside_kostra");
  g_assert_cmpuint (no->allocations->len, ==, 0);
}

static void
test_host_alternative (void)
{
  g_autoptr(VvResult) r = classify_json (2024, "{\"item\":\"host_service\"}", NULL);
  g_autoptr(VvResult) old = classify_json (2023, "{\"item\":\"host_service\"}", NULL);

  g_assert_cmpstr (function_at (r, 0), ==, "257");
  g_assert_cmpuint (r->alternatives->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (r->alternatives, 0), ==, "234");
  g_assert_cmpstr (function_at (old, 0), ==, "254");
  g_assert_cmpstr (g_ptr_array_index (old->alternatives, 0), ==, "234");
}

static void
test_user_payment (void)
{
  g_autoptr(VvResult) r = classify_json (2024,
    "{\"item\":\"user_payment\",\"service\":\"practical_assistance\",\"residence\":\"private_home\",\"user_age\":50}", NULL);

  g_assert_cmpstr (function_at (r, 0), ==, "258");
  g_assert_true (has_rule (r, "user-payment"));
  g_assert_true (has_rule (r, "258-pt-1"));
}

static void
test_invalid_values (void)
{
  struct { const char *facts; int code; const char *field; } cases[] = {
    { "{\"item\":\"rocket\"}", VV_CLASSIFY_ERROR_UNKNOWN_VALUE, "item" },
    { "{\"item\":12}", VV_CLASSIFY_ERROR_WRONG_TYPE, "item" },
    { "{\"item\":\"respite\",\"respite_overnight\":\"yes\"}", VV_CLASSIFY_ERROR_WRONG_TYPE, "respite_overnight" },
    { "{\"user_age\":-1}", VV_CLASSIFY_ERROR_OUT_OF_RANGE, "user_age" },
    { "{\"user_age\":17.5}", VV_CLASSIFY_ERROR_WRONG_TYPE, "user_age" },
    { "{\"share_outside_percent\":101}", VV_CLASSIFY_ERROR_OUT_OF_RANGE, "share_outside_percent" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VvResult) r = classify_json (2024, cases[i].facts, &error);

      g_assert_null (r);
      g_assert_error (error, VV_CLASSIFY_ERROR, cases[i].code);
      g_assert_true (g_str_has_prefix (error->message, cases[i].field));
    }
}

static void
test_unknown_fact_warning (void)
{
  g_autoptr(VvResult) r = classify_json (2024, "{\"item\":\"rent_income\",\"dwelling_tenure\":\"municipal_lease\",\"colour\":\"blue\"}", NULL);

  g_assert_cmpstr (function_at (r, 0), ==, "265");
  g_assert_cmpuint (r->warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (r->warnings, 0), "colour"));
}

static void
test_bad_year (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VvResult) r = classify_json (1999, "{}", &error);

  g_assert_null (r);
  g_assert_error (error, VV_CLASSIFY_ERROR, VV_CLASSIFY_ERROR_YEAR);
}

static void
test_json_contract (void)
{
  VvRules *rules = vv_rules_get_default ();
  g_autoptr(VvResult) r = classify_json (2024,
    "{\"item\":\"care_service\",\"service\":\"home_health\",\"residence\":\"shared_housing\","
    "\"provider\":\"other_unit\",\"user_age\":47}", NULL);
  g_autoptr(JsonNode) node = vv_result_to_json (rules, r);
  JsonObject *o = json_node_get_object (node);
  JsonArray *citations = json_object_get_array_member (o, "citations");
  JsonObject *c = json_array_get_object_element (citations, 0);
  JsonObject *a = json_array_get_object_element (json_object_get_array_member (o, "allocations"), 0);

  g_assert_cmpstr (json_object_get_string_member (o, "format"), ==, "veiviser-result/1");
  g_assert_cmpstr (json_object_get_string_member (o, "outcome"), ==, "function");
  g_assert_cmpstr (json_object_get_string_member (a, "function"), ==, "258");
  g_assert_cmpint (json_object_get_int_member (a, "percent"), ==, 100);
  g_assert_true (json_object_has_member (o, "alternatives"));
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (o, "rules"), 0), ==, "257-pres-4");
  g_assert_cmpstr (json_object_get_string_member (c, "document"), ==, "000_98915c610411d6c3.txt");
  g_assert_cmpstr (json_object_get_string_member (c, "lines"), ==, "1400-1404");
  g_assert_nonnull (strstr (json_object_get_string_member (c, "text"), "andre virksomheter"));
  g_assert_nonnull (strstr (json_object_get_string_member (c, "source"), "presisering 4"));
  g_assert_cmpstr (json_object_get_string_member (o, "explanation"), !=, "");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "why_not")), ==, 1);
  g_assert_false (json_object_has_member (o, "missing"));
}

/* The note names the official text's lines ("linje 1394-1398, 1426-1430",
 * "linje 1531"): a result (other than needs_answer) must cite a paragraph of
 * the primary source inside one of them. Cases from number 65 carry a
 * nynorsk title and note too. */
static void
check_cited_in_range (const char *path, VvCase *vcase, VvResult *r)
{
  VvRules *rules = vv_rules_get_default ();
  g_autoptr(GRegex) list = g_regex_new ("linje ((?:\\d+(?:[-–]\\d+)?(?:, | og )?)+)", 0, 0, NULL);
  g_autoptr(GRegex) range = g_regex_new ("(\\d+)(?:[-–](\\d+))?", 0, 0, NULL);
  g_autoptr(GMatchInfo) m = NULL;
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *base = g_path_get_basename (path);

  if (atoi (base) >= 65)
    {
      g_autofree char *contents = NULL;
      g_autoptr(JsonNode) root = NULL;

      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      root = json_from_string (contents, NULL);
      if (!json_object_has_member (json_node_get_object (root), "title_nn") ||
          !json_object_has_member (json_node_get_object (root), "note_nn"))
        g_error ("%s: a new example needs title_nn and note_nn", path);
    }
  if (g_str_equal (r->outcome, "needs_answer"))
    return;
  g_regex_match (list, vcase->note, 0, &m);
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
  if (ranges->len == 0)
    g_error ("%s: the note gives no line range (“linje N-M”)", path);
  for (guint i = 0; i < r->rules->len; i++)
    {
      const VvCitation *c = vv_rules_lookup_citation (rules, g_ptr_array_index (r->rules, i));

      if (c == NULL || !g_str_equal (c->document, "000_98915c610411d6c3.txt"))
        continue;
      for (guint j = 0; j + 1 < ranges->len; j += 2)
        if (c->line_from >= g_array_index (ranges, guint, j) && c->line_to <= g_array_index (ranges, guint, j + 1))
          return;
    }
  g_error ("%s: no cited paragraph lies inside the lines the note gives", path);
}

/* The public examples: each file's "expected" comes from the official text. */
static void
test_examples (void)
{
  VvRules *rules = vv_rules_get_default ();
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "cases", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint checked = 0;
  int years_seen = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, g_ptr_array_index (names, i), NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(VvCase) vcase = vv_case_load_file (path, &error);
      g_autoptr(VvResult) r = NULL;
      JsonObject *expected;
      JsonArray *allocs;

      g_assert_no_error (error);
      g_assert_true (vv_case_validate (vcase, rules, &error));
      g_assert_no_error (error);
      expected = vcase->expected;
      g_assert_nonnull (expected);
      r = vv_classify (rules, vcase->year, vcase->facts, &error);
      g_assert_no_error (error);
      years_seen |= vcase->year <= 2023 ? 1 : 2;

      if (g_strcmp0 (r->outcome, json_object_get_string_member (expected, "outcome")) != 0)
        g_error ("%s: outcome %s, expected %s", path, r->outcome,
                 json_object_get_string_member (expected, "outcome"));
      allocs = json_object_has_member (expected, "allocations")
        ? json_object_get_array_member (expected, "allocations") : NULL;
      if (allocs != NULL)
        {
          if (json_array_get_length (allocs) != r->allocations->len)
            g_error ("%s: %u allocations, expected %u", path, r->allocations->len,
                     json_array_get_length (allocs));
          for (guint j = 0; j < json_array_get_length (allocs); j++)
            {
              JsonObject *a = json_array_get_object_element (allocs, j);
              gboolean found = FALSE;

              for (guint k = 0; k < r->allocations->len; k++)
                if (g_str_equal (function_at (r, k), json_object_get_string_member (a, "function")) &&
                    percent_at (r, k) == json_object_get_int_member (a, "percent"))
                  found = TRUE;
              if (!found)
                g_error ("%s: no allocation %s %" G_GINT64_FORMAT " %%", path,
                         json_object_get_string_member (a, "function"),
                         json_object_get_int_member (a, "percent"));
            }
        }
      if (json_object_has_member (expected, "rules"))
        {
          JsonArray *rules_expected = json_object_get_array_member (expected, "rules");

          for (guint j = 0; j < json_array_get_length (rules_expected); j++)
            if (!has_rule (r, json_array_get_string_element (rules_expected, j)))
              g_error ("%s: rule %s not cited", path, json_array_get_string_element (rules_expected, j));
        }
      if (json_object_has_member (expected, "missing"))
        {
          JsonArray *missing = json_object_get_array_member (expected, "missing");

          for (guint j = 0; j < json_array_get_length (missing); j++)
            {
              gboolean found = FALSE;

              for (guint k = 0; k < r->missing->len; k++)
                if (g_str_equal (g_ptr_array_index (r->missing, k), json_array_get_string_element (missing, j)))
                  found = TRUE;
              if (!found)
                g_error ("%s: missing fact %s not reported", path, json_array_get_string_element (missing, j));
            }
        }
      check_cited_in_range (path, vcase, r);
      checked++;
    }
  g_test_message ("%u example cases checked", checked);
  g_assert_cmpuint (checked, >=, 25);
  g_assert_cmpint (years_seen, ==, 3);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  vv_i18n_init ("en");

  g_test_add_func ("/classifier/s4-other-unit", test_s4_other_unit);
  g_test_add_func ("/classifier/share-is-a-unit-fact", test_share_is_a_unit_fact);
  g_test_add_func ("/classifier/goal-driven", test_goal_driven);
  g_test_add_func ("/classifier/single-line", test_single_line);
  g_test_add_func ("/classifier/needs-answer", test_needs_answer);
  g_test_add_func ("/classifier/empty-facts", test_empty_facts);
  g_test_add_func ("/classifier/default-municipal", test_default_municipal);
  g_test_add_func ("/classifier/host-alternative", test_host_alternative);
  g_test_add_func ("/classifier/user-payment", test_user_payment);
  g_test_add_func ("/classifier/invalid-values", test_invalid_values);
  g_test_add_func ("/classifier/unknown-fact-warning", test_unknown_fact_warning);
  g_test_add_func ("/classifier/bad-year", test_bad_year);
  g_test_add_func ("/classifier/json-contract", test_json_contract);
  g_test_add_func ("/classifier/examples", test_examples);

  return g_test_run ();
}
