/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-flowchart-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "vv-flowchart-view.h"
#include "vv-rules.h"

/* Room kept free round the chart's edges. (The zoom buttons sit above the
 * view, not over it: they hid boxes and labels.) */
#define PADDING         6
#define DEFAULT_ZOOM    1.0
#define MAX_FIT_SCALE   1.5

struct _VvFlowchartView
{
  GtkWidget      parent_instance;

  /* Owned */
  VvFlowchart   *flowchart;
  GStrv          path;
  char          *hover;
  GtkAdjustment *hadjustment;
  GtkAdjustment *vadjustment;
  double         zoom;           /* 0: as much of the chart as fits, still readable */
  guint          hscroll_policy : 1;
  guint          vscroll_policy : 1;
  guint          reveal_current : 1;
  guint          center_current : 1;   /* keep the current node centred (presentation) */
  int            last_width;
  int            last_height;
  double         slack_x;        /* room scrolled to beyond the chart's edges, each side */
  double         slack_y;
};

static void vv_flowchart_view_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VvFlowchartView, vv_flowchart_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE,
                                                      vv_flowchart_view_scrollable_init))

enum {
  PROP_0,
  PROP_FLOWCHART,
  PROP_PATH,
  PROP_ZOOM,
  N_PROPS,
  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
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

/* The scale the chart is drawn at: the zoom, or for "fit" as much of the
 * chart as the view holds; never smaller than the scale at which all its
 * text is 9 pt. */
static double
current_scale (VvFlowchartView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * PADDING;
  int height = gtk_widget_get_height (GTK_WIDGET (self)) - 2 * PADDING;
  double min_scale, fit;

  if (self->flowchart == NULL)
    return 1;
  min_scale = vv_flowchart_get_min_scale (self->flowchart);
  if (self->zoom > 0)
    return MAX (self->zoom, min_scale);
  fit = width > 0 && height > 0 ? vv_flowchart_get_scale (self->flowchart, width, height) : 0;
  return CLAMP (fit, min_scale, MAX_FIT_SCALE);
}

/* The chart's size in the view at @scale, with its padding, in whole
 * pixels: the measure and the scrollbars must agree on it. (Drawn to fit,
 * the chart's width times its scale can come out a rounding error above the
 * view's; that is no reason for a scrollbar.) */
static void
chart_size (VvFlowchartView *self,
            double           scale,
            double          *cw,
            double          *ch)
{
  double w = 0, h = 0;

  if (self->flowchart != NULL)
    vv_flowchart_get_size (self->flowchart, &w, &h);
  *cw = ceil (w * scale - 1e-6) + 2 * PADDING;
  *ch = ceil (h * scale - 1e-6) + 2 * PADDING;
}

/* With center-current, the room one can scroll to beyond each edge of a
 * chart larger than the view: half the view, so that a node at the chart's
 * edge can be centred too. (Without it the first question and the results,
 * which lie along the edges, stayed at the side of a 1400 px screen.) A
 * chart that fits is shown whole and centred. */
static double
slack (VvFlowchartView *self,
       double           content,
       int              size)
{
  return self->center_current && content > size ? floor (size / 2.0) : 0;
}

/* Where the chart's origin is in widget coordinates: centred when it is
 * smaller than the view, else where the scrollbars have moved it. */
static void
chart_origin (VvFlowchartView *self,
              double           scale,
              double          *x,
              double          *y)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double cw, ch;

  chart_size (self, scale, &cw, &ch);
  if (cw <= width || self->hadjustment == NULL)
    *x = floor ((width - cw) / 2) + PADDING;
  else
    *x = PADDING + self->slack_x - gtk_adjustment_get_value (self->hadjustment);
  if (ch <= height || self->vadjustment == NULL)
    *y = floor ((height - ch) / 2) + PADDING;
  else
    *y = PADDING + self->slack_y - gtk_adjustment_get_value (self->vadjustment);
}

/* @shift moves the value with a change of the room beyond the chart's
 * edges, so that the chart stays where it was drawn. */
static void
configure_adjustment (GtkAdjustment *adjustment,
                      double         content,
                      double         page,
                      double         shift)
{
  if (adjustment == NULL)
    return;
  gtk_adjustment_configure (adjustment,
                            CLAMP (gtk_adjustment_get_value (adjustment) + shift, 0,
                                   MAX (content - page, 0)),
                            0, MAX (content, page), page * 0.1, page * 0.9, page);
}

static const char *
current_node (VvFlowchartView *self)
{
  guint len = self->path != NULL ? g_strv_length (self->path) : 0;

  return len > 0 ? self->path[len - 1] : NULL;
}

/* Scrolls the current node into view: nothing moves while it is fully
 * shown, otherwise it is centred; with center-current it is always
 * centred (as far as the chart reaches). */
