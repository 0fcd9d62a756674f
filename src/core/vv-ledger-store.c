/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-ledger-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vv-ledger-chunks-private.h"
#include "vv-ledger-store-private.h"
#include "vv-ledger-store.h"

/* Imported ledgers: listing, deleting, and reading their lines and rejects
 * back from the chunks. Importing is in vv-ledger-store-import.c, the units
 * register in vv-ledger-store-units.c, column mappings in
 * vv-ledger-store-mappings.c, the chunk codec in vv-ledger-chunks.c. */

G_DEFINE_QUARK (vv-ledger-store-error-quark, vv_ledger_store_error)

static gboolean
set_corrupt_error (VvDb    *db,
                   GError **error)
{
  return vv_db_set_error (db, SQLITE_CORRUPT, error);
}

static VvLedgerImport *
import_from_row (sqlite3_stmt *stmt)
{
  VvLedgerImport *import = g_new0 (VvLedgerImport, 1);

  import->id = sqlite3_column_int64 (stmt, 0);
  import->file_name = g_strdup (_vv_ledger_store_column_text (stmt, 1));
  import->sha256 = g_strdup (_vv_ledger_store_column_text (stmt, 2));
  import->size = sqlite3_column_int64 (stmt, 3);
  import->format = g_strdup (_vv_ledger_store_column_text (stmt, 4));
  import->layout_key = g_strdup (_vv_ledger_store_column_text (stmt, 5));
  import->year = sqlite3_column_int (stmt, 6);
  import->lines = sqlite3_column_int64 (stmt, 7);
  import->rejected = sqlite3_column_int64 (stmt, 8);
  import->created = sqlite3_column_int64 (stmt, 9);
  import->region = g_strdup (_vv_ledger_store_column_text (stmt, 10));
  import->amount_column = g_strdup (_vv_ledger_store_column_text (stmt, 11));
  import->unit = g_strdup (_vv_ledger_store_column_text (stmt, 12));
  import->sheet = g_strdup (_vv_ledger_store_column_text (stmt, 13));
  import->art_column = sqlite3_column_type (stmt, 14) == SQLITE_NULL
                       ? -1 : sqlite3_column_int (stmt, 14);
  import->separator = _vv_ledger_store_column_text (stmt, 15) != NULL
                      ? _vv_ledger_store_column_text (stmt, 15)[0] : 0;
  import->function_code = g_strdup (_vv_ledger_store_column_text (stmt, 16));
  import->function_code_example = g_strdup (_vv_ledger_store_column_text (stmt, 17));
  import->lines_service_code = sqlite3_column_int64 (stmt, 18);
  return import;
}


static VvStoredLine *
stored_line_new (gint64           import_id,
                 const VvLedgerChunkLine *l)
{
  VvStoredLine *line = g_new0 (VvStoredLine, 1);

  line->import_id = import_id;
  line->line_no = l->line_no;
  line->year = l->year;
  line->period = l->period;
  line->ansvar = g_strndup (l->ansvar, l->ansvar_len);
  line->function = l->function;
  line->art = l->art;
  line->account_class = l->account_class;
  line->amount_ore = l->amount_ore;
  line->text = g_strndup (l->text, l->text_len);
  line->raw = g_strndup (l->raw, l->raw_len);
  return line;
}

/**
 * vv_ledger_store_list_imports:
 * @db: the database
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable) (element-type VvLedgerImport): all
 *   imports, newest first
 */
GPtrArray *
vv_ledger_store_list_imports (VvDb    *db,
                              GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) vv_ledger_import_free);
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), NULL);

  stmt = vv_db_prepare (db, "SELECT " IMPORT_COLUMNS " FROM imports ORDER BY id DESC", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, import_from_row (stmt));
  if (rc != SQLITE_DONE)
    return vv_db_set_error (db, rc, error), NULL;
  return g_steal_pointer (&list);
}

/**
 * vv_ledger_store_get_import:
 * @db: the database
 * @import_id: the import
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the import
 */
VvLedgerImport *
vv_ledger_store_get_import (VvDb    *db,
                            gint64   import_id,
                            GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), NULL);

  stmt = vv_db_prepare (db, "SELECT " IMPORT_COLUMNS " FROM imports WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, import_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return import_from_row (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, VV_LEDGER_STORE_ERROR, VV_LEDGER_STORE_ERROR_NOT_FOUND,
                   _("Import %lld was not found."), (long long) import_id);
      return NULL;
    }
  return vv_db_set_error (db, rc, error), NULL;
}

/**
 * vv_ledger_store_delete_import:
 * @db: the database
 * @import_id: the import
 * @error: return location for a #GError
 *
 * Deletes an import with its lines and rejects.
 *
 * Returns: %TRUE on success
 */
