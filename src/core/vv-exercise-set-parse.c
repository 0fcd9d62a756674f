/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-exercise-set"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <string.h>

#include "vv-case.h"
#include "vv-classifier.h"
#include "vv-exercise-set-private.h"
#include "vv-json-private.h"

/* Where each JSON value was written, so that errors can name the line. */
typedef struct
{
  const char *filename;
  GHashTable *lines;      /* field path ("exercises[2].expected") -> line */
} Source;

/* While parsing: the start lines of the objects and arrays not yet closed,
 * and the line of every member, element, object and array (keyed by address). */
typedef struct
{
  GArray     *open;       /* guint */
  GHashTable *lines;      /* "%p", "%p/member" or "%p[index]" -> line */
} LineTracker;

/* Fields of an exercise that are not case fields: they are stripped before
 * the case is handed to the case loader so it does not warn about them. */
static const char *exercise_only_fields[] = { "id", "title_nn", "question", "question_nn" };

/* helpers */

static void
on_parser_container_start_cb (JsonParser  *parser,
                              LineTracker *tracker)
{
  guint line = json_parser_get_current_line (parser);

  g_array_append_val (tracker->open, line);
}

static void
on_parser_container_end_cb (JsonParser  *parser,
                            gpointer     container,
                            LineTracker *tracker)
{
  guint line = 0;

  if (tracker->open->len > 0)
    {
      line = g_array_index (tracker->open, guint, tracker->open->len - 1);
      g_array_set_size (tracker->open, tracker->open->len - 1);
    }
  g_hash_table_insert (tracker->lines, g_strdup_printf ("%p", container), GUINT_TO_POINTER (line));
}

static void
on_parser_object_member_cb (JsonParser  *parser,
                            JsonObject  *object,
                            const char  *member,
                            LineTracker *tracker)
{
  g_hash_table_insert (tracker->lines, g_strdup_printf ("%p/%s", (gpointer) object, member),
                       GUINT_TO_POINTER (json_parser_get_current_line (parser)));
}

static void
on_parser_array_element_cb (JsonParser  *parser,
                            JsonArray   *array,
                            int          index,
                            LineTracker *tracker)
{
  g_hash_table_insert (tracker->lines, g_strdup_printf ("%p[%d]", (gpointer) array, index),
                       GUINT_TO_POINTER (json_parser_get_current_line (parser)));
}

/* A value that spans lines (an object or a list) is reported at its first line. */
static guint
node_line (LineTracker *tracker,
           JsonNode    *node,
           const char  *fallback_key)
{
  g_autofree char *key = NULL;

  if (JSON_NODE_HOLDS_OBJECT (node))
    key = g_strdup_printf ("%p", (gpointer) json_node_get_object (node));
  else if (JSON_NODE_HOLDS_ARRAY (node))
    key = g_strdup_printf ("%p", (gpointer) json_node_get_array (node));
  return GPOINTER_TO_UINT (g_hash_table_lookup (tracker->lines, key != NULL ? key : fallback_key));
}

static void
collect_paths (LineTracker *tracker,
               JsonNode    *node,
               const char  *path,
               GHashTable  *paths)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *member = json_object_get_member (object, l->data);
          g_autofree char *key = g_strdup_printf ("%p/%s", (gpointer) object, (char *) l->data);
          char *member_path = *path == '\0' ? g_strdup (l->data)
                                            : g_strconcat (path, ".", l->data, NULL);

          g_hash_table_insert (paths, member_path,
                               GUINT_TO_POINTER (node_line (tracker, member, key)));
          collect_paths (tracker, member, member_path, paths);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          g_autofree char *key = g_strdup_printf ("%p[%u]", (gpointer) array, i);
          char *element_path = g_strdup_printf ("%s[%u]", path, i);

          g_hash_table_insert (paths, element_path,
                               GUINT_TO_POINTER (node_line (tracker, element, key)));
          collect_paths (tracker, element, element_path, paths);
        }
    }
}

/* The line of @field, or of the nearest enclosing value that is written
 * (a missing member is reported at the object that lacks it). */
