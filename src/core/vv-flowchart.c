/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-flowchart"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "vv-flowchart.h"

/* Layout units: one unit is one pixel when the chart is drawn at scale 1. */
#define BOX_WIDTH    136.0
#define BOX_HEIGHT    50.0
#define H_GAP         16.0
#define V_GAP         78.0
#define MARGIN        16.0
#define MAX_SCALE      2.5
#define LABEL_WIDTH   96.0

struct _VvFlowchart
{
  GObject     parent_instance;

  /* Owned */
  VvRules    *rules;
  GArray     *boxes;        /* VvFlowchartBox, in the order of vv_rules_get_nodes() */
  GArray     *edges;        /* VvFlowchartEdge */
  GHashTable *index;        /* node id -> box index + 1 */
  guint       n_layers;
  double      width;
  double      height;
  gboolean    dark;
};

G_DEFINE_FINAL_TYPE (VvFlowchart, vv_flowchart, G_TYPE_OBJECT)

typedef struct
{
  double r, g, b;
} Rgb;

/* helpers */

static void
edge_clear (gpointer data)
{
  VvFlowchartEdge *edge = data;

  g_clear_pointer (&edge->label, g_free);
}

static VvFlowchartBox *
box_for (VvFlowchart *self,
         const char  *node_id)
{
  guint idx = GPOINTER_TO_UINT (g_hash_table_lookup (self->index, node_id));

  if (idx == 0)
    return NULL;
  return &g_array_index (self->boxes, VvFlowchartBox, idx - 1);
}

static char *
branch_label (VvRules        *rules,
              const VvNode   *node,
              const VvBranch *branch)
{
  g_autoptr(GString) label = g_string_new (NULL);

  if (branch->values == NULL)
    {
      if (branch->min == branch->max)
        g_string_append_printf (label, "%" G_GINT64_FORMAT, branch->min);
      else
        g_string_append_printf (label, "%" G_GINT64_FORMAT "–%" G_GINT64_FORMAT,
                                branch->min, branch->max);
      return g_string_free (g_steal_pointer (&label), FALSE);
    }

  for (guint i = 0; branch->values[i] != NULL; i++)
    {
      const VvFactValue *value = vv_rules_lookup_fact_value (rules, node->fact, branch->values[i]);

      if (label->len > 0)
        g_string_append (label, ", ");
      g_string_append (label, value != NULL ? vv_rules_tr (value->label) : branch->values[i]);
    }
  return g_string_free (g_steal_pointer (&label), FALSE);
}

static void
add_edge (VvFlowchart *self,
          const char  *from,
          const char  *to,
          const char  *label)
{
  VvFlowchartEdge edge = { 0 };

  for (guint i = 0; i < self->edges->len; i++)
    {
      VvFlowchartEdge *e = &g_array_index (self->edges, VvFlowchartEdge, i);

      if (g_str_equal (e->from, from) && g_str_equal (e->to, to))
        {
          char *joined = g_strconcat (e->label, ", ", label, NULL);

          g_free (e->label);
          e->label = joined;
          return;
        }
    }
  edge.from = from;
  edge.to = to;
  edge.label = g_strdup (label);
  g_array_append_val (self->edges, edge);
}

static int
compare_by_order (gconstpointer a,
                  gconstpointer b)
{
  const VvFlowchartBox *const *ba = a;
  const VvFlowchartBox *const *bb = b;

  return (*ba)->order - (*bb)->order;
}

typedef struct
{
  VvFlowchartBox *box;
  double          key;
  int             hint;
} SortItem;

static int
compare_sort_items (gconstpointer a,
                    gconstpointer b)
{
  const SortItem *ia = a;
  const SortItem *ib = b;

  if (ia->key < ib->key)
    return -1;
  if (ia->key > ib->key)
    return 1;
  return ia->hint - ib->hint;
}

/* Orders one layer by the mean position of its neighbours in the layer
 * above (down = TRUE) or below; the rule data's col is the tie-break, so the
 * chart keeps the shape of the drawn figure where the graph allows. */
