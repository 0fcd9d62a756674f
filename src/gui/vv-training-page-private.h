/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-training-page-private.h: shared by vv-training-page.c (the list of
 * exercise sets, importing a set, exporting the results) and
 * vv-training-page-quiz.c (running a set: the question, the answer and its
 * feedback with the rules that decide it, the summary).
 */
#pragma once

#include "vv-exercise-set.h"
#include "vv-training-page.h"

G_BEGIN_DECLS

struct _VvTrainingPage
{
  AdwBin           parent_instance;

  /* Template widgets */
  GtkFlowBox      *answer_box;
  GtkListBox      *citations_list;
  GtkLabel        *exercise_title_label;
  GtkLabel        *explanation_label;
  GtkWidget       *feedback_box;
  GtkWidget       *next_button;
  AdwEntryRow     *participant_row;
  GtkProgressBar  *progress_bar;
  GtkLabel        *progress_label;
  GtkLabel        *question_label;
  AdwClamp        *quiz_clamp;
  GtkLabel        *score_label;
  GtkLabel        *set_title_label;
  GtkListBox      *sets_list;
  GtkStack        *stack;
  GtkListBox      *summary_list;
  AdwStatusPage   *summary_page;
  GtkLabel        *verdict_label;

  /* Owned */
  VvContext *context;
  GListStore      *sets;          /* VvExerciseSet */
  VvExerciseSet   *current_set;
  guint            position;
  GCancellable    *cancellable;
  GtkNativeDialog *dialog;
  guint            quiz_column_tick;
  guint            quiz_font_hash;  /* the font the quiz column was set for */
};

void           _vv_training_page_show_toast        (VvTrainingPage      *self,
                                                    const char          *title);
VvExerciseSet *_vv_training_page_find_set          (VvTrainingPage      *self,
                                                    const char          *id);
void           _vv_training_page_update_actions    (VvTrainingPage      *self);
void           _vv_training_page_set_position      (VvTrainingPage      *self,
                                                    guint                position);
void           _vv_training_page_set_current_set   (VvTrainingPage      *self,
                                                    VvExerciseSet       *set);
void           _vv_training_page_class_quiz_init   (VvTrainingPageClass *klass);

G_END_DECLS
