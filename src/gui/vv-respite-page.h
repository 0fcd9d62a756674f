/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vv-context.h"
#include "vv-rules.h"

G_BEGIN_DECLS

#define VV_TYPE_RESPITE_PAGE (vv_respite_page_get_type ())

G_DECLARE_FINAL_TYPE (VvRespitePage, vv_respite_page, VV, RESPITE_PAGE, AdwBin)

GtkWidget          *vv_respite_page_new           (void);
const char         *vv_respite_page_get_place     (VvRespitePage *self);
void                vv_respite_page_set_place     (VvRespitePage *self,
                                                   const char    *place);
int                 vv_respite_page_get_age       (VvRespitePage *self);
void                vv_respite_page_set_age       (VvRespitePage *self,
                                                   int            age);
gboolean            vv_respite_page_get_overnight (VvRespitePage *self);
void                vv_respite_page_set_overnight (VvRespitePage *self,
                                                   gboolean       overnight);
const char         *vv_respite_page_get_function  (VvRespitePage *self);
const VvRespiteRow *vv_respite_page_get_row       (VvRespitePage *self);
const VvNote       *vv_respite_page_get_note      (VvRespitePage *self);
char               *vv_respite_page_dup_answer    (VvRespitePage *self);
VvContext *vv_respite_page_get_context (VvRespitePage *self);
void       vv_respite_page_set_context (VvRespitePage *self,
                                       VvContext *context);

G_END_DECLS
