/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-ledger-reader"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vv-ledger-reader-private.h"
#include "vv-ledger-reader.h"
#include "vv-sheet-private.h"

/* The choices a real export may need (issue 13): which year and region of a
 * file that holds several, which of several amount columns, whether the
 * amounts are kroner or whole 1000 kr, and any column by its header. What
 * was chosen or found is kept on the reader, so that an import can record
 * where its figures come from. */

/* @sheet (consumed) as an error of the ledger reader, which reads sheets. */
void
_vv_ledger_sheet_error (GError **error,
                        GError  *sheet)
{
  static const VvLedgerError codes[] = {
    [VV_SHEET_ERROR_READ] = VV_LEDGER_ERROR_READ,
    [VV_SHEET_ERROR_NOT_SHEET] = VV_LEDGER_ERROR_NOT_TEXT,
    [VV_SHEET_ERROR_EMPTY] = VV_LEDGER_ERROR_EMPTY,
    [VV_SHEET_ERROR_CHOOSE] = VV_LEDGER_ERROR_SHEET,
    [VV_SHEET_ERROR_DAMAGED] = VV_LEDGER_ERROR_SHEET,
  };
  int code = VV_LEDGER_ERROR_SHEET;

  if (sheet->domain == VV_SHEET_ERROR && sheet->code >= 0 &&
      sheet->code < (int) G_N_ELEMENTS (codes))
    code = codes[sheet->code];
  g_set_error_literal (error, VV_LEDGER_ERROR, code, sheet->message);
  g_error_free (sheet);
}

void
_vv_ledger_reader_clear_choices (VvLedgerReader *self)
{
  g_clear_pointer (&self->region, g_free);
  g_clear_pointer (&self->seen_region, g_free);
  g_clear_pointer (&self->found_years, g_array_unref);
  g_clear_pointer (&self->found_regions, g_ptr_array_unref);
  for (int i = 0; i < VV_LEDGER_N_COLUMNS; i++)
    g_clear_pointer (&self->column_name[i], g_free);
  g_clear_pointer (&self->function_code_example, g_free);
}

/**
 * vv_ledger_reader_set_year:
 * @self: a reader
 * @year: the accounting year to read (`--year`), 0 for none
 *
 * Chooses the year: of a file holding several years only the lines of @year
 * are read (the others are counted as left out), lines without a year are
 * of @year, and of one amount column per year the one of @year is used.
 * Without a chosen year, a file holding several years is refused.
 */
void
vv_ledger_reader_set_year (VvLedgerReader *self,
                           int             year)
{
  g_return_if_fail (VV_IS_LEDGER_READER (self));
  g_return_if_fail (year >= 0);
  self->year = year;
}

/**
 * vv_ledger_reader_get_year:
 * @self: a reader
 *
 * Returns: the year chosen, else the one year of the lines last read, else 0
 */
int
vv_ledger_reader_get_year (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), 0);
  return self->year != 0 ? self->year : self->seen_year;
}

/**
 * vv_ledger_reader_set_region:
 * @self: a reader
 * @region: (nullable): the region (kommunenummer, `--region`) to read of a
 *   file holding several; %NULL for none
 */
void
vv_ledger_reader_set_region (VvLedgerReader *self,
                             const char     *region)
{
  g_return_if_fail (VV_IS_LEDGER_READER (self));
  if (region != NULL && *region == '\0')
    region = NULL;
  g_free (self->region);
  self->region = g_strdup (region);
}

/**
 * vv_ledger_reader_get_region:
 * @self: a reader
 *
 * Returns: (nullable) (transfer none): the region chosen, else the one
 *   region the lines last read name (a KOSTRA extract's, or a region
 *   column's), else %NULL
 */
const char *
vv_ledger_reader_get_region (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), NULL);
  return self->region != NULL ? self->region : self->seen_region;
}

/**
 * vv_ledger_reader_set_unit:
 * @self: a reader
 * @unit: %VV_LEDGER_UNIT_KR, %VV_LEDGER_UNIT_THOUSANDS (`--unit 1000kr`), or
 *   %VV_LEDGER_UNIT_AUTO to detect (a header that says "1000 kr"; a
 *   KOSTRA-shaped table of whole numbers is refused until one is chosen)
 *
 * KOSTRA extracts are always in whole 1000 kr.
 */
