/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-unit-guide-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "vv-atomic-file.h"
#include "vv-citation-row.h"
#include "vv-message-dialog.h"
#include "vv-unit-guide-dialog.h"
#include "vv-unit-guide-staff-row.h"
#include "vv-unit-guide.h"
#include "vv-units.h"

/* The unit guide is a view: the split itself is vv_unit_guide() in the
 * core, run again on every change of the base or the staff. */
struct _VvUnitGuideDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  GtkWidget      *add_button;
  GtkWidget      *apply_button;
  GtkSwitch      *children_switch;
  GtkListBox     *citations_list;
  GtkSwitch      *dwellings_switch;
  GtkWidget      *problem_icon;
  GtkListBox     *result_list;
  GtkSwitch      *shared_rota_switch;
  GtkSwitch      *single_user_switch;
  GtkListBox     *staff_list;
  AdwActionRow   *total_row;
  AdwWindowTitle *window_title;

  /* Owned */
  VvRules        *rules;
  char           *ansvar;
  char           *name;
  int             year;
  VvUnitFile     *unit;        /* as entered, NULL before the first update */
  VvUnitResult   *result;      /* NULL while the entry cannot be split */
  gboolean        loading;
};

G_DEFINE_FINAL_TYPE (VvUnitGuideDialog, vv_unit_guide_dialog, ADW_TYPE_WINDOW)

enum {
  APPLY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update (VvUnitGuideDialog *self);

/* helpers */

static void
clear_list (GtkListBox *list,
            GtkWidget  *keep)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (child != keep)
        gtk_list_box_remove (list, child);
      child = next;
    }
}

static char *
format_allocations (GArray *allocations)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; allocations != NULL && i < allocations->len; i++)
    {
      const VvAllocation *a = &g_array_index (allocations, VvAllocation, i);

      if (i > 0)
        g_string_append (s, "  ·  ");
      /* Translators: a function and its share of a unit's costs, e.g. "257: 70 %" */
      g_string_append_printf (s, _("%s: %d %%"), a->function, a->percent);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static const char *
first_function (const VvUnitGroup *g)
{
  return g->allocations->len > 0 ? g_array_index (g->allocations, VvAllocation, 0).function : "";
}

/* How one employee is booked, under the row's title. */
static char *
employee_summary (const VvUnitGroup *g)
{
  if (g == NULL)
    return g_strdup (_("No hours yet"));
  if (g_str_equal (g->kind, "split"))
    return g_strdup (_("Split by hours: each part is at least 20 %"));
  if (g_str_equal (g->kind, "dwellings"))
    return g_strdup_printf (_("Wholly %s: less than 20 %% for users elsewhere"),
                            first_function (g));
  if (g_str_equal (g->kind, "outside"))
    return g_strdup_printf (_("Wholly %s: less than 20 %% in the attached dwellings"),
                            first_function (g));
  return g_strdup_printf (_("Wholly %s, as the whole base"), first_function (g));
}

static const VvUnitGroup *
group_of (VvUnitResult *result,
          guint         position)
{
  for (guint i = 0; result != NULL && i < result->groups->len; i++)
    {
      const VvUnitGroup *g = g_ptr_array_index (result->groups, i);

      for (guint j = 0; j < g->employees->len; j++)
        if (g_array_index (g->employees, guint, j) == position)
          return g;
    }
  return NULL;
}

static VvUnitFile *
build_unit (VvUnitGuideDialog *self)
{
  VvUnitFile *unit = vv_unit_file_new (self->ansvar, self->name, self->year);

  unit->attached_dwellings = gtk_switch_get_active (self->dwellings_switch);
  unit->shared_rota = gtk_switch_get_active (self->shared_rota_switch);
  unit->single_user_base = gtk_switch_get_active (self->single_user_switch);
  unit->children = gtk_switch_get_active (self->children_switch);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->staff_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      VvUnitGuideStaffRow *staff = VV_UNIT_GUIDE_STAFF_ROW (row);

      vv_unit_file_add_employee (unit, vv_unit_guide_staff_row_get_hours_dwellings (staff),
                                 vv_unit_guide_staff_row_get_hours_outside (staff),
                                 vv_unit_guide_staff_row_get_salary (staff));
    }
  return unit;
}

static void
show_problem (VvUnitGuideDialog *self,
              const char        *message)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->total_row),
                                 _("The unit cannot be split yet"));
  adw_action_row_set_subtitle (self->total_row, message);
  gtk_widget_set_visible (self->problem_icon, TRUE);
}

