/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-unit-guide"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "vv-json-private.h"
#include "vv-unit-guide.h"

/* The unit guide: how one unit's (ansvar's) costs split between 257 and 258
 * (253 for a children's base). One user's service is the classifier's job;
 * a unit's split is the weighted sum of its employees, each split only if
 * each part is at least 20 % (SSB Notater 2024/22 lines 1629-1633 and
 * 2271-2277), else booked wholly on the larger part. */

#define VV_UNIT_FORMAT "veiviser-unit/1"

G_DEFINE_QUARK (vv-unit-error-quark, vv_unit_error)

static const char *known_fields[] = {
  "format", "ansvar", "name", "year", "facts", "staff", "note", "expected", NULL
};
static const char *known_facts[] = {
  "attached_dwellings", "shared_rota", "single_user_base", "children", NULL
};
static const char *known_staff_fields[] = {
  "hours_dwellings", "hours_outside", "salary", "name", NULL
};

typedef struct
{
  const char *text;
  const char *filename;
} Source;

/* The line of a field's key: the n-th occurrence of "key" after "after". */
static guint
find_line (const Source *src,
           const char   *after,
           guint         index,
           const char   *key)
{
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", key);
  const char *at = src->text;

  if (after != NULL)
    {
      g_autofree char *quoted_after = g_strdup_printf ("\"%s\"", after);

      at = strstr (at, quoted_after);
      if (at == NULL)
        return 0;
    }
  for (guint i = 0; at != NULL && i <= index; i++)
    {
      at = strstr (i == 0 ? at : at + 1, quoted);
    }
  return at != NULL ? _vv_json_line_of_offset (src->text, (gsize) (at - src->text)) : 0;
}

static gboolean
field_error (GError      **error,
             const Source *src,
             guint         line,
             const char   *field,
             const char   *message)
{
  if (line > 0)
    g_set_error (error, VV_UNIT_ERROR, VV_UNIT_ERROR_FIELD, _("%s:%u: field “%s”: %s"),
                 src->filename, line, field, message);
  else
    g_set_error (error, VV_UNIT_ERROR, VV_UNIT_ERROR_FIELD, _("%s: field “%s”: %s"),
                 src->filename, field, message);
  return FALSE;
}

static gboolean
get_number (JsonNode *node,
            double   *out)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *out = (double) json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *out = json_node_get_double (node);
  else
    return FALSE;
  return isfinite (*out);
}

static void
warn_unknown (VvUnitFile      *unit,
              JsonObject  *object,
              const char **known,
              const char  *prefix)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      g_ptr_array_add (unit->warnings, g_strdup_printf (_("unknown field “%s%s” ignored"),
                                                        prefix, (char *) l->data));
}

static gboolean
read_facts (VvUnitFile       *unit,
            JsonObject   *facts,
            const Source *src,
            GError      **error)
{
  struct { const char *id; gboolean *value; } map[] = {
    { "attached_dwellings", &unit->attached_dwellings },
    { "shared_rota", &unit->shared_rota },
    { "single_user_base", &unit->single_user_base },
    { "children", &unit->children },
  };

  warn_unknown (unit, facts, known_facts, "facts.");
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    {
      JsonNode *node = json_object_get_member (facts, map[i].id);
      g_autofree char *field = g_strdup_printf ("facts.%s", map[i].id);

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return field_error (error, src, find_line (src, "facts", 0, map[i].id), field,
                            _("must be true or false"));
      *map[i].value = json_node_get_boolean (node);
    }
  return TRUE;
}

