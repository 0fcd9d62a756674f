/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vv-case-store.h"
#include "vv-context.h"

G_BEGIN_DECLS

#define VV_TYPE_CASES_PAGE (vv_cases_page_get_type ())

G_DECLARE_FINAL_TYPE (VvCasesPage, vv_cases_page, VV, CASES_PAGE, AdwBin)

GtkWidget   *vv_cases_page_new                 (void);
VvCaseStore *vv_cases_page_get_store           (VvCasesPage  *self);
void         vv_cases_page_set_store           (VvCasesPage  *self,
                                                VvCaseStore  *store);
const char  *vv_cases_page_get_search_text     (VvCasesPage  *self);
void         vv_cases_page_set_search_text     (VvCasesPage  *self,
                                                const char   *text);
GListModel  *vv_cases_page_get_model           (VvCasesPage  *self);
gint64       vv_cases_page_get_editing_id      (VvCasesPage  *self);
const char  *vv_cases_page_get_privacy_warning (VvCasesPage  *self);
guint        vv_cases_page_add_examples        (VvCasesPage  *self,
                                                GError      **error);
void         vv_cases_page_import_file         (VvCasesPage  *self,
                                                GFile        *file);
VvContext *vv_cases_page_get_context (VvCasesPage *self);
void       vv_cases_page_set_context (VvCasesPage *self,
                                     VvContext *context);

G_END_DECLS