void
vv_ledger_reader_set_unit (VvLedgerReader *self,
                           VvLedgerUnit    unit)
{
  g_return_if_fail (VV_IS_LEDGER_READER (self));
  g_return_if_fail (unit <= VV_LEDGER_UNIT_THOUSANDS);
  self->unit = unit;
}

/**
 * vv_ledger_reader_get_unit:
 * @self: a reader
 *
 * Returns: the unit of the file's amounts: the one set, else the detected
 *   one; %VV_LEDGER_UNIT_AUTO when detection found it unclear
 */
VvLedgerUnit
vv_ledger_reader_get_unit (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), VV_LEDGER_UNIT_AUTO);
  if (vv_ledger_reader_get_format (self) == VV_LEDGER_FORMAT_KOSTRA)
    return VV_LEDGER_UNIT_THOUSANDS;
  if (self->unit != VV_LEDGER_UNIT_AUTO)
    return self->unit;
  return self->d_unit;
}

/**
 * vv_ledger_unit_to_string:
 * @unit: a unit
 *
 * Returns: (transfer none): "kr", "1000kr" (the `--unit` values, as stored
 *   with an import), or "auto"
 */
const char *
vv_ledger_unit_to_string (VvLedgerUnit unit)
{
  switch (unit)
    {
    case VV_LEDGER_UNIT_KR:
      return "kr";
    case VV_LEDGER_UNIT_THOUSANDS:
      return "1000kr";
    case VV_LEDGER_UNIT_AUTO:
    default:
      return "auto";
    }
}

/**
 * vv_ledger_reader_set_column_name:
 * @self: a reader
 * @role: a column role
 * @header: (nullable): the header of the column to use for @role, as in
 *   the file or the same once case, spaces and punctuation are folded
 *   (`--column ROLE=HEADER`, `--amount-column HEADER`); %NULL to detect
 *
 * A column chosen by its header wins over detection; a header the file
 * does not have is an error naming the columns it has.
 */
void
vv_ledger_reader_set_column_name (VvLedgerReader *self,
                                  VvLedgerColumn  role,
                                  const char     *header)
{
  g_return_if_fail (VV_IS_LEDGER_READER (self));
  g_return_if_fail (role < VV_LEDGER_N_COLUMNS);
  if (header != NULL && *header == '\0')
    header = NULL;
  g_free (self->column_name[role]);
  self->column_name[role] = g_strdup (header);
}

/**
 * vv_ledger_reader_get_column_name:
 * @self: a reader
 * @role: a column role
 *
 * Returns: (nullable) (transfer none): the header set for @role with
 *   vv_ledger_reader_set_column_name(), or %NULL
 */
const char *
vv_ledger_reader_get_column_name (VvLedgerReader *self,
                                  VvLedgerColumn  role)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), NULL);
  g_return_val_if_fail (role < VV_LEDGER_N_COLUMNS, NULL);
  return self->column_name[role];
}

/**
 * vv_ledger_reader_get_amount_column_name:
 * @self: a reader
 *
 * Returns: (nullable) (transfer none): the header of the column the amounts
 *   are read from, as in the file (e.g. "Regnskap 2024"); %NULL for a KOSTRA
 *   extract or a file without a header
 */
const char *
vv_ledger_reader_get_amount_column_name (VvLedgerReader *self)
{
  int c;

  g_return_val_if_fail (VV_IS_LEDGER_READER (self), NULL);
  if (vv_ledger_reader_get_format (self) == VV_LEDGER_FORMAT_KOSTRA)
    return NULL;
  c = vv_ledger_reader_get_column (self, VV_LEDGER_COLUMN_AMOUNT);
  if (c < 0 || (guint) c >= self->header->len)
    return NULL;
  return g_ptr_array_index (self->header, c);
}

