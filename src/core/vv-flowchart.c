/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-flowchart"

#include "config.h"

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "vv-flowchart-private.h"
#include "vv-flowchart.h"

/* Layout units: one unit is one pixel when the chart is drawn at scale 1.
 * Boxes are as tall as their title needs and the gaps between layers as
 * tall as the branch labels need: nothing is cut short or drawn over. */
#define BOX_WIDTH       176.0
#define BOX_MIN_HEIGHT   52.0
#define BOX_PAD_X        10.0
#define BOX_PAD_Y         8.0
#define H_GAP            24.0
#define V_GAP            48.0
#define MARGIN           20.0
#define MAX_SCALE         2.5
#define TITLE_SIZE       11.0   /* points at scale 1 */
#define LABEL_SIZE       10.0
#define LABEL_PAD_X       5.0
#define LABEL_PAD_Y       2.0
#define LABEL_SPACE       3.0   /* kept free around labels and boxes */
#define LABEL_WIDTH     (BOX_WIDTH + H_GAP - 2 * LABEL_PAD_X - 2 * LABEL_SPACE)
#define ARROW_ROOM       12.0   /* a label never sits on the arrow head */
#define MIN_TEXT_POINTS   9.0
#define MAX_ROUNDS      100
#define LABEL_JOIN       " / "  /* between a label's options: "Mat / Vask av tøy" */
#define EDGE_MARGIN      12.0   /* half the path's line and the arrow head */
#define BOX_MARGIN        8.0   /* the answer's halo and its line */

struct _VvFlowchart
{
  GObject     parent_instance;

  /* Owned */
  VvRules    *rules;
  GArray     *boxes;        /* VvFlowchartBox, in the order of vv_rules_get_nodes() */
  GArray     *edges;        /* VvFlowchartEdge */
  GHashTable *index;        /* node id -> box index + 1 */
  PangoContext *pango;      /* measures text as vv_flowchart_render() draws it */
  GHashTable *layouts;      /* "size bold width text" -> PangoLayout made with @pango */
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
        g_string_append (label, LABEL_JOIN);
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
          char *joined = g_strconcat (e->label, LABEL_JOIN, label, NULL);

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

/* Text is laid out without hinted metrics, so that its size scales
 * linearly: what is measured here at scale 1 is what any zoom draws. */
static void
setup_text_context (PangoContext *context)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 96);
  cairo_font_options_destroy (options);
}

/* The laid-out text, made once: the layout measures with it, and every
 * frame draws it (a new context and layout per text per frame was a third
 * of the chart's drawing time). Returns a borrowed layout. */
