/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-training-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vv-citation-row.h"
#include "vv-classifier.h"
#include "vv-exercise-set.h"
#include "vv-rules.h"
#include "vv-training-page-private.h"

/* helpers */

static void
update_score (VvTrainingPage *self)
{
  g_autofree char *score = NULL;
  g_autofree char *progress = NULL;
  guint answered = 0;
  guint correct;

  correct = vv_exercise_set_get_score (self->current_set, &answered);
  /* TRANSLATORS: the running score in training mode, e.g. "2 of 3 correct" */
  score = g_strdup_printf (_("%u of %u correct"), correct, answered);
  gtk_label_set_label (self->score_label, score);

  /* TRANSLATORS: position in an exercise set, e.g. "Exercise 3 of 17" */
  progress = g_strdup_printf (_("Exercise %u of %u"), self->position + 1,
                              vv_exercise_set_get_n_exercises (self->current_set));
  gtk_label_set_label (self->progress_label, progress);
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 (double) answered /
                                 MAX (1, vv_exercise_set_get_n_exercises (self->current_set)));
}

/* After an answer, the right button(s) turn green and a wrong choice red,
 * so the participant sees both at a glance. */
static void
mark_answer_buttons (VvTrainingPage   *self,
                     const VvExercise *exercise,
                     const char       *given)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->answer_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      GVariant *target;
      g_autofree char *normalised = NULL;
      gboolean right = FALSE;

      gtk_widget_remove_css_class (button, "answer-right");
      gtk_widget_remove_css_class (button, "destructive-action");
      if (exercise == NULL || !GTK_IS_ACTIONABLE (button))
        continue;
      target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));
      if (target == NULL || !g_variant_is_of_type (target, G_VARIANT_TYPE_STRING) ||
          !vv_exercise_score (exercise, g_variant_get_string (target, NULL), &right,
                              &normalised, NULL))
        continue;
      if (right)
        gtk_widget_add_css_class (button, "answer-right");
      else if (g_strcmp0 (normalised, given) == 0)
        gtk_widget_add_css_class (button, "destructive-action");
    }
}

/* Answers are stored in the machine form ("257:70 258:30", "outside_kostra"). */
static char *
format_answer (const char *answer)
{
  g_auto(GStrv) parts = NULL;

  if (g_strcmp0 (answer, "outside_kostra") == 0)
    return g_strdup (_("Outside KOSTRA"));
  parts = g_strsplit (answer, " ", -1);
  /* TRANSLATORS: joins the functions of a split answer, e.g. "257 and 258" */
  return g_strjoinv (_(" and "), parts);
}

static void
clear_citations (VvTrainingPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->citations_list))) != NULL)
    gtk_list_box_remove (self->citations_list, child);
}

static void
show_exercise (VvTrainingPage *self)
{
  const VvExercise *exercise = vv_exercise_set_get_exercise (self->current_set, self->position);

  gtk_label_set_label (self->set_title_label, vv_exercise_set_get_title (self->current_set));
  gtk_label_set_label (self->exercise_title_label, vv_exercise_get_title (exercise));
  gtk_label_set_label (self->question_label, vv_exercise_get_question (exercise));
  gtk_label_set_label (self->verdict_label, "");
  gtk_label_set_label (self->explanation_label, "");
  clear_citations (self);
  gtk_widget_set_visible (self->feedback_box, FALSE);
  mark_answer_buttons (self, NULL, NULL);
  update_score (self);
  gtk_stack_set_visible_child_name (self->stack, "quiz");
  _vv_training_page_update_actions (self);
}

/* The exercise names the rules that decide it; show those first, then any
 * year rule the classifier applied. Fall back to all the classifier cites.
 * Each quote is shown open: it is the point of the feedback. */
