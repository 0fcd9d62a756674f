/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-exercise-set"

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "vv-classifier.h"
#include "vv-exercise-set.h"
#include "vv-i18n.h"
#include "vv-privacy.h"
#include "vv-rules.h"

#define SMALL_SET \
  "{\n" \
  "  \"format\": \"veiviser-exercises/1\",\n" \
  "  \"id\": \"small\",\n" \
  "  \"title\": \"Liten\",\n" \
  "  \"title_nn\": \"Lita\",\n" \
  "  \"exercises\": [\n" \
  "    { \"id\": \"a\", \"format\": \"veiviser-case/1\", \"title\": \"Bofellesskap\",\n" \
  "      \"title_nn\": \"Bufellesskap\", \"year\": 2024,\n" \
  "      \"facts\": { \"item\": \"care_service\", \"service\": \"home_health\",\n" \
  "                 \"residence\": \"shared_housing\", \"provider\": \"attached_base\",\n" \
  "                 \"single_user_base\": false, \"user_age\": 50, \"shared_rota\": false,\n" \
  "                 \"share_outside_percent\": 0 },\n" \
  "      \"question\": \"Hvor?\", \"question_nn\": \"Kvar?\",\n" \
  "      \"expected\": { \"outcome\": \"function\",\n" \
  "                    \"allocations\": [ { \"function\": \"257\", \"percent\": 100 } ],\n" \
  "                    \"rules\": [ \"257-pt-1\" ] } },\n" \
  "    { \"id\": \"b\", \"title\": \"Deling\", \"year\": 2024,\n" \
  "      \"facts\": { \"item\": \"care_service\", \"service\": \"home_health\",\n" \
  "                 \"residence\": \"shared_housing\", \"provider\": \"attached_base\",\n" \
  "                 \"single_user_base\": false, \"user_age\": 50, \"shared_rota\": false,\n" \
  "                 \"share_outside_percent\": 30 },\n" \
  "      \"question\": \"Hvordan; \\\"deles\\\"?\",\n" \
  "      \"expected\": { \"outcome\": \"split\",\n" \
  "                    \"allocations\": [ { \"function\": \"257\", \"percent\": 70 },\n" \
  "                                     { \"function\": \"258\", \"percent\": 30 } ] } },\n" \
  "    { \"id\": \"c\", \"format\": \"veiviser-case/1\", \"title\": \"Husvert\", \"year\": 2024,\n" \
  "      \"facts\": { \"item\": \"host_service\" },\n" \
  "      \"question\": \"Husvert?\",\n" \
  "      \"expected\": { \"outcome\": \"function\",\n" \
  "                    \"allocations\": [ { \"function\": \"257\", \"percent\": 100 } ],\n" \
  "                    \"alternatives\": [ \"234\" ] } },\n" \
  "    { \"id\": \"d\", \"format\": \"veiviser-case/1\", \"title\": \"Privat\", \"year\": 2024,\n" \
  "      \"facts\": { \"item\": \"care_service\", \"municipal_responsibility\": false },\n" \
  "      \"question\": \"Privat?\",\n" \
  "      \"expected\": { \"outcome\": \"outside_kostra\", \"allocations\": [] } }\n" \
  "  ]\n" \
  "}\n"

static char *
exercises_dir (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "exercises", NULL);
}

static GPtrArray *
load_shipped_sets (void)
{
  g_autoptr(GPtrArray) sets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *dirname = exercises_dir ();
  g_autoptr(GDir) dir = g_dir_open (dirname, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dirname, g_ptr_array_index (names, i), NULL);
      VvExerciseSet *set = vv_exercise_set_new_from_path (path, &error);

      g_assert_no_error (error);
      g_assert_nonnull (set);
      g_ptr_array_add (sets, set);
    }
  return g_steal_pointer (&sets);
}

static VvExerciseSet *
load_small_set (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (SMALL_SET, strlen (SMALL_SET));
  g_autoptr(GError) error = NULL;
  VvExerciseSet *set = vv_exercise_set_new_from_bytes (bytes, "small.json", &error);

  g_assert_no_error (error);
  g_assert_nonnull (set);
  return set;
}

