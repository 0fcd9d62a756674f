/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-ledger-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "vv-i18n.h"
#include "vv-ledger-chunks-private.h"
#include "vv-ledger-store-private.h"
#include "vv-ledger-store.h"
#include "vv-privacy.h"
#include "vv-sha256-private.h"

/* Importing a ledger file: duplicate check, reading it through a
 * VvLedgerReader into chunks and rejects in one transaction, with
 * progress. VvLedgerSession runs it in a worker thread. */

typedef struct
{
  VvDb                *db;
  VvLedgerChunkWriter  chunks;
  sqlite3_stmt        *insert_reject;
  gint64               import_id;
  GCancellable        *cancellable;
  VvLedgerProgressFunc progress_func;
  gpointer             progress_data;
  GError              *error;          /* a database error met in a callback */
  guint64              lines;
  guint64              rejected;
  int                  min_year;
  int                  max_year;
} ImportContext;

/* Turns a result code of the chunk codec into @error. */
static gboolean
chunks_ok (VvDb    *db,
           int      rc,
           GError **error)
{
  return rc == SQLITE_OK || vv_db_set_error (db, rc, error);
}

static char *
format_time (gint64 usec)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);

  return dt != NULL ? vv_i18n_format_date_time (dt) : g_strdup ("?");
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
  g_autofree guchar *buf = g_malloc (1 << 20);
  VvSha256 sum;
  gint64 total = 0;
  int fd = g_open (job->path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (&job->error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_READ,
                   _("%s: cannot open the file: %s"), job->display_name, g_strerror (saved_errno));
      return NULL;
    }
  _vv_sha256_init (&sum, TRUE);
  for (;;)
    {
      gssize n = read (fd, buf, 1 << 20);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          g_free (_vv_sha256_finish (&sum));
          g_set_error (&job->error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_READ,
                       _("%s: cannot read the file: %s"), job->display_name, g_strerror (saved_errno));
          return NULL;
        }
      if (n == 0)
        break;
      _vv_sha256_update (&sum, buf, n);
      total += n;
      if (g_cancellable_set_error_if_cancelled (job->cancellable, &job->error) ||
          g_cancellable_set_error_if_cancelled (job->stop, &job->error))
        {
          close (fd);
          g_free (_vv_sha256_finish (&sum));
          return NULL;
        }
    }
  close (fd);
  job->size = total;
  job->sha256 = _vv_sha256_finish (&sum);
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

/* Refuses @sha256 when an import holds the same bytes; *@earlier is then
 * that import's id. */