static void
show_citations (VvTrainingPage   *self,
                VvRules          *rules,
                const VvExercise *exercise,
                const VvResult   *result)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  clear_citations (self);
  for (guint i = 0; exercise->rules != NULL && i < exercise->rules->len; i++)
    g_ptr_array_add (ids, g_ptr_array_index (exercise->rules, i));
  for (guint i = 0; result != NULL && result->rules != NULL && i < result->rules->len; i++)
    {
      const char *id = g_ptr_array_index (result->rules, i);

      if (ids->len == 0 || (g_str_equal (id, "254-until-2023") &&
                            !g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL)))
        g_ptr_array_add (ids, (gpointer) id);
    }
  if (ids->len == 0 && result != NULL && result->rules != NULL)
    for (guint i = 0; i < result->rules->len; i++)
      g_ptr_array_add (ids, g_ptr_array_index (result->rules, i));

  for (guint i = 0; i < ids->len; i++)
    {
      const VvCitation *citation = vv_rules_lookup_citation (rules, g_ptr_array_index (ids, i));
      GtkWidget *row;

      if (citation == NULL)
        continue;
      row = vv_citation_row_new (citation);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      gtk_list_box_append (self->citations_list, row);
    }
}

static void
show_feedback (VvTrainingPage *self,
               gboolean        correct)
{
  const VvExercise *exercise = vv_exercise_set_get_exercise (self->current_set, self->position);
  VvRules *rules = vv_rules_get_default ();
  g_autoptr(VvResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) explanation = g_string_new (NULL);
  g_autofree char *expected = vv_exercise_format_expected (exercise);
  g_autofree char *verdict = NULL;
  const VvExerciseAnswer *answer;

  if (correct)
    verdict = g_strdup_printf (_("Correct: %s"), expected);
  else
    verdict = g_strdup_printf (_("Not quite. The answer is %s."), expected);
  gtk_label_set_label (self->verdict_label, verdict);
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), correct ? "error" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), correct ? "success" : "error");

  result = vv_classify (rules, exercise->kase->year, exercise->kase->facts, &error);
  if (result == NULL)
    {
      g_debug ("Cannot classify exercise %s: %s", exercise->id, error->message);
      g_string_append (explanation, error->message);
    }
  else
    {
      if (result->explanation != NULL)
        g_string_append (explanation, result->explanation);
      for (guint i = 0; result->why_not != NULL && i < result->why_not->len; i++)
        {
          const VvWhyNot *why_not = g_ptr_array_index (result->why_not, i);

          g_string_append (explanation, "\n\n");
          /* TRANSLATORS: "Why not 257? <reason>" */
          g_string_append_printf (explanation, _("Why not %s? %s"), why_not->function,
                                  vv_rules_tr (why_not->because));
        }
    }
  gtk_label_set_label (self->explanation_label, explanation->str);

  show_citations (self, rules, exercise, result);

  gtk_widget_set_visible (self->feedback_box, TRUE);
  answer = vv_exercise_set_get_answer (self->current_set, self->position);
  mark_answer_buttons (self, exercise, answer != NULL ? answer->answer : NULL);
  update_score (self);
  _vv_training_page_update_actions (self);
  gtk_widget_grab_focus (self->next_button);
}

