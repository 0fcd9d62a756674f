/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-ledger-reader"

#include "config.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vv-ledger-reader.h"

/* Streaming design: the file is read in 1 MiB chunks (or sliced from memory)
 * and fed to libcsv one physical line at a time, so that the reader itself
 * counts physical lines (LF, CRLF and lone CR) and knows on which line each
 * record starts.  Fields are copied into one reusable record buffer; nothing
 * is allocated per field or per line on the hot path. */

#define CHUNK_SIZE   (1024 * 1024)
#define HEAD_SIZE    (256 * 1024)
#define HEAD_RECORDS 250
#define PREVIEW_ROWS 200
#define HEADER_SCAN  50
#define FIELD_CAP    (64 * 1024)
#define RECORD_CAP   (1024 * 1024)
#define KOSTRA_LEN   48

typedef struct
{
  gsize off;
  gsize len;
} Field;

typedef struct _Feeder Feeder;
typedef void (*FeederFunc) (Feeder *f, gpointer data);

struct _Feeder
{
  struct csv_parser parser;
  unsigned char     options;
  char              sep;

  char             *rec;         /* field bytes, each NUL-terminated */
  gsize             rec_len;
  gsize             rec_cap;
  Field            *fields;
  guint             n_fields;
  guint             fields_cap;
  char             *raw;         /* the record's bytes as in the file */
  gsize             raw_len;
  gsize             raw_cap;

  guint64           line;        /* physical line being fed, 1-based */
  guint64           start_line;  /* line the current record started on */
  gboolean          need_start;
  gboolean          prev_cr;
  gboolean          skip_line;   /* discard to end of line after a parse error */
  gboolean          overlong;
  gboolean          stop;

  FeederFunc        record_func;
  FeederFunc        parse_error_func;
  gpointer          data;
};

typedef struct
{
  guint64  line;
  GStrv    cells;               /* UTF-8 */
} HeadRow;

struct _VvLedgerReader
{
  GObject           parent_instance;

  /* Settings (0 / AUTO / -1 = detect) */
  VvLedgerFormat    format;
  VvLedgerEncoding  encoding;
  char              separator;
  char              decimal_mark;
  int               default_year;
  int               columns[VV_LEDGER_N_COLUMNS];

  /* Detected */
  VvLedgerFormat    d_format;
  VvLedgerEncoding  d_encoding;
  char              d_separator;
  char              d_decimal_mark;
  int               d_columns[VV_LEDGER_N_COLUMNS];
  gboolean          has_bom;
  guint64           header_line;
  GPtrArray        *header;      /* char *, UTF-8 */
  GPtrArray        *preview;     /* HeadRow *, data rows after the header */
  char             *layout_key;

  /* Counters of the last read */
  guint64           lines_read;
  guint64           lines_rejected;
  guint64           lines_skipped;
  guint64           lines_recoded;
};

G_DEFINE_FINAL_TYPE (VvLedgerReader, vv_ledger_reader, G_TYPE_OBJECT)

G_DEFINE_QUARK (vv-ledger-error-quark, vv_ledger_error)

