/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vv-ledger-session.h"

G_BEGIN_DECLS

#define VV_TYPE_KOSTRA_DIALOG (vv_kostra_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VvKostraDialog, vv_kostra_dialog, VV, KOSTRA_DIALOG, AdwMessageDialog)

VvKostraDialog *vv_kostra_dialog_new        (GtkWindow       *parent,
                                             VvLedgerSession *session,
                                             const char      *region,
                                             const char      *orgnr,
                                             int              year);
const char     *vv_kostra_dialog_get_region (VvKostraDialog  *self);
const char     *vv_kostra_dialog_get_orgnr  (VvKostraDialog  *self);
int             vv_kostra_dialog_get_year   (VvKostraDialog  *self);
void            vv_kostra_dialog_set_values (VvKostraDialog  *self,
                                             const char      *region,
                                             const char      *orgnr,
                                             int              year);
const char     *vv_kostra_dialog_get_problem (VvKostraDialog *self);

G_END_DECLS
