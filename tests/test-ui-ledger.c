/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-ledger"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "test-ui-ledger-util.h"
#include "test-ui-util.h"
#include "vv-db.h"
#include "vv-guide-page.h"
#include "vv-i18n.h"
#include "vv-import-dialog.h"
#include "vv-ledger-line-item.h"
#include "vv-ledger-line-model.h"
#include "vv-ledger-lines-view.h"
#include "vv-ledger-page.h"
#include "vv-ledger-split-view.h"
#include "vv-ledger-store.h"
#include "vv-split.h"
#include "vv-window.h"

static GtkWidget *window;
static VvLedgerPage *page;
static VvContext *context;
static VvTestLedgerReport report;

/* helpers */

/* A template child of the page or of its split and lines views. */
static GtkWidget *
template_child (const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (page), VV_TYPE_LEDGER_PAGE, name);
  GObject *split_view = gtk_widget_get_template_child (GTK_WIDGET (page), VV_TYPE_LEDGER_PAGE,
                                                       "split_view");
  GObject *lines_view = gtk_widget_get_template_child (GTK_WIDGET (page), VV_TYPE_LEDGER_PAGE,
                                                       "lines_view");

  if (child == NULL || g_str_equal (name, "lines_view"))
    child = gtk_widget_get_template_child (GTK_WIDGET (split_view), VV_TYPE_LEDGER_SPLIT_VIEW,
                                           name);
  if (child == NULL)
    child = gtk_widget_get_template_child (GTK_WIDGET (lines_view), VV_TYPE_LEDGER_LINES_VIEW,
                                           name);
  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

/* Text of the last GtkLabel inside @root with the "ledger-amount" class. */
static const char *
amount_in (GtkWidget *root)
{
  const char *text = NULL;

  if (GTK_IS_LABEL (root) && gtk_widget_has_css_class (root, "ledger-amount"))
    text = gtk_label_get_text (GTK_LABEL (root));
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      const char *t = amount_in (c);

      if (t != NULL)
        text = t;
    }
  return text;
}

