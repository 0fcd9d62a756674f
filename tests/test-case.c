/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-case"

#include "config.h"

#include <string.h>

#include "vv-case.h"
#include "vv-i18n.h"
#include "vv-rules.h"

static void
test_round_trip (void)
{
  const char *text =
    "{\n \"format\": \"veiviser-case/1\",\n \"title\": \"Åsen bofellesskap\",\n \"year\": 2023,\n"
    " \"facts\": {\"item\": \"respite\", \"respite_overnight\": true, \"user_age\": 19},\n"
    " \"note\": \"helgeavlastning\",\n \"expected\": {\"outcome\": \"function\"}\n}\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(VvCase) c = vv_case_load_data (text, -1, "x.json", &error);
  g_autoptr(VvCase) again = NULL;
  g_autoptr(VvCase) copy = NULL;
  g_autofree char *data = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (c->title, ==, "Åsen bofellesskap");
  g_assert_cmpint (c->year, ==, 2023);
  g_assert_cmpstr (c->note, ==, "helgeavlastning");
  g_assert_true (json_object_get_boolean_member (c->facts, "respite_overnight"));
  g_assert_cmpint (json_object_get_int_member (c->facts, "user_age"), ==, 19);
  g_assert_nonnull (c->expected);
  g_assert_true (vv_case_validate (c, vv_rules_get_default (), &error));

  data = vv_case_to_data (c, NULL);
  again = vv_case_load_data (data, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->title, ==, c->title);
  g_assert_cmpint (again->year, ==, c->year);
  g_assert_cmpuint (json_object_get_size (again->facts), ==, 3);

  copy = vv_case_copy (c);
  g_assert_cmpstr (copy->title, ==, c->title);
  g_assert_true (copy->facts != c->facts);
  g_assert_cmpuint (json_object_get_size (copy->facts), ==, 3);
}

static void
test_find_line (void)
{
  const char *text = "{\n \"format\": \"veiviser-case/1\",\n \"year\": 2024,\n \"facts\": {\n"
                     "  \"item\": \"care_service\",\n  \"residence\": \"moon\"\n }\n}\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(VvCase) c = vv_case_load_data (text, -1, "f.json", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (vv_case_find_line (c, "year"), ==, 3);
  g_assert_cmpuint (vv_case_find_line (c, "facts.residence"), ==, 6);
  g_assert_cmpuint (vv_case_find_line (c, "nothing"), ==, 0);
  g_assert_false (vv_case_validate (c, vv_rules_get_default (), &error));
  g_assert_error (error, VV_CASE_ERROR, VV_CASE_ERROR_UNKNOWN_VALUE);
  g_assert_true (g_str_has_prefix (error->message, "f.json:6: field “facts.residence”"));
}

static void
test_errors (void)
{
  struct { const char *text; int code; } cases[] = {
    { "", VV_CASE_ERROR_SYNTAX },
    { "{", VV_CASE_ERROR_SYNTAX },
    { "\"just a string\"", VV_CASE_ERROR_FORMAT },
    { "{\"format\": 1, \"year\": 2024, \"facts\": {}}", VV_CASE_ERROR_FORMAT },
    { "{\"format\": \"veiviser-case/1\", \"facts\": {}}", VV_CASE_ERROR_MISSING_FIELD },
    { "{\"format\": \"veiviser-case/1\", \"year\": 2024.5, \"facts\": {}}", VV_CASE_ERROR_WRONG_TYPE },
    { "{\"format\": \"veiviser-case/1\", \"year\": 12024, \"facts\": {}}", VV_CASE_ERROR_OUT_OF_RANGE },
    { "{\"format\": \"veiviser-case/1\", \"year\": 2024, \"facts\": {}, \"note\": []}", VV_CASE_ERROR_WRONG_TYPE },
    { "{\"format\": \"veiviser-case/1\", \"year\": 2024, \"facts\": {}, \"expected\": 3}", VV_CASE_ERROR_WRONG_TYPE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VvCase) c = vv_case_load_data (cases[i].text, -1, "e.json", &error);

      g_assert_null (c);
      g_assert_error (error, VV_CASE_ERROR, cases[i].code);
      g_assert_true (g_str_has_prefix (error->message, "e.json"));
    }
}

static void
test_unknown_fields_warn (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VvCase) c = vv_case_load_data (
    "{\"format\": \"veiviser-case/1\", \"year\": 2024, \"facts\": {\"item\": \"rent_income\", \"x\": 1}, \"extra\": true}",
    -1, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (c->warnings->len, ==, 1);
  g_assert_true (vv_case_validate (c, vv_rules_get_default (), &error));
  g_assert_cmpuint (c->warnings->len, ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  vv_i18n_init ("en");

  g_test_add_func ("/case/round-trip", test_round_trip);
  g_test_add_func ("/case/find-line", test_find_line);
  g_test_add_func ("/case/errors", test_errors);
  g_test_add_func ("/case/unknown-fields-warn", test_unknown_fields_warn);

  return g_test_run ();
}