/* Windows-1252 0x80..0x9F; undefined bytes become U+FFFD. */
static const gunichar cp1252_high[32] = {
  0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
  0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

typedef enum
{
  ROLE_NONE = -1,
  ROLE_IGNORED = -2,
} RoleExtra;

typedef struct
{
  const char *name;   /* normalised */
  int         role;
} Synonym;

static const Synonym synonyms[] = {
  { "ar", VV_LEDGER_COLUMN_YEAR }, { "aar", VV_LEDGER_COLUMN_YEAR },
  { "regnskapsar", VV_LEDGER_COLUMN_YEAR }, { "regnskapsaar", VV_LEDGER_COLUMN_YEAR },
  { "budsjettar", VV_LEDGER_COLUMN_YEAR }, { "arstall", VV_LEDGER_COLUMN_YEAR },
  { "year", VV_LEDGER_COLUMN_YEAR },
  { "periode", VV_LEDGER_COLUMN_PERIOD }, { "per", VV_LEDGER_COLUMN_PERIOD },
  { "regnskapsperiode", VV_LEDGER_COLUMN_PERIOD }, { "maned", VV_LEDGER_COLUMN_PERIOD },
  { "maaned", VV_LEDGER_COLUMN_PERIOD }, { "mnd", VV_LEDGER_COLUMN_PERIOD },
  { "month", VV_LEDGER_COLUMN_PERIOD }, { "period", VV_LEDGER_COLUMN_PERIOD },
  { "armnd", VV_LEDGER_COLUMN_PERIOD }, { "armaned", VV_LEDGER_COLUMN_PERIOD },
  { "periodenr", VV_LEDGER_COLUMN_PERIOD },
  { "ansvar", VV_LEDGER_COLUMN_ANSVAR }, { "ansvarssted", VV_LEDGER_COLUMN_ANSVAR },
  { "ansvarsted", VV_LEDGER_COLUMN_ANSVAR }, { "ansvarsnr", VV_LEDGER_COLUMN_ANSVAR },
  { "koststed", VV_LEDGER_COLUMN_ANSVAR }, { "kostnadssted", VV_LEDGER_COLUMN_ANSVAR },
  { "bevilgningssted", VV_LEDGER_COLUMN_ANSVAR }, { "avdeling", VV_LEDGER_COLUMN_ANSVAR },
  { "globject2", VV_LEDGER_COLUMN_ANSVAR },
  { "funksjon", VV_LEDGER_COLUMN_FUNCTION }, { "kostrafunksjon", VV_LEDGER_COLUMN_FUNCTION },
  { "funksjonsnr", VV_LEDGER_COLUMN_FUNCTION }, { "funksjonnr", VV_LEDGER_COLUMN_FUNCTION },
  { "tjeneste", VV_LEDGER_COLUMN_FUNCTION }, { "tjenestenr", VV_LEDGER_COLUMN_FUNCTION },
  { "tjenestekode", VV_LEDGER_COLUMN_FUNCTION }, { "function", VV_LEDGER_COLUMN_FUNCTION },
  { "art", VV_LEDGER_COLUMN_ART }, { "artskonto", VV_LEDGER_COLUMN_ART },
  { "artkonto", VV_LEDGER_COLUMN_ART }, { "artsnr", VV_LEDGER_COLUMN_ART },
  { "konto", VV_LEDGER_COLUMN_ART }, { "kontonr", VV_LEDGER_COLUMN_ART },
  { "kontonummer", VV_LEDGER_COLUMN_ART }, { "kostraart", VV_LEDGER_COLUMN_ART },
  { "tekst", VV_LEDGER_COLUMN_TEXT }, { "beskrivelse", VV_LEDGER_COLUMN_TEXT },
  { "bilagstekst", VV_LEDGER_COLUMN_TEXT }, { "posteringstekst", VV_LEDGER_COLUMN_TEXT },
  { "fritekst", VV_LEDGER_COLUMN_TEXT }, { "text", VV_LEDGER_COLUMN_TEXT },
  { "description", VV_LEDGER_COLUMN_TEXT },
  { "belop", VV_LEDGER_COLUMN_AMOUNT }, { "beloep", VV_LEDGER_COLUMN_AMOUNT },
  { "regnskap", VV_LEDGER_COLUMN_AMOUNT }, { "regnskaphittil", VV_LEDGER_COLUMN_AMOUNT },
  { "regnskapsbelop", VV_LEDGER_COLUMN_AMOUNT }, { "sum", VV_LEDGER_COLUMN_AMOUNT },
  { "amount", VV_LEDGER_COLUMN_AMOUNT }, { "faktisk", VV_LEDGER_COLUMN_AMOUNT },
  { "prosjekt", ROLE_IGNORED }, { "prosjektnr", ROLE_IGNORED }, { "objekt", ROLE_IGNORED },
  { "fridimensjon", ROLE_IGNORED }, { "aktivitet", ROLE_IGNORED },
  { "budsjett", ROLE_IGNORED }, { "revbudsjett", ROLE_IGNORED },
  { "revidertbudsjett", ROLE_IGNORED }, { "opprbudsjett", ROLE_IGNORED },
  { "opprinneligbudsjett", ROLE_IGNORED }, { "avvik", ROLE_IGNORED },
  { "debet", ROLE_IGNORED }, { "kredit", ROLE_IGNORED }, { "kontoklasse", ROLE_IGNORED },
  { "driftinvestering", ROLE_IGNORED }, { "inntektutgift", ROLE_IGNORED },
  { "kommunenr", ROLE_IGNORED }, { "region", ROLE_IGNORED }, { "firma", ROLE_IGNORED },
  { "bilagsnr", ROLE_IGNORED }, { "bilag", ROLE_IGNORED }, { "globject1", ROLE_IGNORED },
  { "globject3", ROLE_IGNORED }, { "tjomr", ROLE_IGNORED },
  { "tjenesteomrade", ROLE_IGNORED }, { "ressurs", ROLE_IGNORED },
  { "leverandor", ROLE_IGNORED }, { "mvakode", ROLE_IGNORED }, { "navn", ROLE_IGNORED },
};

/* Used only when no column has a primary name for the role: a posting date
 * gives the year and period when there is no Periode/År column. */
static const Synonym secondary_synonyms[] = {
  { "dato", VV_LEDGER_COLUMN_PERIOD }, { "bilagsdato", VV_LEDGER_COLUMN_PERIOD },
  { "posteringsdato", VV_LEDGER_COLUMN_PERIOD }, { "regnskapsdato", VV_LEDGER_COLUMN_PERIOD },
  { "date", VV_LEDGER_COLUMN_PERIOD },
};

static const char *column_names[VV_LEDGER_N_COLUMNS] = {
  N_("Year"), N_("Period"), N_("Ansvar"), N_("Function"), N_("Art"), N_("Text"), N_("Amount"),
};

/* ---------------------------------------------------------------- helpers */

static inline gboolean
is_digit (guchar c)
{
  return c >= '0' && c <= '9';
}

/* Length of a blank character at @p (ASCII space/tab, NBSP in UTF-8 or
 * Windows-1252, U+202F, U+2009), or 0. */
static inline gsize
blank_len (const guchar *p,
           const guchar *e)
{
  if (*p == ' ' || *p == '\t')
    return 1;
  if (*p == 0xA0)
    return 1;
  if (*p == 0xC2 && p + 1 < e && p[1] == 0xA0)
    return 2;
  if (*p == 0xE2 && p + 2 < e && p[1] == 0x80 && (p[2] == 0xAF || p[2] == 0x89))
    return 3;
  return 0;
}

static inline void
trim_blanks (const guchar **pp,
             const guchar **pe)
{
  const guchar *p = *pp, *e = *pe;
  gsize n;

  /* fast path: nothing that could start or end a blank */
  if (p < e && *p != ' ' && *p != '\t' && *p < 0xA0 && e[-1] != ' ' && e[-1] != '\t'
      && e[-1] < 0x80)
    return;

  while (p < e && (n = blank_len (p, e)) > 0)
    p += n;
  while (e > p)
    {
      if (e[-1] == ' ' || e[-1] == '\t' || e[-1] == 0xA0)
        {
          if (e[-1] == 0xA0 && e - 1 > p && e[-2] == 0xC2)
            e -= 2;
          else if (e[-1] == 0xA0 && e - 2 > p && e[-3] == 0xE2)
            break;      /* some other 3-byte character ending in A0 */
          else
            e--;
        }
      else if (e - 3 >= p && e[-3] == 0xE2 && e[-2] == 0x80 && (e[-1] == 0xAF || e[-1] == 0x89))
        e -= 3;
      else
        break;
    }
  *pp = p;
  *pe = e;
}

/* Trim in place and NUL-terminate; returns the new start. */
static char *
trim_field (char  *s,
            gsize *len)
{
  const guchar *p = (const guchar *) s, *e = p + *len;

  trim_blanks (&p, &e);
  *len = e - p;
  ((char *) e)[0] = '\0';
  return (char *) p;
}

static gsize
cp1252_to_utf8 (const guchar *in,
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

static char *
cp1252_dup (const char *in,
            gsize       len)
{
  char *out = g_malloc (len * 3 + 1);

  cp1252_to_utf8 ((const guchar *) in, len, out);
  return out;
}

static gboolean
is_ascii (const char *s,
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
static gsize
ascii_prefix (const char *s,
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

/* Normalise a header cell: casefold, fold æøå, keep [a-z0-9()] only. */
static char *
normalise_header (const char *utf8)
{
  g_autofree char *folded = g_utf8_casefold (utf8, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '(' || c == ')')
        g_string_append_c (out, c);
      else if (c == 0xE6)       /* æ */
        g_string_append (out, "ae");
      else if (c == 0xF8 || c == 0xF6)  /* ø ö */
        g_string_append_c (out, 'o');
      else if (c == 0xE5 || c == 0xE4)  /* å ä */
        g_string_append_c (out, 'a');
      else if (c == 0xE9)
        g_string_append_c (out, 'e');
    }
  return g_string_free (out, FALSE);
}

static int
lookup_synonym (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (synonyms); i++)
    if (strcmp (synonyms[i].name, name) == 0)
      return synonyms[i].role;
  return ROLE_NONE;
}

/* Returns a role (or ROLE_IGNORED / ROLE_NONE); *secondary is set for text
 * companions such as "Funksjon(T)" or "tjeneste-tekst". */
static int
header_role (const char *cell,
             gboolean   *secondary)
{
  g_autofree char *n = normalise_header (cell);
  gsize len = strlen (n);
  int role;

  *secondary = FALSE;
  if (len == 0)
    return ROLE_NONE;
  if ((role = lookup_synonym (n)) != ROLE_NONE)
    return role;
  for (guint i = 0; i < G_N_ELEMENTS (secondary_synonyms); i++)
    if (strcmp (secondary_synonyms[i].name, n) == 0)
      {
        *secondary = TRUE;
        return secondary_synonyms[i].role;
      }

  /* "Regnskap 2024", "Beløp (kr)", "Beløp NOK" */
  {
    g_autofree char *m = g_strdup (n);
    gsize l = len;

    while (l > 0 && (is_digit (m[l - 1]) || m[l - 1] == '(' || m[l - 1] == ')'))
      m[--l] = '\0';
    if (l > 2 && g_str_has_suffix (m, "ikr"))
      m[l -= 3] = '\0';
    else if (l > 2 && g_str_has_suffix (m, "kr"))
      m[l -= 2] = '\0';
    else if (l > 3 && g_str_has_suffix (m, "nok"))
      m[l -= 3] = '\0';
    while (l > 0 && (m[l - 1] == '(' || m[l - 1] == ')'))
      m[--l] = '\0';
    if (l > 0 && (role = lookup_synonym (m)) != ROLE_NONE)
      return role;
  }

  /* Text companions of code columns. */
  {
    static const char *suffixes[] = { "(t)", "tekst", "navn", "text" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      if (len > strlen (suffixes[i]) && g_str_has_suffix (n, suffixes[i]))
        {
          g_autofree char *m = g_strndup (n, len - strlen (suffixes[i]));

          role = lookup_synonym (m);
          if (role >= 0)
            {
              *secondary = TRUE;
              return role;
            }
          if (role == ROLE_IGNORED)
            return ROLE_IGNORED;
        }
  }
  return ROLE_NONE;
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
  const guchar *p = (const guchar *) text, *e = p + len;
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

/* ------------------------------------------------------------ code fields */

typedef enum
{
  CODE_OK,
  CODE_EMPTY,
  CODE_NOT_NUMBER,
  CODE_LINE_BREAK,
} CodeResult;

/* Digits of a code field: trims, accepts an Excel ".0" suffix. */
static inline CodeResult
code_digits (const char  *s,
             gsize        len,
             const char **out,
             gsize       *out_len)
{
  const guchar *p = (const guchar *) s, *e;

  if (s == NULL)          /* a short row lacks the field; NULL + 0 is undefined */
    return CODE_EMPTY;
  e = p + len;
  trim_blanks (&p, &e);
  if (p == e)
    return CODE_EMPTY;
  if (e - p > 2 && e[-1] == '0')
    {
      const guchar *q = e;

      while (q > p && q[-1] == '0')
        q--;
      if (q > p && (q[-1] == '.' || q[-1] == ',') && q - 1 > p)
        e = q - 1;
    }
  for (const guchar *q = p; q < e; q++)
    if (!is_digit (*q))
      return (*q == '\n' || *q == '\r') ? CODE_LINE_BREAK : CODE_NOT_NUMBER;
  *out = (const char *) p;
  *out_len = e - p;
  return CODE_OK;
}

static guint
digits_value (const char *d,
              gsize       n)
{
  guint v = 0;

  for (gsize i = 0; i < n; i++)
    v = v * 10 + (d[i] - '0');
  return v;
}

/* "254" → 254; "0254" → 254; "25410" (tjeneste) → 254. */
static guint
function_from_digits (const char *d,
                      gsize       n)
{
  if (n <= 3)
    return digits_value (d, n);
  if (n == 4 && d[0] == '0')
    return digits_value (d + 1, 3);
  return digits_value (d, 3);
}

/* "010" → art 10; "1010" → class 1, art 10; 0/3 leading = investering,
 * 2 = balance. Longer local arts are passed on as art 0. */
static void
art_from_digits (const char *d,
                 gsize       n,
                 guint      *art,
                 gint       *account_class)
{
  *account_class = -1;
  if (n <= 3)
    *art = digits_value (d, n);
  else if (n == 4)
    {
      *art = digits_value (d + 1, 3);
      switch (d[0])
        {
        case '1': *account_class = 1; break;
        case '0': case '3': *account_class = 0; break;
        case '2': *account_class = 2; break;
        default: break;
        }
    }
  else
    *art = 0;
}

/* Year and/or period from "3", "2024", "202403", "2024-03", "03.2024",
 * "2024-03-15", "15.03.2024". Returns FALSE when unreadable. */
static gboolean
parse_period (const char *s,
              gsize       len,
              int        *year,
              int        *period)
{
  const guchar *p = (const guchar *) s, *e = p + len;
  int runs[3][2];  /* value, digits */
  int n_runs = 0;
  int y = 0, m = 0;

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

/* --------------------------------------------------------------- feeder */

static void
feeder_reset_record (Feeder *f)
{
  f->n_fields = 0;
  f->rec_len = 0;
  f->raw_len = 0;
  f->need_start = TRUE;
  f->overlong = FALSE;
}

static void
feeder_field_cb (void   *s,
                 size_t  len,
                 void   *data)
{
  Feeder *f = data;

  if (f->n_fields == f->fields_cap)
    {
      f->fields_cap = MAX (32, f->fields_cap * 2);
      f->fields = g_renew (Field, f->fields, f->fields_cap);
    }
  if (len > FIELD_CAP)
    {
      f->overlong = TRUE;
      len = 0;
    }
  if (f->rec_len + len + 1 > f->rec_cap)
    {
      f->rec_cap = MAX (f->rec_cap * 2, f->rec_len + len + 1 + 4096);
      f->rec = g_realloc (f->rec, f->rec_cap);
    }
  if (len > 0)
    memcpy (f->rec + f->rec_len, s, len);
  f->rec[f->rec_len + len] = '\0';
  f->fields[f->n_fields].off = f->rec_len;
  f->fields[f->n_fields].len = len;
  f->n_fields++;
  f->rec_len += len + 1;
}

static void
feeder_row_cb (int   c,
               void *data)
{
  Feeder *f = data;

  (void) c;
  if (!f->stop)
    {
      while (f->raw_len > 0 && (f->raw[f->raw_len - 1] == '\n' || f->raw[f->raw_len - 1] == '\r'))
        f->raw_len--;
      f->raw[f->raw_len] = '\0';
      f->record_func (f, f->data);
    }
  feeder_reset_record (f);
}

static void
feeder_init (Feeder    *f,
             char       sep,
             FeederFunc record_func,
             FeederFunc parse_error_func,
             gpointer   data)
{
  memset (f, 0, sizeof *f);
  f->options = CSV_STRICT | CSV_STRICT_FINI;
  f->sep = sep;
  csv_init (&f->parser, f->options);
  csv_set_delim (&f->parser, sep);
  f->line = 1;
  f->need_start = TRUE;
  f->raw_cap = 4096;
  f->raw = g_malloc (f->raw_cap);
  f->record_func = record_func;
  f->parse_error_func = parse_error_func;
  f->data = data;
}

static void
feeder_clear (Feeder *f)
{
  csv_free (&f->parser);
  g_clear_pointer (&f->rec, g_free);
  g_clear_pointer (&f->fields, g_free);
  g_clear_pointer (&f->raw, g_free);
}

static void
feeder_parse_error (Feeder *f)
{
  f->raw[MIN (f->raw_len, f->raw_cap - 1)] = '\0';
  if (f->parse_error_func && !f->stop)
    f->parse_error_func (f, f->data);
  csv_free (&f->parser);
  csv_init (&f->parser, f->options);
  csv_set_delim (&f->parser, f->sep);
  feeder_reset_record (f);
}

static inline gboolean
segment_has_content (const char *s,
                     gsize       n,
                     char        sep)
{
  for (gsize i = 0; i < n; i++)
    {
      if (s[i] == ' ' || (s[i] == '\t' && sep != '\t'))
        continue;
      return TRUE;
    }
  return FALSE;
}

static void
feeder_split_line (Feeder     *f,
                   const char *line,
                   gsize       n)
{
  char *p, *e, *field;

  f->start_line = f->line;
  if (n + 1 > f->rec_cap)
    {
      f->rec_cap = MAX (f->rec_cap * 2, n + 1 + 4096);
      f->rec = g_realloc (f->rec, f->rec_cap);
    }
  if (n + 1 > f->raw_cap)
    {
      f->raw_cap = MAX (f->raw_cap * 2, n + 1);
      f->raw = g_realloc (f->raw, f->raw_cap);
    }
  memcpy (f->rec, line, n);
  f->rec[n] = '\0';
  memcpy (f->raw, line, n);
  f->raw[n] = '\0';
  f->raw_len = n;
  f->rec_len = n + 1;
  f->n_fields = 0;

  p = f->rec;
  e = f->rec + n;
  for (;;)
    {
      char *sep = memchr (p, f->sep, e - p);
      char *end = sep ? sep : e;
      gsize len;

      field = p;
      while (field < end && (*field == ' ' || (*field == '\t' && f->sep != '\t')))
        field++;
      while (end > field && (end[-1] == ' ' || (end[-1] == '\t' && f->sep != '\t')))
        end--;
      len = end - field;
      *end = '\0';
      if (f->n_fields == f->fields_cap)
        {
          f->fields_cap = MAX (32, f->fields_cap * 2);
          f->fields = g_renew (Field, f->fields, f->fields_cap);
        }
      if (len > FIELD_CAP)
        f->overlong = TRUE;
      f->fields[f->n_fields].off = field - f->rec;
      f->fields[f->n_fields].len = len;
      f->n_fields++;
      if (!sep)
        break;
      p = sep + 1;
    }

  if (!f->stop)
    f->record_func (f, f->data);
  feeder_reset_record (f);
}

/* A complete line whose quoted fields are all simple ("…", with "" for a
 * quote, closed right before the separator or the line's end), split here
 * with the result libcsv would give, several times faster. Returns FALSE,
 * with the record reset, for any other line (a quote inside an unquoted
 * field, text after a closing quote, a quoted line break): libcsv then
 * reads it, with its errors. */
static gboolean
feeder_split_quoted_line (Feeder     *f,
                          const char *line,
                          gsize       n,
                          gsize       seglen)
{
  const char *p = line, *e = line + n;
  char *o;

  if (seglen > RECORD_CAP)   /* libcsv's path reports it */
    return FALSE;
  if (n + 2 > f->rec_cap)
    {
      f->rec_cap = MAX (f->rec_cap * 2, n + 2 + 4096);
      f->rec = g_realloc (f->rec, f->rec_cap);
    }
  f->start_line = f->line;
  f->n_fields = 0;
  o = f->rec;
  for (;;)
    {
      gsize off = o - f->rec;
      gsize len;

      while (p < e && (*p == ' ' || (*p == '\t' && f->sep != '\t')))
        p++;
      if (p < e && *p == '"')
        {
          p++;
          for (;;)
            {
              const char *q = memchr (p, '"', e - p);

              if (q == NULL)
                goto other;
              memcpy (o, p, q - p);
              o += q - p;
              p = q + 1;
              if (p < e && *p == '"')
                {
                  *o++ = '"';
                  p++;
                  continue;
                }
              break;
            }
          if (p < e && *p != f->sep)
            goto other;
        }
      else
        {
          const char *sep = memchr (p, f->sep, e - p);
          const char *end = sep ? sep : e;

          if (memchr (p, '"', end - p) != NULL)
            goto other;
          /* trailing blanks of an unquoted field go, as in libcsv */
          while (end > p && (end[-1] == ' ' || (end[-1] == '\t' && f->sep != '\t')))
            end--;
          memcpy (o, p, end - p);
          o += end - p;
          p = sep ? sep : e;
        }
      len = o - f->rec - off;
      *o++ = '\0';
      if (f->n_fields == f->fields_cap)
        {
          f->fields_cap = MAX (32, f->fields_cap * 2);
          f->fields = g_renew (Field, f->fields, f->fields_cap);
        }
      if (len > FIELD_CAP)
        f->overlong = TRUE;
      f->fields[f->n_fields].off = off;
      f->fields[f->n_fields].len = len;
      f->n_fields++;
      if (p >= e)
        break;
      p++;   /* the separator */
    }
  f->rec_len = o - f->rec;

  if (n + 1 > f->raw_cap)
    {
      f->raw_cap = MAX (f->raw_cap * 2, n + 1);
      f->raw = g_realloc (f->raw, f->raw_cap);
    }
  memcpy (f->raw, line, n);
  f->raw[n] = '\0';
  f->raw_len = n;
  if (!f->stop)
    f->record_func (f, f->data);
  feeder_reset_record (f);
  return TRUE;

other:
  feeder_reset_record (f);
  return FALSE;
}

/* Returns FALSE with @error set on a runaway record (no closing quote, or
 * a record beyond RECORD_CAP). */
static gboolean
feeder_feed (Feeder      *f,
             const char  *data,
             gsize        len,
             const char  *name,
             GError     **error)
{
  gsize pos = 0;
  gboolean has_cr;

  if (f->prev_cr && len > 0 && data[0] == '\n')
    {
      if (!f->need_start && !f->skip_line)
        {
          if (f->raw_len + 2 > f->raw_cap)
            {
              f->raw_cap *= 2;
              f->raw = g_realloc (f->raw, f->raw_cap);
            }
          f->raw[f->raw_len++] = '\n';
        }
      if (!f->skip_line)
        csv_parse (&f->parser, data, 1, feeder_field_cb, feeder_row_cb, f);
      pos = 1;
    }
  f->prev_cr = FALSE;

  has_cr = memchr (data + pos, '\r', len - pos) != NULL;
  while (pos < len && !f->stop)
    {
      const char *seg = data + pos;
      gsize rest = len - pos;
      const char *nl = memchr (seg, '\n', rest);
      gsize n = nl ? (gsize) (nl - seg) : rest;
      const char *cr = has_cr ? memchr (seg, '\r', n) : NULL;
      gboolean has_term;
      gsize seglen;

      if (cr)
        n = cr - seg;
      has_term = n < rest;
      seglen = n;
      if (has_term)
        {
          seglen = n + 1;
          if (seg[n] == '\r')
            {
              if (n + 1 < rest)
                {
                  if (seg[n + 1] == '\n')
                    seglen++;
                }
              else
                f->prev_cr = TRUE;
            }
        }

      if (f->skip_line)
        {
          if (has_term)
            {
              f->skip_line = FALSE;
              f->line++;
            }
          pos += seglen;
          continue;
        }

      /* A complete line with no quote character at a record boundary needs
       * no quote handling: split it directly (same result as libcsv, which
       * trims spaces around unquoted fields), without a copy per field. */
      if (f->need_start && has_term && memchr (seg, '"', n) == NULL)
        {
          if (segment_has_content (seg, n, f->sep))
            feeder_split_line (f, seg, n);
          f->line++;
          pos += seglen;
          continue;
        }
      if (f->need_start && has_term && segment_has_content (seg, n, f->sep) &&
          feeder_split_quoted_line (f, seg, n, seglen))
        {
          f->line++;
          pos += seglen;
          continue;
        }

      if (f->need_start && segment_has_content (seg, n, f->sep))
        {
          f->need_start = FALSE;
          f->start_line = f->line;
          f->raw_len = 0;
        }
      if (!f->need_start)
        {
          if (f->raw_len + seglen > RECORD_CAP)
            {
              g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_PARSE,
                           _("%s: line %llu: the record is longer than "
                             "1 MiB; is a closing quote (\") missing?"),
                           name, (unsigned long long) f->start_line);
              return FALSE;
            }
          if (f->raw_len + seglen + 1 > f->raw_cap)
            {
              f->raw_cap = MAX (f->raw_cap * 2, f->raw_len + seglen + 1);
              f->raw = g_realloc (f->raw, f->raw_cap);
            }
          memcpy (f->raw + f->raw_len, seg, seglen);
          f->raw_len += seglen;
        }

      if (csv_parse (&f->parser, seg, seglen, feeder_field_cb, feeder_row_cb, f) < seglen)
        {
          int err = csv_error (&f->parser);

          if (err != CSV_EPARSE)
            {
              g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_PARSE,
                           _("%s: line %llu: %s"),
                           name, (unsigned long long) f->start_line, csv_strerror (err));
              return FALSE;
            }
          feeder_parse_error (f);
          if (!has_term)
            f->skip_line = TRUE;
        }
      if (has_term)
        f->line++;
      pos += seglen;
    }
  return TRUE;
}

/* Returns FALSE for an unterminated quote at the end of the data. */
static gboolean
feeder_finish (Feeder     *f,
               const char *name,
               GError    **error)
{
  guint64 start = f->start_line;

  if (f->stop || f->skip_line)
    return TRUE;
  if (csv_fini (&f->parser, feeder_field_cb, feeder_row_cb, f) != 0)
    {
      g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_PARSE,
                   _("%s: line %llu: a quoted field is never closed "
                     "(missing \")"), name, (unsigned long long) start);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------- detection */

static void
head_row_free (gpointer p)
{
  HeadRow *row = p;

  g_strfreev (row->cells);
  g_free (row);
}

typedef struct
{
  GPtrArray *rows;
  gboolean   cp1252;
} HeadCollect;

static void
head_record_cb (Feeder  *f,
                gpointer data)
{
  HeadCollect *hc = data;
  HeadRow *row;

  if (hc->rows->len >= HEAD_RECORDS)
    {
      f->stop = TRUE;
      return;
    }
  row = g_new0 (HeadRow, 1);
  row->line = f->start_line;
  row->cells = g_new0 (char *, f->n_fields + 1);
  for (guint i = 0; i < f->n_fields; i++)
    {
      const char *s = f->rec + f->fields[i].off;
      gsize len = f->fields[i].len;

      if (hc->cp1252 || !g_utf8_validate (s, len, NULL))
        row->cells[i] = cp1252_dup (s, len);
      else
        row->cells[i] = g_strndup (s, len);
    }
  g_ptr_array_add (hc->rows, row);
}

static GPtrArray *
collect_head_rows (const char *head,
                   gsize       len,
                   gboolean    truncated,
                   char        sep,
                   gboolean    cp1252)
{
  HeadCollect hc = { g_ptr_array_new_with_free_func (head_row_free), cp1252 };
  Feeder f;

  feeder_init (&f, sep, head_record_cb, NULL, &hc);
  if (feeder_feed (&f, head, len, "", NULL) && !truncated)
    feeder_finish (&f, "", NULL);
  feeder_clear (&f);
  return hc.rows;
}

static guint
row_known_cells (HeadRow *row)
{
  guint known = 0;

  for (guint i = 0; row->cells[i]; i++)
    {
      gboolean secondary;

      if (header_role (row->cells[i], &secondary) != ROLE_NONE)
        known++;
    }
  return known;
}

/* Index of the header row among @rows, or -1. */
static int
find_header_row (GPtrArray *rows,
                 guint     *known_out)
{
  for (guint i = 0; i < rows->len && i < HEADER_SCAN; i++)
    {
      guint known = row_known_cells (g_ptr_array_index (rows, i));

      if (known >= 2)
        {
          if (known_out)
            *known_out = known;
          return i;
        }
    }
  if (known_out)
    *known_out = 0;
  return -1;
}

static gboolean
kostra_shaped (const char *p,
               gsize       n)
{
  if (n != KOSTRA_LEN || memchr (p, '\t', n) || memchr (p, ';', n))
    return FALSE;
  for (int i = 2; i < 6; i++)
    if (!is_digit (p[i]))
      return FALSE;
  return is_digit (p[31]) || p[31] == ' ';
}

/* The first record is KOSTRA-shaped and at least half of the first 20 are
 * (so that a file with a broken record is still reported as KOSTRA). */
static gboolean
looks_like_kostra (const char *head,
                   gsize       len,
                   gboolean    truncated)
{
  const char *p = head, *e = head + len;
  guint checked = 0, shaped = 0;

  while (p < e && checked < 20)
    {
      const char *nl = memchr (p, '\n', e - p);
      gsize n;

      if (!nl)
        {
          if (truncated)
            break;
          nl = e;
        }
      n = nl - p;
      if (n > 0 && p[n - 1] == '\r')
        n--;
      if (n > 0)
        {
          gboolean ok = kostra_shaped (p, n);

          if (checked == 0 && !ok)
            return FALSE;
          checked++;
          shaped += ok;
        }
      p = nl + 1;
    }
  return checked > 0 && shaped * 2 >= checked;
}

static char
detect_decimal_mark (GPtrArray *rows,
                     int        header_idx,
                     int        amount_col,
                     char       sep)
{
  guint comma = 0, point = 0;

  if (amount_col >= 0)
    for (guint i = header_idx + 1; i < rows->len; i++)
      {
        HeadRow *row = g_ptr_array_index (rows, i);
        const char *v, *c, *d;

        if ((guint) amount_col >= g_strv_length (row->cells))
          continue;
        v = row->cells[amount_col];
        c = strrchr (v, ',');
        d = strrchr (v, '.');
        if (c && d)
          {
            if (c > d)
              comma++;
            else
              point++;
          }
        else if (c || d)
          {
            const char *m = c ? c : d;
            guint digits = 0;

            for (const char *q = m + 1; is_digit (*q); q++)
              digits++;
            if (digits != 3)
              {
                if (c)
                  comma++;
                else
                  point++;
              }
          }
      }
  if (comma > point)
    return ',';
  if (point > comma)
    return '.';
  return sep == ',' ? '.' : ',';
}

static void
reset_detected (VvLedgerReader *self)
{
  self->d_format = VV_LEDGER_FORMAT_AUTO;
  self->d_encoding = VV_LEDGER_ENCODING_AUTO;
  self->d_separator = 0;
  self->d_decimal_mark = 0;
  for (int i = 0; i < VV_LEDGER_N_COLUMNS; i++)
    self->d_columns[i] = -1;
  self->has_bom = FALSE;
  self->header_line = 0;
  g_ptr_array_set_size (self->header, 0);
  g_ptr_array_set_size (self->preview, 0);
  g_clear_pointer (&self->layout_key, g_free);
}

static void
fill_preview (VvLedgerReader *self,
              GPtrArray      *rows,
              int             header_idx)
{
  for (guint i = header_idx + 1; i < rows->len && self->preview->len < PREVIEW_ROWS; i++)
    {
      HeadRow *row = g_ptr_array_index (rows, i);
      HeadRow *copy = g_new0 (HeadRow, 1);

      copy->line = row->line;
      copy->cells = g_strdupv (row->cells);
      g_ptr_array_add (self->preview, copy);
    }
}

static const char *kostra_fields[] = {
  "skjema", "aargang", "kvartal", "region", "orgnr", "foretaksnr", "kontoklasse", "funksjon",
  "art", "belop",
};
static const int kostra_widths[] = { 2, 4, 1, 6, 9, 9, 1, 4, 3, 9 };

static void
kostra_preview (VvLedgerReader *self,
                const char     *head,
                gsize           len)
{
  const char *p = head, *e = head + len;
  guint64 line = 1;

  for (guint i = 0; i < G_N_ELEMENTS (kostra_fields); i++)
    g_ptr_array_add (self->header, g_strdup (kostra_fields[i]));
  self->d_columns[VV_LEDGER_COLUMN_YEAR] = 1;
  self->d_columns[VV_LEDGER_COLUMN_FUNCTION] = 7;
  self->d_columns[VV_LEDGER_COLUMN_ART] = 8;
  self->d_columns[VV_LEDGER_COLUMN_AMOUNT] = 9;

  while (p < e && self->preview->len < PREVIEW_ROWS)
    {
      const char *nl = memchr (p, '\n', e - p);
      gsize n = nl ? (gsize) (nl - p) : (gsize) (e - p);

      if (!nl)
        break;
      if (n > 0 && p[n - 1] == '\r')
        n--;
      if (n == KOSTRA_LEN)
        {
          HeadRow *row = g_new0 (HeadRow, 1);
          gsize off = 0;

          row->line = line;
          row->cells = g_new0 (char *, G_N_ELEMENTS (kostra_fields) + 1);
          for (guint i = 0; i < G_N_ELEMENTS (kostra_fields); i++)
            {
              row->cells[i] = cp1252_dup (p + off, kostra_widths[i]);
              g_strstrip (row->cells[i]);
              off += kostra_widths[i];
            }
          g_ptr_array_add (self->preview, row);
        }
      line++;
      p = nl + 1;
    }
}

static guint64
line_of_offset (const char *data,
                gsize       offset)
{
  guint64 line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= offset || data[i + 1] != '\n')))
      line++;
  return line;
}

static gboolean
detect_head (VvLedgerReader *self,
             const char     *head,
             gsize           len,
             gboolean        truncated,
             const char     *name,
             GError        **error)
{
  const guchar *u = (const guchar *) head;
  const char *nul;
  gsize controls = 0;
  VvLedgerEncoding enc;
  g_autoptr(GPtrArray) rows = NULL;
  int header_idx = -1;
  char sep;
  gboolean cp1252;

  reset_detected (self);

  if (len == 0)
    {
      g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_EMPTY, _("%s: the file is empty"), name);
      return FALSE;
    }

  if ((len >= 4 && memcmp (head, "PK\x03\x04", 4) == 0)
      || (len >= 4 && memcmp (head, "\xD0\xCF\x11\xE0", 4) == 0))
    {
      g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_NOT_TEXT,
                   _("%s: this looks like an Excel (or ZIP) file, not CSV; "
                     "save it as CSV from the spreadsheet and try again"), name);
      return FALSE;
    }
  if (len >= 5 && memcmp (head, "%PDF-", 5) == 0)
    {
      g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_NOT_TEXT,
                   _("%s: this is a PDF file, not CSV; export the ledger as CSV"), name);
      return FALSE;
    }
  if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
    {
      g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_ENCODING,
                   _("%s: the file is UTF-16 encoded; save it as “CSV UTF-8” "
                     "(or Windows-1252) and try again"), name);
      return FALSE;
    }
  if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
    {
      self->has_bom = TRUE;
      head += 3;
      len -= 3;
      u += 3;
    }

  if ((nul = memchr (head, '\0', len)) != NULL)
    {
      gsize even = 0, odd = 0, n = MIN (len, 1024);

      for (gsize i = 0; i < n; i++)
        if (head[i] == '\0')
          {
            if (i % 2)
              odd++;
            else
              even++;
          }
      if (n >= 4 && (even * 10 >= n * 4 || odd * 10 >= n * 4) && (even * 20 < n || odd * 20 < n))
        g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_ENCODING,
                     _("%s: the file looks UTF-16 encoded (every other byte is zero); "
                       "save it as “CSV UTF-8” (or Windows-1252) and try again"), name);
      else
        g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_ENCODING,
                     _("%s: line %llu: the file contains a NUL byte "
                       "(byte %llu); it is not a text file"),
                     name, (unsigned long long) line_of_offset (head, nul - head),
                     (unsigned long long) ((gsize) (nul - head) + (self->has_bom ? 3 : 0)));
      return FALSE;
    }

  for (gsize i = 0; i < len; i++)
    if (u[i] < 0x20 && u[i] != '\n' && u[i] != '\r' && u[i] != '\t' && u[i] != 0x0C
        && u[i] != 0x1A)
      controls++;
  if (controls > 0 && controls * 100 >= len)
    {
      g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_NOT_TEXT,
                   _("%s: this is not a text file (it contains binary data)"), name);
      return FALSE;
    }

  /* Encoding */
  if (self->encoding != VV_LEDGER_ENCODING_AUTO)
    enc = self->encoding;
  else if (self->has_bom)
    enc = VV_LEDGER_ENCODING_UTF8;
  else if (g_utf8_validate (head, len, NULL))
    enc = VV_LEDGER_ENCODING_UTF8;
  else
    {
      /* Per line: a mostly-UTF-8 file with a few cp1252 lines stays UTF-8
       * (those lines are recoded one by one while reading). */
      guint good = 0, bad = 0;
      const char *p = head, *e = head + len;

      while (p < e)
        {
          const char *nl = memchr (p, '\n', e - p);
          gsize n = nl ? (gsize) (nl - p) : (gsize) (e - p);

          if (!nl && truncated)
            break;      /* the last line may be cut in the middle of a character */
          if (!is_ascii (p, n))
            {
              if (g_utf8_validate (p, n, NULL))
                good++;
              else
                bad++;
            }
          p += n + 1;
        }
      enc = good > bad ? VV_LEDGER_ENCODING_UTF8 : VV_LEDGER_ENCODING_WINDOWS_1252;
    }
  self->d_encoding = enc;
  cp1252 = enc == VV_LEDGER_ENCODING_WINDOWS_1252;

  {
    gboolean blank = TRUE;

    for (gsize i = 0; i < len && blank; i++)
      if (!g_ascii_isspace (head[i]))
        blank = FALSE;
    if (blank && !truncated)
      {
        g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_EMPTY,
                     _("%s: the file contains only blank lines; there is no data"), name);
        return FALSE;
      }
  }

  /* Format */
  if (self->format == VV_LEDGER_FORMAT_KOSTRA
      || (self->format == VV_LEDGER_FORMAT_AUTO && looks_like_kostra (head, len, truncated)))
    {
      self->d_format = VV_LEDGER_FORMAT_KOSTRA;
      self->layout_key = g_strdup ("kostra-48");
      kostra_preview (self, head, len);
      return TRUE;
    }
  self->d_format = VV_LEDGER_FORMAT_CSV;

  /* Separator: the candidate that finds a header row with most known names,
   * else the one with the most consistent field count above one. */
  if (self->separator != 0)
    {
      sep = self->separator;
      rows = collect_head_rows (head, len, truncated, sep, cp1252);
      header_idx = find_header_row (rows, NULL);
    }
  else
    {
      static const char candidates[] = { ';', '\t', ',' };
      guint best_known = 0;
      GPtrArray *cand_rows[3];
      int best = -1;

      for (guint c = 0; c < 3; c++)
        {
          guint known;
          int idx;

          cand_rows[c] = collect_head_rows (head, len, truncated, candidates[c], cp1252);
          idx = find_header_row (cand_rows[c], &known);
          if (idx >= 0 && known > best_known)
            {
              best_known = known;
              best = c;
              header_idx = idx;
            }
        }
      if (best < 0)
        {
          guint best_score = 0;

          for (guint c = 0; c < 3; c++)
            {
              g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);

              for (guint i = 0; i < cand_rows[c]->len; i++)
                {
                  HeadRow *row = g_ptr_array_index (cand_rows[c], i);
                  guint nf = g_strv_length (row->cells);
                  guint k;

                  if (nf < 2)
                    continue;
                  k = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (nf))) + 1;
                  g_hash_table_insert (counts, GUINT_TO_POINTER (nf), GUINT_TO_POINTER (k));
                  if (k > best_score)
                    {
                      best_score = k;
                      best = c;
                    }
                }
            }
          if (best < 0)
            best = 0;
        }
      sep = candidates[best];
      for (guint c = 0; c < 3; c++)
        {
          if ((int) c == best)
            rows = cand_rows[c];
          else
            g_ptr_array_unref (cand_rows[c]);
        }
    }
  self->d_separator = sep;

  {
    guint max_fields = 0;

    for (guint i = 0; i < rows->len; i++)
      max_fields = MAX (max_fields, g_strv_length (((HeadRow *) g_ptr_array_index (rows, i))->cells));
    if (rows->len == 0)
      {
        g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_EMPTY,
                     _("%s: no data found"), name);
        return FALSE;
      }
    if (max_fields < 2)
      {
        g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_SEPARATOR,
                     _("%s: only one column found with the separator “%s”; "
                       "try semicolon, comma or tab"), name,
                     sep == '\t' ? "\\t" : (sep == ';' ? ";" : (sep == ',' ? "," : "?")));
        return FALSE;
      }
  }

  fill_preview (self, rows, header_idx);

  /* Header and column roles */
  if (header_idx >= 0)
    {
      HeadRow *hrow = g_ptr_array_index (rows, header_idx);
      GString *key = g_string_new (NULL);
      int primary_count[VV_LEDGER_N_COLUMNS] = { 0 };
      int secondary_col[VV_LEDGER_N_COLUMNS];
      int dup_col[VV_LEDGER_N_COLUMNS];

      self->header_line = hrow->line;
      for (int r = 0; r < VV_LEDGER_N_COLUMNS; r++)
        secondary_col[r] = dup_col[r] = -1;

      for (guint i = 0; hrow->cells[i]; i++)
        {
          gboolean secondary;
          int role = header_role (hrow->cells[i], &secondary);
          g_autofree char *norm = normalise_header (hrow->cells[i]);

          g_ptr_array_add (self->header, g_strdup (hrow->cells[i]));
          g_string_append (key, norm);
          g_string_append_c (key, '\x1f');
          if (role < 0)
            continue;
          if (secondary)
            {
              if (secondary_col[role] < 0)
                secondary_col[role] = i;
            }
          else if (primary_count[role]++ == 0)
            self->d_columns[role] = i;
          else if (dup_col[role] < 0)
            dup_col[role] = i;
        }
      for (int r = 0; r < VV_LEDGER_N_COLUMNS; r++)
        if (primary_count[r] == 0)
          self->d_columns[r] = secondary_col[r];
      g_string_append_c (key, sep);
      self->layout_key = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key->str, key->len);
      self->layout_key[16] = '\0';
      g_string_free (key, TRUE);

      for (int r = 0; r < VV_LEDGER_N_COLUMNS; r++)
        if (dup_col[r] >= 0 && r != VV_LEDGER_COLUMN_TEXT && self->columns[r] < 0)
          {
            g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_DUPLICATE_COLUMN,
                         _("%s: line %llu: both column “%s” and column “%s” "
                           "look like %s; choose which one to use"),
                         name, (unsigned long long) self->header_line,
                         (char *) g_ptr_array_index (self->header, self->d_columns[r]),
                         (char *) g_ptr_array_index (self->header, dup_col[r]),
                         _(column_names[r]));
            return FALSE;
          }
    }
  else
    {
      gboolean user_mapped = self->columns[VV_LEDGER_COLUMN_FUNCTION] >= 0
                             && self->columns[VV_LEDGER_COLUMN_AMOUNT] >= 0;

      if (!user_mapped)
        {
          g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_NO_HEADER,
                       _("%s: no header row found in the first %d lines (expected column "
                         "names such as Ansvar, Funksjon, Art and Beløp)"), name, HEADER_SCAN);
          return FALSE;
        }
      self->layout_key = g_strdup ("csv-no-header");
    }

  {
    g_autoptr(GString) missing = g_string_new (NULL);

    if (vv_ledger_reader_get_column (self, VV_LEDGER_COLUMN_FUNCTION) < 0)
      g_string_append (missing, _("Function"));
    if (vv_ledger_reader_get_column (self, VV_LEDGER_COLUMN_AMOUNT) < 0)
      g_string_append_printf (missing, "%s%s", missing->len ? ", " : "", _("Amount"));
    if (missing->len > 0)
      {
        g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_MISSING_COLUMN,
                     _("%s: line %llu: required column missing: %s"),
                     name, (unsigned long long) self->header_line, missing->str);
        return FALSE;
      }
  }

  self->d_decimal_mark = detect_decimal_mark (rows, header_idx,
                                              vv_ledger_reader_get_column (self, VV_LEDGER_COLUMN_AMOUNT),
                                              sep);

  /* Year: a year column, a period with a year, or the default year. */
  if (vv_ledger_reader_get_column (self, VV_LEDGER_COLUMN_YEAR) < 0 && self->default_year == 0)
    {
      int pcol = vv_ledger_reader_get_column (self, VV_LEDGER_COLUMN_PERIOD);
      gboolean found = FALSE;

      if (pcol >= 0)
        for (guint i = header_idx + 1; i < rows->len && !found; i++)
          {
            HeadRow *row = g_ptr_array_index (rows, i);
            int y = 0, m = 0;

            if ((guint) pcol < g_strv_length (row->cells)
                && parse_period (row->cells[pcol], strlen (row->cells[pcol]), &y, &m) && y > 0)
              found = TRUE;
          }
      if (!found)
        {
          g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_NO_YEAR,
                       _("%s: the file has no year column and its periods carry no year; "
                         "give the accounting year"), name);
          return FALSE;
        }
    }

  if (!truncated && header_idx >= 0 && (guint) header_idx + 1 >= rows->len)
    {
      g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_NO_DATA,
                   _("%s: found the header row (line %llu), but no data rows"),
                   name, (unsigned long long) self->header_line);
      return FALSE;
    }

  return TRUE;
}

