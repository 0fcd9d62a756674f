/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-import"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-sheet-util.h"
#include "test-ui-util.h"
#include "vv-format.h"
#include "vv-import-dialog.h"
#include "vv-ledger-page.h"
#include "vv-ledger-reader.h"
#include "vv-ledger-session.h"
#include "vv-ledger-store.h"

/* The import dialog asks what a real export leaves open (issue 13): the
 * year of a file holding several, which of several amount columns, kroner
 * or 1000 kr. Import stays off with the reason until it is chosen, and what
 * was chosen is what is imported, and recorded with the import. Each case
 * goes the user's way: the page opens the dialog, a row is chosen, Import
 * is pressed; the lines stored are summed to the øre. */

static GtkWidget *window;
static VvLedgerPage *page;
static VvContext *context;

typedef struct
{
  gint64  total;
  guint   n;
  int     other_year;
} Sum;

/* helpers */

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "ledger", "import", name, NULL);
}

static gboolean
page_idle (gpointer data)
{
  return !vv_ledger_page_get_busy (page);
}

static gboolean
object_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
dialog_idle (gpointer data)
{
  return !vv_import_dialog_get_busy (data);
}


/* Saves @w as import-LANG-WIDTH-@name.png under VV_SCREENSHOT_DIR. */
static void
screenshot (const char *name,
            GtkWidget  *w)
{
  const char *lang = g_getenv ("LANGUAGE");
  g_autofree char *file = g_strdup_printf ("import-%s-%d-%s", lang != NULL ? lang : "en",
                                           gtk_widget_get_width (w), name);

  vv_test_save_screenshot (w, file);
}

/* Writes @text to @name in the test's data home; returns the path. */
static char *
write_file (const char *name,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (vv_test_data_home (), name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
  return path;
}

/* @lines (a NULL-terminated CSV) as rows for test-sheet-util.h */
static GPtrArray *
sheet_rows (const char *const *lines)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 0; lines[i] != NULL; i++)
    g_ptr_array_add (rows, test_split_csv_line (lines[i]));
  return rows;
}

/* Opens @path through the page, as a user does, and waits for the dialog
 * to have read the whole file. */
static VvImportDialog *
find_dialog (void)
{
  VvImportDialog *dialog = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (VV_IS_IMPORT_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      dialog = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (dialog);
  return dialog;
}

static VvImportDialog *
open_dialog_path (const char *path)
{
  VvImportDialog *dialog;

  vv_ledger_page_open_import (page, path);
  vv_test_spin ();
  dialog = find_dialog ();
  if (g_getenv ("VEIVISER_SHOT_WIDTH") != NULL)
    gtk_window_set_default_size (GTK_WINDOW (dialog), atoi (g_getenv ("VEIVISER_SHOT_WIDTH")),
                                 720);
  g_assert_true (vv_test_wait_for (dialog_idle, dialog, 30000));
  vv_test_spin ();
  return dialog;
}

static VvImportDialog *
open_dialog (const char *name)
{
  g_autofree char *path = fixture (name);

  return open_dialog_path (path);
}

static AdwComboRow *
dialog_row (VvImportDialog *dialog,
            const char     *name)
{
  return ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                       VV_TYPE_IMPORT_DIALOG, name));
}

static gboolean
can_import (VvImportDialog *dialog)
{
  GObject *button = gtk_widget_get_template_child (GTK_WIDGET (dialog), VV_TYPE_IMPORT_DIALOG,
                                                   "import_button");

  return gtk_widget_is_sensitive (GTK_WIDGET (button));
}

/* The items of @row's list, joined by "|". */
static char *
row_items (AdwComboRow *row)
{
  GListModel *model = adw_combo_row_get_model (row);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_string_append_printf (s, "%s%s", i ? "|" : "",
                            gtk_string_list_get_string (GTK_STRING_LIST (model), i));
  return g_string_free (s, FALSE);
}

