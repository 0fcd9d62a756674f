/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-ledger-page"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "vv-guide-page.h"
#include "vv-ledger-lines-view.h"
#include "vv-ledger-page-private.h"
#include "vv-ledger-split-view.h"
#include "vv-message-dialog.h"

#define SAMPLE_LEDGER "sample-2024.csv"
#define SAMPLE_UNITS  "sample-units.csv"

G_DEFINE_FINAL_TYPE (VvLedgerPage, vv_ledger_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_BUSY,
  PROP_IMPORT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

guint _vv_ledger_page_signals[N_SIGNALS];

/* helpers */

/* Only the window shows toasts (and escapes them once). */
void
_vv_ledger_page_show_toast (VvLedgerPage *self,
                            const char   *text)
{
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", text))
    g_debug ("%s", text);
}

void
_vv_ledger_page_show_error (VvLedgerPage *self,
                            const char   *text)
{
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-error", "s", text))
    g_debug ("%s", text);
}

GtkWindow *
_vv_ledger_page_parent_window (VvLedgerPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

GtkWidget *
_vv_ledger_page_message_dialog (VvLedgerPage *self,
                const char   *heading,
                const char   *body)
{
  return vv_message_dialog_new (_vv_ledger_page_parent_window (self), heading, body);
}

void
_vv_ledger_page_show_message (VvLedgerPage *self,
              const char   *heading,
              const char   *body)
{
  GtkWidget *dialog = _vv_ledger_page_message_dialog (self, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_vv_ledger_page_show_split_or_empty (VvLedgerPage *self)
{
  gboolean have = self->session != NULL && vv_ledger_session_get_split (self->session) != NULL;

  gtk_stack_set_visible_child_name (self->stack, have ? "split" : "empty");
}

/* The name a sample file is unpacked under: the ledger's is shown under
 * its heading, so it is the translation's, not an English "sample-2024.csv"
 * in a Norwegian window. */
static const char *
sample_file_name (const char *resource_name)
{
  if (g_str_equal (resource_name, SAMPLE_LEDGER))
    /* TRANSLATORS: the sample ledger's file name, shown under its heading; keep ".csv" */
    return C_("file name", "sample-2024.csv");
  /* TRANSLATORS: the sample units register's file name; keep ".csv" */
  return C_("file name", "sample-units.csv");
}

static void
remove_sample_dir (VvLedgerPage *self)
{
  const char *const names[] = { SAMPLE_LEDGER, SAMPLE_UNITS };

  if (self->sample_dir == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (self->sample_dir, sample_file_name (names[i]),
                                                NULL);

      g_unlink (path);
    }
  g_rmdir (self->sample_dir);
  g_clear_pointer (&self->sample_dir, g_free);
}

/* A step with the busy page (imports, showing another import); unit edits
 * update the figures in place instead. */
GCancellable *
_vv_ledger_page_begin_step (VvLedgerPage *self,
            const char   *title,
            const char   *description)
{
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->show_progress = TRUE;
  adw_status_page_set_title (self->busy_status, title);
  adw_status_page_set_description (self->busy_status, description);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, "0 %");
  gtk_stack_set_visible_child_name (self->stack, "busy");
  return self->cancellable;
}

void
_vv_ledger_page_end_step (VvLedgerPage *self)
{
  self->show_progress = FALSE;
  g_clear_object (&self->cancellable);
  remove_sample_dir (self);
}

/* callbacks */

static void
on_session_notify_progress_cb (VvLedgerPage *self)
{
  double progress = vv_ledger_session_get_progress (self->session);
  g_autofree char *text = NULL;

  if (progress < 0)
    {
      /* Reading is done; the split has no measurable progress. */
      gtk_progress_bar_pulse (self->progress_bar);
      gtk_progress_bar_set_text (self->progress_bar, _("Splitting…"));
      return;
    }
  gtk_progress_bar_set_fraction (self->progress_bar, progress);
  text = g_strdup_printf ("%d %%", (int) (progress * 100));
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
on_session_notify_busy_cb (VvLedgerPage *self)
{
  _vv_ledger_page_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
on_session_notify_import_id_cb (VvLedgerPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORT_ID]);
  _vv_ledger_page_update_actions (self);
}

static void
sample_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(VvLedgerPage) self = user_data;
  g_autoptr(GError) error = NULL;

  _vv_ledger_page_end_step (self);
  if (!vv_ledger_session_show_sample_finish (self->session, result, &error))
    {
      g_debug ("Cannot show the sample ledger: %s", error->message);
      _vv_ledger_page_show_split_or_empty (self);
      g_signal_emit (self, _vv_ledger_page_signals[IMPORT_FINISHED], 0, FALSE, error->message);
      return;
    }
  _vv_ledger_page_show_split_or_empty (self);
  g_signal_emit (self, _vv_ledger_page_signals[IMPORT_FINISHED], 0, TRUE, NULL);
}

static void
split_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(VvLedgerPage) self = user_data;
  g_autoptr(GError) error = NULL;

  _vv_ledger_page_end_step (self);
  _vv_ledger_page_show_split_or_empty (self);
  if (!vv_ledger_session_split_finish (self->session, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _vv_ledger_page_show_message (self, _("Cannot Show the Ledger"), error->message);
      g_signal_emit (self, _vv_ledger_page_signals[IMPORT_FINISHED], 0, FALSE, error->message);
      return;
    }
  g_signal_emit (self, _vv_ledger_page_signals[IMPORT_FINISHED], 0, TRUE, NULL);
}

static void
unit_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(VvLedgerPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VvStoredUnit) previous = NULL;
  if (!vv_ledger_session_set_unit_finish (self->session, result, &previous, &error))
    {
      _vv_ledger_page_show_error (self, error->message);
      return;
    }
  g_free (self->undo_ansvar);
  self->undo_ansvar = g_steal_pointer (&self->pending_ansvar);
  g_clear_pointer (&self->undo_unit, vv_stored_unit_free);
  self->undo_unit = g_steal_pointer (&previous);
  self->undo_valid = TRUE;
  /* The window's Undo comes back to ledger.undo-unit. */
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-undo-toast", "(ssv)",
                                   self->pending_message, "win.undo-ledger-unit",
                                   g_variant_new_string (self->undo_ansvar)))
    g_debug ("%s", self->pending_message);
  _vv_ledger_page_update_actions (self);
}

