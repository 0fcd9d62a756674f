/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-unit-guide"

#include "config.h"

#include <stdlib.h>

#include "test-ui-util.h"
#include "vv-db.h"
#include "vv-ledger-page.h"
#include "vv-ledger-split-view.h"
#include "vv-ledger-store.h"
#include "vv-split.h"
#include "vv-unit-guide-dialog.h"
#include "vv-unit-guide-staff-row.h"
#include "vv-window.h"

/* Issue 12: the unit guide is reached from a unit on the ledger page and
 * writes that unit's Fordeling, with the citation, into the units
 * register; the split follows and Undo brings the unit back. */

static VvContext *context;

/* helpers */

static gboolean
page_idle (gpointer data)
{
  return !vv_ledger_page_get_busy (data);
}

static void
wait_page (VvLedgerPage *page)
{
  vv_test_spin ();
  g_assert_true (vv_test_wait_for (page_idle, page, 60000));
  vv_test_spin ();
}

static char *
sample_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "ledger", name, NULL);
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

static gboolean
match_action (GtkWidget  *widget,
              const void *data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

static VvUnitGuideDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);

      if (VV_IS_UNIT_GUIDE_DIALOG (w) && gtk_widget_get_visible (w))
        return VV_UNIT_GUIDE_DIALOG (w);
    }
  return NULL;
}

static gboolean
dialog_gone (gpointer data)
{
  return find_dialog () == NULL;
}

static GtkWidget *
dialog_child (VvUnitGuideDialog *dialog,
              const char        *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (dialog), VV_TYPE_UNIT_GUIDE_DIALOG,
                                                  name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static GtkWidget *
staff_row (VvUnitGuideDialog *dialog,
           guint              index)
{
  GtkWidget *list = dialog_child (dialog, "staff_list");
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), (int) index);

  g_assert_true (VV_IS_UNIT_GUIDE_STAFF_ROW (row));
  return GTK_WIDGET (row);
}

/* Types a figure into one of an employee's fields, as a person would. */
static void
enter (GtkWidget  *row,
       const char *field,
       const char *text)
{
  GObject *spin = gtk_widget_get_template_child (row, VV_TYPE_UNIT_GUIDE_STAFF_ROW, field);

  g_assert_true (GTK_IS_SPIN_BUTTON (spin));
  gtk_widget_grab_focus (GTK_WIDGET (spin));
  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  vv_test_spin ();
}

/* A click, as GtkButton gives it to its action (activate would wait for
 * the press animation). */
static void
click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  vv_test_spin ();
}

/* From a unit's row: its edit button, then "Split by Staff Hours…" in the
 * unit dialog; an unclassified unit's row has the button itself. */
static void
open_from_row (GtkWidget *unit_row)
{
  GtkWidget *button = vv_test_find (unit_row, match_action, "ledger.unit-guide", TRUE);
  AdwMessageDialog *unit_dialog;

  if (button == NULL)
    {
      button = vv_test_find (unit_row, match_action, "ledger.edit-unit", TRUE);
      g_assert_nonnull (button);
      click (button);
      unit_dialog = vv_test_find_message_dialog (NULL);
      g_assert_nonnull (unit_dialog);
      g_assert_cmpstr (adw_message_dialog_get_response_label (unit_dialog, "staff"), ==,
                       "_Split by Staff Hours…");
      vv_test_message_dialog_respond (unit_dialog, "staff");
    }
  else
    {
      g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Split by Staff Hours");
      click (button);
    }
  vv_test_spin ();
}

static const char *
row_title (GtkWidget *row)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

/* tests */