/* Region codes compare without a trailing "00": 4601 is 460100. */
static gsize
region_stem (const char *s,
             gsize       len)
{
  while (len > 4 && len % 2 == 0 && s[len - 1] == '0' && s[len - 2] == '0')
    len -= 2;
  return len;
}

/*
 * _vv_ledger_same_region:
 *
 * Whether two region codes are one region as the reader compares them
 * (4601 is 460100); the survey answers a region choice by the same test.
 */
gboolean
_vv_ledger_same_region (const char *a,
                        gsize       la,
                        const char *b,
                        gsize       lb)
{
  la = region_stem (a, la);
  lb = region_stem (b, lb);
  return la == lb && memcmp (a, b, la) == 0;
}

gboolean
_vv_ledger_keep_line_slow (VvLedgerReadState *st,
                           int                year,
                           const char        *region,
                           gsize              region_len,
                           int                quarter)
{
  VvLedgerReader *self = st->self;
  guint i;

  if (year != 0 && (year != st->last_year || st->n_years == 0))
    {
      st->last_year = year;
      for (i = 0; i < st->n_years && st->years[i] != year; i++)
        ;
      if (i == st->n_years)
        {
          if (i < G_N_ELEMENTS (st->years))
            st->years[st->n_years++] = year;
          else
            st->more_years = TRUE;
        }
    }
  if (quarter >= 0 && quarter <= 4)
    st->quarters |= 1u << quarter;
  if (region != NULL)
    {
      while (region_len > 0 && region[0] == ' ')
        region++, region_len--;
      while (region_len > 0 && region[region_len - 1] == ' ')
        region_len--;
    }
  if (region != NULL && region_len > 0)
    {
      const char *last = st->n_regions > 0 ? st->regions[st->last_region] : NULL;

      if (last == NULL || !_vv_ledger_same_region (last, strlen (last), region, region_len))
        {
          for (i = 0; i < st->n_regions; i++)
            if (_vv_ledger_same_region (st->regions[i], strlen (st->regions[i]), region, region_len))
              break;
          if (i == st->n_regions)
            {
              if (i < G_N_ELEMENTS (st->regions) && region_len < sizeof st->regions[0])
                {
                  memcpy (st->regions[i], region, region_len);
                  st->regions[i][region_len] = '\0';
                  st->n_regions++;
                }
              else
                st->more_regions = TRUE;
            }
          if (i < st->n_regions)
            st->last_region = i;
        }
      if (self->region != NULL && !_vv_ledger_same_region (self->region, strlen (self->region),
                                                region, region_len))
        {
          self->lines_other++;
          return FALSE;
        }
    }
  if (self->year != 0 && year != 0 && year != self->year)
    {
      self->lines_other++;
      return FALSE;
    }
  return TRUE;
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

static char *
years_list (VvLedgerReadState *st)
{
  GString *s = g_string_new (NULL);

  qsort (st->years, st->n_years, sizeof (int), compare_ints);
  for (guint i = 0; i < st->n_years; i++)
    g_string_append_printf (s, "%s%d", i ? ", " : "", st->years[i]);
  if (st->more_years)
    g_string_append (s, ", …");
  return g_string_free (s, FALSE);
}

static char *
regions_list (VvLedgerReadState *st)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < st->n_regions; i++)
    {
      /* a region is what the file says, any bytes: show it as text */
      g_autofree char *shown = g_utf8_make_valid (st->regions[i], -1);

      g_string_append_printf (s, "%s%s", i ? ", " : "", shown);
    }
  if (st->more_regions)
    g_string_append (s, ", …");
  return g_string_free (s, FALSE);
}

/* What the import dialog offers to choose from. */
static void
note_found (VvLedgerReader    *self,
            VvLedgerReadState *st)
{
  g_clear_pointer (&self->found_years, g_array_unref);
  g_clear_pointer (&self->found_regions, g_ptr_array_unref);
  self->found_years = g_array_sized_new (FALSE, FALSE, sizeof (int), st->n_years);
  qsort (st->years, st->n_years, sizeof (int), compare_ints);
  g_array_append_vals (self->found_years, st->years, st->n_years);
  self->found_regions = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < st->n_regions; i++)
    g_ptr_array_add (self->found_regions, g_utf8_make_valid (st->regions[i], -1));
}

