/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-case"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vv-case.h"
#include "vv-json-private.h"
#include "vv-classifier.h"

G_DEFINE_QUARK (vv-case-error-quark, vv_case_error)

static const char *known_fields[] = {
  "format", "title", "year", "facts", "note", "expected", "result", "rules_version",
  "question", "question_nn", "id", "title_nn", "note_nn", NULL
};

/**
 * vv_case_new:
 *
 * Returns: (transfer full): an empty case for the current year's rules
 */
VvCase *
vv_case_new (void)
{
  VvCase *self = g_new0 (VvCase, 1);

  self->title = g_strdup ("");
  self->note = g_strdup ("");
  self->year = 2024;
  self->facts = json_object_new ();
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  return self;
}

/**
 * vv_case_free:
 * @self: (transfer full) (nullable): a #VvCase
 */
void
vv_case_free (VvCase *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_clear_pointer (&self->facts, json_object_unref);
  g_free (self->note);
  g_clear_pointer (&self->expected, json_object_unref);
  g_free (self->rules_version);
  g_free (self->result_json);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_free (self->source);
  g_free (self->filename);
  g_free (self);
}

/* json_node_copy() shares objects; a case owns its facts, so copy deeply. */
static JsonObject *
copy_object (JsonObject *o)
{
  return _vv_json_object_copy_deep (o);
}

/**
 * vv_case_copy:
 * @self: a #VvCase
 *
 * Returns: (transfer full): a deep copy
 */
VvCase *
vv_case_copy (const VvCase *self)
{
  VvCase *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (VvCase, 1);
  copy->id = self->id;
  copy->title = g_strdup (self->title);
  copy->year = self->year;
  copy->facts = copy_object (self->facts);
  copy->note = g_strdup (self->note);
  copy->expected = copy_object (self->expected);
  copy->rules_version = g_strdup (self->rules_version);
  copy->result_json = g_strdup (self->result_json);
  copy->created = self->created;
  copy->modified = self->modified;
  copy->warnings = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; self->warnings && i < self->warnings->len; i++)
    g_ptr_array_add (copy->warnings, g_strdup (g_ptr_array_index (self->warnings, i)));
  copy->source = g_strdup (self->source);
  copy->filename = g_strdup (self->filename);
  return copy;
}

static guint
line_of_offset (const char *text, gsize offset)
{
  return _vv_json_line_of_offset (text, offset);
}

/**
 * vv_case_find_line:
 * @self: a #VvCase read from text
 * @field: a field name, or a dotted path such as "facts.residence"
 *
 * Finds the line where a field's key is written, for error messages.
 *
 * Returns: the 1-based line, or 0 if unknown
 */
guint
vv_case_find_line (const VvCase *self,
                   const char   *field)
{
  g_auto(GStrv) parts = NULL;
  const char *at;

  g_return_val_if_fail (self != NULL, 0);

  if (self->source == NULL || field == NULL)
    return 0;
  parts = g_strsplit (field, ".", -1);
  at = self->source;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *key = g_strdup_printf ("\"%s\"", parts[i]);
      const char *found = strstr (at, key);

      if (found == NULL)
        return 0;
      at = found;
    }
  return line_of_offset (self->source, (gsize) (at - self->source));
}

static gboolean
field_error (GError       **error,
             const VvCase  *self,
             VvCaseError    code,
             const char    *field,
             const char    *reason)
{
  guint line = vv_case_find_line (self, field);
  const char *file = self->filename ? self->filename : "-";

  if (line > 0)
    g_set_error (error, VV_CASE_ERROR, code, _("%s:%u: field “%s”: %s"), file, line, field, reason);
  else
    g_set_error (error, VV_CASE_ERROR, code, _("%s: field “%s”: %s"), file, field, reason);
  return FALSE;
}

/**
 * vv_case_from_json:
 * @object: a `veiviser-case/1` JSON object
 * @source: (nullable): the text it came from, for line numbers
 * @filename: (nullable): the file name to show in messages
 * @error: return location for a #GError
 *
 * Reads the case fields. Fact values are checked against the rules by
 * vv_case_validate().
 *
 * Returns: (transfer full) (nullable): the case
 */
