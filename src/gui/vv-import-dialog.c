/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-import-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vv-import-dialog-private.h"
#include "vv-ledger-store.h"
#include "vv-split.h"


G_DEFINE_FINAL_TYPE (VvImportDialog, vv_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const VvLedgerFormat formats[] = {
  VV_LEDGER_FORMAT_AUTO, VV_LEDGER_FORMAT_CSV, VV_LEDGER_FORMAT_KOSTRA
};
static const VvLedgerEncoding encodings[] = {
  VV_LEDGER_ENCODING_AUTO, VV_LEDGER_ENCODING_UTF8, VV_LEDGER_ENCODING_WINDOWS_1252
};
static const char separators[] = { 0, ';', ',', '\t', '|' };
static const char decimal_marks[] = { 0, ',', '.' };

/* helpers */

static AdwComboRow *
role_row (VvImportDialog *self,
          VvLedgerColumn  role)
{
  switch (role)
    {
    case VV_LEDGER_COLUMN_YEAR:
      return self->year_row;
    case VV_LEDGER_COLUMN_PERIOD:
      return self->period_row;
    case VV_LEDGER_COLUMN_ANSVAR:
      return self->ansvar_row;
    case VV_LEDGER_COLUMN_FUNCTION:
      return self->function_row;
    case VV_LEDGER_COLUMN_ART:
      return self->art_row;
    case VV_LEDGER_COLUMN_TEXT:
      return self->text_row;
    case VV_LEDGER_COLUMN_CLASS:
      return self->class_row;
    case VV_LEDGER_COLUMN_REGION:
      return self->region_row;
    case VV_LEDGER_COLUMN_AMOUNT:
    case VV_LEDGER_N_COLUMNS:
    default:
      return self->amount_row;
    }
}

static guint
index_of_char (const char *chars,
               guint       n,
               char        c)
{
  for (guint i = 1; i < n; i++)
    if (chars[i] == c)
      return i;
  return 0;
}

/* Each role's dropdown lists "Automatic" and the file's header columns. */
void
_vv_import_dialog_update_role_models (VvImportDialog *self)
{
  GPtrArray *header;
  gboolean kostra;

  if (self->previewing)
    return;   /* the reader is the worker's; the rows follow when it is done */
  header = vv_ledger_reader_get_header (self->reader);
  kostra = vv_ledger_reader_get_format (self->reader) == VV_LEDGER_FORMAT_KOSTRA;
  gtk_widget_set_visible (self->columns_group, !kostra);
  gtk_widget_set_sensitive (GTK_WIDGET (self->separator_row), !kostra);
  gtk_widget_set_sensitive (GTK_WIDGET (self->decimal_row), !kostra);
  for (guint role = 0; role < VV_LEDGER_N_COLUMNS; role++)
    {
      g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
      AdwComboRow *row = role_row (self, role);
      int column = vv_ledger_reader_get_column (self->reader, role);

      gtk_string_list_append (list, _("Not in the file"));
      for (guint i = 0; header != NULL && i < header->len; i++)
        {
          g_autofree char *item = g_strdup_printf ("%u · %s", i + 1,
                                                   (char *) g_ptr_array_index (header, i));

          gtk_string_list_append (list, item);
        }
      adw_combo_row_set_model (row, G_LIST_MODEL (list));
      adw_combo_row_set_selected (row, column >= 0 && header != NULL &&
                                       (guint) column < header->len ? (guint) column + 1 : 0);
    }
}

/* Reflect the reader's effective settings in the file rows. */
static void
update_file_rows (VvImportDialog *self)
{
  VvLedgerFormat format = vv_ledger_reader_get_format (self->reader);
  VvLedgerEncoding encoding = vv_ledger_reader_get_encoding (self->reader);

  g_assert (!self->previewing);

  for (guint i = 1; i < G_N_ELEMENTS (formats); i++)
    if (formats[i] == format)
      adw_combo_row_set_selected (self->format_row, i);
  for (guint i = 1; i < G_N_ELEMENTS (encodings); i++)
    if (encodings[i] == encoding)
      adw_combo_row_set_selected (self->encoding_row, i);
  adw_combo_row_set_selected (self->separator_row,
                              index_of_char (separators, G_N_ELEMENTS (separators),
                                             vv_ledger_reader_get_separator (self->reader)));
  adw_combo_row_set_selected (self->decimal_row,
                              index_of_char (decimal_marks, G_N_ELEMENTS (decimal_marks),
                                             vv_ledger_reader_get_decimal_mark (self->reader)));
}

static void
apply_rows (VvImportDialog *self)
{
  guint i;

  i = adw_combo_row_get_selected (self->format_row);
  vv_ledger_reader_set_format (self->reader, formats[MIN (i, G_N_ELEMENTS (formats) - 1)]);
  i = adw_combo_row_get_selected (self->encoding_row);
  vv_ledger_reader_set_encoding (self->reader, encodings[MIN (i, G_N_ELEMENTS (encodings) - 1)]);
  i = adw_combo_row_get_selected (self->separator_row);
  vv_ledger_reader_set_separator (self->reader, separators[MIN (i, G_N_ELEMENTS (separators) - 1)]);
  i = adw_combo_row_get_selected (self->decimal_row);
  vv_ledger_reader_set_decimal_mark (self->reader,
                                     decimal_marks[MIN (i, G_N_ELEMENTS (decimal_marks) - 1)]);
  for (guint role = 0; role < VV_LEDGER_N_COLUMNS; role++)
    {
      guint sel = adw_combo_row_get_selected (role_row (self, role));

      vv_ledger_reader_set_column (self->reader, role,
                                   sel == 0 || sel == GTK_INVALID_LIST_POSITION ? -1
                                                                               : (int) sel - 1);
    }
}

/* After any change: the preview of the file's start, the choices, the
 * survey of the whole file, and whether Import is on. A workbook's preview
 * is read in a worker thread, and the rest follows when it is done. */
void
_vv_import_dialog_refresh (VvImportDialog *self)
{
  if (self->is_sheet)
    {
      _vv_import_dialog_start_preview (self);
      return;
    }
  _vv_import_dialog_read_preview (self);
  _vv_import_dialog_start_survey (self);
  _vv_import_dialog_update_choices (self);
  _vv_import_dialog_update_status (self);
}

/* A workbook's preview is read: as vv_import_dialog_new() does for a text
 * file at once — the mapping remembered for the layout, the rows on the
 * reader's values — then the survey, the choices and the status. */
void
_vv_import_dialog_preview_read (VvImportDialog *self)
{
  if (!self->mapping_checked)
    {
      const char *key = vv_ledger_reader_get_layout_key (self->reader);
      g_autofree char *mapping = NULL;

      self->mapping_checked = TRUE;
      if (key != NULL)
        mapping = vv_ledger_store_get_mapping (vv_ledger_session_get_db (self->session), key,
                                               NULL);
      if (mapping != NULL && vv_ledger_mapping_apply (mapping, self->reader, NULL))
        {
          self->mapping_applied = TRUE;
          _vv_import_dialog_start_preview (self);
          return;
        }
    }
  update_file_rows (self);
  _vv_import_dialog_update_role_models (self);
  apply_rows (self);
  _vv_import_dialog_start_survey (self);
  _vv_import_dialog_update_choices (self);
  _vv_import_dialog_update_status (self);
}

/* callbacks */

static void
on_file_row_notify_selected_cb (VvImportDialog *self)
{
  if (self->updating || self->previewing)
    return;
  self->updating = TRUE;
  apply_rows (self);
  /* A new format or separator gives new header columns: detect them afresh. */
  for (guint role = 0; role < VV_LEDGER_N_COLUMNS; role++)
    vv_ledger_reader_set_column (self->reader, role, -1);
  _vv_import_dialog_refresh (self);
  _vv_import_dialog_update_role_models (self);
  self->updating = FALSE;
}

static void
on_role_row_notify_selected_cb (VvImportDialog *self)
{
  if (self->updating || self->previewing)
    return;
  self->updating = TRUE;
  apply_rows (self);
  _vv_import_dialog_refresh (self);
  self->updating = FALSE;
}

static void
on_units_chooser_response_cb (GtkNativeDialog *native,
                              int              response,
                              VvImportDialog  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = g_file_get_path (file);

      vv_import_dialog_set_units_path (self, path);
    }
  g_object_unref (native);
}