static void
test_split_by_staff_hours (void)
{
  g_autofree char *ledger_csv = sample_path ("sample-2024.csv");
  g_autofree char *units_csv = sample_path ("sample-units.csv");
  VvWindow *win = vv_window_new (NULL, context);
  g_autoptr(VvDb) db = NULL;
  g_autoptr(VvStoredUnit) unit = NULL;
  VvLedgerPage *ledger;
  VvUnitGuideDialog *dialog;
  GtkWidget *split_view, *units_list, *unit_row, *row, *toast_label, *undo;
  VvSplit *split;
  gint64 money, h257, h258;

  gtk_window_set_default_size (GTK_WINDOW (win), 1200, 900);
  gtk_window_present (GTK_WINDOW (win));
  vv_window_set_visible_page (win, "ledger");
  ledger = VV_LEDGER_PAGE (vv_window_get_page (win, "ledger"));
  wait_page (ledger);
  vv_ledger_page_import (ledger, ledger_csv, units_csv, NULL);
  wait_page (ledger);
  split = vv_ledger_page_get_split (ledger);
  g_assert_nonnull (split);
  g_assert_false (vv_ledger_session_get_sample (vv_ledger_page_get_session (ledger)));
  money = find_ansvar (split, "4101")->home_ore;
  g_assert_cmpint (money, >, 0);
  h257 = vv_split_get_home_257 (split);
  h258 = vv_split_get_home_258 (split);

  db = vv_db_open (vv_context_get_db_path (context), NULL);
  g_assert_nonnull (db);
  unit = vv_ledger_store_get_unit (db, "4101", NULL);
  g_assert_cmpstr (unit->allocation, ==, "257:80 258:20");
  g_assert_cmpstr (unit->citation, ==, "");
  g_clear_pointer (&unit, vv_stored_unit_free);

  /* The unit's row on the ledger page: its unit dialog offers "Split by Staff Hours…". */
  split_view = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (ledger), VV_TYPE_LEDGER_PAGE,
                                                          "split_view"));
  units_list = GTK_WIDGET (gtk_widget_get_template_child (split_view, VV_TYPE_LEDGER_SPLIT_VIEW,
                                                          "units_list"));
  unit_row = vv_test_find_by_name (units_list, "4101");
  g_assert_nonnull (unit_row);
  open_from_row (unit_row);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (vv_unit_guide_dialog_get_ansvar (dialog), ==, "4101");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (win));

  /* One empty employee to start with: nothing to use yet. */
  g_assert_false (gtk_widget_is_sensitive (dialog_child (dialog, "apply_button")));
  g_assert_cmpstr (row_title (dialog_child (dialog, "total_row")), ==,
                   "The unit cannot be split yet");

  /* Employee 1: 20 % for users elsewhere, on the line: split. */
  row = staff_row (dialog, 0);
  enter (row, "dwellings_spin", "30");
  enter (row, "outside_spin", "7.5");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==,
                   "Split by hours: each part is at least 20 %");
  /* Employee 2, added from the keyboard: 3.5 of 37.5 hours elsewhere (9.3 %). */
  click (dialog_child (dialog, "add_button"));
  vv_test_spin ();
  row = staff_row (dialog, 1);
  g_assert_cmpstr (row_title (row), ==, "Employee 2");
  /* The new employee's first field has the keyboard focus. */
  g_assert_nonnull (gtk_window_get_focus (GTK_WINDOW (dialog)));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (dialog)), row));
  enter (row, "dwellings_spin", "34");
  enter (row, "outside_spin", "3.5");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==,
                   "Wholly 257: less than 20 % for users elsewhere");

  /* The result: 257 = 30 + 37.5, 258 = 7.5 of 75 hours; why, per group; the citations. */
  g_assert_cmpstr (row_title (dialog_child (dialog, "total_row")), ==, "257: 90 %  ·  258: 10 %");
  g_assert_nonnull (vv_test_find_by_name (dialog_child (dialog, "result_list"), "split"));
  g_assert_nonnull (vv_test_find_by_name (dialog_child (dialog, "result_list"), "dwellings"));
  g_assert_nonnull (vv_test_find_by_label_part (dialog_child (dialog, "result_list"), GTK_TYPE_LABEL,
                                                "at least 20 %"));
  g_assert_nonnull (vv_test_find_by_label_part (dialog_child (dialog, "citations_list"),
                                                ADW_TYPE_EXPANDER_ROW,
                                                "split proportionally"));
  g_assert_true (gtk_widget_is_sensitive (dialog_child (dialog, "apply_button")));

  /* Use this split: the register row gets the Fordeling and the citation. */
  click (dialog_child (dialog, "apply_button"));
  g_assert_true (vv_test_wait_for (dialog_gone, NULL, 5000));
  wait_page (ledger);
  unit = vv_ledger_store_get_unit (db, "4101", NULL);
  g_assert_cmpstr (unit->allocation, ==, "257:90 258:10");
  g_assert_true (g_str_has_prefix (unit->citation, "257-pres-9 "));
  g_assert_nonnull (strstr (unit->citation, "rule-20-percent"));
  g_assert_nonnull (unit->guide);
  g_assert_nonnull (strstr (unit->guide, "veiviser-unit/1"));
  g_clear_pointer (&unit, vv_stored_unit_free);

  /* The split was made again: a tenth more of the unit's money on 257. */
  split = vv_ledger_page_get_split (ledger);
  g_assert_cmpint (vv_split_get_home_257 (split), >, h257);
  g_assert_cmpint (vv_split_get_home_258 (split), <, h258);
  g_assert_cmpint (vv_split_get_home_257 (split) + vv_split_get_home_258 (split), ==, h257 + h258);
  g_assert_cmpint (ABS (vv_split_get_home_257 (split) - h257 - money / 10), <=, 100);
  /* The register on the page shows the Fordeling with the paragraph. */
  unit_row = vv_test_find_by_name (units_list, "4101");
  g_assert_nonnull (vv_test_find_by_label_part (unit_row, GTK_TYPE_LABEL,
                                                "257:90 258:10 · Veileder til kontoplanen i "
                                                "KOSTRA 2024, funksjon 257, presisering 9"));

  /* Opened again, the guide shows the staff as entered. */
  open_from_row (unit_row);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (row_title (dialog_child (dialog, "total_row")), ==, "257: 90 %  ·  258: 10 %");
  g_assert_cmpint (gtk_spin_button_get_value (GTK_SPIN_BUTTON (gtk_widget_get_template_child (
    staff_row (dialog, 1), VV_TYPE_UNIT_GUIDE_STAFF_ROW, "outside_spin"))), ==, 3.5);
  /* Escape closes it without a change. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "unit-guide.cancel", NULL));
  g_assert_true (vv_test_wait_for (dialog_gone, NULL, 5000));

  /* The window's toast offers Undo; it brings the unit and the figures back. */
  toast_label = vv_test_find_by_label_part (GTK_WIDGET (win), GTK_TYPE_LABEL,
                                            "Ansvar 4101 split by staff hours: 257:90 258:10");
  g_assert_nonnull (toast_label);
  undo = vv_test_find_by_label (GTK_WIDGET (win), GTK_TYPE_BUTTON, "Undo");
  g_assert_nonnull (undo);
  click (undo);
  wait_page (ledger);
  unit = vv_ledger_store_get_unit (db, "4101", NULL);
  g_assert_cmpstr (unit->allocation, ==, "257:80 258:20");
  g_assert_cmpstr (unit->citation, ==, "");
  split = vv_ledger_page_get_split (ledger);
  g_assert_cmpint (vv_split_get_home_257 (split), ==, h257);
  g_assert_cmpint (vv_split_get_home_258 (split), ==, h258);

  vv_test_destroy_window (GTK_WIDGET (win));
}

