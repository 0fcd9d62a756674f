/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-ledger-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vv-import-dialog.h"
#include "vv-ledger-page-private.h"
#include "vv-message-dialog.h"
#include "vv-split-report.h"
#include "vv-unit-guide-dialog.h"

/* The ledger page's `ledger.` actions, the dialogs they open (import,
 * duplicate file, rejected lines, unit, delete) and the exports. */

typedef struct
{
  VvSplit *split;
  char    *title;
  char    *path;
  gboolean pdf;
} ExportData;

static void replace_done_cb (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data);

/* helpers */

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->split);
  g_free (data->title);
  g_free (data->path);
  g_free (data);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  GError *error = NULL;
  gboolean ok;

  if (data->pdf)
    ok = vv_split_report_write_pdf (data->split, data->title, data->path, &error);
  else
    ok = vv_split_report_write_csv (data->split, data->path, &error);
  if (!ok)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (source);
  ExportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      _vv_ledger_page_show_message (self, _("Cannot Export"), error->message);
      g_signal_emit (self, _vv_ledger_page_signals[EXPORTED], 0, NULL, error->message);
      return;
    }
  name = g_path_get_basename (data->path);
  text = g_strdup_printf (_("Saved “%s”"), name);
  _vv_ledger_page_show_toast (self, text);
  g_signal_emit (self, _vv_ledger_page_signals[EXPORTED], 0, data->path, NULL);
}

static void
on_rejects_dialog_response_cb (AdwMessageDialog *dialog,
                               const char       *response,
                               VvLedgerPage     *self)
{
  gint64 import_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "import-id"));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "undo"))
    return;
  if (!vv_ledger_session_delete_import (self->session, import_id, &error))
    {
      _vv_ledger_page_show_message (self, _("Cannot Undo the Import"), error->message);
      return;
    }
  _vv_ledger_page_show_toast (self, _("Import undone"));
  _vv_ledger_page_show_latest_import (self);
}

void
_vv_ledger_page_offer_undo_rejects (VvLedgerPage *self)
{
  const VvLedgerImport *import = vv_ledger_session_get_import (self->session);
  GPtrArray *rejects = vv_ledger_session_get_rejects (self->session);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *heading = NULL;
  gulong n = (gulong) MIN (import->rejected, G_MAXULONG);
  GtkWidget *dialog;

  heading = g_strdup_printf (ngettext ("%llu Line Cannot Be Read", "%llu Lines Cannot Be Read", n),
                             (unsigned long long) import->rejected);
  g_string_append_printf (body, ngettext ("“%s” was imported without it:",
                                          "“%s” was imported without them:", n),
                          import->file_name);
  g_string_append (body, "\n");
  for (guint i = 0; rejects != NULL && i < MIN (rejects->len, 12); i++)
    {
      const VvStoredReject *r = g_ptr_array_index (rejects, i);

      g_string_append_c (body, '\n');
      if (r->field != NULL)
        g_string_append_printf (body, _("Line %llu, field “%s”: %s"),
                                (unsigned long long) r->line_no, r->field, r->message);
      else
        g_string_append_printf (body, _("Line %llu: %s"), (unsigned long long) r->line_no,
                                r->message);
    }
  if (rejects != NULL && rejects->len > 12)
    g_string_append_printf (body, "\n%s", _("…"));

  dialog = _vv_ledger_page_message_dialog (self, heading, body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "undo", _("_Undo Import"),
                                    "keep", _("_Keep the Rest"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "undo",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_object_set_data (G_OBJECT (dialog), "import-id", GSIZE_TO_POINTER ((gsize) import->id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_rejects_dialog_response_cb), self,
                           0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_duplicate_dialog_response_cb (AdwMessageDialog *dialog,
                                 const char       *response,
                                 VvLedgerPage     *self)
{
  gint64 earlier = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "import-id"));
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");
  VvLedgerReader *reader = g_object_get_data (G_OBJECT (dialog), "reader");
  g_autofree char *name = g_path_get_basename (path);

  if (g_str_equal (response, "show"))
    vv_ledger_page_show_import (self, earlier);
  else if (g_str_equal (response, "replace") && !vv_ledger_session_get_busy (self->session))
    vv_ledger_session_replace_async (self->session, earlier, path, reader,
                                     _vv_ledger_page_begin_step (self, _("Importing…"), name),
                                     replace_done_cb, g_object_ref (self));
}

/* The same file was imported before: show that import, or replace it. */
static void
offer_duplicate (VvLedgerPage   *self,
                 const char     *path,
                 VvLedgerReader *reader,
                 gint64          earlier,
                 const GError   *error)
{
  GtkWidget *dialog = _vv_ledger_page_message_dialog (self, _("Already Imported"), error->message);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace It"),
                                    "show", _("_Show Earlier Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "show",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "show");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "import-id", GSIZE_TO_POINTER ((gsize) earlier));
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (path), g_free);
  if (reader != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "reader", g_object_ref (reader), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_duplicate_dialog_response_cb),
                           self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_failed (VvLedgerPage *self,
               const GError *error,
               const char   *heading)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_CANCELLED))
    _vv_ledger_page_show_toast (self, _("Import cancelled; nothing was changed"));
  else
    _vv_ledger_page_show_message (self, heading, error->message);
  g_signal_emit (self, _vv_ledger_page_signals[IMPORT_FINISHED], 0, FALSE, error->message);
}

