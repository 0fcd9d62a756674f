/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-ledger-store"

#include "config.h"

#include <sqlite3.h>

#include "vv-ledger-chunks-private.h"
#include "vv-ledger-store.h"

/**
 * vv_ledger_store_find_lines:
 * @db: the database
 * @import_id: the import
 * @condition: (nullable): an SQL expression over the columns of the
 *   `ledger_lines` view (year, period, ansvar, function, art,
 *   account_class, amount_ore), as made by vv_split_finding_condition();
 *   %NULL for every line
 * @ansvar: (nullable): only the lines of this ansvar
 * @cancellable: (nullable): checked every 64 Ki lines
 * @error: return location for a #GError
 *
 * Looks up the numbers of the matching lines of an import, in file order.
 * Only line numbers are read (8 bytes a line), so a million matches stay
 * cheap; read the lines themselves with vv_ledger_store_get_lines().
 *
 * Returns: (transfer full) (nullable) (element-type guint64): the line numbers
 */
GArray *
vv_ledger_store_find_lines (VvDb          *db,
                            gint64         import_id,
                            const char    *condition,
                            const char    *ansvar,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) line_nos = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autofree char *sql = NULL;
  guint n = 0;
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), NULL);

  sql = g_strdup_printf ("SELECT id FROM ledger_lines WHERE id BETWEEN ?1 AND ?2 AND (%s)%s "
                         "ORDER BY id", condition != NULL ? condition : "1",
                         ansvar != NULL ? " AND ansvar = ?3" : "");
  stmt = vv_db_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, LINE_ROWID (import_id, 0));
  sqlite3_bind_int64 (stmt, 2, LINE_ROWID (import_id, MAX_LINE_NO));
  if (ansvar != NULL)
    sqlite3_bind_text (stmt, 3, ansvar, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint64 line_no = (guint64) (sqlite3_column_int64 (stmt, 0) & MAX_LINE_NO);

      g_array_append_val (line_nos, line_no);
      if ((++n & 0xffff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }
  if (rc != SQLITE_DONE)
    {
      vv_db_set_error (db, rc, error);
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&line_nos);
}
