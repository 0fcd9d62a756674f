/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-ledger-export"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-ui-ledger-util.h"
#include "test-ui-util.h"
#include "vv-corrections.h"
#include "vv-format.h"
#include "vv-kostra-dialog.h"
#include "vv-kostra-extract.h"
#include "vv-ledger-export-view.h"
#include "vv-ledger-page.h"
#include "vv-ledger-provenance-view.h"
#include "vv-ledger-reader.h"
#include "vv-ledger-split-view.h"
#include "vv-split.h"

/* The ledger page writes back what issue 13 asks for — correction postings
 * (.csv, .xlsx), a KOSTRA file extract, an existing extract corrected —
 * and says where its figures come from. The file choosers are bypassed
 * through the `…-to` actions, which take the file names; the files
 * written are read back with the product's own reader. */

static GtkWidget *window;
static VvLedgerPage *page;
static VvContext *context;
static char *tmp_dir;
static VvTestLedgerReport report;

/* helpers */

static gboolean
page_idle (gpointer data)
{
  return !vv_ledger_page_get_busy (page);
}

static gboolean
exported (gpointer data)
{
  return report.export_path != NULL;
}

static char *
tmp_file (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static void
assign (const char *ansvar,
        const char *allocation)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (vv_ledger_page_assign_unit (page, ansvar, allocation, &error));
  g_assert_no_error (error);
  g_assert_true (vv_test_wait_for (page_idle, NULL, 60000));
  vv_test_spin ();
}

/* Activates @action with @target and waits for ::exported; returns the
 * path written ("" on failure). */
static const char *
run_export (const char *action,
            GVariant   *target)
{
  g_clear_pointer (&report.export_path, g_free);
  g_clear_pointer (&report.export_message, g_free);
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (page), action, target));
  g_assert_true (vv_test_wait_for (exported, NULL, 60000));
  vv_test_spin ();
  return report.export_path;
}

static GtkWidget *
split_child (const char *name)
{
  GObject *split_view = gtk_widget_get_template_child (GTK_WIDGET (page), VV_TYPE_LEDGER_PAGE,
                                                       "split_view");

  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (split_view),
                                                    VV_TYPE_LEDGER_SPLIT_VIEW, name));
}

/* The subtitle of the row named @name (a provenance or export row). */
static const char *
row_subtitle (const char *name)
{
  GtkWidget *row = vv_test_find_by_name (GTK_WIDGET (page), name);

  g_assert_true (ADW_IS_ACTION_ROW (row));
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* Whether the buttons of the row named @name can be pressed. */
static gboolean
row_enabled (const char *name)
{
  GtkWidget *row = vv_test_find_by_name (GTK_WIDGET (page), name);
  GtkWidget *button = vv_test_find_by_type (row, GTK_TYPE_BUTTON);

  g_assert_nonnull (button);
  return gtk_widget_is_sensitive (button);
}

/* Saves @w as ledger-export-@name.png under VV_SCREENSHOT_DIR. */
static void
screenshot (const char *name,
            GtkWidget  *w)
{
  g_autofree char *file = g_strconcat ("ledger-export-", name, NULL);

  vv_test_save_screenshot (w, file);
}

/* Scrolls the split view so that @widget is at the top. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  graphene_point_t p;
  GtkWidget *content;

  vv_test_spin ();
  /* Let the rows the split brought be laid out first. */
  vv_test_settle (300);
  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));

  g_assert_true (gtk_widget_compute_point (widget, content, &GRAPHENE_POINT_INIT (0, 0), &p));
  gtk_adjustment_set_value (adj, p.y - 12);
  vv_test_spin ();
}

typedef struct
{
  GHashTable *by_key;      /* "ansvar\037art" -> gint64 sum */
  gint64      by_fn[10000];
  guint64     n;
} Sums;

static gboolean
sum_line_cb (const VvLedgerLine *line,
             gpointer            user_data)
{
  Sums *s = user_data;
  char *key = g_strdup_printf ("%s\037%s", line->ansvar,
                               line->art_code != NULL ? line->art_code : "");
  gint64 *v = g_hash_table_lookup (s->by_key, key);

  if (v == NULL)
    {
      v = g_new0 (gint64, 1);
      g_hash_table_insert (s->by_key, key, v);
    }
  else
    g_free (key);
  *v += line->amount_ore;
  if (line->function < 10000 && line->account_class != 0)
    s->by_fn[line->function] += line->amount_ore;
  s->n++;
  return TRUE;
}

