/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-format.h: the one way numbers are shown to people — kroner, counts
 * and shares — in the GUI, the command line and the PDF reports.
 *
 * Norwegian style whatever the C locale, since the application speaks only
 * bokmål and nynorsk (and English for developers): digits grouped by
 * three with a space, a decimal comma, a space before "%". Machine formats
 * (CSV amounts, JSON) do not use these; see vv_csv_append_amount().
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *vv_format_count    (guint64 n);
char *vv_format_kroner   (gint64  ore);
char *vv_format_amount   (gint64  ore);
char *vv_format_permille (gint64  permille);
char *vv_format_share    (gint64  part,
                          gint64  whole);

G_END_DECLS
