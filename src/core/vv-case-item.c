/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-case-item"

#include "config.h"

#include "vv-case-item.h"

struct _VvCaseItem
{
  GObject  parent_instance;

  /* Owned */
  gint64   id;
  char    *title;
  int      year;
  char    *function_summary;
  char    *outcome;
  gint64   modified;
  char    *rules_version;
  gboolean is_example;
};

G_DEFINE_FINAL_TYPE (VvCaseItem, vv_case_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_YEAR,
  PROP_FUNCTION_SUMMARY,
  PROP_OUTCOME,
  PROP_MODIFIED,
  PROP_RULES_VERSION,
  PROP_IS_EXAMPLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* overrides */

static void
vv_case_item_finalize (GObject *object)
{
  VvCaseItem *self = (VvCaseItem *) object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->function_summary, g_free);
  g_clear_pointer (&self->outcome, g_free);
  g_clear_pointer (&self->rules_version, g_free);

  G_OBJECT_CLASS (vv_case_item_parent_class)->finalize (object);
}

static void
vv_case_item_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  VvCaseItem *self = VV_CASE_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, vv_case_item_get_id (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, vv_case_item_get_title (self));
      break;
    case PROP_YEAR:
      g_value_set_int (value, vv_case_item_get_year (self));
      break;
    case PROP_FUNCTION_SUMMARY:
      g_value_set_string (value, vv_case_item_get_function_summary (self));
      break;
    case PROP_OUTCOME:
      g_value_set_string (value, vv_case_item_get_outcome (self));
      break;
    case PROP_MODIFIED:
      g_value_set_int64 (value, vv_case_item_get_modified (self));
      break;
    case PROP_RULES_VERSION:
      g_value_set_string (value, vv_case_item_get_rules_version (self));
      break;
    case PROP_IS_EXAMPLE:
      g_value_set_boolean (value, vv_case_item_get_is_example (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vv_case_item_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  VvCaseItem *self = VV_CASE_ITEM (object);

  /* All properties are construct-only. */
  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;
    case PROP_TITLE:
      self->title = g_value_dup_string (value);
      break;
    case PROP_YEAR:
      self->year = g_value_get_int (value);
      break;
    case PROP_FUNCTION_SUMMARY:
      self->function_summary = g_value_dup_string (value);
      break;
    case PROP_OUTCOME:
      self->outcome = g_value_dup_string (value);
      break;
    case PROP_MODIFIED:
      self->modified = g_value_get_int64 (value);
      break;
    case PROP_RULES_VERSION:
      self->rules_version = g_value_dup_string (value);
      break;
    case PROP_IS_EXAMPLE:
      self->is_example = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vv_case_item_class_init (VvCaseItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                      G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = vv_case_item_finalize;
  object_class->get_property = vv_case_item_get_property;
  object_class->set_property = vv_case_item_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_YEAR] = g_param_spec_int ("year", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_FUNCTION_SUMMARY] = g_param_spec_string ("function-summary", NULL, NULL, NULL, flags);
  properties[PROP_OUTCOME] = g_param_spec_string ("outcome", NULL, NULL, NULL, flags);
  properties[PROP_MODIFIED] = g_param_spec_int64 ("modified", NULL, NULL, 0, G_MAXINT64, 0, flags);
  /* The rule-data version the stored result was decided under, or NULL. */
  properties[PROP_RULES_VERSION] = g_param_spec_string ("rules-version", NULL, NULL, NULL, flags);
  /* One of the example cases that come with the app (it has an expected result). */
  properties[PROP_IS_EXAMPLE] = g_param_spec_boolean ("is-example", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vv_case_item_init (VvCaseItem *self)
{
}

/* public API */

/**
 * vv_case_item_new:
 * @id: the case's row id
 * @title: the title
 * @year: the accounting year
 * @function_summary: translated summary of the result, e.g. “257 80 % · 258 20 %”
 * @outcome: (nullable): the result's outcome id
 * @modified: last change, unix time in microseconds
 *
 * Returns: (transfer full): a new item
 */
VvCaseItem *
vv_case_item_new (gint64      id,
                  const char *title,
                  int         year,
                  const char *function_summary,
                  const char *outcome,
                  gint64      modified)
{
  return g_object_new (VV_TYPE_CASE_ITEM,
                       "id", id,
                       "title", title,
                       "year", year,
                       "function-summary", function_summary,
                       "outcome", outcome,
                       "modified", modified,
                       NULL);
}

/**
 * vv_case_item_get_id:
 * @self: a #VvCaseItem
 *
 * Returns: the case's row id, for vv_case_store_get()
 */
gint64
vv_case_item_get_id (VvCaseItem *self)
{
  g_return_val_if_fail (VV_IS_CASE_ITEM (self), 0);
  return self->id;
}

/**
 * vv_case_item_get_title:
 * @self: a #VvCaseItem
 *
 * Returns: the title
 */
const char *
vv_case_item_get_title (VvCaseItem *self)
{
  g_return_val_if_fail (VV_IS_CASE_ITEM (self), NULL);
  return self->title;
}

/**
 * vv_case_item_get_year:
 * @self: a #VvCaseItem
 *
 * Returns: the accounting year
 */
int
vv_case_item_get_year (VvCaseItem *self)
{
  g_return_val_if_fail (VV_IS_CASE_ITEM (self), 0);
  return self->year;
}

/**
 * vv_case_item_get_function_summary:
 * @self: a #VvCaseItem
 *
 * Returns: the translated result summary
 */
const char *
vv_case_item_get_function_summary (VvCaseItem *self)
{
  g_return_val_if_fail (VV_IS_CASE_ITEM (self), NULL);
  return self->function_summary;
}

/**
 * vv_case_item_get_outcome:
 * @self: a #VvCaseItem
 *
 * Returns: (nullable): “function”, “split”, “outside_kostra” or “needs_answer”
 */
const char *
vv_case_item_get_outcome (VvCaseItem *self)
{
  g_return_val_if_fail (VV_IS_CASE_ITEM (self), NULL);
  return self->outcome;
}

/**
 * vv_case_item_get_modified:
 * @self: a #VvCaseItem
 *
 * Returns: last change, unix time in microseconds
 */
gint64
vv_case_item_get_modified (VvCaseItem *self)
{
  g_return_val_if_fail (VV_IS_CASE_ITEM (self), 0);
  return self->modified;
}

/**
 * vv_case_item_get_rules_version:
 * @self: a #VvCaseItem
 *
 * Returns: (nullable): the rule-data version the case was decided under
 */
const char *
vv_case_item_get_rules_version (VvCaseItem *self)
{
  g_return_val_if_fail (VV_IS_CASE_ITEM (self), NULL);
  return self->rules_version;
}

/**
 * vv_case_item_get_is_example:
 * @self: a #VvCaseItem
 *
 * Returns: %TRUE for an example case (one with an expected result), which
 *   lists come after the user's own cases
 */
gboolean
vv_case_item_get_is_example (VvCaseItem *self)
{
  g_return_val_if_fail (VV_IS_CASE_ITEM (self), FALSE);
  return self->is_example;
}