static void
reject_cb (guint64     line_no,
           const char *field,
           const char *message,
           gpointer    user_data)
{
  g_error ("line %" G_GUINT64_FORMAT " rejected: %s", line_no, message);
}

/* Reads @path with the product's reader into @s; every line must be read. */
static void
read_back (const char     *path,
           VvLedgerFormat  format,
           Sums           *s)
{
  g_autoptr(VvLedgerReader) reader = vv_ledger_reader_new ();
  g_autoptr(GError) error = NULL;

  memset (s, 0, sizeof *s);
  s->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  vv_ledger_reader_set_format (reader, format);
  vv_ledger_reader_set_default_year (reader, 2024);
  g_assert_true (vv_ledger_reader_read (reader, path, sum_line_cb, reject_cb, NULL, s, NULL,
                                        &error));
  g_assert_no_error (error);
  g_assert_cmpuint (vv_ledger_reader_get_lines_rejected (reader), ==, 0);
}

/* What the home-services row says with @n units in the register. */
static char *
home_text (guint n)
{
  return g_strdup_printf (ngettext ("Follow the units register (%u unit): each ansvar’s money "
                                    "is put on its unit’s Fordeling, whatever function it was "
                                    "booked on.",
                                    "Follow the units register (%u units): each ansvar’s money "
                                    "is put on its unit’s Fordeling, whatever function it was "
                                    "booked on.", n), n);
}

/* tests */

/* Nothing to write back without a units register: the rows say why and
 * their buttons and actions are off. The provenance names the file. */
static void
test_disabled (void)
{
  g_autofree char *path = tmp_file ("none.csv");
  g_autofree char *file = NULL;

  vv_test_ledger_import (page, "sample-2024.csv", NULL);
  gtk_window_present (GTK_WINDOW (window));
  vv_test_spin ();

  g_assert_true (gtk_widget_get_visible (split_child ("export_view")));
  g_assert_false (row_enabled ("export-corrections"));
  g_assert_false (row_enabled ("export-kostra"));
  g_assert_false (row_enabled ("export-correct-kostra"));
  g_assert_cmpstr (row_subtitle ("export-corrections"), ==,
                   _("There is no units register yet. Classify the units below first: the "
                     "money follows them."));
  /* Disabled, the action does nothing. */
  gtk_widget_activate_action (GTK_WIDGET (page), "ledger.export-corrections-to", "s", path);
  vv_test_spin ();
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  file = g_strdup_printf ("sample-2024.csv (%s)", _("CSV export"));
  g_assert_cmpstr (row_subtitle ("provenance-file"), ==, file);
  g_assert_cmpstr (row_subtitle ("provenance-year"), ==, "2024");
  g_assert_cmpstr (row_subtitle ("provenance-region"), ==, _("Not named in the file"));
  {
    g_autofree char *column = g_strdup_printf (_("“%s”"), "Regnskap");

    g_assert_cmpstr (row_subtitle ("provenance-column"), ==, column);
  }
  g_assert_cmpstr (row_subtitle ("provenance-unit"), ==, _("Kroner and øre, as in the file"));
  g_assert_cmpstr (row_subtitle ("provenance-home"), ==,
                   _("Follow the units register, which is empty: classify the units, or all "
                     "home-service money stays unassigned."));
  g_assert_cmpstr (row_subtitle ("provenance-booked"), ==,
                   _("As booked: the ledger lines, by the function they were booked on."));
  /* functions booked as functions: nothing to say of service codes */
  g_assert_false (gtk_widget_get_visible (vv_test_find_by_name (GTK_WIDGET (page),
                                                                "provenance-function")));
}

/* Classifying the units turns the exports on, the KOSTRA extract only once
 * no home-service money is left without a unit. */