static void
test_shipped_load (void)
{
  g_autoptr(GPtrArray) sets = load_shipped_sets ();
  guint total = 0;

  g_assert_cmpuint (sets->len, >=, 2);
  for (guint i = 0; i < sets->len; i++)
    {
      VvExerciseSet *set = g_ptr_array_index (sets, i);

      g_assert_nonnull (vv_exercise_set_get_title (set));
      g_assert_nonnull (vv_exercise_set_get_description (set));
      for (guint j = 0; j < vv_exercise_set_get_n_exercises (set); j++)
        {
          const VvExercise *exercise = vv_exercise_set_get_exercise (set, j);

          /* both languages are in the file, and they are not copies */
          g_assert_nonnull (exercise->question_nn);
          g_assert_nonnull (exercise->title_nn);
          g_assert_cmpstr (exercise->question, !=, exercise->question_nn);
          g_assert_nonnull (exercise->kase);
          g_assert_nonnull (exercise->kase->facts);
          g_assert_nonnull (exercise->kase->expected);
          g_assert_cmpuint (exercise->rules->len, >, 0);
        }
      total += vv_exercise_set_get_n_exercises (set);
    }
  g_assert_cmpuint (total, >=, 20);
}

/* The cross-check: every shipped exercise's expected result is what the
 * rules give for its facts. A failure means either the exercise or the rule
 * data is wrong; the message names the exercise. */
/* Each exercise's note gives its source's lines ("linje 1394-1398"): the
 * answer must cite a paragraph of the primary source inside them. */
static void
check_cited_in_range (const VvExercise *exercise, VvRules *rules)
{
  g_autoptr(GRegex) list = g_regex_new ("linje ((?:\\d+(?:[-–]\\d+)?(?:, | og )?)+)", 0, 0, NULL);
  g_autoptr(GRegex) range = g_regex_new ("(\\d+)(?:[-–](\\d+))?", 0, 0, NULL);
  g_autoptr(GMatchInfo) m = NULL;
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(VvResult) r = vv_classify (rules, exercise->kase->year, exercise->kase->facts, NULL);

  g_assert_nonnull (r);
  g_regex_match (list, exercise->kase->note, 0, &m);
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
    g_error ("exercise %s: the note gives no line range", exercise->kase->title);
  for (guint i = 0; i < r->rules->len; i++)
    {
      const VvCitation *c = vv_rules_lookup_citation (rules, g_ptr_array_index (r->rules, i));

      if (c == NULL || !g_str_equal (c->document, "000_98915c610411d6c3.txt"))
        continue;
      for (guint j = 0; j + 1 < ranges->len; j += 2)
        if (c->line_from >= g_array_index (ranges, guint, j) && c->line_to <= g_array_index (ranges, guint, j + 1))
          return;
    }
  g_error ("exercise %s: no cited paragraph inside the lines of its note", exercise->kase->title);
}

static void
test_shipped_classifier (void)
{
  g_autoptr(GPtrArray) sets = load_shipped_sets ();
  VvRules *rules = vv_rules_get_default ();
  guint checked = 0;

  g_assert_nonnull (rules);
  for (guint i = 0; i < sets->len; i++)
    {
      VvExerciseSet *set = g_ptr_array_index (sets, i);

      for (guint j = 0; j < vv_exercise_set_get_n_exercises (set); j++)
        {
          const VvExercise *exercise = vv_exercise_set_get_exercise (set, j);
          g_autoptr(GError) error = NULL;

          g_assert_true (vv_case_validate (exercise->kase, rules, &error));
          g_assert_no_error (error);
          if (!vv_exercise_verify (exercise, rules, &error))
            g_test_message ("%s: %s", vv_exercise_set_get_filename (set), error->message);
          g_assert_no_error (error);
          check_cited_in_range (exercise, rules);
          checked++;
        }

      {
        g_autoptr(GError) error = NULL;

        g_assert_true (vv_exercise_set_verify (set, rules, &error));
        g_assert_no_error (error);
      }
    }
  g_assert_cmpuint (checked, >=, 20);
}