static gboolean
read_staff (VvUnitFile       *unit,
            JsonArray    *staff,
            const Source *src,
            GError      **error)
{
  guint with_salary = 0;

  if (json_array_get_length (staff) == 0)
    return field_error (error, src, find_line (src, NULL, 0, "staff"), "staff",
                        _("lists no employees"));
  for (guint i = 0; i < json_array_get_length (staff); i++)
    {
      JsonNode *node = json_array_get_element (staff, i);
      VvUnitEmployee e = { 0 };
      JsonObject *o;
      struct { const char *id; double *value; gboolean required; } fields[] = {
        { "hours_dwellings", &e.hours_dwellings, TRUE },
        { "hours_outside", &e.hours_outside, TRUE },
        { "salary", &e.salary, FALSE },
      };

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_autofree char *field = g_strdup_printf ("staff[%u]", i);

          return field_error (error, src, find_line (src, NULL, 0, "staff"), field,
                              _("must be an object with hours_dwellings and hours_outside"));
        }
      o = json_node_get_object (node);
      {
        g_autofree char *prefix = g_strdup_printf ("staff[%u].", i);

        warn_unknown (unit, o, known_staff_fields, prefix);
      }
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          JsonNode *value = json_object_get_member (o, fields[f].id);
          g_autofree char *field = g_strdup_printf ("staff[%u].%s", i, fields[f].id);
          guint line = find_line (src, "staff", i, fields[f].id);

          if (value == NULL || JSON_NODE_HOLDS_NULL (value))
            {
              if (fields[f].required)
                return field_error (error, src, find_line (src, NULL, 0, "staff"), field,
                                    _("this field is required"));
              continue;
            }
          if (!get_number (value, fields[f].value))
            return field_error (error, src, line, field, _("must be a number"));
          if (*fields[f].value < 0 || *fields[f].value > 1e12)
            return field_error (error, src, line, field, _("must be zero or more"));
        }
      if (e.hours_dwellings + e.hours_outside <= 0)
        {
          g_autofree char *field = g_strdup_printf ("staff[%u]", i);

          return field_error (error, src, find_line (src, "staff", i, "hours_dwellings"), field,
                              _("an employee needs some hours"));
        }
      if (json_object_has_member (o, "salary") && !JSON_NODE_HOLDS_NULL (json_object_get_member (o, "salary")))
        {
          if (e.salary <= 0)
            {
              g_autofree char *field = g_strdup_printf ("staff[%u].salary", i);

              return field_error (error, src, find_line (src, "staff", i, "salary"), field,
                                  _("must be more than zero"));
            }
          with_salary++;
        }
      g_array_append_val (unit->staff, e);
    }
  /* Kroner and hours cannot be added up: either every employee has a
   * salary, or the hours are the weights. */
  if (with_salary != 0 && with_salary != unit->staff->len)
    return field_error (error, src, find_line (src, NULL, 0, "staff"), "staff",
                        _("give a salary for every employee or for none"));
  return TRUE;
}

/**
 * vv_unit_file_new_from_data:
 * @text: the JSON text of a `veiviser-unit/1` file
 * @length: its length, or -1 if NUL-terminated
 * @filename: the name used in messages
 * @error: return location for a #GError
 *
 * Reads a unit: `{"format": "veiviser-unit/1", "ansvar": "4101", "name": …,
 * "year": 2024, "facts": {…}, "staff": [{"hours_dwellings": 30,
 * "hours_outside": 7.5, "salary": 612000}, …]}`. Messages name the file,
 * line and field. Unknown fields are warnings.
 *
 * Returns: (transfer full) (nullable): the unit, or %NULL with @error set
 */
VvUnitFile *
vv_unit_file_new_from_data (const char  *text,
                       gssize       length,
                       const char  *filename,
                       GError     **error)
{
  g_autoptr(VvUnitFile) unit = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *copy = NULL;
  JsonObject *o;
  JsonNode *node;
  Source src;

  g_return_val_if_fail (text != NULL, NULL);

  if (filename == NULL)
    filename = "unit.json";
  copy = length < 0 ? g_strdup (text) : g_strndup (text, (gsize) length);
  src.text = copy;
  src.filename = filename;
  root = _vv_json_parse (copy, strlen (copy), filename, &local_error);
  if (root == NULL)
    {
      g_set_error_literal (error, VV_UNIT_ERROR, VV_UNIT_ERROR_SYNTAX, local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, VV_UNIT_ERROR, VV_UNIT_ERROR_SYNTAX, _("%s: not a %s object"),
                   filename, VV_UNIT_FORMAT);
      return NULL;
    }
  o = json_node_get_object (root);

  unit = g_new0 (VvUnitFile, 1);
  unit->attached_dwellings = TRUE;
  unit->staff = g_array_new (FALSE, TRUE, sizeof (VvUnitEmployee));
  unit->warnings = g_ptr_array_new_with_free_func (g_free);

  node = json_object_get_member (o, "format");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      !g_str_equal (json_node_get_string (node), VV_UNIT_FORMAT))
    {
      g_set_error (error, VV_UNIT_ERROR, VV_UNIT_ERROR_SYNTAX, _("%s: not a %s file (field “format”)"),
                   filename, VV_UNIT_FORMAT);
      return NULL;
    }
  warn_unknown (unit, o, known_fields, "");

  for (guint i = 0; i < 3; i++)
    {
      const char *field = (const char *[]) { "ansvar", "name", "note" }[i];
      char **target = (char **[]) { &unit->ansvar, &unit->name, &unit->note }[i];

      node = json_object_get_member (o, field);
      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          field_error (error, &src, find_line (&src, NULL, 0, field), field, _("must be text"));
          return NULL;
        }
      *target = g_strdup (json_node_get_string (node));
    }

  node = json_object_get_member (o, "year");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      field_error (error, &src, find_line (&src, NULL, 0, "year"), "year",
                   node == NULL ? _("this field is required") : _("must be a whole number"));
      return NULL;
    }
  unit->year = (int) CLAMP (json_node_get_int (node), G_MININT, G_MAXINT);

  node = json_object_get_member (o, "facts");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          field_error (error, &src, find_line (&src, NULL, 0, "facts"), "facts", _("must be an object"));
          return NULL;
        }
      if (!read_facts (unit, json_node_get_object (node), &src, error))
        return NULL;
    }

  node = json_object_get_member (o, "staff");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      field_error (error, &src, find_line (&src, NULL, 0, "staff"), "staff",
                   node == NULL ? _("this field is required") : _("must be a list of employees"));
      return NULL;
    }
  if (!read_staff (unit, json_node_get_array (node), &src, error))
    return NULL;

  node = json_object_get_member (o, "expected");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    unit->expected = json_object_ref (json_node_get_object (node));
  return g_steal_pointer (&unit);
}

