/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-cases-page"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "vv-case-item.h"
#include "vv-case-store.h"
#include "vv-cases-page-private.h"
#include "vv-i18n.h"
#include "vv-privacy.h"

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

static void on_settings_changed_cb (VvCasesPage *self,
                                    const char  *key);

/* helpers */

/* Only the window shows toasts. */
void
_vv_cases_page_show_toast (VvCasesPage *self,
                           const char  *title)
{
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", title))
    g_debug ("%s", title);
}

void
_vv_cases_page_show_error (VvCasesPage  *self,
                           const GError *error)
{
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-error", "s", error->message))
    g_debug ("%s", error->message);
}

GStrv
_vv_cases_page_get_private_names (VvCasesPage *self)
{
  if (self->settings == NULL)
    return g_new0 (char *, 1);
  return g_settings_get_strv (self->settings, "privacy-names");
}

void
_vv_cases_page_update_actions (VvCasesPage *self)
{
  gboolean has_cases = self->model != NULL && g_list_model_get_n_items (self->model) > 0;
  gboolean editing = self->editing_id > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.export-all", has_cases);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.save-edit",
                                 editing && self->privacy_warning == NULL && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.cancel-edit", editing);
}

char *
_vv_cases_page_get_note_text (VvCasesPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
_vv_cases_page_check_privacy (VvCasesPage *self)
{
  g_auto(GStrv) names = _vv_cases_page_get_private_names (self);
  g_autofree char *note = _vv_cases_page_get_note_text (self);
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->privacy_warning, g_free);
  if (!vv_privacy_check (title, (const char * const *) names, &error) ||
      !vv_privacy_check (note, (const char * const *) names, &error))
    self->privacy_warning = g_strdup (error->message);

  gtk_label_set_label (self->privacy_label,
                       self->privacy_warning != NULL ? self->privacy_warning : "");
  gtk_widget_set_visible (self->privacy_box, self->privacy_warning != NULL);
  _vv_cases_page_update_actions (self);
}

static void
apply_private_names (VvCasesPage *self)
{
  g_auto(GStrv) names = _vv_cases_page_get_private_names (self);

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

VvCaseStore *
_vv_cases_page_ensure_store (VvCasesPage *self)
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
      _vv_cases_page_show_error (self, error);
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
    _vv_cases_page_ensure_store (self);
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

void
_vv_cases_page_refresh (VvCasesPage *self)
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
        _vv_cases_page_show_error (self, error);
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
  _vv_cases_page_update_actions (self);
}

/* callbacks */

static void
on_store_changed_cb (VvCasesPage *self)
{
  _vv_cases_page_refresh (self);
}

static void
on_settings_changed_cb (VvCasesPage *self,
                        const char  *key)
{
  if (g_strcmp0 (key, "privacy-names") != 0)
    return;
  apply_private_names (self);
  if (self->editing_id > 0)
    _vv_cases_page_check_privacy (self);
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
    _vv_cases_page_check_privacy (self);
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

/* overrides */

static void
vv_cases_page_map (GtkWidget *widget)
{
  VvCasesPage *self = VV_CASES_PAGE (widget);

  GTK_WIDGET_CLASS (vv_cases_page_parent_class)->map (widget);

  /* The database is opened when the page is first shown, and the list is
   * reread each time since the guide may have saved cases meanwhile. */
  if (self->store == NULL)
    _vv_cases_page_ensure_store (self);
  else
    _vv_cases_page_refresh (self);
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
  _vv_cases_page_class_actions_init (klass);

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

  _vv_cases_page_refresh (self);
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

  return _vv_cases_page_ensure_store (self);
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
  _vv_cases_page_refresh (self);
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
  _vv_cases_page_refresh (self);
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
