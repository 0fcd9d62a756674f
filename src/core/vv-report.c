/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-report"

#include "config.h"

#include <cairo-pdf.h>
#include <math.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "vv-atomic-file.h"
#include "vv-flowchart.h"
#include "vv-i18n.h"
#include "vv-report.h"

#define MARGIN       50.0
#define FOOTER       24.0
#define CHART_MAX_SCALE 0.75    /* branch labels at 10 pt */
#define CHART_PAD    20.0
#define ROOM_X      180.0     /* round a cell: a box or label it cuts */
#define ROOM_Y       70.0

struct _VvReport
{
  GObject      parent_instance;

  /* Owned */
  VvRules     *rules;
  VvResult    *result;
  VvFlowchart *flowchart;
  GPtrArray   *blocks;       /* Block */
  char        *title;
  char        *created;      /* date line, fixed at creation */
  int          year;
};

G_DEFINE_FINAL_TYPE (VvReport, vv_report, G_TYPE_OBJECT)

G_DEFINE_QUARK (vv-report-error-quark, vv_report_error)

typedef enum
{
  BLOCK_TITLE,
  BLOCK_SUBTITLE,
  BLOCK_HEADING,
  BLOCK_FUNCTION,
  BLOCK_TEXT,
  BLOCK_ANSWER,
  BLOCK_QUOTE,
  BLOCK_SOURCE,
} BlockKind;

typedef struct
{
  BlockKind  kind;
  char      *text;           /* Pango markup */
  char      *function;       /* BLOCK_FUNCTION: the code, for the colour swatch */
} Block;

typedef struct
{
  const char *font;
  double      space_before;
  double      indent;
  double      gray;
} BlockStyle;

static const BlockStyle block_styles[] = {
  [BLOCK_TITLE]    = { "Sans Bold 20", 0, 0, 0.10 },
  [BLOCK_SUBTITLE] = { "Sans 9", 4, 0, 0.40 },
  [BLOCK_HEADING]  = { "Sans Bold 12", 18, 0, 0.10 },
  [BLOCK_FUNCTION] = { "Sans Bold 14", 8, 22, 0.10 },
  [BLOCK_TEXT]     = { "Sans 10", 6, 0, 0.15 },
  [BLOCK_ANSWER]   = { "Sans 10", 3, 0, 0.15 },
  [BLOCK_QUOTE]    = { "Serif Italic 10", 8, 14, 0.15 },
  [BLOCK_SOURCE]   = { "Sans 8", 2, 14, 0.40 },
};

/* helpers */

static void
block_free (gpointer data)
{
  Block *block = data;

  g_free (block->text);
  g_free (block->function);
  g_free (block);
}

static void
add_block (VvReport   *self,
           BlockKind   kind,
           const char *function,
           const char *format,
           ...) G_GNUC_PRINTF (4, 5);

static void
add_block (VvReport   *self,
           BlockKind   kind,
           const char *function,
           const char *format,
           ...)
{
  Block *block = g_new0 (Block, 1);
  va_list args;

  va_start (args, format);
  block->text = g_markup_vprintf_escaped (format, args);
  va_end (args);
  block->kind = kind;
  block->function = g_strdup (function);
  g_ptr_array_add (self->blocks, block);
}

static char *
answer_label (VvRules      *rules,
              const VvFact *fact,
              JsonNode     *value)
{
  g_autofree char *canonical = vv_classify_check_fact (rules, fact->id, value, NULL);
  const VvFactValue *fv;

  if (canonical == NULL)
    return g_strdup ("?");
  fv = vv_rules_lookup_fact_value (rules, fact->id, canonical);
  if (fv != NULL)
    return g_strdup (vv_rules_tr (fv->label));
  return g_steal_pointer (&canonical);
}

