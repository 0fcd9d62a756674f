/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-ledger-store-private.h: what vv-db.c needs of the ledger store: the
 * read-only `ledger_lines` view of the chunked lines, and the upgrade of
 * version-3 files whose lines were stored one row each.
 */
#pragma once

#include "vv-db.h"

G_BEGIN_DECLS

gboolean _vv_ledger_store_register_lines_table (VvDb    *db,
                                                GError **error);
gboolean _vv_ledger_store_upgrade_lines        (VvDb    *db,
                                                GError **error);

G_END_DECLS