/**
 * _vv_ledger_check_choices:
 * @st: the read just finished
 * @error: return location for a #GError
 *
 * Notes the one year, region and quarter the file holds, and refuses a file
 * that holds several of them when none was chosen (they would be summed
 * under one heading), or that holds none of the year or region chosen.
 *
 * Returns: %FALSE with @error set when the file is refused
 */
gboolean
_vv_ledger_check_choices (VvLedgerReadState *st,
                          GError           **error)
{
  VvLedgerReader *self = st->self;
  guint n_quarters = 0;
  int quarter = 0;

  self->seen_year = st->n_years == 1 && !st->more_years ? st->years[0] : 0;
  g_clear_pointer (&self->seen_region, g_free);
  if (st->n_regions == 1 && !st->more_regions)
    self->seen_region = g_utf8_make_valid (st->regions[0], -1);
  for (int q = 0; q <= 4; q++)
    if (st->quarters & (1u << q))
      {
        n_quarters++;
        quarter = q;
      }
  self->seen_quarter = n_quarters == 1 ? quarter : 0;
  note_found (self, st);

  if (self->year == 0 && (st->n_years > 1 || st->more_years))
    {
      g_autofree char *list = years_list (st);

      g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_SEVERAL,
                   _("%s: the file holds several years (%s); choose one (--year YYYY)"),
                   st->name, list);
      return FALSE;
    }
  if (self->region == NULL && (st->n_regions > 1 || st->more_regions))
    {
      g_autofree char *list = regions_list (st);

      g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_SEVERAL,
                   _("%s: the file holds several regions (%s); choose one (--region CODE)"),
                   st->name, list);
      return FALSE;
    }
  if (n_quarters > 1)
    {
      GString *s = g_string_new (NULL);
      g_autofree char *list = NULL;

      for (int q = 0; q <= 4; q++)
        if (st->quarters & (1u << q))
          {
            if (s->len > 0)
              g_string_append (s, ", ");
            if (q == 0)
              g_string_append (s, _("annual"));
            else
              g_string_append_printf (s, "%d", q);
          }
      list = g_string_free (s, FALSE);
      g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_SEVERAL,
                   _("%s: the file holds several quarters (%s); a quarter's figures are the "
                     "year so far, so read one file per quarter"), st->name, list);
      return FALSE;
    }
  if (self->lines_read == 0 && self->lines_other > 0)
    {
      g_autofree char *years = years_list (st);
      g_autofree char *regions = regions_list (st);

      if (self->year != 0 && st->n_years > 0 && self->seen_year != self->year)
        {
          gboolean found = FALSE;

          for (guint i = 0; i < st->n_years; i++)
            found |= st->years[i] == self->year;
          if (!found)
            {
              g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_SEVERAL,
                           _("%s: no lines of %d; the file holds %s"), st->name, self->year,
                           years);
              return FALSE;
            }
        }
      g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_SEVERAL,
                   _("%s: no lines of region %s; the file holds %s"), st->name, self->region,
                   regions);
      return FALSE;
    }
  return TRUE;
}

/**
 * vv_ledger_reader_get_quarter:
 * @self: a reader
 *
 * Returns: the quarter (1-4) of the quarterly KOSTRA extract last read
 *   (its figures are the year so far), or 0 for annual accounts
 */
int
vv_ledger_reader_get_quarter (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), 0);
  return self->seen_quarter;
}

/**
 * vv_ledger_reader_get_lines_other:
 * @self: a reader
 *
 * Returns: the lines of the last read left out because they are of another
 *   year or region than the one chosen
 */
guint64
vv_ledger_reader_get_lines_other (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), 0);
  return self->lines_other;
}

/**
 * _vv_ledger_class_and_unit:
 * @st: the read
 * @klass: (nullable): the kontoklasse field, trimmed
 * @klass_len: its length
 * @line: the line being read: its account class is set from @klass, and
 *   its amount multiplied by 1000 when the file is in whole 1000 kr
 *
 * Off the common path: only for files with a kontoklasse column or in
 * 1000 kr. A kontoklasse column wins over the class digit of the art.
 *
 * Returns: %FALSE when the line is to be rejected: account_class is then
 *   -2 for a bad kontoklasse, else the amount overflowed
 */
