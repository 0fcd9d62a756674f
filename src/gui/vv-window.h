/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vv-context.h"

G_BEGIN_DECLS

#define VV_TYPE_WINDOW (vv_window_get_type ())

G_DECLARE_FINAL_TYPE (VvWindow, vv_window, VV, WINDOW, AdwApplicationWindow)

VvWindow     *vv_window_new              (GtkApplication *application,
                                          VvContext     *context);
VvContext    *vv_window_get_context      (VvWindow      *self);
AdwViewStack *vv_window_get_view_stack   (VvWindow      *self);
const char   *vv_window_get_visible_page (VvWindow      *self);
void          vv_window_set_visible_page (VvWindow      *self,
                                          const char    *name);
GtkWidget    *vv_window_get_page         (VvWindow      *self,
                                          const char    *name);
void          vv_window_show_toast       (VvWindow      *self,
                                          const char    *text);
gboolean      vv_window_import_file      (VvWindow      *self,
                                          const char    *path);
gboolean      vv_window_get_presentation (VvWindow      *self);
void          vv_window_set_presentation (VvWindow      *self,
                                          gboolean       presentation);
GtkWindow    *vv_window_get_shortcuts_window (VvWindow  *self);

G_END_DECLS
