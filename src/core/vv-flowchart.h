/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "vv-rules.h"

G_BEGIN_DECLS

/* One placed node, in layout units (1 unit = 1 px at zoom 1). */
typedef struct
{
  const char *node_id;       /* borrowed from the rules */
  int         layer;         /* depth: longest path from the start node */
  int         order;         /* position within the layer, left to right */
  double      x;             /* top-left corner */
  double      y;
  double      width;
  double      height;
} VvFlowchartBox;

/* One drawn edge: all branches from @from to @to share one arrow. */
typedef struct
{
  const char *from;          /* node ids, borrowed */
  const char *to;
  char       *label;         /* translated branch label ("Shared housing", "0–17") */
  double      label_x;       /* the label's box, in layout units */
  double      label_y;
  double      label_width;
  double      label_height;
} VvFlowchartEdge;

/* One drawn text, as vv_flowchart_draw() draws it (layout units). */
typedef struct
{
  const char *text;          /* borrowed */
  const char *node_id;       /* the box it is the title of; NULL for a branch label */
  double      x;             /* its logical extents */
  double      y;
  double      width;
  double      height;
  double      size;          /* font size in points at scale 1 */
  gboolean    bold;
  gboolean    truncated;     /* ellipsized or not inside its box */
  double      ink[3];        /* opaque RGB, 0–1 */
  double      background[3];
  double      background2[3];  /* the other half of a split box, else = background */
} VvFlowchartText;

#define VV_TYPE_FLOWCHART (vv_flowchart_get_type ())

G_DECLARE_FINAL_TYPE (VvFlowchart, vv_flowchart, VV, FLOWCHART, GObject)

VvFlowchart          *vv_flowchart_new            (VvRules            *rules);
void                  vv_flowchart_prepare_default (void);
VvFlowchart          *vv_flowchart_new_default    (void);
VvRules              *vv_flowchart_get_rules      (VvFlowchart        *self);
void                  vv_flowchart_get_size       (VvFlowchart        *self,
                                                   double             *width,
                                                   double             *height);
guint                 vv_flowchart_get_n_boxes    (VvFlowchart        *self);
const VvFlowchartBox *vv_flowchart_get_box        (VvFlowchart        *self,
                                                   guint               index);
const VvFlowchartBox *vv_flowchart_lookup_box     (VvFlowchart        *self,
                                                   const char         *node_id);
guint                 vv_flowchart_get_n_edges    (VvFlowchart        *self);
const VvFlowchartEdge *vv_flowchart_get_edge      (VvFlowchart        *self,
                                                   guint               index);
guint                 vv_flowchart_get_n_layers   (VvFlowchart        *self);
void                  vv_flowchart_set_dark       (VvFlowchart        *self,
                                                   gboolean            dark);
void                  vv_flowchart_get_function_color (const char     *function,
                                                   double             *red,
                                                   double             *green,
                                                   double             *blue);
double                vv_flowchart_get_scale      (VvFlowchart        *self,
                                                   double              width,
                                                   double              height);
void                  vv_flowchart_render         (VvFlowchart        *self,
                                                   const char * const *path,
                                                   cairo_t            *cr,
                                                   double              width,
                                                   double              height);
void                  vv_flowchart_draw           (VvFlowchart        *self,
                                                   const char * const *path,
                                                   cairo_t            *cr);
GArray               *vv_flowchart_get_texts      (VvFlowchart        *self,
                                                   const char * const *path);
double                vv_flowchart_get_min_scale  (VvFlowchart        *self);
const char           *vv_flowchart_node_at        (VvFlowchart        *self,
                                                   double              width,
                                                   double              height,
                                                   double              x,
                                                   double              y);

G_END_DECLS
