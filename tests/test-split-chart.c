/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-split-chart"

#include "config.h"

#include <cairo.h>

#include "vv-i18n.h"
#include "vv-ledger-reader.h"
#include "vv-rules.h"
#include "vv-split-chart.h"
#include "vv-split.h"

#define WIDTH  640
#define HEIGHT 220

static gboolean
add_line_cb (const VvLedgerLine *line,
             gpointer            user_data)
{
  vv_split_add_line (user_data, line);
  return TRUE;
}

static VvSplit *
split_sample (const char *ledger,
              gboolean    with_units)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "ledger", ledger, NULL);
  g_autofree char *units_path = g_test_build_filename (G_TEST_DIST, "ledger",
                                                       "sample-units.csv", NULL);
  g_autoptr(VvLedgerReader) reader = vv_ledger_reader_new ();
  g_autoptr(VvUnits) units = NULL;
  g_autoptr(GError) error = NULL;
  VvSplit *split;

  if (with_units)
    {
      units = vv_units_new_from_file (vv_rules_get_default (), units_path, &error);
      g_assert_no_error (error);
    }
  split = vv_split_new (vv_rules_get_default (), units);
  g_assert_true (vv_ledger_reader_read (reader, path, add_line_cb, NULL, NULL, split, NULL,
                                        &error));
  g_assert_no_error (error);
  vv_split_finish (split);
  return split;
}

static void
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y,
          guint8           rgba[4])
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 p;

  g_assert_true (x >= 0 && x < WIDTH && y >= 0 && y < HEIGHT);
  p = *(guint32 *) (data + (int) y * stride + 4 * (int) x);
  rgba[3] = p >> 24;
  rgba[0] = (p >> 16) & 0xff;
  rgba[1] = (p >> 8) & 0xff;
  rgba[2] = p & 0xff;
}

static void
assert_segment_color (cairo_surface_t         *surface,
                      const cairo_rectangle_t *r,
                      VvSplitChartSegment      segment)
{
  double red, green, blue;
  guint8 px[4];

  vv_split_chart_get_color (segment, &red, &green, &blue);
  /* A corner of the segment, away from the share text in its middle. */
  pixel_at (surface, r->x + 2, r->y + 2, px);
  g_assert_cmpint (px[3], ==, 255);
  g_assert_cmpint (ABS (px[0] - (int) (red * 255 + 0.5)), <=, 1);
  g_assert_cmpint (ABS (px[1] - (int) (green * 255 + 0.5)), <=, 1);
  g_assert_cmpint (ABS (px[2] - (int) (blue * 255 + 0.5)), <=, 1);
}

static cairo_surface_t *
render (VvSplit *split)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  vv_split_chart_draw (split, cr, WIDTH, HEIGHT);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (g_getenv ("VV_CHART_PNG") != NULL)
    cairo_surface_write_to_png (surface, g_getenv ("VV_CHART_PNG"));
  return surface;
}