/**
 * vv_unit_file_load:
 * @path: a `veiviser-unit/1` file
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the unit, or %NULL with @error set
 */
VvUnitFile *
vv_unit_file_load (const char  *path,
                   GError     **error)
{
  g_autofree char *text = NULL;
  gsize length = 0;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &text, &length, &local_error))
    {
      g_set_error (error, VV_UNIT_ERROR, VV_UNIT_ERROR_READ, "%s", local_error->message);
      return NULL;
    }
  return vv_unit_file_new_from_data (text, (gssize) length, path, error);
}

/**
 * vv_unit_file_free:
 * @unit: (nullable): a unit
 */
void
vv_unit_file_free (VvUnitFile *unit)
{
  if (unit == NULL)
    return;
  g_free (unit->ansvar);
  g_free (unit->name);
  g_free (unit->note);
  g_clear_pointer (&unit->staff, g_array_unref);
  g_clear_pointer (&unit->warnings, g_ptr_array_unref);
  g_clear_pointer (&unit->expected, json_object_unref);
  g_free (unit);
}

/**
 * vv_unit_file_new:
 * @ansvar: (nullable): the unit's ansvar
 * @name: (nullable): its name
 * @year: the accounting year
 *
 * A unit with no employees yet and the ordinary base: attached dwellings,
 * no full shared rota, not set up for one user, adult residents.
 *
 * Returns: (transfer full): the unit
 */
VvUnitFile *
vv_unit_file_new (const char *ansvar,
                  const char *name,
                  int         year)
{
  VvUnitFile *unit = g_new0 (VvUnitFile, 1);

  unit->ansvar = g_strdup (ansvar);
  unit->name = g_strdup (name);
  unit->year = year;
  unit->attached_dwellings = TRUE;
  unit->staff = g_array_new (FALSE, TRUE, sizeof (VvUnitEmployee));
  unit->warnings = g_ptr_array_new_with_free_func (g_free);
  return unit;
}

/**
 * vv_unit_file_add_employee:
 * @unit: a unit
 * @hours_dwellings: hours for the residents of the attached dwellings
 * @hours_outside: hours for users elsewhere
 * @salary: the salary, or 0 when not given
 *
 * Adds an employee to the unit's staff; vv_unit_file_check() says whether
 * the staff can be split.
 */
void
vv_unit_file_add_employee (VvUnitFile *unit,
                           double      hours_dwellings,
                           double      hours_outside,
                           double      salary)
{
  VvUnitEmployee e = { hours_dwellings, hours_outside, salary };

  g_return_if_fail (unit != NULL);

  g_array_append_val (unit->staff, e);
}

/**
 * vv_unit_file_check:
 * @unit: a unit put together by hand (vv_unit_file_new())
 * @error: return location for a #GError
 *
 * The checks the file reader makes, for a unit being entered: at least one
 * employee, each with some hours and none negative, and a salary for every
 * employee or for none. The message is for the person entering the unit.
 *
 * Returns: %TRUE when vv_unit_guide() can split the unit
 */
