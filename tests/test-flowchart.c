/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-flowchart"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <string.h>

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

int
main (int   argc,
      char *argv[])
{
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
  g_test_add_func ("/flowchart/render/pdf", test_render_pdf);

  return g_test_run ();
}
