/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-cases-page"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "vv-case-item.h"
#include "vv-case-store.h"
#include "vv-cases-page.h"
#include "vv-db.h"
#include "vv-i18n.h"
#include "vv-privacy.h"

#define EXAMPLES_RESOURCE_PATH VV_RESOURCE_PATH "/examples/"

struct _VvCasesPage
{
  AdwBin           parent_instance;

  /* Template widgets */
  GtkListBox      *list_box;
  GtkStack        *list_stack;
  GtkTextView     *note_view;
  GtkWidget       *privacy_box;
  GtkLabel        *privacy_label;
  GtkSearchEntry  *search_entry;
  GtkStack        *stack;
  AdwEntryRow     *title_row;

  /* Owned */
  VvContext *context;
  VvCaseStore     *store;
  GSettings       *settings;      /* the context's, NULL when the schema is not installed */
  GListModel      *model;         /* VvCaseItem, the visible list */
  char            *search_text;
  char            *privacy_warning;
  gint64           editing_id;
  GtkNativeDialog *dialog;
  GArray          *export_ids;    /* gint64, the cases the open save dialog exports */
  gboolean         store_failed;
};

G_DEFINE_FINAL_TYPE (VvCasesPage, vv_cases_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SEARCH_TEXT,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPEN_CASE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void vv_cases_page_refresh (VvCasesPage *self);

static void on_settings_changed_cb (VvCasesPage *self,
                                    const char  *key);

/* helpers */

/* Only the window shows toasts. */
static void
show_toast (VvCasesPage *self,
            const char  *title)
{
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", title))
    g_debug ("%s", title);
}

static void
show_error (VvCasesPage  *self,
            const GError *error)
{
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-error", "s", error->message))
    g_debug ("%s", error->message);
}

static GStrv
get_private_names (VvCasesPage *self)
{
  if (self->settings == NULL)
    return g_new0 (char *, 1);
  return g_settings_get_strv (self->settings, "privacy-names");
}

static void
vv_cases_page_update_actions (VvCasesPage *self)
{
  gboolean has_cases = self->model != NULL && g_list_model_get_n_items (self->model) > 0;
  gboolean editing = self->editing_id > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.export-all", has_cases);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.save-edit",
                                 editing && self->privacy_warning == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.cancel-edit", editing);
}

static char *
get_note_text (VvCasesPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
vv_cases_page_check_privacy (VvCasesPage *self)
{
  g_auto(GStrv) names = get_private_names (self);
  g_autofree char *note = get_note_text (self);
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->privacy_warning, g_free);
  if (!vv_privacy_check (title, (const char * const *) names, &error) ||
      !vv_privacy_check (note, (const char * const *) names, &error))
    self->privacy_warning = g_strdup (error->message);

  gtk_label_set_label (self->privacy_label,
                       self->privacy_warning != NULL ? self->privacy_warning : "");
  gtk_widget_set_visible (self->privacy_box, self->privacy_warning != NULL);
  vv_cases_page_update_actions (self);
}

static void
apply_private_names (VvCasesPage *self)
{
  g_auto(GStrv) names = get_private_names (self);

  if (self->store != NULL)
    vv_case_store_set_private_names (self->store, (const char * const *) names);
}

/* Adds the example cases once, on the first start, so that a new user sees
 * what a saved case looks like. */
static void
maybe_add_examples (VvCasesPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->settings == NULL || g_settings_get_boolean (self->settings, "examples-added"))
    return;
  g_settings_set_boolean (self->settings, "examples-added", TRUE);
  if (vv_cases_page_add_examples (self, &error) == 0 && error != NULL)
    g_warning ("Could not add the example cases: %s", error->message);
}

static VvCaseStore *
vv_cases_page_ensure_store (VvCasesPage *self)
{
  g_autoptr(GError) error = NULL;
  VvCaseStore *shared;

  if (self->store != NULL || self->store_failed || self->context == NULL)
    return self->store;

  /* The pages share the context's store, so that a case saved in the guide
   * shows up here at once. */
  shared = vv_context_get_case_store (self->context, &error);
  if (shared == NULL)
    {
      /* Only once: the page stays usable (empty) and says why. */
      self->store_failed = TRUE;
      show_error (self, error);
      return NULL;
    }
  vv_cases_page_set_store (self, shared);
  maybe_add_examples (self);
  return self->store;
}

