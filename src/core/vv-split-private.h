/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-split-private.h: what the files of VvSplit share — the split itself
 * (vv-split.c) and its text and JSON output (vv-split-output.c). Not
 * installed; internal names start with "_".
 */
#pragma once

#include "vv-split.h"

G_BEGIN_DECLS

/* The findings by art (rent and building upkeep on home services belong on
 * 265, the HVPU grant on 840) are rule data: vv_rules_get_ledger_checks(). */
#define N_ARTS      1000       /* KOSTRA arts are three digits */
#define N_FUNCTIONS 10000      /* function codes are at most four digits */
#define MAX_YEARS   16         /* distinct years tracked */
#define MAX_EXPECTED 8

typedef struct
{
  VvSplitAnsvar   pub;          /* first: an Acc* is a VvSplitAnsvar* */
  const char     *ansvar;       /* interned in VvSplit.strings */
  const VvUnit   *unit;         /* borrowed from the units register, or NULL */
  gint64          home_ore;
  guint64         home_lines;
  int             expected_year;
  guint           n_expected;
  guint           expected[MAX_EXPECTED];
  VvSplitFinding *findings[VV_SPLIT_N_FINDINGS];
} Acc;

typedef struct
{
  int     year;
  guint64 count;
  gint64  amount_ore;
  guint64 first_line;
  guint   n_lines;
  guint64 lines[VV_SPLIT_MAX_FINDING_LINES];
} YearCount;

struct _VvSplit
{
  GObject          parent_instance;

  /* Owned */
  VvRules         *rules;
  VvUnits         *units;
  const VvFunction **fn_info;   /* [N_FUNCTIONS], rule data per function code */
  guint8          art_check[N_ARTS];   /* finding kind + 1 of the ledger check, or 0 */
  const char     *art_function[VV_SPLIT_N_FINDINGS]; /* where a check's money belongs */
  gint64          *booked;      /* [N_FUNCTIONS] */
  guint8          *seen;        /* [N_FUNCTIONS] */
  GHashTable      *accs;        /* interned ansvar -> Acc* */
  struct { guint64 key; Acc *acc; } *acc_keys;  /* numeric ansvar key -> Acc*, open addressing */
  guint            acc_keys_size; /* a power of two, or 0 */
  guint            acc_keys_used;
  GPtrArray       *acc_list;    /* Acc*, in order of appearance */
  GStringChunk    *strings;
  GPtrArray       *findings;    /* VvSplitFinding* */
  GPtrArray       *ansvars;     /* Acc* with home-service lines, sorted (after finish) */
  VvSplitFinding  *rejected;    /* also in findings */
  char            *reject_reason;

  /* Borrowed */
  Acc             *last_acc;
  guint64          last_key;      /* last_acc's numeric key, or 0 */

  int              forced_year;
  int              year;
  YearCount        years[MAX_YEARS];
  guint            n_years;
  guint            last_year_index;
  guint64          lines_read;
  guint64          lines_rejected;
  guint64          lines_excluded;
  gint64           home_total;
  gint64           home_257;
  gint64           home_258;
  gint64           home_no_unit;
  gint64           home_other;
  gboolean         finished;
  gboolean         overflow;      /* a sum left the gint64 range of øre */
  guint64          overflow_line; /* the line that made it, 0 if found when finishing */
};

char *_vv_split_function_code (guint function);

G_END_DECLS
