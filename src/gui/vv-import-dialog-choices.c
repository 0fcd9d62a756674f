/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "vv-format.h"
#include "vv-import-dialog-private.h"
#include "vv-ledger-survey.h"

/* The choices a real export leaves open (issue 13): which year or region of
 * a file holding several, which sheet of a workbook, which of several
 * amount columns, and whether the amounts are kroner or 1000 kr. Nothing is
 * guessed: a row shows what there is to choose, Import stays off with the
 * reason until it is chosen, and each choice reads the file again — its
 * start for the preview (vv-import-dialog-preview.c), the whole of it in a
 * worker thread (vv_ledger_survey_async()) for the years and regions it
 * holds. */

/* helpers */

/* The same settings on a reader of its own, for a read in a worker thread. */
static VvLedgerReader *
copy_reader (VvImportDialog *self)
{
  VvLedgerReader *r = self->reader;
  VvLedgerReader *copy = vv_ledger_reader_new ();

  vv_ledger_reader_set_format (copy, vv_ledger_reader_get_format (r));
  vv_ledger_reader_set_encoding (copy, vv_ledger_reader_get_encoding (r));
  vv_ledger_reader_set_separator (copy, vv_ledger_reader_get_separator (r));
  vv_ledger_reader_set_decimal_mark (copy, vv_ledger_reader_get_decimal_mark (r));
  vv_ledger_reader_set_default_year (copy, vv_ledger_reader_get_default_year (r));
  vv_ledger_reader_set_year (copy, self->year);
  vv_ledger_reader_set_region (copy, self->region);
  vv_ledger_reader_set_unit (copy, vv_ledger_reader_get_unit (r));
  vv_ledger_reader_set_sheet (copy, vv_ledger_reader_get_sheet (r));
  /* what was chosen, not what the preview read: the whole file may hold
   * service codes its start does not */
  vv_ledger_reader_set_function_code (copy, vv_ledger_reader_get_function_code_choice (r));
  for (guint role = 0; role < VV_LEDGER_N_COLUMNS; role++)
    {
      vv_ledger_reader_set_column (copy, role, vv_ledger_reader_get_column (r, role));
      vv_ledger_reader_set_column_name (copy, role, vv_ledger_reader_get_column_name (r, role));
    }
  return copy;
}

static gboolean
same_items (GListModel *model,
            GPtrArray  *items)
{
  if (!GTK_IS_STRING_LIST (model) || g_list_model_get_n_items (model) != items->len + 1)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i + 1),
                   g_ptr_array_index (items, i)) != 0)
      return FALSE;
  return TRUE;
}

/* "Not chosen" and @items, on @selected (-1 for none). The model is kept
 * when it lists the same: replacing it from inside its own ::notify::selected
 * would make the row select again, and again. */
static void
set_choice_model (AdwComboRow *row,
                  GPtrArray   *items,
                  int          selected)
{
  guint position = selected >= 0 ? (guint) selected + 1 : 0;

  if (!same_items (adw_combo_row_get_model (row), items))
    {
      g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

      gtk_string_list_append (list, _("Not chosen"));
      for (guint i = 0; i < items->len; i++)
        gtk_string_list_append (list, g_ptr_array_index (items, i));
      adw_combo_row_set_model (row, G_LIST_MODEL (list));
    }
  if (adw_combo_row_get_selected (row) != position)
    adw_combo_row_set_selected (row, position);
}

/* The rows asking what the file leaves open: shown when there is something
 * to choose, each on the value the reader has now. */
