/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-json"

#include "config.h"

#include <string.h>

#include "vv-json-private.h"

/* Finding the members of a JSON object without parsing their values: one
 * pass over the bytes that only tells strings and brackets apart, so that a
 * caller can hand json-glib just the members it needs (the rule data's
 * split-time part is a fiftieth of the whole). It does not check the values:
 * whoever parses a member's text checks that. */

static gsize
skip_blank (const char *t,
            gsize       i,
            gsize       len)
{
  while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
    i++;
  return i;
}

/* @i is on a string's opening quote; returns the index after its closing
 * quote, or 0 when the text ends first. */
static gsize
skip_string (const char *t,
             gsize       i,
             gsize       len)
{
  for (i++; i < len; i++)
    {
      const char *quote = memchr (t + i, '"', len - i);
      gsize q, backslashes = 0;

      if (quote == NULL)
        return 0;
      q = (gsize) (quote - t);
      /* escaped when an odd number of backslashes stands before it */
      while (q - backslashes > i && t[q - backslashes - 1] == '\\')
        backslashes++;
      if (backslashes % 2 == 0)
        return q + 1;
      i = q;
    }
  return 0;
}

/* @i is on a value's first byte; returns the index after its last (a
 * scalar's trailing blanks included), or 0 when the text ends first. */
static gsize
skip_value (const char *t,
            gsize       i,
            gsize       len)
{
  guint depth = 0;

  while (i < len)
    {
      char c = t[i];

      if (c == '"')
        {
          i = skip_string (t, i, len);
          if (i == 0 || depth == 0)
            return i;
          continue;
        }
      if (c == '{' || c == '[')
        depth++;
      else if (c == '}' || c == ']')
        {
          if (depth == 0)
            return i;
          if (--depth == 0)
            return i + 1;
        }
      else if (c == ',' && depth == 0)
        return i;
      i++;
    }
  return 0;
}

/*
 * _vv_json_object_members:
 * @text: a JSON text whose value is one object
 * @len: its length
 *
 * Where each member's value is in @text, without parsing the values.
 *
 * Returns: (transfer full) (nullable): member name → #VvJsonSpan, or %NULL
 *   when @text is not one object with distinct, escape-free member names
 */
GHashTable *
_vv_json_object_members (const char *text,
                         gsize       len)
{
  g_autoptr(GHashTable) members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gsize i = skip_blank (text, 0, len);

  if (i >= len || text[i] != '{')
    return NULL;
  i = skip_blank (text, i + 1, len);
  if (i < len && text[i] == '}')
    return skip_blank (text, i + 1, len) == len ? g_steal_pointer (&members) : NULL;
  while (i < len)
    {
      gsize end;
      VvJsonSpan *span;
      char *name;

      if (text[i] != '"' || (end = skip_string (text, i, len)) == 0 ||
          memchr (text + i + 1, '\\', end - i - 2) != NULL)
        return NULL;
      name = g_strndup (text + i + 1, end - i - 2);
      if (g_hash_table_contains (members, name))
        {
          g_free (name);
          return NULL;
        }
      span = g_new (VvJsonSpan, 1);
      g_hash_table_insert (members, name, span);
      i = skip_blank (text, end, len);
      if (i >= len || text[i] != ':')
        return NULL;
      i = skip_blank (text, i + 1, len);
      end = skip_value (text, i, len);
      if (end == 0 || end == i)
        return NULL;
      span->offset = i;
      span->len = end - i;
      i = skip_blank (text, end, len);
      if (i >= len)
        return NULL;
      if (text[i] == '}')
        return skip_blank (text, i + 1, len) == len ? g_steal_pointer (&members) : NULL;
      if (text[i] != ',')
        return NULL;
      i = skip_blank (text, i + 1, len);
    }
  return NULL;
}
