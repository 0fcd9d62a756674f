/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-kostra-extract.h: the KOSTRA file extract (filuttrekk) written back to
 * SSB: 48-character records (ledger-format.md), amounts in whole 1000 kr.
 *
 * Two ways to make one:
 *  - from a ledger and the units register: feed the ledger's lines with
 *    vv_kostra_extract_add_line(); the records are the ledger aggregated by
 *    kontoklasse × function × art with each unit's home-service money on
 *    its Fordeling (the correction postings applied), so 257/258 stand in
 *    place of 254 from 2024;
 *  - correcting an existing extract: also feed the extract's own records with
 *    vv_kostra_extract_add_record(); each 254 record is then split by the
 *    shares per art that the ledger and the units register give, and every
 *    other record is kept as it was.
 * Then vv_kostra_extract_finish() and vv_kostra_extract_to_data().
 */
#pragma once

#include <glib-object.h>

#include "vv-ledger.h"
#include "vv-rules.h"
#include "vv-units.h"

G_BEGIN_DECLS

#define VV_KOSTRA_RECORD_LEN 48

#define VV_KOSTRA_ERROR (vv_kostra_error_quark ())

typedef enum
{
  VV_KOSTRA_ERROR_INVALID,     /* a bad region, orgnr, skjema or quarter */
  VV_KOSTRA_ERROR_UNASSIGNED,  /* 254 money on ansvar without a unit (from 2024) */
  VV_KOSTRA_ERROR_NO_CODE,     /* lines without a KOSTRA function or art */
  VV_KOSTRA_ERROR_OVERFLOW,    /* an amount does not fit in 9 characters */
  VV_KOSTRA_ERROR_NO_SHARES,   /* the ledger gives no shares to split 254 by */
  VV_KOSTRA_ERROR_MIXED,       /* the extract to correct holds several regions or years */
  VV_KOSTRA_ERROR_CHECK,       /* a record fails SSB's record checks */
} VvKostraError;

#define VV_TYPE_KOSTRA_EXTRACT (vv_kostra_extract_get_type ())

G_DECLARE_FINAL_TYPE (VvKostraExtract, vv_kostra_extract, VV, KOSTRA_EXTRACT, GObject)

GQuark           vv_kostra_error_quark             (void);

VvKostraExtract *vv_kostra_extract_new             (VvRules             *rules,
                                                    VvUnits             *units,
                                                    int                  year);
gboolean         vv_kostra_extract_set_identity    (VvKostraExtract     *self,
                                                    const char          *skjema,
                                                    const char          *region,
                                                    const char          *orgnr,
                                                    int                  quarter,
                                                    GError             **error);
void             vv_kostra_extract_add_line        (VvKostraExtract     *self,
                                                    const VvLedgerLine  *line);
void             vv_kostra_extract_add_record      (VvKostraExtract     *self,
                                                    const VvLedgerLine  *record);
gboolean         vv_kostra_extract_finish          (VvKostraExtract     *self,
                                                    GError             **error);

guint            vv_kostra_extract_get_n_records   (VvKostraExtract     *self);
guint            vv_kostra_extract_get_n_split     (VvKostraExtract     *self);
guint64          vv_kostra_extract_get_lines_left_out (VvKostraExtract  *self);
gint64           vv_kostra_extract_get_total       (VvKostraExtract     *self,
                                                    int                  kontoklasse,
                                                    guint                function);
char            *vv_kostra_extract_to_data         (VvKostraExtract     *self);
gboolean         vv_kostra_extract_write           (VvKostraExtract     *self,
                                                    const char          *path,
                                                    GError             **error);

guint            vv_kostra_check                   (VvRules             *rules,
                                                    const char          *data,
                                                    gsize                len,
                                                    GPtrArray           *problems,
                                                    guint               *n_warnings);

gint64           vv_round_ore_to_thousands         (gint64               ore);

G_END_DECLS
