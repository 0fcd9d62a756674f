/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-json"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "vv-json-private.h"

G_DEFINE_QUARK (vv-json-error-quark, vv_json_error)

/* One open object or array during the pre-scan. */
typedef struct
{
  gboolean    is_object;
  gboolean    expect_key;
  GHashTable *keys;          /* member names seen so far (objects only, made lazily) */
} Frame;

typedef struct
{
  const char *text;
  gsize       len;
  gsize       pos;
  guint       line;
  const char *file;
  GArray     *frames;        /* of Frame */
  GString    *str;           /* the decoded string just scanned */
} Scan;

/* helpers */

static void
frame_clear (gpointer data)
{
  Frame *frame = data;

  g_clear_pointer (&frame->keys, g_hash_table_unref);
}

guint
_vv_json_line_of_offset (const char *text,
                         gsize       offset)
{
  guint line = 1;
  const char *p = text;
  const char *end = text + offset;

  while ((p = memchr (p, '\n', (gsize) (end - p))) != NULL)
    {
      line++;
      p++;
    }
  return line;
}

/* A short, printable excerpt of untrusted text for a message. */
static char *
excerpt (const char *text,
         gssize      len)
{
  g_autofree char *valid = g_utf8_make_valid (text, len);
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = valid; *p != '\0' && n < 40; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        g_string_append_c (out, '?');
      else
        g_string_append_unichar (out, c);
    }
  if (g_utf8_strlen (valid, -1) > 40)
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

static int
hex4 (const char *p,
      gsize       avail)
{
  int value = 0;

  if (avail < 4)
    return -1;
  for (int i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (p[i]);

      if (d < 0)
        return -1;
      value = value * 16 + d;
    }
  return value;
}

/* Scans the string whose opening quote is at s->pos into s->str, leaving
 * s->pos after the closing quote. Returns FALSE with @error set for a NUL
 * escape; sets *gave_up when the string does not end or has an escape
 * json-glib will refuse by itself. */
