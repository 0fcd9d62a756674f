/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vv-ledger-session.h"

G_BEGIN_DECLS

#define VV_TYPE_LEDGER_VIEW (vv_ledger_view_get_type ())

G_DECLARE_DERIVABLE_TYPE (VvLedgerView, vv_ledger_view, VV, LEDGER_VIEW, AdwBin)

/**
 * VvLedgerViewClass:
 * @session_changed: called when the view is given another session (or
 *   %NULL): connect to its signals with the view as the data (they are
 *   disconnected for you) and show it
 */
struct _VvLedgerViewClass
{
  AdwBinClass parent_class;

  void (*session_changed) (VvLedgerView    *self,
                           VvLedgerSession *session);
};

VvLedgerSession *vv_ledger_view_get_session (VvLedgerView    *self);
void             vv_ledger_view_set_session (VvLedgerView    *self,
                                             VvLedgerSession *session);

G_END_DECLS