static void
order_layer (VvFlowchart *self,
             GPtrArray   *layer,
             gboolean     down)
{
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (SortItem));

  for (guint i = 0; i < layer->len; i++)
    {
      VvFlowchartBox *box = g_ptr_array_index (layer, i);
      const VvNode *node = vv_rules_lookup_node (self->rules, box->node_id);
      double sum = 0;
      guint n = 0;
      SortItem item = { box, box->order, node->col * 100 + node->row };

      for (guint e = 0; e < self->edges->len; e++)
        {
          VvFlowchartEdge *edge = &g_array_index (self->edges, VvFlowchartEdge, e);
          VvFlowchartBox *other;

          if (g_str_equal (down ? edge->to : edge->from, box->node_id))
            {
              other = box_for (self, down ? edge->from : edge->to);
              if (other != NULL && other->layer == box->layer + (down ? -1 : 1))
                {
                  sum += other->order;
                  n++;
                }
            }
        }
      if (n > 0)
        item.key = sum / n;
      g_array_append_val (items, item);
    }
  g_array_sort (items, compare_sort_items);
  for (guint i = 0; i < items->len; i++)
    g_array_index (items, SortItem, i).box->order = i;
  g_ptr_array_sort (layer, compare_by_order);
}

static void
place_layer (VvFlowchart *self,
             GPtrArray   *layer)
{
  g_autofree double *desired = g_new0 (double, MAX (layer->len, 1));
  double shift = 0;

  for (guint i = 0; i < layer->len; i++)
    {
      VvFlowchartBox *box = g_ptr_array_index (layer, i);
      double sum = 0;
      guint n = 0;

      for (guint e = 0; e < self->edges->len; e++)
        {
          VvFlowchartEdge *edge = &g_array_index (self->edges, VvFlowchartEdge, e);

          if (g_str_equal (edge->to, box->node_id))
            {
              VvFlowchartBox *parent = box_for (self, edge->from);

              if (parent != NULL && parent->layer < box->layer)
                {
                  sum += parent->x;
                  n++;
                }
            }
        }
      desired[i] = n > 0 ? sum / n : i * (BOX_WIDTH + H_GAP);
    }

  /* Keep the order and the gaps, then centre the layer on where its
   * parents would like it to be. */
  for (guint i = 0; i < layer->len; i++)
    {
      VvFlowchartBox *box = g_ptr_array_index (layer, i);

      box->x = desired[i];
      if (i > 0)
        {
          VvFlowchartBox *prev = g_ptr_array_index (layer, i - 1);

          box->x = MAX (box->x, prev->x + BOX_WIDTH + H_GAP);
        }
      shift += box->x - desired[i];
    }
  if (layer->len > 0)
    shift /= layer->len;
  for (guint i = 0; i < layer->len; i++)
    ((VvFlowchartBox *) g_ptr_array_index (layer, i))->x -= shift;
}