static GtkWidget *
create_summary_row (const VvExercise       *exercise,
                    const VvExerciseAnswer *answer)
{
  g_autofree char *expected = vv_exercise_format_expected (exercise);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;
  const char *verdict;

  if (answer != NULL && answer->correct)
    {
      icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");
      gtk_widget_add_css_class (icon, "success");
      verdict = _("Correct");
      subtitle = g_strdup (expected);
    }
  else if (answer != NULL)
    {
      g_autofree char *given = format_answer (answer->answer);

      icon = gtk_image_new_from_icon_name ("window-close-symbolic");
      gtk_widget_add_css_class (icon, "error");
      verdict = _("Wrong");
      /* TRANSLATORS: summary of a wrong answer: the answer given, then the right one */
      subtitle = g_strdup_printf (_("You answered %s; the answer is %s"), given, expected);
    }
  else
    {
      icon = gtk_image_new_from_icon_name ("list-remove-symbolic");
      gtk_widget_add_css_class (icon, "dim-label");
      verdict = _("Not answered");
      /* TRANSLATORS: summary of an exercise that was skipped; %s is the right answer */
      subtitle = g_strdup_printf (_("Not answered; the answer is %s"), expected);
    }
  gtk_widget_set_tooltip_text (icon, verdict);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, verdict,
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), vv_exercise_get_title (exercise));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
show_summary (VvTrainingPage *self)
{
  g_autofree char *description = NULL;
  guint n = vv_exercise_set_get_n_exercises (self->current_set);
  guint answered = 0;
  guint correct;
  GtkWidget *child;

  correct = vv_exercise_set_get_score (self->current_set, &answered);
  /* TRANSLATORS: summary at the end of an exercise set */
  description = g_strdup_printf (_("%u of %u correct (%u %%)"), correct, n,
                                 n > 0 ? (correct * 100 + n / 2) / n : 0);
  adw_status_page_set_description (self->summary_page, description);
  /* a trophy for a good score; otherwise just "done" */
  adw_status_page_set_icon_name (self->summary_page,
                                 correct * 5 >= n * 4 ? "starred-symbolic"
                                                      : "emblem-ok-symbolic");

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->summary_list))) != NULL)
    gtk_list_box_remove (self->summary_list, child);
  for (guint i = 0; i < n; i++)
    gtk_list_box_append (self->summary_list,
                         create_summary_row (vv_exercise_set_get_exercise (self->current_set, i),
                                             vv_exercise_set_get_answer (self->current_set, i)));

  gtk_stack_set_visible_child_name (self->stack, "summary");
  _vv_training_page_update_actions (self);
}

static void
start_set (VvTrainingPage *self,
           VvExerciseSet  *set)
{
  const char *participant = gtk_editable_get_text (GTK_EDITABLE (self->participant_row));

  _vv_training_page_set_current_set (self, set);
  vv_exercise_set_clear_answers (set);
  vv_exercise_set_set_participant (set, participant != NULL && *participant != '\0'
                                          ? participant : NULL);
  _vv_training_page_set_position (self, 0);
  show_exercise (self);
}

/* callbacks */

static void
training_start_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VvTrainingPage *self = VV_TRAINING_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  VvExerciseSet *set = _vv_training_page_find_set (self, id);

  if (set == NULL)
    {
      g_debug ("No exercise set “%s”", id);
      return;
    }
  start_set (self, set);
}

static void
training_answer_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  VvTrainingPage *self = VV_TRAINING_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gboolean correct = FALSE;

  if (self->current_set == NULL)
    return;
  if (!vv_exercise_set_answer (self->current_set, self->position,
                               g_variant_get_string (parameter, NULL), &correct, &error))
    {
      _vv_training_page_show_toast (self, error->message);
      return;
    }
  show_feedback (self, correct);
}

static void
training_next_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VvTrainingPage *self = VV_TRAINING_PAGE (widget);

  if (self->current_set == NULL)
    return;
  if (self->position + 1 >= vv_exercise_set_get_n_exercises (self->current_set))
    {
      show_summary (self);
      return;
    }
  _vv_training_page_set_position (self, self->position + 1);
  show_exercise (self);
}

static void
training_restart_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  VvTrainingPage *self = VV_TRAINING_PAGE (widget);

  if (self->current_set != NULL)
    start_set (self, self->current_set);
}

static void
training_back_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VvTrainingPage *self = VV_TRAINING_PAGE (widget);

  gtk_stack_set_visible_child_name (self->stack, "sets");
  _vv_training_page_update_actions (self);
}

/* class */

void
_vv_training_page_class_quiz_init (VvTrainingPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "training.start", "s", training_start_cb);
  gtk_widget_class_install_action (widget_class, "training.answer", "s", training_answer_cb);
  gtk_widget_class_install_action (widget_class, "training.next", NULL, training_next_cb);
  gtk_widget_class_install_action (widget_class, "training.restart", NULL, training_restart_cb);
  gtk_widget_class_install_action (widget_class, "training.back", NULL, training_back_cb);
}
