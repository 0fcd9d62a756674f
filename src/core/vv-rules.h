/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define VV_RULES_ERROR (vv_rules_error_quark ())

typedef enum
{
  VV_RULES_ERROR_PARSE,
  VV_RULES_ERROR_INVALID,
} VvRulesError;

typedef enum
{
  VV_FACT_ENUM,
  VV_FACT_BOOLEAN,
  VV_FACT_INTEGER,
} VvFactType;

/* All strings in these structs are untranslated msgids: pass them through
 * vv_rules_tr() before showing them. Citation texts are quotes of the
 * (bokmål) source and are never translated. */
typedef struct
{
  char *id;
  char *label;
  char *help;
} VvFactValue;

typedef struct
{
  char       *id;
  VvFactType  type;
  char       *label;       /* short name, e.g. "Residence" */
  char       *question;    /* the question the guide asks */
  char       *help;        /* "why do we ask?" */
  GPtrArray  *values;      /* VvFactValue*, for enum and boolean facts */
  gint64      min;         /* integer facts */
  gint64      max;
  char       *default_value; /* NULL: no default, the fact must be answered */
} VvFact;

typedef struct
{
  GStrv   values;          /* enum/boolean values leading here, or NULL for a range */
  gint64  min;             /* integer range, inclusive */
  gint64  max;
  char   *next;            /* node id */
  GStrv   rules;           /* citation ids added when this branch is taken */
} VvBranch;

typedef struct
{
  char *function;          /* "257" */
  int   percent;           /* fixed percent, or -1 */
  char *percent_fact;      /* take the percent from this integer fact */
  gboolean percent_rest;   /* 100 minus the other allocations */
} VvRuleAllocation;

typedef struct
{
  char *function;
  char *because;
} VvWhyNot;

/* A refinement of an outcome by a fact the guide need not ask, because no
 * answer to it changes the function: when the fact is known and matches,
 * the outcome also cites these rules and adds this explanation and advice
 * (e.g. the BPA paragraphs when the service is BPA). */
typedef struct
{
  char   *fact;
  GStrv   values;          /* enum/boolean values, or NULL for a range */
  gint64  min;             /* integer range, inclusive */
  gint64  max;
  GStrv   rules;
  char   *explanation;     /* translatable, or NULL */
  GStrv   advice;          /* translatable */
} VvRefine;

typedef enum
{
  VV_NODE_QUESTION,
  VV_NODE_OUTCOME,
} VvNodeKind;

typedef struct
{
  char       *id;
  VvNodeKind  kind;
  char       *title;       /* short text for the flowchart box */
  int         col;         /* flowchart layout grid position */
  int         row;
  GStrv       rules;       /* citation ids shown with this node */

  /* questions */
  char       *fact;
  GPtrArray  *branches;    /* VvBranch* */

  /* outcomes */
  char       *outcome;     /* "function", "split", "outside_kostra" */
  GPtrArray  *allocations; /* VvRuleAllocation* */
  GStrv       alternatives;
  char       *explanation;
  GPtrArray  *why_not;     /* VvWhyNot* */
  GStrv       advice;
  GPtrArray  *refine;      /* VvRefine* */
} VvNode;

typedef struct
{
  char *id;
  char *source;            /* "Veileder til kontoplanen i KOSTRA 2024, funksjon 257, presisering 4" */
  char *document;          /* "000_98915c610411d6c3.txt" */
  char *section;
  guint line_from;
  guint line_to;
  char *text;              /* the quote, bokmål, as in the document */
  char *summary;           /* translatable one-line gist */
} VvCitation;

typedef struct
{
  char   *code;            /* "257" */
  char   *name;            /* translatable */
  int     valid_from;      /* first accounting year, 0 = always */
  int     valid_to;        /* last accounting year, 0 = still valid */
  gboolean home_service;   /* part of the home-service money split */
  char   *citation;
} VvFunction;

typedef struct
{
  char  *id;
  int    until_year;       /* applies to accounting years <= until_year */
  int    from_year;        /* ... and >= from_year (0 = no lower bound) */
  GHashTable *map;         /* "257" -> "254" */
  char  *rule;             /* citation id */
  char  *explanation;
} VvYearRule;