/* Stores a unit and splits again, the figures updating in place. */
void
_vv_ledger_page_set_unit (VvLedgerPage *self,
          const char   *ansvar,
          const char   *name,
          const char   *allocation,
          const char   *citation,
          const char   *guide,
          const char   *message)
{
  g_free (self->pending_ansvar);
  self->pending_ansvar = g_strdup (ansvar);
  g_free (self->pending_message);
  self->pending_message = g_strdup (message);
  vv_ledger_session_set_unit_full_async (self->session, ansvar, name, allocation, citation, guide,
                                         NULL, unit_done_cb, g_object_ref (self));
}

static void
lines_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(VvLedgerPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) lines = NULL;
  lines = vv_ledger_session_finding_lines_finish (self->session, result, &error);
  if (lines == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _vv_ledger_page_show_message (self, _("Cannot Show the Lines"), error->message);
      return;
    }
  g_clear_object (&self->lines_cancellable);
  vv_ledger_lines_view_set_lines (self->lines_view, self->lines_title, lines);
}

/* actions */

/* overrides */

static void
vv_ledger_page_map (GtkWidget *widget)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (widget);

  GTK_WIDGET_CLASS (vv_ledger_page_parent_class)->map (widget);
  if (!self->loaded)
    vv_ledger_page_load (self);
}

