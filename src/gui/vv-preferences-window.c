/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "vv-db-recovery.h"
#include "vv-db.h"
#include "vv-preferences-window.h"

struct _VvPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  GtkWidget            *check_db_button;
  GtkProgressBar       *check_db_progress;
  AdwActionRow         *check_db_row;
  AdwPreferencesGroup  *database_group;
  GtkAdjustment        *font_scale_adjustment;
  GtkSpinButton        *font_scale_button;
  AdwComboRow          *language_row;
  AdwEntryRow          *name_entry_row;
  AdwPreferencesGroup  *names_group;
  GtkWidget            *stop_check_button;

  /* Owned */
  GSettings            *settings;
  GPtrArray            *name_rows;    /* AdwActionRow*, children of names_group */
  char                 *db_path;
  GCancellable         *check_cancellable;   /* a check is running */
  guint                 syncing;
};

G_DEFINE_FINAL_TYPE (VvPreferencesWindow, vv_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_DB_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* helpers */

static void
vv_preferences_window_rebuild_names (VvPreferencesWindow *self)
{
  g_auto(GStrv) names = NULL;

  for (guint i = 0; i < self->name_rows->len; i++)
    adw_preferences_group_remove (self->names_group, g_ptr_array_index (self->name_rows, i));
  g_ptr_array_set_size (self->name_rows, 0);

  if (self->settings == NULL)
    return;
  names = g_settings_get_strv (self->settings, "privacy-names");
  for (guint i = 0; names[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *tooltip = g_strdup_printf (_("Remove “%s”"), names[i]);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), names[i]);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "prefs.remove-name");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", names[i]);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->names_group, row);
      g_ptr_array_add (self->name_rows, row);
    }
}

static void
vv_preferences_window_sync (VvPreferencesWindow *self)
{
  self->syncing++;
  if (self->settings != NULL)
    adw_combo_row_set_selected (self->language_row,
                                (guint) g_settings_get_enum (self->settings, "language"));
  self->syncing--;
}

static void
vv_preferences_window_update_actions (VvPreferencesWindow *self)
{
  gboolean checking = self->check_cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.check-db",
                                 self->db_path != NULL && !checking);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.stop-check", checking);
  gtk_widget_set_visible (self->stop_check_button, checking);
  gtk_widget_set_visible (GTK_WIDGET (self->check_db_progress), checking);
  gtk_widget_set_visible (GTK_WIDGET (self->database_group), self->db_path != NULL);
}

/* callbacks */

static void
db_check_progress_cb (double   fraction,
                      gpointer user_data)
{
  VvPreferencesWindow *self = user_data;   /* kept alive by db_checked_cb's reference */

  gtk_progress_bar_set_fraction (self->check_db_progress, fraction);
}

static void
db_checked_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(VvPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (vv_db_check_file_finish (result, &error))
    adw_action_row_set_subtitle (self->check_db_row, _("No damage found"));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    adw_action_row_set_subtitle (self->check_db_row, _("The check was stopped"));
  else
    {
      g_autofree char *subtitle = g_markup_escape_text (error->message, -1);

      adw_action_row_set_subtitle (self->check_db_row, subtitle);
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        vv_db_recovery_show_error (GTK_WINDOW (self), error);
    }
  g_clear_object (&self->check_cancellable);
  vv_preferences_window_update_actions (self);
}

static void
check_db_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  VvPreferencesWindow *self = VV_PREFERENCES_WINDOW (widget);

  if (self->db_path == NULL || self->check_cancellable != NULL)
    return;
  self->check_cancellable = g_cancellable_new ();
  adw_action_row_set_subtitle (self->check_db_row, _("Checking…"));
  gtk_progress_bar_set_fraction (self->check_db_progress, 0.0);
  vv_preferences_window_update_actions (self);
  vv_db_check_file_async (self->db_path, VV_DB_CHECK_FULL, db_check_progress_cb, self,
                          self->check_cancellable,
                          db_checked_cb, g_object_ref (self));
}

static void
stop_check_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VvPreferencesWindow *self = VV_PREFERENCES_WINDOW (widget);

  g_cancellable_cancel (self->check_cancellable);
}

