/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-result-view"

#include "config.h"

#include <glib/gi18n.h>

#include "vv-citation-row.h"
#include "vv-result-view.h"

struct _VvResultView
{
  AdwBin          parent_instance;

  /* Template widgets */
  GtkFlowBox     *actions_box;
  GtkListBox     *advice_list;
  GtkWidget      *advice_heading;
  GtkBox         *allocations_box;
  GtkListBox     *citations_list;
  GtkWidget      *details_box;
  GtkLabel       *explanation_label;
  GtkLabel       *heading_label;
  GtkLabel       *rules_note_label;
  GtkWidget      *save_box;
  AdwButtonContent *save_content;
  GtkWidget      *saved_label;
  AdwEntryRow    *title_row;
  GtkListBox     *why_not_list;
  GtkWidget      *why_not_heading;

  /* Owned */
  VvInterview    *interview;
  gboolean        presentation;
  gboolean        syncing_title;
};

G_DEFINE_FINAL_TYPE (VvResultView, vv_result_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_INTERVIEW,
  PROP_PRESENTATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* helpers */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
wrapping_label (const char *text,
                const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
update_allocations (VvResultView   *self,
                    VvRules        *rules,
                    const VvResult *r)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->allocations_box))) != NULL)
    gtk_box_remove (self->allocations_box, child);

  if (g_str_equal (r->outcome, "split"))
    gtk_label_set_label (self->heading_label, _("Split between functions"));
  else if (g_str_equal (r->outcome, "outside_kostra"))
    gtk_label_set_label (self->heading_label, _("Result"));
  else
    gtk_label_set_label (self->heading_label, _("Function"));

  if (g_str_equal (r->outcome, "outside_kostra"))
    gtk_box_append (self->allocations_box, wrapping_label (_("Outside KOSTRA"), "result-function"));

  for (guint i = 0; i < r->allocations->len; i++)
    {
      VvAllocation *a = &g_array_index (r->allocations, VvAllocation, i);
      const VvFunction *f = vv_rules_lookup_function (rules, a->function);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *code = gtk_label_new (a->function);
      GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      g_autofree char *share = g_strdup_printf ("%d %%", a->percent);
      g_autofree char *css = g_strdup_printf ("function-%s", a->function);

      gtk_widget_add_css_class (code, "result-function");
      gtk_widget_add_css_class (code, css);
      gtk_box_append (GTK_BOX (row), code);
      gtk_box_append (GTK_BOX (text), wrapping_label (f != NULL ? vv_rules_tr (f->name) : "",
                                                      "heading"));
      gtk_box_append (GTK_BOX (text), wrapping_label (share, "dim-label"));
      gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
      gtk_widget_set_hexpand (text, TRUE);
      gtk_box_append (GTK_BOX (row), text);
      gtk_box_append (self->allocations_box, row);
    }
  for (guint i = 0; i < r->alternatives->len; i++)
    {
      const char *code = g_ptr_array_index (r->alternatives, i);
      const VvFunction *f = vv_rules_lookup_function (rules, code);
      /* Translators: an alternative function: code and name */
      g_autofree char *text = g_strdup_printf (_("Alternative: %s %s"), code,
                                               f != NULL ? vv_rules_tr (f->name) : "");

      gtk_box_append (self->allocations_box, wrapping_label (text, "dim-label"));
    }
}

static void
update_details (VvResultView   *self,
                VvRules        *rules,
                const VvResult *r)
{
  clear_list (self->why_not_list);
  clear_list (self->advice_list);
  clear_list (self->citations_list);

  for (guint i = 0; i < r->why_not->len; i++)
    {
      VvWhyNot *w = g_ptr_array_index (r->why_not, i);
      g_autofree char *title = g_strdup_printf (_("Why not %s?"), w->function);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), w->because);
      gtk_list_box_append (self->why_not_list, row);
    }
  gtk_widget_set_visible (self->why_not_heading, r->why_not->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->why_not_list), r->why_not->len > 0);

  for (guint i = 0; i < r->advice->len; i++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *label = wrapping_label (g_ptr_array_index (r->advice, i), NULL);

      gtk_widget_set_margin_top (label, 12);
      gtk_widget_set_margin_bottom (label, 12);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->advice_list, row);
    }
  gtk_widget_set_visible (self->advice_heading, r->advice->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->advice_list), r->advice->len > 0);

  for (guint i = 0; i < r->rules->len; i++)
    {
      const VvCitation *c = vv_rules_lookup_citation (rules, g_ptr_array_index (r->rules, i));
      GtkWidget *row;

      if (c == NULL)
        continue;
      row = vv_citation_row_new (c);
      /* The outcome's own rule comes first; show it open. */
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), i == 0);
      gtk_list_box_append (self->citations_list, row);
    }
}

