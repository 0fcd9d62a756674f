/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-guide-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vv-answer-row.h"
#include "vv-flowchart-view.h"
#include "vv-flowchart.h"
#include "vv-guide-page-private.h"
#include "vv-result-view.h"

G_DEFINE_FINAL_TYPE (VvGuidePage, vv_guide_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_YEAR,
  PROP_CURRENT_NODE,
  PROP_FINISHED,
  PROP_PRESENTATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REPORT_WRITTEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* helpers */

/* Only the window shows toasts. */
void
_vv_guide_page_show_toast (VvGuidePage *self,
                           const char  *text)
{
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", text))
    g_debug ("%s", text);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static const VvNode *
question_node (VvGuidePage *self,
               const char  *node_id)
{
  const VvNode *node = node_id != NULL ? vv_rules_lookup_node (self->rules, node_id) : NULL;

  return node != NULL && node->kind == VV_NODE_QUESTION ? node : NULL;
}

void
_vv_guide_page_update_actions (VvGuidePage *self)
{
  VvInterview *iv = self->interview;
  gboolean finished = vv_interview_get_finished (iv);
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "guide.back", vv_interview_get_can_go_back (iv));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "guide.cancel-edit", vv_interview_get_editing (iv));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "guide.reset", vv_interview_get_can_reset (iv));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "guide.undo-reset",
                                 vv_interview_get_can_undo_reset (iv));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "guide.copy-summary", finished);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "guide.save-case",
                                 finished && !vv_interview_get_saved (iv) && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "guide.export-pdf", finished);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "guide.export-pdf-to", finished);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "guide.print", finished);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "guide.submit-number",
                                 gtk_widget_get_visible (self->number_box));
  gtk_widget_set_visible (self->show_chart_button, folded);
  gtk_widget_set_visible (self->show_questions_button, folded);
  /* Presenting, the toolbar holds only the chart button: shown when the
   * chart is a page away, as in the normal narrow layout. */
  gtk_widget_set_visible (self->toolbar, !self->presentation || folded);
}

static GtkWidget *
option_row (VvGuidePage       *self,
            const VvFact      *fact,
            const VvFactValue *fv,
            const char        *current)
{
  g_autofree char *target = g_strdup_printf ("%s=%s", fact->id, fv->id);
  GtkWidget *row = vv_answer_row_new (vv_rules_tr (fv->label),
                                      fv->help != NULL ? vv_rules_tr (fv->help) : NULL);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "guide.answer");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", target);
  gtk_widget_add_css_class (row, "answer-button");
  if (g_strcmp0 (current, fv->id) == 0)
    {
      vv_answer_row_set_suffix_icon (VV_ANSWER_ROW (row), "object-select-symbolic");
      gtk_widget_add_css_class (row, "chosen");
    }
  else if (current == NULL && g_strcmp0 (fact->default_value, fv->id) == 0)
    vv_answer_row_set_note (VV_ANSWER_ROW (row), _("Usual answer"));
  else
    vv_answer_row_set_suffix_icon (VV_ANSWER_ROW (row), "go-next-symbolic");
  return row;
}

static void
update_number (VvGuidePage  *self,
               const VvNode *node,
               const VvFact *fact,
               const char   *current)
{
  g_autoptr(GString) hint = g_string_new (NULL);
  g_autofree char *range = NULL;

  /* Empty, not 0: 0 is an answer, and a careless Continue must not give it.
   * A reopened answer is shown as it was. */
  gtk_editable_set_text (GTK_EDITABLE (self->number_entry), current != NULL ? current : "");
  range = g_strdup_printf ("%" G_GINT64_FORMAT "–%" G_GINT64_FORMAT, fact->min, fact->max);
  gtk_entry_set_placeholder_text (self->number_entry, range);

  /* Show where each range leads, so the number's meaning is visible. */
  for (guint b = 0; b < node->branches->len; b++)
    {
      const VvBranch *branch = g_ptr_array_index (node->branches, b);
      const VvNode *next = vv_rules_lookup_node (self->rules, branch->next);

      if (branch->values != NULL || next == NULL)
        continue;
      if (hint->len > 0)
        g_string_append (hint, "\n");
      if (branch->min == branch->max)
        g_string_append_printf (hint, "%" G_GINT64_FORMAT, branch->min);
      else
        g_string_append_printf (hint, "%" G_GINT64_FORMAT "–%" G_GINT64_FORMAT,
                                branch->min, branch->max);
      g_string_append_printf (hint, " → %s", vv_rules_tr (next->title));
    }
  gtk_label_set_label (self->number_hint_label, hint->str);
  gtk_widget_set_visible (GTK_WIDGET (self->number_hint_label), hint->len > 0);
}