/* ---------------------------------------------------------------- reading */

typedef struct
{
  VvLedgerReader       *self;
  const char           *name;
  VvLedgerLineFunc      line_func;
  VvLedgerRejectFunc    reject_func;
  gpointer              user_data;
  int                   col[VV_LEDGER_N_COLUMNS];
  guint                 n_cols;
  guint                 max_col;
  char                  decimal;
  char                  sep;
  gboolean              cp1252;
  int                   default_year;
  char                 *conv;
  gsize                 conv_cap;
  gboolean              stopped;
  guint64               data_rows;
  /* KOSTRA line assembly */
  char                 *carry;
  gsize                 carry_len;
  guint64               line;
} ReadState;

static const char *
field_label (ReadState *st,
             int        role)
{
  int c;

  if (role < 0)
    return NULL;
  c = st->col[role];
  if (c >= 0 && (guint) c < st->self->header->len)
    return g_ptr_array_index (st->self->header, c);
  return _(column_names[role]);
}

G_GNUC_PRINTF (4, 5)
static void
reject (ReadState  *st,
        Feeder     *f,
        int         role,
        const char *format,
        ...)
{
  g_autofree char *msg = NULL;
  va_list args;
  guint64 line = f ? f->start_line : st->line;

  st->self->lines_rejected++;
  if (!st->reject_func)
    return;
  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  if (f && f->line > f->start_line)
    {
      char *ranged = g_strdup_printf (_("%s (lines %llu–%llu)"),
                                      msg, (unsigned long long) f->start_line,
                                      (unsigned long long) f->line);
      g_free (msg);
      msg = ranged;
    }
  st->reject_func (line, field_label (st, role), msg, st->user_data);
}

