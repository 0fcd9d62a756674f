/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-exercise-set-private.h: shared by vv-exercise-set.c (the set, answers,
 * scoring and the results export) and vv-exercise-set-parse.c (reading and
 * checking a veiviser-exercises/1 or veiviser-case/1 file, with errors that
 * name the file, line and field).
 */
#pragma once

#include "vv-exercise-set.h"

G_BEGIN_DECLS

struct _VvExerciseSet
{
  GObject    parent_instance;

  /* Owned */
  char      *id;
  char      *filename;
  char      *title;
  char      *title_nn;
  char      *description;
  char      *description_nn;
  char      *participant;
  GPtrArray *exercises;       /* VvExercise * */
  GPtrArray *answers;         /* VvExerciseAnswer *, NULL where not answered; parallel to exercises */
};

void     _vv_exercise_free              (gpointer    data);
gboolean _vv_exercise_is_function_code  (const char *code);

G_END_DECLS
