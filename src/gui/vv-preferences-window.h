/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VV_TYPE_PREFERENCES_WINDOW (vv_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (VvPreferencesWindow, vv_preferences_window, VV, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget  *vv_preferences_window_new          (GSettings           *settings);
GSettings  *vv_preferences_window_get_settings (VvPreferencesWindow *self);
const char *vv_preferences_window_get_db_path  (VvPreferencesWindow *self);
void        vv_preferences_window_set_db_path  (VvPreferencesWindow *self,
                                                const char          *db_path);

G_END_DECLS
