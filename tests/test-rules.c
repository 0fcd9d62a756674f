/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-rules"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "vv-classifier.h"
#include "vv-json-private.h"
#include "vv-rules-private.h"
#include "vv-rules.h"

static int
strcmp_ptr (const void *a, const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The rule file in the source tree, so an edit is tested before install. */
static char *
rules_path (void)
{
  return g_build_filename (g_getenv ("VEIVISER_SOURCE_DIR"), "data", "rules", "veiviser-rules.json", NULL);
}

static VvRules *
load_source_rules (void)
{
  g_autofree char *path = rules_path ();
  g_autoptr(GError) error = NULL;
  VvRules *rules = vv_rules_new_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rules);
  return rules;
}

/* The program carries the rule file without its layout (the build's copy,
 * data/rules/ledger-part.py): the same data, a quarter fewer bytes to read
 * before the guide's first question is shown. */
static void
test_builtin_is_compact_copy (void)
{
  g_autofree char *path = rules_path ();
  g_autofree char *source = NULL;
  g_autoptr(GBytes) builtin = NULL;
  g_autoptr(JsonNode) from_source = NULL;
  g_autoptr(JsonNode) from_builtin = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;

  builtin = g_resources_lookup_data ("/io/github/veiviser/Veiviser/core/rules/veiviser-rules.json",
                                     0, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &source, &len, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (builtin), <, len * 4 / 5);
  from_source = json_from_string (source, &error);
  g_assert_no_error (error);
  from_builtin = json_from_string (g_bytes_get_data (builtin, NULL), &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (from_source, from_builtin));
}

static void
test_load_default (void)
{
  VvRules *rules = vv_rules_get_default ();
  g_autoptr(VvRules) source = load_source_rules ();

  g_assert_cmpstr (vv_rules_get_version (rules), !=, "");
  g_assert_nonnull (vv_rules_lookup_node (rules, vv_rules_get_start (rules)));
  /* The compiled-in copy is the source file */
  g_assert_cmpstr (vv_rules_get_version (rules), ==, vv_rules_get_version (source));
  g_assert_cmpuint (vv_rules_get_nodes (rules)->len, ==, vv_rules_get_nodes (source)->len);
}

/* The built-in rules parse the guide's part (facts, nodes, citations, the
 * respite table, the glossary) only when it is first asked for, so a ledger
 * split does not pay for it; what it then holds is what parsing the file
 * whole gives. */
