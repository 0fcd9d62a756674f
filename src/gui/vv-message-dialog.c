/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-message-dialog"

#include "config.h"

#include "vv-message-dialog.h"

/* libadwaita 1.7 (Debian 13, GNOME 48) shows a dialog's heading on one line
 * when it fits and swaps in a smaller wrapping label when it does not; to
 * decide, it measures the one-line label at whatever width it is offered,
 * also narrower than the label's own minimum, and GTK 4.18 warns for each
 * such measurement (libadwaita issue 1025, fixed in 1.8). Every heading
 * longer than the dialog's narrowest width (about 250 px) hits it. Our own
 * wrapping heading and body labels, in the dialog's extra child, look as
 * libadwaita 1.2 draws them and are measured correctly on both. */

#define BOX_KEY "vv-message-dialog-box"
#define HEADING_KEY "vv-message-dialog-heading"
#define BODY_KEY "vv-message-dialog-body"

/* helpers */

static GtkWidget *
text_label_new (const char *text,
                const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_label_set_xalign (GTK_LABEL (label), 0.5);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

/* public API */

/**
 * vv_message_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @heading: the heading
 * @body: (nullable): the text under it
 *
 * Returns: (transfer floating): an #AdwMessageDialog arranged as
 *   vv_message_dialog_arrange() does
 */
GtkWidget *
vv_message_dialog_new (GtkWindow  *parent,
                       const char *heading,
                       const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  vv_message_dialog_arrange (ADW_MESSAGE_DIALOG (dialog));
  return dialog;
}

/**
 * vv_message_dialog_arrange:
 * @dialog: a message dialog with its heading, body and extra child set
 *
 * Moves the heading and body into labels of our own, above the extra child.
 * The window title keeps the heading (the dialog's accessible name).
 */
void
vv_message_dialog_arrange (AdwMessageDialog *dialog)
{
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GtkWidget) extra = NULL;
  GtkWidget *box;

  g_return_if_fail (ADW_IS_MESSAGE_DIALOG (dialog));
  g_return_if_fail (g_object_get_data (G_OBJECT (dialog), BOX_KEY) == NULL);

  heading = g_strdup (adw_message_dialog_get_heading (dialog));
  body = g_strdup (adw_message_dialog_get_body (dialog));
  extra = adw_message_dialog_get_extra_child (dialog);
  if (extra != NULL)
    g_object_ref (extra);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  if (heading != NULL && *heading != '\0')
    gtk_box_append (GTK_BOX (box), text_label_new (heading, "title-2"));
  if (body != NULL && *body != '\0')
    gtk_box_append (GTK_BOX (box), text_label_new (body, "body"));

  adw_message_dialog_set_heading (dialog, "");
  adw_message_dialog_set_body (dialog, "");
  adw_message_dialog_set_extra_child (dialog, NULL);
  gtk_window_set_title (GTK_WINDOW (dialog), heading);

  adw_message_dialog_set_extra_child (dialog, box);
  g_object_set_data (G_OBJECT (dialog), BOX_KEY, box);
  g_object_set_data_full (G_OBJECT (dialog), HEADING_KEY, g_steal_pointer (&heading), g_free);
  g_object_set_data_full (G_OBJECT (dialog), BODY_KEY, g_steal_pointer (&body), g_free);
  if (extra != NULL)
    vv_message_dialog_set_extra_child (dialog, extra);
}

/**
 * vv_message_dialog_set_extra_child:
 * @dialog: an arranged message dialog
 * @child: the widget to show under the body
 */
void
vv_message_dialog_set_extra_child (AdwMessageDialog *dialog,
                                   GtkWidget        *child)
{
  GtkBox *box;

  g_return_if_fail (ADW_IS_MESSAGE_DIALOG (dialog));
  g_return_if_fail (GTK_IS_WIDGET (child));

  box = g_object_get_data (G_OBJECT (dialog), BOX_KEY);
  g_return_if_fail (GTK_IS_BOX (box));
  gtk_widget_set_margin_top (child, 14);
  gtk_box_append (box, child);
}

/**
 * vv_message_dialog_get_heading:
 * @dialog: an arranged message dialog
 *
 * Returns: (nullable): the heading
 */
const char *
vv_message_dialog_get_heading (AdwMessageDialog *dialog)
{
  g_return_val_if_fail (ADW_IS_MESSAGE_DIALOG (dialog), NULL);

  return g_object_get_data (G_OBJECT (dialog), HEADING_KEY);
}

/**
 * vv_message_dialog_get_body:
 * @dialog: an arranged message dialog
 *
 * Returns: (nullable): the body
 */
const char *
vv_message_dialog_get_body (AdwMessageDialog *dialog)
{
  g_return_val_if_fail (ADW_IS_MESSAGE_DIALOG (dialog), NULL);

  return g_object_get_data (G_OBJECT (dialog), BODY_KEY);
}