static void
update_question (VvGuidePage *self)
{
  const VvNode *node = question_node (self, vv_interview_get_current_node (self->interview));
  const VvFact *fact;
  g_autofree char *current = NULL;
  g_autofree char *step = NULL;
  gboolean editing = vv_interview_get_editing (self->interview);

  clear_list (self->options_list);
  gtk_widget_set_visible (self->edit_hint_label, editing && !self->presentation);
  /* The rows just removed may have held the keyboard focus. GTK 4.8 keeps
   * the list as the box's focus child, and once the list is hidden (a
   * number question) Tab skips the whole question box: forget it. */
  gtk_widget_set_focus_child (gtk_widget_get_parent (GTK_WIDGET (self->options_list)), NULL);
  if (node == NULL)
    {
      gtk_widget_set_visible (self->number_box, FALSE);
      return;
    }
  fact = vv_rules_lookup_fact (self->rules, node->fact);
  current = vv_interview_dup_current_value (self->interview);

  if (editing)
    /* Translators: the number of the question being changed */
    step = g_strdup_printf (_("Changing answer %u"), vv_interview_get_step (self->interview));
  else
    /* Translators: the number of the question being asked */
    step = g_strdup_printf (_("Question %u"), vv_interview_get_step (self->interview));
  gtk_label_set_label (self->step_label, step);
  gtk_label_set_label (self->question_label, vv_rules_tr (fact->question));
  gtk_label_set_label (self->help_label, fact->help != NULL ? vv_rules_tr (fact->help) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->help_expander), fact->help != NULL);

  gtk_widget_set_visible (self->number_box, fact->type == VV_FACT_INTEGER);
  gtk_widget_set_visible (GTK_WIDGET (self->options_list), fact->type != VV_FACT_INTEGER);
  if (fact->type == VV_FACT_INTEGER)
    {
      update_number (self, node, fact, current);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->number_hint_label), FALSE);

  for (guint v = 0; fact->values != NULL && v < fact->values->len; v++)
    {
      const VvFactValue *fv = g_ptr_array_index (fact->values, v);
      gboolean offered = FALSE;

      /* Only the values this question branches on. */
      for (guint b = 0; b < node->branches->len && !offered; b++)
        {
          const VvBranch *branch = g_ptr_array_index (node->branches, b);

          offered = branch->values != NULL &&
                    g_strv_contains ((const char * const *) branch->values, fv->id);
        }
      if (offered)
        gtk_list_box_append (self->options_list, option_row (self, fact, fv, current));
    }
}

static void
update_answers (VvGuidePage *self)
{
  GPtrArray *answers = vv_interview_get_answers (self->interview);
  const char *edit_node = vv_interview_get_edit_node (self->interview);

  clear_list (self->answers_list);
  for (guint i = 0; i < answers->len; i++)
    {
      const VvInterviewAnswer *a = g_ptr_array_index (answers, i);
      g_autofree char *prefix = g_strdup_printf ("%u", a->number);
      GtkWidget *row = vv_answer_row_new (vv_rules_tr (a->fact->label), a->label);

      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "guide.edit");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", a->node_id);
      gtk_widget_set_tooltip_text (row, _("Change this answer"));
      vv_answer_row_set_badge (VV_ANSWER_ROW (row), prefix);
      vv_answer_row_set_suffix_icon (VV_ANSWER_ROW (row),
                                     g_strcmp0 (edit_node, a->node_id) == 0
                                     ? "document-edit-symbolic" : "go-next-symbolic");
      gtk_list_box_append (self->answers_list, row);
    }
  gtk_widget_set_visible (self->answers_box, answers->len > 0 && !self->presentation);
}

static void
update_flowchart (VvGuidePage *self)
{
  g_auto(GStrv) path = vv_interview_dup_path (self->interview);

  vv_flowchart_view_set_path (self->flowchart_view, (const char * const *) path);
  if (vv_flowchart_view_get_zoom (self->flowchart_view) > 0)
    _vv_guide_page_center_on_current (self);
}

