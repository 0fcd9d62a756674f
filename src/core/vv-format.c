/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vv-format.h"

/**
 * vv_format_count:
 * @n: a number of lines, findings, …
 *
 * Formats a count with its digits grouped by three: `1 234 567`.
 *
 * Returns: (transfer full): the text
 */
char *
vv_format_count (guint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  GString *s = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (s, ' ');
      g_string_append_c (s, digits[i]);
    }
  return g_string_free (s, FALSE);
}

/**
 * vv_format_kroner:
 * @ore: an amount in øre
 *
 * Formats an amount the Norwegian way: `1 234 567,89`, `-12,00`.
 *
 * Returns: (transfer full): the text
 */
char *
vv_format_kroner (gint64 ore)
{
  guint64 abs_ore = ore < 0 ? -(guint64) ore : (guint64) ore;
  g_autofree char *kr = vv_format_count (abs_ore / 100);

  return g_strdup_printf ("%s%s,%02u", ore < 0 ? "-" : "", kr, (guint) (abs_ore % 100));
}

/**
 * vv_format_amount:
 * @ore: an amount in øre
 *
 * Formats an amount with its unit, as people read it: `1 234,56 kr`.
 *
 * Returns: (transfer full): the text
 */
char *
vv_format_amount (gint64 ore)
{
  g_autofree char *amount = vv_format_kroner (ore);

  /* TRANSLATORS: an amount of money, e.g. "1 234,56 kr" */
  return g_strdup_printf (_("%s kr"), amount);
}

/**
 * vv_format_permille:
 * @permille: a share in tenths of a percent
 *
 * Formats a share with one decimal: 534 → `53,4 %`, -5 → `-0,5 %`.
 *
 * Returns: (transfer full): the text
 */
char *
vv_format_permille (gint64 permille)
{
  guint64 abs_permille = permille < 0 ? -(guint64) permille : (guint64) permille;

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ",%u %%", permille < 0 ? "-" : "",
                          abs_permille / 10, (guint) (abs_permille % 10));
}

/**
 * vv_format_share:
 * @part: a part of @whole, e.g. in øre
 * @whole: the whole, not 0
 *
 * Formats @part as a share of @whole with one decimal, rounded half away
 * from zero, computed in 128 bits so that no amount of øre overflows:
 * `53,4 %`.
 *
 * Returns: (transfer full): the text
 */
char *
vv_format_share (gint64 part,
                 gint64 whole)
{
  __int128 twice;

  g_return_val_if_fail (whole != 0, NULL);

  twice = (__int128) part * 2000 / whole;
  return vv_format_permille ((gint64) ((twice + (twice >= 0 ? 1 : -1)) / 2));
}
