/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-classifier"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vv-classifier.h"

G_DEFINE_QUARK (vv-classify-error-quark, vv_classify_error)

static void
why_not_free (VvWhyNot *w)
{
  g_free (w->function);
  g_free (w->because);
  g_free (w);
}

/**
 * vv_result_new:
 * @year: the accounting year
 *
 * An empty result, for code that decides outside the decision graph (the
 * unit guide).
 *
 * Returns: (transfer full): the result
 */
VvResult *
vv_result_new (int year)
{
  VvResult *r = g_new0 (VvResult, 1);

  r->year = year;
  r->allocations = g_array_new (FALSE, TRUE, sizeof (VvAllocation));
  r->alternatives = g_ptr_array_new_with_free_func (g_free);
  r->rules = g_ptr_array_new_with_free_func (g_free);
  r->missing = g_ptr_array_new_with_free_func (g_free);
  r->path = g_ptr_array_new_with_free_func (g_free);
  r->why_not = g_ptr_array_new_with_free_func ((GDestroyNotify) why_not_free);
  r->advice = g_ptr_array_new_with_free_func (g_free);
  r->warnings = g_ptr_array_new_with_free_func (g_free);
  return r;
}

/**
 * vv_result_free:
 * @result: (transfer full): a #VvResult
 *
 * Frees a classification result.
 */
void
vv_result_free (VvResult *result)
{
  if (result == NULL)
    return;
  g_free (result->outcome);
  g_array_unref (result->allocations);
  g_ptr_array_unref (result->alternatives);
  g_ptr_array_unref (result->rules);
  g_ptr_array_unref (result->missing);
  g_ptr_array_unref (result->path);
  g_ptr_array_unref (result->why_not);
  g_ptr_array_unref (result->advice);
  g_ptr_array_unref (result->warnings);
  g_free (result->explanation);
  g_free (result->outcome_node);
  g_free (result->field_error);
  g_free (result);
}

static gboolean
str_array_contains (GPtrArray *array, const char *s)
{
  for (guint i = 0; i < array->len; i++)
    if (g_strcmp0 (g_ptr_array_index (array, i), s) == 0)
      return TRUE;
  return FALSE;
}

static void
add_unique (GPtrArray *array, const char *s)
{
  if (s != NULL && !str_array_contains (array, s))
    g_ptr_array_add (array, g_strdup (s));
}

static void
add_rules (GPtrArray *array, GStrv rules)
{
  for (guint i = 0; rules != NULL && rules[i] != NULL; i++)
    add_unique (array, rules[i]);
}

/* Checks one fact against the rule data. Returns the value as a string
 * ("true"/"false" for booleans, decimal for integers). */
static char *
check_fact (VvRules     *rules,
            const VvFact *fact,
            JsonNode    *node,
            GError     **error)
{
  GType type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  switch (fact->type)
    {
    case VV_FACT_ENUM:
      {
        g_autoptr(GString) allowed = g_string_new (NULL);
        const char *value;

        for (guint i = 0; i < fact->values->len; i++)
          {
            VvFactValue *v = g_ptr_array_index (fact->values, i);

            g_string_append_printf (allowed, "%s%s", i ? ", " : "", v->id);
          }
        if (type != G_TYPE_STRING)
          {
            g_set_error (error, VV_CLASSIFY_ERROR, VV_CLASSIFY_ERROR_WRONG_TYPE,
                         _("must be a text value, one of: %s"), allowed->str);
            return NULL;
          }
        value = json_node_get_string (node);
        if (vv_rules_lookup_fact_value (rules, fact->id, value) == NULL)
          {
            g_set_error (error, VV_CLASSIFY_ERROR, VV_CLASSIFY_ERROR_UNKNOWN_VALUE,
                         _("unknown value “%s”; expected one of: %s"), value, allowed->str);
            return NULL;
          }
        return g_strdup (value);
      }

    case VV_FACT_BOOLEAN:
      if (type != G_TYPE_BOOLEAN)
        {
          g_set_error_literal (error, VV_CLASSIFY_ERROR, VV_CLASSIFY_ERROR_WRONG_TYPE,
                               _("must be true or false"));
          return NULL;
        }
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");

    case VV_FACT_INTEGER:
      {
        gint64 v;

        if (type != G_TYPE_INT64)
          {
            g_set_error_literal (error, VV_CLASSIFY_ERROR, VV_CLASSIFY_ERROR_WRONG_TYPE,
                                 _("must be a whole number"));
            return NULL;
          }
        v = json_node_get_int (node);
        if (v < fact->min || v > fact->max)
          {
            g_set_error (error, VV_CLASSIFY_ERROR, VV_CLASSIFY_ERROR_OUT_OF_RANGE,
                         _("%lld is out of range (%lld–%lld)"),
                         (long long) v, (long long) fact->min, (long long) fact->max);
            return NULL;
          }
        return g_strdup_printf ("%" G_GINT64_FORMAT, v);
      }

    default:
      g_assert_not_reached ();
    }
  return NULL;
}

