/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-window"

/* The window's commands that reach into the visible page (Ctrl+F, Ctrl+S,
 * Ctrl+P, Ctrl+O) and the ledger files it is given (dropped on it, or
 * opened from the file manager through the application). */

#include "config.h"

#include <glib/gi18n.h>

#include "vv-ledger-page.h"
#include "vv-window-private.h"

/* What Ctrl+S, Ctrl+P and Ctrl+O do on each page; NULL where it makes no
 * sense (the key then just beeps). */
static const struct {
  const char *page;
  const char *save;
  const char *print;
  const char *open;
} page_commands[] = {
  { "guide", "guide.save-case", "guide.print", NULL },
  { "respite", "respite.copy", NULL, NULL },
  { "cases", "cases.export-all", NULL, "cases.import" },
  { "ledger", "ledger.export-csv", "ledger.export-pdf", "ledger.import" },
  { "training", "training.export-results", NULL, "training.import" },
};

/* helpers */

static GtkWidget *
visible_page (VvWindow *self)
{
  const char *name = vv_window_get_visible_page (self);

  return name != NULL ? vv_window_get_page (self, name) : NULL;
}

static GtkWidget *
find_search_entry (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget) && gtk_widget_is_drawable (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_search_entry (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether @path names a file the ledger import reads: a CSV or text export,
 * a KOSTRA file extract or a spreadsheet. */
static gboolean
is_ledger_file (const char *path)
{
  static const char *const suffixes[] = { ".csv", ".txt", ".dat", ".xlsx", ".ods" };
  g_autofree char *lower = g_utf8_strdown (path, -1);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (lower, suffixes[i]))
      return TRUE;
  return FALSE;
}

/* callbacks */

static gboolean
on_drop_target_drop_cb (GtkDropTarget *target,
                        const GValue  *value,
                        double         x,
                        double         y,
                        VvWindow      *self)
{
  GSList *files;
  g_autofree char *path = NULL;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files != NULL)
    path = g_file_get_path (files->data);
  g_slist_free (files);
  if (path == NULL)
    return FALSE;
  return vv_window_import_file (self, path);
}

/* actions */

/* Ctrl+F: the visible page's own search if it has one, else its search field. */
static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VvWindow *self = VV_WINDOW (widget);
  GtkWidget *page = visible_page (self);
  g_autofree char *search = NULL;
  GtkWidget *entry;

  if (page == NULL)
    return;
  search = g_strconcat (vv_window_get_visible_page (self), ".search", NULL);
  if (gtk_widget_activate_action (page, search, NULL))
    return;
  entry = find_search_entry (page);
  if (entry == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  gtk_widget_grab_focus (entry);
}

/* win.save, win.print and win.open: the visible page's command of that kind. */
static void
page_command_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  VvWindow *self = VV_WINDOW (widget);
  const char *name = vv_window_get_visible_page (self);
  const char *command = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (page_commands); i++)
    if (g_strcmp0 (page_commands[i].page, name) == 0)
      {
        if (g_str_equal (action_name, "win.save"))
          command = page_commands[i].save;
        else if (g_str_equal (action_name, "win.print"))
          command = page_commands[i].print;
        else
          command = page_commands[i].open;
      }
  if (command == NULL || !gtk_widget_activate_action (visible_page (self), command, NULL))
    gtk_widget_error_bell (widget);
}

static void
import_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  vv_window_import_file (VV_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* private API */

/* win.show-file-toast((ss)): text, and a file just written, whose folder
 * the toast's button shows. */
static void
show_file_toast_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  const char *text, *path;
  AdwToast *toast;

  g_variant_get (parameter, "(&s&s)", &text, &path);
  toast = _vv_window_toast (VV_WINDOW (widget), text, FALSE);
  adw_toast_set_button_label (toast, _("Show in _Folder"));
  adw_toast_set_action_name (toast, "win.show-folder");
  adw_toast_set_action_target (toast, "s", path);
}

/* win.show-folder(s): the folder of a file, in the file manager. */
static void
show_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autofree char *dir = g_path_get_dirname (g_variant_get_string (parameter, NULL));
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autofree char *uri = g_file_get_uri (folder);

  gtk_show_uri (GTK_WINDOW (widget), uri, GDK_CURRENT_TIME);
}

void
_vv_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-file-toast", "(ss)",
                                   show_file_toast_action);
  gtk_widget_class_install_action (widget_class, "win.show-folder", "s", show_folder_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, page_command_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, page_command_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, page_command_action);
  gtk_widget_class_install_action (widget_class, "win.import-file", "s", import_file_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open", NULL);
}

void
_vv_window_actions_init (VvWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop_target_drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

/* public API */

/**
 * vv_window_import_file:
 * @self: the window
 * @path: a ledger file (CSV, KOSTRA file extract or spreadsheet)
 *
 * Shows the ledger and starts importing @path there, as a file dropped on
 * the window or opened from the file manager is. Other files are refused
 * with a toast.
 *
 * Returns: whether @path is a ledger file
 */
gboolean
vv_window_import_file (VvWindow   *self,
                       const char *path)
{
  g_autofree char *basename = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (VV_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!is_ledger_file (path))
    {
      basename = g_filename_display_basename (path);
      text = g_strdup_printf (_("“%s” is not a ledger: import a CSV export, a KOSTRA file "
                                "extract or a spreadsheet"), basename);
      _vv_window_toast (self, text, TRUE);
      return FALSE;
    }
  vv_window_set_visible_page (self, "ledger");
  vv_ledger_page_open_import (VV_LEDGER_PAGE (vv_window_get_page (self, "ledger")), path);
  return TRUE;
}
