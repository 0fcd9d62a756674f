/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-db"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vv-db.h"
#include "vv-ledger-chunks-private.h"

struct _VvDb
{
  GObject  parent_instance;

  /* Owned */
  sqlite3 *handle;
  char    *path;
  char    *display_name;
  int      version;
  gboolean fresh;          /* a new, empty file */
  guint    depth;          /* open transactions: 1 = BEGIN, more = SAVEPOINTs */
};

G_DEFINE_FINAL_TYPE (VvDb, vv_db, G_TYPE_OBJECT)

G_DEFINE_QUARK (vv-db-error-quark, vv_db_error)

/* The schema, one step per entry. Entry i brings a file from
 * `user_version` i to i + 1 and runs in its own transaction. Never edit a
 * released step: append a new one. */
static const char * const migrations[] = {
  /* 1: saved cases */
  "CREATE TABLE cases ("
  "  id            INTEGER PRIMARY KEY,"
  "  title         TEXT NOT NULL DEFAULT '',"
  "  year          INTEGER NOT NULL,"
  "  facts         TEXT NOT NULL DEFAULT '{}',"
  "  note          TEXT NOT NULL DEFAULT '',"
  "  expected      TEXT,"
  "  result        TEXT,"
  "  rules_version TEXT,"
  "  outcome       TEXT,"
  "  functions     TEXT NOT NULL DEFAULT '',"
  "  created       INTEGER NOT NULL,"
  "  modified      INTEGER NOT NULL,"
  "  deleted       INTEGER"
  ");"
  "CREATE INDEX cases_year ON cases (year);",

  /* 2: imported ledgers */
  "CREATE TABLE imports ("
  "  id         INTEGER PRIMARY KEY,"
  "  file_name  TEXT NOT NULL,"
  "  sha256     TEXT NOT NULL UNIQUE,"
  "  size       INTEGER NOT NULL,"
  "  format     TEXT NOT NULL,"
  "  layout_key TEXT,"
  "  year       INTEGER,"
  "  lines      INTEGER NOT NULL DEFAULT 0,"
  "  rejected   INTEGER NOT NULL DEFAULT 0,"
  "  created    INTEGER NOT NULL"
  ");"
  /* One row per stored line; the rowid is (import id << 32) + line number,
   * so that a bulk import appends to the table's b-tree and an import's
   * lines are one rowid range. vv-ledger-store.c deletes them with the import. */
  "CREATE TABLE ledger_lines ("
  "  id            INTEGER PRIMARY KEY,"
  "  year          INTEGER NOT NULL,"
  "  period        INTEGER NOT NULL,"
  "  ansvar        TEXT NOT NULL,"
  "  function      INTEGER NOT NULL,"
  "  art           INTEGER NOT NULL,"
  "  account_class INTEGER NOT NULL,"
  "  amount_ore    INTEGER NOT NULL,"
  "  text          TEXT NOT NULL,"
  "  raw           TEXT NOT NULL"
  ");"
  /* Deferred: an import's row is written after its lines and rejects. */
  "CREATE TABLE import_rejects ("
  "  import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE"
  "            DEFERRABLE INITIALLY DEFERRED,"
  "  line_no   INTEGER NOT NULL,"
  "  field     TEXT,"
  "  message   TEXT NOT NULL"
  ");"
  "CREATE INDEX import_rejects_import ON import_rejects (import_id, line_no);",

  /* 3: units register and remembered column mappings */
  "CREATE TABLE units ("
  "  ansvar     TEXT PRIMARY KEY NOT NULL,"
  "  name       TEXT NOT NULL DEFAULT '',"
  "  allocation TEXT NOT NULL DEFAULT '',"
  "  case_id    INTEGER REFERENCES cases (id) ON DELETE SET NULL,"
  "  modified   INTEGER NOT NULL"
  ");"
  "CREATE TABLE layout_mappings ("
  "  layout_key TEXT PRIMARY KEY NOT NULL,"
  "  mapping    TEXT NOT NULL,"
  "  modified   INTEGER NOT NULL"
  ");",

  /* 4: ledger lines in chunks of up to 4096 lines (a row per line made the
   * inserts of a large import cost most of its time). The id is the first
   * line's id as above, last_line the last line's number; recs and strings
   * are described in vv-ledger-chunks-private.h. Version-3 lines are moved here by
   * upgrade_ledger_lines(); main.ledger_lines stays, empty, and
   * each connection sees a temp.ledger_lines decoded from the chunks. */
  "CREATE TABLE ledger_chunks ("
  "  id        INTEGER PRIMARY KEY,"
  "  last_line INTEGER NOT NULL,"
  "  n         INTEGER NOT NULL,"
  "  recs      BLOB NOT NULL,"
  "  strings   BLOB NOT NULL"
  ");",

  /* 5: where an import's figures come from, as chosen or found when it was
   * read (issue 13): the region, the amount column's header, the unit of
   * the file's amounts ("kr" or "1000kr") and a spreadsheet's sheet. NULL
   * for imports made before. */
  "ALTER TABLE imports ADD COLUMN region TEXT;"
  "ALTER TABLE imports ADD COLUMN amount_column TEXT;"
  "ALTER TABLE imports ADD COLUMN unit TEXT;"
  "ALTER TABLE imports ADD COLUMN sheet TEXT;",

  /* 6: what a unit's Fordeling rests on: the citation ids of the rules
   * that decide it (the unit guide's), and the unit guide's input as a
   * veiviser-unit/1 document, so that the guide opens where it was left. */
  "ALTER TABLE units ADD COLUMN citation TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE units ADD COLUMN guide TEXT;",

  /* 7: where each stored line's art stands in its raw record (the column,
   * 0-based, and the separator), so that correction postings carry the
   * account as booked in the ERP ("11150"), not only its KOSTRA art. NULL
   * for KOSTRA extracts and imports made before. */
  "ALTER TABLE imports ADD COLUMN art_column INTEGER;"
  "ALTER TABLE imports ADD COLUMN separator TEXT;",

  /* 8: how an import's function column was read (issue 13): "prefix" when
   * it held local service codes (tjeneste, e.g. 25410) read by their first
   * three digits, "exact" when it held functions; a service code met and
   * the number of lines so read. NULL for imports made before. */
  "ALTER TABLE imports ADD COLUMN function_code TEXT;"
  "ALTER TABLE imports ADD COLUMN function_code_example TEXT;"
  "ALTER TABLE imports ADD COLUMN lines_service_code INTEGER;",
};

