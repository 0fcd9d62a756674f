/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-unit-guide-staff-row"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vv-unit-guide-staff-row.h"

/* The row emits ::changed when a figure changes and ::remove when the
 * person asks to remove it; the unit guide dialog numbers the rows, says
 * how each employee is booked and keeps the list. */
struct _VvUnitGuideStaffRow
{
  AdwExpanderRow  parent_instance;

  /* Template widgets */
  AdwActionRow   *dwellings_row;
  GtkSpinButton  *dwellings_spin;
  AdwActionRow   *outside_row;
  GtkSpinButton  *outside_spin;
  GtkWidget      *remove_button;
  AdwActionRow   *salary_row;
  GtkSpinButton  *salary_spin;

  gboolean        setting;
};

G_DEFINE_FINAL_TYPE (VvUnitGuideStaffRow, vv_unit_guide_staff_row, ADW_TYPE_EXPANDER_ROW)

enum {
  CHANGED,
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* callbacks */

static void
on_spin_value_changed_cb (VvUnitGuideStaffRow *self)
{
  if (!self->setting)
    g_signal_emit (self, signals[CHANGED], 0);
}

/* Hours and kroner are typed with a decimal comma or point, whatever the
 * locale ("7,5" and "7.5"); spaces group thousands. */
static int
on_spin_input_cb (GtkSpinButton *spin,
                  double        *new_value)
{
  g_autoptr(GString) text = g_string_new (gtk_editable_get_text (GTK_EDITABLE (spin)));
  char *end = NULL;
  double value;

  g_string_replace (text, " ", "", 0);
  g_string_replace (text, "\u00a0", "", 0);
  g_string_replace (text, ",", ".", 0);
  if (text->len == 0)
    {
      *new_value = 0;
      return TRUE;
    }
  value = g_ascii_strtod (text->str, &end);
  if (end == text->str || *end != '\0' || !isfinite (value))
    return GTK_INPUT_ERROR;
  *new_value = value;
  return TRUE;
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_signal_emit (widget, signals[REMOVE], 0);
}

/* overrides */

static void
vv_unit_guide_staff_row_class_init (VvUnitGuideStaffRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               VV_RESOURCE_PATH "/ui/vv-unit-guide-staff-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VvUnitGuideStaffRow, dwellings_row);
  gtk_widget_class_bind_template_child (widget_class, VvUnitGuideStaffRow, dwellings_spin);
  gtk_widget_class_bind_template_child (widget_class, VvUnitGuideStaffRow, outside_row);
  gtk_widget_class_bind_template_child (widget_class, VvUnitGuideStaffRow, outside_spin);
  gtk_widget_class_bind_template_child (widget_class, VvUnitGuideStaffRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, VvUnitGuideStaffRow, salary_row);
  gtk_widget_class_bind_template_child (widget_class, VvUnitGuideStaffRow, salary_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_spin_input_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_spin_value_changed_cb);
  gtk_widget_class_install_action (widget_class, "staff-row.remove", NULL, remove_action);
}

static void
vv_unit_guide_staff_row_init (VvUnitGuideStaffRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* public API */

GtkWidget *
vv_unit_guide_staff_row_new (void)
{
  return g_object_new (VV_TYPE_UNIT_GUIDE_STAFF_ROW, NULL);
}

double
vv_unit_guide_staff_row_get_hours_dwellings (VvUnitGuideStaffRow *self)
{
  g_return_val_if_fail (VV_IS_UNIT_GUIDE_STAFF_ROW (self), 0);

  return gtk_spin_button_get_value (self->dwellings_spin);
}

double
vv_unit_guide_staff_row_get_hours_outside (VvUnitGuideStaffRow *self)
{
  g_return_val_if_fail (VV_IS_UNIT_GUIDE_STAFF_ROW (self), 0);

  return gtk_spin_button_get_value (self->outside_spin);
}

double
vv_unit_guide_staff_row_get_salary (VvUnitGuideStaffRow *self)
{
  g_return_val_if_fail (VV_IS_UNIT_GUIDE_STAFF_ROW (self), 0);

  return gtk_spin_button_get_value (self->salary_spin);
}

/**
 * vv_unit_guide_staff_row_set_values:
 * @self: the row
 * @hours_dwellings: hours a week for the residents of the attached dwellings
 * @hours_outside: hours a week for users elsewhere
 * @salary: the salary, 0 when not given
 *
 * Sets all three figures and emits ::changed once.
 */
void
vv_unit_guide_staff_row_set_values (VvUnitGuideStaffRow *self,
                                    double               hours_dwellings,
                                    double               hours_outside,
                                    double               salary)
{
  g_return_if_fail (VV_IS_UNIT_GUIDE_STAFF_ROW (self));

  self->setting = TRUE;
  gtk_spin_button_set_value (self->dwellings_spin, hours_dwellings);
  gtk_spin_button_set_value (self->outside_spin, hours_outside);
  gtk_spin_button_set_value (self->salary_spin, salary);
  self->setting = FALSE;
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Puts the keyboard focus on the first figure (a new row). */
void
vv_unit_guide_staff_row_focus_hours (VvUnitGuideStaffRow *self)
{
  g_return_if_fail (VV_IS_UNIT_GUIDE_STAFF_ROW (self));

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->dwellings_spin));
}
