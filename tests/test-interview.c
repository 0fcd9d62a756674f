/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-interview"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "vv-case.h"
#include "vv-classifier.h"
#include "vv-exercise-set.h"
#include "vv-i18n.h"
#include "vv-interview.h"
#include "vv-rules.h"

/* helpers */

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
count_signal_cb (VvInterview *interview,
                 guint       *count)
{
  (*count)++;
}

static guint *
watch (VvInterview *interview,
       const char  *signal)
{
  guint *count = g_new0 (guint, 1);

  g_object_set_data_full (G_OBJECT (interview), signal, count, g_free);
  if (g_str_has_prefix (signal, "notify::"))
    g_signal_connect (interview, signal, G_CALLBACK (count_notify_cb), count);
  else
    g_signal_connect (interview, signal, G_CALLBACK (count_signal_cb), count);
  return count;
}

static void
answer (VvInterview *interview,
        const char  *fact,
        const char  *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (vv_interview_answer (interview, fact, value, &error));
  g_assert_no_error (error);
}

static void
assert_asks (VvInterview *interview,
             const char  *node)
{
  g_assert_cmpstr (vv_interview_get_current_node (interview), ==, node);
  g_assert_false (vv_interview_get_finished (interview));
}

/* Answers only what the interview asks, from @facts; stops when it asks
 * for a fact @facts lacks. Returns the number of answers given. */
static guint
replay (VvInterview *interview,
        JsonObject  *facts,
        const char  *name)
{
  VvRules *rules = vv_interview_get_rules (interview);
  guint answered = 0;

  for (guint guard = 0; guard < 64; guard++)
    {
      const VvFact *fact = vv_interview_get_current_fact (interview);
      g_autofree char *value = NULL;
      guint classified = vv_interview_get_n_classifications (interview);

      if (fact == NULL)
        return answered;
      if (json_object_has_member (facts, fact->id))
        value = vv_classify_check_fact (rules, fact->id, json_object_get_member (facts, fact->id), NULL);
      else if (fact->default_value != NULL)
        value = g_strdup (fact->default_value);
      if (value == NULL)
        return answered;
      g_test_message ("%s: %s = %s", name, fact->id, value);
      answer (interview, fact->id, value);
      /* Classified once per answer, never more. */
      g_assert_cmpuint (vv_interview_get_n_classifications (interview), ==, classified + 1);
      answered++;
    }
  g_assert_not_reached ();
  return answered;
}

static void
assert_allocations (const VvResult *result,
                    GArray         *expected,
                    const char     *name)
{
  g_assert_cmpuint (result->allocations->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      VvAllocation *want = &g_array_index (expected, VvAllocation, i);
      VvAllocation *got = &g_array_index (result->allocations, VvAllocation, i);

      if (!g_str_equal (want->function, got->function) || want->percent != got->percent)
        g_error ("%s: expected %s %d %%, got %s %d %%", name, want->function, want->percent,
                 got->function, got->percent);
    }
}

static GArray *
allocations_from_json (JsonObject *expected)
{
  GArray *allocations = g_array_new (FALSE, TRUE, sizeof (VvAllocation));
  JsonArray *array = json_object_has_member (expected, "allocations")
                     ? json_object_get_array_member (expected, "allocations") : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      VvAllocation a = { 0 };

      g_strlcpy (a.function, json_object_get_string_member (o, "function"), sizeof a.function);
      a.percent = json_object_get_int_member (o, "percent");
      g_array_append_val (allocations, a);
    }
  return allocations;
}

static gboolean
result_cites (const VvResult *result,
              const char     *rule)
{
  for (guint i = 0; i < result->rules->len; i++)
    if (g_str_equal (g_ptr_array_index (result->rules, i), rule))
      return TRUE;
  return FALSE;
}

/* Facts the guide does not ask because they cannot change the function
 * (service, substance_use) may still be given: they add their paragraphs
 * (e.g. BPA) and leave the outcome as it is. */
