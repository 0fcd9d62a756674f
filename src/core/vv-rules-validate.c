/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-rules"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "vv-rules-private.h"

/* helpers */

static gboolean
fail (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (GError    **error,
      const char *format,
      ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, VV_RULES_ERROR, VV_RULES_ERROR_INVALID, msg);
  return FALSE;
}

/* Validation: the graph must give every combination of answers exactly one
 * outcome. Each question's branches must partition the fact's domain. */

static gboolean
validate_citation_refs (VvRules *self, const char *where, GStrv rules, GError **error)
{
  for (guint i = 0; rules != NULL && rules[i] != NULL; i++)
    if (vv_rules_lookup_citation (self, rules[i]) == NULL)
      return fail (error, "%s: unknown citation “%s”", where, rules[i]);
  return TRUE;
}

static int
compare_branch_min (gconstpointer a, gconstpointer b)
{
  const VvBranch *x = *(const VvBranch **) a;
  const VvBranch *y = *(const VvBranch **) b;

  return (x->min > y->min) - (x->min < y->min);
}

static gboolean
validate_question (VvRules *self, VvNode *n, GError **error)
{
  const VvFact *fact = vv_rules_lookup_fact (self, n->fact);

  if (fact == NULL)
    return fail (error, "node %s: unknown fact “%s”", n->id, n->fact ? n->fact : "(none)");
  if (n->branches->len == 0)
    return fail (error, "node %s: a question without branches", n->id);

  for (guint i = 0; i < n->branches->len; i++)
    {
      VvBranch *b = g_ptr_array_index (n->branches, i);

      if (b->next == NULL || vv_rules_lookup_node (self, b->next) == NULL)
        return fail (error, "node %s: branch %u leads to unknown node “%s”", n->id, i,
                     b->next ? b->next : "(none)");
      if (g_strcmp0 (b->next, n->id) == 0)
        return fail (error, "node %s: branch %u loops to itself", n->id, i);
      if (!validate_citation_refs (self, n->id, b->rules, error))
        return FALSE;
    }

  if (fact->type == VV_FACT_INTEGER)
    {
      g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
      gint64 expect;

      for (guint i = 0; i < n->branches->len; i++)
        {
          VvBranch *b = g_ptr_array_index (n->branches, i);

          if (b->values != NULL || b->max < b->min)
            return fail (error, "node %s: branch %u needs an integer range (min ≤ max)", n->id, i);
          g_ptr_array_add (sorted, b);
        }
      g_ptr_array_sort (sorted, compare_branch_min);
      expect = fact->min;
      for (guint i = 0; i < sorted->len; i++)
        {
          VvBranch *b = g_ptr_array_index (sorted, i);

          if (b->min > expect)
            return fail (error, "node %s: gap: no branch for %s = %" G_GINT64_FORMAT,
                         n->id, fact->id, expect);
          if (b->min < expect)
            return fail (error, "node %s: overlap: %s = %" G_GINT64_FORMAT " has two branches",
                         n->id, fact->id, b->min);
          expect = b->max + 1;
        }
      if (expect != fact->max + 1)
        return fail (error, "node %s: gap or overflow at the top of %s (%" G_GINT64_FORMAT ")",
                     n->id, fact->id, expect);
    }
  else
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < n->branches->len; i++)
        {
          VvBranch *b = g_ptr_array_index (n->branches, i);

          if (b->values == NULL || b->values[0] == NULL)
            return fail (error, "node %s: branch %u has no values", n->id, i);
          for (guint j = 0; b->values[j] != NULL; j++)
            {
              if (vv_rules_lookup_fact_value (self, fact->id, b->values[j]) == NULL)
                return fail (error, "node %s: “%s” is not a value of %s", n->id, b->values[j], fact->id);
              if (!g_hash_table_add (seen, b->values[j]))
                return fail (error, "node %s: overlap: %s = %s has two branches",
                             n->id, fact->id, b->values[j]);
            }
        }
      for (guint i = 0; i < fact->values->len; i++)
        {
          VvFactValue *v = g_ptr_array_index (fact->values, i);

          if (!g_hash_table_contains (seen, v->id))
            return fail (error, "node %s: gap: no branch for %s = %s", n->id, fact->id, v->id);
        }
    }
  return TRUE;
}

