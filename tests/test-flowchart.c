/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-flowchart"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "vv-flowchart-private.h"
#include "vv-flowchart.h"
#include "vv-i18n.h"
#include "vv-rules.h"

#define WIDTH  1400
#define HEIGHT  900

/* The path the guide walks for "care service in shared housing from the
 * attached base, adult, shared base, no outside users" (→ 257). */
static const char *path_257[] = {
  "q-item", "q-municipal", "q-residence", "q-age", "q-provider",
  "q-single-user", "q-shared-rota", "o-257", NULL
};

static void
device_rect (VvFlowchart          *chart,
             const VvFlowchartBox *box,
             double                inset,
             int                  *x0,
             int                  *y0,
             int                  *x1,
             int                  *y1)
{
  double w, h, scale, dx, dy;

  vv_flowchart_get_size (chart, &w, &h);
  scale = vv_flowchart_get_scale (chart, WIDTH, HEIGHT);
  dx = (WIDTH - w * scale) / 2;
  dy = (HEIGHT - h * scale) / 2;
  *x0 = (int) (dx + (box->x + inset) * scale);
  *y0 = (int) (dy + (box->y + inset) * scale);
  *x1 = (int) (dx + (box->x + box->width - inset) * scale);
  *y1 = (int) (dy + (box->y + box->height - inset) * scale);
}

static cairo_surface_t *
render (VvFlowchart        *chart,
        const char * const *path)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  vv_flowchart_render (chart, path, cr, WIDTH, HEIGHT);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return ((const guint32 *) (data + y * stride))[x] & 0xffffff;
}

static guint
count_differences (cairo_surface_t *a,
                   cairo_surface_t *b,
                   int x0, int y0, int x1, int y1)
{
  guint n = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      if (pixel (a, x, y) != pixel (b, x, y))
        n++;
  return n;
}

static int
max_distance (cairo_surface_t *a,
              cairo_surface_t *b,
              int x0, int y0, int x1, int y1)
{
  int max = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        guint32 pa = pixel (a, x, y), pb = pixel (b, x, y);

        for (int shift = 0; shift <= 16; shift += 8)
          max = MAX (max, ABS ((int) ((pa >> shift) & 0xff) - (int) ((pb >> shift) & 0xff)));
      }
  return max;
}

static gboolean
boxes_overlap (const VvFlowchartBox *a,
               const VvFlowchartBox *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static void
test_layout_places_every_node (void)
{
  VvRules *rules = vv_rules_get_default ();
  g_autoptr(VvFlowchart) chart = vv_flowchart_new (rules);
  GPtrArray *nodes = vv_rules_get_nodes (rules);
  double w, h;

  vv_flowchart_get_size (chart, &w, &h);
  g_assert_cmpuint (vv_flowchart_get_n_boxes (chart), ==, nodes->len);
  g_assert_cmpfloat (w, >, 0);
  g_assert_cmpfloat (h, >, 0);

  for (guint i = 0; i < nodes->len; i++)
    {
      const VvNode *node = g_ptr_array_index (nodes, i);
      const VvFlowchartBox *box = vv_flowchart_lookup_box (chart, node->id);

      g_assert_nonnull (box);
      g_assert_cmpstr (box->node_id, ==, node->id);
      g_assert_cmpfloat (box->x, >=, 0);
      g_assert_cmpfloat (box->y, >=, 0);
      g_assert_cmpfloat (box->x + box->width, <=, w);
      g_assert_cmpfloat (box->y + box->height, <=, h);
      g_assert_cmpint (box->layer, >=, 0);
      g_assert_cmpint (box->layer, <, (int) vv_flowchart_get_n_layers (chart));
    }
  g_assert_cmpint (vv_flowchart_lookup_box (chart, vv_rules_get_start (rules))->layer, ==, 0);
}

static void
test_layout_no_overlap (void)
{
  g_autoptr(VvFlowchart) chart = vv_flowchart_new (vv_rules_get_default ());
  guint n = vv_flowchart_get_n_boxes (chart);

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        const VvFlowchartBox *a = vv_flowchart_get_box (chart, i);
        const VvFlowchartBox *b = vv_flowchart_get_box (chart, j);

        if (boxes_overlap (a, b))
          g_error ("Boxes %s and %s overlap", a->node_id, b->node_id);
      }
}