static const VvBranch *
find_branch (const VvNode *node, const VvFact *fact, const char *value)
{
  for (guint i = 0; i < node->branches->len; i++)
    {
      const VvBranch *b = g_ptr_array_index (node->branches, i);

      if (fact->type == VV_FACT_INTEGER)
        {
          gint64 v = g_ascii_strtoll (value, NULL, 10);

          if (v >= b->min && v <= b->max)
            return b;
        }
      else if (b->values != NULL && g_strv_contains ((const char * const *) b->values, value))
        return b;
    }
  return NULL;
}

/* A refinement applies when its fact is known (given, not a default) and
 * matches. */
static gboolean
refine_matches (VvRules        *rules,
                const VvRefine *refine,
                GHashTable     *values)
{
  const VvFact *fact = vv_rules_lookup_fact (rules, refine->fact);
  const char *value = g_hash_table_lookup (values, refine->fact);

  if (fact == NULL || value == NULL)
    return FALSE;
  if (fact->type == VV_FACT_INTEGER)
    {
      gint64 v = g_ascii_strtoll (value, NULL, 10);

      return v >= refine->min && v <= refine->max;
    }
  return refine->values != NULL && g_strv_contains ((const char * const *) refine->values, value);
}

/* --- Goal-driven questions ------------------------------------------------
 * A question is worth asking only if some answer to it can still change the
 * outcome. The outcome, for this purpose, is what is booked: the kind of
 * outcome and the functions (after the year rules) with their alternatives.
 * From a node, with the facts known so far, every outcome still reachable is
 * collected by trying each value of each unknown fact (integer facts: each
 * boundary any question on that fact uses), keeping a fact's value once
 * chosen. One reachable outcome means no answer from here on matters. */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static char *
