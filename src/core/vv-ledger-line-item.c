/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-ledger-line-item"

#include "config.h"

#include "vv-ledger-line-item.h"

struct _VvLedgerLineItem
{
  GObject       parent_instance;

  /* Owned */
  VvStoredLine *line;
};

G_DEFINE_FINAL_TYPE (VvLedgerLineItem, vv_ledger_line_item, G_TYPE_OBJECT)

static void
vv_ledger_line_item_finalize (GObject *object)
{
  VvLedgerLineItem *self = VV_LEDGER_LINE_ITEM (object);

  g_clear_pointer (&self->line, vv_stored_line_free);

  G_OBJECT_CLASS (vv_ledger_line_item_parent_class)->finalize (object);
}

static void
vv_ledger_line_item_class_init (VvLedgerLineItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vv_ledger_line_item_finalize;
}

static void
vv_ledger_line_item_init (VvLedgerLineItem *self)
{
}

/* Takes ownership of @line. */
VvLedgerLineItem *
vv_ledger_line_item_new (VvStoredLine *line)
{
  VvLedgerLineItem *self = g_object_new (VV_TYPE_LEDGER_LINE_ITEM, NULL);

  g_return_val_if_fail (line != NULL, NULL);

  self->line = line;
  return self;
}

const VvStoredLine *
vv_ledger_line_item_get_line (VvLedgerLineItem *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_LINE_ITEM (self), NULL);

  return self->line;
}
