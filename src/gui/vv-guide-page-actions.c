/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-guide-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vv-case-store.h"
#include "vv-guide-page-private.h"
#include "vv-print.h"
#include "vv-report.h"

/* helpers */

static VvCaseStore *
find_case_store (VvGuidePage  *self,
                 GError      **error)
{
  if (self->context == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Cases can only be saved from the application window"));
      return NULL;
    }
  return vv_context_get_case_store (self->context, error);
}

/* The toolbar */

static void
fill_glossary (VvGuidePage *self)
{
  GPtrArray *glossary = vv_rules_get_glossary (self->rules);

  if (gtk_widget_get_first_child (GTK_WIDGET (self->glossary_list)) != NULL)
    return;

  for (guint i = 0; glossary != NULL && i < glossary->len; i++)
    {
      const VvGlossaryEntry *entry = g_ptr_array_index (glossary, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->term);
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), vv_rules_tr (entry->definition));
      if (entry->rule != NULL)
        {
          const VvCitation *c = vv_rules_lookup_citation (self->rules, entry->rule);

          if (c != NULL)
            gtk_widget_set_tooltip_text (row, c->source);
        }
      gtk_list_box_append (self->glossary_list, row);
    }
}

static void
fill_years (VvGuidePage *self)
{
  g_autoptr(GtkStringList) years = gtk_string_list_new (NULL);
  int min = vv_rules_get_min_year (self->rules);
  int max = vv_rules_get_max_year (self->rules);

  for (int y = min; y <= max; y++)
    {
      g_autofree char *s = g_strdup_printf ("%d", y);

      gtk_string_list_append (years, s);
    }
  gtk_drop_down_set_model (self->year_dropdown, G_LIST_MODEL (years));
  gtk_drop_down_set_selected (self->year_dropdown, vv_interview_get_year (self->interview) - min);
}

/* The year chooser and the glossary popover. */
void
_vv_guide_page_fill_toolbar (VvGuidePage *self)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (self->glossary_list), GTK_TYPE_POPOVER);

  fill_years (self);
  /* Twenty rows of wrapped text nobody sees before opening the glossary: built
   * when it is first opened, not before the window's first frame. */
  g_signal_connect_object (popover, "show", G_CALLBACK (fill_glossary), self, G_CONNECT_SWAPPED);
}

/* callbacks */

static void
report_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(VvGuidePage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!vv_report_write_pdf_finish (VV_REPORT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _vv_guide_page_show_toast (self, error->message);
      _vv_guide_page_report_written (self, NULL, error->message);
      return;
    }
  _vv_guide_page_show_toast (self, _("Decision report exported"));
  _vv_guide_page_report_written (self, g_object_get_data (G_OBJECT (object), "vv-path"), NULL);
}

static void
on_export_dialog_response_cb (GtkNativeDialog *dialog,
                              int              response,
                              VvGuidePage     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      vv_guide_page_export_pdf (self, file);
    }
  g_clear_object (&self->dialog);
}

static void
on_print_begin_print_cb (GtkPrintOperation *operation,
                         GtkPrintContext   *context,
                         VvReport          *report)
{
  gtk_print_operation_set_n_pages (operation,
                                   vv_report_get_n_pages (report,
                                                          gtk_print_context_get_width (context),
                                                          gtk_print_context_get_height (context)));
}

static void
on_print_draw_page_cb (GtkPrintOperation *operation,
                       GtkPrintContext   *context,
                       int                page,
                       VvReport          *report)
{
  vv_report_render_page (report, page, gtk_print_context_get_cairo_context (context),
                         gtk_print_context_get_width (context),
                         gtk_print_context_get_height (context));
}

/* actions */

static void
answer_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VvGuidePage *self = VV_GUIDE_PAGE (widget);
  const char *arg = g_variant_get_string (parameter, NULL);
  g_auto(GStrv) parts = g_strsplit (arg, "=", 2);
  g_autoptr(GError) error = NULL;

  if (g_strv_length (parts) != 2)
    {
      g_critical ("guide.answer expects “fact=value”, got “%s”", arg);
      return;
    }
  if (!vv_guide_page_answer (self, parts[0], parts[1], &error))
    _vv_guide_page_show_toast (self, error->message);
}