static void
vv_cases_page_context_changed (VvCasesPage *self)
{
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_func (self->settings, on_settings_changed_cb, self);
  g_clear_object (&self->settings);
  if (self->context != NULL && vv_context_has_setting (self->context, "privacy-names"))
    {
      self->settings = g_object_ref (vv_context_get_settings (self->context));
      g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  self->store_failed = FALSE;
  vv_cases_page_set_store (self, NULL);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    vv_cases_page_ensure_store (self);
}

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
format_subtitle (VvCaseItem *item)
{
  g_autoptr(GDateTime) modified = NULL;
  g_autofree char *date = NULL;
  const char *summary = vv_case_item_get_function_summary (item);

  gint64 stamp = vv_case_item_get_modified (item);

  /* vv-case.h documents seconds, but the store may hand out microseconds
   * (g_get_real_time()); accept both, no date is that far in the future. */
  if (stamp > G_GINT64_CONSTANT (100000000000))
    stamp /= G_USEC_PER_SEC;
  modified = g_date_time_new_from_unix_local (stamp);
  if (modified != NULL)
    date = vv_i18n_format_date (modified);
  if (summary == NULL || *summary == '\0')
    /* Translators: a saved case: accounting year · date it was changed */
    return g_strdup_printf (_("%d · changed %s"), vv_case_item_get_year (item),
                            date != NULL ? date : "");
  /* Translators: a saved case: accounting year · function(s) · date it was changed */
  return g_strdup_printf (_("%d · %s · changed %s"), vv_case_item_get_year (item), summary,
                          date != NULL ? date : "");
}

static GMenuModel *
case_menu_new (gint64 id)
{
  GMenu *menu = g_menu_new ();
  GMenu *section = g_menu_new ();
  struct {
    const char *label;
    const char *action;
  } items[] = {
    { N_("_Open in the Guide"), "cases.open" },
    { N_("_Edit Title and Note"), "cases.edit" },
    { N_("_Duplicate"), "cases.duplicate" },
    { N_("E_xport…"), "cases.export" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(items[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, items[i].action,
                                               g_variant_new_int64 (id));
      g_menu_append_item (menu, item);
    }
  {
    g_autoptr(GMenuItem) item = g_menu_item_new (_("_Delete"), NULL);

    g_menu_item_set_action_and_target_value (item, "cases.delete", g_variant_new_int64 (id));
    g_menu_append_item (section, item);
  }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);
  return G_MENU_MODEL (menu);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  VvCaseItem *case_item = VV_CASE_ITEM (item);
  gint64 id = vv_case_item_get_id (case_item);
  const char *title = vv_case_item_get_title (case_item);
  g_autofree char *subtitle = format_subtitle (case_item);
  g_autoptr(GMenuModel) menu = case_menu_new (id);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 title != NULL && *title != '\0' ? title : _("Untitled Case"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "cases.open");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_int64 (id));

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Case Actions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Case Actions"),
                                  -1);
  if (vv_case_item_get_rules_version (case_item) != NULL)
    {
      VvCasesPage *self = user_data;
      VvRules *rules = self->context != NULL ? vv_context_get_rules (self->context) : vv_rules_get_default ();
      const char *version = vv_case_item_get_rules_version (case_item);

      /* A case decided under older rules says so; opening it in the guide
       * checks it against the current rules. */
      if (g_strcmp0 (version, vv_rules_get_version (rules)) != 0)
        {
          /* Translators: a saved case was decided under this rule version */
          g_autofree char *text = g_strdup_printf (_("Rules %s"), version);
          GtkWidget *tag = gtk_label_new (text);

          gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (tag, "caption");
          gtk_widget_add_css_class (tag, "warning");
          gtk_widget_set_tooltip_text (tag, _("Decided under older rules: open it to see whether the answer has changed"));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
        }
    }
  if (vv_case_item_get_is_example (case_item))
    {
      /* Examples come with the app and are listed after the user's own. */
      GtkWidget *tag = gtk_label_new (_("Example"));

      gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (tag, "caption");
      gtk_widget_add_css_class (tag, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  return row;
}

static gboolean
all_digits (const char *s,
            gsize       n)
{
  if (strlen (s) != n)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

static void
vv_cases_page_refresh (VvCasesPage *self)
{
  g_autofree char *needle = g_strstrip (g_strdup (vv_cases_page_get_search_text (self)));
  g_autoptr(GError) error = NULL;
  GListModel *model = NULL;
  const char *search = needle;
  const char *function = NULL;
  int year = 0;

  /* A year ("2023") or a function code ("257") filters on that field. */
  if (all_digits (needle, 4))
    {
      year = atoi (needle);
      search = NULL;
    }
  else if (all_digits (needle, 3))
    {
      function = needle;
      search = NULL;
    }

  if (self->store != NULL)
    {
      model = vv_case_store_list (self->store, search, year, function, &error);
      if (model == NULL)
        show_error (self, error);
    }
  if (model == NULL)
    model = G_LIST_MODEL (g_list_store_new (VV_TYPE_CASE_ITEM));

  g_set_object (&self->model, model);
  g_object_unref (model);
  gtk_list_box_bind_model (self->list_box, self->model, create_row_cb, self, NULL);

  if (g_list_model_get_n_items (self->model) > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "cases");
  else if (*needle != '\0')
    gtk_stack_set_visible_child_name (self->list_stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  vv_cases_page_update_actions (self);
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
      show_error (self, error);
      return;
    }
  /* The worker wrote through its own connection: ours did not see it. */
  vv_cases_page_refresh (self);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u case",
                                          "Imported %u cases", ids->len), ids->len);
  show_toast (self, message);
}

static void
import_path (VvCasesPage *self,
             const char  *path)
{
  g_autoptr(GTask) task = NULL;
  ImportData *data = g_new0 (ImportData, 1);

  data->db_path = g_strdup (vv_db_get_path (vv_case_store_get_db (self->store)));
  data->path = g_strdup (path);
  data->names = get_private_names (self);

  task = g_task_new (self, NULL, import_done_cb, NULL);
  g_task_set_source_tag (task, import_path);
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);
  g_task_run_in_thread (task, import_thread);
}

