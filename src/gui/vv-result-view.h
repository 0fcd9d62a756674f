/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-result-view.h: the guide's result: the function(s) and shares, why,
 * why not the other function, advice, the quoted guidance, the rule
 * version a saved case was decided under, and the case's title and save
 * state. A view over a VvInterview; its buttons activate guide.* actions.
 */
#pragma once

#include <adwaita.h>

#include "vv-interview.h"

G_BEGIN_DECLS

#define VV_TYPE_RESULT_VIEW (vv_result_view_get_type ())

G_DECLARE_FINAL_TYPE (VvResultView, vv_result_view, VV, RESULT_VIEW, AdwBin)

GtkWidget   *vv_result_view_new              (void);
VvInterview *vv_result_view_get_interview    (VvResultView *self);
void         vv_result_view_set_interview    (VvResultView *self,
                                              VvInterview  *interview);
gboolean     vv_result_view_get_presentation (VvResultView *self);
void         vv_result_view_set_presentation (VvResultView *self,
                                              gboolean      presentation);
const char  *vv_result_view_get_title_text   (VvResultView *self);

G_END_DECLS
