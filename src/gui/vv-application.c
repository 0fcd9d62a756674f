/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-application"

#include "config.h"

#include <glib/gi18n.h>

#include "vv-application.h"
#include "vv-context.h"
#include "vv-db-recovery.h"
#include "vv-db.h"
#include "vv-flowchart.h"
#include "vv-help-window.h"
#include "vv-i18n.h"
#include "vv-preferences-window.h"
#include "vv-window.h"

struct _VvApplication
{
  AdwApplication  parent_instance;

  /* Owned */
  VvContext      *context;
  GtkCssProvider *font_scale_css;
};

G_DEFINE_FINAL_TYPE (VvApplication, vv_application, ADW_TYPE_APPLICATION)

/* helpers */

static GtkWindow *
vv_application_ensure_window (VvApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (vv_window_new (GTK_APPLICATION (self), self->context));
  return window;
}

/* The preferences' "font-scale" scales the text of presentation mode: the
 * em sizes in style.css are relative to the window's font size set here. */
static void
update_font_scale (VvApplication *self)
{
  GSettings *settings = vv_context_get_settings (self->context);
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *css = NULL;

  if (settings == NULL)
    return;
  if (self->font_scale_css == NULL)
    {
      self->font_scale_css = gtk_css_provider_new ();
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (self->font_scale_css),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }
  g_ascii_formatd (number, sizeof number, "%.2f",
                   g_settings_get_double (settings, "font-scale"));
  css = g_strdup_printf ("window.presentation { font-size: %sem; }", number);
  gtk_css_provider_load_from_data (self->font_scale_css, css, -1);
}

/* libadwaita 1.2 has no bokmål or nynorsk catalogue, so the About and
 * Preferences windows' own rows were English: Veiviser carries those strings
 * (po/libadwaita/) in a folder of its own and binds libadwaita's domain there
 * for these two languages only. adw_init() has bound it already; this comes
 * after, and before any of its windows is built. */
/* Whether the window opens on the guide: it shows the page last left open. */
static gboolean
opens_on_guide (VvApplication *self)
{
  g_autofree char *page = NULL;

  if (vv_context_has_setting (self->context, "last-page"))
    page = g_settings_get_string (vv_context_get_settings (self->context), "last-page");
  return page == NULL || *page == '\0' || g_str_equal (page, "guide");
}

static void
bind_libadwaita_translations (void)
{
  const char *language = vv_i18n_get_language ();
  const char *env = g_getenv ("VEIVISER_LOCALEDIR");
  g_autofree char *dir = NULL;

  if (!g_str_equal (language, "nb") && !g_str_equal (language, "nn"))
    return;
  if (env != NULL && *env != '\0')
    dir = g_build_filename (env, "libadwaita", NULL);
  else
    dir = g_strdup (VV_ADW_LOCALEDIR);
  bindtextdomain ("libadwaita", dir);
  bind_textdomain_codeset ("libadwaita", "UTF-8");
}

/* actions */

static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Closing the windows lets each save its state (size, maximized). */
  for (GList *l = windows; l != NULL;)
    {
      GList *next = l->next;

      gtk_window_close (GTK_WINDOW (l->data));
      l = next;
    }
  g_application_quit (app);
}

static void
about_activated_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  VvApplication *self = VV_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("Veiviser contributors"), NULL };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_name (about, _("Veiviser 257/258"));
  adw_about_window_set_application_icon (about, VV_APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_comments (about,
    _("Guides municipal accountants through the choice between KOSTRA functions 257 and 258, "
      "with the official guidance quoted for every step."));
  adw_about_window_set_developer_name (about, _("Veiviser contributors"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  /* Translators: put your names here, one per line */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  adw_about_window_add_legal_section (about, _("Sources"),
    _("Quotes from the KOSTRA account plan guidance (Veileder til kontoplanen i KOSTRA) and "
      "SSB Notater 2024/22. The rule data cites document, section and lines for every quote."),
    GTK_LICENSE_UNKNOWN, NULL);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_set_modal (GTK_WINDOW (about), TRUE);
  gtk_window_present (GTK_WINDOW (about));
}

static void
help_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  VvApplication *self = VV_APPLICATION (user_data);

  vv_help_window_show (gtk_application_get_active_window (GTK_APPLICATION (self)));
}

static void
shortcuts_activated_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  VvApplication *self = VV_APPLICATION (user_data);
  GtkWindow *window = vv_application_ensure_window (self);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
preferences_activated_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  VvApplication *self = VV_APPLICATION (user_data);
  GtkWindow *window = vv_application_ensure_window (self);
  GtkWidget *preferences = vv_preferences_window_new (vv_context_get_settings (self->context));

  vv_preferences_window_set_db_path (VV_PREFERENCES_WINDOW (preferences),
                                     vv_context_get_db_path (self->context));

  gtk_window_set_transient_for (GTK_WINDOW (preferences), window);
  gtk_window_present (GTK_WINDOW (preferences));
}

