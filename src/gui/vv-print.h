/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-print.h: GTK's print dialog in the interface's language.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkPrintOperationResult vv_print_operation_run (GtkPrintOperation        *operation,
                                                GtkPrintOperationAction   action,
                                                GtkWindow                *parent,
                                                GError                  **error);

G_END_DECLS
