/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vv-case.h"
#include "vv-classifier.h"
#include "vv-context.h"
#include "vv-interview.h"

G_BEGIN_DECLS

#define VV_TYPE_GUIDE_PAGE (vv_guide_page_get_type ())

G_DECLARE_FINAL_TYPE (VvGuidePage, vv_guide_page, VV, GUIDE_PAGE, AdwBin)

GtkWidget      *vv_guide_page_new              (void);
VvInterview    *vv_guide_page_get_interview    (VvGuidePage   *self);
int             vv_guide_page_get_year         (VvGuidePage   *self);
void            vv_guide_page_set_year         (VvGuidePage   *self,
                                                int            year);
const char     *vv_guide_page_get_current_node (VvGuidePage   *self);
gboolean        vv_guide_page_get_finished     (VvGuidePage   *self);
const VvResult *vv_guide_page_get_result       (VvGuidePage   *self);
JsonObject     *vv_guide_page_dup_facts        (VvGuidePage   *self);
GStrv           vv_guide_page_dup_path         (VvGuidePage   *self);
gboolean        vv_guide_page_answer           (VvGuidePage   *self,
                                                const char    *fact_id,
                                                const char    *value,
                                                GError       **error);
void            vv_guide_page_edit             (VvGuidePage   *self,
                                                const char    *node_id);
void            vv_guide_page_back             (VvGuidePage   *self);
void            vv_guide_page_reset            (VvGuidePage   *self);
gboolean        vv_guide_page_undo_reset       (VvGuidePage   *self);
gboolean        vv_guide_page_load_case        (VvGuidePage   *self,
                                                const VvCase  *kase,
                                                GError       **error);
char           *vv_guide_page_dup_summary      (VvGuidePage   *self);
gboolean        vv_guide_page_get_presentation (VvGuidePage   *self);
void            vv_guide_page_set_presentation (VvGuidePage   *self,
                                                gboolean       presentation);
void            vv_guide_page_export_pdf       (VvGuidePage   *self,
                                                GFile         *file);
gboolean        vv_guide_page_print            (VvGuidePage   *self,
                                                const char    *export_path,
                                                GError       **error);
VvContext      *vv_guide_page_get_context      (VvGuidePage   *self);
void            vv_guide_page_set_context      (VvGuidePage   *self,
                                                VvContext     *context);

G_END_DECLS