static gboolean
scan_string (Scan      *s,
             gboolean  *gave_up,
             GError   **error)
{
  char quote = s->text[s->pos];
  guint start_line = s->line;

  g_string_truncate (s->str, 0);
  for (s->pos++; s->pos < s->len; s->pos++)
    {
      char ch = s->text[s->pos];

      if (ch == quote)
        {
          s->pos++;
          return TRUE;
        }
      if (ch == '\n')
        s->line++;
      if (ch != '\\' || quote == '\'')
        {
          g_string_append_c (s->str, ch);
          continue;
        }
      if (++s->pos >= s->len)
        break;
      ch = s->text[s->pos];
      if (ch == 'u')
        {
          int unit = hex4 (s->text + s->pos + 1, s->len - s->pos - 1);

          if (unit < 0)
            {
              /* json-glib leaks in its error path for a broken \u escape */
              g_set_error (error, VV_JSON_ERROR, VV_JSON_ERROR_SYNTAX,
                           _("%s:%u: invalid JSON: “\\u” is not followed by four hexadecimal "
                             "digits"), s->file, s->line);
              return FALSE;
            }
          s->pos += 4;
          if (unit == 0)
            {
              g_set_error (error, VV_JSON_ERROR, VV_JSON_ERROR_NUL,
                           _("%s:%u: a text holds a NUL character (\\u0000), which would cut it "
                             "short"), s->file, s->line);
              return FALSE;
            }
          if (unit >= 0xD800 && unit <= 0xDBFF && s->pos + 6 < s->len &&
              s->text[s->pos + 1] == '\\' && s->text[s->pos + 2] == 'u')
            {
              int low = hex4 (s->text + s->pos + 3, s->len - s->pos - 3);

              if (low >= 0xDC00 && low <= 0xDFFF)
                {
                  s->pos += 6;
                  g_string_append_unichar (s->str,
                                           0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
                  continue;
                }
            }
          if (unit >= 0xD800 && unit <= 0xDFFF)
            {
              /* a lone surrogate is no character; json-glib leaks in its error path */
              g_set_error (error, VV_JSON_ERROR, VV_JSON_ERROR_ENCODING,
                           _("%s:%u: the file is not UTF-8 text (save it as UTF-8)"), s->file,
                           s->line);
              return FALSE;
            }
          g_string_append_unichar (s->str, unit);
        }
      else if (ch == '\n')
        {
          s->line++;
          g_string_append_c (s->str, ch);
        }
      else if (strchr ("\"\\/bfnrt", ch) == NULL)
        {
          /* JSON has no other escapes. json-glib 1.6 reads \377 as a raw byte,
           * 1.10 as something else: refuse it before either sees it. */
          g_set_error (error, VV_JSON_ERROR, VV_JSON_ERROR_SYNTAX,
                       _("%s:%u: invalid JSON: “\\%c” is not an escape JSON has"), s->file,
                       s->line, g_ascii_isprint (ch) ? ch : '?');
          return FALSE;
        }
      else
        {
          /* \n \t \" \\ \/: distinct enough for the duplicate check, which
           * only compares keys with each other */
          g_string_append_c (s->str, '\\');
          g_string_append_c (s->str, ch);
        }
    }
  s->line = start_line;
  *gave_up = TRUE;
  return TRUE;
}

static gboolean
check_number (Scan       *s,
              GError    **error)
{
  gsize start = s->pos;
  gboolean real = FALSE;
  g_autofree char *token = NULL;
  gboolean ok;

  while (s->pos < s->len && strchr ("0123456789+-.eE", s->text[s->pos]) != NULL &&
         s->text[s->pos] != '\0')
    {
      if (strchr (".eE", s->text[s->pos]) != NULL)
        real = TRUE;
      s->pos++;
    }
  token = g_strndup (s->text + start, s->pos - start);
  errno = 0;
  if (real)
    {
      double value = g_ascii_strtod (token, NULL);

      ok = isfinite (value);
    }
  else
    {
      char *end = NULL;

      (void) g_ascii_strtoll (token, &end, 10);
      ok = errno != ERANGE;
    }
  if (!ok)
    {
      g_autofree char *shown = excerpt (token, -1);

      g_set_error (error, VV_JSON_ERROR, VV_JSON_ERROR_NUMBER,
                   _("%s:%u: the number %s is too large"), s->file, s->line, shown);
      return FALSE;
    }
  return TRUE;
}

static Frame *
top_frame (Scan *s)
{
  if (s->frames->len == 0)
    return NULL;
  return &g_array_index (s->frames, Frame, s->frames->len - 1);
}

/* Runs the pre-scan. Anything it does not understand is left for json-glib,
 * which reports the syntax error; the scan only refuses what json-glib
 * would accept and get wrong (or crash on). */
static gboolean
scan_text (Scan    *s,
           GError **error)
{
  gboolean done = FALSE;   /* the top-level value is complete */

  if (s->len >= 3 && memcmp (s->text, "\xef\xbb\xbf", 3) == 0)
    s->pos = 3;

  while (s->pos < s->len)
    {
      char ch = s->text[s->pos];
      Frame *top = top_frame (s);

      if (ch == '\n')
        {
          s->line++;
          s->pos++;
          continue;
        }
      if (ch == ' ' || ch == '\t' || ch == '\r')
        {
          s->pos++;
          continue;
        }
      if (ch == '/')
        {
          /* JSON has no comments. json-glib skips them, but a comment that hides
           * the rest of a line leaks in its error path and lets a second
           * document through behind it: refuse them before it sees the text. */
          g_set_error (error, VV_JSON_ERROR, VV_JSON_ERROR_SYNTAX,
                       _("%s:%u: invalid JSON: comments are not allowed"), s->file, s->line);
          return FALSE;
        }

      if (done)
        {
          g_set_error (error, VV_JSON_ERROR, VV_JSON_ERROR_MULTIPLE,
                       _("%s:%u: the file must hold exactly one JSON document"), s->file, s->line);
          return FALSE;
        }

      if (ch == '{' || ch == '[')
        {
          Frame frame = { ch == '{', ch == '{', NULL };

          if (s->frames->len >= VV_JSON_MAX_DEPTH)
            {
              g_set_error (error, VV_JSON_ERROR, VV_JSON_ERROR_DEPTH,
                           _("%s:%u: the JSON is nested more than %u levels deep"), s->file,
                           s->line, (guint) VV_JSON_MAX_DEPTH);
              return FALSE;
            }
          g_array_append_val (s->frames, frame);
          s->pos++;
        }
      else if (ch == '}' || ch == ']')
        {
          if (top == NULL || top->is_object != (ch == '}'))
            return TRUE;   /* json-glib says what is wrong */
          g_array_set_size (s->frames, s->frames->len - 1);
          s->pos++;
          if (s->frames->len == 0)
            done = TRUE;
        }
      else if (ch == ',')
        {
          if (top != NULL && top->is_object)
            top->expect_key = TRUE;
          s->pos++;
        }
      else if (ch == ':')
        s->pos++;
      else if (ch == '"' || ch == '\'')
        {
          gboolean gave_up = FALSE;
          guint line = s->line;

          if (!scan_string (s, &gave_up, error))
            return FALSE;
          if (gave_up)
            return TRUE;
          if (top != NULL && top->is_object && top->expect_key)
            {
              top->expect_key = FALSE;
              if (top->keys == NULL)
                top->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
              if (!g_hash_table_add (top->keys, g_strndup (s->str->str, s->str->len)))
                {
                  g_autofree char *shown = excerpt (s->str->str, (gssize) s->str->len);

                  g_set_error (error, VV_JSON_ERROR, VV_JSON_ERROR_DUPLICATE_KEY,
                               _("%s:%u: the key “%s” appears twice in the same object; "
                                 "only one value can be meant"), s->file, line, shown);
                  return FALSE;
                }
            }
          else if (top == NULL)
            done = TRUE;
        }
      else if (ch == '-' || g_ascii_isdigit (ch))
        {
          if (!check_number (s, error))
            return FALSE;
          if (top == NULL)
            done = TRUE;
        }
      else if (g_ascii_isalpha (ch) || ch == '_')
        {
          gsize start = s->pos;
          gsize n;

          while (s->pos < s->len && (g_ascii_isalnum (s->text[s->pos]) || s->text[s->pos] == '_'))
            s->pos++;
          n = s->pos - start;
          if (!(n == 4 && memcmp (s->text + start, "true", 4) == 0) &&
              !(n == 5 && memcmp (s->text + start, "false", 5) == 0) &&
              !(n == 4 && memcmp (s->text + start, "null", 4) == 0))
            return TRUE;   /* not JSON: json-glib reports it */
          if (top == NULL)
            done = TRUE;
        }
      else
        {
          /* No JSON value starts so. json-glib 1.6 reads some such text its
           * own way ("$99" as a hexadecimal number, then what follows) and
           * leaks what it parsed when it gives up: refuse it here. */
          g_set_error (error, VV_JSON_ERROR, VV_JSON_ERROR_SYNTAX,
                       _("%s:%u: invalid JSON: unexpected character “%c”"), s->file, s->line,
                       g_ascii_isprint (ch) ? ch : '?');
          return FALSE;
        }
    }
  if (s->frames->len > 0)
    {
      /* json-glib 1.6 refuses a document that ends inside an object or array;
       * json-glib 1.10 (Debian 13) quietly closes it and reads what is there */
      g_set_error (error, VV_JSON_ERROR, VV_JSON_ERROR_SYNTAX,
                   _("%s: invalid JSON: the text ends at line %u before every { and [ in it "
                     "is closed"), s->file, s->line);
      return FALSE;
    }
  return TRUE;
}

/* public (private) API */

/**
 * _vv_json_check:
 * @text: JSON text, not necessarily nul-terminated
 * @len: its length in bytes
 * @filename: (nullable): the name to show in messages
 * @error: return location for a #GError in %VV_JSON_ERROR
 *
 * The pre-scan every JSON input goes through before json-glib sees it (see
 * vv-json-private.h). Syntax errors are left to the parser.
 *
 * Returns: %TRUE if the text may be handed to json-glib
 */
gboolean
_vv_json_check (const char  *text,
                gsize        len,
                const char  *filename,
                GError     **error)
{
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (Frame));
  g_autoptr(GString) str = g_string_new (NULL);
  const char *file = filename != NULL ? filename : "-";
  const char *bad = NULL;
  Scan s = { text, len, 0, 1, file, frames, str };

  g_return_val_if_fail (text != NULL || len == 0, FALSE);

  /* with a length, g_utf8_validate() also stops at a NUL byte */
  if (len > 0 && !g_utf8_validate (text, (gssize) len, &bad))
    {
      g_set_error (error, VV_JSON_ERROR, VV_JSON_ERROR_ENCODING,
                   _("%s:%u: the file is not UTF-8 text (save it as UTF-8)"), file,
                   _vv_json_line_of_offset (text, (gsize) (bad - text)));
      return FALSE;
    }

  g_array_set_clear_func (frames, frame_clear);
  return scan_text (&s, error);
}