gboolean
vv_ledger_store_delete_import (VvDb    *db,
                               gint64   import_id,
                               GError **error)
{
  g_autoptr(sqlite3_stmt) lines = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), FALSE);

  if (!vv_db_begin (db, error))
    return FALSE;
  lines = vv_db_prepare (db, "DELETE FROM main.ledger_chunks WHERE id BETWEEN ?1 AND ?2", error);
  stmt = vv_db_prepare (db, "DELETE FROM imports WHERE id = ?1", error);
  if (lines == NULL || stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (lines, 1, LINE_ROWID (import_id, 0));
  sqlite3_bind_int64 (lines, 2, LINE_ROWID (import_id, MAX_LINE_NO));
  rc = sqlite3_step (lines);
  if (rc != SQLITE_DONE)
    {
      vv_db_set_error (db, rc, error);
      goto fail;
    }
  sqlite3_bind_int64 (stmt, 1, import_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      vv_db_set_error (db, rc, error);
      goto fail;
    }
  if (sqlite3_changes (vv_db_get_handle (db)) == 0)
    {
      g_set_error (error, VV_LEDGER_STORE_ERROR, VV_LEDGER_STORE_ERROR_NOT_FOUND,
                   _("Import %lld was not found."), (long long) import_id);
      goto fail;
    }
  return vv_db_commit (db, error) || (vv_db_rollback (db), FALSE);

fail:
  vv_db_rollback (db);
  return FALSE;
}

/**
 * vv_ledger_store_get_lines:
 * @db: the database
 * @import_id: the import
 * @line_nos: (array length=n_line_nos): physical line numbers in the file
 * @n_line_nos: the number of @line_nos
 * @error: return location for a #GError
 *
 * Fetches stored lines for drill-down, in the order asked for. Line numbers
 * that were not stored (rejected lines, blank lines, the header) are left out.
 *
 * Returns: (transfer full) (nullable) (element-type VvStoredLine): the lines
 */
GPtrArray *
vv_ledger_store_get_lines (VvDb           *db,
                           gint64          import_id,
                           const guint64  *line_nos,
                           guint           n_line_nos,
                           GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) vv_stored_line_free);
  gboolean have_chunk = FALSE;
  gboolean have_line = FALSE;
  guint64 chunk_last = 0;
  VvLedgerChunk chunk = { 0, };
  VvLedgerChunkCursor cc = { 0, };
  VvLedgerChunkLine l = { 0, };

  g_return_val_if_fail (VV_IS_DB (db), NULL);
  g_return_val_if_fail (line_nos != NULL || n_line_nos == 0, NULL);

  /* The chunk holding a line is the one with the greatest id at or below
   * the line's id. It stays current while the next line asked for is in
   * it too, and is read on from the last line found while the lines come
   * in order, which is the usual case. */
  stmt = vv_db_prepare (db, "SELECT " CHUNK_COLUMNS ", last_line FROM main.ledger_chunks "
                            "WHERE id BETWEEN ?1 AND ?2 ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < n_line_nos; i++)
    {
      guint64 line_no = line_nos[i];

      if (line_no > (guint64) MAX_LINE_NO)
        continue;
      if (!have_chunk || line_no < (guint64) (chunk.id & MAX_LINE_NO) || line_no > chunk_last)
        {
          int rc;

          sqlite3_reset (stmt);
          have_chunk = have_line = FALSE;
          sqlite3_bind_int64 (stmt, 1, LINE_ROWID (import_id, 0));
          sqlite3_bind_int64 (stmt, 2, LINE_ROWID (import_id, line_no));
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_DONE)
            continue;
          if (rc != SQLITE_ROW)
            return vv_db_set_error (db, rc, error), NULL;
          if (!_vv_ledger_chunk_from_row (stmt, 0, &chunk))
            return set_corrupt_error (db, error), NULL;
          chunk_last = (guint64) sqlite3_column_int64 (stmt, 4);
          have_chunk = TRUE;
          _vv_ledger_chunk_cursor_init (&cc, &chunk);
        }
      else if (have_line && line_no < l.line_no)
        {
          _vv_ledger_chunk_cursor_init (&cc, &chunk);
          have_line = FALSE;
        }
      while (!have_line || l.line_no < line_no)
        {
          if (cc.i >= chunk.n)
            break;
          if (!_vv_ledger_chunk_cursor_next (&cc, &l))
            return set_corrupt_error (db, error), NULL;
          have_line = TRUE;
        }
      if (have_line && l.line_no == line_no)
        g_ptr_array_add (lines, stored_line_new (import_id, &l));
    }
  return g_steal_pointer (&lines);
}

/**
 * vv_ledger_store_get_rejects:
 * @db: the database
 * @import_id: the import
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable) (element-type VvStoredReject): the
 *   lines that could not be read, by line number
 */
