/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-ledger-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

#include "vv-ledger-store.h"

G_DEFINE_QUARK (vv-ledger-store-error-quark, vv_ledger_store_error)

typedef struct
{
  VvDb         *db;
  sqlite3_stmt *insert_line;
  sqlite3_stmt *insert_reject;
  gint64        import_id;
  GCancellable *cancellable;
  VvLedgerProgressFunc progress_func;
  gpointer      progress_data;
  GError       *error;          /* a database error met in a callback */
  guint64       lines;
  guint64       rejected;
  int           min_year;
  int           max_year;
} ImportContext;

#define LINE_COLUMNS "id, year, period, ansvar, function, art, account_class, amount_ore, text, raw"

/* A stored line's rowid: see the ledger_lines table in vv-db.c. */
#define LINE_ROWID(import_id, line_no) (((gint64) (import_id) << 32) + (gint64) (line_no))
#define MAX_LINE_NO G_GINT64_CONSTANT (0xffffffff)
#define IMPORT_COLUMNS "id, file_name, sha256, size, format, layout_key, year, lines, rejected, created"

/* helpers */

static const char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

static char *
format_time (gint64 usec)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);

  return dt != NULL ? g_date_time_format (dt, "%d.%m.%Y %H:%M") : g_strdup ("?");
}

typedef struct
{
  char         *path;
  char         *display_name;
  GCancellable *cancellable;   /* the caller's, nullable */
  GCancellable *stop;          /* ours: the result is no longer needed */
  char         *sha256;        /* out */
  gint64        size;          /* out */
  GError       *error;         /* out */
} HashJob;

static void
hash_job_free (HashJob *job)
{
  g_free (job->path);
  g_free (job->display_name);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->stop);
  g_free (job->sha256);
  g_clear_error (&job->error);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HashJob, hash_job_free)

/* The SHA-256 of the file's bytes, read in large chunks. Runs in the
 * calling thread or, during an import, in a thread of its own. */
static gpointer
hash_job_run (gpointer data)
{
  HashJob *job = data;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guchar *buf = g_malloc (1 << 20);
  gint64 total = 0;
  int fd = g_open (job->path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (&job->error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_READ,
                   _("%s: cannot open the file: %s"), job->display_name, g_strerror (saved_errno));
      return NULL;
    }
  for (;;)
    {
      gssize n = read (fd, buf, 1 << 20);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          g_set_error (&job->error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_READ,
                       _("%s: cannot read the file: %s"), job->display_name, g_strerror (saved_errno));
          return NULL;
        }
      if (n == 0)
        break;
      g_checksum_update (sum, buf, n);
      total += n;
      if (g_cancellable_set_error_if_cancelled (job->cancellable, &job->error) ||
          g_cancellable_set_error_if_cancelled (job->stop, &job->error))
        {
          close (fd);
          return NULL;
        }
    }
  close (fd);
  job->size = total;
  job->sha256 = g_strdup (g_checksum_get_string (sum));
  return NULL;
}