/**
 * _vv_json_parser_load:
 * @parser: a #JsonParser (signals may be connected)
 * @text: JSON text
 * @len: its length in bytes
 * @filename: (nullable): the name to show in messages
 * @error: return location for a #GError in %VV_JSON_ERROR
 *
 * Pre-scans @text, parses it and checks that every string is UTF-8.
 *
 * Returns: %TRUE if @parser now holds the document
 */
gboolean
_vv_json_parser_load (JsonParser  *parser,
                      const char  *text,
                      gsize        len,
                      const char  *filename,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *file = filename != NULL ? filename : "-";
  JsonNode *root;

  g_return_val_if_fail (JSON_IS_PARSER (parser), FALSE);

  if (!_vv_json_check (text, len, filename, error))
    return FALSE;
  if (!json_parser_load_from_data (parser, len > 0 ? text : "", (gssize) len, &local_error))
    {
      /* json-glib's message carries the line and column, but it cuts the quoted
       * token at a byte count, possibly mid-character */
      g_autofree char *reason = g_utf8_make_valid (local_error->message, -1);

      g_set_error (error, VV_JSON_ERROR, VV_JSON_ERROR_SYNTAX, _("%s: invalid JSON: %s"), file,
                   reason);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root != NULL && !_vv_json_strings_valid (root))
    {
      guint line = 1;

      /* the line of the first backslash-digit escape, json-glib's octal escape */
      for (gsize i = 0; i + 1 < len; i++)
        if (text[i] == '\\' && g_ascii_isdigit (text[i + 1]))
          {
            line = _vv_json_line_of_offset (text, i);
            break;
          }
        else if (text[i] == '\\')
          i++;
      g_set_error (error, VV_JSON_ERROR, VV_JSON_ERROR_ENCODING,
                   _("%s:%u: the file is not UTF-8 text (save it as UTF-8)"), file, line);
      return FALSE;
    }
  return TRUE;
}