static gboolean
validate_outcome (VvRules *self, VvNode *n, GError **error)
{
  int fixed = 0, rest = 0, from_fact = 0;

  if (!g_str_equal (n->outcome, "function") && !g_str_equal (n->outcome, "split") &&
      !g_str_equal (n->outcome, "outside_kostra"))
    return fail (error, "node %s: unknown outcome “%s”", n->id, n->outcome);
  if (n->explanation == NULL || *n->explanation == '\0')
    return fail (error, "node %s: an outcome needs an explanation", n->id);
  if (n->rules == NULL || n->rules[0] == NULL)
    return fail (error, "node %s: an outcome must cite at least one rule", n->id);
  if (g_str_equal (n->outcome, "outside_kostra"))
    {
      if (n->allocations->len != 0)
        return fail (error, "node %s: outside_kostra takes no allocations", n->id);
      return TRUE;
    }
  if (n->allocations->len == 0)
    return fail (error, "node %s: no allocations", n->id);
  for (guint i = 0; i < n->allocations->len; i++)
    {
      VvRuleAllocation *a = g_ptr_array_index (n->allocations, i);

      if (a->function == NULL || vv_rules_lookup_function (self, a->function) == NULL)
        return fail (error, "node %s: unknown function “%s”", n->id, a->function ? a->function : "");
      if (a->percent_rest)
        rest++;
      else if (a->percent_fact != NULL)
        {
          const VvFact *f = vv_rules_lookup_fact (self, a->percent_fact);

          if (f == NULL || f->type != VV_FACT_INTEGER || f->min < 0 || f->max > 100)
            return fail (error, "node %s: percent_fact must be an integer fact within 0-100", n->id);
          from_fact++;
        }
      else if (a->percent > 0 && a->percent <= 100)
        fixed += a->percent;
      else
        return fail (error, "node %s: allocation %u has no valid percent", n->id, i);
    }
  if (g_str_equal (n->outcome, "function") && (n->allocations->len != 1 || fixed != 100))
    return fail (error, "node %s: a function outcome is one allocation of 100 %%", n->id);
  if (g_str_equal (n->outcome, "split"))
    {
      if (rest > 1 || (rest == 0 && from_fact == 0 && fixed != 100) || fixed > 100)
        return fail (error, "node %s: split percents do not sum to 100", n->id);
      if (rest == 0 && from_fact > 0)
        return fail (error, "node %s: a split with a percent from a fact needs a rest allocation", n->id);
    }
  for (guint i = 0; n->alternatives != NULL && n->alternatives[i] != NULL; i++)
    if (vv_rules_lookup_function (self, n->alternatives[i]) == NULL)
      return fail (error, "node %s: unknown alternative function “%s”", n->id, n->alternatives[i]);
  for (guint i = 0; i < n->why_not->len; i++)
    {
      VvWhyNot *w = g_ptr_array_index (n->why_not, i);

      if (w->function == NULL || vv_rules_lookup_function (self, w->function) == NULL || w->because == NULL)
        return fail (error, "node %s: why_not %u needs a known function and a reason", n->id, i);
    }
  for (guint i = 0; i < n->refine->len; i++)
    {
      VvRefine *r = g_ptr_array_index (n->refine, i);
      const VvFact *f = vv_rules_lookup_fact (self, r->fact);

      if (f == NULL)
        return fail (error, "node %s: refine %u: unknown fact “%s”", n->id, i, r->fact ? r->fact : "");
      if (f->type == VV_FACT_INTEGER ? (r->values != NULL || r->max < r->min)
                                     : (r->values == NULL || r->values[0] == NULL))
        return fail (error, "node %s: refine %u needs values or an integer range", n->id, i);
      for (guint j = 0; r->values != NULL && r->values[j] != NULL; j++)
        if (vv_rules_lookup_fact_value (self, f->id, r->values[j]) == NULL)
          return fail (error, "node %s: refine %u: “%s” is not a value of %s", n->id, i, r->values[j], f->id);
      if (!validate_citation_refs (self, n->id, r->rules, error))
        return FALSE;
    }
  return TRUE;
}

/* The split's findings that a ledger check can raise (vv-split.c knows
 * their messages). */
static const char *const ledger_check_findings[] = {
  "rent-income", "building-maintenance", "hvpu-grant", NULL
};

