/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-rules-private.h: shared by vv-rules.c (loading the rule data and the
 * queries on it) and vv-rules-validate.c (checking the data as a whole:
 * the decision graph, citations, year rules, respite table, ledger checks).
 */
#pragma once

#include "vv-rules.h"

G_BEGIN_DECLS

struct _VvRules
{
  GObject     parent_instance;

  char       *version;
  char       *start;
  int         min_year;
  int         max_year;
  GPtrArray  *facts;        /* VvFact* */
  GPtrArray  *nodes;        /* VvNode* */
  GPtrArray  *citations;    /* VvCitation* */
  GPtrArray  *functions;    /* VvFunction* */
  GPtrArray  *year_rules;   /* VvYearRule* */
  GPtrArray  *respite_rows; /* VvRespiteRow* */
  GPtrArray  *notes;        /* VvNote* */
  GPtrArray  *respite_advice; /* VvNote* */
  GPtrArray  *glossary;     /* VvGlossaryEntry* */
  GPtrArray  *ledger_checks; /* VvLedgerCheck* */
  GHashTable *fact_index;   /* id -> VvFact* (borrowed) */
  GHashTable *node_index;
  GHashTable *citation_index;
  GHashTable *function_index;
  int         national_year;
  gint64      national_257;
  gint64      national_258;
  char       *national_citation;

  /* The built-in rules' guide part, until it is parsed (vv-rules.c) */
  GMutex      guide_lock;
  GBytes     *deferred;     /* the rule data; NULL once parsed (atomic) */
};

void _vv_rules_ensure_guide (VvRules *self);

G_END_DECLS
