/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-db-recovery.h: what the user sees when the database cannot be used —
 * at start (damaged, foreign or too new: keep a copy and start fresh, or
 * quit) and while saving (read-only or full disk).
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

gboolean          vv_db_recovery_can_reset    (const GError   *error);
AdwMessageDialog *vv_db_recovery_present      (GtkWindow      *window,
                                               const char     *path,
                                               const GError   *error);
AdwMessageDialog *vv_db_recovery_show_error   (GtkWindow      *parent,
                                               const GError   *error);
char             *vv_db_recovery_describe     (const GError   *error);

G_END_DECLS
