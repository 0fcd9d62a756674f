/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-units"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vv-atomic-file.h"
#include "vv-units.h"

struct _VvUnits
{
  GObject     parent_instance;

  /* Owned */
  VvRules    *rules;
  GPtrArray  *units;   /* VvUnit*, in file/insertion order */
  GHashTable *index;   /* ansvar (borrowed from the unit) -> VvUnit* */
};

G_DEFINE_FINAL_TYPE (VvUnits, vv_units, G_TYPE_OBJECT)

G_DEFINE_QUARK (vv-units-error-quark, vv_units_error)

#define MAX_ANSVAR_LEN 32

static const char *header_fields[] = { "Ansvar", "Navn", "Fordeling" };

static void
unit_free (VvUnit *unit)
{
  g_free (unit->ansvar);
  g_free (unit->name);
  g_free (unit->citation);
  g_clear_pointer (&unit->allocations, g_array_unref);
  g_free (unit);
}

static gboolean
check_ansvar (const char *ansvar,
              GError    **error)
{
  if (*ansvar == '\0')
    {
      g_set_error_literal (error, VV_UNITS_ERROR, VV_UNITS_ERROR_ANSVAR, _("the ansvar is empty"));
      return FALSE;
    }
  if (strlen (ansvar) > MAX_ANSVAR_LEN)
    {
      g_set_error (error, VV_UNITS_ERROR, VV_UNITS_ERROR_ANSVAR,
                   _("the ansvar “%s” is longer than %d characters"), ansvar, MAX_ANSVAR_LEN);
      return FALSE;
    }
  for (const char *p = ansvar; *p; p++)
    if (g_ascii_isspace (*p) || *p == ';' || *p == '"')
      {
        g_set_error (error, VV_UNITS_ERROR, VV_UNITS_ERROR_ANSVAR,
                     _("the ansvar “%s” contains a space, “;” or quote"), ansvar);
        return FALSE;
      }
  return TRUE;
}

/* Splits one line at `;`, honouring "double quotes" with "" as an escaped quote. */
static GPtrArray *
split_fields (const char *line,
              gboolean   *unterminated)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  GString *cur = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = line; *p; p++)
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            {
              g_string_append_c (cur, '"');
              p++;
            }
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (cur, *p);
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == ';')
        {
          g_ptr_array_add (fields, g_strstrip (g_string_free (cur, FALSE)));
          cur = g_string_new (NULL);
        }
      else
        g_string_append_c (cur, *p);
    }
  g_ptr_array_add (fields, g_strstrip (g_string_free (cur, FALSE)));
  *unterminated = quoted;
  return fields;
}

/* A name is one line of text: line breaks, tabs and other control
 * characters become spaces and the ends are trimmed, as reading the file
 * does, so that a name survives write -> read -> write unchanged (a CR was
 * written as a space inside quotes and then trimmed on reading). */
