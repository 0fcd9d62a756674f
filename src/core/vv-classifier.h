/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "vv-rules.h"

G_BEGIN_DECLS

#define VV_CLASSIFY_ERROR (vv_classify_error_quark ())

typedef enum
{
  VV_CLASSIFY_ERROR_UNKNOWN_VALUE,
  VV_CLASSIFY_ERROR_WRONG_TYPE,
  VV_CLASSIFY_ERROR_OUT_OF_RANGE,
  VV_CLASSIFY_ERROR_YEAR,
  VV_CLASSIFY_ERROR_RULES,
} VvClassifyError;

typedef struct
{
  char function[8];
  int  percent;
} VvAllocation;

typedef struct
{
  char       *outcome;      /* "function", "split", "outside_kostra", "needs_answer" */
  int         year;
  GArray     *allocations;  /* VvAllocation, after the year rules */
  GPtrArray  *alternatives; /* char *, after the year rules */
  GPtrArray  *rules;        /* char *, citation ids (outcome, path and year rules) */
  GPtrArray  *missing;      /* char *, fact ids needed next (needs_answer) */
  GPtrArray  *path;         /* char *, node ids from the start to the last node reached */
  GPtrArray  *why_not;      /* VvWhyNot *, translated */
  GPtrArray  *advice;       /* char *, translated */
  GPtrArray  *warnings;     /* char *, translated: unknown facts etc. */
  char       *explanation;  /* translated */
  char       *outcome_node; /* node id, or NULL for needs_answer */
  char       *field_error;  /* unused by classify; kept for callers */
} VvResult;

GQuark     vv_classify_error_quark (void);

VvResult  *vv_classify             (VvRules     *rules,
                                    int          year,
                                    JsonObject  *facts,
                                    GError     **error);
char      *vv_classify_check_fact  (VvRules     *rules,
                                    const char  *fact_id,
                                    JsonNode    *value,
                                    GError     **error);
VvResult  *vv_result_new           (int          year);
void       vv_result_free          (VvResult    *result);
JsonNode  *vv_result_to_json       (VvRules     *rules,
                                    VvResult    *result);
char      *vv_result_to_text       (VvRules     *rules,
                                    VvResult    *result);
char      *vv_result_summary       (VvResult    *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VvResult, vv_result_free)

G_END_DECLS