static void
give_unasked (VvInterview *interview,
              JsonObject  *facts)
{
  g_autoptr(JsonObject) asked = vv_interview_dup_facts (interview);
  g_autoptr(GList) members = json_object_get_members (facts);

  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *value = NULL;

      if (json_object_has_member (asked, l->data))
        continue;
      value = vv_classify_check_fact (vv_interview_get_rules (interview), l->data,
                                      json_object_get_member (facts, l->data), NULL);
      if (value != NULL)
        answer (interview, l->data, value);
    }
  g_assert_true (vv_interview_get_finished (interview));
}

static VvCase *
load_example (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "cases", name, NULL);
  g_autoptr(GError) error = NULL;
  VvCase *kase = vv_case_load_file (path, &error);

  g_assert_no_error (error);
  return kase;
}

/* tests */

static void
test_examples (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "cases", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_assert_cmpuint (names->len, >=, 60);

  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(VvCase) kase = load_example (g_ptr_array_index (names, i));
      g_autoptr(VvInterview) interview = vv_interview_new (NULL);
      g_autoptr(GArray) expected = NULL;
      const char *outcome;
      const VvResult *result;

      name = g_ptr_array_index (names, i);
      g_assert_nonnull (kase->expected);
      outcome = json_object_get_string_member (kase->expected, "outcome");
      vv_interview_set_year (interview, kase->year);
      g_assert_cmpint (vv_interview_get_year (interview), ==, kase->year);
      replay (interview, kase->facts, name);
      result = vv_interview_get_result (interview);
      g_assert_nonnull (result);
      if (g_strcmp0 (result->outcome, outcome) != 0)
        g_error ("%s: expected %s, got %s", name, outcome, result->outcome);

      if (g_str_equal (outcome, "needs_answer"))
        {
          JsonArray *missing = json_object_get_array_member (kase->expected, "missing");

          g_assert_false (vv_interview_get_finished (interview));
          g_assert_cmpuint (result->missing->len, >=, 1);
          g_assert_cmpstr (g_ptr_array_index (result->missing, 0), ==,
                           json_array_get_string_element (missing, 0));
          /* The question asked is the one for the missing fact. */
          g_assert_cmpstr (vv_interview_get_current_fact (interview)->id, ==,
                           json_array_get_string_element (missing, 0));
          continue;
        }
      g_assert_true (vv_interview_get_finished (interview));
      g_assert_null (vv_interview_get_current_node (interview));
      give_unasked (interview, kase->facts);
      result = vv_interview_get_result (interview);
      expected = allocations_from_json (kase->expected);
      assert_allocations (result, expected, name);
      if (json_object_has_member (kase->expected, "rules"))
        {
          JsonArray *rules = json_object_get_array_member (kase->expected, "rules");

          for (guint r = 0; r < json_array_get_length (rules); r++)
            if (!result_cites (result, json_array_get_string_element (rules, r)))
              g_error ("%s: rule %s not cited", name, json_array_get_string_element (rules, r));
        }
    }
}

static void
test_exercises (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "..", "data", "exercises", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint total = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autoptr(VvExerciseSet) set = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      set = vv_exercise_set_new_from_path (path, &error);
      g_assert_no_error (error);
      for (guint j = 0; j < vv_exercise_set_get_n_exercises (set); j++)
        {
          const VvExercise *exercise = vv_exercise_set_get_exercise (set, j);
          g_autoptr(VvInterview) interview = vv_interview_new (NULL);
          const VvResult *result;

          vv_interview_set_year (interview, exercise->kase->year);
          replay (interview, exercise->kase->facts, exercise->id);
          g_assert_true (vv_interview_get_finished (interview));
          give_unasked (interview, exercise->kase->facts);
          result = vv_interview_get_result (interview);
          if (g_strcmp0 (result->outcome, exercise->outcome) != 0)
            g_error ("%s: expected %s, got %s", exercise->id, exercise->outcome, result->outcome);
          assert_allocations (result, exercise->allocations, exercise->id);
          for (guint r = 0; exercise->rules != NULL && r < exercise->rules->len; r++)
            g_assert_true (result_cites (result, g_ptr_array_index (exercise->rules, r)));
          total++;
        }
    }
  g_assert_cmpuint (total, >=, 10);
}

