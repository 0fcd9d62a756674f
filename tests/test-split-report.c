/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-split-report"

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>

#include "vv-i18n.h"
#include "vv-ledger-reader.h"
#include "vv-rules.h"
#include "vv-split-chart.h"
#include "vv-split-report.h"
#include "vv-split.h"

static gboolean
add_line_cb (const VvLedgerLine *line,
             gpointer            user_data)
{
  vv_split_add_line (user_data, line);
  return TRUE;
}

static VvSplit *
split_sample (const char *ledger)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "ledger", ledger, NULL);
  g_autofree char *units_path = g_test_build_filename (G_TEST_DIST, "ledger",
                                                       "sample-units.csv", NULL);
  g_autoptr(VvLedgerReader) reader = vv_ledger_reader_new ();
  g_autoptr(VvUnits) units = NULL;
  g_autoptr(GError) error = NULL;
  VvSplit *split;

  units = vv_units_new_from_file (vv_rules_get_default (), units_path, &error);
  g_assert_no_error (error);
  split = vv_split_new (vv_rules_get_default (), units);
  g_assert_true (vv_ledger_reader_read (reader, path, add_line_cb, NULL, NULL, split, NULL,
                                        &error));
  g_assert_no_error (error);
  vv_split_finish (split);
  return split;
}

/* The row of @csv whose first two cells are @section;@code, or NULL. */
static char **
find_row (char       **lines,
          const char  *prefix)
{
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strsplit (lines[i], ";", -1);
  return NULL;
}

static void
test_csv (void)
{
  g_autoptr(VvSplit) split = split_sample ("sample-2023.csv");
  g_autofree char *csv = vv_split_report_to_csv (split);
  g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);
  g_auto(GStrv) r257 = NULL;
  g_auto(GStrv) r254 = NULL;
  g_auto(GStrv) total = NULL;
  g_autofree char *want257 = NULL;
  g_autofree char *want254 = NULL;
  GPtrArray *findings = vv_split_get_findings (split);
  guint n_finding_rows = 0;
  gint64 h257 = vv_split_get_home_257 (split);
  gint64 b254 = vv_split_get_booked (split, 254);

  g_assert_cmpstr (lines[0], ==, "Section;Code;Name;Amount;Share;Lines;Message");
  r257 = find_row (lines, "home services;257;");
  g_assert_nonnull (r257);
  want257 = g_strdup_printf ("%" G_GINT64_FORMAT ",%02d", h257 / 100, (int) (h257 % 100));
  g_assert_cmpstr (r257[3], ==, want257);
  r254 = find_row (lines, "booked;254;");
  g_assert_nonnull (r254);
  want254 = g_strdup_printf ("%" G_GINT64_FORMAT ",%02d", b254 / 100, (int) (b254 % 100));
  g_assert_cmpstr (r254[3], ==, want254);
  total = find_row (lines, "home services;total;");
  g_assert_nonnull (total);
  g_assert_cmpstr (total[4], ==, "100,0 %");

  for (guint i = 0; lines[i] != NULL; i++)
    for (guint j = 0; j < findings->len; j++)
      {
        const VvSplitFinding *f = g_ptr_array_index (findings, j);
        g_autofree char *code = g_strdup_printf (";%s;", f->code);

        if (strstr (lines[i], code) != NULL && !g_str_has_prefix (lines[i], "booked"))
          {
            n_finding_rows++;
            break;
          }
      }
  g_assert_cmpuint (findings->len, >, 0);
  g_assert_cmpuint (n_finding_rows, ==, findings->len);
}

static void
test_csv_formula (void)
{
  g_autoptr(VvSplit) split = vv_split_new (vv_rules_get_default (), NULL);
  VvLedgerLine line = { 0 };
  g_autofree char *csv = NULL;

  /* An ansvar that a spreadsheet would run as a formula. */
  line.line_no = 2;
  line.year = 2023;
  line.account_class = 1;
  line.function = 254;
  line.art = 10;
  line.amount_ore = 12345;
  line.ansvar = "=HYPERLINK(\"x\")";
  line.tjeneste = "254";
  line.text = "";
  line.raw = "";
  vv_split_add_line (split, &line);
  vv_split_finish (split);
  csv = vv_split_report_to_csv (split);
  g_assert_null (strstr (csv, ";=HYPERLINK"));
  g_assert_nonnull (strstr (csv, "'=HYPERLINK"));
}

static void
test_pdf (void)
{
  g_autoptr(VvSplit) split = split_sample ("sample-2024.csv");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vv-split-report-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *data = NULL;
  gsize len = 0;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint inked = 0;

  g_assert_no_error (error);
  g_assert_true (vv_split_report_write_pdf (split, "sample-2024.csv", path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  g_assert_cmpuint (len, >, 2000);
  g_assert_true (g_str_has_prefix (data, "%PDF-"));
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);   /* no temporary file left behind */

  /* Unwritable place: a clear error, no file. */
  g_assert_false (vv_split_report_write_pdf (split, NULL, "/nonexistent/dir/r.pdf", &error));
  g_assert_error (error, VV_SPLIT_REPORT_ERROR, VV_SPLIT_REPORT_ERROR_WRITE);
  g_clear_error (&error);

  /* The same drawing on an image: a white page with ink in the chart band. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 595, 842);
  cr = cairo_create (surface);
  vv_split_report_draw (split, "sample-2024.csv", cr, 595, 842);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
    {
      unsigned char *px = cairo_image_surface_get_data (surface);
      int stride = cairo_image_surface_get_stride (surface);
      double r, g, b;
      int want[3];

      /* cairo rounds colour channels its own way: allow one step either side */
      vv_split_chart_get_color (VV_SPLIT_CHART_SEGMENT_257, &r, &g, &b);
      want[0] = (int) (r * 255 + 0.5);
      want[1] = (int) (g * 255 + 0.5);
      want[2] = (int) (b * 255 + 0.5);

      g_assert_cmphex (*(guint32 *) px & 0xffffff, ==, 0xffffff);
      for (int y = 0; y < 842; y++)
        for (int x = 0; x < 595; x++)
          {
            guint32 p = *(guint32 *) (px + y * stride + 4 * x);

            if (ABS ((int) ((p >> 16) & 0xff) - want[0]) <= 1 &&
                ABS ((int) ((p >> 8) & 0xff) - want[1]) <= 1 &&
                ABS ((int) (p & 0xff) - want[2]) <= 1)
              inked++;
          }
    }
  /* The 257 colour appears in both bars: well over a thousand pixels. */
  g_assert_cmpuint (inked, >, 1000);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  vv_i18n_init ("en");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/split-report/csv", test_csv);
  g_test_add_func ("/split-report/csv-formula", test_csv_formula);
  g_test_add_func ("/split-report/pdf", test_pdf);
  return g_test_run ();
}
