/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-guide-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vv-case-store.h"
#include "vv-classifier.h"
#include "vv-flowchart-view.h"
#include "vv-flowchart.h"
#include "vv-guide-page.h"
#include "vv-report.h"
#include "vv-rules.h"

struct _VvGuidePage
{
  AdwBin           parent_instance;

  /* Template widgets */
  GtkListBox      *advice_list;
  GtkWidget       *advice_heading;
  GtkBox          *allocations_box;
  GtkWidget       *answers_box;
  GtkListBox      *answers_list;
  GtkWidget       *chart_hint_label;
  GtkWidget       *details_box;
  GtkWidget       *result_actions;
  GtkScrolledWindow *chart_scroller;
  GtkListBox      *citations_list;
  GtkLabel        *explanation_label;
  VvFlowchartView *flowchart_view;
  GtkListBox      *glossary_list;
  GtkExpander     *help_expander;
  GtkLabel        *help_label;
  GtkAdjustment   *number_adjustment;
  GtkWidget       *number_box;
  GtkLabel        *number_hint_label;
  GtkSpinButton   *number_spin;
  GtkListBox      *options_list;
  GtkPaned        *paned;
  GtkWidget       *question_box;
  GtkLabel        *question_label;
  GtkWidget       *result_box;
  GtkLabel        *result_heading_label;
  GtkLabel        *step_label;
  GtkWidget       *toolbar;
  GtkListBox      *why_not_list;
  GtkWidget       *why_not_heading;
  GtkDropDown     *year_dropdown;

  /* Borrowed */
  VvRules         *rules;

  /* Owned */
  VvContext *context;
  VvFlowchart     *flowchart;
  JsonObject      *answers;       /* every answer given; only those on the path count */
  VvResult        *result;
  char            *ask_node;      /* the question shown, NULL when an outcome is reached */
  char            *edit_node;     /* an answered question reopened, or NULL */
  GtkNativeDialog *dialog;
  GCancellable    *cancellable;
  guint            center_tick;
  guint            center_frames;
  guint            first_zoom_tick;
  int              year;
  gboolean         presentation;
};

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

static void vv_guide_page_evaluate (VvGuidePage *self);

/* helpers */

static void
show_toast (VvGuidePage *self,
            const char  *text)
{
  /* Only the window shows toasts. */
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

static const VvNode *
question_node (VvGuidePage *self,
               const char  *node_id)
{
  const VvNode *node = node_id != NULL ? vv_rules_lookup_node (self->rules, node_id) : NULL;

  return node != NULL && node->kind == VV_NODE_QUESTION ? node : NULL;
}

static gboolean
path_contains (VvGuidePage *self,
               const char  *node_id)
{
  if (self->result == NULL || node_id == NULL)
    return FALSE;
  for (guint i = 0; i < self->result->path->len; i++)
    if (g_str_equal (g_ptr_array_index (self->result->path, i), node_id))
      return TRUE;
  return FALSE;
}

/* The canonical string of the answer to @fact ("true", "17", "bpa"), or NULL. */
static char *
answer_value (VvGuidePage  *self,
              const VvFact *fact)
{
  JsonNode *value = json_object_get_member (self->answers, fact->id);

  if (value == NULL)
    return NULL;
  return vv_classify_check_fact (self->rules, fact->id, value, NULL);
}

static char *
value_label (VvGuidePage  *self,
             const VvFact *fact,
             const char   *value)
{
  const VvFactValue *fv = vv_rules_lookup_fact_value (self->rules, fact->id, value);

  if (fv != NULL)
    return g_strdup (vv_rules_tr (fv->label));
  return g_strdup (value);
}

static void
vv_guide_page_update_actions (VvGuidePage *self)
{
  gboolean finished = vv_guide_page_get_finished (self);
  gboolean has_answers = json_object_get_size (self->answers) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "guide.back",
                                 has_answers || self->edit_node != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "guide.reset", has_answers);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "guide.copy-summary", finished);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "guide.save-case", finished);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "guide.export-pdf", finished);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "guide.export-pdf-to", finished);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "guide.print", finished);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "guide.submit-number",
                                 gtk_widget_get_visible (self->number_box));
}

