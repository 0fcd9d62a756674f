/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-cases-page"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>

#include "vv-case-item.h"
#include "vv-case-store.h"
#include "vv-cases-page-private.h"
#include "vv-db.h"
#include "vv-i18n.h"

#define EXAMPLES_RESOURCE_PATH VV_RESOURCE_PATH "/examples/"

/* helpers */

/* An example case holds its nynorsk title and note as "title_nn" and
 * "note_nn", like the exercise sets; the case format has no such fields, so
 * the copy that is saved carries the user's language in "title" and "note". */
static GBytes *
localize_example (GBytes      *bytes,
                  const char  *name,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = NULL;
  gboolean nn = g_strcmp0 (vv_i18n_get_language (), "nn") == 0;
  const char *fields[] = { "title", "note" };
  JsonObject *object;
  gsize length;
  char *text;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   (gssize) g_bytes_get_size (bytes), error))
    {
      g_prefix_error (error, "%s: ", name);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return g_bytes_ref (bytes);
  object = json_node_get_object (json_parser_get_root (parser));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *key = g_strconcat (fields[i], "_nn", NULL);
      JsonNode *node = json_object_get_member (object, key);

      if (node == NULL)
        continue;
      if (nn && JSON_NODE_HOLDS_VALUE (node)
          && json_node_get_value_type (node) == G_TYPE_STRING)
        json_object_set_string_member (object, fields[i], json_node_get_string (node));
      json_object_remove_member (object, key);
    }
  generator = json_generator_new ();
  json_generator_set_root (generator, json_parser_get_root (parser));
  text = json_generator_to_data (generator, &length);
  return g_bytes_new_take (text, length);
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static char *
case_title (VvCasesPage *self,
            gint64       id)
{
  g_autoptr(VvCase) kase = vv_case_store_get (self->store, id, NULL);

  if (kase == NULL || kase->title == NULL || *kase->title == '\0')
    return g_strdup (_("Untitled Case"));
  return g_strdup (kase->title);
}

static GFile *
get_last_folder (VvCasesPage *self)
{
  g_autofree char *uri = NULL;

  if (self->settings == NULL)
    return NULL;
  uri = g_settings_get_string (self->settings, "last-import-folder");
  if (uri == NULL || *uri == '\0')
    return NULL;
  return g_file_new_for_uri (uri);
}

static void
remember_folder (VvCasesPage *self,
                 GFile       *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *uri = NULL;

  if (self->settings == NULL || parent == NULL)
    return;
  uri = g_file_get_uri (parent);
  g_settings_set_string (self->settings, "last-import-folder", uri);
}

static GtkWindow *
get_parent_window (VvCasesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static GtkFileFilter *
json_filter_new (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Case Files (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");
  return filter;
}

typedef struct
{
  char  *db_path;
  char  *path;
  GStrv  names;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_free (data->db_path);
  g_free (data->path);
  g_strfreev (data->names);
  g_free (data);
}

/* Runs in a worker thread with its own connection (STYLE.md rule 13). */
static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  g_autoptr(VvDb) db = NULL;
  g_autoptr(VvCaseStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GArray *ids;

  db = vv_db_open (data->db_path, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  store = vv_case_store_new (db, NULL);
  vv_case_store_set_private_names (store, (const char * const *) data->names);
  ids = vv_case_store_import_file (store, data->path, &error);
  if (ids == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
}

static void
import_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  VvCasesPage *self = VV_CASES_PAGE (source_object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *message = NULL;

  if (ids == NULL)
    {
      _vv_cases_page_show_error (self, error);
      return;
    }
  /* The worker wrote through its own connection: ours did not see it. */
  _vv_cases_page_refresh (self);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u case",
                                          "Imported %u cases", ids->len), ids->len);
  _vv_cases_page_show_toast (self, message);
}

static void
import_path (VvCasesPage *self,
             const char  *path)
{
  g_autoptr(GTask) task = NULL;
  ImportData *data = g_new0 (ImportData, 1);

  data->db_path = g_strdup (vv_db_get_path (vv_case_store_get_db (self->store)));
  data->path = g_strdup (path);
  data->names = _vv_cases_page_get_private_names (self);

  task = g_task_new (self, NULL, import_done_cb, NULL);
  g_task_set_source_tag (task, import_path);
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);
  g_task_run_in_thread (task, import_thread);
}

/* callbacks */

static void
import_response_cb (VvCasesPage     *self,
                    int              response,
                    GtkNativeDialog *dialog)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->dialog);
  if (file == NULL)
    return;
  remember_folder (self, file);
  vv_cases_page_import_file (self, file);
}

