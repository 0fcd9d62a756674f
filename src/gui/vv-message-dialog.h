/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-message-dialog.h: AdwMessageDialogs whose heading and body are our own
 * wrapping labels, so that libadwaita 1.7's one-line heading is never used.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget  *vv_message_dialog_new             (GtkWindow        *parent,
                                               const char       *heading,
                                               const char       *body);
void        vv_message_dialog_arrange         (AdwMessageDialog *dialog);
void        vv_message_dialog_set_extra_child (AdwMessageDialog *dialog,
                                               GtkWidget        *child);
const char *vv_message_dialog_get_heading     (AdwMessageDialog *dialog);
const char *vv_message_dialog_get_body        (AdwMessageDialog *dialog);

G_END_DECLS