gboolean
_vv_ledger_class_and_unit (VvLedgerReadState *st,
                           const char        *klass,
                           gsize              klass_len,
                           VvLedgerLine      *line)
{
  if (klass != NULL && klass_len > 0)
    {
      g_autofree char *k = g_ascii_strdown (klass, klass_len);

      if (g_str_equal (k, "d") || g_str_equal (k, "1") || g_str_equal (k, "drift") ||
          g_str_equal (k, "3"))
        line->account_class = 1;
      else if (g_str_equal (k, "i") || g_str_equal (k, "0") || g_str_equal (k, "4") ||
               g_str_has_prefix (k, "inv"))
        line->account_class = 0;
      else if (g_str_equal (k, "b") || g_str_equal (k, "2") || g_str_equal (k, "5") ||
               g_str_has_prefix (k, "bal"))
        line->account_class = 2;
      else
        {
          line->account_class = -2;
          return FALSE;
        }
    }
  if (st->thousands)
    {
      if (line->amount_ore > G_MAXINT64 / 1000 || line->amount_ore < -(G_MAXINT64 / 1000))
        return FALSE;
      line->amount_ore *= 1000;
    }
  return TRUE;
}

/**
 * vv_ledger_reader_set_sheet:
 * @self: a reader
 * @sheet: (nullable): the sheet of a spreadsheet to read, by name; %NULL for
 *   the only sheet that holds data
 */
void
vv_ledger_reader_set_sheet (VvLedgerReader *self,
                            const char     *sheet)
{
  g_return_if_fail (VV_IS_LEDGER_READER (self));
  g_free (self->sheet);
  self->sheet = g_strdup (sheet);
}

/**
 * vv_ledger_reader_get_sheet:
 * @self: a reader
 *
 * Returns: (nullable): the sheet read from the last spreadsheet, or %NULL
 *   when the file was not a spreadsheet
 */
const char *
vv_ledger_reader_get_sheet (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), NULL);
  return self->sheet_names ? self->d_sheet : NULL;
}

/**
 * vv_ledger_reader_get_sheet_names:
 * @self: a reader
 *
 * Returns: (transfer none) (nullable) (element-type utf8): the names of the
 *   last spreadsheet's sheets, or %NULL when the file was not a spreadsheet
 */
GPtrArray *
vv_ledger_reader_get_sheet_names (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), NULL);
  return self->sheet_names;
}

/* UTF-16 ("Unicode text" from Excel): a byte-order mark, or a NUL in every
 * other byte of a head of ASCII text. 'L', 'B' or 0. */
static int
utf16_kind (const char *head,
            gsize       len)
{
  const guchar *u = (const guchar *) head;
  gsize even = 0, odd = 0, n = MIN (len, 1024) & ~(gsize) 1;

  if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
    return 'L';
  if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
    return 'B';
  if (n < 8)
    return 0;
  for (gsize i = 0; i < n; i++)
    if (u[i] == 0)
      {
        if (i % 2)
          odd++;
        else
          even++;
      }
  if (odd * 10 >= n * 4 && even * 20 < n)
    return 'L';
  if (even * 10 >= n * 4 && odd * 20 < n)
    return 'B';
  return 0;
}

gboolean
_vv_ledger_looks_utf16 (VvLedgerReader *self,
                        const char     *head,
                        gsize           len)
{
  return self->format != VV_LEDGER_FORMAT_KOSTRA && utf16_kind (head, len) != 0;
}

/* @data (UTF-16, with or without a byte-order mark) in UTF-8; a piece cut
 * inside a character pair at the end is left off. */