static void
show_result (VvUnitGuideDialog *self)
{
  VvResult *r = self->result->result;
  g_autofree char *shares = format_allocations (r->allocations);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->total_row), shares);
  adw_action_row_set_subtitle (self->total_row, r->explanation);
  gtk_widget_set_visible (self->problem_icon, FALSE);

  /* One row per group of employees booked the same way, with why. */
  for (guint i = 0; i < self->result->groups->len; i++)
    {
      const VvUnitGroup *g = g_ptr_array_index (self->result->groups, i);
      g_autofree char *title = format_allocations (g->allocations);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), g->explanation);
      gtk_widget_set_name (row, g->kind);
      gtk_list_box_append (self->result_list, row);
    }
  for (guint i = 0; r->rules != NULL && i < r->rules->len; i++)
    {
      const VvCitation *c = vv_rules_lookup_citation (self->rules, g_ptr_array_index (r->rules, i));

      if (c != NULL)
        gtk_list_box_append (self->citations_list, vv_citation_row_new (c));
    }
}

static void
update (VvUnitGuideDialog *self)
{
  g_autoptr(GError) error = NULL;
  guint position = 0;

  if (self->loading)
    return;
  g_clear_pointer (&self->unit, vv_unit_file_free);
  g_clear_pointer (&self->result, vv_unit_result_free);
  clear_list (self->result_list, GTK_WIDGET (self->total_row));
  clear_list (self->citations_list, NULL);

  self->unit = build_unit (self);
  if (vv_unit_file_check (self->unit, &error))
    self->result = vv_unit_guide (self->rules, self->unit, &error);
  if (self->result != NULL)
    show_result (self);
  else
    show_problem (self, error->message);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->staff_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      const VvUnitEmployee *e = &g_array_index (self->unit->staff, VvUnitEmployee, position);
      g_autofree char *title = NULL;
      g_autofree char *summary = NULL;

      position++;
      title = g_strdup_printf (_("Employee %u"), position);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      summary = e->hours_dwellings + e->hours_outside > 0
                ? employee_summary (group_of (self->result, position))
                : g_strdup (_("No hours yet"));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), summary);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "unit-guide.apply", self->result != NULL);
}

static void
on_input_changed_cb (VvUnitGuideDialog *self)
{
  update (self);
}

static void
on_staff_row_remove_cb (VvUnitGuideStaffRow *row,
                        VvUnitGuideDialog   *self)
{
  GtkWidget *next = gtk_widget_get_next_sibling (GTK_WIDGET (row));

  if (next == NULL)
    next = gtk_widget_get_prev_sibling (GTK_WIDGET (row));
  gtk_list_box_remove (self->staff_list, GTK_WIDGET (row));
  /* The focus stays in the list, or goes to Add when the list is empty. */
  if (next != NULL)
    gtk_widget_grab_focus (next);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "unit-guide.add-employee", NULL);
  update (self);
}

static void
show_error (VvUnitGuideDialog *self,
            const char        *heading,
            const char        *body)
{
  GtkWidget *dialog = vv_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_open_response_cb (GtkNativeDialog   *native,
                     int                response,
                     VvUnitGuideDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      gsize length = 0;

      if (path == NULL || !g_file_get_contents (path, &text, &length, &error) ||
          !vv_unit_guide_dialog_load_input (self, text, (gssize) length, path, &error))
        show_error (self, _("Cannot Open the Unit File"),
                    error != NULL ? error->message : _("The file is not on this computer."));
    }
  g_object_unref (native);
}

static void
on_save_response_cb (GtkNativeDialog   *native,
                     int                response,
                     VvUnitGuideDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *text = vv_unit_guide_dialog_dup_input (self);
      g_autoptr(GError) error = NULL;

      if (path == NULL || !vv_atomic_file_write (path, text, -1, &error))
        show_error (self, _("Cannot Save the Unit File"),
                    error != NULL ? error->message : _("The file is not on this computer."));
    }
  g_object_unref (native);
}

static GtkFileChooserNative *
file_chooser (VvUnitGuideDialog    *self,
              const char           *title,
              GtkFileChooserAction  action,
              const char           *accept)
{
  GtkFileChooserNative *native = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action,
                                                              accept, _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Unit files (veiviser-unit/1 JSON)"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  return native;
}