/* Picks the item of @row reading @text, and waits for the survey. */
static void
choose (VvImportDialog *dialog,
        const char     *row_name,
        const char     *text)
{
  AdwComboRow *row = dialog_row (dialog, row_name);
  GListModel *model = adw_combo_row_get_model (row);
  guint i;

  for (i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text) == 0)
      break;
  g_assert_cmpuint (i, <, g_list_model_get_n_items (model));
  adw_combo_row_set_selected (row, i);
  g_assert_true (vv_test_wait_for (dialog_idle, dialog, 30000));
  vv_test_spin ();
}

static gboolean
sum_line_cb (const VvLedgerLine *line,
             gpointer            user_data)
{
  Sum *sum = user_data;

  sum->total += line->amount_ore;
  sum->n++;
  if (line->year != 2024)
    sum->other_year = line->year;
  return TRUE;
}

/* Presses Import and sums the lines stored; returns the import. */
static VvLedgerImport *
import (VvImportDialog *dialog,
        Sum            *sum)
{
  VvLedgerSession *session = vv_ledger_page_get_session (page);
  g_autoptr(GError) error = NULL;
  VvLedgerImport *imported;

  g_assert_true (can_import (dialog));
  g_assert_null (vv_import_dialog_get_import_reason (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
  g_assert_true (vv_test_wait_for (page_idle, NULL, 60000));
  vv_test_spin ();
  g_assert_null (vv_test_find_message_dialog (NULL));
  /* the file imported is shown, not the sample (its import ids are its own) */
  g_assert_false (vv_ledger_session_get_sample (session));
  g_assert_cmpint (vv_ledger_page_get_import_id (page), >, 0);
  imported = vv_ledger_store_get_import (vv_ledger_session_get_db (session),
                                         vv_ledger_page_get_import_id (page), &error);
  g_assert_no_error (error);
  g_assert_nonnull (imported);
  *sum = (Sum) { 0, };
  g_assert_true (vv_ledger_store_foreach_line (vv_ledger_session_get_db (session), imported->id,
                                               sum_line_cb, sum, NULL, &error));
  g_assert_no_error (error);
  return imported;
}

static void
forget (VvLedgerImport *imported)
{
  g_autoptr(GError) error = NULL;

  /* the same file again would be a duplicate */
  g_assert_true (vv_ledger_page_delete_import (page, imported->id, &error));
  g_assert_no_error (error);
  g_assert_true (vv_test_wait_for (page_idle, NULL, 60000));
  vv_ledger_import_free (imported);
  vv_test_spin ();
}

/* tests */

static void
test_several_years (void)
{
  VvImportDialog *dialog = open_dialog ("several-years.csv");
  AdwComboRow *year_row = dialog_row (dialog, "year_choice_row");
  g_autofree char *items = row_items (year_row);
  g_autofree char *want = g_strconcat (_("Not chosen"), "|2023|2024", NULL);
  VvLedgerImport *imported;
  Sum sum;

  /* the years found, none taken for the user */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (year_row)));
  g_assert_cmpstr (items, ==, want);
  g_assert_cmpuint (adw_combo_row_get_selected (year_row), ==, 0);
  g_assert_false (can_import (dialog));
  g_assert_cmpstr (vv_import_dialog_get_import_reason (dialog), ==,
                   _("The file holds several years: choose the one to import."));
  screenshot ("years", GTK_WIDGET (dialog));

  choose (dialog, "year_choice_row", "2024");
  g_assert_cmpint (vv_ledger_reader_get_year (vv_import_dialog_get_reader (dialog)), ==, 2024);
  screenshot ("year-chosen", GTK_WIDGET (dialog));
  imported = import (dialog, &sum);
  g_assert_cmpuint (sum.n, ==, 3);
  g_assert_cmpint (sum.other_year, ==, 0);
  g_assert_cmpint (sum.total, ==, 19876545);          /* 198 765,45 kr */
  g_assert_cmpint (imported->year, ==, 2024);
  g_assert_cmpuint (imported->lines, ==, 3);
  forget (imported);
}

