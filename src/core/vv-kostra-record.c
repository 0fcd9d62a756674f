/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-kostra-record"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vv-ledger-reader-private.h"

/* KOSTRA extract records: one 48-character line each. */

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
gboolean
_vv_kostra_looks_like (const char *head,
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

/* A file whose first record looks like a KOSTRA record (skjema, a year,
 * no separators) but is not 48 characters long: auto-detection then
 * reports the KOSTRA problem instead of a CSV one. Sets the line and its
 * length. */
gboolean
_vv_kostra_wrong_length (const char *head,
                         gsize       len,
                         guint64    *line_no,
                         gsize      *line_len)
{
  const char *p = head, *e = head + len;
  guint64 line = 1;

  while (p < e && (*p == '\n' || *p == '\r'))
    {
      line += *p == '\n';
      p++;
    }
  if (p < e)
    {
      const char *nl = memchr (p, '\n', e - p);
      gsize n = nl != NULL ? (gsize) (nl - p) : (gsize) (e - p);

      if (n > 0 && p[n - 1] == '\r')
        n--;
      if (n == KOSTRA_LEN || n < 32 || n > 2 * KOSTRA_LEN || memchr (p, '\t', n) ||
          memchr (p, ';', n) || memchr (p, ',', n) || !is_digit (p[0]) || !g_ascii_isalpha (p[1]))
        return FALSE;
      for (int i = 2; i < 6; i++)
        if (!is_digit (p[i]))
          return FALSE;
      *line_no = line;
      *line_len = n;
      return TRUE;
    }
  return FALSE;
}

static const char *kostra_fields[] = {
  "skjema", "aargang", "kvartal", "region", "orgnr", "foretaksnr", "kontoklasse", "funksjon",
  "art", "belop",
};
static const int kostra_widths[] = { 2, 4, 1, 6, 9, 9, 1, 4, 3, 9 };

void
_vv_kostra_preview (VvLedgerReader *self,
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
          VvLedgerHeadRow *row = g_new0 (VvLedgerHeadRow, 1);
          gsize off = 0;

          row->line = line;
          row->cells = g_new0 (char *, G_N_ELEMENTS (kostra_fields) + 1);
          for (guint i = 0; i < G_N_ELEMENTS (kostra_fields); i++)
            {
              row->cells[i] = _vv_ledger_cp1252_dup (p + off, kostra_widths[i]);
              g_strstrip (row->cells[i]);
              off += kostra_widths[i];
            }
          g_ptr_array_add (self->preview, row);
        }
      line++;
      p = nl + 1;
    }
}

/* KOSTRA: one 48-character record per line. */
gboolean
_vv_kostra_line (VvLedgerReadState *st,
                 const char        *p,
                 gsize              n,
                 GError           **error)
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
          line.function = _vv_ledger_function_from_digits (digits, nd);
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
    line.art = _vv_ledger_digits_value (digits, nd);

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
  /* kvartal (pos 7): blank for the annual accounts; region (pos 8-13) */
  line.quarter = rec[6] >= '1' && rec[6] <= '4' ? rec[6] - '0' : 0;
  line.region = rec + 7;
  line.region_len = 6;
  if (!_vv_ledger_keep_line (st, line.year, line.region, line.region_len, line.quarter))
    return TRUE;
  if (_vv_ledger_is_ascii (rec, KOSTRA_LEN))
    {
      line.raw = rec;
      line.raw_len = KOSTRA_LEN;
      self->lines_read++;
      if (st->line_func && !st->line_func (&line, st->user_data))
        st->stopped = TRUE;
    }
  else
    {
      g_autofree char *u = _vv_ledger_cp1252_dup (rec, KOSTRA_LEN);
      g_autofree char *t = _vv_ledger_cp1252_dup (fn, strlen (fn));   /* unchecked for kontoklasse 2 */

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
    g_autofree char *shown = _vv_ledger_cp1252_dup (rec + 39, 9);
    g_autofree char *msg = g_strdup_printf (_("not a whole number of thousand kroner: “%s”"),
                                            shown);

    self->lines_rejected++;
    if (st->reject_func)
      st->reject_func (st->line, "belop", msg, st->user_data);
  }
  return TRUE;
}

gboolean
_vv_kostra_feed (VvLedgerReadState *st,
                 const char        *data,
                 gsize              len,
                 GError           **error)
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
          ok = _vv_kostra_line (st, st->carry, st->carry_len + n, error);
          st->carry_len = 0;
          if (!ok)
            return FALSE;
        }
      else if (!_vv_kostra_line (st, data + pos, n, error))
        return FALSE;
      st->line++;
      pos = (nl - data) + 1;
    }
  return TRUE;
}
