/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-case-store.h: saved cases in the database, with search, undoable
 * deletion and JSON import/export (see case-format.md).
 */
#pragma once

#include <gio/gio.h>

#include "vv-case.h"
#include "vv-db.h"
#include "vv-rules.h"

G_BEGIN_DECLS

#define VV_CASE_STORE_ERROR (vv_case_store_error_quark ())

typedef enum
{
  VV_CASE_STORE_ERROR_NOT_FOUND,
  VV_CASE_STORE_ERROR_FORMAT,   /* an import file that is not a case or a case collection */
} VvCaseStoreError;

/* A file holding several cases: { "format": "veiviser-cases/1", "cases": [ … ] } */
#define VV_CASES_FORMAT "veiviser-cases/1"

/* What vv_case_store_save_async() does with a case that has an id. */
typedef enum
{
  VV_CASE_STORE_SAVE_DEFAULT        = 0,        /* update it; NOT_FOUND if it is gone */
  VV_CASE_STORE_SAVE_ADD_IF_DELETED = 1 << 0,   /* deleted meanwhile: save it anew */
} VvCaseStoreSaveFlags;

#define VV_TYPE_CASE_STORE (vv_case_store_get_type ())

G_DECLARE_FINAL_TYPE (VvCaseStore, vv_case_store, VV, CASE_STORE, GObject)

GQuark        vv_case_store_error_quark         (void);

VvCaseStore  *vv_case_store_new                 (VvDb               *db,
                                                 VvRules            *rules);
VvDb         *vv_case_store_get_db              (VvCaseStore        *self);
void          vv_case_store_set_private_names   (VvCaseStore        *self,
                                                 const char * const *names);

gboolean      vv_case_store_add                 (VvCaseStore        *self,
                                                 VvCase             *kase,
                                                 GError            **error);
gboolean      vv_case_store_update              (VvCaseStore        *self,
                                                 VvCase             *kase,
                                                 GError            **error);
void          vv_case_store_save_async          (VvCaseStore        *self,
                                                 const VvCase       *kase,
                                                 VvCaseStoreSaveFlags flags,
                                                 GCancellable       *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer            user_data);
VvCase       *vv_case_store_save_finish         (VvCaseStore        *self,
                                                 GAsyncResult       *result,
                                                 GError            **error);
gboolean      vv_case_store_delete              (VvCaseStore        *self,
                                                 gint64              id,
                                                 GError            **error);
gboolean      vv_case_store_undelete            (VvCaseStore        *self,
                                                 gint64              id,
                                                 GError            **error);
gboolean      vv_case_store_purge_deleted       (VvCaseStore        *self,
                                                 GError            **error);
VvCase       *vv_case_store_get                 (VvCaseStore        *self,
                                                 gint64              id,
                                                 GError            **error);
gint64        vv_case_store_duplicate           (VvCaseStore        *self,
                                                 gint64              id,
                                                 GError            **error);
GListModel   *vv_case_store_list                (VvCaseStore        *self,
                                                 const char         *search,
                                                 int                 year,
                                                 const char         *function,
                                                 GError            **error);

GArray       *vv_case_store_import_data         (VvCaseStore        *self,
                                                 const char         *data,
                                                 gssize              length,
                                                 const char         *filename,
                                                 GError            **error);
GArray       *vv_case_store_import_file         (VvCaseStore        *self,
                                                 const char         *path,
                                                 GError            **error);
char         *vv_case_store_export              (VvCaseStore        *self,
                                                 const gint64       *ids,
                                                 guint               n_ids,
                                                 gsize              *length,
                                                 GError            **error);
gboolean      vv_case_store_export_file         (VvCaseStore        *self,
                                                 const gint64       *ids,
                                                 guint               n_ids,
                                                 const char         *path,
                                                 GError            **error);

G_END_DECLS
