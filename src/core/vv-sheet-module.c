/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-sheet-module"

#include "config.h"

#include <gmodule.h>

#include "vv-sheet-module-private.h"

/* The entry point of libveiviser-sheet.so (vv-sheet-module-private.h), its
 * one exported symbol: the module is built with hidden visibility. */

gboolean _vv_sheet_write_xlsx (const char         *path,
                               const VvSheetTable *table,
                               char              **detail);

G_MODULE_EXPORT const VvSheetModule *vv_sheet_module_get (void);

static const VvSheetModule module = {
  .abi = VV_SHEET_MODULE_ABI,
  .size = sizeof (VvSheetModule),
  .open = _vv_sheet_open,
  .get_names = _vv_sheet_get_names,
  .get_kind = _vv_sheet_get_kind,
  .set_ledger_func = _vv_sheet_set_ledger_func,
  .select = _vv_sheet_select,
  .get_selected = _vv_sheet_get_selected,
  .next = _vv_sheet_next,
  .get_done = _vv_sheet_get_done,
  .free = _vv_sheet_free,
  .number_text = _vv_sheet_number_text,
  .write_xlsx = _vv_sheet_write_xlsx,
};

const VvSheetModule *
vv_sheet_module_get (void)
{
  return &module;
}