static gboolean
same_size_imported (VvDb    *db,
                    gint64   size,
                    gboolean *found,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = vv_db_prepare (db, "SELECT 1 FROM imports WHERE size = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, size);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return vv_db_set_error (db, rc, error);
  *found = rc == SQLITE_ROW;
  return TRUE;
}

static gboolean
check_duplicate (VvDb        *db,
                 const char  *sha256,
                 const char  *display_name,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = vv_db_prepare (db, "SELECT id, file_name, created FROM imports "
                                                    "WHERE sha256 = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autofree char *when = format_time (sqlite3_column_int64 (stmt, 2));

      g_set_error (error, VV_LEDGER_STORE_ERROR, VV_LEDGER_STORE_ERROR_DUPLICATE,
                   _("%s: this file was already imported on %s as import %lld (“%s”); delete that "
                     "import first to import it again."),
                   display_name, when, (long long) sqlite3_column_int64 (stmt, 0),
                   column_text (stmt, 1));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return vv_db_set_error (db, rc, error);
  return TRUE;
}

static gboolean
import_line_cb (const VvLedgerLine *line,
                gpointer            user_data)
{
  ImportContext *ctx = user_data;
  sqlite3_stmt *s = ctx->insert_line;
  int rc;

  /* checked every 4096 lines: g_cancellable_is_cancelled takes a lock */
  if ((ctx->lines & 0xfff) == 0 && g_cancellable_is_cancelled (ctx->cancellable))
    return FALSE;

  if (line->line_no > (guint64) MAX_LINE_NO)
    {
      g_set_error (&ctx->error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_PARSE,
                   _("The file has more lines than can be stored (%llu)."),
                   (unsigned long long) line->line_no);
      return FALSE;
    }
  sqlite3_bind_int64 (s, 1, LINE_ROWID (ctx->import_id, line->line_no));
  sqlite3_bind_int (s, 2, line->year);
  sqlite3_bind_int (s, 3, line->period);
  sqlite3_bind_text (s, 4, line->ansvar != NULL ? line->ansvar : "", -1, SQLITE_STATIC);
  sqlite3_bind_int (s, 5, line->function);
  sqlite3_bind_int (s, 6, line->art);
  sqlite3_bind_int (s, 7, line->account_class);
  sqlite3_bind_int64 (s, 8, line->amount_ore);
  sqlite3_bind_text (s, 9, line->text != NULL ? line->text : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 10, line->raw != NULL ? line->raw : "", line->raw != NULL ? (int) line->raw_len : 0,
                     SQLITE_STATIC);
  rc = sqlite3_step (s);
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      vv_db_set_error (ctx->db, rc, &ctx->error);
      return FALSE;
    }
  if (ctx->lines == 0 || line->year < ctx->min_year)
    ctx->min_year = line->year;
  if (ctx->lines == 0 || line->year > ctx->max_year)
    ctx->max_year = line->year;
  ctx->lines++;
  return TRUE;
}

static void
import_reject_cb (guint64     line_no,
                  const char *field,
                  const char *message,
                  gpointer    user_data)
{
  ImportContext *ctx = user_data;
  sqlite3_stmt *s = ctx->insert_reject;
  int rc;

  ctx->rejected++;
  if (ctx->error != NULL)
    return;
  sqlite3_bind_int64 (s, 2, (sqlite3_int64) line_no);
  sqlite3_bind_text (s, 3, field, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 4, message != NULL ? message : "", -1, SQLITE_STATIC);
  rc = sqlite3_step (s);
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    vv_db_set_error (ctx->db, rc, &ctx->error);
}

static void
import_progress_cb (guint64  done,
                    guint64  total,
                    gpointer user_data)
{
  ImportContext *ctx = user_data;

  if (ctx->progress_func != NULL)
    ctx->progress_func (done, total, ctx->progress_data);
}

static VvLedgerImport *
import_from_row (sqlite3_stmt *stmt)
{
  VvLedgerImport *import = g_new0 (VvLedgerImport, 1);

  import->id = sqlite3_column_int64 (stmt, 0);
  import->file_name = g_strdup (column_text (stmt, 1));
  import->sha256 = g_strdup (column_text (stmt, 2));
  import->size = sqlite3_column_int64 (stmt, 3);
  import->format = g_strdup (column_text (stmt, 4));
  import->layout_key = g_strdup (column_text (stmt, 5));
  import->year = sqlite3_column_int (stmt, 6);
  import->lines = sqlite3_column_int64 (stmt, 7);
  import->rejected = sqlite3_column_int64 (stmt, 8);
  import->created = sqlite3_column_int64 (stmt, 9);
  return import;
}


static VvStoredLine *
line_from_row (sqlite3_stmt *stmt)
{
  VvStoredLine *line = g_new0 (VvStoredLine, 1);

  line->import_id = sqlite3_column_int64 (stmt, 0) >> 32;
  line->line_no = sqlite3_column_int64 (stmt, 0) & MAX_LINE_NO;
  line->year = sqlite3_column_int (stmt, 1);
  line->period = sqlite3_column_int (stmt, 2);
  line->ansvar = g_strdup (column_text (stmt, 3));
  line->function = sqlite3_column_int (stmt, 4);
  line->art = sqlite3_column_int (stmt, 5);
  line->account_class = sqlite3_column_int (stmt, 6);
  line->amount_ore = sqlite3_column_int64 (stmt, 7);
  line->text = g_strdup (column_text (stmt, 8));
  line->raw = g_strdup (column_text (stmt, 9));
  return line;
}

static const char *
format_to_string (VvLedgerFormat format)
{
  switch (format)
    {
    case VV_LEDGER_FORMAT_CSV:
      return "csv";
    case VV_LEDGER_FORMAT_KOSTRA:
      return "kostra";
    case VV_LEDGER_FORMAT_AUTO:
    default:
      return "auto";
    }
}

static const char *
encoding_to_string (VvLedgerEncoding encoding)
{
  switch (encoding)
    {
    case VV_LEDGER_ENCODING_UTF8:
      return "utf-8";
    case VV_LEDGER_ENCODING_WINDOWS_1252:
      return "windows-1252";
    case VV_LEDGER_ENCODING_AUTO:
    default:
      return "auto";
    }
}

/* public API */

/**
 * vv_ledger_store_import:
 * @db: the database
 * @path: the ledger file
 * @reader: a reader, set up with vv_ledger_reader_detect() or explicit
 *   settings (it detects what is left on “auto” itself)
 * @progress_func: (scope call) (nullable): called now and then with bytes read
 * @progress_data: data for @progress_func
 * @cancellable: (nullable): a #GCancellable
 * @import_id: (out) (optional): the new import's id
 * @error: return location for a #GError
 *
 * Reads @path and stores every readable line (with its raw text, for
 * drill-down) and every rejected line's reason, in one transaction: on an
 * error or cancellation the database is left as it was. A file whose
 * content (SHA-256) was imported before is refused with
 * %VV_LEDGER_STORE_ERROR_DUPLICATE naming the earlier import. Errors in
 * the file itself are in %VV_LEDGER_ERROR; cancellation gives
 * %G_IO_ERROR_CANCELLED or %VV_LEDGER_ERROR_CANCELLED.
 *
 * Returns: %TRUE on success
 */
gboolean
vv_ledger_store_import (VvDb                 *db,
                        const char           *path,
                        VvLedgerReader       *reader,
                        VvLedgerProgressFunc  progress_func,
                        gpointer              progress_data,
                        GCancellable         *cancellable,
                        gint64               *import_id,
                        GError              **error)
{
  g_autoptr(sqlite3_stmt) next_id = NULL;
  g_autoptr(sqlite3_stmt) insert_import = NULL;
  g_autoptr(sqlite3_stmt) insert_line = NULL;
  g_autoptr(sqlite3_stmt) insert_reject = NULL;
  g_autoptr(HashJob) job = g_new0 (HashJob, 1);
  GThread *hasher = NULL;
  ImportContext ctx = { 0, };
  GStatBuf st;
  gboolean maybe_duplicate = FALSE;
  gboolean ok;
  gint64 id;
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (VV_IS_LEDGER_READER (reader), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  job->path = g_strdup (path);
  job->display_name = g_filename_display_basename (path);
  job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  job->stop = g_cancellable_new ();

  /* The content hash decides whether the file was imported before. When no
   * earlier import has the same size it cannot be a duplicate, and the hash
   * is computed in a second thread while the lines are stored; otherwise it
   * is computed first, so that a duplicate is refused at once. */
  if (g_stat (path, &st) == 0 && !same_size_imported (db, st.st_size, &maybe_duplicate, error))
    return FALSE;
  if (maybe_duplicate)
    {
      hash_job_run (job);
      if (job->error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&job->error));
          return FALSE;
        }
      if (!check_duplicate (db, job->sha256, job->display_name, error))
        return FALSE;
    }
  else
    hasher = g_thread_new ("vv-ledger-hash", hash_job_run, job);

  if (!vv_db_begin (db, error))
    goto out;

  /* A bigger page cache keeps the growing b-tree in memory until commit. */
  vv_db_exec (db, "PRAGMA cache_size = -131072", NULL);

  next_id = vv_db_prepare (db, "SELECT coalesce (max (id), 0) + 1 FROM imports", error);
  insert_import = vv_db_prepare (db, "INSERT INTO imports (id, file_name, sha256, size, format, "
                                     "layout_key, year, lines, rejected, created) "
                                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", error);
  insert_line = vv_db_prepare (db, "INSERT INTO ledger_lines (" LINE_COLUMNS ") "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", error);
  insert_reject = vv_db_prepare (db, "INSERT INTO import_rejects (import_id, line_no, field, message) "
                                     "VALUES (?1, ?2, ?3, ?4)", error);
  if (next_id == NULL || insert_import == NULL || insert_line == NULL || insert_reject == NULL)
    goto fail;
  /* The id is taken inside the write transaction, so no one else can take it. */
  rc = sqlite3_step (next_id);
  if (rc != SQLITE_ROW)
    {
      vv_db_set_error (db, rc, error);
      goto fail;
    }
  id = sqlite3_column_int64 (next_id, 0);

  ctx.db = db;
  ctx.import_id = id;
  ctx.cancellable = cancellable;
  ctx.insert_line = insert_line;
  ctx.insert_reject = insert_reject;
  ctx.progress_func = progress_func;
  ctx.progress_data = progress_data;
  sqlite3_bind_int64 (insert_reject, 1, id);

  ok = vv_ledger_reader_read (reader, path, import_line_cb, import_reject_cb, import_progress_cb,
                              &ctx, cancellable, error);
  if (ctx.error != NULL)
    {
      /* the database failed: that, not "cancelled", is the story */
      g_clear_error (error);
      g_propagate_error (error, g_steal_pointer (&ctx.error));
      goto fail;
    }
  if (!ok)
    {
      if (error != NULL && *error == NULL)
        g_cancellable_set_error_if_cancelled (cancellable, error);
      goto fail;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;

  if (hasher != NULL)
    {
      g_thread_join (g_steal_pointer (&hasher));
      if (job->error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&job->error));
          goto fail;
        }
      if (!check_duplicate (db, job->sha256, job->display_name, error))
        goto fail;
    }

  sqlite3_bind_int64 (insert_import, 1, id);
  sqlite3_bind_text (insert_import, 2, job->display_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert_import, 3, job->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (insert_import, 4, job->size);
  sqlite3_bind_text (insert_import, 5, format_to_string (vv_ledger_reader_get_format (reader)), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (insert_import, 6, vv_ledger_reader_get_layout_key (reader), -1, SQLITE_TRANSIENT);
  if (ctx.lines > 0 && ctx.min_year == ctx.max_year && ctx.min_year > 0)
    sqlite3_bind_int (insert_import, 7, ctx.min_year);
  else
    sqlite3_bind_null (insert_import, 7);
  sqlite3_bind_int64 (insert_import, 8, ctx.lines);
  sqlite3_bind_int64 (insert_import, 9, ctx.rejected);
  sqlite3_bind_int64 (insert_import, 10, g_get_real_time ());
  rc = sqlite3_step (insert_import);
  if (rc != SQLITE_DONE)
    {
      vv_db_set_error (db, rc, error);
      goto fail;
    }
  if (!vv_db_commit (db, error))
    goto fail;

  vv_db_exec (db, "PRAGMA cache_size = -2000", NULL);
  g_debug ("stored %s as import %lld: %llu lines, %llu rejected", job->display_name,
           (long long) id, (unsigned long long) ctx.lines, (unsigned long long) ctx.rejected);
  if (import_id != NULL)
    *import_id = id;
  return TRUE;

fail:
  g_clear_error (&ctx.error);
  vv_db_rollback (db);
  vv_db_exec (db, "PRAGMA cache_size = -2000", NULL);
out:
  if (hasher != NULL)
    {
      /* stop the hashing thread early: its result is no longer needed */
      g_cancellable_cancel (job->stop);
      g_thread_join (hasher);
    }
  return FALSE;
}

typedef struct
{
  char                 *db_path;
  char                 *path;
  VvLedgerReader       *reader;
  VvLedgerProgressFunc  progress_func;
  gpointer              progress_data;
  GMainContext         *context;
  gint64                last_report;   /* worker thread only */
} ImportTaskData;

typedef struct
{
  GTask   *task;
  guint64  done;
  guint64  total;
} ProgressReport;

static void
import_task_data_free (ImportTaskData *data)
{
  g_free (data->db_path);
  g_free (data->path);
  g_clear_object (&data->reader);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_free (data);
}

static void
progress_report_free (ProgressReport *report)
{
  g_object_unref (report->task);
  g_free (report);
}

static gboolean
deliver_progress_cb (gpointer user_data)
{
  ProgressReport *report = user_data;
  ImportTaskData *data = g_task_get_task_data (report->task);

  if (!g_task_get_completed (report->task))
    data->progress_func (report->done, report->total, data->progress_data);
  return G_SOURCE_REMOVE;
}

/* In the worker: pass progress on to the caller's main context, at most
 * ten times a second. */
static void
worker_progress_cb (guint64  done,
                    guint64  total,
                    gpointer user_data)
{
  GTask *task = user_data;
  ImportTaskData *data = g_task_get_task_data (task);
  gint64 now = g_get_monotonic_time ();
  ProgressReport *report;

  if (done < total && now - data->last_report < G_USEC_PER_SEC / 10)
    return;
  data->last_report = now;
  report = g_new0 (ProgressReport, 1);
  report->task = g_object_ref (task);
  report->done = done;
  report->total = total;
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, deliver_progress_cb, report,
                              (GDestroyNotify) progress_report_free);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportTaskData *data = task_data;
  g_autoptr(VvDb) db = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  /* each thread has its own connection */
  db = vv_db_open (data->db_path, &error);
  if (db == NULL ||
      !vv_ledger_store_import (db, data->path, data->reader,
                               data->progress_func != NULL ? worker_progress_cb : NULL, task,
                               cancellable, &id, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_memdup2 (&id, sizeof id), g_free);
}

/**
 * vv_ledger_store_import_async:
 * @db_path: (nullable): the database file (vv_db_get_path()), or %NULL for the default
 * @path: the ledger file
 * @reader: the reader to use; do not touch it until the import has finished
 * @progress_func: (scope notified) (nullable): called in the thread-default
 *   main context of the caller, at most ten times a second
 * @progress_data: data for @progress_func; must stay valid until @callback runs
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the import is done
 * @user_data: data for @callback
 *
 * Runs vv_ledger_store_import() in a worker thread with a database
 * connection of its own. Finish with vv_ledger_store_import_finish().
 */
void
vv_ledger_store_import_async (const char           *db_path,
                              const char           *path,
                              VvLedgerReader       *reader,
                              VvLedgerProgressFunc  progress_func,
                              gpointer              progress_data,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportTaskData *data;

  g_return_if_fail (path != NULL);
  g_return_if_fail (VV_IS_LEDGER_READER (reader));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ImportTaskData, 1);
  data->db_path = db_path != NULL ? g_strdup (db_path) : vv_db_get_default_path ();
  data->path = g_strdup (path);
  data->reader = g_object_ref (reader);
  data->progress_func = progress_func;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, vv_ledger_store_import_async);
  g_task_set_task_data (task, data, (GDestroyNotify) import_task_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, import_thread);
}

/**
 * vv_ledger_store_import_finish:
 * @result: the #GAsyncResult
 * @import_id: (out) (optional): the new import's id
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; errors as for vv_ledger_store_import() and
 *   vv_db_open()
 */
gboolean
vv_ledger_store_import_finish (GAsyncResult  *result,
                               gint64        *import_id,
                               GError       **error)
{
  g_autofree gint64 *id = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == vv_ledger_store_import_async, FALSE);

  id = g_task_propagate_pointer (G_TASK (result), error);
  if (id == NULL)
    return FALSE;
  if (import_id != NULL)
    *import_id = *id;
  return TRUE;
}

