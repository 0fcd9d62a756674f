/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-split-report.h: the split of a ledger as a CSV file (totals, units,
 * findings) and as a one-page PDF report (totals, chart, findings).
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "vv-split.h"

G_BEGIN_DECLS

#define VV_SPLIT_REPORT_ERROR (vv_split_report_error_quark ())

typedef enum
{
  VV_SPLIT_REPORT_ERROR_RENDER,
  VV_SPLIT_REPORT_ERROR_WRITE,
} VvSplitReportError;

GQuark    vv_split_report_error_quark (void);

char     *vv_split_report_to_csv      (VvSplit      *split);
void      vv_split_report_draw        (VvSplit      *split,
                                       const char   *title,
                                       cairo_t      *cr,
                                       double        width,
                                       double        height);
gboolean  vv_split_report_write_csv   (VvSplit      *split,
                                       const char   *path,
                                       GError      **error);
gboolean  vv_split_report_write_pdf   (VvSplit      *split,
                                       const char   *title,
                                       const char   *path,
                                       GError      **error);

G_END_DECLS