static void
update_question (VvGuidePage *self)
{
  const VvNode *node = question_node (self, self->ask_node);
  const VvFact *fact;
  g_autofree char *current = NULL;
  g_autofree char *step = NULL;
  guint number = 0;

  clear_list (self->options_list);
  if (node == NULL)
    {
      gtk_widget_set_visible (self->number_box, FALSE);
      return;
    }
  fact = vv_rules_lookup_fact (self->rules, node->fact);
  current = answer_value (self, fact);

  for (guint i = 0; i < self->result->path->len; i++)
    {
      if (question_node (self, g_ptr_array_index (self->result->path, i)) != NULL)
        number++;
      if (g_str_equal (g_ptr_array_index (self->result->path, i), node->id))
        break;
    }
  if (self->edit_node != NULL)
    /* Translators: the number of the question being changed */
    step = g_strdup_printf (_("Changing answer %u"), number);
  else
    /* Translators: the number of the question being asked */
    step = g_strdup_printf (_("Question %u"), number);
  gtk_label_set_label (self->step_label, step);
  gtk_label_set_label (self->question_label, vv_rules_tr (fact->question));
  gtk_label_set_label (self->help_label, fact->help != NULL ? vv_rules_tr (fact->help) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->help_expander), fact->help != NULL);

  if (fact->type == VV_FACT_INTEGER)
    {
      g_autoptr(GString) hint = g_string_new (NULL);
      gint64 start = fact->min;

      if (current != NULL)
        start = g_ascii_strtoll (current, NULL, 10);
      else if (fact->default_value != NULL)
        start = g_ascii_strtoll (fact->default_value, NULL, 10);
      gtk_adjustment_configure (self->number_adjustment, start, fact->min, fact->max, 1, 10, 0);

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
      gtk_widget_set_visible (self->number_box, TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->number_hint_label), hint->len > 0);
      gtk_widget_set_visible (GTK_WIDGET (self->options_list), FALSE);
      return;
    }

  gtk_widget_set_visible (self->number_box, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->number_hint_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->options_list), TRUE);

  for (guint v = 0; fact->values != NULL && v < fact->values->len; v++)
    {
      const VvFactValue *fv = g_ptr_array_index (fact->values, v);
      g_autofree char *target = g_strdup_printf ("%s=%s", fact->id, fv->id);
      gboolean offered = FALSE;
      GtkWidget *row;

      /* Only the values this question branches on. */
      for (guint b = 0; b < node->branches->len && !offered; b++)
        {
          const VvBranch *branch = g_ptr_array_index (node->branches, b);

          offered = branch->values != NULL &&
                    g_strv_contains ((const char * const *) branch->values, fv->id);
        }
      if (!offered)
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), vv_rules_tr (fv->label));
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
      if (fv->help != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), vv_rules_tr (fv->help));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "guide.answer");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", target);
      gtk_widget_add_css_class (row, "answer-button");
      if (g_strcmp0 (current, fv->id) == 0)
        {
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name ("object-select-symbolic"));
          gtk_widget_add_css_class (row, "chosen");
        }
      else if (current == NULL && g_strcmp0 (fact->default_value, fv->id) == 0)
        {
          GtkWidget *label = gtk_label_new (_("Usual answer"));

          gtk_widget_add_css_class (label, "dim-label");
          gtk_widget_add_css_class (label, "caption");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
        }
      else
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_append (self->options_list, row);
    }
}

static void
update_answers (VvGuidePage *self)
{
  guint number = 0;
  guint shown = 0;

  clear_list (self->answers_list);
  for (guint i = 0; self->result != NULL && i < self->result->path->len; i++)
    {
      const VvNode *node = question_node (self, g_ptr_array_index (self->result->path, i));
      const VvFact *fact;
      g_autofree char *value = NULL;
      g_autofree char *label = NULL;
      g_autofree char *prefix = NULL;
      GtkWidget *row;
      GtkWidget *badge;

      if (node == NULL)
        continue;
      number++;
      fact = vv_rules_lookup_fact (self->rules, node->fact);
      value = answer_value (self, fact);
      if (value == NULL)
        continue;
      label = value_label (self, fact, value);

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), vv_rules_tr (fact->label));
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "guide.edit");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", node->id);
      gtk_widget_set_tooltip_text (row, _("Change this answer"));

      prefix = g_strdup_printf ("%u", number);
      badge = gtk_label_new (prefix);
      gtk_widget_add_css_class (badge, "numeric");
      gtk_widget_add_css_class (badge, "dim-label");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), badge);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name (g_strcmp0 (self->edit_node, node->id) == 0
                                                               ? "document-edit-symbolic"
                                                               : "go-next-symbolic"));
      gtk_list_box_append (self->answers_list, row);
      shown++;
    }
  gtk_widget_set_visible (self->answers_box, shown > 0 && !self->presentation);
}

