/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-case-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "vv-case-item.h"
#include "vv-case-store.h"
#include "vv-classifier.h"
#include "vv-export.h"
#include "vv-json-private.h"
#include "vv-privacy.h"

struct _VvCaseStore
{
  GObject   parent_instance;

  /* Owned */
  VvDb     *db;
  VvRules  *rules;
  GStrv     private_names;
};

G_DEFINE_FINAL_TYPE (VvCaseStore, vv_case_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (vv-case-store-error-quark, vv_case_store_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define CASE_COLUMNS "id, title, year, facts, note, expected, result, rules_version, created, modified"

/* helpers */

static char *
object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = NULL;

  if (object == NULL)
    return NULL;
  node = json_node_init_object (json_node_alloc (), object);
  return _vv_json_to_data (node, FALSE, NULL);
}

static JsonObject *
object_from_string (const char *text)
{
  /* the same reading path as files: a damaged row gives no object, not a crash */
  return _vv_json_parse_object (text, NULL, NULL);
}

static gboolean
not_found (GError **error,
           gint64   id)
{
  g_set_error (error, VV_CASE_STORE_ERROR, VV_CASE_STORE_ERROR_NOT_FOUND,
               _("Case %lld was not found; it may have been deleted."), (long long) id);
  return FALSE;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

static VvCase *
case_from_row (sqlite3_stmt *stmt)
{
  VvCase *kase = vv_case_new ();
  JsonObject *facts;

  kase->id = sqlite3_column_int64 (stmt, 0);
  g_free (kase->title);
  kase->title = g_strdup (column_text (stmt, 1));
  kase->year = sqlite3_column_int (stmt, 2);
  facts = object_from_string (column_text (stmt, 3));
  if (facts != NULL)
    {
      json_object_unref (kase->facts);
      kase->facts = facts;
    }
  g_free (kase->note);
  kase->note = g_strdup (column_text (stmt, 4));
  kase->expected = object_from_string (column_text (stmt, 5));
  kase->result_json = g_strdup (column_text (stmt, 6));
  kase->rules_version = g_strdup (column_text (stmt, 7));
  kase->created = sqlite3_column_int64 (stmt, 8);
  kase->modified = sqlite3_column_int64 (stmt, 9);
  return kase;
}

/* Reduces a stored result to its outcome and " 257:80 258:20 ", which
 * the list shows and the function filter searches. */
static void
summarize_result (const char  *result_json,
                  char       **outcome,
                  char       **functions)
{
  g_autoptr(JsonObject) result = object_from_string (result_json);
  g_autoptr(GString) s = g_string_new (" ");
  JsonArray *allocations;

  *outcome = NULL;
  if (result != NULL && json_object_has_member (result, "outcome"))
    *outcome = g_strdup (json_object_get_string_member_with_default (result, "outcome", ""));
  allocations = result != NULL && json_object_has_member (result, "allocations")
                ? json_object_get_array_member (result, "allocations") : NULL;
  for (guint i = 0; allocations != NULL && i < json_array_get_length (allocations); i++)
    {
      JsonObject *a = json_array_get_object_element (allocations, i);

      if (a == NULL)
        continue;
      g_string_append_printf (s, "%s:%" G_GINT64_FORMAT " ",
                              json_object_get_string_member_with_default (a, "function", ""),
                              json_object_get_int_member_with_default (a, "percent", 0));
    }
  *functions = g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
format_summary (const char *outcome,
                const char *functions)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *stripped = g_strstrip (g_strdup (functions != NULL ? functions : ""));
  guint n = 0;

  if (g_strcmp0 (outcome, "needs_answer") == 0)
    return g_strdup (_("More answers needed"));
  if (g_strcmp0 (outcome, "outside_kostra") == 0)
    return g_strdup (_("Outside KOSTRA"));

  parts = g_strsplit (stripped, " ", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      n++;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *colon = strchr (parts[i], ':');

      if (*parts[i] == '\0' || colon == NULL)
        continue;
      *colon = '\0';
      if (s->len > 0)
        g_string_append (s, " · ");
      if (n == 1)
        g_string_append (s, parts[i]);
      else
        g_string_append_printf (s, "%s %s %%", parts[i], colon + 1);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Every text and number in a fact or an expected result (and every key) is
 * checked, not only the title and the note: an identity number typed into
 * any field would otherwise be stored. */
static gboolean
check_node_privacy (JsonNode            *node,
                    const char          *path,
                    const char * const  *names,
                    GError             **error)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *child = g_strdup_printf ("%s.%s", path, (char *) l->data);

          if (!vv_privacy_check (l->data, names, error))
            {
              g_prefix_error (error, _("A field name in “%s” cannot be saved: "), path);
              return FALSE;
            }
          if (!check_node_privacy (json_object_get_member (object, l->data), child, names, error))
            return FALSE;
        }
      return TRUE;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *child = g_strdup_printf ("%s[%u]", path, i);

          if (!check_node_privacy (json_array_get_element (array, i), child, names, error))
            return FALSE;
        }
      return TRUE;
    }
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      g_autofree char *text = NULL;

      if (json_node_get_value_type (node) == G_TYPE_STRING)
        text = g_strdup (json_node_get_string (node));
      else if (json_node_get_value_type (node) == G_TYPE_INT64)
        text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      else if (json_node_get_value_type (node) == G_TYPE_DOUBLE &&
               fabs (json_node_get_double (node)) < 1e12)
        text = g_strdup_printf ("%.0f", json_node_get_double (node));
      if (text != NULL && !vv_privacy_check (text, names, error))
        {
          g_prefix_error (error, _("The field “%s” cannot be saved: "), path);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_privacy (VvCaseStore  *self,
               const VvCase *kase,
               GError      **error)
{
  const char * const *names = (const char * const *) self->private_names;
  JsonObject *objects[] = { kase->facts, kase->expected };
  const char *paths[] = { "facts", "expected" };

  if (!vv_privacy_check (kase->title, names, error))
    {
      g_prefix_error (error, _("The title cannot be saved: "));
      return FALSE;
    }
  if (!vv_privacy_check (kase->note, names, error))
    {
      g_prefix_error (error, _("The note cannot be saved: "));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      g_autoptr(JsonNode) node = NULL;

      if (objects[i] == NULL)
        continue;
      node = json_node_init_object (json_node_alloc (), objects[i]);
      if (!check_node_privacy (node, paths[i], names, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
classify (VvCaseStore  *self,
          VvCase       *kase,
          GError      **error)
{
  g_autoptr(VvResult) result = vv_classify (self->rules, kase->year, kase->facts, error);
  g_autoptr(JsonNode) node = NULL;

  if (result == NULL)
    return FALSE;
  node = vv_result_to_json (self->rules, result);
  g_free (kase->result_json);
  kase->result_json = _vv_json_to_data (node, FALSE, NULL);
  g_free (kase->rules_version);
  kase->rules_version = g_strdup (vv_rules_get_version (self->rules));
  return TRUE;
}

/* Writes @kase: a new row when @insert, otherwise row kase->id. The result
 * is decided again under the current rules unless @keep_result and the case
 * carries one (imported files keep the result they were exported with). */
static gboolean
write_case (VvCaseStore  *self,
            VvCase       *kase,
            gboolean      insert,
            gboolean      keep_result,
            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *facts = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *functions = NULL;
  sqlite3 *handle = vv_db_get_handle (self->db);
  gint64 now = g_get_real_time ();
  int rc;

  if (!check_privacy (self, kase, error) || !vv_case_validate (kase, self->rules, error))
    return FALSE;
  if ((!keep_result || kase->result_json == NULL) && !classify (self, kase, error))
    return FALSE;

  facts = object_to_string (kase->facts);
  expected = object_to_string (kase->expected);
  summarize_result (kase->result_json, &outcome, &functions);

  if (insert)
    stmt = vv_db_prepare (self->db,
                          "INSERT INTO cases (title, year, facts, note, expected, result, "
                          "rules_version, outcome, functions, modified, created) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)", error);
  else
    stmt = vv_db_prepare (self->db,
                          "UPDATE cases SET title = ?1, year = ?2, facts = ?3, note = ?4, "
                          "expected = ?5, result = ?6, rules_version = ?7, outcome = ?8, "
                          "functions = ?9, modified = ?10 WHERE id = ?11 AND deleted IS NULL",
                          error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kase->title != NULL ? kase->title : "", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, kase->year);
  sqlite3_bind_text (stmt, 3, facts != NULL ? facts : "{}", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, kase->note != NULL ? kase->note : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, expected, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, kase->result_json, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, kase->rules_version, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, outcome, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, functions, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 10, now);
  if (!insert)
    sqlite3_bind_int64 (stmt, 11, kase->id);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return vv_db_set_error (self->db, rc, error);
  if (insert)
    {
      kase->id = sqlite3_last_insert_rowid (handle);
      kase->created = now;
    }
  else if (sqlite3_changes (handle) == 0)
    return not_found (error, kase->id);
  kase->modified = now;
  return TRUE;
}

static gboolean
set_deleted (VvCaseStore  *self,
             gint64        id,
             gboolean      deleted,
             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (deleted)
    stmt = vv_db_prepare (self->db, "UPDATE cases SET deleted = ?1 WHERE id = ?2 AND deleted IS NULL",
                          error);
  else
    stmt = vv_db_prepare (self->db,
                          "UPDATE cases SET deleted = NULL WHERE id = ?2 AND deleted IS NOT NULL",
                          error);
  if (stmt == NULL)
    return FALSE;
  if (deleted)
    sqlite3_bind_int64 (stmt, 1, g_get_real_time ());
  sqlite3_bind_int64 (stmt, 2, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return vv_db_set_error (self->db, rc, error);
  if (sqlite3_changes (vv_db_get_handle (self->db)) == 0)
    return not_found (error, id);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

static gboolean
text_matches (const char *haystack,
              const char *folded_needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, folded_needle) != NULL;
}

/* overrides */

static void
vv_case_store_finalize (GObject *object)
{
  VvCaseStore *self = (VvCaseStore *) object;

  g_clear_object (&self->db);
  g_clear_object (&self->rules);
  g_clear_pointer (&self->private_names, g_strfreev);

  G_OBJECT_CLASS (vv_case_store_parent_class)->finalize (object);
}

static void
vv_case_store_class_init (VvCaseStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vv_case_store_finalize;

  /**
   * VvCaseStore::changed:
   *
   * Emitted after cases were added, changed, deleted or imported, so that
   * lists can be rebuilt with vv_case_store_list().
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vv_case_store_init (VvCaseStore *self)
{
}

/* public API */

/**
 * vv_case_store_new:
 * @db: the database
 * @rules: (nullable): the rules to validate and classify with, or %NULL
 *   for vv_rules_get_default()
 *
 * Returns: (transfer full): a case store on @db
 */
VvCaseStore *
vv_case_store_new (VvDb    *db,
                   VvRules *rules)
{
  VvCaseStore *self;

  g_return_val_if_fail (VV_IS_DB (db), NULL);
  g_return_val_if_fail (rules == NULL || VV_IS_RULES (rules), NULL);

  self = g_object_new (VV_TYPE_CASE_STORE, NULL);
  self->db = g_object_ref (db);
  self->rules = g_object_ref (rules != NULL ? rules : vv_rules_get_default ());
  return self;
}

/**
 * vv_case_store_get_db:
 * @self: a #VvCaseStore
 *
 * Returns: (transfer none): the database
 */
VvDb *
vv_case_store_get_db (VvCaseStore *self)
{
  g_return_val_if_fail (VV_IS_CASE_STORE (self), NULL);
  return self->db;
}

/**
 * vv_case_store_set_private_names:
 * @self: a #VvCaseStore
 * @names: (nullable) (array zero-terminated=1): names that must never be saved
 *
 * Sets the user's list of names (of clients, staff …) that titles and notes
 * are checked against, besides national identity numbers.
 */
void
vv_case_store_set_private_names (VvCaseStore        *self,
                                 const char * const *names)
{
  g_return_if_fail (VV_IS_CASE_STORE (self));

  g_clear_pointer (&self->private_names, g_strfreev);
  self->private_names = g_strdupv ((char **) names);
}

/**
 * vv_case_store_add:
 * @self: a #VvCaseStore
 * @kase: the case; its id, created and modified fields are set
 * @error: return location for a #GError
 *
 * Saves @kase as a new case. The title and note are refused
 * (%VV_PRIVACY_ERROR) if they contain personal data; the facts are checked
 * against the rules (%VV_CASE_ERROR) and the result is decided under the
 * current rules.
 *
 * Returns: %TRUE on success
 */
gboolean
vv_case_store_add (VvCaseStore  *self,
                   VvCase       *kase,
                   GError      **error)
{
  g_return_val_if_fail (VV_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (kase != NULL, FALSE);

  if (!write_case (self, kase, TRUE, FALSE, error))
    return FALSE;
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/**
 * vv_case_store_update:
 * @self: a #VvCaseStore
 * @kase: the case, with the id of a stored case
 * @error: return location for a #GError
 *
 * Saves changes to a stored case, with the checks of vv_case_store_add().
 *
 * Returns: %TRUE on success; %VV_CASE_STORE_ERROR_NOT_FOUND if the case
 *   is gone
 */
gboolean
vv_case_store_update (VvCaseStore  *self,
                      VvCase       *kase,
                      GError      **error)
{
  g_return_val_if_fail (VV_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (kase != NULL, FALSE);

  if (kase->id <= 0)
    return not_found (error, kase->id);
  if (!write_case (self, kase, FALSE, FALSE, error))
    return FALSE;
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

typedef struct
{
  char                 *db_path;
  VvRules              *rules;
  GStrv                 private_names;
  VvCase               *kase;
  VvCaseStoreSaveFlags  flags;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_free (data->db_path);
  g_clear_object (&data->rules);
  g_strfreev (data->private_names);
  g_clear_pointer (&data->kase, vv_case_free);
  g_free (data);
}

/* In a worker thread, on a connection of its own: vv_db_begin() waits for
 * another writer (another process's import) for up to VV_DB_WRITE_WAIT_MS,
 * which must not happen on the main thread. */
static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  g_autoptr(VvCaseStore) worker = NULL;
  g_autoptr(VvDb) db = NULL;
  GError *error = NULL;
  gboolean ok;

  db = vv_db_open (data->db_path, &error);
  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  worker = vv_case_store_new (db, data->rules);
  vv_case_store_set_private_names (worker, (const char * const *) data->private_names);
  if (!vv_db_begin (db, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  ok = data->kase->id > 0 && write_case (worker, data->kase, FALSE, FALSE, &error);
  if (data->kase->id > 0 && !ok && (data->flags & VV_CASE_STORE_SAVE_ADD_IF_DELETED) != 0 &&
      g_error_matches (error, VV_CASE_STORE_ERROR, VV_CASE_STORE_ERROR_NOT_FOUND))
    {
      g_clear_error (&error);
      data->kase->id = 0;
    }
  if (data->kase->id <= 0)
    ok = write_case (worker, data->kase, TRUE, FALSE, &error);
  if (ok)
    ok = vv_db_commit (db, &error);
  else
    vv_db_rollback (db);
  if (!ok)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&data->kase), (GDestroyNotify) vv_case_free);
}

/**
 * vv_case_store_save_async:
 * @self: a #VvCaseStore
 * @kase: the case: a new one (id 0) is added, one with an id updated
 * @flags: what to do when the case has been deleted meanwhile
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread's main context when saved
 * @user_data: for @callback
 *
 * Saves a copy of @kase, with the checks of vv_case_store_add(), in a
 * worker thread on a connection of its own, so that waiting for another
 * writer (up to %VV_DB_WRITE_WAIT_MS while another process imports) never
 * blocks the main loop. #VvCaseStore::changed is emitted on the calling
 * thread once it is saved.
 */
void
vv_case_store_save_async (VvCaseStore          *self,
                          const VvCase         *kase,
                          VvCaseStoreSaveFlags  flags,
                          GCancellable         *cancellable,
                          GAsyncReadyCallback   callback,
                          gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (VV_IS_CASE_STORE (self));
  g_return_if_fail (kase != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (SaveData, 1);
  data->db_path = g_strdup (vv_db_get_path (self->db));
  data->rules = g_object_ref (self->rules);
  data->private_names = g_strdupv (self->private_names);
  data->kase = vv_case_copy (kase);
  data->flags = flags;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vv_case_store_save_async);
  g_task_set_name (task, "vv_case_store_save_async");
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
}

/**
 * vv_case_store_save_finish:
 * @self: a #VvCaseStore
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the case as saved, with its id,
 *   times and result; %NULL with @error set as vv_case_store_add() or
 *   vv_case_store_update() would, or %VV_DB_ERROR_BUSY when another writer
 *   held the file for longer than %VV_DB_WRITE_WAIT_MS
 */
VvCase *
vv_case_store_save_finish (VvCaseStore   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  VvCase *saved;

  g_return_val_if_fail (VV_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == vv_case_store_save_async, NULL);

  saved = g_task_propagate_pointer (G_TASK (result), error);
  if (saved != NULL)
    g_signal_emit (self, signals[CHANGED], 0);
  return saved;
}

/**
 * vv_case_store_delete:
 * @self: a #VvCaseStore
 * @id: the case
 * @error: return location for a #GError
 *
 * Moves a case to the bin: it disappears from lists and
 * vv_case_store_get(), and vv_case_store_undelete() brings it back (undo).
 *
 * Returns: %TRUE on success
 */
gboolean
vv_case_store_delete (VvCaseStore  *self,
                      gint64        id,
                      GError      **error)
{
  g_return_val_if_fail (VV_IS_CASE_STORE (self), FALSE);
  return set_deleted (self, id, TRUE, error);
}

/**
 * vv_case_store_undelete:
 * @self: a #VvCaseStore
 * @id: a case deleted with vv_case_store_delete()
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
vv_case_store_undelete (VvCaseStore  *self,
                        gint64        id,
                        GError      **error)
{
  g_return_val_if_fail (VV_IS_CASE_STORE (self), FALSE);
  return set_deleted (self, id, FALSE, error);
}

/**
 * vv_case_store_purge_deleted:
 * @self: a #VvCaseStore
 * @error: return location for a #GError
 *
 * Removes deleted cases for good (call it when undo is no longer offered).
 *
 * Returns: %TRUE on success
 */
gboolean
vv_case_store_purge_deleted (VvCaseStore  *self,
                             GError      **error)
{
  g_return_val_if_fail (VV_IS_CASE_STORE (self), FALSE);
  return vv_db_exec (self->db, "DELETE FROM cases WHERE deleted IS NOT NULL", error);
}

/**
 * vv_case_store_get:
 * @self: a #VvCaseStore
 * @id: the case
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the case (created and modified are
 *   unix time in microseconds)
 */
VvCase *
vv_case_store_get (VvCaseStore  *self,
                   gint64        id,
                   GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (VV_IS_CASE_STORE (self), NULL);

  stmt = vv_db_prepare (self->db, "SELECT " CASE_COLUMNS " FROM cases WHERE id = ?1 AND deleted IS NULL",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return not_found (error, id), NULL;
  if (rc != SQLITE_ROW)
    return vv_db_set_error (self->db, rc, error), NULL;
  return case_from_row (stmt);
}

/**
 * vv_case_store_duplicate:
 * @self: a #VvCaseStore
 * @id: the case to copy
 * @error: return location for a #GError
 *
 * Saves a copy of a case, titled “TITLE (copy)”.
 *
 * Returns: the new case's id, or 0 on error
 */
gint64
vv_case_store_duplicate (VvCaseStore  *self,
                         gint64        id,
                         GError      **error)
{
  g_autoptr(VvCase) kase = NULL;
  char *title;

  g_return_val_if_fail (VV_IS_CASE_STORE (self), 0);

  kase = vv_case_store_get (self, id, error);
  if (kase == NULL)
    return 0;
  /* Translators: the title of a duplicated case */
  title = g_strdup_printf (_("%s (copy)"), kase->title);
  g_free (kase->title);
  kase->title = title;
  if (!vv_case_store_add (self, kase, error))
    return 0;
  return kase->id;
}

/**
 * vv_case_store_list:
 * @self: a #VvCaseStore
 * @search: (nullable): text to look for in titles and notes (any case)
 * @year: only this accounting year, or 0 for all
 * @function: (nullable): only cases whose result includes this function, e.g. “257”
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a #GListModel of #VvCaseItem: the
 *   user's own cases, most recently changed first, then the example cases
 */
GListModel *
vv_case_store_list (VvCaseStore  *self,
                    const char   *search,
                    int           year,
                    const char   *function,
                    GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GListStore) list = NULL;
  g_autofree char *needle = NULL;
  g_autofree char *function_key = NULL;
  int rc;

  g_return_val_if_fail (VV_IS_CASE_STORE (self), NULL);

  stmt = vv_db_prepare (self->db,
                        "SELECT id, title, note, year, outcome, functions, modified, "
                        "rules_version, expected IS NOT NULL AS example FROM cases "
                        "WHERE deleted IS NULL AND (?1 = 0 OR year = ?1) "
                        "AND (?2 IS NULL OR instr (functions, ?2) > 0) "
                        "ORDER BY example, modified DESC, id DESC", error);
  if (stmt == NULL)
    return NULL;
  if (function != NULL && *function != '\0')
    function_key = g_strdup_printf (" %s:", function);
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_text (stmt, 2, function_key, -1, SQLITE_STATIC);
  if (search != NULL && *g_strstrip (needle = g_strdup (search)) != '\0')
    {
      char *folded = g_utf8_casefold (needle, -1);

      g_free (needle);
      needle = folded;
    }
  else
    g_clear_pointer (&needle, g_free);

  list = g_list_store_new (VV_TYPE_CASE_ITEM);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(VvCaseItem) item = NULL;
      g_autofree char *summary = NULL;

      if (needle != NULL && !text_matches (column_text (stmt, 1), needle) &&
          !text_matches (column_text (stmt, 2), needle))
        continue;
      summary = format_summary (column_text (stmt, 4), column_text (stmt, 5));
      item = g_object_new (VV_TYPE_CASE_ITEM,
                           "id", sqlite3_column_int64 (stmt, 0),
                           "title", column_text (stmt, 1),
                           "year", sqlite3_column_int (stmt, 3),
                           "function-summary", summary,
                           "outcome", column_text (stmt, 4),
                           "modified", sqlite3_column_int64 (stmt, 6),
                           "rules-version", column_text (stmt, 7),
                           "is-example", sqlite3_column_int (stmt, 8) != 0,
                           NULL);
      g_list_store_append (list, item);
    }
  if (rc != SQLITE_DONE)
    return vv_db_set_error (self->db, rc, error), NULL;
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/**
 * vv_case_store_import_data:
 * @self: a #VvCaseStore
 * @data: JSON text: one `veiviser-case/1` object, an array of them, or a
 *   `veiviser-cases/1` collection
 * @length: the length of @data, or -1 if nul-terminated
 * @filename: (nullable): the file name for messages
 * @error: return location for a #GError
 *
 * Saves every case in @data, all or nothing (one transaction). Each case is
 * checked like vv_case_store_add(); a case that carries a stored result
 * keeps it.
 *
 * Returns: (transfer full) (nullable) (element-type gint64): the new ids, in file order
 */
GArray *
vv_case_store_import_data (VvCaseStore  *self,
                           const char   *data,
                           gssize        length,
                           const char   *filename,
                           GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) objects = g_ptr_array_new ();
  g_autofree char *source = NULL;
  const char *display = filename != NULL ? filename : "-";
  JsonNode *root;

  g_return_val_if_fail (VV_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (data != NULL, NULL);

  if (length < 0)
    length = (gssize) strlen (data);
  if (!_vv_json_parser_load (parser, data, (gsize) length, display, error))
    {
      _vv_json_error_convert (error != NULL ? *error : NULL, VV_CASE_ERROR,
                              VV_CASE_ERROR_ENCODING, VV_CASE_ERROR_FORMAT, VV_CASE_ERROR_SYNTAX);
      return NULL;
    }
  source = g_strndup (data, (gsize) length);
  root = json_parser_get_root (parser);

  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (objects, json_array_get_element (array, i));
    }
  else if (root != NULL && JSON_NODE_HOLDS_OBJECT (root) &&
           g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (root),
                                                                  "format", ""),
                      VV_CASES_FORMAT) == 0)
    {
      JsonObject *collection = json_node_get_object (root);
      JsonNode *cases = json_object_get_member (collection, "cases");

      if (cases == NULL || !JSON_NODE_HOLDS_ARRAY (cases))
        {
          g_set_error (error, VV_CASE_STORE_ERROR, VV_CASE_STORE_ERROR_FORMAT,
                       _("%s: field “cases”: must be a list of cases"), display);
          return NULL;
        }
      for (guint i = 0; i < json_array_get_length (json_node_get_array (cases)); i++)
        g_ptr_array_add (objects, json_array_get_element (json_node_get_array (cases), i));
    }
  else if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    g_ptr_array_add (objects, root);

  if (objects->len == 0)
    {
      g_set_error (error, VV_CASE_STORE_ERROR, VV_CASE_STORE_ERROR_FORMAT,
                   _("%s: no cases found; expected “veiviser-case/1” or “veiviser-cases/1”"),
                   display);
      return NULL;
    }

  if (!vv_db_begin (self->db, error))
    return NULL;
  for (guint i = 0; i < objects->len; i++)
    {
      JsonNode *node = g_ptr_array_index (objects, i);
      g_autoptr(VvCase) kase = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, VV_CASE_STORE_ERROR, VV_CASE_STORE_ERROR_FORMAT,
                       _("%s: case %u: must be an object"), display, i + 1);
          vv_db_rollback (self->db);
          return NULL;
        }
      kase = vv_case_from_json (json_node_get_object (node), source, display, error);
      if (kase == NULL || !write_case (self, kase, TRUE, TRUE, error))
        {
          if (objects->len > 1)
            g_prefix_error (error, _("Case %u of %u: "), i + 1, objects->len);
          else if (kase != NULL && error != NULL && *error != NULL &&
                   (*error)->domain == VV_PRIVACY_ERROR)
            g_prefix_error (error, "%s: ", display);
          vv_db_rollback (self->db);
          return NULL;
        }
      g_array_append_val (ids, kase->id);
    }
  if (!vv_db_commit (self->db, error))
    {
      vv_db_rollback (self->db);
      return NULL;
    }
  g_signal_emit (self, signals[CHANGED], 0);
  return g_steal_pointer (&ids);
}

/**
 * vv_case_store_import_file:
 * @self: a #VvCaseStore
 * @path: a case file or case collection file
 * @error: return location for a #GError
 *
 * Like vv_case_store_import_data() for a file.
 *
 * Returns: (transfer full) (nullable) (element-type gint64): the new ids
 */
GArray *
vv_case_store_import_file (VvCaseStore  *self,
                           const char   *path,
                           GError      **error)
{
  g_autofree char *data = NULL;
  g_autofree char *basename = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len;

  g_return_val_if_fail (VV_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  basename = g_filename_display_basename (path);
  if (!g_file_get_contents (path, &data, &len, &local_error))
    {
      g_set_error (error, VV_CASE_ERROR, VV_CASE_ERROR_READ, "%s: %s", basename,
                   local_error->message);
      return NULL;
    }
  return vv_case_store_import_data (self, data, len, basename, error);
}

/**
 * vv_case_store_export:
 * @self: a #VvCaseStore
 * @ids: (array length=n_ids) (nullable): the cases, or %NULL for all
 * @n_ids: the number of @ids
 * @length: (out) (optional): the length of the text
 * @error: return location for a #GError
 *
 * One case is written as a `veiviser-case/1` document, anything else as a
 * `veiviser-cases/1` collection. Both can be read back with
 * vv_case_store_import_data().
 *
 * Returns: (transfer full) (nullable): pretty-printed JSON
 */
char *
vv_case_store_export (VvCaseStore   *self,
                      const gint64  *ids,
                      guint          n_ids,
                      gsize         *length,
                      GError       **error)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func ((GDestroyNotify) vv_case_free);
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (VV_IS_CASE_STORE (self), NULL);

  if (ids != NULL)
    {
      for (guint i = 0; i < n_ids; i++)
        {
          VvCase *kase = vv_case_store_get (self, ids[i], error);

          if (kase == NULL)
            return NULL;
          g_ptr_array_add (cases, kase);
        }
    }
  else
    {
      g_autoptr(sqlite3_stmt) stmt = vv_db_prepare (self->db,
                                                    "SELECT " CASE_COLUMNS " FROM cases "
                                                    "WHERE deleted IS NULL ORDER BY id", error);
      int rc;

      if (stmt == NULL)
        return NULL;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (cases, case_from_row (stmt));
      if (rc != SQLITE_DONE)
        return vv_db_set_error (self->db, rc, error), NULL;
    }

  if (cases->len == 1 && ids != NULL)
    return vv_case_to_data (g_ptr_array_index (cases, 0), length);

  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, VV_CASES_FORMAT);
  json_builder_set_member_name (b, "cases");
  json_builder_begin_array (b);
  for (guint i = 0; i < cases->len; i++)
    json_builder_add_value (b, vv_case_to_json (g_ptr_array_index (cases, i)));
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return _vv_json_to_data (root, TRUE, length);
}

/**
 * vv_case_store_export_file:
 * @self: a #VvCaseStore
 * @ids: (array length=n_ids) (nullable): the cases, or %NULL for all
 * @n_ids: the number of @ids
 * @path: the file to write (replaced atomically)
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
vv_case_store_export_file (VvCaseStore   *self,
                           const gint64  *ids,
                           guint          n_ids,
                           const char    *path,
                           GError       **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_return_val_if_fail (VV_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  data = vv_case_store_export (self, ids, n_ids, &len, error);
  if (data == NULL)
    return FALSE;
  return vv_export_write_atomic (path, data, len, error);
}
