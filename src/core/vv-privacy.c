/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-privacy"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vv-privacy.h"

G_DEFINE_QUARK (vv-privacy-error-quark, vv_privacy_error)

/* helpers */

static int
two_digits (const char *p)
{
  return (p[0] - '0') * 10 + (p[1] - '0');
}

/* The century follows from the individual number (Skatteetaten's rules);
 * for combinations not in use we still check the date against 1900+yy, as
 * a false alarm is better than a saved identity number. */
static int
full_year (int yy,
           int individual)
{
  if (individual <= 499)
    return 1900 + yy;
  if (individual <= 749 && yy >= 54)
    return 1800 + yy;
  if (yy <= 39)
    return 2000 + yy;
  return 1900 + yy;           /* 900-999 with yy >= 40, or unused */
}

static int
control_digit (const char *d,
               const int  *weights,
               int         n)
{
  int sum = 0;
  int k;

  for (int i = 0; i < n; i++)
    sum += (d[i] - '0') * weights[i];
  k = 11 - sum % 11;
  if (k == 11)
    return 0;
  return k;   /* 10 means: no valid number has these digits */
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static char *
fold (const char *text)
{
  g_autofree char *norm = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);

  return norm != NULL ? g_utf8_casefold (norm, -1) : NULL;
}

/* public API */

/**
 * vv_privacy_is_fnr:
 * @digits: exactly 11 ASCII digits
 *
 * Checks a Norwegian national identity number: a valid date of birth
 * (day + 40 for D-numbers, month + 40 for H-numbers) and both mod-11
 * control digits.
 *
 * Returns: %TRUE if @digits is a valid fødselsnummer, D- or H-number
 */
gboolean
vv_privacy_is_fnr (const char *digits)
{
  static const int w1[] = { 3, 7, 6, 1, 8, 9, 4, 5, 2 };
  static const int w2[] = { 5, 4, 3, 2, 7, 6, 5, 4, 3, 2 };
  int day, month, yy, individual, k1, k2;

  g_return_val_if_fail (digits != NULL, FALSE);

  for (int i = 0; i < 11; i++)
    if (!g_ascii_isdigit (digits[i]))
      return FALSE;
  if (digits[11] != '\0')
    return FALSE;

  day = two_digits (digits);
  month = two_digits (digits + 2);
  yy = two_digits (digits + 4);
  individual = (digits[6] - '0') * 100 + two_digits (digits + 7);
  if (day > 40)
    day -= 40;                  /* D-number */
  if (month > 40)
    month -= 40;                /* H-number */
  if (month < 1 || month > 12 || day < 1 ||
      day > g_date_get_days_in_month (month, full_year (yy, individual)))
    return FALSE;

  k1 = control_digit (digits, w1, 9);
  if (k1 == 10 || k1 != digits[9] - '0')
    return FALSE;
  k2 = control_digit (digits, w2, 10);
  if (k2 == 10 || k2 != digits[10] - '0')
    return FALSE;
  return TRUE;
}

/**
 * vv_privacy_find_fnr:
 * @text: UTF-8 text
 * @start: (out) (optional): byte offset of the first digit found
 * @end: (out) (optional): byte offset just after the last digit
 *
 * Looks for a valid identity number written as 11 digits, or as 6 + 5
 * digits with one space or dot between them, not part of a longer run of
 * digits.
 *
 * Returns: %TRUE if one was found
 */
gboolean
vv_privacy_find_fnr (const char *text,
                     gsize      *start,
                     gsize      *end)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (const char *p = text; *p != '\0'; p++)
    {
      char digits[12];
      const char *q = p;
      int n = 0;

      if (!g_ascii_isdigit (*p) || (p > text && g_ascii_isdigit (p[-1])))
        continue;
      while (n < 6 && g_ascii_isdigit (*q))
        digits[n++] = *q++;
      if (n < 6)
        continue;
      if ((*q == ' ' || *q == '.') && g_ascii_isdigit (q[1]))
        q++;
      while (n < 11 && g_ascii_isdigit (*q))
        digits[n++] = *q++;
      if (n < 11 || g_ascii_isdigit (*q))
        continue;
      digits[11] = '\0';
      if (vv_privacy_is_fnr (digits))
        {
          if (start != NULL)
            *start = p - text;
          if (end != NULL)
            *end = q - text;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * vv_privacy_find_name:
 * @text: UTF-8 text
 * @names: (nullable) (array zero-terminated=1): marked names
 * @found: (out) (optional) (transfer none): the entry of @names found
 *
 * Looks for any of @names as whole words, ignoring case. Empty names are
 * skipped.
 *
 * Returns: %TRUE if a name was found
 */
gboolean
vv_privacy_find_name (const char         *text,
                      const char * const *names,
                      const char        **found)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  if (names == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  folded = fold (text);
  if (folded == NULL)
    return FALSE;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (names[i]));
      g_autofree char *name = NULL;
      gsize len;

      if (*stripped == '\0' || !g_utf8_validate (stripped, -1, NULL))
        continue;
      name = fold (stripped);
      if (name == NULL)
        continue;
      len = strlen (name);

      for (const char *hit = strstr (folded, name); hit != NULL; hit = strstr (hit + 1, name))
        {
          const char *after = hit + len;
          gboolean left_ok = hit == folded ||
                             !is_word_char (g_utf8_get_char (g_utf8_find_prev_char (folded, hit)));
          gboolean right_ok = *after == '\0' || !is_word_char (g_utf8_get_char (after));

          if (left_ok && right_ok)
            {
              if (found != NULL)
                *found = names[i];
              return TRUE;
            }
        }
    }
  return FALSE;
}

/**
 * vv_privacy_check:
 * @text: (nullable): UTF-8 text about to be saved
 * @names: (nullable) (array zero-terminated=1): names the user marked as personal
 * @error: return location for a #GError in %VV_PRIVACY_ERROR
 *
 * Refuses text containing a national identity number
 * (%VV_PRIVACY_ERROR_FNR) or a marked name (%VV_PRIVACY_ERROR_NAME). The
 * message says what was found and why it cannot be saved; the number is
 * shown with its personal part hidden.
 *
 * Returns: %TRUE if @text may be saved
 */
gboolean
vv_privacy_check (const char         *text,
                  const char * const *names,
                  GError            **error)
{
  const char *name = NULL;
  gsize start, end;

  if (text == NULL)
    return TRUE;

  if (vv_privacy_find_fnr (text, &start, &end))
    {
      g_autofree char *masked = g_strdup_printf ("%.6s *****", text + start);

      g_set_error (error, VV_PRIVACY_ERROR, VV_PRIVACY_ERROR_FNR,
                   _("The text contains a Norwegian national identity number (%s). Veiviser "
                     "stores cases, not people: remove the number before saving."), masked);
      return FALSE;
    }
  if (vv_privacy_find_name (text, names, &name))
    {
      g_set_error (error, VV_PRIVACY_ERROR, VV_PRIVACY_ERROR_NAME,
                   _("The text contains “%s”, which is on your list of names to keep out. "
                     "Veiviser stores cases, not people: remove the name before saving."), name);
      return FALSE;
    }
  return TRUE;
}
