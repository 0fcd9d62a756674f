/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "vv-format.h"
#include "vv-import-dialog-private.h"
#include "vv-ledger-survey.h"

/* The preview of the file's start: its first lines as the reader reads them
 * with the settings as set, and the lines it cannot read. A text file is
 * previewed from the sample in memory, at once. A workbook is a ZIP archive
 * whose directory is at its end: it is read from the file, streaming, which
 * for a large .xlsx takes seconds, so in a worker thread. The worker uses
 * the dialog's own reader (detection leaves its findings there); until it
 * is done nothing else touches the reader and the rows are off. */

#define PREVIEW_LINES 50
#define PREVIEW_REJECTS 100

typedef struct
{
  guint64  line_no;
  int      year;
  int      period;
  guint    function;
  guint    art;
  gint64   amount_ore;
  char    *ansvar;
  char    *text;
} PreviewLine;

typedef struct
{
  guint64  line_no;
  char    *field;
  char    *message;
} PreviewReject;

typedef struct
{
  char         *path;
  GBytes       *sample;       /* NULL: read from the file */
  GArray       *lines;        /* PreviewLine */
  GArray       *rejects;      /* PreviewReject: the first PREVIEW_REJECTS */
  guint         n_rejects;
  GError       *error;        /* why the preview was not read, or NULL */
  GCancellable *cancellable;
} Preview;

/* helpers */

static void
preview_line_clear (gpointer p)
{
  PreviewLine *line = p;

  g_free (line->ansvar);
  g_free (line->text);
}

static void
preview_reject_clear (gpointer p)
{
  PreviewReject *reject = p;

  g_free (reject->field);
  g_free (reject->message);
}

static Preview *
preview_new (const char *path,
             GBytes     *sample)
{
  Preview *p = g_new0 (Preview, 1);

  p->path = g_strdup (path);
  p->sample = sample != NULL ? g_bytes_ref (sample) : NULL;
  p->lines = g_array_new (FALSE, TRUE, sizeof (PreviewLine));
  g_array_set_clear_func (p->lines, preview_line_clear);
  p->rejects = g_array_new (FALSE, TRUE, sizeof (PreviewReject));
  g_array_set_clear_func (p->rejects, preview_reject_clear);
  return p;
}

static void
preview_free (Preview *p)
{
  g_free (p->path);
  g_clear_pointer (&p->sample, g_bytes_unref);
  g_array_unref (p->lines);
  g_array_unref (p->rejects);
  g_clear_error (&p->error);
  g_clear_object (&p->cancellable);
  g_free (p);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Preview, preview_free)

static gboolean
collect_line_cb (const VvLedgerLine *line,
                 gpointer            user_data)
{
  Preview *p = user_data;
  PreviewLine copy = {
    line->line_no, line->year, line->period, line->function, line->art, line->amount_ore,
    g_strdup (line->ansvar), g_strdup (line->text)
  };

  g_array_append_val (p->lines, copy);
  return p->lines->len < PREVIEW_LINES && !g_cancellable_is_cancelled (p->cancellable);
}

static void
collect_reject_cb (guint64     line_no,
                   const char *field,
                   const char *message,
                   gpointer    user_data)
{
  Preview *p = user_data;
  PreviewReject copy = { line_no, g_strdup (field), g_strdup (message) };

  if (p->n_rejects++ < PREVIEW_REJECTS)
    g_array_append_val (p->rejects, copy);
  else
    preview_reject_clear (&copy);
}

/* Detects the settings and reads the first lines; any thread, the reader
 * being the caller's alone. */
static void
read_preview (VvLedgerReader *reader,
              Preview        *p)
{
  gsize len = 0;
  const char *data = p->sample != NULL ? g_bytes_get_data (p->sample, &len) : NULL;
  gboolean ok;

  if (data != NULL)
    {
      ok = vv_ledger_reader_detect_bytes (reader, data, len, p->path, &p->error);
      if (ok)
        ok = vv_ledger_reader_read_bytes (reader, data, len, p->path, collect_line_cb,
                                          collect_reject_cb, NULL, p, NULL, &p->error);
    }
  else
    {
      ok = vv_ledger_reader_detect (reader, p->path, &p->error);
      if (ok)
        ok = vv_ledger_reader_read (reader, p->path, collect_line_cb, collect_reject_cb, NULL,
                                    p, NULL, &p->error);
    }
  if (ok)
    g_clear_error (&p->error);
}

static void
clear_children (GtkWidget *parent)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (parent)) != NULL)
    {
      if (GTK_IS_LIST_BOX (parent))
        gtk_list_box_remove (GTK_LIST_BOX (parent), child);
      else
        gtk_grid_remove (GTK_GRID (parent), child);
    }
}