/* helpers */

static VvDbError
code_from_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return VV_DB_ERROR_BUSY;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return VV_DB_ERROR_CORRUPT;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return VV_DB_ERROR_READ_ONLY;
    case SQLITE_FULL:
      return VV_DB_ERROR_FULL;
    default:
      return VV_DB_ERROR_FAILED;
    }
}

static gboolean
set_error_code (GError     **error,
                VvDbError    code,
                const char  *display_name,
                const char  *detail)
{
  switch (code)
    {
    case VV_DB_ERROR_CORRUPT:
      g_set_error (error, VV_DB_ERROR, code,
                   _("“%s” is not a Veiviser database, or it is damaged (%s)."),
                   display_name, detail);
      break;
    case VV_DB_ERROR_FOREIGN:
      g_set_error (error, VV_DB_ERROR, code,
                   _("“%s” is a database that belongs to another program; Veiviser will not change it."),
                   display_name);
      break;
    case VV_DB_ERROR_READ_ONLY:
      g_set_error (error, VV_DB_ERROR, code,
                   _("Cannot write to “%s”: %s. Check that the file and its folder may be written to."),
                   display_name, detail);
      break;
    case VV_DB_ERROR_FULL:
      g_set_error (error, VV_DB_ERROR, code,
                   _("Cannot save to “%s”: the disk is full (%s)."), display_name, detail);
      break;
    case VV_DB_ERROR_TOO_NEW:
    case VV_DB_ERROR_FAILED:
    default:
      g_set_error (error, VV_DB_ERROR, code,
                   _("Database error in “%s”: %s."), display_name, detail);
      break;
    }
  return FALSE;
}

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *display_name)
{
  VvDbError code = VV_DB_ERROR_FAILED;

  if (saved_errno == EACCES || saved_errno == EROFS || saved_errno == EPERM)
    code = VV_DB_ERROR_READ_ONLY;
  else if (saved_errno == ENOSPC || saved_errno == EDQUOT)
    code = VV_DB_ERROR_FULL;
  return set_error_code (error, code, display_name, g_strerror (saved_errno));
}

static gboolean
query_int (VvDb        *self,
           const char  *sql,
           int         *out,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = vv_db_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return vv_db_set_error (self, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, error);
  *out = sqlite3_column_int (stmt, 0);
  return TRUE;
}

/* Creates the folder (0700) and the file (0600) ourselves, so that the
 * modes do not depend on the umask and SQLite's journal files, which copy
 * the main file's mode, are private too. */
static gboolean
prepare_file (const char  *path,
              const char  *display_name,
              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  struct stat st;
  int fd;

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      if (g_mkdir_with_parents (dir, 0700) != 0)
        return set_errno_error (error, errno, display_name);
      if (g_chmod (dir, 0700) != 0)
        return set_errno_error (error, errno, display_name);
    }

  if (g_stat (path, &st) != 0)
    {
      int saved_errno;

      if (errno != ENOENT)
        return set_errno_error (error, errno, display_name);
      fd = open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd < 0 && errno == EEXIST)
        return prepare_file (path, display_name, error);   /* another process made it just now */
      if (fd < 0)
        return set_errno_error (error, errno, display_name);
      saved_errno = fchmod (fd, 0600) == 0 ? 0 : errno;
      close (fd);
      if (saved_errno != 0)
        return set_errno_error (error, saved_errno, display_name);
      return TRUE;
    }

  if (!S_ISREG (st.st_mode))
    return set_error_code (error, VV_DB_ERROR_CORRUPT, display_name, _("not a regular file"));
  if (access (path, W_OK) != 0)
    return set_errno_error (error, errno, display_name);
  /* WAL mode needs to create “-wal” and “-shm” files next to it. */
  if (access (dir, W_OK) != 0)
    return set_errno_error (error, errno, display_name);
  if ((st.st_mode & 077) != 0 && g_chmod (path, 0600) != 0)
    g_debug ("could not tighten the mode of %s: %s", path, g_strerror (errno));
  return TRUE;
}

static gboolean
check_identity (VvDb    *self,
                GError **error)
{
  int app_id = 0;
  int version = 0;
  int n_objects = 0;

  gboolean ok;

  /* One read transaction: another process creating the file may commit
   * its tables between two of the reads, which looked like a foreign file. */
  if (!vv_db_exec (self, "BEGIN", error))
    return FALSE;
  ok = query_int (self, "PRAGMA application_id", &app_id, error) &&
       query_int (self, "PRAGMA user_version", &version, error) &&
       query_int (self, "SELECT count(*) FROM sqlite_master", &n_objects, error);
  sqlite3_exec (self->handle, "COMMIT", NULL, NULL, NULL);
  if (!ok)
    return FALSE;

  if ((guint32) app_id != VV_DB_APPLICATION_ID && !(app_id == 0 && version == 0 && n_objects == 0))
    return set_error_code (error, VV_DB_ERROR_FOREIGN, self->display_name, NULL);

  if (version > (int) G_N_ELEMENTS (migrations))
    {
      g_set_error (error, VV_DB_ERROR, VV_DB_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Veiviser (database version %d; this "
                     "version knows up to %d). Update Veiviser to open it."),
                   self->display_name, version, (int) G_N_ELEMENTS (migrations));
      return FALSE;
    }
  self->version = version;
  self->fresh = n_objects == 0 && version == 0;
  return TRUE;
}

