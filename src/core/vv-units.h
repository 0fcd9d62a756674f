/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-units.h: the units register, ansvar (cost centre) → KOSTRA allocation.
 *
 * File format (see ../shared/domain/ledger-format.md): CSV, `;`, UTF-8, header
 * `Ansvar;Navn;Fordeling`, Fordeling = `FUNKSJON:PROSENT` pairs separated by
 * spaces and summing to 100, e.g. `4101;Solbakken bofellesskap;257:80 258:20`.
 */
#pragma once

#include <glib-object.h>

#include "vv-classifier.h"
#include "vv-rules.h"

G_BEGIN_DECLS

#define VV_UNITS_ERROR (vv_units_error_quark ())

typedef enum
{
  VV_UNITS_ERROR_READ,          /* the file cannot be read */
  VV_UNITS_ERROR_ENCODING,      /* not UTF-8 */
  VV_UNITS_ERROR_EMPTY,         /* no header */
  VV_UNITS_ERROR_HEADER,        /* header is not Ansvar;Navn;Fordeling */
  VV_UNITS_ERROR_FIELDS,        /* wrong number of fields, or a quote left open */
  VV_UNITS_ERROR_ANSVAR,        /* empty or malformed ansvar */
  VV_UNITS_ERROR_DUPLICATE,     /* the same ansvar twice */
  VV_UNITS_ERROR_ALLOCATION,    /* Fordeling empty or not FUNKSJON:PROSENT */
  VV_UNITS_ERROR_PERCENT,       /* percent not a whole number 1-100 */
  VV_UNITS_ERROR_SUM,           /* percents do not sum to 100 */
  VV_UNITS_ERROR_FUNCTION,      /* function unknown to the rule data, or given twice */
  VV_UNITS_ERROR_NOT_FOUND,     /* no unit with that ansvar */
  VV_UNITS_ERROR_RESULT,        /* a classification without a function */
} VvUnitsError;

#define VV_UNITS_HEADER "Ansvar;Navn;Fordeling"

typedef struct
{
  char   *ansvar;
  char   *name;
  GArray *allocations;          /* VvAllocation, percents summing to 100 */
  guint64 line_no;              /* line in the file it was read from, 0 otherwise */
  char   *citation;             /* citation ids the Fordeling rests on, or NULL; not in the file */
} VvUnit;

#define VV_TYPE_UNITS (vv_units_get_type ())

G_DECLARE_FINAL_TYPE (VvUnits, vv_units, VV, UNITS, GObject)

GQuark          vv_units_error_quark       (void);

VvUnits        *vv_units_new               (VvRules        *rules);
VvUnits        *vv_units_new_from_file     (VvRules        *rules,
                                            const char     *path,
                                            GError        **error);
VvUnits        *vv_units_new_from_data     (VvRules        *rules,
                                            const char     *data,
                                            gssize          len,
                                            const char     *display_name,
                                            GError        **error);
char           *vv_units_to_data           (VvUnits        *self);
gboolean        vv_units_save_file         (VvUnits        *self,
                                            const char     *path,
                                            GError        **error);

guint           vv_units_get_n_units       (VvUnits        *self);
const VvUnit   *vv_units_get_unit          (VvUnits        *self,
                                            guint           index);
const VvUnit   *vv_units_lookup            (VvUnits        *self,
                                            const char     *ansvar);

gboolean        vv_units_add               (VvUnits        *self,
                                            const char     *ansvar,
                                            const char     *name,
                                            const char     *allocation,
                                            GError        **error);
gboolean        vv_units_remove            (VvUnits        *self,
                                            const char     *ansvar);
gboolean        vv_units_set_name          (VvUnits        *self,
                                            const char     *ansvar,
                                            const char     *name,
                                            GError        **error);
gboolean        vv_units_set_allocation    (VvUnits        *self,
                                            const char     *ansvar,
                                            const char     *allocation,
                                            GError        **error);
void            vv_units_set_citation      (VvUnits        *self,
                                            const char     *ansvar,
                                            const char     *citation);
gboolean        vv_units_set_from_result   (VvUnits        *self,
                                            const char     *ansvar,
                                            VvResult       *result,
                                            GError        **error);

GArray         *vv_allocation_parse        (VvRules        *rules,
                                            const char     *text,
                                            GError        **error);
char           *vv_allocation_to_string    (GArray         *allocations);

G_END_DECLS