static void
test_first_question (void)
{
  g_autoptr(VvInterview) interview = vv_interview_new (NULL);

  assert_asks (interview, "q-item");
  g_assert_cmpuint (vv_interview_get_step (interview), ==, 1);
  g_assert_false (vv_interview_get_can_go_back (interview));
  g_assert_false (vv_interview_get_can_reset (interview));
  g_assert_false (vv_interview_get_editing (interview));
  g_assert_cmpuint (vv_interview_get_answers (interview)->len, ==, 0);
  g_assert_null (vv_interview_dup_summary (interview));
  g_assert_cmpuint (vv_interview_get_n_classifications (interview), ==, 1);
}

static void
answer_257 (VvInterview *interview)
{
  vv_interview_set_year (interview, 2024);
  answer (interview, "item", "care_service");
  answer (interview, "municipal_responsibility", "true");
  answer (interview, "residence", "shared_housing");
  answer (interview, "user_age", "52");
  answer (interview, "provider", "attached_base");
  answer (interview, "single_user_base", "false");
  answer (interview, "shared_rota", "false");
}

static void
test_notify_counts (void)
{
  g_autoptr(VvInterview) interview = vv_interview_new (NULL);
  guint *node = NULL, *result = NULL, *finished = NULL, *back = NULL, *changed = NULL, *step = NULL;
  g_autofree char *summary = NULL;

  vv_interview_set_year (interview, 2024);
  node = watch (interview, "notify::current-node");
  result = watch (interview, "notify::result");
  finished = watch (interview, "notify::finished");
  back = watch (interview, "notify::can-go-back");
  step = watch (interview, "notify::step");
  changed = watch (interview, "changed");

  answer (interview, "item", "care_service");
  g_assert_cmpuint (*node, ==, 1);
  g_assert_cmpuint (*result, ==, 1);
  g_assert_cmpuint (*changed, ==, 1);
  g_assert_cmpuint (*back, ==, 1);
  g_assert_cmpuint (*step, ==, 1);
  g_assert_cmpuint (*finished, ==, 0);
  assert_asks (interview, "q-municipal");
  g_assert_cmpuint (vv_interview_get_step (interview), ==, 2);

  answer_257 (interview);
  g_assert_true (vv_interview_get_finished (interview));
  g_assert_cmpuint (*finished, ==, 1);
  g_assert_cmpuint (*back, ==, 1);
  /* One notification of the result per answer (the first counted above). */
  g_assert_cmpuint (*result, ==, 8);
  g_assert_cmpuint (*changed, ==, 8);
  g_assert_cmpuint (vv_interview_get_step (interview), ==, 0);
  g_assert_cmpstr (vv_interview_get_result (interview)->outcome, ==, "function");
  g_assert_cmpstr (g_array_index (vv_interview_get_result (interview)->allocations,
                                  VvAllocation, 0).function, ==, "257");

  summary = vv_interview_dup_summary (interview);
  g_assert_nonnull (summary);
  g_assert_true (strstr (summary, "2024") != NULL);
  g_assert_true (strstr (summary, "257") != NULL);
  g_assert_cmpuint (vv_interview_get_answers (interview)->len, ==, 7);
}