VvCase *
vv_case_from_json (JsonObject  *object,
                   const char  *source,
                   const char  *filename,
                   GError     **error)
{
  g_autoptr(VvCase) self = vv_case_new ();
  g_autoptr(GList) members = NULL;
  guint n_unknown = 0;
  JsonNode *n;

  g_return_val_if_fail (object != NULL, NULL);

  self->source = g_strdup (source);
  self->filename = g_strdup (filename);

  n = json_object_get_member (object, "format");
  if (n == NULL)
    {
      field_error (error, self, VV_CASE_ERROR_MISSING_FIELD, "format",
                   _("missing; expected “veiviser-case/1”"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING ||
      g_strcmp0 (json_node_get_string (n), VV_CASE_FORMAT) != 0)
    {
      field_error (error, self, VV_CASE_ERROR_FORMAT, "format",
                   _("not a case file; expected “veiviser-case/1”"));
      return NULL;
    }

  n = json_object_get_member (object, "title");
  if (n != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
        {
          field_error (error, self, VV_CASE_ERROR_WRONG_TYPE, "title", _("must be text"));
          return NULL;
        }
      g_free (self->title);
      self->title = g_strdup (json_node_get_string (n));
    }

  n = json_object_get_member (object, "year");
  if (n == NULL)
    {
      field_error (error, self, VV_CASE_ERROR_MISSING_FIELD, "year",
                   _("missing; the accounting year decides between 254 and 257/258"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64)
    {
      field_error (error, self, VV_CASE_ERROR_WRONG_TYPE, "year", _("must be a whole number such as 2024"));
      return NULL;
    }
  if (json_node_get_int (n) < 1900 || json_node_get_int (n) > 2200)
    {
      field_error (error, self, VV_CASE_ERROR_OUT_OF_RANGE, "year", _("is not a plausible accounting year"));
      return NULL;
    }
  self->year = (int) json_node_get_int (n);

  n = json_object_get_member (object, "facts");
  if (n == NULL)
    {
      field_error (error, self, VV_CASE_ERROR_MISSING_FIELD, "facts", _("missing"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (n))
    {
      field_error (error, self, VV_CASE_ERROR_WRONG_TYPE, "facts", _("must be an object"));
      return NULL;
    }
  json_object_unref (self->facts);
  self->facts = copy_object (json_node_get_object (n));

  n = json_object_get_member (object, "note");
  if (n != NULL && !JSON_NODE_HOLDS_NULL (n))
    {
      if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
        {
          field_error (error, self, VV_CASE_ERROR_WRONG_TYPE, "note", _("must be text"));
          return NULL;
        }
      g_free (self->note);
      self->note = g_strdup (json_node_get_string (n));
    }

  n = json_object_get_member (object, "expected");
  if (n != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (n))
        {
          field_error (error, self, VV_CASE_ERROR_WRONG_TYPE, "expected", _("must be an object"));
          return NULL;
        }
      self->expected = copy_object (json_node_get_object (n));
    }

  n = json_object_get_member (object, "rules_version");
  if (n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
    self->rules_version = g_strdup (json_node_get_string (n));

  n = json_object_get_member (object, "result");
  if (n != NULL && JSON_NODE_HOLDS_OBJECT (n))
    self->result_json = _vv_json_to_data (n, FALSE, NULL);

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known_fields, l->data) && n_unknown++ < VV_CASE_MAX_WARNINGS)
      g_ptr_array_add (self->warnings, g_strdup_printf (_("unknown field “%s” ignored"), (char *) l->data));
  if (n_unknown > VV_CASE_MAX_WARNINGS)
    {
      guint more = n_unknown - VV_CASE_MAX_WARNINGS;

      g_ptr_array_add (self->warnings,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more unknown field ignored",
                                                     "%u more unknown fields ignored", more), more));
    }

  return g_steal_pointer (&self);
}

/**
 * vv_case_load_data:
 * @data: the JSON text
 * @length: its length, or -1 if nul-terminated
 * @filename: (nullable): the file name to show in messages
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the case
 */
VvCase *
vv_case_load_data (const char  *data,
                   gssize       length,
                   const char  *filename,
                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  const char *file = filename ? filename : "-";

  g_return_val_if_fail (data != NULL, NULL);

  if (length < 0)
    length = (gssize) strlen (data);
  if (length == 0)
    {
      g_set_error (error, VV_CASE_ERROR, VV_CASE_ERROR_SYNTAX, _("%s: the file is empty"), file);
      return NULL;
    }
  /* A case is one object: anything else is refused before json-glib parses it
   * (json-glib 1.6 leaks nodes on some syntax errors inside arrays). */
  if (_vv_json_check (data, (gsize) length, filename, &local_error))
    {
      const char *p = data;
      const char *end = data + length;

      if (length >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
        p += 3;
      while (p < end && strchr (" \t\r\n", *p) != NULL && *p != '\0')
        p++;
      if (p < end && (*p == '[' || *p == '"' || *p == '-' || g_ascii_isdigit (*p) ||
                      (end - p >= 4 && memcmp (p, "true", 4) == 0) ||
                      (end - p >= 5 && memcmp (p, "false", 5) == 0) ||
                      (end - p >= 4 && memcmp (p, "null", 4) == 0)))
        {
          g_set_error (error, VV_CASE_ERROR, VV_CASE_ERROR_FORMAT,
                       _("%s:1: the file must hold one JSON object (a veiviser-case/1 document)"),
                       file);
          return NULL;
        }
      if (p < end && *p != '{' && *p != '/')
        {
          /* not JSON at all: only the text before any object or array goes to
           * the parser, for its syntax message */
          gsize n = 0;

          while (n < (gsize) length && data[n] != '{' && data[n] != '[')
            n++;
          length = (gssize) n;
        }
      root = _vv_json_parse (data, (gsize) length, filename, &local_error);
    }
  if (root == NULL && local_error != NULL)
    {
      _vv_json_error_convert (local_error, VV_CASE_ERROR, VV_CASE_ERROR_ENCODING,
                              VV_CASE_ERROR_FORMAT, VV_CASE_ERROR_SYNTAX);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, VV_CASE_ERROR, VV_CASE_ERROR_FORMAT,
                   _("%s:1: the file must hold one JSON object (a veiviser-case/1 document)"), file);
      return NULL;
    }
  text = g_strndup (data, (gsize) length);
  return vv_case_from_json (json_node_get_object (root), text, filename, error);
}

/**
 * vv_case_load_file:
 * @path: a file name
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the case
 */
VvCase *
vv_case_load_file (const char  *path,
                   GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &len, &local_error))
    {
      g_set_error (error, VV_CASE_ERROR,
                   g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
                     ? VV_CASE_ERROR_NOT_FOUND : VV_CASE_ERROR_READ,
                   _("%s: cannot read the file: %s"), path, local_error->message);
      return NULL;
    }
  return vv_case_load_data (contents, (gssize) len, path, error);
}

