/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "vv-flowchart.h"

G_BEGIN_DECLS

#define VV_TYPE_FLOWCHART_VIEW (vv_flowchart_view_get_type ())

G_DECLARE_FINAL_TYPE (VvFlowchartView, vv_flowchart_view, VV, FLOWCHART_VIEW, GtkWidget)

GtkWidget          *vv_flowchart_view_new           (void);
VvFlowchart        *vv_flowchart_view_get_flowchart (VvFlowchartView    *self);
void                vv_flowchart_view_set_flowchart (VvFlowchartView    *self,
                                                     VvFlowchart        *flowchart);
const char * const *vv_flowchart_view_get_path      (VvFlowchartView    *self);
void                vv_flowchart_view_set_path      (VvFlowchartView    *self,
                                                     const char * const *path);
const char         *vv_flowchart_view_node_at       (VvFlowchartView    *self,
                                                     double              x,
                                                     double              y);
void                vv_flowchart_view_activate_node (VvFlowchartView    *self,
                                                     const char         *node_id);
double              vv_flowchart_view_get_zoom      (VvFlowchartView    *self);
void                vv_flowchart_view_set_zoom      (VvFlowchartView    *self,
                                                     double              zoom);
void                vv_flowchart_view_set_center_current (VvFlowchartView *self,
                                                     gboolean            center);
double              vv_flowchart_view_get_scale     (VvFlowchartView    *self);
gboolean            vv_flowchart_view_get_node_rect (VvFlowchartView  *self,
                                                     const char         *node_id,
                                                     graphene_rect_t    *rect);
gboolean            vv_flowchart_view_get_node_center (VvFlowchartView  *self,
                                                     const char         *node_id,
                                                     double             *x,
                                                     double             *y);

G_END_DECLS
