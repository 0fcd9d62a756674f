/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-ledger-session-private.h: what vv-ledger-session.c shares with
 * vv-ledger-session-lines.c, vv-ledger-session-export.c and
 * vv-ledger-session-units.c.
 */
#pragma once

#include "vv-ledger-session.h"

G_BEGIN_DECLS

VvDb *_vv_ledger_session_get_active_db       (VvLedgerSession  *self);
void  _vv_ledger_session_read_kostra_identity (VvLedgerSession  *self,
                                               char            **region,
                                               char            **orgnr);

G_END_DECLS