static void
test_default_deferred (void)
{
  if (g_test_subprocess ())
    {
      VvRules *rules = vv_rules_get_default ();
      g_autoptr(VvRules) source = load_source_rules ();
      int year;
      gint64 s257, s258;
      GPtrArray *lists[2][7];

      /* What the split uses */
      g_assert_nonnull (vv_rules_lookup_function (rules, "254"));
      g_assert_true (vv_rules_is_home_service (rules, "257", 2024));
      g_assert_cmpstr (vv_rules_map_function_for_year (rules, "254", 2024, NULL), ==,
                       vv_rules_map_function_for_year (source, "254", 2024, NULL));
      g_assert_cmpuint (vv_rules_get_ledger_checks (rules)->len, >, 0);
      g_assert_true (vv_rules_get_national_share (rules, &year, &s257, &s258, NULL));
      g_assert_nonnull (g_atomic_pointer_get (&rules->deferred));

      g_assert_nonnull (vv_rules_lookup_node (rules, vv_rules_get_start (rules)));
      g_assert_null (g_atomic_pointer_get (&rules->deferred));
      for (guint k = 0; k < 2; k++)
        {
          VvRules *r = k == 0 ? rules : source;

          lists[k][0] = vv_rules_get_facts (r);
          lists[k][1] = vv_rules_get_nodes (r);
          lists[k][2] = vv_rules_get_citations (r);
          lists[k][3] = vv_rules_get_functions (r);
          lists[k][4] = vv_rules_get_year_rules (r);
          lists[k][5] = vv_rules_get_respite_rows (r);
          lists[k][6] = vv_rules_get_glossary (r);
        }
      for (guint i = 0; i < G_N_ELEMENTS (lists[0]); i++)
        {
          g_assert_cmpuint (lists[0][i]->len, >, 0);
          g_assert_cmpuint (lists[0][i]->len, ==, lists[1][i]->len);
        }
      for (guint i = 0; i < lists[1][1]->len; i++)
        {
          const VvNode *n = g_ptr_array_index (lists[1][1], i);

          g_assert_nonnull (vv_rules_lookup_node (rules, n->id));
        }
      for (guint i = 0; i < lists[1][2]->len; i++)
        {
          const VvCitation *c = g_ptr_array_index (lists[1][2], i);

          g_assert_nonnull (vv_rules_lookup_citation (rules, c->id));
        }
      g_assert_true (vv_rules_validate (rules, NULL));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* --- The exhaustive walk -------------------------------------------------
 * Depth-first over every answer at every question: each enum/boolean value,
 * and for integer facts every value of the domain is checked to match
 * exactly one branch (no gap, no overlap) while the walk descends with each
 * branch's boundary values. Every complete set of answers must end in
 * exactly one outcome node, whose allocations sum to 100.
 *
 * Goal-driven questions: each subtree returns the set of outcomes (what is
 * booked: the kind of outcome, the functions after the year rules and the
 * alternatives) its answers can reach. Where the classifier asks a question,
 * at least two answers must lead to different sets, given the facts known on
 * that path and the year; where it does not ask (nothing can change any
 * more), every answer must lead to the one outcome it gave. Every question
 * node must be asked somewhere. Done for every year the rules cover. */

typedef struct
{
  VvRules    *rules;
  int         year;
  guint       leaves;
  guint       asked;
  guint       collapsed;
  GHashTable *outcomes_reached;
  GHashTable *nodes_asked;
  GString    *failures;
} Walk;

static guint
count_matching_branches (const VvNode *node, const VvFact *fact, const char *value)
{
  guint n = 0;

  for (guint i = 0; i < node->branches->len; i++)
    {
      const VvBranch *b = g_ptr_array_index (node->branches, i);

      if (fact->type == VV_FACT_INTEGER)
        {
          gint64 v = g_ascii_strtoll (value, NULL, 10);

          if (b->values == NULL && v >= b->min && v <= b->max)
            n++;
        }
      else if (b->values != NULL && g_strv_contains ((const char * const *) b->values, value))
        n++;
    }
  return n;
}

static void
set_fact (JsonObject *facts, const VvFact *fact, const char *value)
{
  if (fact->type == VV_FACT_INTEGER)
    json_object_set_int_member (facts, fact->id, g_ascii_strtoll (value, NULL, 10));
  else if (fact->type == VV_FACT_BOOLEAN)
    json_object_set_boolean_member (facts, fact->id, g_str_equal (value, "true"));
  else
    json_object_set_string_member (facts, fact->id, value);
}

static JsonObject *
copy_facts (JsonObject *facts)
{
  JsonObject *copy = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (facts);

  for (GList *l = members; l; l = l->next)
    json_object_set_member (copy, l->data, json_node_copy (json_object_get_member (facts, l->data)));
  return copy;
}

static GHashTable *
signature_set_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* What is booked, independent of the classifier's own bookkeeping. */
static char *
result_signature (VvResult *r)
{
  g_autoptr(GString) s = g_string_new (r->outcome);
  g_autoptr(GPtrArray) functions = g_ptr_array_new ();

  for (guint i = 0; i < r->allocations->len; i++)
    g_ptr_array_add (functions, g_array_index (r->allocations, VvAllocation, i).function);
  g_ptr_array_sort (functions, (GCompareFunc) strcmp_ptr);
  for (guint i = 0; i < functions->len; i++)
    g_string_append_printf (s, " %s", (char *) g_ptr_array_index (functions, i));
  for (guint i = 0; i < r->alternatives->len; i++)
    g_string_append_printf (s, " alt:%s", (char *) g_ptr_array_index (r->alternatives, i));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
set_union (GHashTable *into, GHashTable *from)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (into, g_strdup (key));
}

static gboolean
set_equal (GHashTable *a, GHashTable *b)
{
  GHashTableIter iter;
  gpointer key;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (b, key))
      return FALSE;
  return TRUE;
}

static char *
set_to_string (GHashTable *set)
{
  g_autofree const char **keys = (const char **) g_hash_table_get_keys_as_array (set, NULL);
  g_autofree char *joined = NULL;

  qsort (keys, g_hash_table_size (set), sizeof (char *), strcmp_ptr);
  joined = g_strjoinv (" | ", (char **) keys);
  return g_strdup_printf ("{%s}", joined);
}

static GHashTable *walk_node (Walk *w, const VvNode *node, JsonObject *facts);

static GHashTable *
check_leaf (Walk *w, const VvNode *leaf, JsonObject *facts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VvResult) r = vv_classify (w->rules, w->year, facts, &error);
  GHashTable *reached = signature_set_new ();
  int sum = 0;

  w->leaves++;
  if (r == NULL)
    {
      g_string_append_printf (w->failures, "%s: classify failed: %s\n", leaf->id, error->message);
      return reached;
    }
  if (g_strcmp0 (r->outcome_node, leaf->id) != 0)
    {
      g_string_append_printf (w->failures, "expected outcome %s, got %s\n", leaf->id,
                              r->outcome_node ? r->outcome_node : r->outcome);
      return reached;
    }
  g_hash_table_add (reached, result_signature (r));
  g_hash_table_add (w->outcomes_reached, leaf->id);
  for (guint i = 0; i < r->allocations->len; i++)
    {
      VvAllocation *a = &g_array_index (r->allocations, VvAllocation, i);

      sum += a->percent;
      if (!vv_rules_function_valid_in_year (w->rules, a->function, w->year))
        g_string_append_printf (w->failures, "%s: function %s is not valid in %d\n",
                                leaf->id, a->function, w->year);
      if (a->percent <= 0)
        g_string_append_printf (w->failures, "%s: allocation of %d %%\n", leaf->id, a->percent);
    }
  if (g_str_equal (r->outcome, "outside_kostra"))
    {
      if (r->allocations->len != 0)
        g_string_append_printf (w->failures, "%s: outside KOSTRA with allocations\n", leaf->id);
    }
  else if (sum != 100)
    g_string_append_printf (w->failures, "%s: allocations sum to %d\n", leaf->id, sum);
  if (r->rules->len == 0 || r->explanation == NULL || *r->explanation == '\0')
    g_string_append_printf (w->failures, "%s: no rule or explanation\n", leaf->id);
  return reached;
}

