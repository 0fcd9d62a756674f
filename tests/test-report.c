/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE     /* memmem() */
#define G_LOG_DOMAIN "test-report"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "vv-i18n.h"
#include "vv-report.h"
#include "vv-rules.h"

static JsonObject *
facts_257 (void)
{
  JsonObject *facts = json_object_new ();

  json_object_set_string_member (facts, "item", "care_service");
  json_object_set_boolean_member (facts, "municipal_responsibility", TRUE);
  json_object_set_string_member (facts, "service", "home_health");
  json_object_set_string_member (facts, "residence", "shared_housing");
  json_object_set_string_member (facts, "provider", "attached_base");
  json_object_set_int_member (facts, "user_age", 40);
  json_object_set_boolean_member (facts, "single_user_base", FALSE);
  json_object_set_boolean_member (facts, "shared_rota", FALSE);
  json_object_set_int_member (facts, "share_outside_percent", 0);
  return facts;
}

static gboolean
page_has_ink (VvReport *report,
              guint     page,
              double    width,
              double    height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, (int) height);
  cairo_t *cr = cairo_create (surface);
  const guchar *data;
  int stride;
  guint dark = 0;

  vv_report_render_page (report, page, cr, width, height);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < (int) height; y++)
    for (int x = 0; x < (int) width; x++)
      if ((((const guint32 *) (data + y * stride))[x] & 0xff) < 0x80)
        dark++;
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return dark > 200;
}

static cairo_status_t
append_to_byte_array (void                *closure,
                      const unsigned char *data,
                      unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The size in points of every text a PDF shows: each content stream is
 * inflated and read for its text operators, a text's size being its Tf size
 * times the scale of its text matrix (Tm) and of the graphics matrix (cm). */
static double
pdf_min_text_size (GBytes *pdf,
                   guint  *n_texts)
{
  gsize len;
  const char *data = g_bytes_get_data (pdf, &len);
  const char *end = data + len;
  double min_size = G_MAXDOUBLE;

  *n_texts = 0;
  for (const char *p = data; (p = memmem (p, end - p, "stream", 6)) != NULL; p++)
    {
      const char *start = p + strlen ("stream"), *stop;
      g_autoptr(GZlibDecompressor) inflater = NULL;
      g_autoptr(GInputStream) raw = NULL, stream = NULL;
      g_autoptr(GByteArray) out = g_byte_array_new ();
      double numbers[6] = { 0 }, ctm[64] = { 1 }, tf = 0, tm = 1;
      guint n_numbers = 0, depth = 0;
      guchar buf[4096];
      gssize got;
      gboolean ascii = TRUE;

      if (p > data && p[-1] == 'd')     /* "endstream" */
        continue;
      if (*start == '\r')
        start++;
      if (*start != '\n' || (stop = memmem (start, end - start, "endstream", 9)) == NULL)
        continue;
      start++;
      inflater = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB);
      raw = g_memory_input_stream_new_from_data (start, stop - start, NULL);
      stream = g_converter_input_stream_new (raw, G_CONVERTER (inflater));
      while ((got = g_input_stream_read (stream, buf, sizeof buf, NULL, NULL)) > 0)
        g_byte_array_append (out, buf, got);
      /* Content streams are text; fonts and images are not. */
      for (guint i = 0; i < out->len && ascii; i++)
        ascii = out->data[i] != 0 && out->data[i] < 0x80;
      if (got < 0 || out->len == 0 || !ascii)
        continue;
      g_byte_array_append (out, (const guint8 *) "", 1);
      for (const char *t = (const char *) out->data; *t != '\0';)
        {
          const char *word = t;

          if (g_ascii_isspace (*t) || *t == '[' || *t == ']' || *t == '>' )
            {
              t++;
              continue;
            }
          if (*t == '(')
            {
              for (int nest = 0; *t != '\0'; t++)
                {
                  if (*t == '\\' && t[1] != '\0')
                    t++;
                  else if (*t == '(')
                    nest++;
                  else if (*t == ')' && --nest == 0)
                    break;
                }
              if (*t != '\0')
                t++;
              continue;
            }
          if (*t == '<')
            {
              while (*t != '\0' && *t != '>' && !(t == word + 1 && *t == '<'))
                t++;
              continue;
            }
          if (*t == '/')
            t++;
          while (*t != '\0' && !g_ascii_isspace (*t) && strchr ("[]()<>/", *t) == NULL)
            t++;
          if (*word == '/')
            continue;
          if (g_ascii_isdigit (*word) || *word == '-' || *word == '.')
            {
              if (n_numbers == 6)
                memmove (numbers, numbers + 1, 5 * sizeof (double));
              numbers[MIN (n_numbers, 5)] = g_ascii_strtod (word, NULL);
              n_numbers = MIN (n_numbers + 1, 6);
              continue;
            }
          if (t - word == 1 && *word == 'q' && depth + 1 < G_N_ELEMENTS (ctm))
            {
              ctm[depth + 1] = ctm[depth];
              depth++;
            }
          else if (t - word == 1 && *word == 'Q' && depth > 0)
            depth--;
          else if (t - word == 2 && strncmp (word, "cm", 2) == 0 && n_numbers == 6)
            ctm[depth] *= sqrt (fabs (numbers[0] * numbers[3] - numbers[1] * numbers[2]));
          else if (t - word == 2 && strncmp (word, "Tm", 2) == 0 && n_numbers == 6)
            tm = sqrt (fabs (numbers[0] * numbers[3] - numbers[1] * numbers[2]));
          else if (t - word == 2 && strncmp (word, "Tf", 2) == 0 && n_numbers >= 1)
            tf = numbers[n_numbers - 1];
          else if ((t - word == 2 && (strncmp (word, "TJ", 2) == 0 || strncmp (word, "Tj", 2) == 0)) ||
                   (t - word == 1 && (*word == '\'' || *word == '"')))
            {
              min_size = MIN (min_size, fabs (tf * tm * ctm[depth]));
              (*n_texts)++;
            }
          n_numbers = 0;
        }
    }
  return min_size;
}

