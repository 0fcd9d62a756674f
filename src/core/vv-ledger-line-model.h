/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-ledger-line-model.h: stored ledger lines as a lazily paged GListModel
 * of VvLedgerLineItem (see vv_ledger_session_finding_lines_async()).
 */
#pragma once

#include <gio/gio.h>

#include "vv-db.h"

G_BEGIN_DECLS

#define VV_TYPE_LEDGER_LINE_MODEL (vv_ledger_line_model_get_type ())

G_DECLARE_FINAL_TYPE (VvLedgerLineModel, vv_ledger_line_model, VV, LEDGER_LINE_MODEL, GObject)

VvLedgerLineModel *vv_ledger_line_model_new_lines     (VvDb              *db,
                                                       gint64             import_id,
                                                       const guint64     *line_nos,
                                                       guint              n_line_nos);
gint64             vv_ledger_line_model_get_import_id (VvLedgerLineModel *self);
guint              vv_ledger_line_model_get_n_fetched (VvLedgerLineModel *self);

G_END_DECLS
