/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-ledger-session.h: the ledger workflow — import a file, keep the units
 * register, split the ledger into 257/258 and look up the lines behind a
 * finding — as one object that the ledger page, the import dialog and
 * `veiviser-cli split|import` drive. Blocking steps run in worker threads
 * (each with its own database connection) as _async/_finish pairs; the
 * session's properties change in the thread that made it.
 *
 * The sample ledger shown to a new user lives in a database of its own
 * (vv_ledger_session_show_sample_async()): its units never enter the
 * user's register and its lines never enter the user's figures.
 */
#pragma once

#include <gio/gio.h>

#include "vv-db.h"
#include "vv-ledger-reader.h"
#include "vv-ledger-store.h"
#include "vv-rules.h"
#include "vv-split.h"
#include "vv-units.h"

G_BEGIN_DECLS

/* How many rejected lines a file split keeps with their messages. */
#define VV_LEDGER_SESSION_MAX_REJECTS 1000

/* What the ledger shown can be written back as (vv_ledger_session_export_async()). */
typedef enum
{
  VV_LEDGER_EXPORT_CORRECTIONS,      /* correction postings, .csv or .xlsx */
  VV_LEDGER_EXPORT_KOSTRA,           /* a KOSTRA file extract from the ledger */
  VV_LEDGER_EXPORT_KOSTRA_CORRECTED, /* an existing extract with its 254 split */
} VvLedgerExportKind;

/* Where the figures shown come from (vv_ledger_session_dup_provenance()). */
typedef struct
{
  char     *file_name;
  char     *format;         /* "csv", "kostra", … as stored with the import */
  int       year;
  char     *region;         /* nullable: not known */
  char     *orgnr;          /* nullable */
  char     *amount_column;  /* nullable: the header of the amount column, if known */
  char     *sheet;          /* nullable: the spreadsheet's sheet read */
  gboolean  thousands;      /* the file's amounts are whole 1000 kr */
  char     *service_code;   /* nullable: a local service code (e.g. "25410") the function
                               column held, read by its first three digits */
  guint64   lines_service_code; /* the lines whose function was read so */
  guint     n_units;        /* units in the register the split follows */
  gboolean  sample;
} VvLedgerProvenance;

#define VV_TYPE_LEDGER_SESSION (vv_ledger_session_get_type ())

G_DECLARE_FINAL_TYPE (VvLedgerSession, vv_ledger_session, VV, LEDGER_SESSION, GObject)

VvLedgerSession      *vv_ledger_session_new                 (VvDb                 *db,
                                                             VvRules              *rules);

VvDb                 *vv_ledger_session_get_db              (VvLedgerSession      *self);
VvRules              *vv_ledger_session_get_rules           (VvLedgerSession      *self);
gboolean              vv_ledger_session_get_busy            (VvLedgerSession      *self);
double                vv_ledger_session_get_progress        (VvLedgerSession      *self);
void                  vv_ledger_session_get_progress_bytes  (VvLedgerSession      *self,
                                                             guint64              *done,
                                                             guint64              *total);
VvSplit              *vv_ledger_session_get_split           (VvLedgerSession      *self);
VvUnits              *vv_ledger_session_get_units           (VvLedgerSession      *self);
VvStoredUnit         *vv_ledger_session_get_stored_unit     (VvLedgerSession      *self,
                                                             const char           *ansvar,
                                                             GError              **error);
const VvLedgerImport *vv_ledger_session_get_import          (VvLedgerSession      *self);
gint64                vv_ledger_session_get_import_id       (VvLedgerSession      *self);
GPtrArray            *vv_ledger_session_get_rejects         (VvLedgerSession      *self);
gboolean              vv_ledger_session_get_sample          (VvLedgerSession      *self);
const char           *vv_ledger_session_get_sample_path     (VvLedgerSession      *self);
void                  vv_ledger_session_set_sample_path     (VvLedgerSession      *self,
                                                             const char           *path);

