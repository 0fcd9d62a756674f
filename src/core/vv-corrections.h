/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-corrections.h: correction postings (omposteringer) that move each
 * unit's home-service money onto the functions of its Fordeling in the units
 * register, per ansvar × art, so that the books agree with the split.
 *
 * Feed the ledger's lines with vv_corrections_add_line(), call
 * vv_corrections_finish() once, then read or write the postings. Every
 * ansvar × art nets to zero; summed per ansvar and function the postings
 * leave exactly the split's shares (vv_split_largest_remainder()).
 */
#pragma once

#include <glib-object.h>

#include "vv-ledger.h"
#include "vv-rules.h"
#include "vv-units.h"

G_BEGIN_DECLS

#define VV_CORRECTIONS_ERROR (vv_corrections_error_quark ())

typedef enum
{
  VV_CORRECTIONS_ERROR_WRITE,       /* the file cannot be written */
  VV_CORRECTIONS_ERROR_FORMAT,      /* the file name ends in neither .csv nor .xlsx */
  VV_CORRECTIONS_ERROR_OVERFLOW,    /* a sum left the gint64 range of øre */
} VvCorrectionsError;

#define VV_CORRECTIONS_HEADER "Ansvar;Art;Funksjon;Beløp;Tekst"

typedef struct
{
  const char *ansvar;
  const char *art;         /* the art as booked in the ledger (e.g. "1010") */
  guint       kostra_art;  /* the KOSTRA art it stands for (e.g. 10) */
  guint       function;    /* KOSTRA function */
  gint64      amount_ore;  /* positive: debit onto it, negative: moved off it */
  const char *text;        /* translated, at vv_corrections_finish() */
} VvPosting;

#define VV_TYPE_CORRECTIONS (vv_corrections_get_type ())

G_DECLARE_FINAL_TYPE (VvCorrections, vv_corrections, VV, CORRECTIONS, GObject)

GQuark           vv_corrections_error_quark         (void);

VvCorrections   *vv_corrections_new                 (VvRules             *rules,
                                                     VvUnits             *units,
                                                     int                  year);
void             vv_corrections_add_line            (VvCorrections       *self,
                                                     const VvLedgerLine  *line);
void             vv_corrections_finish              (VvCorrections       *self);
gboolean         vv_corrections_check_sums          (VvCorrections       *self,
                                                     const char          *filename,
                                                     GError             **error);

int              vv_corrections_get_year            (VvCorrections       *self);
guint            vv_corrections_get_n_postings      (VvCorrections       *self);
const VvPosting *vv_corrections_get_posting         (VvCorrections       *self,
                                                     guint                index);
gint64           vv_corrections_get_moved           (VvCorrections       *self);
guint            vv_corrections_get_n_unassigned    (VvCorrections       *self);
gint64           vv_corrections_get_unassigned      (VvCorrections       *self);
guint64          vv_corrections_get_lines_other_year (VvCorrections      *self);

char            *vv_corrections_to_csv              (VvCorrections       *self);
gboolean         vv_corrections_write               (VvCorrections       *self,
                                                     const char          *path,
                                                     GError             **error);
gboolean         vv_corrections_write_xlsx          (VvCorrections       *self,
                                                     const char          *path,
                                                     GError             **error);

G_END_DECLS
