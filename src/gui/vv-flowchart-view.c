/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-flowchart-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "vv-flowchart-view.h"
#include "vv-rules.h"

struct _VvFlowchartView
{
  GtkWidget    parent_instance;

  /* Owned */
  VvFlowchart *flowchart;
  GStrv        path;
  char        *hover;
  double       zoom;           /* 0: zoom to fit */
};

G_DEFINE_FINAL_TYPE (VvFlowchartView, vv_flowchart_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FLOWCHART,
  PROP_PATH,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  NODE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* helpers */

static gboolean
is_question (VvFlowchartView *self,
             const char      *node_id)
{
  const VvNode *node;

  if (node_id == NULL || self->flowchart == NULL)
    return FALSE;
  node = vv_rules_lookup_node (vv_flowchart_get_rules (self->flowchart), node_id);
  return node != NULL && node->kind == VV_NODE_QUESTION;
}

/* callbacks */

static void
on_click_released_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      VvFlowchartView *self)
{
  const char *node_id = vv_flowchart_view_node_at (self, x, y);

  if (is_question (self, node_id))
    vv_flowchart_view_activate_node (self, node_id);
}

static void
on_motion_cb (GtkEventControllerMotion *motion,
              double                    x,
              double                    y,
              VvFlowchartView          *self)
{
  const char *node_id = vv_flowchart_view_node_at (self, x, y);

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   is_question (self, node_id) ? "pointer" : NULL);
  if (g_strcmp0 (node_id, self->hover) != 0)
    {
      g_free (self->hover);
      self->hover = g_strdup (node_id);
      gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
    }
}

static void
on_style_manager_notify_dark_cb (VvFlowchartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* overrides */

static gboolean
vv_flowchart_view_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard,
                                 GtkTooltip *tooltip)
{
  VvFlowchartView *self = VV_FLOWCHART_VIEW (widget);
  const char *node_id = vv_flowchart_view_node_at (self, x, y);
  const VvNode *node;

  if (node_id == NULL)
    return FALSE;
  node = vv_rules_lookup_node (vv_flowchart_get_rules (self->flowchart), node_id);
  if (node->kind == VV_NODE_QUESTION)
    {
      const VvFact *fact = vv_rules_lookup_fact (vv_flowchart_get_rules (self->flowchart),
                                                 node->fact);

      gtk_tooltip_set_text (tooltip, fact != NULL ? vv_rules_tr (fact->question)
                                                  : vv_rules_tr (node->title));
    }
  else
    gtk_tooltip_set_text (tooltip, node->explanation != NULL ? vv_rules_tr (node->explanation)
                                                             : vv_rules_tr (node->title));
  return TRUE;
}

static void
vv_flowchart_view_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  VvFlowchartView *self = VV_FLOWCHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->flowchart == NULL || width <= 0 || height <= 0)
    return;

  vv_flowchart_set_dark (self->flowchart,
                         adw_style_manager_get_dark (adw_style_manager_get_default ()));
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  vv_flowchart_render (self->flowchart, (const char * const *) self->path, cr, width, height);
  cairo_destroy (cr);
}

static void
vv_flowchart_view_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  VvFlowchartView *self = VV_FLOWCHART_VIEW (widget);
  double w = 0, h = 0;

  if (self->flowchart != NULL)
    vv_flowchart_get_size (self->flowchart, &w, &h);
  /* Zoom to fit: any size will do. Zoomed: the chart at that scale, for a
   * scrolled window to pan. */
  if (self->zoom <= 0)
    {
      *minimum = 120;
      *natural = 120;
    }
  else
    {
      *minimum = *natural = MAX (120, (int) ceil ((orientation == GTK_ORIENTATION_HORIZONTAL ? w : h)
                                                  * self->zoom));
    }
}