/* actions */

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  VvUnitGuideDialog *self = VV_UNIT_GUIDE_DIALOG (widget);

  if (self->result == NULL)
    return;
  g_signal_emit (self, signals[APPLY], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
add_employee_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  VvUnitGuideDialog *self = VV_UNIT_GUIDE_DIALOG (widget);
  GtkWidget *row = vv_unit_guide_dialog_add_employee (self, 0, 0, 0);

  vv_unit_guide_staff_row_focus_hours (VV_UNIT_GUIDE_STAFF_ROW (row));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VvUnitGuideDialog *self = VV_UNIT_GUIDE_DIALOG (widget);
  GtkFileChooserNative *native = file_chooser (self, _("Open Unit File"),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));

  g_signal_connect_object (native, "response", G_CALLBACK (on_open_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VvUnitGuideDialog *self = VV_UNIT_GUIDE_DIALOG (widget);
  GtkFileChooserNative *native = file_chooser (self, _("Save Unit File"),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"));
  /* Translators: the file name offered when saving a unit; %s is its ansvar */
  g_autofree char *name = g_strdup_printf (_("unit-%s.json"), self->ansvar);

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_signal_connect_object (native, "response", G_CALLBACK (on_save_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* overrides */

static void
vv_unit_guide_dialog_dispose (GObject *object)
{
  VvUnitGuideDialog *self = VV_UNIT_GUIDE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), VV_TYPE_UNIT_GUIDE_DIALOG);
  G_OBJECT_CLASS (vv_unit_guide_dialog_parent_class)->dispose (object);
}

static void
vv_unit_guide_dialog_finalize (GObject *object)
{
  VvUnitGuideDialog *self = VV_UNIT_GUIDE_DIALOG (object);

  g_clear_object (&self->rules);
  g_free (self->ansvar);
  g_free (self->name);
  g_clear_pointer (&self->unit, vv_unit_file_free);
  g_clear_pointer (&self->result, vv_unit_result_free);
  G_OBJECT_CLASS (vv_unit_guide_dialog_parent_class)->finalize (object);
}

static void
vv_unit_guide_dialog_class_init (VvUnitGuideDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vv_unit_guide_dialog_dispose;
  object_class->finalize = vv_unit_guide_dialog_finalize;

  signals[APPLY] = g_signal_new ("apply", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               VV_RESOURCE_PATH "/ui/vv-unit-guide-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VvUnitGuideDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, VvUnitGuideDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, VvUnitGuideDialog, children_switch);
  gtk_widget_class_bind_template_child (widget_class, VvUnitGuideDialog, citations_list);
  gtk_widget_class_bind_template_child (widget_class, VvUnitGuideDialog, dwellings_switch);
  gtk_widget_class_bind_template_child (widget_class, VvUnitGuideDialog, problem_icon);
  gtk_widget_class_bind_template_child (widget_class, VvUnitGuideDialog, result_list);
  gtk_widget_class_bind_template_child (widget_class, VvUnitGuideDialog, shared_rota_switch);
  gtk_widget_class_bind_template_child (widget_class, VvUnitGuideDialog, single_user_switch);
  gtk_widget_class_bind_template_child (widget_class, VvUnitGuideDialog, staff_list);
  gtk_widget_class_bind_template_child (widget_class, VvUnitGuideDialog, total_row);
  gtk_widget_class_bind_template_child (widget_class, VvUnitGuideDialog, window_title);
  gtk_widget_class_bind_template_callback (widget_class, on_input_changed_cb);

  gtk_widget_class_install_action (widget_class, "unit-guide.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "unit-guide.apply", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "unit-guide.add-employee", NULL,
                                   add_employee_action);
  gtk_widget_class_install_action (widget_class, "unit-guide.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "unit-guide.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "unit-guide.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "unit-guide.apply", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "unit-guide.add-employee", NULL);
}

static void
vv_unit_guide_dialog_init (VvUnitGuideDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* public API */

/**
 * vv_unit_guide_dialog_new:
 * @rules: the rule data
 * @ansvar: the unit's ansvar
 * @name: (nullable): its name
 * @year: the year the split is for (2024 or later names 257/258)
 * @input: (nullable): the guide's earlier input for the unit (a
 *   `veiviser-unit/1` document), shown again; the year stays @year
 *
 * Returns: (transfer full): the dialog, with one employee when @input is
 *   %NULL or cannot be read; a window holds itself, so the caller may drop
 *   its reference once the dialog is presented
 */
VvUnitGuideDialog *
vv_unit_guide_dialog_new (VvRules    *rules,
                          const char *ansvar,
                          const char *name,
                          int         year,
                          const char *input)
{
  VvUnitGuideDialog *self;
  g_autofree char *subtitle = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (VV_IS_RULES (rules), NULL);
  g_return_val_if_fail (ansvar != NULL, NULL);

  self = g_object_ref_sink (g_object_new (VV_TYPE_UNIT_GUIDE_DIALOG, NULL));
  self->rules = g_object_ref (rules);
  self->ansvar = g_strdup (ansvar);
  self->name = g_strdup (name != NULL && *name != '\0' ? name : NULL);
  self->year = year;
  /* Translators: under the unit guide's title: the unit's ansvar and name */
  subtitle = self->name != NULL ? g_strdup_printf (_("Ansvar %s · %s"), ansvar, self->name)
                                /* Translators: under the unit guide's title */
                                : g_strdup_printf (_("Ansvar %s"), ansvar);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  if (input == NULL || !vv_unit_guide_dialog_load_input (self, input, -1, "units", &error))
    {
      if (error != NULL)
        g_debug ("the unit's earlier input is not used: %s", error->message);
      vv_unit_guide_dialog_add_employee (self, 0, 0, 0);
    }
  update (self);
  return self;
}

const char *
vv_unit_guide_dialog_get_ansvar (VvUnitGuideDialog *self)
{
  g_return_val_if_fail (VV_IS_UNIT_GUIDE_DIALOG (self), NULL);

  return self->ansvar;
}

/**
 * vv_unit_guide_dialog_dup_allocation:
 * @self: the dialog
 *
 * Returns: (transfer full) (nullable): the unit's Fordeling as the units
 *   register writes it (`257:70 258:30`), %NULL while it cannot be split
 */
char *
vv_unit_guide_dialog_dup_allocation (VvUnitGuideDialog *self)
{
  g_return_val_if_fail (VV_IS_UNIT_GUIDE_DIALOG (self), NULL);

  return self->result != NULL ? vv_allocation_to_string (self->result->result->allocations)
                              : NULL;
}

/**
 * vv_unit_guide_dialog_dup_citation:
 * @self: the dialog
 *
 * Returns: (transfer full) (nullable): the citation ids the split rests
 *   on, the deciding one first, %NULL while it cannot be split
 */
char *
vv_unit_guide_dialog_dup_citation (VvUnitGuideDialog *self)
{
  g_return_val_if_fail (VV_IS_UNIT_GUIDE_DIALOG (self), NULL);

  return self->result != NULL ? vv_unit_result_get_citation (self->result) : NULL;
}

/**
 * vv_unit_guide_dialog_dup_input:
 * @self: the dialog
 *
 * Returns: (transfer full): what was entered, as a `veiviser-unit/1` document
 */
char *
vv_unit_guide_dialog_dup_input (VvUnitGuideDialog *self)
{
  g_return_val_if_fail (VV_IS_UNIT_GUIDE_DIALOG (self), NULL);

  return vv_unit_file_to_data (self->unit);
}

/**
 * vv_unit_guide_dialog_load_input:
 * @self: the dialog
 * @input: a `veiviser-unit/1` document
 * @length: its length, or -1
 * @display_name: the name for messages
 * @error: return location for a #GError
 *
 * Shows the base and staff of @input in place of what was entered. The
 * unit's ansvar, name and year stay those of the ledger.
 *
 * Returns: %TRUE when @input was read
 */
gboolean
vv_unit_guide_dialog_load_input (VvUnitGuideDialog  *self,
                                 const char         *input,
                                 gssize              length,
                                 const char         *display_name,
                                 GError            **error)
{
  g_autoptr(VvUnitFile) unit = NULL;

  g_return_val_if_fail (VV_IS_UNIT_GUIDE_DIALOG (self), FALSE);
  g_return_val_if_fail (input != NULL, FALSE);

  unit = vv_unit_file_new_from_data (input, length, display_name, error);
  if (unit == NULL)
    return FALSE;
  self->loading = TRUE;
  gtk_switch_set_active (self->dwellings_switch, unit->attached_dwellings);
  gtk_switch_set_active (self->shared_rota_switch, unit->shared_rota);
  gtk_switch_set_active (self->single_user_switch, unit->single_user_base);
  gtk_switch_set_active (self->children_switch, unit->children);
  clear_list (self->staff_list, NULL);
  for (guint i = 0; i < unit->staff->len; i++)
    {
      const VvUnitEmployee *e = &g_array_index (unit->staff, VvUnitEmployee, i);

      vv_unit_guide_dialog_add_employee (self, e->hours_dwellings, e->hours_outside, e->salary);
    }
  self->loading = FALSE;
  update (self);
  return TRUE;
}

/**
 * vv_unit_guide_dialog_add_employee:
 * @self: the dialog
 * @hours_dwellings: hours a week for the residents of the attached dwellings
 * @hours_outside: hours a week for users elsewhere
 * @salary: the salary, 0 when not given
 *
 * Adds an employee at the end of the staff list; the result follows.
 *
 * Returns: (transfer none): the employee's row
 */
GtkWidget *
vv_unit_guide_dialog_add_employee (VvUnitGuideDialog *self,
                                   double             hours_dwellings,
                                   double             hours_outside,
                                   double             salary)
{
  GtkWidget *row;

  g_return_val_if_fail (VV_IS_UNIT_GUIDE_DIALOG (self), NULL);

  row = vv_unit_guide_staff_row_new ();
  g_signal_connect_object (row, "changed", G_CALLBACK (on_input_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "remove", G_CALLBACK (on_staff_row_remove_cb), self, 0);
  gtk_list_box_append (self->staff_list, row);
  vv_unit_guide_staff_row_set_values (VV_UNIT_GUIDE_STAFF_ROW (row), hours_dwellings,
                                      hours_outside, salary);
  return row;
}