static guint
source_line (const Source *src,
             const char   *field)
{
  g_autofree char *path = g_strdup (field);

  if (src->lines == NULL)
    return 0;
  while (TRUE)
    {
      gpointer line;
      char *cut;

      if (g_hash_table_lookup_extended (src->lines, path, NULL, &line))
        return GPOINTER_TO_UINT (line);
      if (*path == '\0')
        return 0;
      cut = MAX (strrchr (path, '.'), strrchr (path, '['));
      if (cut == NULL)
        cut = path;
      *cut = '\0';
    }
}

G_GNUC_PRINTF (5, 6)
static gboolean
set_field_error (GError       **error,
                 int            code,
                 const Source  *src,
                 const char    *field,
                 const char    *format,
                 ...)
{
  g_autofree char *message = NULL;
  guint line = source_line (src, field);
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (line > 0)
    /* TRANSLATORS: "FILE:LINE: field “PATH”: MESSAGE", e.g.
     * "avlastning.json:40: field “exercises[2].expected.outcome”: unknown outcome “x”" */
    g_set_error (error, VV_EXERCISE_SET_ERROR, code, _("%s:%u: field “%s”: %s"),
                 src->filename, line, field, message);
  else
    /* TRANSLATORS: "FILE: field “PATH”: MESSAGE", e.g.
     * "avlastning.json: field “exercises[2].expected.outcome”: unknown outcome “x”" */
    g_set_error (error, VV_EXERCISE_SET_ERROR, code, _("%s: field “%s”: %s"),
                 src->filename, field, message);
  return FALSE;
}

static gboolean
get_string_member (JsonObject  *object,
                   const char  *member,
                   gboolean     required,
                   const Source *src,
                   const char  *prefix,
                   char       **out,
                   GError     **error)
{
  g_autofree char *field = g_strconcat (prefix, member, NULL);
  JsonNode *node;

  *out = NULL;
  node = json_object_get_member (object, member);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        return set_field_error (error, VV_EXERCISE_SET_ERROR_MISSING_FIELD, src, field,
                                "%s", _("this field is required"));
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return set_field_error (error, VV_EXERCISE_SET_ERROR_WRONG_TYPE, src, field,
                            "%s", _("must be a text string"));
  if (required && *json_node_get_string (node) == '\0')
    return set_field_error (error, VV_EXERCISE_SET_ERROR_MISSING_FIELD, src, field,
                            "%s", _("must not be empty"));
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

gboolean
_vv_exercise_is_function_code (const char *code)
{
  return code != NULL && strlen (code) == 3 &&
         g_ascii_isdigit (code[0]) && g_ascii_isdigit (code[1]) && g_ascii_isdigit (code[2]);
}

static gboolean
get_string_array (JsonObject  *object,
                  const char  *member,
                  gboolean     function_codes,
                  const Source *src,
                  const char  *prefix,
                  GPtrArray  **out,
                  GError     **error)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *field = g_strconcat (prefix, member, NULL);
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_ARRAY (node))
        return set_field_error (error, VV_EXERCISE_SET_ERROR_WRONG_TYPE, src, field,
                                "%s", _("must be a list"));
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          const char *value;

          if (!JSON_NODE_HOLDS_VALUE (element) ||
              json_node_get_value_type (element) != G_TYPE_STRING)
            return set_field_error (error, VV_EXERCISE_SET_ERROR_WRONG_TYPE, src, field,
                                    _("element %u must be a text string"), i);
          value = json_node_get_string (element);
          if (function_codes && !_vv_exercise_is_function_code (value))
            return set_field_error (error, VV_EXERCISE_SET_ERROR_INVALID_VALUE, src, field,
                                    _("“%s” is not a three-digit function code"), value);
          g_ptr_array_add (strings, g_strdup (value));
        }
    }
  *out = g_steal_pointer (&strings);
  return TRUE;
}