static void
imported (VvLedgerPage *self)
{
  _vv_ledger_page_show_split_or_empty (self);
  if (vv_ledger_session_get_import (self->session)->rejected > 0)
    _vv_ledger_page_offer_undo_rejects (self);
  g_signal_emit (self, _vv_ledger_page_signals[IMPORT_FINISHED], 0, TRUE, NULL);
}

void
_vv_ledger_page_import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(VvLedgerPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 import_id = 0;

  _vv_ledger_page_end_step (self);
  if (!vv_ledger_session_import_finish (self->session, result, &import_id, &error))
    {
      _vv_ledger_page_show_split_or_empty (self);
      if (g_error_matches (error, VV_LEDGER_STORE_ERROR, VV_LEDGER_STORE_ERROR_DUPLICATE) &&
          import_id > 0)
        {
          offer_duplicate (self, self->pending_path, self->pending_reader, import_id, error);
          g_signal_emit (self, _vv_ledger_page_signals[IMPORT_FINISHED], 0, FALSE, error->message);
          return;
        }
      import_failed (self, error, _("Cannot Import the Ledger"));
      return;
    }
  imported (self);
}

static void
replace_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(VvLedgerPage) self = user_data;
  g_autoptr(GError) error = NULL;

  _vv_ledger_page_end_step (self);
  if (!vv_ledger_session_replace_finish (self->session, result, NULL, &error))
    {
      _vv_ledger_page_show_split_or_empty (self);
      import_failed (self, error, _("Cannot Import the Ledger"));
      return;
    }
  _vv_ledger_page_show_toast (self, _("The earlier import was replaced"));
  imported (self);
}

/* callbacks */

static void
on_import_dialog_import_cb (VvImportDialog *dialog,
                            VvLedgerPage   *self)
{
  vv_ledger_page_import (self, vv_import_dialog_get_path (dialog),
                         vv_import_dialog_get_units_path (dialog),
                         vv_import_dialog_get_reader (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
on_import_chooser_response_cb (GtkNativeDialog *native,
                               int              response,
                               VvLedgerPage    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        vv_ledger_page_open_import (self, path);
    }
  g_object_unref (native);
}

static void
on_export_chooser_response_cb (GtkNativeDialog *native,
                               int              response,
                               VvLedgerPage    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (g_object_get_data (G_OBJECT (native), "pdf") != NULL)
        vv_ledger_page_export_pdf (self, file);
      else
        vv_ledger_page_export_csv (self, file);
    }
  g_object_unref (native);
}

static void
on_unit_dialog_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            VvLedgerPage     *self)
{
  const char *ansvar = g_object_get_data (G_OBJECT (dialog), "ansvar");
  GtkEditable *name = g_object_get_data (G_OBJECT (dialog), "name");
  GtkEditable *allocation = g_object_get_data (G_OBJECT (dialog), "allocation");
  g_autoptr(GArray) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *normal = NULL;
  g_autofree char *message = NULL;

  if (g_str_equal (response, "staff"))
    gtk_widget_activate_action (GTK_WIDGET (self), "ledger.unit-guide", "s", ansvar);
  if (!g_str_equal (response, "apply"))
    return;
  parsed = vv_allocation_parse (vv_ledger_session_get_rules (self->session),
                                gtk_editable_get_text (allocation), &error);
  if (parsed == NULL)
    {
      _vv_ledger_page_show_error (self, error->message);
      return;
    }
  normal = vv_allocation_to_string (parsed);
  message = g_strdup_printf (_("Ansvar %s changed to %s"), ansvar, normal);
  _vv_ledger_page_set_unit (self, ansvar, gtk_editable_get_text (name), normal, NULL, NULL,
                            message);
}