static void
update_result (VvGuidePage *self)
{
  VvResult *r = self->result;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->allocations_box))) != NULL)
    gtk_box_remove (self->allocations_box, child);
  clear_list (self->why_not_list);
  clear_list (self->advice_list);
  clear_list (self->citations_list);

  if (r == NULL || self->ask_node != NULL)
    return;

  if (g_str_equal (r->outcome, "split"))
    gtk_label_set_label (self->result_heading_label, _("Split between functions"));
  else if (g_str_equal (r->outcome, "outside_kostra"))
    gtk_label_set_label (self->result_heading_label, _("Result"));
  else
    gtk_label_set_label (self->result_heading_label, _("Function"));

  if (g_str_equal (r->outcome, "outside_kostra"))
    gtk_box_append (self->allocations_box, wrapping_label (_("Outside KOSTRA"), "result-function"));

  for (guint i = 0; i < r->allocations->len; i++)
    {
      VvAllocation *a = &g_array_index (r->allocations, VvAllocation, i);
      const VvFunction *f = vv_rules_lookup_function (self->rules, a->function);
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
      const VvFunction *f = vv_rules_lookup_function (self->rules, code);
      /* Translators: an alternative function: code and name */
      g_autofree char *text = g_strdup_printf (_("Alternative: %s %s"), code,
                                               f != NULL ? vv_rules_tr (f->name) : "");

      gtk_box_append (self->allocations_box, wrapping_label (text, "dim-label"));
    }
  gtk_label_set_label (self->explanation_label, r->explanation != NULL ? r->explanation : "");

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
      const VvCitation *c = vv_rules_lookup_citation (self->rules, g_ptr_array_index (r->rules, i));
      g_autofree char *lines = NULL;
      g_autofree char *where = NULL;
      g_autofree char *quote = NULL;
      GtkWidget *row, *box;

      if (c == NULL)
        continue;
      lines = vv_citation_format_lines (c);
      where = g_strdup_printf ("%s · %s, %s", c->source, c->document, lines);
      quote = g_strdup_printf ("«%s»", c->text);

      row = adw_expander_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     c->summary != NULL ? vv_rules_tr (c->summary) : c->source);
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), c->source);
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      gtk_widget_set_margin_top (box, 12);
      gtk_widget_set_margin_bottom (box, 12);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_box_append (GTK_BOX (box), wrapping_label (quote, "citation"));
      gtk_box_append (GTK_BOX (box), wrapping_label (where, "citation-source"));
      gtk_label_set_selectable (GTK_LABEL (gtk_widget_get_first_child (box)), TRUE);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), box);
      /* The outcome's own rule comes first; show it open. */
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), i == 0);
      gtk_list_box_append (self->citations_list, row);
    }
}

static gboolean
center_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  VvGuidePage *self = VV_GUIDE_PAGE (user_data);
  const char * const *path = vv_flowchart_view_get_path (self->flowchart_view);
  guint len = path != NULL ? g_strv_length ((char **) path) : 0;
  GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (self->chart_scroller);
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (self->chart_scroller);
  double x, y;

  double zoom = vv_flowchart_view_get_zoom (self->flowchart_view);
  double chart_width;

  /* Wait until the chart has been given its zoomed size. */
  vv_flowchart_get_size (self->flowchart, &chart_width, NULL);
  if (zoom > 0 && gtk_widget_get_width (GTK_WIDGET (self->flowchart_view)) < chart_width * zoom - 2 &&
      ++self->center_frames < 60)
    return G_SOURCE_CONTINUE;

  self->center_tick = 0;
  if (len > 0 && vv_flowchart_view_get_node_center (self->flowchart_view, path[len - 1], &x, &y))
    {
      gtk_adjustment_set_value (h, x - gtk_adjustment_get_page_size (h) / 2);
      gtk_adjustment_set_value (v, y - gtk_adjustment_get_page_size (v) / 2);
    }
  return G_SOURCE_REMOVE;
}

/* Once the zoomed chart has its new size, scroll the current node into
 * the middle of the view. */
static void
center_on_current (VvGuidePage *self)
{
  self->center_frames = 0;
  if (self->center_tick == 0)
    self->center_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->chart_scroller),
                                                      center_tick_cb, self, NULL);
}

static void
set_zoom (VvGuidePage *self,
          double       zoom)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->chart_scroller)) - 12;
  int height = gtk_widget_get_height (GTK_WIDGET (self->chart_scroller)) - 12;
  double fit = vv_flowchart_get_scale (self->flowchart, width, height);

  /* Zooming out past the whole chart is the same as fitting it. */
  if (zoom <= fit * 1.01)
    zoom = 0;
  vv_flowchart_view_set_zoom (self->flowchart_view, zoom);
  gtk_scrolled_window_set_policy (self->chart_scroller,
                                  zoom > 0 ? GTK_POLICY_AUTOMATIC : GTK_POLICY_NEVER,
                                  zoom > 0 ? GTK_POLICY_AUTOMATIC : GTK_POLICY_NEVER);
  if (zoom > 0)
    center_on_current (self);
}

/* The whole chart fitted into a normal window is drawn too small to read
 * (about a quarter of its size). The first time the chart is shown, and on
 * leaving presentation mode, it is zoomed to a readable size around the
 * current question instead; "Show the Whole Chart" (Ctrl+0) still gives the
 * overview. */
#define READABLE_SCALE 0.8
#define FIT_READABLE_ENOUGH 0.6

static double
normal_zoom (VvGuidePage *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->chart_scroller)) - 12;
  int height = gtk_widget_get_height (GTK_WIDGET (self->chart_scroller)) - 12;

  if (width > 0 && height > 0 &&
      vv_flowchart_get_scale (self->flowchart, width, height) < FIT_READABLE_ENOUGH)
    return READABLE_SCALE;
  return 0;
}

static gboolean
first_zoom_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  VvGuidePage *self = VV_GUIDE_PAGE (user_data);

  if (gtk_widget_get_width (widget) <= 12 || gtk_widget_get_height (widget) <= 12)
    return G_SOURCE_CONTINUE;
  self->first_zoom_tick = 0;
  if (!self->presentation && vv_flowchart_view_get_zoom (self->flowchart_view) == 0)
    set_zoom (self, normal_zoom (self));
  return G_SOURCE_REMOVE;
}