/**
 * vv_case_validate:
 * @self: a #VvCase
 * @rules: the rule data
 * @error: return location for a #GError
 *
 * Checks the year and every fact against the rules; the message names the
 * file, line and field. Unknown facts are added to the warnings.
 *
 * Returns: %TRUE if the case can be classified
 */
gboolean
vv_case_validate (VvCase   *self,
                  VvRules  *rules,
                  GError  **error)
{
  g_autoptr(GList) members = NULL;
  g_autoptr(GHashTable) seen = NULL;
  guint n_unknown = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (VV_IS_RULES (rules), FALSE);

  if (self->year < vv_rules_get_min_year (rules) || self->year > vv_rules_get_max_year (rules))
    {
      g_autofree char *reason = g_strdup_printf (_("%d is outside the years the rules cover (%d–%d)"),
                                                 self->year, vv_rules_get_min_year (rules),
                                                 vv_rules_get_max_year (rules));
      return field_error (error, self, VV_CASE_ERROR_OUT_OF_RANGE, "year", reason);
    }

  /* Validating twice must not repeat a warning; a set keeps that linear (a
   * search of the list per fact took minutes for 200 000 unknown facts). */
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->warnings->len; i++)
    g_hash_table_add (seen, g_ptr_array_index (self->warnings, i));

  members = json_object_get_members (self->facts);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (self->facts, name);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *checked = NULL;
      g_autofree char *path = NULL;

      if (vv_rules_lookup_fact (rules, name) == NULL)
        {
          g_autofree char *w = NULL;

          if (n_unknown++ >= VV_CASE_MAX_WARNINGS)
            continue;
          w = g_strdup_printf (_("unknown fact “%s” ignored"), name);
          if (!g_hash_table_contains (seen, w))
            {
              g_hash_table_add (seen, w);
              g_ptr_array_add (self->warnings, g_steal_pointer (&w));
            }
          continue;
        }
      if (JSON_NODE_HOLDS_NULL (value))
        continue;
      checked = vv_classify_check_fact (rules, name, value, &local_error);
      path = g_strdup_printf ("facts.%s", name);
      if (checked == NULL)
        {
          VvCaseError code = VV_CASE_ERROR_UNKNOWN_VALUE;

          if (g_error_matches (local_error, VV_CLASSIFY_ERROR, VV_CLASSIFY_ERROR_WRONG_TYPE))
            code = VV_CASE_ERROR_WRONG_TYPE;
          else if (g_error_matches (local_error, VV_CLASSIFY_ERROR, VV_CLASSIFY_ERROR_OUT_OF_RANGE))
            code = VV_CASE_ERROR_OUT_OF_RANGE;
          return field_error (error, self, code, path, local_error->message);
        }
    }
  if (n_unknown > VV_CASE_MAX_WARNINGS)
    {
      guint more = n_unknown - VV_CASE_MAX_WARNINGS;
      g_autofree char *w = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "%u more unknown fact ignored",
                                                         "%u more unknown facts ignored", more),
                                            more);

      if (!g_hash_table_contains (seen, w))
        g_ptr_array_add (self->warnings, g_steal_pointer (&w));
    }
  return TRUE;
}