outcome_signature (VvRules      *rules,
                   const VvNode *node,
                   int           year)
{
  g_autoptr(GPtrArray) functions = g_ptr_array_new ();
  g_autoptr(GPtrArray) alternatives = g_ptr_array_new ();
  g_autoptr(GString) s = g_string_new (node->outcome);

  for (guint i = 0; i < node->allocations->len; i++)
    {
      VvRuleAllocation *a = g_ptr_array_index (node->allocations, i);
      const char *mapped = vv_rules_map_function_for_year (rules, a->function, year, NULL);

      if (!g_ptr_array_find_with_equal_func (functions, mapped, g_str_equal, NULL))
        g_ptr_array_add (functions, (gpointer) mapped);
    }
  for (guint i = 0; node->alternatives != NULL && node->alternatives[i] != NULL; i++)
    {
      const char *mapped = vv_rules_map_function_for_year (rules, node->alternatives[i], year, NULL);

      if (!g_ptr_array_find_with_equal_func (functions, mapped, g_str_equal, NULL) &&
          !g_ptr_array_find_with_equal_func (alternatives, mapped, g_str_equal, NULL))
        g_ptr_array_add (alternatives, (gpointer) mapped);
    }
  g_ptr_array_sort (functions, compare_strings);
  g_ptr_array_sort (alternatives, compare_strings);
  for (guint i = 0; i < functions->len; i++)
    g_string_append_printf (s, " %s", (char *) g_ptr_array_index (functions, i));
  for (guint i = 0; i < alternatives->len; i++)
    g_string_append_printf (s, " alt:%s", (char *) g_ptr_array_index (alternatives, i));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The values worth trying for an unknown fact. */
static GPtrArray *
candidate_values (VvRules      *rules,
                  const VvFact *fact)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  if (fact->type != VV_FACT_INTEGER)
    {
      for (guint i = 0; i < fact->values->len; i++)
        g_ptr_array_add (out, g_strdup (((VvFactValue *) g_ptr_array_index (fact->values, i))->id));
      return out;
    }
  g_ptr_array_add (out, g_strdup_printf ("%" G_GINT64_FORMAT, fact->min));
  for (guint i = 0; i < vv_rules_get_nodes (rules)->len; i++)
    {
      const VvNode *n = g_ptr_array_index (vv_rules_get_nodes (rules), i);

      if (n->kind != VV_NODE_QUESTION || g_strcmp0 (n->fact, fact->id) != 0)
        continue;
      for (guint j = 0; j < n->branches->len; j++)
        {
          const VvBranch *b = g_ptr_array_index (n->branches, j);
          g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT, b->min);

          if (!g_ptr_array_find_with_equal_func (out, v, g_str_equal, NULL))
            g_ptr_array_add (out, g_steal_pointer (&v));
        }
    }
  return out;
}

/* Adds the signatures of the outcomes reachable from @node to @found (at
 * most @limit of them); @first gets the first outcome node met. */
static void
collect_outcomes (VvRules       *rules,
                  int            year,
                  const VvNode  *node,
                  GHashTable    *values,
                  GHashTable    *found,
                  guint          limit,
                  const VvNode **first)
{
  const VvFact *fact;
  const char *value;
  g_autoptr(GPtrArray) candidates = NULL;

  if (g_hash_table_size (found) >= limit)
    return;
  if (node->kind == VV_NODE_OUTCOME)
    {
      if (first != NULL && *first == NULL)
        *first = node;
      g_hash_table_add (found, outcome_signature (rules, node, year));
      return;
    }
  fact = vv_rules_lookup_fact (rules, node->fact);
  value = g_hash_table_lookup (values, fact->id);
  if (value == NULL)
    value = fact->default_value;
  if (value != NULL)
    {
      const VvBranch *b = find_branch (node, fact, value);

      if (b != NULL)
        collect_outcomes (rules, year, vv_rules_lookup_node (rules, b->next), values, found, limit, first);
      return;
    }
  candidates = candidate_values (rules, fact);
  for (guint i = 0; i < candidates->len; i++)
    {
      const char *v = g_ptr_array_index (candidates, i);
      const VvBranch *b = find_branch (node, fact, v);

      if (b == NULL)
        continue;
      g_hash_table_insert (values, fact->id, g_strdup (v));
      collect_outcomes (rules, year, vv_rules_lookup_node (rules, b->next), values, found, limit, first);
      g_hash_table_remove (values, fact->id);
    }
}

static void
add_allocation (GArray *allocations, const char *function, int percent)
{
  VvAllocation a = { 0 };

  if (percent <= 0)
    return;
  for (guint i = 0; i < allocations->len; i++)
    {
      VvAllocation *existing = &g_array_index (allocations, VvAllocation, i);

      if (g_str_equal (existing->function, function))
        {
          existing->percent += percent;
          return;
        }
    }
  g_strlcpy (a.function, function, sizeof a.function);
  a.percent = percent;
  g_array_append_val (allocations, a);
}

static gboolean
allocations_contain (GArray *allocations, const char *function)
{
  for (guint i = 0; i < allocations->len; i++)
    if (g_str_equal (g_array_index (allocations, VvAllocation, i).function, function))
      return TRUE;
  return FALSE;
}