static gboolean
parse_expected (VvExercise  *exercise,
                JsonObject  *expected,
                const Source *src,
                const char  *prefix,
                GError     **error)
{
  g_autofree char *field = g_strconcat (prefix, "allocations", NULL);
  JsonNode *node;
  int sum = 0;

  if (!get_string_member (expected, "outcome", TRUE, src, prefix, &exercise->outcome, error))
    return FALSE;
  if (!g_str_equal (exercise->outcome, "function") &&
      !g_str_equal (exercise->outcome, "split") &&
      !g_str_equal (exercise->outcome, "outside_kostra"))
    {
      g_autofree char *outcome_field = g_strconcat (prefix, "outcome", NULL);

      return set_field_error (error, VV_EXERCISE_SET_ERROR_INVALID_VALUE, src, outcome_field,
                              _("“%s” is not an exercise outcome (function, split or outside_kostra)"),
                              exercise->outcome);
    }

  exercise->allocations = g_array_new (FALSE, TRUE, sizeof (VvAllocation));
  node = json_object_get_member (expected, "allocations");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return set_field_error (error, VV_EXERCISE_SET_ERROR_WRONG_TYPE, src, field,
                                "%s", _("must be a list"));
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          g_autofree char *element_field = g_strdup_printf ("%s[%u]", field, i);
          JsonObject *allocation;
          VvAllocation a = { { 0 }, 0 };
          const char *function;
          JsonNode *percent;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            return set_field_error (error, VV_EXERCISE_SET_ERROR_WRONG_TYPE, src,
                                    element_field, "%s", _("must be an object"));
          allocation = json_node_get_object (element);
          function = json_object_get_string_member_with_default (allocation, "function", NULL);
          if (!_vv_exercise_is_function_code (function))
            return set_field_error (error, VV_EXERCISE_SET_ERROR_INVALID_VALUE, src,
                                    element_field, "%s",
                                    _("“function” must be a three-digit function code"));
          percent = json_object_get_member (allocation, "percent");
          if (percent == NULL)
            a.percent = 100;
          else if (!JSON_NODE_HOLDS_VALUE (percent) ||
                   json_node_get_value_type (percent) != G_TYPE_INT64 ||
                   json_node_get_int (percent) < 0 || json_node_get_int (percent) > 100)
            return set_field_error (error, VV_EXERCISE_SET_ERROR_INVALID_VALUE, src,
                                    element_field, "%s",
                                    _("“percent” must be a whole number from 0 to 100"));
          else
            a.percent = (int) json_node_get_int (percent);
          g_strlcpy (a.function, function, sizeof a.function);
          sum += a.percent;
          g_array_append_val (exercise->allocations, a);
        }
    }

  if (g_str_equal (exercise->outcome, "outside_kostra"))
    {
      if (exercise->allocations->len != 0)
        return set_field_error (error, VV_EXERCISE_SET_ERROR_INVALID_VALUE, src, field, "%s",
                                _("an outside_kostra outcome has no allocations"));
    }
  else if (g_str_equal (exercise->outcome, "function") && exercise->allocations->len != 1)
    return set_field_error (error, VV_EXERCISE_SET_ERROR_INVALID_VALUE, src, field, "%s",
                            _("a function outcome has exactly one allocation"));
  else if (g_str_equal (exercise->outcome, "split") && exercise->allocations->len < 2)
    return set_field_error (error, VV_EXERCISE_SET_ERROR_INVALID_VALUE, src, field, "%s",
                            _("a split outcome has two or more allocations"));
  else if (sum != 100)
    return set_field_error (error, VV_EXERCISE_SET_ERROR_INVALID_VALUE, src, field,
                            _("the percents add up to %d, not 100"), sum);

  if (!get_string_array (expected, "alternatives", TRUE, src, prefix,
                         &exercise->alternatives, error))
    return FALSE;
  if (!get_string_array (expected, "rules", FALSE, src, prefix, &exercise->rules, error))
    return FALSE;

  return TRUE;
}