gboolean
vv_unit_file_check (const VvUnitFile  *unit,
                    GError           **error)
{
  guint with_salary = 0;

  g_return_val_if_fail (unit != NULL, FALSE);

  if (unit->staff->len == 0)
    {
      g_set_error_literal (error, VV_UNIT_ERROR, VV_UNIT_ERROR_FIELD,
                           _("Add the employees of the unit."));
      return FALSE;
    }
  for (guint i = 0; i < unit->staff->len; i++)
    {
      const VvUnitEmployee *e = &g_array_index (unit->staff, VvUnitEmployee, i);

      if (!(e->hours_dwellings >= 0 && e->hours_outside >= 0 && e->salary >= 0) ||
          !isfinite (e->hours_dwellings + e->hours_outside + e->salary))
        {
          g_set_error (error, VV_UNIT_ERROR, VV_UNIT_ERROR_FIELD,
                       _("Employee %u: hours and salary must be zero or more."), i + 1);
          return FALSE;
        }
      if (e->hours_dwellings + e->hours_outside <= 0)
        {
          g_set_error (error, VV_UNIT_ERROR, VV_UNIT_ERROR_FIELD,
                       _("Employee %u has no hours."), i + 1);
          return FALSE;
        }
      if (e->salary > 0)
        with_salary++;
    }
  /* Kroner and hours cannot be added up (as in read_staff()). */
  if (with_salary != 0 && with_salary != unit->staff->len)
    {
      g_set_error_literal (error, VV_UNIT_ERROR, VV_UNIT_ERROR_FIELD,
                           _("Give a salary for every employee or for none."));
      return FALSE;
    }
  return TRUE;
}

/**
 * vv_unit_file_to_data:
 * @unit: a unit
 *
 * The unit as a `veiviser-unit/1` document, every base fact written out;
 * vv_unit_file_new_from_data() reads it back to the same unit.
 *
 * Returns: (transfer full): the JSON text
 */
char *
vv_unit_file_to_data (const VvUnitFile *unit)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (unit != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, VV_UNIT_FORMAT);
  if (unit->ansvar != NULL)
    {
      json_builder_set_member_name (b, "ansvar");
      json_builder_add_string_value (b, unit->ansvar);
    }
  if (unit->name != NULL)
    {
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, unit->name);
    }
  json_builder_set_member_name (b, "year");
  json_builder_add_int_value (b, unit->year);
  json_builder_set_member_name (b, "facts");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "attached_dwellings");
  json_builder_add_boolean_value (b, unit->attached_dwellings);
  json_builder_set_member_name (b, "shared_rota");
  json_builder_add_boolean_value (b, unit->shared_rota);
  json_builder_set_member_name (b, "single_user_base");
  json_builder_add_boolean_value (b, unit->single_user_base);
  json_builder_set_member_name (b, "children");
  json_builder_add_boolean_value (b, unit->children);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "staff");
  json_builder_begin_array (b);
  for (guint i = 0; i < unit->staff->len; i++)
    {
      const VvUnitEmployee *e = &g_array_index (unit->staff, VvUnitEmployee, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "hours_dwellings");
      json_builder_add_double_value (b, e->hours_dwellings);
      json_builder_set_member_name (b, "hours_outside");
      json_builder_add_double_value (b, e->hours_outside);
      if (e->salary > 0)
        {
          json_builder_set_member_name (b, "salary");
          json_builder_add_double_value (b, e->salary);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (unit->note != NULL)
    {
      json_builder_set_member_name (b, "note");
      json_builder_add_string_value (b, unit->note);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return _vv_json_to_data (root, TRUE, NULL);
}

/* --- The guide ------------------------------------------------------------ */

static void
group_free (VvUnitGroup *g)
{
  g_free (g->kind);
  g_clear_pointer (&g->employees, g_array_unref);
  g_clear_pointer (&g->allocations, g_array_unref);
  g_free (g->explanation);
  g_strfreev (g->rules);
  g_free (g);
}

/**
 * vv_unit_result_free:
 * @result: (nullable): a unit result
 */
void
vv_unit_result_free (VvUnitResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->result, vv_result_free);
  g_clear_pointer (&result->groups, g_ptr_array_unref);
  g_free (result);
}

/* Weights per function (raw, before the year rules). */
typedef struct
{
  const char *function;
  double      weight;
} Share;

/* Integer percents summing to 100 by the largest remainder; functions with
 * no weight are left out. Shares of the same function (after the year
 * rules) are added first. */
static GArray *
percents (VvRules     *rules,
          int          year,
          const Share *shares,
          guint        n)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (VvAllocation));
  double weights[8] = { 0 };
  double remainders[8] = { 0 };
  double total = 0;
  int sum = 0;

  g_assert (n <= G_N_ELEMENTS (weights));
  for (guint i = 0; i < n; i++)
    {
      const char *mapped = vv_rules_map_function_for_year (rules, shares[i].function, year, NULL);
      guint j;

      if (shares[i].weight <= 0)
        continue;
      for (j = 0; j < out->len; j++)
        if (g_str_equal (g_array_index (out, VvAllocation, j).function, mapped))
          break;
      if (j == out->len)
        {
          VvAllocation a = { 0 };

          g_strlcpy (a.function, mapped, sizeof a.function);
          g_array_append_val (out, a);
        }
      weights[j] += shares[i].weight;
      total += shares[i].weight;
    }
  if (total <= 0)
    return out;
  for (guint j = 0; j < out->len; j++)
    {
      double exact = 100.0 * weights[j] / total;
      VvAllocation *a = &g_array_index (out, VvAllocation, j);

      a->percent = (int) floor (exact);
      remainders[j] = exact - a->percent;
      sum += a->percent;
    }
  while (sum < 100)
    {
      guint best = 0;

      for (guint j = 1; j < out->len; j++)
        if (remainders[j] > remainders[best])
          best = j;
      g_array_index (out, VvAllocation, best).percent++;
      remainders[best] = -1;
      sum++;
    }
  for (guint j = out->len; j > 0; j--)
    if (g_array_index (out, VvAllocation, j - 1).percent == 0)
      g_array_remove_index (out, j - 1);
  return out;
}

