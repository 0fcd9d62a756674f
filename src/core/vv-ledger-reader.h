/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-ledger-reader.h: streaming reader for general-ledger CSV exports and
 * KOSTRA fixed-width extracts (see ../shared/domain/ledger-format.md and the
 * bad-input catalogue in ledger-import-notes.md §4).
 *
 * Usage: vv_ledger_reader_new(), optionally the setters (everything is
 * detected otherwise), optionally vv_ledger_reader_detect() for a preview,
 * then vv_ledger_reader_read(). The file is read in 1 MiB chunks; memory use
 * does not grow with the file size.
 *
 * Each non-blank row after the header is exactly one of: a line (line_func),
 * a reject (reject_func; counted by get_lines_rejected), or a skipped sum /
 * subtotal row (get_lines_skipped). Line numbers are physical lines of the
 * file (LF, CRLF and CR all count, blank lines too); a record with quoted
 * line breaks has the number of the line it starts on. Problems with the
 * whole file are a GError naming the file (callbacks may have run already).
 *
 * VvLedgerLine strings are UTF-8 (Windows-1252 input is converted), borrowed
 * until the callback returns, and NUL-terminated (raw as well).
 */
#pragma once

#include <gio/gio.h>

#include "vv-ledger.h"

G_BEGIN_DECLS

#define VV_LEDGER_ERROR (vv_ledger_error_quark ())

typedef enum
{
  VV_LEDGER_ERROR_READ,             /* cannot open/read the file, or it changed */
  VV_LEDGER_ERROR_EMPTY,            /* 0 bytes, or only blank lines */
  VV_LEDGER_ERROR_NO_DATA,          /* header found, but no data rows */
  VV_LEDGER_ERROR_NOT_TEXT,         /* zip/xlsx/pdf/binary */
  VV_LEDGER_ERROR_ENCODING,         /* UTF-16, NUL bytes, unknown encoding */
  VV_LEDGER_ERROR_SEPARATOR,        /* only one column found */
  VV_LEDGER_ERROR_NO_HEADER,        /* no header row recognised */
  VV_LEDGER_ERROR_MISSING_COLUMN,   /* a required column (function, amount) is missing */
  VV_LEDGER_ERROR_DUPLICATE_COLUMN, /* two columns match the same role; choose one */
  VV_LEDGER_ERROR_NO_YEAR,          /* no year column, no YYYYMM period, no default year */
  VV_LEDGER_ERROR_PARSE,            /* CSV syntax: unterminated quote, record too long */
  VV_LEDGER_ERROR_KOSTRA,           /* KOSTRA record of wrong length or containing tabs */
  VV_LEDGER_ERROR_CANCELLED,        /* the line callback returned FALSE (a GCancellable
                                       gives G_IO_ERROR_CANCELLED instead) */
  VV_LEDGER_ERROR_SHEET,            /* spreadsheet: no such sheet, several hold data, damaged */
  VV_LEDGER_ERROR_SEVERAL,          /* several years, regions or quarters and none chosen, or
                                       none of the one chosen */
  VV_LEDGER_ERROR_UNIT,             /* the amounts may be whole 1000 kr: choose kr or 1000 kr */
} VvLedgerError;

typedef enum
{
  VV_LEDGER_COLUMN_YEAR,
  VV_LEDGER_COLUMN_PERIOD,
  VV_LEDGER_COLUMN_ANSVAR,
  VV_LEDGER_COLUMN_FUNCTION,
  VV_LEDGER_COLUMN_ART,
  VV_LEDGER_COLUMN_TEXT,
  VV_LEDGER_COLUMN_AMOUNT,
  VV_LEDGER_COLUMN_CLASS,           /* kontoklasse: D/I, 1/0 (drift/investering), 2/B balanse */
  VV_LEDGER_COLUMN_REGION,          /* region/kommunenummer: a file of several is a choice */
  VV_LEDGER_N_COLUMNS
} VvLedgerColumn;

/* How the function column's codes are read: KOSTRA functions (3 digits,
 * or 4 led by 0), or local service codes (tjeneste, 4 to 8 digits, e.g.
 * 25410) whose first three digits are the function. */
typedef enum
{
  VV_LEDGER_FUNCTION_CODE_AUTO,     /* read longer codes by their first 3 digits, and say so */
  VV_LEDGER_FUNCTION_CODE_EXACT,    /* functions only: a longer code is a line not read */
  VV_LEDGER_FUNCTION_CODE_PREFIX,   /* service codes: the first 3 digits are the function */
} VvLedgerFunctionCode;

#define VV_TYPE_LEDGER_READER (vv_ledger_reader_get_type ())

G_DECLARE_FINAL_TYPE (VvLedgerReader, vv_ledger_reader, VV, LEDGER_READER, GObject)

GQuark            vv_ledger_error_quark               (void);

VvLedgerReader   *vv_ledger_reader_new                (void);

void              vv_ledger_reader_set_format         (VvLedgerReader       *self,
                                                       VvLedgerFormat        format);
void              vv_ledger_reader_set_encoding       (VvLedgerReader       *self,
                                                       VvLedgerEncoding      encoding);
void              vv_ledger_reader_set_separator      (VvLedgerReader       *self,
                                                       char                  separator);
void              vv_ledger_reader_set_decimal_mark   (VvLedgerReader       *self,
                                                       char                  mark);
void              vv_ledger_reader_set_default_year   (VvLedgerReader       *self,
                                                       int                   year);