static void
test_shipped_rules_covered (void)
{
  /* The shipped sets together exercise the main rules of the guidance. */
  const char *wanted[] = {
    "257-pt-1", "258-pt-1", "257-pres-4", "257-pres-5", "257-pres-6", "257-pres-7",
    "257-pres-8", "257-pres-9", "shared-rota", "omsorg-pluss-host", "bpa",
    "base-ownership-private", "258-pt-2e", "respite-table", "respite-note-29",
    "respite-children-institution", "234-alarm-callout", "234-pt-1", "253-pt-1",
    "hvpu-840", "254-until-2023",
  };
  g_autoptr(GPtrArray) sets = load_shipped_sets ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) functions = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < sets->len; i++)
    {
      VvExerciseSet *set = g_ptr_array_index (sets, i);

      for (guint j = 0; j < vv_exercise_set_get_n_exercises (set); j++)
        {
          const VvExercise *exercise = vv_exercise_set_get_exercise (set, j);

          for (guint k = 0; k < exercise->rules->len; k++)
            g_hash_table_add (seen, g_ptr_array_index (exercise->rules, k));
          for (guint k = 0; k < exercise->allocations->len; k++)
            g_hash_table_add (functions,
                              g_array_index (exercise->allocations, VvAllocation, k).function);
          if (g_str_equal (exercise->outcome, "outside_kostra"))
            g_hash_table_add (functions, (gpointer) "outside_kostra");
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    {
      if (!g_hash_table_contains (seen, wanted[i]))
        g_test_message ("no exercise cites %s", wanted[i]);
      g_assert_true (g_hash_table_contains (seen, wanted[i]));
    }
  for (guint i = 0; i < 8; i++)
    {
      const char *f[] = { "257", "258", "253", "234", "265", "840", "254", "outside_kostra" };

      g_assert_true (g_hash_table_contains (functions, f[i]));
    }
}

static void
test_score (void)
{
  g_autoptr(VvExerciseSet) set = load_small_set ();
  const VvExercise *a, *b, *c, *d;
  struct { guint ex; const char *answer; gboolean correct; const char *normalised; } cases[] = {
    { 0, "257", TRUE, "257" },
    { 0, " 257 ", TRUE, "257" },
    { 0, "258", FALSE, "258" },
    { 0, "257:100", TRUE, "257" },
    { 0, "split", FALSE, "257 258" },
    { 0, "outside_kostra", FALSE, "outside_kostra" },
    { 1, "split", TRUE, "257 258" },
    { 1, "258+257", TRUE, "258 257" },
    { 1, "257:70 258:30", TRUE, "257:70 258:30" },
    { 1, "258:30,257:70", TRUE, "258:30 257:70" },
    { 1, "257:60 258:40", FALSE, "257:60 258:40" },
    { 1, "257", FALSE, "257" },
    { 1, "257 258 234", FALSE, "257 258 234" },
    { 2, "257", TRUE, "257" },
    { 2, "234", TRUE, "234" },
    { 2, "258", FALSE, "258" },
    { 3, "outside_kostra", TRUE, "outside_kostra" },
    { 3, "Utenfor", TRUE, "outside_kostra" },
    { 3, "258", FALSE, "258" },
  };

  g_assert_cmpstr (vv_exercise_set_get_id (set), ==, "small");
  g_assert_cmpuint (vv_exercise_set_get_n_exercises (set), ==, 4);
  a = vv_exercise_set_get_exercise (set, 0);
  b = vv_exercise_set_get_exercise (set, 1);
  c = vv_exercise_set_get_exercise (set, 2);
  d = vv_exercise_set_get_exercise (set, 3);
  g_assert_cmpstr (a->id, ==, "a");
  g_assert_cmpstr (b->outcome, ==, "split");
  g_assert_cmpuint (c->alternatives->len, ==, 1);
  g_assert_cmpstr (d->outcome, ==, "outside_kostra");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalised = NULL;
      gboolean correct = !cases[i].correct;

      g_assert_true (vv_exercise_score (vv_exercise_set_get_exercise (set, cases[i].ex),
                                        cases[i].answer, &correct, &normalised, &error));
      g_assert_no_error (error);
      if (correct != cases[i].correct)
        g_test_message ("answer “%s” to exercise %u", cases[i].answer, cases[i].ex);
      g_assert_cmpint (correct, ==, cases[i].correct);
      g_assert_cmpstr (normalised, ==, cases[i].normalised);
    }

  {
    g_autofree char *e0 = vv_exercise_format_expected (a);
    g_autofree char *e2 = vv_exercise_format_expected (c);

    g_assert_cmpstr (e0, ==, "257");
    g_assert_nonnull (strstr (e2, "234"));
  }
}

static void
test_bad_answers (void)
{
  const char *bad[] = { "", "  ", "abc", "25", "2577", "257:50 258:40", "257:70 258",
                        "257 257", "257:101", "257:x" };
  g_autoptr(VvExerciseSet) set = load_small_set ();

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean correct = TRUE;

      g_assert_false (vv_exercise_set_answer (set, 0, bad[i], &correct, &error));
      g_assert_error (error, VV_EXERCISE_SET_ERROR, VV_EXERCISE_SET_ERROR_ANSWER);
    }
  g_assert_null (vv_exercise_set_get_answer (set, 0));
}

