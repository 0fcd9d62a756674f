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
  "question", "question_nn", "id", NULL
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
  g_autoptr(JsonNode) n = NULL;
  g_autoptr(JsonNode) copy = NULL;
  g_autofree char *text = NULL;

  if (o == NULL)
    return NULL;
  n = json_node_init_object (json_node_alloc (), o);
  text = json_to_string (n, FALSE);
  copy = json_from_string (text, NULL);
  g_assert (copy != NULL && JSON_NODE_HOLDS_OBJECT (copy));
  return json_object_ref (json_node_get_object (copy));
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
  guint line = 1;

  for (gsize i = 0; i < offset && text[i] != '\0'; i++)
    if (text[i] == '\n')
      line++;
  return line;
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
    self->result_json = json_to_string (n, FALSE);

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known_fields, l->data))
      g_ptr_array_add (self->warnings, g_strdup_printf (_("unknown field “%s” ignored"), (char *) l->data));

  return g_steal_pointer (&self);
}

/* The end of the JSON object or array that starts at @text[0], or @len if it never
 * closes (the parser then reports the syntax error), or G_MAXSIZE if it uses
 * json-glib extensions (comments, single-quoted strings) this scan cannot follow.
 * json-glib 1.6 accepts several top-level values ("{}{...}", "/0 /0{...}"), keeps
 * the first and leaks the others, so only one object is ever handed to it. */
static gsize
json_container_end (const char *text,
                    gsize       len)
{
  gsize depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char ch = text[i];

      if (ch == '"')
        {
          for (i++; i < len && text[i] != '"'; i++)
            if (text[i] == '\\')
              i++;
        }
      else if (ch == '/' || ch == '\'')
        return G_MAXSIZE;
      else if (ch == '{' || ch == '[')
        depth++;
      else if ((ch == '}' || ch == ']') && depth > 0 && --depth == 0)
        return i + 1;
    }
  return len;
}

