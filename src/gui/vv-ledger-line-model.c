/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-ledger-line-model"

#include "config.h"

#include "vv-ledger-line-item.h"
#include "vv-ledger-line-model.h"
#include "vv-ledger-store.h"

/* Lines are read from SQLite a page at a time when the view asks for them,
 * and only a few pages are kept: a million lines cost a million line numbers
 * (8 MB), not a million objects. */
#define PAGE_SIZE 128
#define MAX_PAGES 32

struct _VvLedgerLineModel
{
  GObject     parent_instance;

  /* Owned */
  VvDb       *db;
  gint64      import_id;
  GArray     *line_nos;   /* guint64 */
  GHashTable *pages;      /* page index → GPtrArray of VvLedgerLineItem */
  guint       n_fetched;  /* lines read from the database so far */
};

static void vv_ledger_line_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VvLedgerLineModel, vv_ledger_line_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      vv_ledger_line_model_list_model_init))

/* helpers */

static GPtrArray *
fetch_page (VvLedgerLineModel *self,
            guint              page)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *items;
  guint first = page * PAGE_SIZE;
  guint n = MIN (PAGE_SIZE, self->line_nos->len - first);

  g_assert (first < self->line_nos->len);

  items = g_ptr_array_new_with_free_func (g_object_unref);
  lines = vv_ledger_store_get_lines (self->db, self->import_id,
                                     &g_array_index (self->line_nos, guint64, first), n, &error);
  if (lines == NULL)
    g_debug ("Cannot read ledger lines: %s", error->message);
  else
    {
      /* The store returns the found lines in the order asked for. */
      for (guint i = 0; i < lines->len; i++)
        g_ptr_array_add (items, vv_ledger_line_item_new (g_steal_pointer (&lines->pdata[i])));
      self->n_fetched += lines->len;
    }
  if (g_hash_table_size (self->pages) >= MAX_PAGES)
    g_hash_table_remove_all (self->pages);
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), items);
  return items;
}

/* GListModel */

static GType
vv_ledger_line_model_get_item_type (GListModel *model)
{
  return VV_TYPE_LEDGER_LINE_ITEM;
}

static guint
vv_ledger_line_model_get_n_items (GListModel *model)
{
  return VV_LEDGER_LINE_MODEL (model)->line_nos->len;
}

static gpointer
vv_ledger_line_model_get_item (GListModel *model,
                               guint       position)
{
  VvLedgerLineModel *self = VV_LEDGER_LINE_MODEL (model);
  guint page = position / PAGE_SIZE;
  GPtrArray *items;

  if (position >= self->line_nos->len)
    return NULL;
  items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (items == NULL)
    items = fetch_page (self, page);
  if (position % PAGE_SIZE >= items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (items, position % PAGE_SIZE));
}

static void
vv_ledger_line_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = vv_ledger_line_model_get_item_type;
  iface->get_n_items = vv_ledger_line_model_get_n_items;
  iface->get_item = vv_ledger_line_model_get_item;
}

/* overrides */

static void
vv_ledger_line_model_finalize (GObject *object)
{
  VvLedgerLineModel *self = VV_LEDGER_LINE_MODEL (object);

  g_clear_object (&self->db);
  g_clear_pointer (&self->line_nos, g_array_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);

  G_OBJECT_CLASS (vv_ledger_line_model_parent_class)->finalize (object);
}

static void
vv_ledger_line_model_class_init (VvLedgerLineModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vv_ledger_line_model_finalize;
}

static void
vv_ledger_line_model_init (VvLedgerLineModel *self)
{
  self->line_nos = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
}

/* line numbers, in any thread */

static GArray *
query_line_nos (VvDb        *db,
                gint64       import_id,
                const char  *condition,
                const char  *ansvar,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) line_nos = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autofree char *sql = NULL;
  int rc;

  sql = g_strdup_printf ("SELECT id FROM ledger_lines WHERE id BETWEEN ?1 AND ?2 AND (%s)%s "
                         "ORDER BY id", condition != NULL ? condition : "1",
                         ansvar != NULL ? " AND ansvar = ?3" : "");
  stmt = vv_db_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, import_id << 32);
  sqlite3_bind_int64 (stmt, 2, (import_id << 32) | G_GINT64_CONSTANT (0xffffffff));
  if (ansvar != NULL)
    sqlite3_bind_text (stmt, 3, ansvar, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint64 line_no = (guint64) sqlite3_column_int64 (stmt, 0) & 0xffffffff;

      g_array_append_val (line_nos, line_no);
    }
  if (rc != SQLITE_DONE)
    {
      vv_db_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&line_nos);
}