static void
test_layout (void)
{
  g_autoptr(VvSplit) split = split_sample ("sample-2023.csv", TRUE);
  cairo_surface_t *surface = render (split);
  cairo_rectangle_t m257, m258, n257, n258, un;
  gint64 f257 = 0, f258 = 0, base;
  int year = 0;
  guint8 px[4];

  g_assert_true (vv_rules_get_national_share (vv_rules_get_default (), &year, &f257, &f258,
                                              NULL));
  g_assert_cmpint (year, ==, 2024);

  /* Municipality: 257 then 258 side by side in one bar, widths ∝ the money. */
  g_assert_true (vv_split_chart_get_segment_rect (split, WIDTH, HEIGHT,
                                                  VV_SPLIT_CHART_BAR_MUNICIPALITY,
                                                  VV_SPLIT_CHART_SEGMENT_257, &m257));
  g_assert_true (vv_split_chart_get_segment_rect (split, WIDTH, HEIGHT,
                                                  VV_SPLIT_CHART_BAR_MUNICIPALITY,
                                                  VV_SPLIT_CHART_SEGMENT_258, &m258));
  g_assert_cmpfloat_with_epsilon (m257.x + m257.width, m258.x, 0.01);
  g_assert_cmpfloat (m257.y, ==, m258.y);
  base = MAX (vv_split_get_home_257 (split), 0) + MAX (vv_split_get_home_258 (split), 0) +
         MAX (vv_split_get_home_other (split), 0) +
         MAX (vv_split_get_home_unassigned (split), 0);
  g_assert_cmpint (base, >, 0);
  g_assert_cmpint (vv_split_chart_get_permille (split, VV_SPLIT_CHART_BAR_MUNICIPALITY,
                                                VV_SPLIT_CHART_SEGMENT_257), ==,
                   (vv_split_get_home_257 (split) * 1000 + base / 2) / base);
  g_assert_cmpfloat_with_epsilon (m257.width / m258.width,
                                  (double) vv_split_get_home_257 (split) /
                                  (double) vv_split_get_home_258 (split), 1e-9);
  assert_segment_color (surface, &m257, VV_SPLIT_CHART_SEGMENT_257);
  assert_segment_color (surface, &m258, VV_SPLIT_CHART_SEGMENT_258);

  /* The sample has an ansvar without a unit: an unassigned segment is drawn. */
  g_assert_cmpint (vv_split_get_home_unassigned (split), >, 0);
  g_assert_true (vv_split_chart_get_segment_rect (split, WIDTH, HEIGHT,
                                                  VV_SPLIT_CHART_BAR_MUNICIPALITY,
                                                  VV_SPLIT_CHART_SEGMENT_UNASSIGNED, &un));
  /* 66 372 kr of 85 988 934 kr: a sliver that ends the full-width bar. */
  g_assert_cmpfloat_with_epsilon (un.x + un.width,
                                  m257.x + m257.width * (double) base /
                                  (double) vv_split_get_home_257 (split), 0.01);
  g_assert_cmpfloat (un.width, <, 2.0);

  /* National bar below, 53.4 % / 46.6 %, same full width. */
  g_assert_true (vv_split_chart_get_segment_rect (split, WIDTH, HEIGHT,
                                                  VV_SPLIT_CHART_BAR_NATIONAL,
                                                  VV_SPLIT_CHART_SEGMENT_257, &n257));
  g_assert_true (vv_split_chart_get_segment_rect (split, WIDTH, HEIGHT,
                                                  VV_SPLIT_CHART_BAR_NATIONAL,
                                                  VV_SPLIT_CHART_SEGMENT_258, &n258));
  g_assert_false (vv_split_chart_get_segment_rect (split, WIDTH, HEIGHT,
                                                   VV_SPLIT_CHART_BAR_NATIONAL,
                                                   VV_SPLIT_CHART_SEGMENT_UNASSIGNED, &un));
  g_assert_cmpfloat (n257.y, >=, m257.y + m257.height);
  g_assert_cmpfloat_with_epsilon (n257.x, m257.x, 0.01);
  g_assert_cmpint (vv_split_chart_get_permille (split, VV_SPLIT_CHART_BAR_NATIONAL,
                                                VV_SPLIT_CHART_SEGMENT_257), ==, 534);
  g_assert_cmpint (vv_split_chart_get_permille (split, VV_SPLIT_CHART_BAR_NATIONAL,
                                                VV_SPLIT_CHART_SEGMENT_258), ==, 466);
  g_assert_cmpfloat_with_epsilon (n257.width / (n257.width + n258.width),
                                  (double) f257 / (double) (f257 + f258), 1e-9);
  assert_segment_color (surface, &n257, VV_SPLIT_CHART_SEGMENT_257);
  assert_segment_color (surface, &n258, VV_SPLIT_CHART_SEGMENT_258);

  /* The right margin stays untouched (transparent). */
  pixel_at (surface, WIDTH - 3, n257.y + n257.height / 2, px);
  g_assert_cmpint (px[3], ==, 0);
  /* Bar labels are drawn left of the bars. */
    {
      gboolean inked = FALSE;

      for (int x = 0; x < (int) m257.x && !inked; x++)
        for (int y = (int) m257.y; y < (int) (m257.y + m257.height) && !inked; y++)
          {
            pixel_at (surface, x, y, px);
            inked = px[3] != 0;
          }
      g_assert_true (inked);
    }
  cairo_surface_destroy (surface);
}