static void
export_response_cb (VvCasesPage     *self,
                    int              response,
                    GtkNativeDialog *dialog)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GArray) ids = g_steal_pointer (&self->export_ids);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->dialog);
  if (file == NULL || ids == NULL || self->store == NULL)
    return;
  remember_folder (self, file);
  path = g_file_get_path (file);
  if (path == NULL)
    {
      _vv_cases_page_show_toast (self, _("The file cannot be written: it is not on this computer"));
      return;
    }
  if (!vv_case_store_export_file (self->store, (const gint64 *) ids->data, ids->len, path, &error))
    {
      _vv_cases_page_show_error (self, error);
      return;
    }
  name = g_file_get_basename (file);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u case to “%s”",
                                          "Exported %u cases to “%s”", ids->len),
                             ids->len, name);
  _vv_cases_page_show_toast (self, message);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VvCasesPage *self = VV_CASES_PAGE (widget);
  g_autoptr(VvCase) kase = NULL;
  g_autoptr(GError) error = NULL;

  if (_vv_cases_page_ensure_store (self) == NULL)
    return;
  kase = vv_case_store_get (self->store, g_variant_get_int64 (parameter), &error);
  if (kase == NULL)
    {
      _vv_cases_page_show_error (self, error);
      return;
    }
  self->editing_id = kase->id;
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), kase->title != NULL ? kase->title : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view),
                            kase->note != NULL ? kase->note : "", -1);
  _vv_cases_page_check_privacy (self);
  gtk_stack_set_visible_child_name (self->stack, "edit");
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

static void
cancel_edit_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  VvCasesPage *self = VV_CASES_PAGE (widget);

  self->editing_id = 0;
  g_clear_pointer (&self->privacy_warning, g_free);
  gtk_stack_set_visible_child_name (self->stack, "list");
  _vv_cases_page_update_actions (self);
}

static void
edit_saved_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(VvCasesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VvCase) kase = vv_case_store_save_finish (VV_CASE_STORE (source), result, &error);

  self->saving = FALSE;
  if (kase == NULL)
    _vv_cases_page_show_error (self, error);
  else if (self->editing_id == kase->id)
    {
      self->editing_id = 0;
      gtk_stack_set_visible_child_name (self->stack, "list");
    }
  _vv_cases_page_update_actions (self);
  if (kase != NULL)
    _vv_cases_page_show_toast (self, _("Case saved"));
}

/* In a worker thread: the save may wait for another program's import. */
static void
save_edit_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VvCasesPage *self = VV_CASES_PAGE (widget);
  g_autoptr(VvCase) kase = NULL;
  g_autoptr(GError) error = NULL;

  if (self->editing_id <= 0 || self->store == NULL || self->saving)
    return;
  kase = vv_case_store_get (self->store, self->editing_id, &error);
  if (kase == NULL)
    {
      _vv_cases_page_show_error (self, error);
      return;
    }
  g_free (kase->title);
  kase->title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  g_free (kase->note);
  kase->note = _vv_cases_page_get_note_text (self);
  self->saving = TRUE;
  _vv_cases_page_update_actions (self);
  vv_case_store_save_async (self->store, kase, VV_CASE_STORE_SAVE_DEFAULT, NULL, edit_saved_cb,
                            g_object_ref (self));
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VvCasesPage *self = VV_CASES_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (_vv_cases_page_ensure_store (self) == NULL)
    return;
  if (vv_case_store_duplicate (self->store, g_variant_get_int64 (parameter), &error) <= 0)
    _vv_cases_page_show_error (self, error);
  else
    _vv_cases_page_show_toast (self, _("Case duplicated"));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VvCasesPage *self = VV_CASES_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;

  if (_vv_cases_page_ensure_store (self) == NULL)
    return;
  title = case_title (self, id);
  if (!vv_case_store_delete (self->store, id, &error))
    {
      _vv_cases_page_show_error (self, error);
      return;
    }
  message = g_strdup_printf (_("“%s” deleted"), title);
  /* The window's toast reaches only window actions: its Undo asks the
   * window, which undeletes in the shared store that this page follows. */
  gtk_widget_activate_action (widget, "win.show-undo-toast", "(ssv)", message,
                              "win.undo-delete-case", g_variant_new_int64 (id));
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  VvCasesPage *self = VV_CASES_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!vv_case_store_undelete (self->store, g_variant_get_int64 (parameter), &error))
    _vv_cases_page_show_error (self, error);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VvCasesPage *self = VV_CASES_PAGE (widget);
  g_autoptr(GtkFileFilter) filter = json_filter_new ();
  g_autoptr(GFile) folder = get_last_folder (self);
  GtkFileChooserNative *chooser;

  if (self->dialog != NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Import Cases"), get_parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  self->dialog = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (self->dialog);
}

