/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vv-ledger-view.h"

G_BEGIN_DECLS

#define VV_TYPE_LEDGER_SPLIT_VIEW (vv_ledger_split_view_get_type ())

G_DECLARE_FINAL_TYPE (VvLedgerSplitView, vv_ledger_split_view, VV, LEDGER_SPLIT_VIEW, VvLedgerView)

GtkWidget       *vv_ledger_split_view_new         (void);
void             vv_ledger_split_view_search      (VvLedgerSplitView *self,
                                                   const char        *text);
guint            vv_ledger_split_view_get_n_findings_shown (VvLedgerSplitView *self);

G_END_DECLS