static GHashTable *
walk_question (Walk *w, const VvNode *node, JsonObject *facts)
{
  const VvFact *fact = vv_rules_lookup_fact (w->rules, node->fact);
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) per_answer = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autofree char *collapsed = NULL;
  JsonNode *existing = json_object_get_member (facts, node->fact);
  gboolean asked = FALSE;
  GHashTable *reached = signature_set_new ();

  /* Unanswered: the classifier either asks exactly this fact, or (when no
   * answer can change anything any more) gives the outcome at once. */
  if (existing == NULL && fact->default_value == NULL)
    {
      g_autoptr(VvResult) r = vv_classify (w->rules, w->year, facts, NULL);

      if (r != NULL && g_str_equal (r->outcome, "needs_answer") && r->missing->len == 1 &&
          g_strcmp0 (g_ptr_array_index (r->missing, 0), fact->id) == 0)
        {
          asked = TRUE;
          w->asked++;
          g_hash_table_add (w->nodes_asked, node->id);
        }
      else if (r != NULL && !g_str_equal (r->outcome, "needs_answer"))
        {
          collapsed = result_signature (r);
          w->collapsed++;
        }
      else
        g_string_append_printf (w->failures, "%s: an unanswered %s gave neither the question nor an outcome\n",
                                node->id, fact->id);
    }
  else if (existing == NULL)
    {
      /* a fact with a default is never asked, but its answers must matter */
      asked = TRUE;
      g_hash_table_add (w->nodes_asked, node->id);
    }

  if (fact->type == VV_FACT_INTEGER)
    {
      /* no gap, no overlap over the whole domain */
      for (gint64 v = fact->min; v <= fact->max; v++)
        {
          g_autofree char *s = g_strdup_printf ("%" G_GINT64_FORMAT, v);
          guint n = count_matching_branches (node, fact, s);

          if (n != 1)
            g_string_append_printf (w->failures, "%s: %s = %s matches %u branches\n",
                                    node->id, fact->id, s, n);
        }
      for (guint i = 0; i < node->branches->len; i++)
        {
          const VvBranch *b = g_ptr_array_index (node->branches, i);

          g_ptr_array_add (candidates, g_strdup_printf ("%" G_GINT64_FORMAT, b->min));
          if (b->max != b->min)
            g_ptr_array_add (candidates, g_strdup_printf ("%" G_GINT64_FORMAT, b->max));
          if (b->max - b->min > 1)
            g_ptr_array_add (candidates, g_strdup_printf ("%" G_GINT64_FORMAT, (b->min + b->max) / 2));
        }
    }
  else
    {
      for (guint i = 0; i < fact->values->len; i++)
        {
          VvFactValue *v = g_ptr_array_index (fact->values, i);
          guint n = count_matching_branches (node, fact, v->id);

          if (n != 1)
            g_string_append_printf (w->failures, "%s: %s = %s matches %u branches\n",
                                    node->id, fact->id, v->id, n);
          g_ptr_array_add (candidates, g_strdup (v->id));
        }
    }

  for (guint i = 0; i < candidates->len; i++)
    {
      const char *value = g_ptr_array_index (candidates, i);
      g_autoptr(JsonObject) next_facts = NULL;
      GHashTable *answer_reached = signature_set_new ();

      if (existing != NULL)
        {
          /* A fact asked twice on one path keeps its first answer */
          g_autoptr(JsonObject) probe = json_object_new ();
          g_autoptr(JsonNode) probe_node = NULL;

          set_fact (probe, fact, value);
          probe_node = json_node_copy (json_object_get_member (probe, fact->id));
          if (!json_node_equal (probe_node, existing))
            {
              g_hash_table_unref (answer_reached);
              continue;
            }
        }
      next_facts = copy_facts (facts);
      set_fact (next_facts, fact, value);
      for (guint j = 0; j < node->branches->len; j++)
        {
          const VvBranch *b = g_ptr_array_index (node->branches, j);
          gboolean match = fact->type == VV_FACT_INTEGER
            ? (g_ascii_strtoll (value, NULL, 10) >= b->min && g_ascii_strtoll (value, NULL, 10) <= b->max)
            : g_strv_contains ((const char * const *) b->values, value);

          if (match)
            {
              g_autoptr(GHashTable) sub = walk_node (w, vv_rules_lookup_node (w->rules, b->next), next_facts);

              set_union (answer_reached, sub);
            }
        }
      set_union (reached, answer_reached);
      g_ptr_array_add (per_answer, answer_reached);
    }

  if (asked)
    {
      gboolean differs = FALSE;

      for (guint i = 1; i < per_answer->len && !differs; i++)
        differs = !set_equal (g_ptr_array_index (per_answer, 0), g_ptr_array_index (per_answer, i));
      if (!differs)
        {
          g_autofree char *set = set_to_string (reached);

          g_string_append_printf (w->failures, "%s: irrelevant question in %d: every answer to %s leads to %s\n",
                                  node->id, w->year, fact->id, set);
        }
    }
  if (collapsed != NULL && (g_hash_table_size (reached) != 1 || !g_hash_table_contains (reached, collapsed)))
    {
      g_autofree char *set = set_to_string (reached);

      g_string_append_printf (w->failures, "%s: not asked in %d, but its answers lead to %s, not only %s\n",
                              node->id, w->year, set, collapsed);
    }
  return reached;
}

