/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vv-context.h"
#include "vv-ledger-session.h"

G_BEGIN_DECLS

#define VV_TYPE_LEDGER_PAGE (vv_ledger_page_get_type ())

G_DECLARE_FINAL_TYPE (VvLedgerPage, vv_ledger_page, VV, LEDGER_PAGE, AdwBin)

GtkWidget  *vv_ledger_page_new              (void);
VvLedgerSession *vv_ledger_page_get_session (VvLedgerPage    *self);
void        vv_ledger_page_set_session      (VvLedgerPage    *self,
                                             VvLedgerSession *session);
void        vv_ledger_page_load             (VvLedgerPage    *self);
void        vv_ledger_page_import           (VvLedgerPage    *self,
                                             const char      *path,
                                             const char      *units_path,
                                             VvLedgerReader  *reader);
void        vv_ledger_page_open_import      (VvLedgerPage    *self,
                                             const char      *path);
void        vv_ledger_page_show_import      (VvLedgerPage    *self,
                                             gint64           import_id);
gboolean    vv_ledger_page_delete_import    (VvLedgerPage    *self,
                                             gint64           import_id,
                                             GError         **error);
void        vv_ledger_page_cancel           (VvLedgerPage    *self);
gboolean    vv_ledger_page_get_busy         (VvLedgerPage    *self);
gint64      vv_ledger_page_get_import_id    (VvLedgerPage    *self);
VvSplit    *vv_ledger_page_get_split        (VvLedgerPage    *self);
GListModel *vv_ledger_page_get_lines_model  (VvLedgerPage    *self);
gboolean    vv_ledger_page_show_finding     (VvLedgerPage    *self,
                                             guint            index,
                                             GError         **error);
gboolean    vv_ledger_page_assign_unit      (VvLedgerPage    *self,
                                             const char      *ansvar,
                                             const char      *allocation,
                                             GError         **error);
void        vv_ledger_page_export_csv       (VvLedgerPage    *self,
                                             GFile           *file);
void        vv_ledger_page_export_pdf       (VvLedgerPage    *self,
                                             GFile           *file);
VvContext *vv_ledger_page_get_context (VvLedgerPage *self);
void       vv_ledger_page_set_context (VvLedgerPage *self,
                                      VvContext *context);

G_END_DECLS