/* @path is "exercises[N]", or "" for a single case file. */
static VvExercise *
parse_exercise (JsonNode      *node,
                guint          index,
                const char    *path,
                const Source  *src,
                GError       **error)
{
  g_autoptr(JsonObject) case_object = NULL;
  g_autofree char *prefix = *path == '\0' ? g_strdup ("") : g_strconcat (path, ".", NULL);
  g_autofree char *expected_prefix = NULL;
  g_autofree char *case_filename = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;
  JsonNode *expected;
  VvExercise *exercise;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_field_error (error, VV_EXERCISE_SET_ERROR_WRONG_TYPE, src, path,
                       "%s", _("must be an object"));
      return NULL;
    }
  object = json_node_get_object (node);

  exercise = g_new0 (VvExercise, 1);

  if (!get_string_member (object, "id", FALSE, src, prefix, &exercise->id, error) ||
      !get_string_member (object, "title_nn", FALSE, src, prefix, &exercise->title_nn, error) ||
      !get_string_member (object, "question", TRUE, src, prefix, &exercise->question, error) ||
      !get_string_member (object, "question_nn", FALSE, src, prefix,
                          &exercise->question_nn, error))
    goto fail;
  if (exercise->id == NULL)
    exercise->id = g_strdup_printf ("%u", index + 1);

  expected = json_object_get_member (object, "expected");
  if (expected == NULL || JSON_NODE_HOLDS_NULL (expected))
    {
      g_autofree char *field = g_strconcat (prefix, "expected", NULL);

      set_field_error (error, VV_EXERCISE_SET_ERROR_MISSING_FIELD, src, field,
                       "%s", _("every exercise needs an expected result"));
      goto fail;
    }
  if (!JSON_NODE_HOLDS_OBJECT (expected))
    {
      g_autofree char *field = g_strconcat (prefix, "expected", NULL);

      set_field_error (error, VV_EXERCISE_SET_ERROR_WRONG_TYPE, src, field,
                       "%s", _("must be an object"));
      goto fail;
    }
  expected_prefix = g_strconcat (prefix, "expected.", NULL);
  if (!parse_expected (exercise, json_node_get_object (expected), src, expected_prefix, error))
    goto fail;

  /* The rest is an ordinary case (veiviser-case/1); the case loader checks it. */
  case_object = json_object_new ();
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      gboolean skip = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (exercise_only_fields); i++)
        skip |= g_str_equal (name, exercise_only_fields[i]);
      if (!skip)
        json_object_set_member (case_object, name,
                                json_node_copy (json_object_get_member (object, name)));
    }
  if (!json_object_has_member (case_object, "format"))
    json_object_set_string_member (case_object, "format", VV_CASE_FORMAT);

  if (*path == '\0')
    case_filename = g_strdup (src->filename);
  else if (source_line (src, path) > 0)
    case_filename = g_strdup_printf ("%s:%u, %s", src->filename, source_line (src, path), path);
  else
    case_filename = g_strdup_printf ("%s, %s", src->filename, path);
  exercise->kase = vv_case_from_json (case_object, NULL, case_filename, error);
  if (exercise->kase == NULL)
    goto fail;
  if (exercise->kase->title == NULL || *exercise->kase->title == '\0')
    {
      g_autofree char *field = g_strconcat (prefix, "title", NULL);

      set_field_error (error, VV_EXERCISE_SET_ERROR_MISSING_FIELD, src, field,
                       "%s", _("this field is required"));
      goto fail;
    }

  return exercise;

fail:
  _vv_exercise_free (exercise);
  return NULL;
}