void
_vv_import_dialog_update_choices (VvImportDialog *self)
{
  VvLedgerReader *r = self->reader;
  GPtrArray *header, *sheets;
  gboolean csv;
  VvLedgerUnit unit;
  int year = self->year;
  const char *region = self->region;
  int amount;
  const char *sheet;

  if (self->previewing)
    return;   /* the reader is the worker's; the rows follow when it is done */
  header = vv_ledger_reader_get_header (r);
  sheets = vv_ledger_reader_get_sheet_names (r);
  csv = vv_ledger_reader_get_format (r) == VV_LEDGER_FORMAT_CSV;
  unit = vv_ledger_reader_get_unit (r);
  amount = vv_ledger_reader_get_column (r, VV_LEDGER_COLUMN_AMOUNT);
  sheet = vv_ledger_reader_get_sheet (r);

  /* years and regions: as many as the whole file holds */
  {
    g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
    int selected = -1;

    for (guint i = 0; self->survey != NULL && i < self->survey->years->len; i++)
      {
        int y = g_array_index (self->survey->years, int, i);

        g_ptr_array_add (items, g_strdup_printf ("%d", y));
        if (y == year && self->survey->years->len > 1)
          selected = (int) i;
      }
    set_choice_model (self->year_choice_row, items, selected);
    gtk_widget_set_visible (GTK_WIDGET (self->year_choice_row), items->len > 1);
  }
  {
    g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
    int selected = -1;

    for (guint i = 0; self->survey != NULL && i < self->survey->regions->len; i++)
      {
        const char *code = g_ptr_array_index (self->survey->regions, i);

        g_ptr_array_add (items, g_strdup (code));
        if (self->survey->regions->len > 1 && g_strcmp0 (code, region) == 0)
          selected = (int) i;
      }
    set_choice_model (self->region_choice_row, items, selected);
    gtk_widget_set_visible (GTK_WIDGET (self->region_choice_row), items->len > 1);
  }

  /* several sheets */
  {
    g_autoptr(GPtrArray) items = g_ptr_array_new ();
    int selected = -1;

    for (guint i = 0; sheets != NULL && i < sheets->len; i++)
      {
        g_ptr_array_add (items, g_ptr_array_index (sheets, i));
        if (g_strcmp0 (g_ptr_array_index (sheets, i), sheet) == 0)
          selected = (int) i;
      }
    set_choice_model (self->sheet_choice_row, items, selected);
    gtk_widget_set_visible (GTK_WIDGET (self->sheet_choice_row), items->len > 1);
  }

  /* several columns that may hold the amounts */
  {
    g_autoptr(GPtrArray) items = g_ptr_array_new ();
    int selected = -1;

    for (guint i = 0; csv && header != NULL && i < self->amount_columns->len; i++)
      {
        int c = g_array_index (self->amount_columns, int, i);

        g_ptr_array_add (items, g_ptr_array_index (header, c));
        if (c == amount)
          selected = (int) i;
      }
    set_choice_model (self->amount_choice_row, items, selected);
    gtk_widget_set_visible (GTK_WIDGET (self->amount_choice_row), items->len > 1);
  }

  /* local service codes (25410) read as the function of their first three
   * digits: said, and open to change. A file of functions alone has nothing
   * to ask: the row shows when the preview or the survey of the whole file
   * met a longer code, or when the user or the remembered mapping chose. */
  {
    const char *example = vv_ledger_reader_get_function_code_example (r);
    VvLedgerFunctionCode choice = vv_ledger_reader_get_function_code_choice (r);
    VvLedgerFunctionCode mode;
    g_autofree char *subtitle = NULL;

    if (example == NULL && self->survey != NULL)
      example = self->survey->function_code_example;
    mode = choice != VV_LEDGER_FUNCTION_CODE_AUTO ? choice
           : example != NULL ? VV_LEDGER_FUNCTION_CODE_PREFIX : VV_LEDGER_FUNCTION_CODE_AUTO;
    if (example != NULL)
      subtitle = g_strdup_printf (_("The file has service codes such as %s"), example);
    if (adw_combo_row_get_selected (self->function_code_row) != (guint) mode)
      adw_combo_row_set_selected (self->function_code_row, (guint) mode);
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->function_code_row),
                                 subtitle != NULL ? subtitle : "");
    gtk_widget_set_visible (GTK_WIDGET (self->function_code_row),
                            csv && (example != NULL || choice != VV_LEDGER_FUNCTION_CODE_AUTO));
  }

  /* kroner or 1000 kr: shown once the file's amounts may be whole 1000 kr */
  if (csv && (unit != VV_LEDGER_UNIT_KR ||
              g_error_matches (self->preview_error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_UNIT)))
    self->unit_shown = TRUE;
  {
    guint position = unit == VV_LEDGER_UNIT_KR ? 1 : unit == VV_LEDGER_UNIT_THOUSANDS ? 2 : 0;

    if (adw_combo_row_get_selected (self->unit_choice_row) != position)
      adw_combo_row_set_selected (self->unit_choice_row, position);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->unit_choice_row), csv && self->unit_shown);
}

/* Why the file cannot be imported as set, or NULL. */
static char *
import_reason (VvImportDialog *self)
{
  VvLedgerReader *r = self->reader;
  GError *refusal = self->survey != NULL ? self->survey->refusal : NULL;

  if (self->previewing)
    return g_strdup (_("Reading the file…"));
  if (self->preview_error != NULL)
    {
      if (g_error_matches (self->preview_error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_UNIT))
        return g_strdup (_("Choose whether the amounts are kroner or thousand kroner."));
      if (g_error_matches (self->preview_error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_SHEET) &&
          gtk_widget_get_visible (GTK_WIDGET (self->sheet_choice_row)))
        return g_strdup (_("Choose the sheet to import."));
      if (vv_ledger_reader_get_column (r, VV_LEDGER_COLUMN_AMOUNT) < 0 &&
          self->amount_columns->len > 1)
        return g_strdup (_("Choose the column that holds the amounts."));
      return g_strdup (self->preview_error->message);
    }
  if (self->surveying || self->survey == NULL)
    return g_strdup (_("Reading the whole file for the years and regions it holds…"));
  if (refusal == NULL)
    return NULL;
  if (g_error_matches (refusal, VV_LEDGER_ERROR, VV_LEDGER_ERROR_SEVERAL))
    {
      if (self->year == 0 && self->survey->years->len > 1)
        return g_strdup (_("The file holds several years: choose the one to import."));
      if (self->region == NULL && self->survey->regions->len > 1)
        return g_strdup (_("The file holds several regions: choose the one to import."));
    }
  return g_strdup (refusal->message);
}