static void
submit_number_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  VvGuidePage *self = VV_GUIDE_PAGE (widget);
  const VvFact *fact = vv_interview_get_current_fact (self->interview);
  g_autofree char *value = NULL;
  g_autoptr(GError) error = NULL;

  if (fact == NULL || fact->type != VV_FACT_INTEGER)
    return;
  value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->number_entry))));
  if (*value == '\0')
    {
      _vv_guide_page_show_toast (self, _("Type a number first"));
      gtk_widget_grab_focus (GTK_WIDGET (self->number_entry));
      return;
    }
  if (!vv_guide_page_answer (self, fact->id, value, &error))
    {
      _vv_guide_page_show_toast (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->number_entry));
    }
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  vv_guide_page_edit (VV_GUIDE_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  vv_guide_page_back (VV_GUIDE_PAGE (widget));
}

static void
cancel_edit_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  vv_interview_cancel_edit (VV_GUIDE_PAGE (widget)->interview);
}

/* The reset can be undone: the window's toast offers Undo (win.undo-reset,
 * which comes back here as guide.undo-reset). */
static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  VvGuidePage *self = VV_GUIDE_PAGE (widget);

  vv_guide_page_reset (self);
  if (!gtk_widget_activate_action (widget, "win.show-undo-toast", "(ssv)", _("Answers cleared"),
                                   "win.undo-guide-reset", g_variant_new_boolean (TRUE)))
    g_debug ("Answers cleared");
}

static void
undo_reset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  vv_guide_page_undo_reset (VV_GUIDE_PAGE (widget));
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  vv_interview_step (VV_GUIDE_PAGE (widget)->interview,
                     g_str_equal (action_name, "guide.step-next") ? 1 : -1);
}

static void
show_chart_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VvGuidePage *self = VV_GUIDE_PAGE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet,
                                      g_str_equal (action_name, "guide.show-chart") ? "chart"
                                                                                   : "questions");
}

static void
copy_summary_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  VvGuidePage *self = VV_GUIDE_PAGE (widget);
  g_autofree char *text = vv_guide_page_dup_summary (self);

  if (text == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  _vv_guide_page_show_toast (self, _("Summary copied"));
}

static void
case_saved_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(VvGuidePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VvCase) kase = vv_case_store_save_finish (VV_CASE_STORE (source), result, &error);

  self->saving = FALSE;
  if (kase == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not save the case: %s"), error->message);

      _vv_guide_page_show_toast (self, text);
    }
  else
    {
      vv_interview_mark_saved (self->interview, kase);
      _vv_guide_page_show_toast (self, _("Case saved"));
    }
  _vv_guide_page_update_actions (self);
}

/* Saves the answers under the title typed (or one made from the result and
 * the date). A case saved before is updated, never saved twice. The save
 * runs in a worker thread: it may wait for another program's import. */
static void
save_case_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VvGuidePage *self = VV_GUIDE_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(VvCase) kase = NULL;
  VvCaseStore *store;

  if (!vv_interview_get_finished (self->interview) || self->saving)
    return;
  store = find_case_store (self, &error);
  if (store == NULL)
    {
      _vv_guide_page_show_toast (self, error->message);
      return;
    }
  kase = vv_interview_to_case (self->interview);
  self->saving = TRUE;
  _vv_guide_page_update_actions (self);
  vv_case_store_save_async (store, kase, VV_CASE_STORE_SAVE_ADD_IF_DELETED, self->cancellable,
                            case_saved_cb, g_object_ref (self));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VvGuidePage *self = VV_GUIDE_PAGE (widget);
  double current = vv_flowchart_view_get_zoom (self->flowchart_view);

  if (current <= 0)
    current = vv_flowchart_view_get_scale (self->flowchart_view);
  if (g_str_equal (action_name, "guide.zoom-in"))
    _vv_guide_page_set_zoom (self, MIN (current * 1.4, 2.5));
  else if (g_str_equal (action_name, "guide.zoom-out"))
    _vv_guide_page_set_zoom (self, current / 1.4);
  else
    _vv_guide_page_set_zoom (self, 0);
}