static void
update_case (VvResultView *self)
{
  const char *note = vv_interview_get_rules_note (self->interview);
  const char *title = vv_interview_get_title (self->interview);
  gboolean saved = vv_interview_get_saved (self->interview);
  g_autofree char *placeholder = vv_interview_dup_default_title (self->interview);

  gtk_label_set_label (self->rules_note_label, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->rules_note_label), note != NULL);
  if (vv_interview_get_result_changed (self->interview))
    gtk_widget_add_css_class (GTK_WIDGET (self->rules_note_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->rules_note_label), "warning");

  self->syncing_title = TRUE;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->title_row)), title != NULL ? title : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->title_row), title != NULL ? title : "");
  self->syncing_title = FALSE;
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_row), placeholder);

  gtk_widget_set_visible (self->saved_label, saved);
  adw_button_content_set_label (self->save_content,
                                vv_interview_get_case_id (self->interview) > 0 ? _("_Save Changes")
                                                                                : _("_Save"));
}

static void
vv_result_view_update (VvResultView *self)
{
  const VvResult *r = self->interview != NULL ? vv_interview_get_result (self->interview) : NULL;
  VvRules *rules;

  if (r == NULL || !vv_interview_get_finished (self->interview))
    return;
  rules = vv_interview_get_rules (self->interview);
  gtk_label_set_label (self->explanation_label, r->explanation != NULL ? r->explanation : "");
  update_allocations (self, rules, r);
  update_details (self, rules, r);
  update_case (self);
}

/* callbacks */

static void
on_interview_changed_cb (VvResultView *self)
{
  vv_result_view_update (self);
}

static void
on_interview_case_notify_cb (VvResultView *self)
{
  update_case (self);
}

static void
on_title_row_changed_cb (VvResultView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->title_row));

  if (self->syncing_title || self->interview == NULL)
    return;
  vv_interview_set_title (self->interview, *text != '\0' ? text : NULL);
}

/* overrides */

