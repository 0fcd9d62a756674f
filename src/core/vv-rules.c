/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-rules"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "vv-core-resources.h"
#include "vv-json-private.h"
#include "vv-rules-private.h"

#define VV_RULES_FORMAT "veiviser-rules/1"
#define VV_RULES_RESOURCE "/io/github/veiviser/Veiviser/core/rules/veiviser-rules.json"
#define VV_RULES_LEDGER_RESOURCE "/io/github/veiviser/Veiviser/core/rules/veiviser-rules-ledger.json"

G_DEFINE_FINAL_TYPE (VvRules, vv_rules, G_TYPE_OBJECT)

G_DEFINE_QUARK (vv-rules-error-quark, vv_rules_error)

/* Freeing */

static void
fact_value_free (VvFactValue *v)
{
  g_free (v->id);
  g_free (v->label);
  g_free (v->help);
  g_free (v);
}

static void
fact_free (VvFact *f)
{
  g_free (f->id);
  g_free (f->label);
  g_free (f->question);
  g_free (f->help);
  g_free (f->default_value);
  g_clear_pointer (&f->values, g_ptr_array_unref);
  g_free (f);
}

static void
branch_free (VvBranch *b)
{
  g_strfreev (b->values);
  g_strfreev (b->rules);
  g_free (b->next);
  g_free (b);
}

static void
allocation_free (VvRuleAllocation *a)
{
  g_free (a->function);
  g_free (a->percent_fact);
  g_free (a);
}

static void
why_not_free (VvWhyNot *w)
{
  g_free (w->function);
  g_free (w->because);
  g_free (w);
}

static void
refine_free (VvRefine *r)
{
  g_free (r->fact);
  g_strfreev (r->values);
  g_strfreev (r->rules);
  g_free (r->explanation);
  g_strfreev (r->advice);
  g_free (r);
}

static void
node_free (VvNode *n)
{
  g_free (n->id);
  g_free (n->title);
  g_strfreev (n->rules);
  g_free (n->fact);
  g_clear_pointer (&n->branches, g_ptr_array_unref);
  g_free (n->outcome);
  g_clear_pointer (&n->allocations, g_ptr_array_unref);
  g_strfreev (n->alternatives);
  g_free (n->explanation);
  g_clear_pointer (&n->why_not, g_ptr_array_unref);
  g_strfreev (n->advice);
  g_clear_pointer (&n->refine, g_ptr_array_unref);
  g_free (n);
}

static void
citation_free (VvCitation *c)
{
  g_free (c->id);
  g_free (c->source);
  g_free (c->document);
  g_free (c->section);
  g_free (c->text);
  g_free (c->summary);
  g_free (c);
}

static void
function_free (VvFunction *f)
{
  g_free (f->code);
  g_free (f->name);
  g_free (f->citation);
  g_free (f);
}

static void
year_rule_free (VvYearRule *y)
{
  g_clear_pointer (&y->map, g_hash_table_unref);
  g_free (y->id);
  g_free (y->rule);
  g_free (y->explanation);
  g_free (y);
}

static void
respite_row_free (VvRespiteRow *r)
{
  g_free (r->kpr);
  g_free (r->place);
  g_free (r->place_label);
  g_free (r->age_label);
  g_free (r->overnight);
  g_free (r->day);
  g_free (r->note);
  g_free (r);
}

static void
note_free (VvNote *n)
{
  g_free (n->id);
  g_free (n->text);
  g_strfreev (n->rules);
  g_free (n);
}

static void
glossary_free (VvGlossaryEntry *g)
{
  g_free (g->term);
  g_free (g->definition);
  g_free (g->rule);
  g_free (g);
}

/* JSON helpers: all return NULL/defaults when the member is absent. */

static void
ledger_check_free (VvLedgerCheck *c)
{
  g_free (c->finding);
  g_clear_pointer (&c->arts, g_array_unref);
  g_free (c->function);
  g_free (c->citation);
  g_free (c);
}

static char *
dup_string (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (n));
}

static gint64
get_int (JsonObject *o, const char *name, gint64 fallback)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64)
    return fallback;
  return json_node_get_int (n);
}

static gboolean
get_bool (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_BOOLEAN)
    return FALSE;
  return json_node_get_boolean (n);
}

static JsonArray *
get_array (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_ARRAY (n))
    return NULL;
  return json_node_get_array (n);
}

static JsonObject *
get_object (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_OBJECT (n))
    return NULL;
  return json_node_get_object (n);
}

static GStrv
dup_strv (JsonObject *o, const char *name)
{
  JsonArray *a = get_array (o, name);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  if (a == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonNode *n = json_array_get_element (a, i);

      if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
        g_strv_builder_add (b, json_node_get_string (n));
    }
  return g_strv_builder_end (b);
}

/* Parsing */