static void
update_flowchart (VvGuidePage *self)
{
  g_autoptr(GPtrArray) path = g_ptr_array_new ();

  for (guint i = 0; self->result != NULL && i < self->result->path->len; i++)
    {
      const char *id = g_ptr_array_index (self->result->path, i);

      g_ptr_array_add (path, (gpointer) id);
      if (g_strcmp0 (id, self->ask_node) == 0)
        break;
    }
  g_ptr_array_add (path, NULL);
  vv_flowchart_view_set_path (self->flowchart_view, (const char * const *) path->pdata);
  if (vv_flowchart_view_get_zoom (self->flowchart_view) > 0)
    center_on_current (self);
}

static void
vv_guide_page_update (VvGuidePage *self)
{
  gboolean finished = self->ask_node == NULL && self->result != NULL;

  gtk_widget_set_visible (self->question_box, !finished);
  gtk_widget_set_visible (self->result_box, finished);
  update_question (self);
  update_answers (self);
  update_result (self);
  update_flowchart (self);
  vv_guide_page_update_actions (self);
}

static void
vv_guide_page_evaluate (VvGuidePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old_ask = g_steal_pointer (&self->ask_node);
  gboolean was_finished = self->result != NULL && old_ask == NULL;
  const char *ask = NULL;

  g_clear_pointer (&self->result, vv_result_free);
  self->result = vv_classify (self->rules, self->year, self->answers, &error);
  if (self->result == NULL)
    {
      /* Answers are checked when given, so this is a rule-data problem. */
      g_warning ("Could not classify: %s", error->message);
      return;
    }

  if (self->edit_node != NULL && path_contains (self, self->edit_node))
    ask = self->edit_node;
  else
    {
      g_clear_pointer (&self->edit_node, g_free);
      for (guint i = 0; i < self->result->path->len; i++)
        {
          const VvNode *node = question_node (self, g_ptr_array_index (self->result->path, i));

          if (node != NULL && !json_object_has_member (self->answers, node->fact))
            {
              ask = node->id;
              break;
            }
        }
    }
  self->ask_node = g_strdup (ask);

  vv_guide_page_update (self);

  if (g_strcmp0 (old_ask, self->ask_node) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_NODE]);
  if (was_finished != vv_guide_page_get_finished (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);
}

static GPtrArray *
answered_path_questions (VvGuidePage *self)
{
  GPtrArray *questions = g_ptr_array_new ();

  for (guint i = 0; self->result != NULL && i < self->result->path->len; i++)
    {
      const VvNode *node = question_node (self, g_ptr_array_index (self->result->path, i));

      if (node != NULL && json_object_has_member (self->answers, node->fact))
        g_ptr_array_add (questions, node->id);
    }
  return questions;
}

static void
step (VvGuidePage *self,
      int          direction)
{
  g_autoptr(GPtrArray) questions = answered_path_questions (self);
  int index = -1;

  if (questions->len == 0)
    return;
  if (self->edit_node != NULL)
    {
      for (guint i = 0; i < questions->len; i++)
        if (g_str_equal (g_ptr_array_index (questions, i), self->edit_node))
          index = i;
    }
  else if (self->ask_node != NULL)
    {
      /* Live at an unanswered question: "previous" is the last answer. */
      index = questions->len;
    }
  else
    index = questions->len;

  index += direction;
  if (index < 0)
    return;
  g_clear_pointer (&self->edit_node, g_free);
  if ((guint) index < questions->len)
    self->edit_node = g_strdup (g_ptr_array_index (questions, index));
  vv_guide_page_evaluate (self);
}

static void
fill_glossary (VvGuidePage *self)
{
  GPtrArray *glossary = vv_rules_get_glossary (self->rules);

  for (guint i = 0; glossary != NULL && i < glossary->len; i++)
    {
      const VvGlossaryEntry *entry = g_ptr_array_index (glossary, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->term);
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), vv_rules_tr (entry->definition));
      if (entry->rule != NULL)
        {
          const VvCitation *c = vv_rules_lookup_citation (self->rules, entry->rule);

          if (c != NULL)
            gtk_widget_set_tooltip_text (row, c->source);
        }
      gtk_list_box_append (self->glossary_list, row);
    }
}

static void
fill_years (VvGuidePage *self)
{
  g_autoptr(GtkStringList) years = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int min = vv_rules_get_min_year (self->rules);
  int max = vv_rules_get_max_year (self->rules);

  for (int y = min; y <= max; y++)
    {
      g_autofree char *s = g_strdup_printf ("%d", y);

      gtk_string_list_append (years, s);
    }
  gtk_drop_down_set_model (self->year_dropdown, G_LIST_MODEL (years));
  self->year = CLAMP (g_date_time_get_year (now), min, max);
  gtk_drop_down_set_selected (self->year_dropdown, self->year - min);
}

static VvCaseStore *
find_case_store (VvGuidePage  *self,
                 GError      **error)
{
  if (self->context == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Cases can only be saved from the application window"));
      return NULL;
    }
  return vv_context_get_case_store (self->context, error);
}

/* callbacks */

