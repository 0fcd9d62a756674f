/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-ledger-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vv-kostra-dialog.h"
#include "vv-ledger-page-private.h"

/* The ledger page's write-back actions: correction postings for the ERP
 * (.csv or .xlsx), a KOSTRA file extract for SSB, and an existing extract
 * corrected. The `…-to` variants take the file names, as a test or a drop
 * would; the others ask with GtkFileChooserNative. The work itself is
 * vv_ledger_session_export_async(). */

typedef struct
{
  VvLedgerPage       *page;
  VvLedgerExportKind  kind;
  char               *path;
} ExportJob;

/* helpers */

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->page);
  g_free (job->path);
  g_free (job);
}

static int
ledger_year (VvLedgerPage *self)
{
  VvSplit *split = vv_ledger_session_get_split (self->session);

  return split != NULL ? vv_split_get_year (split) : 0;
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExportJob *job = user_data;
  VvLedgerPage *self = job->page;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_filename_display_basename (job->path);
  g_autofree char *text = NULL;
  guint n = 0, n_split = 0;

  if (!vv_ledger_session_export_finish (VV_LEDGER_SESSION (source), result, &n, &n_split, &error))
    {
      _vv_ledger_page_show_message (self, _("Cannot Write the File"), error->message);
      g_signal_emit (self, _vv_ledger_page_signals[EXPORTED], 0, NULL, error->message);
      export_job_free (job);
      return;
    }
  switch (job->kind)
    {
    case VV_LEDGER_EXPORT_CORRECTIONS:
      text = g_strdup_printf (ngettext ("Saved “%s”: %u correction posting",
                                        "Saved “%s”: %u correction postings", n), name, n);
      break;
    case VV_LEDGER_EXPORT_KOSTRA:
      text = g_strdup_printf (ngettext ("Saved “%s”: %u KOSTRA record",
                                        "Saved “%s”: %u KOSTRA records", n), name, n);
      break;
    case VV_LEDGER_EXPORT_KOSTRA_CORRECTED:
    default:
      text = g_strdup_printf (ngettext ("Saved “%s”: %u record of 254 split into 257 and 258",
                                        "Saved “%s”: %u records of 254 split into 257 and 258",
                                        n_split), name, n_split);
      break;
    }
  /* The window's toast offers to show the file in its folder. */
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-file-toast", "(ss)", text,
                                   job->path))
    g_debug ("%s", text);
  g_signal_emit (self, _vv_ledger_page_signals[EXPORTED], 0, job->path, NULL);
  export_job_free (job);
}

static void
start_export (VvLedgerPage       *self,
              VvLedgerExportKind  kind,
              const char         *path,
              int                 year,
              const char         *region,
              const char         *orgnr,
              const char         *extract_path)
{
  ExportJob *job = g_new0 (ExportJob, 1);

  job->page = g_object_ref (self);
  job->kind = kind;
  job->path = g_strdup (path);
  vv_ledger_session_export_async (self->session, kind, path, year, region, orgnr, extract_path,
                                  NULL, export_done_cb, job);
}

/* A save chooser; @data is handed to the response through "export-data". */
static GtkFileChooserNative *
save_chooser (VvLedgerPage *self,
              const char   *title,
              const char   *name,
              const char   *filter_name,
              const char   *pattern)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  native = gtk_file_chooser_native_new (title, _vv_ledger_page_parent_window (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  return native;
}

/* The chosen file's path, with @suffix added when the name has none. */
static char *
chosen_path (GtkNativeDialog *native,
             const char      *suffix)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  g_autofree char *base = NULL;

  if (path == NULL)
    return NULL;
  base = g_path_get_basename (path);
  if (strchr (base, '.') == NULL)
    return g_strconcat (path, suffix, NULL);
  return g_steal_pointer (&path);
}

/* What was typed last is offered the next time. */
static void
remember_identity (VvLedgerPage *self,
                   const char   *region,
                   const char   *orgnr)
{
  g_object_set_data_full (G_OBJECT (self), "kostra-region", g_strdup (region), g_free);
  g_object_set_data_full (G_OBJECT (self), "kostra-orgnr", g_strdup (orgnr), g_free);
}

/* callbacks */

static void
on_corrections_chooser_response_cb (GtkNativeDialog *native,
                                    int              response,
                                    VvLedgerPage    *self)
{
  const char *suffix = g_object_get_data (G_OBJECT (native), "suffix");
  g_autofree char *path = response == GTK_RESPONSE_ACCEPT ? chosen_path (native, suffix) : NULL;

  if (path != NULL)
    start_export (self, VV_LEDGER_EXPORT_CORRECTIONS, path, 0, NULL, NULL, NULL);
  g_object_unref (native);
}