static void
vv_result_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  VvResultView *self = VV_RESULT_VIEW (object);

  switch (prop_id)
    {
    case PROP_INTERVIEW:
      g_value_set_object (value, vv_result_view_get_interview (self));
      break;
    case PROP_PRESENTATION:
      g_value_set_boolean (value, vv_result_view_get_presentation (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vv_result_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  VvResultView *self = VV_RESULT_VIEW (object);

  switch (prop_id)
    {
    case PROP_INTERVIEW:
      vv_result_view_set_interview (self, g_value_get_object (value));
      break;
    case PROP_PRESENTATION:
      vv_result_view_set_presentation (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vv_result_view_dispose (GObject *object)
{
  VvResultView *self = VV_RESULT_VIEW (object);

  if (self->interview != NULL)
    g_signal_handlers_disconnect_by_data (self->interview, self);
  g_clear_object (&self->interview);

  G_OBJECT_CLASS (vv_result_view_parent_class)->dispose (object);
}

static void
vv_result_view_class_init (VvResultViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vv_result_view_dispose;
  object_class->get_property = vv_result_view_get_property;
  object_class->set_property = vv_result_view_set_property;

  properties[PROP_INTERVIEW] =
    g_param_spec_object ("interview", NULL, NULL, VV_TYPE_INTERVIEW,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PRESENTATION] =
    g_param_spec_boolean ("presentation", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (VV_TYPE_CITATION_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               VV_RESOURCE_PATH "/ui/vv-result-view.ui");
  gtk_widget_class_bind_template_child (widget_class, VvResultView, actions_box);
  gtk_widget_class_bind_template_child (widget_class, VvResultView, advice_heading);
  gtk_widget_class_bind_template_child (widget_class, VvResultView, advice_list);
  gtk_widget_class_bind_template_child (widget_class, VvResultView, allocations_box);
  gtk_widget_class_bind_template_child (widget_class, VvResultView, citations_list);
  gtk_widget_class_bind_template_child (widget_class, VvResultView, details_box);
  gtk_widget_class_bind_template_child (widget_class, VvResultView, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, VvResultView, heading_label);
  gtk_widget_class_bind_template_child (widget_class, VvResultView, rules_note_label);
  gtk_widget_class_bind_template_child (widget_class, VvResultView, save_box);
  gtk_widget_class_bind_template_child (widget_class, VvResultView, save_content);
  gtk_widget_class_bind_template_child (widget_class, VvResultView, saved_label);
  gtk_widget_class_bind_template_child (widget_class, VvResultView, title_row);
  gtk_widget_class_bind_template_child (widget_class, VvResultView, why_not_heading);
  gtk_widget_class_bind_template_child (widget_class, VvResultView, why_not_list);
}

static void
vv_result_view_init (VvResultView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The buttons are the tab stops, not the flow box's cells. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->actions_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
  g_signal_connect_object (self->title_row, "changed", G_CALLBACK (on_title_row_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/* public API */

GtkWidget *
vv_result_view_new (void)
{
  return g_object_new (VV_TYPE_RESULT_VIEW, NULL);
}

VvInterview *
vv_result_view_get_interview (VvResultView *self)
{
  g_return_val_if_fail (VV_IS_RESULT_VIEW (self), NULL);

  return self->interview;
}

/**
 * vv_result_view_set_interview:
 * @self: the view
 * @interview: (nullable): the interview whose result is shown
 */
void
vv_result_view_set_interview (VvResultView *self,
                              VvInterview  *interview)
{
  g_return_if_fail (VV_IS_RESULT_VIEW (self));
  g_return_if_fail (interview == NULL || VV_IS_INTERVIEW (interview));

  if (self->interview == interview)
    return;
  if (self->interview != NULL)
    g_signal_handlers_disconnect_by_data (self->interview, self);
  g_set_object (&self->interview, interview);
  if (interview != NULL)
    {
      g_signal_connect_object (interview, "changed", G_CALLBACK (on_interview_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (interview, "notify::saved", G_CALLBACK (on_interview_case_notify_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (interview, "notify::title", G_CALLBACK (on_interview_case_notify_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (interview, "notify::rules-note",
                               G_CALLBACK (on_interview_case_notify_cb), self, G_CONNECT_SWAPPED);
      vv_result_view_update (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVIEW]);
}

gboolean
vv_result_view_get_presentation (VvResultView *self)
{
  g_return_val_if_fail (VV_IS_RESULT_VIEW (self), FALSE);

  return self->presentation;
}

/**
 * vv_result_view_set_presentation:
 * @self: the view
 * @presentation: whether the view is shown to a room
 *
 * A room sees the function(s) and the explanation; the details, the
 * buttons and the case's title stay in the normal view.
 */
void
vv_result_view_set_presentation (VvResultView *self,
                                 gboolean      presentation)
{
  g_return_if_fail (VV_IS_RESULT_VIEW (self));

  presentation = !!presentation;
  if (self->presentation == presentation)
    return;
  self->presentation = presentation;
  gtk_widget_set_visible (self->details_box, !presentation);
  gtk_widget_set_visible (GTK_WIDGET (self->actions_box), !presentation);
  gtk_widget_set_visible (self->save_box, !presentation);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESENTATION]);
}

/**
 * vv_result_view_get_title_text:
 * @self: the view
 *
 * Returns: the title typed for the case ("" if none)
 */
const char *
vv_result_view_get_title_text (VvResultView *self)
{
  g_return_val_if_fail (VV_IS_RESULT_VIEW (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->title_row));
}