/* The result card is built the first time there is a result to show, not
 * for the window's first frame, which shows the first question. */
static void
ensure_result_view (VvGuidePage *self)
{
  if (self->result_view != NULL)
    return;
  self->result_view = VV_RESULT_VIEW (vv_result_view_new ());
  vv_result_view_set_presentation (self->result_view, self->presentation);
  vv_result_view_set_interview (self->result_view, self->interview);
  adw_bin_set_child (self->result_bin, GTK_WIDGET (self->result_view));
}

void
_vv_guide_page_update (VvGuidePage *self)
{
  gboolean finished = vv_interview_get_finished (self->interview);

  if (finished)
    ensure_result_view (self);
  gtk_widget_set_visible (self->question_box, !finished);
  gtk_widget_set_visible (GTK_WIDGET (self->result_bin), finished);
  update_question (self);
  update_answers (self);
  update_flowchart (self);
  _vv_guide_page_update_actions (self);
}

/* Typing goes to the question: the number field, or the chosen (else the
 * first) answer, where the arrow keys move between the answers. */
static void
focus_question (VvGuidePage *self)
{
  GtkWidget *target = NULL;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || self->presentation)
    return;
  if (gtk_widget_get_visible (self->number_box))
    target = GTK_WIDGET (self->number_entry);
  else if (gtk_widget_get_visible (self->question_box))
    {
      for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->options_list));
           row != NULL; row = gtk_widget_get_next_sibling (row))
        {
          if (target == NULL || gtk_widget_has_css_class (row, "chosen"))
            target = row;
        }
    }
  if (target != NULL)
    gtk_widget_grab_focus (target);
}

/* callbacks */

static void
on_interview_changed_cb (VvGuidePage *self)
{
  _vv_guide_page_update (self);
}

static void
on_interview_notify_current_node_cb (VvGuidePage *self)
{
  focus_question (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_NODE]);
}

static void
on_interview_notify_finished_cb (VvGuidePage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);
}

static void
on_interview_notify_year_cb (VvGuidePage *self)
{
  int min = vv_rules_get_min_year (self->rules);
  int year = vv_interview_get_year (self->interview);

  if (gtk_drop_down_get_selected (self->year_dropdown) != (guint) (year - min))
    gtk_drop_down_set_selected (self->year_dropdown, year - min);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
}

static void
on_interview_notify_saved_cb (VvGuidePage *self)
{
  _vv_guide_page_update_actions (self);
}

static void
on_year_dropdown_notify_selected_cb (VvGuidePage *self)
{
  guint selected = gtk_drop_down_get_selected (self->year_dropdown);

  if (selected != GTK_INVALID_LIST_POSITION)
    vv_guide_page_set_year (self, vv_rules_get_min_year (self->rules) + (int) selected);
}

static gboolean
update_after_fold_cb (gpointer user_data)
{
  VvGuidePage *self = user_data;

  self->folded_idle_id = 0;
  _vv_guide_page_update_actions (self);
  return G_SOURCE_REMOVE;
}

/* The leaflet says it folded while it is being allocated: showing or
 * hiding buttons then would queue a resize in the middle of the layout,
 * and GTK would draw the page stack without an allocation. The buttons
 * follow right after the frame's layout instead. */
static void
on_leaflet_notify_folded_cb (VvGuidePage *self)
{
  if (self->folded_idle_id == 0)
    self->folded_idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_after_fold_cb, self,
                                            NULL);
}

static void
on_flowchart_view_node_activated_cb (VvGuidePage *self,
                                     const char  *node_id)
{
  if (g_strcmp0 (node_id, vv_interview_get_current_node (self->interview)) == 0)
    return;
  if (!vv_interview_is_answered (self->interview, node_id))
    {
      _vv_guide_page_show_toast (self, _("That question is not on the path of your answers"));
      return;
    }
  vv_interview_edit (self->interview, node_id, NULL);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "questions");
}

static void
on_number_entry_activate_cb (VvGuidePage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "guide.submit-number", NULL);
}

/* overrides */

