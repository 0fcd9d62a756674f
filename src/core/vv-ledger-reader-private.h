/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-ledger-reader-private.h: what the parts of the ledger reader share —
 * the CSV feeder (vv-csv-feeder.c), layout and header detection
 * (vv-ledger-layout.c), amount/period/code parsing (vv-ledger-parse.c),
 * KOSTRA 48-character records (vv-kostra-record.c), a CSV record to a line
 * (vv-ledger-record.c) and the driver (vv-ledger-reader.c). Not installed;
 * internal names start with "_".
 */
#pragma once

#include <csv.h>
#include <glib.h>

#include "vv-ledger-reader.h"

G_BEGIN_DECLS

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

/* The longest function/service or art code read: KOSTRA codes have 3 or 4
 * digits, local service and art codes a few more. */
#define VV_LEDGER_MAX_CODE_DIGITS 8

typedef struct
{
  gsize off;
  gsize len;
} VvCsvField;

typedef struct _VvCsvFeeder VvCsvFeeder;

typedef void (*VvCsvFeederFunc) (VvCsvFeeder *f, gpointer data);

/* A record offered before it is copied: its fields at @base + off (not
 * NUL-terminated), the line's bytes at @raw. Returns FALSE, having changed
 * nothing, to have it copied and handed to the record function instead. */
typedef gboolean (*VvCsvLeanFunc) (VvCsvFeeder *f,
                                   const char  *base,
                                   const char  *raw,
                                   gsize        raw_len,
                                   gpointer     data);

struct _VvCsvFeeder
{
  struct csv_parser parser;
  unsigned char     options;
  char              sep;

  char             *rec;         /* field bytes, each NUL-terminated */
  gsize             rec_len;
  gsize             rec_cap;
  VvCsvField            *fields;
  guint             n_fields;
  guint             fields_cap;
  char             *raw;         /* the record's bytes as in the file */
  gsize             raw_len;
  gsize             raw_cap;
  gssize            ascii_prefix;  /* bytes of raw before the first non-ASCII one; -1 unknown */
  gsize             high_end;    /* with ascii_prefix: one past raw's last non-ASCII byte */
  guint64           escaped;     /* split-only: fields (index < 64) with a doubled quote */

  guint64           line;        /* physical line being fed, 1-based */
  guint64           start_line;  /* line the current record started on */
  gboolean          need_start;
  gboolean          prev_cr;
  gboolean          skip_line;   /* discard to end of line after a parse error */
  gboolean          overlong;
  gboolean          stop;

  VvCsvFeederFunc        record_func;
  VvCsvFeederFunc        parse_error_func;
  VvCsvLeanFunc     lean_func;   /* split-only reading, or NULL */
  gpointer          data;
};

typedef struct
{
  guint64  line;
  GStrv    cells;               /* UTF-8 */
} VvLedgerHeadRow;

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
  GPtrArray        *preview;     /* VvLedgerHeadRow *, data rows after the header */
  char             *layout_key;

  /* Choices for real exports (vv-ledger-reader-choices.c): the year and
   * region to read, the unit, columns chosen by their header; and the year
   * and region the last read found (when it found exactly one) */
  int               year;
  char             *region;
  VvLedgerUnit      unit;
  VvLedgerUnit      d_unit;
  char             *column_name[VV_LEDGER_N_COLUMNS];
  int               d_amount_year;   /* the year in the amount column's header, or 0 */
  int               seen_year;
  char             *seen_region;
  int               seen_quarter;
  guint64           lines_other;
  GArray           *found_years;     /* int, sorted: every year the last full read met */
  GPtrArray        *found_regions;   /* char *: every region it met */     /* lines of another year or region than chosen */

  /* The function column: longer service codes read by their first three
   * digits or refused (vv-ledger-reader-choices.c); what the preview and the
   * last read found, and a code seen, e.g. "25410" */
  VvLedgerFunctionCode function_code;
  VvLedgerFunctionCode d_function_code;
  char             *function_code_example;
  guint64           lines_service_code;

  /* Spreadsheets: the sheet asked for (NULL: the only one with data), the
   * one read, and all the sheets' names */
  char             *sheet;
  char             *d_sheet;
  GPtrArray        *sheet_names;

  /* Lines for vv_split_add_line() only (_vv_ledger_reader_set_split_only()) */
  gboolean          split_only;

  /* Counters of the last read */
  guint64           lines_read;
  guint64           lines_rejected;
  guint64           lines_skipped;
  guint64           lines_recoded;
  guint64           first_recoded_line;
};

typedef enum
{
  ROLE_NONE = -1,
  ROLE_IGNORED = -2,
} RoleExtra;