/* Every employee removed: the dialog says what is missing and cannot be
 * used; the keyboard reaches Add again. */
static void
test_remove_and_problems (void)
{
  g_autoptr(VvUnitGuideDialog) dialog = NULL;
  GtkWidget *row;

  dialog = vv_unit_guide_dialog_new (vv_context_get_rules (context), "4990", "Nattpatruljen", 2024,
                                     NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  vv_test_spin ();
  row = staff_row (dialog, 0);
  enter (row, "dwellings_spin", "10");
  vv_unit_guide_dialog_add_employee (dialog, 5, 5, 400000);
  /* A salary for one employee only cannot be weighed against hours. */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (dialog_child (dialog, "total_row"))),
                   ==, "Give a salary for every employee or for none.");
  g_assert_false (gtk_widget_is_sensitive (dialog_child (dialog, "apply_button")));
  g_assert_null (vv_unit_guide_dialog_dup_allocation (dialog));
  g_assert_true (gtk_widget_activate_action (staff_row (dialog, 1), "staff-row.remove", NULL));
  vv_test_spin ();
  g_assert_cmpstr (row_title (dialog_child (dialog, "total_row")), ==, "257: 100 %");
  g_assert_true (gtk_widget_activate_action (staff_row (dialog, 0), "staff-row.remove", NULL));
  vv_test_spin ();
  /* The last one removed: a fresh, empty employee takes its place. */
  row = staff_row (dialog, 0);
  g_assert_cmpstr (row_title (row), ==, "Employee 1");
  g_assert_false (gtk_widget_is_sensitive (dialog_child (dialog, "apply_button")));
  gtk_window_destroy (GTK_WINDOW (dialog));
  vv_test_spin ();
}