static void
test_results (void)
{
  g_autoptr(VvExerciseSet) set = load_small_set ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *json_path = NULL;
  g_autofree char *written = NULL;
  g_auto(GStrv) lines = NULL;
  JsonObject *object;
  JsonObject *score;
  JsonArray *answers;
  gboolean correct;
  guint answered;

  g_assert_cmpuint (vv_exercise_set_get_score (set, &answered), ==, 0);
  g_assert_cmpuint (answered, ==, 0);

  vv_exercise_set_set_participant (set, "Kari; \"K\"");
  g_assert_true (vv_exercise_set_answer (set, 0, "258", &correct, &error));
  g_assert_no_error (error);
  g_assert_false (correct);
  /* answering again replaces the earlier answer */
  g_assert_true (vv_exercise_set_answer (set, 0, "257", &correct, &error));
  g_assert_true (correct);
  g_assert_true (vv_exercise_set_answer (set, 1, "257:60 258:40", &correct, &error));
  g_assert_false (correct);
  g_assert_true (vv_exercise_set_answer (set, 3, "outside_kostra", &correct, &error));
  g_assert_true (correct);
  g_assert_no_error (error);

  g_assert_cmpuint (vv_exercise_set_get_score (set, &answered), ==, 2);
  g_assert_cmpuint (answered, ==, 3);
  g_assert_cmpstr (vv_exercise_set_get_answer (set, 0)->answer, ==, "257");
  g_assert_null (vv_exercise_set_get_answer (set, 2));

  csv = vv_exercise_set_results_to_csv (set);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 7); /* header, 4 rows, sum, trailing "" */
  g_assert_cmpstr (lines[0], ==, "Deltaker;Oppgavesett;Oppgave;Tittel;Svar;Fasit;Riktig");
  g_assert_cmpstr (lines[1], ==, "\"Kari; \"\"K\"\"\";small;a;Bofellesskap;257;257;ja");
  g_assert_cmpstr (lines[2], ==, "\"Kari; \"\"K\"\"\";small;b;Deling;257:60 258:40;257:70 258:30;nei");
  g_assert_cmpstr (lines[3], ==, "\"Kari; \"\"K\"\"\";small;c;Husvert;;257;");
  g_assert_cmpstr (lines[4], ==, "\"Kari; \"\"K\"\"\";small;d;Privat;outside_kostra;outside_kostra;ja");
  g_assert_cmpstr (lines[5], ==, "\"Kari; \"\"K\"\"\";small;poengsum;;3;4;2");
  g_assert_cmpstr (lines[6], ==, "");

  /* a participant name a spreadsheet would run as a formula is written as text */
  vv_exercise_set_set_participant (set, "=HYPERLINK(\"http://x\";\"y\")");
  {
    g_autofree char *formula_csv = vv_exercise_set_results_to_csv (set);
    g_auto(GStrv) formula_lines = g_strsplit (formula_csv, "\r\n", -1);

    g_assert_cmpstr (formula_lines[1], ==,
                     "\"'=HYPERLINK(\"\"http://x\"\";\"\"y\"\")\";small;a;Bofellesskap;257;257;ja");
  }
  vv_exercise_set_set_participant (set, "Kari; \"K\"");

  json = vv_exercise_set_results_to_json (set);
  object = json_node_get_object (json);
  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==,
                   VV_EXERCISE_RESULTS_FORMAT);
  g_assert_cmpstr (json_object_get_string_member (object, "set"), ==, "small");
  score = json_object_get_object_member (object, "score");
  g_assert_cmpint (json_object_get_int_member (score, "correct"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (score, "answered"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (score, "total"), ==, 4);
  answers = json_object_get_array_member (object, "answers");
  g_assert_cmpuint (json_array_get_length (answers), ==, 4);
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (answers, 1),
                                                  "correct"));
  g_assert_true (json_object_get_null_member (json_array_get_object_element (answers, 2),
                                              "answer"));

  tmpdir = g_dir_make_tmp ("vv-test-exercise-XXXXXX", &error);
  g_assert_no_error (error);
  csv_path = g_build_filename (tmpdir, "results.csv", NULL);
  json_path = g_build_filename (tmpdir, "results.json", NULL);
  g_assert_true (vv_exercise_set_save_results (set, csv_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &written, NULL, &error));
  g_assert_cmpstr (written, ==, csv);
  g_clear_pointer (&written, g_free);
  g_assert_true (vv_exercise_set_save_results (set, json_path, &error));
  g_assert_true (g_file_get_contents (json_path, &written, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (written, VV_EXERCISE_RESULTS_FORMAT));
  g_unlink (csv_path);
  g_unlink (json_path);
  g_rmdir (tmpdir);

  vv_exercise_set_clear_answers (set);
  g_assert_cmpuint (vv_exercise_set_get_score (set, &answered), ==, 0);
  g_assert_cmpuint (answered, ==, 0);
}