static gboolean
parse_exercise_list (VvExerciseSet  *self,
                     JsonObject     *object,
                     const Source   *src,
                     GError        **error)
{
  JsonNode *exercises;
  JsonArray *array;

  if (!get_string_member (object, "id", FALSE, src, "", &self->id, error) ||
      !get_string_member (object, "title", TRUE, src, "", &self->title, error) ||
      !get_string_member (object, "title_nn", FALSE, src, "", &self->title_nn, error) ||
      !get_string_member (object, "description", FALSE, src, "", &self->description, error) ||
      !get_string_member (object, "description_nn", FALSE, src, "",
                          &self->description_nn, error))
    return FALSE;

  exercises = json_object_get_member (object, "exercises");
  if (exercises == NULL || JSON_NODE_HOLDS_NULL (exercises))
    return set_field_error (error, VV_EXERCISE_SET_ERROR_MISSING_FIELD, src, "exercises",
                            "%s", _("this field is required"));
  if (!JSON_NODE_HOLDS_ARRAY (exercises))
    return set_field_error (error, VV_EXERCISE_SET_ERROR_WRONG_TYPE, src, "exercises",
                            "%s", _("must be a list"));
  array = json_node_get_array (exercises);
  if (json_array_get_length (array) == 0)
    return set_field_error (error, VV_EXERCISE_SET_ERROR_EMPTY, src, "exercises",
                            "%s", _("the set has no exercises"));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("exercises[%u]", i);
      VvExercise *exercise = parse_exercise (json_array_get_element (array, i), i, path, src,
                                             error);

      if (exercise == NULL)
        return FALSE;
      for (guint j = 0; j < self->exercises->len; j++)
        {
          const VvExercise *other = g_ptr_array_index (self->exercises, j);

          if (g_str_equal (other->id, exercise->id))
            {
              g_autofree char *field = g_strdup_printf ("exercises[%u].id", i);

              _vv_exercise_free (exercise);
              return set_field_error (error, VV_EXERCISE_SET_ERROR_INVALID_VALUE, src, field,
                                      _("“%s” is already used by exercises[%u]"), other->id, j);
            }
        }
      g_ptr_array_add (self->exercises, exercise);
      g_ptr_array_add (self->answers, NULL);
    }

  return TRUE;
}

/* A single veiviser-case/1 file with an "expected" result is a set of one
 * exercise; the case title is its question unless the file has one. */
static gboolean
parse_case_file (VvExerciseSet  *self,
                 JsonNode       *root,
                 const Source   *src,
                 GError        **error)
{
  g_autoptr(JsonNode) copy = json_node_copy (root);
  JsonObject *object = json_node_get_object (copy);
  VvExercise *exercise;

  if (!get_string_member (object, "title", TRUE, src, "", &self->title, error) ||
      !get_string_member (object, "title_nn", FALSE, src, "", &self->title_nn, error))
    return FALSE;
  if (!json_object_has_member (object, "question"))
    json_object_set_string_member (object, "question", self->title);
  if (!json_object_has_member (object, "question_nn") && self->title_nn != NULL)
    json_object_set_string_member (object, "question_nn", self->title_nn);

  exercise = parse_exercise (copy, 0, "", src, error);
  if (exercise == NULL)
    return FALSE;
  g_ptr_array_add (self->exercises, exercise);
  g_ptr_array_add (self->answers, NULL);
  return TRUE;
}

static gboolean
parse_set (VvExerciseSet  *self,
           JsonNode       *root,
           const Source *src,
           GError        **error)
{
  g_autofree char *format = NULL;
  JsonObject *object;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, VV_EXERCISE_SET_ERROR, VV_EXERCISE_SET_ERROR_FORMAT,
                   _("%s: not an exercise set: the file must hold one JSON object"),
                   src->filename);
      return FALSE;
    }
  object = json_node_get_object (root);

  if (!get_string_member (object, "format", TRUE, src, "", &format, error))
    return FALSE;
  if (g_str_equal (format, VV_CASE_FORMAT))
    {
      if (!parse_case_file (self, root, src, error))
        return FALSE;
    }
  else if (!g_str_equal (format, VV_EXERCISE_SET_FORMAT))
    {
      /* TRANSLATORS: the format field of a file that is neither an exercise set
       * nor a case; the %s are the format found and the two accepted ones */
      return set_field_error (error, VV_EXERCISE_SET_ERROR_FORMAT, src, "format",
                              _("“%s” is neither “%s” nor “%s”"), format,
                              VV_EXERCISE_SET_FORMAT, VV_CASE_FORMAT);
    }
  else if (!parse_exercise_list (self, object, src, error))
    return FALSE;

  if (self->id == NULL)
    {
      g_autofree char *basename = g_path_get_basename (src->filename);

      if (g_str_has_suffix (basename, ".json"))
        basename[strlen (basename) - strlen (".json")] = '\0';
      self->id = g_steal_pointer (&basename);
    }

  return TRUE;
}