static gboolean
validate_ledger_checks (VvRules *self, GError **error)
{
  int owner[1000];

  for (guint a = 0; a < G_N_ELEMENTS (owner); a++)
    owner[a] = -1;
  for (guint i = 0; i < self->ledger_checks->len; i++)
    {
      VvLedgerCheck *c = g_ptr_array_index (self->ledger_checks, i);
      const char *what = c->finding != NULL ? c->finding : "?";

      if (c->finding == NULL || !g_strv_contains (ledger_check_findings, c->finding))
        return fail (error, "ledger check %u: unknown finding %s", i, what);
      if (c->function == NULL || vv_rules_lookup_function (self, c->function) == NULL)
        return fail (error, "ledger check %s: unknown function %s", what,
                     c->function ? c->function : "(none)");
      if (c->citation == NULL || vv_rules_lookup_citation (self, c->citation) == NULL)
        return fail (error, "ledger check %s: unknown citation %s", what,
                     c->citation ? c->citation : "(none)");
      if (c->arts->len == 0)
        return fail (error, "ledger check %s: no arts", what);
      for (guint j = 0; j < c->arts->len; j++)
        {
          VvArtRange *r = &g_array_index (c->arts, VvArtRange, j);

          if (r->min < 0 || r->max > 999 || r->min > r->max)
            return fail (error, "ledger check %s: art range %u is not [min, max] within 0-999",
                         what, j);
          for (int a = r->min; a <= r->max; a++)
            {
              if (owner[a] >= 0)
                return fail (error, "ledger check %s: art %03d is already checked by %s", what, a,
                             ((VvLedgerCheck *) g_ptr_array_index (self->ledger_checks,
                                                                   owner[a]))->finding);
              owner[a] = (int) i;
            }
        }
    }
  return TRUE;
}

static gboolean
visit (VvRules *self, VvNode *n, GHashTable *on_path, GHashTable *reached, GError **error)
{
  if (g_hash_table_contains (on_path, n->id))
    return fail (error, "node %s: the graph has a cycle", n->id);
  g_hash_table_add (reached, n->id);
  if (n->kind == VV_NODE_OUTCOME)
    return TRUE;
  g_hash_table_add (on_path, n->id);
  for (guint i = 0; i < n->branches->len; i++)
    {
      VvBranch *b = g_ptr_array_index (n->branches, i);

      if (!visit (self, (VvNode *) vv_rules_lookup_node (self, b->next), on_path, reached, error))
        return FALSE;
    }
  g_hash_table_remove (on_path, n->id);
  return TRUE;
}

/**
 * vv_rules_validate:
 * @self: a #VvRules
 * @error: return location for a #GError
 *
 * Checks the rule data as a whole: every question's branches partition its
 * fact's values (no gap, no overlap), every branch leads to a node, the graph
 * is acyclic with every node reachable from the start, outcomes have
 * allocations summing to 100 % and cite known rules, citations have a
 * document, lines and text. Called by the loaders.
 *
 * Returns: %TRUE if the rules are sound
 */