static char *
replace (const char *text,
         const char *old,
         const char *new)
{
  const char *at = strstr (text, old);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, new, at + strlen (old));
}

/* A single case file with an expected result is a set of one exercise. */
static void
test_case_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                 "01-bofellesskap-egen-base.json", NULL);
  const char *no_expected =
    "{\n"
    "  \"format\": \"veiviser-case/1\",\n"
    "  \"title\": \"Uten fasit\",\n"
    "  \"year\": 2024,\n"
    "  \"facts\": { \"item\": \"care_allowance\" }\n"
    "}\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (no_expected, strlen (no_expected));
  g_autoptr(GError) error = NULL;
  g_autoptr(VvExerciseSet) set = vv_exercise_set_new_from_path (path, &error);
  g_autoptr(VvExerciseSet) bad = NULL;
  const VvExercise *exercise;
  gboolean correct = FALSE;

  g_assert_no_error (error);
  g_assert_nonnull (set);
  g_assert_cmpstr (vv_exercise_set_get_id (set), ==, "01-bofellesskap-egen-base");
  g_assert_cmpstr (vv_exercise_set_get_title (set), ==, "Bofellesskap med egen personellbase");
  g_assert_cmpuint (vv_exercise_set_get_n_exercises (set), ==, 1);
  exercise = vv_exercise_set_get_exercise (set, 0);
  g_assert_cmpstr (exercise->question, ==, "Bofellesskap med egen personellbase");
  g_assert_cmpstr (exercise->outcome, ==, "function");
  g_assert_true (vv_exercise_set_verify (set, vv_rules_get_default (), &error));
  g_assert_no_error (error);
  g_assert_true (vv_exercise_set_answer (set, 0, "257", &correct, &error));
  g_assert_true (correct);

  bad = vv_exercise_set_new_from_bytes (bytes, "sak.json", &error);
  g_assert_null (bad);
  g_assert_error (error, VV_EXERCISE_SET_ERROR, VV_EXERCISE_SET_ERROR_MISSING_FIELD);
  g_assert_cmpstr (error->message, ==, "sak.json:1: field “expected”: every exercise needs an expected result");
}