static void
vv_ledger_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, vv_ledger_page_get_context (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, vv_ledger_page_get_busy (self));
      break;
    case PROP_IMPORT_ID:
      g_value_set_int64 (value, vv_ledger_page_get_import_id (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vv_ledger_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      vv_ledger_page_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vv_ledger_page_dispose (GObject *object)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->lines_cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  /* The stack is both AdwBin's child and a template child: unparent it once. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), VV_TYPE_LEDGER_PAGE);

  G_OBJECT_CLASS (vv_ledger_page_parent_class)->dispose (object);
}

static void
vv_ledger_page_finalize (GObject *object)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (object);

  remove_sample_dir (self);
  g_clear_object (&self->session);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->lines_cancellable);
  g_clear_pointer (&self->pending_path, g_free);
  g_clear_object (&self->pending_reader);
  g_clear_pointer (&self->pending_ansvar, g_free);
  g_clear_pointer (&self->pending_message, g_free);
  g_clear_pointer (&self->lines_title, g_free);
  g_clear_pointer (&self->undo_ansvar, g_free);
  g_clear_pointer (&self->undo_unit, vv_stored_unit_free);

  G_OBJECT_CLASS (vv_ledger_page_parent_class)->finalize (object);
}

static void
vv_ledger_page_class_init (VvLedgerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vv_ledger_page_dispose;
  object_class->finalize = vv_ledger_page_finalize;
  object_class->get_property = vv_ledger_page_get_property;
  object_class->set_property = vv_ledger_page_set_property;
  widget_class->map = vv_ledger_page_map;

  /**
   * VvLedgerPage:busy:
   *
   * The session runs a step (an import, a split) in a worker thread.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_IMPORT_ID] =
    g_param_spec_int64 ("import-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * VvLedgerPage:context:
   *
   * What the pages share, bound from the window; the page shows the
   * context's ledger session.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, VV_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VvLedgerPage::import-finished:
   * @success: whether the split is now shown
   * @message: (nullable): the error message otherwise
   */
  _vv_ledger_page_signals[IMPORT_FINISHED] =
    g_signal_new ("import-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_BOOLEAN, G_TYPE_STRING);
  /**
   * VvLedgerPage::exported:
   * @path: (nullable): the file written, or %NULL on failure
   * @message: (nullable): the error message on failure
   */
  _vv_ledger_page_signals[EXPORTED] =
    g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  g_type_ensure (VV_TYPE_LEDGER_LINES_VIEW);
  g_type_ensure (VV_TYPE_LEDGER_SPLIT_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               VV_RESOURCE_PATH "/ui/vv-ledger-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VvLedgerPage, busy_status);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerPage, lines_view);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerPage, split_view);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerPage, stack);

  _vv_ledger_page_class_actions_init (widget_class);
  _vv_ledger_page_class_export_init (widget_class);
}

static void
vv_ledger_page_init (VvLedgerPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Loaded here, in the main thread, before any worker needs it. */
  vv_rules_get_default ();
  _vv_ledger_page_update_actions (self);
}

/* public API */

GtkWidget *
vv_ledger_page_new (void)
{
  return g_object_new (VV_TYPE_LEDGER_PAGE, NULL);
}

/**
 * vv_ledger_page_set_session:
 * @session: the ledger session to show
 *
 * Without one, the page makes its own on the user's database when first
 * shown.
 */
void
vv_ledger_page_set_session (VvLedgerPage    *self,
                            VvLedgerSession *session)
{
  g_return_if_fail (VV_IS_LEDGER_PAGE (self));
  g_return_if_fail (session == NULL || VV_IS_LEDGER_SESSION (session));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_swapped (session, "notify::busy",
                                G_CALLBACK (on_session_notify_busy_cb), self);
      g_signal_connect_swapped (session, "notify::progress",
                                G_CALLBACK (on_session_notify_progress_cb), self);
      g_signal_connect_swapped (session, "notify::import-id",
                                G_CALLBACK (on_session_notify_import_id_cb), self);
      g_signal_connect_swapped (session, "notify::split",
                                G_CALLBACK (_vv_ledger_page_update_actions), self);
    }
  vv_ledger_view_set_session (VV_LEDGER_VIEW (self->split_view), session);
  _vv_ledger_page_update_actions (self);
}

/**
 * vv_ledger_page_get_session:
 *
 * Returns: (transfer none) (nullable): the ledger session shown
 */
VvLedgerSession *
vv_ledger_page_get_session (VvLedgerPage *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_PAGE (self), NULL);

  return self->session;
}

gboolean
_vv_ledger_page_ensure_session (VvLedgerPage *self)
{
  g_autoptr(GError) error = NULL;
  VvLedgerSession *session;

  if (self->session != NULL)
    return TRUE;
  if (self->context == NULL)
    {
      g_debug ("The ledger page has no context yet");
      return FALSE;
    }
  session = vv_context_get_ledger_session (self->context, &error);
  if (session == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      _vv_ledger_page_show_message (self, _("Cannot Open the Database"), error->message);
      return FALSE;
    }
  vv_ledger_page_set_session (self, session);
  return TRUE;
}

/* The sample ledger from the resource bundle, so a new user sees a split;
 * it goes into the session's sample database, never into the user's. */
static void
show_sample (VvLedgerPage *self)
{
  const char *const names[] = { SAMPLE_LEDGER, SAMPLE_UNITS };
  g_autoptr(GError) error = NULL;
  g_autofree char *ledger = NULL;
  g_autofree char *units = NULL;

  remove_sample_dir (self);
  self->sample_dir = g_dir_make_tmp ("veiviser-sample-XXXXXX", &error);
  if (self->sample_dir == NULL)
    {
      g_debug ("Cannot unpack the sample ledger: %s", error->message);
      _vv_ledger_page_show_split_or_empty (self);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *res = g_strconcat (VV_RESOURCE_PATH "/ledger/", names[i], NULL);
      g_autofree char *path = g_build_filename (self->sample_dir, sample_file_name (names[i]),
                                                NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (res, 0, &error);

      if (bytes == NULL ||
          !g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                &error))
        {
          g_debug ("Cannot unpack the sample ledger: %s", error->message);
          remove_sample_dir (self);
          _vv_ledger_page_show_split_or_empty (self);
          return;
        }
    }
  ledger = g_build_filename (self->sample_dir, sample_file_name (SAMPLE_LEDGER), NULL);
  units = g_build_filename (self->sample_dir, sample_file_name (SAMPLE_UNITS), NULL);
  vv_ledger_session_show_sample_async (self->session, ledger, units,
                                       _vv_ledger_page_begin_step (self, _("Opening the Sample…"), NULL),
                                       sample_done_cb, g_object_ref (self));
}

/* The newest import of the user's, or the empty page. */
void
_vv_ledger_page_show_latest_import (VvLedgerPage *self)
{
  g_autoptr(GPtrArray) imports = NULL;
  g_autoptr(GError) error = NULL;

  imports = vv_ledger_session_list_imports (self->session, &error);
  if (imports == NULL)
    {
      _vv_ledger_page_show_split_or_empty (self);
      _vv_ledger_page_show_message (self, _("Cannot Open the Database"), error->message);
      return;
    }
  vv_ledger_session_clear (self->session);
  /* Listed newest first. */
  if (imports->len == 0)
    _vv_ledger_page_show_split_or_empty (self);
  else
    vv_ledger_page_show_import (self, ((VvLedgerImport *) g_ptr_array_index (imports, 0))->id);
}

/**
 * vv_ledger_page_load:
 * @self: the page
 *
 * Shows the split of the latest import; with no import of the user's yet,
 * the sample ledger (kept apart from the user's). Called when the page is
 * first shown.
 */
void
vv_ledger_page_load (VvLedgerPage *self)
{
  g_autoptr(GPtrArray) imports = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (VV_IS_LEDGER_PAGE (self));

  self->loaded = TRUE;
  if (!_vv_ledger_page_ensure_session (self) || vv_ledger_session_get_busy (self->session))
    return;
  if (vv_ledger_session_get_split (self->session) != NULL)
    {
      _vv_ledger_page_show_split_or_empty (self);
      return;
    }
  imports = vv_ledger_session_list_imports (self->session, &error);
  if (imports == NULL)
    {
      _vv_ledger_page_show_split_or_empty (self);
      _vv_ledger_page_show_message (self, _("Cannot Open the Database"), error->message);
      return;
    }
  if (imports->len == 0)
    show_sample (self);
  else
    vv_ledger_page_show_import (self, ((VvLedgerImport *) g_ptr_array_index (imports, 0))->id);
}

/**
 * vv_ledger_page_show_import:
 * @self: the page
 * @import_id: a stored import
 *
 * Shows the split of an earlier import; the same as choosing it in the
 * imports menu. Emits #VvLedgerPage::import-finished at the end.
 */
void
vv_ledger_page_show_import (VvLedgerPage *self,
                            gint64        import_id)
{
  g_return_if_fail (VV_IS_LEDGER_PAGE (self));

  self->loaded = TRUE;
  if (!_vv_ledger_page_ensure_session (self) || vv_ledger_session_get_busy (self->session) || import_id <= 0 ||
      (!vv_ledger_session_get_sample (self->session) &&
       vv_ledger_session_get_import_id (self->session) == import_id))
    return;
  vv_ledger_session_split_async (self->session, import_id,
                                 _vv_ledger_page_begin_step (self, _("Splitting…"), NULL),
                                 split_done_cb, g_object_ref (self));
}

/**
 * vv_ledger_page_delete_import:
 * @self: the page
 * @import_id: a stored import
 * @error: return location for a #GError
 *
 * Deletes an import and its lines (what "Delete This Import…" does once
 * confirmed); when it was the one shown, the newest one left is shown.
 *
 * Returns: %TRUE when deleted
 */
gboolean
vv_ledger_page_delete_import (VvLedgerPage  *self,
                              gint64         import_id,
                              GError       **error)
{
  gboolean shown;

  g_return_val_if_fail (VV_IS_LEDGER_PAGE (self), FALSE);

  if (!_vv_ledger_page_ensure_session (self))
    return FALSE;
  shown = !vv_ledger_session_get_sample (self->session) &&
          vv_ledger_session_get_import_id (self->session) == import_id;
  if (!vv_ledger_session_delete_import (self->session, import_id, error))
    return FALSE;
  _vv_ledger_page_show_toast (self, _("Import deleted"));
  if (shown)
    _vv_ledger_page_show_latest_import (self);
  return TRUE;
}

/**
 * vv_ledger_page_import:
 * @self: the page
 * @path: a ledger file
 * @units_path: (nullable): a units register to store with it
 * @reader: (nullable): a reader set up by the import assistant
 *
 * Imports @path, then shows its split. Emits
 * #VvLedgerPage::import-finished at the end.
 */
void
vv_ledger_page_import (VvLedgerPage   *self,
                       const char     *path,
                       const char     *units_path,
                       VvLedgerReader *reader)
{
  g_autofree char *name = NULL;

  g_return_if_fail (VV_IS_LEDGER_PAGE (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (reader == NULL || VV_IS_LEDGER_READER (reader));

  self->loaded = TRUE;
  if (!_vv_ledger_page_ensure_session (self))
    {
      g_signal_emit (self, _vv_ledger_page_signals[IMPORT_FINISHED], 0, FALSE, _("Cannot Open the Database"));
      return;
    }
  if (vv_ledger_session_get_busy (self->session))
    {
      _vv_ledger_page_show_toast (self, _("An import is already running"));
      return;
    }
  g_free (self->pending_path);
  self->pending_path = g_strdup (path);
  g_set_object (&self->pending_reader, reader);
  name = g_path_get_basename (path);
  vv_ledger_session_import_async (self->session, path, reader, units_path,
                                  _vv_ledger_page_begin_step (self, _("Importing…"), name),
                                  _vv_ledger_page_import_done_cb, g_object_ref (self));
}

void
vv_ledger_page_cancel (VvLedgerPage *self)
{
  g_return_if_fail (VV_IS_LEDGER_PAGE (self));

  g_cancellable_cancel (self->cancellable);
}

gboolean
vv_ledger_page_get_busy (VvLedgerPage *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_PAGE (self), FALSE);

  return self->session != NULL && vv_ledger_session_get_busy (self->session);
}

gint64
vv_ledger_page_get_import_id (VvLedgerPage *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_PAGE (self), 0);

  return self->session != NULL ? vv_ledger_session_get_import_id (self->session) : 0;
}

/**
 * vv_ledger_page_get_split:
 *
 * Returns: (transfer none) (nullable): the split shown
 */
VvSplit *
vv_ledger_page_get_split (VvLedgerPage *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_PAGE (self), NULL);

  return self->session != NULL ? vv_ledger_session_get_split (self->session) : NULL;
}