static void
test_back (void)
{
  g_autoptr(VvInterview) interview = vv_interview_new (NULL);
  g_autoptr(JsonObject) facts = NULL;

  answer_257 (interview);
  vv_interview_back (interview);
  assert_asks (interview, "q-shared-rota");
  vv_interview_back (interview);
  assert_asks (interview, "q-single-user");
  g_assert_cmpuint (vv_interview_get_answers (interview)->len, ==, 5);
  facts = vv_interview_dup_facts (interview);
  g_assert_false (json_object_has_member (facts, "single_user_base"));
  g_assert_true (json_object_has_member (facts, "provider"));

  /* Back to the start, and no further. */
  for (int i = 0; i < 20; i++)
    vv_interview_back (interview);
  assert_asks (interview, "q-item");
  g_assert_false (vv_interview_get_can_go_back (interview));
}

static void
test_edit (void)
{
  g_autoptr(VvInterview) interview = vv_interview_new (NULL);
  g_autoptr(GError) error = NULL;
  guint *editing = NULL;
  guint classified;
  g_autofree char *value = NULL;

  answer_257 (interview);
  editing = watch (interview, "notify::editing");
  classified = vv_interview_get_n_classifications (interview);

  g_assert_true (vv_interview_edit (interview, "q-residence", &error));
  g_assert_no_error (error);
  g_assert_true (vv_interview_get_editing (interview));
  g_assert_cmpstr (vv_interview_get_edit_node (interview), ==, "q-residence");
  assert_asks (interview, "q-residence");
  g_assert_cmpuint (vv_interview_get_step (interview), ==, 3);
  value = vv_interview_dup_current_value (interview);
  g_assert_cmpstr (value, ==, "shared_housing");
  g_assert_cmpuint (*editing, ==, 1);
  /* Reopening a question is not a new classification. */
  g_assert_cmpuint (vv_interview_get_n_classifications (interview), ==, classified);

  /* A new answer there: later answers still count where the path reaches them. */
  answer (interview, "residence", "private_home");
  g_assert_false (vv_interview_get_editing (interview));
  g_assert_cmpuint (*editing, ==, 2);
  g_assert_true (vv_interview_get_finished (interview));
  g_assert_cmpstr (g_array_index (vv_interview_get_result (interview)->allocations,
                                  VvAllocation, 0).function, ==, "258");

  /* Only answered questions on the path can be reopened. */
  g_assert_false (vv_interview_edit (interview, "q-shared-rota", &error));
  g_assert_error (error, VV_INTERVIEW_ERROR, VV_INTERVIEW_ERROR_NOT_ON_PATH);
  g_assert_false (vv_interview_get_editing (interview));
}

static void
test_cancel_edit (void)
{
  g_autoptr(VvInterview) interview = vv_interview_new (NULL);
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  guint classified;

  answer_257 (interview);
  before = vv_interview_dup_facts (interview);
  classified = vv_interview_get_n_classifications (interview);
  g_assert_true (vv_interview_edit (interview, "q-provider", NULL));
  assert_asks (interview, "q-provider");
  vv_interview_cancel_edit (interview);
  g_assert_false (vv_interview_get_editing (interview));
  g_assert_true (vv_interview_get_finished (interview));
  after = vv_interview_dup_facts (interview);
  g_assert_true (json_object_equal (before, after));
  g_assert_cmpuint (vv_interview_get_n_classifications (interview), ==, classified);

  /* Back while editing also only closes the question. */
  g_assert_true (vv_interview_edit (interview, "q-provider", NULL));
  vv_interview_back (interview);
  g_assert_true (vv_interview_get_finished (interview));
  g_assert_cmpuint (vv_interview_get_answers (interview)->len, ==, 7);
}

static void
test_step (void)
{
  g_autoptr(VvInterview) interview = vv_interview_new (NULL);

  answer_257 (interview);
  g_assert_true (vv_interview_step (interview, -1));
  assert_asks (interview, "q-shared-rota");
  g_assert_true (vv_interview_step (interview, -1));
  assert_asks (interview, "q-single-user");
  g_assert_true (vv_interview_step (interview, 1));
  g_assert_true (vv_interview_step (interview, 1));
  g_assert_true (vv_interview_get_finished (interview));
  g_assert_false (vv_interview_step (interview, 1));
}