static void
test_bad_files (void)
{
  /* line: where the error must point (the value, or the object missing a
   * member); 0 for JSON syntax errors, which json-glib locates itself */
  struct { const char *from; const char *to; int code; const char *field; guint line; } cases[] = {
    { "\"format\": \"veiviser-exercises/1\",", "\"format\": \"veiviser-plan/1\",",
      VV_EXERCISE_SET_ERROR_FORMAT, "format", 2 },
    { "\"format\": \"veiviser-exercises/1\",", "", VV_EXERCISE_SET_ERROR_MISSING_FIELD, "format", 1 },
    { "\"title\": \"Liten\",", "", VV_EXERCISE_SET_ERROR_MISSING_FIELD, "title", 1 },
    { "\"title\": \"Liten\",", "\"title\": 3,", VV_EXERCISE_SET_ERROR_WRONG_TYPE, "title", 4 },
    { "\"exercises\": [", "\"exercises\": { \"x\": [", VV_EXERCISE_SET_ERROR_SYNTAX, NULL, 0 },
    { "\"question\": \"Hvor?\",", "", VV_EXERCISE_SET_ERROR_MISSING_FIELD,
      "exercises[0].question", 7 },
    { "\"expected\": { \"outcome\": \"function\",\n                    \"allocations\": [ { \"function\": \"257\", \"percent\": 100 } ],\n                    \"rules\": [ \"257-pt-1\" ] } },",
      "\"nothing\": 1 },", VV_EXERCISE_SET_ERROR_MISSING_FIELD, "exercises[0].expected", 7 },
    { "\"outcome\": \"split\"", "\"outcome\": \"maybe\"", VV_EXERCISE_SET_ERROR_INVALID_VALUE,
      "exercises[1].expected.outcome", 23 },
    { "{ \"function\": \"258\", \"percent\": 30 }", "{ \"function\": \"258\", \"percent\": 20 }",
      VV_EXERCISE_SET_ERROR_INVALID_VALUE, "exercises[1].expected.allocations", 24 },
    { "{ \"function\": \"258\", \"percent\": 30 }", "{ \"function\": \"F258\", \"percent\": 30 }",
      VV_EXERCISE_SET_ERROR_INVALID_VALUE, "exercises[1].expected.allocations[1]", 25 },
    { "\"alternatives\": [ \"234\" ]", "\"alternatives\": [ 234 ]",
      VV_EXERCISE_SET_ERROR_WRONG_TYPE, "exercises[2].expected.alternatives", 31 },
    { "\"outcome\": \"outside_kostra\", \"allocations\": []",
      "\"outcome\": \"outside_kostra\", \"allocations\": [ { \"function\": \"258\" } ]",
      VV_EXERCISE_SET_ERROR_INVALID_VALUE, "exercises[3].expected.allocations", 35 },
    { "{ \"id\": \"b\",", "{ \"id\": \"a\",", VV_EXERCISE_SET_ERROR_INVALID_VALUE,
      "exercises[1].id", 17 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = replace (SMALL_SET, cases[i].from, cases[i].to);
      g_autoptr(GBytes) bytes = g_bytes_new_take (g_strdup (text), strlen (text));
      g_autoptr(GError) error = NULL;
      g_autoptr(VvExerciseSet) set = vv_exercise_set_new_from_bytes (bytes, "kurs.json", &error);

      g_assert_null (set);
      g_assert_error (error, VV_EXERCISE_SET_ERROR, cases[i].code);
      g_test_message ("%s", error->message);
      if (cases[i].line > 0)
        {
          g_autofree char *where = g_strdup_printf ("kurs.json:%u: ", cases[i].line);

          g_assert_true (g_str_has_prefix (error->message, where));
        }
      else
        g_assert_true (g_str_has_prefix (error->message, "kurs.json: "));
      if (cases[i].field != NULL)
        {
          g_autofree char *quoted = g_strdup_printf ("“%s”", cases[i].field);

          g_assert_nonnull (strstr (error->message, quoted));
        }
    }

  /* errors of the case part come from the case loader and name the exercise */
  {
    g_autofree char *text = replace (SMALL_SET, "\"title\": \"Husvert\", \"year\": 2024,",
                                     "\"title\": \"Husvert\",");
    g_autoptr(GBytes) bytes = g_bytes_new_take (g_strdup (text), strlen (text));
    g_autoptr(GError) error = NULL;
    g_autoptr(VvExerciseSet) set = vv_exercise_set_new_from_bytes (bytes, "kurs.json", &error);

    g_assert_null (set);
    g_assert_nonnull (error);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "kurs.json:26, exercises[2]"));
    g_assert_nonnull (strstr (error->message, "year"));
  }

  /* not an object, empty list, not UTF-8, empty file, an octal escape, not
   * JSON at all; missing file */
  {
    const char *texts[] = {
      "[]",
      "{ \"format\": \"veiviser-exercises/1\", \"title\": \"x\", \"exercises\": [] }",
      "{ \"format\": \"veiviser-exercises/1\", \"title\": \"\xff\" }",
      "",
      /* valid UTF-8, but json-glib makes the octal escape a raw 0xff byte */
      "{ \"format\": \"veiviser-exercises/1\", \"title\": \"A\\377\", \"exercises\": [] }",
      /* json-glib 1.6 reads "$99" as a hexadecimal number and leaked the
       * object after it (found by fuzzing; the sanitizer run sees the leak) */
      "$99{ \"format\": \"veiviser-exercises/1\", \"title\": \"x\", \"exercises\": [] }",
    };
    int codes[] = { VV_EXERCISE_SET_ERROR_FORMAT, VV_EXERCISE_SET_ERROR_EMPTY,
                    VV_EXERCISE_SET_ERROR_SYNTAX, VV_EXERCISE_SET_ERROR_FORMAT,
                    VV_EXERCISE_SET_ERROR_SYNTAX, VV_EXERCISE_SET_ERROR_SYNTAX };

    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      {
        g_autoptr(GBytes) bytes = g_bytes_new_static (texts[i], strlen (texts[i]));
        g_autoptr(GError) error = NULL;
        g_autoptr(VvExerciseSet) set = vv_exercise_set_new_from_bytes (bytes, "kurs.json", &error);

        g_assert_null (set);
        g_assert_error (error, VV_EXERCISE_SET_ERROR, codes[i]);
        /* the empty list and the bad bytes are on line 1; the others have no line */
        g_assert_true (g_str_has_prefix (error->message, i == 1 || i == 2 || i >= 4
                                                           ? "kurs.json:1: " : "kurs.json: "));
      }
  }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(VvExerciseSet) set = vv_exercise_set_new_from_path ("/nonexistent/kurs.json",
                                                                  &error);

    g_assert_null (set);
    g_assert_error (error, VV_EXERCISE_SET_ERROR, VV_EXERCISE_SET_ERROR_READ);
    g_assert_true (g_str_has_prefix (error->message, "kurs.json: "));
  }
}

