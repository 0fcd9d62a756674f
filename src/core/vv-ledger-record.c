/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-ledger-reader"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vv-ledger-reader-private.h"
#include "vv-ledger-reader.h"
#include "vv-privacy.h"

/* A CSV record to a VvLedgerLine. One decoder, decode_fields(), reads the
 * function, amount, art, kontoklasse, period and year fields for both ways
 * a record is read:
 *
 * - the full reader, _vv_ledger_read_record_cb(), is handed each record
 *   copied out of the file, with its fields NUL-terminated; it turns every
 *   fault into a reject with its message, and recodes the strings a line
 *   that is not UTF-8 carries;
 *
 * - split-only reading (issue 13, item 6), _vv_ledger_read_split_record():
 *   the split reads a line's year, ansvar, function, art and amount; the
 *   import also keeps its raw text, text, service code and art code. When
 *   the caller says it only splits, the CSV feeder offers each record here
 *   before copying it: its fields are read where they stand in the file's
 *   chunk (untrimmed), only the split's columns are decoded, and nothing is
 *   copied but the ansvar. Only a line that the full reader would hand on
 *   unchanged is taken, with the same values and the same counters.
 *   Anything else — a short or long row, a field it would reject or look at
 *   twice, a sum row, an ansvar to recode, the first service code, a
 *   kontoklasse column or amounts in 1000 kr — is handed back before any
 *   counter moves, and the full reader reads it as always, with its
 *   messages. */

/* --------------------------------------------------------------- messages */

static const char *
field_label (VvLedgerReadState *st,
             int                role)
{
  int c;

  if (role < 0)
    return NULL;
  c = st->col[role];
  if (c >= 0 && (guint) c < st->self->header->len)
    return g_ptr_array_index (st->self->header, c);
  return vv_ledger_column_to_string (role);
}

G_GNUC_PRINTF (4, 5)
static void
reject (VvLedgerReadState *st,
        VvCsvFeeder       *f,
        int                role,
        const char        *format,
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
  {
    /* a message may quote the line: an identity number in it is masked */
    g_autofree char *masked = vv_privacy_mask_fnr (msg);

    st->reject_func (line, field_label (st, role), masked, st->user_data);
  }
}

/* A printable copy of a raw value for messages (UTF-8, shortened). */
static char *
show_value (VvLedgerReadState *st,
            const char        *s,
            gsize              len)
{
  g_autofree char *u = NULL;

  /* a field missing from a short row has no bytes at all */
  if (s == NULL || len == 0)
    return g_strdup ("");
  if (st->cp1252 || !g_utf8_validate (s, len, NULL))
    u = _vv_ledger_cp1252_dup (s, len);
  else
    u = g_strndup (s, len);
  if (g_utf8_strlen (u, -1) > 60)
    {
      char *end = g_utf8_offset_to_pointer (u, 57);

      return g_strdup_printf ("%.*s…", (int) (end - u), u);
    }
  return g_steal_pointer (&u);
}

/* Rejects @role's field with @format around its value. */
static void
reject_value (VvLedgerReadState *st,
              VvCsvFeeder       *f,
              int                role,
              const char        *format,
              const char        *s,
              gsize              len)
{
  g_autofree char *shown = show_value (st, s, len);

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  reject (st, f, role, format, shown);
#pragma GCC diagnostic pop
}

static gboolean
is_sum_row (VvCsvFeeder *f)
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
conv_string (VvLedgerReadState *st,
             gsize             *used,
             const char        *s,
             gsize              len)
{
  gsize need = *used + len * 3 + 1;
  gsize off = *used;

  if (need > st->conv_cap)
    {
      st->conv_cap = MAX (need, st->conv_cap * 2);
      st->conv = g_realloc (st->conv, st->conv_cap);
    }
  *used += _vv_ledger_cp1252_to_utf8 ((const guchar *) s, len, st->conv + off) + 1;
  return off;
}

/* ---------------------------------------------------------------- decoder */

/* Where the line's non-ASCII bytes are: from *@ascii (its ASCII prefix,
 * @len when there is none) to *@high_end. The feeder's one-pass scan has
 * found both. A line holds no NUL byte (the reader stops at one), so the
 * ASCII bytes around that stretch are valid UTF-8, and a character the
 * stretch cuts short is invalid within it: checking the stretch alone gives
 * the line's answer. */