/**
 * _vv_json_parse:
 * @text: JSON text
 * @len: its length in bytes
 * @filename: (nullable): the name to show in messages
 * @error: return location for a #GError in %VV_JSON_ERROR
 *
 * Returns: (transfer full) (nullable): the document's root, %NULL for an
 *   empty document (without an error) or on error
 */
JsonNode *
_vv_json_parse (const char  *text,
                gsize        len,
                const char  *filename,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!_vv_json_parser_load (parser, text, len, filename, error))
    return NULL;
  return json_parser_steal_root (parser);
}

/**
 * _vv_json_parse_object:
 * @text: (nullable): nul-terminated JSON text, e.g. from the database
 * @filename: (nullable): the name to show in messages
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the object, or %NULL if @text is
 *   %NULL or does not hold an object (@error set when it is not JSON)
 */
JsonObject *
_vv_json_parse_object (const char  *text,
                       const char  *filename,
                       GError     **error)
{
  g_autoptr(JsonNode) node = NULL;

  if (text == NULL)
    return NULL;
  node = _vv_json_parse (text, strlen (text), filename, error);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_ref (json_node_get_object (node));
}

/**
 * _vv_json_object_copy_deep:
 * @object: (nullable): a #JsonObject
 *
 * json_node_copy() shares objects and arrays; this copies every level. The
 * input went through the depth cap, so the recursion is bounded.
 *
 * Returns: (transfer full) (nullable): the copy
 */
