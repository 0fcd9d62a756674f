/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-units"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "vv-classifier.h"
#include "vv-i18n.h"
#include "vv-rules.h"
#include "vv-units.h"

static const char *good_register =
  "\xef\xbb\xbf" "Ansvar;Navn;Fordeling\r\n"
  "4101;Solbakken bofellesskap;257:80 258:20\r\n"
  "\r\n"
  "# a comment line\n"
  "4200;Hjemmesykepleien sone nord;258:100\n"
  "4310;\"Dagsenteret; Solstua\";234:100;;\n"
  "4400;Omsorgsboliger vest; 257:100% \n";

static void
test_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VvUnits) units = vv_units_new_from_data (NULL, good_register, -1, "units.csv", &error);
  const VvUnit *u;
  const VvAllocation *a;

  g_assert_no_error (error);
  g_assert_nonnull (units);
  g_assert_cmpuint (vv_units_get_n_units (units), ==, 4);

  u = vv_units_lookup (units, "4101");
  g_assert_nonnull (u);
  g_assert_cmpstr (u->name, ==, "Solbakken bofellesskap");
  g_assert_cmpuint (u->line_no, ==, 2);
  g_assert_cmpuint (u->allocations->len, ==, 2);
  a = &g_array_index (u->allocations, VvAllocation, 0);
  g_assert_cmpstr (a->function, ==, "257");
  g_assert_cmpint (a->percent, ==, 80);
  a = &g_array_index (u->allocations, VvAllocation, 1);
  g_assert_cmpstr (a->function, ==, "258");
  g_assert_cmpint (a->percent, ==, 20);

  u = vv_units_lookup (units, "4310");
  g_assert_cmpstr (u->name, ==, "Dagsenteret; Solstua");
  g_assert_cmpuint (u->line_no, ==, 6);
  u = vv_units_lookup (units, "4400");
  g_assert_cmpint (g_array_index (u->allocations, VvAllocation, 0).percent, ==, 100);
  g_assert_cmpstr (vv_units_get_unit (units, 1)->ansvar, ==, "4200");
  g_assert_null (vv_units_lookup (units, "9999"));
}