static const char *
amount_of_label (const char *name)
{
  GtkWidget *label = template_child (name);

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

static char *
kr (gint64 ore)
{
  g_autofree char *n = vv_format_kroner (ore);

  return g_strdup_printf ("%s kr", n);
}

static JsonObject *
cli_split (const char *ledger,
           const char *units)
{
  const char *cli = g_getenv ("VEIVISER_CLI");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  int status = 0;
  const char *argv[] = { cli, "split", ledger, "--units", units, "--json", "--lang", "nb", NULL };

  g_assert_nonnull (cli);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                               &err, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static guint
count_imports (void)
{
  g_autoptr(VvDb) db = vv_db_open (g_getenv ("VEIVISER_DB"), NULL);
  g_autoptr(GPtrArray) imports = vv_ledger_store_list_imports (db, NULL);

  return imports->len;
}

static guint
count_units (void)
{
  g_autoptr(VvDb) db = vv_db_open (g_getenv ("VEIVISER_DB"), NULL);
  g_autoptr(GPtrArray) units = vv_ledger_store_list_units (db, NULL);

  return units->len;
}

/* Saves the window, or the dialog on top of it for a name starting with
 * "dialog", as ledger-@name.png under VV_SCREENSHOT_DIR. */
static void
screenshot (const char *name)
{
  g_autofree char *file = g_strconcat ("ledger-", name, NULL);
  GtkWidget *w = window;
  GList *toplevels;

  if (g_getenv ("VV_SCREENSHOT_DIR") == NULL)
    return;
  /* The top-most window: a dialog when one is open. */
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (gtk_widget_get_mapped (l->data) && l->data != window && g_str_has_prefix (name, "dialog"))
      w = l->data;
  g_list_free (toplevels);
  vv_test_save_screenshot (w, file);
}

/* tests */

static void
test_first_start (void)
{
  VvSplit *split;
  GtkWidget *stack;

  /* Mapping the page on an empty database shows the bundled sample, from a
   * database of its own: the user's has no import and no units. */
  g_assert_cmpuint (count_imports (), ==, 0);
  gtk_window_present (GTK_WINDOW (window));
  vv_test_spin ();
  vv_test_wait_not_busy (page, 60000);
  g_assert_cmpstr (report.import_message, ==, NULL);
  g_assert_true (report.import_ok);
  g_assert_cmpuint (count_imports (), ==, 0);
  g_assert_cmpuint (count_units (), ==, 0);
  g_assert_true (vv_ledger_session_get_sample (vv_ledger_page_get_session (page)));
  g_assert_true (gtk_widget_get_visible (template_child ("sample_banner")));
  split = vv_ledger_page_get_split (page);
  g_assert_nonnull (split);
  g_assert_cmpint (vv_split_get_year (split), ==, 2024);
  g_assert_cmpint (vv_split_get_home_total (split), >, 0);
  stack = template_child ("stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "split");
  /* The line count and its unit never break apart at narrow widths
   * ("… · 196 / linjer" at 360 px): no plain space after the last "·". */
  {
    const char *subtitle = gtk_label_get_text (GTK_LABEL (template_child ("subtitle_label")));
    const char *count = g_strrstr (subtitle, " · ");

    g_assert_nonnull (count);
    g_assert_null (strchr (count + strlen (" · "), ' '));
  }
  screenshot ("sample");
}

/* Issue 14 item 1: after the first-start sample, the user's own ledger is
 * split by the user's (empty) units register, never by the sample's: their
 * ansvar 4101 is not "Solbakken bofellesskap 257:80 258:20", and no 257
 * money comes from the sample. */
static void
test_sample_apart (void)
{
  g_autofree char *sample = vv_test_ledger_fixture ("sample-2024.csv");
  g_autofree char *own = g_build_filename (vv_test_data_home (), "own-ledger-2024.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) mine = NULL;
  GPtrArray *ansvars;
  VvSplit *split;
  gboolean seen = FALSE;

  g_assert_true (g_file_get_contents (sample, &contents, NULL, &error));
  g_assert_no_error (error);
  /* The user's own bytes: the same ansvar, another line. */
  mine = g_string_new (contents);
  g_string_append (mine, "2024;12;4101;257;1010;;Fastlønn 12/2024;1 000,00\n");
  g_assert_true (g_file_set_contents (own, mine->str, (gssize) mine->len, &error));
  g_assert_no_error (error);

  vv_ledger_page_import (page, own, NULL, NULL);
  vv_test_wait_not_busy (page, 60000);
  g_assert_cmpstr (report.import_message, ==, NULL);
  g_assert_true (report.import_ok);
  g_assert_false (vv_ledger_session_get_sample (vv_ledger_page_get_session (page)));
  g_assert_false (gtk_widget_get_visible (template_child ("sample_banner")));
  g_assert_cmpuint (count_imports (), ==, 1);
  g_assert_cmpuint (count_units (), ==, 0);
  split = vv_ledger_page_get_split (page);
  ansvars = vv_split_get_ansvars (split);
  for (guint i = 0; i < ansvars->len; i++)
    {
      const VvSplitAnsvar *a = g_ptr_array_index (ansvars, i);

      if (g_str_equal (a->ansvar, "4101"))
        {
          g_assert_null (a->unit_name);
          seen = TRUE;
        }
    }
  g_assert_true (seen);
  g_assert_cmpint (vv_split_get_home_257 (split), ==, 0);
  g_assert_cmpint (vv_split_get_home_unassigned (split), ==, vv_split_get_home_total (split));
  g_unlink (own);
}

static void
test_import_matches_cli (void)
{
  g_autofree char *ledger = vv_test_ledger_fixture ("sample-2023.csv");
  g_autofree char *units = vv_test_ledger_fixture ("sample-units.csv");
  g_autoptr(JsonObject) json = cli_split (ledger, units);
  JsonObject *home = json_object_get_object_member (json, "home_services");
  JsonObject *booked = json_object_get_object_member (json, "booked");
  g_autoptr(GList) codes = json_object_get_members (booked);
  g_autofree char *want257 = kr (json_object_get_int_member (home, "257"));
  g_autofree char *want258 = kr (json_object_get_int_member (home, "258"));
  g_autofree char *wantun = kr (json_object_get_int_member (home, "unassigned"));
  g_autofree char *wanttot = kr (json_object_get_int_member (json, "home_services_total"));
  GtkWidget *functions = template_child ("functions_list");
  gint64 first_id = vv_ledger_page_get_import_id (page);
  VvImportDialog *dialog = NULL;
  g_autofree char *layout_key = NULL;
  VvSplit *split;

  /* Through the import assistant, as a user would: preview, units file, Import. */
  vv_ledger_page_open_import (page, ledger);
  vv_test_spin ();
  {
    GList *toplevels = gtk_window_list_toplevels ();

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (VV_IS_IMPORT_DIALOG (l->data))
        dialog = l->data;
    g_list_free (toplevels);
  }
  g_assert_nonnull (dialog);
  g_assert_cmpuint (vv_import_dialog_get_n_preview_lines (dialog), ==, 50);
  layout_key = g_strdup (vv_ledger_reader_get_layout_key (vv_import_dialog_get_reader (dialog)));
  g_assert_nonnull (layout_key);
  vv_import_dialog_set_units_path (dialog, units);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
  g_assert_true (vv_ledger_page_get_busy (page));
  vv_test_wait_not_busy (page, 60000);
  /* The assistant closed itself and its column mapping is remembered for the layout. */
  {
    g_autoptr(VvDb) db = vv_db_open (g_getenv ("VEIVISER_DB"), NULL);
    g_autofree char *mapping = vv_ledger_store_get_mapping (db, layout_key, NULL);

    g_assert_nonnull (mapping);
  }
  g_assert_cmpstr (report.import_message, ==, NULL);
  g_assert_true (report.import_ok);
  g_assert_cmpint (vv_ledger_page_get_import_id (page), >, first_id);
  split = vv_ledger_page_get_split (page);
  g_assert_cmpint (vv_split_get_year (split), ==, json_object_get_int_member (json, "year"));
  g_assert_cmpuint (vv_split_get_lines_read (split), ==,
                    json_object_get_int_member (json, "lines_read"));

  /* What the page shows is what `veiviser-cli split --json` computes. */
  g_assert_cmpstr (amount_of_label ("home_257_label"), ==, want257);
  g_assert_cmpstr (amount_of_label ("home_258_label"), ==, want258);
  g_assert_cmpstr (amount_of_label ("home_unassigned_label"), ==, wantun);
  g_assert_cmpstr (amount_of_label ("home_total_label"), ==, wanttot);
  g_assert_cmpuint (g_list_length (codes), >, 3);
  for (GList *l = codes; l != NULL; l = l->next)
    {
      g_autofree char *want = kr (json_object_get_int_member (booked, l->data));
      GtkWidget *row = vv_test_find_by_name (functions, l->data);

      g_assert_nonnull (row);
      g_assert_cmpstr (amount_in (row), ==, want);
    }
  /* The chart tells screen readers what it shows. */
  {
    gint64 total = json_object_get_int_member (json, "home_services_total");
    gint64 p257 = (json_object_get_int_member (home, "257") * 1000 + total / 2) / total;
    gint64 p258 = (json_object_get_int_member (home, "258") * 1000 + total / 2) / total;
    g_autofree char *label = g_strdup_printf ("Chart: 257 %d,%d %% and 258 %d,%d %% of the "
                                              "home-service money; Norway 2024: 257 53,4 %% "
                                              "and 258 46,6 %%", (int) p257 / 10,
                                              (int) p257 % 10, (int) p258 / 10, (int) p258 % 10);

    gtk_test_accessible_assert_property (template_child ("chart_area"),
                                         GTK_ACCESSIBLE_PROPERTY_LABEL, label);
  }
  g_assert_cmpuint (vv_split_get_findings (split)->len, ==,
                    json_array_get_length (json_object_get_array_member (json, "findings")));
  screenshot ("split-2023");
  if (g_getenv ("VV_SCREENSHOT_DIR") != NULL)
    {
      /* The whole page in one picture. */
      gtk_window_set_default_size (GTK_WINDOW (window), 1000, 2400);
      screenshot ("split-2023-full");
      gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
      vv_test_spin ();
    }
}

/* The first cell label with a tooltip in @root, or NULL. */
static GtkWidget *
cell_with_tooltip (GtkWidget *root)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_has_tooltip (root) &&
      *gtk_label_get_text (GTK_LABEL (root)) != '\0')
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = cell_with_tooltip (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Each cell offers the line as it stands in the file as its tooltip, asked
 * for when the tooltip is shown rather than set at every bind. */
static void
assert_cells_have_tooltips (void)
{
  GtkWidget *cell = cell_with_tooltip (template_child ("lines_view"));
  g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean shown = FALSE;

  g_assert_nonnull (cell);
  g_assert_null (gtk_widget_get_tooltip_text (cell));
  g_signal_emit_by_name (cell, "query-tooltip", 1, 1, FALSE, tooltip, &shown);
  g_assert_true (shown);
}

static void
test_drill_down (void)
{
  VvSplit *split = vv_ledger_page_get_split (page);
  GPtrArray *findings = vv_split_get_findings (split);
  GtkWidget *stack = template_child ("stack");
  guint checked = 0;

  g_assert_cmpuint (findings->len, >, 0);
  for (guint i = 0; i < findings->len; i++)
    {
      const VvSplitFinding *f = g_ptr_array_index (findings, i);
      GListModel *model;
      gint64 sum = 0;

      if (f->kind == VV_SPLIT_FINDING_REJECTED_LINE)
        continue;
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ledger.show-finding", "u",
                                                 i));
      g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "lines");
      /* The lines are looked up in a worker thread. */
      while (vv_ledger_page_get_lines_model (page) == NULL)
        g_main_context_iteration (NULL, TRUE);
      vv_test_spin ();
      model = vv_ledger_page_get_lines_model (page);
      g_test_message ("finding %u: %s, ansvar %s", i, f->code, f->ansvar);
      g_assert_nonnull (model);
      /* Exactly the finding's lines: same count, same money, its first line numbers. */
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, f->count);
      for (guint j = 0; j < g_list_model_get_n_items (model); j++)
        {
          g_autoptr(VvLedgerLineItem) item = g_list_model_get_item (model, j);
          const VvStoredLine *line = vv_ledger_line_item_get_line (item);

          sum += line->amount_ore;
          if (j < f->lines->len)
            g_assert_cmpuint (line->line_no, ==, g_array_index (f->lines, guint64, j));
          if (*f->ansvar != '\0' && f->kind != VV_SPLIT_FINDING_MIXED_YEARS)
            g_assert_cmpstr (line->ansvar, ==, f->ansvar);
        }
      g_assert_cmpint (sum, ==, f->amount_ore);
      if (checked++ == 0)
        {
          assert_cells_have_tooltips ();
          screenshot ("drill-down");
        }
      gtk_widget_activate_action (GTK_WIDGET (page), "ledger.back", NULL);
      vv_test_spin ();
    }
  g_assert_cmpuint (checked, >, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "split");
}

