/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-ledger-session"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "vv-ledger-reader-private.h"
#include "vv-ledger-session-private.h"

/* Progress is read from the worker ten times a second, not on every chunk. */
#define PROGRESS_INTERVAL_MS 100

struct _VvLedgerSession
{
  GObject         parent_instance;

  /* Owned */
  VvDb           *db;            /* the user's database; NULL for file splits only */
  VvDb           *sample_db;     /* opened when the sample is shown */
  VvRules        *rules;
  char           *sample_path;
  VvSplit        *split;
  VvUnits        *units;
  VvLedgerImport *import;
  GPtrArray      *rejects;       /* VvStoredReject */
  GTask          *task;          /* the running step, if any */
  guint           progress_id;
  double          progress;
  gboolean        sample;
};

G_DEFINE_FINAL_TYPE (VvLedgerSession, vv_ledger_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DB,
  PROP_RULES,
  PROP_BUSY,
  PROP_PROGRESS,
  PROP_SPLIT,
  PROP_IMPORT_ID,
  PROP_SAMPLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  IMPORTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum {
  OP_IMPORT,
  OP_REPLACE,
  OP_SPLIT,
  OP_SPLIT_FILE,
  OP_SAMPLE,
  OP_SET_UNIT,
} Op;

typedef struct
{
  Op                   op;
  char                *db_path;     /* the database the worker opens */
  VvRules             *rules;
  char                *path;        /* the ledger file */
  char                *units_path;  /* a units register file to store */
  VvLedgerReader      *reader;
  VvUnits             *file_units;  /* split_file: the units to split by */
  int                  year;
  gint64               import_id;   /* in: the import to split; out: the import made */
  gint64               earlier_id;  /* replace: the import to replace */
  char                *ansvar;
  char                *name;
  char                *allocation;  /* NULL: remove the unit */
  char                *citation;    /* NULL: kept while the allocation stays */
  char                *guide;       /* NULL: kept */

  /* the caller's callback, run after the session has taken the result */
  GAsyncReadyCallback  callback;
  gpointer             user_data;

  /* progress, written by the worker */
  GMutex               mutex;
  guint64              done;
  guint64              total;
  gboolean             splitting;

  /* results, read in the main thread once the worker is done */
  VvSplit             *split;
  VvUnits             *units;
  VvLedgerImport      *import;
  GPtrArray           *rejects;
  guint64              n_rejects;
  VvStoredUnit        *previous;
} TaskData;

/* helpers */

static void
task_data_free (TaskData *data)
{
  g_free (data->db_path);
  g_clear_object (&data->rules);
  g_free (data->path);
  g_free (data->units_path);
  g_clear_object (&data->reader);
  g_clear_object (&data->file_units);
  g_free (data->ansvar);
  g_free (data->name);
  g_free (data->allocation);
  g_free (data->citation);
  g_free (data->guide);
  g_mutex_clear (&data->mutex);
  g_clear_object (&data->split);
  g_clear_object (&data->units);
  g_clear_pointer (&data->import, vv_ledger_import_free);
  g_clear_pointer (&data->rejects, g_ptr_array_unref);
  g_clear_pointer (&data->previous, vv_stored_unit_free);
  g_free (data);
}

static VvStoredReject *
reject_new (guint64     line_no,
            const char *field,
            const char *message)
{
  VvStoredReject *r = g_new0 (VvStoredReject, 1);

  r->line_no = line_no;
  r->field = g_strdup (field);
  r->message = g_strdup (message);
  return r;
}

/* The database steps work on: the sample's while it is shown. */
VvDb *
_vv_ledger_session_get_active_db (VvLedgerSession *self)
{
  return self->sample ? self->sample_db : self->db;
}

static char *
default_sample_path (VvDb *db)
{
  g_autofree char *dir = NULL;

  if (db == NULL)
    return NULL;
  dir = g_path_get_dirname (vv_db_get_path (db));
  return g_build_filename (dir, "sample-ledger.db", NULL);
}

static void
set_progress (VvLedgerSession *self,
              double           progress)
{
  if (self->progress == progress)
    return;
  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

static gboolean
progress_timeout_cb (gpointer user_data)
{
  VvLedgerSession *self = user_data;
  TaskData *data;
  double progress;

  if (self->task == NULL)
    return G_SOURCE_CONTINUE;
  data = g_task_get_task_data (self->task);
  g_mutex_lock (&data->mutex);
  if (data->splitting)
    progress = -1.0;
  else
    progress = data->total > 0 ? (double) data->done / (double) data->total : 0.0;
  g_mutex_unlock (&data->mutex);
  set_progress (self, progress);
  return G_SOURCE_CONTINUE;
}

static void
set_busy (VvLedgerSession *self,
          GTask           *task)
{
  if (self->task == task)
    return;
  g_set_object (&self->task, task);
  if (task != NULL)
    {
      set_progress (self, 0.0);
      if (self->progress_id == 0)
        self->progress_id = g_timeout_add (PROGRESS_INTERVAL_MS, progress_timeout_cb, self);
    }
  else
    g_clear_handle_id (&self->progress_id, g_source_remove);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* worker thread */

static void
worker_progress_cb (guint64  done,
                    guint64  total,
                    gpointer user_data)
{
  TaskData *data = user_data;

  g_mutex_lock (&data->mutex);
  data->done = done;
  data->total = total;
  g_mutex_unlock (&data->mutex);
}

static void
set_splitting (TaskData *data)
{
  g_mutex_lock (&data->mutex);
  data->splitting = TRUE;
  g_mutex_unlock (&data->mutex);
}

static gboolean
split_line_cb (const VvLedgerLine *line,
               gpointer            user_data)
{
  vv_split_add_line (user_data, line);
  return TRUE;
}

static gboolean
split_file_line_cb (const VvLedgerLine *line,
                    gpointer            user_data)
{
  TaskData *data = user_data;

  vv_split_add_line (data->split, line);
  return TRUE;
}

static void
split_reject_cb (guint64     line_no,
                 const char *field,
                 const char *message,
                 gpointer    user_data)
{
  TaskData *data = user_data;

  vv_split_add_reject (data->split, line_no, field, message);
  if (++data->n_rejects <= VV_LEDGER_SESSION_MAX_REJECTS)
    g_ptr_array_add (data->rejects, reject_new (line_no, field, message));
}

/* Reloads the units register and splits the lines of data->import_id. */
static gboolean
split_stored (VvDb          *db,
              TaskData      *data,
              GCancellable  *cancellable,
              GError       **error)
{
  set_splitting (data);
  data->import = vv_ledger_store_get_import (db, data->import_id, error);
  if (data->import == NULL)
    return FALSE;
  data->units = vv_ledger_store_load_units (db, data->rules, error);
  if (data->units == NULL)
    return FALSE;
  data->split = vv_split_new (data->rules, data->units);
  if (!vv_ledger_store_foreach_line (db, data->import_id, split_line_cb, data->split,
                                     cancellable, error))
    return FALSE;
  data->rejects = vv_ledger_store_get_rejects (db, data->import_id, error);
  if (data->rejects == NULL)
    return FALSE;
  for (guint i = 0; i < data->rejects->len; i++)
    {
      const VvStoredReject *r = g_ptr_array_index (data->rejects, i);

      vv_split_add_reject (data->split, r->line_no, r->field, r->message);
    }
  data->n_rejects = data->rejects->len;
  vv_split_finish (data->split);
  if (!vv_split_check_sums (data->split, data->import->file_name, error))
    return FALSE;
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static gboolean
store_units (VvDb     *db,
             VvUnits  *units,
             GError  **error)
{
  if (!vv_db_begin (db, error))
    return FALSE;
  for (guint i = 0; i < vv_units_get_n_units (units); i++)
    {
      const VvUnit *u = vv_units_get_unit (units, i);
      g_autofree char *alloc = vv_allocation_to_string (u->allocations);

      if (!vv_ledger_store_set_unit (db, u->ansvar, u->name, alloc, 0, error))
        {
          vv_db_rollback (db);
          return FALSE;
        }
    }
  if (!vv_db_commit (db, error))
    {
      vv_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

/* Stores the file (all or nothing), then the units read from units_path;
 * when those cannot be stored the import is taken back. */
static gboolean
import_file (VvDb          *db,
             TaskData      *data,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(VvUnits) units = NULL;

  /* A bad register is refused before anything is written. */
  if (data->units_path != NULL &&
      (units = vv_units_new_from_file (data->rules, data->units_path, error)) == NULL)
    return FALSE;
  if (data->op == OP_REPLACE)
    {
      if (!vv_db_begin (db, error))
        return FALSE;
      if (!vv_ledger_store_delete_import (db, data->earlier_id, error) ||
          !vv_ledger_store_import (db, data->path, data->reader, worker_progress_cb, data,
                                   cancellable, &data->import_id, error) ||
          !vv_db_commit (db, error))
        {
          vv_db_rollback (db);
          return FALSE;
        }
    }
  else if (!vv_ledger_store_import (db, data->path, data->reader, worker_progress_cb, data,
                                    cancellable, &data->import_id, error))
    return FALSE;
  if (data->op != OP_REPLACE && g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      vv_ledger_store_delete_import (db, data->import_id, NULL);
      data->import_id = 0;
      return FALSE;
    }
  if (units != NULL && !store_units (db, units, error))
    {
      vv_ledger_store_delete_import (db, data->import_id, NULL);
      data->import_id = 0;
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_unit (VvDb      *db,
          TaskData  *data,
          GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  const VvStoredUnit *previous;
  VvStoredUnit unit = { 0 };

  data->previous = vv_ledger_store_get_unit (db, data->ansvar, &local_error);
  previous = data->previous;
  if (data->previous == NULL &&
      !g_error_matches (local_error, VV_LEDGER_STORE_ERROR, VV_LEDGER_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (data->allocation == NULL)
    return data->previous == NULL || vv_ledger_store_delete_unit (db, data->ansvar, error);
  unit.ansvar = data->ansvar;
  unit.name = data->name != NULL ? data->name : previous != NULL ? previous->name : NULL;
  unit.allocation = data->allocation;
  unit.case_id = previous != NULL ? previous->case_id : 0;
  /* A citation stands only for the Fordeling it was given with. */
  if (data->citation != NULL)
    unit.citation = data->citation;
  else if (previous != NULL && g_strcmp0 (previous->allocation, data->allocation) == 0)
    unit.citation = previous->citation;
  unit.guide = data->guide != NULL ? data->guide : previous != NULL ? previous->guide : NULL;
  return vv_ledger_store_put_unit (db, &unit, error);
}

static gboolean
split_file (TaskData      *data,
            GCancellable  *cancellable,
            GError       **error)
{
  gboolean ok;

  data->split = vv_split_new (data->rules, data->file_units);
  vv_split_set_year (data->split, data->year);
  data->rejects = g_ptr_array_new_with_free_func ((GDestroyNotify) vv_stored_reject_free);
  _vv_ledger_reader_set_split_only (data->reader, TRUE);
  ok = vv_ledger_reader_read (data->reader, data->path, split_file_line_cb, split_reject_cb,
                              worker_progress_cb, data, cancellable, error);
  _vv_ledger_reader_set_split_only (data->reader, FALSE);
  if (!ok)
    return FALSE;
  set_splitting (data);
  vv_split_finish (data->split);
  if (!vv_split_check_sums (data->split, data->path, error))
    return FALSE;
  if (data->file_units != NULL)
    data->units = g_object_ref (data->file_units);
  return TRUE;
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(VvDb) db = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;

  if (data->op == OP_SPLIT_FILE)
    {
      if (split_file (data, cancellable, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->op == OP_SAMPLE)
    {
      /* The sample is made afresh each time: nothing of an earlier one stays. */
      for (const char *suffix = ""; suffix != NULL; suffix = *suffix ? NULL : "-wal")
        {
          g_autofree char *file = g_strconcat (data->db_path, suffix, NULL);

          g_unlink (file);
        }
    }

  /* Each thread has its own connection. */
  db = vv_db_open (data->db_path, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  switch (data->op)
    {
    case OP_IMPORT:
    case OP_REPLACE:
    case OP_SAMPLE:
      if (!import_file (db, data, cancellable, &error))
        break;
      if (data->op == OP_REPLACE)
        {
          /* The earlier import is gone: nothing to go back to. */
          ok = split_stored (db, data, NULL, &error);
          break;
        }
      /* Cancelled once the lines are stored, the import is taken back, so
       * that "cancelled" always means "nothing was changed". */
      ok = split_stored (db, data, data->units_path == NULL ? cancellable : NULL, &error);
      if (!ok && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          vv_ledger_store_delete_import (db, data->import_id, NULL);
          data->import_id = 0;
        }
      break;
    case OP_SPLIT:
      ok = split_stored (db, data, cancellable, &error);
      break;
    case OP_SET_UNIT:
      ok = set_unit (db, data, &error) &&
           (data->import_id <= 0 || split_stored (db, data, NULL, &error));
      break;
    case OP_SPLIT_FILE:
    default:
      g_assert_not_reached ();
    }
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* callbacks */

/* In the main thread: the session takes the step's result, then the
 * caller's callback runs with the same result. */
static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  VvLedgerSession *self = VV_LEDGER_SESSION (source);
  GTask *task = G_TASK (result);
  TaskData *data = g_task_get_task_data (task);
  gint64 old_id = vv_ledger_session_get_import_id (self);

  /* A step refused because another one runs leaves that one alone. */
  if (self->task != task)
    {
      if (data->callback != NULL)
        data->callback (source, result, data->user_data);
      return;
    }

  g_object_freeze_notify (G_OBJECT (self));
  if (data->split != NULL && !g_task_had_error (task))
    {
      gboolean sample = data->op == OP_SAMPLE ||
                        (data->op != OP_IMPORT && data->op != OP_REPLACE && self->sample);

      if (data->op == OP_SAMPLE && self->sample_db == NULL)
        {
          g_autoptr(GError) error = NULL;

          /* The line model reads the sample's lines in this thread. */
          self->sample_db = vv_db_open (data->db_path, &error);
          if (self->sample_db == NULL)
            g_warning ("Cannot open the sample ledger: %s", error->message);
        }
      g_set_object (&self->split, data->split);
      g_set_object (&self->units, data->units);
      g_clear_pointer (&self->import, vv_ledger_import_free);
      self->import = g_steal_pointer (&data->import);
      g_clear_pointer (&self->rejects, g_ptr_array_unref);
      self->rejects = g_steal_pointer (&data->rejects);
      if (self->sample != sample)
        {
          self->sample = sample;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAMPLE]);
        }
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPLIT]);
      if (old_id != vv_ledger_session_get_import_id (self))
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORT_ID]);
    }
  set_busy (self, NULL);
  g_object_thaw_notify (G_OBJECT (self));
  if ((data->op == OP_IMPORT || data->op == OP_REPLACE) && !g_task_had_error (task))
    g_signal_emit (self, signals[IMPORTS_CHANGED], 0);

  if (data->callback != NULL)
    data->callback (source, result, data->user_data);
}

/* Starts a step in a worker thread; refuses while another one runs. */
static void
run (VvLedgerSession     *self,
     TaskData            *data,
     gpointer             source_tag,
     GCancellable        *cancellable,
     GAsyncReadyCallback  callback,
     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_mutex_init (&data->mutex);
  data->rules = g_object_ref (self->rules);
  data->callback = callback;
  data->user_data = user_data;
  task = g_task_new (self, cancellable, run_done_cb, NULL);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  if (self->task != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY, "%s",
                               _("Wait for the ledger import to finish"));
      return;
    }
  if (data->op != OP_SPLIT_FILE && data->db_path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, "%s",
                               _("No database is open"));
      return;
    }
  set_busy (self, task);
  g_task_run_in_thread (task, run_thread);
}

static gboolean
run_finish (VvLedgerSession  *self,
            GAsyncResult     *result,
            gpointer          source_tag,
            GError          **error)
{
  g_return_val_if_fail (VV_IS_LEDGER_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* A step on the user's database. */
static TaskData *
task_data_new (VvLedgerSession *self,
               Op               op)
{
  TaskData *data = g_new0 (TaskData, 1);

  data->op = op;
  data->db_path = self->db != NULL ? g_strdup (vv_db_get_path (self->db)) : NULL;
  return data;
}

/* Import and replace: storing @path as @reader reads it (a new reader
 * when %NULL). */
static TaskData *
import_data_new (VvLedgerSession *self,
                 Op               op,
                 const char      *path,
                 VvLedgerReader  *reader)
{
  TaskData *data = task_data_new (self, op);

  data->path = g_strdup (path);
  data->reader = reader != NULL ? g_object_ref (reader) : vv_ledger_reader_new ();
  return data;
}

/* Import and replace: run_finish() and the new import's id. */
static gboolean
import_finish (VvLedgerSession  *self,
               GAsyncResult     *result,
               gpointer          source_tag,
               gint64           *import_id,
               GError          **error)
{
  TaskData *data = g_task_get_task_data (G_TASK (result));

  if (import_id != NULL)
    *import_id = data->import_id;
  return run_finish (self, result, source_tag, error);
}

/* overrides */

static void
vv_ledger_session_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  VvLedgerSession *self = VV_LEDGER_SESSION (object);

  switch (prop_id)
    {
    case PROP_DB:
      g_value_set_object (value, vv_ledger_session_get_db (self));
      break;
    case PROP_RULES:
      g_value_set_object (value, vv_ledger_session_get_rules (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, vv_ledger_session_get_busy (self));
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, vv_ledger_session_get_progress (self));
      break;
    case PROP_SPLIT:
      g_value_set_object (value, vv_ledger_session_get_split (self));
      break;
    case PROP_IMPORT_ID:
      g_value_set_int64 (value, vv_ledger_session_get_import_id (self));
      break;
    case PROP_SAMPLE:
      g_value_set_boolean (value, vv_ledger_session_get_sample (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vv_ledger_session_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  VvLedgerSession *self = VV_LEDGER_SESSION (object);

  switch (prop_id)
    {
    case PROP_DB:
      self->db = g_value_dup_object (value);
      break;
    case PROP_RULES:
      self->rules = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vv_ledger_session_constructed (GObject *object)
{
  VvLedgerSession *self = VV_LEDGER_SESSION (object);

  G_OBJECT_CLASS (vv_ledger_session_parent_class)->constructed (object);

  if (self->rules == NULL)
    self->rules = g_object_ref (vv_rules_get_default ());
  self->sample_path = default_sample_path (self->db);
}

static void
vv_ledger_session_dispose (GObject *object)
{
  VvLedgerSession *self = VV_LEDGER_SESSION (object);

  g_clear_handle_id (&self->progress_id, g_source_remove);

  G_OBJECT_CLASS (vv_ledger_session_parent_class)->dispose (object);
}

static void
vv_ledger_session_finalize (GObject *object)
{
  VvLedgerSession *self = VV_LEDGER_SESSION (object);

  g_clear_object (&self->db);
  g_clear_object (&self->sample_db);
  g_clear_object (&self->rules);
  g_clear_pointer (&self->sample_path, g_free);
  g_clear_object (&self->split);
  g_clear_object (&self->units);
  g_clear_pointer (&self->import, vv_ledger_import_free);
  g_clear_pointer (&self->rejects, g_ptr_array_unref);
  g_clear_object (&self->task);

  G_OBJECT_CLASS (vv_ledger_session_parent_class)->finalize (object);
}

static void
vv_ledger_session_class_init (VvLedgerSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = vv_ledger_session_constructed;
  object_class->dispose = vv_ledger_session_dispose;
  object_class->finalize = vv_ledger_session_finalize;
  object_class->get_property = vv_ledger_session_get_property;
  object_class->set_property = vv_ledger_session_set_property;

  properties[PROP_DB] =
    g_param_spec_object ("db", NULL, NULL, VV_TYPE_DB,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RULES] =
    g_param_spec_object ("rules", NULL, NULL, VV_TYPE_RULES,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * VvLedgerSession:busy:
   *
   * A step runs in a worker thread; other steps are refused until it ends.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * VvLedgerSession:progress:
   *
   * The share of the file read, 0 to 1, notified at most ten times a
   * second; -1 while splitting, which has no measurable progress.
   */
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, -1.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SPLIT] =
    g_param_spec_object ("split", NULL, NULL, VV_TYPE_SPLIT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_IMPORT_ID] =
    g_param_spec_int64 ("import-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * VvLedgerSession:sample:
   *
   * The split shown is the sample ledger's, from its own database.
   */
  properties[PROP_SAMPLE] =
    g_param_spec_boolean ("sample", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VvLedgerSession::imports-changed:
   *
   * An import of the user's database was added or deleted.
   */
  signals[IMPORTS_CHANGED] =
    g_signal_new ("imports-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vv_ledger_session_init (VvLedgerSession *self)
{
}

/* public API */

/**
 * vv_ledger_session_new:
 * @db: (nullable): the user's database, or %NULL for a session that only
 *   splits files (vv_ledger_session_split_file_async())
 * @rules: (nullable): the rule data, or %NULL for vv_rules_get_default()
 *
 * Returns: (transfer full): a new session
 */
VvLedgerSession *
vv_ledger_session_new (VvDb    *db,
                       VvRules *rules)
{
  g_return_val_if_fail (db == NULL || VV_IS_DB (db), NULL);
  g_return_val_if_fail (rules == NULL || VV_IS_RULES (rules), NULL);

  return g_object_new (VV_TYPE_LEDGER_SESSION, "db", db, "rules", rules, NULL);
}

/**
 * vv_ledger_session_get_db:
 *
 * Returns: (transfer none) (nullable): the user's database
 */
VvDb *
vv_ledger_session_get_db (VvLedgerSession *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_SESSION (self), NULL);

  return self->db;
}

/**
 * vv_ledger_session_get_rules:
 *
 * Returns: (transfer none): the rule data
 */
VvRules *
vv_ledger_session_get_rules (VvLedgerSession *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_SESSION (self), NULL);

  return self->rules;
}

/**
 * vv_ledger_session_get_busy:
 *
 * Returns: whether a step runs
 */
gboolean
vv_ledger_session_get_busy (VvLedgerSession *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_SESSION (self), FALSE);

  return self->task != NULL;
}

/**
 * vv_ledger_session_get_progress:
 *
 * Returns: see #VvLedgerSession:progress
 */
double
vv_ledger_session_get_progress (VvLedgerSession *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_SESSION (self), 0.0);

  return self->progress;
}

/**
 * vv_ledger_session_get_progress_bytes:
 * @done: (out): bytes of the file read so far
 * @total: (out): the file's size
 *
 * The running step's progress as it stands now (0 and 0 when idle).
 */
void
vv_ledger_session_get_progress_bytes (VvLedgerSession *self,
                                      guint64         *done,
                                      guint64         *total)
{
  TaskData *data;

  g_return_if_fail (VV_IS_LEDGER_SESSION (self));
  g_return_if_fail (done != NULL && total != NULL);

  *done = *total = 0;
  if (self->task == NULL)
    return;
  data = g_task_get_task_data (self->task);
  g_mutex_lock (&data->mutex);
  *done = data->done;
  *total = data->total;
  g_mutex_unlock (&data->mutex);
}

/**
 * vv_ledger_session_get_split:
 *
 * Returns: (transfer none) (nullable): the split shown
 */
VvSplit *
vv_ledger_session_get_split (VvLedgerSession *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_SESSION (self), NULL);

  return self->split;
}

/**
 * vv_ledger_session_get_units:
 *
 * Returns: (transfer none) (nullable): the units register the split used
 */
VvUnits *
vv_ledger_session_get_units (VvLedgerSession *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_SESSION (self), NULL);

  return self->units;
}

/**
 * vv_ledger_session_get_import:
 *
 * Returns: (transfer none) (nullable): the import whose split is shown
 */
const VvLedgerImport *
vv_ledger_session_get_import (VvLedgerSession *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_SESSION (self), NULL);

  return self->import;
}

/**
 * vv_ledger_session_get_import_id:
 *
 * Returns: the id of the import shown, 0 if none
 */
gint64
vv_ledger_session_get_import_id (VvLedgerSession *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_SESSION (self), 0);

  return self->import != NULL ? self->import->id : 0;
}

/**
 * vv_ledger_session_get_rejects:
 *
 * The lines of the split that could not be read: all of a stored import's,
 * the first %VV_LEDGER_SESSION_MAX_REJECTS of a file split (the split
 * counts them all).
 *
 * Returns: (transfer none) (nullable) (element-type VvStoredReject): the rejects
 */
GPtrArray *
vv_ledger_session_get_rejects (VvLedgerSession *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_SESSION (self), NULL);

  return self->rejects;
}

/**
 * vv_ledger_session_get_sample:
 *
 * Returns: whether the sample ledger is shown
 */
gboolean
vv_ledger_session_get_sample (VvLedgerSession *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_SESSION (self), FALSE);

  return self->sample;
}

/**
 * vv_ledger_session_get_sample_path:
 *
 * Returns: (nullable): the sample's database file (by default next to the
 *   user's database)
 */
const char *
vv_ledger_session_get_sample_path (VvLedgerSession *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_SESSION (self), NULL);

  return self->sample_path;
}

/**
 * vv_ledger_session_set_sample_path:
 * @path: where the sample's database is made
 */
void
vv_ledger_session_set_sample_path (VvLedgerSession *self,
                                   const char      *path)
{
  g_return_if_fail (VV_IS_LEDGER_SESSION (self));
  g_return_if_fail (!self->sample);

  g_free (self->sample_path);
  self->sample_path = g_strdup (path);
}

/**
 * vv_ledger_session_list_imports:
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable) (element-type VvLedgerImport): the
 *   imports of the user's database, newest first (never the sample)
 */
GPtrArray *
vv_ledger_session_list_imports (VvLedgerSession  *self,
                                GError          **error)
{
  g_return_val_if_fail (VV_IS_LEDGER_SESSION (self), NULL);
  g_return_val_if_fail (self->db != NULL, NULL);

  return vv_ledger_store_list_imports (self->db, error);
}

/**
 * vv_ledger_session_clear:
 *
 * Forgets the split shown (the database is not touched).
 */
void
vv_ledger_session_clear (VvLedgerSession *self)
{
  gboolean had_import;

  g_return_if_fail (VV_IS_LEDGER_SESSION (self));

  had_import = self->import != NULL;
  g_object_freeze_notify (G_OBJECT (self));
  g_clear_object (&self->split);
  g_clear_object (&self->units);
  g_clear_pointer (&self->import, vv_ledger_import_free);
  g_clear_pointer (&self->rejects, g_ptr_array_unref);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPLIT]);
  if (had_import)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORT_ID]);
  if (self->sample)
    {
      self->sample = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAMPLE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * vv_ledger_session_delete_import:
 * @import_id: an import of the user's database
 * @error: return location for a #GError
 *
 * Deletes an import and its lines; when it is the one shown, the session
 * is cleared (vv_ledger_session_clear()).
 *
 * Returns: %TRUE when deleted
 */
gboolean
vv_ledger_session_delete_import (VvLedgerSession  *self,
                                 gint64            import_id,
                                 GError          **error)
{
  g_return_val_if_fail (VV_IS_LEDGER_SESSION (self), FALSE);
  g_return_val_if_fail (self->db != NULL, FALSE);

  if (self->task != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY, "%s",
                   _("Wait for the ledger import to finish"));
      return FALSE;
    }
  if (!vv_ledger_store_delete_import (self->db, import_id, error))
    return FALSE;
  if (!self->sample && vv_ledger_session_get_import_id (self) == import_id)
    vv_ledger_session_clear (self);
  g_signal_emit (self, signals[IMPORTS_CHANGED], 0);
  return TRUE;
}

/**
 * vv_ledger_session_remove_sample:
 * @error: return location for a #GError
 *
 * Deletes the sample's database; when the sample is shown the session is
 * cleared. The user's database is not touched.
 *
 * Returns: %TRUE when the sample is gone
 */
gboolean
vv_ledger_session_remove_sample (VvLedgerSession  *self,
                                 GError          **error)
{
  g_return_val_if_fail (VV_IS_LEDGER_SESSION (self), FALSE);

  if (self->task != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY, "%s",
                   _("Wait for the ledger import to finish"));
      return FALSE;
    }
  if (self->sample)
    vv_ledger_session_clear (self);
  g_clear_object (&self->sample_db);
  if (self->sample_path != NULL)
    {
      const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *file = g_strconcat (self->sample_path, suffixes[i], NULL);

          if (g_unlink (file) != 0 && errno != ENOENT)
            {
              int saved = errno;

              g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                           _("Cannot remove the sample ledger “%s”: %s"), file,
                           g_strerror (saved));
              return FALSE;
            }
        }
    }
  return TRUE;
}