/* actions */

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VvImportDialog *self = VV_IMPORT_DIALOG (widget);
  const char *key = vv_ledger_reader_get_layout_key (self->reader);

  /* Remember the mapping for the next file with this layout. */
  if (key != NULL && vv_ledger_reader_get_format (self->reader) == VV_LEDGER_FORMAT_CSV)
    {
      g_autofree char *mapping = vv_ledger_mapping_from_reader (self->reader);
      g_autoptr(GError) error = NULL;

      if (mapping != NULL &&
          !vv_ledger_store_set_mapping (vv_ledger_session_get_db (self->session), key, mapping,
                                        &error))
        g_debug ("Cannot remember the column mapping: %s", error->message);
    }
  g_signal_emit (self, signals[IMPORT], 0);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
choose_units_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  VvImportDialog *self = VV_IMPORT_DIALOG (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  native = gtk_file_chooser_native_new (_("Choose a Units Register"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_units_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* overrides */

static void
vv_import_dialog_dispose (GObject *object)
{
  VvImportDialog *self = VV_IMPORT_DIALOG (object);

  if (self->survey_cancellable != NULL)
    g_cancellable_cancel (self->survey_cancellable);
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), VV_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (vv_import_dialog_parent_class)->dispose (object);
}

static void
vv_import_dialog_finalize (GObject *object)
{
  VvImportDialog *self = VV_IMPORT_DIALOG (object);

  g_clear_object (&self->session);
  g_clear_object (&self->reader);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->units_path, g_free);
  g_clear_pointer (&self->sample, g_bytes_unref);
  g_clear_pointer (&self->error_text, g_free);
  g_clear_error (&self->preview_error);
  g_clear_pointer (&self->amount_columns, g_array_unref);
  g_clear_pointer (&self->survey, vv_ledger_survey_free);
  g_clear_pointer (&self->survey_all, vv_ledger_survey_free);
  g_clear_pointer (&self->survey_all_key, g_free);
  g_clear_pointer (&self->survey_key, g_free);
  g_clear_object (&self->survey_cancellable);
  g_clear_object (&self->preview_cancellable);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->region, g_free);

  G_OBJECT_CLASS (vv_import_dialog_parent_class)->finalize (object);
}