static void
finish_outcome (VvRules      *rules,
                VvResult     *r,
                const VvNode *node,
                GHashTable   *values)
{
  g_autoptr(GArray) raw = g_array_new (FALSE, TRUE, sizeof (VvAllocation));
  g_autoptr(GPtrArray) applied_years = g_ptr_array_new ();
  g_autoptr(GString) explanation = g_string_new (vv_rules_tr (node->explanation));
  int fixed = 0;

  r->outcome_node = g_strdup (node->id);

  /* Percentages before the year rules */
  for (guint i = 0; i < node->allocations->len; i++)
    {
      VvRuleAllocation *a = g_ptr_array_index (node->allocations, i);

      if (a->percent_fact != NULL)
        fixed += (int) g_ascii_strtoll (g_hash_table_lookup (values, a->percent_fact), NULL, 10);
      else if (!a->percent_rest)
        fixed += a->percent;
    }
  for (guint i = 0; i < node->allocations->len; i++)
    {
      VvRuleAllocation *a = g_ptr_array_index (node->allocations, i);
      int percent;

      if (a->percent_rest)
        percent = 100 - fixed;
      else if (a->percent_fact != NULL)
        percent = (int) g_ascii_strtoll (g_hash_table_lookup (values, a->percent_fact), NULL, 10);
      else
        percent = a->percent;
      add_allocation (raw, a->function, percent);
    }

  /* Effective dates: e.g. 257/258 are booked on 254 until 2023 */
  for (guint i = 0; i < raw->len; i++)
    {
      VvAllocation *a = &g_array_index (raw, VvAllocation, i);
      const VvYearRule *applied = NULL;
      const char *mapped = vv_rules_map_function_for_year (rules, a->function, r->year, &applied);

      add_allocation (r->allocations, mapped, a->percent);
      if (applied != NULL && !g_ptr_array_find (applied_years, applied, NULL))
        g_ptr_array_add (applied_years, (gpointer) applied);
    }
  for (guint i = 0; node->alternatives != NULL && node->alternatives[i] != NULL; i++)
    {
      const char *mapped = vv_rules_map_function_for_year (rules, node->alternatives[i], r->year, NULL);

      if (!allocations_contain (r->allocations, mapped))
        add_unique (r->alternatives, mapped);
    }

  if (g_str_equal (node->outcome, "outside_kostra"))
    r->outcome = g_strdup ("outside_kostra");
  else
    r->outcome = g_strdup (r->allocations->len > 1 ? "split" : "function");

  add_rules (r->rules, node->rules);
  for (guint i = 0; i < node->refine->len; i++)
    {
      const VvRefine *refine = g_ptr_array_index (node->refine, i);

      if (!refine_matches (rules, refine, values))
        continue;
      add_rules (r->rules, refine->rules);
      if (refine->explanation != NULL)
        {
          g_string_append_c (explanation, ' ');
          g_string_append (explanation, vv_rules_tr (refine->explanation));
        }
      for (guint j = 0; refine->advice != NULL && refine->advice[j] != NULL; j++)
        g_ptr_array_add (r->advice, g_strdup (vv_rules_tr (refine->advice[j])));
    }
  for (guint i = 0; i < applied_years->len; i++)
    {
      const VvYearRule *y = g_ptr_array_index (applied_years, i);

      add_unique (r->rules, y->rule);
      if (y->explanation != NULL)
        {
          /* The rule data is not a format string: only "%d" (the year) is expanded. */
          g_autoptr(GString) text = g_string_new (vv_rules_tr (y->explanation));
          g_autofree char *year = g_strdup_printf ("%d", r->year);

          g_string_replace (text, "%d", year, 0);
          g_string_append_c (explanation, ' ');
          g_string_append (explanation, text->str);
        }
    }
  r->explanation = g_string_free (g_steal_pointer (&explanation), FALSE);

  for (guint i = 0; i < node->why_not->len; i++)
    {
      VvWhyNot *w = g_ptr_array_index (node->why_not, i);
      const VvFunction *f = vv_rules_lookup_function (rules, w->function);
      VvWhyNot *copy;

      if (allocations_contain (r->allocations, w->function))
        continue;
      copy = g_new0 (VvWhyNot, 1);
      copy->function = g_strdup (w->function);
      if (f != NULL && !vv_rules_function_valid_in_year (rules, w->function, r->year))
        {
          if (f->valid_from != 0 && r->year < f->valid_from)
            copy->because = g_strdup_printf (_("Function %s is only in use from the accounting year %d."),
                                             f->code, f->valid_from);
          else
            copy->because = g_strdup_printf (_("Function %s expired after the accounting year %d."),
                                             f->code, f->valid_to);
        }
      else
        copy->because = g_strdup (vv_rules_tr (w->because));
      g_ptr_array_add (r->why_not, copy);
    }
  for (guint i = 0; node->advice != NULL && node->advice[i] != NULL; i++)
    g_ptr_array_add (r->advice, g_strdup (vv_rules_tr (node->advice[i])));
}