static GHashTable *
walk_node (Walk *w, const VvNode *node, JsonObject *facts)
{
  if (node->kind == VV_NODE_OUTCOME)
    return check_leaf (w, node, facts);
  return walk_question (w, node, facts);
}

static void
run_walk (VvRules *rules, int year, GString *failures, guint *leaves)
{
  Walk w = { rules, year, 0, 0, 0, g_hash_table_new (g_str_hash, g_str_equal),
             g_hash_table_new (g_str_hash, g_str_equal), failures };
  g_autoptr(JsonObject) facts = json_object_new ();
  g_autoptr(GHashTable) reached = NULL;
  GPtrArray *nodes = vv_rules_get_nodes (rules);

  reached = walk_node (&w, vv_rules_lookup_node (rules, vv_rules_get_start (rules)), facts);
  for (guint i = 0; i < nodes->len; i++)
    {
      VvNode *n = g_ptr_array_index (nodes, i);

      if (n->kind == VV_NODE_OUTCOME && !g_hash_table_contains (w.outcomes_reached, n->id))
        g_string_append_printf (failures, "outcome %s is never reached\n", n->id);
      /* From 2024 (257 and 258 in use) every question must be asked somewhere. */
      if (n->kind == VV_NODE_QUESTION && year >= 2024 && !g_hash_table_contains (w.nodes_asked, n->id))
        g_string_append_printf (failures, "question %s is never asked in %d\n", n->id, year);
    }
  g_test_message ("%d: %u questions asked, %u left out as irrelevant", year, w.asked, w.collapsed);
  *leaves = w.leaves;
  g_hash_table_unref (w.outcomes_reached);
  g_hash_table_unref (w.nodes_asked);
}

static void
test_exhaustive (void)
{
  g_autoptr(VvRules) rules = load_source_rules ();

  /* 2023 and 2024 first: the years on either side of the split */
  for (int year = 2023; year <= vv_rules_get_max_year (rules); year++)
    {
      g_autoptr(GString) failures = g_string_new (NULL);
      guint leaves = 0;

      run_walk (rules, year, failures, &leaves);
      g_test_message ("%d: %u complete answer sets walked", year, leaves);
      g_assert_cmpstr (failures->str, ==, "");
      g_assert_cmpuint (leaves, >, 40);
      if (year == 2024)
        year = vv_rules_get_min_year (rules) - 1;
      else if (year == 2022)
        year = 2024;
    }
}

/* --- Broken rule data ----------------------------------------------------
 * Each mutation of the real file must be refused with a reason. */

static JsonObject *
find_by_id (JsonArray *array, const char *id)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (o, "id", ""), id) == 0)
        return o;
    }
  g_assert_not_reached ();
  return NULL;
}

typedef void (*Mutation) (JsonObject *root);

static JsonArray *
nodes_of (JsonObject *root)
{
  return json_object_get_array_member (root, "nodes");
}

