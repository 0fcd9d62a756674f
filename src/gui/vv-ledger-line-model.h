/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "vv-db.h"

G_BEGIN_DECLS

#define VV_TYPE_LEDGER_LINE_MODEL (vv_ledger_line_model_get_type ())

G_DECLARE_FINAL_TYPE (VvLedgerLineModel, vv_ledger_line_model, VV, LEDGER_LINE_MODEL, GObject)

VvLedgerLineModel *vv_ledger_line_model_new_query (VvDb           *db,
                                                   gint64          import_id,
                                                   const char     *condition,
                                                   const char     *ansvar,
                                                   GError        **error);
void               vv_ledger_line_model_query_async  (VvDb                *db,
                                                      gint64               import_id,
                                                      const char          *condition,
                                                      const char          *ansvar,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
VvLedgerLineModel *vv_ledger_line_model_query_finish (GAsyncResult        *result,
                                                      GError             **error);
VvLedgerLineModel *vv_ledger_line_model_new_lines (VvDb           *db,
                                                   gint64          import_id,
                                                   const guint64  *line_nos,
                                                   guint           n_line_nos);
guint              vv_ledger_line_model_get_n_fetched (VvLedgerLineModel *self);

G_END_DECLS