static void
parse_facts (VvRules *self, JsonArray *facts)
{
  for (guint i = 0; facts != NULL && i < json_array_get_length (facts); i++)
    {
      JsonObject *o = json_array_get_object_element (facts, i);
      VvFact *f = g_new0 (VvFact, 1);
      g_autofree char *type = dup_string (o, "type");
      JsonArray *values = get_array (o, "values");

      f->id = dup_string (o, "id");
      f->label = dup_string (o, "label");
      f->question = dup_string (o, "question");
      f->help = dup_string (o, "help");
      f->default_value = dup_string (o, "default");
      f->min = get_int (o, "min", 0);
      f->max = get_int (o, "max", G_MAXINT32);
      if (g_strcmp0 (type, "enum") == 0)
        f->type = VV_FACT_ENUM;
      else if (g_strcmp0 (type, "boolean") == 0)
        f->type = VV_FACT_BOOLEAN;
      else if (g_strcmp0 (type, "integer") == 0)
        f->type = VV_FACT_INTEGER;
      else
        f->type = (VvFactType) -1;
      f->values = g_ptr_array_new_with_free_func ((GDestroyNotify) fact_value_free);
      for (guint j = 0; values != NULL && j < json_array_get_length (values); j++)
        {
          JsonObject *vo = json_array_get_object_element (values, j);
          VvFactValue *v = g_new0 (VvFactValue, 1);

          v->id = dup_string (vo, "id");
          v->label = dup_string (vo, "label");
          v->help = dup_string (vo, "help");
          g_ptr_array_add (f->values, v);
        }
      g_ptr_array_add (self->facts, f);
      if (f->id != NULL)
        g_hash_table_insert (self->fact_index, f->id, f);
    }
}

static void
parse_nodes (VvRules *self, JsonArray *nodes)
{
  for (guint i = 0; nodes != NULL && i < json_array_get_length (nodes); i++)
    {
      JsonObject *o = json_array_get_object_element (nodes, i);
      VvNode *n = g_new0 (VvNode, 1);
      JsonArray *branches = get_array (o, "branches");
      JsonArray *allocations = get_array (o, "allocations");
      JsonArray *why_not = get_array (o, "why_not");
      JsonArray *refine = get_array (o, "refine");

      n->id = dup_string (o, "id");
      n->title = dup_string (o, "title");
      n->col = (int) get_int (o, "col", 0);
      n->row = (int) get_int (o, "row", 0);
      n->rules = dup_strv (o, "rules");
      n->fact = dup_string (o, "fact");
      n->outcome = dup_string (o, "outcome");
      n->kind = n->outcome != NULL ? VV_NODE_OUTCOME : VV_NODE_QUESTION;
      n->branches = g_ptr_array_new_with_free_func ((GDestroyNotify) branch_free);
      for (guint j = 0; branches != NULL && j < json_array_get_length (branches); j++)
        {
          JsonObject *bo = json_array_get_object_element (branches, j);
          VvBranch *b = g_new0 (VvBranch, 1);

          b->values = dup_strv (bo, "values");
          b->min = get_int (bo, "min", 0);
          b->max = get_int (bo, "max", -1);
          b->next = dup_string (bo, "next");
          b->rules = dup_strv (bo, "rules");
          g_ptr_array_add (n->branches, b);
        }
      n->allocations = g_ptr_array_new_with_free_func ((GDestroyNotify) allocation_free);
      for (guint j = 0; allocations != NULL && j < json_array_get_length (allocations); j++)
        {
          JsonObject *ao = json_array_get_object_element (allocations, j);
          VvRuleAllocation *a = g_new0 (VvRuleAllocation, 1);

          a->function = dup_string (ao, "function");
          a->percent = (int) get_int (ao, "percent", -1);
          a->percent_fact = dup_string (ao, "percent_fact");
          a->percent_rest = get_bool (ao, "percent_rest");
          g_ptr_array_add (n->allocations, a);
        }
      n->alternatives = dup_strv (o, "alternatives");
      n->explanation = dup_string (o, "explanation");
      n->why_not = g_ptr_array_new_with_free_func ((GDestroyNotify) why_not_free);
      for (guint j = 0; why_not != NULL && j < json_array_get_length (why_not); j++)
        {
          JsonObject *wo = json_array_get_object_element (why_not, j);
          VvWhyNot *w = g_new0 (VvWhyNot, 1);

          w->function = dup_string (wo, "function");
          w->because = dup_string (wo, "because");
          g_ptr_array_add (n->why_not, w);
        }
      n->advice = dup_strv (o, "advice");
      n->refine = g_ptr_array_new_with_free_func ((GDestroyNotify) refine_free);
      for (guint j = 0; refine != NULL && j < json_array_get_length (refine); j++)
        {
          JsonObject *ro = json_array_get_object_element (refine, j);
          VvRefine *r = g_new0 (VvRefine, 1);

          r->fact = dup_string (ro, "fact");
          r->values = dup_strv (ro, "values");
          r->min = get_int (ro, "min", 0);
          r->max = get_int (ro, "max", -1);
          r->rules = dup_strv (ro, "rules");
          r->explanation = dup_string (ro, "explanation");
          r->advice = dup_strv (ro, "advice");
          g_ptr_array_add (n->refine, r);
        }
      g_ptr_array_add (self->nodes, n);
      if (n->id != NULL)
        g_hash_table_insert (self->node_index, n->id, n);
    }
}

