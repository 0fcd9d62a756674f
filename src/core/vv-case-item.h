/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-case-item.h: one row of the saved-cases list, as returned by
 * vv_case_store_list(). Immutable: the list is rebuilt when cases change.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define VV_TYPE_CASE_ITEM (vv_case_item_get_type ())

G_DECLARE_FINAL_TYPE (VvCaseItem, vv_case_item, VV, CASE_ITEM, GObject)

VvCaseItem *vv_case_item_new                  (gint64      id,
                                               const char *title,
                                               int         year,
                                               const char *function_summary,
                                               const char *outcome,
                                               gint64      modified);
gint64      vv_case_item_get_id               (VvCaseItem *self);
const char *vv_case_item_get_title            (VvCaseItem *self);
int         vv_case_item_get_year             (VvCaseItem *self);
const char *vv_case_item_get_function_summary (VvCaseItem *self);
const char *vv_case_item_get_outcome          (VvCaseItem *self);
gint64      vv_case_item_get_modified         (VvCaseItem *self);
const char *vv_case_item_get_rules_version    (VvCaseItem *self);
gboolean    vv_case_item_get_is_example       (VvCaseItem *self);

G_END_DECLS