/* ------------------------------------------------------------ code fields */

typedef enum
{
  CODE_OK,
  CODE_EMPTY,
  CODE_NOT_NUMBER,
  CODE_LINE_BREAK,
} VvLedgerCodeResult;

/* ---------------------------------------------------------------- reading */

typedef struct
{
  VvLedgerReader       *self;
  const char           *name;
  VvLedgerLineFunc      line_func;
  VvLedgerRejectFunc    reject_func;
  gpointer              user_data;
  int                   col[VV_LEDGER_N_COLUMNS];
  guint8                roles[VV_LEDGER_N_COLUMNS];   /* the roles with a column */
  guint                 n_roles;
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
  /* Years, regions and quarters met (vv-ledger-reader-choices.c): the first
   * few of each, for the message refusing a file that holds several */
  int                   last_year;
  int                   years[8];
  guint                 n_years;
  char                  regions[8][16];
  guint                 n_regions;
  guint                 last_region;
  guint                 quarters;      /* bit q set: quarter q met (0 = annual) */
  gboolean              more_years;
  gboolean              more_regions;
  gboolean              thousands;     /* amounts in whole 1000 kr */
  char                  ansvar[64];    /* split-only reading: the line's ansvar */
  guint64               split_cols;    /* the columns it reads, by bit (all: one is ≥ 64) */
  /* KOSTRA line assembly */
  char                 *carry;
  gsize                 carry_len;
  guint64               line;
} VvLedgerReadState;

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

/* The length of the UTF-8 character that ends at @e (its last byte a
 * continuation byte), 0 when the bytes before @e do not make one. */
static inline gsize
trailing_utf8_len (const guchar *p,
                   const guchar *e)
{
  for (gsize k = 2; k <= 4 && e - (gssize) k >= p; k++)
    {
      guchar lead = e[-(gssize) k];

      if ((lead & 0xC0) == 0x80)
        continue;       /* another continuation byte */
      if ((k == 2 && (lead & 0xE0) == 0xC0) || (k == 3 && (lead & 0xF0) == 0xE0) ||
          (k == 4 && (lead & 0xF8) == 0xF0))
        return k;
      return 0;
    }
  return 0;
}

static inline void
trim_blanks (const guchar **pp,
             const guchar **pe)
{
  const guchar *p = *pp, *e = *pe;
  gsize n;

  /* fast path: a printable ASCII byte at both ends (none starts or ends a
   * blank); one compare each */
  if (p < e && (guchar) (*p - 0x21) < 0x5E && (guchar) (e[-1] - 0x21) < 0x5E)
    return;

  while (p < e && (n = blank_len (p, e)) > 0)
    p += n;
  while (e > p)
    {
      if (e[-1] == ' ' || e[-1] == '\t')
        e--;
      else if (e[-1] == 0xA0)
        {
          gsize k = trailing_utf8_len (p, e);

          if (k == 2 && e[-2] == 0xC2)
            e -= 2;     /* U+00A0 in UTF-8 */
          else if (k > 0)
            break;      /* another character ending in the byte A0 (à, …) */
          else
            e--;        /* a lone A0: NBSP in Windows-1252 */
        }
      else if (e - 3 >= p && e[-3] == 0xE2 && e[-2] == 0x80 && (e[-1] == 0xAF || e[-1] == 0x89))
        e -= 3;
      else
        break;
    }
  *pp = p;
  *pe = e;
}

/* Trim in place and NUL-terminate; returns the new start.  Inline: it runs
 * for every field the reader looks at. */
static inline char *
_vv_ledger_trim_field (char  *s,
                       gsize *len)
{
  const guchar *p = (const guchar *) s, *e = p + *len;

  trim_blanks (&p, &e);
  *len = e - p;
  ((char *) e)[0] = '\0';
  return (char *) p;
}

/* Digits of a code field already trimmed: accepts an Excel ".0" suffix. A
 * field of digits only, the usual case, is looked at once. */
static inline VvLedgerCodeResult
code_digits_trimmed (const guchar  *p,
                     const guchar  *e,
                     const char   **out,
                     gsize         *out_len)
{
  const guchar *q = p;

  if (p == e)
    return CODE_EMPTY;
  while (q < e && is_digit (*q))
    q++;
  if (q < e)
    {
      if (e - p > 2 && e[-1] == '0')
        {
          q = e;
          while (q > p && q[-1] == '0')
            q--;
          if (q > p && (q[-1] == '.' || q[-1] == ',') && q - 1 > p)
            e = q - 1;
        }
      for (q = p; q < e; q++)
        if (!is_digit (*q))
          return (*q == '\n' || *q == '\r') ? CODE_LINE_BREAK : CODE_NOT_NUMBER;
    }
  *out = (const char *) p;
  *out_len = e - p;
  return CODE_OK;
}