static char *
employee_list (GArray *employees)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < employees->len; i++)
    g_string_append_printf (s, "%s%u", i ? ", " : "", g_array_index (employees, guint, i));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
add_rules (GPtrArray *into, const char * const *rules)
{
  for (guint i = 0; rules[i] != NULL; i++)
    if (!g_ptr_array_find_with_equal_func (into, rules[i], g_str_equal, NULL))
      g_ptr_array_add (into, g_strdup (rules[i]));
}

/**
 * vv_unit_guide:
 * @rules: the rule data
 * @unit: a unit read from a `veiviser-unit/1` file
 * @error: return location for a #GError
 *
 * Splits the unit's costs. A base without attached dwellings, with a full
 * shared rota, or set up for one adult user is wholly 258. Otherwise each
 * employee's hours are split between the attached dwellings (257; 253 for
 * a base whose residents are children with round-the-clock offers) and
 * users elsewhere (258) only if each part is at least 20 %, else the
 * employee goes wholly to the larger part; the unit's percents are the sum
 * weighted by salary (if every employee has one) or hours, integers that
 * add up to 100 by the largest remainder. The year rules apply (254 until
 * 2023).
 *
 * Returns: (transfer full) (nullable): the result, or %NULL with @error set
 */
VvUnitResult *
vv_unit_guide (VvRules       *rules,
               const VvUnitFile  *unit,
               GError       **error)
{
  g_autoptr(VvUnitResult) out = g_new0 (VvUnitResult, 1);
  g_autoptr(GString) explanation = g_string_new (NULL);
  g_autoptr(GPtrArray) year_rules_applied = g_ptr_array_new ();
  const char *dwelling_function = unit->children ? "253" : "257";
  const char *whole_reason = NULL;
  const char *const *whole_rules = NULL;
  VvResult *r;
  Share totals[2] = { { dwelling_function, 0 }, { "258", 0 } };

  g_return_val_if_fail (VV_IS_RULES (rules), NULL);
  g_return_val_if_fail (unit != NULL, NULL);

  if (unit->year < vv_rules_get_min_year (rules) || unit->year > vv_rules_get_max_year (rules))
    {
      g_set_error (error, VV_UNIT_ERROR, VV_UNIT_ERROR_FIELD,
                   _("the year %d is outside the years the rules cover (%d–%d)"),
                   unit->year, vv_rules_get_min_year (rules), vv_rules_get_max_year (rules));
      return NULL;
    }

  out->result = vv_result_new (unit->year);
  out->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  r = out->result;
  out->by_salary = unit->staff->len > 0 && g_array_index (unit->staff, VvUnitEmployee, 0).salary > 0;

  /* The base as a whole first: these make all of it ambulant (258). A
   * children's base stays 253 for its residents (257 presisering 6). */
  if (!unit->children && unit->single_user_base)
    {
      static const char *const rules_single[] = { "257-pres-5", "258-pt-3", "enetiltak", NULL };

      whole_reason = _("The base was set up for one single user aged 18 or older (enetiltak): all of it goes on 258.");
      whole_rules = rules_single;
    }
  else if (unit->shared_rota)
    {
      static const char *const rules_rota[] = { "shared-rota", "shared-rota-omsorg-pluss", NULL };

      whole_reason = _("The staff work a full shared rota with the ambulant services and nobody is dedicated to the dwellings: all the base's activity is ambulant, 258.");
      whole_rules = rules_rota;
    }
  else if (!unit->attached_dwellings)
    {
      static const char *const rules_ambulant[] = { "258-pt-1", "257-pres-3", NULL };

      whole_reason = _("The base has no attached dwellings: its services go to users living elsewhere, 258.");
      whole_rules = rules_ambulant;
    }

  if (whole_reason != NULL)
    {
      VvUnitGroup *g = g_new0 (VvUnitGroup, 1);
      Share share = { "258", 0 };

      g->kind = g_strdup ("whole-unit");
      g->employees = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint i = 0; i < unit->staff->len; i++)
        {
          const VvUnitEmployee *e = &g_array_index (unit->staff, VvUnitEmployee, i);
          guint position = i + 1;

          g_array_append_val (g->employees, position);
          g->weight += out->by_salary ? e->salary : e->hours_dwellings + e->hours_outside;
        }
      share.weight = g->weight;
      totals[1].weight = g->weight;
      g->allocations = percents (rules, unit->year, &share, 1);
      g->explanation = g_strdup (whole_reason);
      g->rules = g_strdupv ((GStrv) whole_rules);
      g_ptr_array_add (out->groups, g);
      add_rules (r->rules, whole_rules);
      g_string_append (explanation, whole_reason);
    }
  else
    {
      VvUnitGroup *kinds[3] = { NULL, NULL, NULL };   /* split, dwellings, outside */
      static const char *const rules_split[] = { "rule-20-percent", "rule-20-percent-example", NULL };
      static const char *const rules_dwellings[] = { "257-pt-1", "rule-20-percent", NULL };
      static const char *const rules_children[] = { "257-pres-6", "253-pt-1-barnebolig", "rule-20-percent", NULL };
      static const char *const rules_outside[] = { "257-pres-3", "rule-20-percent", NULL };
      const char *kind_ids[3] = { "split", "dwellings", "outside" };
      Share group_shares[3][2];

      memset (group_shares, 0, sizeof group_shares);
      for (guint i = 0; i < unit->staff->len; i++)
        {
          const VvUnitEmployee *e = &g_array_index (unit->staff, VvUnitEmployee, i);
          double hours = e->hours_dwellings + e->hours_outside;
          double weight = out->by_salary ? e->salary : hours;
          double to_dwellings;
          guint kind;
          guint position = i + 1;

          /* "at least 20 %" exactly: 5 × part ≥ whole, no rounding */
          if (5 * e->hours_dwellings >= hours && 5 * e->hours_outside >= hours)
            {
              kind = 0;
              to_dwellings = weight * e->hours_dwellings / hours;
            }
          else if (e->hours_dwellings >= e->hours_outside)
            {
              kind = 1;
              to_dwellings = weight;
            }
          else
            {
              kind = 2;
              to_dwellings = 0;
            }
          if (kinds[kind] == NULL)
            {
              kinds[kind] = g_new0 (VvUnitGroup, 1);
              kinds[kind]->kind = g_strdup (kind_ids[kind]);
              kinds[kind]->employees = g_array_new (FALSE, FALSE, sizeof (guint));
              group_shares[kind][0].function = dwelling_function;
              group_shares[kind][1].function = "258";
            }
          g_array_append_val (kinds[kind]->employees, position);
          kinds[kind]->weight += weight;
          group_shares[kind][0].weight += to_dwellings;
          group_shares[kind][1].weight += weight - to_dwellings;
          totals[0].weight += to_dwellings;
          totals[1].weight += weight - to_dwellings;
        }
      for (guint k = 0; k < 3; k++)
        {
          VvUnitGroup *g = kinds[k];
          g_autofree char *list = NULL;

          if (g == NULL)
            continue;
          list = employee_list (g->employees);
          g->allocations = percents (rules, unit->year, group_shares[k], 2);
          if (k == 0)
            {
              g->explanation = g_strdup_printf (_("Employee no. %s: at least 20 %% both for the residents of the attached dwellings and for users elsewhere, so each is split by hours between %s and 258."),
                                                list, dwelling_function);
              g->rules = g_strdupv ((GStrv) rules_split);
            }
          else if (k == 1)
            {
              g->explanation = g_strdup_printf (_("Employee no. %s: less than 20 %% for users elsewhere, so each goes wholly to %s, the larger part."),
                                                list, dwelling_function);
              g->rules = g_strdupv ((GStrv) (unit->children ? rules_children : rules_dwellings));
            }
          else
            {
              g->explanation = g_strdup_printf (_("Employee no. %s: less than 20 %% for the residents of the attached dwellings, so each goes wholly to 258, the larger part."),
                                                list);
              g->rules = g_strdupv ((GStrv) rules_outside);
            }
          add_rules (r->rules, (const char * const *) g->rules);
          g_ptr_array_add (out->groups, g);
        }
      if (totals[0].weight > 0 && totals[1].weight > 0)
        {
          static const char *const rules_pres9[] = { "257-pres-9", NULL };
          GPtrArray *old = r->rules;

          /* The paragraph that decides the split comes first. */
          r->rules = g_ptr_array_new_with_free_func (g_free);
          add_rules (r->rules, rules_pres9);
          for (guint i = 0; i < old->len; i++)
            add_rules (r->rules, (const char *[]) { g_ptr_array_index (old, i), NULL });
          g_ptr_array_unref (old);
        }
      g_string_append_printf (explanation,
                              out->by_salary
                              ? _("The unit's costs are the sum of its employees weighted by salary; each employee is split only if each part is at least 20 %%, else booked wholly on the larger part.")
                              : _("The unit's costs are the sum of its employees weighted by hours; each employee is split only if each part is at least 20 %%, else booked wholly on the larger part."));
      if (unit->children)
        {
          static const char *const rules_child[] = { "257-pres-6", NULL };

          g_string_append_c (explanation, ' ');
          g_string_append (explanation, _("The residents are children with round-the-clock offers outside the parents' home: their part is 253."));
          add_rules (r->rules, rules_child);
        }
    }

  g_array_unref (r->allocations);
  r->allocations = percents (rules, unit->year, totals, 2);
  r->outcome = g_strdup (r->allocations->len > 1 ? "split" : "function");

  /* Effective dates: before 2024 the home-service part is 254. */
  for (guint i = 0; i < G_N_ELEMENTS (totals); i++)
    {
      const VvYearRule *applied = NULL;

      vv_rules_map_function_for_year (rules, totals[i].function, unit->year, &applied);
      if (applied != NULL && totals[i].weight > 0 &&
          !g_ptr_array_find (year_rules_applied, applied, NULL))
        g_ptr_array_add (year_rules_applied, (gpointer) applied);
    }
  for (guint i = 0; i < year_rules_applied->len; i++)
    {
      const VvYearRule *y = g_ptr_array_index (year_rules_applied, i);
      g_autoptr(GString) text = g_string_new (vv_rules_tr (y->explanation));
      g_autofree char *year = g_strdup_printf ("%d", unit->year);

      g_string_replace (text, "%d", year, 0);
      g_string_append_printf (explanation, " %s", text->str);
      add_rules (r->rules, (const char *[]) { y->rule, NULL });
    }
  r->explanation = g_string_free (g_steal_pointer (&explanation), FALSE);
  for (guint i = 0; i < unit->warnings->len; i++)
    g_ptr_array_add (r->warnings, g_strdup (g_ptr_array_index (unit->warnings, i)));
  return g_steal_pointer (&out);
}