static void
test_enabled (void)
{
  g_autofree char *kr = NULL;
  g_autofree char *reason = NULL;

  assign ("4101", "257:80 258:20");
  assign ("4102", "257:100");
  assign ("4200", "258:100");
  assign ("4201", "258:100");
  assign ("4210", "258:100");
  g_assert_true (row_enabled ("export-corrections"));
  g_assert_false (row_enabled ("export-kostra"));
  kr = vv_format_kroner (6429000);
  reason = g_strdup_printf (_("%s of home-service money is on ansvar without a unit. Classify "
                              "them first, so that none stays on 254."), kr);
  g_assert_cmpstr (row_subtitle ("export-kostra"), ==, reason);
  {
    g_autofree char *home = home_text (5);

    g_assert_cmpstr (row_subtitle ("provenance-home"), ==, home);
  }

  assign ("4990", "258:100");
  g_assert_true (row_enabled ("export-kostra"));
  g_assert_true (row_enabled ("export-correct-kostra"));
  g_assert_cmpstr (row_subtitle ("export-kostra"), ==,
                   _("For SSB: the ledger as KOSTRA records in whole 1000 kr, with 257 and 258 "
                     "in place of 254."));
  {
    g_autofree char *home = home_text (6);

    g_assert_cmpstr (row_subtitle ("provenance-home"), ==, home);
  }
  scroll_to (split_child ("provenance_view"));
  screenshot ("page", window);
}

/* The postings applied to the ledger leave 254 empty and 257/258 as the
 * split says; every ansvar × art nets to zero; the workbook holds the same
 * postings as the CSV. */
static void
test_corrections (void)
{
  g_autofree char *csv = tmp_file ("omposteringer.csv");
  g_autofree char *xlsx = tmp_file ("omposteringer.xlsx");
  g_autofree char *ledger = vv_test_ledger_fixture ("sample-2024.csv");
  VvSplit *split = vv_ledger_page_get_split (page);
  Sums postings, book, sheet;
  GHashTableIter it;
  gpointer value;

  g_assert_cmpstr (run_export ("ledger.export-corrections-to", g_variant_new_string (csv)), ==,
                   csv);
  read_back (csv, VV_LEDGER_FORMAT_CSV, &postings);
  g_assert_cmpuint (postings.n, >, 10);
  g_hash_table_iter_init (&it, postings.by_key);
  while (g_hash_table_iter_next (&it, NULL, &value))
    g_assert_cmpint (*(gint64 *) value, ==, 0);

  read_back (ledger, VV_LEDGER_FORMAT_CSV, &book);
  g_assert_cmpint (book.by_fn[254] + postings.by_fn[254], ==, 0);
  g_assert_cmpint (book.by_fn[257] + postings.by_fn[257], ==, vv_split_get_home_257 (split));
  g_assert_cmpint (book.by_fn[258] + postings.by_fn[258], ==, vv_split_get_home_258 (split));
  g_assert_cmpint (vv_split_get_home_unassigned (split), ==, 0);

  g_assert_cmpstr (run_export ("ledger.export-corrections-to", g_variant_new_string (xlsx)), ==,
                   xlsx);
  read_back (xlsx, VV_LEDGER_FORMAT_AUTO, &sheet);
  g_assert_cmpuint (sheet.n, ==, postings.n);
  for (guint f = 0; f < G_N_ELEMENTS (sheet.by_fn); f++)
    g_assert_cmpint (sheet.by_fn[f], ==, postings.by_fn[f]);

  g_hash_table_unref (postings.by_key);
  g_hash_table_unref (book.by_key);
  g_hash_table_unref (sheet.by_key);
}

/* The dialog asks for the region, checks it as it is typed, and the
 * extract written re-reads with no 254, no rejected line, and the ledger's
 * totals within rounding. */