static void
test_several_regions (void)
{
  VvImportDialog *dialog = open_dialog ("several-regions.csv");
  AdwComboRow *row = dialog_row (dialog, "region_choice_row");
  g_autofree char *items = row_items (row);
  g_autofree char *want = g_strconcat (_("Not chosen"), "|4601|4602", NULL);
  VvLedgerImport *imported;
  Sum sum;

  /* 4602 and 460200 are one municipality */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
  g_assert_cmpstr (items, ==, want);
  g_assert_false (can_import (dialog));
  g_assert_cmpstr (vv_import_dialog_get_import_reason (dialog), ==,
                   _("The file holds several regions: choose the one to import."));
  choose (dialog, "region_choice_row", "4602");
  imported = import (dialog, &sum);
  g_assert_cmpuint (sum.n, ==, 2);
  g_assert_cmpint (sum.total, ==, 20000050);          /* 200 000,50 kr */
  g_assert_cmpstr (imported->region, ==, "4602");
  forget (imported);
}

static void
test_amount_columns (void)
{
  static const struct {
    const char *column;
    gint64      total;
  } cases[] = {
    { "Regnskap", 19876545 },           /* 198 765,45 */
    { "Budsjett", 19900000 },           /* 199 000,00 */
    { "Revidert budsjett", 19890050 },  /* 198 900,50 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      VvImportDialog *dialog = open_dialog ("amount-columns.csv");
      AdwComboRow *row = dialog_row (dialog, "amount_choice_row");
      g_autofree char *items = row_items (row);
      g_autofree char *want = g_strconcat (_("Not chosen"), "|Regnskap|Budsjett|Revidert budsjett",
                                           NULL);
      VvLedgerImport *imported;
      Sum sum;

      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
      g_assert_cmpstr (items, ==, want);
      if (i == 0)
        screenshot ("amount-columns", GTK_WIDGET (dialog));
      choose (dialog, "amount_choice_row", cases[i].column);
      imported = import (dialog, &sum);
      g_assert_cmpuint (sum.n, ==, 3);
      g_assert_cmpint (sum.total, ==, cases[i].total);
      g_assert_cmpstr (imported->amount_column, ==, cases[i].column);
      forget (imported);
    }
}

static void
test_thousands (void)
{
  static const struct {
    const char *unit;
    const char *stored;
    gint64      total;
  } cases[] = {
    { N_("Thousand kroner (1000 kr)"), "1000kr", G_GINT64_CONSTANT (2708800000) },
    { N_("Kroner (kr)"), "kr", 2708800 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      VvImportDialog *dialog = open_dialog ("thousands.csv");
      AdwComboRow *row = dialog_row (dialog, "unit_choice_row");
      VvLedgerImport *imported;
      Sum sum;

      /* whole numbers with no ansvar: asked, not guessed */
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
      g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
      g_assert_false (can_import (dialog));
      g_assert_cmpstr (vv_import_dialog_get_import_reason (dialog), ==,
                       _("Choose whether the amounts are kroner or thousand kroner."));
      if (i == 0)
        screenshot ("unit", GTK_WIDGET (dialog));
      choose (dialog, "unit_choice_row", _(cases[i].unit));
      imported = import (dialog, &sum);
      g_assert_cmpuint (sum.n, ==, 3);
      g_assert_cmpint (sum.total, ==, cases[i].total);
      g_assert_cmpstr (imported->unit, ==, cases[i].stored);
      g_assert_cmpstr (imported->region, ==, "460100");
      forget (imported);
    }
}

/* Local service codes are read by their first three digits, and the dialog
 * says so; functions only makes them lines that cannot be read. */
static void
test_function_codes (void)
{
  VvImportDialog *dialog = open_dialog ("local-art-codes.csv");
  AdwComboRow *row = dialog_row (dialog, "function_code_row");

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "25410"));
  g_assert_cmpuint (vv_import_dialog_get_n_preview_rejects (dialog), ==, 0);
  screenshot ("function-codes", GTK_WIDGET (dialog));
  choose (dialog, "function_code_row", _("KOSTRA functions only"));
  g_assert_cmpuint (vv_import_dialog_get_n_preview_rejects (dialog), ==, 5);
  gtk_window_destroy (GTK_WINDOW (dialog));
  vv_test_spin ();
}

/* A file of KOSTRA functions alone has nothing to ask about function codes:
 * no row says how it was read. */