static char *
normalize_name (const char *name)
{
  char *copy = g_strdup (name != NULL ? name : "");

  for (char *p = copy; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      *p = ' ';
  return g_strstrip (copy);
}

static gboolean
add_unit (VvUnits    *self,
          const char *ansvar,
          const char *name,
          GArray     *allocations,
          guint64     line_no)
{
  VvUnit *unit;

  g_assert (VV_IS_UNITS (self));
  if (g_hash_table_contains (self->index, ansvar))
    return FALSE;
  unit = g_new0 (VvUnit, 1);
  unit->ansvar = g_strdup (ansvar);
  unit->name = normalize_name (name);
  unit->allocations = g_array_ref (allocations);
  unit->line_no = line_no;
  g_ptr_array_add (self->units, unit);
  g_hash_table_insert (self->index, unit->ansvar, unit);
  return TRUE;
}

static void
vv_units_finalize (GObject *object)
{
  VvUnits *self = (VvUnits *) object;

  g_clear_pointer (&self->index, g_hash_table_unref);
  g_clear_pointer (&self->units, g_ptr_array_unref);
  g_clear_object (&self->rules);

  G_OBJECT_CLASS (vv_units_parent_class)->finalize (object);
}

static void
vv_units_class_init (VvUnitsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vv_units_finalize;
}

static void
vv_units_init (VvUnits *self)
{
  self->units = g_ptr_array_new_with_free_func ((GDestroyNotify) unit_free);
  self->index = g_hash_table_new (g_str_hash, g_str_equal);
}

/**
 * vv_allocation_parse:
 * @rules: (nullable): the rule data, or %NULL for the default
 * @text: a Fordeling such as `257:80 258:20`
 * @error: return location for a #GError in %VV_UNITS_ERROR
 *
 * Parses `FUNKSJON:PROSENT` pairs separated by spaces. Every function must be
 * known to the rule data, appear once, have a whole percent from 1 to 100, and
 * the percents must sum to 100. The error message names the offending pair but
 * not the file: callers add that.
 *
 * Returns: (transfer full) (element-type VvAllocation): the allocations, or %NULL
 */
GArray *
vv_allocation_parse (VvRules     *rules,
                     const char  *text,
                     GError     **error)
{
  g_autoptr(GArray) allocs = g_array_new (FALSE, TRUE, sizeof (VvAllocation));
  g_auto(GStrv) tokens = NULL;
  int sum = 0;

  g_return_val_if_fail (text != NULL, NULL);
  if (rules == NULL)
    rules = vv_rules_get_default ();

  {
    g_autoptr(GString) plain = g_string_new (text);

    g_string_replace (plain, "\u00a0", " ", 0);
    tokens = g_strsplit_set (plain->str, " \t", -1);
  }
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      const char *tok = tokens[i];
      const char *colon;
      g_autofree char *func = NULL;
      g_autofree char *pct = NULL;
      VvAllocation a = { { 0 }, 0 };
      gint64 percent;
      char *end = NULL;

      if (*tok == '\0')
        continue;
      colon = strchr (tok, ':');
      if (colon == NULL || colon == tok || colon[1] == '\0')
        goto bad_pair;
      func = g_strndup (tok, colon - tok);
      pct = g_strdup (colon + 1);
      if (g_str_has_suffix (pct, "%"))
        pct[strlen (pct) - 1] = '\0';
      for (const char *p = func; *p; p++)
        if (!g_ascii_isdigit (*p))
          goto bad_pair;
      if (strlen (func) >= sizeof a.function)
        goto bad_pair;
      if (vv_rules_lookup_function (rules, func) == NULL)
        {
          g_set_error (error, VV_UNITS_ERROR, VV_UNITS_ERROR_FUNCTION,
                       _("“%s”: function %s is not one the guide knows "
                         "(use e.g. 257, 258, 253, 234)"),
                       tok, func);
          return NULL;
        }
      percent = g_ascii_strtoll (pct, &end, 10);
      if (*pct == '\0' || end == NULL || *end != '\0' || !g_ascii_isdigit (*pct) || percent < 1 ||
          percent > 100)
        {
          g_set_error (error, VV_UNITS_ERROR, VV_UNITS_ERROR_PERCENT,
                       _("“%s”: the percent must be a whole number from 1 to 100"), tok);
          return NULL;
        }
      for (guint j = 0; j < allocs->len; j++)
        if (g_str_equal (g_array_index (allocs, VvAllocation, j).function, func))
          {
            g_set_error (error, VV_UNITS_ERROR, VV_UNITS_ERROR_FUNCTION,
                         _("function %s is given twice"), func);
            return NULL;
          }
      g_strlcpy (a.function, func, sizeof a.function);
      a.percent = (int) percent;
      sum += a.percent;
      g_array_append_val (allocs, a);
      continue;

    bad_pair:
      g_set_error (error, VV_UNITS_ERROR, VV_UNITS_ERROR_ALLOCATION,
                   _("“%s” is not FUNCTION:PERCENT (e.g. 257:80 258:20)"), tok);
      return NULL;
    }
  if (allocs->len == 0)
    {
      g_set_error_literal (error, VV_UNITS_ERROR, VV_UNITS_ERROR_ALLOCATION,
                           _("the allocation is empty (e.g. 258:100 or 257:80 258:20)"));
      return NULL;
    }
  if (sum != 100)
    {
      g_set_error (error, VV_UNITS_ERROR, VV_UNITS_ERROR_SUM,
                   _("the percents sum to %d, not 100"), sum);
      return NULL;
    }
  return g_steal_pointer (&allocs);
}

/**
 * vv_allocation_to_string:
 * @allocations: (element-type VvAllocation): allocations
 *
 * Returns: (transfer full): the allocations as `257:80 258:20`
 */