static void
test_roundtrip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VvUnits) units = vv_units_new_from_data (NULL, good_register, -1, "units.csv", &error);
  g_autoptr(VvUnits) again = NULL;
  g_autofree char *data = NULL;
  g_autofree char *data2 = NULL;
  g_autofree char *dir = g_dir_make_tmp ("veiviser-units-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "u.csv", NULL);
  g_autoptr(VvUnits) loaded = NULL;

  g_assert_no_error (error);
  data = vv_units_to_data (units);
  g_assert_true (g_str_has_prefix (data, "Ansvar;Navn;Fordeling\n4101;Solbakken "
                                         "bofellesskap;257:80 258:20\n"));
  g_assert_nonnull (strstr (data, "4310;\"Dagsenteret; Solstua\";234:100\n"));
  again = vv_units_new_from_data (NULL, data, -1, "again.csv", &error);
  g_assert_no_error (error);
  data2 = vv_units_to_data (again);
  g_assert_cmpstr (data, ==, data2);

  g_assert_true (vv_units_save_file (again, path, &error));
  g_assert_no_error (error);
  loaded = vv_units_new_from_file (NULL, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (vv_units_get_n_units (loaded), ==, 4);
  g_unlink (path);
  g_rmdir (dir);
}

typedef struct
{
  const char *name;
  const char *data;
  int         code;
  const char *expect[4];   /* substrings of the message */
} BadFile;

static const BadFile bad_files[] = {
  { "empty", "", VV_UNITS_ERROR_EMPTY, { "bad.csv", "empty", NULL } },
  { "missing-header", "4101;Solbakken;257:100\n", VV_UNITS_ERROR_HEADER,
    { "bad.csv:1:", "Ansvar;Navn;Fordeling", NULL } },
  { "comma-header", "Ansvar,Navn,Fordeling\n4101,Solbakken,257:100\n", VV_UNITS_ERROR_HEADER,
    { "bad.csv:1:", NULL } },
  { "too-few-fields", "Ansvar;Navn;Fordeling\n4101;Solbakken\n", VV_UNITS_ERROR_FIELDS,
    { "bad.csv:2:", "found 2", NULL } },
  { "open-quote", "Ansvar;Navn;Fordeling\n4101;\"Solbakken;257:100\n", VV_UNITS_ERROR_FIELDS,
    { "bad.csv:2:", "quote", NULL } },
  { "empty-ansvar", "Ansvar;Navn;Fordeling\n;Solbakken;257:100\n", VV_UNITS_ERROR_ANSVAR,
    { "bad.csv:2:", "“Ansvar”", NULL } },
  { "space-in-ansvar", "Ansvar;Navn;Fordeling\n41 01;Solbakken;257:100\n", VV_UNITS_ERROR_ANSVAR,
    { "bad.csv:2:", "“Ansvar”", "41 01", NULL } },
  { "duplicate", "Ansvar;Navn;Fordeling\n4101;A;257:100\n4200;B;258:100\n4101;C;258:100\n",
    VV_UNITS_ERROR_DUPLICATE, { "bad.csv:4:", "“Ansvar”", "line 2", NULL } },
  { "empty-allocation", "Ansvar;Navn;Fordeling\n4101;Solbakken;\n", VV_UNITS_ERROR_ALLOCATION,
    { "bad.csv:2:", "“Fordeling”", NULL } },
  { "no-colon", "Ansvar;Navn;Fordeling\n4101;Solbakken;257=100\n", VV_UNITS_ERROR_ALLOCATION,
    { "bad.csv:2:", "“Fordeling”", "257=100", NULL } },
  { "bad-percent", "Ansvar;Navn;Fordeling\n4101;Solbakken;257:x 258:20\n", VV_UNITS_ERROR_PERCENT,
    { "bad.csv:2:", "“Fordeling”", "257:x", NULL } },
  { "decimal-percent", "Ansvar;Navn;Fordeling\n4101;Solbakken;257:33,5 258:66,5\n",
    VV_UNITS_ERROR_PERCENT, { "bad.csv:2:", "whole number", NULL } },
  { "zero-percent", "Ansvar;Navn;Fordeling\n4101;Solbakken;257:0 258:100\n", VV_UNITS_ERROR_PERCENT,
    { "bad.csv:2:", NULL } },
  { "over-100", "Ansvar;Navn;Fordeling\n4101;Solbakken;258:120\n", VV_UNITS_ERROR_PERCENT,
    { "bad.csv:2:", NULL } },
  { "sum-90", "Ansvar;Navn;Fordeling\n4101;A;258:100\n4102;B;257:70 258:20\n", VV_UNITS_ERROR_SUM,
    { "bad.csv:3:", "“Fordeling”", "90", NULL } },
  { "unknown-function", "Ansvar;Navn;Fordeling\n4101;Solbakken;259:100\n", VV_UNITS_ERROR_FUNCTION,
    { "bad.csv:2:", "“Fordeling”", "259", NULL } },
  { "function-twice", "Ansvar;Navn;Fordeling\n4101;Solbakken;257:50 257:50\n",
    VV_UNITS_ERROR_FUNCTION, { "bad.csv:2:", "twice", NULL } },
  { "not-utf8", "Ansvar;Navn;Fordeling\n4101;Omsorgsbolig \xf8st;257:100\n",
    VV_UNITS_ERROR_ENCODING,
    { "bad.csv:2:", "UTF-8", NULL } },
};

static void
test_bad_file (gconstpointer data)
{
  const BadFile *bad = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VvUnits) units = vv_units_new_from_data (NULL, bad->data, -1, "bad.csv", &error);

  g_assert_null (units);
  g_assert_error (error, VV_UNITS_ERROR, bad->code);
  for (guint i = 0; bad->expect[i] != NULL; i++)
    if (strstr (error->message, bad->expect[i]) == NULL)
      g_error ("%s: “%s” not in “%s”", bad->name, bad->expect[i], error->message);
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VvUnits) units = vv_units_new_from_file (NULL, "/nonexistent/units.csv", &error);

  g_assert_null (units);
  g_assert_error (error, VV_UNITS_ERROR, VV_UNITS_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "/nonexistent/units.csv"));
}