static void
parse_citations (VvRules *self, JsonArray *citations)
{
  for (guint i = 0; citations != NULL && i < json_array_get_length (citations); i++)
    {
      JsonObject *o = json_array_get_object_element (citations, i);
      VvCitation *c = g_new0 (VvCitation, 1);
      g_autofree char *lines = dup_string (o, "lines");

      c->id = dup_string (o, "id");
      c->source = dup_string (o, "source");
      c->document = dup_string (o, "document");
      c->section = dup_string (o, "section");
      c->text = dup_string (o, "text");
      c->summary = dup_string (o, "summary");
      if (lines != NULL)
        {
          char *end = NULL;

          c->line_from = (guint) g_ascii_strtoull (lines, &end, 10);
          c->line_to = (end != NULL && *end == '-') ? (guint) g_ascii_strtoull (end + 1, NULL, 10)
                                                    : c->line_from;
        }
      g_ptr_array_add (self->citations, c);
      if (c->id != NULL)
        g_hash_table_insert (self->citation_index, c->id, c);
    }
}

static void
parse_functions (VvRules *self, JsonArray *functions)
{
  for (guint i = 0; functions != NULL && i < json_array_get_length (functions); i++)
    {
      JsonObject *o = json_array_get_object_element (functions, i);
      VvFunction *f = g_new0 (VvFunction, 1);

      f->code = dup_string (o, "code");
      f->name = dup_string (o, "name");
      f->valid_from = (int) get_int (o, "valid_from", 0);
      f->valid_to = (int) get_int (o, "valid_to", 0);
      f->home_service = get_bool (o, "home_service");
      f->citation = dup_string (o, "citation");
      g_ptr_array_add (self->functions, f);
      if (f->code != NULL)
        g_hash_table_insert (self->function_index, f->code, f);
    }
}

