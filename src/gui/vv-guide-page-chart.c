/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-guide-page"

#include "config.h"

#include "vv-guide-page-private.h"

static gboolean
center_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  VvGuidePage *self = VV_GUIDE_PAGE (user_data);
  const char * const *path = vv_flowchart_view_get_path (self->flowchart_view);
  guint len = path != NULL ? g_strv_length ((char **) path) : 0;
  GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (self->chart_scroller);
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (self->chart_scroller);
  double x, y;

  double zoom = vv_flowchart_view_get_zoom (self->flowchart_view);
  double chart_width;

  /* Wait until the chart has been given its zoomed size. */
  vv_flowchart_get_size (self->flowchart, &chart_width, NULL);
  if (zoom > 0 && gtk_widget_get_width (GTK_WIDGET (self->flowchart_view)) < chart_width * zoom - 2 &&
      ++self->center_frames < 60)
    return G_SOURCE_CONTINUE;

  self->center_tick = 0;
  if (len > 0 && vv_flowchart_view_get_node_center (self->flowchart_view, path[len - 1], &x, &y))
    {
      gtk_adjustment_set_value (h, x - gtk_adjustment_get_page_size (h) / 2);
      gtk_adjustment_set_value (v, y - gtk_adjustment_get_page_size (v) / 2);
    }
  return G_SOURCE_REMOVE;
}

/* Once the zoomed chart has its new size, scroll the current node into
 * the middle of the view. */
void
_vv_guide_page_center_on_current (VvGuidePage *self)
{
  self->center_frames = 0;
  if (self->center_tick == 0)
    self->center_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->chart_scroller),
                                                      center_tick_cb, self, NULL);
}

void
_vv_guide_page_set_zoom (VvGuidePage *self,
                         double       zoom)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->chart_scroller)) - 12;
  int height = gtk_widget_get_height (GTK_WIDGET (self->chart_scroller)) - 12;
  double fit = vv_flowchart_get_scale (self->flowchart, width, height);

  /* Zooming out past the whole chart is the same as fitting it. */
  if (zoom <= fit * 1.01)
    zoom = 0;
  vv_flowchart_view_set_zoom (self->flowchart_view, zoom);
  gtk_scrolled_window_set_policy (self->chart_scroller,
                                  zoom > 0 ? GTK_POLICY_AUTOMATIC : GTK_POLICY_NEVER,
                                  zoom > 0 ? GTK_POLICY_AUTOMATIC : GTK_POLICY_NEVER);
  if (zoom > 0)
    _vv_guide_page_center_on_current (self);
}

/* The whole chart fitted into a normal window is drawn too small to read
 * (about a quarter of its size). The first time the chart is shown, and on
 * leaving presentation mode, it is zoomed to a readable size around the
 * current question instead; "Show the Whole Chart" (Ctrl+0) still gives the
 * overview. */
#define READABLE_SCALE 0.8
#define FIT_READABLE_ENOUGH 0.6

double
_vv_guide_page_normal_zoom (VvGuidePage *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->chart_scroller)) - 12;
  int height = gtk_widget_get_height (GTK_WIDGET (self->chart_scroller)) - 12;

  if (width > 0 && height > 0 &&
      vv_flowchart_get_scale (self->flowchart, width, height) < FIT_READABLE_ENOUGH)
    return READABLE_SCALE;
  return 0;
}

static gboolean
first_zoom_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  VvGuidePage *self = VV_GUIDE_PAGE (user_data);

  if (gtk_widget_get_width (widget) <= 12 || gtk_widget_get_height (widget) <= 12)
    return G_SOURCE_CONTINUE;
  self->first_zoom_tick = 0;
  if (!self->presentation && vv_flowchart_view_get_zoom (self->flowchart_view) == 0)
    _vv_guide_page_set_zoom (self, _vv_guide_page_normal_zoom (self));
  return G_SOURCE_REMOVE;
}

void
_vv_guide_page_chart_init (VvGuidePage *self)
{
  self->first_zoom_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->chart_scroller),
                                                        first_zoom_tick_cb, self, NULL);
}

void
_vv_guide_page_chart_dispose (VvGuidePage *self)
{
  if (self->center_tick != 0 && self->chart_scroller != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->chart_scroller), self->center_tick);
  self->center_tick = 0;
  if (self->first_zoom_tick != 0 && self->chart_scroller != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->chart_scroller), self->first_zoom_tick);
  self->first_zoom_tick = 0;
}