GPtrArray            *vv_ledger_session_list_imports        (VvLedgerSession      *self,
                                                             GError              **error);
gboolean              vv_ledger_session_delete_import       (VvLedgerSession      *self,
                                                             gint64                import_id,
                                                             GError              **error);
gboolean              vv_ledger_session_remove_sample       (VvLedgerSession      *self,
                                                             GError              **error);
void                  vv_ledger_session_clear               (VvLedgerSession      *self);

void                  vv_ledger_session_import_async        (VvLedgerSession      *self,
                                                             const char           *path,
                                                             VvLedgerReader       *reader,
                                                             const char           *units_path,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean              vv_ledger_session_import_finish       (VvLedgerSession      *self,
                                                             GAsyncResult         *result,
                                                             gint64               *import_id,
                                                             GError              **error);
void                  vv_ledger_session_replace_async       (VvLedgerSession      *self,
                                                             gint64                earlier_id,
                                                             const char           *path,
                                                             VvLedgerReader       *reader,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean              vv_ledger_session_replace_finish      (VvLedgerSession      *self,
                                                             GAsyncResult         *result,
                                                             gint64               *import_id,
                                                             GError              **error);
void                  vv_ledger_session_split_async         (VvLedgerSession      *self,
                                                             gint64                import_id,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean              vv_ledger_session_split_finish        (VvLedgerSession      *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void                  vv_ledger_session_split_file_async    (VvLedgerSession      *self,
                                                             const char           *path,
                                                             VvLedgerReader       *reader,
                                                             VvUnits              *units,
                                                             int                   year,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean              vv_ledger_session_split_file_finish   (VvLedgerSession      *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void                  vv_ledger_session_show_sample_async   (VvLedgerSession      *self,
                                                             const char           *ledger_path,
                                                             const char           *units_path,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean              vv_ledger_session_show_sample_finish  (VvLedgerSession      *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void                  vv_ledger_session_set_unit_async      (VvLedgerSession      *self,
                                                             const char           *ansvar,
                                                             const char           *name,
                                                             const char           *allocation,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
void                  vv_ledger_session_set_unit_full_async (VvLedgerSession      *self,
                                                             const char           *ansvar,
                                                             const char           *name,
                                                             const char           *allocation,
                                                             const char           *citation,
                                                             const char           *guide,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
gboolean              vv_ledger_session_set_unit_finish     (VvLedgerSession      *self,
                                                             GAsyncResult         *result,
                                                             VvStoredUnit        **previous,
                                                             GError              **error);
void                  vv_ledger_session_finding_lines_async (VvLedgerSession      *self,
                                                             guint                 index,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
GListModel           *vv_ledger_session_finding_lines_finish (VvLedgerSession     *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);


gboolean              vv_ledger_session_can_export          (VvLedgerSession      *self,
                                                             VvLedgerExportKind    kind,
                                                             char                **reason);
gboolean              vv_ledger_session_check_kostra        (VvLedgerSession      *self,
                                                             const char           *region,
                                                             const char           *orgnr,
                                                             int                   year,
                                                             GError              **error);
void                  vv_ledger_session_export_async        (VvLedgerSession      *self,
                                                             VvLedgerExportKind    kind,
                                                             const char           *path,
                                                             int                   year,
                                                             const char           *region,
                                                             const char           *orgnr,
                                                             const char           *extract_path,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean              vv_ledger_session_export_finish       (VvLedgerSession      *self,
                                                             GAsyncResult         *result,
                                                             guint                *n_written,
                                                             guint                *n_split,
                                                             GError              **error);
VvLedgerProvenance   *vv_ledger_session_dup_provenance      (VvLedgerSession      *self);
void                  vv_ledger_provenance_free             (VvLedgerProvenance   *provenance);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VvLedgerProvenance, vv_ledger_provenance_free)

G_END_DECLS