static void
vv_flowchart_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  VvFlowchartView *self = VV_FLOWCHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_FLOWCHART:
      g_value_set_object (value, vv_flowchart_view_get_flowchart (self));
      break;
    case PROP_PATH:
      g_value_set_boxed (value, vv_flowchart_view_get_path (self));
      break;
    case PROP_ZOOM:
      g_value_set_double (value, vv_flowchart_view_get_zoom (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vv_flowchart_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  VvFlowchartView *self = VV_FLOWCHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_FLOWCHART:
      vv_flowchart_view_set_flowchart (self, g_value_get_object (value));
      break;
    case PROP_PATH:
      vv_flowchart_view_set_path (self, g_value_get_boxed (value));
      break;
    case PROP_ZOOM:
      vv_flowchart_view_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vv_flowchart_view_finalize (GObject *object)
{
  VvFlowchartView *self = VV_FLOWCHART_VIEW (object);

  g_clear_object (&self->flowchart);
  g_clear_pointer (&self->path, g_strfreev);
  g_clear_pointer (&self->hover, g_free);

  G_OBJECT_CLASS (vv_flowchart_view_parent_class)->finalize (object);
}

static void
vv_flowchart_view_class_init (VvFlowchartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = vv_flowchart_view_finalize;
  object_class->get_property = vv_flowchart_view_get_property;
  object_class->set_property = vv_flowchart_view_set_property;
  widget_class->snapshot = vv_flowchart_view_snapshot;
  widget_class->measure = vv_flowchart_view_measure;
  widget_class->query_tooltip = vv_flowchart_view_query_tooltip;

  properties[PROP_FLOWCHART] =
    g_param_spec_object ("flowchart", NULL, NULL, VV_TYPE_FLOWCHART,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PATH] =
    g_param_spec_boxed ("path", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * VvFlowchartView:zoom:
   *
   * The drawing scale, or 0 to fit the whole chart into the widget.
   */
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 0, 4, 0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VvFlowchartView::node-activated:
   * @self: the view
   * @node_id: the question node that was clicked
   */
  signals[NODE_ACTIVATED] =
    g_signal_new ("node-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "flowchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
vv_flowchart_view_init (VvFlowchartView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  g_signal_connect (click, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_style_manager_notify_dark_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Decision flowchart"),
                                  -1);
}

/* public API */

GtkWidget *
vv_flowchart_view_new (void)
{
  return g_object_new (VV_TYPE_FLOWCHART_VIEW, NULL);
}

VvFlowchart *
vv_flowchart_view_get_flowchart (VvFlowchartView *self)
{
  g_return_val_if_fail (VV_IS_FLOWCHART_VIEW (self), NULL);

  return self->flowchart;
}

void
vv_flowchart_view_set_flowchart (VvFlowchartView *self,
                                 VvFlowchart     *flowchart)
{
  g_return_if_fail (VV_IS_FLOWCHART_VIEW (self));
  g_return_if_fail (flowchart == NULL || VV_IS_FLOWCHART (flowchart));

  if (g_set_object (&self->flowchart, flowchart))
    {
      gtk_widget_queue_resize (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLOWCHART]);
    }
}

const char * const *
vv_flowchart_view_get_path (VvFlowchartView *self)
{
  g_return_val_if_fail (VV_IS_FLOWCHART_VIEW (self), NULL);

  return (const char * const *) self->path;
}

void
vv_flowchart_view_set_path (VvFlowchartView    *self,
                            const char * const *path)
{
  g_return_if_fail (VV_IS_FLOWCHART_VIEW (self));

  if (self->path == NULL && path == NULL)
    return;
  if (self->path != NULL && path != NULL &&
      g_strv_equal ((const char * const *) self->path, path))
    return;

  g_strfreev (self->path);
  self->path = g_strdupv ((char **) path);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
}

/**
 * vv_flowchart_view_node_at:
 * @self: the view
 * @x: widget coordinate
 * @y: widget coordinate
 *
 * Returns: (nullable): the node drawn at @x, @y
 */
const char *
vv_flowchart_view_node_at (VvFlowchartView *self,
                           double           x,
                           double           y)
{
  g_return_val_if_fail (VV_IS_FLOWCHART_VIEW (self), NULL);

  if (self->flowchart == NULL)
    return NULL;
  return vv_flowchart_node_at (self->flowchart,
                               gtk_widget_get_width (GTK_WIDGET (self)),
                               gtk_widget_get_height (GTK_WIDGET (self)),
                               x, y);
}

/**
 * vv_flowchart_view_activate_node:
 * @self: the view
 * @node_id: a node id
 *
 * Emits ::node-activated, as a click on the node does.
 */
void
vv_flowchart_view_activate_node (VvFlowchartView *self,
                                 const char      *node_id)
{
  g_return_if_fail (VV_IS_FLOWCHART_VIEW (self));
  g_return_if_fail (node_id != NULL);

  g_signal_emit (self, signals[NODE_ACTIVATED], 0, node_id);
}

double
vv_flowchart_view_get_zoom (VvFlowchartView *self)
{
  g_return_val_if_fail (VV_IS_FLOWCHART_VIEW (self), 0);

  return self->zoom;
}

void
vv_flowchart_view_set_zoom (VvFlowchartView *self,
                            double           zoom)
{
  g_return_if_fail (VV_IS_FLOWCHART_VIEW (self));

  zoom = CLAMP (zoom, 0, 4);
  if (G_APPROX_VALUE (self->zoom, zoom, 0.001))
    return;
  self->zoom = zoom;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/**
 * vv_flowchart_view_get_scale:
 * @self: the view
 *
 * Returns: the scale the chart is drawn at in the current allocation
 */
double
vv_flowchart_view_get_scale (VvFlowchartView *self)
{
  g_return_val_if_fail (VV_IS_FLOWCHART_VIEW (self), 1);

  if (self->flowchart == NULL)
    return 1;
  return vv_flowchart_get_scale (self->flowchart,
                                 gtk_widget_get_width (GTK_WIDGET (self)),
                                 gtk_widget_get_height (GTK_WIDGET (self)));
}

/**
 * vv_flowchart_view_get_node_center:
 * @self: the view
 * @node_id: a node id
 * @x: (out): widget coordinate of the box centre
 * @y: (out): widget coordinate of the box centre
 *
 * Returns: %TRUE if the node is in the chart
 */
gboolean
vv_flowchart_view_get_node_center (VvFlowchartView *self,
                                   const char      *node_id,
                                   double          *x,
                                   double          *y)
{
  const VvFlowchartBox *box;
  double w, h, scale;
  int width, height;

  g_return_val_if_fail (VV_IS_FLOWCHART_VIEW (self), FALSE);
  g_return_val_if_fail (node_id != NULL && x != NULL && y != NULL, FALSE);

  if (self->flowchart == NULL || (box = vv_flowchart_lookup_box (self->flowchart, node_id)) == NULL)
    return FALSE;
  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  vv_flowchart_get_size (self->flowchart, &w, &h);
  scale = vv_flowchart_get_scale (self->flowchart, width, height);
  *x = (width - w * scale) / 2 + (box->x + box->width / 2) * scale;
  *y = (height - h * scale) / 2 + (box->y + box->height / 2) * scale;
  return TRUE;
}