/**
 * vv_unit_result_to_json:
 * @rules: the rule data
 * @unit: the unit
 * @result: its result
 *
 * The `veiviser-result/1` document of the unit, with "ansvar", "name" and
 * "groups" (the employees booked the same way, with why) added.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
vv_unit_result_to_json (VvRules      *rules,
                        const VvUnitFile *unit,
                        VvUnitResult *result)
{
  JsonNode *node;
  JsonObject *o;
  JsonArray *groups;

  g_return_val_if_fail (VV_IS_RULES (rules), NULL);
  g_return_val_if_fail (unit != NULL && result != NULL, NULL);

  node = vv_result_to_json (rules, result->result);
  o = json_node_get_object (node);
  json_object_remove_member (o, "path");
  if (unit->ansvar != NULL)
    json_object_set_string_member (o, "ansvar", unit->ansvar);
  if (unit->name != NULL)
    json_object_set_string_member (o, "name", unit->name);
  json_object_set_string_member (o, "weighted_by", result->by_salary ? "salary" : "hours");
  groups = json_array_new ();
  for (guint i = 0; i < result->groups->len; i++)
    {
      VvUnitGroup *g = g_ptr_array_index (result->groups, i);
      JsonObject *go = json_object_new ();
      JsonArray *employees = json_array_new ();
      JsonArray *allocations = json_array_new ();
      JsonArray *group_rules = json_array_new ();

      json_object_set_string_member (go, "kind", g->kind);
      for (guint j = 0; j < g->employees->len; j++)
        json_array_add_int_element (employees, g_array_index (g->employees, guint, j));
      json_object_set_array_member (go, "employees", employees);
      for (guint j = 0; j < g->allocations->len; j++)
        {
          VvAllocation *a = &g_array_index (g->allocations, VvAllocation, j);
          JsonObject *ao = json_object_new ();

          json_object_set_string_member (ao, "function", a->function);
          json_object_set_int_member (ao, "percent", a->percent);
          json_array_add_object_element (allocations, ao);
        }
      json_object_set_array_member (go, "allocations", allocations);
      json_object_set_string_member (go, "explanation", g->explanation);
      for (guint j = 0; g->rules[j] != NULL; j++)
        json_array_add_string_element (group_rules, g->rules[j]);
      json_object_set_array_member (go, "rules", group_rules);
      json_array_add_object_element (groups, go);
    }
  json_object_set_array_member (o, "groups", groups);
  return node;
}

/**
 * vv_unit_result_get_citation:
 * @result: a unit result
 *
 * What the units register keeps with the unit's Fordeling: the ids of the
 * citations it rests on, separated by spaces, the deciding paragraph first.
 *
 * Returns: (transfer full): the ids, e.g. `257-pres-9 rule-20-percent`
 */