char *
_vv_ledger_from_utf16 (const char  *data,
                       gsize        len,
                       const char  *name,
                       gsize       *out_len,
                       GError     **error)
{
  g_autoptr(GError) local = NULL;
  int kind = utf16_kind (data, len);
  const guchar *u = (const guchar *) data;
  gsize bom = len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))
              ? 2 : 0;
  char *out;

  len &= ~(gsize) 1;
  if (len >= bom + 2)
    {
      guchar hi = kind == 'L' ? u[len - 1] : u[len - 2];

      if (hi >= 0xD8 && hi <= 0xDB)
        len -= 2;
    }
  out = g_convert (data + bom, len - bom, "UTF-8", kind == 'L' ? "UTF-16LE" : "UTF-16BE",
                   NULL, out_len, &local);
  if (out == NULL)
    g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_ENCODING,
                 _("%s: the file looks like UTF-16 text, but cannot be converted: %s"),
                 name ? name : "", local->message);
  else
    g_debug ("%s: converted from UTF-16%s", name ? name : "", kind == 'L' ? "LE" : "BE");
  return out;
}

/* Streaming UTF-16 → UTF-8 (Excel's "Unicode text"): each chunk is
 * converted as it is read, so a 1 GB export needs no more memory than a
 * chunk. A code unit cut by a chunk's end (an odd byte) and a high surrogate
 * whose low half is in the next chunk are carried over. */
struct _VvLedgerUtf16
{
  gboolean  big;          /* UTF-16BE */
  gboolean  started;      /* the byte-order mark is behind us */
  int       odd;          /* a byte carried over, or -1 */
  guint     high;         /* a high surrogate carried over, or 0 */
  guint64   offset;       /* bytes of the file converted */
  char     *out;
  gsize     cap;
};

VvLedgerUtf16 *
_vv_ledger_utf16_new (const char *head,
                      gsize       len)
{
  VvLedgerUtf16 *u = g_new0 (VvLedgerUtf16, 1);

  u->big = utf16_kind (head, len) == 'B';
  u->odd = -1;
  return u;
}

void
_vv_ledger_utf16_free (VvLedgerUtf16 *u)
{
  if (u == NULL)
    return;
  g_free (u->out);
  g_free (u);
}

static inline char *
put_utf8 (char  *o,
          guint  c)
{
  if (c < 0x80)
    *o++ = (char) c;
  else if (c < 0x800)
    {
      *o++ = (char) (0xC0 | (c >> 6));
      *o++ = (char) (0x80 | (c & 0x3F));
    }
  else if (c < 0x10000)
    {
      *o++ = (char) (0xE0 | (c >> 12));
      *o++ = (char) (0x80 | ((c >> 6) & 0x3F));
      *o++ = (char) (0x80 | (c & 0x3F));
    }
  else
    {
      *o++ = (char) (0xF0 | (c >> 18));
      *o++ = (char) (0x80 | ((c >> 12) & 0x3F));
      *o++ = (char) (0x80 | ((c >> 6) & 0x3F));
      *o++ = (char) (0x80 | (c & 0x3F));
    }
  return o;
}

/* Converts the next @len bytes of the file; *@out is valid until the next
 * call. At the end (@len 0) a carried-over odd byte is left off, as a file
 * cut inside a character is; a lone surrogate is an error. Returns the
 * number of UTF-8 bytes, or -1 with @error. */
gssize
_vv_ledger_utf16_next (VvLedgerUtf16  *u,
                       const char     *in,
                       gsize           len,
                       const char    **out,
                       const char     *name,
                       GError        **error)
{
  const guchar *p = (const guchar *) in, *e = p + len;
  gsize need = (len / 2 + 2) * 3;
  char *o;

  if (need > u->cap)
    {
      u->cap = need;
      u->out = g_realloc (u->out, u->cap);
    }
  o = u->out;
  if (!u->started && len >= 2)
    {
      u->started = TRUE;
      if ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))
        p += 2;
    }
  while (TRUE)
    {
      guint c;

      if (G_UNLIKELY (u->odd >= 0))
        {
          if (p == e)
            break;
          c = u->big ? ((guint) u->odd << 8) | p[0] : ((guint) p[0] << 8) | (guint) u->odd;
          p++;
          u->odd = -1;
        }
      else if (e - p >= 2)
        {
          c = u->big ? ((guint) p[0] << 8) | p[1] : ((guint) p[1] << 8) | p[0];
          p += 2;
        }
      else
        {
          if (p < e)
            u->odd = *p++;
          break;
        }

      if (G_LIKELY (c < 0x80 && u->high == 0))
        {
          *o++ = (char) c;
          continue;
        }
      if (u->high != 0)
        {
          if (c < 0xDC00 || c > 0xDFFF)
            goto bad;
          c = 0x10000 + ((u->high - 0xD800) << 10) + (c - 0xDC00);
          u->high = 0;
        }
      else if (c >= 0xD800 && c <= 0xDBFF)
        {
          u->high = c;
          continue;
        }
      else if (c >= 0xDC00 && c <= 0xDFFF)
        goto bad;
      o = put_utf8 (o, c);
    }
  if (len == 0 && u->high != 0)
    goto bad;
  u->offset += len;
  *out = u->out;
  return o - u->out;

