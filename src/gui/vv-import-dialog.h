/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vv-ledger-session.h"

G_BEGIN_DECLS

#define VV_TYPE_IMPORT_DIALOG (vv_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VvImportDialog, vv_import_dialog, VV, IMPORT_DIALOG, AdwWindow)

VvImportDialog *vv_import_dialog_new                 (VvLedgerSession *session,
                                                      const char      *path,
                                                      GError         **error);
const char     *vv_import_dialog_get_path            (VvImportDialog *self);
VvLedgerReader *vv_import_dialog_get_reader          (VvImportDialog *self);
const char     *vv_import_dialog_get_units_path      (VvImportDialog *self);
void            vv_import_dialog_set_units_path      (VvImportDialog *self,
                                                      const char     *units_path);
gboolean        vv_import_dialog_get_mapping_applied (VvImportDialog *self);
guint           vv_import_dialog_get_n_preview_lines (VvImportDialog *self);
guint           vv_import_dialog_get_n_preview_rejects (VvImportDialog *self);
void            vv_import_dialog_set_column          (VvImportDialog *self,
                                                      VvLedgerColumn  role,
                                                      int             index);
const char     *vv_import_dialog_get_import_reason   (VvImportDialog *self);
gboolean        vv_import_dialog_get_busy            (VvImportDialog *self);

G_END_DECLS
