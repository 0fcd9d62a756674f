/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-ledger-session-private.h: what vv-ledger-session.c shares with
 * vv-ledger-session-lines.c.
 */
#pragma once

#include "vv-ledger-session.h"

G_BEGIN_DECLS

VvDb *_vv_ledger_session_get_active_db (VvLedgerSession *self);

G_END_DECLS