/* A printable copy of a raw value for messages (UTF-8, shortened). */
static char *
show_value (ReadState  *st,
            const char *s,
            gsize       len)
{
  g_autofree char *u = NULL;

  if (st->cp1252 || !g_utf8_validate (s, len, NULL))
    u = cp1252_dup (s, len);
  else
    u = g_strndup (s, len);
  if (g_utf8_strlen (u, -1) > 60)
    {
      char *end = g_utf8_offset_to_pointer (u, 57);

      return g_strdup_printf ("%.*s…", (int) (end - u), u);
    }
  return g_steal_pointer (&u);
}

static gboolean
is_sum_row (Feeder *f)
{
  for (guint i = 0; i < f->n_fields && i < 4; i++)
    {
      const char *s = f->rec + f->fields[i].off;

      if (g_ascii_strncasecmp (s, "sum", 3) == 0 && (s[3] == '\0' || s[3] == ' ' || s[3] == ':'))
        return TRUE;
      if (g_ascii_strncasecmp (s, "total", 5) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Appends @s converted from Windows-1252 to st->conv; returns its offset. */
static gsize
conv_string (ReadState  *st,
             gsize      *used,
             const char *s,
             gsize       len)
{
  gsize need = *used + len * 3 + 1;
  gsize off = *used;

  if (need > st->conv_cap)
    {
      st->conv_cap = MAX (need, st->conv_cap * 2);
      st->conv = g_realloc (st->conv, st->conv_cap);
    }
  *used += cp1252_to_utf8 ((const guchar *) s, len, st->conv + off) + 1;
  return off;
}

static void
read_parse_error_cb (Feeder  *f,
                     gpointer data)
{
  ReadState *st = data;
  g_autofree char *shown = NULL;

  if (f->start_line <= st->self->header_line)
    return;
  st->data_rows++;
  shown = show_value (st, f->raw, f->raw_len);
  reject (st, f, -1, _("misplaced quote character (\"): %s"), shown);
}

static void
read_record_cb (Feeder  *f,
                gpointer data)
{
  ReadState *st = data;
  VvLedgerReader *self = st->self;
  VvLedgerLine line = { 0, };
  const char *fs[VV_LEDGER_N_COLUMNS] = { NULL, };
  gsize fl[VV_LEDGER_N_COLUMNS] = { 0, };
  const char *reason = NULL;
  const char *digits;
  char art_code[16];
  gsize nd;
  guint i;
  gboolean all_empty = TRUE;

  if (f->start_line <= self->header_line)
    return;
  for (i = 0; i < f->n_fields; i++)
    if (f->fields[i].len > 0)
      {
        all_empty = FALSE;
        break;
      }
  if (all_empty && !f->overlong)
    return;
  st->data_rows++;

  if (f->overlong)
    {
      reject (st, f, -1, _("a field is longer than 64 KiB"));
      return;
    }
  if (st->n_cols > 0 && f->n_fields != st->n_cols)
    {
      if (f->n_fields > st->n_cols)
        {
          for (i = st->n_cols; i < f->n_fields; i++)
            if (f->fields[i].len > 0)
              break;
          if (i < f->n_fields)
            {
              if (st->sep == ',')
                reject (st, f, -1, _("too many fields (%u, expected %u); a decimal comma or a "
                                     "comma in the text needs quotes, or use ; as separator"),
                        f->n_fields, st->n_cols);
              else
                reject (st, f, -1, _("too many fields (%u, expected %u)"),
                        f->n_fields, st->n_cols);
              return;
            }
        }
      else if (!is_sum_row (f))
        {
          reject (st, f, -1, _("too few fields (%u, expected %u)"), f->n_fields, st->n_cols);
          return;
        }
    }
  if (f->n_fields <= st->max_col && !is_sum_row (f))
    {
      reject (st, f, -1, _("too few fields (%u, expected at least %u)"),
              f->n_fields, st->max_col + 1);
      return;
    }

  for (int r = 0; r < VV_LEDGER_N_COLUMNS; r++)
    {
      int c = st->col[r];

      if (c >= 0 && (guint) c < f->n_fields)
        {
          fl[r] = f->fields[c].len;
          fs[r] = trim_field (f->rec + f->fields[c].off, &fl[r]);
        }
    }

  line.line_no = f->start_line;

  /* Function */
  switch (code_digits (fs[VV_LEDGER_COLUMN_FUNCTION], fl[VV_LEDGER_COLUMN_FUNCTION], &digits, &nd))
    {
    case CODE_OK:
      line.function = function_from_digits (digits, nd);
      break;
    case CODE_EMPTY:
      if (is_sum_row (f))
        {
          self->lines_skipped++;
          return;
        }
      reject (st, f, VV_LEDGER_COLUMN_FUNCTION, _("the function is missing"));
      return;
    case CODE_LINE_BREAK:
      reject (st, f, VV_LEDGER_COLUMN_FUNCTION, _("line break inside a code field"));
      return;
    case CODE_NOT_NUMBER:
    default:
      if (is_sum_row (f))
        {
          self->lines_skipped++;
          return;
        }
      {
        g_autofree char *shown = show_value (st, fs[VV_LEDGER_COLUMN_FUNCTION],
                                             fl[VV_LEDGER_COLUMN_FUNCTION]);
        reject (st, f, VV_LEDGER_COLUMN_FUNCTION, _("not a function number: “%s”"), shown);
      }
      return;
    }

  /* Amount */
  if (!vv_amount_parse (fs[VV_LEDGER_COLUMN_AMOUNT], fl[VV_LEDGER_COLUMN_AMOUNT], st->decimal,
                        &line.amount_ore, &reason))
    {
      g_autofree char *shown = show_value (st, fs[VV_LEDGER_COLUMN_AMOUNT],
                                           fl[VV_LEDGER_COLUMN_AMOUNT]);
      reject (st, f, VV_LEDGER_COLUMN_AMOUNT, _("%s: “%s”"), reason, shown);
      return;
    }

  /* Art */
  line.account_class = -1;
  if (fs[VV_LEDGER_COLUMN_ART])
    switch (code_digits (fs[VV_LEDGER_COLUMN_ART], fl[VV_LEDGER_COLUMN_ART], &digits, &nd))
      {
      case CODE_OK:
        art_from_digits (digits, nd, &line.art, &line.account_class);
        if (nd < sizeof art_code)
          {
            memcpy (art_code, digits, nd);
            art_code[nd] = '\0';
            line.art_code = art_code;
          }
        break;
      case CODE_EMPTY:
        break;
      case CODE_LINE_BREAK:
        reject (st, f, VV_LEDGER_COLUMN_ART, _("line break inside a code field"));
        return;
      case CODE_NOT_NUMBER:
      default:
        {
          g_autofree char *shown = show_value (st, fs[VV_LEDGER_COLUMN_ART],
                                               fl[VV_LEDGER_COLUMN_ART]);
          reject (st, f, VV_LEDGER_COLUMN_ART, _("not an art number: “%s”"), shown);
        }
        return;
      }

  /* Year and period */
  if (fs[VV_LEDGER_COLUMN_PERIOD] && fl[VV_LEDGER_COLUMN_PERIOD] > 0)
    {
      int y = 0, m = 0;

      if (!parse_period (fs[VV_LEDGER_COLUMN_PERIOD], fl[VV_LEDGER_COLUMN_PERIOD], &y, &m))
        {
          g_autofree char *shown = show_value (st, fs[VV_LEDGER_COLUMN_PERIOD],
                                               fl[VV_LEDGER_COLUMN_PERIOD]);
          reject (st, f, VV_LEDGER_COLUMN_PERIOD, _("not a period: “%s”"), shown);
          return;
        }
      line.year = y;
      line.period = m;
    }
  if (fs[VV_LEDGER_COLUMN_YEAR] && fl[VV_LEDGER_COLUMN_YEAR] > 0)
    {
      int y = 0, m = 0;

      if (!parse_period (fs[VV_LEDGER_COLUMN_YEAR], fl[VV_LEDGER_COLUMN_YEAR], &y, &m) || y == 0)
        {
          g_autofree char *shown = show_value (st, fs[VV_LEDGER_COLUMN_YEAR],
                                               fl[VV_LEDGER_COLUMN_YEAR]);
          reject (st, f, VV_LEDGER_COLUMN_YEAR, _("not a year: “%s”"), shown);
          return;
        }
      line.year = y;
      if (line.period == 0)
        line.period = m;
    }
  if (line.year == 0)
    line.year = st->default_year;
  if (line.year == 0)
    {
      reject (st, f, st->col[VV_LEDGER_COLUMN_YEAR] >= 0 ? VV_LEDGER_COLUMN_YEAR
                                                         : VV_LEDGER_COLUMN_PERIOD,
              _("no year on this line"));
      return;
    }

  /* Strings */
  {
    const char *ansvar = fs[VV_LEDGER_COLUMN_ANSVAR] ? fs[VV_LEDGER_COLUMN_ANSVAR] : "";
    const char *text = fs[VV_LEDGER_COLUMN_TEXT] ? fs[VV_LEDGER_COLUMN_TEXT] : "";
    const char *tjeneste = fs[VV_LEDGER_COLUMN_FUNCTION];
    gboolean recode;

    if (st->cp1252)
      recode = !is_ascii (f->raw, f->raw_len);
    else
      {
        gsize ascii = ascii_prefix (f->raw, f->raw_len);

        /* an ASCII prefix is valid UTF-8 and ends on a character boundary */
        recode = ascii < f->raw_len && !g_utf8_validate (f->raw + ascii, f->raw_len - ascii, NULL);
        if (recode)
          self->lines_recoded++;
      }

    if (recode)
      {
        gsize used = 0;
        gsize o_ansvar = conv_string (st, &used, ansvar, strlen (ansvar));
        gsize o_text = conv_string (st, &used, text, strlen (text));
        gsize o_tj = conv_string (st, &used, tjeneste, strlen (tjeneste));
        gsize raw_start = used;
        gsize o_raw = conv_string (st, &used, f->raw, f->raw_len);

        line.ansvar = st->conv + o_ansvar;
        line.text = st->conv + o_text;
        line.tjeneste = st->conv + o_tj;
        line.raw = st->conv + o_raw;
        line.raw_len = used - raw_start - 1;
      }
    else
      {
        line.ansvar = ansvar;
        line.text = text;
        line.tjeneste = tjeneste;
        line.raw = f->raw;
        line.raw_len = f->raw_len;
      }
  }

  self->lines_read++;
  if (st->line_func && !st->line_func (&line, st->user_data))
    {
      st->stopped = TRUE;
      f->stop = TRUE;
    }
}

/* KOSTRA: one 48-character record per line. */
static gboolean
kostra_line (ReadState  *st,
             const char *p,
             gsize       n,
             GError    **error)
{
  VvLedgerReader *self = st->self;
  VvLedgerLine line = { 0, };
  char rec[KOSTRA_LEN + 1];
  char fn[5], art[4];
  const char *digits;
  gsize nd;
  const guchar *a, *ae;
  gint64 thousands = 0;
  int y = 0;
  char k;

  if (n > 0 && p[n - 1] == '\r')
    n--;
  if (n == 0)
    return TRUE;
  if (n != KOSTRA_LEN || memchr (p, '\t', n))
    {
      g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_KOSTRA,
                   memchr (p, '\t', n)
                   ? _("%s: line %llu: a KOSTRA record must not contain tabs")
                   : _("%s: line %llu: a KOSTRA record must be 48 characters "
                       "long"), st->name, (unsigned long long) st->line);
      return FALSE;
    }
  st->data_rows++;
  memcpy (rec, p, KOSTRA_LEN);
  rec[KOSTRA_LEN] = '\0';

  for (int i = 2; i < 6; i++)
    {
      if (!is_digit (rec[i]))
        {
          st->self->lines_rejected++;
          if (st->reject_func)
            st->reject_func (st->line, "aargang", _("not a year"), st->user_data);
          return TRUE;
        }
      y = y * 10 + (rec[i] - '0');
    }
  line.line_no = st->line;
  line.year = y;
  line.period = 0;
  k = rec[31];
  line.account_class = (k == '1' || k == '3') ? 1 : (k == '0' || k == '4') ? 0
                       : (k == '2' || k == '5') ? 2 : -1;

  memcpy (fn, rec + 32, 4);
  fn[4] = '\0';
  g_strchomp (fn);
  if (line.account_class != 2)
    {
      switch (code_digits (fn, strlen (fn), &digits, &nd))
        {
        case CODE_OK:
          line.function = function_from_digits (digits, nd);
          break;
        default:
          {
            g_autofree char *shown = g_utf8_make_valid (fn, -1);   /* may be Latin-1 */
            g_autofree char *msg = g_strdup_printf (_("not a function number: “%s”"), shown);

            self->lines_rejected++;
            if (st->reject_func)
              st->reject_func (st->line, "funksjon", msg, st->user_data);
          }
          return TRUE;
        }
    }

  memcpy (art, rec + 36, 3);
  art[3] = '\0';
  if (line.account_class != 2 && code_digits (art, 3, &digits, &nd) == CODE_OK)
    line.art = digits_value (digits, nd);

  /* beløp: ^\s*-?\d+$ (SSB rule 014) */
  a = (const guchar *) rec + 39;
  ae = (const guchar *) rec + KOSTRA_LEN;
  while (a < ae && *a == ' ')
    a++;
  {
    gboolean neg = FALSE;
    const guchar *q = a;

    if (q < ae && *q == '-')
      {
        neg = TRUE;
        q++;
      }
    if (q == ae)
      goto bad_amount;
    for (; q < ae; q++)
      {
        if (!is_digit (*q))
          goto bad_amount;
        thousands = thousands * 10 + (*q - '0');
      }
    line.amount_ore = (neg ? -thousands : thousands) * 100000;
  }

  line.ansvar = "";
  line.text = "";
  line.tjeneste = fn;
  if (is_ascii (rec, KOSTRA_LEN))
    {
      line.raw = rec;
      line.raw_len = KOSTRA_LEN;
      self->lines_read++;
      if (st->line_func && !st->line_func (&line, st->user_data))
        st->stopped = TRUE;
    }
  else
    {
      g_autofree char *u = cp1252_dup (rec, KOSTRA_LEN);
      g_autofree char *t = cp1252_dup (fn, strlen (fn));   /* unchecked for kontoklasse 2 */

      line.raw = u;
      line.raw_len = strlen (u);
      line.tjeneste = t;
      self->lines_read++;
      if (st->line_func && !st->line_func (&line, st->user_data))
        st->stopped = TRUE;
    }
  return TRUE;

bad_amount:
  {
    g_autofree char *shown = cp1252_dup (rec + 39, 9);
    g_autofree char *msg = g_strdup_printf (_("not a whole number of thousand kroner: “%s”"),
                                            shown);

    self->lines_rejected++;
    if (st->reject_func)
      st->reject_func (st->line, "belop", msg, st->user_data);
  }
  return TRUE;
}

static gboolean
kostra_feed (ReadState  *st,
             const char *data,
             gsize       len,
             GError    **error)
{
  gsize pos = 0;

  while (pos < len && !st->stopped)
    {
      const char *nl = memchr (data + pos, '\n', len - pos);
      gsize n = nl ? (gsize) (nl - (data + pos)) : len - pos;

      if (!nl)
        {
          if (st->carry_len + n > 4096)
            {
              g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_KOSTRA,
                           _("%s: line %llu: a KOSTRA record must be 48 "
                             "characters long"), st->name, (unsigned long long) st->line);
              return FALSE;
            }
          memcpy (st->carry + st->carry_len, data + pos, n);
          st->carry_len += n;
          return TRUE;
        }
      if (st->carry_len > 0)
        {
          gboolean ok;

          if (st->carry_len + n > 4096)
            n = 4096 - st->carry_len;
          memcpy (st->carry + st->carry_len, data + pos, n);
          ok = kostra_line (st, st->carry, st->carry_len + n, error);
          st->carry_len = 0;
          if (!ok)
            return FALSE;
        }
      else if (!kostra_line (st, data + pos, n, error))
        return FALSE;
      st->line++;
      pos = (nl - data) + 1;
    }
  return TRUE;
}

/* A source of chunks: a file descriptor or a memory block. */
typedef struct
{
  int         fd;
  const char *mem;
  guint64     size;
  guint64     pos;
  char       *buf;
} Source;

static gssize
source_next (Source      *src,
             const char **out,
             GError     **error,
             const char  *name)
{
  if (src->mem)
    {
      gsize n = MIN ((guint64) CHUNK_SIZE, src->size - src->pos);

      *out = src->mem + src->pos;
      src->pos += n;
      return n;
    }
  else
    {
      gssize n;

      do
        n = read (src->fd, src->buf, CHUNK_SIZE);
      while (n < 0 && errno == EINTR);
      if (n < 0)
        {
          int saved = errno;

          g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_READ,
                       _("%s: cannot read the file: %s"), name, g_strerror (saved));
          return -1;
        }
      *out = src->buf;
      src->pos += n;
      return n;
    }
}