char *
vv_allocation_to_string (GArray *allocations)
{
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (allocations != NULL, NULL);
  for (guint i = 0; i < allocations->len; i++)
    {
      const VvAllocation *a = &g_array_index (allocations, VvAllocation, i);

      g_string_append_printf (s, "%s%s:%d", i ? " " : "", a->function, a->percent);
    }
  return g_string_free (s, FALSE);
}

/**
 * vv_units_new:
 * @rules: (nullable): the rule data used to check functions, %NULL for the default
 *
 * Returns: (transfer full): an empty units register
 */
VvUnits *
vv_units_new (VvRules *rules)
{
  VvUnits *self = g_object_new (VV_TYPE_UNITS, NULL);

  g_return_val_if_fail (rules == NULL || VV_IS_RULES (rules), NULL);
  self->rules = g_object_ref (rules ? rules : vv_rules_get_default ());
  return self;
}

/**
 * vv_units_new_from_data:
 * @rules: (nullable): the rule data, %NULL for the default
 * @data: the file contents
 * @len: length of @data, or -1 if nul-terminated
 * @display_name: the file name used in error messages
 * @error: return location for a #GError in %VV_UNITS_ERROR
 *
 * Parses a units register. Errors name the file, the line and the field.
 *
 * Returns: (transfer full): the register, or %NULL
 */
VvUnits *
vv_units_new_from_data (VvRules     *rules,
                        const char  *data,
                        gssize       len,
                        const char  *display_name,
                        GError     **error)
{
  g_autoptr(VvUnits) self = NULL;
  g_autofree char *copy = NULL;
  g_auto(GStrv) lines = NULL;
  const char *file = display_name ? display_name : "units";
  const char *bad = NULL;
  gboolean have_header = FALSE;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  self = vv_units_new (rules);
  if (len < 0)
    len = strlen (data);
  if (memchr (data, '\0', len) != NULL || !g_utf8_validate (data, len, &bad))
    {
      guint line = 1;

      bad = bad ? bad : memchr (data, '\0', len);
      for (const char *p = data; p < bad; p++)
        line += *p == '\n';
      g_set_error (error, VV_UNITS_ERROR, VV_UNITS_ERROR_ENCODING,
                   _("%s:%u: the file is not UTF-8 text (save it as UTF-8)"), file, line);
      return NULL;
    }
  copy = g_strndup (data, len);
  lines = g_strsplit (g_str_has_prefix (copy, "\xef\xbb\xbf") ? copy + 3 : copy, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) fields = NULL;
      g_autoptr(GArray) allocs = NULL;
      g_autoptr(GError) local_error = NULL;
      char *line = lines[i];
      guint line_no = i + 1;
      gboolean unterminated = FALSE;
      gsize n = strlen (line);
      const char *ansvar;

      if (n > 0 && line[n - 1] == '\r')
        line[n - 1] = '\0';
      if (*g_strstrip (line) == '\0' || line[0] == '#')
        continue;

      fields = split_fields (line, &unterminated);
      if (unterminated)
        {
          g_set_error (error, VV_UNITS_ERROR, VV_UNITS_ERROR_FIELDS,
                       _("%s:%u: a quote (\") is opened but not closed"), file, line_no);
          return NULL;
        }
      /* Spreadsheets pad rows with empty columns: ignore them. */
      while (fields->len > 3 && *(char *) g_ptr_array_index (fields, fields->len - 1) == '\0')
        g_ptr_array_remove_index (fields, fields->len - 1);

      if (!have_header)
        {
          gboolean ok = fields->len == 3;

          for (guint f = 0; ok && f < 3; f++)
            ok = g_ascii_strcasecmp (g_ptr_array_index (fields, f), header_fields[f]) == 0;
          if (!ok)
            {
              g_set_error (error, VV_UNITS_ERROR, VV_UNITS_ERROR_HEADER,
                           _("%s:%u: the first line must be the header “%s” "
                             "(fields separated by “;”)"),
                           file, line_no, VV_UNITS_HEADER);
              return NULL;
            }
          have_header = TRUE;
          continue;
        }

      if (fields->len != 3)
        {
          g_set_error (error, VV_UNITS_ERROR, VV_UNITS_ERROR_FIELDS,
                       _("%s:%u: expected 3 fields (Ansvar;Navn;Fordeling) "
                         "separated by “;”, found %u"),
                       file, line_no, fields->len);
          return NULL;
        }
      ansvar = g_ptr_array_index (fields, 0);
      if (!check_ansvar (ansvar, &local_error))
        {
          g_set_error (error, VV_UNITS_ERROR, local_error->code, _("%s:%u: field “%s”: %s"),
                       file, line_no, "Ansvar", local_error->message);
          return NULL;
        }
      if (g_hash_table_contains (self->index, ansvar))
        {
          const VvUnit *first = g_hash_table_lookup (self->index, ansvar);

          g_set_error (error, VV_UNITS_ERROR, VV_UNITS_ERROR_DUPLICATE,
                       _("%s:%u: field “%s”: ansvar %s is already given on line %u"),
                       file, line_no, "Ansvar", ansvar, (guint) first->line_no);
          return NULL;
        }
      allocs = vv_allocation_parse (self->rules, g_ptr_array_index (fields, 2), &local_error);
      if (allocs == NULL)
        {
          g_set_error (error, VV_UNITS_ERROR, local_error->code, _("%s:%u: field “%s”: %s"),
                       file, line_no, "Fordeling", local_error->message);
          return NULL;
        }
      add_unit (self, ansvar, g_ptr_array_index (fields, 1), allocs, line_no);
    }

  if (!have_header)
    {
      g_set_error (error, VV_UNITS_ERROR, VV_UNITS_ERROR_EMPTY,
                   _("%s: the file is empty (expected the header “%s”)"), file, VV_UNITS_HEADER);
      return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * vv_units_new_from_file:
 * @rules: (nullable): the rule data, %NULL for the default
 * @path: a units register file
 * @error: return location for a #GError in %VV_UNITS_ERROR
 *
 * Returns: (transfer full): the register, or %NULL
 */
VvUnits *
vv_units_new_from_file (VvRules     *rules,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &data, &len, &local_error))
    {
      g_set_error (error, VV_UNITS_ERROR, VV_UNITS_ERROR_READ, _("%s: cannot read the file: %s"),
                   path, local_error->message);
      return NULL;
    }
  return vv_units_new_from_data (rules, data, len, path, error);
}