/**
 * vv_case_to_json:
 * @self: a #VvCase
 *
 * Returns: (transfer full): the `veiviser-case/1` document
 */
JsonNode *
vv_case_to_json (const VvCase *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, VV_CASE_FORMAT);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, self->title ? self->title : "");
  json_builder_set_member_name (b, "year");
  json_builder_add_int_value (b, self->year);
  json_builder_set_member_name (b, "facts");
  json_builder_add_value (b, json_node_init_object (json_node_alloc (), self->facts));
  json_builder_set_member_name (b, "note");
  json_builder_add_string_value (b, self->note ? self->note : "");
  if (self->expected != NULL)
    {
      json_builder_set_member_name (b, "expected");
      json_builder_add_value (b, json_node_init_object (json_node_alloc (), self->expected));
    }
  if (self->rules_version != NULL)
    {
      json_builder_set_member_name (b, "rules_version");
      json_builder_add_string_value (b, self->rules_version);
    }
  if (self->result_json != NULL)
    {
      g_autoptr(JsonNode) result = _vv_json_parse (self->result_json, strlen (self->result_json),
                                                   NULL, NULL);

      if (result != NULL)
        {
          json_builder_set_member_name (b, "result");
          json_builder_add_value (b, g_steal_pointer (&result));
        }
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/**
 * vv_case_to_data:
 * @self: a #VvCase
 * @length: (out) (optional): the length
 *
 * Returns: (transfer full): the case as pretty-printed JSON text
 */
char *
vv_case_to_data (const VvCase *self,
                 gsize        *length)
{
  g_autoptr(JsonNode) root = vv_case_to_json (self);

  return _vv_json_to_data (root, TRUE, length);
}
