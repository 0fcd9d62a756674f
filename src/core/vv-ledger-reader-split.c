/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-ledger-reader"

#include "config.h"

#include <string.h>

#include "vv-ledger-reader-private.h"
#include "vv-ledger-reader.h"

/* Split-only reading (issue 13, item 6). The split reads a line's year,
 * ansvar, function, art and amount; the import also keeps its raw text,
 * text, service code and art code. When the caller says it only splits,
 * the CSV feeder offers each record here before copying it: its fields are
 * read where they stand in the file's chunk, only the split's columns are
 * decoded, and nothing is copied but the ansvar.
 *
 * Only a line that the full reader (read_record_cb() in vv-ledger-reader.c)
 * would hand on unchanged is taken here, with the same values and the same
 * counters. Anything else — a short or long row, a field it would reject or
 * look at twice, a sum row, an ansvar to recode, the first service code, a
 * kontoklasse column or amounts in 1000 kr — is handed back before any
 * counter moves, and the full reader reads it as always, with its messages. */

/* A field, trimmed as read_record_cb() trims it. */
static inline const char *
split_field (VvCsvFeeder *f,
             const char  *base,
             int          c,
             gsize       *len)
{
  const guchar *p = (const guchar *) base + f->fields[c].off;
  const guchar *e = p + f->fields[c].len;

  /* the feeder took the spaces and tabs off; a field before the line's
   * first non-ASCII byte has no other blank */
  if ((gssize) (f->fields[c].off + f->fields[c].len) > f->ascii_prefix)
    trim_blanks (&p, &e);
  *len = e - p;
  return (const char *) p;
}

/* The usual amount — an optional '-', 1 to 15 digits, grouped in threes by
 * single spaces or not at all, then the decimal mark and one or two digits
 * or nothing — to øre, as vv_amount_parse() reads it; FALSE for any other
 * form, which vv_amount_parse() then reads. */
static inline gboolean
split_amount (const char *s,
              gsize       n,
              char        mark,
              gint64     *ore)
{
  const guchar *p = (const guchar *) s, *e = p + n;
  gint64 v = 0, cents = 0;
  int nd = 0, run = 0;
  gboolean grouped = FALSE, negative;

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
  if (p == e || !is_digit (*p) || !is_digit (e[-1]))
    return FALSE;
  for (; p < e; p++)
    {
      guint d = *p - '0';

      if (d <= 9)
        {
          if (nd == 15)
            return FALSE;     /* longer: vv_amount_parse() checks the range */
          v = v * 10 + d;
          nd++;
          run++;
        }
      else if (*p == ' ' && run <= 3 && (!grouped || run == 3))
        {
          grouped = TRUE;
          run = 0;
        }
      else
        return FALSE;
    }
  if (grouped && run != 3)
    return FALSE;
  *ore = negative ? -(v * 100 + cents) : v * 100 + cents;
  return TRUE;
}

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
  const char *s, *digits, *reason, *region = NULL;
  gsize n, nd, region_len = 0, ascii;
  gboolean service = FALSE, recode;
  int c;

  if (f->start_line <= self->header_line)
    return FALSE;
  if ((st->n_cols > 0 && f->n_fields != st->n_cols) || f->n_fields <= st->max_col)
    return FALSE;
  /* a field it reads holds a doubled quote: the full reader undoes it */
  if (G_UNLIKELY (f->escaped & st->split_cols))
    return FALSE;

  /* Function */
  s = split_field (f, base, st->col[VV_LEDGER_COLUMN_FUNCTION], &n);
  if (code_field (s, n, &digits, &nd) != CODE_OK)
    return FALSE;
  if (G_UNLIKELY (nd > 3))
    {
      if (nd > VV_LEDGER_MAX_CODE_DIGITS)
        return FALSE;
      service = _vv_ledger_is_service_code (digits, nd);
      if (service && (self->function_code == VV_LEDGER_FUNCTION_CODE_EXACT
                      || self->function_code_example == NULL))
        return FALSE;
    }
  line.function = _vv_ledger_function_from_digits (digits, nd);

  /* Amount */
  s = split_field (f, base, st->col[VV_LEDGER_COLUMN_AMOUNT], &n);
  if (!split_amount (s, n, st->decimal, &line.amount_ore)
      && !vv_amount_parse (s, n, st->decimal, &line.amount_ore, &reason))
    return FALSE;

  /* Art */
  line.account_class = -1;
  if ((c = st->col[VV_LEDGER_COLUMN_ART]) >= 0)
    {
      s = split_field (f, base, c, &n);
      switch (code_field (s, n, &digits, &nd))
        {
        case CODE_OK:
          if (nd > VV_LEDGER_MAX_CODE_DIGITS
              || !_vv_ledger_art_from_digits (digits, nd, &line.art, &line.account_class))
            return FALSE;
          break;
        case CODE_EMPTY:
          break;
        case CODE_NOT_NUMBER:
        case CODE_LINE_BREAK:
        default:
          return FALSE;
        }
    }

  /* Year and period */
  if ((c = st->col[VV_LEDGER_COLUMN_PERIOD]) >= 0)
    {
      s = split_field (f, base, c, &n);
      if (n > 0 && !_vv_ledger_period (s, n, &line.year, &line.period))
        return FALSE;
    }
  if ((c = st->col[VV_LEDGER_COLUMN_YEAR]) >= 0)
    {
      int y = 0, m = 0;

      s = split_field (f, base, c, &n);
      if (n > 0)
        {
          if (!_vv_ledger_period (s, n, &y, &m) || y == 0)
            return FALSE;
          line.year = y;
          if (line.period == 0)
            line.period = m;
        }
    }
  if (line.year == 0)
    line.year = st->default_year;
  if (line.year == 0)
    line.year = self->d_amount_year;
  if (line.year == 0)
    return FALSE;

  /* Ansvar: the full reader recodes a line that is not UTF-8 (or every
   * non-ASCII line of a Windows-1252 file); an ASCII ansvar reads the same
   * either way, any other is left to it */
  s = "";
  n = 0;
  if ((c = st->col[VV_LEDGER_COLUMN_ANSVAR]) >= 0)
    s = split_field (f, base, c, &n);
  if (n >= sizeof st->ansvar)
    return FALSE;
  ascii = f->ascii_prefix >= 0 ? (gsize) f->ascii_prefix : _vv_ledger_ascii_prefix (raw, raw_len);
  if (st->cp1252)
    recode = ascii < raw_len;
  else
    recode = ascii < raw_len && !_vv_ledger_utf8_valid (raw + ascii, raw_len - ascii);
  if (recode && !_vv_ledger_is_ascii (s, n))
    return FALSE;

  if ((c = st->col[VV_LEDGER_COLUMN_REGION]) >= 0)
    region = split_field (f, base, c, &region_len);

  /* The line is read: the counters move as in read_record_cb() */
  st->data_rows++;
  if (service)
    {
      self->d_function_code = VV_LEDGER_FUNCTION_CODE_PREFIX;
      self->lines_service_code++;
    }
  if (recode && !st->cp1252 && self->lines_recoded++ == 0)
    self->first_recoded_line = f->start_line;
  line.region = region;
  line.region_len = region_len;
  if (!_vv_ledger_keep_line (st, line.year, region, region_len, 0))
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