/* callbacks */

static void
on_store_changed_cb (VvCasesPage *self)
{
  vv_cases_page_refresh (self);
}

static void
on_settings_changed_cb (VvCasesPage *self,
                        const char  *key)
{
  if (g_strcmp0 (key, "privacy-names") != 0)
    return;
  apply_private_names (self);
  if (self->editing_id > 0)
    vv_cases_page_check_privacy (self);
}

static void
on_search_entry_search_changed_cb (VvCasesPage *self)
{
  vv_cases_page_set_search_text (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_edit_changed_cb (VvCasesPage *self)
{
  if (self->editing_id > 0)
    vv_cases_page_check_privacy (self);
}

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
      show_toast (self, _("The file cannot be written: it is not on this computer"));
      return;
    }
  if (!vv_case_store_export_file (self->store, (const gint64 *) ids->data, ids->len, path, &error))
    {
      show_error (self, error);
      return;
    }
  name = g_file_get_basename (file);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u case to “%s”",
                                          "Exported %u cases to “%s”", ids->len),
                             ids->len, name);
  show_toast (self, message);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VvCasesPage *self = VV_CASES_PAGE (widget);

  /* The window connects to it and opens the case in the guide. */
  g_signal_emit (self, signals[OPEN_CASE], 0, g_variant_get_int64 (parameter));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VvCasesPage *self = VV_CASES_PAGE (widget);
  g_autoptr(VvCase) kase = NULL;
  g_autoptr(GError) error = NULL;

  if (vv_cases_page_ensure_store (self) == NULL)
    return;
  kase = vv_case_store_get (self->store, g_variant_get_int64 (parameter), &error);
  if (kase == NULL)
    {
      show_error (self, error);
      return;
    }
  self->editing_id = kase->id;
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), kase->title != NULL ? kase->title : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view),
                            kase->note != NULL ? kase->note : "", -1);
  vv_cases_page_check_privacy (self);
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
  vv_cases_page_update_actions (self);
}

