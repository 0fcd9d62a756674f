/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-print"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vv-print.h"

/* GTK's print dialog takes its words from GTK's own catalogue. Debian 12's
 * bokmål one (GTK 4.8) lacks most of them, and with LANGUAGE=nb:nn, set so
 * that no English shows, they came in nynorsk: "Allment", "Kopiar",
 * "Biletkvalitet", "Denne sida". The app's catalogue carries the dialog's
 * words (context "print dialog"), and the dialog is relabelled with them
 * where GTK's text is another. Newer GTKs whose catalogue has them are left
 * as they are. */
static const char *const dialog_strings[] = {
  /* the General tab */
  NC_("print dialog", "General"),
  NC_("print dialog", "Range"),
  NC_("print dialog", "_All Pages"),
  NC_("print dialog", "C_urrent Page"),
  NC_("print dialog", "Se_lection"),
  NC_("print dialog", "Pag_es:"),
  NC_("print dialog", "Specify one or more page ranges,\n e.g. 1–3, 7, 11"),
  NC_("print dialog", "Copies"),
  NC_("print dialog", "Copie_s:"),
  NC_("print dialog", "C_ollate"),
  NC_("print dialog", "_Reverse"),
  /* Page Setup */
  NC_("print dialog", "T_wo-sided:"),
  NC_("print dialog", "Pages per _side:"),
  NC_("print dialog", "Page or_dering:"),
  NC_("print dialog", "_Only print:"),
  NC_("print dialog", "Sc_ale:"),
  NC_("print dialog", "Paper"),
  NC_("print dialog", "Paper _type:"),
  NC_("print dialog", "Paper _source:"),
  NC_("print dialog", "Output t_ray:"),
  NC_("print dialog", "_Paper size:"),
  NC_("print dialog", "Or_ientation:"),
  /* Job */
  NC_("print dialog", "Job"),
  NC_("print dialog", "Job Details"),
  NC_("print dialog", "Pri_ority:"),
  NC_("print dialog", "_Billing info:"),
  NC_("print dialog", "Print Document"),
  NC_("print dialog", "_Now"),
  NC_("print dialog", "A_t:"),
  NC_("print dialog", "Specify the time of print,\n"
                      " e.g. 15∶30, 2∶35 pm, 14∶15∶20, 11∶46∶30 am, 4 pm"),
  NC_("print dialog", "On _hold"),
  NC_("print dialog", "Hold the job until it is explicitly released"),
  NC_("print dialog", "Add Cover Page"),
  NC_("print dialog", "Be_fore:"),
  NC_("print dialog", "_After:"),
  /* the printer's own tabs */
  NC_("print dialog", "Image Quality"),
  NC_("print dialog", "Color"),
  NC_("print dialog", "Finishing"),
  NC_("print dialog", "Advanced"),
  NC_("print dialog", "Some of the settings in the dialog conflict"),
};

/* GTK's text → ours, where they differ. */
static GHashTable *
dup_relabels (void)
{
  GHashTable *relabels = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < G_N_ELEMENTS (dialog_strings); i++)
    {
      const char *gtk_text = g_dgettext ("gtk40", dialog_strings[i]);
      const char *ours = g_dpgettext2 (GETTEXT_PACKAGE, "print dialog", dialog_strings[i]);

      if (ours != dialog_strings[i] && !g_str_equal (ours, gtk_text))
        g_hash_table_insert (relabels, (gpointer) gtk_text, (gpointer) ours);
    }
  return relabels;
}

static void
relabel (GtkWidget  *widget,
         GHashTable *relabels)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);
  const char *ours;

  if (tooltip != NULL && (ours = g_hash_table_lookup (relabels, tooltip)) != NULL)
    gtk_widget_set_tooltip_text (widget, ours);
  if (GTK_IS_LABEL (widget) &&
      (ours = g_hash_table_lookup (relabels, gtk_label_get_label (GTK_LABEL (widget)))) != NULL)
    {
      GtkWidget *parent = gtk_widget_get_parent (widget);

      /* a check or radio button's label is its own, for its accessible name too */
      if (GTK_IS_CHECK_BUTTON (parent))
        gtk_check_button_set_label (GTK_CHECK_BUTTON (parent), ours);
      else
        gtk_label_set_label (GTK_LABEL (widget), ours);
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    relabel (c, relabels);
}

static void
on_window_map_cb (GtkWidget *window,
                  gpointer   user_data)
{
  g_autoptr(GHashTable) relabels = NULL;

  /* by name: GtkPrintUnixDialog's header is gtk4-unix-print's */
  if (!g_str_equal (G_OBJECT_TYPE_NAME (window), "GtkPrintUnixDialog"))
    return;
  relabels = dup_relabels ();
  if (g_hash_table_size (relabels) > 0)
    relabel (window, relabels);
}

static void
on_toplevels_items_changed_cb (GListModel *toplevels,
                               guint       position,
                               guint       removed,
                               guint       added,
                               gpointer    user_data)
{
  /* A window joins the list as GtkWindow's part of it is made, before the
   * dialog's own widgets are there: it is looked at when it is shown. */
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      g_signal_connect (window, "map", G_CALLBACK (on_window_map_cb), NULL);
    }
}

/* gtk_print_operation_run(), with GTK's print dialog in the interface's
 * language (dialog_strings above). */
GtkPrintOperationResult
vv_print_operation_run (GtkPrintOperation        *operation,
                        GtkPrintOperationAction   action,
                        GtkWindow                *parent,
                        GError                  **error)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkPrintOperationResult result;
  gulong handler = 0;

  g_return_val_if_fail (GTK_IS_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_RESULT_ERROR);

  if (action == GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG)
    handler = g_signal_connect (toplevels, "items-changed",
                                G_CALLBACK (on_toplevels_items_changed_cb), NULL);
  result = gtk_print_operation_run (operation, action, parent, error);
  g_clear_signal_handler (&handler, toplevels);
  return result;
}