static PangoLayout *
text_layout (VvFlowchart  *self,
             const char   *text,
             double        size,
             gboolean      bold,
             double        width)
{
  g_autofree char *key = g_strdup_printf ("%g %d %g %s", size, bold, width, text);
  PangoLayout *layout = g_hash_table_lookup (self->layouts, key);
  g_autoptr(PangoFontDescription) desc = NULL;

  if (layout != NULL)
    return layout;
  layout = pango_layout_new (self->pango);
  desc = pango_font_description_new ();

  pango_font_description_set_family (desc, "Sans");
  pango_font_description_set_size (desc, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_text (layout, text, -1);
  g_hash_table_insert (self->layouts, g_steal_pointer (&key), layout);
  return layout;
}

/* The logical size of @text wrapped at @width, in layout units, for either
 * weight. Bold bounds the regular weight in height, and in width too where
 * it fits one line (the tests check both on every text of the rules in
 * every language), so regular is measured only where a wrapped text's
 * width counts (@with_width): most texts are shaped once here, and in
 * regular only when drawn in view. */
static void
measure_text (VvFlowchart *self,
              const char  *text,
              double       size,
              double       width,
              gboolean     with_width,
              double      *text_width,
              double      *text_height)
{
  PangoLayout *layout = text_layout (self, text, size, TRUE, width);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  *text_width = (double) logical.width / PANGO_SCALE;
  *text_height = (double) logical.height / PANGO_SCALE;
  if (with_width && pango_layout_get_line_count (layout) > 1)
    {
      layout = text_layout (self, text, size, FALSE, width);
      pango_layout_get_extents (layout, NULL, &logical);
      *text_width = MAX (*text_width, (double) logical.width / PANGO_SCALE);
      *text_height = MAX (*text_height, (double) logical.height / PANGO_SCALE);
    }
}

static gboolean
rects_overlap (double ax, double ay, double aw, double ah,
               double bx, double by, double bw, double bh)
{
  return ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah;
}

typedef struct
{
  double x, y, width, height;
} Rect;

typedef struct
{
  VvFlowchartEdge *edge;
  int              span;
  guint            index;
} EdgeOrder;

static int
compare_edge_order (gconstpointer a,
                    gconstpointer b)
{
  const EdgeOrder *ea = a;
  const EdgeOrder *eb = b;

  if (ea->span != eb->span)
    return ea->span - eb->span;
  return (int) ea->index - (int) eb->index;
}

/* Puts each branch label on its edge, as near the target as it can go
 * without touching a box or another label (short edges first, as their
 * labels have the least room). For each layer, @need gets the height of
 * the tallest label that found no room above it. Returns whether all
 * labels found room. */
static gboolean
place_labels (VvFlowchart *self,
              GArray      *order,
              double      *need)
{
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (Rect));
  gboolean all = TRUE;

  for (guint o = 0; o < order->len; o++)
    {
      VvFlowchartEdge *edge = g_array_index (order, EdgeOrder, o).edge;
      const VvFlowchartBox *from = box_for (self, edge->from);
      const VvFlowchartBox *to = box_for (self, edge->to);
      double w = edge->label_width, h = edge->label_height;
      double p[4][2];
      gboolean found = FALSE;

      edge_curve (from, to, p);
      for (int step = 99; step > 0 && !found; step--)
        {
          double cx, cy, x, y;
          gboolean free = TRUE;

          bezier_point (p, step / 100.0, &cx, &cy);
          x = cx - w / 2;
          y = cy - h / 2;
          if (y + h > to->y - ARROW_ROOM || y < from->y + from->height + LABEL_SPACE)
            continue;
          for (guint i = 0; free && i < self->boxes->len; i++)
            {
              const VvFlowchartBox *box = &g_array_index (self->boxes, VvFlowchartBox, i);

              free = !rects_overlap (x, y, w, h,
                                     box->x - LABEL_SPACE, box->y - LABEL_SPACE,
                                     box->width + 2 * LABEL_SPACE, box->height + 2 * LABEL_SPACE);
            }
          for (guint i = 0; free && i < placed->len; i++)
            {
              const Rect *r = &g_array_index (placed, Rect, i);

              free = !rects_overlap (x, y, w, h,
                                     r->x - LABEL_SPACE, r->y - LABEL_SPACE,
                                     r->width + 2 * LABEL_SPACE, r->height + 2 * LABEL_SPACE);
            }
          if (free)
            {
              Rect r = { x, y, w, h };

              edge->label_x = x;
              edge->label_y = y;
              g_array_append_val (placed, r);
              found = TRUE;
            }
        }
      if (!found)
        {
          /* No room: open up the gap above the target and try again. */
          edge->label_x = p[3][0] - w / 2;
          edge->label_y = p[3][1] - ARROW_ROOM - h;
          need[to->layer] = MAX (need[to->layer], h);
          all = FALSE;
        }
    }
  return all;
}

/* Rows: each layer is as tall as its tallest title, and each gap between
 * layers grows until the labels of the edges ending below it fit. */