static void
test_function_codes_plain (void)
{
  VvImportDialog *dialog = open_dialog ("several-years.csv");
  AdwComboRow *row = dialog_row (dialog, "function_code_row");

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (row)));
  choose (dialog, "year_choice_row", "2024");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (row)));
  g_assert_true (can_import (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  vv_test_spin ();
}

/* Service codes past the lines the preview looks at: the survey of the
 * whole file meets them, and the row shows with its choices; they are read
 * by their first three digits, as imported. */
static void
test_function_codes_late (void)
{
  GString *text = g_string_new ("År;Ansvar;Funksjon;Art;Beløp\n");
  g_autofree char *path = NULL;
  g_autofree char *items = NULL;
  g_autofree char *want = g_strjoin ("|", _("Automatic"), _("KOSTRA functions only"),
                                     _("Service codes: the first three digits"), NULL);
  VvImportDialog *dialog;
  AdwComboRow *row;
  VvLedgerImport *imported;
  Sum sum;

  for (guint i = 0; i < 300; i++)
    g_string_append (text, "2024;4101;257;010;1 000,01\n");
  g_string_append (text, "2024;4200;25710;010;-0,07\n"
                         "2024;4200;25810;010;2 500,00\n");
  path = write_file ("late-service-codes.csv", text->str);
  g_string_free (text, TRUE);

  dialog = open_dialog_path (path);
  row = dialog_row (dialog, "function_code_row");
  items = row_items (row);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
  g_assert_cmpstr (items, ==, want);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "25710"));
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 2);
  imported = import (dialog, &sum);
  g_assert_cmpuint (sum.n, ==, 302);
  g_assert_cmpint (sum.total, ==, 300 * 100001 - 7 + 250000);
  g_assert_cmpuint (imported->lines_service_code, ==, 2);
  forget (imported);
}

/* Two ledgers in one workbook: which one is asked, not guessed, and the
 * one chosen is what is imported, to the øre. */
static void
test_sheets (void)
{
  static const char *const drift[] = {
    "År;Ansvar;Funksjon;Art;Tekst;Beløp",
    "2024;4101;257;010;Lønn;120 000,01",
    "2024;4200;258;010;Lønn;80 000,00",
    "2024;4200;258;190;Husleie;-1 234,56",
    NULL
  };
  static const char *const investering[] = {
    "År;Ansvar;Funksjon;Art;Tekst;Beløp",
    "2024;4101;257;200;Inventar;45 000,50",
    "2024;4200;258;200;Bil;300 000,07",
    NULL
  };
  g_autoptr(GPtrArray) drift_rows = sheet_rows (drift);
  g_autoptr(GPtrArray) investering_rows = sheet_rows (investering);
  const TestSheet sheets[] = {
    { "Drift", drift_rows, NULL }, { "Investering", investering_rows, NULL }
  };
  static const struct {
    const char *sheet;
    guint       n;
    gint64      total;
  } cases[] = {
    { "Investering", 2, 34500057 },     /* 345 000,57 kr */
    { "Drift", 3, 19876545 },           /* 198 765,45 kr */
  };
  char *books[] = {
    g_build_filename (vv_test_data_home (), "two-ledgers.xlsx", NULL),
    g_build_filename (vv_test_data_home (), "two-ledgers.ods", NULL),
  };
  g_autofree char *want = g_strjoin ("|", _("Not chosen"), "Drift", "Investering", NULL);

  test_write_xlsx (books[0], sheets, G_N_ELEMENTS (sheets), FALSE, 0);
  test_write_ods (books[1], sheets, G_N_ELEMENTS (sheets), 0);
  for (guint b = 0; b < G_N_ELEMENTS (books); b++)
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        VvImportDialog *dialog = open_dialog_path (books[b]);
        AdwComboRow *row = dialog_row (dialog, "sheet_choice_row");
        g_autofree char *items = row_items (row);
        VvLedgerImport *imported;
        Sum sum;

        g_test_message ("%s, sheet %s", books[b], cases[i].sheet);
        g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
        g_assert_cmpstr (items, ==, want);
        g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
        g_assert_false (can_import (dialog));
        g_assert_cmpstr (vv_import_dialog_get_import_reason (dialog), ==,
                         _("Choose the sheet to import."));
        if (b == 0 && i == 0)
          screenshot ("sheets", GTK_WIDGET (dialog));
        choose (dialog, "sheet_choice_row", cases[i].sheet);
        g_assert_cmpuint (adw_combo_row_get_selected (row), ==, i == 0 ? 2 : 1);
        imported = import (dialog, &sum);
        g_assert_cmpuint (sum.n, ==, cases[i].n);
        g_assert_cmpint (sum.total, ==, cases[i].total);
        g_assert_cmpint (imported->year, ==, 2024);
        forget (imported);
      }
  for (guint b = 0; b < G_N_ELEMENTS (books); b++)
    {
      g_unlink (books[b]);
      g_free (books[b]);
    }
}