void
_vv_import_dialog_update_status (VvImportDialog *self)
{
  g_autofree char *summary = NULL;
  gboolean any_row;

  g_clear_pointer (&self->reason, g_free);
  self->reason = import_reason (self);
  if (self->reason == NULL && self->survey != NULL && self->survey->lines_other > 0)
    {
      g_autofree char *total = vv_format_kroner (self->survey->total_ore);

      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%llu line to import, %s in all; %llu line of "
                                              "other years or regions is left out.",
                                              "%llu lines to import, %s in all; %llu lines of "
                                              "other years or regions are left out.",
                                              self->survey->lines_other),
                                 (unsigned long long) self->survey->lines_read, total,
                                 (unsigned long long) self->survey->lines_other);
    }
  any_row = gtk_widget_get_visible (GTK_WIDGET (self->year_choice_row)) ||
            gtk_widget_get_visible (GTK_WIDGET (self->region_choice_row)) ||
            gtk_widget_get_visible (GTK_WIDGET (self->sheet_choice_row)) ||
            gtk_widget_get_visible (GTK_WIDGET (self->amount_choice_row)) ||
            gtk_widget_get_visible (GTK_WIDGET (self->unit_choice_row)) ||
            gtk_widget_get_visible (GTK_WIDGET (self->function_code_row));
  adw_preferences_group_set_description (self->choices_group,
                                         self->reason != NULL ? self->reason : summary);
  gtk_widget_set_visible (GTK_WIDGET (self->choices_group),
                          any_row || self->reason != NULL || summary != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import", self->reason == NULL);
}

static void
on_survey_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(VvImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VvLedgerSurvey) survey = vv_ledger_survey_finish (result, &error);

  if (survey == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* a newer survey runs, or the dialog is closing */
  if (self->previewing)
    return;   /* the settings changed: another survey follows the preview */
  self->surveying = FALSE;
  g_clear_object (&self->survey_cancellable);
  g_clear_pointer (&self->survey, vv_ledger_survey_free);
  if (survey == NULL)
    {
      survey = g_new0 (VvLedgerSurvey, 1);
      survey->years = g_array_new (FALSE, FALSE, sizeof (int));
      survey->regions = g_ptr_array_new_with_free_func (g_free);
      survey->refusal = g_steal_pointer (&error);
    }
  else if (survey->year_read == 0)
    {
      /* read for all years: a year chosen next is answered from it */
      g_clear_pointer (&self->survey_all, vv_ledger_survey_free);
      g_free (self->survey_all_key);
      self->survey_all = vv_ledger_survey_for_year (survey, 0);
      self->survey_all_key = g_strdup (self->survey_key);
    }
  self->survey = g_steal_pointer (&survey);
  self->updating = TRUE;
  _vv_import_dialog_update_choices (self);
  _vv_import_dialog_update_status (self);
  self->updating = FALSE;
}

/* Every setting of @reader but the year, the region and the unit, as text:
 * a survey read with the same answers for another year, region or unit. */
static char *
settings_key (VvLedgerReader *reader)
{
  GString *key = g_string_new (NULL);

  g_string_append_printf (key, "%d|%d|%d|%d|%d|%s|%d",
                          vv_ledger_reader_get_format (reader),
                          vv_ledger_reader_get_encoding (reader),
                          vv_ledger_reader_get_separator (reader),
                          vv_ledger_reader_get_decimal_mark (reader),
                          vv_ledger_reader_get_default_year (reader),
                          vv_ledger_reader_get_sheet (reader) ? vv_ledger_reader_get_sheet (reader)
                                                              : "\x1f",
                          vv_ledger_reader_get_function_code_choice (reader));
  for (guint role = 0; role < VV_LEDGER_N_COLUMNS; role++)
    g_string_append_printf (key, "|%d:%s", vv_ledger_reader_get_column (reader, role),
                            vv_ledger_reader_get_column_name (reader, role)
                            ? vv_ledger_reader_get_column_name (reader, role) : "\x1f");
  return g_string_free (key, FALSE);
}