/* No answer to @node's question, nor to any after it, can change what is
 * booked (e.g. in 2023 every adult home service is 254): the result is that
 * outcome, explained by the year rule, without claiming the answers not given. */
static void
finish_collapsed (VvRules      *rules,
                  VvResult     *r,
                  const VvNode *node,
                  const VvNode *outcome,
                  GHashTable   *values)
{
  g_autoptr(GPtrArray) branch_rules = g_steal_pointer (&r->rules);
  g_autoptr(GString) explanation = g_string_new (NULL);
  GPtrArray *year_rules = vv_rules_get_year_rules (rules);

  r->rules = g_ptr_array_new_with_free_func (g_free);
  finish_outcome (rules, r, outcome, values);
  g_clear_pointer (&r->outcome_node, g_free);

  /* Keep what does not depend on the unanswered questions: the year rules
   * and the rules met on the way. */
  g_ptr_array_set_size (r->rules, 0);
  g_ptr_array_set_size (r->advice, 0);
  for (guint i = 0; i < year_rules->len; i++)
    {
      const VvYearRule *y = g_ptr_array_index (year_rules, i);

      if (r->year > y->until_year || (y->from_year != 0 && r->year < y->from_year))
        continue;
      add_unique (r->rules, y->rule);
      if (y->explanation != NULL)
        {
          g_autoptr(GString) text = g_string_new (vv_rules_tr (y->explanation));
          g_autofree char *year = g_strdup_printf ("%d", r->year);

          g_string_replace (text, "%d", year, 0);
          g_string_append_printf (explanation, "%s ", text->str);
        }
    }
  add_rules (r->rules, node->rules);
  for (guint i = 0; i < branch_rules->len; i++)
    add_unique (r->rules, g_ptr_array_index (branch_rules, i));
  g_string_append_printf (explanation, _("The remaining questions (%s, …) cannot change the function for the accounting year %d, so the guide does not ask them."),
                          vv_rules_tr (vv_rules_lookup_fact (rules, node->fact)->label), r->year);
  g_free (r->explanation);
  r->explanation = g_string_free (g_steal_pointer (&explanation), FALSE);

  /* Only the reasons that hold whatever the answers: functions not in use this year. */
  for (guint i = r->why_not->len; i > 0; i--)
    {
      VvWhyNot *w = g_ptr_array_index (r->why_not, i - 1);

      if (vv_rules_function_valid_in_year (rules, w->function, r->year))
        g_ptr_array_remove_index (r->why_not, i - 1);
    }
}

/**
 * vv_classify_check_fact:
 * @rules: the rule data
 * @fact_id: a fact id
 * @value: its JSON value
 * @error: return location for a #GError
 *
 * Checks one fact's value against the rule data (type, known value, range).
 *
 * Returns: (transfer full) (nullable): the value as a string ("true"/"false"
 *   for booleans, decimal for integers), or %NULL with @error set; %NULL
 *   without error for an unknown fact
 */
char *
vv_classify_check_fact (VvRules     *rules,
                        const char  *fact_id,
                        JsonNode    *value,
                        GError     **error)
{
  const VvFact *fact = vv_rules_lookup_fact (rules, fact_id);

  if (fact == NULL)
    return NULL;
  return check_fact (rules, fact, value, error);
}