static gboolean
read_source (VvLedgerReader       *self,
             Source               *src,
             const char           *head,
             gsize                 head_len,
             const char           *name,
             VvLedgerLineFunc      line_func,
             VvLedgerRejectFunc    reject_func,
             VvLedgerProgressFunc  progress_func,
             gpointer              user_data,
             GCancellable         *cancellable,
             GError              **error)
{
  ReadState st = { 0, };
  Feeder f;
  gboolean kostra, ok = TRUE, first = TRUE;

  self->lines_read = self->lines_rejected = self->lines_skipped = self->lines_recoded = 0;

  if (!detect_head (self, head, head_len, src->size > head_len, name, error))
    return FALSE;

  st.self = self;
  st.name = name;
  st.line_func = line_func;
  st.reject_func = reject_func;
  st.user_data = user_data;
  st.decimal = vv_ledger_reader_get_decimal_mark (self);
  st.sep = vv_ledger_reader_get_separator (self);
  st.cp1252 = vv_ledger_reader_get_encoding (self) == VV_LEDGER_ENCODING_WINDOWS_1252;
  st.default_year = self->default_year;
  /* a trailing separator on the header line adds no column */
  st.n_cols = self->header->len;
  while (st.n_cols > 0 && *(const char *) g_ptr_array_index (self->header, st.n_cols - 1) == '\0')
    st.n_cols--;
  st.line = 1;
  for (int r = 0; r < VV_LEDGER_N_COLUMNS; r++)
    {
      st.col[r] = vv_ledger_reader_get_column (self, r);
      if (st.col[r] >= 0)
        st.max_col = MAX (st.max_col, (guint) st.col[r]);
    }
  kostra = vv_ledger_reader_get_format (self) == VV_LEDGER_FORMAT_KOSTRA;
  if (kostra)
    st.carry = g_malloc (4096 + 1);
  feeder_init (&f, st.sep ? st.sep : ';', read_record_cb, read_parse_error_cb, &st);

  while (ok)
    {
      const char *chunk;
      gssize n = source_next (src, &chunk, error, name);
      guint64 chunk_start = src->pos - (n > 0 ? (guint64) n : 0);
      const char *chunk_data = chunk;
      const char *nul;

      if (n < 0)
        {
          ok = FALSE;
          break;
        }
      if (n == 0)
        break;
      if (first && self->has_bom && n >= 3)
        {
          chunk += 3;
          n -= 3;
        }
      first = FALSE;

      nul = memchr (chunk, '\0', n);
      if (nul)
        n = nul - chunk;

      if (kostra)
        ok = kostra_feed (&st, chunk, n, error);
      else
        ok = feeder_feed (&f, chunk, n, name, error);

      if (ok && nul)
        {
          g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_ENCODING,
                       _("%s: line %llu: the file contains a NUL byte "
                         "(byte %llu); it is not a text file"),
                       name, (unsigned long long) (kostra ? st.line : f.line),
                       (unsigned long long) (chunk_start + (guint64) (nul - chunk_data)));
          ok = FALSE;
        }
      if (!ok)
        break;
      if (st.stopped || f.stop)
        {
          g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_CANCELLED,
                       _("%s: reading was stopped"), name);
          ok = FALSE;
          break;
        }
      if (progress_func)
        progress_func (src->pos, src->size, user_data);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
    }

  if (ok)
    {
      if (kostra)
        {
          if (st.carry_len > 0)
            ok = kostra_line (&st, st.carry, st.carry_len, error);
          if (ok && st.stopped)
            {
              g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_CANCELLED,
                           _("%s: reading was stopped"), name);
              ok = FALSE;
            }
        }
      else
        {
          ok = feeder_finish (&f, name, error);
          if (ok && f.stop)
            {
              g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_CANCELLED,
                           _("%s: reading was stopped"), name);
              ok = FALSE;
            }
        }
    }

  if (ok && st.data_rows == 0)
    {
      if (self->header_line > 0)
        g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_NO_DATA,
                     _("%s: found the header row (line %llu), but no data rows"),
                     name, (unsigned long long) self->header_line);
      else
        g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_EMPTY, _("%s: no data found"), name);
      ok = FALSE;
    }

  feeder_clear (&f);
  g_free (st.conv);
  g_free (st.carry);
  return ok;
}