static void
test_reset_undo (void)
{
  g_autoptr(VvInterview) interview = vv_interview_new (NULL);
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  guint *undo = NULL;

  answer_257 (interview);
  before = vv_interview_dup_facts (interview);
  undo = watch (interview, "notify::can-undo-reset");
  g_assert_true (vv_interview_get_can_reset (interview));

  vv_interview_reset (interview);
  assert_asks (interview, "q-item");
  g_assert_false (vv_interview_get_can_reset (interview));
  g_assert_true (vv_interview_get_can_undo_reset (interview));
  g_assert_cmpuint (*undo, ==, 1);

  g_assert_true (vv_interview_undo_reset (interview));
  g_assert_true (vv_interview_get_finished (interview));
  g_assert_false (vv_interview_get_can_undo_reset (interview));
  g_assert_cmpuint (*undo, ==, 2);
  after = vv_interview_dup_facts (interview);
  g_assert_true (json_object_equal (before, after));
  g_assert_false (vv_interview_undo_reset (interview));

  /* An answer after a reset ends the chance to undo it. */
  vv_interview_reset (interview);
  answer (interview, "item", "care_service");
  g_assert_false (vv_interview_get_can_undo_reset (interview));
  g_assert_false (vv_interview_undo_reset (interview));
}

static void
test_load_case (void)
{
  g_autoptr(VvInterview) interview = vv_interview_new (NULL);
  g_autoptr(VvCase) kase = load_example ("01-bofellesskap-egen-base.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) facts = NULL;
  g_autoptr(VvCase) saved = NULL;
  guint *node = watch (interview, "notify::current-node");
  guint *changed = watch (interview, "changed");
  guint classified = vv_interview_get_n_classifications (interview);

  /* The example leaves out municipal_responsibility, which has a usual
   * answer: it opens at its result, not at question 2. */
  g_assert_false (json_object_has_member (kase->facts, "municipal_responsibility"));
  kase->id = 7;
  /* An example is not updated in place: saving it makes a copy. */
  g_assert_nonnull (kase->expected);
  {
    g_autoptr(VvInterview) other = vv_interview_new (NULL);

    g_assert_true (vv_interview_load_case (other, kase, NULL));
    g_assert_true (vv_interview_get_finished (other));
    g_assert_cmpint (vv_interview_get_case_id (other), ==, 0);
    g_assert_false (vv_interview_get_saved (other));
  }
  g_clear_pointer (&kase->expected, json_object_unref);
  g_assert_true (vv_interview_load_case (interview, kase, &error));
  g_assert_no_error (error);
  g_assert_true (vv_interview_get_finished (interview));
  g_assert_cmpuint (*node, ==, 1);
  g_assert_cmpuint (*changed, ==, 1);
  g_assert_cmpuint (vv_interview_get_n_classifications (interview), ==, classified + 1);
  g_assert_cmpint (vv_interview_get_case_id (interview), ==, 7);
  g_assert_cmpstr (vv_interview_get_title (interview), ==, kase->title);
  g_assert_true (vv_interview_get_saved (interview));
  facts = vv_interview_dup_facts (interview);
  g_assert_true (json_object_get_boolean_member (facts, "municipal_responsibility"));

  /* Saving it again updates the same case; an answer makes it unsaved. */
  saved = vv_interview_to_case (interview);
  g_assert_cmpint (saved->id, ==, 7);
  g_assert_cmpstr (saved->title, ==, kase->title);
  g_assert_nonnull (saved->result_json);
  g_assert_cmpstr (saved->rules_version, ==, vv_rules_get_version (vv_rules_get_default ()));
  g_assert_true (vv_interview_edit (interview, "q-age", NULL));
  answer (interview, "user_age", "53");
  g_assert_false (vv_interview_get_saved (interview));
  vv_interview_mark_saved (interview, saved);
  g_assert_true (vv_interview_get_saved (interview));

  /* A reset forgets the saved case (a new one is saved next); undo brings it back. */
  vv_interview_reset (interview);
  g_assert_cmpint (vv_interview_get_case_id (interview), ==, 0);
  g_assert_null (vv_interview_get_title (interview));
  vv_interview_undo_reset (interview);
  g_assert_cmpint (vv_interview_get_case_id (interview), ==, 7);
}

static void
test_load_incomplete_case (void)
{
  g_autoptr(VvInterview) interview = vv_interview_new (NULL);
  g_autoptr(VvCase) kase = load_example ("60-mangler-personellbase.json");

  g_assert_true (vv_interview_load_case (interview, kase, NULL));
  assert_asks (interview, "q-provider");
  g_assert_false (vv_interview_get_saved (interview));
}

static void
test_load_invalid_case (void)
{
  g_autoptr(VvInterview) interview = vv_interview_new (NULL);
  g_autoptr(VvCase) kase = vv_case_new ();
  g_autoptr(GError) error = NULL;

  answer (interview, "item", "care_service");
  json_object_set_string_member (kase->facts, "residence", "castle");
  kase->year = 2024;
  g_assert_false (vv_interview_load_case (interview, kase, &error));
  g_assert_error (error, VV_INTERVIEW_ERROR, VV_INTERVIEW_ERROR_INVALID_CASE);
  /* Nothing changed. */
  assert_asks (interview, "q-municipal");
}

static void
test_rules_changed (void)
{
  g_autoptr(VvInterview) interview = vv_interview_new (NULL);
  g_autoptr(VvCase) kase = load_example ("01-bofellesskap-egen-base.json");
  g_autoptr(VvCase) saved = NULL;
  const char *version = vv_rules_get_version (vv_rules_get_default ());
  g_autofree char *old_result = NULL;

  /* Saved under the current rules: the same answer, said so. */
  g_assert_true (vv_interview_load_case (interview, kase, NULL));
  saved = vv_interview_to_case (interview);
  g_assert_true (vv_interview_load_case (interview, saved, NULL));
  g_assert_cmpstr (vv_interview_get_decided_version (interview), ==, version);
  g_assert_false (vv_interview_get_result_changed (interview));
  g_assert_nonnull (vv_interview_get_rules_note (interview));
  g_assert_nonnull (strstr (vv_interview_get_rules_note (interview), version));

  /* Decided under older rules with the same answer. */
  g_free (saved->rules_version);
  saved->rules_version = g_strdup ("2023.1");
  g_assert_true (vv_interview_load_case (interview, saved, NULL));
  g_assert_false (vv_interview_get_result_changed (interview));
  g_assert_nonnull (strstr (vv_interview_get_rules_note (interview), "2023.1"));
  g_assert_nonnull (strstr (vv_interview_get_rules_note (interview), version));

  /* Decided under older rules as 258 along another path: the answer changed. */
  old_result = g_strdup ("{\"format\":\"veiviser-result/1\",\"outcome\":\"function\",\"year\":2024,"
                         "\"allocations\":[{\"function\":\"258\",\"percent\":100}],"
                         "\"path\":[\"q-item\",\"q-municipal\",\"q-residence\",\"o-258-ambulant\"]}");
  g_free (saved->result_json);
  saved->result_json = g_steal_pointer (&old_result);
  g_assert_true (vv_interview_load_case (interview, saved, NULL));
  g_assert_true (vv_interview_get_result_changed (interview));
  g_assert_nonnull (strstr (vv_interview_get_rules_note (interview), "2023.1"));
  g_assert_nonnull (strstr (vv_interview_get_rules_note (interview), "258"));
  g_assert_nonnull (strstr (vv_interview_get_rules_note (interview), "257"));
  g_test_message ("%s", vv_interview_get_rules_note (interview));

  /* Saving it under the current rules ends the note. */
  g_clear_pointer (&saved, vv_case_free);
  saved = vv_interview_to_case (interview);
  vv_interview_mark_saved (interview, saved);
  g_assert_false (vv_interview_get_result_changed (interview));
}

static void
test_errors (void)
{
  g_autoptr(VvInterview) interview = vv_interview_new (NULL);
  g_autoptr(GError) error = NULL;
  guint *changed = watch (interview, "changed");
  guint classified = vv_interview_get_n_classifications (interview);

  g_assert_false (vv_interview_answer (interview, "colour", "blue", &error));
  g_assert_error (error, VV_INTERVIEW_ERROR, VV_INTERVIEW_ERROR_UNKNOWN_FACT);
  g_clear_error (&error);
  g_assert_false (vv_interview_answer (interview, "item", "spaceship", &error));
  g_assert_error (error, VV_INTERVIEW_ERROR, VV_INTERVIEW_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (vv_interview_answer (interview, "user_age", "old", &error));
  g_assert_error (error, VV_INTERVIEW_ERROR, VV_INTERVIEW_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (vv_interview_answer (interview, "user_age", "-4", &error));
  g_assert_error (error, VV_INTERVIEW_ERROR, VV_INTERVIEW_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (vv_interview_answer (interview, "shared_rota", "maybe", &error));
  g_assert_error (error, VV_INTERVIEW_ERROR, VV_INTERVIEW_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  /* Nothing moved, nothing was classified. */
  g_assert_cmpuint (*changed, ==, 0);
  g_assert_cmpuint (vv_interview_get_n_classifications (interview), ==, classified);
  assert_asks (interview, "q-item");

  if (g_test_undefined ())
    {
      g_test_expect_message ("vv-interview", G_LOG_LEVEL_CRITICAL, "*fact_id != NULL*");
      g_assert_false (vv_interview_answer (interview, NULL, "x", NULL));
      g_test_assert_expected_messages ();
    }
}

static void
test_year (void)
{
  g_autoptr(VvInterview) interview = vv_interview_new (NULL);
  guint *year = watch (interview, "notify::year");

  answer_257 (interview);
  *year = 0;
  vv_interview_set_year (interview, 2023);
  g_assert_cmpuint (*year, ==, 1);
  g_assert_cmpstr (g_array_index (vv_interview_get_result (interview)->allocations,
                                  VvAllocation, 0).function, ==, "254");
  vv_interview_set_year (interview, 2023);
  g_assert_cmpuint (*year, ==, 1);
  vv_interview_set_year (interview, 1990);
  g_assert_cmpint (vv_interview_get_year (interview), ==,
                   vv_rules_get_min_year (vv_rules_get_default ()));
}

int
main (int argc, char *argv[])
{
  vv_i18n_init ("en");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/interview/first-question", test_first_question);
  g_test_add_func ("/interview/examples", test_examples);
  g_test_add_func ("/interview/exercises", test_exercises);
  g_test_add_func ("/interview/notify-counts", test_notify_counts);
  g_test_add_func ("/interview/back", test_back);
  g_test_add_func ("/interview/edit", test_edit);
  g_test_add_func ("/interview/cancel-edit", test_cancel_edit);
  g_test_add_func ("/interview/step", test_step);
  g_test_add_func ("/interview/reset-undo", test_reset_undo);
  g_test_add_func ("/interview/load-case", test_load_case);
  g_test_add_func ("/interview/load-incomplete-case", test_load_incomplete_case);
  g_test_add_func ("/interview/load-invalid-case", test_load_invalid_case);
  g_test_add_func ("/interview/rules-changed", test_rules_changed);
  g_test_add_func ("/interview/errors", test_errors);
  g_test_add_func ("/interview/year", test_year);

  return g_test_run ();
}