static void
grid_cell (GtkGrid    *grid,
           int         column,
           int         row,
           const char *text,
           gboolean    numeric)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  if (!numeric)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
      /* A short value whole: a narrow window scrolls the preview sideways. */
      gtk_label_set_width_chars (GTK_LABEL (label),
                                 text != NULL ? MIN ((int) g_utf8_strlen (text, -1), 8) : -1);
    }
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (row == 0)
    gtk_widget_add_css_class (label, "heading");
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

static void
show_line (VvImportDialog    *self,
           guint              row,
           const PreviewLine *line)
{
  g_autofree char *line_no = g_strdup_printf ("%" G_GUINT64_FORMAT, line->line_no);
  g_autofree char *year = line->year ? g_strdup_printf ("%d", line->year) : g_strdup ("");
  g_autofree char *period = line->period ? g_strdup_printf ("%02d", line->period) : g_strdup ("");
  g_autofree char *function = line->function ? g_strdup_printf ("%03u", line->function)
                                             : g_strdup ("");
  g_autofree char *art = line->art ? g_strdup_printf ("%03u", line->art) : g_strdup ("");
  g_autofree char *amount = vv_format_kroner (line->amount_ore);

  grid_cell (self->preview_grid, 0, row, line_no, TRUE);
  grid_cell (self->preview_grid, 1, row, year, TRUE);
  grid_cell (self->preview_grid, 2, row, period, TRUE);
  grid_cell (self->preview_grid, 3, row, line->ansvar, FALSE);
  grid_cell (self->preview_grid, 4, row, function, TRUE);
  grid_cell (self->preview_grid, 5, row, art, TRUE);
  grid_cell (self->preview_grid, 6, row, line->text, FALSE);
  grid_cell (self->preview_grid, 7, row, amount, TRUE);
}

static void
show_reject (VvImportDialog      *self,
             const PreviewReject *reject)
{
  g_autofree char *title = g_strdup_printf (_("Line %llu"), (unsigned long long) reject->line_no);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (reject->field != NULL)
    {
      g_autofree char *subtitle = g_strdup_printf (_("Field “%s”: %s"), reject->field,
                                                   reject->message);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reject->message);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  gtk_list_box_append (self->rejects_list, row);
}

static char *
describe_settings (VvImportDialog *self)
{
  VvLedgerReader *r = self->reader;
  const char *format = vv_ledger_reader_get_format (r) == VV_LEDGER_FORMAT_KOSTRA
                       ? _("KOSTRA file extract") : _("CSV export");
  const char *encoding = vv_ledger_reader_get_encoding (r) == VV_LEDGER_ENCODING_WINDOWS_1252
                         ? "Windows-1252" : "UTF-8";
  g_autofree char *base = NULL;

  /* no decimal mark yet when detection stopped to ask about the amounts */
  if (vv_ledger_reader_get_format (r) == VV_LEDGER_FORMAT_KOSTRA ||
      vv_ledger_reader_get_decimal_mark (r) == 0)
    base = g_strdup_printf (_("Detected: %s, %s."), format, encoding);
  else
    {
      char sep = vv_ledger_reader_get_separator (r);
      char mark = vv_ledger_reader_get_decimal_mark (r);

      /* The quotes are the translation's, as everywhere else (« » in Norwegian). */
      if (sep == '\t')
        base = g_strdup_printf (_("Detected: %s, %s, separated by tabs, decimal mark “%c”."),
                                format, encoding, mark);
      else
        base = g_strdup_printf (_("Detected: %s, %s, separator “%c”, decimal mark “%c”."),
                                format, encoding, sep, mark);
    }
  if (self->mapping_applied)
    return g_strdup_printf ("%s %s", base,
                            _("The column mapping remembered for this layout is applied."));
  return g_steal_pointer (&base);
}