/* Digits of a field the reader has trimmed (NULL: a short row lacks it). */
static inline VvLedgerCodeResult
code_field (const char  *s,
            gsize        len,
            const char **out,
            gsize       *out_len)
{
  if (s == NULL)
    return CODE_EMPTY;
  return code_digits_trimmed ((const guchar *) s, (const guchar *) s + len, out, out_len);
}

/* Digits of a code field: trims, accepts an Excel ".0" suffix. */
static inline VvLedgerCodeResult
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
  return code_digits_trimmed (p, e, out, out_len);
}

/* vv-ledger-parse.c */
gsize
_vv_ledger_cp1252_to_utf8 (const guchar *in,
                           gsize         len,
                           char         *out);

char *
_vv_ledger_cp1252_dup (const char *in,
                       gsize       len);

gboolean
_vv_ledger_is_ascii (const char *s,
                     gsize       len);

gsize
_vv_ledger_ascii_prefix (const char *s,
                         gsize       len);

gboolean
_vv_ledger_utf8_valid (const char *s,
                       gsize       len);

/* The code helpers run for every line: inline. */
static inline guint
_vv_ledger_digits_value (const char *d,
                         gsize       n)
{
  guint v = 0;

  for (gsize i = 0; i < n; i++)
    v = v * 10 + (d[i] - '0');
  return v;
}

/* "254" → 254; "0254" → 254; "25410" (tjeneste) → 254. */
static inline guint
_vv_ledger_function_from_digits (const char *d,
                                 gsize       n)
{
  if (n <= 3)
    return _vv_ledger_digits_value (d, n);
  if (n == 4 && d[0] == '0')
    return _vv_ledger_digits_value (d + 1, 3);
  return _vv_ledger_digits_value (d, 3);
}

/* A function column's code of 4 to 8 digits other than a 0-led 4-digit
 * function: a local service code (tjeneste), e.g. "25410". */
static inline gboolean
_vv_ledger_is_service_code (const char *d,
                            gsize       n)
{
  return n > 3 && n <= VV_LEDGER_MAX_CODE_DIGITS && !(n == 4 && d[0] == '0');
}

/* "010" → art 10; "1010" → class 1, art 10; "11150" (a local art: class
 * digit, KOSTRA art, local digit) → class 1, art 115; 0/3 leading =
 * investering, 2 = balance. Returns FALSE for a code whose KOSTRA art
 * cannot be told (longer codes, or 5 digits not led by a class digit): it
 * must never become art 0, which would switch off the art findings. A
 * balance account (leading 2) of any length is class 2. */
static inline gboolean
_vv_ledger_art_from_digits (const char *d,
                            gsize       n,
                            guint      *art,
                            gint       *account_class)
{
  *account_class = -1;
  if (n <= 3)
    {
      *art = _vv_ledger_digits_value (d, n);
      return TRUE;
    }
  switch (d[0])
    {
    case '1': *account_class = 1; break;
    case '0': case '3': *account_class = 0; break;
    case '2': *account_class = 2; break;
    default: break;
    }
  *art = _vv_ledger_digits_value (d + 1, 3);
  if (n == 4 || *account_class == 2)
    return TRUE;
  if (n == 5 && *account_class >= 0)
    return TRUE;
  *art = 0;
  return FALSE;
}

gboolean
_vv_ledger_parse_period (const char *s,
                         gsize       len,
                         int        *year,
                         int        *period);

/* _vv_ledger_parse_period() with the usual "202403" inline. */
static inline gboolean
_vv_ledger_period (const char *s,
                   gsize       len,
                   int        *year,
                   int        *period)
{
  const guchar *p = (const guchar *) s;

  if (len == 6 && is_digit (p[0]) && is_digit (p[1]) && is_digit (p[2]) && is_digit (p[3])
      && is_digit (p[4]) && is_digit (p[5]))
    {
      int y = _vv_ledger_digits_value (s, 4), m = (p[4] - '0') * 10 + (p[5] - '0');

      if ((y != 0 && (y < 1900 || y > 2100)) || m > 13)
        return FALSE;
      *year = y;
      *period = m == 13 ? 12 : m;
      return TRUE;
    }
  return _vv_ledger_parse_period (s, len, year, period);
}

/* vv-csv-feeder.c */
void
_vv_csv_feeder_init (VvCsvFeeder    *f,
                     char            sep,
                     VvCsvFeederFunc record_func,
                     VvCsvFeederFunc parse_error_func,
                     gpointer        data);