static void
on_settings_changed_cb (VvPreferencesWindow *self,
                        const char          *key,
                        GSettings           *settings)
{
  if (g_strcmp0 (key, "privacy-names") == 0)
    vv_preferences_window_rebuild_names (self);
  else if (g_strcmp0 (key, "language") == 0)
    vv_preferences_window_sync (self);
}

static void
on_language_row_notify_selected_cb (VvPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->language_row);
  AdwToast *toast;

  if (self->syncing > 0 || self->settings == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  if ((guint) g_settings_get_enum (self->settings, "language") == selected)
    return;
  g_settings_set_enum (self->settings, "language", (int) selected);

  toast = adw_toast_new (_("The new language is used when Veiviser is started again"));
  adw_toast_set_timeout (toast, 5);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static void
on_name_entry_row_apply_cb (VvPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->name_entry_row));
  g_autofree char *name = g_strstrip (g_strdup (text));

  if (*name != '\0')
    gtk_widget_activate_action (GTK_WIDGET (self), "prefs.add-name", "s", name);
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry_row), "");
}

static void
add_name_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  VvPreferencesWindow *self = VV_PREFERENCES_WINDOW (widget);
  g_autofree char *name = g_strstrip (g_variant_dup_string (parameter, NULL));
  g_auto(GStrv) names = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) updated = NULL;

  if (self->settings == NULL || *name == '\0')
    return;
  names = g_settings_get_strv (self->settings, "privacy-names");
  for (guint i = 0; names[i] != NULL; i++)
    if (g_utf8_collate (names[i], name) == 0)
      return;

  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **) names);
  g_strv_builder_add (builder, name);
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "privacy-names", (const char * const *) updated);
}

static void
remove_name_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  VvPreferencesWindow *self = VV_PREFERENCES_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  g_auto(GStrv) names = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) updated = NULL;

  if (self->settings == NULL)
    return;
  names = g_settings_get_strv (self->settings, "privacy-names");
  builder = g_strv_builder_new ();
  for (guint i = 0; names[i] != NULL; i++)
    if (g_strcmp0 (names[i], name) != 0)
      g_strv_builder_add (builder, names[i]);
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "privacy-names", (const char * const *) updated);
}

/* The text size reads as a percentage ("150 %"), stored as a factor (1.5). */
static gboolean
on_font_scale_button_output_cb (GtkSpinButton *button,
                                gpointer       user_data)
{
  double value = gtk_adjustment_get_value (gtk_spin_button_get_adjustment (button));
  /* Translators: the text size in presentation mode, e.g. "150 %" */
  g_autofree char *text = g_strdup_printf (_("%d %%"), (int) (value * 100 + 0.5));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (button)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (button), text);
  return TRUE;
}

static int
on_font_scale_button_input_cb (GtkSpinButton *button,
                               double        *new_value,
                               gpointer       user_data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (button));
  char *end = NULL;
  double percent = g_ascii_strtod (text, &end);

  if (end == text)
    return GTK_INPUT_ERROR;
  *new_value = percent / 100.0;
  return TRUE;
}

/* overrides */