static void
test_mismatch (void)
{
  g_autofree char *text = replace (SMALL_SET,
                                   "[ { \"function\": \"257\", \"percent\": 100 } ],\n"
                                   "                    \"rules\": [ \"257-pt-1\" ]",
                                   "[ { \"function\": \"258\", \"percent\": 100 } ],\n"
                                   "                    \"rules\": [ \"257-pt-1\" ]");
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_strdup (text), strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(VvExerciseSet) set = vv_exercise_set_new_from_bytes (bytes, "kurs.json", &error);

  g_assert_no_error (error);
  g_assert_false (vv_exercise_set_verify (set, vv_rules_get_default (), &error));
  g_assert_error (error, VV_EXERCISE_SET_ERROR, VV_EXERCISE_SET_ERROR_MISMATCH);
  g_assert_nonnull (strstr (error->message, "kurs.json"));
  g_assert_nonnull (strstr (error->message, "exercise a"));
}

static void
test_preconditions (void)
{
  g_autoptr(VvExerciseSet) set = load_small_set ();

  g_test_expect_message ("vv-exercise-set", G_LOG_LEVEL_CRITICAL, "*index < self->exercises->len*");
  g_assert_null (vv_exercise_set_get_exercise (set, 4));
  g_test_assert_expected_messages ();
}

/* Switches the process language to nynorsk; the other tests do not depend on it. */
static void
test_nynorsk (void)
{
  g_autoptr(VvExerciseSet) set = load_small_set ();
  const VvExercise *a = vv_exercise_set_get_exercise (set, 0);
  const VvExercise *b = vv_exercise_set_get_exercise (set, 1);

  vv_i18n_init ("nb");
  g_assert_cmpstr (vv_exercise_set_get_title (set), ==, "Liten");
  g_assert_cmpstr (vv_exercise_get_question (a), ==, "Hvor?");
  vv_i18n_init ("nn");
  g_assert_cmpstr (vv_exercise_set_get_title (set), ==, "Lita");
  g_assert_cmpstr (vv_exercise_get_title (a), ==, "Bufellesskap");
  g_assert_cmpstr (vv_exercise_get_question (a), ==, "Kvar?");
  /* no nynorsk text: fall back to bokmål */
  g_assert_cmpstr (vv_exercise_get_question (b), ==, "Hvordan; \"deles\"?");
  g_assert_cmpstr (vv_exercise_get_title (b), ==, "Deling");
}

static void
test_two_documents (void)
{
  static const char *inputs[] = {
    "{\"format\":\"veiviser-exercises/1\"}{\"a\":1}",
    "\"question_nn\"{\"format\":\"x\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = g_bytes_new_static (inputs[i], strlen (inputs[i]));
      g_autoptr(VvExerciseSet) set = vv_exercise_set_new_from_bytes (bytes, "two.json", &error);

      g_assert_null (set);
      g_assert_error (error, VV_EXERCISE_SET_ERROR, VV_EXERCISE_SET_ERROR_SYNTAX);
      g_assert_nonnull (strstr (error->message, "two.json"));
    }
}