typedef struct
{
  char   *kpr;             /* "in_institution" / "outside_institution" */
  char   *place;           /* "shared_housing" / "private_home" / "institution" */
  char   *place_label;     /* translatable */
  int     age_min;
  int     age_max;         /* -1 = no upper bound */
  char   *age_label;
  char   *overnight;       /* function for døgnavlastning */
  char   *day;             /* function for dagavlastning */
  char   *note;            /* note id or NULL */
} VvRespiteRow;

typedef struct
{
  char  *id;
  char  *text;             /* translatable */
  GStrv  rules;
} VvNote;

typedef struct
{
  char *term;              /* Norwegian term, shown as is */
  char *definition;        /* translatable */
  char *rule;              /* citation id or NULL */
} VvGlossaryEntry;

typedef struct
{
  int min;                 /* KOSTRA art, inclusive */
  int max;
} VvArtRange;

typedef struct
{
  char   *finding;         /* the split's finding kind, e.g. "rent-income" */
  GArray *arts;            /* VvArtRange */
  char   *function;        /* where such money belongs, e.g. "265" */
  char   *citation;
} VvLedgerCheck;

#define VV_TYPE_RULES (vv_rules_get_type ())

G_DECLARE_FINAL_TYPE (VvRules, vv_rules, VV, RULES, GObject)

GQuark             vv_rules_error_quark         (void);

VvRules           *vv_rules_get_default         (void);
VvRules           *vv_rules_new_from_bytes      (GBytes      *bytes,
                                                 GError     **error);
VvRules           *vv_rules_new_from_file       (const char  *path,
                                                 GError     **error);
const char        *vv_rules_get_version         (VvRules     *self);
const char        *vv_rules_get_start           (VvRules     *self);

GPtrArray         *vv_rules_get_facts           (VvRules     *self);
const VvFact      *vv_rules_lookup_fact         (VvRules     *self,
                                                 const char  *id);
const VvFactValue *vv_rules_lookup_fact_value   (VvRules     *self,
                                                 const char  *fact,
                                                 const char  *value);
GPtrArray         *vv_rules_get_nodes           (VvRules     *self);
const VvNode      *vv_rules_lookup_node         (VvRules     *self,
                                                 const char  *id);
const VvCitation  *vv_rules_lookup_citation     (VvRules     *self,
                                                 const char  *id);
GPtrArray         *vv_rules_get_citations       (VvRules     *self);
GPtrArray         *vv_rules_get_functions       (VvRules     *self);
const VvFunction  *vv_rules_lookup_function     (VvRules     *self,
                                                 const char  *code);
gboolean           vv_rules_function_valid_in_year (VvRules  *self,
                                                 const char  *code,
                                                 int          year);
gboolean           vv_rules_is_home_service     (VvRules     *self,
                                                 const char  *code,
                                                 int          year);
GPtrArray         *vv_rules_get_year_rules      (VvRules     *self);
const char        *vv_rules_map_function_for_year (VvRules   *self,
                                                 const char  *code,
                                                 int          year,
                                                 const VvYearRule **applied);
int                vv_rules_get_min_year        (VvRules     *self);
int                vv_rules_get_max_year        (VvRules     *self);
GPtrArray         *vv_rules_get_respite_rows    (VvRules     *self);
GPtrArray         *vv_rules_get_ledger_checks   (VvRules     *self);
const VvRespiteRow *vv_rules_lookup_respite     (VvRules     *self,
                                                 const char  *kpr,
                                                 const char  *place,
                                                 int          age);
const VvNote      *vv_rules_lookup_note         (VvRules     *self,
                                                 const char  *id);
GPtrArray         *vv_rules_get_respite_advice  (VvRules     *self);
GPtrArray         *vv_rules_get_glossary        (VvRules     *self);
gboolean           vv_rules_get_national_share  (VvRules     *self,
                                                 int         *year,
                                                 gint64      *f257_mnok,
                                                 gint64      *f258_mnok,
                                                 const char **citation);
gboolean           vv_rules_validate            (VvRules     *self,
                                                 GError     **error);

const char        *vv_rules_tr                  (const char  *msgid);
char              *vv_citation_format_lines     (const VvCitation *citation);

G_END_DECLS