static void
vv_report_build (VvReport   *self,
                 JsonObject *facts)
{
  VvResult *r = self->result;

  add_block (self, BLOCK_TITLE, NULL, "%s", self->title);
  add_block (self, BLOCK_SUBTITLE, NULL, "%s", self->created);

  add_block (self, BLOCK_HEADING, NULL, "%s", _("Answers"));
  for (guint i = 0; i < r->path->len; i++)
    {
      const VvNode *node = vv_rules_lookup_node (self->rules, g_ptr_array_index (r->path, i));
      const VvFact *fact;
      g_autofree char *label = NULL;
      JsonNode *value;

      if (node == NULL || node->kind != VV_NODE_QUESTION)
        continue;
      fact = vv_rules_lookup_fact (self->rules, node->fact);
      value = json_object_get_member (facts, fact->id);
      if (value != NULL)
        label = answer_label (self->rules, fact, value);
      else if (fact->default_value != NULL)
        {
          const VvFactValue *fv = vv_rules_lookup_fact_value (self->rules, fact->id,
                                                              fact->default_value);
          /* Translators: an answer the guide assumed because the user left the default */
          label = g_strdup_printf (_("%s (default)"),
                                   fv != NULL ? vv_rules_tr (fv->label) : fact->default_value);
        }
      add_block (self, BLOCK_ANSWER, NULL, "%s  <b>%s</b>", vv_rules_tr (fact->question),
                 label != NULL ? label : "");
    }

  add_block (self, BLOCK_HEADING, NULL, "%s", _("Result"));
  if (g_str_equal (r->outcome, "outside_kostra"))
    add_block (self, BLOCK_FUNCTION, NULL, "%s", _("Outside KOSTRA"));
  for (guint i = 0; i < r->allocations->len; i++)
    {
      VvAllocation *a = &g_array_index (r->allocations, VvAllocation, i);
      const VvFunction *f = vv_rules_lookup_function (self->rules, a->function);

      add_block (self, BLOCK_FUNCTION, a->function, "%s  %s — %d %%", a->function,
                 f != NULL ? vv_rules_tr (f->name) : "", a->percent);
    }
  add_block (self, BLOCK_TEXT, NULL, "%s", r->explanation != NULL ? r->explanation : "");
  for (guint i = 0; i < r->alternatives->len; i++)
    {
      const char *code = g_ptr_array_index (r->alternatives, i);
      const VvFunction *f = vv_rules_lookup_function (self->rules, code);

      add_block (self, BLOCK_TEXT, NULL, "%s %s %s", _("Alternative:"), code,
                 f != NULL ? vv_rules_tr (f->name) : "");
    }

  if (r->why_not->len > 0)
    {
      add_block (self, BLOCK_HEADING, NULL, "%s", _("Why not the other function?"));
      for (guint i = 0; i < r->why_not->len; i++)
        {
          VvWhyNot *w = g_ptr_array_index (r->why_not, i);
          g_autofree char *heading = g_strdup_printf (_("Why not %s:"), w->function);

          add_block (self, BLOCK_TEXT, NULL, "<b>%s</b> %s", heading, w->because);
        }
    }
  if (r->advice->len > 0)
    {
      add_block (self, BLOCK_HEADING, NULL, "%s", _("Advice"));
      for (guint i = 0; i < r->advice->len; i++)
        add_block (self, BLOCK_TEXT, NULL, "• %s", (char *) g_ptr_array_index (r->advice, i));
    }

  add_block (self, BLOCK_HEADING, NULL, "%s", _("What the guidance says"));
  for (guint i = 0; i < r->rules->len; i++)
    {
      const VvCitation *c = vv_rules_lookup_citation (self->rules, g_ptr_array_index (r->rules, i));
      g_autofree char *lines = NULL;

      if (c == NULL)
        continue;
      lines = vv_citation_format_lines (c);
      add_block (self, BLOCK_QUOTE, NULL, "«%s»", c->text);
      add_block (self, BLOCK_SOURCE, NULL, "%s (%s, %s)", c->source, c->document, lines);
    }
}