static void
on_kostra_chooser_response_cb (GtkNativeDialog *native,
                               int              response,
                               VvLedgerPage    *self)
{
  g_autofree char *path = response == GTK_RESPONSE_ACCEPT ? chosen_path (native, ".dat") : NULL;

  if (path != NULL)
    start_export (self, VV_LEDGER_EXPORT_KOSTRA, path,
                  GPOINTER_TO_INT (g_object_get_data (G_OBJECT (native), "year")),
                  g_object_get_data (G_OBJECT (native), "region"),
                  g_object_get_data (G_OBJECT (native), "orgnr"), NULL);
  g_object_unref (native);
}

static void
on_kostra_dialog_response_cb (VvKostraDialog *dialog,
                              const char     *response,
                              VvLedgerPage   *self)
{
  GtkFileChooserNative *native;
  g_autofree char *name = NULL;
  const char *region = vv_kostra_dialog_get_region (dialog);
  const char *orgnr = vv_kostra_dialog_get_orgnr (dialog);
  int year = vv_kostra_dialog_get_year (dialog);

  if (!g_str_equal (response, "write"))
    return;
  remember_identity (self, region, orgnr);
  /* Translators: the suggested name of a KOSTRA extract: year and region */
  name = g_strdup_printf (_("kostra-%d-%s.dat"), year, region);
  native = save_chooser (self, _("Save the KOSTRA File Extract"), name,
                         _("KOSTRA file extracts"), "*.dat");
  g_object_set_data_full (G_OBJECT (native), "region", g_strdup (region), g_free);
  g_object_set_data_full (G_OBJECT (native), "orgnr", g_strdup (orgnr), g_free);
  g_object_set_data (G_OBJECT (native), "year", GINT_TO_POINTER (year));
  g_signal_connect (native, "response", G_CALLBACK (on_kostra_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
on_corrected_chooser_response_cb (GtkNativeDialog *native,
                                  int              response,
                                  VvLedgerPage    *self)
{
  const char *extract = g_object_get_data (G_OBJECT (native), "extract");
  g_autofree char *path = response == GTK_RESPONSE_ACCEPT ? chosen_path (native, ".dat") : NULL;

  if (path != NULL && g_strcmp0 (path, extract) == 0)
    _vv_ledger_page_show_error (self, _("Save the corrected extract under another name; the "
                                        "one it corrects stays as it is."));
  else if (path != NULL)
    start_export (self, VV_LEDGER_EXPORT_KOSTRA_CORRECTED, path, 0, NULL, NULL, extract);
  g_object_unref (native);
}

static void
on_extract_chooser_response_cb (GtkNativeDialog *native,
                                int              response,
                                VvLedgerPage    *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *extract = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *save;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  if (file != NULL)
    extract = g_file_get_path (file);
  g_object_unref (native);
  if (extract == NULL)
    return;
  base = g_path_get_basename (extract);
  if (strrchr (base, '.') != NULL)
    *strrchr (base, '.') = '\0';
  /* Translators: the suggested name of a corrected KOSTRA extract */
  name = g_strdup_printf (_("%s-corrected.dat"), base);
  save = save_chooser (self, _("Save the Corrected Extract"), name, _("KOSTRA file extracts"),
                       "*.dat");
  g_object_set_data_full (G_OBJECT (save), "extract", g_steal_pointer (&extract), g_free);
  g_signal_connect (save, "response", G_CALLBACK (on_corrected_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (save));
}

/* actions */

static gboolean
can_export (VvLedgerPage       *self,
            VvLedgerExportKind  kind)
{
  g_autofree char *reason = NULL;

  if (self->session != NULL && vv_ledger_session_can_export (self->session, kind, &reason))
    return TRUE;
  _vv_ledger_page_show_error (self, reason != NULL ? reason : _("Import a ledger first."));
  return FALSE;
}

static void
export_corrections_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (widget);
  gboolean xlsx = g_str_equal (g_variant_get_string (parameter, NULL), "xlsx");
  GtkFileChooserNative *native;
  g_autofree char *name = NULL;

  if (!can_export (self, VV_LEDGER_EXPORT_CORRECTIONS))
    return;
  /* Translators: the suggested file name of the correction postings, before year and suffix */
  name = g_strdup_printf ("%s-%d.%s", _("corrections"), ledger_year (self), xlsx ? "xlsx" : "csv");
  native = save_chooser (self, xlsx ? _("Save the Correction Postings as a Workbook")
                                    : _("Save the Correction Postings as CSV"),
                         name, xlsx ? _("Excel workbooks (.xlsx)") : _("CSV files"),
                         xlsx ? "*.xlsx" : "*.csv");
  g_object_set_data (G_OBJECT (native), "suffix", (gpointer) (xlsx ? ".xlsx" : ".csv"));
  g_signal_connect (native, "response", G_CALLBACK (on_corrections_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
export_corrections_to_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (widget);

  if (can_export (self, VV_LEDGER_EXPORT_CORRECTIONS))
    start_export (self, VV_LEDGER_EXPORT_CORRECTIONS, g_variant_get_string (parameter, NULL), 0,
                  NULL, NULL, NULL);
}

static void
export_kostra_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (widget);
  g_autoptr(VvLedgerProvenance) source = NULL;
  const char *region, *orgnr;
  VvKostraDialog *dialog;

  if (!can_export (self, VV_LEDGER_EXPORT_KOSTRA))
    return;
  source = vv_ledger_session_dup_provenance (self->session);
  /* Prefilled with what the import knows; a region typed before wins. */
  region = g_object_get_data (G_OBJECT (self), "kostra-region");
  orgnr = g_object_get_data (G_OBJECT (self), "kostra-orgnr");
  dialog = vv_kostra_dialog_new (_vv_ledger_page_parent_window (self), self->session,
                                 region != NULL ? region : source != NULL ? source->region : NULL,
                                 orgnr != NULL ? orgnr : source != NULL ? source->orgnr : NULL,
                                 ledger_year (self));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_kostra_dialog_response_cb), self,
                           0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_kostra_to_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (widget);
  const char *path, *region, *orgnr;
  int year;

  g_variant_get (parameter, "(&s&s&si)", &path, &region, &orgnr, &year);
  if (!can_export (self, VV_LEDGER_EXPORT_KOSTRA))
    return;
  remember_identity (self, region, orgnr);
  start_export (self, VV_LEDGER_EXPORT_KOSTRA, path, year, region, *orgnr ? orgnr : NULL, NULL);
}

static void
correct_kostra_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (!can_export (self, VV_LEDGER_EXPORT_KOSTRA_CORRECTED))
    return;
  native = gtk_file_chooser_native_new (_("Choose the KOSTRA Extract to Correct"),
                                        _vv_ledger_page_parent_window (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("KOSTRA file extracts"));
  gtk_file_filter_add_pattern (filter, "*.dat");
  gtk_file_filter_add_pattern (filter, "*.DAT");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_extract_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
correct_kostra_to_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (widget);
  const char *extract, *path;

  g_variant_get (parameter, "(&s&s)", &extract, &path);
  if (can_export (self, VV_LEDGER_EXPORT_KOSTRA_CORRECTED))
    start_export (self, VV_LEDGER_EXPORT_KOSTRA_CORRECTED, path, 0, NULL, NULL, extract);
}

/* Each write-back is enabled when the session can write it; the exports
 * group says why when it cannot (vv_ledger_session_can_export()). */
void
_vv_ledger_page_update_export_actions (VvLedgerPage *self,
                                       gboolean      busy)
{
  const struct { const char *name; VvLedgerExportKind kind; } actions[] = {
    { "ledger.export-corrections", VV_LEDGER_EXPORT_CORRECTIONS },
    { "ledger.export-corrections-to", VV_LEDGER_EXPORT_CORRECTIONS },
    { "ledger.export-kostra", VV_LEDGER_EXPORT_KOSTRA },
    { "ledger.export-kostra-to", VV_LEDGER_EXPORT_KOSTRA },
    { "ledger.correct-kostra", VV_LEDGER_EXPORT_KOSTRA_CORRECTED },
    { "ledger.correct-kostra-to", VV_LEDGER_EXPORT_KOSTRA_CORRECTED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i].name,
                                   !busy && self->session != NULL &&
                                   vv_ledger_session_can_export (self->session, actions[i].kind,
                                                                 NULL));
}

void
_vv_ledger_page_class_export_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "ledger.export-corrections", "s",
                                   export_corrections_action);
  gtk_widget_class_install_action (widget_class, "ledger.export-corrections-to", "s",
                                   export_corrections_to_action);
  gtk_widget_class_install_action (widget_class, "ledger.export-kostra", NULL,
                                   export_kostra_action);
  gtk_widget_class_install_action (widget_class, "ledger.export-kostra-to", "(sssi)",
                                   export_kostra_to_action);
  gtk_widget_class_install_action (widget_class, "ledger.correct-kostra", NULL,
                                   correct_kostra_action);
  gtk_widget_class_install_action (widget_class, "ledger.correct-kostra-to", "(ss)",
                                   correct_kostra_to_action);
}
