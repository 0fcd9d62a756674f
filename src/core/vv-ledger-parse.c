/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-ledger-parse"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vv-ledger-reader-private.h"

/* Amounts, periods and KOSTRA code fields as they appear in ledger files,
 * and the Windows-1252 conversion. */

/* Windows-1252 0x80..0x9F; undefined bytes become U+FFFD. */
static const gunichar cp1252_high[32] = {
  0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
  0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

gsize
_vv_ledger_cp1252_to_utf8 (const guchar *in,
                           gsize         len,
                           char         *out)
{
  char *o = out;

  for (gsize i = 0; i < len; i++)
    {
      guchar c = in[i];

      if (c < 0x80)
        *o++ = c;
      else if (c < 0xA0)
        o += g_unichar_to_utf8 (cp1252_high[c - 0x80], o);
      else
        {
          *o++ = 0xC0 | (c >> 6);
          *o++ = 0x80 | (c & 0x3F);
        }
    }
  *o = '\0';
  return o - out;
}

char *
_vv_ledger_cp1252_dup (const char *in,
                       gsize       len)
{
  char *out = g_malloc (len * 3 + 1);

  _vv_ledger_cp1252_to_utf8 ((const guchar *) in, len, out);
  return out;
}

gboolean
_vv_ledger_is_ascii (const char *s,
                     gsize       len)
{
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 w;

      memcpy (&w, s + i, 8);
      if (w & G_GUINT64_CONSTANT (0x8080808080808080))
        return FALSE;
    }
  for (; i < len; i++)
    if ((guchar) s[i] & 0x80)
      return FALSE;
  return TRUE;
}

/* The length of @s's ASCII prefix (@len if all of it is ASCII). */
gsize
_vv_ledger_ascii_prefix (const char *s,
                         gsize       len)
{
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 w;

      memcpy (&w, s + i, 8);
      if (w & G_GUINT64_CONSTANT (0x8080808080808080))
        break;
    }
  for (; i < len; i++)
    if ((guchar) s[i] & 0x80)
      break;
  return i;
}

/* Whether @s is valid UTF-8 without a NUL byte: the same answer as
 * g_utf8_validate (s, len, NULL) (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF), several times faster on the short
 * mostly-ASCII rest of a ledger line that it is asked about: eight ASCII
 * bytes at a time, a multi-byte character in one step. */
gboolean
_vv_ledger_utf8_valid (const char *s,
                       gsize       len)
{
  const guchar *p = (const guchar *) s, *e = p + len;
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);

  while (p < e)
    {
      guchar c;

      if (e - p >= 8)
        {
          guint64 w;

          memcpy (&w, p, 8);
          /* no high bit and no zero byte: eight ASCII characters */
          if (((w | ((w - ones) & ~w)) & high) == 0)
            {
              p += 8;
              continue;
            }
        }
      c = *p;
      if (c < 0x80)
        {
          if (c == 0)
            return FALSE;
          p++;
        }
      else if (c < 0xC2)
        return FALSE;
      else if (c < 0xE0)
        {
          if (e - p < 2 || (p[1] & 0xC0) != 0x80)
            return FALSE;
          p += 2;
        }
      else if (c < 0xF0)
        {
          if (e - p < 3 || (p[2] & 0xC0) != 0x80)
            return FALSE;
          if (c == 0xE0 ? (p[1] < 0xA0 || p[1] > 0xBF)
              : c == 0xED ? (p[1] < 0x80 || p[1] > 0x9F)
              : (p[1] & 0xC0) != 0x80)
            return FALSE;
          p += 3;
        }
      else if (c < 0xF5)
        {
          if (e - p < 4 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
            return FALSE;
          if (c == 0xF0 ? (p[1] < 0x90 || p[1] > 0xBF)
              : c == 0xF4 ? (p[1] < 0x80 || p[1] > 0x8F)
              : (p[1] & 0xC0) != 0x80)
            return FALSE;
          p += 4;
        }
      else
        return FALSE;
    }
  return TRUE;
}

/* --------------------------------------------------------------- amounts */

static gboolean
amount_fail (const char **error_reason,
             const char  *reason)
{
  if (error_reason)
    *error_reason = reason;
  return FALSE;
}