static void
place_rows_and_labels (VvFlowchart *self,
                       GPtrArray   *layers)
{
  g_autofree double *row_height = g_new0 (double, MAX (self->n_layers, 1));
  g_autofree double *gap = g_new0 (double, MAX (self->n_layers, 1));
  g_autofree double *need = g_new0 (double, MAX (self->n_layers, 1));
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (EdgeOrder));
  double min_x = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_y = -G_MAXDOUBLE;

  for (guint i = 0; i < self->boxes->len; i++)
    {
      VvFlowchartBox *box = &g_array_index (self->boxes, VvFlowchartBox, i);
      const VvNode *node = vv_rules_lookup_node (self->rules, box->node_id);
      double tw, th;

      measure_text (self, vv_rules_tr (node->title), TITLE_SIZE, BOX_WIDTH - 2 * BOX_PAD_X, FALSE,
                    &tw, &th);
      row_height[box->layer] = MAX (row_height[box->layer], MAX (BOX_MIN_HEIGHT, th + 2 * BOX_PAD_Y));
    }
  for (guint i = 0; i < self->boxes->len; i++)
    {
      VvFlowchartBox *box = &g_array_index (self->boxes, VvFlowchartBox, i);

      box->height = row_height[box->layer];
    }
  for (guint e = 0; e < self->edges->len; e++)
    {
      VvFlowchartEdge *edge = &g_array_index (self->edges, VvFlowchartEdge, e);
      EdgeOrder item = { edge, box_for (self, edge->to)->layer - box_for (self, edge->from)->layer, e };
      double tw, th;

      measure_text (self, edge->label, LABEL_SIZE, LABEL_WIDTH, TRUE, &tw, &th);
      edge->label_width = ceil (tw) + 2 * LABEL_PAD_X;
      edge->label_height = ceil (th) + 2 * LABEL_PAD_Y;
      g_array_append_val (order, item);
    }
  g_array_sort (order, compare_edge_order);

  for (guint l = 0; l < self->n_layers; l++)
    gap[l] = V_GAP;
  for (guint round = 0; round < MAX_ROUNDS; round++)
    {
      double y = 0;

      for (guint l = 0; l < self->n_layers; l++)
        {
          GPtrArray *layer = g_ptr_array_index (layers, l);

          for (guint i = 0; i < layer->len; i++)
            ((VvFlowchartBox *) g_ptr_array_index (layer, i))->y = y;
          y += row_height[l] + gap[l];
        }
      memset (need, 0, sizeof (double) * self->n_layers);
      if (place_labels (self, order, need))
        break;
      /* Open up the gaps above the crowded layers by half a label: the
         labels there can then be staggered. */
      for (guint l = 1; l < self->n_layers; l++)
        if (need[l] > 0)
          gap[l - 1] += ceil (need[l] / 2) + LABEL_SPACE;
      if (round == MAX_ROUNDS - 1)
        g_debug ("Some branch labels of the flowchart found no free place");
    }

  /* The canvas: every box and label, with a margin all round. */
  for (guint i = 0; i < self->boxes->len; i++)
    {
      VvFlowchartBox *box = &g_array_index (self->boxes, VvFlowchartBox, i);

      min_x = MIN (min_x, box->x);
      max_x = MAX (max_x, box->x + box->width);
      min_y = MIN (min_y, box->y);
      max_y = MAX (max_y, box->y + box->height);
    }
  for (guint e = 0; e < self->edges->len; e++)
    {
      VvFlowchartEdge *edge = &g_array_index (self->edges, VvFlowchartEdge, e);

      min_x = MIN (min_x, edge->label_x);
      max_x = MAX (max_x, edge->label_x + edge->label_width);
      min_y = MIN (min_y, edge->label_y);
      max_y = MAX (max_y, edge->label_y + edge->label_height);
    }
  if (self->boxes->len == 0)
    min_x = max_x = min_y = max_y = 0;
  for (guint i = 0; i < self->boxes->len; i++)
    {
      VvFlowchartBox *box = &g_array_index (self->boxes, VvFlowchartBox, i);

      box->x += MARGIN - min_x;
      box->y += MARGIN - min_y;
    }
  for (guint e = 0; e < self->edges->len; e++)
    {
      VvFlowchartEdge *edge = &g_array_index (self->edges, VvFlowchartEdge, e);

      edge->label_x += MARGIN - min_x;
      edge->label_y += MARGIN - min_y;
    }
  self->width = max_x - min_x + 2 * MARGIN;
  self->height = max_y - min_y + 2 * MARGIN;
}

