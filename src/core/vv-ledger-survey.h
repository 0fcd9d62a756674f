/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-ledger-survey.h: what a ledger file offers to choose before it is
 * imported — the years and regions it holds (a read of the whole file, in a
 * worker thread; a year or region chosen next is answered from it) and the
 * columns that may hold its amounts — and whether it would be read as the
 * reader is set, or why not. The import dialog shows these as choices
 * (issue 13: never guess, ask).
 */
#pragma once

#include <gio/gio.h>

#include "vv-ledger-reader.h"

G_BEGIN_DECLS

/* The lines of one year and region in a survey. */
typedef struct
{
  int        year;           /* 0: lines without a year, kept whatever year is chosen */
  guint64    lines;
  gint64     total_ore;
  guint      region;         /* index into the survey's line_regions; 0: lines without a
                              * region, kept whatever region is chosen */
} VvLedgerSurveyYear;

typedef struct
{
  GArray    *years;          /* int, in order: the years the file holds */
  GPtrArray *regions;        /* char *: the regions it holds, as it writes them */
  GError    *refusal;        /* nullable: why the file is not read as set */
  guint64    lines_read;     /* lines of the year and region chosen */
  guint64    lines_other;    /* lines of other years or regions, left out */
  guint64    lines_rejected;
  gint64     total_ore;      /* sum of the lines read */
  char      *function_code_example;  /* nullable: a service code met (25410) */
  guint64    lines_service_code;     /* lines whose function is a service code's prefix */
  int        year_read;      /* the year the file was read for, 0 for all */
  char      *region_read;    /* nullable: the region it was read for */
  guint      quarters;       /* 1 << quarter of each line read (0: annual) */
  VvLedgerUnit unit_read;    /* the unit the amounts were read in */
  gboolean   unit_scales;    /* whether the unit multiplies them (not a KOSTRA extract) */
  gint64     max_abs_ore;    /* the largest amount of a line read, either sign */
  GArray    *per_year;       /* VvLedgerSurveyYear: the lines read, by year and region */
  GPtrArray *line_regions;   /* char *: the regions of per_year, as the lines write them;
                              * [0] is "" (none); NULL when there were too many to keep */
} VvLedgerSurvey;

void            vv_ledger_survey_async          (VvLedgerReader       *reader,
                                                 const char           *path,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
VvLedgerSurvey *vv_ledger_survey_finish         (GAsyncResult         *result,
                                                 GError              **error);
void            vv_ledger_survey_free           (VvLedgerSurvey       *survey);
VvLedgerSurvey *vv_ledger_survey_for_year       (const VvLedgerSurvey *all,
                                                 int                   year);
VvLedgerSurvey *vv_ledger_survey_for_unit       (const VvLedgerSurvey *survey,
                                                 VvLedgerUnit          unit);
VvLedgerSurvey *vv_ledger_survey_for_region     (const VvLedgerSurvey *all,
                                                 const char           *region);

GArray         *vv_ledger_survey_amount_columns (VvLedgerReader       *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VvLedgerSurvey, vv_ledger_survey_free)

G_END_DECLS