static void
save_edit_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VvCasesPage *self = VV_CASES_PAGE (widget);
  g_autoptr(VvCase) kase = NULL;
  g_autoptr(GError) error = NULL;

  if (self->editing_id <= 0 || self->store == NULL)
    return;
  kase = vv_case_store_get (self->store, self->editing_id, &error);
  if (kase == NULL)
    {
      show_error (self, error);
      return;
    }
  g_free (kase->title);
  kase->title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  g_free (kase->note);
  kase->note = get_note_text (self);
  if (!vv_case_store_update (self->store, kase, &error))
    {
      show_error (self, error);
      return;
    }
  self->editing_id = 0;
  gtk_stack_set_visible_child_name (self->stack, "list");
  vv_cases_page_update_actions (self);
  show_toast (self, _("Case saved"));
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VvCasesPage *self = VV_CASES_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (vv_cases_page_ensure_store (self) == NULL)
    return;
  if (vv_case_store_duplicate (self->store, g_variant_get_int64 (parameter), &error) <= 0)
    show_error (self, error);
  else
    show_toast (self, _("Case duplicated"));
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

  if (vv_cases_page_ensure_store (self) == NULL)
    return;
  title = case_title (self, id);
  if (!vv_case_store_delete (self->store, id, &error))
    {
      show_error (self, error);
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
    show_error (self, error);
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

  if (vv_cases_page_ensure_store (self) == NULL)
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

/* overrides */

static void
vv_cases_page_map (GtkWidget *widget)
{
  VvCasesPage *self = VV_CASES_PAGE (widget);

  GTK_WIDGET_CLASS (vv_cases_page_parent_class)->map (widget);

  /* The database is opened when the page is first shown, and the list is
   * reread each time since the guide may have saved cases meanwhile. */
  if (self->store == NULL)
    vv_cases_page_ensure_store (self);
  else
    vv_cases_page_refresh (self);
}

static void
vv_cases_page_dispose (GObject *object)
{
  VvCasesPage *self = VV_CASES_PAGE (object);

  g_clear_object (&self->context);

  if (self->dialog != NULL)
    gtk_native_dialog_destroy (self->dialog);
  g_clear_object (&self->dialog);
  /* AdwBin unparents its child itself: drop it before the template forgets it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VV_TYPE_CASES_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->model);
  g_clear_pointer (&self->export_ids, g_array_unref);

  G_OBJECT_CLASS (vv_cases_page_parent_class)->dispose (object);
}

static void
vv_cases_page_finalize (GObject *object)
{
  VvCasesPage *self = VV_CASES_PAGE (object);

  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->privacy_warning, g_free);

  G_OBJECT_CLASS (vv_cases_page_parent_class)->finalize (object);
}

static void
vv_cases_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  VvCasesPage *self = VV_CASES_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, vv_cases_page_get_context (self));
      break;
    case PROP_SEARCH_TEXT:
      g_value_set_string (value, vv_cases_page_get_search_text (self));
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vv_cases_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  VvCasesPage *self = VV_CASES_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      vv_cases_page_set_context (self, g_value_get_object (value));
      break;
    case PROP_SEARCH_TEXT:
      vv_cases_page_set_search_text (self, g_value_get_string (value));
      break;
    case PROP_STORE:
      vv_cases_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vv_cases_page_class_init (VvCasesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vv_cases_page_dispose;
  object_class->finalize = vv_cases_page_finalize;
  object_class->get_property = vv_cases_page_get_property;
  object_class->set_property = vv_cases_page_set_property;
  widget_class->map = vv_cases_page_map;

  properties[PROP_SEARCH_TEXT] =
    g_param_spec_string ("search-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * VvCasesPage:store:
   *
   * The saved cases. When unset, the page opens the default database
   * (vv_db_get_default_path()) the first time it is shown.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, VV_TYPE_CASE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * VvCasesPage:context:
   *
   * What the pages share, bound from the window.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, VV_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VvCasesPage::open-case:
   * @id: the case
   *
   * Emitted when the user opens a case; the page then hands it to the
   * guide's `guide.load-case` action.
   */
  signals[OPEN_CASE] = g_signal_new ("open-case", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               VV_RESOURCE_PATH "/ui/vv-cases-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VvCasesPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, VvCasesPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, VvCasesPage, note_view);
  gtk_widget_class_bind_template_child (widget_class, VvCasesPage, privacy_box);
  gtk_widget_class_bind_template_child (widget_class, VvCasesPage, privacy_label);
  gtk_widget_class_bind_template_child (widget_class, VvCasesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, VvCasesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, VvCasesPage, title_row);

  gtk_widget_class_install_action (widget_class, "cases.open", "x", open_action);
  gtk_widget_class_install_action (widget_class, "cases.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "cases.save-edit", NULL, save_edit_action);
  gtk_widget_class_install_action (widget_class, "cases.cancel-edit", NULL, cancel_edit_action);
  gtk_widget_class_install_action (widget_class, "cases.duplicate", "x", duplicate_action);
  gtk_widget_class_install_action (widget_class, "cases.delete", "x", delete_action);
  gtk_widget_class_install_action (widget_class, "cases.undo-delete", "x", undo_delete_action);
  gtk_widget_class_install_action (widget_class, "cases.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "cases.export", "x", export_action);
  gtk_widget_class_install_action (widget_class, "cases.export-all", NULL, export_all_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "cases.cancel-edit", NULL);
}

static void
vv_cases_page_init (VvCasesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Typing anywhere on the list starts a search. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_box));
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (on_search_entry_search_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->title_row, "changed", G_CALLBACK (on_edit_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->note_view), "changed",
                           G_CALLBACK (on_edit_changed_cb), self, G_CONNECT_SWAPPED);

  vv_cases_page_refresh (self);
}

/* public API */

GtkWidget *
vv_cases_page_new (void)
{
  return g_object_new (VV_TYPE_CASES_PAGE, NULL);
}

/**
 * vv_cases_page_get_store:
 * @self: the page
 *
 * Returns: (transfer none) (nullable): the case store, opening the default
 *   database if none was set; %NULL if it cannot be opened
 */
VvCaseStore *
vv_cases_page_get_store (VvCasesPage *self)
{
  g_return_val_if_fail (VV_IS_CASES_PAGE (self), NULL);

  return vv_cases_page_ensure_store (self);
}

void
vv_cases_page_set_store (VvCasesPage *self,
                         VvCaseStore *store)
{
  g_return_if_fail (VV_IS_CASES_PAGE (self));
  g_return_if_fail (store == NULL || VV_IS_CASE_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);
  g_set_object (&self->store, store);
  if (self->store != NULL)
    {
      g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed_cb), self,
                               G_CONNECT_SWAPPED);
      apply_private_names (self);
    }
  vv_cases_page_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

const char *
vv_cases_page_get_search_text (VvCasesPage *self)
{
  g_return_val_if_fail (VV_IS_CASES_PAGE (self), NULL);

  return self->search_text != NULL ? self->search_text : "";
}

void
vv_cases_page_set_search_text (VvCasesPage *self,
                               const char  *text)
{
  g_return_if_fail (VV_IS_CASES_PAGE (self));

  if (text == NULL)
    text = "";
  if (g_strcmp0 (vv_cases_page_get_search_text (self), text) == 0)
    return;
  g_free (self->search_text);
  self->search_text = g_strdup (text);
  /* Replacing the text passes through "" and GtkSearchEntry reports that at once. */
  g_signal_handlers_block_by_func (self->search_entry, on_search_entry_search_changed_cb, self);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  g_signal_handlers_unblock_by_func (self->search_entry, on_search_entry_search_changed_cb, self);
  vv_cases_page_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);
}

