/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-guide-page"

#include "config.h"

#include "vv-guide-page-private.h"

/* The chart view scrolls by itself, keeps the current node in view after
 * every step, zoom or resize, and never draws text smaller than 9 pt
 * (VvFlowchartView); the page only picks the zoom. */

#define NORMAL_ZOOM 1.0

void
_vv_guide_page_center_on_current (VvGuidePage *self)
{
  /* Nothing to do: the view reveals the current node when its path changes. */
}

void
_vv_guide_page_set_zoom (VvGuidePage *self,
                         double       zoom)
{
  vv_flowchart_view_set_zoom (self->flowchart_view, zoom);
}

double
_vv_guide_page_normal_zoom (VvGuidePage *self)
{
  return NORMAL_ZOOM;
}

void
_vv_guide_page_chart_init (VvGuidePage *self)
{
}

void
_vv_guide_page_chart_dispose (VvGuidePage *self)
{
}