/* actions */

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) dat = gtk_file_filter_new ();

  native = gtk_file_chooser_native_new (_("Import Ledger"), _vv_ledger_page_parent_window (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (all, _("Ledgers (CSV, KOSTRA .dat)"));
  gtk_file_filter_add_pattern (all, "*.csv");
  gtk_file_filter_add_pattern (all, "*.CSV");
  gtk_file_filter_add_pattern (all, "*.txt");
  gtk_file_filter_add_pattern (all, "*.dat");
  gtk_file_filter_add_pattern (all, "*.DAT");
  gtk_file_filter_set_name (csv, _("CSV exports"));
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_set_name (dat, _("KOSTRA file extracts"));
  gtk_file_filter_add_pattern (dat, "*.dat");
  gtk_file_filter_add_pattern (dat, "*.DAT");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), dat);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_import_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  vv_ledger_page_cancel (VV_LEDGER_PAGE (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (widget);

  g_cancellable_cancel (self->lines_cancellable);
  _vv_ledger_page_show_split_or_empty (self);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (widget);
  const char *visible = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (visible, "lines") == 0)
    vv_ledger_lines_view_search (self->lines_view, NULL);
  else if (g_strcmp0 (visible, "split") == 0)
    vv_ledger_split_view_search (self->split_view, NULL);
}

static void
show_finding_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!vv_ledger_page_show_finding (self, g_variant_get_uint32 (parameter), &error))
    _vv_ledger_page_show_message (self, _("Cannot Show the Lines"), error->message);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (widget);
  gboolean pdf = g_str_equal (action_name, "ledger.export-pdf");
  VvSplit *split = vv_ledger_session_get_split (self->session);
  GtkFileChooserNative *native;
  g_autofree char *name = NULL;

  native = gtk_file_chooser_native_new (pdf ? _("Export PDF Report") : _("Export CSV"),
                                        _vv_ledger_page_parent_window (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  name = g_strdup_printf ("%s-%d.%s", pdf ? _("split-report") : _("split"),
                          vv_split_get_year (split), pdf ? "pdf" : "csv");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (pdf)
    g_object_set_data (G_OBJECT (native), "pdf", GINT_TO_POINTER (1));
  g_signal_connect (native, "response", G_CALLBACK (on_export_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
classify_unit_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  /* The window hands the unit to the guide and applies its result. */
  gtk_widget_activate_action (widget, "win.classify-unit", "s",
                              g_variant_get_string (parameter, NULL));
}

static void
on_unit_guide_apply_cb (VvUnitGuideDialog *dialog,
                        VvLedgerPage      *self)
{
  const char *ansvar = vv_unit_guide_dialog_get_ansvar (dialog);
  g_autofree char *allocation = vv_unit_guide_dialog_dup_allocation (dialog);
  g_autofree char *citation = vv_unit_guide_dialog_dup_citation (dialog);
  g_autofree char *input = vv_unit_guide_dialog_dup_input (dialog);
  g_autofree char *message = NULL;

  if (allocation == NULL || vv_ledger_session_get_busy (self->session))
    return;
  message = g_strdup_printf (_("Ansvar %s split by staff hours: %s"), ansvar, allocation);
  _vv_ledger_page_set_unit (self, ansvar, NULL, allocation, citation, input, message);
}

/* The unit guide for a unit: its base and staff give the Fordeling. */
static void
unit_guide_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (widget);
  const char *ansvar = g_variant_get_string (parameter, NULL);
  VvSplit *split = vv_ledger_session_get_split (self->session);
  VvRules *rules = vv_ledger_session_get_rules (self->session);
  g_autoptr(VvStoredUnit) unit = vv_ledger_session_get_stored_unit (self->session, ansvar, NULL);
  const char *name = unit != NULL ? unit->name : NULL;
  VvUnitGuideDialog *dialog;
  int year;

  if (*ansvar == '\0')
    return;
  for (guint i = 0; name == NULL && split != NULL && i < vv_split_get_ansvars (split)->len; i++)
    {
      const VvSplitAnsvar *a = g_ptr_array_index (vv_split_get_ansvars (split), i);

      if (g_str_equal (a->ansvar, ansvar))
        name = a->unit_name;
    }
  /* The register names 257/258 (the split maps them to 254 before 2024). */
  year = split != NULL ? MAX (vv_split_get_year (split), 2024) : 2024;
  year = CLAMP (year, vv_rules_get_min_year (rules), vv_rules_get_max_year (rules));
  dialog = vv_unit_guide_dialog_new (rules, ansvar, name, year, unit != NULL ? unit->guide : NULL);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), _vv_ledger_page_parent_window (self));
  g_signal_connect_object (dialog, "apply", G_CALLBACK (on_unit_guide_apply_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static void
assign_unit_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *ansvar, *allocation;

  g_variant_get (parameter, "(&s&s)", &ansvar, &allocation);
  if (!vv_ledger_page_assign_unit (self, ansvar, allocation, &error))
    _vv_ledger_page_show_error (self, error->message);
}

static void
edit_unit_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (widget);
  const char *ansvar = g_variant_get_string (parameter, NULL);
  VvUnits *units = vv_ledger_session_get_units (self->session);
  const VvUnit *unit = units != NULL ? vv_units_lookup (units, ansvar) : NULL;
  g_autofree char *heading = NULL;
  g_autofree char *alloc = NULL;
  GtkWidget *dialog, *list, *name, *allocation;

  if (unit == NULL)
    return;
  heading = g_strdup_printf (_("Unit %s"), ansvar);
  dialog = _vv_ledger_page_message_dialog (self, heading, _("Rename the unit, or give it another split: "
                                            "function:percent pairs that sum to 100."));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  name = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name), _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (name), unit->name != NULL ? unit->name : "");
  allocation = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (allocation), _("Fordeling"));
  alloc = vv_allocation_to_string (unit->allocations);
  gtk_editable_set_text (GTK_EDITABLE (allocation), alloc);
  gtk_list_box_append (GTK_LIST_BOX (list), name);
  gtk_list_box_append (GTK_LIST_BOX (list), allocation);
  vv_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "staff", _("_Split by Staff Hours…"),
                                    "apply", _("_Apply"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "ansvar", g_strdup (ansvar), g_free);
  g_object_set_data (G_OBJECT (dialog), "name", name);
  g_object_set_data (G_OBJECT (dialog), "allocation", allocation);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_unit_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