static void
test_edit (void)
{
  g_autoptr(VvUnits) units = vv_units_new (NULL);
  g_autoptr(GError) error = NULL;
  const VvUnit *u;

  g_assert_true (vv_units_add (units, "4101", "Solbakken", "257:80 258:20", &error));
  g_assert_no_error (error);
  g_assert_true (vv_units_add (units, "4200", "Sone nord", "258:100", &error));
  g_assert_false (vv_units_add (units, "4101", "Again", "258:100", &error));
  g_assert_error (error, VV_UNITS_ERROR, VV_UNITS_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (vv_units_add (units, "4300", "Bad", "257:50", &error));
  g_assert_error (error, VV_UNITS_ERROR, VV_UNITS_ERROR_SUM);
  g_clear_error (&error);
  g_assert_null (vv_units_lookup (units, "4300"));
  g_assert_cmpuint (vv_units_get_n_units (units), ==, 2);

  g_assert_true (vv_units_set_allocation (units, "4200", "257:10 258:90", &error));
  u = vv_units_lookup (units, "4200");
  g_assert_cmpint (g_array_index (u->allocations, VvAllocation, 1).percent, ==, 90);
  g_assert_false (vv_units_set_allocation (units, "4200", "258:99", &error));
  g_assert_error (error, VV_UNITS_ERROR, VV_UNITS_ERROR_SUM);
  g_clear_error (&error);
  /* unchanged after the failed set */
  g_assert_cmpint (g_array_index (u->allocations, VvAllocation, 0).percent, ==, 10);
  g_assert_false (vv_units_set_allocation (units, "9999", "258:100", &error));
  g_assert_error (error, VV_UNITS_ERROR, VV_UNITS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (vv_units_set_name (units, "4200", "Sone sør", &error));
  g_assert_cmpstr (vv_units_lookup (units, "4200")->name, ==, "Sone sør");

  /* names typed in the GUI may hold anything; the file stays one record a line */
  {
    g_autoptr(VvUnits) back = NULL;
    g_autofree char *data = NULL;

    g_assert_true (vv_units_add (units, "4500", "Ny \"enhet\";\nlinje 2", "265:100", &error));
    data = vv_units_to_data (units);
    back = vv_units_new_from_data (NULL, data, -1, "back.csv", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (vv_units_lookup (back, "4500")->name, ==, "Ny \"enhet\"; linje 2");
    g_assert_true (vv_units_remove (units, "4500"));
  }

  g_assert_true (vv_units_remove (units, "4101"));
  g_assert_false (vv_units_remove (units, "4101"));
  g_assert_null (vv_units_lookup (units, "4101"));
  g_assert_cmpuint (vv_units_get_n_units (units), ==, 1);
  g_assert_cmpstr (vv_units_get_unit (units, 0)->ansvar, ==, "4200");
}

static void
test_allocation_string (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) a = vv_allocation_parse (NULL, "  258:25\t257:75\u00a0", &error);
  g_autofree char *s = NULL;

  g_assert_no_error (error);
  s = vv_allocation_to_string (a);
  g_assert_cmpstr (s, ==, "258:25 257:75");
}

/* A unit classified with the guide: the result's allocation is stored. */
static void
test_from_result (void)
{
  VvRules *rules = vv_rules_get_default ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "cases",
                                                 "01-bofellesskap-egen-base.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(VvResult) result = NULL;
  g_autoptr(VvUnits) units = vv_units_new (rules);
  g_autofree char *alloc = NULL;
  g_autofree char *expected = NULL;
  JsonObject *root;
  const VvUnit *u;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  result = vv_classify (rules, 2024, json_object_get_object_member (root, "facts"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->allocations->len, >, 0);

  g_assert_true (vv_units_add (units, "4101", "Solbakken", "258:100", &error));
  g_assert_true (vv_units_set_from_result (units, "4101", result, &error));
  g_assert_no_error (error);
  u = vv_units_lookup (units, "4101");
  alloc = vv_allocation_to_string (u->allocations);
  expected = vv_allocation_to_string (result->allocations);
  g_assert_cmpstr (alloc, ==, expected);
  g_assert_nonnull (strstr (alloc, "257"));

  /* an unfinished classification is refused */
  g_free (result->outcome);
  result->outcome = g_strdup ("needs_answer");
  g_assert_false (vv_units_set_from_result (units, "4101", result, &error));
  g_assert_error (error, VV_UNITS_ERROR, VV_UNITS_ERROR_RESULT);
}

/* issue 15: a CR in a unit name did not survive write -> read -> write */
static void
test_control_in_name (void)
{
  const char *names[] = { "Solbakken\r", "Sol\rbakken", "\r\nSone\tnord\n", "#\r1" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VvUnits) units = vv_units_new (NULL);
      g_autoptr(VvUnits) again = NULL;
      g_autofree char *data = NULL;
      g_autofree char *data2 = NULL;

      g_assert_true (vv_units_add (units, "4101", names[i], "257:100", &error));
      g_assert_no_error (error);
      g_assert_null (strpbrk (vv_units_lookup (units, "4101")->name, "\r\n\t"));
      data = vv_units_to_data (units);
      again = vv_units_new_from_data (NULL, data, -1, "u.csv", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (vv_units_lookup (again, "4101")->name, ==,
                       vv_units_lookup (units, "4101")->name);
      data2 = vv_units_to_data (again);
      g_assert_cmpstr (data, ==, data2);
      g_assert_true (vv_units_set_name (again, "4101", names[i], &error));
      g_assert_cmpstr (vv_units_lookup (again, "4101")->name, ==,
                       vv_units_lookup (units, "4101")->name);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  vv_i18n_init ("en");

  g_test_add_func ("/units/parse", test_parse);
  g_test_add_func ("/units/roundtrip", test_roundtrip);
  g_test_add_func ("/units/control-in-name", test_control_in_name);
  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *name = g_strdup_printf ("/units/bad/%s", bad_files[i].name);

      g_test_add_data_func (name, &bad_files[i], test_bad_file);
    }
  g_test_add_func ("/units/missing-file", test_missing_file);
  g_test_add_func ("/units/edit", test_edit);
  g_test_add_func ("/units/allocation-string", test_allocation_string);
  g_test_add_func ("/units/from-result", test_from_result);
  return g_test_run ();
}