/* -------------------------------------------------------------- GObject */

static void
vv_ledger_reader_finalize (GObject *object)
{
  VvLedgerReader *self = VV_LEDGER_READER (object);

  g_clear_pointer (&self->header, g_ptr_array_unref);
  g_clear_pointer (&self->preview, g_ptr_array_unref);
  g_clear_pointer (&self->layout_key, g_free);

  G_OBJECT_CLASS (vv_ledger_reader_parent_class)->finalize (object);
}

static void
vv_ledger_reader_class_init (VvLedgerReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vv_ledger_reader_finalize;
}

static void
vv_ledger_reader_init (VvLedgerReader *self)
{
  self->header = g_ptr_array_new_with_free_func (g_free);
  self->preview = g_ptr_array_new_with_free_func (head_row_free);
  for (int i = 0; i < VV_LEDGER_N_COLUMNS; i++)
    {
      self->columns[i] = -1;
      self->d_columns[i] = -1;
    }
}

/* ------------------------------------------------------------- public API */

/**
 * vv_ledger_reader_new:
 *
 * Returns: (transfer full): a reader with every setting on auto-detect
 */
VvLedgerReader *
vv_ledger_reader_new (void)
{
  return g_object_new (VV_TYPE_LEDGER_READER, NULL);
}