static void
test_layout_edges_go_down (void)
{
  VvRules *rules = vv_rules_get_default ();
  g_autoptr(VvFlowchart) chart = vv_flowchart_new (rules);
  GPtrArray *nodes = vv_rules_get_nodes (rules);
  guint n_pairs = 0;

  /* Every branch of every question is one drawn edge (branches to the same
   * node share it) and points to a deeper layer. */
  for (guint i = 0; i < nodes->len; i++)
    {
      const VvNode *node = g_ptr_array_index (nodes, i);
      g_autoptr(GHashTable) targets = g_hash_table_new (g_str_hash, g_str_equal);

      if (node->kind != VV_NODE_QUESTION)
        continue;
      for (guint b = 0; b < node->branches->len; b++)
        g_hash_table_add (targets, ((VvBranch *) g_ptr_array_index (node->branches, b))->next);
      n_pairs += g_hash_table_size (targets);
    }
  g_assert_cmpuint (vv_flowchart_get_n_edges (chart), ==, n_pairs);

  for (guint e = 0; e < vv_flowchart_get_n_edges (chart); e++)
    {
      const VvFlowchartEdge *edge = vv_flowchart_get_edge (chart, e);
      const VvFlowchartBox *from = vv_flowchart_lookup_box (chart, edge->from);
      const VvFlowchartBox *to = vv_flowchart_lookup_box (chart, edge->to);

      g_assert_cmpint (to->layer, >, from->layer);
      g_assert_cmpfloat (to->y, >, from->y + from->height);
      g_assert_nonnull (edge->label);
      g_assert_cmpuint (strlen (edge->label), >, 0);
    }
}

static void
test_layout_branch_labels (void)
{
  g_autoptr(VvFlowchart) chart = vv_flowchart_new (vv_rules_get_default ());
  gboolean saw_range = FALSE;

  for (guint e = 0; e < vv_flowchart_get_n_edges (chart); e++)
    {
      const VvFlowchartEdge *edge = vv_flowchart_get_edge (chart, e);

      /* q-age splits at 18: its edges are labelled with the ranges. */
      if (g_str_equal (edge->from, "q-age") && g_str_equal (edge->to, "q-child-24h"))
        {
          g_assert_cmpstr (edge->label, ==, "0–17");
          saw_range = TRUE;
        }
    }
  g_assert_true (saw_range);
}

static void
test_hit_testing (void)
{
  g_autoptr(VvFlowchart) chart = vv_flowchart_new (vv_rules_get_default ());

  for (guint i = 0; i < vv_flowchart_get_n_boxes (chart); i++)
    {
      const VvFlowchartBox *box = vv_flowchart_get_box (chart, i);
      int x0, y0, x1, y1;

      device_rect (chart, box, 0, &x0, &y0, &x1, &y1);
      g_assert_cmpstr (vv_flowchart_node_at (chart, WIDTH, HEIGHT, (x0 + x1) / 2.0, (y0 + y1) / 2.0),
                       ==, box->node_id);
    }
  g_assert_null (vv_flowchart_node_at (chart, WIDTH, HEIGHT, 1, 1));
  g_assert_null (vv_flowchart_node_at (chart, WIDTH, HEIGHT, -50, HEIGHT + 50));
}

static void
test_render_highlights_path (void)
{
  VvRules *rules = vv_rules_get_default ();
  g_autoptr(VvFlowchart) chart = vv_flowchart_new (rules);
  g_autoptr(GHashTable) on_path = g_hash_table_new (g_str_hash, g_str_equal);
  cairo_surface_t *plain = render (chart, NULL);
  cairo_surface_t *highlighted = render (chart, path_257);
  const VvFlowchartBox *box;
  int x0, y0, x1, y1;
  guint32 p;

  for (guint i = 0; path_257[i] != NULL; i++)
    g_hash_table_add (on_path, (gpointer) path_257[i]);

  for (guint i = 0; i < vv_flowchart_get_n_boxes (chart); i++)
    {
      guint diff;

      box = vv_flowchart_get_box (chart, i);
      device_rect (chart, box, 5, &x0, &y0, &x1, &y1);
      diff = count_differences (plain, highlighted, x0, y0, x1, y1);
      if (g_hash_table_contains (on_path, box->node_id))
        {
          if (diff == 0)
            g_error ("Box %s is on the path but is drawn as before", box->node_id);
        }
      else if (diff != 0)
        g_error ("Box %s is not on the path but %u pixels changed", box->node_id, diff);
    }

  /* The outcome 257 is filled with its function's colour (green). */
  box = vv_flowchart_lookup_box (chart, "o-257");
  device_rect (chart, box, 2, &x0, &y0, &x1, &y1);
  p = pixel (highlighted, x0 + 1, (y0 + y1) / 2);
  g_assert_cmpuint ((p >> 8) & 0xff, >, (p >> 16) & 0xff);
  g_assert_cmpuint ((p >> 8) & 0xff, >, p & 0xff);

  /* ... and 258 outcomes are blue. */
  box = vv_flowchart_lookup_box (chart, "o-258-ambulant");
  device_rect (chart, box, 2, &x0, &y0, &x1, &y1);
  p = pixel (highlighted, x0 + 1, (y0 + y1) / 2);
  g_assert_cmpuint (p & 0xff, >, (p >> 16) & 0xff);

  cairo_surface_destroy (plain);
  cairo_surface_destroy (highlighted);
}