/* Issue 14 item 4: the chart in the PDF was the whole chart shrunk onto one
 * page, its text about 3 pt. Every text of the report, the chart's too, is
 * printed at 9 pt or more, both in the PDF and when printed on A4 portrait. */
static void
test_report_text_size (void)
{
  g_autoptr(JsonObject) facts = facts_257 ();
  g_autoptr(GError) error = NULL;
  g_autoptr(VvReport) report = vv_report_new (vv_rules_get_default (), 2024, facts, &error);
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GByteArray) printed = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  guint n_texts, n_pages;
  double size;

  g_assert_no_error (error);
  pdf = vv_report_to_pdf (report, &error);
  g_assert_no_error (error);
  size = pdf_min_text_size (pdf, &n_texts);
  g_test_message ("smallest text in the PDF: %.2f pt (%u texts)", size, n_texts);
  g_assert_cmpuint (n_texts, >, 100);
  g_assert_cmpfloat (size, >=, 9.0 - 0.01);

  /* what printing does: every page at the printer's page size */
  surface = cairo_pdf_surface_create_for_stream (append_to_byte_array, printed,
                                                 VV_REPORT_PAGE_WIDTH, VV_REPORT_PAGE_HEIGHT);
  cr = cairo_create (surface);
  n_pages = vv_report_get_n_pages (report, VV_REPORT_PAGE_WIDTH, VV_REPORT_PAGE_HEIGHT);
  for (guint page = 0; page < n_pages; page++)
    {
      vv_report_render_page (report, page, cr, VV_REPORT_PAGE_WIDTH, VV_REPORT_PAGE_HEIGHT);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  {
    g_autoptr(GBytes) bytes = g_bytes_new (printed->data, printed->len);

    size = pdf_min_text_size (bytes, &n_texts);
    g_test_message ("smallest printed text: %.2f pt (%u texts)", size, n_texts);
    g_assert_cmpuint (n_texts, >, 100);
    g_assert_cmpfloat (size, >=, 9.0 - 0.01);
  }
}

