/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vv-context.h"
#include "vv-exercise-set.h"

G_BEGIN_DECLS

#define VV_TYPE_TRAINING_PAGE (vv_training_page_get_type ())

G_DECLARE_FINAL_TYPE (VvTrainingPage, vv_training_page, VV, TRAINING_PAGE, AdwBin)

GtkWidget     *vv_training_page_new             (void);
GListModel    *vv_training_page_get_sets        (VvTrainingPage  *self);
VvExerciseSet *vv_training_page_get_current_set (VvTrainingPage  *self);
guint          vv_training_page_get_position    (VvTrainingPage  *self);
gboolean       vv_training_page_add_set         (VvTrainingPage  *self,
                                                 VvExerciseSet   *set);
void           vv_training_page_import_file     (VvTrainingPage  *self,
                                                 GFile           *file);
VvContext *vv_training_page_get_context (VvTrainingPage *self);
void       vv_training_page_set_context (VvTrainingPage *self,
                                        VvContext *context);

G_END_DECLS
