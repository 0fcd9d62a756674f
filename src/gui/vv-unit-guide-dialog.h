/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-unit-guide-dialog.h: the unit guide for one unit (ansvar) of the
 * ledger: the base, the staff and their hours, and the split they give,
 * with the paragraphs it rests on. "Use This Split" emits ::apply; the
 * ledger page writes the Fordeling and citation into the units register.
 */
#pragma once

#include <adwaita.h>

#include "vv-rules.h"

G_BEGIN_DECLS

#define VV_TYPE_UNIT_GUIDE_DIALOG (vv_unit_guide_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VvUnitGuideDialog, vv_unit_guide_dialog, VV, UNIT_GUIDE_DIALOG, AdwWindow)

VvUnitGuideDialog *vv_unit_guide_dialog_new            (VvRules           *rules,
                                                        const char        *ansvar,
                                                        const char        *name,
                                                        int                year,
                                                        const char        *input);
const char        *vv_unit_guide_dialog_get_ansvar     (VvUnitGuideDialog *self);
char              *vv_unit_guide_dialog_dup_allocation (VvUnitGuideDialog *self);
char              *vv_unit_guide_dialog_dup_citation   (VvUnitGuideDialog *self);
char              *vv_unit_guide_dialog_dup_input      (VvUnitGuideDialog *self);
gboolean           vv_unit_guide_dialog_load_input     (VvUnitGuideDialog *self,
                                                        const char        *input,
                                                        gssize             length,
                                                        const char        *display_name,
                                                        GError           **error);
GtkWidget         *vv_unit_guide_dialog_add_employee   (VvUnitGuideDialog *self,
                                                        double             hours_dwellings,
                                                        double             hours_outside,
                                                        double             salary);

G_END_DECLS
