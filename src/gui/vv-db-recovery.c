/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-db-recovery"

#include "config.h"

#include <glib/gi18n.h>

#include "vv-db-recovery.h"
#include "vv-db.h"
#include "vv-message-dialog.h"

#define PATH_KEY "vv-db-recovery-path"
#define ERROR_KEY "vv-db-recovery-error"

static AdwMessageDialog *present_dialog (GtkWindow    *window,
                                         const char   *path,
                                         const GError *error,
                                         gboolean      offer_check);

/* helpers */

static const char *
heading_for_error (const GError *error)
{
  if (error->domain == VV_DB_ERROR)
    {
      switch ((VvDbError) error->code)
        {
        case VV_DB_ERROR_CORRUPT:
          return _("The Database Is Damaged");
        case VV_DB_ERROR_FOREIGN:
          return _("The Database Belongs to Another Program");
        case VV_DB_ERROR_TOO_NEW:
          return _("The Database Is From a Newer Veiviser");
        case VV_DB_ERROR_READ_ONLY:
          return _("Cannot Write the Database");
        case VV_DB_ERROR_FULL:
          return _("The Disk Is Full");
        case VV_DB_ERROR_FAILED:
        default:
          break;
        }
    }
  return _("Database Error");
}

static AdwMessageDialog *
message_dialog_new (GtkWindow  *parent,
                    const char *heading,
                    const char *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (vv_message_dialog_new (parent, heading, body));

  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  return dialog;
}

/* callbacks */

static void
full_check_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GtkWindow) window = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (g_object_get_data (G_OBJECT (window), PATH_KEY));
  const GError *first = g_object_get_data (G_OBJECT (window), ERROR_KEY);

  /* sound after all (restored meanwhile?): the quick check's finding stands */
  if (vv_db_check_file_finish (result, &error))
    error = g_error_copy (first);
  if (vv_db_recovery_can_reset (error))
    present_dialog (window, path, error, FALSE);   /* checked fully now */
  else
    vv_db_recovery_show_error (window, error);
  g_object_set_data (G_OBJECT (window), PATH_KEY, NULL);
  g_object_set_data (G_OBJECT (window), ERROR_KEY, NULL);
}

static void
on_recovery_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         gpointer          user_data)
{
  GtkWindow *window = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  GtkApplication *app = gtk_window_get_application (window);
  const char *path = g_object_get_data (G_OBJECT (dialog), PATH_KEY);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *body = NULL;
  g_autofree char *display_name = NULL;
  AdwMessageDialog *info;

  g_assert (GTK_IS_WINDOW (window));

  if (g_strcmp0 (response, "check") == 0)
    {
      /* The quick check names the first damaged page; the full one reads
       * every index entry too, and the dialog comes back with what it found. */
      g_object_set_data_full (G_OBJECT (window), PATH_KEY, g_strdup (path), g_free);
      g_object_set_data_full (G_OBJECT (window), ERROR_KEY,
                              g_error_copy (g_object_get_data (G_OBJECT (dialog), ERROR_KEY)),
                              (GDestroyNotify) g_error_free);
      vv_db_check_file_async (path, VV_DB_CHECK_FULL, NULL, NULL, NULL, full_check_done_cb,
                              g_object_ref (window));
      return;
    }
  if (g_strcmp0 (response, "reset") != 0)
    {
      /* The main window was never shown; quitting takes it down. */
      g_debug ("Quitting rather than touching %s", path);
      if (app != NULL)
        g_application_quit (G_APPLICATION (app));
      return;
    }

  if (!vv_db_backup_and_reset (path, &backup, &error))
    {
      AdwMessageDialog *failed = vv_db_recovery_show_error (window, error);

      /* Without the main window on screen, the dialog keeps the app running. */
      gtk_window_set_application (GTK_WINDOW (failed), app);
      g_signal_connect_object (failed, "response", G_CALLBACK (gtk_window_destroy), window,
                               G_CONNECT_SWAPPED);
      return;
    }

  /* The pages open the (now missing, so new and empty) database when they
   * first need it. */
  gtk_window_present (window);
  if (backup == NULL)
    return;
  display_name = g_filename_display_name (backup);
  body = g_strdup_printf (_("Veiviser started with an empty database. "
                            "The old file was kept as “%s”."), display_name);
  info = message_dialog_new (window, _("Started Fresh"), body);
  adw_message_dialog_add_response (info, "close", _("_OK"));
  gtk_window_present (GTK_WINDOW (info));
}

/* public API */

/**
 * vv_db_recovery_can_reset:
 * @error: (nullable): an error from vv_db_open()
 *
 * Returns: whether @error means the file cannot be used as it is, but a
 *   copy may be kept and a new database started (damaged, foreign, too new)
 */
