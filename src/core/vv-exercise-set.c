/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-exercise-set"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vv-case.h"
#include "vv-classifier.h"
#include "vv-exercise-set-private.h"
#include "vv-export.h"
#include "vv-i18n.h"
#include "vv-json-private.h"
#include "vv-privacy.h"

G_DEFINE_FINAL_TYPE (VvExerciseSet, vv_exercise_set, G_TYPE_OBJECT)

G_DEFINE_QUARK (vv-exercise-set-error-quark, vv_exercise_set_error)

/* helpers */

void
_vv_exercise_free (gpointer data)
{
  VvExercise *self = data;

  if (self == NULL)
    return;
  g_free (self->id);
  g_clear_pointer (&self->kase, vv_case_free);
  g_free (self->title_nn);
  g_free (self->question);
  g_free (self->question_nn);
  g_free (self->outcome);
  g_clear_pointer (&self->allocations, g_array_unref);
  g_clear_pointer (&self->alternatives, g_ptr_array_unref);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_free (self);
}

static void
vv_exercise_answer_free (gpointer data)
{
  VvExerciseAnswer *self = data;

  if (self == NULL)
    return;
  g_free (self->answer);
  g_free (self);
}

static gboolean
use_nynorsk (void)
{
  return g_strcmp0 (vv_i18n_get_language (), "nn") == 0;
}

static const VvAllocation *
find_allocation (GArray     *allocations,
                 const char *function)
{
  for (guint i = 0; i < allocations->len; i++)
    {
      const VvAllocation *a = &g_array_index (allocations, VvAllocation, i);

      if (g_str_equal (a->function, function))
        return a;
    }
  return NULL;
}

static gboolean
str_array_contains (GPtrArray  *array,
                    const char *value)
{
  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < array->len; i++)
    if (g_strcmp0 (g_ptr_array_index (array, i), value) == 0)
      return TRUE;
  return FALSE;
}

