/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "vv-classifier.h"
#include "vv-rules.h"

G_BEGIN_DECLS

#define VV_REPORT_ERROR (vv_report_error_quark ())

typedef enum
{
  VV_REPORT_ERROR_CLASSIFY,
  VV_REPORT_ERROR_INCOMPLETE,
  VV_REPORT_ERROR_RENDER,
  VV_REPORT_ERROR_WRITE,
} VvReportError;

/* A4 in PostScript points */
#define VV_REPORT_PAGE_WIDTH  595.0
#define VV_REPORT_PAGE_HEIGHT 842.0

#define VV_TYPE_REPORT (vv_report_get_type ())

G_DECLARE_FINAL_TYPE (VvReport, vv_report, VV, REPORT, GObject)

GQuark          vv_report_error_quark      (void);

VvReport       *vv_report_new              (VvRules              *rules,
                                            int                   year,
                                            JsonObject           *facts,
                                            GError              **error);
void            vv_report_set_title        (VvReport             *self,
                                            const char           *title);
const char     *vv_report_get_title        (VvReport             *self);
const VvResult *vv_report_get_result       (VvReport             *self);
guint           vv_report_get_n_pages      (VvReport             *self,
                                            double                width,
                                            double                height);
void            vv_report_render_page      (VvReport             *self,
                                            guint                 page,
                                            cairo_t              *cr,
                                            double                width,
                                            double                height);
GBytes         *vv_report_to_pdf           (VvReport             *self,
                                            GError              **error);
gboolean        vv_report_write_pdf        (VvReport             *self,
                                            const char           *path,
                                            GError              **error);
void            vv_report_write_pdf_async  (VvReport             *self,
                                            GFile                *file,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean        vv_report_write_pdf_finish (VvReport             *self,
                                            GAsyncResult         *result,
                                            GError              **error);

G_END_DECLS