/**
 * vv_ledger_session_import_async:
 * @path: a ledger file
 * @reader: (nullable): a reader set up by the import assistant; not to be
 *   touched until the import is done
 * @units_path: (nullable): a units register file, stored into the user's
 *   register once the lines are
 * @cancellable: (nullable): cancels the import; nothing is then changed
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Stores @path in the user's database (all or nothing), then splits it by
 * the units register and makes it the split shown. Progress is
 * #VvLedgerSession:progress.
 */
void
vv_ledger_session_import_async (VvLedgerSession     *self,
                                const char          *path,
                                VvLedgerReader      *reader,
                                const char          *units_path,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  TaskData *data;

  g_return_if_fail (VV_IS_LEDGER_SESSION (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (reader == NULL || VV_IS_LEDGER_READER (reader));

  data = import_data_new (self, OP_IMPORT, path, reader);
  data->units_path = g_strdup (units_path);
  run (self, data, vv_ledger_session_import_async, cancellable, callback, user_data);
}

/**
 * vv_ledger_session_import_finish:
 * @import_id: (out) (optional): the new import; when the same file was
 *   imported before (%VV_LEDGER_STORE_ERROR_DUPLICATE), the earlier one
 * @error: return location for a #GError: the reader's (naming the file,
 *   line and field), the store's, %G_IO_ERROR_CANCELLED or %G_IO_ERROR_BUSY
 *
 * Returns: %TRUE when imported and split
 */
gboolean
vv_ledger_session_import_finish (VvLedgerSession  *self,
                                 GAsyncResult     *result,
                                 gint64           *import_id,
                                 GError          **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return import_finish (self, result, vv_ledger_session_import_async, import_id, error);
}

/**
 * vv_ledger_session_replace_async:
 * @earlier_id: the import to replace, usually the same file imported before
 * @path: a ledger file
 * @reader: (nullable): as for vv_ledger_session_import_async()
 *
 * Deletes @earlier_id and imports @path in one transaction: when the
 * import fails or is cancelled, the earlier import stays.
 */
void
vv_ledger_session_replace_async (VvLedgerSession     *self,
                                 gint64               earlier_id,
                                 const char          *path,
                                 VvLedgerReader      *reader,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  TaskData *data;

  g_return_if_fail (VV_IS_LEDGER_SESSION (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (reader == NULL || VV_IS_LEDGER_READER (reader));

  data = import_data_new (self, OP_REPLACE, path, reader);
  data->earlier_id = earlier_id;
  run (self, data, vv_ledger_session_replace_async, cancellable, callback, user_data);
}

/**
 * vv_ledger_session_replace_finish:
 * @import_id: (out) (optional): the new import
 *
 * Returns: %TRUE when replaced and split
 */
gboolean
vv_ledger_session_replace_finish (VvLedgerSession  *self,
                                  GAsyncResult     *result,
                                  gint64           *import_id,
                                  GError          **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return import_finish (self, result, vv_ledger_session_replace_async, import_id, error);
}

/**
 * vv_ledger_session_split_async:
 * @import_id: an import of the user's database
 *
 * Reloads the units register and splits a stored import, which becomes the
 * split shown.
 */
void
vv_ledger_session_split_async (VvLedgerSession     *self,
                               gint64               import_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  TaskData *data;

  g_return_if_fail (VV_IS_LEDGER_SESSION (self));

  data = task_data_new (self, OP_SPLIT);
  data->import_id = import_id;
  run (self, data, vv_ledger_session_split_async, cancellable, callback, user_data);
}

/**
 * vv_ledger_session_split_finish:
 *
 * Returns: %TRUE when split
 */
gboolean
vv_ledger_session_split_finish (VvLedgerSession  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  return run_finish (self, result, vv_ledger_session_split_async, error);
}

/**
 * vv_ledger_session_split_file_async:
 * @path: a ledger file
 * @reader: (nullable): the reader to use (format, default year …)
 * @units: (nullable): the units register to split by
 * @year: the accounting year, 0 for the file's
 *
 * Splits a file straight from disk, without storing it (what
 * `veiviser-cli split` does). The rejected lines are
 * vv_ledger_session_get_rejects() afterwards.
 */
void
vv_ledger_session_split_file_async (VvLedgerSession     *self,
                                    const char          *path,
                                    VvLedgerReader      *reader,
                                    VvUnits             *units,
                                    int                  year,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  TaskData *data;

  g_return_if_fail (VV_IS_LEDGER_SESSION (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (reader == NULL || VV_IS_LEDGER_READER (reader));
  g_return_if_fail (units == NULL || VV_IS_UNITS (units));

  data = g_new0 (TaskData, 1);
  data->op = OP_SPLIT_FILE;
  data->path = g_strdup (path);
  data->reader = reader != NULL ? g_object_ref (reader) : vv_ledger_reader_new ();
  data->file_units = units != NULL ? g_object_ref (units) : NULL;
  data->year = year;
  run (self, data, vv_ledger_session_split_file_async, cancellable, callback, user_data);
}

/**
 * vv_ledger_session_split_file_finish:
 *
 * Returns: %TRUE when split (with or without rejected lines)
 */
gboolean
vv_ledger_session_split_file_finish (VvLedgerSession  *self,
                                     GAsyncResult     *result,
                                     GError          **error)
{
  return run_finish (self, result, vv_ledger_session_split_file_async, error);
}

/**
 * vv_ledger_session_show_sample_async:
 * @ledger_path: the sample ledger file
 * @units_path: (nullable): the sample's units register
 *
 * Makes the sample database afresh (vv_ledger_session_get_sample_path()),
 * with the sample ledger and the sample's units register in it, and shows
 * its split. The user's database is not touched; the next
 * vv_ledger_session_import_async() or vv_ledger_session_split_async()
 * shows the user's own ledger again.
 */
void
vv_ledger_session_show_sample_async (VvLedgerSession     *self,
                                     const char          *ledger_path,
                                     const char          *units_path,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  TaskData *data;

  g_return_if_fail (VV_IS_LEDGER_SESSION (self));
  g_return_if_fail (ledger_path != NULL);

  data = g_new0 (TaskData, 1);
  data->op = OP_SAMPLE;
  data->db_path = g_strdup (self->sample_path);
  data->path = g_strdup (ledger_path);
  data->units_path = g_strdup (units_path);
  data->reader = vv_ledger_reader_new ();
  /* Its lines are read from the main thread by the line model. */
  g_clear_object (&self->sample_db);
  run (self, data, vv_ledger_session_show_sample_async, cancellable, callback, user_data);
}

/**
 * vv_ledger_session_show_sample_finish:
 *
 * Returns: %TRUE when the sample is shown
 */
gboolean
vv_ledger_session_show_sample_finish (VvLedgerSession  *self,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  return run_finish (self, result, vv_ledger_session_show_sample_async, error);
}

/**
 * vv_ledger_session_set_unit_async:
 * @ansvar: the unit's ansvar
 * @name: (nullable): its name; %NULL keeps the name it has
 * @allocation: (nullable): its Fordeling (`257:80 258:20`); %NULL removes
 *   the unit from the register
 *
 * Changes the register of the ledger shown (the sample's while the sample
 * is shown) and splits the ledger again. The allocation is checked against
 * the rule data first. See vv_ledger_session_set_unit_full_async().
 */
void
vv_ledger_session_set_unit_async (VvLedgerSession     *self,
                                  const char          *ansvar,
                                  const char          *name,
                                  const char          *allocation,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  vv_ledger_session_set_unit_full_async (self, ansvar, name, allocation, NULL, NULL, cancellable,
                                         callback, user_data);
}

/**
 * vv_ledger_session_set_unit_full_async:
 * @ansvar: the unit's ansvar
 * @name: (nullable): its name; %NULL keeps the name it has
 * @allocation: (nullable): its Fordeling (`257:80 258:20`); %NULL removes
 *   the unit from the register
 * @citation: (nullable): the citation ids the Fordeling rests on, separated
 *   by spaces, the deciding one first; "" for none; %NULL keeps the unit's
 *   citation if the Fordeling is unchanged and drops it otherwise
 * @guide: (nullable): the unit guide's input (a `veiviser-unit/1`
 *   document); %NULL keeps what the unit has
 *
 * As vv_ledger_session_set_unit_async(), with what the Fordeling rests on
 * (the unit guide's); finish with vv_ledger_session_set_unit_finish().
 */
void
vv_ledger_session_set_unit_full_async (VvLedgerSession     *self,
                                       const char          *ansvar,
                                       const char          *name,
                                       const char          *allocation,
                                       const char          *citation,
                                       const char          *guide,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GArray) parsed = NULL;
  g_autoptr(GError) error = NULL;
  VvDb *db;
  TaskData *data;

  g_return_if_fail (VV_IS_LEDGER_SESSION (self));
  g_return_if_fail (ansvar != NULL);

  db = _vv_ledger_session_get_active_db (self);
  data = g_new0 (TaskData, 1);
  data->op = OP_SET_UNIT;
  data->db_path = db != NULL ? g_strdup (vv_db_get_path (db)) : NULL;
  data->ansvar = g_strdup (ansvar);
  data->name = g_strdup (name);
  data->citation = g_strdup (citation);
  data->guide = g_strdup (guide);
  data->import_id = vv_ledger_session_get_import_id (self);
  if (*ansvar == '\0')
    error = g_error_new (VV_UNITS_ERROR, VV_UNITS_ERROR_ANSVAR, "%s",
                         _("Lines without an ansvar cannot be given a unit"));
  else if (allocation != NULL &&
           (parsed = vv_allocation_parse (self->rules, allocation, &error)) != NULL)
    data->allocation = vv_allocation_to_string (parsed);
  if (error != NULL)
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, vv_ledger_session_set_unit_async);
      g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
      g_mutex_init (&data->mutex);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  run (self, data, vv_ledger_session_set_unit_async, cancellable, callback, user_data);
}

/**
 * vv_ledger_session_set_unit_finish:
 * @previous: (out) (optional) (nullable) (transfer full): the unit as it
 *   was before, %NULL if it was not in the register (to undo the change)
 *
 * Returns: %TRUE when the unit is stored and the ledger split again
 */
gboolean
vv_ledger_session_set_unit_finish (VvLedgerSession  *self,
                                   GAsyncResult     *result,
                                   VvStoredUnit    **previous,
                                   GError          **error)
{
  TaskData *data;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (!run_finish (self, result, vv_ledger_session_set_unit_async, error))
    return FALSE;
  if (previous != NULL)
    *previous = g_steal_pointer (&data->previous);
  return TRUE;
}