static void
test_no_home_money (void)
{
  g_autoptr(VvSplit) split = vv_split_new (vv_rules_get_default (), NULL);
  cairo_surface_t *surface;
  cairo_rectangle_t r;

  vv_split_finish (split);
  surface = render (split);
  g_assert_false (vv_split_chart_get_segment_rect (split, WIDTH, HEIGHT,
                                                   VV_SPLIT_CHART_BAR_MUNICIPALITY,
                                                   VV_SPLIT_CHART_SEGMENT_257, &r));
  g_assert_cmpint (vv_split_chart_get_permille (split, VV_SPLIT_CHART_BAR_MUNICIPALITY,
                                                VV_SPLIT_CHART_SEGMENT_257), ==, 0);
  /* The national bar is still drawn for comparison. */
  g_assert_true (vv_split_chart_get_segment_rect (split, WIDTH, HEIGHT,
                                                  VV_SPLIT_CHART_BAR_NATIONAL,
                                                  VV_SPLIT_CHART_SEGMENT_257, &r));
  assert_segment_color (surface, &r, VV_SPLIT_CHART_SEGMENT_257);
  cairo_surface_destroy (surface);
}

static void
test_tiny (void)
{
  g_autoptr(VvSplit) split = split_sample ("sample-2024.csv", TRUE);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 10, 10);
  cairo_t *cr = cairo_create (surface);

  /* Degenerate sizes must not crash or leave cairo in an error state. */
  vv_split_chart_draw (split, cr, 10, 10);
  vv_split_chart_draw (split, cr, 0, 0);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The brightest fully opaque pixel left of the bars (the bar titles), or -1. */
static int
brightest_label_pixel (VvSplit  *split,
                       gboolean  dark)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  cairo_rectangle_t r;
  int brightest = -1;

  vv_split_chart_draw_full (split, cr, WIDTH, HEIGHT, dark);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_true (vv_split_chart_get_segment_rect (split, WIDTH, HEIGHT,
                                                  VV_SPLIT_CHART_BAR_NATIONAL,
                                                  VV_SPLIT_CHART_SEGMENT_257, &r));
  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < (int) r.x - 1; x++)
      {
        guint8 px[4];

        pixel_at (surface, x, y, px);
        if (px[3] == 255)
          brightest = MAX (brightest, MAX (px[0], MAX (px[1], px[2])));
      }
  cairo_surface_destroy (surface);
  return brightest;
}

/* On a dark background the titles are light; on paper they stay dark. */
static void
test_dark (void)
{
  g_autoptr(VvSplit) split = split_sample ("sample-2024.csv", TRUE);
  int light = brightest_label_pixel (split, FALSE);
  int dark = brightest_label_pixel (split, TRUE);

  g_assert_cmpint (light, >=, 0);
  g_assert_cmpint (light, <, 80);
  g_assert_cmpint (dark, >, 200);
}

int
main (int   argc,
      char *argv[])
{
  vv_i18n_init ("en");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/split-chart/layout", test_layout);
  g_test_add_func ("/split-chart/no-home-money", test_no_home_money);
  g_test_add_func ("/split-chart/tiny", test_tiny);
  g_test_add_func ("/split-chart/dark", test_dark);
  return g_test_run ();
}