static PangoLayout *
block_layout (cairo_t     *cr,
              const Block *block,
              double       width)
{
  const BlockStyle *style = &block_styles[block->kind];
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (style->font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) ((width - style->indent) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (layout, block->text, -1);
  return layout;
}

/* Lays the blocks out on pages of @width × @height. Calls @draw (when not
 * NULL) for the blocks of @page, and returns the number of text pages. */
static guint
paginate (VvReport *self,
          cairo_t  *cr,
          double    width,
          double    height,
          int       page)
{
  double text_width = width - 2 * MARGIN;
  double bottom = height - MARGIN - FOOTER;
  double y = MARGIN;
  guint current = 0;

  for (guint i = 0; i < self->blocks->len; i++)
    {
      const Block *block = g_ptr_array_index (self->blocks, i);
      const BlockStyle *style = &block_styles[block->kind];
      g_autoptr(PangoLayout) layout = block_layout (cr, block, text_width);
      PangoRectangle ext;
      double space = y > MARGIN ? style->space_before : 0;
      gboolean keep_with_next = block->kind == BLOCK_HEADING || block->kind == BLOCK_QUOTE;
      double needed;

      pango_layout_get_pixel_extents (layout, NULL, &ext);
      needed = space + ext.height;
      if (keep_with_next)
        needed += 30;
      if (y + needed > bottom && y > MARGIN)
        {
          current++;
          y = MARGIN;
          space = 0;
        }
      y += space;
      if ((int) current == page)
        {
          const double g = style->gray;

          if (block->kind == BLOCK_FUNCTION)
            {
              double r = 0.5, gr = 0.5, b = 0.5;

              vv_flowchart_get_function_color (block->function, &r, &gr, &b);
              cairo_set_source_rgb (cr, r, gr, b);
              cairo_rectangle (cr, MARGIN, y + 3, 14, ext.height - 6);
              cairo_fill (cr);
            }
          if (block->kind == BLOCK_QUOTE)
            {
              cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
              cairo_rectangle (cr, MARGIN + 2, y, 3, ext.height);
              cairo_fill (cr);
            }
          cairo_set_source_rgb (cr, g, g, g);
          cairo_move_to (cr, MARGIN + style->indent, y);
          pango_cairo_show_layout (cr, layout);
        }
      y += ext.height;
    }
  return current + 1;
}

static void
draw_footer (VvReport *self,
             cairo_t  *cr,
             double    width,
             double    height,
             guint     page,
             guint     n_pages)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string ("Sans 8");
  g_autofree char *text = NULL;

  /* Translators: report page footer: rule data version, page number, page count */
  text = g_strdup_printf (_("Veiviser 257/258 · rules %s · page %u of %u"),
                          vv_rules_get_version (self->rules), page + 1, n_pages);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
  cairo_move_to (cr, MARGIN, height - MARGIN);
  pango_cairo_show_layout (cr, layout);
}

/* The chart pages. The whole chart on one page printed its text at about
 * 3 pt; instead the part of the chart the case's path runs through is drawn
 * at a size where its smallest text is 9 pt or more, over as many pages as
 * that takes (pages the path does not cross are left out). Each page shows
 * a cell of a grid over that part, and whole every box and branch label the
 * cell touches: the room kept free round the cell holds them, so a page
 * break cuts lines only, never a box or a text. */

typedef struct
{
  double x, y, width, height;     /* layout units */
} Area;

/* The area of a chart page the chart is drawn in. */
static Area
chart_area (double width,
            double height)
{
  return (Area) { MARGIN / 2, MARGIN, width - MARGIN, height - MARGIN - FOOTER - MARGIN / 2 };
}