/* The preview read, on screen, and what it leaves open. */
static void
show_preview (VvImportDialog *self,
              Preview        *p)
{
  static const char *const headings[] = {
    N_("Line"), N_("Year"), N_("Period"), N_("Ansvar"), N_("Function"), N_("Art"), N_("Text"),
    N_("Amount")
  };
  GError *error = p->error;
  g_autofree char *description = NULL;
  gboolean ok = error == NULL;

  clear_children (GTK_WIDGET (self->preview_grid));
  clear_children (GTK_WIDGET (self->rejects_list));
  g_clear_pointer (&self->error_text, g_free);
  g_clear_error (&self->preview_error);
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    grid_cell (self->preview_grid, i, 0, _(headings[i]), i != 3 && i != 6);
  for (guint i = 0; i < p->lines->len; i++)
    show_line (self, i + 1, &g_array_index (p->lines, PreviewLine, i));
  for (guint i = 0; i < p->rejects->len; i++)
    show_reject (self, &g_array_index (p->rejects, PreviewReject, i));
  self->n_preview_lines = p->lines->len;
  self->n_preview_rejects = p->n_rejects;
  g_clear_pointer (&self->amount_columns, g_array_unref);
  self->amount_columns = vv_ledger_survey_amount_columns (self->reader);

  if (!ok && g_error_matches (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_CANCELLED))
    ok = TRUE;   /* the preview stopped after PREVIEW_LINES */
  else if (!ok && g_error_matches (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_PARSE) &&
           p->sample != NULL && g_bytes_get_size (p->sample) == VV_IMPORT_SAMPLE_BYTES)
    ok = TRUE;   /* a record cut by the end of the sample */
  else if (!ok && g_error_matches (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_SEVERAL))
    ok = TRUE;   /* several years or regions: the survey of the whole file asks */

  if (!ok)
    {
      self->error_text = g_strdup (error->message);
      self->preview_error = g_steal_pointer (&p->error);
    }
  /* what the choices do not ask about is said as the reader says it */
  if (self->preview_error != NULL &&
      !g_error_matches (self->preview_error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_UNIT) &&
      !g_error_matches (self->preview_error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_SHEET) &&
      !(vv_ledger_reader_get_column (self->reader, VV_LEDGER_COLUMN_AMOUNT) < 0 &&
        self->amount_columns->len > 1))
    description = g_strdup (self->preview_error->message);
  else
    description = describe_settings (self);
  adw_preferences_group_set_description (self->file_group, description);
  gtk_widget_set_visible (self->rejects_group, self->n_preview_rejects > 0);
}

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  read_preview (source_object, task_data);
  g_task_return_boolean (task, TRUE);
}

static void
set_rows_sensitive (VvImportDialog *self,
                    gboolean        sensitive)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->file_group), sensitive);
  gtk_widget_set_sensitive (self->columns_group, sensitive);
  gtk_widget_set_sensitive (GTK_WIDGET (self->choices_group), sensitive);
}

static void
on_preview_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(VvImportDialog) self = user_data;
  Preview *p = g_task_get_task_data (G_TASK (result));
  gboolean updating = self->updating;

  if (g_cancellable_is_cancelled (p->cancellable))
    return;   /* the dialog is closing */
  self->previewing = FALSE;
  if (self->preview_again)
    {
      /* the settings changed while the worker read: read with them */
      self->preview_again = FALSE;
      _vv_import_dialog_start_preview (self);
      return;
    }
  set_rows_sensitive (self, TRUE);
  self->updating = TRUE;
  show_preview (self, p);
  _vv_import_dialog_preview_read (self);
  self->updating = updating;
}

/* semi-public API */

/* The preview of the text sample in memory, at once. */
void
_vv_import_dialog_read_preview (VvImportDialog *self)
{
  g_autoptr(Preview) p = preview_new (self->path, self->sample);

  g_assert (!self->is_sheet && !self->previewing);
  read_preview (self->reader, p);
  show_preview (self, p);
}

/* The preview of a workbook, in a worker thread; the dialog goes on in
 * _vv_import_dialog_preview_read() when it is done. */
void
_vv_import_dialog_start_preview (VvImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  Preview *p;

  g_assert (self->is_sheet);
  if (self->previewing)
    {
      /* the worker has the reader: read again once it is done */
      self->preview_again = TRUE;
      return;
    }
  /* a survey ending now would look at the reader the worker is using */
  if (self->survey_cancellable != NULL)
    g_cancellable_cancel (self->survey_cancellable);
  g_clear_object (&self->survey_cancellable);
  self->surveying = FALSE;
  self->previewing = TRUE;
  set_rows_sensitive (self, FALSE);
  g_clear_pointer (&self->reason, g_free);
  self->reason = g_strdup (_("Reading the file…"));
  adw_preferences_group_set_description (self->file_group, self->reason);
  adw_preferences_group_set_description (self->choices_group, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import", FALSE);

  p = preview_new (self->path, NULL);
  g_clear_object (&self->preview_cancellable);
  self->preview_cancellable = g_cancellable_new ();
  p->cancellable = g_object_ref (self->preview_cancellable);
  task = g_task_new (self->reader, NULL, on_preview_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, _vv_import_dialog_start_preview);
  g_task_set_task_data (task, p, (GDestroyNotify) preview_free);
  g_task_run_in_thread (task, preview_thread);
}