static gboolean
presentation_key_cb (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  VvGuidePage *self = VV_GUIDE_PAGE (widget);

  if (!self->presentation)
    return FALSE;
  vv_interview_step (self->interview, g_variant_get_int32 (args));
  return TRUE;
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VvGuidePage *self = VV_GUIDE_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->dialog != NULL)
    return;
  native = gtk_file_chooser_native_new (_("Export Decision Report"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  /* Translators: default file name of the exported report */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), _("decision-report.pdf"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_export_dialog_response_cb), self);
  self->dialog = GTK_NATIVE_DIALOG (native);
  gtk_native_dialog_show (self->dialog);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  VvGuidePage *self = VV_GUIDE_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!vv_guide_page_print (self, NULL, &error))
    _vv_guide_page_show_toast (self, error->message);
}

static void
export_pdf_to_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  vv_guide_page_export_pdf (VV_GUIDE_PAGE (widget), file);
}

/* class */

void
_vv_guide_page_class_actions_init (VvGuidePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "guide.answer", "s", answer_action);
  gtk_widget_class_install_action (widget_class, "guide.submit-number", NULL, submit_number_action);
  gtk_widget_class_install_action (widget_class, "guide.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "guide.cancel-edit", NULL, cancel_edit_action);
  gtk_widget_class_install_action (widget_class, "guide.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "guide.reset", NULL, reset_action);
  gtk_widget_class_install_action (widget_class, "guide.undo-reset", NULL, undo_reset_action);
  gtk_widget_class_install_action (widget_class, "guide.step-next", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "guide.step-previous", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "guide.show-chart", NULL, show_chart_action);
  gtk_widget_class_install_action (widget_class, "guide.show-questions", NULL, show_chart_action);
  gtk_widget_class_install_action (widget_class, "guide.copy-summary", NULL, copy_summary_action);
  gtk_widget_class_install_action (widget_class, "guide.save-case", NULL, save_case_action);
  gtk_widget_class_install_action (widget_class, "guide.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "guide.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "guide.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "guide.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "guide.export-pdf-to", "s", export_pdf_to_action);
  gtk_widget_class_install_action (widget_class, "guide.print", NULL, print_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "guide.cancel-edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "guide.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "guide.reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "guide.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "guide.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "guide.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "guide.zoom-fit", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Page_Down, 0, presentation_key_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Right, 0, presentation_key_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_space, 0, presentation_key_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Page_Up, 0, presentation_key_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, 0, presentation_key_cb, "i", -1);
}

/* public API */

/**
 * vv_guide_page_export_pdf:
 * @self: the page
 * @file: where to write the report
 *
 * Writes the decision report in a worker thread; a toast and
 * ::report-written tell how it went.
 */
void
vv_guide_page_export_pdf (VvGuidePage *self,
                          GFile       *file)
{
  g_autoptr(JsonObject) facts = NULL;
  g_autoptr(VvReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (VV_IS_GUIDE_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  facts = vv_guide_page_dup_facts (self);
  report = vv_report_new (self->rules, vv_interview_get_year (self->interview), facts, &error);
  if (report == NULL)
    {
      _vv_guide_page_show_toast (self, error->message);
      _vv_guide_page_report_written (self, NULL, error->message);
      return;
    }
  g_object_set_data_full (G_OBJECT (report), "vv-path", g_file_get_path (file), g_free);
  vv_report_write_pdf_async (report, file, self->cancellable, report_written_cb,
                             g_object_ref (self));
}

/**
 * vv_guide_page_print:
 * @self: the page
 * @export_path: (nullable): write the printout to this PDF file instead of
 *   showing the print dialog
 * @error: return location for a #GError
 *
 * Prints the decision report, drawn by the same code as the PDF export.
 *
 * Returns: %TRUE unless printing failed
 */
gboolean
vv_guide_page_print (VvGuidePage  *self,
                     const char   *export_path,
                     GError      **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(JsonObject) facts = NULL;
  g_autoptr(VvReport) report = NULL;
  GtkPrintOperationResult result;
  GtkRoot *root;

  g_return_val_if_fail (VV_IS_GUIDE_PAGE (self), FALSE);

  facts = vv_guide_page_dup_facts (self);
  report = vv_report_new (self->rules, vv_interview_get_year (self->interview), facts, error);
  if (report == NULL)
    return FALSE;

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, vv_report_get_title (report));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect_object (operation, "begin-print", G_CALLBACK (on_print_begin_print_cb), report, 0);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (on_print_draw_page_cb), report, 0);
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (operation, export_path);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  result = vv_print_operation_run (operation,
                                   export_path != NULL ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                       : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                   GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, error);
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}
