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

/* public API */

/**
 * vv_ledger_line_model_new_lines:
 * @db: the database the lines are read from, in the thread that uses the model
 * @import_id: the import
 * @line_nos: (array length=n_line_nos): line numbers, in the order to show
 * @n_line_nos: their number
 *
 * A list of #VvLedgerLineItem read from @db a page at a time, when asked
 * for: a million lines cost a million line numbers, not a million objects.
 *
 * Returns: (transfer full): the model
 */
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

/**
 * vv_ledger_line_model_get_n_fetched:
 * @self: the model
 *
 * Returns: how many lines were read from the database so far (for tests
 *   that prove the model is lazy)
 */
guint
vv_ledger_line_model_get_n_fetched (VvLedgerLineModel *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_LINE_MODEL (self), 0);

  return self->n_fetched;
}

/**
 * vv_ledger_line_model_get_import_id:
 * @self: the model
 *
 * Returns: the import the lines belong to
 */
gint64
vv_ledger_line_model_get_import_id (VvLedgerLineModel *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_LINE_MODEL (self), 0);

  return self->import_id;
}