void
_vv_csv_feeder_clear (VvCsvFeeder *f);

gboolean
_vv_csv_feeder_feed (VvCsvFeeder *f,
                     const char  *data,
                     gsize        len,
                     const char  *name,
                     GError     **error);

gboolean
_vv_csv_feeder_finish (VvCsvFeeder *f,
                       const char  *name,
                       GError     **error);

/* vv-ledger-layout.c */
void
_vv_ledger_head_row_free (gpointer p);

gboolean
_vv_ledger_head_has_header (const char *text,
                            gsize       len);

gboolean
_vv_ledger_reader_detect_head (VvLedgerReader *self,
                               const char     *head,
                               gsize           len,
                               gboolean        truncated,
                               const char     *name,
                               GError        **error);

/* vv-ledger-reader-choices.c */
void
_vv_ledger_sheet_error (GError **error,
                        GError  *sheet);

void
_vv_ledger_reader_clear_choices (VvLedgerReader *self);

gboolean
_vv_ledger_same_region (const char *a,
                        gsize       la,
                        const char *b,
                        gsize       lb);

gboolean
_vv_ledger_keep_line_slow (VvLedgerReadState *st,
                           int                year,
                           const char        *region,
                           gsize              region_len,
                           int                quarter);

char *
_vv_ledger_service_code (VvLedgerReadState *st,
                         const char        *digits,
                         gsize              n);

void
_vv_ledger_detect_function_code (VvLedgerReader *self,
                                 GPtrArray      *rows,
                                 int             header_idx);

gboolean
_vv_ledger_check_choices (VvLedgerReadState *st,
                          GError           **error);

gboolean
_vv_ledger_looks_utf16 (VvLedgerReader *self,
                        const char     *head,
                        gsize           len);

char *
_vv_ledger_from_utf16 (const char  *data,
                       gsize        len,
                       const char  *name,
                       gsize       *out_len,
                       GError     **error);

typedef struct _VvLedgerUtf16 VvLedgerUtf16;

VvLedgerUtf16 *
_vv_ledger_utf16_new (const char *head,
                      gsize       len);

void
_vv_ledger_utf16_free (VvLedgerUtf16 *u);

gssize
_vv_ledger_utf16_next (VvLedgerUtf16  *u,
                       const char     *in,
                       gsize           len,
                       const char    **out,
                       const char     *name,
                       GError        **error);

gboolean
_vv_ledger_class_and_unit (VvLedgerReadState *st,
                           const char        *klass,
                           gsize              klass_len,
                           VvLedgerLine      *line);

/* Whether a line of @year (and @region, when the file names one) is read:
 * lines of another year or region than the one chosen are left out and
 * counted. The years and regions met are noted on the way. The common case,
 * a line of the same year as the one before and no region, costs a compare. */
static inline gboolean
_vv_ledger_keep_line (VvLedgerReadState *st,
                      int                year,
                      const char        *region,
                      gsize              region_len,
                      int                quarter)
{
  if (G_LIKELY (year == st->last_year && region == NULL && quarter == 0 && st->n_years > 0
                && (st->self->year == 0 || year == st->self->year)))
    return TRUE;
  return _vv_ledger_keep_line_slow (st, year, region, region_len, quarter);
}

/* vv-ledger-record.c */
void
_vv_ledger_read_record_cb (VvCsvFeeder *f,
                           gpointer     data);

void
_vv_ledger_read_parse_error_cb (VvCsvFeeder *f,
                                gpointer     data);

void
_vv_ledger_reader_set_split_only (VvLedgerReader *self,
                                  gboolean        split_only);

void
_vv_ledger_read_split_setup (VvLedgerReadState *st,
                             VvCsvFeeder       *f);

gboolean
_vv_ledger_read_split_record (VvCsvFeeder *f,
                              const char  *base,
                              const char  *raw,
                              gsize        raw_len,
                              gpointer     data);

/* vv-kostra-record.c */
gboolean
_vv_kostra_looks_like (const char *head,
                       gsize       len,
                       gboolean    truncated);
gboolean _vv_kostra_wrong_length (const char *head,
                                  gsize       len,
                                  guint64    *line_no,
                                  gsize      *line_len);

void
_vv_kostra_preview (VvLedgerReader *self,
                    const char     *head,
                    gsize           len);

gboolean
_vv_kostra_line (VvLedgerReadState *st,
                 const char        *p,
                 gsize              n,
                 GError           **error);

gboolean
_vv_kostra_feed (VvLedgerReadState *st,
                 const char        *data,
                 gsize              len,
                 GError           **error);

G_END_DECLS
