/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-ledger-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vv-ledger-store-private.h"
#include "vv-ledger-store.h"

/* The units register: one row per ansvar with its name and allocation. */

/**
 * vv_ledger_store_set_unit:
 * @db: the database
 * @ansvar: the unit's ansvar code
 * @name: (nullable): its name
 * @allocation: (nullable): its functions, e.g. “257:80 258:20”
 * @case_id: the case it was classified with, or 0
 * @error: return location for a #GError
 *
 * Adds or replaces a unit in the register, without a citation or unit
 * guide input (see vv_ledger_store_put_unit()).
 *
 * Returns: %TRUE on success
 */
gboolean
vv_ledger_store_set_unit (VvDb        *db,
                          const char  *ansvar,
                          const char  *name,
                          const char  *allocation,
                          gint64       case_id,
                          GError     **error)
{
  VvStoredUnit unit = { 0 };

  g_return_val_if_fail (VV_IS_DB (db), FALSE);
  g_return_val_if_fail (ansvar != NULL && *ansvar != '\0', FALSE);

  unit.ansvar = (char *) ansvar;
  unit.name = (char *) name;
  unit.allocation = (char *) allocation;
  unit.case_id = case_id;
  return vv_ledger_store_put_unit (db, &unit, error);
}

/**
 * vv_ledger_store_put_unit:
 * @db: the database
 * @unit: the unit: ansvar, name, allocation, case id, and the citation ids
 *   its Fordeling rests on and the unit guide's input (both nullable);
 *   `modified` is set to now
 * @error: return location for a #GError
 *
 * Adds or replaces a unit in the register.
 *
 * Returns: %TRUE on success
 */
gboolean
vv_ledger_store_put_unit (VvDb                *db,
                          const VvStoredUnit  *unit,
                          GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), FALSE);
  g_return_val_if_fail (unit != NULL && unit->ansvar != NULL && *unit->ansvar != '\0', FALSE);

  stmt = vv_db_prepare (db, "INSERT OR REPLACE INTO units (ansvar, name, allocation, case_id, "
                            "modified, citation, guide) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, unit->ansvar, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, unit->name != NULL ? unit->name : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, unit->allocation != NULL ? unit->allocation : "", -1, SQLITE_STATIC);
  if (unit->case_id > 0)
    sqlite3_bind_int64 (stmt, 4, unit->case_id);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time ());
  sqlite3_bind_text (stmt, 6, unit->citation != NULL ? unit->citation : "", -1, SQLITE_STATIC);
  if (unit->guide != NULL)
    sqlite3_bind_text (stmt, 7, unit->guide, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 7);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return vv_db_set_error (db, rc, error);
  return TRUE;
}

static VvStoredUnit *
unit_from_row (sqlite3_stmt *stmt)
{
  VvStoredUnit *unit = g_new0 (VvStoredUnit, 1);

  unit->ansvar = g_strdup (_vv_ledger_store_column_text (stmt, 0));
  unit->name = g_strdup (_vv_ledger_store_column_text (stmt, 1));
  unit->allocation = g_strdup (_vv_ledger_store_column_text (stmt, 2));
  unit->case_id = sqlite3_column_int64 (stmt, 3);
  unit->modified = sqlite3_column_int64 (stmt, 4);
  unit->citation = g_strdup (_vv_ledger_store_column_text (stmt, 5));
  if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
    unit->guide = g_strdup (_vv_ledger_store_column_text (stmt, 6));
  return unit;
}

/**
 * vv_ledger_store_get_unit:
 * @db: the database
 * @ansvar: the unit's ansvar code
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the unit, or %NULL with
 *   %VV_LEDGER_STORE_ERROR_NOT_FOUND
 */
VvStoredUnit *
vv_ledger_store_get_unit (VvDb        *db,
                          const char  *ansvar,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), NULL);
  g_return_val_if_fail (ansvar != NULL, NULL);

  stmt = vv_db_prepare (db, "SELECT ansvar, name, allocation, case_id, modified, citation, guide "
                            "FROM units "
                            "WHERE ansvar = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, ansvar, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return unit_from_row (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, VV_LEDGER_STORE_ERROR, VV_LEDGER_STORE_ERROR_NOT_FOUND,
                   _("There is no unit with ansvar “%s”."), ansvar);
      return NULL;
    }
  return vv_db_set_error (db, rc, error), NULL;
}

/**
 * vv_ledger_store_delete_unit:
 * @db: the database
 * @ansvar: the unit's ansvar code
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
vv_ledger_store_delete_unit (VvDb        *db,
                             const char  *ansvar,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), FALSE);
  g_return_val_if_fail (ansvar != NULL, FALSE);

  stmt = vv_db_prepare (db, "DELETE FROM units WHERE ansvar = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ansvar, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return vv_db_set_error (db, rc, error);
  if (sqlite3_changes (vv_db_get_handle (db)) == 0)
    {
      g_set_error (error, VV_LEDGER_STORE_ERROR, VV_LEDGER_STORE_ERROR_NOT_FOUND,
                   _("There is no unit with ansvar “%s”."), ansvar);
      return FALSE;
    }
  return TRUE;
}

/**
 * vv_ledger_store_list_units:
 * @db: the database
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable) (element-type VvStoredUnit): the
 *   units, by ansvar
 */
GPtrArray *
vv_ledger_store_list_units (VvDb    *db,
                            GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) vv_stored_unit_free);
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), NULL);

  stmt = vv_db_prepare (db, "SELECT ansvar, name, allocation, case_id, modified, citation, guide "
                            "FROM units "
                            "ORDER BY ansvar", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, unit_from_row (stmt));
  if (rc != SQLITE_DONE)
    return vv_db_set_error (db, rc, error), NULL;
  return g_steal_pointer (&list);
}

/**
 * vv_ledger_store_load_units:
 * @db: the database
 * @rules: the rules, to check the allocations
 * @error: return location for a #GError
 *
 * Builds a units register (as read from a units file) from the stored
 * units that have an allocation; units not classified yet are left out.
 *
 * Returns: (transfer full) (nullable): the register
 */
VvUnits *
vv_ledger_store_load_units (VvDb     *db,
                            VvRules  *rules,
                            GError  **error)
{
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(VvUnits) units = NULL;

  g_return_val_if_fail (VV_IS_DB (db), NULL);
  g_return_val_if_fail (VV_IS_RULES (rules), NULL);

  stored = vv_ledger_store_list_units (db, error);
  if (stored == NULL)
    return NULL;
  units = vv_units_new (rules);
  for (guint i = 0; i < stored->len; i++)
    {
      VvStoredUnit *u = g_ptr_array_index (stored, i);

      if (u->allocation == NULL || *u->allocation == '\0')
        continue;
      if (!vv_units_add (units, u->ansvar, u->name, u->allocation, error))
        return NULL;
      if (u->citation != NULL && *u->citation != '\0')
        vv_units_set_citation (units, u->ansvar, u->citation);
    }
  return g_steal_pointer (&units);
}

/**
 * vv_stored_unit_free:
 * @unit: (nullable): a #VvStoredUnit
 */
void
vv_stored_unit_free (VvStoredUnit *unit)
{
  if (unit == NULL)
    return;
  g_free (unit->ansvar);
  g_free (unit->name);
  g_free (unit->allocation);
  g_free (unit->citation);
  g_free (unit->guide);
  g_free (unit);
}