static void
on_year_dropdown_notify_selected_cb (VvGuidePage *self)
{
  guint selected = gtk_drop_down_get_selected (self->year_dropdown);

  if (selected != GTK_INVALID_LIST_POSITION)
    vv_guide_page_set_year (self, vv_rules_get_min_year (self->rules) + (int) selected);
}

static void
on_flowchart_view_node_activated_cb (VvGuidePage *self,
                                     const char  *node_id)
{
  g_autoptr(GPtrArray) questions = answered_path_questions (self);

  if (g_strcmp0 (node_id, self->ask_node) == 0)
    return;
  for (guint i = 0; i < questions->len; i++)
    if (g_str_equal (g_ptr_array_index (questions, i), node_id))
      {
        vv_guide_page_edit (self, node_id);
        return;
      }
  show_toast (self, _("That question is not on the path of your answers"));
}

static void
report_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(VvGuidePage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!vv_report_write_pdf_finish (VV_REPORT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, error->message);
      g_signal_emit (self, signals[REPORT_WRITTEN], 0, NULL, error->message);
      return;
    }
  show_toast (self, _("Decision report exported"));
  g_signal_emit (self, signals[REPORT_WRITTEN], 0,
                 g_object_get_data (G_OBJECT (object), "vv-path"), NULL);
}

static void
on_export_dialog_response_cb (GtkNativeDialog *dialog,
                              int              response,
                              VvGuidePage     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      vv_guide_page_export_pdf (self, file);
    }
  g_clear_object (&self->dialog);
}

static void
on_print_begin_print_cb (GtkPrintOperation *operation,
                         GtkPrintContext   *context,
                         VvReport          *report)
{
  gtk_print_operation_set_n_pages (operation,
                                   vv_report_get_n_pages (report,
                                                          gtk_print_context_get_width (context),
                                                          gtk_print_context_get_height (context)));
}

static void
on_print_draw_page_cb (GtkPrintOperation *operation,
                       GtkPrintContext   *context,
                       int                page,
                       VvReport          *report)
{
  vv_report_render_page (report, page, gtk_print_context_get_cairo_context (context),
                         gtk_print_context_get_width (context),
                         gtk_print_context_get_height (context));
}

/* actions */

static void
answer_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VvGuidePage *self = VV_GUIDE_PAGE (widget);
  const char *arg = g_variant_get_string (parameter, NULL);
  g_auto(GStrv) parts = g_strsplit (arg, "=", 2);
  g_autoptr(GError) error = NULL;

  if (g_strv_length (parts) != 2)
    {
      g_critical ("guide.answer expects “fact=value”, got “%s”", arg);
      return;
    }
  if (!vv_guide_page_answer (self, parts[0], parts[1], &error))
    show_toast (self, error->message);
}

static void
submit_number_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  VvGuidePage *self = VV_GUIDE_PAGE (widget);
  const VvNode *node = question_node (self, self->ask_node);
  g_autofree char *value = NULL;
  g_autoptr(GError) error = NULL;

  if (node == NULL)
    return;
  gtk_spin_button_update (self->number_spin);
  value = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (self->number_spin));
  if (!vv_guide_page_answer (self, node->fact, value, &error))
    show_toast (self, error->message);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  vv_guide_page_edit (VV_GUIDE_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  vv_guide_page_back (VV_GUIDE_PAGE (widget));
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  vv_guide_page_reset (VV_GUIDE_PAGE (widget));
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  step (VV_GUIDE_PAGE (widget), g_str_equal (action_name, "guide.step-next") ? 1 : -1);
}

static void
copy_summary_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  VvGuidePage *self = VV_GUIDE_PAGE (widget);
  g_autofree char *text = vv_guide_page_dup_summary (self);

  if (text == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  show_toast (self, _("Summary copied"));
}

static void
save_case_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VvGuidePage *self = VV_GUIDE_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(VvCase) kase = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  /* The user's date format (23. nov. 2026), as in the list of cases. */
  g_autofree char *date = g_date_time_format (now, "%x %H:%M");
  g_autofree char *summary = NULL;
  VvCaseStore *store;

  if (!vv_guide_page_get_finished (self))
    return;
  store = find_case_store (self, &error);
  if (store == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  summary = vv_result_summary (self->result);
  kase = vv_case_new ();
  /* Translators: default title of a saved case: the result and the date */
  kase->title = g_strdup_printf (_("%s (%s)"), summary, date);
  kase->year = self->year;
  g_clear_pointer (&kase->facts, json_object_unref);
  kase->facts = vv_guide_page_dup_facts (self);
  if (!vv_case_store_add (store, kase, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not save the case: %s"), error->message);

      show_toast (self, text);
      return;
    }
  show_toast (self, _("Case saved"));
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VvGuidePage *self = VV_GUIDE_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->dialog != NULL)
    return;
  native = gtk_file_chooser_native_new (_("Export Decision Report"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  /* Translators: default file name of the exported report */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), _("decision-report.pdf"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_export_dialog_response_cb), self);
  self->dialog = GTK_NATIVE_DIALOG (native);
  gtk_native_dialog_show (self->dialog);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  VvGuidePage *self = VV_GUIDE_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!vv_guide_page_print (self, NULL, &error))
    show_toast (self, error->message);
}

