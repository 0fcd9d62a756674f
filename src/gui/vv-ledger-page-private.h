/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-ledger-page-private.h: what vv-ledger-page.c,
 * vv-ledger-page-actions.c and vv-ledger-page-export.c share.
 */
#pragma once

#include "vv-ledger-lines-view.h"
#include "vv-ledger-page.h"
#include "vv-ledger-split-view.h"

G_BEGIN_DECLS

#define SAMPLE_LEDGER "sample-2024.csv"
#define SAMPLE_UNITS  "sample-units.csv"

/* The ledger page: a view over a VvLedgerSession (import, units, split,
 * findings) with its split and lines views, the dialogs around them, and
 * the `ledger.` actions. The work itself happens in the session. */
struct _VvLedgerPage
{
  AdwBin             parent_instance;

  /* Template widgets */
  AdwStatusPage     *busy_status;
  VvLedgerLinesView *lines_view;
  GtkProgressBar    *progress_bar;
  VvLedgerSplitView *split_view;
  GtkStack          *stack;

  /* Owned */
  VvContext         *context;
  VvLedgerSession   *session;
  GCancellable      *cancellable;
  GCancellable      *lines_cancellable;
  char              *sample_dir;
  char              *pending_path;  /* the file being imported */
  VvLedgerReader    *pending_reader;
  char              *pending_ansvar;  /* the unit being changed */
  char              *pending_message; /* what the toast says once it is */
  char              *lines_title;
  char              *undo_ansvar;
  VvStoredUnit      *undo_unit;     /* the unit before the last change, NULL if none */
  gboolean           undo_valid;
  gboolean           loaded;
  gboolean           show_progress; /* the running step has the busy page */
};

enum {
  IMPORT_FINISHED,
  EXPORTED,
  N_SIGNALS
};

extern guint _vv_ledger_page_signals[N_SIGNALS];

void          _vv_ledger_page_class_actions_init          (GtkWidgetClass   *widget_class);
void          _vv_ledger_page_update_actions              (VvLedgerPage     *self);
void          _vv_ledger_page_class_export_init           (GtkWidgetClass   *widget_class);
void          _vv_ledger_page_update_export_actions       (VvLedgerPage     *self,
                                                           gboolean          busy);
gboolean      _vv_ledger_page_ensure_session              (VvLedgerPage     *self);
void          _vv_ledger_page_show_toast                  (VvLedgerPage     *self,
                                                           const char       *text);
void          _vv_ledger_page_show_error                  (VvLedgerPage     *self,
                                                           const char       *text);
GtkWindow    *_vv_ledger_page_parent_window               (VvLedgerPage     *self);
GtkWidget    *_vv_ledger_page_message_dialog              (VvLedgerPage     *self,
                                                           const char       *heading,
                                                           const char       *body);
void          _vv_ledger_page_show_message                (VvLedgerPage     *self,
                                                           const char       *heading,
                                                           const char       *body);
void          _vv_ledger_page_show_split_or_empty         (VvLedgerPage     *self);
GCancellable *_vv_ledger_page_begin_step                  (VvLedgerPage     *self,
                                                           const char       *title,
                                                           const char       *description);
void          _vv_ledger_page_end_step                    (VvLedgerPage     *self);
void          _vv_ledger_page_set_unit                    (VvLedgerPage     *self,
                                                           const char       *ansvar,
                                                           const char       *name,
                                                           const char       *allocation,
                                                           const char       *citation,
                                                           const char       *guide,
                                                           const char       *message);
void          _vv_ledger_page_show_latest_import          (VvLedgerPage     *self);
void          _vv_ledger_page_offer_undo_rejects          (VvLedgerPage     *self);
void          _vv_ledger_page_import_done_cb              (GObject          *source,
                                                           GAsyncResult     *result,
                                                           gpointer          user_data);

G_END_DECLS
