/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-interview"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vv-interview-private.h"

G_DEFINE_FINAL_TYPE (VvInterview, vv_interview, G_TYPE_OBJECT)

G_DEFINE_QUARK (vv-interview-error-quark, vv_interview_error)

GParamSpec *_vv_interview_properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* helpers */

static void
answer_free (VvInterviewAnswer *answer)
{
  g_free (answer->value);
  g_free (answer->label);
  g_free (answer);
}

static void
snapshot_free (Snapshot *snapshot)
{
  g_clear_pointer (&snapshot->answers, json_object_unref);
  g_free (snapshot->title);
  g_free (snapshot->decided_version);
  g_free (snapshot->rules_note);
  g_free (snapshot);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Snapshot, snapshot_free)

JsonObject *
_vv_interview_copy_object (JsonObject *object)
{
  JsonObject *copy = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (copy, l->data, json_node_copy (json_object_get_member (object, l->data)));
  return copy;
}

const VvNode *
_vv_interview_question_node (VvInterview *self,
               const char  *node_id)
{
  const VvNode *node = node_id != NULL ? vv_rules_lookup_node (self->rules, node_id) : NULL;

  return node != NULL && node->kind == VV_NODE_QUESTION ? node : NULL;
}

static gboolean
str_array_contains (GPtrArray  *array,
                    const char *s)
{
  for (guint i = 0; array != NULL && i < array->len; i++)
    if (g_strcmp0 (g_ptr_array_index (array, i), s) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
path_contains (VvInterview *self,
               const char  *node_id)
{
  return self->result != NULL && str_array_contains (self->result->path, node_id);
}

/* The canonical string of the answer to @fact ("true", "17", "bpa"), or NULL. */
static char *
answer_value (VvInterview  *self,
              const VvFact *fact)
{
  JsonNode *value = json_object_get_member (self->answers, fact->id);

  if (value == NULL)
    return NULL;
  return vv_classify_check_fact (self->rules, fact->id, value, NULL);
}

static char *
value_label (VvInterview  *self,
             const VvFact *fact,
             const char   *value)
{
  const VvFactValue *fv = vv_rules_lookup_fact_value (self->rules, fact->id, value);

  if (fv != NULL)
    return g_strdup (vv_rules_tr (fv->label));
  return g_strdup (value);
}

/* The question to ask: a reopened one, else the first question on the path
 * that is unanswered and either needed by the classifier (its `missing`
 * list) or has a usual answer the user should confirm. Which questions
 * matter is the classifier's business. */
static const char *
choose_question (VvInterview *self)
{
  const VvResult *r = self->result;

  if (r == NULL)
    return NULL;
  if (self->edit_node != NULL && path_contains (self, self->edit_node))
    return self->edit_node;

  for (guint i = 0; i < r->path->len; i++)
    {
      const VvNode *node = _vv_interview_question_node (self, g_ptr_array_index (r->path, i));
      const VvFact *fact;

      if (node == NULL || json_object_has_member (self->answers, node->fact))
        continue;
      fact = vv_rules_lookup_fact (self->rules, node->fact);
      if (fact->default_value != NULL || str_array_contains (r->missing, fact->id))
        return node->id;
    }

  if (r->missing->len > 0)
    {
      /* A needed fact whose question is not on the path walked. */
      GPtrArray *nodes = vv_rules_get_nodes (self->rules);
      const char *fact_id = g_ptr_array_index (r->missing, 0);

      for (guint i = 0; i < nodes->len; i++)
        {
          const VvNode *node = g_ptr_array_index (nodes, i);

          if (node->kind == VV_NODE_QUESTION && g_strcmp0 (node->fact, fact_id) == 0)
            return node->id;
        }
    }
  return NULL;
}

static void
rebuild_answered (VvInterview *self)
{
  guint number = 0;

  g_ptr_array_set_size (self->answered, 0);
  self->step = 0;
  for (guint i = 0; self->result != NULL && i < self->result->path->len; i++)
    {
      const char *id = g_ptr_array_index (self->result->path, i);
      const VvNode *node = _vv_interview_question_node (self, id);
      const VvFact *fact;
      VvInterviewAnswer *answer;
      char *value;

      if (node == NULL)
        continue;
      number++;
      if (g_strcmp0 (id, self->current_node) == 0)
        self->step = number;
      fact = vv_rules_lookup_fact (self->rules, node->fact);
      value = answer_value (self, fact);
      if (value == NULL)
        continue;
      answer = g_new0 (VvInterviewAnswer, 1);
      answer->node_id = node->id;
      answer->fact = fact;
      answer->value = value;
      answer->label = value_label (self, fact, value);
      answer->number = number;
      g_ptr_array_add (self->answered, answer);
    }
  if (self->current_node != NULL && self->step == 0)
    self->step = number + 1;
}

void
_vv_interview_set_saved (VvInterview *self,
           gboolean     saved)
{
  if (self->saved == saved)
    return;
  self->saved = saved;
  g_object_notify_by_pspec (G_OBJECT (self), _vv_interview_properties[PROP_SAVED]);
}

void
_vv_interview_set_string (VvInterview  *self,
            char        **field,
            const char   *value,
            int           prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), _vv_interview_properties[prop]);
}