undo_unit_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (widget);
  g_autofree char *message = NULL;
  VvStoredUnit *u = self->undo_unit;

  if (!self->undo_valid || self->undo_ansvar == NULL)
    return;
  self->undo_valid = FALSE;
  message = g_strdup_printf (_("Ansvar %s is as it was"), self->undo_ansvar);
  _vv_ledger_page_set_unit (self, self->undo_ansvar, u != NULL ? u->name : NULL, u != NULL ? u->allocation : NULL,
            u != NULL ? u->citation : NULL, u != NULL ? u->guide : NULL, message);
}

static void
show_import_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  vv_ledger_page_show_import (VV_LEDGER_PAGE (widget), g_variant_get_int64 (parameter));
}

static void
on_delete_dialog_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              VvLedgerPage     *self)
{
  gint64 import_id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "import-id"));
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "delete") &&
      !vv_ledger_page_delete_import (self, import_id, &error))
    _vv_ledger_page_show_message (self, _("Cannot Delete the Import"), error->message);
}

static void
delete_import_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (widget);
  const VvLedgerImport *import = vv_ledger_session_get_import (self->session);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (import == NULL || vv_ledger_session_get_busy (self->session) ||
      vv_ledger_session_get_sample (self->session))
    return;
  body = g_strdup_printf (_("The lines of “%s” are removed from the database, with the findings "
                            "drawn from them. The file itself is not touched, and the units "
                            "register stays as it is."), import->file_name);
  dialog = _vv_ledger_page_message_dialog (self, _("Delete This Import?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "import-id", GSIZE_TO_POINTER ((gsize) import->id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_dialog_response_cb), self,
                           0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_sample_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!vv_ledger_session_remove_sample (self->session, &error))
    {
      _vv_ledger_page_show_message (self, _("Cannot Remove the Sample"), error->message);
      return;
    }
  _vv_ledger_page_show_toast (self, _("Sample ledger removed"));
  _vv_ledger_page_show_latest_import (self);
}

