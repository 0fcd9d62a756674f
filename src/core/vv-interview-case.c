/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-interview"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vv-i18n.h"
#include "vv-interview-private.h"
#include "vv-json-private.h"

/* helpers */

/* "257" or "257 70 % · 258 30 %" for a stored veiviser-result/1 object. */
static char *
stored_summary (JsonObject *stored)
{
  g_autoptr(GString) s = g_string_new (NULL);
  const char *outcome = json_object_get_string_member_with_default (stored, "outcome", "");
  JsonArray *allocations;

  if (g_str_equal (outcome, "needs_answer"))
    return g_strdup (_("More answers needed"));
  if (g_str_equal (outcome, "outside_kostra"))
    return g_strdup (_("Outside KOSTRA"));
  allocations = json_object_has_member (stored, "allocations")
                ? json_object_get_array_member (stored, "allocations") : NULL;
  for (guint i = 0; allocations != NULL && i < json_array_get_length (allocations); i++)
    {
      JsonObject *a = json_array_get_object_element (allocations, i);

      if (a == NULL)
        continue;
      if (i > 0)
        g_string_append (s, " · ");
      if (json_array_get_length (allocations) == 1)
        g_string_append (s, json_object_get_string_member_with_default (a, "function", "?"));
      else
        g_string_append_printf (s, "%s %d %%",
                                json_object_get_string_member_with_default (a, "function", "?"),
                                (int) json_object_get_int_member_with_default (a, "percent", 0));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The first question where the stored path and the new one part, or NULL. */
static const VvNode *
parting_question (VvInterview *self,
                  JsonObject  *stored)
{
  JsonArray *path = json_object_has_member (stored, "path")
                    ? json_object_get_array_member (stored, "path") : NULL;
  guint n = path != NULL ? json_array_get_length (path) : 0;

  for (guint i = 0; i < self->result->path->len; i++)
    {
      const char *now = g_ptr_array_index (self->result->path, i);
      const char *then = i < n ? json_array_get_string_element (path, i) : NULL;

      if (g_strcmp0 (now, then) != 0)
        return i > 0 ? _vv_interview_question_node (self, g_ptr_array_index (self->result->path, i - 1)) : NULL;
    }
  return NULL;
}

/* Compares the result a case was saved with to the one the current rules
 * give, and says so in a sentence for the user. */
static void
compare_stored (VvInterview  *self,
                const VvCase *kase)
{
  const char *now_version = vv_rules_get_version (self->rules);
  const char *then_version = kase->rules_version;
  g_autoptr(JsonNode) stored = NULL;
  g_autofree char *then = NULL;
  g_autofree char *now = NULL;
  g_autofree char *note = NULL;
  JsonObject *object;

  if (then_version == NULL || kase->result_json == NULL || self->result == NULL ||
      g_str_equal (self->result->outcome, "needs_answer"))
    {
      _vv_interview_set_rules_note (self, then_version, FALSE, NULL);
      return;
    }
  stored = json_from_string (kase->result_json, NULL);
  object = stored != NULL && JSON_NODE_HOLDS_OBJECT (stored) ? json_node_get_object (stored) : NULL;
  if (object == NULL)
    {
      _vv_interview_set_rules_note (self, then_version, FALSE, NULL);
      return;
    }
  then = stored_summary (object);
  now = vv_result_summary (self->result);
  if (!g_str_equal (then, now))
    {
      const VvNode *parting = parting_question (self, object);
      g_autoptr(GString) s = g_string_new (NULL);

      /* Translators: a saved case's answer changed with the rules: old rule
       * version, old answer, new rule version, new answer */
      g_string_printf (s, _("The answer has changed. Under rules %s it was %s; under the current rules (%s) it is %s."),
                       then_version, then, now_version, now);
      if (parting != NULL)
        {
          const VvFact *fact = vv_rules_lookup_fact (self->rules, parting->fact);

          g_string_append_c (s, ' ');
          /* Translators: where the rules now decide differently: a question */
          g_string_append_printf (s, _("The rules now go another way after the question “%s”."),
                                  vv_rules_tr (fact->question));
        }
      if (self->result->explanation != NULL)
        {
          g_string_append_c (s, ' ');
          /* Translators: followed by the new result's explanation */
          g_string_append_printf (s, _("Why: %s"), self->result->explanation);
        }
      _vv_interview_set_rules_note (self, then_version, TRUE, s->str);
      return;
    }
  if (g_strcmp0 (then_version, now_version) != 0)
    /* Translators: old rule version, current rule version */
    note = g_strdup_printf (_("Decided under rules %s. The current rules (%s) give the same answer."),
                            then_version, now_version);
  else
    /* Translators: the rule version */
    note = g_strdup_printf (_("Decided under the current rules (%s)."), now_version);
  _vv_interview_set_rules_note (self, then_version, FALSE, note);
}

/* public API */

/**
 * vv_interview_load_case:
 * @self: the interview
 * @kase: a case
 * @error: return location for a #GError
 *
 * Replaces the answers and the year with those of @kase. A question with a
 * usual answer that the case leaves out takes that answer, so a complete
 * case opens at its result. The result the case was saved with is
 * compared to the current rules' (see #VvInterview:rules-note).
 *
 * Returns: %TRUE if the case's facts are valid
 */
gboolean
vv_interview_load_case (VvInterview   *self,
                        const VvCase  *kase,
                        GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(VvResult) result = NULL;
  g_autoptr(JsonObject) answers = NULL;
  gboolean example;
  int year;

  g_return_val_if_fail (VV_IS_INTERVIEW (self), FALSE);
  g_return_val_if_fail (kase != NULL && kase->facts != NULL, FALSE);

  example = kase->expected != NULL;
  year = kase->year;
  if (year < vv_rules_get_min_year (self->rules) || year > vv_rules_get_max_year (self->rules))
    year = CLAMP (year, vv_rules_get_min_year (self->rules), vv_rules_get_max_year (self->rules));
  result = vv_classify (self->rules, year, kase->facts, &local_error);
  self->n_classifications++;
  if (result == NULL)
    {
      g_set_error_literal (error, VV_INTERVIEW_ERROR, VV_INTERVIEW_ERROR_INVALID_CASE,
                           local_error->message);
      return FALSE;
    }

  answers = _vv_interview_copy_object (kase->facts);
  /* The classifier took the usual answers for questions the case leaves
   * out: record them, so that they are not asked again. */
  for (guint i = 0; i < result->path->len; i++)
    {
      const VvNode *node = _vv_interview_question_node (self, g_ptr_array_index (result->path, i));
      const VvFact *fact = node != NULL ? vv_rules_lookup_fact (self->rules, node->fact) : NULL;
      JsonNode *value;

      if (fact == NULL || fact->default_value == NULL || json_object_has_member (answers, fact->id))
        continue;
      if (!_vv_interview_parse_value (self, fact, fact->default_value, &value, NULL))
        continue;
      json_object_set_member (answers, fact->id, value);
    }

  g_object_freeze_notify (G_OBJECT (self));
  g_clear_pointer (&self->answers, json_object_unref);
  self->answers = g_steal_pointer (&answers);
  g_clear_pointer (&self->edit_node, g_free);
  _vv_interview_clear_undo (self);
  if (self->year != year)
    {
      self->year = year;
      g_object_notify_by_pspec (G_OBJECT (self), _vv_interview_properties[PROP_YEAR]);
    }
  /* An example stays as it came: saving it makes the user's own copy. */
  _vv_interview_set_case_id (self, example ? 0 : kase->id);
  _vv_interview_set_string (self, &self->title, kase->title, PROP_TITLE);
  _vv_interview_set_saved (self, !example && kase->id > 0);
  _vv_interview_evaluate (self, FALSE, g_steal_pointer (&result));
  compare_stored (self, kase);
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

/**
 * vv_interview_get_case_id:
 * @self: the interview
 *
 * Returns: the id of the saved case these answers belong to, or 0
 */
gint64
vv_interview_get_case_id (VvInterview *self)
{
  g_return_val_if_fail (VV_IS_INTERVIEW (self), 0);

  return self->case_id;
}

/**
 * vv_interview_get_title:
 * @self: the interview
 *
 * Returns: (nullable): the case's title, or %NULL if none was given
 */
const char *
vv_interview_get_title (VvInterview *self)
{
  g_return_val_if_fail (VV_IS_INTERVIEW (self), NULL);

  return self->title;
}

/**
 * vv_interview_set_title:
 * @self: the interview
 * @title: (nullable): the case's title
 *
 * Sets the title the case is saved under; a changed title needs saving.
 */
void
vv_interview_set_title (VvInterview *self,
                        const char  *title)
{
  g_return_if_fail (VV_IS_INTERVIEW (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  _vv_interview_set_string (self, &self->title, title, PROP_TITLE);
  _vv_interview_set_saved (self, FALSE);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * vv_interview_dup_default_title:
 * @self: the interview
 *
 * Returns: (transfer full): a title from the result and the date, for a
 *   case that has none
 */
char *
vv_interview_dup_default_title (VvInterview *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  /* As the interface's language writes dates, as in the list of cases. */
  g_autofree char *date = vv_i18n_format_date_time (now);
  g_autofree char *summary = NULL;

  g_return_val_if_fail (VV_IS_INTERVIEW (self), NULL);

  summary = self->result != NULL ? vv_result_summary (self->result) : g_strdup ("");
  /* Translators: default title of a saved case: the result and the date */
  return g_strdup_printf (_("%s (%s)"), summary, date);
}

/**
 * vv_interview_get_saved:
 * @self: the interview
 *
 * Returns: %TRUE if the answers, year and title are those of the saved case
 */
gboolean
vv_interview_get_saved (VvInterview *self)
{
  g_return_val_if_fail (VV_IS_INTERVIEW (self), FALSE);

  return self->saved;
}

/**
 * vv_interview_to_case:
 * @self: the interview
 *
 * Returns: (transfer full): a case with the answers on the path, the year,
 *   the title (or a default one), the result and the rule version; its id
 *   is the saved case's, so storing it updates that case
 */
VvCase *
vv_interview_to_case (VvInterview *self)
{
  VvCase *kase;

  g_return_val_if_fail (VV_IS_INTERVIEW (self), NULL);

  kase = vv_case_new ();
  kase->id = self->case_id;
  g_free (kase->title);
  kase->title = self->title != NULL && *self->title != '\0'
                ? g_strdup (self->title) : vv_interview_dup_default_title (self);
  kase->year = self->year;
  g_clear_pointer (&kase->facts, json_object_unref);
  kase->facts = vv_interview_dup_facts (self);
  if (self->result != NULL)
    {
      g_autoptr(JsonNode) node = vv_result_to_json (self->rules, self->result);

      kase->result_json = _vv_json_to_data (node, FALSE, NULL);
      kase->rules_version = g_strdup (vv_rules_get_version (self->rules));
    }
  return kase;
}

/**
 * vv_interview_mark_saved:
 * @self: the interview
 * @kase: the case as stored (with its id)
 *
 * Remembers that the answers are saved as @kase: saving again updates it.
 */
void
vv_interview_mark_saved (VvInterview  *self,
                         const VvCase *kase)
{
  g_return_if_fail (VV_IS_INTERVIEW (self));
  g_return_if_fail (kase != NULL);

  g_object_freeze_notify (G_OBJECT (self));
  _vv_interview_set_case_id (self, kase->id);
  _vv_interview_set_string (self, &self->title, kase->title, PROP_TITLE);
  _vv_interview_set_rules_note (self, kase->rules_version, FALSE, NULL);
  _vv_interview_set_saved (self, TRUE);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * vv_interview_get_decided_version:
 * @self: the interview
 *
 * Returns: (nullable): the rule version the loaded case was decided under
 */
const char *
vv_interview_get_decided_version (VvInterview *self)
{
  g_return_val_if_fail (VV_IS_INTERVIEW (self), NULL);

  return self->decided_version;
}

/**
 * vv_interview_get_result_changed:
 * @self: the interview
 *
 * Returns: %TRUE if the current rules give the loaded case another answer
 *   than the one it was saved with
 */
gboolean
vv_interview_get_result_changed (VvInterview *self)
{
  g_return_val_if_fail (VV_IS_INTERVIEW (self), FALSE);

  return self->result_changed;
}

/**
 * vv_interview_get_rules_note:
 * @self: the interview
 *
 * Returns: (nullable): for a loaded case, a translated sentence naming the
 *   rule version it was decided under and whether (and why) the current
 *   rules answer differently
 */
const char *
vv_interview_get_rules_note (VvInterview *self)
{
  g_return_val_if_fail (VV_IS_INTERVIEW (self), NULL);

  return self->rules_note;
}
