/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-split-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "vv-format.h"
#include "vv-rules.h"
#include "vv-split-chart.h"

#define MARGIN        12.0
#define LEGEND_HEIGHT 28.0
#define MAX_BAR       56.0
#define FONT          "Sans 10"

typedef struct
{
  double x;            /* left of the bars */
  double width;        /* of a full bar */
  double bar_y[VV_SPLIT_CHART_N_BARS];
  double bar_height;
  double label_width;
  double ink;          /* grey level of the text: dark on light, light on dark */
  double empty;        /* grey level of a bar without money */
  double legend_y;
  int    total_width;
  int    total_height;
} Layout;

/* The same function colours as the flowchart (vv-flowchart.c): 257 green,
 * 258 blue; other functions GNOME orange 3, unassigned light grey 4. */
static const double colors[VV_SPLIT_CHART_N_SEGMENTS][3] = {
  { 0.15, 0.64, 0.41 },
  { 0.10, 0.37, 0.71 },
  { 0xe6 / 255.0, 0x61 / 255.0, 0x00 / 255.0 },
  { 0x9a / 255.0, 0x99 / 255.0, 0x96 / 255.0 },
};

/* helpers */

static void
compute_layout (int     width,
                int     height,
                Layout *l)
{
  double avail;

  l->total_width = width;
  l->total_height = height;
  l->label_width = CLAMP (width * 0.22, 80.0, 150.0);
  l->x = MARGIN + l->label_width + MARGIN;
  l->width = MAX (width - l->x - MARGIN, 1.0);
  l->legend_y = height - MARGIN - LEGEND_HEIGHT;
  avail = l->legend_y - 2 * MARGIN;
  l->bar_height = CLAMP ((avail - MARGIN) / 2.0, 4.0, MAX_BAR);
  l->bar_y[0] = MARGIN + MAX (0.0, (avail - 2 * l->bar_height - MARGIN) / 2.0);
  l->bar_y[1] = l->bar_y[0] + l->bar_height + MARGIN;
}

/* The amounts of a bar, clamped at zero: negative money has no width. */
static gboolean
bar_amounts (VvSplit         *split,
             VvSplitChartBar  bar,
             gint64           out[VV_SPLIT_CHART_N_SEGMENTS],
             gint64          *base)
{
  *base = 0;
  memset (out, 0, sizeof (gint64) * VV_SPLIT_CHART_N_SEGMENTS);
  if (bar == VV_SPLIT_CHART_BAR_MUNICIPALITY)
    {
      out[VV_SPLIT_CHART_SEGMENT_257] = vv_split_get_home_257 (split);
      out[VV_SPLIT_CHART_SEGMENT_258] = vv_split_get_home_258 (split);
      out[VV_SPLIT_CHART_SEGMENT_OTHER] = vv_split_get_home_other (split);
      out[VV_SPLIT_CHART_SEGMENT_UNASSIGNED] = vv_split_get_home_unassigned (split);
    }
  else
    {
      gint64 f257 = 0, f258 = 0;
      int year = 0;

      if (!vv_rules_get_national_share (vv_rules_get_default (), &year, &f257, &f258, NULL))
        return FALSE;
      out[VV_SPLIT_CHART_SEGMENT_257] = f257;
      out[VV_SPLIT_CHART_SEGMENT_258] = f258;
    }
  for (guint i = 0; i < VV_SPLIT_CHART_N_SEGMENTS; i++)
    {
      out[i] = MAX (out[i], 0);
      if (!vv_ore_add (base, out[i]))
        return FALSE;   /* past gint64: vv_split_check_sums() refuses such a split */
    }
  return *base > 0;
}

static PangoLayout *
make_layout (cairo_t    *cr,
             const char *text,
             gboolean    bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (FONT);

  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static const char *
segment_name (VvSplitChartSegment segment)
{
  switch (segment)
    {
    case VV_SPLIT_CHART_SEGMENT_257:
      return "257";
    case VV_SPLIT_CHART_SEGMENT_258:
      return "258";
    case VV_SPLIT_CHART_SEGMENT_OTHER:
      return _("Other functions");
    case VV_SPLIT_CHART_SEGMENT_UNASSIGNED:
    case VV_SPLIT_CHART_N_SEGMENTS:
    default:
      return _("Unassigned");
    }
}

/* The share inside its segment, when it fits. */
static void
draw_share (cairo_t                 *cr,
            const cairo_rectangle_t *r,
            int                      permille)
{
  g_autofree char *text = vv_format_permille (permille);
  g_autoptr(PangoLayout) pl = make_layout (cr, text, TRUE);
  int w, h;

  pango_layout_get_pixel_size (pl, &w, &h);
  if (w + 8 > r->width || h > r->height)
    return;
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, r->x + (r->width - w) / 2.0, r->y + (r->height - h) / 2.0);
  pango_cairo_show_layout (cr, pl);
}

