/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "vv-classifier.h"
#include "vv-rules.h"

G_BEGIN_DECLS

#define VV_UNIT_ERROR (vv_unit_error_quark ())

typedef enum
{
  VV_UNIT_ERROR_READ,          /* the file cannot be read */
  VV_UNIT_ERROR_SYNTAX,        /* not JSON, or not a veiviser-unit/1 object */
  VV_UNIT_ERROR_FIELD,         /* a field is missing, of the wrong type or out of range */
} VvUnitError;

/* One employee of the unit: hours for the residents of the attached
 * dwellings and for users elsewhere, and optionally the salary. */
typedef struct
{
  double   hours_dwellings;
  double   hours_outside;
  double   salary;           /* 0 when not given */
} VvUnitEmployee;

/* A unit (ansvar) as read from a `veiviser-unit/1` file. Base facts not
 * given take the ordinary case. */
typedef struct
{
  char      *ansvar;
  char      *name;
  int        year;
  gboolean   attached_dwellings;  /* default TRUE: a base at shared housing */
  gboolean   shared_rota;         /* default FALSE */
  gboolean   single_user_base;    /* default FALSE */
  gboolean   children;            /* default FALSE: residents are adults */
  GArray    *staff;               /* VvUnitEmployee */
  GPtrArray *warnings;            /* char *, translated: unknown fields */
  JsonObject *expected;           /* example files: the text's answer, or NULL */
  char      *note;                /* free text, or NULL */
} VvUnitFile;

/* The employees that are booked the same way, with why. */
typedef struct
{
  char    *kind;             /* "split", "dwellings", "outside", "whole-unit" */
  GArray  *employees;        /* guint, 1-based positions in the file */
  GArray  *allocations;      /* VvAllocation, within the group (after the year rules) */
  double   weight;           /* salary, or hours */
  char    *explanation;      /* translated */
  GStrv    rules;            /* citation ids */
} VvUnitGroup;

typedef struct
{
  VvResult  *result;         /* outcome, allocations, rules, explanation, … */
  GPtrArray *groups;         /* VvUnitGroup* */
  gboolean   by_salary;      /* weighted by salary (else by hours) */
} VvUnitResult;

GQuark        vv_unit_error_quark        (void);

VvUnitFile       *vv_unit_file_new_from_data      (const char    *text,
                                          gssize         length,
                                          const char    *filename,
                                          GError       **error);
VvUnitFile       *vv_unit_file_load          (const char    *path,
                                          GError       **error);
void          vv_unit_file_free               (VvUnitFile        *unit);

VvUnitFile   *vv_unit_file_new           (const char    *ansvar,
                                          const char    *name,
                                          int            year);
void          vv_unit_file_add_employee  (VvUnitFile    *unit,
                                          double         hours_dwellings,
                                          double         hours_outside,
                                          double         salary);
gboolean      vv_unit_file_check         (const VvUnitFile *unit,
                                          GError       **error);
char         *vv_unit_file_to_data       (const VvUnitFile *unit);

VvUnitResult *vv_unit_guide              (VvRules       *rules,
                                          const VvUnitFile  *unit,
                                          GError       **error);
void          vv_unit_result_free        (VvUnitResult  *result);
JsonNode     *vv_unit_result_to_json     (VvRules       *rules,
                                          const VvUnitFile  *unit,
                                          VvUnitResult  *result);
char         *vv_unit_result_get_citation (VvUnitResult *result);
char         *vv_unit_citation_describe  (VvRules       *rules,
                                          const char    *citation);
char         *vv_unit_result_to_text     (VvRules       *rules,
                                          const VvUnitFile  *unit,
                                          VvUnitResult  *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VvUnitFile, vv_unit_file_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VvUnitResult, vv_unit_result_free)

G_END_DECLS
