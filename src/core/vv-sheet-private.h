/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-sheet-private.h: spreadsheets (.xlsx, .ods) read as a stream of CSV
 * text, so that the ledger reader's layout detection and parsing treat them
 * like any CSV export.
 *
 * The container is opened with libgsf and the sheet XML streamed through
 * libxml2's SAX2 push parser (no tree, no node per element: the callbacks
 * write the cells as they come); nothing holds the whole sheet in memory (an
 * .xlsx's shared strings are the exception: they are a table by design).
 * Each spreadsheet row becomes one line: line N is row N, so messages name
 * the row a user sees; empty rows are empty lines. Fields are separated by
 * `;`; text cells are quoted when needed, with line breaks turned into
 * spaces; numeric cells are written from the cell's decimal text (never
 * through a double) with a decimal comma, rounded to whole øre.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VV_SHEET_ERROR (_vv_sheet_error_quark ())

typedef enum
{
  VV_SHEET_ERROR_READ,       /* cannot open the file */
  VV_SHEET_ERROR_NOT_SHEET,  /* a ZIP that is not an .xlsx or .ods */
  VV_SHEET_ERROR_EMPTY,      /* no sheets */
  VV_SHEET_ERROR_CHOOSE,     /* no such sheet, or several hold data */
  VV_SHEET_ERROR_DAMAGED,    /* XML that cannot be read */
} VvSheetError;

typedef struct _VvSheet VvSheet;

typedef gboolean (*VvSheetLedgerFunc) (const char *text,
                                       gsize       len);

GQuark      _vv_sheet_error_quark  (void);

gboolean    _vv_sheet_looks_like   (const char   *head,
                                    gsize         len);
VvSheet    *_vv_sheet_open         (const char   *path,
                                    const char   *data,
                                    gsize         len,
                                    const char   *name,
                                    GError      **error);
GPtrArray  *_vv_sheet_get_names    (VvSheet      *sheet);
const char *_vv_sheet_get_kind     (VvSheet      *sheet);
void        _vv_sheet_set_ledger_func (VvSheet   *sheet,
                                    VvSheetLedgerFunc is_ledger);
gboolean    _vv_sheet_select       (VvSheet      *sheet,
                                    const char   *wanted,
                                    GError      **error);
const char *_vv_sheet_get_selected (VvSheet      *sheet);
gssize      _vv_sheet_next         (VvSheet      *sheet,
                                    const char  **out,
                                    GError      **error);
guint64     _vv_sheet_get_done     (VvSheet      *sheet,
                                    guint64      *total);
void        _vv_sheet_free         (VvSheet      *sheet);

gboolean    _vv_sheet_number_text  (const char   *value,
                                    GString      *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VvSheet, _vv_sheet_free)

G_END_DECLS