static char *
join_strings (GPtrArray  *array,
              const char *separator)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; array != NULL && i < array->len; i++)
    {
      if (i > 0)
        g_string_append (out, separator);
      g_string_append (out, g_ptr_array_index (array, i));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Text cells go through vv_csv_cell_escape(): a participant called
 * "=HYPERLINK(…)" must not become a formula in the trainer's spreadsheet. */
static void
csv_append_field (GString    *out,
                  const char *value,
                  gboolean    last)
{
  vv_csv_cell_escape (out, value, ';');
  g_string_append (out, last ? "\r\n" : ";");
}

static char *
expected_to_machine (const VvExercise *exercise)
{
  if (g_str_equal (exercise->outcome, "outside_kostra"))
    return g_strdup ("outside_kostra");
  return vv_exercise_format_allocations (exercise->allocations);
}

/* overrides */

static void
vv_exercise_set_finalize (GObject *object)
{
  VvExerciseSet *self = (VvExerciseSet *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->filename, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->title_nn, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->description_nn, g_free);
  g_clear_pointer (&self->participant, g_free);
  g_clear_pointer (&self->exercises, g_ptr_array_unref);
  g_clear_pointer (&self->answers, g_ptr_array_unref);

  G_OBJECT_CLASS (vv_exercise_set_parent_class)->finalize (object);
}

static void
vv_exercise_set_class_init (VvExerciseSetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vv_exercise_set_finalize;
}

static void
vv_exercise_set_init (VvExerciseSet *self)
{
  self->exercises = g_ptr_array_new_with_free_func (_vv_exercise_free);
  self->answers = g_ptr_array_new_with_free_func (vv_exercise_answer_free);
}

/* public API */

/**
 * vv_exercise_set_get_id:
 * @self: a #VvExerciseSet
 *
 * Returns: the set's `id`, or its file name without `.json`
 */
const char *
vv_exercise_set_get_id (VvExerciseSet *self)
{
  g_return_val_if_fail (VV_IS_EXERCISE_SET (self), NULL);
  return self->id;
}

/**
 * vv_exercise_set_dup_file_stem:
 * @self: a #VvExerciseSet
 *
 * The set's id made safe as part of a file name, for the default name of
 * exported results: the id comes from the file, and an id such as
 * `../../../.config/autostart/x` must not choose the folder. Letters,
 * digits, `.`, `_` and `-` are kept, anything else becomes `-`, leading
 * dots and dashes go, and the stem is at most 64 characters.
 *
 * Returns: (transfer full): the stem, never empty
 */
char *
vv_exercise_set_dup_file_stem (VvExerciseSet *self)
{
  GString *out;
  guint n = 0;

  g_return_val_if_fail (VV_IS_EXERCISE_SET (self), NULL);

  out = g_string_new (NULL);
  for (const char *p = self->id != NULL ? self->id : ""; *p != '\0' && n < 64;
       p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean keep = g_unichar_isalnum (c) || c == '.' || c == '_' || c == '-';

      if (!keep)
        c = '-';
      if ((c == '.' || c == '-') && out->len == 0)
        continue;   /* no hidden file, no option-like name */
      if (c == '-' && out->len > 0 && out->str[out->len - 1] == '-')
        continue;
      g_string_append_unichar (out, c);
      n++;
    }
  while (out->len > 0 && (out->str[out->len - 1] == '-' || out->str[out->len - 1] == '.'))
    g_string_truncate (out, out->len - 1);
  if (out->len == 0)
    g_string_assign (out, "exercises");
  return g_string_free (out, FALSE);
}

/**
 * vv_exercise_set_get_filename:
 * @self: a #VvExerciseSet
 *
 * Returns: the display name of the file the set was read from
 */
const char *
vv_exercise_set_get_filename (VvExerciseSet *self)
{
  g_return_val_if_fail (VV_IS_EXERCISE_SET (self), NULL);
  return self->filename;
}

/**
 * vv_exercise_set_get_title:
 * @self: a #VvExerciseSet
 *
 * Returns: the title in the current language (nynorsk when chosen and present)
 */
const char *
vv_exercise_set_get_title (VvExerciseSet *self)
{
  g_return_val_if_fail (VV_IS_EXERCISE_SET (self), NULL);
  if (use_nynorsk () && self->title_nn != NULL)
    return self->title_nn;
  return self->title;
}

/**
 * vv_exercise_set_get_description:
 * @self: a #VvExerciseSet
 *
 * Returns: (nullable): the description in the current language
 */
const char *
vv_exercise_set_get_description (VvExerciseSet *self)
{
  g_return_val_if_fail (VV_IS_EXERCISE_SET (self), NULL);
  if (use_nynorsk () && self->description_nn != NULL)
    return self->description_nn;
  return self->description;
}

/**
 * vv_exercise_set_get_n_exercises:
 * @self: a #VvExerciseSet
 *
 * Returns: the number of exercises (at least one)
 */
guint
vv_exercise_set_get_n_exercises (VvExerciseSet *self)
{
  g_return_val_if_fail (VV_IS_EXERCISE_SET (self), 0);
  return self->exercises->len;
}

/**
 * vv_exercise_set_get_exercise:
 * @self: a #VvExerciseSet
 * @index: 0-based
 *
 * Returns: (transfer none): the exercise
 */
const VvExercise *
vv_exercise_set_get_exercise (VvExerciseSet *self,
                              guint          index)
{
  g_return_val_if_fail (VV_IS_EXERCISE_SET (self), NULL);
  g_return_val_if_fail (index < self->exercises->len, NULL);
  return g_ptr_array_index (self->exercises, index);
}

/**
 * vv_exercise_set_verify:
 * @self: a #VvExerciseSet
 * @rules: the rules to check against
 * @error: return location for a #GError
 *
 * Checks every exercise with vv_exercise_verify(); stops at the first that
 * disagrees with the rules.
 *
 * Returns: %TRUE when all expected results match the classifier
 */
gboolean
vv_exercise_set_verify (VvExerciseSet  *self,
                        VvRules        *rules,
                        GError        **error)
{
  g_return_val_if_fail (VV_IS_EXERCISE_SET (self), FALSE);
  g_return_val_if_fail (VV_IS_RULES (rules), FALSE);

  for (guint i = 0; i < self->exercises->len; i++)
    {
      if (!vv_exercise_verify (g_ptr_array_index (self->exercises, i), rules, error))
        {
          g_prefix_error (error, "%s: ", self->filename);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * vv_exercise_set_get_participant:
 * @self: a #VvExerciseSet
 *
 * Returns: (nullable): the participant's name or alias for the results
 */
const char *
vv_exercise_set_get_participant (VvExerciseSet *self)
{
  g_return_val_if_fail (VV_IS_EXERCISE_SET (self), NULL);
  return self->participant;
}

/**
 * vv_exercise_set_set_participant:
 * @self: a #VvExerciseSet
 * @participant: (nullable): a name or alias
 */
void
vv_exercise_set_set_participant (VvExerciseSet *self,
                                 const char    *participant)
{
  g_return_if_fail (VV_IS_EXERCISE_SET (self));
  g_free (self->participant);
  self->participant = g_strdup (participant);
}

/**
 * vv_exercise_set_answer:
 * @self: a #VvExerciseSet
 * @index: the exercise
 * @answer: the participant's answer (see vv_exercise_parse_answer())
 * @correct: (out) (optional): whether it was right
 * @error: return location for a #GError
 *
 * Scores and records an answer, replacing an earlier answer to the same
 * exercise.
 *
 * Returns: %TRUE if the answer could be read and was recorded
 */
gboolean
vv_exercise_set_answer (VvExerciseSet  *self,
                        guint           index,
                        const char     *answer,
                        gboolean       *correct,
                        GError        **error)
{
  g_autofree char *normalised = NULL;
  VvExerciseAnswer *record;
  gboolean right = FALSE;

  g_return_val_if_fail (VV_IS_EXERCISE_SET (self), FALSE);
  g_return_val_if_fail (index < self->exercises->len, FALSE);
  g_return_val_if_fail (answer != NULL, FALSE);

  if (!vv_exercise_score (g_ptr_array_index (self->exercises, index), answer, &right,
                          &normalised, error))
    return FALSE;

  record = g_new0 (VvExerciseAnswer, 1);
  record->exercise = index;
  record->answer = g_steal_pointer (&normalised);
  record->correct = right;
  vv_exercise_answer_free (g_ptr_array_index (self->answers, index));
  g_ptr_array_index (self->answers, index) = record;

  if (correct != NULL)
    *correct = right;
  return TRUE;
}

/**
 * vv_exercise_set_get_answer:
 * @self: a #VvExerciseSet
 * @index: the exercise
 *
 * Returns: (transfer none) (nullable): the recorded answer
 */
const VvExerciseAnswer *
vv_exercise_set_get_answer (VvExerciseSet *self,
                            guint          index)
{
  g_return_val_if_fail (VV_IS_EXERCISE_SET (self), NULL);
  g_return_val_if_fail (index < self->answers->len, NULL);
  return g_ptr_array_index (self->answers, index);
}

/**
 * vv_exercise_set_get_score:
 * @self: a #VvExerciseSet
 * @n_answered: (out) (optional): how many exercises have an answer
 *
 * Returns: the number of correct answers
 */
guint
vv_exercise_set_get_score (VvExerciseSet *self,
                           guint         *n_answered)
{
  guint correct = 0;
  guint answered = 0;

  g_return_val_if_fail (VV_IS_EXERCISE_SET (self), 0);

  for (guint i = 0; i < self->answers->len; i++)
    {
      const VvExerciseAnswer *a = g_ptr_array_index (self->answers, i);

      if (a == NULL)
        continue;
      answered++;
      if (a->correct)
        correct++;
    }
  if (n_answered != NULL)
    *n_answered = answered;
  return correct;
}

/**
 * vv_exercise_set_clear_answers:
 * @self: a #VvExerciseSet
 *
 * Forgets all recorded answers (a new round).
 */
void
vv_exercise_set_clear_answers (VvExerciseSet *self)
{
  g_return_if_fail (VV_IS_EXERCISE_SET (self));

  for (guint i = 0; i < self->answers->len; i++)
    g_clear_pointer (&g_ptr_array_index (self->answers, i), vv_exercise_answer_free);
}

/**
 * vv_exercise_set_results_to_csv:
 * @self: a #VvExerciseSet
 *
 * The results as `;`-separated UTF-8 CSV (like the unit file of the ledger
 * import), header `Deltaker;Oppgavesett;Oppgave;Tittel;Svar;Fasit;Riktig`, one
 * row per exercise (`Riktig` is `ja`, `nei` or empty when not answered; `Svar`
 * and `Fasit` use `FUNKSJON:PROSENT` pairs or `outside_kostra`), and a last
 * row with `Oppgave` = `poengsum`, `Svar` = answered, `Fasit` = total and
 * `Riktig` = correct. Text a spreadsheet would run as a formula (a
 * participant name starting with `=`, say) is written as text.
 *
 * Returns: (transfer full): the CSV text
 */
char *
vv_exercise_set_results_to_csv (VvExerciseSet *self)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *answered_text = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *correct_text = NULL;
  guint answered = 0;
  guint correct;

  g_return_val_if_fail (VV_IS_EXERCISE_SET (self), NULL);

  g_string_append (out, "Deltaker;Oppgavesett;Oppgave;Tittel;Svar;Fasit;Riktig\r\n");
  for (guint i = 0; i < self->exercises->len; i++)
    {
      const VvExercise *exercise = g_ptr_array_index (self->exercises, i);
      const VvExerciseAnswer *answer = g_ptr_array_index (self->answers, i);
      g_autofree char *expected = expected_to_machine (exercise);

      csv_append_field (out, self->participant, FALSE);
      csv_append_field (out, self->id, FALSE);
      csv_append_field (out, exercise->id, FALSE);
      csv_append_field (out, exercise->kase->title, FALSE);
      csv_append_field (out, answer != NULL ? answer->answer : NULL, FALSE);
      csv_append_field (out, expected, FALSE);
      csv_append_field (out, answer == NULL ? NULL : answer->correct ? "ja" : "nei", TRUE);
    }

  correct = vv_exercise_set_get_score (self, &answered);
  answered_text = g_strdup_printf ("%u", answered);
  total_text = g_strdup_printf ("%u", self->exercises->len);
  correct_text = g_strdup_printf ("%u", correct);
  csv_append_field (out, self->participant, FALSE);
  csv_append_field (out, self->id, FALSE);
  csv_append_field (out, "poengsum", FALSE);
  csv_append_field (out, NULL, FALSE);
  csv_append_field (out, answered_text, FALSE);
  csv_append_field (out, total_text, FALSE);
  csv_append_field (out, correct_text, TRUE);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * vv_exercise_set_results_to_json:
 * @self: a #VvExerciseSet
 *
 * The results as a `veiviser-training-results/1` object: `set`, `title`,
 * `participant`, `score` (`correct`, `answered`, `total`) and `answers`
 * (`exercise`, `answer`, `expected`, `correct`; unanswered exercises have a
 * null answer).
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
vv_exercise_set_results_to_json (VvExerciseSet *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint answered = 0;
  guint correct;

  g_return_val_if_fail (VV_IS_EXERCISE_SET (self), NULL);

  correct = vv_exercise_set_get_score (self, &answered);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, VV_EXERCISE_RESULTS_FORMAT);
  json_builder_set_member_name (builder, "set");
  json_builder_add_string_value (builder, self->id);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, self->title);
  json_builder_set_member_name (builder, "participant");
  if (self->participant != NULL)
    json_builder_add_string_value (builder, self->participant);
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "score");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "correct");
  json_builder_add_int_value (builder, correct);
  json_builder_set_member_name (builder, "answered");
  json_builder_add_int_value (builder, answered);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, self->exercises->len);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "answers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->exercises->len; i++)
    {
      const VvExercise *exercise = g_ptr_array_index (self->exercises, i);
      const VvExerciseAnswer *answer = g_ptr_array_index (self->answers, i);
      g_autofree char *expected = expected_to_machine (exercise);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "exercise");
      json_builder_add_string_value (builder, exercise->id);
      json_builder_set_member_name (builder, "answer");
      if (answer != NULL)
        json_builder_add_string_value (builder, answer->answer);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "expected");
      json_builder_add_string_value (builder, expected);
      json_builder_set_member_name (builder, "correct");
      if (answer != NULL)
        json_builder_add_boolean_value (builder, answer->correct);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * vv_exercise_set_check_privacy:
 * @self: a #VvExerciseSet
 * @error: return location for a #GError in %VV_PRIVACY_ERROR
 *
 * Refuses results that would store a national identity number: in the
 * participant's name or in an answer. The message says where, without the
 * number.
 *
 * Returns: %TRUE if the results may be saved
 */
