/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-sheet-module-private.h: the spreadsheet module's table of functions.
 *
 * Reading .xlsx/.ods (libgsf, libxml2) and writing .xlsx (libxlsxwriter)
 * live in a loadable module, libveiviser-sheet.so, so that a program that
 * reads only CSV — every `veiviser-cli split` of an export — does not pay
 * for loading those libraries and theirs (ICU, libstdc++, libcrypto, …) at
 * start-up. The core loads the module the first time a spreadsheet is read
 * or written (vv-sheet-loader.c) and calls it through this table; the
 * module exports nothing else.
 *
 * Where the module is looked for: `VEIVISER_MODULE_DIR` when set; the build
 * tree's src/core when the running program is itself in the build tree
 * (tests, `meson devenv`, build/src/cli/veiviser-cli); else the installed
 * `libdir/veiviser`.
 */
#pragma once

#include <glib.h>

#include "vv-sheet-private.h"

G_BEGIN_DECLS

/* Raise it whenever VvSheetModule or a type it passes changes. */
#define VV_SHEET_MODULE_ABI   1
#define VV_SHEET_MODULE_ENTRY "vv_sheet_module_get"

/* A table written as a one-sheet workbook: a bold header row, then @n_rows
 * rows of text cells, except column @amount_col, which holds @amounts (øre)
 * as numbers in kroner with two decimals. */
typedef struct
{
  const char        *sheet_name;
  const char *const *headers;      /* n_cols */
  guint              n_cols;
  guint              n_rows;
  const char *const *cells;        /* n_rows × n_cols, row by row */
  const gint64      *amounts;      /* n_rows */
  guint              amount_col;
  guint              wide_col;     /* a text column shown 60 characters wide */
} VvSheetTable;

typedef struct
{
  guint        abi;
  gsize        size;     /* sizeof (VvSheetModule) */

  VvSheet    *(*open)            (const char        *path,
                                  const char        *data,
                                  gsize              len,
                                  const char        *name,
                                  GError           **error);
  GPtrArray  *(*get_names)       (VvSheet           *sheet);
  const char *(*get_kind)        (VvSheet           *sheet);
  void        (*set_ledger_func) (VvSheet           *sheet,
                                  VvSheetLedgerFunc  is_ledger);
  gboolean    (*select)          (VvSheet           *sheet,
                                  const char        *wanted,
                                  GError           **error);
  const char *(*get_selected)    (VvSheet           *sheet);
  gssize      (*next)            (VvSheet           *sheet,
                                  const char       **out,
                                  GError           **error);
  guint64     (*get_done)        (VvSheet           *sheet,
                                  guint64           *total);
  void        (*free)            (VvSheet           *sheet);
  gboolean    (*number_text)     (const char        *value,
                                  GString           *out);

  /* Writes @table as an .xlsx at @path (a new file). On failure returns
   * FALSE and an untranslated detail in @detail. */
  gboolean    (*write_xlsx)      (const char         *path,
                                  const VvSheetTable *table,
                                  char              **detail);
} VvSheetModule;

typedef const VvSheetModule *(*VvSheetModuleEntry) (void);

const VvSheetModule *_vv_sheet_module_load (GError **error);

G_END_DECLS
