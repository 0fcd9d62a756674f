/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-export.h: safe file writing and CSV cells that spreadsheets will not
 * run as formulas.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  vv_export_write_atomic  (const char  *path,
                                   const char  *data,
                                   gsize        len,
                                   GError     **error);
void      vv_csv_cell_escape      (GString     *out,
                                   const char  *cell,
                                   char         sep);
void      vv_csv_append_amount    (GString     *out,
                                   gint64       ore,
                                   char         decimal_mark,
                                   char         sep);

G_END_DECLS