bad:
  {
    guint64 at = u->offset + (guint64) ((const char *) p - in);

    g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_ENCODING,
                 _("%s: the file looks like UTF-16 text, but cannot be converted: a broken "
                   "character pair (surrogate) before byte %llu"),
                 name ? name : "", (unsigned long long) at);
    return -1;
  }
}

/* Local service codes (ledger-import-notes.md §43): ERPs such as Visma and
 * Bergen's book on a 4-5 digit tjeneste whose first three digits are the
 * KOSTRA function (25410 → 254). That is read so unless the user says the
 * column holds functions only, and always said: the reader notes the shape
 * and a code seen, for the import dialog and the ledger page. */

static void
note_service_code (VvLedgerReader *self,
                   const char     *d,
                   gsize           n)
{
  self->d_function_code = VV_LEDGER_FUNCTION_CODE_PREFIX;
  if (self->function_code_example == NULL)
    self->function_code_example = g_strndup (d, n);
}

/* The function column's codes in the preview: service codes or functions. */
void
_vv_ledger_detect_function_code (VvLedgerReader *self,
                                 GPtrArray      *rows,
                                 int             header_idx)
{
  int col = vv_ledger_reader_get_column (self, VV_LEDGER_COLUMN_FUNCTION);

  self->d_function_code = VV_LEDGER_FUNCTION_CODE_EXACT;
  g_clear_pointer (&self->function_code_example, g_free);
  for (guint i = header_idx + 1; col >= 0 && i < rows->len; i++)
    {
      VvLedgerHeadRow *row = g_ptr_array_index (rows, i);
      const char *d;
      gsize n;

      if ((guint) col < g_strv_length (row->cells)
          && code_digits (row->cells[col], strlen (row->cells[col]), &d, &n) == CODE_OK
          && _vv_ledger_is_service_code (d, n))
        {
          note_service_code (self, d, n);
          return;
        }
    }
}

/* A function code of more than 3 digits on a line: NULL when it is read
 * (by its first three digits), else why not. */
char *
_vv_ledger_service_code (VvLedgerReadState *st,
                         const char        *digits,
                         gsize              n)
{
  VvLedgerReader *self = st->self;

  if (n > VV_LEDGER_MAX_CODE_DIGITS)
    /* a longer code is no function: "99999999999999999999" was booked on 999 */
    return g_strdup_printf (_("the function code has %u digits; a function has 3 (a service "
                              "code at most %u)"), (guint) n, (guint) VV_LEDGER_MAX_CODE_DIGITS);
  if (!_vv_ledger_is_service_code (digits, n))
    return NULL;
  if (self->function_code == VV_LEDGER_FUNCTION_CODE_EXACT)
    return g_strdup_printf (_("“%.*s” is not a function (3 digits); if it is a service code "
                              "whose first three digits are the function, say so "
                              "(--function-code prefix)"), (int) n, digits);
  if (G_UNLIKELY (self->function_code_example == NULL))
    note_service_code (self, digits, n);
  self->d_function_code = VV_LEDGER_FUNCTION_CODE_PREFIX;
  self->lines_service_code++;
  return NULL;
}