static gboolean
areas_meet (const Area *a,
            const Area *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static void
add_area (GArray *areas,
          double  x,
          double  y,
          double  width,
          double  height)
{
  Area a = { x, y, width, height };

  g_array_append_val (areas, a);
}

/* Every box and branch label of the chart. */
static GArray *
chart_items (VvFlowchart *chart)
{
  GArray *items = g_array_new (FALSE, FALSE, sizeof (Area));

  for (guint i = 0; i < vv_flowchart_get_n_boxes (chart); i++)
    {
      const VvFlowchartBox *box = vv_flowchart_get_box (chart, i);

      add_area (items, box->x, box->y, box->width, box->height);
    }
  for (guint i = 0; i < vv_flowchart_get_n_edges (chart); i++)
    {
      const VvFlowchartEdge *edge = vv_flowchart_get_edge (chart, i);

      if (edge->label != NULL)
        add_area (items, edge->label_x, edge->label_y, edge->label_width, edge->label_height);
    }
  return items;
}

/* The boxes of the path. */
static GArray *
path_boxes (VvReport *self)
{
  GArray *boxes = g_array_new (FALSE, FALSE, sizeof (Area));

  for (guint i = 0; i < self->result->path->len; i++)
    {
      const VvFlowchartBox *box = vv_flowchart_lookup_box (self->flowchart,
                                                           g_ptr_array_index (self->result->path, i));

      if (box != NULL)
        add_area (boxes, box->x, box->y, box->width, box->height);
    }
  if (boxes->len == 0)
    {
      double w, h;

      vv_flowchart_get_size (self->flowchart, &w, &h);
      add_area (boxes, 0, 0, w, h);
    }
  return boxes;
}

/* The grid cells of the chart pages, in reading order, in layout units;
 * @scale is the scale they are drawn at. */
static GArray *
chart_pages (VvReport *self,
             double    width,
             double    height,
             double   *scale)
{
  g_autoptr(GArray) boxes = path_boxes (self);
  GArray *pages = g_array_new (FALSE, FALSE, sizeof (Area));
  Area area = chart_area (width, height), region = g_array_index (boxes, Area, 0);
  double min_scale = vv_flowchart_get_min_scale (self->flowchart) * 72.0 / 96.0;
  double cell_w, cell_h, x1 = region.x + region.width, y1 = region.y + region.height;
  guint columns, rows;

  for (guint i = 1; i < boxes->len; i++)
    {
      const Area *b = &g_array_index (boxes, Area, i);

      region.x = MIN (region.x, b->x);
      region.y = MIN (region.y, b->y);
      x1 = MAX (x1, b->x + b->width);
      y1 = MAX (y1, b->y + b->height);
    }
  region.width = x1 - region.x;
  region.height = y1 - region.y;

  /* The chart measures its text at 96 dpi, a page is in points. One page
   * if the path fits on it readably, else cells with room round them. */
  *scale = MIN (MIN (area.width / (region.width + 2 * CHART_PAD),
                     area.height / (region.height + 2 * CHART_PAD)), CHART_MAX_SCALE);
  if (*scale >= min_scale)
    {
      region.x -= CHART_PAD;
      region.y -= CHART_PAD;
      region.width += 2 * CHART_PAD;
      region.height += 2 * CHART_PAD;
      g_array_append_val (pages, region);
      return pages;
    }
  *scale = min_scale;
  cell_w = area.width / *scale - 2 * ROOM_X;
  cell_h = area.height / *scale - 2 * ROOM_Y;
  columns = (guint) ceil (region.width / cell_w);
  rows = (guint) ceil (region.height / cell_h);
  /* cells of one size, as large as that many need */
  cell_w = region.width / columns;
  cell_h = region.height / rows;
  for (guint r = 0; r < rows; r++)
    for (guint c = 0; c < columns; c++)
      {
        Area cell = { region.x + c * cell_w, region.y + r * cell_h, cell_w, cell_h };
        gboolean on_path = FALSE;

        for (guint i = 0; i < boxes->len && !on_path; i++)
          on_path = areas_meet (&cell, &g_array_index (boxes, Area, i));
        if (on_path)
          g_array_append_val (pages, cell);
      }
  return pages;
}

static guint
n_chart_pages (VvReport *self,
               double    width,
               double    height)
{
  double scale;
  g_autoptr(GArray) pages = chart_pages (self, width, height, &scale);

  return pages->len;
}

static void
draw_chart_page (VvReport *self,
                 guint     index,
                 cairo_t  *cr,
                 double    width,
                 double    height)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string ("Sans Bold 12");
  g_autoptr(GPtrArray) path = g_ptr_array_new ();
  g_autoptr(GArray) items = chart_items (self->flowchart);
  Area area = chart_area (width, height);
  double scale;
  g_autoptr(GArray) pages = chart_pages (self, width, height, &scale);
  const Area *cell = &g_array_index (pages, Area, MIN (index, pages->len - 1));
  double ox, oy;

  pango_layout_set_font_description (layout, desc);
  if (pages->len > 1)
    {
      /* Translators: the heading of the report's chart pages; the numbers
       * count the chart's pages */
      g_autofree char *text = g_strdup_printf (_("The path through the decision chart (%u of %u)"),
                                               index + 1, pages->len);

      pango_layout_set_text (layout, text, -1);
    }
  else
    pango_layout_set_text (layout, _("The path through the decision chart"), -1);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_move_to (cr, MARGIN, MARGIN / 2);
  pango_cairo_show_layout (cr, layout);

  for (guint i = 0; i < self->result->path->len; i++)
    g_ptr_array_add (path, g_ptr_array_index (self->result->path, i));
  g_ptr_array_add (path, NULL);

  /* the cell, centred in the area, and whole what it touches */
  ox = area.x + (area.width - cell->width * scale) / 2 - cell->x * scale;
  oy = area.y + (area.height - cell->height * scale) / 2 - cell->y * scale;
  cairo_save (cr);
  cairo_rectangle (cr, area.x, area.y, area.width, area.height);
  cairo_clip (cr);
  cairo_translate (cr, ox, oy);
  cairo_scale (cr, scale, scale);
  cairo_rectangle (cr, cell->x, cell->y, cell->width, cell->height);
  for (guint i = 0; i < items->len; i++)
    {
      const Area *a = &g_array_index (items, Area, i);

      if (areas_meet (cell, a))
        cairo_rectangle (cr, a->x - 4, a->y - 4, a->width + 8, a->height + 8);
    }
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  cairo_clip (cr);
  vv_flowchart_set_dark (self->flowchart, FALSE);
  vv_flowchart_draw (self->flowchart, (const char * const *) path->pdata, cr);
  cairo_restore (cr);
}