static void
vv_flowchart_layout (VvFlowchart *self)
{
  GPtrArray *nodes = vv_rules_get_nodes (self->rules);
  const char *start = vv_rules_get_start (self->rules);
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  gboolean changed = TRUE;

  for (guint i = 0; i < nodes->len; i++)
    {
      const VvNode *node = g_ptr_array_index (nodes, i);
      VvFlowchartBox box = { node->id, -1, 0, 0, 0, BOX_WIDTH, BOX_MIN_HEIGHT };

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
  place_rows_and_labels (self, layers);
}

/* The colours outcome boxes are filled with. Each is dark enough for white
 * text (contrast at least 4.5:1, checked by the tests). */
static Rgb
function_rgb (const char *function)
{
  static const struct { const char *code; Rgb rgb; } colors[] = {
    { "257", { 0.11, 0.49, 0.31 } },   /* green */
    { "258", { 0.10, 0.37, 0.71 } },   /* blue */
    { "253", { 0.75, 0.26, 0.00 } },   /* orange */
    { "254", { 0.37, 0.36, 0.39 } },   /* dark grey */
    { "234", { 0.51, 0.24, 0.61 } },   /* purple */
    { "243", { 0.65, 0.11, 0.18 } },   /* red */
    { "265", { 0.53, 0.37, 0.24 } },   /* brown */
    { "840", { 0.04, 0.43, 0.43 } },   /* teal */
    { "256", { 0.69, 0.13, 0.45 } },   /* magenta */
    { "261", { 0.27, 0.29, 0.62 } },   /* indigo */
  };

  for (guint i = 0; function != NULL && i < G_N_ELEMENTS (colors); i++)
    if (g_str_equal (colors[i].code, function))
      return colors[i].rgb;
  return (Rgb) { 0.43, 0.42, 0.44 };
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

#define HIGHLIGHT ((Rgb) { 0.97, 0.83, 0.18 })   /* highlighter yellow */

/* What the path looks like: the nodes on it and the current (last) one. */
typedef struct
{
  GHashTable *on_path;      /* node id -> position + 1 */
  const char *current;
  gboolean    have_path;
} PathState;

static void
path_state_init (PathState          *state,
                 const char * const *path)
{
  guint len = path != NULL ? g_strv_length ((char **) path) : 0;

  state->on_path = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < len; i++)
    g_hash_table_insert (state->on_path, (gpointer) path[i], GUINT_TO_POINTER (i + 1));
  state->current = len > 0 ? path[len - 1] : NULL;
  state->have_path = len > 0;
}

static gboolean
edge_on_path (const PathState       *state,
              const VvFlowchartEdge *edge)
{
  guint fi = GPOINTER_TO_UINT (g_hash_table_lookup (state->on_path, edge->from));
  guint ti = GPOINTER_TO_UINT (g_hash_table_lookup (state->on_path, edge->to));

  return fi > 0 && ti == fi + 1;
}

static void
set_rgb (double    out[3],
         Rgb       c)
{
  out[0] = c.r;
  out[1] = c.g;
  out[2] = c.b;
}

/* The title of @box as drawn: its colours, weight and where its layout's
 * origin goes. */
static void
node_text (VvFlowchart          *self,
           const VvFlowchartBox *box,
           const PathState      *state,
           VvFlowchartText      *text,
           double               *origin_x,
           double               *origin_y)
{
  const VvNode *node = vv_rules_lookup_node (self->rules, box->node_id);
  gboolean on_path = g_hash_table_contains (state->on_path, box->node_id);
  gboolean current = g_strcmp0 (state->current, box->node_id) == 0;
  double inner = box->width - 2 * BOX_PAD_X;
  PangoLayout *layout;
  PangoRectangle logical;
  Rgb fill, fill2, ink;

  if (node->kind == VV_NODE_OUTCOME)
    {
      fill = function_rgb (node_function (node, 0));
      fill2 = node_function (node, 1) != NULL ? function_rgb (node_function (node, 1)) : fill;
      ink = (Rgb) { 1, 1, 1 };
    }
  else if (current)
    {
      fill = fill2 = HIGHLIGHT;
      ink = (Rgb) { 0.14, 0.14, 0.14 };
    }
  else if (self->dark)
    {
      fill = fill2 = (Rgb) { 0.24, 0.24, 0.25 };
      ink = (Rgb) { 0.95, 0.95, 0.95 };
    }
  else
    {
      fill = fill2 = (Rgb) { 1, 1, 1 };
      ink = (Rgb) { 0.14, 0.14, 0.14 };
    }

  text->text = vv_rules_tr (node->title);
  text->node_id = box->node_id;
  text->size = TITLE_SIZE;
  text->bold = node->kind == VV_NODE_OUTCOME || on_path;
  set_rgb (text->ink, ink);
  set_rgb (text->background, fill);
  set_rgb (text->background2, fill2);

  layout = text_layout (self, text->text, text->size, text->bold, inner);
  pango_layout_get_extents (layout, NULL, &logical);
  *origin_x = box->x + BOX_PAD_X;
  *origin_y = box->y + (box->height - (double) logical.height / PANGO_SCALE) / 2
              - (double) logical.y / PANGO_SCALE;
  text->x = *origin_x + (double) logical.x / PANGO_SCALE;
  text->y = *origin_y + (double) logical.y / PANGO_SCALE;
  text->width = (double) logical.width / PANGO_SCALE;
  text->height = (double) logical.height / PANGO_SCALE;
  text->truncated = pango_layout_is_ellipsized (layout) ||
                    text->x < box->x + 1 || text->x + text->width > box->x + box->width - 1 ||
                    text->y < box->y + 1 || text->y + text->height > box->y + box->height - 1;
}

/* The branch label of @edge as drawn. */
static void
label_text (VvFlowchart           *self,
            const VvFlowchartEdge *edge,
            const PathState       *state,
            VvFlowchartText       *text,
            double                *origin_x,
            double                *origin_y)
{
  gboolean on_path = edge_on_path (state, edge);
  PangoLayout *layout;
  PangoRectangle logical;
  double lw, lh;

  text->text = edge->label;
  text->node_id = NULL;
  text->size = LABEL_SIZE;
  text->bold = on_path;
  if (self->dark)
    {
      set_rgb (text->background, (Rgb) { 0.19, 0.19, 0.19 });
      set_rgb (text->ink, on_path || !state->have_path ? (Rgb) { 0.98, 0.98, 0.98 }
                                                      : (Rgb) { 0.78, 0.78, 0.78 });
    }
  else
    {
      set_rgb (text->background, (Rgb) { 1, 1, 1 });
      set_rgb (text->ink, on_path || !state->have_path ? (Rgb) { 0.14, 0.14, 0.14 }
                                                      : (Rgb) { 0.36, 0.36, 0.36 });
    }
  memcpy (text->background2, text->background, sizeof text->background);

  layout = text_layout (self, text->text, text->size, text->bold, LABEL_WIDTH);
  pango_layout_get_extents (layout, NULL, &logical);
  lw = (double) logical.width / PANGO_SCALE;
  lh = (double) logical.height / PANGO_SCALE;
  text->x = edge->label_x + (edge->label_width - lw) / 2;
  text->y = edge->label_y + (edge->label_height - lh) / 2;
  text->width = lw;
  text->height = lh;
  *origin_x = text->x - (double) logical.x / PANGO_SCALE;
  *origin_y = text->y - (double) logical.y / PANGO_SCALE;
  text->truncated = pango_layout_is_ellipsized (layout) ||
                    text->x < edge->label_x || text->x + text->width > edge->label_x + edge->label_width + 0.5 ||
                    text->y < edge->label_y || text->y + text->height > edge->label_y + edge->label_height + 0.5;
}

static void
show_text (VvFlowchart           *self,
           cairo_t               *cr,
           const VvFlowchartText *text,
           double                 origin_x,
           double                 origin_y)
{
  /* The very layout the text was measured with. */
  PangoLayout *layout = text_layout (self, text->text, text->size, text->bold,
                                     text->node_id != NULL ? BOX_WIDTH - 2 * BOX_PAD_X
                                                           : LABEL_WIDTH);

  cairo_set_source_rgb (cr, text->ink[0], text->ink[1], text->ink[2]);
  cairo_move_to (cr, origin_x, origin_y);
  pango_cairo_show_layout (cr, layout);
}

/* Whether @x0…@x1 × @y0…@y1, grown by @margin for strokes, arrow heads
 * and halos, meets @clip: what does not is not drawn. */
static gboolean
in_clip (const Rect *clip,
         double      x0,
         double      y0,
         double      x1,
         double      y1,
         double      margin)
{
  return x0 - margin < clip->x + clip->width && clip->x < x1 + margin &&
         y0 - margin < clip->y + clip->height && clip->y < y1 + margin;
}

static void
draw_edge_line (VvFlowchart           *self,
                cairo_t               *cr,
                const VvFlowchartEdge *edge,
                const Rect            *clip,
                gboolean               on_path,
                gboolean               have_path)
{
  const VvFlowchartBox *from = box_for (self, edge->from);
  const VvFlowchartBox *to = box_for (self, edge->to);
  double p[4][2];
  double ink = self->dark ? 1.0 : 0.14;
  double angle;

  edge_curve (from, to, p);
  /* A Bézier curve lies within the hull of its control points. */
  if (!in_clip (clip, MIN (p[0][0], p[3][0]), MIN (p[0][1], p[2][1]),
                MAX (p[0][0], p[3][0]), MAX (p[1][1], p[3][1]), EDGE_MARGIN))
    return;

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
      cairo_set_source_rgba (cr, 0.5, 0.5, 0.52, have_path ? 0.5 : 0.85);
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
  cairo_restore (cr);
}

static void
draw_label (VvFlowchart           *self,
            cairo_t               *cr,
            const VvFlowchartEdge *edge,
            const Rect            *clip,
            const PathState       *state)
{
  VvFlowchartText text;
  double ox, oy;

  if (!in_clip (clip, edge->label_x, edge->label_y, edge->label_x + edge->label_width,
                edge->label_y + edge->label_height, 1))
    return;
  label_text (self, edge, state, &text, &ox, &oy);
  cairo_save (cr);
  rounded_rect (cr, edge->label_x, edge->label_y, edge->label_width, edge->label_height,
                MIN (6, edge->label_height / 2));
  cairo_set_source_rgb (cr, text.background[0], text.background[1], text.background[2]);
  cairo_fill_preserve (cr);
  if (edge_on_path (state, edge))
    {
      double ink = self->dark ? 1.0 : 0.14;

      cairo_set_source_rgb (cr, ink, ink, ink);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
    }
  else
    cairo_new_path (cr);
  show_text (self, cr, &text, ox, oy);
  cairo_restore (cr);
}

static void
draw_box (VvFlowchart          *self,
          cairo_t              *cr,
          const VvFlowchartBox *box,
          const Rect           *clip,
          const PathState      *state)
{
  const VvNode *node = vv_rules_lookup_node (self->rules, box->node_id);
  gboolean on_path = g_hash_table_contains (state->on_path, box->node_id);
  gboolean current = g_strcmp0 (state->current, box->node_id) == 0;
  VvFlowchartText text;
  double ox, oy;

  if (!in_clip (clip, box->x, box->y, box->x + box->width, box->y + box->height, BOX_MARGIN))
    return;
  node_text (self, box, state, &text, &ox, &oy);

  cairo_save (cr);
  rounded_rect (cr, box->x, box->y, box->width, box->height, 9);
  if (memcmp (text.background, text.background2, sizeof text.background) != 0)
    {
      cairo_pattern_t *pattern = cairo_pattern_create_linear (box->x, 0, box->x + box->width, 0);

      cairo_pattern_add_color_stop_rgb (pattern, 0.48, text.background[0], text.background[1],
                                        text.background[2]);
      cairo_pattern_add_color_stop_rgb (pattern, 0.52, text.background2[0], text.background2[1],
                                        text.background2[2]);
      cairo_set_source (cr, pattern);
      cairo_pattern_destroy (pattern);
    }
  else
    cairo_set_source_rgb (cr, text.background[0], text.background[1], text.background[2]);
  cairo_fill_preserve (cr);

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
      Rgb h = HIGHLIGHT;

      rounded_rect (cr, box->x - 5, box->y - 5, box->width + 10, box->height + 10, 13);
      cairo_set_source_rgb (cr, h.r, h.g, h.b);
      cairo_set_line_width (cr, 4.0);
      cairo_stroke (cr);
      rounded_rect (cr, box->x + 4, box->y + 4, box->width - 8, box->height - 8, 6);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }

  show_text (self, cr, &text, ox, oy);
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
  g_clear_pointer (&self->layouts, g_hash_table_unref);
  g_clear_object (&self->pango);
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
  self->pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  setup_text_context (self->pango);
  self->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
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
  double scale, dx, dy;

  g_return_if_fail (VV_IS_FLOWCHART (self));
  g_return_if_fail (cr != NULL);

  transform (self, width, height, &scale, &dx, &dy);
  cairo_save (cr);
  cairo_translate (cr, dx, dy);
  cairo_scale (cr, scale, scale);
  vv_flowchart_draw (self, path, cr);
  cairo_restore (cr);
}