gboolean
vv_rules_validate (VvRules  *self,
                   GError  **error)
{
  g_autoptr(GHashTable) on_path = NULL;
  g_autoptr(GHashTable) reached = NULL;
  const VvNode *start;

  g_return_val_if_fail (VV_IS_RULES (self), FALSE);
  _vv_rules_ensure_guide (self);

  if (self->version == NULL)
    return fail (error, "the rule data has no version");
  for (guint i = 0; i < self->citations->len; i++)
    {
      VvCitation *c = g_ptr_array_index (self->citations, i);

      if (c->id == NULL || c->source == NULL || c->document == NULL || c->text == NULL ||
          c->line_from == 0 || c->line_to < c->line_from)
        return fail (error, "citation %u (%s) needs id, source, document, lines and text", i,
                     c->id ? c->id : "?");
    }
  if (g_hash_table_size (self->citation_index) != self->citations->len)
    return fail (error, "citation ids are not unique");
  for (guint i = 0; i < self->functions->len; i++)
    {
      VvFunction *f = g_ptr_array_index (self->functions, i);

      if (f->code == NULL || strlen (f->code) != 3 || f->name == NULL)
        return fail (error, "function %u needs a three-digit code and a name", i);
      if (f->citation != NULL && vv_rules_lookup_citation (self, f->citation) == NULL)
        return fail (error, "function %s: unknown citation “%s”", f->code, f->citation);
    }
  for (guint i = 0; i < self->facts->len; i++)
    {
      VvFact *f = g_ptr_array_index (self->facts, i);

      if (f->id == NULL || f->question == NULL || (int) f->type < 0)
        return fail (error, "fact %u needs an id, a type and a question", i);
      if (f->type != VV_FACT_INTEGER && f->values->len == 0)
        return fail (error, "fact %s has no values", f->id);
      if (f->type == VV_FACT_BOOLEAN &&
          (f->values->len != 2 || vv_rules_lookup_fact_value (self, f->id, "true") == NULL ||
           vv_rules_lookup_fact_value (self, f->id, "false") == NULL))
        return fail (error, "boolean fact %s must have the values true and false", f->id);
      if (f->type == VV_FACT_INTEGER && f->max < f->min)
        return fail (error, "fact %s: max < min", f->id);
    }
  if (g_hash_table_size (self->fact_index) != self->facts->len)
    return fail (error, "fact ids are not unique");
  if (g_hash_table_size (self->node_index) != self->nodes->len)
    return fail (error, "node ids are not unique");

  for (guint i = 0; i < self->nodes->len; i++)
    {
      VvNode *n = g_ptr_array_index (self->nodes, i);

      if (n->id == NULL)
        return fail (error, "node %u has no id", i);
      if (!validate_citation_refs (self, n->id, n->rules, error))
        return FALSE;
      if (n->kind == VV_NODE_QUESTION && !validate_question (self, n, error))
        return FALSE;
      if (n->kind == VV_NODE_OUTCOME && !validate_outcome (self, n, error))
        return FALSE;
    }

  start = self->start ? vv_rules_lookup_node (self, self->start) : NULL;
  if (start == NULL)
    return fail (error, "the start node “%s” does not exist", self->start ? self->start : "");
  on_path = g_hash_table_new (g_str_hash, g_str_equal);
  reached = g_hash_table_new (g_str_hash, g_str_equal);
  if (!visit (self, (VvNode *) start, on_path, reached, error))
    return FALSE;
  for (guint i = 0; i < self->nodes->len; i++)
    {
      VvNode *n = g_ptr_array_index (self->nodes, i);

      if (!g_hash_table_contains (reached, n->id))
        return fail (error, "node %s cannot be reached from the start", n->id);
    }

  for (guint i = 0; i < self->year_rules->len; i++)
    {
      VvYearRule *y = g_ptr_array_index (self->year_rules, i);
      GHashTableIter iter;
      gpointer k, v;

      if (y->rule == NULL || vv_rules_lookup_citation (self, y->rule) == NULL)
        return fail (error, "year rule %u must cite a known rule", i);
      g_hash_table_iter_init (&iter, y->map);
      while (g_hash_table_iter_next (&iter, &k, &v))
        if (vv_rules_lookup_function (self, k) == NULL || vv_rules_lookup_function (self, v) == NULL)
          return fail (error, "year rule %s maps unknown functions", y->rule);
    }
  for (guint i = 0; i < self->respite_rows->len; i++)
    {
      VvRespiteRow *r = g_ptr_array_index (self->respite_rows, i);

      if (vv_rules_lookup_function (self, r->overnight ? r->overnight : "") == NULL ||
          vv_rules_lookup_function (self, r->day ? r->day : "") == NULL)
        return fail (error, "respite row %u has an unknown function", i);
      if (r->note != NULL && vv_rules_lookup_note (self, r->note) == NULL)
        return fail (error, "respite row %u refers to unknown note %s", i, r->note);
    }
  for (guint i = 0; i < self->notes->len; i++)
    {
      VvNote *n = g_ptr_array_index (self->notes, i);

      if (!validate_citation_refs (self, "respite note", n->rules, error))
        return FALSE;
    }
  for (guint i = 0; i < self->respite_advice->len; i++)
    {
      VvNote *n = g_ptr_array_index (self->respite_advice, i);

      if (!validate_citation_refs (self, "respite advice", n->rules, error))
        return FALSE;
    }
  for (guint i = 0; i < self->glossary->len; i++)
    {
      VvGlossaryEntry *g = g_ptr_array_index (self->glossary, i);

      if (g->rule != NULL && vv_rules_lookup_citation (self, g->rule) == NULL)
        return fail (error, "glossary term %s: unknown citation %s", g->term, g->rule);
    }
  if (self->national_citation != NULL && vv_rules_lookup_citation (self, self->national_citation) == NULL)
    return fail (error, "national shares: unknown citation");
  return validate_ledger_checks (self, error);
}