static void
test_lazy_model (void)
{
  g_autoptr(VvDb) db = vv_db_open (g_getenv ("VEIVISER_DB"), NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VvLedgerLineModel) model = NULL;
  g_autoptr(VvLedgerLineItem) last = NULL;
  VvSplit *split = vv_ledger_page_get_split (page);
  guint n;

  g_autoptr(GArray) line_nos = NULL;

  line_nos = vv_ledger_store_find_lines (db, vv_ledger_page_get_import_id (page), NULL, NULL,
                                         NULL, &error);
  g_assert_no_error (error);
  model = vv_ledger_line_model_new_lines (db, vv_ledger_page_get_import_id (page),
                                          (const guint64 *) line_nos->data, line_nos->len);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, vv_split_get_lines_read (split));
  /* Nothing is read until asked for, then one page of lines. */
  g_assert_cmpuint (vv_ledger_line_model_get_n_fetched (model), ==, 0);
  last = g_list_model_get_item (G_LIST_MODEL (model), n - 1);
  g_assert_nonnull (last);
  g_assert_cmpuint (vv_ledger_line_model_get_n_fetched (model), <=, 128);
  g_assert_cmpuint (vv_ledger_line_model_get_n_fetched (model), <, n);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), n));
}

static void
test_classify_with_guide (void)
{
  static const char *const answers[] = {
    "item=care_service", "municipal_responsibility=true", "service=home_health",
    "residence=shared_housing", "provider=attached_base", "user_age=52",
    "single_user_base=false", "shared_rota=false", "share_outside_percent=0",
  };
  VvWindow *win = vv_window_new (NULL, context);
  g_autoptr(VvDb) db = vv_db_open (g_getenv ("VEIVISER_DB"), NULL);
  g_autoptr(VvStoredUnit) unit = NULL;
  VvLedgerPage *ledger;
  GtkWidget *guide;
  VvSplit *split;
  gint64 h257, unassigned;

  gtk_window_present (GTK_WINDOW (win));
  vv_window_set_visible_page (win, "ledger");
  ledger = VV_LEDGER_PAGE (vv_window_get_page (win, "ledger"));
  guide = vv_window_get_page (win, "guide");
  g_assert_true (VV_IS_LEDGER_PAGE (ledger));
  /* The window's page shows the latest import of the database: sample-2023. */
  vv_test_wait_not_busy (ledger, 60000);
  split = vv_ledger_page_get_split (ledger);
  g_assert_nonnull (split);
  g_assert_cmpint (vv_split_get_year (split), ==, 2023);
  h257 = vv_split_get_home_257 (split);
  unassigned = vv_split_get_home_unassigned (split);
  g_assert_cmpint (unassigned, >, 0);
  g_assert_null (vv_ledger_store_get_unit (db, "4990", NULL));

  /* "Classify with the guide" switches to the guide; its result is applied to the unit. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ledger), "ledger.classify-unit", "s",
                                             "4990"));
  vv_test_spin ();
  g_assert_cmpstr (vv_window_get_visible_page (win), ==, "guide");
  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_assert_true (gtk_widget_activate_action (guide, "guide.answer", "s", answers[i]));
      vv_test_spin ();
    }
  g_assert_true (vv_guide_page_get_finished (VV_GUIDE_PAGE (guide)));
  vv_test_wait_not_busy (ledger, 60000);
  unit = vv_ledger_store_get_unit (db, "4990", NULL);
  g_assert_nonnull (unit);
  g_assert_cmpstr (unit->allocation, ==, "257:100");
  split = vv_ledger_page_get_split (ledger);
  g_assert_cmpint (vv_split_get_home_unassigned (split), ==, 0);
  g_assert_cmpint (vv_split_get_home_257 (split), ==, h257 + unassigned);
  gtk_window_destroy (GTK_WINDOW (win));
  vv_test_spin ();
}

static const VvSplitAnsvar *
find_ansvar (VvSplit    *split,
             const char *ansvar)
{
  GPtrArray *ansvars = vv_split_get_ansvars (split);

  for (guint i = 0; i < ansvars->len; i++)
    {
      const VvSplitAnsvar *a = g_ptr_array_index (ansvars, i);

      if (g_str_equal (a->ansvar, ansvar))
        return a;
    }
  return NULL;
}

/* Issue 14 item 8: a unit is classified, reclassified (with undo) and
 * renamed, and the figures change in place, without the busy page. */
/* Issue 14 items 7 and 10: Ctrl+F (win.find) opens the ledger's own search,
 * of the findings on the split and of the lines in the drill-down; a file
 * dropped on the window (win.import-file) opens the import assistant. */
static void
test_window_shortcuts (void)
{
  g_autofree char *ledger_csv = vv_test_ledger_fixture ("sample-2024.csv");
  VvWindow *win = vv_window_new (NULL, context);
  VvLedgerPage *ledger;
  GtkWidget *split_view, *lines_view, *bar;
  VvImportDialog *dialog = NULL;
  GList *toplevels;

  gtk_window_present (GTK_WINDOW (win));
  vv_window_set_visible_page (win, "ledger");
  ledger = VV_LEDGER_PAGE (vv_window_get_page (win, "ledger"));
  vv_test_wait_not_busy (ledger, 60000);
  split_view = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (ledger), VV_TYPE_LEDGER_PAGE,
                                                          "split_view"));
  lines_view = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (ledger), VV_TYPE_LEDGER_PAGE,
                                                          "lines_view"));

  bar = GTK_WIDGET (gtk_widget_get_template_child (split_view, VV_TYPE_LEDGER_SPLIT_VIEW,
                                                   "findings_search_bar"));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (bar)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.find", NULL));
  vv_test_spin ();
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (bar)));
  vv_ledger_split_view_search (VV_LEDGER_SPLIT_VIEW (split_view), "zzz-nothing-like-this");
  g_assert_cmpuint (vv_ledger_split_view_get_n_findings_shown (VV_LEDGER_SPLIT_VIEW (split_view)),
                    ==, 0);
  vv_ledger_split_view_search (VV_LEDGER_SPLIT_VIEW (split_view), "");
  g_assert_cmpuint (vv_ledger_split_view_get_n_findings_shown (VV_LEDGER_SPLIT_VIEW (split_view)),
                    ==, vv_split_get_findings (vv_ledger_page_get_split (ledger))->len);

  /* In the lines of a finding, Ctrl+F searches the lines. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ledger), "ledger.show-finding", "u", 0));
  while (vv_ledger_page_get_lines_model (ledger) == NULL)
    g_main_context_iteration (NULL, TRUE);
  vv_test_spin ();
  bar = GTK_WIDGET (gtk_widget_get_template_child (lines_view, VV_TYPE_LEDGER_LINES_VIEW,
                                                   "search_bar"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.find", NULL));
  vv_test_spin ();
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (bar)));
  vv_ledger_lines_view_search (VV_LEDGER_LINES_VIEW (lines_view), "zzz-nothing-like-this");
  while (vv_ledger_lines_view_get_n_shown (VV_LEDGER_LINES_VIEW (lines_view)) != 0)
    g_main_context_iteration (NULL, TRUE);
  vv_ledger_lines_view_search (VV_LEDGER_LINES_VIEW (lines_view), "");
  g_assert_cmpuint (vv_ledger_lines_view_get_n_shown (VV_LEDGER_LINES_VIEW (lines_view)), ==,
                    g_list_model_get_n_items (vv_ledger_page_get_lines_model (ledger)));
  gtk_widget_activate_action (GTK_WIDGET (ledger), "ledger.back", NULL);

  /* A dropped file: the window shows the ledger and its import assistant. */
  vv_window_set_visible_page (win, "guide");
  vv_test_spin ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.import-file", "s",
                                             ledger_csv));
  vv_test_spin ();
  g_assert_cmpstr (vv_window_get_visible_page (win), ==, "ledger");
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (VV_IS_IMPORT_DIALOG (l->data))
      dialog = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (vv_import_dialog_get_path (dialog), ==, ledger_csv);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (win));
  vv_test_spin ();
}