static const GActionEntry app_entries[] = {
  { "quit", quit_activated_cb },
  { "about", about_activated_cb },
  { "help", help_activated_cb },
  { "shortcuts", shortcuts_activated_cb },
  { "preferences", preferences_activated_cb },
};

/* overrides */

static void
vv_application_startup (GApplication *app)
{
  VvApplication *self = VV_APPLICATION (app);
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *help_accels[] = { "F1", NULL };
  const char *prefs_accels[] = { "<Control>comma", NULL };
  const char *shortcuts_accels[] = { "<Control>question", NULL };
  const char *presentation_accels[] = { "F5", NULL };
  g_autofree char *language = NULL;

  G_APPLICATION_CLASS (vv_application_parent_class)->startup (app);

  /* GTK's startup ran setlocale(""); the chosen language overrides it before
   * any template is built, so every widget is created in that language. */
  self->context = vv_context_new_default ();
  if (vv_context_has_setting (self->context, "language"))
    language = g_settings_get_string (vv_context_get_settings (self->context), "language");
  /* "system" (the schema's default) means: follow the environment. */
  if (g_strcmp0 (language, "system") == 0)
    g_clear_pointer (&language, g_free);
  vv_i18n_init (language);
  bind_libadwaita_translations ();
  /* The guide's chart is laid out on a worker thread while the window is
   * built, when the guide is the page the window opens on (its page takes
   * the chart when built); the language does not change after this. */
  if (opens_on_guide (self))
    vv_flowchart_prepare_default ();

  if (vv_context_has_setting (self->context, "font-scale"))
    {
      g_signal_connect_object (vv_context_get_settings (self->context), "changed::font-scale",
                               G_CALLBACK (update_font_scale), self, G_CONNECT_SWAPPED);
      update_font_scale (self);
    }

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_entries,
                                   G_N_ELEMENTS (app_entries), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.help", help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.shortcuts",
                                         shortcuts_accels);
  /* As GtkApplication does for a help overlay it loads itself; ours is built
   * when first shown (vv_window_get_shortcuts_window). */
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay",
                                         shortcuts_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.presentation",
                                         presentation_accels);
}

static void
vv_application_activate (GApplication *app)
{
  VvApplication *self = VV_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  GtkWindow *window = vv_application_ensure_window (self);

  /* On first activation the database is opened before the window is shown,
   * so that a damaged or foreign file is dealt with before any page meets it. */
  if (!gtk_widget_get_visible (GTK_WIDGET (window)) &&
      vv_context_get_case_store (self->context, &error) == NULL &&
      vv_db_recovery_can_reset (error))
    {
      vv_db_recovery_present (window, vv_context_get_db_path (self->context), error);
      return;
    }
  gtk_window_present (window);
  /* Read-only or full: the app works, but cannot save. */
  if (error != NULL)
    vv_db_recovery_show_error (window, error);
}

/* A ledger opened from the file manager (the desktop file's MimeType) is
 * imported as if dropped on the window. */
static void
vv_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  VvApplication *self = VV_APPLICATION (app);
  GtkWindow *window;

  g_application_activate (app);
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  /* Still asking what to do with a damaged database: no window to import into. */
  if (!VV_IS_WINDOW (window) || !gtk_widget_get_visible (GTK_WIDGET (window)))
    return;
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      /* One import dialog at a time: the first ledger among the files. */
      if (path != NULL && vv_window_import_file (VV_WINDOW (window), path))
        break;
    }
}

static void
vv_application_dispose (GObject *object)
{
  VvApplication *self = VV_APPLICATION (object);

  g_clear_object (&self->context);
  g_clear_object (&self->font_scale_css);

  G_OBJECT_CLASS (vv_application_parent_class)->dispose (object);
}

static void
vv_application_class_init (VvApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = vv_application_dispose;
  app_class->startup = vv_application_startup;
  app_class->activate = vv_application_activate;
  app_class->open = vv_application_open;
}

static void
vv_application_init (VvApplication *self)
{
}

/* public API */

VvApplication *
vv_application_new (void)
{
  return g_object_new (VV_TYPE_APPLICATION,
                       "application-id", VV_APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", VV_RESOURCE_PATH,
                       NULL);
}

/**
 * vv_application_get_context:
 * @self: the application
 *
 * Returns: (transfer none) (nullable): what the window and its pages share,
 *   made at startup
 */
VvContext *
vv_application_get_context (VvApplication *self)
{
  g_return_val_if_fail (VV_IS_APPLICATION (self), NULL);

  return self->context;
}
