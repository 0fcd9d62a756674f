/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "vv-case.h"
#include "vv-classifier.h"
#include "vv-rules.h"

G_BEGIN_DECLS

#define VV_EXERCISE_SET_FORMAT         "veiviser-exercises/1"
#define VV_EXERCISE_RESULTS_FORMAT     "veiviser-training-results/1"

#define VV_EXERCISE_SET_ERROR (vv_exercise_set_error_quark ())

typedef enum
{
  VV_EXERCISE_SET_ERROR_READ,
  VV_EXERCISE_SET_ERROR_SYNTAX,
  VV_EXERCISE_SET_ERROR_FORMAT,
  VV_EXERCISE_SET_ERROR_MISSING_FIELD,
  VV_EXERCISE_SET_ERROR_WRONG_TYPE,
  VV_EXERCISE_SET_ERROR_INVALID_VALUE,
  VV_EXERCISE_SET_ERROR_EMPTY,
  VV_EXERCISE_SET_ERROR_ANSWER,
  VV_EXERCISE_SET_ERROR_MISMATCH,
} VvExerciseSetError;

typedef struct
{
  char      *id;
  VvCase    *kase;          /* title (bokmål), year, facts, note, expected */
  char      *title_nn;
  char      *question;      /* bokmål */
  char      *question_nn;   /* nynorsk, or NULL */
  char      *outcome;       /* expected: "function", "split" or "outside_kostra" */
  GArray    *allocations;   /* VvAllocation, expected */
  GPtrArray *alternatives;  /* char *, functions the guidance also allows */
  GPtrArray *rules;         /* char *, rule ids the classifier must cite */
} VvExercise;

typedef struct
{
  guint     exercise;       /* index in the set */
  char     *answer;         /* normalised: "257", "257:70 258:30", "257 258", "outside_kostra" */
  gboolean  correct;
} VvExerciseAnswer;

#define VV_TYPE_EXERCISE_SET (vv_exercise_set_get_type ())

G_DECLARE_FINAL_TYPE (VvExerciseSet, vv_exercise_set, VV, EXERCISE_SET, GObject)

GQuark            vv_exercise_set_error_quark       (void);

VvExerciseSet    *vv_exercise_set_new_from_bytes    (GBytes         *bytes,
                                                     const char     *filename,
                                                     GError        **error);
VvExerciseSet    *vv_exercise_set_new_from_file     (GFile          *file,
                                                     GError        **error);
VvExerciseSet    *vv_exercise_set_new_from_path     (const char     *path,
                                                     GError        **error);
const char       *vv_exercise_set_get_id            (VvExerciseSet  *self);
char             *vv_exercise_set_dup_file_stem     (VvExerciseSet  *self);
const char       *vv_exercise_set_get_filename      (VvExerciseSet  *self);
const char       *vv_exercise_set_get_title         (VvExerciseSet  *self);
const char       *vv_exercise_set_get_description   (VvExerciseSet  *self);
guint             vv_exercise_set_get_n_exercises   (VvExerciseSet  *self);
const VvExercise *vv_exercise_set_get_exercise      (VvExerciseSet  *self,
                                                     guint           index);
gboolean          vv_exercise_set_verify            (VvExerciseSet  *self,
                                                     VvRules        *rules,
                                                     GError        **error);

const char       *vv_exercise_set_get_participant   (VvExerciseSet  *self);
void              vv_exercise_set_set_participant   (VvExerciseSet  *self,
                                                     const char     *participant);
gboolean          vv_exercise_set_check_privacy     (VvExerciseSet  *self,
                                                     GError        **error);
gboolean          vv_exercise_set_answer            (VvExerciseSet  *self,
                                                     guint           index,
                                                     const char     *answer,
                                                     gboolean       *correct,
                                                     GError        **error);
const VvExerciseAnswer *vv_exercise_set_get_answer  (VvExerciseSet  *self,
                                                     guint           index);
guint             vv_exercise_set_get_score         (VvExerciseSet  *self,
                                                     guint          *n_answered);
void              vv_exercise_set_clear_answers     (VvExerciseSet  *self);
char             *vv_exercise_set_results_to_csv    (VvExerciseSet  *self);
JsonNode         *vv_exercise_set_results_to_json   (VvExerciseSet  *self);
gboolean          vv_exercise_set_save_results      (VvExerciseSet  *self,
                                                     const char     *path,
                                                     GError        **error);

const char       *vv_exercise_get_title             (const VvExercise *self);
const char       *vv_exercise_get_question          (const VvExercise *self);
char             *vv_exercise_format_expected       (const VvExercise *self);
gboolean          vv_exercise_score                 (const VvExercise *self,
                                                     const char       *answer,
                                                     gboolean         *correct,
                                                     char            **normalised,
                                                     GError          **error);
gboolean          vv_exercise_verify                (const VvExercise *self,
                                                     VvRules          *rules,
                                                     GError          **error);

GArray           *vv_exercise_parse_answer          (const char       *answer,
                                                     GError          **error);
char             *vv_exercise_format_allocations    (GArray           *allocations);

G_END_DECLS