/**
 * vv_classify:
 * @rules: the rule data
 * @year: the accounting year
 * @facts: the case facts (fact id → JSON value)
 * @error: return location for a #GError
 *
 * Walks the decision graph from its start with the given facts. A fact the
 * path needs but @facts lacks ends the walk with outcome "needs_answer"
 * naming it, never a guess. Unknown facts are ignored with a warning; a
 * known fact with a wrong type or value is an error naming the fact
 * (`error->message` is the reason; the fact id is in the result's
 * field_error of the caller's choosing).
 *
 * Returns: (transfer full) (nullable): the result, or %NULL with @error set
 */
VvResult *
vv_classify (VvRules     *rules,
             int          year,
             JsonObject  *facts,
             GError     **error)
{
  g_autoptr(VvResult) r = NULL;
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GList) members = NULL;
  const VvNode *node;
  guint steps = 0;

  g_return_val_if_fail (VV_IS_RULES (rules), NULL);
  g_return_val_if_fail (facts != NULL, NULL);

  if (year < vv_rules_get_min_year (rules) || year > vv_rules_get_max_year (rules))
    {
      g_set_error (error, VV_CLASSIFY_ERROR, VV_CLASSIFY_ERROR_YEAR,
                   _("the year %d is outside the years the rules cover (%d–%d)"),
                   year, vv_rules_get_min_year (rules), vv_rules_get_max_year (rules));
      return NULL;
    }

  r = vv_result_new (year);

  members = json_object_get_members (facts);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      const VvFact *fact = vv_rules_lookup_fact (rules, name);
      JsonNode *node_value = json_object_get_member (facts, name);
      g_autoptr(GError) local_error = NULL;
      char *value;

      if (fact == NULL)
        {
          g_ptr_array_add (r->warnings, g_strdup_printf (_("unknown fact “%s” ignored"), name));
          continue;
        }
      if (JSON_NODE_HOLDS_NULL (node_value))
        continue;
      value = check_fact (rules, fact, node_value, &local_error);
      if (value == NULL)
        {
          g_set_error (error, VV_CLASSIFY_ERROR, local_error->code, "%s: %s", name, local_error->message);
          return NULL;
        }
      g_hash_table_insert (values, fact->id, value);
    }

  node = vv_rules_lookup_node (rules, vv_rules_get_start (rules));
  while (node != NULL && node->kind == VV_NODE_QUESTION)
    {
      const VvFact *fact = vv_rules_lookup_fact (rules, node->fact);
      const char *value = g_hash_table_lookup (values, fact->id);
      const VvBranch *branch;

      g_ptr_array_add (r->path, g_strdup (node->id));
      if (value == NULL && fact->default_value != NULL)
        {
          g_hash_table_insert (values, fact->id, g_strdup (fact->default_value));
          value = fact->default_value;
        }
      if (value == NULL)
        {
          g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          const VvNode *first = NULL;

          collect_outcomes (rules, year, node, values, found, 2, &first);
          if (g_hash_table_size (found) == 1)
            {
              finish_collapsed (rules, r, node, first, values);
              return g_steal_pointer (&r);
            }
          r->outcome = g_strdup ("needs_answer");
          g_ptr_array_add (r->missing, g_strdup (fact->id));
          r->explanation = g_strdup_printf (_("The guide needs one more answer: %s"),
                                            vv_rules_tr (fact->question));
          add_rules (r->rules, node->rules);
          return g_steal_pointer (&r);
        }
      branch = find_branch (node, fact, value);
      if (branch == NULL || ++steps > 1000)
        {
          /* vv_rules_validate() makes this impossible for loaded rules */
          g_set_error (error, VV_CLASSIFY_ERROR, VV_CLASSIFY_ERROR_RULES,
                       "rule data: node %s has no branch for %s = %s", node->id, fact->id, value);
          return NULL;
        }
      add_rules (r->rules, branch->rules);
      node = vv_rules_lookup_node (rules, branch->next);
    }

  g_assert (node != NULL);
  g_ptr_array_add (r->path, g_strdup (node->id));
  {
    /* Outcome rules come first in the list; branch rules follow. */
    g_autoptr(GPtrArray) branch_rules = g_steal_pointer (&r->rules);

    r->rules = g_ptr_array_new_with_free_func (g_free);
    finish_outcome (rules, r, node, values);
    for (guint i = 0; i < branch_rules->len; i++)
      add_unique (r->rules, g_ptr_array_index (branch_rules, i));
  }
  return g_steal_pointer (&r);
}