/* One amount column per year, by a bare year or a year in the header: the
 * column is asked, and the one chosen gives its year and its total. */
static void
test_wide_years (void)
{
  static const struct {
    const char *file;
    const char *text;
    const char *items;
  } layouts[] = {
    { "wide-years.csv",
      "Ansvar;Funksjon;Art;2023;2024\n"
      "4101;254;010;100 000,00;120 000,01\n"
      "4200;254;010;70 000,00;80 000,00\n"
      "4200;254;190;-1 000,50;-1 234,56\n",
      "2023|2024" },
    { "wide-rekneskap.csv",
      "Ansvar;Teneste;Art;regnskap_2023;regnskap_2024\n"
      "4101;254;010;100 000,00;120 000,01\n"
      "4200;254;010;70 000,00;80 000,00\n"
      "4200;254;190;-1 000,50;-1 234,56\n",
      "regnskap_2023|regnskap_2024" },
  };
  static const struct {
    int    year;
    gint64 total;
  } cases[] = {
    { 2023, 16899950 },                 /* 168 999,50 kr */
    { 2024, 19876545 },                 /* 198 765,45 kr */
  };

  for (guint l = 0; l < G_N_ELEMENTS (layouts); l++)
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *path = write_file (layouts[l].file, layouts[l].text);
        VvImportDialog *dialog = open_dialog_path (path);
        AdwComboRow *row = dialog_row (dialog, "amount_choice_row");
        g_autofree char *items = row_items (row);
        g_autofree char *want = g_strjoin ("|", _("Not chosen"), layouts[l].items, NULL);
        g_auto(GStrv) headers = g_strsplit (layouts[l].items, "|", -1);
        VvLedgerImport *imported;
        Sum sum;

        g_test_message ("%s, %d", layouts[l].file, cases[i].year);
        g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
        g_assert_cmpstr (items, ==, want);
        if (i == 0)
          {
            g_assert_false (can_import (dialog));
            g_assert_cmpstr (vv_import_dialog_get_import_reason (dialog), ==,
                             _("Choose the column that holds the amounts."));
          }
        else
          {
            /* the layout's column as last chosen, said, and open to change */
            g_assert_true (vv_import_dialog_get_mapping_applied (dialog));
            g_assert_cmpuint (adw_combo_row_get_selected (row), ==, i);
          }
        if (l == 0 && i == 0)
          screenshot ("wide-years", GTK_WIDGET (dialog));
        choose (dialog, "amount_choice_row", headers[i]);
        imported = import (dialog, &sum);
        g_assert_cmpuint (sum.n, ==, 3);
        g_assert_cmpint (sum.total, ==, cases[i].total);
        g_assert_cmpint (imported->year, ==, cases[i].year);
        g_assert_cmpstr (imported->amount_column, ==, headers[i]);
        forget (imported);
      }
}

/* A workbook's preview is read in a worker thread: the dialog is there at
 * once, saying that it reads, its rows and Import off; then the preview and
 * what it leaves open. */