typedef struct
{
  char   *db_path;
  char   *condition;
  char   *ansvar;
  gint64  import_id;
  VvDb   *db;          /* the caller's, used by the model in the main thread */
} QueryData;

static void
query_data_free (QueryData *data)
{
  g_free (data->db_path);
  g_free (data->condition);
  g_free (data->ansvar);
  g_clear_object (&data->db);
  g_free (data);
}

static void
query_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  QueryData *data = task_data;
  g_autoptr(VvDb) db = NULL;
  GError *error = NULL;
  GArray *line_nos;

  db = vv_db_open (data->db_path, &error);
  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  line_nos = query_line_nos (db, data->import_id, data->condition, data->ansvar, &error);
  if (line_nos == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, line_nos, (GDestroyNotify) g_array_unref);
}

/* public API */

/*
 * vv_ledger_line_model_new_query:
 * @condition: (nullable): an SQL expression over the ledger_lines columns;
 *   %NULL for every line of the import
 * @ansvar: (nullable): only the lines of this ansvar
 *
 * Only the matching line numbers are read now; the lines themselves when
 * the view asks for them. Blocks: for a large import use
 * vv_ledger_line_model_query_async().
 */
VvLedgerLineModel *
vv_ledger_line_model_new_query (VvDb        *db,
                                gint64       import_id,
                                const char  *condition,
                                const char  *ansvar,
                                GError     **error)
{
  g_autoptr(GArray) line_nos = NULL;

  g_return_val_if_fail (VV_IS_DB (db), NULL);

  line_nos = query_line_nos (db, import_id, condition, ansvar, error);
  if (line_nos == NULL)
    return NULL;
  return vv_ledger_line_model_new_lines (db, import_id, (const guint64 *) line_nos->data,
                                         line_nos->len);
}

/*
 * vv_ledger_line_model_query_async:
 *
 * Like vv_ledger_line_model_new_query(), with the line numbers looked up
 * in a worker thread on its own connection to @db's file.
 */
void
vv_ledger_line_model_query_async (VvDb                *db,
                                  gint64               import_id,
                                  const char          *condition,
                                  const char          *ansvar,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  QueryData *data;

  g_return_if_fail (VV_IS_DB (db));

  data = g_new0 (QueryData, 1);
  data->db_path = g_strdup (vv_db_get_path (db));
  data->condition = g_strdup (condition);
  data->ansvar = g_strdup (ansvar);
  data->import_id = import_id;
  data->db = g_object_ref (db);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, vv_ledger_line_model_query_async);
  g_task_set_task_data (task, data, (GDestroyNotify) query_data_free);
  g_task_run_in_thread (task, query_thread);
}

VvLedgerLineModel *
vv_ledger_line_model_query_finish (GAsyncResult  *result,
                                   GError       **error)
{
  QueryData *data;
  g_autoptr(GArray) line_nos = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        vv_ledger_line_model_query_async, NULL);

  line_nos = g_task_propagate_pointer (G_TASK (result), error);
  if (line_nos == NULL)
    return NULL;
  data = g_task_get_task_data (G_TASK (result));
  return vv_ledger_line_model_new_lines (data->db, data->import_id,
                                         (const guint64 *) line_nos->data, line_nos->len);
}

VvLedgerLineModel *
vv_ledger_line_model_new_lines (VvDb          *db,
                                gint64         import_id,
                                const guint64 *line_nos,
                                guint          n_line_nos)
{
  VvLedgerLineModel *self;

  g_return_val_if_fail (VV_IS_DB (db), NULL);
  g_return_val_if_fail (line_nos != NULL || n_line_nos == 0, NULL);

  self = g_object_new (VV_TYPE_LEDGER_LINE_MODEL, NULL);
  self->db = g_object_ref (db);
  self->import_id = import_id;
  g_array_append_vals (self->line_nos, line_nos, n_line_nos);
  return self;
}

guint
vv_ledger_line_model_get_n_fetched (VvLedgerLineModel *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_LINE_MODEL (self), 0);

  return self->n_fetched;
}