/**
 * vv_ledger_page_get_lines_model:
 *
 * Returns: (transfer none) (nullable): the lines of the finding last shown
 */
GListModel *
vv_ledger_page_get_lines_model (VvLedgerPage *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_PAGE (self), NULL);

  return vv_ledger_lines_view_get_lines (self->lines_view);
}

/**
 * vv_ledger_page_show_finding:
 * @self: the page
 * @index: a finding of vv_split_get_findings()
 *
 * Shows the ledger lines of a finding, read lazily from the database.
 */
gboolean
vv_ledger_page_show_finding (VvLedgerPage  *self,
                             guint          index,
                             GError       **error)
{
  VvSplit *split;
  GPtrArray *findings;
  const VvSplitFinding *f;

  g_return_val_if_fail (VV_IS_LEDGER_PAGE (self), FALSE);
  g_return_val_if_fail (self->session != NULL, FALSE);

  split = vv_ledger_session_get_split (self->session);
  g_return_val_if_fail (split != NULL, FALSE);
  findings = vv_split_get_findings (split);
  g_return_val_if_fail (index < findings->len, FALSE);
  f = g_ptr_array_index (findings, index);

  if (f->kind == VV_SPLIT_FINDING_REJECTED_LINE)
    {
      _vv_ledger_page_offer_undo_rejects (self);
      return TRUE;
    }
  g_cancellable_cancel (self->lines_cancellable);
  g_clear_object (&self->lines_cancellable);
  self->lines_cancellable = g_cancellable_new ();
  g_free (self->lines_title);
  self->lines_title = g_strdup (f->message);
  vv_ledger_lines_view_set_loading (self->lines_view, f->message);
  gtk_stack_set_visible_child_name (self->stack, "lines");
  vv_ledger_session_finding_lines_async (self->session, index, self->lines_cancellable,
                                         lines_done_cb, g_object_ref (self));
  return TRUE;
}