static JsonNode *
citation_to_json (const VvCitation *c)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *lines = g_strdup_printf ("%u-%u", c->line_from, c->line_to);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, c->id);
  json_builder_set_member_name (b, "source");
  json_builder_add_string_value (b, c->source);
  json_builder_set_member_name (b, "document");
  json_builder_add_string_value (b, c->document);
  json_builder_set_member_name (b, "lines");
  json_builder_add_string_value (b, lines);
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, c->text);
  if (c->summary != NULL)
    {
      json_builder_set_member_name (b, "summary");
      json_builder_add_string_value (b, vv_rules_tr (c->summary));
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
add_string_array (JsonBuilder *b, const char *name, GPtrArray *array)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < array->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (array, i));
  json_builder_end_array (b);
}

/**
 * vv_result_to_json:
 * @rules: the rule data the result was decided under
 * @result: a #VvResult
 *
 * Builds the `veiviser-result/1` document of case-format.md.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
vv_result_to_json (VvRules  *rules,
                   VvResult *result)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (VV_IS_RULES (rules), NULL);
  g_return_val_if_fail (result != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, "veiviser-result/1");
  json_builder_set_member_name (b, "outcome");
  json_builder_add_string_value (b, result->outcome);
  json_builder_set_member_name (b, "year");
  json_builder_add_int_value (b, result->year);
  json_builder_set_member_name (b, "allocations");
  json_builder_begin_array (b);
  for (guint i = 0; i < result->allocations->len; i++)
    {
      VvAllocation *a = &g_array_index (result->allocations, VvAllocation, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "function");
      json_builder_add_string_value (b, a->function);
      json_builder_set_member_name (b, "percent");
      json_builder_add_int_value (b, a->percent);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_string_array (b, "alternatives", result->alternatives);
  add_string_array (b, "rules", result->rules);
  json_builder_set_member_name (b, "citations");
  json_builder_begin_array (b);
  for (guint i = 0; i < result->rules->len; i++)
    {
      const VvCitation *c = vv_rules_lookup_citation (rules, g_ptr_array_index (result->rules, i));

      if (c != NULL)
        json_builder_add_value (b, citation_to_json (c));
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "explanation");
  json_builder_add_string_value (b, result->explanation ? result->explanation : "");
  json_builder_set_member_name (b, "why_not");
  json_builder_begin_array (b);
  for (guint i = 0; i < result->why_not->len; i++)
    {
      VvWhyNot *w = g_ptr_array_index (result->why_not, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "function");
      json_builder_add_string_value (b, w->function);
      json_builder_set_member_name (b, "because");
      json_builder_add_string_value (b, w->because);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (g_str_equal (result->outcome, "needs_answer"))
    add_string_array (b, "missing", result->missing);
  add_string_array (b, "advice", result->advice);
  add_string_array (b, "path", result->path);
  if (result->warnings->len > 0)
    add_string_array (b, "warnings", result->warnings);
  json_builder_set_member_name (b, "rules_version");
  json_builder_add_string_value (b, vv_rules_get_version (rules));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static char *
allocations_text (VvRules *rules, VvResult *result)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < result->allocations->len; i++)
    {
      VvAllocation *a = &g_array_index (result->allocations, VvAllocation, i);
      const VvFunction *f = vv_rules_lookup_function (rules, a->function);

      g_string_append_printf (s, "  %s %s (%d %%)\n", a->function,
                              f ? vv_rules_tr (f->name) : "", a->percent);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/**
 * vv_result_summary:
 * @result: a #VvResult
 *
 * Returns: (transfer full): a one-line summary such as "257 70 % · 258 30 %"
 */