/* The whole file, read as set, in a worker thread: what it holds to choose
 * from, and whether it would be imported. A year or region chosen among
 * those of a survey read for all years (and for all regions, or the same
 * one), the rest as then, only filters the lines already read, and kroner
 * or 1000 kr only scales them: that is answered from that survey, at once. */
void
_vv_import_dialog_start_survey (VvImportDialog *self)
{
  g_autoptr(VvLedgerReader) reader = NULL;

  if (self->survey_cancellable != NULL)
    g_cancellable_cancel (self->survey_cancellable);
  g_clear_object (&self->survey_cancellable);
  self->surveying = FALSE;
  if (self->preview_error != NULL)
    return;   /* the file is not read as set: say so, no need to read it all */
  reader = copy_reader (self);
  g_free (self->survey_key);
  self->survey_key = settings_key (reader);
  if (self->survey_all != NULL && g_strcmp0 (self->survey_key, self->survey_all_key) == 0)
    {
      const VvLedgerSurvey *from = self->survey_all;
      VvLedgerUnit unit = vv_ledger_reader_get_unit (reader);
      g_autoptr(VvLedgerSurvey) in_unit = NULL;
      g_autoptr(VvLedgerSurvey) in_region = NULL;
      VvLedgerSurvey *survey;

      if (unit != from->unit_read)
        from = in_unit = vv_ledger_survey_for_unit (from, unit);
      if (from != NULL && g_strcmp0 (self->region, from->region_read) != 0)
        from = in_region = from->region_read == NULL && self->region != NULL
                           ? vv_ledger_survey_for_region (from, self->region) : NULL;
      survey = from != NULL ? vv_ledger_survey_for_year (from, self->year) : NULL;

      if (survey != NULL)
        {
          g_clear_pointer (&self->survey, vv_ledger_survey_free);
          self->survey = survey;
          return;
        }
    }
  self->survey_cancellable = g_cancellable_new ();
  self->surveying = TRUE;
  vv_ledger_survey_async (reader, self->path, self->survey_cancellable, on_survey_done_cb,
                          g_object_ref (self));
}

/* callbacks */

void
_vv_import_dialog_on_choice_row_notify_selected_cb (VvImportDialog *self,
                                  GParamSpec     *pspec,
                                  AdwComboRow    *row)
{
  guint sel = adw_combo_row_get_selected (row);
  gboolean chosen = sel != 0 && sel != GTK_INVALID_LIST_POSITION;

  if (self->updating || self->previewing)
    return;
  self->updating = TRUE;
  if (row == self->year_choice_row)
    {
      self->year = chosen && self->survey != NULL && sel <= self->survey->years->len
                   ? g_array_index (self->survey->years, int, sel - 1) : 0;
      vv_ledger_reader_set_year (self->reader, self->year);
    }
  else if (row == self->region_choice_row)
    {
      g_clear_pointer (&self->region, g_free);
      if (chosen && self->survey != NULL && sel <= self->survey->regions->len)
        self->region = g_strdup (g_ptr_array_index (self->survey->regions, sel - 1));
      vv_ledger_reader_set_region (self->reader, self->region);
    }
  else if (row == self->amount_choice_row)
    {
      int column = chosen && sel <= self->amount_columns->len
                   ? g_array_index (self->amount_columns, int, sel - 1) : -1;

      vv_ledger_reader_set_column (self->reader, VV_LEDGER_COLUMN_AMOUNT, column);
      _vv_import_dialog_update_role_models (self);
    }
  else if (row == self->unit_choice_row)
    vv_ledger_reader_set_unit (self->reader, sel == 1 ? VV_LEDGER_UNIT_KR
                                             : sel == 2 ? VV_LEDGER_UNIT_THOUSANDS
                                             : VV_LEDGER_UNIT_AUTO);
  else if (row == self->function_code_row)
    vv_ledger_reader_set_function_code (self->reader, sel == 1 ? VV_LEDGER_FUNCTION_CODE_EXACT
                                                      : sel == 2 ? VV_LEDGER_FUNCTION_CODE_PREFIX
                                                      : VV_LEDGER_FUNCTION_CODE_AUTO);
  else if (row == self->sheet_choice_row)
    {
      GPtrArray *sheets = vv_ledger_reader_get_sheet_names (self->reader);

      vv_ledger_reader_set_sheet (self->reader, chosen && sheets != NULL && sel <= sheets->len
                                                ? g_ptr_array_index (sheets, sel - 1) : NULL);
      /* another sheet, other columns: detect them afresh */
      for (guint role = 0; role < VV_LEDGER_N_COLUMNS; role++)
        vv_ledger_reader_set_column (self->reader, role, -1);
    }
  _vv_import_dialog_refresh (self);
  if (row == self->sheet_choice_row || row == self->amount_choice_row)
    _vv_import_dialog_update_role_models (self);
  self->updating = FALSE;
}

