/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-ledger-session"

#include "config.h"

#include "vv-ledger-session-private.h"

/* The units register of the ledger shown, read a row at a time (what the
 * unit guide reopens with); changes go through
 * vv_ledger_session_set_unit_full_async(). */

/**
 * vv_ledger_session_get_stored_unit:
 * @ansvar: a unit's ansvar
 * @error: return location for a #GError
 *
 * The unit as the register of the ledger shown keeps it (the sample's while
 * the sample is shown), with its citation and unit guide input; one row,
 * read in the calling thread.
 *
 * Returns: (transfer full) (nullable): the unit, or %NULL with @error set
 */
VvStoredUnit *
vv_ledger_session_get_stored_unit (VvLedgerSession  *self,
                                   const char       *ansvar,
                                   GError          **error)
{
  g_return_val_if_fail (VV_IS_LEDGER_SESSION (self), NULL);
  g_return_val_if_fail (_vv_ledger_session_get_active_db (self) != NULL && ansvar != NULL, NULL);

  return vv_ledger_store_get_unit (_vv_ledger_session_get_active_db (self), ansvar, error);
}