static gboolean
is_integer (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

/* Ranges that are not two integers are kept as an empty range (min > max),
 * which the validator refuses. */
static void
parse_ledger_checks (VvRules *self, JsonArray *checks)
{
  for (guint i = 0; checks != NULL && i < json_array_get_length (checks); i++)
    {
      JsonNode *element = json_array_get_element (checks, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      JsonArray *arts = o != NULL ? get_array (o, "arts") : NULL;
      VvLedgerCheck *c = g_new0 (VvLedgerCheck, 1);

      c->arts = g_array_new (FALSE, FALSE, sizeof (VvArtRange));
      if (o != NULL)
        {
          c->finding = dup_string (o, "finding");
          c->function = dup_string (o, "function");
          c->citation = dup_string (o, "citation");
        }
      for (guint j = 0; arts != NULL && j < json_array_get_length (arts); j++)
        {
          JsonNode *node = json_array_get_element (arts, j);
          JsonArray *pair = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
          VvArtRange r = { 1, 0 };

          if (pair != NULL && json_array_get_length (pair) == 2 &&
              is_integer (json_array_get_element (pair, 0)) &&
              is_integer (json_array_get_element (pair, 1)))
            {
              r.min = (int) CLAMP (json_array_get_int_element (pair, 0), -1, 100000);
              r.max = (int) CLAMP (json_array_get_int_element (pair, 1), -1, 100000);
            }
          g_array_append_val (c->arts, r);
        }
      g_ptr_array_add (self->ledger_checks, c);
    }
}

static void
parse_year_rules (VvRules *self, JsonArray *rules)
{
  for (guint i = 0; rules != NULL && i < json_array_get_length (rules); i++)
    {
      JsonObject *o = json_array_get_object_element (rules, i);
      JsonObject *map = get_object (o, "map");
      VvYearRule *y = g_new0 (VvYearRule, 1);

      y->id = dup_string (o, "id");
      y->rule = g_strdup (y->id);
      y->until_year = (int) get_int (o, "until", G_MAXINT);
      y->from_year = (int) get_int (o, "from", 0);
      y->explanation = dup_string (o, "explanation");
      y->map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      if (map != NULL)
        {
          g_autoptr(GList) members = json_object_get_members (map);

          for (GList *l = members; l != NULL; l = l->next)
            {
              JsonNode *v = json_object_get_member (map, l->data);

              if (JSON_NODE_HOLDS_VALUE (v) && json_node_get_value_type (v) == G_TYPE_STRING)
                g_hash_table_insert (y->map, g_strdup (l->data), g_strdup (json_node_get_string (v)));
            }
        }
      g_ptr_array_add (self->year_rules, y);
    }
}

static VvNote *
parse_note (JsonObject *o)
{
  VvNote *n = g_new0 (VvNote, 1);

  n->id = dup_string (o, "id");
  n->text = dup_string (o, "text");
  n->rules = dup_strv (o, "rules");
  return n;
}

static void
parse_respite (VvRules *self, JsonObject *table)
{
  JsonArray *rows, *notes, *advice;

  if (table == NULL)
    return;
  rows = get_array (table, "rows");
  notes = get_array (table, "notes");
  advice = get_array (table, "advice");
  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonObject *o = json_array_get_object_element (rows, i);
      VvRespiteRow *r = g_new0 (VvRespiteRow, 1);

      r->kpr = dup_string (o, "kpr");
      r->place = dup_string (o, "place");
      r->place_label = dup_string (o, "place_label");
      r->age_min = (int) get_int (o, "age_min", 0);
      r->age_max = (int) get_int (o, "age_max", -1);
      r->age_label = dup_string (o, "age_label");
      r->overnight = dup_string (o, "overnight");
      r->day = dup_string (o, "day");
      r->note = dup_string (o, "note");
      g_ptr_array_add (self->respite_rows, r);
    }
  for (guint i = 0; notes != NULL && i < json_array_get_length (notes); i++)
    g_ptr_array_add (self->notes, parse_note (json_array_get_object_element (notes, i)));
  for (guint i = 0; advice != NULL && i < json_array_get_length (advice); i++)
    g_ptr_array_add (self->respite_advice, parse_note (json_array_get_object_element (advice, i)));
}

static void
parse_glossary (VvRules *self, JsonArray *glossary)
{
  for (guint i = 0; glossary != NULL && i < json_array_get_length (glossary); i++)
    {
      JsonObject *o = json_array_get_object_element (glossary, i);
      VvGlossaryEntry *g = g_new0 (VvGlossaryEntry, 1);

      g->term = dup_string (o, "term");
      g->definition = dup_string (o, "definition");
      g->rule = dup_string (o, "rule");
      g_ptr_array_add (self->glossary, g);
    }
}

/* The rule data in two parts. What reading and splitting a ledger uses
 * (functions, year rules, ledger checks, national shares: a fiftieth of the
 * text) is parsed at once, from the ledger part the build derives from the
 * rules file (data/rules/ledger-part.py, VV_RULES_LEDGER_RESOURCE); the
 * guide's part (facts, nodes, citations, respite table, glossary) of the
 * built-in rules is parsed from the whole (VV_RULES_RESOURCE, the build's
 * copy of the file without its indentation), and the whole validated, the
 * first time one of them is asked for (_vv_rules_ensure_guide), so that
 * `veiviser-cli split` does not pay for it. */
static void
parse_ledger_part (VvRules    *self,
                   JsonObject *root)
{
  JsonObject *years = get_object (root, "years");
  JsonObject *national = get_object (root, "national_shares");

  self->version = dup_string (root, "version");
  self->start = dup_string (root, "start");
  self->min_year = years ? (int) get_int (years, "min", 2015) : 2015;
  self->max_year = years ? (int) get_int (years, "max", 2030) : 2030;
  parse_functions (self, get_array (root, "functions"));
  parse_year_rules (self, get_array (root, "year_rules"));
  parse_ledger_checks (self, get_array (root, "ledger_checks"));
  if (national != NULL)
    {
      self->national_year = (int) get_int (national, "year", 0);
      self->national_257 = get_int (national, "257", 0);
      self->national_258 = get_int (national, "258", 0);
      self->national_citation = dup_string (national, "citation");
    }
}

static void
parse_guide_part (VvRules    *self,
                  JsonObject *root)
{
  parse_citations (self, get_array (root, "citations"));
  parse_facts (self, get_array (root, "facts"));
  parse_nodes (self, get_array (root, "nodes"));
  parse_respite (self, get_object (root, "respite_table"));
  parse_glossary (self, get_array (root, "glossary"));
}

/* The ledger part of the built-in rules now, the guide part of @bytes (the
 * whole rule data) on demand; %NULL when the ledger part is not as the
 * built-in rules are (then they are parsed whole, which says what is wrong). */
static VvRules *
rules_new_deferred (GBytes *bytes)
{
  g_autoptr(VvRules) self = NULL;
  g_autoptr(GBytes) ledger = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_autofree char *format = NULL;

  ledger = g_resource_lookup_data (vv_core_get_resource (), VV_RULES_LEDGER_RESOURCE, 0, NULL);
  if (ledger == NULL)
    return NULL;
  root = _vv_json_parse_object (g_bytes_get_data (ledger, NULL), "rules", NULL);
  if (root == NULL)
    return NULL;
  format = dup_string (root, "format");
  if (g_strcmp0 (format, VV_RULES_FORMAT) != 0)
    return NULL;

  self = g_object_new (VV_TYPE_RULES, NULL);
  parse_ledger_part (self, root);
  self->deferred = g_bytes_ref (bytes);
  return g_steal_pointer (&self);
}

/*
 * _vv_rules_ensure_guide:
 * @self: a #VvRules
 *
 * Parses the guide's part of the rule data if it was deferred, and then
 * validates the whole. Safe from any thread.
 */
void
_vv_rules_ensure_guide (VvRules *self)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GError) error = NULL;

  if (g_atomic_pointer_get (&self->deferred) == NULL)
    return;
  g_mutex_lock (&self->guide_lock);
  if (self->deferred == NULL)
    {
      g_mutex_unlock (&self->guide_lock);
      return;
    }
  root = _vv_json_parse_object (g_bytes_get_data (self->deferred, NULL), "rules", &error);
  if (root == NULL)
    g_error ("The built-in rule data is broken: %s", error ? error->message : "not an object");
  parse_guide_part (self, root);
  /* Complete from here on, so the validation's own lookups pass straight
   * through; it fails only for broken built-in data, which ends the
   * program. */
  bytes = g_atomic_pointer_exchange (&self->deferred, NULL);
  g_mutex_unlock (&self->guide_lock);
  if (!vv_rules_validate (self, &error))
    g_error ("The built-in rule data is broken: %s", error->message);
}