/**
 * vv_ledger_store_list_imports:
 * @db: the database
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable) (element-type VvLedgerImport): all
 *   imports, newest first
 */
GPtrArray *
vv_ledger_store_list_imports (VvDb    *db,
                              GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) vv_ledger_import_free);
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), NULL);

  stmt = vv_db_prepare (db, "SELECT " IMPORT_COLUMNS " FROM imports ORDER BY id DESC", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, import_from_row (stmt));
  if (rc != SQLITE_DONE)
    return vv_db_set_error (db, rc, error), NULL;
  return g_steal_pointer (&list);
}

/**
 * vv_ledger_store_get_import:
 * @db: the database
 * @import_id: the import
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the import
 */
VvLedgerImport *
vv_ledger_store_get_import (VvDb    *db,
                            gint64   import_id,
                            GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), NULL);

  stmt = vv_db_prepare (db, "SELECT " IMPORT_COLUMNS " FROM imports WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, import_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return import_from_row (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, VV_LEDGER_STORE_ERROR, VV_LEDGER_STORE_ERROR_NOT_FOUND,
                   _("Import %lld was not found."), (long long) import_id);
      return NULL;
    }
  return vv_db_set_error (db, rc, error), NULL;
}

/**
 * vv_ledger_store_delete_import:
 * @db: the database
 * @import_id: the import
 * @error: return location for a #GError
 *
 * Deletes an import with its lines and rejects.
 *
 * Returns: %TRUE on success
 */