static void
draw_bar (VvSplit         *split,
          cairo_t         *cr,
          const Layout    *l,
          VvSplitChartBar  bar)
{
  g_autoptr(PangoLayout) label = NULL;
  g_autofree char *title = NULL;
  gint64 amounts[VV_SPLIT_CHART_N_SEGMENTS];
  gint64 base;
  double x = l->x;
  double y = l->bar_y[bar];
  int year = 0;
  int w, h;

  if (bar == VV_SPLIT_CHART_BAR_MUNICIPALITY)
    title = vv_split_get_year (split) > 0
            ? g_strdup_printf (_("Municipality %d"), vv_split_get_year (split))
            : g_strdup (_("Municipality"));
  else
    {
      vv_rules_get_national_share (vv_rules_get_default (), &year, NULL, NULL, NULL);
      title = g_strdup_printf (_("Norway %d"), year);
    }
  label = make_layout (cr, title, TRUE);
  pango_layout_set_width (label, (int) (l->label_width * PANGO_SCALE));
  /* Two lines before an ellipsis: "Kommunen 2024" stays whole at 360 px. */
  pango_layout_set_wrap (label, PANGO_WRAP_WORD);
  pango_layout_set_height (label, -2);
  pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (label, PANGO_ALIGN_RIGHT);
  pango_layout_get_pixel_size (label, &w, &h);
  cairo_set_source_rgb (cr, l->ink, l->ink, l->ink);
  cairo_move_to (cr, MARGIN, y + (l->bar_height - h) / 2.0);
  pango_cairo_show_layout (cr, label);

  if (!bar_amounts (split, bar, amounts, &base))
    {
      g_autoptr(PangoLayout) none = make_layout (cr, _("No home-service money"), FALSE);

      cairo_set_source_rgb (cr, l->empty, l->empty, l->empty);
      cairo_rectangle (cr, x, y, l->width, l->bar_height);
      cairo_fill (cr);
      pango_layout_get_pixel_size (none, &w, &h);
      cairo_set_source_rgba (cr, l->ink, l->ink, l->ink, 0.75);
      cairo_move_to (cr, x + 8, y + (l->bar_height - h) / 2.0);
      pango_cairo_show_layout (cr, none);
      return;
    }

  for (guint s = 0; s < VV_SPLIT_CHART_N_SEGMENTS; s++)
    {
      cairo_rectangle_t r;

      if (!vv_split_chart_get_segment_rect (split, l->total_width, l->total_height,
                                            bar, s, &r))
        continue;
      cairo_set_source_rgb (cr, colors[s][0], colors[s][1], colors[s][2]);
      cairo_rectangle (cr, r.x, r.y, r.width, r.height);
      cairo_fill (cr);

      draw_share (cr, &r, vv_split_chart_get_permille (split, bar, s));
    }
}

static void
draw_legend (VvSplit      *split,
             cairo_t      *cr,
             const Layout *l)
{
  gint64 amounts[VV_SPLIT_CHART_N_SEGMENTS];
  gint64 base;
  double x = l->x;

  bar_amounts (split, VV_SPLIT_CHART_BAR_MUNICIPALITY, amounts, &base);
  for (guint s = 0; s < VV_SPLIT_CHART_N_SEGMENTS; s++)
    {
      g_autoptr(PangoLayout) pl = NULL;
      int w, h;

      /* 257 and 258 always; the others only when the municipality has them. */
      if (s > VV_SPLIT_CHART_SEGMENT_258 && amounts[s] == 0)
        continue;
      pl = make_layout (cr, segment_name (s), FALSE);

      pango_layout_get_pixel_size (pl, &w, &h);
      cairo_set_source_rgb (cr, colors[s][0], colors[s][1], colors[s][2]);
      cairo_rectangle (cr, x, l->legend_y + (LEGEND_HEIGHT - 12) / 2.0, 12, 12);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, l->ink, l->ink, l->ink);
      cairo_move_to (cr, x + 16, l->legend_y + (LEGEND_HEIGHT - h) / 2.0);
      pango_cairo_show_layout (cr, pl);
      x += 16 + w + 18;
    }
}

/* public API */

/**
 * vv_split_chart_get_color:
 * @segment: a segment
 * @red: (out): red, 0-1
 * @green: (out): green, 0-1
 * @blue: (out): blue, 0-1
 *
 * The fill colour of @segment, the same in every bar and in the legend.
 */