static void
export_pdf_to_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  vv_guide_page_export_pdf (VV_GUIDE_PAGE (widget), file);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VvGuidePage *self = VV_GUIDE_PAGE (widget);
  double current = vv_flowchart_view_get_zoom (self->flowchart_view);

  if (current <= 0)
    current = vv_flowchart_view_get_scale (self->flowchart_view);
  if (g_str_equal (action_name, "guide.zoom-in"))
    set_zoom (self, MIN (current * 1.4, 2.5));
  else if (g_str_equal (action_name, "guide.zoom-out"))
    set_zoom (self, current / 1.4);
  else
    set_zoom (self, 0);
}

static gboolean
presentation_key_cb (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  VvGuidePage *self = VV_GUIDE_PAGE (widget);

  if (!self->presentation)
    return FALSE;
  step (self, g_variant_get_int32 (args));
  return TRUE;
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

  g_cancellable_cancel (self->cancellable);
  if (self->center_tick != 0 && self->chart_scroller != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->chart_scroller), self->center_tick);
  self->center_tick = 0;
  if (self->first_zoom_tick != 0 && self->chart_scroller != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->chart_scroller), self->first_zoom_tick);
  self->first_zoom_tick = 0;
  if (self->dialog != NULL)
    gtk_native_dialog_destroy (self->dialog);
  g_clear_object (&self->dialog);

  G_OBJECT_CLASS (vv_guide_page_parent_class)->dispose (object);
}

static void
vv_guide_page_finalize (GObject *object)
{
  VvGuidePage *self = VV_GUIDE_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->flowchart);
  g_clear_pointer (&self->answers, json_object_unref);
  g_clear_pointer (&self->result, vv_result_free);
  g_clear_pointer (&self->ask_node, g_free);
  g_clear_pointer (&self->edit_node, g_free);

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
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, advice_heading);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, advice_list);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, allocations_box);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, answers_box);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, answers_list);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, chart_hint_label);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, chart_scroller);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, citations_list);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, details_box);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, flowchart_view);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, glossary_list);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, help_expander);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, help_label);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, number_adjustment);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, number_box);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, number_hint_label);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, number_spin);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, options_list);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, paned);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, question_box);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, question_label);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, result_actions);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, result_box);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, result_heading_label);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, step_label);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, why_not_heading);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, why_not_list);
  gtk_widget_class_bind_template_child (widget_class, VvGuidePage, year_dropdown);

  gtk_widget_class_install_action (widget_class, "guide.answer", "s", answer_action);
  gtk_widget_class_install_action (widget_class, "guide.submit-number", NULL, submit_number_action);
  gtk_widget_class_install_action (widget_class, "guide.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "guide.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "guide.reset", NULL, reset_action);
  gtk_widget_class_install_action (widget_class, "guide.step-next", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "guide.step-previous", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "guide.copy-summary", NULL, copy_summary_action);
  gtk_widget_class_install_action (widget_class, "guide.save-case", NULL, save_case_action);
  gtk_widget_class_install_action (widget_class, "guide.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "guide.export-pdf-to", "s", export_pdf_to_action);
  gtk_widget_class_install_action (widget_class, "guide.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "guide.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "guide.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "guide.zoom-fit", NULL, zoom_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "guide.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "guide.reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "guide.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "guide.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "guide.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "guide.zoom-fit", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Page_Down, 0, presentation_key_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Right, 0, presentation_key_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_space, 0, presentation_key_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Page_Up, 0, presentation_key_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, 0, presentation_key_cb, "i", -1);
}

static void
vv_guide_page_init (VvGuidePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rules = vv_rules_get_default ();
  self->answers = json_object_new ();
  self->cancellable = g_cancellable_new ();
  self->flowchart = vv_flowchart_new (self->rules);
  vv_flowchart_view_set_flowchart (self->flowchart_view, self->flowchart);

  fill_years (self);
  fill_glossary (self);

  g_signal_connect_object (self->year_dropdown, "notify::selected",
                           G_CALLBACK (on_year_dropdown_notify_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flowchart_view, "node-activated",
                           G_CALLBACK (on_flowchart_view_node_activated_cb), self,
                           G_CONNECT_SWAPPED);

  vv_guide_page_evaluate (self);
  self->first_zoom_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->chart_scroller),
                                                        first_zoom_tick_cb, self, NULL);
}

/* public API */

GtkWidget *
vv_guide_page_new (void)
{
  return g_object_new (VV_TYPE_GUIDE_PAGE, NULL);
}

int
vv_guide_page_get_year (VvGuidePage *self)
{
  g_return_val_if_fail (VV_IS_GUIDE_PAGE (self), 0);

  return self->year;
}

void
vv_guide_page_set_year (VvGuidePage *self,
                        int          year)
{
  int min, max;

  g_return_if_fail (VV_IS_GUIDE_PAGE (self));

  min = vv_rules_get_min_year (self->rules);
  max = vv_rules_get_max_year (self->rules);
  year = CLAMP (year, min, max);
  if (self->year == year)
    return;

  self->year = year;
  if (gtk_drop_down_get_selected (self->year_dropdown) != (guint) (year - min))
    gtk_drop_down_set_selected (self->year_dropdown, year - min);
  vv_guide_page_evaluate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
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

  return self->ask_node;
}