gboolean
vv_ledger_store_delete_import (VvDb    *db,
                               gint64   import_id,
                               GError **error)
{
  g_autoptr(sqlite3_stmt) lines = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), FALSE);

  if (!vv_db_begin (db, error))
    return FALSE;
  lines = vv_db_prepare (db, "DELETE FROM ledger_lines WHERE id BETWEEN ?1 AND ?2", error);
  stmt = vv_db_prepare (db, "DELETE FROM imports WHERE id = ?1", error);
  if (lines == NULL || stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (lines, 1, LINE_ROWID (import_id, 0));
  sqlite3_bind_int64 (lines, 2, LINE_ROWID (import_id, MAX_LINE_NO));
  rc = sqlite3_step (lines);
  if (rc != SQLITE_DONE)
    {
      vv_db_set_error (db, rc, error);
      goto fail;
    }
  sqlite3_bind_int64 (stmt, 1, import_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      vv_db_set_error (db, rc, error);
      goto fail;
    }
  if (sqlite3_changes (vv_db_get_handle (db)) == 0)
    {
      g_set_error (error, VV_LEDGER_STORE_ERROR, VV_LEDGER_STORE_ERROR_NOT_FOUND,
                   _("Import %lld was not found."), (long long) import_id);
      goto fail;
    }
  return vv_db_commit (db, error) || (vv_db_rollback (db), FALSE);

fail:
  vv_db_rollback (db);
  return FALSE;
}

