/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void         vv_i18n_init             (const char *language);
const char  *vv_i18n_get_language     (void);
char        *vv_i18n_format_date      (GDateTime  *date);
char        *vv_i18n_format_date_time (GDateTime  *date);
const char  *vv_i18n_localedir        (void);

G_END_DECLS