/**
 * vv_ledger_column_to_string:
 * @role: a column role
 *
 * Returns: (transfer none): the translated name of @role
 */
const char *
vv_ledger_column_to_string (VvLedgerColumn role)
{
  g_return_val_if_fail (role < VV_LEDGER_N_COLUMNS, NULL);
  return _(column_names[role]);
}

/**
 * vv_ledger_reader_set_format:
 * @self: a reader
 * @format: %VV_LEDGER_FORMAT_AUTO (default), CSV or KOSTRA
 */
void
vv_ledger_reader_set_format (VvLedgerReader *self,
                             VvLedgerFormat  format)
{
  g_return_if_fail (VV_IS_LEDGER_READER (self));
  self->format = format;
}

/**
 * vv_ledger_reader_set_encoding:
 * @self: a reader
 * @encoding: %VV_LEDGER_ENCODING_AUTO (default), UTF-8 or Windows-1252
 */
void
vv_ledger_reader_set_encoding (VvLedgerReader   *self,
                               VvLedgerEncoding  encoding)
{
  g_return_if_fail (VV_IS_LEDGER_READER (self));
  self->encoding = encoding;
}

/**
 * vv_ledger_reader_set_separator:
 * @self: a reader
 * @separator: `;`, `,` or tab; 0 to detect
 */
void
vv_ledger_reader_set_separator (VvLedgerReader *self,
                                char            separator)
{
  g_return_if_fail (VV_IS_LEDGER_READER (self));
  self->separator = separator;
}

/**
 * vv_ledger_reader_set_decimal_mark:
 * @self: a reader
 * @mark: `,` or `.`; 0 to detect
 */
void
vv_ledger_reader_set_decimal_mark (VvLedgerReader *self,
                                   char            mark)
{
  g_return_if_fail (VV_IS_LEDGER_READER (self));
  g_return_if_fail (mark == 0 || mark == ',' || mark == '.');
  self->decimal_mark = mark;
}

/**
 * vv_ledger_reader_set_default_year:
 * @self: a reader
 * @year: the year for lines that carry none; 0 for none
 */
void
vv_ledger_reader_set_default_year (VvLedgerReader *self,
                                   int             year)
{
  g_return_if_fail (VV_IS_LEDGER_READER (self));
  self->default_year = year;
}

/**
 * vv_ledger_reader_set_column:
 * @self: a reader
 * @role: the column role
 * @index: 0-based column index, or -1 to detect from the header
 */
void
vv_ledger_reader_set_column (VvLedgerReader *self,
                             VvLedgerColumn  role,
                             int             index)
{
  g_return_if_fail (VV_IS_LEDGER_READER (self));
  g_return_if_fail (role < VV_LEDGER_N_COLUMNS);
  self->columns[role] = index < 0 ? -1 : index;
}

/**
 * vv_ledger_reader_detect_bytes:
 * @self: a reader
 * @data: the start of a file (or all of it)
 * @len: length of @data
 * @display_name: the name used in messages
 * @error: return location for a #VV_LEDGER_ERROR
 *
 * Like vv_ledger_reader_detect() on data in memory. Detected settings are
 * filled in as far as detection got, even when it fails.
 *
 * Returns: %TRUE if the data can be read with the detected settings
 */
gboolean
vv_ledger_reader_detect_bytes (VvLedgerReader *self,
                               const char     *data,
                               gsize           len,
                               const char     *display_name,
                               GError        **error)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  return detect_head (self, data, MIN (len, HEAD_SIZE), len > HEAD_SIZE,
                      display_name ? display_name : "", error);
}