void
vv_split_chart_get_color (VvSplitChartSegment  segment,
                          double              *red,
                          double              *green,
                          double              *blue)
{
  g_return_if_fail (segment < VV_SPLIT_CHART_N_SEGMENTS);

  *red = colors[segment][0];
  *green = colors[segment][1];
  *blue = colors[segment][2];
}

/**
 * vv_split_chart_get_permille:
 * @split: a finished #VvSplit
 * @bar: which bar
 * @segment: which part of it
 *
 * The share of @segment in @bar in tenths of a percent, rounded half up,
 * computed in integers. Negative amounts count as zero.
 *
 * Returns: 0-1000
 */
int
vv_split_chart_get_permille (VvSplit             *split,
                             VvSplitChartBar      bar,
                             VvSplitChartSegment  segment)
{
  gint64 amounts[VV_SPLIT_CHART_N_SEGMENTS];
  gint64 base;

  g_return_val_if_fail (VV_IS_SPLIT (split), 0);
  g_return_val_if_fail (segment < VV_SPLIT_CHART_N_SEGMENTS, 0);

  if (!bar_amounts (split, bar, amounts, &base))
    return 0;
  return (int) vv_ore_permille (amounts[segment], base);
}

/**
 * vv_split_chart_get_segment_rect:
 * @split: a finished #VvSplit
 * @width: of the chart
 * @height: of the chart
 * @bar: which bar
 * @segment: which part of it
 * @rect: (out): where vv_split_chart_draw() fills it
 *
 * Returns: %FALSE when the segment is empty and not drawn
 */
gboolean
vv_split_chart_get_segment_rect (VvSplit             *split,
                                 int                  width,
                                 int                  height,
                                 VvSplitChartBar      bar,
                                 VvSplitChartSegment  segment,
                                 cairo_rectangle_t   *rect)
{
  gint64 amounts[VV_SPLIT_CHART_N_SEGMENTS];
  gint64 base, before = 0;
  Layout l;

  g_return_val_if_fail (VV_IS_SPLIT (split), FALSE);
  g_return_val_if_fail (bar < VV_SPLIT_CHART_N_BARS, FALSE);
  g_return_val_if_fail (segment < VV_SPLIT_CHART_N_SEGMENTS, FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  if (!bar_amounts (split, bar, amounts, &base) || amounts[segment] == 0)
    return FALSE;
  compute_layout (width, height, &l);
  for (guint s = 0; s < segment; s++)
    before += amounts[s];
  rect->x = l.x + l.width * ((double) before / (double) base);
  rect->y = l.bar_y[bar];
  rect->width = l.width * ((double) amounts[segment] / (double) base);
  rect->height = l.bar_height;
  return TRUE;
}

/**
 * vv_split_chart_draw:
 * @split: a finished #VvSplit
 * @cr: where to draw
 * @width: of the area, in user units
 * @height: of the area
 *
 * Draws the home-service money of @split as a stacked bar (257, 258, other
 * functions, unassigned) above the national 257/258 share of the rule data,
 * with the shares written in the segments and a legend below. The background
 * is left as it is; the text is dark, for a light background (paper, PDF).
 * See vv_split_chart_draw_full() for a dark background.
 */
void
vv_split_chart_draw (VvSplit *split,
                     cairo_t *cr,
                     int      width,
                     int      height)
{
  vv_split_chart_draw_full (split, cr, width, height, FALSE);
}

/**
 * vv_split_chart_draw_full:
 * @split: a finished #VvSplit
 * @cr: where to draw
 * @width: of the area, in user units
 * @height: of the area
 * @dark: whether the background is dark (the desktop's dark style)
 *
 * As vv_split_chart_draw(), with light text and a dark empty bar when @dark.
 */
void
vv_split_chart_draw_full (VvSplit  *split,
                          cairo_t  *cr,
                          int       width,
                          int       height,
                          gboolean  dark)
{
  Layout l;

  g_return_if_fail (VV_IS_SPLIT (split));
  g_return_if_fail (cr != NULL);

  if (width <= 0 || height <= 0)
    return;
  compute_layout (width, height, &l);
  l.ink = dark ? 0.92 : 0.2;
  l.empty = dark ? 0.24 : 0.95;
  cairo_save (cr);
  draw_bar (split, cr, &l, VV_SPLIT_CHART_BAR_MUNICIPALITY);
  draw_bar (split, cr, &l, VV_SPLIT_CHART_BAR_NATIONAL);
  draw_legend (split, cr, &l);
  cairo_restore (cr);
}