/**
 * vv_ledger_page_assign_unit:
 * @self: the page
 * @ansvar: an ansvar of the ledger
 * @allocation: its Fordeling, e.g. `257:80 258:20`
 *
 * Stores the unit's allocation and splits the ledger again; the figures
 * change in place, and a toast offers to undo.
 */
gboolean
vv_ledger_page_assign_unit (VvLedgerPage  *self,
                            const char    *ansvar,
                            const char    *allocation,
                            GError       **error)
{
  g_autoptr(GArray) parsed = NULL;
  g_autofree char *normal = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (VV_IS_LEDGER_PAGE (self), FALSE);
  g_return_val_if_fail (ansvar != NULL, FALSE);
  g_return_val_if_fail (allocation != NULL, FALSE);

  if (*ansvar == '\0')
    {
      g_set_error (error, VV_UNITS_ERROR, VV_UNITS_ERROR_ANSVAR,
                   _("Lines without an ansvar cannot be given a unit"));
      return FALSE;
    }
  if (!_vv_ledger_page_ensure_session (self))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("Cannot Open the Database"));
      return FALSE;
    }
  if (vv_ledger_session_get_busy (self->session))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY, _("Wait for the import to finish"));
      return FALSE;
    }
  parsed = vv_allocation_parse (vv_ledger_session_get_rules (self->session), allocation, error);
  if (parsed == NULL)
    return FALSE;
  normal = vv_allocation_to_string (parsed);
  message = g_strdup_printf (_("Ansvar %s classified as %s"), ansvar, normal);
  _vv_ledger_page_set_unit (self, ansvar, NULL, normal, NULL, NULL, message);
  return TRUE;
}


/**
 * vv_ledger_page_get_context:
 * @self: the page
 *
 * Returns: (transfer none) (nullable): the context
 */
VvContext *
vv_ledger_page_get_context (VvLedgerPage *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_PAGE (self), NULL);

  return self->context;
}

/**
 * vv_ledger_page_set_context:
 * @self: the page
 * @context: (nullable): the context, whose ledger session the page shows
 */
void
vv_ledger_page_set_context (VvLedgerPage *self,
                            VvContext    *context)
{
  g_return_if_fail (VV_IS_LEDGER_PAGE (self));
  g_return_if_fail (context == NULL || VV_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}