char *
vv_unit_result_get_citation (VvUnitResult *result)
{
  g_autoptr(GString) s = g_string_new (NULL);
  GPtrArray *rules;

  g_return_val_if_fail (result != NULL && result->result != NULL, NULL);

  rules = result->result->rules;
  for (guint i = 0; rules != NULL && i < rules->len; i++)
    g_string_append_printf (s, "%s%s", i > 0 ? " " : "", (char *) g_ptr_array_index (rules, i));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/**
 * vv_unit_citation_describe:
 * @rules: the rule data
 * @citation: (nullable): citation ids as vv_unit_result_get_citation()
 *   gives them
 *
 * The deciding paragraph as a reader finds it, for the units register:
 * the first citation's source and lines, e.g. “Veileder til kontoplanen i
 * KOSTRA 2024, funksjon 257, presisering 9, lines 1426–1430”.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL when @citation
 *   names no known citation
 */
char *
vv_unit_citation_describe (VvRules    *rules,
                           const char *citation)
{
  g_auto(GStrv) ids = NULL;

  g_return_val_if_fail (VV_IS_RULES (rules), NULL);

  if (citation == NULL)
    return NULL;
  ids = g_strsplit (citation, " ", -1);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      const VvCitation *c = *ids[i] != '\0' ? vv_rules_lookup_citation (rules, ids[i]) : NULL;
      g_autofree char *lines = NULL;

      if (c == NULL)
        continue;
      lines = vv_citation_format_lines (c);
      /* Translators: where a quote is found: the document and section, then the lines */
      return g_strdup_printf (C_("citation", "%s, %s"), c->source, lines);
    }
  return NULL;
}

