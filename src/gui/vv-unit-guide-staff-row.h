/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-unit-guide-staff-row.h: one employee of a unit in the unit guide: the
 * hours for the residents of the attached dwellings, the hours for users
 * elsewhere and, optionally, the salary.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VV_TYPE_UNIT_GUIDE_STAFF_ROW (vv_unit_guide_staff_row_get_type ())

G_DECLARE_FINAL_TYPE (VvUnitGuideStaffRow, vv_unit_guide_staff_row, VV, UNIT_GUIDE_STAFF_ROW,
                      AdwExpanderRow)

GtkWidget *vv_unit_guide_staff_row_new             (void);
double     vv_unit_guide_staff_row_get_hours_dwellings (VvUnitGuideStaffRow *self);
double     vv_unit_guide_staff_row_get_hours_outside   (VvUnitGuideStaffRow *self);
double     vv_unit_guide_staff_row_get_salary          (VvUnitGuideStaffRow *self);
void       vv_unit_guide_staff_row_set_values          (VvUnitGuideStaffRow *self,
                                                        double               hours_dwellings,
                                                        double               hours_outside,
                                                        double               salary);
void       vv_unit_guide_staff_row_focus_hours         (VvUnitGuideStaffRow *self);

G_END_DECLS