/**
 * vv_flowchart_draw:
 * @self: a flowchart
 * @path: (nullable) (array zero-terminated=1): node ids from the start to
 *   the current node, drawn highlighted; the last one is the current node
 * @cr: the cairo context to draw on, in layout units
 *
 * Draws the chart at the scale and offset @cr is set up for: one layout
 * unit is one user-space unit of @cr. Only what meets the clip of @cr is
 * drawn. The background is left to the caller.
 */
void
vv_flowchart_draw (VvFlowchart        *self,
                   const char * const *path,
                   cairo_t            *cr)
{
  PathState state;
  double x0, y0, x1, y1;
  Rect clip;

  g_return_if_fail (VV_IS_FLOWCHART (self));
  g_return_if_fail (cr != NULL);

  /* Only what meets the clip is drawn: a view shows a small part of the
   * chart, and the texts out of view are then neither laid out in the
   * weight they are drawn in nor recorded. */
  cairo_clip_extents (cr, &x0, &y0, &x1, &y1);
  clip = (Rect) { x0, y0, x1 - x0, y1 - y0 };

  path_state_init (&state, path);
  /* Edges under the path first, so the path is never drawn over; labels
   * over all lines, boxes last. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->edges->len; i++)
      {
        const VvFlowchartEdge *edge = &g_array_index (self->edges, VvFlowchartEdge, i);
        gboolean on_path = edge_on_path (&state, edge);

        if (on_path == (pass == 1))
          draw_edge_line (self, cr, edge, &clip, on_path, state.have_path);
      }
  for (guint i = 0; i < self->edges->len; i++)
    draw_label (self, cr, &g_array_index (self->edges, VvFlowchartEdge, i), &clip, &state);
  for (guint i = 0; i < self->boxes->len; i++)
    draw_box (self, cr, &g_array_index (self->boxes, VvFlowchartBox, i), &clip, &state);
  g_hash_table_unref (state.on_path);
}

/**
 * vv_flowchart_get_texts:
 * @self: a flowchart
 * @path: (nullable) (array zero-terminated=1): the highlighted path, as for
 *   vv_flowchart_draw()
 *
 * Every piece of text vv_flowchart_draw() draws for @path (the box titles,
 * then the branch labels), with where it goes, its size and its colours,
 * computed by the code that draws it. For tests of legibility.
 *
 * Returns: (transfer full) (element-type VvFlowchartText): the texts
 */
GArray *
vv_flowchart_get_texts (VvFlowchart        *self,
                        const char * const *path)
{
  GArray *texts;
  PathState state;
  double ox, oy;

  g_return_val_if_fail (VV_IS_FLOWCHART (self), NULL);

  texts = g_array_new (FALSE, TRUE, sizeof (VvFlowchartText));
  path_state_init (&state, path);
  for (guint i = 0; i < self->boxes->len; i++)
    {
      VvFlowchartText text;

      node_text (self, &g_array_index (self->boxes, VvFlowchartBox, i), &state, &text, &ox, &oy);
      g_array_append_val (texts, text);
    }
  for (guint i = 0; i < self->edges->len; i++)
    {
      VvFlowchartText text;

      label_text (self, &g_array_index (self->edges, VvFlowchartEdge, i), &state, &text, &ox, &oy);
      g_array_append_val (texts, text);
    }
  g_hash_table_unref (state.on_path);
  return texts;
}

/**
 * vv_flowchart_get_min_scale:
 * @self: a flowchart
 *
 * Returns: the smallest scale at which every text of the chart is drawn at
 *   9 points or more; views never zoom out further than this
 */
double
vv_flowchart_get_min_scale (VvFlowchart *self)
{
  g_return_val_if_fail (VV_IS_FLOWCHART (self), 1.0);

  return MIN_TEXT_POINTS / MIN (TITLE_SIZE, LABEL_SIZE);
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

/* For tests: how many texts have been laid out so far (each in one weight,
 * size and width). */
guint
_vv_flowchart_get_n_layouts (VvFlowchart *self)
{
  g_return_val_if_fail (VV_IS_FLOWCHART (self), 0);

  return g_hash_table_size (self->layouts);
}