static void
test_assign_unit (void)
{
  VvSplit *split = vv_ledger_page_get_split (page);
  g_autoptr(GError) error = NULL;
  const VvSplitAnsvar *a = find_ansvar (split, "4990");
  AdwMessageDialog *dialog;
  gint64 money, h257, h258;

  g_assert_nonnull (a);
  money = a->home_ore;
  g_assert_cmpint (money, !=, 0);

  /* A bad Fordeling is refused with a message naming the problem. */
  g_assert_false (vv_ledger_page_assign_unit (page, "4990", "257:80 258:10", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_true (vv_ledger_page_assign_unit (page, "4990", "257:100", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (template_child ("stack"))), ==,
                   "split");
  vv_test_wait_not_busy (page, 60000);
  split = vv_ledger_page_get_split (page);
  h257 = vv_split_get_home_257 (split);
  h258 = vv_split_get_home_258 (split);

  /* Reclassified: the money moves, in place. */
  g_assert_true (vv_ledger_page_assign_unit (page, "4990", "258:100", &error));
  g_assert_no_error (error);
  g_assert_true (vv_ledger_page_get_busy (page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (template_child ("stack"))), ==,
                   "split");
  vv_test_wait_not_busy (page, 60000);
  split = vv_ledger_page_get_split (page);
  g_assert_cmpint (vv_split_get_home_257 (split), ==, h257 - money);
  g_assert_cmpint (vv_split_get_home_258 (split), ==, h258 + money);
  g_assert_cmpstr (amount_of_label ("home_258_label"), ==, kr (h258 + money));

  /* Undone: as it was. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ledger.undo-unit", NULL));
  vv_test_wait_not_busy (page, 60000);
  split = vv_ledger_page_get_split (page);
  g_assert_cmpint (vv_split_get_home_257 (split), ==, h257);
  g_assert_cmpint (vv_split_get_home_258 (split), ==, h258);

  /* Renamed through the unit dialog; its split stays. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ledger.edit-unit", "s", "4990"));
  vv_test_spin ();
  dialog = vv_test_find_message_dialog (NULL);
  g_assert_nonnull (dialog);
  screenshot ("dialog-unit");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "name"), "Nattpatruljen");
  adw_message_dialog_response (dialog, "apply");
  gtk_window_destroy (GTK_WINDOW (dialog));
  vv_test_wait_not_busy (page, 60000);
  split = vv_ledger_page_get_split (page);
  g_assert_cmpstr (find_ansvar (split, "4990")->unit_name, ==, "Nattpatruljen");
  g_assert_cmpint (vv_split_get_home_257 (split), ==, h257);
}

/* The same file again: one dialog offers to show the earlier import or to
 * replace it. */
static void
test_duplicate (void)
{
  g_autofree char *ledger = vv_test_ledger_fixture ("sample-2023.csv");
  guint before = count_imports ();
  gint64 id = vv_ledger_page_get_import_id (page);
  AdwMessageDialog *dialog;

  vv_ledger_page_import (page, ledger, NULL, NULL);
  vv_test_wait_not_busy (page, 60000);
  g_assert_false (report.import_ok);
  g_assert_nonnull (report.import_message);
  g_assert_nonnull (strstr (report.import_message, "sample-2023.csv"));
  g_assert_cmpuint (count_imports (), ==, before);
  g_assert_cmpint (vv_ledger_page_get_import_id (page), ==, id);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (template_child ("stack"))), ==,
                   "split");
  dialog = vv_test_find_message_dialog (NULL);
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "show"));
  g_assert_true (adw_message_dialog_has_response (dialog, "replace"));
  screenshot ("dialog-duplicate");
  adw_message_dialog_response (dialog, "show");
  gtk_window_destroy (GTK_WINDOW (dialog));
  vv_test_wait_not_busy (page, 60000);
  g_assert_cmpint (vv_ledger_page_get_import_id (page), ==, id);

  /* Replaced: still one import of those bytes, the new one shown. */
  vv_ledger_page_import (page, ledger, NULL, NULL);
  vv_test_wait_not_busy (page, 60000);
  dialog = vv_test_find_message_dialog (NULL);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "replace");
  gtk_window_destroy (GTK_WINDOW (dialog));
  vv_test_spin ();
  vv_test_wait_not_busy (page, 60000);
  g_assert_true (report.import_ok);
  g_assert_cmpuint (count_imports (), ==, before);
  g_assert_cmpint (vv_ledger_page_get_import_id (page), >, 0);
  g_assert_cmpint (vv_split_get_year (vv_ledger_page_get_split (page)), ==, 2023);
}