static void
reveal_current (VvFlowchartView *self)
{
  const char *node_id = current_node (self);
  graphene_rect_t rect;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (node_id == NULL || width <= 0 || height <= 0 ||
      !vv_flowchart_view_get_node_rect (self, node_id, &rect))
    return;
  if (self->hadjustment != NULL &&
      (self->center_current || rect.origin.x < 0 || rect.origin.x + rect.size.width > width))
    gtk_adjustment_set_value (self->hadjustment,
                              gtk_adjustment_get_value (self->hadjustment)
                              + rect.origin.x + rect.size.width / 2 - width / 2.0);
  if (self->vadjustment != NULL &&
      (self->center_current || rect.origin.y < 0 ||
       rect.origin.y + rect.size.height > height))
    gtk_adjustment_set_value (self->vadjustment,
                              gtk_adjustment_get_value (self->vadjustment)
                              + rect.origin.y + rect.size.height / 2 - height / 2.0);
}

/* Sets the scrollbars to the chart's size at the current scale and, after
 * a new step, zoom or size, scrolls the current node into view. This is done
 * at once rather than by queueing an allocation: a zoom does not change the
 * view's size, and an allocation queued from a zoom was sometimes never
 * carried out, leaving the view blank (issue 14). */
static void
update_scrolling (VvFlowchartView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double scale, cw, ch, slack_x, slack_y;

  if (width <= 0 || height <= 0)
    return;
  scale = current_scale (self);
  chart_size (self, scale, &cw, &ch);
  slack_x = slack (self, cw, width);
  slack_y = slack (self, ch, height);
  configure_adjustment (self->hadjustment, cw + 2 * slack_x, width, slack_x - self->slack_x);
  configure_adjustment (self->vadjustment, ch + 2 * slack_y, height, slack_y - self->slack_y);
  self->slack_x = slack_x;
  self->slack_y = slack_y;
  if (self->reveal_current)
    {
      self->reveal_current = FALSE;
      reveal_current (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (VvFlowchartView  *self,
                GtkAdjustment   **slot,
                GtkAdjustment    *adjustment,
                guint             prop_id);

/* callbacks */

static void
on_adjustment_value_changed_cb (VvFlowchartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

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
  double scale, x, y;
  cairo_t *cr;

  if (self->flowchart == NULL || width <= 0 || height <= 0)
    return;

  scale = current_scale (self);
  chart_origin (self, scale, &x, &y);
  vv_flowchart_set_dark (self->flowchart,
                         adw_style_manager_get_dark (adw_style_manager_get_default ()));
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  vv_flowchart_draw (self->flowchart, (const char * const *) self->path, cr);
  cairo_destroy (cr);
}

/* As a GtkScrollable, the view measures as large as its chart: the
 * scrolled window takes no size from it (nothing propagates the natural
 * size) but guesses its scrollbars from it before it allocates the view.
 * When the adjustments set in size_allocate then disagreed with that guess,
 * GTK 4.8's scrolled window queued a resize in the middle of the layout,
 * which could leave the window's page stack without an allocation ("Trying
 * to snapshot AdwViewStack without a current allocation"). Drawn to fit,
 * the chart is never larger than the view, so only the smallest scale it
 * is drawn at can need scrollbars. */
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
  double scale = 1, cw, ch;

  if (self->flowchart != NULL)
    scale = MAX (self->zoom, vv_flowchart_get_min_scale (self->flowchart));
  chart_size (self, scale, &cw, &ch);
  *minimum = *natural = (int) (orientation == GTK_ORIENTATION_HORIZONTAL ? cw : ch);
}

static void
vv_flowchart_view_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  VvFlowchartView *self = VV_FLOWCHART_VIEW (widget);

  /* A new size: keep the current node in view. */
  if (width != self->last_width || height != self->last_height)
    self->reveal_current = TRUE;
  self->last_width = width;
  self->last_height = height;
  update_scrolling (self);
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
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
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
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value), prop_id);
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value), prop_id);
      break;
    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (guint) g_value_get_enum (value))
        {
          self->hscroll_policy = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (guint) g_value_get_enum (value))
        {
          self->vscroll_policy = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_adjustment (VvFlowchartView  *self,
                GtkAdjustment   **slot,
                GtkAdjustment    *adjustment,
                guint             prop_id)
{
  if (*slot == adjustment && adjustment != NULL)
    return;
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_func (*slot, on_adjustment_value_changed_cb, self);
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  g_set_object (slot, adjustment);
  g_signal_connect_object (adjustment, "value-changed",
                           G_CALLBACK (on_adjustment_value_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_object_notify (G_OBJECT (self), prop_id == PROP_HADJUSTMENT ? "hadjustment" : "vadjustment");
}

static void
vv_flowchart_view_dispose (GObject *object)
{
  VvFlowchartView *self = VV_FLOWCHART_VIEW (object);

  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, on_adjustment_value_changed_cb, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, on_adjustment_value_changed_cb, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);

  G_OBJECT_CLASS (vv_flowchart_view_parent_class)->dispose (object);
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

  object_class->dispose = vv_flowchart_view_dispose;
  object_class->finalize = vv_flowchart_view_finalize;
  object_class->get_property = vv_flowchart_view_get_property;
  object_class->set_property = vv_flowchart_view_set_property;
  widget_class->snapshot = vv_flowchart_view_snapshot;
  widget_class->measure = vv_flowchart_view_measure;
  widget_class->size_allocate = vv_flowchart_view_size_allocate;
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
   * The drawing scale, or 0 to show as much of the chart as fits. Either
   * way the chart is never drawn smaller than its text needs to be 9 pt
   * (vv_flowchart_get_min_scale()); the rest is scrolled to.
   */
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 0, 4, DEFAULT_ZOOM,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

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
vv_flowchart_view_scrollable_init (GtkScrollableInterface *iface)
{
}

static void
vv_flowchart_view_init (VvFlowchartView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->zoom = DEFAULT_ZOOM;
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
      self->reveal_current = TRUE;
      update_scrolling (self);
      /* The measure follows the chart. */
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
  self->reveal_current = TRUE;
  update_scrolling (self);
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
  double scale, ox, oy, lx, ly;

  g_return_val_if_fail (VV_IS_FLOWCHART_VIEW (self), NULL);

  if (self->flowchart == NULL)
    return NULL;
  scale = current_scale (self);
  chart_origin (self, scale, &ox, &oy);
  lx = (x - ox) / scale;
  ly = (y - oy) / scale;
  for (guint i = 0; i < vv_flowchart_get_n_boxes (self->flowchart); i++)
    {
      const VvFlowchartBox *box = vv_flowchart_get_box (self->flowchart, i);

      if (lx >= box->x && lx <= box->x + box->width &&
          ly >= box->y && ly <= box->y + box->height)
        return box->node_id;
    }
  return NULL;
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
  /* Zooming out to where the whole chart (or as much as is readable)
   * fits is the same as fitting it. */
  if (zoom > 0 && self->flowchart != NULL)
    {
      double saved = self->zoom, fit;

      self->zoom = 0;
      fit = current_scale (self);
      self->zoom = saved;
      if (zoom <= fit * 1.01)
        zoom = 0;
    }
  if (G_APPROX_VALUE (self->zoom, zoom, 0.001))
    return;
  self->zoom = zoom;
  self->reveal_current = TRUE;
  update_scrolling (self);
  /* The measure follows the zoom. */
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/**
 * vv_flowchart_view_set_center_current:
 * @self: the view
 * @center: whether to keep the current node centred
 *
 * Presentation mode keeps the current node in the middle of the view, also
 * when the view changes size (going fullscreen) and when the node lies at
 * the chart's edge: a chart larger than the view then scrolls up to half
 * the view past its edges. Otherwise the chart only scrolls when the
 * current node would be out of view.
 */
void
vv_flowchart_view_set_center_current (VvFlowchartView *self,
                                      gboolean         center)
{
  g_return_if_fail (VV_IS_FLOWCHART_VIEW (self));

  center = !!center;
  if (self->center_current == (guint) center)
    return;
  self->center_current = center;
  self->reveal_current = TRUE;
  update_scrolling (self);
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

  return current_scale (self);
}

/**
 * vv_flowchart_view_get_node_rect:
 * @self: the view
 * @node_id: a node id
 * @rect: (out): where the node's box is drawn, in widget coordinates (it
 *   may lie outside the widget when the chart is scrolled)
 *
 * Returns: %TRUE if the node is in the chart
 */
gboolean
vv_flowchart_view_get_node_rect (VvFlowchartView *self,
                                 const char      *node_id,
                                 graphene_rect_t *rect)
{
  const VvFlowchartBox *box;
  double scale, x, y;

  g_return_val_if_fail (VV_IS_FLOWCHART_VIEW (self), FALSE);
  g_return_val_if_fail (node_id != NULL && rect != NULL, FALSE);

  if (self->flowchart == NULL || (box = vv_flowchart_lookup_box (self->flowchart, node_id)) == NULL)
    return FALSE;
  scale = current_scale (self);
  chart_origin (self, scale, &x, &y);
  graphene_rect_init (rect, x + box->x * scale, y + box->y * scale,
                      box->width * scale, box->height * scale);
  return TRUE;
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
  graphene_rect_t rect;

  g_return_val_if_fail (VV_IS_FLOWCHART_VIEW (self), FALSE);
  g_return_val_if_fail (node_id != NULL && x != NULL && y != NULL, FALSE);

  if (!vv_flowchart_view_get_node_rect (self, node_id, &rect))
    return FALSE;
  *x = rect.origin.x + rect.size.width / 2;
  *y = rect.origin.y + rect.size.height / 2;
  return TRUE;
}
