/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz-exercise-set.c: libFuzzer target for the exercise-set reader (course
 * files a teacher hands out). A set that loads has UTF-8 texts, every exercise
 * has a case, and it can be verified against the rules and exported.
 */
#define G_LOG_DOMAIN "fuzz-exercise-set"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "vv-exercise-set.h"
#include "vv-i18n.h"
#include "vv-rules.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static gboolean
utf8_or_null (const char *s)
{
  return s == NULL || g_utf8_validate (s, -1, NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static VvRules *rules;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(VvExerciseSet) set = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(JsonNode) json = NULL;

  if (rules == NULL)
    {
      vv_i18n_init ("C");
      rules = vv_rules_get_default ();
    }
  if (size > 1 << 20)
    return 0;

  bytes = g_bytes_new (data, size);
  set = vv_exercise_set_new_from_bytes (bytes, "fuzz.json", &error);
  if (set == NULL)
    {
      g_assert (error != NULL);
      /* Embedded cases report their own errors (with the exercise's path). */
      if (error->domain != VV_EXERCISE_SET_ERROR && error->domain != VV_CASE_ERROR)
        g_error ("error outside the exercise-set domain: %s %d: %s",
                 g_quark_to_string (error->domain), error->code, error->message);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert_no_error (error);
  g_assert (utf8_or_null (vv_exercise_set_get_title (set)));
  g_assert (utf8_or_null (vv_exercise_set_get_description (set)));
  for (guint i = 0; i < vv_exercise_set_get_n_exercises (set); i++)
    {
      const VvExercise *e = vv_exercise_set_get_exercise (set, i);

      g_assert (e != NULL && e->kase != NULL);
      g_assert (utf8_or_null (e->id));
      g_assert (utf8_or_null (e->kase->title));
      g_assert (utf8_or_null (e->question));
      g_assert (utf8_or_null (e->question_nn));
      g_assert (utf8_or_null (e->title_nn));
    }
  if (!vv_exercise_set_verify (set, rules, &error))
    {
      g_assert (error != NULL);
      g_clear_error (&error);
    }
  csv = vv_exercise_set_results_to_csv (set);
  json = vv_exercise_set_results_to_json (set);
  g_assert (csv != NULL && g_utf8_validate (csv, -1, NULL));
  g_assert (json != NULL);
  return 0;
}
