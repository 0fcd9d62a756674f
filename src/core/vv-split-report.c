/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-split-report"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "vv-atomic-file.h"
#include "vv-export.h"
#include "vv-format.h"
#include "vv-rules.h"
#include "vv-split-chart.h"
#include "vv-split-report.h"

/* A4 in PostScript points */
#define PAGE_WIDTH  595.0
#define PAGE_HEIGHT 842.0
#define MARGIN      48.0
#define SEP         ';'

G_DEFINE_QUARK (vv-split-report-error-quark, vv_split_report_error)

/* helpers */

static void
csv_row (GString    *out,
         const char *section,
         const char *code,
         const char *name,
         gint64      ore,
         const char *share,
         guint64     lines,
         const char *message)
{
  g_autofree char *n = lines ? g_strdup_printf ("%" G_GUINT64_FORMAT, lines) : g_strdup ("");

  vv_csv_cell_escape (out, section, SEP);
  g_string_append_c (out, SEP);
  vv_csv_cell_escape (out, code, SEP);
  g_string_append_c (out, SEP);
  vv_csv_cell_escape (out, name, SEP);
  g_string_append_c (out, SEP);
  vv_csv_append_amount (out, ore, ',', SEP);
  g_string_append_c (out, SEP);
  vv_csv_cell_escape (out, share, SEP);
  g_string_append_c (out, SEP);
  g_string_append (out, n);
  g_string_append_c (out, SEP);
  vv_csv_cell_escape (out, message, SEP);
  g_string_append (out, "\r\n");
}

static char *
share_text (gint64 part,
            gint64 whole)
{
  return whole <= 0 ? g_strdup ("") : vv_format_share (part, whole);
}

static const char *
function_name (guint function)
{
  g_autofree char *code = g_strdup_printf ("%03u", function);
  const VvFunction *fi = vv_rules_lookup_function (vv_rules_get_default (), code);

  return fi != NULL ? vv_rules_tr (fi->name) : "";
}

static const char *
severity_name (VvSplitSeverity severity)
{
  switch (severity)
    {
    case VV_SPLIT_SEVERITY_ERROR:
      return _("Error");
    case VV_SPLIT_SEVERITY_WARNING:
      return _("Warning");
    case VV_SPLIT_SEVERITY_INFO:
    default:
      return _("Note");
    }
}

/* Draws @text at (x, *y) in @width and moves *y below it. */
static void
text_block (cairo_t    *cr,
            const char *font,
            const char *text,
            double      x,
            double     *y,
            double      width,
            PangoAlignment align)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);
  int w, h;

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x, *y);
  pango_cairo_show_layout (cr, layout);
  *y += h;
}

static void
amount_row (cairo_t    *cr,
            const char *label,
            gint64      ore,
            const char *share,
            double      x,
            double     *y,
            double      width)
{
  g_autofree char *value = vv_format_amount (ore);
  double y0 = *y, y1 = *y, y2 = *y;

  text_block (cr, "Sans 10", label, x, &y0, width * 0.5, PANGO_ALIGN_LEFT);
  text_block (cr, "Sans 10", value, x + width * 0.5, &y1, width * 0.35, PANGO_ALIGN_RIGHT);
  text_block (cr, "Sans 10", share, x + width * 0.85, &y2, width * 0.15, PANGO_ALIGN_RIGHT);
  *y = MAX (y0, MAX (y1, y2)) + 3;
}

/* public API */

/**
 * vv_split_report_to_csv:
 * @split: a finished #VvSplit
 *
 * The split as `;`-separated CSV with decimal comma and a header row:
 * booked totals per function, the home-service split with shares, each
 * ansvar's home-service money, and the findings. Text cells are
 * formula-neutralised by vv_csv_cell_escape().
 *
 * Returns: (transfer full): the CSV text, UTF-8, CRLF line ends
 */
char *
vv_split_report_to_csv (VvSplit *split)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GArray) functions = NULL;
  GPtrArray *ansvars, *findings;
  gint64 total;

  g_return_val_if_fail (VV_IS_SPLIT (split), NULL);

  g_string_append_printf (out, "%s;%s;%s;%s;%s;%s;%s\r\n", _("Section"), _("Code"), _("Name"),
                          _("Amount"), _("Share"), _("Lines"), _("Message"));
  functions = vv_split_get_functions (split);
  for (guint i = 0; functions != NULL && i < functions->len; i++)
    {
      guint f = g_array_index (functions, guint, i);
      g_autofree char *code = g_strdup_printf ("%03u", f);

      csv_row (out, _("booked"), code, function_name (f), vv_split_get_booked (split, f), "",
               0, "");
    }

  total = vv_split_get_home_total (split);
    {
      const struct { const char *code; gint64 ore; } rows[] = {
        { "257", vv_split_get_home_257 (split) },
        { "258", vv_split_get_home_258 (split) },
        { _("other"), vv_split_get_home_other (split) },
        { _("unassigned"), vv_split_get_home_unassigned (split) },
        { _("total"), total },
      };

      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        {
          g_autofree char *share = share_text (rows[i].ore, total);

          csv_row (out, _("home services"), rows[i].code, "", rows[i].ore, share, 0, "");
        }
    }

  ansvars = vv_split_get_ansvars (split);
  for (guint i = 0; ansvars != NULL && i < ansvars->len; i++)
    {
      const VvSplitAnsvar *a = g_ptr_array_index (ansvars, i);

      csv_row (out, _("ansvar"), a->ansvar, a->unit_name ? a->unit_name : _("(no unit)"),
               a->home_ore, "", a->home_lines, "");
    }

  findings = vv_split_get_findings (split);
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const VvSplitFinding *f = g_ptr_array_index (findings, i);

      csv_row (out, severity_name (f->severity), f->code, f->ansvar, f->amount_ore, "",
               f->count, f->message);
    }
  return g_string_free (out, FALSE);
}

