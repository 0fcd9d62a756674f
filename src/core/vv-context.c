/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-context"

#include "config.h"

#include "vv-context.h"

struct _VvContext
{
  GObject      parent_instance;

  /* Owned */
  GSettings   *settings;     /* NULL when the schema is not installed */
  VvRules     *rules;
  char        *db_path;
  VvDb        *db;           /* opened on first use */
  VvCaseStore *case_store;

  VvLedgerSession *ledger_session;
};

G_DEFINE_FINAL_TYPE (VvContext, vv_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DB_PATH,
  PROP_RULES,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* helpers */

static GSettings *
settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, VV_APP_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("Schema %s is not installed; settings are not remembered", VV_APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

/* overrides */

static void
vv_context_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  VvContext *self = VV_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      g_value_set_string (value, vv_context_get_db_path (self));
      break;
    case PROP_RULES:
      g_value_set_object (value, vv_context_get_rules (self));
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, vv_context_get_settings (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vv_context_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  VvContext *self = VV_CONTEXT (object);

  /* All construct-only. */
  switch (prop_id)
    {
    case PROP_DB_PATH:
      self->db_path = g_value_dup_string (value);
      break;
    case PROP_RULES:
      self->rules = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vv_context_constructed (GObject *object)
{
  VvContext *self = VV_CONTEXT (object);

  G_OBJECT_CLASS (vv_context_parent_class)->constructed (object);

  if (self->rules == NULL)
    self->rules = g_object_ref (vv_rules_get_default ());
  if (self->db_path == NULL)
    self->db_path = vv_db_get_default_path ();
}

static void
vv_context_dispose (GObject *object)
{
  VvContext *self = VV_CONTEXT (object);

  g_clear_object (&self->ledger_session);
  g_clear_object (&self->case_store);
  g_clear_object (&self->db);
  g_clear_object (&self->rules);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (vv_context_parent_class)->dispose (object);
}

static void
vv_context_finalize (GObject *object)
{
  VvContext *self = VV_CONTEXT (object);

  g_free (self->db_path);

  G_OBJECT_CLASS (vv_context_parent_class)->finalize (object);
}

static void
vv_context_class_init (VvContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = vv_context_constructed;
  object_class->dispose = vv_context_dispose;
  object_class->finalize = vv_context_finalize;
  object_class->get_property = vv_context_get_property;
  object_class->set_property = vv_context_set_property;

  /**
   * VvContext:db-path:
   *
   * The database file; the default path (vv_db_get_default_path()) when
   * %NULL at construction.
   */
  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * VvContext:rules:
   *
   * The rule data; the built-in rules when %NULL at construction.
   */
  properties[PROP_RULES] =
    g_param_spec_object ("rules", NULL, NULL, VV_TYPE_RULES,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * VvContext:settings:
   *
   * The application's settings, or %NULL when the schema is not installed.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vv_context_init (VvContext *self)
{
}

/* public API */

/**
 * vv_context_new:
 * @settings: (nullable): the settings, or %NULL to remember nothing
 * @rules: (nullable): the rules, or %NULL for the built-in ones
 * @db_path: (nullable): the database file, or %NULL for the default path
 *
 * Nothing is opened yet: the database is opened when first asked for.
 *
 * Returns: (transfer full): a new context
 */
VvContext *
vv_context_new (GSettings  *settings,
                VvRules    *rules,
                const char *db_path)
{
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (rules == NULL || VV_IS_RULES (rules), NULL);

  return g_object_new (VV_TYPE_CONTEXT,
                       "settings", settings,
                       "rules", rules,
                       "db-path", db_path,
                       NULL);
}

/**
 * vv_context_new_default:
 *
 * The application's context: its settings when the schema is installed,
 * the built-in rules and the default database path.
 *
 * Returns: (transfer full): a new context
 */
VvContext *
vv_context_new_default (void)
{
  g_autoptr(GSettings) settings = settings_new_if_installed ();

  return vv_context_new (settings, NULL, NULL);
}

/**
 * vv_context_get_settings:
 * @self: the context
 *
 * Returns: (transfer none) (nullable): the settings, or %NULL when the
 *   schema is not installed
 */
GSettings *
vv_context_get_settings (VvContext *self)
{
  g_return_val_if_fail (VV_IS_CONTEXT (self), NULL);

  return self->settings;
}

/**
 * vv_context_has_setting:
 * @self: the context
 * @key: a settings key
 *
 * Returns: whether there are settings and they have @key (an older
 *   installed schema may lack a new key)
 */
gboolean
vv_context_has_setting (VvContext  *self,
                        const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_return_val_if_fail (VV_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (self->settings == NULL)
    return FALSE;
  g_object_get (self->settings, "settings-schema", &schema, NULL);
  return schema != NULL && g_settings_schema_has_key (schema, key);
}

/**
 * vv_context_get_rules:
 * @self: the context
 *
 * Returns: (transfer none): the rules
 */
VvRules *
vv_context_get_rules (VvContext *self)
{
  g_return_val_if_fail (VV_IS_CONTEXT (self), NULL);

  return self->rules;
}

/**
 * vv_context_get_db_path:
 * @self: the context
 *
 * The database file, for worker threads that open their own connection.
 *
 * Returns: (transfer none): the path
 */
const char *
vv_context_get_db_path (VvContext *self)
{
  g_return_val_if_fail (VV_IS_CONTEXT (self), NULL);

  return self->db_path;
}

/**
 * vv_context_get_db:
 * @self: the context
 * @error: return location for a #GError
 *
 * The main thread's connection, opened on first use. When opening fails
 * the next call tries again (the file may have been reset meanwhile).
 *
 * Returns: (transfer none) (nullable): the database, or %NULL with @error set
 */
VvDb *
vv_context_get_db (VvContext  *self,
                   GError    **error)
{
  g_return_val_if_fail (VV_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->db == NULL)
    {
      g_autoptr(VvDb) db = vv_db_open (self->db_path, error);

      /* Damage is found before anything is written: a quick check (every page
       * read once) at the first open; a damaged file goes to the recovery
       * dialog like an unreadable one. */
      if (db != NULL && vv_db_quick_check (db, error))
        self->db = g_steal_pointer (&db);
    }
  return self->db;
}

/**
 * vv_context_get_case_store:
 * @self: the context
 * @error: return location for a #GError
 *
 * The store of saved cases, shared by the pages, so that a case saved in
 * the guide shows up among the cases at once.
 *
 * Returns: (transfer none) (nullable): the case store, or %NULL with @error set
 */
VvCaseStore *
vv_context_get_case_store (VvContext  *self,
                           GError    **error)
{
  VvDb *db;

  g_return_val_if_fail (VV_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->case_store != NULL)
    return self->case_store;
  db = vv_context_get_db (self, error);
  if (db == NULL)
    return NULL;
  self->case_store = vv_case_store_new (db, self->rules);
  return self->case_store;
}

/**
 * vv_context_get_ledger_session:
 * @self: the context
 * @error: return location for a #GError
 *
 * The ledger workflow on the context's database, shared by the ledger page,
 * its dialogs and the window (drops, hand-offs), made on first use.
 *
 * Returns: (transfer none) (nullable): the session, or %NULL with @error set
 */
VvLedgerSession *
vv_context_get_ledger_session (VvContext  *self,
                               GError    **error)
{
  VvDb *db;

  g_return_val_if_fail (VV_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->ledger_session != NULL)
    return self->ledger_session;
  db = vv_context_get_db (self, error);
  if (db == NULL)
    return NULL;
  self->ledger_session = vv_ledger_session_new (db, self->rules);
  return self->ledger_session;
}