gboolean
_vv_json_single_document (const char *text,
                          gsize       len)
{
  gsize skip = 0, end;

  if (len >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    skip = 3;
  while (skip < len && strchr (" \t\r\n", text[skip]) != NULL && text[skip] != '\0')
    skip++;
  if (skip >= len)
    return TRUE;
  if (text[skip] != '{' && text[skip] != '[')
    {
      /* a scalar followed by an object or array ("x"{…}) leaks the same way */
      for (gsize i = skip; i < len; i++)
        if (text[i] == '{' || text[i] == '[')
          return FALSE;
      return TRUE;
    }
  end = json_container_end (text + skip, len - skip);
  if (end == G_MAXSIZE)
    return TRUE;   /* comments or single quotes: json-glib reports the syntax error */
  for (gsize i = skip + end; i < len; i++)
    if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r' && text[i] != '\n')
      return FALSE;
  return TRUE;
}

/* Also used by the exercise sets (vv-json-private.h). */
gboolean
_vv_json_strings_valid (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          if (!g_utf8_validate (name, -1, NULL) || !_vv_json_strings_valid (member))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          if (!_vv_json_strings_valid (json_array_get_element (array, i)))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_VALUE:
      return json_node_get_value_type (node) != G_TYPE_STRING ||
             g_utf8_validate (json_node_get_string (node), -1, NULL);
    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

/* The line of the first backslash-digit escape, for the message. */
static guint
line_of_octal_escape (const char *text)
{
  for (const char *p = text; (p = strchr (p, '\\')) != NULL && p[1] != '\0'; p += 2)
    if (g_ascii_isdigit (p[1]))
      return line_of_offset (text, (gsize) (p - text));
  return 1;
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
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  const char *file = filename ? filename : "-";
  const char *start;
  const char *after;
  JsonNode *root;

  g_return_val_if_fail (data != NULL, NULL);

  if (length < 0)
    length = (gssize) strlen (data);
  if (length == 0)
    {
      g_set_error (error, VV_CASE_ERROR, VV_CASE_ERROR_SYNTAX, _("%s: the file is empty"), file);
      return NULL;
    }
  if (memchr (data, '\0', (gsize) length) != NULL || !g_utf8_validate (data, length, NULL))
    {
      const char *end = NULL;
      guint line;

      g_utf8_validate (data, length, &end);
      line = end ? line_of_offset (data, (gsize) (end - data)) : 1;
      g_set_error (error, VV_CASE_ERROR, VV_CASE_ERROR_ENCODING,
                   _("%s:%u: the file is not UTF-8 text (save it as UTF-8)"), file, line);
      return NULL;
    }
  text = g_strndup (data, (gsize) length);
  start = text;
  if (g_str_has_prefix (start, "\xef\xbb\xbf"))
    start += 3;   /* a UTF-8 byte order mark, which json-glib skips */
  start += strspn (start, " \t\r\n");
  if (*start == '[' || *start == '"' || *start == '-' || g_ascii_isdigit (*start) ||
      g_str_has_prefix (start, "true") || g_str_has_prefix (start, "false") ||
      g_str_has_prefix (start, "null"))
    goto not_one_object;
  if (*start == '{')
    {
      gsize end = json_container_end (start, (gsize) (text + length - start));

      if (end == G_MAXSIZE)
        goto not_one_object;
      after = start + end;
      if (after[strspn (after, " \t\r\n")] != '\0')
        goto not_one_object;
      length = (gssize) (after - text);
    }
  else
    {
      /* Not an object: only the text before any object or array goes to the
       * parser, for its syntax message (scalars alone do not leak). */
      length = (gssize) strcspn (text, "{[");
    }
  if (!json_parser_load_from_data (parser, text, length, &local_error))
    {
      /* json-glib cuts the quoted token in its message at a byte count, mid-character. */
      g_autofree char *reason = g_utf8_make_valid (local_error->message, -1);

      g_set_error (error, VV_CASE_ERROR, VV_CASE_ERROR_SYNTAX, _("%s: invalid JSON: %s"), file,
                   reason);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    goto not_one_object;
  if (!_vv_json_strings_valid (root))
    {
      g_set_error (error, VV_CASE_ERROR, VV_CASE_ERROR_ENCODING,
                   _("%s:%u: the file is not UTF-8 text (save it as UTF-8)"), file,
                   line_of_octal_escape (text));
      return NULL;
    }
  return vv_case_from_json (json_node_get_object (root), text, filename, error);

not_one_object:
  g_set_error (error, VV_CASE_ERROR, VV_CASE_ERROR_FORMAT,
               _("%s:1: the file must hold one JSON object (a veiviser-case/1 document)"), file);
  return NULL;
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

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (VV_IS_RULES (rules), FALSE);

  if (self->year < vv_rules_get_min_year (rules) || self->year > vv_rules_get_max_year (rules))
    {
      g_autofree char *reason = g_strdup_printf (_("%d is outside the years the rules cover (%d–%d)"),
                                                 self->year, vv_rules_get_min_year (rules),
                                                 vv_rules_get_max_year (rules));
      return field_error (error, self, VV_CASE_ERROR_OUT_OF_RANGE, "year", reason);
    }

  members = json_object_get_members (self->facts);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (self->facts, name);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *checked = NULL;
      g_autofree char *path = g_strdup_printf ("facts.%s", name);

      if (vv_rules_lookup_fact (rules, name) == NULL)
        {
          g_autofree char *w = g_strdup_printf (_("unknown fact “%s” ignored"), name);

          if (!g_ptr_array_find_with_equal_func (self->warnings, w, g_str_equal, NULL))
            g_ptr_array_add (self->warnings, g_steal_pointer (&w));
          continue;
        }
      if (JSON_NODE_HOLDS_NULL (value))
        continue;
      checked = vv_classify_check_fact (rules, name, value, &local_error);
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
      g_autoptr(JsonNode) result = json_from_string (self->result_json, NULL);

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
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = vv_case_to_json (self);

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, length);
}