static void
test_kostra (void)
{
  g_autofree char *dat = tmp_file ("kostra-2024-460100.dat");
  g_autofree char *ledger = vv_test_ledger_fixture ("sample-2024.csv");
  VvSplit *split = vv_ledger_page_get_split (page);
  g_autofree char *data = NULL;
  VvKostraDialog *dialog = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  gint64 total = 0, book_total = 0;
  guint n_257 = 0, n_258 = 0;
  Sums extract, book;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ledger.export-kostra", NULL));
  vv_test_spin ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (VV_IS_KOSTRA_DIALOG (w))
        dialog = VV_KOSTRA_DIALOG (w);
    }
  g_assert_nonnull (dialog);
  g_assert_cmpint (vv_kostra_dialog_get_year (dialog), ==, 2024);
  g_assert_cmpstr (vv_kostra_dialog_get_region (dialog), ==, "");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "write"));
  vv_kostra_dialog_set_values (dialog, "46010", "", 2024);
  g_assert_nonnull (vv_kostra_dialog_get_problem (dialog));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "write"));
  vv_kostra_dialog_set_values (dialog, "460100", "96433853", 2024);
  g_assert_nonnull (strstr (vv_kostra_dialog_get_problem (dialog), "96433853"));
  screenshot ("dialog-problem", GTK_WIDGET (dialog));
  vv_kostra_dialog_set_values (dialog, "460100", "", 2024);
  g_assert_null (vv_kostra_dialog_get_problem (dialog));
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "write"));
  screenshot ("dialog", GTK_WIDGET (dialog));
  vv_test_message_dialog_respond (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_assert_cmpstr (run_export ("ledger.export-kostra-to",
                               g_variant_new ("(sssi)", dat, "460100", "", 2024)), ==, dat);
  g_assert_true (g_file_get_contents (dat, &data, NULL, NULL));
  g_assert_cmpuint (vv_kostra_check (NULL, data, strlen (data), NULL, NULL), ==, 0);
  read_back (dat, VV_LEDGER_FORMAT_KOSTRA, &extract);
  read_back (ledger, VV_LEDGER_FORMAT_CSV, &book);
  g_assert_cmpint (extract.by_fn[254], ==, 0);
  for (guint f = 0; f < G_N_ELEMENTS (extract.by_fn); f++)
    {
      total += extract.by_fn[f];
      book_total += book.by_fn[f];
    }
  /* Each kontoklasse's total is the ledger's, rounded to 1000 kr. */
  g_assert_cmpint (total, ==, vv_round_ore_to_thousands (book_total) * 100000);
  for (const char *p = data; *p; p += VV_KOSTRA_RECORD_LEN + 1)
    {
      n_257 += strncmp (p + 32, "257 ", 4) == 0;
      n_258 += strncmp (p + 32, "258 ", 4) == 0;
    }
  g_assert_cmpint (ABS (extract.by_fn[257] - vv_split_get_home_257 (split)), <=,
                   (gint64) n_257 * 100000);
  g_assert_cmpint (ABS (extract.by_fn[258] - vv_split_get_home_258 (split)), <=,
                   (gint64) n_258 * 100000);
  g_hash_table_unref (extract.by_key);
  g_hash_table_unref (book.by_key);

  /* The region typed is offered the next time. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ledger.export-kostra", NULL));
  vv_test_spin ();
  dialog = NULL;
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (VV_IS_KOSTRA_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        dialog = VV_KOSTRA_DIALOG (w);
    }
  g_assert_nonnull (dialog);
  g_assert_cmpstr (vv_kostra_dialog_get_region (dialog), ==, "460100");
  vv_test_message_dialog_respond (ADW_MESSAGE_DIALOG (dialog), "cancel");
}

/* An extract made elsewhere, with a 254 record: corrected, it re-reads
 * with no 254, no rejected line and the same total. */
static void
test_correct_kostra (void)
{
  g_autofree char *old = vv_test_ledger_fixture ("kostra-2024-small.dat");
  g_autofree char *fixed = tmp_file ("kostra-2024-small-corrected.dat");
  gint64 before = 0, after = 0;
  Sums a, b;

  g_assert_cmpstr (run_export ("ledger.correct-kostra-to", g_variant_new ("(ss)", old, fixed)),
                   ==, fixed);
  read_back (old, VV_LEDGER_FORMAT_KOSTRA, &a);
  read_back (fixed, VV_LEDGER_FORMAT_KOSTRA, &b);
  g_assert_cmpint (a.by_fn[254], !=, 0);
  g_assert_cmpint (b.by_fn[254], ==, 0);
  for (guint f = 0; f < G_N_ELEMENTS (a.by_fn); f++)
    {
      before += a.by_fn[f];
      after += b.by_fn[f];
    }
  g_assert_cmpint (before, ==, after);
  g_assert_cmpint (b.by_fn[257] + b.by_fn[258], ==, a.by_fn[257] + a.by_fn[258] + a.by_fn[254]);
  g_hash_table_unref (a.by_key);
  g_hash_table_unref (b.by_key);
}

/* A file that cannot be written: the message says why, nothing is left. */
static void
test_failure (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "no", "such", "dir.csv", NULL);

  g_assert_cmpstr (run_export ("ledger.export-corrections-to", g_variant_new_string (path)), ==,
                   "");
  g_assert_nonnull (report.export_message);
  g_assert_nonnull (vv_test_find_message_dialog (_("Cannot Write the File")));
  g_assert_cmpuint (vv_test_close_message_dialogs (), ==, 1);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* A KOSTRA extract names its region, and its amounts are 1000 kr. */
static void
test_provenance_kostra (void)
{
  g_autofree char *file = g_strdup_printf ("kostra-2024-small.dat (%s)",
                                           _("KOSTRA file extract"));

  vv_test_ledger_import (page, "kostra-2024-small.dat", NULL);
  g_assert_cmpstr (row_subtitle ("provenance-file"), ==, file);
  g_assert_cmpstr (row_subtitle ("provenance-region"), ==, "460100");
  g_assert_cmpstr (row_subtitle ("provenance-unit"), ==,
                   _("Whole 1000 kr in the file, shown here in kroner"));
  g_assert_cmpstr (row_subtitle ("provenance-column"), ==,
                   _("Beløp, positions 40–48 of each record"));
  g_assert_cmpstr (row_subtitle ("provenance-booked"), ==,
                   _("As booked: the records of the extract, by their function."));
  scroll_to (split_child ("provenance_view"));
  screenshot ("page-kostra", window);
}

/* An export booked on local service codes (tjeneste 25710): the page says
 * the functions were read from their first three digits, and on how many
 * lines, in the run's language (meson runs this in en, nb and nn). */
static void
test_provenance_service_codes (void)
{
  const char *lang = vv_i18n_get_language ();
  const char *expected = "Function read from the service code: 25710 → 257 (5 lines)";

  if (g_str_equal (lang, "nb"))
    expected = "Funksjon lest fra tjenestekode: 25710 → 257 (5 linjer)";
  else if (g_str_equal (lang, "nn"))
    expected = "Funksjon lesen frå tenestekode: 25710 → 257 (5 linjer)";

  vv_test_ledger_import (page, "quirks/visma-local-codes.csv", NULL);
  g_assert_true (gtk_widget_get_visible (vv_test_find_by_name (GTK_WIDGET (page),
                                                               "provenance-function")));
  g_assert_cmpstr (row_subtitle ("provenance-function"), ==, expected);
  scroll_to (split_child ("provenance_view"));
  screenshot ("page-service-codes", window);
}

int
main (int   argc,
      char *argv[])
{
  const char *width = g_getenv ("VEIVISER_SHOT_WIDTH");
  int ret;

  if (!vv_test_ui_init (&argc, &argv, NULL))
    return 77;
  tmp_dir = g_dir_make_tmp ("vv-test-ui-ledger-export-XXXXXX", NULL);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), width != NULL ? atoi (width) : 1000, 800);
  page = VV_LEDGER_PAGE (vv_ledger_page_new ());
  context = vv_test_context_new ("ledger-export.db");
  vv_ledger_page_set_context (page, context);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  vv_test_ledger_watch (page, &report);

  /* The cases share one window and database, in this order. */
  g_test_add_func ("/ui-ledger-export/disabled", test_disabled);
  g_test_add_func ("/ui-ledger-export/enabled", test_enabled);
  g_test_add_func ("/ui-ledger-export/corrections", test_corrections);
  g_test_add_func ("/ui-ledger-export/kostra", test_kostra);
  g_test_add_func ("/ui-ledger-export/correct-kostra", test_correct_kostra);
  g_test_add_func ("/ui-ledger-export/failure", test_failure);
  g_test_add_func ("/ui-ledger-export/provenance-kostra", test_provenance_kostra);
  g_test_add_func ("/ui-ledger-export/provenance-service-codes", test_provenance_service_codes);
  ret = g_test_run ();

  vv_test_destroy_window (window);
  g_clear_object (&context);
  vv_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  vv_test_ledger_report_clear (&report);
  return vv_test_ui_finish (ret);
}