static void
vv_guide_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  VvGuidePage *self = VV_GUIDE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, vv_guide_page_get_context (self));
      break;
    case PROP_YEAR:
      g_value_set_int (value, vv_guide_page_get_year (self));
      break;
    case PROP_CURRENT_NODE:
      g_value_set_string (value, vv_guide_page_get_current_node (self));
      break;
    case PROP_FINISHED:
      g_value_set_boolean (value, vv_guide_page_get_finished (self));
      break;
    case PROP_PRESENTATION:
      g_value_set_boolean (value, vv_guide_page_get_presentation (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vv_guide_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  VvGuidePage *self = VV_GUIDE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      vv_guide_page_set_context (self, g_value_get_object (value));
      break;
    case PROP_YEAR:
      vv_guide_page_set_year (self, g_value_get_int (value));
      break;
    case PROP_PRESENTATION:
      vv_guide_page_set_presentation (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vv_guide_page_dispose (GObject *object)
{
  VvGuidePage *self = VV_GUIDE_PAGE (object);

  g_clear_object (&self->context);
  g_clear_handle_id (&self->folded_idle_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  _vv_guide_page_chart_dispose (self);
  if (self->dialog != NULL)
    gtk_native_dialog_destroy (self->dialog);
  g_clear_object (&self->dialog);
  if (self->interview != NULL)
    g_signal_handlers_disconnect_by_data (self->interview, self);

  G_OBJECT_CLASS (vv_guide_page_parent_class)->dispose (object);
}

static void
vv_guide_page_finalize (GObject *object)
{
  VvGuidePage *self = VV_GUIDE_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->flowchart);
  g_clear_object (&self->interview);

  G_OBJECT_CLASS (vv_guide_page_parent_class)->finalize (object);
}

static void
vv_guide_page_class_init (VvGuidePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vv_guide_page_dispose;
  object_class->finalize = vv_guide_page_finalize;
  object_class->get_property = vv_guide_page_get_property;
  object_class->set_property = vv_guide_page_set_property;

  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, G_MAXINT, 2024,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CURRENT_NODE] =
    g_param_spec_string ("current-node", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FINISHED] =
    g_param_spec_boolean ("finished", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PRESENTATION] =
    g_param_spec_boolean ("presentation", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * VvGuidePage:context:
   *
   * What the pages share, bound from the window.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, VV_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VvGuidePage::report-written:
   * @self: the page
   * @path: (nullable): the file written, or %NULL on failure
   * @message: (nullable): the error message on failure
   */
  signals[REPORT_WRITTEN] =
    g_signal_new ("report-written", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  g_type_ensure (VV_TYPE_FLOWCHART_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               VV_RESOURCE_PATH "/ui/vv-guide-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, answers_box);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, answers_list);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, chart_hint_label);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, chart_scroller);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, edit_hint_label);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, flowchart_view);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, glossary_list);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, help_expander);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, help_label);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, number_box);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, number_entry);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, number_hint_label);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, options_list);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, panel_scroller);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, question_box);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, question_label);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, result_bin);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, show_chart_button);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, show_questions_button);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, step_label);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, year_dropdown);

  _vv_guide_page_class_actions_init (klass);
}

static void
vv_guide_page_init (VvGuidePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rules = vv_rules_get_default ();
  self->interview = vv_interview_new (self->rules);
  self->cancellable = g_cancellable_new ();
  /* Laid out on a worker thread since the application's start, if it was. */
  self->flowchart = vv_flowchart_new_default ();
  vv_flowchart_view_set_flowchart (self->flowchart_view, self->flowchart);

  _vv_guide_page_fill_toolbar (self);

  g_signal_connect_object (self->interview, "changed", G_CALLBACK (on_interview_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->interview, "notify::current-node",
                           G_CALLBACK (on_interview_notify_current_node_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->interview, "notify::finished",
                           G_CALLBACK (on_interview_notify_finished_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->interview, "notify::year",
                           G_CALLBACK (on_interview_notify_year_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->interview, "notify::saved",
                           G_CALLBACK (on_interview_notify_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->year_dropdown, "notify::selected",
                           G_CALLBACK (on_year_dropdown_notify_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::folded",
                           G_CALLBACK (on_leaflet_notify_folded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flowchart_view, "node-activated",
                           G_CALLBACK (on_flowchart_view_node_activated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->number_entry, "activate",
                           G_CALLBACK (on_number_entry_activate_cb), self, G_CONNECT_SWAPPED);

  _vv_guide_page_update (self);
  _vv_guide_page_chart_init (self);
}

/* public API */

GtkWidget *
vv_guide_page_new (void)
{
  return g_object_new (VV_TYPE_GUIDE_PAGE, NULL);
}

/**
 * vv_guide_page_get_interview:
 * @self: the page
 *
 * Returns: (transfer none): the question flow the page shows
 */
VvInterview *
vv_guide_page_get_interview (VvGuidePage *self)
{
  g_return_val_if_fail (VV_IS_GUIDE_PAGE (self), NULL);

  return self->interview;
}

int
vv_guide_page_get_year (VvGuidePage *self)
{
  g_return_val_if_fail (VV_IS_GUIDE_PAGE (self), 0);

  return vv_interview_get_year (self->interview);
}

void
vv_guide_page_set_year (VvGuidePage *self,
                        int          year)
{
  g_return_if_fail (VV_IS_GUIDE_PAGE (self));

  vv_interview_set_year (self->interview, year);
}

/**
 * vv_guide_page_get_current_node:
 * @self: the page
 *
 * Returns: (nullable): the question node being shown, or %NULL when an
 *   outcome is reached
 */
const char *
vv_guide_page_get_current_node (VvGuidePage *self)
{
  g_return_val_if_fail (VV_IS_GUIDE_PAGE (self), NULL);

  return vv_interview_get_current_node (self->interview);
}

gboolean
vv_guide_page_get_finished (VvGuidePage *self)
{
  g_return_val_if_fail (VV_IS_GUIDE_PAGE (self), FALSE);

  return vv_interview_get_finished (self->interview);
}

/**
 * vv_guide_page_get_result:
 * @self: the page
 *
 * Returns: (transfer none) (nullable): the latest classification of the
 *   answers (outcome "needs_answer" while questions remain)
 */
const VvResult *
vv_guide_page_get_result (VvGuidePage *self)
{
  g_return_val_if_fail (VV_IS_GUIDE_PAGE (self), NULL);

  return vv_interview_get_result (self->interview);
}

/**
 * vv_guide_page_dup_facts:
 * @self: the page
 *
 * Returns: (transfer full): the answers on the current path
 */
JsonObject *
vv_guide_page_dup_facts (VvGuidePage *self)
{
  g_return_val_if_fail (VV_IS_GUIDE_PAGE (self), NULL);

  return vv_interview_dup_facts (self->interview);
}

/**
 * vv_guide_page_dup_path:
 * @self: the page
 *
 * Returns: (transfer full): the node ids highlighted in the flowchart
 */
GStrv
vv_guide_page_dup_path (VvGuidePage *self)
{
  g_return_val_if_fail (VV_IS_GUIDE_PAGE (self), NULL);

  return g_strdupv ((char **) vv_flowchart_view_get_path (self->flowchart_view));
}

/**
 * vv_guide_page_answer:
 * @self: the page
 * @fact_id: a fact id
 * @value: the answer as text: a value id, "true"/"false" or a number
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the answer is valid (see vv_interview_answer())
 */
gboolean
vv_guide_page_answer (VvGuidePage  *self,
                      const char   *fact_id,
                      const char   *value,
                      GError      **error)
{
  g_return_val_if_fail (VV_IS_GUIDE_PAGE (self), FALSE);

  return vv_interview_answer (self->interview, fact_id, value, error);
}

void
vv_guide_page_edit (VvGuidePage *self,
                    const char  *node_id)
{
  g_return_if_fail (VV_IS_GUIDE_PAGE (self));
  g_return_if_fail (node_id != NULL);

  vv_interview_edit (self->interview, node_id, NULL);
}

void
vv_guide_page_back (VvGuidePage *self)
{
  g_return_if_fail (VV_IS_GUIDE_PAGE (self));

  vv_interview_back (self->interview);
}

void
vv_guide_page_reset (VvGuidePage *self)
{
  g_return_if_fail (VV_IS_GUIDE_PAGE (self));

  vv_interview_reset (self->interview);
}

/**
 * vv_guide_page_undo_reset:
 * @self: the page
 *
 * Brings back the answers the last reset cleared.
 *
 * Returns: %TRUE if there was a reset to undo
 */
gboolean
vv_guide_page_undo_reset (VvGuidePage *self)
{
  g_return_val_if_fail (VV_IS_GUIDE_PAGE (self), FALSE);

  return vv_interview_undo_reset (self->interview);
}

/**
 * vv_guide_page_load_case:
 * @self: the page
 * @kase: a case
 * @error: return location for a #GError
 *
 * Replaces the answers and the year with those of @kase; see
 * vv_interview_load_case().
 *
 * Returns: %TRUE if the case's facts are valid
 */
gboolean
vv_guide_page_load_case (VvGuidePage   *self,
                         const VvCase  *kase,
                         GError       **error)
{
  g_return_val_if_fail (VV_IS_GUIDE_PAGE (self), FALSE);

  if (!vv_interview_load_case (self->interview, kase, error))
    return FALSE;
  adw_leaflet_set_visible_child_name (self->leaflet, "questions");
  return TRUE;
}

/**
 * vv_guide_page_dup_summary:
 * @self: the page
 *
 * Returns: (transfer full) (nullable): the answers and the result as plain
 *   text with the quoted rules, or %NULL while questions remain
 */
char *
vv_guide_page_dup_summary (VvGuidePage *self)
{
  g_return_val_if_fail (VV_IS_GUIDE_PAGE (self), NULL);

  return vv_interview_dup_summary (self->interview);
}

gboolean
vv_guide_page_get_presentation (VvGuidePage *self)
{
  g_return_val_if_fail (VV_IS_GUIDE_PAGE (self), FALSE);

  return self->presentation;
}

/**
 * vv_guide_page_set_presentation:
 * @self: the page
 * @presentation: whether to show the page for a room
 *
 * In presentation mode the flowchart gets most of the space, the answer
 * list and toolbar are hidden, and Page Up/Down, the arrow keys and Space
 * step through the answers of the case.
 */
void
vv_guide_page_set_presentation (VvGuidePage *self,
                                gboolean     presentation)
{
  g_return_if_fail (VV_IS_GUIDE_PAGE (self));

  presentation = !!presentation;
  if (self->presentation == presentation)
    return;
  self->presentation = presentation;

  /* The year, the glossary, back and start over are not for the room;
   * the button that shows the chart at 360 px is (issue 14, items 3 and 9). */
  for (GtkWidget *c = gtk_widget_get_first_child (self->toolbar); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (c != self->show_chart_button && !gtk_widget_get_hexpand (c))
      gtk_widget_set_visible (c, !presentation);
  gtk_widget_set_visible (self->chart_hint_label, !presentation);
  gtk_widget_set_focusable (GTK_WIDGET (self->flowchart_view), presentation);
  /* The room looks at the chart: side by side the card keeps its width and
   * the chart takes the rest (both expanding, it had half of 1400 px). */
  gtk_widget_set_hexpand (self->panel_scroller, FALSE);
  gtk_widget_set_hexpand_set (self->panel_scroller, presentation);
  /* The room follows the current step in the middle of the screen, also
   * once the window has gone fullscreen. */
  vv_flowchart_view_set_center_current (self->flowchart_view, presentation);
  if (presentation)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
      gtk_widget_grab_focus (GTK_WIDGET (self->flowchart_view));
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "presentation");
  /* The room sees the question, the answer and the chart; details stay in
   * the normal view. */
  if (self->result_view != NULL)
    vv_result_view_set_presentation (self->result_view, presentation);
  /* A room needs the chart large: zoom in on the current step. */
  _vv_guide_page_set_zoom (self, presentation ? 1.3 : _vv_guide_page_normal_zoom (self));
  _vv_guide_page_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESENTATION]);
}

void
_vv_guide_page_report_written (VvGuidePage *self,
                               const char  *path,
                               const char  *message)
{
  g_signal_emit (self, signals[REPORT_WRITTEN], 0, path, message);
}

/**
 * vv_guide_page_get_context:
 * @self: the page
 *
 * Returns: (transfer none) (nullable): the context
 */
VvContext *
vv_guide_page_get_context (VvGuidePage *self)
{
  g_return_val_if_fail (VV_IS_GUIDE_PAGE (self), NULL);

  return self->context;
}

/**
 * vv_guide_page_set_context:
 * @self: the page
 * @context: (nullable): the context
 */
void
vv_guide_page_set_context (VvGuidePage *self,
                           VvContext   *context)
{
  g_return_if_fail (VV_IS_GUIDE_PAGE (self));
  g_return_if_fail (context == NULL || VV_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}