/**
 * vv_ledger_reader_set_function_code:
 * @self: a reader
 * @mode: how to read function codes of more than three digits
 *
 * %VV_LEDGER_FUNCTION_CODE_PREFIX reads a local service code (tjeneste,
 * 4-8 digits, e.g. `25410`) as the KOSTRA function of its first three
 * digits (254); %VV_LEDGER_FUNCTION_CODE_EXACT takes the column to hold
 * functions only, and a longer code is a line that cannot be read (choose
 * another column then). %VV_LEDGER_FUNCTION_CODE_AUTO (the default) reads
 * them as %VV_LEDGER_FUNCTION_CODE_PREFIX does, and says so through
 * vv_ledger_reader_get_function_code().
 */
void
vv_ledger_reader_set_function_code (VvLedgerReader       *self,
                                    VvLedgerFunctionCode  mode)
{
  g_return_if_fail (VV_IS_LEDGER_READER (self));
  g_return_if_fail (mode <= VV_LEDGER_FUNCTION_CODE_PREFIX);
  self->function_code = mode;
}

/**
 * vv_ledger_reader_get_function_code:
 * @self: a reader
 *
 * Returns: the mode set, or else what the last detect or read found:
 *   %VV_LEDGER_FUNCTION_CODE_PREFIX when the function column holds service
 *   codes longer than a function (read by their first three digits),
 *   %VV_LEDGER_FUNCTION_CODE_EXACT when it holds functions
 */
VvLedgerFunctionCode
vv_ledger_reader_get_function_code (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), VV_LEDGER_FUNCTION_CODE_AUTO);
  if (self->function_code != VV_LEDGER_FUNCTION_CODE_AUTO)
    return self->function_code;
  return self->d_function_code;
}

/**
 * vv_ledger_reader_get_function_code_choice:
 * @self: a reader
 *
 * Unlike vv_ledger_reader_get_function_code(), what was set and nothing
 * detected: for a copy of the reader that reads further than the detect
 * did, and for telling a user's choice from the reader's own reading.
 *
 * Returns: the mode set with vv_ledger_reader_set_function_code(),
 *   %VV_LEDGER_FUNCTION_CODE_AUTO when none was
 */
VvLedgerFunctionCode
vv_ledger_reader_get_function_code_choice (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), VV_LEDGER_FUNCTION_CODE_AUTO);
  return self->function_code;
}

/**
 * vv_ledger_reader_get_function_code_example:
 * @self: a reader
 *
 * Returns: (nullable): a service code of more than three digits the last
 *   detect or read met in the function column (e.g. "25410"), for showing
 *   "25410 → 254"; %NULL when there was none
 */
const char *
vv_ledger_reader_get_function_code_example (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), NULL);
  return self->function_code_example;
}

/**
 * vv_ledger_reader_get_lines_service_code:
 * @self: a reader
 *
 * Returns: the lines of the last read whose function was taken from the
 *   first three digits of a longer service code
 */
guint64
vv_ledger_reader_get_lines_service_code (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), 0);
  return self->lines_service_code;
}

/**
 * vv_ledger_reader_get_years_found:
 * @self: a reader
 * @n_years: (out): how many
 *
 * The years the last read that went to the end of the file met, whether it
 * was refused for holding several or read only the one chosen; the first
 * few when the file holds many.
 *
 * Returns: (transfer none) (array length=n_years) (nullable): the years,
 *   in order; %NULL before such a read
 */
const int *
vv_ledger_reader_get_years_found (VvLedgerReader *self,
                                  guint          *n_years)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), NULL);
  g_return_val_if_fail (n_years != NULL, NULL);
  *n_years = self->found_years != NULL ? self->found_years->len : 0;
  return self->found_years != NULL ? (const int *) (gpointer) self->found_years->data : NULL;
}

/**
 * vv_ledger_reader_get_regions_found:
 * @self: a reader
 *
 * Returns: (transfer none) (nullable) (element-type utf8): the regions the
 *   last read to the end of the file met, as the file writes them; %NULL
 *   before such a read
 */
GPtrArray *
vv_ledger_reader_get_regions_found (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), NULL);
  return self->found_regions;
}