static void
vv_preferences_window_constructed (GObject *object)
{
  VvPreferencesWindow *self = VV_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (vv_preferences_window_parent_class)->constructed (object);

  if (self->settings != NULL)
    {
      g_settings_bind (self->settings, "font-scale",
                       self->font_scale_adjustment, "value",
                       G_SETTINGS_BIND_DEFAULT);
      g_signal_connect_object (self->settings, "changed",
                               G_CALLBACK (on_settings_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  else
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->language_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->font_scale_button), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->names_group), FALSE);
    }

  vv_preferences_window_sync (self);
  vv_preferences_window_rebuild_names (self);

  g_signal_connect_object (self->language_row, "notify::selected",
                           G_CALLBACK (on_language_row_notify_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->name_entry_row, "apply",
                           G_CALLBACK (on_name_entry_row_apply_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->name_entry_row, "entry-activated",
                           G_CALLBACK (on_name_entry_row_apply_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
vv_preferences_window_dispose (GObject *object)
{
  VvPreferencesWindow *self = VV_PREFERENCES_WINDOW (object);

  if (self->settings != NULL)
    g_settings_unbind (self->font_scale_adjustment, "value");
  g_cancellable_cancel (self->check_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), VV_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->name_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (vv_preferences_window_parent_class)->dispose (object);
}

static void
vv_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  VvPreferencesWindow *self = VV_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, vv_preferences_window_get_settings (self));
      break;
    case PROP_DB_PATH:
      g_value_set_string (value, vv_preferences_window_get_db_path (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vv_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  VvPreferencesWindow *self = VV_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      /* Construct-only. */
      g_set_object (&self->settings, g_value_get_object (value));
      break;
    case PROP_DB_PATH:
      vv_preferences_window_set_db_path (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vv_preferences_window_class_init (VvPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = vv_preferences_window_constructed;
  object_class->dispose = vv_preferences_window_dispose;
  object_class->get_property = vv_preferences_window_get_property;
  object_class->set_property = vv_preferences_window_set_property;

  /**
   * VvPreferencesWindow:settings:
   *
   * The application's settings (schema `VV_APP_ID`), or %NULL when the
   * schema is not installed; then every row is insensitive.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * VvPreferencesWindow:db-path:
   *
   * The database file that "Check the Database" checks; the group is
   * hidden while it is %NULL.
   */
  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               VV_RESOURCE_PATH "/ui/vv-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VvPreferencesWindow, check_db_button);
  gtk_widget_class_bind_template_child (widget_class, VvPreferencesWindow, check_db_progress);
  gtk_widget_class_bind_template_child (widget_class, VvPreferencesWindow, check_db_row);
  gtk_widget_class_bind_template_child (widget_class, VvPreferencesWindow, database_group);
  gtk_widget_class_bind_template_child (widget_class, VvPreferencesWindow, font_scale_adjustment);
  gtk_widget_class_bind_template_child (widget_class, VvPreferencesWindow, font_scale_button);
  gtk_widget_class_bind_template_child (widget_class, VvPreferencesWindow, language_row);
  gtk_widget_class_bind_template_child (widget_class, VvPreferencesWindow, name_entry_row);
  gtk_widget_class_bind_template_child (widget_class, VvPreferencesWindow, names_group);
  gtk_widget_class_bind_template_child (widget_class, VvPreferencesWindow, stop_check_button);

  gtk_widget_class_install_action (widget_class, "prefs.add-name", "s", add_name_action);
  gtk_widget_class_install_action (widget_class, "prefs.remove-name", "s", remove_name_action);
  gtk_widget_class_install_action (widget_class, "prefs.check-db", NULL, check_db_action);
  gtk_widget_class_install_action (widget_class, "prefs.stop-check", NULL, stop_check_action);
}

static void
vv_preferences_window_init (VvPreferencesWindow *self)
{
  self->name_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->font_scale_button, "output",
                    G_CALLBACK (on_font_scale_button_output_cb), NULL);
  g_signal_connect (self->font_scale_button, "input",
                    G_CALLBACK (on_font_scale_button_input_cb), NULL);
  on_font_scale_button_output_cb (self->font_scale_button, NULL);
  vv_preferences_window_update_actions (self);
}

/* public API */

GtkWidget *
vv_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (VV_TYPE_PREFERENCES_WINDOW, "settings", settings, NULL);
}

GSettings *
vv_preferences_window_get_settings (VvPreferencesWindow *self)
{
  g_return_val_if_fail (VV_IS_PREFERENCES_WINDOW (self), NULL);

  return self->settings;
}

const char *
vv_preferences_window_get_db_path (VvPreferencesWindow *self)
{
  g_return_val_if_fail (VV_IS_PREFERENCES_WINDOW (self), NULL);

  return self->db_path;
}

void
vv_preferences_window_set_db_path (VvPreferencesWindow *self,
                                   const char          *db_path)
{
  g_return_if_fail (VV_IS_PREFERENCES_WINDOW (self));

  if (g_strcmp0 (self->db_path, db_path) == 0)
    return;
  g_free (self->db_path);
  self->db_path = g_strdup (db_path);
  vv_preferences_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB_PATH]);
}