/**
 * vv_ledger_store_get_lines:
 * @db: the database
 * @import_id: the import
 * @line_nos: (array length=n_line_nos): physical line numbers in the file
 * @n_line_nos: the number of @line_nos
 * @error: return location for a #GError
 *
 * Fetches stored lines for drill-down, in the order asked for. Line numbers
 * that were not stored (rejected lines, blank lines, the header) are left out.
 *
 * Returns: (transfer full) (nullable) (element-type VvStoredLine): the lines
 */
GPtrArray *
vv_ledger_store_get_lines (VvDb           *db,
                           gint64          import_id,
                           const guint64  *line_nos,
                           guint           n_line_nos,
                           GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) vv_stored_line_free);

  g_return_val_if_fail (VV_IS_DB (db), NULL);
  g_return_val_if_fail (line_nos != NULL || n_line_nos == 0, NULL);

  stmt = vv_db_prepare (db, "SELECT " LINE_COLUMNS " FROM ledger_lines WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < n_line_nos; i++)
    {
      int rc;

      if (line_nos[i] > (guint64) MAX_LINE_NO)
        continue;
      sqlite3_bind_int64 (stmt, 1, LINE_ROWID (import_id, line_nos[i]));
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        g_ptr_array_add (lines, line_from_row (stmt));
      else if (rc != SQLITE_DONE)
        return vv_db_set_error (db, rc, error), NULL;
      sqlite3_reset (stmt);
    }
  return g_steal_pointer (&lines);
}

/**
 * vv_ledger_store_get_rejects:
 * @db: the database
 * @import_id: the import
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable) (element-type VvStoredReject): the
 *   lines that could not be read, by line number
 */