/**
 * vv_unit_result_to_text:
 * @rules: the rule data
 * @unit: the unit
 * @result: its result
 *
 * A readable report in the current language: the unit, the function(s),
 * why, each group of employees and the quoted paragraphs.
 *
 * Returns: (transfer full): the text
 */
char *
vv_unit_result_to_text (VvRules      *rules,
                        const VvUnitFile *unit,
                        VvUnitResult *result)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *body = NULL;

  g_return_val_if_fail (VV_IS_RULES (rules), NULL);
  g_return_val_if_fail (unit != NULL && result != NULL, NULL);

  g_string_append_printf (s, "%s %s%s%s (%d)\n\n", _("Unit"), unit->ansvar ? unit->ansvar : "",
                          unit->name ? " " : "", unit->name ? unit->name : "", unit->year);
  body = vv_result_to_text (rules, result->result);
  g_string_append (s, body);
  g_string_append_printf (s, "\n%s\n", _("Employees:"));
  for (guint i = 0; i < result->groups->len; i++)
    {
      VvUnitGroup *g = g_ptr_array_index (result->groups, i);

      g_string_append (s, " ");
      for (guint j = 0; j < g->allocations->len; j++)
        {
          VvAllocation *a = &g_array_index (g->allocations, VvAllocation, j);

          g_string_append_printf (s, " %s %d %%", a->function, a->percent);
        }
      g_string_append_printf (s, "\n    %s\n", g->explanation);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}
