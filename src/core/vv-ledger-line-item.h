/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "vv-ledger-store.h"

G_BEGIN_DECLS

#define VV_TYPE_LEDGER_LINE_ITEM (vv_ledger_line_item_get_type ())

G_DECLARE_FINAL_TYPE (VvLedgerLineItem, vv_ledger_line_item, VV, LEDGER_LINE_ITEM, GObject)

VvLedgerLineItem   *vv_ledger_line_item_new      (VvStoredLine     *line);
const VvStoredLine *vv_ledger_line_item_get_line (VvLedgerLineItem *self);

G_END_DECLS