void
_vv_interview_set_case_id (VvInterview *self,
             gint64       id)
{
  if (self->case_id == id)
    return;
  self->case_id = id;
  g_object_notify_by_pspec (G_OBJECT (self), _vv_interview_properties[PROP_CASE_ID]);
}

void
_vv_interview_set_rules_note (VvInterview *self,
                const char  *decided_version,
                gboolean     changed,
                const char  *note)
{
  _vv_interview_set_string (self, &self->decided_version, decided_version, PROP_DECIDED_VERSION);
  _vv_interview_set_string (self, &self->rules_note, note, PROP_RULES_NOTE);
  if (self->result_changed != changed)
    {
      self->result_changed = changed;
      g_object_notify_by_pspec (G_OBJECT (self), _vv_interview_properties[PROP_RESULT_CHANGED]);
    }
}

void
_vv_interview_clear_undo (VvInterview *self)
{
  if (self->undo == NULL)
    return;
  g_clear_pointer (&self->undo, snapshot_free);
  g_object_notify_by_pspec (G_OBJECT (self), _vv_interview_properties[PROP_CAN_UNDO_RESET]);
}

/* Classifies the answers when @reclassify (or takes @result, already
 * classified from them, or keeps the result), chooses the question and
 * notifies what changed. */
void
_vv_interview_evaluate (VvInterview *self,
          gboolean     reclassify,
          VvResult    *result)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old_node = g_steal_pointer (&self->current_node);
  gboolean was_finished = self->result != NULL && old_node == NULL;
  guint old_step = self->step;

  g_object_freeze_notify (G_OBJECT (self));

  if (result != NULL)
    {
      g_clear_pointer (&self->result, vv_result_free);
      self->result = result;
    }
  else if (reclassify)
    {
      g_clear_pointer (&self->result, vv_result_free);
      self->result = vv_classify (self->rules, self->year, self->answers, &error);
      self->n_classifications++;
      if (self->result == NULL)
        /* Answers are checked when given, so this is a rule-data problem. */
        g_warning ("Could not classify: %s", error->message);
    }

  if (self->edit_node != NULL && !path_contains (self, self->edit_node))
    g_clear_pointer (&self->edit_node, g_free);
  self->current_node = g_strdup (choose_question (self));
  rebuild_answered (self);

  if (reclassify || result != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), _vv_interview_properties[PROP_RESULT]);
  if (g_strcmp0 (old_node, self->current_node) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), _vv_interview_properties[PROP_CURRENT_NODE]);
  if (old_step != self->step)
    g_object_notify_by_pspec (G_OBJECT (self), _vv_interview_properties[PROP_STEP]);
  if (was_finished != vv_interview_get_finished (self))
    g_object_notify_by_pspec (G_OBJECT (self), _vv_interview_properties[PROP_FINISHED]);
  if (self->was_editing != (self->edit_node != NULL))
    {
      self->was_editing = self->edit_node != NULL;
      g_object_notify_by_pspec (G_OBJECT (self), _vv_interview_properties[PROP_EDITING]);
    }
  if (self->could_go_back != vv_interview_get_can_go_back (self))
    {
      self->could_go_back = !self->could_go_back;
      g_object_notify_by_pspec (G_OBJECT (self), _vv_interview_properties[PROP_CAN_GO_BACK]);
    }
  if (self->could_reset != vv_interview_get_can_reset (self))
    {
      self->could_reset = !self->could_reset;
      g_object_notify_by_pspec (G_OBJECT (self), _vv_interview_properties[PROP_CAN_RESET]);
    }

  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The answers changed: the saved case (if any) no longer matches. */