GPtrArray *
vv_ledger_store_get_rejects (VvDb    *db,
                             gint64   import_id,
                             GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) vv_stored_reject_free);
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), NULL);

  stmt = vv_db_prepare (db, "SELECT line_no, field, message FROM import_rejects "
                            "WHERE import_id = ?1 ORDER BY line_no, rowid", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, import_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      VvStoredReject *r = g_new0 (VvStoredReject, 1);

      r->line_no = sqlite3_column_int64 (stmt, 0);
      r->field = g_strdup (column_text (stmt, 1));
      r->message = g_strdup (column_text (stmt, 2));
      g_ptr_array_add (list, r);
    }
  if (rc != SQLITE_DONE)
    return vv_db_set_error (db, rc, error), NULL;
  return g_steal_pointer (&list);
}

/**
 * vv_ledger_store_foreach_line:
 * @db: the database
 * @import_id: the import
 * @line_func: (scope call): called for each stored line, in file order;
 *   return %FALSE to stop
 * @user_data: data for @line_func
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Replays a stored import as #VvLedgerLine records, so that the split can
 * be computed without the original file. The records' strings are only
 * valid during the call.
 *
 * Returns: %TRUE if every line was handed over
 */
gboolean
vv_ledger_store_foreach_line (VvDb              *db,
                              gint64             import_id,
                              VvLedgerLineFunc   line_func,
                              gpointer           user_data,
                              GCancellable      *cancellable,
                              GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), FALSE);
  g_return_val_if_fail (line_func != NULL, FALSE);

  stmt = vv_db_prepare (db, "SELECT " LINE_COLUMNS " FROM ledger_lines WHERE id BETWEEN ?1 AND ?2 "
                            "ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, LINE_ROWID (import_id, 0));
  sqlite3_bind_int64 (stmt, 2, LINE_ROWID (import_id, MAX_LINE_NO));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      VvLedgerLine line = { 0, };

      line.line_no = sqlite3_column_int64 (stmt, 0) & MAX_LINE_NO;
      line.year = sqlite3_column_int (stmt, 1);
      line.period = sqlite3_column_int (stmt, 2);
      line.ansvar = column_text (stmt, 3);
      line.function = sqlite3_column_int (stmt, 4);
      line.art = sqlite3_column_int (stmt, 5);
      line.account_class = sqlite3_column_int (stmt, 6);
      line.amount_ore = sqlite3_column_int64 (stmt, 7);
      line.text = column_text (stmt, 8);
      line.raw = column_text (stmt, 9);
      line.raw_len = sqlite3_column_bytes (stmt, 9);
      line.tjeneste = "";
      if (!line_func (&line, user_data) || g_cancellable_is_cancelled (cancellable))
        {
          if (!g_cancellable_set_error_if_cancelled (cancellable, error))
            g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_CANCELLED, _("Stopped."));
          return FALSE;
        }
    }
  if (rc != SQLITE_DONE)
    return vv_db_set_error (db, rc, error);
  return TRUE;
}

/**
 * vv_ledger_store_set_unit:
 * @db: the database
 * @ansvar: the unit's ansvar code
 * @name: (nullable): its name
 * @allocation: (nullable): its functions, e.g. “257:80 258:20”
 * @case_id: the case it was classified with, or 0
 * @error: return location for a #GError
 *
 * Adds or replaces a unit in the register.
 *
 * Returns: %TRUE on success
 */
gboolean
vv_ledger_store_set_unit (VvDb        *db,
                          const char  *ansvar,
                          const char  *name,
                          const char  *allocation,
                          gint64       case_id,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), FALSE);
  g_return_val_if_fail (ansvar != NULL && *ansvar != '\0', FALSE);

  stmt = vv_db_prepare (db, "INSERT OR REPLACE INTO units (ansvar, name, allocation, case_id, modified) "
                            "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ansvar, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name != NULL ? name : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, allocation != NULL ? allocation : "", -1, SQLITE_STATIC);
  if (case_id > 0)
    sqlite3_bind_int64 (stmt, 4, case_id);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time ());
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return vv_db_set_error (db, rc, error);
  return TRUE;
}

static VvStoredUnit *
unit_from_row (sqlite3_stmt *stmt)
{
  VvStoredUnit *unit = g_new0 (VvStoredUnit, 1);

  unit->ansvar = g_strdup (column_text (stmt, 0));
  unit->name = g_strdup (column_text (stmt, 1));
  unit->allocation = g_strdup (column_text (stmt, 2));
  unit->case_id = sqlite3_column_int64 (stmt, 3);
  unit->modified = sqlite3_column_int64 (stmt, 4);
  return unit;
}

/**
 * vv_ledger_store_get_unit:
 * @db: the database
 * @ansvar: the unit's ansvar code
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the unit, or %NULL with
 *   %VV_LEDGER_STORE_ERROR_NOT_FOUND
 */
VvStoredUnit *
vv_ledger_store_get_unit (VvDb        *db,
                          const char  *ansvar,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), NULL);
  g_return_val_if_fail (ansvar != NULL, NULL);

  stmt = vv_db_prepare (db, "SELECT ansvar, name, allocation, case_id, modified FROM units "
                            "WHERE ansvar = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, ansvar, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return unit_from_row (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, VV_LEDGER_STORE_ERROR, VV_LEDGER_STORE_ERROR_NOT_FOUND,
                   _("There is no unit with ansvar “%s”."), ansvar);
      return NULL;
    }
  return vv_db_set_error (db, rc, error), NULL;
}