static JsonArray *
branches_of (JsonObject *root, const char *node)
{
  return json_object_get_array_member (find_by_id (nodes_of (root), node), "branches");
}

static void
mutate_gap_enum (JsonObject *root)
{
  json_array_remove_element (branches_of (root, "q-residence"), 1);
}

static void
mutate_overlap_enum (JsonObject *root)
{
  JsonObject *b = json_array_get_object_element (branches_of (root, "q-provider"), 0);

  json_array_add_string_element (json_object_get_array_member (b, "values"), "other_unit");
}

static void
mutate_gap_range (JsonObject *root)
{
  JsonObject *b = json_array_get_object_element (branches_of (root, "q-respite-age"), 1);

  json_object_set_int_member (b, "max", 28);
}

static void
mutate_overlap_range (JsonObject *root)
{
  JsonObject *b = json_array_get_object_element (branches_of (root, "q-age"), 1);

  json_object_set_int_member (b, "min", 17);
}

static void
mutate_unknown_next (JsonObject *root)
{
  JsonObject *b = json_array_get_object_element (branches_of (root, "q-item"), 0);

  json_object_set_string_member (b, "next", "q-nowhere");
}

static void
mutate_unknown_citation (JsonObject *root)
{
  JsonObject *n = find_by_id (nodes_of (root), "o-257");
  JsonArray *r = json_array_new ();

  json_array_add_string_element (r, "257-pres-99");
  json_object_set_array_member (n, "rules", r);
}

static void
mutate_bad_percent (JsonObject *root)
{
  JsonObject *n = find_by_id (nodes_of (root), "o-258-ambulant");
  JsonObject *a = json_array_get_object_element (json_object_get_array_member (n, "allocations"), 0);

  json_object_set_int_member (a, "percent", 90);
}

static void
mutate_cycle (JsonObject *root)
{
  JsonObject *b = json_array_get_object_element (branches_of (root, "q-shared-rota"), 1);

  json_object_set_string_member (b, "next", "q-provider");
}

static void
mutate_unreachable (JsonObject *root)
{
  JsonObject *b = json_array_get_object_element (branches_of (root, "q-item"), 9);

  json_object_set_string_member (b, "next", "o-265-building");
}

static void
mutate_unknown_fact (JsonObject *root)
{
  json_object_set_string_member (find_by_id (nodes_of (root), "q-age"), "fact", "user_height");
}

static void
mutate_unknown_function (JsonObject *root)
{
  JsonObject *n = find_by_id (nodes_of (root), "o-840");
  JsonObject *a = json_array_get_object_element (json_object_get_array_member (n, "allocations"), 0);

  json_object_set_string_member (a, "function", "999");
}

static void
mutate_no_explanation (JsonObject *root)
{
  json_object_remove_member (find_by_id (nodes_of (root), "o-234"), "explanation");
}

static void
mutate_citation_without_lines (JsonObject *root)
{
  json_object_remove_member (find_by_id (json_object_get_array_member (root, "citations"), "257-pres-4"),
                             "lines");
}

static void
mutate_year_rule_unknown_function (JsonObject *root)
{
  JsonObject *y = json_array_get_object_element (json_object_get_array_member (root, "year_rules"), 0);

  json_object_set_string_member (json_object_get_object_member (y, "map"), "257", "259");
}