gboolean
vv_guide_page_get_finished (VvGuidePage *self)
{
  g_return_val_if_fail (VV_IS_GUIDE_PAGE (self), FALSE);

  return self->result != NULL && self->ask_node == NULL;
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

  return self->result;
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
  JsonObject *facts;

  g_return_val_if_fail (VV_IS_GUIDE_PAGE (self), NULL);

  facts = json_object_new ();
  for (guint i = 0; self->result != NULL && i < self->result->path->len; i++)
    {
      const VvNode *node = question_node (self, g_ptr_array_index (self->result->path, i));
      JsonNode *value;

      if (node == NULL)
        continue;
      value = json_object_get_member (self->answers, node->fact);
      if (value != NULL && !json_object_has_member (facts, node->fact))
        json_object_set_member (facts, node->fact, json_node_copy (value));
    }
  return facts;
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
 * Records an answer and moves on. Answers to later questions are kept and
 * count again wherever the new path reaches them.
 *
 * Returns: %TRUE if the answer is valid
 */
gboolean
vv_guide_page_answer (VvGuidePage  *self,
                      const char   *fact_id,
                      const char   *value,
                      GError      **error)
{
  const VvFact *fact;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *checked = NULL;

  g_return_val_if_fail (VV_IS_GUIDE_PAGE (self), FALSE);
  g_return_val_if_fail (fact_id != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  fact = vv_rules_lookup_fact (self->rules, fact_id);
  if (fact == NULL)
    {
      g_set_error (error, VV_CLASSIFY_ERROR, VV_CLASSIFY_ERROR_UNKNOWN_VALUE,
                   _("Unknown question “%s”"), fact_id);
      return FALSE;
    }

  node = json_node_new (JSON_NODE_VALUE);
  if (fact->type == VV_FACT_INTEGER)
    {
      gint64 number;

      if (!g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &number, NULL))
        {
          g_set_error (error, VV_CLASSIFY_ERROR, VV_CLASSIFY_ERROR_WRONG_TYPE,
                       _("“%s” is not a whole number"), value);
          return FALSE;
        }
      json_node_set_int (node, number);
    }
  else if (fact->type == VV_FACT_BOOLEAN && (g_str_equal (value, "true") || g_str_equal (value, "false")))
    json_node_set_boolean (node, g_str_equal (value, "true"));
  else
    json_node_set_string (node, value);

  checked = vv_classify_check_fact (self->rules, fact_id, node, error);
  if (checked == NULL)
    return FALSE;

  json_object_set_member (self->answers, fact_id, g_steal_pointer (&node));
  g_clear_pointer (&self->edit_node, g_free);
  vv_guide_page_evaluate (self);
  return TRUE;
}

/**
 * vv_guide_page_edit:
 * @self: the page
 * @node_id: an answered question on the current path
 *
 * Shows that question again so its answer can be changed; the other
 * answers stay.
 */
void
vv_guide_page_edit (VvGuidePage *self,
                    const char  *node_id)
{
  g_return_if_fail (VV_IS_GUIDE_PAGE (self));
  g_return_if_fail (node_id != NULL);

  if (!path_contains (self, node_id) || question_node (self, node_id) == NULL)
    return;
  g_free (self->edit_node);
  self->edit_node = g_strdup (node_id);
  vv_guide_page_evaluate (self);
}

/**
 * vv_guide_page_back:
 * @self: the page
 *
 * Leaves a reopened question, or takes back the last answer on the path.
 */
void
vv_guide_page_back (VvGuidePage *self)
{
  g_autoptr(GPtrArray) questions = NULL;
  const VvNode *node;

  g_return_if_fail (VV_IS_GUIDE_PAGE (self));

  if (self->edit_node != NULL)
    {
      g_clear_pointer (&self->edit_node, g_free);
      vv_guide_page_evaluate (self);
      return;
    }
  questions = answered_path_questions (self);
  if (questions->len == 0)
    return;
  node = question_node (self, g_ptr_array_index (questions, questions->len - 1));
  json_object_remove_member (self->answers, node->fact);
  vv_guide_page_evaluate (self);
}

void
vv_guide_page_reset (VvGuidePage *self)
{
  g_return_if_fail (VV_IS_GUIDE_PAGE (self));

  g_clear_pointer (&self->answers, json_object_unref);
  self->answers = json_object_new ();
  g_clear_pointer (&self->edit_node, g_free);
  vv_guide_page_evaluate (self);
}

/**
 * vv_guide_page_load_case:
 * @self: the page
 * @kase: a case
 * @error: return location for a #GError
 *
 * Replaces the answers and the year with those of @kase.
 *
 * Returns: %TRUE if the case's facts are valid
 */
gboolean
vv_guide_page_load_case (VvGuidePage   *self,
                         const VvCase  *kase,
                         GError       **error)
{
  g_autoptr(VvResult) check = NULL;
  g_autoptr(GList) members = NULL;

  g_return_val_if_fail (VV_IS_GUIDE_PAGE (self), FALSE);
  g_return_val_if_fail (kase != NULL && kase->facts != NULL, FALSE);

  check = vv_classify (self->rules, kase->year, kase->facts, error);
  if (check == NULL)
    return FALSE;

  g_clear_pointer (&self->answers, json_object_unref);
  self->answers = json_object_new ();
  members = json_object_get_members (kase->facts);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (self->answers, l->data,
                            json_node_copy (json_object_get_member (kase->facts, l->data)));
  g_clear_pointer (&self->edit_node, g_free);
  if (self->year != kase->year)
    vv_guide_page_set_year (self, kase->year);
  vv_guide_page_evaluate (self);
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
  g_autoptr(GString) s = NULL;
  g_autofree char *result_text = NULL;
  g_autofree char *year = NULL;

  g_return_val_if_fail (VV_IS_GUIDE_PAGE (self), NULL);

  if (!vv_guide_page_get_finished (self))
    return NULL;

  s = g_string_new (NULL);
  year = g_strdup_printf (_("Accounting year %d"), self->year);
  g_string_append_printf (s, "%s\n\n%s\n", year, _("Answers:"));
  for (guint i = 0; i < self->result->path->len; i++)
    {
      const VvNode *node = question_node (self, g_ptr_array_index (self->result->path, i));
      const VvFact *fact;
      g_autofree char *value = NULL;
      g_autofree char *label = NULL;

      if (node == NULL)
        continue;
      fact = vv_rules_lookup_fact (self->rules, node->fact);
      value = answer_value (self, fact);
      if (value == NULL && fact->default_value != NULL)
        value = g_strdup (fact->default_value);
      if (value == NULL)
        continue;
      label = value_label (self, fact, value);
      g_string_append_printf (s, "  %s %s\n", vv_rules_tr (fact->question), label);
    }
  result_text = vv_result_to_text (self->rules, self->result);
  g_string_append_printf (s, "\n%s", result_text);
  return g_string_free (g_steal_pointer (&s), FALSE);
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

  gtk_widget_set_visible (self->toolbar, !presentation);
  gtk_widget_set_visible (self->chart_hint_label, !presentation);
  gtk_widget_set_focusable (GTK_WIDGET (self->flowchart_view), presentation);
  if (presentation)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
      gtk_widget_grab_focus (GTK_WIDGET (self->flowchart_view));
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "presentation");
  /* The room sees the question, the answer and the chart; details stay in
   * the normal view. */
  gtk_widget_set_visible (self->details_box, !presentation);
  gtk_widget_set_visible (self->result_actions, !presentation);
  /* A room needs the chart large: zoom in on the current step. */
  set_zoom (self, presentation ? 1.3 : normal_zoom (self));
  vv_guide_page_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESENTATION]);
}