/* GObject */

static void
vv_rules_finalize (GObject *object)
{
  VvRules *self = (VvRules *) object;

  g_clear_pointer (&self->fact_index, g_hash_table_unref);
  g_clear_pointer (&self->node_index, g_hash_table_unref);
  g_clear_pointer (&self->citation_index, g_hash_table_unref);
  g_clear_pointer (&self->function_index, g_hash_table_unref);
  g_clear_pointer (&self->facts, g_ptr_array_unref);
  g_clear_pointer (&self->nodes, g_ptr_array_unref);
  g_clear_pointer (&self->citations, g_ptr_array_unref);
  g_clear_pointer (&self->functions, g_ptr_array_unref);
  g_clear_pointer (&self->year_rules, g_ptr_array_unref);
  g_clear_pointer (&self->respite_rows, g_ptr_array_unref);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  g_clear_pointer (&self->respite_advice, g_ptr_array_unref);
  g_clear_pointer (&self->glossary, g_ptr_array_unref);
  g_clear_pointer (&self->ledger_checks, g_ptr_array_unref);
  g_free (self->version);
  g_free (self->start);
  g_free (self->national_citation);
  g_clear_pointer (&self->deferred, g_bytes_unref);
  g_mutex_clear (&self->guide_lock);

  G_OBJECT_CLASS (vv_rules_parent_class)->finalize (object);
}

static void
vv_rules_class_init (VvRulesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vv_rules_finalize;
}

static void
vv_rules_init (VvRules *self)
{
  self->facts = g_ptr_array_new_with_free_func ((GDestroyNotify) fact_free);
  self->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
  self->citations = g_ptr_array_new_with_free_func ((GDestroyNotify) citation_free);
  self->functions = g_ptr_array_new_with_free_func ((GDestroyNotify) function_free);
  self->year_rules = g_ptr_array_new_with_free_func ((GDestroyNotify) year_rule_free);
  self->respite_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) respite_row_free);
  self->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) note_free);
  self->respite_advice = g_ptr_array_new_with_free_func ((GDestroyNotify) note_free);
  self->glossary = g_ptr_array_new_with_free_func ((GDestroyNotify) glossary_free);
  self->ledger_checks = g_ptr_array_new_with_free_func ((GDestroyNotify) ledger_check_free);
  self->fact_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->node_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->citation_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->function_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_mutex_init (&self->guide_lock);
}

/* Public API */

/**
 * vv_rules_new_from_bytes:
 * @bytes: the JSON rule data
 * @error: return location for a #GError
 *
 * Parses and validates rule data (format `veiviser-rules/1`).
 *
 * Returns: (transfer full) (nullable): the rules, or %NULL with @error set
 */
