/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-split-chart.h: the 257/258 split of a ledger drawn as two stacked bars,
 * the municipality's beside the national share from the rule data. Pure
 * cairo, shared by the on-screen widget and the PDF report.
 */
#pragma once

#include <cairo.h>

#include "vv-split.h"

G_BEGIN_DECLS

typedef enum
{
  VV_SPLIT_CHART_BAR_MUNICIPALITY,
  VV_SPLIT_CHART_BAR_NATIONAL,
  VV_SPLIT_CHART_N_BARS
} VvSplitChartBar;

typedef enum
{
  VV_SPLIT_CHART_SEGMENT_257,
  VV_SPLIT_CHART_SEGMENT_258,
  VV_SPLIT_CHART_SEGMENT_OTHER,
  VV_SPLIT_CHART_SEGMENT_UNASSIGNED,
  VV_SPLIT_CHART_N_SEGMENTS
} VvSplitChartSegment;

void      vv_split_chart_draw             (VvSplit              *split,
                                           cairo_t              *cr,
                                           int                   width,
                                           int                   height);
void      vv_split_chart_draw_full        (VvSplit              *split,
                                           cairo_t              *cr,
                                           int                   width,
                                           int                   height,
                                           gboolean              dark);
gboolean  vv_split_chart_get_segment_rect (VvSplit              *split,
                                           int                   width,
                                           int                   height,
                                           VvSplitChartBar       bar,
                                           VvSplitChartSegment   segment,
                                           cairo_rectangle_t    *rect);
void      vv_split_chart_get_color        (VvSplitChartSegment   segment,
                                           double               *red,
                                           double               *green,
                                           double               *blue);
int       vv_split_chart_get_permille     (VvSplit              *split,
                                           VvSplitChartBar       bar,
                                           VvSplitChartSegment   segment);

G_END_DECLS