JsonObject *
_vv_json_object_copy_deep (JsonObject *object)
{
  g_autoptr(GList) members = NULL;
  JsonObject *copy;

  if (object == NULL)
    return NULL;
  copy = json_object_new ();
  /* in the written order (an iterator walks the hash table) */
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (copy, l->data,
                            _vv_json_node_copy_deep (json_object_get_member (object, l->data)));
  return copy;
}

/**
 * _vv_json_node_copy_deep:
 * @node: a #JsonNode
 *
 * Returns: (transfer full): a copy sharing nothing with @node
 */
JsonNode *
_vv_json_node_copy_deep (JsonNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonNode *copy = json_node_new (JSON_NODE_OBJECT);

      /* json_node_init_object() would take a second reference */
      json_node_take_object (copy, _vv_json_object_copy_deep (json_node_get_object (node)));
      return copy;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);
      JsonArray *copy = json_array_sized_new (n);
      JsonNode *copy_node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < n; i++)
        json_array_add_element (copy, _vv_json_node_copy_deep (json_array_get_element (array, i)));
      json_node_take_array (copy_node, copy);
      return copy_node;
    }
  return json_node_copy (node);
}

/**
 * _vv_json_strings_valid:
 * @node: a #JsonNode
 *
 * Returns: %FALSE when a string or member name anywhere in @node is not UTF-8
 */
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

/**
 * _vv_json_error_convert:
 * @error: (nullable): an error in %VV_JSON_ERROR
 * @domain: the caller's error domain
 * @encoding_code: its code for text that is not UTF-8
 * @format_code: its code for more than one document
 * @syntax_code: its code for everything else
 *
 * Moves a reading error into the caller's domain, keeping the message.
 */
void
_vv_json_error_convert (GError *error,
                        GQuark  domain,
                        int     encoding_code,
                        int     format_code,
                        int     syntax_code)
{
  if (error == NULL || error->domain != VV_JSON_ERROR)
    return;
  error->domain = domain;
  if (error->code == VV_JSON_ERROR_ENCODING)
    error->code = encoding_code;
  else if (error->code == VV_JSON_ERROR_MULTIPLE)
    error->code = format_code;
  else
    error->code = syntax_code;
}

/**
 * _vv_json_to_data:
 * @root: the value to write
 * @pretty: indent by 2 and put members on lines of their own
 * @length: (out) (optional): the length of the text
 *
 * Writes @root with json-glib's generator and removes the ".0" it appends
 * after an exponent (json-glib 1.6 writes 1e20 as "1e+20.0"), outside
 * strings, so that what is written can always be read back.
 *
 * Returns: (transfer full): the JSON text
 */
char *
_vv_json_to_data (JsonNode *root,
                  gboolean  pretty,
                  gsize    *length)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;
  GString *out;
  gboolean in_string = FALSE;
  gboolean in_exponent = FALSE;
  gsize len = 0;

  json_generator_set_pretty (gen, pretty);
  if (pretty)
    json_generator_set_indent (gen, 2);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, &len);

  out = g_string_sized_new (len);
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\' && i + 1 < len)
            g_string_append_c (out, text[i++]);
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == 'e' || c == 'E')
        in_exponent = i > 0 && g_ascii_isdigit (text[i - 1]);
      else if (in_exponent && c == '.')
        {
          /* "1e+20.0": skip the point and its zeros */
          while (i + 1 < len && text[i + 1] == '0')
            i++;
          in_exponent = FALSE;
          continue;
        }
      else if (!g_ascii_isdigit (c) && c != '+' && c != '-')
        in_exponent = FALSE;
      g_string_append_c (out, text[i]);
    }
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}