/**
 * vv_cases_page_get_model:
 * @self: the page
 *
 * Returns: (transfer none): the cases shown (#VvCaseItem), after the search
 */
GListModel *
vv_cases_page_get_model (VvCasesPage *self)
{
  g_return_val_if_fail (VV_IS_CASES_PAGE (self), NULL);

  return self->model;
}

gint64
vv_cases_page_get_editing_id (VvCasesPage *self)
{
  g_return_val_if_fail (VV_IS_CASES_PAGE (self), 0);

  return self->editing_id;
}

/**
 * vv_cases_page_get_privacy_warning:
 * @self: the page
 *
 * Returns: (nullable): why the edited title or note cannot be saved
 */
const char *
vv_cases_page_get_privacy_warning (VvCasesPage *self)
{
  g_return_val_if_fail (VV_IS_CASES_PAGE (self), NULL);

  return self->privacy_warning;
}

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

  if (vv_cases_page_ensure_store (self) == NULL)
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
      show_toast (self, _("The file cannot be read: it is not on this computer"));
      return;
    }
  if (vv_cases_page_ensure_store (self) != NULL)
    import_path (self, path);
}

/**
 * vv_cases_page_get_context:
 * @self: the page
 *
 * Returns: (transfer none) (nullable): the context
 */
VvContext *
vv_cases_page_get_context (VvCasesPage *self)
{
  g_return_val_if_fail (VV_IS_CASES_PAGE (self), NULL);

  return self->context;
}

/**
 * vv_cases_page_set_context:
 * @self: the page
 * @context: (nullable): the context
 */
void
vv_cases_page_set_context (VvCasesPage *self,
                          VvContext *context)
{
  g_return_if_fail (VV_IS_CASES_PAGE (self));
  g_return_if_fail (context == NULL || VV_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;
  vv_cases_page_context_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}