static void
vv_flowchart_layout (VvFlowchart *self)
{
  GPtrArray *nodes = vv_rules_get_nodes (self->rules);
  const char *start = vv_rules_get_start (self->rules);
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  double min_x = G_MAXDOUBLE, max_x = -G_MAXDOUBLE;
  gboolean changed = TRUE;

  for (guint i = 0; i < nodes->len; i++)
    {
      const VvNode *node = g_ptr_array_index (nodes, i);
      VvFlowchartBox box = { node->id, -1, 0, 0, 0, BOX_WIDTH, BOX_HEIGHT };

      g_array_append_val (self->boxes, box);
      g_hash_table_insert (self->index, node->id, GUINT_TO_POINTER (i + 1));
    }

  for (guint i = 0; i < nodes->len; i++)
    {
      const VvNode *node = g_ptr_array_index (nodes, i);

      if (node->kind != VV_NODE_QUESTION || node->branches == NULL)
        continue;
      for (guint b = 0; b < node->branches->len; b++)
        {
          const VvBranch *branch = g_ptr_array_index (node->branches, b);
          g_autofree char *label = branch_label (self->rules, node, branch);

          if (box_for (self, branch->next) != NULL)
            add_edge (self, node->id, branch->next, label);
        }
    }

  /* Layers: the longest path from the start node. The rules are validated
   * to be acyclic; the iteration bound keeps a broken file from hanging. */
  if (box_for (self, start) != NULL)
    box_for (self, start)->layer = 0;
  for (guint round = 0; changed && round <= nodes->len; round++)
    {
      changed = FALSE;
      for (guint e = 0; e < self->edges->len; e++)
        {
          VvFlowchartEdge *edge = &g_array_index (self->edges, VvFlowchartEdge, e);
          VvFlowchartBox *from = box_for (self, edge->from);
          VvFlowchartBox *to = box_for (self, edge->to);

          if (from->layer >= 0 && to->layer < from->layer + 1)
            {
              to->layer = from->layer + 1;
              changed = TRUE;
            }
        }
    }

  self->n_layers = 0;
  for (guint i = 0; i < self->boxes->len; i++)
    {
      VvFlowchartBox *box = &g_array_index (self->boxes, VvFlowchartBox, i);

      /* Unreachable nodes (a validation error) still get drawn, at the top. */
      if (box->layer < 0)
        box->layer = 0;
      self->n_layers = MAX (self->n_layers, (guint) box->layer + 1);
    }
  for (guint l = 0; l < self->n_layers; l++)
    g_ptr_array_add (layers, g_ptr_array_new ());
  for (guint i = 0; i < self->boxes->len; i++)
    {
      VvFlowchartBox *box = &g_array_index (self->boxes, VvFlowchartBox, i);
      const VvNode *node = g_ptr_array_index (nodes, i);
      GPtrArray *layer = g_ptr_array_index (layers, box->layer);

      box->order = node->col * 100 + node->row;
      g_ptr_array_add (layer, box);
    }
  for (guint l = 0; l < self->n_layers; l++)
    {
      GPtrArray *layer = g_ptr_array_index (layers, l);

      g_ptr_array_sort (layer, compare_by_order);
      for (guint i = 0; i < layer->len; i++)
        ((VvFlowchartBox *) g_ptr_array_index (layer, i))->order = i;
    }

  for (guint sweep = 0; sweep < 4; sweep++)
    {
      for (guint l = 1; l < self->n_layers; l++)
        order_layer (self, g_ptr_array_index (layers, l), TRUE);
      for (guint l = self->n_layers - 1; l-- > 0;)
        order_layer (self, g_ptr_array_index (layers, l), FALSE);
    }

  for (guint l = 0; l < self->n_layers; l++)
    place_layer (self, g_ptr_array_index (layers, l));

  for (guint i = 0; i < self->boxes->len; i++)
    {
      VvFlowchartBox *box = &g_array_index (self->boxes, VvFlowchartBox, i);

      min_x = MIN (min_x, box->x);
      max_x = MAX (max_x, box->x + box->width);
    }
  for (guint i = 0; i < self->boxes->len; i++)
    {
      VvFlowchartBox *box = &g_array_index (self->boxes, VvFlowchartBox, i);

      box->x += MARGIN - min_x;
      box->y = MARGIN + box->layer * (BOX_HEIGHT + V_GAP);
    }
  self->width = self->boxes->len > 0 ? max_x - min_x + 2 * MARGIN : 2 * MARGIN;
  self->height = 2 * MARGIN + self->n_layers * BOX_HEIGHT + MAX (self->n_layers, 1) * V_GAP - V_GAP;
}

static Rgb
function_rgb (const char *function)
{
  static const struct { const char *code; Rgb rgb; } colors[] = {
    { "257", { 0.15, 0.64, 0.41 } },   /* green */
    { "258", { 0.10, 0.37, 0.71 } },   /* blue */
    { "253", { 0.78, 0.27, 0.00 } },   /* orange */
    { "254", { 0.37, 0.36, 0.39 } },   /* dark grey */
    { "234", { 0.51, 0.24, 0.61 } },   /* purple */
    { "243", { 0.65, 0.11, 0.18 } },   /* red */
    { "265", { 0.53, 0.37, 0.24 } },   /* brown */
    { "840", { 0.04, 0.43, 0.43 } },   /* teal */
  };

  for (guint i = 0; function != NULL && i < G_N_ELEMENTS (colors); i++)
    if (g_str_equal (colors[i].code, function))
      return colors[i].rgb;
  return (Rgb) { 0.47, 0.46, 0.48 };
}