/**
 * vv_split_report_write_csv:
 * @split: a finished #VvSplit
 * @path: the file to write, replaced atomically
 * @error: return location for a #GError
 *
 * Returns: %TRUE when written
 */
gboolean
vv_split_report_write_csv (VvSplit     *split,
                           const char  *path,
                           GError     **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (VV_IS_SPLIT (split), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  csv = vv_split_report_to_csv (split);
  return vv_export_write_atomic (path, csv, strlen (csv), error);
}

/**
 * vv_split_report_draw:
 * @split: a finished #VvSplit
 * @title: (nullable): the heading, e.g. the file name
 * @cr: where to draw
 * @width: of the page
 * @height: of the page
 *
 * Draws one page: heading, the home-service totals with shares, the chart
 * and as many findings as fit (the rest are counted).
 */
void
vv_split_report_draw (VvSplit    *split,
                      const char *title,
                      cairo_t    *cr,
                      double      width,
                      double      height)
{
  g_autofree char *heading = NULL;
  g_autofree char *sub = NULL;
  double w = width - 2 * MARGIN;
  double y = MARGIN;
  gint64 total;
  GPtrArray *findings;
  guint shown = 0;

  g_return_if_fail (VV_IS_SPLIT (split));
  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);

  heading = vv_split_get_year (split) > 0
            ? g_strdup_printf (_("Home services %d: the 257/258 split"), vv_split_get_year (split))
            : g_strdup (_("Home services: the 257/258 split"));
  text_block (cr, "Sans Bold 18", heading, MARGIN, &y, w, PANGO_ALIGN_LEFT);
  sub = g_strdup_printf (_("%s · %llu lines read, %llu rejected"), title ? title : "",
                         (unsigned long long) vv_split_get_lines_read (split),
                         (unsigned long long) vv_split_get_lines_rejected (split));
  y += 4;
  text_block (cr, "Sans 10", sub, MARGIN, &y, w, PANGO_ALIGN_LEFT);
  y += 16;

  total = vv_split_get_home_total (split);
    {
      const struct { const char *label; gint64 ore; } rows[] = {
        { _("257 Staff base in shared housing"), vv_split_get_home_257 (split) },
        { _("258 Ambulant home services"), vv_split_get_home_258 (split) },
        { _("Other functions"), vv_split_get_home_other (split) },
        { _("Unassigned ansvar"), vv_split_get_home_unassigned (split) },
        { _("Total home services"), total },
      };

      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        {
          g_autofree char *share = share_text (rows[i].ore, total);

          amount_row (cr, rows[i].label, rows[i].ore, share, MARGIN, &y, w);
        }
    }
  y += 12;

  cairo_save (cr);
  cairo_translate (cr, MARGIN, y);
  vv_split_chart_draw (split, cr, (int) w, 180);
  cairo_restore (cr);
  y += 180 + 16;

  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  text_block (cr, "Sans Bold 13", _("Findings"), MARGIN, &y, w, PANGO_ALIGN_LEFT);
  y += 6;
  findings = vv_split_get_findings (split);
  if (findings == NULL || findings->len == 0)
    text_block (cr, "Sans 10", _("No findings."), MARGIN, &y, w, PANGO_ALIGN_LEFT);
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const VvSplitFinding *f = g_ptr_array_index (findings, i);
      g_autofree char *line = g_strdup_printf ("%s · %s: %s", severity_name (f->severity),
                                               f->code, f->message);

      if (y > height - MARGIN - 60)
        break;
      text_block (cr, "Sans 9", line, MARGIN, &y, w, PANGO_ALIGN_LEFT);
      y += 4;
      shown++;
    }
  if (findings != NULL && shown < findings->len)
    {
      g_autofree char *more = g_strdup_printf (_("… and %u more findings (see the CSV export)."),
                                               findings->len - shown);

      text_block (cr, "Sans Italic 9", more, MARGIN, &y, w, PANGO_ALIGN_LEFT);
    }
  cairo_restore (cr);
}

/**
 * vv_split_report_write_pdf:
 * @split: a finished #VvSplit
 * @title: (nullable): the heading, e.g. the file name
 * @path: the file to write, replaced atomically
 * @error: return location for a #VV_SPLIT_REPORT_ERROR
 *
 * Returns: %TRUE when written
 */
gboolean
vv_split_report_write_pdf (VvSplit     *split,
                           const char  *title,
                           const char  *path,
                           GError     **error)
{
  g_autofree char *tmp = NULL;
  g_autoptr(GError) local_error = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (VV_IS_SPLIT (split), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  tmp = vv_atomic_file_new_temp (path, &local_error);
  if (tmp == NULL)
    {
      g_set_error (error, VV_SPLIT_REPORT_ERROR, VV_SPLIT_REPORT_ERROR_WRITE,
                   _("Cannot write the report “%s”: %s"), path, local_error->message);
      return FALSE;
    }
  surface = cairo_pdf_surface_create (tmp, PAGE_WIDTH, PAGE_HEIGHT);
  cr = cairo_create (surface);
  vv_split_report_draw (split, title, cr, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, VV_SPLIT_REPORT_ERROR, VV_SPLIT_REPORT_ERROR_RENDER,
                   _("Cannot write the report “%s”: %s"), path, cairo_status_to_string (status));
      g_unlink (tmp);
      return FALSE;
    }
  if (!vv_atomic_file_commit (tmp, path, &local_error))
    {
      g_set_error (error, VV_SPLIT_REPORT_ERROR, VV_SPLIT_REPORT_ERROR_WRITE,
                   _("Cannot write the report “%s”: %s"), path, local_error->message);
      return FALSE;
    }
  return TRUE;
}
