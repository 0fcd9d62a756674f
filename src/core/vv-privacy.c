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

/* What people and programs put between the groups of a number: spaces of
 * every width (no-break, thin, figure …), zero-width characters, dots, dashes
 * and slashes. */
static gboolean
is_separator (gunichar c)
{
  switch (c)
    {
    case ' ': case '.': case '-': case '/': case '\t': case 0x00AD:
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2212:
    case 0xFF0D: case 0xFF0E: case 0xFF0F:
      return TRUE;
    default:
      return g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR ||
             g_unichar_type (c) == G_UNICODE_FORMAT;
    }
}

/* The digit at @p, or -1 (also for bytes that are not UTF-8, which the
 * callers step over one at a time). */
static int
digit_at (const char *p)
{
  gunichar c;

  if ((guchar) *p < 0x80)
    return g_ascii_isdigit (*p) ? *p - '0' : -1;
  c = g_utf8_get_char_validated (p, -1);

  if (c == (gunichar) -1 || c == (gunichar) -2)
    return -1;
  return g_unichar_digit_value (c);
}

static gboolean
separator_at (const char *p)
{
  gunichar c;

  if ((guchar) *p < 0x80)
    return *p == ' ' || *p == '.' || *p == '-' || *p == '/' || *p == '\t';
  c = g_utf8_get_char_validated (p, -1);

  return c != (gunichar) -1 && c != (gunichar) -2 && is_separator (c);
}

typedef struct
{
  gsize start;   /* byte offset of the group's first digit */
  gsize end;     /* byte offset after its last digit */
  guint n;       /* its number of digits (at most 11 are kept) */
  char  digits[11];
} Group;

#define MAX_SEPARATORS 2

/* Whether the last groups of @ring (of @count) hold an identity number
 * that ends with the newest group. */
static gboolean
ring_has_fnr (const Group *ring,
              guint        count,
              gsize       *start,
              gsize       *end)
{
  guint total = 0;

  for (guint a = count; a-- > 0;)
    {
      total += ring[a].n;
      if (total > 11)
        return FALSE;
      if (total == 11)
        {
          char candidate[12];
          guint k = 0;

          for (guint g = a; g < count; g++)
            {
              memcpy (candidate + k, ring[g].digits, ring[g].n);
              k += ring[g].n;
            }
          candidate[11] = '\0';
          if (!vv_privacy_is_fnr (candidate))
            return FALSE;
          if (start != NULL)
            *start = ring[a].start;
          if (end != NULL)
            *end = ring[count - 1].end;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * vv_privacy_find_fnr:
 * @text: UTF-8 text
 * @start: (out) (optional): byte offset of the first digit found
 * @end: (out) (optional): byte offset just after the last digit
 *
 * Looks for a valid identity number. Digits are any Unicode decimal digits
 * (full-width ones too). Groups of digits separated by up to two separator
 * characters (spaces of any kind including no-break, thin and zero-width
 * ones, dots, dashes, slashes) are read together: `150385-10190`,
 * `15.03.85 10190` and `15 03 85 10190` are all found. A number is 11 digits
 * made of whole groups, so an 11-digit window inside a longer group (an
 * account number) is not a person.
 *
 * Returns: %TRUE if one was found
 */
gboolean
vv_privacy_find_fnr (const char *text,
                     gsize      *start,
                     gsize      *end)
{
  const char *p;

  g_return_val_if_fail (text != NULL, FALSE);

  p = text;
  while (*p != '\0')
    {
      Group ring[11];
      guint count = 0;
      const char *q;
      gunichar c;

      /* most text is ASCII letters and punctuation: step over it quickly */
      if ((guchar) *p < 0x80 && !g_ascii_isdigit (*p))
        {
          p++;
          continue;
        }
      c = g_utf8_get_char_validated (p, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          p++;
          continue;
        }
      if (g_unichar_digit_value (c) < 0)
        {
          p = g_utf8_next_char (p);
          continue;
        }

      /* a run: groups of digits with short separators between them; every
       * sequence of whole groups holding exactly 11 digits is a candidate, and
       * a group of more than 11 digits can be part of none */
      q = p;
      for (;;)
        {
          Group g = { (gsize) (q - text), 0, 0, { 0 } };
          const char *after;
          guint n_sep = 0;

          while (*q != '\0' && digit_at (q) >= 0)
            {
              if (g.n < 11)
                g.digits[g.n] = (char) ('0' + digit_at (q));
              g.n++;
              q = g_utf8_next_char (q);
            }
          g.end = (gsize) (q - text);
          if (g.n > 11)
            count = 0;
          else
            {
              if (count == G_N_ELEMENTS (ring))
                memmove (ring, ring + 1, sizeof ring[0] * --count);
              ring[count++] = g;
              if (ring_has_fnr (ring, count, start, end))
                return TRUE;
            }
          after = q;
          while (*after != '\0' && n_sep < MAX_SEPARATORS && separator_at (after))
            {
              after = g_utf8_next_char (after);
              n_sep++;
            }
          if (n_sep == 0 || *after == '\0' || digit_at (after) < 0)
            break;
          q = after;
        }
      p = q;
    }
  return FALSE;
}

/**
 * vv_privacy_mask_fnr:
 * @text: (nullable): UTF-8 text
 *
 * Replaces every identity number in @text by its first six digits (as ASCII)
 * and five stars, `150385*****`, for text that must be kept (a ledger's raw
 * line, a message quoting it).
 *
 * Returns: (transfer full) (nullable): the masked copy
 */
char *
vv_privacy_mask_fnr (const char *text)
{
  GString *out;
  const char *p;
  gsize start, end;

  if (text == NULL)
    return NULL;
  if (!vv_privacy_find_fnr (text, NULL, NULL))
    return g_strdup (text);
  out = g_string_new (NULL);
  p = text;
  while (vv_privacy_find_fnr (p, &start, &end))
    {
      guint n = 0;

      g_string_append_len (out, p, (gssize) start);
      for (const char *d = p + start; d < p + end && n < 6; d = g_utf8_next_char (d))
        {
          int v = digit_at (d);

          if (v >= 0)
            {
              g_string_append_c (out, (char) ('0' + v));
              n++;
            }
        }
      g_string_append (out, "*****");
      p += end;
    }
  g_string_append (out, p);
  return g_string_free (out, FALSE);
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

  if (text == NULL)
    return TRUE;

  if (vv_privacy_find_fnr (text, NULL, NULL))
    {
      g_set_error_literal (error, VV_PRIVACY_ERROR, VV_PRIVACY_ERROR_FNR,
                           _("The text contains a Norwegian national identity number. Veiviser stores "
                             "cases, not people: remove the number before saving."));
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
