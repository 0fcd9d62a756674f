/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vv-atomic-file.h"
#include "vv-export.h"

/**
 * vv_export_write_atomic:
 * @path: the file to write
 * @data: (array length=len): the contents
 * @len: the length of @data
 * @error: return location for a #GError in %G_FILE_ERROR
 *
 * Saves @data with vv_atomic_file_write() (either the whole new file is
 * there afterwards or the old file is left untouched) and words a failure
 * for the user, naming the file.
 *
 * Returns: %TRUE on success
 */
gboolean
vv_export_write_atomic (const char  *path,
                        const char  *data,
                        gsize        len,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  if (!vv_atomic_file_write (path, data, len, &local_error))
    {
      g_autofree char *display_name = g_filename_display_name (path);

      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not save “%s”; the old file, if any, is unchanged (%s)."),
                   display_name, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Whether a spreadsheet would run @cell as a formula: it looks past leading
 * blanks and line breaks (a cell "\n=1+1" runs), and full-width ＝ ＋ － ＠
 * count as their ASCII forms in several of them. */
static gboolean
looks_like_formula (const char *cell)
{
  if (strchr ("\t\r", cell[0]) != NULL)
    return TRUE;
  for (const char *p = cell; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        return FALSE;
      if (c == '\n' || g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_FORMAT)
        continue;
      return c == '=' || c == '+' || c == '-' || c == '@' ||
             c == 0xFF1D || c == 0xFF0B || c == 0xFF0D || c == 0xFF20;
    }
  return FALSE;
}

/**
 * vv_csv_cell_escape:
 * @out: the line being built
 * @cell: (nullable): the cell text, UTF-8
 * @sep: the field separator
 *
 * Appends @cell, quoted when needed. A text cell that a spreadsheet would
 * run as a formula (one starting with `=`, `+`, `-`, `@`, tab or carriage
 * return, also behind leading blanks or line breaks, or with a full-width
 * `＝`, `＋`, `－` or `＠`) gets a leading `'` and is quoted, so it is shown
 * as text.
 * Numbers we write ourselves go through vv_csv_append_amount() instead and
 * stay numbers.
 */
void
vv_csv_cell_escape (GString    *out,
                    const char *cell,
                    char        sep)
{
  gboolean formula;
  gboolean quote;

  g_return_if_fail (out != NULL);

  if (cell == NULL || *cell == '\0')
    return;

  formula = looks_like_formula (cell);
  quote = formula || strchr (cell, sep) != NULL || strpbrk (cell, "\"\n\r") != NULL;

  if (!quote)
    {
      g_string_append (out, cell);
      return;
    }
  g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = cell; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * vv_csv_append_amount:
 * @out: the line being built
 * @ore: the amount in øre
 * @decimal_mark: `,` or `.`
 * @sep: the field separator (the number is quoted if it equals @decimal_mark)
 *
 * Appends @ore as kroner with two decimals and no thousands separator,
 * e.g. `-1234,50`, which spreadsheets read as a number.
 */
void
vv_csv_append_amount (GString *out,
                      gint64   ore,
                      char     decimal_mark,
                      char     sep)
{
  guint64 abs_ore;
  gboolean quote = decimal_mark == sep;

  g_return_if_fail (out != NULL);

  /* Negate in unsigned arithmetic so that G_MININT64 does not overflow. */
  abs_ore = ore < 0 ? (guint64) 0 - (guint64) ore : (guint64) ore;
  if (quote)
    g_string_append_c (out, '"');
  if (ore < 0)
    g_string_append_c (out, '-');
  g_string_append_printf (out, "%" G_GUINT64_FORMAT "%c%02u", abs_ore / 100, decimal_mark,
                          (guint) (abs_ore % 100));
  if (quote)
    g_string_append_c (out, '"');
}