/**
 * vv_ledger_store_delete_unit:
 * @db: the database
 * @ansvar: the unit's ansvar code
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
vv_ledger_store_delete_unit (VvDb        *db,
                             const char  *ansvar,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), FALSE);
  g_return_val_if_fail (ansvar != NULL, FALSE);

  stmt = vv_db_prepare (db, "DELETE FROM units WHERE ansvar = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ansvar, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return vv_db_set_error (db, rc, error);
  if (sqlite3_changes (vv_db_get_handle (db)) == 0)
    {
      g_set_error (error, VV_LEDGER_STORE_ERROR, VV_LEDGER_STORE_ERROR_NOT_FOUND,
                   _("There is no unit with ansvar “%s”."), ansvar);
      return FALSE;
    }
  return TRUE;
}

/**
 * vv_ledger_store_list_units:
 * @db: the database
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable) (element-type VvStoredUnit): the
 *   units, by ansvar
 */
GPtrArray *
vv_ledger_store_list_units (VvDb    *db,
                            GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) vv_stored_unit_free);
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), NULL);

  stmt = vv_db_prepare (db, "SELECT ansvar, name, allocation, case_id, modified FROM units "
                            "ORDER BY ansvar", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, unit_from_row (stmt));
  if (rc != SQLITE_DONE)
    return vv_db_set_error (db, rc, error), NULL;
  return g_steal_pointer (&list);
}

/**
 * vv_ledger_store_load_units:
 * @db: the database
 * @rules: the rules, to check the allocations
 * @error: return location for a #GError
 *
 * Builds a units register (as read from a units file) from the stored
 * units that have an allocation; units not classified yet are left out.
 *
 * Returns: (transfer full) (nullable): the register
 */
VvUnits *
vv_ledger_store_load_units (VvDb     *db,
                            VvRules  *rules,
                            GError  **error)
{
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(VvUnits) units = NULL;

  g_return_val_if_fail (VV_IS_DB (db), NULL);
  g_return_val_if_fail (VV_IS_RULES (rules), NULL);

  stored = vv_ledger_store_list_units (db, error);
  if (stored == NULL)
    return NULL;
  units = vv_units_new (rules);
  for (guint i = 0; i < stored->len; i++)
    {
      VvStoredUnit *u = g_ptr_array_index (stored, i);

      if (u->allocation == NULL || *u->allocation == '\0')
        continue;
      if (!vv_units_add (units, u->ansvar, u->name, u->allocation, error))
        return NULL;
    }
  return g_steal_pointer (&units);
}

/**
 * vv_ledger_mapping_from_reader:
 * @reader: a reader after detection or manual settings
 *
 * Returns: (transfer full): the reader's settings as JSON: format,
 *   encoding, separator, decimal mark, default year and column indexes
 */