static void
answers_changed (VvInterview *self)
{
  _vv_interview_set_saved (self, FALSE);
}

gboolean
_vv_interview_parse_value (VvInterview   *self,
             const VvFact  *fact,
             const char    *value,
             JsonNode     **out,
             GError       **error)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *checked = NULL;

  if (fact->type == VV_FACT_INTEGER)
    {
      gint64 number;

      if (!g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &number, NULL))
        {
          g_set_error (error, VV_INTERVIEW_ERROR, VV_INTERVIEW_ERROR_INVALID_VALUE,
                       _("“%s” is not a whole number"), value);
          return FALSE;
        }
      json_node_set_int (node, number);
    }
  else if (fact->type == VV_FACT_BOOLEAN && (g_str_equal (value, "true") || g_str_equal (value, "false")))
    json_node_set_boolean (node, g_str_equal (value, "true"));
  else
    json_node_set_string (node, value);

  checked = vv_classify_check_fact (self->rules, fact->id, node, &local_error);
  if (checked == NULL)
    {
      g_set_error_literal (error, VV_INTERVIEW_ERROR, VV_INTERVIEW_ERROR_INVALID_VALUE,
                           local_error->message);
      return FALSE;
    }
  *out = g_steal_pointer (&node);
  return TRUE;
}

/* overrides */