static inline void
line_high_bytes (VvCsvFeeder *f,
                 const char  *raw,
                 gsize        len,
                 gsize       *ascii,
                 gsize       *high_end)
{
  if (f->ascii_prefix >= 0)
    {
      *ascii = f->ascii_prefix;
      *high_end = f->high_end;
    }
  else
    {
      *ascii = _vv_ledger_ascii_prefix (raw, len);
      *high_end = len;
    }
}

/* The usual amount — an optional '-', 1 to 15 digits, grouped in threes by
 * single spaces or not at all, then the decimal mark and one or two digits
 * or nothing — to øre, as vv_amount_parse() reads it; FALSE for any other
 * form, which vv_amount_parse() then reads. */
static inline gboolean
amount_fast (const char *s,
             gsize       n,
             char        mark,
             gint64     *ore)
{
  const guchar *p = (const guchar *) s, *e = p + n, *start;
  guint64 v = 0;
  gint64 cents = 0;
  guint spaces = 0;
  gboolean negative;

  if (n < 1 || n > 24)
    return FALSE;
  if (mark != '.')
    mark = ',';
  if (n >= 3 && e[-3] == (guchar) mark && is_digit (e[-2]) && is_digit (e[-1]))
    {
      cents = (e[-2] - '0') * 10 + (e[-1] - '0');
      e -= 3;
    }
  else if (n >= 2 && e[-2] == (guchar) mark && is_digit (e[-1]))
    {
      cents = (e[-1] - '0') * 10;
      e -= 2;
    }
  negative = p < e && *p == '-';
  p += negative;
  /* at most 15 digits and 4 group spaces; 19 digits fit a guint64 */
  if (p == e || e - p > 19 || !is_digit (*p) || !is_digit (e[-1]))
    return FALSE;
  start = p;
  for (; p < e; p++)
    {
      guint d = *p - '0';

      if (G_LIKELY (d <= 9))
        {
          v = v * 10 + d;
          continue;
        }
      /* a group space: after the first group of one to three digits or a
       * later one of three, before three digits and a space or the end */
      if (*p != ' ' || (spaces == 0 && p - start > 3) || e - p < 4
          || !is_digit (p[1]) || !is_digit (p[2]) || !is_digit (p[3])
          || (e - p > 4 && p[4] != ' '))
        return FALSE;
      spaces++;
    }
  if ((gsize) (e - start) - spaces > 15)
    return FALSE;           /* longer: vv_amount_parse() checks the range */
  *ore = negative ? -((gint64) v * 100 + cents) : (gint64) v * 100 + cents;
  return TRUE;
}

/* What decode_fields() found, the faults in the order the fields are read. */
typedef enum
{
  DECODED,
  BAD_FUNCTION_EMPTY,
  BAD_FUNCTION_BREAK,
  BAD_FUNCTION_NUMBER,
  BAD_FUNCTION_SERVICE,    /* Fields.why */
  BAD_AMOUNT,              /* Fields.reason */
  BAD_ART_LENGTH,          /* Fields.nd */
  BAD_ART_KOSTRA,          /* Fields.digits, Fields.nd */
  BAD_ART_BREAK,
  BAD_ART_NUMBER,
  BAD_CLASS,
  BAD_CLASS_AMOUNT,
  BAD_PERIOD,
  BAD_YEAR,
  BAD_NO_YEAR,
  HAND_BACK,               /* split-only: for the full reader to read */
} Decoded;

/* A record's fields by role, trimmed (NULL: no column, or a short row lacks
 * it), and what the decoder says about them. */
typedef struct
{
  const char *fs[VV_LEDGER_N_COLUMNS];
  gsize       fl[VV_LEDGER_N_COLUMNS];
  const char *digits;
  gsize       nd;
  const char *reason;
  char       *why;
  gboolean    service;
} Fields;

#define FS(role) d->fs[VV_LEDGER_COLUMN_ ## role]
#define FL(role) d->fl[VV_LEDGER_COLUMN_ ## role]

/* Split-only reading: @role's field where it stands in the chunk (@base),
 * trimmed as the feeder and the full reader trim it (spaces and tabs, NBSP
 * and the other wide blanks); NULL when there is no such column. */
