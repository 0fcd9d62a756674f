/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VV_TYPE_HELP_WINDOW (vv_help_window_get_type ())

G_DECLARE_FINAL_TYPE (VvHelpWindow, vv_help_window, VV, HELP_WINDOW, AdwWindow)

VvHelpWindow  *vv_help_window_new            (void);
void           vv_help_window_show           (GtkWindow     *parent);
gboolean       vv_help_window_load_language  (VvHelpWindow  *self,
                                              const char    *language);
void           vv_help_window_set_markdown   (VvHelpWindow  *self,
                                              const char    *markdown);
GtkTextBuffer *vv_help_window_get_buffer     (VvHelpWindow  *self);
const char    *vv_help_window_get_language   (VvHelpWindow  *self);

G_END_DECLS