/**
 * vv_guide_page_export_pdf:
 * @self: the page
 * @file: where to write the report
 *
 * Writes the decision report in a worker thread; a toast and
 * ::report-written tell how it went.
 */
void
vv_guide_page_export_pdf (VvGuidePage *self,
                          GFile       *file)
{
  g_autoptr(JsonObject) facts = NULL;
  g_autoptr(VvReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (VV_IS_GUIDE_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  facts = vv_guide_page_dup_facts (self);
  report = vv_report_new (self->rules, self->year, facts, &error);
  if (report == NULL)
    {
      show_toast (self, error->message);
      g_signal_emit (self, signals[REPORT_WRITTEN], 0, NULL, error->message);
      return;
    }
  g_object_set_data_full (G_OBJECT (report), "vv-path", g_file_get_path (file), g_free);
  vv_report_write_pdf_async (report, file, self->cancellable, report_written_cb,
                             g_object_ref (self));
}

/**
 * vv_guide_page_print:
 * @self: the page
 * @export_path: (nullable): write the printout to this PDF file instead of
 *   showing the print dialog
 * @error: return location for a #GError
 *
 * Prints the decision report, drawn by the same code as the PDF export.
 *
 * Returns: %TRUE unless printing failed
 */
gboolean
vv_guide_page_print (VvGuidePage  *self,
                     const char   *export_path,
                     GError      **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(JsonObject) facts = NULL;
  g_autoptr(VvReport) report = NULL;
  GtkPrintOperationResult result;
  GtkRoot *root;

  g_return_val_if_fail (VV_IS_GUIDE_PAGE (self), FALSE);

  facts = vv_guide_page_dup_facts (self);
  report = vv_report_new (self->rules, self->year, facts, error);
  if (report == NULL)
    return FALSE;

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, vv_report_get_title (report));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect_object (operation, "begin-print", G_CALLBACK (on_print_begin_print_cb), report, 0);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (on_print_draw_page_cb), report, 0);
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (operation, export_path);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  result = gtk_print_operation_run (operation,
                                    export_path != NULL ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                        : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, error);
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
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
                          VvContext *context)
{
  g_return_if_fail (VV_IS_GUIDE_PAGE (self));
  g_return_if_fail (context == NULL || VV_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}