static void
test_sheet_preview_worker (void)
{
  static const char *const ledger[] = {
    "År;Ansvar;Funksjon;Art;Tekst;Beløp",
    "2024;4101;257;010;Lønn;120 000,01",
    "2024;4200;258;010;Lønn;80 000,00",
    "2024;4200;258;190;Husleie;-1 234,56",
    NULL
  };
  g_autoptr(GPtrArray) rows = sheet_rows (ledger);
  const TestSheet sheets[] = { { "Hovedbok", rows, NULL } };
  g_autofree char *path = g_build_filename (vv_test_data_home (), "one-ledger.xlsx", NULL);
  GtkWidget *file_group;
  VvImportDialog *dialog;

  test_write_xlsx (path, sheets, G_N_ELEMENTS (sheets), FALSE, 0);
  vv_ledger_page_open_import (page, path);
  dialog = find_dialog ();
  file_group = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                          VV_TYPE_IMPORT_DIALOG, "file_group"));
  g_assert_true (vv_import_dialog_get_busy (dialog));
  g_assert_cmpuint (vv_import_dialog_get_n_preview_lines (dialog), ==, 0);
  g_assert_false (can_import (dialog));
  g_assert_cmpstr (vv_import_dialog_get_import_reason (dialog), ==, _("Reading the file…"));
  g_assert_false (gtk_widget_get_sensitive (file_group));

  g_assert_true (vv_test_wait_for (dialog_idle, dialog, 30000));
  vv_test_spin ();
  g_assert_cmpuint (vv_import_dialog_get_n_preview_lines (dialog), ==, 3);
  g_assert_true (gtk_widget_get_sensitive (file_group));
  g_assert_true (can_import (dialog));
  g_assert_null (vv_import_dialog_get_import_reason (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  vv_test_spin ();
  g_unlink (path);
}

/* Closed while the worker reads: nothing is left behind, nothing shown. */
static void
test_sheet_preview_closed (void)
{
  static const char *const ledger[] = {
    "År;Ansvar;Funksjon;Art;Beløp",
    "2024;4101;257;010;1,00",
    NULL
  };
  g_autoptr(GPtrArray) rows = sheet_rows (ledger);
  const TestSheet sheets[] = { { "Hovedbok", rows, NULL } };
  g_autofree char *path = g_build_filename (vv_test_data_home (), "closed.ods", NULL);
  VvImportDialog *dialog;

  test_write_ods (path, sheets, G_N_ELEMENTS (sheets), 0);
  vv_ledger_page_open_import (page, path);
  dialog = find_dialog ();
  g_assert_true (vv_import_dialog_get_busy (dialog));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  /* the worker's reference is the last: dropped once it is done */
  g_assert_true (vv_test_wait_for (object_gone, &dialog, 30000));
  g_unlink (path);
}

typedef struct
{
  guint   position;                     /* in the choice row; 0 is "choose" */
  gint64  total;                        /* øre shown for it */
} SurveyChoice;

/* A choice answered from the survey of the whole file: each of @choices
 * shows its total at once (no worker started), none chosen stops Import
 * with @reason, and @label imported gives @n lines and @total øre. */
static VvLedgerImport *
check_choices_from_survey (const char         *file,
                           const char         *row_name,
                           const SurveyChoice *choices,
                           guint               n_choices,
                           const char         *reason,
                           const char         *label,
                           guint               n,
                           gint64              total)
{
  VvImportDialog *dialog = open_dialog (file);
  AdwComboRow *row = dialog_row (dialog, row_name);
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (
    gtk_widget_get_template_child (GTK_WIDGET (dialog), VV_TYPE_IMPORT_DIALOG, "choices_group"));
  VvLedgerImport *imported;
  Sum sum;

  for (guint i = 0; i < n_choices; i++)
    {
      g_autofree char *shown = vv_format_kroner (choices[i].total);

      adw_combo_row_set_selected (row, choices[i].position);
      /* no worker started: the answer is there already */
      g_assert_false (vv_import_dialog_get_busy (dialog));
      g_assert_true (can_import (dialog));
      g_assert_nonnull (strstr (adw_preferences_group_get_description (group), shown));
    }
  adw_combo_row_set_selected (row, 0);
  g_assert_false (vv_import_dialog_get_busy (dialog));
  g_assert_false (can_import (dialog));
  g_assert_cmpstr (vv_import_dialog_get_import_reason (dialog), ==, reason);
  choose (dialog, row_name, label);
  imported = import (dialog, &sum);
  g_assert_cmpuint (sum.n, ==, n);
  g_assert_cmpint (sum.total, ==, total);
  return imported;
}

/* Choosing a year only filters the lines the survey of the whole file has
 * read: answered at once, without reading the file again, to the øre. */
static void
test_year_from_survey (void)
{
  static const SurveyChoice choices[] = {
    { 1, 17000000 },                    /* 2023: 170 000,00 kr */
    { 2, 19876545 },                    /* 2024: 198 765,45 kr */
  };

  forget (check_choices_from_survey ("several-years.csv", "year_choice_row",
                                     choices, G_N_ELEMENTS (choices),
                                     _("The file holds several years: choose the one to import."),
                                     "2024", 3, 19876545));
}

/* Choosing a region only filters the lines the survey of the whole file has
 * read (4602 and 460200 are one region): answered at once, without reading
 * the file again, to the øre, and imported so. */
static void
test_region_from_survey (void)
{
  static const SurveyChoice choices[] = {
    { 1, 10000000 },                    /* 4601: 100 000,00 kr */
    { 2, 20000050 },                    /* 4602: 200 000,50 kr */
  };
  VvLedgerImport *imported;

  imported = check_choices_from_survey (
    "several-regions.csv", "region_choice_row", choices, G_N_ELEMENTS (choices),
    _("The file holds several regions: choose the one to import."), "4601", 1, 10000000);
  g_assert_cmpstr (imported->region, ==, "4601");
  forget (imported);
}

/* Kroner then 1000 kr only scales the lines the survey has read: answered
 * at once, without reading the file again, and imported to the øre. */
static void
test_unit_from_survey (void)
{
  VvImportDialog *dialog = open_dialog ("thousands.csv");
  AdwComboRow *row = dialog_row (dialog, "unit_choice_row");
  VvLedgerImport *imported;
  Sum sum;

  choose (dialog, "unit_choice_row", _("Kroner (kr)"));
  g_assert_true (can_import (dialog));
  adw_combo_row_set_selected (row, 2);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (row)), 2),
                   ==, _("Thousand kroner (1000 kr)"));
  /* no worker started: the answer is there already */
  g_assert_false (vv_import_dialog_get_busy (dialog));
  g_assert_true (can_import (dialog));
  imported = import (dialog, &sum);
  g_assert_cmpuint (sum.n, ==, 3);
  g_assert_cmpint (sum.total, ==, G_GINT64_CONSTANT (2708800000));
  g_assert_cmpstr (imported->unit, ==, "1000kr");
  forget (imported);
}