static void
vv_import_dialog_class_init (VvImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vv_import_dialog_dispose;
  object_class->finalize = vv_import_dialog_finalize;

  /**
   * VvImportDialog::import:
   *
   * The user confirmed the settings; the dialog stays open until its owner
   * closes it.
   */
  signals[IMPORT] = g_signal_new ("import", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               VV_RESOURCE_PATH "/ui/vv-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VvImportDialog, amount_choice_row);
  gtk_widget_class_bind_template_child (widget_class, VvImportDialog, amount_row);
  gtk_widget_class_bind_template_child (widget_class, VvImportDialog, ansvar_row);
  gtk_widget_class_bind_template_child (widget_class, VvImportDialog, art_row);
  gtk_widget_class_bind_template_child (widget_class, VvImportDialog, choices_group);
  gtk_widget_class_bind_template_child (widget_class, VvImportDialog, class_row);
  gtk_widget_class_bind_template_child (widget_class, VvImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, VvImportDialog, decimal_row);
  gtk_widget_class_bind_template_child (widget_class, VvImportDialog, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, VvImportDialog, file_group);
  gtk_widget_class_bind_template_child (widget_class, VvImportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, VvImportDialog, function_code_row);
  gtk_widget_class_bind_template_child (widget_class, VvImportDialog, function_row);
  gtk_widget_class_bind_template_child (widget_class, VvImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, VvImportDialog, period_row);
  gtk_widget_class_bind_template_child (widget_class, VvImportDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, VvImportDialog, rejects_group);
  gtk_widget_class_bind_template_child (widget_class, VvImportDialog, rejects_list);
  gtk_widget_class_bind_template_child (widget_class, VvImportDialog, region_choice_row);
  gtk_widget_class_bind_template_child (widget_class, VvImportDialog, region_row);
  gtk_widget_class_bind_template_child (widget_class, VvImportDialog, separator_row);
  gtk_widget_class_bind_template_child (widget_class, VvImportDialog, sheet_choice_row);
  gtk_widget_class_bind_template_child (widget_class, VvImportDialog, text_row);
  gtk_widget_class_bind_template_child (widget_class, VvImportDialog, unit_choice_row);
  gtk_widget_class_bind_template_child (widget_class, VvImportDialog, units_row);
  gtk_widget_class_bind_template_child (widget_class, VvImportDialog, year_choice_row);
  gtk_widget_class_bind_template_child (widget_class, VvImportDialog, year_row);

  gtk_widget_class_install_action (widget_class, "import.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "import.choose-units", NULL,
                                   choose_units_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
}

static void
vv_import_dialog_init (VvImportDialog *self)
{
  AdwComboRow *file_rows[] = {
    self->format_row, self->encoding_row, self->separator_row, self->decimal_row
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  self->reader = vv_ledger_reader_new ();

  file_rows[0] = self->format_row;
  file_rows[1] = self->encoding_row;
  file_rows[2] = self->separator_row;
  file_rows[3] = self->decimal_row;
  for (guint i = 0; i < G_N_ELEMENTS (file_rows); i++)
    g_signal_connect_object (file_rows[i], "notify::selected",
                             G_CALLBACK (on_file_row_notify_selected_cb), self,
                             G_CONNECT_SWAPPED);
  for (guint role = 0; role < VV_LEDGER_N_COLUMNS; role++)
    g_signal_connect_object (role_row (self, role), "notify::selected",
                             G_CALLBACK (on_role_row_notify_selected_cb), self,
                             G_CONNECT_SWAPPED);
  {
    AdwComboRow *choice_rows[] = {
      self->year_choice_row, self->region_choice_row, self->sheet_choice_row,
      self->amount_choice_row, self->unit_choice_row, self->function_code_row
    };

    for (guint i = 0; i < G_N_ELEMENTS (choice_rows); i++)
      g_signal_connect_object (choice_rows[i], "notify::selected",
                               G_CALLBACK (_vv_import_dialog_on_choice_row_notify_selected_cb), self,
                               G_CONNECT_SWAPPED);
  }
}

/* public API */

/*
 * vv_import_dialog_new:
 * @session: the ledger session, whose database remembers the column
 *   mapping per layout
 * @path: the ledger file
 *
 * Reads the start of @path, detects its settings, applies a remembered
 * mapping, and shows the preview. Fails only when the file cannot be read.
 */
VvImportDialog *
vv_import_dialog_new (VvLedgerSession  *session,
                      const char       *path,
                      GError          **error)
{
  g_autoptr(VvImportDialog) self = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *title = NULL;
  const char *layout_key;

  g_return_val_if_fail (VV_IS_LEDGER_SESSION (session), NULL);
  g_return_val_if_fail (vv_ledger_session_get_db (session) != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return NULL;
  bytes = g_input_stream_read_bytes (G_INPUT_STREAM (stream), VV_IMPORT_SAMPLE_BYTES, NULL,
                                       error);
  if (bytes == NULL)
    return NULL;

  self = g_object_ref_sink (g_object_new (VV_TYPE_IMPORT_DIALOG, NULL));
  self->session = g_object_ref (session);
  self->path = g_strdup (path);
  self->sample = g_steal_pointer (&bytes);
  {
    gsize len;
    const char *head = g_bytes_get_data (self->sample, &len);

    self->is_sheet = len >= 4 && memcmp (head, "PK\003\004", 4) == 0;
  }
  title = g_file_get_basename (file);
  adw_preferences_group_set_title (self->file_group, title);

  self->updating = TRUE;
  if (self->is_sheet)
    {
      /* read in a worker; _vv_import_dialog_preview_read() goes on */
      _vv_import_dialog_start_preview (self);
      self->updating = FALSE;
      return g_steal_pointer (&self);
    }
  self->mapping_checked = TRUE;
  _vv_import_dialog_read_preview (self);
  layout_key = vv_ledger_reader_get_layout_key (self->reader);
  if (layout_key != NULL)
    {
      g_autofree char *mapping = vv_ledger_store_get_mapping (vv_ledger_session_get_db (session),
                                                                layout_key, NULL);

      if (mapping != NULL && vv_ledger_mapping_apply (mapping, self->reader, NULL))
        {
          self->mapping_applied = TRUE;
          _vv_import_dialog_read_preview (self);
        }
    }
  update_file_rows (self);
  _vv_import_dialog_update_role_models (self);
  /* Every row now shows the effective value; make the reader agree. */
  apply_rows (self);
  _vv_import_dialog_refresh (self);
  self->updating = FALSE;
  return g_steal_pointer (&self);
}

const char *
vv_import_dialog_get_path (VvImportDialog *self)
{
  g_return_val_if_fail (VV_IS_IMPORT_DIALOG (self), NULL);

  return self->path;
}

VvLedgerReader *
vv_import_dialog_get_reader (VvImportDialog *self)
{
  g_return_val_if_fail (VV_IS_IMPORT_DIALOG (self), NULL);

  return self->reader;
}

const char *
vv_import_dialog_get_units_path (VvImportDialog *self)
{
  g_return_val_if_fail (VV_IS_IMPORT_DIALOG (self), NULL);

  return self->units_path;
}

void
vv_import_dialog_set_units_path (VvImportDialog *self,
                                 const char     *units_path)
{
  g_autofree char *base = NULL;

  g_return_if_fail (VV_IS_IMPORT_DIALOG (self));

  g_free (self->units_path);
  self->units_path = g_strdup (units_path);
  base = units_path ? g_path_get_basename (units_path) : NULL;
  adw_action_row_set_subtitle (self->units_row,
                               base ? base : _("Optional: Ansvar;Navn;Fordeling"));
}

gboolean
vv_import_dialog_get_mapping_applied (VvImportDialog *self)
{
  g_return_val_if_fail (VV_IS_IMPORT_DIALOG (self), FALSE);

  return self->mapping_applied;
}

guint
vv_import_dialog_get_n_preview_lines (VvImportDialog *self)
{
  g_return_val_if_fail (VV_IS_IMPORT_DIALOG (self), 0);

  return self->n_preview_lines;
}

guint
vv_import_dialog_get_n_preview_rejects (VvImportDialog *self)
{
  g_return_val_if_fail (VV_IS_IMPORT_DIALOG (self), 0);

  return self->n_preview_rejects;
}

/* As if the user picked column @index (0-based, -1 for automatic) for @role. */
void
vv_import_dialog_set_column (VvImportDialog *self,
                             VvLedgerColumn  role,
                             int             index)
{
  g_return_if_fail (VV_IS_IMPORT_DIALOG (self));
  g_return_if_fail (role < VV_LEDGER_N_COLUMNS);

  adw_combo_row_set_selected (role_row (self, role), index < 0 ? 0 : (guint) index + 1);
}

/* Why Import is off (translated), or NULL when the file can be imported as set. */
const char *
vv_import_dialog_get_import_reason (VvImportDialog *self)
{
  g_return_val_if_fail (VV_IS_IMPORT_DIALOG (self), NULL);

  return self->reason;
}

/* Whether a workbook's preview is being read, or the whole file for its
 * years and regions. */
gboolean
vv_import_dialog_get_busy (VvImportDialog *self)
{
  g_return_val_if_fail (VV_IS_IMPORT_DIALOG (self), FALSE);

  return self->previewing || self->surveying;
}