static gboolean
configure (VvDb    *self,
           GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  sqlite3_extended_result_codes (self->handle, 1);
  sqlite3_busy_timeout (self->handle, VV_DB_BUSY_TIMEOUT_MS);

  /* 16 KiB pages make bulk ledger imports about a fifth cheaper than the
   * 4 KiB default; it can only be chosen before the first table exists. */
  if (self->fresh && !vv_db_exec (self, "PRAGMA page_size = 16384", error))
    return FALSE;

  stmt = vv_db_prepare (self, "PRAGMA journal_mode = WAL", error);
  if (stmt == NULL)
    return FALSE;
  /* Switching a new file to WAL needs it to itself; another process
   * opening it at the same moment makes that fail at once with
   * SQLITE_BUSY, without the busy handler, so try again for a while. */
  for (gint64 deadline = g_get_monotonic_time () + VV_DB_BUSY_TIMEOUT_MS * 1000;;)
    {
      rc = sqlite3_step (stmt);
      if (((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED) ||
          g_get_monotonic_time () >= deadline)
        break;
      sqlite3_reset (stmt);
      g_usleep (10 * 1000);
    }
  if (rc != SQLITE_ROW)
    return vv_db_set_error (self, rc, error);
  if (g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") != 0)
    return set_error_code (error, VV_DB_ERROR_FAILED, self->display_name,
                           _("cannot switch to write-ahead logging"));

  /* synchronous=FULL in WAL mode costs one extra fsync of the WAL per commit.
   * Our writes are few, large transactions (one per saved case or per imported
   * ledger), so this is cheap, and it makes a saved case survive a power cut
   * or OS crash, not only an application crash (which NORMAL already covers). */
  return vv_db_exec (self,
                     "PRAGMA synchronous = FULL;"
                     "PRAGMA foreign_keys = ON;"
                     "PRAGMA journal_size_limit = 67108864;",
                     error);
}

/* Turns a result code of the chunk codec into @error. */
static gboolean
chunks_ok (VvDb    *self,
           int      rc,
           GError **error)
{
  return rc == SQLITE_OK || vv_db_set_error (self, rc, error);
}

/* Moves the lines of a version-3 file (one main.ledger_lines row each)
 * into chunks. Runs inside the migration's transaction. */
static gboolean
upgrade_ledger_lines (VvDb    *self,
                      GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  VvLedgerChunkWriter w;
  gint64 import_id = -1;
  int rc;

  stmt = vv_db_prepare (self, "SELECT id, year, period, ansvar, function, art, account_class, "
                              "amount_ore, text, raw FROM main.ledger_lines ORDER BY id", error);
  if (stmt == NULL || !chunks_ok (self, _vv_ledger_chunk_writer_init (&w, self->handle, 0), error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (id >> 32 != import_id)
        {
          if (!chunks_ok (self, _vv_ledger_chunk_writer_flush (&w), error))
            goto fail;
          import_id = w.import_id = id >> 32;
        }
      rc = _vv_ledger_chunk_writer_add (&w, (guint64) (id & MAX_LINE_NO), sqlite3_column_int (stmt, 1),
                                        sqlite3_column_int (stmt, 2), sqlite3_column_int (stmt, 6),
                                        (guint) sqlite3_column_int64 (stmt, 4),
                                        (guint) sqlite3_column_int64 (stmt, 5),
                                        sqlite3_column_int64 (stmt, 7),
                                        (const char *) sqlite3_column_text (stmt, 3),
                                        sqlite3_column_bytes (stmt, 3),
                                        (const char *) sqlite3_column_text (stmt, 8),
                                        sqlite3_column_bytes (stmt, 8),
                                        (const char *) sqlite3_column_text (stmt, 9),
                                        sqlite3_column_bytes (stmt, 9));
      if (!chunks_ok (self, rc, error))
        goto fail;
    }
  if (rc != SQLITE_DONE)
    {
      vv_db_set_error (self, rc, error);
      goto fail;
    }
  if (!chunks_ok (self, _vv_ledger_chunk_writer_flush (&w), error))
    goto fail;
  _vv_ledger_chunk_writer_clear (&w);
  return vv_db_exec (self, "DELETE FROM main.ledger_lines", error);

fail:
  _vv_ledger_chunk_writer_clear (&w);
  return FALSE;
}

/* Makes `ledger_lines` (the lines decoded from their chunks) visible to
 * SQL on this connection; every connection needs it. */
static gboolean
register_ledger_lines (VvDb    *self,
                       GError **error)
{
  if (!chunks_ok (self, _vv_ledger_chunks_create_module (self->handle), error))
    return FALSE;
  return vv_db_exec (self, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.ledger_lines USING vv_ledger_lines",
                     error);
}

/* Brings the file to the latest version in one transaction: a new file is
 * made in one commit (one sync of the log instead of one per version, which
 * a first start waited for before its window showed), and an upgrade that
 * fails leaves the file as it was, at its old version. */
static gboolean
migrate (VvDb    *self,
         GError **error)
{
  const int latest = (int) G_N_ELEMENTS (migrations);
  int now = 0;
  int next = 0;

  if (self->version >= latest)
    return TRUE;
  if (!vv_db_begin (self, error))
    return FALSE;
  /* another process may have upgraded the file while we waited for it */
  if (!query_int (self, "PRAGMA user_version", &now, error))
    {
      vv_db_rollback (self);
      return FALSE;
    }
  for (next = MAX (self->version, now) + 1; next <= latest; next++)
    {
      g_autofree char *sql = g_strdup_printf ("%s;PRAGMA application_id = %d;PRAGMA user_version = %d;",
                                              migrations[next - 1], (int) VV_DB_APPLICATION_ID,
                                              next);

      if (!vv_db_exec (self, sql, error) || (next == 4 && !upgrade_ledger_lines (self, error)))
        break;
    }
  if (next <= latest || !vv_db_commit (self, error))
    {
      vv_db_rollback (self);
      g_prefix_error (error, _("Upgrading the database to version %d failed: "), MIN (next, latest));
      return FALSE;
    }
  g_debug ("migrated %s from version %d to %d", self->path, MAX (self->version, now), latest);
  self->version = latest;
  return TRUE;
}

/* overrides */

static void
vv_db_finalize (GObject *object)
{
  VvDb *self = (VvDb *) object;

  if (self->depth > 0)
    {
      g_debug ("closing %s inside a transaction: rolling back", self->path);
      self->depth = 1;
      vv_db_rollback (self);
    }
  g_clear_pointer (&self->handle, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->display_name, g_free);

  G_OBJECT_CLASS (vv_db_parent_class)->finalize (object);
}

static void
vv_db_class_init (VvDbClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vv_db_finalize;
}

static void
vv_db_init (VvDb *self)
{
}

/* public API */

/**
 * vv_db_get_default_path:
 *
 * The database file: `$VEIVISER_DB` if set, otherwise
 * `g_get_user_data_dir()/veiviser/veiviser.db`.
 *
 * Returns: (transfer full): the path
 */
char *
vv_db_get_default_path (void)
{
  const char *env = g_getenv (VV_DB_ENV);

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "veiviser", "veiviser.db", NULL);
}

/**
 * vv_db_get_latest_version:
 *
 * Returns: the schema version this build creates and upgrades to
 */
int
vv_db_get_latest_version (void)
{
  return G_N_ELEMENTS (migrations);
}

/**
 * vv_db_open:
 * @path: (nullable): the database file, or %NULL for vv_db_get_default_path()
 * @error: return location for a #GError in %VV_DB_ERROR
 *
 * Opens (creating it if needed, with mode 0600 in a 0700 folder) and
 * upgrades the database. A file that is not ours is never changed: it gives
 * %VV_DB_ERROR_FOREIGN, %VV_DB_ERROR_CORRUPT or %VV_DB_ERROR_TOO_NEW.
 *
 * Returns: (transfer full) (nullable): the database
 */
VvDb *
vv_db_open (const char  *path,
            GError     **error)
{
  g_autoptr(VvDb) self = g_object_new (VV_TYPE_DB, NULL);
  int rc;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self->path = path != NULL ? g_strdup (path) : vv_db_get_default_path ();
  self->display_name = g_filename_display_name (self->path);

  if (!prepare_file (self->path, self->display_name, error))
    return NULL;

  /* NOMUTEX: a VvDb is used by one thread at a time (each worker opens its own). */
  rc = sqlite3_open_v2 (self->path, &self->handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      if (self->handle == NULL)
        set_error_code (error, VV_DB_ERROR_FAILED, self->display_name, sqlite3_errstr (rc));
      else
        vv_db_set_error (self, rc, error);
      return NULL;
    }

  /* before the first read: another process may be writing (or checkpointing) */
  sqlite3_busy_timeout (self->handle, VV_DB_BUSY_TIMEOUT_MS);
  for (gint64 deadline = g_get_monotonic_time () + (gint64) VV_DB_WRITE_WAIT_MS * 1000;;)
    {
      g_autoptr(GError) local_error = NULL;

      if (check_identity (self, &local_error) && configure (self, &local_error) &&
          migrate (self, &local_error) && register_ledger_lines (self, &local_error))
        break;
      /* Two processes opening a new file at once can meet in a lock that
       * SQLite reports at once instead of waiting (the first migration, a
       * read while the other switches to WAL): the steps are safe to repeat. */
      if (!g_error_matches (local_error, VV_DB_ERROR, VV_DB_ERROR_BUSY) ||
          g_get_monotonic_time () >= deadline)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_usleep (20 * 1000);
    }

  return g_steal_pointer (&self);
}

/**
 * vv_db_get_path:
 * @self: a #VvDb
 *
 * Returns: the file name
 */
const char *
vv_db_get_path (VvDb *self)
{
  g_return_val_if_fail (VV_IS_DB (self), NULL);

  return self->path;
}

/**
 * vv_db_get_handle:
 * @self: a #VvDb
 *
 * Returns: (transfer none): the SQLite connection
 */
sqlite3 *
vv_db_get_handle (VvDb *self)
{
  g_return_val_if_fail (VV_IS_DB (self), NULL);

  return self->handle;
}

/**
 * vv_db_get_version:
 * @self: a #VvDb
 *
 * Returns: the schema version (`PRAGMA user_version`) of the open file
 */
int
vv_db_get_version (VvDb *self)
{
  g_return_val_if_fail (VV_IS_DB (self), 0);

  return self->version;
}

/**
 * vv_db_set_error:
 * @self: a #VvDb
 * @rc: an SQLite result code
 * @error: return location for a #GError
 *
 * Sets @error from @rc and the connection's last message, naming the file.
 *
 * Returns: %FALSE, so that callers can `return vv_db_set_error (…)`
 */
gboolean
vv_db_set_error (VvDb    *self,
                 int      rc,
                 GError **error)
{
  const char *detail;

  g_return_val_if_fail (VV_IS_DB (self), FALSE);

  detail = self->handle != NULL && sqlite3_errcode (self->handle) == rc
           ? sqlite3_errmsg (self->handle) : sqlite3_errstr (rc);
  return set_error_code (error, code_from_sqlite (rc), self->display_name, detail);
}

/**
 * vv_db_exec:
 * @self: a #VvDb
 * @sql: one or more SQL statements without results
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
vv_db_exec (VvDb        *self,
            const char  *sql,
            GError     **error)
{
  int rc;

  g_return_val_if_fail (VV_IS_DB (self), FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  rc = sqlite3_exec (self->handle, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return vv_db_set_error (self, rc, error);
  return TRUE;
}

/**
 * vv_db_prepare:
 * @self: a #VvDb
 * @sql: one SQL statement
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the statement; free with sqlite3_finalize()
 */
sqlite3_stmt *
vv_db_prepare (VvDb        *self,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (VV_IS_DB (self), NULL);

  rc = sqlite3_prepare_v2 (self->handle, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      vv_db_set_error (self, rc, error);
      return NULL;
    }
  return stmt;
}

/**
 * vv_db_begin:
 * @self: a #VvDb
 * @error: return location for a #GError
 *
 * Starts a write transaction (`BEGIN IMMEDIATE`), or a savepoint when one
 * is already open, so that functions that use a transaction can be called
 * inside a larger one. Pair with vv_db_commit() or vv_db_rollback().
 *
 * Returns: %TRUE on success
 */
gboolean
vv_db_begin (VvDb    *self,
             GError **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (VV_IS_DB (self), FALSE);

  if (self->depth == 0)
    {
      gint64 deadline = g_get_monotonic_time () + (gint64) VV_DB_WRITE_WAIT_MS * 1000;
      int rc;

      /* One writer at a time: SQLite's busy handler waits up to
       * VV_DB_BUSY_TIMEOUT_MS for the write lock, but a large import holds it
       * longer, so a second writer keeps trying until VV_DB_WRITE_WAIT_MS. */
      while ((rc = sqlite3_exec (self->handle, "BEGIN IMMEDIATE", NULL, NULL, NULL)) != SQLITE_OK)
        {
          if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
            return vv_db_set_error (self, rc, error);
          if (g_get_monotonic_time () >= deadline)
            {
              g_set_error (error, VV_DB_ERROR, VV_DB_ERROR_BUSY,
                           _("“%s” is busy: another program has been writing to it for more "
                             "than %d seconds. Try again when it has finished."),
                           self->display_name, VV_DB_WRITE_WAIT_MS / 1000);
              return FALSE;
            }
          g_usleep (20 * 1000);
        }
      self->depth++;
      return TRUE;
    }
  sql = g_strdup_printf ("SAVEPOINT vv_%u", self->depth);
  if (!vv_db_exec (self, sql, error))
    return FALSE;
  self->depth++;
  return TRUE;
}

/**
 * vv_db_commit:
 * @self: a #VvDb
 * @error: return location for a #GError
 *
 * Commits the innermost transaction. On failure the transaction is still
 * open: call vv_db_rollback().
 *
 * Returns: %TRUE on success
 */
gboolean
vv_db_commit (VvDb    *self,
              GError **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (VV_IS_DB (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth == 1)
    sql = g_strdup ("COMMIT");
  else
    sql = g_strdup_printf ("RELEASE vv_%u", self->depth - 1);
  if (!vv_db_exec (self, sql, error))
    return FALSE;
  self->depth--;
  return TRUE;
}

/**
 * vv_db_rollback:
 * @self: a #VvDb
 *
 * Undoes the innermost transaction.
 */
void
vv_db_rollback (VvDb *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (VV_IS_DB (self));
  g_return_if_fail (self->depth > 0);

  if (self->depth == 1)
    sql = g_strdup ("ROLLBACK");
  else
    sql = g_strdup_printf ("ROLLBACK TO vv_%u; RELEASE vv_%u", self->depth - 1, self->depth - 1);
  if (sqlite3_exec (self->handle, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_debug ("rollback on %s: %s", self->path, sqlite3_errmsg (self->handle));
  self->depth--;
}

/**
 * vv_db_in_transaction:
 * @self: a #VvDb
 *
 * Returns: %TRUE if a transaction started by vv_db_begin() is open
 */
gboolean
vv_db_in_transaction (VvDb *self)
{
  g_return_val_if_fail (VV_IS_DB (self), FALSE);

  return self->depth > 0;
}

/* The first row a checking pragma gives, as an error unless it is "ok". */
static gboolean
check_pragma (VvDb        *self,
              const char  *pragma,
              const char  *table,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char *sql;
  const char *first;
  int rc;

  if (table != NULL)
    sql = sqlite3_mprintf ("PRAGMA %s(\"%w\")", pragma, table);
  else
    sql = sqlite3_mprintf ("PRAGMA %s", pragma);
  stmt = vv_db_prepare (self, sql, error);
  sqlite3_free (sql);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return vv_db_set_error (self, rc, error);
  first = (const char *) sqlite3_column_text (stmt, 0);
  if (g_strcmp0 (first, "ok") != 0)
    return set_error_code (error, VV_DB_ERROR_CORRUPT, self->display_name, first);
  return TRUE;
}

/* The first row `PRAGMA foreign_key_check` reports, as an error. */
static gboolean
check_foreign_keys (VvDb    *self,
                    GError **error)
{
  g_autoptr(sqlite3_stmt) fk = NULL;
  int rc;

  fk = vv_db_prepare (self, "PRAGMA foreign_key_check", error);
  if (fk == NULL)
    return FALSE;
  rc = sqlite3_step (fk);
  if (rc == SQLITE_ROW)
    {
      g_autofree char *detail = g_strdup_printf (_("a row in “%s” points to a missing row in “%s”"),
                                                 sqlite3_column_text (fk, 0),
                                                 sqlite3_column_text (fk, 2));
      return set_error_code (error, VV_DB_ERROR_CORRUPT, self->display_name, detail);
    }
  if (rc != SQLITE_DONE)
    return vv_db_set_error (self, rc, error);
  return TRUE;
}

/**
 * vv_db_quick_check:
 * @self: a #VvDb
 * @error: return location for a #GError
 *
 * Runs `PRAGMA quick_check`: every page is read and every b-tree checked,
 * without the slower index cross-checks of vv_db_integrity_check(). Call it
 * once before writing to a file that has been opened (the app at start, the
 * command line before an import), so that damage is found before anything
 * is added to it.
 *
 * Returns: %TRUE if the file is sound; otherwise %VV_DB_ERROR_CORRUPT
 */
gboolean
vv_db_quick_check (VvDb    *self,
                   GError **error)
{
  g_return_val_if_fail (VV_IS_DB (self), FALSE);

  return check_pragma (self, "quick_check(1)", NULL, error);
}

/**
 * vv_db_integrity_check:
 * @self: a #VvDb
 * @error: return location for a #GError
 *
 * Runs `PRAGMA integrity_check` and `PRAGMA foreign_key_check`.
 *
 * Returns: %TRUE if the file is sound; otherwise %VV_DB_ERROR_CORRUPT
 *   with the first problem found
 */
gboolean
vv_db_integrity_check (VvDb    *self,
                       GError **error)
{
  g_return_val_if_fail (VV_IS_DB (self), FALSE);

  return check_pragma (self, "integrity_check", NULL, error) &&
         check_foreign_keys (self, error);
}

/* How often (in SQLite virtual-machine steps) a running check looks at
 * its GCancellable and says how far it has come. */
#define CHECK_STEPS 1000

/* The estimate of a check's work, in rows: the virtual machine takes about
 * CHECK_STEPS_PER_ROW steps for each row it checks (and for each index
 * entry), and walking a page of the file costs about as much as
 * CHECK_ROWS_PER_PAGE rows, without any steps (SQLite walks the b-trees in
 * one instruction). Measured on SQLite 3.40; only the progress figure
 * depends on them. */
#define CHECK_STEPS_PER_ROW 8
#define CHECK_ROWS_PER_PAGE 16

typedef struct
{
  GCancellable     *cancellable;
  VvDbProgressFunc  func;
  gpointer          data;
  double            total;        /* rows: the whole check */
  double            done;         /* rows: the parts finished */
  double            part;         /* rows: the part running */
  double            part_steps;   /* steps the running part is expected to take */
  double            steps;        /* steps it has taken */
  double            reported;     /* the last fraction reported, -1 before the first */
} CheckProgress;

static void
check_report (CheckProgress *progress,
              double         fraction)
{
  fraction = CLAMP (fraction, 0.0, 1.0);
  if (progress->func == NULL || fraction <= progress->reported)
    return;
  /* a thousandth at a time, and 0 and 1 always */
  if (fraction < 1.0 && progress->reported >= 0 && fraction < progress->reported + 0.001)
    return;
  progress->reported = fraction;
  progress->func (fraction, progress->data);
}

static int
check_progress_cb (void *user_data)
{
  CheckProgress *progress = user_data;
  double within;

  if (progress->cancellable != NULL && g_cancellable_is_cancelled (progress->cancellable))
    return 1;
  progress->steps += CHECK_STEPS;
  /* a part's last hundredth waits for its end, so that the figure never goes back */
  within = MIN (progress->steps / progress->part_steps, 0.99);
  if (progress->total > 0)
    check_report (progress, (progress->done + within * progress->part) / progress->total);
  return 0;
}

static void
check_part_begin (CheckProgress *progress,
                  double         rows,
                  double         steps)
{
  progress->part = rows;
  progress->part_steps = MAX (steps, 1.0);
  progress->steps = 0;
}

static void
check_part_end (CheckProgress *progress)
{
  progress->done += progress->part;
  progress->part = 0;
  if (progress->total > 0)
    check_report (progress, MIN (progress->done / progress->total, 0.999));
}

/* Runs `PRAGMA NAME` or `PRAGMA NAME("TABLE")`, whose first row is "ok"
 * for a sound file. */
typedef struct
{
  char   *name;
  double  rows;
  int     n_indexes;
  int     n_foreign_keys;
} CheckTable;

static void
check_table_clear (CheckTable *table)
{
  g_free (table->name);
}

/* The tables, with their rows, indexes and foreign keys. A table that
 * cannot be counted (damage) counts as empty: the quick check that comes
 * first says what is wrong. */
static GArray *
check_list_tables (VvDb *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GArray *tables = g_array_new (FALSE, TRUE, sizeof (CheckTable));

  g_array_set_clear_func (tables, (GDestroyNotify) check_table_clear);
  if (sqlite3_prepare_v2 (self->handle,
                          "SELECT m.name,"
                          " (SELECT count(*) FROM sqlite_schema i"
                          "  WHERE i.type = 'index' AND i.tbl_name = m.name),"
                          " (SELECT count(*) FROM pragma_foreign_key_list (m.name))"
                          " FROM sqlite_schema m"
                          " WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                          " ORDER BY m.rootpage",
                          -1, &stmt, NULL) != SQLITE_OK)
    return tables;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CheckTable table = { 0 };
      g_autoptr(sqlite3_stmt) count = NULL;
      char *sql;

      table.name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      table.n_indexes = sqlite3_column_int (stmt, 1);
      table.n_foreign_keys = sqlite3_column_int (stmt, 2);
      sql = sqlite3_mprintf ("SELECT count(*) FROM \"%w\"", table.name);
      if (sqlite3_prepare_v2 (self->handle, sql, -1, &count, NULL) == SQLITE_OK &&
          sqlite3_step (count) == SQLITE_ROW)
        table.rows = (double) sqlite3_column_int64 (count, 0);
      sqlite3_free (sql);
      g_array_append_val (tables, table);
    }
  return tables;
}

/* The quick check, then for the full one each table's index entries
 * (`PRAGMA integrity_check(TABLE)`, the part of integrity_check that
 * quick_check leaves out) and the foreign keys: a part at a time, so that
 * progress can be reported between them, in one read transaction. */
static gboolean
check_parts (VvDb           *self,
             VvDbCheck       check,
             CheckProgress  *progress,
             GError        **error)
{
  g_autoptr(GArray) tables = NULL;
  double all_rows = 0;
  int pages = 0;
  gboolean ok = TRUE;

  if (!vv_db_exec (self, "BEGIN", error))
    return FALSE;
  if (!query_int (self, "PRAGMA page_count", &pages, error))
    {
      sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  tables = check_list_tables (self);
  for (guint i = 0; i < tables->len; i++)
    {
      CheckTable *table = &g_array_index (tables, CheckTable, i);

      all_rows += table->rows;
      if (check == VV_DB_CHECK_FULL)
        progress->total += table->rows * (table->n_indexes + table->n_foreign_keys);
    }
  progress->total += (double) pages * CHECK_ROWS_PER_PAGE + all_rows;
  check_report (progress, 0.0);

  check_part_begin (progress, (double) pages * CHECK_ROWS_PER_PAGE + all_rows,
                    all_rows * CHECK_STEPS_PER_ROW);
  ok = check_pragma (self, "quick_check(1)", NULL, error);
  check_part_end (progress);

  for (guint i = 0; ok && check == VV_DB_CHECK_FULL && i < tables->len; i++)
    {
      CheckTable *table = &g_array_index (tables, CheckTable, i);

      if (table->n_indexes == 0)
        continue;   /* the quick check read all there is */
      check_part_begin (progress, table->rows * table->n_indexes,
                        table->rows * (1 + table->n_indexes) * CHECK_STEPS_PER_ROW);
      ok = check_pragma (self, "integrity_check", table->name, error);
      check_part_end (progress);
    }

  if (ok && check == VV_DB_CHECK_FULL)
    {
      double fk_rows = 0;

      for (guint i = 0; i < tables->len; i++)
        {
          CheckTable *table = &g_array_index (tables, CheckTable, i);

          fk_rows += table->rows * table->n_foreign_keys;
        }
      check_part_begin (progress, fk_rows, fk_rows * CHECK_STEPS_PER_ROW);
      ok = check_foreign_keys (self, error);
      check_part_end (progress);
    }

  sqlite3_exec (self->handle, "COMMIT", NULL, NULL, NULL);
  return ok;
}

/**
 * vv_db_check_file:
 * @path: (nullable): the database file, or %NULL for vv_db_get_default_path()
 * @check: %VV_DB_CHECK_QUICK or %VV_DB_CHECK_FULL
 * @progress_func: (nullable) (scope call): called in this thread with the
 *   part done, from 0 to 1 (1 only when the file is sound)
 * @progress_data: for @progress_func
 * @cancellable: (nullable): stops a long check
 * @error: return location for a #GError
 *
 * Checks a database file on a connection of its own, which never creates,
 * upgrades or writes the file (other connections, in this or another
 * process, may stay open meanwhile). The full check reads every index
 * entry too and can take a while on a large file: run it with
 * vv_db_check_file_async() from the main thread.
 *
 * Returns: %TRUE if the file is a sound Veiviser database; otherwise
 *   %VV_DB_ERROR_CORRUPT naming the first problem (or %VV_DB_ERROR_FOREIGN,
 *   %VV_DB_ERROR_TOO_NEW, %VV_DB_ERROR_FAILED for a missing file), or
 *   %G_IO_ERROR_CANCELLED
 */
gboolean
vv_db_check_file (const char       *path,
                  VvDbCheck         check,
                  VvDbProgressFunc  progress_func,
                  gpointer          progress_data,
                  GCancellable     *cancellable,
                  GError          **error)
{
  g_autoptr(VvDb) self = g_object_new (VV_TYPE_DB, NULL);
  g_autoptr(GError) local_error = NULL;
  CheckProgress progress = { cancellable, progress_func, progress_data, 0, 0, 0, 1, 0, -1 };
  struct stat st;
  int flags = SQLITE_OPEN_NOMUTEX;
  int rc;
  gboolean ok;

  g_return_val_if_fail (check == VV_DB_CHECK_QUICK || check == VV_DB_CHECK_FULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self->path = path != NULL ? g_strdup (path) : vv_db_get_default_path ();
  self->display_name = g_filename_display_name (self->path);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (g_stat (self->path, &st) != 0)
    return set_errno_error (error, errno, self->display_name);
  if (!S_ISREG (st.st_mode))
    return set_error_code (error, VV_DB_ERROR_CORRUPT, self->display_name, _("not a regular file"));
  /* read-write without CREATE, so that the write-ahead log is folded back
   * and removed on close as usual; read-only when that is all we may do */
  flags |= access (self->path, W_OK) == 0 ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY;
  rc = sqlite3_open_v2 (self->path, &self->handle, flags, NULL);
  if (rc != SQLITE_OK)
    {
      if (self->handle == NULL)
        return set_error_code (error, VV_DB_ERROR_FAILED, self->display_name, sqlite3_errstr (rc));
      return vv_db_set_error (self, rc, error);
    }
  sqlite3_busy_timeout (self->handle, VV_DB_BUSY_TIMEOUT_MS);
  /* checks only read: never write to a file that may be damaged */
  sqlite3_exec (self->handle, "PRAGMA query_only = ON", NULL, NULL, NULL);
  sqlite3_progress_handler (self->handle, CHECK_STEPS, check_progress_cb, &progress);

  ok = check_identity (self, &local_error) && check_parts (self, check, &progress, &local_error);
  sqlite3_progress_handler (self->handle, 0, NULL, NULL);

  if (!ok)
    {
      /* an interrupted statement fails with SQLITE_INTERRUPT */
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  check_report (&progress, 1.0);
  return TRUE;
}

typedef struct
{
  char             *path;
  VvDbCheck         check;
  VvDbProgressFunc  progress_func;
  gpointer          progress_data;
} CheckData;

static void
check_data_free (CheckData *data)
{
  g_free (data->path);
  g_free (data);
}

typedef struct
{
  GTask  *task;
  double  fraction;
} CheckProgressIdle;

static void
check_progress_idle_free (gpointer user_data)
{
  CheckProgressIdle *idle = user_data;

  g_object_unref (idle->task);
  g_free (idle);
}

/* in the caller's main context; nothing after the task's callback */
static gboolean
check_progress_idle_cb (gpointer user_data)
{
  CheckProgressIdle *idle = user_data;
  CheckData *data = g_task_get_task_data (idle->task);

  if (!g_task_get_completed (idle->task))
    data->progress_func (idle->fraction, data->progress_data);
  return G_SOURCE_REMOVE;
}

/* in the worker thread */
static void
check_thread_progress_cb (double   fraction,
                          gpointer user_data)
{
  GTask *task = user_data;
  CheckProgressIdle *idle = g_new0 (CheckProgressIdle, 1);
  g_autoptr(GSource) source = g_idle_source_new ();

  idle->task = g_object_ref (task);
  idle->fraction = fraction;
  /* not g_main_context_invoke(): with the global default context this
   * thread could acquire it and call the function here */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, check_progress_idle_cb, idle, check_progress_idle_free);
  g_source_set_static_name (source, "vv_db_check_file_async progress");
  g_source_attach (source, g_task_get_context (task));
}

static void
check_file_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  CheckData *data = task_data;
  GError *error = NULL;

  if (vv_db_check_file (data->path, data->check,
                        data->progress_func != NULL ? check_thread_progress_cb : NULL, task,
                        cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * vv_db_check_file_async:
 * @path: (nullable): the database file, or %NULL for vv_db_get_default_path()
 * @check: %VV_DB_CHECK_QUICK or %VV_DB_CHECK_FULL
 * @progress_func: (nullable): called in the thread-default main context,
 *   before @callback, with the part done from 0 to 1
 * @progress_data: for @progress_func; must stay valid until @callback
 * @cancellable: (nullable): stops the check; it then fails with
 *   %G_IO_ERROR_CANCELLED
 * @callback: called in the thread-default main context when done
 * @user_data: for @callback
 *
 * Runs vv_db_check_file() in a worker thread.
 */
void
vv_db_check_file_async (const char          *path,
                        VvDbCheck            check,
                        VvDbProgressFunc     progress_func,
                        gpointer             progress_data,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CheckData *data;

  g_return_if_fail (check == VV_DB_CHECK_QUICK || check == VV_DB_CHECK_FULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (CheckData, 1);
  data->path = path != NULL ? g_strdup (path) : vv_db_get_default_path ();
  data->check = check;
  data->progress_func = progress_func;
  data->progress_data = progress_data;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, vv_db_check_file_async);
  g_task_set_name (task, "vv_db_check_file_async");
  g_task_set_task_data (task, data, (GDestroyNotify) check_data_free);
  /* the check looks at the cancellable itself and says so in its error */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, check_file_thread);
}

/**
 * vv_db_check_file_finish:
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the file is sound; otherwise see vv_db_check_file()
 */
gboolean
vv_db_check_file_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == vv_db_check_file_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * vv_db_backup_and_reset:
 * @path: (nullable): the database file, or %NULL for the default one
 * @backup_path: (out) (optional) (transfer full): where the old file went
 * @error: return location for a #GError
 *
 * Keeps a copy of a damaged, foreign or too new file and starts fresh:
 * the file (with its “-wal” journal) is renamed to
 * `NAME.broken-YYYYMMDD-HHMMSS`, so that the next vv_db_open() creates a
 * new, empty database. Close every #VvDb on @path first.
 *
 * Returns: %TRUE on success
 */
gboolean
vv_db_backup_and_reset (const char  *path,
                        char       **backup_path,
                        GError     **error)
{
  g_autofree char *file = path != NULL ? g_strdup (path) : vv_db_get_default_path ();
  g_autofree char *display_name = g_filename_display_name (file);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *backup = g_strdup_printf ("%s.broken-%s", file, stamp);
  static const char * const suffixes[] = { "-wal", "-journal" };

  for (guint n = 2; g_file_test (backup, G_FILE_TEST_EXISTS); n++)
    {
      g_free (backup);
      backup = g_strdup_printf ("%s.broken-%s-%u", file, stamp, n);
    }

  if (g_rename (file, backup) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        {
          if (backup_path != NULL)
            *backup_path = NULL;
          return TRUE;
        }
      return set_errno_error (error, saved_errno, display_name);
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (file, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (backup, suffixes[i], NULL);

      if (g_rename (from, to) != 0 && errno != ENOENT)
        g_debug ("could not move %s aside: %s", from, g_strerror (errno));
    }
  {
    g_autofree char *shm = g_strconcat (file, "-shm", NULL);

    if (g_unlink (shm) != 0 && errno != ENOENT)
      g_debug ("could not remove %s: %s", shm, g_strerror (errno));
  }

  if (backup_path != NULL)
    *backup_path = g_steal_pointer (&backup);
  return TRUE;
}