static gboolean
ansvar_line_cb (const VvLedgerLine *line,
                gpointer            user_data)
{
  GString *seen = user_data;

  g_string_append_printf (seen, "%s;", line->ansvar);
  return TRUE;
}

/* Two columns read as ansvar ("Ansvar" and "Avdeling"): neither is taken
 * until the user chooses, Import says why it is off, and the one chosen is
 * the one imported. */
static void
test_two_ansvar_columns (void)
{
  static const char *const columns[] = { "2 · Ansvar", "3 · Avdeling" };
  static const char *const want[] = { "4101;4200;4200;", "41;42;42;" };
  g_autofree char *path = write_file ("two-ansvar.csv",
                                      "År;Ansvar;Avdeling;Funksjon;Art;Beløp\n"
                                      "2024;4101;41;254;010;120 000,01\n"
                                      "2024;4200;42;254;010;80 000,00\n"
                                      "2024;4200;42;254;190;-1 234,56\n");

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      VvImportDialog *dialog = open_dialog_path (path);
      AdwComboRow *row = dialog_row (dialog, "ansvar_row");
      g_autoptr(GString) seen = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      VvLedgerImport *imported;
      Sum sum;

      if (i == 0 || !vv_import_dialog_get_mapping_applied (dialog))
        {
          g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
          g_assert_false (can_import (dialog));
          g_assert_nonnull (strstr (vv_import_dialog_get_import_reason (dialog), "Avdeling"));
        }
      choose (dialog, "ansvar_row", columns[i]);
      imported = import (dialog, &sum);
      g_assert_cmpuint (sum.n, ==, 3);
      g_assert_cmpint (sum.total, ==, 19876545);
      g_assert_true (vv_ledger_store_foreach_line (vv_ledger_session_get_db (
                                                     vv_ledger_page_get_session (page)),
                                                   imported->id, ansvar_line_cb, seen, NULL,
                                                   &error));
      g_assert_no_error (error);
      g_assert_cmpstr (seen->str, ==, want[i]);
      forget (imported);
    }
}

