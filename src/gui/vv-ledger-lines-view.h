/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VV_TYPE_LEDGER_LINES_VIEW (vv_ledger_lines_view_get_type ())

G_DECLARE_FINAL_TYPE (VvLedgerLinesView, vv_ledger_lines_view, VV, LEDGER_LINES_VIEW, AdwBin)

GtkWidget  *vv_ledger_lines_view_new         (void);
void        vv_ledger_lines_view_set_loading (VvLedgerLinesView *self,
                                              const char        *title);
void        vv_ledger_lines_view_set_lines   (VvLedgerLinesView *self,
                                              const char        *title,
                                              GListModel        *lines);
GListModel *vv_ledger_lines_view_get_lines   (VvLedgerLinesView *self);
guint       vv_ledger_lines_view_get_n_shown (VvLedgerLinesView *self);
void        vv_ledger_lines_view_search      (VvLedgerLinesView *self,
                                              const char        *text);

G_END_DECLS