char *
vv_ledger_mapping_from_reader (VvLedgerReader *reader)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  char sep[2] = { 0, };
  char dec[2] = { 0, };

  g_return_val_if_fail (VV_IS_LEDGER_READER (reader), NULL);

  sep[0] = vv_ledger_reader_get_separator (reader);
  dec[0] = vv_ledger_reader_get_decimal_mark (reader);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, format_to_string (vv_ledger_reader_get_format (reader)));
  json_builder_set_member_name (b, "encoding");
  json_builder_add_string_value (b, encoding_to_string (vv_ledger_reader_get_encoding (reader)));
  json_builder_set_member_name (b, "separator");
  json_builder_add_string_value (b, sep);
  json_builder_set_member_name (b, "decimal");
  json_builder_add_string_value (b, dec);
  json_builder_set_member_name (b, "default_year");
  json_builder_add_int_value (b, vv_ledger_reader_get_default_year (reader));
  json_builder_set_member_name (b, "columns");
  json_builder_begin_object (b);
  for (int role = 0; role < VV_LEDGER_N_COLUMNS; role++)
    {
      json_builder_set_member_name (b, vv_ledger_column_to_string (role));
      json_builder_add_int_value (b, vv_ledger_reader_get_column (reader, role));
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

static gboolean
mapping_error (GError     **error,
               const char  *field)
{
  g_set_error (error, VV_LEDGER_STORE_ERROR, VV_LEDGER_STORE_ERROR_MAPPING,
               _("The remembered column mapping is damaged (field “%s”); choose the columns again."),
               field);
  return FALSE;
}

/**
 * vv_ledger_mapping_apply:
 * @mapping: JSON from vv_ledger_mapping_from_reader()
 * @reader: the reader to set up
 * @error: return location for a #GError
 *
 * Returns: %TRUE if every setting could be applied
 */
gboolean
vv_ledger_mapping_apply (const char      *mapping,
                         VvLedgerReader  *reader,
                         GError         **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o, *columns;
  const char *s;

  g_return_val_if_fail (mapping != NULL, FALSE);
  g_return_val_if_fail (VV_IS_LEDGER_READER (reader), FALSE);

  root = json_from_string (mapping, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return mapping_error (error, "");
  o = json_node_get_object (root);

  s = json_object_get_string_member_with_default (o, "format", "auto");
  if (g_str_equal (s, "csv"))
    vv_ledger_reader_set_format (reader, VV_LEDGER_FORMAT_CSV);
  else if (g_str_equal (s, "kostra"))
    vv_ledger_reader_set_format (reader, VV_LEDGER_FORMAT_KOSTRA);
  else if (g_str_equal (s, "auto"))
    vv_ledger_reader_set_format (reader, VV_LEDGER_FORMAT_AUTO);
  else
    return mapping_error (error, "format");

  s = json_object_get_string_member_with_default (o, "encoding", "auto");
  if (g_str_equal (s, "utf-8"))
    vv_ledger_reader_set_encoding (reader, VV_LEDGER_ENCODING_UTF8);
  else if (g_str_equal (s, "windows-1252"))
    vv_ledger_reader_set_encoding (reader, VV_LEDGER_ENCODING_WINDOWS_1252);
  else if (g_str_equal (s, "auto"))
    vv_ledger_reader_set_encoding (reader, VV_LEDGER_ENCODING_AUTO);
  else
    return mapping_error (error, "encoding");

  s = json_object_get_string_member_with_default (o, "separator", "");
  if (strlen (s) > 1)
    return mapping_error (error, "separator");
  vv_ledger_reader_set_separator (reader, s[0]);
  s = json_object_get_string_member_with_default (o, "decimal", "");
  if (strlen (s) > 1)
    return mapping_error (error, "decimal");
  vv_ledger_reader_set_decimal_mark (reader, s[0]);
  vv_ledger_reader_set_default_year (reader, json_object_get_int_member_with_default (o, "default_year", 0));

  columns = json_object_has_member (o, "columns") ? json_object_get_object_member (o, "columns") : NULL;
  if (columns != NULL)
    for (int role = 0; role < VV_LEDGER_N_COLUMNS; role++)
      {
        const char *name = vv_ledger_column_to_string (role);

        if (json_object_has_member (columns, name))
          vv_ledger_reader_set_column (reader, role,
                                       json_object_get_int_member_with_default (columns, name, -1));
      }
  return TRUE;
}

/**
 * vv_ledger_store_set_mapping:
 * @db: the database
 * @layout_key: the file layout, from vv_ledger_reader_get_layout_key()
 * @mapping: JSON from vv_ledger_mapping_from_reader()
 * @error: return location for a #GError
 *
 * Remembers the user's choices for files with this layout.
 *
 * Returns: %TRUE on success
 */
gboolean
vv_ledger_store_set_mapping (VvDb        *db,
                             const char  *layout_key,
                             const char  *mapping,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), FALSE);
  g_return_val_if_fail (layout_key != NULL, FALSE);
  g_return_val_if_fail (mapping != NULL, FALSE);

  stmt = vv_db_prepare (db, "INSERT OR REPLACE INTO layout_mappings (layout_key, mapping, modified) "
                            "VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, layout_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, mapping, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return vv_db_set_error (db, rc, error);
  return TRUE;
}

/**
 * vv_ledger_store_get_mapping:
 * @db: the database
 * @layout_key: the file layout
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the remembered mapping, or %NULL
 *   without an error if there is none
 */
char *
vv_ledger_store_get_mapping (VvDb        *db,
                             const char  *layout_key,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), NULL);
  g_return_val_if_fail (layout_key != NULL, NULL);

  stmt = vv_db_prepare (db, "SELECT mapping FROM layout_mappings WHERE layout_key = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, layout_key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup (column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    vv_db_set_error (db, rc, error);
  return NULL;
}

/**
 * vv_ledger_import_free:
 * @import: (nullable): a #VvLedgerImport
 */
void
vv_ledger_import_free (VvLedgerImport *import)
{
  if (import == NULL)
    return;
  g_free (import->file_name);
  g_free (import->sha256);
  g_free (import->format);
  g_free (import->layout_key);
  g_free (import);
}

/**
 * vv_stored_line_free:
 * @line: (nullable): a #VvStoredLine
 */
void
vv_stored_line_free (VvStoredLine *line)
{
  if (line == NULL)
    return;
  g_free (line->ansvar);
  g_free (line->text);
  g_free (line->raw);
  g_free (line);
}

/**
 * vv_stored_reject_free:
 * @reject: (nullable): a #VvStoredReject
 */
void
vv_stored_reject_free (VvStoredReject *reject)
{
  if (reject == NULL)
    return;
  g_free (reject->field);
  g_free (reject->message);
  g_free (reject);
}

/**
 * vv_stored_unit_free:
 * @unit: (nullable): a #VvStoredUnit
 */
void
vv_stored_unit_free (VvStoredUnit *unit)
{
  if (unit == NULL)
    return;
  g_free (unit->ansvar);
  g_free (unit->name);
  g_free (unit->allocation);
  g_free (unit);
}