static void
test_cancel (void)
{
  const char *shared = g_getenv ("VEIVISER_SHARED_DIR");
  g_autofree char *kostra = g_build_filename (shared, "data", "0A_V2019_K4_R040200_OK.dat", NULL);
  guint before = count_imports ();
  gint64 id = vv_ledger_page_get_import_id (page);

  vv_ledger_page_import (page, kostra, NULL, NULL);
  g_assert_true (vv_ledger_page_get_busy (page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ledger.cancel", NULL));
  vv_test_wait_not_busy (page, 60000);
  g_assert_false (report.import_ok);
  g_assert_cmpuint (count_imports (), ==, before);
  g_assert_cmpint (vv_ledger_page_get_import_id (page), ==, id);
}

static void
test_kostra (void)
{
  const char *shared = g_getenv ("VEIVISER_SHARED_DIR");
  g_autofree char *kostra = g_build_filename (shared, "data", "0A_V2019_K4_R040200_OK.dat", NULL);
  GtkWidget *functions = template_child ("functions_list");
  GtkWidget *row;

  g_assert_true (g_file_test (kostra, G_FILE_TEST_EXISTS));
  vv_ledger_page_import (page, kostra, NULL, NULL);
  vv_test_wait_not_busy (page, 60000);
  g_assert_cmpstr (report.import_message, ==, NULL);
  g_assert_true (report.import_ok);
  g_assert_cmpint (vv_split_get_booked (vv_ledger_page_get_split (page), 254), ==,
                   G_GINT64_CONSTANT (24108900000));
  row = vv_test_find_by_name (functions, "254");
  g_assert_nonnull (row);
  g_assert_cmpstr (amount_in (row), ==, "241 089 000,00 kr");
  row = vv_test_find_by_name (functions, "253");
  g_assert_nonnull (row);
  g_assert_cmpstr (amount_in (row), ==, "168 496 000,00 kr");
  screenshot ("kostra");
}

static void
test_import_dialog (void)
{
  g_autofree char *ledger = vv_test_ledger_fixture ("sample-2024.csv");
  g_autoptr(VvDb) db = vv_db_open (g_getenv ("VEIVISER_DB"), NULL);
  g_autoptr(GError) error = NULL;
  VvImportDialog *dialog;
  VvLedgerReader *reader;
  g_autofree char *mapping = NULL;
  int amount_col, text_col;

  dialog = vv_import_dialog_new (vv_ledger_page_get_session (page), ledger, &error);
  g_assert_no_error (error);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (dialog));
  vv_test_spin ();
  reader = vv_import_dialog_get_reader (dialog);
  g_assert_cmpint (vv_ledger_reader_get_format (reader), ==, VV_LEDGER_FORMAT_CSV);
  g_assert_cmpint (vv_ledger_reader_get_separator (reader), ==, ';');
  g_assert_cmpint (vv_ledger_reader_get_decimal_mark (reader), ==, ',');
  g_assert_cmpuint (vv_import_dialog_get_n_preview_lines (dialog), ==, 50);
  g_assert_cmpuint (vv_import_dialog_get_n_preview_rejects (dialog), ==, 0);
  g_assert_false (vv_import_dialog_get_mapping_applied (dialog));
  screenshot ("dialog-import");

  /* Amount read from the text column: the preview re-parses and rejects lines. */
  amount_col = vv_ledger_reader_get_column (reader, VV_LEDGER_COLUMN_AMOUNT);
  text_col = vv_ledger_reader_get_column (reader, VV_LEDGER_COLUMN_TEXT);
  g_assert_cmpint (amount_col, >=, 0);
  g_assert_cmpint (text_col, >=, 0);
  vv_import_dialog_set_column (dialog, VV_LEDGER_COLUMN_AMOUNT, text_col);
  vv_test_spin ();
  g_assert_cmpint (vv_ledger_reader_get_column (reader, VV_LEDGER_COLUMN_AMOUNT), ==, text_col);
  g_assert_cmpuint (vv_import_dialog_get_n_preview_rejects (dialog), >, 0);
  screenshot ("dialog-rejects");
  vv_import_dialog_set_column (dialog, VV_LEDGER_COLUMN_AMOUNT, amount_col);
  vv_test_spin ();
  g_assert_cmpuint (vv_import_dialog_get_n_preview_rejects (dialog), ==, 0);

  /* A mapping stored for the layout is applied to the next file of that layout. */
  vv_import_dialog_set_column (dialog, VV_LEDGER_COLUMN_TEXT, 2);
  vv_test_spin ();
  mapping = vv_ledger_mapping_from_reader (reader);
  g_assert_true (vv_ledger_store_set_mapping (db, vv_ledger_reader_get_layout_key (reader),
                                              mapping, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);

  dialog = vv_import_dialog_new (vv_ledger_page_get_session (page), ledger, &error);
  g_assert_no_error (error);
  g_assert_true (vv_import_dialog_get_mapping_applied (dialog));
  g_assert_cmpint (vv_ledger_reader_get_column (vv_import_dialog_get_reader (dialog),
                                                VV_LEDGER_COLUMN_TEXT), ==, 2);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  vv_test_spin ();
}

static void
test_exports (void)
{
  g_autofree char *csv_path = g_build_filename (vv_test_data_home (), "split.csv", NULL);
  g_autofree char *pdf_path = g_build_filename (vv_test_data_home (), "split.pdf", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(GFile) pdf = g_file_new_for_path (pdf_path);
  g_autofree char *data = NULL;
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  g_clear_pointer (&report.export_path, g_free);
  vv_ledger_page_export_csv (page, csv);
  while (report.export_path == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (report.export_path, ==, csv_path);
  g_assert_true (g_file_get_contents (csv_path, &data, NULL, NULL));
  g_assert_true (g_str_has_prefix (data, "Section;Code;Name;Amount;Share;Lines;Message\r\n"));
  g_assert_nonnull (strstr (data, "\r\nbooked;254;"));
  g_clear_pointer (&data, g_free);

  g_clear_pointer (&report.export_path, g_free);
  vv_ledger_page_export_pdf (page, pdf);
  while (report.export_path == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (report.export_path, ==, pdf_path);
  g_assert_true (g_file_get_contents (pdf_path, &data, NULL, NULL));
  g_assert_true (g_str_has_prefix (data, "%PDF-"));
  g_unlink (csv_path);
  g_unlink (pdf_path);
}

static void
close_message_dialogs (void)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      gtk_window_destroy (l->data);
  g_list_free (toplevels);
  vv_test_spin ();
}

/* The "Imported Ledgers" menu: its items, by the ids they show. */
static GArray *
menu_import_ids (void)
{
  GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (template_child ("imports_button")));
  GMenuModel *list;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_nonnull (menu);
  list = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  g_assert_nonnull (list);
  for (int i = 0; i < g_menu_model_get_n_items (list); i++)
    {
      g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (list, i, "target",
                                                                          G_VARIANT_TYPE_INT64);
      g_autofree char *action = NULL;
      gint64 id;

      g_assert_true (g_menu_model_get_item_attribute (list, i, "action", "s", &action));
      g_assert_cmpstr (action, ==, "ledger.show-import");
      g_assert_nonnull (target);
      id = g_variant_get_int64 (target);
      g_array_append_val (ids, id);
    }
  g_object_unref (list);
  return ids;
}

/* Every stored import is in the menu, newest first; choosing one shows it,
 * and "Delete This Import…" removes the one shown once confirmed. */
static void
test_imports_menu (void)
{
  g_autoptr(VvDb) db = vv_db_open (g_getenv ("VEIVISER_DB"), NULL);
  g_autoptr(GPtrArray) imports = vv_ledger_store_list_imports (db, NULL);
  g_autoptr(GArray) ids = menu_import_ids ();
  g_autoptr(GArray) after = NULL;
  AdwMessageDialog *dialog;
  gint64 oldest, shown;
  guint before = imports->len;

  g_assert_cmpuint (before, >=, 2);
  g_assert_cmpuint (ids->len, ==, before);
  for (guint i = 0; i < before; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==,
                     ((VvLedgerImport *) g_ptr_array_index (imports, i))->id);

  /* Show the oldest import. */
  oldest = g_array_index (ids, gint64, ids->len - 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ledger.show-import", "x",
                                             oldest));
  vv_test_wait_not_busy (page, 60000);
  g_assert_true (report.import_ok);
  g_assert_cmpint (vv_ledger_page_get_import_id (page), ==, oldest);

  /* Delete it: asked first; cancelling keeps it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ledger.delete-import", NULL));
  vv_test_spin ();
  dialog = vv_test_find_message_dialog (NULL);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  close_message_dialogs ();
  g_assert_cmpuint (count_imports (), ==, before);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ledger.delete-import", NULL));
  vv_test_spin ();
  dialog = vv_test_find_message_dialog (NULL);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "delete");
  close_message_dialogs ();
  vv_test_wait_not_busy (page, 60000);
  g_assert_cmpuint (count_imports (), ==, before - 1);
  /* The newest one left is shown, and the menu no longer lists the deleted one. */
  shown = vv_ledger_page_get_import_id (page);
  g_assert_cmpint (shown, ==, g_array_index (ids, gint64, 0));
  after = menu_import_ids ();
  g_assert_cmpuint (after->len, ==, before - 1);
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpint (g_array_index (after, gint64, i), !=, oldest);
}

static void
test_rejects_undo (void)
{
  g_autofree char *path = g_build_filename (vv_test_data_home (), "with-bad-lines.csv", NULL);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog = NULL;
  GList *toplevels;
  guint before = count_imports ();
  gint64 id = vv_ledger_page_get_import_id (page);
  const char *csv =
    "Periode;Ansvar;Tjeneste;Art;Tekst;Beløp\n"
    "202301;4101;25410;010;Fastlønn;1 000,00\n"
    "202301;4101;25410;010;Fastlønn;tusen kroner\n"
    "202302;4200;25410;010;Fastlønn;2 000,00\n";

  g_assert_true (g_file_set_contents (path, csv, -1, &error));
  g_assert_no_error (error);
  vv_ledger_page_import (page, path, NULL, NULL);
  vv_test_wait_not_busy (page, 60000);
  g_assert_cmpstr (report.import_message, ==, NULL);
  g_assert_true (report.import_ok);
  g_assert_cmpuint (count_imports (), ==, before + 1);
  g_assert_cmpuint (vv_split_get_lines_read (vv_ledger_page_get_split (page)), ==, 2);
  g_assert_cmpuint (vv_split_get_lines_rejected (vv_ledger_page_get_split (page)), ==, 1);

  /* The user is told which line was skipped and may undo the import. */
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      dialog = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (vv_message_dialog_get_body (dialog), "Line 3"));
  screenshot ("dialog-rejected-lines");
  adw_message_dialog_response (dialog, "undo");
  gtk_window_destroy (GTK_WINDOW (dialog));
  vv_test_wait_not_busy (page, 60000);
  g_assert_cmpuint (count_imports (), ==, before);
  g_assert_cmpint (vv_ledger_page_get_import_id (page), ==, id);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db_path = NULL;
  int ret;

  if (!vv_test_ui_init (&argc, &argv, "en"))
    return 77;
  /* The cases share one database, opened by the page and by the helpers. */
  db_path = g_build_filename (vv_test_data_home (), "veiviser.db", NULL);
  g_setenv ("VEIVISER_DB", db_path, TRUE);

  page = VV_LEDGER_PAGE (vv_ledger_page_new ());
  window = vv_test_window_new (GTK_WIDGET (page), 1000, 800);
  context = vv_context_new (NULL, NULL, db_path);
  vv_ledger_page_set_context (page, context);
  vv_test_ledger_watch (page, &report);

  /* The cases share one window and database, in this order. */
  g_test_add_func ("/ui-ledger/first-start", test_first_start);
  g_test_add_func ("/ui-ledger/sample-apart", test_sample_apart);
  g_test_add_func ("/ui-ledger/import-matches-cli", test_import_matches_cli);
  g_test_add_func ("/ui-ledger/drill-down", test_drill_down);
  g_test_add_func ("/ui-ledger/lazy-model", test_lazy_model);
  g_test_add_func ("/ui-ledger/classify-with-guide", test_classify_with_guide);
  g_test_add_func ("/ui-ledger/window-shortcuts", test_window_shortcuts);
  g_test_add_func ("/ui-ledger/assign-unit", test_assign_unit);
  g_test_add_func ("/ui-ledger/duplicate", test_duplicate);
  g_test_add_func ("/ui-ledger/cancel", test_cancel);
  g_test_add_func ("/ui-ledger/rejects-undo", test_rejects_undo);
  g_test_add_func ("/ui-ledger/kostra", test_kostra);
  g_test_add_func ("/ui-ledger/import-dialog", test_import_dialog);
  g_test_add_func ("/ui-ledger/exports", test_exports);
  g_test_add_func ("/ui-ledger/imports-menu", test_imports_menu);
  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  vv_test_spin ();
  g_clear_object (&context);
  vv_test_ledger_report_clear (&report);
  return vv_test_ui_finish (ret);
}