static void
vv_interview_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  VvInterview *self = VV_INTERVIEW (object);

  switch (prop_id)
    {
    case PROP_RULES:
      g_value_set_object (value, vv_interview_get_rules (self));
      break;
    case PROP_YEAR:
      g_value_set_int (value, vv_interview_get_year (self));
      break;
    case PROP_CURRENT_NODE:
      g_value_set_string (value, vv_interview_get_current_node (self));
      break;
    case PROP_STEP:
      g_value_set_uint (value, vv_interview_get_step (self));
      break;
    case PROP_FINISHED:
      g_value_set_boolean (value, vv_interview_get_finished (self));
      break;
    case PROP_EDITING:
      g_value_set_boolean (value, vv_interview_get_editing (self));
      break;
    case PROP_CAN_GO_BACK:
      g_value_set_boolean (value, vv_interview_get_can_go_back (self));
      break;
    case PROP_CAN_RESET:
      g_value_set_boolean (value, vv_interview_get_can_reset (self));
      break;
    case PROP_CAN_UNDO_RESET:
      g_value_set_boolean (value, vv_interview_get_can_undo_reset (self));
      break;
    case PROP_RESULT:
      g_value_set_pointer (value, (gpointer) vv_interview_get_result (self));
      break;
    case PROP_CASE_ID:
      g_value_set_int64 (value, vv_interview_get_case_id (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, vv_interview_get_title (self));
      break;
    case PROP_SAVED:
      g_value_set_boolean (value, vv_interview_get_saved (self));
      break;
    case PROP_DECIDED_VERSION:
      g_value_set_string (value, vv_interview_get_decided_version (self));
      break;
    case PROP_RESULT_CHANGED:
      g_value_set_boolean (value, vv_interview_get_result_changed (self));
      break;
    case PROP_RULES_NOTE:
      g_value_set_string (value, vv_interview_get_rules_note (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vv_interview_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  VvInterview *self = VV_INTERVIEW (object);

  switch (prop_id)
    {
    case PROP_RULES:
      g_set_object (&self->rules, g_value_get_object (value));
      break;
    case PROP_YEAR:
      vv_interview_set_year (self, g_value_get_int (value));
      break;
    case PROP_TITLE:
      vv_interview_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vv_interview_constructed (GObject *object)
{
  VvInterview *self = VV_INTERVIEW (object);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  G_OBJECT_CLASS (vv_interview_parent_class)->constructed (object);

  if (self->rules == NULL)
    self->rules = g_object_ref (vv_rules_get_default ());
  self->year = CLAMP (g_date_time_get_year (now),
                      vv_rules_get_min_year (self->rules), vv_rules_get_max_year (self->rules));
  _vv_interview_evaluate (self, TRUE, NULL);
}

static void
vv_interview_finalize (GObject *object)
{
  VvInterview *self = VV_INTERVIEW (object);

  g_clear_object (&self->rules);
  g_clear_pointer (&self->answers, json_object_unref);
  g_clear_pointer (&self->result, vv_result_free);
  g_clear_pointer (&self->answered, g_ptr_array_unref);
  g_clear_pointer (&self->current_node, g_free);
  g_clear_pointer (&self->edit_node, g_free);
  g_clear_pointer (&self->undo, snapshot_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->decided_version, g_free);
  g_clear_pointer (&self->rules_note, g_free);

  G_OBJECT_CLASS (vv_interview_parent_class)->finalize (object);
}

static void
vv_interview_class_init (VvInterviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->constructed = vv_interview_constructed;
  object_class->finalize = vv_interview_finalize;
  object_class->get_property = vv_interview_get_property;
  object_class->set_property = vv_interview_set_property;

  _vv_interview_properties[PROP_RULES] =
    g_param_spec_object ("rules", NULL, NULL, VV_TYPE_RULES,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  _vv_interview_properties[PROP_YEAR] = g_param_spec_int ("year", NULL, NULL, 0, G_MAXINT, 2024, rw);
  _vv_interview_properties[PROP_CURRENT_NODE] = g_param_spec_string ("current-node", NULL, NULL, NULL, ro);
  _vv_interview_properties[PROP_STEP] = g_param_spec_uint ("step", NULL, NULL, 0, G_MAXUINT, 0, ro);
  _vv_interview_properties[PROP_FINISHED] = g_param_spec_boolean ("finished", NULL, NULL, FALSE, ro);
  _vv_interview_properties[PROP_EDITING] = g_param_spec_boolean ("editing", NULL, NULL, FALSE, ro);
  _vv_interview_properties[PROP_CAN_GO_BACK] = g_param_spec_boolean ("can-go-back", NULL, NULL, FALSE, ro);
  _vv_interview_properties[PROP_CAN_RESET] = g_param_spec_boolean ("can-reset", NULL, NULL, FALSE, ro);
  _vv_interview_properties[PROP_CAN_UNDO_RESET] = g_param_spec_boolean ("can-undo-reset", NULL, NULL, FALSE, ro);
  /* A const VvResult *, valid until the next notify::result. */
  _vv_interview_properties[PROP_RESULT] = g_param_spec_pointer ("result", NULL, NULL, ro);
  _vv_interview_properties[PROP_CASE_ID] = g_param_spec_int64 ("case-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  _vv_interview_properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, rw);
  _vv_interview_properties[PROP_SAVED] = g_param_spec_boolean ("saved", NULL, NULL, FALSE, ro);
  _vv_interview_properties[PROP_DECIDED_VERSION] = g_param_spec_string ("decided-version", NULL, NULL, NULL, ro);
  _vv_interview_properties[PROP_RESULT_CHANGED] = g_param_spec_boolean ("result-changed", NULL, NULL, FALSE, ro);
  _vv_interview_properties[PROP_RULES_NOTE] = g_param_spec_string ("rules-note", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, _vv_interview_properties);

  /**
   * VvInterview::changed:
   * @self: the interview
   *
   * Emitted once after every change of the answers, the year or the
   * question shown, after the property notifications.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vv_interview_init (VvInterview *self)
{
  self->answers = json_object_new ();
  self->answered = g_ptr_array_new_with_free_func ((GDestroyNotify) answer_free);
}

/* public API */

/**
 * vv_interview_new:
 * @rules: (nullable): the rule data, or %NULL for the default rules
 *
 * Returns: (transfer full): a new interview at its first question, in the
 *   current year (within the years the rules cover)
 */
VvInterview *
vv_interview_new (VvRules *rules)
{
  g_return_val_if_fail (rules == NULL || VV_IS_RULES (rules), NULL);

  return g_object_new (VV_TYPE_INTERVIEW, "rules", rules, NULL);
}

/**
 * vv_interview_get_rules:
 * @self: the interview
 *
 * Returns: (transfer none): the rule data
 */
VvRules *
vv_interview_get_rules (VvInterview *self)
{
  g_return_val_if_fail (VV_IS_INTERVIEW (self), NULL);

  return self->rules;
}

/**
 * vv_interview_get_year:
 * @self: the interview
 *
 * Returns: the accounting year
 */
int
vv_interview_get_year (VvInterview *self)
{
  g_return_val_if_fail (VV_IS_INTERVIEW (self), 0);

  return self->year;
}

/**
 * vv_interview_set_year:
 * @self: the interview
 * @year: an accounting year; clamped to the years the rules cover
 *
 * Sets the accounting year and classifies again.
 */
void
vv_interview_set_year (VvInterview *self,
                       int          year)
{
  g_return_if_fail (VV_IS_INTERVIEW (self));

  year = CLAMP (year, vv_rules_get_min_year (self->rules), vv_rules_get_max_year (self->rules));
  if (self->year == year)
    return;
  self->year = year;
  g_object_freeze_notify (G_OBJECT (self));
  answers_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), _vv_interview_properties[PROP_YEAR]);
  _vv_interview_evaluate (self, TRUE, NULL);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * vv_interview_get_current_node:
 * @self: the interview
 *
 * Returns: (nullable): the question node asked now, or %NULL once an outcome
 *   is reached
 */
const char *
vv_interview_get_current_node (VvInterview *self)
{
  g_return_val_if_fail (VV_IS_INTERVIEW (self), NULL);

  return self->current_node;
}

/**
 * vv_interview_get_current_fact:
 * @self: the interview
 *
 * Returns: (nullable) (transfer none): the fact the current question asks for
 */
const VvFact *
vv_interview_get_current_fact (VvInterview *self)
{
  const VvNode *node;

  g_return_val_if_fail (VV_IS_INTERVIEW (self), NULL);

  node = _vv_interview_question_node (self, self->current_node);
  return node != NULL ? vv_rules_lookup_fact (self->rules, node->fact) : NULL;
}

/**
 * vv_interview_dup_current_value:
 * @self: the interview
 *
 * Returns: (transfer full) (nullable): the answer already given to the
 *   current question (when it is reopened), or %NULL
 */
char *
vv_interview_dup_current_value (VvInterview *self)
{
  const VvFact *fact;

  g_return_val_if_fail (VV_IS_INTERVIEW (self), NULL);

  fact = vv_interview_get_current_fact (self);
  return fact != NULL ? answer_value (self, fact) : NULL;
}

/**
 * vv_interview_get_step:
 * @self: the interview
 *
 * Returns: the number of the current question on the path (1 for the first),
 *   or 0 once an outcome is reached
 */
guint
vv_interview_get_step (VvInterview *self)
{
  g_return_val_if_fail (VV_IS_INTERVIEW (self), 0);

  return self->step;
}

/**
 * vv_interview_get_finished:
 * @self: the interview
 *
 * Returns: %TRUE when the answers reach an outcome and no question is open
 */
gboolean
vv_interview_get_finished (VvInterview *self)
{
  g_return_val_if_fail (VV_IS_INTERVIEW (self), FALSE);

  return self->result != NULL && self->current_node == NULL;
}

/**
 * vv_interview_get_editing:
 * @self: the interview
 *
 * Returns: %TRUE while an answered question is reopened
 */
gboolean
vv_interview_get_editing (VvInterview *self)
{
  g_return_val_if_fail (VV_IS_INTERVIEW (self), FALSE);

  return self->edit_node != NULL;
}

/**
 * vv_interview_get_edit_node:
 * @self: the interview
 *
 * Returns: (nullable): the reopened question, or %NULL
 */
const char *
vv_interview_get_edit_node (VvInterview *self)
{
  g_return_val_if_fail (VV_IS_INTERVIEW (self), NULL);

  return self->edit_node;
}

/**
 * vv_interview_get_can_go_back:
 * @self: the interview
 *
 * Returns: %TRUE if vv_interview_back() would do something
 */
gboolean
vv_interview_get_can_go_back (VvInterview *self)
{
  g_return_val_if_fail (VV_IS_INTERVIEW (self), FALSE);

  return self->edit_node != NULL || self->answered->len > 0;
}

/**
 * vv_interview_get_can_reset:
 * @self: the interview
 *
 * Returns: %TRUE if there are answers to clear
 */
gboolean
vv_interview_get_can_reset (VvInterview *self)
{
  g_return_val_if_fail (VV_IS_INTERVIEW (self), FALSE);

  return json_object_get_size (self->answers) > 0;
}

/**
 * vv_interview_get_can_undo_reset:
 * @self: the interview
 *
 * Returns: %TRUE if the last reset can be undone (nothing was answered since)
 */
gboolean
vv_interview_get_can_undo_reset (VvInterview *self)
{
  g_return_val_if_fail (VV_IS_INTERVIEW (self), FALSE);

  return self->undo != NULL;
}

/**
 * vv_interview_get_result:
 * @self: the interview
 *
 * Returns: (transfer none) (nullable): the classification of the answers
 *   (outcome "needs_answer" while questions remain), valid until the next
 *   notify::result
 */
const VvResult *
vv_interview_get_result (VvInterview *self)
{
  g_return_val_if_fail (VV_IS_INTERVIEW (self), NULL);

  return self->result;
}

/**
 * vv_interview_get_n_classifications:
 * @self: the interview
 *
 * Returns: how many times the answers were classified (for tests: once per
 *   change)
 */
guint
vv_interview_get_n_classifications (VvInterview *self)
{
  g_return_val_if_fail (VV_IS_INTERVIEW (self), 0);

  return self->n_classifications;
}

/**
 * vv_interview_answer:
 * @self: the interview
 * @fact_id: a fact id
 * @value: the answer as text: a value id, "true"/"false" or a number
 * @error: return location for a #GError
 *
 * Records an answer and moves on. Answers to later questions are kept and
 * count again wherever the new path reaches them.
 *
 * Returns: %TRUE if the answer is valid
 */
gboolean
vv_interview_answer (VvInterview  *self,
                     const char   *fact_id,
                     const char   *value,
                     GError      **error)
{
  const VvFact *fact;
  JsonNode *node = NULL;

  g_return_val_if_fail (VV_IS_INTERVIEW (self), FALSE);
  g_return_val_if_fail (fact_id != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  fact = vv_rules_lookup_fact (self->rules, fact_id);
  if (fact == NULL)
    {
      g_set_error (error, VV_INTERVIEW_ERROR, VV_INTERVIEW_ERROR_UNKNOWN_FACT,
                   _("Unknown question “%s”"), fact_id);
      return FALSE;
    }
  if (!_vv_interview_parse_value (self, fact, value, &node, error))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  json_object_set_member (self->answers, fact_id, node);
  g_clear_pointer (&self->edit_node, g_free);
  _vv_interview_clear_undo (self);
  answers_changed (self);
  _vv_interview_evaluate (self, TRUE, NULL);
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

/**
 * vv_interview_edit:
 * @self: the interview
 * @node_id: an answered question on the current path
 * @error: return location for a #GError
 *
 * Reopens that question so its answer can be changed; the other answers
 * stay. vv_interview_cancel_edit() leaves it unchanged.
 *
 * Returns: %TRUE if the question is answered and on the path
 */
gboolean
vv_interview_edit (VvInterview  *self,
                   const char   *node_id,
                   GError      **error)
{
  g_return_val_if_fail (VV_IS_INTERVIEW (self), FALSE);
  g_return_val_if_fail (node_id != NULL, FALSE);

  if (!vv_interview_is_answered (self, node_id))
    {
      g_set_error (error, VV_INTERVIEW_ERROR, VV_INTERVIEW_ERROR_NOT_ON_PATH,
                   _("That question is not on the path of your answers"));
      return FALSE;
    }
  if (g_strcmp0 (self->edit_node, node_id) == 0)
    return TRUE;
  g_free (self->edit_node);
  self->edit_node = g_strdup (node_id);
  _vv_interview_evaluate (self, FALSE, NULL);
  return TRUE;
}

/**
 * vv_interview_cancel_edit:
 * @self: the interview
 *
 * Closes a reopened question without changing its answer.
 */
void
vv_interview_cancel_edit (VvInterview *self)
{
  g_return_if_fail (VV_IS_INTERVIEW (self));

  if (self->edit_node == NULL)
    return;
  g_clear_pointer (&self->edit_node, g_free);
  _vv_interview_evaluate (self, FALSE, NULL);
}

/**
 * vv_interview_back:
 * @self: the interview
 *
 * Closes a reopened question, or takes back the last answer on the path.
 */
void
vv_interview_back (VvInterview *self)
{
  const VvInterviewAnswer *last;

  g_return_if_fail (VV_IS_INTERVIEW (self));

  if (self->edit_node != NULL)
    {
      vv_interview_cancel_edit (self);
      return;
    }
  if (self->answered->len == 0)
    return;
  last = g_ptr_array_index (self->answered, self->answered->len - 1);
  g_object_freeze_notify (G_OBJECT (self));
  json_object_remove_member (self->answers, last->fact->id);
  answers_changed (self);
  _vv_interview_evaluate (self, TRUE, NULL);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * vv_interview_step:
 * @self: the interview
 * @direction: 1 for the next answered question, -1 for the previous
 *
 * Walks through the answered questions (presentation mode): reopens the
 * previous or next one; stepping past the last closes it.
 *
 * Returns: %TRUE if the interview moved
 */
gboolean
vv_interview_step (VvInterview *self,
                   int          direction)
{
  int index = -1;

  g_return_val_if_fail (VV_IS_INTERVIEW (self), FALSE);

  if (self->answered->len == 0)
    return FALSE;
  if (self->edit_node != NULL)
    {
      for (guint i = 0; i < self->answered->len; i++)
        {
          const VvInterviewAnswer *a = g_ptr_array_index (self->answered, i);

          if (g_str_equal (a->node_id, self->edit_node))
            index = i;
        }
    }
  else
    index = self->answered->len;

  index += direction;
  if (index < 0 || (self->edit_node == NULL && (guint) index >= self->answered->len))
    return FALSE;
  g_clear_pointer (&self->edit_node, g_free);
  if ((guint) index < self->answered->len)
    self->edit_node = g_strdup (((VvInterviewAnswer *) g_ptr_array_index (self->answered, index))->node_id);
  _vv_interview_evaluate (self, FALSE, NULL);
  return TRUE;
}

/**
 * vv_interview_reset:
 * @self: the interview
 *
 * Clears every answer and forgets the saved case; vv_interview_undo_reset()
 * brings them back until the next answer.
 */
void
vv_interview_reset (VvInterview *self)
{
  Snapshot *snapshot;

  g_return_if_fail (VV_IS_INTERVIEW (self));

  if (!vv_interview_get_can_reset (self) && self->edit_node == NULL && self->case_id == 0)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  snapshot = g_new0 (Snapshot, 1);
  snapshot->answers = g_steal_pointer (&self->answers);
  snapshot->case_id = self->case_id;
  snapshot->title = g_strdup (self->title);
  snapshot->saved = self->saved;
  snapshot->decided_version = g_strdup (self->decided_version);
  snapshot->result_changed = self->result_changed;
  snapshot->rules_note = g_strdup (self->rules_note);
  g_clear_pointer (&self->undo, snapshot_free);
  self->undo = snapshot;
  g_object_notify_by_pspec (G_OBJECT (self), _vv_interview_properties[PROP_CAN_UNDO_RESET]);

  self->answers = json_object_new ();
  g_clear_pointer (&self->edit_node, g_free);
  _vv_interview_set_case_id (self, 0);
  _vv_interview_set_string (self, &self->title, NULL, PROP_TITLE);
  _vv_interview_set_rules_note (self, NULL, FALSE, NULL);
  _vv_interview_set_saved (self, FALSE);
  _vv_interview_evaluate (self, TRUE, NULL);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * vv_interview_undo_reset:
 * @self: the interview
 *
 * Brings back the answers (and the saved case) the last reset cleared.
 *
 * Returns: %TRUE if there was a reset to undo
 */
gboolean
vv_interview_undo_reset (VvInterview *self)
{
  g_autoptr(Snapshot) snapshot = NULL;

  g_return_val_if_fail (VV_IS_INTERVIEW (self), FALSE);

  if (self->undo == NULL)
    return FALSE;
  snapshot = g_steal_pointer (&self->undo);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), _vv_interview_properties[PROP_CAN_UNDO_RESET]);
  g_clear_pointer (&self->answers, json_object_unref);
  self->answers = g_steal_pointer (&snapshot->answers);
  g_clear_pointer (&self->edit_node, g_free);
  _vv_interview_set_case_id (self, snapshot->case_id);
  _vv_interview_set_string (self, &self->title, snapshot->title, PROP_TITLE);
  _vv_interview_set_rules_note (self, snapshot->decided_version, snapshot->result_changed, snapshot->rules_note);
  _vv_interview_set_saved (self, snapshot->saved);
  _vv_interview_evaluate (self, TRUE, NULL);
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

/**
 * vv_interview_get_answers:
 * @self: the interview
 *
 * Returns: (transfer none) (element-type VvInterviewAnswer): the answered
 *   questions on the path, in order; valid until the next ::changed
 */
GPtrArray *
vv_interview_get_answers (VvInterview *self)
{
  g_return_val_if_fail (VV_IS_INTERVIEW (self), NULL);

  return self->answered;
}

/**
 * vv_interview_is_answered:
 * @self: the interview
 * @node_id: a node id
 *
 * Returns: %TRUE if @node_id is an answered question on the current path
 */
gboolean
vv_interview_is_answered (VvInterview *self,
                          const char  *node_id)
{
  g_return_val_if_fail (VV_IS_INTERVIEW (self), FALSE);

  for (guint i = 0; node_id != NULL && i < self->answered->len; i++)
    if (g_str_equal (((VvInterviewAnswer *) g_ptr_array_index (self->answered, i))->node_id, node_id))
      return TRUE;
  return FALSE;
}

/**
 * vv_interview_dup_facts:
 * @self: the interview
 *
 * Returns: (transfer full): the answers on the current path
 */
JsonObject *
vv_interview_dup_facts (VvInterview *self)
{
  JsonObject *facts;

  g_return_val_if_fail (VV_IS_INTERVIEW (self), NULL);

  facts = json_object_new ();
  for (guint i = 0; i < self->answered->len; i++)
    {
      const VvInterviewAnswer *a = g_ptr_array_index (self->answered, i);

      if (!json_object_has_member (facts, a->fact->id))
        json_object_set_member (facts, a->fact->id,
                                json_node_copy (json_object_get_member (self->answers, a->fact->id)));
    }
  return facts;
}

/**
 * vv_interview_dup_path:
 * @self: the interview
 *
 * Returns: (transfer full): the node ids from the start down to the current
 *   question, or to the outcome
 */
GStrv
vv_interview_dup_path (VvInterview *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (VV_IS_INTERVIEW (self), NULL);

  for (guint i = 0; self->result != NULL && i < self->result->path->len; i++)
    {
      const char *id = g_ptr_array_index (self->result->path, i);

      g_strv_builder_add (builder, id);
      if (g_strcmp0 (id, self->current_node) == 0)
        break;
    }
  return g_strv_builder_end (builder);
}

/**
 * vv_interview_dup_summary:
 * @self: the interview
 *
 * Returns: (transfer full) (nullable): the answers and the result as plain
 *   text with the quoted rules, or %NULL while questions remain
 */
char *
vv_interview_dup_summary (VvInterview *self)
{
  g_autoptr(GString) s = NULL;
  g_autofree char *result_text = NULL;
  g_autofree char *year = NULL;

  g_return_val_if_fail (VV_IS_INTERVIEW (self), NULL);

  if (!vv_interview_get_finished (self))
    return NULL;

  s = g_string_new (NULL);
  year = g_strdup_printf (_("Accounting year %d"), self->year);
  g_string_append_printf (s, "%s\n\n%s\n", year, _("Answers:"));
  for (guint i = 0; i < self->answered->len; i++)
    {
      const VvInterviewAnswer *a = g_ptr_array_index (self->answered, i);

      g_string_append_printf (s, "  %s %s\n", vv_rules_tr (a->fact->question), a->label);
    }
  result_text = vv_result_to_text (self->rules, self->result);
  g_string_append_printf (s, "\n%s", result_text);
  return g_string_free (g_steal_pointer (&s), FALSE);
}