static void
test_render_current_question (void)
{
  g_autoptr(VvFlowchart) chart = vv_flowchart_new (vv_rules_get_default ());
  const char *path[] = { "q-item", "q-municipal", "q-residence", "q-age", NULL };
  cairo_surface_t *surface = render (chart, path);
  const VvFlowchartBox *box = vv_flowchart_lookup_box (chart, "q-age");
  int x0, y0, x1, y1;
  guint32 p;

  /* The current question is filled yellow; an earlier one is not. */
  device_rect (chart, box, 3, &x0, &y0, &x1, &y1);
  p = pixel (surface, x0 + 1, (y0 + y1) / 2);
  g_assert_cmpuint ((p >> 16) & 0xff, >, 200);
  g_assert_cmpuint ((p >> 8) & 0xff, >, 170);
  g_assert_cmpuint (p & 0xff, <, 100);

  box = vv_flowchart_lookup_box (chart, "q-residence");
  device_rect (chart, box, 3, &x0, &y0, &x1, &y1);
  p = pixel (surface, x0 + 1, (y0 + y1) / 2);
  g_assert_cmpuint (p & 0xff, >, 200);

  if (g_getenv ("VV_TEST_KEEP_PNG") != NULL)
    cairo_surface_write_to_png (surface, g_getenv ("VV_TEST_KEEP_PNG"));
  cairo_surface_destroy (surface);
}