/* public API */

/**
 * vv_exercise_set_new_from_bytes:
 * @bytes: the contents of a `veiviser-exercises/1` file
 * @filename: the name to use in error messages and as the default set id
 * @error: return location for a #GError
 *
 * Parses and validates an exercise set (`veiviser-exercises/1`), or a single
 * case (`veiviser-case/1`) with an `expected` result, which becomes a set of
 * one exercise whose question is the case title. Errors name the file, the
 * line and the field (e.g. `kurs.json:40: field “exercises[2].expected.outcome”`). Facts are checked by the case
 * loader; whether the expected results agree with the rules is checked
 * separately by vv_exercise_set_verify().
 *
 * Returns: (transfer full): the set, or %NULL with @error set
 */
VvExerciseSet *
vv_exercise_set_new_from_bytes (GBytes      *bytes,
                                const char  *filename,
                                GError     **error)
{
  g_autoptr(VvExerciseSet) self = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) node_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) path_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  LineTracker tracker = { open, node_lines };
  Source src = { NULL, path_lines };
  JsonNode *root;
  const char *data;
  gsize length;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (filename == NULL)
    filename = "exercises.json";

  data = g_bytes_get_data (bytes, &length);
  parser = json_parser_new ();
  g_signal_connect (parser, "object-start", G_CALLBACK (on_parser_container_start_cb), &tracker);
  g_signal_connect (parser, "array-start", G_CALLBACK (on_parser_container_start_cb), &tracker);
  g_signal_connect (parser, "object-end", G_CALLBACK (on_parser_container_end_cb), &tracker);
  g_signal_connect (parser, "array-end", G_CALLBACK (on_parser_container_end_cb), &tracker);
  g_signal_connect (parser, "object-member", G_CALLBACK (on_parser_object_member_cb), &tracker);
  g_signal_connect (parser, "array-element", G_CALLBACK (on_parser_array_element_cb), &tracker);
  if (!_vv_json_parser_load (parser, data != NULL ? data : "", length, filename, &local_error))
    {
      g_set_error_literal (error, VV_EXERCISE_SET_ERROR, VV_EXERCISE_SET_ERROR_SYNTAX,
                           local_error->message);
      return NULL;
    }
  g_signal_handlers_disconnect_by_data (parser, &tracker);

  root = json_parser_get_root (parser);
  if (root != NULL)
    {
      g_hash_table_insert (path_lines, g_strdup (""),
                           GUINT_TO_POINTER (node_line (&tracker, root, "")));
      collect_paths (&tracker, root, "", path_lines);
    }

  self = g_object_new (VV_TYPE_EXERCISE_SET, NULL);
  self->filename = g_strdup (filename);
  src.filename = self->filename;
  if (!parse_set (self, root, &src, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * vv_exercise_set_new_from_file:
 * @file: a #GFile (local file or `resource://`)
 * @error: return location for a #GError
 *
 * Loads an exercise set synchronously; small files only. Use from a worker
 * thread (or for resources) in the UI.
 *
 * Returns: (transfer full): the set, or %NULL with @error set
 */
VvExerciseSet *
vv_exercise_set_new_from_file (GFile   *file,
                               GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_basename (file);
  bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, VV_EXERCISE_SET_ERROR, VV_EXERCISE_SET_ERROR_READ,
                   _("%s: cannot read the file: %s"), name, local_error->message);
      return NULL;
    }
  return vv_exercise_set_new_from_bytes (bytes, name, error);
}

/**
 * vv_exercise_set_new_from_path:
 * @path: a file name
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the set, or %NULL with @error set
 */
VvExerciseSet *
vv_exercise_set_new_from_path (const char  *path,
                               GError     **error)
{
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  return vv_exercise_set_new_from_file (file, error);
}