gboolean
vv_exercise_set_check_privacy (VvExerciseSet  *self,
                               GError        **error)
{
  g_return_val_if_fail (VV_IS_EXERCISE_SET (self), FALSE);

  if (!vv_privacy_check (self->participant, NULL, error))
    {
      g_prefix_error (error, _("The participant’s name cannot be saved: "));
      return FALSE;
    }
  for (guint i = 0; i < self->answers->len; i++)
    {
      const VvExerciseAnswer *answer = g_ptr_array_index (self->answers, i);

      if (answer != NULL && !vv_privacy_check (answer->answer, NULL, error))
        {
          g_prefix_error (error, _("The answer to exercise %u cannot be saved: "), i + 1);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * vv_exercise_set_save_results:
 * @self: a #VvExerciseSet
 * @path: where to write; a name ending in `.json` gets JSON, anything else CSV
 * @error: return location for a #GError
 *
 * Writes the results atomically (vv_export_write_atomic()): either the whole
 * new file is there afterwards or an older file is left untouched.
 *
 * Returns: %TRUE on success
 */
gboolean
vv_exercise_set_save_results (VvExerciseSet  *self,
                              const char     *path,
                              GError        **error)
{
  g_autofree char *contents = NULL;

  g_return_val_if_fail (VV_IS_EXERCISE_SET (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!vv_exercise_set_check_privacy (self, error))
    return FALSE;
  if (g_str_has_suffix (path, ".json"))
    {
      g_autoptr(JsonNode) root = vv_exercise_set_results_to_json (self);

      contents = _vv_json_to_data (root, TRUE, NULL);
    }
  else
    contents = vv_exercise_set_results_to_csv (self);

  return vv_export_write_atomic (path, contents, strlen (contents), error);
}

/**
 * vv_exercise_get_title:
 * @self: an exercise
 *
 * Returns: the title in the current language
 */
const char *
vv_exercise_get_title (const VvExercise *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (use_nynorsk () && self->title_nn != NULL)
    return self->title_nn;
  return self->kase->title;
}

/**
 * vv_exercise_get_question:
 * @self: an exercise
 *
 * Returns: the question in the current language
 */
const char *
vv_exercise_get_question (const VvExercise *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (use_nynorsk () && self->question_nn != NULL)
    return self->question_nn;
  return self->question;
}

/**
 * vv_exercise_parse_answer:
 * @answer: a function code (`257`), several (`257 258`, `257+258`, or
 *   `split` for 257 and 258), `FUNKSJON:PROSENT` pairs (`257:70 258:30`), or
 *   `outside_kostra` (also `outside`, `utenfor`, `utanfor`)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type VvAllocation): the allocations;
 *   percent is -1 where none was given; empty for outside KOSTRA
 */
GArray *
vv_exercise_parse_answer (const char  *answer,
                          GError     **error)
{
  g_autoptr(GArray) allocations = g_array_new (FALSE, TRUE, sizeof (VvAllocation));
  g_auto(GStrv) tokens = NULL;
  g_autofree char *text = NULL;
  int with_percent = 0;
  int sum = 0;

  g_return_val_if_fail (answer != NULL, NULL);

  text = g_strstrip (g_ascii_strdown (answer, -1));
  if (g_str_equal (text, "outside_kostra") || g_str_equal (text, "outside") ||
      g_str_equal (text, "utenfor") || g_str_equal (text, "utanfor"))
    return g_steal_pointer (&allocations);
  if (g_str_equal (text, "split"))
    {
      g_free (text);
      text = g_strdup ("257 258");
    }

  g_strdelimit (text, ",;+/\t", ' ');
  tokens = g_strsplit (text, " ", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      VvAllocation a = { { 0 }, -1 };
      char *token = tokens[i];
      char *colon;

      if (*token == '\0')
        continue;
      colon = strchr (token, ':');
      if (colon != NULL)
        {
          guint64 percent;
          char *end = NULL;

          *colon = '\0';
          if (g_str_has_suffix (colon + 1, "%"))
            colon[strlen (colon + 1)] = '\0';
          percent = g_ascii_strtoull (colon + 1, &end, 10);
          if (end == colon + 1 || *end != '\0' || percent > 100)
            {
              g_set_error (error, VV_EXERCISE_SET_ERROR, VV_EXERCISE_SET_ERROR_ANSWER,
                           _("“%s”: the percent after “:” must be a whole number from 0 to 100"),
                           answer);
              return NULL;
            }
          a.percent = (int) percent;
          sum += a.percent;
          with_percent++;
        }
      if (!_vv_exercise_is_function_code (token))
        {
          g_set_error (error, VV_EXERCISE_SET_ERROR, VV_EXERCISE_SET_ERROR_ANSWER,
                       _("“%s” is not a function code"), token);
          return NULL;
        }
      if (find_allocation (allocations, token) != NULL)
        {
          g_set_error (error, VV_EXERCISE_SET_ERROR, VV_EXERCISE_SET_ERROR_ANSWER,
                       _("function %s is given twice"), token);
          return NULL;
        }
      g_strlcpy (a.function, token, sizeof a.function);
      g_array_append_val (allocations, a);
    }

  if (allocations->len == 0)
    {
      g_set_error (error, VV_EXERCISE_SET_ERROR, VV_EXERCISE_SET_ERROR_ANSWER,
                   "%s", _("the answer is empty"));
      return NULL;
    }
  if (with_percent != 0 && (guint) with_percent != allocations->len)
    {
      g_set_error (error, VV_EXERCISE_SET_ERROR, VV_EXERCISE_SET_ERROR_ANSWER,
                   _("“%s”: give a percent for every function or for none"), answer);
      return NULL;
    }
  if (with_percent != 0 && sum != 100)
    {
      g_set_error (error, VV_EXERCISE_SET_ERROR, VV_EXERCISE_SET_ERROR_ANSWER,
                   _("“%s”: the percents add up to %d, not 100"), answer, sum);
      return NULL;
    }
  if (allocations->len == 1)
    g_array_index (allocations, VvAllocation, 0).percent = 100;

  return g_steal_pointer (&allocations);
}

/**
 * vv_exercise_format_allocations:
 * @allocations: (element-type VvAllocation): allocations
 *
 * The machine form used in answers and results: `257`, `257:70 258:30`,
 * `257 258` (no percents), or `outside_kostra` for none.
 *
 * Returns: (transfer full): the text
 */
char *
vv_exercise_format_allocations (GArray *allocations)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (allocations != NULL, NULL);

  if (allocations->len == 0)
    return g_strdup ("outside_kostra");
  if (allocations->len == 1)
    return g_strdup (g_array_index (allocations, VvAllocation, 0).function);

  for (guint i = 0; i < allocations->len; i++)
    {
      const VvAllocation *a = &g_array_index (allocations, VvAllocation, i);

      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, a->function);
      if (a->percent >= 0)
        g_string_append_printf (out, ":%d", a->percent);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * vv_exercise_format_expected:
 * @self: an exercise
 *
 * Returns: (transfer full): the expected answer for people, translated,
 *   e.g. "257", "257 (70 %) and 258 (30 %)", "257 (or 234)", "Outside KOSTRA"
 */
char *
vv_exercise_format_expected (const VvExercise *self)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  if (g_str_equal (self->outcome, "outside_kostra"))
    return g_strdup (_("Outside KOSTRA"));

  if (self->allocations->len == 1)
    g_string_append (out, g_array_index (self->allocations, VvAllocation, 0).function);
  else
    for (guint i = 0; i < self->allocations->len; i++)
      {
        const VvAllocation *a = &g_array_index (self->allocations, VvAllocation, i);

        if (i > 0)
          g_string_append (out, i + 1 == self->allocations->len ? _(" and ") : ", ");
        /* TRANSLATORS: a function and its share of a split, e.g. "257 (70 %)" */
        g_string_append_printf (out, _("%s (%d %%)"), a->function, a->percent);
      }

  if (self->alternatives != NULL && self->alternatives->len > 0)
    {
      g_autofree char *joined = join_strings (self->alternatives, ", ");

      /* TRANSLATORS: the expected function followed by functions the guidance also allows */
      g_string_append_printf (out, _(" (or %s)"), joined);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * vv_exercise_score:
 * @self: an exercise
 * @answer: the participant's answer (see vv_exercise_parse_answer())
 * @correct: (out) (optional): whether it is right
 * @normalised: (out) (optional) (transfer full): the answer in machine form
 * @error: return location for a #GError
 *
 * A single function is right when it is the expected function or one of the
 * alternatives the guidance allows. Several functions without percents are
 * right when they are the expected split's functions; with percents, each
 * percent must match too.
 *
 * Returns: %TRUE if the answer could be read
 */
gboolean
vv_exercise_score (const VvExercise  *self,
                   const char        *answer,
                   gboolean          *correct,
                   char             **normalised,
                   GError           **error)
{
  g_autoptr(GArray) given = NULL;
  gboolean right = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (answer != NULL, FALSE);

  given = vv_exercise_parse_answer (answer, error);
  if (given == NULL)
    return FALSE;

  if (given->len == 0)
    right = g_str_equal (self->outcome, "outside_kostra");
  else if (g_str_equal (self->outcome, "outside_kostra"))
    right = FALSE;
  else if (given->len == 1)
    {
      const char *function = g_array_index (given, VvAllocation, 0).function;

      right = (g_str_equal (self->outcome, "function") &&
               find_allocation (self->allocations, function) != NULL) ||
              str_array_contains (self->alternatives, function);
    }
  else if (given->len == self->allocations->len)
    {
      right = TRUE;
      for (guint i = 0; i < given->len && right; i++)
        {
          const VvAllocation *a = &g_array_index (given, VvAllocation, i);
          const VvAllocation *e = find_allocation (self->allocations, a->function);

          right = e != NULL && (a->percent < 0 || a->percent == e->percent);
        }
    }

  if (correct != NULL)
    *correct = right;
  if (normalised != NULL)
    *normalised = vv_exercise_format_allocations (given);
  return TRUE;
}

/**
 * vv_exercise_verify:
 * @self: an exercise
 * @rules: the rules
 * @error: return location for a #GError
 *
 * Classifies the exercise's facts and compares the result with `expected`:
 * the outcome and allocations must be equal, and the expected alternatives
 * and rule ids must be among those the classifier gives.
 *
 * Returns: %TRUE when the classifier agrees
 */
gboolean
vv_exercise_verify (const VvExercise  *self,
                    VvRules           *rules,
                    GError           **error)
{
  g_autoptr(VvResult) result = NULL;
  g_autofree char *got = NULL;
  g_autofree char *want = NULL;
  gboolean same;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (VV_IS_RULES (rules), FALSE);

  result = vv_classify (rules, self->kase->year, self->kase->facts, error);
  if (result == NULL)
    {
      g_prefix_error (error, _("exercise %s: "), self->id);
      return FALSE;
    }

  got = g_strcmp0 (result->outcome, "outside_kostra") == 0 || result->allocations == NULL
        ? g_strdup ("outside_kostra")
        : vv_exercise_format_allocations (result->allocations);
  want = g_str_equal (self->outcome, "outside_kostra")
         ? g_strdup ("outside_kostra")
         : vv_exercise_format_allocations (self->allocations);

  same = g_strcmp0 (result->outcome, self->outcome) == 0 &&
         result->allocations != NULL &&
         result->allocations->len == self->allocations->len;
  for (guint i = 0; same && i < self->allocations->len; i++)
    {
      const VvAllocation *e = &g_array_index (self->allocations, VvAllocation, i);
      const VvAllocation *r = find_allocation (result->allocations, e->function);

      same = r != NULL && r->percent == e->percent;
    }
  if (!same)
    {
      g_set_error (error, VV_EXERCISE_SET_ERROR, VV_EXERCISE_SET_ERROR_MISMATCH,
                   _("exercise %s: expected %s “%s”, but the rules give %s “%s”"),
                   self->id, self->outcome, want,
                   result->outcome != NULL ? result->outcome : "?", got);
      return FALSE;
    }

  for (guint i = 0; self->alternatives != NULL && i < self->alternatives->len; i++)
    {
      const char *alternative = g_ptr_array_index (self->alternatives, i);

      if (!str_array_contains (result->alternatives, alternative))
        {
          g_set_error (error, VV_EXERCISE_SET_ERROR, VV_EXERCISE_SET_ERROR_MISMATCH,
                       _("exercise %s: the rules do not allow %s as an alternative"),
                       self->id, alternative);
          return FALSE;
        }
    }

  for (guint i = 0; self->rules != NULL && i < self->rules->len; i++)
    {
      const char *rule = g_ptr_array_index (self->rules, i);

      if (!str_array_contains (result->rules, rule))
        {
          g_autofree char *cited = join_strings (result->rules, ", ");

          g_set_error (error, VV_EXERCISE_SET_ERROR, VV_EXERCISE_SET_ERROR_MISMATCH,
                       _("exercise %s: expected the rules to cite %s, but they cite %s"),
                       self->id, rule, *cited != '\0' ? cited : "—");
          return FALSE;
        }
    }

  return TRUE;
}
