/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-db.h: the application's SQLite database (cases, imported ledgers,
 * units, remembered column mappings).
 *
 * One VvDb wraps one sqlite3 connection; use it from one thread at a time
 * and open another VvDb in each worker thread.
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define VV_DB_ERROR (vv_db_error_quark ())

typedef enum
{
  VV_DB_ERROR_FAILED,
  VV_DB_ERROR_CORRUPT,    /* not a database, or damaged */
  VV_DB_ERROR_FOREIGN,    /* an SQLite file that belongs to another application */
  VV_DB_ERROR_TOO_NEW,    /* written by a newer Veiviser (schema version unknown to us) */
  VV_DB_ERROR_READ_ONLY,  /* the file or its folder cannot be written */
  VV_DB_ERROR_FULL,       /* the disk is full */
  VV_DB_ERROR_BUSY,       /* another writer held the file longer than VV_DB_WRITE_WAIT_MS */
} VvDbError;

/* `PRAGMA application_id` of our files: "VV57" in ASCII. */
#define VV_DB_APPLICATION_ID 0x56563537

/* How long a connection waits for another one's lock. */
#define VV_DB_BUSY_TIMEOUT_MS 5000

/* How long vv_db_begin() waits for another writer (another process's
 * import) before it gives up with %VV_DB_ERROR_BUSY. */
#define VV_DB_WRITE_WAIT_MS 120000

/* Environment variable that overrides the default database path. */
#define VV_DB_ENV "VEIVISER_DB"

/* How thoroughly vv_db_check_file() looks. */
typedef enum
{
  VV_DB_CHECK_QUICK,   /* `PRAGMA quick_check`: every page and b-tree, in seconds */
  VV_DB_CHECK_FULL,    /* `PRAGMA integrity_check` + foreign keys: also every index entry */
} VvDbCheck;

/* Called now and then by a running check with the part done so far, from 0
 * to 1 (an estimate: rows and pages still to read); 1 when it is done. */
typedef void (*VvDbProgressFunc) (double   fraction,
                                  gpointer user_data);

#define VV_TYPE_DB (vv_db_get_type ())

G_DECLARE_FINAL_TYPE (VvDb, vv_db, VV, DB, GObject)

GQuark      vv_db_error_quark          (void);

char       *vv_db_get_default_path     (void);
int         vv_db_get_latest_version   (void);

VvDb       *vv_db_open                 (const char  *path,
                                        GError     **error);
const char *vv_db_get_path             (VvDb        *self);
sqlite3    *vv_db_get_handle           (VvDb        *self);
int         vv_db_get_version          (VvDb        *self);

gboolean    vv_db_exec                 (VvDb        *self,
                                        const char  *sql,
                                        GError     **error);
sqlite3_stmt *vv_db_prepare            (VvDb        *self,
                                        const char  *sql,
                                        GError     **error);
gboolean    vv_db_set_error            (VvDb        *self,
                                        int          rc,
                                        GError     **error);

gboolean    vv_db_begin                (VvDb        *self,
                                        GError     **error);
gboolean    vv_db_commit               (VvDb        *self,
                                        GError     **error);
void        vv_db_rollback             (VvDb        *self);
gboolean    vv_db_in_transaction       (VvDb        *self);

gboolean    vv_db_quick_check          (VvDb        *self,
                                        GError     **error);
gboolean    vv_db_integrity_check      (VvDb        *self,
                                        GError     **error);
gboolean    vv_db_check_file           (const char          *path,
                                        VvDbCheck            check,
                                        VvDbProgressFunc     progress_func,
                                        gpointer             progress_data,
                                        GCancellable        *cancellable,
                                        GError             **error);
void        vv_db_check_file_async     (const char          *path,
                                        VvDbCheck            check,
                                        VvDbProgressFunc     progress_func,
                                        gpointer             progress_data,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean    vv_db_check_file_finish    (GAsyncResult        *result,
                                        GError             **error);
gboolean    vv_db_backup_and_reset     (const char  *path,
                                        char       **backup_path,
                                        GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
