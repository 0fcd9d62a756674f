/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "vv-rules.h"

G_BEGIN_DECLS

#define VV_CASE_ERROR (vv_case_error_quark ())

typedef enum
{
  VV_CASE_ERROR_NOT_FOUND,
  VV_CASE_ERROR_READ,
  VV_CASE_ERROR_SYNTAX,
  VV_CASE_ERROR_FORMAT,
  VV_CASE_ERROR_MISSING_FIELD,
  VV_CASE_ERROR_WRONG_TYPE,
  VV_CASE_ERROR_UNKNOWN_VALUE,
  VV_CASE_ERROR_OUT_OF_RANGE,
  VV_CASE_ERROR_ENCODING,
} VvCaseError;

#define VV_CASE_FORMAT "veiviser-case/1"

/* At most this many "unknown fact/field ignored" warnings are listed one by
 * one; the rest are counted in one more warning. */
#define VV_CASE_MAX_WARNINGS 20

typedef struct
{
  gint64      id;           /* row id in the case store, 0 if not stored */
  char       *title;
  int         year;
  JsonObject *facts;        /* fact id -> value (string, boolean or integer) */
  char       *note;
  JsonObject *expected;     /* optional "expected" result (examples, exercises) */
  char       *rules_version;/* rule-data version the stored result was decided under */
  char       *result_json;  /* stored result, or NULL */
  gint64      created;      /* unix time (s) */
  gint64      modified;
  GPtrArray  *warnings;     /* char *, translated: unknown fields, ignored */
  char       *source;       /* the text it was read from, for line lookups */
  char       *filename;     /* display name of the file, or NULL */
} VvCase;

GQuark   vv_case_error_quark  (void);

VvCase  *vv_case_new          (void);
VvCase  *vv_case_copy         (const VvCase *self);
void     vv_case_free         (VvCase       *self);
VvCase  *vv_case_load_file    (const char   *path,
                               GError      **error);
VvCase  *vv_case_load_data    (const char   *data,
                               gssize        length,
                               const char   *filename,
                               GError      **error);
VvCase  *vv_case_from_json    (JsonObject   *object,
                               const char   *source,
                               const char   *filename,
                               GError      **error);
gboolean vv_case_validate     (VvCase       *self,
                               VvRules      *rules,
                               GError      **error);
JsonNode *vv_case_to_json     (const VvCase *self);
char    *vv_case_to_data      (const VvCase *self,
                               gsize        *length);
guint    vv_case_find_line    (const VvCase *self,
                               const char   *field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VvCase, vv_case_free)

G_END_DECLS