static gboolean
check_duplicate (VvDb        *db,
                 const char  *sha256,
                 const char  *display_name,
                 gint64      *earlier,
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

      *earlier = sqlite3_column_int64 (stmt, 0);
      g_set_error (error, VV_LEDGER_STORE_ERROR, VV_LEDGER_STORE_ERROR_DUPLICATE,
                   _("%s: this file was already imported on %s as import %lld (“%s”); delete that "
                     "import first to import it again."),
                   display_name, when, (long long) sqlite3_column_int64 (stmt, 0),
                   _vv_ledger_store_column_text (stmt, 1));
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
  g_autofree char *masked_raw = NULL;
  g_autofree char *masked_text = NULL;
  g_autofree char *masked_ansvar = NULL;
  const char *raw, *text, *ansvar;
  gsize raw_len;
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
  /* No identity number is stored: the raw line and the text keep it masked
   * (150385*****); the line's money and codes are stored as read. */
  if (line->raw != NULL && vv_privacy_find_fnr (line->raw, NULL, NULL))
    {
      masked_raw = vv_privacy_mask_fnr (line->raw);
      masked_text = vv_privacy_mask_fnr (line->text);
      masked_ansvar = vv_privacy_mask_fnr (line->ansvar);
    }
  raw = masked_raw != NULL ? masked_raw : line->raw != NULL ? line->raw : "";
  raw_len = masked_raw != NULL ? strlen (masked_raw) : line->raw != NULL ? line->raw_len : 0;
  text = masked_text != NULL ? masked_text : line->text != NULL ? line->text : "";
  ansvar = masked_ansvar != NULL ? masked_ansvar : line->ansvar != NULL ? line->ansvar : "";
  rc = _vv_ledger_chunk_writer_add (&ctx->chunks, line->line_no, line->year, line->period,
                                    line->account_class, line->function, line->art, line->amount_ore,
                                    ansvar, strlen (ansvar), text, strlen (text), raw, raw_len);
  if (!chunks_ok (ctx->db, rc, &ctx->error))
    return FALSE;
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
  g_autofree char *masked = NULL;
  int rc;

  ctx->rejected++;
  if (ctx->error != NULL)
    return;
  sqlite3_bind_int64 (s, 2, (sqlite3_int64) line_no);
  sqlite3_bind_text (s, 3, field, -1, SQLITE_STATIC);
  masked = vv_privacy_mask_fnr (message != NULL ? message : "");
  sqlite3_bind_text (s, 4, masked, -1, SQLITE_STATIC);
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

const char *
_vv_ledger_store_format_to_string (VvLedgerFormat format)
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

/* "prefix", "exact" or "auto": the `--function-code` values, as stored
 * with an import and in a remembered mapping */
const char *
_vv_ledger_store_function_code_to_string (VvLedgerFunctionCode mode)
{
  switch (mode)
    {
    case VV_LEDGER_FUNCTION_CODE_PREFIX:
      return "prefix";
    case VV_LEDGER_FUNCTION_CODE_EXACT:
      return "exact";
    case VV_LEDGER_FUNCTION_CODE_AUTO:
    default:
      return "auto";
    }
}

const char *
_vv_ledger_store_encoding_to_string (VvLedgerEncoding encoding)
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
 * @import_id: (out) (optional): the new import's id; with
 *   %VV_LEDGER_STORE_ERROR_DUPLICATE, the earlier import's
 * @error: return location for a #GError
 *
 * Reads @path and stores every readable line (with its raw text, for
 * drill-down) and every rejected line's reason, in one transaction: on an
 * error or cancellation the database is left as it was. A file whose
 * content (SHA-256) was imported before is refused with
 * %VV_LEDGER_STORE_ERROR_DUPLICATE naming the earlier import, whose id is
 * put in @import_id so that the caller can show it instead. Errors in
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
      gint64 earlier = 0;

      if (!check_duplicate (db, job->sha256, job->display_name, &earlier, error))
        {
          if (import_id != NULL)
            *import_id = earlier;
          return FALSE;
        }
    }
  else
    hasher = g_thread_new ("vv-ledger-hash", hash_job_run, job);

  /* The import stays in write-ahead logging: leaving it (for a rollback
   * journal, which saved a third of a large import's time) locked out every
   * other connection, so the app or a second command could not even open
   * the file while an import ran. vv_db_begin() waits for another writer. */
  if (!vv_db_begin (db, error))
    goto out;

  /* A 16 MiB page cache (the default is 2 MiB) keeps the b-tree's inner
   * pages in memory; full pages spill to the log or the file as the import
   * goes on, so memory stays flat whatever the file's size (25 MB resident
   * for 1 M lines). */
  vv_db_exec (db, "PRAGMA cache_size = -16384", NULL);

  next_id = vv_db_prepare (db, "SELECT coalesce (max (id), 0) + 1 FROM imports", error);
  insert_import = vv_db_prepare (db, "INSERT INTO imports (id, file_name, sha256, size, format, "
                                     "layout_key, year, lines, rejected, created, region, "
                                     "amount_column, unit, sheet, art_column, separator, "
                                     "function_code, function_code_example, lines_service_code) "
                                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
                                     "?13, ?14, ?15, ?16, ?17, ?18, ?19)", error);
  insert_reject = vv_db_prepare (db, "INSERT INTO import_rejects (import_id, line_no, field, message) "
                                     "VALUES (?1, ?2, ?3, ?4)", error);
  if (next_id == NULL || insert_import == NULL || insert_reject == NULL)
    goto fail;
  /* The id is taken inside the write transaction, so no one else can take it. */
  rc = sqlite3_step (next_id);
  if (rc != SQLITE_ROW)
    {
      vv_db_set_error (db, rc, error);
      goto fail;
    }
  id = sqlite3_column_int64 (next_id, 0);
  sqlite3_reset (next_id);

  ctx.db = db;
  ctx.import_id = id;
  ctx.cancellable = cancellable;
  if (!chunks_ok (db, _vv_ledger_chunk_writer_init (&ctx.chunks, vv_db_get_handle (db), id), error))
    goto fail;
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
  if (!chunks_ok (db, _vv_ledger_chunk_writer_flush (&ctx.chunks), error))
    goto fail;

  if (hasher != NULL)
    {
      g_thread_join (g_steal_pointer (&hasher));
      if (job->error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&job->error));
          goto fail;
        }
      gint64 earlier = 0;

      if (!check_duplicate (db, job->sha256, job->display_name, &earlier, error))
        {
          if (import_id != NULL)
            *import_id = earlier;
          goto fail;
        }
    }

  sqlite3_bind_int64 (insert_import, 1, id);
  sqlite3_bind_text (insert_import, 2, job->display_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert_import, 3, job->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (insert_import, 4, job->size);
  sqlite3_bind_text (insert_import, 5, _vv_ledger_store_format_to_string (vv_ledger_reader_get_format (reader)), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (insert_import, 6, vv_ledger_reader_get_layout_key (reader), -1, SQLITE_TRANSIENT);
  if (ctx.lines > 0 && ctx.min_year == ctx.max_year && ctx.min_year > 0)
    sqlite3_bind_int (insert_import, 7, ctx.min_year);
  else if (vv_ledger_reader_get_year (reader) > 0)
    sqlite3_bind_int (insert_import, 7, vv_ledger_reader_get_year (reader));
  else
    sqlite3_bind_null (insert_import, 7);
  sqlite3_bind_int64 (insert_import, 8, ctx.lines);
  sqlite3_bind_int64 (insert_import, 9, ctx.rejected);
  sqlite3_bind_int64 (insert_import, 10, g_get_real_time ());
  /* where the figures come from, for the ledger page to say */
  sqlite3_bind_text (insert_import, 11, vv_ledger_reader_get_region (reader), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert_import, 12, vv_ledger_reader_get_amount_column_name (reader), -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (insert_import, 13, vv_ledger_unit_to_string (vv_ledger_reader_get_unit (reader)),
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (insert_import, 14, vv_ledger_reader_get_sheet (reader), -1, SQLITE_TRANSIENT);
  /* where the art stands in each raw record, for correction postings */
  if (vv_ledger_reader_get_format (reader) == VV_LEDGER_FORMAT_CSV &&
      vv_ledger_reader_get_column (reader, VV_LEDGER_COLUMN_ART) >= 0)
    {
      /* a sheet's rows are read as text with ';' between fields */
      char sep = vv_ledger_reader_get_sheet (reader) != NULL
                 ? ';' : vv_ledger_reader_get_separator (reader);

      sqlite3_bind_int (insert_import, 15, vv_ledger_reader_get_column (reader,
                                                                        VV_LEDGER_COLUMN_ART));
      sqlite3_bind_text (insert_import, 16, &sep, 1, SQLITE_TRANSIENT);
    }
  /* how the function column was read: service codes by their first digits */
  sqlite3_bind_text (insert_import, 17,
                     _vv_ledger_store_function_code_to_string (
                       vv_ledger_reader_get_function_code (reader)),
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (insert_import, 18, vv_ledger_reader_get_function_code_example (reader), -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_int64 (insert_import, 19, vv_ledger_reader_get_lines_service_code (reader));
  rc = sqlite3_step (insert_import);
  if (rc != SQLITE_DONE)
    {
      vv_db_set_error (db, rc, error);
      goto fail;
    }
  if (!vv_db_commit (db, error))
    goto fail;

  vv_db_exec (db, "PRAGMA cache_size = -2000", NULL);
  _vv_ledger_chunk_writer_clear (&ctx.chunks);
  g_debug ("stored %s as import %lld: %llu lines, %llu rejected", job->display_name,
           (long long) id, (unsigned long long) ctx.lines, (unsigned long long) ctx.rejected);
  if (import_id != NULL)
    *import_id = id;
  return TRUE;

fail:
  g_clear_error (&ctx.error);
  _vv_ledger_chunk_writer_clear (&ctx.chunks);
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