/* With VV_SCREENSHOT_DIR set (and LANGUAGE, ADW_DEBUG_COLOR_SCHEME,
 * VV_SCREENSHOT_WIDTH), writes the dialog and the ledger's units as PNGs
 * instead of testing: how the unit guide looks in nb and nn, light and
 * dark, wide and narrow. */
static void
test_screenshots (void)
{
  g_autofree char *ledger_csv = sample_path ("sample-2024.csv");
  g_autofree char *units_csv = sample_path ("sample-units.csv");
  const char *w = g_getenv ("VV_SCREENSHOT_WIDTH");
  int width = w != NULL ? atoi (w) : 1400;
  VvWindow *win = vv_window_new (NULL, context);
  VvLedgerPage *ledger;
  VvUnitGuideDialog *dialog;
  GtkWidget *split_view, *units_list;

  gtk_window_set_default_size (GTK_WINDOW (win), width, 900);
  gtk_window_present (GTK_WINDOW (win));
  vv_window_set_visible_page (win, "ledger");
  ledger = VV_LEDGER_PAGE (vv_window_get_page (win, "ledger"));
  wait_page (ledger);
  vv_ledger_page_import (ledger, ledger_csv, units_csv, NULL);
  wait_page (ledger);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ledger), "ledger.unit-guide", "s", "4101"));
  vv_test_spin ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  gtk_window_set_default_size (GTK_WINDOW (dialog), width < 680 ? width : 680, 900);
  enter (staff_row (dialog, 0), "dwellings_spin", "30");
  enter (staff_row (dialog, 0), "outside_spin", "7.5");
  vv_unit_guide_dialog_add_employee (dialog, 34, 3.5, 0);
  vv_unit_guide_dialog_add_employee (dialog, 5, 32.5, 0);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (staff_row (dialog, 1)), FALSE);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (staff_row (dialog, 2)), FALSE);
  vv_test_save_screenshot (GTK_WIDGET (dialog), "unit-guide-dialog");
  /* Further down: the result and what it rests on. */
  {
    GtkWidget *page = gtk_widget_get_ancestor (dialog_child (dialog, "result_list"),
                                               ADW_TYPE_PREFERENCES_PAGE);
    GtkWidget *scrolled = vv_test_find_by_type (page, GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

    gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
    vv_test_save_screenshot (GTK_WIDGET (dialog), "unit-guide-dialog-result");
  }
  click (dialog_child (dialog, "apply_button"));
  g_assert_true (vv_test_wait_for (dialog_gone, NULL, 5000));
  wait_page (ledger);
  split_view = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (ledger), VV_TYPE_LEDGER_PAGE,
                                                          "split_view"));
  units_list = GTK_WIDGET (gtk_widget_get_template_child (split_view, VV_TYPE_LEDGER_SPLIT_VIEW,
                                                          "units_list"));
  gtk_widget_grab_focus (vv_test_find_by_name (units_list, "4101"));
  vv_test_save_screenshot (GTK_WIDGET (win), "unit-guide-ledger");
  vv_test_destroy_window (GTK_WIDGET (win));
}

int
main (int   argc,
      char *argv[])
{
  gboolean shots = g_getenv ("VV_SCREENSHOT_DIR") != NULL;
  int ret;

  if (!vv_test_ui_init (&argc, &argv, shots ? NULL : "en"))
    return vv_test_ui_finish (77);
  context = vv_test_context_new ("unit-guide.db");

  if (shots)
    g_test_add_func ("/ui-unit-guide/screenshots", test_screenshots);
  else
    {
      g_test_add_func ("/ui-unit-guide/split-by-staff-hours", test_split_by_staff_hours);
      g_test_add_func ("/ui-unit-guide/remove-and-problems", test_remove_and_problems);
    }
  ret = g_test_run ();

  g_clear_object (&context);
  return vv_test_ui_finish (ret);
}