static int
open_file (const char *path,
           guint64    *size,
           gint64     *mtime,
           GError    **error)
{
  struct stat st;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved = errno;

      g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_READ,
                   _("%s: cannot open the file: %s"), path, g_strerror (saved));
      if (fd >= 0)
        close (fd);
      return -1;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_READ,
                   _("%s: not a regular file"), path);
      close (fd);
      return -1;
    }
  *size = st.st_size;
  *mtime = st.st_mtime;
  return fd;
}

static gssize
read_head (int     fd,
           char   *buf,
           gsize   cap)
{
  gsize got = 0;

  while (got < cap)
    {
      gssize n = pread (fd, buf + got, cap - got, got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return -1;
      if (n == 0)
        break;
      got += n;
    }
  return got;
}

/**
 * vv_ledger_reader_detect:
 * @self: a reader
 * @path: the file
 * @error: return location for a #VV_LEDGER_ERROR
 *
 * Sniffs the first 256 KiB of @path: format (CSV or KOSTRA), encoding,
 * separator, header row, column roles and decimal mark. Settings given with
 * the setters win over detection. The getters return the result, which is
 * filled in as far as detection got even when this fails (for a preview).
 *
 * Returns: %TRUE if the file can be read with these settings
 */
gboolean
vv_ledger_reader_detect (VvLedgerReader *self,
                         const char     *path,
                         GError        **error)
{
  g_autofree char *head = NULL;
  guint64 size;
  gint64 mtime;
  gssize n;
  int fd;

  g_return_val_if_fail (VV_IS_LEDGER_READER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if ((fd = open_file (path, &size, &mtime, error)) < 0)
    return FALSE;
  head = g_malloc (HEAD_SIZE);
  n = read_head (fd, head, HEAD_SIZE);
  close (fd);
  if (n < 0)
    {
      int saved = errno;

      g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_READ,
                   _("%s: cannot read the file: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return detect_head (self, head, n, size > (guint64) n, path, error);
}

/**
 * vv_ledger_reader_read:
 * @self: a reader
 * @path: the ledger file (CSV or KOSTRA extract)
 * @line_func: (scope call) (nullable): called for each good line
 * @reject_func: (scope call) (nullable): called for each line that cannot be read
 * @progress_func: (scope call) (nullable): called after each 1 MiB
 * @user_data: passed to the callbacks
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #VV_LEDGER_ERROR (or %G_IO_ERROR_CANCELLED)
 *
 * Detects the layout (see vv_ledger_reader_detect()) and streams the file
 * in 1 MiB chunks. Line numbers are physical lines of the file. Per-line
 * problems go to @reject_func and are counted; problems with the whole file
 * fail with @error (the callbacks may already have seen lines).
 *
 * Returns: %TRUE if the whole file was read
 */
gboolean
vv_ledger_reader_read (VvLedgerReader       *self,
                       const char           *path,
                       VvLedgerLineFunc      line_func,
                       VvLedgerRejectFunc    reject_func,
                       VvLedgerProgressFunc  progress_func,
                       gpointer              user_data,
                       GCancellable         *cancellable,
                       GError              **error)
{
  g_autofree char *buf = NULL;
  Source src = { -1, };
  gssize head_len;
  gint64 mtime;
  gboolean ok;
  struct stat after;

  g_return_val_if_fail (VV_IS_LEDGER_READER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if ((src.fd = open_file (path, &src.size, &mtime, error)) < 0)
    return FALSE;
  buf = g_malloc (CHUNK_SIZE);
  head_len = read_head (src.fd, buf, MIN ((guint64) HEAD_SIZE, src.size));
  if (head_len < 0)
    {
      int saved = errno;

      g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_READ,
                   _("%s: cannot read the file: %s"), path, g_strerror (saved));
      close (src.fd);
      return FALSE;
    }
  {
    /* the head is needed while the first chunk overwrites buf */
    g_autofree char *head = g_memdup2 (buf, head_len);

    src.buf = buf;
    ok = read_source (self, &src, head, head_len, path, line_func, reject_func,
                      progress_func, user_data, cancellable, error);
  }
  if (ok && (fstat (src.fd, &after) != 0 || (guint64) after.st_size != src.size
             || after.st_mtime != mtime))
    {
      g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_READ,
                   _("%s: the file changed while it was being read"), path);
      ok = FALSE;
    }
  close (src.fd);
  return ok;
}

/**
 * vv_ledger_reader_read_bytes:
 * @self: a reader
 * @data: the whole file in memory
 * @len: its length
 * @display_name: the name used in messages
 * @line_func: (scope call) (nullable): called for each good line
 * @reject_func: (scope call) (nullable): called for each line that cannot be read
 * @progress_func: (scope call) (nullable): called after each 1 MiB
 * @user_data: passed to the callbacks
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #VV_LEDGER_ERROR
 *
 * Like vv_ledger_reader_read() on data in memory (tests, fuzzers).
 *
 * Returns: %TRUE if all of @data was read
 */
gboolean
vv_ledger_reader_read_bytes (VvLedgerReader       *self,
                             const char           *data,
                             gsize                 len,
                             const char           *display_name,
                             VvLedgerLineFunc      line_func,
                             VvLedgerRejectFunc    reject_func,
                             VvLedgerProgressFunc  progress_func,
                             gpointer              user_data,
                             GCancellable         *cancellable,
                             GError              **error)
{
  Source src = { -1, };

  g_return_val_if_fail (VV_IS_LEDGER_READER (self), FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  src.mem = data ? data : "";
  src.size = len;
  return read_source (self, &src, src.mem, MIN (len, HEAD_SIZE),
                      display_name ? display_name : "", line_func, reject_func,
                      progress_func, user_data, cancellable, error);
}

/**
 * vv_ledger_reader_get_format:
 * @self: a reader
 *
 * Returns: the format set, or else the detected one
 */
VvLedgerFormat
vv_ledger_reader_get_format (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), VV_LEDGER_FORMAT_AUTO);
  return self->format != VV_LEDGER_FORMAT_AUTO ? self->format : self->d_format;
}

/**
 * vv_ledger_reader_get_encoding:
 * @self: a reader
 *
 * Returns: the encoding set, or else the detected one
 */
VvLedgerEncoding
vv_ledger_reader_get_encoding (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), VV_LEDGER_ENCODING_AUTO);
  return self->encoding != VV_LEDGER_ENCODING_AUTO ? self->encoding : self->d_encoding;
}

/**
 * vv_ledger_reader_get_separator:
 * @self: a reader
 *
 * Returns: the separator set, or else the detected one (0 if unknown)
 */
char
vv_ledger_reader_get_separator (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), 0);
  return self->separator ? self->separator : self->d_separator;
}

/**
 * vv_ledger_reader_get_decimal_mark:
 * @self: a reader
 *
 * Returns: the decimal mark set, or else the detected one (0 if unknown)
 */
char
vv_ledger_reader_get_decimal_mark (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), 0);
  return self->decimal_mark ? self->decimal_mark : self->d_decimal_mark;
}

/**
 * vv_ledger_reader_get_default_year:
 * @self: a reader
 *
 * Returns: the default year, 0 for none
 */
int
vv_ledger_reader_get_default_year (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), 0);
  return self->default_year;
}

/**
 * vv_ledger_reader_get_column:
 * @self: a reader
 * @role: a column role
 *
 * Returns: the 0-based column for @role (set, or else detected), or -1
 */
int
vv_ledger_reader_get_column (VvLedgerReader *self,
                             VvLedgerColumn  role)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), -1);
  g_return_val_if_fail (role < VV_LEDGER_N_COLUMNS, -1);
  return self->columns[role] >= 0 ? self->columns[role] : self->d_columns[role];
}

/**
 * vv_ledger_reader_get_layout_key:
 * @self: a reader
 *
 * Returns: (nullable) (transfer none): a stable key for the detected
 *   layout (a hash of the normalised header and separator), to remember a
 *   column mapping per layout; %NULL before detection
 */
const char *
vv_ledger_reader_get_layout_key (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), NULL);
  return self->layout_key;
}

/**
 * vv_ledger_reader_get_header:
 * @self: a reader
 *
 * Returns: (transfer none) (element-type utf8): the header cells as in the
 *   file (UTF-8); empty for KOSTRA files or when no header was found
 */
GPtrArray *
vv_ledger_reader_get_header (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), NULL);
  return self->header;
}

/**
 * vv_ledger_reader_get_header_line:
 * @self: a reader
 *
 * Returns: the physical line of the header row, 0 if none (lines before it
 *   are a skipped preamble)
 */
guint64
vv_ledger_reader_get_header_line (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), 0);
  return self->header_line;
}

/**
 * vv_ledger_reader_get_n_preview_rows:
 * @self: a reader
 *
 * Returns: how many rows after the header the last detection kept for a
 *   preview (at most 200, from the first 256 KiB)
 */
guint
vv_ledger_reader_get_n_preview_rows (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), 0);
  return self->preview->len;
}

/**
 * vv_ledger_reader_get_preview_row:
 * @self: a reader
 * @index: the row, below vv_ledger_reader_get_n_preview_rows()
 * @line_no: (out) (optional): the physical line the row starts on
 *
 * The cells of a row as split by the detected (or set) separator, in UTF-8,
 * unparsed. For a KOSTRA file the cells are the ten record fields, matching
 * the header from vv_ledger_reader_get_header().
 *
 * Returns: (transfer none) (array zero-terminated=1): the cells
 */
const char * const *
vv_ledger_reader_get_preview_row (VvLedgerReader *self,
                                  guint           index,
                                  guint64        *line_no)
{
  HeadRow *row;

  g_return_val_if_fail (VV_IS_LEDGER_READER (self), NULL);
  g_return_val_if_fail (index < self->preview->len, NULL);

  row = g_ptr_array_index (self->preview, index);
  if (line_no)
    *line_no = row->line;
  return (const char * const *) row->cells;
}

/**
 * vv_ledger_reader_get_lines_read:
 * @self: a reader
 *
 * Returns: the number of lines handed to the line callback by the last read
 */
guint64
vv_ledger_reader_get_lines_read (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), 0);
  return self->lines_read;
}

/**
 * vv_ledger_reader_get_lines_rejected:
 * @self: a reader
 *
 * Returns: the number of lines handed to the reject callback by the last read
 */
guint64
vv_ledger_reader_get_lines_rejected (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), 0);
  return self->lines_rejected;
}

/**
 * vv_ledger_reader_get_lines_skipped:
 * @self: a reader
 *
 * Returns: the number of sum/subtotal rows skipped by the last read
 */
guint64
vv_ledger_reader_get_lines_skipped (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), 0);
  return self->lines_skipped;
}

/**
 * vv_ledger_reader_get_lines_recoded:
 * @self: a reader
 *
 * Returns: the number of lines of a UTF-8 file that were not valid UTF-8
 *   and were read as Windows-1252 instead (mixed encoding)
 */
guint64
vv_ledger_reader_get_lines_recoded (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), 0);
  return self->lines_recoded;
}