/* issue 15: a participant's name is checked before results are stored */
static void
test_results_privacy (void)
{
  g_autoptr(VvExerciseSet) set = load_small_set ();
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = g_dir_make_tmp ("vv-results-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmpdir, "r.json", NULL);
  gboolean correct;

  vv_i18n_init ("en");
  g_assert_true (vv_exercise_set_answer (set, 0, "257", &correct, &error));
  vv_exercise_set_set_participant (set, "Kari 15.03.85 10190");
  g_assert_false (vv_exercise_set_check_privacy (set, &error));
  g_assert_error (error, VV_PRIVACY_ERROR, VV_PRIVACY_ERROR_FNR);
  g_clear_error (&error);
  g_assert_false (vv_exercise_set_save_results (set, path, &error));
  g_assert_error (error, VV_PRIVACY_ERROR, VV_PRIVACY_ERROR_FNR);
  g_assert_nonnull (strstr (error->message, "participant"));
  g_assert_null (strstr (error->message, "10190"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  vv_exercise_set_set_participant (set, "Kari");
  g_assert_true (vv_exercise_set_save_results (set, path, &error));
  g_assert_no_error (error);
  g_unlink (path);
  g_rmdir (tmpdir);
}

/* issue 15: an id from the file never chooses the folder of exported results */
static void
test_file_stem (void)
{
  static const struct { const char *id; const char *stem; } table[] = {
    { "../../../.config/autostart/x", "config-autostart-x" },
    { "kurs-2024_høst", "kurs-2024_høst" },
    { "/etc/passwd", "etc-passwd" },
    { "a\\b:c\nd", "a-b-c-d" },
    { "...", "exercises" },
    { "-rf", "rf" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(VvExerciseSet) set = NULL;
      g_autofree char *stem = NULL;
      g_autofree char *text = NULL;

      g_assert_true (json_parser_load_from_data (parser, SMALL_SET, -1, &error));
      json_object_set_string_member (json_node_get_object (json_parser_get_root (parser)), "id",
                                     table[i].id);
      text = json_to_string (json_parser_get_root (parser), FALSE);
      bytes = g_bytes_new (text, strlen (text));
      set = vv_exercise_set_new_from_bytes (bytes, "s.json", &error);
      if (set == NULL)
        g_error ("%s: %s", table[i].id, error->message);
      stem = vv_exercise_set_dup_file_stem (set);
      g_assert_cmpstr (stem, ==, table[i].stem);
      g_assert_null (strchr (stem, '/'));
    }
}

/* issue 15: exercise sets read JSON the same guarded way as cases */
static void
test_hostile_json (void)
{
  GString *deep = g_string_new ("{\"format\":\"veiviser-exercises/1\",\n\"exercises\":");
  g_autofree char *deep_text = NULL;
  const char *inputs[4];
  const char *reasons[] = { "nested", "too large", "appears twice", "NUL" };

  for (guint i = 0; i < 60000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 60000; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  deep_text = g_string_free (deep, FALSE);
  vv_i18n_init ("en");   /* the messages are matched in English */
  inputs[0] = deep_text;
  inputs[1] = "{\"format\":\"veiviser-exercises/1\",\n\"x\":1e400}";
  inputs[2] = "{\"format\":\"veiviser-exercises/1\",\n\"title\":\"a\",\"title\":\"b\"}";
  inputs[3] = "{\"format\":\"veiviser-exercises/1\",\n\"title\":\"a\\u0000b\"}";

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = g_bytes_new_static (inputs[i], strlen (inputs[i]));
      g_autoptr(VvExerciseSet) set = vv_exercise_set_new_from_bytes (bytes, "h.json", &error);

      g_assert_null (set);
      g_assert_error (error, VV_EXERCISE_SET_ERROR, VV_EXERCISE_SET_ERROR_SYNTAX);
      g_assert_true (g_str_has_prefix (error->message, "h.json:2: "));
      g_assert_nonnull (strstr (error->message, reasons[i]));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/exercise-set/shipped/load", test_shipped_load);
  g_test_add_func ("/exercise-set/shipped/classifier", test_shipped_classifier);
  g_test_add_func ("/exercise-set/shipped/rules-covered", test_shipped_rules_covered);
  g_test_add_func ("/exercise-set/score", test_score);
  g_test_add_func ("/exercise-set/bad-answers", test_bad_answers);
  g_test_add_func ("/exercise-set/results", test_results);
  g_test_add_func ("/exercise-set/bad-files", test_bad_files);
  g_test_add_func ("/exercise-set/case-file", test_case_file);
  g_test_add_func ("/exercise-set/mismatch", test_mismatch);
  g_test_add_func ("/exercise-set/preconditions", test_preconditions);
  g_test_add_func ("/exercise-set/nynorsk", test_nynorsk);
  g_test_add_func ("/exercise-set/two-documents", test_two_documents);
  g_test_add_func ("/exercise-set/hostile-json", test_hostile_json);
  g_test_add_func ("/exercise-set/results-privacy", test_results_privacy);
  g_test_add_func ("/exercise-set/file-stem", test_file_stem);

  return g_test_run ();
}