void
_vv_ledger_page_update_actions (VvLedgerPage *self)
{
  gboolean busy = self->session != NULL && vv_ledger_session_get_busy (self->session);
  gboolean split = self->session != NULL && vv_ledger_session_get_split (self->session) != NULL;
  gboolean sample = self->session != NULL && vv_ledger_session_get_sample (self->session);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.show-import", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.delete-import",
                                 !busy && split && !sample);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.remove-sample", !busy && sample);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.import", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.cancel", busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.export-csv", !busy && split);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.export-pdf", !busy && split);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.classify-unit", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.assign-unit", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.edit-unit", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.unit-guide", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.undo-unit",
                                 !busy && self->undo_valid);
  _vv_ledger_page_update_export_actions (self, busy);
}

/* public API */

static void
export (VvLedgerPage *self,
        GFile        *file,
        gboolean      pdf)
{
  const VvLedgerImport *import = vv_ledger_session_get_import (self->session);
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  data = g_new0 (ExportData, 1);
  data->split = g_object_ref (vv_ledger_session_get_split (self->session));
  data->title = g_strdup (import != NULL ? import->file_name : NULL);
  data->path = g_file_get_path (file);
  data->pdf = pdf;
  task = g_task_new (self, NULL, export_done_cb, NULL);
  g_task_set_source_tag (task, export);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

/**
 * vv_ledger_page_export_csv:
 * @self: the page
 * @file: where to write
 *
 * Writes the split and findings as CSV in a worker thread; emits
 * #VvLedgerPage::exported when done.
 */
void
vv_ledger_page_export_csv (VvLedgerPage *self,
                           GFile        *file)
{
  g_return_if_fail (VV_IS_LEDGER_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (vv_ledger_page_get_split (self) != NULL);

  export (self, file, FALSE);
}

void
vv_ledger_page_export_pdf (VvLedgerPage *self,
                           GFile        *file)
{
  g_return_if_fail (VV_IS_LEDGER_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (vv_ledger_page_get_split (self) != NULL);

  export (self, file, TRUE);
}

/**
 * vv_ledger_page_open_import:
 * @self: the page
 * @path: a ledger file
 *
 * Opens the import assistant for @path (what Ctrl+O and dropping a file do).
 */
void
vv_ledger_page_open_import (VvLedgerPage *self,
                            const char   *path)
{
  g_autoptr(GError) error = NULL;
  VvImportDialog *dialog;

  g_return_if_fail (VV_IS_LEDGER_PAGE (self));
  g_return_if_fail (path != NULL);

  if (!_vv_ledger_page_ensure_session (self))
    return;
  dialog = vv_import_dialog_new (self->session, path, &error);
  if (dialog == NULL)
    {
      _vv_ledger_page_show_message (self, _("Cannot Read the File"), error->message);
      return;
    }
  gtk_window_set_transient_for (GTK_WINDOW (dialog), _vv_ledger_page_parent_window (self));
  g_signal_connect_object (dialog, "import", G_CALLBACK (on_import_dialog_import_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  /* The window holds itself; drop the reference from vv_import_dialog_new(). */
  g_object_unref (dialog);
}

void
_vv_ledger_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "ledger.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "ledger.show-import", "x", show_import_action);
  gtk_widget_class_install_action (widget_class, "ledger.delete-import", NULL,
                                   delete_import_action);
  gtk_widget_class_install_action (widget_class, "ledger.remove-sample", NULL,
                                   remove_sample_action);
  gtk_widget_class_install_action (widget_class, "ledger.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "ledger.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "ledger.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "ledger.show-finding", "u",
                                   show_finding_action);
  gtk_widget_class_install_action (widget_class, "ledger.export-csv", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "ledger.export-pdf", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "ledger.classify-unit", "s",
                                   classify_unit_action);
  gtk_widget_class_install_action (widget_class, "ledger.assign-unit", "(ss)",
                                   assign_unit_action);
  gtk_widget_class_install_action (widget_class, "ledger.edit-unit", "s", edit_unit_action);
  gtk_widget_class_install_action (widget_class, "ledger.unit-guide", "s", unit_guide_action);
  gtk_widget_class_install_action (widget_class, "ledger.undo-unit", NULL, undo_unit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "ledger.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "ledger.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "ledger.back", NULL);
}