void              vv_ledger_reader_set_column         (VvLedgerReader       *self,
                                                       VvLedgerColumn        role,
                                                       int                   index);

void              vv_ledger_reader_set_year           (VvLedgerReader       *self,
                                                       int                   year);
int               vv_ledger_reader_get_year           (VvLedgerReader       *self);
void              vv_ledger_reader_set_region         (VvLedgerReader       *self,
                                                       const char           *region);
const char       *vv_ledger_reader_get_region         (VvLedgerReader       *self);
void              vv_ledger_reader_set_unit           (VvLedgerReader       *self,
                                                       VvLedgerUnit          unit);
VvLedgerUnit      vv_ledger_reader_get_unit           (VvLedgerReader       *self);
void              vv_ledger_reader_set_column_name    (VvLedgerReader       *self,
                                                       VvLedgerColumn        role,
                                                       const char           *header);
const char       *vv_ledger_reader_get_column_name    (VvLedgerReader       *self,
                                                       VvLedgerColumn        role);
const char       *vv_ledger_reader_get_amount_column_name (VvLedgerReader   *self);
int               vv_ledger_reader_get_quarter        (VvLedgerReader       *self);
guint64           vv_ledger_reader_get_lines_other    (VvLedgerReader       *self);
const int        *vv_ledger_reader_get_years_found    (VvLedgerReader       *self,
                                                       guint                *n_years);
GPtrArray        *vv_ledger_reader_get_regions_found  (VvLedgerReader       *self);

void              vv_ledger_reader_set_function_code  (VvLedgerReader       *self,
                                                       VvLedgerFunctionCode  mode);
VvLedgerFunctionCode vv_ledger_reader_get_function_code (VvLedgerReader     *self);
VvLedgerFunctionCode vv_ledger_reader_get_function_code_choice (VvLedgerReader *self);
const char       *vv_ledger_reader_get_function_code_example (VvLedgerReader *self);
guint64           vv_ledger_reader_get_lines_service_code (VvLedgerReader     *self);

void              vv_ledger_reader_set_sheet          (VvLedgerReader       *self,
                                                       const char           *sheet);
const char       *vv_ledger_reader_get_sheet          (VvLedgerReader       *self);
GPtrArray        *vv_ledger_reader_get_sheet_names    (VvLedgerReader       *self);

gboolean          vv_ledger_reader_detect             (VvLedgerReader       *self,
                                                       const char           *path,
                                                       GError              **error);
gboolean          vv_ledger_reader_detect_bytes       (VvLedgerReader       *self,
                                                       const char           *data,
                                                       gsize                 len,
                                                       const char           *display_name,
                                                       GError              **error);

VvLedgerFormat    vv_ledger_reader_get_format         (VvLedgerReader       *self);
VvLedgerEncoding  vv_ledger_reader_get_encoding       (VvLedgerReader       *self);
char              vv_ledger_reader_get_separator      (VvLedgerReader       *self);
char              vv_ledger_reader_get_decimal_mark   (VvLedgerReader       *self);
int               vv_ledger_reader_get_default_year   (VvLedgerReader       *self);
int               vv_ledger_reader_get_column         (VvLedgerReader       *self,
                                                       VvLedgerColumn        role);
const char       *vv_ledger_reader_get_layout_key     (VvLedgerReader       *self);
GPtrArray        *vv_ledger_reader_get_header         (VvLedgerReader       *self);
guint64           vv_ledger_reader_get_header_line    (VvLedgerReader       *self);
guint             vv_ledger_reader_get_n_preview_rows (VvLedgerReader       *self);
const char * const *vv_ledger_reader_get_preview_row  (VvLedgerReader       *self,
                                                       guint                 index,
                                                       guint64              *line_no);

gboolean          vv_ledger_reader_read               (VvLedgerReader       *self,
                                                       const char           *path,
                                                       VvLedgerLineFunc      line_func,
                                                       VvLedgerRejectFunc    reject_func,
                                                       VvLedgerProgressFunc  progress_func,
                                                       gpointer              user_data,
                                                       GCancellable         *cancellable,
                                                       GError              **error);
gboolean          vv_ledger_reader_read_bytes         (VvLedgerReader       *self,
                                                       const char           *data,
                                                       gsize                 len,
                                                       const char           *display_name,
                                                       VvLedgerLineFunc      line_func,
                                                       VvLedgerRejectFunc    reject_func,
                                                       VvLedgerProgressFunc  progress_func,
                                                       gpointer              user_data,
                                                       GCancellable         *cancellable,
                                                       GError              **error);

guint64           vv_ledger_reader_get_lines_read     (VvLedgerReader       *self);
guint64           vv_ledger_reader_get_lines_rejected (VvLedgerReader       *self);
guint64           vv_ledger_reader_get_lines_skipped  (VvLedgerReader       *self);
guint64           vv_ledger_reader_get_lines_recoded  (VvLedgerReader       *self);
guint64           vv_ledger_reader_get_first_recoded_line (VvLedgerReader     *self);

const char       *vv_ledger_column_to_string          (VvLedgerColumn        role);
const char       *vv_ledger_unit_to_string            (VvLedgerUnit          unit);

gboolean          vv_amount_parse                     (const char           *text,
                                                       gsize                 len,
                                                       char                  decimal_mark,
                                                       gint64               *out_ore,
                                                       const char          **error_reason);

G_END_DECLS