gboolean
vv_db_recovery_can_reset (const GError *error)
{
  return error != NULL &&
         (g_error_matches (error, VV_DB_ERROR, VV_DB_ERROR_CORRUPT) ||
          g_error_matches (error, VV_DB_ERROR, VV_DB_ERROR_FOREIGN) ||
          g_error_matches (error, VV_DB_ERROR, VV_DB_ERROR_TOO_NEW));
}

/**
 * vv_db_recovery_present:
 * @window: the main window, not yet shown
 * @path: the database file that could not be opened
 * @error: why, one for which vv_db_recovery_can_reset() holds
 *
 * Asks whether to keep a copy of @path and start with an empty database,
 * or to quit. On "reset" the file is put aside with vv_db_backup_and_reset(),
 * @window is presented and a second dialog says where the copy is. On
 * "quit" the application quits and @path is left as it is. The dialog
 * belongs to @window's application, which it keeps running.
 *
 * Returns: (transfer none): the dialog, already presented
 */
AdwMessageDialog *
vv_db_recovery_present (GtkWindow    *window,
                        const char   *path,
                        const GError *error)
{
  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (vv_db_recovery_can_reset (error), NULL);

  return present_dialog (window, path, error, TRUE);
}

static AdwMessageDialog *
present_dialog (GtkWindow    *window,
                const char   *path,
                const GError *error,
                gboolean      offer_check)
{
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  body = g_strdup_printf ("%s\n\n%s", error->message,
                          _("Start Fresh keeps the file as a copy, next to it, and starts with "
                            "an empty database. Nothing in the copy is changed."));
  dialog = message_dialog_new (window, heading_for_error (error), body);
  g_object_set_data_full (G_OBJECT (dialog), PATH_KEY, g_strdup (path), g_free);
  g_object_set_data_full (G_OBJECT (dialog), ERROR_KEY, g_error_copy (error),
                          (GDestroyNotify) g_error_free);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "quit", _("_Quit"),
                                    /* short: two buttons side by side in a narrow dialog
                                     * (GTK 4.18 warns when one is given less than its label) */
                                    "reset", _("_Start Fresh"),
                                    NULL);
  if (offer_check && g_error_matches (error, VV_DB_ERROR, VV_DB_ERROR_CORRUPT))
    adw_message_dialog_add_response (dialog, "check", _("Check _Fully"));
  adw_message_dialog_set_response_appearance (dialog, "reset", ADW_RESPONSE_SUGGESTED);
  /* A newer Veiviser can still read the file: quitting to update is the safe default. */
  adw_message_dialog_set_default_response (dialog,
                                           g_error_matches (error, VV_DB_ERROR,
                                                            VV_DB_ERROR_TOO_NEW)
                                           ? "quit" : "reset");
  adw_message_dialog_set_close_response (dialog, "quit");
  g_signal_connect (dialog, "response", G_CALLBACK (on_recovery_response_cb), NULL);
  gtk_window_set_application (GTK_WINDOW (dialog), gtk_window_get_application (window));
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/**
 * vv_db_recovery_describe:
 * @error: an error from saving or importing
 *
 * Returns: (transfer full): @error's message followed by the assurance that
 *   nothing was saved, for a toast or a dialog body
 */
char *
vv_db_recovery_describe (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (g_error_matches (error, VV_DB_ERROR, VV_DB_ERROR_READ_ONLY) ||
      g_error_matches (error, VV_DB_ERROR, VV_DB_ERROR_FULL))
    /* Translators: %s is an error message that names the file */
    return g_strdup_printf (_("%s Nothing was saved; your data is as it was before."),
                            error->message);
  if (g_error_matches (error, VV_DB_ERROR, VV_DB_ERROR_CORRUPT))
    /* Translators: %s is an error message that names the file */
    return g_strdup_printf (_("%s Restore the file from a backup, or quit Veiviser and move the "
                              "file aside: Veiviser then starts with an empty database."),
                            error->message);
  return g_strdup (error->message);
}

/**
 * vv_db_recovery_show_error:
 * @parent: (nullable): the window the dialog belongs to
 * @error: an error from opening, saving or importing
 *
 * Shows @error in a dialog with a heading for its kind (read-only, disk
 * full, …) and a "Close" response.
 *
 * Returns: (transfer none): the dialog, already presented
 */
AdwMessageDialog *
vv_db_recovery_show_error (GtkWindow    *parent,
                           const GError *error)
{
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (error != NULL, NULL);

  body = vv_db_recovery_describe (error);
  dialog = message_dialog_new (parent, heading_for_error (error), body);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