/**
 * vv_units_to_data:
 * @self: a #VvUnits
 *
 * Returns: (transfer full): the register in the file format, which
 *   vv_units_new_from_data() reads back unchanged
 */
char *
vv_units_to_data (VvUnits *self)
{
  GString *s;

  g_return_val_if_fail (VV_IS_UNITS (self), NULL);

  s = g_string_new (VV_UNITS_HEADER "\n");
  for (guint i = 0; i < self->units->len; i++)
    {
      const VvUnit *u = g_ptr_array_index (self->units, i);
      g_autofree char *alloc = vv_allocation_to_string (u->allocations);

      g_string_append_printf (s, "%s;", u->ansvar);
      if (strpbrk (u->name, ";\"\r\n") != NULL || u->name[0] == '#')
        {
          /* a record is one line: line breaks in a name become spaces */
          g_string_append_c (s, '"');
          for (const char *p = u->name; *p; p++)
            {
              if (*p == '"')
                g_string_append_c (s, '"');
              g_string_append_c (s, (*p == '\r' || *p == '\n') ? ' ' : *p);
            }
          g_string_append_c (s, '"');
        }
      else
        g_string_append (s, u->name);
      g_string_append_printf (s, ";%s\n", alloc);
    }
  return g_string_free (s, FALSE);
}

/**
 * vv_units_save_file:
 * @self: a #VvUnits
 * @path: where to write
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
vv_units_save_file (VvUnits     *self,
                    const char  *path,
                    GError     **error)
{
  g_autofree char *data = NULL;

  g_return_val_if_fail (VV_IS_UNITS (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  data = vv_units_to_data (self);
  return vv_atomic_file_write (path, data, strlen (data), error);
}

/**
 * vv_units_get_n_units:
 * @self: a #VvUnits
 *
 * Returns: the number of units
 */
guint
vv_units_get_n_units (VvUnits *self)
{
  g_return_val_if_fail (VV_IS_UNITS (self), 0);
  return self->units->len;
}