char *
vv_result_summary (VvResult *result)
{
  g_autoptr(GString) s = g_string_new (NULL);

  g_return_val_if_fail (result != NULL, NULL);

  if (g_str_equal (result->outcome, "needs_answer"))
    return g_strdup (_("More answers needed"));
  if (g_str_equal (result->outcome, "outside_kostra"))
    return g_strdup (_("Outside KOSTRA"));
  for (guint i = 0; i < result->allocations->len; i++)
    {
      VvAllocation *a = &g_array_index (result->allocations, VvAllocation, i);

      if (i > 0)
        g_string_append (s, " · ");
      if (result->allocations->len == 1)
        g_string_append (s, a->function);
      else
        g_string_append_printf (s, "%s %d %%", a->function, a->percent);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/**
 * vv_result_to_text:
 * @rules: the rule data
 * @result: a #VvResult
 *
 * A readable report in the current language: the function(s), the
 * explanation, why not the other function, advice and the quoted paragraphs.
 *
 * Returns: (transfer full): the text
 */
char *
vv_result_to_text (VvRules  *rules,
                   VvResult *result)
{
  g_autoptr(GString) s = g_string_new (NULL);

  g_return_val_if_fail (VV_IS_RULES (rules), NULL);
  g_return_val_if_fail (result != NULL, NULL);

  if (g_str_equal (result->outcome, "needs_answer"))
    {
      g_string_append_printf (s, "%s\n", result->explanation);
      for (guint i = 0; i < result->missing->len; i++)
        {
          const VvFact *f = vv_rules_lookup_fact (rules, g_ptr_array_index (result->missing, i));

          g_string_append_printf (s, "  %s: %s\n", (char *) g_ptr_array_index (result->missing, i),
                                  f ? vv_rules_tr (f->label) : "");
        }
      return g_string_free (g_steal_pointer (&s), FALSE);
    }

  if (g_str_equal (result->outcome, "outside_kostra"))
    g_string_append_printf (s, "%s\n", _("Outcome: outside KOSTRA"));
  else
    {
      g_autofree char *alloc = allocations_text (rules, result);

      g_string_append_printf (s, "%s\n%s",
                              result->allocations->len > 1 ? _("Functions (split):") : _("Function:"),
                              alloc);
    }
  if (result->alternatives->len > 0)
    {
      g_string_append_printf (s, "%s", _("Alternative:"));
      for (guint i = 0; i < result->alternatives->len; i++)
        {
          const char *code = g_ptr_array_index (result->alternatives, i);
          const VvFunction *f = vv_rules_lookup_function (rules, code);

          g_string_append_printf (s, " %s %s", code, f ? vv_rules_tr (f->name) : "");
        }
      g_string_append_c (s, '\n');
    }
  g_string_append_printf (s, "\n%s\n  %s\n", _("Why:"), result->explanation);
  for (guint i = 0; i < result->why_not->len; i++)
    {
      VvWhyNot *w = g_ptr_array_index (result->why_not, i);

      g_string_append_printf (s, "\n");
      g_string_append_printf (s, _("Why not %s:"), w->function);
      g_string_append_printf (s, "\n  %s\n", w->because);
    }
  for (guint i = 0; i < result->advice->len; i++)
    g_string_append_printf (s, "\n%s %s\n", _("Advice:"), (char *) g_ptr_array_index (result->advice, i));
  g_string_append_printf (s, "\n%s\n", _("Sources:"));
  for (guint i = 0; i < result->rules->len; i++)
    {
      const VvCitation *c = vv_rules_lookup_citation (rules, g_ptr_array_index (result->rules, i));

      if (c == NULL)
        continue;
      g_autofree char *lines = vv_citation_format_lines (c);

      g_string_append_printf (s, "  [%s] %s (%s, %s)\n    «%s»\n", c->id, c->source, c->document,
                              lines, c->text);
    }
  for (guint i = 0; i < result->warnings->len; i++)
    g_string_append_printf (s, "\n%s %s\n", _("Warning:"), (char *) g_ptr_array_index (result->warnings, i));
  return g_string_free (g_steal_pointer (&s), FALSE);
}