static void
test_report_content (void)
{
  g_autoptr(JsonObject) facts = facts_257 ();
  g_autoptr(GError) error = NULL;
  g_autoptr(VvReport) report = vv_report_new (vv_rules_get_default (), 2024, facts, &error);
  const VvResult *result;
  guint n_pages;

  g_assert_no_error (error);
  g_assert_nonnull (report);
  result = vv_report_get_result (report);
  g_assert_cmpstr (result->outcome_node, ==, "o-257");
  g_assert_cmpuint (result->allocations->len, ==, 1);
  g_assert_cmpstr (g_array_index (result->allocations, VvAllocation, 0).function, ==, "257");

  vv_report_set_title (report, "Bofellesskap <Solsida>");
  g_assert_cmpstr (vv_report_get_title (report), ==, "Bofellesskap <Solsida>");

  n_pages = vv_report_get_n_pages (report, VV_REPORT_PAGE_WIDTH, VV_REPORT_PAGE_HEIGHT);
  g_assert_cmpuint (n_pages, >=, 2);
  for (guint i = 0; i < n_pages; i++)
    g_assert_true (page_has_ink (report, i, VV_REPORT_PAGE_WIDTH, VV_REPORT_PAGE_HEIGHT));
  /* Smaller pages need more of them. */
  g_assert_cmpuint (vv_report_get_n_pages (report, 300, 300), >, n_pages);
}

static void
test_report_year_2023 (void)
{
  g_autoptr(JsonObject) facts = facts_257 ();
  g_autoptr(GError) error = NULL;
  g_autoptr(VvReport) report = vv_report_new (vv_rules_get_default (), 2023, facts, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (g_array_index (vv_report_get_result (report)->allocations, VvAllocation, 0).function,
                   ==, "254");
}

static void
test_report_incomplete (void)
{
  g_autoptr(JsonObject) facts = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(VvReport) report = NULL;

  json_object_set_string_member (facts, "item", "care_service");
  report = vv_report_new (vv_rules_get_default (), 2024, facts, &error);
  g_assert_null (report);
  g_assert_error (error, VV_REPORT_ERROR, VV_REPORT_ERROR_INCOMPLETE);
}

static void
check_pdf (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 5000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_nonnull (g_strstr_len (contents + len - 8, 8, "%EOF"));
}

static void
on_written_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GError **error = user_data;

  if (!vv_report_write_pdf_finish (VV_REPORT (object), result, error))
    g_assert_nonnull (*error);
  else
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NONE, "done");
}

static void
test_report_write (void)
{
  g_autoptr(JsonObject) facts = facts_257 ();
  g_autoptr(GError) error = NULL;
  g_autoptr(VvReport) report = vv_report_new (vv_rules_get_default (), 2024, facts, &error);
  g_autofree char *dir = g_dir_make_tmp ("test-report-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *async_path = g_build_filename (dir, "async.pdf", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "missing", "report.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (async_path);
  g_autoptr(GDir) listing = NULL;
  GError *async_error = NULL;
  guint n_files = 0;

  g_assert_no_error (error);

  g_assert_true (vv_report_write_pdf (report, path, &error));
  g_assert_no_error (error);
  check_pdf (path);

  /* Overwriting keeps a whole file; no temporary file is left behind. */
  g_assert_true (vv_report_write_pdf (report, path, &error));
  g_assert_no_error (error);
  check_pdf (path);

  g_assert_false (vv_report_write_pdf (report, bad_path, &error));
  g_assert_error (error, VV_REPORT_ERROR, VV_REPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, bad_path));
  g_clear_error (&error);

  vv_report_write_pdf_async (report, file, NULL, on_written_cb, &async_error);
  while (async_error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (async_error, G_IO_ERROR, G_IO_ERROR_NONE);
  g_clear_error (&async_error);
  check_pdf (async_path);

  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while (g_dir_read_name (listing) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 2);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_remove (async_path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  vv_i18n_init ("en");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/content", test_report_content);
  g_test_add_func ("/report/year-2023", test_report_year_2023);
  g_test_add_func ("/report/incomplete", test_report_incomplete);
  g_test_add_func ("/report/write", test_report_write);
  g_test_add_func ("/report/text-size", test_report_text_size);

  return g_test_run ();
}