/**
 * vv_units_get_unit:
 * @self: a #VvUnits
 * @index: 0 to vv_units_get_n_units() - 1, in file order
 *
 * Returns: (transfer none): the unit
 */
const VvUnit *
vv_units_get_unit (VvUnits *self,
                   guint    index)
{
  g_return_val_if_fail (VV_IS_UNITS (self), NULL);
  g_return_val_if_fail (index < self->units->len, NULL);
  return g_ptr_array_index (self->units, index);
}

/**
 * vv_units_lookup:
 * @self: a #VvUnits
 * @ansvar: an ansvar code
 *
 * Returns: (transfer none) (nullable): the unit with that ansvar
 */
const VvUnit *
vv_units_lookup (VvUnits    *self,
                 const char *ansvar)
{
  g_return_val_if_fail (VV_IS_UNITS (self), NULL);
  return ansvar ? g_hash_table_lookup (self->index, ansvar) : NULL;
}

/**
 * vv_units_add:
 * @self: a #VvUnits
 * @ansvar: the ansvar code
 * @name: (nullable): the unit's name
 * @allocation: a Fordeling such as `258:100`
 * @error: return location for a #GError
 *
 * Returns: %TRUE if added; %FALSE with @error if the ansvar exists or the
 *   allocation is invalid
 */
gboolean
vv_units_add (VvUnits     *self,
              const char  *ansvar,
              const char  *name,
              const char  *allocation,
              GError     **error)
{
  g_autoptr(GArray) allocs = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (VV_IS_UNITS (self), FALSE);
  g_return_val_if_fail (ansvar != NULL && allocation != NULL, FALSE);

  if (!check_ansvar (ansvar, error))
    return FALSE;
  if (g_hash_table_contains (self->index, ansvar))
    {
      g_set_error (error, VV_UNITS_ERROR, VV_UNITS_ERROR_DUPLICATE,
                   _("field “%s”: ansvar %s is already in the register"), "Ansvar", ansvar);
      return FALSE;
    }
  allocs = vv_allocation_parse (self->rules, allocation, &local_error);
  if (allocs == NULL)
    {
      g_set_error (error, VV_UNITS_ERROR, local_error->code, _("field “%s”: %s"), "Fordeling",
                   local_error->message);
      return FALSE;
    }
  return add_unit (self, ansvar, name, allocs, 0);
}

/**
 * vv_units_remove:
 * @self: a #VvUnits
 * @ansvar: the ansvar code
 *
 * Returns: %TRUE if a unit was removed
 */
gboolean
vv_units_remove (VvUnits    *self,
                 const char *ansvar)
{
  VvUnit *unit;

  g_return_val_if_fail (VV_IS_UNITS (self), FALSE);
  g_return_val_if_fail (ansvar != NULL, FALSE);

  unit = g_hash_table_lookup (self->index, ansvar);
  if (unit == NULL)
    return FALSE;
  g_hash_table_remove (self->index, ansvar);
  g_ptr_array_remove (self->units, unit);
  return TRUE;
}

static VvUnit *
lookup_or_error (VvUnits     *self,
                 const char  *ansvar,
                 GError     **error)
{
  VvUnit *unit = g_hash_table_lookup (self->index, ansvar);

  if (unit == NULL)
    g_set_error (error, VV_UNITS_ERROR, VV_UNITS_ERROR_NOT_FOUND,
                 _("there is no unit with ansvar %s"), ansvar);
  return unit;
}

/**
 * vv_units_set_name:
 * @self: a #VvUnits
 * @ansvar: the ansvar code
 * @name: the new name
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the unit exists
 */
gboolean
vv_units_set_name (VvUnits     *self,
                   const char  *ansvar,
                   const char  *name,
                   GError     **error)
{
  VvUnit *unit;

  g_return_val_if_fail (VV_IS_UNITS (self), FALSE);
  g_return_val_if_fail (ansvar != NULL && name != NULL, FALSE);

  if ((unit = lookup_or_error (self, ansvar, error)) == NULL)
    return FALSE;
  g_free (unit->name);
  unit->name = normalize_name (name);
  return TRUE;
}

/**
 * vv_units_set_allocation:
 * @self: a #VvUnits
 * @ansvar: the ansvar code
 * @allocation: a Fordeling such as `257:80 258:20`
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the unit exists and @allocation is valid; otherwise the
 *   unit is unchanged
 */