VvRules *
vv_rules_new_from_bytes (GBytes  *bytes,
                         GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(VvRules) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *format = NULL;
  JsonObject *root;
  gsize len;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  if (!_vv_json_parser_load (parser, data, len, "rules", &local_error))
    {
      g_set_error (error, VV_RULES_ERROR, VV_RULES_ERROR_PARSE,
                   "rule data is not valid JSON: %s", local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, VV_RULES_ERROR, VV_RULES_ERROR_PARSE, "rule data is not a JSON object");
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  format = dup_string (root, "format");
  if (g_strcmp0 (format, VV_RULES_FORMAT) != 0)
    {
      g_set_error (error, VV_RULES_ERROR, VV_RULES_ERROR_PARSE,
                   "rule data format is “%s”, expected “%s”", format ? format : "", VV_RULES_FORMAT);
      return NULL;
    }

  self = g_object_new (VV_TYPE_RULES, NULL);
  parse_ledger_part (self, root);
  parse_guide_part (self, root);
  if (!vv_rules_validate (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * vv_rules_new_from_file:
 * @path: a rule data file
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the rules, or %NULL with @error set
 */
VvRules *
vv_rules_new_from_file (const char  *path,
                        GError     **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &len, error))
    return NULL;
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  return vv_rules_new_from_bytes (bytes, error);
}

/**
 * vv_rules_get_default:
 *
 * The rule data compiled into the program. `VEIVISER_RULES` may name another
 * file (for trying out a new year's rules).
 *
 * Returns: (transfer none): the shared rules
 */
VvRules *
vv_rules_get_default (void)
{
  static VvRules *rules;

  if (g_once_init_enter (&rules))
    {
      g_autoptr(GError) error = NULL;
      const char *override = g_getenv ("VEIVISER_RULES");
      VvRules *loaded;

      if (override != NULL && *override != '\0')
        loaded = vv_rules_new_from_file (override, &error);
      else
        {
          g_autoptr(GBytes) bytes = g_resource_lookup_data (vv_core_get_resource (), VV_RULES_RESOURCE,
                                                            0, &error);

          loaded = bytes ? rules_new_deferred (bytes) : NULL;
          if (loaded == NULL && bytes != NULL)
            loaded = vv_rules_new_from_bytes (bytes, &error);
        }
      if (loaded == NULL)
        g_error ("The built-in rule data is broken: %s", error->message);
      g_once_init_leave (&rules, loaded);
    }
  return rules;
}

/**
 * vv_rules_get_version:
 * @self: a #VvRules
 *
 * Returns: the rule-data version, e.g. "2024.1"
 */
const char *
vv_rules_get_version (VvRules *self)
{
  g_return_val_if_fail (VV_IS_RULES (self), NULL);
  return self->version;
}

/**
 * vv_rules_get_start:
 * @self: a #VvRules
 *
 * Returns: the id of the first question
 */
const char *
vv_rules_get_start (VvRules *self)
{
  g_return_val_if_fail (VV_IS_RULES (self), NULL);
  return self->start;
}

/**
 * vv_rules_get_facts:
 * @self: a #VvRules
 *
 * Returns: (transfer none) (element-type VvFact): the facts, in question order
 */
GPtrArray *
vv_rules_get_facts (VvRules *self)
{
  g_return_val_if_fail (VV_IS_RULES (self), NULL);
  _vv_rules_ensure_guide (self);
  return self->facts;
}

/**
 * vv_rules_lookup_fact:
 * @self: a #VvRules
 * @id: a fact id
 *
 * Returns: (nullable): the fact
 */
const VvFact *
vv_rules_lookup_fact (VvRules    *self,
                      const char *id)
{
  g_return_val_if_fail (VV_IS_RULES (self), NULL);
  _vv_rules_ensure_guide (self);
  return id ? g_hash_table_lookup (self->fact_index, id) : NULL;
}

/**
 * vv_rules_lookup_fact_value:
 * @self: a #VvRules
 * @fact: a fact id
 * @value: a value id
 *
 * Returns: (nullable): the value of an enum or boolean fact
 */
const VvFactValue *
vv_rules_lookup_fact_value (VvRules    *self,
                            const char *fact,
                            const char *value)
{
  const VvFact *f = vv_rules_lookup_fact (self, fact);

  if (f == NULL || value == NULL)
    return NULL;
  for (guint i = 0; i < f->values->len; i++)
    {
      VvFactValue *v = g_ptr_array_index (f->values, i);

      if (g_strcmp0 (v->id, value) == 0)
        return v;
    }
  return NULL;
}

/**
 * vv_rules_get_nodes:
 * @self: a #VvRules
 *
 * Returns: (transfer none) (element-type VvNode): every node of the graph
 */
GPtrArray *
vv_rules_get_nodes (VvRules *self)
{
  g_return_val_if_fail (VV_IS_RULES (self), NULL);
  _vv_rules_ensure_guide (self);
  return self->nodes;
}

/**
 * vv_rules_lookup_node:
 * @self: a #VvRules
 * @id: a node id
 *
 * Returns: (nullable): the node
 */
const VvNode *
vv_rules_lookup_node (VvRules    *self,
                      const char *id)
{
  g_return_val_if_fail (VV_IS_RULES (self), NULL);
  _vv_rules_ensure_guide (self);
  return id ? g_hash_table_lookup (self->node_index, id) : NULL;
}

/**
 * vv_rules_lookup_citation:
 * @self: a #VvRules
 * @id: a rule (citation) id such as "257-pres-4"
 *
 * Returns: (nullable): the citation
 */
const VvCitation *
vv_rules_lookup_citation (VvRules    *self,
                          const char *id)
{
  g_return_val_if_fail (VV_IS_RULES (self), NULL);
  _vv_rules_ensure_guide (self);
  return id ? g_hash_table_lookup (self->citation_index, id) : NULL;
}

/**
 * vv_rules_get_citations:
 * @self: a #VvRules
 *
 * Returns: (transfer none) (element-type VvCitation): all citations
 */
GPtrArray *
vv_rules_get_citations (VvRules *self)
{
  g_return_val_if_fail (VV_IS_RULES (self), NULL);
  _vv_rules_ensure_guide (self);
  return self->citations;
}

/**
 * vv_rules_get_functions:
 * @self: a #VvRules
 *
 * Returns: (transfer none) (element-type VvFunction): the KOSTRA functions
 */
GPtrArray *
vv_rules_get_functions (VvRules *self)
{
  g_return_val_if_fail (VV_IS_RULES (self), NULL);
  return self->functions;
}

/**
 * vv_rules_lookup_function:
 * @self: a #VvRules
 * @code: a three-digit function code
 *
 * Returns: (nullable): the function
 */
const VvFunction *
vv_rules_lookup_function (VvRules    *self,
                          const char *code)
{
  g_return_val_if_fail (VV_IS_RULES (self), NULL);
  return code ? g_hash_table_lookup (self->function_index, code) : NULL;
}

/**
 * vv_rules_function_valid_in_year:
 * @self: a #VvRules
 * @code: a function code
 * @year: an accounting year
 *
 * Whether the rule data knows @code and it is in force in @year (254 until
 * 2023, 257 and 258 from 2024). Functions the rule data does not list are
 * not judged here and give %TRUE.
 *
 * Returns: %FALSE if the function has expired or does not exist yet in @year
 */
gboolean
vv_rules_function_valid_in_year (VvRules    *self,
                                 const char *code,
                                 int         year)
{
  const VvFunction *f = vv_rules_lookup_function (self, code);

  if (f == NULL)
    return TRUE;
  if (f->valid_from != 0 && year < f->valid_from)
    return FALSE;
  if (f->valid_to != 0 && year > f->valid_to)
    return FALSE;
  return TRUE;
}

/**
 * vv_rules_is_home_service:
 * @self: a #VvRules
 * @code: a function code
 * @year: an accounting year, or 0 for any year
 *
 * Returns: whether @code is a home-service function (254, 257, 258) in force in
 * @year — the money the split divides by unit
 */
gboolean
vv_rules_is_home_service (VvRules    *self,
                          const char *code,
                          int         year)
{
  const VvFunction *f = vv_rules_lookup_function (self, code);

  if (f == NULL || !f->home_service)
    return FALSE;
  return year == 0 || vv_rules_function_valid_in_year (self, code, year);
}

/**
 * vv_rules_get_year_rules:
 * @self: a #VvRules
 *
 * Returns: (transfer none) (element-type VvYearRule): the effective-date rules
 */
GPtrArray *
vv_rules_get_year_rules (VvRules *self)
{
  g_return_val_if_fail (VV_IS_RULES (self), NULL);
  return self->year_rules;
}

/**
 * vv_rules_map_function_for_year:
 * @self: a #VvRules
 * @code: a function code as the graph decides it (2024 functions)
 * @year: the accounting year
 * @applied: (out) (optional): the year rule that changed it
 *
 * Returns: the function to book in @year (e.g. "254" for "257" in 2023)
 */
const char *
vv_rules_map_function_for_year (VvRules           *self,
                                const char        *code,
                                int                year,
                                const VvYearRule **applied)
{
  g_return_val_if_fail (VV_IS_RULES (self), code);

  if (applied != NULL)
    *applied = NULL;
  for (guint i = 0; i < self->year_rules->len; i++)
    {
      VvYearRule *y = g_ptr_array_index (self->year_rules, i);
      const char *mapped;

      if (year > y->until_year || year < y->from_year)
        continue;
      mapped = g_hash_table_lookup (y->map, code);
      if (mapped != NULL)
        {
          if (applied != NULL)
            *applied = y;
          return mapped;
        }
    }
  return code;
}

/**
 * vv_rules_get_min_year:
 * @self: a #VvRules
 *
 * Returns: the first accounting year the rules accept
 */
int
vv_rules_get_min_year (VvRules *self)
{
  g_return_val_if_fail (VV_IS_RULES (self), 0);
  return self->min_year;
}

/**
 * vv_rules_get_max_year:
 * @self: a #VvRules
 *
 * Returns: the last accounting year the rules accept
 */
int
vv_rules_get_max_year (VvRules *self)
{
  g_return_val_if_fail (VV_IS_RULES (self), 0);
  return self->max_year;
}

/**
 * vv_rules_get_respite_rows:
 * @self: a #VvRules
 *
 * Returns: (transfer none) (element-type VvRespiteRow): the rows of Table 5.1
 */
/**
 * vv_rules_get_ledger_checks:
 * @self: the rules
 *
 * The checks of ledger lines by art: money on a home-service function whose
 * art says it belongs on another function (rent and building upkeep on 265,
 * the HVPU grant on 840), each with its citation. No art is in two checks.
 *
 * Returns: (transfer none) (element-type VvLedgerCheck): the checks
 */
GPtrArray *
vv_rules_get_ledger_checks (VvRules *self)
{
  g_return_val_if_fail (VV_IS_RULES (self), NULL);

  return self->ledger_checks;
}

GPtrArray *
vv_rules_get_respite_rows (VvRules *self)
{
  g_return_val_if_fail (VV_IS_RULES (self), NULL);
  _vv_rules_ensure_guide (self);
  return self->respite_rows;
}

/**
 * vv_rules_lookup_respite:
 * @self: a #VvRules
 * @kpr: "in_institution" or "outside_institution"
 * @place: "shared_housing", "private_home" or "institution"
 * @age: the user's age
 *
 * Returns: (nullable): the row of Table 5.1 for this situation
 */
const VvRespiteRow *
vv_rules_lookup_respite (VvRules    *self,
                         const char *kpr,
                         const char *place,
                         int         age)
{
  g_return_val_if_fail (VV_IS_RULES (self), NULL);
  _vv_rules_ensure_guide (self);

  for (guint i = 0; i < self->respite_rows->len; i++)
    {
      VvRespiteRow *r = g_ptr_array_index (self->respite_rows, i);

      if (g_strcmp0 (r->kpr, kpr) != 0)
        continue;
      if (g_strcmp0 (r->kpr, "in_institution") != 0 && g_strcmp0 (r->place, place) != 0)
        continue;
      if (age < r->age_min || (r->age_max >= 0 && age > r->age_max))
        continue;
      return r;
    }
  return NULL;
}

/**
 * vv_rules_lookup_note:
 * @self: a #VvRules
 * @id: a note id such as "29"
 *
 * Returns: (nullable): the note of the respite table
 */
const VvNote *
vv_rules_lookup_note (VvRules    *self,
                      const char *id)
{
  g_return_val_if_fail (VV_IS_RULES (self), NULL);
  _vv_rules_ensure_guide (self);

  for (guint i = 0; i < self->notes->len; i++)
    {
      VvNote *n = g_ptr_array_index (self->notes, i);

      if (g_strcmp0 (n->id, id) == 0)
        return n;
    }
  return NULL;
}

/**
 * vv_rules_get_respite_advice:
 * @self: a #VvRules
 *
 * Returns: (transfer none) (element-type VvNote): advice shown with the table
 */
GPtrArray *
vv_rules_get_respite_advice (VvRules *self)
{
  g_return_val_if_fail (VV_IS_RULES (self), NULL);
  _vv_rules_ensure_guide (self);
  return self->respite_advice;
}

/**
 * vv_rules_get_glossary:
 * @self: a #VvRules
 *
 * Returns: (transfer none) (element-type VvGlossaryEntry): the glossary
 */
GPtrArray *
vv_rules_get_glossary (VvRules *self)
{
  g_return_val_if_fail (VV_IS_RULES (self), NULL);
  _vv_rules_ensure_guide (self);
  return self->glossary;
}

/**
 * vv_rules_get_national_share:
 * @self: a #VvRules
 * @year: (out): the year of the figures
 * @f257_mnok: (out): national gross operating expenses on 257, million NOK
 * @f258_mnok: (out): the same for 258
 * @citation: (out) (optional): the citation id of the source
 *
 * Returns: %TRUE if the rule data has national reference figures
 */
gboolean
vv_rules_get_national_share (VvRules     *self,
                             int         *year,
                             gint64      *f257_mnok,
                             gint64      *f258_mnok,
                             const char **citation)
{
  g_return_val_if_fail (VV_IS_RULES (self), FALSE);

  if (self->national_year == 0)
    return FALSE;
  if (year)
    *year = self->national_year;
  if (f257_mnok)
    *f257_mnok = self->national_257;
  if (f258_mnok)
    *f258_mnok = self->national_258;
  if (citation)
    *citation = self->national_citation;
  return TRUE;
}

/**
 * vv_rules_tr:
 * @msgid: a translatable string from the rule data
 *
 * Returns: (transfer none): the string in the current language
 */
const char *
vv_rules_tr (const char *msgid)
{
  if (msgid == NULL || *msgid == '\0')
    return "";
  return g_dgettext (GETTEXT_PACKAGE, msgid);
}

/**
 * vv_citation_format_lines:
 * @citation: a citation
 *
 * The cited lines in the current language: "line 2015" for one line,
 * "lines 1941–1945" for a range (never "lines 2015–2015").
 *
 * Returns: (transfer full): the text
 */
char *
vv_citation_format_lines (const VvCitation *citation)
{
  g_return_val_if_fail (citation != NULL, NULL);

  if (citation->line_to <= citation->line_from)
    return g_strdup_printf (_("line %u"), citation->line_from);
  return g_strdup_printf (_("lines %u–%u"), citation->line_from, citation->line_to);
}
