/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-split.h: the 254 → 257/258 split of a ledger by the units register, and
 * the findings about misbooked lines (the veiviser-split/1 contract in
 * ../shared/domain/ledger-format.md).
 *
 * Feed every ledger line with vv_split_add_line() (cheap: no allocation per
 * ordinary line), every rejected line with vv_split_add_reject(), then call
 * vv_split_finish() once and read the results.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "vv-format.h"
#include "vv-ledger.h"
#include "vv-rules.h"
#include "vv-units.h"

G_BEGIN_DECLS

#define VV_SPLIT_FORMAT "veiviser-split/1"

/* How many line numbers a finding keeps (its count stays exact). */
#define VV_SPLIT_MAX_FINDING_LINES 20

typedef enum
{
  VV_SPLIT_SEVERITY_INFO,
  VV_SPLIT_SEVERITY_WARNING,
  VV_SPLIT_SEVERITY_ERROR,
} VvSplitSeverity;

typedef enum
{
  VV_SPLIT_FINDING_EXPIRED_FUNCTION,     /* "expired-function": 254 in 2024 or later */
  VV_SPLIT_FINDING_NOT_YET_VALID,        /* "not-yet-valid": 257/258 in 2023 or earlier */
  VV_SPLIT_FINDING_UNIT_DISAGREEMENT,    /* "unit-disagreement": booked function ≠ unit's */
  /* by art, from the rule data's ledger_checks: */
  VV_SPLIT_FINDING_RENT_INCOME,          /* "rent-income": art 630 on home services → 265 */
  VV_SPLIT_FINDING_BUILDING_MAINTENANCE, /* "building-maintenance": art 230/250 → 265 */
  VV_SPLIT_FINDING_HVPU_GRANT,           /* "hvpu-grant": art 810 on home services → 840 */
  VV_SPLIT_FINDING_UNASSIGNED_ANSVAR,    /* "unassigned-ansvar": home-service money, no unit */
  VV_SPLIT_FINDING_UNKNOWN_FUNCTION,     /* "unknown-function": no valid KOSTRA function */
  VV_SPLIT_FINDING_MIXED_YEARS,          /* "mixed-years": lines of another year */
  VV_SPLIT_FINDING_REJECTED_LINE,        /* "rejected-line": lines the reader could not read */
  VV_SPLIT_N_FINDINGS
} VvSplitFindingKind;

typedef struct
{
  VvSplitFindingKind kind;
  VvSplitSeverity    severity;
  const char        *code;        /* static, e.g. "expired-function" */
  guint64            line;        /* first line concerned, 0 for none */
  char              *message;     /* translated, in the language at vv_split_finish() */
  char              *ansvar;      /* "" when not about one ansvar */
  char              *unit_name;   /* NULL when the ansvar has no unit */
  guint              function;    /* booked function of the first line, 0 if none */
  guint              art;         /* art of the first line, 0 if none */
  int                year;        /* year of the first line (mixed-years: that year) */
  char              *suggested;   /* where it belongs ("265", "257:80 258:20"), or NULL */
  guint64            count;       /* exact number of lines */
  gint64             amount_ore;  /* their sum */
  GArray            *lines;       /* guint64, at most VV_SPLIT_MAX_FINDING_LINES */
} VvSplitFinding;

/* The home-service money of one ansvar and how its unit divides it. */
typedef struct
{
  const char        *ansvar;      /* "" for lines without an ansvar */
  const char        *unit_name;   /* NULL when the ansvar is not in the units register */
  guint64            home_lines;
  gint64             home_ore;    /* = ore_257 + ore_258 + ore_other, or unassigned */
  gint64             ore_257;
  gint64             ore_258;
  gint64             ore_other;   /* what the unit allocates to other functions (e.g. 234) */
} VvSplitAnsvar;

#define VV_TYPE_SPLIT (vv_split_get_type ())

G_DECLARE_FINAL_TYPE (VvSplit, vv_split, VV, SPLIT, GObject)

#define VV_SPLIT_ERROR (vv_split_error_quark ())

typedef enum
{
  VV_SPLIT_ERROR_OVERFLOW,   /* a sum left the gint64 range of øre */
} VvSplitError;

GQuark           vv_split_error_quark         (void);

VvSplit         *vv_split_new                 (VvRules              *rules,
                                               VvUnits              *units);
void             vv_split_set_year            (VvSplit              *self,
                                               int                   year);
void             vv_split_add_line            (VvSplit              *self,
                                               const VvLedgerLine   *line);
void             vv_split_add_reject          (VvSplit              *self,
                                               guint64               line_no,
                                               const char           *field,
                                               const char           *message);
void             vv_split_finish              (VvSplit              *self);
gboolean         vv_split_check_sums          (VvSplit              *self,
                                               const char           *filename,
                                               GError              **error);

int              vv_split_get_year            (VvSplit              *self);
guint64          vv_split_get_lines_read      (VvSplit              *self);
guint64          vv_split_get_lines_rejected  (VvSplit              *self);
guint64          vv_split_get_lines_excluded  (VvSplit              *self);
GArray          *vv_split_get_functions       (VvSplit              *self);
gint64           vv_split_get_booked          (VvSplit              *self,
                                               guint                 function);
gint64           vv_split_get_home_total      (VvSplit              *self);
gint64           vv_split_get_home_257        (VvSplit              *self);
gint64           vv_split_get_home_258        (VvSplit              *self);
gint64           vv_split_get_home_unassigned (VvSplit              *self);
gint64           vv_split_get_home_other      (VvSplit              *self);
GPtrArray       *vv_split_get_findings        (VvSplit              *self);
GPtrArray       *vv_split_get_ansvars         (VvSplit              *self);
char            *vv_split_finding_condition   (VvSplit              *self,
                                               const VvSplitFinding *finding,
                                               gboolean             *by_ansvar);

JsonNode        *vv_split_to_json             (VvSplit              *self);
char            *vv_split_to_text             (VvSplit              *self);

void             vv_split_by_weights          (gint64                x,
                                               const gint64         *weights,
                                               guint                 n,
                                               gint64               *out);
void             vv_split_largest_remainder   (gint64                total,
                                               const int            *percents,
                                               guint                 n,
                                               gint64               *out);

G_END_DECLS
