/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-ledger-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vv-ledger-line-model.h"
#include "vv-ledger-session-private.h"

/* The lines behind a finding: the condition the split derives from the
 * rule data is run by the store in a worker thread; the lines come back as
 * a lazily paged model of typed rows. */

typedef struct
{
  char    *db_path;
  char    *condition;
  char    *ansvar;
  gint64   import_id;
  GArray  *line_nos;
} LinesData;

/* helpers */

static void
lines_data_free (LinesData *data)
{
  g_free (data->db_path);
  g_free (data->condition);
  g_free (data->ansvar);
  g_clear_pointer (&data->line_nos, g_array_unref);
  g_free (data);
}

/* worker thread */

static void
find_lines_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  LinesData *data = task_data;
  g_autoptr(VvDb) db = NULL;
  GError *error = NULL;

  db = vv_db_open (data->db_path, &error);
  if (db != NULL)
    data->line_nos = vv_ledger_store_find_lines (db, data->import_id, data->condition,
                                                 data->ansvar, cancellable, &error);
  if (data->line_nos == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* public API */

/**
 * vv_ledger_session_finding_lines_async:
 * @index: a finding of vv_split_get_findings() of the split shown
 *
 * Looks up the ledger lines behind a finding (in a worker thread for a
 * large import). Runs beside the other steps.
 */
void
vv_ledger_session_finding_lines_async (VvLedgerSession     *self,
                                       guint                index,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const VvLedgerImport *import;
  VvSplit *split;
  GPtrArray *findings;
  const VvSplitFinding *f;
  gboolean by_ansvar = TRUE;
  LinesData *data;
  VvDb *db;

  g_return_if_fail (VV_IS_LEDGER_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vv_ledger_session_finding_lines_async);
  data = g_new0 (LinesData, 1);
  g_task_set_task_data (task, data, (GDestroyNotify) lines_data_free);

  db = _vv_ledger_session_get_active_db (self);
  split = vv_ledger_session_get_split (self);
  import = vv_ledger_session_get_import (self);
  findings = split != NULL ? vv_split_get_findings (split) : NULL;
  if (db == NULL || import == NULL || findings == NULL || index >= findings->len)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s",
                               _("No such finding"));
      return;
    }
  f = g_ptr_array_index (findings, index);
  data->import_id = import->id;
  if (f->kind == VV_SPLIT_FINDING_REJECTED_LINE)
    {
      /* Their lines were never stored: see vv_ledger_session_get_rejects(). */
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                               _("Rejected lines are not stored"));
      return;
    }
  data->condition = vv_split_finding_condition (split, f, &by_ansvar);
  if (data->condition == NULL)
    {
      /* No condition: the line numbers the finding kept are all there is. */
      data->line_nos = g_array_sized_new (FALSE, FALSE, sizeof (guint64), f->lines->len);
      g_array_append_vals (data->line_nos, f->lines->data, f->lines->len);
      g_task_return_boolean (task, TRUE);
      return;
    }
  data->db_path = g_strdup (vv_db_get_path (db));
  data->ansvar = by_ansvar ? g_strdup (f->ansvar) : NULL;
  g_task_run_in_thread (task, find_lines_thread);
}

/**
 * vv_ledger_session_finding_lines_finish:
 *
 * Returns: (transfer full) (nullable): a #GListModel of #VvLedgerLineItem,
 *   read from the database a page at a time as they are asked for
 */
GListModel *
vv_ledger_session_finding_lines_finish (VvLedgerSession  *self,
                                        GAsyncResult     *result,
                                        GError          **error)
{
  LinesData *data;
  VvDb *db;

  g_return_val_if_fail (VV_IS_LEDGER_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        vv_ledger_session_finding_lines_async, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  data = g_task_get_task_data (G_TASK (result));
  db = _vv_ledger_session_get_active_db (self);
  if (db == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s", _("No database is open"));
      return NULL;
    }
  return G_LIST_MODEL (vv_ledger_line_model_new_lines (db, data->import_id,
                                                       (const guint64 *) data->line_nos->data,
                                                       data->line_nos->len));
}