static const char *
node_function (const VvNode *node,
               guint         index)
{
  const VvRuleAllocation *alloc;

  if (node->kind != VV_NODE_OUTCOME || node->allocations == NULL ||
      index >= node->allocations->len)
    return NULL;
  alloc = g_ptr_array_index (node->allocations, index);
  return alloc->function;
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
bezier_point (const double p[4][2],
              double       t,
              double      *x,
              double      *y)
{
  double u = 1 - t;

  *x = u * u * u * p[0][0] + 3 * u * u * t * p[1][0] + 3 * u * t * t * p[2][0] + t * t * t * p[3][0];
  *y = u * u * u * p[0][1] + 3 * u * u * t * p[1][1] + 3 * u * t * t * p[2][1] + t * t * t * p[3][1];
}

static void
edge_curve (const VvFlowchartBox *from,
            const VvFlowchartBox *to,
            double                p[4][2])
{
  double dy;

  p[0][0] = from->x + from->width / 2;
  p[0][1] = from->y + from->height;
  p[3][0] = to->x + to->width / 2;
  p[3][1] = to->y;
  dy = MAX ((p[3][1] - p[0][1]) / 2, 20);
  p[1][0] = p[0][0];
  p[1][1] = p[0][1] + dy;
  p[2][0] = p[3][0];
  p[2][1] = p[3][1] - dy;
}

static PangoLayout *
make_layout (cairo_t    *cr,
             const char *text,
             const char *font,
             double      width,
             int         lines)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (layout, -lines);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
draw_edge (VvFlowchart           *self,
           cairo_t               *cr,
           const VvFlowchartEdge *edge,
           gboolean               on_path,
           gboolean               have_path)
{
  const VvFlowchartBox *from = box_for (self, edge->from);
  const VvFlowchartBox *to = box_for (self, edge->to);
  double p[4][2];
  double ink = self->dark ? 1.0 : 0.14;
  double lx, ly, angle;
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle ext;

  edge_curve (from, to, p);

  cairo_save (cr);
  cairo_move_to (cr, p[0][0], p[0][1]);
  cairo_curve_to (cr, p[1][0], p[1][1], p[2][0], p[2][1], p[3][0], p[3][1]);
  if (on_path)
    {
      cairo_set_source_rgb (cr, ink, ink, ink);
      cairo_set_line_width (cr, 3.5);
    }
  else
    {
      cairo_set_source_rgba (cr, 0.5, 0.5, 0.52, have_path ? 0.45 : 0.8);
      cairo_set_line_width (cr, 1.2);
    }
  cairo_stroke (cr);

  /* Arrow head along the curve's end tangent. */
  angle = atan2 (p[3][1] - p[2][1], p[3][0] - p[2][0]);
  cairo_move_to (cr, p[3][0], p[3][1]);
  cairo_line_to (cr, p[3][0] - 9 * cos (angle - 0.4), p[3][1] - 9 * sin (angle - 0.4));
  cairo_line_to (cr, p[3][0] - 9 * cos (angle + 0.4), p[3][1] - 9 * sin (angle + 0.4));
  cairo_close_path (cr);
  cairo_fill (cr);

  /* The label sits near the target, where fanned-out edges are as far
   * apart as the boxes they point to. */
  bezier_point (p, 0.78, &lx, &ly);
  layout = make_layout (cr, edge->label, on_path ? "Sans Bold 7" : "Sans 7", LABEL_WIDTH, 2);
  pango_layout_get_pixel_extents (layout, NULL, &ext);
  rounded_rect (cr, lx - ext.width / 2.0 - 4, ly - ext.height / 2.0 - 1,
                ext.width + 8, ext.height + 2, MIN (6, ext.height / 2.0 + 1));
  if (self->dark)
    cairo_set_source_rgba (cr, 0.19, 0.19, 0.19, 0.92);
  else
    cairo_set_source_rgba (cr, 1, 1, 1, 0.92);
  cairo_fill (cr);
  if (on_path)
    cairo_set_source_rgb (cr, ink, ink, ink);
  else
    cairo_set_source_rgba (cr, ink, ink, ink, have_path ? 0.6 : 0.85);
  cairo_move_to (cr, lx - LABEL_WIDTH / 2, ly - ext.height / 2.0 - ext.y);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

static void
draw_box (VvFlowchart          *self,
          cairo_t              *cr,
          const VvFlowchartBox *box,
          gboolean              on_path,
          gboolean              current)
{
  const VvNode *node = vv_rules_lookup_node (self->rules, box->node_id);
  const char *fn = node_function (node, 0);
  const char *fn2 = node_function (node, 1);
  double ink = self->dark ? 0.95 : 0.14;
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle ext;
  Rgb c;

  cairo_save (cr);
  rounded_rect (cr, box->x, box->y, box->width, box->height, 9);

  if (node->kind == VV_NODE_OUTCOME)
    {
      c = function_rgb (fn);
      if (fn2 != NULL)
        {
          Rgb c2 = function_rgb (fn2);
          cairo_pattern_t *pattern = cairo_pattern_create_linear (box->x, 0, box->x + box->width, 0);

          cairo_pattern_add_color_stop_rgb (pattern, 0.48, c.r, c.g, c.b);
          cairo_pattern_add_color_stop_rgb (pattern, 0.52, c2.r, c2.g, c2.b);
          cairo_set_source (cr, pattern);
          cairo_pattern_destroy (pattern);
        }
      else
        cairo_set_source_rgb (cr, c.r, c.g, c.b);
      cairo_fill_preserve (cr);
      ink = 1.0;
    }
  else
    {
      if (current)
        cairo_set_source_rgb (cr, 0.97, 0.83, 0.18);      /* highlighter yellow */
      else if (self->dark)
        cairo_set_source_rgb (cr, 0.24, 0.24, 0.25);
      else
        cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      if (current)
        ink = 0.14;
    }

  if (on_path)
    {
      double o = self->dark ? 1.0 : 0.14;

      cairo_set_source_rgb (cr, o, o, o);
      cairo_set_line_width (cr, current ? 4.0 : 3.0);
    }
  else
    {
      cairo_set_source_rgba (cr, 0.5, 0.5, 0.52, 0.9);
      cairo_set_line_width (cr, 1.0);
    }
  cairo_stroke (cr);

  if (current && node->kind == VV_NODE_OUTCOME)
    {
      /* The answer: a yellow halo outside the box. */
      rounded_rect (cr, box->x - 5, box->y - 5, box->width + 10, box->height + 10, 13);
      cairo_set_source_rgb (cr, 0.97, 0.83, 0.18);
      cairo_set_line_width (cr, 4.0);
      cairo_stroke (cr);
      rounded_rect (cr, box->x + 5, box->y + 5, box->width - 10, box->height - 10, 6);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }

  layout = make_layout (cr, vv_rules_tr (node->title),
                        node->kind == VV_NODE_OUTCOME || on_path ? "Sans Bold 8.5" : "Sans 8.5",
                        box->width - 12, 3);
  pango_layout_get_pixel_extents (layout, NULL, &ext);
  cairo_set_source_rgb (cr, ink, ink, ink);
  cairo_move_to (cr, box->x + 6, box->y + (box->height - ext.height) / 2.0 - ext.y);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

static void
transform (VvFlowchart *self,
           double       width,
           double       height,
           double      *scale,
           double      *dx,
           double      *dy)
{
  *scale = vv_flowchart_get_scale (self, width, height);
  *dx = (width - self->width * *scale) / 2;
  *dy = (height - self->height * *scale) / 2;
}

/* overrides */

static void
vv_flowchart_finalize (GObject *object)
{
  VvFlowchart *self = VV_FLOWCHART (object);

  g_clear_pointer (&self->boxes, g_array_unref);
  g_clear_pointer (&self->edges, g_array_unref);
  g_clear_pointer (&self->index, g_hash_table_unref);
  g_clear_object (&self->rules);

  G_OBJECT_CLASS (vv_flowchart_parent_class)->finalize (object);
}

static void
vv_flowchart_class_init (VvFlowchartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vv_flowchart_finalize;
}

static void
vv_flowchart_init (VvFlowchart *self)
{
  self->boxes = g_array_new (FALSE, TRUE, sizeof (VvFlowchartBox));
  self->edges = g_array_new (FALSE, TRUE, sizeof (VvFlowchartEdge));
  g_array_set_clear_func (self->edges, edge_clear);
  self->index = g_hash_table_new (g_str_hash, g_str_equal);
}

/* public API */

/**
 * vv_flowchart_new:
 * @rules: the rule data
 *
 * Lays out the decision graph of @rules as layers: every node sits in the
 * layer of its depth (the longest path from the start node), layers are
 * ordered to keep edges short, and branches between the same two nodes share
 * one labelled edge. Branch labels are translated at this point.
 *
 * Returns: (transfer full): the layout
 */
VvFlowchart *
vv_flowchart_new (VvRules *rules)
{
  VvFlowchart *self;

  g_return_val_if_fail (VV_IS_RULES (rules), NULL);

  self = g_object_new (VV_TYPE_FLOWCHART, NULL);
  self->rules = g_object_ref (rules);
  vv_flowchart_layout (self);
  return self;
}

/**
 * vv_flowchart_get_rules:
 * @self: a flowchart
 *
 * Returns: (transfer none): the rules the chart was laid out from
 */
VvRules *
vv_flowchart_get_rules (VvFlowchart *self)
{
  g_return_val_if_fail (VV_IS_FLOWCHART (self), NULL);

  return self->rules;
}

/**
 * vv_flowchart_get_size:
 * @self: a flowchart
 * @width: (out) (optional): the natural width in layout units
 * @height: (out) (optional): the natural height in layout units
 *
 * The size of the whole chart at scale 1, margins included.
 */
void
vv_flowchart_get_size (VvFlowchart *self,
                       double      *width,
                       double      *height)
{
  g_return_if_fail (VV_IS_FLOWCHART (self));

  if (width != NULL)
    *width = self->width;
  if (height != NULL)
    *height = self->height;
}

/**
 * vv_flowchart_get_n_boxes:
 * @self: a flowchart
 *
 * Returns: the number of placed nodes (one per rule node)
 */
guint
vv_flowchart_get_n_boxes (VvFlowchart *self)
{
  g_return_val_if_fail (VV_IS_FLOWCHART (self), 0);

  return self->boxes->len;
}

/**
 * vv_flowchart_get_box:
 * @self: a flowchart
 * @index: a box index below vv_flowchart_get_n_boxes()
 *
 * Returns: (transfer none): the placed node
 */
const VvFlowchartBox *
vv_flowchart_get_box (VvFlowchart *self,
                      guint        index)
{
  g_return_val_if_fail (VV_IS_FLOWCHART (self), NULL);
  g_return_val_if_fail (index < self->boxes->len, NULL);

  return &g_array_index (self->boxes, VvFlowchartBox, index);
}

/**
 * vv_flowchart_lookup_box:
 * @self: a flowchart
 * @node_id: a rule node id
 *
 * Returns: (transfer none) (nullable): the box of @node_id, or %NULL
 */
const VvFlowchartBox *
vv_flowchart_lookup_box (VvFlowchart *self,
                         const char  *node_id)
{
  g_return_val_if_fail (VV_IS_FLOWCHART (self), NULL);
  g_return_val_if_fail (node_id != NULL, NULL);

  return box_for (self, node_id);
}

/**
 * vv_flowchart_get_n_edges:
 * @self: a flowchart
 *
 * Returns: the number of drawn edges
 */
guint
vv_flowchart_get_n_edges (VvFlowchart *self)
{
  g_return_val_if_fail (VV_IS_FLOWCHART (self), 0);

  return self->edges->len;
}

/**
 * vv_flowchart_get_edge:
 * @self: a flowchart
 * @index: an edge index below vv_flowchart_get_n_edges()
 *
 * Returns: (transfer none): the edge
 */
const VvFlowchartEdge *
vv_flowchart_get_edge (VvFlowchart *self,
                       guint        index)
{
  g_return_val_if_fail (VV_IS_FLOWCHART (self), NULL);
  g_return_val_if_fail (index < self->edges->len, NULL);

  return &g_array_index (self->edges, VvFlowchartEdge, index);
}

/**
 * vv_flowchart_get_n_layers:
 * @self: a flowchart
 *
 * Returns: the number of layers (the depth of the deepest node plus one)
 */
guint
vv_flowchart_get_n_layers (VvFlowchart *self)
{
  g_return_val_if_fail (VV_IS_FLOWCHART (self), 0);

  return self->n_layers;
}

/**
 * vv_flowchart_set_dark:
 * @self: a flowchart
 * @dark: whether to draw for a dark background
 *
 * Chooses light ink and dark question boxes for a dark background.
 */
void
vv_flowchart_set_dark (VvFlowchart *self,
                       gboolean     dark)
{
  g_return_if_fail (VV_IS_FLOWCHART (self));

  self->dark = !!dark;
}

/**
 * vv_flowchart_get_function_color:
 * @function: (nullable): a function code such as "257"
 * @red: (out): red, 0–1
 * @green: (out): green, 0–1
 * @blue: (out): blue, 0–1
 *
 * The colour outcome boxes of @function are filled with; grey for %NULL or
 * an unknown code.
 */
void
vv_flowchart_get_function_color (const char *function,
                                 double     *red,
                                 double     *green,
                                 double     *blue)
{
  Rgb c = function_rgb (function);

  g_return_if_fail (red != NULL && green != NULL && blue != NULL);

  *red = c.r;
  *green = c.g;
  *blue = c.b;
}

/**
 * vv_flowchart_get_scale:
 * @self: a flowchart
 * @width: the target width
 * @height: the target height
 *
 * Returns: the factor vv_flowchart_render() scales the chart by to fit
 *   @width × @height (at most 2.5)
 */
double
vv_flowchart_get_scale (VvFlowchart *self,
                        double       width,
                        double       height)
{
  g_return_val_if_fail (VV_IS_FLOWCHART (self), 1.0);

  if (width <= 0 || height <= 0 || self->width <= 0 || self->height <= 0)
    return 1.0;
  return MIN (MIN (width / self->width, height / self->height), MAX_SCALE);
}

/**
 * vv_flowchart_render:
 * @self: a flowchart
 * @path: (nullable) (array zero-terminated=1): node ids from the start to
 *   the current node, drawn highlighted; the last one is the current node
 * @cr: the cairo context to draw on
 * @width: the width of the area to fill
 * @height: the height of the area to fill
 *
 * Draws the whole chart scaled to fit @width × @height, centred. The
 * background is left to the caller. Used by the widget, printing and the
 * PDF report alike.
 */
void
vv_flowchart_render (VvFlowchart        *self,
                     const char * const *path,
                     cairo_t            *cr,
                     double              width,
                     double              height)
{
  g_autoptr(GHashTable) on_path = g_hash_table_new (g_str_hash, g_str_equal);
  const char *current = NULL;
  guint path_len = path != NULL ? g_strv_length ((char **) path) : 0;
  double scale, dx, dy;

  g_return_if_fail (VV_IS_FLOWCHART (self));
  g_return_if_fail (cr != NULL);

  for (guint i = 0; i < path_len; i++)
    g_hash_table_insert (on_path, (gpointer) path[i], GUINT_TO_POINTER (i + 1));
  if (path_len > 0)
    current = path[path_len - 1];

  transform (self, width, height, &scale, &dx, &dy);
  cairo_save (cr);
  cairo_translate (cr, dx, dy);
  cairo_scale (cr, scale, scale);

  /* Edges under the path first, so the path is never drawn over. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->edges->len; i++)
      {
        const VvFlowchartEdge *edge = &g_array_index (self->edges, VvFlowchartEdge, i);
        guint fi = GPOINTER_TO_UINT (g_hash_table_lookup (on_path, edge->from));
        guint ti = GPOINTER_TO_UINT (g_hash_table_lookup (on_path, edge->to));
        gboolean edge_on_path = fi > 0 && ti == fi + 1;

        if (edge_on_path == (pass == 1))
          draw_edge (self, cr, edge, edge_on_path, path_len > 0);
      }

  for (guint i = 0; i < self->boxes->len; i++)
    {
      const VvFlowchartBox *box = &g_array_index (self->boxes, VvFlowchartBox, i);
      gboolean box_on_path = g_hash_table_contains (on_path, box->node_id);

      draw_box (self, cr, box, box_on_path,
                current != NULL && g_str_equal (current, box->node_id));
    }
  cairo_restore (cr);
}

/**
 * vv_flowchart_node_at:
 * @self: a flowchart
 * @width: the width the chart was rendered at
 * @height: the height the chart was rendered at
 * @x: a point in the rendered area
 * @y: a point in the rendered area
 *
 * Hit-testing for vv_flowchart_render() with the same @width and @height.
 *
 * Returns: (transfer none) (nullable): the id of the node drawn at @x, @y
 */
const char *
vv_flowchart_node_at (VvFlowchart *self,
                      double       width,
                      double       height,
                      double       x,
                      double       y)
{
  double scale, dx, dy, lx, ly;

  g_return_val_if_fail (VV_IS_FLOWCHART (self), NULL);

  transform (self, width, height, &scale, &dx, &dy);
  lx = (x - dx) / scale;
  ly = (y - dy) / scale;
  for (guint i = 0; i < self->boxes->len; i++)
    {
      const VvFlowchartBox *box = &g_array_index (self->boxes, VvFlowchartBox, i);

      if (lx >= box->x && lx <= box->x + box->width &&
          ly >= box->y && ly <= box->y + box->height)
        return box->node_id;
    }
  return NULL;
}
