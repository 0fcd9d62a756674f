/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-context.h: what the application shares with its window and pages —
 * the database, the case store, the rules and the settings. The application
 * makes one; the window and every page have a "context" property bound from
 * above (GNOME Calendar's GcalContext).
 */
#pragma once

#include <gio/gio.h>

#include "vv-case-store.h"
#include "vv-db.h"
#include "vv-ledger-session.h"
#include "vv-rules.h"

G_BEGIN_DECLS

#define VV_TYPE_CONTEXT (vv_context_get_type ())

G_DECLARE_FINAL_TYPE (VvContext, vv_context, VV, CONTEXT, GObject)

VvContext   *vv_context_new                 (GSettings     *settings,
                                             VvRules       *rules,
                                             const char    *db_path);
VvContext   *vv_context_new_default         (void);
GSettings   *vv_context_get_settings        (VvContext     *self);
gboolean     vv_context_has_setting         (VvContext     *self,
                                             const char    *key);
VvRules     *vv_context_get_rules           (VvContext     *self);
const char  *vv_context_get_db_path         (VvContext     *self);
VvDb        *vv_context_get_db              (VvContext     *self,
                                             GError       **error);
VvCaseStore *vv_context_get_case_store      (VvContext     *self,
                                             GError       **error);

VvLedgerSession *vv_context_get_ledger_session (VvContext *self,
                                                GError   **error);

G_END_DECLS