static JsonObject *
ledger_check (JsonObject *root, const char *finding)
{
  JsonArray *checks = json_object_get_array_member (root, "ledger_checks");

  for (guint i = 0; i < json_array_get_length (checks); i++)
    {
      JsonObject *c = json_array_get_object_element (checks, i);

      if (g_str_equal (json_object_get_string_member (c, "finding"), finding))
        return c;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
set_arts (JsonObject *check, gint64 min, gint64 max)
{
  JsonArray *arts = json_array_new ();
  JsonArray *range = json_array_new ();

  json_array_add_int_element (range, min);
  json_array_add_int_element (range, max);
  json_array_add_array_element (arts, range);
  json_object_set_array_member (check, "arts", arts);
}

static void
mutate_ledger_check_unknown_finding (JsonObject *root)
{
  json_object_set_string_member (ledger_check (root, "rent-income"), "finding", "rent");
}

static void
mutate_ledger_check_overlap (JsonObject *root)
{
  set_arts (ledger_check (root, "hvpu-grant"), 635, 640);
}

static void
mutate_ledger_check_bad_range (JsonObject *root)
{
  set_arts (ledger_check (root, "rent-income"), 639, 630);
}

static void
mutate_ledger_check_out_of_range (JsonObject *root)
{
  set_arts (ledger_check (root, "rent-income"), 630, 1630);
}

static void
mutate_ledger_check_unknown_function (JsonObject *root)
{
  json_object_set_string_member (ledger_check (root, "hvpu-grant"), "function", "841");
}

static void
mutate_ledger_check_unknown_citation (JsonObject *root)
{
  json_object_set_string_member (ledger_check (root, "building-maintenance"), "citation",
                                 "257-pres-77");
}

static void
mutate_ledger_check_no_arts (JsonObject *root)
{
  json_object_set_array_member (ledger_check (root, "rent-income"), "arts", json_array_new ());
}

static void
test_broken (gconstpointer data)
{
  Mutation mutate = (Mutation) data;
  g_autofree char *path = rules_path ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(VvRules) rules = NULL;
  gsize len;
  char *text;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  mutate (json_node_get_object (json_parser_get_root (parser)));
  json_generator_set_root (gen, json_parser_get_root (parser));
  text = json_generator_to_data (gen, &len);
  bytes = g_bytes_new_take (text, len);
  rules = vv_rules_new_from_bytes (bytes, &error);
  g_assert_null (rules);
  g_assert_error (error, VV_RULES_ERROR, VV_RULES_ERROR_INVALID);
  g_test_message ("refused: %s", error->message);
}

/* --- Irrelevant questions ------------------------------------------------
 * Rule data that loads (the graph is sound) but asks a question no answer to
 * which can change what is booked must fail the walk. */

static JsonObject *
question_node (const char *id, const char *fact)
{
  JsonObject *n = json_object_new ();

  json_object_set_string_member (n, "id", id);
  json_object_set_string_member (n, "fact", fact);
  json_object_set_string_member (n, "title", "?");
  json_object_set_array_member (n, "branches", json_array_new ());
  return n;
}

static void
add_branch (JsonObject *node, const char *value, const char *next)
{
  JsonObject *b = json_object_new ();
  JsonArray *values = json_array_new ();

  json_array_add_string_element (values, value);
  json_object_set_array_member (b, "values", values);
  json_object_set_string_member (b, "next", next);
  json_array_add_object_element (json_object_get_array_member (node, "branches"), b);
}

/* "Which service?" before the residence: BPA follows the same rules. */
static void
irrelevant_service (JsonObject *root)
{
  JsonObject *q = question_node ("q-irrelevant", "service");
  JsonObject *b = json_array_get_object_element (branches_of (root, "q-municipal"), 0);

  add_branch (q, "home_health", "q-residence");
  add_branch (q, "practical_assistance", "q-residence");
  add_branch (q, "bpa", "q-residence");
  json_array_add_object_element (nodes_of (root), q);
  json_object_set_string_member (b, "next", "q-irrelevant");
}

/* Two different outcome nodes that book the same: still irrelevant. */
static void
irrelevant_same_function (JsonObject *root)
{
  JsonObject *q = question_node ("q-irrelevant", "shared_rota");
  JsonObject *b = json_array_get_object_element (branches_of (root, "q-provider"), 1);

  add_branch (q, "true", "o-258-other-unit");
  add_branch (q, "false", "o-258-ambulant");
  json_array_add_object_element (nodes_of (root), q);
  json_object_set_string_member (b, "next", "q-irrelevant");
}

static void
test_irrelevant_question (gconstpointer data)
{
  Mutation mutate = (Mutation) data;
  g_autofree char *path = rules_path ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(VvRules) rules = NULL;
  g_autoptr(GString) failures = g_string_new (NULL);
  guint leaves = 0;
  gsize len;
  char *text;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  mutate (json_node_get_object (json_parser_get_root (parser)));
  json_generator_set_root (gen, json_parser_get_root (parser));
  text = json_generator_to_data (gen, &len);
  bytes = g_bytes_new_take (text, len);
  rules = vv_rules_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  run_walk (rules, 2024, failures, &leaves);
  g_test_message ("%s", failures->str);
  /* either asked without mattering, or (the classifier being goal-driven) never asked */
  g_assert_true (strstr (failures->str, "q-irrelevant: irrelevant question in 2024") != NULL ||
                 strstr (failures->str, "question q-irrelevant is never asked in 2024") != NULL);
}

static void
test_broken_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "rules-broken-gap.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VvRules) rules = vv_rules_new_from_file (path, &error);

  g_assert_null (rules);
  g_assert_error (error, VV_RULES_ERROR, VV_RULES_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "gap"));
}

static void
test_not_rules (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) b1 = g_bytes_new_static ("{\"format\": \"other/1\"}", 21);
  g_autoptr(GBytes) b2 = g_bytes_new_static ("[1,2", 4);
  g_autoptr(VvRules) r1 = vv_rules_new_from_bytes (b1, &error);

  g_assert_null (r1);
  g_assert_error (error, VV_RULES_ERROR, VV_RULES_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_null (vv_rules_new_from_bytes (b2, &error));
  g_assert_error (error, VV_RULES_ERROR, VV_RULES_ERROR_PARSE);
}