GPtrArray *
vv_ledger_store_get_rejects (VvDb    *db,
                             gint64   import_id,
                             GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) vv_stored_reject_free);
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), NULL);

  stmt = vv_db_prepare (db, "SELECT line_no, field, message FROM import_rejects "
                            "WHERE import_id = ?1 ORDER BY line_no, rowid", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, import_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      VvStoredReject *r = g_new0 (VvStoredReject, 1);

      r->line_no = sqlite3_column_int64 (stmt, 0);
      r->field = g_strdup (_vv_ledger_store_column_text (stmt, 1));
      r->message = g_strdup (_vv_ledger_store_column_text (stmt, 2));
      g_ptr_array_add (list, r);
    }
  if (rc != SQLITE_DONE)
    return vv_db_set_error (db, rc, error), NULL;
  return g_steal_pointer (&list);
}

/**
 * vv_ledger_store_foreach_line:
 * @db: the database
 * @import_id: the import
 * @line_func: (scope call): called for each stored line, in file order;
 *   return %FALSE to stop
 * @user_data: data for @line_func
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Replays a stored import as #VvLedgerLine records, so that the split can
 * be computed without the original file. The records' strings are only
 * valid during the call.
 *
 * Returns: %TRUE if every line was handed over
 */
gboolean
vv_ledger_store_foreach_line (VvDb              *db,
                              gint64             import_id,
                              VvLedgerLineFunc   line_func,
                              gpointer           user_data,
                              GCancellable      *cancellable,
                              GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) ansvar = g_string_sized_new (32);
  g_autoptr(GString) text = g_string_sized_new (256);
  g_autoptr(GString) raw = g_string_sized_new (1024);
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), FALSE);
  g_return_val_if_fail (line_func != NULL, FALSE);

  stmt = vv_db_prepare (db, "SELECT " CHUNK_COLUMNS " FROM main.ledger_chunks "
                            "WHERE id BETWEEN ?1 AND ?2 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, LINE_ROWID (import_id, 0));
  sqlite3_bind_int64 (stmt, 2, LINE_ROWID (import_id, MAX_LINE_NO));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      VvLedgerChunk chunk;
      VvLedgerChunkCursor cc;

      if (!_vv_ledger_chunk_from_row (stmt, 0, &chunk))
        return set_corrupt_error (db, error);
      _vv_ledger_chunk_cursor_init (&cc, &chunk);
      for (guint i = 0; i < chunk.n; i++)
        {
          VvLedgerLine line = { 0, };
          VvLedgerChunkLine l;

          if (!_vv_ledger_chunk_cursor_next (&cc, &l))
            return set_corrupt_error (db, error);
          /* the callback gets NUL-terminated strings */
          g_string_truncate (ansvar, 0);
          g_string_append_len (ansvar, l.ansvar, l.ansvar_len);
          g_string_truncate (text, 0);
          g_string_append_len (text, l.text, l.text_len);
          g_string_truncate (raw, 0);
          g_string_append_len (raw, l.raw, l.raw_len);
          line.line_no = l.line_no;
          line.year = l.year;
          line.period = l.period;
          line.ansvar = ansvar->str;
          line.function = l.function;
          line.art = l.art;
          line.account_class = l.account_class;
          line.amount_ore = l.amount_ore;
          line.text = text->str;
          line.raw = raw->str;
          line.raw_len = raw->len;
          line.tjeneste = "";
          if (!line_func (&line, user_data) ||
              ((i & 0xff) == 0 && g_cancellable_is_cancelled (cancellable)))
            {
              if (!g_cancellable_set_error_if_cancelled (cancellable, error))
                g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_CANCELLED, _("Stopped."));
              return FALSE;
            }
        }
    }
  if (rc != SQLITE_DONE)
    return vv_db_set_error (db, rc, error);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return TRUE;
}

/**
 * vv_ledger_import_free:
 * @import: (nullable): a #VvLedgerImport
 */
void
vv_ledger_import_free (VvLedgerImport *import)
{
  if (import == NULL)
    return;
  g_free (import->file_name);
  g_free (import->sha256);
  g_free (import->format);
  g_free (import->layout_key);
  g_free (import->region);
  g_free (import->amount_column);
  g_free (import->unit);
  g_free (import->sheet);
  g_free (import->function_code);
  g_free (import->function_code_example);
  g_free (import);
}

/**
 * vv_stored_line_free:
 * @line: (nullable): a #VvStoredLine
 */
void
vv_stored_line_free (VvStoredLine *line)
{
  if (line == NULL)
    return;
  g_free (line->ansvar);
  g_free (line->text);
  g_free (line->raw);
  g_free (line);
}

/**
 * vv_stored_reject_free:
 * @reject: (nullable): a #VvStoredReject
 */
void
vv_stored_reject_free (VvStoredReject *reject)
{
  if (reject == NULL)
    return;
  g_free (reject->field);
  g_free (reject->message);
  g_free (reject);
}
