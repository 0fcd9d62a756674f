/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vv-ledger-session.h"

G_BEGIN_DECLS

#define VV_TYPE_LEDGER_EXPORT_VIEW (vv_ledger_export_view_get_type ())

G_DECLARE_FINAL_TYPE (VvLedgerExportView, vv_ledger_export_view, VV, LEDGER_EXPORT_VIEW, AdwBin)

VvLedgerSession *vv_ledger_export_view_get_session (VvLedgerExportView *self);
void             vv_ledger_export_view_set_session (VvLedgerExportView *self,
                                                    VvLedgerSession    *session);

G_END_DECLS