static void
start_export (VvCasesPage *self,
              GArray      *ids,
              const char  *suggested_name)
{
  g_autoptr(GtkFileFilter) filter = json_filter_new ();
  g_autoptr(GFile) folder = get_last_folder (self);
  GtkFileChooserNative *chooser;

  if (self->dialog != NULL || ids->len == 0)
    return;
  chooser = gtk_file_chooser_native_new (_("Export Cases"), get_parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested_name);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_clear_pointer (&self->export_ids, g_array_unref);
  self->export_ids = g_array_ref (ids);
  self->dialog = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (self->dialog);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VvCasesPage *self = VV_CASES_PAGE (widget);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id = g_variant_get_int64 (parameter);
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;

  if (_vv_cases_page_ensure_store (self) == NULL)
    return;
  g_array_append_val (ids, id);
  title = case_title (self, id);
  /* A file name without the characters file systems refuse. */
  g_strdelimit (title, "/\\:*?\"<>|", '-');
  name = g_strdup_printf ("%s.json", title);
  start_export (self, ids, name);
}

static void
export_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VvCasesPage *self = VV_CASES_PAGE (widget);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (self->model == NULL)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (self->model); i++)
    {
      g_autoptr(VvCaseItem) item = g_list_model_get_item (self->model, i);
      gint64 id = vv_case_item_get_id (item);

      g_array_append_val (ids, id);
    }
  /* Translators: the suggested file name for exported cases */
  start_export (self, ids, _("cases.json"));
}

/* class */

void
_vv_cases_page_class_actions_init (VvCasesPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "cases.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "cases.save-edit", NULL, save_edit_action);
  gtk_widget_class_install_action (widget_class, "cases.cancel-edit", NULL, cancel_edit_action);
  gtk_widget_class_install_action (widget_class, "cases.duplicate", "x", duplicate_action);
  gtk_widget_class_install_action (widget_class, "cases.delete", "x", delete_action);
  gtk_widget_class_install_action (widget_class, "cases.undo-delete", "x", undo_delete_action);
  gtk_widget_class_install_action (widget_class, "cases.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "cases.export", "x", export_action);
  gtk_widget_class_install_action (widget_class, "cases.export-all", NULL, export_all_action);
}

/* public API */

/**
 * vv_cases_page_add_examples:
 * @self: the page
 * @error: return location for a #GError
 *
 * Adds the example cases compiled into the resources.
 *
 * Returns: the number of cases added; 0 with @error set on failure
 */
guint
vv_cases_page_add_examples (VvCasesPage  *self,
                            GError      **error)
{
  g_auto(GStrv) names = NULL;
  guint added = 0;

  g_return_val_if_fail (VV_IS_CASES_PAGE (self), 0);

  if (_vv_cases_page_ensure_store (self) == NULL)
    {
      g_set_error_literal (error, VV_DB_ERROR, VV_DB_ERROR_FAILED,
                           _("The case database could not be opened"));
      return 0;
    }
  names = g_resources_enumerate_children (EXAMPLES_RESOURCE_PATH, 0, error);
  if (names == NULL)
    return 0;
  qsort (names, g_strv_length (names), sizeof (char *), compare_strings);
  /* The list shows the newest first: add in reverse so the first example is on top. */
  for (guint i = g_strv_length (names); i > 0; i--)
    {
      g_autofree char *path = g_strconcat (EXAMPLES_RESOURCE_PATH, names[i - 1], NULL);
      g_autoptr(GBytes) raw = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GArray) ids = NULL;
      gsize length;
      const char *data;

      raw = g_resources_lookup_data (path, 0, error);
      if (raw == NULL)
        return 0;
      bytes = localize_example (raw, names[i - 1], error);
      if (bytes == NULL)
        return 0;
      data = g_bytes_get_data (bytes, &length);
      ids = vv_case_store_import_data (self->store, data, (gssize) length, names[i - 1], error);
      if (ids == NULL)
        return 0;
      added += ids->len;
    }
  return added;
}

/**
 * vv_cases_page_import_file:
 * @self: the page
 * @file: a `veiviser-case/1` file, an array of cases or a `veiviser-cases/1`
 *   collection
 *
 * Imports the cases in @file in a worker thread; the list is refreshed and a
 * toast says how many were added, or why none were.
 */
void
vv_cases_page_import_file (VvCasesPage *self,
                           GFile       *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (VV_IS_CASES_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      _vv_cases_page_show_toast (self, _("The file cannot be read: it is not on this computer"));
      return;
    }
  if (_vv_cases_page_ensure_store (self) != NULL)
    import_path (self, path);
}