static cairo_status_t
write_to_byte_array (void                *closure,
                     const unsigned char *data,
                     unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
write_pdf_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  VvReport *self = source_object;
  const char *path = task_data;
  GError *error = NULL;

  if (vv_report_write_pdf (self, path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* overrides */

static void
vv_report_finalize (GObject *object)
{
  VvReport *self = VV_REPORT (object);

  g_clear_pointer (&self->result, vv_result_free);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->created, g_free);
  g_clear_object (&self->flowchart);
  g_clear_object (&self->rules);

  G_OBJECT_CLASS (vv_report_parent_class)->finalize (object);
}

static void
vv_report_class_init (VvReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vv_report_finalize;
}

static void
vv_report_init (VvReport *self)
{
  self->blocks = g_ptr_array_new_with_free_func (block_free);
}

/* public API */

/**
 * vv_report_new:
 * @rules: the rule data
 * @year: the accounting year
 * @facts: the answers (fact id → value), as for vv_classify()
 * @error: return location for a #GError
 *
 * Decides the case and prepares a decision report: the answers, the
 * function(s) with shares, the explanation, why not the other function,
 * advice, the quoted paragraphs with their sources, and the flowchart with
 * the path taken. The report keeps its own copy of everything, so it can be
 * written from a worker thread.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL when the facts
 *   are invalid or do not reach an outcome
 */
VvReport *
vv_report_new (VvRules     *rules,
               int          year,
               JsonObject  *facts,
               GError     **error)
{
  g_autoptr(VvReport) self = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = vv_i18n_format_date_time (now);

  g_return_val_if_fail (VV_IS_RULES (rules), NULL);
  g_return_val_if_fail (facts != NULL, NULL);

  self = g_object_new (VV_TYPE_REPORT, NULL);
  self->rules = g_object_ref (rules);
  self->year = year;
  self->result = vv_classify (rules, year, facts, error);
  if (self->result == NULL)
    return NULL;
  if (g_str_equal (self->result->outcome, "needs_answer"))
    {
      g_set_error (error, VV_REPORT_ERROR, VV_REPORT_ERROR_INCOMPLETE,
                   _("The case is not complete: %s"), self->result->explanation);
      return NULL;
    }
  self->flowchart = vv_flowchart_new (rules);
  self->title = g_strdup (_("Decision report"));
  /* Translators: report subtitle: creation date, accounting year */
  self->created = g_strdup_printf (_("Created %s · accounting year %d"), date, year);
  vv_report_build (self, facts);
  return g_steal_pointer (&self);
}

/**
 * vv_report_set_title:
 * @self: a report
 * @title: the heading of the first page (a case title)
 *
 * Sets the title printed at the top of the report.
 */
void
vv_report_set_title (VvReport   *self,
                     const char *title)
{
  Block *first;

  g_return_if_fail (VV_IS_REPORT (self));
  g_return_if_fail (title != NULL);

  g_free (self->title);
  self->title = g_strdup (title);
  first = g_ptr_array_index (self->blocks, 0);
  g_free (first->text);
  first->text = g_markup_escape_text (title, -1);
}

/**
 * vv_report_get_title:
 * @self: a report
 *
 * Returns: (transfer none): the title
 */
const char *
vv_report_get_title (VvReport *self)
{
  g_return_val_if_fail (VV_IS_REPORT (self), NULL);

  return self->title;
}

/**
 * vv_report_get_result:
 * @self: a report
 *
 * Returns: (transfer none): the decision the report shows
 */
const VvResult *
vv_report_get_result (VvReport *self)
{
  g_return_val_if_fail (VV_IS_REPORT (self), NULL);

  return self->result;
}

/**
 * vv_report_get_n_pages:
 * @self: a report
 * @width: page width
 * @height: page height
 *
 * Returns: the number of pages at that page size: the text pages and the
 *   pages of the flowchart
 */
guint
vv_report_get_n_pages (VvReport *self,
                       double    width,
                       double    height)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  guint n;

  g_return_val_if_fail (VV_IS_REPORT (self), 0);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  n = paginate (self, cr, width, height, -1);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return n + n_chart_pages (self, width, height);
}

/* Draws page @page of @n_pages: text page @page, or when @page is @n_text
 * or later, chart page @page - @n_text. */
static void
render_page (VvReport *self,
             guint     page,
             guint     n_text,
             guint     n_pages,
             cairo_t  *cr,
             double    width,
             double    height)
{
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (page < n_text)
    paginate (self, cr, width, height, page);
  else
    draw_chart_page (self, page - n_text, cr, width, height);
  draw_footer (self, cr, width, height, page, n_pages);
  cairo_restore (cr);
}

/**
 * vv_report_render_page:
 * @self: a report
 * @page: the page number, from 0
 * @cr: the cairo context to draw on
 * @width: page width
 * @height: page height
 *
 * Draws one page on a white background. The last pages are the part of
 * the flowchart the case's path runs through, highlighted, at a size where
 * no text is under 9 pt. Used for printing; the PDF writer draws the chart
 * pages in landscape.
 */
void
vv_report_render_page (VvReport *self,
                       guint     page,
                       cairo_t  *cr,
                       double    width,
                       double    height)
{
  guint n_text;

  g_return_if_fail (VV_IS_REPORT (self));
  g_return_if_fail (cr != NULL);

  n_text = paginate (self, cr, width, height, -1);
  render_page (self, page, n_text, n_text + n_chart_pages (self, width, height),
               cr, width, height);
}

/**
 * vv_report_to_pdf:
 * @self: a report
 * @error: return location for a #GError
 *
 * Renders the report as PDF: A4 portrait text pages and landscape pages
 * with the flowchart.
 *
 * Returns: (transfer full) (nullable): the PDF data
 */
GBytes *
vv_report_to_pdf (VvReport  *self,
                  GError   **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  guint n_text, n_pages;

  g_return_val_if_fail (VV_IS_REPORT (self), NULL);

  surface = cairo_pdf_surface_create_for_stream (write_to_byte_array, data,
                                                 VV_REPORT_PAGE_WIDTH, VV_REPORT_PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Veiviser 257/258");
  cr = cairo_create (surface);
  n_text = paginate (self, cr, VV_REPORT_PAGE_WIDTH, VV_REPORT_PAGE_HEIGHT, -1);
  n_pages = n_text + n_chart_pages (self, VV_REPORT_PAGE_HEIGHT, VV_REPORT_PAGE_WIDTH);
  for (guint page = 0; page < n_pages; page++)
    {
      if (page >= n_text)
        {
          cairo_pdf_surface_set_size (surface, VV_REPORT_PAGE_HEIGHT, VV_REPORT_PAGE_WIDTH);
          render_page (self, page, n_text, n_pages, cr, VV_REPORT_PAGE_HEIGHT, VV_REPORT_PAGE_WIDTH);
        }
      else
        render_page (self, page, n_text, n_pages, cr, VV_REPORT_PAGE_WIDTH, VV_REPORT_PAGE_HEIGHT);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, VV_REPORT_ERROR, VV_REPORT_ERROR_RENDER,
                   _("Could not draw the report: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/**
 * vv_report_write_pdf:
 * @self: a report
 * @path: the file to write
 * @error: return location for a #GError
 *
 * Writes the PDF atomically: a reader sees the old file or the whole new
 * one, never a half-written report. Blocking; see
 * vv_report_write_pdf_async().
 *
 * Returns: %TRUE on success
 */
gboolean
vv_report_write_pdf (VvReport    *self,
                     const char  *path,
                     GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (VV_IS_REPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  bytes = vv_report_to_pdf (self, error);
  if (bytes == NULL)
    return FALSE;
  if (!vv_atomic_file_write (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                             &local_error))
    {
      g_set_error (error, VV_REPORT_ERROR, VV_REPORT_ERROR_WRITE,
                   _("Could not write “%s”: %s"), path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * vv_report_write_pdf_async:
 * @self: a report
 * @file: the file to write (a local path)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is written
 * @user_data: data for @callback
 *
 * Writes the PDF in a worker thread, as vv_report_write_pdf() does.
 */
void
vv_report_write_pdf_async (VvReport            *self,
                           GFile               *file,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  char *path;

  g_return_if_fail (VV_IS_REPORT (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vv_report_write_pdf_async);
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_task_return_new_error (task, VV_REPORT_ERROR, VV_REPORT_ERROR_WRITE,
                               _("Could not write “%s”: not a local file"), uri);
      return;
    }
  g_task_set_task_data (task, path, g_free);
  g_task_run_in_thread (task, write_pdf_thread);
}

/**
 * vv_report_write_pdf_finish:
 * @self: a report
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the report was written
 */
gboolean
vv_report_write_pdf_finish (VvReport      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (VV_IS_REPORT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == vv_report_write_pdf_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