static inline G_ALWAYS_INLINE const char *
lean_field (VvLedgerReadState *st,
            VvCsvFeeder       *f,
            const char        *base,
            int                role,
            gsize             *len)
{
  int c = st->col[role];
  const guchar *p, *e;

  if (c < 0)
    {
      *len = 0;
      return NULL;
    }
  p = (const guchar *) base + f->fields[c].off;
  e = p + f->fields[c].len;
  trim_blanks (&p, &e);
  *len = e - p;
  return (const char *) p;
}

/* @role's field into d->fs and d->fl: found now when reading split-only,
 * gathered before by the full reader. */
#define FIELD(role) \
  G_STMT_START { \
    if (lean) \
      FS (role) = lean_field (st, f, base, VV_LEDGER_COLUMN_ ## role, &FL (role)); \
  } G_STMT_END

/* The function, amount, art, kontoklasse, period and year of @d into @line.
 * @lean (a constant: the function is inlined twice) is split-only reading
 * of the record @f at @base: a service code that the full reader would note
 * or refuse is handed back rather than counted, and no art code is kept. */
static inline G_ALWAYS_INLINE Decoded
decode_fields (VvLedgerReadState *st,
               VvCsvFeeder       *f,
               const char        *base,
               Fields            *d,
               VvLedgerLine      *line,
               char              *art_code,
               const gboolean     lean)
{
  VvLedgerReader *self = st->self;
  const char *digits;
  gsize nd;

  /* Function */
  FIELD (FUNCTION);
  switch (code_field (FS (FUNCTION), FL (FUNCTION), &digits, &nd))
    {
    case CODE_OK:
      break;
    case CODE_EMPTY:
      return BAD_FUNCTION_EMPTY;
    case CODE_LINE_BREAK:
      return BAD_FUNCTION_BREAK;
    case CODE_NOT_NUMBER:
    default:
      return BAD_FUNCTION_NUMBER;
    }
  if (G_UNLIKELY (nd > 3))
    {
      if (lean)
        {
          if (nd > VV_LEDGER_MAX_CODE_DIGITS)
            return HAND_BACK;
          d->service = _vv_ledger_is_service_code (digits, nd);
          if (d->service && (self->function_code == VV_LEDGER_FUNCTION_CODE_EXACT
                             || self->function_code_example == NULL))
            return HAND_BACK;
        }
      else if ((d->why = _vv_ledger_service_code (st, digits, nd)) != NULL)
        return BAD_FUNCTION_SERVICE;
    }
  line->function = _vv_ledger_function_from_digits (digits, nd);

  /* Amount */
  FIELD (AMOUNT);
  if (!amount_fast (FS (AMOUNT), FL (AMOUNT), st->decimal, &line->amount_ore)
      && !vv_amount_parse (FS (AMOUNT), FL (AMOUNT), st->decimal, &line->amount_ore, &d->reason))
    return BAD_AMOUNT;

  /* Art */
  line->account_class = -1;
  FIELD (ART);
  if (FS (ART))
    switch (code_field (FS (ART), FL (ART), &digits, &nd))
      {
      case CODE_OK:
        d->digits = digits;
        d->nd = nd;
        /* a 14-digit "art" was read as art 0 */
        if (nd > VV_LEDGER_MAX_CODE_DIGITS)
          return BAD_ART_LENGTH;
        if (G_UNLIKELY (!_vv_ledger_art_from_digits (digits, nd, &line->art,
                                                     &line->account_class)))
          return BAD_ART_KOSTRA;
        if (!lean && nd < 16)
          {
            memcpy (art_code, digits, nd);
            art_code[nd] = '\0';
            line->art_code = art_code;
          }
        break;
      case CODE_EMPTY:
        break;
      case CODE_LINE_BREAK:
        return BAD_ART_BREAK;
      case CODE_NOT_NUMBER:
      default:
        return BAD_ART_NUMBER;
      }

  /* Kontoklasse column, amounts in 1000 kr: never split-only */
  if (!lean && G_UNLIKELY (st->col[VV_LEDGER_COLUMN_CLASS] >= 0 || st->thousands))
    if (!_vv_ledger_class_and_unit (st, FS (CLASS), FL (CLASS), line))
      return line->account_class == -2 ? BAD_CLASS : BAD_CLASS_AMOUNT;

  /* Year and period */
  FIELD (PERIOD);
  FIELD (YEAR);
  if (FS (PERIOD) && FL (PERIOD) > 0)
    {
      int y = 0, m = 0;

      if (!_vv_ledger_period (FS (PERIOD), FL (PERIOD), &y, &m))
        return BAD_PERIOD;
      line->year = y;
      line->period = m;
    }
  if (FS (YEAR) && FL (YEAR) > 0)
    {
      int y = 0, m = 0;

      if (!_vv_ledger_period (FS (YEAR), FL (YEAR), &y, &m) || y == 0)
        return BAD_YEAR;
      line->year = y;
      if (line->period == 0)
        line->period = m;
    }
  if (line->year == 0)
    line->year = st->default_year;
  if (line->year == 0)
    line->year = self->d_amount_year;
  if (line->year == 0)
    return BAD_NO_YEAR;
  return DECODED;
}

/* ------------------------------------------------------------ full reader */

/* Rejects the line for what decode_fields() found; a sum row is skipped. */
static void
reject_decoded (VvLedgerReadState *st,
                VvCsvFeeder       *f,
                Fields            *d,
                Decoded            what)
{
  switch (what)
    {
    case BAD_FUNCTION_EMPTY:
      if (is_sum_row (f))
        st->self->lines_skipped++;
      else
        reject (st, f, VV_LEDGER_COLUMN_FUNCTION, _("the function is missing"));
      break;
    case BAD_FUNCTION_BREAK:
      reject (st, f, VV_LEDGER_COLUMN_FUNCTION, _("line break inside a code field"));
      break;
    case BAD_FUNCTION_NUMBER:
      if (is_sum_row (f))
        st->self->lines_skipped++;
      else
        reject_value (st, f, VV_LEDGER_COLUMN_FUNCTION, _("not a function number: “%s”"),
                      d->fs[VV_LEDGER_COLUMN_FUNCTION], d->fl[VV_LEDGER_COLUMN_FUNCTION]);
      break;
    case BAD_FUNCTION_SERVICE:
      reject (st, f, VV_LEDGER_COLUMN_FUNCTION, "%s", d->why);
      break;
    case BAD_AMOUNT:
      {
        g_autofree char *shown = show_value (st, d->fs[VV_LEDGER_COLUMN_AMOUNT],
                                             d->fl[VV_LEDGER_COLUMN_AMOUNT]);

        reject (st, f, VV_LEDGER_COLUMN_AMOUNT, _("%s: “%s”"), d->reason, shown);
      }
      break;
    case BAD_ART_LENGTH:
      reject (st, f, VV_LEDGER_COLUMN_ART,
              _("the art code has %u digits; an art has 3 or 4 (a local art at most %u)"),
              (guint) d->nd, (guint) VV_LEDGER_MAX_CODE_DIGITS);
      break;
    case BAD_ART_KOSTRA:
      reject_value (st, f, VV_LEDGER_COLUMN_ART,
                    _("cannot tell the KOSTRA art in the art code “%s”: an art has 3 digits, "
                      "or 4 or 5 with the class first (1 drift, 0 or 3 investering, 2 balanse) "
                      "and a local digit last"), d->digits, d->nd);
      break;
    case BAD_ART_BREAK:
      reject (st, f, VV_LEDGER_COLUMN_ART, _("line break inside a code field"));
      break;
    case BAD_ART_NUMBER:
      reject_value (st, f, VV_LEDGER_COLUMN_ART, _("not an art number: “%s”"),
                    d->fs[VV_LEDGER_COLUMN_ART], d->fl[VV_LEDGER_COLUMN_ART]);
      break;
    case BAD_CLASS:
      reject_value (st, f, VV_LEDGER_COLUMN_CLASS,
                    _("not a kontoklasse (D or 1 drift, I or 0 investering): “%s”"),
                    d->fs[VV_LEDGER_COLUMN_CLASS], d->fl[VV_LEDGER_COLUMN_CLASS]);
      break;
    case BAD_CLASS_AMOUNT:
      reject_value (st, f, VV_LEDGER_COLUMN_AMOUNT, _("the amount is too large: “%s”"),
                    d->fs[VV_LEDGER_COLUMN_AMOUNT], d->fl[VV_LEDGER_COLUMN_AMOUNT]);
      break;
    case BAD_PERIOD:
      reject_value (st, f, VV_LEDGER_COLUMN_PERIOD, _("not a period: “%s”"),
                    d->fs[VV_LEDGER_COLUMN_PERIOD], d->fl[VV_LEDGER_COLUMN_PERIOD]);
      break;
    case BAD_YEAR:
      reject_value (st, f, VV_LEDGER_COLUMN_YEAR, _("not a year: “%s”"),
                    d->fs[VV_LEDGER_COLUMN_YEAR], d->fl[VV_LEDGER_COLUMN_YEAR]);
      break;
    case BAD_NO_YEAR:
      reject (st, f, st->col[VV_LEDGER_COLUMN_YEAR] >= 0 ? VV_LEDGER_COLUMN_YEAR
                                                         : VV_LEDGER_COLUMN_PERIOD,
              _("no year on this line"));
      break;
    case DECODED:
    case HAND_BACK:
    default:
      g_assert_not_reached ();
    }
}

void
_vv_ledger_read_parse_error_cb (VvCsvFeeder *f,
                                gpointer     data)
{
  VvLedgerReadState *st = data;
  g_autofree char *shown = NULL;

  if (f->start_line <= st->self->header_line)
    return;
  st->data_rows++;
  shown = show_value (st, f->raw, f->raw_len);
  reject (st, f, -1, _("misplaced quote character (\"): %s"), shown);
}

void
_vv_ledger_read_record_cb (VvCsvFeeder *f,
                           gpointer     data)
{
  VvLedgerReadState *st = data;
  VvLedgerReader *self = st->self;
  VvLedgerLine line = { 0, };
  Fields fields = { { NULL, }, };
  Fields *d = &fields;
  g_autofree char *why = NULL;
  char art_code[16];
  Decoded what;
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
          /* Fields after the named columns hold nothing read (an export's
           * unnamed extra columns); with a comma separator they are a
           * decimal comma or a comma in the text that shifted the row. */
          if (i < f->n_fields && st->sep == ',')
            {
              reject (st, f, -1, _("too many fields (%u, expected %u); a decimal comma or a "
                                   "comma in the text needs quotes, or use ; as separator"),
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

  for (guint k = 0; k < st->n_roles; k++)
    {
      int r = st->roles[k], c = st->col[r];

      if ((guint) c < f->n_fields)
        {
          d->fl[r] = f->fields[c].len;
          /* trimmed once: the feeder's one-pass path took the spaces and tabs
           * off, and a field before the line's first non-ASCII byte has no
           * other blank */
          if ((gssize) (f->fields[c].off + d->fl[r]) <= f->ascii_prefix)
            d->fs[r] = f->rec + f->fields[c].off;
          else
            d->fs[r] = _vv_ledger_trim_field (f->rec + f->fields[c].off, &d->fl[r]);
        }
    }

  line.line_no = f->start_line;
  what = decode_fields (st, f, NULL, d, &line, art_code, FALSE);
  why = d->why;
  if (what != DECODED)
    {
      reject_decoded (st, f, d, what);
      return;
    }

  /* Strings */
  {
    const char *ansvar = FS (ANSVAR) ? FS (ANSVAR) : "";
    const char *text = FS (TEXT) ? FS (TEXT) : "";
    const char *tjeneste = FS (FUNCTION);
    gboolean recode;

    gsize ascii, high_end;

    line_high_bytes (f, f->raw, f->raw_len, &ascii, &high_end);
    if (st->cp1252)
      recode = ascii < f->raw_len;
    else
      {
        recode = ascii < f->raw_len && !_vv_ledger_utf8_valid (f->raw + ascii, high_end - ascii);
        if (recode && self->lines_recoded++ == 0)
          self->first_recoded_line = f->start_line;
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

  line.region = FS (REGION);
  line.region_len = FL (REGION);
  if (!_vv_ledger_keep_line (st, line.year, line.region, line.region_len, 0))
    return;
  self->lines_read++;
  if (st->line_func && !st->line_func (&line, st->user_data))
    {
      st->stopped = TRUE;
      f->stop = TRUE;
    }
}

/* ------------------------------------------------------ split-only reading */

gboolean
_vv_ledger_read_split_record (VvCsvFeeder *f,
                              const char  *base,
                              const char  *raw,
                              gsize        raw_len,
                              gpointer     data)
{
  VvLedgerReadState *st = data;
  VvLedgerReader *self = st->self;
  VvLedgerLine line = { 0, };
  Fields fields;
  Fields *d = &fields;
  const gboolean lean = TRUE;
  const char *s;
  gsize n, ascii, high_end;
  gboolean recode;

  if (f->start_line <= self->header_line)
    return FALSE;
  if ((st->n_cols > 0 && f->n_fields != st->n_cols) || f->n_fields <= st->max_col)
    return FALSE;
  /* a field it reads holds a doubled quote: the full reader undoes it */
  if (G_UNLIKELY (f->escaped & st->split_cols))
    return FALSE;

  d->service = FALSE;
  if (decode_fields (st, f, base, d, &line, NULL, TRUE) != DECODED)
    return FALSE;

  /* Ansvar: the full reader recodes a line that is not UTF-8 (or every
   * non-ASCII line of a Windows-1252 file); an ASCII ansvar reads the same
   * either way, any other is left to it */
  s = lean_field (st, f, base, VV_LEDGER_COLUMN_ANSVAR, &n);
  if (s == NULL)
    s = "";
  if (n >= sizeof st->ansvar)
    return FALSE;
  line_high_bytes (f, raw, raw_len, &ascii, &high_end);
  if (st->cp1252)
    recode = ascii < raw_len;
  else
    recode = ascii < raw_len && !_vv_ledger_utf8_valid (raw + ascii, high_end - ascii);
  if (recode && !_vv_ledger_is_ascii (s, n))
    return FALSE;

  /* The line is read: the counters move as in _vv_ledger_read_record_cb() */
  st->data_rows++;
  if (d->service)
    {
      self->d_function_code = VV_LEDGER_FUNCTION_CODE_PREFIX;
      self->lines_service_code++;
    }
  if (recode && !st->cp1252 && self->lines_recoded++ == 0)
    self->first_recoded_line = f->start_line;
  FIELD (REGION);
  line.region = FS (REGION);
  line.region_len = FL (REGION);
  if (!_vv_ledger_keep_line (st, line.year, line.region, line.region_len, 0))
    return TRUE;
  self->lines_read++;

  memcpy (st->ansvar, s, n);
  st->ansvar[n] = '\0';
  line.line_no = f->start_line;
  line.ansvar = st->ansvar;
  line.tjeneste = "";
  line.text = "";
  line.raw = "";
  if (st->line_func && !st->line_func (&line, st->user_data))
    {
      st->stopped = TRUE;
      f->stop = TRUE;
    }
  return TRUE;
}

/* Offers the feeder's records to _vv_ledger_read_split_record() when the
 * layout lets it read them: a function and an amount column, no kontoklasse
 * column, amounts in kroner. */
void
_vv_ledger_read_split_setup (VvLedgerReadState *st,
                             VvCsvFeeder       *f)
{
  static const int roles[] = {
    VV_LEDGER_COLUMN_YEAR, VV_LEDGER_COLUMN_PERIOD, VV_LEDGER_COLUMN_ANSVAR,
    VV_LEDGER_COLUMN_FUNCTION, VV_LEDGER_COLUMN_ART, VV_LEDGER_COLUMN_AMOUNT,
    VV_LEDGER_COLUMN_REGION,
  };

  if (st->col[VV_LEDGER_COLUMN_FUNCTION] < 0 || st->col[VV_LEDGER_COLUMN_AMOUNT] < 0
      || st->col[VV_LEDGER_COLUMN_CLASS] >= 0 || st->thousands)
    return;
  st->split_cols = 0;
  for (guint k = 0; k < G_N_ELEMENTS (roles); k++)
    if (st->col[roles[k]] >= 64)
      st->split_cols = G_MAXUINT64;
    else if (st->col[roles[k]] >= 0)
      st->split_cols |= G_GUINT64_CONSTANT (1) << st->col[roles[k]];
  f->lean_func = _vv_ledger_read_split_record;
}

/**
 * _vv_ledger_reader_set_split_only:
 * @self: a reader
 * @split_only: whether the lines read are only split
 *
 * With %TRUE, the lines handed to the line callback by vv_ledger_reader_read()
 * and vv_ledger_reader_read_bytes() carry only what vv_split_add_line() reads:
 * line number, year, period, function, art, account class, amount and ansvar.
 * Their text, service code (`tjeneste`) and raw text are empty and the art code
 * is %NULL. Rejects, counters and every other value are the same as without.
 */
void
_vv_ledger_reader_set_split_only (VvLedgerReader *self,
                                  gboolean        split_only)
{
  g_return_if_fail (VV_IS_LEDGER_READER (self));
  self->split_only = split_only;
}