/* --- Citations: every quote is in its document at the cited lines -------- */

static char *
normalise (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0 && out->str[out->len - 1] != '-' && out->str[out->len - 1] != '/')
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_citations_in_seed (void)
{
  VvRules *rules = vv_rules_get_default ();
  GPtrArray *citations = vv_rules_get_citations (rules);
  const char *shared = g_getenv ("VEIVISER_SHARED_DIR");

  if (shared == NULL || !g_file_test (shared, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("the seed documents (../shared) are not available");
      return;
    }
  g_assert_cmpuint (citations->len, >=, 30);
  for (guint i = 0; i < citations->len; i++)
    {
      VvCitation *c = g_ptr_array_index (citations, i);
      g_autofree char *path = g_build_filename (shared, "seeds", c->document, NULL);
      g_autofree char *contents = NULL;
      g_auto(GStrv) lines = NULL;
      g_autoptr(GString) span = g_string_new (NULL);
      g_autofree char *quote = normalise (c->text);
      g_autofree char *haystack = NULL;

      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      lines = g_strsplit (contents, "\n", -1);
      g_assert_cmpuint (c->line_to, <=, g_strv_length (lines));
      for (guint l = c->line_from; l <= c->line_to; l++)
        g_string_append_printf (span, "%s\n", lines[l - 1]);
      haystack = normalise (span->str);
      if (strstr (haystack, quote) == NULL)
        g_error ("citation %s: the quote is not at %s lines %u-%u", c->id, c->document,
                 c->line_from, c->line_to);
      /* and the range is tight: the quote starts on the first line and ends on the last */
      g_assert_nonnull (c->source);
    }
}

static void
test_year_rules (void)
{
  VvRules *rules = vv_rules_get_default ();
  const VvYearRule *applied = NULL;

  g_assert_cmpstr (vv_rules_map_function_for_year (rules, "257", 2023, &applied), ==, "254");
  g_assert_nonnull (applied);
  g_assert_cmpstr (vv_rules_map_function_for_year (rules, "258", 2019, NULL), ==, "254");
  g_assert_cmpstr (vv_rules_map_function_for_year (rules, "257", 2024, &applied), ==, "257");
  g_assert_null (applied);
  g_assert_cmpstr (vv_rules_map_function_for_year (rules, "253", 2023, NULL), ==, "253");
  g_assert_false (vv_rules_function_valid_in_year (rules, "254", 2024));
  g_assert_true (vv_rules_function_valid_in_year (rules, "254", 2023));
  g_assert_false (vv_rules_function_valid_in_year (rules, "257", 2023));
  g_assert_true (vv_rules_function_valid_in_year (rules, "258", 2025));
  g_assert_true (vv_rules_is_home_service (rules, "254", 2023));
  g_assert_false (vv_rules_is_home_service (rules, "254", 2024));
  g_assert_true (vv_rules_is_home_service (rules, "257", 2024));
  g_assert_false (vv_rules_is_home_service (rules, "253", 2024));
}

/* The respite table and the decision graph are two views of one rule: they
 * must agree cell by cell. */
static void
test_respite_table_matches_graph (void)
{
  VvRules *rules = vv_rules_get_default ();
  GPtrArray *rows = vv_rules_get_respite_rows (rules);

  g_assert_cmpuint (rows->len, ==, 4);
  for (guint i = 0; i < rows->len; i++)
    {
      VvRespiteRow *row = g_ptr_array_index (rows, i);
      int ages[] = { row->age_min, row->age_max >= 0 ? row->age_max : 67 };

      for (guint a = 0; a < 2; a++)
        for (int overnight = 0; overnight <= 1; overnight++)
          {
            g_autoptr(JsonObject) facts = json_object_new ();
            g_autoptr(VvResult) r = NULL;
            g_autoptr(GError) error = NULL;
            const char *expect = overnight ? row->overnight : row->day;

            json_object_set_string_member (facts, "item", "respite");
            json_object_set_string_member (facts, "respite_kpr", row->kpr);
            json_object_set_string_member (facts, "respite_place", row->place);
            json_object_set_boolean_member (facts, "respite_overnight", overnight);
            json_object_set_int_member (facts, "user_age", ages[a]);
            json_object_set_boolean_member (facts, "parents_home_base", FALSE);
            json_object_set_string_member (facts, "provider", "attached_base");
            json_object_set_boolean_member (facts, "single_user_base", FALSE);
            json_object_set_boolean_member (facts, "shared_rota", FALSE);
            r = vv_classify (rules, 2024, facts, &error);
            g_assert_no_error (error);
            g_assert_cmpstr (r->outcome, ==, "function");
            g_assert_cmpstr (g_array_index (r->allocations, VvAllocation, 0).function, ==, expect);
          }
      g_assert_true (vv_rules_lookup_respite (rules, row->kpr, row->place, row->age_min) == row);
    }
  g_assert_nonnull (vv_rules_lookup_note (rules, "29"));
  g_assert_cmpuint (vv_rules_get_respite_advice (rules)->len, >=, 2);
}

static void
test_glossary_and_national (void)
{
  VvRules *rules = vv_rules_get_default ();
  GPtrArray *glossary = vv_rules_get_glossary (rules);
  const char *needed[] = { "bofellesskap", "personellbase", "enetiltak", "felles turnus", "KPR" };
  int year = 0;
  gint64 f257 = 0, f258 = 0;

  for (guint i = 0; i < G_N_ELEMENTS (needed); i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < glossary->len; j++)
        if (g_str_equal (((VvGlossaryEntry *) g_ptr_array_index (glossary, j))->term, needed[i]))
          found = TRUE;
      g_assert_true (found);
    }
  g_assert_true (vv_rules_get_national_share (rules, &year, &f257, &f258, NULL));
  g_assert_cmpint (year, ==, 2024);
  g_assert_cmpint (f257, ==, 50184);
  g_assert_cmpint (f258, ==, 43821);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rules/load-default", test_load_default);
  g_test_add_func ("/rules/default-deferred", test_default_deferred);
  g_test_add_func ("/rules/exhaustive", test_exhaustive);
  g_test_add_data_func ("/rules/broken/gap-enum", mutate_gap_enum, test_broken);
  g_test_add_data_func ("/rules/broken/overlap-enum", mutate_overlap_enum, test_broken);
  g_test_add_data_func ("/rules/broken/gap-range", mutate_gap_range, test_broken);
  g_test_add_data_func ("/rules/broken/overlap-range", mutate_overlap_range, test_broken);
  g_test_add_data_func ("/rules/broken/unknown-next", mutate_unknown_next, test_broken);
  g_test_add_data_func ("/rules/broken/unknown-citation", mutate_unknown_citation, test_broken);
  g_test_add_data_func ("/rules/broken/bad-percent", mutate_bad_percent, test_broken);
  g_test_add_data_func ("/rules/broken/cycle", mutate_cycle, test_broken);
  g_test_add_data_func ("/rules/broken/unreachable", mutate_unreachable, test_broken);
  g_test_add_data_func ("/rules/broken/unknown-fact", mutate_unknown_fact, test_broken);
  g_test_add_data_func ("/rules/broken/unknown-function", mutate_unknown_function, test_broken);
  g_test_add_data_func ("/rules/broken/no-explanation", mutate_no_explanation, test_broken);
  g_test_add_data_func ("/rules/broken/citation-without-lines", mutate_citation_without_lines, test_broken);
  g_test_add_data_func ("/rules/broken/year-rule-unknown-function", mutate_year_rule_unknown_function, test_broken);
  g_test_add_data_func ("/rules/broken/ledger-check-unknown-finding",
                        mutate_ledger_check_unknown_finding, test_broken);
  g_test_add_data_func ("/rules/broken/ledger-check-overlap", mutate_ledger_check_overlap,
                        test_broken);
  g_test_add_data_func ("/rules/broken/ledger-check-bad-range", mutate_ledger_check_bad_range,
                        test_broken);
  g_test_add_data_func ("/rules/broken/ledger-check-out-of-range",
                        mutate_ledger_check_out_of_range, test_broken);
  g_test_add_data_func ("/rules/broken/ledger-check-unknown-function",
                        mutate_ledger_check_unknown_function, test_broken);
  g_test_add_data_func ("/rules/broken/ledger-check-unknown-citation",
                        mutate_ledger_check_unknown_citation, test_broken);
  g_test_add_data_func ("/rules/broken/ledger-check-no-arts", mutate_ledger_check_no_arts,
                        test_broken);
  g_test_add_func ("/rules/broken/file", test_broken_file);
  g_test_add_data_func ("/rules/irrelevant/service", irrelevant_service, test_irrelevant_question);
  g_test_add_data_func ("/rules/irrelevant/same-function", irrelevant_same_function,
                        test_irrelevant_question);
  g_test_add_func ("/rules/not-rules", test_not_rules);
  g_test_add_func ("/rules/citations-in-seed", test_citations_in_seed);
  g_test_add_func ("/rules/year-rules", test_year_rules);
  g_test_add_func ("/rules/respite-table-matches-graph", test_respite_table_matches_graph);
  g_test_add_func ("/rules/glossary-and-national", test_glossary_and_national);
  g_test_add_func ("/rules/builtin-is-compact-copy", test_builtin_is_compact_copy);

  return g_test_run ();
}