/* WCAG 2 contrast ratio of two opaque sRGB colours. */
static double
luminance (const double c[3])
{
  double l[3];

  for (int i = 0; i < 3; i++)
    l[i] = c[i] <= 0.04045 ? c[i] / 12.92 : pow ((c[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
}

static double
contrast (const double a[3],
          const double b[3])
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* Every function an outcome of the rule data books to has a colour of its
 * own (256 and 261 were drawn in the grey of "no function"), distinct from
 * the others, with white text on it at 4.5:1 or more. */
static void
test_function_colors (void)
{
  GPtrArray *nodes = vv_rules_get_nodes (vv_rules_get_default ());
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const double white[3] = { 1, 1, 1 };
  double grey[3];
  GHashTableIter iter;
  gpointer key;

  vv_flowchart_get_function_color (NULL, &grey[0], &grey[1], &grey[2]);
  for (guint i = 0; i < nodes->len; i++)
    {
      const VvNode *node = g_ptr_array_index (nodes, i);

      for (guint a = 0; node->allocations != NULL && a < node->allocations->len; a++)
        {
          const VvRuleAllocation *alloc = g_ptr_array_index (node->allocations, a);

          if (alloc->function != NULL)
            g_hash_table_add (seen, (gpointer) alloc->function);
        }
    }
  g_assert_cmpuint (g_hash_table_size (seen), >=, 9);
  g_hash_table_add (seen, (gpointer) "254");
  g_hash_table_iter_init (&iter, seen);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      GHashTableIter other;
      gpointer key2;
      double c[3];

      vv_flowchart_get_function_color (key, &c[0], &c[1], &c[2]);
      if (fabs (c[0] - grey[0]) + fabs (c[1] - grey[1]) + fabs (c[2] - grey[2]) < 0.05)
        g_error ("%s is drawn in the grey of no function", (const char *) key);
      if (contrast (c, white) < 4.5)
        g_error ("white on %s has contrast %.2f:1", (const char *) key, contrast (c, white));
      g_hash_table_iter_init (&other, seen);
      while (g_hash_table_iter_next (&other, &key2, NULL))
        {
          double d[3];

          if (g_str_equal (key, key2))
            continue;
          vv_flowchart_get_function_color (key2, &d[0], &d[1], &d[2]);
          if (fabs (c[0] - d[0]) + fabs (c[1] - d[1]) + fabs (c[2] - d[2]) < 0.15)
            g_error ("%s and %s look alike", (const char *) key, (const char *) key2);
        }
    }
}

static gboolean
rects_overlap (double ax, double ay, double aw, double ah,
               double bx, double by, double bw, double bh)
{
  return ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah;
}

/* Everything that makes the drawn chart readable, checked on the texts as
 * vv_flowchart_draw() places and colours them, for @path in light and
 * dark: no text cut short, outside the canvas, over another text or over a
 * box it does not belong to; no text under 9 pt at the smallest scale a
 * view zooms out to; contrast at least 4.5:1 against what it sits on. */
static void
assert_legible (VvFlowchart        *chart,
                const char * const *path)
{
  double w, h, min_scale = vv_flowchart_get_min_scale (chart);

  vv_flowchart_get_size (chart, &w, &h);
  for (int dark = 0; dark < 2; dark++)
    {
      g_autoptr(GArray) texts = NULL;

      vv_flowchart_set_dark (chart, dark);
      texts = vv_flowchart_get_texts (chart, path);
      g_assert_cmpuint (texts->len, ==, vv_flowchart_get_n_boxes (chart) + vv_flowchart_get_n_edges (chart));
      for (guint i = 0; i < texts->len; i++)
        {
          const VvFlowchartText *t = &g_array_index (texts, VvFlowchartText, i);

          if (t->truncated)
            g_error ("\"%s\" does not fit its box", t->text);
          if (t->x < 0 || t->y < 0 || t->x + t->width > w || t->y + t->height > h)
            g_error ("\"%s\" is outside the %.0f×%.0f canvas", t->text, w, h);
          if (t->size * min_scale < 9 - 1e-6)
            g_error ("\"%s\" is %.1f pt at the smallest zoom", t->text, t->size * min_scale);
          if (contrast (t->ink, t->background) < 4.5 || contrast (t->ink, t->background2) < 4.5)
            g_error ("\"%s\" (%s) has contrast %.2f:1 (dark %d)", t->text,
                     t->node_id != NULL ? t->node_id : "label",
                     MIN (contrast (t->ink, t->background), contrast (t->ink, t->background2)), dark);
          for (guint j = i + 1; j < texts->len; j++)
            {
              const VvFlowchartText *u = &g_array_index (texts, VvFlowchartText, j);

              if (rects_overlap (t->x, t->y, t->width, t->height, u->x, u->y, u->width, u->height))
                g_error ("\"%s\" overlaps \"%s\"", t->text, u->text);
            }
          for (guint b = 0; b < vv_flowchart_get_n_boxes (chart); b++)
            {
              const VvFlowchartBox *box = vv_flowchart_get_box (chart, b);

              if (g_strcmp0 (t->node_id, box->node_id) != 0 &&
                  rects_overlap (t->x, t->y, t->width, t->height,
                                 box->x, box->y, box->width, box->height))
                g_error ("\"%s\" is drawn over the box %s", t->text, box->node_id);
            }
        }
    }
  vv_flowchart_set_dark (chart, FALSE);

  /* Label backgrounds (opaque) cover neither a box nor each other. */
  for (guint e = 0; e < vv_flowchart_get_n_edges (chart); e++)
    {
      const VvFlowchartEdge *a = vv_flowchart_get_edge (chart, e);

      for (guint b = 0; b < vv_flowchart_get_n_boxes (chart); b++)
        {
          const VvFlowchartBox *box = vv_flowchart_get_box (chart, b);

          if (rects_overlap (a->label_x, a->label_y, a->label_width, a->label_height,
                             box->x, box->y, box->width, box->height))
            g_error ("The label \"%s\" covers the box %s", a->label, box->node_id);
        }
      for (guint f = e + 1; f < vv_flowchart_get_n_edges (chart); f++)
        {
          const VvFlowchartEdge *b = vv_flowchart_get_edge (chart, f);

          if (rects_overlap (a->label_x, a->label_y, a->label_width, a->label_height,
                             b->label_x, b->label_y, b->label_width, b->label_height))
            g_error ("The labels \"%s\" and \"%s\" overlap", a->label, b->label);
        }
    }
}

static void
test_legible (void)
{
  g_autoptr(VvFlowchart) chart = vv_flowchart_new (vv_rules_get_default ());
  const char *mid[] = { "q-item", "q-municipal", "q-service", "q-residence", NULL };

  assert_legible (chart, NULL);
  assert_legible (chart, mid);
  assert_legible (chart, path_257);
  if (g_getenv ("VV_TEST_CHART_PNG") != NULL)
    {
      double w, h;
      cairo_surface_t *surface;
      cairo_t *cr;

      vv_flowchart_get_size (chart, &w, &h);
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (w), (int) ceil (h));
      cr = cairo_create (surface);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      vv_flowchart_draw (chart, mid, cr);
      cairo_destroy (cr);
      cairo_surface_write_to_png (surface, g_getenv ("VV_TEST_CHART_PNG"));
      cairo_surface_destroy (surface);
    }
}

static void
test_legible_nynorsk (void)
{
  g_autoptr(VvFlowchart) chart = NULL;

  vv_i18n_init ("nn");
  chart = vv_flowchart_new (vv_rules_get_default ());
  assert_legible (chart, path_257);
  vv_i18n_init ("en");
}

/* A graph twice as deep and with long branch labels: the rule data grows,
 * the chart must stay readable. The default rules get a chain of extra
 * questions in front of three of their outcomes. */
static void
test_legible_grown (void)
{
  g_autofree char *file = g_test_build_filename (G_TEST_DIST, "..", "data", "rules",
                                                 "veiviser-rules.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(VvRules) rules = NULL;
  g_autoptr(VvFlowchart) chart = NULL;
  g_autoptr(GBytes) bytes = NULL;
  JsonObject *root;
  JsonArray *nodes, *facts;
  JsonObject *fact;
  JsonArray *values;
  const char *outcomes[3] = { NULL };
  guint n_outcomes = 0;
  char *data;
  gsize len;

  json_parser_load_from_file (parser, file, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  nodes = json_object_get_array_member (root, "nodes");
  facts = json_object_get_array_member (root, "facts");

  /* One enum fact with six long values. */
  fact = json_object_new ();
  json_object_set_string_member (fact, "id", "synthetic");
  json_object_set_string_member (fact, "type", "enum");
  json_object_set_string_member (fact, "label", "A synthetic question");
  json_object_set_string_member (fact, "question", "Which of these long-winded answers applies?");
  values = json_array_new ();
  for (int v = 0; v < 6; v++)
    {
      JsonObject *value = json_object_new ();
      g_autofree char *id = g_strdup_printf ("value_%d", v);
      g_autofree char *label = g_strdup_printf ("Answer number %d, which is spelt out at some "
                                                "length as real branch labels are", v);

      json_object_set_string_member (value, "id", id);
      json_object_set_string_member (value, "label", label);
      json_array_add_object_element (values, value);
    }
  json_object_set_array_member (fact, "values", values);
  json_array_add_object_element (facts, fact);

  /* The first three outcomes of the rule data, whatever they are called. */
  for (guint n = 0; n < json_array_get_length (nodes) && n_outcomes < 3; n++)
    {
      JsonObject *node = json_array_get_object_element (nodes, n);

      if (json_object_has_member (node, "outcome"))
        outcomes[n_outcomes++] = json_object_get_string_member (node, "id");
    }
  g_assert_cmpuint (n_outcomes, ==, 3);

  for (guint o = 0; o < G_N_ELEMENTS (outcomes); o++)
    {
      /* Redirect every branch to this outcome into a chain of 4 questions,
       * each of which ends in the outcome or goes on to the next. */
      for (guint n = 0; n < json_array_get_length (nodes); n++)
        {
          JsonObject *node = json_array_get_object_element (nodes, n);
          JsonArray *branches;

          if (!json_object_has_member (node, "branches"))
            continue;
          branches = json_object_get_array_member (node, "branches");
          for (guint b = 0; b < json_array_get_length (branches); b++)
            {
              JsonObject *branch = json_array_get_object_element (branches, b);
              g_autofree char *first = g_strdup_printf ("q-syn-%u-0", o);

              if (g_str_equal (json_object_get_string_member (branch, "next"), outcomes[o]))
                json_object_set_string_member (branch, "next", first);
            }
        }
      for (int q = 0; q < 4; q++)
        {
          JsonObject *node = json_object_new ();
          JsonArray *branches = json_array_new ();
          g_autofree char *id = g_strdup_printf ("q-syn-%u-%d", o, q);
          g_autofree char *next = q < 3 ? g_strdup_printf ("q-syn-%u-%d", o, q + 1)
                                        : g_strdup (outcomes[o]);

          json_object_set_string_member (node, "id", id);
          json_object_set_string_member (node, "fact", "synthetic");
          json_object_set_string_member (node, "title",
                                         "A synthetic question whose title is long enough "
                                         "to need three lines");
          json_object_set_int_member (node, "col", 4 + o);
          json_object_set_int_member (node, "row", 20 + q);
          for (int v = 0; v < 6; v++)
            {
              JsonObject *branch = json_object_new ();
              JsonArray *vals = json_array_new ();
              g_autofree char *value = g_strdup_printf ("value_%d", v);

              json_array_add_string_element (vals, value);
              json_object_set_array_member (branch, "values", vals);
              json_object_set_string_member (branch, "next", v < 3 ? next : outcomes[(o + v) % 3]);
              json_array_add_object_element (branches, branch);
            }
          json_object_set_array_member (node, "branches", branches);
          json_array_add_object_element (nodes, node);
        }
    }

  json_generator_set_root (generator, json_parser_get_root (parser));
  data = json_generator_to_data (generator, &len);
  bytes = g_bytes_new_take (data, len);
  rules = vv_rules_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  chart = vv_flowchart_new (rules);
  g_assert_cmpuint (vv_flowchart_get_n_layers (chart), >=, 14);
  assert_legible (chart, NULL);
  assert_legible (chart, path_257);
}

/* The chart measures a box title in bold only, and a branch label in bold
 * and, if that wraps, in regular too (vv-flowchart.c, measure_text()).
 * That sizes everything as measuring both weights did only if no title is
 * taller in regular than in bold, and no label that fits one line in bold
 * is wider or taller in regular. Checked here on every text of the rules,
 * in every language, as the chart draws them (regular with no path, bold
 * on a path): each label's box is what both weights need, padding
 * (LABEL_PAD_X, LABEL_PAD_Y) included, and no title is taller in regular. */
static void
assert_bold_bounds_regular (const char *language)
{
  g_autoptr(VvFlowchart) chart = NULL;
  g_autoptr(GArray) regular = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_autoptr(GArray) bold_titles = NULL;
  guint n_boxes, n_edges;

  vv_i18n_init (language);
  chart = vv_flowchart_new (vv_rules_get_default ());
  n_boxes = vv_flowchart_get_n_boxes (chart);
  n_edges = vv_flowchart_get_n_edges (chart);
  regular = vv_flowchart_get_texts (chart, NULL);
  for (guint b = 0; b < n_boxes; b++)
    g_ptr_array_add (all, (gpointer) vv_flowchart_get_box (chart, b)->node_id);
  g_ptr_array_add (all, NULL);
  bold_titles = vv_flowchart_get_texts (chart, (const char * const *) all->pdata);

  for (guint b = 0; b < n_boxes; b++)
    {
      const VvFlowchartText *r = &g_array_index (regular, VvFlowchartText, b);
      const VvFlowchartText *t = &g_array_index (bold_titles, VvFlowchartText, b);

      g_assert_true (t->bold);
      if (r->height > t->height + 1e-6)
        g_error ("[%s] the title \"%s\" is taller in regular (%.2f) than in bold (%.2f)",
                 language, r->text, r->height, t->height);
    }
  for (guint e = 0; e < n_edges; e++)
    {
      const VvFlowchartEdge *edge = vv_flowchart_get_edge (chart, e);
      const char *path[] = { edge->from, edge->to, NULL };
      g_autoptr(GArray) texts = vv_flowchart_get_texts (chart, path);
      const VvFlowchartText *r = &g_array_index (regular, VvFlowchartText, n_boxes + e);
      const VvFlowchartText *t = &g_array_index (texts, VvFlowchartText, n_boxes + e);

      g_assert_false (r->bold);
      g_assert_true (t->bold);
      if (edge->label_width != ceil (MAX (r->width, t->width)) + 2 * 5 ||
          edge->label_height != ceil (MAX (r->height, t->height)) + 2 * 2)
        g_error ("[%s] the label \"%s\" is %.2f×%.2f in regular, %.2f×%.2f in bold, "
                 "but its box is %.0f×%.0f", language, r->text, r->width, r->height,
                 t->width, t->height, edge->label_width, edge->label_height);
    }
  vv_i18n_init ("en");
}

static void
test_text_bold_bounds_regular (void)
{
  assert_bold_bounds_regular ("nb");
  assert_bold_bounds_regular ("nn");
  assert_bold_bounds_regular ("en");
}

/* What showing the chart costs: laying it out shapes each distinct text
 * once (wrapped labels twice), and drawing a part of it lays out only the texts in that part
 * (in the weight they are drawn in). */
static void
test_text_laid_out_once (void)
{
  VvRules *rules = vv_rules_get_default ();
  g_autoptr(VvFlowchart) chart = vv_flowchart_new (rules);
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const double view_w = 400, view_h = 500;
  const VvFlowchartBox *start;
  double vx, vy;
  guint before, in_view = 0, n_titles, n_labels;
  cairo_surface_t *surface;
  cairo_t *cr;

  for (guint b = 0; b < vv_flowchart_get_n_boxes (chart); b++)
    {
      const VvNode *node = vv_rules_lookup_node (rules, vv_flowchart_get_box (chart, b)->node_id);

      g_hash_table_add (texts, g_strconcat ("title ", vv_rules_tr (node->title), NULL));
    }
  n_titles = g_hash_table_size (texts);
  for (guint e = 0; e < vv_flowchart_get_n_edges (chart); e++)
    g_hash_table_add (texts, g_strconcat ("label ", vv_flowchart_get_edge (chart, e)->label, NULL));
  n_labels = g_hash_table_size (texts) - n_titles;
  /* One layout per title, one or (wrapped) two per label: fewer than the
   * two per text that measuring both weights of every text made. */
  g_assert_cmpuint (_vv_flowchart_get_n_layouts (chart), >=, g_hash_table_size (texts));
  g_assert_cmpuint (_vv_flowchart_get_n_layouts (chart), <=, n_titles + 2 * n_labels);
  g_assert_cmpuint (_vv_flowchart_get_n_layouts (chart), <, 2 * g_hash_table_size (texts));

  /* A view's worth round the first question, with nothing on the path:
   * every title and label in it is drawn regular (outcomes, always bold,
   * excepted). */
  start = vv_flowchart_lookup_box (chart, vv_rules_get_start (rules));
  vx = start->x + start->width / 2 - view_w / 2;
  vy = start->y - 20;
  for (guint b = 0; b < vv_flowchart_get_n_boxes (chart); b++)
    {
      const VvFlowchartBox *box = vv_flowchart_get_box (chart, b);

      if (rects_overlap (box->x - 8, box->y - 8, box->width + 16, box->height + 16,
                         vx, vy, view_w, view_h))
        in_view++;
    }
  for (guint e = 0; e < vv_flowchart_get_n_edges (chart); e++)
    {
      const VvFlowchartEdge *edge = vv_flowchart_get_edge (chart, e);

      if (rects_overlap (edge->label_x - 1, edge->label_y - 1, edge->label_width + 2,
                         edge->label_height + 2, vx, vy, view_w, view_h))
        in_view++;
    }
  g_assert_cmpuint (in_view, >, 0);
  g_assert_cmpuint (in_view, <, (vv_flowchart_get_n_boxes (chart) + vv_flowchart_get_n_edges (chart)) / 4);

  before = _vv_flowchart_get_n_layouts (chart);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) view_w, (int) view_h);
  cr = cairo_create (surface);
  cairo_translate (cr, -vx, -vy);
  vv_flowchart_draw (chart, NULL, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (_vv_flowchart_get_n_layouts (chart), >, before);
  g_assert_cmpuint (_vv_flowchart_get_n_layouts (chart), <=, before + in_view);
}

/* Drawing only what meets the clip changes no pixel inside it. */
static void
test_render_clipped (void)
{
  g_autoptr(VvFlowchart) chart = vv_flowchart_new (vv_rules_get_default ());
  const int x0 = 700, y0 = 300, x1 = 1150, y1 = 900;
  cairo_surface_t *whole, *part;
  double w, h;

  vv_flowchart_get_size (chart, &w, &h);
  g_assert_cmpfloat (w, >, x1);
  g_assert_cmpfloat (h, >, y1);
  for (int dark = 0; dark < 2; dark++)
    {
      vv_flowchart_set_dark (chart, dark);
      whole = cairo_image_surface_create (CAIRO_FORMAT_RGB24, x1 + 200, y1 + 200);
      part = cairo_image_surface_create (CAIRO_FORMAT_RGB24, x1 + 200, y1 + 200);
      for (int i = 0; i < 2; i++)
        {
          cairo_t *cr = cairo_create (i == 0 ? whole : part);

          cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
          cairo_paint (cr);
          if (i == 1)
            {
              cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
              cairo_clip (cr);
            }
          vv_flowchart_draw (chart, path_257, cr);
          g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
          cairo_destroy (cr);
          cairo_surface_flush (i == 0 ? whole : part);
        }
      /* Clipping alone moves the antialiasing of a few edge pixels by a
       * shade; anything left out would differ by far more. */
      g_assert_cmpint (max_distance (whole, part, x0, y0, x1, y1), <=, 8);
      /* and something was drawn there */
      g_assert_cmpuint (count_differences (whole, part, 0, 0, x0, y0), >, 0);
      cairo_surface_destroy (whole);
      cairo_surface_destroy (part);
    }
  vv_flowchart_set_dark (chart, FALSE);
}

/* Compares with the golden image tests/data/flowchart-257.png. Text
 * antialiasing differs a little between cairo and font versions, so a
 * pixel counts as different only beyond a small colour distance, and a few
 * percent of such pixels are allowed. VV_UPDATE_GOLDEN=1 rewrites the file. */
static void
test_render_golden (void)
{
  g_autoptr(VvFlowchart) chart = vv_flowchart_new (vv_rules_get_default ());
  g_autofree char *golden_path = g_test_build_filename (G_TEST_DIST, "data", "flowchart-257.png", NULL);
  cairo_surface_t *surface = render (chart, path_257);
  cairo_surface_t *golden;
  guint differing = 0;

  if (g_getenv ("VV_UPDATE_GOLDEN") != NULL)
    g_assert_cmpint (cairo_surface_write_to_png (surface, golden_path), ==, CAIRO_STATUS_SUCCESS);

  golden = cairo_image_surface_create_from_png (golden_path);
  g_assert_cmpint (cairo_surface_status (golden), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (golden), ==, WIDTH);
  g_assert_cmpint (cairo_image_surface_get_height (golden), ==, HEIGHT);

  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      {
        guint32 a = pixel (surface, x, y);
        guint32 b = pixel (golden, x, y);
        int distance = 0;

        for (int shift = 0; shift <= 16; shift += 8)
          distance = MAX (distance, ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)));
        if (distance > 48)
          differing++;
      }
  g_test_message ("%u of %d pixels differ from the golden image", differing, WIDTH * HEIGHT);
  g_assert_cmpuint (differing, <, WIDTH * HEIGHT / 25);

  cairo_surface_destroy (golden);
  cairo_surface_destroy (surface);
}