gboolean
vv_units_set_allocation (VvUnits     *self,
                         const char  *ansvar,
                         const char  *allocation,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  VvUnit *unit;
  GArray *allocs;

  g_return_val_if_fail (VV_IS_UNITS (self), FALSE);
  g_return_val_if_fail (ansvar != NULL && allocation != NULL, FALSE);

  if ((unit = lookup_or_error (self, ansvar, error)) == NULL)
    return FALSE;
  allocs = vv_allocation_parse (self->rules, allocation, &local_error);
  if (allocs == NULL)
    {
      g_set_error (error, VV_UNITS_ERROR, local_error->code, _("field “%s”: %s"), "Fordeling",
                   local_error->message);
      return FALSE;
    }
  g_array_unref (unit->allocations);
  unit->allocations = allocs;
  return TRUE;
}

/**
 * vv_units_set_citation:
 * @self: a #VvUnits
 * @ansvar: the ansvar code
 * @citation: (nullable): the citation ids the unit's Fordeling rests on,
 *   separated by spaces (the first decides), e.g. `257-pres-9 rule-20-percent`
 *
 * Remembers why the unit is split as it is. The register file
 * (vv_units_to_data()) keeps its three columns; the citation lives in the
 * database.
 */
void
vv_units_set_citation (VvUnits    *self,
                       const char *ansvar,
                       const char *citation)
{
  VvUnit *unit;

  g_return_if_fail (VV_IS_UNITS (self));
  g_return_if_fail (ansvar != NULL);

  if ((unit = lookup_or_error (self, ansvar, NULL)) == NULL)
    return;
  g_free (unit->citation);
  unit->citation = citation != NULL && *citation != '\0' ? g_strdup (citation) : NULL;
}

/**
 * vv_units_set_from_result:
 * @self: a #VvUnits
 * @ansvar: the ansvar code of an existing unit
 * @result: a classification (vv_classify()) of the unit
 * @error: return location for a #GError
 *
 * Sets the unit's allocation from a saved case's result. Classify units for
 * 2024 or later so the result names 257/258; the split maps them back to 254
 * for earlier years.
 *
 * Returns: %TRUE if the result has a function or split and was applied
 */
gboolean
vv_units_set_from_result (VvUnits     *self,
                          const char  *ansvar,
                          VvResult    *result,
                          GError     **error)
{
  g_autoptr(GArray) allocs = NULL;
  VvUnit *unit;
  int sum = 0;

  g_return_val_if_fail (VV_IS_UNITS (self), FALSE);
  g_return_val_if_fail (ansvar != NULL && result != NULL, FALSE);

  if ((unit = lookup_or_error (self, ansvar, error)) == NULL)
    return FALSE;
  if (result->allocations == NULL || result->allocations->len == 0 ||
      !(g_strcmp0 (result->outcome, "function") == 0 || g_strcmp0 (result->outcome, "split") == 0))
    {
      g_set_error (error, VV_UNITS_ERROR, VV_UNITS_ERROR_RESULT,
                   _("the classification of ansvar %s gives no KOSTRA function "
                     "(finish the guide first)"),
                   ansvar);
      return FALSE;
    }
  allocs = g_array_new (FALSE, TRUE, sizeof (VvAllocation));
  for (guint i = 0; i < result->allocations->len; i++)
    {
      const VvAllocation *a = &g_array_index (result->allocations, VvAllocation, i);

      if (vv_rules_lookup_function (self->rules, a->function) == NULL || a->percent < 1 ||
          a->percent > 100)
        {
          g_set_error (error, VV_UNITS_ERROR, VV_UNITS_ERROR_FUNCTION,
                       _("the classification of ansvar %s has an invalid allocation %s:%d"),
                       ansvar, a->function, a->percent);
          return FALSE;
        }
      sum += a->percent;
      g_array_append_val (allocs, *a);
    }
  if (sum != 100)
    {
      g_set_error (error, VV_UNITS_ERROR, VV_UNITS_ERROR_SUM,
                   _("the percents sum to %d, not 100"), sum);
      return FALSE;
    }
  g_array_unref (unit->allocations);
  unit->allocations = g_steal_pointer (&allocs);
  return TRUE;
}