/* The shown label under @root whose text contains @part, as a copy. */
static char *
dup_label_with (GtkWidget  *root,
                const char *part)
{
  GtkWidget *label = vv_test_find_by_label_part (root, GTK_TYPE_LABEL, part);

  return label != NULL ? g_strdup (gtk_label_get_text (GTK_LABEL (label))) : NULL;
}

/* Issue 14 item 5, one quote style: what the dialog detected quotes the
 * separator and the decimal mark the Norwegian way, « », both of them (the
 * separator came in English quotes, “;”, next to «,»). */
static void
test_detected_quotes (void)
{
  static const char *const tabbed[] = {
    "År\tAnsvar\tFunksjon\tArt\tBeløp",
    "2024\t4101\t257\t010\t1,00",
    NULL
  };
  g_autofree char *report = g_test_build_filename (G_TEST_DIST, "ledger", "report-cp1252.csv",
                                                   NULL);
  g_autofree char *tab_text = g_strjoinv ("\n", (char **) tabbed);
  g_autofree char *tab_path = write_file ("tabbed.csv", tab_text);
  const char *const paths[] = { report, tab_path };
  const char *const seps[] = { "«;»", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      VvImportDialog *dialog = open_dialog_path (paths[i]);
      g_autofree char *detected = dup_label_with (GTK_WIDGET (dialog),
                                                  i == 0 ? "Windows-1252" : "UTF-8");

      g_test_message ("%s", detected);
      g_assert_nonnull (detected);
      g_assert_null (strstr (detected, "“"));
      g_assert_null (strstr (detected, "”"));
      g_assert_nonnull (strstr (detected, "«,»"));
      if (seps[i] != NULL)
        g_assert_nonnull (strstr (detected, seps[i]));
      gtk_window_destroy (GTK_WINDOW (dialog));
      vv_test_spin ();
    }
  g_unlink (tab_path);
}

int
main (int   argc,
      char *argv[])
{
  const char *width = g_getenv ("VEIVISER_SHOT_WIDTH");
  int ret;

  if (!vv_test_ui_init (&argc, &argv, NULL))
    return 77;
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), width != NULL ? atoi (width) : 1000, 800);
  page = VV_LEDGER_PAGE (vv_ledger_page_new ());
  context = vv_test_context_new ("import.db");
  vv_ledger_page_set_context (page, context);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  vv_test_spin ();

  g_test_add_func ("/ui-import/several-years", test_several_years);
  g_test_add_func ("/ui-import/several-regions", test_several_regions);
  g_test_add_func ("/ui-import/amount-columns", test_amount_columns);
  g_test_add_func ("/ui-import/thousands", test_thousands);
  g_test_add_func ("/ui-import/function-codes", test_function_codes);
  g_test_add_func ("/ui-import/function-codes-plain", test_function_codes_plain);
  g_test_add_func ("/ui-import/function-codes-late", test_function_codes_late);
  g_test_add_func ("/ui-import/sheets", test_sheets);
  g_test_add_func ("/ui-import/wide-years", test_wide_years);
  g_test_add_func ("/ui-import/sheet-preview-worker", test_sheet_preview_worker);
  g_test_add_func ("/ui-import/sheet-preview-closed", test_sheet_preview_closed);
  g_test_add_func ("/ui-import/year-from-survey", test_year_from_survey);
  g_test_add_func ("/ui-import/unit-from-survey", test_unit_from_survey);
  g_test_add_func ("/ui-import/region-from-survey", test_region_from_survey);
  g_test_add_func ("/ui-import/two-ansvar-columns", test_two_ansvar_columns);
  g_test_add_func ("/ui-import/detected-quotes", test_detected_quotes);
  ret = g_test_run ();

  vv_test_destroy_window (window);
  g_clear_object (&context);
  return vv_test_ui_finish (ret);
}
