/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-sheet-write"

#include "config.h"

#include <glib.h>
#include <locale.h>
#include <xlsxwriter.h>

#include "vv-sheet-module-private.h"

/* A table as an .xlsx workbook (libxlsxwriter), in the spreadsheet module:
 * the correction postings' export (vv_corrections_write_xlsx() makes the
 * temporary file and commits it). */

gboolean _vv_sheet_write_xlsx (const char         *path,
                               const VvSheetTable *table,
                               char              **detail);

/* libxlsxwriter as Debian builds it prints numbers with "%.16G", which
 * follows LC_NUMERIC: in nb_NO the workbook would hold "-3467689,12", which
 * no spreadsheet reads as a number. The XML is written when the workbook is
 * closed, so only this thread prints in the C locale meanwhile. */
static lxw_error
close_workbook (lxw_workbook *wb)
{
  locale_t c_numeric = newlocale (LC_NUMERIC_MASK, "C", duplocale (uselocale ((locale_t) 0)));
  locale_t old = c_numeric != (locale_t) 0 ? uselocale (c_numeric) : (locale_t) 0;
  lxw_error rc = workbook_close (wb);

  if (c_numeric != (locale_t) 0)
    {
      uselocale (old);
      freelocale (c_numeric);
    }
  return rc;
}

gboolean
_vv_sheet_write_xlsx (const char         *path,
                      const VvSheetTable *table,
                      char              **detail)
{
  lxw_workbook *wb;
  lxw_worksheet *ws;
  lxw_format *bold;
  lxw_format *money;
  lxw_error rc;

  wb = workbook_new (path);
  if (wb == NULL)
    {
      *detail = g_strdup ("workbook_new");
      return FALSE;
    }
  ws = workbook_add_worksheet (wb, table->sheet_name);
  bold = workbook_add_format (wb);
  format_set_bold (bold);
  money = workbook_add_format (wb);
  format_set_num_format (money, "#,##0.00");
  for (guint c = 0; c < table->n_cols; c++)
    worksheet_write_string (ws, 0, (lxw_col_t) c, table->headers[c], bold);
  for (guint i = 0; i < table->n_rows; i++)
    {
      lxw_row_t row = (lxw_row_t) i + 1;

      for (guint c = 0; c < table->n_cols; c++)
        if (c == table->amount_col)
          /* Exact for any amount below 10^13 kroner: 15 significant digits. */
          worksheet_write_number (ws, row, (lxw_col_t) c, (double) table->amounts[i] / 100.0,
                                  money);
        else
          worksheet_write_string (ws, row, (lxw_col_t) c,
                                  table->cells[(gsize) i * table->n_cols + c], NULL);
    }
  worksheet_set_column (ws, (lxw_col_t) table->wide_col, (lxw_col_t) table->wide_col, 60, NULL);
  rc = close_workbook (wb);
  if (rc != LXW_NO_ERROR)
    {
      *detail = g_strdup (lxw_strerror (rc));
      return FALSE;
    }
  return TRUE;
}