static void
test_render_pdf (void)
{
  g_autoptr(VvFlowchart) chart = vv_flowchart_new (vv_rules_get_default ());
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-flowchart-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  gsize len;

  g_assert_no_error (error);
  path = g_build_filename (dir, "chart.pdf", NULL);
  surface = cairo_pdf_surface_create (path, 842, 595);
  cr = cairo_create (surface);
  vv_flowchart_render (chart, (const char * const *) path_257, cr, 842, 595);
  cairo_show_page (cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 2000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_nonnull (g_strstr_len (contents + len - 8, 8, "%EOF"));
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Whether @a and @b place the same boxes and the same labels the same way. */
static void
assert_same_layout (VvFlowchart *a,
                    VvFlowchart *b)
{
  g_assert_cmpuint (vv_flowchart_get_n_boxes (a), ==, vv_flowchart_get_n_boxes (b));
  g_assert_cmpuint (vv_flowchart_get_n_edges (a), ==, vv_flowchart_get_n_edges (b));
  for (guint i = 0; i < vv_flowchart_get_n_boxes (a); i++)
    {
      const VvFlowchartBox *x = vv_flowchart_get_box (a, i);
      const VvFlowchartBox *y = vv_flowchart_get_box (b, i);

      g_assert_cmpstr (x->node_id, ==, y->node_id);
      g_assert_cmpfloat (x->x, ==, y->x);
      g_assert_cmpfloat (x->y, ==, y->y);
      g_assert_cmpfloat (x->width, ==, y->width);
      g_assert_cmpfloat (x->height, ==, y->height);
    }
  for (guint i = 0; i < vv_flowchart_get_n_edges (a); i++)
    {
      const VvFlowchartEdge *x = vv_flowchart_get_edge (a, i);
      const VvFlowchartEdge *y = vv_flowchart_get_edge (b, i);

      g_assert_cmpstr (x->label, ==, y->label);
      g_assert_cmpfloat (x->label_x, ==, y->label_x);
      g_assert_cmpfloat (x->label_y, ==, y->label_y);
      g_assert_cmpfloat (x->label_width, ==, y->label_width);
      g_assert_cmpfloat (x->label_height, ==, y->label_height);
    }
}

/* The chart laid out ahead on a worker thread is the one laid out when
 * asked for, and is taken once. */
static void
test_default_prepared (void)
{
  g_autoptr(VvFlowchart) direct = NULL;
  g_autoptr(VvFlowchart) prepared = NULL;
  g_autoptr(VvFlowchart) again = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, 400);
  cairo_t *cr = cairo_create (surface);

  vv_i18n_init ("nb");
  direct = vv_flowchart_new (vv_rules_get_default ());
  vv_flowchart_prepare_default ();
  vv_flowchart_prepare_default ();   /* one at a time */
  prepared = vv_flowchart_new_default ();
  assert_same_layout (direct, prepared);
  /* drawn on this thread with the worker's font map */
  vv_flowchart_draw (prepared, NULL, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  again = vv_flowchart_new_default ();
  g_assert_true (again != prepared);
  assert_same_layout (direct, again);
  vv_i18n_init ("en");
}

/* A chart prepared in one language is not used in another. */
static void
test_default_language_changed (void)
{
  g_autoptr(VvFlowchart) nynorsk = NULL;
  g_autoptr(VvFlowchart) bokmal = NULL;
  g_autoptr(VvFlowchart) taken = NULL;
  gboolean differ = FALSE;

  vv_i18n_init ("nn");
  nynorsk = vv_flowchart_new (vv_rules_get_default ());
  vv_i18n_init ("nb");
  bokmal = vv_flowchart_new (vv_rules_get_default ());
  /* the two languages' charts differ, or this test could not fail */
  for (guint i = 0; i < vv_flowchart_get_n_edges (nynorsk); i++)
    differ = differ || g_strcmp0 (vv_flowchart_get_edge (nynorsk, i)->label,
                                  vv_flowchart_get_edge (bokmal, i)->label) != 0;
  g_assert_true (differ);
  vv_i18n_init ("nb");
  vv_flowchart_prepare_default ();
  _vv_flowchart_wait_default ();   /* the language is not changed while it works */
  vv_i18n_init ("nn");
  taken = vv_flowchart_new_default ();
  assert_same_layout (nynorsk, taken);
  vv_i18n_init ("en");
}

/* Options joined in one label each read as written: never ", " before a
 * capital, which reads as a typing error ("Mat, Vask av tøy"). */
static void
test_joined_labels (void)
{
  const char *languages[] = { "nb", "nn", "en" };
  guint joined = 0;

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autoptr(VvFlowchart) chart = NULL;

      vv_i18n_init (languages[l]);
      chart = vv_flowchart_new (vv_rules_get_default ());
      for (guint i = 0; i < vv_flowchart_get_n_edges (chart); i++)
        {
          const char *label = vv_flowchart_get_edge (chart, i)->label;

          for (const char *p = strstr (label, ", "); p != NULL; p = strstr (p + 2, ", "))
            if (g_unichar_isupper (g_utf8_get_char (p + 2)))
              g_error ("%s: \"%s\" joins options with a comma", languages[l], label);
          if (strstr (label, " / ") != NULL)
            joined++;
        }
    }
  /* the rules do have labels with several options */
  g_assert_cmpuint (joined, >, 0);
  vv_i18n_init ("en");
}

int
main (int   argc,
      char *argv[])
{
  /* GLib decides once, at the first g_dgettext(), whether to translate at
   * all, and not in English: make that first lookup in bokmål, or the
   * nynorsk tests after an English one would lay out untranslated text. */
  vv_i18n_init ("nb");
  (void) g_dgettext (GETTEXT_PACKAGE, "");
  vv_i18n_init ("en");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/flowchart/layout/every-node", test_layout_places_every_node);
  g_test_add_func ("/flowchart/layout/no-overlap", test_layout_no_overlap);
  g_test_add_func ("/flowchart/layout/edges-go-down", test_layout_edges_go_down);
  g_test_add_func ("/flowchart/layout/branch-labels", test_layout_branch_labels);
  g_test_add_func ("/flowchart/hit-testing", test_hit_testing);
  g_test_add_func ("/flowchart/render/path", test_render_highlights_path);
  g_test_add_func ("/flowchart/render/current", test_render_current_question);
  g_test_add_func ("/flowchart/render/golden", test_render_golden);
  g_test_add_func ("/flowchart/legible/default", test_legible);
  g_test_add_func ("/flowchart/legible/nynorsk", test_legible_nynorsk);
  g_test_add_func ("/flowchart/legible/grown", test_legible_grown);
  g_test_add_func ("/flowchart/render/pdf", test_render_pdf);
  g_test_add_func ("/flowchart/render/clipped", test_render_clipped);
  g_test_add_func ("/flowchart/text/both-weights-fit", test_text_bold_bounds_regular);
  g_test_add_func ("/flowchart/text/laid-out-once", test_text_laid_out_once);
  g_test_add_func ("/flowchart/function-colors", test_function_colors);
  g_test_add_func ("/flowchart/layout/joined-labels", test_joined_labels);
  g_test_add_func ("/flowchart/default/prepared", test_default_prepared);
  g_test_add_func ("/flowchart/default/language-changed", test_default_language_changed);

  return g_test_run ();
}