static gboolean
strip_prefix_ci (const guchar **pp,
                 const guchar  *e,
                 const char    *word)
{
  gsize n = strlen (word);

  if ((gsize) (e - *pp) >= n && g_ascii_strncasecmp ((const char *) *pp, word, n) == 0)
    {
      const guchar *q = *pp + n;

      if (q < e && *q == '.')
        q++;
      if (q == e || blank_len (q, e) > 0 || is_digit (*q) || *q == '-' || *q == '(')
        {
          *pp = q;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
strip_suffix_ci (const guchar  *p,
                 const guchar **pe,
                 const char    *word)
{
  gsize n = strlen (word);
  const guchar *e = *pe;

  if (e > p && e[-1] == '.')
    e--;
  if ((gsize) (e - p) > n && g_ascii_strncasecmp ((const char *) e - n, word, n) == 0)
    {
      const guchar *q = e - n;

      if (blank_len (q - 1, e) > 0 || is_digit (q[-1]) || q[-1] == '-' || q[-1] == ')'
          || q[-1] == 0xA0 || q[-1] == 0xAF)
        {
          *pe = q;
          return TRUE;
        }
    }
  return FALSE;
}

static inline gboolean
is_minus_at (const guchar *p,
             const guchar *e)
{
  return *p == '-' || (*p == 0xE2 && p + 2 < e && p[1] == 0x88 && p[2] == 0x92);
}

/* Why the rest of an amount (from an unexpected character) is not a number. */
static const char *
amount_junk_reason (const guchar *p,
                    const guchar *e)
{
  if ((*p == 'e' || *p == 'E') && p + 1 < e && (is_digit (p[1]) || p[1] == '+' || p[1] == '-'))
    return _("scientific notation (the value was rounded by a spreadsheet)");
  for (const guchar *q = p; q < e; q++)
    if (*q == '\n' || *q == '\r')
      return _("line break inside the amount");
  return _("not a number");
}

/**
 * vv_amount_parse:
 * @text: the amount as written in the file (UTF-8 or Windows-1252)
 * @len: its length in bytes
 * @decimal_mark: `,` or `.` (0 means `,`)
 * @out_ore: (out): the amount in øre
 * @error_reason: (out) (optional) (transfer none): a translated reason on failure
 *
 * Parses a Norwegian ledger amount: `1 234,56`, `1.234,56`, NBSP or U+202F
 * grouping, negatives as `-1 234,56`, `−1 234,56` (U+2212), `1 234,56-` or
 * `(1 234,56)`, an optional `kr`/`NOK`, and `-` alone as zero. The whole
 * field must be consumed; grouping must be in threes; more than two non-zero
 * decimals, scientific notation and values beyond gint64 øre are refused.
 *
 * Returns: %TRUE on success
 */
gboolean
vv_amount_parse (const char  *text,
                 gsize        len,
                 char         decimal_mark,
                 gint64      *out_ore,
                 const char **error_reason)
{
  /* no offset on a NULL pointer, even a zero one (UBSan, found by fuzz-csv) */
  const guchar *p = (const guchar *) (text != NULL ? text : ""), *e = p + len;
  gboolean negative = FALSE, sign_seen = FALSE, parens = FALSE;
  char group_alt;
  gint64 units = 0, dec = 0;
  int int_digits = 0, group_len = 0, n_groups = 0, group_kind = 0, dec_digits = 0;
  const gint64 limit = G_MAXINT64 / 100;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (out_ore != NULL, FALSE);

  if (decimal_mark != '.')
    decimal_mark = ',';
  group_alt = decimal_mark == ',' ? '.' : ',';

  /* The common case in one pass: an optional '-', at most 15 digits grouped
   * by single spaces in threes (or not at all), an optional decimal mark with
   * one or two digits, nothing around it.  Anything else, or anything in
   * doubt, goes the general way below, which gives the same value for these. */
  if (len > 0 && len <= 24 && is_digit (e[-1]) && (is_digit (*p) || (*p == '-' && len > 1)))
    {
      const guchar *q = p + (*p == '-');
      gint64 v = 0;
      int nd = 0, run = 0, groups = 0;

      for (; q < e; q++)
        {
          if (is_digit (*q))
            {
              if (nd == 15)
                break;          /* longer: the general path checks the range */
              v = v * 10 + (*q - '0');
              nd++;
              run++;
            }
          else if (*q == ' ' && run > 0 && run <= 3 && (groups == 0 || run == 3))
            {
              groups++;
              run = 0;
            }
          else
            break;
        }
      if (nd <= 15 && run > 0 && (groups == 0 || run == 3))
        {
          gint64 d = 0;

          if (q < e && *q == (guchar) decimal_mark && e - q >= 2 && e - q <= 3)
            {
              d = q[1] - '0';     /* e[-1] is a digit, so with one decimal q[1] is */
              if (e - q == 3)
                {
                  if (!is_digit (q[1]))
                    goto general;
                  d = d * 10 + (q[2] - '0');
                }
              else
                d *= 10;
              q = e;
            }
          if (q == e)
            {
              *out_ore = v * 100 + d;
              if (*p == '-')
                *out_ore = -*out_ore;
              return TRUE;
            }
        }
    }
general:

  trim_blanks (&p, &e);
  if (p == e)
    return amount_fail (error_reason, _("empty amount"));

  if (*p == '(')
    {
      if (e[-1] != ')')
        return amount_fail (error_reason, _("unbalanced parenthesis"));
      p++;
      e--;
      negative = sign_seen = parens = TRUE;
      trim_blanks (&p, &e);
    }

  if (p < e && g_ascii_isalpha (*p)
      && (strip_prefix_ci (&p, e, "kr") || strip_prefix_ci (&p, e, "nok")))
    trim_blanks (&p, &e);
  if (p < e && (*p == '+' || is_minus_at (p, e)))
    {
      if (sign_seen)
        return amount_fail (error_reason, _("more than one sign"));
      negative = *p != '+';
      sign_seen = TRUE;
      p += *p == 0xE2 ? 3 : 1;
      trim_blanks (&p, &e);
      if (p < e && g_ascii_isalpha (*p)
          && (strip_prefix_ci (&p, e, "kr") || strip_prefix_ci (&p, e, "nok")))
        trim_blanks (&p, &e);
    }
  if (p < e && *p == '(' && sign_seen)
    return amount_fail (error_reason, _("more than one sign"));
  if (p < e && (g_ascii_isalpha (e[-1]) || e[-1] == '.')
      && (strip_suffix_ci (p, &e, "kr") || strip_suffix_ci (p, &e, "nok")))
    trim_blanks (&p, &e);
  if (p < e && (e[-1] == '-' || (e - p >= 3 && is_minus_at (e - 3, e))))
    {
      if (sign_seen)
        return amount_fail (error_reason, _("more than one sign"));
      negative = TRUE;
      sign_seen = TRUE;
      e -= e[-1] == '-' ? 1 : 3;
      trim_blanks (&p, &e);
      if (p < e && (g_ascii_isalpha (e[-1]) || e[-1] == '.')
          && (strip_suffix_ci (p, &e, "kr") || strip_suffix_ci (p, &e, "nok")))
        trim_blanks (&p, &e);
    }

  if (p == e)
    {
      /* "-" alone is Excel's accounting zero */
      if (negative && !parens)
        {
          *out_ore = 0;
          return TRUE;
        }
      return amount_fail (error_reason, _("not a number"));
    }

  while (p < e)
    {
      gsize bl;

      if (is_digit (*p))
        {
          int d = *p - '0';

          if (units > (limit - d) / 10)
            return amount_fail (error_reason, _("amount too large"));
          units = units * 10 + d;
          int_digits++;
          group_len++;
          p++;
        }
      else if ((bl = blank_len (p, e)) > 0 || *p == (guchar) group_alt)
        {
          int kind = bl > 0 ? (*p == ' ' ? 1 : (bl == 3 ? 3 : 2)) : 4;

          if (*p == '\t')
            return amount_fail (error_reason, _("not a number"));
          if (group_kind != 0 && kind != group_kind)
            return amount_fail (error_reason, _("mixed thousands separators"));
          group_kind = kind;
          if (group_len == 0 || (n_groups == 0 ? group_len > 3 : group_len != 3))
            return amount_fail (error_reason, _("digit grouping is not in threes"));
          n_groups++;
          group_len = 0;
          p += bl > 0 ? bl : 1;
          if (p == e || !is_digit (*p))
            return amount_fail (error_reason, _("not a number"));
        }
      else if (*p == (guchar) decimal_mark)
        break;
      else if (*p == '#')
        return amount_fail (error_reason, _("spreadsheet error or overflowed cell"));
      else if (*p == '.' || *p == ',')
        return amount_fail (error_reason, _("wrong decimal mark"));
      else
        return amount_fail (error_reason, amount_junk_reason (p, e));
    }

  if (n_groups > 0 && group_len != 3)
    return amount_fail (error_reason, _("digit grouping is not in threes"));

  if (p < e)
    {
      p++;      /* decimal mark */
      if (p == e)
        return amount_fail (error_reason, _("no digits after the decimal mark"));
      for (; p < e; p++)
        {
          if (!is_digit (*p))
            {
              if (*p == (guchar) decimal_mark || *p == (guchar) group_alt)
                return amount_fail (error_reason, _("more than one decimal mark"));
              return amount_fail (error_reason, amount_junk_reason (p, e));
            }
          if (dec_digits < 2)
            dec = dec * 10 + (*p - '0');
          else if (*p != '0')
            {
              while (p < e && is_digit (*p))
                p++;
              if (p < e)
                return amount_fail (error_reason, amount_junk_reason (p, e));
              return amount_fail (error_reason, _("more than two decimals (fractions of an øre)"));
            }
          dec_digits++;
        }
      if (dec_digits == 1)
        dec *= 10;
    }
  else if (int_digits == 0)
    return amount_fail (error_reason, _("not a number"));

  if (units > (G_MAXINT64 - dec) / 100)
    return amount_fail (error_reason, _("amount too large"));

  *out_ore = units * 100 + dec;
  if (negative)
    *out_ore = -*out_ore;
  return TRUE;
}

/* Year and/or period from "3", "2024", "202403", "2024-03", "03.2024",
 * "2024-03-15", "15.03.2024". Returns FALSE when unreadable. */
gboolean
_vv_ledger_parse_period (const char *s,
                         gsize       len,
                         int        *year,
                         int        *period)
{
  const guchar *p = (const guchar *) s, *e = p + len;
  int runs[3][2];  /* value, digits */
  int n_runs = 0;
  int y = 0, m = 0;

  /* "202403", the usual period, straight away (the same checks as below) */
  if (len == 6 && is_digit (p[0]) && is_digit (p[1]) && is_digit (p[2]) && is_digit (p[3])
      && is_digit (p[4]) && is_digit (p[5]))
    {
      y = _vv_ledger_digits_value (s, 4);
      m = (p[4] - '0') * 10 + (p[5] - '0');
      if ((y != 0 && (y < 1900 || y > 2100)) || m > 13)
        return FALSE;
      *year = y;
      *period = m == 13 ? 12 : m;
      return TRUE;
    }

  trim_blanks (&p, &e);
  if (p == e)
    return FALSE;
  while (p < e)
    {
      int v = 0, nd = 0;

      if (n_runs == 3)
        return FALSE;
      while (p < e && is_digit (*p) && nd < 9)
        {
          v = v * 10 + (*p - '0');
          nd++;
          p++;
        }
      if (nd == 0)
        return FALSE;
      runs[n_runs][0] = v;
      runs[n_runs][1] = nd;
      n_runs++;
      if (p < e)
        {
          if (*p != '-' && *p != '.' && *p != '/' && *p != ' ')
            return FALSE;
          p++;
          if (p == e)
            return FALSE;
        }
    }

  if (n_runs == 1)
    {
      int v = runs[0][0], nd = runs[0][1];

      if (nd <= 2)
        m = v;
      else if (nd == 4)
        y = v;
      else if (nd == 6)
        {
          y = v / 100;
          m = v % 100;
        }
      else if (nd == 8)
        {
          y = v / 10000;
          m = (v / 100) % 100;
        }
      else
        return FALSE;
    }
  else if (n_runs == 2)
    {
      if (runs[0][1] == 4 && runs[1][1] <= 2)
        {
          y = runs[0][0];
          m = runs[1][0];
        }
      else if (runs[1][1] == 4 && runs[0][1] <= 2)
        {
          y = runs[1][0];
          m = runs[0][0];
        }
      else
        return FALSE;
    }
  else
    {
      if (runs[0][1] == 4 && runs[1][1] <= 2 && runs[2][1] <= 2)
        {
          y = runs[0][0];
          m = runs[1][0];
        }
      else if (runs[2][1] == 4 && runs[1][1] <= 2 && runs[0][1] <= 2)
        {
          y = runs[2][0];
          m = runs[1][0];
        }
      else
        return FALSE;
    }

  if (y != 0 && (y < 1900 || y > 2100))
    return FALSE;
  if (m < 0 || m > 13)
    return FALSE;
  if (m == 13)
    m = 12;     /* year-end adjustment period */
  *year = y;
  *period = m;
  return TRUE;
}
